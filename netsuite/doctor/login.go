package doctor

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// Thresholds of the clock check. NetSuite refuses a timestamp more than 5
// minutes from its clock (tba.TimestampWindow; Oracle,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_156935170194.html);
// past a minute the margin is thin.
const (
	clockWarn = time.Minute
	clockFail = tba.TimestampWindow
)

// userAgent is the User-Agent of this run's requests of a kind: it tells
// this run's logins from others' in an audit trail.
func (r *run) userAgent(kind string) string {
	return "nsconnect-go doctor/" + r.id + " " + kind
}

// newClient returns a client of the connection for account at baseURL.
// Retries are few and short: a doctor that waits minutes helps no one.
func (r *run) newClient(account tba.Account, baseURL, kind string) (*netsuite.Client, error) {
	hc := r.cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	auth := netsuite.WithCredentials(r.cfg.Credentials)
	if r.tokens != nil {
		auth = netsuite.WithAuthenticator(r.tokens)
	}
	opts := []netsuite.Option{
		netsuite.WithAccount(account),
		auth,
		netsuite.WithBaseURL(baseURL),
		netsuite.WithHTTPClient(hc),
		netsuite.WithUserAgent(r.userAgent(kind)),
		netsuite.WithRetry(netsuite.RetryPolicy{MaxRetries: 2, Initial: 250 * time.Millisecond, Max: time.Second}),
	}
	if r.location != nil {
		opts = append(opts, netsuite.WithTimezone(r.location))
	}
	if r.cfg.Concurrency > 0 {
		opts = append(opts, netsuite.WithConcurrency(r.cfg.Concurrency))
	}
	return netsuite.NewClient(opts...)
}

// checkLogin logs in (GET serverTime, which needs no permission) and
// checks the network, the login and the clock. It reports whether NetSuite
// accepted the login; when it did not, the later checks are skipped.
func (r *run) checkLogin(ctx context.Context) bool {
	l, reached := r.login(ctx)
	if !reached {
		return false
	}
	serverNow, err, sent, recv := l.serverNow, l.err, l.sent, l.recv
	if err == nil {
		r.loginAccepted(serverNow, sent, recv)
		return true
	}
	nerr, isAPI := errors.AsType[*netsuite.Error](err)
	switch {
	case isAPI && nerr.Status == http.StatusUnauthorized:
		r.loginRefused(ctx, l.answer, sent, recv)
	case isAPI && nerr.Status == http.StatusTooManyRequests:
		r.add(Check{ID: "login", Title: "login", Step: StepIntegration, Status: Fail, Cause: "CONCURRENCY_LIMIT_EXCEEDED",
			Reason: fmt.Sprintf("NetSuite refused the request %d times with 429 CONCURRENCY_LIMIT_EXCEEDED: the account's concurrency limit is used up by other requests "+
				"(every integration of the account shares it), so the login itself was not checked", l.retries()+1),
			Fix: "check again when the account is less busy; the limit and each integration's share are at " + governancePath})
		r.clockFromDate(l.answer, sent, recv, "")
	case isAPI && len(nerr.Details) == 0 && nerr.Code == "":
		r.add(Check{ID: "login", Title: "login", Step: StepSettings, Status: Fail,
			Reason: "the answer is not NetSuite's: " + clean(err),
			Fix:    "check the base URL: it must lead to NetSuite's REST web services (or the emulator), not to a proxy or another site"})
	default:
		r.add(Check{ID: "login", Title: "login", Step: StepSettings, Status: Fail, Reason: clean(err)})
	}
	r.skipAfterLogin()
	return false
}

// A loginAttempt is a GET serverTime: NetSuite's time, its answer and
// error, and when it was sent and answered by this machine's clock.
type loginAttempt struct {
	serverNow, sent, recv time.Time
	resp                  *netsuite.Response
	answer                *http.Response // NetSuite's answer, refused or not
	err                   error
}

// retries is how many times the Client sent the request again.
func (l loginAttempt) retries() int {
	if l.resp == nil {
		return 0
	}
	return l.resp.Retries
}

