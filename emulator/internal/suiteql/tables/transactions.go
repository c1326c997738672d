package tables

import (
	"strconv"

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
// orders).
var statusExpr = "coalesce(" + text("r.body", "status") + ", " + text("r.body", "orderStatus") + ")"

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
	t.set(&column{name: "status", kind: suiteql.KindText, expr: statusExpr,
		display: labelDisplay(b.statusLabels()), compound: nil})
	t.set(&column{name: "entity", kind: suiteql.KindInteger, ref: "entity",
		expr: "CAST(coalesce(" + field("r.body", "entity") + ", " + field("r.body", "customer") + ") AS INTEGER)"})
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

// statusLabels are the labels of the status letters for DF.
//
// Assumption: DF of status is computed from the letter alone (the
// suiteql.Column contract passes DF the value only, not the row's type):
// a letter shows the sales order's label, else the first type's that has
// one.
func (b *builder) statusLabels() map[string]string {
	labels := map[string]string{}
	order := b.transactionTypes()
	for i, rt := range order {
		if rt.Name == "salesOrder" {
			order[0], order[i] = order[i], order[0]
		}
	}
	for _, rt := range order {
		if f, ok := statusField(rt); ok {
			for k, v := range enumLabels(f) {
				if _, seen := labels[k]; !seen {
					labels[k] = v
				}
			}
		}
	}
	return labels
}
