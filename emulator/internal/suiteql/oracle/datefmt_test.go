package oracle

import (
	"math"
	"testing"
	"time"
)

// day returns the days of a wall-clock time.
func day(y int, m time.Month, d, h, mi, s int) float64 {
	return Days(time.Date(y, m, d, h, mi, s, 0, time.UTC), time.UTC)
}

func TestFormatDate(t *testing.T) {
	t.Parallel()
	d := day(2025, time.March, 5, 14, 7, 9) // a Wednesday
	tests := []struct {
		days  float64
		model string
		want  string
	}{
		{d, "YYYY-MM-DD HH24:MI:SS", "2025-03-05 14:07:09"},
		{d, "yyyy-mm-dd hh24:mi:ss", "2025-03-05 14:07:09"},
		{d, "YYYY-MM-DD HH:MI:SS", "2025-03-05 02:07:09"},
		{d, `YYYY-MM-DD"T"HH24:MI:SS`, "2025-03-05T14:07:09"},
		{d, "dd/MM/YYYY", "05/03/2025"},
		{d, "YYYYMMDD", "20250305"},
		{d, "MM-Mon", "03-Mar"},
		{d, "MON mon Mon", "MAR mar Mar"},
		{d, "MONTH|", "MARCH    |"},
		{d, "Month|", "March    |"},
		{d, "fmMonth|", "March|"},
		{d, "DAY|Day|day|DY|Dy", "WEDNESDAY|Wednesday|wednesday|WED|Wed"},
		{d, "fmDAY|", "WEDNESDAY|"},
		{d, "D DDD", "4 064"},
		{d, "Q", "1"},
		{d, "WW IW W", "10 10 1"},
		{d, "RM", "III "},
		{d, "fmRM rm", "III iii"},
		{d, "SSSSS", "50829"},
		{d, "CC SCC", "21 21"},
		{d, "YYY YY Y Y,YYY", "025 25 5 2,025"},
		{d, "IYYY IY", "2025 25"},
		{d, "J", "2460740"},
		{d, "AM A.M. pm p.m.", "PM P.M. pm p.m."},
		{day(2025, 3, 5, 0, 30, 0), "HH12 HH AM", "12 12 AM"},
		{d, "AD BC", "AD AD"},
		{d, "YEAR", "TWENTY TWENTY-FIVE"},
		{d, "Year", "Twenty Twenty-Five"},
		{day(1900, 1, 1, 0, 0, 0), "YEAR", "NINETEEN HUNDRED"},
		{day(2009, 1, 1, 0, 0, 0), "year", "two thousand nine"},
		{d, "DS TS", "03/05/2025 02:07:09 PM"},
		{d, "DL", "Wednesday, March 05, 2025"},
		// Oracle's "Format Model Modifiers" example (for April 3, 2008):
		// 'fmDDTH' of 'fmMonth' gives 3RD of April; without FM, 03RD and
		// April padded to nine characters.
		{day(2008, 4, 3, 0, 0, 0), "fmDDTH", "3RD"},
		{day(2008, 4, 3, 0, 0, 0), `DDTH" of "Month", "YYYY`, "03RD of April    , 2008"},
		{day(2008, 4, 3, 0, 0, 0), "fmDay\"'s Special\"", "Thursday's Special"},
		{day(2008, 4, 4, 0, 0, 0), "fmDDSP DDSPTH Ddsp ddth", "FOUR FOURTH Four 4th"},
		{day(2008, 4, 12, 0, 0, 0), "fmddth ddspth", "12th twelfth"},
		{day(2008, 4, 21, 0, 0, 0), "fmDDTH", "21ST"},
		{d, "FMDD-MM-YYYY FMHH24", "5-3-2025 14"},
		{day(2025, 1, 5, 3, 4, 5), "FMHH24:MI:SS FM:MI", "3:4:5 :04"},
		{d + 0.5/86400, "HH24:MI:SS.FF1 FF3", "14:07:09.5 500"},
		{d, "TZH:TZM", "+00:00"},
		// Week numbers: January 1 is always week 1 in WW; ISO weeks
		// cross years (2024-12-30 is ISO week 1 of 2025).
		{day(2024, 12, 30, 0, 0, 0), "WW IW IYYY", "53 01 2025"},
		{day(2021, 1, 3, 0, 0, 0), "WW IW IYYY D", "01 53 2020 1"},
		{day(2024, 2, 29, 0, 0, 0), "DDD", "060"},
		{day(1969, 12, 31, 23, 59, 59), "YYYY-MM-DD HH24:MI:SS J", "1969-12-31 23:59:59 2440587"},
		{d, "-/,.;: x", "-/,.;: ."},
	}
	for _, tt := range tests {
		got, err := FormatDate(tt.days, tt.model)
		if err != nil || got != tt.want {
			t.Errorf("FormatDate(%v, %q) = %q, %v; want %q", tt.days, tt.model, got, err, tt.want)
		}
	}
}

