package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/account"
	"github.com/nsconnect/nsconnect/emulator/internal/auth"
	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
	"github.com/nsconnect/nsconnect/emulator/internal/filter"
	"github.com/nsconnect/nsconnect/emulator/internal/records"
)

// SOAP search: basic searches (<Record>Search with a basic part, or a
// <Record>SearchBasic) and saved searches (<Record>SearchAdvanced with
// savedSearchId or savedSearchScriptId), paged with searchMoreWithId (Oracle,
// "search", https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N3516862.html;
// "searchMoreWithId", https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N3523074.html).
// A basic search runs over the same records as the REST API, through the
// q filter's compiler; a saved search runs its SuiteQL criteria.

// soapSearchType is what SOAP searches: its search's name (Customer for
// CustomerSearch, CustomerSearchBasic, CustomerSearchAdvanced), its record
// type in the catalog (for a family, one of the family's types, all of
// which it searches), and the namespace and prefix of its search row.
type soapSearchType struct {
	name, recordType string
	family           bool
	ns, prefix       string
}

// soapSearchTypes are the searches the emulator serves, with the namespaces
// of the 2025.2 schema (Oracle, section_N3413913): relationships for
// customers, contacts and vendors, employees, accounting for items, sales
// for transactions (TransactionSearchAdvanced in the sales namespace is
// Oracle's own example, section_N3516862).
var soapSearchTypes = []soapSearchType{
	{"Customer", "customer", false, nsRelationships, "listRel"},
	{"Contact", "contact", false, nsRelationships, "listRel"},
	{"Vendor", "vendor", false, nsRelationships, "listRel"},
	{"Employee", "employee", false, nsEmployees, "listEmp"},
	{"Item", "inventoryItem", true, nsAccounting, "listAcct"},
	{"Transaction", "salesOrder", true, nsSales, "tranSales"},
}

// soapRecordKind is how a record of a type is written in a recordList: its
// xsi:type's name and namespace.
type soapRecordKind struct{ name, ns, prefix string }

// soapRecordKinds are the record types searches return.
//
// Assumption: each type's name and namespace in the 2025.2 schema, as the
// WSDL's record names go (sales, purchases and customers for transactions,
// accounting for items); Oracle's pages name the namespaces, not every
// type's place.
var soapRecordKinds = map[string]soapRecordKind{
	"customer":             {"Customer", nsRelationships, "listRel"},
	"contact":              {"Contact", nsRelationships, "listRel"},
	"vendor":               {"Vendor", nsRelationships, "listRel"},
	"employee":             {"Employee", nsEmployees, "listEmp"},
	"inventoryItem":        {"InventoryItem", nsAccounting, "listAcct"},
	"nonInventorySaleItem": {"NonInventorySaleItem", nsAccounting, "listAcct"},
	"serviceSaleItem":      {"ServiceSaleItem", nsAccounting, "listAcct"},
	"salesOrder":           {"SalesOrder", nsSales, "tranSales"},
	"invoice":              {"Invoice", nsSales, "tranSales"},
	"itemFulfillment":      {"ItemFulfillment", nsSales, "tranSales"},
	"purchaseOrder":        {"PurchaseOrder", nsPurchases, "tranPurch"},
	"customerPayment":      {"CustomerPayment", nsCustomers, "tranCust"},
}

// soapTypeByName returns the search type of an xsi:type's search name.
func soapTypeByName(name string) (soapSearchType, bool) {
	for _, t := range soapSearchTypes {
		if t.name == name {
			return t, true
		}
	}
	return soapSearchType{}, false
}

// soapTypeOf returns the search type of a record type that is searched on
// its own (not as one of a family): the types saved searches may have.
func soapTypeOf(recordType string) (soapSearchType, bool) {
	for _, t := range soapSearchTypes {
		if !t.family && t.recordType == recordType {
			return t, true
		}
	}
	return soapSearchType{}, false
}

// soapTypes returns the record types a search of t covers.
func (s *Server) soapTypes(t soapSearchType) []string {
	if !t.family {
		return []string{t.recordType}
	}
	var out []string
	for _, rt := range s.records.Family(t.recordType) {
		if _, ok := soapRecordKinds[rt]; ok {
			out = append(out, rt)
		}
	}
	return out
}

// soapTypeNames lists the searches' names; withFamilies false leaves out
// the item and transaction searches, which saved searches cannot have.
func soapTypeNames(withFamilies bool) string {
	var names []string
	for _, t := range soapSearchTypes {
		if withFamilies || !t.family {
			names = append(names, t.name)
		}
	}
	return strings.Join(names, ", ")
}

// Search preferences (Oracle, section_4170181850): pageSize from 5 to 1,000
// for synchronous searches, the company's preference (1,000 by default)
// when unset.
const (
	minPageSize     = 5
	maxPageSize     = 1000
	defaultPageSize = 1000
)

