package emulator

import (
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/nsconnect/nsconnect/emulator/internal/account"
	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
)

// TestSOAPAmbiguousAuthentication: a tokenPassport beside an Authorization
// header is NetSuite's "Ambiguous authentication" fault, whatever the
// header holds.
func TestSOAPAmbiguousAuthentication(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true, NoListener: true})
	for _, authz := range []string{"Bearer eyJhbGciOiJub25lIn0.e30.", `OAuth realm="1234567_SB1"`} {
		req, err := http.NewRequest("POST", s.URL()+soapPath, strings.NewReader(envelope(demoPassport(s).xml(), `<platformMsgs:getServerTime/>`)))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "text/xml; charset=utf-8")
		req.Header.Set("SOAPAction", "getServerTime")
		req.Header.Set("Authorization", authz)
		code, _, body := roundTrip(t, s.HTTPClient(), req)
		fc, msg := faultCode(t, code, body)
		if fc != "USER_ERROR" || msg != "Ambiguous authentication" || !strings.Contains(string(body), "invalidCredentialsFault") {
			t.Errorf("Authorization %q with a tokenPassport: %s %q, want invalidCredentialsFault USER_ERROR \"Ambiguous authentication\"\n%s", authz, fc, msg, body)
		}
	}
}

// TestSOAPSearchRefusesJoins: a join (or any element but basic) in a
// <Record>Search fails with INVALID_SEARCH naming it, rather than run
// without its criteria.
func TestSOAPSearchRefusesJoins(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoListener: true})
	for _, rec := range []string{
		`<platformMsgs:searchRecord xsi:type="listRel:CustomerSearch">` +
			`<listRel:salesRepJoin xsi:type="platformCommon:EmployeeSearchBasic"><platformCommon:email operator="is" xsi:type="platformCore:SearchStringField"><platformCore:searchValue>nobody@example.invalid</platformCore:searchValue></platformCommon:email></listRel:salesRepJoin>` +
			`</platformMsgs:searchRecord>`,
		`<platformMsgs:searchRecord xsi:type="listRel:CustomerSearch"><listRel:basic/>` +
			`<listRel:salesRepJoin/></platformMsgs:searchRecord>`,
		`<platformMsgs:searchRecord xsi:type="listRel:CustomerSearchAdvanced" savedSearchScriptId="customsearch_nsconnect_customers"><listRel:salesRepJoin/></platformMsgs:searchRecord>`,
	} {
		a := soapSearchOnce(t, s, pageSizeHeader(5), rec)
		if statusCode(a) != "INVALID_SEARCH" || !strings.Contains(a.Body.Result.Status.Details[0].Message, "salesRepJoin") {
			t.Errorf("%s: status %+v, want INVALID_SEARCH naming salesRepJoin", rec, a.Body.Result.Status)
		}
	}
}

// customFieldServer is a server whose account has a customer custom field of
// every type and a saved search with them as columns, and one customer
// with a value in each.
func customFieldServer(t *testing.T) (*Server, string) {
	t.Helper()
	acct := account.Demo()
	acct.CustomLists = append(acct.CustomLists, account.CustomList{ScriptID: "customlist_geo", Name: "Geography", Values: []string{"EMEA", "AMER"}})
	acct.CustomFields = append(acct.CustomFields,
		account.CustomField{ScriptID: "custentity_seats", Type: catalog.CustomInteger, AppliesTo: []string{"customer"}},
		account.CustomField{ScriptID: "custentity_score", Type: catalog.CustomDecimal, AppliesTo: []string{"customer"}},
		account.CustomField{ScriptID: "custentity_vip", Type: catalog.CustomCheckbox, AppliesTo: []string{"customer"}},
		account.CustomField{ScriptID: "custentity_since", Type: catalog.CustomDate, AppliesTo: []string{"customer"}},
		account.CustomField{ScriptID: "custentity_geo", Type: catalog.CustomSelect, RecordType: "customlist_geo", AppliesTo: []string{"customer"}},
	)
	acct.SavedSearches[0].Criteria = "companyname = 'Custom Co'"
	acct.SavedSearches[0].Columns = []string{"internalId", "entityId", "custentity_loyalty_tier", "custentity_seats", "custentity_score", "custentity_vip", "custentity_since", "custentity_geo"}
	data, err := account.Marshal(acct)
	if err != nil {
		t.Fatal(err)
	}
	s := newTestServer(t, Options{AccountYAML: data, NoListener: true})
	id := s.MustCreateRecord("customer", map[string]any{
		"companyName": "Custom Co", "subsidiary": map[string]string{"id": "1"},
		"custentity_loyalty_tier": "Gold", "custentity_seats": 12, "custentity_score": 4.5, "custentity_vip": true,
		"custentity_since": "2026-01-31", "custentity_geo": map[string]string{"id": "1"},
	})
	return s, id
}

