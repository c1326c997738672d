package seed

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// The demo company's fixed lists. Indices into these tables are the
// generator's handles for the records created from them.

type currencyDef struct {
	name, iso, symbol, locale, placement string
	usdPerUnit                           float64 // exchange rate to the base currency (USD)
}

const (
	curUSD = iota
	curGBP
	curCAD
	curEUR
)

var currencies = []currencyDef{
	curUSD: {"US Dollar", "USD", "$", "en_US", "1", 1},
	curGBP: {"British Pound", "GBP", "£", "en_GB", "1", 1.27},
	curCAD: {"Canadian Dollar", "CAD", "$", "en_CA", "1", 0.73},
	curEUR: {"Euro", "EUR", "€", "de_DE", "2", 1.08},
}

type subsidiaryDef struct {
	name, legalName, country, email string
	currency                        int
	parent                          int // -1: the root
	addr                            address
}

const (
	subParent = iota
	subUS
	subUKCA
)

var subsidiaries = []subsidiaryDef{
	subParent: {"Honeycomb Holdings Inc.", "Honeycomb Holdings Inc.", "US", "finance@honeycombholdings.example", curUSD, -1,
		address{addr1: "1200 NW Naito Pkwy", addr2: "Suite 400", city: "Portland", state: "OR", zip: "97209", country: "US", phone: "(503) 555-0100"}},
	subUS: {"Honeycomb US", "Honeycomb US Inc.", "US", "us@honeycombholdings.example", curUSD, subParent,
		address{addr1: "1200 NW Naito Pkwy", addr2: "Suite 410", city: "Portland", state: "OR", zip: "97209", country: "US", phone: "(503) 555-0110"}},
	subUKCA: {"Honeycomb UK & Canada", "Honeycomb UK & Canada Ltd", "GB", "uk@honeycombholdings.example", curGBP, subParent,
		address{addr1: "14 Bull Ring", addr2: "Floor 3", city: "Birmingham", state: "West Midlands", zip: "B5 4BU", country: "GB", phone: "+44 121 496 0100"}},
}

const (
	deptSales = iota
	deptOperations
	deptFinance
	deptEngineering
	deptMarketing
)

var departments = []string{"Sales", "Operations", "Finance", "Engineering", "Marketing"}

const (
	classHives = iota
	classGear
	classTools
	classHoney
	classServices
)

// classifications are the product lines.
var classifications = []string{"Hives & Equipment", "Protective Gear", "Extraction & Tools", "Honey & Wax", "Services & Training"}

type locationDef struct {
	name, externalID, timeZone string
	subsidiary                 int
	addr                       address
}

const (
	locReno = iota
	locColumbus
	locBirmingham
)

var locations = []locationDef{
	locReno: {"Reno Warehouse", "WH-RENO", "America/Los_Angeles", subUS,
		address{addressee: "Honeycomb US Inc.", addr1: "4750 Longley Ln", addr2: "Bldg C", city: "Reno", state: "NV", zip: "89502", country: "US", phone: "(775) 555-0140"}},
	locColumbus: {"Columbus Warehouse", "WH-CMH", "America/New_York", subUS,
		address{addressee: "Honeycomb US Inc.", addr1: "3800 Fisher Rd", city: "Columbus", state: "OH", zip: "43228", country: "US", phone: "(614) 555-0150"}},
	locBirmingham: {"Birmingham Warehouse", "WH-BHX", "Europe/London", subUKCA,
		address{addressee: "Honeycomb UK & Canada Ltd", addr1: "Unit 7, Tyseley Industrial Estate", addr2: "Seeleys Road", city: "Birmingham", state: "West Midlands", zip: "B11 2LQ", country: "GB", phone: "+44 121 496 0160"}},
}

type termDef struct {
	name      string
	days      int
	preferred bool
}

const (
	termNet15 = iota
	termNet30
	termNet60
	termDueOnReceipt
)

var terms = []termDef{
	termNet15:        {"Net 15", 15, false},
	termNet30:        {"Net 30", 30, true},
	termNet60:        {"Net 60", 60, false},
	termDueOnReceipt: {"Due on receipt", 0, false},
}

