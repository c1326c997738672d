package records

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func decode(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
	return m
}

func TestMetadataList(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	resp := e.ok(req{path: "metadata-catalog", query: "select=customer,salesOrder"})
	meta := api + "/metadata-catalog"
	want := `{"items":[` +
		`{"name":"customer","links":[{"rel":"canonical","href":"` + meta + `/customer","mediaType":"application/json"},{"rel":"alternate","href":"` + meta + `/customer","mediaType":"application/swagger+json"},{"rel":"alternate","href":"` + meta + `/customer","mediaType":"application/schema+json"},{"rel":"describes","href":"` + api + `/customer"}]},` +
		`{"name":"salesOrder","links":[{"rel":"canonical","href":"` + meta + `/salesOrder","mediaType":"application/json"},{"rel":"alternate","href":"` + meta + `/salesOrder","mediaType":"application/swagger+json"},{"rel":"alternate","href":"` + meta + `/salesOrder","mediaType":"application/schema+json"},{"rel":"describes","href":"` + api + `/salesOrder"}]}` +
		`],"links":[{"rel":"self","href":"` + meta + `?select=customer,salesOrder"}]}`
	if diff := cmp.Diff(want, string(resp.Body)); diff != "" {
		t.Errorf("list (-want +got):\n%s", diff)
	}
	all := decode(t, e.ok(req{path: "metadata-catalog"}).Body)
	var names []string
	for _, it := range all["items"].([]any) {
		names = append(names, it.(map[string]any)["name"].(string))
	}
	if diff := cmp.Diff(e.s.cat.Types(), names); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
	malformed := Error{Status: 400, Code: "INVALID_REQUEST", Detail: "The request could not be understood by the server due to malformed syntax."}
	errDiff(t, e.fail(req{path: "metadata-catalog", query: "select=customer,%20salesOrder"}), Error{Status: 400, Code: "INVALID_REQUEST", Detail: malformed.Detail, QueryParam: "select"})
	errDiff(t, e.fail(req{path: "metadata-catalog/customer,%20salesOrder"}), malformed)
	errDiff(t, e.fail(req{path: "metadata-catalog", query: "select=customer,nope"}), Error{Status: 404, Code: "NONEXISTENT_ID", Detail: "Record type 'nope' does not exist."})
}

