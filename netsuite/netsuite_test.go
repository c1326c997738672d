package netsuite

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// baseURLPath is a non-empty path the API is mounted under in tests, so
// that a path the client builds wrongly fails loudly.
const baseURLPath = "/api-v3"

var (
	testAccount = mustAccount("1234567_sb1")
	testCreds   = tba.Credentials{
		ConsumerKey:    "ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4",
		ConsumerSecret: "d26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9e8b5",
		TokenID:        "2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc",
		TokenSecret:    "c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8bea1478a3eb0d295",
	}
)

func mustAccount(id string) tba.Account {
	a, err := tba.ParseAccountID(id)
	if err != nil {
		panic(err)
	}
	return a
}

// noWait is a retry policy that does not sleep.
var noWait = RetryPolicy{Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() }}

// setup returns a Client for an httptest server, a mux to register the
// handlers of a test on (with paths from /services/rest/, and RestletPath), and the server's
// URL. The API is mounted under baseURLPath, and every request must carry
// a valid TBA signature with a nonce never used before: the server
// verifies it as NetSuite does, fails the test and answers 401 otherwise.
// The client does not sleep between retries unless opts say otherwise.
func setup(t *testing.T, opts ...Option) (client *Client, mux *http.ServeMux, serverURL string) {
	t.Helper()
	mux = http.NewServeMux()
	nonces := tba.NewNonceCache(tba.TimestampWindow)
	api := http.StripPrefix(baseURLPath, mux)
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, baseURLPath+"/services/rest/") && r.URL.Path != baseURLPath+RestletPath {
			t.Errorf("request outside %s/services/rest/ and %s%s: %s %s", baseURLPath, baseURLPath, RestletPath, r.Method, r.URL)
			http.Error(w, "outside the base path", http.StatusBadGateway)
			return
		}
		if err := verifyTBA(r, nonces); err != nil {
			t.Errorf("%s %s: %v", r.Method, r.URL, err)
			writeFixture(t, w, http.StatusUnauthorized, "invalid-login.json")
			return
		}
		api.ServeHTTP(w, r)
	}))
	t.Cleanup(server.Close)
	client, err := NewClient(append([]Option{
		WithAccount(testAccount),
		WithCredentials(testCreds),
		// The server's own client: parallel tests' servers close the idle
		// connections of http.DefaultTransport when they stop.
		WithHTTPClient(server.Client()),
		WithBaseURL(server.URL + baseURLPath),
		WithRetry(noWait),
	}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return client, mux, server.URL
}

// verifyTBA checks the Authorization header of r as NetSuite does.
func verifyTBA(r *http.Request, nonces *tba.NonceCache) error {
	a, err := tba.ParseAuthorization(r.Header.Get("Authorization"))
	if err != nil {
		return err
	}
	if a.Realm != "1234567_SB1" || a.ConsumerKey != testCreds.ConsumerKey || a.Token != testCreds.TokenID {
		return fmt.Errorf("realm %q, consumer key %s, token %s", a.Realm, tba.Mask(a.ConsumerKey), tba.Mask(a.Token))
	}
	u, err := tba.RequestURL(r.TLS != nil, r.Host, r.RequestURI)
	if err != nil {
		return err
	}
	form, err := tba.FormParams(r, 1<<20)
	if err != nil {
		return err
	}
	if err := a.Verify(r.Method, u, form, testCreds.ConsumerSecret, testCreds.TokenSecret); err != nil {
		return err
	}
	now := time.Now()
	if err := tba.CheckTimestamp(a.Timestamp, now, tba.TimestampWindow); err != nil {
		return err
	}
	return nonces.Use(a.Token, a.Nonce, a.Timestamp, now)
}

func testMethod(t *testing.T, r *http.Request, want string) {
	t.Helper()
	if got := r.Method; got != want {
		t.Errorf("request method: %v, want %v", got, want)
	}
}

func testHeader(t *testing.T, r *http.Request, header, want string) {
	t.Helper()
	if got := r.Header.Get(header); got != want {
		t.Errorf("header %s: %q, want %q", header, got, want)
	}
}

func testBody(t *testing.T, r *http.Request, want string) {
	t.Helper()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Errorf("reading the request body: %v", err)
	}
	if got := string(b); got != want {
		t.Errorf("request body: %s, want %s", got, want)
	}
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// writeFixture answers with a testdata file, labelled as NetSuite labels
// error bodies.
func writeFixture(t *testing.T, w http.ResponseWriter, status int, name string) {
	ct := "application/vnd.oracle.resource+json; type=error"
	if strings.HasSuffix(name, ".html") {
		ct = "text/html"
	}
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(status)
	w.Write(readFixture(t, name))
}

func TestNewClientDefaults(t *testing.T) {
	t.Parallel()
	c, err := NewClient(WithAccount(testAccount), WithCredentials(testCreds))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.BaseURL().String(), "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/"; got != want {
		t.Errorf("BaseURL = %s, want %s", got, want)
	}
	if c.Timezone() != time.UTC {
		t.Errorf("Timezone = %v, want UTC", c.Timezone())
	}
	if c.Account() != testAccount {
		t.Errorf("Account = %v", c.Account())
	}
	if got := c.limiter.(*adaptive).size; got != DefaultConcurrency {
		t.Errorf("concurrency %d, want %d", got, DefaultConcurrency)
	}
	if c.userAgent != defaultUserAgent {
		t.Errorf("user agent %q", c.userAgent)
	}
	p := c.retry
	if p.MaxRetries != 5 || p.Initial != 500*time.Millisecond || p.Max != 30*time.Second || p.Multiplier != 2 {
		t.Errorf("retry policy %+v", p)
	}
	// The services are views of one struct.
	if c.Records == nil || c.Metadata == nil || (*service)(c.Records) != &c.common || (*service)(c.Metadata) != &c.common || c.common.client != c {
		t.Error("services are not views of c.common")
	}
	// BaseURL returns a copy.
	c.BaseURL().Path = "/x"
	if c.baseURL.Path != "/services/rest/" {
		t.Error("BaseURL returned the Client's own URL")
	}
}

func TestNewClientOptions(t *testing.T) {
	t.Parallel()
	zone, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	c, err := NewClient(
		WithAccount(testAccount), WithCredentials(testCreds),
		WithBaseURL("http://127.0.0.1:8080/proxy/"),
		WithTimezone(zone), WithConcurrency(15), WithUserAgent("my-app/1.0"),
		WithRetry(RetryPolicy{MaxRetries: -1, Initial: time.Second}),
	)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.BaseURL().String(), "http://127.0.0.1:8080/proxy/services/rest/"; got != want {
		t.Errorf("BaseURL = %s, want %s", got, want)
	}
	if c.Timezone() != zone || c.limiter.(*adaptive).size != 15 || c.userAgent != "my-app/1.0" {
		t.Errorf("timezone %v, concurrency %d, user agent %q", c.Timezone(), c.limiter.(*adaptive).size, c.userAgent)
	}
	if c.retry.MaxRetries != 0 || c.retry.Initial != time.Second || c.retry.Max != 30*time.Second {
		t.Errorf("retry policy %+v", c.retry)
	}
	l := NewLimiter(2)
	c, err = NewClient(WithAccount(testAccount), WithCredentials(testCreds), WithLimiter(l))
	if err != nil {
		t.Fatal(err)
	}
	if c.limiter != l {
		t.Error("WithLimiter is not used")
	}
}

func TestNewClientErrors(t *testing.T) {
	t.Parallel()
	base := []Option{WithAccount(testAccount), WithCredentials(testCreds)}
	noSecret := testCreds
	noSecret.TokenSecret = ""
	tests := []struct {
		name string
		opts []Option
		want []string // parts of the message
	}{
		{"nothing", nil, []string{"no account: pass WithAccount", "tba.ParseAccountID", "no credentials: pass WithCredentials(tba.Credentials{ConsumerKey, ConsumerSecret, TokenID, TokenSecret})"}},
		{"no credentials", []Option{WithAccount(testAccount)}, []string{"netsuite: no credentials: pass WithCredentials"}},
		{"no account", []Option{WithCredentials(testCreds)}, []string{"netsuite: no account: pass WithAccount"}},
		{"zero account", []Option{WithAccount(tba.Account{})}, []string{"WithAccount: the account is the zero tba.Account"}},
		{"empty secret", []Option{WithCredentials(noSecret)}, []string{"netsuite: WithCredentials: tba: token secret is empty"}},
		{"ftp base URL", []Option{WithBaseURL("ftp://example.com")}, []string{`WithBaseURL("ftp://example.com"): want an absolute http or https URL`}},
		{"relative base URL", []Option{WithBaseURL("example.com")}, []string{"want an absolute http or https URL"}},
		{"base URL with query", []Option{WithBaseURL("https://example.com?a=1")}, []string{"must not have a query"}},
		{"base URL with /services/rest", []Option{WithBaseURL("https://example.com/services/rest/")}, []string{"leave out /services/rest"}},
		{"bad base URL", []Option{WithBaseURL("http://[::1")}, []string{"WithBaseURL"}},
		{"base URL with password", []Option{WithBaseURL("https://u:pa55@example.com")}, []string{"must not have user information"}},
		{"nil HTTP client", []Option{WithHTTPClient(nil)}, []string{"WithHTTPClient: the *http.Client is nil"}},
		{"nil timezone", []Option{WithTimezone(nil)}, []string{"WithTimezone: the *time.Location is nil"}},
		{"zero concurrency", []Option{WithConcurrency(0)}, []string{"WithConcurrency(0): want at least 1"}},
		{"nil limiter", []Option{WithLimiter(nil)}, []string{"WithLimiter: the Limiter is nil"}},
		{"limiter and concurrency", []Option{WithLimiter(NewLimiter(1)), WithConcurrency(3)}, []string{"WithConcurrency or WithLimiter, not both"}},
		{"shrinking retries", []Option{WithRetry(RetryPolicy{Multiplier: 0.5})}, []string{"Multiplier 0.5 is below 1"}},
		{"negative delay", []Option{WithRetry(RetryPolicy{Initial: -time.Second})}, []string{"negative delay"}},
		{"max below initial", []Option{WithRetry(RetryPolicy{Initial: time.Minute, Max: time.Second})}, []string{"Max 1s is below Initial 1m0s"}},
		{"empty user agent", []Option{WithUserAgent("")}, []string{"WithUserAgent: the user agent is empty"}},
		{"nil logger", []Option{WithLogger(nil)}, []string{"WithLogger: the *slog.Logger is nil"}},
	}
	for _, tt := range tests {
		opts := tt.opts
		if tt.name != "nothing" && !strings.HasPrefix(tt.name, "no ") && tt.name != "zero account" && tt.name != "empty secret" {
			opts = append(append([]Option{}, base...), tt.opts...)
		}
		c, err := NewClient(opts...)
		if err == nil {
			t.Errorf("%s: NewClient = %v, want an error", tt.name, c)
			continue
		}
		if strings.Contains(err.Error(), "pa55") {
			t.Errorf("%s: %q shows the password", tt.name, err)
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q does not say %q", tt.name, err, w)
			}
		}
	}
}

