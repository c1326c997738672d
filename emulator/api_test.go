package emulator

import (
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// The Go test API changes what the HTTP control plane changes: one
// implementation behind both.
func TestGoAPI(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoListener: true})
	ctx := t.Context()
	c := signedClient(t, s, nil)
	get := func() int {
		code, _, _ := do(t, c, "GET", s.URL()+serverTimePath, nil)
		return code
	}
	if code := get(); code != 200 {
		t.Fatalf("serverTime: %d", code)
	}

	// Account changes refuse logins, with the reason in the audit trail.
	if err := s.SetFeature("TOKEN_BASED_AUTHENTICATION", false); err != nil {
		t.Fatal(err)
	}
	if code := get(); code != 401 {
		t.Errorf("with TBA off: %d", code)
	}
	entries, err := s.Audit(AuditFailure, 1)
	if err != nil || len(entries) != 1 || entries[0].Reason != "FeatureDisabled" {
		t.Errorf("Audit = %+v, %v", entries, err)
	}
	if err := s.SetFeature("TOKEN_BASED_AUTHENTICATION", true); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		break_ func() error
		fix    func() error
	}{
		{"permission", func() error { return s.SetPermission("nsconnect Integration", "REST_WEB_SERVICES", "None") },
			func() error { return s.SetPermission("nsconnect Integration", "REST_WEB_SERVICES", "Full") }},
		{"integration", func() error { return s.SetIntegrationState("nsconnect demo", "Blocked") },
			func() error { return s.SetIntegrationState("nsconnect demo", "Enabled") }},
		{"integration TBA", func() error { return s.SetIntegrationTBA("nsconnect demo", false) },
			func() error { return s.SetIntegrationTBA("nsconnect demo", true) }},
		{"user", func() error { return s.SetUserInactive("nsconnect.integration@example.com", true) },
			func() error { return s.SetUserInactive("nsconnect.integration@example.com", false) }},
		{"role", func() error { return s.RemoveUserRole("nsconnect.integration@example.com", "nsconnect Integration") },
			func() error { return s.AddUserRole("nsconnect.integration@example.com", "nsconnect Integration") }},
	} {
		if err := tt.break_(); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if code := get(); code != 401 {
			t.Errorf("%s broken: %d", tt.name, code)
		}
		if err := tt.fix(); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if code := get(); code != 200 {
			t.Errorf("%s fixed: %d", tt.name, code)
		}
	}
	// Record permissions refuse the record API, not the login.
	if err := s.SetRecordPermission("nsconnect Integration", "customer", "None"); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := do(t, c, "GET", s.URL()+"/services/rest/record/v1/customer/1", nil); code != 403 {
		t.Errorf("customer with no permission: %d", code)
	}

	// Names the account lacks are ErrNotFound; bad values are other errors.
	if err := s.SetPermission("nobody", "REST_WEB_SERVICES", "None"); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "nsconnect Integration") {
		t.Errorf("unknown role: %v", err)
	}
	if err := s.SetPermission("nsconnect Integration", "REST_WEB_SERVICES", "Admin"); err == nil || errors.Is(err, ErrNotFound) {
		t.Errorf("unknown level: %v", err)
	}
	if err := s.RevokeToken("nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown token: %v", err)
	}

	// Governance.
	g := s.Governance()
	g.ConcurrencyLimit, g.Latency = 2, time.Millisecond
	g.Faults.Rate429, g.Faults.Seed = 0.5, 7
	if err := s.SetGovernance(g); err != nil {
		t.Fatal(err)
	}
	if got := s.Governance(); got.ConcurrencyLimit != 2 || got.Latency != time.Millisecond || got.Faults.String() != "429=0.5,seed=7" {
		t.Errorf("Governance = %+v", got)
	}
	if h := s.Health(); h.ConcurrencyLimit != 2 || h.Served == 0 {
		t.Errorf("Health = %+v", h)
	}
	for _, bad := range []Governance{
		{ConcurrencyLimit: 0},
		{ConcurrencyLimit: 1, Latency: -time.Second},
		{ConcurrencyLimit: 1, Faults: Faults{Rate500: 1.5}},
		{ConcurrencyLimit: 1, Faults: Faults{RateDrop: -0.1}},
		{ConcurrencyLimit: 1, Faults: Faults{Rate429: 0.6, Rate500: 0.6}},
	} {
		if err := s.SetGovernance(bad); err == nil {
			t.Errorf("SetGovernance(%+v) was accepted", bad)
		}
	}
	if got := s.Governance(); got.ConcurrencyLimit != 2 {
		t.Errorf("a refused change changed the governance: %+v", got)
	}

	// Reset puts it all back.
	if err := s.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if code := get(); code != 200 {
		t.Errorf("after reset: %d", code)
	}
	if code, _, _ := do(t, c, "GET", s.URL()+"/services/rest/record/v1/customer/eid:CUST-0001", nil); code != 200 {
		t.Errorf("customer after reset: %d", code)
	}
	yaml, err := s.AccountYAML()
	if err != nil || !strings.Contains(string(yaml), "[REDACTED]") || strings.Contains(string(yaml), tokenSecret(t, s)) {
		t.Errorf("AccountYAML does not redact: %v", err)
	}
}

