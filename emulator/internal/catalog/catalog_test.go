package catalog

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func mustDefault(t *testing.T) *Catalog {
	t.Helper()
	c, err := Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	return c
}

func mustType(t *testing.T, c *Catalog, name string) *RecordType {
	t.Helper()
	rt, ok := c.Type(name)
	if !ok {
		t.Fatalf("Type(%q) not found", name)
	}
	return rt
}

func TestTypes(t *testing.T) {
	t.Parallel()
	c := mustDefault(t)
	want := []string{
		"account", "classification", "contact", "currency", "customer", "customerPayment",
		"department", "employee", "inventoryItem", "invoice", "itemFulfillment", "location",
		"nonInventorySaleItem", "purchaseOrder", "salesOrder", "serviceSaleItem", "subsidiary",
		"term", "vendor",
	}
	if diff := cmp.Diff(want, c.Types()); diff != "" {
		t.Errorf("Types() mismatch (-want +got):\n%s", diff)
	}
	// The returned slice is the caller's.
	c.Types()[0] = "mutated"
	if c.Types()[0] != "account" {
		t.Error("Types() exposes the catalog's slice")
	}
}

// TestEveryFileLoads checks that every schema file is used: one record type per
// file (except ns.json, whose definitions are shared), with the file's body rows.
func TestEveryFileLoads(t *testing.T) {
	t.Parallel()
	c := mustDefault(t)
	entries, err := fs.ReadDir(schemaFS, "schemas")
	if err != nil {
		t.Fatal(err)
	}
	var files int
	for _, e := range entries {
		if path.Ext(e.Name()) != ".json" {
			continue
		}
		files++
		data, err := fs.ReadFile(schemaFS, "schemas/"+e.Name())
		if err != nil {
			t.Fatal(err)
		}
		sf, err := parseSchema(data)
		if err != nil {
			t.Errorf("%s: %v", e.Name(), err)
			continue
		}
		if sf.Record == sharedFile {
			for name := range sf.Definitions {
				if _, ok := c.Shared(name); !ok {
					t.Errorf("Shared(%q) not loaded", name)
				}
			}
			continue
		}
		rt, ok := c.Type(sf.Record)
		if !ok {
			t.Errorf("%s: record type %q not loaded", e.Name(), sf.Record)
			continue
		}
		var body int
		for _, r := range sf.Definitions[sf.Record] {
			if !strings.Contains(r.Name, ".") {
				body++
			}
		}
		if len(rt.Fields) != body {
			t.Errorf("%s: %d body fields, schema has %d", sf.Record, len(rt.Fields), body)
		}
		if !strings.Contains(rt.Source, "wsjmnh/netsuite-record-rest-docs") {
			t.Errorf("%s: Source = %q", sf.Record, rt.Source)
		}
	}
	if files != 20 {
		t.Errorf("%d schema files, want 20", files)
	}
}

func TestLookupIgnoresCase(t *testing.T) {
	t.Parallel()
	c := mustDefault(t)
	for _, name := range []string{"salesOrder", "salesorder", "SALESORDER", "SalesOrder"} {
		rt, ok := c.Type(name)
		if !ok || rt.Name != "salesOrder" {
			t.Errorf("Type(%q) = %v, %v; want salesOrder", name, rt, ok)
		}
	}
	if _, ok := c.Type("salesOrders"); ok {
		t.Error(`Type("salesOrders") found`)
	}
	if _, ok := c.Type("ns"); ok {
		t.Error(`Type("ns") found; shared definitions are not record types`)
	}
	rt := mustType(t, c, "customer")
	for _, name := range []string{"companyName", "companyname", "COMPANYNAME"} {
		f, ok := rt.Field(name)
		if !ok || f.Name != "companyName" {
			t.Errorf("Field(%q) = %v, %v; want companyName", name, f, ok)
		}
	}
	if _, ok := rt.Field("alcoholRecipientType.id"); ok {
		t.Error("dotted sub-property exposed as a body field")
	}
}