// login builds the run's client and logs in with it (GET serverTime, which
// needs no permission), and adds the network check. It reports whether
// NetSuite answered; when it did not, the checks that need a login are
// skipped.
func (r *run) login(ctx context.Context) (loginAttempt, bool) {
	client, err := r.newClient(r.account, r.baseURL, "login")
	if err != nil {
		r.add(Check{ID: "login", Title: "login", Step: StepSettings, Status: Fail, Reason: "the connection cannot be built: " + clean(err)})
		r.skipAfterLogin()
		return loginAttempt{}, false
	}
	r.client = client
	var l loginAttempt
	l.sent = time.Now()
	l.serverNow, l.resp, l.err = client.ServerTime(ctx)
	l.recv = time.Now()
	if l.resp != nil {
		l.answer = l.resp.Response
	} else if apiErr, ok := errors.AsType[*netsuite.Error](l.err); ok {
		l.answer = apiErr.Response // an Authenticator's error that carries NetSuite's refusal
	}
	if l.answer == nil {
		r.add(r.networkFailure(l.err))
		r.skip("login", "login", StepSettings, "NetSuite was not reached")
		r.skipAfterLogin()
		return l, false
	}
	r.add(networkSuccess(r.report.BaseURL, l.answer))
	return l, true
}

// skipAfterLogin skips the checks that need a login.
func (r *run) skipAfterLogin() {
	why := "NetSuite did not accept the login"
	r.skip("records", "read records", StepRole, why)
	r.skip("suiteql", "SuiteQL", StepRole, why)
	r.skip("metadata", "metadata", StepRole, why)
	r.skip("concurrency", "concurrency limit", StepIntegration, why)
	r.skip("timezone", "account timezone", StepSettings, why)
}

// networkSuccess describes how NetSuite was reached.
func networkSuccess(base string, resp *http.Response) Check {
	c := Check{ID: "network", Title: "network", Step: StepSettings, Status: OK}
	st := resp.TLS
	if st == nil {
		c.Reason = base + " answers over plain HTTP (the emulator, or a proxy: NetSuite's hosts answer over TLS only)"
		return c
	}
	c.Reason = fmt.Sprintf("%s answers over %s", base, tls.VersionName(st.Version))
	if len(st.PeerCertificates) > 0 {
		cert := st.PeerCertificates[0]
		c.Reason += fmt.Sprintf("; its certificate is valid until %s", cert.NotAfter.UTC().Format(time.DateOnly))
		if left := time.Until(cert.NotAfter); left < 14*24*time.Hour {
			c.Status = Warn
			c.Reason += fmt.Sprintf(" (%d days from now)", int(left.Hours()/24))
		}
	}
	return c
}

// networkFailure says why NetSuite was not reached.
func (r *run) networkFailure(err error) Check {
	c := Check{ID: "network", Title: "network", Step: StepSettings, Status: Fail}
	host := r.report.BaseURL
	derived := r.cfg.BaseURL == ""
	checkURL := "check the base URL"
	if derived {
		checkURL = "check the account ID: " + whereAccountID
	}
	var dns *net.DNSError
	var unknownCA x509.UnknownAuthorityError
	var badHost x509.HostnameError
	var invalid x509.CertificateInvalidError
	var notTLS tls.RecordHeaderError
	var ne net.Error
	switch {
	case err == nil:
		c.Reason = "no answer"
	case errors.Is(err, context.Canceled):
		c.Reason = "interrupted"
	case errors.As(err, &dns) && dns.IsNotFound:
		c.Reason = fmt.Sprintf("the host %s does not exist", dns.Name)
		if derived {
			c.Reason += fmt.Sprintf(": NetSuite makes it from the account ID, so no account has the ID %s", r.account)
		}
		c.Fix = checkURL
	case errors.As(err, &dns):
		c.Reason = fmt.Sprintf("the host %s could not be looked up (%s)", dns.Name, dns.Err)
		c.Fix = "check this machine's DNS and network"
	case errors.Is(err, syscall.ECONNREFUSED):
		c.Reason = "the connection to " + host + " was refused: nothing listens there"
		c.Fix = checkURL + ", or start the emulator it names"
	case errors.As(err, &unknownCA):
		c.Reason = "the TLS certificate of " + host + " is signed by an authority this machine does not trust (a proxy that inspects TLS?)"
		c.Fix = "add the proxy's certificate authority to this machine's trust store, or reach NetSuite without the proxy"
	case errors.As(err, &badHost):
		c.Reason = "the TLS certificate that answered is not for " + host + " (" + badHost.Error() + ")"
		c.Fix = checkURL
	case errors.As(err, &invalid):
		c.Reason = "the TLS certificate of " + host + " is not valid now (" + invalid.Error() + ")"
		c.Fix = "check this machine's clock; an expired certificate may also be a proxy's"
	case errors.As(err, &notTLS):
		c.Reason = host + " does not answer with TLS at that address"
		c.Fix = checkURL + ": http:// or https://?"
	case errors.As(err, &ne) && ne.Timeout():
		c.Reason = "no answer from " + host + " in time"
		c.Fix = "check the network: a firewall or proxy may block it"
	default:
		c.Reason = clean(err)
		c.Fix = checkURL
	}
	return c
}

