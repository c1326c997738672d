package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/internal/config"
)

// harness runs nsconnect in-process with Test streams, an environment of its
// own and a config file in a temporary directory.
type harness struct {
	t               *testing.T
	f               *Factory
	in, out, errOut *bytes.Buffer
	env             map[string]string
	path            string // the config file
}

func newHarness(t *testing.T, env map[string]string) *harness {
	t.Helper()
	ios, in, out, errOut := testStreams()
	h := &harness{t: t, in: in, out: out, errOut: errOut, env: map[string]string{}}
	h.path = filepath.Join(t.TempDir(), "nsconnect", "config.yaml")
	h.env["NSCONNECT_CONFIG"] = h.path
	h.env["XDG_STATE_HOME"] = t.TempDir() // state files (doctor's) stay out of the user's
	for k, v := range env {
		h.env[k] = v
	}
	h.f = &Factory{
		IO:        ios,
		LookupEnv: func(k string) (string, bool) { v, ok := h.env[k]; return v, ok },
		BuildInfo: func() (*debug.BuildInfo, bool) { return nil, false },
	}
	return h
}

// run runs nsconnect with args and returns the exit code.
func (h *harness) run(args ...string) int {
	h.t.Helper()
	h.out.Reset()
	h.errOut.Reset()
	return Run(h.t.Context(), h.f, args)
}

// writeConfig writes the config file with mode 0600.
func (h *harness) writeConfig(content string) {
	h.t.Helper()
	if err := os.MkdirAll(filepath.Dir(h.path), 0o700); err != nil {
		h.t.Fatal(err)
	}
	if err := os.WriteFile(h.path, []byte(content), 0o600); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) readConfig() *config.File {
	h.t.Helper()
	f, err := config.ReadFile(h.path, func(w string) { h.t.Errorf("warning: %s", w) })
	if err != nil {
		h.t.Fatal(err)
	}
	return f
}

// parse runs only the parsing of the command newCmd makes, under a root with
// the global flags, and returns the options it would run with.
func parse[T any](t *testing.T, newCmd func(*Factory, func(context.Context, *T) error) *cobra.Command, args ...string) (*T, error) {
	t.Helper()
	ios, _, _, _ := testStreams()
	f := &Factory{IO: ios, LookupEnv: func(string) (string, bool) { return "", false }}
	var got *T
	cmd := newCmd(f, func(_ context.Context, o *T) error { got = o; return nil })
	root := &cobra.Command{Use: "nsconnect"}
	setupRoot(root, f)
	root.AddCommand(cmd)
	root.SetArgs(args)
	err := root.ExecuteContext(t.Context())
	return got, err
}

// sandboxEnv is a complete, valid connection in the environment.
var sandboxEnv = map[string]string{
	"NETSUITE_ACCOUNT_ID":      "1234567_SB1",
	"NETSUITE_CONSUMER_KEY":    "ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4",
	"NETSUITE_CONSUMER_SECRET": "d26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9a8f5",
	"NETSUITE_TOKEN_ID":        "2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc",
	"NETSUITE_TOKEN_SECRET":    "c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8bea1478a3eb0d295",
	"NETSUITE_TIMEZONE":        "America/Los_Angeles",
}

func TestExitCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		args       []string
		env        map[string]string
		wantCode   int
		wantStderr string // exact, when not empty
		wantStdout string // a substring, when not empty
	}{
		{name: "no command shows help", args: nil, wantCode: 0, wantStdout: "Exit codes:"},
		{name: "help", args: []string{"--help"}, wantCode: 0, wantStdout: "NETSUITE_TOKEN_SECRET"},
		{name: "config alone shows help", args: []string{"config"}, wantCode: 0, wantStdout: "nsconnect config [command]"},
		{
			name: "unknown command", args: []string{"bogus"}, wantCode: 2,
			wantStderr: "Error: unknown command \"bogus\" for \"nsconnect\"\nTry 'nsconnect --help' for more information.\n",
		},
		{
			name: "unknown command with suggestion", args: []string{"confg"}, wantCode: 2,
			wantStderr: "Error: unknown command \"confg\" for \"nsconnect\"; did you mean \"config\"?\nTry 'nsconnect --help' for more information.\n",
		},
		{
			name: "unknown subcommand", args: []string{"config", "sho"}, wantCode: 2,
			wantStderr: "Error: unknown command \"sho\" for \"nsconnect config\"; did you mean \"show\"?\nTry 'nsconnect config --help' for more information.\n",
		},
		{
			name: "unknown flag", args: []string{"config", "show", "--bogus"}, wantCode: 2,
			wantStderr: "Error: unknown flag: --bogus\nTry 'nsconnect config show --help' for more information.\n",
		},
		{
			name: "bad output format", args: []string{"version", "--output", "html5"}, wantCode: 2,
			wantStderr: "Error: invalid argument \"html5\" for \"-o, --output\" flag: unknown format \"html5\"; use text, json or yaml\nTry 'nsconnect version --help' for more information.\n",
		},
		{
			name: "extra argument", args: []string{"version", "now"}, wantCode: 2,
			wantStderr: "Error: \"nsconnect version\" takes no arguments, but got [\"now\"]\nTry 'nsconnect version --help' for more information.\n",
		},
		{
			name: "credential flag does not exist", args: []string{"config", "show", "--token-secret", "x"}, wantCode: 2,
			wantStderr: "Error: unknown flag: --token-secret\nTry 'nsconnect config show --help' for more information.\n",
		},
		{name: "valid config", args: []string{"config", "show"}, env: sandboxEnv, wantCode: 0},
		{name: "invalid config", args: []string{"config", "show"}, wantCode: 1},
		{
			name: "missing profile", args: []string{"config", "show", "--profile", "nope"}, env: sandboxEnv, wantCode: 2,
		},
		{name: "version", args: []string{"version"}, wantCode: 0, wantStdout: "nsconnect  devel\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, tt.env)
			code := h.run(tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code = %d, want %d\nstderr:\n%s", code, tt.wantCode, h.errOut)
			}
			if tt.wantStderr != "" && h.errOut.String() != tt.wantStderr {
				t.Errorf("stderr:\n got %q\nwant %q", h.errOut, tt.wantStderr)
			}
			if !strings.Contains(h.out.String(), tt.wantStdout) {
				t.Errorf("stdout does not contain %q:\n%s", tt.wantStdout, h.out)
			}
		})
	}
}

