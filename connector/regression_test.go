package connector

// Regression tests from a review of Batch and Import: answers that arrive
// or fail at awkward moments, through a transport that can answer in the
// emulator's place.

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/emulator/emulatortest"
	"github.com/nsconnect/nsconnect/netsuite"
)

// hookRT wraps the emulator's transport: before may answer a request
// itself (non-nil response); after sees each answer the emulator gave.
type hookRT struct {
	base   http.RoundTripper
	before func(*http.Request) *http.Response
	after  func(*http.Request, *http.Response)
}

func (h *hookRT) RoundTrip(r *http.Request) (*http.Response, error) {
	if h.before != nil {
		if resp := h.before(r); resp != nil {
			return resp, nil
		}
	}
	resp, err := h.base.RoundTrip(r)
	if err == nil && h.after != nil {
		h.after(r, resp)
	}
	return resp, err
}

// throttled is NetSuite's 429 CONCURRENCY_LIMIT_EXCEEDED for r: blocked
// before any work was done.
func throttled(r *http.Request) *http.Response {
	body := `{"type":"https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.30","title":"Too Many Requests","status":429,` +
		`"o:errorDetails":[{"detail":"Concurrent request limit exceeded. Request blocked.","o:errorCode":"CONCURRENCY_LIMIT_EXCEEDED"}]}`
	if r.Body != nil {
		io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	return &http.Response{
		StatusCode: 429, Status: "429 Too Many Requests", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:  http.Header{"Content-Type": {"application/vnd.oracle.resource+json; type=error"}},
		Body:    io.NopCloser(strings.NewReader(body)),
		Request: r, ContentLength: int64(len(body)),
	}
}

// hookedEnv is importEnv with hooks between the client and the emulator.
func hookedEnv(t *testing.T, h *hookRT) (*emulator.Server, *netsuite.Client) {
	t.Helper()
	srv, _, _ := importEnv(t, "")
	h.base = srv.HTTPClient().Transport
	retry := netsuite.RetryPolicy{MaxRetries: 3, Initial: time.Millisecond, Max: 5 * time.Millisecond}
	client := emulatortest.NewClient(t, srv, netsuite.WithRetry(retry), netsuite.WithHTTPClient(&http.Client{Transport: h}))
	return srv, client
}

func countCustomers(t *testing.T, client *netsuite.Client, where string) int {
	t.Helper()
	n := 0
	for _, err := range client.SuiteQL.Rows(t.Context(), "SELECT id FROM customer WHERE "+where, nil) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	return n
}

// TestDeleteAfter429IsNotDeleted: a delete of a record that never existed,
// whose first attempt NetSuite blocked with 429 (no work done), is Failed
// with the 404: only an attempt that may have been carried out makes a
// later 404 mean "deleted" (netsuite.ErrDeletedEarlier).
func TestDeleteAfter429IsNotDeleted(t *testing.T) {
	t.Parallel()
	var first atomic.Bool
	_, client := hookedEnv(t, &hookRT{before: func(r *http.Request) *http.Response {
		if r.Method == http.MethodDelete && first.CompareAndSwap(false, true) {
			return throttled(r)
		}
		return nil
	}})
	res, err := Batch(t.Context(), client, "customer", OpDelete, []Item{{ID: "999999"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Outcome != Failed {
		t.Errorf("delete of customer 999999, which never existed, after one 429: %+v; want Failed (404 NONEXISTENT_ID)", res[0])
	}
}

// TestKeyedCreateResultThrottledIsUnknown: a create without an external ID
// goes as a job; the job completes (the customer is made) but reading its
// result is throttled past the retries. The 429 answers the read, not the
// create: the item is Unknown (sent again with the same key, it finds the
// job), never Failed, which would invite sending it again.
func TestKeyedCreateResultThrottledIsUnknown(t *testing.T) {
	t.Parallel()
	_, client := hookedEnv(t, &hookRT{before: func(r *http.Request) *http.Response {
		if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/result") {
			return throttled(r)
		}
		return nil
	}})
	res, err := Batch(t.Context(), client, "customer", OpCreate, []Item{{Record: netsuite.Record{
		"companyName": "Keyed", "subsidiary": map[string]any{"id": "1"}}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	made := countCustomers(t, client, "companyname = 'Keyed'")
	if made == 1 && res[0].Outcome == Failed {
		t.Errorf("the customer was created, and the row is %+v; want Created or Unknown, never Failed", res[0])
	}
}

// TestBatchKeepsAnswerAfterCancel: Batch's ctx ends just after NetSuite
// answered 204 to a create: the answer is kept (Created), not thrown away
// as "not done".
func TestBatchKeepsAnswerAfterCancel(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	_, client := hookedEnv(t, &hookRT{after: func(r *http.Request, resp *http.Response) {
		if r.Method == http.MethodPost && resp.StatusCode == http.StatusNoContent {
			cancel() // e.g. Ctrl-C arriving now
		}
	}})
	res, _ := Batch(ctx, client, "customer", OpCreate, []Item{{ExternalID: "X-1", Record: netsuite.Record{
		"companyName": "Cancelled", "subsidiary": map[string]any{"id": "1"}}}}, nil)
	if countCustomers(t, client, "externalid = 'X-1'") == 1 && res[0].Outcome == "" {
		t.Errorf("the customer was created and NetSuite said so, yet its result is zero: %+v", res[0])
	}
}

// TestFinishedImportChangedInput: an import that ran to its
// end, run again on an edited file, is refused with "the input changed
// since a run of it stopped before its end" - it did not stop before its
// end (begin checks the fingerprint before Finished).
// TestFinishedImportChangedInput: an import that ran to its end, run on
// other input, is refused with ErrImportChanged, saying it ran to its end.
func TestFinishedImportChangedInput(t *testing.T) {
	t.Parallel()
	_, client, st := importEnv(t, "")
	im := &Import{Name: "done", Fingerprint: "f1", RecordType: "customer", Op: OpUpsert}
	if _, err := im.Run(t.Context(), client, st, customerRows(2, 0, false)); err != nil {
		t.Fatal(err)
	}
	im.Fingerprint = "f2"
	_, err := im.Run(t.Context(), client, st, customerRows(3, 0, false))
	if !errors.Is(err, ErrImportChanged) || !strings.Contains(err.Error(), "ran to its end") {
		t.Errorf("Run on changed input after the end: %v; want ErrImportChanged saying it ran to its end", err)
	}
}
