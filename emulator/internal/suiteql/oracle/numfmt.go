package oracle

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Oracle's number format models (TO_CHAR(number, fmt), TO_NUMBER) and the
// text of a number with no model.
// Source: Oracle Database SQL Language Reference 19c, "Number Format Models",
// https://docs.oracle.com/en/database/oracle/oracle-database/19/sqlrf/Format-Models.html

var errNumberFormat = errors.New("ORA-01481: invalid number format model")

// decimal is |v| as digits d1d2... (no leading zeros) times 10^(exp-len):
// the value is 0.d1d2... × 10^exp. Zero has no digits.
type decimal struct {
	digits string
	exp    int
	neg    bool
}

// sigDigits is how many significant digits a REAL keeps when written.
//
// Assumption: a REAL is written with 15 significant digits (DBL_DIG), not
// its shortest round-trip form, so that sums of decimal amounts read as
// NetSuite's exact NUMBERs do (10.1 + 20.2 is 30.3, not 30.299999999999997).
const sigDigits = 15

func toDecimal(v float64) decimal {
	d := decimal{neg: v < 0}
	if v == 0 {
		return decimal{}
	}
	s := strconv.FormatFloat(math.Abs(v), 'e', sigDigits-1, 64) // d.ddddde±x
	mant, e, _ := strings.Cut(s, "e")
	x, _ := strconv.Atoi(e)
	d.digits = strings.TrimRight(strings.Replace(mant, ".", "", 1), "0")
	d.exp = x + 1
	return d
}

func intDecimal(v int64) decimal {
	d := decimal{neg: v < 0}
	u := strconv.FormatUint(absInt64(v), 10)
	if u == "0" {
		return decimal{}
	}
	d.exp = len(u)
	d.digits = strings.TrimRight(u, "0")
	return d
}

func absInt64(v int64) uint64 {
	if v < 0 {
		return uint64(-(v + 1)) + 1
	}
	return uint64(v)
}

// round rounds to f digits after the point, half away from zero.
func (d decimal) round(f int) decimal {
	keep := d.exp + f // digits kept
	if keep >= len(d.digits) {
		return d
	}
	if keep < 0 {
		return decimal{}
	}
	up := d.digits[keep] >= '5'
	b := []byte(d.digits[:keep])
	exp := d.exp
	if up {
		i := len(b) - 1
		for ; i >= 0; i-- {
			if b[i] == '9' {
				b[i] = '0'
				continue
			}
			b[i]++
			break
		}
		if i < 0 {
			b = append([]byte{'1'}, b...)
			exp++
		}
	}
	s := strings.TrimRight(string(b), "0")
	if s == "" {
		return decimal{}
	}
	return decimal{digits: s, exp: exp, neg: d.neg}
}

// parts returns the integer and fraction digits ("" for none).
func (d decimal) parts() (string, string) {
	if d.digits == "" {
		return "", ""
	}
	if d.exp <= 0 {
		return "", strings.Repeat("0", -d.exp) + d.digits
	}
	if d.exp >= len(d.digits) {
		return d.digits + strings.Repeat("0", d.exp-len(d.digits)), ""
	}
	return d.digits[:d.exp], d.digits[d.exp:]
}

// FormatNumber writes v (int64 or float64) as Oracle's TO_CHAR(number)
// does with no model: no leading zero before the point (0.5 is ".5",
// -0.25 is "-.25"), no point for integers, and scientific notation when
// the text would exceed 40 characters (TO_CHAR(1e40) is 1.0E+40 style).
// Other types are written with fmt's %v.
func FormatNumber(v any) string {
	switch x := v.(type) {
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		if math.IsNaN(x) {
			return "Nan"
		}
		if math.IsInf(x, 1) {
			return "Inf"
		}
		if math.IsInf(x, -1) {
			return "-Inf"
		}
		return canonical(toDecimal(x))
	}
	return fmt.Sprint(v)
}