// governancePath is where NetSuite shows the concurrency limits.
const governancePath = "Setup > Integration > Integration Management > Integration Governance"

// loginAccepted records a login NetSuite accepted: what it proves of each
// setup step, the clock measured against serverTime, and the Login to keep.
func (r *run) loginAccepted(serverNow, sent, recv time.Time) {
	r.add(Check{ID: "login", Title: "login", Step: StepSettings, Status: OK, Reason: "NetSuite accepted the token login (GET serverTime)"})
	proven := []Check{
		{ID: "features", Title: "features", Step: StepFeatures, Reason: "Token-based Authentication and REST Web Services are enabled"},
		{ID: "role", Title: "login permissions", Step: StepRole, Reason: "the token's role may log in with tokens to REST web services (Log in using Access Tokens or User Access Tokens, and REST Web Services)"},
		{ID: "user", Title: "user", Step: StepUser, Reason: "the token's user is active, has the role and is not locked"},
		{ID: "integration", Title: "integration record", Step: StepIntegration, Reason: "the integration record is Enabled with Token-based Authentication checked, and the consumer key and secret are its own"},
		{ID: "token", Title: "access token", Step: StepToken, Reason: "the access token is active and belongs to the integration record; the token ID and secret are its own"},
	}
	for _, c := range proven {
		c.Status = OK
		r.add(c)
	}
	mid := sent.Add(recv.Sub(sent) / 2)
	r.addClock(mid.Sub(serverNow), recv.Sub(sent)/2, "serverTime", "")
	creds := r.cfg.Credentials
	r.report.Login = &Login{
		At:             serverNow.UTC(),
		Account:        r.account.String(),
		ConsumerKey:    fingerprint("consumer key", creds.ConsumerKey),
		ConsumerSecret: fingerprint("consumer secret", creds.ConsumerSecret.Reveal()),
		TokenID:        fingerprint("token ID", creds.TokenID),
		TokenSecret:    fingerprint("token secret", creds.TokenSecret.Reveal()),
	}
}

// fingerprint is a short hash of a setting: it tells a changed value from
// the same one. NetSuite's credentials have 256 bits of randomness, so 64
// bits of a hash of one do not lead back to it.
func fingerprint(field, value string) string {
	sum := sha256.Sum256([]byte("nsconnect doctor fingerprint\x00" + field + "\x00" + value))
	return hex.EncodeToString(sum[:8])
}

// A clockReading is what the clock check measured: this machine's clock is
// off from NetSuite's by off, give or take margin; said says it in words,
// "" when nothing was measured.
type clockReading struct {
	said        string
	off, margin time.Duration
	behind      bool // this machine's clock is behind NetSuite's
}

// certainlyOff reports whether the clock is past NetSuite's window however
// the margin falls, and maybeOff whether it may be.
func (c clockReading) certainlyOff() bool { return c.said != "" && c.off-c.margin > clockFail }
func (c clockReading) maybeOff() bool     { return c.said != "" && c.off+c.margin > clockFail }

