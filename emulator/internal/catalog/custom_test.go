package catalog

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWithCustomFields(t *testing.T) {
	t.Parallel()
	base := mustDefault(t)
	c, err := base.WithCustom([]CustomField{
		{ScriptID: "custentity_loyalty_tier", Label: "Loyalty Tier", Type: CustomText},
		{ScriptID: "custbody_ship_by", Label: "Ship By", Type: CustomDate},
		{ScriptID: "custbody_approved_at", Type: CustomDateTime},
		{ScriptID: "custcol_margin", Label: "Margin", Type: CustomDecimal},
		{ScriptID: "custitem_supplier", Type: CustomSelect, RecordType: "VENDOR"},
		{ScriptID: "custitem_region", Type: CustomSelect, RecordType: "customrecord_Region"},
		{ScriptID: "custentity_vip", Type: CustomCheckbox},
		{ScriptID: "custentity_score", Type: CustomInteger},
	}, []CustomRecordType{
		{ScriptID: "customrecord_region", Name: "Region", Fields: []CustomField{
			{ScriptID: "custrecord_region_code", Label: "Code", Type: CustomText},
			{ScriptID: "custrecord_region_manager", Type: CustomSelect, RecordType: "employee"},
		}},
	})
	if err != nil {
		t.Fatalf("WithCustom: %v", err)
	}

	// custentity_ lands on every entity record, in lower case, marked custom.
	for _, rec := range []string{"customer", "vendor", "employee", "contact"} {
		rt := mustType(t, c, rec)
		f, ok := rt.Field("custentity_loyalty_tier")
		if !ok {
			t.Errorf("%s: custentity_loyalty_tier missing", rec)
			continue
		}
		want := Field{Name: "custentity_loyalty_tier", Label: "Loyalty Tier", Type: "string", Kind: KindScalar, Nullable: true, Custom: true}
		if diff := cmp.Diff(want, *f); diff != "" {
			t.Errorf("%s.custentity_loyalty_tier (-want +got):\n%s", rec, diff)
		}
		if !rt.IsFilterable("custentity_loyalty_tier") || !rt.IsFilterable("CUSTENTITY_LOYALTY_TIER") {
			t.Errorf("%s: custom body field not filterable", rec)
		}
		if last := rt.Fields[len(rt.Fields)-1]; last.Name != "custentity_score" {
			t.Errorf("%s: custom fields not appended last (last is %s)", rec, last.Name)
		}
	}
	if f, _ := mustType(t, c, "customer").Field("custentity_vip"); f.Type != "boolean" || f.Nullable {
		t.Errorf("checkbox field = %+v", f)
	}
	if f, _ := mustType(t, c, "customer").Field("custentity_score"); f.Type != "integer" || f.Format != "int64" {
		t.Errorf("integer field = %+v", f)
	}

	// custbody_ on transaction bodies.
	for _, rec := range []string{"salesOrder", "invoice", "purchaseOrder", "customerPayment", "itemFulfillment"} {
		rt := mustType(t, c, rec)
		if f, ok := rt.Field("custbody_ship_by"); !ok || f.Kind != KindDate || f.Format != "date" {
			t.Errorf("%s.custbody_ship_by = %+v", rec, f)
		}
		if f, ok := rt.Field("custbody_approved_at"); !ok || f.Kind != KindDateTime {
			t.Errorf("%s.custbody_approved_at = %+v", rec, f)
		}
	}
	if _, ok := mustType(t, c, "customer").Field("custbody_ship_by"); ok {
		t.Error("custbody_ field on customer")
	}

	// custcol_ on item lines only; not a body field, not filterable.
	for _, rec := range []string{"salesOrder", "invoice", "purchaseOrder", "itemFulfillment"} {
		rt := mustType(t, c, rec)
		item, _ := rt.Sublist("item")
		f, ok := item.Field("custcol_margin")
		if !ok || f.Type != "number" || f.Format != "double" || !f.Custom {
			t.Errorf("%s.item.custcol_margin = %+v", rec, f)
		}
		if _, ok := rt.Field("custcol_margin"); ok || rt.IsFilterable("custcol_margin") {
			t.Errorf("%s: custcol_ field on the body", rec)
		}
		if !item.Keyed || item.Key != "line" {
			t.Errorf("%s.item lost its key", rec)
		}
	}

	// custitem_ selects resolve their target's spelling.
	inv := mustType(t, c, "inventoryItem")
	if f, _ := inv.Field("custitem_supplier"); f == nil || f.Kind != KindReference || f.Target != "vendor" || f.Ref != "vendor" {
		t.Errorf("custitem_supplier = %+v", f)
	}
	if f, _ := inv.Field("custitem_region"); f == nil || f.Target != "customrecord_region" {
		t.Errorf("custitem_region = %+v", f)
	}

	// The custom record type.
	rt, ok := c.Type("CustomRecord_Region")
	if !ok {
		t.Fatal("customrecord_region missing")
	}
	if rt.Name != "customrecord_region" || rt.Label != "Region" || !rt.Custom {
		t.Errorf("custom record type = %+v", rt)
	}
	if !slices.Contains(c.Types(), "customrecord_region") {
		t.Error("Types() does not list customrecord_region")
	}
	for _, name := range []string{"id", "name", "isInactive", "externalId", "custrecord_region_code", "custrecord_region_manager"} {
		if !rt.IsFilterable(name) {
			t.Errorf("customrecord_region.%s not filterable", name)
		}
	}
	if f, _ := rt.Field("custrecord_region_manager"); f == nil || f.Target != "employee" || !f.Custom {
		t.Errorf("custrecord_region_manager = %+v", f)
	}
}

