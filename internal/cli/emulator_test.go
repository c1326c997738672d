package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nsconnect/nsconnect/emulator"
)

// --control-token defaults to the environment variable, and the flag wins.
func TestEmulatorControlTokenFlag(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{nil, nil, ""},
		{nil, map[string]string{"NSCONNECT_EMULATOR_CONTROL_TOKEN": "from-env"}, "from-env"},
		{[]string{"--control-token", "from-flag"}, map[string]string{"NSCONNECT_EMULATOR_CONTROL_TOKEN": "from-env"}, "from-flag"},
	} {
		h := newHarness(t, tt.env)
		var got *EmulatorOptions
		cmd := newEmulatorCmd(h.f, func(_ context.Context, o *EmulatorOptions) error { got = o; return nil })
		cmd.SetArgs(tt.args)
		if err := cmd.ExecuteContext(t.Context()); err != nil {
			t.Fatal(err)
		}
		if got.ControlToken != tt.want {
			t.Errorf("%v with %v: ControlToken %q, want %q", tt.args, tt.env, got.ControlToken, tt.want)
		}
	}
}

// Listening beyond loopback is said on stderr when the emulator starts.
func TestEmulatorWarnsOffLoopback(t *testing.T) {
	t.Parallel()
	for listen, warned := range map[string]bool{"127.0.0.1:0": false, "0.0.0.0:0": true} {
		h := newHarness(t, nil)
		ctx, cancel := context.WithCancel(t.Context())
		cancel() // ready, then stop at once
		err := emulatorRun(ctx, &EmulatorOptions{IO: h.f.IO, Listen: listen, NoSeed: true})
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Contains(h.errOut.String(), "WARNING: listening on "+listen+", which is not a loopback address")
		if got != warned {
			t.Errorf("--listen %s: warned %v, want %v:\n%s", listen, got, warned, h.errOut)
		}
		if !strings.Contains(h.out.String(), `"accountId":"1234567_SB1"`) {
			t.Errorf("--listen %s: no ready line:\n%s", listen, h.out)
		}
	}
}

// nsconnect emulator writes the demo M2M key where --m2m-key-file says,
// mode 0600, and names it in the ready line with the client and
// certificate IDs; the key itself is never printed.
func TestEmulatorWritesTheDemoM2MKey(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	path := filepath.Join(t.TempDir(), "m2m", "key.pem")
	cmd := newEmulatorCmd(h.f, nil)
	cmd.SetArgs([]string{"--listen", "127.0.0.1:0", "--no-seed", "--m2m-key-file", path})
	ctx, cancel := context.WithCancel(t.Context())
	cancel() // ready, then stop at once
	if err := cmd.ExecuteContext(ctx); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(data, emulator.DemoM2MPrivateKeyPEM()) {
		t.Fatalf("key file: %v", err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v", fi.Mode().Perm())
	}
	conn, err := emulator.ParseReadyLine(bytes.TrimSpace(h.out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if conn.PrivateKeyFile != path || conn.ClientID != emulator.DemoClientID || conn.CertificateID != emulator.DemoCertificateID {
		t.Errorf("ready line %s", h.out)
	}
	if strings.Contains(h.out.String()+h.errOut.String(), "PRIVATE KEY") {
		t.Error("the private key is printed")
	}
}
