package auth

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/account"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// The test keys: the demo key, and others generated once per test binary
// (RSA generation is slow).
var (
	demoKey = sync.OnceValue(func() crypto.Signer {
		block, _ := pem.Decode(account.DemoM2MPrivateKeyPEM)
		k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			panic(err)
		}
		return k.(crypto.Signer)
	})
	rsaKey = sync.OnceValue(func() crypto.Signer {
		k, err := rsa.GenerateKey(rand.Reader, 3072)
		if err != nil {
			panic(err)
		}
		return k
	})
	p384Key  = sync.OnceValue(func() crypto.Signer { return ecKey(elliptic.P384()) })
	otherKey = sync.OnceValue(func() crypto.Signer { return ecKey(elliptic.P256()) })
)

func ecKey(c elliptic.Curve) crypto.Signer {
	k, err := ecdsa.GenerateKey(c, rand.Reader)
	if err != nil {
		panic(err)
	}
	return k
}

// publicPEM is a key's public half as a PUBLIC KEY PEM.
func publicPEM(t testing.TB, k crypto.Signer) string {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(k.Public())
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

// assertion is a client assertion before signing: header and claims as
// maps, so that a test can drop or twist any of them.
type assertion struct {
	header map[string]any
	claims map[string]any
	key    crypto.Signer
	// der signs ECDSA in ASN.1 DER instead of R||S.
	der bool
	// tamper changes the payload after signing.
	tamper bool
}

const tokenURL = "http://" + host + TokenPath

// demoAssertion is a valid ES256 assertion for the demo mapping at now.
func demoAssertion(now time.Time) *assertion {
	return &assertion{
		header: map[string]any{"typ": "JWT", "alg": "ES256", "kid": account.DemoCertificateID},
		claims: map[string]any{
			"iss": account.DemoClientID, "scope": []string{"rest_webservices"}, "aud": tokenURL,
			"iat": now.Unix(), "exp": now.Add(5 * time.Minute).Unix(), "jti": rand.Text(),
		},
		key: demoKey(),
	}
}

// sign makes the compact JWS with the standard library.
func (a *assertion) sign(t testing.TB) string {
	t.Helper()
	enc := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return base64.RawURLEncoding.EncodeToString(b)
	}
	signed := enc(a.header) + "." + enc(a.claims)
	alg, _ := a.header["alg"].(string)
	h, ok := map[string]crypto.Hash{"256": crypto.SHA256, "384": crypto.SHA384, "512": crypto.SHA512}[alg[max(len(alg)-3, 0):]]
	if !ok {
		h = crypto.SHA256 // an algorithm the emulator refuses before the signature
	}
	hh := h.New()
	hh.Write([]byte(signed))
	digest := hh.Sum(nil)
	var sig []byte
	var err error
	switch k := a.key.(type) {
	case *rsa.PrivateKey:
		if strings.HasPrefix(alg, "RS") {
			sig, err = rsa.SignPKCS1v15(rand.Reader, k, h, digest)
		} else {
			sig, err = rsa.SignPSS(rand.Reader, k, h, digest, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash})
		}
	case *ecdsa.PrivateKey:
		if a.der {
			sig, err = ecdsa.SignASN1(rand.Reader, k, digest)
			break
		}
		r, s, e := ecdsa.Sign(rand.Reader, k, digest)
		size := (k.Curve.Params().BitSize + 7) / 8
		sig = append(r.FillBytes(make([]byte, size)), s.FillBytes(make([]byte, size))...)
		err = e
	}
	if err != nil {
		t.Fatal(err)
	}
	if a.tamper {
		a.claims["scope"] = []string{"restlets"}
		signed = enc(a.header) + "." + enc(a.claims)
	}
	return signed + "." + base64.RawURLEncoding.EncodeToString(sig)
}

