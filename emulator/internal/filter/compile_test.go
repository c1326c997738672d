package filter

import (
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
)

func recordType(t testing.TB, name string) *catalog.RecordType {
	t.Helper()
	c, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	rt, ok := c.Type(name)
	if !ok {
		t.Fatalf("no record type %q", name)
	}
	return rt
}

func mustCompile(t *testing.T, q string, rt *catalog.RecordType, opts Options) *Filter {
	t.Helper()
	f, err := Compile(mustParse(t, q), rt, opts)
	if err != nil {
		t.Fatalf("Compile(%q): %v", q, err)
	}
	return f
}

func TestCompileOracleExamples(t *testing.T) {
	t.Parallel()
	rt := recordType(t, "customer")
	for _, ex := range oracleExamples {
		if err := Check(mustParse(t, ex.q), rt, Options{}); err != nil {
			t.Errorf("Check(%q) on customer: %v", ex.q, err)
		}
	}
}

func TestCheckErrors(t *testing.T) {
	t.Parallel()
	la := mustLoad(t, "America/Los_Angeles")
	tests := []struct {
		record string
		q      string
		opts   Options
		code   string
		detail string // substring, or the exact detail when it starts with "="
	}{
		{"customer", `nosuchfield IS x`, Options{}, CodeNonexistentField, `Field "nosuchfield" does not exist on record type "customer".`},
		{"customer", `email IS x AND bogus EMPTY`, Options{}, CodeNonexistentField, `"bogus"`},
		{"customer", `alcoholRecipientType.id IS x`, Options{}, CodeNonexistentField, `"alcoholRecipientType.id"`},
		{"customer", `addressBook EMPTY`, Options{}, CodeInvalidParameter, `Field "addressBook" of record type "customer" cannot be used in a filter (a sublist field is not filterable).`},
		{"customer", `contactList ANY_OF [1]`, Options{}, CodeInvalidParameter, "(a multiselect field is not filterable)"},
		{"customer", `links EMPTY`, Options{}, CodeInvalidParameter, "(a links field is not filterable)"},
		{"customer", `refName IS x`, Options{}, CodeInvalidParameter, `Field "refName"`},
		{"salesOrder", `billingAddress EMPTY`, Options{}, CodeInvalidParameter, "(a subrecord field is not filterable)"},
		{"salesOrder", `item EMPTY`, Options{}, CodeInvalidParameter, "(a sublist field is not filterable)"},
		{"customer", `creditLimit START_WITH 1`, Options{}, CodeInvalidParameter, `Operator START_WITH is not valid for field "creditLimit" of type number; use one of EMPTY, EMPTY_NOT, ANY_OF,`},
		{"customer", `email GREATER 1`, Options{}, CodeInvalidParameter, `Operator GREATER is not valid for field "email" of type string`},
		{"customer", `email ON "1/1/2019"`, Options{}, CodeInvalidParameter, `Operator ON is not valid for field "email"`},
		{"customer", `isInactive CONTAIN t`, Options{}, CodeInvalidParameter, `of type boolean; use one of EMPTY, EMPTY_NOT, IS, IS_NOT.`},
		{"customer", `isInactive EQUAL 1`, Options{}, CodeInvalidParameter, `Operator EQUAL is not valid for field "isInactive"`},
		{"customer", `dateCreated EQUAL 1`, Options{}, CodeInvalidParameter, `of type date/time`},
		{"customer", `dateCreated BETWEEN ["1/1/2019", "1/2/2019"]`, Options{}, CodeInvalidParameter, `Operator BETWEEN is not valid for field "dateCreated"`},
		{"customer", `subsidiary IS 1`, Options{}, CodeInvalidParameter, `of type select; use one of EMPTY, EMPTY_NOT, ANY_OF, ANY_OF_NOT, EQUAL, EQUAL_NOT.`},
		{"customer", `emailPreference EQUAL PDF`, Options{}, CodeInvalidParameter, `of type list`},
		{"customer", `creditLimit GREATER abc`, Options{}, CodeInvalidParameter, `=Invalid number "abc" for field "creditLimit".`},
		{"customer", `creditLimit BETWEEN [1, x]`, Options{}, CodeInvalidParameter, `Invalid number "x"`},
		{"customer", `creditLimit EQUAL 0x10`, Options{}, CodeInvalidParameter, `Invalid number "0x10"`},
		{"customer", `creditLimit EQUAL Inf`, Options{}, CodeInvalidParameter, `Invalid number "Inf"`},
		{"customer", `creditLimit EQUAL 1e999`, Options{}, CodeInvalidParameter, `Invalid number "1e999"`},
		{"customer", `id ANY_OF [1, two]`, Options{}, CodeInvalidParameter, `Invalid number "two" for field "id"`},
		{"customer", `isInactive IS yes`, Options{}, CodeInvalidParameter, `=Invalid boolean "yes" for field "isInactive"; use true or false.`},
		{"customer", `isInactive IS T`, Options{}, CodeInvalidParameter, `Invalid boolean "T"`},
		{"customer", `subsidiary ANY_OF [1, abc]`, Options{}, CodeInvalidParameter, `=Invalid internal ID "abc" for field "subsidiary".`},
		{"customer", `subsidiary EQUAL 1.5`, Options{}, CodeInvalidParameter, `Invalid internal ID "1.5"`},
		{"customer", `dateCreated ON "2019-01-01"`, Options{}, CodeInvalidParameter, `=Unparseable date: "2019-01-01"`},
		{"customer", `dateCreated AFTER "1/1/2019 10:00 am"`, Options{}, CodeInvalidParameter, `=Unparseable date: "1/1/2019 10:00 am"`},
		{"customer", `dateCreated AFTER "2019-01-01T00:00:00Z"`, Options{DateFormat: FormatISO}, CodeInvalidParameter, `=Unparseable date: "2019-01-01T00:00:00Z"`},
		{"customer", `dateCreated AFTER "1/13/2019"`, Options{DateFormat: FormatDMY, Location: la}, CodeInvalidParameter, `=Unparseable date: "1/13/2019"`},
		{"customer", `startDate ON_OR_BEFORE "13.1.2019"`, Options{DateFormat: FormatMDY}, CodeInvalidParameter, `=Unparseable date: "13.1.2019"`},
		{"salesOrder", `tranDate ON today`, Options{}, CodeInvalidParameter, `=Unparseable date: "today"`},
		{"customer", `email IS`, Options{}, CodeInvalidParameter, "expects a value"}, // a Parse error, for completeness
	}
	for _, tt := range tests {
		rt := recordType(t, tt.record)
		e, err := Parse(tt.q)
		if err == nil {
			err = Check(e, rt, tt.opts)
		}
		var fe *Error
		if !errors.As(err, &fe) {
			t.Errorf("%s: %q: error = %v; want *Error", tt.record, tt.q, err)
			continue
		}
		if fe.Code != tt.code {
			t.Errorf("%s: %q: code = %s, want %s (detail %q)", tt.record, tt.q, fe.Code, tt.code, fe.Detail)
		}
		if exact, ok := strings.CutPrefix(tt.detail, "="); ok {
			if fe.Detail != exact {
				t.Errorf("%s: %q: detail = %q, want %q", tt.record, tt.q, fe.Detail, exact)
			}
		} else if !strings.Contains(fe.Detail, tt.detail) {
			t.Errorf("%s: %q: detail = %q, want it to contain %q", tt.record, tt.q, fe.Detail, tt.detail)
		}
	}
}

