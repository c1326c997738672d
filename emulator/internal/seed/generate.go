package seed

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// Random streams: each section draws from its own PCG stream, so that a change
// to one section does not reshuffle the others.
const (
	streamEmployees uint64 = iota + 1
	streamVendors
	streamCustomers
	streamContacts
	streamItems
	streamSalesOrders
	streamInvoices
	streamPurchaseOrders
)

type customerRef struct {
	id       string
	region   uint8
	location uint8
	terms    uint8
}

type itemRef struct {
	id         string
	kind       uint8
	class      uint8
	rate, cost float64 // USD
}

type lineSrc struct {
	item     int
	quantity int
	rate     float64 // in the order's currency
	giftWrap bool
}

// orderSrc is what an invoice copies from its sales order.
type orderSrc struct {
	customer    int
	daysBack    int
	lines       []lineSrc
	otherRefNum string
	source      string
}

type generator struct {
	ctx   context.Context
	c     Creator
	opts  Options
	plan  plan
	today time.Time // Now's calendar day, at midnight UTC (date arithmetic only)

	sum            *Summary
	total, lastPct int

	currencyIDs, subsidiaryIDs, departmentIDs, classIDs, locationIDs, termIDs, accountIDs []string
	employeeIDs, vendorIDs                                                                []string

	namePerm  []int // customer name pairs, in this seed's order
	customers []customerRef
	items     []itemRef

	invoiceSlot map[int]int // sales order index -> invoice number
	invoiceSrc  []orderSrc
}

func newGenerator(ctx context.Context, c Creator, opts Options, p plan) *generator {
	y, m, d := opts.Now.Date()
	return &generator{
		ctx:   ctx,
		c:     c,
		opts:  opts,
		plan:  p,
		today: time.Date(y, m, d, 0, 0, 0, 0, time.UTC),
		sum:   &Summary{Counts: make(map[string]int), Currencies: make(map[string]string)},
		total: p.total(),
	}
}

func (g *generator) rng(stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(g.opts.Seed, stream))
}

