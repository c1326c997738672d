package records

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
)

// TestCreate: 204, no body, absolute Location; the record reads back.
func TestCreate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seed()
	resp := e.ok(req{method: "POST", path: "customer", body: `{"companyName":"Beta LLC","subsidiary":{"id":"1"},"email":"b@example.com","isPerson":false}`})
	want := &Response{Status: 204, Header: http.Header{"Location": {api + "/customer/3"}}}
	if diff := cmp.Diff(want, resp); diff != "" {
		t.Errorf("POST response (-want +got):\n%s", diff)
	}
	got := e.get("customer/3", "")
	for k, v := range map[string]any{"companyName": "Beta LLC", "email": "b@example.com", "isPerson": false, "entityId": "Beta LLC", "dateCreated": "2026-03-15T17:30:00Z"} {
		if got[k] != v {
			t.Errorf("%s = %#v, want %#v", k, got[k], v)
		}
	}
	// Individuals take their name from first and last name.
	e.ok(req{method: "POST", path: "customer", body: `{"isPerson":true,"firstName":"Ann","lastName":"Lee","subsidiary":"1"}`})
	if got := e.get("customer/4", "")["entityId"]; got != "Ann Lee" {
		t.Errorf("entityId = %v", got)
	}
}

// TestPatch: omitted fields are unchanged, null clears, lastModifiedDate moves
// and dateCreated stays.
func TestPatch(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seed()
	e.ok(req{method: "PATCH", path: "customer/1", body: `{"email":"a@example.com","phone":"555"}`})
	e.clock.Set(time.Date(2026, 3, 16, 9, 0, 0, 0, time.UTC))
	resp := e.ok(req{method: "PATCH", path: "customer/eid:CUST-1", body: `{"phone":null,"comments":"vip"}`})
	if resp.Status != 204 || resp.Header.Get("Location") != api+"/customer/1" || len(resp.Body) != 0 {
		t.Errorf("PATCH response %d %v %q", resp.Status, resp.Header, resp.Body)
	}
	got := e.get("customer/1", "")
	want := map[string]any{
		"email": "a@example.com", "comments": "vip", "companyName": "Acme",
		"dateCreated": "2026-03-15T17:30:00Z", "lastModifiedDate": "2026-03-16T09:00:00Z",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %#v, want %#v", k, got[k], v)
		}
	}
	if _, ok := got["phone"]; ok {
		t.Errorf("phone not cleared: %v", got["phone"])
	}
	// Datetimes with an offset are stored in UTC; dates are kept as they are.
	e.ok(req{method: "PATCH", path: "customer/1", body: `{"firstVisit":"2026-03-01T09:15:00-08:00","startDate":"2026-04-01"}`})
	got = e.get("customer/1", "")
	if got["firstVisit"] != "2026-03-01T17:15:00Z" || got["startDate"] != "2026-04-01" {
		t.Errorf("firstVisit %v startDate %v", got["firstVisit"], got["startDate"])
	}
	// replaceSelectedFields: null clears only fields named in replace.
	e.ok(req{method: "PATCH", path: "customer/1", query: "replaceSelectedFields=true&replace=email", body: `{"email":null,"comments":null}`})
	got = e.get("customer/1", "")
	if _, ok := got["email"]; ok {
		t.Error("email (named in replace) not cleared")
	}
	if got["comments"] != "vip" {
		t.Errorf("comments (not named) = %v, want unchanged", got["comments"])
	}
}

// TestUpsert: PUT on eid: creates, then updates; PUT on an internal ID is
// refused.
func TestUpsert(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seed()
	resp := e.ok(req{method: "PUT", path: "customer/eid:CID002", body: `{"isPerson":true,"firstName":"John","lastName":"Smith","subsidiary":{"id":"1"}}`})
	if resp.Status != 204 || resp.Header.Get("Location") != api+"/customer/3" {
		t.Fatalf("upsert create: %d %v", resp.Status, resp.Header)
	}
	if got := e.get("customer/3", ""); got["externalId"] != "CID002" || got["firstName"] != "John" {
		t.Errorf("created %v", got)
	}
	resp = e.ok(req{method: "PUT", path: "customer/eid:CID002", body: `{"lastName":"Smyth","externalId":"IGNORED"}`})
	if resp.Header.Get("Location") != api+"/customer/3" {
		t.Errorf("upsert update Location %v", resp.Header)
	}
	got := e.get("customer/3", "")
	if got["lastName"] != "Smyth" || got["firstName"] != "John" || got["externalId"] != "CID002" {
		t.Errorf("updated %v", got)
	}
	if n, _ := e.st.Count(context.Background(), "customer"); n != 2 {
		t.Errorf("%d customers, want 2", n)
	}
	// An escaped external ID stays one segment.
	e.ok(req{method: "PUT", path: "customer/eid:A%2FB%20C", body: `{"companyName":"Slash","subsidiary":"1"}`})
	if got := e.get("customer/eid:A%2FB%20C", ""); got["externalId"] != "A/B C" || got["id"] != "4" {
		t.Errorf("escaped eid: %v", got)
	}
	errDiff(t, e.fail(req{method: "PUT", path: "customer/3", body: `{"lastName":"X"}`}),
		Error{Status: 400, Code: "INVALID_REQUEST", Detail: detailMalformed})
	// An upsert create is validated like a POST.
	errDiff(t, e.fail(req{method: "PUT", path: "customer/eid:NEW", body: `{"companyName":"X"}`}),
		Error{Status: 400, Code: "USER_ERROR", Detail: "Error while accessing a resource. Please enter value(s) for: Primary Subsidiary."})
}

