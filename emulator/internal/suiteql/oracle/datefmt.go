package oracle

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Oracle's datetime format models: one parser of the model into elements,
// shared by FormatDate (TO_CHAR) and ParseDate (TO_DATE, TO_TIMESTAMP).
//
// Source: Oracle Database SQL Language Reference 19c, "Format Models",
// https://docs.oracle.com/en/database/oracle/oracle-database/19/sqlrf/Format-Models.html
// (Datetime Format Elements, Format Model Modifiers, String-to-Date
// Conversion Rules).
//
// Assumption: the session's NLS settings are Oracle's defaults for
// AMERICAN_AMERICA: English names, Sunday is day 1 of the week (D), DS is
// MM/DD/RRRR and TS is HH:MI:SS AM.

// Oracle's error texts (Oracle Database Error Messages).
var (
	errLiteral       = errors.New("ORA-01861: literal does not match format string")
	errMonth         = errors.New("ORA-01843: not a valid month")
	errDayOfMonth    = errors.New("ORA-01847: day of month must be between 1 and last day of month")
	errPictureEnds   = errors.New("ORA-01830: date format picture ends before converting entire input string")
	errFormat        = errors.New("ORA-01821: date format not recognized")
	errNonNumeric    = errors.New("ORA-01858: a non-numeric character was found where a numeric was expected")
	errHour12        = errors.New("ORA-01849: hour must be between 1 and 12")
	errHour24        = errors.New("ORA-01850: hour must be between 0 and 23")
	errMinute        = errors.New("ORA-01851: minutes must be between 0 and 59")
	errSecond        = errors.New("ORA-01852: seconds must be between 0 and 59")
	errSecondsInDay  = errors.New("ORA-01853: seconds in day must be between 0 and 86399")
	errYear          = errors.New("ORA-01841: (full) year must be between -4713 and +9999, and not be 0")
	errDayOfWeek     = errors.New("ORA-01846: not a valid day of the week")
	errMeridian      = errors.New("ORA-01855: AM/A.M. or PM/P.M. required")
	errDayOfYear     = errors.New("ORA-01848: day of year must be between 1 and 365 (366 for leap year)")
	errJulian        = errors.New("ORA-01854: julian date must be between 1 and 5373484")
	errNotForInput   = errors.New("ORA-01820: format code cannot appear in date input format")
	errFractionInput = errors.New("ORA-01821: date format not recognized")
)

// kind of a format element.
type elemKind int

const (
	eLiteral elemKind = iota // punctuation or "quoted text"
	eYYYY                    // YYYY, SYYYY
	eYYY
	eYY
	eY
	eYcomma // Y,YYY
	eIYYY
	eIYY
	eIY
	eI
	eRRRR
	eRR
	eYEAR // YEAR, SYEAR: spelled out
	eCC   // CC, SCC
	eQ
	eMM
	eMON
	eMONTH
	eRM
	eWW
	eIW
	eW
	eDDD
	eDD
	eD
	eDY
	eDAY
	eJ
	eHH12 // HH, HH12
	eHH24
	eMI
	eSS
	eSSSSS
	eFF // FF, FF1..FF9 (width in elem.width)
	eAM // AM, PM
	eAMDots
	eAD // AD, BC
	eADDots
	eTZH
	eTZM
	eTZR
	eTZD
	eX
	eDS
	eTS
	eDL
)

// Letter case of a spelled element, from the case of the model's text.
type letterCase int

const (
	caseUpper letterCase = iota
	caseTitle
	caseLower
)

// elem is one element of a datetime format model.
type elem struct {
	kind  elemKind
	text  string     // eLiteral: the text; others: the element as written
	width int        // eFF: digits (0 = the default)
	lc    letterCase // spelled elements and the SP suffix
	fm    bool       // fill mode is on at this element
	fx    bool       // exact mode is on at this element
	th    bool       // TH suffix: ordinal
	thLC  letterCase // case of the TH suffix
	sp    bool       // SP suffix: spelled out
	quote bool       // eLiteral from "quoted text" (not punctuation)
}