func TestExitCode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  error
		want int
	}{
		{nil, 0},
		{errors.New("boom"), 1},
		{&UsageError{Err: errors.New("bad flag")}, 2},
		{fmt.Errorf("config show: %w", &UsageError{Err: errors.New("bad flag")}), 2},
		{fmt.Errorf("%w: %w", ErrConnectionFailed, errors.New("401 INVALID_LOGIN")), 3},
		{context.Canceled, 130},
		{fmt.Errorf("reading input: %w", context.Canceled), 130},
	}
	for _, tt := range tests {
		if got := ExitCode(tt.err); got != tt.want {
			t.Errorf("ExitCode(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}

func TestPrintError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  error
		want string
	}{
		{errors.New("boom"), "Error: boom\n"},
		{&UsageError{Err: errors.New("bad"), Command: "nsconnect x"}, "Error: bad\nTry 'nsconnect x --help' for more information.\n"},
		{context.Canceled, "Interrupted.\n"},
		{problems("it failed", errors.Join(errors.New("one"), errors.New("two\nlines"))), "Error: it failed:\n  - one\n  - two\n    lines\n"},
		{problems("it failed", errors.New("alone")), "Error: it failed:\n  - alone\n"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		PrintError(&b, tt.err)
		if b.String() != tt.want {
			t.Errorf("PrintError(%v):\n got %q\nwant %q", tt.err, b.String(), tt.want)
		}
	}
}

func TestNewConfigShowCmd(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		args    string
		want    ConfigShowOptions
		wantErr string
	}{
		{name: "no flags", args: "show", want: ConfigShowOptions{Output: "text"}},
		{name: "json", args: "show --output json", want: ConfigShowOptions{Output: "json"}},
		{name: "short json", args: "show -o json", want: ConfigShowOptions{Output: "json"}},
		{
			name: "global flags after",
			args: "show --profile sb --account-id 123 --timezone UTC --ignore-readonly --base-url http://x --concurrency 7",
			want: ConfigShowOptions{Output: "text", Flags: config.Flags{Profile: "sb", AccountID: "123", Timezone: "UTC", IgnoreReadOnly: "true", BaseURL: "http://x", Concurrency: "7"}},
		},
		{
			name: "global flags before",
			args: "--profile sb --ignore-readonly=false show",
			want: ConfigShowOptions{Output: "text", Flags: config.Flags{Profile: "sb", IgnoreReadOnly: "false"}},
		},
		{name: "bad output", args: "show -o html5", wantErr: `invalid argument "html5" for "-o, --output" flag: unknown format "html5"; use text, json or yaml`},
		{name: "argument", args: "show sandbox", wantErr: `"nsconnect show" takes no arguments, but got ["sandbox"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := parse(t, newConfigShowCmd, strings.Fields(tt.args)...)
			if tt.wantErr != "" {
				var ue *UsageError
				if err == nil || err.Error() != tt.wantErr || !errors.As(err, &ue) {
					t.Fatalf("error = %v, want usage error %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			ignore := cmp.FilterPath(func(p cmp.Path) bool {
				n := p.Last().String()
				return n == ".IO" || n == ".LookupEnv"
			}, cmp.Ignore())
			if diff := cmp.Diff(&tt.want, got, ignore); diff != "" {
				t.Errorf("options (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNewVersionCmd(t *testing.T) {
	t.Parallel()
	got, err := parse(t, newVersionCmd, "version", "-o", "json")
	if err != nil {
		t.Fatal(err)
	}
	if got.Output != "json" {
		t.Errorf("Output = %q", got.Output)
	}
}

func TestVersionRun(t *testing.T) {
	t.Parallel()
	platform := runtime.GOOS + "/" + runtime.GOARCH
	tests := []struct {
		name     string
		info     *debug.BuildInfo
		output   string
		wantText string
	}{
		{
			name:     "no build info",
			output:   "text",
			wantText: "nsconnect  devel\ncommit     unknown\ngo         " + runtime.Version() + "\nplatform   " + platform + "\n",
		},
		{
			name: "release",
			info: &debug.BuildInfo{
				GoVersion: "go1.26.0",
				Main:      debug.Module{Path: "github.com/nsconnect/nsconnect", Version: "v1.2.3"},
				Settings:  []debug.BuildSetting{{Key: "vcs.revision", Value: "0123abcd"}, {Key: "vcs.modified", Value: "true"}},
			},
			output:   "text",
			wantText: "nsconnect  v1.2.3\ncommit     0123abcd (modified)\ngo         go1.26.0\nplatform   " + platform + "\n",
		},
		{
			name:     "devel build",
			info:     &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}},
			output:   "json",
			wantText: "{\n  \"version\": \"devel\",\n  \"commit\": \"unknown\",\n  \"goVersion\": \"go1.26.0\",\n  \"platform\": \"" + platform + "\"\n}\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ios, _, out, _ := testStreams()
			opts := &VersionOptions{IO: ios, Output: tt.output, BuildInfo: func() (*debug.BuildInfo, bool) { return tt.info, tt.info != nil }}
			if err := versionRun(t.Context(), opts); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantText, out.String()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

const sandboxFile = `default_profile: sandbox
profiles:
  sandbox:
    account_id: 1234567-sb1
    consumer_key: ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4
    consumer_secret: d26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9a8f5
    token_id: 2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc
    token_secret: c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8bea1478a3eb0d295
    timezone: America/Los_Angeles
    ignore_readonly: false
  production:
    account_id: "1234567"
`

func TestConfigShow(t *testing.T) {
	t.Parallel()
	h := newHarness(t, map[string]string{"NETSUITE_TIMEZONE": "Europe/London"})
	h.writeConfig(sandboxFile)
	if code := h.run("config", "show", "--concurrency", "15"); code != 0 {
		t.Fatalf("exit code %d: %s", code, h.errOut)
	}
	want := `profile:      sandbox (default_profile)
config file:  ` + h.path + `

account ID:               1234567-sb1                                     profile "sandbox"
consumer key:             ef40…67e4                                       profile "sandbox"
consumer secret:          [REDACTED]                                      profile "sandbox"
token ID:                 2b0c…f5cc                                       profile "sandbox"
token secret:             [REDACTED]                                      profile "sandbox"
account timezone:         Europe/London                                   env NETSUITE_TIMEZONE
ignore read-only fields:  false                                           profile "sandbox"
base URL:                 https://1234567-sb1.suitetalk.api.netsuite.com  default
concurrency limit:        15                                              flag --concurrency
authentication method:    tba                                             default

realm:      1234567_SB1
REST host:  1234567-sb1.suitetalk.api.netsuite.com
`
	if diff := cmp.Diff(want, h.out.String()); diff != "" {
		t.Errorf("stdout (-want +got):\n%s", diff)
	}
	if h.errOut.Len() != 0 {
		t.Errorf("stderr: %s", h.errOut)
	}
}

func TestConfigShowInvalid(t *testing.T) {
	t.Parallel()
	h := newHarness(t, map[string]string{
		"NETSUITE_ACCOUNT_ID":   "1234567",
		"NETSUITE_TIMEZONE":     "PST",
		"NETSUITE_CONSUMER_KEY": "short",
	})
	if code := h.run("config", "show"); code != 1 {
		t.Fatalf("exit code %d", code)
	}
	want := `profile:      default, not in the config file
config file:  ` + h.path + ` (does not exist; create it with 'nsconnect config init')

account ID:               1234567                                     env NETSUITE_ACCOUNT_ID
consumer key:             [REDACTED]                                  env NETSUITE_CONSUMER_KEY
consumer secret:          (not set)
token ID:                 (not set)
token secret:             (not set)
account timezone:         PST                                         env NETSUITE_TIMEZONE
ignore read-only fields:  false                                       default
base URL:                 https://1234567.suitetalk.api.netsuite.com  default
concurrency limit:        5                                           default
authentication method:    tba                                         default

realm:      1234567
REST host:  1234567.suitetalk.api.netsuite.com
`
	if diff := cmp.Diff(want, h.out.String()); diff != "" {
		t.Errorf("stdout (-want +got):\n%s", diff)
	}
	wantErr := `Error: the connection settings are not valid:
  - consumer secret is not set: set NETSUITE_CONSUMER_SECRET, or save it in a profile with 'nsconnect config init'; NetSuite shows the consumer key and secret once, when the integration record is saved (Setup > Integration > Manage Integrations)
  - token ID is not set: set NETSUITE_TOKEN_ID, or save it in a profile with 'nsconnect config init'; NetSuite shows the token ID and secret once, when the access token is created (Setup > Users/Roles > Access Tokens)
  - token secret is not set: set NETSUITE_TOKEN_SECRET, or save it in a profile with 'nsconnect config init'; NetSuite shows the token ID and secret once, when the access token is created (Setup > Users/Roles > Access Tokens)
  - NETSUITE_TIMEZONE: unknown time zone "PST"; did you mean America/Los_Angeles?
`
	if diff := cmp.Diff(wantErr, h.errOut.String()); diff != "" {
		t.Errorf("stderr (-want +got):\n%s", diff)
	}
}

func TestConfigShowJSON(t *testing.T) {
	t.Parallel()
	h := newHarness(t, map[string]string{"NETSUITE_PROFILE": "sandbox", "NETSUITE_TIMEZONE": "EST"})
	h.writeConfig(sandboxFile)
	if code := h.run("config", "show", "--output", "json"); code != 1 {
		t.Fatalf("exit code %d", code)
	}
	from := func(key string) string { return `profile "sandbox" (` + h.path + `): ` + key }
	want := showJSON{
		Profile:          "sandbox",
		ProfileSource:    "NETSUITE_PROFILE",
		ConfigFile:       h.path,
		ConfigFileExists: true,
		ProfileInFile:    true,
		Fields: []showField{
			{"account_id", "1234567-sb1", "profile", from("account_id")},
			{"consumer_key", "ef40…67e4", "profile", from("consumer_key")},
			{"consumer_secret", "[REDACTED]", "profile", from("consumer_secret")},
			{"token_id", "2b0c…f5cc", "profile", from("token_id")},
			{"token_secret", "[REDACTED]", "profile", from("token_secret")},
			{"timezone", "EST", "env", "NETSUITE_TIMEZONE"},
			{"ignore_readonly", "false", "profile", from("ignore_readonly")},
			{"base_url", "https://1234567-sb1.suitetalk.api.netsuite.com", "default", ""},
			{"concurrency", "5", "default", ""},
			{"auth", "tba", "default", ""},
		},
		Realm:    "1234567_SB1",
		RESTHost: "1234567-sb1.suitetalk.api.netsuite.com",
		Errors:   []string{`NETSUITE_TIMEZONE: "EST" is a legacy time zone with no region, which does not follow the account's daylight saving rules; use an IANA name such as America/New_York`},
	}
	var got showJSON
	if err := jsonUnmarshalStrict(h.out.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, h.out)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestConfigShowWarnsAboutMode(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permissions")
	}
	h := newHarness(t, nil)
	h.writeConfig(sandboxFile)
	if err := os.Chmod(h.path, 0o644); err != nil {
		t.Fatal(err)
	}
	if code := h.run("config", "show"); code != 0 {
		t.Fatalf("exit code %d: %s", code, h.errOut)
	}
	want := "Warning: config file " + h.path + " is readable by other users (mode 0644); it holds secrets: run chmod 600 " + h.path + "\n"
	if h.errOut.String() != want {
		t.Errorf("stderr:\n got %q\nwant %q", h.errOut, want)
	}
}

func TestConfigInitFromEnvironment(t *testing.T) {
	t.Parallel()
	env := map[string]string{}
	for k, v := range sandboxEnv {
		env[k] = v
	}
	env["NETSUITE_CONSUMER_SECRET"] = "  " + env["NETSUITE_CONSUMER_SECRET"] + "\n" // pasted with spaces
	h := newHarness(t, env)
	h.writeConfig(sandboxFile)

	code := h.run("config", "init", "--profile", "ci", "--account-id", "7654321_sb2", "--ignore-readonly", "--concurrency", "25", "--no-test")
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, h.errOut)
	}
	wantOut := `Saved profile "ci" to ` + h.path + `: account 7654321_SB2 at https://7654321-sb2.suitetalk.api.netsuite.com, time zone America/Los_Angeles.
The file holds the consumer secret and token secret, so it has mode 0600: only you can read it.
Use it with --profile ci or NETSUITE_PROFILE=ci, or make it the default with 'nsconnect config use ci'.
See it with: nsconnect config show --profile ci
`
	if diff := cmp.Diff(wantOut, h.out.String()); diff != "" {
		t.Errorf("stdout (-want +got):\n%s", diff)
	}
	if h.errOut.Len() != 0 {
		t.Errorf("stderr: %s", h.errOut)
	}
	f := h.readConfig()
	want := config.Profile{
		AccountID:      "7654321_SB2",
		ConsumerKey:    sandboxEnv["NETSUITE_CONSUMER_KEY"],
		ConsumerSecret: "d26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9a8f5",
		TokenID:        sandboxEnv["NETSUITE_TOKEN_ID"],
		TokenSecret:    "c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8bea1478a3eb0d295",
		Timezone:       "America/Los_Angeles",
		IgnoreReadOnly: "true",
		Concurrency:    "25",
	}
	if diff := cmp.Diff(want, f.Profiles["ci"]); diff != "" {
		t.Errorf("saved profile (-want +got):\n%s", diff)
	}
	if got := f.Names(); !cmp.Equal(got, []string{"ci", "production", "sandbox"}) {
		t.Errorf("profiles = %v; the others must be kept", got)
	}
	if f.DefaultProfile != "sandbox" {
		t.Errorf("default = %q, want sandbox (unchanged)", f.DefaultProfile)
	}
	if runtime.GOOS != "windows" {
		if fi, err := os.Stat(h.path); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("mode = %v, %v; want 0600", fi.Mode().Perm(), err)
		}
	}
}

