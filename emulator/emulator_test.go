package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/account"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// newTestServer starts an emulator on loopback with opts (no seed data unless
// asked) and closes it when the test ends.
func newTestServer(t testing.TB, opts Options) *Server {
	t.Helper()
	s, err := NewServer(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// signedClient returns a client that signs with the server's demo
// credentials, as a real client signs for NetSuite; change lets a test break
// the signer.
func signedClient(t testing.TB, s *Server, change func(*tba.Signer)) *http.Client {
	t.Helper()
	creds, err := s.Credentials()
	if err != nil {
		t.Fatal(err)
	}
	signer, err := tba.NewSigner(s.AccountID().Realm(), creds)
	if err != nil {
		t.Fatal(err)
	}
	if change != nil {
		change(signer)
	}
	return &http.Client{Transport: &tba.Transport{Base: s.HTTPClient().Transport, Signer: signer}}
}

// do sends a request with body (nil: none; []byte: as it is; else
// encoded as JSON) and returns the status, header and body.
func do(t testing.TB, c *http.Client, method, url string, body any) (int, http.Header, []byte) {
	t.Helper()
	return doWith(t, c, method, url, nil, body)
}

// doWith is do with header added to the request.
func doWith(t testing.TB, c *http.Client, method, url string, header http.Header, body any) (int, http.Header, []byte) {
	t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case []byte: // sent as it is, valid JSON or not
		r = bytes.NewReader(b)
	default:
		data, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(context.Background(), method, url, r)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	return roundTrip(t, c, req)
}

// roundTrip sends req with c and returns the status, header and body,
// failing the test when there is no answer.
func roundTrip(t testing.TB, c *http.Client, req *http.Request) (int, http.Header, []byte) {
	t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

// control sends a request to the control plane and fails the test unless it
// answers want.
func control(t testing.TB, s *Server, method, path, body string, want int) []byte {
	t.Helper()
	req, _ := http.NewRequest(method, s.URL()+path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := s.HTTPClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("%s %s: %d %s, want %d", method, path, resp.StatusCode, b, want)
	}
	return b
}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// lastAudit returns the newest login audit entry.
func lastAudit(t testing.TB, s *Server) map[string]any {
	t.Helper()
	var got struct{ Entries []map[string]any }
	if err := json.Unmarshal(control(t, s, "GET", "/_emulator/audit?limit=1", "", 200), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Entries) != 1 {
		t.Fatalf("audit trail has %d entries", len(got.Entries))
	}
	return got.Entries[0]
}

const serverTimePath = "/services/rest/system/v1/serverTime"

// TestLoginRefusals produces every misconfiguration of the setup guide: each
// gets NetSuite's generic 401 byte for byte, and the login audit trail names
// the real reason
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_156935170194.html).
func TestLoginRefusals(t *testing.T) {
	t.Parallel()
	demo := account.Demo()
	role := demo.Tokens[0].Role
	user := demo.Tokens[0].User
	integration := demo.Tokens[0].Integration
	tests := []struct {
		name   string
		setup  string // control-plane path and JSON body, "" for none
		body   string
		signer func(*tba.Signer)
		client func(t *testing.T, s *Server) *http.Client
		reason tba.Reason
	}{
		{name: "lower-case realm", client: func(t *testing.T, s *Server) *http.Client {
			creds, _ := s.Credentials()
			signer, _ := tba.NewSigner(strings.ToLower(s.AccountID().Realm()), creds)
			return &http.Client{Transport: &tba.Transport{Signer: signer}}
		}, reason: "InvalidRealm"},
		{name: "forged signature", client: func(t *testing.T, s *Server) *http.Client {
			creds, _ := s.Credentials()
			creds.TokenSecret = "not-the-secret"
			signer, _ := tba.NewSigner(s.AccountID().Realm(), creds)
			return &http.Client{Transport: &tba.Transport{Signer: signer}}
		}, reason: tba.InvalidSignature},
		{name: "unknown consumer key", client: func(t *testing.T, s *Server) *http.Client {
			creds, _ := s.Credentials()
			creds.ConsumerKey = strings.Repeat("0", 64)
			signer, _ := tba.NewSigner(s.AccountID().Realm(), creds)
			return &http.Client{Transport: &tba.Transport{Signer: signer}}
		}, reason: "consumer_key_unknown"},
		{name: "clock skew", signer: func(s *tba.Signer) { s.Now = func() time.Time { return time.Now().Add(-6 * time.Minute) } }, reason: tba.InvalidTimestamp},
		{name: "TBA feature off", setup: "/_emulator/account/features/TOKEN_BASED_AUTHENTICATION", body: `{"enabled":false}`, reason: "FeatureDisabled"},
		{name: "integration blocked", setup: "/_emulator/account/integrations/" + integration, body: `{"state":"Blocked"}`, reason: "consumer_key_refused"},
		{name: "token revoked", setup: "/_emulator/account/tokens/" + demo.Tokens[0].TokenID + "/revoke", reason: "token_rejected"},
		{name: "role lacks REST Web Services", setup: "/_emulator/account/roles/" + role + "/permissions", body: `{"permission":"REST_WEB_SERVICES","level":"None"}`, reason: "permission_denied"},
		{name: "role lacks Log in using Access Tokens", setup: "/_emulator/account/roles/" + role + "/permissions", body: `{"permission":"LOGIN_USING_ACCESS_TOKENS","level":"None"}`, reason: "permission_denied"},
		{name: "user inactive", setup: "/_emulator/account/users/" + user, body: `{"inactive":true}`, reason: "permission_denied"},
		{name: "role removed from user", setup: "/_emulator/account/users/" + user, body: `{"removeRole":"` + role + `"}`, reason: "permission_denied"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newTestServer(t, Options{NoSeed: true})
			// The same credentials work before the change.
			if code, _, body := do(t, signedClient(t, s, nil), "GET", s.URL()+serverTimePath, nil); code != 200 {
				t.Fatalf("before the change: %d %s", code, body)
			}
			c := signedClient(t, s, tt.signer)
			if tt.client != nil {
				c = tt.client(t, s)
			}
			if tt.setup != "" {
				control(t, s, "POST", tt.setup, tt.body, http.StatusNoContent)
			}
			code, header, body := do(t, c, "GET", s.URL()+serverTimePath, nil)
			if code != 401 || !bytes.Equal(body, fixture(t, "invalid-login.json")) {
				t.Errorf("got %d %s\nwant 401 %s", code, body, fixture(t, "invalid-login.json"))
			}
			if ct := header.Get("Content-Type"); ct != errorContentType {
				t.Errorf("Content-Type %q", ct)
			}
			entry := lastAudit(t, s)
			if entry["status"] != "Failure" || entry["reason"] != string(tt.reason) {
				t.Errorf("audit entry %v, want reason %s", entry, tt.reason)
			}
		})
	}
}

func TestReplayedNonceIsRefused(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true})
	c := signedClient(t, s, func(sg *tba.Signer) {
		sg.Nonce = func() string { return "same-nonce-every-time" }
		now := time.Now()
		sg.Now = func() time.Time { return now }
	})
	if code, _, body := do(t, c, "GET", s.URL()+serverTimePath, nil); code != 200 {
		t.Fatalf("first use: %d %s", code, body)
	}
	if code, _, _ := do(t, c, "GET", s.URL()+serverTimePath, nil); code != 401 {
		t.Fatalf("replay: %d, want 401", code)
	}
	if got := lastAudit(t, s)["reason"]; got != string(tba.NonceUsed) {
		t.Errorf("reason %v", got)
	}
}

