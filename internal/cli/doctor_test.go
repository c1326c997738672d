package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/netsuite/doctor"
)

// hexSecret is a token secret in NetSuite's form that is not the
// emulator's.
var hexSecret = strings.Repeat("0123456789abcdef", 4)

// A good connection passes every check, grouped by setup step, and exits
// 0; the accepted login is remembered, without a credential.
func TestDoctor(t *testing.T) {
	t.Parallel()
	h, _ := sharedEmulatorHarness(t)
	if code := h.run("doctor", "--records", "customer,salesOrder"); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, h.out, h.errOut)
	}
	out := h.out.String()
	for _, want := range []string{
		"Account 1234567_SB1 at http://127.0.0.1:",
		"\nThis machine: the connection's settings, the network and the clock\n",
		"  ok    signing: HMAC-SHA256 over Oracle's published example gives Oracle's header byte for byte",
		"  ok    clock: this machine's clock is within",
		"\nStep 2. The role's permissions: Setup > Users/Roles > Manage Roles\n",
		"  ok    read customer: the role can read customer (50 records)\n",
		"  skip  writes: not checked: NetSuite has no way to check a create, update or delete permission without making the change\n",
		"\nStep 5. The access token: Setup > Users/Roles > Access Tokens\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	state, err := os.ReadFile(filepath.Join(h.env["XDG_STATE_HOME"], "nsconnect", "doctor.json"))
	if err != nil || !strings.Contains(string(state), `"default": {`) {
		t.Errorf("the accepted login is not remembered: %v\n%s", err, state)
	}
	for _, k := range []string{"NETSUITE_CONSUMER_KEY", "NETSUITE_CONSUMER_SECRET", "NETSUITE_TOKEN_ID", "NETSUITE_TOKEN_SECRET"} {
		if strings.Contains(out+h.errOut.String()+string(state), h.env[k]) {
			t.Errorf("%s is shown or kept", k)
		}
	}

	if code := h.run("doctor", "-o", "json"); code != 0 {
		t.Fatalf("-o json: exit %d\n%s", code, h.errOut)
	}
	var r doctor.Report
	if err := json.Unmarshal(h.out.Bytes(), &r); err != nil || r.Check("records").Status != doctor.Skip || r.Status() == doctor.Fail {
		t.Errorf("-o json: %v\n%s", err, h.out)
	}
}

