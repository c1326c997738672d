package records

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
	"github.com/nsconnect/nsconnect/emulator/internal/store"
)

// finish completes a body after the request was applied: system dates, line
// keys, defaults, calculated fields; then it checks mandatory fields.
func (w *writer) finish(stored map[string]any, now time.Time) error {
	rt := w.rt
	ts := now.Format(time.RFC3339)
	// dateCreated and lastModifiedDate are maintained from the injected clock
	// (REFERENCE.md §9.1: UTC with Z). Entities name the first dateCreated,
	// transactions and items createdDate, custom records created.
	if w.opts.create {
		if f := bodyDateTime(rt, "dateCreated", "createdDate", "created"); f != "" {
			stored[f] = ts
		}
	}
	if f := bodyDateTime(rt, "lastModifiedDate", "lastModified"); f != "" {
		stored[f] = ts
	}
	if w.opts.create {
		if err := w.defaults(stored, now); err != nil {
			return err
		}
	}
	computeTransaction(rt, stored)
	return w.mandatory(stored)
}

// bodyDateTime returns the first of names that is a datetime body field of rt.
func bodyDateTime(rt *catalog.RecordType, names ...string) string {
	for _, n := range names {
		if f, ok := rt.Field(n); ok && f.Kind == catalog.KindDateTime && f.Name == n {
			return n
		}
	}
	return ""
}

// assignKeys gives each added line of a keyed sublist the next key: one more
// than the largest key among the lines the record had before the request and
// the lines added before it. Transaction lines are numbered 1, 2, 3, ... as
// NetSuite numbers `line` (…/salesOrder/1/item/1, ns:section_159894563219).
// Keys the client sends for new lines are ignored.
//
// Assumption: keys named id (address book, sales team) are numbered the same
// way within the record, while NetSuite gives address book lines account-wide
// IDs; a key freed by a removal in one request may be given again by a later
// request.
func assignKeys(sl *catalog.Sublist, existing, added []map[string]any) {
	kf, _ := sl.Field(sl.Key)
	maxKey := 0.0
	for _, l := range existing {
		if x, err := strconv.ParseFloat(keyText(l[sl.Key]), 64); err == nil && x > maxKey {
			maxKey = x
		}
	}
	for _, l := range added {
		maxKey++
		if kf != nil && kf.Type == "string" {
			l[sl.Key] = strconv.FormatFloat(maxKey, 'f', -1, 64)
		} else {
			l[sl.Key] = maxKey
		}
	}
}

// recomputeAmount drops the stored amount of an updated line whose quantity
// or rate the request changed without an amount, so that computeTransaction
// works it out again.
//
// Assumption: as NetSuite's line amount follows quantity × rate.
func recomputeAmount(sl *catalog.Sublist, line, req map[string]any) {
	if _, ok := sl.Field("rate"); !ok {
		return
	}
	if hasKeyFold(req, "amount") {
		return
	}
	if hasKeyFold(req, "quantity") || hasKeyFold(req, "rate") {
		delete(line, "amount")
	}
}

// tranIDPrefixes start the numbers given to transactions created without a
// tranId.
//
// Assumption: NetSuite numbers transactions from the account's auto-numbering
// settings; the emulator uses these prefixes and a counter per type from 1001
// (SO1001, SO1002, ...).
var tranIDPrefixes = map[string]string{
	"salesOrder":      "SO",
	"invoice":         "INV",
	"purchaseOrder":   "PO",
	"customerPayment": "PYMT",
	"itemFulfillment": "IF",
}

const firstTranNumber = 1001

// defaults fills what NetSuite fills on create.
func (w *writer) defaults(stored map[string]any, now time.Time) error {
	rt := w.rt
	switch store.Family(rt.Name) {
	case "entity":
		// Assumption: without auto-numbering, an entity's ID is its name:
		// the company name, or first and last name.
		if _, ok := rt.Field("entityId"); ok && str(stored, "entityId") == "" {
			name := str(stored, "companyName")
			if name == "" || isTrue(stored["isPerson"]) || rt.Name == "employee" || rt.Name == "contact" {
				if n := strings.TrimSpace(str(stored, "firstName") + " " + str(stored, "lastName")); n != "" {
					name = n
				}
			}
			if name != "" {
				stored["entityId"] = name
			}
		}
	case "transaction":
		if f, ok := rt.Field("tranId"); ok && f.Kind == catalog.KindScalar && str(stored, "tranId") == "" {
			if p, ok := tranIDPrefixes[rt.Name]; ok {
				n, err := w.nextTranNumber()
				if err != nil {
					return err
				}
				stored["tranId"] = p + strconv.Itoa(n)
			}
		}
		// Assumption: the transaction date defaults to today in the
		// account's time zone, as NetSuite's forms default it.
		if f, ok := rt.Field("tranDate"); ok && f.Kind == catalog.KindDate {
			if _, set := stored["tranDate"]; !set {
				stored["tranDate"] = now.In(w.s.loc).Format(time.DateOnly)
			}
		}
		// Assumption: the subsidiary defaults to the entity's, as NetSuite
		// sources it from the customer or vendor.
		if f, ok := rt.Field("subsidiary"); ok && f.Kind == catalog.KindReference {
			if _, set := stored["subsidiary"]; !set {
				for _, ef := range []string{"entity", "customer"} {
					id, _ := stored[ef].(string)
					if id == "" {
						continue
					}
					if _, _, rec, err := w.s.findRef(w.ctx, "customer", id); err != nil {
						return err
					} else if rec != nil {
						if sub, ok := rec.Fields["subsidiary"].(string); ok && sub != "" {
							stored["subsidiary"] = sub
						}
					}
					break
				}
			}
		}
	}
	return nil
}