func TestServerTimeFollowsTheClock(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true})
	c := signedClient(t, s, func(sg *tba.Signer) {
		sg.Now = func() time.Time { return time.Date(2026, 3, 8, 9, 59, 0, 0, time.UTC) }
	})
	control(t, s, "POST", "/_emulator/clock", `{"set":"2026-03-08T09:59:00Z","frozen":true}`, 200)
	code, header, body := do(t, c, "GET", s.URL()+serverTimePath, nil)
	if code != 200 || string(body) != `{"serverTime":"2026-03-08T09:59:00.000Z"}` {
		t.Errorf("got %d %s", code, body)
	}
	if !strings.HasPrefix(header.Get("Content-Type"), "application/json") {
		t.Errorf("Content-Type %q", header.Get("Content-Type"))
	}
	control(t, s, "POST", "/_emulator/clock", `{"advance":"90m"}`, 200)
	// The signer's clock is now 90 minutes behind the emulator's: refused.
	if code, _, _ := do(t, c, "GET", s.URL()+serverTimePath, nil); code != 401 {
		t.Errorf("after advancing the clock: %d, want 401", code)
	}
}

func TestOptionsAnswers204(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true})
	code, _, body := do(t, signedClient(t, s, nil), "OPTIONS", s.URL()+"/services/rest/*", nil)
	if code != http.StatusNoContent || len(body) != 0 {
		t.Errorf("got %d %q", code, body)
	}
	// Unsigned, it is a refused login like any other request.
	code, _, _ = do(t, http.DefaultClient, "OPTIONS", s.URL()+"/services/rest/*", nil)
	if code != 401 {
		t.Errorf("unsigned: %d", code)
	}
}