// tokenRequest is the form POST of an assertion, as the server receives it.
func tokenRequest(form url.Values) *http.Request {
	r := httptest.NewRequest(http.MethodPost, tokenURL, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.RemoteAddr = remote
	return r
}

func grantForm(assertion string) url.Values {
	return url.Values{
		"grant_type":            {"client_credentials"},
		"client_assertion_type": {"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"},
		"client_assertion":      {assertion},
	}
}

// refusal returns the OAuth code and audit reason of a refusal.
func refusal(t *testing.T, err error) (string, tba.Reason) {
	t.Helper()
	e, ok := errors.AsType[*Error](err)
	if !ok {
		t.Fatalf("error %v is not an *Error", err)
	}
	return e.OAuth, e.Reason
}

// TestIssueToken: every check of the token endpoint, each refusal with its
// answer and its audit reason.
func TestIssueToken(t *testing.T) {
	t.Parallel()
	const second = "second app"
	tests := []struct {
		name string
		// setup changes the account (a copy of the demo's) before the request.
		setup func(t *testing.T, a *account.Account)
		// change changes the demo assertion.
		change func(a *assertion, now time.Time)
		// form, when set, is the request's form instead of the grant's.
		form   func(assertion string) url.Values
		req    func(r *http.Request)
		code   string // "" for success
		reason tba.Reason
	}{
		{name: "ES256 demo", code: ""},
		{name: "PS256 RSA 3072", setup: mapping("rsa", rsaKey), change: keyed("rsa", "PS256", rsaKey)},
		{name: "PS384", setup: mapping("rsa", rsaKey), change: keyed("rsa", "PS384", rsaKey)},
		{name: "PS512", setup: mapping("rsa", rsaKey), change: keyed("rsa", "PS512", rsaKey)},
		{name: "ES384 P-384", setup: mapping("p384", p384Key), change: keyed("p384", "ES384", p384Key)},
		{name: "aud on the REST host", change: claim("aud", "https://1234567-sb1.suitetalk.api.netsuite.com"+TokenPath)},
		{name: "aud on the RESTlet host", change: claim("aud", "https://1234567-sb1.restlets.api.netsuite.com"+TokenPath)},
		{name: "aud as a list", change: claim("aud", []string{"other", tokenURL})},
		{name: "scope comma-separated", change: claim("scope", "restlets,rest_webservices")},
		{name: "scope space-separated", change: claim("scope", "restlets rest_webservices")},
		{name: "typ in lower case", change: header("typ", "jwt")},
		{name: "no jti", change: claim("jti", nil)},
		{name: "iat a little ahead", change: func(a *assertion, now time.Time) {
			a.claims["iat"], a.claims["exp"] = now.Add(time.Minute).Unix(), now.Add(6*time.Minute).Unix()
		}},
		{name: "exactly 3600 s", change: func(a *assertion, now time.Time) { a.claims["exp"] = now.Add(time.Hour).Unix() }},

		{name: "RS256", setup: mapping("rsa", rsaKey), change: keyed("rsa", "RS256", rsaKey), code: OAuthInvalidGrant, reason: UnsupportedAlgo},
		{name: "alg none", change: header("alg", "none"), code: OAuthInvalidGrant, reason: UnsupportedAlgo},
		{name: "alg HS256", change: header("alg", "HS256"), code: OAuthInvalidGrant, reason: UnsupportedAlgo},
		{name: "alg in lower case", change: header("alg", "es256"), code: OAuthInvalidGrant, reason: UnsupportedAlgo},
		{name: "typ JWS", change: header("typ", "JWS"), code: OAuthInvalidGrant, reason: InvalidTokenType},
		{name: "no kid", change: header("kid", nil), code: OAuthInvalidGrant, reason: MissingKeyId},
		{name: "unknown kid", change: header("kid", "nope"), code: OAuthInvalidGrant, reason: MissingKey},
		{name: "revoked mapping", setup: func(t *testing.T, a *account.Account) {
			must(t, a.RevokeM2MMapping(account.DemoCertificateID))
		}, code: OAuthInvalidGrant, reason: MissingKey},
		{name: "expired mapping", setup: func(t *testing.T, a *account.Account) {
			a.M2MMappings[0].ValidUntil = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		}, code: OAuthInvalidGrant, reason: MissingKey},
		{name: "signed by another key", change: func(a *assertion, _ time.Time) { a.key = otherKey() }, code: OAuthInvalidGrant, reason: SignatureValidation},
		{name: "ASN.1 DER signature", change: func(a *assertion, _ time.Time) { a.der = true }, code: OAuthInvalidGrant, reason: SignatureValidation},
		{name: "payload changed after signing", change: func(a *assertion, _ time.Time) { a.tamper = true }, code: OAuthInvalidGrant, reason: SignatureValidation},
		{name: "ES384 header, P-256 key", change: header("alg", "ES384"), code: OAuthInvalidGrant, reason: SignatureValidation},
		{name: "PS256 header, EC key", change: header("alg", "PS256"), code: OAuthInvalidGrant, reason: SignatureValidation},
		{name: "no iss", change: claim("iss", nil), code: OAuthInvalidGrant, reason: InvalidIssuer},
		{name: "unknown iss", change: claim("iss", "0123456789abcdef"), code: OAuthInvalidGrant, reason: InvalidIssuer},
		{name: "iss of another integration", setup: func(t *testing.T, a *account.Account) {
			a.Integrations = append(a.Integrations, account.Integration{Name: second, ConsumerKey: "second-client-id", ConsumerSecret: "s", State: account.Enabled, ClientCredentials: true})
		}, change: claim("iss", "second-client-id"), code: OAuthInvalidGrant, reason: ClientIdMismatch},
		{name: "integration Blocked", setup: func(t *testing.T, a *account.Account) {
			must(t, a.SetIntegrationState(account.DemoIntegration, account.Blocked))
		}, code: OAuthInvalidGrant, reason: IntegrationBlocked},
		{name: "client credentials box clear", setup: func(t *testing.T, a *account.Account) {
			must(t, a.SetIntegrationClientCredentials(account.DemoIntegration, false))
		}, code: OAuthUnauthorizedClient, reason: InvalidIntegration},
		{name: "aud elsewhere", change: claim("aud", "https://example.com"+TokenPath), code: OAuthInvalidGrant, reason: BearerTokenRejected},
		{name: "no aud", change: claim("aud", nil), code: OAuthInvalidGrant, reason: BearerTokenRejected},
		{name: "no iat", change: claim("iat", nil), code: OAuthInvalidGrant, reason: TokenNotAcceptable},
		{name: "iat in the future", change: func(a *assertion, now time.Time) {
			a.claims["iat"], a.claims["exp"] = now.Add(10*time.Minute).Unix(), now.Add(15*time.Minute).Unix()
		}, code: OAuthInvalidGrant, reason: TokenNotAcceptable},
		{name: "no exp", change: claim("exp", nil), code: OAuthInvalidGrant, reason: TokenValidityTooBroad},
		{name: "exp past", change: func(a *assertion, now time.Time) {
			a.claims["iat"], a.claims["exp"] = now.Add(-10*time.Minute).Unix(), now.Add(-time.Second).Unix()
		}, code: OAuthInvalidGrant, reason: TokenExpired},
		{name: "valid 3601 s", change: func(a *assertion, now time.Time) { a.claims["exp"] = now.Add(time.Hour + time.Second).Unix() }, code: OAuthInvalidGrant, reason: TokenValidityTooBroad},
		{name: "no scope", change: claim("scope", nil), code: OAuthInvalidScope, reason: ScopeMismatched},
		{name: "empty scope list", change: claim("scope", []string{}), code: OAuthInvalidScope, reason: ScopeMismatched},
		{name: "scope not granted", change: claim("scope", []string{"rest_webservices", "suite_analytics"}), code: OAuthInvalidScope, reason: ScopeMismatched},
		{name: "unknown scope", change: claim("scope", "everything"), code: OAuthInvalidScope, reason: ScopeMismatched},
		{name: "feature disabled", setup: func(t *testing.T, a *account.Account) {
			must(t, a.SetFeature(account.FeatureOAuth2, false))
		}, code: OAuthInvalidGrant, reason: FeatureDisabled},
		{name: "user inactive", setup: func(t *testing.T, a *account.Account) {
			must(t, a.SetUserInactive(account.DemoUserEmail, true))
		}, code: OAuthInvalidGrant, reason: EntityOrRoleDisabled},
		{name: "user lost the role", setup: func(t *testing.T, a *account.Account) {
			must(t, a.RemoveUserRole(account.DemoUserEmail, account.DemoRole))
		}, code: OAuthInvalidGrant, reason: EntityOrRoleDisabled},
		{name: "role lacks the OAuth 2.0 permission", setup: func(t *testing.T, a *account.Account) {
			must(t, a.SetPermission(account.DemoRole, account.PermLogInUsingOAuth2AccessTokens, account.Edit))
		}, code: OAuthInvalidGrant, reason: EntityOrRoleDisabled},
		{name: "not a JWT", form: func(string) url.Values { return grantForm("not-a-jwt") }, code: OAuthInvalidGrant, reason: BearerTokenRejected},
		{name: "padded base64", form: func(s string) url.Values { return grantForm(strings.Replace(s, ".", "=.", 1)) }, code: OAuthInvalidGrant, reason: BearerTokenRejected},
		{name: "other grant type", form: func(s string) url.Values {
			f := grantForm(s)
			f.Set("grant_type", "authorization_code")
			return f
		}, code: OAuthUnsupportedGrantType, reason: MalformedRequest},
		{name: "other assertion type", form: func(s string) url.Values {
			f := grantForm(s)
			f.Set("client_assertion_type", "jwt")
			return f
		}, code: OAuthInvalidRequest, reason: MalformedRequest},
		{name: "no assertion", form: func(s string) url.Values {
			f := grantForm(s)
			f.Del("client_assertion")
			return f
		}, code: OAuthInvalidRequest, reason: MalformedRequest},
		{name: "grant type twice", form: func(s string) url.Values {
			f := grantForm(s)
			f.Add("grant_type", "client_credentials")
			return f
		}, code: OAuthInvalidRequest, reason: MalformedRequest},
		{name: "JSON body", req: func(r *http.Request) { r.Header.Set("Content-Type", "application/json") }, code: OAuthInvalidRequest, reason: MalformedRequest},
		{name: "GET", req: func(r *http.Request) { r.Method = http.MethodGet }, code: OAuthInvalidRequest, reason: MalformedRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			if tt.setup != nil {
				tt.setup(t, e.acct)
			}
			now := e.clock.Now()
			a := demoAssertion(now)
			if tt.change != nil {
				tt.change(a, now)
			}
			jws := a.sign(t)
			form := grantForm(jws)
			if tt.form != nil {
				form = tt.form(jws)
			}
			r := tokenRequest(form)
			if tt.req != nil {
				tt.req(r)
			}
			tok, err := e.auth.IssueToken(r)
			entries := e.auth.Trail().List("", 0)
			if len(entries) != 1 {
				t.Fatalf("trail has %d entries, want 1", len(entries))
			}
			got := entries[0]
			if got.Kind != TokenEndpoint || got.IP != remote || got.RequestURI != TokenPath {
				t.Errorf("entry = %+v", got)
			}
			if tt.code == "" {
				if err != nil {
					t.Fatalf("IssueToken: %v", err)
				}
				if len(tok.AccessToken) < 40 || tok.ExpiresIn != 3600 {
					t.Errorf("token = %d characters, expires in %d", len(tok.AccessToken), tok.ExpiresIn)
				}
				if got.Status != Success || got.User != "nsconnect Integration User" || got.Role != account.DemoRole || got.Integration != account.DemoIntegration || got.CertificateID == "" {
					t.Errorf("success entry = %+v", got)
				}
				return
			}
			if err == nil {
				t.Fatalf("IssueToken succeeded; want %s (%s)", tt.code, tt.reason)
			}
			code, reason := refusal(t, err)
			if code != tt.code || reason != tt.reason {
				t.Errorf("refused with %s (%s): %v; want %s (%s)", code, reason, err, tt.code, tt.reason)
			}
			if got.Status != Failure || got.Reason != tt.reason || got.Detail == "" {
				t.Errorf("entry = %+v; want a failure with reason %s", got, tt.reason)
			}
			if strings.Contains(err.Error(), jws) || strings.Contains(got.Detail, jws) {
				t.Error("the refusal repeats the assertion")
			}
		})
	}
}

