package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/account"
	"github.com/nsconnect/nsconnect/emulator/internal/auth"
	"github.com/nsconnect/nsconnect/emulator/internal/records"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// The Go test API: everything the control plane (/_emulator/) does, as Go
// methods, and direct access to the records, for tests that embed the
// emulator. The control plane's handlers call these methods; there is one
// implementation of each.

// ErrNotFound is returned (wrapped) for a role, integration, token, user or
// record the emulator does not have: errors.Is(err, emulator.ErrNotFound).
var ErrNotFound = errors.New("emulator: not found")

// notFound is an error that is ErrNotFound and keeps its own message, which
// names what is defined.
type notFound struct{ error }

func (notFound) Is(target error) bool { return target == ErrNotFound }

// Connection is what a client needs to connect to the emulator: what
// `nsconnect emulator` prints when it is ready.
type Connection struct {
	// URL is the base URL, such as http://127.0.0.1:43127 (with NoListener,
	// the account's REST host, reached only through HTTPClient).
	URL string
	// AccountID is the account's ID; its realm signs requests.
	AccountID tba.Account
	// Credentials are the TBA credentials of the account's first active
	// access token (the demo account's are documented demo values); zero
	// when no token is active but an M2M mapping is usable.
	Credentials tba.Credentials
	// Timezone is the account's time zone, an IANA name.
	Timezone string
	// ClientID and CertificateID identify the account's first usable OAuth
	// 2.0 M2M mapping (for the demo account, DemoClientID and
	// DemoCertificateID); both empty when it has none.
	ClientID, CertificateID string
	// PrivateKeyFile is the file holding that mapping's private key, when
	// the emulator wrote it (Options.DemoM2MKeyFile); "" otherwise.
	PrivateKeyFile string
}

// readyLine is the JSON line `nsconnect emulator` prints when ready.
type readyLine struct {
	URL            string `json:"url"`
	AccountID      string `json:"accountId"`
	ConsumerKey    string `json:"consumerKey,omitempty"`
	ConsumerSecret string `json:"consumerSecret,omitempty"`
	TokenID        string `json:"tokenId,omitempty"`
	TokenSecret    string `json:"tokenSecret,omitempty"`
	Timezone       string `json:"timezone"`
	ClientID       string `json:"clientId,omitempty"`
	CertificateID  string `json:"certificateId,omitempty"`
	PrivateKeyFile string `json:"privateKeyFile,omitempty"`
}

// ReadyLine returns the connection as one line of JSON, secrets included:
//
//	{"url":"http://127.0.0.1:PORT","accountId":"...","consumerKey":"...","consumerSecret":"...","tokenId":"...","tokenSecret":"...","timezone":"...",
//	 "clientId":"...","certificateId":"...","privateKeyFile":"..."}
//
// clientId, certificateId and privateKeyFile are left out when empty, and
// the four TBA credentials when no access token is active (the line then
// has clientId and certificateId).
//
// These are the emulator's own credentials, printed by contract so that
// scripts and clients in other languages can connect; never call it on a
// real account's.
func (c Connection) ReadyLine() []byte {
	line, _ := json.Marshal(readyLine{
		URL:            c.URL,
		AccountID:      c.AccountID.String(),
		ConsumerKey:    c.Credentials.ConsumerKey,
		ConsumerSecret: c.Credentials.ConsumerSecret.Reveal(),
		TokenID:        c.Credentials.TokenID,
		TokenSecret:    c.Credentials.TokenSecret.Reveal(),
		Timezone:       c.Timezone,
		ClientID:       c.ClientID,
		CertificateID:  c.CertificateID,
		PrivateKeyFile: c.PrivateKeyFile,
	})
	return line
}

