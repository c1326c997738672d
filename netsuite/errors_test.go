package netsuite

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

const loginDetail = "Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail."

// response returns a response to GET u with status and body.
func response(t *testing.T, u string, status int, contentType string, body []byte) *http.Response {
	t.Helper()
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Response{
		StatusCode: status,
		Status:     fmt.Sprintf("%d %s", status, http.StatusText(status)),
		Header:     http.Header{"Content-Type": {contentType}},
		Body:       io.NopCloser(bytes.NewReader(body)),
		Request:    req,
	}
}

const errorCT = "application/vnd.oracle.resource+json; type=error"

func TestCheckResponseNetSuiteBodies(t *testing.T) {
	t.Parallel()
	const u = "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer/9"
	concurrency := &Error{
		Type: "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html", Title: "Bad Request", Status: 429, Code: "USER_ERROR",
		Details: []ErrorDetail{{Detail: "Concurrent request limit exceeded. Request blocked.", Code: "CONCURRENCY_LIMIT_EXCEEDED"}},
	}
	concurrencyMsg := "netsuite: GET " + u + ": 429 Too Many Requests: CONCURRENCY_LIMIT_EXCEEDED: Concurrent request limit exceeded. Request blocked."
	tests := []struct {
		file    string
		status  int
		want    *Error
		message string
	}{
		{
			"invalid-login.json", 401,
			&Error{
				Type: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2", Title: "Unauthorized", Status: 401,
				Details: []ErrorDetail{{Detail: loginDetail, Code: "INVALID_LOGIN"}},
			},
			"netsuite: GET " + u + ": 401 Unauthorized: INVALID_LOGIN: " + loginDetail +
				" NetSuite gives this answer for every cause of a refused token login (a wrong secret, a revoked token, a role without Log in using Access Tokens, a clock more than 5 minutes off, ...); the Detail column of its Login Audit Trail names the cause.",
		},
		{
			"nonexistent-id.json", 404,
			&Error{
				Type: "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.5", Title: "Not Found", Status: 404,
				Details: []ErrorDetail{{Detail: "Record does not exist.", Code: "NONEXISTENT_ID"}},
			},
			"netsuite: GET " + u + ": 404 Not Found: NONEXISTENT_ID: Record does not exist.",
		},
		{
			"invalid-content.json", 400,
			&Error{
				Type: "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1", Title: "Bad Request", Status: 400,
				Details: []ErrorDetail{{
					Detail: "Error while accessing resource: You have entered an Invalid Field Value 9999 for the following field: item",
					Code:   "INVALID_CONTENT", Path: "item.items[0].item",
				}},
			},
			"netsuite: GET " + u + ": 400 Bad Request: INVALID_CONTENT at item.items[0].item: Error while accessing resource: You have entered an Invalid Field Value 9999 for the following field: item",
		},
		{
			"invalid-id.json", 400,
			&Error{
				Type: "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1", Title: "Bad Request", Status: 400,
				Details: []ErrorDetail{{
					Detail: "Invalid record instance identifier '000'. Provide a valid record instance ID.",
					Code:   "INVALID_ID", URL: "/services/rest/record/v1/customer/000",
				}},
			},
			"netsuite: GET " + u + ": 400 Bad Request: INVALID_ID at URL /services/rest/record/v1/customer/000: Invalid record instance identifier '000'. Provide a valid record instance ID.",
		},
		{"concurrency-limit.json", 429, concurrency, concurrencyMsg},
		// Oracle's sample as printed is not valid JSON; its codes are
		// still read.
		{"concurrency-limit-as-printed.json", 429, concurrency, concurrencyMsg},
	}
	for _, tt := range tests {
		body := readFixture(t, tt.file)
		resp := response(t, u, tt.status, errorCT, body)
		err := CheckResponse(resp)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: CheckResponse = %v, want a *Error", tt.file, err)
			continue
		}
		if diff := cmp.Diff(tt.want, e, cmpopts.IgnoreFields(Error{}, "Response"), cmpopts.IgnoreUnexported(Error{})); diff != "" {
			t.Errorf("%s: (-want +got)\n%s", tt.file, diff)
		}
		if e.Response != resp {
			t.Errorf("%s: Response not set", tt.file)
		}
		if got := err.Error(); got != tt.message {
			t.Errorf("%s: message\n got %s\nwant %s", tt.file, got, tt.message)
		}
		// The body is there to read again, from its start.
		if got, _ := io.ReadAll(resp.Body); !bytes.Equal(got, body) {
			t.Errorf("%s: body after CheckResponse: %q", tt.file, got)
		}
		if err := resp.Body.Close(); err != nil {
			t.Errorf("%s: Close: %v", tt.file, err)
		}
	}
}

