package rowfile

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNDJSONRows(t *testing.T) {
	t.Parallel()
	lines := []string{
		"\ufeff" + `{"externalId": "N-1", "companyName": "Acme", "subsidiary": {"id": "1"}, "creditLimit": "1500", "firstVisit": "2026-11-01 10:00", "phone": 5035550199}`,
		``,
		`   `,
		`{"id": 107, "companyname": "Renamed", "subsidiary.id": 2, "emailPreference": "HTML", "isPerson": "no"}` + "\r",
		`{"companyName": "Bad", "compnyName": "x", "creditLimit": {"amount": 1}, "startDate": "8/3/2026"}`,
		`{"companyName": "cut`,
		`[{"companyName": "array"}]`,
		`null`,
		`{"a": 1} {"b": 2}`,
		`{"subsidiary": {"id": "1"}, "subsidiary.id": "2"}`,
		`{"id": "eid:X"}`,
		`{"addressBook": {"items": [{"label": "Home", "addressBookAddress": {"city": "Portland"}}]}, "externalId": 42}`,
		`not json`,
	}
	got, err := readAll(t, newReader(t, NDJSON, "customer", strings.Join(lines, "\n"), nil))
	if err != nil {
		t.Fatal(err)
	}
	want := []result{
		{Num: 1, Line: 1, ExternalID: "N-1", Body: `{"companyName":"Acme","creditLimit":1500,"externalId":"N-1","firstVisit":"2026-11-01T18:00:00Z","phone":"5035550199","subsidiary":{"id":"1"}}`},
		{Num: 2, Line: 4, ID: "107", Body: `{"companyName":"Renamed","emailPreference":{"id":"HTML"},"isPerson":false,"subsidiary":{"id":"2"}}`},
		{Num: 3, Line: 5, Err: `row 3 (line 5): key compnyName: customer has no field "compnyName"; did you mean "companyName"?; ` +
			`key creditLimit: customer.creditLimit is a number field; an object does not fit it; ` +
			`key startDate: "8/3/2026" is not a date (it is written in M/D/YYYY); customer.startDate is a date field: write it as YYYY-MM-DD, such as 2026-03-08 (an import mapping can read a column written in M/D/YYYY)`},
		{Num: 4, Line: 6, Err: "row 4 (line 6): the JSON object is cut short; it must end with } on the same line"},
		{Num: 5, Line: 7, Err: "row 5 (line 7): the line is a JSON array; each line is one JSON object, {...}"},
		{Num: 6, Line: 8, Err: "row 6 (line 8): the line is null; each line is one JSON object, {...}"},
		{Num: 7, Line: 9, Err: "row 7 (line 9): there is more after the JSON object; each line holds one object"},
		{Num: 8, Line: 10, Err: "row 8 (line 10): key subsidiary.id: sets subsidiary.id, which key subsidiary sets too"},
		{Num: 9, Line: 11, Err: `row 9 (line 11): key id: "eid:X" is not an internal ID (digits, such as 107); an external ID goes in externalId`},
		{Num: 10, Line: 12, ExternalID: "42", Body: `{"addressBook":{"items":[{"addressBookAddress":{"city":"Portland"},"label":"Home"}]},"externalId":"42"}`},
		{Num: 11, Line: 13, Err: "row 11 (line 13): not JSON: invalid character 'o' in literal null (expecting 'u') (byte 2); each line is one JSON object, such as {\"companyName\": \"Acme\"}"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

func TestNDJSONLongLine(t *testing.T) {
	t.Parallel()
	file := `{"companyName": "before"}` + "\n" +
		`{"companyName": "` + strings.Repeat("x", MaxRowBytes) + `"}` + "\n" +
		`{"companyName": "after"}`
	got, err := readAll(t, newReader(t, NDJSON, "customer", file, nil))
	if err != nil {
		t.Fatal(err)
	}
	want := []result{
		{Num: 1, Line: 1, Body: `{"companyName":"before"}`},
		{Num: 2, Line: 2, Err: "row 2 (line 2): the line is longer than 1 MiB; each line is one record's JSON object"},
		{Num: 3, Line: 3, Body: `{"companyName":"after"}`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	// A line just under the limit is read.
	name := strings.Repeat("y", MaxRowBytes-len(`{"companyName": ""}`))
	got, err = readAll(t, newReader(t, NDJSON, "customer", `{"companyName": "`+name+`"}`+"\r\n", nil))
	if err != nil || len(got) != 1 || got[0].Err != "" {
		t.Errorf("a line of %d bytes: %v %.100v", MaxRowBytes, err, got)
	}
}

func TestNDJSONMapping(t *testing.T) {
	t.Parallel()
	m := &Mapping{Constants: map[string]string{"subsidiary.id": "1"}}
	got, err := readAll(t, newReader(t, NDJSON, "customer", `{"companyName": "A"}`+"\n"+`{"subsidiary": 2}`, m))
	if err != nil {
		t.Fatal(err)
	}
	want := []result{
		{Num: 1, Line: 1, Body: `{"companyName":"A","subsidiary":{"id":"1"}}`},
		{Num: 2, Line: 2, Err: "row 2 (line 2): key subsidiary: sets subsidiary, which the mapping's constant subsidiary.id sets too"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	opts := options(t, "customer")
	opts.Mapping = &Mapping{Columns: map[string]Column{"A": {Field: "companyName"}}}
	if _, err := NewReader(strings.NewReader(""), NDJSON, opts); err == nil || !strings.Contains(err.Error(), "apply to CSV files") {
		t.Errorf("columns for NDJSON: %v", err)
	}
}
