package readonly

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFromSchemaCustomer(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile(filepath.Join("testdata", "customer.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := FromSchema("customer", b)
	if err != nil {
		t.Fatal(err)
	}
	source := "metadata: readOnly: true in metadata-catalog/customer (application/schema+json, ns:section_1545129726)"
	note := "flagged readOnly in the account's metadata"
	want := []Rule{
		{RecordType: "customer", Path: "alcoholRecipientType.refName", Kind: KindMetadata, Source: source, Note: note},
		{RecordType: "customer", Path: "custentity_credit_score", Kind: KindMetadata, Source: source, Note: note},
		{RecordType: "customer", Path: "links", Kind: KindMetadata, Source: source, Note: note},
	}
	if diff := cmp.Diff(want, rules); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}

	// The metadata adds the calculated custom field to the curated table.
	body := decode(t, `{"companyName": "Acme", "custentity_integer": 3, "custentity_credit_score": 71.5,
		"alcoholRecipientType": {"id": "CONSUMER", "refName": "Consumer"}, "balance": 10}`)
	_, dropped := checkStrip(t, New(rules...), "customer", body, Update)
	wantDropped := []string{"alcoholRecipientType.refName", "balance", "custentity_credit_score"}
	if diff := cmp.Diff(wantDropped, dropped); diff != "" {
		t.Errorf("dropped (-want +got):\n%s", diff)
	}
}

func TestFromSchema(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, schema string
		want         []string // rule paths
		err          string
	}{
		{
			name:   "nothing flagged",
			schema: `{"type": "object", "properties": {"id": {"type": "string"}, "memo": {"type": "string", "readOnly": false}}}`,
		},
		{
			name: "inline array items",
			schema: `{"properties": {"lines": {"type": "array", "items": {"type": "object", "properties": {
				"amount": {"type": "number", "readOnly": true}, "memo": {"type": "string"}}}}}}`,
			want: []string{"lines[].amount"},
		},
		{
			name: "local references, with a cycle",
			schema: `{"properties": {"a": {"$ref": "#/definitions/A"}, "b": {"$ref": "#/$defs/B", "readOnly": true},
				"c": {"type": "array", "items": {"$ref": "#/definitions/A"}}},
				"definitions": {"A": {"type": "object", "properties": {"x": {"readOnly": true}, "self": {"$ref": "#/definitions/A"}}}},
				"$defs": {"B": {"type": "string"}}}`,
			want: []string{"a.x", "b", "c[].x"}, // a cycle is followed once
		},
		{
			name:   "references to other resources are not followed",
			schema: `{"properties": {"item": {"$ref": "/services/rest/record/v1/metadata-catalog/salesOrder-itemCollection"}, "dangling": {"$ref": "#/definitions/none"}}}`,
		},
		{
			name:   "names a rule path cannot hold are skipped",
			schema: `{"properties": {"a.b": {"readOnly": true}, "": {"readOnly": true}, "c*": {"readOnly": true}, "ok": {"readOnly": true}, "odd": 5}}`,
			want:   []string{"ok"},
		},
		{name: "not JSON", schema: `{"properties":`, err: "readonly: thing schema: unexpected EOF"},
		{name: "no properties", schema: `{"type": "object"}`, err: "readonly: thing schema: no properties object"},
		{name: "properties not an object", schema: `{"properties": []}`, err: "readonly: thing schema: no properties object"},
		{name: "not an object", schema: `[1]`, err: "readonly: thing schema: json: cannot unmarshal array"},
		{name: "trailing data", schema: `{"properties": {}} {}`, err: "readonly: thing schema: data after the JSON object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rules, err := FromSchema("thing", []byte(tt.schema))
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var paths []string
			for _, r := range rules {
				if r.RecordType != "thing" || r.Kind != KindMetadata {
					t.Errorf("rule %+v", r)
				}
				paths = append(paths, r.Path)
			}
			if diff := cmp.Diff(tt.want, paths); diff != "" {
				t.Errorf("paths (-want +got):\n%s", diff)
			}
		})
	}
}
