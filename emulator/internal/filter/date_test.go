package filter

import (
	"errors"
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // the zone database, so the DST tests do not depend on the host
)

func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("LoadLocation(%q): %v", name, err)
	}
	return loc
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestDateFormatParse(t *testing.T) {
	t.Parallel()
	jan2 := Day{2019, time.January, 2}
	dec31 := Day{2019, time.December, 31}
	leap := Day{2024, time.February, 29}
	mar5 := Day{2025, time.March, 5}
	tests := []struct {
		format DateFormat
		lit    string
		want   Day // zero: unparseable
	}{
		{FormatMDY, "1/2/2019", jan2},
		{FormatMDY, "01/02/2019", jan2},
		{FormatMDY, "12/31/2019", dec31},
		{FormatMDY, "2/29/2024", leap},
		{FormatMDY, "31/12/2019", Day{}}, // month 31
		{FormatMDY, "2/29/2023", Day{}},  // not a leap year
		{FormatMDY, "2/30/2024", Day{}},
		{FormatMDY, "0/1/2019", Day{}},
		{FormatMDY, "1/0/2019", Day{}},
		{FormatMDY, "1/2/19", Day{}},
		{FormatMDY, "1/2/02019", Day{}},
		{FormatMDY, "2019-01-02", Day{}},
		{FormatMDY, "1/2/2019 10:00 am", Day{}},
		{FormatMDY, "2019-01-02T00:00:00Z", Day{}},
		{FormatMDY, " 1/2/2019", Day{}},
		{FormatMDY, "", Day{}},
		{FormatMMDDYYYY, "01/02/2019", jan2},
		{FormatMMDDYYYY, "1/2/2019", jan2},
		{FormatDMY, "2/1/2019", jan2},
		{FormatDMY, "31/12/2019", dec31},
		{FormatDMY, "12/31/2019", Day{}},
		{FormatDDMMYYYY, "02/01/2019", jan2},
		{FormatDMYDot, "2.1.2019", jan2},
		{FormatDMYDot, "2/1/2019", Day{}},
		{FormatDDMMYYYYDot, "31.12.2019", dec31},
		{FormatISO, "2019-01-02", jan2},
		{FormatISO, "2019-1-2", jan2},
		{FormatISO, "2019-13-01", Day{}},
		{FormatISO, "1/2/2019", Day{}},
		{FormatISO, "2019-01-02T10:00:00Z", Day{}},
		{FormatISO, "2019-01-02 10:00", Day{}},
		{FormatYMDSlash, "2019/01/02", jan2},
		{FormatDMonYYYY, "2-Jan-2019", jan2},
		{FormatDDMonYYYY, "02-Jan-2019", jan2},
		{FormatDDMonYYYY, "31-dec-2019", dec31},
		{FormatDDMonYYYY, "29-FEB-2024", leap},
		{FormatDDMonYYYY, "02-Jna-2019", Day{}},
		{FormatDDMonYYYY, "02-January-2019", Day{}},
		{FormatDDMonYYYY, "2019-01-02", Day{}},
		{FormatDMonYYYY, "5-March-2025", Day{}},
		{FormatDDMonthYYYY, "05-March-2025", mar5},
		{FormatDDMonthYYYY, "05-MARCH-2025", mar5},
		{FormatDDMonthYYYY, "5-march-2025", mar5},
		{FormatDDMonthYYYY, "29-February-2024", leap},
		{FormatDDMonthYYYY, "29-February-2023", Day{}},
		{FormatDDMonthYYYY, "05-Mar-2025", Day{}},
		{FormatDDMonthYYYY, "05-Marchh-2025", Day{}},
		{FormatDDMonthYYYY, "05-M\u00e4rz-2025", Day{}},
		{FormatDDMonthYYYY, "05-March-25", Day{}},
		{FormatDDMonthYYYY, "05/03/2025", Day{}},
		{FormatDMonthYYYY, "5-March-2025", mar5},
		{FormatDMonthYYYY, "31-DECEMBER-2019", dec31},
		{FormatDMonthYYYY, "5-Mar-2025", Day{}},
		{FormatYMDSlashUnpadded, "2025/3/5", mar5},
		{FormatYMDSlashUnpadded, "2025/03/05", mar5},
		{FormatYMDSlashUnpadded, "2025-3-5", Day{}},
		{FormatYMDSlashUnpadded, "2025/3/32", Day{}},
		{FormatISOUnpadded, "2025-3-5", mar5},
		{FormatISOUnpadded, "2025-03-05", mar5},
		{FormatISOUnpadded, "2025/3/5", Day{}},
		{FormatISOUnpadded, "3/5/2025", Day{}},
	}
	for _, tt := range tests {
		got, err := tt.format.Parse(tt.lit)
		if tt.want == (Day{}) {
			var fe *Error
			if !errors.As(err, &fe) {
				t.Errorf("%s.Parse(%q) = %v, %v; want Unparseable date", tt.format, tt.lit, got, err)
				continue
			}
			if want := `Unparseable date: "` + tt.lit + `"`; fe.Code != CodeInvalidParameter || fe.Detail != want {
				t.Errorf("%s.Parse(%q) error = %s %q; want INVALID_PARAMETER %q", tt.format, tt.lit, fe.Code, fe.Detail, want)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s.Parse(%q) = %v, %v; want %v", tt.format, tt.lit, got, err, tt.want)
		}
	}
	if _, err := DateFormat("YYYYMMDD").Parse("20190102"); err == nil {
		t.Error("unsupported format accepted")
	}
}

func TestDateFormatFormat(t *testing.T) {
	t.Parallel()
	d := Day{2019, time.January, 2}
	want := map[DateFormat]string{
		FormatMDY:              "1/2/2019",
		FormatMMDDYYYY:         "01/02/2019",
		FormatDMY:              "2/1/2019",
		FormatDDMMYYYY:         "02/01/2019",
		FormatDMYDot:           "2.1.2019",
		FormatDDMMYYYYDot:      "02.01.2019",
		FormatISO:              "2019-01-02",
		FormatYMDSlash:         "2019/01/02",
		FormatDMonYYYY:         "2-Jan-2019",
		FormatDDMonYYYY:        "02-Jan-2019",
		FormatDDMonthYYYY:      "02-January-2019",
		FormatDMonthYYYY:       "2-January-2019",
		FormatYMDSlashUnpadded: "2019/1/2",
		FormatISOUnpadded:      "2019-1-2",
	}
	if len(want) != len(DateFormats()) {
		t.Fatalf("test covers %d formats of %d", len(want), len(DateFormats()))
	}
	for _, f := range DateFormats() {
		got := f.Format(d)
		if got != want[f] {
			t.Errorf("%s.Format = %q, want %q", f, got, want[f])
		}
		if back, err := f.Parse(got); err != nil || back != d {
			t.Errorf("%s.Parse(%q) = %v, %v; want %v", f, got, back, err, d)
		}
		if !f.Valid() {
			t.Errorf("%s not Valid", f)
		}
	}
	if DateFormat("nope").Valid() {
		t.Error("bogus format Valid")
	}
	if got := DateFormat("nope").Format(d); got != "2019-01-02" {
		t.Errorf("unsupported format: Format = %q, want YYYY-MM-DD", got)
	}
}

// TestDateFormatOracleExamples checks Oracle's examples for March 5, 2025
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N249143.html), formatting
// and parsing instants through Day as the account's dates are: DayOf in the account's location,
// Range back.
func TestDateFormatOracleExamples(t *testing.T) {
	t.Parallel()
	d := time.Date(2025, time.March, 5, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		format DateFormat
		want   string
	}{
		{"M/D/YYYY", "3/5/2025"},
		{"D/M/YYYY", "5/3/2025"},
		{"D-Mon-YYYY", "5-Mar-2025"},
		{"D.M.YYYY", "5.3.2025"},
		{"DD/MM/YYYY", "05/03/2025"},
		{"DD-MONTH-YYYY", "05-March-2025"},
		{"YYYY-MM-DD", "2025-03-05"},
	}
	for _, tt := range tests {
		if got := tt.format.Format(DayOf(d)); got != tt.want {
			t.Errorf("%s.Format = %q, want %q", tt.format, got, tt.want)
		}
		back, err := tt.format.Parse(tt.want)
		if start, _ := back.Range(time.UTC); err != nil || !start.Equal(d) {
			t.Errorf("%s.Parse(%q) = %v, %v", tt.format, tt.want, back, err)
		}
	}
	if _, err := DateFormat("M/D/YYYY").Parse("2025-03-05"); err == nil {
		t.Error("Parse accepted a date in another format")
	}
	if got, err := DateFormat("DD-MONTH-YYYY").Parse("05-MARCH-2025"); err != nil || got != DayOf(d) {
		t.Errorf("month names ignore case: %v, %v", got, err)
	}
	// Oracle's six come first, in Oracle's order; the default is among them.
	oracle := []DateFormat{"M/D/YYYY", "D/M/YYYY", "D-Mon-YYYY", "D.M.YYYY", "DD/MM/YYYY", "DD-MONTH-YYYY"}
	all := DateFormats()
	if len(all) != 14 || !slices.Equal(all[:len(oracle)], oracle) {
		t.Errorf("DateFormats() = %q; want Oracle's six %q first, 14 in all", all, oracle)
	}
	// An instant's date is its day in the account's location.
	la := mustLoad(t, "America/Los_Angeles")
	if got := FormatDDMonthYYYY.Format(DayOf(d.In(la))); got != "04-March-2025" {
		t.Errorf("midnight UTC in Los Angeles = %q, want 04-March-2025", got)
	}
}

