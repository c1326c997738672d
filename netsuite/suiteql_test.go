package netsuite_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/emulator/emulatortest"
	"github.com/nsconnect/nsconnect/netsuite"
)

// The SuiteQL client against the emulator, which serves SuiteQL as
// NetSuite does: POST with Prefer: transient, the collection envelope,
// string values, totalResults capped at 100,000.

const byID = "SELECT id, tranid FROM transaction ORDER BY id"

// countingTransport counts the requests sent through it, and the most that
// waited for their answers at once.
type countingTransport struct {
	base     http.RoundTripper
	n        atomic.Int64
	inFlight atomic.Int64
	peak     atomic.Int64
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	now := c.inFlight.Add(1)
	defer c.inFlight.Add(-1)
	for {
		p := c.peak.Load()
		if now <= p || c.peak.CompareAndSwap(p, now) {
			break
		}
	}
	return c.base.RoundTrip(r)
}

// checkParallel fails t unless the requests sent through c overlapped
// (at least two waited for their answers at once) within the limit of
// slots. It judges by overlap, not by wall time, which a loaded machine
// stretches.
func (c *countingTransport) checkParallel(t *testing.T, slots int64) {
	t.Helper()
	if p := c.peak.Load(); p < 2 || p > slots {
		t.Errorf("at most %d requests at once; want 2 to %d (the pages read in parallel, within the limit)", p, slots)
	}
}

// newSuiteQLClient returns a client of srv whose requests are counted.
func newSuiteQLClient(t *testing.T, srv *emulator.Server, opts ...netsuite.Option) (*netsuite.Client, *countingTransport) {
	t.Helper()
	ct := &countingTransport{base: srv.HTTPClient().Transport}
	if ct.base == nil {
		ct.base = http.DefaultTransport
	}
	opts = append([]netsuite.Option{netsuite.WithHTTPClient(&http.Client{Transport: ct})}, opts...)
	return emulatortest.NewClient(t, srv, opts...), ct
}

