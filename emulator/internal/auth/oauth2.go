package auth

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/account"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// TokenPath is the OAuth 2.0 token endpoint's path (Oracle,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_162755359851.html).
const TokenPath = "/services/rest/auth/oauth2/v1/token"

// TokenEndpoint is the kind of a login at the token endpoint: the exchange
// of a client assertion for an access token.
const TokenEndpoint Kind = "OAUTH2_TOKEN"

// The form values of the client credentials grant, always these (Oracle,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_162755359851.html).
const (
	grantClientCredentials = "client_credentials"
	assertionTypeJWTBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
)

// AccessTokenLifetime is how long an access token works: "valid for 60
// minutes", expires_in "is always 3600" (Oracle,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_162755359851.html).
const AccessTokenLifetime = time.Hour

// MaxAssertionValidity bounds exp - iat. Oracle's claim table says exp
// "must be less than 60 minutes greater than" iat (section_162790605110)
// while TokenValidityTooBroad speaks of two hours (subsect_158324637123).
// Assumption: the emulator takes 3600 s, the stricter bound.
const MaxAssertionValidity = 3600

// AssertionClockSkew is how far in the future an assertion's iat may be.
// Assumption: NetSuite documents no tolerance; the emulator allows as much
// as the TBA timestamp window, tba.TimestampWindow.
const AssertionClockSkew = tba.TimestampWindow

// The OAuth 2.0 error codes the client sees (RFC 6749 §5.2,
// https://www.rfc-editor.org/rfc/rfc6749#section-5.2; RFC 6750 §3.1,
// https://www.rfc-editor.org/rfc/rfc6750#section-3.1).
const (
	OAuthInvalidRequest       = "invalid_request"
	OAuthInvalidGrant         = "invalid_grant"
	OAuthInvalidScope         = "invalid_scope"
	OAuthUnauthorizedClient   = "unauthorized_client"
	OAuthUnsupportedGrantType = "unsupported_grant_type"
	OAuthInvalidToken         = "invalid_token"
)

// The Login Audit Trail reasons of OAuth 2.0 (Oracle, "RESTlets and REST
// Web Services Error Messages in the Login Audit Trail",
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_158324637123.html).
// FeatureDisabled is shared with TBA.
const (
	// AccessTokenExpired: the bearer token is past its 60 minutes.
	AccessTokenExpired tba.Reason = "AccessTokenExpired"
	// EntityOrRoleDisabled: the mapping's entity or role is invalid: the
	// user is inactive or gone, no longer has the role, or the role is gone
	// or (Assumption) lacks Log in using OAuth 2.0 Access Tokens or REST Web
	// Services at Full.
	EntityOrRoleDisabled tba.Reason = "EntityOrRoleDisabled"
	// BearerTokenRejected (TokenRejected): the token is unknown or
	// malformed, or (Assumption) its mapping is revoked; at the token
	// endpoint (Assumption) the assertion is not a JWT, its aud is not the
	// token endpoint, or its jti was used before.
	BearerTokenRejected tba.Reason = "TokenRejected"
	// InvalidIntegration: (Assumption) the integration record's Client
	// Credentials (Machine to Machine) Grant box is not checked.
	InvalidIntegration tba.Reason = "InvalidIntegration"
	// IntegrationBlocked: the integration record is Blocked.
	IntegrationBlocked tba.Reason = "IntegrationBlocked"
	// ScopeMismatched: the assertion asks for no scope or for one the
	// integration record does not grant, or the token lacks the scope of
	// the service called.
	ScopeMismatched tba.Reason = "ScopeMismatched"
	// UnsupportedAlgo: the assertion's alg is not PS256/384/512 or
	// ES256/384/512.
	UnsupportedAlgo tba.Reason = "UnsupportedAlgo"
	// TokenValidityTooBroad: exp - iat is more than MaxAssertionValidity,
	// or (Assumption) exp is missing.
	TokenValidityTooBroad tba.Reason = "TokenValidityTooBroad"
	// InvalidTokenType: (Assumption) the assertion's typ is not JWT.
	InvalidTokenType tba.Reason = "InvalidTokenType"
	// SignatureValidation: the assertion's signature does not verify with
	// the mapping's certificate.
	SignatureValidation tba.Reason = "SignatureValidation"
	// ClientIdMismatch: the iss is the client ID of another integration
	// record than the mapping's.
	ClientIdMismatch tba.Reason = "ClientIdMismatch"
	// TokenNotAcceptable: the assertion is issued in the future (iat past
	// AssertionClockSkew), or (Assumption) has no iat.
	TokenNotAcceptable tba.Reason = "TokenNotAcceptable"
	// TokenExpired: the assertion's exp is past.
	TokenExpired tba.Reason = "TokenExpired"
	// InvalidIssuer: the iss is missing or the client ID of no integration
	// record.
	InvalidIssuer tba.Reason = "InvalidIssuer"
	// MissingKeyId: the assertion's header has no kid.
	MissingKeyId tba.Reason = "MissingKeyId"
	// MissingKey: the kid is the certificate ID of no valid mapping:
	// unknown, revoked or expired.
	MissingKey tba.Reason = "MissingKey"
	// MalformedRequest is the emulator's own: the token request is not the
	// form of the client credentials grant. NetSuite records no reason for
	// it that the sources show.
	MalformedRequest tba.Reason = "MalformedRequest"
)

