package seed

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
)

// The demo account's custom fields and custom record type (the account package
// declares the same; custentity_loyalty_tier applies to customers only there).
var (
	demoCustomFields = []catalog.CustomField{
		{ScriptID: "custentity_loyalty_tier", Type: catalog.CustomText},
		{ScriptID: "custbody_source_system", Type: catalog.CustomText},
		{ScriptID: "custcol_gift_wrap", Type: catalog.CustomCheckbox},
		{ScriptID: "custitem_hazmat", Type: catalog.CustomCheckbox},
	}
	demoCustomRecords = []catalog.CustomRecordType{{
		ScriptID: "customrecord_shipping_zone",
		Name:     "Shipping Zone",
		Fields: []catalog.CustomField{
			{ScriptID: "custrecord_zone_code", Type: catalog.CustomText},
			{ScriptID: "custrecord_zone_rate", Type: catalog.CustomDecimal},
		},
	}}
)

func demoCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	base, err := catalog.Default()
	if err != nil {
		t.Fatalf("catalog.Default: %v", err)
	}
	cat, err := base.WithCustom(demoCustomFields, demoCustomRecords)
	if err != nil {
		t.Fatalf("WithCustom: %v", err)
	}
	return cat
}

// Problem categories of the body checker.
const (
	probField = "field"     // unknown field, wrong spelling, wrong shape or type
	probRef   = "reference" // reference to an ID not returned earlier, or of the wrong type
	probDate  = "date"      // date not YYYY-MM-DD or after today
)

type problem struct{ kind, msg string }

// checker walks request bodies against the catalog, in creation order.
type checker struct {
	cat      *catalog.Catalog
	today    time.Time
	created  map[string]string // ID -> record type, of the records created so far
	problems []problem
	fields   map[string]map[string]bool // record type -> field paths used
}

func newChecker(cat *catalog.Catalog, today time.Time) *checker {
	return &checker{cat: cat, today: today, created: make(map[string]string), fields: make(map[string]map[string]bool)}
}

func (c *checker) addf(kind, format string, args ...any) {
	c.problems = append(c.problems, problem{kind, fmt.Sprintf(format, args...)})
}

// check checks one body, then records the ID it was created under.
func (c *checker) check(recordType, id string, body []byte) {
	defer func() { c.created[id] = recordType }()
	if err := noDuplicateKeys(body); err != nil {
		c.addf(probField, "%s #%s: %v", recordType, id, err)
	}
	rt, ok := c.cat.Type(recordType)
	if !ok || rt.Name != recordType {
		c.addf(probField, "%s: not a catalog record type", recordType)
		return
	}
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		c.addf(probField, "%s #%s: %v", recordType, id, err)
		return
	}
	if c.fields[recordType] == nil {
		c.fields[recordType] = make(map[string]bool)
	}
	c.object(recordType, recordType+" #"+id, "", rt.Field, m)
}

// object checks the fields of a body, sublist line or subrecord.
func (c *checker) object(recordType, where, path string, lookup func(string) (*catalog.Field, bool), m map[string]any) {
	for name, v := range m {
		p := path + name
		f, ok := lookup(name)
		switch {
		case !ok:
			c.addf(probField, "%s: %s: no such field in the catalog", where, p)
			continue
		case f.Name != name:
			c.addf(probField, "%s: %s: the catalog spells it %q", where, p, f.Name)
		case f.ReadOnly || name == "id" || name == "refName" || name == "links":
			c.addf(probField, "%s: %s: read-only", where, p)
		case f.Custom && strings.HasPrefix(name, "custentity_") && recordType != "customer":
			c.addf(probField, "%s: %s applies to customers only on the demo account", where, p)
		}
		c.fields[recordType][p] = true
		c.value(recordType, where, p, f, v)
	}
}

