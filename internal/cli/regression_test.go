package cli

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/netsuite"
)

// Bad flag values and wrong arguments exit 2, as --help promises; they
// used to exit 1.
func TestUsageErrorsExitTwo(t *testing.T) {
	t.Parallel()
	h, _ := sharedEmulatorHarness(t)
	h.writeConfig("profiles:\n  sandbox:\n    account_id: 1234567_SB1\n")
	for _, args := range [][]string{
		{"record", "get", "customer", "1", "--concurrency", "abc"},
		{"record", "get", "customer", "1", "--timezone", "PST"},
		{"record", "get", "customer", "1", "--profile", "nosuch"},
		{"config", "show", "--timezone", "PST"},
		{"record", "get", "customer", "1", "--bogus"},
		{"record", "get", "customer"},
		{"record", "list", "customer", "--limit", "5000"},
		{"record", "update", "customer", "1", "--set", "memo=x", "--mode", "apend"},
	} {
		code := h.run(args...)
		if code != ExitUsage || !strings.Contains(h.errOut.String(), "Try 'nsconnect ") {
			t.Errorf("%v: exit %d, want %d; stderr:\n%s", args, code, ExitUsage, h.errOut)
		}
	}
}

// Errors are told in the CLI's words with the fix, never with Go
// identifiers (ListOptions.Limit, see ExternalID, netsuite: update mode).
func TestErrorsInCLIWords(t *testing.T) {
	t.Parallel()
	h, _ := sharedEmulatorHarness(t)
	for _, tt := range []struct {
		args []string
		says string
	}{
		{[]string{"record", "list", "customer", "--limit", "5000"}, "--limit 5000: a page holds 1 to 1000 records; use --all"},
		{[]string{"record", "get", "customer", "abc"}, `record ID "abc" is neither an internal ID (digits, such as 107) nor an external ID (eid: and the external ID, such as eid:CUST-0001)`},
		{[]string{"record", "update", "customer", "1", "--set", "memo=x", "--mode", "apend"}, `unknown mode "apend"; did you mean "append"?`},
		{[]string{"record", "get", "customer", "999999"}, "NetSuite refused GET"},
	} {
		h.run(tt.args...)
		msg := h.errOut.String()
		if !strings.Contains(msg, tt.says) {
			t.Errorf("%v: stderr %q lacks %q", tt.args, msg, tt.says)
		}
		for _, goName := range []string{"ListOptions", "ExternalID", "netsuite:", "UpdateMode", "*netsuite"} {
			if strings.Contains(msg, goName) {
				t.Errorf("%v: stderr names %q: %s", tt.args, goName, msg)
			}
		}
	}
}

// Typos in record types, field names, flag values and profiles get a
// "did you mean".
func TestDidYouMean(t *testing.T) {
	t.Parallel()
	h, _ := sharedEmulatorHarness(t)
	h.writeConfig("profiles:\n  sandbox:\n    account_id: 1234567_SB1\n")
	for _, tt := range []struct {
		args []string
		says string
	}{
		{[]string{"record", "get", "custmer", "1"}, `unknown record type "custmer"; did you mean "customer"?`},
		{[]string{"record", "list", "custmer"}, `unknown record type "custmer"; did you mean "customer"?`},
		{[]string{"record", "delete", "custmer", "1", "--yes"}, `unknown record type "custmer"; did you mean "customer"?`},
		{[]string{"record", "create", "custmer", "--set", "companyName=A"}, `unknown record type "custmer"; did you mean "customer"?`},
		{[]string{"record", "get", "customer", "1", "--fields", "compnyName"}, `customer has no field "compnyName"; did you mean "companyName"?`},
		{[]string{"record", "create", "customer", "--set", "compnyName=A"}, `did you mean "companyName"?`},
		{[]string{"record", "get", "customer", "1", "-o", "yamll"}, `did you mean "yaml"?`},
		{[]string{"record", "update", "customer", "1", "--set", "a=b", "--mode", "replase"}, `did you mean "replace"?`},
		{[]string{"config", "show", "--profile", "sandbx"}, `did you mean "sandbox"?`},
	} {
		h.run(tt.args...)
		if !strings.Contains(h.errOut.String(), tt.says) {
			t.Errorf("%v: stderr %q lacks %q", tt.args, h.errOut, tt.says)
		}
	}
}

