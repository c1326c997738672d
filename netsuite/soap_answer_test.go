package netsuite_test

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// The SOAP client against answers written here, in shapes the emulator
// does not send: redirects, pages that lie about their index, NetSuite's
// customFieldList and joins, a refused login without a fault detail.

// answerClient returns a Client of made-up TBA credentials that talks to
// url, retrying at once.
func answerClient(t *testing.T, url string) *netsuite.Client {
	t.Helper()
	acct, err := tba.ParseAccountID("1234567_SB1")
	if err != nil {
		t.Fatal(err)
	}
	k := strings.Repeat("a", 64)
	c, err := netsuite.NewClient(netsuite.WithAccount(acct), netsuite.WithBaseURL(url), fastRetries,
		netsuite.WithCredentials(tba.Credentials{ConsumerKey: k, ConsumerSecret: tba.Secret(k), TokenID: k, TokenSecret: tba.Secret(k)}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// searchAnswer is a searchResponse of total pages of one customer each,
// this one page index (no pageIndex element when index is "").
func searchAnswer(total int, index string) string {
	pageIndex := ""
	if index != "" {
		pageIndex = `<platformCore:pageIndex>` + index + `</platformCore:pageIndex>`
	}
	return `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>
<searchResponse xmlns="urn:messages_2025_2.platform.webservices.netsuite.com"><platformCore:searchResult xmlns:platformCore="urn:core_2025_2.platform.webservices.netsuite.com">
<platformCore:status isSuccess="true"/><platformCore:totalRecords>` + strconv.Itoa(total) + `</platformCore:totalRecords><platformCore:pageSize>1</platformCore:pageSize>
<platformCore:totalPages>` + strconv.Itoa(total) + `</platformCore:totalPages>` + pageIndex + `<platformCore:searchId>WEBSERVICES_X</platformCore:searchId>
<platformCore:recordList><platformCore:record internalId="1" xsi:type="listRel:Customer" xmlns:listRel="urn:relationships_2025_2.lists.webservices.netsuite.com"/></platformCore:recordList>
</platformCore:searchResult></searchResponse></soapenv:Body></soapenv:Envelope>`
}

// TestSearchPagesCountsPages: SearchPages asks for pages 2, 3, ... itself
// and stops after the first answer's totalPages; an answer whose pageIndex
// is not the page asked for (stuck at 1, or missing) is an error, not a
// page asked for again.
func TestSearchPagesCountsPages(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		index   func(asked string) string // the pageIndex answered
		pages   int
		wantErr string
	}{
		{name: "honest", index: func(asked string) string { return asked }, pages: 3},
		{name: "always 1", index: func(string) string { return "1" }, pages: 1, wantErr: "asked for page 2 of 3, NetSuite answered page 1"},
		{name: "missing", index: func(string) string { return "" }, pages: 0, wantErr: "asked for page 1 of 3, NetSuite answered page 0"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var mu sync.Mutex
			var asked []string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				var env struct {
					Index string `xml:"Body>searchMoreWithId>pageIndex"`
				}
				b, _ := io.ReadAll(r.Body)
				if err := xml.Unmarshal(b, &env); err != nil {
					t.Error(err)
				}
				page := cmp.Or(env.Index, "1")
				mu.Lock()
				asked = append(asked, page)
				mu.Unlock()
				io.WriteString(w, searchAnswer(3, tc.index(page)))
			}))
			defer srv.Close()
			pages := 0
			var err error
			for _, e := range answerClient(t, srv.URL).SOAP.SearchPages(t.Context(), netsuite.Search{RecordType: "customer"}, nil) {
				if err = e; err != nil {
					break
				}
				if pages++; pages > 10 {
					t.Fatalf("%d pages of a 3-page search (asked %v): it never ends", pages, asked)
				}
			}
			if pages != tc.pages || (tc.wantErr == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%d pages, err %v; want %d, %q (asked %v)", pages, err, tc.pages, tc.wantErr, asked)
			}
			if len(asked) != tc.pages+min(len(tc.wantErr), 1) || !slices.Equal(asked, []string{"1", "2", "3"}[:len(asked)]) {
				t.Errorf("asked for pages %v", asked)
			}
		})
	}
}

