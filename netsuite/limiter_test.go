package netsuite

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestAdaptiveLimiter follows NewLimiter's limit through 429s and
// successes, step by step.
func TestAdaptiveLimiter(t *testing.T) {
	t.Parallel()
	a := NewLimiter(8).(*adaptive)
	// A slot that never comes fails the test rather than hanging it.
	ctx, cancelAll := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancelAll()
	take := func(n int) {
		for range n {
			if err := a.Acquire(ctx); err != nil {
				t.Fatal(err)
			}
		}
	}
	give := func(n int) {
		for range n {
			a.Release()
		}
	}
	check := func(step string, limit, inUse int) {
		t.Helper()
		a.mu.Lock()
		defer a.mu.Unlock()
		if a.limit != limit || a.inUse != inUse {
			t.Errorf("%s: limit %d, %d in use; want %d, %d", step, a.limit, a.inUse, limit, inUse)
		}
	}
	take(8)
	a.Throttled() // 8 in use: half of them
	check("first 429", 4, 8)
	a.Throttled() // sent before the halving: not again
	a.Throttled()
	check("429s of requests sent before", 4, 8)
	give(8)
	check("all answered", 4, 0)
	take(4)
	a.Throttled()
	check("a 429 under the new limit", 2, 4)
	give(4)
	succeed := func(n int) {
		for range n {
			take(1)
			a.Succeeded()
			give(1)
		}
	}
	succeed(growAfter*2 - 1)
	check("one success short of a run", 2, 0)
	succeed(1) // a run of growAfter × the limit gives one slot back
	check("after a run", 3, 0)
	succeed(growAfter * (3 + 4 + 5 + 6 + 7))
	check("back to the size", 8, 0)
	a.Succeeded()
	check("never past the size", 8, 0)
	take(3)
	a.Throttled()
	check("half of 3 in use, rounded up", 2, 3)
	give(3)
	take(1)
	a.Throttled()
	check("one in use", 1, 1)

	// A waiting Acquire gets the slot given back by a success; one whose
	// context ends gives up its place.
	a = NewLimiter(2).(*adaptive)
	take(2)
	a.Throttled()
	give(2) // grace over, limit 1
	take(1)
	got := make(chan error, 1)
	go func() { got <- a.Acquire(ctx) }()
	short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if err := a.Acquire(short); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Acquire past the limit = %v", err)
	}
	for range growAfter { // a run: the limit is 2 again, and the waiter gets in
		a.Succeeded()
	}
	if err := <-got; err != nil {
		t.Fatal(err)
	}
	check("the waiter got the slot", 2, 2)
	give(2)
	check("all given back", 2, 0)
}
