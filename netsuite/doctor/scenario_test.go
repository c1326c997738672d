package doctor_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/emulator/emulatortest"
	"github.com/nsconnect/nsconnect/netsuite/doctor"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// The names of the demo account's integration record, role and user.
const (
	demoIntegration = "nsconnect demo"
	demoRole        = "nsconnect Integration"
)

// Credentials of a second integration record and of an access token for it
// (64 hex characters, as NetSuite's).
var (
	otherConsumerKey    = strings.Repeat("ab", 32)
	otherConsumerSecret = strings.Repeat("cd", 32)
	otherTokenID        = strings.Repeat("ef", 32)
	otherTokenSecret    = strings.Repeat("01", 32)
)

// accountYAML returns the demo account file, changed by edit.
func accountYAML(t *testing.T, edit func(acct map[string]any)) []byte {
	t.Helper()
	data, err := emulator.DemoAccountYAML()
	if err != nil {
		t.Fatal(err)
	}
	var acct map[string]any
	if err := yaml.Unmarshal(data, &acct); err != nil {
		t.Fatal(err)
	}
	edit(acct)
	out, err := yaml.Marshal(acct)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// productionAccount is the demo account as a production account, 1234567.
func productionAccount(t *testing.T) []byte {
	return accountYAML(t, func(a map[string]any) { a["accountId"] = "1234567" })
}

// twoIntegrations is the demo account with a second integration record and
// an access token of it for the demo user and role.
func twoIntegrations(t *testing.T) []byte {
	return accountYAML(t, func(a map[string]any) {
		a["integrations"] = append(a["integrations"].([]any), map[string]any{
			"name": "other app", "consumerKey": otherConsumerKey, "consumerSecret": otherConsumerSecret,
		})
		tokens := a["tokens"].([]any)
		demo := tokens[0].(map[string]any)
		a["tokens"] = append(tokens, map[string]any{
			"name": "other token", "tokenId": otherTokenID, "tokenSecret": otherTokenSecret,
			"integration": "other app", "user": demo["user"], "role": demo["role"],
		})
	})
}

// configOf is the connection to srv as its user would write it.
func configOf(t *testing.T, srv *emulator.Server) doctor.Config {
	t.Helper()
	conn, err := srv.Connection()
	if err != nil {
		t.Fatal(err)
	}
	return doctor.Config{
		AccountID:   conn.AccountID.String(),
		Credentials: conn.Credentials,
		Timezone:    conn.Timezone,
		BaseURL:     conn.URL,
		Records:     []string{"customer", "salesOrder"},
	}
}

// A scenario is one broken setup, made through the emulator's Go API.
type scenario struct {
	name    string
	account func(t *testing.T) []byte // the account file; nil for the demo
	// breakIt breaks the setup after a first, healthy run.
	breakIt func(t *testing.T, srv *emulator.Server, cfg *doctor.Config)
	// before runs before each run of the broken setup.
	before func(t *testing.T, srv *emulator.Server)

	check  string        // the check that names the cause
	status doctor.Status // its status
	cause  string        // the cause it names: a Login Audit Trail reason, or NetSuite's code; "" for a check that is not the login's
	says   string        // what its reason or fix says

	// Without the audit trail, the cause is named only when it can be
	// known (certain); otherwise it is among the candidates, at rank cold
	// for a first setup and at rank warm when NetSuite accepted the
	// settings before the change (Config.LastLogin).
	certain    bool
	cold, warm int
}

var scenarios = []scenario{
	{
		name: "account ID in lower case",
		breakIt: func(t *testing.T, srv *emulator.Server, cfg *doctor.Config) {
			cfg.AccountID = strings.ToLower(cfg.AccountID)
		},
		check: "account_id", status: doctor.Warn, says: "written \"1234567_sb1\"; NetSuite's form is 1234567_SB1", certain: true,
	},
	{
		name:    "sandbox ID used for production",
		account: productionAccount,
		breakIt: func(t *testing.T, srv *emulator.Server, cfg *doctor.Config) { cfg.AccountID = "1234567_SB1" },
		check:   "login", status: doctor.Fail, cause: doctor.ReasonInvalidRealm, says: "log in to the account 1234567", certain: true,
	},
	{
		name:    "production ID used for a sandbox",
		breakIt: func(t *testing.T, srv *emulator.Server, cfg *doctor.Config) { cfg.AccountID = "1234567" },
		check:   "login", status: doctor.Fail, cause: doctor.ReasonInvalidRealm, says: "log in to the account 1234567_SB1", certain: true,
	},
	{
		name: "consumer key typo (a character dropped)",
		breakIt: func(t *testing.T, srv *emulator.Server, cfg *doctor.Config) {
			cfg.Credentials.ConsumerKey = cfg.Credentials.ConsumerKey[:63]
		},
		check: "login", status: doctor.Fail, cause: doctor.ReasonConsumerKeyUnknown, says: "check the consumer key", cold: 1, warm: 1,
	},
	{
		name: "consumer key typo (a character changed)",
		breakIt: func(t *testing.T, srv *emulator.Server, cfg *doctor.Config) {
			cfg.Credentials.ConsumerKey = cfg.Credentials.ConsumerKey[:63] + "0"
		},
		check: "login", status: doctor.Fail, cause: doctor.ReasonConsumerKeyUnknown, says: "check the consumer key", cold: 4, warm: 1,
	},
	{
		name: "wrong consumer secret",
		breakIt: func(t *testing.T, srv *emulator.Server, cfg *doctor.Config) {
			cfg.Credentials.ConsumerSecret = tba.Secret(otherConsumerSecret)
		},
		check: "login", status: doctor.Fail, cause: doctor.ReasonInvalidSignature, says: "check the consumer secret and the token secret", cold: 1, warm: 1,
	},
	{
		name: "wrong token secret",
		breakIt: func(t *testing.T, srv *emulator.Server, cfg *doctor.Config) {
			cfg.Credentials.TokenSecret = tba.Secret(otherTokenSecret)
		},
		check: "login", status: doctor.Fail, cause: doctor.ReasonInvalidSignature, says: "check the consumer secret and the token secret", cold: 1, warm: 1,
	},
	{
		name: "token revoked",
		breakIt: func(t *testing.T, srv *emulator.Server, cfg *doctor.Config) {
			must(t, srv.RevokeToken(cfg.Credentials.TokenID))
		},
		check: "login", status: doctor.Fail, cause: doctor.ReasonTokenRejected, says: "is revoked", cold: 3, warm: 1,
	},
	{
		name:    "token of another integration",
		account: twoIntegrations,
		breakIt: func(t *testing.T, srv *emulator.Server, cfg *doctor.Config) {
			cfg.Credentials.TokenID, cfg.Credentials.TokenSecret = otherTokenID, tba.Secret(otherTokenSecret)
		},
		check: "login", status: doctor.Fail, cause: doctor.ReasonTokenRejected, says: `belongs to the integration record "other app"`, cold: 3, warm: 2,
	},
	{
		name: "integration blocked",
		breakIt: func(t *testing.T, srv *emulator.Server, cfg *doctor.Config) {
			must(t, srv.SetIntegrationState(demoIntegration, "Blocked"))
		},
		check: "login", status: doctor.Fail, cause: doctor.ReasonConsumerKeyRefused, says: "is Blocked", cold: 5, warm: 2,
	},
	{
		name: "Token-based Authentication unchecked on the integration",
		breakIt: func(t *testing.T, srv *emulator.Server, cfg *doctor.Config) {
			must(t, srv.SetIntegrationTBA(demoIntegration, false))
		},
		check: "login", status: doctor.Fail, cause: doctor.ReasonConsumerKeyRefused, says: "box of the integration record", cold: 5, warm: 2,
	},
	{
		name: "Token-based Authentication feature disabled",
		breakIt: func(t *testing.T, srv *emulator.Server, cfg *doctor.Config) {
			must(t, srv.SetFeature("TOKEN_BASED_AUTHENTICATION", false))
		},
		check: "login", status: doctor.Fail, cause: doctor.ReasonFeatureDisabled, says: "Token-Based Authentication feature is not enabled", cold: 6, warm: 4,
	},
	{
		name: "REST Web Services feature disabled",
		breakIt: func(t *testing.T, srv *emulator.Server, cfg *doctor.Config) {
			must(t, srv.SetFeature("REST_WEB_SERVICES", false))
		},
		check: "login", status: doctor.Fail, cause: doctor.ReasonFeatureDisabled, says: "REST Web Services feature is not enabled", cold: 6, warm: 4,
	},
	{
		name: "role lacks Log in using Access Tokens",
		breakIt: func(t *testing.T, srv *emulator.Server, cfg *doctor.Config) {
			must(t, srv.SetPermission(demoRole, "LOGIN_USING_ACCESS_TOKENS", "None"))
		},
		check: "login", status: doctor.Fail, cause: doctor.ReasonPermissionDenied, says: "Log in using Access Tokens", cold: 2, warm: 3,
	},
	{
		name: "role lacks a record permission",
		breakIt: func(t *testing.T, srv *emulator.Server, cfg *doctor.Config) {
			must(t, srv.SetRecordPermission(demoRole, "customer", "None"))
		},
		check: "read:customer", status: doctor.Fail, says: "the token's role needs at least View on customer: Setup > Users/Roles > Manage Roles > the role > Permissions > Lists", certain: true,
	},
	{
		name: "role lacks SuiteAnalytics Workbook",
		breakIt: func(t *testing.T, srv *emulator.Server, cfg *doctor.Config) {
			must(t, srv.SetPermission(demoRole, "SUITEANALYTICS_WORKBOOK", "None"))
		},
		check: "suiteql", status: doctor.Fail, says: "needs at least Edit on SuiteAnalytics Workbook: Setup > Users/Roles > Manage Roles > the role > Permissions > Reports", certain: true,
	},
	{
		name: "clock skewed by 10 minutes",
		breakIt: func(t *testing.T, srv *emulator.Server, cfg *doctor.Config) {
			must(t, srv.AdvanceClock(10*time.Minute))
		},
		check: "login", status: doctor.Fail, cause: doctor.ReasonInvalidTimestamp, says: "this machine's clock is 10m0s behind NetSuite's", certain: true,
	},
	{
		name: "concurrency limit exhausted",
		breakIt: func(t *testing.T, srv *emulator.Server, cfg *doctor.Config) {
			must(t, srv.SetGovernance(emulator.Governance{ConcurrencyLimit: 1, Latency: 4 * time.Second}))
		},
		before: holdSlot,
		check:  "login", status: doctor.Fail, cause: "CONCURRENCY_LIMIT_EXCEEDED", says: "the account's concurrency limit is used up", certain: true,
	},
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// holdSlot sends a request that holds one of srv's concurrency slots (for
// its latency), and returns once it is in flight.
func holdSlot(t *testing.T, srv *emulator.Server) {
	t.Helper()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		resp, err := http.Get(srv.URL() + "/services/rest/system/v1/serverTime")
		if err == nil {
			resp.Body.Close()
		}
	}()
	t.Cleanup(wg.Wait)
	deadline := time.Now().Add(5 * time.Second)
	for srv.Health().InFlight == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the request holding the slot did not start")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestScenarios breaks the setup in each way the setup guide can be got
// wrong and runs the doctor three times: with the emulator's audit trail
// (the verdict must be the true reason), and as against a real account,
// which has none, for a first setup and after NetSuite accepted the
// settings once (the true reason must be where the ranking puts it, and
// nothing unknowable may be claimed).
func TestScenarios(t *testing.T) {
	t.Parallel()
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			opts := emulator.Options{NoSeed: true}
			if sc.account != nil {
				opts.AccountYAML = sc.account(t)
			}
			srv := emulatortest.NewServer(t, opts)
			cfg := configOf(t, srv)
			healthy := doctor.Run(t.Context(), cfg)
			if healthy.Status() == doctor.Fail || healthy.Login == nil {
				t.Fatalf("before the change: %s", summary(healthy))
			}
			sc.breakIt(t, srv, &cfg)
			run := func(cfg doctor.Config) *doctor.Report {
				if sc.before != nil {
					sc.before(t, srv)
				}
				r := doctor.Run(t.Context(), cfg)
				doctor.AssertNoSecrets(t, r, cfg)
				return r
			}

			withTrail := cfg
			withTrail.AuditTrail = doctor.EmulatorAuditTrail(srv.URL(), srv.ControlToken(), nil)
			sc.verdict(t, "with the audit trail", run(withTrail))

			sc.ranked(t, "first setup", run(cfg), sc.cold)
			cfg.LastLogin = healthy.Login
			sc.ranked(t, "after a login NetSuite accepted", run(cfg), sc.warm)
		})
	}
}