// TestSOAPRedirectNotFollowed: a 307 or 308 from the SOAP endpoint is an
// error naming the Location, not retried, and the TokenPassport never
// reaches the host it names.
func TestSOAPRedirectNotFollowed(t *testing.T) {
	t.Parallel()
	for _, code := range []int{http.StatusTemporaryRedirect, http.StatusPermanentRedirect, http.StatusFound} {
		var leaked atomic.Bool
		other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			b, _ := io.ReadAll(r.Body)
			leaked.Store(true)
			if bytes.Contains(b, []byte("tokenPassport")) {
				t.Errorf("%d: the tokenPassport was posted to the host the redirect named", code)
			}
			w.WriteHeader(500)
		}))
		defer other.Close()
		var n atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			n.Add(1)
			http.Redirect(w, r, other.URL+r.URL.Path, code)
		}))
		defer srv.Close()
		_, err := answerClient(t, srv.URL).SOAP.ServerTime(t.Context())
		var e *netsuite.Error
		if !errors.As(err, &e) || e.Status != code || !strings.Contains(err.Error(), `redirects to "`+other.URL+`/services/NetSuitePort_2025_2"`) || netsuite.IsAuth(err) {
			t.Errorf("%d: err %v", code, err)
		}
		if leaked.Load() || n.Load() != 1 {
			t.Errorf("%d: %d requests, followed %v", code, n.Load(), leaked.Load())
		}
	}
}

// TestSOAPAnswerTooLarge: an answer over 64 MiB is refused as too large,
// not cut and reported as no envelope.
func TestSOAPAnswerTooLarge(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>`)
		io.Copy(w, io.LimitReader(repeatReader('x'), 64<<20))
		io.WriteString(w, `</soapenv:Body></soapenv:Envelope>`)
	}))
	defer srv.Close()
	_, err := answerClient(t, srv.URL).SOAP.ServerTime(t.Context())
	if err == nil || !strings.Contains(err.Error(), "the answer is over 64 MiB") {
		t.Errorf("err %v", err)
	}
}

// repeatReader reads as the byte without end.
type repeatReader byte

func (b repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
}

// TestSOAPInvalidLoginFaultWithoutDetail: NetSuite's published refused
// login, a Server.userException "Invalid login attempt." with only Axis's
// hostname as detail, is INVALID_LOGIN_ATTEMPT and IsAuth; another
// userException without detail is not.
func TestSOAPInvalidLoginFaultWithoutDetail(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		faultstring string
		auth        bool
	}{{"Invalid login attempt.", true}, {"Only one request may be made against a session at a time", false}} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(500)
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server.userException</faultcode><faultstring>`+
				tc.faultstring+`</faultstring><detail><ns1:hostname xmlns:ns1="http://xml.apache.org/axis/">partners.example</ns1:hostname></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>`)
		}))
		defer srv.Close()
		_, err := answerClient(t, srv.URL).SOAP.ServerTime(t.Context())
		if netsuite.IsAuth(err) != tc.auth || netsuite.HasCode(err, netsuite.CodeInvalidLoginAttempt) != tc.auth || tc.auth && !strings.Contains(err.Error(), netsuite.LoginHint) {
			t.Errorf("%q: IsAuth(%v) = %v, want %v", tc.faultstring, err, netsuite.IsAuth(err), tc.auth)
		}
	}
}

