package oracle

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Oracle's character functions, LIKE and the REGEXP_ functions. Source:
// Oracle Database SQL Language Reference 19c, Character Functions,
// Pattern-matching Conditions (LIKE, REGEXP_LIKE) and Appendix D (Oracle
// Regular Expression Support),
// https://docs.oracle.com/en/database/oracle/oracle-database/19/sqlrf/Character-Functions-Returning-Character-Values.html

var errArgOutOfRange = errors.New("ORA-01428: argument is out of range")

// Substr is SUBSTR(s, pos, length) in characters: position 0 is 1, a
// negative position counts from the end; length < 1 (or, with ok false, no
// length) as Oracle: "" means NULL.
func Substr(s string, pos int, length int, hasLength bool) string {
	r := []rune(s)
	switch {
	case pos == 0:
		pos = 1
	case pos < 0:
		pos = len(r) + pos + 1
		if pos < 1 {
			return ""
		}
	}
	if pos > len(r) {
		return ""
	}
	r = r[pos-1:]
	if hasLength {
		if length < 1 {
			return ""
		}
		if length < len(r) {
			r = r[:length]
		}
	}
	return string(r)
}

// Instr is INSTR(s, sub, pos, occ): the character position of the occ-th
// occurrence of sub, searching forward from pos or, when pos is negative,
// backward from the pos-th character from the end; 0 when none.
func Instr(s, sub string, pos, occ int) (int, error) {
	if occ < 1 {
		return 0, errArgOutOfRange
	}
	if pos == 0 {
		return 0, nil
	}
	r, sr := []rune(s), []rune(sub)
	match := func(i int) bool {
		if i < 0 || i+len(sr) > len(r) {
			return false
		}
		for k := range sr {
			if r[i+k] != sr[k] {
				return false
			}
		}
		return true
	}
	if pos > 0 {
		for i := pos - 1; i+len(sr) <= len(r); i++ {
			if match(i) {
				if occ--; occ == 0 {
					return i + 1, nil
				}
			}
		}
		return 0, nil
	}
	for i := len(r) + pos; i >= 0; i-- {
		if match(i) {
			if occ--; occ == 0 {
				return i + 1, nil
			}
		}
	}
	return 0, nil
}

// MaxText is the longest text, in bytes, a function of this package builds:
// Oracle's largest VARCHAR2 (32,767 bytes with MAX_STRING_SIZE = EXTENDED,
// https://docs.oracle.com/en/database/oracle/oracle-database/19/refrn/MAX_STRING_SIZE.html).
// Past it a function fails with errTooLong instead of allocating what a
// query asks for (LPAD('x', 1000000000) would take the emulator down).
//
// Assumption: NetSuite's answer to a longer result is not recorded; Oracle
// raises ORA-01489 for a concatenation past the limit.
const MaxText = 32767

var errTooLong = errors.New("ORA-01489: result of string concatenation is too long")

// Pad is LPAD (left true) or RPAD: s padded with pad, or cut, to n
// characters. A result longer than MaxText bytes is an error.
func Pad(s string, n int, pad string, left bool) (string, error) {
	if n < 1 || pad == "" {
		return "", nil
	}
	if n > MaxText {
		return "", errTooLong
	}
	r := []rune(s)
	if len(r) >= n {
		return string(r[:n]), nil
	}
	p := []rune(pad)
	fill := make([]rune, 0, n-len(r))
	for len(fill) < n-len(r) {
		fill = append(fill, p[len(fill)%len(p)])
	}
	out := s + string(fill)
	if left {
		out = string(fill) + s
	}
	if len(out) > MaxText {
		return "", errTooLong
	}
	return out, nil
}

// Initcap is INITCAP: the first letter of each word in upper case, the
// others in lower case; words are delimited by characters that are not
// letters or digits.
func Initcap(s string) string {
	var b strings.Builder
	start := true
	for _, c := range s {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			if start {
				b.WriteRune(unicode.ToUpper(c))
			} else {
				b.WriteRune(unicode.ToLower(c))
			}
			start = false
			continue
		}
		b.WriteRune(c)
		start = true
	}
	return b.String()
}

