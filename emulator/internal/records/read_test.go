package records

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRecordTypes: every catalog type (and the custom record type) has a
// collection; names ignore case; an unknown type is NetSuite's 404.
func TestRecordTypes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	types := e.s.cat.Types()
	if len(types) != 20 { // 19 standard + customrecord_region
		t.Fatalf("catalog has %d types: %v", len(types), types)
	}
	for _, name := range append(types, "SALESORDER", "customer", "CustomRecord_Region") {
		resp := e.ok(req{path: name})
		if resp.Status != http.StatusOK {
			t.Errorf("GET %s: status %d", name, resp.Status)
		}
		if got := resp.Header.Get("Content-Type"); got != typeCollection {
			t.Errorf("GET %s: Content-Type %q", name, got)
		}
		rt, err := e.s.Resolve(strings.ToLower(name) + "/1/item")
		if err != nil || !strings.EqualFold(rt, name) {
			t.Errorf("Resolve(%s/1/item) = %q, %v", name, rt, err)
		}
	}
	if rt, err := e.s.Resolve("salesorder/12/item"); rt != "salesOrder" || err != nil {
		t.Errorf("Resolve = %q, %v; want canonical salesOrder", rt, err)
	}
	if rt, err := e.s.Resolve("metadata-catalog/customer"); rt != "" || err != nil {
		t.Errorf("Resolve(metadata-catalog) = %q, %v", rt, err)
	}

	for _, p := range []string{"file", "bad-path", "file/1"} {
		name, _, _ := strings.Cut(p, "/")
		errDiff(t, e.fail(req{path: p}), Error{Status: 404, Code: "NONEXISTENT_ID", Detail: "Record type '" + name + "' does not exist."})
		_, err := e.s.Resolve(p)
		var re *Error
		if !errors.As(err, &re) || re.Status != 404 {
			t.Errorf("Resolve(%s) = %v", p, err)
		}
	}
}

// TestIDs: string internal IDs, eid: anywhere an ID goes, and the answers for
// IDs that name nothing.
func TestIDs(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seed()
	soID := e.create("salesOrder", `{"entity":{"externalId":"CUST-1"},"item":{"items":[{"item":{"id":"1"},"amount":5}]}}`)
	if soID != "1" {
		t.Fatalf("first transaction ID = %s", soID)
	}
	byID := e.ok(req{path: "customer/1"}).Body
	byEID := e.ok(req{path: "customer/eid:CUST-1"}).Body
	if string(byID) != string(byEID) {
		t.Errorf("eid GET differs:\n%s\n%s", byID, byEID)
	}
	if got := e.get("customer/1", "")["id"]; got != "1" {
		t.Errorf("id = %#v, want the string \"1\"", got)
	}
	// eid: in a subresource path.
	e.ok(req{path: "customer/eid:CUST-1/addressBook"})

	notFound := Error{Status: 404, Code: "NONEXISTENT_ID", Detail: "The record instance does not exist. Provide a valid record instance ID."}
	for _, p := range []string{"customer/999", "customer/-1", "customer/1/nosuchfield", "customer/1/addressBook/5", "salesOrder/1/item/7"} {
		errDiff(t, e.fail(req{path: p}), notFound)
	}
	// IDs that are no identifier at all (INVALID_ID) and missing external
	// IDs: TestPathIDs.
	for _, m := range []string{"PATCH", "DELETE"} {
		errDiff(t, e.fail(req{method: m, path: "customer/999", body: `{}`}), notFound)
	}
	// A transaction ID of another transaction type.
	errDiff(t, e.fail(req{path: "invoice/1"}), Error{Status: 400, Code: "USER_ERROR", Detail: "Error while accessing a resource. Transaction type specified is incorrect."})
	// Entities and other families: 404.
	errDiff(t, e.fail(req{path: "vendor/1"}), notFound)
}

