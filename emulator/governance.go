package emulator

import (
	"bytes"
	"context"
	"fmt"
	"maps"
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
//
// The faults before the work (429, 500, drop, slow) fire before the request
// is carried out: nothing is done. The faults after the work (500-after,
// drop-after, slow-after) fire once it has been carried out, a write
// committed, and only its answer is lost or late: the case of a client that
// must not simply send a create again.
type Faults struct {
	// Rate429 answers 429 CONCURRENCY_LIMIT_EXCEEDED although the limit is
	// not reached.
	Rate429 float64
	// Rate500 answers 500 UNEXPECTED_ERROR.
	Rate500 float64
	// RateDrop closes the connection without an answer.
	RateDrop float64
	// RateSlow delays the request by SlowBy (default 2s) on top of Latency,
	// before the work.
	RateSlow float64
	SlowBy   time.Duration
	// Rate500After carries the request out, then answers 500
	// UNEXPECTED_ERROR instead of its answer.
	Rate500After float64
	// RateDropAfter carries the request out, then closes the connection
	// without an answer.
	RateDropAfter float64
	// RateSlowAfter carries the request out, then holds its answer for
	// SlowAfterBy (default 2s), keeping its concurrency slot. A client that
	// gives up meanwhile has lost the answer of a request that was done.
	RateSlowAfter float64
	SlowAfterBy   time.Duration
	// Seed seeds the draws.
	Seed uint64
}

// defaultSlow is the delay of slow and slow-after without a duration.
const defaultSlow = 2 * time.Second

// ParseFaults reads faults written as comma-separated name=rate pairs, the
// form of the --faults flag:
//
//	429=0.05,500=0.01,drop=0.01,slow=0.1:3s,500-after=0.01,drop-after=0.01,slow-after=0.1:5s,seed=42
//
// The rates of 429, 500, drop, 500-after and drop-after are of one draw, so
// they may add up to 1 at most; slow and slow-after are drawn on their own.
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
		var by string
		if name == "slow" || name == "slow-after" {
			value, by, _ = strings.Cut(value, ":")
		}
		rate, err := strconv.ParseFloat(value, 64)
		if err != nil || !(rate >= 0 && rate <= 1) { // also refuses NaN
			return Faults{}, fmt.Errorf("emulator: fault %s=%s: the rate must be a number from 0 to 1", name, value)
		}
		var delay time.Duration
		if by != "" {
			if delay, err = time.ParseDuration(by); err != nil || delay < 0 {
				return Faults{}, fmt.Errorf("emulator: fault %s=%s:%s: %q is not a duration such as 2s", name, value, by, by)
			}
		}
		switch name {
		case "429":
			f.Rate429 = rate
		case "500":
			f.Rate500 = rate
		case "drop":
			f.RateDrop = rate
		case "slow":
			f.RateSlow, f.SlowBy = rate, delay
		case "500-after":
			f.Rate500After = rate
		case "drop-after":
			f.RateDropAfter = rate
		case "slow-after":
			f.RateSlowAfter, f.SlowAfterBy = rate, delay
		default:
			return Faults{}, fmt.Errorf("emulator: unknown fault %q; the faults are 429, 500, drop, slow, 500-after, drop-after, slow-after and seed", name)
		}
	}
	if f.Rate429+f.Rate500+f.RateDrop+f.Rate500After+f.RateDropAfter > 1 {
		return Faults{}, fmt.Errorf("emulator: the rates of 429, 500, drop, 500-after and drop-after add up to more than 1")
	}
	return f, nil
}

// String writes f in the form ParseFaults reads.
func (f Faults) String() string {
	var parts []string
	add := func(name string, rate float64, by time.Duration) {
		if rate > 0 {
			s := name + "=" + strconv.FormatFloat(rate, 'g', -1, 64)
			if by > 0 {
				s += ":" + by.String()
			}
			parts = append(parts, s)
		}
	}
	add("429", f.Rate429, 0)
	add("500", f.Rate500, 0)
	add("drop", f.RateDrop, 0)
	add("slow", f.RateSlow, f.SlowBy)
	add("500-after", f.Rate500After, 0)
	add("drop-after", f.RateDropAfter, 0)
	add("slow-after", f.RateSlowAfter, f.SlowAfterBy)
	if f.Seed != 0 {
		parts = append(parts, "seed="+strconv.FormatUint(f.Seed, 10))
	}
	return strings.Join(parts, ",")
}

func (f Faults) any() bool {
	return f.Rate429+f.Rate500+f.RateDrop+f.RateSlow+f.Rate500After+f.RateDropAfter+f.RateSlowAfter > 0
}

// fault is what the governor decided for one request.
type fault int

