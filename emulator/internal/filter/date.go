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

// DateFormat is an account's date format preference, written as NetSuite's
// preference list writes it ("M/D/YYYY"). Date literals in `q` must use it
// (REFERENCE.md §9.3).
type DateFormat string

// The supported date formats. M/D/YYYY is NetSuite's default.
const (
	FormatMDY         DateFormat = "M/D/YYYY"
	FormatMMDDYYYY    DateFormat = "MM/DD/YYYY"
	FormatDMY         DateFormat = "D/M/YYYY"
	FormatDDMMYYYY    DateFormat = "DD/MM/YYYY"
	FormatDMYDot      DateFormat = "D.M.YYYY"
	FormatDDMMYYYYDot DateFormat = "DD.MM.YYYY"
	FormatISO         DateFormat = "YYYY-MM-DD"
	FormatYMDSlash    DateFormat = "YYYY/MM/DD"
	FormatDMonYYYY    DateFormat = "D-Mon-YYYY"
	FormatDDMonYYYY   DateFormat = "DD-Mon-YYYY"
)

// dateLayout says how a format is read and written.
type dateLayout struct {
	re    *regexp.Regexp // submatches in the order of order
	order string         // "dmy", "mdy" or "ymd"; 'b' for an abbreviated month name
	pad   bool           // write day and month with two digits
	write string         // fmt verb pattern for Format
}

var (
	reSlash = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)
	reDot   = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{4})$`)
	reISO   = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	reYMD   = regexp.MustCompile(`^(\d{4})/(\d{1,2})/(\d{1,2})$`)
	reMon   = regexp.MustCompile(`^(\d{1,2})-([A-Za-z]{3})-(\d{4})$`)
)

var layouts = map[DateFormat]dateLayout{
	FormatMDY:         {reSlash, "mdy", false, "%[2]d/%[3]d/%04[1]d"},
	FormatMMDDYYYY:    {reSlash, "mdy", true, "%02[2]d/%02[3]d/%04[1]d"},
	FormatDMY:         {reSlash, "dmy", false, "%[3]d/%[2]d/%04[1]d"},
	FormatDDMMYYYY:    {reSlash, "dmy", true, "%02[3]d/%02[2]d/%04[1]d"},
	FormatDMYDot:      {reDot, "dmy", false, "%[3]d.%[2]d.%04[1]d"},
	FormatDDMMYYYYDot: {reDot, "dmy", true, "%02[3]d.%02[2]d.%04[1]d"},
	FormatISO:         {reISO, "ymd", true, "%04[1]d-%02[2]d-%02[3]d"},
	FormatYMDSlash:    {reYMD, "ymd", true, "%04[1]d/%02[2]d/%02[3]d"},
	FormatDMonYYYY:    {reMon, "dby", false, ""},
	FormatDDMonYYYY:   {reMon, "dby", true, ""},
}

// DateFormats returns the supported formats.
func DateFormats() []DateFormat {
	return []DateFormat{
		FormatMDY, FormatMMDDYYYY, FormatDMY, FormatDDMMYYYY, FormatDMYDot, FormatDDMMYYYYDot,
		FormatISO, FormatYMDSlash, FormatDMonYYYY, FormatDDMonYYYY,
	}
}

// Valid reports whether f is a supported format.
func (f DateFormat) Valid() bool {
	_, ok := layouts[f]
	return ok
}

// Parse reads a date literal written in format f. Day and month may have one or
// two digits whatever the format's padding; the year has four; month names are
// English three-letter abbreviations in any case. Anything else (another format,
// an impossible date, a time of day) gives an *Error with code INVALID_PARAMETER
// and detail `Unparseable date: "<literal>"` (REFERENCE.md §7.2, §9.3).
func (f DateFormat) Parse(lit string) (Day, error) {
	l, ok := layouts[f]
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
			d.Month = monthAbbr(s)
		}
	}
	if d.Year < 1 || d.Month < time.January || d.Month > time.December || d.Day < 1 ||
		d.Day > time.Date(d.Year, d.Month+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return Day{}, unparseable
	}
	return d, nil
}

// Format writes d in format f, as NetSuite would display it.
func (f DateFormat) Format(d Day) string {
	l, ok := layouts[f]
	if !ok {
		return d.String()
	}
	if l.order == "dby" {
		mon := d.Month.String()[:3]
		if l.pad {
			return fmt.Sprintf("%02d-%s-%04d", d.Day, mon, d.Year)
		}
		return fmt.Sprintf("%d-%s-%04d", d.Day, mon, d.Year)
	}
	return fmt.Sprintf(l.write, d.Year, int(d.Month), d.Day)
}

func monthAbbr(s string) time.Month {
	for m := time.January; m <= time.December; m++ {
		if strings.EqualFold(m.String()[:3], s) {
			return m
		}
	}
	return 0
}
