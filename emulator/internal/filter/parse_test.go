package filter

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func cond(field string, op Operator, values ...string) *Cond {
	if len(values) == 0 {
		values = nil
	}
	return &Cond{Field: field, Op: op, Values: values}
}

func and(terms ...Expr) *And { return &And{Terms: terms} }
func or(terms ...Expr) *Or   { return &Or{Terms: terms} }

func mustParse(t *testing.T, q string) Expr {
	t.Helper()
	e, err := Parse(q)
	if err != nil {
		t.Fatalf("Parse(%q): %v", q, err)
	}
	return e
}

// oracleExamples are every `q` example of
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545222128.html and
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156334828635.html.
var oracleExamples = []struct {
	q    string
	want Expr
}{
	{`email START_WITH barbara`, cond("email", StartWith, "barbara")},
	{`isinactive IS true`, cond("isinactive", Is, "true")},
	{`dateCreated ON_OR_AFTER "1/1/2019" AND dateCreated BEFORE "1/1/2020"`,
		and(cond("dateCreated", OnOrAfter, "1/1/2019"), cond("dateCreated", Before, "1/1/2020"))},
	{`creditlimit GREATER_OR_EQUAL 1000 OR creditlimit LESS_OR_EQUAL 10`,
		or(cond("creditlimit", GreaterOrEqual, "1000"), cond("creditlimit", LessOrEqual, "10"))},
	{`companyname START_WITH "Another Company"`, cond("companyname", StartWith, "Another Company")},
	{`companyName EMPTY`, cond("companyName", Empty)},
	{`id BETWEEN_NOT [1, 42]`, cond("id", BetweenNot, "1", "42")},
	{`id ANY_OF [1, 2, 3, 4, 5]`, cond("id", AnyOf, "1", "2", "3", "4", "5")},
	{`externalId IS "RED|PO|1337"`, cond("externalId", Is, "RED|PO|1337")},
}

func TestParseOracleExamples(t *testing.T) {
	t.Parallel()
	for _, tt := range oracleExamples {
		got := mustParse(t, tt.q)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Parse(%q) mismatch (-want +got):\n%s", tt.q, diff)
		}
	}
}

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		q    string
		want Expr
	}{
		// Precedence and grouping.
		{"and binds tighter", `a IS x OR b IS y AND c IS z`,
			or(cond("a", Is, "x"), and(cond("b", Is, "y"), cond("c", Is, "z")))},
		{"and binds tighter, left", `a IS x AND b IS y OR c IS z`,
			or(and(cond("a", Is, "x"), cond("b", Is, "y")), cond("c", Is, "z"))},
		{"parentheses", `(a IS x OR b IS y) AND c IS z`,
			and(or(cond("a", Is, "x"), cond("b", Is, "y")), cond("c", Is, "z"))},
		{"parentheses right", `a IS x AND (b IS y OR c IS z)`,
			and(cond("a", Is, "x"), or(cond("b", Is, "y"), cond("c", Is, "z")))},
		{"flattened and", `a IS 1 AND (b IS 2 AND c IS 3) AND d IS 4`,
			and(cond("a", Is, "1"), cond("b", Is, "2"), cond("c", Is, "3"), cond("d", Is, "4"))},
		{"flattened or", `(a IS 1 OR b IS 2) OR c IS 3`,
			or(cond("a", Is, "1"), cond("b", Is, "2"), cond("c", Is, "3"))},
		{"redundant parentheses", `((a EMPTY))`, cond("a", Empty)},
		{"nested", `(a IS 1 OR (b IS 2 AND (c IS 3 OR d IS 4)))`,
			or(cond("a", Is, "1"), and(cond("b", Is, "2"), or(cond("c", Is, "3"), cond("d", Is, "4"))))},
		{"no spaces around parentheses", `(a EMPTY)AND(b EMPTY_NOT)`, and(cond("a", Empty), cond("b", EmptyNot))},
		{"white space", "  a\tIS\n x  ", cond("a", Is, "x")},

		// Values.
		{"quoted with spaces", `name IS "Acme  Inc."`, cond("name", Is, "Acme  Inc.")},
		{"escaped quote", `name IS "say \"hi\""`, cond("name", Is, `say "hi"`)},
		{"escaped backslash", `name IS "a\\b"`, cond("name", Is, `a\b`)},
		{"other backslash kept", `name IS "a\nb"`, cond("name", Is, `a\nb`)},
		{"empty quoted", `name IS ""`, cond("name", Is, "")},
		{"specials inside quotes", `name CONTAIN "(a, [b]) OR c"`, cond("name", Contain, "(a, [b]) OR c")},
		{"bare backslash", `name IS a\b`, cond("name", Is, `a\b`)},
		{"bare keyword value", `name IS AND`, cond("name", Is, "AND")},
		{"bare email", `email IS a.b+c@example.com`, cond("email", Is, "a.b+c@example.com")},
		{"negative number", `balance LESS -1.5e3`, cond("balance", Less, "-1.5e3")},
		{"list without spaces", `id ANY_OF [1,2]`, cond("id", AnyOf, "1", "2")},
		{"list with quotes", `entityStatus ANY_OF ["13", "Closed Won"]`, cond("entityStatus", AnyOf, "13", "Closed Won")},
		{"list of one", `id ANY_OF [7]`, cond("id", AnyOf, "7")},
		{"any of bare value", `id ANY_OF 7`, cond("id", AnyOf, "7")},
		{"any of quoted value", `id ANY_OF_NOT "7"`, cond("id", AnyOfNot, "7")},
		{"within", `amount WITHIN [1, 2]`, cond("amount", Within, "1", "2")},
		{"empty then and", `a EMPTY AND b EMPTY_NOT OR c EMPTY`,
			or(and(cond("a", Empty), cond("b", EmptyNot)), cond("c", Empty))},

		// END_WITH and Oracle's printed spelling.
		{"end with", `email END_WITH ".com"`, cond("email", EndWith, ".com")},
		{"endwith alias", `email ENDWITH .com`, cond("email", EndWith, ".com")},
		{"end with not", `email END_WITH_NOT .com`, cond("email", EndWithNot, ".com")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := mustParse(t, tt.q)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse(%q) mismatch (-want +got):\n%s", tt.q, diff)
			}
		})
	}
}

