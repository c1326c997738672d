package records

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
	"github.com/nsconnect/nsconnect/emulator/internal/filter"
	"github.com/nsconnect/nsconnect/emulator/internal/store"
	"github.com/nsconnect/nsconnect/emulator/internal/suiteql/tables"
)

const testBase = "http://127.0.0.1:8080"

// api is testBase + the record API path.
const api = testBase + "/services/rest/record/v1"

// testClock is a settable clock.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// env is a Service over an in-memory store.
type env struct {
	t     testing.TB
	s     *Service
	st    *store.Store
	clock *testClock
}

var la = func() *time.Location {
	l, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		panic(err)
	}
	return l
}()

// testCatalog is the default catalog plus custom fields and a custom record
// type.
func testCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	c, err = c.WithCustom([]catalog.CustomField{
		{ScriptID: "custentity_tier", Label: "Tier", Type: catalog.CustomText},
		{ScriptID: "custentity_region", Label: "Region", Type: catalog.CustomSelect, RecordType: "customrecord_region"},
		{ScriptID: "custbody_rush", Label: "Rush", Type: catalog.CustomCheckbox},
		{ScriptID: "custcol_note", Label: "Line Note", Type: catalog.CustomText},
	}, []catalog.CustomRecordType{{
		ScriptID: "customrecord_region",
		Name:     "Region",
		Fields:   []catalog.CustomField{{ScriptID: "custrecord_code", Label: "Code", Type: catalog.CustomText}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func newEnv(t testing.TB) *env {
	t.Helper()
	st, err := store.Open("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	clock := &testClock{t: time.Date(2026, 3, 15, 17, 30, 0, 0, time.UTC)}
	cat := testCatalog(t)
	s := New(Config{
		Catalog:    cat,
		Store:      st,
		Now:        clock.Now,
		Location:   la,
		DateFormat: filter.FormatMDY,
		SuiteQL:    tables.New(cat, la.String(), tables.Options{}),
	})
	return &env{t: t, s: s, st: st, clock: clock}
}

// req describes a request for do.
type req struct {
	method string
	path   string
	query  string
	header http.Header
	body   string
}

func (e *env) do(r req) (*Response, error) {
	e.t.Helper()
	q, err := url.ParseQuery(r.query)
	if err != nil {
		e.t.Fatalf("bad test query %q: %v", r.query, err)
	}
	if r.method == "" {
		r.method = http.MethodGet
	}
	return e.s.Serve(context.Background(), &Request{
		BaseURL: testBase,
		Method:  r.method,
		Path:    r.path,
		Query:   q,
		Header:  r.header,
		Body:    []byte(r.body),
	})
}

// ok runs a request that must succeed.
func (e *env) ok(r req) *Response {
	e.t.Helper()
	resp, err := e.do(r)
	if err != nil {
		e.t.Fatalf("%s %s?%s: %v", r.method, r.path, r.query, err)
	}
	return resp
}

// fail runs a request that must fail with an *Error.
func (e *env) fail(r req) *Error {
	e.t.Helper()
	resp, err := e.do(r)
	if err == nil {
		e.t.Fatalf("%s %s?%s: got %d %s, want an error", r.method, r.path, r.query, resp.Status, resp.Body)
	}
	var re *Error
	if !errors.As(err, &re) {
		e.t.Fatalf("%s %s: error %v is %T, want *Error", r.method, r.path, err, err)
	}
	return re
}

// create creates a record through Service.Create and returns its ID.
func (e *env) create(recordType, body string) string {
	e.t.Helper()
	id, err := e.s.Create(context.Background(), recordType, []byte(body))
	if err != nil {
		e.t.Fatalf("Create(%s, %s): %v", recordType, body, err)
	}
	return id
}

// get returns a record's wire JSON decoded.
func (e *env) get(path, query string) map[string]any {
	e.t.Helper()
	resp := e.ok(req{path: path, query: query})
	var m map[string]any
	if err := json.Unmarshal(resp.Body, &m); err != nil {
		e.t.Fatalf("GET %s: %v in %s", path, err, resp.Body)
	}
	return m
}

// stored returns a record's stored body.
func (e *env) stored(recordType string, id string) map[string]any {
	e.t.Helper()
	var n int64
	for _, r := range id {
		n = n*10 + int64(r-'0')
	}
	rec, err := e.st.Get(context.Background(), recordType, n)
	if err != nil {
		e.t.Fatalf("store.Get(%s, %s): %v", recordType, id, err)
	}
	return rec.Fields
}

// seed creates the records most tests need: subsidiary 1, customer 1
// ("Acme"), vendor 2, inventory item 1 ("WIDGET"), service item 2
// ("INSTALL"). IDs are per family (package store).
func (e *env) seed() {
	e.t.Helper()
	e.create("subsidiary", `{"name":"Parent Company"}`)
	e.create("customer", `{"companyName":"Acme","subsidiary":{"id":"1"},"externalId":"CUST-1","emailPreference":{"id":"PDF"}}`)
	e.create("vendor", `{"companyName":"Supplies Inc","subsidiary":"1"}`)
	e.create("inventoryItem", `{"itemId":"WIDGET"}`)
	e.create("serviceSaleItem", `{"itemId":"INSTALL"}`)
}

func errDiff(t *testing.T, got *Error, want Error) {
	t.Helper()
	if diff := cmp.Diff(want, *got); diff != "" {
		t.Errorf("error mismatch (-want +got):\n%s", diff)
	}
}

func header(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Add(kv[i], kv[i+1])
	}
	return h
}
