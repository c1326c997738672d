package fieldpath

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/netsuite/nstime"
)

// customerSchema has the shapes of the metadata catalog's customer schema
// (Oracle's JSON Schema example for the scalar fields,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545129726.html;
// references, enums and sublists as the emulator serves them).
const customerSchema = `{
  "type": "object",
  "properties": {
    "id": {"type": "string", "title": "Internal ID"},
    "externalId": {"type": "string", "title": "External ID"},
    "companyName": {"type": "string", "title": "Company Name"},
    "email": {"type": "string"},
    "creditLimit": {"type": "number", "format": "double"},
    "daysOverdue": {"type": "integer", "format": "int64"},
    "isPerson": {"type": "boolean"},
    "startDate": {"type": "string", "format": "date"},
    "lastModifiedDate": {"type": "string", "format": "date-time"},
    "subsidiary": {"$ref": "/services/rest/record/v1/metadata-catalog/subsidiary"},
    "category": {"$ref": "/services/rest/record/v1/metadata-catalog/nsResource"},
    "emailPreference": {"type": "object", "properties": {
      "id": {"type": "string", "enum": ["PDF", "HTML", "DEFAULT"]},
      "refName": {"type": "string"}}},
    "addressBook": {"$ref": "/services/rest/record/v1/metadata-catalog/customer-addressBookCollection"},
    "defaultAddressBook": {"$ref": "/services/rest/record/v1/metadata-catalog/customer-addressBook-addressBookAddress"},
    "tags": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}, "since": {"type": "string", "format": "date"}}}},
    "custentity_note": {"type": "string", "x-ns-custom-field": true}
  }
}`

func testSchema(t testing.TB) *netsuite.Schema {
	t.Helper()
	var s netsuite.Schema
	if err := json.Unmarshal([]byte(customerSchema), &s); err != nil {
		t.Fatal(err)
	}
	return &s
}

