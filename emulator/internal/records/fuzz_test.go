package records

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/nsconnect/nsconnect/emulator/internal/store"
)

// FuzzPath feeds arbitrary paths to the router: Resolve and Serve must not
// panic, and every error they return is an *Error.
func FuzzPath(f *testing.F) {
	for _, p := range []string{
		"customer", "customer/1", "customer/eid:CUST-1/addressBook/1/addressBookAddress",
		"salesorder/1/item/1", "metadata-catalog", "metadata-catalog/customer", "metadata-catalog/a,b",
		"customer/%zz", "customer//1", "/", "", "customer/-1", "customer/1/!transform/invoice",
		"customrecord_region/eid:%E2%9C%93", "customer/99999999999999999999", "customer/1/subsidiary",
		"department/1/subsidiary", "customer/1/a/b/c/d",
	} {
		f.Add(p)
	}
	e := newEnv(f)
	e.seed()
	e.create("salesOrder", `{"entity":"1","item":{"items":[{"item":"1","amount":1}]},"billingAddress":{"addr1":"x"}}`)
	f.Fuzz(func(t *testing.T, path string) {
		check := func(what string, err error) {
			if err == nil {
				return
			}
			var re *Error
			if !errors.As(err, &re) {
				t.Fatalf("%s(%q): %T %v, want *Error", what, path, err, err)
			}
			if re.Status < 400 || re.Code == "" || re.Detail == "" {
				t.Fatalf("%s(%q): incomplete error %+v", what, path, re)
			}
		}
		_, err := e.s.Resolve(path)
		check("Resolve", err)
		_, err = e.s.Serve(context.Background(), &Request{BaseURL: testBase, Method: http.MethodGet, Path: path})
		check("Serve", err)
	})
}

// bodyTargets are the writes FuzzBody sends its bodies to: creates and
// updates of a customer and a sales order.
var bodyTargets = []struct{ method, path, query string }{
	{"POST", "customer", ""},
	{"PATCH", "customer/1", ""},
	{"PATCH", "customer/1", "replace=addressBook,contactRoles"},
	{"PUT", "customer/eid:FZ-C", ""},
	{"POST", "salesOrder", ""},
	{"PATCH", "salesOrder/1", ""},
	{"PATCH", "salesOrder/1", "replace=item"},
	{"PUT", "salesOrder/eid:FZ-S", ""},
}

// bodySeeds are valid bodies for bodyTargets.
var bodySeeds = []string{
	`{"companyName":"Fuzz Co","subsidiary":{"id":"1"},"email":"f@example.com","creditLimit":1000.5,"reminderDays":3,"isPerson":false,"emailPreference":{"id":"PDF"},"startDate":"2026-04-01","firstVisit":"2026-03-01T09:15:00-08:00","custentity_tier":"gold","addressBook":{"items":[{"label":"HQ","defaultBilling":true,"addressBookAddress":{"addr1":"1 Main","country":{"id":"US"}}}]},"contactRoles":{"items":[{"email":"a@x"}]}}`,
	`{"isPerson":true,"firstName":"Ann","lastName":"Lee","subsidiary":"1","externalId":"FZ-1"}`,
	`{"email":"b@example.com","phone":null,"creditLimit":"250","addressBook":{"items":[{"id":1,"label":"Depot"}]}}`,
	`{"entity":{"id":"1"},"memo":"m","tranDate":"2026-03-01","orderStatus":{"id":"B"},"custbody_rush":true,"item":{"items":[{"item":{"id":"1"},"quantity":3,"rate":19.99},{"item":"2","amount":50,"custcol_note":"n"}]},"billingAddress":{"addr1":"1 Main St","country":{"id":"US"}}}`,
	`{"entity":{"externalId":"CUST-1"},"item":{"items":[{"item":{"id":"1"},"quantity":1,"amount":1e307}]}}`,
	`{"entity":"1","item":{"items":[{"item":"1","quantity":"1e308","rate":"1e308"}]}}`,
	`{"item":{"items":[{"line":1,"quantity":5},{"item":"2","amount":1}]},"expense":{"items":[{"amount":4}]}}`,
}

