package nstime

import (
	"testing"
	"time"
	_ "time/tzdata" // the tests need the same zones on every machine
)

// load returns the named IANA zone or stops the test.
func load(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("time.LoadLocation(%q): %v", name, err)
	}
	return loc
}

// utc parses an RFC 3339 instant or stops the test.
func utc(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
