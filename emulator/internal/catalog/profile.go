package catalog

import "strings"

// Family is an ID family: the record types whose internal IDs come from one
// sequence, as NetSuite numbers them per base table. SuiteQL's transaction,
// entity and item tables hold every type of their family under one id
// column (fivetran/dbt_netsuite_source, the netsuite2 transaction, entity and
// item models), so a sales order and an invoice never share an ID. A type
// outside the three families has a sequence of its own: its Family is its
// name.
type Family string

// The shared ID families.
const (
	FamilyTransaction Family = "transaction"
	FamilyEntity      Family = "entity"
	FamilyItem        Family = "item"
)

// Profile is what the emulator knows about a record type beyond its schema:
// how it is numbered and named, what NetSuite computes and requires, where
// custom fields apply, and how SuiteQL sees it. Every standard type of the
// catalog has one entry in profiles, beside its schema in schemas/; adding a
// record type is its schema plus that entry. Custom record types get theirs
// from WithCustom.
//
// A Profile belongs to a loaded Catalog and must not be modified.
type Profile struct {
	// Family is the type's ID family; "" for a sequence of its own (see
	// RecordType.Family).
	Family Family

	// TranIDPrefix starts the numbers given to transactions created without
	// a tranId: SO1001, SO1002, ... "" for no numbering.
	//
	// Assumption: NetSuite numbers transactions from the account's
	// auto-numbering settings; the emulator uses these prefixes and a
	// counter per type from 1001.
	TranIDPrefix string
	// TranLabel names a transaction type in its refName: "Sales Order
	// #SO1001" (NetSuite's createdFrom style).
	TranLabel string

	// RefName lists where the record's refName (what NetSuite shows for it in
	// a select field) comes from, in order of preference: each entry is one
	// or more body fields joined by spaces ("firstName lastName"), whose
	// non-empty values are joined by a space; the first non-empty entry
	// wins, the internal ID when none is. A transaction's is TranLabel
	// followed by " #" and its tranId.
	//
	// Assumption: entities show entityId, else companyName, else first and
	// last name; items itemId; accounts "<number> <name>"; everything else
	// name. Hierarchical names ("Parent : Child") are not built.
	RefName []string

	// Calculated are the body fields NetSuite calculates, which a client may
	// not set (besides the system fields every type has).
	//
	// Assumption: the balance and aging fields of entities (the NetSweet
	// netsuite gem's read_only_fields, a SOAP client used against live
	// accounts); total and subtotal of the transactions whose totals the
	// emulator computes (Totals).
	Calculated []string
	// Totals reports whether the emulator computes subtotal (the item lines'
	// amounts) and total (item and expense lines) of the type.
	Totals bool

	// Mandatory are the body fields a record must have after defaults, in
	// the order NetSuite's "Please enter value(s) for:" lists them.
	Mandatory []Required
	// RequiredLines names a sublist that must have at least one line ("" when
	// none), every line with a value in RequiredLine.Field.
	RequiredLines string
	RequiredLine  Required

	// CustomPrefix is the script ID prefix of the custom body fields that
	// apply to the type ("custentity", "custbody", "custitem", "custrecord");
	// "" when none do. Transactions with an item sublist also take custcol_
	// fields on its lines (LineCustomPrefix).
	CustomPrefix string

	// SuiteQL is how SuiteQL sees the type.
	SuiteQL SuiteQL

	// Created and LastModified are the body fields holding the record's
	// system dates (dateCreated or createdDate or created; lastModifiedDate
	// or lastModified), "" when the schema has none. Derived from the schema.
	Created, LastModified string
}

// Required is a mandatory body field.
type Required struct {
	// Field is the body field.
	Field string
	// Label is the name NetSuite's message gives it; "" for the schema's
	// label.
	Label string
	// If names a boolean body field the requirement depends on: "isPerson"
	// requires the field when isPerson is true, "!isPerson" when it is not.
	// "" always requires it.
	If string
}

