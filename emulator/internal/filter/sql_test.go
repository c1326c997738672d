package filter

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// openDB opens a private in-memory database with a records table shaped as
// the store's, on one pinned connection (an in-memory database lives and dies
// with its connection).
func openDB(tb testing.TB) *sql.Conn {
	tb.Helper()
	db, err := sql.Open("sqlite", "file:x?mode=memory")
	if err != nil {
		tb.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		conn.Close()
		db.Close()
	})
	if _, err := conn.ExecContext(context.Background(), `
CREATE TABLE records (
	family        TEXT    NOT NULL,
	id            INTEGER NOT NULL,
	type          TEXT    NOT NULL,
	external_id   TEXT,
	body          TEXT    NOT NULL,
	date_created  TEXT    NOT NULL,
	last_modified TEXT    NOT NULL
);
CREATE UNIQUE INDEX records_type_id ON records (type, id);`); err != nil {
		tb.Fatal(err)
	}
	return conn
}

// testColumn reads a field as the store keeps it: the internal ID in the id
// column, the rest in the JSON body.
func testColumn(field string) string {
	if field == "id" {
		return "id"
	}
	return JSONColumn("body", field)
}

// storedRecord is a record as the store keeps it and as the list endpoint
// reads it back for Match.
type storedRecord struct {
	id   int64
	body map[string]any // before encoding
	rec  Record         // decoded by encoding/json, plus "id"
}

func insert(tb testing.TB, conn *sql.Conn, recordType string, id int64, body map[string]any) storedRecord {
	tb.Helper()
	raw, err := json.Marshal(body)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := conn.ExecContext(context.Background(),
		`INSERT INTO records (family, id, type, body, date_created, last_modified) VALUES ('x', ?, ?, ?, '', '')`,
		id, recordType, string(raw)); err != nil {
		tb.Fatal(err)
	}
	var rec Record
	if err := json.Unmarshal(raw, &rec); err != nil {
		tb.Fatal(err)
	}
	rec["id"] = float64(id) // as the list endpoint does
	return storedRecord{id: id, body: body, rec: rec}
}

// goIDs returns the IDs of the records Match accepts, ascending.
func goIDs(f *Filter, recs []storedRecord) []int64 {
	ids := []int64{}
	for _, r := range recs {
		if f.Match(r.rec) {
			ids = append(ids, r.id)
		}
	}
	return ids
}