// A bearer is an access token the emulator issued.
type bearer struct {
	certificateID string
	integration   string
	user          string
	role          string
	scopes        []account.Scope
	expires       time.Time
}

// An IssuedToken is the answer of a successful token request.
type IssuedToken struct {
	// AccessToken is the bearer token: random, opaque, a secret.
	AccessToken string
	// ExpiresIn is its lifetime in seconds, always 3600.
	ExpiresIn int
}

// failOAuth records a refusal whose client-side answer is the OAuth 2.0
// error code.
func (t *attempt) failOAuth(code string, reason tba.Reason, format string, args ...any) error {
	_, err := t.fail(reason, format, args...)
	err.(*Error).OAuth = code
	return err
}

// IssueToken serves a token request, the client credentials grant with a
// JWT client assertion, on the emulator's clock, and records it in the
// Trail. A refusal is an *Error whose OAuth field is the error code of the
// 400 answer and whose Reason is the audit reason. See the package doc for
// the checks and their order.
func (a *Authenticator) IssueToken(r *http.Request) (*IssuedToken, error) {
	t := a.newAttempt(r, TokenEndpoint)
	acct := a.acct

	// 1. The request is the form of the grant.
	form, err := tokenForm(r)
	if err != nil {
		code := OAuthInvalidRequest
		if form != nil && form.Get("grant_type") != "" && form.Get("grant_type") != grantClientCredentials {
			code = OAuthUnsupportedGrantType
		}
		return nil, t.failOAuth(code, MalformedRequest, "%v", err)
	}

	// 2. The OAuth 2.0 feature is enabled.
	if !acct.FeatureEnabled(account.FeatureOAuth2) {
		return nil, t.failOAuth(OAuthInvalidGrant, FeatureDisabled, "the %s feature is not enabled (Setup > Company > Enable Features > SuiteCloud > Manage Authentication)", account.FeatureOAuth2.Label())
	}

	// 3. The assertion is a JWS whose header names a type, an algorithm and a
	// key NetSuite takes.
	jw, err := parseJWT(form.Get("client_assertion"))
	if err != nil {
		return nil, t.failOAuth(OAuthInvalidGrant, BearerTokenRejected, "%v", err)
	}
	if !strings.EqualFold(jw.header.Typ, "JWT") {
		return nil, t.failOAuth(OAuthInvalidGrant, InvalidTokenType, "the JWT header's typ is %q; it must be JWT", clip(jw.header.Typ))
	}
	if _, ok := jwsAlgs[jw.header.Alg]; !ok {
		return nil, t.failOAuth(OAuthInvalidGrant, UnsupportedAlgo, "the JWT header's alg is %q; NetSuite takes PS256, PS384, PS512, ES256, ES384 or ES512 (not RS256)", clip(jw.header.Alg))
	}
	if jw.header.Kid == "" {
		return nil, t.failOAuth(OAuthInvalidGrant, MissingKeyId, "the JWT header has no kid; set it to the certificate ID of the M2M mapping")
	}

	// 4. The kid is the certificate ID of a valid mapping, whose key signed
	// the assertion.
	t.entry.CertificateID = jw.header.Kid
	m, ok := acct.M2MMapping(jw.header.Kid)
	if !ok {
		return nil, t.failOAuth(OAuthInvalidGrant, MissingKey, "no M2M mapping has the certificate ID %q", clip(jw.header.Kid))
	}
	t.entry.Integration, t.entry.Role = m.Integration, m.Role
	key, why := m.Valid(t.now)
	if key == nil {
		return nil, t.failOAuth(OAuthInvalidGrant, MissingKey, "the M2M mapping %s cannot be used: %s", m.CertificateID, why)
	}
	if err := jw.verify(key); err != nil {
		return nil, t.failOAuth(OAuthInvalidGrant, SignatureValidation, "%v", err)
	}

	// 5. The issuer is the client ID of the mapping's integration record,
	// which allows the grant.
	in, ok := acct.IntegrationByClientID(jw.claims.Iss)
	switch {
	case jw.claims.Iss == "":
		return nil, t.failOAuth(OAuthInvalidGrant, InvalidIssuer, "the assertion has no iss; set it to the integration record's client ID")
	case !ok:
		return nil, t.failOAuth(OAuthInvalidGrant, InvalidIssuer, "no integration record has the client ID %s", tba.Mask(jw.claims.Iss))
	case in.Name != m.Integration:
		return nil, t.failOAuth(OAuthInvalidGrant, ClientIdMismatch, "the iss is the client ID of the integration record %q; the mapping %s belongs to %q", in.Name, m.CertificateID, m.Integration)
	}
	if err := integrationAllows(in); err != nil {
		return nil, t.failOAuth(err.code, err.reason, "%s", err.detail)
	}

	// 6. The audience is this token endpoint.
	if aud := audiences(r, acct.ID); !slices.ContainsFunc(jw.claims.Aud, func(s string) bool { return slices.Contains(aud, s) }) {
		return nil, t.failOAuth(OAuthInvalidGrant, BearerTokenRejected, "the assertion's aud %q is not this token endpoint; use %s", clipList(jw.claims.Aud), aud[0])
	}

	// 7. The validity window, on the emulator's clock.
	now := t.now.Unix()
	switch c := jw.claims; {
	case c.Iat == nil:
		return nil, t.failOAuth(OAuthInvalidGrant, TokenNotAcceptable, "the assertion has no iat")
	case *c.Iat > now+int64(AssertionClockSkew/time.Second):
		return nil, t.failOAuth(OAuthInvalidGrant, TokenNotAcceptable, "the assertion is issued %ds in the future (iat %d, the emulator's clock %d)", *c.Iat-now, *c.Iat, now)
	case c.Exp == nil:
		return nil, t.failOAuth(OAuthInvalidGrant, TokenValidityTooBroad, "the assertion has no exp; set it at most %d s after iat", MaxAssertionValidity)
	case *c.Exp <= now:
		return nil, t.failOAuth(OAuthInvalidGrant, TokenExpired, "the assertion expired %ds ago (exp %d, the emulator's clock %d)", now-*c.Exp, *c.Exp, now)
	case *c.Exp-*c.Iat > MaxAssertionValidity:
		return nil, t.failOAuth(OAuthInvalidGrant, TokenValidityTooBroad, "exp is %d s after iat; at most %d s are allowed", *c.Exp-*c.Iat, MaxAssertionValidity)
	}

	// 8. The scopes are some, each granted on the integration record.
	scopes, err := grantedScopes(jw.claims.Scope, in)
	if err != nil {
		return nil, t.failOAuth(OAuthInvalidScope, ScopeMismatched, "%v", err)
	}

	// 9. The entity and role can log in with OAuth 2.0.
	user, role, detail := a.entityRole(m.User, m.Role)
	t.entry.User, t.entry.Email = user.Name, user.Email
	if detail != "" {
		return nil, t.failOAuth(OAuthInvalidGrant, EntityOrRoleDisabled, "%s", detail)
	}
	if role.Permission(account.PermLogInUsingOAuth2AccessTokens) < account.Full {
		return nil, t.failOAuth(OAuthInvalidGrant, EntityOrRoleDisabled, "the role %q does not have %s at Full", role.Name, account.PermLogInUsingOAuth2AccessTokens.Label())
	}

	// 10. The assertion's jti has not been exchanged before.
	if jw.claims.Jti != "" && !a.useJTI(m.CertificateID, jw.claims.Jti, time.Unix(*jw.claims.Exp, 0), t.now) {
		return nil, t.failOAuth(OAuthInvalidGrant, BearerTokenRejected, "the assertion's jti %q was exchanged before; sign a new assertion with a new jti", clip(jw.claims.Jti))
	}

	tok := a.issue(bearer{
		certificateID: m.CertificateID, integration: in.Name, user: user.Email, role: role.Name,
		scopes: scopes, expires: t.now.Add(AccessTokenLifetime),
	}, t.now)
	t.entry.Status = Success
	a.trail.Add(t.entry)
	return &IssuedToken{AccessToken: tok, ExpiresIn: int(AccessTokenLifetime / time.Second)}, nil
}

