package filter

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Day is a calendar date with no time and no zone.
type Day struct {
	Year  int
	Month time.Month
	Day   int
}

// DayOf returns the calendar date of t in t's own location.
func DayOf(t time.Time) Day {
	y, m, d := t.Date()
	return Day{y, m, d}
}

// String returns the date as YYYY-MM-DD, the REST API's date format.
func (d Day) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Day) Compare(e Day) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	}
	return cmpInt(d.Day, e.Day)
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

// next returns the following calendar day.
func (d Day) next() Day {
	return DayOf(time.Date(d.Year, d.Month, d.Day+1, 0, 0, 0, 0, time.UTC))
}

// Range returns the instants a whole day covers in loc: [start, end), as UTC. The
// day is 23 or 25 hours long on DST changes. When midnight does not exist in loc
// (a DST gap at 00:00), the day starts at the first instant after the gap.
func (d Day) Range(loc *time.Location) (start, end time.Time) {
	return startOfDay(d, loc), startOfDay(d.next(), loc)
}

func startOfDay(d Day, loc *time.Location) time.Time {
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
	if DayOf(t).Compare(d) < 0 {
		// time.Date resolved a midnight inside a DST gap to the previous day;
		// the day begins when the gap ends.
		_, t = t.ZoneBounds()
	}
	return t.UTC()
}

// DateFormat is an account's Date Format preference (Setup > Company > General
// Preferences), written as NetSuite's preference list writes it: M/D/YYYY,
// D-Mon-YYYY, DD-MONTH-YYYY, ... Date literals in `q` must use it
// (airbytehq/airbyte source_netsuite/constraints.py), and NetSuite shows dates
// in it (salto-io/salto's NetSuite adapter: "3/5/2021" for M/D/YYYY).
type DateFormat string

// The supported date formats. The first six are the formats Oracle lists with examples, for March
// 5, 2025 (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N249143.html):
// M/D/YYYY 3/5/2025, D/M/YYYY 5/3/2025, D-Mon-YYYY 5-Mar-2025, D.M.YYYY 5.3.2025, DD/MM/YYYY
// 05/03/2025, DD-MONTH-YYYY 05-March-2025. M/D/YYYY is NetSuite's default: "The default date format
// is M/D/YYYY"
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N249143.html).
//
// Assumption: the other eight are formats of the same family that the
// preference also offers; Oracle's page says it shows only "some of the
// available date formats".
const (
	FormatMDY         DateFormat = "M/D/YYYY"
	FormatDMY         DateFormat = "D/M/YYYY"
	FormatDMonYYYY    DateFormat = "D-Mon-YYYY"
	FormatDMYDot      DateFormat = "D.M.YYYY"
	FormatDDMMYYYY    DateFormat = "DD/MM/YYYY"
	FormatDDMonthYYYY DateFormat = "DD-MONTH-YYYY"

	FormatMMDDYYYY         DateFormat = "MM/DD/YYYY"
	FormatDDMMYYYYDot      DateFormat = "DD.MM.YYYY"
	FormatDDMonYYYY        DateFormat = "DD-Mon-YYYY"
	FormatDMonthYYYY       DateFormat = "D-MONTH-YYYY"
	FormatYMDSlash         DateFormat = "YYYY/MM/DD"
	FormatISO              DateFormat = "YYYY-MM-DD"
	FormatYMDSlashUnpadded DateFormat = "YYYY/M/D"
	FormatISOUnpadded      DateFormat = "YYYY-M-D"
)

// dateLayout says how a format is read and written.
type dateLayout struct {
	re    *regexp.Regexp // one submatch per letter of order
	order string         // the parts in order: d day, m month number, y year, b month abbreviation (Mar), B month name (March)
	sep   string         // written between the parts
	pad   bool           // write day and month numbers with two digits
}

