package emulator

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/auth"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// TestMemoryIsReleasedAfterTheWindow serves thousands of signed GETs with
// distinct nonces, in process for speed, and checks what they leave on the
// heap: while their timestamps are within NetSuite's ±5-minute window the
// emulator remembers each nonce, compactly; once the emulator's clock moves
// past the window, one more request forgets them all and the heap goes back to
// where it was. Before the fix each remembered nonce kept its request's
// Authorization header alive: 588 bytes a request here. Not parallel: it
// reads the heap.
func TestMemoryIsReleasedAfterTheWindow(t *testing.T) {
	const (
		n = 5000
		// maxPerRequest bounds the heap a request leaves while its nonce is
		// remembered: a fingerprint is about 40 bytes.
		maxPerRequest = 150
		// slack is the heap the test tolerates beyond the level it started
		// from, once the window has passed (noise of the HTTP connections).
		slack = 64 << 10
	)
	s := newTestServer(t, Options{NoSeed: true, NoListener: true})
	c := signedClient(t, s, func(sg *tba.Signer) { sg.Now = s.clock.Now })
	url := s.URL() + serverTimePath

	// Fill the login audit trail, bounded at auth.DefaultTrailCapacity, so
	// that the requests measured replace entries instead of adding them.
	signedGETs(t, c, url, auth.DefaultTrailCapacity, 4)
	if got := s.auth.Trail().Len(); got != auth.DefaultTrailCapacity {
		t.Fatalf("audit trail has %d entries, want %d", got, auth.DefaultTrailCapacity)
	}
	nonces0, heap0 := s.auth.Nonces(), heapAfterGC()

	signedGETs(t, c, url, n, 4)
	nonces1, heap1 := s.auth.Nonces(), heapAfterGC()
	if nonces1 != nonces0+n {
		t.Errorf("%d nonces remembered after %d more requests, want %d", nonces1, n, nonces0+n)
	}
	perRequest := (int64(heap1) - int64(heap0)) / n
	if perRequest > maxPerRequest {
		t.Errorf("%d bytes of heap per request within the window, want at most %d", perRequest, maxPerRequest)
	}

	control(t, s, "POST", "/_emulator/clock", `{"advance":"10m"}`, 200)
	signedGETs(t, c, url, 1, 1)
	nonces2, heap2 := s.auth.Nonces(), heapAfterGC()
	if nonces2 != 1 {
		t.Errorf("%d nonces remembered once the clock moved past the window, want 1", nonces2)
	}
	if int64(heap2) > int64(heap0)+slack {
		t.Errorf("heap %d bytes once the clock moved past the window, want at most %d + %d as before the requests", heap2, heap0, slack)
	}
	t.Logf("heap: %d with a full trail and %d nonces; %d with %d more nonces (%d B/request); %d with %d after the clock moved 10m",
		heap0, nonces0, heap1, n, perRequest, heap2, nonces2)
}