// mapping adds an M2M mapping with id for key's public half.
func mapping(id string, key func() crypto.Signer) func(*testing.T, *account.Account) {
	return func(t *testing.T, a *account.Account) {
		t.Helper()
		if _, err := a.AddM2MMapping(account.M2MMapping{
			CertificateID: id, Integration: account.DemoIntegration, User: account.DemoUserEmail,
			Role: account.DemoRole, Certificate: publicPEM(t, key()),
		}); err != nil {
			t.Fatal(err)
		}
	}
}

// keyed signs with key by alg for the mapping id.
func keyed(id, alg string, key func() crypto.Signer) func(*assertion, time.Time) {
	return func(a *assertion, _ time.Time) {
		a.header["kid"], a.header["alg"], a.key = id, alg, key()
	}
}

// header sets (or, for nil, removes) a header field.
func header(name string, v any) func(*assertion, time.Time) {
	return func(a *assertion, _ time.Time) { set(a.header, name, v) }
}

// claim sets (or, for nil, removes) a claim.
func claim(name string, v any) func(*assertion, time.Time) {
	return func(a *assertion, _ time.Time) { set(a.claims, name, v) }
}

func set(m map[string]any, k string, v any) {
	if v == nil {
		delete(m, k)
	} else {
		m[k] = v
	}
}