// clockFromDate measures the clock from the Date header of an answer (to
// the second) when NetSuite's serverTime could not be read.
func (r *run) clockFromDate(resp *http.Response, sent, recv time.Time, auditReason string) clockReading {
	date, err := http.ParseTime(resp.Header.Get("Date"))
	if err != nil {
		if clockReasons[auditReason] != "" {
			r.addClock(0, -1, "", auditReason)
		} else {
			r.skip("clock", "clock", StepSettings, "NetSuite's answer had no Date header")
		}
		return clockReading{}
	}
	mid := sent.Add(recv.Sub(sent) / 2)
	// The header is whole seconds: the server's time was in [date, date+1s).
	return r.addClock(mid.Sub(date.Add(500*time.Millisecond)), recv.Sub(sent)/2+500*time.Millisecond, "the Date header of its answer", auditReason)
}

// clockReasons are the Login Audit Trail's reasons that mean this
// machine's clock is off, in words.
var clockReasons = map[string]string{
	ReasonInvalidTimestamp:   "the timestamp was more than 5 minutes from NetSuite's clock",
	ReasonTokenExpired:       "the client assertion had expired by NetSuite's clock",
	ReasonTokenNotAcceptable: "the client assertion was dated in the future by NetSuite's clock",
}

// addClock adds the clock check: this machine's clock is skew ahead of
// NetSuite's, give or take margin, measured from source. An audit trail
// reason of clockReasons makes it fail whatever was measured. A
// negative margin means nothing was measured. It returns what was
// measured.
func (r *run) addClock(skew, margin time.Duration, source, auditReason string) clockReading {
	c := Check{ID: "clock", Title: "clock", Step: StepSettings}
	off := skew.Abs()
	dir := "ahead of"
	if skew < 0 {
		dir = "behind"
	}
	said := fmt.Sprintf("this machine's clock is %s %s NetSuite's (measured from %s, ±%s)", roundDuration(off), dir, source, roundDuration(margin))
	switch {
	case off+margin < time.Second:
		said = fmt.Sprintf("this machine's clock is within 1s of NetSuite's (measured from %s)", source)
	case off <= margin:
		said = fmt.Sprintf("this machine's clock is within %s of NetSuite's (measured from %s)", roundDuration(margin), source)
	}
	fix := "set this machine's clock right, by NTP: NetSuite refuses a login whose timestamp is more than 5 minutes from its clock"
	switch {
	case clockReasons[auditReason] != "":
		c.Status, c.Fix = Fail, fix
		c.Reason = "the Login Audit Trail says " + auditReason + ": " + clockReasons[auditReason]
		if margin >= 0 {
			c.Reason += "; " + said
		}
	case off-margin > clockFail:
		c.Status, c.Reason, c.Fix = Fail, said, fix
	case off-margin > clockWarn:
		c.Status, c.Reason, c.Fix = Warn, said+"; past 5 minutes NetSuite refuses every login", fix
	default:
		c.Status, c.Reason = OK, said
	}
	r.add(c)
	if margin < 0 {
		return clockReading{}
	}
	return clockReading{said: said, off: off, margin: margin, behind: skew < 0}
}

// roundDuration rounds d for people: to the second from 10 seconds, to the
// tenth of a second below.
func roundDuration(d time.Duration) time.Duration {
	if d >= 10*time.Second {
		return d.Round(time.Second)
	}
	return max(d.Round(100*time.Millisecond), 100*time.Millisecond)
}