// signedGETs sends n GETs of url from workers goroutines and fails the test
// unless each answers 200.
func signedGETs(t testing.TB, c *http.Client, url string, n, workers int) {
	t.Helper()
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for i := range workers {
		wg.Go(func() {
			for next.Add(1) <= int64(n) {
				if errs[i] = signedGET(c, url); errs[i] != nil {
					return
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
}

func signedGET(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %d %s", url, resp.StatusCode, body)
	}
	return nil
}

func heapAfterGC() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// Soak test settings, from the environment.
const (
	soakEnv      = "NSCONNECT_SOAK"       // how long: a duration such as 2m
	soakClockEnv = "NSCONNECT_SOAK_CLOCK" // how fast the emulator's clock runs: 10 by default
	soakWorkers  = 4
	// soakMaxGrowth is the most resident memory may grow per 10,000 requests
	// once warm (before the fix: 5 to 15 MB).
	soakMaxGrowth = 512 << 10
)

// TestSoak drives the emulator over loopback with signed GETs of the demo
// customer from a few goroutines for the time NSCONNECT_SOAK gives, and
// reports resident memory (VmRSS) and Go heap before and after, with the
// requests served. The emulator's clock runs NSCONNECT_SOAK_CLOCK times as
// fast as the wall clock (10 by default; the signer follows it), so that the
// 5-minute timestamp window passes during the run. After a warm-up of one
// window plus 10 s, resident memory must grow by at most 512 KiB per 10,000
// requests. Run it with
//
//	NSCONNECT_SOAK=2m go test -run TestSoak -v -timeout 0 ./emulator
func TestSoak(t *testing.T) {
	setting := os.Getenv(soakEnv)
	if setting == "" {
		t.Skipf("soak test: run it with %s=2m go test -run TestSoak -v -timeout 0 ./emulator", soakEnv)
	}
	duration, err := time.ParseDuration(setting)
	if err != nil || duration <= 0 {
		t.Fatalf("%s=%q: want a duration such as 2m", soakEnv, setting)
	}
	speed := 10
	if v := os.Getenv(soakClockEnv); v != "" {
		if speed, err = strconv.Atoi(v); err != nil || speed < 1 {
			t.Fatalf("%s=%q: want a whole number, at least 1", soakClockEnv, v)
		}
	}
	warmUp := tba.TimestampWindow/time.Duration(speed) + 10*time.Second

	s := newTestServer(t, Options{Concurrency: 64})
	c := signedClient(t, s, func(sg *tba.Signer) { sg.Now = s.clock.Now })
	url := s.URL() + "/services/rest/record/v1/customer/eid:CUST-0001"
	if err := signedGET(c, url); err != nil {
		t.Fatal(err)
	}

	var served atomic.Int64
	ctx, cancel := context.WithTimeout(context.Background(), duration)
	defer cancel()
	start := time.Now()
	heapStart, rssStart := heapAfterGC(), vmRSS()
	var samples []soakSample
	var heapWarm uint64
	rssWarm := int64(-1)
	var background sync.WaitGroup

	if speed > 1 {
		// Run the emulator's clock speed times as fast, in small steps.
		const tick = 100 * time.Millisecond
		background.Go(func() {
			ticker := time.NewTicker(tick)
			defer ticker.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-ticker.C:
					s.clock.Advance(time.Duration(speed-1) * tick)
				}
			}
		})
	}
	background.Go(func() {
		ticker := time.NewTicker(time.Second)
		defer ticker.Stop()
		warm := false
		for {
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
			}
			at := time.Since(start)
			if !warm && at >= warmUp {
				warm = true
				heapWarm, rssWarm = heapAfterGC(), vmRSS()
			}
			samples = append(samples, soakSample{at, served.Load(), vmRSS(), s.auth.Nonces()})
		}
	})
	var failed atomic.Int64
	var workers sync.WaitGroup
	for range soakWorkers {
		workers.Go(func() {
			for ctx.Err() == nil {
				if err := signedGET(c, url); err != nil {
					if ctx.Err() == nil && failed.Add(1) <= 5 {
						t.Error(err)
					}
					continue
				}
				served.Add(1)
			}
		})
	}
	workers.Wait()
	background.Wait()
	elapsed := time.Since(start)
	heapEnd, rssEnd := heapAfterGC(), vmRSS()
	requests := served.Load()

	t.Logf("%d signed GETs in %s from %d goroutines: %.0f requests/s; emulator clock at %d× (moved %s); %d failed",
		requests, elapsed.Round(time.Second), soakWorkers, float64(requests)/elapsed.Seconds(), speed,
		(elapsed * time.Duration(speed)).Round(time.Second), failed.Load())
	t.Logf("nonces remembered at the end: %d; audit trail entries: %d", s.auth.Nonces(), s.auth.Trail().Len())
	warmHeap, warmRSS := "not reached", "not reached"
	if rssWarm != -1 || heapWarm != 0 {
		warmHeap, warmRSS = mib(int64(heapWarm)), mib(rssWarm)
	}
	t.Logf("Go heap after GC: %s at the start, %s after the warm-up of %s, %s at the end: %.1f B/request over the run",
		mib(int64(heapStart)), warmHeap, warmUp, mib(int64(heapEnd)), float64(int64(heapEnd)-int64(heapStart))/float64(requests))
	if rssStart < 0 {
		t.Log("no /proc/self/status: resident memory not measured")
		return
	}
	t.Logf("VmRSS: %s at the start, %s after the warm-up, %s at the end: %.1f B/request over the run",
		mib(rssStart), warmRSS, mib(rssEnd), float64(rssEnd-rssStart)/float64(requests))

	// Compare the first and the last 5 samples after the warm-up.
	var after []soakSample
	for _, x := range samples {
		if x.at >= warmUp {
			after = append(after, x)
		}
	}
	if len(after) < 20 {
		t.Logf("the run is too short to check growth after a warm-up of %s: run it for at least %s", warmUp, 2*warmUp+10*time.Second)
		return
	}
	first, last := meanRSS(after[:5]), meanRSS(after[len(after)-5:])
	reqs := after[len(after)-3].requests - after[2].requests // the middles of the two groups
	growth := float64(last-first) / float64(reqs) * 10_000
	t.Logf("after the warm-up: VmRSS %s → %s over %d requests: %+.0f bytes per 10,000 requests (%.1f B/request); bound %d",
		mib(first), mib(last), reqs, growth, growth/10_000, soakMaxGrowth)
	// The nonces of one window are remembered, so their number follows the
	// request rate: a faster end than start grows memory without a leak.
	a, z := after[:10], after[len(after)-10:]
	t.Logf("after the warm-up: %.0f requests/s and %d nonces remembered in its first 10 s, %.0f and %d in the last 10 s",
		rate(a), a[len(a)-1].nonces, rate(z), z[len(z)-1].nonces)
	if growth > soakMaxGrowth {
		t.Errorf("resident memory grew %.0f bytes per 10,000 requests after the warm-up, want at most %d", growth, soakMaxGrowth)
	}
}

// A soakSample is the state of a soak run at one time.
type soakSample struct {
	at       time.Duration // since the start
	requests int64         // served so far
	rss      int64         // bytes, -1 if unknown
	nonces   int           // remembered by the emulator
}

// rate returns the requests per second over samples.
func rate(samples []soakSample) float64 {
	first, last := samples[0], samples[len(samples)-1]
	return float64(last.requests-first.requests) / (last.at - first.at).Seconds()
}

// meanRSS returns the mean VmRSS of samples.
func meanRSS(samples []soakSample) int64 {
	var sum int64
	for _, x := range samples {
		sum += x.rss
	}
	return sum / int64(len(samples))
}

// vmRSS returns the process's resident memory from /proc/self/status, or -1
// where there is none.
func vmRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err != nil {
				return -1
			}
			return kb << 10
		}
	}
	return -1
}

func mib(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }
