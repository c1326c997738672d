package account

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
)

// A SavedSearch is a saved search of the account (Lists > Search > Saved
// Searches), as SOAP web services run it with <Record>SearchAdvanced and
// savedSearchId or savedSearchScriptId (Oracle, "Advanced Searches in SOAP
// Web Services",
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N3516862.html).
//
// Assumption: the emulator describes a saved search by its criteria in the
// SuiteQL dialect's WHERE syntax over the record type's SuiteQL table, its
// result columns and its sort; NetSuite keeps saved searches in a form of its
// own that no source describes.
type SavedSearch struct {
	// InternalID is the internal ID, which savedSearchId names, such as 100.
	InternalID int
	// ScriptID is the script ID, which savedSearchScriptId names, such as
	// customsearch_nsconnect_customers.
	ScriptID string
	// Title is the search's title.
	Title string
	// RecordType is the record type searched, as the catalog spells it,
	// such as customer.
	RecordType string
	// Criteria is a SuiteQL condition over the record type's table, such as
	// isinactive = 'F'; "" selects every record.
	Criteria string
	// Columns are the result columns, SOAP field names of the record's basic
	// search row, such as internalId, entityId, companyName, email.
	Columns []string
	// Sort are the columns the rows are sorted by, each a column name
	// optionally followed by ASC or DESC; the internal ID ends the order.
	Sort []string
}

// savedSearchPattern is the form of a saved search's script ID: customsearch
// followed by lower-case letters, digits and underscores (Oracle, "Saved
// Search Object",
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1519833574.html).
var savedSearchPattern = regexp.MustCompile(`^customsearch[a-z0-9_]+$`)

// columnPattern is the form of a column name: a SOAP field name.
var columnPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// SavedSearch returns the saved search with the internal ID or script ID
// (ignoring case) given.
func (a *Account) SavedSearch(internalID int, scriptID string) (SavedSearch, bool) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	for _, s := range a.SavedSearches {
		if (internalID != 0 && s.InternalID == internalID) || (scriptID != "" && strings.EqualFold(s.ScriptID, scriptID)) {
			s.Columns, s.Sort = slices.Clone(s.Columns), slices.Clone(s.Sort)
			return s, true
		}
	}
	return SavedSearch{}, false
}

// SortColumn splits an entry of Sort into its column and whether it is
// descending. ok is false for an entry that is not "column [ASC|DESC]".
func SortColumn(entry string) (column string, desc, ok bool) {
	f := strings.Fields(entry)
	switch {
	case len(f) == 1:
		return f[0], false, columnPattern.MatchString(f[0])
	case len(f) == 2 && (strings.EqualFold(f[1], "ASC") || strings.EqualFold(f[1], "DESC")):
		return f[0], strings.EqualFold(f[1], "DESC"), columnPattern.MatchString(f[0])
	}
	return "", false, false
}

// validateSavedSearches checks each saved search's IDs, record type, columns
// and sort; its criteria are checked by the emulator, which has the SuiteQL
// tables.
func (a *Account) validateSavedSearches(p *problems, cat *catalog.Catalog) {
	ids, scripts := map[int]int{}, map[string]int{}
	for i, s := range a.SavedSearches {
		at := fmt.Sprintf("savedSearches[%d]", i)
		switch j, dup := ids[s.InternalID]; {
		case s.InternalID < 1:
			p.add(at+".internalId", "%d; set a positive internal ID, such as 100", s.InternalID)
		case dup:
			p.add(at+".internalId", "%d is also the internal ID of savedSearches[%d]; internal IDs must be unique", s.InternalID, j)
		default:
			ids[s.InternalID] = i
		}
		switch j, dup := scripts[s.ScriptID]; {
		case !savedSearchPattern.MatchString(s.ScriptID):
			p.add(at+".scriptId", "%q: a saved search's script ID is customsearch followed by lower-case letters, digits or underscores, such as customsearch_active_customers", s.ScriptID)
		case dup:
			p.add(at+".scriptId", "%q is also the script ID of savedSearches[%d]; script IDs must be unique", s.ScriptID, j)
		default:
			scripts[s.ScriptID] = i
		}
		if _, ok := cat.Type(s.RecordType); !ok {
			p.add(at+".recordType", "unknown record type %q; use a standard record type such as customer or salesOrder", s.RecordType)
		}
		if len(s.Columns) == 0 {
			p.add(at+".columns", "missing; list the result columns, such as [internalId, entityId, email]")
		}
		for j, c := range s.Columns {
			if !columnPattern.MatchString(c) {
				p.add(fmt.Sprintf("%s.columns[%d]", at, j), "%q is not a field name such as entityId", c)
			}
		}
		for j, e := range s.Sort {
			if _, _, ok := SortColumn(e); !ok {
				p.add(fmt.Sprintf("%s.sort[%d]", at, j), "%q: write a column, optionally followed by ASC or DESC, such as \"internalId DESC\"", e)
			}
		}
	}
}