// TestDelete: 204, then 404, and the deleted-records log has it.
func TestDelete(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seed()
	resp := e.ok(req{method: "DELETE", path: "customer/eid:CUST-1"})
	if resp.Status != 204 || len(resp.Body) != 0 {
		t.Errorf("DELETE: %d %q", resp.Status, resp.Body)
	}
	e.fail(req{path: "customer/1"})
	log, err := e.st.DeletedSince(context.Background(), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 1 || log[0].Type != "customer" || log[0].ID != 1 || log[0].ExternalID != "CUST-1" || !log[0].DeletedAt.Equal(e.clock.Now()) {
		t.Errorf("deleted log %+v", log)
	}
}

// TestValidation covers body validation: names, values, references,
// read-only fields, mandatory fields, duplicates and malformed bodies.
func TestValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seed()
	so := func(line string) string {
		return `{"entity":{"id":"1"},"item":{"items":[` + line + `]}}`
	}
	// Sales order 1: line 1 is 1 × 1e10.
	e.create("salesOrder", so(`{"item":"1","quantity":1,"rate":1e10}`))
	tests := []struct {
		name   string
		r      req
		want   Error
		wantOK bool
		warn   []string
	}{
		{
			name: "Oracle's invalid item reference",
			r:    req{method: "POST", path: "salesOrder", body: `{"entity":{"id":107},"location":{"id":1},"item":{"items":[{"item":{"id":9999},"amount":1}]}}`},
			want: Error{Status: 400, Code: "INVALID_CONTENT", Detail: "Error while accessing resource: You have entered an Invalid Field Value 107 for the following field: entity", Path: "entity"},
		},
		{
			name: "invalid line reference",
			r:    req{method: "POST", path: "salesOrder", body: so(`{"item":{"id":9999},"amount":1}`)},
			want: Error{Status: 400, Code: "INVALID_CONTENT", Detail: "Error while accessing resource: You have entered an Invalid Field Value 9999 for the following field: item", Path: "item.items[0].item"},
		},
		{
			name: "reference by unknown external ID",
			r:    req{method: "POST", path: "salesOrder", body: `{"entity":{"externalId":"NOPE"}}`},
			want: Error{Status: 400, Code: "INVALID_CONTENT", Detail: "Error while accessing resource: You have entered an Invalid Field Value NOPE for the following field: entity", Path: "entity"},
		},
		{
			name: "refName alone is not a reference",
			r:    req{method: "PATCH", path: "customer/1", body: `{"subsidiary":{"refName":"Parent Company"}}`},
			want: Error{Status: 400, Code: "INVALID_CONTENT", Detail: "Error while accessing resource: You have entered an Invalid Field Value Parent Company for the following field: subsidiary", Path: "subsidiary"},
		},
		{
			name:   "enum by refName",
			r:      req{method: "PATCH", path: "customer/1", body: `{"emailPreference":{"refName":"HTML"}}`},
			wantOK: true,
		},
		{
			name: "enum value not in the list",
			r:    req{method: "PATCH", path: "customer/1", body: `{"emailPreference":{"id":"XML"}}`},
			want: Error{Status: 400, Code: "INVALID_CONTENT", Detail: "Error while accessing resource: You have entered an Invalid Field Value XML for the following field: emailPreference", Path: "emailPreference"},
		},
		{
			name: "number for a string",
			r:    req{method: "PATCH", path: "customer/1", body: `{"email":42}`},
			want: Error{Status: 400, Code: "INVALID_CONTENT", Detail: "Error while accessing resource: You have entered an Invalid Field Value 42 for the following field: email", Path: "email"},
		},
		{
			name: "string for a number",
			r:    req{method: "PATCH", path: "customer/1", body: `{"creditLimit":"lots"}`},
			want: Error{Status: 400, Code: "INVALID_CONTENT", Detail: "Error while accessing resource: You have entered an Invalid Field Value lots for the following field: creditLimit", Path: "creditLimit"},
		},
		{
			name: "fraction for an integer",
			r:    req{method: "PATCH", path: "customer/1", body: `{"reminderDays":1.5}`},
			want: Error{Status: 400, Code: "INVALID_CONTENT", Detail: "Error while accessing resource: You have entered an Invalid Field Value 1.5 for the following field: reminderDays", Path: "reminderDays"},
		},
		{
			name: "bad boolean",
			r:    req{method: "PATCH", path: "customer/1", body: `{"isInactive":"yes"}`},
			want: Error{Status: 400, Code: "INVALID_CONTENT", Detail: "Error while accessing resource: You have entered an Invalid Field Value yes for the following field: isInactive", Path: "isInactive"},
		},
		{
			name: "bad date",
			r:    req{method: "PATCH", path: "customer/1", body: `{"startDate":"3/1/2026"}`},
			want: Error{Status: 400, Code: "INVALID_CONTENT", Detail: "Error while accessing resource: You have entered an Invalid Field Value 3/1/2026 for the following field: startDate", Path: "startDate"},
		},
		{
			name: "datetime without offset",
			r:    req{method: "PATCH", path: "customer/1", body: `{"firstVisit":"2026-03-01T09:15:00"}`},
			want: Error{Status: 400, Code: "INVALID_CONTENT", Detail: "Error while accessing resource: You have entered an Invalid Field Value 2026-03-01T09:15:00 for the following field: firstVisit", Path: "firstVisit"},
		},
		{
			name:   "invalid value under Warning",
			r:      req{method: "PATCH", path: "customer/1", header: header(headerValueValidation, "Warning"), body: `{"email":42,"phone":"1"}`},
			wantOK: true,
			warn:   []string{`299 - "Error while accessing resource: You have entered an Invalid Field Value 42 for the following field: email (email)"`},
		},
		{
			name:   "invalid value under Ignore",
			r:      req{method: "PATCH", path: "customer/1", header: header(headerValueValidation, "ignore"), body: `{"email":42}`},
			wantOK: true,
		},
		{
			name:   "unknown field, default Warning",
			r:      req{method: "PATCH", path: "customer/1", body: `{"nope":1,"item":{"items":[{"x":1}]}}`},
			wantOK: true,
			warn:   []string{`299 - "The field item does not exist on the customer record and was ignored."`, `299 - "The field nope does not exist on the customer record and was ignored."`},
		},
		{
			name:   "unknown field, Ignore",
			r:      req{method: "PATCH", path: "customer/1", header: header(headerNameValidation, "Ignore"), body: `{"nope":1}`},
			wantOK: true,
		},
		{
			name: "unknown field, Error",
			r:    req{method: "PATCH", path: "customer/1", header: header(headerNameValidation, "error"), body: `{"nope":1}`},
			want: Error{Status: 400, Code: "NONEXISTENT_FIELD", Detail: "The field nope does not exist on the customer record.", Path: "nope"},
		},
		{
			name: "unknown line field, Error",
			r:    req{method: "POST", path: "salesOrder", header: header(headerNameValidation, "Error"), body: so(`{"item":"1","amount":1,"bogus":true}`)},
			want: Error{Status: 400, Code: "NONEXISTENT_FIELD", Detail: "The field bogus does not exist on the salesOrder record.", Path: "item.items[0].bogus"},
		},
		{
			name: "bad validation header",
			r:    req{method: "PATCH", path: "customer/1", header: header(headerNameValidation, "strict"), body: `{}`},
			want: Error{Status: 400, Code: "INVALID_REQUEST", Detail: `Invalid value "strict" for the header X-NetSuite-PropertyNameValidation. Use Error, Warning or Ignore.`, Header: headerNameValidation},
		},
		{
			name: "id is read-only",
			r:    req{method: "POST", path: "department", body: `{"name":"D","id":"7"}`},
			want: Error{Status: 400, Code: "USER_ERROR", Detail: errReadOnly("", "id").Detail, Path: "id"},
		},
		{
			name: "links are read-only",
			r:    req{method: "PATCH", path: "customer/1", body: `{"links":[]}`},
			want: Error{Status: 400, Code: "USER_ERROR", Detail: errReadOnly("", "links").Detail, Path: "links"},
		},
		{
			name: "dateCreated is read-only",
			r:    req{method: "PATCH", path: "customer/1", body: `{"dateCreated":"2020-01-01T00:00:00Z"}`},
			want: Error{Status: 400, Code: "USER_ERROR", Detail: errReadOnly("", "dateCreated").Detail, Path: "dateCreated"},
		},
		{
			name: "balance is calculated",
			r:    req{method: "PATCH", path: "customer/1", body: `{"balance":10}`},
			want: Error{Status: 400, Code: "USER_ERROR", Detail: errReadOnly("", "balance").Detail, Path: "balance"},
		},
		{
			name: "total is calculated",
			r:    req{method: "POST", path: "salesOrder", body: `{"entity":"1","total":5,"item":{"items":[{"item":"1","amount":5}]}}`},
			want: Error{Status: 400, Code: "USER_ERROR", Detail: errReadOnly("", "total").Detail, Path: "total"},
		},
		{
			name: "line links are read-only",
			r:    req{method: "POST", path: "salesOrder", body: so(`{"item":"1","amount":5,"links":[]}`)},
			want: Error{Status: 400, Code: "USER_ERROR", Detail: errReadOnly("", "links").Detail, Path: "item.items[0].links"},
		},
		{
			name:   "refName inside a reference is fine",
			r:      req{method: "PATCH", path: "customer/1", body: `{"subsidiary":{"id":"1","refName":"whatever","links":[]}}`},
			wantOK: true,
		},
		{
			name: "mandatory: empty customer",
			r:    req{method: "POST", path: "customer", body: `{}`},
			want: Error{Status: 400, Code: "USER_ERROR", Detail: "Error while accessing a resource. Please enter value(s) for: Company Name, Primary Subsidiary."},
		},
		{
			name: "mandatory: individual",
			r:    req{method: "POST", path: "customer", body: `{"isPerson":true,"firstName":"A","subsidiary":"1"}`},
			want: Error{Status: 400, Code: "USER_ERROR", Detail: "Error while accessing a resource. Please enter value(s) for: Last Name."},
		},
		{
			name: "mandatory: cleared by PATCH",
			r:    req{method: "PATCH", path: "customer/1", body: `{"companyName":null}`},
			want: Error{Status: 400, Code: "USER_ERROR", Detail: "Error while accessing a resource. Please enter value(s) for: Company Name."},
		},
		{
			name: "mandatory: sales order entity",
			r:    req{method: "POST", path: "salesOrder", body: `{"item":{"items":[{"item":"1","amount":1}]}}`},
			want: Error{Status: 400, Code: "USER_ERROR", Detail: "Error while accessing a resource. Please enter value(s) for: Customer."},
		},
		{
			name: "mandatory: sales order lines",
			r:    req{method: "POST", path: "salesOrder", body: `{"entity":"1"}`},
			want: Error{Status: 400, Code: "USER_ERROR", Detail: "Error while accessing a resource. You must enter at least one line item for this transaction."},
		},
		{
			name: "mandatory: line item",
			r:    req{method: "POST", path: "invoice", body: so(`{"amount":1}`)},
			want: Error{Status: 400, Code: "USER_ERROR", Detail: "Error while accessing a resource. Please enter value(s) for: Item.", Path: "item.items[0]"},
		},
		{
			name: "mandatory: purchase order vendor",
			r:    req{method: "POST", path: "purchaseOrder", body: `{}`},
			want: Error{Status: 400, Code: "USER_ERROR", Detail: "Error while accessing a resource. Please enter value(s) for: Vendor."},
		},
		{
			name: "mandatory: item name",
			r:    req{method: "POST", path: "nonInventorySaleItem", body: `{"displayName":"x"}`},
			want: Error{Status: 400, Code: "USER_ERROR", Detail: "Error while accessing a resource. Please enter value(s) for: Item Name/Number."},
		},
		{
			name: "mandatory: name",
			r:    req{method: "POST", path: "location", body: `{}`},
			want: Error{Status: 400, Code: "USER_ERROR", Detail: "Error while accessing a resource. Please enter value(s) for: Name."},
		},
		{
			name: "mandatory: custom record name",
			r:    req{method: "POST", path: "customrecord_region", body: `{"custrecord_code":"W"}`},
			want: Error{Status: 400, Code: "USER_ERROR", Detail: "Error while accessing a resource. Please enter value(s) for: Name."},
		},
		{
			name: "duplicate external ID, entity",
			r:    req{method: "POST", path: "customer", body: `{"companyName":"Other","subsidiary":"1","externalId":"CUST-1"}`},
			want: Error{Status: 400, Code: "USER_ERROR", Detail: "Error while accessing a resource. This entity already exists."},
		},
		{
			name:   "duplicate external ID, other",
			r:      req{method: "POST", path: "subsidiary", body: `{"name":"Sub 2","externalId":"S"}`},
			wantOK: true,
		},
		{
			name: "duplicate external ID by PATCH",
			r:    req{method: "PATCH", path: "subsidiary/1", body: `{"externalId":"S"}`},
			want: Error{Status: 400, Code: "USER_ERROR", Detail: "Error while accessing a resource. This record already exists."},
		},
		{
			name: "not JSON",
			r:    req{method: "POST", path: "customer", body: `bad body`},
			want: Error{Status: 400, Code: "INVALID_CONTENT", Detail: "Invalid content in the request body"},
		},
		{
			name: "JSON but not an object",
			r:    req{method: "PATCH", path: "customer/1", body: `[{"a":1}]`},
			want: Error{Status: 400, Code: "INVALID_CONTENT", Detail: "Invalid content in the request body"},
		},
		{
			name: "trailing garbage",
			r:    req{method: "PATCH", path: "customer/1", body: `{} {}`},
			want: Error{Status: 400, Code: "INVALID_CONTENT", Detail: "Invalid content in the request body"},
		},
		{
			name: "sublist as a bare array",
			r:    req{method: "POST", path: "salesOrder", body: `{"entity":"1","item":[{"item":"1","amount":1}]}`},
			want: Error{Status: 400, Code: "INVALID_CONTENT", Detail: "Invalid content in the request body", Path: "item"},
		},
		{
			name: "amount beyond the bound",
			r:    req{method: "POST", path: "salesOrder", body: `{"entity":{"id":"1"},"item":{"items":[{"item":{"id":"1"},"quantity":1,"amount":1e307}]}}`},
			want: Error{Status: 400, Code: "INVALID_CONTENT", Detail: "Error while accessing resource: You have entered an Invalid Field Value 1e307 for the following field: amount", Path: "item.items[0].amount"},
		},
		{
			name: "quantity and rate beyond the bound, as strings",
			r:    req{method: "POST", path: "salesOrder", body: `{"entity":{"id":"1"},"item":{"items":[{"item":{"id":"1"},"quantity":"1e308","rate":"1e308"}]}}`},
			want: Error{Status: 400, Code: "INVALID_CONTENT", Detail: "Error while accessing resource: You have entered an Invalid Field Value 1e308 for the following field: quantity", Path: "item.items[0].quantity"},
		},
		{
			name: "number too large to be finite",
			r:    req{method: "PATCH", path: "customer/1", body: `{"creditLimit":1e400}`},
			want: Error{Status: 400, Code: "INVALID_CONTENT", Detail: "Error while accessing resource: You have entered an Invalid Field Value 1e400 for the following field: creditLimit", Path: "creditLimit"},
		},
		{
			name: "integer beyond the bound",
			r:    req{method: "PATCH", path: "customer/1", body: `{"reminderDays":10000000000000001}`},
			want: Error{Status: 400, Code: "INVALID_CONTENT", Detail: "Error while accessing resource: You have entered an Invalid Field Value 10000000000000001 for the following field: reminderDays", Path: "reminderDays"},
		},
		{
			name: "NaN as a string",
			r:    req{method: "PATCH", path: "customer/1", body: `{"creditLimit":"NaN"}`},
			want: Error{Status: 400, Code: "INVALID_CONTENT", Detail: "Error while accessing resource: You have entered an Invalid Field Value NaN for the following field: creditLimit", Path: "creditLimit"},
		},
		{
			name: "hexadecimal as a string",
			r:    req{method: "PATCH", path: "customer/1", body: `{"creditLimit":"0x1p4"}`},
			want: Error{Status: 400, Code: "INVALID_CONTENT", Detail: "Error while accessing resource: You have entered an Invalid Field Value 0x1p4 for the following field: creditLimit", Path: "creditLimit"},
		},
		{
			name: "computed amount beyond the bound",
			r:    req{method: "POST", path: "salesOrder", body: so(`{"item":"1","quantity":1e10,"rate":1e10}`)},
			want: Error{Status: 400, Code: "INVALID_CONTENT", Detail: "Error while accessing resource: You have entered an Invalid Field Value 100000000000000000000 for the following field: amount", Path: "item.items[0].amount"},
		},
		{
			name: "computed amount of an updated line, at the request's index",
			r:    req{method: "PATCH", path: "salesOrder/1", body: `{"item":{"items":[{"item":"1","amount":1},{"line":1,"quantity":1e8}]}}`},
			want: Error{Status: 400, Code: "INVALID_CONTENT", Detail: "Error while accessing resource: You have entered an Invalid Field Value 1000000000000000000 for the following field: amount", Path: "item.items[1].amount"},
		},
		{
			name: "computed subtotal beyond the bound",
			r:    req{method: "POST", path: "salesOrder", body: so(`{"item":"1","amount":6e14},{"item":"1","amount":6e14}`)},
			want: Error{Status: 400, Code: "INVALID_CONTENT", Detail: "Error while accessing resource: You have entered an Invalid Field Value 1200000000000000 for the following field: subtotal", Path: "subtotal"},
		},
		{
			name:   "amount at the bound",
			r:      req{method: "POST", path: "salesOrder", body: so(`{"item":"1","amount":1e15}`)},
			wantOK: true,
		},
		{
			name: "replace names no sublist",
			r:    req{method: "PATCH", path: "customer/1", query: "replace=email", body: `{}`},
			want: Error{Status: 400, Code: "INVALID_PARAMETER", Detail: "Invalid value for the query parameter replace: email is not a sublist of the customer record.", QueryParam: "replace"},
		},
	}
	for _, tt := range tests {
		// Sequential: the cases share the environment.
		resp, err := e.do(tt.r)
		if tt.wantOK {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
				continue
			}
			if diff := cmp.Diff(tt.warn, resp.Header.Values(headerWarning)); diff != "" {
				t.Errorf("%s: warnings (-want +got):\n%s", tt.name, diff)
			}
			continue
		}
		var re *Error
		if !errors.As(err, &re) {
			t.Errorf("%s: got %v, want *Error", tt.name, err)
			continue
		}
		if diff := cmp.Diff(tt.want, *re); diff != "" {
			t.Errorf("%s: (-want +got):\n%s", tt.name, diff)
		}
	}
	// Nothing invalid was stored.
	got := e.stored("customer", "1")
	want := map[string]any{
		"companyName": "Acme", "subsidiary": "1", "externalId": "CUST-1", "emailPreference": "HTML",
		"entityId": "Acme", "phone": "1", "dateCreated": "2026-03-15T17:30:00Z", "lastModifiedDate": "2026-03-15T17:30:00Z",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("stored customer (-want +got):\n%s", diff)
	}
}