func TestCheckHandBuiltArity(t *testing.T) {
	t.Parallel()
	rt := recordType(t, "customer")
	for _, c := range []*Cond{
		{Field: "id", Op: Between, Values: []string{"1"}},
		{Field: "email", Op: Is},
		{Field: "email", Op: Empty, Values: []string{"x"}},
		{Field: "id", Op: AnyOf},
	} {
		var fe *Error
		if err := Check(c, rt, Options{}); !errors.As(err, &fe) || fe.Code != CodeInvalidParameter {
			t.Errorf("Check(%v) = %v; want INVALID_PARAMETER", c, err)
		}
	}
	if _, err := Compile(cond("email", Empty), rt, Options{DateFormat: "bogus"}); err == nil {
		t.Error("Compile accepted an unsupported date format")
	}
}

func TestMatch(t *testing.T) {
	t.Parallel()
	la := mustLoad(t, "America/Los_Angeles")
	opts := Options{DateFormat: FormatMDY, Location: la}
	cust := recordType(t, "customer")
	so := recordType(t, "salesOrder")

	acme := Record{
		"id":              "107",
		"companyName":     "Acme Widgets Inc.",
		"email":           "Barbara@Example.com",
		"creditLimit":     1500.0,
		"balance":         json.Number("-20.5"),
		"daysOverdue":     3,
		"isInactive":      false,
		"taxable":         true,
		"dateCreated":     utc("2026-03-08T10:00:00Z"), // 03:00 PDT on 3/8
		"startDate":       "2026-03-08",
		"subsidiary":      map[string]any{"id": "1", "refName": "Parent Company"},
		"emailPreference": map[string]any{"id": "PDF", "refName": "PDF"},
		"phone":           "",
		"externalId":      "RED|PO|1337",
	}
	empty := Record{"id": "108"}

	tests := []struct {
		rt   *catalog.RecordType
		q    string
		rec  Record
		want bool
	}{
		// None: EMPTY, EMPTY_NOT on every type.
		{cust, `phone EMPTY`, acme, true},
		{cust, `fax EMPTY`, acme, true}, // missing key
		{cust, `email EMPTY`, acme, false},
		{cust, `email EMPTY_NOT`, acme, true},
		{cust, `creditLimit EMPTY`, empty, true},
		{cust, `creditLimit EMPTY_NOT`, acme, true},
		{cust, `dateCreated EMPTY`, empty, true},
		{cust, `dateCreated EMPTY`, acme, false},
		{cust, `subsidiary EMPTY`, empty, true},
		{cust, `subsidiary EMPTY_NOT`, acme, true},
		{cust, `emailPreference EMPTY`, Record{"emailPreference": map[string]any{"refName": "x"}}, true},
		{cust, `isInactive EMPTY`, empty, false},
		{cust, `isInactive EMPTY_NOT`, empty, true},

		// Boolean.
		{cust, `isinactive IS true`, acme, false},
		{cust, `isInactive IS false`, acme, true},
		{cust, `isInactive IS FALSE`, empty, true}, // missing checkbox reads false
		{cust, `isInactive IS_NOT true`, empty, true},
		{cust, `taxable IS True`, acme, true},
		{cust, `taxable IS_NOT true`, acme, false},
		{cust, `taxable IS true`, Record{"taxable": "true"}, true},

		// Number.
		{cust, `creditLimit EQUAL 1500`, acme, true},
		{cust, `creditLimit EQUAL 1500.00`, acme, true},
		{cust, `creditLimit EQUAL_NOT 1500`, acme, false},
		{cust, `creditLimit EQUAL_NOT 1500`, empty, true},
		{cust, `creditLimit GREATER 1499.99`, acme, true},
		{cust, `creditLimit GREATER 1500`, acme, false},
		{cust, `creditLimit GREATER_NOT 1500`, acme, true},
		{cust, `creditLimit GREATER_OR_EQUAL 1500`, acme, true},
		{cust, `creditLimit GREATER_OR_EQUAL_NOT 1500`, acme, false},
		{cust, `creditLimit LESS 1500`, acme, false},
		{cust, `creditLimit LESS_NOT 1500`, acme, true},
		{cust, `creditLimit LESS_OR_EQUAL 1500`, acme, true},
		{cust, `creditLimit LESS_OR_EQUAL_NOT 1500`, acme, false},
		{cust, `creditlimit GREATER_OR_EQUAL 1000 OR creditlimit LESS_OR_EQUAL 10`, acme, true},
		{cust, `creditlimit GREATER_OR_EQUAL 1000 OR creditlimit LESS_OR_EQUAL 10`, Record{"creditLimit": 500}, false},
		{cust, `creditLimit BETWEEN [1000, 1500]`, acme, true}, // inclusive
		{cust, `creditLimit BETWEEN [1500, 2000]`, acme, true},
		{cust, `creditLimit BETWEEN [1500.01, 2000]`, acme, false},
		{cust, `creditLimit BETWEEN_NOT [1000, 1500]`, acme, false},
		{cust, `creditLimit WITHIN [1500, 1500]`, acme, true},
		{cust, `creditLimit WITHIN_NOT [0, 10]`, acme, true},
		{cust, `creditLimit ANY_OF [1, 1500, 3]`, acme, true},
		{cust, `creditLimit ANY_OF_NOT [1, 1500, 3]`, acme, false},
		{cust, `balance LESS -20`, acme, true},        // json.Number
		{cust, `daysOverdue EQUAL 3`, acme, true},     // int
		{cust, `daysOverdue GREATER 10`, acme, false}, // numerically, not as text
		{cust, `creditLimit GREATER 9`, Record{"creditLimit": "10"}, true},
		{cust, `id BETWEEN_NOT [1, 42]`, acme, true},
		{cust, `id ANY_OF [1, 2, 3, 4, 5]`, acme, false},
		{cust, `id ANY_OF [105, 107]`, acme, true},
		{cust, `id EQUAL 107`, acme, true},
		{cust, `id GREATER 100`, acme, true},

		// String, ignoring case.
		{cust, `email START_WITH barbara`, acme, true},
		{cust, `email START_WITH_NOT barbara`, acme, false},
		{cust, `email START_WITH example`, acme, false},
		{cust, `email CONTAIN "@EXAMPLE"`, acme, true},
		{cust, `email CONTAIN_NOT example`, acme, false},
		{cust, `email CONTAIN_NOT example`, empty, true},
		{cust, `email END_WITH .COM`, acme, true},
		{cust, `email ENDWITH .org`, acme, false},
		{cust, `email END_WITH_NOT .org`, acme, true},
		{cust, `email IS barbara@example.com`, acme, true},
		{cust, `email IS barbara`, acme, false},
		{cust, `email IS_NOT barbara`, acme, true},
		{cust, `companyname START_WITH "Acme Widgets"`, acme, true},
		{cust, `companyname START_WITH "Another Company"`, acme, false},
		{cust, `externalId IS "RED|PO|1337"`, acme, true},
		{cust, `phone IS_NOT x`, acme, true},

		// Select, by internal ID.
		{cust, `subsidiary ANY_OF [1, 2]`, acme, true},
		{cust, `subsidiary ANY_OF 1`, acme, true},
		{cust, `subsidiary ANY_OF [2, 3]`, acme, false},
		{cust, `subsidiary ANY_OF_NOT [2, 3]`, acme, true},
		{cust, `subsidiary EQUAL 01`, acme, true},
		{cust, `subsidiary EQUAL_NOT 1`, acme, false},
		{cust, `subsidiary EQUAL 1`, Record{"subsidiary": "1"}, true},
		{cust, `subsidiary EQUAL 1`, Record{"subsidiary": 1}, true},
		{cust, `subsidiary EQUAL -5`, Record{"subsidiary": map[string]string{"id": "-5"}}, true},
		{cust, `subsidiary EQUAL_NOT 1`, empty, true},

		// List (enum), by id, ignoring case.
		{cust, `emailPreference IS PDF`, acme, true},
		{cust, `emailPreference IS pdf`, acme, true},
		{cust, `emailPreference IS_NOT HTML`, acme, true},
		{cust, `emailPreference ANY_OF [HTML, DEFAULT]`, acme, false},
		{cust, `emailPreference ANY_OF_NOT [HTML, DEFAULT]`, acme, true},
		{cust, `emailPreference IS HTML`, Record{"emailPreference": "HTML"}, true},

		// Datetime: dateCreated is 2026-03-08 03:00 PDT.
		{cust, `dateCreated ON "3/8/2026"`, acme, true},
		{cust, `dateCreated ON_NOT "3/8/2026"`, acme, false},
		{cust, `dateCreated ON "3/9/2026"`, acme, false},
		{cust, `dateCreated AFTER "3/7/2026"`, acme, true},
		{cust, `dateCreated AFTER "3/8/2026"`, acme, false},
		{cust, `dateCreated AFTER_NOT "3/8/2026"`, acme, true},
		{cust, `dateCreated BEFORE "3/9/2026"`, acme, true},
		{cust, `dateCreated BEFORE "3/8/2026"`, acme, false},
		{cust, `dateCreated BEFORE_NOT "3/8/2026"`, acme, true},
		{cust, `dateCreated ON_OR_AFTER "3/8/2026"`, acme, true},
		{cust, `dateCreated ON_OR_AFTER_NOT "3/8/2026"`, acme, false},
		{cust, `dateCreated ON_OR_BEFORE "3/8/2026"`, acme, true},
		{cust, `dateCreated ON_OR_BEFORE "3/7/2026"`, acme, false},
		{cust, `dateCreated ON_OR_BEFORE_NOT "3/7/2026"`, acme, true},
		{cust, `dateCreated ON_OR_AFTER "1/1/2019" AND dateCreated BEFORE "1/1/2020"`, acme, false},
		{cust, `dateCreated ON_OR_AFTER "1/1/2026" AND dateCreated BEFORE "1/1/2027"`, acme, true},
		{cust, `dateCreated ON 3/8/2026`, Record{"dateCreated": "2026-03-08T02:00:00-08:00"}, true}, // RFC 3339 string
		{cust, `dateCreated ON_NOT "3/8/2026"`, empty, true},

		// Date fields compare calendar dates, with no zone.
		{cust, `startDate ON "3/8/2026"`, acme, true},
		{cust, `startDate AFTER "3/7/2026"`, acme, true},
		{cust, `startDate AFTER "3/8/2026"`, acme, false},
		{cust, `startDate BEFORE "3/8/2026"`, acme, false},
		{cust, `startDate ON_OR_BEFORE "3/8/2026"`, acme, true},
		{cust, `startDate ON_OR_AFTER "3/9/2026"`, acme, false},
		{so, `tranDate ON "3/8/2026"`, Record{"tranDate": time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC)}, true},
		{so, `tranDate ON "3/8/2026"`, Record{"tranDate": time.Date(2026, 3, 8, 23, 0, 0, 0, la)}, true},
		{so, `tranDate ON "3/8/2026"`, Record{"tranDate": "not a date"}, false},

		// Precedence: a OR (b AND c).
		{cust, `email IS nobody OR creditLimit EQUAL 1500 AND isInactive IS false`, acme, true},
		{cust, `email IS nobody OR creditLimit EQUAL 1500 AND isInactive IS true`, acme, false},
		{cust, `(email IS nobody OR creditLimit EQUAL 1500) AND isInactive IS true`, acme, false},
		{cust, `email START_WITH b AND (creditLimit LESS 0 OR taxable IS true)`, acme, true},
	}
	for _, tt := range tests {
		f := mustCompile(t, tt.q, tt.rt, opts)
		if got := f.Match(tt.rec); got != tt.want {
			t.Errorf("%s: %q on %v = %v, want %v", tt.rt.Name, tt.q, tt.rec, got, tt.want)
		}
	}
}

