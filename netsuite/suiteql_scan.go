package netsuite

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A light scanner of SuiteQL, enough to name the columns of a query and to
// tell whether it can be keyset-paged, without parsing it: comments and
// string literals are dropped, parentheses are counted, and only the top
// level of the outermost query is looked at. A query it cannot read gives
// no answer (ok false, KeyOf "") rather than a wrong one; NetSuite remains
// the judge of what a query means.

// KeyOf returns the column a query can be keyset-paged by: "id" when it
// selects id and ends with ORDER BY id (ASC), "" otherwise. The id may be
// qualified (t.id) in both places; comments and a final semicolon are
// ignored.
func KeyOf(query string) string {
	toks := lexSQL(query)
	cols, ok := selectColumns(toks)
	if !ok || !containsString(cols, "id") {
		return ""
	}
	toks = trimSemicolons(toks)
	// The last ORDER BY at the top level, followed only by [q.]id [ASC].
	order := -1
	depth := 0
	for i, t := range toks {
		switch {
		case t.is("("):
			depth++
		case t.is(")"):
			depth--
		case depth == 0 && t.keyword("order") && i+1 < len(toks) && toks[i+1].keyword("by"):
			order = i
		}
	}
	if order < 0 || depth != 0 {
		return ""
	}
	rest := toks[order+2:]
	if n := len(rest); n > 0 && rest[n-1].keyword("asc") {
		rest = rest[:n-1]
	}
	if name, ok := qualifiedName(rest); ok && name == "id" {
		return "id"
	}
	return ""
}

// SelectColumns returns the output column names of a query's select list,
// lower case, as NetSuite names them (aliases, plain and qualified columns,
// expr1, expr2... for unaliased expressions), read by a light scan of the
// query; ok is false when the list cannot be known without running it (a
// star).
//
// The scan drops comments and string literals, skips a WITH clause, and
// reads the select list of the outermost query (the first one of a UNION),
// split at its top-level commas. A column is named by its alias (AS x, or
// a bare x after the expression), else by the last part of a qualified
// name (t.id is id), else expr1, expr2, ... in the order of the unaliased
// expressions, as the emulator does (NetSuite does not document it). A
// star (*, t.*), an empty column, or no select list at all gives ok false.
func SelectColumns(query string) (columns []string, ok bool) {
	return selectColumns(lexSQL(query))
}

func selectColumns(toks []sqlToken) ([]string, bool) {
	items, ok := selectList(toks)
	if !ok {
		return nil, false
	}
	cols := make([]string, 0, len(items))
	unnamed := 0
	for _, item := range items {
		name, ok := columnName(item)
		if !ok {
			return nil, false
		}
		if name == "" {
			unnamed++
			name = "expr" + strconv.Itoa(unnamed)
		}
		cols = append(cols, name)
	}
	return cols, true
}

// selectList returns the items of the select list of the outermost query,
// each as its tokens.
func selectList(toks []sqlToken) ([][]sqlToken, bool) {
	toks = trimSemicolons(toks)
	start := -1
	depth := 0
	for i, t := range toks {
		if t.is("(") {
			depth++
		} else if t.is(")") {
			depth--
		} else if depth == 0 && t.keyword("select") {
			start = i + 1
			break
		}
	}
	if start < 0 {
		// A query wholly in parentheses: (SELECT ...).
		if len(toks) >= 2 && toks[0].is("(") && closing(toks, 0) == len(toks)-1 {
			return selectList(toks[1 : len(toks)-1])
		}
		return nil, false
	}
	i := start
	if i < len(toks) && (toks[i].keyword("distinct") || toks[i].keyword("unique") || toks[i].keyword("all")) {
		i++
	}
	if i+1 < len(toks) && toks[i].keyword("top") && toks[i+1].kind == tokNumber {
		i += 2
	}
	var items [][]sqlToken
	var item []sqlToken
	depth = 0
list:
	for ; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.is("("):
			depth++
		case t.is(")"):
			depth--
			if depth < 0 {
				break list // the end of a parenthesized query
			}
		case depth == 0 && t.is(","):
			items = append(items, item)
			item = nil
			continue
		case depth == 0 && (t.keyword("from") || t.keyword("union") || t.keyword("intersect") || t.keyword("minus") || t.keyword("except") || t.keyword("into")):
			break list
		}
		item = append(item, t)
	}
	items = append(items, item)
	return items, true
}

