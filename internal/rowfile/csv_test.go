package rowfile

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFormatOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		path string
		want Format
		err  string
	}{
		{"customers.csv", CSV, ""},
		{"/tmp/X.CSV", CSV, ""},
		{"orders.ndjson", NDJSON, ""},
		{"orders.jsonl", NDJSON, ""},
		{"orders.json", 0, "a .json file holds one document"},
		{"orders.txt", 0, "name the file .csv, .ndjson or .jsonl"},
		{"orders", 0, "name the file .csv, .ndjson or .jsonl"},
	}
	for _, tt := range tests {
		got, err := FormatOf(tt.path)
		if got != tt.want || (tt.err == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), tt.err) {
			t.Errorf("FormatOf(%q) = %v, %v; want %v, %q", tt.path, got, err, tt.want, tt.err)
		}
	}
}

func TestCSVRows(t *testing.T) {
	t.Parallel()
	file := "\ufeffexternalId,companyName,subsidiary.id,creditLimit,isPerson,startDate,firstVisit,emailPreference,phone,id\r\n" +
		"CUST-1,\"Acme, Inc.\",1,1500.75,false,2026-03-08,2026-11-01 10:00,PDF,0123,\r\n" +
		"CUST-2,Widgets,1,12x,maybe,2026-02-30,,,,\r\n" +
		"\r\n" +
		"CUST-3,\"Multi\nLine\",2,,,,2026-11-01T01:30,,,107\n" +
		"CUST-4,Only Name,,,,,2026-11-01T10:00:00+01:00,XML,,\n" +
		"CUST-5,Short\n" +
		",,,,,,,,,abc\n"
	got, err := readAll(t, newReader(t, CSV, "customer", file, nil))
	if err != nil {
		t.Fatal(err)
	}
	want := []result{
		{Num: 1, Line: 2, ExternalID: "CUST-1", Body: `{"companyName":"Acme, Inc.","creditLimit":1500.75,"emailPreference":{"id":"PDF"},"externalId":"CUST-1","firstVisit":"2026-11-01T18:00:00Z","isPerson":false,"phone":"0123","startDate":"2026-03-08","subsidiary":{"id":"1"}}`},
		{Num: 2, Line: 3, ExternalID: "CUST-2", Err: `row 2 (line 3): column creditLimit: "12x" is not a number; customer.creditLimit is a number field: write it as 1500 or -1500.75, without thousands separators or a currency sign; ` +
			`column isPerson: "maybe" is not true or false; customer.isPerson is a checkbox: write true or false (1/0, yes/no and on/off work too); ` +
			`column startDate: "2026-02-30" is not a date (day 30 out of range for February 2026); customer.startDate is a date field: write it as YYYY-MM-DD, such as 2026-03-08`},
		{Num: 3, Line: 5, ID: "107", ExternalID: "CUST-3", Body: `{"companyName":"Multi\nLine","externalId":"CUST-3","firstVisit":"2026-11-01T08:30:00Z","subsidiary":{"id":"2"}}`},
		{Num: 4, Line: 7, ExternalID: "CUST-4", Err: `row 4 (line 7): column emailPreference: "XML" is not a value of customer.emailPreference; did you mean "HTML"? (values: PDF, HTML, DEFAULT)`},
		{Num: 5, Line: 8, Err: "row 5 (line 8): the row has 2 cells, and the header 10 columns"},
		{Num: 6, Line: 9, Err: `row 6 (line 9): column id: "abc" is not an internal ID (digits, such as 107); an external ID goes in externalId`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

func TestCSVHeader(t *testing.T) {
	t.Parallel()
	tests := []struct {
		recordType, header string
		want               []string // the problems, in order; none: the header is accepted
	}{
		{"customer", "companyName,subsidiary.id,externalId", nil},
		{"customer", "COMPANYNAME , Subsidiary.ID,id", nil},
		{"salesOrder", "externalId,entity.id,tranDate,item[0].item.id,item[0].quantity,item[1].item.externalId,item[1].quantity", nil},
		{"customer", "compnyName,subsidiary.id,creditLimt", []string{
			`column 1, compnyName: customer has no field "compnyName"; did you mean "companyName"?`,
			`column 3, creditLimt: customer has no field "creditLimt"; did you mean "creditLimit"?`,
		}},
		{"customer", "companyName[0].x,email.id,addressBook.label,Company Name", []string{
			"column 1, companyName[0].x: customer.companyName is not a sublist, so it has no lines",
			"column 2, email.id: customer.email is a plain string, not an object; its path is email",
			"column 3, addressBook.label: customer.addressBook is a sublist: name a line, such as addressBook[0].label",
			`column 4, "Company Name": "Company Name": part 1, "Company Name", is not a field name (letters, digits and _)`,
		}},
		{"customer", "companyName,,companyName", []string{
			"column 2, \"\": has no name; name the field it sets, or remove the column",
			"column 3, companyName: has the name of column 1",
		}},
		{"customer", "companyName,companyname,subsidiary,subsidiary.id", []string{
			"column 1, companyName, and column 2, companyname, both set companyName; keep one",
			"column 3, subsidiary, and column 4, subsidiary.id, both set subsidiary; keep one",
		}},
		{"customer", "companyName;subsidiary.id", []string{
			`column 1, "companyName;subsidiary.id": "companyName;subsidiary.id": part 1, "companyName;subsidiary", is not a field name (letters, digits and _)`,
			"the header is one column; columns are separated by commas, and this file may use semicolons or tabs",
		}},
	}
	for _, tt := range tests {
		_, err := NewReader(strings.NewReader(tt.header+"\n"), CSV, options(t, tt.recordType))
		var he *HeaderError
		switch {
		case tt.want == nil && err != nil:
			t.Errorf("%s: %v", tt.header, err)
		case tt.want == nil:
		case !errors.As(err, &he):
			t.Errorf("%s: %v; want a *HeaderError", tt.header, err)
		default:
			if diff := cmp.Diff(tt.want, he.Problems); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.header, diff)
			}
			if !strings.HasPrefix(err.Error(), "the file's columns or mapping do not fit the record type "+tt.recordType+"; nothing was sent:\n  - ") {
				t.Errorf("%s: %v", tt.header, err)
			}
		}
	}
}

// After broken quoting the run continues: encoding/csv reads the broken row
// to the end of its last line, and the next row is read from the line after.
func TestCSVQuoting(t *testing.T) {
	t.Parallel()
	file := "externalId,companyName\n" +
		"Q-1,5\" pipe\n" + // a bare quote
		"Q-2,ok\n" +
		"Q-3,\"Acme\" Inc\n" + // a stray quote after a quoted cell
		"Q-4,\"Fine \"\"quoted\"\"\"\n" +
		"Q-5,\"never closed\n" + // runs to the next quote: lines 7 to 9
		"Q-6,lost\n" +
		"Q-7,\"x\n" +
		"Q-8,after\n" +
		"Q-9,\"open at the end\n" +
		"Q-10,swallowed\n"
	got, err := readAll(t, newReader(t, CSV, "customer", file, nil))
	if err != nil {
		t.Fatal(err)
	}
	want := []result{
		{Num: 1, Line: 2, Err: `row 1 (line 2): broken quoting: a quote in a cell that does not start with one (line 2, byte 6); put the cell in quotes and double the quote inside it, as in "5"" pipe"`},
		{Num: 2, Line: 3, ExternalID: "Q-2", Body: `{"companyName":"ok","externalId":"Q-2"}`},
		{Num: 3, Line: 4, Err: `row 3 (line 4): broken quoting: a quote inside a quoted cell must be doubled (line 4, byte 10), as in "5"" pipe"`},
		{Num: 4, Line: 5, ExternalID: "Q-4", Body: `{"companyName":"Fine \"quoted\"","externalId":"Q-4"}`},
		{Num: 5, Line: 6, Err: `row 5 (line 6): broken quoting: a quoted cell of this row runs on to line 8, byte 5, without closing properly, so lines 6 to 8 were read as this one row and none of them is used; close the quote, and double every quote inside a quoted cell ("")`},
		{Num: 6, Line: 9, ExternalID: "Q-8", Body: `{"companyName":"after","externalId":"Q-8"}`},
		{Num: 7, Line: 10, Err: `row 7 (line 10): broken quoting: a quoted cell of this row runs on to line 11, byte 16, without closing properly, so lines 10 to 11 were read as this one row and none of them is used; close the quote, and double every quote inside a quoted cell ("")`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

// A quoted cell that never closes would take the rest of a file of any
// size into one row: past MaxRowBytes the reading stops, and says why.
func TestCSVRowTooLong(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("externalId,companyName\nA-1,first\nA-2,\"never closed\n")
	for b.Len() < 2*MaxRowBytes {
		b.WriteString("A-3,a row swallowed by the open quote\n")
	}
	rd := newReader(t, CSV, "customer", b.String(), nil)
	got, err := readAll(t, rd)
	if len(got) != 1 || got[0].Body == "" {
		t.Errorf("rows before the long one: %+v", got)
	}
	const want = "the row after line 2 is longer than 1 MiB: its quoting is probably broken"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v; want %q", err, want)
	}
	if _, again := rd.Next(); again != err {
		t.Errorf("Next after the error: %v", again)
	}
	// A long row that is well formed is read.
	long := strings.Repeat("x", MaxRowBytes-100)
	got, err = readAll(t, newReader(t, CSV, "customer", "companyName\n"+long+"\nnext\n", nil))
	if err != nil || len(got) != 2 || got[1].Body != `{"companyName":"next"}` {
		t.Errorf("a row of %d bytes: %v, %d rows", len(long), err, len(got))
	}
}

func TestCSVFileErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ file, want string }{
		{"", "the file is empty; a CSV file starts with a header row"},
		{"\"companyName\n", "the header row: broken quoting"},
		{strings.Repeat("a", MaxRowBytes+csvBuffer+1), "the header row is longer than 1 MiB"},
	}
	for _, tt := range tests {
		_, err := NewReader(strings.NewReader(tt.file), CSV, options(t, "customer"))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%.20q: %v; want %q", tt.file, err, tt.want)
		}
	}
	opts := options(t, "customer")
	for _, tt := range []struct {
		change func(*Options)
		want   string
	}{
		{func(o *Options) { o.RecordType = "" }, "RecordType is empty"},
		{func(o *Options) { o.Schema = nil }, "Schema is nil"},
		{func(o *Options) { o.Location = nil }, "Location is nil"},
	} {
		o := opts
		tt.change(&o)
		if _, err := NewReader(strings.NewReader("companyName\n"), CSV, o); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v; want %q", err, tt.want)
		}
	}
	if _, err := NewReader(strings.NewReader("companyName\n"), Format(9), opts); err == nil || !strings.Contains(err.Error(), "unknown Format(9)") {
		t.Errorf("Format(9): %v", err)
	}
}

