package cli

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/emulator/emulatortest"
)

// secretsOf returns the credentials of conn as findLeaks takes them.
func secretsOf(conn emulator.Connection) map[string]string {
	return map[string]string{
		"consumer key": conn.Credentials.ConsumerKey, "consumer secret": conn.Credentials.ConsumerSecret.Reveal(),
		"token ID": conn.Credentials.TokenID, "token secret": conn.Credentials.TokenSecret.Reveal(),
	}
}

// Connecting in one step, as a new user does: `nsconnect emulator` says on
// stderr which command connects to it; that command, run as printed, saves
// a profile that the next command uses with nothing else set, through a
// control token, and prints no secret.
func TestConnectToEmulatorInOneStep(t *testing.T) {
	t.Parallel()
	const token = "tok-one-step"
	pr, pw := io.Pipe()
	ios := &IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: pw}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		done <- emulatorRun(ctx, &EmulatorOptions{IO: ios, Listen: "127.0.0.1:0", ControlToken: token})
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("emulator: %v", err)
		}
	})
	var command string
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		if c, ok := strings.CutPrefix(sc.Text(), "Connect with: "); ok {
			command = c
			break
		}
	}
	go io.Copy(io.Discard, pr) // the rest of stderr, until it stops
	if command == "" {
		t.Fatal("the emulator printed no 'Connect with:' line")
	}
	args, ok := strings.CutPrefix(command, "nsconnect ")
	if !ok {
		t.Fatalf("not an nsconnect command: %s", command)
	}

	h := newHarness(t, map[string]string{emulator.ControlTokenEnv: token})
	if code := h.run(strings.Fields(args)...); code != 0 {
		t.Fatalf("%s: exit %d: %s", command, code, h.errOut)
	}
	out := h.out.String() + h.errOut.String()
	for _, want := range []string{`Saved profile "emulator"`, `Profile "emulator" is the default`, "Connection test: logged in to http://127.0.0.1:"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	url := strings.Fields(args)[3]
	conn, _, err := emulatorConnection(t.Context(), url, token)
	if err != nil {
		t.Fatal(err)
	}
	checkNoLeak(t, command, out, secretsOf(conn))

	// The next command needs nothing: the profile is the file's default.
	h.env = map[string]string{"NSCONNECT_CONFIG": h.path}
	if code := h.run("record", "get", "customer", "eid:CUST-0001", "--jq", ".companyName"); code != 0 || !strings.Contains(h.out.String(), "Meadowbrook") {
		t.Errorf("record get after connecting: exit %d:\n%s%s", code, h.out, h.errOut)
	}
	if code := h.run("config", "profiles"); code != 0 || !strings.Contains(h.out.String(), "emulator  1234567_SB1  "+url+"  (default)") {
		t.Errorf("config profiles: exit %d:\n%s%s", code, h.out, h.errOut)
	}
}