// closing returns the index of the parenthesis that closes the one at
// open, or -1.
func closing(toks []sqlToken, open int) int {
	depth := 0
	for i := open; i < len(toks); i++ {
		if toks[i].is("(") {
			depth++
		} else if toks[i].is(")") {
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// columnName names one item of a select list: its alias or the column it
// is, "" for an expression without an alias, and ok false for a star or
// an empty item.
func columnName(item []sqlToken) (string, bool) {
	n := len(item)
	switch {
	case n == 0:
		return "", false
	case item[n-1].is("*") && (n == 1 || item[n-2].is(".")):
		return "", false // * or t.*
	case n >= 3 && item[n-2].keyword("as") && item[n-1].kind == tokIdent:
		return item[n-1].text, true
	}
	if name, ok := qualifiedName(item); ok {
		if nameless[name] && item[n-1].kind == tokIdent && !item[n-1].quoted && n == 1 {
			return "", true // NULL, SYSDATE: expressions
		}
		return name, true
	}
	if n == 1 {
		return "", true // a literal
	}
	// A bare alias after the expression: COUNT(*) c, t.id tid, 'x' label.
	last, prev := item[n-1], item[n-2]
	if last.kind == tokIdent && (last.quoted || !reserved[last.text]) {
		switch {
		case prev.is(")"), prev.kind == tokString, prev.kind == tokNumber,
			prev.kind == tokIdent && (prev.quoted || !operandKeyword[prev.text]):
			return last.text, true
		}
	}
	return "", true
}

// qualifiedName returns the last part of a name such as id, t.id or
// s.t.id (lower case), and false for anything else.
func qualifiedName(toks []sqlToken) (string, bool) {
	if len(toks)%2 == 0 {
		return "", false
	}
	for i, t := range toks {
		if i%2 == 0 && t.kind != tokIdent || i%2 == 1 && !t.is(".") {
			return "", false
		}
	}
	last := toks[len(toks)-1]
	if !last.quoted && reserved[last.text] && !nameless[last.text] {
		return "", false
	}
	return last.text, true
}

// nameless are words that stand alone as an expression, not a column.
var nameless = map[string]bool{
	"null": true, "sysdate": true, "systimestamp": true, "current_date": true, "current_timestamp": true,
}

// reserved are words that are not a column name or an alias when they end
// a select item (CASE ... END, INTERVAL '1' DAY).
var reserved = map[string]bool{
	"end": true, "null": true, "and": true, "or": true, "not": true, "is": true, "in": true, "like": true,
	"between": true, "case": true, "when": true, "then": true, "else": true, "as": true, "distinct": true,
	"from": true, "select": true, "day": true, "month": true, "year": true, "hour": true, "minute": true,
	"second": true, "sysdate": true, "systimestamp": true, "current_date": true, "current_timestamp": true,
	"escape": true, "asc": true, "desc": true, "over": true, "by": true,
}

// operandKeyword are words after which an identifier is an operand, not an
// alias (NOT x, CASE x, ELSE x, DATE '...').
var operandKeyword = map[string]bool{
	"not": true, "prior": true, "and": true, "or": true, "case": true, "when": true, "then": true,
	"else": true, "is": true, "in": true, "like": true, "between": true, "escape": true, "distinct": true,
	"all": true, "unique": true, "select": true, "date": true, "timestamp": true, "interval": true,
	"connect_by_root": true, "as": true,
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// trimSemicolons drops the semicolons that end a query.
func trimSemicolons(toks []sqlToken) []sqlToken {
	for len(toks) > 0 && toks[len(toks)-1].is(";") {
		toks = toks[:len(toks)-1]
	}
	return toks
}

// A sqlToken is a token of the scan. Identifiers and keywords are
// tokIdent, lower case; a quoted identifier has its quotes removed.
type sqlToken struct {
	kind   tokKind
	text   string
	quoted bool // a "quoted" identifier, never a keyword
}

type tokKind uint8

const (
	tokIdent  tokKind = iota + 1
	tokString         // a string literal; its text is dropped
	tokNumber
	tokPunct // one character of punctuation or an operator
)

func (t sqlToken) is(punct string) bool { return t.kind == tokPunct && t.text == punct }

func (t sqlToken) keyword(kw string) bool { return t.kind == tokIdent && !t.quoted && t.text == kw }

// lexSQL splits a query into tokens, dropping white space, -- and /* */
// comments and the text of string literals. It never fails: an
// unterminated comment, literal or quoted identifier runs to the end.
func lexSQL(q string) []sqlToken {
	var toks []sqlToken
	for i := 0; i < len(q); {
		c := q[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		case strings.HasPrefix(q[i:], "--"):
			if j := strings.IndexByte(q[i:], '\n'); j >= 0 {
				i += j + 1
			} else {
				i = len(q)
			}
		case strings.HasPrefix(q[i:], "/*"):
			if j := strings.Index(q[i+2:], "*/"); j >= 0 {
				i += j + 4
			} else {
				i = len(q)
			}
		case c == '\'':
			i = endQuoted(q, i, '\'')
			toks = append(toks, sqlToken{kind: tokString})
		case c == '"':
			j := endQuoted(q, i, '"')
			name := strings.TrimSuffix(q[i+1:j], `"`)
			name = strings.ReplaceAll(name, `""`, `"`)
			toks = append(toks, sqlToken{kind: tokIdent, text: strings.ToLower(name), quoted: true})
			i = j
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(q) && q[i+1] >= '0' && q[i+1] <= '9':
			j := i
			for j < len(q) && (q[j] >= '0' && q[j] <= '9' || q[j] == '.') {
				j++
			}
			if j < len(q) && (q[j] == 'e' || q[j] == 'E') {
				k := j + 1
				if k < len(q) && (q[k] == '+' || q[k] == '-') {
					k++
				}
				if k < len(q) && q[k] >= '0' && q[k] <= '9' {
					for j = k; j < len(q) && q[j] >= '0' && q[j] <= '9'; j++ {
					}
				}
			}
			toks = append(toks, sqlToken{kind: tokNumber, text: q[i:j]})
			i = j
		default:
			r, size := utf8.DecodeRuneInString(q[i:])
			if r == '_' || unicode.IsLetter(r) {
				j := i + size
				for j < len(q) {
					r, size := utf8.DecodeRuneInString(q[j:])
					if r != '_' && r != '$' && r != '#' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
						break
					}
					j += size
				}
				toks = append(toks, sqlToken{kind: tokIdent, text: strings.ToLower(q[i:j])})
				i = j
				continue
			}
			toks = append(toks, sqlToken{kind: tokPunct, text: q[i : i+size]})
			i += size
		}
	}
	return toks
}

// endQuoted returns the index just past the literal or quoted identifier
// that starts at q[i] with quote; a doubled quote is part of it.
func endQuoted(q string, i int, quote byte) int {
	for j := i + 1; j < len(q); j++ {
		if q[j] == quote {
			if j+1 < len(q) && q[j+1] == quote {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(q)
}
