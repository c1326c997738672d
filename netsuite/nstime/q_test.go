package nstime

import (
	"testing"
)

func TestQDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		zone   string
		in     string // an instant
		format DateFormat
		want   string
	}{
		// Around midnight in Los Angeles (PST, -08:00).
		{"America/Los_Angeles", "2026-03-08T07:59:59Z", FormatMDY, `"3/7/2026"`},
		{"America/Los_Angeles", "2026-03-08T08:00:00Z", FormatMDY, `"3/8/2026"`},
		// Around the spring-forward gap: the day of 23 hours.
		{"America/Los_Angeles", "2026-03-08T09:59:59Z", FormatMDY, `"3/8/2026"`}, // 01:59:59 PST
		{"America/Los_Angeles", "2026-03-08T10:00:00Z", FormatMDY, `"3/8/2026"`}, // 03:00 PDT
		{"America/Los_Angeles", "2026-03-09T06:59:59Z", FormatMDY, `"3/8/2026"`}, // 23:59:59 PDT
		{"America/Los_Angeles", "2026-03-09T07:00:00Z", FormatMDY, `"3/9/2026"`},
		// Around the fall-back overlap: the day of 25 hours.
		{"America/Los_Angeles", "2026-11-01T06:59:59Z", FormatMDY, `"10/31/2026"`},
		{"America/Los_Angeles", "2026-11-01T07:00:00Z", FormatMDY, `"11/1/2026"`},
		{"America/Los_Angeles", "2026-11-01T09:30:00Z", FormatMDY, `"11/1/2026"`}, // the second 01:30
		{"America/Los_Angeles", "2026-11-02T07:59:59Z", FormatMDY, `"11/1/2026"`},
		{"America/Los_Angeles", "2026-11-02T08:00:00Z", FormatMDY, `"11/2/2026"`},
		// Sydney: UTC is still on the day before.
		{"Australia/Sydney", "2026-04-04T12:59:59Z", FormatDMY, `"4/4/2026"`},
		{"Australia/Sydney", "2026-04-04T13:00:00Z", FormatDMY, `"5/4/2026"`}, // 00:00 AEDT
		{"Australia/Sydney", "2026-04-05T13:59:59Z", FormatDMY, `"5/4/2026"`}, // 23:59:59 AEST
		{"Australia/Sydney", "2026-04-05T14:00:00Z", FormatDMY, `"6/4/2026"`},
		{"Australia/Sydney", "2026-10-03T13:59:59Z", FormatDDMMYYYY, `"03/10/2026"`},
		{"Australia/Sydney", "2026-10-03T14:00:00Z", FormatDDMMYYYY, `"04/10/2026"`}, // 00:00 AEST
		{"Australia/Sydney", "2026-10-04T12:59:59Z", FormatDDMMYYYY, `"04/10/2026"`}, // 23:59:59 AEDT
		{"Australia/Sydney", "2026-10-04T13:00:00Z", FormatDDMMYYYY, `"05/10/2026"`},
		{"UTC", "2026-03-08T23:59:59Z", FormatDMonYYYY, `"8-Mar-2026"`},
		{"UTC", "2026-03-08T00:00:00Z", FormatDDMonthYYYY, `"08-March-2026"`},
		{"UTC", "2026-03-08T00:00:00Z", FormatISO, `"2026-03-08"`},
	}
	for _, tt := range tests {
		t.Run(tt.zone+"/"+tt.in, func(t *testing.T) {
			t.Parallel()
			if got := QDate(utc(t, tt.in), load(t, tt.zone), tt.format); got != tt.want {
				t.Errorf("QDate(%s, %s, %v) = %s; want %s", tt.in, tt.zone, tt.format, got, tt.want)
			}
		})
	}
}

func TestSinceFilter(t *testing.T) {
	t.Parallel()
	la := load(t, "America/Los_Angeles")
	tests := []struct {
		since  string
		format DateFormat
		want   string
	}{
		{"2026-03-08T07:59:59Z", FormatMDY, `lastModifiedDate ON_OR_AFTER "3/7/2026"`},
		{"2026-03-08T08:00:00Z", FormatMDY, `lastModifiedDate ON_OR_AFTER "3/8/2026"`},
		{"2026-03-08T10:00:00Z", FormatDMYDot, `lastModifiedDate ON_OR_AFTER "8.3.2026"`},
	}
	for _, tt := range tests {
		since := utc(t, tt.since)
		got := SinceFilter("lastModifiedDate", since, la, tt.format)
		if got != tt.want {
			t.Errorf("SinceFilter(%s, %v) = %s; want %s", tt.since, tt.format, got, tt.want)
		}
		// The day the filter names never starts after since: nothing at or
		// after since is left out.
		if start, _ := DayBounds(since, la); start.After(since) {
			t.Errorf("the day of %s starts at %v, after it", tt.since, start)
		}
	}
}

func TestDayBounds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		zone, in, start, end string
	}{
		{"America/Los_Angeles", "2026-03-08T10:30:00Z", "2026-03-08T00:00:00-08:00", "2026-03-09T00:00:00-07:00"},
		{"America/Los_Angeles", "2026-03-08T07:59:59Z", "2026-03-07T00:00:00-08:00", "2026-03-08T00:00:00-08:00"},
		{"America/Los_Angeles", "2026-11-01T09:30:00Z", "2026-11-01T00:00:00-07:00", "2026-11-02T00:00:00-08:00"},
		{"Australia/Sydney", "2026-10-04T05:00:00Z", "2026-10-04T00:00:00+10:00", "2026-10-05T00:00:00+11:00"},
		{"Australia/Sydney", "2026-10-04T14:00:00Z", "2026-10-05T00:00:00+11:00", "2026-10-06T00:00:00+11:00"},
		{"Australia/Sydney", "2026-10-03T15:00:00Z", "2026-10-04T00:00:00+10:00", "2026-10-05T00:00:00+11:00"},
	}
	for _, tt := range tests {
		loc := load(t, tt.zone)
		in := utc(t, tt.in)
		start, end := DayBounds(in, loc)
		if got := FormatDateTime(start, loc) + " " + FormatDateTime(end, loc); got != tt.start+" "+tt.end {
			t.Errorf("DayBounds(%s, %s) = %s; want %s %s", tt.in, tt.zone, got, tt.start, tt.end)
		}
		if in.Before(start) || !in.Before(end) {
			t.Errorf("DayBounds(%s, %s) = [%v, %v) does not hold it", tt.in, tt.zone, start, end)
		}
	}
}