// endless is an input that never ends, as /dev/zero or a stuck pipe.
type endless struct{ b byte }

func (e endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = e.b
	}
	return len(p), nil
}

// --file /dev/zero and an endless stdin used to be read whole until the
// machine killed the process; now the body is decoded as a stream that
// stops at NetSuite's 104 MB request limit.
func TestFileReadIsLimited(t *testing.T) {
	t.Parallel()
	h, _ := sharedEmulatorHarness(t)
	if _, err := os.Stat("/dev/zero"); err == nil {
		start := time.Now()
		code := h.run("record", "create", "customer", "--file", "/dev/zero")
		if code != ExitFailure || !strings.Contains(h.errOut.String(), "line 1, column 1") || time.Since(start) > 5*time.Second {
			t.Errorf("--file /dev/zero: exit %d after %s: %s", code, time.Since(start), h.errOut)
		}
	}
	// A regular file over the limit is refused from its size, unread.
	big := filepath.Join(t.TempDir(), "big.json")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(maxBodyBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if code := h.run("record", "create", "customer", "--file", big); code != ExitFailure || !strings.Contains(h.errOut.String(), "larger than 104 MB") {
		t.Errorf("--file big: exit %d: %s", code, h.errOut)
	}
	// An endless stdin of valid JSON whitespace stops at the limit.
	body := netsuite.Record{}
	err = decodeBody(&limitedReader{r: endless{' '}, n: 1 << 20}, &body)
	if err != errBodyTooLarge {
		t.Errorf("endless stdin: %v", err)
	}
	err = decodeBody(&limitedReader{r: io.MultiReader(strings.NewReader(`{"a":1}`), endless{' '}), n: 1 << 20}, &body)
	if err != errBodyTooLarge {
		t.Errorf("endless stdin after the object: %v", err)
	}
}

// A refused connection to a dead local address fails at once, with the
// fix, instead of waiting ~8.5 s through five retries in silence.
func TestConnectionRefusedFailsFast(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	env := map[string]string{}
	for k, v := range sandboxEnv {
		env[k] = v
	}
	env["NETSUITE_BASE_URL"] = "http://" + addr
	h := newHarness(t, env)
	start := time.Now()
	code := h.run("record", "get", "customer", "1")
	if code != ExitConnection || !strings.Contains(h.errOut.String(), "the connection was refused, so nothing is listening there") || strings.Contains(h.errOut.String(), "retrying") {
		t.Errorf("exit %d: %s", code, h.errOut)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %s", d)
	}
}

// frontOf returns the URL of a proxy in front of srv: answer answers a
// request itself when it returns true, else the emulator does.
func frontOf(t *testing.T, srv *emulator.Server, answer func(http.ResponseWriter, *http.Request) bool) string {
	t.Helper()
	target, err := url.Parse(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !answer(w, r) {
			proxy.ServeHTTP(w, r)
		}
	}))
	t.Cleanup(front.Close)
	return front.URL
}

// Retry waits are shown on stderr without -v.
func TestRetryWaitsAreVisible(t *testing.T) {
	t.Parallel()
	h, srv := sharedEmulatorHarness(t)
	var n atomic.Int32
	h.env["NETSUITE_BASE_URL"] = frontOf(t, srv, func(w http.ResponseWriter, r *http.Request) bool {
		if strings.Contains(r.URL.Path, "/record/v1/customer/") && n.Add(1) == 1 {
			w.Header().Set("Content-Type", "application/vnd.oracle.resource+json; type=error")
			w.WriteHeader(429)
			io.WriteString(w, `{"type":"https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html","title":"Too Many Requests","status":429,"o:errorDetails":[{"detail":"Concurrent request limit exceeded. Request blocked.","o:errorCode":"CONCURRENCY_LIMIT_EXCEEDED"}]}`)
			return true
		}
		return false
	})
	if code := h.run("record", "get", "customer", "eid:CUST-0001"); code != 0 {
		t.Fatalf("exit %d: %s", code, h.errOut)
	}
	if !strings.Contains(h.errOut.String(), "NetSuite is at its concurrency limit; retrying in ") || !strings.Contains(h.errOut.String(), "(retry 1 of 5)") {
		t.Errorf("stderr: %q", h.errOut)
	}
	n.Store(0)
	h.run("record", "get", "customer", "eid:CUST-0001", "--quiet")
	if strings.Contains(h.errOut.String(), "retrying") {
		t.Errorf("--quiet still shows: %q", h.errOut)
	}
}

