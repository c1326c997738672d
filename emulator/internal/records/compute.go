package records

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
)

// finish completes a body after the request was applied: system dates, line
// keys, defaults, calculated fields; then it checks mandatory fields.
func (w *writer) finish(stored map[string]any, now time.Time) error {
	rt := w.rt
	ts := now.Format(time.RFC3339)
	// dateCreated and lastModifiedDate are maintained from the injected clock
	// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157305090645.html:
	// UTC with Z). Entities name the first dateCreated, transactions and items
	// createdDate, custom records created.
	if f := rt.Profile.Created; w.opts.create && f != "" {
		stored[f] = ts
	}
	if f := rt.Profile.LastModified; f != "" {
		stored[f] = ts
	}
	if w.opts.create {
		if err := w.defaults(stored, now); err != nil {
			return err
		}
	}
	if err := computeTransaction(rt, stored); err != nil {
		return err
	}
	return w.mandatory(stored)
}

// assignKeys gives each added line of a keyed sublist the next key: one more than the largest key
// among the lines the record had before the request and the lines added before it. Transaction
// lines are numbered 1, 2, 3, ... as NetSuite numbers `line` (…/salesOrder/1/item/1,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_159894563219.html).
//
// Assumption: this numbering (one more than the largest key the record has);
// keys the client sends for new lines are ignored; keys named id (address
// book, sales team) are numbered the same way within the record, while
// NetSuite gives address book lines account-wide IDs; a key freed by a
// removal in one request may be given again by a later request.
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

// firstTranNumber is the first number of each transaction type's tranIds
// (catalog.Profile.TranIDPrefix has the Assumption).
const firstTranNumber = 1001