func TestParseEveryOperator(t *testing.T) {
	t.Parallel()
	for _, op := range Operators() {
		var q string
		var want []string
		switch op.Arity() {
		case ArityNone:
			q = "f " + string(op)
		case ArityOne:
			q, want = "f "+string(op)+" v", []string{"v"}
		case ArityTwo:
			q, want = "f "+string(op)+" [1, 2]", []string{"1", "2"}
		case ArityMany:
			q, want = "f "+string(op)+" [1, 2, 3]", []string{"1", "2", "3"}
		}
		if diff := cmp.Diff(cond("f", op, want...), mustParse(t, q)); diff != "" {
			t.Errorf("Parse(%q) mismatch (-want +got):\n%s", q, diff)
		}
	}
	if n := len(Operators()); n != 36 {
		t.Errorf("%d operators, want 36", n)
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		q    string
		want string // substring of Detail
	}{
		{``, "the query is empty"},
		{`   `, "the query is empty"},
		{`email`, `expected an operator after field "email", found end of query`},
		{`email START_WITH`, "operator START_WITH expects a value, found end of query"},
		{`email STARTS_WITH x`, `unknown operator "STARTS_WITH" after field "email"`},
		{`email start_with x`, `unknown operator "start_with" after field "email" (operators are upper case: START_WITH)`},
		{`email endwith x`, `(operators are upper case: END_WITH)`},
		{`a IS x and b IS y`, `expected AND, OR or end of query, found "and" (AND and OR must be upper case)`},
		{`a IS x Or b IS y`, `(AND and OR must be upper case)`},
		{`a IS x b IS y`, `expected AND, OR or end of query, found "b"`},
		{`a IS x AND`, `expected a field name or "(", found end of query`},
		{`AND`, `expected an operator after field "AND", found end of query`},
		{`a IS "x`, "unterminated quoted value starting at position 5"},
		{`a IS "x\"`, "unterminated quoted value"},
		{`a EMPTY x`, `operator EMPTY takes no value, found "x"`},
		{`a EMPTY_NOT [1]`, `operator EMPTY_NOT takes no value, found "["`},
		{`a EMPTY "x"`, `takes no value`},
		{`a IS [x]`, "operator IS takes a single value, not a list"},
		{`a EQUAL [1, 2]`, "operator EQUAL takes a single value, not a list"},
		{`id BETWEEN 1`, "operator BETWEEN takes a list of two values, as in [1, 42]"},
		{`id BETWEEN [1]`, "operator BETWEEN takes two values, found 1"},
		{`id WITHIN_NOT [1, 2, 3]`, "operator WITHIN_NOT takes two values, found 3"},
		{`id ANY_OF []`, "operator ANY_OF needs at least one value in its list"},
		{`id ANY_OF [1,]`, `expected a value in the list of ANY_OF, found "]"`},
		{`id ANY_OF [1 2]`, `expected "," or "]" in the list of ANY_OF, found "2"`},
		{`id ANY_OF [1, 2`, `expected "," or "]" in the list of ANY_OF, found end of query`},
		{`id ANY_OF`, "operator ANY_OF expects a value or a list of values"},
		{`(a IS x`, `expected AND, OR or ")", found end of query`},
		{`a IS x)`, `unbalanced ")"`},
		{`()`, `expected a field name or "(", found ")"`},
		{`"email" IS x`, `expected a field name or "(", found quoted value "email"`},
		{`a IS x,`, `expected AND, OR or end of query, found ","`},
		{strings.Repeat("(", 101) + "a EMPTY" + strings.Repeat(")", 101), "parentheses nested more than 100 deep"},
	}
	for _, tt := range tests {
		e, err := Parse(tt.q)
		if err == nil {
			t.Errorf("Parse(%q) = %v; want an error", tt.q, e)
			continue
		}
		var fe *Error
		if !errors.As(err, &fe) {
			t.Errorf("Parse(%q) error %T is not *Error", tt.q, err)
			continue
		}
		if fe.Code != CodeInvalidParameter {
			t.Errorf("Parse(%q) code = %s, want INVALID_PARAMETER", tt.q, fe.Code)
		}
		if !strings.Contains(fe.Detail, tt.want) {
			t.Errorf("Parse(%q) detail = %q, want it to contain %q", tt.q, fe.Detail, tt.want)
		}
	}
	// 100 levels are fine.
	mustParse(t, strings.Repeat("(", 100)+"a EMPTY"+strings.Repeat(")", 100))
}

