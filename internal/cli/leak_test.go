package cli

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nsconnect/nsconnect/internal/config"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// Planted credentials: distinctive enough that finding any 8 characters of
// one in an output can only be a leak. The consumer key and token ID may be
// shown masked (first and last four characters), never more.
const (
	plantedConsumerKey    = "ckPLANTEDa7f3e9c1d5b2846f0e3a9c7d1b5f2e8a4c6d0b3"
	plantedConsumerSecret = "csPLANTEDb8e4f0d2c6a3957e1f4b0d8c2a6e3f9b5d7c1a4"
	plantedTokenID        = "tiPLANTEDc9f5e1a3d7b4068f2e5c1a9d3b7f4e0c6a8d2b5"
	plantedTokenSecret    = "tsPLANTEDd0a6f2b4e8c5179a3f6d2b0e4c8a5f1d7b9e3c6"
)

// plantedSecrets are the two secrets: never shown in any form.
var plantedSecrets = map[string]string{
	"consumer secret": plantedConsumerSecret,
	"token secret":    plantedTokenSecret,
}

// plantedAll adds the consumer key and token ID, which Connection, Settings,
// Profile, Value and the CLI show only masked.
var plantedAll = map[string]string{
	"consumer key":    plantedConsumerKey,
	"consumer secret": plantedConsumerSecret,
	"token ID":        plantedTokenID,
	"token secret":    plantedTokenSecret,
}

// window is how many consecutive bytes of a planted value count as a leak:
// more than the four at each end of a masked value.
const window = 8

// findLeaks returns the names of the planted values of which out holds
// window consecutive bytes: as they are, hex-encoded (either case) or
// base64-encoded.
func findLeaks(out string, planted map[string]string) []string {
	var found []string
	for name, v := range planted {
		forms := []struct {
			s string
			n int // the window, in characters of the form
		}{
			{v, window},
			{hex.EncodeToString([]byte(v)), 2 * window},
			{strings.ToUpper(hex.EncodeToString([]byte(v))), 2 * window},
			{base64.StdEncoding.EncodeToString([]byte(v)), 4 * window / 3},
		}
	search:
		for _, form := range forms {
			for i := 0; i+form.n <= len(form.s); i++ {
				if strings.Contains(out, form.s[i:i+form.n]) {
					found = append(found, name)
					break search
				}
			}
		}
	}
	slices.Sort(found)
	return found
}

// checkNoLeak fails the test if out holds any of planted.
func checkNoLeak(t *testing.T, what, out string, planted map[string]string) {
	t.Helper()
	if found := findLeaks(out, planted); len(found) > 0 {
		t.Errorf("%s leaks the %s:\n%s", what, strings.Join(found, ", "), out)
	}
}

// TestFindLeaks proves the scanner finds what it looks for and does not
// cry wolf at the masked forms.
func TestFindLeaks(t *testing.T) {
	t.Parallel()
	leaky := []string{
		"token_secret=" + plantedTokenSecret,
		fmt.Sprintf("%q", plantedConsumerSecret),
		fmt.Sprintf("%x", plantedTokenSecret),
		fmt.Sprintf("%X", plantedConsumerSecret),
		base64.StdEncoding.EncodeToString([]byte(plantedTokenSecret)),
		"... " + plantedTokenSecret[10:20] + " ...", // a fragment
		"key " + plantedConsumerKey,
	}
	for _, s := range leaky {
		if len(findLeaks(s, plantedAll)) == 0 {
			t.Errorf("findLeaks missed a planted value in %q", s)
		}
	}
	clean := []string{
		config.Mask(plantedConsumerKey) + " " + config.Mask(plantedTokenID),
		"[REDACTED]",
		"",
	}
	for _, s := range clean {
		if found := findLeaks(s, plantedAll); len(found) > 0 {
			t.Errorf("findLeaks(%q) = %v, want none", s, found)
		}
	}
}

