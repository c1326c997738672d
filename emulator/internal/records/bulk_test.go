package records

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nsconnect/nsconnect/emulator/internal/account"
	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
	"github.com/nsconnect/nsconnect/emulator/internal/seed"
	"github.com/nsconnect/nsconnect/emulator/internal/sqltest"
	"github.com/nsconnect/nsconnect/emulator/internal/store"
)

// stepClock gives a time one second later at each call, so that every
// record gets dates of its own: a record made out of turn, or the clock read
// more or fewer times, shows in the dates.
type stepClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

// The bulk path makes the records the record service makes one Create at a
// time: the same rows in the same order (type, ID, external ID, body bytes,
// dates), the same sequences, tranId counters, counts and system notes, and
// the same indexes and triggers afterwards.
func TestBulkMakesTheRecordsCreateMakes(t *testing.T) {
	t.Parallel()
	acct := account.Demo()
	base, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := base.WithCustom(acct.CatalogCustom())
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 11, 28, 17, 30, 0, 0, time.UTC)
	for _, n := range []int{seed.DefaultRecords, 2_000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			t.Parallel()
			opts := seed.Options{Seed: 3, Records: n, Now: start.In(acct.Location)}
			seedInto := func(name string, bulk bool) (string, *seed.Summary) {
				path := filepath.Join(t.TempDir(), name+".db")
				st, err := store.Open(path)
				if err != nil {
					t.Fatal(err)
				}
				defer st.Close()
				clock := &stepClock{t: start}
				svc := New(Config{Catalog: cat, Store: st, Now: clock.Now, Location: acct.Location, DateFormat: acct.DateFormat})
				ctx := context.Background()
				var sum *seed.Summary
				if bulk {
					err = svc.Bulk(ctx, func(b *Bulk) error {
						sum, err = seed.Demo(ctx, b, opts)
						return err
					})
				} else {
					sum, err = seed.Demo(ctx, svc, opts)
				}
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				return path, sum
			}
			onePath, oneSum := seedInto("one-by-one", false)
			bulkPath, bulkSum := seedInto("bulk", true)
			if diff := cmp.Diff(oneSum, bulkSum); diff != "" {
				t.Errorf("summary (-one by one +bulk):\n%s", diff)
			}
			one, bulk := dumpStore(t, onePath), dumpStore(t, bulkPath)
			if len(one["records"]) != n {
				t.Fatalf("%d records, want %d", len(one["records"]), n)
			}
			if len(one["system_notes"]) != n {
				t.Fatalf("%d system notes, want one Create note per record, %d", len(one["system_notes"]), n)
			}
			for table, rows := range one {
				if diff := cmp.Diff(rows, bulk[table]); diff != "" {
					t.Errorf("%s (-one by one +bulk):\n%s", table, diff)
				}
			}
		})
	}
}

// dumpStore reads every table that a seed writes from a store's file, rows
// as text in a fixed order: the records in rowid order, so that the order of
// insertion counts too.
func dumpStore(t *testing.T, path string) map[string][]string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := make(map[string][]string)
	for table, q := range map[string]string{
		"records":   `SELECT rowid, family, id, type, external_id, body, date_created, last_modified FROM records ORDER BY rowid`,
		"sequences": `SELECT family, next FROM sequences ORDER BY family`,
		// seeding and seeded are the emulator's; here only the tranId
		// counters are in meta.
		"meta":            `SELECT key, value FROM meta ORDER BY key`,
		"type_counts":     `SELECT type, n FROM type_counts ORDER BY type`,
		"deleted_records": `SELECT type, id FROM deleted_records`,
		"system_notes":    `SELECT id, type, record_id, operation, field, old_value, new_value, date FROM system_notes ORDER BY id`,
		"schema":          `SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name`,
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		values, err := sqltest.Values(rows)
		if err != nil {
			t.Fatal(err)
		}
		for _, vals := range values {
			out[table] = append(out[table], fmt.Sprintf("%q", vals))
		}
		rows.Close()
	}
	return out
}