// searchIdle is how long a search ID lives unused: "A searchId expires if
// unused for 15 minutes" (section_N3523074).
const searchIdle = 15 * time.Minute

// maxSearches bounds the search IDs kept; past it the least recently used
// is forgotten. Assumption: NetSuite's bound is not documented.
const maxSearches = 10000

// A soapSearch is a search a search ID names: rerun on every page.
type soapSearch struct {
	typ      soapSearchType
	types    []string             // the record types searched
	expr     filter.Expr          // a basic search's criteria; nil for all
	saved    *account.SavedSearch // a saved search
	columns  bool                 // a saved search returns rows, not records
	pageSize int
	user     string
	lastUsed time.Time
}

// soapSearches holds the search IDs.
type soapSearches struct {
	mu sync.Mutex
	m  map[string]*soapSearch
}

func newSOAPSearches() *soapSearches { return &soapSearches{m: map[string]*soapSearch{}} }

func (ss *soapSearches) reset() {
	ss.mu.Lock()
	ss.m = map[string]*soapSearch{}
	ss.mu.Unlock()
}

// add keeps a search under a new ID and forgets the expired ones.
func (ss *soapSearches) add(id string, srch *soapSearch, now time.Time) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	var oldest string
	for k, v := range ss.m {
		if now.Sub(v.lastUsed) > searchIdle {
			delete(ss.m, k)
		} else if oldest == "" || v.lastUsed.Before(ss.m[oldest].lastUsed) {
			oldest = k
		}
	}
	if len(ss.m) >= maxSearches {
		delete(ss.m, oldest)
	}
	ss.m[id] = srch
}

// use returns a copy of the search of id for user, and marks it used at
// now; an unknown ID, another user's, or one unused for searchIdle is not
// found.
func (ss *soapSearches) use(id, user string, now time.Time) (*soapSearch, bool) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	srch, ok := ss.m[id]
	if !ok || srch.user != user {
		return nil, false
	}
	if now.Sub(srch.lastUsed) > searchIdle {
		delete(ss.m, id)
		return nil, false
	}
	srch.lastUsed = now
	cp := *srch
	return &cp, true
}

// searchFailed is a search's answer with status failed and one detail.
//
// Assumption: NetSuite answers a search it cannot run with a failed status
// in the searchResult, as it does for an expired search ID
// (section_N3523074), and not with a fault.
func searchFailed(op, code, format string, args ...any) bodyXML {
	a := &searchAnswer{XMLName: xml.Name{Space: nsMessages, Local: op + "Response"}}
	a.Result.Core = nsCore
	a.Result.Status.Details = []statusDetailXML{{Type: "ERROR", Code: code, Message: fmt.Sprintf(format, args...)}}
	return bodyXML{Search: a}
}

