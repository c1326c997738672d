package cli

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// m2mKeys is where package m2m keeps its test keys and certificates.
const m2mKeys = "../../netsuite/m2m/testdata/"

// fakeM2MNetSuite is a token endpoint that answers any assertion whose
// header names kid, and a REST API that wants its token. It counts the
// exchanges. The assertion's signature is checked by package m2m's tests
// and the interop tests; here it is the CLI's wiring.
func fakeM2MNetSuite(t *testing.T, kid string) (*httptest.Server, *atomic.Int32) {
	var exchanges atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/services/rest/auth/oauth2/v1/token":
			exchanges.Add(1)
			r.ParseForm()
			header, _, _ := strings.Cut(r.PostForm.Get("client_assertion"), ".")
			raw, _ := base64.RawURLEncoding.DecodeString(header)
			var h struct{ Kid string }
			if json.Unmarshal(raw, &h) != nil || h.Kid != kid {
				w.WriteHeader(http.StatusBadRequest)
				io.WriteString(w, `{"error":"invalid_grant"}`)
				return
			}
			io.WriteString(w, `{"access_token":"fake-access-token","expires_in":3600,"token_type":"Bearer"}`)
			return
		}
		if r.Header.Get("Authorization") != "Bearer fake-access-token" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="1234567", error="invalid_token", error_description="Invalid login attempt."`)
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"title":"Unauthorized","status":401,"o:errorDetails":[{"detail":"Invalid login attempt.","o:errorCode":"INVALID_LOGIN"}]}`)
			return
		}
		switch r.URL.Path {
		case "/services/rest/system/v1/serverTime":
			io.WriteString(w, `{"serverTime":"2026-12-03T10:00:00.000Z"}`)
		case "/services/rest/record/v1/customer/107":
			io.WriteString(w, `{"links":[],"id":"107","companyName":"Acme Corp"}`)
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &exchanges
}

// m2mEnv is an m2m connection to baseURL in the environment, with the
// certificate ID fakeM2MNetSuite wants.
func m2mEnv(t *testing.T, baseURL string) map[string]string {
	return map[string]string{
		"NETSUITE_AUTH": "m2m", "NETSUITE_ACCOUNT_ID": "1234567", "NETSUITE_TIMEZONE": "UTC", "NETSUITE_BASE_URL": baseURL,
		"NETSUITE_CLIENT_ID": "client-1", "NETSUITE_CERTIFICATE_ID": "cert-1", "NETSUITE_PRIVATE_KEY_FILE": privateKeyCopy(t, "ec256.pem"),
	}
}

// privateKeyCopy copies a test key into a file only its owner can read.
func privateKeyCopy(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(m2mKeys + name)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// config init with --auth m2m saves the client ID, the certificate ID and
// the key file's path, never the key; the connection test gets a token;
// config show names the file; a command then works with the profile.
func TestConfigInitM2M(t *testing.T) {
	t.Parallel()
	srv, exchanges := fakeM2MNetSuite(t, "cert-1")
	key := privateKeyCopy(t, "ec256.pem")
	keyPEM, err := os.ReadFile(key)
	if err != nil {
		t.Fatal(err)
	}
	keyLine := strings.Split(string(keyPEM), "\n")[1]
	h := newHarness(t, map[string]string{"NETSUITE_CONSUMER_KEY": "ck-not-needed"})
	code := h.run("config", "init", "--profile", "m2m", "--auth", "m2m", "--account-id", "1234567", "--timezone", "America/New_York",
		"--base-url", srv.URL, "--client-id", "client-1", "--certificate-id", "cert-1", "--private-key-file", key,
		"--certificate-file", m2mKeys+"ec256-cert-3y.pem")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, h.errOut)
	}
	for _, want := range []string{"The file holds the path of the private key, " + key + ", not the key", "Connection test: logged in to " + srv.URL} {
		if !strings.Contains(h.out.String(), want) {
			t.Errorf("no %q in:\n%s", want, h.out)
		}
	}
	if !strings.Contains(h.errOut.String(), "Warning: certificate "+m2mKeys+"ec256-cert-3y.pem is valid until") {
		t.Errorf("no warning of the long certificate in:\n%s", h.errOut)
	}
	file, err := os.ReadFile(h.path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"auth: m2m", "client_id: client-1", "certificate_id: cert-1", "private_key_file: " + key} {
		if !strings.Contains(string(file), want) {
			t.Errorf("no %q in the config file:\n%s", want, file)
		}
	}
	if strings.Contains(string(file), "consumer_key") {
		t.Errorf("the m2m profile has TBA credentials:\n%s", file)
	}

	if code := h.run("config", "show", "--profile", "m2m"); code != 0 {
		t.Fatalf("config show: exit %d: %s", code, h.errOut)
	}
	for _, want := range []string{"authentication method:", "m2m", "private key file:", key, "certificate ID:"} {
		if !strings.Contains(h.out.String(), want) {
			t.Errorf("config show: no %q in:\n%s", want, h.out)
		}
	}
	if strings.Contains(h.out.String(), "consumer key") {
		t.Errorf("config show lists TBA fields for m2m:\n%s", h.out)
	}

	if code := h.run("record", "get", "customer", "107", "--profile", "m2m", "--output", "json"); code != 0 {
		t.Fatalf("record get: exit %d: %s", code, h.errOut)
	}
	if !strings.Contains(h.out.String(), "Acme Corp") {
		t.Errorf("record get: %s", h.out)
	}
	for _, shown := range []string{h.out.String(), h.errOut.String(), string(file)} {
		if strings.Contains(shown, keyLine) || strings.Contains(shown, "fake-access-token") {
			t.Errorf("a secret is shown: %s", shown)
		}
	}
	if n := exchanges.Load(); n != 2 {
		t.Errorf("%d token exchanges, want 2: one per command", n)
	}
}

