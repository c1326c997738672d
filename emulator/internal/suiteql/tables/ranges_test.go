package tables_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/filter"
	"github.com/nsconnect/nsconnect/emulator/internal/suiteql"
)

// compile translates a query for the test account at e.now.
func (e *env) compile(q string, params ...any) *suiteql.Statement {
	e.t.Helper()
	loc, _ := time.LoadLocation(zone)
	st, err := suiteql.Compile(q, params, suiteql.Env{Schema: e.schema, Now: e.now, Location: loc, DateFormat: filter.FormatMDY})
	if err != nil {
		e.t.Fatalf("%s: %v", q, err)
	}
	return st
}

// A range on a system date reads the store's date index instead of every
// record, for the family tables and the per-type ones alike.
func TestDateRangesReadTheIndex(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, tc := range []struct{ query, index string }{
		{"SELECT id FROM transaction WHERE lastmodifieddate >= TO_DATE('2026-03-01 00:00:00', 'YYYY-MM-DD HH24:MI:SS') ORDER BY lastmodifieddate, id",
			"records_family_last_modified (family=? AND last_modified>?)"},
		{"SELECT id FROM transaction WHERE lastmodifieddate > TO_TIMESTAMP(?, 'YYYY-MM-DD HH24:MI:SS.FF3')",
			"records_family_last_modified (family=? AND last_modified>?)"},
		{"SELECT id FROM entity WHERE datecreated BETWEEN ? AND ?", "records_family_date_created (family=? AND date_created>? AND date_created<?)"},
		{"SELECT id FROM customer WHERE lastmodifieddate >= SYSDATE - 7", "records_last_modified (type=? AND last_modified>?)"},
		{"SELECT id FROM item WHERE TO_DATE('3/1/2026', 'MM/DD/YYYY') <= lastmodifieddate", "records_family_last_modified (family=? AND last_modified>?)"},
	} {
		params := []any{"2026-03-01 00:00:00.000"}
		if strings.Contains(tc.query, "BETWEEN") {
			params = []any{"3/1/2026", "3/31/2026"}
		}
		if !strings.Contains(tc.query, "?") {
			params = nil
		}
		st := e.compile(tc.query, params...)
		var plan []string
		for _, r := range e.rows("EXPLAIN QUERY PLAN "+st.SQL, st.Args...) {
			plan = append(plan, r[len(r)-1])
		}
		got := strings.Join(plan, "\n")
		if !strings.Contains(got, "USING INDEX "+tc.index) && !strings.Contains(got, "USING COVERING INDEX "+tc.index) {
			t.Errorf("%s: plan\n%s\nwant a search of %s", tc.query, got, tc.index)
		}
	}
}

// The index condition never changes the answer: across both DST changes
// of the account's zone, every threshold selects the same records with it as
// without it (lastmodifieddate + 0 is an expression, which the translator
// does not index).
func TestDateRangesKeepTheAnswer(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// Records modified every 20 minutes around the spring-forward
	// (2026-03-08 10:00 UTC) and fall-back (2026-11-01 09:00 UTC) changes.
	var stamps []time.Time
	for _, base := range []time.Time{time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)} {
		for i := range 72 {
			stamps = append(stamps, base.Add(time.Duration(i)*20*time.Minute))
		}
	}
	for i, at := range stamps {
		e.now = at
		e.create("department", `{"name": "D`+strconv.Itoa(i)+`"}`)
	}
	count := func(q string, params ...any) string {
		st := e.compile(q, params...)
		return e.rows(st.SQL, st.Args...)[0][0]
	}
	loc, _ := time.LoadLocation(zone)
	for _, op := range []string{">=", ">", "<=", "<", "="} {
		for i := 0; i < len(stamps); i += 5 {
			at := stamps[i]
			wall := at.In(loc).Format("2006-01-02 15:04:05")
			q := "SELECT COUNT(*) FROM department WHERE lastmodifieddate " + op + " TO_DATE(?, 'YYYY-MM-DD HH24:MI:SS')"
			plain := "SELECT COUNT(*) FROM department WHERE lastmodifieddate + 0 " + op + " TO_DATE(?, 'YYYY-MM-DD HH24:MI:SS')"
			if got, want := count(q, wall), count(plain, wall); got != want {
				t.Errorf("%s %s: %s rows with the index condition, %s without", op, wall, got, want)
			}
		}
	}
}

// Ordered by a system date (as a trigger pages what changed), a page reads
// the date index in order instead of sorting every matching row.
func TestDateOrderReadsTheIndex(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	st := e.compile("SELECT q.*, TO_CHAR(SYS_EXTRACT_UTC(q.lastmodifieddate), 'YYYY-MM-DD HH24:MI:SS') AS at FROM transaction q WHERE q.type = 'SalesOrd' AND q.lastmodifieddate >= TO_TIMESTAMP(?, 'YYYY-MM-DD HH24:MI:SS') ORDER BY q.lastmodifieddate, q.id", "2026-01-01 00:00:00")
	var plan []string
	for _, r := range e.rows("EXPLAIN QUERY PLAN SELECT * FROM ("+st.SQL+") LIMIT 1000 OFFSET 5000", st.Args...) {
		plan = append(plan, r[len(r)-1])
	}
	got := strings.Join(plan, "\n")
	// No sort at all: not even of the ids within one second ("LAST
	// TERM"), which would compute every column of every row up to the page.
	if !strings.Contains(got, "records_family_last_modified") || strings.Contains(got, "TEMP B-TREE") {
		t.Errorf("plan\n%s\nwant the date index read in order, no full sort", got)
	}
}
