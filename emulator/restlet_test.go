package emulator

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/nsconnect/nsconnect/emulator/internal/account"
)

// restletAccount is the demo account with more RESTlets: a fixed answer, a
// SuiteQL query, a deployment in Testing, and one for another role.
func restletAccount(t *testing.T) []byte {
	t.Helper()
	a := account.Demo()
	a.Roles = append(a.Roles, account.Role{ID: "1002", Name: "Clerk"})
	a.Restlets = append(a.Restlets,
		account.Restlet{
			ScriptID: "customscript_ping", ID: 201, Name: "ping", Methods: []string{"GET"},
			Handler: account.RestletHandler{Fixed: &account.FixedResponse{Status: 202, ContentType: "text/csv", Body: "a,b\n1,2\n"}},
			Deployments: []account.Deployment{
				{ScriptID: "customdeploy_ping", ID: 1, Status: account.Released},
				{ScriptID: "customdeploy_ping_testing", ID: 2, Status: account.Testing},
				{ScriptID: "customdeploy_ping_clerk", ID: 3, Status: account.Released, Roles: []string{"Clerk"}},
			},
		},
		account.Restlet{
			ScriptID: "customscript_customer", ID: 202, Methods: []string{"GET"},
			Handler:     account.RestletHandler{SuiteQL: &account.RestletQuery{Query: "SELECT id, companyname FROM customer WHERE id = ? ORDER BY id", Params: []string{"id"}}},
			Deployments: []account.Deployment{{ScriptID: "customdeploy_customer", ID: 1, Status: account.Released}},
		},
		account.Restlet{
			ScriptID: "customscript_bad_query", ID: 203, Methods: []string{"GET"},
			Handler:     account.RestletHandler{SuiteQL: &account.RestletQuery{Query: "SELECT nosuchcolumn FROM customer"}},
			Deployments: []account.Deployment{{ScriptID: "customdeploy_bad_query", ID: 1, Status: account.Released}},
		},
	)
	data, err := account.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

const (
	echoURL  = RestletPath + "?script=customscript_nsconnect_echo&deploy=customdeploy_nsconnect_echo"
	jsonType = "application/json"
	text     = "text/plain"
	xmlType  = "application/xml"
)

// TestRestletAnswers: every status case of a RESTlet call, with its body in
// the request's format.
func TestRestletAnswers(t *testing.T) {
	t.Parallel()
	var calls sync.Map
	s := newTestServer(t, Options{NoListener: true, AccountYAML: restletAccount(t), RestletHandlers: map[RestletID]RestletHandler{
		{"customscript_go", "customdeploy_go"}: func(_ context.Context, c *RestletCall) (*RestletReply, error) {
			calls.Store("call", c)
			switch c.Params.Get("fail") {
			case "script":
				return nil, &RestletError{Code: "CUSTOM_ERROR", Message: "bad <input> & more"}
			case "go":
				return nil, errors.New("a bug")
			case "nothing":
				return nil, nil
			}
			return &RestletReply{Status: 201, Body: []byte(`{"go":true}`)}, nil
		},
		// By the declared script's internal ID: it replaces the fixed answer.
		{"201", "3"}: func(context.Context, *RestletCall) (*RestletReply, error) {
			return &RestletReply{ContentType: "text/plain", Body: []byte("from Go")}, nil
		},
	}})
	c := signedClient(t, s, nil)
	const unknown = "That Suitelet is invalid, disabled, or no longer exists."
	for _, tt := range []struct {
		name, method, path, contentType, body string
		wantStatus                            int
		wantType, wantBody                    string
	}{
		{"echo GET", "GET", echoURL + "&b=2&a=x%20y&a=second", jsonType, "", 200, jsonType, `{"method":"GET","query":{"a":"x y","b":"2"},"body":null}`},
		{"echo POST JSON", "POST", echoURL, jsonType, `{"n": [1, 2]}`, 200, jsonType, `{"method":"POST","query":{},"body":{"n":[1,2]}}`},
		{"echo PUT text", "PUT", echoURL, text, "hello", 200, text, `{"method":"PUT","query":{},"body":"hello"}`},
		{"echo DELETE XML", "DELETE", echoURL + "&id=7", xmlType + "; charset=utf-8", "", 200, xmlType, `{"method":"DELETE","query":{"id":"7"},"body":null}`},
		{"by internal IDs", "GET", RestletPath + "?script=101&deploy=1", jsonType, "", 200, jsonType, `{"method":"GET","query":{},"body":null}`},
		{"script ID in another case", "GET", RestletPath + "?script=CUSTOMSCRIPT_NSCONNECT_ECHO&deploy=1", jsonType, "", 200, jsonType, `{"method":"GET","query":{},"body":null}`},
		{"unknown script JSON", "GET", RestletPath + "?script=999&deploy=1", jsonType, "", 400, jsonType, `{ "error": { "code":"SSS_INVALID_SCRIPTLET_ID", "message":"` + unknown + `" } }`},
		{"unknown script XML", "GET", RestletPath + "?script=999&deploy=1", xmlType, "", 400, xmlType, `<error> <code>SSS_INVALID_SCRIPTLET_ID</code> <message>` + unknown + `</message> </error>`},
		{"unknown script text", "GET", RestletPath + "?script=999&deploy=1", text, "", 400, text, `error code: SSS_INVALID_SCRIPTLET_ID error message: ` + unknown},
		{"unknown deployment", "GET", RestletPath + "?script=101&deploy=9", jsonType, "", 400, jsonType, `{ "error": { "code":"SSS_INVALID_SCRIPTLET_ID", "message":"` + unknown + `" } }`},
		{"no script", "GET", RestletPath, jsonType, "", 400, jsonType, `{ "error": { "code":"SSS_INVALID_SCRIPTLET_ID", "message":"` + unknown + `" } }`},
		{"deployment in Testing", "GET", RestletPath + "?script=customscript_ping&deploy=customdeploy_ping_testing", jsonType, "", 400, jsonType, `{ "error": { "code":"SSS_INVALID_SCRIPTLET_ID", "message":"` + unknown + `" } }`},
		{"role not in the audience", "GET", RestletPath + "?script=customscript_ping&deploy=customdeploy_ping_clerk", text, "", 403, text,
			"error code: INSUFFICIENT_PERMISSION error message: The role nsconnect Integration may not run the deployment customdeploy_ping_clerk: it is not in the deployment's audience."},
		{"no entry point", "POST", RestletPath + "?script=customscript_ping&deploy=1", jsonType, "{}", 405, jsonType, `{ "error": { "code":"METHOD_NOT_ALLOWED", "message":"The script customscript_ping has no post entry point." } }`},
		{"GET with a body", "GET", echoURL, jsonType, `{"a":1}`, 400, jsonType, `{ "error": { "code":"INVALID_REQUEST", "message":"A GET request cannot have a body: send its input as query parameters." } }`},
		{"DELETE with a body", "DELETE", echoURL, text, "x", 400, text, "error code: INVALID_REQUEST error message: A DELETE request cannot have a body: send its input as query parameters."},
		{"bad JSON", "POST", echoURL, jsonType, `{"a":`, 400, jsonType, `{ "error": { "code":"INVALID_REQUEST", "message":"The request body is not valid JSON." } }`},
		{"no Content-Type", "GET", echoURL, "", "", 415, text, `error code: INVALID_REQUEST error message: Content-Type "" is not supported: send application/json, application/xml or text/plain.`},
		{"form Content-Type", "POST", echoURL, "application/x-www-form-urlencoded", "a=1", 415, text, `error code: INVALID_REQUEST error message: Content-Type "application/x-www-form-urlencoded" is not supported: send application/json, application/xml or text/plain.`},
		{"Content-Type in another case", "GET", echoURL, "Application/JSON", "", 415, text, `error code: INVALID_REQUEST error message: Content-Type "Application/JSON" is not supported: send application/json, application/xml or text/plain.`},
		{"fixed", "GET", RestletPath + "?script=customscript_ping&deploy=1", jsonType, "", 202, "text/csv", "a,b\n1,2\n"},
		{"suiteql", "GET", RestletPath + "?script=customscript_customer&deploy=1&id=20", jsonType, "", 200, jsonType, `[{"id":"20","companyname":"Cedar Trading Company Inc."}]`},
		{"suiteql no row", "GET", RestletPath + "?script=customscript_customer&deploy=1&id=99999", jsonType, "", 200, jsonType, `[]`},
		{"suiteql missing param", "GET", RestletPath + "?script=customscript_customer&deploy=1", jsonType, "", 200, jsonType, `[]`},
		{"Go handler", "PUT", RestletPath + "?script=customscript_go&deploy=customdeploy_go&x=1", jsonType, `{"a":1}`, 201, jsonType, `{"go":true}`},
		{"Go handler in place of a declared one", "GET", RestletPath + "?script=customscript_ping&deploy=customdeploy_ping_clerk", jsonType, "", 403, jsonType, ""},
		{"Go handler returning nothing", "GET", RestletPath + "?script=customscript_go&deploy=customdeploy_go&fail=nothing", text, "", 200, text, ""},
		{"Go script error", "GET", RestletPath + "?script=customscript_go&deploy=customdeploy_go&fail=script", xmlType, "", 400, xmlType, `<error> <code>CUSTOM_ERROR</code> <message>bad &lt;input&gt; &amp; more</message> </error>`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var body any
			if tt.body != "" {
				body = []byte(tt.body)
			}
			header := http.Header{}
			if tt.contentType != "" {
				header.Set("Content-Type", tt.contentType)
			}
			status, h, got := doWith(t, c, tt.method, s.URL()+tt.path, header, body)
			if status != tt.wantStatus || h.Get("Content-Type") != tt.wantType || tt.wantBody != "" && string(got) != tt.wantBody {
				t.Errorf("%d %s %s\nwant %d %s %s", status, h.Get("Content-Type"), got, tt.wantStatus, tt.wantType, tt.wantBody)
			}
			if tt.wantStatus == 405 && h.Get("Allow") != "GET" {
				t.Errorf("Allow %q, want the entry points", h.Get("Allow"))
			}
		})
	}
	v, _ := calls.Load("call")
	call, _ := v.(*RestletCall)
	if call == nil || call.Role != account.DemoRole || call.User != account.DemoUserEmail || call.ContentType != xmlType || call.Params.Get("fail") != "script" || call.Params.Has("script") {
		t.Errorf("the Go handler was given %+v", call)
	}
	status, _, got := doWith(t, c, "GET", s.URL()+RestletPath+"?script=customscript_go&deploy=customdeploy_go&fail=go", http.Header{"Content-Type": {jsonType}}, nil)
	if status != 500 || !strings.HasPrefix(string(got), `{ "error": { "code":"UNEXPECTED_ERROR", "message":"An unexpected error occurred. Error ID: `) {
		t.Errorf("a Go handler's own error: %d %s", status, got)
	}
	status, _, got = doWith(t, c, "GET", s.URL()+RestletPath+"?script=customscript_bad_query&deploy=1", http.Header{"Content-Type": {jsonType}}, nil)
	if status != 400 || !strings.Contains(string(got), `"code":"INVALID_PARAMETER"`) || !strings.Contains(string(got), "nosuchcolumn") {
		t.Errorf("a query SuiteQL refuses: %d %s", status, got)
	}
}