type accountDef struct{ number, name, typ, description string }

const (
	acctInventory = iota
	acctProductSales
	acctServiceRevenue
	acctCOGS
)

var accounts = []accountDef{
	acctInventory:      {"1200", "Inventory Asset", "OthCurrAsset", "Value of stock on hand in all warehouses"},
	acctProductSales:   {"4000", "Product Sales", "Income", "Revenue from hives, gear, tools and honey goods"},
	acctServiceRevenue: {"4100", "Service Revenue", "Income", "Revenue from inspections, relocations and workshops"},
	acctCOGS:           {"5000", "Cost of Goods Sold", "COGS", "Cost of inventory items sold"},
}

type zoneDef struct {
	name, code string
	rate       float64
}

var shippingZones = []zoneDef{
	{"US West", "US-W", 8.95},
	{"US Central", "US-C", 10.95},
	{"US East", "US-E", 12.95},
	{"United Kingdom", "UK", 6.50},
	{"Canada", "CA", 14.95},
}

// staff are the employees, in creation order; supervisor is an index into
// staff created earlier.
var staff = []struct {
	title      string
	department int // -1: none
	subsidiary int
	location   int // -1: none
	supervisor int // -1: none
	salesRep   bool
}{
	{"Chief Executive Officer", -1, subParent, -1, -1, false},
	{"Controller", deptFinance, subParent, -1, 0, false},
	{"VP of Sales", deptSales, subUS, -1, 0, true},
	{"Account Executive", deptSales, subUS, -1, 2, true},
	{"Account Manager, UK & Canada", deptSales, subUKCA, locBirmingham, 2, true},
	{"Warehouse Manager", deptOperations, subUS, locReno, 0, false},
	{"Software Engineer", deptEngineering, subUS, -1, 0, false},
	{"Marketing Manager", deptMarketing, subUS, -1, 0, false},
}

const (
	staffVPSales          = 2
	staffAccountExecutive = 3
	staffAccountManagerUK = 4
	staffWarehouseManager = 5
)

// vendorDefs are the suppliers; region picks the subsidiary, currency and
// address format.
var vendorDefs = []struct {
	name   string
	region int
	terms  int
	is1099 bool
}{
	{"Cascade Woodworks LLC", regionUS, termNet30, true},
	{"Keystone Stainless Fabrication Inc.", regionUS, termNet30, false},
	{"Blue Ridge Apparel Co.", regionUS, termNet60, false},
	{"Prairie Gold Honey Cooperative", regionUS, termNet15, true},
	{"Gulf Coast Chemical Supply Inc.", regionUS, termNet30, false},
	{"Sierra Packaging Solutions", regionUS, termNet30, true},
	{"Great Lakes Freight Lines Inc.", regionUS, termDueOnReceipt, false},
	{"Northern Lights Candle Works", regionUS, termNet30, true},
	{"Wessex Hive Supplies Ltd", regionUK, termNet30, false},
	{"Pennine Packaging Ltd", regionUK, termNet60, false},
}

const (
	vendorCascade = 0
	vendorWessex  = 8
)

// Item kinds, in the record type names of the catalog.
const (
	kindInventory = iota
	kindNonInventory
	kindService
)

var itemRecordTypes = []string{
	kindInventory:    "inventoryItem",
	kindNonInventory: "nonInventorySaleItem",
	kindService:      "serviceSaleItem",
}

type itemTemplate struct {
	kind        int
	code, name  string
	description string
	price       float64 // USD list price before the seed's jitter
	class       int
	weightLb    float64 // 0: not shipped by weight
	hazmat      bool
}