var (
	reSlash = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)
	reDot   = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{4})$`)
	reISO   = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	reYMD   = regexp.MustCompile(`^(\d{4})/(\d{1,2})/(\d{1,2})$`)
	reName  = regexp.MustCompile(`^(\d{1,2})-([A-Za-z]+)-(\d{4})$`)
)

// dateFormats lists the supported formats in the order DateFormats returns
// them: Oracle's six first, as above.
var dateFormats = []struct {
	format DateFormat
	layout dateLayout
}{
	{FormatMDY, dateLayout{reSlash, "mdy", "/", false}},
	{FormatDMY, dateLayout{reSlash, "dmy", "/", false}},
	{FormatDMonYYYY, dateLayout{reName, "dby", "-", false}},
	{FormatDMYDot, dateLayout{reDot, "dmy", ".", false}},
	{FormatDDMMYYYY, dateLayout{reSlash, "dmy", "/", true}},
	{FormatDDMonthYYYY, dateLayout{reName, "dBy", "-", true}},
	{FormatMMDDYYYY, dateLayout{reSlash, "mdy", "/", true}},
	{FormatDDMMYYYYDot, dateLayout{reDot, "dmy", ".", true}},
	{FormatDDMonYYYY, dateLayout{reName, "dby", "-", true}},
	{FormatDMonthYYYY, dateLayout{reName, "dBy", "-", false}},
	{FormatYMDSlash, dateLayout{reYMD, "ymd", "/", true}},
	{FormatISO, dateLayout{reISO, "ymd", "-", true}},
	{FormatYMDSlashUnpadded, dateLayout{reYMD, "ymd", "/", false}},
	{FormatISOUnpadded, dateLayout{reISO, "ymd", "-", false}},
}

// DateFormats returns the supported formats: first the six Oracle lists with examples
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N249143.html), then the
// ones assumed.
func DateFormats() []DateFormat {
	out := make([]DateFormat, len(dateFormats))
	for i, d := range dateFormats {
		out[i] = d.format
	}
	return out
}

func (f DateFormat) layout() (dateLayout, bool) {
	for _, d := range dateFormats {
		if d.format == f {
			return d.layout, true
		}
	}
	return dateLayout{}, false
}

// Valid reports whether f is a supported format.
func (f DateFormat) Valid() bool {
	_, ok := f.layout()
	return ok
}

// Parse reads a date literal written in format f. Day and month numbers may
// have one or two digits whatever the format's padding; the year has four;
// month names are English, in any case: three-letter abbreviations (Mar) in the
// Mon formats, full names (March) in the MONTH formats. Anything else (another
// format, an impossible date, a time of day) gives an *Error with code
// INVALID_PARAMETER and detail `Unparseable date: "<literal>"`
// (airbytehq/airbyte source_netsuite/streams.py, constraints.py).
//
// To read a date as an instant, use the Day's Range in the account's location:
// its start is the day's first instant.
func (f DateFormat) Parse(lit string) (Day, error) {
	l, ok := f.layout()
	if !ok {
		return Day{}, fmt.Errorf("filter: unsupported date format %q", string(f))
	}
	unparseable := invalid(`Unparseable date: "` + lit + `"`)
	m := l.re.FindStringSubmatch(lit)
	if m == nil {
		return Day{}, unparseable
	}
	var d Day
	for i, part := range l.order {
		s := m[i+1]
		switch part {
		case 'd':
			d.Day, _ = strconv.Atoi(s)
		case 'm':
			n, _ := strconv.Atoi(s)
			d.Month = time.Month(n)
		case 'y':
			d.Year, _ = strconv.Atoi(s)
		case 'b':
			d.Month = monthNamed(s, 3)
		case 'B':
			d.Month = monthNamed(s, 0)
		}
	}
	if d.Year < 1 || d.Month < time.January || d.Month > time.December || d.Day < 1 ||
		d.Day > time.Date(d.Year, d.Month+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return Day{}, unparseable
	}
	return d, nil
}

// Format writes d in format f, as NetSuite displays it: month names in title
// case whatever the format's spelling (Oracle's example for DD-MONTH-YYYY is
// 05-March-2025). It writes YYYY-MM-DD if f is not supported. To write an
// instant, take its Day in the account's location: f.Format(DayOf(t.In(loc))).
func (f DateFormat) Format(d Day) string {
	l, ok := f.layout()
	if !ok {
		return d.String()
	}
	parts := make([]string, len(l.order))
	for i, part := range l.order {
		switch part {
		case 'd':
			parts[i] = twoDigits(d.Day, l.pad)
		case 'm':
			parts[i] = twoDigits(int(d.Month), l.pad)
		case 'y':
			parts[i] = fmt.Sprintf("%04d", d.Year)
		case 'b':
			parts[i] = d.Month.String()[:3]
		case 'B':
			parts[i] = d.Month.String()
		}
	}
	return strings.Join(parts, l.sep)
}

func twoDigits(n int, pad bool) string {
	if pad {
		return fmt.Sprintf("%02d", n)
	}
	return strconv.Itoa(n)
}

// monthNamed returns the month whose English name, cut to n letters (whole if
// n is 0), is s ignoring case, or 0 if there is none.
func monthNamed(s string, n int) time.Month {
	for m := time.January; m <= time.December; m++ {
		name := m.String()
		if n > 0 {
			name = name[:n]
		}
		if strings.EqualFold(name, s) {
			return m
		}
	}
	return 0
}
