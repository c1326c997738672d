package emulator

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/auth"
)

const (
	tokenPath     = "/services/rest/auth/oauth2/v1/token"
	invalidToken  = `Bearer realm="1234567_SB1", error="invalid_token", error_description="Invalid login attempt."`
	invalidHeader = `Bearer realm="1234567_SB1", error="invalid_request", error_description="The request could not be understood by the server due to malformed syntax."`
)

// es256 signs an assertion for kid with key (ES256, R||S) at now, as a
// client does, with the standard library. It asks for scopes, or, without
// any, for rest_webservices and restlets.
func es256(t testing.TB, key crypto.Signer, kid, aud string, now time.Time, scopes ...string) string {
	t.Helper()
	if len(scopes) == 0 {
		scopes = []string{"rest_webservices", "restlets"}
	}
	enc := func(v any) string {
		b, _ := json.Marshal(v)
		return base64.RawURLEncoding.EncodeToString(b)
	}
	signed := enc(map[string]string{"typ": "JWT", "alg": "ES256", "kid": kid}) + "." + enc(map[string]any{
		"iss": DemoClientID, "scope": scopes, "aud": aud,
		"iat": now.Unix(), "exp": now.Add(5 * time.Minute).Unix(), "jti": rand.Text(),
	})
	digest := sha256.Sum256([]byte(signed))
	r, s, err := ecdsa.Sign(rand.Reader, key.(*ecdsa.PrivateKey), digest[:])
	if err != nil {
		t.Fatal(err)
	}
	sig := append(r.FillBytes(make([]byte, 32)), s.FillBytes(make([]byte, 32))...)
	return signed + "." + base64.RawURLEncoding.EncodeToString(sig)
}

func demoSigner(t testing.TB) crypto.Signer {
	t.Helper()
	block, _ := pem.Decode(DemoM2MPrivateKeyPEM())
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return k.(crypto.Signer)
}

// exchange posts an assertion to the token endpoint and returns the status
// and the decoded answer.
func exchange(t testing.TB, s *Server, assertion string) (int, http.Header, map[string]any) {
	t.Helper()
	form := url.Values{
		"grant_type":            {"client_credentials"},
		"client_assertion_type": {"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"},
		"client_assertion":      {assertion},
	}
	code, h, body := doWith(t, s.HTTPClient(), "POST", s.URL()+tokenPath,
		http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}, []byte(form.Encode()))
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("token answer %d is not JSON: %s", code, body)
	}
	return code, h, m
}

// demoToken exchanges a demo assertion for an access token.
func demoToken(t testing.TB, s *Server) string {
	t.Helper()
	code, _, m := exchange(t, s, es256(t, demoSigner(t), DemoCertificateID, s.URL()+tokenPath, s.clock.Now()))
	if code != http.StatusOK {
		t.Fatalf("token endpoint: %d %v", code, m)
	}
	return m["access_token"].(string)
}

// bearerDo sends a request with the bearer token (and Prefer: transient,
// which SuiteQL needs).
func bearerDo(t testing.TB, s *Server, token, method, path string, body any) (int, http.Header, []byte) {
	t.Helper()
	return doWith(t, s.HTTPClient(), method, s.URL()+path, http.Header{"Authorization": {"Bearer " + token}, "Prefer": {"transient"}}, body)
}

// lastReason is the newest audit entry's reason.
func lastReason(t testing.TB, s *Server) (AuditEntry, string) {
	t.Helper()
	entries, err := s.Audit("", 1)
	if err != nil || len(entries) == 0 {
		t.Fatalf("Audit: %v, %d entries", err, len(entries))
	}
	return entries[0], string(entries[0].Reason)
}