func TestUnknownPaths(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true})
	for _, path := range []string{"/", "/services/rest/nothing/v1/x", "/app/site/hosting/suitelet.nl"} {
		c := signedClient(t, s, nil)
		code, header, body := do(t, c, "GET", s.URL()+path, nil)
		var e errorBody
		if code != 404 || json.Unmarshal(body, &e) != nil || e.Details[0].Code != "NONEXISTENT_ID" || header.Get("Content-Type") != errorContentType {
			t.Errorf("%s: %d %s", path, code, body)
		}
	}
}

// TestConcurrencyLimit holds the limit's slots with slow requests: the requests
// past it are refused at once with Oracle's 429 body
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html),
// and the count drops back when the slow ones finish.
func TestConcurrencyLimit(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true, Concurrency: 2, Latency: 300 * time.Millisecond})
	c := signedClient(t, s, nil)
	var wg sync.WaitGroup
	var mu sync.Mutex
	codes := map[int]int{}
	var refused []byte
	for range 5 {
		wg.Go(func() {
			code, _, body := do(t, c, "GET", s.URL()+serverTimePath, nil)
			mu.Lock()
			defer mu.Unlock()
			codes[code]++
			if code == 429 {
				refused = body
			}
		})
	}
	wg.Wait()
	if codes[200] != 2 || codes[429] != 3 {
		t.Fatalf("status counts %v, want 2×200 and 3×429", codes)
	}
	if !bytes.Equal(refused, fixture(t, "concurrency-limit.json")) {
		t.Errorf("429 body\n got %s\nwant %s", refused, fixture(t, "concurrency-limit.json"))
	}
	if code, _, _ := do(t, c, "GET", s.URL()+serverTimePath, nil); code != 200 {
		t.Errorf("after the burst: %d", code)
	}
}

// statusSequence sends n sequential requests and returns their statuses.
func statusSequence(t *testing.T, s *Server, n int) []int {
	c := signedClient(t, s, nil)
	var out []int
	for range n {
		code, _, _ := do(t, c, "GET", s.URL()+serverTimePath, nil)
		out = append(out, code)
	}
	return out
}

func TestFaultsAreSeededAndReproducible(t *testing.T) {
	t.Parallel()
	faults, err := ParseFaults("429=0.2,500=0.2,seed=7")
	if err != nil {
		t.Fatal(err)
	}
	a := statusSequence(t, newTestServer(t, Options{NoSeed: true, Faults: faults}), 40)
	b := statusSequence(t, newTestServer(t, Options{NoSeed: true, Faults: faults}), 40)
	counts := map[int]int{}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("runs differ at request %d: %v vs %v", i, a, b)
		}
		counts[a[i]]++
	}
	if counts[429] == 0 || counts[500] == 0 || counts[200] == 0 || counts[429]+counts[500]+counts[200] != 40 {
		t.Errorf("statuses %v over 40 requests at 20%%/20%%", counts)
	}
}

