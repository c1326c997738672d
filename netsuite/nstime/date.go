package nstime

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day with no time and no time zone: the value of a NetSuite
// date field, which the record API writes as 2026-03-08 and never converts
// between time zones
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157305090645.html).
// The zero Date is not a valid day.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf is the day on the account's calendar, in loc, that contains t. It
// panics if loc is nil.
func DateOf(t time.Time, loc *time.Location) Date {
	mustLoc(loc, "DateOf")
	y, m, d := t.In(loc).Date()
	return Date{y, m, d}
}

// dateForms is the accepted form that date parse errors show.
const dateForms = "accepted: YYYY-MM-DD, e.g. 2026-03-08"

var reDate = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)

// ParseDate reads a day in NetSuite's wire form for date fields,
// YYYY-MM-DD (2026-03-08), after trimming white space. The day must exist
// (2026-02-29 does not) and the year must run from 0001 to 9999. Errors
// are *ParseError. To read a date in the account's display format
// (3/8/2026), use DateFormat.Parse.
func ParseDate(s string) (Date, error) {
	m := reDate.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		reason := "not a YYYY-MM-DD date"
		if looksLikeDisplayDate(s) {
			reason += " (a date in a display format such as 3/8/2026 is read by DateFormat.Parse)"
		}
		return Date{}, &ParseError{Value: s, Reason: reason, what: "date", forms: dateForms}
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if reason := checkDate(y, mo, d); reason != "" {
		return Date{}, &ParseError{Value: s, Reason: reason, what: "date", forms: dateForms}
	}
	return Date{y, time.Month(mo), d}, nil
}

// String writes d as YYYY-MM-DD, NetSuite's wire form for date fields.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// IsValid reports whether d is a calendar day with a year from 0001 to
// 9999, the days ParseDate accepts.
func (d Date) IsValid() bool {
	return checkDate(d.Year, int(d.Month), d.Day) == ""
}

// In returns the instants the day d spans on the clocks of loc, as the
// half-open interval [start, end), both in loc. The days of a location
// tile its time line: end is the start of the next day.
//
// Start is the first instant whose wall clock shows d: midnight, or, where
// clocks jump over midnight (America/Santiago, Asia/Beirut), the end of the
// jump; where they show midnight twice, the first time. That is WallTime of
// 00:00 under the package's DST rule. So a day is usually 24 hours long,
// and 23 or 25 hours on the days clocks change (2026-03-08 is 23 hours and
// 2026-11-01 25 hours in America/Los_Angeles). A day the zone skipped
// entirely is empty (2011-12-30 in Pacific/Apia).
//
// An invalid d is normalized as time.Date normalizes it (February 30 is
// March 2). In panics if loc is nil.
func (d Date) In(loc *time.Location) (start, end time.Time) {
	mustLoc(loc, "Date.In")
	next := d.AddDays(1)
	return WallTime(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc),
		WallTime(next.Year, next.Month, next.Day, 0, 0, 0, 0, loc)
}

// AddDays returns the day n days after d (before it when n is negative).
func (d Date) AddDays(n int) Date {
	y, m, day := time.Date(d.Year, d.Month, d.Day+n, 0, 0, 0, 0, time.UTC).Date()
	return Date{y, m, day}
}

// Compare returns -1 if d is before e, 0 if they are the same day and +1
// if d is after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	default:
		return cmpInt(d.Day, e.Day)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// MarshalText writes d as YYYY-MM-DD, so that a Date is a JSON string in
// NetSuite's form. An invalid Date (the zero Date among them) is an error.
func (d Date) MarshalText() ([]byte, error) {
	if !d.IsValid() {
		return nil, fmt.Errorf("nstime: Date.MarshalText: %s is not a valid date", d)
	}
	return []byte(d.String()), nil
}

// UnmarshalText reads a YYYY-MM-DD date, as ParseDate does.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
