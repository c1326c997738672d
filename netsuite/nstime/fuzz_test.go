package nstime

import (
	"errors"
	"testing"
	"time"
)

// FuzzParseDateTime checks that ParseDateTime and ParseDateTimeStrict never
// panic, agree with each other, keep the wall time they were given, and
// that what FormatDateTime writes parses back to the same instant.
func FuzzParseDateTime(f *testing.F) {
	zones := []string{
		"UTC", "America/Los_Angeles", "Australia/Sydney", "America/Santiago", "Australia/Lord_Howe",
		"Asia/Kathmandu", "Pacific/Apia", "America/Havana", "Asia/Beirut", "Europe/London",
	}
	locs := make([]*time.Location, len(zones))
	for i, z := range zones {
		locs[i] = load(f, z)
	}
	for _, s := range []string{
		"2026-03-08T02:30", "2026-11-01T01:30:00", "2026-04-05 02:30", "2026-10-04T02:00:00.5",
		"2026-03-08T10:30:00Z", "2026-03-08T10:30-08:00", "2026-03-08 10:30:00.123456789+05:45",
		"2026-03-08", "2026-09-06", "2011-12-30T12:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999-23:59",
		"1800-01-01T12:00", "3/8/2026", "2026-02-29", "", "2026-03-08T24:00", "2026-03-08t10:30z",
	} {
		for i := range zones {
			f.Add(s, uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, s string, zone uint8) {
		loc := locs[int(zone)%len(locs)]
		got, err := ParseDateTime(s, loc)
		strict, strictErr := ParseDateTimeStrict(s, loc)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("ParseDateTime(%q, %v) error %T %v; want a *ParseError", s, loc, err, err)
			}
			if !errors.As(strictErr, &pe) {
				t.Fatalf("ParseDateTime(%q, %v) = %v but ParseDateTimeStrict = %v, %v", s, loc, err, strict, strictErr)
			}
			return
		}
		if got.Location() != loc {
			t.Fatalf("ParseDateTime(%q, %v) is in %v", s, loc, got.Location())
		}

		// What FormatDateTime writes parses back to the same instant, in
		// both modes (it carries an offset).
		shown := FormatDateTime(got, loc)
		for name, parse := range map[string]func(string, *time.Location) (time.Time, error){
			"ParseDateTime": ParseDateTime, "ParseDateTimeStrict": ParseDateTimeStrict,
		} {
			back, err := parse(shown, loc)
			if err != nil || !back.Equal(got) {
				t.Fatalf("ParseDateTime(%q, %v) = %s; %s of it = %v, %v", s, loc, shown, name, back, err)
			}
		}
		// So does the wire form, to the second.
		wire := FormatUTC(got)
		if back, err := ParseDateTime(wire, loc); err != nil || !back.Equal(got.Truncate(time.Second)) {
			t.Fatalf("FormatUTC(%v) = %s; ParseDateTime of it = %v, %v", got, wire, back, err)
		}

		// The strict mode refuses only what the lenient mode had to guess,
		// and the guess is the one documented.
		var ae *AmbiguousTimeError
		var ne *NonexistentTimeError
		switch {
		case strictErr == nil:
			if !strict.Equal(got) {
				t.Fatalf("%q in %v: strict %v, lenient %v", s, loc, strict, got)
			}
		case errors.As(strictErr, &ae):
			if !ae.Earlier.Equal(got) || !ae.Earlier.Before(ae.Later) {
				t.Fatalf("%q in %v: lenient %v; ambiguous between %v and %v", s, loc, got, ae.Earlier, ae.Later)
			}
		case errors.As(strictErr, &ne):
			if !ne.Shifted.Equal(got) || ne.Gap <= 0 || got.Before(ne.Transition) || !got.Before(ne.Transition.Add(ne.Gap)) {
				t.Fatalf("%q in %v: lenient %v; gap of %v at %v, shifted %v", s, loc, got, ne.Gap, ne.Transition, ne.Shifted)
			}
		default:
			t.Fatalf("%q in %v: lenient %v; strict error %T %v", s, loc, got, strictErr, strictErr)
		}

		// A wall time without an offset that the strict mode accepts is
		// shown unchanged by the clocks of loc.
		p, _ := parseDateTime(s)
		if strictErr == nil && !p.hasOffset && !p.dateOnly {
			y, mo, d := got.Date()
			h, mi, sec := got.Clock()
			if w := time.Date(y, mo, d, h, mi, sec, got.Nanosecond(), time.UTC); !w.Equal(p.wall) {
				t.Fatalf("%q in %v = %v, whose wall clock is %v", s, loc, got, w)
			}
		}
	})
}
