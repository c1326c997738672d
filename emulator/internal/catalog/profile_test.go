package catalog

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Every profile belongs to a schema: a profile without one is a type the
// catalog would not serve. (A schema without a profile fails Load.)
func TestProfilesHaveSchemas(t *testing.T) {
	t.Parallel()
	c := mustDefault(t)
	for name, p := range profiles {
		rt, ok := c.Type(name)
		if !ok {
			t.Errorf("profile %s has no schema in schemas/", name)
			continue
		}
		if rt.Profile.Family != p.Family || rt.Profile.TranIDPrefix != p.TranIDPrefix {
			t.Errorf("%s: the catalog's profile is not the entry's", name)
		}
		for _, r := range append(p.Mandatory, p.RequiredLine) {
			if r.Field == "" {
				continue
			}
			if r.Label == "" {
				if f, ok := rt.Field(r.Field); !ok || f.Label == "" {
					t.Errorf("%s: mandatory field %s has no label in the profile or the schema", name, r.Field)
				}
			}
		}
		for _, f := range p.Calculated {
			if _, ok := rt.Field(f); !ok {
				t.Errorf("%s: calculated field %s is not in the schema", name, f)
			}
		}
		if p.RequiredLines != "" {
			if _, ok := rt.Sublist(p.RequiredLines); !ok {
				t.Errorf("%s: required lines %s are not a sublist", name, p.RequiredLines)
			}
		}
	}
}

func TestFamilies(t *testing.T) {
	t.Parallel()
	c := mustDefault(t)
	tests := map[string]Family{
		"salesOrder": FamilyTransaction, "customerPayment": FamilyTransaction,
		"customer": FamilyEntity, "contact": FamilyEntity,
		"serviceSaleItem": FamilyItem, "SERVICESALEITEM": FamilyItem,
		"kitItem": FamilyItem, "cashSale": FamilyTransaction, "partner": FamilyEntity,
		"department": "department", "customrecord_x": "customrecord_x",
	}
	for name, want := range tests {
		if got := c.FamilyOf(name); got != want {
			t.Errorf("FamilyOf(%s) = %s, want %s", name, got, want)
		}
	}
}

func TestCustomTargets(t *testing.T) {
	t.Parallel()
	c := mustDefault(t)
	want := map[string][]string{
		"custentity": {"contact", "customer", "employee", "vendor"},
		"custbody":   {"customerPayment", "invoice", "itemFulfillment", "purchaseOrder", "salesOrder"},
		"custcol":    {"invoice", "itemFulfillment", "purchaseOrder", "salesOrder"},
		"custitem":   {"inventoryItem", "nonInventorySaleItem", "serviceSaleItem"},
		"custevent":  nil,
	}
	for prefix, w := range want {
		if diff := cmp.Diff(w, c.CustomTargets(prefix)); diff != "" {
			t.Errorf("CustomTargets(%s) (-want +got):\n%s", prefix, diff)
		}
	}
}

func TestProfileDerived(t *testing.T) {
	t.Parallel()
	c := mustDefault(t)
	tests := []struct{ typ, created, modified string }{
		{"customer", "dateCreated", "lastModifiedDate"},
		{"salesOrder", "createdDate", "lastModifiedDate"},
	}
	for _, tt := range tests {
		rt, _ := c.Type(tt.typ)
		if rt.Profile.Created != tt.created || rt.Profile.LastModified != tt.modified {
			t.Errorf("%s: system dates %q, %q; want %q, %q", tt.typ, rt.Profile.Created, rt.Profile.LastModified, tt.created, tt.modified)
		}
	}
	cc, err := c.WithCustom(nil, []CustomRecordType{{ScriptID: "customrecord_zone", Name: "Zone"}})
	if err != nil {
		t.Fatal(err)
	}
	rt, _ := cc.Type("customrecord_zone")
	if rt.Profile.Created != "created" || rt.Profile.LastModified != "lastModified" || rt.Family() != "customrecord_zone" || rt.Profile.SuiteQL.Table != "customrecord_zone" {
		t.Errorf("custom record profile: %+v", rt.Profile)
	}
	so, _ := c.Type("salesOrder")
	if got := so.Profile.SuiteQL.Column("tranDate"); got != "trandate" {
		t.Errorf("SuiteQL column of tranDate = %s", got)
	}
}
