package rowfile

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const mappingYAML = `# customers exported from the old CRM
columns:
  Company: companyName
  Credit Limit: creditLimit
  Customer Since:
    field: startDate
    format: D/M/YYYY
  Last Visit: {field: firstVisit, format: M/D/YYYY}
  Line Label:
    field: addressBook[0].label
    type: text
  Internal Notes:
    skip: true
  2024: comments
constants:
  subsidiary.id: 1
  isPerson: "false"
null: NULL
`

// nullVariants: YAML reads these as its null, and the mapping as text.
var nullVariants = []string{"NULL", "null", "~", `"NULL"`, "'#N/A'"}

func TestReadMapping(t *testing.T) {
	t.Parallel()
	want := &Mapping{
		Columns: map[string]Column{
			"Company":        {Field: "companyName"},
			"Credit Limit":   {Field: "creditLimit"},
			"Customer Since": {Field: "startDate", Format: "D/M/YYYY"},
			"Last Visit":     {Field: "firstVisit", Format: "M/D/YYYY"},
			"Line Label":     {Field: "addressBook[0].label", Type: "text"},
			"Internal Notes": {Skip: true},
			"2024":           {Field: "comments"},
		},
		Constants: map[string]string{"subsidiary.id": "1", "isPerson": "false"},
		Null:      "NULL",
	}
	for name, doc := range map[string]string{
		"YAML": mappingYAML,
		"JSON": `{"columns": {"Company": "companyName", "Credit Limit": "creditLimit",
			"Customer Since": {"field": "startDate", "format": "D/M/YYYY"}, "Last Visit": {"field": "firstVisit", "format": "M/D/YYYY"},
			"Line Label": {"field": "addressBook[0].label", "type": "text"}, "Internal Notes": {"skip": true}, "2024": "comments"},
			"constants": {"subsidiary.id": 1, "isPerson": "false"}, "null": "NULL"}`,
	} {
		m, err := ReadMapping(strings.NewReader(doc))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if diff := cmp.Diff(want, m); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
}

func TestReadMappingErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ doc, want string }{
		{"", "mapping file: the file is empty"},
		{"columns: {}\n", "the mapping has no columns and no constants"},
		{"- a\n- b\n", "line 1: the file must be a mapping"},
		{"columns: [a]\n", "line 1: columns must be a mapping from column names to field paths"},
		{"colums:\n  A: companyName\n", `line 1: unknown key "colums"; the keys are columns, constants, null, skip_unmapped`},
		{"columns:\n  A: companyName\n  A: email\n", `line 3: "A" is given twice (first on line 2)`},
		{"columns:\n  A: company name\n", `line 2: column "A": "company name": part 1`},
		{"columns:\n  A: {field: x, typ: text}\n", `line 2: unknown key "typ" in column "A"; the keys are field, type, format, skip`},
		{"columns:\n  A: {field: x, type: float}\n", `line 2: column "A": unknown type "float"; use one of guess, text, number`},
		{"columns:\n  A: {field: x, format: Y-M-D}\n", `line 2: column "A": format "Y-M-D" is not a Date Format such as M/D/YYYY`},
		{"columns:\n  A: {field: x, skip: true}\n", `column "A": a skipped column has no field, type or format`},
		{"columns:\n  A: {type: text}\n", `column "A": no field; give the field path it sets, or skip: true`},
		{"columns:\n  A: {skip: maybe}\n", `line 2: column "A": skip must be true or false`},
		{"columns:\n  A: ~\n", `line 2: column "A" must be a single value`},
		{"columns:\n  A: [x]\n", `line 2: column "A" must be a field path, or settings such as {field: startDate, format: D/M/YYYY}`},
		{"columns:\n  '': x\n", "line 2: a column name is empty"},
		{"constants:\n  subsidiary: {id: 1}\n", "line 2: constant subsidiary must be a single value"},
		{"constants:\n  a b: 1\n", `line 2: constant: "a b": part 1`},
		{"constants: {a: 1}\nnull: ''\n", "line 2: null must be the text that clears a field, such as NULL"},
		{"constants: {a: 1}\nskip_unmapped: 2\n", "line 2: skip_unmapped must be true or false"},
		{"constants: {a: 1}\n---\nconstants: {b: 1}\n", "more than one YAML document"},
		{"columns:\n\tA: b\n", "mapping file: line 2: found character that cannot start any token"},
	}
	for _, tt := range tests {
		_, err := ReadMapping(strings.NewReader(tt.doc))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: %v; want %q", tt.doc, err, tt.want)
		}
	}
	if _, err := ReadMapping(strings.NewReader("columns:\n  A: " + strings.Repeat("x", maxMappingBytes) + "\n")); err == nil || !strings.Contains(err.Error(), "larger than 1 MiB") {
		t.Errorf("a large file: %v", err)
	}
}

