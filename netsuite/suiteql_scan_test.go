package netsuite

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSelectColumns(t *testing.T) {
	t.Parallel()
	tests := []struct {
		q    string
		want []string // nil: not ok
	}{
		{"SELECT id, tranid FROM transaction", []string{"id", "tranid"}},
		{"select ID, TranID from transaction", []string{"id", "tranid"}},
		{"SELECT t.id, t.entity FROM transaction t", []string{"id", "entity"}},
		{"SELECT id AS myID, COUNT(*) AS n FROM transaction GROUP BY id", []string{"myid", "n"}},
		{"SELECT COUNT(*) c, t.id tid, 'x' label, 3 three FROM transaction t", []string{"c", "tid", "label", "three"}},
		// The emulator's own column test: expr1, expr2 for unaliased expressions.
		{"SELECT id AS myID, tranid, COUNT(*) OVER (), trandate, 1/2 AS half, BUILTIN.DF(entity) e, ROWNUM, foreigntotal + 1 FROM transaction",
			[]string{"myid", "tranid", "expr1", "trandate", "half", "e", "rownum", "expr2"}},
		{"SELECT TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS'), id FROM customer", []string{"expr1", "id"}},
		{"SELECT CASE WHEN x = 1 THEN 'a, b' ELSE 'c' END FROM t", []string{"expr1"}},
		{"SELECT CASE WHEN x = 1 THEN 'a' ELSE 'c' END status FROM t", []string{"status"}},
		{"SELECT a - b, -1, NULL, SYSDATE FROM t", []string{"expr1", "expr2", "expr3", "expr4"}},
		{"SELECT DISTINCT email FROM customer", []string{"email"}},
		{"SELECT TOP 10 id FROM customer", []string{"id"}},
		{`SELECT "Weird, Name", id "The ID" FROM t`, []string{"weird, name", "the id"}},
		// Comments and literals hide commas, FROMs and parentheses.
		{"SELECT /* a, b FROM */ id, -- c, d\n email FROM customer WHERE x = 'FROM (, ' ", []string{"id", "email"}},
		{"SELECT 'it''s, here' AS s, id FROM t", []string{"s", "id"}},
		// WITH clauses, subqueries, unions, parentheses, a final ;.
		{"WITH a AS (SELECT x, y FROM t) SELECT a.x AS z FROM a", []string{"z"}},
		{"WITH a (c) AS (SELECT 1 FROM dual), b AS (SELECT 2 FROM dual) SELECT c, (SELECT MAX(id) FROM t) m FROM a", []string{"c", "m"}},
		{"SELECT * FROM (SELECT id FROM t) WHERE id > 5", nil},
		{"SELECT id FROM t UNION ALL SELECT other FROM u", []string{"id"}},
		{"(SELECT id, name FROM t)", []string{"id", "name"}},
		{"SELECT id FROM t;", []string{"id"}},
		{"SELECT id", []string{"id"}},
		// Stars and broken lists.
		{"SELECT * FROM customer", nil},
		{"SELECT t.*, id FROM customer t", nil},
		{"SELECT id, FROM t", nil},
		{"UPDATE t SET x = 1", nil},
		{"", nil},
	}
	for _, tt := range tests {
		got, ok := SelectColumns(tt.q)
		if ok != (tt.want != nil) || !slices.Equal(got, tt.want) {
			t.Errorf("SelectColumns(%q) = %q, %v; want %q", tt.q, got, ok, tt.want)
		}
	}
}