// itemTemplates is the default catalogue (9 inventory, 6 non-inventory, 5
// service items). Scaled-up runs cycle through it, adding model variants.
var itemTemplates = []itemTemplate{
	{kindInventory, "HIVE-10F", "Langstroth Hive Kit, 10-Frame", "Complete 10-frame hive: bottom board, two deeps, frames, inner and outer cover", 189, classHives, 28, false},
	{kindInventory, "HIVE-8F", "Langstroth Hive Kit, 8-Frame", "Lighter 8-frame hive with two deeps, frames and covers", 169, classHives, 23, false},
	{kindInventory, "FRAME-DEEP10", "Deep Frames with Foundation (10-pack)", "Assembled deep frames with waxed plastic foundation", 39, classHives, 6, false},
	{kindInventory, "SMOKER-SS", "Bee Smoker, Stainless Steel", "4 x 7 in. stainless smoker with heat shield", 44, classTools, 2, false},
	{kindInventory, "TOOL-HIVE", "Hive Tool, J-Hook", "10 in. J-hook hive tool", 12.5, classTools, 0.5, false},
	{kindInventory, "JACKET-VENT", "Ventilated Bee Jacket with Veil", "Three-layer mesh jacket with fencing veil", 119, classGear, 2, false},
	{kindInventory, "EXTRACT-4F", "Honey Extractor, 4-Frame Manual", "Stainless tangential extractor with gate valve", 329, classTools, 35, false},
	{kindInventory, "HONEY-WF12", "Raw Wildflower Honey, 12 oz", "Unfiltered wildflower honey in a glass jar", 9.5, classHoney, 1, false},
	{kindInventory, "OXALIC-1LB", "Oxalic Acid Crystals, 1 lb", "Varroa treatment for vaporizers; ships ground only", 24, classHives, 1.2, true},
	{kindNonInventory, "OBS-HIVE", "Observation Hive (drop-ship)", "Two-frame observation hive shipped from the maker", 249, classHives, 18, false},
	{kindNonInventory, "MITE-FORMIC", "Formic Acid Mite Treatment, 2-dose", "Formic acid strips; hazardous, ships from the supplier", 34, classHives, 1, true},
	{kindNonInventory, "LABEL-CUSTOM", "Custom Jar Labels (250)", "Printed labels with your apiary's name", 59, classHoney, 0.5, false},
	{kindNonInventory, "CANDLE-BW", "Beeswax Pillar Candle Set", "Three hand-poured beeswax pillars", 29, classHoney, 2, false},
	{kindNonInventory, "GIFT-BOX", "Honey Gift Box Assembly", "Gift box packing for up to three jars", 18, classHoney, 0, false},
	{kindNonInventory, "NUC-5F", "5-Frame Nucleus Colony (seasonal)", "Mated queen with four frames of brood and stores", 199, classHives, 12, false},
	{kindService, "SVC-INSPECT", "Hive Inspection Visit", "On-site inspection with a written health report", 95, classServices, 0, false},
	{kindService, "SVC-RELOC", "Swarm Removal & Colony Relocation", "Live removal and relocation of a swarm or colony", 275, classServices, 0, false},
	{kindService, "SVC-WORKSHOP", "Beginner Beekeeping Workshop (per seat)", "Half-day hands-on workshop", 65, classServices, 0, false},
	{kindService, "SVC-EXTRACT", "Honey Extraction Service (per super)", "Uncapping, extraction and bottling of one super", 35, classServices, 0, false},
	{kindService, "SVC-WARRANTY", "Extended Equipment Warranty, 1 Year", "Parts and labour cover for extractors and smokers", 49, classServices, 0, false},
}

// Template indices the purchase orders use.
const (
	tmplHive10F  = 0
	tmplHive8F   = 1
	tmplFrames   = 2
	tmplSmoker   = 3
	tmplHiveTool = 4
	tmplJacket   = 5
	tmplDemoItem = tmplHive10F
)

var variantNames = []string{"Pro", "Classic", "Deluxe", "Compact", "Heritage", "Eco", "Select", "Premium"}

// variantName names model variant v (v >= 1) of a template.
func variantName(v int) string {
	n := len(variantNames)
	if v <= n {
		return variantNames[v-1]
	}
	return variantNames[(v-1)%n] + " " + strconv.Itoa((v-1)/n+1)
}

// Regions of customers and vendors: they decide subsidiary, currency,
// address format and the warehouse that ships.
const (
	regionUS = iota
	regionUK
	regionCA
)

var regionSubsidiary = []int{regionUS: subUS, regionUK: subUKCA, regionCA: subUKCA}
var regionCurrency = []int{regionUS: curUSD, regionUK: curGBP, regionCA: curCAD}