// plantedEnv sets a complete connection with the planted credentials.
func plantedEnv() map[string]string {
	return map[string]string{
		"NETSUITE_ACCOUNT_ID":      "1234567_SB1",
		"NETSUITE_CONSUMER_KEY":    plantedConsumerKey,
		"NETSUITE_CONSUMER_SECRET": plantedConsumerSecret,
		"NETSUITE_TOKEN_ID":        plantedTokenID,
		"NETSUITE_TOKEN_SECRET":    plantedTokenSecret,
		"NETSUITE_TIMEZONE":        "America/Los_Angeles",
	}
}

func lookup(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

var verbs = []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3v", "%T"}

// printAll prints v with every fmt verb, by value and by pointer.
func printAll(v, ptr any) string {
	var b strings.Builder
	for _, verb := range verbs {
		fmt.Fprintf(&b, verb+"\n", v)
		fmt.Fprintf(&b, verb+"\n", ptr)
		fmt.Fprintf(&b, verb+"\n", []any{v})
		fmt.Fprintf(&b, verb+"\n", map[string]any{"k": v})
	}
	fmt.Fprint(&b, v, ptr, "\n")
	fmt.Fprintln(&b, v, ptr)
	return b.String()
}

// logAll logs v with slog's text and JSON handlers, as a value and in a group.
func logAll(v any) string {
	var b bytes.Buffer
	for _, h := range []slog.Handler{slog.NewTextHandler(&b, nil), slog.NewJSONHandler(&b, nil)} {
		l := slog.New(h)
		l.Info("value", "v", v)
		l.Info("group", slog.Group("g", "v", v))
		l.With("w", v).Info("with")
	}
	return b.String()
}

func marshalAll(t *testing.T, v, ptr any) string {
	t.Helper()
	var b bytes.Buffer
	for _, x := range []any{v, ptr, []any{v}, map[string]any{"k": v}} {
		data, err := json.Marshal(x)
		if err != nil {
			t.Fatalf("json.Marshal(%T): %v", x, err)
		}
		b.Write(data)
		b.WriteByte('\n')
	}
	return b.String()
}

func TestNoSecretLeaksFromValues(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	p := config.Profile{
		AccountID: "1234567", ConsumerKey: plantedConsumerKey, ConsumerSecret: tba.Secret(plantedConsumerSecret),
		TokenID: plantedTokenID, TokenSecret: tba.Secret(plantedTokenSecret), Timezone: "UTC",
	}
	if _, err := config.SaveProfile(path, "planted", p, true, nil); err != nil {
		t.Fatal(err)
	}
	// The file itself must hold the secrets: that is what it is for.
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(findLeaks(string(data), plantedAll)) != len(plantedAll) {
		t.Fatalf("the profile file does not hold the credentials:\n%s", data)
	}

	settings, err := config.Resolve(config.Options{File: path, LookupEnv: lookup(nil)})
	if err != nil {
		t.Fatal(err)
	}
	conn, err := settings.Connection()
	if err != nil {
		t.Fatal(err)
	}
	file, err := config.ReadFile(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	secret := settings.Value(config.FieldTokenSecret)
	key := settings.Value(config.FieldConsumerKey)

	values := []struct {
		name     string
		v, ptr   any
		planted  map[string]string
		noMarsh  bool
		noLogVal bool
	}{
		{name: "Connection", v: *conn, ptr: conn, planted: plantedAll},
		{name: "Settings", v: *settings, ptr: settings, planted: plantedAll},
		{name: "Profile", v: p, ptr: &p, planted: plantedAll},
		{name: "File", v: *file, ptr: file, planted: plantedAll},
		{name: "Value (secret)", v: secret, ptr: &secret, planted: plantedAll},
		{name: "Value (key)", v: key, ptr: &key, planted: plantedAll},
		// tba.Credentials shows the consumer key and token ID as they are
		// (they are identifiers, sent in clear in every request); it must
		// never show the secrets.
		{name: "tba.Credentials", v: conn.Credentials, ptr: &conn.Credentials, planted: plantedSecrets},
	}
	for _, tt := range values {
		checkNoLeak(t, tt.name+" under fmt", printAll(tt.v, tt.ptr), tt.planted)
		checkNoLeak(t, tt.name+" under slog", logAll(tt.v)+logAll(tt.ptr), tt.planted)
		checkNoLeak(t, tt.name+" under encoding/json", marshalAll(t, tt.v, tt.ptr), tt.planted)
	}
	checkNoLeak(t, "Connection.String", conn.String(), plantedAll)
	checkNoLeak(t, "Connection.GoString", conn.GoString(), plantedAll)
}

func TestNoSecretLeaksFromErrors(t *testing.T) {
	t.Parallel()
	// Credentials that are wrong in every way the validation checks, each
	// still holding a planted value.
	bad := map[string]map[string]string{
		"inner whitespace": {
			"NETSUITE_CONSUMER_KEY":    plantedConsumerKey[:20] + " " + plantedConsumerKey[20:],
			"NETSUITE_CONSUMER_SECRET": plantedConsumerSecret[:20] + " " + plantedConsumerSecret[20:],
			"NETSUITE_TOKEN_ID":        plantedTokenID[:20] + "\t" + plantedTokenID[20:],
			"NETSUITE_TOKEN_SECRET":    plantedTokenSecret[:20] + "\n" + plantedTokenSecret[20:],
		},
		"control characters": {
			"NETSUITE_CONSUMER_KEY":    plantedConsumerKey + "\x00",
			"NETSUITE_CONSUMER_SECRET": "\x1b" + plantedConsumerSecret,
			"NETSUITE_TOKEN_ID":        plantedTokenID[:9] + "\x7f" + plantedTokenID[9:],
			"NETSUITE_TOKEN_SECRET":    plantedTokenSecret + "\x08",
		},
		"secret in the base URL": {
			"NETSUITE_BASE_URL": "http://user:" + plantedTokenSecret + "@127.0.0.1:8080/?q",
		},
		"secret in a base URL without scheme": {
			"NETSUITE_BASE_URL": "user:" + plantedTokenSecret + "@127.0.0.1:8080",
		},
		"secret in an unparsable base URL": {
			"NETSUITE_BASE_URL": "http://user:" + plantedTokenSecret + "@[::1",
		},
	}
	for name, env := range bad {
		full := plantedEnv()
		for k, v := range env {
			full[k] = v
		}
		_, err := config.Load(config.Options{LookupEnv: lookup(full)})
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%v\n%+v\n%#v\n%q\n", err, err, err, err)
		for e := errors.Unwrap(err); e != nil; e = errors.Unwrap(e) {
			fmt.Fprintln(&b, e)
		}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				fmt.Fprintf(&b, "%v %#v\n", e, e)
			}
		}
		checkNoLeak(t, "validation error ("+name+")", b.String(), plantedAll)

		// And the same through the CLI.
		h := newHarness(t, full)
		if code := h.run("config", "show"); code != 1 {
			t.Errorf("%s: config show exit code %d", name, code)
		}
		checkNoLeak(t, "config show ("+name+")", h.out.String()+h.errOut.String(), plantedAll)
		if code := h.run("config", "show", "-o", "json"); code != 1 {
			t.Errorf("%s: config show -o json exit code %d", name, code)
		}
		checkNoLeak(t, "config show -o json ("+name+")", h.out.String()+h.errOut.String(), plantedAll)
		if code := h.run("config", "init"); code != 1 {
			t.Errorf("%s: config init exit code %d", name, code)
		}
		checkNoLeak(t, "config init ("+name+")", h.out.String()+h.errOut.String(), plantedAll)
	}

	for _, f := range []config.Field{config.FieldConsumerKey, config.FieldConsumerSecret, config.FieldTokenID, config.FieldTokenSecret} {
		err := config.CheckValue(f, plantedTokenSecret[:12]+" "+plantedTokenSecret[12:])
		if err == nil {
			t.Errorf("CheckValue(%s): no error", f)
			continue
		}
		checkNoLeak(t, "CheckValue error", err.Error(), plantedAll)
	}

	// Profile files that are wrong where a secret stands.
	files := []string{
		"profiles:\n  a:\n    token_secret: \"" + plantedTokenSecret + "\n",
		"profiles:\n  a:\n    token_secret: [" + plantedTokenSecret + "]\n",
		"profiles:\n  a:\n    token_secret: {" + plantedTokenSecret + ": 1}\n",
		"profiles:\n  a:\n    token_secret: " + plantedTokenSecret + "\n    token_secret: " + plantedConsumerSecret + "\n",
		"profiles:\n  a:\n    token_secret: \"" + plantedTokenSecret + "\\x01\"\n",
		"profiles:\n  a:\n    " + plantedTokenSecret + ": x\n",
		"profiles:\n  a:\n    token_secret: " + plantedTokenSecret + "\n   bad indent: " + plantedConsumerSecret + "\n",
	}
	for _, content := range files {
		_, err := config.ParseProfiles([]byte(content))
		if err == nil {
			t.Errorf("ParseProfiles(%q): no error", content)
			continue
		}
		// A key is not a secret, but a secret pasted as a key must not be
		// echoed either; only the unknown-key case names the key.
		if strings.Contains(content, "    "+plantedTokenSecret+":") {
			continue
		}
		checkNoLeak(t, "profile file error", err.Error(), plantedAll)
	}
}