// soapSearch answers search: it reads the search and the preferences, keeps
// the search under a new search ID, and answers its first page.
func (s *Server) soapSearch(ctx context.Context, req *soapRequest, op *operationXML, p *auth.Principal) (bodyXML, error) {
	const name = "search"
	pageSize := defaultPageSize
	columns := true
	if prefs := req.Header.Prefs; prefs != nil {
		if prefs.PageSize != nil {
			pageSize = *prefs.PageSize
		}
		if prefs.ReturnSearchColumns != nil {
			columns = *prefs.ReturnSearchColumns
		}
	}
	// Assumption: an out-of-range page size is a failed status with
	// WS_INVALID_SEARCH_PAGE_SIZE (section_4170181850 names the code).
	if pageSize < minPageSize || pageSize > maxPageSize {
		return searchFailed(name, "WS_INVALID_SEARCH_PAGE_SIZE", "The page size %d is not allowed: set searchPreferences pageSize from %d to %d.", pageSize, minPageSize, maxPageSize), nil
	}
	rec := op.SearchRecord
	if rec == nil {
		return bodyXML{}, clientFault("search needs a searchRecord, such as <searchRecord xsi:type=\"listRel:CustomerSearchBasic\">")
	}
	srch := &soapSearch{pageSize: pageSize, columns: columns, user: p.User.ID}
	local := localType(rec.Type)
	base, form := local, ""
	for _, suffix := range []string{"SearchAdvanced", "SearchBasic", "Search"} {
		if strings.HasSuffix(local, suffix) {
			base, form = strings.TrimSuffix(local, suffix), suffix
			break
		}
	}
	typ, ok := soapTypeByName(base)
	if form == "" || !ok {
		return searchFailed(name, "INVALID_SEARCH", "The emulator does not search %q; it searches %s (xsi:type <Record>Search, <Record>SearchBasic or <Record>SearchAdvanced).", rec.Type, soapTypeNames(true)), nil
	}
	srch.typ = typ
	var fields []searchFieldXML // the basic search's criteria
	if form != "SearchBasic" && len(rec.Fields) > 0 {
		// A <Record>Search holds basic and joins such as salesRepJoin; a
		// <Record>SearchAdvanced holds criteria and columns (Oracle,
		// section_N3516862). Joins are not emulated: a search that names
		// one fails rather than run without its criteria.
		return searchFailed(name, "INVALID_SEARCH", "The emulator does not run the %s element of a %s: it runs basic criteria only (no joins); search without it.", rec.Fields[0].XMLName.Local, local), nil
	}
	switch form {
	case "SearchAdvanced":
		if rec.Criteria != nil || rec.Columns != nil || (rec.SavedSearchID == "" && rec.SavedSearchScriptID == "") {
			return searchFailed(name, "INVALID_SEARCH", "The emulator runs an advanced search only as a saved search, with savedSearchId or savedSearchScriptId and without criteria or columns."), nil
		}
		id, _ := strconv.Atoi(rec.SavedSearchID)
		saved, ok := s.acct.SavedSearch(id, rec.SavedSearchScriptID)
		if !ok || (rec.SavedSearchID != "" && id == 0) {
			return searchFailed(name, "INVALID_SEARCH", "No saved search has the ID %q.", rec.SavedSearchID+rec.SavedSearchScriptID), nil
		}
		if saved.RecordType != typ.recordType {
			return searchFailed(name, "INVALID_SEARCH", "The saved search %s searches %s records, not %s; use xsi:type %sSearchAdvanced.", saved.ScriptID, saved.RecordType, typ.recordType, mustSOAPType(saved.RecordType).name), nil
		}
		srch.saved = &saved
	case "Search":
		if rec.Basic != nil {
			fields = rec.Basic.Fields
		}
	case "SearchBasic":
		fields = rec.Fields
	}
	srch.types = s.soapTypes(typ)
	if fault := s.checkFieldTypes(srch.types, fields); fault != nil {
		return bodyXML{}, fault
	}
	expr, status := basicCriteria(fields)
	if status != "" {
		return searchFailed(name, "INVALID_SEARCH", "%s", status), nil
	}
	srch.expr = expr
	if typ.family {
		var problem string
		if srch.expr, srch.types, problem = typeCriterion(srch.expr, srch.types); problem != "" {
			return searchFailed(name, "INVALID_SEARCH", "%s", problem), nil
		}
	}
	allowed, refused := s.searchPermitted(name, srch, p)
	if refused != nil {
		return *refused, nil
	}
	srch.types = allowed
	now := s.clock.Now()
	srch.lastUsed = now
	id := s.searchID(now)
	s.searches.add(id, srch, now)
	return s.searchPage(ctx, name, id, srch, 1)
}

// searchPermitted returns the record types of srch the role of p may read,
// on search and again on every searchMoreWithId (a role may lose a
// permission while a search ID lives), or the failed answer when it may read
// none of them.
//
// Assumption: a role without the record permission of a type gets a failed
// status with INSUFFICIENT_PERMISSION, the REST API's code; a family search
// leaves out the types it may not read.
func (s *Server) searchPermitted(op string, srch *soapSearch, p *auth.Principal) ([]string, *bodyXML) {
	allowed := slices.DeleteFunc(slices.Clone(srch.types), func(rt string) bool { return auth.Require(p, rt, account.View) != nil })
	if len(allowed) == 0 && len(srch.types) > 0 {
		s.log.Info("emulator: SOAP search refused: no record permission", "types", srch.types)
		refused := searchFailed(op, records.CodeInsufficientPermission, "Permission Violation: the role needs the %s record permission at View to search it.", strings.Join(srch.types, ", "))
		return nil, &refused
	}
	return allowed, nil
}

// mustSOAPType returns the search type of a saved search's record type,
// which NewServer has checked.
func mustSOAPType(recordType string) soapSearchType {
	t, _ := soapTypeOf(recordType)
	return t
}

// soapSearchMore answers searchMoreWithId: the page pageIndex of the search
// the search ID names, the search run again.
func (s *Server) soapSearchMore(ctx context.Context, _ *soapRequest, op *operationXML, p *auth.Principal) (bodyXML, error) {
	const name = "searchMoreWithId"
	id := strings.TrimSpace(op.SearchID)
	srch, ok := s.searches.use(id, p.User.ID, s.clock.Now())
	if !ok {
		// "An expired or invalid ID gives a result with status failed and
		// StatusDetailCode=INVALID_JOB_ID" (section_N3523074). Assumption:
		// the message is the emulator's.
		return searchFailed(name, "INVALID_JOB_ID", "The search ID %q is not valid: it is unknown, another user's, or unused for more than %s. Run the search again.", id, searchIdle), nil
	}
	page, err := strconv.Atoi(strings.TrimSpace(op.PageIndex))
	if err != nil || page < 1 {
		// Assumption: the code of a page index that is not a whole number
		// from 1 is not documented.
		return searchFailed(name, "INVALID_PAGE_INDEX", "The page index %q is not a page: pages are numbered from 1.", op.PageIndex), nil
	}
	allowed, refused := s.searchPermitted(name, srch, p)
	if refused != nil {
		return *refused, nil
	}
	srch.types = allowed
	return s.searchPage(ctx, name, id, srch, page)
}

