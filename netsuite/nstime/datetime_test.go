package nstime

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// Transitions used throughout (tzdata):
//   America/Los_Angeles 2026-03-08 02:00 PST -> 03:00 PDT (gap), 2026-11-01 02:00 PDT -> 01:00 PST (overlap 01:00-02:00)
//   Australia/Sydney    2026-04-05 03:00 AEDT -> 02:00 AEST (overlap 02:00-03:00), 2026-10-04 02:00 AEST -> 03:00 AEDT (gap)

func TestParseDateTime(t *testing.T) {
	t.Parallel()
	tests := []struct {
		zone, in string
		want     string // FormatDateTime of the result in zone: wall clock and offset
	}{
		// Offsets and Z are taken as is, and the result is shown in zone.
		{"America/Los_Angeles", "2026-03-08T10:30:00Z", "2026-03-08T03:30:00-07:00"},
		{"America/Los_Angeles", "2026-03-08T10:30:00+00:00", "2026-03-08T03:30:00-07:00"},
		{"America/Los_Angeles", "2026-03-08T10:30:00-00:00", "2026-03-08T03:30:00-07:00"},
		{"America/Los_Angeles", "2026-03-08T11:30:00+01:00", "2026-03-08T03:30:00-07:00"},
		{"America/Los_Angeles", "2026-03-08T16:00:00+05:30", "2026-03-08T03:30:00-07:00"},
		{"America/Los_Angeles", "2026-03-08T02:30:00-08:00", "2026-03-08T03:30:00-07:00"}, // an offset makes a gap time exact
		{"America/Los_Angeles", "2026-11-01T01:30:00-08:00", "2026-11-01T01:30:00-08:00"}, // the second 01:30, by offset
		{"America/Los_Angeles", "2026-11-01T01:30:00-07:00", "2026-11-01T01:30:00-07:00"},
		{"UTC", "2026-03-08T10:30:00.250Z", "2026-03-08T10:30:00.25Z"},
		{"UTC", "2026-03-08T10:30:00.123456789Z", "2026-03-08T10:30:00.123456789Z"},
		{"UTC", "2026-03-08t10:30:00z", "2026-03-08T10:30:00Z"},
		{"UTC", "  2026-03-08T10:30:00Z\n", "2026-03-08T10:30:00Z"},
		// Without seconds, with a space, or both.
		{"UTC", "2026-03-08T10:30Z", "2026-03-08T10:30:00Z"},
		{"UTC", "2026-03-08T10:30-08:00", "2026-03-08T18:30:00Z"},
		{"UTC", "2026-03-08 10:30:00Z", "2026-03-08T10:30:00Z"},
		{"UTC", "2026-03-08 10:30+02:00", "2026-03-08T08:30:00Z"},
		// No offset: wall time in zone.
		{"America/Los_Angeles", "2026-07-04T12:00:00", "2026-07-04T12:00:00-07:00"},
		{"America/Los_Angeles", "2026-01-15 09:05", "2026-01-15T09:05:00-08:00"},
		{"America/Los_Angeles", "2026-01-15T09:05:07.5", "2026-01-15T09:05:07.5-08:00"},
		{"Asia/Kolkata", "2026-01-15T09:05", "2026-01-15T09:05:00+05:30"},
		// A bare date: the start of the day.
		{"America/Los_Angeles", "2026-03-08", "2026-03-08T00:00:00-08:00"},
		{"Australia/Sydney", "2026-10-04", "2026-10-04T00:00:00+10:00"},
		{"America/Santiago", "2026-09-06", "2026-09-06T01:00:00-03:00"}, // clocks jump from 00:00 to 01:00
		{"America/Havana", "2026-11-01", "2026-11-01T00:00:00-04:00"},   // midnight happens twice: the first

		// America/Los_Angeles spring forward, 2026-03-08: 02:00-03:00 never happened.
		{"America/Los_Angeles", "2026-03-08T01:59:59", "2026-03-08T01:59:59-08:00"},
		{"America/Los_Angeles", "2026-03-08T02:00", "2026-03-08T03:00:00-07:00"},
		{"America/Los_Angeles", "2026-03-08T02:30", "2026-03-08T03:30:00-07:00"},
		{"America/Los_Angeles", "2026-03-08T02:59:59", "2026-03-08T03:59:59-07:00"},
		{"America/Los_Angeles", "2026-03-08T03:00", "2026-03-08T03:00:00-07:00"},
		// America/Los_Angeles fall back, 2026-11-01: 01:00-02:00 happened twice; the first (PDT).
		{"America/Los_Angeles", "2026-11-01T00:59:59", "2026-11-01T00:59:59-07:00"},
		{"America/Los_Angeles", "2026-11-01T01:00", "2026-11-01T01:00:00-07:00"},
		{"America/Los_Angeles", "2026-11-01T01:30", "2026-11-01T01:30:00-07:00"},
		{"America/Los_Angeles", "2026-11-01T01:59:59.999", "2026-11-01T01:59:59.999-07:00"},
		{"America/Los_Angeles", "2026-11-01T02:00", "2026-11-01T02:00:00-08:00"},
		// Australia/Sydney fall back, 2026-04-05: 02:00-03:00 happened twice; the first (AEDT).
		{"Australia/Sydney", "2026-04-05T01:59:59", "2026-04-05T01:59:59+11:00"},
		{"Australia/Sydney", "2026-04-05T02:00", "2026-04-05T02:00:00+11:00"},
		{"Australia/Sydney", "2026-04-05T02:30", "2026-04-05T02:30:00+11:00"},
		{"Australia/Sydney", "2026-04-05T02:59:59", "2026-04-05T02:59:59+11:00"},
		{"Australia/Sydney", "2026-04-05T03:00", "2026-04-05T03:00:00+10:00"},
		// Australia/Sydney spring forward, 2026-10-04: 02:00-03:00 never happened.
		{"Australia/Sydney", "2026-10-04T01:59:59", "2026-10-04T01:59:59+10:00"},
		{"Australia/Sydney", "2026-10-04T02:00", "2026-10-04T03:00:00+11:00"},
		{"Australia/Sydney", "2026-10-04T02:30", "2026-10-04T03:30:00+11:00"},
		{"Australia/Sydney", "2026-10-04T03:00", "2026-10-04T03:00:00+11:00"},
		// A 30-minute change (Lord Howe Island) and a whole skipped day (Samoa, 2011).
		{"Australia/Lord_Howe", "2026-10-04T02:15", "2026-10-04T02:45:00+11:00"},
		{"Australia/Lord_Howe", "2026-04-05T01:45", "2026-04-05T01:45:00+11:00"},
		{"Pacific/Apia", "2011-12-30T12:00", "2011-12-31T12:00:00+14:00"},
	}
	for _, tt := range tests {
		t.Run(tt.zone+"/"+tt.in, func(t *testing.T) {
			t.Parallel()
			loc := load(t, tt.zone)
			got, err := ParseDateTime(tt.in, loc)
			if err != nil {
				t.Fatalf("ParseDateTime(%q): %v", tt.in, err)
			}
			if got.Location() != loc {
				t.Errorf("ParseDateTime(%q) is in %v; want %v", tt.in, got.Location(), loc)
			}
			if s := FormatDateTime(got, loc); s != tt.want {
				t.Errorf("ParseDateTime(%q) = %s; want %s", tt.in, s, tt.want)
			}
		})
	}
}