// defaults fills what NetSuite fills on create.
func (w *writer) defaults(stored map[string]any, now time.Time) error {
	rt := w.rt
	switch rt.Family() {
	case catalog.FamilyEntity:
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
	case catalog.FamilyTransaction:
		// tranId is numbered later, just before the insert (numberTransaction).
		//
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
					if rec, err := w.findRecord("customer", id); err != nil {
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

// numberTransaction gives a transaction created without a tranId the next
// number of its type, kept in the store's meta table so that it survives
// restarts. It runs under Service.mu just before the insert, after every
// check: undo gives the number back when the insert fails, so that only the
// transactions that are created consume numbers. undo is nil when no number
// was taken.
func (w *writer) numberTransaction(stored map[string]any) (undo func() error, err error) {
	rt := w.rt
	p := rt.Profile.TranIDPrefix
	if p == "" {
		return nil, nil
	}
	if f, ok := rt.Field("tranId"); !ok || f.Kind != catalog.KindScalar || str(stored, "tranId") != "" {
		return nil, nil
	}
	key := "records.tranId." + rt.Name
	prev, err := w.meta(key)
	if err != nil {
		return nil, err
	}
	n := firstTranNumber
	if prev != "" {
		if last, err := strconv.Atoi(prev); err == nil {
			n = last + 1
		}
	}
	if err := w.setMeta(key, strconv.Itoa(n)); err != nil {
		return nil, err
	}
	stored["tranId"] = p + strconv.Itoa(n)
	return func() error { return w.setMeta(key, prev) }, nil
}

// computeTransaction computes line amounts and the header's subtotal and
// total. A computed value beyond maxMagnitude is errInvalidValue at its path.
//
// Assumption: a line's amount is quantity × rate when amount is absent and
// both are set, rounded to cents; subtotal is the sum of the item lines'
// amounts; total adds the expense lines' amounts. Tax, shipping, discounts
// and currencies are not modelled.
func computeTransaction(rt *catalog.RecordType, stored map[string]any) error {
	if rt.Family() != catalog.FamilyTransaction {
		return nil
	}
	sums := map[string]float64{}
	for _, name := range amountSublists {
		sl, ok := rt.Sublist(name)
		if !ok {
			continue
		}
		for i, l := range lineMaps(stored[sl.Name]) {
			// Lines the request touched were computed in applySublist, with
			// the request's path; this is for the lines it did not.
			if err := lineAmount(sl, l, sl.Name+".items["+strconv.Itoa(i)+"]."); err != nil {
				return err
			}
			if a, ok := l["amount"].(float64); ok {
				sums[name] += a
			}
		}
	}
	if !rt.Profile.Totals {
		return nil
	}
	for _, t := range []struct {
		field string
		value float64
	}{{"subtotal", sums["item"]}, {"total", sums["item"] + sums["expense"]}} {
		if _, ok := rt.Field(t.field); !ok {
			continue
		}
		x := cents(t.value)
		if !inRange(x) {
			return errInvalidValue(t.field, t.field, numberText(x))
		}
		stored[t.field] = x
	}
	return nil
}

// amountSublists are the transaction sublists whose lines have amounts that
// computeTransaction adds up.
var amountSublists = []string{"item", "expense"}

// lineAmount sets the amount of a line of an amountSublists sublist to
// quantity × rate, rounded to cents, when the line has no amount; a result
// beyond maxMagnitude is errInvalidValue at path + "amount" (path is the
// line's, "item.items[0].").
//
// Assumption: the error does not depend on
// X-NetSuite-PropertyValueValidation: no value the client sent is at fault,
// so there is nothing to drop.
func lineAmount(sl *catalog.Sublist, l map[string]any, path string) *Error {
	if _, ok := sl.Field("amount"); !ok {
		return nil
	}
	if _, ok := sl.Field("rate"); !ok {
		return nil
	}
	if _, set := l["amount"]; set {
		return nil
	}
	q, okq := l["quantity"].(float64)
	r, okr := l["rate"].(float64)
	if !okq || !okr {
		return nil
	}
	a := cents(q * r)
	if !inRange(a) {
		return errInvalidValue(path+"amount", "amount", numberText(a))
	}
	l["amount"] = a
	return nil
}

func cents(x float64) float64 { return math.Round(x*100) / 100 }

// maxMagnitude bounds every number the service reads from a body or
// computes: a larger magnitude, or a value that is not finite, is an invalid
// field value.
//
// Assumption: 1e15. NetSuite's currency fields hold far less; the bound is
// below 2^53 (about 9.007e15), so every integer under it is exact in the
// float64 the store keeps, and a sum of two amounts stays finite.
const maxMagnitude = 1e15

// inRange reports whether x is finite and at most maxMagnitude in magnitude.
func inRange(x float64) bool { return math.Abs(x) <= maxMagnitude } // false for NaN and ±Inf

// numberText is how a computed number appears in "Invalid Field Value <v>".
func numberText(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// mandatory checks the fields NetSuite requires, after defaults, as the
// type's profile lists them (catalog.Profile.Mandatory, RequiredLines). The
// error is NetSuite's "Please enter value(s) for: <labels>." (errMandatory),
// each label the profile's or the schema's.
func (w *writer) mandatory(stored map[string]any) error {
	rt := w.rt
	var missing []string
	for _, r := range rt.Profile.Mandatory {
		if cond, neg := strings.CutPrefix(r.If, "!"); r.If != "" && isTrue(stored[cond]) == neg {
			continue
		}
		if _, ok := rt.Field(r.Field); !ok || !empty(stored[r.Field]) {
			continue
		}
		label := r.Label
		if label == "" {
			if f, _ := rt.Field(r.Field); f.Label != "" {
				label = f.Label
			} else {
				label = r.Field
			}
		}
		missing = append(missing, label)
	}
	if len(missing) > 0 {
		return errMandatory(missing)
	}
	if sl := rt.Profile.RequiredLines; sl != "" {
		lines := lineMaps(stored[sl])
		if len(lines) == 0 {
			return errNoLines()
		}
		for i, l := range lines {
			if r := rt.Profile.RequiredLine; r.Field != "" && empty(l[r.Field]) {
				return errMandatory([]string{r.Label}).atPath(sl + ".items[" + strconv.Itoa(i) + "]")
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