// issue exchanges the demo assertion for a token, or fails the test.
func (e *env) issue(t *testing.T, change func(*assertion, time.Time)) string {
	t.Helper()
	a := demoAssertion(e.clock.Now())
	if change != nil {
		change(a, e.clock.Now())
	}
	tok, err := e.auth.IssueToken(tokenRequest(grantForm(a.sign(t))))
	if err != nil {
		t.Fatalf("IssueToken: %v", err)
	}
	return tok.AccessToken
}

// An assertion's jti is exchanged once; another jti works.
func TestIssueTokenRefusesReusedJTI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := demoAssertion(e.clock.Now())
	jws := a.sign(t)
	if _, err := e.auth.IssueToken(tokenRequest(grantForm(jws))); err != nil {
		t.Fatal(err)
	}
	_, err := e.auth.IssueToken(tokenRequest(grantForm(jws)))
	if code, reason := refusal(t, err); code != OAuthInvalidGrant || reason != BearerTokenRejected {
		t.Errorf("reused jti: %s (%s)", code, reason)
	}
	e.issue(t, nil)
	// Once the assertion has expired, its jti is forgotten: memory stays
	// bounded.
	e.clock.Advance(6 * time.Minute)
	e.issue(t, nil)
	e.auth.mu.Lock()
	n := len(e.auth.jtis)
	e.auth.mu.Unlock()
	if n != 1 {
		t.Errorf("%d jtis remembered, want 1", n)
	}
}