func TestParseDateTimeStrict(t *testing.T) {
	t.Parallel()
	type ambiguous struct{ Earlier, Later string }
	type nonexistent struct {
		Transition string
		Gap        time.Duration
		Shifted    string
	}
	tests := []struct {
		zone, in string
		want     string // FormatDateTime, when accepted
		amb      *ambiguous
		non      *nonexistent
	}{
		{zone: "America/Los_Angeles", in: "2026-03-08T01:59:59", want: "2026-03-08T01:59:59-08:00"},
		{zone: "America/Los_Angeles", in: "2026-03-08T02:00", non: &nonexistent{"2026-03-08T10:00:00Z", time.Hour, "2026-03-08T03:00:00-07:00"}},
		{zone: "America/Los_Angeles", in: "2026-03-08T02:30", non: &nonexistent{"2026-03-08T10:00:00Z", time.Hour, "2026-03-08T03:30:00-07:00"}},
		{zone: "America/Los_Angeles", in: "2026-03-08T03:00", want: "2026-03-08T03:00:00-07:00"},
		{zone: "America/Los_Angeles", in: "2026-03-08T02:30:00-08:00", want: "2026-03-08T03:30:00-07:00"},
		{zone: "America/Los_Angeles", in: "2026-11-01T00:59:59", want: "2026-11-01T00:59:59-07:00"},
		{zone: "America/Los_Angeles", in: "2026-11-01T01:00", amb: &ambiguous{"2026-11-01T01:00:00-07:00", "2026-11-01T01:00:00-08:00"}},
		{zone: "America/Los_Angeles", in: "2026-11-01T01:30", amb: &ambiguous{"2026-11-01T01:30:00-07:00", "2026-11-01T01:30:00-08:00"}},
		{zone: "America/Los_Angeles", in: "2026-11-01T02:00", want: "2026-11-01T02:00:00-08:00"},
		{zone: "America/Los_Angeles", in: "2026-11-01T01:30-08:00", want: "2026-11-01T01:30:00-08:00"},
		{zone: "America/Los_Angeles", in: "2026-11-01", want: "2026-11-01T00:00:00-07:00"},
		{zone: "Australia/Sydney", in: "2026-04-05T01:59", want: "2026-04-05T01:59:00+11:00"},
		{zone: "Australia/Sydney", in: "2026-04-05T02:30", amb: &ambiguous{"2026-04-05T02:30:00+11:00", "2026-04-05T02:30:00+10:00"}},
		{zone: "Australia/Sydney", in: "2026-04-05T03:00", want: "2026-04-05T03:00:00+10:00"},
		{zone: "Australia/Sydney", in: "2026-10-04T01:59", want: "2026-10-04T01:59:00+10:00"},
		{zone: "Australia/Sydney", in: "2026-10-04T02:30", non: &nonexistent{"2026-10-03T16:00:00Z", time.Hour, "2026-10-04T03:30:00+11:00"}},
		{zone: "Australia/Sydney", in: "2026-10-04T03:00", want: "2026-10-04T03:00:00+11:00"},
		{zone: "America/Santiago", in: "2026-09-06T00:30", non: &nonexistent{"2026-09-06T04:00:00Z", time.Hour, "2026-09-06T01:30:00-03:00"}},
		{zone: "America/Santiago", in: "2026-09-06", want: "2026-09-06T01:00:00-03:00"}, // a bare date is never refused
		{zone: "Pacific/Apia", in: "2011-12-30T12:00", non: &nonexistent{"2011-12-30T10:00:00Z", 24 * time.Hour, "2011-12-31T12:00:00+14:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.zone+"/"+tt.in, func(t *testing.T) {
			t.Parallel()
			loc := load(t, tt.zone)
			got, err := ParseDateTimeStrict(tt.in, loc)
			var ae *AmbiguousTimeError
			var ne *NonexistentTimeError
			switch {
			case tt.amb != nil:
				if !errors.As(err, &ae) {
					t.Fatalf("ParseDateTimeStrict(%q) = %v, %v; want an *AmbiguousTimeError", tt.in, got, err)
				}
				gotAmb := &ambiguous{FormatDateTime(ae.Earlier, loc), FormatDateTime(ae.Later, loc)}
				if diff := cmp.Diff(tt.amb, gotAmb); diff != "" {
					t.Errorf("candidates (-want +got):\n%s", diff)
				}
				if ae.Value != tt.in || ae.Location != loc {
					t.Errorf("Value, Location = %q, %v; want %q, %v", ae.Value, ae.Location, tt.in, loc)
				}
				lenient, _ := ParseDateTime(tt.in, loc)
				if !lenient.Equal(ae.Earlier) {
					t.Errorf("ParseDateTime = %v; want the earlier candidate %v", lenient, ae.Earlier)
				}
			case tt.non != nil:
				if !errors.As(err, &ne) {
					t.Fatalf("ParseDateTimeStrict(%q) = %v, %v; want a *NonexistentTimeError", tt.in, got, err)
				}
				gotNon := &nonexistent{FormatUTC(ne.Transition), ne.Gap, FormatDateTime(ne.Shifted, loc)}
				if diff := cmp.Diff(tt.non, gotNon); diff != "" {
					t.Errorf("gap (-want +got):\n%s", diff)
				}
				lenient, _ := ParseDateTime(tt.in, loc)
				if !lenient.Equal(ne.Shifted) {
					t.Errorf("ParseDateTime = %v; want Shifted %v", lenient, ne.Shifted)
				}
			default:
				if err != nil {
					t.Fatalf("ParseDateTimeStrict(%q): %v", tt.in, err)
				}
				if s := FormatDateTime(got, loc); s != tt.want {
					t.Errorf("ParseDateTimeStrict(%q) = %s; want %s", tt.in, s, tt.want)
				}
				lenient, _ := ParseDateTime(tt.in, loc)
				if !lenient.Equal(got) {
					t.Errorf("ParseDateTime = %v; want the strict result %v", lenient, got)
				}
			}
		})
	}
}