// TestEnumWrite: an enum value is written by id, by a bare id or by refName, which may be the id or
// the value's label
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142146.html writes
// {"refName": "Soft Opt-Out"}); the id is stored as the catalog spells it.
func TestEnumWrite(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seed()
	tests := []struct {
		name, field, value string
		want               string // the stored id; "" for a refusal
	}{
		{"id", "globalSubscriptionStatus", `{"id":"2"}`, "2"},
		{"bare id", "globalSubscriptionStatus", `"3"`, "3"},
		{"refName: doc label", "globalSubscriptionStatus", `{"refName":"Soft Opt-Out"}`, "2"},
		{"refName: inferred label", "globalSubscriptionStatus", `{"refName":"Confirmed Opt-In"}`, "3"},
		{"refName: label ignoring case", "globalSubscriptionStatus", `{"refName":"soft opt-in"}`, "1"},
		{"refName: id", "emailPreference", `{"refName":"HTML"}`, "HTML"},
		{"refName: id ignoring case", "emailPreference", `{"refName":"default"}`, "DEFAULT"},
		{"refName: label that differs from the id", "emailPreference", `{"refName":"Default"}`, "DEFAULT"},
		{"id wins over refName", "emailPreference", `{"id":"PDF","refName":"Default"}`, "PDF"},
		{"a label is not an id", "globalSubscriptionStatus", `{"id":"Soft Opt-Out"}`, ""},
		{"a label is not a bare id", "globalSubscriptionStatus", `"Soft Opt-Out"`, ""},
		{"unknown refName", "globalSubscriptionStatus", `{"refName":"Opted Out"}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := e.do(req{method: "PATCH", path: "customer/1", body: `{"` + tt.field + `":` + tt.value + `}`})
			if tt.want == "" {
				var re *Error
				if !errors.As(err, &re) || re.Code != "INVALID_CONTENT" || re.Path != tt.field {
					t.Fatalf("PATCH %s = %v, %v; want INVALID_CONTENT at %s", tt.value, resp, err, tt.field)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := e.stored("customer", "1")[tt.field]; got != tt.want {
				t.Errorf("stored %s = %v, want %q", tt.field, got, tt.want)
			}
		})
	}
}

func TestEnumByLabel(t *testing.T) {
	t.Parallel()
	l := func(s string) catalog.EnumLabel {
		return catalog.EnumLabel{Label: s, Confidence: catalog.ConfidenceDoc}
	}
	f := &catalog.Field{Name: "perm", Kind: catalog.KindEnum, Enum: []string{"A", "B", "C", "D", "E"},
		EnumLabels: map[string]catalog.EnumLabel{
			"A": l("Log In"), "B": l("Log In"), // one label, two ids (ADMI_LOGIN_OAUTH and ADMI_LOGIN_OAUTH2)
			"C": l("Customers"), "D": l("customers"), "E": l("Vendors"),
		}}
	tests := []struct {
		label, want string
		ok          bool
	}{
		{"Vendors", "E", true},
		{"VENDORS", "E", true},
		{"Customers", "C", true}, // exact first
		{"customers", "D", true},
		{"CUSTOMERS", "", false}, // two ids ignoring case
		{"Log In", "", false},    // two ids
		{"E", "", false},         // ids are not labels
		{"", "", false},
	}
	for _, tt := range tests {
		if got, ok := enumByLabel(f, tt.label); got != tt.want || ok != tt.ok {
			t.Errorf("enumByLabel(%q) = %q, %v; want %q, %v", tt.label, got, ok, tt.want, tt.ok)
		}
	}
}

// TestSublistSemantics follows
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545297048.html
// for keyed (item, addressBook) and non-keyed (contactRoles) sublists.
func TestSublistSemantics(t *testing.T) {
	t.Parallel()
	type line = map[string]any
	items := func(e *env, rt, id, sublist string) []any {
		t.Helper()
		v, _ := e.stored(rt, id)[sublist].([]any)
		return v
	}
	newSO := func(t *testing.T) *env {
		e := newEnv(t)
		e.seed()
		e.create("salesOrder", `{"entity":"1","item":{"items":[
			{"item":"1","quantity":1,"rate":10,"description":"a"},
			{"item":"1","quantity":2,"rate":10,"description":"b"},
			{"item":"2","amount":7,"description":"c"}]}}`)
		return e
	}
	tests := []struct {
		name  string
		query string
		body  string
		want  []any
	}{
		{
			name: "keyed, no replace: matching line updated, others added",
			body: `{"item":{"items":[{"line":2,"quantity":5},{"item":"2","amount":1,"description":"d"}]}}`,
			want: []any{
				line{"line": 1.0, "item": "1", "quantity": 1.0, "rate": 10.0, "amount": 10.0, "description": "a"},
				line{"line": 2.0, "item": "1", "quantity": 5.0, "rate": 10.0, "amount": 50.0, "description": "b"},
				line{"line": 3.0, "item": "2", "amount": 7.0, "description": "c"},
				line{"line": 4.0, "item": "2", "amount": 1.0, "description": "d"},
			},
		},
		{
			name:  "keyed, replace: matched updated, others removed, new added",
			query: "replace=item",
			body:  `{"item":{"items":[{"line":"3","description":"C"},{"line":99,"item":"1","amount":2}]}}`,
			want: []any{
				line{"line": 3.0, "item": "2", "amount": 7.0, "description": "C"},
				line{"line": 4.0, "item": "1", "amount": 2.0},
			},
		},
		{
			name:  "keyed, replace with null clears a line field",
			query: "replace=item",
			body:  `{"item":{"items":[{"line":1,"description":null}]}}`,
			want: []any{
				line{"line": 1.0, "item": "1", "quantity": 1.0, "rate": 10.0, "amount": 10.0},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newSO(t)
			e.ok(req{method: "PATCH", path: "salesOrder/1", query: tt.query, body: tt.body})
			if diff := cmp.Diff(tt.want, items(e, "salesOrder", "1", "item")); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("keyed, replace named but absent empties the sublist", func(t *testing.T) {
		t.Parallel()
		e := newSO(t)
		// A sales order needs a line, so replace=item without lines fails.
		errDiff(t, e.fail(req{method: "PATCH", path: "salesOrder/1", query: "replace=item", body: `{"memo":"x"}`}),
			Error{Status: 400, Code: "USER_ERROR", Detail: "Error while accessing a resource. You must enter at least one line item for this transaction."})
		e.create("customer", `{"companyName":"Z","subsidiary":"1","addressBook":{"items":[{"label":"HQ"}]}}`)
		e.ok(req{method: "PATCH", path: "customer/3", query: "replace=addressBook", body: `{"memo":"x"}`})
		if got := items(e, "customer", "3", "addressBook"); got != nil {
			t.Errorf("addressBook = %v, want no lines", got)
		}
	})

	t.Run("non-keyed sublist", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		e.seed()
		e.create("customer", `{"companyName":"Z","subsidiary":"1","contactRoles":{"items":[{"email":"a@x"},{"email":"b@x"}]}}`)
		e.ok(req{method: "PATCH", path: "customer/3", body: `{"contactRoles":{"items":[{"email":"c@x"}]}}`})
		want := []any{line{"email": "a@x"}, line{"email": "b@x"}, line{"email": "c@x"}}
		if diff := cmp.Diff(want, items(e, "customer", "3", "contactRoles")); diff != "" {
			t.Errorf("added (-want +got):\n%s", diff)
		}
		e.ok(req{method: "PATCH", path: "customer/3", query: "replace=contactRoles", body: `{"contactRoles":{"items":[{"email":"d@x"}]}}`})
		want = []any{line{"email": "d@x"}}
		if diff := cmp.Diff(want, items(e, "customer", "3", "contactRoles")); diff != "" {
			t.Errorf("replaced (-want +got):\n%s", diff)
		}
		// Non-keyed lines are addressed by position.
		e.ok(req{path: "customer/3/contactRoles/0"})
	})

	t.Run("keyed by id, with a line subrecord", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		e.seed()
		e.create("customer", `{"companyName":"Z","subsidiary":"1","addressBook":{"items":[
			{"label":"HQ","defaultBilling":true,"addressBookAddress":{"addr1":"1 Main","city":"Reno"}},
			{"label":"Depot"}]}}`)
		e.ok(req{method: "PATCH", path: "customer/3", query: "replace=addressBook", body: `{"addressBook":{"items":[
			{"id":1,"addressBookAddress":{"city":"Sparks"}},{"label":"New"}]}}`})
		want := []any{
			line{"id": 1.0, "label": "HQ", "defaultBilling": true, "addressBookAddress": map[string]any{"addr1": "1 Main", "city": "Sparks"}},
			line{"id": 3.0, "label": "New"},
		}
		if diff := cmp.Diff(want, items(e, "customer", "3", "addressBook")); diff != "" {
			t.Errorf("addressBook (-want +got):\n%s", diff)
		}
		resp := e.ok(req{path: "customer/3/addressBook/1/addressBookAddress"})
		wantBody := `{"links":[{"rel":"self","href":"` + api + `/customer/3/addressBook/1/addressBookAddress"}],"addr1":"1 Main","city":"Sparks"}`
		if diff := cmp.Diff(wantBody, string(resp.Body)); diff != "" {
			t.Errorf("line subrecord (-want +got):\n%s", diff)
		}
	})
}

// TestTransactions: tranId numbering, line numbers, amounts and totals,
// defaults.
func TestTransactions(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seed()
	e.clock.Set(time.Date(2026, 3, 16, 5, 0, 0, 0, time.UTC)) // 22:00 on the 15th in Los Angeles
	e.create("salesOrder", `{"entity":"1","item":{"items":[{"item":"1","quantity":3,"rate":19.99},{"item":"2","amount":50}]}}`)
	e.create("salesOrder", `{"entity":"1","tranId":"MINE","tranDate":"2026-01-02","item":{"items":[{"item":"1","amount":1}]}}`)
	e.create("salesOrder", `{"entity":"1","item":{"items":[{"item":"1","amount":1}]}}`)
	e.create("purchaseOrder", `{"entity":{"id":"2"},"subsidiary":"1","item":{"items":[{"item":"1","quantity":2,"rate":2.5}]},"expense":{"items":[{"amount":4}]}}`)
	got := e.stored("salesOrder", "1")
	want := map[string]any{
		"entity": "1", "subsidiary": "1", "tranId": "SO1001", "tranDate": "2026-03-15",
		"createdDate": "2026-03-16T05:00:00Z", "lastModifiedDate": "2026-03-16T05:00:00Z",
		"subtotal": 109.97, "total": 109.97,
		"item": []any{
			map[string]any{"line": 1.0, "item": "1", "quantity": 3.0, "rate": 19.99, "amount": 59.97},
			map[string]any{"line": 2.0, "item": "2", "amount": 50.0},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("stored sales order (-want +got):\n%s", diff)
	}
	if got := e.stored("salesOrder", "2"); got["tranId"] != "MINE" || got["tranDate"] != "2026-01-02" {
		t.Errorf("given tranId/tranDate not kept: %v", got)
	}
	if got := e.stored("salesOrder", "3")["tranId"]; got != "SO1002" {
		t.Errorf("third order tranId = %v", got)
	}
	po := e.stored("purchaseOrder", "4")
	if po["tranId"] != "PO1001" || po["subtotal"] != 5.0 || po["total"] != 9.0 {
		t.Errorf("purchase order %v", po)
	}
	// Totals follow line changes.
	e.ok(req{method: "PATCH", path: "salesOrder/1", body: `{"item":{"items":[{"line":2,"amount":40.03}]}}`})
	if got := e.stored("salesOrder", "1"); got["total"] != 100.0 {
		t.Errorf("total after PATCH = %v", got["total"])
	}
}

// TestStoredRepresentation pins what the store keeps (doc.go), including
// custom fields and custom records.
func TestStoredRepresentation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seed()
	region := e.create("customrecord_region", `{"name":"West","custrecord_code":"W","externalId":"R-W"}`)
	e.ok(req{method: "PATCH", path: "customer/1", body: `{"custentity_tier":"gold","custentity_region":{"externalId":"R-W"},"firstVisit":"2026-03-01T01:02:03.5+01:00","startDate":"2026-04-01","creditLimit":"1000.50"}`})
	got := e.stored("customer", "1")
	want := map[string]any{
		"companyName": "Acme", "entityId": "Acme", "externalId": "CUST-1", "subsidiary": "1", "emailPreference": "PDF",
		"custentity_tier": "gold", "custentity_region": region, "firstVisit": "2026-03-01T00:02:03Z", "startDate": "2026-04-01",
		"creditLimit": 1000.5, "dateCreated": "2026-03-15T17:30:00Z", "lastModifiedDate": "2026-03-15T17:30:00Z",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("stored customer (-want +got):\n%s", diff)
	}
	wire := e.get("customer/1", "fields=custentity_region,custentity_tier")
	wantWire := map[string]any{
		"links":             []any{map[string]any{"rel": "self", "href": api + "/customer/1?fields=custentity_region%2Ccustentity_tier"}},
		"custentity_region": map[string]any{"links": []any{map[string]any{"rel": "self", "href": api + "/customrecord_region/1"}}, "id": "1", "refName": "West"},
		"custentity_tier":   "gold",
	}
	if diff := cmp.Diff(wantWire, wire); diff != "" {
		t.Errorf("wire custom fields (-want +got):\n%s", diff)
	}
	cr := e.get("customrecord_region/eid:R-W", "")
	if cr["name"] != "West" || cr["custrecord_code"] != "W" || cr["created"] != "2026-03-15T17:30:00Z" || cr["lastModified"] != "2026-03-15T17:30:00Z" {
		t.Errorf("custom record %v", cr)
	}
	// Multiselects are arrays of IDs.
	e.create("department", `{"name":"Ops","subsidiary":{"items":[{"id":"1"}]}}`)
	if got := e.stored("department", "1")["subsidiary"]; !cmp.Equal(got, []any{"1"}) {
		t.Errorf("multiselect stored as %#v", got)
	}
	ms := e.get("department/1", "")["subsidiary"]
	wantMS := map[string]any{
		"links":        []any{map[string]any{"rel": "self", "href": api + "/department/1/subsidiary"}},
		"items":        []any{map[string]any{"links": []any{map[string]any{"rel": "self", "href": api + "/subsidiary/1"}}, "id": "1", "refName": "Parent Company"}},
		"totalResults": 1.0,
	}
	if diff := cmp.Diff(wantMS, ms); diff != "" {
		t.Errorf("multiselect wire (-want +got):\n%s", diff)
	}
}

// TestCreateForSeeds: Service.Create validates as POST does, strictly.
func TestCreateForSeeds(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seed()
	id, err := e.s.Create(context.Background(), "Customer", []byte(`{"companyName":"C","subsidiary":"1"}`))
	if err != nil || id != "3" {
		t.Fatalf("Create = %q, %v", id, err)
	}
	for _, tt := range []struct {
		typ, body string
		want      Error
	}{
		{"customer", `{"companyName":"C","subsidiary":"1","nope":1}`, Error{Status: 400, Code: "NONEXISTENT_FIELD", Detail: "The field nope does not exist on the customer record.", Path: "nope"}},
		{"customer", `{"companyName":"C","subsidiary":"42"}`, Error{Status: 400, Code: "INVALID_CONTENT", Detail: "Error while accessing resource: You have entered an Invalid Field Value 42 for the following field: subsidiary", Path: "subsidiary"}},
		{"nope", `{}`, Error{Status: 404, Code: "NONEXISTENT_ID", Detail: "Record type 'nope' does not exist."}},
	} {
		_, err := e.s.Create(context.Background(), tt.typ, []byte(tt.body))
		var re *Error
		if !errors.As(err, &re) {
			t.Errorf("Create(%s): %v", tt.body, err)
			continue
		}
		errDiff(t, re, tt.want)
	}
}

// TestConcurrentWrites runs creates and updates in parallel: every sales
// order gets its own number and no update is lost.
func TestConcurrentWrites(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seed()
	const n = 20
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	for i := range n {
		wg.Add(2)
		go func() {
			defer wg.Done()
			_, err := e.do(req{method: "POST", path: "salesOrder", body: `{"entity":"1","item":{"items":[{"item":"1","amount":1}]}}`})
			errs <- err
		}()
		go func() {
			defer wg.Done()
			_, err := e.do(req{method: "PATCH", path: "customer/1", body: `{"contactRoles":{"items":[{"email":"` + strconv.Itoa(i) + `@x"}]}}`})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	seen := map[string]bool{}
	for i := 1; i <= n; i++ {
		seen[e.stored("salesOrder", strconv.Itoa(i))["tranId"].(string)] = true
	}
	if len(seen) != n {
		t.Errorf("%d distinct tranIds for %d orders", len(seen), n)
	}
	if got := len(e.stored("customer", "1")["contactRoles"].([]any)); got != n {
		t.Errorf("%d contact roles after %d concurrent appends", got, n)
	}
}

// TestTranIdOnlyForCreatedTransactions: a create that fails, whether in
// validation, in the computed totals or in the store (a duplicate external
// ID), takes no transaction number.
func TestTranIdOnlyForCreatedTransactions(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seed()
	const line = `"item":{"items":[{"item":"1","amount":1}]}`
	e.ok(req{method: "POST", path: "salesOrder", body: `{"entity":"1","externalId":"SO-X",` + line + `}`})
	for _, r := range []req{
		{method: "POST", path: "salesOrder", body: `{"entity":"1"}`},                                                                          // no lines
		{method: "POST", path: "salesOrder", body: `{` + line + `}`},                                                                          // no customer
		{method: "POST", path: "salesOrder", body: `{"entity":"1","externalId":"SO-X",` + line + `}`},                                         // duplicate, found by the store
		{method: "POST", path: "salesOrder", body: `{"entity":"1","item":{"items":[{"item":"1","amount":9e14},{"item":"1","amount":9e14}]}}`}, // subtotal
		{method: "PUT", path: "salesOrder/eid:SO-Y", body: `{"entity":"1","memo":1}`},                                                         // upsert create, invalid memo
	} {
		e.fail(r)
	}
	e.ok(req{method: "PUT", path: "salesOrder/eid:SO-Z", body: `{"entity":"1",` + line + `}`})
	e.ok(req{method: "POST", path: "salesOrder", body: `{"entity":"1",` + line + `}`})
	var got []string
	for _, id := range []string{"1", "2", "3"} {
		got = append(got, e.stored("salesOrder", id)["tranId"].(string))
	}
	if diff := cmp.Diff([]string{"SO1001", "SO1002", "SO1003"}, got); diff != "" {
		t.Errorf("tranIds (-want +got):\n%s", diff)
	}
	if v, err := e.st.Meta(context.Background(), "records.tranId.salesOrder"); v != "1003" || err != nil {
		t.Errorf("counter = %q, %v; want 1003", v, err)
	}
	// The first numbered create of a type fails in the store: the counter
	// goes back to unset, and numbering still starts at 1001. (An invoice
	// with its own tranId takes no number.)
	e.ok(req{method: "POST", path: "invoice", body: `{"entity":"1","tranId":"MINE","externalId":"INV-X",` + line + `}`})
	errDiff(t, e.fail(req{method: "POST", path: "invoice", body: `{"entity":"1","externalId":"INV-X",` + line + `}`}),
		Error{Status: 400, Code: "USER_ERROR", Detail: "Error while accessing a resource. This record already exists."})
	e.ok(req{method: "POST", path: "invoice", body: `{"entity":"1",` + line + `}`})
	if got := e.stored("invoice", "5")["tranId"]; got != "INV1001" {
		t.Errorf("first numbered invoice tranId = %v, want INV1001", got)
	}
}
