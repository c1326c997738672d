package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// envOf returns a LookupEnv over m.
func envOf(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) {
		v, ok := m[k]
		return v, ok
	}
}

// writeConfig writes a profile file with mode 0600 in a new temporary
// directory and returns its path.
func writeConfig(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

const twoProfiles = `default_profile: sandbox
profiles:
  sandbox:
    account_id: 1111111_SB1
    consumer_key: ck-file-0123456789
    consumer_secret: cs-file
    token_id: ti-file-0123456789
    token_secret: ts-file
    timezone: Europe/London
    ignore_readonly: yes
    base_url: http://file.example:1
    concurrency: 7
  production:
    account_id: "2222222"
`

// validEnv sets every required field through the environment.
var validEnv = map[string]string{
	"NETSUITE_ACCOUNT_ID":      "3333333",
	"NETSUITE_CONSUMER_KEY":    "ck-env-0123456789",
	"NETSUITE_CONSUMER_SECRET": "cs-env",
	"NETSUITE_TOKEN_ID":        "ti-env-0123456789",
	"NETSUITE_TOKEN_SECRET":    "ts-env",
	"NETSUITE_TIMEZONE":        "America/New_York",
}

func TestResolvePrecedence(t *testing.T) {
	t.Parallel()
	path := writeConfig(t, twoProfiles)
	fileSrc := func(key string) string { return `profile "sandbox" (` + path + `): ` + key }
	tests := []struct {
		name       string
		flags      Flags
		env        map[string]string
		field      Field
		wantValue  string
		wantSource string
	}{
		{"file only", Flags{}, nil, FieldAccountID, "1111111_SB1", fileSrc("account_id")},
		{"env over file", Flags{}, map[string]string{"NETSUITE_ACCOUNT_ID": "3333333"}, FieldAccountID, "3333333", "NETSUITE_ACCOUNT_ID"},
		{"flag over env", Flags{AccountID: "4444444"}, map[string]string{"NETSUITE_ACCOUNT_ID": "3333333"}, FieldAccountID, "4444444", "--account-id"},
		{"flag over file", Flags{Timezone: "Asia/Tokyo"}, nil, FieldTimezone, "Asia/Tokyo", "--timezone"},
		{"env timezone", Flags{}, map[string]string{"NETSUITE_TIMEZONE": "UTC"}, FieldTimezone, "UTC", "NETSUITE_TIMEZONE"},
		{"empty env is unset", Flags{}, map[string]string{"NETSUITE_TIMEZONE": ""}, FieldTimezone, "Europe/London", fileSrc("timezone")},
		{"ignore-readonly flag false over file yes", Flags{IgnoreReadOnly: "false"}, nil, FieldIgnoreReadOnly, "false", "--ignore-readonly"},
		{"ignore-readonly env", Flags{}, map[string]string{"NETSUITE_IGNORE_READONLY": "off"}, FieldIgnoreReadOnly, "off", "NETSUITE_IGNORE_READONLY"},
		{"base URL flag", Flags{BaseURL: "http://flag.example"}, map[string]string{"NETSUITE_BASE_URL": "http://env.example"}, FieldBaseURL, "http://flag.example", "--base-url"},
		{"base URL env", Flags{}, map[string]string{"NETSUITE_BASE_URL": "http://env.example"}, FieldBaseURL, "http://env.example", "NETSUITE_BASE_URL"},
		{"concurrency flag", Flags{Concurrency: "9"}, map[string]string{"NETSUITE_CONCURRENCY": "8"}, FieldConcurrency, "9", "--concurrency"},
		{"concurrency file", Flags{}, nil, FieldConcurrency, "7", fileSrc("concurrency")},
		{"credential env over file", Flags{}, map[string]string{"NETSUITE_CONSUMER_SECRET": "cs-env"}, FieldConsumerSecret, "cs-env", "NETSUITE_CONSUMER_SECRET"},
		{"credential file", Flags{}, nil, FieldTokenSecret, "ts-file", fileSrc("token_secret")},
		{"blank credential falls through", Flags{}, map[string]string{"NETSUITE_TOKEN_ID": "   "}, FieldTokenID, "ti-file-0123456789", fileSrc("token_id")},
		{"credential trimmed", Flags{}, map[string]string{"NETSUITE_TOKEN_ID": " ti-env-0123456789\n"}, FieldTokenID, "ti-env-0123456789", "NETSUITE_TOKEN_ID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := Resolve(Options{Flags: tt.flags, LookupEnv: envOf(tt.env), File: path})
			if err != nil {
				t.Fatal(err)
			}
			v := s.Value(tt.field)
			if got := v.Reveal(); got != tt.wantValue {
				t.Errorf("value = %q, want %q", got, tt.wantValue)
			}
			if got := v.Source.String(); got != tt.wantSource {
				t.Errorf("source = %q, want %q", got, tt.wantSource)
			}
		})
	}
}

