package netsuite

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// restletSteps answers a RESTlet's calls with steps in turn (the last one
// again once they run out), each a status, a Content-Type and a body, and
// counts the calls.
type restletSteps struct {
	steps []restletStep
	calls atomic.Int32
}

type restletStep struct {
	status      int
	contentType string
	body        string
}

func (s *restletSteps) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	io.Copy(io.Discard, r.Body)
	n := int(s.calls.Add(1)) - 1
	st := s.steps[min(n, len(s.steps)-1)]
	w.Header().Set("Content-Type", st.contentType)
	w.WriteHeader(st.status)
	io.WriteString(w, st.body)
}

const limitExceededJSON = `{"error":{"code":"SSS_REQUEST_LIMIT_EXCEEDED","message":"Request limit exceeded."}}`

// TestRestletCall checks the request a call sends (URL, query, method,
// Content-Type, body, a valid signature: setup verifies it) and its answer.
func TestRestletCall(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name        string
		req         RestletRequest
		wantMethod  string
		wantQuery   string
		wantType    string
		wantBody    string
		answerType  string
		answer      string
		wantDecoded any
	}{
		{
			name:       "GET with params",
			req:        RestletRequest{Script: "customscript_orders", Deploy: "customdeploy_orders", Params: url.Values{"status": {"open now"}, "limit": {"5"}}},
			wantMethod: "GET", wantQuery: "script=customscript_orders&deploy=customdeploy_orders&limit=5&status=open%20now",
			wantType: "application/json", answerType: "application/json", answer: `{"orders":[1,2]}`,
			wantDecoded: map[string]any{"orders": []any{1.0, 2.0}},
		},
		{
			name:       "POST JSON",
			req:        RestletRequest{Script: "482", Deploy: "1", Method: "post", Body: []byte(`{"a":1}`)},
			wantMethod: "POST", wantQuery: "script=482&deploy=1", wantType: "application/json", wantBody: `{"a":1}`,
			answerType: "application/json", answer: `"ok"`, wantDecoded: "ok",
		},
		{
			name:       "PUT text",
			req:        RestletRequest{Script: "482", Deploy: "2", Method: "PUT", Body: []byte("hello"), ContentType: RestletText},
			wantMethod: "PUT", wantQuery: "script=482&deploy=2", wantType: "text/plain", wantBody: "hello",
			answerType: "text/plain", answer: "HELLO",
		},
		{
			name:       "POST XML",
			req:        RestletRequest{Script: "482", Deploy: "1", Method: "POST", Body: []byte("<a>1</a>"), ContentType: RestletXML},
			wantMethod: "POST", wantQuery: "script=482&deploy=1", wantType: "application/xml", wantBody: "<a>1</a>",
			answerType: "application/xml", answer: "<ok/>",
		},
		{
			name:       "DELETE",
			req:        RestletRequest{Script: "482", Deploy: "1", Method: "DELETE", Params: url.Values{"id": {"7"}}},
			wantMethod: "DELETE", wantQuery: "script=482&deploy=1&id=7", wantType: "application/json",
			answerType: "application/json", answer: `{"deleted":"7"}`, wantDecoded: map[string]any{"deleted": "7"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, mux, _ := setup(t)
			mux.HandleFunc(RestletPath, func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, tt.wantMethod)
				testHeader(t, r, "Content-Type", tt.wantType)
				if r.URL.RawQuery != tt.wantQuery {
					t.Errorf("query %q, want %q", r.URL.RawQuery, tt.wantQuery)
				}
				testBody(t, r, tt.wantBody)
				w.Header().Set("Content-Type", tt.answerType)
				io.WriteString(w, tt.answer)
			})
			resp, err := client.Restlets.Call(t.Context(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if string(resp.Body) != tt.answer || resp.MediaType() != tt.answerType || resp.StatusCode != 200 {
				t.Errorf("answer %d %q %q, want 200 %q %q", resp.StatusCode, resp.MediaType(), resp.Body, tt.answerType, tt.answer)
			}
			var got any
			err = resp.Decode(&got)
			if tt.wantDecoded == nil {
				if err == nil || !strings.Contains(err.Error(), "not JSON") {
					t.Errorf("Decode of %s: %v, want a not-JSON error", tt.answerType, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantDecoded, got); diff != "" {
				t.Errorf("decoded (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRestletRequestRefusals: a call NetSuite would refuse, or that cannot
// be built, is refused before it is sent, naming the field and the fix.
func TestRestletRequestRefusals(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	mux.HandleFunc(RestletPath, func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("sent %s %s", r.Method, r.URL)
	})
	for _, tt := range []struct {
		req  RestletRequest
		want []string
	}{
		{RestletRequest{}, []string{"RestletRequest.Script is empty", "RestletRequest.Deploy is empty"}},
		{RestletRequest{Script: "1", Deploy: "1", Method: "PATCH"}, []string{`RestletRequest.Method "PATCH"`, "GET, POST, PUT and DELETE"}},
		{RestletRequest{Script: "1", Deploy: "1", Body: []byte("{}")}, []string{"RestletRequest.Body: a GET takes its input as query parameters"}},
		{RestletRequest{Script: "1", Deploy: "1", Method: "DELETE", Body: []byte("{}")}, []string{"RestletRequest.Body: a DELETE"}},
		{RestletRequest{Script: "1", Deploy: "1", ContentType: "application/x-www-form-urlencoded"}, []string{`RestletRequest.ContentType "application/x-www-form-urlencoded"`, "415"}},
		{RestletRequest{Script: "1", Deploy: "1", ContentType: "Application/JSON"}, []string{"case-sensitive"}},
		{RestletRequest{Script: "1", Deploy: "1", Params: url.Values{"deploy": {"2"}}}, []string{`Params holds "deploy"; set it in RestletRequest.Deploy`}},
	} {
		_, err := client.Restlets.Call(t.Context(), tt.req)
		if err == nil {
			t.Errorf("%+v: no error", tt.req)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%+v: %v\nwant it to say %q", tt.req, err, w)
			}
		}
	}
}

// TestRestletErrors: NetSuite's three formats of a RESTlet error, and the
// REST envelope a RESTlet path can also answer with, are one *Error.
func TestRestletErrors(t *testing.T) {
	t.Parallel()
	const msg = "That Suitelet is invalid, disabled, or no longer exists."
	for _, tt := range []struct {
		name        string
		status      int
		contentType string
		body        string
		code, text  string
		auth        bool
	}{
		{"json", 400, "application/json", `{ "error": { "code":"SSS_INVALID_SCRIPTLET_ID", "message":"` + msg + `" } }`, CodeInvalidScriptletID, msg, false},
		{"xml", 400, "application/xml", `<error> <code>SSS_INVALID_SCRIPTLET_ID</code> <message>` + msg + `</message> </error>`, CodeInvalidScriptletID, msg, false},
		{"text", 400, "text/plain", `error code: SSS_INVALID_SCRIPTLET_ID error message: ` + msg, CodeInvalidScriptletID, msg, false},
		{"login", 401, "application/json", `{"error":{"code":"INVALID_LOGIN_ATTEMPT","message":"Invalid login attempt."}}`, CodeInvalidLoginAttempt, "Invalid login attempt.", true},
		{"REST envelope", 401, "application/vnd.oracle.resource+json; type=error", string(readFixture(t, "invalid-login.json")), "INVALID_LOGIN", "Invalid login attempt.", true},
		{"script error", 400, "application/json", `{"error":{"code":"JS_EXCEPTION","message":"TypeError: x is undefined"}}`, "JS_EXCEPTION", "TypeError: x is undefined", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, mux, _ := setup(t)
			mux.Handle(RestletPath, &restletSteps{steps: []restletStep{{tt.status, tt.contentType, tt.body}}})
			_, err := client.Restlets.Call(t.Context(), RestletRequest{Script: "7", Deploy: "1", ContentType: map[string]string{"xml": RestletXML, "text": RestletText}[tt.name]})
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("%v: not a *Error", err)
			}
			if e.Status != tt.status || !HasCode(err, tt.code) || len(e.Details) == 0 || !strings.HasPrefix(e.Details[0].Detail, tt.text) {
				t.Errorf("got %d %+v, want %d %s %q", e.Status, e.Details, tt.status, tt.code, tt.text)
			}
			if !strings.Contains(err.Error(), tt.code) || !strings.Contains(err.Error(), "script=7&deploy=1") {
				t.Errorf("message %q does not name the code and the URL", err)
			}
			if IsAuth(err) != tt.auth || tt.auth && !strings.Contains(err.Error(), LoginHint) {
				t.Errorf("IsAuth %v, message %q", IsAuth(err), err)
			}
			if b, _ := io.ReadAll(e.Response.Body); string(b) != tt.body {
				t.Errorf("body %q, want it readable again", b)
			}
		})
	}
}

// TestRestletGovernanceRetried: NetSuite's refusal of a RESTlet call over
// the concurrency limit (400 SSS_REQUEST_LIMIT_EXCEEDED) is retried as a
// 429 is, for a POST too, and tells an adaptive limiter; another 400 is
// not retried.
func TestRestletGovernanceRetried(t *testing.T) {
	t.Parallel()
	lim := &countingLimiter{Limiter: NewLimiter(5)}
	var events []RetryEvent
	client, mux, _ := setup(t, WithLimiter(lim), WithRetryNotify(func(ev RetryEvent) { events = append(events, ev) }))
	steps := &restletSteps{steps: []restletStep{
		{400, "application/json", limitExceededJSON},
		{400, "application/json", limitExceededJSON},
		{200, "application/json", `{"ok":true}`},
	}}
	mux.Handle(RestletPath, steps)
	resp, err := client.Restlets.Call(t.Context(), RestletRequest{Script: "7", Deploy: "1", Method: "POST", Body: []byte(`{}`)})
	if err != nil {
		t.Fatal(err)
	}
	if steps.calls.Load() != 3 || resp.Retries != 2 || string(resp.Body) != `{"ok":true}` {
		t.Errorf("%d calls, %d retries, body %q; want 3, 2, the third answer", steps.calls.Load(), resp.Retries, resp.Body)
	}
	if len(events) != 2 || events[0].Code != CodeRestletLimitExceeded || events[0].Status != 400 {
		t.Errorf("retry events %+v, want 2 with 400 %s", events, CodeRestletLimitExceeded)
	}
	if lim.throttled.Load() != 2 {
		t.Errorf("the limiter was told of %d refusals, want 2", lim.throttled.Load())
	}
	for _, cls := range []verdict{classifyStatus(http.MethodPost, 400, &Error{Details: []ErrorDetail{{Code: CodeRestletLimitExceeded}}})} {
		if cls != retry {
			t.Errorf("classifyStatus of a RESTlet over the limit: %v, want retry", cls)
		}
	}

	other := &restletSteps{steps: []restletStep{{400, "application/json", `{"error":{"code":"USER_ERROR","message":"bad input"}}`}}}
	client2, mux2, _ := setup(t)
	mux2.Handle(RestletPath, other)
	if _, err := client2.Restlets.Call(t.Context(), RestletRequest{Script: "7", Deploy: "1"}); !HasCode(err, "USER_ERROR") || other.calls.Load() != 1 {
		t.Errorf("another 400: %v after %d calls, want USER_ERROR after 1", err, other.calls.Load())
	}
}

// countingLimiter counts what an AdaptiveLimiter is told.
type countingLimiter struct {
	Limiter
	throttled atomic.Int32
}

func (l *countingLimiter) Throttled() {
	l.throttled.Add(1)
	l.Limiter.(AdaptiveLimiter).Throttled()
}

func (l *countingLimiter) Succeeded() { l.Limiter.(AdaptiveLimiter).Succeeded() }

// TestRestletCheck: the caller's check sees a 2xx answer and its error is
// returned with the response; it is not called on NetSuite's errors.
func TestRestletCheck(t *testing.T) {
	t.Parallel()
	type envelope struct {
		Status string `json:"status"`
		Error  string `json:"error"`
	}
	errScript := errors.New("script failed")
	check := func(r *RestletResponse) error {
		var e envelope
		if err := r.Decode(&e); err != nil {
			return err
		}
		if e.Status != "SUCCESS" {
			return errors.Join(errScript, errors.New(e.Error))
		}
		return nil
	}
	for _, tt := range []struct {
		status  int
		body    string
		wantErr error
	}{
		{200, `{"status":"SUCCESS"}`, nil},
		{200, `{"status":"ERROR","error":"customer 7 is on hold"}`, errScript},
	} {
		client, mux, _ := setup(t)
		mux.Handle(RestletPath, &restletSteps{steps: []restletStep{{tt.status, "application/json", tt.body}}})
		resp, err := client.Restlets.Call(t.Context(), RestletRequest{Script: "7", Deploy: "1", Check: check})
		if !errors.Is(err, tt.wantErr) {
			t.Errorf("%s: %v, want %v", tt.body, err, tt.wantErr)
		}
		if resp == nil || string(resp.Body) != tt.body {
			t.Errorf("%s: response %v, want it returned", tt.body, resp)
		}
		if tt.wantErr != nil && !strings.Contains(err.Error(), "customer 7 is on hold") {
			t.Errorf("message %q lacks the script's error", err)
		}
	}
	client, mux, _ := setup(t)
	mux.Handle(RestletPath, &restletSteps{steps: []restletStep{{400, "application/json", `{"error":{"code":"USER_ERROR","message":"no"}}`}}})
	called := false
	_, err := client.Restlets.Call(t.Context(), RestletRequest{Script: "7", Deploy: "1", Check: func(*RestletResponse) error { called = true; return nil }})
	if called || !HasCode(err, "USER_ERROR") {
		t.Errorf("check called %v on an error answer; err %v", called, err)
	}
}

// TestRestletOutcomeUnknown: a POST, PUT or DELETE that fails after it was
// sent (a 500, a dropped connection) is not sent again, and is
// ErrOutcomeUnknown, with a hint about the script; a GET, or a call marked
// Idempotent, is sent again.
func TestRestletOutcomeUnknown(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		method     string
		idempotent bool
		drop       bool
		unknown    bool
	}{
		{"POST", false, false, true},
		{"PUT", false, false, true},
		{"DELETE", false, false, true},
		{"POST", false, true, true},
		{"GET", false, false, false},
		{"GET", false, true, false},
		{"POST", true, false, false},
		{"DELETE", true, true, false},
	} {
		name := tt.method + map[bool]string{true: "/idempotent"}[tt.idempotent] + map[bool]string{true: "/drop", false: "/500"}[tt.drop]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			client, mux, _ := setup(t)
			var calls atomic.Int32
			mux.HandleFunc(RestletPath, func(w http.ResponseWriter, r *http.Request) {
				io.Copy(io.Discard, r.Body)
				if calls.Add(1) > 1 {
					io.WriteString(w, `{"ok":true}`)
					return
				}
				if tt.drop {
					conn, _, _ := http.NewResponseController(w).Hijack()
					conn.Close()
					return
				}
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(500)
				io.WriteString(w, `{"error":{"code":"UNEXPECTED_ERROR","message":"An unexpected error occurred. Error ID: abcdefghijabcdefghij"}}`)
			})
			var body []byte
			if tt.method == "POST" || tt.method == "PUT" {
				body = []byte(`{"a":1}`)
			}
			_, err := client.Restlets.Call(t.Context(), RestletRequest{Script: "7", Deploy: "1", Method: tt.method, Body: body, Idempotent: tt.idempotent})
			if tt.unknown {
				if !errors.Is(err, ErrOutcomeUnknown) || calls.Load() != 1 {
					t.Fatalf("%v after %d calls, want ErrOutcomeUnknown after 1", err, calls.Load())
				}
				if !strings.Contains(err.Error(), "entry point may have run") || !strings.Contains(err.Error(), "RestletRequest.Idempotent") {
					t.Errorf("message %q lacks the RESTlet hint", err)
				}
				if !tt.drop && !HasCode(err, "UNEXPECTED_ERROR") {
					t.Errorf("%v: the 500's code is lost", err)
				}
				return
			}
			if err != nil || calls.Load() != 2 {
				t.Errorf("%v after %d calls, want success after 2", err, calls.Load())
			}
		})
	}
}