// ParseReadyLine reads a ready line (ReadyLine), as `nsconnect emulator`
// prints it and GET /_emulator/connection answers it: one JSON object with
// url, accountId (valid) and timezone, and a connection: the four TBA
// credentials, or clientId and certificateId, or both; privateKeyFile is
// optional. Its errors never repeat a secret.
func ParseReadyLine(line []byte) (Connection, error) {
	var l readyLine
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return Connection{}, errors.New("emulator: the ready line is not the JSON object of a connection")
	}
	if dec.More() {
		return Connection{}, errors.New("emulator: the ready line has more than one JSON value")
	}
	required := []struct{ name, value string }{{"url", l.URL}, {"accountId", l.AccountID}, {"timezone", l.Timezone}}
	tbaFields := []struct{ name, value string }{
		{"consumerKey", l.ConsumerKey}, {"consumerSecret", l.ConsumerSecret}, {"tokenId", l.TokenID}, {"tokenSecret", l.TokenSecret},
	}
	if l.ConsumerKey+l.ConsumerSecret+l.TokenID+l.TokenSecret != "" || l.ClientID+l.CertificateID == "" {
		required = append(required, tbaFields...) // TBA, or nothing to connect with
	}
	if l.ClientID+l.CertificateID != "" {
		required = append(required, struct{ name, value string }{"clientId", l.ClientID}, struct{ name, value string }{"certificateId", l.CertificateID})
	}
	for _, f := range required {
		if f.value == "" {
			return Connection{}, fmt.Errorf("emulator: the ready line has no %s", f.name)
		}
	}
	account, err := tba.ParseAccountID(l.AccountID)
	if err != nil {
		return Connection{}, fmt.Errorf("emulator: the ready line's accountId: %w", err)
	}
	return Connection{
		URL:       l.URL,
		AccountID: account,
		Credentials: tba.Credentials{
			ConsumerKey: l.ConsumerKey, ConsumerSecret: tba.Secret(l.ConsumerSecret),
			TokenID: l.TokenID, TokenSecret: tba.Secret(l.TokenSecret),
		},
		Timezone:       l.Timezone,
		ClientID:       l.ClientID,
		CertificateID:  l.CertificateID,
		PrivateKeyFile: l.PrivateKeyFile,
	}, nil
}

// Connection returns what a client needs to connect to the emulator, with
// the credentials of the account's first active access token and the IDs of
// its first usable M2M mapping; it fails only when there is neither.
func (s *Server) Connection() (Connection, error) {
	creds, credErr := s.Credentials()
	s.resetMu.RLock()
	acct := s.acct.Clone()
	s.resetMu.RUnlock()
	c := Connection{URL: s.url, AccountID: s.accountID, Credentials: creds, Timezone: s.timezone}
	var demoKey bool
	c.ClientID, c.CertificateID, demoKey = m2mConnection(acct, s.clock.Now())
	if credErr != nil && c.ClientID == "" {
		return Connection{}, errors.New("emulator: the account has no active access token and no usable M2M mapping")
	}
	if demoKey {
		c.PrivateKeyFile = s.keyFile
	}
	return c, nil
}

// ControlToken returns the token the control plane requires
// (Options.ControlToken), "" when it requires none.
func (s *Server) ControlToken() string { return s.opts.ControlToken }

// Health is the emulator's state, as GET /_emulator/health shows it.
type Health struct {
	Status           string `json:"status"`
	AccountID        string `json:"accountId"`
	ConcurrencyLimit int64  `json:"concurrencyLimit"`
	InFlight         int64  `json:"inFlight"`
	Served           int64  `json:"served"`
	Rejected         int64  `json:"rejected"`
}

// Health reports the concurrency limit, the requests in flight and how many
// were served and refused.
func (s *Server) Health() Health {
	return Health{
		Status:           "ok",
		AccountID:        s.accountID.String(),
		ConcurrencyLimit: s.gov.limit.Load(),
		InFlight:         s.gov.inFlight.Load(),
		Served:           s.gov.served.Load(),
		Rejected:         s.gov.rejected.Load(),
	}
}

// Reset puts the emulator back as it started: the account as loaded, the
// seed records, the clock, the audit trail and lockouts; asynchronous jobs,
// idempotency keys and SOAP search IDs are forgotten, and jobs not yet carried out are not. The seeding is
// finished even if ctx is cancelled: a half-seeded store is worse than a
// slow answer.
func (s *Server) Reset(ctx context.Context) error {
	s.resetMu.Lock()
	defer s.resetMu.Unlock()
	acct, err := account.Load(s.initial)
	if err != nil {
		return fmt.Errorf("emulator: reloading the account: %w", err)
	}
	s.acct = acct
	s.auth = auth.New(acct, s.clock.Now, nil)
	s.clock.Reset()
	s.jobs.reset()
	s.searches.reset()
	ctx = context.WithoutCancel(ctx)
	if err := s.store.Reset(ctx); err != nil {
		return fmt.Errorf("emulator: clearing the records: %w", err)
	}
	return s.seed(ctx)
}

// AuditEntry is one line of the login audit trail.
type AuditEntry = auth.Entry

// AuditStatus is the status of an AuditEntry.
type AuditStatus = auth.Status