// tokenSecret is the demo token secret, to check it never shows.
func tokenSecret(t *testing.T, s *Server) string {
	t.Helper()
	conn, err := s.Connection()
	if err != nil {
		t.Fatal(err)
	}
	return conn.Credentials.TokenSecret.Reveal()
}

func TestClockRange(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoListener: true, NoSeed: true})
	at := time.Date(2030, 6, 1, 12, 0, 0, 0, time.UTC)
	if err := s.SetClock(at, true); err != nil {
		t.Fatal(err)
	}
	if c := s.Clock(); !c.Now.Equal(at) || !c.Frozen {
		t.Errorf("Clock = %+v", c)
	}
	if err := s.AdvanceClock(90 * time.Minute); err != nil || !s.Clock().Now.Equal(at.Add(90*time.Minute)) {
		t.Errorf("AdvanceClock: %v, %v", err, s.Clock().Now)
	}
	for _, bad := range []time.Time{{}, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)} {
		if err := s.SetClock(bad, false); err == nil {
			t.Errorf("SetClock(%s) was accepted", bad)
		}
	}
	if err := s.AdvanceClock(-100 * 365 * 24 * time.Hour); err == nil {
		t.Error("advancing to 1930 was accepted")
	}
	if !s.Clock().Now.Equal(at.Add(90 * time.Minute)) {
		t.Errorf("a refused change moved the clock to %s", s.Clock().Now)
	}
	// Over HTTP the same rule, with the emulator's words.
	b := control(t, s, "POST", "/_emulator/clock", `{"set":"0001-01-01T00:00:00Z"}`, 400)
	if !strings.Contains(string(b), "the clock can be set from 1970") {
		t.Errorf("POST clock year 1: %s", b)
	}
	s.ResetClock()
	if d := time.Since(s.Clock().Now); d < -time.Minute || d > time.Minute {
		t.Errorf("after ResetClock the clock is %s off", d)
	}
}

// Records created at an explicit time carry it; reads return the wire JSON;
// refusals are NetSuite's errors.
func TestGoAPIRecords(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoListener: true})
	ctx := t.Context()
	past := time.Date(2024, 2, 29, 23, 59, 58, 700_000_000, time.UTC)
	id, err := s.CreateRecord(ctx, "customer", map[string]any{
		"companyName": "Past Co", "externalId": "PAST-1", "subsidiary": map[string]string{"id": "1"},
	}, past)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := s.Record(ctx, "customer", "eid:PAST-1")
	if err != nil {
		t.Fatal(err)
	}
	if rec["id"] != id || rec["dateCreated"] != "2024-02-29T23:59:58Z" || rec["lastModifiedDate"] != "2024-02-29T23:59:58Z" {
		t.Errorf("created record: %v", rec)
	}
	later := past.Add(36 * time.Hour)
	if err := s.UpdateRecord(ctx, "customer", id, []byte(`{"companyName":"Past Co Ltd"}`), later); err != nil {
		t.Fatal(err)
	}
	rec, _ = s.Record(ctx, "customer", id)
	if rec["companyName"] != "Past Co Ltd" || rec["dateCreated"] != "2024-02-29T23:59:58Z" || rec["lastModifiedDate"] != "2024-03-02T11:59:58Z" {
		t.Errorf("updated record: %v", rec)
	}
	// Without a time, the emulator's clock.
	at := time.Date(2031, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := s.SetClock(at, true); err != nil {
		t.Fatal(err)
	}
	id2 := s.MustCreateRecord("customer", map[string]any{"companyName": "Now Co", "subsidiary": map[string]string{"id": "1"}})
	if rec, _ := s.Record(ctx, "customer", id2); rec["dateCreated"] != "2031-01-02T03:04:05Z" {
		t.Errorf("record at the clock: %v", rec["dateCreated"])
	}

	_, err = s.CreateRecord(ctx, "customer", map[string]any{"companyName": "No Subsidiary"}, time.Time{})
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != 400 || ae.Code != "USER_ERROR" || !strings.Contains(ae.Detail, "Primary Subsidiary") {
		t.Errorf("missing subsidiary: %v", err)
	}
	_, err = s.CreateRecord(ctx, "customer", map[string]any{"companyName": "X", "subsidiary": map[string]string{"id": "1"}, "nope": 1}, time.Time{})
	if !errors.As(err, &ae) || ae.Code != "NONEXISTENT_FIELD" || ae.Path != "nope" {
		t.Errorf("unknown field: %v", err)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("MustCreateRecord did not panic on a refused body")
			}
		}()
		s.MustCreateRecord("customer", map[string]any{})
	}()

	if err := s.DeleteRecord(ctx, "customer", id, later); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Record(ctx, "customer", id); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted record: %v", err)
	}
	if err := s.DeleteRecord(ctx, "customer", id, later); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
}