// A store that holds records already gets them one Create at a time, with
// the same result as Create.
func TestBulkOnAStoreWithRecords(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	sub, err := e.s.Create(ctx, "subsidiary", []byte(`{"name": "Parent"}`))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	err = e.s.Bulk(ctx, func(b *Bulk) error {
		for _, body := range []string{`{"companyName": "A", "subsidiary": {"id": "` + sub + `"}}`, `{"companyName": "B", "subsidiary": "` + sub + `"}`} {
			id, err := b.Create(ctx, "customer", []byte(body))
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		_, err := b.Create(ctx, "customer", []byte(`{"companyName": "C", "subsidiary": {"id": "999"}}`))
		if err == nil {
			t.Error("a reference to a missing record was accepted")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"1", "2"}, ids); diff != "" {
		t.Errorf("IDs (-want +got):\n%s", diff)
	}
}

// The bulk path refuses what Create refuses, with the same errors, and a
// refused record takes no ID and no tranId.
func TestBulkRefusesWhatCreateRefuses(t *testing.T) {
	t.Parallel()
	bodies := []struct{ typ, body string }{
		{"subsidiary", `{"name": "Parent"}`},
		{"customer", `{"companyName": "A", "subsidiary": {"id": "1"}, "externalId": "X"}`},
		{"customer", `{"companyName": "B", "subsidiary": {"id": "1"}, "externalId": "X"}`}, // duplicate
		{"customer", `{"companyName": "C", "subsidiary": {"id": "2"}}`},                    // no such subsidiary
		{"customer", `{"companyName": "D", "subsidiary": {"id": "1"}, "nope": 1}`},         // unknown field
		{"customer", `{"subsidiary": {"id": "1"}}`},                                        // mandatory
		{"nonsense", `{}`},
		{"customer", `[1]`},
		{"inventoryItem", `{"itemId": "HIVE", "subsidiary": {"items": [{"id": "1"}]}}`},
		{"salesOrder", `{"entity": {"id": "2"}, "item": {"items": [{"item": {"id": "1"}, "quantity": 2, "rate": 2.5}]}}`},
		{"salesOrder", `{"entity": {"id": "2"}, "item": {"items": [{"item": {"id": "9"}, "quantity": 1}]}}`}, // no item 9
		{"salesOrder", `{"entity": {"id": "2"}, "item": {"items": [{"item": {"id": "1"}, "quantity": 1, "rate": 1}]}}`},
		{"invoice", `{"entity": {"id": "2"}, "item": {"items": [{"item": {"id": "1"}, "quantity": 1, "rate": 1}]}}`}, // subsidiary from the customer
	}
	type result struct{ ID, Err string }
	run := func(bulk bool) ([]result, []*store.Record) {
		e := newEnv(t)
		e.clock.Set(time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC))
		ctx := context.Background()
		var out []result
		do := func(c interface {
			Create(context.Context, string, []byte) (string, error)
		}) {
			for _, b := range bodies {
				id, err := c.Create(ctx, b.typ, []byte(b.body))
				r := result{ID: id}
				if err != nil {
					r.Err = err.Error()
				}
				out = append(out, r)
			}
		}
		if bulk {
			if err := e.s.Bulk(ctx, func(b *Bulk) error { do(b); return nil }); err != nil {
				t.Fatal(err)
			}
		} else {
			do(e.s)
		}
		var recs []*store.Record
		for _, typ := range []string{"subsidiary", "customer", "inventoryItem", "salesOrder", "invoice"} {
			if err := e.st.List(ctx, typ, func(r *store.Record) (bool, error) {
				recs = append(recs, r)
				return true, nil
			}); err != nil {
				t.Fatal(err)
			}
		}
		return out, recs
	}
	one, oneRecs := run(false)
	bulk, bulkRecs := run(true)
	if diff := cmp.Diff(one, bulk); diff != "" {
		t.Errorf("results (-Create +Bulk):\n%s", diff)
	}
	if diff := cmp.Diff(oneRecs, bulkRecs); diff != "" {
		t.Errorf("records (-Create +Bulk):\n%s", diff)
	}
}
