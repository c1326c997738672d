package oracle

import (
	"database/sql/driver"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/filter"
)

// Oracle's date functions, on days of the account's wall clock.
// Source: Oracle Database SQL Language Reference 19c, Functions,
// https://docs.oracle.com/en/database/oracle/oracle-database/19/sqlrf/Functions.html
// (ADD_MONTHS, LAST_DAY, MONTHS_BETWEEN, NEXT_DAY, ROUND and TRUNC (date),
// "ROUND and TRUNC Date Functions", SYS_EXTRACT_UTC, TZ_OFFSET).

// dayOf returns the calendar date of days at midnight, and the time of day
// as a fraction of a day.
func dayOf(days float64) (time.Time, float64) {
	d := math.Floor(days)
	return Time(d), days - d
}

// AddMonths is ADD_MONTHS: "If date is the last day of the month or if the
// resulting month has fewer days than the day component of date, then the
// result is the last day of the resulting month."
func AddMonths(days float64, n int) float64 {
	t, frac := dayOf(days)
	y, m, d := t.Date()
	last := d == daysIn(y, m)
	target := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	td := daysIn(target.Year(), target.Month())
	if last || d > td {
		d = td
	}
	return Days(time.Date(target.Year(), target.Month(), d, 0, 0, 0, 0, time.UTC), time.UTC) + frac
}

// LastDay is LAST_DAY: the last day of the month of days, with its time.
func LastDay(days float64) float64 {
	t, frac := dayOf(days)
	y, m, _ := t.Date()
	return Days(time.Date(y, m, daysIn(y, m), 0, 0, 0, 0, time.UTC), time.UTC) + frac
}

// MonthsBetween is MONTHS_BETWEEN(d1, d2): whole months when both are the
// same day of the month or both last days of months; otherwise "the
// fractional portion of the result based on a 31-day month and considers
// the difference in time components".
func MonthsBetween(d1, d2 float64) float64 {
	t1, f1 := dayOf(d1)
	t2, f2 := dayOf(d2)
	y1, m1, a := t1.Date()
	y2, m2, b := t2.Date()
	months := float64((y1-y2)*12 + int(m1) - int(m2))
	if a == b || (a == daysIn(y1, m1) && b == daysIn(y2, m2)) {
		return months
	}
	return months + (float64(a-b)+f1-f2)/31
}

// weekday reads a day name, full or abbreviated, in any case.
func weekday(name string) (time.Weekday, bool) {
	n := strings.ToUpper(strings.TrimSpace(name))
	for i, d := range dayNames {
		u := strings.ToUpper(d)
		if n == u || (len(n) >= 3 && strings.HasPrefix(u, n)) {
			return time.Weekday(i), true
		}
	}
	return 0, false
}

// NextDay is NEXT_DAY: "the date of the first weekday named by char that is
// later than the date", with the time of date.
func NextDay(days float64, name string) (float64, error) {
	wd, ok := weekday(name)
	if !ok {
		return 0, errDayOfWeek
	}
	t, _ := dayOf(days)
	delta := (int(wd) - int(t.Weekday()) + 7) % 7
	if delta == 0 {
		delta = 7
	}
	return days + float64(delta), nil
}

// TruncDate is TRUNC(date, fmt) with the format models of "ROUND and TRUNC
// Date Functions"; an empty fmt is DD.
func TruncDate(days float64, model string) (float64, error) {
	start, _, err := datePeriod(days, model)
	return start, err
}

