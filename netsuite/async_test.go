package netsuite_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/emulator/emulatortest"
	"github.com/nsconnect/nsconnect/netsuite"
)

// fastRetry retries often and at once, for tests under faults.
var fastRetry = netsuite.WithRetry(netsuite.RetryPolicy{MaxRetries: 20, Initial: time.Millisecond, Max: 5 * time.Millisecond})

// TestKeyedWrites: a create, update and upsert with an idempotency key run
// as NetSuite jobs and return what the synchronous write returns: the
// record's ID, or NetSuite's *Error for the write's request. Over a socket
// and in process.
func TestKeyedWrites(t *testing.T) {
	t.Parallel()
	for _, noListener := range []bool{true, false} {
		t.Run(fmt.Sprintf("noListener=%v", noListener), func(t *testing.T) {
			t.Parallel()
			srv := emulatortest.NewServer(t, emulator.Options{NoSeed: true, NoListener: noListener})
			c, sent := newSuiteQLClient(t, srv)
			ctx := t.Context()

			res, resp, err := c.Records.Create(ctx, "currency", currency("KEY"), &netsuite.WriteOptions{IdempotencyKey: "create-1"})
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != 204 || resp.Request.Method != "POST" || !strings.HasSuffix(resp.Header.Get("Location"), "/currency/"+res.ID) {
				t.Errorf("create: %d %s %s, want the create's 204", resp.StatusCode, resp.Request.Method, resp.Header.Get("Location"))
			}
			rec, _, err := c.Records.Get(ctx, "currency", netsuite.ExternalID("KEY"), nil)
			if err != nil || rec.ID() != res.ID {
				t.Fatalf("the created record: %v, %v; want ID %s", rec, err, res.ID)
			}
			// The submission, the job until it completes, its task list
			// and its result: at least 4 requests.
			if n := sent.n.Load(); n < 4 {
				t.Errorf("%d requests for a keyed create, want 4 or more", n)
			}

			up, _, err := c.Records.Update(ctx, "currency", res.ID, netsuite.Record{"symbol": "KY2"}, &netsuite.WriteOptions{IdempotencyKey: "update-1"})
			if err != nil || up.ID != res.ID {
				t.Fatalf("update: %+v, %v", up, err)
			}
			ups, _, err := c.Records.Upsert(ctx, "currency", "UPK", currency("UPK"), &netsuite.WriteOptions{IdempotencyKey: "upsert-1"})
			if err != nil || ups.ID == "" || ups.ID == res.ID {
				t.Fatalf("upsert: %+v, %v", ups, err)
			}
			rec, _, _ = c.Records.Get(ctx, "currency", res.ID, nil)
			if rec["symbol"] != "KY2" {
				t.Errorf("after the keyed update: %v", rec)
			}

			// A create NetSuite refuses: the synchronous create's error.
			_, _, syncErr := c.Records.Create(ctx, "customer", netsuite.Record{"companyName": "No Subsidiary"}, nil)
			_, _, err = c.Records.Create(ctx, "customer", netsuite.Record{"companyName": "No Subsidiary"}, &netsuite.WriteOptions{IdempotencyKey: "bad-1"})
			var e *netsuite.Error
			if !errors.As(err, &e) || e.Status != 400 || !netsuite.HasCode(err, "USER_ERROR") || errors.Is(err, netsuite.ErrOutcomeUnknown) {
				t.Fatalf("refused create: %v, want 400 USER_ERROR", err)
			}
			if err.Error() != syncErr.Error() {
				t.Errorf("keyed error:\n %v\nthe synchronous one:\n %v", err, syncErr)
			}
		})
	}
}

// TestKeyedCreateAgainAfterUnknownOutcome: a keyed create whose answer was
// lost (500-after, no retries) is ErrOutcomeUnknown; called again with the
// same key it returns the record the first made, and makes none.
func TestKeyedCreateAgainAfterUnknownOutcome(t *testing.T) {
	t.Parallel()
	for _, faults := range []string{"500-after=1", "drop-after=1"} {
		t.Run(faults, func(t *testing.T) {
			t.Parallel()
			srv := lostAnswerEmulator(t, faults, true)
			c := emulatortest.NewClient(t, srv, netsuite.WithRetry(netsuite.RetryPolicy{MaxRetries: -1}))
			opts := &netsuite.WriteOptions{IdempotencyKey: "again-1"}
			_, _, err := c.Records.Create(t.Context(), "currency", currency("AGN"), opts)
			if !errors.Is(err, netsuite.ErrOutcomeUnknown) || !strings.Contains(err.Error(), `idempotency key "again-1"`) {
				t.Fatalf("create: %v, want ErrOutcomeUnknown naming the key", err)
			}
			clearFaults(t, srv)
			res, _, err := c.Records.Create(t.Context(), "currency", currency("AGN-2"), opts)
			if err != nil {
				t.Fatal(err)
			}
			rec, _, err := c.Records.Get(t.Context(), "currency", res.ID, nil)
			if err != nil || rec.ExternalID() != "AGN" {
				t.Errorf("the record of the second call: %v, %v; want the first's, AGN", rec, err)
			}
			if items, _, err := c.Records.List(t.Context(), "currency", nil); err != nil || len(items) != 1 {
				t.Errorf("%d currencies, %v; want 1", len(items), err)
			}
		})
	}
}

