package emulator

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/records"
)

// Faults are rates, each from 0 to 1, at which the emulator injects the
// failures clients must survive. The draws come from a generator seeded with
// Seed, so a run that sends the same requests in the same order meets the
// same faults.
type Faults struct {
	// Rate429 answers 429 CONCURRENCY_LIMIT_EXCEEDED although the limit is
	// not reached.
	Rate429 float64
	// Rate500 answers 500 UNEXPECTED_ERROR.
	Rate500 float64
	// RateDrop closes the connection without an answer.
	RateDrop float64
	// RateSlow delays the answer by SlowBy (default 2s) on top of Latency.
	RateSlow float64
	SlowBy   time.Duration
	// Seed seeds the draws.
	Seed uint64
}

// ParseFaults reads faults written as comma-separated name=rate pairs, the
// form of the --faults flag:
//
//	429=0.05,500=0.01,drop=0.01,slow=0.1:3s,seed=42
func ParseFaults(s string) (Faults, error) {
	var f Faults
	if strings.TrimSpace(s) == "" {
		return f, nil
	}
	for _, part := range strings.Split(s, ",") {
		name, value, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return Faults{}, fmt.Errorf("emulator: fault %q: want name=rate, such as 429=0.05", part)
		}
		if name == "seed" {
			n, err := strconv.ParseUint(value, 10, 64)
			if err != nil {
				return Faults{}, fmt.Errorf("emulator: fault seed %q is not a whole number", value)
			}
			f.Seed = n
			continue
		}
		var slowBy string
		if name == "slow" {
			value, slowBy, _ = strings.Cut(value, ":")
		}
		rate, err := strconv.ParseFloat(value, 64)
		if err != nil || !(rate >= 0 && rate <= 1) { // also refuses NaN
			return Faults{}, fmt.Errorf("emulator: fault %s=%s: the rate must be a number from 0 to 1", name, value)
		}
		switch name {
		case "429":
			f.Rate429 = rate
		case "500":
			f.Rate500 = rate
		case "drop":
			f.RateDrop = rate
		case "slow":
			f.RateSlow = rate
			if slowBy != "" {
				if f.SlowBy, err = time.ParseDuration(slowBy); err != nil || f.SlowBy < 0 {
					return Faults{}, fmt.Errorf("emulator: fault slow=%s:%s: %q is not a duration such as 2s", value, slowBy, slowBy)
				}
			}
		default:
			return Faults{}, fmt.Errorf("emulator: unknown fault %q; the faults are 429, 500, drop, slow and seed", name)
		}
	}
	if f.Rate429+f.Rate500+f.RateDrop > 1 {
		return Faults{}, fmt.Errorf("emulator: the rates of 429, 500 and drop add up to more than 1")
	}
	return f, nil
}

// String writes f in the form ParseFaults reads.
func (f Faults) String() string {
	var parts []string
	add := func(name string, rate float64, suffix string) {
		if rate > 0 {
			parts = append(parts, name+"="+strconv.FormatFloat(rate, 'g', -1, 64)+suffix)
		}
	}
	add("429", f.Rate429, "")
	add("500", f.Rate500, "")
	add("drop", f.RateDrop, "")
	slow := ""
	if f.SlowBy > 0 {
		slow = ":" + f.SlowBy.String()
	}
	add("slow", f.RateSlow, slow)
	if f.Seed != 0 {
		parts = append(parts, "seed="+strconv.FormatUint(f.Seed, 10))
	}
	return strings.Join(parts, ",")
}

func (f Faults) any() bool { return f.Rate429+f.Rate500+f.RateDrop+f.RateSlow > 0 }

// fault is what the governor decided for one request.
type fault int

const (
	faultNone fault = iota
	fault429
	fault500
	faultDrop
)

// A governor applies the account's concurrency limit, the latency and the
// faults to API requests (REFERENCE.md §8): over the limit a request is
// refused at once with 429 CONCURRENCY_LIMIT_EXCEEDED, not queued.
//
// Assumption: every API request counts against the limit, whether or not
// its login succeeds, and the limit is checked before the login.
type governor struct {
	limit    atomic.Int64
	inFlight atomic.Int64
	latency  atomic.Int64 // time.Duration

	mu     sync.Mutex
	faults Faults
	rng    *rand.Rand

	// stats, for /_emulator/health
	served, rejected atomic.Int64
}

func newGovernor(limit int, latency time.Duration, faults Faults) *governor {
	g := &governor{}
	g.limit.Store(int64(limit))
	g.latency.Store(int64(latency))
	g.setFaults(faults)
	return g
}

func (g *governor) setFaults(f Faults) {
	if f.SlowBy == 0 {
		f.SlowBy = 2 * time.Second
	}
	g.mu.Lock()
	g.faults = f
	g.rng = rand.New(rand.NewPCG(f.Seed, f.Seed^0x9e3779b97f4a7c15))
	g.mu.Unlock()
}

// enter takes a slot. It returns false when the limit is reached.
func (g *governor) enter() bool {
	if g.inFlight.Add(1) > g.limit.Load() {
		g.inFlight.Add(-1)
		g.rejected.Add(1)
		return false
	}
	g.served.Add(1)
	return true
}

func (g *governor) leave() { g.inFlight.Add(-1) }

// draw decides the fault of one request and its extra delay.
func (g *governor) draw() (fault, time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.faults.any() {
		return faultNone, 0
	}
	var delay time.Duration
	if g.rng.Float64() < g.faults.RateSlow {
		delay = g.faults.SlowBy
	}
	x := g.rng.Float64()
	switch {
	case x < g.faults.Rate429:
		return fault429, delay
	case x < g.faults.Rate429+g.faults.Rate500:
		return fault500, delay
	case x < g.faults.Rate429+g.faults.Rate500+g.faults.RateDrop:
		return faultDrop, delay
	}
	return faultNone, delay
}

// wrap applies the governor to next.
func (g *governor) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !g.enter() {
			writeError(w, newError(records.CodeConcurrencyLimitExceeded, detailConcurrency))
			return
		}
		defer g.leave()
		f, delay := g.draw()
		if d := time.Duration(g.latency.Load()) + delay; d > 0 {
			t := time.NewTimer(d)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				return
			}
		}
		switch f {
		case fault429:
			writeError(w, newError(records.CodeConcurrencyLimitExceeded, detailConcurrency))
			return
		case fault500:
			writeError(w, newError(records.CodeUnexpectedError, "An unexpected error occurred. Error ID: "+errorID()))
			return
		case faultDrop:
			dropConnection(w)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// dropConnection closes the client's connection without an answer. In
// process, with no connection to close, it panics with http.ErrAbortHandler,
// which net/http and the in-process transport both treat as an aborted
// response.
func dropConnection(w http.ResponseWriter) {
	if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
		conn.Close()
		return
	}
	panic(http.ErrAbortHandler)
}

// errorID returns an ID like those in NetSuite's UNEXPECTED_ERROR details:
// 20 lower-case letters (REFERENCE.md §7.2: "Error ID: jrgbpyylphhishmmlxyt").
func errorID() string {
	b := make([]byte, 20)
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
	}
	return string(b)
}
