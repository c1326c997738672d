package doctor

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// Four different credentials in NetSuite's form.
var (
	hexKey         = strings.Repeat("0123456789abcdef", 4)
	hexSecret      = strings.Repeat("fedcba9876543210", 4)
	hexToken       = strings.Repeat("00112233445566778899aabbccddeeff", 2)
	hexTokenSecret = strings.Repeat("ffeeddccbbaa99887766554433221100", 2)
)

// goodConfig is a well-formed connection to account 1234567.
func goodConfig() Config {
	return Config{
		AccountID: "1234567",
		Credentials: tba.Credentials{
			ConsumerKey: hexKey, ConsumerSecret: tba.Secret(hexSecret),
			TokenID: hexToken, TokenSecret: tba.Secret(hexTokenSecret),
		},
		Timezone: "America/Los_Angeles",
	}
}

// refusing is a server that refuses every login as NetSuite does, dating its
// answers date (no Date header when date is nil).
func refusing(t *testing.T, date func() time.Time) *httptest.Server {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if date == nil {
			w.Header()["Date"] = nil
		} else {
			w.Header().Set("Date", date().UTC().Format(http.TimeFormat))
		}
		w.Header().Set("Content-Type", "application/vnd.oracle.resource+json; type=error")
		w.WriteHeader(http.StatusUnauthorized)
		w.Write([]byte(`{"type":"https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2","title":"Unauthorized","status":401,` +
			`"o:errorDetails":[{"detail":"Invalid login attempt.","o:errorCode":"INVALID_LOGIN"}]}`))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// Without an audit trail, a refused login names no cause it cannot know:
// the candidates come in the order the evidence gives them, and what was
// measured rules out the rest.
func TestRefusedLoginRanking(t *testing.T) {
	t.Parallel()
	srv := refusing(t, time.Now)
	at := time.Date(2026, 11, 30, 10, 2, 0, 0, time.UTC)
	tests := []struct {
		name   string
		change func(*Config)
		last   func(cfg Config) *Login
		want   []string
	}{
		{"first setup", nil, nil, []string{"InvalidSignature", "permission_denied", "token_rejected", "consumer_key_unknown",
			"consumer_key_refused", "FeatureDisabled", "temporary_locked", "InvalidRealm"}},
		{"a token ID out of form", func(c *Config) { c.Credentials.TokenID = hexKey[:60] }, nil,
			[]string{"token_rejected", "InvalidSignature", "permission_denied"}},
		{"a consumer secret out of form", func(c *Config) { c.Credentials.ConsumerSecret = "secret" }, nil,
			[]string{"InvalidSignature", "permission_denied", "token_rejected"}},
		{"accepted before with the same settings", nil, func(c Config) *Login { return loginOf(c, "1234567", at) },
			[]string{"token_rejected", "consumer_key_refused", "permission_denied", "FeatureDisabled", "temporary_locked", "InvalidSignature", "consumer_key_unknown", "InvalidRealm"}},
		{"accepted before with another token", nil, func(c Config) *Login {
			c.Credentials.TokenID, c.Credentials.TokenSecret = hexKey, tba.Secret(hexSecret)
			return loginOf(c, "1234567", at)
		}, []string{"InvalidSignature", "token_rejected", "permission_denied"}},
		{"accepted before in another account", nil, func(c Config) *Login { return loginOf(c, "1234567_SB1", at) },
			[]string{"InvalidRealm", "InvalidSignature", "permission_denied"}},
	}
	for _, tt := range tests {
		cfg := goodConfig()
		cfg.BaseURL, cfg.HTTPClient = srv.URL, srv.Client()
		if tt.change != nil {
			tt.change(&cfg)
		}
		if tt.last != nil {
			cfg.LastLogin = tt.last(cfg)
		}
		r := Run(t.Context(), cfg)
		c := r.Check("login")
		if c.Status != Fail || c.Cause != "" || c.Step != StepUnknown {
			t.Fatalf("%s: login %+v", tt.name, c)
		}
		var got []string
		for _, cand := range c.Candidates {
			got = append(got, cand.Reason)
			if cand.Cause == "" || cand.Fix == "" || cand.Evidence == "" {
				t.Errorf("%s: candidate %+v lacks words", tt.name, cand)
			}
		}
		if len(got) < len(tt.want) || strings.Join(got[:len(tt.want)], " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s: candidates %v, want %v first", tt.name, got, tt.want)
		}
		if len(c.RuledOut) != 2 || c.RuledOut[0].Reason != "InvalidTimestamp" || !strings.HasPrefix(c.RuledOut[0].Evidence, "this machine's clock is within 1s of NetSuite's (measured from the Date header") {
			t.Errorf("%s: ruled out %+v", tt.name, c.RuledOut)
		}
		if network := r.Check("network"); network.Status != OK || !strings.Contains(network.Reason, "answers over TLS 1.3; its certificate is valid until") {
			t.Errorf("%s: network %+v", tt.name, network)
		}
	}
}