// elemNames maps the elements' names (upper case) to their kinds. Matching
// is longest first.
var elemNames = []struct {
	name string
	kind elemKind
}{
	{"SYYYY", eYYYY}, {"SYEAR", eYEAR}, {"SSSSS", eSSSSS}, {"Y,YYY", eYcomma},
	{"MONTH", eMONTH},
	{"YYYY", eYYYY}, {"IYYY", eIYYY}, {"RRRR", eRRRR}, {"YEAR", eYEAR}, {"HH24", eHH24},
	{"HH12", eHH12}, {"A.M.", eAMDots}, {"P.M.", eAMDots}, {"A.D.", eADDots}, {"B.C.", eADDots},
	{"YYY", eYYY}, {"IYY", eIYY}, {"SCC", eCC}, {"MON", eMON}, {"DDD", eDDD}, {"DAY", eDAY},
	{"TZH", eTZH}, {"TZM", eTZM}, {"TZR", eTZR}, {"TZD", eTZD},
	{"FF1", eFF}, {"FF2", eFF}, {"FF3", eFF}, {"FF4", eFF}, {"FF5", eFF}, {"FF6", eFF},
	{"FF7", eFF}, {"FF8", eFF}, {"FF9", eFF},
	{"YY", eYY}, {"IY", eIY}, {"RR", eRR}, {"CC", eCC}, {"MM", eMM}, {"RM", eRM},
	{"WW", eWW}, {"IW", eIW}, {"DD", eDD}, {"DY", eDY}, {"HH", eHH12}, {"MI", eMI},
	{"SS", eSS}, {"FF", eFF}, {"AM", eAM}, {"PM", eAM}, {"AD", eAD}, {"BC", eAD},
	{"DS", eDS}, {"TS", eTS}, {"DL", eDL}, {"FM", -1}, {"FX", -2},
	{"Y", eY}, {"I", eI}, {"Q", eQ}, {"W", eW}, {"D", eD}, {"J", eJ}, {"X", eX},
}

// numeric reports whether k is written as a number (takes TH and SP).
func (k elemKind) numeric() bool {
	switch k {
	case eYYYY, eYYY, eYY, eY, eYcomma, eIYYY, eIYY, eIY, eI, eRRRR, eRR, eCC, eQ, eMM,
		eWW, eIW, eW, eDDD, eDD, eD, eJ, eHH12, eHH24, eMI, eSS, eSSSSS:
		return true
	}
	return false
}

// caseOf returns the letter case a spelled element follows: Oracle,
// "Capitalization in a spelled-out word, abbreviation, or Roman numeral
// follows capitalization in the corresponding format element."
func caseOf(s string) letterCase {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return caseLower
	}
	if len(s) > 1 && s[1] >= 'a' && s[1] <= 'z' {
		return caseTitle
	}
	return caseUpper
}

func applyCase(s string, lc letterCase) string {
	switch lc {
	case caseUpper:
		return strings.ToUpper(s)
	case caseLower:
		return strings.ToLower(s)
	}
	var b strings.Builder
	up := true
	for _, r := range strings.ToLower(s) {
		if up && r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		up = r == ' ' || r == '-'
		b.WriteRune(r)
	}
	return b.String()
}

// models caches parsed format models; bounded by clearing when full.
var models struct {
	sync.Mutex
	m map[string][]elem
}

const maxCachedModels = 512