func TestStrictErrorMessages(t *testing.T) {
	t.Parallel()
	la := load(t, "America/Los_Angeles")
	tests := []struct{ in, want string }{
		{"2026-11-01T01:30", `nstime: "2026-11-01T01:30" is ambiguous in America/Los_Angeles: the clocks showed it twice, ` +
			`at 2026-11-01T01:30:00-07:00 (PDT) and at 2026-11-01T01:30:00-08:00 (PST); add the offset of the one you mean`},
		{"2026-03-08T02:30", `nstime: "2026-03-08T02:30" does not exist in America/Los_Angeles: the clocks jumped ` +
			`from 2026-03-08 02:00 PST to 2026-03-08 03:00 PDT (at 2026-03-08T10:00:00Z), skipping 1h0m0s; ` +
			`ParseDateTime reads it as 2026-03-08T03:30:00-07:00`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			_, err := ParseDateTimeStrict(tt.in, la)
			if err == nil || err.Error() != tt.want {
				t.Errorf("ParseDateTimeStrict(%q) error:\n got %v\nwant %s", tt.in, err, tt.want)
			}
		})
	}
}

func TestParseDateTimeErrors(t *testing.T) {
	t.Parallel()
	la := load(t, "America/Los_Angeles")
	tests := []struct{ in, reason string }{
		{"", "empty"},
		{"   ", "empty"},
		{"yesterday", "not a recognised form"},
		{"3/8/2026", "display format"},
		{"8-Mar-2026", "display format"},
		{"2026/03/08", "display format"},
		{"8.3.2026 10:00", "display format"},
		{"13/13/2026", "not a recognised form"},
		{"2026-3-8", "not a recognised form"},
		{"26-03-08", "not a recognised form"},
		{"2026-03-08T", "not a recognised form"},
		{"2026-03-08T10", "not a recognised form"},
		{"2026-03-08T10:30:", "not a recognised form"},
		{"2026-03-08T10:30.5", "not a recognised form"},   // a fraction needs seconds
		{"2026-03-08T10:30:00.", "not a recognised form"}, // and digits
		{"2026-03-08T10:30:00.1234567890Z", "not a recognised form"},
		{"2026-03-08T10:30:00+0100", "not a recognised form"}, // RFC 3339 offsets have a colon
		{"2026-03-08T10:30:00+01", "not a recognised form"},
		{"2026-03-08Z", "not a recognised form"},
		{"2026-03-08T10:30:00 Z", "not a recognised form"},
		{"2026-03-08T10:30:00PST", "not a recognised form"},
		{"2026-03-08T10:30:00Z[America/Los_Angeles]", "not a recognised form"},
		{"２０２６-03-08", "not a recognised form"}, // non-ASCII digits
		{"0000-01-01", "year 0000 out of range"},
		{"2026-00-10", "month 00 out of range"},
		{"2026-13-10", "month 13 out of range"},
		{"2026-02-29T10:00", "day 29 out of range for February 2026"},
		{"2026-04-31", "day 31 out of range for April 2026"},
		{"2026-03-00", "day 00 out of range"},
		{"2026-03-08T24:00", "hour 24 out of range"},
		{"2026-03-08T23:60", "minute 60 out of range"},
		{"2026-03-08T23:59:60Z", "leap seconds are not supported"},
		{"2026-03-08T10:00+24:00", "offset +24:00 out of range"},
		{"2026-03-08T10:00-05:60", "offset -05:60 out of range"},
		{"9999-12-31T20:00:00-08:00", "outside the years 0001-9999"},
		{"0001-01-01T00:00:00Z", "outside the years 0001-9999"}, // shown in Los Angeles, it is year 0
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			for name, parse := range map[string]func(string, *time.Location) (time.Time, error){
				"ParseDateTime": ParseDateTime, "ParseDateTimeStrict": ParseDateTimeStrict,
			} {
				got, err := parse(tt.in, la)
				var pe *ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("%s(%q) = %v, %v; want a *ParseError", name, tt.in, got, err)
				}
				msg := err.Error()
				for _, want := range []string{`"` + tt.in + `"`, tt.reason, "accepted: 2026-03-08T14:30:00Z"} {
					if !strings.Contains(msg, want) {
						t.Errorf("%s(%q) error %q does not contain %q", name, tt.in, msg, want)
					}
				}
				if pe.Value != tt.in || !strings.Contains(pe.Reason, tt.reason) {
					t.Errorf("ParseError{Value: %q, Reason: %q}; want Value %q, Reason with %q", pe.Value, pe.Reason, tt.in, tt.reason)
				}
			}
		})
	}
	// The full message, once.
	_, err := ParseDateTime("2026-13-01", la)
	want := `nstime: cannot parse datetime "2026-13-01": month 13 out of range (01-12); ` +
		`accepted: 2026-03-08T14:30:00Z or 2026-03-08T14:30:00-08:00 (an instant), ` +
		`2026-03-08T14:30:00 or 2026-03-08T14:30 (wall time in the account time zone), ` +
		`2026-03-08 (the start of that day there); seconds may carry a fraction, a space may replace the T`
	if err == nil || err.Error() != want {
		t.Errorf("error:\n got %v\nwant %s", err, want)
	}
}