// FuzzBody sends mutated create and update bodies of customers and sales
// orders: the raw fuzzed text, and a valid seed body whose numbers, strings,
// nesting and types were changed under the control of the fuzzed bytes.
// Serve must not panic, and every error it returns is an *Error: no body may
// end in a 500. A write that succeeds must read back.
func FuzzBody(f *testing.F) {
	for i, b := range bodySeeds {
		for j := range bodyTargets {
			f.Add(uint8(j), b, []byte{byte(i), byte(j), 0x11, 0x42, 0x93})
		}
	}
	f.Add(uint8(4), `{"entity":"1","item":{"items":[{"item":"1","quantity":1e10,"rate":1e10}]}}`, []byte{})
	f.Add(uint8(5), `{"item":{"items":[{"line":"1","rate":"-1e15","quantity":-1e15}]}}`, []byte{7})
	// Every updating input makes customer 1 and sales order 1 grow (lines
	// are appended), so the records start over every few hundred inputs:
	// otherwise each input is slower than the one before.
	cat := testCatalog(f)
	var (
		e    *env
		runs int
	)
	reset := func(t testing.TB) {
		if e != nil {
			e.st.Close()
		}
		st, err := store.Open("")
		if err != nil {
			t.Fatal(err)
		}
		clock := &testClock{t: time.Date(2026, 3, 15, 17, 30, 0, 0, time.UTC)}
		e = &env{t: t, st: st, clock: clock, s: New(Config{Catalog: cat, Store: st, Now: clock.Now, Location: la})}
		e.seed()
		e.create("salesOrder", `{"entity":"1","item":{"items":[{"item":"1","quantity":1,"rate":10},{"item":"2","amount":7}]}}`)
	}
	reset(f)
	f.Cleanup(func() { e.st.Close() })
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, target uint8, body string, ctl []byte) {
		if runs++; runs%500 == 0 {
			reset(t)
		}
		e.t = t
		tg := bodyTargets[int(target)%len(bodyTargets)]
		h := http.Header{}
		if len(ctl) > 0 {
			// The validation headers change which path a bad value takes.
			modes := []string{"", "Error", "Warning", "Ignore"}
			h.Set(headerValueValidation, modes[ctl[0]%4])
			h.Set(headerNameValidation, modes[ctl[0]/4%4])
		}
		send := func(what string, b []byte) {
			q, _ := url.ParseQuery(tg.query)
			resp, err := e.s.Serve(ctx, &Request{BaseURL: testBase, Method: tg.method, Path: tg.path, Query: q, Header: h, Body: b})
			if err != nil {
				var re *Error
				if !errors.As(err, &re) {
					t.Fatalf("%s %s %s (%s): %T %v, want *Error\nbody: %s", tg.method, tg.path, tg.query, what, err, err, b)
				}
				if re.Status < 400 || re.Status >= 500 || re.Code == "" || re.Detail == "" {
					t.Fatalf("%s %s (%s): incomplete error %+v\nbody: %s", tg.method, tg.path, what, re, b)
				}
				return
			}
			loc := strings.TrimPrefix(resp.Header.Get("Location"), api+"/")
			for _, query := range []string{"", "expandSubResources=true"} {
				q, _ := url.ParseQuery(query)
				if _, err := e.s.Serve(ctx, &Request{BaseURL: testBase, Method: http.MethodGet, Path: loc, Query: q}); err != nil {
					t.Fatalf("GET %s?%s after %s %s (%s): %v\nbody: %s", loc, query, tg.method, tg.path, what, err, b)
				}
			}
		}
		send("raw", []byte(body))
		dec := json.NewDecoder(strings.NewReader(bodySeeds[int(target)%len(bodySeeds)]))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		m := &mutator{ctl: ctl, text: body}
		for m.more() {
			v = m.mutate(v, 0)
		}
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		send("mutated", b)
	})
}

// mutator changes decoded JSON under the control of a byte string: each
// mutation walks down to a value and replaces it with another number,
// string, type or nesting.
type mutator struct {
	ctl  []byte
	text string // fuzzed text, used as a string value
}