func TestConfigInitSetDefault(t *testing.T) {
	t.Parallel()
	h := newHarness(t, sandboxEnv)
	h.writeConfig(sandboxFile)
	if code := h.run("config", "init", "--profile", "sb", "--set-default", "--no-test"); code != 0 {
		t.Fatalf("exit code %d: %s", code, h.errOut)
	}
	wantOut := `Saved profile "sb" to ` + h.path + `: account 1234567_SB1 at https://1234567-sb1.suitetalk.api.netsuite.com, time zone America/Los_Angeles.
The file holds the consumer secret and token secret, so it has mode 0600: only you can read it.
Profile "sb" is the default: commands use it unless --profile or NETSUITE_PROFILE names another.
See it with: nsconnect config show --profile sb
`
	if diff := cmp.Diff(wantOut, h.out.String()); diff != "" {
		t.Errorf("stdout (-want +got):\n%s", diff)
	}
	if f := h.readConfig(); f.DefaultProfile != "sb" {
		t.Errorf("default_profile = %q", f.DefaultProfile)
	}
	// The default profile now loads with no flag and no environment.
	h.env = map[string]string{"NSCONNECT_CONFIG": h.path}
	if code := h.run("config", "show"); code != 0 {
		t.Fatalf("show: exit code %d: %s", code, h.errOut)
	}
	if !strings.HasPrefix(h.out.String(), "profile:      sb (default_profile)\n") {
		t.Errorf("show:\n%s", h.out)
	}
}

