package readonly

// The curated table: the fields NetSuite's REST record API does not accept on
// create or update, per record type the project serves. NetSuite's metadata
// flags almost none of them
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1540810174.html:
// on record bodies and sublist elements only links), so the knowledge comes
// from Oracle's help pages, from clients used against live accounts, and, where
// nothing better was found, from an assumption stated with its reasoning.
//
// Rule paths: "balance" is a body field, "item[].amount" a field of each
// line of the item sublist, "billingAddress.addrText" a field of a
// subrecord; "*" is any one name, "*[]" any one sublist, "**" any depth.
//
// Deliberately not in the table (NetSuite accepts them, or only some
// accounts refuse them):
//
//   - handlingCost on sales orders and invoices: settable when the shipping method enables it
//     (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N3690924.html,
//     "Setting Handling Cost"), although NetSweet's invoice.rb lists it read-only;
//   - altShippingCost on sales orders: Oracle tells SOAP users to "resubmit the value for
//     altshippingcost whenever you update item quantity"
//     (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N3690924.html); it
//     stays read-only on invoices (NetSweet);
//   - a line amount without both quantity and rate, tranId, exchangeRate,
//     entityId: writable, or refused only under account settings
//     (auto-numbering, features);
//   - owner of custom records: Assumption: the custom record type's owner settings decide
//     (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1501860247.html lists
//     them), so an account that refuses it adds a rule;
//   - line keys (line, and id or internalId of keyed lines): they say which
//     line an update changes
//     (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545297048.html).
//
// Account-specific refusals (fields a form disables or hides, fields of a
// feature that is off, custom fields shown inline) belong in extra rules:
// New(extra...), FromSchema.

