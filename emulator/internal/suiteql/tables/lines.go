package tables

import (
	"strconv"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
	"github.com/nsconnect/nsconnect/emulator/internal/suiteql"
)

// The lines of a transaction are read with json_each over its item array
// with a JSON null appended: the null is the main line, so that every
// transaction has exactly one main line and the whole is one flattenable
// join (no UNION).
var (
	linesFrom = "records AS r JOIN json_each(json_insert(coalesce(" + field("r.body", "item") + ", '[]'), '$[#]', NULL)) AS l"
	isMain    = "l.type = 'null'"
	// lineID is the line's id and linesequencenumber: 0 for the main line,
	// the item line's position 1..n otherwise. One number serves both, so
	// that joins on either work (schema sources disagree on which one
	// transactionaccountingline and the link tables use).
	lineID = "iif(" + isMain + ", 0, l.key + 1)"
)

// header and line choose between a header expression on the main line and
// a line expression on item lines.
func header(main, item string) string { return "iif(" + isMain + ", " + main + ", " + item + ")" }

// lineAmount is an item line's amount, unsigned: its amount, else quantity
// times rate.
var lineAmount = "coalesce(" + field("l.value", "amount") + ", " + field("l.value", "quantity") + " * " + field("l.value", "rate") + ")"

// signs returns the CASE giving each transaction type's sign of item lines
// (Profile.SuiteQL.LineSign) or of the main line (mainSign).
func (b *builder) signs(main bool) string {
	return typeCase(b.transactionTypes(), func(rt *catalog.RecordType) string {
		if main {
			return strconv.Itoa(mainSign(rt))
		}
		s := rt.Profile.SuiteQL.LineSign
		if s == 0 {
			s = 1
		}
		return strconv.Itoa(s)
	}, "1")
}

// itemOf is an expression over the item an item line names, alias sq_it.
func itemOf(expr string) string {
	return "(SELECT " + expr + " FROM records AS sq_it WHERE sq_it.family = 'item' AND sq_it.id = " + ref("l.value", "item") + ")"
}

