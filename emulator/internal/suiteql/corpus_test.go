package suiteql

import (
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"
)

type corpusEntry struct {
	ID    int    `json:"id"`
	Query string `json:"query"`
	Note  string `json:"note"`
}

func loadCorpus(t testing.TB) []corpusEntry {
	t.Helper()
	b, err := os.ReadFile("testdata/corpus.json")
	if err != nil {
		t.Fatal(err)
	}
	var c []corpusEntry
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestCorpusParses parses every real query of the corpus; the NEGATIVE ones
// may fail, but not with a syntax error unless Oracle says so.
func TestCorpusParses(t *testing.T) {
	ok := 0
	c := loadCorpus(t)
	for _, e := range c {
		_, _, err := parse(e.Query)
		if err != nil {
			if strings.Contains(e.Note, "NEGATIVE") {
				continue
			}
			t.Errorf("query %d: %v\n%s", e.ID, err, e.Query)
			continue
		}
		ok++
	}
	t.Logf("%d of %d corpus queries parse", ok, len(c))
}

// TestCorpusCompiles translates every corpus query against a schema made up
// for it (every table has every name the query mentions as a column), and
// checks that what compiles prepares in SQLite. Queries that name a column
// of several tables unqualified are ambiguous there and are counted apart.
func TestCorpusCompiles(t *testing.T) {
	db := openDB(t)
	counts := map[string]int{}
	for _, e := range loadCorpus(t) {
		toks, err := lex(e.Query)
		if err != nil {
			continue
		}
		names := map[string]bool{}
		for _, tk := range toks {
			if tk.kind == tokIdent || tk.kind == tokQuoted {
				names[strings.ToLower(tk.text)] = true
			}
		}
		schema := corpusSchema{names: names}
		env := testEnv()
		env.Schema = schema
		_, n, _ := parse(e.Query)
		params := make([]any, n)
		for i := range params {
			params[i] = "1"
		}
		st, err := Compile(e.Query, params, env)
		if err != nil {
			msg := err.Error()
			if strings.Contains(msg, "ambiguous") {
				msg = "column ambiguous in the made-up schema"
			}
			counts["refused: "+msg[:min(70, len(msg))]]++
			continue
		}
		stmt, err := prepare(db, st.SQL)
		if err != nil {
			t.Errorf("query %d: SQLite cannot prepare the translation: %v\n%s\n%s", e.ID, err, e.Query, st.SQL)
			continue
		}
		stmt.Close()
		counts["compiled and prepared"]++
	}
	for k, v := range counts {
		t.Logf("%4d %s", v, k)
	}
}

// corpusSchema has every table, each with the columns named: id an
// integer, names with "date" in them dates, the rest text. Each table has
// one row of NULLs.
type corpusSchema struct {
	names map[string]bool
}

func (c corpusSchema) Table(name string) (*Table, bool) {
	t := &Table{Name: name}
	var cols []string
	for n := range c.names {
		cols = append(cols, n)
	}
	sort.Strings(cols)
	for _, n := range cols {
		k := KindText
		switch {
		case n == "id":
			k = KindInteger
		case strings.Contains(n, "date"):
			k = KindDate
		}
		t.Columns = append(t.Columns, Column{Name: n, Kind: k})
	}
	t.Source = func(names []string) string {
		parts := make([]string, len(names))
		for i, n := range names {
			parts[i] = `NULL AS "` + n + `"`
		}
		return "SELECT " + strings.Join(parts, ", ")
	}
	return t, true
}
