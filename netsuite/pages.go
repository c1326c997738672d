package netsuite

import (
	"context"
	"sync"
)

// Parallel paging, written once for every reader of a collection
// (RecordsService.ListIter, SuiteQLService.Rows).
//
// NetSuite pages a collection by limit and offset and tells the number of
// items on the first page (totalResults), so once the first page is read
// every other page can be asked for at once. readPages asks for them in
// parallel, as many at a time as the Client's concurrency limit, and hands
// them to the consumer strictly in offset order. It never holds more than
// a window of width+1 pages: the ones in flight, the ones read ahead of the
// consumer, and the one the consumer is on. A slow consumer therefore slows
// the reads down instead of filling memory.
//
// The requests themselves still take a slot of the Client's Limiter each,
// so parallel paging shares the account's limit with every other call.

// readPages calls fetch for the offsets start, start+step, ... below end,
// up to width at a time, and calls each with the pages in offset order. It
// returns the first error of a fetch, in order (the pages before it have
// been handed to each), or nil; stopped is true when each returned false.
// Before it returns, the fetches still in flight are cancelled and waited
// for.
func readPages[P any](ctx context.Context, width, start, step, end int,
	fetch func(ctx context.Context, offset int) (P, error),
	each func(P) bool,
) (stopped bool, err error) {
	if start >= end {
		return false, nil
	}
	width = max(width, 1)
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	type result struct {
		page P
		err  error
	}
	// window bounds the pages fetched and not yet consumed; pending
	// queues their results in offset order.
	window := make(chan struct{}, width+1)
	pending := make(chan chan result, width+1)
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(pending)
		for off := start; off < end; off += step {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			ch := make(chan result, 1)
			wg.Go(func() {
				p, err := fetch(ctx, off)
				ch <- result{p, err}
			})
			pending <- ch // never blocks: the window holds at most width+1
		}
	})
	defer func() {
		cancel()
		for range pending {
		}
		wg.Wait()
	}()
	for ch := range pending {
		r := <-ch
		if r.err != nil {
			return false, r.err
		}
		if !each(r.page) {
			return true, nil
		}
		<-window
	}
	// The launcher stops early only when the caller's context is done:
	// the pages it did not ask for are missing, so that is an error.
	if err := parent.Err(); err != nil {
		return false, err
	}
	return false, nil
}
