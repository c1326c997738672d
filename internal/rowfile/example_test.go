package rowfile_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/nsconnect/nsconnect/internal/rowfile"
	"github.com/nsconnect/nsconnect/netsuite"
)

// customerSchema is a few fields of the customer schema that the metadata
// catalog serves.
const customerSchema = `{"type": "object", "properties": {
	"id": {"type": "string"}, "externalId": {"type": "string"},
	"companyName": {"type": "string"}, "creditLimit": {"type": "number"},
	"firstVisit": {"type": "string", "format": "date-time"},
	"subsidiary": {"$ref": "/services/rest/record/v1/metadata-catalog/subsidiary"}}}`

func Example() {
	var schema netsuite.Schema
	if err := json.Unmarshal([]byte(customerSchema), &schema); err != nil {
		panic(err)
	}
	zone, _ := time.LoadLocation("America/Los_Angeles")
	file := `externalId,companyName,subsidiary,creditLimit,firstVisit
CUST-1,"Acme, Inc.",1,1500,2026-11-01 10:00
CUST-2,Widgets,1,12x,
`
	rd, err := rowfile.NewReader(strings.NewReader(file), rowfile.CSV, rowfile.Options{
		RecordType: "customer", Schema: &schema, Location: zone,
	})
	if err != nil {
		panic(err)
	}
	for {
		row, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			panic(err)
		}
		if row.Err != nil {
			fmt.Println(row.Err)
			continue
		}
		body, _ := json.Marshal(row.Record)
		fmt.Printf("row %d, %s: %s\n", row.Num, row.ExternalID, body)
	}
	// Output:
	// row 1, CUST-1: {"companyName":"Acme, Inc.","creditLimit":1500,"externalId":"CUST-1","firstVisit":"2026-11-01T18:00:00Z","subsidiary":{"id":"1"}}
	// row 2 (line 3): column creditLimit: "12x" is not a number; customer.creditLimit is a number field: write it as 1500 or -1500.75, without thousands separators or a currency sign
}

func ExampleReadMapping() {
	m, err := rowfile.ReadMapping(strings.NewReader(`
columns:
  Company: companyName
  Since: {field: startDate, format: D/M/YYYY}
  Notes: {skip: true}
constants:
  subsidiary.id: 1
null: NULL
`))
	if err != nil {
		panic(err)
	}
	fmt.Printf("%+v\n%v %q\n", m.Columns["Since"], m.Constants, m.Null)
	// Output:
	// {Field:startDate Type: Format:D/M/YYYY Skip:false}
	// map[subsidiary.id:1] "NULL"
}
