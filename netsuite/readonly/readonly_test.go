package readonly

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// decode parses a JSON object as encoding/json does by default.
func decode(t testing.TB, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("decode: %v", err)
	}
	return m
}

func readJSON(t testing.TB, name string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return decode(t, string(b))
}

// clone deep-copies a decoded JSON value.
func clone(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = clone(e)
		}
		return m
	case []any:
		a := make([]any, len(x))
		for i, e := range x {
			a[i] = clone(e)
		}
		return a
	}
	return v
}

// without returns a copy of v without the values at the given paths, in
// Strip's path syntax. It is how the tests check that Strip changes nothing
// but what it reports.
func without(v any, paths []string) any {
	set := make(map[string]bool, len(paths))
	for _, p := range paths {
		set[p] = true
	}
	var walk func(v any, path string) any
	walk = func(v any, path string) any {
		switch x := v.(type) {
		case map[string]any:
			m := make(map[string]any, len(x))
			for k, e := range x {
				p := k
				if path != "" {
					p = path + "." + k
				}
				if set[p] {
					continue
				}
				m[k] = walk(e, p)
			}
			return m
		case []any:
			a := make([]any, 0, len(x))
			for i, e := range x {
				p := path + "[" + strconv.Itoa(i) + "]"
				if set[p] {
					continue
				}
				a = append(a, walk(e, p))
			}
			return a
		}
		return v
	}
	return walk(v, "")
}

// checkStrip strips a copy of body and checks the general properties: the
// dropped paths are sorted and unique, the body lost exactly them, and a
// second Strip drops nothing. It returns the stripped body and the paths.
func checkStrip(t *testing.T, rules *Rules, recordType string, body map[string]any, op Op) (map[string]any, []string) {
	t.Helper()
	got := clone(body).(map[string]any)
	dropped := rules.Strip(recordType, got, op)
	if !slices.IsSorted(dropped) {
		t.Errorf("dropped paths not sorted: %q", dropped)
	}
	if len(slices.Compact(slices.Clone(dropped))) != len(dropped) {
		t.Errorf("dropped paths repeat: %q", dropped)
	}
	if diff := cmp.Diff(without(body, dropped), any(got)); diff != "" {
		t.Errorf("Strip changed more than it reported (-original without dropped +stripped):\n%s", diff)
	}
	again := clone(got).(map[string]any)
	if second := rules.Strip(recordType, again, op); second != nil {
		t.Errorf("second Strip dropped %q", second)
	}
	return got, dropped
}