// The statuses of an AuditEntry.
const (
	AuditSuccess = auth.Success
	AuditFailure = auth.Failure
)

// Audit returns the login audit trail, newest first: only the entries with
// status when it is AuditSuccess or AuditFailure (all when ""), at most limit
// of them (all when 0).
func (s *Server) Audit(status AuditStatus, limit int) ([]AuditEntry, error) {
	if status != "" && status != auth.Success && status != auth.Failure {
		return nil, fmt.Errorf("emulator: audit status %q: use %s or %s", status, auth.Success, auth.Failure)
	}
	if limit < 0 {
		return nil, fmt.Errorf("emulator: audit limit %d: use 0 for all, or more", limit)
	}
	s.resetMu.RLock()
	defer s.resetMu.RUnlock()
	entries := s.auth.Trail().List(status, limit)
	if entries == nil {
		entries = []AuditEntry{}
	}
	return entries, nil
}

// ClockState is the emulator's clock.
type ClockState struct {
	// Now is the emulator's now.
	Now time.Time `json:"now"`
	// Offset is how far the clock is from the real time (or Options.Now).
	Offset string `json:"offset"`
	// Frozen reports whether the clock stands still.
	Frozen bool `json:"frozen"`
}

// Clock returns the emulator's clock: record dates, serverTime, the TBA
// timestamp window, lockouts and the Date header all read it.
func (s *Server) Clock() ClockState {
	offset, frozen := s.clock.state()
	return ClockState{Now: s.clock.Now(), Offset: offset.String(), Frozen: frozen}
}

// The range of times the clock can be set to. NetSuite's dates are Gregorian
// years of four digits
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157305090645.html);
// times outside this range are refused rather than wrapped (year 1 once came
// out as 1734).
var (
	minClock = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	maxClock = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
)

func checkClock(t time.Time) error {
	if t.Before(minClock) || !t.Before(maxClock) {
		return fmt.Errorf("emulator: the clock can be set from %s to before %s, not to %s",
			minClock.Format(time.RFC3339), maxClock.Format(time.RFC3339), t.Format(time.RFC3339))
	}
	return nil
}

// SetClock makes now t. A frozen clock stays at t until the next change;
// otherwise it runs on from t. t must be from 1970 to before 9999.
func (s *Server) SetClock(t time.Time, frozen bool) error {
	if err := checkClock(t); err != nil {
		return err
	}
	s.clock.Set(t, frozen)
	return nil
}

// AdvanceClock moves now by d (backward when d < 0), within the range
// SetClock allows.
func (s *Server) AdvanceClock(d time.Duration) error {
	if err := checkClock(s.clock.Now().Add(d)); err != nil {
		return err
	}
	s.clock.Advance(d)
	return nil
}

// ResetClock returns the clock to the real time (or Options.Now).
func (s *Server) ResetClock() { s.clock.Reset() }

// Governance is the concurrency limit, the latency and the faults.
type Governance struct {
	// ConcurrencyLimit is the account's concurrency limit; past it requests
	// are refused with 429 at once.
	ConcurrencyLimit int
	// Latency is added to every API request, holding its slot.
	Latency time.Duration
	// Faults are the injected faults.
	Faults Faults
}

// Governance returns the concurrency limit, the latency and the faults.
func (s *Server) Governance() Governance {
	s.gov.mu.Lock()
	faults := s.gov.faults
	s.gov.mu.Unlock()
	return Governance{
		ConcurrencyLimit: int(s.gov.limit.Load()),
		Latency:          time.Duration(s.gov.latency.Load()),
		Faults:           faults,
	}
}

// SetGovernance changes the concurrency limit (at least 1), the latency
// (not negative) and the faults, from the next request on.
func (s *Server) SetGovernance(g Governance) error {
	if g.ConcurrencyLimit < 1 {
		return fmt.Errorf("emulator: concurrency limit %d: it must be at least 1", g.ConcurrencyLimit)
	}
	if g.Latency < 0 {
		return fmt.Errorf("emulator: latency %s: it cannot be negative", g.Latency)
	}
	if err := validFaults(g.Faults); err != nil {
		return err
	}
	s.gov.limit.Store(int64(g.ConcurrencyLimit))
	s.gov.latency.Store(int64(g.Latency))
	s.gov.setFaults(g.Faults)
	return nil
}

