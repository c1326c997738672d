package tables

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/nsconnect/nsconnect/emulator/internal/suiteql"
)

// valuesTable returns a table whose rows are rows (SQLite literals, one per
// column of spec, in order); no rows gives a table without rows.
func valuesTable(name, spec string, rows [][]string) *table {
	cols := parseSpec(spec)
	var t *table
	if len(rows) == 0 {
		t = newTable(name, "(SELECT 1) AS v", "0")
	} else {
		var sb strings.Builder
		sb.WriteString("(VALUES ")
		for i, row := range rows {
			if len(row) != len(cols) {
				panic(fmt.Sprintf("tables: %s: a row of %d values for %d columns", name, len(row), len(cols)))
			}
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString("(" + strings.Join(row, ", ") + ")")
		}
		sb.WriteString(") AS v")
		t = newTable(name, sb.String(), "")
	}
	for i, c := range cols {
		if len(rows) > 0 {
			c.expr = "v.column" + strconv.Itoa(i+1)
		}
		t.add(c)
	}
	return t
}

// emptyTables are the tables the corpus of real queries reads whose data
// the emulator does not keep: present with their columns, no rows. Each
// list is the union of the schema sources' (see specs.go) and of the
// columns the corpus reads.
var emptyTables = map[string]string{
	// S1, S6, S11.
	"currencyrate": `id:i basecurrency:i>currency transactioncurrency:i>currency exchangerate:f effectivedate:d lastmodifieddate:t`,
	"consolidatedexchangerate": `id:i postingperiod:i>accountingperiod fromsubsidiary:i>subsidiary tosubsidiary:i>subsidiary
		fromcurrency:i>currency tocurrency:i>currency accountingbook:i averagerate:f currentrate:f historicalrate:f
		isderived:b isperiodclosed:b periodstartdate:d externalid:s`,
	// S5.
	"country":                  `id:s name:s edition:s nationality:s`,
	"state":                    `id:i shortname:s fullname:s country:s`,
	"customsegment":            `internalid:i scriptid:s name:s recordtype:i glimpact:b isinactive:b balancing:b displayorder:i internal:b`,
	"employeeearning":          `employee:i>employee paytype:i payrate:f`,
	"employeeemergencycontact": `employee:i>employee contact:s relationship:s address:s phone:s`,
	"employeerolesforsearch":   `entity:i>entity role:i`,
	"file": `id:i name:s folder:i filesize:f description:s isinactive:b isonline:b addtimestamptourl:b hideinbundle:b
		bundleable:b islink:b url:s filetype:s lastmodifieddate:t createddate:t`,
	"mediaitemfolder": `id:i name:s parent:i istoplevel:b appfolder:s isinactive:b isprivate:b bundleable:b description:s`,
	"inventorynumber": `id:i item:i>item inventorynumber:s quantityonhand:f quantityavailable:f expirationdate:d location:i>location`,
	"itembinquantity": `item:i>item bin:i onhand:f available:f preferredbin:b location:i>location`,
	"locationmainaddress": `nkey:i addr1:s addr2:s addr3:s addressee:s attention:s addrphone:s addrtext:s city:s state:s
		dropdownstate:s zip:s country:s override:b recordowner:i lastmodifieddate:t`,
	"loginaudit":          `id:i user:i>employee role:i date:t status:s ipaddress:s requesturi:s useragent:s`,
	"nexttransactionlink": `previousdoc:i>transaction nextdoc:i>transaction linktype:s previoustype:s nexttype:s linkeddate:d`,
	"nexttransactionlinelink": `previousdoc:i>transaction previousline:i previoustype:s nextdoc:i>transaction nextline:i
		nexttype:s linktype:s foreignamount:f lastmodifieddate:t`,
	"previoustransactionlinelink": `previousdoc:i>transaction previousline:i previoustype:s nextdoc:i>transaction nextline:i
		nexttype:s linktype:s foreignamount:f lastmodifieddate:t`,
	"pricing":                   `internalid:i item:i>item pricelevel:i quantity:f saleunit:i unitprice:f`,
	"revenueelement":            `id:i recordnumber:s source:s item:i>item quantity:f salesamount:f allocationamount:f elementdate:d revenueplan:i`,
	"revenueplan":               `id:i recordnumber:s revenueplantype:s createdfrom:i amount:f totalrecognized:f revrecstartdate:d revrecenddate:d creationtriggeredbydisplay:s item:i>item`,
	"revenueplanplannedrevenue": `id:i revenueplan:i plannedperiod:i>accountingperiod postingperiod:i>accountingperiod dateexecuted:d amount:f isrecognized:b journal:i>transaction`,
	"monthlyrecurringrevenue": `id:i subscriptionline:i yearmonth:s status:s recurringrevenue:f newchurnrevenue:f otherrevenue:f
		renewedrevenue:f scheduledupdownsellrevenue:f updownsellrevenue:f upforrenewalrevenue:f`,
	"role":                      `id:i name:s scriptid:s isinactive:b centertype:s`,
	"rolepermissions":           `role:i name:s permkey:s permlevel:i`,
	"salesordered":              `transaction:i>transaction tranline:i item:i>item trandate:d amount:f itemcount:f entity:i>entity`,
	"salesinvoiced":             `transaction:i>transaction tranline:i item:i>item trandate:d amount:f itemcount:f entity:i>entity`,
	"script":                    `id:i scriptid:s name:s scripttype:s isinactive:b owner:i>employee scriptfile:i`,
	"scriptdeployment":          `primarykey:i scriptid:s script:i title:s isdeployed:b status:s recordtype:s`,
	"scriptexecutioncontextmap": `scriptrecord:i executioncontext:s`,
	"supportcase": `id:i casenumber:s title:s company:i>entity contact:i>contact status:i priority:i origin:i category:i
		assigned:i>employee issue:i startdate:d enddate:d timeelapsed:f timeopen:f timetoassign:f timetoclose:f
		lastmodifieddate:t createddate:t`,
	"transactionbillingaddress":  `nkey:i addr1:s addr2:s addr3:s addressee:s attention:s addrphone:s addrtext:s city:s state:s dropdownstate:s zip:s country:s override:b recordowner:i lastmodifieddate:t`,
	"transactionshippingaddress": `nkey:i addr1:s addr2:s addr3:s addressee:s attention:s addrphone:s addrtext:s city:s state:s dropdownstate:s zip:s country:s override:b recordowner:i lastmodifieddate:t`,
	"transactionhistory": `internalid:i transaction:i type:s customtype:i status:s documentnumber:s transactionnumber:s
		transactiondate:d entity:i>entity amount:f account:i>account action:s version:i username:s datetime:t`,
	"transactionshipment":          `doc:i>transaction shippingmethod:i weight:f sourceaddress:i destinationaddress:i shippingrate:f handlingrate:f`,
	"usrsavedsearch":               `id:i scriptid:s name:s description:s owner:i>employee`,
	"vendorsubsidiaryrelationship": `id:i entity:i>vendor subsidiary:i>subsidiary isprimarysub:b primarycurrency:i>currency`,
	"vendorcategory":               `id:i name:s isinactive:b istaxagency:b externalid:s lastmodifieddate:t`,
	"accountingbooksubsidiaries":   `accountingbook:i subsidiary:i>subsidiary status:s`,
	"companyfeaturesetup":          `id:s name:s isavailable:b isactive:b`,
}