// SuiteQL is how SuiteQL sees a record type.
//
// Sources: the netsuite2 (SuiteAnalytics Connect) models and seeds of
// fivetran/dbt_netsuite_source and fivetran/dbt_netsuite, and Airbyte's
// source-netsuite constraints.py, which query these tables in production.
type SuiteQL struct {
	// Table is the table that holds the type's records: "transaction",
	// "customer", "item", ...
	Table string
	// Type is the value of the table's type column that selects the type:
	// transaction.type ("SalesOrd"), item.itemtype ("InvtPart"); "" when
	// the table holds the type alone.
	Type string
	// Columns maps REST body fields to SuiteQL columns whose names are not
	// the field's name in lower case (tranDate is trandate, which needs no
	// entry).
	Columns map[string]string
	// LineTable holds the type's lines ("transactionline"), "" for none.
	LineTable string
	// LineSign is the sign SuiteQL gives the quantity and amounts of the
	// type's item lines: -1 on sales transactions (Airbyte's
	// `tl.netamount * -1`, Oracle's workbook SQL `transactionLine.quantity
	// * -1`), 1 on purchases; 0 for a type without lines.
	LineSign int
}

// Column returns the SuiteQL column of body field name.
func (q SuiteQL) Column(name string) string {
	if c, ok := q.Columns[name]; ok {
		return c
	}
	return strings.ToLower(name)
}

// LineCustomPrefix is the prefix of custom line fields, which apply to the
// item sublist of the types whose CustomPrefix is custbody (Assumption: real
// custcol_ fields can also apply to expense and time lines).
const LineCustomPrefix = "custcol"

// lineSublist is the sublist custcol_ fields are added to.
const lineSublist = "item"

// otherRecord is the prefix of "other record" custom fields, which NetSuite
// adds to standard lists such as accounts, classes, departments, locations
// and subsidiaries (public queries read account.custrecord_*,
// department.custrecord_*, subsidiary.custrecord_*: fivetran/dbt_netsuite
// and the SuiteQL corpus's sources).
//
// Assumption: the emulator offers them on these five types.
const otherRecord = "custrecord"

// Shared parts of the profiles.
var (
	entityRefName = []string{"entityId", "companyName", "firstName lastName"}
	itemRefName   = []string{"itemId"}
	nameRefName   = []string{"name"}

	// entityCalculated are an entity's balances and aging (the NetSweet
	// netsuite gem's read_only_fields and the SuiteTalk schema browser).
	customerCalculated = []string{
		"balance", "overdueBalance", "unbilledOrders", "depositBalance", "daysOverdue",
		"aging", "aging1", "aging2", "aging3", "aging4",
		"consolBalance", "consolOverdueBalance", "consolUnbilledOrders", "consolDepositBalance", "consolDaysOverdue",
		"consolAging", "consolAging1", "consolAging2", "consolAging3", "consolAging4",
	}
	totals = []string{"total", "subtotal"}

	// Assumption: "Primary Subsidiary" for a customer as reported in public
	// client code and issues, not verified against a live account; the
	// other labels are NetSuite's form labels (Customer, Vendor, Item,
	// Subsidiary) or the schema's. subsidiary is mandatory because the
	// emulated account is a OneWorld account.
	companyOrPerson = []Required{
		{Field: "firstName", If: "isPerson"},
		{Field: "lastName", If: "isPerson"},
		{Field: "companyName", If: "!isPerson"},
		{Field: "subsidiary", Label: "Primary Subsidiary"},
	}
	named   = []Required{{Field: "name"}}
	itemIDs = []Required{{Field: "itemId"}}
)