func TestConfigInitMissingValues(t *testing.T) {
	t.Parallel()
	h := newHarness(t, map[string]string{"NETSUITE_CONSUMER_KEY": "ck-0123456789abc", "NETSUITE_TIMEZONE": "CET"})
	if code := h.run("config", "init", "--account-id", "123"); code != 1 {
		t.Fatalf("exit code %d", code)
	}
	wantErr := `Error: cannot save profile "default": input is not a terminal, so nothing was asked; set these with flags or environment variables:
  - consumer secret is not set: set NETSUITE_CONSUMER_SECRET, or save it in a profile with 'nsconnect config init'; NetSuite shows the consumer key and secret once, when the integration record is saved (Setup > Integration > Manage Integrations)
  - token ID is not set: set NETSUITE_TOKEN_ID, or save it in a profile with 'nsconnect config init'; NetSuite shows the token ID and secret once, when the access token is created (Setup > Users/Roles > Access Tokens)
  - token secret is not set: set NETSUITE_TOKEN_SECRET, or save it in a profile with 'nsconnect config init'; NetSuite shows the token ID and secret once, when the access token is created (Setup > Users/Roles > Access Tokens)
  - NETSUITE_TIMEZONE: "CET" is a legacy time zone with no region, which does not follow the account's daylight saving rules; use an IANA name such as Europe/Paris
  - NETSUITE_CONSUMER_KEY: the consumer key has a character that is not a hexadecimal digit at character 2; NetSuite's are 64 characters, 0-9 and a-f: copy it again (NetSuite shows the consumer key and secret once, when the integration record is saved (Setup > Integration > Manage Integrations))
`
	if diff := cmp.Diff(wantErr, h.errOut.String()); diff != "" {
		t.Errorf("stderr (-want +got):\n%s", diff)
	}
	if h.out.Len() != 0 {
		t.Errorf("stdout: %s", h.out)
	}
	if _, err := os.Stat(h.path); err == nil {
		t.Error("the config file was written")
	}
}