// Sources quoted by several rules.
const (
	srcID = "ns:section_1545141395 (Creating a Record Instance): \"Not all record fields can be set using the POST method. " +
		"For example, the id field is read-only.\" The same holds for PATCH (ns:section_1545142173)"
	srcRefName = "a system field the 2026.1 REST API browser does not flag (wsjmnh/netsuite-record-rest-docs " +
		"docs/schemas/customer.md); refName is the display name NetSuite adds to what it returns (ns:section_1545142037)"
	srcLinks = "schema flag: the 2026.1 REST API browser marks links read-only on every record body and sublist element, " +
		"and nsLink's href and rel (wsjmnh/netsuite-record-rest-docs docs/schemas)"
	srcLineRefName = "Assumption: every sublist element of the REST API browser lists refName " +
		"(wsjmnh/netsuite-record-rest-docs docs/schemas), " +
		"a display name NetSuite computes for the line; lines are written by their fields and keys, never by name"
	srcNestedRefName = "Assumption: references come back as {links, id, refName} (ns:section_1545142037); " +
		"refName beside an id is display text, while a refName alone is a documented write form for enums " +
		"({\"refName\": \"Soft Opt-Out\"}, ns:section_1545142146), so only a refName with other members is dropped"
	srcCollection = "schema flag: count, hasMore, offset and totalResults are read-only in nsResourceCollection and in the " +
		"sublist collection wrappers (wsjmnh/netsuite-record-rest-docs docs/schemas ns.md, customer.md " +
		"customer-addressBookCollection, *-price; ns:section_156414087576)"
	srcDateCreated = "ns:section_N3184698 (Customer), ns:section_N3186192 (Lead), ns:section_N3185758 (Project): datecreated " +
		"\"is a system-generated field that marks the date the record was created in NetSuite. You cannot change or " +
		"override this field.\""
	srcCreatedDate = "the creation date as transactions and items spell it; same system field as datecreated " +
		"(ns:section_N3184698); NetSweet/netsuite support_case.rb read_only_fields :created_date @1b32d683"
	srcLastModified = "a system field the 2026.1 REST API browser does not flag; NetSweet/netsuite read_only_fields " +
		"contact.rb :last_modified_date, vendor.rb :last_modified_date, support_case.rb :last_modified_date @1b32d683"
	srcAddrText = "NetSweet/netsuite read_only_fields :addr_text in address.rb, customer_addressbook.rb, " +
		"contact_addressbook.rb @1b32d683"
	srcAddressText = "Assumption: the text rendering of an address subrecord, like addrText (NetSweet address.rb " +
		":addr_text); the address is written through the subrecord"
	srcCustomDates = "ns:section_1501860247 (custom record types can show each entry's creation date and last " +
		"modified date, which the system records); Assumption: the REST names are created and lastModified"

	srcCustomerBalances = "NetSweet/netsuite customer.rb read_only_fields :balance, :consol_balance, :deposit_balance, " +
		":consol_deposit_balance, :overdue_balance, :consol_overdue_balance, :unbilled_orders, :consol_unbilled_orders " +
		"@1b32d683"
	srcCustomerBalance = srcCustomerBalances + "; SuiteTalk Schema Browser 2015_1 customer.balance: \"This field is a " +
		"read-only field.\""
	srcAging = "computed A/R figures the 2026.1 REST API browser does not flag (wsjmnh/netsuite-record-rest-docs " +
		"docs/schemas/customer.md); SuiteTalk " +
		"Schema Browser customer.aging*: \"The overdue A/R balance is shown here\""
	srcCustomerCurrency = "Assumption: the per-currency copies of the customer balances that NetSweet customer.rb lists " +
		"read-only (customer-currencyListElement)"
	srcOpening = "Assumption: NetSuite takes an opening balance only when the record is created (it posts an opening " +
		"balance transaction then); NetSuite's refusal names such fields: the live SOAP INSUFFICIENT_PERMISSION " +
		"text quoted in public code (a NetSweet user's script, a TypeScript adapter test) ends \"3) The field is " +
		"available either when a record is created or updated, but not in both cases\""
	srcHistory = "Assumption: a log NetSuite keeps of the entity's subscription messages; nothing to write"

	srcVendorBalances = "NetSweet/netsuite vendor.rb read_only_fields :balance_primary, :balance, :unbilled_orders, " +
		":unbilled_orders_primary @1b32d683"

	srcSalesOrderTotals = "NetSweet/netsuite sales_order.rb read_only_fields :discount_total, :sub_total, :tax_total, " +
		":total, :est_gross_profit_percent @1b32d683; SOAP users fetching a sales order and sending it back hit " +
		"subtotal (volcengine Q&A, https://www.volcengine.com/article/3206015)"
	srcInvoiceTotals = "NetSweet/netsuite invoice.rb read_only_fields :sub_total, :discount_total, :total, " +
		":recognized_revenue, :amount_remaining, :amount_paid, :alt_shipping_cost, :gift_cert_applied, " +
		":handling_cost, :alt_handling_cost @1b32d683 (handlingCost is left out here, see above)"
	srcAltHandling = "NetSweet/netsuite invoice.rb read_only_fields :alt_handling_cost; NetSweet/netsuite PR #16 " +
		"\":alt_handling_cost field autocalcs & should be read only\""
	srcTaxTotal      = "NetSweet/netsuite read_only_fields :tax_total in sales_order.rb, credit_memo.rb, opportunity.rb @1b32d683"
	srcTotalsAssumed = "Assumption: a header total NetSuite computes from the lines, like subtotal and total " +
		"(NetSweet sales_order.rb, invoice.rb)"
	srcStatus = "Assumption: the status NetSuite derives from the transaction's lines and links (orderStatus or " +
		"approvalStatus is what is written); NetSweet/netsuite vendor_bill.rb read_only_fields :status @1b32d683"
	srcLinkedTracking = "Assumption: tracking numbers NetSuite gathers from the linked fulfillments' packages " +
		"(trackingNumbers is the writable field)"
	srcTransactionNumber = "Assumption: the transaction number NetSuite assigns when transaction numbering is on " +
		"(tranId is the writable document number)"
	srcCreatedFrom = "Assumption: the source transaction is fixed when the record is made (by !transform or on create); " +
		"NetSuite does refuse createdFrom in some cases (\"You do not have permission to set a value for element " +
		"Created From\", Expensify's NS0068 help page)"
	srcLineAmount = "Assumption: NetSuite computes a line's amount as quantity × rate (the emulator does too); with both " +
		"given, the amount of a fetched line is stale as soon as either changes, so it is dropped and NetSuite recomputes " +
		"it. Counter-evidence: NetSuite accepts an explicit amount beside quantity and rate (getlago/lago-api PR #2874 sends " +
		"one to avoid rounding), which this rule gives up; Rules.Without removes it"
	srcLineQuantities = "Assumption: stock and fulfilment figures NetSuite computes for the line's item and location " +
		"(the line's own quantity is what is written)"
	srcLineItemInfo = "Assumption: copied from the line's item record"
	srcCostEstimate = "NetSweet/netsuite issue #345: \"Fields like cost_estimate cannot be updated on sales order items\""
	srcGrossProfit  = "Assumption: computed from amount and costEstimate, like estGrossProfitPercent (NetSweet " +
		"sales_order.rb :est_gross_profit_percent)"
	srcQuantityRemaining = "NetSweet/netsuite read_only_fields :quantity_remaining in invoice_item.rb and " +
		"item_fulfillment_item.rb @1b32d683"

	srcPayment = "NetSweet/netsuite customer_payment.rb read_only_fields :applied, :balance, :pending, :total, " +
		":unapplied @1b32d683"
	srcApplyInfo = "Assumption: columns describing the open document a payment line points at; the line is written " +
		"through apply, amount and its doc key"
	srcFulfillmentHandling = "NetSweet/netsuite item_fulfillment.rb read_only_fields :handling_cost @1b32d683"

	srcItemStock = "Assumption: stock and cost figures NetSuite keeps from inventory transactions (receipts, " +
		"fulfilments, adjustments); an item record does not set them"
	srcItemType       = "Assumption: the item's type, fixed by the record type in the URL"
	srcCorrelated     = "Assumption: statistics NetSuite computes from sales (correlation, lift, counts)"
	srcAccountBalance = "Assumption: an account's balance comes from posted transactions, like the entity balances " +
		"NetSweet customer.rb and vendor.rb list read-only"
	srcFullName         = "Assumption: the hierarchical name NetSuite builds from name and parent (\"Parent : Child\")"
	srcInventoryBalance = "Assumption: a search sublist listing stock per item (Oracle names search sublists among " +
		"the sublist kinds, ns:chapter_1545142407); nothing to write"
	srcDaysOverdue    = "Assumption: days since the oldest overdue invoice fell due, computed like the aging buckets"
	srcSalesDates     = "Assumption: dates NetSuite takes from the customer's sales orders and sales"
	srcVendorCurrency = "Assumption: the per-currency copies of the vendor balances NetSweet vendor.rb lists read-only"
	srcDeferred       = "Assumption: the counterpart of recognizedRevenue (NetSweet invoice.rb)"
	srcPOVendor       = "Assumption: the vendor's figures shown on the order, computed like the vendor balances (NetSweet vendor.rb)"
	srcFromOrderLine  = "Assumption: copied from the sales order line the invoice line bills"
	srcInternalID     = "Assumption: the internal ID again (items and lists repeat it as internalId), read-only as id is; " + srcID
	srcCurrencyInfo   = "Assumption: derived from the company's base currency and the currency's format settings"
)