func TestStripSalesOrderGET(t *testing.T) {
	t.Parallel()
	rules := New()
	body := readJSON(t, "salesOrder_get.json")
	want := readJSON(t, "salesOrder_get.stripped.json")
	wantDropped := []string{
		"billingAddress.addrText",
		"billingAddress.country.refName",
		"billingAddress.links",
		"billingAddress_text",
		"createdDate",
		"currency.links",
		"currency.refName",
		"discountTotal",
		"entity.links",
		"entity.refName",
		"estGrossProfit",
		"id",
		"item.count",
		"item.hasMore",
		"item.items[0].amount",
		"item.items[0].costEstimate",
		"item.items[0].item.links",
		"item.items[0].item.refName",
		"item.items[0].itemType",
		"item.items[0].links",
		"item.items[0].price.refName",
		"item.items[0].quantityCommitted",
		"item.items[0].quantityFulfilled",
		"item.items[0].refName",
		"item.items[1].item.links",
		"item.items[1].item.refName",
		"item.items[1].itemType",
		"item.items[1].links",
		"item.items[1].refName",
		"item.links",
		"item.offset",
		"item.totalResults",
		"lastModifiedDate",
		"links",
		"orderStatus.refName",
		"refName",
		"salesRep.links",
		"salesRep.refName",
		"status",
		"subsidiary.links",
		"subsidiary.refName",
		"subtotal",
		"taxTotal",
		"total",
		"totalCostEstimate",
	}
	for _, op := range []Op{Update, Create, Create | Update} {
		t.Run(op.String(), func(t *testing.T) {
			t.Parallel()
			got, dropped := checkStrip(t, rules, "salesOrder", body, op)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("body left (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(wantDropped, dropped); diff != "" {
				t.Errorf("dropped (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStripCustomerGET(t *testing.T) {
	t.Parallel()
	rules := New()
	body := readJSON(t, "customer_get.json")
	wantBody := decode(t, `{
		"addressBook": {"items": [{
			"addressBookAddress": {"addr1": "1 Main St", "city": "Springfield", "country": {"id": "US"}, "state": "IL", "zip": "62701"},
			"defaultBilling": true, "defaultShipping": true, "id": 39, "internalId": 39, "label": "Main"
		}]},
		"companyName": "Acme Corp",
		"creditLimit": 5000.0,
		"currencyList": {"items": [{
			"currency": {"id": "1"}, "overrideCurrencyFormat": false, "symbolPlacement": {"id": "_beforeNumber"}
		}]},
		"custentity_segment": "smb",
		"email": "ap@acme.example",
		"emailPreference": {"refName": "PDF"},
		"entityId": "CUST-5",
		"entityStatus": {"id": "13"},
		"isPerson": false,
		"subsidiary": {"id": "1"}
	}`)
	wantDropped := []string{
		"addressBook.items[0].addressBookAddress.addrText",
		"addressBook.items[0].addressBookAddress.country.refName",
		"addressBook.items[0].addressBookAddress.lastModifiedDate",
		"addressBook.items[0].addressBookAddress.links",
		"addressBook.items[0].addressBookAddress_text",
		"addressBook.items[0].lastModifiedDate",
		"addressBook.items[0].links",
		"addressBook.items[0].refName",
		"addressBook.links",
		"addressBook.totalResults",
		"aging", "aging1", "aging2", "aging3", "aging4",
		"balance",
		"campaigns",
		"consolAging", "consolAging1", "consolAging2", "consolAging3", "consolAging4",
		"consolBalance", "consolDaysOverdue", "consolDepositBalance", "consolOverdueBalance", "consolUnbilledOrders",
		"currencyList.items[0].balance",
		"currencyList.items[0].consolBalance",
		"currencyList.items[0].consolDepositBalance",
		"currencyList.items[0].consolOverdueBalance",
		"currencyList.items[0].consolUnbilledOrders",
		"currencyList.items[0].currency.links",
		"currencyList.items[0].currency.refName",
		"currencyList.items[0].depositBalance",
		"currencyList.items[0].links",
		"currencyList.items[0].overdueBalance",
		"currencyList.items[0].refName",
		"currencyList.items[0].symbolPlacement.refName",
		"currencyList.items[0].unbilledOrders",
		"currencyList.links",
		"currencyList.totalResults",
		"dateCreated",
		"daysOverdue",
		"depositBalance",
		"entityStatus.links",
		"entityStatus.refName",
		"firstOrderDate",
		"id",
		"lastModifiedDate",
		"lastSaleDate",
		"links",
		"openingBalance",
		"overdueBalance",
		"refName",
		"subsidiary.links",
		"subsidiary.refName",
		"unbilledOrders",
	}
	got, dropped := checkStrip(t, rules, "customer", body, Update)
	if diff := cmp.Diff(wantBody, got); diff != "" {
		t.Errorf("body left (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantDropped, dropped); diff != "" {
		t.Errorf("dropped (-want +got):\n%s", diff)
	}

	// On create the opening balance stays; nothing else changes.
	got, dropped = checkStrip(t, rules, "customer", body, Create)
	wantBody["openingBalance"] = 0.0
	if diff := cmp.Diff(wantBody, got); diff != "" {
		t.Errorf("create: body left (-want +got):\n%s", diff)
	}
	wantCreate := slices.DeleteFunc(slices.Clone(wantDropped), func(p string) bool { return p == "openingBalance" })
	if diff := cmp.Diff(wantCreate, dropped); diff != "" {
		t.Errorf("create: dropped (-want +got):\n%s", diff)
	}
}

func TestStripCreateVersusUpdate(t *testing.T) {
	t.Parallel()
	rules := New()
	tests := []struct {
		typ, body string
		create    []string // dropped on create
		update    []string // dropped on update (and on create|update)
	}{
		{
			typ:    "customer",
			body:   `{"companyName": "Acme", "openingBalance": 100, "openingBalanceDate": "2024-01-01", "openingBalanceAccount": {"id": "7"}}`,
			create: nil,
			update: []string{"openingBalance", "openingBalanceAccount", "openingBalanceDate"},
		},
		{
			typ:    "vendor",
			body:   `{"companyName": "Supplies Inc", "openingBalance": 40, "balance": 12}`,
			create: []string{"balance"},
			update: []string{"balance", "openingBalance"},
		},
		{
			typ:    "account",
			body:   `{"acctName": "Cash", "openingBalance": 1000, "balance": 1000}`,
			create: []string{"balance"},
			update: []string{"balance", "openingBalance"},
		},
		{
			typ:    "salesOrder",
			body:   `{"createdFrom": {"id": "88", "refName": "Estimate #EST12"}, "memo": "x"}`,
			create: []string{"createdFrom.refName"},
			update: []string{"createdFrom"},
		},
		{
			typ:    "itemFulfillment",
			body:   `{"createdFrom": {"id": "1234"}, "shipStatus": {"id": "C"}}`,
			create: nil,
			update: []string{"createdFrom"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.typ, func(t *testing.T) {
			t.Parallel()
			body := decode(t, tt.body)
			for _, c := range []struct {
				op   Op
				want []string
			}{{Create, tt.create}, {Update, tt.update}, {Create | Update, tt.update}, {0, tt.update}} {
				_, got := checkStrip(t, rules, tt.typ, body, c.op)
				if diff := cmp.Diff(c.want, got); diff != "" {
					t.Errorf("%v: dropped (-want +got):\n%s", c.op, diff)
				}
			}
		})
	}
}

func TestStripRecordTypes(t *testing.T) {
	t.Parallel()
	rules := New()
	tests := []struct {
		name, typ, body, want string
		dropped               []string
	}{
		{
			name: "unknown type gets only the rules of every type",
			typ:  "widgetThing",
			body: `{"links": [{"rel": "self", "href": "h"}], "id": "9", "refName": "W", "dateCreated": "2024-01-01T00:00:00Z",
				"lastModifiedDate": "2024-01-02T00:00:00Z", "balance": 5, "total": 7, "created": "x",
				"owner": {"links": [], "id": "3", "refName": "Bob"}, "custrecord_x": 1}`,
			want:    `{"balance": 5, "total": 7, "created": "x", "owner": {"id": "3"}, "custrecord_x": 1}`,
			dropped: []string{"dateCreated", "id", "lastModifiedDate", "links", "owner.links", "owner.refName", "refName"},
		},
		{
			name: "custom record type",
			typ:  "customrecord_api_rest",
			body: `{"links": [], "id": "123", "refName": "Row 1", "name": "Row 1", "created": "2024-01-01T00:00:00Z",
				"lastModified": "2024-01-02T00:00:00Z", "owner": {"id": "-5", "refName": "Jane Doe"}, "isInactive": false,
				"custrecord_amount": 12.5}`,
			want:    `{"name": "Row 1", "owner": {"id": "-5"}, "isInactive": false, "custrecord_amount": 12.5}`,
			dropped: []string{"created", "id", "lastModified", "links", "owner.refName", "refName"},
		},
		{
			name:    "custom record type in upper case",
			typ:     "CUSTOMRECORD_API_REST",
			body:    `{"created": "2024-01-01T00:00:00Z", "LastModified": "2024-01-02T00:00:00Z", "name": "n"}`,
			want:    `{"name": "n"}`,
			dropped: []string{"LastModified", "created"},
		},
		{
			name:    "a standard type keeps created",
			typ:     "customer",
			body:    `{"created": "x", "lastModified": "y"}`,
			want:    `{"created": "x", "lastModified": "y"}`,
			dropped: nil,
		},
		{
			name:    "field names are matched without regard to case",
			typ:     "customer",
			body:    `{"BALANCE": 1, "datecreated": "x", "Links": [], "companyname": "Acme", "Subsidiary": {"ID": "1", "REFNAME": "P"}}`,
			want:    `{"companyname": "Acme", "Subsidiary": {"ID": "1"}}`,
			dropped: []string{"BALANCE", "Links", "Subsidiary.REFNAME", "datecreated"},
		},
		{
			name:    "term has only the rules of every type",
			typ:     "term",
			body:    `{"id": "2", "name": "Net 30", "daysUntilNetDue": 30, "lastModifiedDate": "x"}`,
			want:    `{"name": "Net 30", "daysUntilNetDue": 30}`,
			dropped: []string{"id", "lastModifiedDate"},
		},
		{
			name: "item with stock figures",
			typ:  "inventoryItem",
			body: `{"itemId": "W-1", "internalId": 42, "itemType": {"id": "InvtPart", "refName": "Inventory Item"}, "quantityOnHand": 5,
				"averageCost": 3.5, "cost": 3, "locations": {"items": [{"location": {"id": "1"}, "quantityOnHand": 5, "reorderPoint": 2}]}}`,
			want:    `{"itemId": "W-1", "cost": 3, "locations": {"items": [{"location": {"id": "1"}, "reorderPoint": 2}]}}`,
			dropped: []string{"averageCost", "internalId", "itemType", "locations.items[0].quantityOnHand", "quantityOnHand"},
		},
		{
			name: "customer payment apply lines",
			typ:  "customerPayment",
			body: `{"customer": {"id": "5"}, "payment": 100, "total": 100, "applied": 100, "unapplied": 0,
				"apply": {"items": [{"doc": {"id": "77"}, "line": 0, "apply": true, "amount": 100, "due": 100, "total": 100, "refNum": "INV1"}]}}`,
			want:    `{"customer": {"id": "5"}, "payment": 100, "apply": {"items": [{"doc": {"id": "77"}, "line": 0, "apply": true, "amount": 100}]}}`,
			dropped: []string{"applied", "apply.items[0].due", "apply.items[0].refNum", "apply.items[0].total", "total", "unapplied"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, dropped := checkStrip(t, rules, tt.typ, decode(t, tt.body), Update)
			if diff := cmp.Diff(decode(t, tt.want), got); diff != "" {
				t.Errorf("body left (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.dropped, dropped); diff != "" {
				t.Errorf("dropped (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStripRecordTypeCase(t *testing.T) {
	t.Parallel()
	rules := New()
	body := readJSON(t, "salesOrder_get.json")
	want, wantDropped := checkStrip(t, rules, "salesOrder", body, Update)
	for _, typ := range []string{"salesorder", "SALESORDER", "SalesOrder", " salesOrder "} {
		t.Run(typ, func(t *testing.T) {
			t.Parallel()
			got, dropped := checkStrip(t, rules, typ, body, Update)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("body left (-salesOrder +%s):\n%s", typ, diff)
			}
			if diff := cmp.Diff(wantDropped, dropped); diff != "" {
				t.Errorf("dropped (-salesOrder +%s):\n%s", typ, diff)
			}
		})
	}
}

func TestStripSublistShapes(t *testing.T) {
	t.Parallel()
	rules := New()
	tests := []struct {
		name, typ, body, want string
		dropped               []string
	}{
		{
			name: "bare-array sublist",
			typ:  "salesOrder",
			body: `{"entity": {"id": "5"}, "item": [
				{"links": [], "line": 1, "item": {"id": "42", "refName": "Widget"}, "quantity": 2, "rate": 10, "amount": 20, "quantityCommitted": 2},
				{"line": 2, "item": {"id": "77"}, "amount": 50}
			]}`,
			want: `{"entity": {"id": "5"}, "item": [
				{"line": 1, "item": {"id": "42"}, "quantity": 2, "rate": 10},
				{"line": 2, "item": {"id": "77"}, "amount": 50}
			]}`,
			dropped: []string{"item[0].amount", "item[0].item.refName", "item[0].links", "item[0].quantityCommitted"},
		},
		{
			name:    "amount stays without rate",
			typ:     "invoice",
			body:    `{"item": {"items": [{"item": {"id": "1"}, "quantity": 3, "amount": 30}, {"item": {"id": "2"}, "rate": 4, "amount": 4}]}}`,
			want:    `{"item": {"items": [{"item": {"id": "1"}, "quantity": 3, "amount": 30}, {"item": {"id": "2"}, "rate": 4, "amount": 4}]}}`,
			dropped: nil,
		},
		{
			name:    "amount stays beside a null rate",
			typ:     "purchaseOrder",
			body:    `{"item": {"items": [{"item": {"id": "1"}, "quantity": 3, "rate": null, "amount": 30}]}}`,
			want:    `{"item": {"items": [{"item": {"id": "1"}, "quantity": 3, "rate": null, "amount": 30}]}}`,
			dropped: nil,
		},
		{
			name:    "expense lines keep their amount",
			typ:     "purchaseOrder",
			body:    `{"expense": {"items": [{"account": {"id": "60"}, "amount": 12.5, "line": 1}]}}`,
			want:    `{"expense": {"items": [{"account": {"id": "60"}, "amount": 12.5, "line": 1}]}}`,
			dropped: nil,
		},
		{
			name: "a default GET shows sublists and subrecords as links only",
			typ:  "salesOrder",
			body: `{"memo": "m", "item": {"links": [{"rel": "self", "href": "h/item"}]},
				"billingAddress": {"links": [{"rel": "self", "href": "h/billingAddress"}]}, "shippingAddress": {}}`,
			want:    `{"memo": "m", "shippingAddress": {}}`,
			dropped: []string{"billingAddress", "item"},
		},
		{
			name:    "a sublist whose lines are all read-only is dropped whole",
			typ:     "customer",
			body:    `{"campaigns": {"items": [{"refName": "Spring"}, {"links": [], "refName": "Fall"}]}}`,
			want:    `{}`,
			dropped: []string{"campaigns"},
		},
		{
			name:    "a read-only line goes, the others stay",
			typ:     "customer",
			body:    `{"campaigns": {"items": [{"refName": "Spring"}, {"campaign": {"id": "4"}, "refName": "Fall"}, "odd"]}}`,
			want:    `{"campaigns": {"items": [{"campaign": {"id": "4"}}, "odd"]}}`,
			dropped: []string{"campaigns.items[0]", "campaigns.items[1].refName"},
		},
		{
			name: "multi-select values",
			typ:  "nonInventorySaleItem",
			body: `{"subsidiary": {"links": [], "items": [{"links": [], "id": "1", "refName": "Parent"}, {"id": "3"}], "totalResults": 2}}`,
			want: `{"subsidiary": {"items": [{"id": "1"}, {"id": "3"}]}}`,
			dropped: []string{"subsidiary.items[0].links", "subsidiary.items[0].refName", "subsidiary.links",
				"subsidiary.totalResults"},
		},
		{
			name:    "an enum written by name keeps its refName",
			typ:     "customer",
			body:    `{"emailPreference": {"refName": "PDF"}, "globalSubscriptionStatus": {"links": [], "refName": "Soft Opt-Out"}}`,
			want:    `{"emailPreference": {"refName": "PDF"}, "globalSubscriptionStatus": {"refName": "Soft Opt-Out"}}`,
			dropped: []string{"globalSubscriptionStatus.links"},
		},
		{
			name:    "a reference by external ID loses its refName",
			typ:     "salesOrder",
			body:    `{"entity": {"externalId": "CID001", "refName": "Acme"}}`,
			want:    `{"entity": {"externalId": "CID001"}}`,
			dropped: []string{"entity.refName"},
		},
		{
			name: "inventory detail inside a line",
			typ:  "salesOrder",
			body: `{"item": {"items": [{"line": 1, "inventoryDetail": {"links": [], "quantity": 2,
				"inventoryAssignment": {"items": [{"internalId": 5, "quantity": 2, "quantityAvailable": 9, "binNumber": {"id": "3"}}]}}}]}}`,
			want: `{"item": {"items": [{"line": 1, "inventoryDetail": {"quantity": 2,
				"inventoryAssignment": {"items": [{"internalId": 5, "quantity": 2, "binNumber": {"id": "3"}}]}}}]}}`,
			dropped: []string{"item.items[0].inventoryDetail.inventoryAssignment.items[0].quantityAvailable",
				"item.items[0].inventoryDetail.links"},
		},
		{
			name:    "paging members only in collections",
			typ:     "widgetThing",
			body:    `{"count": 3, "stats": {"count": 4, "offset": 1}, "list": {"items": [], "count": 0, "offset": 0}}`,
			want:    `{"count": 3, "stats": {"count": 4, "offset": 1}, "list": {"items": []}}`,
			dropped: []string{"list.count", "list.offset"},
		},
		{
			name:    "null values of read-only fields go too",
			typ:     "invoice",
			body:    `{"total": null, "memo": null}`,
			want:    `{"memo": null}`,
			dropped: []string{"total"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, dropped := checkStrip(t, rules, tt.typ, decode(t, tt.body), Update)
			if diff := cmp.Diff(decode(t, tt.want), got); diff != "" {
				t.Errorf("body left (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.dropped, dropped); diff != "" {
				t.Errorf("dropped (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStripKeepsValues(t *testing.T) {
	t.Parallel()
	// Values that stay are the same values, not copies: Strip only deletes.
	body := readJSON(t, "salesOrder_get.json")
	lines := body["item"].(map[string]any)["items"].([]any)
	first := lines[0].(map[string]any)
	New().Strip("salesOrder", body, Update)
	after := body["item"].(map[string]any)["items"].([]any)
	if len(after) != 2 || after[0].(map[string]any)["line"] != first["line"] {
		t.Fatalf("lines = %v", after)
	}
	if _, ok := first["amount"]; ok {
		t.Error("the line map was not stripped in place")
	}
}

func TestStripNil(t *testing.T) {
	t.Parallel()
	rules := New()
	if got := rules.Strip("customer", nil, Update); got != nil {
		t.Errorf("nil body: %q", got)
	}
	body := map[string]any{}
	if got := rules.Strip("customer", body, Update); got != nil || len(body) != 0 {
		t.Errorf("empty body: %q, %v", got, body)
	}
}

func TestIsReadOnly(t *testing.T) {
	t.Parallel()
	rules := New()
	tests := []struct {
		typ, path string
		want      bool
		kind      Kind
		when      Condition
		ops       Op
	}{
		{"customer", "balance", true, KindCalculated, Always, 0},
		{"CUSTOMER", "Balance", true, KindCalculated, Always, 0},
		{"customer", "companyName", false, "", Always, 0},
		{"customer", "openingBalance", true, KindCalculated, Always, Update},
		{"customer", "addressBook.items[0].addressBookAddress.addrText", true, KindDisplay, Always, 0},
		{"customer", "addressBook.items[0].id", false, "", Always, 0},
		{"salesOrder", "item.items[0].amount", true, KindCalculated, QuantityAndRate, 0},
		{"salesOrder", "item[0].amount", true, KindCalculated, QuantityAndRate, 0},
		{"salesOrder", "item[].amount", true, KindCalculated, QuantityAndRate, 0},
		{"salesOrder", "item.items[0].line", false, "", Always, 0},
		{"salesOrder", "item.items[3].links", true, KindSchema, Always, 0},
		{"salesOrder", "item.totalResults", true, KindSchema, InCollection, 0},
		{"salesOrder", "entity.refName", true, KindDisplay, WithSiblings, 0},
		{"salesOrder", "entity.id", false, "", Always, 0},
		{"salesOrder", "refName", true, KindDisplay, Always, 0},
		{"salesOrder", "memo", false, "", Always, 0},
		{"salesOrder", "createdFrom", true, KindSystem, Always, Update},
		{"invoice", "amountRemaining", true, KindCalculated, Always, 0},
		{"customrecord_x", "created", true, KindSystem, Always, 0},
		{"customer", "created", false, "", Always, 0},
		{"widgetThing", "id", true, KindSystem, Always, 0},
		{"widgetThing", "balance", false, "", Always, 0},
		{"salesOrder", "", false, "", Always, 0},
		{"salesOrder", "..", false, "", Always, 0},
	}
	for _, tt := range tests {
		t.Run(tt.typ+" "+tt.path, func(t *testing.T) {
			t.Parallel()
			got, rule := rules.IsReadOnly(tt.typ, tt.path)
			if got != tt.want {
				t.Fatalf("IsReadOnly = %v, %v", got, rule)
			}
			if !got {
				if rule != (Rule{}) {
					t.Errorf("rule = %v, want the zero Rule", rule)
				}
				return
			}
			if rule.Kind != tt.kind || rule.When != tt.when || rule.Ops != tt.ops || rule.Source == "" {
				t.Errorf("rule = %+v, want kind %q, when %v, ops %v", rule, tt.kind, tt.when, tt.ops)
			}
		})
	}
}

func TestExtraRules(t *testing.T) {
	t.Parallel()
	rules := New(
		Rule{RecordType: "customer", Path: "custentity_locked", Kind: KindAccount, Source: "form locks it"},
		Rule{Path: "custbody_everywhere", Kind: KindAccount, Source: "no record type: every type"},
		Rule{RecordType: "salesOrder", Path: "tranId", Ops: Create, Kind: KindAccount, Source: "auto-numbered"},
		Rule{RecordType: "customrecord_*", Path: "owner", Kind: KindAccount, Source: "no Allow Change"},
		Rule{RecordType: "customrecord_log", Path: "custrecord_hash", Kind: KindAccount, Source: "one type"},
		Rule{RecordType: "salesOrder", Path: "", Source: "empty path matches nothing"},
		Rule{RecordType: "salesOrder", Path: "a.b*c", Source: "bad pattern matches nothing"},
	)
	tests := []struct {
		typ  string
		op   Op
		body string
		want []string
	}{
		{"customer", Update, `{"custentity_locked": 1, "custentity_free": 2}`, []string{"custentity_locked"}},
		{"vendor", Update, `{"custentity_locked": 1, "custbody_everywhere": 2}`, []string{"custbody_everywhere"}},
		{"salesOrder", Create, `{"tranId": "SO9", "memo": "m"}`, []string{"tranId"}},
		{"salesOrder", Update, `{"tranId": "SO9", "memo": "m"}`, nil},
		{"customrecord_log", Update, `{"owner": {"id": "1"}, "custrecord_hash": "x", "created": "c"}`, []string{"created", "custrecord_hash", "owner"}},
		{"customrecord_other", Update, `{"owner": {"id": "1"}, "custrecord_hash": "x"}`, []string{"owner"}},
		{"salesOrder", Update, `{"a": {"bxc": 1}}`, nil},
	}
	for _, tt := range tests {
		_, got := checkStrip(t, rules, tt.typ, decode(t, tt.body), tt.op)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s %v %s: dropped (-want +got):\n%s", tt.typ, tt.op, tt.body, diff)
		}
	}
	all := rules.Table()
	if len(all) != len(table)+7 || all[len(table)].Path != "custentity_locked" {
		t.Errorf("Table has %d rules, want the %d of the table then the extras", len(all), len(table))
	}
	all[0].Path = "changed"
	if rules.Table()[0].Path == "changed" {
		t.Error("Table returns the rules themselves, not a copy")
	}
}

func TestWithout(t *testing.T) {
	t.Parallel()
	rules := New().Without(func(r Rule) bool { return r.When == QuantityAndRate })
	body := decode(t, `{"item": {"items": [{"quantity": 2, "rate": 5, "amount": 10, "links": []}]}}`)
	_, dropped := checkStrip(t, rules, "salesOrder", body, Update)
	if diff := cmp.Diff([]string{"item.items[0].links"}, dropped); diff != "" {
		t.Errorf("dropped (-want +got):\n%s", diff)
	}
	if n := len(rules.Table()); n != len(table)-3 {
		t.Errorf("Table has %d rules, want %d", n, len(table)-3)
	}
}

// served are the record types the project serves (the emulator's catalog).
var served = []string{
	"customer", "contact", "vendor", "employee", "inventoryItem", "nonInventorySaleItem", "serviceSaleItem",
	"salesOrder", "invoice", "purchaseOrder", "customerPayment", "itemFulfillment", "subsidiary", "department",
	"location", "classification", "currency", "account", "term",
}

func TestTable(t *testing.T) {
	t.Parallel()
	known := map[string]bool{"*": true, "customrecord_*": true}
	for _, typ := range served {
		known[typ] = true
	}
	seen := make(map[string]bool)
	for i, rule := range New().Table() {
		key := strings.ToLower(rule.RecordType + " " + rule.Path + " " + rule.Ops.String())
		switch {
		case !known[rule.RecordType]:
			t.Errorf("rule %d %v: record type not served", i, rule)
		case compile(rule) == nil:
			t.Errorf("rule %d %v: path does not compile", i, rule)
		case rule.Source == "" || rule.Note == "" || rule.Kind == "":
			t.Errorf("rule %d %v: no source, note or kind", i, rule)
		case seen[key]:
			t.Errorf("rule %d %v: repeated", i, rule)
		}
		seen[key] = true
		if strings.HasPrefix(strings.ToLower(rule.Source), "assumption") && !strings.HasPrefix(rule.Source, "Assumption: ") {
			t.Errorf("rule %d %v: write assumptions as \"Assumption: ...\"", i, rule)
		}
	}
	// Every served type has at least the rules of every type; the ones that
	// compute something have their own.
	for _, typ := range []string{"customer", "vendor", "salesOrder", "invoice", "purchaseOrder", "customerPayment",
		"itemFulfillment", "inventoryItem", "account", "currency", "location"} {
		if ok, rule := New().IsReadOnly(typ, "id"); !ok || rule.RecordType != "*" {
			t.Errorf("%s id: %v %v", typ, ok, rule)
		}
		if New().byType[strings.ToLower(typ)] == nil {
			t.Errorf("%s has no rules of its own", typ)
		}
	}
}

func TestStrings(t *testing.T) {
	t.Parallel()
	if s := (Create | Update).String(); s != "create|update" {
		t.Errorf("Op = %q", s)
	}
	if s := Op(0).String(); s != "none" {
		t.Errorf("Op(0) = %q", s)
	}
	if s := Condition(9).String(); s != "condition(9)" {
		t.Errorf("Condition(9) = %q", s)
	}
	_, rule := New().IsReadOnly("salesOrder", "item[].amount")
	if s := rule.String(); s != "salesOrder item[].amount (calculated, create|update, when the line has quantity and rate)" {
		t.Errorf("Rule = %q", s)
	}
	if s := (Rule{Path: "x", Ops: Update, Kind: KindAccount}).String(); s != "* x (account, update)" {
		t.Errorf("Rule = %q", s)
	}
}

func TestConcurrentStrip(t *testing.T) {
	t.Parallel()
	rules := New()
	body := readJSON(t, "salesOrder_get.json")
	done := make(chan []string)
	for range 8 {
		go func() {
			done <- rules.Strip("salesOrder", clone(body).(map[string]any), Update)
		}()
	}
	first := <-done
	for range 7 {
		if got := <-done; !slices.Equal(got, first) {
			t.Errorf("concurrent Strip differs: %q", got)
		}
	}
}