func TestConfigInitInteractive(t *testing.T) {
	t.Parallel()
	const (
		key    = "ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4"
		secret = "d26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9a8f5"
		token  = "2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc"
		tsec   = "c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8bea1478a3eb0d295"
	)
	h := newHarness(t, nil)
	h.f.IO.IsTTY = func() bool { return true }
	h.in.WriteString(strings.Join([]string{
		"https://1234567.app.netsuite.com", // a pasted URL: asked again
		"1234567_sb1",
		"",                  // base URL: keep the account's host
		"",                  // authentication: keep tba
		key[:32],            // a paste cut in two: asked again
		key,                 //
		"",                  // the consumer secret is required
		"  " + secret + " ", // trimmed
		token,
		tsec[:20] + " " + tsec[20:], // inner space: asked again
		tsec,
		"PST",                                    // a suggestion
		"Pacific",                                // NetSuite's label suggested
		"(GMT-06:00) Central Time (US & Canada)", // as NetSuite shows it
		"y",                                      // ignore read-only: yes
	}, "\n") + "\n")
	if code := h.run("config", "init", "--profile", "sandbox", "--no-test"); code != 0 {
		t.Fatalf("exit code %d: %s", code, h.errOut)
	}
	wantPrompts := `Creating profile "sandbox" in ` + h.path + `.
Press Enter to keep the value in brackets.

The account ID, as NetSuite shows it at Setup > Company > Company Information:
1234567, 1234567_SB1 (sandbox) or TSTDRV1234567.
Account ID:   invalid account ID "https://1234567.app.netsuite.com": it looks like a URL or host name, not an account ID; the account ID in it is 1234567; expected the ID NetSuite shows at Setup > Company > Company Information, such as 1234567, 1234567_SB1 or TSTDRV1234567
Account ID: 
Where nsconnect sends requests. Enter keeps the account's REST host; give another
URL only for the emulator (http://127.0.0.1:8080) or a proxy.
Base URL [https://1234567-sb1.suitetalk.api.netsuite.com]: 
How nsconnect logs in: tba (Token-Based Authentication: consumer key and secret,
token ID and secret) or m2m (OAuth 2.0 machine to machine: client ID, certificate
ID and private key). NetSuite accepts no new TBA integrations from 2027.1.
Authentication (tba/m2m) [tba]: 
The consumer key and secret of the integration record. NetSuite shows them once,
when the record is saved (Setup > Integration > Manage Integrations).
Consumer key:   the consumer key is 32 characters long; NetSuite's are 64 characters, 0-9 and a-f: copy all of it again, or it was cut: a paste broken over two lines gives a short value (NetSuite shows the consumer key and secret once, when the integration record is saved (Setup > Integration > Manage Integrations))
Consumer key: Consumer secret: 
  the consumer secret is required
Consumer secret: 

The token ID and secret of the access token. NetSuite shows them once, when the
token is created (Setup > Users/Roles > Access Tokens).
Token ID: Token secret: 
  the token secret has a space at character 21; copy it again as one unbroken string (a paste can bring a line break or a space with it)
Token secret: 

The account's time zone, as Setup > Company > Company Information shows it, such
as (GMT-08:00) Pacific Time (US & Canada), or its IANA name (America/Los_Angeles).
Account time zone:   unknown time zone "PST"; did you mean America/Los_Angeles?
Account time zone:   unknown time zone "Pacific"; did you mean America/Los_Angeles ((GMT-08:00) Pacific Time (US & Canada))?
Account time zone:   that is America/Chicago

Ignore read-only fields: drop them from creates and updates (and report them),
instead of sending them and showing NetSuite's error.
Ignore read-only fields (yes/no) [no]: 
`
	if diff := cmp.Diff(wantPrompts, h.errOut.String()); diff != "" {
		t.Errorf("prompts (-want +got):\n%s", diff)
	}
	want := config.Profile{
		AccountID:      "1234567_SB1",
		ConsumerKey:    key,
		ConsumerSecret: secret,
		TokenID:        token,
		TokenSecret:    tsec,
		Timezone:       "America/Chicago",
		IgnoreReadOnly: "true",
	}
	if diff := cmp.Diff(want, h.readConfig().Profiles["sandbox"]); diff != "" {
		t.Errorf("saved profile (-want +got):\n%s", diff)
	}
}