// searchID returns a search ID of the form of Oracle's sample,
// WEBSERVICES_528736_07012008543995006307049233_d53ef4d2273b15: the account,
// the date and digits, and hex digits. Assumption: the parts after the
// account are not documented; the emulator's are random.
func (s *Server) searchID(now time.Time) string {
	return fmt.Sprintf("WEBSERVICES_%s_%s%018d_%014x", s.accountID.Realm(), now.Format("01022006"), rand.Int64N(1e18), rand.Int64N(1<<56))
}

// searchPage runs srch again for the 1-based page index, on the request's
// ctx.
func (s *Server) searchPage(ctx context.Context, op, id string, srch *soapSearch, page int) (bodyXML, error) {
	offset := (page - 1) * srch.pageSize
	a := &searchAnswer{XMLName: xml.Name{Space: nsMessages, Local: op + "Response"}}
	res := &a.Result
	var total int
	if srch.saved != nil {
		rows, n, err := s.records.Query(ctx, savedSearchQuery(*srch.saved), srch.pageSize, offset)
		if err != nil {
			return s.searchError(op, err)
		}
		total = n
		if srch.columns {
			out := make([]searchRowXML, len(rows))
			for i, row := range rows {
				out[i] = s.searchRow(srch.typ, srch.saved.Columns, row)
			}
			res.Rows = &out
		} else {
			hits := make([]records.Hit, 0, len(rows))
			for _, row := range rows {
				if id, err := strconv.ParseInt(row["rid"], 10, 64); err == nil {
					hits = append(hits, records.Hit{Type: srch.saved.RecordType, ID: id})
				}
			}
			recs, err := s.soapRecords(ctx, hits)
			if err != nil {
				return bodyXML{}, err
			}
			res.Records = &recs
		}
	} else {
		hits, n, err := s.records.Search(ctx, srch.types, srch.expr, srch.pageSize, offset)
		if err != nil {
			return s.searchError(op, err)
		}
		total = n
		recs, err := s.soapRecords(ctx, hits)
		if err != nil {
			return bodyXML{}, err
		}
		res.Records = &recs
	}
	pages := (total + srch.pageSize - 1) / srch.pageSize
	if page > max(pages, 1) {
		// Assumption: as for an index below 1.
		return searchFailed(op, "INVALID_PAGE_INDEX", "The page index %d is past the last page, %d.", page, pages), nil
	}
	res.Core = nsCore
	res.Status.IsSuccess = true
	res.TotalRecords, res.PageSize, res.TotalPages, res.PageIndex = &total, &srch.pageSize, &pages, &page
	res.SearchID = id
	return bodyXML{Search: a}, nil
}

// searchError answers a search the record service refused (a field or value
// of the criteria) with a failed status carrying its code, and returns
// other errors.
func (s *Server) searchError(op string, err error) (bodyXML, error) {
	if e, ok := err.(*records.Error); ok {
		return searchFailed(op, e.Code, "%s", e.Detail), nil
	}
	return bodyXML{}, err
}

// soapOperators maps SOAP's search operators (the SearchStringFieldOperator,
// SearchDateFieldOperator, SearchLongFieldOperator, SearchDoubleFieldOperator,
// SearchMultiSelectFieldOperator and SearchEnumMultiSelectFieldOperator enums
// of platformCoreTyp.xsd, 2025.2) to the q filter's (Oracle, "Record
// Collection Filtering",
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545222128.html).
// within and notWithin on dates are mapped in basicCond.
var soapOperators = map[string]filter.Operator{
	"is": filter.Is, "isNot": filter.IsNot,
	"contains": filter.Contain, "doesNotContain": filter.ContainNot,
	"startsWith": filter.StartWith, "doesNotStartWith": filter.StartWithNot,
	"empty": filter.Empty, "notEmpty": filter.EmptyNot,
	"anyOf": filter.AnyOf, "noneOf": filter.AnyOfNot,
	"equalTo": filter.Equal, "notEqualTo": filter.EqualNot,
	"greaterThan": filter.Greater, "notGreaterThan": filter.GreaterNot,
	"greaterThanOrEqualTo": filter.GreaterOrEqual, "notGreaterThanOrEqualTo": filter.GreaterOrEqualNot,
	"lessThan": filter.Less, "notLessThan": filter.LessNot,
	"lessThanOrEqualTo": filter.LessOrEqual, "notLessThanOrEqualTo": filter.LessOrEqualNot,
	"between": filter.Between, "notBetween": filter.BetweenNot,
	"on": filter.On, "notOn": filter.OnNot,
	"before": filter.Before, "notBefore": filter.BeforeNot,
	"after": filter.After, "notAfter": filter.AfterNot,
	"onOrBefore": filter.OnOrBefore, "notOnOrBefore": filter.OnOrBeforeNot,
	"onOrAfter": filter.OnOrAfter, "notOnOrAfter": filter.OnOrAfterNot,
}