func (g *generator) run() error {
	if g.opts.Progress != nil {
		g.opts.Progress(0, g.total)
	}
	for _, step := range []func() error{
		g.currencies, g.subsidiaries, g.departments, g.classifications, g.locations, g.terms, g.accounts,
		g.shippingZones, g.employees, g.vendors, g.customerList, g.contacts, g.itemList, g.salesOrders,
		g.invoices, g.purchaseOrders,
	} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// create encodes body (or decodes it, for a FieldsCreator), creates the
// record and reports progress.
func (g *generator) create(recordType string, body *object) (string, error) {
	if err := g.ctx.Err(); err != nil {
		return "", err
	}
	var id string
	if fc, ok := g.c.(FieldsCreator); ok {
		fields, err := body.decoded()
		if err != nil {
			return "", fmt.Errorf("seed: encode %s: %w", recordType, err)
		}
		id, err = fc.CreateFields(g.ctx, recordType, fields)
		if err != nil {
			return "", g.createErr(recordType, err)
		}
	} else {
		b, err := body.encode()
		if err != nil {
			return "", fmt.Errorf("seed: encode %s: %w", recordType, err)
		}
		if id, err = g.c.Create(g.ctx, recordType, b); err != nil {
			return "", g.createErr(recordType, err)
		}
	}
	if id == "" {
		return "", fmt.Errorf("seed: create %s #%d: the Creator returned an empty ID", recordType, g.sum.Counts[recordType]+1)
	}
	g.sum.Counts[recordType]++
	g.sum.Total++
	if g.opts.Progress != nil {
		if pct := g.sum.Total * 100 / g.total; pct > g.lastPct {
			g.lastPct = pct
			g.opts.Progress(g.sum.Total, g.total)
		}
	}
	return id, nil
}

// createErr is the error of a failed Create: ctx's when it is done.
func (g *generator) createErr(recordType string, err error) error {
	if cerr := g.ctx.Err(); cerr != nil {
		return cerr
	}
	return fmt.Errorf("seed: create %s #%d: %w", recordType, g.sum.Counts[recordType]+1, err)
}

// date is the calendar day daysBack days before today, as YYYY-MM-DD.
func (g *generator) date(daysBack int) string {
	return g.today.AddDate(0, 0, -daysBack).Format(time.DateOnly)
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// inCurrency converts a USD amount to currency cur.
func inCurrency(usd float64, cur int) float64 {
	return round2(usd / currencies[cur].usdPerUnit)
}

func (g *generator) currencies() error {
	g.currencyIDs = make([]string, len(currencies))
	for i, c := range currencies {
		body := newObject(8).
			set("name", c.name).
			set("symbol", c.iso).
			set("displaySymbol", c.symbol).
			set("currencyPrecision", 2).
			set("exchangeRate", c.usdPerUnit).
			set("isBaseCurrency", i == curUSD).
			set("symbolPlacement", ref(c.placement)).
			set("locale", ref(c.locale))
		id, err := g.create("currency", body)
		if err != nil {
			return err
		}
		g.currencyIDs[i] = id
		g.sum.Currencies[c.iso] = id
	}
	return nil
}

func (g *generator) subsidiaries() error {
	g.subsidiaryIDs = make([]string, len(subsidiaries))
	for i, s := range subsidiaries {
		body := newObject(8).set("name", s.name).set("legalName", s.legalName)
		if s.parent >= 0 {
			body.set("parent", ref(g.subsidiaryIDs[s.parent]))
		}
		addr := s.addr
		addr.addressee = s.legalName
		body.set("country", ref(s.country)).
			set("currency", ref(g.currencyIDs[s.currency])).
			set("email", s.email).
			set("mainAddress", addr.object())
		id, err := g.create("subsidiary", body)
		if err != nil {
			return err
		}
		g.subsidiaryIDs[i] = id
	}
	g.sum.ParentSubsidiary = g.subsidiaryIDs[subParent]
	g.sum.USSubsidiary = g.subsidiaryIDs[subUS]
	g.sum.UKCanadaSubsidiary = g.subsidiaryIDs[subUKCA]
	return nil
}

// segment creates departments and classifications: shared by every
// subsidiary through the parent and includeChildren.
func (g *generator) segment(recordType string, names []string) ([]string, error) {
	ids := make([]string, len(names))
	for i, name := range names {
		body := newObject(3).
			set("name", name).
			set("subsidiary", multi(g.subsidiaryIDs[subParent])).
			set("includeChildren", true)
		id, err := g.create(recordType, body)
		if err != nil {
			return nil, err
		}
		ids[i] = id
	}
	return ids, nil
}

func (g *generator) departments() (err error) {
	g.departmentIDs, err = g.segment("department", departments)
	return err
}

func (g *generator) classifications() (err error) {
	g.classIDs, err = g.segment("classification", classifications)
	return err
}

func (g *generator) locations() error {
	g.locationIDs = make([]string, len(locations))
	for i, l := range locations {
		body := newObject(6).
			set("name", l.name).
			set("externalId", l.externalID).
			set("subsidiary", multi(g.subsidiaryIDs[l.subsidiary])).
			set("timeZone", ref(l.timeZone)).
			set("makeInventoryAvailable", true).
			set("mainAddress", l.addr.object())
		id, err := g.create("location", body)
		if err != nil {
			return err
		}
		g.locationIDs[i] = id
	}
	return nil
}

func (g *generator) terms() error {
	g.termIDs = make([]string, len(terms))
	for i, t := range terms {
		body := newObject(3).set("name", t.name).set("daysUntilNetDue", t.days).set("preferred", t.preferred)
		id, err := g.create("term", body)
		if err != nil {
			return err
		}
		g.termIDs[i] = id
	}
	return nil
}

func (g *generator) accounts() error {
	g.accountIDs = make([]string, len(accounts))
	for i, a := range accounts {
		body := newObject(6).
			set("acctNumber", a.number).
			set("acctName", a.name).
			set("acctType", ref(a.typ)).
			set("description", a.description).
			set("subsidiary", multi(g.subsidiaryIDs[subParent])).
			set("includeChildren", true)
		id, err := g.create("account", body)
		if err != nil {
			return err
		}
		g.accountIDs[i] = id
	}
	return nil
}

func (g *generator) shippingZones() error {
	for _, z := range shippingZones {
		body := newObject(4).
			set("name", z.name).
			set("externalId", "ZONE-"+z.code).
			set("custrecord_zone_code", z.code).
			set("custrecord_zone_rate", z.rate)
		if _, err := g.create(shippingZoneType, body); err != nil {
			return err
		}
	}
	return nil
}

func (g *generator) employees() error {
	r := g.rng(streamEmployees)
	firsts, lasts := r.Perm(len(firstNames)), r.Perm(len(lastNames))
	g.employeeIDs = make([]string, len(staff))
	for i, s := range staff {
		first, last := firstNames[firsts[i]], lastNames[lasts[i]]
		phone := nanpPhone(r, "503")
		if s.subsidiary == subUKCA {
			phone = "+44 121 496 0" + strconv.Itoa(200+r.IntN(800))
		}
		daysBack := 365 + r.IntN(7*365)
		if i == 0 {
			daysBack = 9*365 + r.IntN(60) // the founder
		}
		body := newObject(14).
			set("externalId", fmt.Sprintf("EMP-%03d", i+1)).
			set("firstName", first).
			set("lastName", last).
			set("email", emailName(first, last)+"@honeycombholdings.example").
			set("phone", phone).
			set("title", s.title).
			set("subsidiary", ref(g.subsidiaryIDs[s.subsidiary]))
		if s.department >= 0 {
			body.set("department", ref(g.departmentIDs[s.department]))
		}
		if s.location >= 0 {
			body.set("location", ref(g.locationIDs[s.location]))
		}
		if s.supervisor >= 0 {
			body.set("supervisor", ref(g.employeeIDs[s.supervisor]))
		}
		body.set("hireDate", g.date(daysBack))
		if s.salesRep {
			body.set("issalesrep", true)
		}
		id, err := g.create("employee", body)
		if err != nil {
			return err
		}
		g.employeeIDs[i] = id
	}
	g.sum.DemoEmployee = g.employeeIDs[staffVPSales]
	return nil
}

func (g *generator) vendors() error {
	r := g.rng(streamVendors)
	g.vendorIDs = make([]string, len(vendorDefs))
	for i, v := range vendorDefs {
		addr, _ := randomAddress(r, v.region)
		addr.addressee = v.name
		body := newObject(12).
			set("externalId", fmt.Sprintf("VEND-%03d", i+1)).
			set("companyName", v.name).
			set("email", "ar@"+companySlug(v.name)+".example").
			set("phone", addr.phone).
			set("subsidiary", ref(g.subsidiaryIDs[regionSubsidiary[v.region]])).
			set("currency", ref(g.currencyIDs[regionCurrency[v.region]])).
			set("terms", ref(g.termIDs[v.terms])).
			set("accountNumber", "HC-"+strconv.Itoa(10000+r.IntN(90000)))
		if v.is1099 {
			body.set("is1099Eligible", true)
		}
		body.set("addressBook", collection(addressLine("Remit To", true, true, addr)))
		id, err := g.create("vendor", body)
		if err != nil {
			return err
		}
		g.vendorIDs[i] = id
	}
	g.sum.DemoVendor = g.vendorIDs[vendorCascade]
	return nil
}

// addressLine is one line of an addressBook sublist.
func addressLine(label string, billing, shipping bool, a address) *object {
	return newObject(4).
		set("defaultBilling", billing).
		set("defaultShipping", shipping).
		set("label", label).
		set("addressBookAddress", a.object())
}

// customerSlug is the domain label of customer i (0 is the demo customer).
func (g *generator) customerSlug(i int) string {
	if i == 0 {
		return demoCustomerSlug
	}
	k := i - 1
	pair, cycle := g.namePerm[k%len(g.namePerm)], k/len(g.namePerm)
	s := slug(customerFirst[pair/len(customerTrade)], customerTrade[pair%len(customerTrade)])
	if cycle > 0 {
		s += strconv.Itoa(cycle + 1)
	}
	return s
}

func pick(r *rand.Rand, weights ...int) int {
	sum := 0
	for _, w := range weights {
		sum += w
	}
	n := r.IntN(sum)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

func (g *generator) customerList() error {
	r := g.rng(streamCustomers)
	g.namePerm = r.Perm(len(customerFirst) * len(customerTrade))
	g.customers = make([]customerRef, 0, g.plan.customers)
	for i := range g.plan.customers {
		body, cref := g.customer(r, i)
		id, err := g.create("customer", body)
		if err != nil {
			return err
		}
		cref.id = id
		g.customers = append(g.customers, cref)
		if i == 0 {
			g.sum.DemoCustomer = id
		}
	}
	return nil
}

func (g *generator) customer(r *rand.Rand, i int) (*object, customerRef) {
	if i == 0 {
		return g.demoCustomer(), customerRef{region: regionUS, location: locReno, terms: termNet30}
	}
	region := regionUS
	switch u := r.IntN(100); {
	case u >= 88:
		region = regionCA
	case u >= 72:
		region = regionUK
	}
	addr, loc := randomAddress(r, region)

	k := i - 1
	pair, cycle := g.namePerm[k%len(g.namePerm)], k/len(g.namePerm)
	first, trade := customerFirst[pair/len(customerTrade)], customerTrade[pair%len(customerTrade)]
	suffixes := usSuffixes
	switch region {
	case regionUK:
		suffixes = ukSuffixes
	case regionCA:
		suffixes = caSuffixes
	}
	suffix := suffixes[r.IntN(len(suffixes))]
	if suffix == "Co." && strings.HasSuffix(trade, "Company") {
		suffix = "Inc."
	}
	name := first + " " + trade
	if suffix != "" {
		name += " " + suffix
	}
	if cycle > 0 {
		name += " (" + addr.city + ")"
	}
	s := g.customerSlug(i)
	addr.addressee = name

	var term int
	if region == regionUS {
		term = []int{termNet30, termNet15, termNet60, termDueOnReceipt}[pick(r, 55, 15, 10, 20)]
	} else {
		term = []int{termNet30, termNet60, termDueOnReceipt}[pick(r, 70, 20, 10)]
	}
	rep := staffAccountManagerUK
	if region == regionUS {
		rep = staffAccountExecutive
		if r.IntN(10) < 3 {
			rep = staffVPSales
		}
	}

	body := newObject(14)
	if r.IntN(10) < 6 {
		body.set("externalId", fmt.Sprintf("CUST-%04d", i+1))
	}
	body.set("companyName", name).
		set("isPerson", false).
		set("email", emailLocals[r.IntN(len(emailLocals))]+"@"+s+".example").
		set("phone", addr.phone).
		set("url", "https://www."+s+".example").
		set("subsidiary", ref(g.subsidiaryIDs[regionSubsidiary[region]])).
		set("currency", ref(g.currencyIDs[regionCurrency[region]])).
		set("terms", ref(g.termIDs[term])).
		set("salesRep", ref(g.employeeIDs[rep]))
	if r.IntN(2) == 0 {
		body.set("creditLimit", float64(2500*(1+r.IntN(20))))
	}
	if r.IntN(100) < 55 {
		body.set("custentity_loyalty_tier", loyaltyTiers[pick(r, 40, 30, 20, 10)])
	}
	lines := []*object{addressLine("Main Office", true, true, addr)}
	if r.IntN(5) == 0 {
		ship, _ := randomAddress(r, region)
		ship.addressee = name
		lines[0] = addressLine("Main Office", true, false, addr)
		lines = append(lines, addressLine("Warehouse", false, true, ship))
	}
	body.set("addressBook", collection(lines...))
	return body, customerRef{region: uint8(region), location: uint8(loc), terms: uint8(term)}
}

// demoCustomer is the same for every seed.
func (g *generator) demoCustomer() *object {
	greenhouse := address{
		addressee: DemoCustomerName, addr1: "8800 SE Foster Rd", addr2: "Greenhouse 2", city: "Portland",
		state: "OR", zip: "97266", country: "US", phone: "(503) 555-0124",
	}
	return newObject(14).
		set("externalId", DemoCustomerExternalID).
		set("companyName", DemoCustomerName).
		set("isPerson", false).
		set("email", "purchasing@"+demoCustomerSlug+".example").
		set("phone", demoCustomerAddress.phone).
		set("url", "https://www."+demoCustomerSlug+".example").
		set("subsidiary", ref(g.subsidiaryIDs[subUS])).
		set("currency", ref(g.currencyIDs[curUSD])).
		set("terms", ref(g.termIDs[termNet30])).
		set("salesRep", ref(g.employeeIDs[staffAccountExecutive])).
		set("creditLimit", 25000.0).
		set("custentity_loyalty_tier", "Gold").
		set("addressBook", collection(
			addressLine("Main Office", true, false, demoCustomerAddress),
			addressLine("Greenhouse", false, true, greenhouse),
		))
}

func (g *generator) contacts() error {
	r := g.rng(streamContacts)
	for j := range g.plan.contacts {
		ci := 0 // the demo customer's contact comes first
		if j > 0 {
			ci = r.IntN(len(g.customers))
		}
		c := g.customers[ci]
		first, last := firstNames[r.IntN(len(firstNames))], lastNames[r.IntN(len(lastNames))]
		phoneAddr, _ := randomAddress(r, int(c.region))
		body := newObject(7).
			set("firstName", first).
			set("lastName", last).
			set("email", emailName(first, last)+"@"+g.customerSlug(ci)+".example").
			set("phone", phoneAddr.phone).
			set("title", contactTitles[r.IntN(len(contactTitles))]).
			set("company", ref(c.id)).
			set("subsidiary", ref(g.subsidiaryIDs[regionSubsidiary[c.region]]))
		id, err := g.create("contact", body)
		if err != nil {
			return err
		}
		if j == 0 {
			g.sum.DemoContact = id
		}
	}
	return nil
}

// listPrice rounds a jittered price the way a catalogue prints it.
func listPrice(kind int, p float64) float64 {
	switch {
	case kind == kindService:
		return math.Max(5, math.Round(p/5)*5)
	case p >= 20:
		return math.Floor(p) + 0.99
	default:
		return round2(math.Floor(p*2)/2 + 0.49)
	}
}

// upc returns a 12-digit UPC-A code with a valid check digit.
func upc(r *rand.Rand) string {
	var b [12]byte
	sum := 0
	for i := range 11 {
		d := r.IntN(10)
		if i == 0 {
			d = 8 // a plausible manufacturer prefix
		}
		b[i] = byte('0' + d)
		if i%2 == 0 {
			sum += 3 * d
		} else {
			sum += d
		}
	}
	b[11] = byte('0' + (10-sum%10)%10)
	return string(b[:])
}

func (g *generator) itemList() error {
	r := g.rng(streamItems)
	g.items = make([]itemRef, 0, g.plan.items)
	for i := range g.plan.items {
		t := itemTemplates[i%len(itemTemplates)]
		v := i / len(itemTemplates)
		itemID, name := t.code, t.name
		if v > 0 {
			itemID = fmt.Sprintf("%s-V%d", t.code, v)
			name += " (" + variantName(v) + ")"
		}
		rate := listPrice(t.kind, t.price*(1+0.08*float64(v%5))*(0.96+0.08*r.Float64()))
		it := itemRef{kind: uint8(t.kind), class: uint8(t.class), rate: rate}

		body := newObject(20).
			set("itemId", itemID).
			set("displayName", name).
			set("salesDescription", t.description)
		if t.kind == kindInventory {
			it.cost = round2(rate * (0.42 + 0.15*r.Float64()))
			body.set("purchaseDescription", t.description).set("cost", it.cost)
		}
		body.set("rate", rate).
			set("class", ref(g.classIDs[t.class])).
			set("subsidiary", multi(g.subsidiaryIDs[subParent])).
			set("includeChildren", true).
			set("isTaxable", t.kind != kindService)
		if t.kind == kindService {
			body.set("incomeAccount", ref(g.accountIDs[acctServiceRevenue]))
		} else {
			body.set("incomeAccount", ref(g.accountIDs[acctProductSales]))
		}
		if t.kind == kindInventory {
			stock := 10 * (2 + r.IntN(20))
			body.set("cogsAccount", ref(g.accountIDs[acctCOGS])).
				set("assetAccount", ref(g.accountIDs[acctInventory])).
				set("upcCode", upc(r)).
				set("preferredLocation", ref(g.locationIDs[locReno])).
				set("reorderPoint", float64(stock/4)).
				set("preferredStockLevel", float64(stock))
		}
		if t.kind != kindService && t.weightLb > 0 {
			body.set("weight", t.weightLb).set("weightUnit", ref("1")) // 1 = lb
		}
		if t.kind != kindService {
			body.set("custitem_hazmat", t.hazmat)
		}
		id, err := g.create(itemRecordTypes[t.kind], body)
		if err != nil {
			return err
		}
		it.id = id
		g.items = append(g.items, it)
		if i == tmplDemoItem {
			g.sum.DemoItem = id
		}
	}
	return nil
}

// itemLine is one line of an item sublist.
func (g *generator) itemLine(l lineSrc) *object {
	it := g.items[l.item]
	o := newObject(5).
		set("item", ref(it.id)).
		set("quantity", l.quantity).
		set("rate", l.rate).
		set("class", ref(g.classIDs[it.class]))
	if l.giftWrap {
		o.set("custcol_gift_wrap", true)
	}
	return o
}

func (g *generator) itemLines(lines []lineSrc) *object {
	objs := make([]*object, len(lines))
	for i, l := range lines {
		objs[i] = g.itemLine(l)
	}
	return collection(objs...)
}

func (g *generator) salesOrders() error {
	r := g.rng(streamSalesOrders)
	n := g.plan.salesOrders
	g.invoiceSlot = make(map[int]int, g.plan.invoices)
	for j := range g.plan.invoices {
		g.invoiceSlot[(2*j+1)*n/(2*g.plan.invoices)] = j
	}
	g.invoiceSrc = make([]orderSrc, g.plan.invoices)

	const days = 365 // tranDate is one of the last 365 days, today included
	var lines []lineSrc
	demoOrder := false // DemoSalesOrder is the demo customer's
	for i := range n {
		// Older customers order more; orders are created in date order.
		ci := min(int(float64(len(g.customers))*math.Pow(r.Float64(), 1.6)), len(g.customers)-1)
		c := g.customers[ci]
		cur := regionCurrency[c.region]
		daysBack := days - 1 - (i*days+r.IntN(days))/n

		lines = lines[:0]
		for range 1 + pick(r, 35, 25, 20, 12, 8) {
			item := g.distinctItem(r, lines)
			it := g.items[item]
			var qty int
			switch it.kind {
			case kindInventory:
				qty = 1 + r.IntN(12)
				if r.IntN(10) == 0 {
					qty *= 5
				}
			case kindNonInventory:
				qty = 1 + r.IntN(6)
			default:
				qty = 1 + r.IntN(4)
			}
			rate := inCurrency(it.rate, cur)
			if r.IntN(100) < 12 {
				rate = round2(rate * 0.9)
			}
			lines = append(lines, lineSrc{item: item, quantity: qty, rate: rate, giftWrap: it.kind != kindService && r.IntN(12) == 0})
		}

		src := orderSrc{customer: ci, daysBack: daysBack}
		body := newObject(14)
		if r.IntN(100) < 35 {
			s := sourceSystems[r.IntN(len(sourceSystems))]
			src.source = s.name
			body.set("externalId", s.prefix+"-"+strconv.Itoa(100001+i))
		}
		body.set("entity", ref(c.id)).
			set("subsidiary", ref(g.subsidiaryIDs[regionSubsidiary[c.region]])).
			set("currency", ref(g.currencyIDs[cur])).
			set("tranDate", g.date(daysBack)).
			set("orderStatus", ref("B")). // Pending Fulfillment
			set("location", ref(g.locationIDs[c.location])).
			set("department", ref(g.departmentIDs[deptSales]))
		if r.IntN(100) < 45 {
			src.otherRefNum = "PO-" + strconv.Itoa(10000+r.IntN(90000))
			body.set("otherRefNum", src.otherRefNum)
		}
		if r.IntN(5) == 0 {
			body.set("memo", orderMemos[r.IntN(len(orderMemos))])
		}
		if src.source != "" {
			body.set("custbody_source_system", src.source)
		}
		body.set("item", g.itemLines(lines))

		id, err := g.create("salesOrder", body)
		if err != nil {
			return err
		}
		if i == 0 || (ci == 0 && !demoOrder) {
			g.sum.DemoSalesOrder = id
			demoOrder = ci == 0
		}
		if slot, ok := g.invoiceSlot[i]; ok {
			src.lines = append([]lineSrc(nil), lines...)
			g.invoiceSrc[slot] = src
		}
	}
	return nil
}

// distinctItem picks an item not yet on the order (when the catalogue allows).
func (g *generator) distinctItem(r *rand.Rand, lines []lineSrc) int {
	var item int
	for range 8 {
		item = r.IntN(len(g.items))
		dup := false
		for _, l := range lines {
			dup = dup || l.item == item
		}
		if !dup {
			break
		}
	}
	return item
}

func (g *generator) invoices() error {
	r := g.rng(streamInvoices)
	for j, src := range g.invoiceSrc {
		c := g.customers[src.customer]
		body := newObject(12).
			set("entity", ref(c.id)).
			set("subsidiary", ref(g.subsidiaryIDs[regionSubsidiary[c.region]])).
			set("currency", ref(g.currencyIDs[regionCurrency[c.region]])).
			set("tranDate", g.date(max(0, src.daysBack-r.IntN(15)))).
			set("terms", ref(g.termIDs[c.terms])).
			set("location", ref(g.locationIDs[c.location])).
			set("department", ref(g.departmentIDs[deptSales]))
		if src.otherRefNum != "" {
			body.set("otherRefNum", src.otherRefNum)
		}
		if src.source != "" {
			body.set("custbody_source_system", src.source)
		}
		body.set("item", g.itemLines(src.lines))
		id, err := g.create("invoice", body)
		if err != nil {
			return err
		}
		if j == 0 {
			g.sum.DemoInvoice = id
		}
	}
	return nil
}

func (g *generator) purchaseOrders() error {
	r := g.rng(streamPurchaseOrders)
	orders := []struct {
		vendor, subsidiary, currency, location, employee int
		daysBack                                         int
		memo                                             string
		templates                                        []int
	}{
		{vendorCascade, subUS, curUSD, locReno, staffWarehouseManager, 40 + r.IntN(30), "Spring build-up restock",
			[]int{tmplHive10F, tmplHive8F, tmplFrames}},
		{vendorWessex, subUKCA, curGBP, locBirmingham, staffAccountManagerUK, 5 + r.IntN(15), "Restock for UK & Canada orders",
			[]int{tmplJacket, tmplSmoker, tmplHiveTool}},
	}
	for k, o := range orders[:g.plan.purchaseOrders] {
		lines := make([]*object, len(o.templates))
		for i, t := range o.templates {
			it := g.items[t] // the first len(itemTemplates) items are the templates themselves
			lines[i] = newObject(3).
				set("item", ref(it.id)).
				set("quantity", 10*(2+r.IntN(20))).
				set("rate", inCurrency(it.cost, o.currency))
		}
		body := newObject(9).
			set("entity", ref(g.vendorIDs[o.vendor])).
			set("subsidiary", ref(g.subsidiaryIDs[o.subsidiary])).
			set("currency", ref(g.currencyIDs[o.currency])).
			set("tranDate", g.date(o.daysBack)).
			set("location", ref(g.locationIDs[o.location])).
			set("employee", ref(g.employeeIDs[o.employee])).
			set("memo", o.memo).
			set("item", collection(lines...))
		id, err := g.create("purchaseOrder", body)
		if err != nil {
			return err
		}
		if k == 0 {
			g.sum.DemoPurchaseOrder = id
		}
	}
	return nil
}