// TestWallTimeRule walks every quarter hour of a year in zones of both
// hemispheres, with 30-minute and 24-hour changes, and checks the rule
// itself: a wall time that happened reads back unchanged and, if it
// happened twice, is the first time; one that did not is moved forward by
// exactly the gap.
func TestWallTimeRule(t *testing.T) {
	t.Parallel()
	tests := []struct {
		zone string
		year int
	}{
		{"America/Los_Angeles", 2026}, {"Australia/Sydney", 2026}, {"America/Santiago", 2026},
		{"Asia/Beirut", 2026}, {"America/Havana", 2026}, {"Australia/Lord_Howe", 2026},
		{"Europe/London", 2026}, {"Asia/Kathmandu", 2026}, {"UTC", 2026}, {"Pacific/Apia", 2011},
	}
	for _, tt := range tests {
		t.Run(tt.zone, func(t *testing.T) {
			t.Parallel()
			loc := load(t, tt.zone)
			var gaps, overlaps int
			for w := time.Date(tt.year, 1, 1, 0, 0, 0, 0, time.UTC); w.Year() == tt.year; w = w.Add(15 * time.Minute) {
				y, mo, d := w.Date()
				h, mi, _ := w.Clock()
				got := WallTime(y, mo, d, h, mi, 0, 0, loc)
				gy, gmo, gd := got.Date()
				gh, gmi, gs := got.Clock()
				shown := time.Date(gy, gmo, gd, gh, gmi, gs, got.Nanosecond(), time.UTC)
				if shift := shown.Sub(w); shift != 0 {
					gaps++
					_, offBefore := got.Add(-shift).Zone()
					_, offAfter := got.Zone()
					if want := time.Duration(offAfter-offBefore) * time.Second; shift != want {
						t.Fatalf("WallTime(%v) = %v: moved %v; want the gap %v", w, got, shift, want)
					}
					continue
				}
				// The wall time happened: WallTime must be the first instant showing it.
				for _, back := range []time.Duration{30 * time.Minute, time.Hour, 2 * time.Hour, 24 * time.Hour} {
					if e := got.Add(-back).In(loc); e.Hour() == h && e.Minute() == mi && e.Day() == d && e.Second() == 0 {
						t.Fatalf("WallTime(%v) = %v; %v earlier, %v shows it too", w, got, back, e)
					}
					if l := got.Add(back).In(loc); l.Hour() == h && l.Minute() == mi && l.Day() == d && back <= 2*time.Hour {
						overlaps++
					}
				}
			}
			t.Logf("%s %d: %d quarter hours skipped, %d repeated", tt.zone, tt.year, gaps, overlaps)
		})
	}
}