// allIDs reads the ids of byID page by page with Query, the reference the
// Rows tests compare with.
func allIDs(t *testing.T, c *netsuite.Client) []string {
	t.Helper()
	var ids []string
	for off := 0; ; off += 1000 {
		p, _, err := c.SuiteQL.Query(t.Context(), byID, &netsuite.QueryOptions{Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range p.Rows {
			ids = append(ids, r["id"])
		}
		if !p.HasMore {
			return ids
		}
	}
}

// collect reads every row of Rows, and the error that ended it.
func collect(seq func(func(netsuite.Row, error) bool)) (ids []string, err error) {
	for row, err := range seq {
		if err != nil {
			return ids, err
		}
		ids = append(ids, row["id"])
	}
	return ids, nil
}

func TestSuiteQLQuery(t *testing.T) {
	t.Parallel()
	srv := emulatortest.NewServer(t, emulator.Options{NoListener: true})
	c := emulatortest.NewClient(t, srv)
	q := "SELECT id, tranid AS Number, TO_CHAR(trandate, 'YYYY-MM-DD') day, memo, COUNT(*) OVER () FROM transaction WHERE id BETWEEN ? AND ? ORDER BY id"
	page, resp, err := c.SuiteQL.Query(t.Context(), q, &netsuite.QueryOptions{Params: []any{3, "20"}, Limit: 5, Offset: 5})
	if err != nil {
		t.Fatal(err)
	}
	if page.Count != 5 || page.Offset != 5 || page.TotalResults != 18 || !page.HasMore {
		t.Errorf("page: count %d offset %d total %d hasMore %v; want 5, 5, 18, true", page.Count, page.Offset, page.TotalResults, page.HasMore)
	}
	if resp.NextOffset != 10 || resp.TotalResults != 18 {
		t.Errorf("Response: next offset %d, total %d; want 10, 18", resp.NextOffset, resp.TotalResults)
	}
	var ids []string
	for _, r := range page.Rows {
		ids = append(ids, r["id"])
		// Lower-case names, every value a string, no links.
		for _, col := range []string{"number", "day", "expr1"} {
			if r[col] == "" {
				t.Errorf("row %s has no %s: %v", r["id"], col, r)
			}
		}
		if _, ok := r["links"]; ok {
			t.Errorf("row %s has links", r["id"])
		}
		if r["expr1"] != "18" {
			t.Errorf("COUNT(*) OVER () = %q, want \"18\"", r["expr1"])
		}
	}
	if diff := cmp.Diff([]string{"8", "9", "10", "11", "12"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}

	// NetSuite's refusal comes back as a *Error.
	_, _, err = c.SuiteQL.Query(t.Context(), "SELECT x FROM transaction", nil)
	if !netsuite.HasCode(err, "INVALID_PARAMETER") || !strings.Contains(err.Error(), "Unknown identifier 'x'") {
		t.Errorf("unknown column: %v; want INVALID_PARAMETER naming x", err)
	}
}

func TestSuiteQLQueryChecksOptions(t *testing.T) {
	t.Parallel()
	srv := emulatortest.NewServer(t, emulator.Options{NoListener: true})
	c, sent := newSuiteQLClient(t, srv)
	bad := map[string]*netsuite.QueryOptions{
		"limit over 1000":   {Limit: 1001},
		"negative limit":    {Limit: -1},
		"offset not a step": {Limit: 100, Offset: 150},
		"offset default":    {Offset: 10},
		"negative offset":   {Limit: 10, Offset: -10},
		"offset at the cap": {Limit: 1000, Offset: netsuite.MaxSuiteQLResults},
		"a time parameter":  {Params: []any{time.Now()}},
		"a map parameter":   {Params: []any{map[string]any{}}},
	}
	for name, opts := range bad {
		if _, _, err := c.SuiteQL.Query(t.Context(), byID, opts); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, _, err := c.SuiteQL.Query(t.Context(), "  ", nil); err == nil {
		t.Error("empty query: no error")
	}
	for _, err := range c.SuiteQL.Rows(t.Context(), byID, &netsuite.RowsOptions{Limit: 2000}) {
		if err == nil {
			t.Error("Rows with Limit 2000: a row and no error")
		}
		break
	}
	for _, err := range c.SuiteQL.Rows(t.Context(), byID, &netsuite.RowsOptions{Key: "id; DROP"}) {
		if err == nil {
			t.Error("Rows with a Key that is not a name: a row and no error")
		}
		break
	}
	for _, err := range c.SuiteQL.Rows(t.Context(), "SELECT tranid FROM transaction", &netsuite.RowsOptions{After: "5"}) {
		if err == nil || !strings.Contains(err.Error(), "After needs a key") {
			t.Errorf("Rows with After and no key: %v", err)
		}
		break
	}
	if n := sent.n.Load(); n != 0 {
		t.Errorf("%d requests sent for options refused before sending", n)
	}
}

// TestSuiteQLRowsParallel reads 11 pages at 50ms of latency with 5 slots:
// the first page alone, then the ten others up to five at a time.
func TestSuiteQLRowsParallel(t *testing.T) {
	t.Parallel()
	const latency = 50 * time.Millisecond
	srv := emulatortest.NewServer(t, emulator.Options{NoListener: true})
	c, sent := newSuiteQLClient(t, srv, netsuite.WithConcurrency(5))
	want := allIDs(t, c)
	limit := (len(want) + 10) / 11 // 11 pages
	pages := (len(want) + limit - 1) / limit
	if pages != 11 {
		t.Fatalf("%d rows in %d pages of %d; want 11 pages", len(want), pages, limit)
	}
	g := srv.Governance()
	g.Latency, g.ConcurrencyLimit = latency, 5
	if err := srv.SetGovernance(g); err != nil {
		t.Fatal(err)
	}
	sent.n.Store(0)
	start := time.Now()
	got, err := collect(c.SuiteQL.Rows(t.Context(), byID, &netsuite.RowsOptions{Limit: limit}))
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if n := sent.n.Load(); n != 11 {
		t.Errorf("%d requests, want 11 (one per page, no 429)", n)
	}
	t.Logf("11 pages in %v (one after the other: at least %v)", elapsed, time.Duration(pages)*latency)
	sent.checkParallel(t, 5)
}

// TestSuiteQLRowsFaults reads through 500s and dropped connections, before
// and after the work: a query is a read, retried as a GET is.
func TestSuiteQLRowsFaults(t *testing.T) {
	t.Parallel()
	srv := emulatortest.NewServer(t, emulator.Options{NoListener: true})
	var retries atomic.Int64
	c, _ := newSuiteQLClient(t, srv,
		netsuite.WithRetry(netsuite.RetryPolicy{MaxRetries: 20, Initial: time.Millisecond, Max: 5 * time.Millisecond}),
		netsuite.WithRetryNotify(func(netsuite.RetryEvent) { retries.Add(1) }))
	want := allIDs(t, c)
	g := srv.Governance()
	g.Faults = emulator.Faults{Rate500: 0.15, RateDrop: 0.1, Rate500After: 0.15, RateDropAfter: 0.1, Rate429: 0.1, Seed: 7}
	if err := srv.SetGovernance(g); err != nil {
		t.Fatal(err)
	}
	got, err := collect(c.SuiteQL.Rows(t.Context(), byID, &netsuite.RowsOptions{Limit: 10}))
	if err != nil {
		t.Fatalf("%v (after %d retries)", err, retries.Load())
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if retries.Load() == 0 {
		t.Error("no retry: the faults were not met")
	}

	// Every answer lost after the work: a create would be an unknown
	// outcome, a query is retried until the retries run out.
	g.Faults = emulator.Faults{RateDropAfter: 1}
	if err := srv.SetGovernance(g); err != nil {
		t.Fatal(err)
	}
	_, resp, err := c.SuiteQL.Query(t.Context(), byID, &netsuite.QueryOptions{Limit: 5})
	if err == nil || errors.Is(err, netsuite.ErrOutcomeUnknown) || !strings.Contains(err.Error(), "gave up after 20 retries") {
		t.Errorf("every answer dropped: %v (response %v); want the retries to run out", err, resp)
	}
}

// TestSuiteQLRowsPastCap lowers the cap to 40 rows (reading past the real
// 100,000 would need a seed of over 100,000 records, too slow for a unit
// test under -race) and reads past it by keyset, 10 rows a page.
func TestSuiteQLRowsPastCap(t *testing.T) {
	// Not parallel: the cap is a package variable. Parallel tests start
	// after this one has put it back.
	srv := emulatortest.NewServer(t, emulator.Options{NoListener: true})
	c, sent := newSuiteQLClient(t, srv)
	want := allIDs(t, c)
	defer netsuite.SetSuiteQLCap(40)()

	t.Run("ordered by id", func(t *testing.T) {
		sent.n.Store(0)
		got, err := collect(c.SuiteQL.Rows(t.Context(), byID, &netsuite.RowsOptions{Limit: 10}))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("ids (-want +got):\n%s", diff)
		}
		// 4 pages per part of 40 rows, and an empty part after the last.
		parts := (len(want) + 39) / 40
		if n, most := sent.n.Load(), int64(parts*4+1); n > most {
			t.Errorf("%d requests, want at most %d", n, most)
		}
	})
	t.Run("by a key the query is not ordered by", func(t *testing.T) {
		q := "SELECT tranid, id AS k FROM transaction ORDER BY tranid DESC"
		var got []string
		for row, err := range c.SuiteQL.Rows(t.Context(), q, &netsuite.RowsOptions{Limit: 10, Key: "K"}) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, row["k"])
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("ids (-want +got):\n%s", diff)
		}
	})
	t.Run("after a key, with MaxRows", func(t *testing.T) {
		after := want[50]
		sent.n.Store(0)
		got, err := collect(c.SuiteQL.Rows(t.Context(), byID, &netsuite.RowsOptions{Limit: 10, After: after, MaxRows: 55}))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want[51:51+55], got); diff != "" {
			t.Errorf("ids (-want +got):\n%s", diff)
		}
		// 40 + 15 rows: 4 pages, then 2.
		if n := sent.n.Load(); n != 6 {
			t.Errorf("%d requests, want 6", n)
		}
	})
	t.Run("without a key", func(t *testing.T) {
		got, err := collect(c.SuiteQL.Rows(t.Context(), "SELECT id, tranid FROM transaction ORDER BY tranid", &netsuite.RowsOptions{Limit: 10}))
		if len(got) != 40 || err == nil || !strings.Contains(err.Error(), "ORDER BY id") || !strings.Contains(err.Error(), "RowsOptions.Key") {
			t.Errorf("%d rows, error %v; want 40 rows and an error saying to ORDER BY id or pass a Key", len(got), err)
		}
	})
	t.Run("a key the query does not select", func(t *testing.T) {
		got, err := collect(c.SuiteQL.Rows(t.Context(), "SELECT tranid FROM transaction", &netsuite.RowsOptions{Limit: 10, Key: "id"}))
		if err == nil || len(got) != 0 {
			t.Errorf("%d rows, error %v; want NetSuite's refusal", len(got), err)
		}
	})
}

// TestSuiteQLRowsStopsEarly checks that MaxRows asks for no page past the
// rows wanted, and that a loop that stops has at most a window of pages
// read ahead.
func TestSuiteQLRowsStopsEarly(t *testing.T) {
	t.Parallel()
	srv := emulatortest.NewServer(t, emulator.Options{NoListener: true})
	c, sent := newSuiteQLClient(t, srv, netsuite.WithConcurrency(3))
	want := allIDs(t, c)

	sent.n.Store(0)
	got, err := collect(c.SuiteQL.Rows(t.Context(), byID, &netsuite.RowsOptions{Limit: 10, MaxRows: 25}))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want[:25], got); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if n := sent.n.Load(); n != 3 {
		t.Errorf("MaxRows 25 by 10: %d requests, want 3", n)
	}

	// A consumer that stops on the second page, slowly: the window (3
	// in flight, 1 being read) bounds the pages asked for.
	sent.n.Store(0)
	n := 0
	for _, err := range c.SuiteQL.Rows(t.Context(), byID, &netsuite.RowsOptions{Limit: 5}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 6 {
			time.Sleep(100 * time.Millisecond)
			break
		}
	}
	if got, most := sent.n.Load(), int64(1+3+1); got > most {
		t.Errorf("stopped on page 2 of %d: %d pages asked for, want at most %d", (len(want)+4)/5, got, most)
	}
}