// TestEnumRefName checks that an enum's refName is its label
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142146.html: {"id":
// "2", "refName": "Soft Opt-Out"}), its id when no label is known, and that simpleEnumFormat=true
// gives the bare id.
func TestEnumRefName(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seed()
	contact := "contact/" + e.create("contact", `{"firstName":"Ann","lastName":"Lee","subsidiary":{"id":"1"},
		"globalSubscriptionStatus":{"id":"2"},"emailPreference":{"id":"default"},
		"addressBook":{"items":[{"addressBookAddress":{"country":{"id":"KR"}}},{"addressBookAddress":{"country":"GB"}}]}}`)
	korea := "subsidiary/" + e.create("subsidiary", `{"name":"Korea","country":{"id":"KR"}}`)

	tests := []struct {
		name, path, query, field string
		want                     string
	}{
		{"doc label", contact, "", "globalSubscriptionStatus", `{"id":"2","refName":"Soft Opt-Out"}`},
		{"inferred label, id stored as the catalog spells it", contact, "", "emailPreference", `{"id":"DEFAULT","refName":"Default"}`},
		{"no label: the id", korea, "", "country", `{"id":"KR","refName":"KR"}`},
		{"simpleEnumFormat", contact, "simpleEnumFormat=true", "globalSubscriptionStatus", `"2"`},
		{"simpleEnumFormat, no label", korea, "simpleEnumFormat=true", "country", `"KR"`},
		{"line subrecord, no label", contact + "/addressBook/1/addressBookAddress", "", "country", `{"id":"KR","refName":"KR"}`},
		{"line subrecord", contact + "/addressBook/2/addressBookAddress", "", "country", `{"id":"GB","refName":"United Kingdom"}`},
		{"line subrecord, simpleEnumFormat", contact + "/addressBook/2/addressBookAddress", "simpleEnumFormat=true", "country", `"GB"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := e.ok(req{path: tt.path, query: tt.query})
			var body map[string]json.RawMessage
			if err := json.Unmarshal(resp.Body, &body); err != nil {
				t.Fatal(err)
			}
			if got := string(body[tt.field]); got != tt.want {
				t.Errorf("%s = %s, want %s (body %s)", tt.field, got, tt.want, resp.Body)
			}
		})
	}
}

// TestGetInstance compares whole bodies byte for byte.
func TestGetInstance(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seed()
	e.create("salesOrder", `{"entity":{"id":"1"},"externalId":"SO-A","memo":"<rush> & \"care\"",
		"item":{"items":[{"item":{"id":"1"},"quantity":3,"rate":19.99},{"item":"2","amount":50,"custcol_note":"n"}]},
		"billingAddress":{"addr1":"1 Main St","country":{"id":"US"}},"orderStatus":{"id":"B"},"custbody_rush":true}`)

	tests := []struct {
		name, path, query string
		want              string
	}{
		{
			name: "customer",
			path: "customer/1",
			want: `{"links":[{"rel":"self","href":"` + api + `/customer/1"}],"companyName":"Acme","dateCreated":"2026-03-15T17:30:00Z","emailPreference":{"id":"PDF","refName":"PDF"},"entityId":"Acme","externalId":"CUST-1","id":"1","lastModifiedDate":"2026-03-15T17:30:00Z","subsidiary":{"links":[{"rel":"self","href":"` + api + `/subsidiary/1"}],"id":"1","refName":"Parent Company"}}`,
		},
		{
			name:  "simpleEnumFormat",
			path:  "customer/1",
			query: "simpleEnumFormat=true&fields=emailPreference",
			want:  `{"links":[{"rel":"self","href":"` + api + `/customer/1?fields=emailPreference"}],"emailPreference":"PDF"}`,
		},
		{
			name:  "fields echoed in self",
			path:  "customer/eid:CUST-1",
			query: "fields=companyName,email,entityId",
			want:  `{"links":[{"rel":"self","href":"` + api + `/customer/1?fields=companyName%2Cemail%2CentityId"}],"companyName":"Acme","entityId":"Acme"}`,
		},
		{
			name: "sales order, sublists and subrecords as links",
			path: "salesOrder/1",
			want: `{"links":[{"rel":"self","href":"` + api + `/salesOrder/1"}],"billingAddress":{"links":[{"rel":"self","href":"` + api + `/salesOrder/1/billingAddress"}]},"createdDate":"2026-03-15T17:30:00Z","custbody_rush":true,"entity":{"links":[{"rel":"self","href":"` + api + `/customer/1"}],"id":"1","refName":"Acme"},"externalId":"SO-A","id":"1","item":{"links":[{"rel":"self","href":"` + api + `/salesOrder/1/item"}]},"lastModifiedDate":"2026-03-15T17:30:00Z","memo":"<rush> & \"care\"","orderStatus":{"id":"B","refName":"Pending Fulfillment"},"subsidiary":{"links":[{"rel":"self","href":"` + api + `/subsidiary/1"}],"id":"1","refName":"Parent Company"},"subtotal":109.97,"total":109.97,"tranDate":"2026-03-15","tranId":"SO1001"}`,
		},
		{
			name:  "expandSubResources",
			path:  "salesOrder/1",
			query: "expandSubResources=true&fields=item,billingAddress",
			want: `{"links":[{"rel":"self","href":"` + api + `/salesOrder/1?fields=item%2CbillingAddress"}],"billingAddress":{"links":[{"rel":"self","href":"` + api + `/salesOrder/1/billingAddress"}],"addr1":"1 Main St","country":{"id":"US","refName":"United States"}},` +
				`"item":{"links":[{"rel":"self","href":"` + api + `/salesOrder/1/item"}],"items":[` +
				`{"links":[{"rel":"self","href":"` + api + `/salesOrder/1/item/1"}],"amount":59.97,"item":{"links":[{"rel":"self","href":"` + api + `/inventoryItem/1"}],"id":"1","refName":"WIDGET"},"line":1,"quantity":3,"rate":19.99},` +
				`{"links":[{"rel":"self","href":"` + api + `/salesOrder/1/item/2"}],"amount":50,"custcol_note":"n","item":{"links":[{"rel":"self","href":"` + api + `/serviceSaleItem/2"}],"id":"2","refName":"INSTALL"},"line":2}` +
				`],"totalResults":2}}`,
		},
		{
			name: "sublist subresource",
			path: "salesOrder/eid:SO-A/item",
			want: `{"links":[{"rel":"self","href":"` + api + `/salesOrder/1/item"}],"items":[{"links":[{"rel":"self","href":"` + api + `/salesOrder/1/item/1"}]},{"links":[{"rel":"self","href":"` + api + `/salesOrder/1/item/2"}]}],"totalResults":2}`,
		},
		{
			name: "line subresource",
			path: "salesOrder/1/item/1",
			want: `{"links":[{"rel":"self","href":"` + api + `/salesOrder/1/item/1"}],"amount":59.97,"item":{"links":[{"rel":"self","href":"` + api + `/inventoryItem/1"}],"id":"1","refName":"WIDGET"},"line":1,"quantity":3,"rate":19.99}`,
		},
		{
			name: "subrecord subresource",
			path: "salesOrder/1/billingaddress",
			want: `{"links":[{"rel":"self","href":"` + api + `/salesOrder/1/billingAddress"}],"addr1":"1 Main St","country":{"id":"US","refName":"United States"}}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := e.ok(req{path: tt.path, query: tt.query})
			if diff := cmp.Diff(tt.want, string(resp.Body)); diff != "" {
				t.Errorf("body mismatch (-want +got):\n%s", diff)
			}
			want := typeSingular
			if strings.HasSuffix(tt.path, "/item") {
				want = typeCollection
			}
			if got := resp.Header.Get("Content-Type"); got != want {
				t.Errorf("Content-Type = %q, want %q", got, want)
			}
		})
	}

	errDiff(t, e.fail(req{path: "customer/1", query: "fields=companyName,nope"}),
		Error{Status: 400, Code: "NONEXISTENT_FIELD", Detail: "The field nope does not exist on the customer record.", QueryParam: "fields"})
}