// Against the emulator (a base URL of its own), the credentials may have any
// form, and the connection test logs in: it passes with the emulator's
// credentials; with a wrong token secret it says what to do, keeps the
// profile and exits 3.
func TestConfigInitConnectionTest(t *testing.T) {
	t.Parallel()
	_, srv := emulatorHarnessWith(t, emulator.Options{NoSeed: true})
	conn, err := srv.Connection()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name        string
		tokenSecret string
		wantCode    int
		wantOut     string
		wantErr     string
	}{
		{"works", conn.Credentials.TokenSecret.Reveal(), 0, "Connection test: logged in to " + srv.URL() + "; NetSuite's time is ", ""},
		{"refused", "not-the-secret", ExitConnection, "", "Error: the connection test failed: NetSuite refused GET " + srv.URL() + "/services/rest/system/v1/serverTime: 401"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, nil)
			h.f.IO.IsTTY = func() bool { return true }
			h.in.WriteString(strings.Join([]string{
				conn.AccountID.String(), srv.URL(), "",
				conn.Credentials.ConsumerKey, conn.Credentials.ConsumerSecret.Reveal(),
				conn.Credentials.TokenID, tt.tokenSecret,
				"(GMT-08:00) Pacific Time (US & Canada)", "n",
			}, "\n") + "\n")
			if code := h.run("config", "init", "--profile", "emu"); code != tt.wantCode {
				t.Fatalf("exit code %d, want %d: %s", code, tt.wantCode, h.errOut)
			}
			if !strings.Contains(h.out.String(), tt.wantOut) || !strings.Contains(h.errOut.String(), tt.wantErr) {
				t.Errorf("stdout:\n%s\nstderr:\n%s\nwant %q and %q", h.out, h.errOut, tt.wantOut, tt.wantErr)
			}
			if tt.wantCode != 0 && (!strings.Contains(h.errOut.String(), `The profile "emu" is saved; NetSuite does not say why a login fails: 'nsconnect doctor --profile emu' finds which setup step is wrong`) ||
				strings.Count(h.errOut.String(), "nsconnect doctor") != 1) {
				t.Errorf("no advice, or the doctor named more than once, in:\n%s", h.errOut)
			}
			p := h.readConfig().Profiles["emu"]
			if p.TokenSecret.Reveal() != tt.tokenSecret || p.BaseURL != srv.URL() || p.Timezone != "America/Los_Angeles" {
				t.Errorf("saved %+v", p)
			}
		})
	}
}

