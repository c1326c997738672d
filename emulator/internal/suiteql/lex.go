package suiteql

import (
	"strings"
	"unicode/utf8"
)

// tokenKind is the lexical class of a token.
type tokenKind int

const (
	tokEOF    tokenKind = iota
	tokIdent            // a bare word: keyword or identifier, kept as typed
	tokQuoted           // a "quoted" identifier, without its quotes
	tokString           // a 'string' literal, unescaped
	tokNumber           // a numeric literal as typed
	tokParam            // ?
	tokOp               // punctuation and operators: ( ) , . * + - / || = <> != ^= < > <= >= ;
)

// token is one lexical token; pos is its byte offset in the query.
type token struct {
	kind tokenKind
	text string
	pos  int
}

// is reports whether t is the bare word kw (upper case), compared
// case-insensitively.
func (t token) is(kw string) bool {
	return t.kind == tokIdent && strings.EqualFold(t.text, kw)
}

// isOp reports whether t is the operator op.
func (t token) isOp(op string) bool {
	return t.kind == tokOp && t.text == op
}

// describe names the token for error messages.
func (t token) describe() string {
	switch t.kind {
	case tokEOF:
		return "end of query"
	case tokString:
		return "'" + truncate(t.text) + "'"
	case tokQuoted:
		return `"` + truncate(t.text) + `"`
	}
	return "'" + truncate(t.text) + "'"
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// lex splits query into tokens. Comments (-- to end of line, /* */) and
// white space separate tokens and are dropped.
func lex(query string) ([]token, error) {
	var toks []token
	i := 0
	n := len(query)
	for i < n {
		c := query[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '-' && i+1 < n && query[i+1] == '-':
			for i < n && query[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < n && query[i+1] == '*':
			end := strings.Index(query[i+2:], "*/")
			if end < 0 {
				return nil, syntaxErr(i, "unterminated comment")
			}
			i += 2 + end + 2
		case isIdentStart(c):
			j := i
			for j < n && isIdentPart(query[j]) {
				j++
			}
			toks = append(toks, token{tokIdent, query[i:j], i})
			i = j
		case c >= '0' && c <= '9' || c == '.' && i+1 < n && query[i+1] >= '0' && query[i+1] <= '9':
			j := i
			for j < n && query[j] >= '0' && query[j] <= '9' {
				j++
			}
			if j < n && query[j] == '.' {
				j++
				for j < n && query[j] >= '0' && query[j] <= '9' {
					j++
				}
			}
			if j < n && (query[j] == 'e' || query[j] == 'E') {
				k := j + 1
				if k < n && (query[k] == '+' || query[k] == '-') {
					k++
				}
				if k < n && query[k] >= '0' && query[k] <= '9' {
					for k < n && query[k] >= '0' && query[k] <= '9' {
						k++
					}
					j = k
				}
			}
			toks = append(toks, token{tokNumber, query[i:j], i})
			i = j
		case c == '\'':
			var b strings.Builder
			j := i + 1
			for {
				if j >= n {
					return nil, syntaxErr(i, "unterminated string literal")
				}
				if query[j] == '\'' {
					if j+1 < n && query[j+1] == '\'' {
						b.WriteByte('\'')
						j += 2
						continue
					}
					j++
					break
				}
				b.WriteByte(query[j])
				j++
			}
			toks = append(toks, token{tokString, b.String(), i})
			i = j
		case c == '"':
			end := strings.IndexByte(query[i+1:], '"')
			if end < 0 {
				return nil, syntaxErr(i, "unterminated quoted identifier")
			}
			name := query[i+1 : i+1+end]
			if name == "" {
				return nil, syntaxErr(i, "empty quoted identifier")
			}
			toks = append(toks, token{tokQuoted, name, i})
			i += end + 2
		case c == '?':
			toks = append(toks, token{tokParam, "?", i})
			i++
		case c == '[' || c == ']':
			// Oracle: square brackets are not supported in SuiteQL
			// (section_156257796125).
			return nil, syntaxErr(i, "square brackets are not supported")
		default:
			two := ""
			if i+1 < n {
				two = query[i : i+2]
			}
			switch two {
			case "||", "<>", "!=", "^=", "<=", ">=":
				toks = append(toks, token{tokOp, two, i})
				i += 2
				continue
			}
			switch c {
			case '(', ')', ',', '.', '*', '+', '-', '/', '=', '<', '>', ';':
				toks = append(toks, token{tokOp, string(c), i})
				i++
				continue
			}
			r, _ := utf8.DecodeRuneInString(query[i:])
			return nil, syntaxErr(i, "unexpected character "+quoteRune(r))
		}
	}
	toks = append(toks, token{tokEOF, "", n})
	return toks, nil
}

func quoteRune(r rune) string {
	if r == utf8.RuneError {
		return "(invalid UTF-8)"
	}
	return "'" + string(r) + "'"
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

func isIdentPart(c byte) bool {
	return isIdentStart(c) || c >= '0' && c <= '9' || c == '$' || c == '#'
}
