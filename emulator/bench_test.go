package emulator

import (
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// BenchmarkSignedGet loads the emulator with TBA-signed GETs of one record
// over loopback, next to a bare net/http handler that answers the same bytes,
// in the same run: the ratio of their ns/op is the emulator's cost. Each
// reports its p99 latency. The concurrency limit is lifted so that only the
// server's own cost is measured; BenchmarkTwiceTheLimit keeps it.
func BenchmarkSignedGet(b *testing.B) {
	s := newTestServer(b, Options{NoSeed: true, Concurrency: 1000})
	c := signedClient(b, s, nil)
	code, header, body := do(b, c, "POST", s.URL()+"/services/rest/record/v1/customer", map[string]any{
		"companyName": "Bench Co", "subsidiary": map[string]string{"id": "1"},
	})
	if code != http.StatusNoContent {
		// No subsidiary 1 without seed data: create one first.
		do(b, c, "POST", s.URL()+"/services/rest/record/v1/subsidiary", map[string]any{"name": "Parent"})
		code, header, body = do(b, c, "POST", s.URL()+"/services/rest/record/v1/customer", map[string]any{
			"companyName": "Bench Co", "subsidiary": map[string]string{"id": "1"},
		})
	}
	if code != http.StatusNoContent {
		b.Fatalf("creating the record: %d %s", code, body)
	}
	recordURL := header.Get("Location")
	code, _, record := do(b, c, "GET", recordURL, nil)
	if code != 200 {
		b.Fatalf("GET %s: %d", recordURL, code)
	}
	bare := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.oracle.resource+json; type=singular")
		w.Write(record)
	}))
	defer bare.Close()
	// The bare server gets signed requests too, so that only the server side
	// differs.
	creds, _ := s.Credentials()
	signer, _ := tba.NewSigner(s.AccountID().Realm(), creds)
	bareClient := &http.Client{Transport: &tba.Transport{Signer: signer}}

	for _, target := range []struct {
		name   string
		client *http.Client
		url    string
	}{
		{"emulator", c, recordURL},
		{"bare", bareClient, bare.URL + strings.TrimPrefix(recordURL, s.URL())},
	} {
		b.Run(target.name, func(b *testing.B) {
			statuses := loadGET(b, target.client, target.url)
			if statuses[200] != b.N {
				b.Errorf("statuses %v, want %d×200", statuses, b.N)
			}
		})
	}
}

// BenchmarkTwiceTheLimit sends signed GETs of the demo customer from twice
// as many goroutines as the demo account's concurrency limit (5): the
// requests past the limit are refused with 429 at once. It reports the p99
// latency of all answers and the share refused.
func BenchmarkTwiceTheLimit(b *testing.B) {
	s := newTestServer(b, Options{})
	c := signedClient(b, s, nil)
	b.SetParallelism((2*5 + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
	statuses := loadGET(b, c, s.URL()+"/services/rest/record/v1/customer/eid:CUST-0001")
	b.ReportMetric(float64(statuses[429])/float64(b.N), "refused/op")
}

// loadGET sends b.N GETs of url from RunParallel's goroutines, reports the
// p99 latency and returns the count of each status.
func loadGET(b *testing.B, c *http.Client, url string) map[int]int {
	var mu sync.Mutex
	var latencies []time.Duration
	statuses := map[int]int{}
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		counts := map[int]int{}
		for pb.Next() {
			start := time.Now()
			resp, err := c.Get(url)
			if err != nil {
				b.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			mine = append(mine, time.Since(start))
			counts[resp.StatusCode]++
		}
		mu.Lock()
		latencies = append(latencies, mine...)
		for k, v := range counts {
			statuses[k] += v
		}
		mu.Unlock()
	})
	if len(latencies) > 0 {
		slices.Sort(latencies)
		b.ReportMetric(float64(latencies[len(latencies)*99/100].Microseconds())/1000, "p99-ms")
	}
	return statuses
}
