package oracle

import (
	"math"
	"testing"
	"time"

	_ "time/tzdata" // the DST tests do not depend on the host's zone database
)

func TestAddMonths(t *testing.T) {
	t.Parallel()
	tests := []struct {
		from float64
		n    int
		want float64
	}{
		{day(2024, 1, 31, 0, 0, 0), 1, day(2024, 2, 29, 0, 0, 0)}, // leap year
		{day(2023, 1, 31, 0, 0, 0), 1, day(2023, 2, 28, 0, 0, 0)},
		{day(2024, 2, 29, 0, 0, 0), 1, day(2024, 3, 31, 0, 0, 0)}, // last day → last day
		{day(2023, 2, 28, 0, 0, 0), 1, day(2023, 3, 31, 0, 0, 0)},
		{day(2024, 2, 29, 0, 0, 0), 12, day(2025, 2, 28, 0, 0, 0)},
		{day(2024, 3, 15, 10, 30, 0), -3, day(2023, 12, 15, 10, 30, 0)}, // time kept
		{day(2024, 5, 30, 0, 0, 0), 1, day(2024, 6, 30, 0, 0, 0)},
		{day(2024, 5, 30, 0, 0, 0), -3, day(2024, 2, 29, 0, 0, 0)},
	}
	for _, tt := range tests {
		if got := AddMonths(tt.from, tt.n); got != tt.want {
			t.Errorf("AddMonths(%v, %d) = %v; want %v", Time(tt.from), tt.n, Time(got), Time(tt.want))
		}
	}
}

func TestMonthsBetween(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b, want float64
	}{
		// Oracle's example: MONTHS_BETWEEN(02-02-1995, 01-01-1995) = 1.03225806.
		{day(1995, 2, 2, 0, 0, 0), day(1995, 1, 1, 0, 0, 0), 1 + 1.0/31},
		{day(2024, 3, 31, 0, 0, 0), day(2024, 2, 29, 0, 0, 0), 1}, // both last days
		{day(2024, 3, 15, 0, 0, 0), day(2024, 1, 15, 0, 0, 0), 2},
		{day(2024, 1, 15, 0, 0, 0), day(2024, 3, 15, 0, 0, 0), -2},
		{day(2024, 3, 16, 12, 0, 0), day(2024, 3, 15, 0, 0, 0), 1.5 / 31},
	}
	for _, tt := range tests {
		if got := MonthsBetween(tt.a, tt.b); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("MonthsBetween(%v, %v) = %v; want %v", Time(tt.a), Time(tt.b), got, tt.want)
		}
	}
}

func TestLastDayNextDay(t *testing.T) {
	t.Parallel()
	if got, want := LastDay(day(2024, 2, 10, 8, 0, 0)), day(2024, 2, 29, 8, 0, 0); got != want {
		t.Errorf("LastDay = %v; want %v", Time(got), Time(want))
	}
	// Oracle's example: NEXT_DAY('15-OCT-2009', 'TUESDAY') is 20-OCT-2009.
	for _, name := range []string{"TUESDAY", "tue", "Tues"} {
		got, err := NextDay(day(2009, 10, 15, 0, 0, 0), name)
		if want := day(2009, 10, 20, 0, 0, 0); err != nil || got != want {
			t.Errorf("NextDay(%q) = %v, %v; want %v", name, Time(got), err, Time(want))
		}
	}
	// The same weekday is a week later.
	if got, _ := NextDay(day(2009, 10, 20, 0, 0, 0), "TUESDAY"); got != day(2009, 10, 27, 0, 0, 0) {
		t.Errorf("NextDay(Tuesday, TUESDAY) = %v", Time(got))
	}
	if _, err := NextDay(0, "Funday"); err == nil || err.Error() != "ORA-01846: not a valid day of the week" {
		t.Errorf("NextDay(Funday) error = %v", err)
	}
}