type address struct {
	addressee, addr1, addr2, city, state, zip, country, phone string
}

// object returns a in the shape of NetSuite's address subrecords
// (addressBookAddress, mainAddress): addressee, addr1, addr2, city, state,
// zip, country (an enum), addrPhone.
func (a address) object() *object {
	o := newObject(8)
	if a.addressee != "" {
		o.set("addressee", a.addressee)
	}
	o.set("addr1", a.addr1)
	if a.addr2 != "" {
		o.set("addr2", a.addr2)
	}
	o.set("city", a.city).set("state", a.state).set("zip", a.zip).set("country", ref(a.country))
	if a.phone != "" {
		o.set("addrPhone", a.phone)
	}
	return o
}

type usCity struct {
	city, state, zip3, area string
	west                    bool // shipped from Reno rather than Columbus
}

var usCities = []usCity{
	{"Portland", "OR", "972", "503", true}, {"Seattle", "WA", "981", "206", true},
	{"Boise", "ID", "837", "208", true}, {"Sacramento", "CA", "958", "916", true},
	{"San Diego", "CA", "921", "619", true}, {"Denver", "CO", "802", "303", true},
	{"Salt Lake City", "UT", "841", "801", true}, {"Phoenix", "AZ", "850", "602", true},
	{"Austin", "TX", "787", "512", false}, {"Dallas", "TX", "752", "214", false},
	{"Kansas City", "MO", "641", "816", false}, {"Minneapolis", "MN", "554", "612", false},
	{"Madison", "WI", "537", "608", false}, {"Chicago", "IL", "606", "312", false},
	{"Columbus", "OH", "432", "614", false}, {"Nashville", "TN", "372", "615", false},
	{"Atlanta", "GA", "303", "404", false}, {"Asheville", "NC", "288", "828", false},
	{"Richmond", "VA", "232", "804", false}, {"Burlington", "VT", "054", "802", false},
	{"Portland", "ME", "041", "207", false}, {"Albany", "NY", "122", "518", false},
	{"Pittsburgh", "PA", "152", "412", false}, {"Raleigh", "NC", "276", "919", false},
}

var usStreets = []string{
	"Main St", "Oak Ave", "Maple St", "Cedar Ln", "Pine St", "Elm St", "Washington Ave", "Lake St",
	"Hill Rd", "Park Ave", "River Rd", "Market St", "Mill Rd", "Orchard Way", "Meadow Dr",
	"Industrial Pkwy", "Commerce Blvd", "Harvest Ln", "Farm Rd", "Station St",
}

// UK cities with their county, postcode districts and the Ofcom range reserved
// for drama (so no real line is ever printed).
var ukCities = []struct {
	city, county string
	districts    []string
	phone        string
}{
	{"London", "Greater London", []string{"EC1V", "SE1", "N1", "W1D", "E2"}, "+44 20 7946 0"},
	{"Manchester", "Greater Manchester", []string{"M1", "M4", "M15"}, "+44 161 496 0"},
	{"Birmingham", "West Midlands", []string{"B1", "B5", "B15"}, "+44 121 496 0"},
	{"Leeds", "West Yorkshire", []string{"LS1", "LS6"}, "+44 113 496 0"},
	{"Bristol", "Bristol", []string{"BS1", "BS8"}, "+44 117 496 0"},
	{"Edinburgh", "City of Edinburgh", []string{"EH1", "EH3"}, "+44 131 496 0"},
}

var ukStreets = []string{
	"High Street", "Station Road", "Church Lane", "Mill Lane", "Victoria Road", "King Street",
	"Queen's Road", "Park Road", "Bridge Street", "Market Place", "Orchard Close", "The Green",
}

var caCities = []struct {
	city, province string
	fsas           []string
	area           string
	streets        []string
}{
	{"Toronto", "ON", []string{"M5V", "M4C", "M6J"}, "416", []string{"King St W", "Queen St E", "Yonge St", "Bay St"}},
	{"Vancouver", "BC", []string{"V6B", "V5K"}, "604", []string{"Granville St", "Main St", "Commercial Dr"}},
	{"Calgary", "AB", []string{"T2P", "T3A"}, "403", []string{"Macleod Trail SE", "17 Ave SW", "Centre St N"}},
	{"Ottawa", "ON", []string{"K1P", "K2P"}, "613", []string{"Bank St", "Elgin St", "Wellington St"}},
	{"Montreal", "QC", []string{"H2X", "H3B"}, "514", []string{"Rue Saint-Denis", "Boul Saint-Laurent", "Rue Sherbrooke O"}},
	{"Halifax", "NS", []string{"B3H", "B3J"}, "902", []string{"Barrington St", "Spring Garden Rd"}},
}