// profiles are the standard types' profiles, by schema name. A type that is
// not listed here has a schema the emulator does not serve: loading it fails.
//
// SuiteQL type codes: transaction.type codes SalesOrd, CustInvc, PurchOrd,
// CustPymt and ItemShip, and item.itemtype InvtPart and NonInvtPart, are seen
// in fivetran/dbt_netsuite_source seeds and Airbyte's queries. Assumption:
// Service for service items (not observed); customers' entity type CustJob is
// in the same seeds.
var profiles = map[string]*Profile{
	"account": {RefName: []string{"acctNumber acctName"}, Mandatory: []Required{{Field: "acctName"}},
		CustomPrefix: otherRecord, SuiteQL: SuiteQL{Table: "account"}},
	"classification": {RefName: nameRefName, Mandatory: named, CustomPrefix: otherRecord, SuiteQL: SuiteQL{Table: "classification"}},
	"contact": {Family: FamilyEntity, RefName: entityRefName, CustomPrefix: "custentity",
		Mandatory: []Required{{Field: "firstName"}}, SuiteQL: SuiteQL{Table: "contact"}},
	"currency": {RefName: nameRefName, Mandatory: named, SuiteQL: SuiteQL{Table: "currency"}},
	"customer": {Family: FamilyEntity, RefName: entityRefName, CustomPrefix: "custentity",
		Calculated: customerCalculated, Mandatory: companyOrPerson, SuiteQL: SuiteQL{Table: "customer"}},
	"customerPayment": {Family: FamilyTransaction, TranIDPrefix: "PYMT", TranLabel: "Payment", CustomPrefix: "custbody",
		Mandatory: []Required{{Field: "customer", Label: "Customer"}},
		SuiteQL:   SuiteQL{Table: "transaction", Type: "CustPymt", LineTable: "transactionline", LineSign: 1}},
	"department": {RefName: nameRefName, Mandatory: named, CustomPrefix: otherRecord, SuiteQL: SuiteQL{Table: "department"}},
	"employee": {Family: FamilyEntity, RefName: entityRefName, CustomPrefix: "custentity",
		Mandatory: []Required{{Field: "firstName"}, {Field: "lastName"}, {Field: "subsidiary", Label: "Subsidiary"}},
		SuiteQL:   SuiteQL{Table: "employee"}},
	"inventoryItem": {Family: FamilyItem, RefName: itemRefName, CustomPrefix: "custitem", Mandatory: itemIDs,
		SuiteQL: SuiteQL{Table: "item", Type: "InvtPart"}},
	"invoice": {Family: FamilyTransaction, TranIDPrefix: "INV", TranLabel: "Invoice", CustomPrefix: "custbody",
		Calculated: totals, Totals: true, Mandatory: []Required{{Field: "entity", Label: "Customer"}},
		RequiredLines: "item", RequiredLine: Required{Field: "item", Label: "Item"},
		SuiteQL: SuiteQL{Table: "transaction", Type: "CustInvc", LineTable: "transactionline", LineSign: -1}},
	"itemFulfillment": {Family: FamilyTransaction, TranIDPrefix: "IF", TranLabel: "Item Fulfillment", CustomPrefix: "custbody",
		SuiteQL: SuiteQL{Table: "transaction", Type: "ItemShip", LineTable: "transactionline", LineSign: -1}},
	"location": {RefName: nameRefName, Mandatory: named, CustomPrefix: otherRecord, SuiteQL: SuiteQL{Table: "location"}},
	"nonInventorySaleItem": {Family: FamilyItem, RefName: itemRefName, CustomPrefix: "custitem", Mandatory: itemIDs,
		SuiteQL: SuiteQL{Table: "item", Type: "NonInvtPart"}},
	"purchaseOrder": {Family: FamilyTransaction, TranIDPrefix: "PO", TranLabel: "Purchase Order", CustomPrefix: "custbody",
		Calculated: totals, Totals: true, Mandatory: []Required{{Field: "entity", Label: "Vendor"}},
		SuiteQL: SuiteQL{Table: "transaction", Type: "PurchOrd", LineTable: "transactionline", LineSign: 1}},
	"salesOrder": {Family: FamilyTransaction, TranIDPrefix: "SO", TranLabel: "Sales Order", CustomPrefix: "custbody",
		Calculated: totals, Totals: true, Mandatory: []Required{{Field: "entity", Label: "Customer"}},
		RequiredLines: "item", RequiredLine: Required{Field: "item", Label: "Item"},
		SuiteQL: SuiteQL{Table: "transaction", Type: "SalesOrd", LineTable: "transactionline", LineSign: -1}},
	"serviceSaleItem": {Family: FamilyItem, RefName: itemRefName, CustomPrefix: "custitem", Mandatory: itemIDs,
		SuiteQL: SuiteQL{Table: "item", Type: "Service"}},
	"subsidiary": {RefName: nameRefName, Mandatory: named, CustomPrefix: otherRecord, SuiteQL: SuiteQL{Table: "subsidiary"}},
	"term":       {RefName: nameRefName, Mandatory: named, SuiteQL: SuiteQL{Table: "term"}},
	"vendor": {Family: FamilyEntity, RefName: entityRefName, CustomPrefix: "custentity",
		Calculated: []string{"balance", "balancePrimary", "unbilledOrders", "unbilledOrdersPrimary", "prepaymentBalance"},
		Mandatory:  companyOrPerson, SuiteQL: SuiteQL{Table: "vendor"}},
}