func TestKeyOf(t *testing.T) {
	t.Parallel()
	tests := []struct{ q, want string }{
		{"SELECT id, tranid FROM transaction ORDER BY id", "id"},
		{"SELECT id, tranid FROM transaction ORDER BY id ASC;", "id"},
		{"select t.ID from transaction t where x = 'ORDER BY foo' order by t.id -- done", "id"},
		{"SELECT id FROM t WHERE id IN (SELECT id FROM u ORDER BY id) ORDER BY id", "id"},
		{"SELECT id FROM t ORDER BY id DESC", ""},
		{"SELECT id FROM t ORDER BY id, tranid", ""},
		{"SELECT id FROM t ORDER BY tranid", ""},
		{"SELECT id FROM t", ""},
		{"SELECT tranid FROM t ORDER BY id", ""},  // id not selected
		{"SELECT id AS k FROM t ORDER BY id", ""}, // selected as k
		{"SELECT * FROM t ORDER BY id", ""},       // unknown columns
		{"SELECT id FROM t ORDER BY id FETCH FIRST 10 ROWS ONLY", ""},
		{"SELECT id FROM (SELECT id FROM t ORDER BY id)", ""},
	}
	for _, tt := range tests {
		if got := KeyOf(tt.q); got != tt.want {
			t.Errorf("KeyOf(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestKeysetQuery(t *testing.T) {
	t.Parallel()
	q, params := keysetQuery("SELECT id FROM t WHERE x = ? ORDER BY id; -- last", []any{"a"}, "id", "1234")
	want := "SELECT * FROM (SELECT id FROM t WHERE x = ? ORDER BY id; -- last\n) WHERE id > ? ORDER BY id"
	if q != want {
		t.Errorf("query\n%s\nwant\n%s", q, want)
	}
	// A numeric key is bound as a number: as a string 10 would sort
	// before 9.
	if diff := cmp.Diff([]any{"a", json.Number("1234")}, params); diff != "" {
		t.Errorf("params (-want +got):\n%s", diff)
	}
	if _, params := keysetQuery("SELECT code FROM t", nil, "code", "AB-1"); params[0] != "AB-1" {
		t.Errorf("a text key bound as %#v", params[0])
	}
	if q, params := keysetQuery("SELECT code FROM t;", nil, "code", ""); q != "SELECT * FROM (SELECT code FROM t\n) ORDER BY code" || len(params) != 0 {
		t.Errorf("no key yet: %q %v", q, params)
	}
}

// FuzzSelectColumns checks that the scan never panics, names every column
// in lower case, and agrees with KeyOf; a trailing comment changes nothing.
func FuzzSelectColumns(f *testing.F) {
	for _, s := range []string{
		"SELECT id, tranid FROM transaction ORDER BY id",
		"SELECT COUNT(*) c, t.id tid FROM transaction t",
		"WITH a AS (SELECT x FROM t) SELECT a.x AS z FROM a",
		`SELECT "a""b", 'x''y' s FROM t`,
		"SELECT /* unterminated",
		"SELECT 'unterminated",
		"(((SELECT id FROM t)))",
		"SELECT CASE WHEN a THEN b END FROM t",
		"SELECT 1e5, .5x, 1.e+ FROM dual",
		"SELECT é, ß AS straße FROM t",
		")))SELECT((( id",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		cols, ok := SelectColumns(q)
		if !ok && cols != nil {
			t.Errorf("not ok, with columns %q", cols)
		}
		if ok && len(cols) == 0 {
			t.Error("ok with no columns")
		}
		for _, c := range cols {
			if c == "" || c != strings.ToLower(c) {
				t.Errorf("column %q: want a non-empty lower-case name", c)
			}
		}
		key := KeyOf(q)
		if key != "" && key != "id" {
			t.Errorf("KeyOf = %q", key)
		}
		if key == "id" && (!ok || !slices.Contains(cols, "id")) {
			t.Errorf("KeyOf says id, but the columns are %q, %v", cols, ok)
		}
		// A comment on a line of its own after the query changes nothing,
		// unless the query ends inside a quoted identifier, where it is text.
		if !strings.Contains(q, `"`) {
			cols2, ok2 := SelectColumns(q + "\n-- , x FROM ORDER BY id\n")
			if ok2 != ok || !slices.Equal(cols, cols2) || KeyOf(q+"\n/* c */") != key {
				t.Errorf("a trailing comment changed the result: %q %v -> %q %v", cols, ok, cols2, ok2)
			}
		}
	})
}

// FuzzKeyOf checks KeyOf against a query built around a fuzzed select
// list: ordered by id and selecting id, it must say id whenever the
// select list scans to a list that has id.
func FuzzKeyOf(f *testing.F) {
	for _, s := range []string{"id", "t.id, tranid", "COUNT(*) c, id", "id AS k", "*", "'a,b' s, id", "CASE WHEN 1 THEN 2 END, t.id"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, list string) {
		if strings.ContainsAny(list, `'"-/`) {
			return // literals and comments could swallow the rest
		}
		q := "SELECT " + list + " FROM transaction t ORDER BY id"
		cols, ok := SelectColumns(q)
		want := ""
		if ok && slices.Contains(cols, "id") && !strings.ContainsAny(list, "()") {
			want = "id"
		}
		got := KeyOf(q)
		if want == "id" && got != "id" {
			t.Errorf("KeyOf(%q) = %q; the columns %q have id", q, got, cols)
		}
		if got == "id" && !slices.Contains(cols, "id") {
			t.Errorf("KeyOf(%q) = id; the columns are %q", q, cols)
		}
	})
}