// parseModel splits a datetime format model into its elements.
func parseModel(model string) ([]elem, error) {
	models.Lock()
	if e, ok := models.m[model]; ok {
		models.Unlock()
		return e, nil
	}
	models.Unlock()
	// The model may be a view of SQLite's memory (VolatileArgs), and the
	// elements keep pieces of it: parse a copy.
	model = strings.Clone(model)
	e, err := parseModelUncached(model)
	if err != nil {
		return nil, err
	}
	models.Lock()
	if models.m == nil || len(models.m) >= maxCachedModels {
		models.m = make(map[string][]elem)
	}
	models.m[model] = e
	models.Unlock()
	return e, nil
}

func parseModelUncached(model string) ([]elem, error) {
	var out []elem
	fm, fx := false, false
	upper := strings.ToUpper(model)
	i := 0
	for i < len(model) {
		c := model[i]
		if c == '"' {
			j := strings.IndexByte(model[i+1:], '"')
			if j < 0 {
				return nil, errFormat
			}
			out = append(out, elem{kind: eLiteral, text: model[i+1 : i+1+j], fm: fm, fx: fx, quote: true})
			i += j + 2
			continue
		}
		if !isAlnum(c) {
			j := i
			for j < len(model) && !isAlnum(model[j]) && model[j] != '"' {
				j++
			}
			out = append(out, elem{kind: eLiteral, text: model[i:j], fm: fm, fx: fx})
			i = j
			continue
		}
		matched := false
		for _, n := range elemNames {
			if !strings.HasPrefix(upper[i:], n.name) {
				continue
			}
			matched = true
			written := model[i : i+len(n.name)]
			i += len(n.name)
			switch n.kind {
			case -1:
				fm = !fm
			case -2:
				fx = !fx
			default:
				e := elem{kind: n.kind, text: written, lc: caseOf(written), fm: fm, fx: fx}
				if n.kind == eFF && len(n.name) == 3 {
					e.width = int(n.name[2] - '0')
				}
				if n.kind.numeric() {
					i = suffixes(model, upper, i, &e)
				}
				out = append(out, e)
			}
			break
		}
		if !matched {
			return nil, errFormat
		}
	}
	return out, nil
}

// suffixes reads TH, SP, SPTH and THSP after a numeric element.
func suffixes(model, upper string, i int, e *elem) int {
	for _, s := range []string{"SPTH", "THSP", "TH", "SP"} {
		if strings.HasPrefix(upper[i:], s) {
			if strings.Contains(s, "TH") {
				e.th = true
				k := strings.Index(s, "TH")
				e.thLC = caseOf(model[i+k : i+k+2])
			}
			if strings.Contains(s, "SP") {
				e.sp = true
				k := strings.Index(s, "SP")
				e.lc = caseOf(model[i+k : i+k+2])
				if caseOf(e.text) == caseTitle || (e.text[0] >= 'A' && e.text[0] <= 'Z' && e.lc == caseLower) {
					// DdSp → Five: the element's own case wins when it
					// is capitalized.
					e.lc = caseOf(e.text)
				}
			}
			return i + len(s)
		}
	}
	return i
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

var (
	monthNames = [...]string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"}
	dayNames = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	romans   = [...]string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}
)

// julianEpoch is Oracle's Julian day number (J) of 1970-01-01.
const julianEpoch = 2440588

// FormatDate writes days (a date or datetime of the account's wall clock) in
// the Oracle datetime format model, as TO_CHAR(date, model) does. The error
// is ORA-01821 when the model has an element Oracle does not know.
func FormatDate(days float64, model string) (string, error) {
	elems, err := parseModel(model)
	if err != nil {
		return "", err
	}
	t := Time(days)
	var b strings.Builder
	for _, e := range elems {
		formatElem(&b, e, t)
	}
	return b.String(), nil
}