// TestKeyedCreatesUnderFaults: 300 creates, each with its own key, under
// 429s and answers lost before and after the work, retried by the Client:
// exactly 300 records, none doubled. Not in parallel: its load would slow
// the tests that time parallel reads.
func TestKeyedCreatesUnderFaults(t *testing.T) {
	const n = 300
	f, err := emulator.ParseFaults("429=0.05,500=0.03,drop=0.03,500-after=0.05,drop-after=0.05,seed=13")
	if err != nil {
		t.Fatal(err)
	}
	srv := emulatortest.NewServer(t, emulator.Options{NoSeed: true, NoListener: true, Faults: f, Concurrency: 10})
	var retries atomic.Int64
	c := emulatortest.NewClient(t, srv, fastRetry, netsuite.WithConcurrency(10),
		netsuite.WithRetryNotify(func(netsuite.RetryEvent) { retries.Add(1) }))
	ids := make([]string, n)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	start := time.Now()
	for i := range n {
		wg.Go(func() {
			eid := fmt.Sprintf("F%03d", i)
			res, _, err := c.Records.Create(t.Context(), "currency", currency(eid), &netsuite.WriteOptions{IdempotencyKey: "fault-" + eid})
			if err != nil {
				errs <- fmt.Errorf("create %s: %w", eid, err)
				return
			}
			ids[i] = res.ID
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	t.Logf("%d keyed creates in %v, %d retries", n, time.Since(start).Round(time.Millisecond), retries.Load())
	if retries.Load() == 0 {
		t.Error("no retries: the faults did not fire")
	}
	clearFaults(t, srv)
	page, _, err := c.SuiteQL.Query(t.Context(), "SELECT COUNT(*) AS n, COUNT(DISTINCT externalid) AS eids FROM currency", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := page.Rows[0]; got["n"] != fmt.Sprint(n) || got["eids"] != fmt.Sprint(n) {
		t.Errorf("%s currencies with %s external IDs, want %d of each", got["n"], got["eids"], n)
	}
	seen := map[string]bool{}
	for i, id := range ids {
		if id == "" || seen[id] {
			t.Errorf("create %d returned ID %q (a duplicate or none)", i, id)
		}
		seen[id] = true
		rec, err := srv.Record(t.Context(), "currency", id)
		if err != nil || rec["externalId"] != fmt.Sprintf("F%03d", i) {
			t.Errorf("create %d: ID %s is %v, %v", i, id, rec["externalId"], err)
		}
	}
}

// TestKeyedWriteWaitsWithinTheContext: a keyed write whose context ends
// before its job is read is ErrOutcomeUnknown and the context's error; the
// same key then returns the job's record.
func TestKeyedWriteWaitsWithinTheContext(t *testing.T) {
	t.Parallel()
	// The latency delays the submission, the job's work and each read of
	// the job: the deadline comes while the Client waits for the job.
	const latency = 150 * time.Millisecond
	srv := emulatortest.NewServer(t, emulator.Options{NoSeed: true, NoListener: true, Latency: latency})
	c := emulatortest.NewClient(t, srv)
	ctx, cancel := context.WithTimeout(t.Context(), latency*3/2)
	defer cancel()
	opts := &netsuite.WriteOptions{IdempotencyKey: "slow-1"}
	_, _, err := c.Records.Create(ctx, "currency", currency("SLOW"), opts)
	if !errors.Is(err, netsuite.ErrOutcomeUnknown) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("create: %v, want ErrOutcomeUnknown and DeadlineExceeded", err)
	}
	res, _, err := c.Records.Create(t.Context(), "currency", currency("SLOW-2"), opts)
	if err != nil {
		t.Fatalf("the same key again: %v", err)
	}
	if rec, _, err := c.Records.Get(t.Context(), "currency", res.ID, nil); err != nil || rec.ExternalID() != "SLOW" {
		t.Errorf("the record: %v, %v; want the first call's", rec, err)
	}
}