// testCustomField is a custom field as the tests read it.
type testCustomField struct {
	Type     string `xml:"http://www.w3.org/2001/XMLSchema-instance type,attr"`
	ScriptID string `xml:"scriptId,attr"`
	Value    struct {
		InternalID string `xml:"internalId,attr"`
		Text       string `xml:",chardata"`
	} `xml:",any"`
}

func (f testCustomField) String() string {
	return f.Type + " " + f.ScriptID + "=" + f.Value.InternalID + f.Value.Text
}

// TestSOAPCustomFields: custom fields are in the customFieldList of a
// record (in the record's namespace, <Kind>CustomFieldRef with value) and of
// a saved search row's basic part (in the common namespace,
// SearchColumn<Kind>CustomField with searchValue), with the xsi:type of the
// field's type in the account, and never body elements.
func TestSOAPCustomFields(t *testing.T) {
	t.Parallel()
	s, id := customFieldServer(t)
	_, body := postSOAP(t, s, "search", envelope(demoPassport(s).xml()+pageSizeHeader(5),
		`<platformMsgs:search><platformMsgs:searchRecord xsi:type="listRel:CustomerSearch"><listRel:basic>`+
			`<platformCommon:companyName operator="is"><platformCore:searchValue>Custom Co</platformCore:searchValue></platformCommon:companyName>`+
			`</listRel:basic></platformMsgs:searchRecord></platformMsgs:search>`))
	var rec struct {
		Record struct {
			InternalID string `xml:"internalId,attr"`
			Fields     []struct {
				XMLName xml.Name
			} `xml:",any"`
			List struct {
				XMLName xml.Name
				Fields  []testCustomField `xml:"urn:core_2025_2.platform.webservices.netsuite.com customField"`
			} `xml:"urn:relationships_2025_2.lists.webservices.netsuite.com customFieldList"`
		} `xml:"Body>searchResponse>searchResult>recordList>record"`
	}
	if err := xml.Unmarshal(body, &rec); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rec.Record.List.Fields {
		got = append(got, f.String())
	}
	want := []string{
		"platformCore:StringCustomFieldRef custentity_loyalty_tier=Gold",
		"platformCore:LongCustomFieldRef custentity_seats=12",
		"platformCore:DoubleCustomFieldRef custentity_score=4.5",
		"platformCore:BooleanCustomFieldRef custentity_vip=true",
		"platformCore:DateCustomFieldRef custentity_since=2026-01-31T00:00:00.000",
		"platformCore:SelectCustomFieldRef custentity_geo=1",
	}
	if rec.Record.InternalID != id || !sameFields(got, want) {
		t.Errorf("record %s customFieldList:\n%s\nwant (in any order, dates with the zone):\n%s\n%s", rec.Record.InternalID, strings.Join(got, "\n"), strings.Join(want, "\n"), body)
	}
	for _, f := range rec.Record.Fields {
		if strings.HasPrefix(f.XMLName.Local, "cust") {
			t.Errorf("custom field %s is a body element", f.XMLName.Local)
		}
	}

	_, body = postSOAP(t, s, "search", envelope(demoPassport(s).xml()+pageSizeHeader(5),
		`<platformMsgs:search><platformMsgs:searchRecord xsi:type="listRel:CustomerSearchAdvanced" savedSearchScriptId="customsearch_nsconnect_customers"/></platformMsgs:search>`))
	var row struct {
		Basic struct {
			Columns []struct {
				XMLName xml.Name
			} `xml:",any"`
			List struct {
				Fields []testCustomField `xml:"urn:core_2025_2.platform.webservices.netsuite.com customField"`
			} `xml:"urn:common_2025_2.platform.webservices.netsuite.com customFieldList"`
		} `xml:"Body>searchResponse>searchResult>searchRowList>searchRow>basic"`
	}
	if err := xml.Unmarshal(body, &row); err != nil {
		t.Fatal(err)
	}
	got = got[:0]
	for _, f := range row.Basic.List.Fields {
		got = append(got, f.String())
	}
	want = []string{
		"platformCore:SearchColumnStringCustomField custentity_loyalty_tier=Gold",
		"platformCore:SearchColumnLongCustomField custentity_seats=12",
		"platformCore:SearchColumnDoubleCustomField custentity_score=4.5",
		"platformCore:SearchColumnBooleanCustomField custentity_vip=true",
		"platformCore:SearchColumnDateCustomField custentity_since=",
		"platformCore:SearchColumnSelectCustomField custentity_geo=1",
	}
	if !sameFields(got, want) {
		t.Errorf("search row customFieldList:\n%s\nwant:\n%s\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), body)
	}
	for _, c := range row.Basic.Columns {
		if strings.HasPrefix(c.XMLName.Local, "cust") {
			t.Errorf("custom column %s is a basic element", c.XMLName.Local)
		}
	}
}

// sameFields reports whether got and want have the same entries, each of got
// starting with its entry of want.
func sameFields(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	for _, w := range want {
		if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, w) }) {
			return false
		}
	}
	return true
}

