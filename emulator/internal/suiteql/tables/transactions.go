package tables

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
	"github.com/nsconnect/nsconnect/emulator/internal/suiteql"
)

// transactionTypes are the standard record types of the transaction table.
func (b *builder) transactionTypes() []*catalog.RecordType { return b.typesOf("transaction") }

// typeLabels are the display names of the transaction type codes: the
// labels of the catalog's transaction type enum (NetSuite's SOAP
// TransactionType), else the types' TranLabel.
func (b *builder) typeLabels() map[string]string {
	labels := map[string]string{}
	for _, rt := range b.transactionTypes() {
		if f, ok := rt.Field("type"); ok && f.Kind == catalog.KindEnum {
			for k, v := range enumLabels(f) {
				labels[k] = v
			}
		}
	}
	for _, rt := range b.transactionTypes() {
		if _, ok := labels[rt.Profile.SuiteQL.Type]; !ok && rt.Profile.TranLabel != "" {
			labels[rt.Profile.SuiteQL.Type] = rt.Profile.TranLabel
		}
	}
	return labels
}

// statusField returns a transaction type's status enum field: status, else
// orderStatus.
func statusField(rt *catalog.RecordType) (*catalog.Field, bool) {
	for _, n := range []string{"status", "orderStatus"} {
		if f, ok := rt.Field(n); ok && f.Kind == catalog.KindEnum {
			return f, true
		}
	}
	return nil, false
}

// statusExpr is a transaction's status letter: the body's status, else its
// orderStatus (the field the record API stores for sales and purchase
// orders), else the status a new transaction of its type has.
func statusExpr(types []*catalog.RecordType) string {
	return "coalesce(" + text("r.body", "status") + ", " + text("r.body", "orderStatus") + ", " +
		typeCase(types, func(rt *catalog.RecordType) string { return quote(initialStatus[rt.Profile.SuiteQL.Type]) }, "NULL") + ")"
}

// initialStatus is the status of a transaction the emulator keeps none for:
// every invoice is Open (A) or Paid In Full (B), and the emulator applies no
// payments (schema sources S9).
//
// Assumption: an invoice is Open, a purchase order Pending Receipt (B), a
// customer payment Not Deposited (B), an item fulfilment Shipped (C), a
// sales order Pending Fulfillment (B).
var initialStatus = map[string]string{"CustInvc": "A", "PurchOrd": "B", "CustPymt": "B", "ItemShip": "C", "SalesOrd": "B"}

// mainSign is the sign of a transaction type's main line amount (and
// foreigntotal): the opposite of its item lines' (Profile.SuiteQL.LineSign),
// so that a sales order's main line is positive and a purchase order's
// negative, as Tim Dietrich's queries sum SalesOrd foreigntotal as is and
// PurchOrd's times -1 (schema sources S5).
//
// Assumption: a type without item lines (a customer payment) has a positive
// main line.
func mainSign(rt *catalog.RecordType) int {
	if _, ok := rt.Sublist("item"); !ok || rt.Profile.SuiteQL.LineSign == 0 {
		return 1
	}
	return -rt.Profile.SuiteQL.LineSign
}

// posting reports whether a transaction type posts to the general ledger.
//
// Assumption: orders (sales, purchase) do not post; invoices, payments and
// fulfilments (cost of goods sold) do.
func posting(rt *catalog.RecordType) bool {
	switch rt.Profile.SuiteQL.Type {
	case "SalesOrd", "PurchOrd", "Estimate", "Opprtnty", "RtnAuth", "TrnfrOrd", "WorkOrd":
		return false
	}
	return true
}

// totalExpr is a transaction's total in its currency, unsigned: the body's
// total, else a payment's amount.
var totalExpr = "coalesce(" + field("r.body", "total") + ", " + field("r.body", "payment") + ")"