// A refused login names the audit trail's reason in words, fails with the
// connection's exit code, shows no secret, and does not tell the user to
// run the doctor.
func TestDoctorRefusedLogin(t *testing.T) {
	t.Parallel()
	h, _ := emulatorHarnessWith(t, emulator.Options{NoSeed: true})
	h.env["NETSUITE_TOKEN_SECRET"] = hexSecret
	code := h.run("doctor")
	out, errOut := h.out.String(), h.errOut.String()
	if code != ExitConnection ||
		!strings.Contains(out, "  fail  login: InvalidSignature: the signature does not match: check the consumer secret and the token secret (the Login Audit Trail: ") ||
		!strings.Contains(out, "        fix: copy the consumer secret from the integration record and the token secret from the access token again") ||
		errOut != "Error: connection or authentication failed: 1 check failed: login\n" {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	if strings.Contains(out+errOut, hexSecret) || strings.Contains(out+errOut, "nsconnect doctor") {
		t.Errorf("the secret, or a hint to run the doctor, is in the output:\n%s%s", out, errOut)
	}
	// Any other command's refused login points to the doctor, once.
	if code := h.run("record", "get", "customer", "1"); code != ExitConnection ||
		strings.Count(h.errOut.String(), "nsconnect doctor") != 1 || !strings.HasSuffix(h.errOut.String(), " Hint: run 'nsconnect doctor' to find which setup step is wrong.\n") {
		t.Errorf("record get: exit %d\n%s", code, h.errOut)
	}
}

// The first report: after the emulator's clock moved 10 minutes,
// the clock check said ok beside an InvalidTimestamp.
func TestDoctorClockSkew(t *testing.T) {
	t.Parallel()
	h, srv := emulatorHarnessWith(t, emulator.Options{NoSeed: true})
	if err := srv.AdvanceClock(10 * time.Minute); err != nil {
		t.Fatal(err)
	}
	code := h.run("doctor")
	out := h.out.String()
	if code != ExitConnection || !strings.Contains(out, "  fail  login: InvalidTimestamp: ") ||
		!strings.Contains(out, "  fail  clock: the Login Audit Trail says InvalidTimestamp: the timestamp was more than 5 minutes from NetSuite's clock; this machine's clock is 10m0s behind NetSuite's") ||
		strings.Contains(out, "ok    clock") {
		t.Errorf("exit %d\n%s%s", code, out, h.errOut)
	}
}

// The second report: with the role's customer permission removed,
// the doctor said the connection works. It now fails the read, and the
// 403 of a later command names the type, the level and where to grant it.
func TestDoctorRecordPermission(t *testing.T) {
	t.Parallel()
	h, srv := emulatorHarnessWith(t, emulator.Options{NoSeed: true})
	if err := srv.SetRecordPermission("nsconnect Integration", "customer", "None"); err != nil {
		t.Fatal(err)
	}
	const where = "the token's role needs at least View on customer: Setup > Users/Roles > Manage Roles > the role > Permissions > Lists"
	code := h.run("doctor", "--records", "customer,salesOrder")
	out := h.out.String()
	if code != ExitFailure || !strings.Contains(out, "  fail  read customer: NetSuite refused to list customer: 403 INSUFFICIENT_PERMISSION") ||
		!strings.Contains(out, "        fix: "+where+"\n") || !strings.Contains(out, "  ok    read salesOrder") ||
		h.errOut.String() != "Error: 1 check failed: read customer\n" {
		t.Errorf("exit %d\n%s%s", code, out, h.errOut)
	}
	if code := h.run("record", "get", "customer", "1"); code != ExitFailure || !strings.Contains(h.errOut.String(), where) {
		t.Errorf("record get: exit %d\n%s", code, h.errOut)
	}
}

// Against an emulator whose control plane needs a token, the doctor reads
// the audit trail with the token from the environment; without it, it
// ranks the candidates and says where the token goes.
func TestDoctorControlToken(t *testing.T) {
	t.Parallel()
	h, _ := emulatorHarnessWith(t, emulator.Options{NoSeed: true, ControlToken: "tok-123"})
	h.env["NETSUITE_TOKEN_SECRET"] = hexSecret
	h.env[emulator.ControlTokenEnv] = "tok-123"
	if code := h.run("doctor"); code != ExitConnection || !strings.Contains(h.out.String(), "fail  login: InvalidSignature: ") {
		t.Errorf("with the token: exit %d\n%s", code, h.out)
	}
	delete(h.env, emulator.ControlTokenEnv)
	code := h.run("doctor")
	out := h.out.String()
	if code != ExitConnection || !strings.Contains(out, "\nLogin: NetSuite does not say which step refused it\n") ||
		!strings.Contains(out, "        The possible reasons, most likely first:\n        1. InvalidSignature (step 4): ") ||
		!strings.Contains(out, "(the audit trail could not be read: 401 Unauthorized: the control plane needs its token") ||
		!strings.Contains(out, "        hint: an emulator started with a control token needs it in "+emulator.ControlTokenEnv) {
		t.Errorf("without the token: exit %d\n%s", code, out)
	}
}

// The doctor remembers the last login NetSuite accepted, and when a later
// one is refused, says which setting changed since.
func TestDoctorRemembersTheLastLogin(t *testing.T) {
	t.Parallel()
	h, _ := emulatorHarnessWith(t, emulator.Options{NoSeed: true, ControlToken: "tok-456"})
	if code := h.run("doctor"); code != 0 {
		t.Fatalf("exit %d\n%s", code, h.out)
	}
	h.env["NETSUITE_TOKEN_SECRET"] = hexSecret
	code := h.run("doctor")
	if out := h.out.String(); code != ExitConnection ||
		!strings.Contains(out, "1. InvalidSignature (step 4): the signature does not match: check the consumer secret and the token secret\n           evidence: likely: the token secret changed since NetSuite last accepted these settings (") {
		t.Errorf("exit %d\n%s", code, out)
	}
}

// Settings as written: a lower-case account ID is a warning with the
// flag that sets it, and the connection still works.
func TestDoctorSettingsHints(t *testing.T) {
	t.Parallel()
	h, _ := sharedEmulatorHarness(t)
	h.env["NETSUITE_ACCOUNT_ID"] = "1234567_sb1"
	code := h.run("doctor")
	out := h.out.String()
	if code != 0 || !strings.Contains(out, `  warn  account ID: written "1234567_sb1"; NetSuite's form is 1234567_SB1`) ||
		!strings.Contains(out, "        hint: set it with --account-id or NETSUITE_ACCOUNT_ID, or save it with 'nsconnect config init'\n") ||
		!strings.Contains(out, "        hint: name the record types this connection uses with --records") {
		t.Errorf("exit %d\n%s%s", code, out, h.errOut)
	}
	h.env["NETSUITE_CONCURRENCY"] = "lots"
	if code := h.run("doctor"); code != ExitFailure || !strings.Contains(h.errOut.String(), `NETSUITE_CONCURRENCY: "lots" is not a whole number`) {
		t.Errorf("a bad concurrency: exit %d\n%s", code, h.errOut)
	}
}