// nextTranNumber returns the next transaction number of the writer's type,
// kept in the store's meta table so that it survives restarts.
func (w *writer) nextTranNumber() (int, error) {
	key := "records.tranId." + w.rt.Name
	v, err := w.s.st.Meta(w.ctx, key)
	if err != nil {
		return 0, err
	}
	n := firstTranNumber
	if v != "" {
		if last, err := strconv.Atoi(v); err == nil {
			n = last + 1
		}
	}
	return n, w.s.st.SetMeta(w.ctx, key, strconv.Itoa(n))
}

// computeTransaction computes line amounts and the header's subtotal and
// total.
//
// Assumption: a line's amount is quantity × rate when amount is absent and
// both are set, rounded to cents; subtotal is the sum of the item lines'
// amounts; total adds the expense lines' amounts. Tax, shipping, discounts
// and currencies are not modelled.
func computeTransaction(rt *catalog.RecordType, stored map[string]any) {
	if store.Family(rt.Name) != "transaction" {
		return
	}
	sums := map[string]float64{}
	for _, name := range []string{"item", "expense"} {
		sl, ok := rt.Sublist(name)
		if !ok {
			continue
		}
		if _, ok := sl.Field("amount"); !ok {
			continue
		}
		_, hasRate := sl.Field("rate")
		for _, l := range lineMaps(stored[sl.Name]) {
			if _, set := l["amount"]; !set && hasRate {
				q, okq := l["quantity"].(float64)
				r, okr := l["rate"].(float64)
				if okq && okr {
					l["amount"] = cents(q * r)
				}
			}
			if a, ok := l["amount"].(float64); ok {
				sums[name] += a
			}
		}
	}
	if len(calculatedFields[rt.Name]) == 0 {
		return // only the types whose totals this package computes
	}
	if _, ok := rt.Field("subtotal"); ok {
		stored["subtotal"] = cents(sums["item"])
	}
	if _, ok := rt.Field("total"); ok {
		stored["total"] = cents(sums["item"] + sums["expense"])
	}
}

func cents(x float64) float64 { return math.Round(x*100) / 100 }

// mandatory checks the fields NetSuite requires, after defaults:
//
//	customer, vendor    companyName, or firstName and lastName when isPerson; subsidiary
//	employee            firstName, lastName, subsidiary
//	contact             firstName
//	salesOrder, invoice entity; at least one item line; item on every line
//	purchaseOrder       entity
//	customerPayment     customer
//	items               itemId
//	account             acctName
//	others              name (when the type has one)
//
// The error is NetSuite's "Please enter value(s) for: <labels>." (errMandatory)
// with the UI labels: "Primary Subsidiary" is observed live for a customer.
//
// Assumption: this table (the brief's, completed); the labels other than
// Primary Subsidiary come from the catalog or are NetSuite's form labels
// (Customer, Vendor, Item, Subsidiary); subsidiary is mandatory because the
// emulated account is a OneWorld account.
func (w *writer) mandatory(stored map[string]any) error {
	rt := w.rt
	var missing []string
	need := func(field, label string) {
		if empty(stored[field]) {
			missing = append(missing, label)
		}
	}
	label := func(field, fallback string) string {
		if f, ok := rt.Field(field); ok && f.Label != "" {
			return f.Label
		}
		return fallback
	}
	switch rt.Name {
	case "customer", "vendor":
		if isTrue(stored["isPerson"]) {
			need("firstName", label("firstName", "First Name"))
			need("lastName", label("lastName", "Last Name"))
		} else {
			need("companyName", label("companyName", "Company Name"))
		}
		need("subsidiary", "Primary Subsidiary")
	case "employee":
		need("firstName", label("firstName", "First Name"))
		need("lastName", label("lastName", "Last Name"))
		need("subsidiary", "Subsidiary")
	case "contact":
		need("firstName", label("firstName", "First Name"))
	case "salesOrder", "invoice":
		need("entity", "Customer")
	case "purchaseOrder":
		need("entity", "Vendor")
	case "customerPayment":
		need("customer", "Customer")
	case "account":
		need("acctName", label("acctName", "Name"))
	case "itemFulfillment":
	default:
		switch {
		case store.Family(rt.Name) == "item":
			need("itemId", label("itemId", "Item Name/Number"))
		default:
			if _, ok := rt.Field("name"); ok {
				need("name", label("name", "Name"))
			}
		}
	}
	if len(missing) > 0 {
		return errMandatory(missing)
	}
	if rt.Name == "salesOrder" || rt.Name == "invoice" {
		lines := lineMaps(stored["item"])
		if len(lines) == 0 {
			return errNoLines()
		}
		for i, l := range lines {
			if empty(l["item"]) {
				return errMandatory([]string{"Item"}).atPath("item.items[" + strconv.Itoa(i) + "]")
			}
		}
	}
	return nil
}

func empty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(x) == ""
	case []any:
		return len(x) == 0
	}
	return false
}

func isTrue(v any) bool { b, _ := v.(bool); return b }

func str(m map[string]any, k string) string { s, _ := m[k].(string); return s }