// -v shows the request and response headers and bodies, credentials
// redacted.
func TestVerboseShowsRedactedExchange(t *testing.T) {
	t.Parallel()
	h, _ := emulatorHarness(t)
	if code := h.run("record", "create", "customer", "--set", "companyName=Verbose Co", "--set", "subsidiary.id=1", "-v"); code != 0 {
		t.Fatalf("exit %d: %s", code, h.errOut)
	}
	out := h.errOut.String()
	for _, want := range []string{"> POST http://", "> Authorization: [REDACTED]", `> {"companyName":"Verbose Co"`, "< HTTP/1.1 204 No Content", "< Location: ", "< HTTP/1.1 200 OK", `< {"`} {
		if !strings.Contains(out, want) {
			t.Errorf("-v output lacks %q", want)
		}
	}
	for _, k := range []string{"NETSUITE_CONSUMER_KEY", "NETSUITE_CONSUMER_SECRET", "NETSUITE_TOKEN_ID", "NETSUITE_TOKEN_SECRET"} {
		if strings.Contains(out, h.env[k]) {
			t.Errorf("-v shows %s", k)
		}
	}
	if strings.Contains(out, "oauth_signature") {
		t.Error("-v shows the signature")
	}
}

// -o yaml and --jq work on every data command.
func TestOutputYAMLAndJQ(t *testing.T) {
	t.Parallel()
	h, _ := sharedEmulatorHarness(t)
	if code := h.run("record", "get", "customer", "eid:CUST-0001", "-o", "yaml"); code != 0 || !strings.Contains(h.out.String(), "companyName: Meadowbrook Garden Center Inc.\n") {
		t.Errorf("yaml: %d %s %s", code, h.out, h.errOut)
	}
	if code := h.run("record", "get", "customer", "eid:CUST-0001", "--jq", ".companyName"); code != 0 || h.out.String() != "Meadowbrook Garden Center Inc.\n" {
		t.Errorf("--jq: %d %q %s", code, h.out, h.errOut)
	}
	if code := h.run("record", "list", "customer", "--limit", "2", "--jq", ".id"); code != 0 || len(strings.Fields(h.out.String())) != 2 {
		t.Errorf("list --jq: %d %q %s", code, h.out, h.errOut)
	}
	if code := h.run("record", "list", "customer", "--limit", "2", "-o", "json", "--jq", ".ids | length"); code != 0 || h.out.String() != "2\n" {
		t.Errorf("list -o json --jq: %d %q %s", code, h.out, h.errOut)
	}
	if code := h.run("version", "-o", "yaml"); code != 0 || !strings.Contains(h.out.String(), "version: devel") {
		t.Errorf("version yaml: %d %q", code, h.out)
	}
}

// --dry-run shows the request, redacted, and sends no write.
func TestDryRunSendsNothing(t *testing.T) {
	t.Parallel()
	h, _ := sharedEmulatorHarness(t)
	count := func() string {
		h.run("record", "list", "customer", "--limit", "1")
		return h.errOut.String()
	}
	before := count()
	for _, args := range [][]string{
		{"record", "create", "customer", "--set", "companyName=Dry Co", "--set", "subsidiary.id=1", "--dry-run"},
		{"record", "upsert", "customer", "DRY-1", "--set", "companyName=Dry Co", "--set", "subsidiary.id=1", "--dry-run"},
		{"record", "update", "customer", "eid:CUST-0001", "--set", "companyName=Changed", "--mode", "replace", "--dry-run"},
		{"record", "delete", "customer", "eid:CUST-0001", "--dry-run"},
	} {
		if code := h.run(args...); code != 0 || !strings.Contains(h.out.String(), "Authorization: [REDACTED]") || !strings.Contains(h.errOut.String(), "Dry run") {
			t.Errorf("%v: exit %d\n%s\n%s", args, code, h.out, h.errOut)
		}
		if strings.Contains(h.out.String(), h.env["NETSUITE_TOKEN_ID"]) || strings.Contains(h.out.String(), h.env["NETSUITE_CONSUMER_KEY"]) {
			t.Errorf("%v shows a credential", args)
		}
	}
	if after := count(); after != before {
		t.Errorf("customers before %q, after %q", before, after)
	}
	h.run("record", "get", "customer", "eid:CUST-0001", "--jq", ".companyName")
	if h.out.String() != "Meadowbrook Garden Center Inc.\n" {
		t.Errorf("the dry runs changed the record: %q", h.out)
	}
}

