package netsuite

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"
)

// TestReadPages checks the machinery of parallel paging with pages that
// come back in random order: the consumer gets them in offset order, no
// more than width+1 are fetched and not yet consumed at any time, and the
// first error in order ends the read.
func TestReadPages(t *testing.T) {
	t.Parallel()
	const width = 4
	var inFlight, most, fetched, consumed atomic.Int64
	fetch := func(ctx context.Context, off int) (int, error) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
		fetched.Add(1)
		if ahead := fetched.Load() - consumed.Load(); ahead > width+1 {
			t.Errorf("%d pages fetched ahead of the consumer; want at most %d", ahead, width+1)
		}
		return off, ctx.Err()
	}
	var got []int
	stopped, err := readPages(t.Context(), width, 10, 10, 500, fetch, func(off int) bool {
		got = append(got, off)
		consumed.Add(1)
		return true
	})
	if err != nil || stopped {
		t.Fatalf("stopped %v, err %v", stopped, err)
	}
	for i, off := range got {
		if off != 10+10*i {
			t.Fatalf("page %d has offset %d, want %d (pages %v)", i, off, 10+10*i, got)
		}
	}
	if len(got) != 49 {
		t.Errorf("%d pages, want 49", len(got))
	}
	if m := most.Load(); m > width+1 || m < 2 {
		t.Errorf("%d fetches at once; want 2 to %d", m, width+1)
	}

	// An error at offset 30 ends the read after the pages before it, even
	// when later pages come back first.
	boom := errors.New("boom")
	got = nil
	_, err = readPages(t.Context(), width, 0, 10, 100, func(ctx context.Context, off int) (int, error) {
		if off == 30 {
			time.Sleep(5 * time.Millisecond)
			return 0, boom
		}
		return off, nil
	}, func(off int) bool { got = append(got, off); return true })
	if !errors.Is(err, boom) || len(got) != 3 {
		t.Errorf("pages %v, err %v; want 0, 10, 20 and boom", got, err)
	}

	// A cancelled context is an error, not a short read.
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = readPages(ctx, width, 0, 10, 100, func(ctx context.Context, off int) (int, error) { return off, nil }, func(int) bool { return true })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}

	// A consumer that stops: stopped, and nothing left running.
	stopped, err = readPages(t.Context(), width, 0, 1, 1000, func(ctx context.Context, off int) (int, error) { return off, nil }, func(off int) bool { return off < 5 })
	if !stopped || err != nil {
		t.Errorf("stopped %v, err %v", stopped, err)
	}
}
