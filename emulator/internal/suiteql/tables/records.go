package tables

import (
	"maps"
	"slices"
	"strings"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
	"github.com/nsconnect/nsconnect/emulator/internal/suiteql"
)

// builder builds an account's tables.
type builder struct {
	cat    *catalog.Catalog
	zone   string
	opts   Options
	tables map[string]*table
	// families are the catalog's record types by ID family, in name order.
	families map[string][]*catalog.RecordType
}

func (b *builder) build() {
	b.families = make(map[string][]*catalog.RecordType)
	for _, n := range b.cat.Types() {
		rt, _ := b.cat.Type(n)
		f := string(rt.Family())
		b.families[f] = append(b.families[f], rt)
	}
	b.transaction()
	b.transactionLine()
	b.accountingLine()
	b.entities()
	b.item()
	b.lists()
	b.customRecords()
	b.logs()
	b.static()
	b.customization()
}

// add registers t.
func (b *builder) add(t *table) *table {
	b.tables[t.name] = t
	return t
}

// typesOf returns the standard record types whose profile puts them in
// SuiteQL table name, in name order.
func (b *builder) typesOf(name string) []*catalog.RecordType {
	var out []*catalog.RecordType
	for _, n := range b.cat.Types() {
		rt, _ := b.cat.Type(n)
		if !rt.Custom && rt.Profile.SuiteQL.Table == name {
			out = append(out, rt)
		}
	}
	return out
}

// notQueryable are REST body fields SuiteQL does not know: a query naming
// one fails with "Unknown identifier" (cli.suiteportal.io's SuiteQL gotchas:
// customer.balance, total, consolBalance; balancesearch and its kin are the
// queryable columns). Besides these, a type's Profile.Calculated fields are
// not columns.
//
// Assumption: password fields are not columns either.
var notQueryable = map[string]bool{
	"balance": true, "total": true, "subtotal": true, "consolbalance": true,
	"password": true, "password2": true,
}

// bodyColumns adds the columns of the body fields of types to t, mapped
// through each type's Profile.SuiteQL.Column, the custom fields among them.
// Columns t already has keep their expression.
func (b *builder) bodyColumns(t *table, types []*catalog.RecordType) {
	for _, rt := range types {
		for _, f := range rt.Fields {
			name := rt.Profile.SuiteQL.Column(f.Name)
			if f.Name == "id" || f.Name == "refName" || f.Name == "externalId" ||
				notQueryable[name] || slices.Contains(rt.Profile.Calculated, f.Name) {
				continue
			}
			if f.Name == rt.Profile.Created || f.Name == rt.Profile.LastModified {
				continue
			}
			if c := b.bodyColumn("r.body", name, f); c != nil {
				t.add(c)
			}
		}
	}
}

// system adds the columns every record table has: id, externalid, and the
// record's dates under the names given ("" for none).
func (b *builder) system(t *table, created, modified string) {
	t.set(&column{name: "id", kind: suiteql.KindInteger, expr: "r.id", plain: true, notNull: true})
	t.set(&column{name: "externalid", kind: suiteql.KindText, expr: "r.external_id"})
	// The system dates are columns of the store in UTC, indexed by family
	// and by type (store schema): their instant lets a range read the index.
	if created != "" {
		t.set(&column{name: created, kind: suiteql.KindDateTime, expr: b.dateTime("r.date_created"), instant: "r.date_created"})
	}
	if modified != "" {
		t.set(&column{name: modified, kind: suiteql.KindDateTime, expr: b.dateTime("r.last_modified"), instant: "r.last_modified"})
	}
}

// typeCase returns CASE r.type WHEN <type> THEN <value> ... END over types,
// value giving each type's value ("" to leave it out).
func typeCase(types []*catalog.RecordType, value func(rt *catalog.RecordType) string, otherwise string) string {
	var sb strings.Builder
	sb.WriteString("CASE r.type")
	n := 0
	for _, rt := range types {
		v := value(rt)
		if v == "" {
			continue
		}
		n++
		sb.WriteString(" WHEN " + quote(rt.Name) + " THEN " + v)
	}
	if n == 0 {
		if otherwise == "" {
			return "NULL"
		}
		return otherwise
	}
	if otherwise != "" {
		sb.WriteString(" ELSE " + otherwise)
	}
	sb.WriteString(" END")
	return sb.String()
}