func TestDroppedConnections(t *testing.T) {
	t.Parallel()
	faults := Faults{RateDrop: 1}
	for _, noListener := range []bool{false, true} {
		s := newTestServer(t, Options{NoSeed: true, Faults: faults, NoListener: noListener})
		req, _ := http.NewRequest("GET", s.URL()+serverTimePath, nil)
		resp, err := signedClient(t, s, nil).Do(req)
		if err == nil {
			resp.Body.Close()
			t.Errorf("no listener %v: got %d, want a transport error", noListener, resp.StatusCode)
		}
	}
}

func TestControlPlaneRefusesBadRequests(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true})
	control(t, s, "POST", "/_emulator/account/roles/nobody/permissions", `{"permission":"REST_WEB_SERVICES","level":"None"}`, 404)
	control(t, s, "POST", "/_emulator/account/features/TOKEN_BASED_AUTHENTICATION", `{"enabld":false}`, 400)
	control(t, s, "POST", "/_emulator/account/features/NO_SUCH_FEATURE", `{"enabled":false}`, 400)
	control(t, s, "POST", "/_emulator/clock", `{"advance":"soon"}`, 400)
	control(t, s, "POST", "/_emulator/governance", `{"faults":"429=7"}`, 400)
	control(t, s, "POST", "/_emulator/governance", `{"concurrencyLimit":0}`, 400)
	got := control(t, s, "POST", "/_emulator/governance", `{"concurrencyLimit":9,"latency":"5ms","faults":"500=0.5,seed=3"}`, 200)
	if want := `{"concurrencyLimit":9,"latency":"5ms","faults":"500=0.5,seed=3"}`; string(got) != want {
		t.Errorf("governance %s, want %s", got, want)
	}
}

// TestAccountViewHidesSecrets: the control plane shows the account, never
// its secrets.
func TestAccountViewHidesSecrets(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true})
	creds, _ := s.Credentials()
	body := control(t, s, "GET", "/_emulator/account", "", 200)
	if bytes.Contains(body, []byte(creds.ConsumerSecret.Reveal())) || bytes.Contains(body, []byte(creds.TokenSecret.Reveal())) {
		t.Error("the account view shows a secret")
	}
	if !bytes.Contains(body, []byte(s.AccountID().String())) {
		t.Errorf("the account view lacks the account ID:\n%s", body)
	}
}

func TestResetRestoresTheAccount(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true})
	c := signedClient(t, s, nil)
	control(t, s, "POST", "/_emulator/account/features/TOKEN_BASED_AUTHENTICATION", `{"enabled":false}`, 204)
	if code, _, _ := do(t, c, "GET", s.URL()+serverTimePath, nil); code != 401 {
		t.Fatalf("feature off: %d", code)
	}
	control(t, s, "POST", "/_emulator/reset", "", 204)
	if code, _, body := do(t, c, "GET", s.URL()+serverTimePath, nil); code != 200 {
		t.Errorf("after reset: %d %s", code, body)
	}
}

func TestBadAccountFile(t *testing.T) {
	t.Parallel()
	_, err := NewServer(Options{AccountYAML: []byte("accountId: 1234567\nfeaturez: []\n"), NoListener: true})
	if err == nil || !strings.Contains(err.Error(), "featurez") {
		t.Errorf("got %v", err)
	}
}