func losAngeles(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func compile(t testing.TB, path string) *Field {
	t.Helper()
	p, err := Parse(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Compile("customer", testSchema(t), p)
	if err != nil {
		t.Fatalf("Compile(%s): %v", path, err)
	}
	return f
}

func TestCompile(t *testing.T) {
	t.Parallel()
	tests := []struct {
		path, want string // want: the canonical path
		kind       Kind
	}{
		{"companyName", "companyName", KindText},
		{"COMPANYNAME", "companyName", KindText},
		{"creditLimit", "creditLimit", KindNumber},
		{"daysOverdue", "daysOverdue", KindInteger},
		{"isPerson", "isPerson", KindBoolean},
		{"startDate", "startDate", KindDate},
		{"lastModifiedDate", "lastModifiedDate", KindDateTime},
		{"subsidiary", "subsidiary", KindReference},
		{"category", "category", KindReference},
		{"emailPreference", "emailPreference", KindReference},
		{"subsidiary.id", "subsidiary.id", KindID},
		{"subsidiary.externalId", "subsidiary.externalId", KindID},
		{"subsidiary.refName", "subsidiary.refName", KindGuess},
		{"emailpreference.ID", "emailPreference.id", KindID},
		{"emailPreference.refName", "emailPreference.refName", KindText},
		{"id", "id", KindID},
		{"externalid", "externalId", KindID},
		{"addressBook", "addressBook", KindGuess},
		{"addressBook.items", "addressBook.items", KindGuess},
		{"addressBook[0].label", "addressBook[0].label", KindGuess},
		{"addressBook[2].addressBookAddress.city", "addressBook[2].addressBookAddress.city", KindGuess},
		{"defaultAddressBook.city", "defaultAddressBook.city", KindGuess},
		{"tags[0].name", "tags[0].name", KindText},
		{"tags[0].since", "tags[0].since", KindDate},
		{"custentity_note", "custentity_note", KindText},
	}
	for _, tt := range tests {
		f := compile(t, tt.path)
		if f.Path.String() != tt.want || f.Kind != tt.kind {
			t.Errorf("Compile(%s) = %s, %v; want %s, %v", tt.path, f.Path, f.Kind, tt.want, tt.kind)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ path, want string }{
		{"compnyName", `customer has no field "compnyName"; did you mean "companyName"?`},
		{"zzzzzzzz", `customer has no field "zzzzzzzz"`},
		{"companyName[0].x", "customer.companyName is not a sublist, so it has no lines"},
		{"subsidiary[0]", "customer.subsidiary is not a sublist"},
		{"email.id", "customer.email is a plain string, not an object; its path is email"},
		{"creditLimit.value", "customer.creditLimit is a plain number, not an object"},
		{"addressBook.label", "customer.addressBook is a sublist: name a line, such as addressBook[0].label"},
		{"addressBook.items[2].label", "customer.addressBook is a sublist: name its line as addressBook[2]"},
		{"emailPreference.idd", `customer.emailPreference has no field "idd"; did you mean "id"?`},
		{"tags[0].nme", `customer.tags[0] has no field "nme"; did you mean "name"?`},
		{"tags[0].name.x", "customer.tags[0].name is a plain string, not an object"},
	}
	for _, tt := range tests {
		p, err := Parse(tt.path)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Compile("customer", testSchema(t), p)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Compile(%s) = %v; want %q", tt.path, err, tt.want)
		}
	}
}

func TestValue(t *testing.T) {
	t.Parallel()
	loc := losAngeles(t)
	tests := []struct {
		path, raw string
		want      any // the value as JSON, or
		err       string
	}{
		{path: "companyName", raw: "Acme, Inc.", want: `"Acme, Inc."`},
		{path: "companyName", raw: "0123", want: `"0123"`},
		{path: "companyName", raw: `"42"`, want: `"42"`},
		{path: "companyName", raw: "", want: `""`},
		{path: "creditLimit", raw: "1500.75", want: `1500.75`},
		{path: "creditLimit", raw: " -3e2 ", want: `-3e2`},
		{path: "creditLimit", raw: "12x", err: `"12x" is not a number; customer.creditLimit is a number field`},
		{path: "creditLimit", raw: "1,000", err: "without thousands separators"},
		{path: "creditLimit", raw: "$10", err: "is not a number"},
		{path: "daysOverdue", raw: "+42", want: `42`},
		{path: "daysOverdue", raw: "1.5", err: `"1.5" is not a whole number; customer.daysOverdue is a whole-number field`},
		{path: "isPerson", raw: "Yes", want: `true`},
		{path: "isPerson", raw: "0", want: `false`},
		{path: "isPerson", raw: "maybe", err: `"maybe" is not true or false; customer.isPerson is a checkbox`},
		{path: "startDate", raw: "2026-03-08", want: `"2026-03-08"`},
		{path: "startDate", raw: "2026-02-30", err: `"2026-02-30" is not a date (day 30 out of range for February 2026); customer.startDate is a date field: write it as YYYY-MM-DD`},
		{path: "startDate", raw: "3/8/2026", err: `"3/8/2026" is not a date (it is written in M/D/YYYY); customer.startDate is a date field: write it as YYYY-MM-DD, such as 2026-03-08 (an import mapping can read a column written in M/D/YYYY)`},
		{path: "lastModifiedDate", raw: "2026-11-01T10:00", want: `"2026-11-01T18:00:00Z"`},
		{path: "lastModifiedDate", raw: "2026-11-01 10:00", want: `"2026-11-01T18:00:00Z"`},
		{path: "lastModifiedDate", raw: "2026-11-01 10:00:30", want: `"2026-11-01T18:00:30Z"`},
		{path: "lastModifiedDate", raw: "2026-07-01T10:00", want: `"2026-07-01T17:00:00Z"`},
		// 01:30 happened twice: the first, still on daylight time (PDT).
		{path: "lastModifiedDate", raw: "2026-11-01T01:30", want: `"2026-11-01T08:30:00Z"`},
		// 02:30 never happened: moved forward by the hour skipped.
		{path: "lastModifiedDate", raw: "2026-03-08 02:30", want: `"2026-03-08T10:30:00Z"`},
		// An offset or Z wins over the account time zone.
		{path: "lastModifiedDate", raw: "2026-11-01T10:00:00+01:00", want: `"2026-11-01T09:00:00Z"`},
		{path: "lastModifiedDate", raw: "2026-11-01T10:00Z", want: `"2026-11-01T10:00:00Z"`},
		{path: "lastModifiedDate", raw: "2026-11-01", want: `"2026-11-01T07:00:00Z"`},
		{path: "lastModifiedDate", raw: "2026-11-01T25:00", err: `"2026-11-01T25:00" is not a datetime (hour 25 out of range (00-23)); customer.lastModifiedDate is a datetime field: write it as 2026-03-08T14:30 or 2026-03-08 14:30:00 (in the account time zone, America/Los_Angeles)`},
		{path: "lastModifiedDate", raw: "11/1/2026 10:00", err: `"11/1/2026 10:00" is not a datetime (it is written in M/D/YYYY)`},
		{path: "subsidiary", raw: "1", want: `{"id":"1"}`},
		{path: "subsidiary", raw: `{"externalId": "SUB-1"}`, want: `{"externalId":"SUB-1"}`},
		{path: "subsidiary", raw: `{"id": 1`, err: `"{\"id\": 1" is not a JSON object; customer.subsidiary is a reference`},
		{path: "emailPreference", raw: "PDF", want: `{"id":"PDF"}`},
		{path: "emailPreference", raw: "PFD", err: `"PFD" is not a value of customer.emailPreference; did you mean "PDF"? (values: PDF, HTML, DEFAULT)`},
		{path: "emailPreference.id", raw: "HTML", want: `"HTML"`},
		{path: "emailPreference.id", raw: "html", err: `"html" is not a value of customer.emailPreference.id`},
		{path: "subsidiary.id", raw: "007", want: `"007"`},
		{path: "externalId", raw: `"CUST-1"`, want: `"CUST-1"`},
		{path: "addressBook[0].label", raw: "2", want: `2`},
		{path: "addressBook[0].label", raw: "Home", want: `"Home"`},
		{path: "addressBook[0].label", raw: "true", want: `true`},
		{path: "addressBook[0].label", raw: "12345678901234567890", want: `12345678901234567890`},
		{path: "addressBook", raw: `{"items": []}`, want: `{"items":[]}`},
	}
	for _, tt := range tests {
		f := compile(t, tt.path)
		v, err := f.Value(tt.raw, loc)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s=%s: got %v, %v; want the error %q", tt.path, tt.raw, v, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s=%s: %v", tt.path, tt.raw, err)
			continue
		}
		if got, _ := json.Marshal(v); string(got) != tt.want {
			t.Errorf("%s=%s: got %s; want %s", tt.path, tt.raw, got, tt.want)
		}
	}
}