// TestRefNameAtReadTime: refName follows the referenced record's current name
// and disappears when the record is gone.
func TestRefNameAtReadTime(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seed()
	e.create("salesOrder", `{"entity":{"id":"1"},"item":{"items":[{"item":{"id":"1"},"amount":5}]}}`)
	ref := func() any { return e.get("salesOrder/1", "")["entity"] }
	want := map[string]any{"links": []any{map[string]any{"rel": "self", "href": api + "/customer/1"}}, "id": "1", "refName": "Acme"}
	if diff := cmp.Diff(want, ref()); diff != "" {
		t.Errorf("entity (-want +got):\n%s", diff)
	}
	e.ok(req{method: "PATCH", path: "customer/1", body: `{"entityId":"ACME-01"}`})
	want["refName"] = "ACME-01"
	if diff := cmp.Diff(want, ref()); diff != "" {
		t.Errorf("after rename (-want +got):\n%s", diff)
	}
	// Display fields of other families.
	e.create("purchaseOrder", `{"entity":{"id":"2"},"item":{"items":[{"item":{"id":"1"},"quantity":1,"rate":2}]}}`)
	po := e.get("purchaseOrder/2", "")
	if got := po["entity"].(map[string]any)["refName"]; got != "Supplies Inc" {
		t.Errorf("PO entity refName = %v (a vendor behind the browser's customer type)", got)
	}
	if got := po["entity"].(map[string]any)["links"].([]any)[0].(map[string]any)["href"]; got != api+"/vendor/2" {
		t.Errorf("PO entity link = %v", got)
	}
	e.create("invoice", `{"entity":"1","createdFrom":"1","item":{"items":[{"item":"1","amount":1}]}}`)
	inv := e.get("invoice/3", "")
	if got := inv["createdFrom"]; !cmp.Equal(got, map[string]any{"id": "1"}) {
		t.Errorf("createdFrom (target unknown to the browser) = %v", got)
	}
	e.ok(req{method: "DELETE", path: "customer/1"})
	want = map[string]any{"links": []any{map[string]any{"rel": "self", "href": api + "/customer/1"}}, "id": "1"}
	if diff := cmp.Diff(want, ref()); diff != "" {
		t.Errorf("after delete (-want +got):\n%s", diff)
	}
}

