package account

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
)

// withLists is base with two custom lists, a custom field that lists the
// first and a custom record type whose field lists the second.
var withLists = strings.Replace(base, "tokens:\n", `customLists:
  - scriptId: CustomList_Geo
    name: Geography Type
    values: [EMEA, AMER, APAC]
  - scriptId: customlist41
    values: ["1", Gold]
customFields:
  - {scriptId: custentity_geo, type: select, recordType: CUSTOMLIST_GEO, appliesTo: [customer]}
customRecordTypes:
  - scriptId: customrecord_tier
    name: Tier
    fields: [{scriptId: custrecord_tier_level, type: select, recordType: customlist41}]
tokens:
`, 1)

func TestLoadCustomLists(t *testing.T) {
	t.Parallel()
	a, err := Load([]byte(withLists))
	if err != nil {
		t.Fatal(err)
	}
	want := []CustomList{
		{ScriptID: "customlist_geo", Name: "Geography Type", Values: []string{"EMEA", "AMER", "APAC"}},
		{ScriptID: "customlist41", Name: "customlist41", Values: []string{"1", "Gold"}},
	}
	if diff := cmp.Diff(want, a.CustomLists); diff != "" {
		t.Errorf("CustomLists (-want +got):\n%s", diff)
	}
	if got := a.CustomFields[0].RecordType; got != "customlist_geo" {
		t.Errorf("customFields[0].recordType = %q, want the list's script ID in lower case", got)
	}
	if id, ok := a.CustomLists[0].ValueID("apac"); !ok || id != 3 {
		t.Errorf("ValueID(apac) = %d, %v; want 3, true", id, ok)
	}
	if id, ok := a.CustomLists[0].ValueID("LATAM"); ok {
		t.Errorf("ValueID(LATAM) = %d, true; want false", id)
	}
	// The catalog takes the field, its target kept as the list's script ID.
	base, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := base.WithCustom(a.CatalogCustom())
	if err != nil {
		t.Fatalf("WithCustom: %v", err)
	}
	rt, _ := cat.Type("customer")
	f, ok := rt.Field("custentity_geo")
	if !ok || f.Target != "customlist_geo" {
		t.Errorf("customer.custentity_geo = %+v, %v; want a reference to customlist_geo", f, ok)
	}
}

func TestCustomListsRoundTrip(t *testing.T) {
	t.Parallel()
	a, err := Load([]byte(withLists))
	if err != nil {
		t.Fatal(err)
	}
	data, err := Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Load(data)
	if err != nil {
		t.Fatalf("Load(Marshal(a)): %v\n%s", err, data)
	}
	if diff := cmp.Diff(a, got, accountCmp...); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	again, err := Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, again) {
		t.Errorf("Marshal is not stable:\n%s\n---\n%s", data, again)
	}
	if !bytes.Contains(data, []byte("customLists:\n  - scriptId: customlist_geo\n    name: Geography Type\n    values:\n      - EMEA\n")) {
		t.Errorf("Marshal did not write the lists as expected:\n%s", data)
	}
}

func TestCloneCopiesCustomLists(t *testing.T) {
	t.Parallel()
	a, err := Load([]byte(withLists))
	if err != nil {
		t.Fatal(err)
	}
	c := a.Clone()
	if diff := cmp.Diff(a, c, accountCmp...); diff != "" {
		t.Fatalf("Clone differs (-orig +clone):\n%s", diff)
	}
	c.CustomLists[0].Values[0] = "x"
	c.CustomLists[1].Name = "x"
	if a.CustomLists[0].Values[0] != "EMEA" || a.CustomLists[1].Name != "customlist41" {
		t.Errorf("changing the clone changed the original: %+v", a.CustomLists)
	}
}

func TestLoadCustomListErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		old, new string // replace old by new in withLists
		want     string
	}{
		{
			name: "unknown key",
			old:  "    name: Geography Type", new: "    label: Geography Type",
			want: `account: line 20: customLists[0].label: unknown key "label"; known keys here: scriptId, name, values`,
		},
		{
			name: "missing script ID",
			old:  "  - scriptId: CustomList_Geo\n    name: Geography Type\n", new: "  - name: Geography Type\n",
			want: "account: line 19: customLists[0].scriptId: missing; set the list's script ID, such as customlist_region\n" +
				`account: line 24: customFields[0].recordType: custom list "customlist_geo" is not defined; add it under customLists or use one of them (defined custom lists: "customlist41")`,
		},
		{
			name: "wrong prefix",
			old:  "  - scriptId: customlist41", new: "  - scriptId: custlist41",
			want: "account: line 22: customLists[1].scriptId: \"custlist41\": a custom list's script ID is customlist followed by lower-case letters, digits or underscores, such as customlist_region\n" +
				`account: line 29: customRecordTypes[0].fields[0].recordType: custom list "customlist41" is not defined; add it under customLists or use one of them (defined custom lists: "customlist_geo", "custlist41")`,
		},
		{
			name: "prefix alone",
			old:  "  - scriptId: customlist41", new: "  - scriptId: customlist\n    name: x",
			want: "account: line 22: customLists[1].scriptId: \"customlist\": a custom list's script ID is customlist followed by lower-case letters, digits or underscores, such as customlist_region\n" +
				`account: line 30: customRecordTypes[0].fields[0].recordType: custom list "customlist41" is not defined; add it under customLists or use one of them (defined custom lists: "customlist_geo", "customlist")`,
		},
		{
			name: "bad character",
			old:  "  - scriptId: customlist41", new: "  - scriptId: customlist-41",
			want: "account: line 22: customLists[1].scriptId: \"customlist-41\": a custom list's script ID is customlist followed by lower-case letters, digits or underscores, such as customlist_region\n" +
				`account: line 29: customRecordTypes[0].fields[0].recordType: custom list "customlist41" is not defined; add it under customLists or use one of them (defined custom lists: "customlist_geo", "customlist-41")`,
		},
		{
			name: "duplicate script ID ignoring case",
			old:  "  - scriptId: customlist41", new: "  - scriptId: customlist_GEO",
			want: "account: line 22: customLists[1].scriptId: \"customlist_geo\" is also the script ID of customLists[0]; script IDs must be unique\n" +
				`account: line 29: customRecordTypes[0].fields[0].recordType: custom list "customlist41" is not defined; add it under customLists or use one of them (defined custom lists: "customlist_geo", "customlist_geo")`,
		},
		{
			name: "no values",
			old:  `    values: ["1", Gold]`, new: `    values: []`,
			want: `account: line 23: customLists[1].values: missing; list the values in order, such as [EMEA, AMER, APAC]`,
		},
		{
			name: "values key missing",
			old:  "    values: [\"1\", Gold]\n", new: "",
			want: `account: line 22: customLists[1].values: missing; list the values in order, such as [EMEA, AMER, APAC]`,
		},
		{
			name: "empty value",
			old:  `[EMEA, AMER, APAC]`, new: `[EMEA, "", APAC]`,
			want: `account: line 21: customLists[0].values[1]: empty; every value of a list is a non-empty string`,
		},
		{
			name: "blank value",
			old:  `[EMEA, AMER, APAC]`, new: `[EMEA, AMER, "  "]`,
			want: `account: line 21: customLists[0].values[2]: empty; every value of a list is a non-empty string`,
		},
		{
			name: "duplicate value ignoring case",
			old:  `[EMEA, AMER, APAC]`, new: `[EMEA, AMER, emea]`,
			want: `account: line 21: customLists[0].values[2]: "emea" is the same as values[0] ("EMEA") ignoring case; a list's values must be unique`,
		},
		{
			name: "field lists an undefined list",
			old:  "recordType: CUSTOMLIST_GEO", new: "recordType: customlist_region",
			want: `account: line 25: customFields[0].recordType: custom list "customlist_region" is not defined; add it under customLists or use one of them (defined custom lists: "customlist_geo", "customlist41")`,
		},
		{
			name: "custom record field lists an undefined list",
			old:  "recordType: customlist41}", new: "recordType: customlist42}",
			want: `account: line 29: customRecordTypes[0].fields[0].recordType: custom list "customlist42" is not defined; add it under customLists or use one of them (defined custom lists: "customlist_geo", "customlist41")`,
		},
		{
			name: "no lists at all",
			old:  "customLists:\n  - scriptId: CustomList_Geo\n    name: Geography Type\n    values: [EMEA, AMER, APAC]\n  - scriptId: customlist41\n    values: [\"1\", Gold]\n", new: "",
			want: "account: line 19: customFields[0].recordType: custom list \"customlist_geo\" is not defined; add it under customLists or use one of them (no custom lists are defined)\n" +
				`account: line 23: customRecordTypes[0].fields[0].recordType: custom list "customlist41" is not defined; add it under customLists or use one of them (no custom lists are defined)`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			data := strings.Replace(withLists, tt.old, tt.new, 1)
			if data == withLists {
				t.Fatalf("the test's old text %q is not in the file", tt.old)
			}
			_, err := Load([]byte(data))
			if err == nil {
				t.Fatalf("Load succeeded; want %s", tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("Load error:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

// Validate checks lists built in code too, where nothing lower-cases them.
func TestValidateCodeBuiltLists(t *testing.T) {
	t.Parallel()
	a := Demo()
	a.CustomLists = []CustomList{{ScriptID: "CustomList_Geo", Values: []string{"EMEA"}}}
	a.CustomFields = append(a.CustomFields, CustomField{ScriptID: "custbody_geo", Type: catalog.CustomSelect, RecordType: "customlist_geo"})
	err := a.Validate()
	if err == nil {
		t.Fatal("Validate succeeded")
	}
	want := []string{
		`account: customLists[0].scriptId: "CustomList_Geo": a custom list's script ID is customlist followed by lower-case letters, digits or underscores, such as customlist_region`,
		`account: customFields[4].recordType: custom list "customlist_geo" is not defined; add it under customLists or use one of them (defined custom lists: "CustomList_Geo")`,
	}
	if diff := cmp.Diff(want, strings.Split(err.Error(), "\n")); diff != "" {
		t.Errorf("Validate (-want +got):\n%s", diff)
	}
}
