package auth

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/account"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// Kind is the service a request logs in to. Each kind needs its own
// permission and feature.
type Kind string

// The kinds of login. SOAP logins come later.
const (
	// REST is REST web services: the record API, SuiteQL and the system
	// endpoints under /services/rest/.
	REST Kind = "REST"
	// SOAP is SOAP web services (SuiteTalk), which log in with a
	// TokenPassport in the SOAP header instead of an Authorization header.
	SOAP Kind = "SOAP"
	// RESTlet is a call of a RESTlet (/app/site/hosting/restlet.nl). It
	// needs the Server SuiteScript feature, not REST Web Services, and a
	// role that is not Web Services Only
	// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4254801119.html).
	RESTlet Kind = "RESTlet"
)

// permission returns the role permission a token login to kind needs at
// Full: REST Web Services for REST, SOAP Web Services (WEB_SERVICES) for
// SOAP (Oracle, "SOAP Web Services Permission",
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N3424476.html);
// ok is false for a RESTlet, which needs none.
//
// Assumption: SOAP needs its permission at Full, as REST does; the level
// is not documented.
func (k Kind) permission() (perm account.Permission, ok bool) {
	switch k {
	case REST:
		return account.PermRESTWebServices, true
	case SOAP:
		return account.PermWebServices, true
	}
	return "", false
}

// The lockout rule
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_156935170194.html,
// temporary_locked: "The user is locked after 5 failed logins, for 30
// minutes").
const (
	MaxFailedLogins = 5
	LockoutDuration = 30 * time.Minute
)

// maxFormBody bounds the form body read to check a signature. Assumption:
// NetSuite's limit is not documented; REST requests have JSON bodies, which
// are never read here.
const maxFormBody = 1 << 20

// A Principal is who a request logged in as. Its User and Role are copies
// taken at login: they stay the same for the whole request, and the next
// request sees any change made since.
type Principal struct {
	// Kind is the service logged in to.
	Kind Kind
	// User is the user the token logs in as.
	User account.User
	// Role is the token's role, with its permissions.
	Role account.Role
	// Integration is the name of the integration record.
	Integration string
	// TokenName is the access token's name.
	TokenName string
	// TokenID is the access token's ID: an identifier, not a secret, but show
	// it masked (tba.Mask). Empty for an OAuth 2.0 login.
	TokenID string
	// CertificateID is the M2M mapping's certificate ID of an OAuth 2.0
	// login; empty for TBA.
	CertificateID string
}

// An Authenticator checks Token-Based Authentication logins against an
// account, as NetSuite does (see the package doc for the checks and their
// order), and records each login, refused or not, in its Trail. It reads the
// account on every request, so a change to the account applies to the next
// request. It is safe for concurrent use.
type Authenticator struct {
	acct   *account.Account
	now    func() time.Time
	nonces *tba.NonceCache
	trail  *Trail

	mu       sync.Mutex
	lockouts map[string]*lockout  // by user ID
	bearers  map[string]bearer    // the OAuth 2.0 access tokens issued
	jtis     map[string]time.Time // the assertions' jti exchanged, until their exp
}

// lockout counts a user's failed logins in a row.
type lockout struct {
	failures int
	until    time.Time // locked before this time
}

// New returns an Authenticator for acct. now is the emulator's clock (nil
// means time.Now): it decides the timestamp window, nonce expiry and lockouts,
// so a test can move it. nonces remembers the nonces used (nil means a new
// cache with tba.TimestampWindow).
func New(acct *account.Account, now func() time.Time, nonces *tba.NonceCache) *Authenticator {
	if now == nil {
		now = time.Now
	}
	if nonces == nil {
		nonces = tba.NewNonceCache(tba.TimestampWindow)
	}
	return &Authenticator{
		acct:     acct,
		now:      now,
		nonces:   nonces,
		trail:    NewTrail(DefaultTrailCapacity),
		lockouts: map[string]*lockout{},
		bearers:  map[string]bearer{},
		jtis:     map[string]time.Time{},
	}
}

// Trail returns the login audit trail.
func (a *Authenticator) Trail() *Trail { return a.trail }

// Nonces returns how many nonce and timestamp pairs the authenticator
// remembers to refuse replays: those whose timestamp is still within the
// window of its clock (tba.NonceCache).
func (a *Authenticator) Nonces() int { return a.nonces.Len() }

// attempt is one login being checked.
type attempt struct {
	a     *Authenticator
	now   time.Time
	entry Entry
	// counted is the ID of the user whose failed logins this attempt counts
	// toward; set once the token is resolved.
	counted string
}