// bearerRequest is a GET of path with the bearer header, as the server
// receives it.
func bearerRequest(authorization string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "http://"+host+path, nil)
	r.Header.Set("Authorization", authorization)
	r.RemoteAddr = remote
	return r
}

// TestAuthenticateBearer: a token logs in as its mapping's entity and role
// until it expires on the emulator's clock, and every later refusal has its
// answer and audit reason.
func TestAuthenticateBearer(t *testing.T) {
	t.Parallel()
	restletsOnly := claim("scope", []string{"restlets"})
	tests := []struct {
		name   string
		scope  func(*assertion, time.Time)
		after  func(t *testing.T, e *env)
		header func(tok string) string
		code   string
		reason tba.Reason
	}{
		{name: "valid"},
		{name: "scheme in lower case", header: func(tok string) string { return "bearer " + tok }},
		{name: "59 minutes later", after: func(t *testing.T, e *env) { e.clock.Advance(59 * time.Minute) }},
		{name: "60 minutes later", after: func(t *testing.T, e *env) { e.clock.Advance(time.Hour) }, code: OAuthInvalidToken, reason: AccessTokenExpired},
		{name: "unknown token", header: func(string) string { return "Bearer " + strings.Repeat("A", 43) }, code: OAuthInvalidToken, reason: BearerTokenRejected},
		{name: "no token", header: func(string) string { return "Bearer " }, code: OAuthInvalidRequest, reason: BearerTokenRejected},
		{name: "two tokens", header: func(tok string) string { return "Bearer " + tok + " " + tok }, code: OAuthInvalidRequest, reason: BearerTokenRejected},
		{name: "bad characters", header: func(tok string) string { return "Bearer " + tok + "\"" }, code: OAuthInvalidRequest, reason: BearerTokenRejected},
		{name: "mapping revoked", after: func(t *testing.T, e *env) {
			must(t, e.acct.RevokeM2MMapping(account.DemoCertificateID))
		}, code: OAuthInvalidToken, reason: BearerTokenRejected},
		{name: "feature disabled", after: func(t *testing.T, e *env) {
			must(t, e.acct.SetFeature(account.FeatureOAuth2, false))
		}, code: OAuthInvalidToken, reason: FeatureDisabled},
		{name: "REST Web Services feature disabled", after: func(t *testing.T, e *env) {
			must(t, e.acct.SetFeature(account.FeatureRESTWebServices, false))
		}, code: OAuthInvalidToken, reason: FeatureDisabled},
		{name: "integration Blocked", after: func(t *testing.T, e *env) {
			must(t, e.acct.SetIntegrationState(account.DemoIntegration, account.Blocked))
		}, code: OAuthInvalidToken, reason: IntegrationBlocked},
		{name: "grant box cleared", after: func(t *testing.T, e *env) {
			must(t, e.acct.SetIntegrationClientCredentials(account.DemoIntegration, false))
		}, code: OAuthInvalidToken, reason: InvalidIntegration},
		{name: "restlets scope only", scope: restletsOnly, code: OAuthInvalidToken, reason: ScopeMismatched},
		{name: "user inactive", after: func(t *testing.T, e *env) {
			must(t, e.acct.SetUserInactive(account.DemoUserEmail, true))
		}, code: OAuthInvalidToken, reason: EntityOrRoleDisabled},
		{name: "OAuth 2.0 permission removed", after: func(t *testing.T, e *env) {
			must(t, e.acct.SetPermission(account.DemoRole, account.PermLogInUsingOAuth2AccessTokens, account.None))
		}, code: OAuthInvalidToken, reason: EntityOrRoleDisabled},
		{name: "REST Web Services permission below Full", after: func(t *testing.T, e *env) {
			must(t, e.acct.SetPermission(account.DemoRole, account.PermRESTWebServices, account.Edit))
		}, code: OAuthInvalidToken, reason: EntityOrRoleDisabled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			tok := e.issue(t, tt.scope)
			if tt.after != nil {
				tt.after(t, e)
			}
			h := "Bearer " + tok
			if tt.header != nil {
				h = tt.header(tok)
			}
			p, err := e.auth.Authenticate(bearerRequest(h), REST)
			last := e.auth.Trail().List("", 1)[0]
			if strings.Contains(last.Detail, tok) || (err != nil && strings.Contains(err.Error(), tok)) {
				t.Error("the audit trail or the error shows the bearer token")
			}
			if tt.code == "" {
				if err != nil {
					t.Fatalf("Authenticate: %v", err)
				}
				if p.User.Email != account.DemoUserEmail || p.Role.Name != account.DemoRole || p.Integration != account.DemoIntegration || p.CertificateID != account.DemoCertificateID || p.Kind != REST {
					t.Errorf("principal = %+v", p)
				}
				if last.Status != Success || last.Kind != REST || last.CertificateID != account.DemoCertificateID {
					t.Errorf("entry = %+v", last)
				}
				return
			}
			if err == nil {
				t.Fatalf("Authenticate succeeded; want %s (%s)", tt.code, tt.reason)
			}
			if code, reason := refusal(t, err); code != tt.code || reason != tt.reason {
				t.Errorf("refused with %s (%s): %v; want %s (%s)", code, reason, err, tt.code, tt.reason)
			}
			if last.Status != Failure || last.Reason != tt.reason {
				t.Errorf("entry = %+v", last)
			}
		})
	}
}