// TestM2MBearer: the demo mapping's token reads records and runs SuiteQL
// with the demo role's permissions, and a bad token gets NetSuite's
// challenge.
func TestM2MBearer(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoListener: true})
	id := s.MustCreateRecord("customer", map[string]any{"companyName": "Bearer Co", "subsidiary": map[string]string{"id": "1"}})

	code, h, m := exchange(t, s, es256(t, demoSigner(t), DemoCertificateID, s.URL()+tokenPath, s.clock.Now()))
	if code != 200 || m["expires_in"] != 3600.0 || m["token_type"] != "Bearer" || len(m) != 3 || h.Get("Cache-Control") != "no-store" {
		t.Fatalf("token answer: %d %v %v", code, m, h)
	}
	tok := m["access_token"].(string)

	if code, _, body := bearerDo(t, s, tok, "GET", "/services/rest/record/v1/customer/"+id, nil); code != 200 || !strings.Contains(string(body), "Bearer Co") {
		t.Errorf("GET customer: %d %s", code, body)
	}
	q := map[string]string{"q": "SELECT companyname FROM customer WHERE id = " + id}
	if code, _, body := bearerDo(t, s, tok, "POST", "/services/rest/query/v1/suiteql", q); code != 200 || !strings.Contains(string(body), "Bearer Co") {
		t.Errorf("SuiteQL: %d %s", code, body)
	}
	if code, _, _ := bearerDo(t, s, tok, "GET", serverTimePath, nil); code != 200 {
		t.Errorf("serverTime: %d", code)
	}
	if code, _, body := bearerDo(t, s, tok, "GET", "/services/rest/record/v1/metadata-catalog?select=customer", nil); code != 200 {
		t.Errorf("metadata catalog: %d %s", code, body)
	}
	if e, _ := lastReason(t, s); e.Status != AuditSuccess || e.CertificateID != DemoCertificateID {
		t.Errorf("audit entry %+v", e)
	}

	// The role's permissions apply as with TBA.
	if err := s.SetRecordPermission("nsconnect Integration", "customer", "None"); err != nil {
		t.Fatal(err)
	}
	if code, _, body := bearerDo(t, s, tok, "GET", "/services/rest/record/v1/customer/"+id, nil); code != 403 {
		t.Errorf("GET customer without the permission: %d %s", code, body)
	}
	if err := s.SetPermission("nsconnect Integration", "SUITEANALYTICS_WORKBOOK", "None"); err != nil {
		t.Fatal(err)
	}
	if code, _, body := bearerDo(t, s, tok, "POST", "/services/rest/query/v1/suiteql", q); code != 403 {
		t.Errorf("SuiteQL without the permission: %d %s", code, body)
	}

	// A token the emulator never issued, and a malformed header.
	code, h, body := bearerDo(t, s, strings.Repeat("x", 43), "GET", serverTimePath, nil)
	if code != 401 || h.Get("WWW-Authenticate") != invalidToken || !strings.Contains(string(body), `"INVALID_LOGIN"`) {
		t.Errorf("unknown token: %d %q %s", code, h.Get("WWW-Authenticate"), body)
	}
	if _, reason := lastReason(t, s); reason != "TokenRejected" {
		t.Errorf("audit reason %s", reason)
	}
	code, h, body = bearerDo(t, s, tok+" extra", "GET", serverTimePath, nil)
	if code != 400 || h.Get("WWW-Authenticate") != invalidHeader {
		t.Errorf("malformed header: %d %q %s", code, h.Get("WWW-Authenticate"), body)
	}
}