// TestRestletLogin: a refused login is 401 INVALID_LOGIN_ATTEMPT in the
// request's format, with the reason in the audit trail as a RESTlet login.
func TestRestletLogin(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoListener: true, NoSeed: true})
	for _, tt := range []struct{ contentType, want string }{
		{jsonType, `{ "error": { "code":"INVALID_LOGIN_ATTEMPT", "message":"Invalid login attempt." } }`},
		{text, `error code: INVALID_LOGIN_ATTEMPT error message: Invalid login attempt.`},
	} {
		status, h, got := doWith(t, s.HTTPClient(), "GET", s.URL()+echoURL, http.Header{"Content-Type": {tt.contentType}}, nil)
		if status != 401 || string(got) != tt.want || h.Get("Content-Type") != tt.contentType {
			t.Errorf("%d %s %s, want 401 %s", status, h.Get("Content-Type"), got, tt.want)
		}
		if e := lastAudit(t, s); e["kind"] != "RESTlet" || e["status"] != "Failure" {
			t.Errorf("audit entry %v", e)
		}
	}
}

// TestRestletGovernance: RESTlet calls share the account's concurrency
// limit with REST web services, and one over it is 400
// SSS_REQUEST_LIMIT_EXCEEDED; faults are answered in the RESTlet format.
func TestRestletGovernance(t *testing.T) {
	t.Parallel()
	entered, release := make(chan struct{}), make(chan struct{})
	s := newTestServer(t, Options{NoListener: true, NoSeed: true, Concurrency: 1, RestletHandlers: map[RestletID]RestletHandler{
		{"customscript_hold", "customdeploy_hold"}: func(context.Context, *RestletCall) (*RestletReply, error) {
			close(entered)
			<-release
			return &RestletReply{Body: []byte("{}")}, nil
		},
	}})
	c := signedClient(t, s, nil)
	done := make(chan int)
	go func() {
		status, _, _ := doWith(t, c, "GET", s.URL()+RestletPath+"?script=customscript_hold&deploy=customdeploy_hold", http.Header{"Content-Type": {jsonType}}, nil)
		done <- status
	}()
	<-entered
	status, _, got := doWith(t, c, "GET", s.URL()+echoURL, http.Header{"Content-Type": {jsonType}}, nil)
	if want := `{ "error": { "code":"SSS_REQUEST_LIMIT_EXCEEDED", "message":"Concurrent request limit exceeded. Request blocked." } }`; status != 400 || string(got) != want {
		t.Errorf("over the limit: %d %s, want 400 %s", status, got, want)
	}
	status, _, _ = do(t, c, "GET", s.URL()+"/services/rest/system/v1/serverTime", nil)
	if status != 429 {
		t.Errorf("REST over the limit a RESTlet holds: %d, want 429", status)
	}
	close(release)
	if status := <-done; status != 200 {
		t.Errorf("the held call: %d", status)
	}

	for _, tt := range []struct {
		faults     Faults
		wantStatus int
		wantCode   string
	}{
		{Faults{Rate500: 1}, 500, "UNEXPECTED_ERROR"},
		{Faults{Rate429: 1}, 400, "SSS_REQUEST_LIMIT_EXCEEDED"},
		{Faults{Rate500After: 1}, 500, "UNEXPECTED_ERROR"},
	} {
		if err := s.SetGovernance(Governance{ConcurrencyLimit: 5, Faults: tt.faults}); err != nil {
			t.Fatal(err)
		}
		status, h, got := doWith(t, c, "POST", s.URL()+echoURL, http.Header{"Content-Type": {text}}, []byte("x"))
		if status != tt.wantStatus || h.Get("Content-Type") != text || !strings.HasPrefix(string(got), "error code: "+tt.wantCode+" error message: ") {
			t.Errorf("%v: %d %s %s, want %d %s", tt.faults, status, h.Get("Content-Type"), got, tt.wantStatus, tt.wantCode)
		}
	}
}

