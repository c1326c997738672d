package netsuite_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/emulator/emulatortest"
	"github.com/nsconnect/nsconnect/netsuite"
)

// The SOAP client against the emulator, which serves SOAP web services as
// NetSuite does: TokenPassport logins, searches paged with
// searchMoreWithId, faults.

// fastRetries makes retries immediate.
var fastRetries = netsuite.WithRetry(netsuite.RetryPolicy{Sleep: func(ctx context.Context, d time.Duration) error { return ctx.Err() }})

// capture records the bodies of the requests sent through it.
type capture struct {
	base   http.RoundTripper
	mu     sync.Mutex
	bodies [][]byte
	heads  []http.Header
}

func (c *capture) RoundTrip(r *http.Request) (*http.Response, error) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.bodies = append(c.bodies, body)
	c.heads = append(c.heads, r.Header.Clone())
	c.mu.Unlock()
	r2 := r.Clone(r.Context())
	r2.Body = io.NopCloser(bytes.NewReader(body))
	return c.base.RoundTrip(r2)
}

// TestSOAPEnvelope checks the envelope the client sends: the 2025_2
// namespaces, the operation in SOAPAction, no OAuth header, and a
// tokenPassport whose signature is the HMAC-SHA256 computed here from the
// base string written out, independently of package tba.
func TestSOAPEnvelope(t *testing.T) {
	t.Parallel()
	srv := emulatortest.NewServer(t, emulator.Options{NoSeed: true, NoListener: true})
	conn, err := srv.Connection()
	if err != nil {
		t.Fatal(err)
	}
	cap := &capture{base: srv.HTTPClient().Transport}
	c := emulatortest.NewClient(t, srv, netsuite.WithHTTPClient(&http.Client{Transport: cap}))
	got, err := c.SOAP.ServerTime(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(got); d > time.Minute || d < -time.Minute {
		t.Errorf("server time %s", got)
	}
	if len(cap.bodies) != 1 {
		t.Fatalf("%d requests", len(cap.bodies))
	}
	h := cap.heads[0]
	if h.Get("SOAPAction") != "getServerTime" || h.Get("Content-Type") != "text/xml; charset=utf-8" || h.Get("Authorization") != "" {
		t.Errorf("headers %v", h)
	}
	var env struct {
		Header struct {
			Passport struct {
				XMLName     xml.Name
				Account     string `xml:"urn:core_2025_2.platform.webservices.netsuite.com account"`
				ConsumerKey string `xml:"urn:core_2025_2.platform.webservices.netsuite.com consumerKey"`
				Token       string `xml:"urn:core_2025_2.platform.webservices.netsuite.com token"`
				Nonce       string `xml:"urn:core_2025_2.platform.webservices.netsuite.com nonce"`
				Timestamp   string `xml:"urn:core_2025_2.platform.webservices.netsuite.com timestamp"`
				Signature   struct {
					Algorithm string `xml:"algorithm,attr"`
					Value     string `xml:",chardata"`
				} `xml:"urn:core_2025_2.platform.webservices.netsuite.com signature"`
			} `xml:"urn:messages_2025_2.platform.webservices.netsuite.com tokenPassport"`
		} `xml:"http://schemas.xmlsoap.org/soap/envelope/ Header"`
		Body struct {
			Op struct{ XMLName xml.Name } `xml:",any"`
		} `xml:"http://schemas.xmlsoap.org/soap/envelope/ Body"`
	}
	if err := xml.Unmarshal(cap.bodies[0], &env); err != nil {
		t.Fatal(err)
	}
	p := env.Header.Passport
	if p.Account != "1234567_SB1" || p.ConsumerKey != conn.Credentials.ConsumerKey || p.Token != conn.Credentials.TokenID || len(p.Nonce) != 20 || p.Signature.Algorithm != "HMAC-SHA256" {
		t.Errorf("passport %+v", p)
	}
	base := p.Account + "&" + p.ConsumerKey + "&" + p.Token + "&" + p.Nonce + "&" + p.Timestamp
	mac := hmac.New(sha256.New, []byte(conn.Credentials.ConsumerSecret.Reveal()+"&"+conn.Credentials.TokenSecret.Reveal()))
	mac.Write([]byte(base))
	if want := base64.StdEncoding.EncodeToString(mac.Sum(nil)); p.Signature.Value != want {
		t.Errorf("signature %s, want %s", p.Signature.Value, want)
	}
	if op := env.Body.Op.XMLName; op.Space != "urn:messages_2025_2.platform.webservices.netsuite.com" || op.Local != "getServerTime" {
		t.Errorf("operation %v", op)
	}
	if bytes.Contains(cap.bodies[0], []byte(conn.Credentials.TokenSecret.Reveal())) || bytes.Contains(cap.bodies[0], []byte(conn.Credentials.ConsumerSecret.Reveal())) {
		t.Error("a secret is in the envelope")
	}
}

// TestSOAPSearchPages pages through every customer with SearchPages and
// finds the records SuiteQL lists, in order; a search with conditions finds
// what SuiteQL selects with the same condition.
func TestSOAPSearchPages(t *testing.T) {
	t.Parallel()
	srv := emulatortest.NewServer(t, emulator.Options{NoListener: true})
	c := emulatortest.NewClient(t, srv)
	ctx := t.Context()
	ids := func(q string) []string {
		var out []string
		for row, err := range c.SuiteQL.Rows(ctx, q, nil) {
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, row["id"])
		}
		return out
	}
	search := func(s netsuite.Search) ([]string, []*netsuite.SearchResult) {
		var got []string
		var pages []*netsuite.SearchResult
		for page, err := range c.SOAP.SearchPages(ctx, s, &netsuite.SearchOptions{PageSize: 6}) {
			if err != nil {
				t.Fatal(err)
			}
			pages = append(pages, page)
			for _, r := range page.Rows {
				got = append(got, r.InternalID)
			}
		}
		return got, pages
	}
	all, pages := search(netsuite.Search{RecordType: "customer"})
	if want := ids("SELECT id FROM customer ORDER BY id"); !slices.Equal(all, want) {
		t.Fatalf("customers %v\nwant %v", all, want)
	}
	for i, p := range pages {
		if p.PageIndex != i+1 || p.TotalPages != len(pages) || p.TotalRecords != len(all) || p.PageSize != 6 {
			t.Errorf("page %d: %+v", i+1, p)
		}
	}
	cond := func(s string) netsuite.SearchCondition {
		c, err := netsuite.ParseSearchCondition(s)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	got, _ := search(netsuite.Search{RecordType: "customer", Conditions: []netsuite.SearchCondition{cond("companyName startsWith c"), cond("isInactive is false")}})
	if want := ids("SELECT id FROM customer WHERE LOWER(companyname) LIKE 'c%' AND isinactive = 'F' ORDER BY id"); !slices.Equal(got, want) || len(want) == 0 {
		t.Errorf("conditions: %v\nwant %v", got, want)
	}
	got, _ = search(netsuite.Search{RecordType: "customer", Conditions: []netsuite.SearchCondition{cond("internalId anyOf " + all[1] + "," + all[4])}})
	if !slices.Equal(got, []string{all[1], all[4]}) {
		t.Errorf("anyOf: %v", got)
	}
	// A record's fields: text, and references with their names.
	first, err := c.SOAP.Search(ctx, netsuite.Search{RecordType: "customer", Conditions: []netsuite.SearchCondition{cond("internalId anyOf " + all[0])}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	rec, _, err := c.Records.Get(ctx, "customer", all[0], nil)
	if err != nil {
		t.Fatal(err)
	}
	cols := map[string]netsuite.SearchColumn{}
	for _, col := range first.Rows[0].Columns {
		cols[col.Name] = col
	}
	sub := rec["subsidiary"].(map[string]any)
	if cols["companyName"].Value != rec["companyName"] || cols["subsidiary"].InternalID != sub["id"] || cols["subsidiary"].Text() != sub["refName"] || first.Rows[0].Type != "Customer" {
		t.Errorf("record %+v\nREST %v", first.Rows[0], rec)
	}
}

// TestSOAPSavedSearch runs the demo's saved search: rows of its columns.
func TestSOAPSavedSearch(t *testing.T) {
	t.Parallel()
	srv := emulatortest.NewServer(t, emulator.Options{NoListener: true})
	c := emulatortest.NewClient(t, srv)
	res, err := c.SOAP.Search(t.Context(), netsuite.Search{RecordType: "customer", SavedSearchScriptID: "customsearch_nsconnect_customers"}, &netsuite.SearchOptions{PageSize: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 5 || res.TotalRecords < 10 {
		t.Fatalf("%+v", res)
	}
	var names []string
	for _, col := range res.Rows[0].Columns {
		names = append(names, col.Name)
	}
	if !slices.Equal(names, []string{"internalId", "entityId", "companyName", "email"}) || res.Rows[0].InternalID == "" || res.Rows[0].Type != "CustomerSearchRow" {
		t.Errorf("row %+v", res.Rows[0])
	}
	byID, err := c.SOAP.Search(t.Context(), netsuite.Search{RecordType: "customer", SavedSearchID: "100"}, &netsuite.SearchOptions{PageSize: 5, ReturnSearchColumns: netsuite.Ptr(false)})
	if err != nil {
		t.Fatal(err)
	}
	if byID.Rows[0].InternalID != res.Rows[0].InternalID || byID.Rows[0].Type != "Customer" || len(byID.Rows[0].Columns) < 5 {
		t.Errorf("records %+v", byID.Rows[0])
	}
}

// TestSOAPErrors: refusals are *netsuite.Error values with NetSuite's codes;
// a refused login is IsAuth with the hint and no secret.
func TestSOAPErrors(t *testing.T) {
	t.Parallel()
	srv := emulatortest.NewServer(t, emulator.Options{NoSeed: true, NoListener: true})
	c := emulatortest.NewClient(t, srv)
	ctx := t.Context()
	_, err := c.SOAP.SearchMore(ctx, "WEBSERVICES_1234567_SB1_expired", 2, nil)
	if !netsuite.HasCode(err, "INVALID_JOB_ID") {
		t.Errorf("expired search ID: %v", err)
	}
	_, err = c.SOAP.Search(ctx, netsuite.Search{RecordType: "customer", SavedSearchScriptID: "customsearch_none"}, nil)
	if !netsuite.HasCode(err, "INVALID_SEARCH") {
		t.Errorf("unknown saved search: %v", err)
	}
	_, err = c.SOAP.Search(ctx, netsuite.Search{RecordType: "customer"}, &netsuite.SearchOptions{PageSize: 2})
	if !netsuite.HasCode(err, "WS_INVALID_SEARCH_PAGE_SIZE") {
		t.Errorf("page size 2: %v", err)
	}
	if _, err := c.SOAP.Search(ctx, netsuite.Search{RecordType: "widget"}, nil); err == nil || !strings.Contains(err.Error(), "customer, contact, vendor, employee, item, transaction") {
		t.Errorf("unknown type: %v", err)
	}

	conn, _ := srv.Connection()
	creds := conn.Credentials
	creds.TokenSecret = "0000000000000000000000000000000000000000000000000000000000000000"
	bad, err := netsuite.NewClient(netsuite.WithAccount(conn.AccountID), netsuite.WithCredentials(creds), netsuite.WithBaseURL(conn.URL), netsuite.WithHTTPClient(srv.HTTPClient()))
	if err != nil {
		t.Fatal(err)
	}
	_, err = bad.SOAP.ServerTime(ctx)
	var e *netsuite.Error
	if !errors.As(err, &e) || !netsuite.IsAuth(err) || !netsuite.HasCode(err, "INVALID_LOGIN_ATTEMPT") || e.Status != 500 {
		t.Fatalf("bad secret: %#v", err)
	}
	if msg := err.Error(); !strings.Contains(msg, netsuite.LoginHint) || strings.Contains(msg, creds.TokenSecret.Reveal()) || strings.Contains(msg, conn.Credentials.TokenSecret.Reveal()) {
		t.Errorf("message %q", msg)
	}
}

// TestSOAPRetriesBlocked: WS_REQUEST_BLOCKED is retried like a 429 with a
// new passport each time, and reported when it does not stop.
func TestSOAPRetriesBlocked(t *testing.T) {
	t.Parallel()
	srv := emulatortest.NewServer(t, emulator.Options{NoSeed: true, NoListener: true, Faults: emulator.Faults{Rate429: 0.5, Seed: 7}})
	var mu sync.Mutex
	var codes []string
	c := emulatortest.NewClient(t, srv, fastRetries, netsuite.WithRetry(netsuite.RetryPolicy{MaxRetries: 20, Sleep: func(ctx context.Context, d time.Duration) error { return nil }}),
		netsuite.WithRetryNotify(func(ev netsuite.RetryEvent) {
			mu.Lock()
			codes = append(codes, ev.Code)
			mu.Unlock()
		}))
	for range 10 {
		if _, err := c.SOAP.ServerTime(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	if len(codes) == 0 || slices.ContainsFunc(codes, func(c string) bool { return c != "WS_REQUEST_BLOCKED" }) {
		t.Errorf("retries %v", codes)
	}
	if err := srv.SetGovernance(emulator.Governance{ConcurrencyLimit: 5, Faults: emulator.Faults{Rate429: 1}}); err != nil {
		t.Fatal(err)
	}
	few := emulatortest.NewClient(t, srv, netsuite.WithRetry(netsuite.RetryPolicy{MaxRetries: 2, Sleep: func(ctx context.Context, d time.Duration) error { return nil }}))
	_, err := few.SOAP.ServerTime(t.Context())
	if !netsuite.HasCode(err, "WS_REQUEST_BLOCKED") || !strings.Contains(err.Error(), "gave up after 2 retries") {
		t.Errorf("always blocked: %v", err)
	}
}

func TestParseSearchCondition(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in      string
		want    netsuite.SearchCondition
		wantErr string
	}{
		{in: "email startsWith ann", want: netsuite.SearchCondition{Field: "email", Operator: "startsWith", Values: []string{"ann"}}},
		{in: `companyName is "Feed & Seed, Inc."`, want: netsuite.SearchCondition{Field: "companyName", Operator: "is", Values: []string{"Feed & Seed, Inc."}}},
		{in: `companyName contains "say \"hi\""`, want: netsuite.SearchCondition{Field: "companyName", Operator: "contains", Values: []string{`say "hi"`}}},
		{in: "internalId anyOf 4, 7,9", want: netsuite.SearchCondition{Field: "internalId", Operator: "anyOf", Values: []string{"4", "7", "9"}}},
		{in: "lastModifiedDate within 2026-01-01 2026-02-01T00:00:00Z", want: netsuite.SearchCondition{Field: "lastModifiedDate", Operator: "within", Values: []string{"2026-01-01", "2026-02-01T00:00:00Z"}}},
		{in: "email notEmpty", want: netsuite.SearchCondition{Field: "email", Operator: "notEmpty", Values: []string{}}},
		{in: "email", wantErr: "write FIELD OPERATOR VALUE"},
		{in: "email sortOf x", wantErr: `unknown operator "sortOf"`},
		{in: "email is", wantErr: "takes one value"},
		{in: "lastModifiedDate after yesterday", wantErr: `"yesterday" is not a date`},
		{in: "creditLimit greaterThan lots", wantErr: `"lots" is not a number`},
		{in: `email is "open`, wantErr: "not closed"},
		{in: `<x> is 1`, wantErr: "use a SOAP field name"},
		{in: "email\nx is a", wantErr: "use a SOAP field name"},
		{in: "email=x is a", wantErr: "use a SOAP field name"},
		{in: "1email is a", wantErr: "use a SOAP field name"},
		{in: "émail is a", wantErr: "use a SOAP field name"},
		{in: "_custentity_x2 is a", want: netsuite.SearchCondition{Field: "_custentity_x2", Operator: "is", Values: []string{"a"}}},
	}
	for _, c := range cases {
		got, err := netsuite.ParseSearchCondition(c.in)
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("%q: err %v, want %q", c.in, err, c.wantErr)
			}
			continue
		}
		if err != nil || got.Field != c.want.Field || got.Operator != c.want.Operator || !slices.Equal(got.Values, c.want.Values) {
			t.Errorf("%q: %+v, %v", c.in, got, err)
		}
	}
}

// TestSOAPTransactionSearch: a transaction search narrowed to sales orders
// with type anyOf finds the sales orders, each a SalesOrder.
func TestSOAPTransactionSearch(t *testing.T) {
	t.Parallel()
	srv := emulatortest.NewServer(t, emulator.Options{NoListener: true})
	c := emulatortest.NewClient(t, srv)
	cond, err := netsuite.ParseSearchCondition("type anyOf _salesOrder")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for page, err := range c.SOAP.SearchPages(t.Context(), netsuite.Search{RecordType: "transaction", Conditions: []netsuite.SearchCondition{cond}}, &netsuite.SearchOptions{PageSize: 10}) {
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Rows {
			if r.Type != "SalesOrder" {
				t.Errorf("a %s", r.Type)
			}
			got = append(got, r.InternalID)
		}
	}
	var want []string
	for row, err := range c.SuiteQL.Rows(t.Context(), "SELECT id FROM transaction WHERE type = 'SalesOrd' ORDER BY id", nil) {
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, row["id"])
	}
	if !slices.Equal(got, want) || len(want) == 0 {
		t.Errorf("sales orders %v\nwant %v", got, want)
	}
}

// TestSOAPNeedsTBA: a Client with another authenticator refuses SOAP calls
// with ErrSOAPNeedsTBA, sending nothing.
func TestSOAPNeedsTBA(t *testing.T) {
	t.Parallel()
	srv := emulatortest.NewServer(t, emulator.Options{NoSeed: true, NoListener: true})
	sent := 0
	own := netsuite.AuthenticatorFunc(func(s netsuite.AuthSetup) (http.RoundTripper, error) {
		return roundTripFunc(func(r *http.Request) (*http.Response, error) { sent++; return s.Base.RoundTrip(r) }), nil
	})
	conn, _ := srv.Connection()
	c, err := netsuite.NewClient(netsuite.WithAccount(conn.AccountID), netsuite.WithAuthenticator(own), netsuite.WithBaseURL(conn.URL), netsuite.WithHTTPClient(srv.HTTPClient()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.SOAP.ServerTime(t.Context()); !errors.Is(err, netsuite.ErrSOAPNeedsTBA) || sent != 0 {
		t.Errorf("err %v, %d sent", err, sent)
	}
}