// TestSOAPSearchCustomAndJoinColumns reads NetSuite's shapes: a saved
// search row's custom fields in customFieldList (SearchColumn...CustomField
// with searchValue) and a join's columns; a record's custom fields
// (...CustomFieldRef with value, a select with its name).
func TestSOAPSearchCustomAndJoinColumns(t *testing.T) {
	t.Parallel()
	const head = `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>
<searchResponse xmlns="urn:messages_2025_2.platform.webservices.netsuite.com"><platformCore:searchResult xmlns:platformCore="urn:core_2025_2.platform.webservices.netsuite.com">
<platformCore:status isSuccess="true"/><platformCore:totalRecords>1</platformCore:totalRecords><platformCore:pageSize>5</platformCore:pageSize>
<platformCore:totalPages>1</platformCore:totalPages><platformCore:pageIndex>1</platformCore:pageIndex><platformCore:searchId>WEBSERVICES_X</platformCore:searchId>`
	const tail = `</platformCore:searchResult></searchResponse></soapenv:Body></soapenv:Envelope>`
	const row = head + `<platformCore:searchRowList><platformCore:searchRow xsi:type="listRel:CustomerSearchRow" xmlns:listRel="urn:relationships_2025_2.lists.webservices.netsuite.com">
<listRel:basic xmlns:platformCommon="urn:common_2025_2.platform.webservices.netsuite.com">
<platformCommon:entityId><platformCore:searchValue>ACME</platformCore:searchValue></platformCommon:entityId>
<platformCommon:internalId><platformCore:searchValue internalId="42"/></platformCommon:internalId>
<platformCommon:customFieldList><platformCore:customField xsi:type="platformCore:SearchColumnStringCustomField" scriptId="custentity_region"><platformCore:searchValue>EMEA</platformCore:searchValue></platformCore:customField>
<platformCore:customField xsi:type="platformCore:SearchColumnSelectCustomField" scriptId="custentity_tier" internalId="77"><platformCore:searchValue internalId="3" typeId="12"/></platformCore:customField></platformCommon:customFieldList>
</listRel:basic>
<listRel:salesRepJoin xsi:type="platformCommon:EmployeeSearchRowBasic" xmlns:platformCommon="urn:common_2025_2.platform.webservices.netsuite.com"><platformCommon:email><platformCore:searchValue>rep@example.com</platformCore:searchValue></platformCommon:email>
<platformCommon:customFieldList><platformCore:customField xsi:type="platformCore:SearchColumnStringCustomField" scriptId="custentity_desk"><platformCore:searchValue>B2</platformCore:searchValue></platformCore:customField></platformCommon:customFieldList></listRel:salesRepJoin>
</platformCore:searchRow></platformCore:searchRowList>` + tail
	const record = head + `<platformCore:recordList><platformCore:record internalId="42" xsi:type="listRel:Customer" xmlns:listRel="urn:relationships_2025_2.lists.webservices.netsuite.com" xmlns:platformCommon="urn:common_2025_2.platform.webservices.netsuite.com">
<listRel:entityId>ACME</listRel:entityId>
<listRel:customFieldList><platformCore:customField xsi:type="platformCore:StringCustomFieldRef" scriptId="custentity_region" internalId="76"><platformCore:value>EMEA</platformCore:value></platformCore:customField>
<platformCore:customField xsi:type="platformCore:SelectCustomFieldRef" scriptId="custentity_tier" internalId="77"><platformCore:value internalId="3" typeId="12"><platformCore:name>Gold</platformCore:name></platformCore:value></platformCore:customField>
<platformCore:customField xsi:type="platformCore:MultiSelectCustomFieldRef" scriptId="custentity_zones"><platformCore:value internalId="4"><platformCore:name>North</platformCore:name></platformCore:value><platformCore:value internalId="7"><platformCore:name>West</platformCore:name></platformCore:value></platformCore:customField></listRel:customFieldList>
</platformCore:record></platformCore:recordList>` + tail
	for _, tc := range []struct {
		answer string
		want   []netsuite.SearchColumn
	}{
		{row, []netsuite.SearchColumn{
			{Name: "entityId", Value: "ACME"}, {Name: "internalId", InternalID: "42"},
			{Name: "custentity_region", Value: "EMEA"}, {Name: "custentity_tier", InternalID: "3"},
			{Name: "salesRepJoin.email", Value: "rep@example.com"}, {Name: "salesRepJoin.custentity_desk", Value: "B2"},
		}},
		{record, []netsuite.SearchColumn{
			{Name: "entityId", Value: "ACME"}, {Name: "custentity_region", Value: "EMEA"},
			{Name: "custentity_tier", InternalID: "3", RefName: "Gold"}, {Name: "custentity_zones", InternalID: "4,7", RefName: "North,West"},
		}},
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, tc.answer) }))
		defer srv.Close()
		res, err := answerClient(t, srv.URL).SOAP.Search(t.Context(), netsuite.Search{RecordType: "customer", SavedSearchScriptID: "customsearch_x"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Rows) != 1 || res.Rows[0].InternalID != "42" || !slices.Equal(res.Rows[0].Columns, tc.want) {
			t.Errorf("rows %+v\nwant columns %+v", res.Rows, tc.want)
		}
	}
}

// TestSearchConditionElements: a condition's element carries no xsi:type,
// so the XSD's declared type of the field applies (amount is a
// SearchDoubleField even with a whole number).
func TestSearchConditionElements(t *testing.T) {
	t.Parallel()
	var body atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		body.Store(string(b))
		io.WriteString(w, searchAnswer(0, "1"))
	}))
	defer srv.Close()
	var conds []netsuite.SearchCondition
	for _, s := range []string{"amount greaterThan 100", "isInactive is false", "lastModifiedDate after 2026-01-01T00:00:00Z", "email startsWith ann"} {
		c, err := netsuite.ParseSearchCondition(s)
		if err != nil {
			t.Fatal(err)
		}
		conds = append(conds, c)
	}
	if _, err := answerClient(t, srv.URL).SOAP.Search(t.Context(), netsuite.Search{RecordType: "transaction", Conditions: conds}, nil); err != nil {
		t.Fatal(err)
	}
	got, _ := body.Load().(string)
	for _, want := range []string{
		`<platformCommon:amount operator="greaterThan"><platformCore:searchValue>100</platformCore:searchValue></platformCommon:amount>`,
		`<platformCommon:isInactive><platformCore:searchValue>false</platformCore:searchValue></platformCommon:isInactive>`,
		`<platformCommon:lastModifiedDate operator="after"><platformCore:searchValue>2026-01-01T00:00:00Z</platformCore:searchValue></platformCommon:lastModifiedDate>`,
		`<platformCommon:email operator="startsWith"><platformCore:searchValue>ann</platformCore:searchValue></platformCommon:email>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the envelope has no %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, `"platformCore:Search`) {
		t.Errorf("a field element has an xsi:type:\n%s", got)
	}
}