func TestValueDateFormat(t *testing.T) {
	t.Parallel()
	loc := losAngeles(t)
	tests := []struct {
		path, format, raw string
		want, err         string
	}{
		{"startDate", "D/M/YYYY", "8/3/2026", `"2026-03-08"`, ""},
		{"startDate", "d-mon-yyyy", "8-Mar-2026", `"2026-03-08"`, ""},
		{"startDate", "D/M/YYYY", "2026-03-08", "", `"2026-03-08" is not a date in D/M/YYYY (not three parts separated by "/"); customer.startDate is a date field: write it as 8/3/2026`},
		{"lastModifiedDate", "M/D/YYYY", "11/1/2026 10:00", `"2026-11-01T18:00:00Z"`, ""},
		{"lastModifiedDate", "M/D/YYYY", "11/1/2026 01:30:15", `"2026-11-01T08:30:15Z"`, ""},
		{"lastModifiedDate", "M/D/YYYY", "11/1/2026", `"2026-11-01T07:00:00Z"`, ""},
		{"lastModifiedDate", "M/D/YYYY", "11/1/2026 10h", "", `"11/1/2026 10h" is not a datetime in M/D/YYYY (time "10h" is not HH:MM or HH:MM:SS)`},
		{"lastModifiedDate", "M/D/YYYY", "13/1/2026", "", "month 13 out of range"},
	}
	for _, tt := range tests {
		f := compile(t, tt.path)
		if err := f.Retype(f.Kind, tt.format); err != nil {
			t.Fatal(err)
		}
		v, err := f.Value(tt.raw, loc)
		got, _ := json.Marshal(v)
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%s in %s: got %s, %v; want the error %q", tt.raw, tt.format, got, err, tt.err)
		case tt.err == "" && (err != nil || string(got) != tt.want):
			t.Errorf("%s in %s: got %s, %v; want %s", tt.raw, tt.format, got, err, tt.want)
		}
	}
}

