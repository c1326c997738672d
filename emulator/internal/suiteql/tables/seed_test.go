package tables_test

// ids are the records seedDemo creates.
type ids struct {
	sub, cur, dept, loc, class, term, ar, income, bank    string
	rep, customer, vendor, contact, item, service, region string
	order, invoice, payment, po                           string
}

// seedDemo creates a small account: lists, accounts, entities, items and
// transactions of every type.
func seedDemo(e *env) ids {
	var r ids
	r.sub = e.create("subsidiary", `{"name": "Honeycomb Holdings"}`)
	r.cur = e.create("currency", `{"name": "US Dollar", "symbol": "USD"}`)
	r.dept = e.create("department", `{"name": "Sales"}`)
	r.loc = e.create("location", `{"name": "Portland Warehouse"}`)
	r.class = e.create("classification", `{"name": "Retail"}`)
	r.term = e.create("term", `{"name": "Net 30", "daysUntilNetDue": 30}`)
	r.ar = e.create("account", `{"acctName": "Accounts Receivable", "acctNumber": "1100", "acctType": "AcctRec", "subsidiary": {"items": [{"id": "`+r.sub+`"}]}}`)
	r.income = e.create("account", `{"acctName": "Sales", "acctNumber": "4000", "acctType": "Income"}`)
	r.bank = e.create("account", `{"acctName": "Checking", "acctNumber": "1000", "acctType": "Bank"}`)
	r.region = e.create("customrecord_region", `{"name": "West", "custrecord_code": "W", "custrecord_rate": 1.5}`)
	r.rep = e.create("employee", `{"firstName": "Ada", "lastName": "Lovelace", "subsidiary": {"id": "`+r.sub+`"}, "email": "ada@example.com"}`)
	r.customer = e.create("customer", `{"companyName": "Meadowbrook Garden Center", "subsidiary": {"id": "`+r.sub+`"},
		"salesRep": {"id": "`+r.rep+`"}, "terms": {"id": "`+r.term+`"}, "creditLimit": 25000, "custentity_tier": "Gold",
		"custentity_region": {"id": "`+r.region+`"}, "externalId": "CUST-1",
		"addressBook": {"items": [{"defaultBilling": true, "addressBookAddress": {"addr1": "1 Main St", "city": "Portland", "state": "OR", "zip": "97201", "country": {"id": "US"}}}]}}`)
	r.vendor = e.create("vendor", `{"companyName": "Hive Supply Co", "subsidiary": {"id": "`+r.sub+`"}}`)
	r.contact = e.create("contact", `{"firstName": "Grace", "lastName": "Hopper", "company": {"id": "`+r.customer+`"}}`)
	r.item = e.create("inventoryItem", `{"itemId": "HIVE-10F", "displayName": "Ten-frame hive", "incomeAccount": {"id": "`+r.income+`"},
		"cost": 95.75, "custitem_hazmat": true, "subsidiary": {"items": [{"id": "`+r.sub+`"}]}}`)
	r.service = e.create("serviceSaleItem", `{"itemId": "INSTALL", "incomeAccount": {"id": "`+r.income+`"}}`)
	r.order = e.create("salesOrder", `{"entity": {"id": "`+r.customer+`"}, "subsidiary": {"id": "`+r.sub+`"}, "tranDate": "2026-03-05",
		"orderStatus": {"id": "B"}, "memo": "First order", "department": {"id": "`+r.dept+`"}, "location": {"id": "`+r.loc+`"},
		"custbody_rush": true, "custbody_due": "2026-04-01",
		"item": {"items": [
			{"item": {"id": "`+r.item+`"}, "quantity": 10, "rate": 100, "class": {"id": "`+r.class+`"}, "custcol_note": "top", "custcol_gift": true},
			{"item": {"id": "`+r.service+`"}, "quantity": 1, "rate": 50.5, "description": "Install"}]}}`)
	r.invoice = e.create("invoice", `{"entity": {"id": "`+r.customer+`"}, "subsidiary": {"id": "`+r.sub+`"}, "tranDate": "2026-03-10",
		"item": {"items": [{"item": {"id": "`+r.item+`"}, "quantity": 2, "rate": 100}]}}`)
	r.payment = e.create("customerPayment", `{"customer": {"id": "`+r.customer+`"}, "subsidiary": {"id": "`+r.sub+`"}, "tranDate": "2026-03-12", "payment": 200}`)
	r.po = e.create("purchaseOrder", `{"entity": {"id": "`+r.vendor+`"}, "subsidiary": {"id": "`+r.sub+`"}, "tranDate": "2026-03-01",
		"item": {"items": [{"item": {"id": "`+r.item+`"}, "quantity": 5, "rate": 60}]}}`)
	return r
}
