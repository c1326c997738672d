package netsuite_test

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/emulator/emulatortest"
	"github.com/nsconnect/nsconnect/netsuite"
)

// TestAdaptiveConcurrency: a Client whose limiter (8 slots) is larger than
// the account's free slots (the emulator's limit, 2) meets 429s; the
// adaptive limiter of NewLimiter backs off and meets far fewer than a
// plain one of the same size. Not in parallel: its load would slow the
// tests that time parallel reads.
func TestAdaptiveConcurrency(t *testing.T) {
	run := func(l netsuite.Limiter) (throttled int64, elapsed time.Duration) {
		srv := emulatortest.NewServer(t, emulator.Options{NoSeed: true, NoListener: true, Concurrency: 2, Latency: 10 * time.Millisecond})
		id := srv.MustCreateRecord("currency", currency("ADA"))
		var n atomic.Int64
		c := emulatortest.NewClient(t, srv, netsuite.WithLimiter(l),
			netsuite.WithRetry(netsuite.RetryPolicy{MaxRetries: 1000, Initial: 2 * time.Millisecond, Max: 20 * time.Millisecond}),
			netsuite.WithRetryNotify(func(ev netsuite.RetryEvent) {
				if ev.Status == 429 {
					n.Add(1)
				}
			}))
		start := time.Now()
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				for range 15 {
					if _, _, err := c.Records.Get(t.Context(), "currency", id, nil); err != nil {
						t.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
		return n.Load(), time.Since(start)
	}
	plain, plainTime := run(plainLimiter{netsuite.NewLimiter(8)})
	adaptive, adaptiveTime := run(netsuite.NewLimiter(8))
	t.Logf("120 GETs, 8 at a time, on 2 free slots: 429s %d plain (%v), %d adaptive (%v)",
		plain, plainTime.Round(time.Millisecond), adaptive, adaptiveTime.Round(time.Millisecond))
	if adaptive*3 > plain {
		t.Errorf("%d 429s with the adaptive limiter, %d without: want at most a third", adaptive, plain)
	}
}
