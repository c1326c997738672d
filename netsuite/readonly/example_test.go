package readonly_test

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/nsconnect/nsconnect/netsuite/readonly"
)

// A sales order fetched with GET, changed, and sent back with PATCH.
func ExampleRules_Strip() {
	var order map[string]any
	_ = json.Unmarshal([]byte(`{
		"links": [{"rel": "self", "href": "https://1234567.suitetalk.api.netsuite.com/services/rest/record/v1/salesorder/1234"}],
		"id": "1234",
		"refName": "Sales Order #SO1001",
		"entity": {"links": [], "id": "5", "refName": "Acme Corp"},
		"lastModifiedDate": "2024-03-02T08:15:30Z",
		"memo": "old memo",
		"total": 200.0,
		"item": {"items": [{"links": [], "line": 1, "item": {"id": "42", "refName": "Widget"}, "quantity": 2.0, "rate": 100.0, "amount": 200.0}]}
	}`), &order)

	order["memo"] = "Deliver to the back door"
	dropped := readonly.New().Strip("salesOrder", order, readonly.Update)

	body, _ := json.Marshal(order)
	fmt.Println(string(body))
	for _, p := range dropped {
		fmt.Println("dropped", p)
	}
	// Output:
	// {"entity":{"id":"5"},"item":{"items":[{"item":{"id":"42"},"line":1,"quantity":2,"rate":100}]},"memo":"Deliver to the back door"}
	// dropped entity.links
	// dropped entity.refName
	// dropped id
	// dropped item.items[0].amount
	// dropped item.items[0].item.refName
	// dropped item.items[0].links
	// dropped lastModifiedDate
	// dropped links
	// dropped refName
	// dropped total
}

// Rules from the account's metadata join the curated table.
func ExampleFromSchema() {
	schema := []byte(`{"$schema": "https://json-schema.org/draft-06/hyper-schema#", "type": "object", "properties": {
		"companyName": {"title": "Company Name", "type": "string", "nullable": true},
		"custentity_score": {"title": "Score", "type": "number", "readOnly": true, "x-ns-custom-field": true}}}`)
	extra, err := readonly.FromSchema("customer", schema)
	if err != nil {
		fmt.Println(err)
		return
	}
	rules := readonly.New(extra...)
	ok, rule := rules.IsReadOnly("customer", "custentity_score")
	fmt.Println(ok, rule)
	// Output:
	// true customer custentity_score (metadata, create|update)
}

func ExampleRules_IsReadOnly() {
	ok, rule := readonly.New().IsReadOnly("salesOrder", "item.items[0].amount")
	fmt.Println(ok, rule.Kind, rule.When)
	fmt.Println(strings.HasPrefix(rule.Source, "Assumption: "))
	// Output:
	// true calculated when the line has quantity and rate
	// true
}