// sqlIDs returns the IDs of the records of recordType that f.SQL selects,
// ascending.
func sqlIDs(tb testing.TB, conn *sql.Conn, recordType string, f *Filter) []int64 {
	tb.Helper()
	expr, args := f.SQL(testColumn)
	rows, err := conn.QueryContext(context.Background(),
		`SELECT id FROM records WHERE type = ? AND `+expr+` ORDER BY id`,
		append([]any{recordType}, args...)...)
	if err != nil {
		tb.Fatalf("%s\nSQL %s %#v: %v", f.Expr(), expr, args, err)
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			tb.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return ids
}

func TestSQLForms(t *testing.T) {
	t.Parallel()
	la := mustLoad(t, "America/Los_Angeles")
	const (
		company  = `json_extract(body, '$."companyName"')`
		fcompany = `ns_fold(json_extract(body, '$."companyName"'))`
		email    = `json_extract(body, '$."email"')`
		modified = `json_extract(body, '$."lastModifiedDate"')`
		credit   = `json_extract(body, '$."creditLimit"')`
	)
	tests := []struct {
		q     string
		loc   *time.Location
		want  string
		wargs []any
	}{
		{`companyName IS "ÄRGER"`, nil, fcompany + ` = ?`, []any{"ärger"}},
		{`companyName IS ""`, nil, `0`, nil},
		{`companyName IS_NOT Acme`, nil, `(NOT coalesce(` + fcompany + ` = ?, 0))`, []any{"acme"}},
		{`companyName START_WITH "Straße"`, nil, `(` + fcompany + ` >= ? AND ` + fcompany + ` < ?)`, []any{"straße", "straße\xff"}},
		{`companyName START_WITH ""`, nil, fcompany + ` > ?`, []any{""}},
		{`email CONTAIN "@Example"`, nil, `(typeof(` + email + `) = 'text' AND instr(ns_fold(` + email + `), ?) > 0)`, []any{"@example"}},
		{`email END_WITH .COM`, nil, `(typeof(` + email + `) = 'text' AND substr(CAST(ns_fold(` + email + `) AS BLOB), ?) = ?)`, []any{int64(-4), []byte(".com")}},
		{`companyName EMPTY`, nil, `coalesce(` + company + `, '') = ''`, nil},
		{`companyName EMPTY_NOT`, nil, `(NOT coalesce(coalesce(` + company + `, '') = '', 0))`, nil},
		{`isInactive EMPTY`, nil, `0`, nil},
		{`isInactive EMPTY_NOT`, nil, `1`, nil},
		{`isInactive IS TRUE`, nil, `json_extract(body, '$."isInactive"') = 1`, nil},
		{`isInactive IS false`, nil, `json_extract(body, '$."isInactive"') IS NOT 1`, nil},
		{`id BETWEEN_NOT [1, 42]`, nil, `(NOT coalesce(id BETWEEN ? AND ?, 0))`, []any{1.0, 42.0}},
		{`id ANY_OF [1, 2, 3]`, nil, `id IN (?, ?, ?)`, []any{1.0, 2.0, 3.0}},
		{`creditLimit GREATER_OR_EQUAL 1000 OR creditLimit LESS_OR_EQUAL 10`, nil, `(` + credit + ` >= ? OR ` + credit + ` <= ?)`, []any{1000.0, 10.0}},
		{`subsidiary ANY_OF [1, 007]`, nil, `json_extract(body, '$."subsidiary"') IN (?, ?)`, []any{"1", "7"}},
		{`subsidiary EQUAL_NOT -0`, nil, `(NOT coalesce(json_extract(body, '$."subsidiary"') = ?, 0))`, []any{"0"}},
		{`emailPreference IS Pdf`, nil, `ns_fold(json_extract(body, '$."emailPreference"')) = ?`, []any{"pdf"}},
		{`emailPreference ANY_OF [PDF, "", html]`, nil, `ns_fold(json_extract(body, '$."emailPreference"')) IN (?, ?)`, []any{"pdf", "html"}},
		{`emailPreference ANY_OF_NOT ""`, nil, `1`, nil},
		{`startDate BEFORE "3/8/2026"`, la, `(json_extract(body, '$."startDate"') > '' AND json_extract(body, '$."startDate"') < ?)`, []any{"2026-03-08"}},
		{`startDate ON_OR_AFTER "3/8/2026"`, la, `json_extract(body, '$."startDate"') >= ?`, []any{"2026-03-08"}},
		// 2026-03-08 is 23 hours long in Los Angeles (DST starts).
		{`lastModifiedDate ON "3/8/2026"`, la, `(` + modified + ` >= ? AND ` + modified + ` < ? AND length(` + modified + `) = 20)`, []any{"2026-03-08T08:00:00Z", "2026-03-09T07:00:00Z"}},
		{`lastModifiedDate ON_OR_AFTER "3/8/2026"`, la, `(` + modified + ` >= ? AND length(` + modified + `) = 20)`, []any{"2026-03-08T08:00:00Z"}},
		{`lastModifiedDate AFTER "3/8/2026"`, la, `(` + modified + ` >= ? AND length(` + modified + `) = 20)`, []any{"2026-03-09T07:00:00Z"}},
		{`lastModifiedDate BEFORE "3/8/2026"`, la, `(` + modified + ` < ? AND length(` + modified + `) = 20)`, []any{"2026-03-08T08:00:00Z"}},
		{`lastModifiedDate ON_OR_BEFORE_NOT "3/8/2026"`, la, `(NOT coalesce((` + modified + ` < ? AND length(` + modified + `) = 20), 0))`, []any{"2026-03-09T07:00:00Z"}},
		// The end of the last day is past every stored datetime.
		{`lastModifiedDate ON_OR_BEFORE "12/31/9999"`, la, `(` + modified + ` < ? AND length(` + modified + `) = 20)`, []any{":"}},
		{`email IS a AND (id EQUAL 1 OR id EQUAL 2) AND isInactive IS true`, nil,
			`(ns_fold(` + email + `) = ? AND (id = ? OR id = ?) AND json_extract(body, '$."isInactive"') = 1)`, []any{"a", 1.0, 2.0}},
	}
	rt := recordType(t, "customer")
	for _, tt := range tests {
		f := mustCompile(t, tt.q, rt, Options{Location: tt.loc})
		expr, args := f.SQL(testColumn)
		if expr != tt.want {
			t.Errorf("%s: SQL =\n  %s\nwant\n  %s", tt.q, expr, tt.want)
		}
		if diff := cmp.Diff(tt.wargs, args); diff != "" {
			t.Errorf("%s: args mismatch (-want +got):\n%s", tt.q, diff)
		}
	}
}

// TestSQLIndexPlans checks that SQLite answers the hot cases from expression
// indexes of the form the store creates.
func TestSQLIndexPlans(t *testing.T) {
	t.Parallel()
	conn := openDB(t)
	ctx := context.Background()
	for _, ddl := range []string{
		`CREATE INDEX records_company ON records (type, ` + FoldFunc + `(` + JSONColumn("body", "companyName") + `))`,
		`CREATE INDEX records_modified ON records (type, ` + JSONColumn("body", "lastModifiedDate") + `)`,
		`CREATE INDEX records_start ON records (type, ` + JSONColumn("body", "startDate") + `)`,
	} {
		if _, err := conn.ExecContext(ctx, ddl); err != nil {
			t.Fatalf("%s: %v", ddl, err)
		}
	}
	rt := recordType(t, "customer")
	for i := range 50 {
		insert(t, conn, "customer", int64(i+1), map[string]any{
			"companyName":      fmt.Sprintf("Company %d", i),
			"lastModifiedDate": time.Date(2026, 3, 1+i%20, 0, 0, 0, 0, time.UTC).Format(time.RFC3339),
		})
	}
	la := mustLoad(t, "America/Los_Angeles")
	tests := []struct {
		q, plan string
	}{
		{`companyName IS "Company 7"`, "USING INDEX records_company (type=? AND <expr>=?)"},
		{`companyName START_WITH "company 1"`, "USING INDEX records_company (type=? AND <expr>>? AND <expr><?)"},
		{`lastModifiedDate ON_OR_AFTER "3/8/2026"`, "USING INDEX records_modified (type=? AND <expr>>?)"},
		{`lastModifiedDate ON "3/8/2026"`, "USING INDEX records_modified (type=? AND <expr>>? AND <expr><?)"},
		{`lastModifiedDate BEFORE "3/8/2026"`, "USING INDEX records_modified (type=? AND <expr><?)"},
		{`startDate ON "3/8/2026"`, "USING INDEX records_start (type=? AND <expr>=?)"},
	}
	for _, tt := range tests {
		f := mustCompile(t, tt.q, rt, Options{Location: la})
		expr, args := f.SQL(testColumn)
		rows, err := conn.QueryContext(ctx, `EXPLAIN QUERY PLAN SELECT id FROM records WHERE type = ? AND `+expr,
			append([]any{"customer"}, args...)...)
		if err != nil {
			t.Fatalf("%s: %v", tt.q, err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		if got := strings.Join(plan, "; "); !strings.Contains(got, tt.plan) {
			t.Errorf("%s: plan %q, want it to contain %q\n(SQL %s)", tt.q, got, tt.plan, expr)
		}
	}
}

func TestJSONColumn(t *testing.T) {
	t.Parallel()
	conn := openDB(t)
	ctx := context.Background()
	keys := []string{"companyName", `a"b`, `a\b`, `a\"b`, "it's", "a.b", "a[0]", "$", "*", "sp ace", "é", "😀",
		"tab\there", "nul\x00", "del\x7f", `"`, `\`, "'", "''", "-- x", "');DROP TABLE records;--"}
	body := map[string]any{}
	for i, k := range keys {
		body[k] = i
	}
	insert(t, conn, "t", 1, body)
	if got, want := JSONColumn("body", "companyName"), `json_extract(body, '$."companyName"')`; got != want {
		t.Errorf("JSONColumn = %s, want %s", got, want)
	}
	for i, k := range keys {
		var got sql.NullInt64
		col := JSONColumn("body", k)
		if err := conn.QueryRowContext(ctx, `SELECT `+col+` FROM records`).Scan(&got); err != nil {
			t.Errorf("%q: %s: %v", k, col, err)
			continue
		}
		if !got.Valid || got.Int64 != int64(i) {
			t.Errorf("%q: %s = %v, want %d", k, col, got, i)
		}
	}
}

func TestFoldFunc(t *testing.T) {
	t.Parallel()
	conn := openDB(t)
	ctx := context.Background()
	for _, s := range []string{"", "abc", "ÄRGER", "ÉCOLE", "Straße", "İstanbul", "ǅ", "\u212a", "ΣΑΣ", "A\x00B", "\uFFFD", "ẞ"} {
		var got string
		if err := conn.QueryRowContext(ctx, `SELECT `+FoldFunc+`(?)`, s).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if want := strings.ToLower(s); got != want {
			t.Errorf("%s(%q) = %q, want %q", FoldFunc, s, got, want)
		}
	}
	var typ string
	var null sql.NullString
	if err := conn.QueryRowContext(ctx,
		`SELECT typeof(`+FoldFunc+`(5)) || typeof(`+FoldFunc+`(1.5)) || typeof(`+FoldFunc+`(x'41')), `+FoldFunc+`(NULL)`).Scan(&typ, &null); err != nil {
		t.Fatal(err)
	}
	if typ != "integerrealblob" || null.Valid {
		t.Errorf("types %s, NULL -> %v; want integerrealblob and NULL", typ, null)
	}
	var blob []byte
	if err := conn.QueryRowContext(ctx, `SELECT `+FoldFunc+`(x'41ff')`).Scan(&blob); err != nil || string(blob) != "A\xff" {
		t.Errorf("blob -> %q, %v; want it unchanged", blob, err)
	}
}