// transactionLine builds transactionline: one main line per transaction
// (id 0, mainline 'T', the header's values, the total) and one row per
// item line.
//
// Sources: fivetran/dbt_netsuite_source @8b666e7 macro
// get_netsuite2_transaction_lines_columns; futuri-pro/tap-suiteql @4887f58
// TransactionLineStream; lumapps/tap-netsuitesuiteql @8e54840 (uniquekey,
// linelastmodifieddate, linecreateddate); netsuitediagnostics.com's
// "suiteql-transactionline-mainline" (one main line per transaction).
// Signs: Airbyte source-netsuite constraints.py (`tl.netamount * -1`) and
// Oracle's workbook SQL (`transactionLine.quantity * -1`) on sales lines.
func (b *builder) transactionLine() {
	t := b.add(newTable("transactionline", linesFrom, "r.family = 'transaction'"))
	t.spec(transactionLineSpec)
	lineSign, mainSign := b.signs(false), b.signs(true)
	hdr := func(name string) string { return ref("r.body", name) }
	inherit := func(name string) string {
		// Assumption: an item line without its own class, department or
		// location has the header's, as NetSuite's forms default them.
		return header(hdr(name), "coalesce("+ref("l.value", name)+", "+hdr(name)+")")
	}
	amount := header("("+totalExpr+") * "+mainSign, lineAmount+" * "+lineSign)
	types := b.transactionTypes()
	itemTypes := typeCase(b.typesOf("item"), func(rt *catalog.RecordType) string { return quote(rt.Profile.SuiteQL.Type) }, "")
	cols := []*column{
		{name: "transaction", kind: suiteql.KindInteger, expr: "r.id", ref: "transaction"},
		{name: "id", kind: suiteql.KindInteger, expr: lineID, plain: true},
		{name: "linesequencenumber", kind: suiteql.KindInteger, expr: lineID, plain: true},
		// Assumption: uniquekey is the transaction's id * 1000 + the line's
		// id (unique while a transaction has fewer than 1000 lines).
		{name: "uniquekey", kind: suiteql.KindInteger, expr: "r.id * 1000 + " + lineID, plain: true},
		{name: "mainline", kind: suiteql.KindBool, expr: header("'T'", "'F'")},
		// Assumption: the emulator computes no tax: no tax lines.
		{name: "taxline", kind: suiteql.KindBool, expr: "'F'"},
		{name: "item", kind: suiteql.KindInteger, expr: header("NULL", ref("l.value", "item")), ref: "item"},
		{name: "itemtype", kind: suiteql.KindText, expr: header("NULL", itemOf(replaceAlias(itemTypes, "r", "sq_it")))},
		{name: "quantity", kind: suiteql.KindFloat, expr: header("NULL", field("l.value", "quantity")+" * "+lineSign)},
		{name: "rate", kind: suiteql.KindFloat, expr: header("NULL", field("l.value", "rate"))},
		{name: "rateamount", kind: suiteql.KindFloat, expr: header("NULL", field("l.value", "rate"))},
		{name: "amount", kind: suiteql.KindFloat, expr: amount},
		{name: "netamount", kind: suiteql.KindFloat, expr: amount},
		{name: "foreignamount", kind: suiteql.KindFloat, expr: amount},
		{name: "debitforeignamount", kind: suiteql.KindFloat, expr: "iif(" + amount + " > 0, " + amount + ", NULL)"},
		{name: "creditforeignamount", kind: suiteql.KindFloat, expr: "iif(" + amount + " < 0, -(" + amount + "), NULL)"},
		{name: "memo", kind: suiteql.KindText, expr: header(text("r.body", "memo"), text("l.value", "description"))},
		{name: "entity", kind: suiteql.KindInteger, ref: "entity",
			expr: "CAST(coalesce(" + field("r.body", "entity") + ", " + field("r.body", "customer") + ") AS INTEGER)"},
		{name: "subsidiary", kind: suiteql.KindInteger, expr: hdr("subsidiary"), ref: "subsidiary"},
		{name: "department", kind: suiteql.KindInteger, expr: inherit("department"), ref: "department"},
		{name: "location", kind: suiteql.KindInteger, expr: inherit("location"), ref: "location"},
		{name: "class", kind: suiteql.KindInteger, expr: inherit("class"), ref: "classification"},
		{name: "createdfrom", kind: suiteql.KindInteger, expr: header(hdr("createdFrom"), "NULL"), ref: "transaction"},
		{name: "account", kind: suiteql.KindInteger, expr: b.lineAccount(), ref: "account"},
		{name: "isclosed", kind: suiteql.KindBool, expr: header("'F'", flag("l.value", "isClosed"))},
		{name: "quantitycommitted", kind: suiteql.KindFloat, expr: header("NULL", field("l.value", "quantityCommitted"))},
		{name: "quantityshiprecv", kind: suiteql.KindFloat,
			expr: header("NULL", "coalesce("+field("l.value", "quantityFulfilled")+", "+field("l.value", "quantityReceived")+")")},
		{name: "quantitybilled", kind: suiteql.KindFloat, expr: header("NULL", field("l.value", "quantityBilled"))},
		{name: "linelastmodifieddate", kind: suiteql.KindDateTime, expr: b.dateTime("r.last_modified")},
		{name: "linecreateddate", kind: suiteql.KindDateTime, expr: b.dateTime("r.date_created")},
	}
	for _, c := range cols {
		t.set(c)
	}
	if c := t.byName["itemtype"]; c != nil {
		labels := map[string]string{}
		for _, rt := range b.typesOf("item") {
			if f, ok := rt.Field("itemType"); ok {
				for k, v := range enumLabels(f) {
					labels[k] = v
				}
			}
		}
		c.display = labelDisplay(labels)
	}
	// custcol_ fields, NULL (or 'F') on the main line.
	for _, rt := range types {
		s, ok := rt.Sublist("item")
		if !ok {
			continue
		}
		for _, f := range s.Fields {
			if !f.Custom {
				continue
			}
			c := b.bodyColumn("l.value", f.Name, f)
			if c == nil {
				continue
			}
			none := "NULL"
			if c.kind == suiteql.KindBool {
				none = "'F'"
			}
			c.expr = header(none, c.expr)
			t.add(c)
		}
	}
}

// replaceAlias rewrites "r." in a typeCase expression to alias a.
func replaceAlias(expr, from, to string) string {
	if len(expr) > len("CASE "+from+".type") && expr[:len("CASE "+from+".type")] == "CASE "+from+".type" {
		return "CASE " + to + ".type" + expr[len("CASE "+from+".type"):]
	}
	return expr
}