// A refused assertion exits as a failed connection, with the setup steps
// to check.
func TestM2MRefused(t *testing.T) {
	t.Parallel()
	srv, _ := fakeM2MNetSuite(t, "cert-1")
	h := newHarness(t, m2mEnv(t, srv.URL))
	h.env["NETSUITE_CERTIFICATE_ID"] = "wrong-cert"
	if code := h.run("record", "get", "customer", "107"); code != ExitConnection {
		t.Fatalf("exit %d, want %d: %s", code, ExitConnection, h.errOut)
	}
	if !strings.Contains(h.errOut.String(), "invalid_grant: NetSuite refused the client assertion: check the certificate ID (kid)") {
		t.Errorf("stderr:\n%s", h.errOut)
	}
}

// doctor checks an m2m connection's own steps, and a refused assertion is
// a failed connection placed at the mapping.
func TestDoctorM2M(t *testing.T) {
	t.Parallel()
	srv, _ := fakeM2MNetSuite(t, "cert-1")
	env := m2mEnv(t, srv.URL)
	env["NETSUITE_CERTIFICATE_FILE"] = m2mKeys + "ec256-cert.pem"
	h := newHarness(t, env)
	h.run("doctor")
	for _, want := range []string{
		"Step 5 (OAuth 2.0). The certificate and its M2M mapping",
		"ok    private key and algorithm: " + env["NETSUITE_PRIVATE_KEY_FILE"] + ": EC P-256, signed ES256",
		"ok    certificate: " + m2mKeys + "ec256-cert.pem: valid from",
		"ok    token exchange: NetSuite issued an access token",
		"ok    login: NetSuite accepted the bearer token",
	} {
		if !strings.Contains(h.out.String(), want) {
			t.Errorf("no %q in:\n%s", want, h.out)
		}
	}
	if strings.Contains(h.out.String(), "consumer key") || strings.Contains(h.out.String(), "BEGIN") {
		t.Errorf("TBA checks or the key in an m2m report:\n%s", h.out)
	}

	env["NETSUITE_CERTIFICATE_ID"] = "revoked"
	h = newHarness(t, env)
	if code := h.run("doctor"); code != ExitConnection {
		t.Fatalf("exit %d, want %d:\n%s%s", code, ExitConnection, h.out, h.errOut)
	}
	if !strings.Contains(h.out.String(), "fail  token exchange: NetSuite refused the token request: 400 invalid_grant") {
		t.Errorf("no refused exchange in:\n%s", h.out)
	}
}

// -v shows the token exchange without the assertion or the token.
func TestVerboseM2MRedacts(t *testing.T) {
	t.Parallel()
	srv, _ := fakeM2MNetSuite(t, "cert-1")
	h := newHarness(t, m2mEnv(t, srv.URL))
	if code := h.run("record", "get", "customer", "107", "-v"); code != 0 {
		t.Fatalf("exit %d: %s", code, h.errOut)
	}
	shown := h.errOut.String()
	for _, want := range []string{"> POST " + srv.URL + "/services/rest/auth/oauth2/v1/token", "[body REDACTED: the client assertion]", "[body REDACTED: the access token]", "Authorization: [REDACTED]"} {
		if !strings.Contains(shown, want) {
			t.Errorf("no %q in:\n%s", want, shown)
		}
	}
	for _, secret := range []string{"fake-access-token", "client_assertion=", "eyJ"} {
		if strings.Contains(shown, secret) {
			t.Errorf("-v shows %q:\n%s", secret, shown)
		}
	}
}

// --dry-run answers writes itself but lets the token exchange through.
func TestDryRunM2M(t *testing.T) {
	t.Parallel()
	srv, exchanges := fakeM2MNetSuite(t, "cert-1")
	h := newHarness(t, m2mEnv(t, srv.URL))
	if code := h.run("record", "delete", "customer", "19", "--dry-run", "--yes"); code != 0 {
		t.Fatalf("exit %d: %s", code, h.errOut)
	}
	if !strings.Contains(h.out.String(), "DELETE "+srv.URL+"/services/rest/record/v1/customer/19") || strings.Contains(h.out.String(), "oauth2") {
		t.Errorf("stdout:\n%s", h.out)
	}
	if n := exchanges.Load(); n != 1 {
		t.Errorf("%d exchanges, want 1", n)
	}
}