// TestFieldFacts pins facts of the 2026.1 browser dump.
func TestFieldFacts(t *testing.T) {
	t.Parallel()
	c := mustDefault(t)
	tests := []struct {
		record, field string
		want          Field // compared on the fields set below
	}{
		{"customer", "companyName", Field{Name: "companyName", Label: "Company Name", Type: "string", Kind: KindScalar, Nullable: true}},
		{"customer", "email", Field{Name: "email", Label: "Email", Type: "string", Kind: KindScalar, Nullable: true}},
		{"customer", "dateCreated", Field{Name: "dateCreated", Label: "Date Created", Type: "string", Format: "date-time", Kind: KindDateTime, Nullable: true}},
		{"customer", "subsidiary", Field{Name: "subsidiary", Type: "object", Ref: "subsidiary", Target: "subsidiary", Kind: KindReference, Nullable: true}},
		{"customer", "accessRole", Field{Name: "accessRole", Type: "object", Ref: "nsResource", Kind: KindReference, Nullable: true}},
		{"customer", "isInactive", Field{Name: "isInactive", Label: "Inactive", Type: "boolean", Kind: KindScalar}},
		{"customer", "creditLimit", Field{Name: "creditLimit", Label: "Credit Limit", Type: "number", Format: "double", Kind: KindScalar, Nullable: true}},
		{"customer", "startDate", Field{Name: "startDate", Label: "Start Date", Type: "string", Format: "date", Kind: KindDate, Nullable: true}},
		{"customer", "emailPreference", Field{Name: "emailPreference", Type: "object", Kind: KindEnum, Enum: []string{"PDF", "HTML", "DEFAULT"}, Nullable: true}},
		{"customer", "shippingCarrier", Field{Name: "shippingCarrier", Type: "object", Kind: KindReference, Nullable: true}},
		{"customer", "links", Field{Name: "links", Label: "Links", Type: "array", Ref: "nsLink", ReadOnly: true, Kind: KindLinks}},
		{"customer", "contactList", Field{Name: "contactList", Type: "object", Ref: "contactCollection", Target: "contact", Kind: KindMultiSelect}},
		{"customer", "addressBook", Field{Name: "addressBook", Type: "object", Ref: "customer-addressBookCollection", Kind: KindSublist}},
		{"customer", "topLevelParent", Field{Name: "topLevelParent", Type: "object", Ref: "customer", Target: "customer", Kind: KindReference, Nullable: true}},
		{"salesOrder", "entity", Field{Name: "entity", Type: "object", Ref: "customer", Target: "customer", Kind: KindReference, Nullable: true}},
		{"salesOrder", "tranDate", Field{Name: "tranDate", Label: "Date", Type: "string", Format: "date", Kind: KindDate, Nullable: true}},
		{"salesOrder", "item", Field{Name: "item", Type: "object", Ref: "salesOrder-itemCollection", Kind: KindSublist}},
		{"salesOrder", "billingAddress", Field{Name: "billingAddress", Type: "object", Ref: "salesOrder-billingAddress", Kind: KindSubrecord}},
		{"inventoryItem", "parent", Field{Name: "parent", Type: "object", Ref: "inventoryItem", Target: "inventoryItem", Kind: KindReference, Nullable: true}},
		{"inventoryItem", "price", Field{Name: "price", Type: "object", Ref: "inventoryItem-price", Kind: KindSublist}},
		{"inventoryItem", "subsidiary", Field{Name: "subsidiary", Type: "object", Ref: "subsidiaryCollection", Target: "subsidiary", Kind: KindMultiSelect}},
		{"inventoryItem", "itemOptions", Field{Name: "itemOptions", Type: "object", Ref: "nsResourceCollection", Kind: KindMultiSelect}},
	}
	ignore := cmp.FilterPath(func(p cmp.Path) bool {
		switch p.Last().String() {
		case ".Sublist", ".Subrecord", ".EnumLabels": // EnumLabels: TestEnumLabels
			return true
		}
		return false
	}, cmp.Ignore())
	for _, tt := range tests {
		rt := mustType(t, c, tt.record)
		f, ok := rt.Field(tt.field)
		if !ok {
			t.Errorf("%s.%s not found", tt.record, tt.field)
			continue
		}
		if diff := cmp.Diff(tt.want, *f, ignore); diff != "" {
			t.Errorf("%s.%s mismatch (-want +got):\n%s", tt.record, tt.field, diff)
		}
	}
}