func TestConfigInitInteractiveKeepsCurrent(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	h.writeConfig(sandboxFile)
	h.f.IO.IsTTY = func() bool { return true }
	// Enter for everything but the time zone and ignore read-only.
	h.in.WriteString("\n\n\n\n\n\n\nEurope/Berlin\nyes\n")
	if code := h.run("config", "init", "--no-test"); code != 0 {
		t.Fatalf("exit code %d: %s", code, h.errOut)
	}
	for _, prompt := range []string{
		"Account ID [1234567-sb1]: ",
		"Base URL [https://1234567-sb1.suitetalk.api.netsuite.com]: ",
		"Consumer key [ef40…67e4]: ",
		"Consumer secret [set; Enter keeps it]: ",
		"Token ID [2b0c…f5cc]: ",
		"Token secret [set; Enter keeps it]: ",
		"Account time zone [America/Los_Angeles]: ",
		"Ignore read-only fields (yes/no) [no]: ",
	} {
		if !strings.Contains(h.errOut.String(), prompt) {
			t.Errorf("no prompt %q in:\n%s", prompt, h.errOut)
		}
	}
	f := h.readConfig()
	want := config.Profile{
		AccountID:      "1234567_SB1",
		ConsumerKey:    sandboxEnv["NETSUITE_CONSUMER_KEY"],
		ConsumerSecret: "d26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9a8f5",
		TokenID:        sandboxEnv["NETSUITE_TOKEN_ID"],
		TokenSecret:    "c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8bea1478a3eb0d295",
		Timezone:       "Europe/Berlin",
		IgnoreReadOnly: "true",
	}
	if diff := cmp.Diff(want, f.Profiles["sandbox"]); diff != "" {
		t.Errorf("saved profile (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(config.Profile{AccountID: "1234567"}, f.Profiles["production"]); diff != "" {
		t.Errorf("other profile changed (-want +got):\n%s", diff)
	}
}

func TestConfigInitInputEnds(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	h.f.IO.IsTTY = func() bool { return true }
	h.in.WriteString("1234567\n\n\nef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4\n")
	if code := h.run("config", "init"); code != 1 {
		t.Fatalf("exit code %d", code)
	}
	if !strings.HasSuffix(h.errOut.String(), "Error: input ended before the consumer secret was entered; nothing was saved\n") {
		t.Errorf("stderr:\n%s", h.errOut)
	}
	if _, err := os.Stat(h.path); err == nil {
		t.Error("the config file was written")
	}
}

func TestConfigInitInterrupted(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	h.f.IO.IsTTY = func() bool { return true }
	h.f.IO.In = blockingReader{}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	code := Run(ctx, h.f, []string{"config", "init"})
	if code != ExitInterrupted {
		t.Errorf("exit code %d, want %d", code, ExitInterrupted)
	}
	if !strings.HasSuffix(h.errOut.String(), "Interrupted.\n") {
		t.Errorf("stderr:\n%s", h.errOut)
	}
}

// blockingReader never returns, like a terminal nobody types into.
type blockingReader struct{}

func (blockingReader) Read([]byte) (int, error) { select {} }

func TestConfigProfiles(t *testing.T) {
	t.Parallel()
	t.Run("no file", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t, nil)
		if code := h.run("config", "profiles"); code != 0 {
			t.Fatalf("exit code %d", code)
		}
		want := "There is no config file yet (" + h.path + ").\nCreate a profile with: nsconnect config init\n"
		if h.errOut.String() != want || h.out.Len() != 0 {
			t.Errorf("stdout %q\nstderr %q\nwant stderr %q", h.out, h.errOut, want)
		}
	})
	t.Run("list", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t, nil)
		h.writeConfig(sandboxFile + "  emulator:\n    account_id: 1234567_SB1\n    base_url: http://user:pw@127.0.0.1:8080\n")
		if code := h.run("config", "profiles"); code != 0 {
			t.Fatalf("exit code %d", code)
		}
		want := `emulator    1234567_SB1  http://REDACTED@127.0.0.1:8080
production  1234567      https://1234567.suitetalk.api.netsuite.com
sandbox     1234567-sb1  https://1234567-sb1.suitetalk.api.netsuite.com  (default)
`
		if diff := cmp.Diff(want, h.out.String()); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("implicit default", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t, nil)
		h.writeConfig("profiles:\n  default: {account_id: \"1\"}\n  other: {}\n")
		if code := h.run("config", "profiles"); code != 0 {
			t.Fatalf("exit code %d", code)
		}
		want := "default  1  https://1.suitetalk.api.netsuite.com  (default)\nother\n"
		if diff := cmp.Diff(want, h.out.String()); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("json", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t, nil)
		h.writeConfig(sandboxFile)
		if code := h.run("config", "profiles", "-o", "json"); code != 0 {
			t.Fatalf("exit code %d", code)
		}
		want := `{
  "configFile": ` + fmt.Sprintf("%q", h.path) + `,
  "configFileExists": true,
  "profiles": [
    {
      "name": "production",
      "accountId": "1234567",
      "baseUrl": "https://1234567.suitetalk.api.netsuite.com",
      "default": false
    },
    {
      "name": "sandbox",
      "accountId": "1234567-sb1",
      "baseUrl": "https://1234567-sb1.suitetalk.api.netsuite.com",
      "default": true
    }
  ]
}
`
		if diff := cmp.Diff(want, h.out.String()); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("bad file", func(t *testing.T) {
		t.Parallel()
		h := newHarness(t, nil)
		h.writeConfig("profiles:\n  a:\n    acount_id: 1\n")
		if code := h.run("config", "profiles"); code != 1 {
			t.Fatalf("exit code %d", code)
		}
		want := "Error: config file " + h.path + `: line 3: unknown key "acount_id" in profile "a" (did you mean account_id?); the keys are account_id, consumer_key, consumer_secret, token_id, token_secret, timezone, ignore_readonly, base_url, concurrency, auth, client_id, certificate_id, private_key_file, certificate_file, scopes` + "\n"
		if h.errOut.String() != want {
			t.Errorf("stderr:\n got %q\nwant %q", h.errOut, want)
		}
	})
}