// loginRefused diagnoses a 401 INVALID_LOGIN. NetSuite gives the same answer
// for every cause, so the doctor names the cause only when it knows it: read
// from an audit trail, measured (the clock), or proven (the credentials log
// in to the sibling account). Otherwise it ranks the candidates by what it
// could see, and says what rules the others out.
func (r *run) loginRefused(ctx context.Context, resp *http.Response, sent, recv time.Time) {
	login := Check{ID: "login", Title: "login", Status: Fail}
	var entry *AuditEntry
	var trailErr error
	if r.cfg.AuditTrail != nil {
		entry, trailErr = r.auditEntry(ctx, "login")
	}
	auditReason := ""
	if entry != nil {
		auditReason = entry.Reason
	}
	// The clock comes after the login in the report, but the diagnosis
	// needs it: measure it now, add it after.
	clockAt := len(r.report.Checks)
	measured := r.clockFromDate(resp, sent, recv, auditReason)
	clock := r.report.Checks[clockAt]
	r.report.Checks = r.report.Checks[:clockAt]
	clockOff := measured.certainlyOff()

	var sibling tba.Account
	siblingOK, siblingTried := false, false
	if !clockOff && (entry == nil || entry.Reason == ReasonInvalidRealm) {
		sibling, siblingOK, siblingTried = r.probeSibling(ctx)
	}

	switch {
	case entry != nil:
		info := describe(entry.Reason)
		login.Step, login.Cause, login.Fix = info.step, entry.Reason, info.fix
		login.Reason = entry.Reason + ": " + info.words
		if entry.Detail != "" {
			login.Reason += " (the Login Audit Trail: " + entry.Detail + ")"
		}
		if entry.Reason == ReasonInvalidTimestamp && measured.said != "" {
			login.Reason += "; measured: " + measured.said
		}
		if siblingOK {
			login.Reason += fmt.Sprintf("; these credentials do log in to the account %s", sibling)
			login.Fix = "set the account ID to " + sibling.String()
		}
	case clockOff:
		info := describe(ReasonInvalidTimestamp)
		login.Step, login.Cause, login.Fix = info.step, ReasonInvalidTimestamp, info.fix
		login.Reason = fmt.Sprintf("InvalidTimestamp: %s; measured: %s", info.words, measured.said)
	case siblingOK:
		info := describe(ReasonInvalidRealm)
		login.Step, login.Cause = info.step, ReasonInvalidRealm
		login.Reason = fmt.Sprintf("these credentials log in to the account %s, not to %s: the account ID is wrong", sibling, r.account)
		login.Fix = "set the account ID to " + sibling.String() + "; " + whereAccountID
	default:
		login.Step = StepUnknown
		login.Reason = "NetSuite refused the login (401 INVALID_LOGIN) and does not say why; its Login Audit Trail does (" + auditTrailPath + ", the Detail column)"
		login.Fix = "look up the newest refused login of this integration in the Login Audit Trail; each candidate below says what its reason means and where to fix it"
		login.Candidates, login.RuledOut = r.rank(measured, sibling, siblingTried)
	}
	if trailErr != nil {
		login.Reason += " (the audit trail could not be read: " + trailErr.Error() + ")"
	}
	r.add(login)
	r.add(clock)
}

// auditEntry returns this run's newest refused request of a kind (its
// User-Agent's: login, token) from the audit trail, or nil.
func (r *run) auditEntry(ctx context.Context, kind string) (*AuditEntry, error) {
	entries, err := r.cfg.AuditTrail.Failures(ctx)
	if err != nil {
		return nil, err
	}
	ua := r.userAgent(kind)
	for _, e := range entries {
		if e.UserAgent == ua {
			return &e, nil
		}
	}
	return nil, nil
}

// sibling returns the account whose ID differs from a's only in the
// sandbox suffix: production for a sandbox or release preview, sandbox 1
// for production; false for a development account, which has none.
func sibling(a tba.Account) (tba.Account, bool) {
	id := a.String()
	if strings.HasPrefix(id, "TSTDRV") {
		return tba.Account{}, false
	}
	base, _, hasSuffix := strings.Cut(id, "_")
	if hasSuffix {
		s, err := tba.ParseAccountID(base)
		return s, err == nil
	}
	s, err := tba.ParseAccountID(id + "_SB1")
	return s, err == nil
}