// static builds the tables of fixed rows, the tables without rows, and the
// tables read from parts of the records (addresses, subsidiary maps).
func (b *builder) static() {
	for _, name := range slices.Sorted(maps.Keys(emptyTables)) {
		b.add(valuesTable(name, emptyTables[name], nil))
	}
	b.add(valuesTable("accountingbook", `id:i name:s isprimary:b isconsolidated:b isadjustmentonly:b basebook:i
		effectiveperiod:i>accountingperiod subsidiariesstring:s contingentrevenuehandling:b twosteprevenueallocation:b
		unbilledreceivablegrouping:b externalid:s lastmodifieddate:t`,
		// Assumption: one primary book, id 1 ("Primary Accounting Book").
		[][]string{{"1", "'Primary Accounting Book'", "'T'", "'F'", "'F'", "NULL", "NULL", "NULL", "'F'", "'F'", "'F'", "NULL", "NULL"}}))
	b.accountType()
	b.accountingPeriod()
	b.transactionStatus()
	b.derived()
}

// accountTypes are the account type codes, in NetSuite's chart-of-accounts
// order, with whether each is a balance sheet type and debit-normal
// ("left"). The codes are the catalog's account.acctType ids (NetSuite's
// SOAP AccountType); Income, COGS, Expense, OthIncome, OthExpense and
// NonPosting are seen in SuiteQL (schema sources S1, S3, S11).
//
// Assumption: the order (seqnum), balancesheet and left follow ordinary
// accounting: assets and expenses are debit-normal.
var accountTypes = []struct {
	code               string
	balanceSheet, left bool
}{
	{"Bank", true, true}, {"AcctRec", true, true}, {"OthCurrAsset", true, true}, {"FixedAsset", true, true},
	{"OthAsset", true, true}, {"AcctPay", true, false}, {"CredCard", true, false}, {"OthCurrLiab", true, false},
	{"LongTermLiab", true, false}, {"Equity", true, false}, {"Income", false, false}, {"COGS", false, true},
	{"Expense", false, true}, {"OthIncome", false, false}, {"OthExpense", false, true},
	{"DeferRevenue", true, false}, {"DeferExpense", true, true}, {"UnbilledRec", true, true},
	{"NonPosting", false, false}, {"Stat", false, false},
}