func (m *mutator) more() bool { return len(m.ctl) > 0 }

func (m *mutator) next() int {
	if len(m.ctl) == 0 {
		return 0
	}
	b := m.ctl[0]
	m.ctl = m.ctl[1:]
	return int(b)
}

// replacements are the values a mutation puts in place of another.
var replacements = []any{
	nil, true, false, "", " ", "x", "eid:", "-1", "0", "1", "2", "19", "9999",
	"1e15", "1e16", "1e308", "-1e308", "NaN", "Infinity", "0x10", "1_000", "\x00", "\xff\xfe", "é",
	"2026-02-30", "2026-03-01T25:00:00Z", "9999-12-31T23:59:59-23:59", "0000-01-01",
	json.Number("0"), json.Number("-0"), json.Number("1"), json.Number("-1"), json.Number("1.5"),
	json.Number("1e15"), json.Number("-1e15"), json.Number("1000000000000001"), json.Number("1e16"),
	json.Number("1e307"), json.Number("1e308"), json.Number("-1e308"), json.Number("1e400"),
	json.Number("1e-400"), json.Number("4.9e-324"), json.Number("9007199254740993"), json.Number("99999999999999999999"),
	[]any{}, map[string]any{},
	map[string]any{"id": "1"}, map[string]any{"id": json.Number("2")}, map[string]any{"id": nil},
	map[string]any{"externalId": "CUST-1"}, map[string]any{"refName": "PDF"}, map[string]any{"items": nil},
	map[string]any{"items": []any{}}, map[string]any{"items": []any{nil}},
	map[string]any{"items": []any{map[string]any{"line": json.Number("1e308"), "id": "x"}}},
}

// fieldNames are keys a mutation may add.
var fieldNames = []string{
	"item", "quantity", "rate", "amount", "line", "id", "entity", "subsidiary", "externalId", "tranId",
	"total", "subtotal", "links", "refName", "addressBook", "addressBookAddress", "contactRoles", "expense",
	"items", "creditLimit", "reminderDays", "emailPreference", "custbody_rush", "custentity_region",
	"billingAddress", "tranDate", "firstVisit", "salesRep", "ITEM", "Amount", "nope",
}

func (m *mutator) mutate(v any, depth int) any {
	op := m.next()
	switch x := v.(type) {
	case map[string]any:
		if len(x) > 0 && op%4 != 0 && depth < 8 {
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			k := keys[m.next()%len(keys)]
			x[k] = m.mutate(x[k], depth+1)
			return x
		}
		if op%8 == 4 {
			x[fieldNames[m.next()%len(fieldNames)]] = m.value()
			return x
		}
	case []any:
		if len(x) > 0 && op%4 != 0 && depth < 8 {
			i := m.next() % len(x)
			x[i] = m.mutate(x[i], depth+1)
			return x
		}
		if op%8 == 4 {
			return append(x, m.value())
		}
	case json.Number:
		switch op % 6 {
		case 0:
			if strings.ContainsAny(string(x), "eE") {
				return json.Number("1e300")
			}
			return json.Number(string(x) + "e300")
		case 1:
			return json.Number("-" + strings.TrimPrefix(string(x), "-"))
		case 2:
			return string(x) // the number as a string
		}
	case string:
		switch op % 6 {
		case 0:
			return m.text
		case 1:
			if len(x) < 1<<10 {
				return x + x
			}
		case 2:
			return map[string]any{"id": x}
		}
	}
	switch op % 3 {
	case 0:
		return map[string]any{"items": []any{v}} // nest
	case 1:
		return []any{v}
	}
	return m.value()
}

func (m *mutator) value() any {
	r := replacements[m.next()%len(replacements)]
	// Replacements are shared: give each use its own copy.
	return deepCopy(r)
}

// textTargets are the writes FuzzBodyText sends its bodies to.
var textTargets = []struct{ method, path string }{
	{"POST", "customer"},
	{"PATCH", "customer/1"},
	{"POST", "customrecord_region"},
	{"PATCH", "inventoryItem/1"}, // price lines hold an untyped array
}