const (
	ukInwardLetters = "ABDEFGHJLNPQRSTUWXYZ"
	caPostalLetters = "ABCEGHJKLMNPRSTVWXYZ"
)

// nanpPhone is a North American number in the 555-0100..555-0199 range
// reserved for fiction.
func nanpPhone(r *rand.Rand, area string) string {
	return "(" + area + ") 555-01" + twoDigits(r.IntN(100))
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// randomAddress returns an address in the region and the warehouse that
// ships to it.
func randomAddress(r *rand.Rand, region int) (address, int) {
	switch region {
	case regionUK:
		c := ukCities[r.IntN(len(ukCities))]
		zip := c.districts[r.IntN(len(c.districts))] + " " + strconv.Itoa(1+r.IntN(9)) +
			string(ukInwardLetters[r.IntN(len(ukInwardLetters))]) + string(ukInwardLetters[r.IntN(len(ukInwardLetters))])
		return address{
			addr1:   strconv.Itoa(1+r.IntN(240)) + " " + ukStreets[r.IntN(len(ukStreets))],
			city:    c.city,
			state:   c.county,
			zip:     zip,
			country: "GB",
			phone:   c.phone + strconv.Itoa(100+r.IntN(900)),
		}, locBirmingham
	case regionCA:
		c := caCities[r.IntN(len(caCities))]
		zip := c.fsas[r.IntN(len(c.fsas))] + " " + strconv.Itoa(r.IntN(10)) +
			string(caPostalLetters[r.IntN(len(caPostalLetters))]) + strconv.Itoa(r.IntN(10))
		a := address{
			addr1:   strconv.Itoa(10+r.IntN(2400)) + " " + c.streets[r.IntN(len(c.streets))],
			city:    c.city,
			state:   c.province,
			zip:     zip,
			country: "CA",
			phone:   nanpPhone(r, c.area),
		}
		if r.IntN(4) == 0 {
			a.addr2 = "Unit " + strconv.Itoa(100+r.IntN(900))
		}
		return a, locBirmingham
	}
	c := usCities[r.IntN(len(usCities))]
	a := address{
		addr1:   strconv.Itoa(100+r.IntN(9800)) + " " + usStreets[r.IntN(len(usStreets))],
		city:    c.city,
		state:   c.state,
		zip:     c.zip3 + twoDigits(1+r.IntN(40)),
		country: "US",
		phone:   nanpPhone(r, c.area),
	}
	if r.IntN(5) == 0 {
		a.addr2 = "Suite " + strconv.Itoa(100+100*r.IntN(5))
	}
	if c.west {
		return a, locReno
	}
	return a, locColumbus
}

// Customer names are a first part and a trade; every pair is used once
// (in a seed-dependent order) before any repeats.
var customerFirst = []string{
	"Acorn", "Alder", "Amber", "Aspen", "Beacon", "Birch", "Blue Ridge", "Bramble", "Briar", "Brightwater",
	"Cascade", "Cedar", "Clover", "Copper", "Cypress", "Driftwood", "Evergreen", "Fernwood", "Foxglove",
	"Golden Gate", "Granite", "Harbor", "Hawthorn", "Heather", "Highland", "Ironwood", "Juniper", "Lakeside",
	"Larkspur", "Linden", "Maple", "Meadow", "Millbrook", "Northwind", "Oakridge", "Orchard", "Pinecrest",
	"Prairie", "Redwood", "Riverbend", "Rosewood", "Sagebrush", "Silver Creek", "Stonebridge", "Summit",
	"Sunflower", "Thistle", "Willow",
}

var customerTrade = []string{
	"Garden Center", "Farms", "Apiaries", "Market", "Nursery", "Provisions", "Grocers", "Farm Supply",
	"Honey Company", "Naturals", "Mercantile", "Feed & Seed", "Botanicals", "Organics", "Trading Company",
	"Homestead Supply", "Country Store", "Bakery", "Tea House", "Growers",
}

var usSuffixes = []string{"Inc.", "LLC", "Co.", ""}
var ukSuffixes = []string{"Ltd", "Ltd", "LLP", ""}
var caSuffixes = []string{"Inc.", "Ltd.", "Corp.", ""}

// The demo customer is the same for every seed so that docs can name it.
const (
	// DemoCustomerName is the company name of the demo customer.
	DemoCustomerName = "Meadowbrook Garden Center Inc."
	// DemoCustomerExternalID is the external ID of the demo customer
	// (GET .../customer/eid:CUST-0001).
	DemoCustomerExternalID = "CUST-0001"
	// DemoItemID is the itemId of the demo inventory item.
	DemoItemID = "HIVE-10F"

	demoCustomerSlug = "meadowbrookgarden"
)

var demoCustomerAddress = address{
	addressee: DemoCustomerName, addr1: "2450 SE Division St", city: "Portland", state: "OR", zip: "97202",
	country: "US", phone: "(503) 555-0123",
}

// companySlug is the domain label of a company name, without its legal form
// ("Cascade Woodworks LLC" -> "cascadewoodworks").
func companySlug(name string) string {
	words := strings.Fields(name)
	for len(words) > 1 {
		switch words[len(words)-1] {
		case "Inc.", "LLC", "Ltd", "Ltd.", "LLP", "Co.", "Corp.":
			words = words[:len(words)-1]
			continue
		}
		break
	}
	return slug(words...)
}

// slug turns a name into a lower-case domain label.
func slug(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		for _, c := range strings.ToLower(p) {
			if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
				b.WriteRune(c)
			}
		}
	}
	return b.String()
}