func TestCSVMapping(t *testing.T) {
	t.Parallel()
	m, err := ReadMapping(strings.NewReader(mappingYAML))
	if err != nil {
		t.Fatal(err)
	}
	file := "Company,Credit Limit,Customer Since,Last Visit,Line Label,Internal Notes,2024,externalId\n" +
		"Acme,100,8/3/2026,11/1/2026 10:00,42,private,NULL,M-1\n" +
		"NULL,,2026-03-08,,,,,M-2\n"
	got, err := readAll(t, newReader(t, CSV, "customer", file, m))
	if err != nil {
		t.Fatal(err)
	}
	want := []result{
		{Num: 1, Line: 2, ExternalID: "M-1", Body: `{"addressBook":{"items":[{"label":"42"}]},"comments":null,"companyName":"Acme","creditLimit":100,"externalId":"M-1","firstVisit":"2026-11-01T18:00:00Z","isPerson":false,"startDate":"2026-03-08","subsidiary":{"id":"1"}}`},
		{Num: 2, Line: 3, ExternalID: "M-2", Err: `row 2 (line 3): column "Customer Since": "2026-03-08" is not a date in D/M/YYYY (not three parts separated by "/"); customer.startDate is a date field: write it as 8/3/2026`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	// Each row has its own copy of a constant's object.
	rd := newReader(t, CSV, "customer", "companyName\nA\nB\n", &Mapping{Constants: map[string]string{"subsidiary": "1"}})
	a, _ := rd.Next()
	b, _ := rd.Next()
	a.Record["subsidiary"].(map[string]any)["id"] = "changed"
	if b.Record["subsidiary"].(map[string]any)["id"] != "1" {
		t.Errorf("rows share a constant: %v", b.Record)
	}
}

func TestCSVMappingSkipUnmapped(t *testing.T) {
	t.Parallel()
	m := &Mapping{Columns: map[string]Column{"Name": {Field: "companyName"}}, SkipUnmapped: true}
	got, err := readAll(t, newReader(t, CSV, "customer", "Name,Whatever Else,id\nAcme,x,7\n", m))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]result{{Num: 1, Line: 2, Body: `{"companyName":"Acme"}`}}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestCSVMappingHeaderErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		header string
		m      *Mapping
		want   []string
	}{
		{"Company,Since", &Mapping{Columns: map[string]Column{"Compnay": {Field: "companyName"}, "Since": {Field: "startDate"}}}, []string{
			`column 1, Company: customer has no field "Company"`,
			`the mapping names column "Compnay", which the header does not have; did you mean "Company"?`,
		}},
		{"A,B,C", &Mapping{Columns: map[string]Column{
			"A": {Field: "companyName", Type: "number"},
			"B": {Field: "creditLimit", Format: "D/M/YYYY"},
			"C": {Field: "startDate", Type: "float"},
		}}, []string{
			"column 1, A: customer.companyName is a text field; it cannot be read as number",
			"column 2, B: a date format applies to date and datetime fields, and customer.creditLimit is a number field",
			`column 3, C: unknown type "float"; use one of guess, text, number, integer, boolean, date, datetime, reference, id, json`,
		}},
		{"A,B", &Mapping{Columns: map[string]Column{"A": {Field: "companyName"}, "B": {Field: "companyName"}}}, []string{
			"column 1, A, and column 2, B, both set companyName; keep one",
		}},
		{"subsidiary.id", &Mapping{Constants: map[string]string{"subsidiary": "1", "creditLimit": "lots", "nope": "1"}}, []string{
			`constant creditLimit: "lots" is not a number; customer.creditLimit is a number field: write it as 1500 or -1500.75, without thousands separators or a currency sign`,
			`constant nope: customer has no field "nope"`,
			"column 1, subsidiary.id, and constant subsidiary both set subsidiary; keep one",
		}},
	}
	for _, tt := range tests {
		opts := options(t, "customer")
		opts.Mapping = tt.m
		_, err := NewReader(strings.NewReader(tt.header+"\n"), CSV, opts)
		var he *HeaderError
		if !errors.As(err, &he) {
			t.Errorf("%s: %v; want a *HeaderError", tt.header, err)
			continue
		}
		if diff := cmp.Diff(tt.want, he.Problems); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.header, diff)
		}
	}
}

func TestReadMappingNull(t *testing.T) {
	t.Parallel()
	for _, v := range nullVariants {
		m, err := ReadMapping(strings.NewReader("constants: {a: 1}\nnull: " + v + "\n"))
		want := strings.Trim(v, `"'`)
		if err != nil || m.Null != want {
			t.Errorf("null: %s gave %+v, %v; want %q", v, m, err, want)
		}
	}
}
