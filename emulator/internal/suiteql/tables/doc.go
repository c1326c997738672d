// Package tables is the emulator's SuiteQL schema: the NetSuite2 tables and
// columns SuiteQL queries name, each a SELECT over the records store
// (package store) that the translator (package suiteql) wraps as a
// subquery.
//
// Usage:
//
//	schema := tables.New(cat, "America/Los_Angeles", tables.Options{})
//	t, ok := schema.Table("transaction")
//	sql := t.Source([]string{"id", "trandate"}) // SELECT r.id AS "id", ... FROM records AS r WHERE r.family = 'transaction'
//
// The record types' tables (transaction, transactionline,
// transactionaccountingline, entity, customer, vendor, employee, contact,
// item, account, subsidiary, department, location, classification,
// currency, term, customrecord_*) read the records table directly, so a
// record written over REST is visible at once, and a Source is one
// flattenable SELECT: a condition on id reads the records' primary key
// (family, id) or the (type, id) index. deletedrecord and systemnote read the
// store's logs. accounttype, accountingperiod, accountingbook,
// transactionstatus, transactionname, customrecordtype, customfield and
// customlist(_*) are fixed rows from the catalog and the options; the other
// tables real queries read are present, with their columns, and no rows.
//
// Values follow package suiteql's conventions: flags 'T'/'F', ids INTEGER,
// dates and datetimes as days of the account's wall clock (package oracle's
// sq_date and sq_datetime, which the Sources call), ” as NULL.
//
// Columns come from the public sources cited in specs.go, the body fields
// of each REST type (through catalog.Profile.SuiteQL.Column) and the
// account's custom fields. What no source says is marked "Assumption:" in
// the code.
package tables