// A token dies 3600 s later on the emulator's clock, when its mapping is
// revoked, and when the emulator is reset.
func TestM2MTokenLifetime(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true, NoListener: true})
	tok := demoToken(t, s)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.AdvanceClock(59 * time.Minute))
	if code, _, _ := bearerDo(t, s, tok, "GET", serverTimePath, nil); code != 200 {
		t.Errorf("after 59 minutes: %d", code)
	}
	must(s.AdvanceClock(time.Minute))
	if code, h, _ := bearerDo(t, s, tok, "GET", serverTimePath, nil); code != 401 || h.Get("WWW-Authenticate") != invalidToken {
		t.Errorf("after 60 minutes: %d", code)
	}
	if _, reason := lastReason(t, s); reason != "AccessTokenExpired" {
		t.Errorf("audit reason %s", reason)
	}

	tok = demoToken(t, s)
	control(t, s, "POST", "/_emulator/account/m2m/"+DemoCertificateID+"/revoke", "", http.StatusNoContent)
	if code, _, _ := bearerDo(t, s, tok, "GET", serverTimePath, nil); code != 401 {
		t.Errorf("after the revocation: %d", code)
	}
	if _, reason := lastReason(t, s); reason != "TokenRejected" {
		t.Errorf("audit reason %s", reason)
	}
	code, _, m := exchange(t, s, es256(t, demoSigner(t), DemoCertificateID, s.URL()+tokenPath, s.clock.Now()))
	if code != 400 || m["error"] != "invalid_grant" {
		t.Errorf("exchange after the revocation: %d %v", code, m)
	}
	if _, reason := lastReason(t, s); reason != "MissingKey" {
		t.Errorf("audit reason %s", reason)
	}

	if err := s.Reset(t.Context()); err != nil {
		t.Fatal(err)
	}
	tok = demoToken(t, s)
	if err := s.Reset(t.Context()); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := bearerDo(t, s, tok, "GET", serverTimePath, nil); code != 401 {
		t.Errorf("after a reset: %d", code)
	}
}

// The control plane breaks and mends each piece of the M2M setup.
func TestM2MControlPlane(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true, NoListener: true})
	refused := func(step, wantError, wantReason string) {
		t.Helper()
		code, _, m := exchange(t, s, es256(t, demoSigner(t), DemoCertificateID, s.URL()+tokenPath, s.clock.Now()))
		if code != 400 || m["error"] != wantError {
			t.Errorf("%s: %d %v; want 400 %s", step, code, m, wantError)
		}
		if _, reason := lastReason(t, s); reason != wantReason {
			t.Errorf("%s: audit reason %s, want %s", step, reason, wantReason)
		}
	}
	control(t, s, "POST", "/_emulator/account/features/OAUTH2", `{"enabled": false}`, 204)
	refused("feature off", "invalid_grant", "FeatureDisabled")
	control(t, s, "POST", "/_emulator/account/features/OAUTH2", `{"enabled": true}`, 204)

	role := url.PathEscape("nsconnect Integration")
	control(t, s, "POST", "/_emulator/account/roles/"+role+"/permissions", `{"permission": "LOGIN_USING_OAUTH2_ACCESS_TOKENS", "level": "None"}`, 204)
	refused("permission removed", "invalid_grant", "EntityOrRoleDisabled")
	control(t, s, "POST", "/_emulator/account/roles/"+role+"/permissions", `{"permission": "LOGIN_USING_OAUTH2_ACCESS_TOKENS", "level": "Full"}`, 204)

	integ := "/_emulator/account/integrations/" + url.PathEscape("nsconnect demo")
	control(t, s, "POST", integ, `{"clientCredentials": false}`, 204)
	refused("grant box cleared", "unauthorized_client", "InvalidIntegration")
	control(t, s, "POST", integ, `{"clientCredentials": true, "scopes": ["restlets"]}`, 204)
	refused("rest_webservices not granted", "invalid_scope", "ScopeMismatched")
	control(t, s, "POST", integ, `{"scopes": ["rest_webservices", "restlets"]}`, 204)
	control(t, s, "POST", integ, `{"scopes": ["everything"]}`, 400)
	demoToken(t, s)

	// A mapping of one's own, with a new key.
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKIXPublicKey(key.Public())
	pub := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	body, _ := json.Marshal(map[string]string{"integration": "nsconnect demo", "user": "nsconnect.integration@example.com", "role": "nsconnect Integration", "certificate": pub})
	var added struct{ CertificateID string }
	if err := json.Unmarshal(control(t, s, "POST", "/_emulator/account/m2m", string(body), http.StatusCreated), &added); err != nil || len(added.CertificateID) != 43 {
		t.Fatalf("added mapping %+v, %v", added, err)
	}
	if code, _, m := exchange(t, s, es256(t, key, added.CertificateID, s.URL()+tokenPath, s.clock.Now())); code != 200 {
		t.Errorf("the new mapping's assertion: %d %v", code, m)
	}
	// The demo key does not sign for the new mapping.
	if code, _, _ := exchange(t, s, es256(t, demoSigner(t), added.CertificateID, s.URL()+tokenPath, s.clock.Now())); code != 400 {
		t.Errorf("the demo key signs for the new mapping: %d", code)
	}
	bad, _ := json.Marshal(map[string]string{"integration": "nope", "user": "nsconnect.integration@example.com", "role": "nsconnect Integration", "certificate": pub})
	if msg := control(t, s, "POST", "/_emulator/account/m2m", string(bad), 400); !strings.Contains(string(msg), `mapping.integration: integration \"nope\" is not defined`) {
		t.Errorf("bad mapping: %s", msg)
	}
	control(t, s, "POST", "/_emulator/account/m2m/nope/revoke", "", 404)
}