// FuzzBodyText sends arbitrary bytes as a write's body. Serve must not
// panic or fail with anything but a 4xx *Error, and whatever it stores must
// be text NetSuite could store: every string of the stored record, keys
// included, valid UTF-8 without NUL, and the record's GET body likewise.
func FuzzBodyText(f *testing.F) {
	for _, b := range []string{
		`{"companyName":"A","subsidiary":"1"}`,
		`{"companyName":"A` + "\xff" + `","subsidiary":"1"}`,
		`{"companyName":"A\u0000","subsidiary":"1"}`,
		`{"comments":"\ud800","externalId":"X"}`,
		`{"comments":"\ud83d\ude00 \\ud800","custentity_tier":"gold"}`,
		`{"name":"R","custrecord_code":"` + strings.Repeat("c", 300) + `"}`,
		`{"price":{"items":[{"quantity":[1,{"a":"\u00e9"}]}]}}`,
		`{"price":{"items":[{"quantity":[{"k` + "\xc3\x28" + `":1}]}]}}`,
		`{"nope":{"a\u0000":[1e400]}}`,
		"{\"companyName\":\"\xed\xa0\x80\",\"subsidiary\":\"1\"}",
	} {
		for i := range textTargets {
			f.Add(uint8(i), []byte(b))
		}
	}
	e := newEnv(f)
	e.seed()
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, target uint8, body []byte) {
		e.t = t
		tg := textTargets[int(target)%len(textTargets)]
		resp, err := e.s.Serve(ctx, &Request{BaseURL: testBase, Method: tg.method, Path: tg.path, Body: body})
		if err != nil {
			var re *Error
			if !errors.As(err, &re) || re.Status < 400 || re.Status >= 500 || re.Code == "" || re.Detail == "" {
				t.Fatalf("%s %s: %T %v\nbody: %q", tg.method, tg.path, err, err, body)
			}
			if !utf8.ValidString(re.Detail+re.Path+re.QueryParam+re.URL) || strings.ContainsRune(re.Detail+re.Path, 0) {
				t.Fatalf("%s %s: error text not printable: %+v", tg.method, tg.path, re)
			}
			return
		}
		loc := strings.TrimPrefix(resp.Header.Get("Location"), api+"/")
		typ, id, _ := strings.Cut(loc, "/")
		n, _ := strconv.ParseInt(id, 10, 64)
		rec, err := e.st.Get(ctx, typ, n)
		if err != nil {
			t.Fatalf("%s after %s %s: %v", loc, tg.method, tg.path, err)
		}
		if where, ok := cleanText(rec.Fields, typ); !ok {
			t.Fatalf("%s %s stored bad text at %s\nbody: %q", tg.method, tg.path, where, body)
		}
		got, err := e.s.Serve(ctx, &Request{BaseURL: testBase, Method: http.MethodGet, Path: loc, Query: url.Values{"expandSubResources": {"true"}}})
		if err != nil {
			t.Fatalf("GET %s: %v", loc, err)
		}
		if !utf8.Valid(got.Body) || bytes.Contains(got.Body, []byte(`\u0000`)) || bytes.Contains(got.Body, []byte{0}) {
			t.Fatalf("GET %s: bad text in %q\nbody: %q", loc, got.Body, body)
		}
	})
}

// cleanText reports whether every string in v, keys included, is valid
// UTF-8 without NUL; where names the first that is not.
func cleanText(v any, where string) (string, bool) {
	ok := func(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }
	switch x := v.(type) {
	case string:
		return where, ok(x)
	case map[string]any:
		for k, e := range x {
			if !ok(k) {
				return where + "." + k, false
			}
			if w, good := cleanText(e, where+"."+k); !good {
				return w, false
			}
		}
	case []any:
		for i, e := range x {
			if w, good := cleanText(e, fmt.Sprintf("%s[%d]", where, i)); !good {
				return w, false
			}
		}
	}
	return where, true
}
