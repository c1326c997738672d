package seed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// call is one Create call the fake saw.
type call struct {
	Type string
	Body string
	ID   string
}

// fakeCreator records bodies and returns sequential IDs, like the store's
// per-family sequences but global, so that an ID names one record type.
type fakeCreator struct {
	calls []call
	// onCall, when set, runs before call n (1-based) is recorded; a non-nil
	// error fails that call.
	onCall func(ctx context.Context, n int) error
}

func (f *fakeCreator) Create(ctx context.Context, recordType string, body []byte) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if f.onCall != nil {
		if err := f.onCall(ctx, len(f.calls)+1); err != nil {
			return "", err
		}
	}
	id := strconv.Itoa(len(f.calls) + 1)
	f.calls = append(f.calls, call{Type: recordType, Body: string(body), ID: id})
	return id, nil
}

// testNow is late in the evening in Los Angeles, already the next day in UTC:
// "today" must be the 15th.
var testNow = time.Date(2026, 3, 15, 23, 30, 0, 0, mustLocation("America/Los_Angeles"))

func mustLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func runDemo(t *testing.T, opts Options) ([]call, *Summary) {
	t.Helper()
	f := &fakeCreator{}
	sum, err := Demo(context.Background(), f, opts)
	if err != nil {
		t.Fatalf("Demo: %v", err)
	}
	return f.calls, sum
}

func countTypes(calls []call) map[string]int {
	got := make(map[string]int)
	for _, c := range calls {
		got[c.Type]++
	}
	return got
}

func decode(t *testing.T, c call) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(c.Body), &m); err != nil {
		t.Fatalf("%s #%s: invalid JSON: %v\n%s", c.Type, c.ID, err, c.Body)
	}
	return m
}