func TestTruncRoundDate(t *testing.T) {
	t.Parallel()
	oct27 := day(1992, 10, 27, 0, 0, 0) // a Tuesday
	tests := []struct {
		fn    func(float64, string) (float64, error)
		name  string
		days  float64
		model string
		want  float64
	}{
		// Oracle's examples: TRUNC(27-OCT-92, 'YEAR') 01-JAN-92, ROUND(27-OCT-92, 'YEAR') 01-JAN-93.
		{TruncDate, "TRUNC", oct27, "YEAR", day(1992, 1, 1, 0, 0, 0)},
		{RoundDate, "ROUND", oct27, "YEAR", day(1993, 1, 1, 0, 0, 0)},
		{RoundDate, "ROUND", day(1992, 6, 30, 23, 0, 0), "YYYY", day(1992, 1, 1, 0, 0, 0)},
		{RoundDate, "ROUND", day(1992, 7, 1, 0, 0, 0), "YYYY", day(1993, 1, 1, 0, 0, 0)},
		{TruncDate, "TRUNC", oct27, "Q", day(1992, 10, 1, 0, 0, 0)},
		{RoundDate, "ROUND", day(1992, 11, 15, 0, 0, 0), "Q", day(1992, 10, 1, 0, 0, 0)},
		{RoundDate, "ROUND", day(1992, 11, 16, 0, 0, 0), "Q", day(1993, 1, 1, 0, 0, 0)},
		{TruncDate, "TRUNC", oct27, "MM", day(1992, 10, 1, 0, 0, 0)},
		{RoundDate, "ROUND", day(1992, 10, 16, 0, 0, 0), "MON", day(1992, 11, 1, 0, 0, 0)},
		{RoundDate, "ROUND", day(1992, 10, 15, 23, 0, 0), "MONTH", day(1992, 10, 1, 0, 0, 0)},
		{TruncDate, "TRUNC", oct27, "IW", day(1992, 10, 26, 0, 0, 0)},  // Monday
		{TruncDate, "TRUNC", oct27, "DAY", day(1992, 10, 25, 0, 0, 0)}, // Sunday
		{TruncDate, "TRUNC", oct27, "WW", day(1992, 10, 21, 0, 0, 0)},  // Jan 1 1992 was a Wednesday
		{TruncDate, "TRUNC", oct27, "W", day(1992, 10, 22, 0, 0, 0)},   // same weekday as the 1st
		{TruncDate, "TRUNC", day(2021, 1, 2, 0, 0, 0), "IYYY", day(2019, 12, 30, 0, 0, 0)},
		{RoundDate, "ROUND", day(1992, 10, 29, 12, 0, 0), "IW", day(1992, 11, 2, 0, 0, 0)},
		{RoundDate, "ROUND", day(1992, 10, 29, 11, 0, 0), "IW", day(1992, 10, 26, 0, 0, 0)},
		{TruncDate, "TRUNC", day(1992, 10, 27, 13, 45, 30), "DD", oct27},
		{TruncDate, "TRUNC", day(1992, 10, 27, 13, 45, 30), "", oct27},
		{RoundDate, "ROUND", day(1992, 10, 27, 12, 0, 0), "DD", day(1992, 10, 28, 0, 0, 0)},
		{TruncDate, "TRUNC", day(1992, 10, 27, 13, 45, 30), "HH24", day(1992, 10, 27, 13, 0, 0)},
		{RoundDate, "ROUND", day(1992, 10, 27, 13, 45, 30), "HH", day(1992, 10, 27, 14, 0, 0)},
		{TruncDate, "TRUNC", day(1992, 10, 27, 13, 45, 30), "MI", day(1992, 10, 27, 13, 45, 0)},
		{RoundDate, "ROUND", day(1992, 10, 27, 13, 45, 30), "MI", day(1992, 10, 27, 13, 46, 0)},
		{TruncDate, "TRUNC", oct27, "CC", day(1901, 1, 1, 0, 0, 0)},
		{TruncDate, "TRUNC", day(2000, 5, 1, 0, 0, 0), "SCC", day(1901, 1, 1, 0, 0, 0)},
	}
	for _, tt := range tests {
		got, err := tt.fn(tt.days, tt.model)
		if err != nil || math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s(%v, %q) = %v, %v; want %v", tt.name, Time(tt.days), tt.model, Time(got), err, Time(tt.want))
		}
	}
	if _, err := TruncDate(0, "XYZ"); err == nil {
		t.Error("TruncDate(XYZ) did not fail")
	}
}