// probeSibling logs in to the sibling account with the same credentials:
// a sandbox's ID used for production (or the reverse) is then proven.
// Tokens are per account (a sandbox refresh does not copy them), so the
// refused attempt there counts toward no one's lockout. The request goes to
// the sibling's own host, or to the base URL when one is set (the
// emulator serves one account at any host).
func (r *run) probeSibling(ctx context.Context) (sib tba.Account, ok, tried bool) {
	sib, has := sibling(r.account)
	if !has {
		return sib, false, false
	}
	base := "https://" + sib.RESTHost()
	if r.cfg.BaseURL != "" && !strings.HasSuffix(strings.ToLower(hostOf(r.report.BaseURL)), restHostSuffix) {
		base = r.report.BaseURL
	}
	client, err := r.newClient(sib, base, "sibling")
	if err != nil {
		return sib, false, false
	}
	_, _, err = client.ServerTime(ctx)
	return sib, err == nil, true
}

// A scored is a candidate reason of a refused login while it is ranked.
type scored struct {
	reason, evidence string
	score            int
}

// A ranking is the candidates being ranked.
type ranking []*scored

// of returns the candidate with reason.
func (l ranking) of(reason string) *scored {
	for _, s := range l {
		if s.reason == reason {
			return s
		}
	}
	panic("doctor: no candidate " + reason)
}

// rank orders the candidates of a refused login by the evidence, most
// likely first, and returns those ruled out by measurement.
func (r *run) rank(measured clockReading, sib tba.Account, siblingTried bool) (cands, ruledOut []Candidate) {
	// The prior: how often each cause is reported, for a new setup first
	// (public issues of NetSuite clients: a wrong secret first, then role
	// permissions). It rules nothing out.
	list := ranking{
		{ReasonInvalidSignature, "not ruled out; the most frequent cause: a secret copied wrong, or the consumer and token secrets swapped", 50},
		{ReasonPermissionDenied, "not ruled out; frequent in a new setup: a role without Log in using Access Tokens or REST Web Services", 40},
		{ReasonTokenRejected, "not ruled out: a token revoked, created for another integration, or in another account (tokens are not copied to sandboxes)", 35},
		{ReasonConsumerKeyUnknown, "not ruled out: a consumer key copied wrong, or of an integration record in another account", 30},
		{ReasonConsumerKeyRefused, "not ruled out: an integration record Blocked, or without its Token-based Authentication box", 25},
		{ReasonFeatureDisabled, "not ruled out: a feature not enabled yet (then every token login to the account is refused)", 20},
		{ReasonTemporaryLocked, "not ruled out: it follows 5 refused logins in a row", 10},
		{ReasonInvalidRealm, "not checked: the account ID may name another account", 15},
	}
	if measured.maybeOff() {
		// Near the edge of NetSuite's window: the margin decides.
		list = append(list, &scored{ReasonInvalidTimestamp, "likely: " + measured.said + ", at the edge of the 5 minutes NetSuite allows", 120})
	}
	if siblingTried {
		realm := list.of(ReasonInvalidRealm)
		realm.evidence = fmt.Sprintf("unlikely: these credentials do not log in to %s either (the account whose ID differs only in the sandbox suffix)", sib)
		realm.score = 5
	}
	// Settings that are not in NetSuite's form: the cause each leads to
	// comes first.
	for _, f := range []struct{ field, label, reason string }{
		{"consumer_key", "consumer key", ReasonConsumerKeyUnknown},
		{"token_id", "token ID", ReasonTokenRejected},
		{"consumer_secret", "consumer secret", ReasonInvalidSignature},
		{"token_secret", "token secret", ReasonInvalidSignature},
	} {
		if p := r.fieldProblems[f.field]; p != nil {
			s := list.of(f.reason)
			s.score += 100
			s.evidence = fmt.Sprintf("likely: the %s is not in NetSuite's form (%s)", f.label, p.Detail)
		}
	}
	if last := r.cfg.LastLogin; last != nil {
		r.weighLastLogin(last, list)
	}
	slices.SortStableFunc(list, func(a, b *scored) int { return b.score - a.score })
	for _, s := range list {
		info := describe(s.reason)
		cands = append(cands, Candidate{Reason: s.reason, Step: info.step, Cause: info.words, Evidence: s.evidence, Fix: info.fix})
	}
	if measured.said != "" && !measured.maybeOff() {
		ruledOut = append(ruledOut, Candidate{Reason: ReasonInvalidTimestamp, Step: StepSettings, Cause: describe(ReasonInvalidTimestamp).words,
			Evidence: measured.said})
	}
	if c := r.report.Check("signing"); c != nil && c.Status == OK {
		ruledOut = append(ruledOut, Candidate{Reason: "UnknownAlgorithm, VersionRejected, NonceUsed, nonce_rejected, parameter_rejected, MissingTokenPassportRequiredFields",
			Step: StepSettings, Cause: "the request is not signed as NetSuite requires",
			Evidence: "the signer passed Oracle's example, and it sends HMAC-SHA256, oauth_version 1.0, each parameter once and a new 20-character nonce per request"})
	}
	return cands, ruledOut
}

