package tables_test

import (
	"strings"
	"testing"
)

// A keyset page of a record table reads the records' primary key (family,
// id) or the (type, id) index from the bound on, in order: the source is
// flattened into the query, with no sort and no scan.
func TestKeysetPageReadsTheIndex(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, tc := range []struct{ table, index string }{
		{"transaction", "sqlite_autoindex_records_1 (family=? AND id>?)"},
		{"entity", "sqlite_autoindex_records_1 (family=? AND id>?)"},
		{"item", "sqlite_autoindex_records_1 (family=? AND id>?)"},
		{"customer", "records_type_id (type=? AND id>?)"},
		{"employee", "records_type_id (type=? AND id>?)"},
		{"account", "records_type_id (type=? AND id>?)"},
		{"customrecord_region", "records_type_id (type=? AND id>?)"},
	} {
		tb := e.table(tc.table)
		for _, cols := range [][]string{{"id"}, {"id", "lastmodifieddate", "externalid"}} {
			if _, ok := tb.Column(cols[1%len(cols)]); !ok {
				cols = cols[:1]
			}
			q := "EXPLAIN QUERY PLAN SELECT \"id\" FROM (" + tb.Source(cols) + ") AS t WHERE \"id\" > ? ORDER BY \"id\" LIMIT 1000"
			var plan []string
			for _, r := range e.rows(q, 5) {
				plan = append(plan, r[len(r)-1])
			}
			got := strings.Join(plan, "\n")
			if !strings.Contains(got, "SEARCH r USING INDEX "+tc.index) && !strings.Contains(got, "SEARCH r USING COVERING INDEX "+tc.index) {
				t.Errorf("%s %v: plan\n%s\nwant a search of %s", tc.table, cols, got, tc.index)
			}
			if strings.Contains(got, "TEMP B-TREE") || strings.Contains(got, "SCAN") || strings.Contains(got, "CO-ROUTINE") {
				t.Errorf("%s %v: plan\n%s\nwant no sort, scan or co-routine", tc.table, cols, got)
			}
		}
	}
}

// The keyset continuation a client wraps around an ordered query
// (netsuite.SuiteQLService.Rows past the cap) reads the primary key from the
// key on, not the whole derived table on every page.
func TestKeysetOverAnOrderedQueryReadsTheIndex(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	st := e.compile("SELECT * FROM (SELECT id, tranid FROM transaction ORDER BY id) WHERE id > ? ORDER BY id", 5)
	var plan []string
	for _, r := range e.rows("EXPLAIN QUERY PLAN "+st.SQL+" LIMIT 1000", st.Args...) {
		plan = append(plan, r[len(r)-1])
	}
	got := strings.Join(plan, "\n")
	if !strings.Contains(got, "(family=? AND id>?)") || strings.Contains(got, "CO-ROUTINE") || strings.Contains(got, "MATERIALIZE") {
		t.Errorf("plan\n%s\nwant a search of the primary key from the key, with no subquery run", got)
	}
}
