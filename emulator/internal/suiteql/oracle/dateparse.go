package oracle

import (
	"strings"
	"time"
)

// ParseDate reads s in the Oracle datetime format model, as TO_DATE(s,
// model) does, and returns days of the account's wall clock. Fields the
// model does not give default as Oracle's do relative to the current date
// (current year, current month, day 1); ParseDate takes 1970-01 as the
// current month, so callers that know the clock use ParseDateAt.
//
// Assumption: without a clock the current month is January 1970.
func ParseDate(s, model string) (float64, error) {
	return parse(s, model, 0, false)
}

// ParseDateAt is ParseDate with the current date now (days), which fixes
// the defaults of missing fields and the century of YY and RR.
func ParseDateAt(s, model string, now float64) (float64, error) {
	return parse(s, model, now, false)
}

// ParseTimestamp is ParseDateAt for TO_TIMESTAMP: the model may hold FF,
// and the result keeps fractional seconds.
func ParseTimestamp(s, model string, now float64) (float64, error) {
	return parse(s, model, now, true)
}

// fields collects what the input gives.
type fields struct {
	year, month, day        int
	hour, minute, second    int
	nanos                   int
	pm, hasMeridian, hour12 bool
	doy, julian, sssss      int
	hasYear                 bool
}

func parse(s, model string, now float64, timestamp bool) (float64, error) {
	elems, err := parseModel(model)
	if err != nil {
		return 0, err
	}
	cur := Time(now)
	f := fields{year: cur.Year(), month: int(cur.Month()), day: 1, doy: -1, julian: -1, sssss: -1}
	p := 0
	for _, e := range elems {
		if !e.fx {
			// Oracle skips blanks before an element outside FX.
			for p < len(s) && s[p] == ' ' {
				p++
			}
		}
		if p >= len(s) {
			// Assumption: input that ends early leaves the rest of the
			// model's fields at their defaults, as Oracle does for time
			// fields at the end ("You can omit time fields found at the
			// end of a format string").
			if !e.fx || e.kind == eLiteral {
				break
			}
			return 0, errLiteral
		}
		n, err := parseElem(s[p:], e, &f, cur, timestamp)
		if err != nil {
			return 0, err
		}
		p += n
	}
	for p < len(s) && s[p] == ' ' {
		p++
	}
	if p < len(s) {
		return 0, errPictureEnds
	}
	return f.days()
}

