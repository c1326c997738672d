package netsuite_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// benchEmulator starts an emulator over loopback with opts and returns a
// Client for it and a raw signed http.Client, the comparison's baseline.
func benchEmulator(b *testing.B, opts emulator.Options) (*emulator.Server, *netsuite.Client, *http.Client) {
	b.Helper()
	srv, err := emulator.NewServer(opts)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { srv.Close() })
	creds, _ := srv.Credentials()
	loc, _ := time.LoadLocation(srv.Timezone())
	client, err := netsuite.NewClient(
		netsuite.WithAccount(srv.AccountID()), netsuite.WithCredentials(creds),
		netsuite.WithBaseURL(srv.URL()), netsuite.WithTimezone(loc),
		netsuite.WithConcurrency(5),
	)
	if err != nil {
		b.Fatal(err)
	}
	signer, err := tba.NewSigner(srv.AccountID().Realm(), creds)
	if err != nil {
		b.Fatal(err)
	}
	return srv, client, &http.Client{Transport: &tba.Transport{Signer: signer}}
}

// BenchmarkClientVsRaw gets the demo customer through Records.Get and
// through a raw signed net/http GET of the same URL from the same emulator,
// in one run: the ratio of their ns/op is the client's overhead (decoding
// the record included, as a caller of the raw call would decode it too).
func BenchmarkClientVsRaw(b *testing.B) {
	srv, client, raw := benchEmulator(b, emulator.Options{})
	url := srv.URL() + "/services/rest/record/v1/customer/eid:CUST-0001"
	ctx := context.Background()
	b.Run("client", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := client.Records.Get(ctx, "customer", "eid:CUST-0001", nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("raw", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			resp, err := raw.Get(url)
			if err != nil {
				b.Fatal(err)
			}
			var rec netsuite.Record
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Fatalf("status %d", resp.StatusCode)
			}
			if err := json.Unmarshal(body, &rec); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkGovernedGets sends 500 Gets through one Client from 50
// goroutines to an emulator with 100 ms latency and a concurrency limit of
// 5: the bound is 500 × 100 ms / 5 = 10 s. It reports the time over the
// bound (1.0 is perfect) and the retries the 429s cost.
func BenchmarkGovernedGets(b *testing.B) {
	_, client, _ := benchEmulator(b, emulator.Options{Latency: 100 * time.Millisecond, Concurrency: 5})
	ctx := context.Background()
	const gets, workers = 500, 50
	bound := time.Duration(gets) * 100 * time.Millisecond / 5
	for b.Loop() {
		start := time.Now()
		work := make(chan struct{}, gets)
		for range gets {
			work <- struct{}{}
		}
		close(work)
		retries := make(chan int, gets)
		done := make(chan error, workers)
		for range workers {
			go func() {
				for range work {
					_, resp, err := client.Records.Get(ctx, "customer", "eid:CUST-0001", nil)
					if err != nil {
						done <- err
						return
					}
					retries <- resp.Retries
				}
				done <- nil
			}()
		}
		for range workers {
			if err := <-done; err != nil {
				b.Fatal(err)
			}
		}
		close(retries)
		total := 0
		for r := range retries {
			total += r
		}
		b.ReportMetric(float64(time.Since(start))/float64(bound), "x-bound")
		b.ReportMetric(float64(total), "retries")
	}
}

// BenchmarkRestletEcho calls the demo echo RESTlet with a JSON body through
// Restlets.Call and through a raw signed net/http POST of the same URL:
// the ratio is the client's overhead on a RESTlet call.
func BenchmarkRestletEcho(b *testing.B) {
	srv, client, raw := benchEmulator(b, emulator.Options{NoSeed: true})
	query := "?script=customscript_nsconnect_echo&deploy=customdeploy_nsconnect_echo&id=7"
	body := []byte(`{"orderId":7,"lines":[1,2,3]}`)
	ctx := context.Background()
	b.Run("client", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := client.Restlets.Call(ctx, netsuite.RestletRequest{
				Script: "customscript_nsconnect_echo", Deploy: "customdeploy_nsconnect_echo", Method: "POST",
				Params: map[string][]string{"id": {"7"}}, Body: body,
			}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("raw", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL()+netsuite.RestletPath+query, bytes.NewReader(body))
			req.Header.Set("Content-Type", netsuite.RestletJSON)
			resp, err := raw.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Fatal(resp.Status)
			}
		}
	})
}