var firstNames = []string{
	"Olivia", "Liam", "Emma", "Noah", "Ava", "Mateo", "Sophia", "Lucas", "Isabella", "Ethan",
	"Mia", "James", "Amelia", "Benjamin", "Harper", "Elijah", "Evelyn", "Henry", "Priya", "Arjun",
	"Chloe", "Samuel", "Grace", "Daniel", "Zoe", "Owen", "Nora", "Wei", "Hannah", "Jack",
	"Aisha", "Omar", "Leah", "Diego", "Ruby", "Kenji", "Fiona", "Callum", "Maeve", "Rohan",
}

var lastNames = []string{
	"Anderson", "Baker", "Campbell", "Chen", "Clarke", "Davies", "Evans", "Fischer", "Garcia", "Hughes",
	"Ibrahim", "Jensen", "Kowalski", "Lam", "Martin", "Murphy", "Nguyen", "O'Brien", "Patel", "Quinn",
	"Roberts", "Singh", "Thompson", "Tremblay", "Walsh", "Watson", "Williams", "Young", "Zhang", "Morales",
	"Hoffman", "Byrne", "Okafor", "Lindqvist", "Moreau", "Rossi", "Schmidt", "Sato", "Novak", "Reyes",
}

var contactTitles = []string{
	"Purchasing Manager", "Accounts Payable Specialist", "Owner", "Operations Manager", "Buyer",
	"Store Manager", "Controller", "Head Beekeeper",
}

var emailLocals = []string{"orders", "accounts", "purchasing", "info", "office", "hello"}

var loyaltyTiers = []string{"Bronze", "Silver", "Gold", "Platinum"}

var sourceSystems = []struct{ name, prefix string }{
	{"Shopify", "SHOP"},
	{"Salesforce", "SFDC"},
	{"EDI 850", "EDI"},
	{"Amazon", "AMZ"},
}

var orderMemos = []string{
	"Spring restock", "Rush order, ship by Friday", "Pollinator week promotion", "Reorder per standing agreement",
	"Call before delivery", "Split shipment OK", "Trade show order", "Replacement for damaged goods",
}

// emailName turns a person's name into the local part of an email address.
func emailName(first, last string) string {
	return slug(first) + "." + slug(last)
}
