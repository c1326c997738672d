package doctor_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/netsuite/doctor"
)

// m2mKeys is where package m2m keeps its test keys and certificates.
const m2mKeys = "../m2m/testdata/"

func readKey(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(m2mKeys + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// fakeM2M is a token endpoint that answers tokenStatus with tokenError
// (or a token on 200), and a REST API whose serverTime answers the token
// with loginStatus.
func fakeM2M(t *testing.T, tokenStatus int, tokenError string, loginStatus int) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.URL.Path == "/services/rest/auth/oauth2/v1/token":
			if tokenStatus != http.StatusOK {
				w.WriteHeader(tokenStatus)
				io.WriteString(w, `{"error":"`+tokenError+`"}`)
				return
			}
			io.WriteString(w, `{"access_token":"doctor-token","expires_in":3600,"token_type":"Bearer"}`)
		case r.Header.Get("Authorization") != "Bearer doctor-token" || loginStatus == http.StatusUnauthorized:
			w.Header().Set("WWW-Authenticate", `Bearer realm="1234567", error="invalid_token", error_description="Invalid login attempt."`)
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"title":"Unauthorized","status":401,"o:errorDetails":[{"detail":"Invalid login attempt.","o:errorCode":"INVALID_LOGIN"}]}`)
		case r.URL.Path == "/services/rest/system/v1/serverTime":
			io.WriteString(w, `{"serverTime":"`+time.Now().UTC().Format(time.RFC3339Nano)+`"}`)
		default:
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"title":"Not Found","status":404,"o:errorDetails":[{"detail":"not in this fake","o:errorCode":"NONEXISTENT_ID"}]}`)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func m2mConfig(srv *httptest.Server, m doctor.M2M) doctor.Config {
	return doctor.Config{AccountID: "1234567", BaseURL: srv.URL, Timezone: "UTC", M2M: &m}
}

