package filter

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// maxDepth bounds parenthesis nesting.
const maxDepth = 100

type tokKind int

const (
	tokEOF tokKind = iota
	tokLParen
	tokRParen
	tokLBrack
	tokRBrack
	tokComma
	tokWord   // a bare word: field, operator, keyword or unquoted value
	tokString // a double-quoted value, unescaped
)

type token struct {
	kind tokKind
	text string
	pos  int // byte offset in the query
}

// describe names a token for error messages.
func (t token) describe() string {
	switch t.kind {
	case tokEOF:
		return "end of query"
	case tokLParen:
		return `"("`
	case tokRParen:
		return `")"`
	case tokLBrack:
		return `"["`
	case tokRBrack:
		return `"]"`
	case tokComma:
		return `","`
	case tokString:
		return fmt.Sprintf("quoted value %q", t.text)
	}
	return fmt.Sprintf("%q", t.text)
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v':
		return true
	}
	return false
}

// isBare reports whether r may appear in a bare word.
func isBare(r rune) bool {
	if isSpace(r) {
		return false
	}
	switch r {
	case '(', ')', '[', ']', ',', '"':
		return false
	}
	return true
}

var punct = map[rune]tokKind{'(': tokLParen, ')': tokRParen, '[': tokLBrack, ']': tokRBrack, ',': tokComma}

func lex(q string) ([]token, error) {
	var toks []token
	for i := 0; i < len(q); {
		r, size := utf8.DecodeRuneInString(q[i:])
		switch {
		case isSpace(r):
			i += size
		case punct[r] != 0:
			toks = append(toks, token{kind: punct[r], text: string(r), pos: i})
			i += size
		case r == '"':
			text, end, err := lexString(q, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{kind: tokString, text: text, pos: i})
			i = end
		default:
			start := i
			for i < len(q) {
				r, size := utf8.DecodeRuneInString(q[i:])
				if !isBare(r) {
					break
				}
				i += size
			}
			toks = append(toks, token{kind: tokWord, text: q[start:i], pos: start})
		}
	}
	return append(toks, token{kind: tokEOF, pos: len(q)}), nil
}