func TestNoSecretLeaksFromCLI(t *testing.T) {
	t.Parallel()
	h := newHarness(t, plantedEnv())

	// config init, not on a terminal: from the environment, pointed at the
	// emulator, whose refusal of the planted credentials fails the
	// connection test.
	_, srv := sharedEmulatorHarness(t)
	if code := h.run("config", "init", "--profile", "planted", "--set-default", "--base-url", srv.URL()); code != ExitConnection {
		t.Fatalf("config init: exit code %d, want %d (a failed connection test): %s", code, ExitConnection, h.errOut)
	}
	checkNoLeak(t, "config init", h.out.String()+h.errOut.String(), plantedAll)

	// config init on a terminal, keeping every current value: the prompts
	// show the defaults.
	h.f.IO.IsTTY = func() bool { return true }
	h.in.WriteString(strings.Repeat("\n", len(promptFields)))
	if code := h.run("config", "init", "--profile", "planted", "--no-test"); code != 0 {
		t.Fatalf("config init (prompts): exit code %d: %s", code, h.errOut)
	}
	checkNoLeak(t, "config init prompts", h.out.String()+h.errOut.String(), plantedAll)
	h.f.IO.IsTTY = func() bool { return false }

	// The same from the profile file alone.
	h.env = map[string]string{"NSCONNECT_CONFIG": h.path}
	for _, args := range [][]string{
		{"config", "show"},
		{"config", "show", "-o", "json"},
		{"config", "profiles"},
		{"config", "profiles", "-o", "json"},
		{"version"},
		{"version", "-o", "json"},
	} {
		if code := h.run(args...); code != 0 {
			t.Fatalf("%v: exit code %d: %s", args, code, h.errOut)
		}
		out := h.out.String() + h.errOut.String()
		checkNoLeak(t, strings.Join(args, " "), out, plantedAll)
		if len(args) > 1 && args[1] == "show" && !strings.Contains(out, "[REDACTED]") {
			t.Errorf("%v does not show the secrets as [REDACTED]:\n%s", args, out)
		}
	}

	// --help of every command, with the credentials in the environment.
	h.env = plantedEnv()
	h.env["NSCONNECT_CONFIG"] = h.path
	ios, _, _, _ := testStreams()
	for _, c := range allCommands(NewRootCmd(&Factory{IO: ios})) {
		args := append(strings.Fields(c.CommandPath())[1:], "--help")
		if code := h.run(args...); code != 0 {
			t.Errorf("%v: exit code %d", args, code)
		}
		checkNoLeak(t, strings.Join(args, " "), h.out.String()+h.errOut.String(), plantedAll)
	}
}