func TestDemoDefaultCounts(t *testing.T) {
	t.Parallel()
	calls, sum := runDemo(t, Options{Seed: 1, Now: testNow})
	want := map[string]int{
		"currency":                   4,
		"subsidiary":                 3,
		"department":                 5,
		"classification":             5,
		"location":                   3,
		"term":                       4,
		"account":                    4,
		"customrecord_shipping_zone": 5,
		"employee":                   8,
		"vendor":                     10,
		"customer":                   50,
		"contact":                    20,
		"inventoryItem":              9,
		"nonInventorySaleItem":       6,
		"serviceSaleItem":            5,
		"salesOrder":                 100,
		"invoice":                    40,
		"purchaseOrder":              2,
	}
	if diff := cmp.Diff(want, countTypes(calls)); diff != "" {
		t.Errorf("creates per type (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, sum.Counts); diff != "" {
		t.Errorf("Summary.Counts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, Counts(0)); diff != "" {
		t.Errorf("Counts(0) (-want +got):\n%s", diff)
	}
	if sum.Total != len(calls) || DefaultRecords != len(calls) {
		t.Errorf("Total = %d, DefaultRecords = %d, creates = %d", sum.Total, DefaultRecords, len(calls))
	}
	// Below the default size, the default size.
	small, _ := runDemo(t, Options{Seed: 1, Now: testNow, Records: 10})
	if len(small) != DefaultRecords {
		t.Errorf("Records=10 created %d records, want the default %d", len(small), DefaultRecords)
	}
}

func TestDemoSummaryWellKnownIDs(t *testing.T) {
	t.Parallel()
	calls, sum := runDemo(t, Options{Seed: 7, Now: testNow})
	byID := make(map[string]call)
	for _, c := range calls {
		byID[c.ID] = c
	}
	bodyOf := func(id, wantType string) map[string]any {
		t.Helper()
		c, ok := byID[id]
		if !ok || c.Type != wantType {
			t.Fatalf("ID %q is %q, want a %s", id, c.Type, wantType)
		}
		return decode(t, c)
	}
	refID := func(v any) string {
		m, _ := v.(map[string]any)
		s, _ := m["id"].(string)
		return s
	}

	if m := bodyOf(sum.ParentSubsidiary, "subsidiary"); m["name"] != "Honeycomb Holdings Inc." || m["parent"] != nil {
		t.Errorf("parent subsidiary = %v", m)
	}
	for _, id := range []string{sum.USSubsidiary, sum.UKCanadaSubsidiary} {
		if m := bodyOf(id, "subsidiary"); refID(m["parent"]) != sum.ParentSubsidiary {
			t.Errorf("subsidiary %s: parent = %v, want %s", id, m["parent"], sum.ParentSubsidiary)
		}
	}
	for _, iso := range []string{"USD", "GBP", "CAD", "EUR"} {
		if m := bodyOf(sum.Currencies[iso], "currency"); m["symbol"] != iso {
			t.Errorf("currency %s: symbol = %v", iso, m["symbol"])
		}
	}
	if m := bodyOf(sum.DemoCustomer, "customer"); m["externalId"] != DemoCustomerExternalID || m["companyName"] != DemoCustomerName {
		t.Errorf("demo customer = %v", m)
	}
	if m := bodyOf(sum.DemoContact, "contact"); refID(m["company"]) != sum.DemoCustomer {
		t.Errorf("demo contact's company = %v, want %s", m["company"], sum.DemoCustomer)
	}
	if m := bodyOf(sum.DemoItem, "inventoryItem"); m["itemId"] != DemoItemID {
		t.Errorf("demo item = %v", m["itemId"])
	}
	if m := bodyOf(sum.DemoSalesOrder, "salesOrder"); refID(m["entity"]) != sum.DemoCustomer {
		t.Errorf("demo sales order's entity = %v, want the demo customer %s", m["entity"], sum.DemoCustomer)
	}
	if m := bodyOf(sum.DemoEmployee, "employee"); m["issalesrep"] != true {
		t.Errorf("demo employee = %v", m)
	}
	bodyOf(sum.DemoVendor, "vendor")
	bodyOf(sum.DemoInvoice, "invoice")
	if m := bodyOf(sum.DemoPurchaseOrder, "purchaseOrder"); refID(m["entity"]) != sum.DemoVendor {
		t.Errorf("demo purchase order's vendor = %v, want %s", m["entity"], sum.DemoVendor)
	}
}

func TestDemoDeterministic(t *testing.T) {
	t.Parallel()
	a, _ := runDemo(t, Options{Seed: 42, Now: testNow})
	b, _ := runDemo(t, Options{Seed: 42, Now: testNow})
	if diff := cmp.Diff(a, b); diff != "" {
		t.Fatalf("same seed, different bodies (-first +second):\n%s", diff)
	}

	c, _ := runDemo(t, Options{Seed: 43, Now: testNow})
	if cmp.Equal(a, c) {
		t.Fatal("seeds 42 and 43 gave identical bodies")
	}
	// Every seeded section changes with the seed, not just one of them.
	differs := make(map[string]bool)
	for i := range a {
		if a[i].Type != c[i].Type {
			t.Fatalf("create #%d: type %s vs %s: the order must not depend on the seed", i+1, a[i].Type, c[i].Type)
		}
		if a[i].Body != c[i].Body {
			differs[a[i].Type] = true
		}
	}
	for _, rt := range []string{"employee", "vendor", "customer", "contact", "inventoryItem", "salesOrder", "invoice", "purchaseOrder"} {
		if !differs[rt] {
			t.Errorf("%s bodies do not depend on the seed", rt)
		}
	}

	// Now moves the dates and nothing else.
	d, _ := runDemo(t, Options{Seed: 42, Now: testNow.AddDate(0, 0, 10)})
	for i := range a {
		if a[i].Body == d[i].Body {
			continue
		}
		if !strings.Contains(a[i].Body, `Date":"`) {
			t.Errorf("%s #%s changed with Now but has no date:\n%s\n%s", a[i].Type, a[i].ID, a[i].Body, d[i].Body)
		}
	}
}

func TestDemoDatesInLastYear(t *testing.T) {
	t.Parallel()
	calls, _ := runDemo(t, Options{Seed: 3, Now: testNow})
	today := time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)
	yearAgo := today.AddDate(-1, 0, 0)

	first, last := map[string]time.Time{}, map[string]time.Time{}
	for _, c := range calls {
		m := decode(t, c)
		s, ok := m["tranDate"].(string)
		switch c.Type {
		case "salesOrder", "invoice", "purchaseOrder":
			if !ok {
				t.Errorf("%s #%s has no tranDate", c.Type, c.ID)
				continue
			}
		default:
			continue
		}
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Errorf("%s #%s: tranDate %q: %v", c.Type, c.ID, s, err)
			continue
		}
		if d.After(today) || !d.After(yearAgo) {
			t.Errorf("%s #%s: tranDate %s not in (%s, %s]", c.Type, c.ID, s, yearAgo.Format(time.DateOnly), today.Format(time.DateOnly))
		}
		if f, ok := first[c.Type]; !ok || d.Before(f) {
			first[c.Type] = d
		}
		if d.After(last[c.Type]) {
			last[c.Type] = d
		}
	}
	// Sales orders spread over the whole year.
	if f, l := first["salesOrder"], last["salesOrder"]; f.After(today.AddDate(0, 0, -330)) || l.Before(today.AddDate(0, 0, -30)) {
		t.Errorf("sales orders span %s..%s; want most of the last year", f.Format(time.DateOnly), l.Format(time.DateOnly))
	}
}

