package nstime

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// wireLayout is NetSuite's datetime wire form: UTC with a Z and whole seconds
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157305090645.html).
const wireLayout = "2006-01-02T15:04:05Z"

// datetimeForms is the list of accepted forms that parse errors show.
const datetimeForms = "accepted: 2026-03-08T14:30:00Z or 2026-03-08T14:30:00-08:00 (an instant), " +
	"2026-03-08T14:30:00 or 2026-03-08T14:30 (wall time in the account time zone), " +
	"2026-03-08 (the start of that day there); seconds may carry a fraction, a space may replace the T"

// reDateTime matches every accepted form, after trimming and upper-casing.
// Groups: 1 year, 2 month, 3 day, 4 hour, 5 minute, 6 second, 7 fraction,
// 8 offset (Z or ±hh:mm).
var reDateTime = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?$`)

// parsedDateTime is an accepted value taken apart.
type parsedDateTime struct {
	wall      time.Time // the wall time, carried in UTC
	dateOnly  bool      // no time part: the start of the day
	hasOffset bool
	offset    int // seconds east of UTC, when hasOffset
}

// ParseDateTime reads a datetime a user gives, such as a --since flag or a
// field value in an action, in the account time zone loc.
//
// Accepted forms (a "t" or "z" in lower case is accepted too, and
// surrounding white space is ignored):
//
//	2026-03-08T14:30:00Z          an instant in UTC (RFC 3339)
//	2026-03-08T14:30:00-08:00     an instant with its UTC offset (RFC 3339)
//	2026-03-08T14:30:00.250-08:00 a fraction of a second, up to nanoseconds
//	2026-03-08T14:30Z             seconds may be left out, with or without an offset
//	2026-03-08 14:30:00-08:00     a space instead of the T
//	2026-03-08T14:30:00           no offset: wall time in loc
//	2026-03-08T14:30              no offset, no seconds: wall time in loc
//	2026-03-08                    a bare date: the start of that day in loc
//
// A value with an offset or Z is taken as is. A value without one is the
// wall time on the account's clocks, resolved by the package's DST rule
// (see WallTime): a time the clocks skipped is moved forward by the gap,
// and a time they showed twice is the first, earlier instant. A bare date
// is the first instant of that day, Date.In's start: midnight, or the end
// of the gap where clocks jump over midnight (America/Santiago,
// Asia/Beirut). Years run from 0001 to 9999.
//
// The result is in loc, whatever offset the value carried. Errors are
// *ParseError and name the value and the accepted forms. ParseDateTime
// panics if loc is nil.
func ParseDateTime(s string, loc *time.Location) (time.Time, error) {
	mustLoc(loc, "ParseDateTime")
	p, err := parseDateTime(s)
	if err != nil {
		return time.Time{}, err
	}
	var t time.Time
	switch {
	case p.hasOffset:
		t = p.wall.Add(-time.Duration(p.offset) * time.Second).In(loc)
	case p.dateOnly:
		y, m, d := p.wall.Date()
		t, _ = Date{y, m, d}.In(loc)
	default:
		t = resolveWall(p.wall, loc).lenient()
	}
	return t, checkRange(s, t)
}

// ParseDateTimeStrict is ParseDateTime for callers that would rather refuse
// a wall time than guess: a value without an offset that the clocks of loc
// showed twice gives an *AmbiguousTimeError naming both instants, and one
// they skipped gives a *NonexistentTimeError naming the gap. Values with an
// offset, and bare dates (the start of the day is always one instant),
// parse as ParseDateTime parses them. It panics if loc is nil.
func ParseDateTimeStrict(s string, loc *time.Location) (time.Time, error) {
	mustLoc(loc, "ParseDateTimeStrict")
	p, err := parseDateTime(s)
	if err != nil {
		return time.Time{}, err
	}
	if p.hasOffset || p.dateOnly {
		return ParseDateTime(s, loc)
	}
	r := resolveWall(p.wall, loc)
	switch r.kind {
	case wallTwice:
		return time.Time{}, &AmbiguousTimeError{
			Value: s, Location: loc,
			Earlier: r.candidates[0], Later: r.candidates[len(r.candidates)-1],
		}
	case wallNonexistent:
		return time.Time{}, &NonexistentTimeError{
			Value: s, Location: loc,
			Transition: r.transition,
			Gap:        time.Duration(r.offsetAfter-r.offsetBefore) * time.Second,
			Shifted:    r.shifted,
			before:     time.FixedZone(zoneName(r.transition.Add(-time.Nanosecond)), r.offsetBefore),
		}
	}
	t := r.candidates[0]
	return t, checkRange(s, t)
}

// zoneName is the abbreviation of the zone in force at t.
func zoneName(t time.Time) string {
	name, _ := t.Zone()
	return name
}

// parseDateTime checks the syntax and the ranges of the fields.
func parseDateTime(s string) (parsedDateTime, error) {
	fail := func(reason string) (parsedDateTime, error) {
		return parsedDateTime{}, &ParseError{Value: s, Reason: reason, what: "datetime", forms: datetimeForms}
	}
	m := reDateTime.FindStringSubmatch(strings.ToUpper(strings.TrimSpace(s)))
	if m == nil {
		switch {
		case strings.TrimSpace(s) == "":
			return fail("empty")
		case looksLikeDisplayDate(s):
			return fail("a date in a display format such as 3/8/2026, which only q filters use; write the date as 2026-03-08")
		default:
			return fail("not a recognised form")
		}
	}
	num := func(i int) int {
		if m[i] == "" {
			return 0
		}
		n, _ := strconv.Atoi(m[i]) // the pattern admits digits only
		return n
	}
	year, month, day := num(1), num(2), num(3)
	hour, minute, sec := num(4), num(5), num(6)
	if reason := checkDate(year, month, day); reason != "" {
		return fail(reason)
	}
	switch {
	case hour > 23:
		return fail("hour " + m[4] + " out of range (00-23)")
	case minute > 59:
		return fail("minute " + m[5] + " out of range (00-59)")
	case sec > 59:
		return fail("second " + m[6] + " out of range (00-59; leap seconds are not supported)")
	}
	nsec := 0
	if f := m[7]; f != "" {
		nsec, _ = strconv.Atoi(f + strings.Repeat("0", 9-len(f)))
	}
	p := parsedDateTime{
		wall:     time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC),
		dateOnly: m[4] == "",
	}
	switch off := m[8]; {
	case off == "Z":
		p.hasOffset = true
	case off != "":
		oh, _ := strconv.Atoi(off[1:3])
		om, _ := strconv.Atoi(off[4:6])
		if oh > 23 || om > 59 {
			return fail("offset " + off + " out of range (-23:59 to +23:59)")
		}
		p.hasOffset = true
		p.offset = oh*3600 + om*60
		if off[0] == '-' {
			p.offset = -p.offset
		}
	}
	return p, nil
}

// looksLikeDisplayDate reports whether s, or its first word, is a date in
// one of the DateFormats other than YYYY-MM-DD.
func looksLikeDisplayDate(s string) bool {
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return false
	}
	for _, f := range DateFormats() {
		if _, err := f.Parse(fields[0]); err == nil && f != FormatISO {
			return true
		}
	}
	return false
}

// checkDate returns why year-month-day is not a calendar day with a year
// from 0001 to 9999, or "" when it is one.
func checkDate(year, month, day int) string {
	switch {
	case year < 1 || year > 9999:
		return "year " + pad(year, 4) + " out of range (0001-9999)"
	case month < 1 || month > 12:
		return "month " + pad(month, 2) + " out of range (01-12)"
	case day < 1 || day > daysIn(year, time.Month(month)):
		return "day " + pad(day, 2) + " out of range for " + time.Month(month).String() + " " + strconv.Itoa(year)
	}
	return ""
}

// checkRange refuses an instant that UTC or loc would write with a year
// outside 0001-9999 (only values on 0001-01-01 or 9999-12-31 with an
// offset get there), so that FormatDateTime and FormatUTC of every parsed
// value can be parsed back.
func checkRange(s string, t time.Time) error {
	if y := t.Year(); y >= 1 && y <= 9999 {
		if y := t.UTC().Year(); y >= 1 && y <= 9999 {
			return nil
		}
	}
	return &ParseError{Value: s, Reason: "outside the years 0001-9999 once converted", what: "datetime", forms: datetimeForms}
}

// daysIn is the number of days in a month.
func daysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// pad writes n with at least width digits.
func pad(n, width int) string {
	s := strconv.Itoa(n)
	if n >= 0 && len(s) < width {
		s = strings.Repeat("0", width-len(s)) + s
	}
	return s
}

// FormatDateTime writes t for display in the account time zone loc: RFC 3339
// with the offset, and with a fraction of a second only when t has one
// (2026-03-08T03:30:00-07:00). ParseDateTime reads it back to the same
// instant.
//
// RFC 3339 offsets have whole minutes. An instant in a period whose offset
// has seconds, which only the local mean time of a zone before it adopted
// standard time has (America/Los_Angeles before 1883: -07:52:58), is
// written in UTC instead, with a Z, so that it still names the same
// instant. FormatDateTime panics if loc is nil.
func FormatDateTime(t time.Time, loc *time.Location) string {
	mustLoc(loc, "FormatDateTime")
	lt := t.In(loc)
	if _, off := lt.Zone(); off%60 != 0 {
		lt = t.UTC()
	}
	return lt.Format(time.RFC3339Nano)
}

// FormatUTC writes t in NetSuite's wire form for datetime fields of the REST
// record API: UTC, whole seconds, a Z (2026-03-08T10:30:00Z;
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157305090645.html).
// A fraction of a second is dropped (truncated, never rounded up, so a cursor
// written with it never skips ahead).
func FormatUTC(t time.Time) string {
	return t.UTC().Format(wireLayout)
}