// soapFieldNames maps the SOAP names of a basic search's fields to the REST
// record's where they differ; every other field has the same name in both.
// Assumption (listed in FIDELITY.md): the mapping, which no source gives.
var soapFieldNames = map[string]string{
	"internalId":       "id",
	"internalIdNumber": "id",
	"externalIdString": "externalId",
}

// basicCriteria turns the fields of a basic search into a q filter
// expression, the conditions ANDed; problem says what cannot be read. The
// customField elements of a customFieldList are conditions on the custom
// fields their scriptId names (Oracle, "Searching for a Multi-select Custom
// Field", https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N3522048.html).
func basicCriteria(fields []searchFieldXML) (e filter.Expr, problem string) {
	var terms []filter.Expr
	for _, f := range fields {
		if f.XMLName.Local == "customFieldList" {
			custom, problem := customCriteria(f.Custom)
			if problem != "" {
				return nil, problem
			}
			terms = append(terms, custom...)
			continue
		}
		t, problem := basicCond(f)
		if problem != "" {
			return nil, problem
		}
		terms = append(terms, t)
	}
	switch len(terms) {
	case 0:
		return nil, ""
	case 1:
		return terms[0], ""
	}
	return &filter.And{Terms: terms}, ""
}

// customCriteria turns the customField elements of a customFieldList into
// conditions on the fields their scriptId names.
func customCriteria(fields []searchFieldXML) ([]filter.Expr, string) {
	terms := make([]filter.Expr, 0, len(fields))
	for _, f := range fields {
		id := strings.TrimSpace(f.ScriptID)
		if id == "" {
			return nil, "customFieldList: a customField needs the scriptId of its custom field, such as scriptId=\"custentity_region\"."
		}
		f.XMLName.Local = id
		t, problem := basicCond(f)
		if problem != "" {
			return nil, problem
		}
		terms = append(terms, t)
	}
	return terms, ""
}

// basicCond turns one search field into a condition. A field without an
// operator is a SearchBooleanField (IS its value); a RecordRef's internalId
// (or, for externalId, its externalId) is its value.
func basicCond(f searchFieldXML) (filter.Expr, string) {
	soapName := f.XMLName.Local
	field := soapName
	if rest, ok := soapFieldNames[soapName]; ok {
		field = rest
	}
	if f.Predefined != nil {
		return nil, fmt.Sprintf("%s: predefinedSearchValue is not emulated; send searchValue and searchValue2 instead.", soapName)
	}
	var values []string
	for _, v := range f.Values {
		switch {
		case soapName == "externalId" && v.ExternalID != "":
			values = append(values, v.ExternalID)
		case v.InternalID != "":
			values = append(values, v.InternalID)
		default:
			values = append(values, strings.TrimSpace(v.Text))
		}
	}
	if f.Value2 != nil {
		values = append(values, strings.TrimSpace(*f.Value2))
	}
	cond := func(op filter.Operator, vals ...string) *filter.Cond {
		return &filter.Cond{Field: field, Op: op, Values: vals}
	}
	if f.Operator == "" {
		if len(values) != 1 {
			return nil, fmt.Sprintf("%s: a field without an operator is a boolean and takes one searchValue, true or false.", soapName)
		}
		// searchValue is an xsd:boolean: 1 and 0 are true and false
		// (XML Schema Part 2, https://www.w3.org/TR/xmlschema-2/#boolean).
		switch values[0] {
		case "1":
			values[0] = "true"
		case "0":
			values[0] = "false"
		}
		return cond(filter.Is, values...), ""
	}
	switch f.Operator {
	case "within", "notWithin":
		if len(values) != 2 {
			return nil, fmt.Sprintf("%s: %s takes searchValue and searchValue2.", soapName, f.Operator)
		}
		if f.Operator == "within" {
			return &filter.And{Terms: []filter.Expr{cond(filter.OnOrAfter, values[0]), cond(filter.OnOrBefore, values[1])}}, ""
		}
		return &filter.Or{Terms: []filter.Expr{cond(filter.Before, values[0]), cond(filter.After, values[1])}}, ""
	}
	op, ok := soapOperators[f.Operator]
	if !ok {
		return nil, fmt.Sprintf("%s: the emulator does not know the operator %q.", soapName, f.Operator)
	}
	if field == "externalId" && (op == filter.AnyOf || op == filter.AnyOfNot) {
		// The external ID is a string in the REST record: anyOf is one IS
		// per value.
		if len(values) == 0 {
			return nil, fmt.Sprintf("%s: %s needs at least one searchValue.", soapName, f.Operator)
		}
		terms := make([]filter.Expr, len(values))
		for i, v := range values {
			if op == filter.AnyOf {
				terms[i] = cond(filter.Is, v)
			} else {
				terms[i] = cond(filter.IsNot, v)
			}
		}
		if op == filter.AnyOf {
			return &filter.Or{Terms: terms}, ""
		}
		return &filter.And{Terms: terms}, ""
	}
	return cond(op, values...), ""
}

