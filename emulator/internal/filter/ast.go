package filter

import (
	"strings"
)

// Operator is a `q` filter operator, spelled as NetSuite spells it (upper case).
type Operator string

// The operators of Oracle's "Record Collection Filtering"
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545222128.html).
const (
	// No value, any field type.
	Empty    Operator = "EMPTY"
	EmptyNot Operator = "EMPTY_NOT"

	// Boolean; also String.
	Is    Operator = "IS"
	IsNot Operator = "IS_NOT"

	// Double, Integer, Float, Number, Duration.
	AnyOf             Operator = "ANY_OF"
	AnyOfNot          Operator = "ANY_OF_NOT"
	Between           Operator = "BETWEEN"
	BetweenNot        Operator = "BETWEEN_NOT"
	Equal             Operator = "EQUAL"
	EqualNot          Operator = "EQUAL_NOT"
	Greater           Operator = "GREATER"
	GreaterNot        Operator = "GREATER_NOT"
	GreaterOrEqual    Operator = "GREATER_OR_EQUAL"
	GreaterOrEqualNot Operator = "GREATER_OR_EQUAL_NOT"
	Less              Operator = "LESS"
	LessNot           Operator = "LESS_NOT"
	LessOrEqual       Operator = "LESS_OR_EQUAL"
	LessOrEqualNot    Operator = "LESS_OR_EQUAL_NOT"
	Within            Operator = "WITHIN"
	WithinNot         Operator = "WITHIN_NOT"

	// String.
	Contain      Operator = "CONTAIN"
	ContainNot   Operator = "CONTAIN_NOT"
	StartWith    Operator = "START_WITH"
	StartWithNot Operator = "START_WITH_NOT"
	EndWith      Operator = "END_WITH"
	EndWithNot   Operator = "END_WITH_NOT"

	// Date / Time.
	After         Operator = "AFTER"
	AfterNot      Operator = "AFTER_NOT"
	Before        Operator = "BEFORE"
	BeforeNot     Operator = "BEFORE_NOT"
	On            Operator = "ON"
	OnNot         Operator = "ON_NOT"
	OnOrAfter     Operator = "ON_OR_AFTER"
	OnOrAfterNot  Operator = "ON_OR_AFTER_NOT"
	OnOrBefore    Operator = "ON_OR_BEFORE"
	OnOrBeforeNot Operator = "ON_OR_BEFORE_NOT"
)

// endWithAlias is how Oracle's operator table prints END_WITH; it is accepted on
// input and normalised (see doc.go).
const endWithAlias = "ENDWITH"

var allOperators = []Operator{
	Empty, EmptyNot, Is, IsNot,
	AnyOf, AnyOfNot, Between, BetweenNot, Equal, EqualNot, Greater, GreaterNot,
	GreaterOrEqual, GreaterOrEqualNot, Less, LessNot, LessOrEqual, LessOrEqualNot, Within, WithinNot,
	Contain, ContainNot, StartWith, StartWithNot, EndWith, EndWithNot,
	After, AfterNot, Before, BeforeNot, On, OnNot, OnOrAfter, OnOrAfterNot, OnOrBefore, OnOrBeforeNot,
}

var operatorSet = func() map[string]Operator {
	m := make(map[string]Operator, len(allOperators)+1)
	for _, op := range allOperators {
		m[string(op)] = op
	}
	m[endWithAlias] = EndWith
	return m
}()

// Operators returns every operator, in the order of Oracle's table.
func Operators() []Operator { return append([]Operator(nil), allOperators...) }

// lookupOperator returns the operator spelled s. Operators are upper case only
// (see doc.go); ENDWITH is read as END_WITH.
func lookupOperator(s string) (Operator, bool) {
	op, ok := operatorSet[s]
	return op, ok
}

// Negated reports whether op is the negation of another operator (ends in _NOT).
func (op Operator) Negated() bool { return strings.HasSuffix(string(op), "_NOT") }

// Positive returns the operator op negates, or op itself.
func (op Operator) Positive() Operator { return Operator(strings.TrimSuffix(string(op), "_NOT")) }

// Arity says how many values an operator takes.
type Arity int

// The arities of Oracle's "Record Collection Filtering"
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545222128.html).
const (
	// ArityNone: no value (EMPTY, EMPTY_NOT).
	ArityNone Arity = iota
	// ArityOne: one value.
	ArityOne
	// ArityTwo: a list of exactly two values (BETWEEN, WITHIN and their _NOT).
	ArityTwo
	// ArityMany: a list of one or more values (ANY_OF, ANY_OF_NOT); a single
	// unbracketed value is read as a list of one.
	ArityMany
)

// Arity returns how many values op takes.
func (op Operator) Arity() Arity {
	switch op.Positive() {
	case Empty:
		return ArityNone
	case Between, Within:
		return ArityTwo
	case AnyOf:
		return ArityMany
	}
	return ArityOne
}

// Expr is a parsed filter expression: *Cond, *And or *Or.
type Expr interface {
	// String renders the expression in `q` syntax; Parse(e.String()) gives back
	// an equal expression.
	String() string
	isExpr()
}

// Cond is one condition: `<field> <OPERATOR> [value]`.
type Cond struct {
	// Field is the field name as written in the query.
	Field string
	// Op is the operator, normalised (ENDWITH is END_WITH).
	Op Operator
	// Values are the values, unquoted: none for EMPTY/EMPTY_NOT, two for
	// BETWEEN/WITHIN, one or more for ANY_OF, one otherwise.
	Values []string
}

// And is a conjunction of two or more terms, none of which is an *And.
type And struct{ Terms []Expr }

// Or is a disjunction of two or more terms, none of which is an *Or.
type Or struct{ Terms []Expr }

func (*Cond) isExpr() {}
func (*And) isExpr()  {}
func (*Or) isExpr()   {}

// String renders the condition; list operators always use the bracket form.
func (c *Cond) String() string {
	var b strings.Builder
	b.WriteString(c.Field)
	b.WriteByte(' ')
	b.WriteString(string(c.Op))
	switch {
	case len(c.Values) == 0:
	case len(c.Values) == 1 && c.Op.Arity() == ArityOne:
		b.WriteByte(' ')
		writeValue(&b, c.Values[0])
	default:
		b.WriteString(" [")
		for i, v := range c.Values {
			if i > 0 {
				b.WriteString(", ")
			}
			writeValue(&b, v)
		}
		b.WriteByte(']')
	}
	return b.String()
}

// String renders the conjunction; OR terms are parenthesised.
func (a *And) String() string {
	parts := make([]string, len(a.Terms))
	for i, t := range a.Terms {
		if _, ok := t.(*Or); ok {
			parts[i] = "(" + t.String() + ")"
		} else {
			parts[i] = t.String()
		}
	}
	return strings.Join(parts, " AND ")
}

// String renders the disjunction. AND binds tighter, so no term needs
// parentheses.
func (o *Or) String() string {
	parts := make([]string, len(o.Terms))
	for i, t := range o.Terms {
		parts[i] = t.String()
	}
	return strings.Join(parts, " OR ")
}

// writeValue writes v bare when it reads back as itself, quoted otherwise.
func writeValue(b *strings.Builder, v string) {
	if !needsQuotes(v) {
		b.WriteString(v)
		return
	}
	b.WriteByte('"')
	for i := 0; i < len(v); i++ {
		if c := v[i]; c == '"' || c == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(v[i])
	}
	b.WriteByte('"')
}

func needsQuotes(v string) bool {
	if v == "" || v == "AND" || v == "OR" {
		return true
	}
	for _, r := range v {
		if !isBare(r) {
			return true
		}
	}
	return false
}
