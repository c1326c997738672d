package auth

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/nsconnect/nsconnect/emulator/internal/account"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// fakeClock is the emulator's clock in tests.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, time.March, 15, 17, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// env is an emulator's auth state for one test: the demo account, a clock and
// an Authenticator.
type env struct {
	acct  *account.Account
	clock *fakeClock
	auth  *Authenticator
	nonce atomic.Int64
}

func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{acct: account.Demo(), clock: newClock()}
	e.auth = New(e.acct, e.clock.Now, nil)
	return e
}

const (
	host   = "127.0.0.1:8080"
	path   = "/services/rest/record/v1/customer/1"
	remote = "127.0.0.1:54321"
)

// signer returns a signer for creds, timed by the env's clock and with a new
// nonce per request.
func (e *env) signer(t *testing.T, realm string, creds tba.Credentials) *tba.Signer {
	t.Helper()
	s, err := tba.NewSigner(realm, creds)
	if err != nil {
		t.Fatal(err)
	}
	s.Now = e.clock.Now
	s.Nonce = func() string { return fmt.Sprintf("nonce%015d", e.nonce.Add(1)) }
	return s
}

// request signs a GET of path as a client would (http://127.0.0.1:8080/...)
// and returns it as the server receives it.
func request(t *testing.T, s *tba.Signer) *http.Request {
	t.Helper()
	client, err := http.NewRequest(http.MethodGet, "http://"+host+path+"?expandSubResources=true", nil)
	if err != nil {
		t.Fatal(err)
	}
	if s != nil {
		if err := s.Sign(client); err != nil {
			t.Fatal(err)
		}
	}
	return toServer(client)
}

// toServer turns a client request into the request a server sees: a
// path-only request URI, the Host header, the client's address.
func toServer(client *http.Request) *http.Request {
	r := httptest.NewRequest(client.Method, client.URL.RequestURI(), client.Body)
	r.Host = client.URL.Host
	r.Header = client.Header.Clone()
	r.Header.Set("User-Agent", "nsconnect-test")
	r.RemoteAddr = remote
	return r
}

// demoEntry is the audit entry of a demo login that got as far as the token.
func demoEntry(status Status, reason tba.Reason) Entry {
	return Entry{
		Status:      status,
		Reason:      reason,
		Kind:        REST,
		User:        "nsconnect Integration User",
		Email:       account.DemoUserEmail,
		Role:        account.DemoRole,
		Integration: account.DemoIntegration,
		TokenName:   account.DemoTokenName,
		Token:       tba.Mask(account.DemoTokenID),
		IP:          remote,
		RequestURI:  path,
		UserAgent:   "nsconnect-test",
	}
}

// early is the audit entry of a login refused before the integration is known.
func early(reason tba.Reason) Entry {
	return Entry{Status: Failure, Reason: reason, Kind: REST, IP: remote, RequestURI: path, UserAgent: "nsconnect-test"}
}

func withIntegration(e Entry, name string) Entry {
	e.Integration = name
	return e
}

var entryCmp = cmpopts.IgnoreFields(Entry{}, "Time", "Detail")