func TestSublists(t *testing.T) {
	t.Parallel()
	c := mustDefault(t)
	tests := []struct {
		record, sublist string
		element         string
		keyed           bool
		key             string
		fields          []string // must be present
	}{
		{"salesOrder", "item", "salesOrder-itemElement", true, "line", []string{"item", "quantity", "rate", "amount", "description", "line"}},
		{"invoice", "item", "invoice-itemElement", true, "line", []string{"item", "quantity", "rate", "amount"}},
		{"purchaseOrder", "expense", "purchaseOrder-expenseElement", true, "line", []string{"account", "amount"}},
		{"customerPayment", "apply", "customerPayment-applyElement", true, "line", []string{"apply", "amount"}},
		{"customer", "addressBook", "customer-addressBookElement", true, "id", []string{"addressBookAddress", "defaultBilling", "defaultShipping", "label"}},
		{"customer", "currencyList", "customer-currencyListElement", false, "", []string{"currency", "balance"}},
		{"inventoryItem", "price", "inventoryItem-priceElement", false, "", []string{"priceLevel", "price", "quantity"}},
		{"salesOrder", "salesTeam", "salesOrder-salesTeamElement", true, "id", []string{"employee", "contribution"}},
	}
	for _, tt := range tests {
		rt := mustType(t, c, tt.record)
		s, ok := rt.Sublist(tt.sublist)
		if !ok {
			t.Errorf("%s: sublist %q not found", tt.record, tt.sublist)
			continue
		}
		if s.Name != tt.sublist || s.Element != tt.element || s.Keyed != tt.keyed || s.Key != tt.key {
			t.Errorf("%s.%s = {Name %q, Element %q, Keyed %v, Key %q}; want {%q, %q, %v, %q}",
				tt.record, tt.sublist, s.Name, s.Element, s.Keyed, s.Key, tt.sublist, tt.element, tt.keyed, tt.key)
		}
		for _, name := range tt.fields {
			if _, ok := s.Field(name); !ok {
				t.Errorf("%s.%s: line field %q missing", tt.record, tt.sublist, name)
			}
		}
		if !slices.Contains(rt.Sublists, s) {
			t.Errorf("%s.Sublists does not list %q", tt.record, tt.sublist)
		}
	}

	// Line fields keep their kinds, and nested subrecords resolve.
	so := mustType(t, c, "salesOrder")
	item, _ := so.Sublist("item")
	if len(item.Fields) != 139 { // 159 rows, 20 of them dotted enum parts
		t.Errorf("salesOrder-itemElement has %d fields, want 139", len(item.Fields))
	}
	for name, want := range map[string]Kind{"item": KindReference, "quantity": KindScalar, "rate": KindScalar, "amount": KindScalar, "inventoryDetail": KindSubrecord, "links": KindLinks} {
		if f, _ := item.Field(name); f == nil || f.Kind != want {
			t.Errorf("salesOrder.item.%s kind = %v, want %v", name, f, want)
		}
	}
	inv, _ := item.Field("inventoryDetail")
	if inv.Subrecord == nil || inv.Subrecord.Definition != "salesOrder-item-inventoryDetail" {
		t.Fatalf("inventoryDetail subrecord = %+v", inv.Subrecord)
	}
	ia, ok := inv.Subrecord.Field("inventoryAssignment")
	if !ok || ia.Sublist == nil || ia.Sublist.Element != "salesOrder-item-inventoryDetail-inventoryAssignmentElement" || ia.Sublist.Key != "internalId" {
		t.Errorf("inventoryAssignment = %+v", ia)
	}

	cust := mustType(t, c, "customer")
	ab, _ := cust.Sublist("addressBook")
	addr, ok := ab.Field("addressBookAddress")
	if !ok || addr.Subrecord == nil || addr.Subrecord.Definition != "customer-addressBook-addressBookAddress" {
		t.Fatalf("addressBookAddress = %+v", addr)
	}
	if country, ok := addr.Subrecord.Field("country"); !ok || country.Kind != KindEnum || !slices.Contains(country.Enum, "US") {
		t.Errorf("addressBookAddress.country = %+v", country)
	}
}

func TestSubrecords(t *testing.T) {
	t.Parallel()
	c := mustDefault(t)
	so := mustType(t, c, "salesOrder")
	var names []string
	for _, s := range so.Subrecords {
		names = append(names, s.Name)
	}
	if diff := cmp.Diff([]string{"billingAddress", "shippingAddress"}, names); diff != "" {
		t.Errorf("salesOrder subrecords (-want +got):\n%s", diff)
	}
	ba, ok := so.Subrecord("billingaddress")
	if !ok || len(ba.Fields) != 16 { // 18 rows; country.id and country.refName fold into country
		t.Errorf("billingAddress = %+v", ba)
	}
	if _, ok := ba.Field("addr1"); !ok {
		t.Error("billingAddress.addr1 missing")
	}
}