// tokenForm reads the token request's form: a POST of
// application/x-www-form-urlencoded with grant_type, client_assertion_type
// and client_assertion, each once. The form is returned when it parses,
// even if it is not the grant's.
func tokenForm(r *http.Request) (url.Values, error) {
	if r.Method != http.MethodPost {
		return nil, fmt.Errorf("the token endpoint takes POST, not %s", r.Method)
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/x-www-form-urlencoded" {
		return nil, fmt.Errorf("the Content-Type is %q; send the form as application/x-www-form-urlencoded", clip(r.Header.Get("Content-Type")))
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxFormBody+1))
	if err != nil {
		return nil, fmt.Errorf("reading the form: %v", err)
	}
	if len(body) > maxFormBody {
		return nil, fmt.Errorf("the form is longer than %d bytes", maxFormBody)
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, fmt.Errorf("the form does not parse: %v", err)
	}
	for _, f := range []struct{ name, want string }{
		{"grant_type", grantClientCredentials},
		{"client_assertion_type", assertionTypeJWTBearer},
		{"client_assertion", ""},
	} {
		switch v := form[f.name]; {
		case len(v) == 0 || v[0] == "":
			return form, fmt.Errorf("the form has no %s", f.name)
		case len(v) > 1:
			return form, fmt.Errorf("the form has %s %d times", f.name, len(v))
		case f.want != "" && v[0] != f.want:
			return form, fmt.Errorf("the form's %s is %q; it must be %s", f.name, clip(v[0]), f.want)
		}
	}
	return form, nil
}