func TestAuthenticate(t *testing.T) {
	t.Parallel()
	demo := account.DemoCredentials()
	realm := account.DemoAccountID
	other := tba.Credentials{ConsumerKey: "other-key-000000", ConsumerSecret: "other-secret", TokenID: demo.TokenID, TokenSecret: demo.TokenSecret}

	tests := []struct {
		name   string
		setup  func(t *testing.T, e *env)               // changes the account before the request
		req    func(t *testing.T, e *env) *http.Request // nil: a correctly signed demo request
		reason tba.Reason                               // "" for success
		entry  Entry
	}{
		{
			name:  "success",
			entry: demoEntry(Success, ""),
		},
		{
			name:   "no Authorization header",
			req:    func(t *testing.T, e *env) *http.Request { return request(t, nil) },
			reason: tba.MissingTokenPassportRequiredFields,
			entry:  early(tba.MissingTokenPassportRequiredFields),
		},
		{
			name: "two Authorization headers",
			req: func(t *testing.T, e *env) *http.Request {
				r := request(t, e.signer(t, realm, demo))
				r.Header.Add("Authorization", r.Header.Get("Authorization"))
				return r
			},
			reason: tba.ParameterRejected,
			entry:  early(tba.ParameterRejected),
		},
		{
			name: "HMAC-SHA1",
			req: func(t *testing.T, e *env) *http.Request {
				r := request(t, e.signer(t, realm, demo))
				r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "HMAC-SHA256", "HMAC-SHA1", 1))
				return r
			},
			reason: tba.UnknownAlgorithm,
			entry:  early(tba.UnknownAlgorithm),
		},
		{
			name:   "lower-case realm",
			req:    func(t *testing.T, e *env) *http.Request { return request(t, e.signer(t, "1234567_sb1", demo)) },
			reason: InvalidRealm,
			entry:  early(InvalidRealm),
		},
		{
			name:   "another account's realm",
			req:    func(t *testing.T, e *env) *http.Request { return request(t, e.signer(t, "7654321", demo)) },
			reason: InvalidRealm,
			entry:  early(InvalidRealm),
		},
		{
			name:   "TBA feature disabled",
			setup:  func(t *testing.T, e *env) { must(t, e.acct.SetFeature(account.FeatureTokenBasedAuthentication, false)) },
			reason: FeatureDisabled,
			entry:  early(FeatureDisabled),
		},
		{
			name: "unknown consumer key",
			req: func(t *testing.T, e *env) *http.Request {
				return request(t, e.signer(t, realm, other))
			},
			reason: ConsumerKeyUnknown,
			entry:  early(ConsumerKeyUnknown),
		},
		{
			name: "integration blocked",
			setup: func(t *testing.T, e *env) {
				must(t, e.acct.SetIntegrationState(account.DemoIntegration, account.Blocked))
			},
			reason: ConsumerKeyRefused,
			entry:  withIntegration(early(ConsumerKeyRefused), account.DemoIntegration),
		},
		{
			name:   "integration TBA box cleared",
			setup:  func(t *testing.T, e *env) { must(t, e.acct.SetIntegrationTBA(account.DemoIntegration, false)) },
			reason: ConsumerKeyRefused,
			entry:  withIntegration(early(ConsumerKeyRefused), account.DemoIntegration),
		},
		{
			name: "unknown token",
			req: func(t *testing.T, e *env) *http.Request {
				c := demo
				c.TokenID = "ffffffffffffffffffff"
				return request(t, e.signer(t, realm, c))
			},
			reason: TokenRejected,
			entry:  withIntegration(early(TokenRejected), account.DemoIntegration),
		},
		{
			name:   "revoked token",
			setup:  func(t *testing.T, e *env) { must(t, e.acct.RevokeToken(account.DemoTokenID)) },
			reason: TokenRejected,
			entry:  demoEntry(Failure, TokenRejected),
		},
		{
			name: "token of another integration",
			setup: func(t *testing.T, e *env) {
				e.acct.Integrations = append(e.acct.Integrations, account.Integration{
					Name: "other app", ConsumerKey: other.ConsumerKey, ConsumerSecret: other.ConsumerSecret,
					State: account.Enabled, TokenBasedAuthentication: true,
				})
			},
			req:    func(t *testing.T, e *env) *http.Request { return request(t, e.signer(t, realm, other)) },
			reason: TokenRejected,
			entry:  withIntegration(demoEntry(Failure, TokenRejected), "other app"),
		},
		{
			name: "user locked",
			setup: func(t *testing.T, e *env) {
				c := demo
				c.TokenSecret = "wrong"
				for range MaxFailedLogins {
					if _, err := e.auth.Authenticate(request(t, e.signer(t, realm, c)), REST); ReasonOf(err) != tba.InvalidSignature {
						t.Fatalf("bad signature: %v", err)
					}
				}
			},
			reason: TemporaryLocked,
			entry:  demoEntry(Failure, TemporaryLocked),
		},
		{
			name: "timestamp 6 minutes ahead",
			req: func(t *testing.T, e *env) *http.Request {
				s := e.signer(t, realm, demo)
				s.Now = func() time.Time { return e.clock.Now().Add(6 * time.Minute) }
				return request(t, s)
			},
			reason: tba.InvalidTimestamp,
			entry:  demoEntry(Failure, tba.InvalidTimestamp),
		},
		{
			name: "timestamp 6 minutes behind",
			req: func(t *testing.T, e *env) *http.Request {
				s := e.signer(t, realm, demo)
				s.Now = func() time.Time { return e.clock.Now().Add(-6 * time.Minute) }
				return request(t, s)
			},
			reason: tba.InvalidTimestamp,
			entry:  demoEntry(Failure, tba.InvalidTimestamp),
		},
		{
			name: "wrong token secret",
			req: func(t *testing.T, e *env) *http.Request {
				c := demo
				c.TokenSecret = "not-the-token-secret"
				return request(t, e.signer(t, realm, c))
			},
			reason: tba.InvalidSignature,
			entry:  demoEntry(Failure, tba.InvalidSignature),
		},
		{
			name: "signed for another host",
			req: func(t *testing.T, e *env) *http.Request {
				r := request(t, e.signer(t, realm, demo))
				r.Host = "127.0.0.1:9090"
				return r
			},
			reason: tba.InvalidSignature,
			entry:  demoEntry(Failure, tba.InvalidSignature),
		},
		{
			name: "nonce replayed",
			req: func(t *testing.T, e *env) *http.Request {
				s := e.signer(t, realm, demo)
				s.Nonce = func() string { return "fixednonce0123456789" }
				if _, err := e.auth.Authenticate(request(t, s), REST); err != nil {
					t.Fatalf("first use of the nonce: %v", err)
				}
				return request(t, s)
			},
			reason: tba.NonceUsed,
			entry:  demoEntry(Failure, tba.NonceUsed),
		},
		{
			name:   "user inactive",
			setup:  func(t *testing.T, e *env) { must(t, e.acct.SetUserInactive(account.DemoUserEmail, true)) },
			reason: PermissionDenied,
			entry:  demoEntry(Failure, PermissionDenied),
		},
		{
			name:   "user no longer has the role",
			setup:  func(t *testing.T, e *env) { must(t, e.acct.RemoveUserRole(account.DemoUserEmail, account.DemoRole)) },
			reason: PermissionDenied,
			entry:  demoEntry(Failure, PermissionDenied),
		},
		{
			name: "role cannot log in with tokens",
			setup: func(t *testing.T, e *env) {
				must(t, e.acct.SetPermission(account.DemoRole, account.PermLogInUsingAccessTokens, account.None))
			},
			reason: PermissionDenied,
			entry:  demoEntry(Failure, PermissionDenied),
		},
		{
			name: "Access Token Management does not allow logging in",
			setup: func(t *testing.T, e *env) {
				must(t, e.acct.SetPermission(account.DemoRole, account.PermLogInUsingAccessTokens, account.None))
				must(t, e.acct.SetPermission(account.DemoRole, account.PermAccessTokenManagement, account.Full))
			},
			reason: PermissionDenied,
			entry:  demoEntry(Failure, PermissionDenied),
		},
		{
			name: "User Access Tokens allows logging in",
			setup: func(t *testing.T, e *env) {
				must(t, e.acct.SetPermission(account.DemoRole, account.PermLogInUsingAccessTokens, account.None))
				must(t, e.acct.SetPermission(account.DemoRole, account.PermUserAccessTokens, account.Full))
			},
			entry: demoEntry(Success, ""),
		},
		{
			name: "role lacks REST Web Services",
			setup: func(t *testing.T, e *env) {
				must(t, e.acct.SetPermission(account.DemoRole, account.PermRESTWebServices, account.Edit))
			},
			reason: PermissionDenied,
			entry:  demoEntry(Failure, PermissionDenied),
		},
		{
			name:   "REST Web Services feature disabled",
			setup:  func(t *testing.T, e *env) { must(t, e.acct.SetFeature(account.FeatureRESTWebServices, false)) },
			reason: FeatureDisabled,
			entry:  demoEntry(Failure, FeatureDisabled),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			if tt.setup != nil {
				tt.setup(t, e)
			}
			var r *http.Request
			if tt.req != nil {
				r = tt.req(t, e)
			} else {
				r = request(t, e.signer(t, realm, demo))
			}
			p, err := e.auth.Authenticate(r, REST)
			if got := ReasonOf(err); got != tt.reason {
				t.Fatalf("reason = %q (err %v), want %q", got, err, tt.reason)
			}
			if tt.reason == "" {
				if p == nil || p.User.Email != account.DemoUserEmail || p.Role.Name != account.DemoRole || p.Integration != account.DemoIntegration || p.TokenID != account.DemoTokenID || p.Kind != REST {
					t.Errorf("principal = %+v", p)
				}
			} else {
				if p != nil {
					t.Errorf("principal %+v returned with an error", p)
				}
				if _, ok := err.(*Error); !ok {
					t.Errorf("error %T is not an *Error", err)
				}
			}
			last := e.auth.Trail().List("", 1)
			if len(last) != 1 {
				t.Fatal("nothing in the audit trail")
			}
			if diff := cmp.Diff(tt.entry, last[0], entryCmp); diff != "" {
				t.Errorf("audit entry (-want +got):\n%s", diff)
			}
			if !last[0].Time.Equal(e.clock.Now()) {
				t.Errorf("entry time %v, want the emulator clock's %v", last[0].Time, e.clock.Now())
			}
			if tt.reason != "" && (last[0].Detail == "" || !strings.Contains(err.Error(), last[0].Detail)) {
				t.Errorf("detail %q missing or not in the error %q", last[0].Detail, err)
			}
		})
	}
}