const (
	faultNone fault = iota
	fault429
	fault500
	faultDrop
	fault500After
	faultDropAfter
)

// A plan is the governor's draw for one request: its fault and its delays
// before and after the work.
type plan struct {
	fault         fault
	before, after time.Duration
}

// A governor applies the account's concurrency limit, the latency and the
// faults to API requests
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/bridgehead_156224824287.html):
// over the limit a request is refused at once with 429
// CONCURRENCY_LIMIT_EXCEEDED, not queued.
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
		f.SlowBy = defaultSlow
	}
	if f.SlowAfterBy == 0 {
		f.SlowAfterBy = defaultSlow
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

// draw decides the fault of one request and its extra delays. The draws
// of slow and of the fault come first and in that order, as before the
// faults after the work existed, and slow-after is drawn only when its rate
// is set, so that a seed meets the same faults as it did then.
func (g *governor) draw() plan {
	g.mu.Lock()
	defer g.mu.Unlock()
	f := g.faults
	if !f.any() {
		return plan{}
	}
	var p plan
	if g.rng.Float64() < f.RateSlow {
		p.before = f.SlowBy
	}
	x, sum := g.rng.Float64(), 0.0
	for _, c := range []struct {
		rate  float64
		fault fault
	}{{f.Rate429, fault429}, {f.Rate500, fault500}, {f.RateDrop, faultDrop}, {f.Rate500After, fault500After}, {f.RateDropAfter, faultDropAfter}} {
		if sum += c.rate; x < sum {
			p.fault = c.fault
			break
		}
	}
	if f.RateSlowAfter > 0 && g.rng.Float64() < f.RateSlowAfter {
		p.after = f.SlowAfterBy
	}
	return p
}

// wait waits d, or less when ctx is done first; it reports whether it
// waited d.
func wait(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// wrap applies the governor to next. A request holds its concurrency slot
// from the start to the end of its answer, in three steps:
//
//   - before the work: the latency and slow; a client that goes away here
//     may have its request given up (the emulator notices a closed
//     connection only once the request's body is read, at once for a GET);
//     then the faults 429, 500 and drop, which answer instead of next;
//   - the work: next, whose answer is held in a buffer. Once it has read
//     the request's body it carries the request out even if the client goes
//     away (Server.record);
//   - after the work: slow-after, during which a client that goes away
//     loses the answer; then drop-after or 500-after replace the answer, or
//     it is written.
//
// refuse writes its refusals (over the limit, 429, 500) in the format of
// the API served.
func (g *governor) wrap(next http.Handler, refuse func(http.ResponseWriter, *http.Request, *records.Error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !g.enter() {
			refuse(w, r, newError(records.CodeConcurrencyLimitExceeded, detailConcurrency))
			return
		}
		defer g.leave()
		p := g.draw()
		if !wait(r.Context(), time.Duration(g.latency.Load())+p.before) {
			return
		}
		switch p.fault {
		case fault429:
			refuse(w, r, newError(records.CodeConcurrencyLimitExceeded, detailConcurrency))
			return
		case fault500:
			refuse(w, r, unexpectedError())
			return
		case faultDrop:
			dropConnection(w)
			return
		}
		ans := newAnswer()
		next.ServeHTTP(ans, r)
		if !wait(r.Context(), p.after) {
			return // done, and the answer is lost
		}
		switch p.fault {
		case faultDropAfter:
			dropConnection(w)
			return
		case fault500After:
			refuse(w, r, unexpectedError())
			return
		}
		ans.writeTo(w)
	})
}

// unexpectedError is NetSuite's 500
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html).
func unexpectedError() *records.Error {
	return newError(records.CodeUnexpectedError, "An unexpected error occurred. Error ID: "+errorID())
}

// An answer is a response held in memory, to be written, replaced or lost
// once the governor has decided.
type answer struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newAnswer() *answer { return &answer{header: make(http.Header)} }

func (a *answer) Header() http.Header { return a.header }

func (a *answer) WriteHeader(status int) {
	if a.status == 0 {
		a.status = status
	}
}

func (a *answer) Write(p []byte) (int, error) {
	a.WriteHeader(http.StatusOK)
	return a.body.Write(p)
}

func (a *answer) writeTo(w http.ResponseWriter) {
	maps.Copy(w.Header(), a.header)
	a.WriteHeader(http.StatusOK)
	w.WriteHeader(a.status)
	if a.body.Len() > 0 {
		w.Write(a.body.Bytes())
	}
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

// errorID returns an ID like those in NetSuite's UNEXPECTED_ERROR details: 20
// lower-case letters
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html:
// "Error ID: jrgbpyylphhishmmlxyt").
func errorID() string {
	b := make([]byte, 20)
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
	}
	return string(b)
}
