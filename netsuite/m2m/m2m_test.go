package m2m

import (
	"context"
	"crypto"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

func testKey(t testing.TB, name string) crypto.Signer {
	t.Helper()
	key, err := ParsePrivateKey(readTestdata(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// clock is a fake clock that tests move by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// verify checks an assertion with golang-jwt, an implementation
// independent of this package's, and returns its header and claims.
func verify(t *testing.T, assertion string, pub crypto.PublicKey, alg string) (map[string]any, jwt.MapClaims) {
	t.Helper()
	claims := jwt.MapClaims{}
	tok, err := jwt.ParseWithClaims(assertion, claims, func(*jwt.Token) (any, error) { return pub, nil },
		jwt.WithValidMethods([]string{alg}), jwt.WithoutClaimsValidation())
	if err != nil {
		t.Fatalf("golang-jwt refuses the assertion: %v", err)
	}
	return tok.Header, claims
}

func TestAssertion(t *testing.T) {
	now := time.Unix(1_790_000_000, 0)
	const aud = "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token"
	tests := []struct {
		key    string
		alg    string
		scopes []string
	}{
		{"ec256.pem", "ES256", nil},
		{"ec384-sec1.pem", "ES384", []string{"restlets", "rest_webservices"}},
		{"ec521.pem", "ES512", []string{"suite_analytics"}},
		{"rsa3072-pkcs1.pem", "PS256", nil},
		{"rsa4096.pem", "PS256", []string{"rest_webservices"}},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			key := testKey(t, tt.key)
			a, err := New(Config{ClientID: "client-1", CertificateID: "cert-1", Key: key, Scopes: tt.scopes})
			if err != nil {
				t.Fatal(err)
			}
			if a.Algorithm() != tt.alg {
				t.Errorf("Algorithm() = %q, want %q", a.Algorithm(), tt.alg)
			}
			first, err := a.assertion(aud, now)
			if err != nil {
				t.Fatal(err)
			}
			second, err := a.assertion(aud, now)
			if err != nil {
				t.Fatal(err)
			}
			header, claims := verify(t, first, key.Public(), tt.alg)
			if want := map[string]any{"typ": "JWT", "alg": tt.alg, "kid": "cert-1"}; fmt.Sprint(header) != fmt.Sprint(want) {
				t.Errorf("header = %v, want %v", header, want)
			}
			scopes := tt.scopes
			if scopes == nil {
				scopes = []string{"rest_webservices"}
			}
			want := fmt.Sprint(map[string]any{"iss": "client-1", "scope": toAny(scopes), "aud": aud,
				"iat": float64(now.Unix()), "exp": float64(now.Add(5 * time.Minute).Unix()), "jti": claims["jti"]})
			if fmt.Sprint(map[string]any(claims)) != want {
				t.Errorf("claims = %v, want %v", claims, want)
			}
			_, again := verify(t, second, key.Public(), tt.alg)
			if jti, _ := claims["jti"].(string); len(jti) < 20 || again["jti"] == jti {
				t.Errorf("jti %q then %q: want a long random one each time", jti, again["jti"])
			}
		})
	}
}

func toAny(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

func TestNewRefuses(t *testing.T) {
	key := testKey(t, "ec256.pem")
	for _, tt := range []struct {
		name string
		cfg  Config
		want []string
	}{
		{"empty", Config{}, []string{"no client ID", "no certificate ID", "no private key"}},
		{"scopes", Config{ClientID: "c", CertificateID: "k", Key: key, Scopes: []string{"rest_webservices", "soap"}}, []string{`unknown scope "soap"`}},
		{"no scope", Config{ClientID: "c", CertificateID: "k", Key: key, Scopes: []string{}}, []string{"no scope"}},
		{"twice", Config{ClientID: "c", CertificateID: "k", Key: key, Scopes: []string{"restlets", "restlets"}}, []string{"twice"}},
		{"lifetime", Config{ClientID: "c", CertificateID: "k", Key: key, AssertionLifetime: time.Hour}, []string{"AssertionLifetime 1h0m0s"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("err = %v, want it to say %q", err, w)
				}
			}
		})
	}
}

// tokenServer is a token endpoint and a REST resource. Each exchange gets
// the next of answers (the last repeats); a 200 issues token-N. The
// resource accepts the tokens for which accept says yes.
type tokenServer struct {
	*httptest.Server
	t         *testing.T
	key       crypto.PublicKey
	alg       string
	exchanges atomic.Int32
	resources atomic.Int32
	answers   []int
	accept    func(token string) bool
	hold      chan struct{} // when set, exchanges wait for it to close
	userAgent atomic.Value  // the last exchange's User-Agent
}

func newTokenServer(t *testing.T, key crypto.Signer, alg string, answers ...int) *tokenServer {
	ts := &tokenServer{t: t, key: key.Public(), alg: alg, answers: answers, accept: func(string) bool { return true }}
	ts.Server = httptest.NewServer(http.HandlerFunc(ts.serve))
	t.Cleanup(ts.Close)
	return ts
}

func (ts *tokenServer) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == TokenPath {
		n := int(ts.exchanges.Add(1))
		ts.userAgent.Store(r.UserAgent())
		if ts.hold != nil {
			<-ts.hold
		}
		if err := r.ParseForm(); err != nil || r.PostForm.Get("grant_type") != "client_credentials" ||
			r.PostForm.Get("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" {
			ts.t.Errorf("token request form %v", r.PostForm)
		}
		_, claims := verify(ts.t, r.PostForm.Get("client_assertion"), ts.key, ts.alg)
		if aud := "http://" + r.Host + TokenPath; claims["aud"] != aud {
			ts.t.Errorf("aud = %v, want %s", claims["aud"], aud)
		}
		status := http.StatusOK
		if len(ts.answers) > 0 {
			status = ts.answers[min(n, len(ts.answers))-1]
		}
		w.Header().Set("Content-Type", "application/json")
		switch status {
		case http.StatusOK:
			fmt.Fprintf(w, `{"access_token":"token-%d","expires_in":3600,"token_type":"Bearer"}`, n)
		case http.StatusBadRequest:
			w.WriteHeader(status)
			io.WriteString(w, `{"error":"invalid_grant"}`)
		default:
			w.WriteHeader(status)
			io.WriteString(w, `{"error":"server_error"}`)
		}
		return
	}
	ts.resources.Add(1)
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || !ts.accept(token) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="1234567_SB1", error="invalid_token", error_description="Invalid login attempt."`)
		w.Header().Set("Content-Type", "application/vnd.oracle.resource+json; type=error")
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, `{"type":"https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2","title":"Unauthorized","status":401,"o:errorDetails":[{"detail":"Invalid login attempt.","o:errorCode":"INVALID_LOGIN"}]}`)
		return
	}
	body, _ := io.ReadAll(r.Body)
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"token":%q,"body":%q}`, token, body)
}