// audiences are the aud values the token endpoint takes, the first the URL
// the request came to: that URL as the emulator received it, and the
// account's token endpoint on its REST host and on its RESTlet host
// (Oracle's sample assertion has the latter, section_162755359851).
func audiences(r *http.Request, id tba.Account) []string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return []string{
		scheme + "://" + r.Host + TokenPath,
		"https://" + id.RESTHost() + TokenPath,
		"https://" + id.RESTletHost() + TokenPath,
	}
}

// grantedScopes checks the assertion's scopes against the integration
// record's.
func grantedScopes(asked []string, in account.Integration) ([]account.Scope, error) {
	if len(asked) == 0 {
		return nil, fmt.Errorf("the assertion asks for no scope; ask for some of those the integration record %q grants (%s)", in.Name, scopeList(in.Scopes))
	}
	var out []account.Scope
	for _, s := range asked {
		sc := account.Scope(s)
		if !in.HasScope(sc) {
			return nil, fmt.Errorf("the integration record %q does not grant the scope %q; it grants %s", in.Name, clip(s), scopeList(in.Scopes))
		}
		if !slices.Contains(out, sc) {
			out = append(out, sc)
		}
	}
	return out, nil
}

func scopeList(scopes []account.Scope) string {
	if len(scopes) == 0 {
		return "none"
	}
	s := make([]string, len(scopes))
	for i, sc := range scopes {
		s[i] = string(sc)
	}
	return strings.Join(s, ", ")
}