// transaction builds the transaction table: every type of the transaction
// family, one row per record.
//
// Sources: fivetran/dbt_netsuite_source @8b666e7 macros
// get_netsuite2_transactions_columns and the netsuite2_transactions seed;
// futuri-pro/tap-suiteql @4887f58 streams.py TransactionStream;
// lumapps/tap-netsuitesuiteql @8e54840 streams.py (createddatetime,
// recordtype).
func (b *builder) transaction() {
	types := b.transactionTypes()
	t := b.add(newTable("transaction", "records AS r", "r.family = 'transaction'"))
	t.spec(transactionSpec)
	b.system(t, "createddate", "lastmodifieddate")
	t.set(&column{name: "createddatetime", kind: suiteql.KindDateTime, expr: b.dateTime("r.date_created")})
	code := typeCase(types, func(rt *catalog.RecordType) string { return quote(rt.Profile.SuiteQL.Type) }, "")
	t.set(&column{name: "type", kind: suiteql.KindText, expr: code, display: labelDisplay(b.typeLabels())})
	t.set(&column{name: "recordtype", kind: suiteql.KindText, expr: "lower(r.type)"})
	// Assumption: abbrevtype is the type code.
	t.set(&column{name: "abbrevtype", kind: suiteql.KindText, expr: code})
	t.set(&column{name: "status", kind: suiteql.KindText, expr: statusExpr(types),
		rowDisplay: b.statusDisplay(), rowCompound: statusCompound})
	t.set(&column{name: "entity", kind: suiteql.KindInteger, ref: "entity",
		expr: "CAST(coalesce(" + field("r.body", "entity") + ", " + field("r.body", "customer") + ") AS INTEGER)"})
	// Assumption: a transaction's email is its own, else its entity's, as
	// NetSuite sources the email field of a sales transaction from the
	// customer when the transaction is entered.
	t.set(&column{name: "email", kind: suiteql.KindText,
		expr: "coalesce(" + text("r.body", "email") + ", (SELECT " + text("e.body", "email") + " FROM records AS e WHERE e.family = 'entity' AND e.id = " + t.byName["entity"].expr + "))"})
	t.set(&column{name: "foreigntotal", kind: suiteql.KindFloat,
		expr: "(" + totalExpr + ") * " + typeCase(types, func(rt *catalog.RecordType) string { return strconv.Itoa(mainSign(rt)) }, "1")})
	t.set(&column{name: "posting", kind: suiteql.KindBool,
		expr: typeCase(types, func(rt *catalog.RecordType) string {
			if posting(rt) {
				return "'T'"
			}
			return ""
		}, "'F'")})
	// Assumption: the posting period of a posting transaction is the month
	// of its date, unless the body names one; non-posting transactions have
	// none.
	t.set(&column{name: "postingperiod", kind: suiteql.KindInteger, ref: "accountingperiod",
		expr: "iif(" + t.byName["posting"].expr + " = 'T', coalesce(" + ref("r.body", "postingPeriod") + ", " + periodOf(field("r.body", "tranDate")) + "), NULL)"})
	t.set(&column{name: "trandisplayname", kind: suiteql.KindText, expr: b.nameExpr("transaction", "r")})
	t.set(&column{name: "void", kind: suiteql.KindBool, expr: "'F'"})
	t.set(&column{name: "voided", kind: suiteql.KindBool, expr: "'F'"})
	b.bodyColumns(t, types)
}

// statusDisplay is BUILTIN.DF(status): the label of the letter for the
// row's transaction type (a sales order's B is "Pending Fulfillment", an
// invoice's A "Open"), from the labels of each type's status enum.
func (b *builder) statusDisplay() suiteql.Renderer {
	byType := map[string]map[string]string{}
	for _, rt := range b.transactionTypes() {
		if f, ok := statusField(rt); ok {
			byType[rt.Profile.SuiteQL.Type] = enumLabels(f)
		}
	}
	return func(v string, row func(string) string) string {
		letter := "CAST(" + v + " AS TEXT)"
		var sb strings.Builder
		sb.WriteString("CASE " + row("type"))
		for _, code := range slices.Sorted(maps.Keys(byType)) {
			sb.WriteString(" WHEN " + quote(code) + " THEN " + caseOf(letter, byType[code], letter))
		}
		sb.WriteString(" ELSE " + letter + " END")
		return sb.String()
	}
}

// statusCompound is BUILTIN.CF(status): the type code and the letter,
// "SalesOrd:B" (Tim Dietrich's queries compare BUILTIN.CF(status) with
// 'ItemShip:C'; Oracle's workbook SQL compares status with 'SALESORD:B').
func statusCompound(v string, row func(string) string) string {
	return "(" + row("type") + " || ':' || " + v + ")"
}
