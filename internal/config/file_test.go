package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseProfiles(t *testing.T) {
	t.Parallel()
	f, err := ParseProfiles([]byte(twoProfiles))
	if err != nil {
		t.Fatal(err)
	}
	want := &File{
		DefaultProfile: "sandbox",
		Profiles: map[string]Profile{
			"sandbox": {
				AccountID: "1111111_SB1", ConsumerKey: "ck-file-0123456789", ConsumerSecret: "cs-file",
				TokenID: "ti-file-0123456789", TokenSecret: "ts-file", Timezone: "Europe/London",
				IgnoreReadOnly: "yes", BaseURL: "http://file.example:1", Concurrency: "7",
			},
			"production": {AccountID: "2222222"},
		},
	}
	if diff := cmp.Diff(want, f); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got := f.Names(); !cmp.Equal(got, []string{"production", "sandbox"}) {
		t.Errorf("Names = %v", got)
	}
}

func TestParseProfilesEmpty(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"", "\n", "# only a comment\n", "---\n", "~\n", "profiles:\n", "profiles:\n  a:\n"} {
		f, err := ParseProfiles([]byte(in))
		if err != nil {
			t.Errorf("ParseProfiles(%q): %v", in, err)
			continue
		}
		if f.DefaultProfile != "" {
			t.Errorf("ParseProfiles(%q): default %q", in, f.DefaultProfile)
		}
	}
}

func TestParseProfilesErrors(t *testing.T) {
	t.Parallel()
	const keys = "; the keys are account_id, consumer_key, consumer_secret, token_id, token_secret, timezone, ignore_readonly, base_url, concurrency, auth, client_id, certificate_id, private_key_file, certificate_file, scopes"
	tests := []struct {
		name, in, want string
	}{
		{
			"unknown key in profile",
			"profiles:\n  sandbox:\n    account_id: 1\n    timzone: UTC\n",
			`line 4: unknown key "timzone" in profile "sandbox" (did you mean timezone?)` + keys,
		},
		{
			"unknown key without suggestion",
			"profiles:\n  sandbox:\n    password: x\n",
			`line 3: unknown key "password" in profile "sandbox"` + keys,
		},
		{
			"unknown top-level key",
			"default_profile: a\nprofile:\n  a: {}\n",
			`line 2: unknown key "profile" (did you mean profiles?); the keys are default_profile, profiles`,
		},
		{
			"duplicate key",
			"profiles:\n  a:\n    timezone: UTC\n    timezone: Europe/Paris\n",
			`line 4: duplicate key "timezone" in profile "a" (first on line 3)`,
		},
		{
			"duplicate profile",
			"profiles:\n  a: {}\n  a: {}\n",
			`line 3: duplicate key "a" in profiles (first on line 2)`,
		},
		{
			"not a mapping",
			"- a\n- b\n",
			"line 1: the file must be a mapping with default_profile and profiles",
		},
		{
			"profiles not a mapping",
			"profiles: [a, b]\n",
			"line 1: profiles must be a mapping from profile names to profiles",
		},
		{
			"profile not a mapping",
			"profiles:\n  a: 1234567\n",
			`line 2: profile "a" must be a mapping of keys such as account_id and timezone`,
		},
		{
			"value not a scalar",
			"profiles:\n  a:\n    timezone: [UTC]\n",
			"line 3: timezone must be a single value",
		},
		{
			"control character",
			"profiles:\n  a:\n    token_secret: \"a\\tb\"\n",
			"line 3: token_secret contains a control character or invalid UTF-8",
		},
		{
			"bad profile name",
			"profiles:\n  my profile: {}\n",
			`line 2: invalid profile name "my profile": use 1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit`,
		},
		{
			"two documents",
			"profiles: {}\n---\nprofiles: {}\n",
			"line 2: a second YAML document; the file must hold one",
		},
		{
			"syntax error",
			"profiles:\n  a: {\n",
			"line 2: did not find expected node content",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseProfiles([]byte(tt.in))
			if err == nil {
				t.Fatal("no error")
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n got %s\nwant %s", err, tt.want)
			}
		})
	}
}