// loginOf is what a run of cfg that NetSuite accepted in account would
// have kept.
func loginOf(cfg Config, account string, at time.Time) *Login {
	c := cfg.Credentials
	return &Login{At: at, Account: account,
		ConsumerKey: fingerprint("consumer key", c.ConsumerKey), ConsumerSecret: fingerprint("consumer secret", c.ConsumerSecret.Reveal()),
		TokenID: fingerprint("token ID", c.TokenID), TokenSecret: fingerprint("token secret", c.TokenSecret.Reveal())}
}

// The clock is measured from the Date header of the refusal: far off, it is
// the cause; within NetSuite's window it is ruled out; at the window's edge
// it is the likely cause; with no Date header it is neither.
func TestRefusedLoginClock(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		date     func() time.Time
		clock    Status
		cause    string // the login's named cause
		first    string // else the first candidate
		ruledOut bool   // InvalidTimestamp ruled out
		// clockSays is a pattern: the Date header counts whole seconds
		// and the answer's time on the way is halved, so a loaded
		// machine measures a second either side.
		clockSays string
	}{
		{"in time", time.Now, OK, "", "InvalidSignature", true, "this machine's clock is within"},
		{"2 minutes behind", func() time.Time { return time.Now().Add(2 * time.Minute) }, Warn, "", "InvalidSignature", true, `this machine's clock is (1m59s|2m0s|2m1s) behind NetSuite's \(measured from the Date header of its answer`},
		{"at the edge", func() time.Time { return time.Now().Add(-5 * time.Minute) }, Warn, "", "InvalidTimestamp", false, `this machine's clock is (4m59s|5m0s|5m1s) ahead of NetSuite's`},
		{"10 minutes ahead", func() time.Time { return time.Now().Add(-10 * time.Minute) }, Fail, "InvalidTimestamp", "", false, `this machine's clock is (9m59s|10m0s|10m1s) ahead of NetSuite's`},
		{"no Date header", nil, Skip, "", "InvalidSignature", false, "NetSuite's answer had no Date header"},
	}
	for _, tt := range tests {
		srv := refusing(t, tt.date)
		cfg := goodConfig()
		cfg.BaseURL, cfg.HTTPClient = srv.URL, srv.Client()
		r := Run(t.Context(), cfg)
		clock, login := r.Check("clock"), r.Check("login")
		if clock.Status != tt.clock || !regexp.MustCompile(tt.clockSays).MatchString(clock.Reason) {
			t.Errorf("%s: clock %s: %s", tt.name, clock.Status, clock.Reason)
		}
		if login.Cause != tt.cause {
			t.Errorf("%s: login cause %q, want %q: %s", tt.name, login.Cause, tt.cause, login.Reason)
		}
		if tt.first != "" && (len(login.Candidates) == 0 || login.Candidates[0].Reason != tt.first) {
			t.Errorf("%s: candidates %+v, want %s first", tt.name, login.Candidates, tt.first)
		}
		ruledOut := false
		for _, c := range login.RuledOut {
			ruledOut = ruledOut || c.Reason == ReasonInvalidTimestamp
		}
		if ruledOut != tt.ruledOut {
			t.Errorf("%s: InvalidTimestamp ruled out %v, want %v", tt.name, ruledOut, tt.ruledOut)
		}
	}
}