func canonical(d decimal) string {
	if d.digits == "" {
		return "0"
	}
	ip, fp := d.parts()
	s := ip
	if fp != "" {
		s += "." + fp
	}
	if len(s) > 40 {
		// Assumption: Oracle's scientific form, one digit before the
		// point and the exponent with a sign and at least two digits.
		m := d.digits[:1]
		if len(d.digits) > 1 {
			m += "." + d.digits[1:]
		} else {
			m += ".0"
		}
		s = m + exponent(d.exp-1)
	}
	if d.neg {
		return "-" + s
	}
	return s
}

// numModel is a parsed number format model.
type numModel struct {
	fm, blank         bool
	dollar            string // "$", "USD" ...: currency written before the digits
	leadS, trailS     bool
	mi, pr            bool
	eeee              bool
	hex               int // X digits; 0 when not a hex model
	hexLower          bool
	roman, romanLower bool
	tm                string // "TM", "TM9", "TME": text minimum
	intPart           string // 9 0 , G positions before the point
	fracPart          string // 9 0 positions after the point
	point             bool
	pointChar         byte // '.' for . and D
	v                 int  // V: digits to multiply by 10^v
	width             int  // the model's length, for ### overflow
}

// parseNumModel reads a number format model. Errors are ORA-01481.
func parseNumModel(model string) (*numModel, error) {
	m := &numModel{width: len(model)}
	u := strings.ToUpper(model)
	i := 0
	for i < len(u) {
		switch {
		case strings.HasPrefix(u[i:], "FM"):
			m.fm = true
			i += 2
		case u[i] == 'B' && m.intPart == "" && !m.point:
			m.blank = true
			i++
		case u[i] == '$' || u[i] == 'L' || u[i] == 'U':
			m.dollar = "$"
			i++
		case u[i] == 'C':
			m.dollar = "USD"
			i++
		case u[i] == 'S':
			if i == 0 || (m.intPart == "" && !m.point) {
				m.leadS = true
			} else {
				m.trailS = true
			}
			i++
		case strings.HasPrefix(u[i:], "MI") && i+2 == len(u):
			m.mi = true
			i += 2
		case strings.HasPrefix(u[i:], "PR") && i+2 == len(u):
			m.pr = true
			i += 2
		case strings.HasPrefix(u[i:], "EEEE"):
			m.eeee = true
			i += 4
		case strings.HasPrefix(u[i:], "RN"):
			m.roman, m.romanLower = true, model[i] == 'r'
			i += 2
		case strings.HasPrefix(u[i:], "TM"):
			m.tm = "TM"
			i += 2
			if i < len(u) && (u[i] == '9' || u[i] == 'E') {
				m.tm += u[i : i+1]
				i++
			}
		case u[i] == 'X':
			m.hex++
			m.hexLower = model[i] == 'x'
			i++
		case u[i] == '0' && (m.hex > 0 || strings.Contains(u[i:], "X")):
			m.hex++
			i++
		case u[i] == '9' || u[i] == '0':
			if m.point {
				m.fracPart += u[i : i+1]
			} else {
				m.intPart += u[i : i+1]
			}
			i++
		case u[i] == ',' || u[i] == 'G':
			if m.point {
				return nil, errNumberFormat
			}
			m.intPart += ","
			i++
		case u[i] == '.' || u[i] == 'D':
			if m.point {
				return nil, errNumberFormat
			}
			m.point, m.pointChar = true, '.'
			i++
		case u[i] == 'V':
			i++
			for i < len(u) && (u[i] == '9' || u[i] == '0') {
				m.v++
				m.intPart += "9"
				i++
			}
		default:
			return nil, errNumberFormat
		}
	}
	return m, nil
}