func TestConnection(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true})
	conn, err := s.Connection()
	if err != nil {
		t.Fatal(err)
	}
	creds, _ := s.Credentials()
	if conn.URL != s.URL() || conn.AccountID != s.AccountID() || conn.Timezone != "America/Los_Angeles" || conn.Credentials != creds {
		t.Errorf("Connection = %+v", conn)
	}
	var line map[string]string
	if err := json.Unmarshal(conn.ReadyLine(), &line); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"url": s.URL(), "accountId": "1234567_SB1", "consumerKey": creds.ConsumerKey,
		"consumerSecret": creds.ConsumerSecret.Reveal(), "tokenId": creds.TokenID,
		"tokenSecret": creds.TokenSecret.Reveal(), "timezone": "America/Los_Angeles",
		"clientId": DemoClientID, "certificateId": DemoCertificateID,
	}
	if diff := cmp.Diff(want, line); diff != "" {
		t.Errorf("ReadyLine (-want +got):\n%s", diff)
	}
	// An embedded emulator writes no key file unless asked.
	if conn.PrivateKeyFile != "" {
		t.Errorf("PrivateKeyFile = %q without Options.DemoM2MKeyFile", conn.PrivateKeyFile)
	}
	back, err := ParseReadyLine(conn.ReadyLine())
	if err != nil || back != conn {
		t.Errorf("ParseReadyLine(ReadyLine()) = %+v, %v; want %+v", back, err, conn)
	}
}

// The Date header is the emulator's clock, so that a client measuring its
// skew against the server sees the emulator's.
func TestDateFollowsTheClock(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true})
	at := time.Date(2030, 6, 1, 12, 0, 0, 0, time.UTC)
	if err := s.SetClock(at, true); err != nil {
		t.Fatal(err)
	}
	c := signedClient(t, s, nil)
	for _, url := range []string{s.URL() + serverTimePath, s.URL() + "/services/rest/record/v1/customer/1", s.URL() + "/_emulator/health"} {
		_, h, _ := do(t, c, "GET", url, nil)
		if got := h.Get("Date"); got != "Sat, 01 Jun 2030 12:00:00 GMT" {
			t.Errorf("%s: Date %q", url, got)
		}
	}
}

