package doctor

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"time"

	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/netsuite/m2m"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// Config is the connection to check, as its user set it: the values are
// checked as written (a pasted space, a lower-case account ID), not as a
// connection that already passed validation.
type Config struct {
	// AccountID is the account ID as written, in any case: 1234567,
	// 1234567_SB1, TSTDRV1234567.
	AccountID string
	// Credentials are the consumer key and secret of the integration record
	// and the token ID and secret of the access token, as written.
	Credentials tba.Credentials
	// Timezone is the IANA name of the time zone the connection reads and
	// writes datetimes in, such as America/Los_Angeles; "" when not set.
	Timezone string
	// BaseURL overrides the REST host derived from the account ID (for the
	// nsconnect emulator); "" means the derived host.
	BaseURL string
	// Concurrency is the number of requests the connection sends at once;
	// 0 when not set.
	Concurrency int
	// M2M, when set, is an OAuth 2.0 machine-to-machine connection, which
	// is checked instead of Credentials.
	M2M *M2M
	// Records are the record types whose read permission is checked, as
	// the REST API names them: customer, salesOrder, customrecord_x.
	Records []string

	// HTTPClient sends the requests; nil means a client with a 30-second
	// timeout. Its transport reaches NetSuite (or the emulator in process).
	HTTPClient *http.Client
	// AuditTrail, when set, reads the account's Login Audit Trail, which
	// names the reason of a refused login; NetSuite has no API for it, the
	// nsconnect emulator has (EmulatorAuditTrail).
	AuditTrail AuditTrail
	// LastLogin is what a Report said of the last login these settings
	// made that NetSuite accepted (Report.Login), kept by the caller; nil
	// when there was none or it was not kept. A refused login is then
	// compared with it.
	LastLogin *Login
}

// A Status is the outcome of a check.
type Status string

// The statuses, from best to worst; Skip is a check that could not run.
const (
	OK   Status = "ok"
	Skip Status = "skip"
	Warn Status = "warn"
	Fail Status = "fail"
)

func (s Status) rank() int {
	switch s {
	case OK:
		return 0
	case Skip:
		return 1
	case Warn:
		return 2
	}
	return 3
}

// A Step is where in the setup a check belongs: this machine's settings,
// or one of the five steps of Oracle's "Getting Started with Token-based
// Authentication" (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4247337262.html).
type Step int

// The steps.
const (
	// StepUnknown is a refused login whose step NetSuite does not name.
	StepUnknown Step = -1
	// StepSettings is this machine: the connection's settings, the
	// signer, the network and the clock.
	StepSettings Step = 0
	// StepFeatures: enable Token-based Authentication, REST Web Services
	// and SuiteAnalytics Workbook.
	StepFeatures Step = 1
	// StepRole: the role's permissions.
	StepRole Step = 2
	// StepUser: the user who has the role.
	StepUser Step = 3
	// StepIntegration: the integration record, its consumer key and
	// secret.
	StepIntegration Step = 4
	// StepToken: the access token, its ID and secret.
	StepToken Step = 5
)

// Steps returns every step in the order a report shows them.
func Steps() []Step {
	return []Step{StepSettings, StepUnknown, StepFeatures, StepRole, StepUser, StepIntegration, StepToken, StepMapping}
}

// Title names the step and where it is done in NetSuite.
func (s Step) Title() string {
	switch s {
	case StepUnknown:
		return "Login: NetSuite does not say which step refused it"
	case StepSettings:
		return "This machine: the connection's settings, the network and the clock"
	case StepFeatures:
		return "Step 1. Features: Setup > Company > Enable Features"
	case StepRole:
		return "Step 2. The role's permissions: Setup > Users/Roles > Manage Roles"
	case StepUser:
		return "Step 3. The user and the role: Lists > Employees > Employees > the employee > Access > Roles"
	case StepIntegration:
		return "Step 4. The integration record: Setup > Integration > Manage Integrations"
	case StepToken:
		return "Step 5. The access token: Setup > Users/Roles > Access Tokens"
	case StepMapping:
		return "Step 5 (OAuth 2.0). The certificate and its M2M mapping: Setup > Integration > Manage Authentication > OAuth 2.0 Client Credentials (M2M) Setup"
	}
	return "Step ?"
}

// A Check is one thing the doctor looked at.
type Check struct {
	// ID names the check for programs: account_id, consumer_key,
	// consumer_secret, token_id, token_secret, timezone_setting, base_url,
	// signing, network, login, clock, features, role, user, integration,
	// token, read:TYPE (one per record type), records, suiteql, metadata,
	// writes, concurrency, timezone.
	ID string `json:"id"`
	// Title names it for people.
	Title string `json:"title"`
	// Step is where in the setup it belongs.
	Step Step `json:"step"`
	// Status is its outcome.
	Status Status `json:"status"`
	// Reason says what was found, in words.
	Reason string `json:"reason"`
	// Fix says what to do and where in NetSuite's UI; "" when there is
	// nothing to do.
	Fix string `json:"fix,omitempty"`
	// Cause is the reason of a refused login when the doctor knows it
	// (measured, certain from the settings, or read from the Login Audit
	// Trail), as the Login Audit Trail names it (InvalidSignature,
	// token_rejected, ...); "" otherwise.
	Cause string `json:"cause,omitempty"`
	// Candidates are the possible reasons of a refused login whose cause
	// the doctor does not know, most likely first, each with the evidence
	// for its place.
	Candidates []Candidate `json:"candidates,omitempty"`
	// RuledOut are the reasons the doctor's measurements exclude.
	RuledOut []Candidate `json:"ruledOut,omitempty"`
}