func TestWallTimeNormalizes(t *testing.T) {
	t.Parallel()
	la := load(t, "America/Los_Angeles")
	got := WallTime(2026, time.October, 32, 25, 0, 0, 0, la)
	if s := FormatDateTime(got, la); s != "2026-11-02T01:00:00-08:00" {
		t.Errorf("WallTime(2026-10-32 25:00) = %s; want 2026-11-02T01:00:00-08:00", s)
	}
}

func TestWallTimeFixedZone(t *testing.T) {
	t.Parallel()
	for _, off := range []int{0, -12 * 3600, 14 * 3600, 100 * 3600, -100 * 3600, 5*3600 + 45*60} {
		loc := time.FixedZone("X", off)
		got := WallTime(2026, time.March, 8, 2, 30, 0, 0, loc)
		want := time.Date(2026, time.March, 8, 2, 30, 0, 0, time.UTC).Add(-time.Duration(off) * time.Second)
		if !got.Equal(want) {
			t.Errorf("WallTime in FixedZone(%d) = %v; want %v", off, got, want)
		}
	}
}

func TestFormatDateTime(t *testing.T) {
	t.Parallel()
	tests := []struct {
		zone, in, want string
	}{
		{"America/Los_Angeles", "2026-03-08T10:30:00Z", "2026-03-08T03:30:00-07:00"},
		{"America/Los_Angeles", "2026-03-08T09:30:00Z", "2026-03-08T01:30:00-08:00"},
		{"America/Los_Angeles", "2026-11-01T08:30:00Z", "2026-11-01T01:30:00-07:00"},
		{"America/Los_Angeles", "2026-11-01T09:30:00Z", "2026-11-01T01:30:00-08:00"},
		{"Australia/Sydney", "2026-04-04T15:30:00Z", "2026-04-05T02:30:00+11:00"},
		{"Australia/Sydney", "2026-04-04T16:30:00Z", "2026-04-05T02:30:00+10:00"},
		{"UTC", "2026-03-08T10:30:00.5Z", "2026-03-08T10:30:00.5Z"},
		{"Asia/Kathmandu", "2026-03-08T00:00:00Z", "2026-03-08T05:45:00+05:45"},
		// Local mean time has an offset with seconds (-7:52:58): written in UTC.
		{"America/Los_Angeles", "1880-01-01T12:00:00Z", "1880-01-01T12:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.zone+"/"+tt.in, func(t *testing.T) {
			t.Parallel()
			loc := load(t, tt.zone)
			in := utc(t, tt.in)
			got := FormatDateTime(in, loc)
			if got != tt.want {
				t.Errorf("FormatDateTime(%s, %s) = %s; want %s", tt.in, tt.zone, got, tt.want)
			}
			back, err := ParseDateTime(got, loc)
			if err != nil || !back.Equal(in) {
				t.Errorf("ParseDateTime(%s) = %v, %v; want %v", got, back, err, in)
			}
		})
	}
}