// TestDateFormatInQ checks a full-month-name literal through Parse and Compile.
func TestDateFormatInQ(t *testing.T) {
	t.Parallel()
	cust := recordType(t, "customer")
	opts := Options{DateFormat: FormatDDMonthYYYY, Location: mustLoad(t, "America/Los_Angeles")}
	rec := Record{"dateCreated": utc("2026-03-08T10:00:00Z")} // 03:00 PDT on March 8
	for q, want := range map[string]bool{
		`dateCreated ON 08-March-2026`:     true,
		`dateCreated ON "8-MARCH-2026"`:    true,
		`dateCreated BEFORE 09-march-2026`: true,
		`dateCreated AFTER 08-March-2026`:  false,
	} {
		if got := mustCompile(t, q, cust, opts).Match(rec); got != want {
			t.Errorf("%q = %v, want %v", q, got, want)
		}
	}
	e, err := Parse(`dateCreated ON 8-Mar-2026`)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Compile(e, cust, opts)
	var fe *Error
	if !errors.As(err, &fe) || fe.Detail != `Unparseable date: "8-Mar-2026"` {
		t.Errorf("abbreviated month in DD-MONTH-YYYY: %v; want Unparseable date", err)
	}
}

func TestDayRange(t *testing.T) {
	t.Parallel()
	la := mustLoad(t, "America/Los_Angeles")
	syd := mustLoad(t, "Australia/Sydney")
	tests := []struct {
		name       string
		loc        *time.Location
		day        Day
		start, end string
		hours      float64
	}{
		{"LA ordinary", la, Day{2026, time.March, 7}, "2026-03-07T08:00:00Z", "2026-03-08T08:00:00Z", 24},
		{"LA spring forward", la, Day{2026, time.March, 8}, "2026-03-08T08:00:00Z", "2026-03-09T07:00:00Z", 23},
		{"LA summer", la, Day{2026, time.July, 4}, "2026-07-04T07:00:00Z", "2026-07-05T07:00:00Z", 24},
		{"LA fall back", la, Day{2026, time.November, 1}, "2026-11-01T07:00:00Z", "2026-11-02T08:00:00Z", 25},
		{"Sydney DST ends", syd, Day{2026, time.April, 5}, "2026-04-04T13:00:00Z", "2026-04-05T14:00:00Z", 25},
		{"Sydney DST starts", syd, Day{2026, time.October, 4}, "2026-10-03T14:00:00Z", "2026-10-04T13:00:00Z", 23},
		{"UTC", time.UTC, Day{2019, time.January, 1}, "2019-01-01T00:00:00Z", "2019-01-02T00:00:00Z", 24},
		{"year end", la, Day{2019, time.December, 31}, "2019-12-31T08:00:00Z", "2020-01-01T08:00:00Z", 24},
	}
	for _, tt := range tests {
		start, end := tt.day.Range(tt.loc)
		if !start.Equal(utc(tt.start)) || !end.Equal(utc(tt.end)) {
			t.Errorf("%s: Range = [%s, %s), want [%s, %s)", tt.name, start.Format(time.RFC3339), end.Format(time.RFC3339), tt.start, tt.end)
		}
		if got := end.Sub(start).Hours(); got != tt.hours {
			t.Errorf("%s: %v hours, want %v", tt.name, got, tt.hours)
		}
		if start.Location() != time.UTC || end.Location() != time.UTC {
			t.Errorf("%s: Range not in UTC", tt.name)
		}
	}
}

