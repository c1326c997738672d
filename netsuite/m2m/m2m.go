package m2m

import (
	"bytes"
	"context"
	"crypto"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/nsconnect/nsconnect/internal/backoff"
	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// TokenPath is where the token endpoint is under the base URL
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_162755359851.html).
const TokenPath = "/services/rest/auth/oauth2/v1/token"

// The scopes an integration record can grant
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_162790605110.html).
const (
	ScopeRESTWebServices = "rest_webservices" // REST web services and SuiteQL
	ScopeRESTlets        = "restlets"
	ScopeSuiteAnalytics  = "suite_analytics" // SuiteAnalytics Connect
)

// Scopes returns the scopes NetSuite knows, in the order Oracle lists them.
func Scopes() []string {
	return []string{ScopeRESTlets, ScopeRESTWebServices, ScopeSuiteAnalytics}
}

const (
	// DefaultAssertionLifetime is how long a client assertion is valid:
	// exp = iat + 5 minutes. NetSuite wants less than 60 minutes.
	DefaultAssertionLifetime = 5 * time.Minute
	// MaxAssertionLifetime is the longest Config.AssertionLifetime.
	MaxAssertionLifetime = 30 * time.Minute
	// renewEarly is how long before its expiry a token is renewed, so that
	// a request does not reach NetSuite with a token that has just died.
	renewEarly = 5 * time.Minute
	// defaultExpiresIn is a token's life when the answer does not say:
	// NetSuite documents expires_in as always 3600.
	defaultExpiresIn = 3600
	maxExpiresIn     = 24 * 3600
)

// Config is an OAuth 2.0 client credentials (machine-to-machine) setup:
// the integration record, the certificate mapped to an entity and role,
// and the private key of that certificate.
type Config struct {
	// ClientID is the integration record's client ID (the assertion's
	// iss). Required.
	ClientID string
	// CertificateID is the ID NetSuite shows for the certificate in the
	// OAuth 2.0 Client Credentials (M2M) Setup list (the assertion's
	// header kid). Required.
	CertificateID string
	// Key signs the assertions: the private key of the mapped certificate,
	// RSA of 3072 or 4096 bits or EC on P-256, P-384 or P-521. Any
	// crypto.Signer will do (a key in a KMS); ParsePrivateKey reads PEM.
	// Required.
	Key crypto.Signer
	// Scopes are the scopes asked for: some of restlets, rest_webservices
	// and suite_analytics, each granted on the integration record. The
	// default is rest_webservices, which the REST API and SuiteQL need.
	Scopes []string
	// AssertionLifetime is exp - iat of each assertion:
	// DefaultAssertionLifetime when 0, at most MaxAssertionLifetime.
	AssertionLifetime time.Duration
	// Now is the clock that dates the assertions and ages the tokens;
	// nil means time.Now. Tests replace it.
	Now func() time.Time
}

// An Authenticator authenticates a netsuite.Client's requests with OAuth
// 2.0 bearer tokens that it gets from the account's token endpoint with a
// signed client assertion, keeps, and renews five minutes before they
// expire (there is no refresh token: each renewal is a new assertion).
// Pass it to netsuite.WithAuthenticator. Each Client gets a token cache of
// its own; concurrent requests wait for one exchange.
//
// The exchange is not a REST call: it does not take a slot of the Client's
// concurrency limiter (the request that needs the token holds one already)
// and goes to the transport of the Client's http.Client. It is retried
// after a 429, a 5xx or a network failure with the Client's retry policy,
// within the request's deadline. A refusal (invalid_grant,
// invalid_client, invalid_scope, unauthorized_client, invalid_request) is
// not retried: it is a *netsuite.Error whose detail names the likely
// setup step, with netsuite.ErrAuthentication and ErrExchange in its
// chain.
//
// A request NetSuite answers 401 (a token revoked or expired early) makes
// the Authenticator drop the token, get a new one and send the request
// once more; a second 401 is an error with netsuite.ErrAuthentication in
// its chain.
type Authenticator struct {
	cfg Config
	alg string
}