// Translate is TRANSLATE(s, from, to): each character of from becomes the
// character at the same position of to, or is removed when to is shorter.
func Translate(s, from, to string) string {
	f, t := []rune(from), []rune(to)
	m := map[rune]int{}
	for i, c := range f {
		if _, ok := m[c]; !ok {
			m[c] = i
		}
	}
	var b strings.Builder
	for _, c := range s {
		i, ok := m[c]
		switch {
		case !ok:
			b.WriteRune(c)
		case i < len(t):
			b.WriteRune(t[i])
		}
	}
	return b.String()
}

// Like is Oracle's LIKE: case-sensitive, % any string, _ one character,
// escape (0 for none) making the next % or _ literal.
func Like(s, pattern string, escape rune) (bool, error) {
	re, err := likeRegexp(pattern, escape)
	if err != nil {
		return false, err
	}
	return re.MatchString(s), nil
}

func likeRegexp(pattern string, escape rune) (*regexp.Regexp, error) {
	key := "L" + string(escape) + "\x00" + pattern
	if re, ok := regexCache.get(key); ok {
		return re, nil
	}
	var b strings.Builder
	b.WriteString(`(?s)\A`)
	r := []rune(pattern)
	for i := 0; i < len(r); i++ {
		c := r[i]
		switch {
		case escape != 0 && c == escape:
			if i+1 >= len(r) || (r[i+1] != '%' && r[i+1] != '_' && r[i+1] != escape) {
				return nil, errors.New("ORA-01424: missing or illegal character that follows the escape character")
			}
			i++
			b.WriteString(regexp.QuoteMeta(string(r[i])))
		case c == '%':
			b.WriteString(`.*`)
		case c == '_':
			b.WriteString(`.`)
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString(`\z`)
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, err
	}
	regexCache.put(key, re)
	return re, nil
}

// regexCache holds compiled patterns, bounded: it is emptied when full.
var regexCache = &reCache{m: map[string]*regexp.Regexp{}}

type reCache struct {
	mu sync.Mutex
	m  map[string]*regexp.Regexp
}

const maxCachedRegexps = 256

func (c *reCache) get(key string) (*regexp.Regexp, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	re, ok := c.m[key]
	return re, ok
}

func (c *reCache) put(key string, re *regexp.Regexp) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxCachedRegexps {
		c.m = map[string]*regexp.Regexp{}
	}
	c.m[strings.Clone(key)] = re
}

// CompileRegexp translates an Oracle (POSIX ERE with Perl extensions)
// pattern and match parameter (i c n m x) to a Go regexp. Character classes
// such as [[:alpha:]] are the same in both; back-references in the pattern
// are not supported (RE2), and say so.
func CompileRegexp(pattern, flags string) (*regexp.Regexp, error) {
	key := "R" + flags + "\x00" + pattern
	if re, ok := regexCache.get(key); ok {
		return re, nil
	}
	ci, dotNL, multi, extended := false, false, false, false
	for _, f := range flags {
		switch f {
		case 'i':
			ci = true
		case 'c':
			ci = false
		case 'n':
			dotNL = true
		case 'm':
			multi = true
		case 'x':
			extended = true
		default:
			return nil, errors.New("ORA-01760: illegal argument for function")
		}
	}
	p := strings.Clone(pattern) // the compiled regexp keeps it; it may be SQLite's memory
	if extended {
		p = stripSpace(p)
	}
	prefix := ""
	if ci {
		prefix += "i"
	}
	if dotNL {
		prefix += "s"
	}
	if multi {
		prefix += "m"
	}
	if prefix != "" {
		p = "(?" + prefix + ")" + p
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, fmt.Errorf("ORA-12725: unmatched parentheses in regular expression (or a construct Go's regexp lacks): %v", err)
	}
	regexCache.put(key, re)
	return re, nil
}