// TestDayRangeMidnightGap covers a zone whose DST starts at midnight, so local
// midnight does not exist: Chile moves 00:00 to 01:00 on the first Sunday of
// September (2026-09-06). The day starts when the gap ends and lasts 23 hours.
func TestDayRangeMidnightGap(t *testing.T) {
	t.Parallel()
	scl := mustLoad(t, "America/Santiago")
	d := Day{2026, time.September, 6}
	start, end := d.Range(scl)
	local := start.In(scl)
	if DayOf(local) != d || local.Hour() != 1 || local.Minute() != 0 {
		t.Errorf("start = %s (%s local), want 01:00 local on %s", start.Format(time.RFC3339), local, d)
	}
	if h := end.Sub(start).Hours(); h != 23 {
		t.Errorf("day is %v hours, want 23", h)
	}
	prevStart, prevEnd := Day{2026, time.September, 5}.Range(scl)
	if !prevEnd.Equal(start) || prevEnd.Sub(prevStart).Hours() != 24 {
		t.Errorf("previous day [%s, %s) does not end where %s starts", prevStart, prevEnd, d)
	}
}

func TestDayCompareAndString(t *testing.T) {
	t.Parallel()
	a, b := Day{2019, time.January, 31}, Day{2019, time.February, 1}
	if a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Error("Compare mismatch")
	}
	if a.next() != b || (Day{2019, time.December, 31}).next() != (Day{2020, time.January, 1}) {
		t.Error("next mismatch")
	}
	if a.String() != "2019-01-31" {
		t.Errorf("String = %q", a.String())
	}
	if got := DayOf(time.Date(2019, 1, 31, 23, 0, 0, 0, mustLoad(t, "America/Los_Angeles"))); got != a {
		t.Errorf("DayOf = %v, want %v (the time's own zone)", got, a)
	}
}