// entities builds entity and its subtype tables.
//
// Sources: the entity supertype and its pointer columns, fivetran/
// dbt_netsuite_source @8b666e7 models/netsuite2/src_netsuite2.yml and the
// netsuite2_entity seed; futuri-pro/tap-suiteql @4887f58 streams.py.
func (b *builder) entities() {
	all := b.families[string(catalog.FamilyEntity)]
	e := b.add(newTable("entity", "records AS r", "r.family = 'entity'"))
	e.spec(entitySpec)
	b.system(e, "datecreated", "lastmodifieddate")
	codes := map[string]string{"customer": "CustJob", "vendor": "Vendor", "employee": "Employee", "contact": "Contact", "partner": "Partner"}
	e.set(&column{name: "type", kind: suiteql.KindText,
		expr: typeCase(all, func(rt *catalog.RecordType) string {
			if c, ok := codes[rt.Name]; ok {
				return quote(c)
			}
			return ""
		}, ""),
		// Assumption: DF of an entity type is the subtype's name.
		display: labelDisplay(map[string]string{"CustJob": "Customer", "Vendor": "Vendor", "Employee": "Employee", "Contact": "Contact", "Partner": "Partner", "Job": "Project"}),
	})
	for _, sub := range []string{"customer", "vendor", "employee", "contact", "partner"} {
		expr := ""
		if _, ok := b.cat.Type(sub); ok {
			expr = "iif(r.type = " + quote(sub) + ", r.id, NULL)"
		}
		e.set(&column{name: sub, kind: suiteql.KindInteger, expr: expr, ref: sub})
	}
	// Assumption: entitytitle and altname are the entity's name as a
	// reference shows it (no hierarchy).
	name := b.nameExpr(string(catalog.FamilyEntity), "r")
	e.set(&column{name: "entitytitle", kind: suiteql.KindText, expr: name})
	e.set(&column{name: "isperson", kind: suiteql.KindBool,
		expr: "CASE WHEN r.type IN ('employee', 'contact') OR " + field("r.body", "isPerson") + " = 1 THEN 'T' ELSE 'F' END"})
	// The entity table reads the fields its spec names, and the custom
	// fields, from every entity type.
	for _, rt := range all {
		for _, f := range rt.Fields {
			name := strings.ToLower(f.Name)
			if _, ok := e.byName[name]; !ok && !f.Custom {
				continue
			}
			if f.Name == "id" || f.Name == rt.Profile.Created || f.Name == rt.Profile.LastModified {
				continue
			}
			if c := b.bodyColumn("r.body", name, f); c != nil {
				e.add(c)
			}
		}
	}
	e.set(&column{name: "altname", kind: suiteql.KindText,
		expr: "coalesce(" + text("r.body", "altName") + ", " + name + ")"})

	specs := map[string]string{"customer": customerSpec, "vendor": vendorSpec, "employee": employeeSpec, "contact": contactSpec}
	for _, sub := range []string{"customer", "vendor", "employee", "contact"} {
		rt, ok := b.cat.Type(sub)
		if !ok {
			continue
		}
		t := b.add(newTable(rt.Profile.SuiteQL.Table, "records AS r", "r.type = "+quote(rt.Name)))
		t.spec(specs[sub])
		b.system(t, strings.ToLower(rt.Profile.Created), strings.ToLower(rt.Profile.LastModified))
		b.bodyColumns(t, []*catalog.RecordType{rt})
		if _, ok := t.byName["entitytitle"]; ok {
			t.set(&column{name: "entitytitle", kind: suiteql.KindText, expr: refNameExpr(rt.Profile, "r")})
		}
		// Assumption: the default addresses are the nkeys of the address
		// book lines marked default (see entityaddress).
		for col, flagName := range map[string]string{"defaultbillingaddress": "defaultBilling", "defaultshippingaddress": "defaultShipping"} {
			if _, ok := t.byName[col]; ok {
				t.set(&column{name: col, kind: suiteql.KindInteger, plain: true,
					expr: "(SELECT r.id * 1000 + sq_ab.key + 1 FROM json_each(r.body, " + jsonPath("addressBook") + ") AS sq_ab WHERE " +
						field("sq_ab.value", flagName) + " = 1 ORDER BY sq_ab.key)"})
			}
		}
		if sub == "customer" {
			// Assumption: the queryable balances are 0 (the emulator
			// computes no balances) and a customer is off credit hold.
			for _, n := range []string{"balancesearch", "overduebalancesearch", "unbilledorderssearch", "consolbalancesearch", "depositbalancesearch"} {
				t.set(&column{name: n, kind: suiteql.KindFloat, expr: "0.0"})
			}
			t.set(&column{name: "oncredithold", kind: suiteql.KindText, expr: "'F'"})
		}
	}
}