func TestFormatDateBadModel(t *testing.T) {
	t.Parallel()
	for _, m := range []string{"YYYY-QQQZ", "ABC", `"open`, "HH25"} {
		if got, err := FormatDate(0, m); err == nil || err.Error() != "ORA-01821: date format not recognized" {
			t.Errorf("FormatDate(0, %q) = %q, %v; want ORA-01821", m, got, err)
		}
	}
}

func TestParseDate(t *testing.T) {
	t.Parallel()
	now := day(2026, 7, 15, 10, 0, 0)
	tests := []struct {
		s, model string
		want     float64
	}{
		{"2024-03-05", "YYYY-MM-DD", day(2024, 3, 5, 0, 0, 0)},
		{"2024-03-05 13:04:05", "YYYY-MM-DD HH24:MI:SS", day(2024, 3, 5, 13, 4, 5)},
		{"2024-03-05 01:04:05 PM", "YYYY-MM-DD HH:MI:SS AM", day(2024, 3, 5, 13, 4, 5)},
		{"2024-03-05 12:00:00 am", "YYYY-MM-DD HH:MI:SS PM", day(2024, 3, 5, 0, 0, 0)},
		{"20240305", "YYYYMMDD", day(2024, 3, 5, 0, 0, 0)},
		{"2024-3-5", "YYYY-MM-DD", day(2024, 3, 5, 0, 0, 0)},
		{"2024/03/05", "YYYY-MM-DD", day(2024, 3, 5, 0, 0, 0)},
		{"05/03/2024", "dd/MM/YYYY", day(2024, 3, 5, 0, 0, 0)},
		{"2024-03-05T10:11:12", `YYYY-MM-DD"T"HH24:MI:SS`, day(2024, 3, 5, 10, 11, 12)},
		{"2024-03-05", "YYYY-MM-DD HH24:MI:SS", day(2024, 3, 5, 0, 0, 0)}, // time omitted at the end
		{"05-MAR-2024", "DD-MON-YYYY", day(2024, 3, 5, 0, 0, 0)},
		{"05-march-2024", "DD-MON-YYYY", day(2024, 3, 5, 0, 0, 0)}, // MON accepts MONTH
		{"05-Mar-2024", "DD-MONTH-YYYY", day(2024, 3, 5, 0, 0, 0)}, // MONTH accepts MON
		{"05-Mar-2024", "DD-MM-YYYY", day(2024, 3, 5, 0, 0, 0)},    // MM accepts MON
		{"Tuesday 05-03-2024", "Day DD-MM-YYYY", day(2024, 3, 5, 0, 0, 0)},
		{"2024", "YYYY", day(2024, 7, 1, 0, 0, 0)}, // current month, day 1
		{"15", "DD", day(2026, 7, 15, 0, 0, 0)},
		{"99", "RR", day(1999, 7, 1, 0, 0, 0)},
		{"24", "RR", day(2024, 7, 1, 0, 0, 0)},
		{"24", "YY", day(2024, 7, 1, 0, 0, 0)},
		{"060 2024", "DDD YYYY", day(2024, 2, 29, 0, 0, 0)},
		{"2460740", "J", day(2025, 3, 5, 0, 0, 0)},
		{"2024-03-05 50829", "YYYY-MM-DD SSSSS", day(2024, 3, 5, 14, 7, 9)},
		{"XII 2024", "RM YYYY", day(2024, 12, 1, 0, 0, 0)},
		{"VIII 2024", "RM YYYY", day(2024, 8, 1, 0, 0, 0)},
		// Oracle's example: TO_DATE('January 15, 1989, 11:00 A.M.',
		// 'Month dd, YYYY, HH:MI A.M.').
		{"January 15, 1989, 11:00 A.M.", "Month dd, YYYY, HH:MI A.M.", day(1989, 1, 15, 11, 0, 0)},
		// String-to-date rules: punctuation may be omitted when every
		// digit is given, and any non-alphanumeric matches punctuation.
		{"0207", "MM/YY", day(2007, 2, 1, 0, 0, 0)},
		{"02#07", "MM/YY", day(2007, 2, 1, 0, 0, 0)},
		{"  2024-03-05  ", "YYYY-MM-DD", day(2024, 3, 5, 0, 0, 0)},
		{"2024-02-29", "FXYYYY-MM-DD", day(2024, 2, 29, 0, 0, 0)},
	}
	for _, tt := range tests {
		got, err := ParseDateAt(tt.s, tt.model, now)
		if err != nil || got != tt.want {
			t.Errorf("ParseDateAt(%q, %q) = %v (%v), %v; want %v (%v)", tt.s, tt.model, got, Time(got), err, tt.want, Time(tt.want))
		}
	}
}

func TestParseDateErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ s, model, want string }{
		{"2024-13-01", "YYYY-MM-DD", "ORA-01843: not a valid month"},
		{"2023-02-29", "YYYY-MM-DD", "ORA-01847: day of month must be between 1 and last day of month"},
		{"2024-04-31", "YYYY-MM-DD", "ORA-01847: day of month must be between 1 and last day of month"},
		{"2024-01-01 10:00:00", "YYYY-MM-DD", "ORA-01830: date format picture ends before converting entire input string"},
		{"02#07", "FXMM/YY", "ORA-01861: literal does not match format string"},
		{"2024-1-05", "FXYYYY-MM-DD", "ORA-01861: literal does not match format string"},
		{"2024-03-05X10", `YYYY-MM-DD"T"HH24`, "ORA-01861: literal does not match format string"},
		{"abcd", "YYYY", "ORA-01858: a non-numeric character was found where a numeric was expected"},
		{"2024-03-05 24:00", "YYYY-MM-DD HH24:MI", "ORA-01850: hour must be between 0 and 23"},
		{"2024-03-05 13:00", "YYYY-MM-DD HH:MI", "ORA-01849: hour must be between 1 and 12"},
		{"2024-03-05 10:60", "YYYY-MM-DD HH24:MI", "ORA-01851: minutes must be between 0 and 59"},
		{"2024-03-05 10:00:60", "YYYY-MM-DD HH24:MI:SS", "ORA-01852: seconds must be between 0 and 59"},
		{"0000-01-01", "YYYY-MM-DD", "ORA-01841: (full) year must be between -4713 and +9999, and not be 0"},
		{"Foo", "MON", "ORA-01843: not a valid month"},
		{"2024 1", "YYYY Q", "ORA-01820: format code cannot appear in date input format"},
		{"2024-01-01 10:00:00.5", "YYYY-MM-DD HH24:MI:SS.FF", "ORA-01821: date format not recognized"},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.s, tt.model)
		if err == nil || err.Error() != tt.want {
			t.Errorf("ParseDate(%q, %q) = %v, %v; want %s", tt.s, tt.model, got, err, tt.want)
		}
	}
}

func TestParseTimestamp(t *testing.T) {
	t.Parallel()
	got, err := ParseTimestamp("2024-01-01 00:00:00.25", "YYYY-MM-DD HH24:MI:SS.FF", 0)
	if want := day(2024, 1, 1, 0, 0, 0) + 0.25/86400; err != nil || got != want {
		t.Errorf("ParseTimestamp = %v, %v; want %v", got, err, want)
	}
}

// TestFormatParseRoundTrip: what FormatDate writes, ParseDate reads back.
func TestFormatParseRoundTrip(t *testing.T) {
	t.Parallel()
	models := []string{"YYYY-MM-DD HH24:MI:SS", "DD-MON-YYYY HH:MI:SS AM", "fmMonth DD, YYYY HH24:MI:SS",
		"YYYYMMDDHH24MISS", `YYYY-MM-DD"T"HH24:MI:SS`, "DD.MM.YYYY SSSSS", "J SSSSS", "FXYYYY-MM-DD HH24:MI:SS",
		"Dy DD-Mon-YYYY HH12:MI:SS P.M."}
	for d := -700000.0; d < 2900000; d += 7919.123456 {
		v := math.Round(d*86400) / 86400
		for _, m := range models {
			s, err := FormatDate(v, m)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ParseDate(s, m)
			if err != nil || math.Abs(got-v) > 1e-9 {
				t.Fatalf("model %q: %v → %q → %v, %v", m, v, s, got, err)
			}
		}
	}
}