// TestRestletURL: without a base URL a call goes to the account's RESTlet
// host, and its signature is Oracle's own for the RESTlet example (TV-2 in
// tba/testdata): script, deploy and the other query parameters are signed.
// With a base URL, the call goes under it.
func TestRestletURL(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("tba/testdata/tba-vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vectors struct {
		Credentials struct{ Nonce, Timestamp string }
		REST        []struct{ ID, Realm, Method, URL, Signature string }
	}
	if err := json.Unmarshal(raw, &vectors); err != nil {
		t.Fatal(err)
	}
	var tv2 *struct{ ID, Realm, Method, URL, Signature string }
	for i := range vectors.REST {
		if vectors.REST[i].ID == "TV-2" {
			tv2 = &vectors.REST[i]
		}
	}
	if tv2 == nil {
		t.Fatal("no TV-2 in the vectors")
	}

	var got *http.Request
	capture := &http.Client{Transport: roundTripperFunc(func(r *http.Request) (*http.Response, error) {
		got = r
		return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(strings.NewReader("{}")), Request: r}, nil
	})}
	client, err := NewClient(WithAccount(mustAccount(tv2.Realm)), WithCredentials(testCreds), WithHTTPClient(capture))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Restlets.Call(t.Context(), RestletRequest{
		Script: "6", Deploy: "1", Method: tv2.Method,
		Params: url.Values{"customParam": {"someValue"}, "testParam": {"someOtherValue"}},
	}); err != nil {
		t.Fatal(err)
	}
	want, _ := url.Parse(tv2.URL)
	if got.URL.Scheme != want.Scheme || got.URL.Host != want.Host || got.URL.Path != want.Path || !cmp.Equal(got.URL.Query(), want.Query()) {
		t.Errorf("URL %s, want %s", got.URL, tv2.URL)
	}
	// The client's own header verifies against the URL it sent to.
	auth, err := tba.ParseAuthorization(got.Header.Get("Authorization"))
	if err != nil {
		t.Fatal(err)
	}
	if err := auth.Verify(got.Method, got.URL, nil, testCreds.ConsumerSecret, testCreds.TokenSecret); err != nil {
		t.Errorf("the client's signature does not verify: %v", err)
	}
	// Signed with Oracle's nonce and timestamp, the request it built has
	// Oracle's signature.
	signer, err := tba.NewSigner(tv2.Realm, testCreds)
	if err != nil {
		t.Fatal(err)
	}
	ts, _ := strconv.ParseInt(vectors.Credentials.Timestamp, 10, 64)
	signer.Now = func() time.Time { return time.Unix(ts, 0) }
	signer.Nonce = func() string { return vectors.Credentials.Nonce }
	header := signer.AuthorizationHeader(got.Method, got.URL, nil)
	wantSig := `oauth_signature="` + url.QueryEscape(tv2.Signature) + `"`
	if !strings.Contains(header, wantSig) {
		t.Errorf("header %s\nwant %s (Oracle's TV-2)", header, wantSig)
	}

	// With a base URL: the same base, as the emulator serves both.
	client, err = NewClient(WithAccount(testAccount), WithCredentials(testCreds), WithHTTPClient(capture), WithBaseURL("http://127.0.0.1:9/proxy"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Restlets.Call(t.Context(), RestletRequest{Script: "customscript_a", Deploy: "customdeploy_a"}); err != nil {
		t.Fatal(err)
	}
	if s := got.URL.String(); s != "http://127.0.0.1:9/proxy/app/site/hosting/restlet.nl?script=customscript_a&deploy=customdeploy_a" {
		t.Errorf("URL %s", s)
	}
}

// TestParseRestletError covers the parser's edges.
func TestParseRestletError(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		body, code, message string
		ok                  bool
	}{
		{`{"error":{"code":"A","message":"m"}}`, "A", "m", true},
		{"  \n<error><code> B </code><message>two words</message></error>\n", "B", "two words", true},
		{"error code: C error message: it broke: error message: twice", "C", "it broke: error message: twice", true},
		{"error code: D", "D", "", true},
		{`{"error":{"message":"no code"}}`, "", "", false},
		{`{"type":"x","status":400}`, "", "", false},
		{"<html><title>502</title></html>", "", "", false},
		{"error code:  error message: empty code", "", "", false},
		{"error code: two words error message: x", "", "", false},
		{"Bad Gateway", "", "", false},
		{"", "", "", false},
	} {
		code, message, ok := parseRestletError([]byte(tt.body))
		if code != tt.code || message != tt.message || ok != tt.ok {
			t.Errorf("%q: %q %q %v, want %q %q %v", tt.body, code, message, ok, tt.code, tt.message, tt.ok)
		}
	}
}