func (c *checker) value(recordType, where, path string, f *catalog.Field, v any) {
	switch f.Kind {
	case catalog.KindScalar:
		ok := false
		switch f.Type {
		case "string":
			_, ok = v.(string)
		case "boolean":
			_, ok = v.(bool)
		case "number":
			_, ok = v.(float64)
		case "integer":
			n, isNum := v.(float64)
			ok = isNum && n == math.Trunc(n)
		}
		if !ok {
			c.addf(probField, "%s: %s: %T %v is not a %s", where, path, v, v, f.Type)
		}
	case catalog.KindDate:
		s, _ := v.(string)
		d, err := time.Parse(time.DateOnly, s)
		switch {
		case err != nil:
			c.addf(probDate, "%s: %s: %v is not YYYY-MM-DD", where, path, v)
		case d.After(c.today):
			c.addf(probDate, "%s: %s: %s is after today", where, path, s)
		}
	case catalog.KindEnum:
		id, ok := idOnly(v)
		if !ok || !slices.Contains(f.Enum, id) {
			c.addf(probField, "%s: %s: %v is not {\"id\": one of the enum's values}", where, path, v)
		}
	case catalog.KindReference:
		id, ok := idOnly(v)
		if !ok {
			c.addf(probField, "%s: %s: %v is not {\"id\": \"...\"}", where, path, v)
			return
		}
		c.reference(recordType, where, path, f, id)
	case catalog.KindMultiSelect:
		for _, line := range items(v) {
			id, ok := idOnly(line)
			if !ok {
				c.addf(probField, "%s: %s: %v is not {\"id\": \"...\"}", where, path, line)
				continue
			}
			c.reference(recordType, where, path, f, id)
		}
		if items(v) == nil {
			c.addf(probField, "%s: %s: %v is not {\"items\": [...]}", where, path, v)
		}
	case catalog.KindSublist:
		lines := items(v)
		if lines == nil {
			c.addf(probField, "%s: %s: %v is not {\"items\": [...]}", where, path, v)
		}
		for _, line := range lines {
			m, ok := line.(map[string]any)
			if !ok {
				c.addf(probField, "%s: %s: line %v is not an object", where, path, line)
				continue
			}
			c.object(recordType, where, path+"[].", f.Sublist.Field, m)
		}
	case catalog.KindSubrecord:
		m, ok := v.(map[string]any)
		if !ok {
			c.addf(probField, "%s: %s: %v is not an object", where, path, v)
			return
		}
		c.object(recordType, where, path+".", f.Subrecord.Field, m)
	default:
		c.addf(probField, "%s: %s: a %s field; the seed must not write it", where, path, f.Kind)
	}
}

var itemTypes = []string{"inventoryItem", "nonInventorySaleItem", "serviceSaleItem"}

// reference checks that id was returned earlier for the type the field points
// at. Two catalog targets are known not to be the real ones (see doc.go): the
// item of a transaction line says kitItem (any item type is meant), and a
// purchase order's entity says customer (it is the vendor).
func (c *checker) reference(recordType, where, path string, f *catalog.Field, id string) {
	want := []string{f.Target}
	switch {
	case recordType == "purchaseOrder" && path == "entity":
		want = []string{"vendor"}
	case f.Target == "kitItem":
		want = itemTypes
	case f.Target == "":
		c.addf(probRef, "%s: %s: the catalog does not say what this references; the seed must not write it", where, path)
		return
	}
	got, ok := c.created[id]
	switch {
	case !ok:
		c.addf(probRef, "%s: %s: ID %s was not returned by an earlier Create", where, path, id)
	case !slices.Contains(want, got):
		c.addf(probRef, "%s: %s: ID %s is a %s, want %v", where, path, id, got, want)
	}
}

// idOnly returns the id of a {"id": "..."} value.
func idOnly(v any) (string, bool) {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return "", false
	}
	id, ok := m["id"].(string)
	return id, ok && id != ""
}

// items returns the lines of a {"items": [...]} value, nil if it is not one.
func items(v any) []any {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return nil
	}
	lines, _ := m["items"].([]any)
	return lines
}

// noDuplicateKeys reports a key set twice in one object, which
// json.Unmarshal would hide.
func noDuplicateKeys(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	var walk func() error
	walk = func() error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'):
			seen := make(map[string]bool)
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return err
				}
				key := k.(string)
				if seen[key] {
					return fmt.Errorf("duplicate key %q", key)
				}
				seen[key] = true
				if err := walk(); err != nil {
					return err
				}
			}
			_, err = dec.Token()
			return err
		case json.Delim('['):
			for dec.More() {
				if err := walk(); err != nil {
					return err
				}
			}
			_, err = dec.Token()
			return err
		}
		return nil
	}
	return walk()
}