func TestValueNeedsLocation(t *testing.T) {
	t.Parallel()
	_, err := compile(t, "lastModifiedDate").Value("2026-11-01T10:00Z", nil)
	if err == nil || !strings.Contains(err.Error(), "no account time zone") {
		t.Errorf("got %v", err)
	}
}

func TestRetype(t *testing.T) {
	t.Parallel()
	tests := []struct {
		path   string
		kind   Kind
		format string
		err    string
	}{
		{"addressBook[0].label", KindText, "", ""},
		{"addressBook[0].since", KindDate, "D.M.YYYY", ""},
		{"companyName", KindText, "", ""},
		{"companyName", KindNumber, "", "customer.companyName is a text field; it cannot be read as number"},
		{"subsidiary.id", KindNumber, "", "customer.subsidiary.id is an ID; it cannot be read as number"},
		{"companyName", KindText, "D/M/YYYY", "a date format applies to date and datetime fields, and customer.companyName is a text field"},
		{"startDate", KindDate, "Y/M/D", `date format "Y/M/D" is not one of M/D/YYYY, D/M/YYYY`},
	}
	for _, tt := range tests {
		f := compile(t, tt.path)
		err := f.Retype(tt.kind, tt.format)
		if tt.err == "" && (err != nil || f.Kind != tt.kind) || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("%s as %v %q: %v, kind %v; want %q", tt.path, tt.kind, tt.format, err, f.Kind, tt.err)
		}
	}
}

func TestFromJSON(t *testing.T) {
	t.Parallel()
	loc := losAngeles(t)
	tests := []struct {
		path, in string // in: JSON
		want     string // JSON, or
		err      string
	}{
		{"companyName", `"Acme"`, `"Acme"`, ""},
		{"companyName", `"\"q\""`, `"\"q\""`, ""},
		{"companyName", `5035550199`, `"5035550199"`, ""},
		{"companyName", `null`, `null`, ""},
		{"companyName", `true`, "", "customer.companyName is a text field; the boolean true does not fit it"},
		{"companyName", `{"a": 1}`, "", "customer.companyName is a text field; an object does not fit it"},
		{"creditLimit", `1500.5`, `1500.5`, ""},
		{"creditLimit", `"1500.5"`, `1500.5`, ""},
		{"creditLimit", `"lots"`, "", `"lots" is not a number`},
		{"creditLimit", `[1]`, "", "an array does not fit it"},
		{"daysOverdue", `3`, `3`, ""},
		{"daysOverdue", `3.5`, "", "is not a whole number"},
		{"isPerson", `false`, `false`, ""},
		{"isPerson", `"yes"`, `true`, ""},
		{"isPerson", `1`, `true`, ""},
		{"startDate", `"2026-03-08"`, `"2026-03-08"`, ""},
		{"startDate", `20260308`, "", `customer.startDate is a date field; the number "20260308" does not fit it`},
		{"lastModifiedDate", `"2026-11-01 10:00"`, `"2026-11-01T18:00:00Z"`, ""},
		{"subsidiary", `"1"`, `{"id":"1"}`, ""},
		{"subsidiary", `1`, `{"id":"1"}`, ""},
		{"subsidiary", `{"id": 1}`, `{"id":1}`, ""},
		{"subsidiary", `"{\"id\": 1}"`, "", `the string "{\"id\": 1}" does not fit it`},
		{"emailPreference", `{"id": "PDF"}`, `{"id":"PDF"}`, ""},
		{"emailPreference", `"XML"`, "", `"XML" is not a value of customer.emailPreference`},
		{"externalId", `42`, `"42"`, ""},
		{"addressBook", `{"items": [{"label": 5}]}`, `{"items":[{"label":5}]}`, ""},
	}
	for _, tt := range tests {
		f := compile(t, tt.path)
		in, err := decodeJSON(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		v, err := f.FromJSON(in, loc)
		got, _ := json.Marshal(v)
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%s: %s: got %s, %v; want the error %q", tt.path, tt.in, got, err, tt.err)
		case tt.err == "" && (err != nil || string(got) != tt.want):
			t.Errorf("%s: %s: got %s, %v; want %s", tt.path, tt.in, got, err, tt.want)
		}
	}
}

