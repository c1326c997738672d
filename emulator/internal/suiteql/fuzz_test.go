package suiteql

import (
	"database/sql"
	"regexp"
	"strings"
	"testing"
)

var sqCall = regexp.MustCompile(`\bsq_[a-z0-9_]+\(`)

// prepare prepares sql; when a function of package oracle is not
// registered in this build, it retries with json_array (any number of
// arguments) standing in for the sq_* functions, so the rest of the SQL is
// still checked.
func prepare(db *sql.DB, q string) (*sql.Stmt, error) {
	stmt, err := db.Prepare(q)
	if err != nil && strings.Contains(err.Error(), "no such function: sq_") {
		return db.Prepare(sqCall.ReplaceAllString(q, "json_array("))
	}
	return stmt, err
}

// FuzzCompile checks that no query makes Compile panic, and that a query
// Compile accepts is SQL that SQLite can prepare. go test runs the seeds
// (the corpus and the table tests' queries) only.
func FuzzCompile(f *testing.F) {
	for _, e := range loadCorpus(f) {
		f.Add(e.Query)
	}
	for _, q := range []string{
		"SELECT * FROM (SELECT a.*, ROWNUM rnum FROM (SELECT id, tranid FROM transaction ORDER BY tranid) a WHERE ROWNUM <= 4) WHERE rnum > 2",
		"SELECT c.entityid, e.entityid FROM entity e, customer c WHERE c.salesrep = e.id(+) AND e.type(+) = 'Employee'",
		"SELECT type, LISTAGG(tranid, ',') WITHIN GROUP (ORDER BY tranid DESC) FROM transaction GROUP BY type",
		"WITH big AS (SELECT id FROM transaction) SELECT COUNT(*) FROM big UNION SELECT 1 FROM DUAL ORDER BY 1",
		"SELECT id FROM transaction WHERE trandate >= '2/10/2024' AND id IN (?, ?) ORDER BY memo DESC NULLS LAST",
		"SELECT TOP 2 id, ROW_NUMBER() OVER (PARTITION BY type ORDER BY id) FROM transaction WHERE ROWNUM < 4 ORDER BY 2",
	} {
		f.Add(q)
	}
	db := openDB(f)
	env := testEnv()
	f.Fuzz(func(t *testing.T, q string) {
		_, n, err := parse(q)
		if err != nil {
			return
		}
		params := make([]any, n)
		for i := range params {
			params[i] = float64(i + 1)
		}
		st, err := Compile(q, params, env)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("Compile(%q) gave %T %v, want *Error", q, err, err)
			}
			return
		}
		stmt, err := prepare(db, st.SQL)
		if err != nil {
			t.Fatalf("Compile(%q) gave SQL SQLite cannot prepare: %v\n%s", q, err, st.SQL)
		}
		stmt.Close()
	})
}
