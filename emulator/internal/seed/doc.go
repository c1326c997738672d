// Package seed generates the emulator's demo data: a small OneWorld company,
// Honeycomb Holdings Inc., that sells beekeeping equipment, honey goods and
// apiary services in the US, the UK and Canada.
//
// Records are created through a Creator, which the emulator wires to its record
// service: every body is the JSON a client would POST to the REST record API
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545141395.html,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142037.html):
// references are {"id": "..."}, enum values {"id": "..."},
// sublists and multiselects {"items": [...]}, dates YYYY-MM-DD. No body carries
// a datetime. Records are created in dependency order and refer to earlier
// records only by the IDs Create returned. A Creator that is also a
// FieldsCreator gets each body decoded instead.
//
//	sum, err := seed.Demo(ctx, creator, seed.Options{Seed: 1, Now: clock.Now().In(accountLocation)})
//	sum.DemoCustomer // internal ID of "Meadowbrook Garden Center Inc." (eid:CUST-0001)
//
// # Content (default size, DefaultRecords = 283)
//
//	currency                    4  USD (base), GBP, CAD, EUR
//	subsidiary                  3  Honeycomb Holdings Inc.; children Honeycomb US, Honeycomb UK & Canada
//	department                  5  Sales, Operations, Finance, Engineering, Marketing
//	classification              5  product lines
//	location                    3  Reno, Columbus and Birmingham warehouses
//	term                        4  Net 15, Net 30 (preferred), Net 60, Due on receipt
//	account                     4  1200 Inventory Asset, 4000 Product Sales, 4100 Service Revenue, 5000 COGS
//	customrecord_shipping_zone  5  US-W, US-C, US-E, UK, CA
//	employee                    8  CEO, controller, three sales reps, warehouse, engineering, marketing
//	vendor                     10  8 US, 2 UK
//	customer                   50  ~72% US, ~16% UK, ~12% Canada; the demo customer first
//	contact                    20  the first one at the demo customer
//	inventoryItem               9
//	nonInventorySaleItem        6
//	serviceSaleItem             5
//	salesOrder                100  1-5 lines, dated over the last 365 days, in date order
//	invoice                    40  each copies a sales order, dated 0-14 days after it
//	purchaseOrder               2  one US, one UK
//
// Options.Records above DefaultRecords scales customers, items and sales orders
// in the default's proportions (50:20:100) so that exactly Records records are
// created; everything else keeps its size. Bodies are generated one at a time;
// what is kept per record is an ID and a few small numbers, so a million
// records need about 30 MB.
//
// # Determinism
//
// Everything derives from Options.Seed (math/rand/v2 PCG, one stream per
// section) and Options.Now: the same options give byte-identical bodies in the
// same order. Demo never reads the wall clock. "Today" is Now's calendar day in
// Now's location, so pass Now in the account's time zone. The demo customer
// (DemoCustomerName, DemoCustomerExternalID) and the lists are the same for
// every seed; people, addresses, prices, orders and dates are not.
//
// Personal data is fictional by construction: domains end in the reserved
// .example TLD, North American phone numbers are 555-01xx and UK numbers are in
// Ofcom's ranges reserved for drama.
//
// # Fields used
//
// Every field below exists in the catalog for its record type (a test walks
// every body against it); custom fields are the demo account's.
//
//	currency        name, symbol (ISO code), displaySymbol, currencyPrecision, exchangeRate, isBaseCurrency,
//	                symbolPlacement, locale
//	subsidiary      name, legalName, parent, country, currency, email,
//	                mainAddress{addressee, addr1, addr2, city, state, zip, country, addrPhone}
//	department      name, subsidiary (multiselect), includeChildren
//	classification  name, subsidiary (multiselect), includeChildren
//	location        name, externalId, subsidiary (multiselect), timeZone, makeInventoryAvailable, mainAddress{...}
//	term            name, daysUntilNetDue, preferred
//	account         acctNumber, acctName, acctType, description, subsidiary (multiselect), includeChildren
//	customrecord_shipping_zone  name, externalId, custrecord_zone_code, custrecord_zone_rate
//	employee        externalId, firstName, lastName, email, phone, title, subsidiary, department, location,
//	                supervisor, hireDate, issalesrep
//	vendor          externalId, companyName, email, phone, subsidiary, currency, terms, accountNumber,
//	                is1099Eligible, addressBook[]{defaultBilling, defaultShipping, label, addressBookAddress{...}}
//	customer        externalId, companyName, isPerson, email, phone, url, subsidiary, currency, terms, salesRep,
//	                creditLimit, custentity_loyalty_tier, addressBook[]{defaultBilling, defaultShipping, label,
//	                addressBookAddress{addressee, addr1, addr2, city, state, zip, country, addrPhone}}
//	contact         firstName, lastName, email, phone, title, company, subsidiary
//	inventoryItem   itemId, displayName, salesDescription, purchaseDescription, cost, rate, class, subsidiary
//	                (multiselect), includeChildren, isTaxable, incomeAccount, cogsAccount, assetAccount, upcCode,
//	                preferredLocation, reorderPoint, preferredStockLevel, weight, weightUnit, custitem_hazmat
//	nonInventorySaleItem  itemId, displayName, salesDescription, rate, class, subsidiary, includeChildren,
//	                isTaxable, incomeAccount, weight, weightUnit, custitem_hazmat
//	serviceSaleItem itemId, displayName, salesDescription, rate, class, subsidiary, includeChildren, isTaxable,
//	                incomeAccount
//	salesOrder      externalId, entity, subsidiary, currency, tranDate, orderStatus, location, department,
//	                otherRefNum, memo, custbody_source_system, item[]{item, quantity, rate, class, custcol_gift_wrap}
//	invoice         entity, subsidiary, currency, tranDate, terms, location, department, otherRefNum,
//	                custbody_source_system, item[]{item, quantity, rate, class, custcol_gift_wrap}
//	purchaseOrder   entity, subsidiary, currency, tranDate, location, employee, memo, item[]{item, quantity, rate}
//
// # Schema notes and assumptions
//
//   - The item records have no basePrice body field. The base price is a line
//     of the `price` sublist keyed by a priceLevel record, which the catalog
//     does not serve; the seed writes the body field `rate` instead, which all
//     three item schemas have.
//   - The catalog's purchaseOrder.entity points at customer (the 2026.1 browser
//     dump says so); a purchase order's entity is its vendor, and the seed sends
//     a vendor ID. A record service that checks reference targets against the
//     catalog must special-case it.
//   - Transaction item lines point at kitItem in the catalog; the seed sends
//     inventoryItem, nonInventorySaleItem and serviceSaleItem IDs.
//   - salesOrder.salesRep and invoice.salesRep point at customer in the
//     catalog, so transactions carry no sales rep; the customer's salesRep
//     (which points at employee) does.
//   - subsidiary.currency is a reference, so currencies are created before
//     subsidiaries. In a real account the root subsidiary and the base currency
//     exist from the start; the emulator starts empty, so the seed creates them.
//   - currency.symbol is the ISO code and displaySymbol the printed sign.
//     symbolPlacement "1" is before the number, "2" after (Euro, de_DE);
//     weightUnit "1" is lb. Those enum ids are listed by the catalog; their
//     meanings are NetSuite's, not the catalog's.
//   - The demo account applies custentity_loyalty_tier to customers only; the
//     seed writes it on customers only.
//   - Employee hire dates go back up to nine years; transaction dates are all
//     within the last 365 days, today included.
package seed