// Accounts the GL rules read.
var (
	// headerAccount is the account a transaction names on its header
	// (an invoice's receivables account, a payment's deposit account).
	headerAccount = ref("r.body", "account")
	// arAccount is the first accounts receivable account, for a
	// transaction that names none.
	arAccount = "(SELECT sq_a.id FROM records AS sq_a WHERE sq_a.type = 'account' AND " +
		field("sq_a.body", "acctType") + " = 'AcctRec' ORDER BY sq_a.id LIMIT 1)"
	// depositAccount is a payment's deposit account when it names none:
	// the first Undeposited Funds account, else the first bank account.
	depositAccount = "(SELECT sq_a.id FROM records AS sq_a WHERE sq_a.type = 'account' AND " +
		field("sq_a.body", "acctType") + " IN ('Bank', 'OthCurrAsset') ORDER BY " +
		field("sq_a.body", "acctName") + " = 'Undeposited Funds' DESC, " + field("sq_a.body", "acctType") + " = 'Bank' DESC, sq_a.id LIMIT 1)"
	// incomeAccount is the income account of an item line's item.
	incomeAccount = itemOf("CAST(" + field("sq_it.body", "incomeAccount") + " AS INTEGER)")
)

// lineAccount is transactionline.account: the account of the line's GL
// impact (see accountingLine), NULL on lines without one.
func (b *builder) lineAccount() string {
	return "CASE r.type WHEN 'invoice' THEN " + header("coalesce("+headerAccount+", "+arAccount+")", incomeAccount) +
		" WHEN 'customerPayment' THEN " + header("coalesce("+headerAccount+", "+depositAccount+")", "NULL") + " END"
}

// accountingLine builds transactionaccountingline: the GL impact of the
// transactions, in accounting book 1, by simple rules.
//
// Sources for the table's shape: fivetran/dbt_netsuite_source @8b666e7
// get_transactionaccountingline_columns and seed (key transaction,
// transactionline, accountingbook; income stored negative, so amount =
// debit - credit); futuri-pro/tap-suiteql @4887f58 streams.py.
//
// Assumption, the rules: an invoice debits its receivables account (its
// account, else the first AcctRec account) on the main line for its total
// and credits each item line's item's income account for the line's
// amount; a customer payment debits its account (else Undeposited Funds,
// else the first bank account) on the main line and credits the
// receivables account (its arAcct, else the first AcctRec account) on line
// 1; orders do not post; fulfilments and other types have no GL rows (the
// emulator keeps no costs). An account the emulator does not have is NULL.
func (b *builder) accountingLine() {
	// A payment's rows are its main line and one receivables line, an
	// object standing for line 1.
	from := "records AS r JOIN json_each(CASE r.type WHEN 'customerPayment' THEN '[{}, null]' ELSE json_insert(coalesce(" +
		field("r.body", "item") + ", '[]'), '$[#]', NULL) END) AS l"
	t := b.add(newTable("transactionaccountingline", from, "r.family = 'transaction' AND r.type IN ('invoice', 'customerPayment')"))
	t.spec(accountingLineSpec)
	amount := "CASE r.type WHEN 'invoice' THEN " + header(totalExpr, "-("+lineAmount+")") +
		" WHEN 'customerPayment' THEN " + header(totalExpr, "-("+totalExpr+")") + " END"
	account := "CASE r.type WHEN 'invoice' THEN " + header("coalesce("+headerAccount+", "+arAccount+")", incomeAccount) +
		" WHEN 'customerPayment' THEN " + header("coalesce("+headerAccount+", "+depositAccount+")", "coalesce("+ref("r.body", "arAcct")+", "+arAccount+")") + " END"
	for _, c := range []*column{
		{name: "transaction", kind: suiteql.KindInteger, expr: "r.id", ref: "transaction"},
		{name: "transactionline", kind: suiteql.KindInteger, expr: lineID, plain: true},
		{name: "accountingbook", kind: suiteql.KindInteger, expr: "1", ref: "accountingbook"},
		{name: "account", kind: suiteql.KindInteger, expr: account, ref: "account"},
		{name: "amount", kind: suiteql.KindFloat, expr: amount},
		{name: "netamount", kind: suiteql.KindFloat, expr: amount},
		{name: "debit", kind: suiteql.KindFloat, expr: "iif(" + amount + " > 0, " + amount + ", NULL)"},
		{name: "credit", kind: suiteql.KindFloat, expr: "iif(" + amount + " < 0, -(" + amount + "), NULL)"},
		{name: "posting", kind: suiteql.KindBool, expr: "'T'"},
		{name: "exchangerate", kind: suiteql.KindFloat, expr: "coalesce(" + field("r.body", "exchangeRate") + ", 1.0)"},
		{name: "processedbyrevcommit", kind: suiteql.KindBool, expr: "'F'"},
		{name: "lastmodifieddate", kind: suiteql.KindDateTime, expr: b.dateTime("r.last_modified")},
	} {
		t.set(c)
	}
}