// MarshalJSON adds the step's title.
func (c Check) MarshalJSON() ([]byte, error) {
	type plain Check
	return json.Marshal(struct {
		plain
		StepTitle string `json:"stepTitle"`
	}{plain(c), c.Step.Title()})
}

// A Candidate is a possible reason of a refused login.
type Candidate struct {
	// Reason is what the Login Audit Trail's Detail column shows for it,
	// such as InvalidSignature.
	Reason string `json:"reason"`
	// Step is where it is fixed.
	Step Step `json:"step"`
	// Cause says it in words.
	Cause string `json:"cause"`
	// Evidence says why it is placed where it is, or why it is ruled out.
	Evidence string `json:"evidence"`
	// Fix says where to look and what to do.
	Fix string `json:"fix"`
}

// A Login is what the doctor keeps of a login NetSuite accepted, to compare
// a later refused login with: when, and a fingerprint of each setting that
// signs it. A fingerprint is a short hash that tells a changed value from
// the same value; it cannot be turned back into the value.
type Login struct {
	// At is when NetSuite accepted the login, by NetSuite's clock.
	At time.Time `json:"at"`
	// Account is the canonical account ID.
	Account string `json:"account"`
	// Fingerprints of the consumer key, consumer secret, token ID and token
	// secret, in that order.
	ConsumerKey    string `json:"consumerKey"`
	ConsumerSecret string `json:"consumerSecret"`
	TokenID        string `json:"tokenId"`
	TokenSecret    string `json:"tokenSecret"`
}

// A Report is the doctor's findings, in the order the checks ran.
type Report struct {
	// Account is the canonical account ID ("" when it is not valid).
	Account string `json:"account"`
	// BaseURL is where the requests went.
	BaseURL string `json:"baseUrl,omitempty"`
	// Checks are the findings.
	Checks []Check `json:"checks"`
	// Login, when NetSuite accepted the login, is what to keep and pass
	// as Config.LastLogin to a later run.
	Login *Login `json:"login,omitempty"`
}

// Status returns the worst status of the checks: Fail if any failed.
func (r *Report) Status() Status {
	worst := OK
	for _, c := range r.Checks {
		if c.Status.rank() > worst.rank() {
			worst = c.Status
		}
	}
	return worst
}

// Check returns the check with the given ID, or nil.
func (r *Report) Check(id string) *Check {
	for i := range r.Checks {
		if r.Checks[i].ID == id {
			return &r.Checks[i]
		}
	}
	return nil
}

// Failed returns the checks that failed.
func (r *Report) Failed() []Check {
	var out []Check
	for _, c := range r.Checks {
		if c.Status == Fail {
			out = append(out, c)
		}
	}
	return out
}

// run is one run of the doctor.
type run struct {
	cfg    Config
	report *Report
	id     string // tells this run's logins apart in an audit trail

	account  tba.Account
	baseURL  string // "" while the settings do not allow a connection
	location *time.Location
	client   *netsuite.Client
	tokens   *m2m.Source // the OAuth 2.0 connection's, once it issued a token: the login uses it; nil for TBA

	// problems with the settings that bear on a refused login, by setting
	fieldProblems map[string]*tba.CredentialProblem
}

// Run checks the connection cfg describes, in the order a connection fails:
// the settings, the signer (against Oracle's published example), the
// network, the login, the clock, the role's permissions (reads only:
// nothing is written), the concurrency limit and the time zone. It never
// returns nil. A check that cannot run because an earlier one failed is
// skipped, saying why. Run sends at most one refused login to the account
// (and, when that one is refused, one to the account whose ID differs only
// in the sandbox suffix), so that it adds little to a lockout count (5
// refused logins in a row lock the user for 30 minutes).
func Run(ctx context.Context, cfg Config) *Report {
	r := &run{cfg: cfg, report: &Report{}, id: newRunID(), fieldProblems: map[string]*tba.CredentialProblem{}}
	if cfg.M2M != nil {
		r.runM2M(ctx)
		return r.report
	}
	r.checkSettings()
	r.checkSigning()
	if r.baseURL == "" {
		r.skip("network", "network", StepSettings, "the settings above do not make a connection")
		r.skip("login", "login", StepSettings, "the settings above do not make a connection")
		return r.report
	}
	ok := r.checkLogin(ctx)
	if !ok {
		return r.report
	}
	suiteQLTime := r.checkPermissions(ctx)
	r.checkConcurrency(ctx)
	r.checkTimezone(suiteQLTime)
	return r.report
}

func (r *run) add(c Check) { r.report.Checks = append(r.report.Checks, c) }

func (r *run) skip(id, title string, step Step, why string) {
	r.add(Check{ID: id, Title: title, Step: step, Status: Skip, Reason: "not checked: " + why})
}

// newRunID returns a random identifier for this run.
func newRunID() string {
	var b [6]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