// FormatNumberModel writes v (int64 or float64) in the Oracle number format
// model, as TO_CHAR(number, model) does: '###…' when the integer part does
// not fit.
func FormatNumberModel(v any, model string) (string, error) {
	m, err := parseNumModel(model)
	if err != nil {
		return "", err
	}
	var d decimal
	var f float64
	switch x := v.(type) {
	case int64:
		d, f = intDecimal(x), float64(x)
	case float64:
		d, f = toDecimal(x), x
	default:
		return "", errInvalidNumber
	}
	switch {
	case m.tm != "":
		if m.tm == "TME" {
			return sci(d, -1), nil
		}
		return FormatNumber(v), nil
	case m.roman:
		n := int(math.Round(f))
		if n < 1 || n > 3999 {
			return strings.Repeat("#", 15), nil
		}
		r := roman(n)
		if m.romanLower {
			r = strings.ToLower(r)
		}
		if !m.fm {
			r = strings.Repeat(" ", 15-len(r)) + r
		}
		return r, nil
	case m.hex > 0:
		if f < 0 || math.Round(f) >= math.Pow(16, float64(m.hex)) {
			return strings.Repeat("#", m.hex+1), nil
		}
		h := strconv.FormatUint(uint64(math.Round(f)), 16)
		if !m.hexLower {
			h = strings.ToUpper(h)
		}
		pad := " "
		if strings.Contains(strings.ToUpper(model), "0") {
			pad = "0"
		}
		if !m.fm && len(h) < m.hex {
			h = strings.Repeat(pad, m.hex-len(h)) + h
		}
		if !m.fm {
			h = " " + h
		}
		return h, nil
	}
	if m.v > 0 {
		d.exp += m.v
		if d.digits == "" {
			d.exp = 0
		}
	}
	if m.eeee {
		// A blank more than the digits: Oracle keeps room for a
		// three-digit exponent (TO_CHAR(123.456, '9.9EEEE') is
		// '  1.2E+02').
		return m.finish(" "+sci(d.round(len(m.fracPart)-d.exp+1), len(m.fracPart)), d.neg, d.digits == ""), nil
	}
	d = d.round(len(m.fracPart))
	ip, fp := d.parts()
	slots := strings.Count(m.intPart, "9") + strings.Count(m.intPart, "0")
	if len(ip) > slots {
		return strings.Repeat("#", m.width+1), nil
	}
	// Integer part, right to left over the model's positions.
	firstZero := strings.IndexByte(m.intPart, '0')
	var out []byte
	k := len(ip) - 1
	for j := len(m.intPart) - 1; j >= 0; j-- {
		c := m.intPart[j]
		if c == ',' {
			out = append(out, ',')
			continue
		}
		switch {
		case k >= 0:
			out = append(out, ip[k])
			k--
		case firstZero >= 0 && j >= firstZero:
			out = append(out, '0')
		default:
			out = append(out, ' ')
		}
	}
	reverse(out)
	s := string(out)
	// Group separators with no digit before them are blanks.
	for {
		t := strings.TrimLeft(s, " ")
		if !strings.HasPrefix(t, ",") {
			break
		}
		s = strings.Repeat(" ", len(s)-len(t)+1) + t[1:]
	}
	// Zero: "a zero value ... returns a zero for the integer part".
	// With a point, zero is written ".00" (Oracle's table: 0 in 99.99).
	if strings.TrimSpace(s) == "" && len(s) > 0 && !m.point {
		s = s[:len(s)-1] + "0"
	}
	if m.point {
		frac := fp + strings.Repeat("0", len(m.fracPart)-len(fp))
		if m.fm {
			// FM drops trailing zeros in 9 positions.
			n := len(frac)
			for n > 0 && frac[n-1] == '0' && m.fracPart[n-1] == '9' {
				n--
			}
			frac = frac[:n]
		}
		s += "." + frac
	}
	if m.blank && d.digits == "" {
		return strings.Repeat(" ", m.width), nil
	}
	return m.finish(s, d.neg, d.digits == ""), nil
}