func TestDemoScalesUp(t *testing.T) {
	t.Parallel()
	const records = 5000
	type progress struct{ done, total int }
	var got []progress
	calls, sum := runDemo(t, Options{Seed: 9, Now: testNow, Records: records, Progress: func(done, total int) {
		got = append(got, progress{done, total})
	}})
	if len(calls) != records || sum.Total != records {
		t.Fatalf("created %d records (Summary.Total %d), want %d", len(calls), sum.Total, records)
	}
	if diff := cmp.Diff(Counts(records), countTypes(calls)); diff != "" {
		t.Errorf("creates per type vs Counts (-want +got):\n%s", diff)
	}
	def := Counts(0)
	for _, rt := range []string{"customer", "inventoryItem", "nonInventorySaleItem", "serviceSaleItem", "salesOrder"} {
		if n := sum.Counts[rt]; n < 15*def[rt] {
			t.Errorf("%s: %d records; want it scaled up from %d", rt, n, def[rt])
		}
	}
	for _, rt := range []string{"subsidiary", "currency", "employee", "vendor", "contact", "invoice", "purchaseOrder"} {
		if sum.Counts[rt] != def[rt] {
			t.Errorf("%s: %d records; want the fixed %d", rt, sum.Counts[rt], def[rt])
		}
	}
	// Proportions stay those of the default demo.
	if c, so := float64(sum.Counts["customer"]), float64(sum.Counts["salesOrder"]); so/c < 1.9 || so/c > 2.1 {
		t.Errorf("sales orders per customer = %.2f, want about 2", so/c)
	}

	if len(got) < 100 || len(got) > 102 {
		t.Errorf("Progress called %d times, want about 101 (start, then every 1%%)", len(got))
	}
	if len(got) > 0 && (got[0] != progress{0, records} || got[len(got)-1] != progress{records, records}) {
		t.Errorf("Progress first %v, last %v", got[0], got[len(got)-1])
	}
	for i := 1; i < len(got); i++ {
		if got[i].total != records || got[i].done <= got[i-1].done || got[i].done-got[i-1].done > records/100+1 {
			t.Errorf("Progress call %d: %v after %v", i, got[i], got[i-1])
		}
	}

	// Item IDs stay unique across variants; customer external IDs too.
	seen := make(map[string]bool)
	for _, c := range calls {
		m := decode(t, c)
		for _, key := range []string{"itemId", "externalId"} {
			if v, ok := m[key].(string); ok {
				k := c.Type + "/" + key + "/" + v
				if key == "itemId" {
					k = "item/" + v // itemId is unique across item types
				}
				if seen[k] {
					t.Errorf("%s #%s: duplicate %s %q", c.Type, c.ID, key, v)
				}
				seen[k] = true
			}
		}
	}
}