func TestSysExtractUTCAcrossDST(t *testing.T) {
	t.Parallel()
	const la = "America/Los_Angeles"
	tests := []struct {
		local, utc float64
	}{
		// Spring forward, 2024-03-10 02:00 PST → 03:00 PDT.
		{day(2024, 3, 10, 1, 30, 0), day(2024, 3, 10, 9, 30, 0)},
		{day(2024, 3, 10, 3, 30, 0), day(2024, 3, 10, 10, 30, 0)},
		{day(2024, 3, 9, 12, 0, 0), day(2024, 3, 9, 20, 0, 0)},
		{day(2024, 3, 11, 12, 0, 0), day(2024, 3, 11, 19, 0, 0)},
		// Fall back, 2024-11-03 02:00 PDT → 01:00 PST; 01:30 happens
		// twice and resolves to the first (PDT), as time.Date does.
		{day(2024, 11, 3, 0, 30, 0), day(2024, 11, 3, 7, 30, 0)},
		{day(2024, 11, 3, 1, 30, 0), day(2024, 11, 3, 8, 30, 0)},
		{day(2024, 11, 3, 2, 30, 0), day(2024, 11, 3, 10, 30, 0)},
	}
	for _, tt := range tests {
		got, err := SysExtractUTC(tt.local, la)
		if err != nil || math.Abs(got-tt.utc) > 1e-9 {
			t.Errorf("SysExtractUTC(%v) = %v, %v; want %v", Time(tt.local), Time(got), err, Time(tt.utc))
		}
	}
	if got, err := SysExtractUTC(day(2024, 1, 1, 0, 0, 0), "+05:30"); err != nil || math.Abs(got-day(2023, 12, 31, 18, 30, 0)) > 1e-9 {
		t.Errorf("SysExtractUTC(+05:30) = %v, %v", Time(got), err)
	}
}

func TestTZOffset(t *testing.T) {
	t.Parallel()
	winter := time.Date(2024, 1, 15, 12, 0, 0, 0, time.UTC).Unix()
	summer := time.Date(2024, 7, 15, 12, 0, 0, 0, time.UTC).Unix()
	tests := []struct {
		zone string
		now  int64
		want string
	}{
		{"America/Los_Angeles", winter, "-08:00"},
		{"America/Los_Angeles", summer, "-07:00"},
		{"US/Eastern", winter, "-05:00"},
		{"US/Eastern", summer, "-04:00"},
		{"Asia/Kolkata", summer, "+05:30"},
		{"UTC", summer, "+00:00"},
		{"+05:00", summer, "+05:00"},
		{"-3:30", summer, "-03:30"},
	}
	for _, tt := range tests {
		if got, err := TZOffset(tt.zone, tt.now); err != nil || got != tt.want {
			t.Errorf("TZOffset(%q) = %q, %v; want %q", tt.zone, got, err, tt.want)
		}
	}
	if _, err := TZOffset("Mars/Olympus", winter); err == nil {
		t.Error("TZOffset(Mars/Olympus) did not fail")
	}
}

func TestImplicitDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s, format string
		want      float64
	}{
		{"3/5/2025", "M/D/YYYY", day(2025, 3, 5, 0, 0, 0)},
		{"3/5/2025 14:07:09", "M/D/YYYY", day(2025, 3, 5, 14, 7, 9)},
		{"3/5/2025 2:07:09 PM", "M/D/YYYY", day(2025, 3, 5, 14, 7, 9)},
		{"3/5/2025 12:07 am", "M/D/YYYY", day(2025, 3, 5, 0, 7, 0)},
		{"05-Mar-2025", "DD-Mon-YYYY", day(2025, 3, 5, 0, 0, 0)},
	}
	for _, tt := range tests {
		if got, err := ImplicitDate(tt.s, tt.format); err != nil || got != tt.want {
			t.Errorf("ImplicitDate(%q, %q) = %v, %v; want %v", tt.s, tt.format, Time(got), err, Time(tt.want))
		}
	}
	for _, s := range []string{"2025-03-05", "3/5/2025 25:00", "3/5/2025 noon", "13/5/2025"} {
		if _, err := ImplicitDate(s, "M/D/YYYY"); err == nil {
			t.Errorf("ImplicitDate(%q) did not fail", s)
		}
	}
}