// fail records a refusal in the trail and returns it.
func (t *attempt) fail(reason tba.Reason, format string, args ...any) (*Principal, error) {
	err := &Error{Reason: reason, Detail: fmt.Sprintf(format, args...)}
	if t.counted != "" && reason != TemporaryLocked {
		if n, locked := t.a.countFailure(t.counted, t.now); locked {
			err.Detail += fmt.Sprintf("; after %d failed logins in a row the user is locked for %s", n, LockoutDuration)
		}
	}
	t.entry.Status, t.entry.Reason, t.entry.Detail = Failure, reason, err.Detail
	t.a.trail.Add(t.entry)
	return nil, err
}

// failTBA records a refusal found by the tba package.
func (t *attempt) failTBA(err error) (*Principal, error) {
	if te, ok := errors.AsType[*tba.Error](err); ok {
		return t.fail(te.Reason, "%s", te.Detail)
	}
	return t.fail(tba.ParameterRejected, "%v", err)
}

// presented is what a token login presents, whichever its form: the OAuth
// Authorization header of REST or the TokenPassport of SOAP. verify checks
// its signature with the secrets the account holds.
type presented struct {
	realm, consumerKey, token, nonce string
	timestamp                        int64
	verify                           func(consumerSecret, tokenSecret tba.Secret) error
}

// newAttempt starts checking a login to kind.
func (a *Authenticator) newAttempt(r *http.Request, kind Kind) *attempt {
	t := &attempt{a: a, now: a.now()}
	t.entry = Entry{
		Time:       t.now,
		Kind:       kind,
		IP:         r.RemoteAddr,
		RequestURI: r.URL.Path,
		UserAgent:  r.UserAgent(),
	}
	return t
}

// Authenticate checks the login of r, a request to the service kind, and
// returns who it logs in as: Token-Based Authentication, or an OAuth 2.0
// access token when the Authorization header is "Bearer <token>". A
// refusal is an *Error with the reason the Login Audit Trail shows (for a
// bearer token, with the OAuth 2.0 error code too); every attempt, refused
// or not, is added to the Trail. The request's body is read only when it is
// application/x-www-form-urlencoded, and is then left readable again.
func (a *Authenticator) Authenticate(r *http.Request, kind Kind) (*Principal, error) {
	t := a.newAttempt(r, kind)

	// 1. The header parses.
	headers := r.Header.Values("Authorization")
	switch len(headers) {
	case 0:
		return t.fail(tba.MissingTokenPassportRequiredFields, "the request has no Authorization header")
	case 1:
	default:
		return t.fail(tba.ParameterRejected, "the request has %d Authorization headers", len(headers))
	}
	if isBearer(headers[0]) {
		return a.authenticateBearer(t, headers[0], kind)
	}
	auth, err := tba.ParseAuthorization(headers[0])
	if err != nil {
		return t.failTBA(err)
	}
	return t.login(presented{
		realm: auth.Realm, consumerKey: auth.ConsumerKey, token: auth.Token, nonce: auth.Nonce, timestamp: auth.Timestamp,
		verify: func(consumerSecret, tokenSecret tba.Secret) error {
			// The signature covers the request the client signed: the
			// request's scheme, Host header and request URI.
			requestURI := r.RequestURI
			if requestURI == "" {
				requestURI = r.URL.RequestURI()
			}
			host := r.Host
			if host == "" {
				host = r.URL.Host
			}
			u, err := tba.RequestURL(r.TLS != nil, host, requestURI)
			if err != nil {
				return &tba.Error{Reason: tba.InvalidSignature, Detail: fmt.Sprintf("the request URL cannot be rebuilt to check the signature: %v", err)}
			}
			form, err := tba.FormParams(r, maxFormBody)
			if err != nil {
				return &tba.Error{Reason: tba.ParameterRejected, Detail: err.Error()}
			}
			return auth.Verify(r.Method, u, form, consumerSecret, tokenSecret)
		},
	}, kind)
}

// AuthenticatePassport checks the TokenPassport of a SOAP request r, as
// Authenticate checks an Authorization header, with the same steps and
// trail: the passport's account is the realm, and its signature is
// checked with tba.Passport.Verify, which also accepts the algorithm
// HMAC_SHA256 (Oracle, "The tokenPassport Complex Type",
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4395630653.html).
// A request without a passport is refused with
// MissingTokenPassportRequiredFields.
func (a *Authenticator) AuthenticatePassport(r *http.Request, p *tba.Passport) (*Principal, error) {
	t := a.newAttempt(r, SOAP)
	if p == nil {
		return t.fail(tba.MissingTokenPassportRequiredFields, "the SOAP header has no tokenPassport")
	}
	if p.Account == "" || p.ConsumerKey == "" || p.Token == "" || p.Nonce == "" || p.Signature == "" || p.Timestamp == 0 {
		return t.fail(tba.MissingTokenPassportRequiredFields, "the tokenPassport lacks a required field: account, consumerKey, token, nonce, timestamp and signature are all required")
	}
	if !passportNonce(p.Nonce) {
		return t.fail(tba.NonceRejected, "the tokenPassport nonce has %d characters; it must be %d to %d letters and digits", len(p.Nonce), tba.MinNonceLength, maxPassportNonce)
	}
	return t.login(presented{
		realm: p.Account, consumerKey: p.ConsumerKey, token: p.Token, nonce: p.Nonce, timestamp: p.Timestamp,
		verify: p.Verify,
	}, SOAP)
}