// r builds a rule for both operations, always.
func r(recordType, path string, kind Kind, source, note string) Rule {
	return Rule{RecordType: recordType, Path: path, Kind: kind, Source: source, Note: note}
}

// on restricts a rule to some operations.
func on(ops Op, rule Rule) Rule { rule.Ops = ops; return rule }

// when narrows a rule with a condition.
func when(c Condition, rule Rule) Rule { rule.When = c; return rule }

// table is the curated table, one rule a line: record type, path, kind,
// source, and what the field is.
var table = []Rule{
	// Every record type: the internal ID, links, display names, paging, system dates and address texts, at every level where they occur.
	r("*", "id", KindSystem, srcID, "internal ID"),
	r("*", "internalId", KindSystem, srcInternalID, "internal ID (items, lists)"),
	r("*", "refName", KindDisplay, srcRefName, "display name of the record"),
	r("*", "**.links", KindSchema, srcLinks, "links to the record and its parts"),
	r("*", "**.*[].refName", KindDisplay, srcLineRefName, "display name of a sublist line"),
	when(WithSiblings, r("*", "**.*.refName", KindDisplay, srcNestedRefName, "display name of a reference")),
	when(InCollection, r("*", "**.*.count", KindSchema, srcCollection, "collection paging")),
	when(InCollection, r("*", "**.*.hasMore", KindSchema, srcCollection, "collection paging")),
	when(InCollection, r("*", "**.*.offset", KindSchema, srcCollection, "collection paging")),
	when(InCollection, r("*", "**.*.totalResults", KindSchema, srcCollection, "collection paging")),
	r("*", "**.dateCreated", KindSystem, srcDateCreated, "creation date (entities)"),
	r("*", "**.createdDate", KindSystem, srcCreatedDate, "creation date (transactions, items)"),
	r("*", "**.lastModifiedDate", KindSystem, srcLastModified, "last modification date"),
	r("*", "**.addrText", KindDisplay, srcAddrText, "address as text"),
	r("*", "**.addressBookAddress_text", KindDisplay, srcAddressText, "address book address as text"),
	r("*", "billingAddress_text", KindDisplay, srcAddressText, "billing address as text"),
	r("*", "shippingAddress_text", KindDisplay, srcAddressText, "shipping address as text"),
	r("*", "returnShippingAddress_text", KindDisplay, srcAddressText, "return address as text"),
	r("*", "**.inventoryAssignment[].quantityAvailable", KindCalculated, srcLineQuantities, "available quantity of a lot or bin"),

	// Custom record types (customrecord...).
	r("customrecord_*", "created", KindSystem, srcCustomDates, "creation date"),
	r("customrecord_*", "lastModified", KindSystem, srcCustomDates, "last modification date"),

	// customer: A/R balances and aging, derived dates, per-currency balances; opening balances on create only.
	r("customer", "balance", KindCalculated, srcCustomerBalance, "A/R balance"),
	r("customer", "overdueBalance", KindCalculated, srcCustomerBalances, "overdue A/R balance"),
	r("customer", "depositBalance", KindCalculated, srcCustomerBalances, "unapplied customer deposits"),
	r("customer", "unbilledOrders", KindCalculated, srcCustomerBalances, "orders not yet billed"),
	r("customer", "consolBalance", KindCalculated, srcCustomerBalances, "A/R balance with sub-customers"),
	r("customer", "consolOverdueBalance", KindCalculated, srcCustomerBalances, "overdue balance with sub-customers"),
	r("customer", "consolDepositBalance", KindCalculated, srcCustomerBalances, "deposit balance with sub-customers"),
	r("customer", "consolUnbilledOrders", KindCalculated, srcCustomerBalances, "unbilled orders with sub-customers"),
	r("customer", "aging", KindCalculated, srcAging, "A/R current"),
	r("customer", "aging1", KindCalculated, srcAging, "A/R 1-30 days"),
	r("customer", "aging2", KindCalculated, srcAging, "A/R 31-60 days"),
	r("customer", "aging3", KindCalculated, srcAging, "A/R 61-90 days"),
	r("customer", "aging4", KindCalculated, srcAging, "A/R over 90 days"),
	r("customer", "consolAging", KindCalculated, srcAging, "A/R current with sub-customers"),
	r("customer", "consolAging1", KindCalculated, srcAging, "A/R 1-30 days with sub-customers"),
	r("customer", "consolAging2", KindCalculated, srcAging, "A/R 31-60 days with sub-customers"),
	r("customer", "consolAging3", KindCalculated, srcAging, "A/R 61-90 days with sub-customers"),
	r("customer", "consolAging4", KindCalculated, srcAging, "A/R over 90 days with sub-customers"),
	r("customer", "daysOverdue", KindCalculated, srcDaysOverdue, "days overdue"),
	r("customer", "consolDaysOverdue", KindCalculated, srcDaysOverdue, "days overdue with sub-customers"),
	r("customer", "firstOrderDate", KindCalculated, srcSalesDates, "first sales order date"),
	r("customer", "lastOrderDate", KindCalculated, srcSalesDates, "last sales order date"),
	r("customer", "firstSaleDate", KindCalculated, srcSalesDates, "first sale date"),
	r("customer", "lastSaleDate", KindCalculated, srcSalesDates, "last sale date"),
	r("customer", "topLevelParent", KindCalculated, "Assumption: the root of the parent chain, derived from parent", "top-level parent"),
	r("customer", "currencyList[].balance", KindCalculated, srcCustomerCurrency, "balance in one currency"),
	r("customer", "currencyList[].depositBalance", KindCalculated, srcCustomerCurrency, "balance in one currency"),
	r("customer", "currencyList[].overdueBalance", KindCalculated, srcCustomerCurrency, "balance in one currency"),
	r("customer", "currencyList[].unbilledOrders", KindCalculated, srcCustomerCurrency, "balance in one currency"),
	r("customer", "currencyList[].consolBalance", KindCalculated, srcCustomerCurrency, "balance in one currency"),
	r("customer", "currencyList[].consolDepositBalance", KindCalculated, srcCustomerCurrency, "balance in one currency"),
	r("customer", "currencyList[].consolOverdueBalance", KindCalculated, srcCustomerCurrency, "balance in one currency"),
	r("customer", "currencyList[].consolUnbilledOrders", KindCalculated, srcCustomerCurrency, "balance in one currency"),
	on(Update, r("customer", "openingBalance", KindCalculated, srcOpening, "opening balance")),
	on(Update, r("customer", "openingBalanceDate", KindCalculated, srcOpening, "opening balance date")),
	on(Update, r("customer", "openingBalanceAccount", KindCalculated, srcOpening, "opening balance account")),
	r("customer", "subscriptionMessageHistory", KindSystem, srcHistory, "subscription message history"),

	// vendor: A/P balances; opening balances on create only.
	r("vendor", "balance", KindCalculated, srcVendorBalances, "A/P balance"),
	r("vendor", "balancePrimary", KindCalculated, srcVendorBalances, "A/P balance in the primary currency"),
	r("vendor", "unbilledOrders", KindCalculated, srcVendorBalances, "purchase orders not yet billed"),
	r("vendor", "unbilledOrdersPrimary", KindCalculated, srcVendorBalances, "unbilled orders in the primary currency"),
	r("vendor", "prepaymentBalance", KindCalculated,
		"Assumption: the sum of unapplied vendor prepayments, computed like balance (NetSweet vendor.rb)", "prepayment balance"),
	r("vendor", "currencyList[].balance", KindCalculated, srcVendorCurrency, "balance in one currency"),
	r("vendor", "currencyList[].prepaymentBalance", KindCalculated, srcVendorCurrency, "balance in one currency"),
	r("vendor", "currencyList[].unbilledOrders", KindCalculated, srcVendorCurrency, "balance in one currency"),
	on(Update, r("vendor", "openingBalance", KindCalculated, srcOpening, "opening balance")),
	on(Update, r("vendor", "openingBalanceDate", KindCalculated, srcOpening, "opening balance date")),
	on(Update, r("vendor", "openingBalanceAccount", KindCalculated, srcOpening, "opening balance account")),
	r("vendor", "subscriptionMessageHistory", KindSystem, srcHistory, "subscription message history"),

	// employee (contact has only the rules of every type).
	r("employee", "subscriptionMessageHistory", KindSystem, srcHistory, "subscription message history"),

	// Items: the type, sales statistics, and for inventory items stock and cost figures.
	r("inventoryItem", "itemType", KindSystem, srcItemType, "item type"),
	r("nonInventorySaleItem", "itemType", KindSystem, srcItemType, "item type"),
	r("serviceSaleItem", "itemType", KindSystem, srcItemType, "item type"),

	// Items: the type, sales statistics, and for inventory items stock and cost figures.
	r("inventoryItem", "correlatedItems", KindCalculated, srcCorrelated, "correlated items statistics"),
	r("nonInventorySaleItem", "correlatedItems", KindCalculated, srcCorrelated, "correlated items statistics"),
	r("serviceSaleItem", "correlatedItems", KindCalculated, srcCorrelated, "correlated items statistics"),

	// Items: the type, sales statistics, and for inventory items stock and cost figures.
	r("inventoryItem", "averageCost", KindCalculated, srcItemStock, "stock or cost of the item"),
	r("inventoryItem", "lastPurchasePrice", KindCalculated, srcItemStock, "stock or cost of the item"),
	r("inventoryItem", "totalValue", KindCalculated, srcItemStock, "stock or cost of the item"),
	r("inventoryItem", "quantityAvailable", KindCalculated, srcItemStock, "stock or cost of the item"),
	r("inventoryItem", "quantityAvailableBase", KindCalculated, srcItemStock, "stock or cost of the item"),
	r("inventoryItem", "quantityBackOrdered", KindCalculated, srcItemStock, "stock or cost of the item"),
	r("inventoryItem", "quantityCommitted", KindCalculated, srcItemStock, "stock or cost of the item"),
	r("inventoryItem", "quantityOnHand", KindCalculated, srcItemStock, "stock or cost of the item"),
	r("inventoryItem", "quantityOnHandBase", KindCalculated, srcItemStock, "stock or cost of the item"),
	r("inventoryItem", "quantityOnOrder", KindCalculated, srcItemStock, "stock or cost of the item"),
	r("inventoryItem", "locations[].averageCostMli", KindCalculated, srcItemStock, "stock or cost at one location"),
	r("inventoryItem", "locations[].lastPurchasePriceMli", KindCalculated, srcItemStock, "stock or cost at one location"),
	r("inventoryItem", "locations[].onHandValueMli", KindCalculated, srcItemStock, "stock or cost at one location"),
	r("inventoryItem", "locations[].quantityAvailable", KindCalculated, srcItemStock, "stock or cost at one location"),
	r("inventoryItem", "locations[].quantityAvailableBase", KindCalculated, srcItemStock, "stock or cost at one location"),
	r("inventoryItem", "locations[].quantityBackOrdered", KindCalculated, srcItemStock, "stock or cost at one location"),
	r("inventoryItem", "locations[].quantityCommitted", KindCalculated, srcItemStock, "stock or cost at one location"),
	r("inventoryItem", "locations[].quantityInTransit", KindCalculated, srcItemStock, "stock or cost at one location"),
	r("inventoryItem", "locations[].qtyInTransitExternal", KindCalculated, srcItemStock, "stock or cost at one location"),
	r("inventoryItem", "locations[].quantityOnHand", KindCalculated, srcItemStock, "stock or cost at one location"),
	r("inventoryItem", "locations[].quantityOnHandBase", KindCalculated, srcItemStock, "stock or cost at one location"),
	r("inventoryItem", "locations[].quantityOnOrder", KindCalculated, srcItemStock, "stock or cost at one location"),
	r("inventoryItem", "locations[].locationqtyavailforstorepickup", KindCalculated, srcItemStock, "stock or cost at one location"),
	r("inventoryItem", "binNumber[].onHand", KindCalculated, srcItemStock, "stock in one bin"),
	r("inventoryItem", "binNumber[].onHandAvail", KindCalculated, srcItemStock, "stock in one bin"),
	r("inventoryItem", "consignedlocations", KindCalculated, srcItemStock, "consigned stock per location"),

	// salesOrder: header totals and derived fields; line amount with quantity and rate; line stock figures.
	r("salesOrder", "subtotal", KindCalculated, srcSalesOrderTotals, "header total"),
	r("salesOrder", "discountTotal", KindCalculated, srcSalesOrderTotals, "header total"),
	r("salesOrder", "total", KindCalculated, srcSalesOrderTotals, "header total"),
	r("salesOrder", "estGrossProfitPercent", KindCalculated, srcSalesOrderTotals, "header total"),
	r("salesOrder", "taxTotal", KindCalculated, srcTaxTotal, "tax total"),
	r("salesOrder", "altHandlingCost", KindCalculated, srcAltHandling, "handling cost from the shipping method"),
	r("salesOrder", "giftCertApplied", KindCalculated,
		"NetSweet/netsuite invoice.rb read_only_fields :gift_cert_applied @1b32d683 (same field on sales orders)", "gift certificates applied"),
	r("salesOrder", "recognizedRevenue", KindCalculated,
		"NetSweet/netsuite invoice.rb read_only_fields :recognized_revenue @1b32d683 (same field on sales orders)", "recognized revenue"),
	r("salesOrder", "deferredRevenue", KindCalculated, srcDeferred, "deferred revenue"),
	r("salesOrder", "estGrossProfit", KindCalculated, srcTotalsAssumed, "header total"),
	r("salesOrder", "totalCostEstimate", KindCalculated, srcTotalsAssumed, "header total"),
	r("salesOrder", "tax2Total", KindCalculated, srcTotalsAssumed, "header total"),
	r("salesOrder", "totalAfterTaxes", KindCalculated, srcTotalsAssumed, "header total"),
	r("salesOrder", "status", KindCalculated, srcStatus, "status"),
	r("salesOrder", "linkedTrackingNumbers", KindCalculated, srcLinkedTracking, "tracking numbers of linked fulfillments"),
	r("salesOrder", "transactionNumber", KindSystem, srcTransactionNumber, "transaction number"),
	on(Update, r("salesOrder", "createdFrom", KindSystem, srcCreatedFrom, "source transaction")),
	when(QuantityAndRate, r("salesOrder", "item[].amount", KindCalculated, srcLineAmount, "line amount = quantity × rate")),
	r("salesOrder", "item[].costEstimate", KindCalculated, srcCostEstimate, "line cost estimate"),
	r("salesOrder", "item[].estGrossProfit", KindCalculated, srcGrossProfit, "line gross profit"),
	r("salesOrder", "item[].estGrossProfitPercent", KindCalculated, srcGrossProfit, "line gross profit"),
	r("salesOrder", "item[].quantityAvailable", KindCalculated, srcLineQuantities, "line stock or fulfilment figure"),
	r("salesOrder", "item[].quantityOnHand", KindCalculated, srcLineQuantities, "line stock or fulfilment figure"),
	r("salesOrder", "item[].quantityCommitted", KindCalculated, srcLineQuantities, "line stock or fulfilment figure"),
	r("salesOrder", "item[].quantityFulfilled", KindCalculated, srcLineQuantities, "line stock or fulfilment figure"),
	r("salesOrder", "item[].quantityPicked", KindCalculated, srcLineQuantities, "line stock or fulfilment figure"),
	r("salesOrder", "item[].quantityPacked", KindCalculated, srcLineQuantities, "line stock or fulfilment figure"),
	r("salesOrder", "item[].quantityReceived", KindCalculated, srcLineQuantities, "line stock or fulfilment figure"),
	r("salesOrder", "item[].quantityAllocated", KindCalculated, srcLineQuantities, "line stock or fulfilment figure"),
	r("salesOrder", "item[].quantityDemandAllocated", KindCalculated, srcLineQuantities, "line stock or fulfilment figure"),
	r("salesOrder", "item[].quantityBackOrdered", KindCalculated, srcLineQuantities, "line stock or fulfilment figure"),
	r("salesOrder", "item[].quantityBilled", KindCalculated, srcLineQuantities, "line stock or fulfilment figure"),
	r("salesOrder", "item[].itemType", KindCalculated, srcLineItemInfo, "item information"),
	r("salesOrder", "item[].itemSubtype", KindCalculated, srcLineItemInfo, "item information"),
	r("salesOrder", "item[].lastPurchasePrice", KindCalculated, srcLineItemInfo, "item information"),
	r("salesOrder", "item[].daysLate", KindCalculated, "Assumption: computed from the expected ship date and today", "days late"),
	r("salesOrder", "item[].createdPo", KindSystem,
		"Assumption: the purchase order NetSuite created for the line (createPo is what is written)", "created purchase order"),

	// invoice: header totals and payment figures; line figures.
	r("invoice", "subtotal", KindCalculated, srcInvoiceTotals, "header total or payment figure"),
	r("invoice", "discountTotal", KindCalculated, srcInvoiceTotals, "header total or payment figure"),
	r("invoice", "total", KindCalculated, srcInvoiceTotals, "header total or payment figure"),
	r("invoice", "recognizedRevenue", KindCalculated, srcInvoiceTotals, "header total or payment figure"),
	r("invoice", "amountRemaining", KindCalculated, srcInvoiceTotals, "header total or payment figure"),
	r("invoice", "amountPaid", KindCalculated, srcInvoiceTotals, "header total or payment figure"),
	r("invoice", "altShippingCost", KindCalculated, srcInvoiceTotals, "header total or payment figure"),
	r("invoice", "giftCertApplied", KindCalculated, srcInvoiceTotals, "header total or payment figure"),
	r("invoice", "altHandlingCost", KindCalculated, srcAltHandling, "handling cost from the shipping method"),
	r("invoice", "taxTotal", KindCalculated, srcTaxTotal, "tax total"),
	r("invoice", "amountRemainingTotalBox", KindCalculated,
		"Assumption: amountRemaining as the total box shows it (NetSweet invoice.rb :amount_remaining)", "amount remaining"),
	r("invoice", "deferredRevenue", KindCalculated, srcDeferred, "deferred revenue"),
	r("invoice", "estGrossProfit", KindCalculated, srcTotalsAssumed, "header total"),
	r("invoice", "estGrossProfitPercent", KindCalculated, srcTotalsAssumed, "header total"),
	r("invoice", "totalCostEstimate", KindCalculated, srcTotalsAssumed, "header total"),
	r("invoice", "tax2Total", KindCalculated, srcTotalsAssumed, "header total"),
	r("invoice", "totalAfterTaxes", KindCalculated, srcTotalsAssumed, "header total"),
	r("invoice", "status", KindCalculated, srcStatus, "status"),
	r("invoice", "linkedTrackingNumbers", KindCalculated, srcLinkedTracking, "tracking numbers of linked fulfillments"),
	r("invoice", "transactionNumber", KindSystem, srcTransactionNumber, "transaction number"),
	on(Update, r("invoice", "createdFrom", KindSystem, srcCreatedFrom, "source transaction")),
	when(QuantityAndRate, r("invoice", "item[].amount", KindCalculated, srcLineAmount, "line amount = quantity × rate")),
	r("invoice", "item[].quantityRemaining", KindCalculated, srcQuantityRemaining, "quantity left to bill"),
	r("invoice", "item[].quantityRemainingDisplay", KindCalculated,
		"Assumption: quantityRemaining as displayed ("+srcQuantityRemaining+")", "quantity left to bill"),
	r("invoice", "item[].quantityOrdered", KindCalculated, srcFromOrderLine, "quantity ordered"),
	r("invoice", "item[].amountOrdered", KindCalculated, srcFromOrderLine, "amount ordered"),
	r("invoice", "item[].estGrossProfit", KindCalculated, srcGrossProfit, "line gross profit"),
	r("invoice", "item[].estGrossProfitPercent", KindCalculated, srcGrossProfit, "line gross profit"),
	r("invoice", "item[].quantityAvailable", KindCalculated, srcLineQuantities, "line stock or fulfilment figure"),
	r("invoice", "item[].quantityOnHand", KindCalculated, srcLineQuantities, "line stock or fulfilment figure"),
	r("invoice", "item[].quantityCommitted", KindCalculated, srcLineQuantities, "line stock or fulfilment figure"),
	r("invoice", "item[].quantityFulfilled", KindCalculated, srcLineQuantities, "line stock or fulfilment figure"),
	r("invoice", "item[].quantityPicked", KindCalculated, srcLineQuantities, "line stock or fulfilment figure"),
	r("invoice", "item[].quantityPacked", KindCalculated, srcLineQuantities, "line stock or fulfilment figure"),
	r("invoice", "item[].quantityReceived", KindCalculated, srcLineQuantities, "line stock or fulfilment figure"),
	r("invoice", "item[].quantityAllocated", KindCalculated, srcLineQuantities, "line stock or fulfilment figure"),
	r("invoice", "item[].quantityDemandAllocated", KindCalculated, srcLineQuantities, "line stock or fulfilment figure"),
	r("invoice", "item[].itemType", KindCalculated, srcLineItemInfo, "item information"),
	r("invoice", "item[].itemSubtype", KindCalculated, srcLineItemInfo, "item information"),
	r("invoice", "item[].lastPurchasePrice", KindCalculated, srcLineItemInfo, "item information"),

	// purchaseOrder: header totals; line figures.
	r("purchaseOrder", "subtotal", KindCalculated, srcTotalsAssumed, "header total"),
	r("purchaseOrder", "total", KindCalculated, srcTotalsAssumed, "header total"),
	r("purchaseOrder", "taxTotal", KindCalculated, srcTotalsAssumed, "header total"),
	r("purchaseOrder", "tax2Total", KindCalculated, srcTotalsAssumed, "header total"),
	r("purchaseOrder", "totalAfterTaxes", KindCalculated, srcTotalsAssumed, "header total"),
	r("purchaseOrder", "balance", KindCalculated, srcPOVendor, "vendor balance"),
	r("purchaseOrder", "unbilledOrders", KindCalculated, srcPOVendor, "vendor balance"),
	r("purchaseOrder", "availableVendorCredit", KindCalculated, srcPOVendor, "vendor balance"),
	r("purchaseOrder", "status", KindCalculated, srcStatus, "status"),
	r("purchaseOrder", "linkedTrackingNumbers", KindCalculated, srcLinkedTracking, "tracking numbers of linked receipts"),
	r("purchaseOrder", "transactionNumber", KindSystem, srcTransactionNumber, "transaction number"),
	on(Update, r("purchaseOrder", "createdFrom", KindSystem, srcCreatedFrom, "source transaction")),
	when(QuantityAndRate, r("purchaseOrder", "item[].amount", KindCalculated, srcLineAmount, "line amount = quantity × rate")),
	r("purchaseOrder", "item[].quantityAvailable", KindCalculated, srcLineQuantities, "line stock or receipt figure"),
	r("purchaseOrder", "item[].quantityOnHand", KindCalculated, srcLineQuantities, "line stock or receipt figure"),
	r("purchaseOrder", "item[].quantityCommitted", KindCalculated, srcLineQuantities, "line stock or receipt figure"),
	r("purchaseOrder", "item[].quantityFulfilled", KindCalculated, srcLineQuantities, "line stock or receipt figure"),
	r("purchaseOrder", "item[].quantityPicked", KindCalculated, srcLineQuantities, "line stock or receipt figure"),
	r("purchaseOrder", "item[].quantityPacked", KindCalculated, srcLineQuantities, "line stock or receipt figure"),
	r("purchaseOrder", "item[].quantityReceived", KindCalculated, srcLineQuantities, "line stock or receipt figure"),
	r("purchaseOrder", "item[].quantityAllocated", KindCalculated, srcLineQuantities, "line stock or receipt figure"),
	r("purchaseOrder", "item[].quantityDemandAllocated", KindCalculated, srcLineQuantities, "line stock or receipt figure"),
	r("purchaseOrder", "item[].quantityBilled", KindCalculated, srcLineQuantities, "line stock or receipt figure"),
	r("purchaseOrder", "item[].quantityOnShipments", KindCalculated, srcLineQuantities, "line stock or receipt figure"),
	r("purchaseOrder", "item[].itemType", KindCalculated, srcLineItemInfo, "item information"),
	r("purchaseOrder", "item[].itemSubtype", KindCalculated, srcLineItemInfo, "item information"),
	r("purchaseOrder", "item[].lastPurchasePrice", KindCalculated, srcLineItemInfo, "item information"),

	// customerPayment: payment figures; the descriptive columns of apply, credit and deposit lines.
	r("customerPayment", "applied", KindCalculated, srcPayment, "payment figure"),
	r("customerPayment", "balance", KindCalculated, srcPayment, "payment figure"),
	r("customerPayment", "pending", KindCalculated, srcPayment, "payment figure"),
	r("customerPayment", "total", KindCalculated, srcPayment, "payment figure"),
	r("customerPayment", "unapplied", KindCalculated, srcPayment, "payment figure"),
	r("customerPayment", "consolidateBalance", KindCalculated,
		"Assumption: the customer's consolidated balance, like consolBalance (NetSweet customer.rb)", "consolidated balance"),
	r("customerPayment", "status", KindCalculated, srcStatus, "status"),
	r("customerPayment", "transactionNumber", KindSystem, srcTransactionNumber, "transaction number"),
	r("customerPayment", "apply[].due", KindDisplay, srcApplyInfo, "open invoice information"),
	r("customerPayment", "apply[].total", KindDisplay, srcApplyInfo, "open invoice information"),
	r("customerPayment", "apply[].refNum", KindDisplay, srcApplyInfo, "open invoice information"),
	r("customerPayment", "apply[].type", KindDisplay, srcApplyInfo, "open invoice information"),
	r("customerPayment", "apply[].applyDate", KindDisplay, srcApplyInfo, "open invoice information"),
	r("customerPayment", "apply[].currency", KindDisplay, srcApplyInfo, "open invoice information"),
	r("customerPayment", "apply[].jobName", KindDisplay, srcApplyInfo, "open invoice information"),
	r("customerPayment", "credit[].due", KindDisplay, srcApplyInfo, "open credit information"),
	r("customerPayment", "credit[].total", KindDisplay, srcApplyInfo, "open credit information"),
	r("customerPayment", "credit[].refNum", KindDisplay, srcApplyInfo, "open credit information"),
	r("customerPayment", "credit[].type", KindDisplay, srcApplyInfo, "open credit information"),
	r("customerPayment", "credit[].creditDate", KindDisplay, srcApplyInfo, "open credit information"),
	r("customerPayment", "credit[].currency", KindDisplay, srcApplyInfo, "open credit information"),
	r("customerPayment", "credit[].appliedTo", KindDisplay, srcApplyInfo, "open credit information"),
	r("customerPayment", "deposit[].total", KindDisplay, srcApplyInfo, "open deposit information"),
	r("customerPayment", "deposit[].remaining", KindDisplay, srcApplyInfo, "open deposit information"),
	r("customerPayment", "deposit[].refNum", KindDisplay, srcApplyInfo, "open deposit information"),
	r("customerPayment", "deposit[].depositDate", KindDisplay, srcApplyInfo, "open deposit information"),
	r("customerPayment", "deposit[].currencyName", KindDisplay, srcApplyInfo, "open deposit information"),

	// itemFulfillment.
	r("itemFulfillment", "handlingCost", KindCalculated, srcFulfillmentHandling, "handling cost"),
	r("itemFulfillment", "status", KindCalculated,
		srcStatus+" (shipStatus is what is written)", "status"),
	r("itemFulfillment", "transactionNumber", KindSystem, srcTransactionNumber, "transaction number"),
	on(Update, r("itemFulfillment", "createdFrom", KindSystem, srcCreatedFrom, "order fulfilled")),
	r("itemFulfillment", "item[].quantityRemaining", KindCalculated, srcQuantityRemaining, "quantity left to fulfil"),
	r("itemFulfillment", "item[].quantityRemainingDisplay", KindCalculated,
		"Assumption: quantityRemaining as displayed ("+srcQuantityRemaining+")", "quantity left to fulfil"),
	r("itemFulfillment", "item[].onHand", KindCalculated, srcLineQuantities, "stock on hand"),
	r("itemFulfillment", "item[].itemType", KindCalculated, srcLineItemInfo, "item information"),
	r("itemFulfillment", "item[].itemSubtype", KindCalculated, srcLineItemInfo, "item information"),

	// Lists: account balances, hierarchical names, currency and location specifics (term has only the rules of every type).
	r("account", "balance", KindCalculated, srcAccountBalance, "account balance"),
	r("account", "availableBalance", KindCalculated, srcAccountBalance, "account balance"),
	r("account", "fxBalance", KindCalculated, srcAccountBalance, "account balance"),
	on(Update, r("account", "openingBalance", KindCalculated, srcOpening, "opening balance")),
	r("account", "fullName", KindDisplay, srcFullName, "hierarchical name"),
	r("account", "displayNameWithHierarchy", KindDisplay, srcFullName, "hierarchical name"),
	r("subsidiary", "fullName", KindDisplay, srcFullName, "hierarchical name"),
	r("department", "fullName", KindDisplay, srcFullName, "hierarchical name"),
	r("classification", "fullName", KindDisplay, srcFullName, "hierarchical name"),
	r("location", "fullName", KindDisplay, srcFullName, "hierarchical name"),
	r("location", "inventoryBalance", KindCalculated, srcInventoryBalance, "stock at the location"),
	r("currency", "isBaseCurrency", KindCalculated, srcCurrencyInfo, "base currency flag"),
	r("currency", "formatSample", KindDisplay, srcCurrencyInfo, "amount format sample"),
}