// soapFieldTypes are the search field types of the REST fields' kinds and
// JSON types (platformCore.xsd of the 2025.2 WSDL, section_N3413913:
// SearchStringField, SearchLongField, SearchDoubleField, SearchBooleanField,
// SearchDateField, SearchMultiSelectField, SearchEnumMultiSelectField), and
// of the SOAP-only names of soapFieldNames.
var (
	soapScalarFieldTypes = map[string]string{"string": "SearchStringField", "integer": "SearchLongField", "number": "SearchDoubleField", "boolean": "SearchBooleanField"}
	soapKindFieldTypes   = map[catalog.Kind]string{catalog.KindDate: "SearchDateField", catalog.KindDateTime: "SearchDateField", catalog.KindReference: "SearchMultiSelectField", catalog.KindEnum: "SearchEnumMultiSelectField", catalog.KindMultiSelect: "SearchMultiSelectField"}
	soapNamedFieldTypes  = map[string]string{"internalId": "SearchMultiSelectField", "internalIdNumber": "SearchLongField", "externalId": "SearchMultiSelectField", "externalIdString": "SearchStringField"}
)

// checkFieldTypes checks the xsi:type a basic search's field carries
// against the type of the field in the first of types that has it: a
// SearchLongField on a decimal field such as balance is refused, as
// NetSuite's SOAP stack deserializes each element by its xsi:type.
// Fields without an xsi:type, or that no type has (left to the filter's
// NONEXISTENT_FIELD), are not checked.
//
// Assumption: NetSuite refuses the mismatch before the search runs, with a
// soapenv:Client fault; Oracle does not document the answer.
func (s *Server) checkFieldTypes(types []string, fields []searchFieldXML) *soapFault {
	for _, f := range fields {
		if f.Type == "" {
			continue
		}
		name := f.XMLName.Local
		want, ok := soapNamedFieldTypes[name]
		for _, rt := range types {
			if ok {
				break
			}
			t, found := s.cat.Type(rt)
			if !found {
				continue
			}
			if field, found := t.Field(name); found {
				want, ok = soapKindFieldTypes[field.Kind]
				if !ok && field.Kind == catalog.KindScalar {
					want, ok = soapScalarFieldTypes[field.Type]
				}
			}
		}
		if sent := localType(f.Type); ok && sent != want {
			return clientFault("the search field %s is a %s; its xsi:type %q does not fit it: send xsi:type platformCore:%s, or none", name, want, f.Type, want)
		}
	}
	return nil
}

// typeCriterion takes a family search's condition on type (the transaction
// or item type, TransactionSearchBasic's type with anyOf or noneOf and
// values such as _salesOrder), which is no body field, out of e, and
// narrows types to it; problem says what cannot be read.
//
// Assumption: the values are the record type's name after an underscore,
// in any case (_salesOrder, _invoice, _inventoryItem), as the
// RecordType enum of SOAP spells them.
func typeCriterion(e filter.Expr, types []string) (rest filter.Expr, narrowed []string, problem string) {
	terms := []filter.Expr{e}
	if and, ok := e.(*filter.And); ok {
		terms = and.Terms
	}
	var kept []filter.Expr
	for _, t := range terms {
		c, ok := t.(*filter.Cond)
		if !ok || c.Field != "type" {
			if t != nil {
				kept = append(kept, t)
			}
			continue
		}
		if c.Op != filter.AnyOf && c.Op != filter.AnyOfNot {
			return nil, nil, fmt.Sprintf("type: use anyOf or noneOf with record types such as _salesOrder, not %s.", c.Op)
		}
		var named []string
		for _, v := range c.Values {
			i := slices.IndexFunc(types, func(rt string) bool { return strings.EqualFold(rt, strings.TrimPrefix(v, "_")) })
			if i < 0 {
				return nil, nil, fmt.Sprintf("type: %q is not one of the types searched (%s), written with an underscore such as _%s.", v, strings.Join(types, ", "), types[0])
			}
			named = append(named, types[i])
		}
		types = slices.DeleteFunc(slices.Clone(types), func(rt string) bool { return slices.Contains(named, rt) == (c.Op == filter.AnyOfNot) })
	}
	switch len(kept) {
	case 0:
		return nil, types, ""
	case 1:
		return kept[0], types, ""
	}
	return &filter.And{Terms: kept}, types, ""
}