// TestSOAPSearchMoreRechecksPermission: a role that lost the record
// permission after the search began gets INSUFFICIENT_PERMISSION on the next
// page, not the records.
func TestSOAPSearchMoreRechecksPermission(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoListener: true})
	first := soapSearchOnce(t, s, pageSizeHeader(5), `<platformMsgs:searchRecord xsi:type="listRel:CustomerSearch"/>`)
	if first.Body.Result.TotalPages < 2 {
		t.Fatalf("the seed has %d pages of customers; the test needs 2", first.Body.Result.TotalPages)
	}
	if err := s.SetRecordPermission(account.DemoRole, "customer", "None"); err != nil {
		t.Fatal(err)
	}
	if got := statusCode(searchMore(t, s, first.Body.Result.SearchID, 2)); got != "INSUFFICIENT_PERMISSION" {
		t.Errorf("page 2 after the role lost customer: status %q, want INSUFFICIENT_PERMISSION", got)
	}
}

// TestSOAPSearchPageUsesRequestContext: a page is read on the request's
// context, so a request that is gone stops its query.
func TestSOAPSearchPageUsesRequestContext(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoListener: true})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	srch := &soapSearch{typ: soapSearchTypes[0], types: []string{"customer"}, pageSize: 5}
	if body, err := s.searchPage(ctx, "search", "WEBSERVICES_X", srch, 1); err == nil && body.Search.Result.Status.IsSuccess {
		t.Errorf("a page on a cancelled context succeeded with %d records", *body.Search.Result.TotalRecords)
	}
}

// TestSOAPSearchFieldType: a search field's xsi:type must be the type of
// the field's kind (balance is a SearchDoubleField, email a
// SearchStringField, isInactive a SearchBooleanField); another is a
// soapenv:Client fault naming the field and the type to send. No xsi:type
// is fine.
func TestSOAPSearchFieldType(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoListener: true})
	field := func(name, typ, op, value string) string {
		attrs := ""
		if typ != "" {
			attrs += ` xsi:type="platformCore:` + typ + `"`
		}
		if op != "" {
			attrs += ` operator="` + op + `"`
		}
		return `<platformMsgs:search><platformMsgs:searchRecord xsi:type="listRel:CustomerSearchBasic"><platformCommon:` + name + attrs +
			`><platformCore:searchValue>` + value + `</platformCore:searchValue></platformCommon:` + name + `></platformMsgs:searchRecord></platformMsgs:search>`
	}
	for _, tc := range []struct {
		name, typ, op, value string
		fault                bool
	}{
		{"balance", "SearchDoubleField", "greaterThan", "100", false},
		{"balance", "", "greaterThan", "100", false},
		{"balance", "SearchLongField", "greaterThan", "100", true},
		{"email", "SearchStringField", "contains", "@", false},
		{"email", "SearchBooleanField", "", "true", true},
		{"isInactive", "SearchBooleanField", "", "false", false},
		{"internalId", "SearchMultiSelectField", "anyOf", "1", false},
		{"internalIdNumber", "SearchLongField", "equalTo", "1", false},
		{"internalIdNumber", "SearchStringField", "is", "1", true},
		{"dateCreated", "SearchDateField", "after", "2020-01-01T00:00:00Z", false},
		{"dateCreated", "SearchStringField", "is", "x", true},
	} {
		code, body := postSOAP(t, s, "search", envelope(demoPassport(s).xml()+pageSizeHeader(5), field(tc.name, tc.typ, tc.op, tc.value)))
		a := parseAnswer(t, body)
		switch {
		case tc.fault && (a.Body.Fault == nil || !strings.Contains(a.Body.Fault.String, tc.name) || a.Body.Fault.Code != "soapenv:Client"):
			t.Errorf("%s as %s: %d, want a soapenv:Client fault naming the field\n%s", tc.name, tc.typ, code, body)
		case !tc.fault && (code != 200 || a.Body.Result == nil || !a.Body.Result.Status.IsSuccess):
			t.Errorf("%s as %q: %d, want a search\n%s", tc.name, tc.typ, code, body)
		}
	}
}

