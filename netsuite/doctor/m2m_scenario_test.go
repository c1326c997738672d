package doctor_test

import (
	"strings"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/emulator/emulatortest"
	"github.com/nsconnect/nsconnect/netsuite/doctor"
)

// An m2mScenario is one broken OAuth 2.0 machine-to-machine setup, made
// through the emulator's Go API after a first, healthy run.
type m2mScenario struct {
	name    string
	breakIt func(t *testing.T, srv *emulator.Server, m *doctor.M2M)

	check string      // the check that names the cause: token or login
	cause string      // the Login Audit Trail's reason, which the doctor names when it reads the trail
	step  doctor.Step // the setup step it names first
	says  string      // what its reason or fix says

	// Without the audit trail, as against a real account: the check's
	// Cause is bare (NetSuite's OAuth 2.0 error code, or a reason the
	// doctor measured) and, when rank is not 0, the true reason is
	// candidate rank.
	bare string
	rank int
}

var m2mScenarios = []m2mScenario{
	{
		name: "mapping revoked",
		breakIt: func(t *testing.T, srv *emulator.Server, m *doctor.M2M) {
			must(t, srv.RevokeM2MMapping(m.CertificateID))
		},
		check: "token", cause: doctor.ReasonMissingKey, step: doctor.StepMapping, says: "revoked",
		bare: "invalid_grant", rank: 1,
	},
	{
		name: "wrong certificate ID",
		breakIt: func(t *testing.T, srv *emulator.Server, m *doctor.M2M) {
			m.CertificateID = strings.ToLower(m.CertificateID[:10]) + m.CertificateID[10:]
		},
		check: "token", cause: doctor.ReasonMissingKey, step: doctor.StepMapping, says: "no M2M mapping has the certificate ID",
		bare: "invalid_grant", rank: 1,
	},
	{
		name: "key not the mapped certificate's",
		breakIt: func(t *testing.T, srv *emulator.Server, m *doctor.M2M) {
			m.PrivateKey, m.PrivateKeyFile = readKey(t, "ec256.pem"), "ec256.pem"
		},
		check: "token", cause: doctor.ReasonSignatureValidation, step: doctor.StepMapping, says: "the private key is not the certificate's",
		bare: "invalid_grant", rank: 2,
	},
	{
		name: "role lacks Log in using OAuth 2.0 Access Tokens",
		breakIt: func(t *testing.T, srv *emulator.Server, m *doctor.M2M) {
			must(t, srv.SetPermission(demoRole, "LOGIN_USING_OAUTH2_ACCESS_TOKENS", "None"))
		},
		check: "token", cause: doctor.ReasonEntityOrRoleDisabled, step: doctor.StepRole, says: "Log in using OAuth 2.0 Access Tokens",
		bare: "invalid_grant", rank: 4,
	},
	{
		name: "OAuth 2.0 feature disabled",
		breakIt: func(t *testing.T, srv *emulator.Server, m *doctor.M2M) {
			must(t, srv.SetFeature("OAUTH2", false))
		},
		check: "token", cause: doctor.ReasonFeatureDisabled, step: doctor.StepFeatures, says: "OAuth 2.0 feature is not enabled",
		bare: "invalid_grant", rank: 5,
	},
	{
		name: "integration without the client credentials grant",
		breakIt: func(t *testing.T, srv *emulator.Server, m *doctor.M2M) {
			must(t, srv.SetIntegrationClientCredentials(demoIntegration, false))
		},
		check: "token", cause: doctor.ReasonInvalidIntegration, step: doctor.StepIntegration, says: "Client Credentials (Machine to Machine) Grant",
		bare: "unauthorized_client",
	},
	{
		name: "scope not granted",
		breakIt: func(t *testing.T, srv *emulator.Server, m *doctor.M2M) {
			must(t, srv.SetIntegrationScopes(demoIntegration, []string{"restlets"}))
		},
		check: "token", cause: doctor.ReasonScopeMismatched, step: doctor.StepIntegration, says: `does not grant the scope "rest_webservices"`,
		bare: "invalid_scope",
	},
	{
		name: "REST Web Services feature disabled",
		breakIt: func(t *testing.T, srv *emulator.Server, m *doctor.M2M) {
			must(t, srv.SetFeature("REST_WEB_SERVICES", false))
		},
		check: "login", cause: doctor.ReasonFeatureDisabled, step: doctor.StepFeatures, says: "REST Web Services feature is not enabled",
		rank: 3,
	},
	{
		name: "NetSuite's clock 10 minutes ahead",
		breakIt: func(t *testing.T, srv *emulator.Server, m *doctor.M2M) {
			must(t, srv.AdvanceClock(10*time.Minute))
		},
		check: "token", cause: doctor.ReasonTokenExpired, step: doctor.StepSettings, says: "this machine's clock is 10m0s behind NetSuite's",
		bare: doctor.ReasonTokenExpired,
	},
}