// FuzzParseRestletError: the parser never panics, a code it returns is one
// word, and a JSON error it reads back is the one written.
func FuzzParseRestletError(f *testing.F) {
	for _, s := range []string{
		`{ "error": { "code":"SSS_INVALID_SCRIPTLET_ID", "message":"That Suitelet is invalid, disabled, or no longer exists." } }`,
		`<error> <code>SSS_INVALID_SCRIPTLET_ID</code> <message>That Suitelet is invalid.</message> </error>`,
		`error code: SSS_INVALID_SCRIPTLET_ID error message: That Suitelet is invalid.`,
		`{"type":"t","title":"Bad Request","status":400,"o:errorDetails":[]}`,
		"<error><code>&amp;</code></error>",
		"error code: X\nerror message: \xff",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		code, message, ok := parseRestletError(data)
		if !ok {
			if code != "" || message != "" {
				t.Fatalf("not ok, but code %q message %q", code, message)
			}
			return
		}
		if code == "" {
			t.Fatal("ok with an empty code")
		}
		if bytes.HasPrefix(bytes.TrimSpace(data), []byte("error code:")) && strings.ContainsAny(code, " \t\r\n") {
			t.Fatalf("text code %q is not one word", code)
		}
		// What JSON writes, the parser reads back.
		if !utf8.ValidString(code + message) {
			return // JSON would replace the invalid bytes
		}
		b, err := json.Marshal(map[string]any{"error": map[string]string{"code": code, "message": message}})
		if err != nil {
			t.Fatal(err)
		}
		c2, m2, ok2 := parseRestletError(b)
		if !ok2 || c2 != code || m2 != message {
			t.Fatalf("round trip of %q %q: %q %q %v", code, message, c2, m2, ok2)
		}
	})
}