// The token endpoint answers every refusal 400 with its OAuth 2.0 code.
func TestTokenEndpointRefusals(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true, NoListener: true})
	now := s.clock.Now()
	if code, _, m := exchange(t, s, es256(t, demoSigner(t), DemoCertificateID, "https://example.com"+tokenPath, now)); code != 400 || m["error"] != "invalid_grant" {
		t.Errorf("foreign aud: %d %v", code, m)
	}
	if code, _, m := exchange(t, s, es256(t, demoSigner(t), DemoCertificateID, "https://1234567-sb1.suitetalk.api.netsuite.com"+tokenPath, now)); code != 200 {
		t.Errorf("aud on the account's REST host: %d %v", code, m)
	}
	code, _, body := doWith(t, s.HTTPClient(), "POST", s.URL()+tokenPath, http.Header{"Content-Type": {"application/json"}}, []byte(`{}`))
	if code != 400 || strings.TrimSpace(string(body)) != `{"error":"invalid_request"}` {
		t.Errorf("JSON body: %d %s", code, body)
	}
	if e, reason := lastReason(t, s); reason != string(auth.MalformedRequest) || e.Kind != auth.TokenEndpoint {
		t.Errorf("audit entry %+v", e)
	}
}

// With Options.DemoM2MKeyFile the emulator writes the demo key, mode 0600,
// and reports it; without the demo mapping it writes nothing.
func TestDemoM2MKeyFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "keys", "demo.pem")
	s := newTestServer(t, Options{NoSeed: true, NoListener: true, DemoM2MKeyFile: path})
	data, err := os.ReadFile(path)
	if err != nil || string(data) != string(DemoM2MPrivateKeyPEM()) {
		t.Fatalf("key file: %v", err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v", fi.Mode().Perm())
	}
	conn, err := s.Connection()
	if err != nil || conn.PrivateKeyFile != path {
		t.Errorf("Connection().PrivateKeyFile = %q, %v", conn.PrivateKeyFile, err)
	}
	var line map[string]string
	json.Unmarshal(conn.ReadyLine(), &line)
	if line["privateKeyFile"] != path || strings.Contains(string(conn.ReadyLine()), "PRIVATE KEY") {
		t.Errorf("ready line %s", conn.ReadyLine())
	}

	yaml, err := DemoAccountYAML()
	if err != nil {
		t.Fatal(err)
	}
	noM2M, _, _ := strings.Cut(string(yaml), "m2mMappings:")
	rest := string(yaml)[len(noM2M):]
	_, after, _ := strings.Cut(rest, "customFields:")
	other := filepath.Join(dir, "other.pem")
	s2 := newTestServer(t, Options{NoSeed: true, NoListener: true, DemoM2MKeyFile: other, AccountYAML: []byte(noM2M + "customFields:" + after)})
	if _, err := os.Stat(other); !os.IsNotExist(err) {
		t.Errorf("key file written for an account without the demo mapping: %v", err)
	}
	if conn, _ := s2.Connection(); conn.ClientID != "" || conn.CertificateID != "" || conn.PrivateKeyFile != "" {
		t.Errorf("Connection = %+v", conn)
	}
}