// TestM2MScenarios breaks an M2M setup in each way the setup guide can be
// got wrong, and runs the doctor twice: with the emulator's audit trail
// (it must name the true reason and its setup step, and nothing else must
// fail), and as against a real account, which has none (the error code is
// named, and the true reason is where the ranking puts it).
func TestM2MScenarios(t *testing.T) {
	t.Parallel()
	for _, sc := range m2mScenarios {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			srv := emulatortest.NewServer(t, emulator.Options{NoSeed: true})
			conn, err := srv.Connection()
			if err != nil {
				t.Fatal(err)
			}
			m := doctor.M2M{ClientID: conn.ClientID, CertificateID: conn.CertificateID, PrivateKey: emulator.DemoM2MPrivateKeyPEM(), PrivateKeyFile: "demo.pem"}
			cfg := doctor.Config{AccountID: conn.AccountID.String(), Timezone: conn.Timezone, BaseURL: conn.URL, Records: []string{"customer"}, M2M: &m}
			if healthy := doctor.Run(t.Context(), cfg); healthy.Status() == doctor.Fail || healthy.Check("login").Status != doctor.OK {
				t.Fatalf("before the change: %s", summary(healthy))
			}
			sc.breakIt(t, srv, &m)

			withTrail := cfg
			withTrail.AuditTrail = doctor.EmulatorAuditTrail(srv.URL(), srv.ControlToken(), nil)
			r := doctor.Run(t.Context(), withTrail)
			c := r.Check(sc.check)
			if c == nil || c.Status != doctor.Fail || c.Cause != sc.cause || c.Step != sc.step || len(c.Candidates) > 0 || !strings.Contains(c.Reason+" "+c.Fix, sc.says) {
				t.Errorf("with the audit trail: check %s, want it to fail naming %s at step %d, saying %q:\n%s", sc.check, sc.cause, sc.step, sc.says, summary(r))
			}
			for _, other := range r.Failed() {
				if other.ID != sc.check && other.ID != "clock" {
					t.Errorf("with the audit trail: check %s fails too: %s", other.ID, other.Reason)
				}
			}

			r = doctor.Run(t.Context(), cfg)
			c = r.Check(sc.check)
			if c == nil || c.Status != doctor.Fail || c.Cause != sc.bare {
				t.Fatalf("without the audit trail: check %s, want it to fail with cause %q:\n%s", sc.check, sc.bare, summary(r))
			}
			if sc.rank == 0 {
				if c.Step != sc.step || len(c.Candidates) > 0 {
					t.Errorf("without the audit trail: check %s at step %d with %d candidates, want step %d and none:\n%s", sc.check, c.Step, len(c.Candidates), sc.step, summary(r))
				}
				return
			}
			rank := 0
			for i, cand := range c.Candidates {
				if cand.Reason == sc.cause {
					rank = i + 1
				}
			}
			if rank != sc.rank {
				t.Errorf("without the audit trail: %s is candidate %d, want %d:\n%s", sc.cause, rank, sc.rank, summary(r))
			}
		})
	}
}