// TestMatchDSTBoundaries checks the instants of whole-day literals on the DST
// days of America/Los_Angeles and Australia/Sydney.
func TestMatchDSTBoundaries(t *testing.T) {
	t.Parallel()
	cust := recordType(t, "customer")
	tests := []struct {
		zone, format, day string
		start, end        string // the day's first instant and the next day's
	}{
		{"America/Los_Angeles", "M/D/YYYY", "3/8/2026", "2026-03-08T08:00:00Z", "2026-03-09T07:00:00Z"},
		{"America/Los_Angeles", "M/D/YYYY", "11/1/2026", "2026-11-01T07:00:00Z", "2026-11-02T08:00:00Z"},
		{"Australia/Sydney", "D/M/YYYY", "5/4/2026", "2026-04-04T13:00:00Z", "2026-04-05T14:00:00Z"},
		{"Australia/Sydney", "D/M/YYYY", "4/10/2026", "2026-10-03T14:00:00Z", "2026-10-04T13:00:00Z"},
	}
	for _, tt := range tests {
		opts := Options{DateFormat: DateFormat(tt.format), Location: mustLoad(t, tt.zone)}
		start, end := utc(tt.start), utc(tt.end)
		points := map[string]time.Time{
			"start-1ns": start.Add(-time.Nanosecond),
			"start":     start,
			"end-1ns":   end.Add(-time.Nanosecond),
			"end":       end,
		}
		want := map[Operator]map[string]bool{
			On:         {"start-1ns": false, "start": true, "end-1ns": true, "end": false},
			After:      {"start-1ns": false, "start": false, "end-1ns": false, "end": true},
			Before:     {"start-1ns": true, "start": false, "end-1ns": false, "end": false},
			OnOrAfter:  {"start-1ns": false, "start": true, "end-1ns": true, "end": true},
			OnOrBefore: {"start-1ns": true, "start": true, "end-1ns": true, "end": false},
		}
		for op, cases := range want {
			f := mustCompile(t, `dateCreated `+string(op)+` "`+tt.day+`"`, cust, opts)
			fNot := mustCompile(t, `dateCreated `+string(op)+`_NOT "`+tt.day+`"`, cust, opts)
			for name, at := range points {
				rec := Record{"dateCreated": at}
				if got := f.Match(rec); got != cases[name] {
					t.Errorf("%s %s %s at %s (%s) = %v, want %v", tt.zone, op, tt.day, name, at.Format(time.RFC3339Nano), got, cases[name])
				}
				if got := fNot.Match(rec); got == cases[name] {
					t.Errorf("%s %s_NOT %s at %s = %v, want %v", tt.zone, op, tt.day, name, got, !cases[name])
				}
			}
		}
	}
}