// verdict checks that the report names the scenario's cause, and only it.
func (sc scenario) verdict(t *testing.T, run string, r *doctor.Report) {
	t.Helper()
	c := r.Check(sc.check)
	if c == nil {
		t.Fatalf("%s: no check %s:\n%s", run, sc.check, summary(r))
	}
	if c.Status != sc.status || c.Cause != sc.cause || len(c.Candidates) > 0 || !strings.Contains(c.Reason+" "+c.Fix, sc.says) {
		t.Errorf("%s: check %s is %s, cause %q, %d candidates, want %s, cause %q, saying %q:\n%s", run, sc.check, c.Status, c.Cause, len(c.Candidates), sc.status, sc.cause, sc.says, summary(r))
	}
	for _, other := range r.Failed() {
		if other.ID != sc.check && other.ID != "clock" {
			t.Errorf("%s: check %s fails too: %s", run, other.ID, other.Reason)
		}
	}
}

// ranked checks a run without the audit trail: a cause the doctor can know
// is named; any other is not claimed, and is at rank want.
func (sc scenario) ranked(t *testing.T, run string, r *doctor.Report, want int) {
	t.Helper()
	if sc.certain {
		sc.verdict(t, run, r)
		return
	}
	c := r.Check(sc.check)
	if c == nil || c.Status != doctor.Fail || c.Cause != "" || c.Step != doctor.StepUnknown {
		t.Fatalf("%s: the login check claims a cause it cannot know:\n%s", run, summary(r))
	}
	rank := 0
	for i, cand := range c.Candidates {
		if cand.Reason == sc.cause {
			rank = i + 1
		}
		if strings.HasPrefix(cand.Evidence, "certain") || strings.HasPrefix(cand.Evidence, "measured") {
			t.Errorf("%s: candidate %s claims certainty: %s", run, cand.Reason, cand.Evidence)
		}
	}
	if rank != want {
		t.Errorf("%s: %s is candidate %d, want %d:\n%s", run, sc.cause, rank, want, summary(r))
	}
}

// summary lists a report's checks, for failure messages.
func summary(r *doctor.Report) string {
	var b strings.Builder
	for _, c := range r.Checks {
		b.WriteString(string(c.Status) + " " + c.ID + ": " + c.Reason + "\n")
		for i, cand := range c.Candidates {
			b.WriteString("    " + string(rune('1'+i)) + ". " + cand.Reason + ": " + cand.Evidence + "\n")
		}
	}
	return b.String()
}