// TestSOAPBooleanSearchValue: a SearchBooleanField's searchValue is an
// xsd:boolean, so 1 and 0 search as true and false.
func TestSOAPBooleanSearchValue(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoListener: true})
	count := func(v string) int {
		a := soapSearchOnce(t, s, pageSizeHeader(5), `<platformMsgs:searchRecord xsi:type="listRel:CustomerSearchBasic">`+
			`<platformCommon:isInactive><platformCore:searchValue>`+v+`</platformCore:searchValue></platformCommon:isInactive></platformMsgs:searchRecord>`)
		if !a.Body.Result.Status.IsSuccess {
			t.Fatalf("isInactive %s: %+v", v, a.Body.Result.Status)
		}
		return a.Body.Result.TotalRecords
	}
	active, inactive := count("false"), count("true")
	if active == 0 || count("0") != active || count("1") != inactive {
		t.Errorf("isInactive 0 and 1 do not search as false (%d) and true (%d)", active, inactive)
	}
}

// TestSOAPSearchCustomFieldCriteria: a basic search's customFieldList holds
// conditions on the custom fields its customField elements name by
// scriptId.
func TestSOAPSearchCustomFieldCriteria(t *testing.T) {
	t.Parallel()
	s, id := customFieldServer(t)
	search := func(custom string) *testAnswer {
		return soapSearchOnce(t, s, pageSizeHeader(5), `<platformMsgs:searchRecord xsi:type="listRel:CustomerSearchBasic">`+
			`<platformCommon:customFieldList>`+custom+`</platformCommon:customFieldList></platformMsgs:searchRecord>`)
	}
	const (
		tier  = `<platformCore:customField xsi:type="platformCore:SearchStringCustomField" scriptId="custentity_loyalty_tier" operator="is"><platformCore:searchValue>Gold</platformCore:searchValue></platformCore:customField>`
		seats = `<platformCore:customField xsi:type="platformCore:SearchLongCustomField" scriptId="custentity_seats" operator="equalTo"><platformCore:searchValue>%d</platformCore:searchValue></platformCore:customField>`
		geo   = `<platformCore:customField xsi:type="platformCore:SearchMultiSelectCustomField" scriptId="custentity_geo" operator="anyOf"><platformCore:searchValue internalId="1"/></platformCore:customField>`
		vip   = `<platformCore:customField xsi:type="platformCore:SearchBooleanCustomField" scriptId="custentity_vip"><platformCore:searchValue>true</platformCore:searchValue></platformCore:customField>`
	)
	a := search(tier + fmt.Sprintf(seats, 12) + geo + vip)
	if statusCode(a) != "" || a.Body.Result.TotalRecords != 1 || a.Body.Result.Records[0].InternalID != id {
		t.Errorf("the custom fields of customer %s: %+v, %d records", id, a.Body.Result.Status, a.Body.Result.TotalRecords)
	}
	if a := search(tier + fmt.Sprintf(seats, 13)); statusCode(a) != "" || a.Body.Result.TotalRecords != 0 {
		t.Errorf("custentity_seats 13: %+v, %d records, want none", a.Body.Result.Status, a.Body.Result.TotalRecords)
	}
	if a := search(`<platformCore:customField operator="is"><platformCore:searchValue>Gold</platformCore:searchValue></platformCore:customField>`); statusCode(a) != "INVALID_SEARCH" || !strings.Contains(a.Body.Result.Status.Details[0].Message, "scriptId") {
		t.Errorf("a customField without scriptId: %+v, want INVALID_SEARCH naming scriptId", a.Body.Result.Status)
	}
}