// item builds the item table: every type of the item family.
//
// Sources: fivetran/dbt_netsuite_source @8b666e7 netsuite2_item seed;
// futuri-pro/tap-suiteql @4887f58 streams.py ItemStream.
func (b *builder) item() {
	types := b.typesOf("item")
	t := b.add(newTable("item", "records AS r", "r.family = 'item'"))
	t.spec(itemSpec)
	b.system(t, "createddate", "lastmodifieddate")
	labels := map[string]string{}
	for _, rt := range types {
		if f, ok := rt.Field("itemType"); ok {
			for k, v := range enumLabels(f) {
				labels[k] = v
			}
		}
	}
	t.set(&column{name: "itemtype", kind: suiteql.KindText,
		expr:    typeCase(types, func(rt *catalog.RecordType) string { return quote(rt.Profile.SuiteQL.Type) }, ""),
		display: labelDisplay(labels)})
	// Assumption: no item hierarchy: fullname is the item's name.
	t.set(&column{name: "fullname", kind: suiteql.KindText, expr: text("r.body", "itemId")})
	b.bodyColumns(t, types)
}

// lists builds the tables of the other standard record types: account,
// subsidiary, department, location, classification, currency, term.
func (b *builder) lists() {
	specs := map[string]string{
		"account": accountSpec, "subsidiary": subsidiarySpec, "department": departmentSpec,
		"location": locationSpec, "classification": classificationSpec, "currency": currencySpec, "term": termSpec,
	}
	for _, name := range slices.Sorted(maps.Keys(specs)) {
		types := b.typesOf(name)
		if len(types) == 0 {
			continue
		}
		rt := types[0]
		t := b.add(newTable(name, "records AS r", "r.type = "+quote(rt.Name)))
		t.spec(specs[name])
		b.system(t, strings.ToLower(rt.Profile.Created), "lastmodifieddate")
		switch name {
		case "account":
			// Assumption: no account hierarchy: fullname and the display
			// names are "<number> <name>", as the account's refName.
			n := refNameExpr(rt.Profile, "r")
			for _, c := range []string{"fullname", "accountsearchdisplayname", "accountsearchdisplaynamecopy", "displaynamewithhierarchy"} {
				t.set(&column{name: c, kind: suiteql.KindText, expr: "coalesce(" + text("r.body", c) + ", " + n + ")"})
			}
			t.set(&column{name: "accttype", kind: suiteql.KindText, expr: text("r.body", "acctType"), ref: "accounttype"})
		case "subsidiary", "department", "location", "classification":
			// Assumption: no hierarchy: fullname is the name.
			t.set(&column{name: "fullname", kind: suiteql.KindText, expr: "coalesce(" + text("r.body", "fullName") + ", " + text("r.body", "name") + ")"})
		}
		b.bodyColumns(t, types)
		if name == "account" {
			if c, ok := t.byName["accttype"]; ok {
				c.display = labelDisplay(b.accountTypeNames())
			}
		}
	}
}

// customRecords builds a table per custom record type, named by its
// script ID.
//
// Sources: the custom record columns of lumapps/tap-netsuitesuiteql @8e54840
// streams.py (created, lastmodified, recordid) and salto-io/salto's
// netsuite-adapter change detectors.
func (b *builder) customRecords() {
	for _, n := range b.cat.Types() {
		rt, _ := b.cat.Type(n)
		if !rt.Custom {
			continue
		}
		t := b.add(newTable(strings.ToLower(rt.Name), "records AS r", "r.type = "+quote(rt.Name)))
		t.spec(customRecordSpec)
		b.system(t, "created", "lastmodified")
		// Assumption: recordid is the record's internal ID; scriptid,
		// parent and lastmodifiedby are unknown to the emulator.
		t.set(&column{name: "recordid", kind: suiteql.KindInteger, expr: "r.id"})
		b.bodyColumns(t, []*catalog.RecordType{rt})
	}
}