// TestSuiteQLRowsCancel checks that a cancelled context ends Rows with its
// error.
func TestSuiteQLRowsCancel(t *testing.T) {
	t.Parallel()
	srv := emulatortest.NewServer(t, emulator.Options{NoListener: true, Latency: 20 * time.Millisecond})
	c := emulatortest.NewClient(t, srv)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	n := 0
	var last error
	for _, err := range c.SuiteQL.Rows(ctx, byID, &netsuite.RowsOptions{Limit: 5}) {
		if err != nil {
			last = err
			break
		}
		if n++; n == 5 {
			cancel()
		}
	}
	if !errors.Is(last, context.Canceled) {
		t.Errorf("after cancel: %v, want context.Canceled", last)
	}
}

// TestRecordsListIterParallel reads the 50 demo customers 5 at a time at
// 50ms of latency: 10 pages in about 3 × 50ms rather than 10 × 50ms.
func TestRecordsListIterParallel(t *testing.T) {
	t.Parallel()
	const latency = 50 * time.Millisecond
	srv := emulatortest.NewServer(t, emulator.Options{NoListener: true})
	c, sent := newSuiteQLClient(t, srv)
	var want []string
	for it, err := range c.Records.ListIter(t.Context(), "customer", nil) {
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, it.ID)
	}
	if len(want) != 50 {
		t.Fatalf("%d customers, want the 50 of the demo account", len(want))
	}
	g := srv.Governance()
	g.Latency, g.ConcurrencyLimit = latency, 5
	if err := srv.SetGovernance(g); err != nil {
		t.Fatal(err)
	}
	sent.n.Store(0)
	start := time.Now()
	var got []string
	for it, err := range c.Records.ListIter(t.Context(), "customer", &netsuite.ListOptions{Limit: 5}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, it.ID)
	}
	elapsed := time.Since(start)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if n := sent.n.Load(); n != 10 {
		t.Errorf("%d requests, want 10", n)
	}
	t.Logf("10 pages in %v (one after the other: at least %v)", elapsed, 10*latency)
	sent.checkParallel(t, 5)
}