func (f *fields) days() (float64, error) {
	if f.year == 0 || f.year < -4713 || f.year > 9999 {
		return 0, errYear
	}
	if f.hasMeridian || f.hour12 {
		if f.hour12 && (f.hour < 1 || f.hour > 12) {
			return 0, errHour12
		}
		f.hour %= 12
		if f.pm {
			f.hour += 12
		}
	}
	var t time.Time
	switch {
	case f.julian >= 0:
		t = time.Unix(int64(f.julian-julianEpoch)*secondsPerDay, 0).UTC()
	case f.doy >= 0:
		last := 365
		if isLeap(f.year) {
			last = 366
		}
		if f.doy < 1 || f.doy > last {
			return 0, errDayOfYear
		}
		t = time.Date(f.year, 1, f.doy, 0, 0, 0, 0, time.UTC)
	default:
		if f.month < 1 || f.month > 12 {
			return 0, errMonth
		}
		if f.day < 1 || f.day > daysIn(f.year, time.Month(f.month)) {
			return 0, errDayOfMonth
		}
		t = time.Date(f.year, time.Month(f.month), f.day, 0, 0, 0, 0, time.UTC)
	}
	secs := f.hour*3600 + f.minute*60 + f.second
	if f.sssss >= 0 {
		secs = f.sssss
	}
	d := Days(t, time.UTC) + (float64(secs)+float64(f.nanos)/1e9)/secondsPerDay
	return d, nil
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// parseElem reads element e at the start of s and returns the bytes used.
func parseElem(s string, e elem, f *fields, cur time.Time, timestamp bool) (int, error) {
	switch e.kind {
	case eLiteral:
		return parseLiteral(s, e)
	case eMONTH, eMON:
		m, n := matchName(s, monthNames[:], e.kind == eMON, e.fx)
		if n == 0 {
			return 0, errMonth
		}
		f.month = m + 1
		return n, nil
	case eDAY, eDY:
		_, n := matchName(s, dayNames[:], e.kind == eDY, e.fx)
		if n == 0 {
			return 0, errDayOfWeek
		}
		return n, nil
	case eRM:
		// The longest numeral that prefixes s (VIII before VII before V).
		best, bestLen := -1, 0
		for j, r := range romans {
			if len(r) > bestLen && len(s) >= len(r) && strings.EqualFold(s[:len(r)], r) {
				best, bestLen = j, len(r)
			}
		}
		if best < 0 {
			return 0, errMonth
		}
		f.month = best + 1
		return bestLen, nil
	case eAM, eAMDots:
		for _, m := range []string{"A.M.", "P.M.", "AM", "PM"} {
			if len(s) >= len(m) && strings.EqualFold(s[:len(m)], m) {
				f.hasMeridian = true
				f.pm = m[0] == 'P'
				return len(m), nil
			}
		}
		return 0, errMeridian
	case eAD, eADDots:
		for _, m := range []string{"A.D.", "B.C.", "AD", "BC"} {
			if len(s) >= len(m) && strings.EqualFold(s[:len(m)], m) {
				if m[0] == 'B' {
					f.year = -abs(f.year)
				}
				return len(m), nil
			}
		}
		return 0, errLiteral
	case eFF:
		if !timestamp {
			return 0, errFractionInput
		}
		width := e.width
		if width == 0 {
			width = 9
		}
		v, n, err := readDigits(s, width, e)
		if err != nil {
			return 0, err
		}
		for k := n; k < 9; k++ {
			v *= 10
		}
		f.nanos = v
		return n, nil
	case eDS, eTS, eDL, eYEAR, eCC, eQ, eWW, eIW, eW, eIYYY, eIYY, eIY, eI, eTZD, eTZR, eTZH, eTZM, eX:
		// Oracle accepts none of these in TO_DATE (ORA-01820), except
		// that X and the TZ elements belong to timestamps with zones.
		return 0, errNotForInput
	}
	width := map[elemKind]int{eYYYY: 4, eYYY: 3, eYY: 2, eY: 1, eYcomma: 5, eRRRR: 4, eRR: 2,
		eMM: 2, eDDD: 3, eDD: 2, eD: 1, eJ: 7, eHH12: 2, eHH24: 2, eMI: 2, eSS: 2, eSSSSS: 5}[e.kind]
	if e.kind == eYcomma {
		// Y,YYY: digits with an optional comma.
		v, n := 0, 0
		for n < len(s) && n < 5 && (isDigit(s[n]) || s[n] == ',') {
			if s[n] != ',' {
				v = v*10 + int(s[n]-'0')
			}
			n++
		}
		if n == 0 {
			return 0, errNonNumeric
		}
		f.year, f.hasYear = v, true
		return n, nil
	}
	v, n, err := readDigits(s, width, e)
	if err != nil {
		if e.kind == eMM {
			// Oracle tries MON and MONTH where MM does not match.
			m, n := matchName(s, monthNames[:], false, false)
			if n > 0 {
				f.month = m + 1
				return n, nil
			}
		}
		return 0, err
	}
	cy := cur.Year()
	switch e.kind {
	case eYYYY:
		f.year = v
	case eYYY:
		f.year = cy - cy%1000 + v
		if n == 4 {
			f.year = v
		}
	case eYY:
		f.year = cy - cy%100 + v
		if n > 2 {
			f.year = v
		}
	case eY:
		f.year = cy - cy%10 + v
	case eRR, eRRRR:
		f.year = v
		if n <= 2 {
			f.year = rrYear(v, cy)
		}
	case eMM:
		if v < 1 || v > 12 {
			return 0, errMonth
		}
		f.month = v
	case eDD:
		if v < 1 || v > 31 {
			return 0, errDayOfMonth
		}
		f.day = v
	case eDDD:
		f.doy = v
	case eD:
		if v < 1 || v > 7 {
			return 0, errDayOfWeek
		}
	case eJ:
		if v < 1 {
			return 0, errJulian
		}
		f.julian = v
	case eHH12:
		if v < 1 || v > 12 {
			return 0, errHour12
		}
		f.hour, f.hour12 = v, true
	case eHH24:
		if v > 23 {
			return 0, errHour24
		}
		f.hour = v
	case eMI:
		if v > 59 {
			return 0, errMinute
		}
		f.minute = v
	case eSS:
		if v > 59 {
			return 0, errSecond
		}
		f.second = v
	case eSSSSS:
		if v > 86399 {
			return 0, errSecondsInDay
		}
		f.sssss = v
	}
	if e.kind == eYYYY || e.kind == eYYY || e.kind == eYY || e.kind == eY || e.kind == eRR || e.kind == eRRRR {
		f.hasYear = true
	}
	return n, nil
}

// rrYear applies Oracle's RR rule: a two-digit year is put in the century
// that makes it nearest the current year's half-century.
func rrYear(v, cy int) int {
	century := cy - cy%100
	last := cy % 100
	switch {
	case last < 50 && v >= 50:
		return century - 100 + v
	case last >= 50 && v < 50:
		return century + 100 + v
	}
	return century + v
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// readDigits reads up to width digits. Outside FX fewer digits end at a
// non-digit; under FX exactly width digits are required (FM lifts the
// leading-zero rule). At most width digits are read, so that YYYYMMDD
// splits by position.
func readDigits(s string, width int, e elem) (int, int, error) {
	n := 0
	neg := false
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') && (e.kind == eYYYY || e.kind == eYcomma) && strings.HasPrefix(strings.ToUpper(e.text), "S") {
		neg = s[0] == '-'
		s = s[1:]
		n = 1
	}
	v, k := 0, 0
	for k < len(s) && k < width && isDigit(s[k]) {
		v = v*10 + int(s[k]-'0')
		k++
	}
	if k == 0 {
		return 0, 0, errNonNumeric
	}
	if e.fx && !e.fm && k < width {
		return 0, 0, errLiteral
	}
	if neg {
		v = -v
	}
	return v, n + k, nil
}

// parseLiteral matches punctuation or quoted text. Outside FX, "any
// non-alphanumeric character in the date string" matches punctuation in
// the model, and punctuation may be omitted; quoted text must match.
func parseLiteral(s string, e elem) (int, error) {
	if e.fx {
		if strings.HasPrefix(s, e.text) {
			return len(e.text), nil
		}
		return 0, errLiteral
	}
	if e.quote {
		lit := strings.TrimLeft(e.text, " ")
		if len(s) >= len(lit) && strings.EqualFold(s[:len(lit)], lit) {
			return len(lit), nil
		}
		return 0, errLiteral
	}
	want := len(strings.TrimSpace(e.text))
	n := 0
	for n < len(s) && !isAlnum(s[n]) && (n < want || s[n] == ' ') {
		n++
	}
	return n, nil
}

// matchName matches a month or day name, full or abbreviated, in any case.
// Abbreviated elements (MON, DY) try the abbreviation first; full names
// (MONTH, DAY) try the full name first. Oracle accepts either for the other
// outside FX.
func matchName(s string, names []string, abbrevFirst, exact bool) (int, int) {
	full := func() (int, int) {
		for i, n := range names {
			if len(s) >= len(n) && strings.EqualFold(s[:len(n)], n) {
				return i, len(n)
			}
		}
		return -1, 0
	}
	short := func() (int, int) {
		for i, n := range names {
			if len(s) >= 3 && strings.EqualFold(s[:3], n[:3]) {
				return i, 3
			}
		}
		return -1, 0
	}
	if exact {
		if abbrevFirst {
			return short()
		}
		return full()
	}
	if i, n := full(); n > 0 {
		return i, n
	}
	return short()
}