// AccountYAML returns the account as an account file, secrets redacted.
func (s *Server) AccountYAML() ([]byte, error) {
	s.resetMu.RLock()
	acct := s.acct.Clone()
	s.resetMu.RUnlock()
	for i := range acct.Integrations {
		acct.Integrations[i].ConsumerSecret = tba.Secret("[REDACTED]")
	}
	for i := range acct.Tokens {
		acct.Tokens[i].TokenSecret = tba.Secret("[REDACTED]")
	}
	data, err := account.Marshal(acct)
	if err != nil {
		return nil, fmt.Errorf("emulator: %w", err)
	}
	return data, nil
}

// change runs a change of the account; a name the account does not have is
// ErrNotFound.
func (s *Server) change(fn func(*account.Account) error) error {
	s.resetMu.RLock()
	err := fn(s.acct)
	s.resetMu.RUnlock()
	var nf *account.NotFoundError
	if errors.As(err, &nf) {
		return notFound{err}
	}
	return err
}

// SetFeature enables or disables a feature of the account, such as
// TOKEN_BASED_AUTHENTICATION or REST_WEB_SERVICES.
func (s *Server) SetFeature(feature string, enabled bool) error {
	return s.change(func(a *account.Account) error { return a.SetFeature(account.Feature(feature), enabled) })
}

// SetPermission sets a role's level (None, View, Create, Edit or Full) of a
// permission such as REST_WEB_SERVICES.
func (s *Server) SetPermission(role, permission, level string) error {
	l, err := account.ParseLevel(level)
	if err != nil {
		return err
	}
	return s.change(func(a *account.Account) error { return a.SetPermission(role, account.Permission(permission), l) })
}

// SetRecordPermission sets a role's level (None, View, Create, Edit or
// Full) on a record type.
func (s *Server) SetRecordPermission(role, recordType, level string) error {
	l, err := account.ParseLevel(level)
	if err != nil {
		return err
	}
	return s.change(func(a *account.Account) error { return a.SetRecordPermission(role, recordType, l) })
}

// SetIntegrationState sets an integration record's state: Enabled or
// Blocked.
func (s *Server) SetIntegrationState(name, state string) error {
	return s.change(func(a *account.Account) error {
		return a.SetIntegrationState(name, account.IntegrationState(state))
	})
}

// SetIntegrationTBA checks or clears an integration record's Token-Based
// Authentication box.
func (s *Server) SetIntegrationTBA(name string, on bool) error {
	return s.change(func(a *account.Account) error { return a.SetIntegrationTBA(name, on) })
}

// RevokeToken revokes an access token.
func (s *Server) RevokeToken(tokenID string) error {
	return s.change(func(a *account.Account) error { return a.RevokeToken(tokenID) })
}

// SetUserInactive marks a user inactive, or active again.
func (s *Server) SetUserInactive(email string, inactive bool) error {
	return s.change(func(a *account.Account) error { return a.SetUserInactive(email, inactive) })
}

// AddUserRole gives a user a role of the account.
func (s *Server) AddUserRole(email, role string) error {
	return s.change(func(a *account.Account) error { return a.AddUserRole(email, role) })
}

// RemoveUserRole takes a role from a user.
func (s *Server) RemoveUserRole(email, role string) error {
	return s.change(func(a *account.Account) error { return a.RemoveUserRole(email, role) })
}

// CreateRecord creates a record as POST /record/v1/{recordType} would, with
// body as its request body (a []byte or json.RawMessage is sent as it is;
// anything else is encoded as JSON), and returns its internal ID. The record
// is created at time at (its dateCreated and lastModifiedDate, to the
// second), or at the emulator's clock when at is zero: tests of
// time-dependent code can place records in the past. No login, permission
// or governance applies. A body NetSuite would refuse is an error with
// NetSuite's code and detail.
func (s *Server) CreateRecord(ctx context.Context, recordType string, body any, at time.Time) (string, error) {
	resp, err := s.serveRecord(ctx, http.MethodPost, recordType, body, at)
	if err != nil {
		return "", err
	}
	return path.Base(resp.Header.Get("Location")), nil
}

// MustCreateRecord is CreateRecord at the emulator's clock, for seeding
// tests: it panics on error.
func (s *Server) MustCreateRecord(recordType string, body any) string {
	id, err := s.CreateRecord(context.Background(), recordType, body, time.Time{})
	if err != nil {
		panic(err)
	}
	return id
}