// TestClientConcurrency checks the size paged reads use.
func TestClientConcurrency(t *testing.T) {
	t.Parallel()
	srv := emulatortest.NewServer(t, emulator.Options{NoListener: true})
	for _, tt := range []struct {
		opt  netsuite.Option
		want int
	}{
		{nil, netsuite.DefaultConcurrency},
		{netsuite.WithConcurrency(12), 12},
		{netsuite.WithLimiter(netsuite.NewLimiter(7)), 7},
		{netsuite.WithLimiter(plainLimiter{netsuite.NewLimiter(9)}), netsuite.DefaultConcurrency},
	} {
		c := emulatortest.NewClient(t, srv, tt.opt)
		if got := c.Concurrency(); got != tt.want {
			t.Errorf("Concurrency() = %d, want %d", got, tt.want)
		}
	}
}

// plainLimiter hides the Limit method of a Limiter.
type plainLimiter struct{ l netsuite.Limiter }

func (p plainLimiter) Acquire(ctx context.Context) error { return p.l.Acquire(ctx) }
func (p plainLimiter) Release()                          { p.l.Release() }

// ListIter tells ListOptions.Page of every page, in order, with its
// totalResults, before the page's items: what progress reporting needs.
func TestRecordsListIterTellsEachPage(t *testing.T) {
	t.Parallel()
	srv := emulatortest.NewServer(t, emulator.Options{NoListener: true})
	c := emulatortest.NewClient(t, srv)
	var totals []int
	items := 0
	opts := &netsuite.ListOptions{Limit: 10, Page: func(resp *netsuite.Response) {
		if len(totals)*10 != items {
			t.Errorf("page %d told after %d items", len(totals)+1, items)
		}
		totals = append(totals, resp.TotalResults)
	}}
	for _, err := range c.Records.ListIter(t.Context(), "customer", opts) {
		if err != nil {
			t.Fatal(err)
		}
		items++
	}
	if want := (items + 9) / 10; len(totals) != want {
		t.Fatalf("told of %d pages, want %d for %d items", len(totals), want, items)
	}
	for _, n := range totals {
		if n != items {
			t.Errorf("totalResults %d, want %d", n, items)
		}
	}
}