// allCommands returns cmd and every command under it.
func allCommands(cmd *cobra.Command) []*cobra.Command {
	out := []*cobra.Command{cmd}
	for _, c := range cmd.Commands() {
		out = append(out, allCommands(c)...)
	}
	return out
}

func TestHelpTeaches(t *testing.T) {
	t.Parallel()
	ios, _, _, _ := testStreams()
	root := NewRootCmd(&Factory{IO: ios})
	for _, c := range allCommands(root) {
		if c.Name() == "help" || c.Hidden || c.Parent() != nil && c.Parent().Name() == "completion" || c.Name() == "completion" {
			continue
		}
		if c.Long == "" {
			t.Errorf("%s has no Long help", c.CommandPath())
		}
		if c.Example == "" {
			t.Errorf("%s has no Example", c.CommandPath())
		}
	}
	for _, want := range []string{"NETSUITE_ACCOUNT_ID", "NETSUITE_CONSUMER_KEY", "NETSUITE_CONSUMER_SECRET", "NETSUITE_TOKEN_ID", "NETSUITE_TOKEN_SECRET", "NETSUITE_TIMEZONE", "NETSUITE_IGNORE_READONLY", "NETSUITE_BASE_URL", "NETSUITE_CONCURRENCY", "NETSUITE_PROFILE", "NSCONNECT_CONFIG", "Exit codes:", "3    connection or authentication failed"} {
		if !strings.Contains(root.Long, want) {
			t.Errorf("root help does not mention %q", want)
		}
	}
}

// jsonUnmarshalStrict decodes data into v, refusing unknown fields.
func jsonUnmarshalStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}
