package records

import (
	"context"
	"strings"
	"testing"
)

// TestPathIDs: a path ID that is no identifier is 400 INVALID_ID with
// o:errorUrl, as a live answer for customer/000 (errInvalidID); a negative
// number is 404 as NetSuite answers customer/-1; a missing external ID is
// named in the 404.
func TestPathIDs(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.seed()
	invalid := func(seg, path string) Error {
		return Error{Status: 400, Code: "INVALID_ID", Detail: "Invalid record instance identifier '" + seg + "'. Provide a valid record instance ID.",
			URL: "/services/rest/record/v1/" + path}
	}
	long := strings.Repeat("E", maxExternalID+1)
	tests := []struct {
		method, path string
		want         Error
	}{
		{"GET", "customer/000", invalid("000", "customer/000")},
		{"GET", "customer/0", invalid("0", "customer/0")},
		{"GET", "customer/01", invalid("01", "customer/01")},
		{"GET", "customer/1.0", invalid("1.0", "customer/1.0")},
		{"GET", "customer/+1", invalid("+1", "customer/+1")},
		{"GET", "customer/%201", invalid(" 1", "customer/%201")},
		{"GET", "customer/-0", invalid("-0", "customer/-0")},
		{"GET", "customer/-01", invalid("-01", "customer/-01")},
		{"GET", "customer/--1", invalid("--1", "customer/--1")},
		{"GET", "customer/abc", invalid("abc", "customer/abc")},
		{"GET", "customer/1x", invalid("1x", "customer/1x")},
		{"GET", "customer/99999999999999999999999", invalid("99999999999999999999999", "customer/99999999999999999999999")},
		{"GET", "customer/9223372036854775808", invalid("9223372036854775808", "customer/9223372036854775808")},
		{"GET", "customer/000/addressBook", invalid("000", "customer/000/addressBook")},
		{"GET", "customer/000/", invalid("000", "customer/000/")},
		{"PATCH", "customer/000", invalid("000", "customer/000")},
		{"DELETE", "salesOrder/000", invalid("000", "salesOrder/000")},
		{"GET", "customer/eid:", invalid("eid:", "customer/eid:")},
		{"GET", "customer/eid:A%00B", invalid("eid:A\uFFFDB", "customer/eid:A%00B")},
		{"GET", "customer/eid:%FF", invalid("eid:\uFFFD", "customer/eid:%FF")},
		{"PUT", "customer/eid:" + long, invalid(displayText("eid:"+long), "customer/eid:"+long)},
		{"GET", "customer/-1", Error{Status: 404, Code: "NONEXISTENT_ID", Detail: detailNotFound}},
		{"DELETE", "customer/-5", Error{Status: 404, Code: "NONEXISTENT_ID", Detail: detailNotFound}},
		{"GET", "customer/9223372036854775807", Error{Status: 404, Code: "NONEXISTENT_ID", Detail: detailNotFound}},
		{"GET", "customer/eid:NOPE", Error{Status: 404, Code: "NONEXISTENT_ID", Detail: "The record instance for external ID 'NOPE' does not exist. Provide a valid record instance ID."}},
		{"GET", "customer/eid:A%2FB/addressBook", Error{Status: 404, Code: "NONEXISTENT_ID", Detail: "The record instance for external ID 'A/B' does not exist. Provide a valid record instance ID."}},
		{"PATCH", "customer/eid:NOPE", Error{Status: 404, Code: "NONEXISTENT_ID", Detail: "The record instance for external ID 'NOPE' does not exist. Provide a valid record instance ID."}},
		{"DELETE", "vendor/eid:NOPE", Error{Status: 404, Code: "NONEXISTENT_ID", Detail: "The record instance for external ID 'NOPE' does not exist. Provide a valid record instance ID."}},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path[:min(len(tt.path), 40)], func(t *testing.T) {
			errDiff(t, e.fail(req{method: tt.method, path: tt.path, body: `{}`}), tt.want)
			if tt.want.Code == "INVALID_ID" {
				// Resolve, which the HTTP layer calls before the permission
				// check, gives the same answer.
				_, err := e.s.Resolve(tt.path)
				if re, ok := err.(*Error); !ok || re.Code != "INVALID_ID" || re.URL != tt.want.URL {
					t.Errorf("Resolve: %v", err)
				}
			}
		})
	}
	// The longest external ID a path can carry upserts.
	eid := strings.Repeat("E", maxExternalID)
	e.ok(req{method: "PUT", path: "customer/eid:" + eid, body: `{"companyName":"Long","subsidiary":"1"}`})
	if got := e.get("customer/eid:"+eid, "")["externalId"]; got != eid {
		t.Errorf("externalId %v", got)
	}
}

// TestPostEmptyListsMandatoryFields: POST {} to each record type answers
// NetSuite's "Please enter value(s) for: <labels>." naming every field the
// type requires at once, as live answers do (errMandatory), and stores
// nothing.
func TestPostEmptyListsMandatoryFields(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	const prefix = "Error while accessing a resource. Please enter value(s) for: "
	want := map[string]string{
		"customer":      "Company Name, Primary Subsidiary.",
		"employee":      "First Name, Last Name, Subsidiary.",
		"salesOrder":    "Customer.",
		"purchaseOrder": "Vendor.",
		"location":      "Name.",
	}
	for _, name := range e.s.cat.Types() {
		rt, _ := e.s.cat.Type(name)
		if len(rt.Profile.Mandatory) == 0 {
			continue
		}
		for _, body := range []string{`{}`, ``} {
			got := e.fail(req{method: "POST", path: name, body: body})
			if got.Status != 400 || got.Code != "USER_ERROR" || !strings.HasPrefix(got.Detail, prefix) || !strings.HasSuffix(got.Detail, ".") || got.Path != "" {
				t.Errorf("POST %s %q: %+v", name, body, got)
				continue
			}
			// Every requirement that holds for an empty record: those
			// without a condition, and those that apply when a checkbox
			// (isPerson) is not set.
			n := 0
			for _, r := range rt.Profile.Mandatory {
				if _, ok := rt.Field(r.Field); ok && (r.If == "" || strings.HasPrefix(r.If, "!")) {
					n++
				}
			}
			labels := strings.Split(strings.TrimSuffix(strings.TrimPrefix(got.Detail, prefix), "."), ", ")
			if len(labels) != n {
				t.Errorf("POST %s %q names %q, want all %d mandatory fields", name, body, labels, n)
			}
			if w, ok := want[name]; ok && got.Detail != prefix+w {
				t.Errorf("POST %s %q: %q, want %q", name, body, got.Detail, prefix+w)
			}
		}
		if n, _ := e.st.Count(context.Background(), name); n != 0 {
			t.Errorf("%s: %d records stored", name, n)
		}
	}
}
