package backoff

import (
	"context"
	"errors"
	"math"
	"net/http"
	"strconv"
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"0": 0, "12": 12 * time.Second,
		now.Add(90 * time.Second).Format(http.TimeFormat): 90 * time.Second,
		now.Add(-time.Hour).Format(http.TimeFormat):       0,
		// The obsolete date forms HTTP still accepts.
		now.Add(time.Minute).Format(time.RFC850): time.Minute,
		now.Add(time.Minute).Format(time.ANSIC):  time.Minute,
		// Huge values clamp to the longest wait instead of overflowing.
		"9300000000": time.Duration(math.MaxInt64 / time.Second * time.Second),
	} {
		d, ok := RetryAfter(http.Header{"Retry-After": {v}}, now)
		if !ok || d != want {
			t.Errorf("Retry-After %q = %s, %v; want %s", v, d, ok, want)
		}
	}
	for _, v := range []string{"", "-1", "soon", "1.5", " 12"} {
		if _, ok := RetryAfter(http.Header{"Retry-After": {v}}, now); ok {
			t.Errorf("Retry-After %q accepted", v)
		}
	}
	if _, ok := RetryAfter(http.Header{}, now); ok {
		t.Error("no Retry-After accepted")
	}
}

// FuzzRetryAfter checks that any header value gives a wait that is never
// negative, and that a number of seconds gives that many seconds.
func FuzzRetryAfter(f *testing.F) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, s := range []string{"0", "12", "-1", "soon", "9300000000", now.Format(http.TimeFormat), "Fri, 31 Dec 9999 23:59:59 GMT"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		d, ok := RetryAfter(http.Header{"Retry-After": {v}}, now)
		if d < 0 || !ok && d != 0 {
			t.Fatalf("Retry-After %q = %s, %v", v, d, ok)
		}
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n >= 0 && n < 1<<32 && (!ok || d != time.Duration(n)*time.Second) {
			t.Fatalf("Retry-After %q = %s, %v; want %d s", v, d, ok, n)
		}
	})
}

func TestSleep(t *testing.T) {
	t.Parallel()
	if err := Sleep(t.Context(), time.Millisecond); err != nil {
		t.Errorf("Sleep: %v", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	start := time.Now()
	if err := Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) || time.Since(start) > time.Second {
		t.Errorf("Sleep on a cancelled context: %v after %s", err, time.Since(start))
	}
}