// The details say what to fix.
func TestAuthenticateDetails(t *testing.T) {
	t.Parallel()
	demo := account.DemoCredentials()
	tests := []struct {
		name  string
		setup func(t *testing.T, e *env)
		realm string
		want  string
	}{
		{"lower-case realm", nil, "1234567_sb1", `auth: invalid login attempt: InvalidRealm: realm "1234567_sb1" is not the account ID as NetSuite shows it, 1234567_SB1: the realm is case-sensitive`},
		{"TBA feature", func(t *testing.T, e *env) { must(t, e.acct.SetFeature(account.FeatureTokenBasedAuthentication, false)) }, "",
			`auth: invalid login attempt: FeatureDisabled: the Token-Based Authentication feature is not enabled (Setup > Company > Enable Features > SuiteCloud)`},
		{"blocked", func(t *testing.T, e *env) {
			must(t, e.acct.SetIntegrationState(account.DemoIntegration, account.Blocked))
		}, "",
			`auth: invalid login attempt: consumer_key_refused: the integration record "nsconnect demo" is Blocked`},
		{"revoked", func(t *testing.T, e *env) { must(t, e.acct.RevokeToken(account.DemoTokenID)) }, "",
			`auth: invalid login attempt: token_rejected: access token a848…4903 is revoked`},
		{"access token management", func(t *testing.T, e *env) {
			must(t, e.acct.SetPermission(account.DemoRole, account.PermLogInUsingAccessTokens, account.None))
			must(t, e.acct.SetPermission(account.DemoRole, account.PermAccessTokenManagement, account.Full))
		}, "", `auth: invalid login attempt: permission_denied: the role "nsconnect Integration" has neither Log in using Access Tokens nor User Access Tokens at Full; Access Token Management does not allow logging in with tokens`},
		{"REST permission", func(t *testing.T, e *env) {
			must(t, e.acct.SetPermission(account.DemoRole, account.PermRESTWebServices, account.None))
		}, "", `auth: invalid login attempt: permission_denied: the role "nsconnect Integration" does not have the REST Web Services permission at Full (it has None)`},
		{"REST feature", func(t *testing.T, e *env) { must(t, e.acct.SetFeature(account.FeatureRESTWebServices, false)) }, "",
			`auth: invalid login attempt: FeatureDisabled: the REST Web Services feature is not enabled (Setup > Company > Enable Features > SuiteCloud)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			if tt.setup != nil {
				tt.setup(t, e)
			}
			realm := tt.realm
			if realm == "" {
				realm = account.DemoAccountID
			}
			_, err := e.auth.Authenticate(request(t, e.signer(t, realm, demo)), REST)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error\n got %v\nwant %s", err, tt.want)
			}
		})
	}
}

func TestLockout(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	demo := account.DemoCredentials()
	good := e.signer(t, account.DemoAccountID, demo)
	badCreds := demo
	badCreds.TokenSecret = "wrong"
	bad := e.signer(t, account.DemoAccountID, badCreds)
	try := func(s *tba.Signer) tba.Reason {
		t.Helper()
		_, err := e.auth.Authenticate(request(t, s), REST)
		return ReasonOf(err)
	}

	for i := range MaxFailedLogins {
		if got := try(bad); got != tba.InvalidSignature {
			t.Fatalf("failure %d: %q", i+1, got)
		}
	}
	fifth := e.auth.Trail().List(Failure, 1)[0]
	if !strings.Contains(fifth.Detail, "after 5 failed logins in a row the user is locked for 30m0s") {
		t.Errorf("the locking failure's detail = %q", fifth.Detail)
	}
	if got := try(good); got != TemporaryLocked {
		t.Fatalf("correct request after 5 failures: %q, want temporary_locked", got)
	}
	e.clock.Advance(LockoutDuration - time.Second)
	if got := try(good); got != TemporaryLocked {
		t.Fatalf("29m59s later: %q, want temporary_locked", got)
	}
	e.clock.Advance(time.Second)
	if got := try(good); got != "" {
		t.Fatalf("30 minutes later: %q, want success", got)
	}

	// The success reset the count: 4 failures do not lock.
	for range MaxFailedLogins - 1 {
		try(bad)
	}
	if got := try(good); got != "" {
		t.Fatalf("after 4 failures: %q, want success", got)
	}

	// Once a lock expires, one more failure locks again at once.
	for range MaxFailedLogins {
		try(bad)
	}
	e.clock.Advance(LockoutDuration)
	if got := try(bad); got != tba.InvalidSignature {
		t.Fatalf("failure after the lock: %q", got)
	}
	if got := try(good); got != TemporaryLocked {
		t.Fatalf("after one more failure: %q, want temporary_locked", got)
	}
}

// Failures before the user is known do not count toward a lock.
func TestLockoutNeedsAKnownUser(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	demo := account.DemoCredentials()
	unknown := demo
	unknown.TokenID = "0000000000000000"
	for range 2 * MaxFailedLogins {
		if _, err := e.auth.Authenticate(request(t, e.signer(t, account.DemoAccountID, unknown)), REST); ReasonOf(err) != TokenRejected {
			t.Fatalf("unknown token: %v", err)
		}
		if _, err := e.auth.Authenticate(request(t, e.signer(t, "1234567_sb1", demo)), REST); ReasonOf(err) != InvalidRealm {
			t.Fatalf("bad realm: %v", err)
		}
	}
	if _, err := e.auth.Authenticate(request(t, e.signer(t, account.DemoAccountID, demo)), REST); err != nil {
		t.Fatalf("after failures of unknown users: %v", err)
	}
}

// A change to the account applies to the very next request.
func TestRuntimeChanges(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	s := e.signer(t, account.DemoAccountID, account.DemoCredentials())
	steps := []struct {
		name   string
		change func() error
		want   tba.Reason
	}{
		{"start", func() error { return nil }, ""},
		{"disable TBA", func() error { return e.acct.SetFeature(account.FeatureTokenBasedAuthentication, false) }, FeatureDisabled},
		{"enable TBA", func() error { return e.acct.SetFeature(account.FeatureTokenBasedAuthentication, true) }, ""},
		{"block", func() error { return e.acct.SetIntegrationState(account.DemoIntegration, account.Blocked) }, ConsumerKeyRefused},
		{"unblock", func() error { return e.acct.SetIntegrationState(account.DemoIntegration, account.Enabled) }, ""},
		{"clear TBA box", func() error { return e.acct.SetIntegrationTBA(account.DemoIntegration, false) }, ConsumerKeyRefused},
		{"check TBA box", func() error { return e.acct.SetIntegrationTBA(account.DemoIntegration, true) }, ""},
		{"drop REST permission", func() error {
			return e.acct.SetPermission(account.DemoRole, account.PermRESTWebServices, account.None)
		}, PermissionDenied},
		{"restore REST permission", func() error {
			return e.acct.SetPermission(account.DemoRole, account.PermRESTWebServices, account.Full)
		}, ""},
		{"remove role", func() error { return e.acct.RemoveUserRole(account.DemoUserEmail, account.DemoRole) }, PermissionDenied},
		{"give role back", func() error { return e.acct.AddUserRole(account.DemoUserEmail, account.DemoRole) }, ""},
		{"deactivate user", func() error { return e.acct.SetUserInactive(account.DemoUserEmail, true) }, PermissionDenied},
		{"reactivate user", func() error { return e.acct.SetUserInactive(account.DemoUserEmail, false) }, ""},
		{"disable REST", func() error { return e.acct.SetFeature(account.FeatureRESTWebServices, false) }, FeatureDisabled},
		{"enable REST", func() error { return e.acct.SetFeature(account.FeatureRESTWebServices, true) }, ""},
		{"revoke token", func() error { return e.acct.RevokeToken(account.DemoTokenID) }, TokenRejected},
	}
	for _, step := range steps {
		must(t, step.change())
		_, err := e.auth.Authenticate(request(t, s), REST)
		if got := ReasonOf(err); got != step.want {
			t.Errorf("%s: reason %q (%v), want %q", step.name, got, err, step.want)
		}
	}
}

// No secret reaches an error or the audit trail; identifiers are masked.
func TestNoSecretLeaks(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	demo := account.DemoCredentials()
	wrong := demo
	wrong.ConsumerSecret, wrong.TokenSecret = "wrong-consumer-secret", "wrong-token-secret"
	unknown := demo
	unknown.ConsumerKey = "ffffffffffffffffffffffffffffffff"
	unknownToken := demo
	unknownToken.TokenID = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"
	var errs []string
	try := func(r *http.Request) {
		if _, err := e.auth.Authenticate(r, REST); err != nil {
			errs = append(errs, err.Error(), fmt.Sprintf("%+v %#v", err, err))
		}
	}
	for _, c := range []tba.Credentials{demo, wrong, unknown, unknownToken} {
		try(request(t, e.signer(t, account.DemoAccountID, c)))
		try(request(t, e.signer(t, "1234567_sb1", c)))
	}
	skewed := e.signer(t, account.DemoAccountID, demo)
	skewed.Now = func() time.Time { return e.clock.Now().Add(time.Hour) }
	try(request(t, skewed))
	must(t, e.acct.SetPermission(account.DemoRole, account.PermRESTWebServices, account.None))
	try(request(t, e.signer(t, account.DemoAccountID, demo)))
	for range MaxFailedLogins + 1 {
		try(request(t, e.signer(t, account.DemoAccountID, wrong)))
	}
	must(t, e.acct.RevokeToken(account.DemoTokenID))
	try(request(t, e.signer(t, account.DemoAccountID, demo)))

	trail, err := json.Marshal(e.auth.Trail().List("", 0))
	if err != nil {
		t.Fatal(err)
	}
	text := string(trail) + "\n" + strings.Join(errs, "\n")
	if len(errs) < 10 {
		t.Fatalf("only %d refusals", len(errs))
	}
	for _, secret := range []string{
		demo.ConsumerSecret.Reveal(), demo.TokenSecret.Reveal(),
		wrong.ConsumerSecret.Reveal(), wrong.TokenSecret.Reveal(),
	} {
		if strings.Contains(text, secret) {
			t.Errorf("secret %q… appears in the trail or an error", secret[:6])
		}
	}
	for _, id := range []string{demo.ConsumerKey, demo.TokenID, unknown.ConsumerKey, unknownToken.TokenID} {
		if strings.Contains(text, id) {
			t.Errorf("unmasked identifier %s… appears in the trail or an error", id[:6])
		}
	}
}

// The emulator verifies what a real client sends over a real connection,
// signed for http://127.0.0.1:PORT/..., with a form body signed too.
func TestAuthenticateOverHTTP(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, err := e.auth.Authenticate(r, REST)
		if err != nil {
			http.Error(w, string(ReasonOf(err)), http.StatusUnauthorized)
			return
		}
		body, _ := io.ReadAll(r.Body)
		fmt.Fprintf(w, "%s %s", p.User.Email, body)
	}))
	defer srv.Close()
	s := e.signer(t, account.DemoAccountID, account.DemoCredentials())
	client := &http.Client{Transport: &tba.Transport{Signer: s}}

	resp, err := client.Get(srv.URL + "/services/rest/record/v1/customer?q=email%20START_WITH%20barbara&limit=2")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || string(body) != account.DemoUserEmail+" " {
		t.Fatalf("GET: %d %s", resp.StatusCode, body)
	}

	form := "a=1&b=two+words"
	resp, err = client.Post(srv.URL+"/services/rest/query/v1/x?offset=0", "application/x-www-form-urlencoded", strings.NewReader(form))
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || string(body) != account.DemoUserEmail+" "+form {
		t.Fatalf("form POST: %d %s (the body must stay readable)", resp.StatusCode, body)
	}

	// A form body changed after signing fails the signature.
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/services/rest/query/v1/x", strings.NewReader(form))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	must(t, s.Sign(req))
	req.Body = io.NopCloser(strings.NewReader("a=2&b=two+words"))
	req.ContentLength = int64(len("a=2&b=two+words"))
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized || strings.TrimSpace(string(body)) != string(tba.InvalidSignature) {
		t.Fatalf("tampered form: %d %s", resp.StatusCode, body)
	}
}

// Many clients log in at once (run with -race).
func TestConcurrentLogins(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	s := e.signer(t, account.DemoAccountID, account.DemoCredentials())
	var wg sync.WaitGroup
	var failed atomic.Int64
	for range 8 {
		wg.Go(func() {
			for range 50 {
				if _, err := e.auth.Authenticate(request(t, s), REST); err != nil {
					failed.Add(1)
				}
			}
		})
	}
	wg.Go(func() {
		for i := range 50 {
			_ = e.acct.SetRecordPermission(account.DemoRole, "customer", account.Level(i%5))
			e.auth.Trail().List(Failure, 10)
		}
	})
	wg.Wait()
	if n := failed.Load(); n != 0 {
		t.Errorf("%d logins failed", n)
	}
	if got := e.auth.Trail().Len(); got != 400 {
		t.Errorf("trail has %d entries, want 400", got)
	}
}

func TestReasonOf(t *testing.T) {
	t.Parallel()
	err := fmt.Errorf("wrapped: %w", &Error{Reason: TokenRejected, Detail: "x"})
	if got := ReasonOf(err); got != TokenRejected {
		t.Errorf("ReasonOf(wrapped auth error) = %q", got)
	}
	if _, err := tba.ParseAuthorization("Basic x"); ReasonOf(err) != tba.MissingTokenPassportRequiredFields {
		t.Errorf("ReasonOf(tba error) = %q", ReasonOf(err))
	}
	if got := ReasonOf(io.EOF); got != "" {
		t.Errorf("ReasonOf(EOF) = %q", got)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestRESTletLogin: a RESTlet login needs Server SuiteScript, not REST Web
// Services, and refuses a Web Services Only role.
func TestRESTletLogin(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		setup  func(t *testing.T, e *env)
		reason tba.Reason
	}{
		{"without REST Web Services", func(t *testing.T, e *env) {
			must(t, e.acct.SetFeature(account.FeatureRESTWebServices, false))
			must(t, e.acct.SetPermission(account.DemoRole, account.PermRESTWebServices, account.None))
		}, ""},
		{"Server SuiteScript disabled", func(t *testing.T, e *env) {
			must(t, e.acct.SetFeature(account.FeatureServerSuiteScript, false))
		}, FeatureDisabled},
		{"Web Services Only role", func(t *testing.T, e *env) {
			e.acct.Roles[0].WebServicesOnly = true // before the account is shared by a server
		}, PermissionDenied},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			tt.setup(t, e)
			p, err := e.auth.Authenticate(request(t, e.signer(t, account.DemoAccountID, account.DemoCredentials())), RESTlet)
			if got := ReasonOf(err); got != tt.reason {
				t.Fatalf("reason = %q (err %v), want %q", got, err, tt.reason)
			}
			if tt.reason == "" && p.Kind != RESTlet {
				t.Errorf("principal kind %q", p.Kind)
			}
			if last := e.auth.Trail().List("", 1); len(last) != 1 || last[0].Kind != RESTlet || last[0].Reason != tt.reason {
				t.Errorf("audit entry %+v", last)
			}
		})
	}
}