// config init --from-emulator: what it saves, and each way it can fail,
// said with the fix, against an emulator over HTTP.
func TestConfigInitFromEmulator(t *testing.T) {
	t.Parallel()
	srv := emulatortest.NewServer(t, emulator.Options{NoSeed: true, ControlToken: "s3cret"})
	conn, err := srv.Connection()
	if err != nil {
		t.Fatal(err)
	}
	notEmulator := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(notEmulator.Close)
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()

	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		wantCode int
		wantOut  string // in stdout
		wantErr  string // in stderr
	}{
		{name: "saved", args: []string{"--profile", "local", "--concurrency", "3", "--ignore-readonly"}, env: map[string]string{emulator.ControlTokenEnv: "s3cret"},
			wantOut: `Saved profile "local" to `},
		{name: "no token", wantCode: ExitFailure,
			wantErr: "the emulator at " + srv.URL() + " wants its control token: set NSCONNECT_EMULATOR_CONTROL_TOKEN to the token it was started with (--control-token)"},
		{name: "wrong token", env: map[string]string{emulator.ControlTokenEnv: "nope"}, wantCode: ExitFailure,
			wantErr: "refused the control token in NSCONNECT_EMULATOR_CONTROL_TOKEN"},
		{name: "not an emulator", args: []string{"--from-emulator", notEmulator.URL}, wantCode: ExitFailure,
			wantErr: notEmulator.URL + " has no /_emulator/connection: it is not an nsconnect emulator"},
		{name: "nothing there", args: []string{"--from-emulator", closed.URL}, wantCode: ExitConnection,
			wantErr: "no emulator answered at " + closed.URL + " (connection refused); start one with 'nsconnect emulator'"},
		{name: "bad profile name", args: []string{"--profile", "a b"}, env: map[string]string{emulator.ControlTokenEnv: "s3cret"}, wantCode: ExitUsage,
			wantErr: `invalid profile name "a b"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, tt.env)
			args := append([]string{"config", "init"}, tt.args...)
			if !strings.Contains(strings.Join(tt.args, " "), "--from-emulator") {
				args = append(args, "--from-emulator", srv.URL())
			}
			if code := h.run(args...); code != tt.wantCode {
				t.Fatalf("exit %d, want %d: %s", code, tt.wantCode, h.errOut)
			}
			if !strings.Contains(h.out.String(), tt.wantOut) || !strings.Contains(h.errOut.String(), tt.wantErr) {
				t.Errorf("stdout:\n%s\nstderr:\n%s\nwant %q and %q", h.out, h.errOut, tt.wantOut, tt.wantErr)
			}
			checkNoLeak(t, tt.name, h.out.String()+h.errOut.String(), secretsOf(conn))
			_, err := os.Stat(h.path)
			if saved := err == nil; saved != (tt.wantCode == 0) {
				t.Errorf("config file written: %v", saved)
			}
		})
	}

	// What "saved" saved: the emulator's connection at the URL given, with
	// the flags that may go with it.
	h := newHarness(t, map[string]string{emulator.ControlTokenEnv: "s3cret"})
	if code := h.run("config", "init", "--from-emulator", srv.URL()+"/", "--concurrency", "3", "--no-test"); code != 0 {
		t.Fatalf("exit %d: %s", code, h.errOut)
	}
	p := h.readConfig().Profiles["emulator"]
	if p.AccountID != conn.AccountID.String() || p.ConsumerKey != conn.Credentials.ConsumerKey || p.TokenSecret != conn.Credentials.TokenSecret ||
		p.BaseURL != srv.URL() || p.Timezone != conn.Timezone || p.Concurrency != "3" {
		t.Errorf("saved %v", p)
	}
	if strings.Contains(h.out.String(), "Connection test") {
		t.Errorf("--no-test tested:\n%s", h.out)
	}
}

// config use sets the default; config delete asks on a terminal, and a
// deleted default leaves none; a name not in the file is a usage error with
// the names there.
func TestConfigUseAndDelete(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	h.writeConfig(sandboxFile)
	run := func(wantCode int, args ...string) {
		t.Helper()
		if code := h.run(args...); code != wantCode {
			t.Fatalf("%v: exit %d, want %d:\n%s%s", args, code, wantCode, h.out, h.errOut)
		}
	}

	run(0, "config", "use", "production")
	if f := h.readConfig(); f.DefaultProfile != "production" || h.out.String() != "Profile \"production\" is now the default.\n" {
		t.Errorf("use: default %q, said %q", f.DefaultProfile, h.out)
	}
	run(ExitUsage, "config", "use", "sandbx")
	if want := `Error: profile "sandbx" is not in ` + h.path + `, which has the profiles production, sandbox; did you mean "sandbox"?`; !strings.HasPrefix(h.errOut.String(), want) {
		t.Errorf("use sandbx:\n got %s\nwant %s", h.errOut, want)
	}
	h.env["NETSUITE_PROFILE"] = "sandbox"
	run(0, "config", "use", "production")
	if !strings.Contains(h.errOut.String(), "NETSUITE_PROFILE=sandbox is set in this shell, and wins over the default") {
		t.Errorf("no note about NETSUITE_PROFILE:\n%s", h.errOut)
	}
	delete(h.env, "NETSUITE_PROFILE")

	// On a terminal: asked, and "n" keeps the profile.
	h.f.IO.IsTTY = func() bool { return true }
	h.in.WriteString("n\n")
	run(ExitFailure, "config", "delete", "sandbox")
	if want := `Delete profile "sandbox" (account 1234567-sb1 at https://1234567-sb1.suitetalk.api.netsuite.com) from ` + h.path + `? [y/N]: Error: cancelled; nothing was changed`; !strings.HasPrefix(h.errOut.String(), want) {
		t.Errorf("question:\n got %s\nwant %s", h.errOut, want)
	}
	if _, ok := h.readConfig().Profiles["sandbox"]; !ok {
		t.Error("the profile was deleted after no")
	}
	h.in.WriteString("y\n")
	run(0, "config", "delete", "sandbox")
	if _, ok := h.readConfig().Profiles["sandbox"]; ok {
		t.Error("the profile is still there after yes")
	}

	// --yes, the default: deleted, and no default is left.
	h.f.IO.IsTTY = func() bool { return false }
	run(0, "config", "delete", "production", "--yes")
	f := h.readConfig()
	if len(f.Profiles) != 0 || f.DefaultProfile != "" || !strings.Contains(h.out.String(), "It was the default; choose another with 'nsconnect config use NAME'") {
		t.Errorf("after deleting the default: %+v, said:\n%s", f, h.out)
	}
	run(ExitUsage, "config", "delete", "production")
	if !strings.Contains(h.errOut.String(), "which has no profiles") {
		t.Errorf("delete of a missing profile:\n%s", h.errOut)
	}
}