func formatElem(b *strings.Builder, e elem, t time.Time) {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	switch e.kind {
	case eLiteral:
		b.WriteString(e.text)
		return
	case eMONTH:
		writeName(b, monthNames[mo-1], 9, e)
		return
	case eMON:
		writeName(b, monthNames[mo-1][:3], 3, e)
		return
	case eDAY:
		writeName(b, dayNames[t.Weekday()], 9, e)
		return
	case eDY:
		writeName(b, dayNames[t.Weekday()][:3], 3, e)
		return
	case eRM:
		// Assumption: RM is padded with blanks to 4 characters (VIII)
		// outside fill mode, as the other spelled elements are padded to
		// their longest value.
		writeName(b, romans[mo-1], 4, e)
		return
	case eAM, eAMDots:
		m := "AM"
		if h >= 12 {
			m = "PM"
		}
		if e.kind == eAMDots {
			m = m[:1] + "." + m[1:] + "."
		}
		b.WriteString(applyCase(m, e.lc))
		return
	case eAD, eADDots:
		m := "AD"
		if y <= 0 {
			m = "BC"
		}
		if e.kind == eADDots {
			m = m[:1] + "." + m[1:] + "."
		}
		b.WriteString(applyCase(m, e.lc))
		return
	case eYEAR:
		b.WriteString(applyCase(spellYear(y), e.lc))
		return
	case eFF:
		n := e.width
		if n == 0 {
			n = 6 // Assumption: FF alone prints the precision of TIMESTAMP, 6.
		}
		frac := fmt.Sprintf("%09d", t.Nanosecond())
		b.WriteString(frac[:n])
		return
	case eTZH:
		// Dates are wall-clock values without a zone; Assumption: they
		// print as UTC, +00 and 00.
		b.WriteString("+00")
		return
	case eTZM:
		b.WriteString("00")
		return
	case eTZR:
		b.WriteString("+00:00")
		return
	case eTZD:
		return
	case eX:
		b.WriteByte('.')
		return
	case eDS:
		fmt.Fprintf(b, "%02d/%02d/%04d", int(mo), d, y)
		return
	case eTS:
		h12 := h % 12
		if h12 == 0 {
			h12 = 12
		}
		m := "AM"
		if h >= 12 {
			m = "PM"
		}
		fmt.Fprintf(b, "%02d:%02d:%02d %s", h12, mi, s, m)
		return
	case eDL:
		// DL in AMERICAN: fmDay, Month dd, yyyy.
		fmt.Fprintf(b, "%s, %s %02d, %04d", dayNames[t.Weekday()], monthNames[mo-1], d, y)
		return
	case eYcomma:
		v := fmt.Sprintf("%04d", abs(y))
		if e.fm {
			v = strings.TrimLeft(v, "0")
		}
		if len(v) > 3 {
			v = v[:len(v)-3] + "," + v[len(v)-3:]
		}
		b.WriteString(v)
		return
	}
	v, width := numericValue(e, t)
	writeNumber(b, v, width, e)
}

// numericValue returns the value of a numeric element and its width.
func numericValue(e elem, t time.Time) (int, int) {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	iy, iw := t.ISOWeek()
	switch e.kind {
	case eYYYY, eRRRR:
		if strings.HasPrefix(strings.ToUpper(e.text), "S") {
			return y, 4
		}
		return abs(y), 4
	case eYYY:
		return abs(y) % 1000, 3
	case eYY, eRR:
		return abs(y) % 100, 2
	case eY:
		return abs(y) % 10, 1
	case eIYYY:
		return iy, 4
	case eIYY:
		return iy % 1000, 3
	case eIY:
		return iy % 100, 2
	case eI:
		return iy % 10, 1
	case eCC:
		c := abs(y) / 100
		if abs(y)%100 != 0 {
			c++
		}
		return c, 2
	case eQ:
		return (int(mo)-1)/3 + 1, 1
	case eMM:
		return int(mo), 2
	case eWW:
		return (t.YearDay()-1)/7 + 1, 2
	case eIW:
		return iw, 2
	case eW:
		return (d-1)/7 + 1, 1
	case eDDD:
		return t.YearDay(), 3
	case eDD:
		return d, 2
	case eD:
		return int(t.Weekday()) + 1, 1
	case eJ:
		return int(math.Floor(float64(t.Unix())/secondsPerDay)) + julianEpoch, 7
	case eHH12:
		h12 := h % 12
		if h12 == 0 {
			h12 = 12
		}
		return h12, 2
	case eHH24:
		return h, 2
	case eMI:
		return mi, 2
	case eSS:
		return s, 2
	case eSSSSS:
		return h*3600 + mi*60 + s, 5
	}
	return 0, 0
}