func TestDemoCancel(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f := &fakeCreator{onCall: func(_ context.Context, n int) error {
		if n == 10 {
			cancel()
		}
		return nil
	}}
	sum, err := Demo(ctx, f, Options{Seed: 1, Now: testNow, Records: 1_000_000})
	if !errors.Is(err, context.Canceled) || err != ctx.Err() {
		t.Fatalf("err = %v, want ctx.Err() (%v)", err, ctx.Err())
	}
	if len(f.calls) != 10 || sum == nil || sum.Total != 10 {
		t.Errorf("created %d records (summary %+v), want 10 then stop", len(f.calls), sum)
	}

	// A Create that fails because the context ended reports ctx.Err() too.
	ctx2, cancel2 := context.WithCancel(context.Background())
	f2 := &fakeCreator{onCall: func(ctx context.Context, n int) error {
		if n == 5 {
			cancel2()
			return fmt.Errorf("post: %w", ctx.Err())
		}
		return nil
	}}
	if _, err := Demo(ctx2, f2, Options{Now: testNow}); err != context.Canceled {
		t.Errorf("err = %v, want context.Canceled", err)
	}

	// Already cancelled: nothing is created.
	f3 := &fakeCreator{}
	if _, err := Demo(ctx, f3, Options{Now: testNow}); !errors.Is(err, context.Canceled) || len(f3.calls) != 0 {
		t.Errorf("cancelled context: err = %v, %d creates", err, len(f3.calls))
	}
}

func TestDemoCreateError(t *testing.T) {
	t.Parallel()
	boom := errors.New("USER_ERROR: Invalid Field Value")
	f := &fakeCreator{onCall: func(_ context.Context, n int) error {
		if n == 30 { // the second shipping zone
			return boom
		}
		return nil
	}}
	sum, err := Demo(context.Background(), f, Options{Now: testNow})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want it to wrap %v", err, boom)
	}
	if want := "seed: create customrecord_shipping_zone #2: " + boom.Error(); err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}
	if len(f.calls) != 29 || sum.Total != 29 {
		t.Errorf("created %d (summary %d), want 29", len(f.calls), sum.Total)
	}

	empty := creatorFunc(func(context.Context, string, []byte) (string, error) { return "", nil })
	if _, err := Demo(context.Background(), empty, Options{Now: testNow}); err == nil || !strings.Contains(err.Error(), "empty ID") {
		t.Errorf("empty ID: err = %v", err)
	}
}

type creatorFunc func(ctx context.Context, recordType string, body []byte) (string, error)

func (f creatorFunc) Create(ctx context.Context, recordType string, body []byte) (string, error) {
	return f(ctx, recordType, body)
}

func TestDemoOptionErrors(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		c    Creator
		opts Options
		want string
	}{
		"no Now":           {&fakeCreator{}, Options{}, "seed: Options.Now is required"},
		"negative Records": {&fakeCreator{}, Options{Now: testNow, Records: -1}, "seed: Options.Records is -1; use 0 for the default size or more"},
		"nil Creator":      {nil, Options{Now: testNow}, "seed: nil Creator"},
	} {
		if _, err := Demo(context.Background(), tc.c, tc.opts); err == nil || err.Error() != tc.want {
			t.Errorf("%s: err = %v, want %q", name, err, tc.want)
		}
	}
}

// TestDemoConcurrent runs several demos at once: under -race it proves that
// Demo shares no mutable state between runs.
func TestDemoConcurrent(t *testing.T) {
	t.Parallel()
	want, _ := runDemo(t, Options{Seed: 5, Now: testNow})
	var wg sync.WaitGroup
	results := make([][]call, 4)
	for i := range results {
		wg.Go(func() {
			f := &fakeCreator{}
			if _, err := Demo(context.Background(), f, Options{Seed: 5, Now: testNow}); err != nil {
				t.Errorf("Demo: %v", err)
			}
			results[i] = f.calls
		})
	}
	wg.Wait()
	for i, got := range results {
		if !cmp.Equal(want, got) {
			t.Errorf("concurrent run %d differs from the sequential one", i)
		}
	}
}

func BenchmarkDemo(b *testing.B) {
	discard := creatorFunc(func(_ context.Context, _ string, body []byte) (string, error) { return "1", nil })
	for b.Loop() {
		if _, err := Demo(context.Background(), discard, Options{Seed: 1, Now: testNow, Records: 100_000}); err != nil {
			b.Fatal(err)
		}
	}
}