// The control plane answers only requests addressed to this machine, from
// no other origin, with JSON bodies, and with its token when it has one.
func TestControlPlaneGuard(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true})
	send := func(method, path, body string, header http.Header, host string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(method, s.URL()+path, strings.NewReader(body))
		for k, v := range header {
			req.Header[k] = v
		}
		if host != "" {
			req.Host = host
		}
		status, _, b := roundTrip(t, http.DefaultClient, req)
		return status, string(b)
	}
	jsonBody := http.Header{"Content-Type": {"application/json"}}
	_, port, _ := strings.Cut(strings.TrimPrefix(s.URL(), "http://"), ":")
	tests := []struct {
		name         string
		method, path string
		body         string
		header       http.Header
		host         string
		want         int
		says         string
	}{
		{"loopback", "GET", "/_emulator/health", "", nil, "", 200, ""},
		{"the connection", "GET", "/_emulator/connection", "", nil, "", 200, `"tokenSecret":`},
		{"the connection, rebound", "GET", "/_emulator/connection", "", nil, "attacker.example:" + port, 403, "is refused"},
		{"the connection, cross-site", "GET", "/_emulator/connection", "", http.Header{"Sec-Fetch-Site": {"cross-site"}}, "", 403, "cross-site"},
		{"localhost", "GET", "/_emulator/health", "", nil, "localhost:" + port, 200, ""},
		{"the account's host", "GET", "/_emulator/health", "", nil, "1234567-sb1.suitetalk.api.netsuite.com", 200, ""},
		{"a rebound name", "GET", "/_emulator/health", "", nil, "attacker.example:" + port, 403, `attacker.example:` + port + `\" is refused`},
		{"a cross-site page", "POST", "/_emulator/reset", "", http.Header{"Origin": {"https://attacker.example"}}, "", 403, "cross-site"},
		{"a cross-site fetch", "POST", "/_emulator/reset", "", http.Header{"Sec-Fetch-Site": {"cross-site"}}, "", 403, "cross-site"},
		{"same origin", "GET", "/_emulator/clock", "", http.Header{"Origin": {s.URL()}}, "", 200, ""},
		{"a text/plain post", "POST", "/_emulator/governance", `{"faults":"drop=1"}`, http.Header{"Content-Type": {"text/plain"}}, "", 415, "application/json"},
		{"a form post", "POST", "/_emulator/clock", `set=x`, http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}, "", 415, "application/json"},
		{"a JSON post", "POST", "/_emulator/governance", `{"latency":"0s"}`, jsonBody, "", 200, ""},
		{"a bodiless post", "POST", "/_emulator/account/tokens/nope/revoke", "", nil, "", 404, ""},
		{"an unknown endpoint", "GET", "/_emulator/nope", "", nil, "", 404, "not an endpoint of the control plane"},
	}
	for _, tt := range tests {
		code, body := send(tt.method, tt.path, tt.body, tt.header, tt.host)
		if code != tt.want || !strings.Contains(body, tt.says) {
			t.Errorf("%s: %d %s; want %d with %q", tt.name, code, body, tt.want, tt.says)
		}
	}
	if got := s.Governance().Faults.RateDrop; got != 0 {
		t.Errorf("a refused request set drop=%g", got)
	}

	// With a token: required, and any Host is accepted.
	st := newTestServer(t, Options{NoSeed: true, ControlToken: "s3cret"})
	for _, tt := range []struct {
		path string
		auth string
		host string
		want int
	}{
		{"/_emulator/health", "", "", 401},
		{"/_emulator/health", "Bearer wrong", "", 401},
		{"/_emulator/health", "s3cret", "", 401},
		{"/_emulator/health", "Bearer s3cret", "", 200},
		{"/_emulator/health", "Bearer s3cret", "emulator.internal.example", 200},
		{"/_emulator/connection", "", "", 401},
		{"/_emulator/connection", "Bearer s3cret", "emulator.internal.example", 200},
	} {
		req, _ := http.NewRequest("GET", st.URL()+tt.path, nil)
		if tt.auth != "" {
			req.Header.Set("Authorization", tt.auth)
		}
		if tt.host != "" {
			req.Host = tt.host
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("%s with token %q host %q: %d, want %d", tt.path, tt.auth, tt.host, resp.StatusCode, tt.want)
		}
	}
}

// GET /_emulator/connection answers the ready line: the connection of the
// first active token and M2M mapping; with no token active, the mapping
// alone; with neither, 409 and how to get them back.
func TestControlConnection(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true})
	body := control(t, s, "GET", "/_emulator/connection", "", 200)
	conn, err := s.Connection()
	if err != nil {
		t.Fatal(err)
	}
	if want := string(conn.ReadyLine()) + "\n"; string(body) != want {
		t.Errorf("body:\n got %s\nwant %s", body, want)
	}
	var line struct {
		URL, AccountID, ConsumerKey, ConsumerSecret, TokenID, TokenSecret, Timezone string
	}
	if err := json.Unmarshal(body, &line); err != nil || line.URL != s.URL() || line.TokenSecret != conn.Credentials.TokenSecret.Reveal() {
		t.Errorf("decoded %+v, %v", line, err)
	}
	if err := s.RevokeToken(conn.Credentials.TokenID); err != nil {
		t.Fatal(err)
	}
	body = control(t, s, "GET", "/_emulator/connection", "", 200)
	m2mOnly, err := ParseReadyLine(body)
	if err != nil || m2mOnly.Credentials != (tba.Credentials{}) || m2mOnly.ClientID != DemoClientID || m2mOnly.CertificateID != DemoCertificateID ||
		strings.Contains(string(body), "consumerKey") || strings.Contains(string(body), conn.Credentials.TokenSecret.Reveal()) {
		t.Errorf("with no token active: %v\n%s", err, body)
	}
	if err := s.RevokeM2MMapping(DemoCertificateID); err != nil {
		t.Fatal(err)
	}
	if b := control(t, s, "GET", "/_emulator/connection", "", 409); !strings.Contains(string(b), "no active access token and no usable M2M mapping") {
		t.Errorf("409 says %s", b)
	}
}