// UpdateRecord updates the record with internal ID id (or eid:<externalId>)
// as PATCH would, at time at (or the emulator's clock when zero).
func (s *Server) UpdateRecord(ctx context.Context, recordType, id string, body any, at time.Time) error {
	_, err := s.serveRecord(ctx, http.MethodPatch, recordType+"/"+url.PathEscape(id), body, at)
	return err
}

// DeleteRecord deletes a record as DELETE would, at time at (or the
// emulator's clock when zero), for the deleted-records log.
func (s *Server) DeleteRecord(ctx context.Context, recordType, id string, at time.Time) error {
	_, err := s.serveRecord(ctx, http.MethodDelete, recordType+"/"+url.PathEscape(id), nil, at)
	return err
}

// Record returns a record as GET /record/v1/{recordType}/{id}
// ?expandSubResources=true answers it: the wire JSON, decoded. id is an
// internal ID or eid:<externalId>. A record that does not exist is
// ErrNotFound.
func (s *Server) Record(ctx context.Context, recordType, id string) (map[string]any, error) {
	resp, err := s.serve(ctx, &records.Request{
		BaseURL: s.url, Method: http.MethodGet, Path: recordType + "/" + url.PathEscape(id),
		Query: url.Values{"expandSubResources": {"true"}},
	})
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(resp.Body, &m); err != nil {
		return nil, fmt.Errorf("emulator: decoding %s %s: %w", recordType, id, err)
	}
	return m, nil
}

// serveRecord serves a write of the record API at time at.
func (s *Server) serveRecord(ctx context.Context, method, p string, body any, at time.Time) (*records.Response, error) {
	var data []byte
	switch b := body.(type) {
	case nil:
	case []byte:
		data = b
	case json.RawMessage:
		data = b
	default:
		var err error
		if data, err = json.Marshal(body); err != nil {
			return nil, fmt.Errorf("emulator: encoding the %s body: %w", p, err)
		}
	}
	if !at.IsZero() {
		ctx = records.WithTime(ctx, at)
	}
	return s.serve(ctx, &records.Request{
		BaseURL: s.url, Method: method, Path: p,
		Header: http.Header{"X-Netsuite-Propertynamevalidation": {"Error"}},
		Body:   data,
	})
}

// serve hands a request to the record service; a client mistake comes back
// as an *APIError, a missing record as one that is ErrNotFound too.
func (s *Server) serve(ctx context.Context, req *records.Request) (*records.Response, error) {
	s.resetMu.RLock()
	defer s.resetMu.RUnlock()
	resp, err := s.records.Serve(ctx, req)
	var e *records.Error
	if errors.As(err, &e) {
		return nil, apiErrorOf(e, req.Method+" "+strings.SplitN(req.Path, "?", 2)[0])
	}
	return resp, err
}

// APIError is an error of the record API as NetSuite reports it: its
// status, o:errorCode, detail and o:errorPath. The record methods of Server
// return it for requests NetSuite would refuse.
type APIError struct {
	// Request is the method and path, such as "POST customer".
	Request string
	// Status is the HTTP status NetSuite answers with.
	Status int
	// Code is the o:errorCode.
	Code string
	// Detail is the detail.
	Detail string
	// Path is the o:errorPath, the body value at fault; "" when none.
	Path string
}

func (e *APIError) Error() string {
	msg := fmt.Sprintf("emulator: %s: %d %s: %s", e.Request, e.Status, e.Code, e.Detail)
	if e.Path != "" {
		msg += " (at " + e.Path + ")"
	}
	return msg
}

// Is makes a 404 ErrNotFound.
func (e *APIError) Is(target error) bool {
	return target == ErrNotFound && e.Status == http.StatusNotFound
}

func apiErrorOf(e *records.Error, request string) *APIError {
	return &APIError{Request: request, Status: e.Status, Code: e.Code, Detail: e.Detail, Path: e.Path}
}

// validFaults checks faults given in Go as ParseFaults checks them in text.
func validFaults(f Faults) error {
	for _, r := range []float64{f.Rate429, f.Rate500, f.RateDrop, f.RateSlow, f.Rate500After, f.RateDropAfter, f.RateSlowAfter} {
		if !(r >= 0 && r <= 1) { // also refuses NaN
			return fmt.Errorf("emulator: faults %+v: every rate must be a number from 0 to 1", f)
		}
	}
	if f.SlowBy < 0 || f.SlowAfterBy < 0 {
		return fmt.Errorf("emulator: faults: SlowBy and SlowAfterBy cannot be negative")
	}
	_, err := ParseFaults(f.String())
	return err
}