// An oauthRefusal is a check's failure: the client's error code, the audit
// reason and its detail.
type oauthRefusal struct {
	code   string
	reason tba.Reason
	detail string
}

// integrationAllows checks that an integration record may use the client
// credentials grant.
func integrationAllows(in account.Integration) *oauthRefusal {
	if in.State == account.Blocked {
		return &oauthRefusal{OAuthInvalidGrant, IntegrationBlocked, fmt.Sprintf("the integration record %q is Blocked", in.Name)}
	}
	if !in.ClientCredentials {
		return &oauthRefusal{OAuthUnauthorizedClient, InvalidIntegration, fmt.Sprintf("the Client Credentials (Machine to Machine) Grant box of the integration record %q is not checked", in.Name)}
	}
	return nil
}

// entityRole looks up a login's user and role and checks that they can be
// used: the user exists and is active and still has the role, which exists.
// detail says why not, "" when they can.
func (a *Authenticator) entityRole(email, roleName string) (account.User, account.Role, string) {
	user, ok := a.acct.User(email)
	if !ok {
		return user, account.Role{}, fmt.Sprintf("the user %s is not defined", email)
	}
	if user.Inactive {
		return user, account.Role{}, fmt.Sprintf("the user %s is inactive", user.Email)
	}
	if !user.HasRole(roleName) {
		return user, account.Role{}, fmt.Sprintf("the user %s no longer has the role %q", user.Email, roleName)
	}
	role, ok := a.acct.Role(roleName)
	if !ok {
		return user, role, fmt.Sprintf("the role %q is not defined", roleName)
	}
	return user, role, ""
}

// useJTI records that the mapping's assertion with this jti was exchanged,
// and reports false if it was before. A jti is remembered until its
// assertion's exp, after which the assertion is refused as expired anyway:
// memory stays bounded by the assertions of the last hour.
func (a *Authenticator) useJTI(certificateID, jti string, exp, now time.Time) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	for k, until := range a.jtis {
		if !now.Before(until) {
			delete(a.jtis, k)
		}
	}
	k := certificateID + "\x00" + jti
	if _, used := a.jtis[k]; used {
		return false
	}
	a.jtis[k] = exp
	return true
}

// issue stores a new access token and returns it, forgetting those expired
// at now.
func (a *Authenticator) issue(b bearer, now time.Time) string {
	raw := make([]byte, 32)
	rand.Read(raw)
	tok := base64.RawURLEncoding.EncodeToString(raw)
	a.mu.Lock()
	defer a.mu.Unlock()
	for k, old := range a.bearers {
		if !now.Before(old.expires) {
			delete(a.bearers, k)
		}
	}
	a.bearers[tok] = b
	return tok
}

// AccessTokens returns how many access tokens the authenticator holds,
// expired ones not yet forgotten included.
func (a *Authenticator) AccessTokens() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.bearers)
}

// bearerSyntax is "Bearer" and a b64token (RFC 6750 §2.1).
var bearerSyntax = regexp.MustCompile(`^[Bb][Ee][Aa][Rr][Ee][Rr] +([A-Za-z0-9\-._~+/]+=*)$`)

// isBearer reports whether an Authorization header uses the Bearer scheme.
func isBearer(header string) bool {
	scheme, _, _ := strings.Cut(header, " ")
	return strings.EqualFold(scheme, "Bearer")
}

