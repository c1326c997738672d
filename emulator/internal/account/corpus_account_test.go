package account

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
)

// The SuiteQL conformance corpus and the account its queries run against.
const (
	corpusFile        = "../suiteql/testdata/corpus.json"
	corpusAccountFile = "../suiteql/testdata/corpus-account.yaml"
)

// The names of customisations in SuiteQL text, lower-cased before matching.
// A custom record type is customrecord_x or customrecord<N>, a custom list
// customlist_x or customlist<N> (customrecordtype, the table of record types,
// is neither); a custom field starts with its prefix.
var (
	corpusRecordType = regexp.MustCompile(`\bcustomrecord(?:_\w+|\d+)\b`)
	corpusList       = regexp.MustCompile(`\bcustomlist(?:_\w+|\d+)\b`)
	corpusField      = regexp.MustCompile(`\bcust(?:body|entity|col|item|record)\w+\b`)
	sqlComment       = regexp.MustCompile(`(?s)/\*.*?\*/|--[^\n]*`)
	sqlAlias         = regexp.MustCompile(`\bas\s+\w+`)
)

// corpusGaps are customisations the corpus names that the account file
// cannot declare yet, with the reason. Each must still be named by the
// corpus and still be undeclared: the entry goes once the account holds it.
var corpusGaps = map[string]string{
	"custrecord_l54_provincia": "a custrecord_ field on an address subrecord; the catalog takes custom fields on record types only",
}

// corpusNames are the customisations one query names.
type corpusNames struct {
	id                         string
	recordTypes, lists, fields []string
}

// readCorpusNames returns the customisations each corpus query names:
// comments and column aliases (AS name) are not names.
func readCorpusNames(t *testing.T) []corpusNames {
	t.Helper()
	data, err := os.ReadFile(corpusFile)
	if err != nil {
		t.Fatal(err)
	}
	var corpus []struct {
		ID    json.Number `json:"id"`
		Query string      `json:"query"`
	}
	if err := json.Unmarshal(data, &corpus); err != nil {
		t.Fatalf("%s: %v", corpusFile, err)
	}
	if len(corpus) == 0 {
		t.Fatalf("%s holds no queries", corpusFile)
	}
	var out []corpusNames
	for _, q := range corpus {
		text := strings.ToLower(q.Query)
		text = sqlComment.ReplaceAllString(text, " ")
		text = sqlAlias.ReplaceAllString(text, " ")
		out = append(out, corpusNames{
			id:          q.ID.String(),
			recordTypes: uniqueMatches(corpusRecordType, text),
			lists:       uniqueMatches(corpusList, text),
			fields:      uniqueMatches(corpusField, text),
		})
	}
	return out
}

func uniqueMatches(re *regexp.Regexp, s string) []string {
	m := re.FindAllString(s, -1)
	slices.Sort(m)
	return slices.Compact(m)
}

// loadCorpusAccount loads the account the SuiteQL corpus runs against.
func loadCorpusAccount(t *testing.T) *Account {
	t.Helper()
	data, err := os.ReadFile(corpusAccountFile)
	if err != nil {
		t.Fatal(err)
	}
	a, err := Load(data)
	if err != nil {
		t.Fatalf("%s: %v", corpusAccountFile, err)
	}
	return a
}