// accountTypeNames are the account types' long names.
func (b *builder) accountTypeNames() map[string]string {
	names := map[string]string{}
	if rt, ok := b.cat.Type("account"); ok {
		if f, ok := rt.Field("acctType"); ok {
			names = enumLabels(f)
		}
	}
	return names
}

func (b *builder) accountType() {
	names := b.accountTypeNames()
	tf := func(v bool) string {
		if v {
			return "'T'"
		}
		return "'F'"
	}
	var rows [][]string
	for i, a := range accountTypes {
		name, ok := names[a.code]
		if !ok {
			name = a.code
		}
		rows = append(rows, []string{quote(a.code), quote(name), tf(a.balanceSheet), tf(a.left), strconv.Itoa(i + 1), strconv.Itoa(i + 1)})
	}
	// S1 seed, S2.
	b.add(valuesTable("accounttype", `id:s longname:s balancesheet:b left:b seqnum:i internalid:i
		defaultcashflowratetype:s defaultgeneralratetype:s eliminationalgo:s includeinrevaldefault:b usercanchangerevaloption:b`,
		padRows(rows, 11)))
}

// padRows pads each row with NULLs to n values.
func padRows(rows [][]string, n int) [][]string {
	for i := range rows {
		for len(rows[i]) < n {
			rows[i] = append(rows[i], "NULL")
		}
	}
	return rows
}

// The accounting periods: fiscal years firstYear..lastYear, each a year,
// its four quarters and twelve months (17 periods), numbered in that
// order, so that ids increase with time as KaiTech's `PostingPeriod < 193`
// ("before May 2021", schema source S11) expects.
//
// Assumption: calendar fiscal years 2015 to 2035, none closed or locked;
// names "Jan 2026", "Q1 2026", "FY 2026" (S1 seeds and S11 show "Mar 2002",
// "May 2021" for months).
const (
	firstYear      = 2015
	lastYear       = 2035
	periodsPerYear = 17
)

var monthNames = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// periodOf is the id of the month period of a REST date text ("2026-03-05").
func periodOf(d string) string {
	y := "CAST(substr(" + d + ", 1, 4) AS INTEGER)"
	m := "CAST(substr(" + d + ", 6, 2) AS INTEGER)"
	return "iif(" + d + " BETWEEN '" + strconv.Itoa(firstYear) + "-01-01' AND '" + strconv.Itoa(lastYear) + "-12-31', (" +
		y + " - " + strconv.Itoa(firstYear) + ") * " + strconv.Itoa(periodsPerYear) + " + 2 + (" + m + " - 1) / 3 + " + m + ", NULL)"
}

// periodName is DF of a period id: its name, computed from the id.
func periodName(v string) string {
	n := "(" + v + " - 1)"
	r := n + " % " + strconv.Itoa(periodsPerYear)
	year := "' ' || (" + strconv.Itoa(firstYear) + " + " + n + " / " + strconv.Itoa(periodsPerYear) + ")"
	return "CASE WHEN " + v + " BETWEEN 1 AND " + strconv.Itoa((lastYear-firstYear+1)*periodsPerYear) + " THEN CASE " +
		"WHEN " + r + " = 0 THEN 'FY' || " + year +
		" WHEN " + r + " IN (1, 5, 9, 13) THEN 'Q' || (" + r + " / 4 + 1) || " + year +
		" ELSE substr('" + strings.Join(monthNames, "") + "', 3 * (" + r + " - 1 - (" + r + " - 1) / 4) - 2, 3) || " + year + " END END"
}

