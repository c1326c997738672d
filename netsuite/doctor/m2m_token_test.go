package doctor_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/emulator/emulatortest"
	"github.com/nsconnect/nsconnect/netsuite/doctor"
	"github.com/nsconnect/nsconnect/netsuite/m2m"
)

// exchangeCounter counts the token exchanges that pass through it, refuses
// those after the first with invalid_grant when refuseAgain is set, and
// runs beforeLogin once, before the first GET serverTime goes on.
type exchangeCounter struct {
	base        http.RoundTripper
	refuseAgain bool
	beforeLogin func()
	once        sync.Once
	exchanges   atomic.Int32
}

func (c *exchangeCounter) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasSuffix(r.URL.Path, m2m.TokenPath) && c.exchanges.Add(1) > 1 && c.refuseAgain {
		return &http.Response{StatusCode: http.StatusBadRequest, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(`{"error":"invalid_grant"}`)), Request: r}, nil
	}
	if strings.HasSuffix(r.URL.Path, "/serverTime") && c.beforeLogin != nil {
		c.once.Do(c.beforeLogin)
	}
	return c.base.RoundTrip(r)
}

// emulatorM2M is a doctor configuration of the emulator's M2M connection
// whose requests go through rt, and rt's base set to the emulator's
// transport.
func emulatorM2M(t *testing.T, rt *exchangeCounter) (*emulator.Server, doctor.Config) {
	t.Helper()
	srv := emulatortest.NewServer(t, emulator.Options{NoSeed: true})
	conn, err := srv.Connection()
	if err != nil {
		t.Fatal(err)
	}
	rt.base = srv.HTTPClient().Transport
	if rt.base == nil {
		rt.base = http.DefaultTransport
	}
	m := doctor.M2M{ClientID: conn.ClientID, CertificateID: conn.CertificateID, PrivateKey: emulator.DemoM2MPrivateKeyPEM(), PrivateKeyFile: "demo.pem"}
	return srv, doctor.Config{AccountID: conn.AccountID.String(), Timezone: conn.Timezone, BaseURL: conn.URL, Records: []string{"customer"}, M2M: &m,
		HTTPClient: &http.Client{Transport: rt}}
}

// A run exchanges one assertion: the login and the probes after it send
// the token the token check got. (A second exchange cost a second
// assertion, and when NetSuite refused it the report blamed a token it had
// never been sent.)
func TestM2MOneTokenExchange(t *testing.T) {
	t.Parallel()
	rt := &exchangeCounter{refuseAgain: true}
	_, cfg := emulatorM2M(t, rt)
	r := doctor.Run(t.Context(), cfg)
	if n := rt.exchanges.Load(); n != 1 {
		t.Errorf("%d token exchanges, want 1; login check: %+v", n, r.Check("login"))
	}
	if r.Status() == doctor.Fail {
		t.Errorf("a healthy connection fails:\n%s", summary(r))
	}
}