// TestRecordAPIOverHTTP goes through the whole stack: login, the role's
// record permission, the record service, and the error envelope.
func TestRecordAPIOverHTTP(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{})
	c := signedClient(t, s, nil)
	base := s.URL() + "/services/rest/record/v1/"

	code, header, body := do(t, c, "POST", base+"customer", map[string]any{
		"companyName": "Over HTTP Inc.", "subsidiary": map[string]string{"id": "1"}, "externalId": "HTTP-1",
	})
	if code != 204 || len(body) != 0 {
		t.Fatalf("create: %d %s", code, body)
	}
	loc := header.Get("Location")
	if !strings.HasPrefix(loc, base+"customer/") {
		t.Fatalf("Location %q", loc)
	}
	code, header, body = do(t, c, "GET", base+"customer/eid:HTTP-1", nil)
	var rec map[string]any
	if code != 200 || json.Unmarshal(body, &rec) != nil || rec["companyName"] != "Over HTTP Inc." || base+"customer/"+rec["id"].(string) != loc {
		t.Fatalf("get by external ID: %d %s", code, body)
	}
	if ct := header.Get("Content-Type"); ct != "application/vnd.oracle.resource+json; type=singular" {
		t.Errorf("Content-Type %q", ct)
	}

	code, _, body = do(t, c, "GET", base+"customer/999999", nil)
	if code != 404 || !bytes.Equal(body, fixture(t, "nonexistent-id.json")) {
		t.Errorf("missing record: %d %s\nwant %s", code, body, fixture(t, "nonexistent-id.json"))
	}

	// Without the record permission: 403 INSUFFICIENT_PERMISSION
	// (omniboost/go-netsuite-rest client.go, a live capture; Airbyte
	// source_netsuite/errors.py); with View only, reads work and deletes do
	// not.
	role := account.Demo().Tokens[0].Role
	control(t, s, "POST", "/_emulator/account/roles/"+role+"/permissions", `{"record":"customer","level":"None"}`, 204)
	code, _, body = do(t, c, "GET", loc, nil)
	var e errorBody
	if code != 403 || json.Unmarshal(body, &e) != nil || e.Details[0].Code != "INSUFFICIENT_PERMISSION" {
		t.Errorf("no permission: %d %s", code, body)
	}
	control(t, s, "POST", "/_emulator/account/roles/"+role+"/permissions", `{"record":"customer","level":"View"}`, 204)
	if code, _, body = do(t, c, "GET", loc, nil); code != 200 {
		t.Errorf("view permission, GET: %d %s", code, body)
	}
	if code, _, body = do(t, c, "DELETE", loc, nil); code != 403 {
		t.Errorf("view permission, DELETE: %d %s", code, body)
	}
}

func TestInProcessTransport(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoListener: true})
	if !strings.HasPrefix(s.URL(), "http://1234567-sb1.suitetalk.api.netsuite.com") {
		t.Errorf("URL %s", s.URL())
	}
	code, _, body := do(t, signedClient(t, s, nil), "GET", s.URL()+"/services/rest/record/v1/customer?limit=5", nil)
	var page struct {
		Count        int
		TotalResults int
	}
	if code != 200 || json.Unmarshal(body, &page) != nil || page.Count != 5 || page.TotalResults != 50 {
		t.Errorf("in process: %d %s", code, body)
	}
}

// TestInvalidReferenceBody sends Oracle's own example of a bad reference: a
// sales order line with item 9999
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html).
func TestInvalidReferenceBody(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{})
	code, _, body := do(t, signedClient(t, s, nil), "POST", s.URL()+"/services/rest/record/v1/salesOrder", map[string]any{
		"entity": map[string]string{"externalId": "CUST-0001"},
		"item":   map[string]any{"items": []any{map[string]any{"item": map[string]string{"id": "9999"}, "quantity": 1}}},
	})
	if code != 400 || !bytes.Equal(body, fixture(t, "invalid-content.json")) {
		t.Errorf("got %d %s\nwant %s", code, body, fixture(t, "invalid-content.json"))
	}
}