func TestCSVSublists(t *testing.T) {
	t.Parallel()
	file := "externalId,entity.externalId,tranDate,item[0].item.id,item[0].quantity,item[1].item.externalId,item[1].quantity\n" +
		"SO-1,CUST-1,2026-03-08,12,2,WIDGET,1.5\n" +
		"SO-2,CUST-2,2026-03-09,12,,,\n"
	got, err := readAll(t, newReader(t, CSV, "salesOrder", file, nil))
	if err != nil {
		t.Fatal(err)
	}
	want := []result{
		{Num: 1, Line: 2, ExternalID: "SO-1", Body: `{"entity":{"externalId":"CUST-1"},"externalId":"SO-1","item":{"items":[{"item":{"id":"12"},"quantity":2},{"item":{"externalId":"WIDGET"},"quantity":1.5}]},"tranDate":"2026-03-08"}`},
		{Num: 2, Line: 3, ExternalID: "SO-2", Body: `{"entity":{"externalId":"CUST-2"},"externalId":"SO-2","item":{"items":[{"item":{"id":"12"}}]},"tranDate":"2026-03-09"}`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

func TestHeaderErrorListsAtMost20(t *testing.T) {
	t.Parallel()
	var cols []string
	for i := range 25 {
		cols = append(cols, fmt.Sprintf("nofield%d", i))
	}
	_, err := NewReader(strings.NewReader(strings.Join(cols, ",")+"\n"), CSV, options(t, "customer"))
	var he *HeaderError
	if !errors.As(err, &he) || len(he.Problems) != 25 || strings.Count(err.Error(), "\n  - ") != 21 || !strings.HasSuffix(err.Error(), "\n  - and 5 more") {
		t.Errorf("got %v", err)
	}
}