func TestString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		q, want string
	}{
		{`email   START_WITH   barbara`, `email START_WITH barbara`},
		{`companyname START_WITH "Another Company"`, `companyname START_WITH "Another Company"`},
		{`id ANY_OF 7`, `id ANY_OF [7]`},
		{`id ANY_OF [1,2,3]`, `id ANY_OF [1, 2, 3]`},
		{`id BETWEEN_NOT [1,42]`, `id BETWEEN_NOT [1, 42]`},
		{`a EMPTY`, `a EMPTY`},
		{`email ENDWITH x`, `email END_WITH x`},
		{`name IS "say \"hi\" \\ bye"`, `name IS "say \"hi\" \\ bye"`},
		{`name IS ""`, `name IS ""`},
		{`name IS "AND"`, `name IS "AND"`},
		{`name IS "x,y"`, `name IS "x,y"`},
		{`a IS x OR b IS y AND c IS z`, `a IS x OR b IS y AND c IS z`},
		{`(a IS x OR b IS y) AND c IS z`, `(a IS x OR b IS y) AND c IS z`},
		{`((a IS x) AND (b IS y))`, `a IS x AND b IS y`},
		{`a IS 1 AND (b IS 2 OR (c IS 3 AND d IS 4))`, `a IS 1 AND (b IS 2 OR c IS 3 AND d IS 4)`},
	}
	for _, tt := range tests {
		e := mustParse(t, tt.q)
		got := e.String()
		if got != tt.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.q, got, tt.want)
		}
		if diff := cmp.Diff(e, mustParse(t, got)); diff != "" {
			t.Errorf("re-parse of %q differs (-first +second):\n%s", got, diff)
		}
	}
}

func TestOperatorHelpers(t *testing.T) {
	t.Parallel()
	if !OnOrBeforeNot.Negated() || OnOrBefore.Negated() || OnOrBeforeNot.Positive() != OnOrBefore || Is.Positive() != Is {
		t.Error("Negated/Positive mismatch")
	}
	arity := map[Operator]Arity{Empty: ArityNone, EmptyNot: ArityNone, Between: ArityTwo, WithinNot: ArityTwo, AnyOf: ArityMany, AnyOfNot: ArityMany, Is: ArityOne, On: ArityOne}
	for op, want := range arity {
		if got := op.Arity(); got != want {
			t.Errorf("%s.Arity() = %v, want %v", op, got, want)
		}
	}
	e := &Error{Code: CodeInvalidParameter, Detail: "x"}
	if e.Error() != "filter: INVALID_PARAMETER: x" {
		t.Errorf("Error() = %q", e.Error())
	}
}