func TestMetadataJSONSchema(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	resp := e.ok(req{path: "metadata-catalog/customer", header: header("Accept", "application/schema+json")})
	if got := resp.Header.Get("Content-Type"); got != "application/schema+json" {
		t.Errorf("Content-Type %q", got)
	}
	s := decode(t, resp.Body)
	if s["$schema"] != "https://json-schema.org/draft-06/hyper-schema#" || s["type"] != "object" {
		t.Errorf("$schema %v type %v", s["$schema"], s["type"])
	}
	filterable, ok := s["x-ns-filterable"].([]any)
	if !ok || !slices.Contains(filterable, any("companyName")) || slices.Contains(filterable, any("addressBook")) {
		t.Errorf("x-ns-filterable = %v", s["x-ns-filterable"])
	}
	props := s["properties"].(map[string]any)
	meta := "/services/rest/record/v1/metadata-catalog/"
	wantProps := map[string]any{
		"companyName":       map[string]any{"type": "string", "title": "Company Name", "nullable": true},
		"creditLimit":       map[string]any{"type": "number", "format": "double", "title": "Credit Limit", "nullable": true},
		"isInactive":        map[string]any{"type": "boolean", "title": "Inactive"},
		"dateCreated":       map[string]any{"type": "string", "format": "date-time", "title": "Date Created", "nullable": true},
		"id":                map[string]any{"type": "string", "title": "Internal ID", "nullable": true},
		"subsidiary":        map[string]any{"$ref": meta + "subsidiary", "nullable": true},
		"accessRole":        map[string]any{"$ref": meta + "nsResource", "nullable": true},
		"addressBook":       map[string]any{"$ref": meta + "customer-addressBookCollection"},
		"links":             map[string]any{"type": "array", "items": map[string]any{"$ref": meta + "nsLink"}, "title": "Links", "readOnly": true},
		"custentity_tier":   map[string]any{"type": "string", "title": "Tier", "nullable": true, "x-ns-custom-field": true},
		"custentity_region": map[string]any{"$ref": meta + "customrecord_region", "title": "Region", "nullable": true, "x-ns-custom-field": true},
		"emailPreference": map[string]any{"type": "object", "nullable": true, "properties": map[string]any{
			"id":      map[string]any{"type": "string", "title": "Internal identifier", "enum": []any{"PDF", "HTML", "DEFAULT"}},
			"refName": map[string]any{"type": "string", "title": "Reference Name"},
		}},
	}
	for name, want := range wantProps {
		if diff := cmp.Diff(want, props[name]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", name, diff)
		}
	}
	// No system field is marked readOnly but links
	// (wsjmnh/netsuite-record-rest-docs docs/schemas/customer.md).
	for name, p := range props {
		if p.(map[string]any)["readOnly"] == true && name != "links" {
			t.Errorf("%s is readOnly", name)
		}
	}
	// The $refs resolve.
	coll := decode(t, e.ok(req{path: "metadata-catalog/customer-addressBookCollection"}).Body)
	if diff := cmp.Diff(map[string]any{"$ref": meta + "customer-addressBookElement"}, coll["properties"].(map[string]any)["items"].(map[string]any)["items"]); diff != "" {
		t.Errorf("collection items (-want +got):\n%s", diff)
	}
	elem := decode(t, e.ok(req{path: "metadata-catalog/customer-addressBookElement"}).Body)
	if _, ok := elem["properties"].(map[string]any)["addressBookAddress"]; !ok {
		t.Errorf("element %v", elem)
	}
	for _, n := range []string{"nsLink", "nsResource", "nsError", "customer-addressBook-addressBookAddress", "customrecord_region"} {
		e.ok(req{path: "metadata-catalog/" + n})
	}
	errDiff(t, e.fail(req{path: "metadata-catalog/nope"}), Error{Status: 404, Code: "NONEXISTENT_ID", Detail: "Record type 'nope' does not exist."})
}

func TestMetadataOpenAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, r := range []req{
		{path: "metadata-catalog/salesOrder", header: header("Accept", "application/swagger+json")},
		{path: "metadata-catalog", query: "select=salesOrder", header: header("Accept", "application/swagger+json")},
	} {
		resp := e.ok(r)
		if got := resp.Header.Get("Content-Type"); got != "application/swagger+json" {
			t.Errorf("Content-Type %q", got)
		}
		doc := decode(t, resp.Body)
		if doc["openapi"] != "3.0.1" {
			t.Errorf("openapi %v", doc["openapi"])
		}
		schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
		for _, n := range []string{"salesOrder", "salesOrder-itemCollection", "salesOrder-itemElement", "salesOrder-billingAddress", "nsLink", "nsResource", "nsError"} {
			if _, ok := schemas[n]; !ok {
				t.Errorf("components.schemas lacks %s", n)
			}
		}
		if _, ok := schemas["customer"]; ok {
			t.Error("customer is outside the selection")
		}
		props := schemas["salesOrder"].(map[string]any)["properties"].(map[string]any)
		// A reference outside the selection is an untyped object
		// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545126526.html);
		// inside, a $ref.
		if diff := cmp.Diff(map[string]any{"type": "object", "nullable": true}, props["entity"]); diff != "" {
			t.Errorf("entity (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(map[string]any{"$ref": "#/components/schemas/salesOrder-itemCollection"}, props["item"]); diff != "" {
			t.Errorf("item (-want +got):\n%s", diff)
		}
		paths := doc["paths"].(map[string]any)
		for _, p := range []string{"/salesOrder", "/salesOrder/{id}"} {
			if _, ok := paths[p]; !ok {
				t.Errorf("paths lacks %s", p)
			}
		}
		if _, ok := schemas["salesOrder"].(map[string]any)["x-ns-filterable"]; !ok {
			t.Error("no x-ns-filterable")
		}
	}
}