// RoundDate is ROUND(date, fmt): the nearer of the period's start and the
// next period's start, with Oracle's thresholds: a year rounds up on July
// 1, a quarter on the sixteenth day of its second month, a month on the
// sixteenth day, a day at noon.
func RoundDate(days float64, model string) (float64, error) {
	start, next, err := datePeriod(days, model)
	if err != nil {
		return 0, err
	}
	t, _ := dayOf(start)
	var threshold float64
	switch u := unitOf(model); u {
	case "Y", "I":
		threshold = Days(time.Date(t.Year(), 7, 1, 0, 0, 0, 0, time.UTC), time.UTC)
		if u == "I" {
			threshold = start + (next-start)/2
		}
	case "CC":
		threshold = Days(time.Date(t.Year()+50, 1, 1, 0, 0, 0, 0, time.UTC), time.UTC)
	case "Q":
		threshold = Days(time.Date(t.Year(), t.Month()+1, 16, 0, 0, 0, 0, time.UTC), time.UTC)
	case "MM":
		threshold = Days(time.Date(t.Year(), t.Month(), 16, 0, 0, 0, 0, time.UTC), time.UTC)
	default:
		threshold = start + (next-start)/2
	}
	if days >= threshold-1e-9 {
		return next, nil
	}
	return start, nil
}

// unitOf maps a ROUND/TRUNC date format to its unit.
func unitOf(model string) string {
	switch strings.ToUpper(strings.TrimSpace(model)) {
	case "CC", "SCC":
		return "CC"
	case "SYYYY", "YYYY", "YEAR", "SYEAR", "YYY", "YY", "Y":
		return "Y"
	case "IYYY", "IYY", "IY", "I":
		return "I"
	case "Q":
		return "Q"
	case "MONTH", "MON", "MM", "RM":
		return "MM"
	case "WW":
		return "WW"
	case "IW":
		return "IW"
	case "W":
		return "W"
	case "DDD", "DD", "J", "":
		return "DD"
	case "DAY", "DY", "D":
		return "D"
	case "HH", "HH12", "HH24":
		return "HH"
	case "MI":
		return "MI"
	}
	return ""
}

// datePeriod returns the start of the period of days in model's unit and
// the start of the next period.
func datePeriod(days float64, model string) (start, next float64, err error) {
	t, _ := dayOf(days)
	y, m, _ := t.Date()
	at := func(y int, m time.Month, d int) float64 {
		return Days(time.Date(y, m, d, 0, 0, 0, 0, time.UTC), time.UTC)
	}
	day := math.Floor(days)
	switch unitOf(model) {
	case "CC":
		c := (y-1)/100*100 + 1
		return at(c, 1, 1), at(c+100, 1, 1), nil
	case "Y":
		return at(y, 1, 1), at(y+1, 1, 1), nil
	case "I":
		iy, _ := t.ISOWeek()
		return isoYearStart(iy), isoYearStart(iy + 1), nil
	case "Q":
		q := (m-1)/3*3 + 1
		return at(y, q, 1), at(y, q+3, 1), nil
	case "MM":
		return at(y, m, 1), at(y, m+1, 1), nil
	case "WW":
		s := day - float64((t.YearDay()-1)%7)
		return s, s + 7, nil
	case "IW":
		s := day - float64((int(t.Weekday())+6)%7)
		return s, s + 7, nil
	case "W":
		s := day - float64((t.Day()-1)%7)
		return s, s + 7, nil
	case "DD":
		return day, day + 1, nil
	case "D":
		// Assumption: the week starts on Sunday (NLS_TERRITORY AMERICA).
		s := day - float64(t.Weekday())
		return s, s + 7, nil
	case "HH":
		h := math.Floor(math.Round((days-day)*24*3600) / 3600)
		return day + h/24, day + (h+1)/24, nil
	case "MI":
		mi := math.Floor(math.Round((days-day)*24*3600) / 60)
		return day + mi/1440, day + (mi+1)/1440, nil
	}
	return 0, 0, errFormat
}

// isoYearStart returns the Monday of ISO week 1 of year y.
func isoYearStart(y int) float64 {
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
	return Days(jan4, time.UTC) - float64((int(jan4.Weekday())+6)%7)
}

// SysExtractUTC is SYS_EXTRACT_UTC: the UTC wall clock of the wall time days
// in zone (a gap or an overlap resolves as time.Date does).
func SysExtractUTC(days float64, zone string) (float64, error) {
	loc, err := zoneLocation(zone)
	if err != nil {
		return 0, err
	}
	return Days(Instant(days, loc), time.UTC), nil
}

var offsetRe = regexp.MustCompile(`^([+-])(\d{1,2}):(\d{2})$`)