func TestResolveDefaults(t *testing.T) {
	t.Parallel()
	s, err := Resolve(Options{LookupEnv: envOf(validEnv)})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range []Field{FieldIgnoreReadOnly, FieldBaseURL, FieldConcurrency} {
		v := s.Value(f)
		got[f.Key()] = v.Reveal() + " (" + v.Source.String() + ")"
	}
	want := map[string]string{
		"ignore_readonly": "false (default)",
		"base_url":        "https://3333333.suitetalk.api.netsuite.com (default)",
		"concurrency":     "5 (default)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("defaults (-want +got):\n%s", diff)
	}
	c, err := s.Connection()
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL.String() != "https://3333333.suitetalk.api.netsuite.com" || c.Concurrency != 5 || c.IgnoreReadOnly {
		t.Errorf("connection defaults = %v, %d, %v", c.BaseURL, c.Concurrency, c.IgnoreReadOnly)
	}
}

func TestResolveProfileChoice(t *testing.T) {
	t.Parallel()
	path := writeConfig(t, twoProfiles)
	tests := []struct {
		name        string
		flags       Flags
		env         map[string]string
		wantProfile string
		wantSource  string
		wantAccount string
	}{
		{"default_profile", Flags{}, nil, "sandbox", path + ": default_profile", "1111111_SB1"},
		{"env", Flags{}, map[string]string{"NETSUITE_PROFILE": "production"}, "production", "NETSUITE_PROFILE", "2222222"},
		{"flag over env", Flags{Profile: "sandbox"}, map[string]string{"NETSUITE_PROFILE": "production"}, "sandbox", "--profile", "1111111_SB1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := Resolve(Options{Flags: tt.flags, LookupEnv: envOf(tt.env), File: path})
			if err != nil {
				t.Fatal(err)
			}
			got := []string{s.Profile, s.ProfileSource.String(), s.Value(FieldAccountID).Reveal()}
			if diff := cmp.Diff([]string{tt.wantProfile, tt.wantSource, tt.wantAccount}, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}

	t.Run("implicit default may be missing", func(t *testing.T) {
		t.Parallel()
		path := writeConfig(t, "profiles:\n  other: {}\n")
		s, err := Resolve(Options{File: path})
		if err != nil {
			t.Fatal(err)
		}
		if s.Profile != "default" || s.ProfileFound || !s.FileFound {
			t.Errorf("got profile %q found=%v file=%v", s.Profile, s.ProfileFound, s.FileFound)
		}
	})
	t.Run("no file at all", func(t *testing.T) {
		t.Parallel()
		s, err := Resolve(Options{File: filepath.Join(t.TempDir(), "none.yaml"), LookupEnv: envOf(validEnv)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Connection(); err != nil {
			t.Fatal(err)
		}
	})
}

func TestMissingProfile(t *testing.T) {
	t.Parallel()
	path := writeConfig(t, twoProfiles)
	empty := writeConfig(t, "profiles: {}\n")
	none := filepath.Join(t.TempDir(), "config.yaml")
	tests := []struct {
		name  string
		opts  Options
		want  string
		allow bool
	}{
		{
			name: "flag",
			opts: Options{Flags: Flags{Profile: "staging"}, File: path},
			want: `--profile: profile "staging" is not in ` + path + `, which has the profiles production, sandbox; use one of them, or create it with 'nsconnect config init --profile staging'`,
		},
		{
			name: "env",
			opts: Options{LookupEnv: envOf(map[string]string{"NETSUITE_PROFILE": "staging"}), File: path},
			want: `NETSUITE_PROFILE: profile "staging" is not in ` + path + `, which has the profiles production, sandbox; use one of them, or create it with 'nsconnect config init --profile staging'`,
		},
		{
			name: "default_profile",
			opts: Options{File: writeConfig(t, "default_profile: gone\nprofiles:\n  a: {}\n")},
			want: `: default_profile: profile "gone" is not in `,
		},
		{
			name: "file without profiles",
			opts: Options{Flags: Flags{Profile: "x"}, File: empty},
			want: `--profile: profile "x" is not in ` + empty + `, which has no profiles; create it with 'nsconnect config init --profile x'`,
		},
		{
			name: "no file",
			opts: Options{Flags: Flags{Profile: "x"}, File: none},
			want: `--profile: profile "x" not found: there is no config file at ` + none + `; create it with 'nsconnect config init --profile x'`,
		},
		{
			name: "bad name",
			opts: Options{Flags: Flags{Profile: "my profile"}, File: path},
			want: `--profile: invalid profile name "my profile": use 1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Resolve(tt.opts)
			if err == nil {
				t.Fatal("no error")
			}
			if tt.name == "default_profile" {
				if !strings.Contains(err.Error(), tt.want) {
					t.Errorf("error %q does not contain %q", err, tt.want)
				}
			} else if err.Error() != tt.want {
				t.Errorf("error:\n got %s\nwant %s", err, tt.want)
			}
			if tt.name != "bad name" && !errors.Is(err, ErrProfileNotFound) {
				t.Errorf("errors.Is(err, ErrProfileNotFound) = false")
			}
		})
	}

	t.Run("allowed when creating", func(t *testing.T) {
		t.Parallel()
		s, err := Resolve(Options{Flags: Flags{Profile: "staging"}, File: path, AllowMissingProfile: true})
		if err != nil {
			t.Fatal(err)
		}
		if s.Profile != "staging" || s.ProfileFound {
			t.Errorf("got %q found=%v", s.Profile, s.ProfileFound)
		}
	})
}

// connErrors returns the messages of the errors joined in err.
func connErrors(err error) []string {
	if err == nil {
		return nil
	}
	var out []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		out = append(out, e.Error())
	}
	return out
}

// with returns validEnv with the changes in m; an empty value deletes.
func with(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range validEnv {
		out[k] = v
	}
	for k, v := range m {
		if v == "" {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}

func TestValidationErrors(t *testing.T) {
	t.Parallel()
	const gov = "NetSuite shows the limit at Setup > Integration > Integration Management > Integration Governance"
	path := writeConfig(t, "profiles:\n  sandbox:\n    timezone: PST\n    concurrency: lots\n")
	tests := []struct {
		name  string
		flags Flags
		env   map[string]string
		file  string
		want  []string
	}{
		{
			name: "everything missing",
			env:  map[string]string{},
			want: []string{
				"account ID is not set: pass --account-id, set NETSUITE_ACCOUNT_ID, or save it in a profile with 'nsconnect config init'; NetSuite shows it at Setup > Company > Company Information",
				"consumer key is not set: set NETSUITE_CONSUMER_KEY, or save it in a profile with 'nsconnect config init'; NetSuite shows the consumer key and secret once, when the integration record is saved (Setup > Integration > Manage Integrations)",
				"consumer secret is not set: set NETSUITE_CONSUMER_SECRET, or save it in a profile with 'nsconnect config init'; NetSuite shows the consumer key and secret once, when the integration record is saved (Setup > Integration > Manage Integrations)",
				"token ID is not set: set NETSUITE_TOKEN_ID, or save it in a profile with 'nsconnect config init'; NetSuite shows the token ID and secret once, when the access token is created (Setup > Users/Roles > Access Tokens)",
				"token secret is not set: set NETSUITE_TOKEN_SECRET, or save it in a profile with 'nsconnect config init'; NetSuite shows the token ID and secret once, when the access token is created (Setup > Users/Roles > Access Tokens)",
				"account timezone is not set: pass --timezone, set NETSUITE_TIMEZONE, or save it in a profile with 'nsconnect config init'; use the time zone shown at Setup > Company > Company Information, such as (GMT-08:00) Pacific Time (US & Canada), or its IANA name, such as America/Los_Angeles",
			},
		},
		{
			name:  "account ID from flag",
			env:   validEnv,
			flags: Flags{AccountID: "https://1234567-sb1.app.netsuite.com/app/center/card.nl"},
			want:  []string{`--account-id: invalid account ID "https://1234567-sb1.app.netsuite.com/app/center/card.nl": it looks like a URL or host name, not an account ID; the account ID in it is 1234567_SB1; expected the ID NetSuite shows at Setup > Company > Company Information, such as 1234567, 1234567_SB1 or TSTDRV1234567`},
		},
		{
			name: "timezone abbreviation",
			env:  with(map[string]string{"NETSUITE_TIMEZONE": "PST"}),
			want: []string{`NETSUITE_TIMEZONE: unknown time zone "PST"; did you mean America/Los_Angeles?`},
		},
		{
			name:  "timezone Local from flag",
			env:   validEnv,
			flags: Flags{Timezone: "Local"},
			want:  []string{`--timezone: "Local" is this computer's time zone, not the NetSuite account's; use the IANA name of the account's time zone, such as America/Los_Angeles`},
		},
		{
			name: "legacy zone",
			env:  with(map[string]string{"NETSUITE_TIMEZONE": "EST5EDT"}),
			want: []string{`NETSUITE_TIMEZONE: "EST5EDT" is a legacy time zone with no region, which does not follow the account's daylight saving rules; use an IANA name such as America/New_York`},
		},
		{
			name: "credential inner whitespace",
			env:  with(map[string]string{"NETSUITE_CONSUMER_SECRET": "abc def", "NETSUITE_TOKEN_ID": "ti\tx"}),
			want: []string{
				"NETSUITE_CONSUMER_SECRET: the consumer secret has a space at character 4; copy it again as one unbroken string (a paste can bring a line break or a space with it)",
				"NETSUITE_TOKEN_ID: the token ID has a tab at character 3; copy it again as one unbroken string (a paste can bring a line break or a space with it)",
			},
		},
		{
			name: "ignore read-only",
			env:  with(map[string]string{"NETSUITE_IGNORE_READONLY": "sometimes"}),
			want: []string{`NETSUITE_IGNORE_READONLY: "sometimes" is not a yes/no value; use yes or no (also accepted: y/n, true/false, 1/0, on/off)`},
		},
		{
			name:  "base URL",
			env:   validEnv,
			flags: Flags{BaseURL: "http://127.0.0.1:8080/?x=1"},
			want:  []string{`--base-url: "http://127.0.0.1:8080/?x=1" has a query; remove it: the base URL is a scheme, a host and an optional path`},
		},
		{
			name:  "concurrency",
			env:   validEnv,
			flags: Flags{Concurrency: "1001"},
			want:  []string{"--concurrency: 1001 is out of range; use the account's concurrency limit, 1 to 1000 (" + gov + ")"},
		},
		{
			name:  "profile values",
			env:   with(map[string]string{"NETSUITE_TIMEZONE": ""}),
			flags: Flags{Profile: "sandbox"},
			file:  path,
			want: []string{
				`profile "sandbox" (` + path + `): timezone: unknown time zone "PST"; did you mean America/Los_Angeles?`,
				`profile "sandbox" (` + path + `): concurrency: "lots" is not a whole number; use the account's concurrency limit, 1 to 1000 (` + gov + ")",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Load(Options{Flags: tt.flags, LookupEnv: envOf(tt.env), File: tt.file})
			if diff := cmp.Diff(tt.want, connErrors(err)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Errorf("no *FieldError in %v", err)
			}
		})
	}
}

func TestLoadTimezone(t *testing.T) {
	t.Parallel()
	const legacy = "is a legacy time zone with no region, which does not follow the account's daylight saving rules; use an IANA name such as "
	const where = "use the time zone shown at Setup > Company > Company Information, such as (GMT-08:00) Pacific Time (US & Canada), or its IANA name, such as America/Los_Angeles"
	tests := []struct {
		name string
		want string // the error; "" for none
	}{
		{"America/Los_Angeles", ""},
		{"Europe/London", ""},
		{"UTC", ""},
		{"Etc/UTC", ""},
		{"Asia/Kolkata", ""},
		{"Local", `"Local" is this computer's time zone, not the NetSuite account's; use the IANA name of the account's time zone, such as America/Los_Angeles`},
		{"PST", `unknown time zone "PST"; did you mean America/Los_Angeles?`},
		{"PDT", `unknown time zone "PDT"; did you mean America/Los_Angeles?`},
		{"PST8PDT", `"PST8PDT" ` + legacy + "America/Los_Angeles"},
		{"EST", `"EST" ` + legacy + "America/New_York"},
		{"EDT", `unknown time zone "EDT"; did you mean America/New_York?`},
		{"EST5EDT", `"EST5EDT" ` + legacy + "America/New_York"},
		{"CST", `unknown time zone "CST"; did you mean America/Chicago?`},
		{"CST6CDT", `"CST6CDT" ` + legacy + "America/Chicago"},
		{"MST", `"MST" ` + legacy + "America/Denver"},
		{"MST7MDT", `"MST7MDT" ` + legacy + "America/Denver"},
		{"HST", `"HST" ` + legacy + "Pacific/Honolulu"},
		{"CET", `"CET" ` + legacy + "Europe/Paris"},
		{"CEST", `unknown time zone "CEST"; did you mean Europe/Paris?`},
		{"MET", `"MET" ` + legacy + "Europe/Paris"},
		{"EET", `"EET" ` + legacy + "Europe/Athens"},
		{"WET", `"WET" ` + legacy + "Europe/Lisbon"},
		{"BST", `unknown time zone "BST"; did you mean Europe/London?`},
		{"IST", `unknown time zone "IST"; did you mean Asia/Kolkata?`},
		{"AEST", `unknown time zone "AEST"; did you mean Australia/Sydney?`},
		{"JST", `unknown time zone "JST"; did you mean Asia/Tokyo?`},
		{"pst", `unknown time zone "pst"; did you mean America/Los_Angeles?`},
		{"Etc/GMT+8", `"Etc/GMT+8" ` + legacy + "America/Los_Angeles"},
		{"america/new_york", `unknown time zone "america/new_york"; did you mean America/New_York?`},
		{"utc", `unknown time zone "utc"; did you mean UTC?`},
		{" Europe/Paris", `" Europe/Paris" has spaces around it; use Europe/Paris`},
		{"Mars/Olympus_Mons", `unknown time zone "Mars/Olympus_Mons"; ` + where},
		{"", "the time zone is empty; " + where},
		// NetSuite's own list: its labels, and the Olson names behind them,
		// even those with no region (NetSuite offers them).
		{"GMT", ""},
		{"Etc/GMT+12", ""},
		{"Pacific", `unknown time zone "Pacific"; did you mean America/Los_Angeles ((GMT-08:00) Pacific Time (US & Canada))?`},
		{"Central", `unknown time zone "Central"; did you mean America/Chicago ((GMT-06:00) Central Time (US & Canada)), America/Guatemala ((GMT-06:00) Central America, Chihuahua) or Etc/GMT-1 ((GMT+01:00) West Central Africa)?`},
		{"(GMT-08:00) Pacific Time (US and Canada); Tijuana", `unknown time zone "(GMT-08:00) Pacific Time (US and Canada); Tijuana"; did you mean America/Los_Angeles ((GMT-08:00) Pacific Time (US & Canada))?`},
		{"London", `unknown time zone "London"; did you mean Europe/London ((GMT) Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London)?`},
		{"America/Los_Angelos", `unknown time zone "America/Los_Angelos"; did you mean America/Los_Angeles?`},
		{"Time", `unknown time zone "Time"; ` + where},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			loc, err := LoadTimezone(tt.name)
			got := ""
			if err != nil {
				got = err.Error()
			} else if loc.String() != tt.name {
				t.Errorf("location = %q", loc)
			}
			if got != tt.want {
				t.Errorf("error:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

// NetSuite's labels, as Setup > Company > Company Information shows them,
// load as the IANA zone behind them, however they are spaced or spelled
// (& or and), with or without the offset.
func TestLoadTimezoneLabels(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"(GMT-08:00) Pacific Time (US & Canada)", "America/Los_Angeles"},
		{"(gmt-08:00)  pacific time (us and canada)", "America/Los_Angeles"},
		{"Pacific Time (US & Canada)", "America/Los_Angeles"},
		{"(GMT-12:00) International Date Line West", "Etc/GMT+12"},
		{"(GMT-05:00) Eastern Time (US & Canada)", "America/New_York"},
		{"(GMT) Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London", "Europe/London"},
		{"(GMT+05:30) Chennai, Kolkata, Mumbai, New Delhi", "Asia/Calcutta"},
		{"(GMT+10:00) Canberra, Melbourne, Sydney", "Australia/Sydney"},
		{"(GMT-07:00) La Paz, Hermosillo", "America/Hermosillo"},
		{"(GMT-04:00) La Paz", "America/La_Paz"},
		{"Hawaii", "Pacific/Honolulu"},
	}
	for _, tt := range tests {
		loc, err := LoadTimezone(tt.in)
		if err != nil || loc.String() != tt.want {
			t.Errorf("LoadTimezone(%q) = %v, %v; want %s", tt.in, loc, err, tt.want)
		}
	}
}

// Every entry of NetSuite's list loads from the embedded tz database, is
// found by its label and its Olson name, and no two entries share a label.
func TestNetSuiteZones(t *testing.T) {
	t.Parallel()
	labels := map[string]string{}
	for _, z := range netsuiteZones {
		if other, dup := labels[labelKey(z.label)]; dup {
			t.Errorf("%q is the label of %s and %s", z.label, other, z.olson)
		}
		labels[labelKey(z.label)] = z.olson
		if _, _, ok := splitLabel(z.label); !ok {
			t.Errorf("%q is not of the form (GMT±hh:mm) places", z.label)
		}
		for _, in := range []string{z.label, z.olson} {
			loc, err := LoadTimezone(in)
			if err != nil || loc.String() != z.olson {
				t.Errorf("LoadTimezone(%q) = %v, %v; want %s", in, loc, err, z.olson)
			}
		}
	}
}

func TestTimezoneIsDSTCorrect(t *testing.T) {
	t.Parallel()
	// The embedded tz database makes this work on machines without one.
	loc, err := LoadTimezone("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	winter := time.Date(2026, 1, 15, 12, 0, 0, 0, loc)
	summer := time.Date(2026, 7, 15, 12, 0, 0, 0, loc)
	_, w := winter.Zone()
	_, s := summer.Zone()
	if w != -8*3600 || s != -7*3600 {
		t.Errorf("offsets = %d, %d; want -8h, -7h", w, s)
	}
}

func TestParseBool(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"true", "TRUE", "1", "yes", "Yes", "y", "Y", "on", "ON"} {
		if b, err := ParseBool(s); err != nil || !b {
			t.Errorf("ParseBool(%q) = %v, %v", s, b, err)
		}
	}
	for _, s := range []string{"false", "False", "0", "no", "NO", "n", "N", "off", "Off"} {
		if b, err := ParseBool(s); err != nil || b {
			t.Errorf("ParseBool(%q) = %v, %v", s, b, err)
		}
	}
	for _, s := range []string{"", "ye", "2", "enabled"} {
		if _, err := ParseBool(s); err == nil {
			t.Errorf("ParseBool(%q): no error", s)
		}
	}
}

func TestParseBaseURL(t *testing.T) {
	t.Parallel()
	const abs = ` is not an absolute http or https URL; use one such as http://127.0.0.1:8080 for the emulator`
	tests := []struct {
		in, want, err string
	}{
		{in: "http://127.0.0.1:8080", want: "http://127.0.0.1:8080"},
		{in: "https://proxy.example/netsuite/", want: "https://proxy.example/netsuite"},
		{in: "ftp://example.com", err: `"ftp://example.com"` + abs},
		{in: "127.0.0.1:8080", err: `"127.0.0.1:8080"` + abs},
		{in: "/services/rest", err: `"/services/rest"` + abs},
		{in: "http://", err: `"http://"` + abs},
		{in: "http://h/#top", err: `"http://h/#top" has a fragment; remove it: the base URL is a scheme, a host and an optional path`},
		{in: "http://h/?", err: `"http://h/?" has a query; remove it: the base URL is a scheme, a host and an optional path`},
		{in: "http://user:hunter2@h/", err: `"http://h/" has a user name or password in it; remove it (nsconnect signs requests with the TBA credentials)`},
		{in: "http://[::1", err: `not a valid URL (missing ']' in host); use an absolute http or https URL, such as http://127.0.0.1:8080 for the emulator`},
	}
	for _, tt := range tests {
		u, err := ParseBaseURL(tt.in)
		switch {
		case tt.err != "":
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseBaseURL(%q) error:\n got %v\nwant %s", tt.in, err, tt.err)
			}
		case err != nil:
			t.Errorf("ParseBaseURL(%q): %v", tt.in, err)
		case u.String() != tt.want:
			t.Errorf("ParseBaseURL(%q) = %q, want %q", tt.in, u, tt.want)
		}
	}
}

func TestParseConcurrency(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]int{"1": 1, "5": 5, "1000": 1000, " 20 ": 20} {
		if n, err := ParseConcurrency(s); err != nil || n != want {
			t.Errorf("ParseConcurrency(%q) = %d, %v", s, n, err)
		}
	}
	for _, s := range []string{"0", "-1", "1001", "5.5", "five", ""} {
		if _, err := ParseConcurrency(s); err == nil {
			t.Errorf("ParseConcurrency(%q): no error", s)
		}
	}
}

func TestConnection(t *testing.T) {
	t.Parallel()
	c, err := Load(Options{
		Flags:     Flags{AccountID: "1234567-sb1", BaseURL: "http://127.0.0.1:9/", Concurrency: "15", IgnoreReadOnly: "true"},
		LookupEnv: envOf(with(map[string]string{"NETSUITE_CONSUMER_KEY": "  ck-env-0123456789\t"})),
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{
		"account":  c.Account.String(),
		"key":      c.Credentials.ConsumerKey,
		"secret":   c.Credentials.ConsumerSecret.Reveal(),
		"tokenID":  c.Credentials.TokenID,
		"tokenSec": c.Credentials.TokenSecret.Reveal(),
		"tz":       c.Timezone.String(),
		"base":     c.BaseURL.String(),
	}
	want := map[string]string{
		"account":  "1234567_SB1",
		"key":      "ck-env-0123456789",
		"secret":   "cs-env",
		"tokenID":  "ti-env-0123456789",
		"tokenSec": "ts-env",
		"tz":       "America/New_York",
		"base":     "http://127.0.0.1:9",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !c.IgnoreReadOnly || c.Concurrency != 15 {
		t.Errorf("IgnoreReadOnly=%v Concurrency=%d", c.IgnoreReadOnly, c.Concurrency)
	}
	wantString := "account_id=1234567_SB1 consumer_key=ck-e…6789 consumer_secret=[REDACTED] token_id=ti-e…6789 token_secret=[REDACTED] timezone=America/New_York ignore_readonly=true base_url=http://127.0.0.1:9 concurrency=15"
	if got := c.String(); got != wantString {
		t.Errorf("String:\n got %s\nwant %s", got, wantString)
	}
	wantProfile := Profile{
		AccountID: "1234567_SB1", ConsumerKey: "ck-env-0123456789", ConsumerSecret: "cs-env",
		TokenID: "ti-env-0123456789", TokenSecret: "ts-env", Timezone: "America/New_York",
		IgnoreReadOnly: "true", BaseURL: "http://127.0.0.1:9", Concurrency: "15",
	}
	if diff := cmp.Diff(wantProfile, c.Profile()); diff != "" {
		t.Errorf("Profile (-want +got):\n%s", diff)
	}
}

func TestMask(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"":             "",
		"short":        "[REDACTED]",
		"elevenchars":  "[REDACTED]",
		"twelve-chars": "twel…hars",
		"ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4": "ef40…67e4",
	}
	for in, want := range tests {
		if got := Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCheckCredentialFormat(t *testing.T) {
	t.Parallel()
	const key = "ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4" // Oracle's example consumer key
	const consumer = "(NetSuite shows the consumer key and secret once, when the integration record is saved (Setup > Integration > Manage Integrations))"
	const token = "(NetSuite shows the token ID and secret once, when the access token is created (Setup > Users/Roles > Access Tokens))"
	tests := []struct {
		f    Field
		in   string
		want string
	}{
		{FieldConsumerKey, key, ""},
		{FieldTokenSecret, strings.ToUpper(key), ""},
		{FieldConsumerKey, "abc", "the consumer key is 3 characters long; NetSuite's are 64 characters, 0-9 and a-f: copy all of it again, or it was cut: a paste broken over two lines gives a short value " + consumer},
		{FieldTokenID, key + "00", "the token ID is 66 characters long; NetSuite's are 64 characters, 0-9 and a-f: copy all of it again " + token},
		{FieldConsumerSecret, key[:10] + "g" + key[11:], "the consumer secret has a character that is not a hexadecimal digit at character 11; NetSuite's are 64 characters, 0-9 and a-f: copy it again " + consumer},
		{FieldTokenSecret, key[:32] + "\n" + key[32:], "the token secret has a line break at character 33; copy it again as one unbroken string (a paste can bring a line break or a space with it)"},
		{FieldTokenID, key[:5] + "\u00a0" + key[5:], "the token ID has a non-breaking space at character 6; copy it again as one unbroken string (a paste can bring a line break or a space with it)"},
	}
	for _, tt := range tests {
		got := ""
		if err := CheckCredentialFormat(tt.f, tt.in); err != nil {
			got = err.Error()
			if strings.Contains(got, key[:8]) || strings.Contains(got, strings.ToUpper(key[:8])) {
				t.Errorf("the message shows the value: %s", got)
			}
		}
		if got != tt.want {
			t.Errorf("CheckCredentialFormat(%s, %q):\n got %s\nwant %s", tt.f, tt.in, got, tt.want)
		}
	}
}

func TestCheckValue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		f    Field
		in   string
		want string
	}{
		{FieldAccountID, "1234567_sb1", ""},
		{FieldAccountID, "", "a value is required"},
		{FieldConsumerKey, "abc", ""},
		{FieldTokenSecret, "a b", "the token secret has a space at character 2; copy it again as one unbroken string (a paste can bring a line break or a space with it)"},
		{FieldTokenSecret, "a\x00b", "the token secret has a control character at character 2; copy it again from NetSuite"},
		{FieldTimezone, "Europe/Berlin", ""},
		{FieldIgnoreReadOnly, "yes", ""},
		{FieldBaseURL, "http://localhost:1", ""},
		{FieldConcurrency, "25", ""},
	}
	for _, tt := range tests {
		got := ""
		if err := CheckValue(tt.f, tt.in); err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("CheckValue(%s, %q) = %q, want %q", tt.f, tt.in, got, tt.want)
		}
	}
}

func TestBaseURLWithServicesRest(t *testing.T) {
	t.Parallel()
	_, err := ParseBaseURL("http://127.0.0.1:8080/services/rest/")
	if err == nil || !strings.Contains(err.Error(), "ends in /services/rest; leave that out") {
		t.Errorf("got %v", err)
	}
}

// The credentials' form is checked for NetSuite's own host only, and each
// problem names where the value was set.
func TestCheckCredentialFormats(t *testing.T) {
	t.Parallel()
	const hex = "ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4"
	tests := []struct {
		name    string
		baseURL string
		key     string
		want    string // "" for no error
	}{
		{"NetSuite, good", "", hex, ""},
		{"NetSuite by default", "", "abc", `profile "p" (f.yaml): consumer_key: the consumer key is 3 characters long`},
		{"NetSuite named", "https://1234567.suitetalk.api.netsuite.com", "abc", `profile "p" (f.yaml): consumer_key: the consumer key is 3 characters long`},
		{"the emulator", "http://127.0.0.1:8080", "abc", ""},
	}
	for _, tt := range tests {
		p := Profile{AccountID: "1234567", ConsumerKey: tt.key, ConsumerSecret: hex, TokenID: hex, TokenSecret: hex, Timezone: "UTC", BaseURL: tt.baseURL}
		s := ResolveProfile("f.yaml", "p", p, Flags{})
		err := s.CheckCredentialFormats()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.want)):
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}

// ResolveProfile gives a profile's settings under flags, with no
// environment: what Resolve gives once the profile is saved.
func TestResolveProfile(t *testing.T) {
	t.Parallel()
	p := Profile{AccountID: "1234567_SB1", Timezone: "UTC", IgnoreReadOnly: "false", BaseURL: "http://127.0.0.1:9"}
	s := ResolveProfile("f.yaml", "emu", p, Flags{Concurrency: "9", IgnoreReadOnly: "true"})
	for f, want := range map[Field]string{FieldAccountID: "1234567_SB1", FieldConcurrency: "9", FieldIgnoreReadOnly: "true", FieldBaseURL: "http://127.0.0.1:9"} {
		if v := s.Value(f); v.Reveal() != want {
			t.Errorf("%s = %q from %s, want %q", f, v.Reveal(), v.Source, want)
		}
	}
	if src := s.Value(FieldConcurrency).Source.String(); src != "--concurrency" {
		t.Errorf("concurrency from %s", src)
	}
	if src := s.Value(FieldTimezone).Source.String(); src != `profile "emu" (f.yaml): timezone` {
		t.Errorf("timezone from %s", src)
	}
}