func checkRun(t *testing.T, opts Options) *checker {
	t.Helper()
	calls, _ := runDemo(t, opts)
	y, m, d := opts.Now.Date()
	ch := newChecker(demoCatalog(t), time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
	for _, c := range calls {
		ch.check(c.Type, c.ID, []byte(c.Body))
	}
	return ch
}

func reportProblems(t *testing.T, ch *checker, kinds ...string) {
	t.Helper()
	n := 0
	for _, p := range ch.problems {
		if !slices.Contains(kinds, p.kind) {
			continue
		}
		if n++; n <= 30 {
			t.Error(p.msg)
		}
	}
	if n > 30 {
		t.Errorf("... and %d more", n-30)
	}
}

// TestDemoFieldsExistInCatalog walks every body (default size and a scaled
// run) and checks every body field, sublist line field and subrecord field
// against the catalog plus the demo account's custom fields: name, shape
// ({"id"} for references and enums, {"items"} for sublists and multiselects)
// and JSON type.
func TestDemoFieldsExistInCatalog(t *testing.T) {
	t.Parallel()
	for _, records := range []int{0, 3000} {
		ch := checkRun(t, Options{Seed: 11, Now: testNow, Records: records})
		reportProblems(t, ch, probField, probDate)
	}
}

// TestDemoReferencesPointBackwards checks that every reference names an ID an
// earlier Create returned, for the record type the field points at.
func TestDemoReferencesPointBackwards(t *testing.T) {
	t.Parallel()
	for _, seed := range []uint64{1, 2} {
		ch := checkRun(t, Options{Seed: seed, Now: testNow, Records: 2000})
		reportProblems(t, ch, probRef)
	}
	ch := checkRun(t, Options{Seed: 1, Now: testNow})
	reportProblems(t, ch, probRef)
}

// TestDemoUsesTheBriefsFields pins the demo's custom fields, so that a
// refactor cannot drop them silently.
func TestDemoUsesTheBriefsFields(t *testing.T) {
	t.Parallel()
	ch := checkRun(t, Options{Seed: 1, Now: testNow})
	want := map[string][]string{
		"currency":                   {"name", "symbol", "displaySymbol"},
		"subsidiary":                 {"name", "parent", "currency", "country", "mainAddress.addr1"},
		"customer":                   {"companyName", "email", "phone", "subsidiary", "terms", "externalId", "custentity_loyalty_tier", "addressBook[].addressBookAddress.addr1", "addressBook[].addressBookAddress.city", "addressBook[].addressBookAddress.state", "addressBook[].addressBookAddress.zip", "addressBook[].addressBookAddress.country"},
		"contact":                    {"firstName", "lastName", "company"},
		"inventoryItem":              {"itemId", "displayName", "rate", "custitem_hazmat"},
		"nonInventorySaleItem":       {"itemId", "displayName", "rate", "custitem_hazmat"},
		"serviceSaleItem":            {"itemId", "displayName", "rate"},
		"salesOrder":                 {"entity", "tranDate", "subsidiary", "location", "custbody_source_system", "item[].item", "item[].quantity", "item[].rate", "item[].custcol_gift_wrap"},
		"invoice":                    {"entity", "tranDate", "item[].item", "item[].quantity", "item[].rate"},
		"purchaseOrder":              {"entity", "tranDate", "item[].item", "item[].quantity", "item[].rate"},
		"customrecord_shipping_zone": {"name", "custrecord_zone_code", "custrecord_zone_rate"},
	}
	for rt, fields := range want {
		for _, f := range fields {
			if !ch.fields[rt][f] {
				t.Errorf("%s: never writes %s", rt, f)
			}
		}
	}
}

// TestCheckerCatchesMistakes proves the checker above fails the mistakes it
// is there to catch.
func TestCheckerCatchesMistakes(t *testing.T) {
	t.Parallel()
	today := time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, recordType, body, want string
	}{
		{"unknown field", "customer", `{"companyname2":"x"}`, "no such field"},
		{"wrong case", "customer", `{"companyname":"x"}`, `spells it "companyName"`},
		{"read-only", "customer", `{"id":"5"}`, "read-only"},
		{"wrong JSON type", "customer", `{"companyName":5}`, "is not a string"},
		{"bad enum", "customer", `{"addressBook":{"items":[{"addressBookAddress":{"country":{"id":"XX"}}}]}}`, "enum"},
		{"unknown line field", "salesOrder", `{"item":{"items":[{"bogus":1}]}}`, "item[].bogus: no such field"},
		{"forward reference", "salesOrder", `{"entity":{"id":"99"}}`, "not returned by an earlier Create"},
		{"wrong target", "salesOrder", `{"entity":{"id":"1"}}`, "is a vendor, want [customer]"},
		{"reference shape", "salesOrder", `{"entity":"1"}`, `is not {"id": "..."}`},
		{"future date", "salesOrder", `{"tranDate":"2026-03-16"}`, "after today"},
		{"bad date", "salesOrder", `{"tranDate":"03/01/2026"}`, "not YYYY-MM-DD"},
		{"duplicate key", "customer", `{"email":"a","email":"b"}`, "duplicate key"},
		{"loyalty tier off customers", "vendor", `{"custentity_loyalty_tier":"Gold"}`, "customers only"},
		{"unknown custom field", "customer", `{"custentity_nope":"x"}`, "no such field"},
	} {
		ch := newChecker(demoCatalog(t), today)
		ch.created["1"] = "vendor"
		ch.check(tc.recordType, "2", []byte(tc.body))
		var msgs []string
		for _, p := range ch.problems {
			msgs = append(msgs, p.msg)
		}
		if !strings.Contains(strings.Join(msgs, "\n"), tc.want) {
			t.Errorf("%s: problems %q, want one containing %q", tc.name, msgs, tc.want)
		}
	}
}