// TestDataSurvivesRestart: with a data file, records outlive the process,
// and a restart does not seed the demo data twice.
func TestDataSurvivesRestart(t *testing.T) {
	t.Parallel()
	path := t.TempDir() + "/emulator.db"
	s, err := NewServer(Options{DataPath: path, NoListener: true})
	if err != nil {
		t.Fatal(err)
	}
	c := signedClient(t, s, nil)
	code, header, body := do(t, c, "POST", s.URL()+"/services/rest/record/v1/customer", map[string]any{
		"companyName": "Survivor Ltd", "subsidiary": map[string]string{"id": "1"},
	})
	if code != 204 {
		t.Fatalf("create: %d %s", code, body)
	}
	loc := header.Get("Location")
	s.Close()

	s, err = NewServer(Options{DataPath: path, NoListener: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c = signedClient(t, s, nil)
	if code, _, body := do(t, c, "GET", loc, nil); code != 200 || !bytes.Contains(body, []byte("Survivor Ltd")) {
		t.Errorf("after restart: %d %s", code, body)
	}
	_, _, body = do(t, c, "GET", s.URL()+"/services/rest/record/v1/customer?limit=1", nil)
	var page struct{ TotalResults int }
	if json.Unmarshal(body, &page) != nil || page.TotalResults != 51 {
		t.Errorf("after restart %d customers, want the 50 seeded and the one created: %s", page.TotalResults, body)
	}
}

// TestResetWhileServing resets the emulator while API and control-plane
// requests run (run with -race).
func TestResetWhileServing(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{})
	c := signedClient(t, s, nil)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				do(t, c, "GET", s.URL()+"/services/rest/record/v1/customer/eid:CUST-0001", nil)
				control(t, s, "GET", "/_emulator/health", "", 200)
				if _, err := s.Credentials(); err != nil {
					t.Error(err)
				}
			}
		})
	}
	for range 3 {
		control(t, s, "POST", "/_emulator/reset", "", 204)
	}
	close(stop)
	wg.Wait()
	if code, _, body := do(t, c, "GET", s.URL()+"/services/rest/record/v1/customer/eid:CUST-0001", nil); code != 200 {
		t.Errorf("after the resets: %d %s", code, body)
	}
}

