package config

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzParseProfiles checks that the profile-file parser never panics, and
// that a file it accepts encodes (File.Marshal) to YAML that parses back to
// the same profiles.
func FuzzParseProfiles(f *testing.F) {
	for _, seed := range []string{
		twoProfiles,
		"",
		"profiles:\n  a:\n",
		"default_profile: a\nprofiles:\n  a: {account_id: \"1\", ignore_readonly: true, concurrency: 5}\n",
		"profiles:\n  a:\n    timezone: &tz UTC\n  b:\n    timezone: *tz\n",
		"profiles:\n  \"true\":\n    consumer_secret: \"~\"\n    token_secret: 'null'\n    base_url: \"http://x/#\"\n",
		"profiles:\n  a:\n    token_secret: \"a: b # c\"\n    consumer_secret: \"  padded  \"\n    account_id: 0x1F\n",
		"profiles:\n  a:\n    consumer_key: |\n      literal\n",
		"profiles:\n  a:\n    timzone: x\n",
		"profiles:\n  1.5: {}\n  2: {}\n  yes: {}\n",
		"- list\n",
		"profiles: !!binary aGVsbG8=\n",
		"profiles:\n  a:\n    account_id: !!binary aGVsbG8=\n",
		"profiles:\n  a:\n    <<: {account_id: 1}\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := ParseProfiles(data)
		if err != nil {
			return
		}
		out, err := file.Marshal()
		if err != nil {
			t.Fatalf("Marshal of a parsed file: %v\ninput:\n%s", err, data)
		}
		again, err := ParseProfiles(out)
		if err != nil {
			t.Fatalf("re-parsing the encoded file: %v\ninput:\n%s\nencoded:\n%s", err, data, out)
		}
		if !cmp.Equal(file, again) {
			t.Fatalf("round trip changed the profiles (-parsed +re-parsed):\n%s\ninput:\n%s\nencoded:\n%s", cmp.Diff(file, again), data, out)
		}
	})
}

// FuzzLoadTimezone checks that reading a time zone, an IANA name or one of
// NetSuite's labels, never panics, that what it accepts is a zone that
// loads by its name (what the profile file keeps), and that a refusal never
// comes without a fix.
func FuzzLoadTimezone(f *testing.F) {
	for _, seed := range []string{
		"America/Los_Angeles", "(GMT-08:00) Pacific Time (US & Canada)", "Pacific Time (US and Canada)",
		"PST", "Pacific", "(GMT", "(GMT-08:00", "(UTC+01:00) Paris", "GMT", "Etc/GMT+8", "Local", " UTC", "",
		"america/new_york", "(GMT) Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London", "&&&", "((GMT))",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, name string) {
		loc, err := LoadTimezone(name)
		if err != nil {
			if msg := err.Error(); !strings.Contains(msg, "use ") && !strings.Contains(msg, "did you mean") {
				t.Fatalf("LoadTimezone(%q): %q says no fix", name, msg)
			}
			return
		}
		again, err := LoadTimezone(loc.String())
		if err != nil || again.String() != loc.String() {
			t.Fatalf("LoadTimezone(%q) = %s, which does not load again: %v", name, loc, err)
		}
	})
}
