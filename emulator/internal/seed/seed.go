package seed

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Creator creates records. The emulator wires it to its record service, which
// validates a body exactly as NetSuite validates a POST to the REST record API.
type Creator interface {
	// Create creates a record from a REST API request body (the JSON a client
	// would POST) and returns its internal ID.
	Create(ctx context.Context, recordType string, body []byte) (id string, err error)
}

// A FieldsCreator is a Creator that also takes a body already decoded, which
// spares Demo encoding each body and the Creator decoding it again: the
// largest cost per record after validation on the emulator's bulk path,
// which implements it. Demo uses CreateFields when c has it.
type FieldsCreator interface {
	Creator
	// CreateFields creates a record from the request body Create would get,
	// as encoding/json's Decoder with UseNumber decodes it: objects as
	// map[string]any, arrays as []any, numbers as json.Number, and strings
	// and bools. Demo gives each map once; the Creator may keep or change it.
	CreateFields(ctx context.Context, recordType string, fields map[string]any) (id string, err error)
}

// Options configure Demo.
type Options struct {
	// Seed makes the data deterministic: the same Seed, Records and Now give
	// byte-identical bodies in the same order.
	Seed uint64
	// Records is the total number of records to create. 0, or any value up to
	// the default demo size (DefaultRecords), gives the default demo size;
	// larger values scale customers, items and sales orders up so that exactly
	// Records records are created (e.g. 1,000,000 for benchmarks).
	Records int
	// Now is "today" for dates: transaction dates fall in the twelve months up
	// to and including Now's calendar day in Now's location. Required; Demo
	// never reads the wall clock.
	Now time.Time
	// Progress, when set, is called with (0, total) before the first record,
	// then each time another 1% of the records has been created, and with
	// (total, total) at the end. It runs on the caller's goroutine.
	Progress func(done, total int)
}

// Summary reports what Demo created: counts per record type and the internal
// IDs of well-known records that docs, examples and tests can name.
type Summary struct {
	// Counts maps record type names (as passed to Create) to how many records
	// of the type were created.
	Counts map[string]int
	// Total is the number of records created.
	Total int

	// The subsidiaries: the parent and its two children.
	ParentSubsidiary, USSubsidiary, UKCanadaSubsidiary string
	// Currencies maps ISO codes (USD, GBP, CAD, EUR) to internal IDs.
	Currencies map[string]string
	// DemoCustomer is the customer named DemoCustomerName, external ID
	// DemoCustomerExternalID, for every seed.
	DemoCustomer string
	// DemoContact is a contact of the demo customer.
	DemoContact string
	// DemoVendor is the first vendor (Cascade Woodworks LLC).
	DemoVendor string
	// DemoEmployee is the first sales rep (VP of Sales).
	DemoEmployee string
	// DemoItem is the inventory item with itemId DemoItemID.
	DemoItem string
	// DemoSalesOrder is the first sales order of the demo customer, or the
	// first sales order when it has none.
	DemoSalesOrder string
	// DemoInvoice is the first invoice.
	DemoInvoice string
	// DemoPurchaseOrder is the first purchase order.
	DemoPurchaseOrder string
}

// Demo creates the demo company's records through c, in dependency order
// (currencies and subsidiaries, then lists, entities, items and transactions),
// each referring to earlier records by the IDs c returned. It stops at the
// first error: when ctx is done it returns ctx.Err(); a Create error is
// returned wrapped. The Summary describes what was created so far, also on
// error.
func Demo(ctx context.Context, c Creator, opts Options) (*Summary, error) {
	if c == nil {
		return nil, errors.New("seed: nil Creator")
	}
	if opts.Now.IsZero() {
		return nil, errors.New("seed: Options.Now is required")
	}
	if opts.Records < 0 {
		return nil, fmt.Errorf("seed: Options.Records is %d; use 0 for the default size or more", opts.Records)
	}
	g := newGenerator(ctx, c, opts, planFor(opts.Records))
	err := g.run()
	return g.sum, err
}

// plan is how many records of each kind a run creates. The lists (currencies
// to shipping zones), employees, vendors, contacts, invoices and purchase
// orders have fixed sizes; customers, items and sales orders scale.
type plan struct {
	customers, contacts, items, salesOrders, invoices, purchaseOrders int
}

// The scaled parts of the default demo.
const (
	defaultCustomers   = 50
	defaultItems       = 20
	defaultSalesOrders = 100
	defaultContacts    = 20
	defaultInvoices    = 40
	purchaseOrderCount = 2
)

var defaultPlan = plan{
	customers:      defaultCustomers,
	contacts:       defaultContacts,
	items:          defaultItems,
	salesOrders:    defaultSalesOrders,
	invoices:       defaultInvoices,
	purchaseOrders: purchaseOrderCount,
}

// fixedRecords counts the records whose number never scales.
func fixedRecords() int {
	return len(currencies) + len(subsidiaries) + len(departments) + len(classifications) + len(locations) +
		len(terms) + len(accounts) + len(shippingZones) + len(staff) + len(vendorDefs) +
		defaultContacts + defaultInvoices + purchaseOrderCount
}

// DefaultRecords is the number of records of the default demo.
var DefaultRecords = defaultPlan.total()

func (p plan) total() int {
	return fixedRecords() + p.customers + p.items + p.salesOrders
}

// planFor returns the plan for Options.Records: the default up to its size,
// else customers, items and sales orders scaled in the default's proportions
// (50:20:100) to make exactly records records.
func planFor(records int) plan {
	if records <= DefaultRecords {
		return defaultPlan
	}
	p := defaultPlan
	scaled := records - fixedRecords()
	unit := defaultCustomers + defaultItems + defaultSalesOrders
	p.customers = scaled * defaultCustomers / unit
	p.items = scaled * defaultItems / unit
	p.salesOrders = scaled - p.customers - p.items
	return p
}

// Counts returns how many records of each type Demo creates for the given
// Options.Records.
func Counts(records int) map[string]int {
	if records < 0 {
		records = 0
	}
	p := planFor(records)
	counts := map[string]int{
		"currency":                        len(currencies),
		"subsidiary":                      len(subsidiaries),
		"department":                      len(departments),
		"classification":                  len(classifications),
		"location":                        len(locations),
		"term":                            len(terms),
		"account":                         len(accounts),
		shippingZoneType:                  len(shippingZones),
		"employee":                        len(staff),
		"vendor":                          len(vendorDefs),
		"customer":                        p.customers,
		"contact":                         p.contacts,
		"salesOrder":                      p.salesOrders,
		"invoice":                         p.invoices,
		"purchaseOrder":                   p.purchaseOrders,
		itemRecordTypes[kindInventory]:    0,
		itemRecordTypes[kindNonInventory]: 0,
		itemRecordTypes[kindService]:      0,
	}
	full, rest := p.items/len(itemTemplates), p.items%len(itemTemplates)
	for i, t := range itemTemplates {
		n := full
		if i < rest {
			n++
		}
		counts[itemRecordTypes[t.kind]] += n
	}
	return counts
}

// shippingZoneType is the demo account's custom record type.
const shippingZoneType = "customrecord_shipping_zone"
