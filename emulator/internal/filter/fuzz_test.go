package filter

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
)

// FuzzParse checks that Parse never panics, fails only with *Error, and that a
// parsed expression's String() form re-parses to an equal expression whose
// String() is the same. Parsed expressions are also compiled against the
// customer record type and matched against a record, which must not panic.
func FuzzParse(f *testing.F) {
	c, err := catalog.Default()
	if err != nil {
		f.Fatal(err)
	}
	cust, _ := c.Type("customer")
	rec := Record{"id": "7", "email": "a@b.c", "creditLimit": 10.0, "isInactive": true,
		"dateCreated": time.Date(2026, 3, 8, 10, 0, 0, 0, time.UTC), "subsidiary": "1"}
	for _, ex := range oracleExamples {
		f.Add(ex.q)
	}
	for _, q := range []string{
		`a IS x OR b IS y AND c IS z`,
		`(a IS x OR b IS y) AND (c IS z OR d EMPTY)`,
		`name IS "say \"hi\" \\ there"`,
		`name IS "a\nb"`,
		`email ENDWITH .com`,
		`id ANY_OF 7`,
		`entityStatus ANY_OF_NOT ["13", "Closed Won", x]`,
		`amount WITHIN [-1.5, 2e3]`,
		`a IS AND`,
		`name IS ""`,
		`((((a EMPTY))))`,
		`a IS x)`,
		`a IS "unterminated`,
		"a IS \xff\xfe",
		"a IS \"\xff\"",
		"a\u00a0IS x",
		`tranDate ON_OR_BEFORE 31-Dec-2026`,
		`dateCreated ON "3/8/2026" OR subsidiary ANY_OF [1, 2] AND isInactive IS true`,
		`creditLimit BETWEEN [1, 1e3] AND emailPreference IS PDF AND id GREATER 3`,
	} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		e, err := Parse(q)
		if err != nil {
			var fe *Error
			if !errors.As(err, &fe) || fe.Code != CodeInvalidParameter || fe.Detail == "" {
				t.Fatalf("Parse(%q) error %v is not an INVALID_PARAMETER *Error", q, err)
			}
			return
		}
		s := e.String()
		e2, err := Parse(s)
		if err != nil {
			t.Fatalf("Parse(%q) ok, but its String() %q does not re-parse: %v", q, s, err)
		}
		if diff := cmp.Diff(e, e2); diff != "" {
			t.Fatalf("Parse(%q).String() = %q re-parses differently (-first +second):\n%s", q, s, diff)
		}
		if s2 := e2.String(); s2 != s {
			t.Fatalf("String() not stable: %q then %q", s, s2)
		}
		flt, err := Compile(e, cust, Options{})
		if err != nil {
			var fe *Error
			if !errors.As(err, &fe) || fe.Detail == "" {
				t.Fatalf("Compile(%q) error %v is not an *Error", s, err)
			}
			return
		}
		flt.Match(rec)
		flt.Match(Record{})
	})
}
