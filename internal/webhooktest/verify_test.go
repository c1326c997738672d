package webhooktest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/connector"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// docPath is the page whose snippets the tests hold to the code.
const docPath = "../../docs/webhooks.md"

// fence finds the fenced code blocks of a Markdown page: the language and
// the code.
var fence = regexp.MustCompile("(?ms)^```(\\w+)\\n(.*?)^```$")

// snippet returns the code block of the page in lang that holds marker.
func snippet(t *testing.T, page, lang, marker string) string {
	t.Helper()
	for _, m := range fence.FindAllStringSubmatch(page, -1) {
		if m[1] == lang && strings.Contains(m[2], marker) {
			return m[2]
		}
	}
	t.Fatalf("%s has no %s block with %q", docPath, lang, marker)
	return ""
}

// captured is a request of the webhook sink as it came.
type captured struct {
	header http.Header
	body   []byte
}

// capture delivers one event through a webhook sink with secret, at now,
// and returns the request the receiver got.
func capture(t *testing.T, secret string, now time.Time) captured {
	t.Helper()
	var got []captured
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = append(got, captured{r.Header.Clone(), b})
	}))
	defer srv.Close()
	hook, err := connector.NewWebhookSink(connector.WebhookOptions{URL: srv.URL, Secret: tba.Secret(secret),
		DeadLetter: filepath.Join(t.TempDir(), "dead.ndjson"), Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer hook.Close()
	ev := connector.Event{Trigger: "t", On: "updated", RecordType: "customer", ID: "107", At: now.Add(-time.Minute).Truncate(time.Second),
		Record: map[string]any{"companyName": "Ünïcode & <html> \u2028", "n": 1.5}}
	if _, err := hook.Deliver(t.Context(), []connector.Event{ev}); err != nil || len(got) != 1 {
		t.Fatalf("Deliver: %v, %d requests", err, len(got))
	}
	return got[0]
}

// A verifyCase is a request, maybe altered, and whether a receiver with
// secret must take it at now.
type verifyCase struct {
	name   string
	secret string
	header http.Header
	body   []byte
	now    time.Time
	ok     bool
}

// verifyCases are a genuine request and the ways a forged, altered or
// replayed one differs.
func verifyCases(t *testing.T) []verifyCase {
	secret := "whsec_" + base64.StdEncoding.EncodeToString([]byte("0123456789abcdef0123456789abcdef"))
	other := "whsec_" + base64.StdEncoding.EncodeToString([]byte("fedcba9876543210fedcba9876543210"))
	now := time.Unix(1793548925, 0)
	req := capture(t, secret, now)
	rotating := capture(t, other+"\n"+secret, now) // signed by both
	with := func(name, value string) http.Header {
		h := req.header.Clone()
		if value == "" {
			h.Del(name)
		} else {
			h.Set(name, value)
		}
		return h
	}
	sig := req.header.Get("webhook-signature")
	return []verifyCase{
		{"genuine", secret, req.header, req.body, now, true},
		{"4 minutes later", secret, req.header, req.body, now.Add(4 * time.Minute), true},
		{"a clock 4 minutes behind", secret, req.header, req.body, now.Add(-4 * time.Minute), true},
		{"signed by two secrets, checked with the second", secret, rotating.header, rotating.body, now, true},
		{"signed by two secrets, checked with the first", other, rotating.header, rotating.body, now, true},
		{"another secret", other, req.header, req.body, now, false},
		{"the body changed", secret, req.header, bytes.Replace(req.body, []byte("107"), []byte("108"), 1), now, false},
		{"the body decoded and encoded again", secret, req.header, reencode(t, req.body), now, false},
		{"another webhook-id", secret, with("webhook-id", "evt_0"), req.body, now, false},
		{"another webhook-timestamp", secret, with("webhook-timestamp", "1793548926"), req.body, now, false},
		{"replayed 6 minutes later", secret, req.header, req.body, now.Add(6 * time.Minute), false},
		{"6 minutes early", secret, req.header, req.body, now.Add(-6 * time.Minute), false},
		{"no signature", secret, with("webhook-signature", ""), req.body, now, false},
		{"no timestamp", secret, with("webhook-timestamp", ""), req.body, now, false},
		{"the signature without v1,", secret, with("webhook-signature", strings.TrimPrefix(sig, "v1,")), req.body, now, false},
		{"the signature as v1a,", secret, with("webhook-signature", "v1a,"+strings.TrimPrefix(sig, "v1,")), req.body, now, false},
		{"a bad signature before the good one", secret, with("webhook-signature", "v1,AAAA "+sig), req.body, now, true},
	}
}

// reencode decodes a JSON body and encodes it again, as a receiver must
// not before it verifies.
func reencode(t *testing.T, body []byte) []byte {
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(v)
	if err != nil || bytes.Equal(b, body) {
		t.Fatalf("re-encoding changed nothing (%v): the case proves nothing", err)
	}
	return b
}

// verifyWebhook, the Go snippet of docs/webhooks.md, takes the genuine
// requests of the sink and refuses the others.
func TestVerifyWebhook(t *testing.T) {
	t.Parallel()
	for _, c := range verifyCases(t) {
		if err := verifyWebhook(c.secret, c.header, c.body, c.now); (err == nil) != c.ok {
			t.Errorf("%s: %v, want ok %v", c.name, err, c.ok)
		}
	}
}

// The snippets of docs/webhooks.md are the code the tests run: the Go one
// is verifyWebhook word for word; the Python one, run by python3 when it
// is installed, gives the same verdicts as verifyWebhook.
func TestDocSnippets(t *testing.T) {
	t.Parallel()
	page, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("verify.go")
	if err != nil {
		t.Fatal(err)
	}
	if goSnippet := snippet(t, string(page), "go", "func verifyWebhook("); !strings.Contains(string(src), goSnippet) {
		t.Errorf("the Go snippet of %s is not verify.go's verifyWebhook, word for word:\n%s", docPath, goSnippet)
	}

	pySnippet := snippet(t, string(page), "python", "def verify_webhook(")
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3: the Python snippet is not run")
	}
	type pyCase struct {
		Secret  string            `json:"secret"`
		Headers map[string]string `json:"headers"`
		Body    []byte            `json:"body"`
		Now     int64             `json:"now"`
	}
	var in []pyCase
	var want []string
	vcs := verifyCases(t)
	for _, c := range vcs {
		h := map[string]string{}
		for k := range c.header {
			h[strings.ToLower(k)] = c.header.Get(k)
		}
		in = append(in, pyCase{c.secret, h, c.body, c.now.Unix()})
		want = append(want, map[bool]string{true: "ok", false: "refused"}[c.ok])
	}
	cases := filepath.Join(t.TempDir(), "cases.json")
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cases, b, 0o600); err != nil {
		t.Fatal(err)
	}
	driver := pySnippet + `
import base64, json, sys
for c in json.load(open(sys.argv[1])):
    try:
        verify_webhook(c["secret"], c["headers"], base64.b64decode(c["body"]), c["now"])
        print("ok")
    except ValueError:
        print("refused")
`
	cmd := exec.CommandContext(t.Context(), python, "-c", driver, cases)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, out)
	}
	got := strings.Fields(string(out))
	if len(got) != len(vcs) {
		t.Fatalf("python3 printed %d verdicts for %d cases:\n%s", len(got), len(vcs), out)
	}
	for i, c := range vcs {
		if got[i] != want[i] {
			t.Errorf("Python snippet, %s: %s, want %s", c.name, got[i], want[i])
		}
	}
}