// TestRequestsAsClientsSendThem: bodies without Content-Type or with either
// JSON media type, Prefer: transient. (OPTIONS is the HTTP layer's: it answers
// before Serve is called.)
func TestRequestsAsClientsSendThem(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seed()
	for i, h := range []http.Header{
		nil,
		header("Content-Type", "application/json"),
		header("Content-Type", "application/vnd.oracle.resource+json; type=singular", "Prefer", "transient"),
		header("Content-Type", "application/json; charset=utf-8", "Prefer", "transient", "Accept", "application/json"),
	} {
		resp := e.ok(req{method: "POST", path: "department", header: h, body: `{"name":"D` + string(rune('0'+i)) + `"}`})
		if resp.Status != 204 || len(resp.Body) != 0 {
			t.Errorf("POST %d: %d %q", i, resp.Status, resp.Body)
		}
	}
	e.ok(req{path: "customer/1", header: header("Prefer", "transient")})
	for _, r := range []req{
		{method: "POST", path: "customer/1", body: `{}`},
		{method: "DELETE", path: "customer"},
		{method: "PATCH", path: "customer/1/addressBook", body: `{}`},
		{method: "POST", path: "customer/1/!transform/salesOrder", body: `{}`},
		{method: "PUT", path: "metadata-catalog"},
	} {
		errDiff(t, e.fail(r), Error{Status: 405, Code: "METHOD_NOT_ALLOWED", Detail: "The HTTP method " + r.method + " is not supported for this resource."})
	}
	for _, p := range []string{"", "/", "customer//1", "customer/%zz", "metadata-catalog/a/b"} {
		errDiff(t, e.fail(req{path: p}), Error{Status: 400, Code: "INVALID_REQUEST", Detail: detailMalformed})
	}
	// A trailing slash is tolerated.
	e.ok(req{path: "customer/"})
}

// TestSelectFieldIsNotASubresource: GET /{type}/{id}/{selectField} is the 404
// of an unknown subresource, not the referenced record. The HTTP layer checks
// the permission of the path's record type only, so serving the referenced
// record would let a role without employee permission read an employee
// through customer/{id}/salesRep.
func TestSelectFieldIsNotASubresource(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seed()
	emp := e.create("employee", `{"firstName":"Sam","lastName":"Rep","subsidiary":"1","email":"sam@example.com"}`)
	e.ok(req{method: "PATCH", path: "customer/1", body: `{"salesRep":{"id":"` + emp + `"}}`})
	e.create("salesOrder", `{"entity":"1","item":{"items":[{"item":"1","amount":1}]}}`)
	if rt, err := e.s.Resolve("customer/1/salesRep"); rt != "customer" || err != nil {
		t.Fatalf("Resolve = %q, %v", rt, err)
	}
	notFound := Error{Status: 404, Code: "NONEXISTENT_ID", Detail: detailNotFound}
	unknown := e.fail(req{path: "customer/1/nosuchfield"})
	errDiff(t, unknown, notFound)
	for _, p := range []string{
		"customer/1/salesRep", "customer/eid:CUST-1/salesrep", "customer/1/subsidiary",
		"salesOrder/1/entity", "salesOrder/1/entity/1", "customer/1/emailPreference",
	} {
		errDiff(t, e.fail(req{path: p}), *unknown)
	}
	// The reference itself is still rendered in the record, with its link.
	ref := e.get("customer/1", "fields=salesRep")["salesRep"].(map[string]any)
	if ref["id"] != emp || ref["links"].([]any)[0].(map[string]any)["href"] != api+"/employee/"+emp {
		t.Errorf("salesRep = %v", ref)
	}
}
