// Package catalog is the emulator's record catalog: NetSuite's REST record schemas
// (record types, body fields, sublists, subrecords) as an embedded, read-only data
// set, plus the account's custom fields and custom record types.
//
// # Sources
//
// The schemas in schemas/ are the 2026.1 REST API browser, transcribed from the
// public repository wsjmnh/netsuite-record-rest-docs (docs/schemas/<record>.md);
// see schemas/README.md for their shape. The metadata conventions (x-ns-filterable,
// x-ns-custom-field, nullable, custom field prefixes, custom record script IDs) are
// from Oracle's metadata page
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1540810174.html),
// "Record Collection Filtering"
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545222128.html)
// and "Getting a Record Instance"
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545141500.html).
// Record type names are looked up ignoring case (same page), and so are field
// names: Oracle's own `q` examples write `companyname`, `isinactive` and
// `creditlimit` for `companyName`, `isInactive` and `creditLimit`.
//
// The labels of enum values (Field.EnumLabels, the refName NetSuite renders
// beside an enum id) are in enumlabels.json: from Oracle's documentation
// (ConfidenceDoc) or inferred from NetSuite's SOAP XSD enumerations as copied in
// netsuitephp/netsuite-php and NetSweet/netsuite (ConfidenceInferred); many ids
// have none. schemas/README.md ("Enum labels") says how the file was made. Load
// refuses a label for a field that is not an enum of the schemas, or for an id
// the field does not list.
//
// # Usage
//
//	cat, err := catalog.Default()
//	rt, ok := cat.Type("salesorder")       // -> salesOrder
//	f, ok := rt.Field("tranDate")          // KindDate
//	items, ok := rt.Sublist("item")        // salesOrder-itemElement, keyed by "line"
//	cat2, err := cat.WithCustom(fields, records)
//
// A Catalog and everything reachable from it are read-only and safe for
// concurrent use; WithCustom returns a new Catalog (copy-on-write).
//
// # Classification
//
// Each browser row becomes a Field with a Kind:
//
//   - string/number/integer/boolean: KindScalar; string with format date or
//     date-time: KindDate or KindDateTime;
//   - object whose `.id` sub-row lists values: KindEnum (values in Enum, their
//     labels in EnumLabels);
//     object whose `.id` lists none: KindReference with no Target;
//   - nsResource: KindReference with no Target; a record name (customer,
//     subsidiary): KindReference with that Target;
//   - nsLink[]: KindLinks;
//   - <record>-<name>Collection, or a kept definition with an `items` row
//     (inventoryItem-price): KindSublist whose lines are the element definition
//     (salesOrder-itemElement);
//   - <record>Collection without a dash (subsidiaryCollection): KindMultiSelect;
//   - another definition of the same file (salesOrder-billingAddress,
//     customer-addressBook-addressBookAddress): KindSubrecord;
//   - untyped array/object: KindOther.
//
// # Assumptions
//
// Assumption: x-ns-filterable is not in the browser dump, so the filterable set is derived: body
// fields of KindScalar (including booleans and `id`), KindDate, KindDateTime, KindReference
// (filtered by internal id) and KindEnum, except `refName` (the display name, not a stored field).
// Sublists, subrecords, multiselects, links and untyped values are never filterable. Only body
// fields can be used in `q`
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_1544786455.html).
//
// Assumption: a sublist is keyed
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545297048.html) when its
// line definition has a key field; the key is the first of `line` (transaction lines), `id`
// (address book, sales team, tax registration lines) and `internalId` (inventory assignments) that
// the line has. Oracle's docs name keyed sublists but do not list their keys for REST; SOAP's rule
// is "an indexing line element or internal ID"
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N3441570.html).
//
// Assumption: the browser dump carries no nullability, while Oracle's JSON Schema
// example marks fields `"nullable": true`. Nullable is derived: every single-valued
// field (scalar, date, datetime, reference, enum) except booleans is nullable.
//
// Assumption: ReadOnly is the browser's flag only, which is sparse
// (wsjmnh/netsuite-record-rest-docs docs/schemas/customer.md); it is not a reliable
// "writable" signal.
//
// # Profiles
//
// What the emulator knows about a record type beyond its schema is its
// Profile, declared once in profile.go beside the schemas: ID family, tranId
// prefix, where refName comes from, calculated and mandatory fields, the
// custom-field prefix, and the SuiteQL table, type code, columns and line
// sign. Adding a record type is its schema plus one profile entry; a schema
// without one does not load.
//
// Assumption: custom fields apply by prefix to the record types whose profile
// names it (CustomTargets): custentity_ to customer, vendor, employee and
// contact; custbody_ to salesOrder, invoice, purchaseOrder, customerPayment and
// itemFulfillment; custcol_ to the `item` sublist of those transactions
// (customerPayment has none; expense and time lines are not covered); custitem_
// to inventoryItem, nonInventorySaleItem and serviceSaleItem. custrecord_ fields
// exist only inside a custom record type; custevent_ and other prefixes are
// refused. Script IDs are lower case. A field's AppliesTo narrows its types.
// WithCustom is the one place these rules are checked.
//
// Assumption: every custom record type has the body fields id, externalId, name,
// isInactive, owner (employee), created, lastModified, links and refName, before
// its custrecord_ fields.
package catalog
