package catalog

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// enumFields returns the enum fields of c by "<definition>.<field>", among
// body, line and subrecord fields; a body definition is named like its record.
func enumFields(c *Catalog) map[string]*Field {
	out := make(map[string]*Field)
	var walk func(def string, fields []*Field)
	walk = func(def string, fields []*Field) {
		for _, f := range fields {
			switch {
			case f.Kind == KindEnum:
				out[def+"."+f.Name] = f
			case f.Sublist != nil:
				walk(f.Sublist.Element, f.Sublist.Fields)
			case f.Subrecord != nil:
				walk(f.Subrecord.Definition, f.Subrecord.Fields)
			}
		}
	}
	for _, name := range c.Types() {
		rt, _ := c.Type(name)
		walk(rt.Name, rt.Fields)
	}
	return out
}

// TestEnumLabelsMatchCatalog checks the embedded enumlabels.json against the
// schemas: every key is an enum field of the catalog, every labelled id is one
// of the field's Enum ids, every enum field has a key, and the counts the file
// states are those of the catalog.
func TestEnumLabelsMatchCatalog(t *testing.T) {
	t.Parallel()
	labels, err := parseEnumLabels(enumLabelsJSON)
	if err != nil {
		t.Fatal(err)
	}
	fields := enumFields(mustDefault(t))
	for _, key := range slices.Sorted(maps.Keys(labels)) {
		f, ok := fields[key]
		if !ok {
			t.Errorf("%s: not an enum field of the catalog", key)
			continue
		}
		for id := range labels[key] {
			if !slices.Contains(f.Enum, id) {
				t.Errorf("%s: %q is not one of the field's ids", key, id)
			}
		}
	}
	got := map[string]int{"fields": len(fields)}
	for _, key := range slices.Sorted(maps.Keys(fields)) {
		f := fields[key]
		if _, ok := labels[key]; !ok {
			t.Errorf("%s: enum field without an entry in enumlabels.json", key)
		}
		if len(labels[key]) > 0 && f.EnumLabels == nil {
			t.Errorf("%s: labels not attached", key)
		}
		for _, id := range f.Enum {
			if l, ok := f.EnumLabels[id]; ok {
				got[string(l.Confidence)]++
			} else {
				got["none"]++
			}
		}
	}
	var lf labelsFile
	if err := json.Unmarshal(enumLabelsJSON, &lf); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(lf.Counts, got); diff != "" {
		t.Errorf("counts in enumlabels.json differ from the catalog's (-file +catalog):\n%s", diff)
	}
}

func TestEnumLabels(t *testing.T) {
	t.Parallel()
	c := mustDefault(t)
	fields := enumFields(c)
	tests := []struct {
		key, id    string
		label      string // "" when the id has no label
		confidence Confidence
		source     string // a part of the source
	}{
		// Oracle's REST example
		// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142146.html).
		{"contact.globalSubscriptionStatus", "2", "Soft Opt-Out", ConfidenceDoc, "section_1545142146"},
		{"contact.globalSubscriptionStatus", "1", "Soft Opt-In", ConfidenceInferred, "GlobalSubscriptionStatus"},
		{"customer.globalSubscriptionStatus", "2", "Soft Opt-Out", ConfidenceDoc, "section_1545142146"},
		{"customer.emailPreference", "DEFAULT", "Default", ConfidenceInferred, "EmailPreference"},
		{"salesOrder.orderStatus", "B", "Pending Fulfillment", ConfidenceInferred, "SalesOrderOrderStatus"},
		// A sublist line field.
		{"salesOrder-itemElement.itemType", "InvtPart", "Inventory Item", ConfidenceInferred, "ItemType"},
		{"salesOrder-itemElement.itemType", "EndGroup", "", "", ""},
		{"employee-emppermsElement.permKey1", "ADMI_ACCTSETUP", "Set Up Accounting", ConfidenceDoc, "chapter_N3236764"},
		// A body subrecord field, and a subrecord of a sublist line, sharing
		// their values with the other country fields.
		{"salesOrder-billingAddress.country", "US", "United States", ConfidenceInferred, "country.rb"},
		{"customer-addressBook-addressBookAddress.country", "GB", "United Kingdom", ConfidenceInferred, "country.rb"},
		{"customer-addressBook-addressBookAddress.country", "KR", "", "", ""},
		// A field with no labels at all, and ids the field does not have.
		{"location.timeZone", "America/Los_Angeles", "", "", ""},
		{"customer.emailPreference", "pdf", "", "", ""},
		{"customer.emailPreference", "XML", "", "", ""},
	}
	for _, tt := range tests {
		f, ok := fields[tt.key]
		if !ok {
			t.Errorf("%s: no such enum field", tt.key)
			continue
		}
		l, ok := f.EnumLabels[tt.id]
		if ok != (tt.label != "") || l.Label != tt.label || l.Confidence != tt.confidence {
			t.Errorf("%s[%q] = %+v, %v; want %q (%s)", tt.key, tt.id, l, ok, tt.label, tt.confidence)
		}
		if !strings.Contains(l.Source, tt.source) {
			t.Errorf("%s[%q].Source = %q, want it to contain %q", tt.key, tt.id, l.Source, tt.source)
		}
	}
	if f := fields["location.timeZone"]; f.EnumLabels != nil {
		t.Errorf("location.timeZone has labels: %v", f.EnumLabels)
	}
}

