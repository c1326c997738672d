package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/emulator/emulatortest"
)

// End-to-end tests of OAuth 2.0 machine to machine: the real CLI, the real
// client, the emulator over HTTP, the demo mapping's key in a file.

// demoKeyFile writes the emulator's demo M2M private key to a file only its
// owner can read, as `nsconnect emulator` does.
func demoKeyFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo-m2m-key.pem")
	if err := os.WriteFile(path, emulator.DemoM2MPrivateKeyPEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// m2mEmulatorEnv is an m2m connection to srv in the environment, with no
// TBA credential.
func m2mEmulatorEnv(t *testing.T, srv *emulator.Server) map[string]string {
	t.Helper()
	conn, err := srv.Connection()
	if err != nil {
		t.Fatal(err)
	}
	if conn.ClientID == "" || conn.CertificateID == "" {
		t.Fatalf("the emulator gives no M2M mapping: %+v", conn)
	}
	return map[string]string{
		"NETSUITE_AUTH": "m2m", "NETSUITE_ACCOUNT_ID": conn.AccountID.String(), "NETSUITE_TIMEZONE": conn.Timezone,
		"NETSUITE_BASE_URL": conn.URL, "NETSUITE_CLIENT_ID": conn.ClientID, "NETSUITE_CERTIFICATE_ID": conn.CertificateID,
		"NETSUITE_PRIVATE_KEY_FILE": demoKeyFile(t),
	}
}

// m2mCommands runs record get, query and doctor with h's connection, and
// checks that each works and that no secret is shown.
func m2mCommands(t *testing.T, h *harness, args ...string) {
	t.Helper()
	keyLine := strings.Split(string(emulator.DemoM2MPrivateKeyPEM()), "\n")[1]
	run := func(cmd ...string) string {
		t.Helper()
		if code := h.run(append(cmd, args...)...); code != 0 {
			t.Fatalf("%q: exit %d\n%s%s", cmd, code, h.out, h.errOut)
		}
		shown := h.out.String() + h.errOut.String()
		if strings.Contains(shown, keyLine) || strings.Contains(shown, "eyJ") {
			t.Errorf("%q shows the key or an assertion:\n%s", cmd, shown)
		}
		return h.out.String()
	}

	var rec map[string]any
	out := run("record", "get", "customer", "eid:CUST-0001", "-o", "json")
	if err := json.Unmarshal([]byte(out), &rec); err != nil || rec["companyName"] != "Meadowbrook Garden Center Inc." {
		t.Errorf("record get printed %s (%v)", out, err)
	}

	out = run("query", "SELECT id, companyname FROM customer WHERE companyname = 'Cascade Growers'", "-o", "ndjson")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 1 || !strings.Contains(lines[0], `"companyname":"Cascade Growers"`) {
		t.Errorf("query printed:\n%s", out)
	}

	out = run("doctor", "--records", "customer,salesOrder")
	for _, want := range []string{
		"ok    private key and algorithm: ",
		"ok    token exchange: NetSuite issued an access token for a ES256 assertion",
		"ok    M2M mapping: ",
		"ok    login: NetSuite accepted the bearer token",
		"ok    read customer: the role can read customer",
		"ok    read salesOrder: ",
		"ok    SuiteQL: ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("doctor: no %q in:\n%s", want, out)
		}
	}
	for _, bad := range []string{"fail  ", "warn  ", "consumer key"} {
		if strings.Contains(out, bad) {
			t.Errorf("doctor: %q in:\n%s", bad, out)
		}
	}
}

// NETSUITE_AUTH=m2m with the rest of the connection in the environment:
// record get, query and doctor work, with no TBA credential set.
func TestM2MEndToEndEnv(t *testing.T) {
	t.Parallel()
	_, srv := sharedEmulatorHarness(t)
	m2mCommands(t, newHarness(t, m2mEmulatorEnv(t, srv)))
}