// When the login needs a new token (NetSuite refused the first: here the
// mapping is revoked between the exchange and the login) and NetSuite
// refuses the token request, the login check is a token failure: its
// cause is the exchange's, never a refusal of a token that was not sent.
func TestM2MTokenRefusedDuringLogin(t *testing.T) {
	t.Parallel()
	for _, trail := range []bool{true, false} {
		name := map[bool]string{true: "with the audit trail", false: "without"}[trail]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rt := &exchangeCounter{}
			srv, cfg := emulatorM2M(t, rt)
			rt.beforeLogin = func() { must(t, srv.RevokeM2MMapping(cfg.M2M.CertificateID)) }
			if trail {
				cfg.AuditTrail = doctor.EmulatorAuditTrail(srv.URL(), srv.ControlToken(), nil)
			}
			r := doctor.Run(t.Context(), cfg)
			if n := rt.exchanges.Load(); n != 2 {
				t.Errorf("%d token exchanges, want 2 (the token check's, and one after NetSuite refused its token)", n)
			}
			if c := r.Check("token"); c == nil || c.Status != doctor.OK {
				t.Errorf("token check %+v, want OK: the first exchange worked", c)
			}
			c := r.Check("login")
			wantCause, wantCandidate := "invalid_grant", doctor.ReasonMissingKey
			if trail {
				wantCause, wantCandidate = doctor.ReasonMissingKey, ""
			}
			switch {
			case c == nil || c.Status != doctor.Fail:
				t.Fatalf("login check %+v, want it to fail:\n%s", c, summary(r))
			case strings.Contains(c.Reason, "had just issued"):
				t.Errorf("login reason %q blames a token NetSuite was never sent", c.Reason)
			case !strings.HasPrefix(c.Reason, "the login needed a new access token: "):
				t.Errorf("login reason %q, want it to say the login needed a new access token", c.Reason)
			case c.Cause != wantCause || c.Step != doctor.StepMapping:
				t.Errorf("login cause %q at step %d, want %q at step %d:\n%s", c.Cause, c.Step, wantCause, doctor.StepMapping, summary(r))
			case wantCandidate != "" && (len(c.Candidates) == 0 || c.Candidates[0].Reason != wantCandidate):
				t.Errorf("login candidates %+v, want %s first", c.Candidates, wantCandidate)
			case wantCandidate == "" && (len(c.Candidates) != 0 || !strings.Contains(c.Reason, "revoked")):
				t.Errorf("with the audit trail: login reason %q with %d candidates, want the trail's revoked mapping and none", c.Reason, len(c.Candidates))
			}
		})
	}
}

// A token refusal measured to come from a clock far off keeps NetSuite's
// OAuth 2.0 error in the reason: the clock may not be the only problem.
func TestM2MClockKeepsTheOAuthError(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", time.Now().Add(10*time.Minute).UTC().Format(http.TimeFormat))
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, `{"error":"invalid_client"}`)
	}))
	t.Cleanup(srv.Close)
	m := doctor.M2M{ClientID: "client-1", CertificateID: "cert-1", PrivateKey: readKey(t, "ec256.pem"), PrivateKeyFile: "ec256.pem"}
	r := doctor.Run(t.Context(), m2mConfig(srv, m))
	c := r.Check("token")
	if c == nil || c.Status != doctor.Fail || c.Cause != doctor.ReasonTokenExpired {
		t.Fatalf("token check %+v, want it to fail with the measured cause %s", c, doctor.ReasonTokenExpired)
	}
	for _, want := range []string{"NetSuite refused the token request: 401 invalid_client", doctor.ReasonTokenExpired, "10m0s behind NetSuite's"} {
		if !strings.Contains(c.Reason, want) {
			t.Errorf("token reason %q, want it to say %q", c.Reason, want)
		}
	}
}

// The client ID and the certificate ID are shown masked, as the TBA
// checks show the consumer key and the token ID.
func TestM2MMasksIDs(t *testing.T) {
	t.Parallel()
	srv := fakeM2M(t, http.StatusOK, "", http.StatusOK)
	const clientID, certID = "4f0e0a5bc7d2a1e8f3b6c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4", "Xb3kQ9zT1mN7pL2vR8sW4yA6cE0gH5jK"
	m := doctor.M2M{ClientID: clientID, CertificateID: certID, PrivateKey: readKey(t, "ec256.pem"), PrivateKeyFile: "ec256.pem"}
	r := doctor.Run(t.Context(), m2mConfig(srv, m))
	for id, want := range map[string]string{"client_id": "4f0e…a3b4", "certificate_id": "Xb3k…H5jK"} {
		c := r.Check(id)
		if c == nil || c.Status != doctor.OK || c.Reason != want {
			t.Errorf("%s check %+v, want OK with reason %q", id, c, want)
		}
	}
	for _, c := range r.Checks {
		if s := c.Reason + c.Fix; strings.Contains(s, clientID) || strings.Contains(s, certID) {
			t.Errorf("%s check shows an ID in full: %s", c.ID, s)
		}
	}
}
