package rowfile

import (
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
)

const fuzzHeader = "externalId,companyName,creditLimit,isPerson,startDate,firstVisit,subsidiary,emailPreference,addressBook[0].label,id\n"

// FuzzCSV reads arbitrary files, and rows under a valid header: the reader
// never panics, and every row is a body that marshals or a *RowError.
func FuzzCSV(f *testing.F) {
	for _, s := range []string{
		"E-1,Acme,100,true,2026-03-08,2026-11-01 10:00,1,PDF,Home,\n",
		"E-1,\"Acme, \"\"Inc\"\"\",1e3,no,2026-02-30,2026-11-01T01:30,{\"id\":\"1\"},XML,\"multi\nline\",7\n",
		"E-1,5\" pipe,x\nE-2,\"open\nE-3,ok\n",
		"\n\n,,,,,,,,,\r\n",
		"\ufeffcompanyName,subsidiary.id\nA,1\n",
		"companyName,companyName\n",
		"item[0].quantity\n1\n",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	opts := options(f, "customer")
	f.Fuzz(func(t *testing.T, data string, whole bool) {
		if !whole {
			data = fuzzHeader + data
		}
		rd, err := NewReader(strings.NewReader(data), CSV, opts)
		if err != nil {
			return
		}
		checkRows(t, rd, strings.Count(data, "\n")+1)
	})
}

// FuzzNDJSON reads arbitrary lines: the reader never panics, and every row
// is a body that marshals or a *RowError.
func FuzzNDJSON(f *testing.F) {
	for _, s := range []string{
		`{"companyName": "Acme", "creditLimit": "100", "firstVisit": "2026-11-01 10:00", "subsidiary": 1}`,
		`{"id": 7, "subsidiary.id": "1", "addressBook": {"items": [{"label": 1}]}}` + "\n\n" + `{"x": 1}`,
		`{"companyName": {"a": [1, 2]}, "isPerson": "maybe"}` + "\r\n[1]\nnull\n{",
		`{"subsidiary": {"id": "1"}, "subsidiary.id": "2", "SUBSIDIARY": 3}`,
	} {
		f.Add(s)
	}
	opts := options(f, "customer")
	f.Fuzz(func(t *testing.T, data string) {
		rd, err := NewReader(strings.NewReader(data), NDJSON, opts)
		if err != nil {
			t.Fatal(err)
		}
		checkRows(t, rd, strings.Count(data, "\n")+1)
	})
}

// checkRows reads every row of rd, checking that rows are numbered in
// order, each on a later line, and each either a body or a *RowError; a
// file of lines lines has no more rows than that.
func checkRows(t *testing.T, rd *Reader, lines int) {
	t.Helper()
	prev := Row{}
	for {
		row, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			if !strings.Contains(err.Error(), "longer than 1 MiB") {
				t.Fatalf("Next: %v", err)
			}
			return
		}
		if row.Num != prev.Num+1 || row.Line <= prev.Line || row.Line > lines {
			t.Fatalf("row %d on line %d after row %d on line %d (of %d lines)", row.Num, row.Line, prev.Num, prev.Line, lines)
		}
		var re *RowError
		switch {
		case row.Err != nil && (!errors.As(row.Err, &re) || row.Record != nil || re.Row != row.Num):
			t.Fatalf("row %d: Err %v (%T), Record %v", row.Num, row.Err, row.Err, row.Record)
		case row.Err == nil && row.Record == nil:
			t.Fatalf("row %d: no Record and no Err", row.Num)
		case row.Err == nil:
			if _, err := json.Marshal(row.Record); err != nil {
				t.Fatalf("row %d: %v", row.Num, err)
			}
			if _, ok := row.Record["id"]; ok {
				t.Fatalf("row %d: the body holds the internal ID: %v", row.Num, row.Record)
			}
		}
		prev = row
	}
}