// maxPassportNonce is the longest nonce of a TokenPassport: "6-64
// alphanumeric characters" (section_4395630653).
const maxPassportNonce = 64

// passportNonce reports whether nonce is 6 to 64 ASCII letters and digits.
//
// Assumption: a passport nonce outside that rule is refused with the
// RESTlets' reason nonce_rejected; Oracle's table gives none for SOAP.
func passportNonce(nonce string) bool {
	if len(nonce) < tba.MinNonceLength || len(nonce) > maxPassportNonce {
		return false
	}
	for _, c := range []byte(nonce) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// login runs the checks from step 2 on of what a token login presents.
func (t *attempt) login(auth presented, kind Kind) (*Principal, error) {
	a, acct := t.a, t.a.acct

	// 2. The realm is this account's ID, exactly.
	if realm := acct.ID.Realm(); auth.realm != realm {
		switch {
		case auth.realm == "":
			return t.fail(InvalidRealm, "the Authorization header has no realm; it must be the account ID, %s", realm)
		case strings.EqualFold(auth.realm, realm):
			return t.fail(InvalidRealm, "realm %q is not the account ID as NetSuite shows it, %s: the realm is case-sensitive", clip(auth.realm), realm)
		default:
			return t.fail(InvalidRealm, "realm %q is not this account's ID, %s", clip(auth.realm), realm)
		}
	}

	// 3. The Token-Based Authentication feature is enabled.
	if !acct.FeatureEnabled(account.FeatureTokenBasedAuthentication) {
		return t.fail(FeatureDisabled, "the %s feature is not enabled (Setup > Company > Enable Features > SuiteCloud)", account.FeatureTokenBasedAuthentication.Label())
	}

	// 4. The consumer key names an integration record that may log in.
	in, ok := acct.IntegrationByKey(auth.consumerKey)
	if !ok {
		return t.fail(ConsumerKeyUnknown, "no integration record has the consumer key %s", tba.Mask(auth.consumerKey))
	}
	t.entry.Integration = in.Name
	if in.State == account.Blocked {
		return t.fail(ConsumerKeyRefused, "the integration record %q is Blocked", in.Name)
	}
	if !in.TokenBasedAuthentication {
		return t.fail(ConsumerKeyRefused, "the Token-Based Authentication box of the integration record %q is not checked", in.Name)
	}

	// 5. The token exists, is not revoked and belongs to this integration.
	tok, ok := acct.Token(auth.token)
	if !ok {
		return t.fail(TokenRejected, "no access token has the ID %s", tba.Mask(auth.token))
	}
	t.entry.Token, t.entry.TokenName, t.entry.Role = tba.Mask(tok.TokenID), tok.Name, tok.Role
	user, ok := acct.User(tok.User)
	if !ok {
		return t.fail(TokenRejected, "the user of access token %s is not defined", t.entry.Token)
	}
	t.entry.User, t.entry.Email = user.Name, user.Email
	if tok.Revoked {
		return t.fail(TokenRejected, "access token %s is revoked", t.entry.Token)
	}
	if tok.Integration != in.Name {
		return t.fail(TokenRejected, "access token %s belongs to the integration record %q, not %q", t.entry.Token, tok.Integration, in.Name)
	}

	// The user is known: from here on, failures count toward a lockout.
	t.counted = user.ID

	// 6. The user is not locked.
	if until, locked := a.lockedUntil(user.ID, t.now); locked {
		return t.fail(TemporaryLocked, "the user is locked until %s after %d failed logins in a row", until.UTC().Format(time.RFC3339), MaxFailedLogins)
	}

	// 7. The timestamp is within ±5 minutes of the emulator's clock.
	if err := tba.CheckTimestamp(auth.timestamp, t.now, tba.TimestampWindow); err != nil {
		return t.failTBA(err)
	}

	// 8. The signature matches what the client signed.
	if err := auth.verify(in.ConsumerSecret, tok.TokenSecret); err != nil {
		return t.failTBA(err)
	}

	// 9. This user has not used the nonce with this timestamp before.
	if err := a.nonces.Use(user.ID, auth.nonce, auth.timestamp, t.now); err != nil {
		return t.failTBA(err)
	}

	// 10. The user and role may log in with tokens to this service.
	_, role, detail := a.entityRole(user.Email, tok.Role)
	if detail != "" {
		return t.fail(PermissionDenied, "%s", detail)
	}
	if !canLogInWithTokens(role) {
		detail := fmt.Sprintf("the role %q has neither %s nor %s at Full", role.Name,
			account.PermLogInUsingAccessTokens.Label(), account.PermUserAccessTokens.Label())
		if role.Permission(account.PermAccessTokenManagement) > account.None {
			detail += fmt.Sprintf("; %s does not allow logging in with tokens", account.PermAccessTokenManagement.Label())
		}
		return t.fail(PermissionDenied, "%s", detail)
	}
	if perm, ok := kind.permission(); ok && role.Permission(perm) < account.Full {
		return t.fail(PermissionDenied, "the role %q does not have the %s permission at Full (it has %s)",
			role.Name, perm.Label(), role.Permission(perm))
	}
	if kind == RESTlet && role.WebServicesOnly {
		// "Roles with the Web Services Only restriction will not work with
		// RESTlets." Assumption: the login is refused as permission_denied.
		return t.fail(PermissionDenied, "the role %q is Web Services Only, and such roles cannot call RESTlets", role.Name)
	}

	// 11. The service's feature is enabled.
	if feature := kind.feature(); !acct.FeatureEnabled(feature) {
		return t.fail(FeatureDisabled, "the %s feature is not enabled (Setup > Company > Enable Features > SuiteCloud)", feature.Label())
	}

	a.loginSucceeded(user.ID)
	t.entry.Status = Success
	a.trail.Add(t.entry)
	return &Principal{
		Kind:        kind,
		User:        user,
		Role:        role,
		Integration: in.Name,
		TokenName:   tok.Name,
		TokenID:     tok.TokenID,
	}, nil
}

// feature is the feature a login of kind needs: REST Web Services for REST,
// Server SuiteScript for a RESTlet, SOAP Web Services for SOAP.
func (k Kind) feature() account.Feature {
	switch k {
	case RESTlet:
		return account.FeatureServerSuiteScript
	case SOAP:
		return account.FeatureSOAPWebServices
	}
	return account.FeatureRESTWebServices
}

// scope is the OAuth 2.0 scope a bearer token needs for kind:
// rest_webservices for REST, restlets for a RESTlet
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_158332610742.html).
func (k Kind) scope() account.Scope {
	if k == RESTlet {
		return account.ScopeRESTlets
	}
	return account.ScopeRESTWebServices
}