// TestCorpusAccount: the corpus account loads, the catalog takes its
// customisations, and it declares every custom record type, custom list and
// custom field a corpus query names; a custrecord_ field is declared on a
// custom record type the same query names.
func TestCorpusAccount(t *testing.T) {
	t.Parallel()
	a := loadCorpusAccount(t)
	base, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := base.WithCustom(a.CatalogCustom())
	if err != nil {
		t.Fatalf("%s: the catalog refuses its customisations: %v", corpusAccountFile, err)
	}

	lists := map[string]bool{}
	for _, l := range a.CustomLists {
		lists[l.ScriptID] = true
	}
	fieldOwner := map[string]string{} // custrecord_ field → its record type
	types := map[string]bool{}
	for _, r := range a.CustomRecordTypes {
		types[r.ScriptID] = true
		if _, ok := cat.Type(r.ScriptID); !ok {
			t.Errorf("custom record type %s is not in the catalog", r.ScriptID)
		}
		for _, f := range r.Fields {
			fieldOwner[f.ScriptID] = r.ScriptID
		}
	}
	fields := map[string]bool{}
	for _, f := range a.CustomFields {
		fields[f.ScriptID] = true
	}

	named := map[string]bool{}
	for _, q := range readCorpusNames(t) {
		for _, rt := range q.recordTypes {
			named[rt] = true
			if !types[rt] && corpusGaps[rt] == "" {
				t.Errorf("query %s reads custom record type %s; declare it under customRecordTypes in %s", q.id, rt, corpusAccountFile)
			}
		}
		for _, l := range q.lists {
			named[l] = true
			if !lists[l] && corpusGaps[l] == "" {
				t.Errorf("query %s reads custom list %s; declare it under customLists in %s", q.id, l, corpusAccountFile)
			}
		}
		for _, f := range q.fields {
			named[f] = true
			if corpusGaps[f] != "" {
				continue
			}
			if strings.HasPrefix(f, "custrecord") && !fields[f] {
				owner, ok := fieldOwner[f]
				switch {
				case !ok:
					t.Errorf("query %s reads custom record field %s; declare it under the fields of one of the custom record types the query reads (%s) in %s", q.id, f, strings.Join(q.recordTypes, ", "), corpusAccountFile)
				case !slices.Contains(q.recordTypes, owner):
					t.Errorf("query %s reads custom record field %s, declared on %s, which the query does not read (it reads %s)", q.id, f, owner, strings.Join(q.recordTypes, ", "))
				}
				continue
			}
			if !fields[f] {
				t.Errorf("query %s reads custom field %s; declare it under customFields in %s", q.id, f, corpusAccountFile)
			}
		}
	}

	// The gaps stay honest: each is still named by the corpus and still
	// undeclared.
	gaps := make([]string, 0, len(corpusGaps))
	for g := range corpusGaps {
		gaps = append(gaps, g)
	}
	sort.Strings(gaps)
	for _, g := range gaps {
		if !named[g] {
			t.Errorf("corpusGaps lists %s, which no corpus query names any more; remove it", g)
		}
		if types[g] || lists[g] || fields[g] || fieldOwner[g] != "" {
			t.Errorf("corpusGaps lists %s, which %s now declares; remove it from corpusGaps", g, corpusAccountFile)
		}
	}
	// And the file declares nothing the corpus does not name, beyond the
	// demo account's own.
	demo := Demo()
	for _, l := range a.CustomLists {
		if !named[l.ScriptID] {
			t.Errorf("custom list %s: no corpus query names it", l.ScriptID)
		}
	}
	for _, r := range a.CustomRecordTypes {
		if !named[r.ScriptID] && !slices.ContainsFunc(demo.CustomRecordTypes, func(d CustomRecordType) bool { return d.ScriptID == r.ScriptID }) {
			t.Errorf("custom record type %s: no corpus query names it", r.ScriptID)
		}
	}
	for _, f := range a.CustomFields {
		if !named[f.ScriptID] && !slices.ContainsFunc(demo.CustomFields, func(d CustomField) bool { return d.ScriptID == f.ScriptID }) {
			t.Errorf("custom field %s: no corpus query names it", f.ScriptID)
		}
	}
}

// TestCorpusAccountExtendsDemo: apart from what it adds, the corpus account
// is the demo account, so the demo's credentials and seed work with it; its
// role may use every custom record type it adds.
func TestCorpusAccountExtendsDemo(t *testing.T) {
	t.Parallel()
	a := loadCorpusAccount(t)
	demo := Demo()
	if len(a.CustomFields) < len(demo.CustomFields) || len(a.CustomRecordTypes) < len(demo.CustomRecordTypes) {
		t.Fatalf("%s drops some of the demo's custom fields or record types", corpusAccountFile)
	}
	got := a.Clone()
	got.CustomLists = nil
	got.CustomFields = got.CustomFields[:len(demo.CustomFields)]
	added := got.CustomRecordTypes[len(demo.CustomRecordTypes):]
	got.CustomRecordTypes = got.CustomRecordTypes[:len(demo.CustomRecordTypes)]
	for _, r := range added {
		for _, role := range got.Roles {
			if role.Records[r.ScriptID] != Full {
				t.Errorf("role %q: %s at %v, want Full", role.Name, r.ScriptID, role.Records[r.ScriptID])
			}
			delete(role.Records, r.ScriptID)
		}
	}
	if diff := cmp.Diff(demo, got, accountCmp...); diff != "" {
		t.Errorf("the corpus account without its additions is not the demo account (-demo +corpus):\n%s", diff)
	}
}