// savedSearchColumn is the SuiteQL column of a saved search's column: id for
// internalId, the lower-case name otherwise.
func savedSearchColumn(c string) string {
	if c == "internalId" {
		return "id"
	}
	return strings.ToLower(c)
}

// savedSearchQuery is the SuiteQL query of a saved search: the internal ID
// as rid and each column as c0, c1, ..., from the record type's table, with
// the criteria, in the sort's order and then by internal ID.
func savedSearchQuery(ss account.SavedSearch) string {
	var b strings.Builder
	b.WriteString("SELECT id AS rid")
	for i, c := range ss.Columns {
		fmt.Fprintf(&b, ", %s AS c%d", savedSearchColumn(c), i)
	}
	b.WriteString(" FROM " + strings.ToLower(ss.RecordType))
	if strings.TrimSpace(ss.Criteria) != "" {
		b.WriteString(" WHERE (" + ss.Criteria + ")")
	}
	b.WriteString(" ORDER BY ")
	for _, e := range ss.Sort {
		col, desc, _ := account.SortColumn(e)
		b.WriteString(savedSearchColumn(col))
		if desc {
			b.WriteString(" DESC")
		}
		b.WriteString(", ")
	}
	b.WriteString("id")
	return b.String()
}

// checkSavedSearches runs each saved search's query once, so that a saved
// search whose record type SOAP does not search, or whose criteria, columns
// or sort SuiteQL refuses, stops the emulator at start with its name.
func (s *Server) checkSavedSearches(ctx context.Context) error {
	for i, ss := range s.acct.SavedSearches {
		if _, ok := soapTypeOf(ss.RecordType); !ok {
			return fmt.Errorf("emulator: account file: savedSearches[%d].recordType: the emulator runs saved searches of %s records, not %s", i, strings.ToLower(soapTypeNames(false)), ss.RecordType)
		}
		if _, _, err := s.records.Query(ctx, savedSearchQuery(ss), 1, 0); err != nil {
			detail := err.Error()
			if e, ok := err.(*records.Error); ok {
				detail = e.Detail
			}
			return fmt.Errorf("emulator: account file: savedSearches[%d] (%s): its criteria, columns or sort are not SuiteQL the emulator runs: %s", i, ss.ScriptID, detail)
		}
	}
	return nil
}

// searchRow renders a saved search's row: one element per column with a
// value, in the common namespace, inside the type's basic search row; the
// internal ID as a RecordRef (Oracle: "select columns give
// <platformCore:searchValue internalId="78"/>", section_N3516862).
//
// Assumption: empty columns are left out; values are shown as SuiteQL shows
// them over REST (dates in the account's date format).
//
// A column that is one of the account's custom fields is in the basic part's
// customFieldList instead, as a SearchColumn<Kind>CustomField with its
// scriptId (customXSIKind); a checkbox's T or F (SuiteQL's) is true or
// false, a select's value is the internalId of its searchValue.
func (s *Server) searchRow(typ soapSearchType, columns []string, row map[string]string) searchRowXML {
	var r searchRowXML
	r.Xmlns = xml.Attr{Name: xml.Name{Local: "xmlns:" + typ.prefix}, Value: typ.ns}
	r.Type = typ.prefix + ":" + typ.name + "SearchRow"
	r.Basic.XMLName = xml.Name{Local: typ.prefix + ":basic"}
	r.Basic.Common = nsCommon
	for i, c := range columns {
		v, ok := row["c"+strconv.Itoa(i)]
		if !ok {
			continue
		}
		if cf, ok := s.acct.CustomField(c); ok {
			val := &fieldXML{Text: v}
			switch cf.Type {
			case catalog.CustomCheckbox:
				val.Text = strconv.FormatBool(v == "T" || v == "true")
			case catalog.CustomSelect:
				val = &fieldXML{InternalID: v}
			}
			addCustomField(&r.Basic.CustomFields, "platformCommon", customFieldXML{Type: "platformCore:SearchColumn" + customXSIKind[cf.Type] + "CustomField", ScriptID: cf.ScriptID, SearchValue: val})
			continue
		}
		col := columnXML{XMLName: xml.Name{Local: "platformCommon:" + c}}
		if c == "internalId" {
			col.Value.InternalID = v
		} else {
			col.Value.Text = v
		}
		r.Basic.Columns = append(r.Basic.Columns, col)
	}
	return r
}