func TestFilterable(t *testing.T) {
	t.Parallel()
	c := mustDefault(t)
	tests := []struct {
		record, field string
		want          bool
	}{
		{"customer", "companyName", true},
		{"customer", "email", true},
		{"customer", "id", true},
		{"customer", "externalId", true},
		{"customer", "isInactive", true},
		{"customer", "creditLimit", true},
		{"customer", "dateCreated", true},
		{"customer", "lastModifiedDate", true},
		{"customer", "subsidiary", true},
		{"customer", "emailPreference", true},
		{"customer", "addressBook", false},
		{"customer", "contactList", false},
		{"customer", "links", false},
		{"customer", "refName", false},
		{"salesOrder", "tranDate", true},
		{"salesOrder", "entity", true},
		{"salesOrder", "item", false},
		{"salesOrder", "billingAddress", false},
		{"inventoryItem", "subsidiary", false}, // a multiselect there
		{"customer", "nosuchfield", false},
	}
	for _, tt := range tests {
		rt := mustType(t, c, tt.record)
		if got := rt.IsFilterable(tt.field); got != tt.want {
			t.Errorf("%s.IsFilterable(%q) = %v, want %v", tt.record, tt.field, got, tt.want)
		}
		if got := rt.IsFilterable(strings.ToLower(tt.field)); got != tt.want {
			t.Errorf("%s.IsFilterable(%q) = %v, want %v", tt.record, strings.ToLower(tt.field), got, tt.want)
		}
		if got := slices.Contains(rt.Filterable, tt.field); got != tt.want {
			t.Errorf("%s.Filterable contains %q = %v, want %v", tt.record, tt.field, got, tt.want)
		}
	}
}

func TestCounts(t *testing.T) {
	t.Parallel()
	c := mustDefault(t)
	// Counted independently from the schema files: non-dotted body rows, and body
	// rows whose type is a <record>-<name>Collection or a kept collection-shaped
	// definition (sublists) or another definition of the file (subrecords).
	tests := []struct {
		record                       string
		fields, sublists, subrecords int
	}{
		{"customer", 158, 11, 0},
		{"salesOrder", 220, 9, 2},
		{"invoice", 215, 13, 2},
		{"vendor", 98, 8, 0},
		{"term", 25, 1, 0},
	}
	for _, tt := range tests {
		rt := mustType(t, c, tt.record)
		if len(rt.Fields) != tt.fields || len(rt.Sublists) != tt.sublists || len(rt.Subrecords) != tt.subrecords {
			t.Errorf("%s: %d fields, %d sublists, %d subrecords; want %d, %d, %d", tt.record,
				len(rt.Fields), len(rt.Sublists), len(rt.Subrecords), tt.fields, tt.sublists, tt.subrecords)
		}
		for _, f := range rt.Fields {
			if strings.Contains(f.Name, ".") {
				t.Errorf("%s: dotted body field %q", tt.record, f.Name)
			}
		}
	}
}

func TestShared(t *testing.T) {
	t.Parallel()
	c := mustDefault(t)
	link, ok := c.Shared("nsLink")
	if !ok {
		t.Fatal("nsLink missing")
	}
	var names []string
	for _, f := range link {
		names = append(names, f.Name)
		if !f.ReadOnly {
			t.Errorf("nsLink.%s not read-only", f.Name)
		}
	}
	if diff := cmp.Diff([]string{"href", "rel"}, names); diff != "" {
		t.Errorf("nsLink fields (-want +got):\n%s", diff)
	}
}

func TestDefaultConcurrent(t *testing.T) {
	t.Parallel()
	var wg sync.WaitGroup
	got := make([]*Catalog, 8)
	for i := range got {
		wg.Go(func() {
			c, err := Default()
			if err != nil {
				t.Error(err)
			}
			got[i] = c
			if rt, ok := c.Type("CUSTOMER"); !ok || rt.Name != "customer" {
				t.Error("Type(CUSTOMER) failed")
			}
		})
	}
	wg.Wait()
	for _, c := range got[1:] {
		if c != got[0] {
			t.Fatal("Default returned different catalogs")
		}
	}
}

func TestKindString(t *testing.T) {
	t.Parallel()
	if KindDateTime.String() != "datetime" || KindMultiSelect.String() != "multiselect" || Kind(0).String() != "unknown" {
		t.Error("Kind.String mismatch")
	}
}

// Field names are matched ignoring case as strings.ToLower folds them, on
// the fast path for short ASCII names and off it.
func TestFieldLookupFoldsCase(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("X", 70)
	f1, f2, f3, f4 := &Field{Name: "companyName"}, &Field{Name: "émile"}, &Field{Name: long}, &Field{Name: ""}
	idx := newFieldIndex([]*Field{f1, f2, f3, f4})
	for name, want := range map[string]*Field{
		"companyName": f1, "COMPANYNAME": f1, "companyname": f1, "company_name": nil,
		"ÉMILE": f2, "émile": f2, "Émile": f2, long: f3, strings.ToLower(long): f3, long[:64]: nil, "": f4,
	} {
		got, ok := idx.lookup(name)
		if got != want || ok != (want != nil) {
			t.Errorf("lookup(%q) = %v, %v", name, got, ok)
		}
	}
}