func TestM2M(t *testing.T) {
	t.Parallel()
	ec := func(m *doctor.M2M) {}
	withCert := func(name string) func(*doctor.M2M) {
		return func(m *doctor.M2M) { m.Certificate, m.CertificateFile = readKey(t, name), name }
	}
	at := func(d time.Duration, name string) func(*doctor.M2M) {
		return func(m *doctor.M2M) {
			withCert(name)(m)
			m.Now = func() time.Time { return time.Now().Add(d) }
		}
	}
	type want struct {
		check  string
		status doctor.Status
		step   doctor.Step
		says   string
	}
	tests := []struct {
		name                     string
		tokenStatus, loginStatus int
		tokenError               string
		change                   func(*doctor.M2M)
		want                     []want
		firstCandidate           string
	}{
		{name: "works", tokenStatus: 200, loginStatus: 200, change: withCert("ec256-cert.pem"), want: []want{
			{"private_key", doctor.OK, doctor.StepMapping, "EC P-256, signed ES256"},
			{"certificate", doctor.OK, doctor.StepMapping, "the private key's"},
			{"scopes", doctor.OK, doctor.StepIntegration, "rest_webservices"},
			{"token", doctor.OK, doctor.StepSettings, "NetSuite issued an access token for a ES256 assertion"},
			{"mapping", doctor.OK, doctor.StepMapping, "certificate ID names a mapping"},
			{"login", doctor.OK, doctor.StepSettings, "accepted the bearer token"},
			{"clock", doctor.OK, doctor.StepSettings, "within"},
		}},
		{name: "no certificate", tokenStatus: 200, loginStatus: 200, change: ec, want: []want{
			{"certificate", doctor.Skip, doctor.StepMapping, "no certificate file is set"},
		}},
		{name: "another key's certificate", tokenStatus: 200, loginStatus: 200, change: withCert("ec521-cert.pem"), want: []want{
			{"certificate", doctor.Fail, doctor.StepMapping, "the certificate is not the private key's"},
		}},
		{name: "expired", tokenStatus: 200, loginStatus: 200, change: at(400*24*time.Hour, "ec256-cert.pem"), want: []want{
			{"certificate", doctor.Fail, doctor.StepMapping, "expired"},
		}},
		{name: "not yet valid", tokenStatus: 200, loginStatus: 200, change: at(-48*time.Hour, "ec256-cert.pem"), want: []want{
			{"certificate", doctor.Fail, doctor.StepMapping, "not valid yet"},
		}},
		{name: "over two years", tokenStatus: 200, loginStatus: 200, change: withCert("ec256-cert-3y.pem"), want: []want{
			{"certificate", doctor.Warn, doctor.StepMapping, "more than two years"},
		}},
		{name: "RSA 2048", tokenStatus: 200, loginStatus: 200, change: func(m *doctor.M2M) { m.PrivateKey = readKey(t, "rsa2048.pem") }, want: []want{
			{"private_key", doctor.Fail, doctor.StepMapping, "RSA key of 2048 bits"},
			{"token", doctor.Skip, doctor.StepSettings, "the settings above do not make a connection"},
		}},
		{name: "unreadable key", tokenStatus: 200, loginStatus: 200, change: func(m *doctor.M2M) {
			m.PrivateKey, m.PrivateKeyError = nil, errors.New("cannot read key.pem: permission denied")
		}, want: []want{
			{"private_key", doctor.Fail, doctor.StepMapping, "permission denied"},
		}},
		{name: "no client ID", tokenStatus: 200, loginStatus: 200, change: func(m *doctor.M2M) { m.ClientID = "" }, want: []want{
			{"client_id", doctor.Fail, doctor.StepIntegration, "not set"},
		}},
		{name: "no REST scope", tokenStatus: 200, loginStatus: 200, change: func(m *doctor.M2M) { m.Scopes = []string{"restlets"} }, want: []want{
			{"scopes", doctor.Warn, doctor.StepIntegration, "without rest_webservices"},
		}},
		{name: "invalid_grant", tokenStatus: 400, tokenError: "invalid_grant", change: ec, firstCandidate: "MissingKey", want: []want{
			{"token", doctor.Fail, doctor.StepMapping, "400 invalid_grant: NetSuite refused the client assertion"},
			{"login", doctor.Skip, doctor.StepSettings, "NetSuite issued no access token"},
		}},
		{name: "invalid_client", tokenStatus: 401, tokenError: "invalid_client", change: ec, want: []want{
			{"token", doctor.Fail, doctor.StepIntegration, "invalid_client"},
		}},
		{name: "invalid_scope", tokenStatus: 400, tokenError: "invalid_scope", change: ec, want: []want{
			{"token", doctor.Fail, doctor.StepIntegration, "invalid_scope"},
		}},
		{name: "token refused at once", tokenStatus: 200, loginStatus: 401, change: ec, firstCandidate: "EntityOrRoleDisabled", want: []want{
			{"token", doctor.OK, doctor.StepSettings, "issued"},
			{"login", doctor.Fail, doctor.StepUnknown, "refused the access token it had just issued"},
			{"records", doctor.Skip, doctor.StepRole, "did not accept the login"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := fakeM2M(t, tt.tokenStatus, tt.tokenError, tt.loginStatus)
			m := doctor.M2M{ClientID: "client-1", CertificateID: "cert-1", PrivateKey: readKey(t, "ec256.pem"), PrivateKeyFile: "ec256.pem"}
			tt.change(&m)
			report := doctor.Run(t.Context(), m2mConfig(srv, m))
			for _, w := range tt.want {
				c := report.Check(w.check)
				if c == nil {
					t.Fatalf("no check %s in %+v", w.check, report.Checks)
				}
				if c.Status != w.status || c.Step != w.step || !strings.Contains(c.Reason, w.says) {
					t.Errorf("%s: %s, step %d: %s; want %s, step %d, saying %q", w.check, c.Status, c.Step, c.Reason, w.status, w.step, w.says)
				}
			}
			if tt.firstCandidate != "" {
				c := report.Check(map[bool]string{true: "token", false: "login"}[tt.tokenStatus != 200])
				if len(c.Candidates) == 0 || c.Candidates[0].Reason != tt.firstCandidate {
					t.Errorf("%s candidates %+v, want %s first", c.ID, c.Candidates, tt.firstCandidate)
				}
			}
			if ids := checkIDs(report); slices.Contains(ids, "consumer_key") || slices.Contains(ids, "signing") {
				t.Errorf("TBA checks in an M2M report: %v", ids)
			}
		})
	}
}

func checkIDs(r *doctor.Report) []string {
	var ids []string
	for _, c := range r.Checks {
		ids = append(ids, c.ID)
	}
	return ids
}