func writeNumber(b *strings.Builder, v, width int, e elem) {
	if e.sp {
		w := spell(v)
		if e.th {
			w = ordinalWord(w)
		}
		b.WriteString(applyCase(w, e.lc))
		return
	}
	var digits string
	if e.fm {
		digits = strconv.Itoa(v)
	} else {
		digits = fmt.Sprintf("%0*d", width, v)
	}
	b.WriteString(digits)
	if e.th {
		b.WriteString(applyCase(ordinalSuffix(v), e.thLC))
	}
}

func writeName(b *strings.Builder, name string, width int, e elem) {
	b.WriteString(applyCase(name, e.lc))
	if !e.fm {
		for n := len(name); n < width; n++ {
			b.WriteByte(' ')
		}
	}
}

func ordinalSuffix(v int) string {
	switch {
	case v%100 >= 11 && v%100 <= 13:
		return "th"
	case v%10 == 1:
		return "st"
	case v%10 == 2:
		return "nd"
	case v%10 == 3:
		return "rd"
	}
	return "th"
}

var (
	ones = [...]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
		"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
		"eighteen", "nineteen"}
	tens = [...]string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
)

// spell writes a non-negative number in English words, as Oracle's SP does
// (TO_CHAR(DATE '2025-03-05', 'DDSP') is FIVE; 1234 is one thousand two
// hundred thirty-four).
func spell(v int) string {
	if v < 0 {
		return "minus " + spell(-v)
	}
	switch {
	case v < 20:
		return ones[v]
	case v < 100:
		if v%10 == 0 {
			return tens[v/10]
		}
		return tens[v/10] + "-" + ones[v%10]
	case v < 1000:
		if v%100 == 0 {
			return ones[v/100] + " hundred"
		}
		return ones[v/100] + " hundred " + spell(v%100)
	case v < 1000000:
		if v%1000 == 0 {
			return spell(v/1000) + " thousand"
		}
		return spell(v/1000) + " thousand " + spell(v%1000)
	}
	if v%1000000 == 0 {
		return spell(v/1000000) + " million"
	}
	return spell(v/1000000) + " million " + spell(v%1000000)
}

// ordinalWord turns a spelled number into its ordinal (five → fifth).
func ordinalWord(w string) string {
	irregular := map[string]string{"one": "first", "two": "second", "three": "third", "five": "fifth",
		"eight": "eighth", "nine": "ninth", "twelve": "twelfth"}
	i := strings.LastIndexAny(w, " -") + 1
	last := w[i:]
	if o, ok := irregular[last]; ok {
		return w[:i] + o
	}
	if strings.HasSuffix(last, "y") {
		return w[:i] + last[:len(last)-1] + "ieth"
	}
	return w + "th"
}

// spellYear spells a year as YEAR does: 2025 TWENTY TWENTY-FIVE, 1900
// NINETEEN HUNDRED.
//
// Assumption: years 2000-2009 (and every x00y) read as "two thousand nine";
// Oracle's reference shows only the pattern of the other years.
func spellYear(y int) string {
	y = abs(y)
	hi, lo := y/100, y%100
	switch {
	case y < 100:
		return spell(y)
	case lo == 0 && hi%10 == 0:
		return spell(y)
	case lo == 0:
		return spell(hi) + " hundred"
	case lo < 10 && hi%10 == 0:
		return spell(y)
	}
	return spell(hi) + " " + spell(lo)
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
