package netsuite

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// holdAnswer is a handler that reads the request and answers only when the
// client has gone (net/http notices it once the body is read).
func holdAnswer(w http.ResponseWriter, r *http.Request) {
	io.Copy(io.Discard, r.Body)
	<-r.Context().Done()
}

// TestContextEndsAfterSending: when the caller's context ends after a
// write that is not idempotent was sent, the outcome is unknown, and the
// error is the context's too; for idempotent requests it is the context's
// error only.
func TestContextEndsAfterSending(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		method  string
		body    any
		header  http.Header
		unknown bool
	}{
		{"POST", "POST", map[string]int{"a": 1}, nil, true},
		{"PATCH", "PATCH", map[string]int{"a": 1}, nil, true},
		{"PUT", "PUT", map[string]int{"a": 1}, nil, false},
		{"DELETE", "DELETE", nil, nil, false},
		{"GET", "GET", nil, nil, false},
	} {
		for _, cancelIt := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/cancel=%v", tt.name, cancelIt), func(t *testing.T) {
				t.Parallel()
				client, mux, _ := setup(t)
				received := make(chan struct{}, 1)
				mux.HandleFunc("/services/rest/record/v1/customer/1", func(w http.ResponseWriter, r *http.Request) {
					received <- struct{}{}
					holdAnswer(w, r)
				})
				ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
				defer cancel()
				want := context.DeadlineExceeded
				if cancelIt {
					want = context.Canceled
					go func() { <-received; cancel() }()
				}
				req, _ := client.NewRequest(ctx, tt.method, "record/v1/customer/1", tt.body)
				for k, v := range tt.header {
					req.Header[k] = v
				}
				_, err := client.Do(req, nil)
				if !errors.Is(err, want) || errors.Is(err, ErrOutcomeUnknown) != tt.unknown {
					t.Fatalf("Do = %v; want %v, outcome unknown %v", err, want, tt.unknown)
				}
				if tt.unknown && !strings.Contains(err.Error(), "the request was sent and then the context ended before NetSuite answered") {
					t.Errorf("message: %v", err)
				}
			})
		}
	}
}

// TestContextEndsBeforeSending: a POST whose context ends while the
// connection is being made was not sent: the error is the context's only.
func TestContextEndsBeforeSending(t *testing.T) {
	t.Parallel()
	dialing := &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	}}
	client, _, _ := setup(t, WithHTTPClient(&http.Client{Transport: dialing}))
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	req, _ := client.NewRequest(ctx, "POST", "record/v1/customer", map[string]int{"a": 1})
	_, err := client.Do(req, nil)
	if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrOutcomeUnknown) {
		t.Errorf("Do = %v, want the deadline only", err)
	}
	// Waiting for a concurrency slot, nothing is sent either.
	client, _, _ = setup(t, WithConcurrency(1))
	client.limiter.Acquire(t.Context())
	defer client.limiter.Release()
	ctx, cancel = context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	req, _ = client.NewRequest(ctx, "POST", "record/v1/customer", map[string]int{"a": 1})
	if _, err := client.Do(req, nil); !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrOutcomeUnknown) {
		t.Errorf("Do waiting for a slot = %v, want the deadline only", err)
	}
}

// TestContextEndsUntraced: a transport that says nothing through httptrace
// may have sent the request: a POST whose context ends in it is
// ErrOutcomeUnknown.
func TestContextEndsUntraced(t *testing.T) {
	t.Parallel()
	silent := roundTripperFunc(func(r *http.Request) (*http.Response, error) {
		<-r.Context().Done()
		return nil, r.Context().Err()
	})
	client, _, _ := setup(t, WithHTTPClient(&http.Client{Transport: silent}))
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	req, _ := client.NewRequest(ctx, "POST", "record/v1/customer", map[string]int{"a": 1})
	if _, err := client.Do(req, nil); !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, ErrOutcomeUnknown) {
		t.Errorf("Do = %v, want the deadline and ErrOutcomeUnknown", err)
	}
}