// lexString reads the quoted value starting at q[start] == '"'. Inside quotes,
// \" is a quote and \\ a backslash; any other backslash is kept as is
// (Assumption, see doc.go).
func lexString(q string, start int) (text string, end int, err error) {
	var b strings.Builder
	for i := start + 1; i < len(q); i++ {
		switch c := q[i]; {
		case c == '"':
			return b.String(), i + 1, nil
		case c == '\\' && i+1 < len(q) && (q[i+1] == '"' || q[i+1] == '\\'):
			b.WriteByte(q[i+1])
			i++
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, invalid(fmt.Sprintf("Invalid search query: unterminated quoted value starting at position %d.", start))
}

// Parse parses a `q` filter expression
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545222128.html):
//
//	expr  = and { "OR" and }
//	and   = term { "AND" term }
//	term  = "(" expr ")" | field OPERATOR [ value | "[" value { "," value } "]" ]
//	value = bare-word | "double-quoted"
//
// AND binds tighter than OR. The keywords and operators are upper case. The
// number of values must fit the operator (see Arity). Parse checks syntax only;
// Compile checks the expression against a record type. Errors are *Error with
// code INVALID_PARAMETER.
func Parse(q string) (Expr, error) {
	toks, err := lex(q)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	if p.peek().kind == tokEOF {
		return nil, invalid("Invalid search query: the query is empty.")
	}
	e, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tokEOF {
		if t.kind == tokRParen {
			return nil, p.errorf(t, `unbalanced ")"`)
		}
		return nil, p.errorf(t, "expected AND, OR or end of query, found %s%s", t.describe(), keywordHint(t))
	}
	return e, nil
}

type parser struct {
	toks  []token
	i     int
	depth int
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tokEOF {
		p.i++
	}
	return t
}

func (p *parser) errorf(at token, format string, args ...any) error {
	return invalid(fmt.Sprintf("Invalid search query: %s at position %d.", fmt.Sprintf(format, args...), at.pos))
}

func (p *parser) atKeyword(kw string) bool {
	t := p.peek()
	return t.kind == tokWord && t.text == kw
}

func (p *parser) parseOr() (Expr, error) {
	var terms []Expr
	for {
		e, err := p.parseAnd()
		if err != nil {
			return nil, err
		}
		if o, ok := e.(*Or); ok {
			terms = append(terms, o.Terms...)
		} else {
			terms = append(terms, e)
		}
		if !p.atKeyword("OR") {
			break
		}
		p.next()
	}
	if len(terms) == 1 {
		return terms[0], nil
	}
	return &Or{Terms: terms}, nil
}

func (p *parser) parseAnd() (Expr, error) {
	var terms []Expr
	for {
		e, err := p.parseTerm()
		if err != nil {
			return nil, err
		}
		if a, ok := e.(*And); ok {
			terms = append(terms, a.Terms...)
		} else {
			terms = append(terms, e)
		}
		if !p.atKeyword("AND") {
			break
		}
		p.next()
	}
	if len(terms) == 1 {
		return terms[0], nil
	}
	return &And{Terms: terms}, nil
}

func (p *parser) parseTerm() (Expr, error) {
	t := p.next()
	switch t.kind {
	case tokLParen:
		if p.depth++; p.depth > maxDepth {
			return nil, p.errorf(t, "parentheses nested more than %d deep", maxDepth)
		}
		e, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		if c := p.next(); c.kind != tokRParen {
			return nil, p.errorf(c, `expected AND, OR or ")", found %s%s`, c.describe(), keywordHint(c))
		}
		p.depth--
		return e, nil
	case tokWord:
		return p.parseCond(t)
	}
	return nil, p.errorf(t, `expected a field name or "(", found %s`, t.describe())
}

func (p *parser) parseCond(field token) (Expr, error) {
	t := p.next()
	if t.kind != tokWord {
		return nil, p.errorf(t, "expected an operator after field %q, found %s", field.text, t.describe())
	}
	op, ok := lookupOperator(t.text)
	if !ok {
		hint := ""
		if up, ok := lookupOperator(strings.ToUpper(t.text)); ok {
			hint = fmt.Sprintf(" (operators are upper case: %s)", up)
		}
		return nil, p.errorf(t, "unknown operator %q after field %q%s", t.text, field.text, hint)
	}
	c := &Cond{Field: field.text, Op: op}
	switch op.Arity() {
	case ArityNone:
		if v := p.peek(); v.kind == tokString || v.kind == tokLBrack || (v.kind == tokWord && v.text != "AND" && v.text != "OR") {
			return nil, p.errorf(v, "operator %s takes no value, found %s", op, v.describe())
		}
	case ArityOne:
		v := p.next()
		switch v.kind {
		case tokWord, tokString:
			c.Values = []string{v.text}
		case tokLBrack:
			return nil, p.errorf(v, "operator %s takes a single value, not a list", op)
		default:
			return nil, p.errorf(v, "operator %s expects a value, found %s", op, v.describe())
		}
	case ArityTwo:
		v := p.next()
		if v.kind != tokLBrack {
			return nil, p.errorf(v, "operator %s takes a list of two values, as in [1, 42]; found %s", op, v.describe())
		}
		vals, err := p.parseList(op)
		if err != nil {
			return nil, err
		}
		if len(vals) != 2 {
			return nil, p.errorf(v, "operator %s takes two values, found %d", op, len(vals))
		}
		c.Values = vals
	case ArityMany:
		v := p.next()
		switch v.kind {
		case tokWord, tokString:
			c.Values = []string{v.text}
		case tokLBrack:
			vals, err := p.parseList(op)
			if err != nil {
				return nil, err
			}
			c.Values = vals
		default:
			return nil, p.errorf(v, "operator %s expects a value or a list of values, found %s", op, v.describe())
		}
	}
	return c, nil
}

// parseList reads the values of a list after its "[".
func (p *parser) parseList(op Operator) ([]string, error) {
	var vals []string
	if t := p.peek(); t.kind == tokRBrack {
		return nil, p.errorf(t, "operator %s needs at least one value in its list", op)
	}
	for {
		v := p.next()
		if v.kind != tokWord && v.kind != tokString {
			return nil, p.errorf(v, "expected a value in the list of %s, found %s", op, v.describe())
		}
		vals = append(vals, v.text)
		switch sep := p.next(); sep.kind {
		case tokComma:
		case tokRBrack:
			return vals, nil
		default:
			return nil, p.errorf(sep, `expected "," or "]" in the list of %s, found %s`, op, sep.describe())
		}
	}
}

// keywordHint explains a lower-case keyword.
func keywordHint(t token) string {
	if t.kind == tokWord && (t.text != "AND" && strings.EqualFold(t.text, "AND") || t.text != "OR" && strings.EqualFold(t.text, "OR")) {
		return " (AND and OR must be upper case)"
	}
	return ""
}