func (b *builder) accountingPeriod() {
	var rows [][]string
	id := 0
	day := func(y, m, d int) string { return fmt.Sprintf("sq_date('%04d-%02d-%02d')", y, m, d) }
	last := func(y, m int) int { return [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1] + leap(y, m) }
	row := func(name string, parent int, start, end string, posting, quarter, year bool) {
		id++
		tf := func(v bool) string {
			if v {
				return "'T'"
			}
			return "'F'"
		}
		p := "NULL"
		if parent > 0 {
			p = strconv.Itoa(parent)
		}
		rows = append(rows, []string{strconv.Itoa(id), quote(name), p, start, end, tf(posting), tf(quarter), tf(year),
			"'F'", "'F'", "'F'", "NULL", "'F'", "'F'", "'F'", "'F'", "NULL"})
	}
	for y := firstYear; y <= lastYear; y++ {
		row(fmt.Sprintf("FY %d", y), 0, day(y, 1, 1), day(y, 12, 31), false, false, true)
		fy := id
		for q := range 4 {
			m0 := q*3 + 1
			row(fmt.Sprintf("Q%d %d", q+1, y), fy, day(y, m0, 1), day(y, m0+2, last(y, m0+2)), false, true, false)
			qid := id
			for m := m0; m < m0+3; m++ {
				row(fmt.Sprintf("%s %d", monthNames[m-1], y), qid, day(y, m, 1), day(y, m, last(y, m)), true, false, false)
			}
		}
	}
	// S1 seed and yml, S2, S5.
	t := b.add(valuesTable("accountingperiod", `id:i periodname:s parent:i>accountingperiod startdate:d enddate:d
		isposting:b isquarter:b isyear:b isadjust:b isinactive:b closed:b closedondate:d alllocked:b arlocked:b
		aplocked:b allownonglchanges:b lastmodifieddate:t`, rows))
	t.byName["id"].plain = true
}

// leap is 1 for February of a leap year.
func leap(y, m int) int {
	if m == 2 && (y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
		return 1
	}
	return 0
}

// statusTable are the transaction status letters the schema sources list
// (blog.prolecto.com 2013/08/30 "NetSuite SearchFilter Transaction Internal
// Status List"; Oracle's open sales orders workbook filters SALESORD:B, D and
// E). The catalog's status enums add their labels.
var statusTable = map[string]map[string]string{
	"CustInvc": {"A": "Open", "B": "Paid In Full"},
	"VendBill": {"A": "Open", "B": "Paid In Full", "D": "Pending Approval"},
	"CashSale": {"A": "Unapproved Payment", "B": "Not Deposited", "C": "Deposited"},
	"CustPymt": {"A": "Unapproved Payment", "B": "Not Deposited", "C": "Deposited"},
	"CustCred": {"A": "Open", "B": "Fully Applied"},
	"CustDep":  {"A": "Not Deposited", "B": "Deposited", "C": "Fully Applied"},
	"Estimate": {"A": "Open", "B": "Processed", "C": "Closed", "V": "Voided", "X": "Expired"},
	"ExpRept": {"A": "In Progress", "B": "Pending Supervisor Approval", "C": "Pending Accounting Approval",
		"D": "Rejected by Supervisor", "E": "Rejected by Accounting", "F": "Approved by Accounting",
		"G": "Approved (Overridden) by Accounting", "H": "Rejected (Overridden) by Accounting", "I": "Paid In Full"},
	"ItemShip": {"A": "Picked", "B": "Packed", "C": "Shipped"},
	"Journal":  {"A": "Pending Approval", "B": "Approved for Posting"},
	"Check":    {"V": "Voided", "Z": "Online Bill Pay Pending Accounting Approval"},
	"VendPymt": {"V": "Voided", "Z": "Online Bill Pay Pending Accounting Approval"},
	"CustRfnd": {"V": "Voided"},
	"SalesOrd": {"B": "Pending Fulfillment"},
}

// transactionStatus builds transactionstatus (id = letter, trantype,
// trancustomtype, name; lumapps/tap-netsuitesuiteql @8e54840) and
// transactionname (type, customtype, name).
func (b *builder) transactionStatus() {
	all := map[string]map[string]string{}
	for code, m := range statusTable {
		all[code] = map[string]string{}
		for k, v := range m {
			all[code][k] = v
		}
	}
	for _, rt := range b.transactionTypes() {
		f, ok := statusField(rt)
		if !ok {
			continue
		}
		code := rt.Profile.SuiteQL.Type
		if all[code] == nil {
			all[code] = map[string]string{}
		}
		for k, v := range enumLabels(f) {
			all[code][k] = v
		}
	}
	var rows [][]string
	for _, code := range slices.Sorted(maps.Keys(all)) {
		for _, letter := range slices.Sorted(maps.Keys(all[code])) {
			rows = append(rows, []string{quote(letter), quote(code), "NULL", quote(all[code][letter])})
		}
	}
	b.add(valuesTable("transactionstatus", `id:s trantype:s trancustomtype:i name:s`, rows))
	labels := b.typeLabels()
	var names [][]string
	for _, code := range slices.Sorted(maps.Keys(labels)) {
		names = append(names, []string{quote(code), "NULL", quote(labels[code])})
	}
	b.add(valuesTable("transactionname", `type:s customtype:i name:s`, names))
}