// zoneLocation reads an IANA name ('America/Los_Angeles', 'US/Eastern') or
// an offset ('+05:00').
func zoneLocation(zone string) (*time.Location, error) {
	z := strings.TrimSpace(zone)
	if m := offsetRe.FindStringSubmatch(z); m != nil {
		h, _ := strconv.Atoi(m[2])
		mi, _ := strconv.Atoi(m[3])
		if h > 14 || mi > 59 {
			return nil, fmt.Errorf("ORA-01874: time zone hour must be between -15 and 15")
		}
		secs := h*3600 + mi*60
		if m[1] == "-" {
			secs = -secs
		}
		return time.FixedZone(z, secs), nil
	}
	loc, err := Location(z)
	if err != nil {
		return nil, fmt.Errorf("ORA-01882: timezone region not found: %q", zone)
	}
	return loc, nil
}

// TZOffset is TZ_OFFSET(zone) at the instant nowUnix: '+HH:MM' or '-HH:MM'.
func TZOffset(zone string, nowUnix int64) (string, error) {
	loc, err := zoneLocation(zone)
	if err != nil {
		return "", err
	}
	_, off := time.Unix(nowUnix, 0).In(loc).Zone()
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("%c%02d:%02d", sign, off/3600, off%3600/60), nil
}

var timeOfDayRe = regexp.MustCompile(`^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?$`)

// ImplicitDate reads s as NetSuite reads a string compared with a date: in
// the account's Date Format preference (format, a filter.DateFormat such as
// M/D/YYYY), optionally followed by a time of day ' HH24:MI[:SS]' or
// ' HH:MI[:SS] AM'.
//
// Assumption: the error text; NetSuite's own for this case is not recorded.
func ImplicitDate(s, format string) (float64, error) {
	bad := fmt.Errorf("Unparseable date: %q (the account's date format is %s)", s, format)
	datePart, timePart, _ := strings.Cut(strings.TrimSpace(s), " ")
	d, err := filter.DateFormat(format).Parse(datePart)
	if err != nil {
		return 0, bad
	}
	days := Days(time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC), time.UTC)
	timePart = strings.TrimSpace(timePart)
	if timePart == "" {
		return days, nil
	}
	m := timeOfDayRe.FindStringSubmatch(timePart)
	if m == nil {
		return 0, bad
	}
	h, _ := strconv.Atoi(m[1])
	mi, _ := strconv.Atoi(m[2])
	sec, _ := strconv.Atoi(m[3])
	if m[4] != "" {
		if h < 1 || h > 12 {
			return 0, bad
		}
		h %= 12
		if m[4] == "P" || m[4] == "p" {
			h += 12
		}
	}
	if h > 23 || mi > 59 || sec > 59 {
		return 0, bad
	}
	return days + float64(h*3600+mi*60+sec)/secondsPerDay, nil
}

