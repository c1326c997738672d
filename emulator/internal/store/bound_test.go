package store_test

import (
	"context"
	"database/sql"
	"flag"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/account"
	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
	"github.com/nsconnect/nsconnect/emulator/internal/records"
	"github.com/nsconnect/nsconnect/emulator/internal/seed"
	"github.com/nsconnect/nsconnect/emulator/internal/store"
)

var boundRecords = flag.Int("bound.records", 100_000, "records of BenchmarkLoadBound")

// BenchmarkLoadBound is the physical bound under seeding: the rows a seed of
// -bound.records records writes (seeded once through the record service's
// bulk path, read back as SQL values), inserted again by plain SQL into an
// empty store of the same schema, with nothing computed in Go. One run per
// iteration, so use -benchtime 1x.
//
//   - indexed: one prepared INSERT per row, 10,000 rows a transaction, the
//     indexes and triggers maintained as rows go in;
//   - deferred: the same inserts with the secondary indexes and triggers
//     dropped first and created again after (PRAGMA threads as well), as
//     store.Load does; its insert-s and index-s metrics split the time.
//
// Compare rec/s with the emulator's BenchmarkSeed.
func BenchmarkLoadBound(b *testing.B) {
	rows := seededRows(b, *boundRecords)
	for _, mode := range []string{"indexed", "deferred"} {
		b.Run(mode, func(b *testing.B) {
			b.StopTimer()
			for range b.N {
				path := filepath.Join(b.TempDir(), "bound.db")
				st, err := store.Open(path) // the schema
				if err != nil {
					b.Fatal(err)
				}
				st.Close()
				db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(OFF)&_txlock=immediate")
				if err != nil {
					b.Fatal(err)
				}
				db.SetMaxOpenConns(1)
				var restore []string
				if mode == "deferred" {
					restore = dropIndexes(b, db)
				}
				b.StartTimer()
				start := time.Now()
				insertRows(b, db, rows)
				inserted := time.Since(start)
				if mode == "deferred" {
					// As store.Load builds them.
					if _, err := db.Exec(`PRAGMA threads = ` + strconv.Itoa(min(runtime.NumCPU(), 8))); err != nil {
						b.Fatal(err)
					}
				}
				for _, q := range restore {
					if _, err := db.Exec(q); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				total := time.Since(start)
				b.ReportMetric(float64(len(rows))/total.Seconds(), "rec/s")
				b.ReportMetric(total.Seconds(), "s")
				if mode == "deferred" {
					b.ReportMetric(inserted.Seconds(), "insert-s")
					b.ReportMetric((total - inserted).Seconds(), "index-s")
				}
				db.Close()
			}
		})
	}
}

// seededRows seeds n records into a file and returns its records table's
// rows in insertion order.
func seededRows(b *testing.B, n int) [][]any {
	b.Helper()
	acct := account.Demo()
	base, err := catalog.Default()
	if err != nil {
		b.Fatal(err)
	}
	cat, err := base.WithCustom(acct.CatalogCustom())
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "seeded.db")
	st, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 11, 28, 17, 30, 0, 0, time.UTC)
	svc := records.New(records.Config{Catalog: cat, Store: st, Now: func() time.Time { return now }, Location: acct.Location})
	ctx := context.Background()
	if err := svc.Bulk(ctx, func(c *records.Bulk) error {
		_, err := seed.Demo(ctx, c, seed.Options{Seed: 1, Records: n, Now: now.In(acct.Location)})
		return err
	}); err != nil {
		b.Fatal(err)
	}
	st.Close()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	rs, err := db.Query(`SELECT family, id, type, external_id, body, date_created, last_modified FROM records ORDER BY rowid`)
	if err != nil {
		b.Fatal(err)
	}
	defer rs.Close()
	var rows [][]any
	for rs.Next() {
		var family, typ, body, created, modified string
		var id int64
		var eid sql.NullString
		if err := rs.Scan(&family, &id, &typ, &eid, &body, &created, &modified); err != nil {
			b.Fatal(err)
		}
		var e any
		if eid.Valid {
			e = eid.String
		}
		rows = append(rows, []any{family, id, typ, e, body, created, modified})
	}
	if err := rs.Err(); err != nil {
		b.Fatal(err)
	}
	return rows
}

func dropIndexes(b *testing.B, db *sql.DB) (restore []string) {
	b.Helper()
	rs, err := db.Query(`SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'records' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid`)
	if err != nil {
		b.Fatal(err)
	}
	var drops []string
	for rs.Next() {
		var typ, name, q string
		if err := rs.Scan(&typ, &name, &q); err != nil {
			b.Fatal(err)
		}
		drops = append(drops, "DROP "+typ+" "+name)
		restore = append(restore, q)
	}
	rs.Close()
	for _, d := range drops {
		if _, err := db.Exec(d); err != nil {
			b.Fatal(err)
		}
	}
	return restore
}

func insertRows(b *testing.B, db *sql.DB, rows [][]any) {
	b.Helper()
	for i := 0; i < len(rows); i += 10_000 {
		tx, err := db.Begin()
		if err != nil {
			b.Fatal(err)
		}
		ins, err := tx.Prepare(`INSERT INTO records (family, id, type, external_id, body, date_created, last_modified) VALUES (?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range rows[i:min(i+10_000, len(rows))] {
			if _, err := ins.Exec(r...); err != nil {
				b.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}