// service names the service of kind in messages.
func (k Kind) service() string {
	if k == RESTlet {
		return "a RESTlet"
	}
	return "REST web services"
}

// canLogInWithTokens reports whether role has a permission that allows token
// logins: Log in using Access Tokens or User Access Tokens, at Full
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_5085602973.html:
// "Log in using Access Tokens (Setup, Full)"; "User Access Tokens: the user can
// create their own tokens and log in with them"). Access Token Management does
// not: "the user can manage tokens for others, but cannot log in with tokens".
func canLogInWithTokens(role account.Role) bool {
	return role.Permission(account.PermLogInUsingAccessTokens) >= account.Full ||
		role.Permission(account.PermUserAccessTokens) >= account.Full
}

// lockedUntil reports whether the user is locked at now, and until when.
func (a *Authenticator) lockedUntil(userID string, now time.Time) (time.Time, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	l := a.lockouts[userID]
	if l == nil || !now.Before(l.until) {
		return time.Time{}, false
	}
	return l.until, true
}

// countFailure counts a failed login of the user at now. It returns the number
// of failures in a row and whether this one locked the user.
//
// Assumption: the count is not reset when a lock expires, so that one more failure locks the user
// again at once, as Oracle describes for SuiteAnalytics Connect ("After five failed attempts, the
// account is locked ... for thirty minutes. Then, you'll have one additional attempt. If there's a
// new failed attempt, the account is locked again",
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_0907011905.html).
func (a *Authenticator) countFailure(userID string, now time.Time) (int, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	l := a.lockouts[userID]
	if l == nil {
		l = &lockout{}
		a.lockouts[userID] = l
	}
	l.failures++
	if l.failures >= MaxFailedLogins {
		l.until = now.Add(LockoutDuration)
		return l.failures, true
	}
	return l.failures, false
}

// loginSucceeded resets the user's count of failed logins. Assumption: a success ends a run of
// failures, as NetSuite's password lockout counts "five consecutive attempts"
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N250541.html).
func (a *Authenticator) loginSucceeded(userID string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.lockouts, userID)
}

// clip shortens client-supplied text quoted in an audit detail.
func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "..."
	}
	return s
}
