package connector

import (
	"fmt"
	"io"
	"iter"
	"net/http"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/netsuite/tba"
	"github.com/nsconnect/nsconnect/store"
)

// acceptAll is a transport that answers every request as NetSuite answers
// an upsert, 204 with the record's Location, without a network: the fake
// sender of TestImportBoundedMemory.
type acceptAll struct{ n atomic.Int64 }

func (a *acceptAll) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	id := a.n.Add(1)
	h := http.Header{"Location": {fmt.Sprintf("%s://%s/services/rest/record/v1/customer/%d", req.URL.Scheme, req.URL.Host, id)}}
	return &http.Response{StatusCode: http.StatusNoContent, Header: h, Body: http.NoBody, Request: req}, nil
}

// TestImportBoundedMemory imports 100,000 rows (20,000 under the race
// detector) through a client whose transport accepts everything, and
// checks that the heap in use stays within a few MiB of where it started:
// the import holds the rows in flight, a bit a row done, never the input
// or the results.
func TestImportBoundedMemory(t *testing.T) {
	n := 100_000
	if raceEnabled {
		n = 20_000
	}
	account, err := tba.ParseAccountID("1234567_sb1")
	if err != nil {
		t.Fatal(err)
	}
	sender := &acceptAll{}
	client, err := netsuite.NewClient(netsuite.WithAccount(account),
		netsuite.WithCredentials(tba.Credentials{ConsumerKey: "ck", ConsumerSecret: "cs", TokenID: "ti", TokenSecret: "ts"}),
		netsuite.WithHTTPClient(&http.Client{Transport: sender}), netsuite.WithConcurrency(8))
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.OpenSQLite(filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	heap := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapInuse
	}
	before := heap()
	var peak uint64
	rows := func(yield func(ImportRow, error) bool) {
		for i := 1; i <= n; i++ {
			if i%(n/10) == 0 {
				peak = max(peak, heap())
			}
			row := ImportRow{Num: i, Item: Item{ExternalID: fmt.Sprint("M-", i), Record: netsuite.Record{
				"companyName": strings.Repeat("x", 100), "subsidiary": map[string]any{"id": "1"}}}}
			if !yield(row, nil) {
				return
			}
		}
	}
	im := &Import{Name: "memory", RecordType: "customer", Op: OpUpsert}
	sum, err := im.Run(t.Context(), client, st, iter.Seq2[ImportRow, error](rows))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Rows != n || sum.Outcomes[Upserted] != n || sender.n.Load() != int64(n) {
		t.Fatalf("summary %+v after %d requests; want %d upserted", sum, sender.n.Load(), n)
	}
	growth := int64(peak) - int64(before)
	t.Logf("heap in use grew by at most %d KiB over %d rows", growth>>10, n)
	const bound = 8 << 20
	if growth > bound {
		t.Errorf("the heap in use grew by %d KiB; want at most %d KiB", growth>>10, bound>>10)
	}
}
