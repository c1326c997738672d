package tables_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nsconnect/nsconnect/emulator/internal/suiteql"
	"github.com/nsconnect/nsconnect/emulator/internal/suiteql/oracle"
)

// days is the date d (YYYY-MM-DD) as days, as sq_date gives it.
func days(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		panic(err)
	}
	return fmtFloat(oracle.Days(t, time.UTC))
}

// fmtFloat is how query shows a REAL.
func fmtFloat(f float64) string { return fmtAny(f) }

func TestTransactionValues(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := seedDemo(e)
	got := e.query("transaction",
		[]string{"id", "type", "DF(type)", "recordtype", "status", "DF(status)", "CF(status)", "entity", "DF(entity)", "tranid",
			"trandate", "foreigntotal", "posting", "DF(postingperiod)", "custbody_rush", "DF(custbody_rush)", "custbody_due", "memo", "externalid"},
		`"id" IN (?, ?, ?, ?) ORDER BY "id"`, r.order, r.invoice, r.payment, r.po)
	want := [][]string{
		{r.order, "SalesOrd", "Sales Order", "salesorder", "B", "Pending Fulfillment", "SalesOrd:B", r.customer, "Meadowbrook Garden Center", "SO1001",
			days("2026-03-05"), "1050.5", "F", "<nil>", "T", "Yes", days("2026-04-01"), "First order", "<nil>"},
		{r.invoice, "CustInvc", "Invoice", "invoice", "A", "Open", "CustInvc:A", r.customer, "Meadowbrook Garden Center", "INV1001",
			days("2026-03-10"), "200", "T", "Mar 2026", "F", "No", "<nil>", "<nil>", "<nil>"},
		{r.payment, "CustPymt", "Customer Payment", "customerpayment", "B", "Not Deposited", "CustPymt:B", r.customer, "Meadowbrook Garden Center", "PYMT1001",
			days("2026-03-12"), "200", "T", "Mar 2026", "F", "No", "<nil>", "<nil>", "<nil>"},
		{r.po, "PurchOrd", "Purchase Order", "purchaseorder", "B", "Pending Receipt", "PurchOrd:B", r.vendor, "Hive Supply Co", "PO1001",
			days("2026-03-01"), "-300", "F", "<nil>", "F", "No", "<nil>", "<nil>", "<nil>"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("transactions (-want +got):\n%s", diff)
	}
	// A record's dates are days of the account's wall clock: 17:30 UTC is
	// 10:30 in Los Angeles.
	created := e.query("transaction", []string{"createddate", "lastmodifieddate"}, `"id" = ?`, r.order)
	wall := fmtFloat(oracle.Days(e.now, mustLoc(t)))
	if diff := cmp.Diff([][]string{{wall, wall}}, created); diff != "" {
		t.Errorf("dates (-want +got):\n%s", diff)
	}
	// The kinds the columns declare.
	tb := e.table("transaction")
	for col, kind := range map[string]suiteql.Kind{"id": suiteql.KindInteger, "entity": suiteql.KindInteger, "trandate": suiteql.KindDate,
		"createddate": suiteql.KindDateTime, "posting": suiteql.KindBool, "foreigntotal": suiteql.KindFloat, "tranid": suiteql.KindText,
		"custbody_rush": suiteql.KindBool, "custbody_due": suiteql.KindDate} {
		if c, _ := tb.Column(col); c == nil || c.Kind != kind {
			t.Errorf("transaction.%s: kind %v, want %v", col, c, kind)
		}
	}
	// REST-only fields are not columns.
	for _, col := range []string{"total", "subtotal", "balance"} {
		if _, ok := tb.Column(col); ok {
			t.Errorf("transaction has a column %s", col)
		}
	}
}

func mustLoc(t *testing.T) *time.Location {
	l, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// A sales order has its main line (id 0, positive total, header values)
// and its item lines, signed negative.
func TestSalesOrderLines(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := seedDemo(e)
	got := e.query("transactionline",
		[]string{"id", "linesequencenumber", "uniquekey", "mainline", "taxline", "item", "DF(item)", "itemtype", "quantity", "rate",
			"netamount", "foreignamount", "memo", "DF(department)", "DF(class)", "entity", "custcol_note", "custcol_gift"},
		`"transaction" = ? ORDER BY "id"`, r.order)
	k := func(n string) string { return fmtAny(atoi(r.order)*1000 + atoi(n)) }
	want := [][]string{
		{"0", "0", k("0"), "T", "F", "<nil>", "<nil>", "<nil>", "<nil>", "<nil>", "1050.5", "1050.5", "First order", "Sales", "<nil>", r.customer, "<nil>", "F"},
		{"1", "1", k("1"), "F", "F", r.item, "HIVE-10F", "InvtPart", "-10", "100", "-1000", "-1000", "<nil>", "Sales", "Retail", r.customer, "top", "T"},
		{"2", "2", k("2"), "F", "F", r.service, "INSTALL", "Service", "-1", "50.5", "-50.5", "-50.5", "Install", "Sales", "<nil>", r.customer, "<nil>", "F"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	// A purchase order's lines are positive, its main line negative.
	po := e.query("transactionline", []string{"id", "quantity", "netamount"}, `"transaction" = ? ORDER BY "id"`, r.po)
	if diff := cmp.Diff([][]string{{"0", "<nil>", "-300"}, {"1", "5", "300"}}, po); diff != "" {
		t.Errorf("purchase order lines (-want +got):\n%s", diff)
	}
	// Every transaction has exactly one main line.
	mains := e.rows(`SELECT count(*), count(DISTINCT "transaction") FROM (` + e.table("transactionline").Source([]string{"transaction", "mainline"}) + `) WHERE "mainline" = 'T'`)
	if diff := cmp.Diff([][]string{{"4", "4"}}, mains); diff != "" {
		t.Errorf("main lines (-want +got):\n%s", diff)
	}
}

// An invoice debits receivables and credits income; a payment debits the
// bank and credits receivables; orders do not post.
func TestAccountingLines(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := seedDemo(e)
	got := e.query("transactionaccountingline", []string{"transaction", "transactionline", "accountingbook", "account", "DF(account)", "debit", "credit", "amount", "posting"},
		`1 ORDER BY "transaction", "transactionline"`)
	want := [][]string{
		{r.invoice, "0", "1", r.ar, "1100 Accounts Receivable", "200", "<nil>", "200", "T"},
		{r.invoice, "1", "1", r.income, "4000 Sales", "<nil>", "200", "-200", "T"},
		{r.payment, "0", "1", r.bank, "1000 Checking", "200", "<nil>", "200", "T"},
		{r.payment, "1", "1", r.ar, "1100 Accounts Receivable", "<nil>", "200", "-200", "T"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("GL lines (-want +got):\n%s", diff)
	}
}

func TestEntityAndSubtypes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := seedDemo(e)
	got := e.query("entity", []string{"id", "type", "DF(type)", "entityid", "customer", "vendor", "employee", "contact", "isperson", "custentity_tier", "DF(custentity_region)"},
		`1 ORDER BY "id"`)
	want := [][]string{
		{r.rep, "Employee", "Employee", "Ada Lovelace", "<nil>", "<nil>", r.rep, "<nil>", "T", "<nil>", "<nil>"},
		{r.customer, "CustJob", "Customer", "Meadowbrook Garden Center", r.customer, "<nil>", "<nil>", "<nil>", "F", "Gold", "West"},
		{r.vendor, "Vendor", "Vendor", "Hive Supply Co", "<nil>", r.vendor, "<nil>", "<nil>", "F", "<nil>", "<nil>"},
		{r.contact, "Contact", "Contact", "Grace Hopper", "<nil>", "<nil>", "<nil>", r.contact, "T", "<nil>", "<nil>"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("entities (-want +got):\n%s", diff)
	}
	cust := e.query("customer", []string{"id", "companyname", "DF(salesrep)", "DF(terms)", "creditlimit", "subsidiary", "externalid",
		"isinactive", "balancesearch", "defaultbillingaddress", "custentity_tier"}, "")
	wantCust := [][]string{{r.customer, "Meadowbrook Garden Center", "Ada Lovelace", "Net 30", "25000", r.sub, "CUST-1", "F", "0", fmtAny(atoi(r.customer)*1000 + 1), "Gold"}}
	if diff := cmp.Diff(wantCust, cust); diff != "" {
		t.Errorf("customer (-want +got):\n%s", diff)
	}
	if _, ok := e.table("customer").Column("balance"); ok {
		t.Error("customer has a column balance, which SuiteQL does not know")
	}
	addr := e.query("entityaddress", []string{"nkey", "addr1", "city", "country", "recordowner"}, "")
	if diff := cmp.Diff([][]string{{fmtAny(atoi(r.customer)*1000 + 1), "1 Main St", "Portland", "US", r.customer}}, addr); diff != "" {
		t.Errorf("entityaddress (-want +got):\n%s", diff)
	}
}

func TestItemAccountAndCustomRecord(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := seedDemo(e)
	items := e.query("item", []string{"id", "itemid", "itemtype", "DF(itemtype)", "subsidiary", "DF(subsidiary)", "custitem_hazmat", "DF(incomeaccount)", "cost"}, `1 ORDER BY "id"`)
	want := [][]string{
		{r.item, "HIVE-10F", "InvtPart", "Inventory Item", r.sub, "Honeycomb Holdings", "T", "4000 Sales", "95.75"},
		{r.service, "INSTALL", "Service", "Service", "<nil>", "<nil>", "F", "4000 Sales", "<nil>"},
	}
	if diff := cmp.Diff(want, items); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	accts := e.query("account", []string{"id", "acctnumber", "accttype", "DF(accttype)", "fullname"}, `"id" = ?`, r.ar)
	if diff := cmp.Diff([][]string{{r.ar, "1100", "AcctRec", "Accounts Receivable", "1100 Accounts Receivable"}}, accts); diff != "" {
		t.Errorf("account (-want +got):\n%s", diff)
	}
	recs := e.query("customrecord_region", []string{"id", "name", "recordid", "isinactive", "custrecord_code", "custrecord_rate"}, "")
	if diff := cmp.Diff([][]string{{r.region, "West", r.region, "F", "W", "1.5"}}, recs); diff != "" {
		t.Errorf("custom record (-want +got):\n%s", diff)
	}
	types := e.query("customrecordtype", []string{"internalid", "scriptid", "name"}, "")
	if diff := cmp.Diff([][]string{{"1", "customrecord_region", "Region"}}, types); diff != "" {
		t.Errorf("customrecordtype (-want +got):\n%s", diff)
	}
	list := e.query("customlist_size", []string{"id", "name"}, "")
	if diff := cmp.Diff([][]string{{"1", "Small"}, {"2", "Large"}}, list); diff != "" {
		t.Errorf("customlist_size (-want +got):\n%s", diff)
	}
}

// systemnote follows creates, updates and deletes; deletedrecord follows
// deletes.
func TestSystemNotesAndDeletedRecords(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := seedDemo(e)
	before := oracle.Days(e.now, mustLoc(t))
	e.now = e.now.Add(time.Hour)
	e.serve("PATCH", "customer/"+r.customer, `{"companyName": "Meadowbrook Gardens", "custentity_tier": "Silver", "isInactive": true}`)
	e.serve("DELETE", "contact/"+r.contact, "")
	later := fmtFloat(oracle.Days(e.now, mustLoc(t)))
	notes := e.query("systemnote", []string{"recordid", "recordtype", "type", "field", "oldvalue", "newvalue", "date"},
		`"date" > ? ORDER BY "id"`, before)
	want := [][]string{
		{r.customer, "customer", "Change", "companyName", "Meadowbrook Garden Center", "Meadowbrook Gardens", later},
		{r.customer, "customer", "Change", "custentity_tier", "Gold", "Silver", later},
		{r.customer, "customer", "Change", "isInactive", "<nil>", "T", later},
		{r.contact, "contact", "Delete", "<nil>", "<nil>", "<nil>", later},
	}
	if diff := cmp.Diff(want, notes); diff != "" {
		t.Errorf("system notes (-want +got):\n%s", diff)
	}
	creates := e.query("systemnote", []string{"recordid", "type"}, `"recordtype" = 'salesorder'`)
	if diff := cmp.Diff([][]string{{r.order, "Create"}}, creates); diff != "" {
		t.Errorf("create note (-want +got):\n%s", diff)
	}
	del := e.query("deletedrecord", []string{"recordid", "type", "deleteddate", "iscustomrecord", "DF(context)"}, "")
	if diff := cmp.Diff([][]string{{r.contact, "contact", later, "F", "REST Web Services"}}, del); diff != "" {
		t.Errorf("deleted records (-want +got):\n%s", diff)
	}
	// The deleted contact is gone from entity and contact.
	if got := e.query("entity", []string{"id"}, `"id" = ?`, r.contact); len(got) != 0 {
		t.Errorf("entity still has the deleted contact: %v", got)
	}
}

// Which tables have rows after seeding an account with one record of each
// kind and deleting its contact, and which are always empty: the list
// FIDELITY.md gives.
func TestTablesWithRows(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	seedDemo(e)
	e.serve("DELETE", "contact/4", "")
	var full, empty []string
	for _, name := range e.schema.Tables() {
		n := e.rows("SELECT count(*) FROM (" + e.table(name).Source(nil) + ")")
		if n[0][0] == "0" {
			empty = append(empty, name)
		} else {
			full = append(full, name)
		}
	}
	wantFull := []string{"account", "accountingbook", "accountingperiod", "accountsubsidiarymap", "accounttype", "classification",
		"currency", "customer", "customersubsidiaryrelationship", "customfield", "customlist", "customlist_size",
		"customrecord_region", "customrecordtype", "deletedrecord", "department", "employee", "entity", "entityaddress", "item",
		"location", "subsidiary", "systemnote", "term", "transaction", "transactionaccountingline", "transactionline",
		"transactionname", "transactionstatus", "vendor"}
	if diff := cmp.Diff(wantFull, full); diff != "" {
		t.Errorf("tables with rows (-want +got):\n%s", diff)
	}
	t.Logf("tables with rows: %v", full)
	t.Logf("tables without rows: %v", empty)
}
