// Package backoff holds what the code that retries HTTP requests (the
// NetSuite client, the webhook sink) shares: reading the Retry-After
// header, and a wait that ends with its context.
package backoff

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"time"
)

// RetryAfter reads h's Retry-After header (RFC 9110 §10.2.3): a number of
// seconds or an HTTP date, which is read against now (a date in the past
// is no wait). It reports false when there is none, or it is neither.
func RetryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := h.Get("Retry-After")
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil && n >= 0 {
		// Clamp before multiplying: a huge value must read as a long wait,
		// not overflow into a short one.
		const maxSeconds = int64(math.MaxInt64 / time.Second)
		return time.Duration(min(n, maxSeconds)) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// Sleep waits d, or until ctx is done, and then returns ctx's error.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
