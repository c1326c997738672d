package netsuite

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
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
		{"keyed POST", "POST", map[string]int{"a": 1}, http.Header{"Prefer": {"respond-async"}, "X-Netsuite-Idempotency-Key": {"k1"}}, true},
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

// TestKeyedRequestsAreRetried: an asynchronous request with an idempotency
// key is retried after a 5xx like an idempotent one; one without Prefer:
// respond-async is not, as NetSuite documents the key for asynchronous
// requests only. When the retries run out after an attempt that may have
// been carried out, the outcome is unknown.
func TestKeyedRequestsAreRetried(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		header  http.Header
		steps   []step
		calls   int
		ok      bool
		unknown bool
	}{
		{"keyed", http.Header{"Prefer": {"respond-async"}, "X-Netsuite-Idempotency-Key": {"k"}}, []step{error500, ok204}, 2, true, false},
		{"keyed, retries run out", http.Header{"Prefer": {"respond-async"}, "X-Netsuite-Idempotency-Key": {"k"}}, []step{error500}, 6, false, true},
		{"keyed, then 429 until they run out", http.Header{"Prefer": {"transient, respond-async"}, "X-Netsuite-Idempotency-Key": {"k"}}, []step{error500, limit429}, 6, false, true},
		{"keyed, 429 only", http.Header{"Prefer": {"respond-async"}, "X-Netsuite-Idempotency-Key": {"k"}}, []step{limit429}, 6, false, false},
		{"keyed, 400", http.Header{"Prefer": {"respond-async"}, "X-Netsuite-Idempotency-Key": {"k"}}, []step{badReq400}, 1, false, false},
		{"key without respond-async", http.Header{"X-Netsuite-Idempotency-Key": {"k"}}, []step{error500, ok204}, 1, false, true},
		{"respond-async without a key", http.Header{"Prefer": {"respond-async"}}, []step{error500, ok204}, 1, false, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, mux, _ := setup(t)
			s := &script{t: t, steps: tt.steps}
			mux.Handle("/services/rest/record/v1/customer", s)
			req, _ := client.NewRequest(t.Context(), "POST", "record/v1/customer", map[string]int{"a": 1})
			for k, v := range tt.header {
				req.Header[k] = v
			}
			_, err := client.Do(req, nil)
			if s.calls() != tt.calls || (err == nil) != tt.ok || errors.Is(err, ErrOutcomeUnknown) != tt.unknown {
				t.Errorf("%d calls, %v; want %d calls, ok %v, outcome unknown %v", s.calls(), err, tt.calls, tt.ok, tt.unknown)
			}
		})
	}
}