// The same from a profile that config init saved from flags.
func TestM2MEndToEndProfile(t *testing.T) {
	t.Parallel()
	_, srv := sharedEmulatorHarness(t)
	env := m2mEmulatorEnv(t, srv)
	h := newHarness(t, nil)
	if code := h.run("config", "init", "--profile", "m2m", "--auth", "m2m", "--account-id", env["NETSUITE_ACCOUNT_ID"],
		"--timezone", env["NETSUITE_TIMEZONE"], "--base-url", env["NETSUITE_BASE_URL"], "--client-id", env["NETSUITE_CLIENT_ID"],
		"--certificate-id", env["NETSUITE_CERTIFICATE_ID"], "--private-key-file", env["NETSUITE_PRIVATE_KEY_FILE"]); code != 0 {
		t.Fatalf("config init: exit %d\n%s%s", code, h.out, h.errOut)
	}
	if !strings.Contains(h.out.String(), "Connection test: logged in to "+env["NETSUITE_BASE_URL"]) {
		t.Errorf("config init:\n%s", h.out)
	}
	m2mCommands(t, h, "--profile", "m2m")
}

// config init --from-emulator --auth m2m saves the emulator's client ID,
// certificate ID and the key file it wrote; a command then works with the
// profile.
func TestM2MEndToEndFromEmulator(t *testing.T) {
	t.Parallel()
	key := filepath.Join(t.TempDir(), "emulator", "demo-m2m-key.pem")
	srv := emulatortest.NewServer(t, emulator.Options{DemoM2MKeyFile: key})
	h := newHarness(t, nil)
	if code := h.run("config", "init", "--from-emulator", srv.URL(), "--auth", "m2m"); code != 0 {
		t.Fatalf("config init: exit %d\n%s%s", code, h.out, h.errOut)
	}
	if !strings.Contains(h.out.String(), "The file holds the path of the private key, "+key+", not the key") ||
		!strings.Contains(h.out.String(), "Connection test: logged in to "+srv.URL()) {
		t.Errorf("config init:\n%s", h.out)
	}
	p := h.readConfig().Profiles["emulator"]
	if p.Auth != "m2m" || p.ClientID != emulator.DemoClientID || p.CertificateID != emulator.DemoCertificateID || p.PrivateKeyFile != key {
		t.Errorf("saved %+v", p)
	}
	if code := h.run("record", "get", "customer", "eid:CUST-0001", "--fields", "companyName"); code != 0 ||
		!strings.Contains(h.out.String(), "Meadowbrook Garden Center Inc.") {
		t.Errorf("record get: exit %d\n%s%s", code, h.out, h.errOut)
	}

	// With the access token revoked, the emulator still gives its mapping:
	// a TBA profile is refused with the way out, an m2m one is saved.
	conn, err := srv.Connection()
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.RevokeToken(conn.Credentials.TokenID); err != nil {
		t.Fatal(err)
	}
	if code := h.run("config", "init", "--from-emulator", srv.URL(), "--profile", "tba"); code != ExitFailure ||
		!strings.Contains(h.errOut.String(), "has no active access token, only an OAuth 2.0 machine-to-machine mapping: add --auth m2m") {
		t.Errorf("a TBA profile without a token: exit %d\n%s", code, h.errOut)
	}
	if code := h.run("config", "init", "--from-emulator", srv.URL(), "--profile", "m2m-only", "--auth", "m2m"); code != 0 ||
		!strings.Contains(h.out.String(), "Connection test: logged in to "+srv.URL()) {
		t.Errorf("an m2m profile without a token: exit %d\n%s%s", code, h.out, h.errOut)
	}
}

// A refused M2M login through the CLI: the doctor reads the emulator's
// audit trail and names the reason at its setup step; another command
// fails as a connection failure and points to the doctor.
func TestM2MEndToEndRevoked(t *testing.T) {
	t.Parallel()
	srv := emulatortest.NewServer(t, emulator.Options{NoSeed: true})
	h := newHarness(t, m2mEmulatorEnv(t, srv))
	if err := srv.RevokeM2MMapping(emulator.DemoCertificateID); err != nil {
		t.Fatal(err)
	}
	code := h.run("doctor")
	out := h.out.String()
	if code != ExitConnection || !strings.Contains(out, "  fail  token exchange: MissingKey: the certificate ID (kid) names no valid M2M mapping") ||
		!strings.Contains(out, "revoked") || !strings.Contains(out, "        fix: Setup > Integration > Manage Authentication > OAuth 2.0 Client Credentials (M2M) Setup") {
		t.Errorf("doctor: exit %d\n%s%s", code, out, h.errOut)
	}
	if code := h.run("record", "get", "customer", "1"); code != ExitConnection || !strings.Contains(h.errOut.String(), "invalid_grant") ||
		!strings.Contains(h.errOut.String(), "Hint: run 'nsconnect doctor'") {
		t.Errorf("record get: exit %d\n%s", code, h.errOut)
	}
}