// targetFamilies are the ID families of record types that fields reference
// but the catalog has no schema for: the browser types the item of a sales
// line as kitItem, and a reference to one of these finds the record by its
// family.
var targetFamilies = map[string]Family{
	"cashSale": FamilyTransaction, "creditMemo": FamilyTransaction, "estimate": FamilyTransaction,
	"journalEntry": FamilyTransaction, "vendorBill": FamilyTransaction, "vendorPayment": FamilyTransaction,
	"itemReceipt": FamilyTransaction, "returnAuthorization": FamilyTransaction, "transferOrder": FamilyTransaction,
	"inventoryAdjustment":      FamilyTransaction,
	"partner":                  FamilyEntity,
	"nonInventoryPurchaseItem": FamilyItem, "servicePurchaseItem": FamilyItem, "assemblyItem": FamilyItem,
	"kitItem": FamilyItem, "otherChargeSaleItem": FamilyItem, "discountItem": FamilyItem,
}

// customRecordProfile is the profile of a custom record type (Assumption:
// custom records are named by name, which is mandatory, and number their own
// IDs; SuiteQL reads them from the table named by the script ID).
func customRecordProfile(scriptID string) *Profile {
	return &Profile{RefName: nameRefName, Mandatory: named, CustomPrefix: "custrecord",
		SuiteQL: SuiteQL{Table: scriptID}}
}

// Family returns the type's ID family: a shared one, or the type's own.
func (rt *RecordType) Family() Family {
	if rt.Profile.Family != "" {
		return rt.Profile.Family
	}
	return Family(rt.Name)
}

// FamilyOf returns the ID family of a record type name: the catalog's type's,
// that of a referenced type the catalog has no schema for (kitItem), or
// Family(name) when neither says.
func (c *Catalog) FamilyOf(name string) Family {
	if rt, ok := c.Type(name); ok {
		return rt.Family()
	}
	for t, f := range targetFamilies {
		if strings.EqualFold(t, name) {
			return f
		}
	}
	return Family(name)
}

// CustomTargets returns the record types of c that custom fields of prefix
// (custentity, custbody, custcol, custitem) apply to, sorted.
func (c *Catalog) CustomTargets(prefix string) []string {
	var out []string
	for _, name := range c.names {
		rt := c.types[strings.ToLower(name)]
		if rt.Custom {
			continue
		}
		switch {
		case prefix == LineCustomPrefix && rt.Profile.CustomPrefix == "custbody":
			if _, ok := rt.Sublist(lineSublist); ok {
				out = append(out, name)
			}
		case prefix != LineCustomPrefix && rt.Profile.CustomPrefix == prefix:
			out = append(out, name)
		}
	}
	return out
}

// finishProfile derives the profile's schema-dependent parts.
func (rt *RecordType) finishProfile() {
	p := *rt.Profile
	p.Created = rt.dateTimeField("dateCreated", "createdDate", "created")
	p.LastModified = rt.dateTimeField("lastModifiedDate", "lastModified")
	rt.Profile = &p
}

// dateTimeField returns the first of names that is a datetime body field.
func (rt *RecordType) dateTimeField(names ...string) string {
	for _, n := range names {
		if f, ok := rt.Field(n); ok && f.Kind == KindDateTime && f.Name == n {
			return n
		}
	}
	return ""
}