func TestParseReadyLine(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true, NoListener: true})
	want, err := s.Connection()
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseReadyLine(want.ReadyLine())
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("round trip:\n got %s\nwant %s", got.ReadyLine(), want.ReadyLine())
	}
	secret := want.Credentials.TokenSecret.Reveal()
	for line, wantErr := range map[string]string{
		``: "not the JSON object of a connection",
		`{"url":"x","tokenSecret":"` + secret + `","extra":1}`: "not the JSON object of a connection",
		`{"url":"x"} {}`: "more than one JSON value",
		`{"url":"x","accountId":"1","consumerKey":"k","consumerSecret":"s","tokenId":"t","tokenSecret":"` + secret + `"}`:                   "has no timezone",
		`{"url":"x","accountId":"no","consumerKey":"k","consumerSecret":"s","tokenId":"t","tokenSecret":"` + secret + `","timezone":"UTC"}`: "accountId",
		`{"url":"x","accountId":"1","timezone":"UTC"}`:                                                                   "has no consumerKey",
		`{"url":"x","accountId":"1","timezone":"UTC","clientId":"c"}`:                                                    "has no certificateId",
		`{"url":"x","accountId":"1","timezone":"UTC","clientId":"c","certificateId":"d","tokenSecret":"` + secret + `"}`: "has no consumerKey",
	} {
		_, err := ParseReadyLine([]byte(line))
		if err == nil || !strings.Contains(err.Error(), wantErr) || strings.Contains(err.Error(), secret) {
			t.Errorf("ParseReadyLine(%s) = %v, want an error with %q and no secret", line, err, wantErr)
		}
	}
}

// FuzzParseReadyLine: the parser never panics, and a line it accepts is
// written back (ReadyLine) as a line that parses to the same connection.
func FuzzParseReadyLine(f *testing.F) {
	f.Add([]byte(`{"url":"http://127.0.0.1:8080","accountId":"1234567_SB1","consumerKey":"k","consumerSecret":"s","tokenId":"t","tokenSecret":"u","timezone":"America/Los_Angeles"}`))
	f.Add([]byte(`{"url":"x","accountId":"tstdrv1","consumerKey":"\u0000","consumerSecret":"s","tokenId":"t","tokenSecret":"u","timezone":"z"}`))
	f.Add([]byte(`{"url":"x","accountId":"1","timezone":"UTC","clientId":"c","certificateId":"d","privateKeyFile":"/k.pem"}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, line []byte) {
		c, err := ParseReadyLine(line)
		if err != nil {
			return
		}
		again, err := ParseReadyLine(c.ReadyLine())
		if err != nil {
			t.Fatalf("the line written back does not parse: %v\n%s", err, c.ReadyLine())
		}
		if c != again {
			t.Fatalf("round trip changed the connection:\n%s\n%s", c.ReadyLine(), again.ReadyLine())
		}
	})
}

func TestIsLoopback(t *testing.T) {
	t.Parallel()
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "127.1.2.3:0": true, "[::1]:80": true, "localhost:8080": true,
		":8080": false, "0.0.0.0:8080": false, "[::]:8080": false, "192.168.1.10:8080": false, "8080": false,
	} {
		if got := IsLoopback(addr); got != want {
			t.Errorf("IsLoopback(%q) = %v", addr, got)
		}
	}
}

// AccountYAML writes back the custom lists the account file declared, and the
// select field that lists one.
func TestAccountYAMLKeepsCustomLists(t *testing.T) {
	t.Parallel()
	demo, err := DemoAccountYAML()
	if err != nil {
		t.Fatal(err)
	}
	lists := "customLists:\n" +
		"  - scriptId: customlist_geography_type\n" +
		"    name: Geography Type\n" +
		"    values:\n" +
		"      - EMEA\n" +
		"      - AMER\n" +
		"customFields:\n" +
		"  - scriptId: custentity_geography\n" +
		"    type: select\n" +
		"    recordType: customlist_geography_type\n"
	data := strings.Replace(string(demo), "customFields:\n", lists, 1)
	s, err := NewServer(Options{AccountYAML: []byte(data), NoSeed: true, NoListener: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.AccountYAML()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), lists) {
		t.Errorf("AccountYAML lost the custom list or the field that lists it:\n%s", got)
	}
}

// The SuiteQL corpus account starts a server, demo seed and all.
func TestCorpusAccountStarts(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("internal/suiteql/testdata/corpus-account.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewServer(Options{AccountYAML: data, NoListener: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := signedClient(t, s, nil)
	if code, _, body := do(t, c, "GET", s.URL()+"/services/rest/record/v1/customrecord_lum_licenses_count", nil); code != 200 {
		t.Errorf("GET customrecord_lum_licenses_count: %d %s", code, body)
	}
}