func TestParseKind(t *testing.T) {
	t.Parallel()
	for k := KindGuess; k <= KindJSON; k++ {
		if got, err := ParseKind(" " + strings.ToUpper(k.String()) + " "); err != nil || got != k {
			t.Errorf("ParseKind(%v) = %v, %v", k, got, err)
		}
	}
	if _, err := ParseKind("float"); err == nil || !strings.Contains(err.Error(), "text, number") {
		t.Errorf("ParseKind(float) = %v", err)
	}
}

func TestQuote(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("é", 50)
	tests := map[string]string{
		"abc":  `"abc"`,
		long:   `"` + strings.Repeat("é", 40) + `"...`,
		"a\nb": `"a\nb"`,
	}
	for in, want := range tests {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %s; want %s", in, got, want)
		}
	}
}

// FuzzValue checks that every kind reads any text without panicking, and
// that what it accepts can be sent: it marshals to JSON, and a date or
// datetime is in NetSuite's wire form.
func FuzzValue(f *testing.F) {
	for _, s := range []string{"", "1", "1.5", "x", "true", "2026-03-08", "2026-11-01T01:30", "3/8/2026 10:00", `{"id":"1"}`, `"q"`, "PDF", "0001-01-01T00:00-23:59"} {
		f.Add(s)
	}
	loc := losAngeles(f)
	paths := []string{"companyName", "creditLimit", "daysOverdue", "isPerson", "startDate", "lastModifiedDate", "subsidiary", "emailPreference", "externalId", "addressBook[0].label"}
	var fields []*Field
	for _, path := range paths {
		fields = append(fields, compile(f, path))
	}
	mdy := compile(f, "lastModifiedDate")
	if err := mdy.Retype(KindDateTime, "M/D/YYYY"); err != nil {
		f.Fatal(err)
	}
	anyJSON := compile(f, "addressBook[0].label")
	if err := anyJSON.Retype(KindJSON, ""); err != nil {
		f.Fatal(err)
	}
	fields = append(fields, mdy, anyJSON)
	guessed := Path{{Name: "memo"}}
	f.Fuzz(func(t *testing.T, raw string) {
		// Guess and unquote skip the decoder for what cannot be JSON; they
		// give what decoding every value would.
		slow, err := decodeJSON(raw)
		if err != nil {
			slow = raw
		}
		if got := Guess(guessed, raw); !cmp.Equal(got, slow) {
			t.Fatalf("Guess(%q) = %#v; decoding gives %#v", raw, got, slow)
		}
		if s, ok := slow.(string); ok && unquote(raw) != s {
			t.Fatalf("unquote(%q) = %q; decoding gives %q", raw, unquote(raw), s)
		}
		for _, fd := range fields {
			v, err := fd.Value(raw, loc)
			if err != nil {
				if len(err.Error()) > 1000 {
					t.Errorf("%s: a long message, %d bytes, for %d bytes of input", fd.Path, len(err.Error()), len(raw))
				}
				continue
			}
			b, merr := json.Marshal(v)
			if merr != nil {
				t.Fatalf("%s=%q gave %#v, which does not marshal: %v", fd.Path, raw, v, merr)
			}
			switch fd.Kind {
			case KindDate:
				if _, err := nstime.ParseDate(v.(string)); err != nil {
					t.Fatalf("%s=%q gave %s", fd.Path, raw, b)
				}
			case KindDateTime:
				if tm, err := time.Parse(time.RFC3339, v.(string)); err != nil || !strings.HasSuffix(v.(string), "Z") || nstime.FormatUTC(tm) != v {
					t.Fatalf("%s=%q gave %s", fd.Path, raw, b)
				}
			}
		}
	})
}

func TestFieldPathCanonical(t *testing.T) {
	t.Parallel()
	f := compile(t, "ADDRESSBOOK[1].label")
	want := Path{{Name: "addressBook"}, {Index: 1}, {Name: "label"}}
	if diff := cmp.Diff(want, f.Path); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