// derived builds the tables read from parts of the records: entityaddress
// from the entities' address books, customersubsidiaryrelationship from
// customers' subsidiary, accountsubsidiarymap from accounts' subsidiaries,
// itemvendor from items' vendor lines.
func (b *builder) derived() {
	// Address tables share one shape (S1, S2, S3).
	//
	// Assumption: an address book line's nkey is its entity's id * 1000 +
	// its position (1..n); addrtext is its lines joined by newlines.
	addr := func(n string) string { return "nullif(json_extract(a.value, '$.addressBookAddress." + n + "'), '')" }
	t := b.add(newTable("entityaddress", "records AS r JOIN json_each(r.body, "+jsonPath("addressBook")+") AS a", "r.family = 'entity'"))
	t.spec(`nkey:i addr1:s addr2:s addr3:s addressee:s attention:s addrphone:s addrtext:s city:s state:s
		dropdownstate:s zip:s country:s override:b recordowner:i>entity lastmodifieddate:t`)
	t.set(&column{name: "nkey", kind: suiteql.KindInteger, expr: "r.id * 1000 + a.key + 1", plain: true})
	for _, n := range []string{"addr1", "addr2", "addr3", "addressee", "attention", "city", "state", "zip", "country"} {
		t.set(&column{name: n, kind: suiteql.KindText, expr: addr(n)})
	}
	t.set(&column{name: "addrphone", kind: suiteql.KindText, expr: addr("addrPhone")})
	t.set(&column{name: "dropdownstate", kind: suiteql.KindText, expr: addr("state")})
	t.set(&column{name: "addrtext", kind: suiteql.KindText,
		expr: "nullif(concat_ws(char(10), " + addr("addressee") + ", " + addr("addr1") + ", " + addr("addr2") + ", " +
			"trim(concat_ws(' ', " + addr("city") + ", " + addr("state") + ", " + addr("zip") + ")), " + addr("country") + "), '')"})
	t.set(&column{name: "recordowner", kind: suiteql.KindInteger, expr: "r.id", ref: "entity"})
	t.set(&column{name: "lastmodifieddate", kind: suiteql.KindDateTime, expr: b.dateTime("r.last_modified")})

	// S1 (dbt_netsuite), S6. Assumption: one relationship per customer,
	// its primary subsidiary, with the customer's id.
	c := b.add(newTable("customersubsidiaryrelationship", "records AS r",
		"r.type = 'customer' AND "+field("r.body", "subsidiary")+" IS NOT NULL"))
	c.spec(`id:i entity:i>customer subsidiary:i>subsidiary isprimarysub:b primarycurrency:i>currency`)
	c.set(&column{name: "id", kind: suiteql.KindInteger, expr: "r.id", plain: true, notNull: true})
	c.set(&column{name: "entity", kind: suiteql.KindInteger, expr: "r.id"})
	c.set(&column{name: "subsidiary", kind: suiteql.KindInteger, expr: ref("r.body", "subsidiary")})
	c.set(&column{name: "isprimarysub", kind: suiteql.KindBool, expr: "'T'"})
	c.set(&column{name: "primarycurrency", kind: suiteql.KindInteger, expr: ref("r.body", "currency")})

	// S5.
	m := b.add(newTable("accountsubsidiarymap", "records AS r JOIN json_each(r.body, "+jsonPath("subsidiary")+") AS s", "r.type = 'account'"))
	m.spec(`account:i>account subsidiary:i>subsidiary`)
	m.set(&column{name: "account", kind: suiteql.KindInteger, expr: "r.id"})
	m.set(&column{name: "subsidiary", kind: suiteql.KindInteger, expr: "CAST(s.value AS INTEGER)"})

	// S5.
	v := b.add(newTable("itemvendor", "records AS r JOIN json_each(r.body, "+jsonPath("itemVendor")+") AS iv", "r.family = 'item'"))
	v.spec(`item:i>item vendor:i>vendor preferredvendor:b purchaseprice:f`)
	v.set(&column{name: "item", kind: suiteql.KindInteger, expr: "r.id"})
	v.set(&column{name: "vendor", kind: suiteql.KindInteger, expr: ref("iv.value", "vendor")})
	v.set(&column{name: "preferredvendor", kind: suiteql.KindBool, expr: flag("iv.value", "preferredVendor")})
	v.set(&column{name: "purchaseprice", kind: suiteql.KindFloat, expr: field("iv.value", "purchasePrice")})
}