func TestCheckResponseNotEnvelope(t *testing.T) {
	t.Parallel()
	const u = "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer"
	tests := []struct {
		name        string
		status      int
		contentType string
		body        string
		message     string
	}{
		{"proxy HTML", 502, "text/html", string(readFixture(t, "proxy-502.html")),
			"502 Bad Gateway: not NetSuite's error format (text/html): 502 Bad Gateway"},
		{"HTML without title", 503, "text/html; charset=utf-8", "<html><body><h1>Service   Unavailable</h1>\n<p>Back soon</p></body></html>",
			"503 Service Unavailable: not NetSuite's error format (text/html): Service Unavailable Back soon"},
		{"plain text", 500, "text/plain", "upstream connect error or disconnect/reset before headers",
			"500 Internal Server Error: not NetSuite's error format (text/plain): upstream connect error or disconnect/reset before headers"},
		{"JSON of another shape", 401, "application/json", `{"error":"invalid_token"}`,
			`401 Unauthorized: not NetSuite's error format (application/json): {"error":"invalid_token"}`},
		{"empty", 504, "", "", "504 Gateway Timeout: empty body"},
		{"long", 500, "text/plain", strings.Repeat("x", 1000), "500 Internal Server Error: not NetSuite's error format (text/plain): " + strings.Repeat("x", 200) + "…"},
	}
	for _, tt := range tests {
		resp := response(t, u, tt.status, tt.contentType, []byte(tt.body))
		err := CheckResponse(resp)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: %v, want a *Error", tt.name, err)
			continue
		}
		if e.Status != tt.status || e.Title != http.StatusText(tt.status) || len(e.Details) != 0 {
			t.Errorf("%s: status %d, title %q, details %v", tt.name, e.Status, e.Title, e.Details)
		}
		if want := "netsuite: GET " + u + ": " + tt.message; err.Error() != want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, err, want)
		}
		if got, _ := io.ReadAll(resp.Body); string(got) != tt.body {
			t.Errorf("%s: body not restored", tt.name)
		}
	}
}

func TestCheckResponseSuccess(t *testing.T) {
	t.Parallel()
	for _, status := range []int{200, 201, 202, 204} {
		resp := response(t, "https://h/", status, "application/json", []byte(`{"a":1}`))
		if err := CheckResponse(resp); err != nil {
			t.Errorf("%d: %v", status, err)
		}
		if b, _ := io.ReadAll(resp.Body); string(b) != `{"a":1}` {
			t.Errorf("%d: body read", status)
		}
	}
}

// CheckResponse reads at most maxErrorBody bytes but restores all of it.
func TestCheckResponseLargeBody(t *testing.T) {
	t.Parallel()
	body := []byte(`{"status":500,"o:errorDetails":[{"detail":"` + strings.Repeat("x", 2*maxErrorBody) + `"}]}`)
	tr := &trackingReader{r: bytes.NewReader(body)}
	resp := response(t, "https://h/", 500, "application/json", nil)
	resp.Body = io.NopCloser(tr)
	err := CheckResponse(resp)
	var e *Error
	if !errors.As(err, &e) || e.Status != 500 {
		t.Fatalf("%v", err)
	}
	if tr.n != maxErrorBody {
		t.Errorf("read %d bytes, want %d", tr.n, maxErrorBody)
	}
	if got, _ := io.ReadAll(resp.Body); !bytes.Equal(got, body) {
		t.Errorf("restored %d bytes, want %d", len(got), len(body))
	}
}

type trackingReader struct {
	r io.Reader
	n int
}

func (t *trackingReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.n += n
	return n, err
}

func TestErrorMessage(t *testing.T) {
	t.Parallel()
	// User information never shows.
	resp := response(t, "https://user:pa55word@h/services/rest/record/v1/customer/9?fields=email", 404, errorCT, readFixture(t, "nonexistent-id.json"))
	err := CheckResponse(resp)
	if msg := err.Error(); strings.Contains(msg, "pa55word") || strings.Contains(msg, "user") ||
		!strings.Contains(msg, "GET https://h/services/rest/record/v1/customer/9?fields=email: 404") {
		t.Errorf("message %q", msg)
	}
	if resp.Request.URL.User == nil {
		t.Error("the request's URL was modified")
	}

	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{Status: 400, Details: []ErrorDetail{{Code: "A", Detail: "one."}, {Code: "B", Detail: "two."}, {Code: "C"}}}, "netsuite: 400 Bad Request: A: one. (and 2 more)"},
		{&Error{Status: 400, Details: []ErrorDetail{{Code: "INVALID_PARAMETER", Detail: "Unparseable date: x", QueryParam: "q"}}}, "netsuite: 400 Bad Request: INVALID_PARAMETER at query parameter q: Unparseable date: x"},
		{&Error{Status: 400, Details: []ErrorDetail{{Code: "INVALID_HEADER", Detail: "Bad.", Header: "Prefer"}}}, "netsuite: 400 Bad Request: INVALID_HEADER at header Prefer: Bad."},
		{&Error{Status: 400, Details: []ErrorDetail{{Code: "INVALID_REQUEST", Detail: "Bad.", URLPath: "metadata-catalog/customer, salesOrder"}}}, "netsuite: 400 Bad Request: INVALID_REQUEST at URL path metadata-catalog/customer, salesOrder: Bad."},
		{&Error{Status: 400, Code: "USER_ERROR"}, "netsuite: 400 Bad Request: USER_ERROR"},
		{&Error{Status: 599, Title: "Odd"}, "netsuite: 599 Odd"},
		{&Error{Status: 401, Details: []ErrorDetail{{Code: "INVALID_LOGIN", Detail: "no dot"}}}, "netsuite: 401 Unauthorized: INVALID_LOGIN: no dot. " + LoginHint + "."},
		{&Error{Status: 403, Details: []ErrorDetail{{Code: "INSUFFICIENT_PERMISSION", Detail: "Permission Violation."}}}, "netsuite: 403 Forbidden: INSUFFICIENT_PERMISSION: Permission Violation."},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("\n got %s\nwant %s", got, tt.want)
		}
	}
}

