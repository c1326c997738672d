package emulator

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/account"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// The SOAP tests sign their envelopes with a TokenPassport computed here,
// independently of package tba: base string account&consumerKey&token&
// nonce&timestamp, key consumerSecret&tokenSecret, HMAC-SHA256 in base64
// (Oracle, section_4395630653).

// testPassport is the tokenPassport header of the demo credentials with
// the nonce and timestamp given.
type testPassport struct {
	account, consumerKey, consumerSecret, token, tokenSecret string
	nonce                                                    string
	timestamp                                                int64
	algorithm                                                string
}

var passportNonces atomic.Int64

// demoPassport returns a passport of the demo account, fresh nonce, timestamp
// from the server's clock.
func demoPassport(s *Server) testPassport {
	return testPassport{
		account:     account.DemoAccountID,
		consumerKey: account.DemoConsumerKey, consumerSecret: string(account.DemoConsumerSecret),
		token: account.DemoTokenID, tokenSecret: string(account.DemoTokenSecret),
		nonce:     fmt.Sprintf("testnonce%011d", passportNonces.Add(1)),
		timestamp: s.Clock().Now.Unix(),
		algorithm: "HMAC-SHA256",
	}
}

func (p testPassport) xml() string {
	base := strings.Join([]string{p.account, p.consumerKey, p.token, p.nonce, strconv.FormatInt(p.timestamp, 10)}, "&")
	mac := hmac.New(sha256.New, []byte(p.consumerSecret+"&"+p.tokenSecret))
	mac.Write([]byte(base))
	sig := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	return `<platformMsgs:tokenPassport>` +
		`<platformCore:account>` + p.account + `</platformCore:account>` +
		`<platformCore:consumerKey>` + p.consumerKey + `</platformCore:consumerKey>` +
		`<platformCore:token>` + p.token + `</platformCore:token>` +
		`<platformCore:nonce>` + p.nonce + `</platformCore:nonce>` +
		`<platformCore:timestamp>` + strconv.FormatInt(p.timestamp, 10) + `</platformCore:timestamp>` +
		`<platformCore:signature algorithm="` + p.algorithm + `">` + sig + `</platformCore:signature>` +
		`</platformMsgs:tokenPassport>`
}