// Expired tokens are forgotten when the next one is issued.
func TestExpiredTokensAreForgotten(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.issue(t, nil)
	e.issue(t, nil)
	e.clock.Advance(time.Hour)
	e.issue(t, nil)
	if n := e.auth.AccessTokens(); n != 1 {
		t.Errorf("%d access tokens held, want 1", n)
	}
}

// FuzzParseJWT: no input panics the parser or the verifier, and what
// parses keeps its signing input.
func FuzzParseJWT(f *testing.F) {
	now := time.Date(2026, 3, 15, 17, 0, 0, 0, time.UTC)
	f.Add(demoAssertion(now).sign(f))
	f.Add("e30.e30.")
	f.Add("eyJhbGciOiJFUzI1NiJ9.eyJpYXQiOjEuNWUxMH0.AAAA")
	f.Add("..")
	f.Add("a.b.c.d")
	f.Add(`eyJ0eXAiOiJKV1QifQ.eyJzY29wZSI6WzFdfQ.`)
	key := demoKey().Public()
	f.Fuzz(func(t *testing.T, s string) {
		jw, err := parseJWT(s)
		if err != nil {
			if jw != nil {
				t.Fatal("an error with a result")
			}
			return
		}
		if !strings.HasPrefix(s, jw.signed+".") {
			t.Fatalf("signing input %q is not the start of %q", jw.signed, s)
		}
		for _, alg := range []string{"ES256", "ES384", "ES512", "PS256"} {
			jw.header.Alg = alg
			_ = jw.verify(key)
		}
	})
}

// BenchmarkIssueToken: one exchange of an ES256 assertion, and one bearer
// login.
func BenchmarkIssueToken(b *testing.B) {
	acct := account.Demo()
	clock := newClock()
	a := New(acct, clock.Now, nil)
	forms := make([]url.Values, b.N)
	for i := range forms {
		forms[i] = grantForm(demoAssertion(clock.Now()).sign(b))
	}
	b.ResetTimer()
	for i := range b.N {
		if _, err := a.IssueToken(tokenRequest(forms[i])); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAuthenticateBearer(b *testing.B) {
	acct := account.Demo()
	clock := newClock()
	a := New(acct, clock.Now, nil)
	tok, err := a.IssueToken(tokenRequest(grantForm(demoAssertion(clock.Now()).sign(b))))
	if err != nil {
		b.Fatal(err)
	}
	r := bearerRequest("Bearer " + tok.AccessToken)
	b.ResetTimer()
	for range b.N {
		if _, err := a.Authenticate(r, REST); err != nil {
			b.Fatal(err)
		}
	}
}
