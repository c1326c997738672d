// Package readonly implements the connection option "Ignore read-only
// fields": before a create (POST) or an update (PATCH) it removes from the
// body the fields NetSuite will not accept, at body level, in sublist lines
// and in subrecords and references, and tells the caller which it removed.
// With the option off nothing is removed and NetSuite's own error reaches
// the caller.
//
// # Why a curated table
//
// SOAP has a request preference for this, ignoreReadOnlyFields: "read-only
// fields are simply ignored" instead of answering INSUFFICIENT_PERMISSION
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4170181850.html).
// No equivalent was found for REST in Oracle's pages, and the REST metadata
// cannot stand in for it: the 2026.1 browser flags only links read-only on
// record bodies and sublist elements, plus the paging members of collections;
// id, dateCreated, lastModifiedDate, balance and the aging fields carry no flag
// (wsjmnh/netsuite-record-rest-docs docs/schemas/customer.md and ns.md, a dump
// of the browser). So the knowledge is a table, per record type, of fields
// NetSuite sets itself, computes, or only renders, each rule with its source:
// an Oracle help page, a client used against live accounts (NetSweet's
// read_only_fields), or "Assumption: ..." with the reasoning. Table returns it;
// FromSchema adds what an account's metadata does flag (custom fields shown
// inline, for instance), and New(extra...) whatever else an account refuses
// (fields a form locks, features that are off).
//
// What is dropped, in short:
//
//   - system fields, everywhere: the record's id
//     (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545141395.html: "the
//     id field is read-only"), links at every level, dateCreated, createdDate, lastModifiedDate
//     (also on address book lines and addresses), and on custom record types created and
//     lastModified;
//   - display values: the record's refName, the refName of sublist lines
//     and of references, enums and subrecords that carry something else,
//     address texts (addrText, billingAddress_text, ...), hierarchical
//     names (fullName);
//   - collection paging: count, hasMore, offset and totalResults of a
//     sublist or multi-select value;
//   - calculated fields: customer and vendor balances, aging buckets, days
//     overdue, per-currency balances; transaction totals (subtotal, total,
//     taxTotal, discountTotal, gross profit, amount paid and remaining),
//     status, line stock and fulfilment quantities, item stock and costs,
//     account balances;
//   - a line's amount when the line also has quantity and rate, from which
//     NetSuite computes it;
//   - fields NetSuite takes on one operation only: opening balances (on
//     create only) and createdFrom (fixed once the record exists) are
//     dropped from updates.
//
// What is kept: everything else, and in particular the id inside a reference ({"id": "5"} is how a
// reference is written), the keys of lines (line, and the id or internalId of keyed lines,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545297048.html),
// externalId, custom fields, an enum written by name ({"refName": "Soft Opt-Out"},
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142146.html), and a
// line amount without both quantity and rate.
//
// # Get a sales order, change one thing, send the whole record back
//
// A GET of salesOrder/1234?expandSubResources=true returns, shortened:
//
//	{
//	  "links": [{"rel": "self", "href": ".../salesorder/1234"}],
//	  "id": "1234", "refName": "Sales Order #SO1001", "tranId": "SO1001",
//	  "createdDate": "2024-03-01T10:00:00Z", "lastModifiedDate": "2024-03-02T08:15:30Z",
//	  "entity": {"links": [...], "id": "5", "refName": "Acme Corp"},
//	  "orderStatus": {"id": "B", "refName": "Pending Fulfillment"},
//	  "status": {"id": "B", "refName": "Pending Fulfillment"},
//	  "memo": "old", "subtotal": 250.0, "taxTotal": 0.0, "total": 250.0,
//	  "billingAddress": {"links": [...], "addr1": "1 Main St", "addrText": "Acme Corp\n1 Main St...",
//	                     "country": {"id": "US", "refName": "United States"}},
//	  "item": {"links": [...], "count": 2, "hasMore": false, "offset": 0, "totalResults": 2,
//	    "items": [
//	      {"links": [...], "line": 1, "refName": "Widget", "item": {"links": [...], "id": "42", "refName": "Widget"},
//	       "quantity": 2.0, "rate": 100.0, "amount": 200.0, "quantityCommitted": 2.0},
//	      {"links": [...], "line": 2, "refName": "Installation", "item": {"links": [...], "id": "77", "refName": "Installation"},
//	       "quantity": 1.0, "amount": 50.0}]}
//	}
//
// The caller sets memo and sends it all back with PATCH. Strip(
// "salesOrder", body, Update) leaves:
//
//	{
//	  "tranId": "SO1001", "entity": {"id": "5"}, "orderStatus": {"id": "B"}, "memo": "new",
//	  "billingAddress": {"addr1": "1 Main St", "country": {"id": "US"}},
//	  "item": {"items": [
//	    {"line": 1, "item": {"id": "42"}, "quantity": 2.0, "rate": 100.0},
//	    {"line": 2, "item": {"id": "77"}, "quantity": 1.0, "amount": 50.0}]}
//	}
//
// and reports links, id, refName, createdDate, lastModifiedDate, status,
// subtotal, taxTotal, total, billingAddress.links, billingAddress.addrText,
// billingAddress.country.refName, entity.links, entity.refName,
// orderStatus.refName, item.links, item.count, item.hasMore, item.offset,
// item.totalResults, in each line links, refName, item.links and
// item.refName, and in the first line quantityCommitted and amount
// (quantity and rate are both there; NetSuite recomputes 2 × 100). The
// second line keeps its amount: without a rate the amount is what sets
// the price. testdata/salesOrder_get.json is the full body and the tests
// check every path.
//
// Why references keep their id and lose the rest: NetSuite returns a reference
// as {"links":[...],"id":"5","refName":"Acme Corp"}
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142037.html)
// and takes {"id":"5"} (or {"externalId":...}) on write; links are read-only
// wherever they appear, and refName beside an id is the display name NetSuite
// computes, so both go and the id stays. Lines keep line: without replace the
// item sublist is keyed by line, so each line updates the line with that number
// instead of being added again
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545297048.html).
//
// A plain GET (without expandSubResources) shows each sublist and subrecord
// as {"links": [...]} only. Stripping empties such an object, and an object
// or array left empty by stripping is removed as a whole and reported by
// its own path ("item", "billingAddress"): sending "item": {} back is not
// the same as not sending the sublist, and the caller did not mean to touch
// it. The same holds for a sublist whose every line was read-only.
//
// # Paths and names
//
// Dropped paths use NetSuite's o:errorPath form, "item.items[0].amount",
// or "item[0].amount" when the body gives a sublist as a bare array; they
// are sorted. Record types and field names are matched without regard to
// case, as NetSuite matches them. An unknown record type gets only the
// rules of every record type; a custom record type (customrecord...) gets
// those and the custom record rules.
//
// # Differences from the emulator
//
// The emulator (emulator/internal/records) refuses a write of a read-only
// field with 400 USER_ERROR; its list is shorter and is kept independently
// on purpose. It treats links and refName as read-only at every level but
// ignores them inside references, treats the system dates (with created
// and lastModified) as read-only at body level only, lists the customer
// and vendor balances and the transaction total and subtotal, and accepts
// a line amount beside quantity and rate. This package drops more: the
// other totals, status, line and item quantities, address texts, paging
// members, system dates on lines and subrecords, opening balances and
// createdFrom on update, and a line amount beside quantity and rate. When
// this package was written, every demo record of the served types, fetched
// from the emulator with and without expandSubResources, stripped and sent
// back with PATCH, was accepted; sent back unstripped, each was refused.
package readonly