// labelTestFS is a catalog of one record type with one enum body field and
// one enum field in a subrecord.
var labelTestFS = fstest.MapFS{
	"s/thing.json": {Data: []byte(`{"record": "thing", "source": "test", "definitions": {
		"thing": [
			{"name": "status", "type": "object"},
			{"name": "status.id", "type": "string", "enum": ["A", "B"]},
			{"name": "address", "type": "thing-address"}
		],
		"thing-address": [
			{"name": "country", "type": "object"},
			{"name": "country.id", "type": "string", "enum": ["US", "GB"]}
		]}}`)},
}

func TestLoadFSLabels(t *testing.T) {
	t.Parallel()
	doc := func(l string) EnumLabel { return EnumLabel{Label: l, Confidence: ConfidenceDoc, Source: "s"} }
	tests := []struct {
		name    string
		labels  enumLabels
		wantErr string
	}{
		{"none", nil, ""},
		{"body and subrecord", enumLabels{"thing.status": {"A": doc("Open")}, "thing-address.country": {"US": doc("United States")}}, ""},
		{"empty", enumLabels{"thing.status": {}}, ""},
		{"unknown field", enumLabels{"thing.state": {"A": doc("Open")}}, "thing.state is not an enum field"},
		{"unknown definition", enumLabels{"other.status": {}}, "other.status is not an enum field"},
		{"key without definition", enumLabels{"status": {}}, "status is not an enum field"},
		{"not an enum", enumLabels{"thing.address": {}}, "thing.address is not an enum field"},
		{"unknown id", enumLabels{"thing-address.country": {"FR": doc("France")}}, `thing-address.country: enum labels: "FR" is not a value`},
		{"id in another case", enumLabels{"thing.status": {"a": doc("Open")}}, `"a" is not a value`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := loadFS(labelTestFS, "s", map[string]*Profile{"thing": {}}, tt.labels)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "catalog: ") {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			rt := mustType(t, c, "thing")
			status, _ := rt.Field("status")
			country, _ := rt.Subrecords[0].Field("country")
			for key, f := range map[string]*Field{"thing.status": status, "thing-address.country": country} {
				want := tt.labels[key]
				if len(want) == 0 {
					want = nil
				}
				if diff := cmp.Diff(want, f.EnumLabels); diff != "" {
					t.Errorf("%s labels (-want +got):\n%s", key, diff)
				}
			}
		})
	}
}

func TestParseEnumLabels(t *testing.T) {
	t.Parallel()
	file := func(fields string) []byte {
		return []byte(`{"about": "x", "counts": {}, "sources": ["S0", "S1"], "fields": {` + fields + `}}`)
	}
	got, err := parseEnumLabels(file(`"a.x": {"1": ["One", "doc", 1], "2": ["Two", "inferred", 0]}, "b.y": "a.x", "c.z": {}`))
	if err != nil {
		t.Fatal(err)
	}
	ax := map[string]EnumLabel{
		"1": {Label: "One", Confidence: ConfidenceDoc, Source: "S1"},
		"2": {Label: "Two", Confidence: ConfidenceInferred, Source: "S0"},
	}
	if diff := cmp.Diff(enumLabels{"a.x": ax, "b.y": ax, "c.z": {}}, got); diff != "" {
		t.Errorf("parseEnumLabels (-want +got):\n%s", diff)
	}

	bad := []struct{ fields, wantErr string }{
		{`"a.x": {"1": ["One", "captured", 0]}`, `unknown confidence "captured"`},
		{`"a.x": {"1": ["", "doc", 0]}`, "empty label"},
		{`"a.x": {"1": ["One", "doc", 2]}`, "no source 2"},
		{`"a.x": {"1": ["One", "doc"]}`, "want [label, confidence, source]"},
		{`"a.x": "b.y"`, `names "b.y", which has no values`},
		{`"a.x": {"1": ["One", "doc", 0]}, "b.y": "a.x", "c.z": "b.y"`, `names "b.y"`},
		{`"a.x": []`, "a.x"},
	}
	for _, tt := range bad {
		_, err := parseEnumLabels(file(tt.fields))
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "enum labels: ") {
			t.Errorf("parseEnumLabels(%s) err = %v, want one containing %q", tt.fields, err, tt.wantErr)
		}
	}
	if _, err := parseEnumLabels([]byte(`{"fields": {}, "extra": 1}`)); err == nil {
		t.Error("unknown member accepted")
	}
}

func Example_enumLabels() {
	c, _ := Default()
	rt, _ := c.Type("contact")
	f, _ := rt.Field("globalSubscriptionStatus")
	l := f.EnumLabels["2"]
	fmt.Println(l.Label, l.Confidence)
	// Output: Soft Opt-Out doc
}