// customXSIKind is the kind in the xsi:type of a custom field's value, by
// the field's type in the account: <Kind>CustomFieldRef in a record (Oracle,
// "Custom Field Types",
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N3458179.html:
// Integer is Long, Decimal Number Double, Check Box Boolean, Free-Form Text
// String, Date and Date/Time Date, List/Record Select), and
// SearchColumn<Kind>CustomField in a search row (platformCore.xsd of the
// 2025.2 WSDL, section_N3413913).
var customXSIKind = map[catalog.CustomFieldType]string{
	catalog.CustomText:     "String",
	catalog.CustomInteger:  "Long",
	catalog.CustomDecimal:  "Double",
	catalog.CustomCheckbox: "Boolean",
	catalog.CustomDate:     "Date",
	catalog.CustomDateTime: "Date",
	catalog.CustomSelect:   "Select",
}

// addCustomField adds f to *list, which it makes, as prefix:customFieldList,
// on the first field.
func addCustomField(list **customFieldListXML, prefix string, f customFieldXML) {
	if *list == nil {
		*list = &customFieldListXML{XMLName: xml.Name{Local: prefix + ":customFieldList"}}
	}
	(*list).Fields = append((*list).Fields, f)
}

// datePattern is a REST date field's value, 2026-01-31.
var datePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// soapRecords renders the records hits names as SOAP records: each REST
// record, read as the record API answers it, with its body fields only.
func (s *Server) soapRecords(ctx context.Context, hits []records.Hit) ([]recordXML, error) {
	out := make([]recordXML, 0, len(hits))
	for _, h := range hits {
		resp, err := s.records.Serve(ctx, &records.Request{Method: "GET", Path: h.Type + "/" + strconv.FormatInt(h.ID, 10)})
		if err != nil {
			if e, ok := err.(*records.Error); ok && e.Code == records.CodeNonexistentID {
				continue // deleted since the page was selected
			}
			return nil, err
		}
		rec, err := s.soapRecord(h.Type, resp.Body)
		if err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
	return out, nil
}

// soapRecord renders one REST record as a SOAP record: id and externalId as
// the attributes internalId and externalId; a reference or list value
// ({"id", "refName"}) as a RecordRef with its name; text, numbers and
// booleans as text; a date as midnight in the account's time zone
// (xsd:dateTime). Sublists and subrecords (objects without an id) and
// arrays are left out: body fields only. The account's custom fields are in
// the record's customFieldList, each a <Kind>CustomFieldRef (customXSIKind)
// with its scriptId and value.
//
// Assumption (FIDELITY.md): the SOAP names are the REST names, and fields
// come in the REST record's order, not the XSD's; a custom field has no
// internalId attribute (the account file gives none).
func (s *Server) soapRecord(recordType string, body []byte) (recordXML, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return recordXML{}, fmt.Errorf("emulator: reading a %s record for SOAP: %w", recordType, err)
	}
	typ, ok := soapRecordKinds[recordType]
	if !ok {
		return recordXML{}, fmt.Errorf("emulator: SOAP has no record type for %s", recordType)
	}
	rec := recordXML{
		Xmlns: xml.Attr{Name: xml.Name{Local: "xmlns:" + typ.prefix}, Value: typ.ns},
		Type:  typ.prefix + ":" + typ.name,
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	for _, k := range keys {
		var f fieldXML
		switch v := m[k].(type) {
		case string:
			switch {
			case k == "id":
				rec.InternalID = v
				continue
			case k == "externalId":
				rec.ExternalID = v
				continue
			case datePattern.MatchString(v):
				if d, err := time.ParseInLocation("2006-01-02", v, s.location); err == nil {
					v = d.Format("2006-01-02T15:04:05.000-07:00")
				}
			}
			f.Text = v
		case json.Number:
			f.Text = v.String()
		case bool:
			f.Text = strconv.FormatBool(v)
		case map[string]any:
			id, ok := v["id"].(string)
			if !ok {
				continue // a sublist or subrecord
			}
			f.InternalID = id
			f.Name, _ = v["refName"].(string)
		default:
			continue
		}
		if cf, ok := s.acct.CustomField(k); ok {
			addCustomField(&rec.CustomFields, typ.prefix, customFieldXML{Type: "platformCore:" + customXSIKind[cf.Type] + "CustomFieldRef", ScriptID: cf.ScriptID, Value: &f})
			continue
		}
		f.XMLName = xml.Name{Local: typ.prefix + ":" + k}
		rec.Fields = append(rec.Fields, f)
	}
	return rec, nil
}