// New checks cfg and returns its Authenticator.
func New(cfg Config) (*Authenticator, error) {
	var errs []error
	if strings.TrimSpace(cfg.ClientID) == "" {
		errs = append(errs, errors.New("m2m: no client ID: set Config.ClientID to the client ID NetSuite showed when the integration record was saved (Setup > Integration > Manage Integrations)"))
	}
	if strings.TrimSpace(cfg.CertificateID) == "" {
		errs = append(errs, errors.New("m2m: no certificate ID: set Config.CertificateID to the Certificate ID of the mapping (Setup > Integration > Manage Authentication > OAuth 2.0 Client Credentials (M2M) Setup)"))
	}
	var alg string
	if cfg.Key == nil {
		errs = append(errs, errors.New("m2m: no private key: set Config.Key, for example from ParsePrivateKey, to the private key of the certificate mapped in NetSuite"))
	} else if a, err := Algorithm(cfg.Key.Public()); err != nil {
		errs = append(errs, fmt.Errorf("m2m: Config.Key is %w", err))
	} else {
		alg = a
	}
	if cfg.Scopes == nil {
		cfg.Scopes = []string{ScopeRESTWebServices}
	}
	if err := CheckScopes(cfg.Scopes); err != nil {
		errs = append(errs, fmt.Errorf("m2m: Config.Scopes: %w", err))
	}
	switch {
	case cfg.AssertionLifetime == 0:
		cfg.AssertionLifetime = DefaultAssertionLifetime
	case cfg.AssertionLifetime < time.Second || cfg.AssertionLifetime > MaxAssertionLifetime:
		errs = append(errs, fmt.Errorf("m2m: Config.AssertionLifetime %s: want from 1s to %s; NetSuite refuses an assertion valid for 60 minutes or more", cfg.AssertionLifetime, MaxAssertionLifetime))
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	cfg.Scopes = append([]string(nil), cfg.Scopes...)
	return &Authenticator{cfg: cfg, alg: alg}, nil
}

// CheckScopes returns an error unless scopes is a non-empty list of the
// scopes NetSuite knows, each once.
func CheckScopes(scopes []string) error {
	if len(scopes) == 0 {
		return fmt.Errorf("no scope; want some of %s", strings.Join(Scopes(), ", "))
	}
	seen := map[string]bool{}
	for _, s := range scopes {
		known := false
		for _, k := range Scopes() {
			known = known || s == k
		}
		switch {
		case !known:
			return fmt.Errorf("unknown scope %q; want some of %s", s, strings.Join(Scopes(), ", "))
		case seen[s]:
			return fmt.Errorf("scope %q twice", s)
		}
		seen[s] = true
	}
	return nil
}

var (
	_ netsuite.Scoped = (*Authenticator)(nil)
	_ netsuite.Scoped = (*Source)(nil)
)

// Scopes returns the scopes the tokens are asked for (netsuite.Scoped).
func (a *Authenticator) Scopes() []string { return slices.Clone(a.cfg.Scopes) }

// Scopes returns the scopes of the Source's tokens (netsuite.Scoped).
func (s *Source) Scopes() []string { return s.a.Scopes() }

// Algorithm returns the JWS algorithm of the assertions: PS256, ES256,
// ES384 or ES512.
func (a *Authenticator) Algorithm() string { return a.alg }

// Transport implements netsuite.Authenticator. The token goes only to the
// base URL's host and the account's RESTlet host: a request elsewhere (a
// redirect, which net/http follows through this transport) is refused, as
// a bearer token would open every endpoint to whoever got it for an hour.
func (a *Authenticator) Transport(s netsuite.AuthSetup) (http.RoundTripper, error) {
	return a.Source(s).Transport(s)
}

func base(rt http.RoundTripper) http.RoundTripper {
	if rt == nil {
		return http.DefaultTransport
	}
	return rt
}

// Source returns a token source for the Client that s describes: what
// Transport uses, for a program (such as a doctor) that wants to see the
// exchange itself.
func (a *Authenticator) Source(s netsuite.AuthSetup) *Source {
	hc := &http.Client{
		Transport: base(s.Base),
		// A redirect would post the signed assertion, which buys a token
		// until it expires, to wherever it points: the 3xx is an answer
		// of its own (a refusal).
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return &Source{a: a, tokenURL: tokenURL(s.BaseURL), hc: hc, retry: s.Retry.WithDefaults(), userAgent: s.UserAgent}
}

// tokenURL is the token endpoint under a Client's REST base URL.
func tokenURL(rest *url.URL) string {
	return rest.ResolveReference(&url.URL{Path: strings.TrimPrefix(TokenPath, "/services/rest/")}).String()
}

// Transport implements netsuite.Authenticator with the Source's tokens: a
// Client built with netsuite.WithAuthenticator(s) sends the token s keeps
// and shares its renewals, instead of exchanging an assertion of its own.
// A doctor that has checked the exchange through s logs in with the token
// it got. The Client's base URL must lead to the same token endpoint as
// the Source's, so that a token goes only to the account that issued it;
// it goes only to the base URL's host and the account's RESTlet host.
func (s *Source) Transport(setup netsuite.AuthSetup) (http.RoundTripper, error) {
	if u := tokenURL(setup.BaseURL); u != s.tokenURL {
		return nil, fmt.Errorf("m2m: the Source's tokens come from %s, not from %s, this Client's token endpoint: get the Source from Authenticator.Source with the Client's base URL", s.tokenURL, u)
	}
	hosts := map[string]bool{setup.BaseURL.Scheme + "://" + setup.BaseURL.Host: true}
	if !setup.Account.IsZero() {
		hosts["https://"+setup.Account.RESTletHost()] = true
	}
	return &transport{src: s, base: base(setup.Base), hosts: hosts}, nil
}

// A Source gets tokens from one token endpoint and keeps the last one
// until five minutes before it expires. It is safe for concurrent use: one
// exchange runs at a time and the callers that need a token meanwhile wait
// for it.
type Source struct {
	a        *Authenticator
	tokenURL string
	hc       *http.Client
	retry    netsuite.RetryPolicy
	// userAgent is the exchange's User-Agent, when not "".
	userAgent string

	mu     sync.Mutex
	tok    *Token
	flight *flight
}

// A Token is an access token. Its value is never printed.
type Token struct {
	value tba.Secret
	// Obtained is when the exchange that got it started, by Config.Now.
	Obtained time.Time
	// Expiry is when NetSuite stops taking it: Obtained plus expires_in.
	Expiry time.Time
}

// String describes t without its value, for %v and %s.
func (t Token) String() string {
	return fmt.Sprintf("m2m.Token{Obtained: %s, Expiry: %s}", t.Obtained.Format(time.RFC3339), t.Expiry.Format(time.RFC3339))
}

// GoString is String, for %#v.
func (t Token) GoString() string { return t.String() }

// LogValue keeps the value out of slog's output.
func (t Token) LogValue() slog.Value {
	return slog.GroupValue(slog.Time("obtained", t.Obtained), slog.Time("expiry", t.Expiry))
}

func (t *Token) renewAt() time.Time {
	early := min(renewEarly, t.Expiry.Sub(t.Obtained)/2)
	return t.Expiry.Add(-early)
}

type flight struct {
	done chan struct{}
	tok  *Token
	err  error
}

// TokenURL returns the URL of the token endpoint, the assertion's aud.
func (s *Source) TokenURL() string { return s.tokenURL }

// Token returns the kept token, or gets a new one when there is none or it
// is due for renewal.
func (s *Source) Token(ctx context.Context) (*Token, error) { return s.token(ctx, nil) }

// token is Token; a non-nil stale token, which NetSuite refused, is dropped
// first unless another caller has replaced it already.
func (s *Source) token(ctx context.Context, stale *Token) (*Token, error) {
	for {
		s.mu.Lock()
		if stale != nil && s.tok == stale {
			s.tok = nil
		}
		stale = nil
		old := s.tok
		if old != nil && s.a.cfg.Now().Before(old.renewAt()) {
			s.mu.Unlock()
			return old, nil
		}
		f := s.flight
		if f == nil {
			f = &flight{done: make(chan struct{})}
			s.flight = f
			s.mu.Unlock()
			f.tok, f.err = s.exchange(ctx)
			s.mu.Lock()
			s.flight = nil
			switch {
			case f.err == nil:
				s.tok = f.tok
			case old != nil && s.a.cfg.Now().Before(old.Expiry) && !refused(f.err):
				// An early renewal failed on the way: the kept
				// token still works until it expires.
				f.tok, f.err = old, nil
			}
			s.mu.Unlock()
			close(f.done)
			return f.tok, f.err
		}
		s.mu.Unlock()
		select {
		case <-f.done:
		case <-ctx.Done():
			return nil, exchangeError(fmt.Errorf("netsuite: waiting for an OAuth 2.0 token from %s: %w", s.tokenURL, ctx.Err()))
		}
		if f.err == nil {
			return f.tok, nil
		}
		if !errors.Is(f.err, context.Canceled) && !errors.Is(f.err, context.DeadlineExceeded) || ctx.Err() != nil {
			return nil, f.err
		}
		// The caller that ran the exchange gave up; this one has not.
	}
}

// ErrExchange is in the chain of every error of getting a token: the token
// endpoint refused the assertion, failed, or was not reached. An error of
// a Client's request without it is the request's own: NetSuite refused
// the token it was sent, or the request failed.
var ErrExchange = errors.New("m2m: the OAuth 2.0 token exchange failed")

// authError puts netsuite.ErrAuthentication in the chain of err, so that
// the Client does not retry what the Source has retried, and ErrExchange
// when the token could not be got.
type authError struct {
	err      error
	exchange bool
}

func (e *authError) Error() string { return e.err.Error() }
func (e *authError) Unwrap() []error {
	if e.exchange {
		return []error{netsuite.ErrAuthentication, ErrExchange, e.err}
	}
	return []error{netsuite.ErrAuthentication, e.err}
}

// exchangeError is the authError of a token that could not be got.
func exchangeError(err error) error { return &authError{err: err, exchange: true} }

// tokenResponse is the token endpoint's answer
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_162755359851.html).
type tokenResponse struct {
	AccessToken string `json:"access_token"`
	ExpiresIn   int64  `json:"expires_in"`
	TokenType   string `json:"token_type"`
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

// exchange gets a new token, retrying a 429, a 5xx or a network failure
// as the retry policy allows within ctx's deadline.
func (s *Source) exchange(ctx context.Context) (*Token, error) {
	p := s.retry
	for n := 0; ; n++ {
		tok, resp, err := s.exchangeOnce(ctx)
		if err == nil {
			return tok, nil
		}
		if ctx.Err() != nil || !retryable(err, resp) {
			return nil, exchangeError(err)
		}
		if n >= p.MaxRetries {
			return nil, exchangeError(fmt.Errorf("netsuite: gave up getting an OAuth 2.0 token after %d retries: %w", n, err))
		}
		delay := p.Backoff(n)
		if resp != nil {
			if wait, ok := backoff.RetryAfter(resp.Header, time.Now()); ok {
				delay = max(delay, wait)
			}
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < delay {
			return nil, exchangeError(fmt.Errorf("netsuite: stopped retrying the OAuth 2.0 token exchange after %d retries: the next one, in %s, would come after the context deadline: %w", n, delay.Round(time.Millisecond), err))
		}
		if serr := p.Sleep(ctx, delay); serr != nil {
			return nil, exchangeError(fmt.Errorf("netsuite: waiting to retry the OAuth 2.0 token exchange: %w (last error: %w)", serr, err))
		}
	}
}

// refused reports whether err is the token endpoint's refusal, which a
// retry does not change: an answer other than 429 and 5xx.
func refused(err error) bool {
	var e *netsuite.Error
	return errors.As(err, &e) && e.Status != http.StatusTooManyRequests && e.Status < 500
}

// retryable reports whether another exchange may succeed after err: a
// 429, a 5xx, or a network failure that waiting may cure (resp is nil).
func retryable(err error, resp *http.Response) bool {
	var e *netsuite.Error
	if errors.As(err, &e) {
		return !refused(err)
	}
	return resp == nil && !netsuite.PermanentNetworkError(err)
}

// exchangeOnce posts one assertion. It returns the response it read, with
// its body readable again, when the answer came whole.
func (s *Source) exchangeOnce(ctx context.Context) (*Token, *http.Response, error) {
	now := s.a.cfg.Now()
	assertion, err := s.a.assertion(s.tokenURL, now)
	if err != nil {
		return nil, nil, fmt.Errorf("netsuite: %w", err)
	}
	form := url.Values{
		"grant_type":            {"client_credentials"},
		"client_assertion_type": {"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"},
		"client_assertion":      {assertion},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.tokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, nil, fmt.Errorf("netsuite: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	if s.userAgent != "" {
		req.Header.Set("User-Agent", s.userAgent)
	}
	resp, err := s.hc.Do(req)
	if err != nil {
		return nil, nil, fmt.Errorf("netsuite: getting an OAuth 2.0 token: %w", err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, nil, fmt.Errorf("netsuite: POST %s: reading the answer: %w", s.tokenURL, err)
	}
	resp.Body = io.NopCloser(bytes.NewReader(data))
	var tr tokenResponse
	jsonErr := json.Unmarshal(data, &tr)
	if resp.StatusCode != http.StatusOK {
		return nil, resp, s.refusal(resp, tr.Error, tr.Description)
	}
	switch {
	case jsonErr != nil || tr.AccessToken == "":
		return nil, resp, fmt.Errorf("netsuite: POST %s: 200 OK without an access_token in a JSON body; is the base URL NetSuite's, or a proxy's login page?", s.tokenURL)
	case !strings.EqualFold(tr.TokenType, "bearer"):
		return nil, resp, fmt.Errorf("netsuite: POST %s: token_type %q, want Bearer", s.tokenURL, tr.TokenType)
	}
	if tr.ExpiresIn <= 0 {
		tr.ExpiresIn = defaultExpiresIn
	}
	// NetSuite's is always 3600; a much larger one (a broken proxy) would
	// overflow the Duration and make every request exchange again.
	tr.ExpiresIn = min(tr.ExpiresIn, maxExpiresIn)
	return &Token{value: tba.Secret(tr.AccessToken), Obtained: now, Expiry: now.Add(time.Duration(tr.ExpiresIn) * time.Second)}, resp, nil
}

// refusal is the *netsuite.Error of a token endpoint's error answer, its
// detail the setup step the OAuth 2.0 error code points to.
func (s *Source) refusal(resp *http.Response, code, description string) *netsuite.Error {
	e := &netsuite.Error{Response: resp, Status: resp.StatusCode, Title: http.StatusText(resp.StatusCode), Code: code}
	hint := Hint(code, s.a.cfg.Scopes)
	if code == "" && resp.StatusCode == http.StatusNotFound {
		hint = "no token endpoint at this URL: check the account ID or the base URL"
	}
	if description != "" {
		hint = strings.TrimSuffix(description, ".") + ". " + hint
	}
	if hint != "" || code != "" {
		e.Details = []netsuite.ErrorDetail{{Code: code, Detail: strings.TrimSpace(hint)}}
	}
	return e
}

// Hint says which setup step an OAuth 2.0 error code of the token endpoint
// points to (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_158521832417.html),
// or "" for a code it does not know. scopes are the scopes asked for.
func Hint(code string, scopes []string) string {
	switch code {
	case "invalid_grant":
		return "NetSuite refused the client assertion: check the certificate ID (kid), the client ID, that the M2M mapping is not revoked and its certificate not expired, that the private key is the mapped certificate's, and this machine's clock; the Login Audit Trail (Setup > Users/Roles > User Management > View Login Audit Trail) names the reason"
	case "invalid_client":
		return "NetSuite does not know the client: check the client ID, and that the integration record is enabled with Client Credentials (Machine to Machine) Grant checked (Setup > Integration > Manage Integrations)"
	case "unauthorized_client":
		return "the integration record does not allow this grant: check Client Credentials (Machine to Machine) Grant on its Authentication subtab (Setup > Integration > Manage Integrations)"
	case "invalid_scope":
		return fmt.Sprintf("NetSuite refused the scopes %s: check each on the integration record's Authentication subtab (RESTlets, REST Web Services, SuiteAnalytics Connect), or ask for fewer", strings.Join(scopes, ","))
	case "invalid_request", "unsupported_grant_type":
		return "NetSuite could not read the token request; a proxy may have changed it"
	case "access_denied":
		return "check the role's Log in using OAuth 2.0 Access Tokens permission and that the OAuth 2.0 feature is enabled (Setup > Company > Enable Features > SuiteCloud > Manage Authentication)"
	}
	return ""
}

// transport sets Authorization: Bearer on each request to one of hosts
// (scheme://host).
type transport struct {
	src   *Source
	base  http.RoundTripper
	hosts map[string]bool
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if to := req.URL.Scheme + "://" + req.URL.Host; !t.hosts[to] {
		closeBody(req)
		return nil, &authError{err: fmt.Errorf("netsuite: not sending the OAuth 2.0 token to %s, which is not the account's (a redirect?); only %s get it", to, strings.Join(slices.Sorted(maps.Keys(t.hosts)), " and "))}
	}
	tok, err := t.src.token(req.Context(), nil)
	if err != nil {
		closeBody(req)
		return nil, err
	}
	resp, err := t.base.RoundTrip(withBearer(req, req.Body, tok))
	if err != nil || resp.StatusCode != http.StatusUnauthorized {
		return resp, err
	}
	// NetSuite refused the token: it may have died early (a revoked
	// mapping, a clock that moved). Get another and send once more, when
	// the body can be sent again.
	body := req.Body
	if req.GetBody != nil {
		if body, err = req.GetBody(); err != nil {
			return resp, nil
		}
	} else if body != nil && body != http.NoBody {
		return resp, nil
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	fresh, err := t.src.token(req.Context(), tok)
	if err != nil {
		closeBody(&http.Request{Body: body})
		return nil, err // a refused exchange names the setup step; NetSuite's 401 does not
	}
	resp, err = t.base.RoundTrip(withBearer(req, body, fresh))
	if err != nil || resp.StatusCode != http.StatusUnauthorized {
		return resp, err
	}
	// Refused twice: an error that the Client does not retry, since a
	// third token would fare no better.
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(data))
	return nil, &authError{err: netsuite.CheckResponse(resp)}
}

// withBearer returns a copy of req with body and the token.
func withBearer(req *http.Request, body io.ReadCloser, tok *Token) *http.Request {
	r := req.Clone(req.Context())
	r.Body = body
	r.Header.Set("Authorization", "Bearer "+tok.value.Reveal())
	return r
}

// closeBody closes the body a RoundTripper must close even when it fails.
func closeBody(req *http.Request) {
	if req.Body != nil {
		req.Body.Close()
	}
}
