package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator"
)

func TestDoctor(t *testing.T) {
	t.Parallel()
	h, _ := emulatorHarness(t)
	if code := h.run("doctor"); code != 0 || !strings.Contains(h.out.String(), "ok    login: NetSuite's time is") {
		t.Errorf("good connection: exit %d\n%s%s", code, h.out, h.errOut)
	}

	h.env["NETSUITE_TOKEN_SECRET"] = strings.Repeat("0", 64)
	code := h.run("doctor")
	out := h.out.String()
	if code != ExitConnection || !strings.Contains(out, "fail  login: NetSuite refused it") ||
		!strings.Contains(out, "the emulator's login audit trail says: InvalidSignature") {
		t.Errorf("bad token secret: exit %d\n%s%s", code, out, h.errOut)
	}
	if strings.Contains(out+h.errOut.String(), strings.Repeat("0", 64)) {
		t.Error("the secret is in the output")
	}
}

// A clock more than 5 minutes off is named as the cause.
func TestDoctorClockSkew(t *testing.T) {
	t.Parallel()
	h, _ := emulatorHarness(t)
	h.env["NETSUITE_TOKEN_SECRET"] = strings.Repeat("0", 64)
	opts := &DoctorOptions{IO: h.f.IO, Connect: h.f.connect, Now: func() time.Time { return time.Now().Add(9 * time.Minute) }}
	err := doctorRun(t.Context(), opts)
	if ExitCode(err) != ExitConnection || !strings.Contains(h.out.String(), "fail  clock: this machine is 9m") {
		t.Errorf("err %v\n%s", err, h.out)
	}
}

// Against an emulator whose control plane needs a token, the doctor reads
// the audit trail with the token from the environment, and without it falls
// back to the setup steps.
func TestDoctorControlToken(t *testing.T) {
	t.Parallel()
	h, _ := emulatorHarnessWith(t, emulator.Options{ControlToken: "tok-123"})
	h.env["NETSUITE_TOKEN_SECRET"] = strings.Repeat("0", 64)
	h.env[emulator.ControlTokenEnv] = "tok-123"
	if code := h.run("doctor"); code != ExitConnection || !strings.Contains(h.out.String(), "the emulator's login audit trail says: InvalidSignature") {
		t.Errorf("with the token: exit %d\n%s", code, h.out)
	}
	delete(h.env, emulator.ControlTokenEnv)
	if code := h.run("doctor"); code != ExitConnection || strings.Contains(h.out.String(), "audit trail says") || !strings.Contains(h.out.String(), "Check, in this order") {
		t.Errorf("without the token: exit %d\n%s", code, h.out)
	}
}