// envelope wraps header and body XML in a 2025_2 envelope with the
// prefixes of Oracle's samples.
func envelope(header, body string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"
 xmlns:platformMsgs="urn:messages_2025_2.platform.webservices.netsuite.com"
 xmlns:platformCore="urn:core_2025_2.platform.webservices.netsuite.com"
 xmlns:platformCommon="urn:common_2025_2.platform.webservices.netsuite.com"
 xmlns:listRel="urn:relationships_2025_2.lists.webservices.netsuite.com">
<soapenv:Header>` + header + `</soapenv:Header>
<soapenv:Body>` + body + `</soapenv:Body>
</soapenv:Envelope>`
}

// pageSizeHeader is a searchPreferences header.
func pageSizeHeader(n int) string {
	return `<platformMsgs:searchPreferences><platformMsgs:bodyFieldsOnly>true</platformMsgs:bodyFieldsOnly>` +
		`<platformMsgs:pageSize>` + strconv.Itoa(n) + `</platformMsgs:pageSize></platformMsgs:searchPreferences>`
}

// postSOAP posts an envelope with SOAPAction action and returns the status
// and body.
func postSOAP(t testing.TB, s *Server, action, env string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest("POST", s.URL()+"/services/NetSuitePort_2025_2", strings.NewReader(env))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	if action != "" {
		req.Header.Set("SOAPAction", action)
	}
	code, _, body := roundTrip(t, s.HTTPClient(), req)
	return code, body
}

// The answers as the tests read them: by local name, any namespace.
type testAnswer struct {
	Body struct {
		Fault *struct {
			Code   string `xml:"faultcode"`
			String string `xml:"faultstring"`
			Detail struct {
				Inner []struct {
					XMLName xml.Name
					Code    string `xml:"code"`
					Message string `xml:"message"`
				} `xml:",any"`
			} `xml:"detail"`
		} `xml:"Fault"`
		ServerTime   string      `xml:"getServerTimeResponse>getServerTimeResult>serverTime"`
		SearchResult *testResult `xml:"searchResponse>searchResult"`
		MoreResult   *testResult `xml:"searchMoreWithIdResponse>searchResult"`
		Result       *testResult `xml:"-"`
	} `xml:"Body"`
}

type testResult struct {
	Status struct {
		IsSuccess bool `xml:"isSuccess,attr"`
		Details   []struct {
			Code    string `xml:"code"`
			Message string `xml:"message"`
		} `xml:"statusDetail"`
	} `xml:"status"`
	TotalRecords int    `xml:"totalRecords"`
	PageSize     int    `xml:"pageSize"`
	TotalPages   int    `xml:"totalPages"`
	PageIndex    int    `xml:"pageIndex"`
	SearchID     string `xml:"searchId"`
	Records      []struct {
		InternalID string `xml:"internalId,attr"`
		Type       string `xml:"http://www.w3.org/2001/XMLSchema-instance type,attr"`
		Fields     []struct {
			XMLName    xml.Name
			InternalID string `xml:"internalId,attr"`
			Name       string `xml:"name"`
			Text       string `xml:",chardata"`
		} `xml:",any"`
	} `xml:"recordList>record"`
	Rows []struct {
		Basic struct {
			Columns []struct {
				XMLName xml.Name
				Value   struct {
					InternalID string `xml:"internalId,attr"`
					Text       string `xml:",chardata"`
				} `xml:"searchValue"`
			} `xml:",any"`
		} `xml:"basic"`
	} `xml:"searchRowList>searchRow"`
}

func parseAnswer(t testing.TB, body []byte) *testAnswer {
	t.Helper()
	var a testAnswer
	if err := xml.Unmarshal(body, &a); err != nil {
		t.Fatalf("answer is not XML: %v\n%s", err, body)
	}
	a.Body.Result = a.Body.SearchResult
	if a.Body.Result == nil {
		a.Body.Result = a.Body.MoreResult
	}
	return &a
}

// faultCode returns the answer's fault code (of NetSuite's detail), or
// fails the test when it is not a fault.
func faultCode(t testing.TB, code int, body []byte) (string, string) {
	t.Helper()
	a := parseAnswer(t, body)
	if code != 500 || a.Body.Fault == nil || len(a.Body.Fault.Detail.Inner) == 0 {
		t.Fatalf("want a fault with status 500, got %d:\n%s", code, body)
	}
	return a.Body.Fault.Detail.Inner[0].Code, a.Body.Fault.String
}

func TestSOAPServerTime(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 3, 26, 16, 21, 0, 0, time.UTC)
	s := newTestServer(t, Options{NoSeed: true, NoListener: true})
	if err := s.SetClock(at, true); err != nil {
		t.Fatal(err)
	}
	code, body := postSOAP(t, s, "getServerTime", envelope(demoPassport(s).xml(), `<platformMsgs:getServerTime/>`))
	if code != 200 {
		t.Fatalf("getServerTime: %d\n%s", code, body)
	}
	if got := parseAnswer(t, body).Body.ServerTime; got != "2026-03-26T16:21:00.000Z" {
		t.Errorf("serverTime %q", got)
	}
	if !strings.Contains(string(body), `<getServerTimeResponse xmlns="urn:messages_2025_2.platform.webservices.netsuite.com">`) {
		t.Errorf("the answer is not in the 2025_2 messages namespace:\n%s", body)
	}
	entry := lastAudit(t, s)
	if entry["kind"] != "SOAP" || entry["status"] != "Success" {
		t.Errorf("audit entry %v", entry)
	}
	// The enum spelling of the algorithm is accepted too.
	p := demoPassport(s)
	p.algorithm = "HMAC_SHA256"
	if code, body := postSOAP(t, s, "", envelope(p.xml(), `<platformMsgs:getServerTime/>`)); code != 200 {
		t.Errorf("HMAC_SHA256: %d\n%s", code, body)
	}
}

// TestSOAPLoginRefusals: every refusal is the same fault, and the audit
// trail has the reason, as for REST.
func TestSOAPLoginRefusals(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true, NoListener: true})
	call := func(p testPassport) (int, []byte) {
		return postSOAP(t, s, "getServerTime", envelope(p.xml(), `<platformMsgs:getServerTime/>`))
	}
	replayed := demoPassport(s)
	if code, body := call(replayed); code != 200 {
		t.Fatalf("first use: %d %s", code, body)
	}
	cases := []struct {
		name   string
		change func(*testPassport)
		setup  func()
		reason string
	}{
		{"bad signature", func(p *testPassport) { p.tokenSecret = strings.Repeat("0", 64) }, nil, "InvalidSignature"},
		{"lower-case account", func(p *testPassport) { p.account = strings.ToLower(p.account) }, nil, "InvalidRealm"},
		{"old timestamp", func(p *testPassport) { p.timestamp -= 600 }, nil, "InvalidTimestamp"},
		{"short nonce", func(p *testPassport) { p.nonce = "abc" }, nil, "nonce_rejected"},
		{"replayed nonce", func(p *testPassport) { *p = replayed }, nil, "NonceUsed"},
		{"unknown algorithm", func(p *testPassport) { p.algorithm = "HMAC-SHA1" }, nil, "UnknownAlgorithm"},
		{"SOAP permission", nil, func() {
			if err := s.SetPermission(account.DemoRole, "WEB_SERVICES", "None"); err != nil {
				t.Fatal(err)
			}
		}, "permission_denied"},
		{"SOAP feature", nil, func() {
			if err := s.SetPermission(account.DemoRole, "WEB_SERVICES", "Full"); err != nil {
				t.Fatal(err)
			}
			if err := s.SetFeature("SOAP_WEB_SERVICES", false); err != nil {
				t.Fatal(err)
			}
		}, "FeatureDisabled"},
	}
	for _, c := range cases {
		if c.setup != nil {
			c.setup()
		}
		p := demoPassport(s)
		if c.change != nil {
			c.change(&p)
		}
		code, body := call(p)
		fc, msg := faultCode(t, code, body)
		if fc != "INVALID_LOGIN_ATTEMPT" || msg != "Invalid login attempt." || !strings.Contains(string(body), "<faultcode>soapenv:Server.userException</faultcode>") {
			t.Errorf("%s: fault %s %q\n%s", c.name, fc, msg, body)
		}
		if got := lastAudit(t, s)["reason"]; got != c.reason {
			t.Errorf("%s: audit reason %v, want %s", c.name, got, c.reason)
		}
		// A success between the refusals keeps the user from being locked
		// after five in a row.
		if code, body := call(demoPassport(s)); c.setup == nil && code != 200 {
			t.Fatalf("after %s: %d %s", c.name, code, body)
		}
	}
	// No passport at all.
	code, body := postSOAP(t, s, "getServerTime", envelope("", `<platformMsgs:getServerTime/>`))
	if fc, _ := faultCode(t, code, body); fc != "INVALID_LOGIN_ATTEMPT" {
		t.Errorf("no passport: %s", fc)
	}
	if got := lastAudit(t, s)["reason"]; got != "MissingTokenPassportRequiredFields" {
		t.Errorf("no passport: reason %v", got)
	}
}

func TestSOAPBadRequests(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true, NoListener: true})
	cases := []struct{ name, action, env, want string }{
		{"not XML", "", "hello", "not a SOAP 1.1 envelope"},
		{"old namespace", "", strings.ReplaceAll(envelope(demoPassport(s).xml(), `<platformMsgs:getServerTime/>`), "2025_2", "2024_2"), "needs"},
		{"unknown operation", "", envelope(demoPassport(s).xml(), `<platformMsgs:login/>`), "does not serve the operation login"},
		{"SOAPAction mismatch", "search", envelope(demoPassport(s).xml(), `<platformMsgs:getServerTime/>`), "SOAPAction"},
		{"two operations", "", envelope(demoPassport(s).xml(), `<platformMsgs:getServerTime/><platformMsgs:getServerTime/>`), "exactly one"},
	}
	for _, c := range cases {
		code, body := postSOAP(t, s, c.action, c.env)
		a := parseAnswer(t, body)
		if code != 500 || a.Body.Fault == nil || !strings.Contains(a.Body.Fault.String, c.want) {
			t.Errorf("%s: %d\n%s", c.name, code, body)
		}
	}
	// A 2024_2 operation in a 2025_2 envelope is refused by name.
	env := envelope(demoPassport(s).xml(), `<m:getServerTime xmlns:m="urn:messages_2024_2.platform.webservices.netsuite.com"/>`)
	if code, body := postSOAP(t, s, "", env); code != 500 || !strings.Contains(string(body), "needs &#34;urn:messages_2025_2") {
		t.Errorf("2024_2 operation: %d\n%s", code, body)
	}
}

// searchAll pages through a search with searchMoreWithId and returns the
// internal IDs in order.
func searchAll(t *testing.T, s *Server, pageSize int, searchRecord string) ([]string, int) {
	t.Helper()
	code, body := postSOAP(t, s, "search", envelope(demoPassport(s).xml()+pageSizeHeader(pageSize), `<platformMsgs:search>`+searchRecord+`</platformMsgs:search>`))
	a := parseAnswer(t, body)
	if code != 200 || a.Body.Result == nil || !a.Body.Result.Status.IsSuccess {
		t.Fatalf("search: %d\n%s", code, body)
	}
	res := a.Body.Result
	var ids []string
	pages := res.TotalPages
	for page := 1; ; page++ {
		if res.PageIndex != page || res.PageSize != pageSize || res.TotalPages != pages {
			t.Fatalf("page %d: index %d size %d pages %d", page, res.PageIndex, res.PageSize, res.TotalPages)
		}
		for _, r := range res.Records {
			ids = append(ids, r.InternalID)
		}
		for _, r := range res.Rows {
			ids = append(ids, r.Basic.Columns[0].Value.InternalID)
		}
		if page >= pages {
			break
		}
		more := `<platformMsgs:searchMoreWithId><searchId>` + res.SearchID + `</searchId><pageIndex>` + strconv.Itoa(page+1) + `</pageIndex></platformMsgs:searchMoreWithId>`
		code, body := postSOAP(t, s, "searchMoreWithId", envelope(demoPassport(s).xml()+pageSizeHeader(pageSize), more))
		a := parseAnswer(t, body)
		if code != 200 || a.Body.Result == nil || !a.Body.Result.Status.IsSuccess {
			t.Fatalf("searchMoreWithId page %d: %d\n%s", page+1, code, body)
		}
		res = a.Body.Result
	}
	if len(ids) != res.TotalRecords {
		t.Errorf("%d records on the pages, totalRecords %d", len(ids), res.TotalRecords)
	}
	return ids, pages
}

// restIDs lists the IDs of a REST collection, q filter included.
func restIDs(t *testing.T, s *Server, recordType, q string) []string {
	t.Helper()
	url := s.URL() + "/services/rest/record/v1/" + recordType + "?limit=1000"
	if q != "" {
		url += "&q=" + strings.ReplaceAll(q, " ", "%20")
	}
	code, _, body := do(t, signedClient(t, s, nil), "GET", url, nil)
	return collectionIDs(t, "REST list", code, body)
}

// collectionIDs returns the ids of a collection answer's items.
func collectionIDs(t *testing.T, what string, code int, body []byte) []string {
	t.Helper()
	if code != 200 {
		t.Fatalf("%s: %d %s", what, code, body)
	}
	var page struct{ Items []struct{ ID string } }
	if err := json.Unmarshal(body, &page); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, it := range page.Items {
		ids = append(ids, it.ID)
	}
	return ids
}

// suiteqlIDs runs a SuiteQL query whose first column is id.
func suiteqlIDs(t *testing.T, s *Server, q string) []string {
	t.Helper()
	header := http.Header{"Prefer": {"transient"}}
	code, _, body := doWith(t, signedClient(t, s, nil), "POST", s.URL()+"/services/rest/query/v1/suiteql?limit=1000", header, map[string]string{"q": q})
	return collectionIDs(t, "SuiteQL", code, body)
}

// TestSOAPSearchPaging pages through basic searches and finds the records
// the REST API lists for the same conditions.
func TestSOAPSearchPaging(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoListener: true})
	all, pages := searchAll(t, s, 7, `<platformMsgs:searchRecord xsi:type="listRel:CustomerSearch"/>`)
	if want := restIDs(t, s, "customer", ""); !slices.Equal(all, want) || len(all) < 15 {
		t.Fatalf("all customers: SOAP %v\nREST %v", all, want)
	}
	if pages != (len(all)+6)/7 {
		t.Errorf("%d pages for %d records", pages, len(all))
	}

	cases := []struct{ name, soap, q string }{
		{"startsWith", `<platformCommon:companyName operator="startsWith" xsi:type="platformCore:SearchStringField"><platformCore:searchValue>a</platformCore:searchValue></platformCommon:companyName>`, "companyName START_WITH a"},
		{"boolean", `<platformCommon:isInactive><platformCore:searchValue>false</platformCore:searchValue></platformCommon:isInactive>`, "isInactive IS false"},
		{"internalId anyOf", `<platformCommon:internalId operator="anyOf"><platformCore:searchValue internalId="` + all[0] + `"/><platformCore:searchValue internalId="` + all[2] + `"/></platformCommon:internalId>`, "id ANY_OF [" + all[0] + ", " + all[2] + "]"},
		{"internalIdNumber", `<platformCommon:internalIdNumber operator="greaterThan"><platformCore:searchValue>` + all[3] + `</platformCore:searchValue></platformCommon:internalIdNumber>`, "id GREATER " + all[3]},
		{"contains", `<platformCommon:email operator="contains"><platformCore:searchValue>example</platformCore:searchValue></platformCommon:email>`, "email CONTAIN example"},
	}
	for _, c := range cases {
		for _, form := range []string{
			`<platformMsgs:searchRecord xsi:type="listRel:CustomerSearch"><listRel:basic xsi:type="platformCommon:CustomerSearchBasic">` + c.soap + `</listRel:basic></platformMsgs:searchRecord>`,
			`<platformMsgs:searchRecord xsi:type="platformCommon:CustomerSearchBasic">` + c.soap + `</platformMsgs:searchRecord>`,
		} {
			got, _ := searchAll(t, s, 5, form)
			want := restIDs(t, s, "customer", c.q)
			if !slices.Equal(got, want) || len(want) == 0 {
				t.Errorf("%s: SOAP %v\nREST %v", c.name, got, want)
			}
		}
	}
}

// TestSOAPSearchDates: date operators compare instants to the second.
func TestSOAPSearchDates(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoListener: true})
	base := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	var ids []string
	for i := range 3 {
		if err := s.SetClock(base.Add(time.Duration(i)*time.Hour), true); err != nil {
			t.Fatal(err)
		}
		c := signedClient(t, s, func(sg *tba.Signer) { sg.Now = func() time.Time { return s.Clock().Now } })
		code, h, body := do(t, c, "POST", s.URL()+"/services/rest/record/v1/customer", map[string]any{"companyName": fmt.Sprintf("Dated %d", i), "subsidiary": map[string]string{"id": "2"}})
		if code != 204 {
			t.Fatalf("create: %d %s", code, body)
		}
		loc := h.Get("Location")
		ids = append(ids, loc[strings.LastIndexByte(loc, '/')+1:])
	}
	date := func(op string, vals ...time.Time) string {
		x := `<platformMsgs:searchRecord xsi:type="platformCommon:CustomerSearchBasic">` +
			`<platformCommon:companyName operator="startsWith"><platformCore:searchValue>Dated</platformCore:searchValue></platformCommon:companyName>` +
			`<platformCommon:dateCreated operator="` + op + `">`
		x += `<platformCore:searchValue>` + vals[0].Format(time.RFC3339Nano) + `</platformCore:searchValue>`
		if len(vals) > 1 {
			x += `<platformCore:searchValue2>` + vals[1].Format(time.RFC3339Nano) + `</platformCore:searchValue2>`
		}
		return x + `</platformCommon:dateCreated></platformMsgs:searchRecord>`
	}
	h1 := base.Add(time.Hour)
	cases := []struct {
		name string
		rec  string
		want []string
	}{
		{"after", date("after", h1), ids[2:]},
		{"after a fraction before", date("after", h1.Add(-time.Millisecond)), ids[1:]},
		{"onOrAfter", date("onOrAfter", h1), ids[1:]},
		{"before", date("before", h1), ids[:1]},
		{"onOrBefore", date("onOrBefore", h1), ids[:2]},
		{"on", date("on", h1), ids[1:2]},
		{"within", date("within", base, h1), ids[:2]},
		{"notWithin", date("notWithin", h1, h1), []string{ids[0], ids[2]}},
	}
	for _, c := range cases {
		got, _ := searchAll(t, s, 5, c.rec)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// soapSearchOnce runs a search and returns the answer.
func soapSearchOnce(t *testing.T, s *Server, header, searchRecord string) *testAnswer {
	t.Helper()
	code, body := postSOAP(t, s, "search", envelope(demoPassport(s).xml()+header, `<platformMsgs:search>`+searchRecord+`</platformMsgs:search>`))
	a := parseAnswer(t, body)
	if code != 200 || a.Body.Result == nil {
		t.Fatalf("search: %d\n%s", code, body)
	}
	return a
}

func searchMore(t *testing.T, s *Server, id string, page int) *testAnswer {
	t.Helper()
	more := `<platformMsgs:searchMoreWithId><searchId>` + id + `</searchId><pageIndex>` + strconv.Itoa(page) + `</pageIndex></platformMsgs:searchMoreWithId>`
	code, body := postSOAP(t, s, "searchMoreWithId", envelope(demoPassport(s).xml(), more))
	a := parseAnswer(t, body)
	if code != 200 || a.Body.Result == nil {
		t.Fatalf("searchMoreWithId: %d\n%s", code, body)
	}
	return a
}

func statusCode(a *testAnswer) string {
	if a.Body.Result.Status.IsSuccess || len(a.Body.Result.Status.Details) == 0 {
		return ""
	}
	return a.Body.Result.Status.Details[0].Code
}

// TestSOAPSearchIDExpires: a search ID lives 15 minutes unused on the
// emulator's clock; each use starts the 15 minutes again.
func TestSOAPSearchIDExpires(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoListener: true})
	if err := s.SetClock(time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC), true); err != nil {
		t.Fatal(err)
	}
	a := soapSearchOnce(t, s, pageSizeHeader(5), `<platformMsgs:searchRecord xsi:type="listRel:CustomerSearch"/>`)
	id := a.Body.Result.SearchID
	if !strings.HasPrefix(id, "WEBSERVICES_1234567_SB1_06012026") {
		t.Errorf("search ID %q", id)
	}
	for _, step := range []time.Duration{14 * time.Minute, 15 * time.Minute} {
		if err := s.AdvanceClock(step); err != nil {
			t.Fatal(err)
		}
		if got := searchMore(t, s, id, 2); statusCode(got) != "" || got.Body.Result.PageIndex != 2 {
			t.Fatalf("after %s unused: status %q", step, statusCode(got))
		}
	}
	if err := s.AdvanceClock(15*time.Minute + time.Second); err != nil {
		t.Fatal(err)
	}
	if got := searchMore(t, s, id, 2); statusCode(got) != "INVALID_JOB_ID" || got.Body.Result.Status.IsSuccess {
		t.Errorf("after 15 min 1 s unused: %q", statusCode(got))
	}
	if got := searchMore(t, s, "WEBSERVICES_nonsense", 1); statusCode(got) != "INVALID_JOB_ID" {
		t.Errorf("unknown ID: %q", statusCode(got))
	}
	// Page indexes are 1-based and within the pages.
	a = soapSearchOnce(t, s, pageSizeHeader(5), `<platformMsgs:searchRecord xsi:type="listRel:CustomerSearch"/>`)
	for _, page := range []int{0, a.Body.Result.TotalPages + 1} {
		if got := searchMore(t, s, a.Body.Result.SearchID, page); statusCode(got) != "INVALID_PAGE_INDEX" {
			t.Errorf("page %d: %q", page, statusCode(got))
		}
	}
}

// TestSOAPSearchRerunsEachPage: a record created while paging shows on the
// next page, as NetSuite's paging re-runs the search.
func TestSOAPSearchRerunsEachPage(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoListener: true})
	a := soapSearchOnce(t, s, pageSizeHeader(5), `<platformMsgs:searchRecord xsi:type="listRel:CustomerSearch"/>`)
	before := a.Body.Result.TotalRecords
	code, _, body := do(t, signedClient(t, s, nil), "POST", s.URL()+"/services/rest/record/v1/customer", map[string]any{"companyName": "Late Arrival", "subsidiary": map[string]string{"id": "2"}})
	if code != 204 {
		t.Fatalf("create: %d %s", code, body)
	}
	if got := searchMore(t, s, a.Body.Result.SearchID, 2).Body.Result.TotalRecords; got != before+1 {
		t.Errorf("totalRecords %d after a create, was %d", got, before)
	}
}

func TestSOAPSearchRefusals(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true, NoListener: true})
	cases := []struct{ name, header, rec, code string }{
		{"page size 4", pageSizeHeader(4), `<platformMsgs:searchRecord xsi:type="listRel:CustomerSearch"/>`, "WS_INVALID_SEARCH_PAGE_SIZE"},
		{"page size 1001", pageSizeHeader(1001), `<platformMsgs:searchRecord xsi:type="listRel:CustomerSearch"/>`, "WS_INVALID_SEARCH_PAGE_SIZE"},
		{"unknown type", "", `<platformMsgs:searchRecord xsi:type="listRel:PartnerSearch"/>`, "INVALID_SEARCH"},
		{"unknown field", "", `<platformMsgs:searchRecord xsi:type="platformCommon:CustomerSearchBasic"><platformCommon:shoeSize operator="is"><platformCore:searchValue>9</platformCore:searchValue></platformCommon:shoeSize></platformMsgs:searchRecord>`, "NONEXISTENT_FIELD"},
		{"bad operator", "", `<platformMsgs:searchRecord xsi:type="platformCommon:CustomerSearchBasic"><platformCommon:email operator="sounds like"><platformCore:searchValue>x</platformCore:searchValue></platformCommon:email></platformMsgs:searchRecord>`, "INVALID_SEARCH"},
		{"bad date", "", `<platformMsgs:searchRecord xsi:type="platformCommon:CustomerSearchBasic"><platformCommon:dateCreated operator="after"><platformCore:searchValue>1/1/2026</platformCore:searchValue></platformCommon:dateCreated></platformMsgs:searchRecord>`, "INVALID_PARAMETER"},
		{"unknown saved search", "", `<platformMsgs:searchRecord xsi:type="listRel:CustomerSearchAdvanced" savedSearchScriptId="customsearch_nope"/>`, "INVALID_SEARCH"},
		{"saved search of another type", "", `<platformMsgs:searchRecord xsi:type="listRel:ContactSearchAdvanced" savedSearchId="100"/>`, "INVALID_SEARCH"},
	}
	for _, c := range cases {
		if got := statusCode(soapSearchOnce(t, s, c.header, c.rec)); got != c.code {
			t.Errorf("%s: status %q, want %s", c.name, got, c.code)
		}
	}
	if err := s.SetRecordPermission(account.DemoRole, "customer", "None"); err != nil {
		t.Fatal(err)
	}
	if got := statusCode(soapSearchOnce(t, s, "", `<platformMsgs:searchRecord xsi:type="listRel:CustomerSearch"/>`)); got != "INSUFFICIENT_PERMISSION" {
		t.Errorf("no customer permission: %q", got)
	}
}

// TestSOAPSavedSearch runs the demo's saved search by script ID and by
// internal ID: the active customers with their columns, by internal ID, as
// SuiteQL selects them.
func TestSOAPSavedSearch(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoListener: true})
	want := suiteqlIDs(t, s, "SELECT id FROM customer WHERE isinactive = 'F' ORDER BY id")
	if len(want) < 10 {
		t.Fatalf("only %d active customers", len(want))
	}
	for _, rec := range []string{
		`<platformMsgs:searchRecord xsi:type="listRel:CustomerSearchAdvanced" savedSearchScriptId="customsearch_nsconnect_customers"/>`,
		`<platformMsgs:searchRecord xsi:type="listRel:CustomerSearchAdvanced" savedSearchId="100"/>`,
	} {
		got, _ := searchAll(t, s, 5, rec)
		if !slices.Equal(got, want) {
			t.Errorf("%s: %v\nwant %v", rec, got, want)
		}
	}
	a := soapSearchOnce(t, s, pageSizeHeader(5), `<platformMsgs:searchRecord xsi:type="listRel:CustomerSearchAdvanced" savedSearchScriptId="customsearch_nsconnect_customers"/>`)
	row := a.Body.Result.Rows[0].Basic
	var names []string
	for _, c := range row.Columns {
		names = append(names, c.XMLName.Local)
		if c.XMLName.Space != "urn:common_2025_2.platform.webservices.netsuite.com" {
			t.Errorf("column %s in %q", c.XMLName.Local, c.XMLName.Space)
		}
	}
	if !slices.Equal(names[:3], []string{"internalId", "entityId", "companyName"}) || row.Columns[1].Value.Text == "" {
		t.Errorf("columns %v %+v", names, row.Columns)
	}
	// returnSearchColumns false: the records themselves.
	prefs := `<platformMsgs:searchPreferences><platformMsgs:returnSearchColumns>false</platformMsgs:returnSearchColumns><platformMsgs:pageSize>5</platformMsgs:pageSize></platformMsgs:searchPreferences>`
	a = soapSearchOnce(t, s, prefs, `<platformMsgs:searchRecord xsi:type="listRel:CustomerSearchAdvanced" savedSearchId="100"/>`)
	recs := a.Body.Result.Records
	if len(recs) != 5 || recs[0].InternalID != want[0] || recs[0].Type != "listRel:Customer" {
		t.Fatalf("records %+v", recs)
	}
	fields := map[string]string{}
	for _, f := range recs[0].Fields {
		fields[f.XMLName.Local] = f.Text + f.InternalID
		if f.XMLName.Space != "urn:relationships_2025_2.lists.webservices.netsuite.com" {
			t.Errorf("field %s in %q", f.XMLName.Local, f.XMLName.Space)
		}
	}
	if fields["companyName"] == "" || fields["isPerson"] != "false" || fields["subsidiary"] == "" {
		t.Errorf("record fields %v", fields)
	}
}

// TestSOAPGovernance: SOAP and REST share one concurrency limit; over it a
// SOAP request gets WS_REQUEST_BLOCKED; injected faults are SOAP faults.
func TestSOAPGovernance(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true, Concurrency: 1, Latency: 300 * time.Millisecond})
	var wg sync.WaitGroup
	wg.Go(func() {
		if code, _, body := do(t, signedClient(t, s, nil), "GET", s.URL()+serverTimePath, nil); code != 200 {
			t.Errorf("REST: %d %s", code, body)
		}
	})
	time.Sleep(100 * time.Millisecond) // the REST request holds the one slot
	code, body := postSOAP(t, s, "getServerTime", envelope(demoPassport(s).xml(), `<platformMsgs:getServerTime/>`))
	wg.Wait()
	fc, msg := faultCode(t, code, body)
	if fc != "WS_REQUEST_BLOCKED" || msg != "SuiteTalk concurrent request limit exceeded. Request blocked." || !strings.Contains(string(body), "exceededConcurrentRequestLimitFault") {
		t.Errorf("over the limit: %s %q\n%s", fc, msg, body)
	}
	if err := s.SetGovernance(Governance{ConcurrencyLimit: 5, Faults: Faults{Rate500: 1}}); err != nil {
		t.Fatal(err)
	}
	code, body = postSOAP(t, s, "getServerTime", envelope(demoPassport(s).xml(), `<platformMsgs:getServerTime/>`))
	if fc, _ := faultCode(t, code, body); fc != "UNEXPECTED_ERROR" {
		t.Errorf("500 fault: %s", fc)
	}
	if err := s.SetGovernance(Governance{ConcurrencyLimit: 5, Faults: Faults{Rate429: 1}}); err != nil {
		t.Fatal(err)
	}
	code, body = postSOAP(t, s, "getServerTime", envelope(demoPassport(s).xml(), `<platformMsgs:getServerTime/>`))
	if fc, _ := faultCode(t, code, body); fc != "WS_REQUEST_BLOCKED" {
		t.Errorf("429 fault: %s", fc)
	}
}

// TestSavedSearchChecked: a saved search whose criteria SuiteQL refuses
// stops the emulator at start, naming it.
func TestSavedSearchChecked(t *testing.T) {
	t.Parallel()
	acct := account.Demo()
	acct.SavedSearches[0].Criteria = "shoesize = 9"
	data, err := account.Marshal(acct)
	if err != nil {
		t.Fatal(err)
	}
	_, err = NewServer(Options{AccountYAML: data, NoSeed: true, NoListener: true})
	if err == nil || !strings.Contains(err.Error(), "savedSearches[0] (customsearch_nsconnect_customers)") {
		t.Errorf("err = %v", err)
	}
}

// FuzzSOAPRequest: any body is read without a panic, and a search's
// criteria become a filter expression or a problem, never both.
func FuzzSOAPRequest(f *testing.F) {
	f.Add([]byte(envelope("", `<platformMsgs:getServerTime/>`)))
	f.Add([]byte(envelope(pageSizeHeader(5), `<platformMsgs:search><platformMsgs:searchRecord xsi:type="platformCommon:CustomerSearchBasic"><platformCommon:email operator="startsWith"><platformCore:searchValue>a</platformCore:searchValue></platformCommon:email><platformCommon:dateCreated operator="within"><platformCore:searchValue>2026-01-01T00:00:00Z</platformCore:searchValue><platformCore:searchValue2>2026-02-01T00:00:00Z</platformCore:searchValue2></platformCommon:dateCreated><platformCommon:externalId operator="noneOf"><platformCore:searchValue externalId="X"/></platformCommon:externalId></platformMsgs:searchRecord></platformMsgs:search>`)))
	f.Add([]byte(envelope("", `<platformMsgs:search><platformMsgs:searchRecord xsi:type="listRel:CustomerSearch"><listRel:basic><platformCommon:customFieldList><platformCore:customField xsi:type="platformCore:SearchStringCustomField" scriptId="custentity_x" operator="is"><platformCore:searchValue>a</platformCore:searchValue></platformCore:customField><platformCore:customField scriptId="custentity_b"><platformCore:searchValue>1</platformCore:searchValue></platformCore:customField></platformCommon:customFieldList></listRel:basic></platformMsgs:searchRecord></platformMsgs:search>`)))
	f.Add([]byte(envelope("", `<platformMsgs:searchMoreWithId><searchId>x</searchId><pageIndex>2</pageIndex></platformMsgs:searchMoreWithId>`)))
	f.Add([]byte("<a/>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		req, op, fault := parseSOAPRequest(data)
		if (fault == nil) == (op == nil) || (req == nil) != (op == nil) {
			t.Fatalf("fault %v, op %v", fault, op)
		}
		if op == nil {
			return
		}
		req.Header.Passport.passport()
		if rec := op.SearchRecord; rec != nil {
			fields := rec.Fields
			if rec.Basic != nil {
				fields = append(fields, rec.Basic.Fields...)
			}
			e, problem := basicCriteria(fields)
			if e != nil && problem != "" {
				t.Fatalf("both %v and %q", e, problem)
			}
		}
	})
}

// TestSOAPSearchFamilies: ItemSearch and TransactionSearch cover every type
// of their family, in internal ID order, and type anyOf or noneOf narrows a
// transaction search to record types.
func TestSOAPSearchFamilies(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoListener: true})
	union := func(types ...string) []string {
		var ids []string
		for _, rt := range types {
			ids = append(ids, restIDs(t, s, rt, "")...)
		}
		slices.SortFunc(ids, func(a, b string) int {
			x, _ := strconv.Atoi(a)
			y, _ := strconv.Atoi(b)
			return x - y
		})
		return ids
	}
	typeCond := func(op string, values ...string) string {
		x := `<platformCommon:type operator="` + op + `">`
		for _, v := range values {
			x += `<platformCore:searchValue>` + v + `</platformCore:searchValue>`
		}
		return x + `</platformCommon:type>`
	}
	transactions := []string{"salesOrder", "invoice", "purchaseOrder", "customerPayment", "itemFulfillment"}
	cases := []struct {
		name, rec string
		want      []string
	}{
		{"items", `<platformMsgs:searchRecord xsi:type="listAcct:ItemSearch"/>`, union("inventoryItem", "nonInventorySaleItem", "serviceSaleItem")},
		{"transactions", `<platformMsgs:searchRecord xsi:type="tranSales:TransactionSearch"/>`, union(transactions...)},
		{"sales orders", `<platformMsgs:searchRecord xsi:type="platformCommon:TransactionSearchBasic">` + typeCond("anyOf", "_salesOrder") + `</platformMsgs:searchRecord>`, union("salesOrder")},
		{"no orders", `<platformMsgs:searchRecord xsi:type="platformCommon:TransactionSearchBasic">` + typeCond("noneOf", "_salesOrder", "_PurchaseOrder") + `</platformMsgs:searchRecord>`, union("invoice", "customerPayment", "itemFulfillment")},
	}
	for _, c := range cases {
		if len(c.want) == 0 {
			t.Fatalf("%s: the demo has none", c.name)
		}
		got, _ := searchAll(t, s, 50, c.rec)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %v\nwant %v", c.name, got, c.want)
		}
	}
	a := soapSearchOnce(t, s, pageSizeHeader(1000), `<platformMsgs:searchRecord xsi:type="tranSales:TransactionSearch"/>`)
	kinds := map[string]bool{}
	for _, r := range a.Body.Result.Records {
		kinds[r.Type] = true
	}
	for _, k := range []string{"tranSales:SalesOrder", "tranSales:Invoice", "tranPurch:PurchaseOrder"} {
		if !kinds[k] {
			t.Errorf("no record of xsi:type %s among %v", k, kinds)
		}
	}
	if got := statusCode(soapSearchOnce(t, s, "", `<platformMsgs:searchRecord xsi:type="platformCommon:TransactionSearchBasic">`+typeCond("anyOf", "_journalEntry")+`</platformMsgs:searchRecord>`)); got != "INVALID_SEARCH" {
		t.Errorf("unknown transaction type: %q", got)
	}
	// A field only some types have (otherRefNum: not payments or
	// fulfillments) selects among those; one that no type has is refused.
	got, _ := searchAll(t, s, 50, `<platformMsgs:searchRecord xsi:type="platformCommon:TransactionSearchBasic"><platformCommon:otherRefNum operator="notEmpty"/></platformMsgs:searchRecord>`)
	var want []string
	for _, rt := range []string{"salesOrder", "invoice", "purchaseOrder"} {
		want = append(want, restIDs(t, s, rt, "otherRefNum EMPTY_NOT")...)
	}
	slices.SortFunc(want, func(a, b string) int { x, _ := strconv.Atoi(a); y, _ := strconv.Atoi(b); return x - y })
	if !slices.Equal(got, want) || len(want) == 0 {
		t.Errorf("otherRefNum notEmpty: %v\nwant %v", got, want)
	}
	if got := statusCode(soapSearchOnce(t, s, "", `<platformMsgs:searchRecord xsi:type="platformCommon:TransactionSearchBasic"><platformCommon:shoeSize operator="notEmpty"/></platformMsgs:searchRecord>`)); got != "NONEXISTENT_FIELD" {
		t.Errorf("a field no transaction has: %q", got)
	}
}