// TestKeyedWriteOverTheWire: a keyed create sends Prefer: respond-async
// and the key, follows a 400 IDEMPOTENCY_ERROR to the earlier job (a
// relative Location, under the Client's base path), polls it until it
// completes and returns its result; a result that is an error is the
// create's *Error.
func TestKeyedWriteOverTheWire(t *testing.T) {
	t.Parallel()
	client, mux, serverURL := setup(t)
	jobs := baseURLPath + "/services/rest/async/v1/job/"
	var polls int
	var mu sync.Mutex
	mux.HandleFunc("/services/rest/record/v1/customer", func(w http.ResponseWriter, r *http.Request) {
		testHeader(t, r, "Prefer", "respond-async")
		testHeader(t, r, "X-NetSuite-Idempotency-Key", "key-7")
		// Oracle's sample, with a relative Location.
		w.Header().Set("Location", "/services/rest/async/v1/job/12")
		w.Header().Set("Preference-Applied", "respond-async")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(400)
		fmt.Fprint(w, `{"type":"https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.10","title":"Conflict","status":400,"o:errorDetails":[{"detail":"A request with the same idempotency key is already submitted. See the \"Location\" header for a link to the previously submitted job","o:errorCode":"IDEMPOTENCY_ERROR"}]}`)
	})
	mux.HandleFunc("/services/rest/async/v1/job/12", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		polls++
		done := polls > 2
		mu.Unlock()
		writeJSON(w, `{"links":[{"rel":"self","href":"%s%s12"}],"completed":%v,"id":"12","progress":"%s","task":{"links":[{"rel":"self","href":"%s%s12/task"}]}}`,
			serverURL, jobs, done, map[bool]string{false: "pending", true: "failed"}[done], serverURL, jobs)
	})
	mux.HandleFunc("/services/rest/async/v1/job/12/task", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, `{"links":[],"count":1,"hasMore":false,"items":[{"links":[{"rel":"self","href":"%s%s12/task/3"}],"id":"3"}],"offset":0,"totalResults":1}`, serverURL, jobs)
	})
	mux.Handle("/services/rest/async/v1/job/12/task/3/result", &script{t: t, steps: []step{badReq400}})
	res, resp, err := client.Records.Create(t.Context(), "customer", Record{"companyName": "X"}, &WriteOptions{IdempotencyKey: "key-7"})
	var e *Error
	if !errors.As(err, &e) || e.Status != 400 || !HasCode(err, "INVALID_CONTENT") || errors.Is(err, ErrOutcomeUnknown) {
		t.Fatalf("Create = %+v, %v; want the result's 400 INVALID_CONTENT", res, err)
	}
	if !strings.HasPrefix(err.Error(), "netsuite: POST "+serverURL+baseURLPath+"/services/rest/record/v1/customer: 400") {
		t.Errorf("the error names %q, want the create's request", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if resp == nil || resp.StatusCode != 400 || polls != 3 {
		t.Errorf("response %v after %d polls", resp, polls)
	}
}

// TestKeyedWriteJobGone: a job that cannot be read (404: forgotten, or
// another user's) leaves the write's outcome unknown; its 404 is not the
// write's answer.
func TestKeyedWriteJobGone(t *testing.T) {
	t.Parallel()
	client, mux, serverURL := setup(t)
	mux.HandleFunc("/services/rest/record/v1/customer", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", serverURL+baseURLPath+"/services/rest/async/v1/job/9")
		w.WriteHeader(202)
	})
	mux.Handle("/services/rest/async/v1/job/9", &script{t: t, steps: []step{notFound}})
	_, _, err := client.Records.Create(t.Context(), "customer", Record{"companyName": "X"}, &WriteOptions{IdempotencyKey: "gone"})
	if !errors.Is(err, ErrOutcomeUnknown) || !IsNotFound(err) || !strings.Contains(err.Error(), "/async/v1/job/9") {
		t.Errorf("Create = %v, want ErrOutcomeUnknown naming the job", err)
	}
}

// TestIdempotencyKeyChecked: a key that is not printable ASCII without
// spaces is refused before anything is sent.
func TestIdempotencyKeyChecked(t *testing.T) {
	t.Parallel()
	client, _, _ := setup(t)
	for _, key := range []string{"a b", "a\nb", "clé", "a\x00"} {
		_, _, err := client.Records.Create(t.Context(), "customer", Record{}, &WriteOptions{IdempotencyKey: key})
		if err == nil || !strings.Contains(err.Error(), "WriteOptions.IdempotencyKey") {
			t.Errorf("key %q: %v", key, err)
		}
	}
}

func TestRestPath(t *testing.T) {
	t.Parallel()
	client, err := NewClient(WithAccount(testAccount), WithCredentials(testCreds), WithBaseURL("https://h.example/proxy"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ in, want, err string }{
		{"https://h.example/proxy/services/rest/async/v1/job/1", "async/v1/job/1", ""},
		{"https://H.EXAMPLE/proxy/services/rest/async/v1/job/1/task?limit=5", "async/v1/job/1/task?limit=5", ""},
		{"/services/rest/async/v1/job/123456", "async/v1/job/123456", ""},
		{"https://other.example/proxy/services/rest/async/v1/job/1", "", "not on the Client's host"},
		{"http://h.example/proxy/services/rest/async/v1/job/1", "", "not on the Client's host"},
		{"https://h.example/services/rest/async/v1/job/1", "", "not under /proxy/services/rest/"},
		{"/other/async/v1/job/1", "", "not under /services/rest/"},
		{"/services/rest/", "", "not under"},
		{"%zz", "", "does not parse"},
	} {
		got, err := client.restPath(tt.in)
		if got != tt.want || (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
			t.Errorf("restPath(%q) = %q, %v; want %q, %q", tt.in, got, err, tt.want, tt.err)
		}
	}
}
