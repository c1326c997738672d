package filter

import (
	"errors"
	"math/rand/v2"
	"slices"
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

// FuzzSQL checks that for every `q` that parses and compiles against the
// customer record type, SQL selects exactly the records Match accepts among a
// fixed set of stored records.
func FuzzSQL(f *testing.F) {
	rt := recordType(f, "customer")
	la := mustLoad(f, "America/Los_Angeles")
	conn := openDB(f)
	rng := rand.New(rand.NewPCG(7, 7))
	var fields []*catalog.Field
	for _, name := range []string{"companyName", "email", "entityId", "creditLimit", "daysOverdue", "isInactive",
		"subsidiary", "entityStatus", "emailPreference", "language", "dateCreated", "lastModifiedDate", "startDate"} {
		fl, ok := rt.Field(name)
		if !ok {
			f.Fatalf("customer has no field %q", name)
		}
		fields = append(fields, fl)
	}
	g := &diffGen{rng: rng, locs: []*time.Location{time.UTC, la}, fields: fields}
	bodies := []map[string]any{
		{},
		{"companyName": "", "email": "", "entityStatus": "", "emailPreference": "", "subsidiary": "", "startDate": "", "lastModifiedDate": ""},
		{"companyName": "Ärger GmbH", "email": "info@ÉCOLE.fr", "creditLimit": 1000.5, "isInactive": true, "subsidiary": "1",
			"emailPreference": "PDF", "dateCreated": "2026-03-08T08:00:00Z", "lastModifiedDate": "2026-03-09T06:59:59Z", "startDate": "2026-03-08"},
	}
	for range 25 {
		body := map[string]any{}
		for _, fl := range fields {
			class, _ := ClassOf(fl)
			if v, ok := g.storedValue(fl, class); ok {
				body[fl.Name] = v
			}
		}
		bodies = append(bodies, body)
	}
	var recs []storedRecord
	for i, b := range bodies {
		recs = append(recs, insert(f, conn, "customer", int64(i+1), b))
	}
	for _, ex := range oracleExamples {
		f.Add(ex.q)
	}
	for _, q := range []string{
		`companyName IS "ÄRGER GMBH"`,
		`companyName START_WITH ärg OR companyName START_WITH ""`,
		`companyName IS_NOT "" AND companyName EMPTY_NOT`,
		`email END_WITH .fr AND email CONTAIN école`,
		`email CONTAIN "\xff"`,
		`lastModifiedDate ON_OR_AFTER "3/8/2026" AND lastModifiedDate BEFORE "3/9/2026"`,
		`dateCreated ON "3/8/2026" OR dateCreated AFTER_NOT "11/1/2026"`,
		`lastModifiedDate ON_OR_BEFORE "12/31/9999"`,
		`startDate BEFORE "3/8/2026" OR startDate ON_OR_BEFORE_NOT "1/1/1000"`,
		`subsidiary ANY_OF [1, 007] OR subsidiary EQUAL_NOT -0`,
		`emailPreference ANY_OF_NOT ["", pdf] AND language IS EN_us`,
		`isInactive IS_NOT false OR isInactive EMPTY`,
		`creditLimit BETWEEN_NOT [-1, 1e3] AND daysOverdue WITHIN [0, 42]`,
		`id ANY_OF [1, 3, 5] OR id GREATER 20`,
		`entityStatus EMPTY_NOT AND entityStatus ANY_OF [1, 2]`,
	} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		e, err := Parse(q)
		if err != nil {
			return
		}
		flt, err := Compile(e, rt, Options{Location: la})
		if err != nil {
			return
		}
		want := goIDs(flt, recs)
		if got := sqlIDs(t, conn, "customer", flt); !slices.Equal(want, got) {
			expr, args := flt.SQL(testColumn)
			t.Fatalf("%s\nSQL %s\nargs %#v\nids (-Match +SQL):\n%s\n%s", e, expr, args, cmp.Diff(want, got), describe(want, got, recs, flt))
		}
	})
}
