package doctor

import (
	"encoding/json"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
)

// failing is an HTTP client whose every request fails with err.
func failing(err error) *http.Client {
	return &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) { return nil, err })}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// The settings are checked as written, each with what is wrong and where
// NetSuite shows the right value; settings that cannot sign a request stop
// the doctor before it sends one.
func TestSettings(t *testing.T) {
	t.Parallel()
	offline := failing(errors.New("offline"))
	tests := []struct {
		name   string
		change func(*Config)
		check  string
		status Status
		says   string
		sends  bool // whether a request is sent
	}{
		{"all well", func(*Config) {}, "account_id", OK, "1234567, a production account: realm 1234567, REST host 1234567.suitetalk.api.netsuite.com", true},
		{"sandbox", func(c *Config) { c.AccountID = "1234567_SB2" }, "account_id", OK, "a sandbox: realm 1234567_SB2, REST host 1234567-sb2.suitetalk.api.netsuite.com", true},
		{"lower case", func(c *Config) { c.AccountID = "1234567-sb1" }, "account_id", Warn, `written "1234567-sb1"; NetSuite's form is 1234567_SB1`, true},
		{"no account ID", func(c *Config) { c.AccountID = "" }, "account_id", Fail, "not set", false},
		{"pasted URL", func(c *Config) { c.AccountID = "https://1234567-sb1.app.netsuite.com/app/center/card.nl" }, "account_id", Fail, "the account ID in it is 1234567_SB1", false},
		{"no consumer key", func(c *Config) { c.Credentials.ConsumerKey = "" }, "consumer_key", Fail, "not set", false},
		{"secret with a line break", func(c *Config) { c.Credentials.ConsumerSecret += "\n" }, "consumer_secret", Fail, "it has a line break at its end", false},
		{"token ID with a space", func(c *Config) { c.Credentials.TokenID = hexKey[:20] + " " + hexKey[21:] }, "token_id", Fail, "it has a space at position 21 of 64", false},
		{"short token secret", func(c *Config) { c.Credentials.TokenSecret = "abc" }, "token_secret", Warn, "[REDACTED]: it is 3 characters long; NetSuite's are 64", true},
		{"key in upper case", func(c *Config) { c.Credentials.ConsumerKey = strings.ToUpper(hexKey) }, "consumer_key", OK, "0123…CDEF: 64 hexadecimal characters", true},
		{"token ID is the consumer key", func(c *Config) { c.Credentials.TokenID = hexKey }, "token_id", Warn, "the same value as the consumer key", true},
		{"no timezone", func(c *Config) { c.Timezone = "" }, "timezone_setting", Warn, "not set: datetimes would be read and written in UTC", true},
		{"local timezone", func(c *Config) { c.Timezone = "Local" }, "timezone_setting", Fail, "this machine's time zone", true},
		{"unknown timezone", func(c *Config) { c.Timezone = "Mars/Olympus" }, "timezone_setting", Fail, `"Mars/Olympus" is not an IANA time zone name`, true},
		{"base URL of another account", func(c *Config) { c.BaseURL = "https://7654321-sb1.suitetalk.api.netsuite.com" }, "base_url", Fail, "the host 7654321-sb1.suitetalk.api.netsuite.com serves the account 7654321_SB1, but the account ID is 1234567", false},
		{"base URL over http", func(c *Config) { c.BaseURL = "http://1234567.suitetalk.api.netsuite.com" }, "base_url", Fail, "over https only", false},
		{"base URL with the API path", func(c *Config) { c.BaseURL = "http://127.0.0.1:8080/services/rest/" }, "base_url", Fail, "it ends in /services/rest", false},
		{"base URL with a password", func(c *Config) { c.BaseURL = "http://me:pw@127.0.0.1:8080" }, "base_url", Fail, "user name or password", false},
		{"base URL not a URL", func(c *Config) { c.BaseURL = "127.0.0.1:8080" }, "base_url", Fail, "not an absolute http or https URL", false},
	}
	for _, tt := range tests {
		cfg := goodConfig()
		cfg.HTTPClient = offline
		tt.change(&cfg)
		r := Run(t.Context(), cfg)
		c := r.Check(tt.check)
		if c == nil || c.Status != tt.status || !strings.Contains(c.Reason, tt.says) {
			t.Errorf("%s: check %s = %+v, want %s saying %q", tt.name, tt.check, c, tt.status, tt.says)
			continue
		}
		if tt.status != OK && c.Fix == "" {
			t.Errorf("%s: no fix", tt.name)
		}
		if network := r.Check("network"); (network.Status != Skip) != tt.sends {
			t.Errorf("%s: network check %s: %s", tt.name, network.Status, network.Reason)
		}
		assertNoSecrets(t, r, cfg)
	}
}

// assertNoSecrets fails if a report shows a credential of cfg: the
// secrets are never shown, the consumer key and token ID only masked.
func assertNoSecrets(t *testing.T, r *Report, cfg Config) {
	t.Helper()
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	c := cfg.Credentials
	for _, s := range []string{c.ConsumerKey, c.ConsumerSecret.Reveal(), c.TokenID, c.TokenSecret.Reveal()} {
		if s = strings.TrimSpace(s); len(s) >= 8 && strings.Contains(string(data), s) {
			t.Errorf("the report shows a credential:\n%s", data)
		}
	}
}

// A failure to reach NetSuite says why, in the words that lead to the fix.
func TestNetworkFailures(t *testing.T) {
	t.Parallel()
	tlsSrv := httptest.NewUnstartedServer(http.NotFoundHandler())
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake
	tlsSrv.StartTLS()
	t.Cleanup(tlsSrv.Close)
	tests := []struct {
		name    string
		baseURL string
		client  *http.Client
		says    string
	}{
		{"no such host, derived from the account ID", "",
			failing(&net.DNSError{Err: "no such host", Name: "1234567.suitetalk.api.netsuite.com", IsNotFound: true}),
			"the host 1234567.suitetalk.api.netsuite.com does not exist: NetSuite makes it from the account ID, so no account has the ID 1234567"},
		{"DNS down", "", failing(&net.DNSError{Err: "server misbehaving", Name: "1234567.suitetalk.api.netsuite.com", IsTemporary: true}),
			"could not be looked up (server misbehaving)"},
		{"nothing listening", "http://127.0.0.1:9", failing(&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}),
			"the connection to http://127.0.0.1:9 was refused: nothing listens there"},
		{"TLS by an unknown authority", tlsSrv.URL, nil, "is signed by an authority this machine does not trust"},
	}
	for _, tt := range tests {
		cfg := goodConfig()
		cfg.BaseURL, cfg.HTTPClient = tt.baseURL, tt.client
		r := Run(t.Context(), cfg)
		c := r.Check("network")
		if c.Status != Fail || !strings.Contains(c.Reason, tt.says) || c.Fix == "" {
			t.Errorf("%s: %+v, want a failure saying %q", tt.name, c, tt.says)
		}
		if login := r.Check("login"); login.Status != Skip {
			t.Errorf("%s: login %s", tt.name, login.Status)
		}
	}
}