// authenticateBearer checks an OAuth 2.0 access token (RFC 6750) and returns
// who it logs in as: the entity and role of the mapping it was issued for.
// A refusal's OAuth field is invalid_request for a malformed header (400),
// invalid_token otherwise (401).
func (a *Authenticator) authenticateBearer(t *attempt, header string, kind Kind) (*Principal, error) {
	acct := a.acct
	fail := func(code string, reason tba.Reason, format string, args ...any) (*Principal, error) {
		return nil, t.failOAuth(code, reason, format, args...)
	}

	// 1. The header is "Bearer <token>".
	m := bearerSyntax.FindStringSubmatch(header)
	if m == nil {
		return fail(OAuthInvalidRequest, BearerTokenRejected, "the Authorization header is not \"Bearer <access token>\"")
	}

	// 2. The token was issued here and has not expired.
	a.mu.Lock()
	b, ok := a.bearers[m[1]]
	a.mu.Unlock()
	if !ok {
		return fail(OAuthInvalidToken, BearerTokenRejected, "the access token is not one the emulator issued (or the emulator was reset)")
	}
	t.entry.CertificateID, t.entry.Integration, t.entry.Role = b.certificateID, b.integration, b.role
	if !t.now.Before(b.expires) {
		return fail(OAuthInvalidToken, AccessTokenExpired, "the access token expired at %s; request a new one", b.expires.UTC().Format(time.RFC3339))
	}

	// 3. The OAuth 2.0 feature is enabled.
	if !acct.FeatureEnabled(account.FeatureOAuth2) {
		return fail(OAuthInvalidToken, FeatureDisabled, "the %s feature is not enabled (Setup > Company > Enable Features > SuiteCloud > Manage Authentication)", account.FeatureOAuth2.Label())
	}

	// 4. Its mapping is still valid, and its integration record allows the
	// grant.
	mp, ok := acct.M2MMapping(b.certificateID)
	if !ok {
		return fail(OAuthInvalidToken, BearerTokenRejected, "the M2M mapping %s is gone", b.certificateID)
	}
	if key, why := mp.Valid(t.now); key == nil {
		return fail(OAuthInvalidToken, BearerTokenRejected, "the M2M mapping %s cannot be used: %s", b.certificateID, why)
	}
	in, ok := acct.Integration(b.integration)
	if !ok {
		return fail(OAuthInvalidToken, InvalidIntegration, "the integration record %q is gone", b.integration)
	}
	if err := integrationAllows(in); err != nil {
		return fail(OAuthInvalidToken, err.reason, "%s", err.detail)
	}

	// 5. The token carries the service's scope.
	if scope := kind.scope(); !slices.Contains(b.scopes, scope) {
		return fail(OAuthInvalidToken, ScopeMismatched, "the access token's scopes (%s) do not include %s, which %s needs", scopeList(b.scopes), scope, kind.service())
	}

	// 6. The entity and role can log in with OAuth 2.0 to the service.
	user, role, detail := a.entityRole(b.user, b.role)
	t.entry.User, t.entry.Email = user.Name, user.Email
	if detail != "" {
		return fail(OAuthInvalidToken, EntityOrRoleDisabled, "%s", detail)
	}
	if role.Permission(account.PermLogInUsingOAuth2AccessTokens) < account.Full {
		return fail(OAuthInvalidToken, EntityOrRoleDisabled, "the role %q does not have %s at Full", role.Name, account.PermLogInUsingOAuth2AccessTokens.Label())
	}
	if kind == REST && role.Permission(account.PermRESTWebServices) < account.Full {
		return fail(OAuthInvalidToken, EntityOrRoleDisabled, "the role %q does not have the %s permission at Full (it has %s)",
			role.Name, account.PermRESTWebServices.Label(), role.Permission(account.PermRESTWebServices))
	}
	if kind == RESTlet && role.WebServicesOnly {
		return fail(OAuthInvalidToken, EntityOrRoleDisabled, "the role %q is Web Services Only, and such roles cannot call RESTlets", role.Name)
	}

	// 7. The service's feature is enabled.
	if feature := kind.feature(); !acct.FeatureEnabled(feature) {
		return fail(OAuthInvalidToken, FeatureDisabled, "the %s feature is not enabled (Setup > Company > Enable Features > SuiteCloud)", feature.Label())
	}

	t.entry.Status = Success
	a.trail.Add(t.entry)
	return &Principal{Kind: kind, User: user, Role: role, Integration: in.Name, CertificateID: b.certificateID}, nil
}

// clipList shows a client-supplied list in an audit detail.
func clipList(list []string) string { return clip(strings.Join(list, ", ")) }