// client returns a netsuite.Client that authenticates with a (an
// Authenticator or a Source) against ts.
func (ts *tokenServer) client(t *testing.T, a netsuite.Authenticator, opts ...netsuite.Option) *netsuite.Client {
	t.Helper()
	account, err := tba.ParseAccountID("1234567_SB1")
	if err != nil {
		t.Fatal(err)
	}
	noSleep := netsuite.RetryPolicy{Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() }}
	c, err := netsuite.NewClient(append([]netsuite.Option{netsuite.WithAccount(account), netsuite.WithBaseURL(ts.URL),
		netsuite.WithAuthenticator(a), netsuite.WithRetry(noSleep)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func newAuth(t *testing.T, key crypto.Signer, clk *clock) *Authenticator {
	t.Helper()
	cfg := Config{ClientID: "client-1", CertificateID: "cert-1", Key: key}
	if clk != nil {
		cfg.Now = clk.Now
	}
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// get sends a GET through c and returns the token the resource saw.
func get(ctx context.Context, c *netsuite.Client) (string, error) {
	req, err := c.NewRequest(ctx, http.MethodGet, "record/v1/customer/1", nil)
	if err != nil {
		return "", err
	}
	var got struct{ Token string }
	_, err = c.Do(req, &got)
	return got.Token, err
}

// The exchange carries the Client's User-Agent, which NetSuite's Login
// Audit Trail shows beside a refusal.
func TestExchangeUserAgent(t *testing.T) {
	t.Parallel()
	key := testKey(t, "ec256.pem")
	for _, tt := range []struct {
		opts []netsuite.Option
		want string
	}{
		{nil, "nsconnect-go"},
		{[]netsuite.Option{netsuite.WithUserAgent("my-app/1.0")}, "my-app/1.0"},
	} {
		ts := newTokenServer(t, key, "ES256")
		if _, err := get(t.Context(), ts.client(t, newAuth(t, key, nil), tt.opts...)); err != nil {
			t.Fatal(err)
		}
		if got := ts.userAgent.Load(); got != tt.want {
			t.Errorf("the exchange's User-Agent is %q, want %q", got, tt.want)
		}
	}
}

func TestSingleFlight(t *testing.T) {
	key := testKey(t, "ec256.pem")
	ts := newTokenServer(t, key, "ES256")
	ts.hold = make(chan struct{})
	c := ts.client(t, newAuth(t, key, nil), netsuite.WithConcurrency(50))
	const n = 50
	var wg sync.WaitGroup
	tokens := make(chan string, n)
	for range n {
		wg.Go(func() {
			tok, err := get(t.Context(), c)
			if err != nil {
				t.Error(err)
			}
			tokens <- tok
		})
	}
	for ts.exchanges.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond) // let the others pile up behind the one exchange
	close(ts.hold)
	wg.Wait()
	close(tokens)
	for tok := range tokens {
		if tok != "token-1" {
			t.Errorf("a request carried %q, want token-1", tok)
		}
	}
	if got := ts.exchanges.Load(); got != 1 {
		t.Errorf("%d exchanges for %d concurrent requests, want 1", got, n)
	}
}

func TestRenewsBeforeExpiry(t *testing.T) {
	key := testKey(t, "rsa3072-pkcs1.pem")
	ts := newTokenServer(t, key, "PS256")
	clk := &clock{now: time.Unix(1_790_000_000, 0)}
	c := ts.client(t, newAuth(t, key, clk))
	for _, step := range []struct {
		advance time.Duration
		want    string
	}{
		{0, "token-1"},
		{54 * time.Minute, "token-1"}, // 6 minutes left: kept
		{time.Minute, "token-2"},      // 5 minutes left: renewed
		{54*time.Minute + 59*time.Second, "token-2"},
		{time.Second, "token-3"},
	} {
		clk.Add(step.advance)
		tok, err := get(t.Context(), c)
		if err != nil {
			t.Fatal(err)
		}
		if tok != step.want {
			t.Errorf("after %s more: token %q, want %q", step.advance, tok, step.want)
		}
	}
}

func TestNoRetryOnRefusal(t *testing.T) {
	key := testKey(t, "ec256.pem")
	ts := newTokenServer(t, key, "ES256", http.StatusBadRequest)
	c := ts.client(t, newAuth(t, key, nil))
	_, err := get(t.Context(), c)
	var apiErr *netsuite.Error
	if !errors.As(err, &apiErr) || apiErr.Code != "invalid_grant" || !errors.Is(err, netsuite.ErrAuthentication) || !errors.Is(err, ErrExchange) {
		t.Fatalf("err = %v, want a *netsuite.Error invalid_grant with ErrAuthentication and ErrExchange", err)
	}
	for _, want := range []string{"400 Bad Request: invalid_grant", "check the certificate ID (kid), the client ID", "not revoked", "clock", "Login Audit Trail"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want it to say %q", err, want)
		}
	}
	if got := ts.exchanges.Load(); got != 1 {
		t.Errorf("%d exchanges, want 1: invalid_grant is not retried", got)
	}
	if got := ts.resources.Load(); got != 0 {
		t.Errorf("%d resource calls without a token", got)
	}
}

func TestRetriesTransientWithinDeadline(t *testing.T) {
	key := testKey(t, "ec256.pem")
	t.Run("503 twice", func(t *testing.T) {
		ts := newTokenServer(t, key, "ES256", http.StatusServiceUnavailable, http.StatusServiceUnavailable, http.StatusOK)
		tok, err := get(t.Context(), ts.client(t, newAuth(t, key, nil)))
		if err != nil || tok != "token-3" {
			t.Fatalf("token %q, err %v; want token-3", tok, err)
		}
	})
	t.Run("deadline", func(t *testing.T) {
		ts := newTokenServer(t, key, "ES256", http.StatusServiceUnavailable)
		ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
		defer cancel()
		slow := netsuite.RetryPolicy{Initial: time.Second, Max: time.Second, Rand: func() float64 { return 0.99 }}
		_, err := get(ctx, ts.client(t, newAuth(t, key, nil), netsuite.WithRetry(slow)))
		if err == nil || !strings.Contains(err.Error(), "after the context deadline") || !errors.Is(err, netsuite.ErrAuthentication) {
			t.Fatalf("err = %v", err)
		}
		if got := ts.exchanges.Load(); got != 1 {
			t.Errorf("%d exchanges, want 1: the next would come after the deadline", got)
		}
	})
	t.Run("gives up", func(t *testing.T) {
		ts := newTokenServer(t, key, "ES256", http.StatusServiceUnavailable)
		_, err := get(t.Context(), ts.client(t, newAuth(t, key, nil)))
		if err == nil || !strings.Contains(err.Error(), "after 5 retries") || !errors.Is(err, ErrExchange) {
			t.Fatalf("err = %v, want it to give up after 5 retries, with ErrExchange", err)
		}
		if got := ts.exchanges.Load(); got != 6 {
			t.Errorf("%d exchanges, want 6: the Client must not retry what the exchange retried", got)
		}
	})
}

func TestUnauthorizedMintsOnce(t *testing.T) {
	key := testKey(t, "ec521.pem")
	t.Run("the second token works", func(t *testing.T) {
		ts := newTokenServer(t, key, "ES512")
		ts.accept = func(tok string) bool { return tok != "token-1" } // token-1 was revoked
		c := ts.client(t, newAuth(t, key, nil))
		req, err := c.NewRequest(t.Context(), http.MethodPost, "record/v1/customer", map[string]string{"companyName": "Acme"})
		if err != nil {
			t.Fatal(err)
		}
		var got struct{ Token, Body string }
		if _, err := c.Do(req, &got); err != nil {
			t.Fatal(err)
		}
		if got.Token != "token-2" || got.Body != `{"companyName":"Acme"}` {
			t.Errorf("sent %+v, want token-2 with the body again", got)
		}
		if e, r := ts.exchanges.Load(), ts.resources.Load(); e != 2 || r != 2 {
			t.Errorf("%d exchanges and %d resource calls, want 2 and 2", e, r)
		}
	})
	t.Run("every token refused", func(t *testing.T) {
		ts := newTokenServer(t, key, "ES512")
		ts.accept = func(string) bool { return false }
		_, err := get(t.Context(), ts.client(t, newAuth(t, key, nil)))
		var apiErr *netsuite.Error
		if !errors.As(err, &apiErr) || apiErr.Status != http.StatusUnauthorized || !errors.Is(err, netsuite.ErrAuthentication) {
			t.Fatalf("err = %v, want NetSuite's 401 with ErrAuthentication", err)
		}
		if errors.Is(err, ErrExchange) {
			t.Errorf("err = %v has ErrExchange: both exchanges worked, NetSuite refused the tokens", err)
		}
		if !strings.Contains(err.Error(), netsuite.BearerLoginHint) || strings.Contains(err.Error(), netsuite.LoginHint) {
			t.Errorf("err = %v, want the bearer token's hint, not TBA's", err)
		}
		if n := strings.Count(err.Error(), "/services/rest/"); n != 1 {
			t.Errorf("err = %v: the URL %d times, want once", err, n)
		}
		if e, r := ts.exchanges.Load(), ts.resources.Load(); e != 2 || r != 2 {
			t.Errorf("%d exchanges and %d resource calls, want 2 and 2: one new token, then fail", e, r)
		}
	})
}

func TestSourceTokenURL(t *testing.T) {
	a := newAuth(t, testKey(t, "ec256.pem"), nil)
	base, _ := url.Parse("https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/")
	s := a.Source(netsuite.AuthSetup{BaseURL: base, Retry: netsuite.DefaultRetryPolicy()})
	if want := "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token"; s.TokenURL() != want {
		t.Errorf("TokenURL() = %s, want %s", s.TokenURL(), want)
	}
}

// A Client built with a Source sends the Source's token: one exchange for
// the Source and every Client of it, and a Client of another token
// endpoint is refused, so that a token goes only to the account that
// issued it.
func TestSourceAsAuthenticator(t *testing.T) {
	key := testKey(t, "ec256.pem")
	ts := newTokenServer(t, key, "ES256")
	a := newAuth(t, key, nil)
	base, err := url.Parse(ts.URL + "/services/rest/")
	if err != nil {
		t.Fatal(err)
	}
	src := a.Source(netsuite.AuthSetup{BaseURL: base, Retry: netsuite.DefaultRetryPolicy()})
	if _, err := src.Token(t.Context()); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		tok, err := get(t.Context(), ts.client(t, src))
		if err != nil || tok != "token-1" {
			t.Fatalf("token %q, err %v; want the Source's token-1", tok, err)
		}
	}
	if got := ts.exchanges.Load(); got != 1 {
		t.Errorf("%d exchanges, want 1: the Clients use the Source's token", got)
	}

	other := newTokenServer(t, key, "ES256")
	account, _ := tba.ParseAccountID("1234567_SB1")
	_, err = netsuite.NewClient(netsuite.WithAccount(account), netsuite.WithBaseURL(other.URL), netsuite.WithAuthenticator(src))
	if err == nil || !strings.Contains(err.Error(), ts.URL+TokenPath) || !strings.Contains(err.Error(), other.URL+TokenPath) {
		t.Errorf("a Client of another token endpoint: err = %v, want one naming both endpoints", err)
	}
	if got := other.exchanges.Load() + other.resources.Load(); got != 0 {
		t.Errorf("%d requests reached the other server", got)
	}
}
