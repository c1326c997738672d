package fieldpath_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/nsconnect/nsconnect/internal/fieldpath"
	"github.com/nsconnect/nsconnect/netsuite"
)

func ExampleCompile() {
	var schema netsuite.Schema
	_ = json.Unmarshal([]byte(`{"properties": {
		"creditLimit": {"type": "number"},
		"firstVisit": {"type": "string", "format": "date-time"},
		"item": {"$ref": "/services/rest/record/v1/metadata-catalog/salesOrder-itemCollection"}}}`), &schema)
	zone, _ := time.LoadLocation("America/Los_Angeles")
	body := map[string]any{}
	for _, set := range []struct{ path, value string }{
		{"creditLimit", "1500"},
		{"firstvisit", "2026-11-01 10:00"},
		{"item[0].quantity", "2"},
		{"creditLimit", "12x"},
		{"creditLimt", "1"},
	} {
		p, err := fieldpath.Parse(set.path)
		if err != nil {
			panic(err)
		}
		f, err := fieldpath.Compile("customer", &schema, p)
		if err != nil {
			fmt.Println(err)
			continue
		}
		v, err := f.Value(set.value, zone)
		if err != nil {
			fmt.Println(err)
			continue
		}
		_ = f.Path.Set(body, v)
	}
	out, _ := json.Marshal(body)
	fmt.Println(string(out))
	// Output:
	// "12x" is not a number; customer.creditLimit is a number field: write it as 1500 or -1500.75, without thousands separators or a currency sign
	// customer has no field "creditLimt"; did you mean "creditLimit"?
	// {"creditLimit":1500,"firstVisit":"2026-11-01T18:00:00Z","item":{"items":[{"quantity":2}]}}
}