// WithHTTPClient's client is used under the signer and left unmodified.
func TestWithHTTPClient(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	base := roundTripperFunc(func(r *http.Request) (*http.Response, error) {
		calls.Add(1)
		if r.Header.Get("Authorization") == "" {
			t.Error("the base transport got an unsigned request")
		}
		return http.DefaultTransport.RoundTrip(r)
	})
	hc := &http.Client{Transport: base, Timeout: time.Minute}
	client, mux, _ := setup(t, WithHTTPClient(hc))
	mux.HandleFunc("/services/rest/record/v1/customer/1", func(w http.ResponseWriter, r *http.Request) {})
	req, _ := client.NewRequest(t.Context(), "GET", "record/v1/customer/1", nil)
	if _, err := client.Do(req, nil); err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 1 {
		t.Errorf("base transport called %d times, want 1", calls.Load())
	}
	if _, ok := hc.Transport.(roundTripperFunc); !ok || hc.Timeout != time.Minute {
		t.Error("WithHTTPClient modified the caller's client")
	}
	if client.client.Timeout != time.Minute {
		t.Error("the Client's copy lost the timeout")
	}
}

type roundTripperFunc func(*http.Request) (*http.Response, error)

func (f roundTripperFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestNewRequest(t *testing.T) {
	t.Parallel()
	c, err := NewClient(WithAccount(testAccount), WithCredentials(testCreds), WithBaseURL("http://h/api-v3"), WithUserAgent("ua/1"))
	if err != nil {
		t.Fatal(err)
	}
	type customer struct {
		CompanyName string `json:"companyName"`
		Note        string `json:"note"`
	}
	req, err := c.NewRequest(t.Context(), "POST", "record/v1/customer?replace=addressBook", customer{"A & B <Ltd>", "é"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := req.URL.String(), "http://h/api-v3/services/rest/record/v1/customer?replace=addressBook"; got != want {
		t.Errorf("URL %s, want %s", got, want)
	}
	testHeader(t, req, "Content-Type", "application/json")
	testHeader(t, req, "User-Agent", "ua/1")
	want := `{"companyName":"A & B <Ltd>","note":"é"}`
	testBody(t, req, want)
	if req.GetBody == nil || req.ContentLength != int64(len(want)) {
		t.Fatalf("GetBody %v, ContentLength %d", req.GetBody != nil, req.ContentLength)
	}
	again, _ := req.GetBody()
	if b, _ := io.ReadAll(again); string(b) != want {
		t.Errorf("GetBody gives %s", b)
	}

	req, err = c.NewRequest(t.Context(), "GET", "record/v1/customer/eid:CID001", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := req.URL.String(), "http://h/api-v3/services/rest/record/v1/customer/eid:CID001"; got != want {
		t.Errorf("URL %s, want %s", got, want)
	}
	if req.Body != nil || req.Header.Get("Content-Type") != "" {
		t.Errorf("a request without a body has body %v, Content-Type %q", req.Body, req.Header.Get("Content-Type"))
	}
}

func TestNewRequestRefusals(t *testing.T) {
	t.Parallel()
	c, err := NewClient(WithAccount(testAccount), WithCredentials(testCreds))
	if err != nil {
		t.Fatal(err)
	}
	for path, says := range map[string]string{
		"":                           "is empty",
		"/record/v1/customer":        "starts with a slash",
		"//evil.example/x":           "starts with a slash",
		`\evil.example\x`:            "starts with a slash",
		"https://evil.example/x":     "is an absolute URL",
		"http:record/v1/customer":    "is an absolute URL",
		"record/v1/../../x":          "has a . or .. segment",
		"record/v1/%2e%2e/%2E%2E/x":  "has a . or .. segment",
		"..":                         "has a . or .. segment",
		"./record/v1/customer":       "has a . or .. segment",
		"record/v1/customer/1?%zz=1": "", // a bad query is sent as is
		"record/v1/\x7f":             "does not parse",
	} {
		_, err := c.NewRequest(t.Context(), "GET", path, nil)
		if says == "" {
			if err != nil {
				t.Errorf("NewRequest(%q): %v", path, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), says) || !strings.Contains(err.Error(), "relative to /services/rest/") {
			t.Errorf("NewRequest(%q) = %v, want an error that says %q", path, err, says)
		}
	}
	if _, err := c.NewRequest(t.Context(), "POST", "record/v1/customer", map[string]any{"x": make(chan int)}); err == nil || !strings.Contains(err.Error(), "encoding the request body") {
		t.Errorf("unencodable body: %v", err)
	}
	if _, err := c.NewRequest(t.Context(), "BAD METHOD", "record/v1/customer", nil); err == nil {
		t.Error("a bad method is accepted")
	}
}

func TestDoDecodesMediaTypes(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	types := []string{
		"application/json",
		"application/json; charset=utf-8",
		"application/vnd.oracle.resource+json; type=singular",
		"application/vnd.oracle.resource+json; type=collection",
		"application/schema+json",
		"",
	}
	for i, ct := range types {
		mux.HandleFunc(fmt.Sprintf("/services/rest/record/v1/customer/%d", i), func(w http.ResponseWriter, r *http.Request) {
			testMethod(t, r, "GET")
			if ct != "" {
				w.Header().Set("Content-Type", ct)
			} else {
				w.Header()["Content-Type"] = nil // no sniffing
			}
			fmt.Fprintf(w, `{"id":"%d","companyName":"Acme"}`, i)
		})
	}
	for i, ct := range types {
		req, err := client.NewRequest(t.Context(), "GET", fmt.Sprintf("record/v1/customer/%d", i), nil)
		if err != nil {
			t.Fatal(err)
		}
		var got struct{ ID, CompanyName string }
		resp, err := client.Do(req, &got)
		if err != nil {
			t.Errorf("%q: %v", ct, err)
			continue
		}
		if want := (struct{ ID, CompanyName string }{fmt.Sprint(i), "Acme"}); !cmp.Equal(got, want) {
			t.Errorf("%q: %s", ct, cmp.Diff(want, got))
		}
		if resp.StatusCode != 200 || resp.Retries != 0 || resp.TotalResults != 0 {
			t.Errorf("%q: response %+v", ct, resp)
		}
	}
}

func TestDoRefusesNonJSON(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	mux.HandleFunc("/services/rest/record/v1/customer/1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><body>Please sign in</body></html>")
	})
	req, _ := client.NewRequest(t.Context(), "GET", "record/v1/customer/1", nil)
	var v map[string]any
	_, err := client.Do(req, &v)
	if err == nil || !strings.Contains(err.Error(), `200 OK with Content-Type "text/html", not JSON: <html><body>Please sign in`) {
		t.Errorf("Do = %v", err)
	}
}

func TestDoBadJSON(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	mux.HandleFunc("/services/rest/record/v1/customer/1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id": 1`)
	})
	req, _ := client.NewRequest(t.Context(), "GET", "record/v1/customer/1", nil)
	var v map[string]any
	if _, err := client.Do(req, &v); err == nil || !strings.Contains(err.Error(), "decoding the response") {
		t.Errorf("Do = %v", err)
	}
}

func TestDoStreamsIntoWriter(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	body := strings.Repeat(`{"id":"1"}`, 10000)
	mux.HandleFunc("/services/rest/query/v1/suiteql", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "POST")
		testBody(t, r, `{"q":"SELECT id FROM customer"}`)
		w.Header().Set("Content-Type", "application/vnd.oracle.resource+json; type=collection")
		fmt.Fprint(w, body)
	})
	req, _ := client.NewRequest(t.Context(), "POST", "query/v1/suiteql", map[string]string{"q": "SELECT id FROM customer"})
	var buf bytes.Buffer
	resp, err := client.Do(req, &buf)
	if err != nil {
		t.Fatal(err)
	}
	if buf.String() != body || resp.StatusCode != 200 {
		t.Errorf("streamed %d bytes, status %d", buf.Len(), resp.StatusCode)
	}
}

// A create answers 204 with the record's URL in Location
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545141395.html).
func TestDoCreateID(t *testing.T) {
	t.Parallel()
	client, mux, serverURL := setup(t)
	mux.HandleFunc("/services/rest/record/v1/customer", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "POST")
		testHeader(t, r, "Content-Type", "application/json")
		testBody(t, r, `{"companyName":"Acme"}`)
		w.Header().Set("Location", serverURL+baseURLPath+"/services/rest/record/v1/customer/647")
		w.WriteHeader(http.StatusNoContent)
	})
	req, _ := client.NewRequest(t.Context(), "POST", "record/v1/customer", map[string]string{"companyName": "Acme"})
	var v map[string]any
	resp, err := client.Do(req, &v)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 204 || resp.ID != "647" || v != nil {
		t.Errorf("status %d, ID %q, v %v", resp.StatusCode, resp.ID, v)
	}
}

// The collection body of Oracle's
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156414087576.html.
const collectionPage = `{
  "links": [
    {"rel": "next", "href": "https://demo123.suitetalk.api.netsuite.com/services/rest/record/v1/customer?limit=2&offset=2"},
    {"rel": "last", "href": "https://demo123.suitetalk.api.netsuite.com/services/rest/record/v1/customer?limit=2&offset=2"},
    {"rel": "self", "href": "https://demo123.suitetalk.api.netsuite.com/services/rest/record/v1/customer?limit=2&offset=0"}
  ],
  "items": [
    {"links": [{"rel": "self", "href": "https://demo123.suitetalk.api.netsuite.com/services/rest/record/v1/customer/107"}], "id": "107"},
    {"links": [{"rel": "self", "href": "https://demo123.suitetalk.api.netsuite.com/services/rest/record/v1/customer/41"}], "id": "41"}
  ],
  "count": 2, "offset": 0, "hasMore": true, "totalResults": 3
}`

func TestDoPaging(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	mux.HandleFunc("/services/rest/record/v1/customer", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.oracle.resource+json; type=collection")
		switch r.URL.Query().Get("offset") {
		case "0":
			fmt.Fprint(w, collectionPage)
		case "2":
			fmt.Fprint(w, `{"links":[{"rel":"prev","href":"https://x/?limit=2&offset=0"},{"rel":"self","href":"https://x/?limit=2&offset=2"}],
				"items":[{"links":[],"id":"9"}],"count":1,"offset":2,"hasMore":false,"totalResults":3}`)
		default:
			t.Errorf("offset %q", r.URL.Query().Get("offset"))
		}
	})
	type page struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	var ids []string
	var responses []*Response
	for offset := 0; ; {
		req, _ := client.NewRequest(t.Context(), "GET", fmt.Sprintf("record/v1/customer?limit=2&offset=%d", offset), nil)
		var p page
		resp, err := client.Do(req, &p)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range p.Items {
			ids = append(ids, it.ID)
		}
		responses = append(responses, resp)
		if resp.NextOffset == 0 {
			break
		}
		offset = resp.NextOffset
	}
	if want := []string{"107", "41", "9"}; !cmp.Equal(ids, want) {
		t.Errorf("ids %v, want %v", ids, want)
	}
	first, last := responses[0], responses[1]
	type paging struct{ Count, Offset, TotalResults, NextOffset int }
	if got, want := (paging{first.Count, first.Offset, first.TotalResults, first.NextOffset}), (paging{2, 0, 3, 2}); got != want || !first.HasMore {
		t.Errorf("first page %+v hasMore %v, want %+v", got, first.HasMore, want)
	}
	if got, want := (paging{last.Count, last.Offset, last.TotalResults, last.NextOffset}), (paging{1, 2, 3, 0}); got != want || last.HasMore {
		t.Errorf("last page %+v hasMore %v, want %+v", got, last.HasMore, want)
	}
	if len(first.Links) != 3 || first.Link("self") != "https://demo123.suitetalk.api.netsuite.com/services/rest/record/v1/customer?limit=2&offset=0" || first.Link("prev") != "" {
		t.Errorf("links %+v", first.Links)
	}
}

// A record whose sublist is a collection is not a page.
func TestDoRecordIsNotAPage(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	mux.HandleFunc("/services/rest/record/v1/salesOrder/1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.oracle.resource+json; type=singular")
		fmt.Fprint(w, `{"links":[{"rel":"self","href":"x"}],"id":"1","item":{"links":[],"items":[],"totalResults":0,"hasMore":false,"count":7}}`)
	})
	req, _ := client.NewRequest(t.Context(), "GET", "record/v1/salesOrder/1", nil)
	var v map[string]any
	resp, err := client.Do(req, &v)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Count != 0 || resp.Links != nil || resp.HasMore {
		t.Errorf("record read as a page: %+v", resp)
	}
}

// Every request, retries included, carries a valid TBA signature with a
// fresh nonce (setup's server verifies it); this test looks at the headers
// as well.
func TestRequestsAreSigned(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	var mu sync.Mutex
	var headers []string
	var calls atomic.Int32
	mux.HandleFunc("/services/rest/record/v1/customer", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		headers = append(headers, r.Header.Get("Authorization"))
		mu.Unlock()
		if r.Method == "POST" && calls.Add(1) == 1 {
			writeFixture(t, w, http.StatusTooManyRequests, "concurrency-limit.json")
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	q := "email START_WITH \"a b\"&c=ü+/"
	req, _ := client.NewRequest(t.Context(), "GET", "record/v1/customer?q="+url.QueryEscape(q)+"&limit=10", nil)
	if _, err := client.Do(req, nil); err != nil {
		t.Fatal(err)
	}
	req, _ = client.NewRequest(t.Context(), "POST", "record/v1/customer", map[string]string{"companyName": "Acme"})
	resp, err := client.Do(req, nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Retries != 1 {
		t.Errorf("Retries %d, want 1", resp.Retries)
	}
	if len(headers) != 3 {
		t.Fatalf("%d requests, want 3", len(headers))
	}
	seen := map[string]bool{}
	for _, h := range headers {
		a, err := tba.ParseAuthorization(h)
		if err != nil {
			t.Fatal(err)
		}
		if a.Realm != "1234567_SB1" || a.SignatureMethod != "HMAC-SHA256" || seen[a.Nonce] {
			t.Errorf("realm %q, method %q, nonce %q reused %v", a.Realm, a.SignatureMethod, a.Nonce, seen[a.Nonce])
		}
		seen[a.Nonce] = true
	}
}

// BareDo hands back the body unread; the slot is held until it is closed.
func TestBareDoHoldsSlotUntilClose(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t, WithConcurrency(1))
	mux.HandleFunc("/services/rest/record/v1/customer/1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id":"1"}`)
	})
	req, _ := client.NewRequest(t.Context(), "GET", "record/v1/customer/1", nil)
	resp, err := client.BareDo(req)
	if err != nil {
		t.Fatal(err)
	}
	// The only slot is taken: another call waits, until its context ends.
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	req2, _ := client.NewRequest(ctx, "GET", "record/v1/customer/1", nil)
	if _, err := client.Do(req2, nil); !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "waiting for a concurrency slot") {
		t.Errorf("second call: %v", err)
	}
	b, _ := io.ReadAll(resp.Body)
	if string(b) != `{"id":"1"}` {
		t.Errorf("body %s", b)
	}
	resp.Body.Close()
	resp.Body.Close() // twice is harmless
	req3, _ := client.NewRequest(t.Context(), "GET", "record/v1/customer/1", nil)
	var v json.RawMessage
	if _, err := client.Do(req3, &v); err != nil {
		t.Errorf("after Close: %v", err)
	}
}