func TestClassOf(t *testing.T) {
	t.Parallel()
	cust := recordType(t, "customer")
	want := map[string]Class{
		"id": ClassNumber, "companyName": ClassString, "creditLimit": ClassNumber, "daysOverdue": ClassNumber,
		"isInactive": ClassBoolean, "dateCreated": ClassDate, "startDate": ClassDate,
		"subsidiary": ClassReference, "emailPreference": ClassEnum,
	}
	for name, c := range want {
		f, _ := cust.Field(name)
		if got, ok := ClassOf(f); !ok || got != c {
			t.Errorf("ClassOf(%s) = %v, %v; want %v", name, got, ok, c)
		}
	}
	for _, name := range []string{"addressBook", "links", "contactList"} {
		f, _ := cust.Field(name)
		if _, ok := ClassOf(f); ok {
			t.Errorf("ClassOf(%s) ok", name)
		}
	}
	if got := OperatorsFor(ClassBoolean); len(got) != 4 || got[0] != Empty || got[3] != IsNot {
		t.Errorf("OperatorsFor(boolean) = %v", got)
	}
}

// TestCustomFieldsFilter filters on custom fields added with catalog.WithCustom.
func TestCustomFieldsFilter(t *testing.T) {
	t.Parallel()
	base, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	c, err := base.WithCustom([]catalog.CustomField{
		{ScriptID: "custentity_tier", Type: catalog.CustomText},
		{ScriptID: "custentity_score", Type: catalog.CustomInteger},
		{ScriptID: "custentity_since", Type: catalog.CustomDate},
	}, []catalog.CustomRecordType{{ScriptID: "customrecord_region", Name: "Region", Fields: []catalog.CustomField{
		{ScriptID: "custrecord_code", Type: catalog.CustomText},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	cust, _ := c.Type("customer")
	f := mustCompile(t, `custentity_tier IS gold AND custentity_score GREATER 10 AND custentity_since BEFORE "1/1/2020"`, cust, Options{})
	if !f.Match(Record{"custentity_tier": "Gold", "custentity_score": 11, "custentity_since": "2019-05-01"}) {
		t.Error("custom field filter did not match")
	}
	region, _ := c.Type("customrecord_region")
	f = mustCompile(t, `custrecord_code START_WITH e AND isInactive IS false AND id ANY_OF [1, 2]`, region, Options{})
	if !f.Match(Record{"custrecord_code": "EMEA", "id": "2"}) {
		t.Error("custom record filter did not match")
	}
}

func TestFilterConcurrent(t *testing.T) {
	t.Parallel()
	f := mustCompile(t, `email START_WITH b OR creditLimit GREATER 10`, recordType(t, "customer"), Options{})
	if f.Expr().String() != `email START_WITH b OR creditLimit GREATER 10` {
		t.Errorf("Expr() = %s", f.Expr())
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 100 {
				rec := Record{"email": "bob", "creditLimit": float64(i * j)}
				if !f.Match(rec) {
					t.Error("no match")
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestInstants: with Options.Instants, date values are xsd:dateTime instants
// compared to the second on datetime fields, and by their day in the
// location on date fields.
func TestInstants(t *testing.T) {
	rt := recordType(t, "customer")
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	rec := Record{"dateCreated": at}
	cases := []struct {
		op    Operator
		value string
		want  bool
	}{
		{After, "2026-05-01T11:59:59Z", true},
		{After, "2026-05-01T12:00:00Z", false},
		{After, "2026-05-01T11:59:59.999Z", true},
		{OnOrAfter, "2026-05-01T12:00:00Z", true},
		{OnOrAfter, "2026-05-01T12:00:00.001Z", false},
		{Before, "2026-05-01T12:00:00.001Z", true},
		{Before, "2026-05-01T12:00:00Z", false},
		{OnOrBefore, "2026-05-01T12:00:00Z", true},
		{OnOrBefore, "2026-05-01T11:59:59.999Z", false},
		{On, "2026-05-01T05:00:00-07:00", true},
		{On, "2026-05-01T12:00:01Z", false},
	}
	for _, c := range cases {
		f, err := Compile(&Cond{Field: "dateCreated", Op: c.op, Values: []string{c.value}}, rt, Options{Location: la, Instants: true})
		if err != nil {
			t.Fatal(err)
		}
		if got := f.Match(rec); got != c.want {
			t.Errorf("dateCreated %s %s: %v, want %v", c.op, c.value, got, c.want)
		}
	}
	if _, err := Compile(&Cond{Field: "dateCreated", Op: After, Values: []string{"5/1/2026"}}, rt, Options{Instants: true}); err == nil {
		t.Error("a date literal passed as an instant")
	}
}