func TestReadFileNamesFileInErrors(t *testing.T) {
	t.Parallel()
	path := writeConfig(t, "profiles:\n  a:\n    colour: blue\n")
	_, err := ReadFile(path, nil)
	want := "config file " + path + `: line 3: unknown key "colour" in profile "a"; the keys are account_id, consumer_key, consumer_secret, token_id, token_secret, timezone, ignore_readonly, base_url, concurrency, auth, client_id, certificate_id, private_key_file, certificate_file, scopes`
	if err == nil || err.Error() != want {
		t.Errorf("error:\n got %v\nwant %s", err, want)
	}
	// Resolve reports it too, rather than ignoring the file.
	if _, err := Resolve(Options{File: path}); err == nil || err.Error() != want {
		t.Errorf("Resolve error:\n got %v\nwant %s", err, want)
	}
}

func TestReadFileMissing(t *testing.T) {
	t.Parallel()
	_, err := ReadFile(filepath.Join(t.TempDir(), "nope.yaml"), nil)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("err = %v, want fs.ErrNotExist", err)
	}
}

func TestReadFileModeWarning(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permissions")
	}
	tests := []struct {
		mode os.FileMode
		warn bool
	}{
		{0o600, false},
		{0o400, false},
		{0o640, true},
		{0o644, true},
		{0o604, true},
	}
	for _, tt := range tests {
		t.Run(tt.mode.String(), func(t *testing.T) {
			t.Parallel()
			path := writeConfig(t, twoProfiles)
			if err := os.Chmod(path, tt.mode); err != nil {
				t.Fatal(err)
			}
			var warnings []string
			if _, err := ReadFile(path, func(s string) { warnings = append(warnings, s) }); err != nil {
				t.Fatal(err)
			}
			var want []string
			if tt.warn {
				want = []string{"config file " + path + " is readable by other users (mode " + octal(tt.mode) + "); it holds secrets: run chmod 600 " + path}
			}
			if diff := cmp.Diff(want, warnings); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("through Resolve", func(t *testing.T) {
		t.Parallel()
		path := writeConfig(t, twoProfiles)
		if err := os.Chmod(path, 0o644); err != nil {
			t.Fatal(err)
		}
		var warnings []string
		s, err := Resolve(Options{File: path, Warn: func(s string) { warnings = append(warnings, s) }})
		if err != nil {
			t.Fatal(err)
		}
		if len(warnings) != 1 || !strings.Contains(warnings[0], "(mode 0644)") {
			t.Errorf("warnings = %q", warnings)
		}
		if s.Value(FieldAccountID).Reveal() != "1111111_SB1" {
			t.Error("the file was not read after the warning")
		}
	})
}

func octal(m os.FileMode) string {
	const digits = "01234567"
	p := m.Perm()
	return string([]byte{'0', digits[p>>6&7], digits[p>>3&7], digits[p&7]})
}

func TestShellQuote(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"/home/a/.config/nsconnect/config.yaml":            "/home/a/.config/nsconnect/config.yaml",
		"/Users/a/Library/Application Support/nsconnect/x": "'/Users/a/Library/Application Support/nsconnect/x'",
		"/tmp/it's": `'/tmp/it'\''s'`,
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSaveProfile(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "nsconnect")
	path := filepath.Join(dir, "config.yaml")

	first := Profile{AccountID: "1111111", ConsumerKey: "ck", ConsumerSecret: "cs", TokenID: "ti", TokenSecret: "ts", Timezone: "UTC", IgnoreReadOnly: "false"}
	// The first profile of a file is its default: commands use it.
	if isDefault, err := SaveProfile(path, "production", first, false, nil); err != nil || !isDefault {
		t.Fatalf("first profile: default %v, %v", isDefault, err)
	}
	if f, err := ReadFile(path, nil); err != nil || f.DefaultProfile != "production" {
		t.Fatalf("after the first profile: %+v, %v", f, err)
	}
	second := Profile{AccountID: "1111111_SB1", ConsumerKey: "ck2", ConsumerSecret: "cs2: with # and 'quotes'", TokenID: "ti2", TokenSecret: "true", Timezone: "Europe/Paris", IgnoreReadOnly: "true", Concurrency: "15", BaseURL: "http://127.0.0.1:8080"}
	if isDefault, err := SaveProfile(path, "sandbox", second, true, nil); err != nil || !isDefault {
		t.Fatalf("--set-default: default %v, %v", isDefault, err)
	}
	updated := first
	updated.Timezone = "Asia/Tokyo"
	if isDefault, err := SaveProfile(path, "production", updated, false, nil); err != nil || isDefault {
		t.Fatalf("update: default %v, %v; want the default kept", isDefault, err)
	}

	f, err := ReadFile(path, func(s string) { t.Errorf("warning: %s", s) })
	if err != nil {
		t.Fatal(err)
	}
	want := &File{DefaultProfile: "sandbox", Profiles: map[string]Profile{"production": updated, "sandbox": second}}
	if diff := cmp.Diff(want, f); diff != "" {
		t.Errorf("file (-want +got):\n%s", diff)
	}

	if runtime.GOOS != "windows" {
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("file mode = %v, %v; want 0600", fi.Mode().Perm(), err)
		}
		if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("directory mode = %v, %v; want 0700", fi.Mode().Perm(), err)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %v; want only config.yaml (no temporary files left)", names)
	}
}

// A profile becomes the default when the file has none to use, and never
// takes it from one that is there.
func TestSaveProfileDefault(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, save string
		setDefault       bool
		want             string // default_profile afterwards
	}{
		{"new file", "", "emulator", false, "emulator"},
		{"implicit default kept", "profiles:\n  default: {}\n", "emulator", false, ""},
		{"named default kept", "default_profile: a\nprofiles:\n  a: {}\n", "emulator", false, "a"},
		{"default named but missing", "default_profile: gone\nprofiles:\n  a: {}\n", "emulator", false, "emulator"},
		{"no default, other profiles", "profiles:\n  a: {}\n", "emulator", false, "emulator"},
		{"saving default itself", "profiles:\n  a: {}\n", "default", false, ""},
		{"--set-default", "default_profile: a\nprofiles:\n  a: {}\n", "b", true, "b"},
	}
	for _, tt := range tests {
		path := filepath.Join(t.TempDir(), "config.yaml")
		if tt.file != "" {
			path = writeConfig(t, tt.file)
		}
		isDefault, err := SaveProfile(path, tt.save, Profile{AccountID: "1"}, tt.setDefault, nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		f, err := ReadFile(path, nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if f.DefaultProfile != tt.want || isDefault != (f.Default() == tt.save) {
			t.Errorf("%s: default_profile %q, reported default %v; want %q", tt.name, f.DefaultProfile, isDefault, tt.want)
		}
	}
}

func TestSaveProfileTightensMode(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permissions")
	}
	path := writeConfig(t, twoProfiles)
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := SaveProfile(path, "new", Profile{AccountID: "1"}, false, nil); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", fi.Mode().Perm())
	}
	f, err := ReadFile(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Names(); !cmp.Equal(got, []string{"new", "production", "sandbox"}) {
		t.Errorf("profiles = %v", got)
	}
}

func TestSaveProfileRefusesBadFile(t *testing.T) {
	t.Parallel()
	const bad = "profiles:\n  a:\n    unknown: 1\n"
	path := writeConfig(t, bad)
	if _, err := SaveProfile(path, "b", Profile{AccountID: "1"}, false, nil); err == nil {
		t.Fatal("no error")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != bad {
		t.Errorf("the file was changed:\n%s", data)
	}
}

func TestMarshal(t *testing.T) {
	t.Parallel()
	f := &File{DefaultProfile: "sandbox", Profiles: map[string]Profile{
		"sandbox": {AccountID: "1234567", ConsumerSecret: "s3cr3t", Timezone: "UTC", IgnoreReadOnly: "true", Concurrency: "15"},
		"b":       {},
	}}
	got, err := f.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	want := `# nsconnect connection profiles, written by 'nsconnect config init'.
# This file holds secrets: keep it private (mode 0600).

default_profile: sandbox
profiles:
  b: {}
  sandbox:
    account_id: "1234567"
    consumer_secret: s3cr3t
    timezone: UTC
    ignore_readonly: true
    concurrency: 15
`
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestPath(t *testing.T) {
	// Not parallel: sets XDG_CONFIG_HOME and HOME for os.UserConfigDir.
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("HOME", dir)
	t.Setenv("AppData", dir)

	got, err := Path(envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(dir, "nsconnect", "config.yaml")
	if runtime.GOOS == "darwin" {
		want = filepath.Join(dir, "Library", "Application Support", "nsconnect", "config.yaml")
	}
	if got != want {
		t.Errorf("Path = %q, want %q", got, want)
	}

	override := filepath.Join(dir, "elsewhere.yaml")
	got, err = Path(envOf(map[string]string{"NSCONNECT_CONFIG": override}))
	if err != nil || got != override {
		t.Errorf("Path with NSCONNECT_CONFIG = %q, %v; want %q", got, err, override)
	}
}