// TestRestletHandlerOptions: a Go handler needs a script, a deployment and
// a function.
func TestRestletHandlerOptions(t *testing.T) {
	t.Parallel()
	for _, id := range []RestletID{{"", "customdeploy_a"}, {"customscript_a", ""}} {
		_, err := NewServer(Options{NoListener: true, NoSeed: true, RestletHandlers: map[RestletID]RestletHandler{id: echoHandler}})
		if err == nil || !strings.Contains(err.Error(), "Options.RestletHandlers") {
			t.Errorf("%+v: %v", id, err)
		}
	}
	if _, err := NewServer(Options{NoListener: true, NoSeed: true, RestletHandlers: map[RestletID]RestletHandler{{"a", "b"}: nil}}); err == nil {
		t.Error("a nil handler was accepted")
	}
}

func echoHandler(_ context.Context, c *RestletCall) (*RestletReply, error) { return echo(c) }

// TestRestletBearer: an OAuth 2.0 bearer token calls a RESTlet when it
// carries the restlets scope, as the REST paths need rest_webservices; a
// refusal is the RESTlet's 401 with the bearer challenge.
func TestRestletBearer(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoListener: true, NoSeed: true})
	token := func(scopes ...string) string {
		code, _, m := exchange(t, s, es256(t, demoSigner(t), DemoCertificateID, s.URL()+tokenPath, s.clock.Now(), scopes...))
		if code != http.StatusOK {
			t.Fatalf("token endpoint: %d %v", code, m)
		}
		return m["access_token"].(string)
	}
	call := func(tok string) (int, http.Header, []byte) {
		return doWith(t, s.HTTPClient(), "GET", s.URL()+echoURL+"&id=7", http.Header{"Authorization": {"Bearer " + tok}, "Content-Type": {jsonType}}, nil)
	}
	const refused = `{ "error": { "code":"INVALID_LOGIN_ATTEMPT", "message":"Invalid login attempt." } }`
	for _, tt := range []struct {
		scopes        []string
		restlet, rest int
	}{
		{[]string{"restlets", "rest_webservices"}, 200, 200},
		{[]string{"restlets"}, 200, 401},
		{[]string{"rest_webservices"}, 401, 200},
	} {
		tok := token(tt.scopes...)
		status, h, body := call(tok)
		if status != tt.restlet {
			t.Errorf("scopes %v: RESTlet %d %s, want %d", tt.scopes, status, body, tt.restlet)
		}
		switch {
		case status == 200 && string(body) != `{"method":"GET","query":{"id":"7"},"body":null}`:
			t.Errorf("scopes %v: echo %s", tt.scopes, body)
		case status == 401:
			if string(body) != refused || h.Get("WWW-Authenticate") != invalidToken {
				t.Errorf("scopes %v: refusal %s, challenge %q", tt.scopes, body, h.Get("WWW-Authenticate"))
			}
			if e, reason := lastReason(t, s); reason != "ScopeMismatched" || e.Kind != "RESTlet" {
				t.Errorf("scopes %v: audit %+v", tt.scopes, e)
			}
		}
		if status, _, body := bearerDo(t, s, tok, "GET", "/services/rest/system/v1/serverTime", nil); status != tt.rest {
			t.Errorf("scopes %v: REST %d %s, want %d", tt.scopes, status, body, tt.rest)
		}
	}
	status, h, body := doWith(t, s.HTTPClient(), "GET", s.URL()+echoURL, http.Header{"Authorization": {"Bearer"}, "Content-Type": {text}}, nil)
	if status != 400 || h.Get("WWW-Authenticate") != invalidHeader ||
		string(body) != "error code: INVALID_REQUEST error message: The request could not be understood by the server due to malformed syntax." {
		t.Errorf("malformed header: %d %q %s", status, h.Get("WWW-Authenticate"), body)
	}
}