// TestInterruptedSeedStartsAgain: a data file whose seeding was cut short
// (a kill during startup) is seeded again at the next start instead of
// refusing to start.
func TestInterruptedSeedStartsAgain(t *testing.T) {
	t.Parallel()
	path := t.TempDir() + "/emulator.db"
	// Seed half-way by hand: the marker of a started seed and a few records.
	s, err := NewServer(Options{DataPath: path, NoSeed: true, NoListener: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	if err := s.store.SetMeta(ctx, "seeding", "2026-11-28T00:00:00Z"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.records.Create(ctx, "currency", []byte(`{"name":"US Dollar","symbol":"USD","exchangeRate":1}`)); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s, err = NewServer(Options{DataPath: path, NoListener: true})
	if err != nil {
		t.Fatalf("restart after an interrupted seed: %v", err)
	}
	defer s.Close()
	_, _, body := do(t, signedClient(t, s, nil), "GET", s.URL()+"/services/rest/record/v1/customer?limit=1", nil)
	var page struct{ TotalResults int }
	if json.Unmarshal(body, &page) != nil || page.TotalResults != 50 {
		t.Errorf("after reseeding: %s", body)
	}
}

func TestControlPlaneRefusesAmbiguousInput(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true})
	control(t, s, "POST", "/_emulator/governance", `{"faults":"429=NaN"}`, 400)
	control(t, s, "POST", "/_emulator/account/features/TOKEN_BASED_AUTHENTICATION", `{"enabled":true}{"enabled":false}`, 400)
	control(t, s, "POST", "/_emulator/clock", `{"set":"2026-01-01T00:00:00Z","advance":"1h"}`, 400)
}

func TestSeedProgress(t *testing.T) {
	t.Parallel()
	var calls, lastDone, lastTotal int
	s := newTestServer(t, Options{NoListener: true, SeedRecords: 500, SeedProgress: func(done, total int) {
		calls++
		lastDone, lastTotal = done, total
	}})
	if calls < 10 || lastDone != lastTotal || lastTotal != 500 {
		t.Errorf("%d progress calls, last %d of %d; want at least 10, ending with 500 of 500", calls, lastDone, lastTotal)
	}
	_, _, body := do(t, signedClient(t, s, nil), "GET", s.URL()+"/services/rest/record/v1/customer?limit=1", nil)
	var page struct{ TotalResults int }
	if json.Unmarshal(body, &page) != nil || page.TotalResults <= 50 {
		t.Errorf("scaled seed has %d customers, want more than the demo's 50", page.TotalResults)
	}
}

// TestInputLimitsOverHTTP: a path ID that is no identifier gets NetSuite's
// live INVALID_ID answer with o:errorUrl, byte for byte but for the type
// (testdata/README.md); a body that is not
// UTF-8 is refused at the string's path and nothing is stored.
func TestInputLimitsOverHTTP(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{})
	c := signedClient(t, s, nil)
	base := s.URL() + "/services/rest/record/v1/"

	code, header, body := do(t, c, "GET", base+"customer/000", nil)
	if code != 400 || !bytes.Equal(body, fixture(t, "invalid-id.json")) {
		t.Errorf("customer/000: %d %s\nwant %s", code, body, fixture(t, "invalid-id.json"))
	}
	if ct := header.Get("Content-Type"); ct != errorContentType {
		t.Errorf("Content-Type %q", ct)
	}

	code, _, body = do(t, c, "POST", base+"customer", []byte(`{"companyName":"Bad `+"\xff"+` Text","subsidiary":{"id":"1"},"externalId":"UTF-1"}`))
	var e errorBody
	if code != 400 || json.Unmarshal(body, &e) != nil || len(e.Details) != 1 ||
		e.Details[0].Code != "INVALID_CONTENT" || e.Details[0].Path != "companyName" || e.Details[0].URL != "" {
		t.Errorf("invalid UTF-8: %d %s", code, body)
	}
	if code, _, body = do(t, c, "GET", base+"customer/eid:UTF-1", nil); code != 404 ||
		!strings.Contains(string(body), `"The record instance for external ID 'UTF-1' does not exist. Provide a valid record instance ID."`) {
		t.Errorf("after the refusal: %d %s", code, body)
	}
}

// governanceLimits answers the Administrator role with the account's
// concurrency limit, as it stands, and refuses any other role.
func TestGovernanceLimits(t *testing.T) {
	t.Parallel()
	const path = "/services/rest/system/v1/governanceLimits"
	plain := newTestServer(t, Options{NoSeed: true})
	if code, _, body := do(t, signedClient(t, plain, nil), "GET", plain.URL()+path, nil); code != http.StatusForbidden || !strings.Contains(string(body), `"o:errorCode":"INSUFFICIENT_PERMISSION"`) {
		t.Errorf("a role that is not the Administrator: %d %s", code, body)
	}

	demo := account.Demo()
	demo.Roles[0].Administrator = true
	data, err := account.Marshal(demo)
	if err != nil {
		t.Fatal(err)
	}
	admin := newTestServer(t, Options{NoSeed: true, AccountYAML: data})
	c := signedClient(t, admin, nil)
	if code, _, body := do(t, c, "GET", admin.URL()+path, nil); code != http.StatusOK ||
		string(body) != `{"accountConcurrencyLimit":5,"accountUnallocatedConcurrencyLimit":5,"integrationLimitType":"accountLimit"}` {
		t.Errorf("the Administrator: %d %s", code, body)
	}
	if err := admin.SetGovernance(Governance{ConcurrencyLimit: 7}); err != nil {
		t.Fatal(err)
	}
	if code, _, body := do(t, c, "GET", admin.URL()+path, nil); code != http.StatusOK || !strings.Contains(string(body), `"accountConcurrencyLimit":7`) {
		t.Errorf("after the limit changed: %d %s", code, body)
	}
	if code, _, _ := do(t, c, "POST", admin.URL()+path, nil); code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", code)
	}
}