// finish adds the currency, the sign and fill mode to the digits.
func (m *numModel) finish(s string, neg, zero bool) string {
	t := strings.TrimLeft(s, " ")
	pad := s[:len(s)-len(t)]
	t = m.dollar + t
	switch {
	case m.leadS:
		sign := "+"
		if neg {
			sign = "-"
		}
		t = sign + t
	case m.trailS:
		sign := "+"
		if neg {
			sign = "-"
		}
		t += sign
	case m.mi:
		if neg {
			t += "-"
		} else {
			t += " "
		}
	case m.pr:
		if neg {
			t = "<" + t + ">"
		} else {
			t = " " + t + " "
		}
	default:
		if neg {
			t = "-" + t
		} else {
			t = " " + t
		}
	}
	s = pad + t
	if m.fm {
		s = strings.TrimSpace(s)
	}
	return s
}

// sci writes d as d.ddddE+xx with f digits after the point (-1: as many
// as d has).
func sci(d decimal, f int) string {
	if d.digits == "" {
		d = decimal{digits: "0", exp: 1}
	}
	digs := d.digits
	if f >= 0 {
		for len(digs) < f+1 {
			digs += "0"
		}
		digs = digs[:f+1]
	}
	s := digs[:1]
	if len(digs) > 1 {
		s += "." + digs[1:]
	}
	e := d.exp - 1
	if d.digits == "0" {
		e = 0
	}
	return s + exponent(e)
}

// exponent writes Oracle's exponent of scientific notation: E, a sign and
// at least two digits (E+05, E-12, E+123).
func exponent(e int) string {
	sign := "+"
	if e < 0 {
		sign, e = "-", -e
	}
	es := strconv.Itoa(e)
	if len(es) < 2 {
		es = "0" + es
	}
	return "E" + sign + es
}

func reverse(b []byte) {
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
}

func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

var plainNumber = regexp.MustCompile(`^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$`)

// ParseNumber reads s as TO_NUMBER(s) does (model "") or TO_NUMBER(s,
// model); the error is ORA-01722 for text that is not a number in the
// model, ORA-01481 for a bad model.
func ParseNumber(s, model string) (float64, error) {
	s = strings.TrimSpace(s)
	if model == "" {
		if !plainNumber.MatchString(s) {
			return 0, errInvalidNumber
		}
		return strconv.ParseFloat(s, 64)
	}
	m, err := parseNumModel(model)
	if err != nil {
		return 0, err
	}
	if m.hex > 0 {
		if len(s) == 0 || len(s) > m.hex {
			return 0, errInvalidNumber
		}
		v, err := strconv.ParseUint(s, 16, 64)
		if err != nil {
			return 0, errInvalidNumber
		}
		return float64(v), nil
	}
	if m.tm != "" || m.eeee {
		if !plainNumber.MatchString(s) {
			return 0, errInvalidNumber
		}
		return strconv.ParseFloat(s, 64)
	}
	neg := false
	switch {
	case m.pr && strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">"):
		neg, s = true, s[1:len(s)-1]
	case m.mi && strings.HasSuffix(s, "-"):
		neg, s = true, s[:len(s)-1]
	case m.trailS && (strings.HasSuffix(s, "-") || strings.HasSuffix(s, "+")):
		neg, s = strings.HasSuffix(s, "-"), s[:len(s)-1]
	case strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+"):
		neg, s = s[0] == '-', s[1:]
	}
	s = strings.TrimSpace(s)
	if m.dollar != "" {
		s = strings.TrimPrefix(s, m.dollar)
	}
	ip, fp, hasPoint := strings.Cut(s, ".")
	if hasPoint && !m.point {
		return 0, errInvalidNumber
	}
	ip = strings.ReplaceAll(ip, ",", "")
	slots := strings.Count(m.intPart, "9") + strings.Count(m.intPart, "0")
	if len(ip) > slots || len(fp) > len(m.fracPart) || ip+fp == "" {
		return 0, errInvalidNumber
	}
	for _, c := range ip + fp {
		if c < '0' || c > '9' {
			return 0, errInvalidNumber
		}
	}
	v, err := strconv.ParseFloat(ip+"."+fp+"0", 64)
	if err != nil {
		return 0, errInvalidNumber
	}
	if m.v > 0 {
		v /= math.Pow10(m.v)
	}
	if neg {
		v = -v
	}
	return v, nil
}
