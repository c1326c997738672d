package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/emulator/emulatortest"
)

// TestRestletEndToEnd: nsconnect restlet against the emulator's echo
// RESTlet and a Go handler, over HTTP, through the real client.
func TestRestletEndToEnd(t *testing.T) {
	t.Parallel()
	h, srv := emulatorHarnessWith(t, emulator.Options{RestletHandlers: map[emulator.RestletID]emulator.RestletHandler{
		{Script: "customscript_report", Deploy: "customdeploy_report"}: func(_ context.Context, c *emulator.RestletCall) (*emulator.RestletReply, error) {
			if c.Params.Get("fail") != "" {
				return nil, &emulator.RestletError{Code: "REPORT_FAILED", Message: "no data for " + c.Params.Get("fail")}
			}
			return &emulator.RestletReply{ContentType: "application/xml", Body: []byte("<report><rows>2</rows></report>")}, nil
		},
	}})
	echo := []string{"restlet", "--script", "customscript_nsconnect_echo", "--deploy", "customdeploy_nsconnect_echo"}
	run := func(args ...string) string {
		t.Helper()
		if code := h.run(args...); code != 0 {
			t.Fatalf("%q: exit %d\n%s", args, code, h.errOut)
		}
		return h.out.String()
	}
	with := func(extra ...string) []string { return append(append([]string(nil), echo...), extra...) }

	// Piped: the answer as it came, signed with its query parameters.
	if out, want := run(with("--param", "id=7", "-p", "q=a b&c")...), `{"method":"GET","query":{"id":"7","q":"a b&c"},"body":null}`+"\n"; out != want {
		t.Errorf("GET:\n got %q\nwant %q", out, want)
	}
	// On a terminal: indented.
	h.f.IO.OutIsTTY = func() bool { return true }
	out := run(with("-X", "delete", "--param", "id=7")...)
	h.f.IO.OutIsTTY = nil
	if want := "{\n  \"method\": \"DELETE\",\n  \"query\": {\n    \"id\": \"7\"\n  },\n  \"body\": null\n}\n"; out != want {
		t.Errorf("DELETE on a terminal:\n got %q\nwant %q", out, want)
	}
	// A JSON body from stdin; --jq.
	h.in.WriteString(`{"order": {"id": 7}}`)
	if out := run(with("--method", "POST", "--file", "-", "--jq", ".body.order.id")...); out != "7\n" {
		t.Errorf("POST --jq: %q", out)
	}
	// A text body: answered as text.
	h.in.WriteString("hello")
	if out, want := run(with("-X", "PUT", "-f", "-", "--content-type", "text")...), `{"method":"PUT","query":{},"body":"hello"}`+"\n"; out != want {
		t.Errorf("PUT text:\n got %q\nwant %q", out, want)
	}
	// An XML answer is printed as it is, even on a terminal.
	h.f.IO.OutIsTTY = func() bool { return true }
	out = run("restlet", "--script", "customscript_report", "--deploy", "customdeploy_report", "--content-type", "xml")
	h.f.IO.OutIsTTY = nil
	if out != "<report><rows>2</rows></report>\n" {
		t.Errorf("XML answer: %q", out)
	}

	// --dry-run shows a POST and sends nothing.
	h.in.WriteString(`{"a": 1}`)
	out = run(with("-X", "POST", "-f", "-", "--dry-run")...)
	if all := out + h.errOut.String(); !strings.Contains(all, "POST ") || !strings.Contains(all, "script=customscript_nsconnect_echo") || strings.Contains(all, `"method"`) {
		t.Errorf("dry run: stdout %q, stderr %q", out, h.errOut)
	}

	// NetSuite's errors: the code and message, exit 1.
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"restlet", "--script", "customscript_nope", "--deploy", "1"}, "400 Bad Request: SSS_INVALID_SCRIPTLET_ID: That Suitelet is invalid, disabled, or no longer exists."},
		{[]string{"restlet", "--script", "customscript_report", "--deploy", "customdeploy_report", "--content-type", "xml", "-p", "fail=2025"}, "400 Bad Request: REPORT_FAILED: no data for 2025"},
		{with("--param", "x=1", "--jq", ".nosuch | error"), "--jq"},
	} {
		if code := h.run(tt.args...); code != ExitFailure || !strings.Contains(h.errOut.String(), tt.want) {
			t.Errorf("%q: exit %d, stderr %s\nwant %d and %q", tt.args, code, h.errOut, ExitFailure, tt.want)
		}
	}

	// Usage errors, before anything is sent.
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"restlet", "--deploy", "1"}, "--script is required"},
		{[]string{"restlet"}, "--script and --deploy are required"},
		{with("-X", "PATCH"), `--method "PATCH": a RESTlet's entry points are GET, POST, PUT and DELETE`},
		{with("--file", "x.json"), "--file: a GET takes no body; give its input as --param name=value"},
		{with("--param", "novalue"), `--param "novalue": want name=value`},
		{with("--param", "script=2"), `--param "script=2": give the script with --script`},
		{with("--content-type", "csv"), `unknown type "csv"`},
		{with("extra"), "takes no arguments"},
	} {
		if code := h.run(tt.args...); code != ExitUsage || !strings.Contains(h.errOut.String(), tt.want) {
			t.Errorf("%q: exit %d, stderr %s\nwant %d and %q", tt.args, code, h.errOut, ExitUsage, tt.want)
		}
	}

	// A refused login exits with ExitConnection, and shows no secret.
	conn, err := srv.Connection()
	if err != nil {
		t.Fatal(err)
	}
	bad := harnessFor(t, srv)
	bad.env["NETSUITE_TOKEN_SECRET"] = strings.Repeat("0", 64)
	if code := bad.run(echo...); code != ExitConnection || !strings.Contains(bad.errOut.String(), "INVALID_LOGIN_ATTEMPT") || strings.Contains(bad.errOut.String(), conn.Credentials.TokenSecret.Reveal()) {
		t.Errorf("bad secret: exit %d, stderr %s", code, bad.errOut)
	}
}

// TestRestletBearerEndToEnd: with NETSUITE_AUTH=m2m and the restlets scope,
// nsconnect restlet calls the emulator's echo with a bearer token; with
// rest_webservices alone the emulator refuses it, and the command exits
// with ExitConnection.
func TestRestletBearerEndToEnd(t *testing.T) {
	t.Parallel()
	srv := emulatortest.NewServer(t, emulator.Options{NoSeed: true})
	env := m2mEmulatorEnv(t, srv)
	for _, tt := range []struct {
		scopes string
		code   int
		want   string
	}{
		{"restlets", ExitOK, `{"method":"GET","query":{"id":"7"},"body":null}`},
		// Refused before sending: NetSuite's answer would be a 401 naming
		// no cause (ScopeMismatched in its audit trail).
		{"rest_webservices", ExitFailure, "needs the OAuth 2.0 scope restlets, and the client's tokens carry rest_webservices: add restlets"},
	} {
		h := newHarness(t, env)
		h.env["NETSUITE_SCOPES"] = tt.scopes
		code := h.run("restlet", "--script", "customscript_nsconnect_echo", "--deploy", "customdeploy_nsconnect_echo", "-p", "id=7")
		if code != tt.code || !strings.Contains(h.out.String()+h.errOut.String(), tt.want) {
			t.Errorf("scopes %s: exit %d, stdout %s, stderr %s; want %d and %q", tt.scopes, code, h.out, h.errOut, tt.code, tt.want)
		}
	}
}