func TestErrorHelpers(t *testing.T) {
	t.Parallel()
	check := func(file string, status int) error {
		return CheckResponse(response(t, "https://h/x", status, errorCT, readFixture(t, file)))
	}
	login := check("invalid-login.json", 401)
	notFound := check("nonexistent-id.json", 404)
	limit := check("concurrency-limit.json", 429)
	content := check("invalid-content.json", 400)
	proxy := CheckResponse(response(t, "https://h/x", 502, "text/html", readFixture(t, "proxy-502.html")))
	wrapped := fmt.Errorf("reading customer 9: %w", notFound)
	plain := errors.New("NONEXISTENT_ID 404 INVALID_LOGIN")

	tests := []struct {
		name              string
		err               error
		notFound, auth    bool
		codes, notCodes   []string
		outcomeUnknownToo bool
	}{
		{"401", login, false, true, []string{"INVALID_LOGIN"}, []string{"NONEXISTENT_ID"}, false},
		{"404", notFound, true, false, []string{"NONEXISTENT_ID"}, []string{"INVALID_LOGIN"}, false},
		{"wrapped 404", wrapped, true, false, []string{"NONEXISTENT_ID"}, nil, false},
		{"429", limit, false, false, []string{"CONCURRENCY_LIMIT_EXCEEDED", "USER_ERROR"}, []string{""}, false},
		{"400", content, false, false, []string{"INVALID_CONTENT"}, []string{"INVALID_REQUEST"}, false},
		{"proxy", proxy, false, false, nil, []string{"", "INVALID_LOGIN"}, false},
		{"outcome unknown", &outcomeUnknownError{method: "POST", url: "u", err: check("nonexistent-id.json", 500)}, false, false, []string{"NONEXISTENT_ID"}, nil, true},
		{"not an *Error", plain, false, false, nil, []string{"NONEXISTENT_ID", "INVALID_LOGIN"}, false},
		{"nil", nil, false, false, nil, []string{""}, false},
	}
	for _, tt := range tests {
		if got := IsNotFound(tt.err); got != tt.notFound {
			t.Errorf("%s: IsNotFound = %v", tt.name, got)
		}
		if got := IsAuth(tt.err); got != tt.auth {
			t.Errorf("%s: IsAuth = %v", tt.name, got)
		}
		for _, c := range tt.codes {
			if !HasCode(tt.err, c) {
				t.Errorf("%s: HasCode(%q) = false", tt.name, c)
			}
		}
		for _, c := range tt.notCodes {
			if HasCode(tt.err, c) {
				t.Errorf("%s: HasCode(%q) = true", tt.name, c)
			}
		}
		if got := errors.Is(tt.err, ErrOutcomeUnknown); got != tt.outcomeUnknownToo {
			t.Errorf("%s: errors.Is(ErrOutcomeUnknown) = %v", tt.name, got)
		}
	}
}

// Do returns NetSuite's errors as *Error with the response and its body.
func TestDoErrorResponse(t *testing.T) {
	t.Parallel()
	client, mux, serverURL := setup(t)
	mux.HandleFunc("/services/rest/record/v1/customer/9", func(w http.ResponseWriter, r *http.Request) {
		writeFixture(t, w, http.StatusNotFound, "nonexistent-id.json")
	})
	req, _ := client.NewRequest(t.Context(), "GET", "record/v1/customer/9", nil)
	var v map[string]any
	resp, err := client.Do(req, &v)
	if !IsNotFound(err) || !HasCode(err, "NONEXISTENT_ID") {
		t.Fatalf("Do = %v", err)
	}
	want := "netsuite: GET " + serverURL + baseURLPath + "/services/rest/record/v1/customer/9: 404 Not Found: NONEXISTENT_ID: Record does not exist."
	if err.Error() != want {
		t.Errorf("\n got %s\nwant %s", err, want)
	}
	var e *Error
	errors.As(err, &e)
	if resp == nil || resp.Response != e.Response || resp.StatusCode != 404 || resp.Retries != 0 || v != nil {
		t.Fatalf("response %+v", resp)
	}
	if b, _ := io.ReadAll(resp.Body); !bytes.Equal(b, readFixture(t, "nonexistent-id.json")) {
		t.Errorf("body %q", b)
	}
	if _, err := url.Parse(e.Response.Request.URL.String()); err != nil {
		t.Error(err)
	}
}