func TestFormatUTC(t *testing.T) {
	t.Parallel()
	la := load(t, "America/Los_Angeles")
	tests := []struct {
		in   time.Time
		want string
	}{
		// Oracle's example:
		// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157305090645.html
		{time.Date(2017, 7, 21, 17, 32, 28, 0, time.UTC), "2017-07-21T17:32:28Z"},
		{time.Date(2026, 3, 8, 3, 30, 0, 0, la), "2026-03-08T10:30:00Z"},
		{time.Date(2026, 3, 8, 1, 30, 0, 0, la), "2026-03-08T09:30:00Z"},
		{time.Date(2026, 3, 8, 10, 30, 0, 999_999_999, time.UTC), "2026-03-08T10:30:00Z"}, // truncated, not rounded
		{time.Date(2026, 3, 8, 11, 30, 0, 0, time.FixedZone("", 3600)), "2026-03-08T10:30:00Z"},
	}
	for _, tt := range tests {
		if got := FormatUTC(tt.in); got != tt.want {
			t.Errorf("FormatUTC(%v) = %s; want %s", tt.in, got, tt.want)
		}
	}
}

func TestNilLocationPanics(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC)
	calls := map[string]func(){
		"WallTime":            func() { WallTime(2026, 3, 8, 0, 0, 0, 0, nil) },
		"ParseDateTime":       func() { _, _ = ParseDateTime("2026-03-08", nil) },
		"ParseDateTimeStrict": func() { _, _ = ParseDateTimeStrict("2026-03-08", nil) },
		"FormatDateTime":      func() { FormatDateTime(now, nil) },
		"DateOf":              func() { DateOf(now, nil) },
		"Date.In":             func() { Date{2026, 3, 8}.In(nil) },
		"QDate":               func() { QDate(now, nil, FormatMDY) },
		"SinceFilter":         func() { SinceFilter("lastModifiedDate", now, nil, FormatMDY) },
		"DayBounds":           func() { DayBounds(now, nil) },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			defer func() {
				r := recover()
				if s, _ := r.(string); !strings.Contains(s, "nstime: "+name+": nil *time.Location") {
					t.Errorf("%s(nil location) panicked with %v; want a panic naming it", name, r)
				}
			}()
			call()
		})
	}
}
