package account

import (
	"strings"
	"testing"
)

func TestSavedSearchLookup(t *testing.T) {
	a := Demo()
	for _, c := range []struct {
		id     int
		script string
	}{{DemoSavedSearchID, ""}, {0, DemoSavedSearch}, {0, strings.ToUpper(DemoSavedSearch)}} {
		s, ok := a.SavedSearch(c.id, c.script)
		if !ok || s.ScriptID != DemoSavedSearch || s.RecordType != "customer" || len(s.Columns) != 4 {
			t.Errorf("SavedSearch(%d, %q) = %+v, %v", c.id, c.script, s, ok)
		}
	}
	if _, ok := a.SavedSearch(7, "customsearch_other"); ok {
		t.Error("found a saved search that is not defined")
	}
}

func TestSavedSearchValidation(t *testing.T) {
	a := Demo()
	a.SavedSearches = append(a.SavedSearches,
		SavedSearch{InternalID: DemoSavedSearchID, ScriptID: DemoSavedSearch, RecordType: "teleporter", Sort: []string{"id sideways"}},
		SavedSearch{InternalID: 0, ScriptID: "search1", RecordType: "customer", Columns: []string{"1st"}},
	)
	err := a.Validate()
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		`savedSearches[1].internalId: 100 is also the internal ID of savedSearches[0]`,
		`savedSearches[1].scriptId: "customsearch_nsconnect_customers" is also the script ID of savedSearches[0]`,
		`savedSearches[1].recordType: unknown record type "teleporter"`,
		`savedSearches[1].columns: missing`,
		`savedSearches[1].sort[0]: "id sideways"`,
		`savedSearches[2].internalId: 0; set a positive internal ID`,
		`savedSearches[2].scriptId: "search1": a saved search's script ID is customsearch`,
		`savedSearches[2].columns[0]: "1st" is not a field name`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func TestSortColumn(t *testing.T) {
	for _, c := range []struct {
		in       string
		col      string
		desc, ok bool
	}{
		{"internalId", "internalId", false, true},
		{"companyName DESC", "companyName", true, true},
		{"email asc", "email", false, true},
		{"", "", false, false},
		{"a b c", "", false, false},
		{"x; DROP", "", false, false},
	} {
		col, desc, ok := SortColumn(c.in)
		if ok != c.ok || (ok && (col != c.col || desc != c.desc)) {
			t.Errorf("SortColumn(%q) = %q %v %v", c.in, col, desc, ok)
		}
	}
}