// Delete and update --mode replace ask on a terminal; --yes skips the
// question; without a terminal they go ahead.
func TestConfirmBeforeDeleteAndReplace(t *testing.T) {
	t.Parallel()
	h, _ := emulatorHarness(t)
	h.run("record", "create", "customer", "--set", "companyName=Confirm Co", "--set", "subsidiary.id=1", "-o", "json", "--jq", ".id")
	id := strings.TrimSpace(h.out.String())
	h.f.IO.IsTTY = func() bool { return true }
	h.in.WriteString("n\n")
	if code := h.run("record", "delete", "customer", id); code != ExitFailure || !strings.Contains(h.errOut.String(), "Delete customer "+id+"? This cannot be undone. [y/N]") || !strings.Contains(h.errOut.String(), "cancelled") {
		t.Errorf("delete, answered n: exit %d: %s", code, h.errOut)
	}
	h.in.WriteString("n\n")
	if code := h.run("record", "update", "customer", id, "--set", "companyName=X", "--mode", "replace"); code != ExitFailure || !strings.Contains(h.errOut.String(), "Replace the sublist lines") {
		t.Errorf("update --mode replace, answered n: exit %d: %s", code, h.errOut)
	}
	if code := h.run("record", "get", "customer", id, "--jq", ".companyName"); code != 0 || h.out.String() != "Confirm Co\n" {
		t.Errorf("the record changed after answering n: %q", h.out)
	}
	h.in.WriteString("y\n")
	if code := h.run("record", "update", "customer", id, "--set", "companyName=Y", "--mode", "replace"); code != 0 {
		t.Errorf("update, answered y: exit %d: %s", code, h.errOut)
	}
	if code := h.run("record", "delete", "customer", id, "--yes"); code != 0 || strings.Contains(h.errOut.String(), "[y/N]") {
		t.Errorf("delete --yes: exit %d: %s", code, h.errOut)
	}
}

// --set values take the type of their field in the metadata: a phone
// number stays text; a number field refuses text.
func TestSetTypedBySchema(t *testing.T) {
	t.Parallel()
	h, _ := sharedEmulatorHarness(t)
	if code := h.run("record", "create", "customer", "--set", "companyName=Typed Co", "--set", "phone=5035550199", "--set", "subsidiary.id=1", "--dry-run"); code != 0 {
		t.Fatalf("exit %d: %s", code, h.errOut)
	}
	body := h.out.String()[strings.Index(h.out.String(), "{"):]
	var rec map[string]any
	if err := json.Unmarshal([]byte(body), &rec); err != nil || rec["phone"] != "5035550199" {
		t.Errorf("phone sent as %#v (%v)", rec["phone"], err)
	}
	if code := h.run("record", "create", "customer", "--set", "companyName=1234", "--set", "creditLimit=lots", "--set", "subsidiary.id=1"); code != ExitFailure || !strings.Contains(h.errOut.String(), "customer.creditLimit is a number field") {
		t.Errorf("creditLimit=lots: exit %d: %s", code, h.errOut)
	}
	// A reference takes an internal ID; a datetime is read in the account
	// timezone and sent in UTC; a date is YYYY-MM-DD.
	if code := h.run("record", "create", "customer", "--timezone", "America/New_York", "--set", "companyName=Dated Co", "--set", "subsidiary=1",
		"--set", "firstVisit=2026-11-01 10:00", "--set", "startDate=2026-03-08", "--dry-run"); code != 0 {
		t.Fatalf("exit %d: %s", code, h.errOut)
	}
	body = h.out.String()[strings.Index(h.out.String(), "{"):]
	if err := json.Unmarshal([]byte(body), &rec); err != nil || rec["firstVisit"] != "2026-11-01T15:00:00Z" || rec["startDate"] != "2026-03-08" || !reflect.DeepEqual(rec["subsidiary"], map[string]any{"id": "1"}) {
		t.Errorf("sent %s (%v)", body, err)
	}
	if code := h.run("record", "create", "customer", "--set", "companyName=Dated Co", "--set", "startDate=3/8/2026", "--set", "subsidiary.id=1"); code != ExitFailure || !strings.Contains(h.errOut.String(), `"3/8/2026" is not a date`) {
		t.Errorf("startDate=3/8/2026: exit %d: %s", code, h.errOut)
	}
}