func TestWithCustomCopyOnWrite(t *testing.T) {
	t.Parallel()
	base, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	before := mustType(t, base, "salesOrder")
	beforeFields := len(before.Fields)
	beforeItem, _ := before.Sublist("item")
	beforeLines := len(beforeItem.Fields)

	c, err := base.WithCustom([]CustomField{
		{ScriptID: "custbody_a", Type: CustomText},
		{ScriptID: "custcol_b", Type: CustomText},
	}, []CustomRecordType{{ScriptID: "customrecord_x", Name: "X"}})
	if err != nil {
		t.Fatal(err)
	}

	if len(before.Fields) != beforeFields || len(beforeItem.Fields) != beforeLines {
		t.Error("WithCustom changed the original record type")
	}
	if _, ok := before.Field("custbody_a"); ok {
		t.Error("original salesOrder sees custbody_a")
	}
	if _, ok := beforeItem.Field("custcol_b"); ok {
		t.Error("original salesOrder.item sees custcol_b")
	}
	if _, ok := base.Type("customrecord_x"); ok || slices.Contains(base.Types(), "customrecord_x") {
		t.Error("original catalog sees customrecord_x")
	}
	after := mustType(t, c, "salesOrder")
	if after == before || len(after.Fields) != beforeFields+1 {
		t.Errorf("new salesOrder has %d fields, want %d", len(after.Fields), beforeFields+1)
	}
	// Untouched types are shared; customerPayment has no item sublist but gets the
	// custbody_ field, so it is a copy.
	if mustType(t, c, "customer") != mustType(t, base, "customer") {
		t.Error("untouched customer was copied")
	}
	if mustType(t, c, "customerPayment") == mustType(t, base, "customerPayment") {
		t.Error("customerPayment not copied though it gained custbody_a")
	}
	// Cumulative: a second WithCustom sees the first one's fields.
	if _, err := c.WithCustom([]CustomField{{ScriptID: "custbody_a", Type: CustomText}}, nil); err == nil || !strings.Contains(err.Error(), "already has a field") {
		t.Errorf("re-adding custbody_a: err = %v", err)
	}
	c2, err := c.WithCustom([]CustomField{{ScriptID: "custbody_c", Type: CustomText}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	so := mustType(t, c2, "salesOrder")
	_, okA := so.Field("custbody_a")
	_, okC := so.Field("custbody_c")
	if !okA || !okC {
		t.Error("cumulative WithCustom lost a field")
	}
}

func TestWithCustomErrors(t *testing.T) {
	t.Parallel()
	base := mustDefault(t)
	tests := []struct {
		name    string
		fields  []CustomField
		records []CustomRecordType
		want    []string // substrings of the error
	}{
		{"unknown prefix", []CustomField{{ScriptID: "custfoo_x", Type: CustomText}}, nil,
			[]string{`catalog: customFields[0].scriptId: "custfoo_x": a custom field's script ID starts with custentity_, custbody_, custcol_, custitem_ or custrecord_`}},
		{"custevent", []CustomField{{ScriptID: "custevent_x", Type: CustomText}}, nil,
			[]string{`customFields[0].scriptId: "custevent_x": a custom field's script ID starts with`}},
		{"no prefix", []CustomField{{ScriptID: "loyalty", Type: CustomText}}, nil,
			[]string{`customFields[0].scriptId: "loyalty": a script ID is a prefix such as custentity_ followed by lower-case letters, digits or underscores`}},
		{"empty suffix", []CustomField{{ScriptID: "custentity_", Type: CustomText}}, nil,
			[]string{`customFields[0].scriptId: "custentity_": a script ID is`}},
		{"bad character", []CustomField{{ScriptID: "custentity_a-b", Type: CustomText}}, nil,
			[]string{`customFields[0].scriptId: "custentity_a-b": a script ID is`}},
		{"upper case", []CustomField{{ScriptID: "CUSTENTITY_X", Type: CustomText}}, nil,
			[]string{`customFields[0].scriptId: "CUSTENTITY_X": a script ID is`}},
		{"custrecord outside a record", []CustomField{{ScriptID: "custrecord_x", Type: CustomText}}, nil,
			[]string{`customFields[0].appliesTo: "custrecord_x": a custrecord_ field outside a custom record type is an other-record field: name the record types it applies to (account, classification, department, location, subsidiary)`}},
		{"custrecord on a customer", []CustomField{{ScriptID: "custrecord_x", Type: CustomText, AppliesTo: []string{"customer"}}}, nil,
			[]string{`customFields[0].appliesTo[0]: a custrecord_ field cannot apply to "customer"; it can apply to account, classification, department, location, subsidiary`}},
		{"numbered script ID with a suffix", []CustomField{{ScriptID: "custentity32x", Type: CustomText}}, nil,
			[]string{`customFields[0].scriptId: "custentity32x": a script ID is a prefix`}},
		{"select without record type", []CustomField{{ScriptID: "custentity_x", Type: CustomSelect}}, nil,
			[]string{`customFields[0].recordType: missing; a select field lists the records of a record type, such as customer`}},
		{"record type on text", []CustomField{{ScriptID: "custentity_x", Type: CustomText, RecordType: "customer"}}, nil,
			[]string{`customFields[0].recordType: only select fields have a record type`}},
		{"unknown type", []CustomField{{ScriptID: "custentity_x", Type: "multiselect"}}, nil,
			[]string{`customFields[0].type: unknown type "multiselect"; use "text", "integer", "decimal", "checkbox", "date", "datetime", "select"`}},
		{"missing type", []CustomField{{ScriptID: "custentity_x"}}, nil,
			[]string{`unknown type ""`}},
		{"duplicate", []CustomField{{ScriptID: "custentity_x", Type: CustomText}, {ScriptID: "custentity_x", Type: CustomInteger}}, nil,
			[]string{`customFields[1].scriptId: "custentity_x" is also the script ID of customFields[0]`}},
		{"applies to another family", []CustomField{{ScriptID: "custentity_x", Type: CustomText, AppliesTo: []string{"salesOrder"}}}, nil,
			[]string{`customFields[0].appliesTo[0]: a custentity_ field cannot apply to "salesOrder"; it can apply to contact, customer, employee, vendor`}},
		{"applies to a type without item lines", []CustomField{{ScriptID: "custcol_x", Type: CustomText, AppliesTo: []string{"customerPayment"}}}, nil,
			[]string{`customFields[0].appliesTo[0]: a custcol_ field cannot apply to "customerPayment"; it can apply to invoice, itemFulfillment, purchaseOrder, salesOrder`}},
		{"applies to twice", []CustomField{{ScriptID: "custentity_x", Type: CustomText, AppliesTo: []string{"customer", "Customer"}}}, nil,
			[]string{`customFields[0].appliesTo[1]: "Customer" is listed twice`}},
		{"bad record prefix", nil, []CustomRecordType{{ScriptID: "customrec_x", Name: "X"}},
			[]string{`customRecordTypes[0].scriptId: "customrec_x": a custom record type's script ID is customrecord_ followed by lower-case letters, digits or underscores`}},
		{"standard type name", nil, []CustomRecordType{{ScriptID: "customer", Name: "X"}},
			[]string{`customRecordTypes[0].scriptId: "customer": a custom record type's script ID is customrecord_`}},
		{"duplicate record", nil, []CustomRecordType{{ScriptID: "customrecord_x", Name: "X"}, {ScriptID: "customrecord_x", Name: "Y"}},
			[]string{`customRecordTypes[1].scriptId: "customrecord_x" is also the script ID of customRecordTypes[0]`}},
		{"record name missing", nil, []CustomRecordType{{ScriptID: "customrecord_x"}},
			[]string{`customRecordTypes[0].name: missing`}},
		{"record field prefix", nil, []CustomRecordType{{ScriptID: "customrecord_x", Name: "X", Fields: []CustomField{{ScriptID: "custentity_y", Type: CustomText}}}},
			[]string{`customRecordTypes[0].fields[0].scriptId: "custentity_y": the fields of a custom record type start with custrecord_`}},
		{"record field duplicate", nil, []CustomRecordType{{ScriptID: "customrecord_x", Name: "X", Fields: []CustomField{
			{ScriptID: "custrecord_y", Type: CustomText}, {ScriptID: "custrecord_y", Type: CustomDate}}}},
			[]string{`customRecordTypes[0].fields[1].scriptId: "custrecord_y" is also the script ID of customRecordTypes[0].fields[0]`}},
		{"record field applies to", nil, []CustomRecordType{{ScriptID: "customrecord_x", Name: "X", Fields: []CustomField{{ScriptID: "custrecord_y", Type: CustomText, AppliesTo: []string{"customer"}}}}},
			[]string{`customRecordTypes[0].fields[0].appliesTo: a custom record type's field applies to that type only; remove appliesTo`}},
		{"record field type", nil, []CustomRecordType{{ScriptID: "customrecord_x", Name: "X", Fields: []CustomField{{ScriptID: "custrecord_y", Type: "blob"}}}},
			[]string{`customRecordTypes[0].fields[0].type: unknown type "blob"`}},
		{"all errors reported", []CustomField{{ScriptID: "bad_one", Type: CustomText}, {ScriptID: "custentity_ok", Type: "nope"}}, nil,
			[]string{`customFields[0].scriptId: "bad_one"`, `customFields[1].type: unknown type "nope"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := base.WithCustom(tt.fields, tt.records)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("WithCustom: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("WithCustom succeeded; want an error containing %q", tt.want)
			}
			if c != nil {
				t.Error("WithCustom returned a catalog with an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if !strings.HasPrefix(err.Error(), "catalog: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
		})
	}
}

// Numbered script IDs (customrecord41, custentity32) are NetSuite's older
// form; custrecord_ fields outside a custom record type are other-record
// fields on the standard lists they apply to.
func TestWithCustomNumberedAndOtherRecordFields(t *testing.T) {
	t.Parallel()
	c, err := mustDefault(t).WithCustom([]CustomField{
		{ScriptID: "custentity32", Type: CustomText},
		{ScriptID: "custrecord_dept_level", Type: CustomInteger, AppliesTo: []string{"department"}},
	}, []CustomRecordType{
		{ScriptID: "customrecord41", Name: "Old Style", Fields: []CustomField{{ScriptID: "custrecord14", Type: CustomDate}}},
	})
	if err != nil {
		t.Fatalf("WithCustom: %v", err)
	}
	if _, ok := mustType(t, c, "customer").Field("custentity32"); !ok {
		t.Error("customer lacks custentity32")
	}
	if _, ok := mustType(t, c, "department").Field("custrecord_dept_level"); !ok {
		t.Error("department lacks custrecord_dept_level")
	}
	if _, ok := mustType(t, c, "location").Field("custrecord_dept_level"); ok {
		t.Error("custrecord_dept_level applies to department only, yet location has it")
	}
	if _, ok := mustType(t, c, "customrecord41").Field("custrecord14"); !ok {
		t.Error("customrecord41 lacks custrecord14")
	}
}
