package emulator

import (
	"sync"
	"time"
)

// A clock is the emulator's notion of now: the real time (or Options.Now)
// shifted by an offset, or frozen at an instant. The control plane sets and
// advances it (/_emulator/clock); record dates, serverTime, the TBA
// timestamp window and lockouts all read it.
type clock struct {
	base func() time.Time

	mu     sync.Mutex
	offset time.Duration
	frozen bool
	at     time.Time // the frozen instant
}

func newClock(base func() time.Time) *clock {
	if base == nil {
		base = time.Now
	}
	return &clock{base: base}
}

// Now returns the emulator's current time, in UTC, to the millisecond
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_0528010158.html:
// serverTime has milliseconds).
func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.frozen {
		return c.at
	}
	return c.base().Add(c.offset).UTC().Truncate(time.Millisecond)
}

// Set makes now t. A frozen clock stays at t until the next change;
// otherwise it runs on from t.
func (c *clock) Set(t time.Time, frozen bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.frozen = frozen
	c.at = t.UTC().Truncate(time.Millisecond)
	c.offset = t.Sub(c.base())
}

// Advance moves now forward by d (backward when d < 0).
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset += d
	c.at = c.at.Add(d)
}

// Reset returns to the real time.
func (c *clock) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset, c.frozen, c.at = 0, false, time.Time{}
}

// state reports the clock for the control plane.
func (c *clock) state() (offset time.Duration, frozen bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.offset, c.frozen
}