// The completion command is visible and completes record types (cached),
// profiles and flag values; --version prints the version.
func TestCompletionAndVersion(t *testing.T) {
	t.Parallel()
	h, _ := sharedEmulatorHarness(t)
	cache := t.TempDir()
	h.f.CacheDir = func() (string, error) { return cache, nil }
	h.writeConfig("profiles:\n  sandbox:\n    account_id: 1234567_SB1\n  production:\n    account_id: 1234567\n")
	if code := h.run("__complete", "record", "get", "custo"); code != 0 || !strings.Contains(h.out.String(), "customer\n") {
		t.Errorf("record types: %d %q %s", code, h.out, h.errOut)
	}
	files, _ := filepath.Glob(filepath.Join(cache, "nsconnect", "record-types-*.json"))
	if len(files) != 1 {
		t.Errorf("cache files: %v", files)
	}
	if h.run("__complete", "config", "show", "--profile", ""); !strings.Contains(h.out.String(), "sandbox\nproduction\n") && !strings.Contains(h.out.String(), "production\nsandbox\n") {
		t.Errorf("profiles: %q", h.out)
	}
	if h.run("__complete", "record", "update", "customer", "1", "--mode", ""); !strings.Contains(h.out.String(), "overwrite\nappend\nreplace\n") {
		t.Errorf("--mode values: %q", h.out)
	}
	if h.run("__complete", "record", "list", "customer", "-o", ""); !strings.Contains(h.out.String(), "csv\n") {
		t.Errorf("--output values: %q", h.out)
	}
	if code := h.run("--help"); code != 0 || !strings.Contains(h.out.String(), "completion") {
		t.Errorf("completion is not in the help: %s", h.out)
	}
	if code := h.run("completion", "bash"); code != 0 || !strings.Contains(h.out.String(), "bash completion") {
		t.Errorf("completion bash: %d", code)
	}
	if code := h.run("--version"); code != 0 || h.out.String() != "nsconnect devel\n" {
		t.Errorf("--version: %d %q", code, h.out)
	}
}

// The progress line counts rows, their rate and the time left when the
// total is known; it is quiet when stderr is not a terminal or --quiet.
func TestProgress(t *testing.T) {
	t.Parallel()
	if got := progressLine(1200, 5000, 4*time.Second, "records"); got != "1,200 of 5,000 records (24 %)  300/s  about 12 s left" {
		t.Errorf("progressLine = %q", got)
	}
	if got := progressLine(1200, 0, 4*time.Second, "records"); got != "1,200 records  300/s" {
		t.Errorf("progressLine without total = %q", got)
	}
	ios, _, _, errOut := testStreams()
	if p := newProgress(ios, false, "records"); p != nil {
		t.Error("progress drawn on a stderr that is not a terminal")
	}
	ios.ErrIsTTY = func() bool { return true }
	if p := newProgress(ios, true, "records"); p != nil {
		t.Error("progress drawn with --quiet")
	}
	p := newProgress(ios, false, "records")
	now := time.Unix(0, 0)
	p.now = func() time.Time { return now }
	p.SetTotal(10)
	p.Add(0)
	now = now.Add(time.Second)
	p.Add(5)
	p.Done()
	if !strings.Contains(errOut.String(), "5 of 10 records (50 %)  5/s  about 1.0 s left") {
		t.Errorf("drawn: %q", errOut)
	}
	if got := retryMessage(netsuite.RetryEvent{Status: 429, Delay: 2100 * time.Millisecond, Retry: 1, MaxRetries: 5}); got != "NetSuite is at its concurrency limit; retrying in 2.1 s (retry 1 of 5)" {
		t.Errorf("retryMessage = %q", got)
	}
}
