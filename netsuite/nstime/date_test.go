package nstime

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestDateIn(t *testing.T) {
	t.Parallel()
	tests := []struct {
		zone       string
		day        Date
		start, end string // FormatDateTime in zone
		hours      time.Duration
	}{
		{"America/Los_Angeles", Date{2026, 3, 7}, "2026-03-07T00:00:00-08:00", "2026-03-08T00:00:00-08:00", 24 * time.Hour},
		{"America/Los_Angeles", Date{2026, 3, 8}, "2026-03-08T00:00:00-08:00", "2026-03-09T00:00:00-07:00", 23 * time.Hour},
		{"America/Los_Angeles", Date{2026, 3, 9}, "2026-03-09T00:00:00-07:00", "2026-03-10T00:00:00-07:00", 24 * time.Hour},
		{"America/Los_Angeles", Date{2026, 11, 1}, "2026-11-01T00:00:00-07:00", "2026-11-02T00:00:00-08:00", 25 * time.Hour},
		{"Australia/Sydney", Date{2026, 4, 5}, "2026-04-05T00:00:00+11:00", "2026-04-06T00:00:00+10:00", 25 * time.Hour},
		{"Australia/Sydney", Date{2026, 10, 4}, "2026-10-04T00:00:00+10:00", "2026-10-05T00:00:00+11:00", 23 * time.Hour},
		{"Australia/Lord_Howe", Date{2026, 10, 4}, "2026-10-04T00:00:00+10:30", "2026-10-05T00:00:00+11:00", 23*time.Hour + 30*time.Minute},
		// Clocks jump over midnight: the day begins at 01:00.
		{"America/Santiago", Date{2026, 9, 6}, "2026-09-06T01:00:00-03:00", "2026-09-07T00:00:00-03:00", 23 * time.Hour},
		{"America/Santiago", Date{2026, 9, 5}, "2026-09-05T00:00:00-04:00", "2026-09-06T01:00:00-03:00", 24 * time.Hour},
		{"Asia/Beirut", Date{2026, 3, 29}, "2026-03-29T01:00:00+03:00", "2026-03-30T00:00:00+03:00", 23 * time.Hour},
		// Clocks go back from 24:00 to 23:00: the hour before midnight repeats.
		{"America/Santiago", Date{2026, 4, 4}, "2026-04-04T00:00:00-03:00", "2026-04-05T00:00:00-04:00", 25 * time.Hour},
		// Midnight happens twice: the day begins at the first.
		{"America/Havana", Date{2026, 11, 1}, "2026-11-01T00:00:00-04:00", "2026-11-02T00:00:00-05:00", 25 * time.Hour},
		// Samoa skipped 2011-12-30.
		{"Pacific/Apia", Date{2011, 12, 30}, "2011-12-31T00:00:00+14:00", "2011-12-31T00:00:00+14:00", 0},
		{"Pacific/Apia", Date{2011, 12, 29}, "2011-12-29T00:00:00-10:00", "2011-12-31T00:00:00+14:00", 24 * time.Hour},
		{"UTC", Date{2026, 2, 30}, "2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z", 24 * time.Hour}, // normalized
	}
	for _, tt := range tests {
		t.Run(tt.zone+"/"+tt.day.String(), func(t *testing.T) {
			t.Parallel()
			loc := load(t, tt.zone)
			start, end := tt.day.In(loc)
			got := []string{FormatDateTime(start, loc), FormatDateTime(end, loc)}
			if diff := cmp.Diff([]string{tt.start, tt.end}, got); diff != "" {
				t.Errorf("%v.In(%s) (-want +got):\n%s", tt.day, tt.zone, diff)
			}
			if d := end.Sub(start); d != tt.hours {
				t.Errorf("%v in %s is %v long; want %v", tt.day, tt.zone, d, tt.hours)
			}
			if start.Location() != loc || end.Location() != loc {
				t.Errorf("bounds in %v, %v; want %v", start.Location(), end.Location(), loc)
			}
		})
	}
}

// TestDaysTile checks, for every day of a few years in zones with every kind
// of change, that the days returned by Date.In are adjacent and that DateOf
// agrees with them at both ends.
func TestDaysTile(t *testing.T) {
	t.Parallel()
	zones := []string{
		"America/Los_Angeles", "Australia/Sydney", "America/Santiago", "Asia/Beirut", "America/Havana",
		"Australia/Lord_Howe", "Pacific/Apia", "Europe/London", "Asia/Kolkata", "UTC",
	}
	for _, zone := range zones {
		t.Run(zone, func(t *testing.T) {
			t.Parallel()
			loc := load(t, zone)
			for d := (Date{2010, 1, 1}); d.Year < 2031; d = d.AddDays(1) {
				start, end := d.In(loc)
				if _, nextStart := d.AddDays(-1).In(loc); !nextStart.Equal(start) {
					t.Fatalf("%v starts at %v but the day before ends at %v", d, start, nextStart)
				}
				if start.Equal(end) {
					continue // a skipped day
				}
				if got := DateOf(start, loc); got != d {
					t.Fatalf("DateOf(start of %v = %v) = %v", d, start, got)
				}
				if got := DateOf(end.Add(-time.Nanosecond), loc); got != d {
					t.Fatalf("DateOf(end of %v = %v, less 1ns) = %v", d, end, got)
				}
			}
		})
	}
}

func TestDateOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		zone, in string
		want     Date
	}{
		{"America/Los_Angeles", "2026-03-08T07:59:59Z", Date{2026, 3, 7}},
		{"America/Los_Angeles", "2026-03-08T08:00:00Z", Date{2026, 3, 8}},
		{"America/Los_Angeles", "2026-03-09T06:59:59Z", Date{2026, 3, 8}},
		{"America/Los_Angeles", "2026-03-09T07:00:00Z", Date{2026, 3, 9}},
		{"Australia/Sydney", "2026-03-07T12:59:59Z", Date{2026, 3, 7}},
		{"Australia/Sydney", "2026-03-07T13:00:00Z", Date{2026, 3, 8}},
		{"UTC", "2026-03-08T23:59:59.999999999Z", Date{2026, 3, 8}},
	}
	for _, tt := range tests {
		if got := DateOf(utc(t, tt.in), load(t, tt.zone)); got != tt.want {
			t.Errorf("DateOf(%s, %s) = %v; want %v", tt.in, tt.zone, got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	t.Parallel()
	good := []struct {
		in   string
		want Date
	}{
		{"2026-03-08", Date{2026, 3, 8}},
		{" 2026-03-08\n", Date{2026, 3, 8}},
		{"2024-02-29", Date{2024, 2, 29}},
		{"0001-01-01", Date{1, 1, 1}},
		{"9999-12-31", Date{9999, 12, 31}},
	}
	for _, tt := range good {
		got, err := ParseDate(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	bad := []struct{ in, reason string }{
		{"", "not a YYYY-MM-DD date"},
		{"2026-3-8", "not a YYYY-MM-DD date"},
		{"3/8/2026", "display format"},
		{"2026-03-08T00:00:00Z", "not a YYYY-MM-DD date"},
		{"2026-02-29", "day 29 out of range for February 2026"},
		{"2026-13-01", "month 13 out of range"},
		{"0000-01-01", "year 0000 out of range"},
	}
	for _, tt := range bad {
		_, err := ParseDate(tt.in)
		var pe *ParseError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), tt.reason) ||
			!strings.Contains(err.Error(), `"`+tt.in+`"`) || !strings.Contains(err.Error(), "accepted: YYYY-MM-DD") {
			t.Errorf("ParseDate(%q) error = %v; want a *ParseError naming it, with %q", tt.in, err, tt.reason)
		}
	}
}

func TestDateString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   Date
		want string
	}{
		{Date{2026, 3, 8}, "2026-03-08"},
		{Date{1, 1, 1}, "0001-01-01"},
		{Date{}, "0000-00-00"},
	}
	for _, tt := range tests {
		if got := tt.in.String(); got != tt.want {
			t.Errorf("%#v.String() = %s; want %s", tt.in, got, tt.want)
		}
	}
}

func TestDateAddDaysCompare(t *testing.T) {
	t.Parallel()
	d := Date{2026, 2, 28}
	tests := []struct {
		n    int
		want Date
	}{
		{0, Date{2026, 2, 28}}, {1, Date{2026, 3, 1}}, {-59, Date{2025, 12, 31}}, {366, Date{2027, 3, 1}},
	}
	for _, tt := range tests {
		if got := d.AddDays(tt.n); got != tt.want {
			t.Errorf("%v.AddDays(%d) = %v; want %v", d, tt.n, got, tt.want)
		}
	}
	ordered := []Date{{2025, 12, 31}, {2026, 1, 1}, {2026, 1, 2}, {2026, 2, 1}, {2027, 1, 1}}
	for i, a := range ordered {
		for j, b := range ordered {
			want := cmpInt(i, j)
			if got := a.Compare(b); got != want {
				t.Errorf("%v.Compare(%v) = %d; want %d", a, b, got, want)
			}
		}
	}
}

func TestDateJSON(t *testing.T) {
	t.Parallel()
	type record struct {
		TranDate Date `json:"tranDate"`
	}
	b, err := json.Marshal(record{Date{2026, 3, 8}})
	if err != nil || string(b) != `{"tranDate":"2026-03-08"}` {
		t.Errorf("json.Marshal = %s, %v; want {\"tranDate\":\"2026-03-08\"}", b, err)
	}
	var r record
	if err := json.Unmarshal([]byte(`{"tranDate":"2017-07-21"}`), &r); err != nil || r.TranDate != (Date{2017, 7, 21}) {
		t.Errorf("json.Unmarshal = %v, %v; want 2017-07-21", r.TranDate, err)
	}
	if err := json.Unmarshal([]byte(`{"tranDate":"7/21/2017"}`), &r); err == nil {
		t.Error("json.Unmarshal of 7/21/2017: no error")
	}
	if _, err := json.Marshal(record{}); err == nil || !strings.Contains(err.Error(), "0000-00-00 is not a valid date") {
		t.Errorf("json.Marshal of the zero Date: error %v; want one naming 0000-00-00", err)
	}
	if (Date{2026, 2, 29}).IsValid() || !(Date{2024, 2, 29}).IsValid() || (Date{}).IsValid() {
		t.Error("IsValid is wrong about 2026-02-29, 2024-02-29 or the zero Date")
	}
}