// stripSpace removes the whitespace of an x-flag pattern outside brackets
// and escapes.
func stripSpace(p string) string {
	var b strings.Builder
	inClass := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && i+1 < len(p):
			b.WriteByte(c)
			i++
			b.WriteByte(p[i])
			continue
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case !inClass && (c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// byteOffset returns the byte offset of character position pos (1-based).
func byteOffset(s string, pos int) int {
	off := 0
	for i := 1; i < pos && off < len(s); i++ {
		_, n := utf8.DecodeRuneInString(s[off:])
		off += n
	}
	if pos > 1 && off >= len(s) && utf8.RuneCountInString(s) < pos {
		return len(s) + 1
	}
	return off
}

func charPos(s string, off int) int { return utf8.RuneCountInString(s[:off]) + 1 }

// regexMatches returns the matches (submatch byte indexes) of re in s from
// character position pos.
func regexMatches(re *regexp.Regexp, s string, pos int) ([][]int, error) {
	if pos < 1 {
		return nil, errArgOutOfRange
	}
	off := byteOffset(s, pos)
	if off > len(s) {
		return nil, nil
	}
	ms := re.FindAllStringSubmatchIndex(s[off:], -1)
	for _, m := range ms {
		for k := range m {
			if m[k] >= 0 {
				m[k] += off
			}
		}
	}
	return ms, nil
}

// oracleReplacement turns Oracle's \1..\9 back-references into Go's.
func oracleReplacement(rep string) string {
	var b strings.Builder
	for i := 0; i < len(rep); i++ {
		c := rep[i]
		switch {
		case c == '\\' && i+1 < len(rep) && rep[i+1] >= '0' && rep[i+1] <= '9':
			b.WriteString("${" + string(rep[i+1]) + "}")
			i++
		case c == '\\' && i+1 < len(rep) && rep[i+1] == '\\':
			b.WriteByte('\\')
			i++
		case c == '$':
			b.WriteString("$$")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// optInt reads the optional integer argument i, def when absent.
func optInt(args []driver.Value, i, def int) (int, error) {
	if len(args) <= i {
		return def, nil
	}
	return integer(args[i])
}

// regexpOccurrence reads the arguments REGEXP_INSTR and REGEXP_SUBSTR
// share: string, pattern, position (args[2]), occurrence (args[3]), and the
// match parameter and subexpression at flagsAt and groupAt. Neither the
// string nor the pattern may be NULL. It returns the string and the byte
// offsets [start, end) of that subexpression in that occurrence, or a nil
// span when there is no such occurrence or the subexpression took no part.
func regexpOccurrence(args []driver.Value, flagsAt, groupAt int) (string, []int, error) {
	pos, err := optInt(args, 2, 1)
	if err != nil {
		return "", nil, err
	}
	occ, err := optInt(args, 3, 1)
	if err != nil {
		return "", nil, err
	}
	group, err := optInt(args, groupAt, 0)
	if err != nil {
		return "", nil, err
	}
	if occ < 1 || group < 0 {
		return "", nil, errArgOutOfRange
	}
	re, err := CompileRegexp(str(args[1]), optStr(args, flagsAt))
	if err != nil {
		return "", nil, err
	}
	s := str(args[0])
	ms, err := regexMatches(re, s, pos)
	if err != nil {
		return "", nil, err
	}
	if len(ms) < occ || 2*group+1 >= len(ms[occ-1]) || ms[occ-1][2*group] < 0 {
		return s, nil, nil
	}
	return s, ms[occ-1][2*group : 2*group+2], nil
}

func optStr(args []driver.Value, i int) string {
	if len(args) <= i || args[i] == nil {
		return ""
	}
	return str(args[i])
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func init() {
	registerRange("sq_substr", 2, 3, "SUBSTR(string, position[, length])", func(args []driver.Value) (driver.Value, error) {
		if anyNull(args) {
			return nil, nil
		}
		pos, err := integer(args[1])
		if err != nil {
			return nil, err
		}
		n, err := optInt(args, 2, 0)
		if err != nil {
			return nil, err
		}
		return textResult(Substr(str(args[0]), pos, n, len(args) > 2)), nil
	})
	registerRange("sq_instr", 2, 4, "INSTR(string, substring[, position[, occurrence]])", func(args []driver.Value) (driver.Value, error) {
		if anyNull(args) {
			return nil, nil
		}
		pos, err := optInt(args, 2, 1)
		if err != nil {
			return nil, err
		}
		occ, err := optInt(args, 3, 1)
		if err != nil {
			return nil, err
		}
		n, err := Instr(str(args[0]), str(args[1]), pos, occ)
		if err != nil {
			return nil, err
		}
		return int64(n), nil
	})
	pad := func(name, usage string, left bool) {
		registerRange(name, 2, 3, usage, func(args []driver.Value) (driver.Value, error) {
			if anyNull(args) {
				return nil, nil
			}
			n, err := integer(args[1])
			if err != nil {
				return nil, err
			}
			p := " "
			if len(args) > 2 {
				p = str(args[2])
			}
			out, err := Pad(str(args[0]), n, p, left)
			if err != nil {
				return nil, err
			}
			return textResult(out), nil
		})
	}
	pad("sq_lpad", "LPAD(string, length[, pad])", true)
	pad("sq_rpad", "RPAD(string, length[, pad])", false)
	register("sq_initcap", 1, func(args []driver.Value) (driver.Value, error) {
		if anyNull(args) {
			return nil, nil
		}
		return textResult(Initcap(str(args[0]))), nil
	})
	register("sq_translate", 3, func(args []driver.Value) (driver.Value, error) {
		if anyNull(args) {
			return nil, nil
		}
		return textResult(Translate(str(args[0]), str(args[1]), str(args[2]))), nil
	})
	trim := func(name, usage string, left bool) {
		registerRange(name, 1, 2, usage, func(args []driver.Value) (driver.Value, error) {
			if anyNull(args) {
				return nil, nil
			}
			set := " "
			if len(args) > 1 {
				set = str(args[1])
			}
			s := str(args[0])
			if left {
				s = strings.TrimLeft(s, set)
			} else {
				s = strings.TrimRight(s, set)
			}
			return textResult(s), nil
		})
	}
	trim("sq_ltrim", "LTRIM(string[, set])", true)
	trim("sq_rtrim", "RTRIM(string[, set])", false)
	register("sq_chr", 1, func(args []driver.Value) (driver.Value, error) {
		if anyNull(args) {
			return nil, nil
		}
		n, err := integer(args[0])
		if err != nil {
			return nil, err
		}
		// Assumption: CHR(n) is the Unicode character n (AL32UTF8 agrees
		// for n < 128, the codes queries use: CHR(10), CHR(9)).
		if n < 0 || n > unicode.MaxRune {
			return nil, errArgOutOfRange
		}
		return string(rune(n)), nil
	})
	register("sq_ascii", 1, func(args []driver.Value) (driver.Value, error) {
		if anyNull(args) {
			return nil, nil
		}
		s := str(args[0])
		if s == "" {
			return nil, nil
		}
		// ASCII returns "the decimal representation in the database
		// character set": the UTF-8 bytes of the first character.
		_, n := utf8.DecodeRuneInString(s)
		var v int64
		for i := 0; i < n; i++ {
			v = v<<8 | int64(s[i])
		}
		return v, nil
	})
	registerRange("sq_like", 2, 3, "LIKE(string, pattern[, escape])", func(args []driver.Value) (driver.Value, error) {
		if anyNull(args) {
			return nil, nil
		}
		var esc rune
		if len(args) > 2 {
			e := []rune(str(args[2]))
			if len(e) != 1 {
				return nil, errors.New("ORA-01425: escape character must be character string of length 1")
			}
			esc = e[0]
		}
		ok, err := Like(str(args[0]), str(args[1]), esc)
		if err != nil {
			return nil, err
		}
		return boolInt(ok), nil
	})
	registerRange("sq_regexp_like", 2, 3, "REGEXP_LIKE(string, pattern[, flags])", func(args []driver.Value) (driver.Value, error) {
		if args[0] == nil || args[1] == nil {
			return nil, nil
		}
		re, err := CompileRegexp(str(args[1]), optStr(args, 2))
		if err != nil {
			return nil, err
		}
		return boolInt(re.MatchString(str(args[0]))), nil
	})
	registerRange("sq_regexp_count", 2, 4, "REGEXP_COUNT(string, pattern[, position[, flags]])", func(args []driver.Value) (driver.Value, error) {
		if args[0] == nil || args[1] == nil {
			return nil, nil
		}
		pos, err := optInt(args, 2, 1)
		if err != nil {
			return nil, err
		}
		re, err := CompileRegexp(str(args[1]), optStr(args, 3))
		if err != nil {
			return nil, err
		}
		ms, err := regexMatches(re, str(args[0]), pos)
		if err != nil {
			return nil, err
		}
		return int64(len(ms)), nil
	})
	registerRange("sq_regexp_instr", 2, 7, "REGEXP_INSTR(string, pattern[, position[, occurrence[, return_option[, flags[, subexpr]]]]])", func(args []driver.Value) (driver.Value, error) {
		if args[0] == nil || args[1] == nil {
			return nil, nil
		}
		retEnd, err := optInt(args, 4, 0)
		if err != nil {
			return nil, err
		}
		s, span, err := regexpOccurrence(args, 5, 6)
		if err != nil {
			return nil, err
		}
		if span == nil {
			return int64(0), nil
		}
		if retEnd != 0 {
			return int64(charPos(s, span[1])), nil
		}
		return int64(charPos(s, span[0])), nil
	})
	registerRange("sq_regexp_substr", 2, 6, "REGEXP_SUBSTR(string, pattern[, position[, occurrence[, flags[, subexpr]]]])", func(args []driver.Value) (driver.Value, error) {
		if args[0] == nil || args[1] == nil {
			return nil, nil
		}
		s, span, err := regexpOccurrence(args, 4, 5)
		if err != nil {
			return nil, err
		}
		if span == nil {
			return nil, nil
		}
		return textResult(s[span[0]:span[1]]), nil
	})
	registerRange("sq_regexp_replace", 2, 6, "REGEXP_REPLACE(string, pattern[, replacement[, position[, occurrence[, flags]]]])", func(args []driver.Value) (driver.Value, error) {
		if args[0] == nil {
			return nil, nil
		}
		s := str(args[0])
		if args[1] == nil {
			return textResult(s), nil
		}
		rep := oracleReplacement(optStr(args, 2))
		pos, err := optInt(args, 3, 1)
		if err != nil {
			return nil, err
		}
		occ, err := optInt(args, 4, 0)
		if err != nil {
			return nil, err
		}
		if occ < 0 {
			return nil, errArgOutOfRange
		}
		re, err := CompileRegexp(str(args[1]), optStr(args, 5))
		if err != nil {
			return nil, err
		}
		ms, err := regexMatches(re, s, pos)
		if err != nil {
			return nil, err
		}
		var b strings.Builder
		last := 0
		for i, m := range ms {
			if occ != 0 && i+1 != occ {
				continue
			}
			b.WriteString(s[last:m[0]])
			b.Write(re.ExpandString(nil, rep, s, m))
			last = m[1]
			if b.Len() > MaxText+len(s) {
				return nil, errTooLong
			}
		}
		b.WriteString(s[last:])
		return textResult(b.String()), nil
	})
}