// weighLastLogin moves the candidates by what changed since NetSuite last
// accepted a login of these settings: a setting that changed is the likely
// cause; when none did, the settings are right (unless they were reset in
// NetSuite since), and something changed in NetSuite.
func (r *run) weighLastLogin(last *Login, list ranking) {
	when := last.At.UTC().Format("2006-01-02 15:04 MST")
	if last.Account != r.account.String() {
		s := list.of(ReasonInvalidRealm)
		s.score += 90
		s.evidence = fmt.Sprintf("likely: NetSuite last accepted these settings with the account ID %s (%s); it is now %s", last.Account, when, r.account)
		return
	}
	creds := r.cfg.Credentials
	changed := 0
	for _, f := range []struct {
		label, fp, was, reason string
	}{
		{"consumer key", fingerprint("consumer key", creds.ConsumerKey), last.ConsumerKey, ReasonConsumerKeyUnknown},
		{"consumer secret", fingerprint("consumer secret", creds.ConsumerSecret.Reveal()), last.ConsumerSecret, ReasonInvalidSignature},
		{"token ID", fingerprint("token ID", creds.TokenID), last.TokenID, ReasonTokenRejected},
		{"token secret", fingerprint("token secret", creds.TokenSecret.Reveal()), last.TokenSecret, ReasonInvalidSignature},
	} {
		if f.fp == f.was {
			continue
		}
		changed++
		s := list.of(f.reason)
		if s.score < 100 { // a setting out of form says more
			s.score += 90
			s.evidence = fmt.Sprintf("likely: the %s changed since NetSuite last accepted these settings (%s)", f.label, when)
		}
	}
	if changed > 0 {
		return
	}
	same := fmt.Sprintf("NetSuite accepted these same settings on %s", when)
	sig := list.of(ReasonInvalidSignature)
	sig.score -= 45
	sig.evidence = "unlikely: " + same + ", so the secrets are right unless they were reset in NetSuite since"
	key := list.of(ReasonConsumerKeyUnknown)
	key.score -= 25
	key.evidence = "unlikely: " + same + "; possible if the integration's credentials were reset since"
	for _, reason := range []string{ReasonTokenRejected, ReasonConsumerKeyRefused, ReasonPermissionDenied, ReasonFeatureDisabled, ReasonTemporaryLocked} {
		s := list.of(reason)
		s.evidence = "not ruled out: " + same + ", so something changed in NetSuite since; " + strings.TrimPrefix(strings.TrimPrefix(s.evidence, "not ruled out: "), "not ruled out; ")
	}
	// After a working login, a token is revoked or an integration blocked
	// more often than a role is changed or a feature turned off.
	list.of(ReasonTokenRejected).score += 20
	list.of(ReasonConsumerKeyRefused).score += 20
}

// hostOf returns the host of a URL, or "".
func hostOf(raw string) string {
	if i := strings.Index(raw, "://"); i >= 0 {
		raw = raw[i+3:]
	}
	host, _, _ := strings.Cut(raw, "/")
	if h, _, err := net.SplitHostPort(host); err == nil {
		return h
	}
	return host
}

// clean returns an error's message without the library's package prefixes.
func clean(err error) string {
	return strings.ReplaceAll(err.Error(), "netsuite: ", "")
}
