package connector

import "strings"

// typeTables maps the record types whose SuiteQL table is not their
// lower-case name to the table and the condition that selects them.
// Transactions share the transaction table and items the item table, told
// apart by their type codes (Oracle's Records Catalog; the codes as
// fivetran/dbt_netsuite_source and Tim Dietrich's SuiteQL queries use them).
var typeTables = map[string]struct{ table, where string }{
	"salesOrder":           {"transaction", "type = 'SalesOrd'"},
	"invoice":              {"transaction", "type = 'CustInvc'"},
	"purchaseOrder":        {"transaction", "type = 'PurchOrd'"},
	"customerPayment":      {"transaction", "type = 'CustPymt'"},
	"itemFulfillment":      {"transaction", "type = 'ItemShip'"},
	"inventoryItem":        {"item", "itemtype = 'InvtPart'"},
	"nonInventorySaleItem": {"item", "itemtype = 'NonInvtPart'"},
	"serviceSaleItem":      {"item", "itemtype = 'Service'"},
}

// Table returns the SuiteQL table that holds the records of a REST record
// type, and the condition (without WHERE; "" for none) that selects them
// in it: salesOrder is transaction with type = 'SalesOrd', inventoryItem is
// item with itemtype = 'InvtPart', a custom record type is the table of its
// lower-case script ID, and any other type the table of its lower-case name
// (customer, vendor, employee, contact, ...).
func Table(recordType string) (table, where string) {
	if t, ok := typeTables[recordType]; ok {
		return t.table, t.where
	}
	return strings.ToLower(recordType), ""
}

// DateColumns returns the SuiteQL columns of a record type's table that
// hold its creation and last-modification datetimes: created and
// lastmodified on custom record tables, createddate and lastmodifieddate
// on transactions and items, datecreated and lastmodifieddate on entities
// and the other standard types (column names from tap-netsuitesuiteql's
// and fivetran/dbt_netsuite_source's table definitions).
func DateColumns(recordType string) (created, modified string) {
	table, _ := Table(recordType)
	switch {
	case isCustomRecord(recordType):
		return "created", "lastmodified"
	case table == "transaction" || table == "item":
		return "createddate", "lastmodifieddate"
	}
	return "datecreated", "lastmodifieddate"
}

// isCustomRecord reports whether recordType is a custom record type
// (customrecord_..., any case).
func isCustomRecord(recordType string) bool {
	return strings.HasPrefix(strings.ToLower(recordType), "customrecord")
}
