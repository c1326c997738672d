package doctor

import (
	"context"
	"crypto"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/netsuite/m2m"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// M2M is an OAuth 2.0 machine-to-machine connection to check instead of
// the TBA credentials (Config.M2M): the values as written, and the
// contents of the key and certificate files, which the doctor parses
// itself so that it can say what is wrong with them.
type M2M struct {
	// ClientID is the integration record's client ID.
	ClientID string
	// CertificateID is the M2M mapping's certificate ID.
	CertificateID string
	// PrivateKey is the PEM private key read from PrivateKeyFile; nil with
	// PrivateKeyError when the file could not be read.
	PrivateKey      []byte
	PrivateKeyFile  string
	PrivateKeyError error
	// Certificate is the PEM certificate read from CertificateFile, nil
	// when none is given (its checks are then skipped) or when it could not
	// be read (CertificateError).
	Certificate      []byte
	CertificateFile  string
	CertificateError error
	// Scopes are the scopes asked for; nil means rest_webservices.
	Scopes []string
	// Now is the clock of the certificate's validity and the assertions;
	// nil means time.Now.
	Now func() time.Time
}

// StepMapping is where an OAuth 2.0 machine-to-machine connection differs
// from TBA: the certificate and its mapping to the integration record,
// the entity and the role, which give the certificate ID (Oracle,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_162686838198.html).
const StepMapping Step = 6

// Where NetSuite shows the M2M settings.
const (
	whereClientID  = "NetSuite shows the client ID once, when the integration record is saved with Client Credentials (Machine to Machine) Grant checked (Setup > Integration > Manage Integrations)"
	whereMapping   = "Setup > Integration > Manage Authentication > OAuth 2.0 Client Credentials (M2M) Setup lists each mapping with its certificate ID"
	whereKey       = "the private key is the one the mapped certificate was made with, such as the private.pem of openssl req -new -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 365 -keyout private.pem -out public.pem"
	whereGrant     = "Setup > Integration > Manage Integrations > the integration > Edit > Authentication: State Enabled, OAuth 2.0 Client Credentials (Machine to Machine) Grant checked, and the scopes (RESTlets, REST Web Services, SuiteAnalytics Connect)"
	whereOAuthRole = "Setup > Users/Roles > Manage Roles > the mapping's role > Permissions > Setup: Log in using OAuth 2.0 Access Tokens (Full), and REST Web Services"
	whereOAuth     = "Setup > Company > Enable Features > SuiteCloud > Manage Authentication: OAuth 2.0"
)

// runM2M checks an OAuth 2.0 machine-to-machine connection: the settings,
// the key and certificate, the token exchange, then the same probes as a
// TBA connection with the bearer token.
func (r *run) runM2M(ctx context.Context) {
	accountOK := r.checkAccount()
	baseOK := r.checkBaseURL(accountOK)
	auth := r.checkM2MSettings()
	r.checkTimezoneSetting()
	if !accountOK || !baseOK || auth == nil {
		r.skip("token", "token exchange", StepSettings, "the settings above do not make a connection")
		r.skip("login", "login", StepSettings, "the settings above do not make a connection")
		return
	}
	r.baseURL = r.report.BaseURL
	if r.tokens = r.checkToken(ctx, auth); r.tokens == nil {
		r.skip("login", "login", StepSettings, "NetSuite issued no access token")
		r.skipAfterLogin()
		return
	}
	if !r.checkBearerLogin(ctx) {
		return
	}
	suiteQLTime := r.checkPermissions(ctx)
	r.checkConcurrency(ctx)
	r.checkTimezone(suiteQLTime)
}

// now is the clock of the M2M checks.
func (r *run) now() time.Time {
	if r.cfg.M2M.Now != nil {
		return r.cfg.M2M.Now()
	}
	return time.Now()
}

// checkM2MSettings checks the client ID, the certificate ID, the key, the
// certificate and the scopes, and returns the authenticator they make, or
// nil.
func (r *run) checkM2MSettings() *m2m.Authenticator {
	m := r.cfg.M2M
	ok := true
	for _, f := range []struct {
		id, title, value, where string
		step                    Step
	}{
		{"client_id", "client ID", m.ClientID, whereClientID, StepIntegration},
		{"certificate_id", "certificate ID", m.CertificateID, whereMapping, StepMapping},
	} {
		// Shown masked, as the TBA checks show the consumer key and the
		// token ID: neither is a secret, but a report gets pasted into
		// tickets, and the ends tell one value from another.
		c := Check{ID: f.id, Title: f.title, Step: f.step, Status: OK, Reason: tba.Mask(f.value)}
		switch v := strings.TrimSpace(f.value); {
		case v == "":
			c.Status, c.Reason, c.Fix = Fail, "not set", f.where
			ok = false
		case v != f.value || strings.ContainsAny(v, " \t\r\n"):
			c.Status, c.Reason, c.Fix = Fail, "it has a space or a line break in it", "copy it again as one unbroken string; "+f.where
			ok = false
		}
		r.add(c)
	}
	key := r.checkKey()
	if key == nil {
		ok = false
	}
	r.checkCertificate(key)
	scopes := m.Scopes
	if scopes == nil {
		scopes = []string{m2m.ScopeRESTWebServices}
	}
	c := Check{ID: "scopes", Title: "scopes", Step: StepIntegration, Status: OK, Reason: strings.Join(scopes, ", ")}
	switch err := m2m.CheckScopes(scopes); {
	case err != nil:
		c.Status, c.Reason, c.Fix = Fail, err.Error(), "ask for some of restlets, rest_webservices and suite_analytics, each checked on the integration record"
		ok = false
	case !slices.Contains(scopes, m2m.ScopeRESTWebServices):
		c.Status = Warn
		c.Reason += ": without rest_webservices the REST API and SuiteQL refuse the token, so the checks after the login fail"
		c.Fix = "add rest_webservices, and check REST Web Services on the integration record (" + whereGrant + ")"
	}
	r.add(c)
	if !ok {
		return nil
	}
	auth, err := m2m.New(m2m.Config{ClientID: m.ClientID, CertificateID: m.CertificateID, Key: key, Scopes: scopes, Now: m.Now})
	if err != nil {
		r.add(Check{ID: "token", Title: "token exchange", Step: StepSettings, Status: Fail, Reason: clean(err)})
		return nil
	}
	return auth
}

// checkKey parses the private key and names its algorithm.
func (r *run) checkKey() crypto.Signer {
	m := r.cfg.M2M
	c := Check{ID: "private_key", Title: "private key and algorithm", Step: StepMapping}
	file := m.PrivateKeyFile
	if file == "" {
		file = "the private key"
	}
	var key crypto.Signer
	switch {
	case m.PrivateKeyError != nil:
		c.Status, c.Reason, c.Fix = Fail, clean(m.PrivateKeyError), whereKey
	case m.PrivateKey == nil:
		c.Status, c.Reason, c.Fix = Fail, "not set", "set the private key file; "+whereKey
	default:
		k, err := m2m.ParsePrivateKey(m.PrivateKey)
		if err != nil {
			c.Status, c.Reason, c.Fix = Fail, file+": "+err.Error(), whereKey
			break
		}
		alg, _ := m2m.Algorithm(k.Public())
		key = k
		c.Status, c.Reason = OK, fmt.Sprintf("%s: %s, signed %s (NetSuite accepts PS256, PS384, PS512, ES256, ES384 and ES512, not RS256)", file, describeKey(k.Public()), alg)
	}
	r.add(c)
	return key
}

// describeKey names a key's type and size.
func describeKey(pub crypto.PublicKey) string {
	switch alg, _ := m2m.Algorithm(pub); alg {
	case "ES256":
		return "EC P-256"
	case "ES384":
		return "EC P-384"
	case "ES512":
		return "EC P-521"
	}
	return "RSA"
}

// checkCertificate checks the certificate, when one is given: that it is
// the key's, and its validity window.
func (r *run) checkCertificate(key crypto.Signer) {
	m := r.cfg.M2M
	c := Check{ID: "certificate", Title: "certificate", Step: StepMapping}
	switch {
	case m.CertificateError != nil:
		c.Status, c.Reason, c.Fix = Fail, clean(m.CertificateError), "give the certificate uploaded to the M2M mapping, or leave the setting out"
		r.add(c)
		return
	case m.Certificate == nil:
		r.skip("certificate", "certificate", StepMapping, "no certificate file is set, so its match with the key and its validity are not checked")
		return
	}
	cert, err := m2m.ParseCertificate(m.Certificate)
	if err != nil {
		c.Status, c.Reason, c.Fix = Fail, m.CertificateFile+": "+err.Error(), "give the certificate uploaded to the M2M mapping"
		r.add(c)
		return
	}
	window := fmt.Sprintf("valid from %s to %s", cert.NotBefore.UTC().Format(time.DateOnly), cert.NotAfter.UTC().Format(time.DateOnly))
	c.Status, c.Reason = OK, fmt.Sprintf("%s: %s, the private key's", m.CertificateFile, window)
	if key == nil {
		c.Reason = fmt.Sprintf("%s: %s; its match with the key is not checked, the key being unusable", m.CertificateFile, window)
	} else if err := m2m.MatchCertificate(cert, key); err != nil {
		c.Status, c.Reason = Fail, m.CertificateFile+": "+err.Error()
		c.Fix = "NetSuite checks the assertion with the mapped certificate's public key: " + whereKey
	}
	switch m2m.CheckValidity(cert, r.now()) {
	case m2m.NotYetValid:
		c.Status, c.Reason = Fail, m.CertificateFile+": not valid yet, "+window
		c.Fix = "wait, or check this machine's clock"
	case m2m.Expired:
		c.Status, c.Reason = Fail, m.CertificateFile+": expired, "+window
		c.Fix = "make a new certificate, map it (" + whereMapping + ") and set its certificate ID: an expired certificate's mapping cannot be renewed"
	case m2m.LongerThan2Years:
		if c.Status == OK {
			c.Status = Warn
			c.Reason += ": more than two years, which NetSuite shortens to two years from the upload, so it expires earlier than the file says"
			c.Fix = "make certificates valid for two years at most (openssl -days 730)"
		}
	}
	r.add(c)
}

// tokenRetry is the doctor's retry policy for the exchange: few and short.
var tokenRetry = netsuite.RetryPolicy{MaxRetries: 2, Initial: 250 * time.Millisecond, Max: time.Second}

// checkToken exchanges an assertion for an access token, and on a refusal
// names the setup step that the error points to. It returns the source
// that holds the token, which the login and the probes after it use: a
// run costs one exchange. It returns nil when NetSuite issued no token.
func (r *run) checkToken(ctx context.Context, auth *m2m.Authenticator) *m2m.Source {
	hc := r.cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	base, err := url.Parse(r.baseURL + "/services/rest/")
	if err != nil {
		r.add(Check{ID: "token", Title: "token exchange", Step: StepSettings, Status: Fail, Reason: clean(err)})
		return nil
	}
	src := auth.Source(netsuite.AuthSetup{Account: r.account, BaseURL: base, Base: hc.Transport, Retry: tokenRetry.WithDefaults(), UserAgent: r.userAgent("token")})
	sent := time.Now()
	tok, err := src.Token(ctx)
	recv := time.Now()
	if err == nil {
		r.add(Check{ID: "token", Title: "token exchange", Step: StepSettings, Status: OK,
			Reason: fmt.Sprintf("NetSuite issued an access token for a %s assertion at %s, valid for %s", auth.Algorithm(), src.TokenURL(), tok.Expiry.Sub(tok.Obtained).Round(time.Second))})
		r.add(Check{ID: "features", Title: "features", Step: StepFeatures, Status: OK, Reason: "OAuth 2.0 is enabled: the token endpoint issued a token"})
		r.add(Check{ID: "mapping", Title: "M2M mapping", Step: StepMapping, Status: OK, Reason: "the certificate ID names a mapping of this client whose certificate verifies the assertion"})
		return src
	}
	apiErr, isAPI := errors.AsType[*netsuite.Error](err)
	if !isAPI {
		r.add(r.networkFailure(err))
		return nil
	}
	c := Check{ID: "token", Title: "token exchange"}
	r.tokenRefused(ctx, &c, apiErr, sent, recv)
	r.add(c)
	return nil
}

// tokenRefused makes c a check that fails because NetSuite refused a
// token request (apiErr, sent and answered at sent and recv by this
// machine's clock): it names the setup step that the audit trail, the
// clock measured from the answer or the OAuth 2.0 error points to. It
// adds the clock check.
func (r *run) tokenRefused(ctx context.Context, c *Check, apiErr *netsuite.Error, sent, recv time.Time) {
	c.Status, c.Step, c.Cause = Fail, StepSettings, apiErr.Code
	c.Reason = "NetSuite refused the token request: " + apiReason(apiErr)
	entry, trailErr := r.m2mAuditEntry(ctx, "token")
	var clock clockReading
	if apiErr.Response != nil {
		clock = r.clockFromDate(apiErr.Response, sent, recv, auditReason(entry))
	}
	switch {
	case entry != nil:
		r.fromTrail(c, entry)
		if clock.said != "" && clockReasons[entry.Reason] != "" {
			c.Reason += "; measured: " + clock.said
		}
	case clock.certainlyOff():
		// Measured: this machine's clock is past the window, so the
		// assertion is expired or future-dated whatever else is wrong;
		// NetSuite's error stays in the reason, since something else may
		// be wrong too.
		reason := ReasonTokenNotAcceptable
		if clock.behind {
			reason = ReasonTokenExpired
		}
		info := describeM2M(reason)
		c.Step, c.Cause, c.Fix = info.step, reason, info.fix
		c.Reason += fmt.Sprintf("; %s: %s; measured: %s", reason, info.words, clock.said)
	case apiErr.Code == "invalid_grant":
		c.Step = StepMapping
		c.Fix = "NetSuite does not say which part of the assertion it refused; the Login Audit Trail (" + auditTrailPath + ") names it"
		c.Candidates = m2mCandidates(ReasonMissingKey, ReasonSignatureValidation, ReasonInvalidIssuer, ReasonEntityOrRoleDisabled,
			ReasonFeatureDisabled, ReasonIntegrationBlocked, ReasonClientIDMismatch)
	case apiErr.Code == "invalid_client" || apiErr.Code == "unauthorized_client":
		c.Step = StepIntegration
		c.Fix = "check the client ID (" + whereClientID + ") and the integration record: " + whereGrant
	case apiErr.Code == "invalid_scope":
		c.Step = StepIntegration
		c.Fix = "ask only for scopes checked on the integration record: " + whereGrant
	case apiErr.Status == http.StatusNotFound:
		c.Step = StepFeatures
		c.Fix = "check the base URL, and that OAuth 2.0 is enabled: " + whereOAuth
	case apiErr.Status >= 500 || apiErr.Status == http.StatusTooManyRequests:
		c.Fix = "NetSuite's token endpoint failed: check again later"
	default:
		c.Fix = "check the base URL: it must lead to NetSuite (or the emulator)"
	}
	if trailErr != nil {
		c.Reason += " (the audit trail could not be read: " + trailErr.Error() + ")"
	}
}

// m2mAuditEntry returns this run's refused request of a kind from the
// audit trail, when the doctor has one.
func (r *run) m2mAuditEntry(ctx context.Context, kind string) (*AuditEntry, error) {
	if r.cfg.AuditTrail == nil {
		return nil, nil
	}
	return r.auditEntry(ctx, kind)
}

// auditReason is an entry's reason, "" for none.
func auditReason(e *AuditEntry) string {
	if e == nil {
		return ""
	}
	return e.Reason
}

// fromTrail makes c name the reason the audit trail gives: the cause, its
// step and its fix, with no candidates.
func (r *run) fromTrail(c *Check, e *AuditEntry) {
	info := describeM2M(e.Reason)
	c.Step, c.Cause, c.Fix, c.Candidates = info.step, e.Reason, info.fix, nil
	c.Reason = e.Reason + ": " + info.words
	if e.Detail != "" {
		c.Reason += " (the Login Audit Trail: " + e.Detail + ")"
	}
}

// m2mCandidates are the candidates of reasons, in that order.
func m2mCandidates(reasons ...string) []Candidate {
	out := make([]Candidate, len(reasons))
	for i, reason := range reasons {
		info := describeM2M(reason)
		out[i] = Candidate{Reason: reason, Step: info.step, Cause: info.words, Fix: info.fix}
	}
	return out
}

// checkBearerLogin logs in with the bearer token (GET serverTime, which
// needs no permission), and on a 401 names what a token that NetSuite
// issued can still lack.
func (r *run) checkBearerLogin(ctx context.Context) bool {
	l, reached := r.login(ctx)
	if !reached {
		return false
	}
	serverNow, err, sent, recv := l.serverNow, l.err, l.sent, l.recv
	if err == nil {
		r.add(Check{ID: "login", Title: "login", Step: StepSettings, Status: OK, Reason: "NetSuite accepted the bearer token (GET serverTime)"})
		r.add(Check{ID: "role", Title: "login permissions", Step: StepRole, Status: OK, Reason: "the mapping's role may log in with OAuth 2.0 access tokens to REST web services"})
		r.addClock(sent.Add(recv.Sub(sent)/2).Sub(serverNow), recv.Sub(sent)/2, "serverTime", "")
		return true
	}
	c := Check{ID: "login", Title: "login", Step: StepUnknown, Status: Fail, Reason: "NetSuite refused the access token it had just issued: " + apiReason(err),
		Fix: "NetSuite does not say why; the Login Audit Trail (" + auditTrailPath + ") names it"}
	apiErr, isAPI := errors.AsType[*netsuite.Error](err)
	switch {
	case errors.Is(err, m2m.ErrExchange) && isAPI:
		// The login needed a new token (NetSuite refused the first, or
		// it was due for renewal) and did not get one: a token failure,
		// not a refusal of a token that was never sent.
		r.tokenRefused(ctx, &c, apiErr, sent, recv)
		c.Reason = "the login needed a new access token: " + c.Reason
	case netsuite.IsAuth(err):
		entry, trailErr := r.m2mAuditEntry(ctx, "login")
		switch {
		case entry != nil:
			r.fromTrail(&c, entry)
		default:
			c.Candidates = m2mCandidates(ReasonEntityOrRoleDisabled, ReasonScopeMismatched, ReasonFeatureDisabled, "InvalidScope")
		}
		if trailErr != nil {
			c.Reason += " (the audit trail could not be read: " + trailErr.Error() + ")"
		}
	}
	r.add(c)
	r.skipAfterLogin()
	return false
}
