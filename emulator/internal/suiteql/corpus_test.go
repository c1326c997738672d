package suiteql

import (
	"encoding/json"
	"os"
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