func init() {
	registerRange("sq_to_char_date", 1, 3, "TO_CHAR(date[, format[, nlsparam]])", func(args []driver.Value) (driver.Value, error) {
		if args[0] == nil || (len(args) > 1 && args[1] == nil) {
			return nil, nil
		}
		days, err := number(args[0])
		if err != nil {
			return nil, err
		}
		// Assumption: with no model, TO_CHAR(date) writes NLS_DATE_FORMAT
		// DD-MON-RR, Oracle's default for AMERICA.
		model := "DD-MON-RR"
		if len(args) > 1 {
			model = str(args[1])
		}
		s, err := FormatDate(days, model)
		if err != nil {
			return nil, err
		}
		return textResult(s), nil
	})
	toDate := func(timestamp bool) func(args []driver.Value) (driver.Value, error) {
		return func(args []driver.Value) (driver.Value, error) {
			if args[0] == nil {
				return nil, nil
			}
			s := str(args[0])
			// Assumption: with no model, the string is read in
			// YYYY-MM-DD HH24:MI:SS (SuiteQL's literal form).
			model := "YYYY-MM-DD HH24:MI:SS"
			if timestamp {
				model = "YYYY-MM-DD HH24:MI:SS.FF"
			}
			if len(args) > 1 {
				if args[1] == nil {
					return nil, nil
				}
				model = str(args[1])
			}
			now := 0.0
			if len(args) > 2 {
				// A number here is the current date (days), passed by
				// the translator; text is Oracle's nlsparam, ignored.
				if v, ok := args[2].(float64); ok {
					now = v
				} else if v, ok := args[2].(int64); ok {
					now = float64(v)
				}
			}
			var d float64
			var err error
			if timestamp {
				d, err = ParseTimestamp(s, model, now)
			} else {
				d, err = ParseDateAt(s, model, now)
			}
			if err != nil {
				return nil, err
			}
			return d, nil
		}
	}
	registerRange("sq_to_date", 1, 3, "TO_DATE(string[, format[, now]])", toDate(false))
	registerRange("sq_to_timestamp", 1, 3, "TO_TIMESTAMP(string[, format[, now]])", toDate(true))
	register("sq_implicit_date", 2, func(args []driver.Value) (driver.Value, error) {
		if anyNull(args) {
			return nil, nil
		}
		if _, ok := args[0].(float64); ok {
			return args[0], nil // already a date
		}
		d, err := ImplicitDate(str(args[0]), str(args[1]))
		if err != nil {
			return nil, err
		}
		return d, nil
	})
	register("sq_add_months", 2, func(args []driver.Value) (driver.Value, error) {
		if anyNull(args) {
			return nil, nil
		}
		d, err := number(args[0])
		if err != nil {
			return nil, err
		}
		n, err := integer(args[1])
		if err != nil {
			return nil, err
		}
		return AddMonths(d, n), nil
	})
	register("sq_last_day", 1, func(args []driver.Value) (driver.Value, error) {
		if anyNull(args) {
			return nil, nil
		}
		d, err := number(args[0])
		if err != nil {
			return nil, err
		}
		return LastDay(d), nil
	})
	registerBinary("sq_months_between", func(a, b float64) (driver.Value, error) {
		return numResult(MonthsBetween(a, b)), nil
	})
	register("sq_next_day", 2, func(args []driver.Value) (driver.Value, error) {
		if anyNull(args) {
			return nil, nil
		}
		d, err := number(args[0])
		if err != nil {
			return nil, err
		}
		r, err := NextDay(d, str(args[1]))
		if err != nil {
			return nil, err
		}
		return r, nil
	})
	dateRound := func(name, usage string, fn func(float64, string) (float64, error)) {
		registerRange(name, 1, 2, usage, func(args []driver.Value) (driver.Value, error) {
			if anyNull(args) {
				return nil, nil
			}
			d, err := number(args[0])
			if err != nil {
				return nil, err
			}
			model := "DD"
			if len(args) > 1 {
				model = str(args[1])
			}
			r, err := fn(d, model)
			if err != nil {
				return nil, err
			}
			return r, nil
		})
	}
	dateRound("sq_trunc_date", "TRUNC(date[, format])", TruncDate)
	dateRound("sq_round_date", "ROUND(date[, format])", RoundDate)
	register("sq_sys_extract_utc", 2, func(args []driver.Value) (driver.Value, error) {
		if anyNull(args) {
			return nil, nil
		}
		d, err := number(args[0])
		if err != nil {
			return nil, err
		}
		r, err := SysExtractUTC(d, str(args[1]))
		if err != nil {
			return nil, err
		}
		return r, nil
	})
	register("sq_tz_offset", 2, func(args []driver.Value) (driver.Value, error) {
		if anyNull(args) {
			return nil, nil
		}
		now, err := number(args[1])
		if err != nil {
			return nil, err
		}
		r, err := TZOffset(str(args[0]), int64(now))
		if err != nil {
			return nil, err
		}
		return r, nil
	})
	register("sq_relative_range", 3, func(args []driver.Value) (driver.Value, error) {
		if anyNull(args) {
			return nil, nil
		}
		now, err := number(args[2])
		if err != nil {
			return nil, err
		}
		r, err := RelativeRange(str(args[0]), str(args[1]), now)
		if err != nil {
			return nil, err
		}
		return r, nil
	})
}
