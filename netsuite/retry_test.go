package netsuite

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/nsconnect/nsconnect/internal/backoff"
)

// unexpectedError is NetSuite's 500
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html).
const unexpectedError = `{"type":"https://www.rfc-editor.org/rfc/rfc9110.html#section-15.6.1","title":"Internal Server Error","status":500,"o:errorDetails":[{"detail":"An unexpected error occurred. Error ID: jrgbpyylphhishmmlxyt","o:errorCode":"UNEXPECTED_ERROR"}]}`

// A step is one scripted answer.
type step struct {
	status int
	body   string // a testdata file name, or the body itself
	header http.Header
}

var (
	ok200     = step{status: 200, body: `{"id":"1"}`}
	ok204     = step{status: 204}
	limit429  = step{status: 429, body: "concurrency-limit.json"}
	error500  = step{status: 500, body: unexpectedError}
	notFound  = step{status: 404, body: "nonexistent-id.json"}
	badReq400 = step{status: 400, body: "invalid-content.json"}
	login401  = step{status: 401, body: "invalid-login.json"}
)

// script is a handler that answers with steps in turn, the last one again
// once they run out, and records the bodies it was sent.
type script struct {
	t     *testing.T
	steps []step

	mu     sync.Mutex
	bodies []string
}

func (s *script) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	n := len(s.bodies)
	s.bodies = append(s.bodies, string(b))
	s.mu.Unlock()
	st := s.steps[min(n, len(s.steps)-1)]
	for k, v := range st.header {
		w.Header()[k] = v
	}
	body := st.body
	if strings.HasSuffix(body, ".json") {
		body = string(readFixture(s.t, body))
	}
	switch {
	case st.status == 204:
	case st.status >= 300:
		w.Header().Set("Content-Type", "application/vnd.oracle.resource+json; type=error")
	default:
		w.Header().Set("Content-Type", "application/vnd.oracle.resource+json; type=singular")
	}
	if st.status == 204 {
		w.Header().Set("Location", "https://example/services/rest/record/v1/customer/647")
	}
	w.WriteHeader(st.status)
	io.WriteString(w, body)
}

func (s *script) calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.bodies)
}

// sleeps records the delays a RetryPolicy asks for, without sleeping.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) policy(p RetryPolicy) RetryPolicy {
	p.Sleep = func(ctx context.Context, d time.Duration) error {
		s.mu.Lock()
		s.d = append(s.d, d)
		s.mu.Unlock()
		return ctx.Err()
	}
	return p
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

func half() float64 { return 0.5 }

func TestRetryRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name           string
		method         string
		steps          []step
		calls          int    // requests the server sees
		retries        int    // Response.Retries
		err            string // part of the error; "" for success
		outcomeUnknown bool
	}{
		{"GET 429 then 200", "GET", []step{limit429, ok200}, 2, 1, "", false},
		{"GET 500 then 200", "GET", []step{error500, ok200}, 2, 1, "", false},
		{"GET 500 six times", "GET", []step{error500}, 6, 5, "netsuite: gave up after 5 retries: netsuite: GET ", false},
		{"GET 400", "GET", []step{badReq400}, 1, 0, "400 Bad Request: INVALID_CONTENT", false},
		{"GET 401", "GET", []step{login401}, 1, 0, "401 Unauthorized: INVALID_LOGIN", false},
		{"GET 404", "GET", []step{notFound}, 1, 0, "404 Not Found", false},
		{"GET 501", "GET", []step{{status: 501}}, 1, 0, "501 Not Implemented", false},
		{"HEAD 503 then 200", "HEAD", []step{{status: 503}, ok200}, 2, 1, "", false},
		{"PUT 502 then 204", "PUT", []step{{status: 502, body: "<html><title>502 Bad Gateway</title></html>"}, ok204}, 2, 1, "", false},
		{"DELETE 500 then 404", "DELETE", []step{error500, notFound}, 2, 1, "(after 1 retries: an earlier attempt may have deleted it)", false},
		{"DELETE 429 then 404", "DELETE", []step{limit429, notFound}, 2, 1, "netsuite: after 1 retries: netsuite: DELETE", false},
		{"POST 429 then 204", "POST", []step{limit429, ok204}, 2, 1, "", false},
		{"POST 429 six times", "POST", []step{limit429}, 6, 5, "gave up after 5 retries", false},
		{"POST 500", "POST", []step{error500}, 1, 0, "the outcome is unknown: the request was sent and then failed (500 Internal Server Error: UNEXPECTED_ERROR: An unexpected error occurred. Error ID: jrgbpyylphhishmmlxyt); it was not retried because a POST is not idempotent. NetSuite may have done the work (for a create: created the record). Look it up before you send it again, or create it with an upsert by external ID (PUT record/v1/{type}/eid:{externalId}) or with an idempotency key, which are safe to retry", true},
		{"POST 429 then 502", "POST", []step{limit429, {status: 502}}, 2, 1, "the outcome is unknown", true},
		{"POST 400", "POST", []step{badReq400}, 1, 0, "INVALID_CONTENT at item.items[0].item", false},
		{"PATCH 503", "PATCH", []step{{status: 503}}, 1, 0, "a PATCH sent twice adds the lines of non-keyed sublists twice", true},
		{"PATCH 429 then 204", "PATCH", []step{limit429, ok204}, 2, 1, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, mux, _ := setup(t)
			s := &script{t: t, steps: tt.steps}
			mux.Handle("/services/rest/record/v1/customer/1", s)
			var body any
			if tt.method == "POST" || tt.method == "PATCH" || tt.method == "PUT" {
				body = map[string]string{"companyName": "Acme"}
			}
			req, err := client.NewRequest(t.Context(), tt.method, "record/v1/customer/1", body)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := client.Do(req, nil)
			if got := s.calls(); got != tt.calls {
				t.Errorf("server saw %d requests, want %d", got, tt.calls)
			}
			if resp == nil || resp.Retries != tt.retries {
				t.Errorf("response %+v, want Retries %d", resp, tt.retries)
			}
			if tt.err == "" {
				if err != nil {
					t.Fatalf("Do: %v", err)
				}
			} else {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Do = %v\nwant an error that says %q", err, tt.err)
				}
				var e *Error
				if !errors.As(err, &e) || e.Status != resp.StatusCode {
					t.Errorf("no *Error with the last status in %v", err)
				}
			}
			if got := errors.Is(err, ErrOutcomeUnknown); got != tt.outcomeUnknown {
				t.Errorf("errors.Is(err, ErrOutcomeUnknown) = %v", got)
			}
			if got, want := errors.Is(err, ErrDeletedEarlier), tt.name == "DELETE 500 then 404"; got != want {
				t.Errorf("errors.Is(err, ErrDeletedEarlier) = %v; want %v", got, want)
			}
			// Every attempt carried the whole body.
			for i, b := range s.bodies {
				if body != nil && b != `{"companyName":"Acme"}` {
					t.Errorf("attempt %d sent body %q", i, b)
				}
			}
		})
	}
}

func TestBackoff(t *testing.T) {
	t.Parallel()
	p := RetryPolicy{Rand: half}.WithDefaults()
	var got []time.Duration
	for n := range 9 {
		got = append(got, p.Backoff(n))
	}
	ms := time.Millisecond
	want := []time.Duration{250 * ms, 500 * ms, 1000 * ms, 2000 * ms, 4000 * ms, 8000 * ms, 15000 * ms, 15000 * ms, 15000 * ms}
	if !cmp.Equal(got, want) {
		t.Errorf("delays %v, want %v", got, want)
	}
	// Full jitter: from 0 up to (not including) the ceiling.
	p.Rand = func() float64 { return 0 }
	if d := p.Backoff(3); d != 0 {
		t.Errorf("Rand 0 gives %s", d)
	}
	p.Rand = func() float64 { return 0.999999 }
	if d := p.Backoff(10000); d >= 30*time.Second || d < 29*time.Second {
		t.Errorf("retry 10000 waits %s, want just under Max", d)
	}
	// The default draws vary.
	p = DefaultRetryPolicy()
	seen := map[time.Duration]bool{}
	for range 20 {
		d := p.Backoff(4)
		if d < 0 || d >= 8*time.Second {
			t.Fatalf("delay %s out of [0, 8s)", d)
		}
		seen[d] = true
	}
	if len(seen) < 10 {
		t.Errorf("only %d distinct delays in 20 draws", len(seen))
	}
}

func TestRetryDelays(t *testing.T) {
	t.Parallel()
	var sl sleeps
	client, mux, _ := setup(t, WithRetry(sl.policy(RetryPolicy{Rand: half})))
	mux.Handle("/services/rest/record/v1/customer/1", &script{t: t, steps: []step{error500}})
	req, _ := client.NewRequest(t.Context(), "GET", "record/v1/customer/1", nil)
	if _, err := client.Do(req, nil); err == nil {
		t.Fatal("no error")
	}
	ms := time.Millisecond
	if got, want := sl.all(), []time.Duration{250 * ms, 500 * ms, 1000 * ms, 2000 * ms, 4000 * ms}; !cmp.Equal(got, want) {
		t.Errorf("delays %v, want %v", got, want)
	}
}

func TestRetryAfter(t *testing.T) {
	t.Parallel()
	var sl sleeps
	client, mux, _ := setup(t, WithRetry(sl.policy(RetryPolicy{Rand: half})))
	wait7 := limit429
	wait7.header = http.Header{"Retry-After": {"7"}}
	wait2m := limit429
	wait2m.header = http.Header{"Retry-After": {"120"}}
	mux.Handle("/services/rest/record/v1/customer/1", &script{t: t, steps: []step{wait7, ok200}})
	long := &script{t: t, steps: []step{wait2m, ok200}}
	mux.Handle("/services/rest/record/v1/customer/2", long)

	req, _ := client.NewRequest(t.Context(), "GET", "record/v1/customer/1", nil)
	if _, err := client.Do(req, nil); err != nil {
		t.Fatal(err)
	}
	if got := sl.all(); !cmp.Equal(got, []time.Duration{7 * time.Second}) {
		t.Errorf("delays %v, want [7s]", got)
	}
	// Longer than Max (30s): the retries end.
	req, _ = client.NewRequest(t.Context(), "GET", "record/v1/customer/2", nil)
	_, err := client.Do(req, nil)
	if err == nil || !strings.Contains(err.Error(), "the server asked to wait 2m0s, longer than the retry policy's Max of 30s") || long.calls() != 1 {
		t.Errorf("Do = %v after %d calls", err, long.calls())
	}

}

// The Client never sleeps past the context's deadline: when the next delay
// would end after it, the call returns at once with the last error.
func TestRetryStopsBeforeDeadline(t *testing.T) {
	t.Parallel()
	var sl sleeps
	client, mux, _ := setup(t, WithRetry(sl.policy(RetryPolicy{Initial: 10 * time.Second, Rand: func() float64 { return 0.9 }})))
	s := &script{t: t, steps: []step{limit429}}
	mux.Handle("/services/rest/record/v1/customer/1", s)
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
	defer cancel()
	req, _ := client.NewRequest(ctx, "GET", "record/v1/customer/1", nil)
	start := time.Now()
	_, err := client.Do(req, nil)
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Errorf("Do took %s", elapsed)
	}
	if len(sl.all()) != 0 || s.calls() != 1 {
		t.Errorf("slept %v, %d calls", sl.all(), s.calls())
	}
	var e *Error
	if err == nil || !strings.Contains(err.Error(), "stopped retrying after 0 retries: the next one, in 9s, would come after the context deadline") ||
		!errors.As(err, &e) || e.Status != 429 || errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Do = %v", err)
	}
}

// With real sleeps: the retries that fit before the deadline happen, no
// sleep is started that would end after it, and the call returns by then.
func TestRetryRealSleepsWithinDeadline(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var slept []time.Duration
	policy := RetryPolicy{
		Initial: 100 * time.Millisecond, Max: 10 * time.Second, Rand: func() float64 { return 0.99 },
		Sleep: func(ctx context.Context, d time.Duration) error {
			if deadline, ok := ctx.Deadline(); !ok || time.Until(deadline) < d {
				t.Errorf("asked to sleep %s with %s left", d, time.Until(deadline))
			}
			mu.Lock()
			slept = append(slept, d)
			mu.Unlock()
			return backoff.Sleep(ctx, d)
		},
	}
	client, mux, _ := setup(t, WithRetry(policy))
	s := &script{t: t, steps: []step{limit429}}
	mux.Handle("/services/rest/record/v1/customer/1", s)
	ctx, cancel := context.WithTimeout(t.Context(), time.Second)
	defer cancel()
	req, _ := client.NewRequest(ctx, "GET", "record/v1/customer/1", nil)
	start := time.Now()
	_, err := client.Do(req, nil)
	if elapsed := time.Since(start); elapsed > 1100*time.Millisecond {
		t.Errorf("Do took %s", elapsed)
	}
	// Delays 99ms, 198ms and 396ms fit in 1s; 792ms does not. On a slow
	// machine a request may run into the deadline instead.
	if err == nil || !HasCode(err, "CONCURRENCY_LIMIT_EXCEEDED") ||
		!strings.Contains(err.Error(), "would come after the context deadline") && !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Do = %v after %d calls", err, s.calls())
	}
	mu.Lock()
	defer mu.Unlock()
	if len(slept) < 1 || len(slept) > 3 {
		t.Errorf("slept %v", slept)
	}
}

func TestRetryCanceledWhileWaiting(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t, WithRetry(RetryPolicy{Initial: 10 * time.Second, Rand: half}))
	mux.Handle("/services/rest/record/v1/customer/1", &script{t: t, steps: []step{limit429}})
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(50*time.Millisecond, cancel)
	req, _ := client.NewRequest(ctx, "GET", "record/v1/customer/1", nil)
	start := time.Now()
	_, err := client.Do(req, nil)
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("Do took %s", elapsed)
	}
	if !errors.Is(err, context.Canceled) || !HasCode(err, "CONCURRENCY_LIMIT_EXCEEDED") || !strings.Contains(err.Error(), "waiting to retry") {
		t.Errorf("Do = %v", err)
	}
}

// A request the caller cancels in flight is not retried.
func TestRetryNotAfterCancel(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	var calls atomic.Int32
	ctx, cancel := context.WithCancel(t.Context())
	mux.HandleFunc("/services/rest/record/v1/customer/1", func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		cancel()
		<-r.Context().Done()
	})
	req, _ := client.NewRequest(ctx, "GET", "record/v1/customer/1", nil)
	_, err := client.Do(req, nil)
	if !errors.Is(err, context.Canceled) || calls.Load() != 1 {
		t.Errorf("Do = %v after %d calls", err, calls.Load())
	}
}

// failing is a transport under the signer that fails the first n requests
// with err and sends the others.
type failing struct {
	n     int32
	err   error
	calls atomic.Int32
}

func (f *failing) RoundTrip(r *http.Request) (*http.Response, error) {
	if f.calls.Add(1) <= f.n {
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, f.err
	}
	return http.DefaultTransport.RoundTrip(r)
}

func TestRetryNetworkErrors(t *testing.T) {
	t.Parallel()
	reset := &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	tests := []struct {
		name           string
		method         string
		fail           int32
		err            error
		attempts       int32 // requests the transport sees
		ok             bool
		outcomeUnknown bool
	}{
		{"GET reset", "GET", 1, reset, 2, true, false},
		{"GET EOF", "GET", 2, io.ErrUnexpectedEOF, 3, true, false},
		{"GET timeout", "GET", 1, &net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}, 2, true, false},
		{"GET reset six times", "GET", 6, reset, 6, false, false},
		{"GET certificate", "GET", 1, errors.New("tls: failed to verify certificate: x509: certificate signed by unknown authority"), 1, false, false},
		{"POST reset", "POST", 1, reset, 1, false, true},
		{"POST EOF", "POST", 1, io.EOF, 1, false, true},
		{"POST refused", "POST", 2, refused, 3, true, false},
		{"POST temporary DNS failure", "POST", 1, &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "server misbehaving", Name: "h", IsTemporary: true}}, 2, true, false},
		{"GET no such host", "GET", 1, &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "h", IsNotFound: true}}, 1, false, false},
		{"PATCH reset", "PATCH", 1, reset, 1, false, true},
		{"DELETE reset", "DELETE", 1, reset, 2, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := &failing{n: tt.fail, err: tt.err}
			client, mux, _ := setup(t, WithHTTPClient(&http.Client{Transport: f}))
			mux.Handle("/services/rest/record/v1/customer/1", &script{t: t, steps: []step{ok204}})
			var body any
			if tt.method == "POST" || tt.method == "PATCH" {
				body = map[string]int{"a": 1}
			}
			req, _ := client.NewRequest(t.Context(), tt.method, "record/v1/customer/1", body)
			resp, err := client.Do(req, nil)
			if got := f.calls.Load(); got != tt.attempts {
				t.Errorf("%d attempts, want %d", got, tt.attempts)
			}
			if (err == nil) != tt.ok {
				t.Fatalf("Do = %v", err)
			}
			if tt.ok && resp.Retries != int(tt.attempts)-1 {
				t.Errorf("Retries %d", resp.Retries)
			}
			if got := errors.Is(err, ErrOutcomeUnknown); got != tt.outcomeUnknown {
				t.Errorf("outcome unknown %v: %v", got, err)
			}
			if err != nil && !errors.Is(err, tt.err) {
				t.Errorf("the cause is not in %v", err)
			}
			if tt.outcomeUnknown && !strings.Contains(err.Error(), "the request was sent and then failed") {
				t.Errorf("message %q", err)
			}
		})
	}
}

// A server that drops the connection: the GET is retried.
func TestRetryDroppedConnection(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	var calls atomic.Int32
	mux.HandleFunc("/services/rest/record/v1/customer/1", func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			conn, _, err := http.NewResponseController(w).Hijack()
			if err != nil {
				t.Error(err)
				return
			}
			conn.Close()
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id":"1"}`)
	})
	req, _ := client.NewRequest(t.Context(), "GET", "record/v1/customer/1", nil)
	var v struct{ ID string }
	resp, err := client.Do(req, &v)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Retries != 1 || v.ID != "1" || calls.Load() != 2 {
		t.Errorf("Retries %d, id %q, %d calls", resp.Retries, v.ID, calls.Load())
	}
}

// A connection refused by a loopback address fails at once: nothing
// listens on that port of this machine, and waiting will not change it (a
// dead emulator address used to wait ~8.5 s through five retries).
func TestRetryFailFastLoopbackRefused(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	var attempts atomic.Int32
	counting := roundTripperFunc(func(r *http.Request) (*http.Response, error) {
		attempts.Add(1)
		return http.DefaultTransport.RoundTrip(r)
	})
	var events atomic.Int32
	client, err := NewClient(WithAccount(testAccount), WithCredentials(testCreds), WithBaseURL("http://"+addr),
		WithHTTPClient(&http.Client{Transport: counting}), WithRetryNotify(func(RetryEvent) { events.Add(1) }))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	req, _ := client.NewRequest(t.Context(), "POST", "record/v1/customer", map[string]string{"companyName": "Acme"})
	_, err = client.Do(req, nil)
	if !errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, ErrOutcomeUnknown) || !strings.Contains(err.Error(), "not retried: nothing is listening") || attempts.Load() != 1 || events.Load() != 0 {
		t.Errorf("Do = %v after %d attempts, %d retry events", err, attempts.Load(), events.Load())
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %s", d)
	}
}

// A connection refused by another host means nothing was sent: even a POST
// is retried, and the retry policy still applies.
func TestRetryConnectionRefusedRemote(t *testing.T) {
	t.Parallel()
	refused := &net.OpError{Op: "dial", Net: "tcp", Addr: &net.TCPAddr{IP: net.ParseIP("192.0.2.10"), Port: 443}, Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	f := &failing{n: 10, err: refused}
	client, mux, _ := setup(t, WithHTTPClient(&http.Client{Transport: f}))
	mux.Handle("/services/rest/record/v1/customer", &script{t: t, steps: []step{ok204}})
	req, _ := client.NewRequest(t.Context(), "POST", "record/v1/customer", map[string]string{"companyName": "Acme"})
	_, err := client.Do(req, nil)
	if !errors.Is(err, syscall.ECONNREFUSED) || !strings.Contains(err.Error(), "gave up after 5 retries") || f.calls.Load() != 6 {
		t.Errorf("Do = %v after %d attempts", err, f.calls.Load())
	}
}

// A DNS name that does not exist fails at once, saying so; a temporary DNS
// failure is retried (TestRetryNetworkErrors).
func TestRetryFailFastNXDOMAIN(t *testing.T) {
	t.Parallel()
	nx := &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "1234567-sb9.suitetalk.api.netsuite.com", IsNotFound: true}}
	f := &failing{n: 10, err: nx}
	client, mux, _ := setup(t, WithHTTPClient(&http.Client{Transport: f}))
	mux.Handle("/services/rest/record/v1/customer/1", &script{t: t, steps: []step{ok200}})
	req, _ := client.NewRequest(t.Context(), "GET", "record/v1/customer/1", nil)
	_, err := client.Do(req, nil)
	if f.calls.Load() != 1 || !strings.Contains(err.Error(), "does not exist (DNS answered NXDOMAIN)") {
		t.Errorf("Do = %v after %d attempts", err, f.calls.Load())
	}
}

// WithRetryNotify hears of every wait before a retry, with its delay, the
// status and NetSuite's code.
func TestRetryNotify(t *testing.T) {
	t.Parallel()
	var sl sleeps
	var mu sync.Mutex
	var got []RetryEvent
	client, mux, _ := setup(t, WithRetry(sl.policy(RetryPolicy{Rand: half})), WithRetryNotify(func(e RetryEvent) {
		mu.Lock()
		defer mu.Unlock()
		e.Err, e.URL = nil, ""
		got = append(got, e)
	}))
	mux.Handle("/services/rest/record/v1/customer/1", &script{t: t, steps: []step{limit429, error500, ok200}})
	req, _ := client.NewRequest(t.Context(), "GET", "record/v1/customer/1", nil)
	if _, err := client.Do(req, nil); err != nil {
		t.Fatal(err)
	}
	want := []RetryEvent{
		{Method: "GET", Retry: 1, MaxRetries: 5, Status: 429, Code: "CONCURRENCY_LIMIT_EXCEEDED", Delay: 250 * time.Millisecond},
		{Method: "GET", Retry: 2, MaxRetries: 5, Status: 500, Code: "UNEXPECTED_ERROR", Delay: 500 * time.Millisecond},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events (-want +got)\n%s", diff)
	}
}

// http.Client's Timeout is a timeout like any other: retried for a GET.
func TestRetryClientTimeout(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t, WithHTTPClient(&http.Client{Timeout: 100 * time.Millisecond}))
	var calls atomic.Int32
	mux.HandleFunc("/services/rest/record/v1/customer/1", func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			select {
			case <-r.Context().Done():
			case <-time.After(2 * time.Second):
			}
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{}`)
	})
	req, _ := client.NewRequest(t.Context(), "GET", "record/v1/customer/1", nil)
	resp, err := client.Do(req, nil)
	if err != nil || resp.Retries != 1 {
		t.Errorf("Do = %v, %+v", err, resp)
	}
}

// A body that cannot be read again is sent once.
func TestRetryNeedsGetBody(t *testing.T) {
	t.Parallel()
	client, mux, serverURL := setup(t)
	s := &script{t: t, steps: []step{limit429, ok204}}
	mux.Handle("/services/rest/record/v1/customer", s)
	req, err := http.NewRequestWithContext(t.Context(), "POST", serverURL+baseURLPath+"/services/rest/record/v1/customer", io.NopCloser(strings.NewReader(`{"a":1}`)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	_, err = client.Do(req, nil)
	if !HasCode(err, "CONCURRENCY_LIMIT_EXCEEDED") || !strings.Contains(err.Error(), "not retried: the request body cannot be sent again") || s.calls() != 1 {
		t.Errorf("Do = %v after %d calls", err, s.calls())
	}
}

func TestRetryDisabled(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t, WithRetry(RetryPolicy{MaxRetries: -1}))
	s := &script{t: t, steps: []step{limit429, ok200}}
	mux.Handle("/services/rest/record/v1/customer/1", s)
	req, _ := client.NewRequest(t.Context(), "GET", "record/v1/customer/1", nil)
	_, err := client.Do(req, nil)
	var e *Error
	if !errors.As(err, &e) || err != error(e) || s.calls() != 1 {
		t.Errorf("Do = %v (%T) after %d calls, want the bare *Error", err, err, s.calls())
	}
}

func TestRetryLogs(t *testing.T) {
	t.Parallel()
	var buf syncBuffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var sl sleeps
	client, mux, serverURL := setup(t, WithLogger(logger), WithRetry(sl.policy(RetryPolicy{Rand: half})))
	mux.Handle("/services/rest/record/v1/customer/1", &script{t: t, steps: []step{limit429, error500, ok200}})
	req, _ := client.NewRequest(t.Context(), "GET", "record/v1/customer/1", nil)
	resp, err := client.Do(req, nil)
	if err != nil || resp.Retries != 2 {
		t.Fatalf("Do = %v, %+v", err, resp)
	}
	type record struct {
		Level, Msg, Method, URL, Error string
		Attempt, Status                int
		Delay                          time.Duration
	}
	var got []record
	for line := range strings.SplitSeq(strings.TrimSpace(buf.String()), "\n") {
		var r record
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		got = append(got, r)
	}
	u := serverURL + baseURLPath + "/services/rest/record/v1/customer/1"
	want := []record{
		{"DEBUG", "netsuite: request", "GET", u, "", 0, 429, 0},
		{"DEBUG", "netsuite: retrying", "GET", u, "429 Too Many Requests: CONCURRENCY_LIMIT_EXCEEDED: Concurrent request limit exceeded. Request blocked.", 1, 429, 250 * time.Millisecond},
		{"DEBUG", "netsuite: request", "GET", u, "", 0, 500, 0},
		{"DEBUG", "netsuite: retrying", "GET", u, "500 Internal Server Error: UNEXPECTED_ERROR: An unexpected error occurred. Error ID: jrgbpyylphhishmmlxyt", 2, 500, 500 * time.Millisecond},
		{"DEBUG", "netsuite: request", "GET", u, "", 0, 200, 0},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("logs (-want +got)\n%s", diff)
	}
	for _, secret := range []string{testCreds.ConsumerSecret.Reveal(), testCreds.TokenSecret.Reveal(), testCreds.TokenID, "oauth_signature"} {
		if strings.Contains(buf.String(), secret) {
			t.Errorf("the log shows %s", secret)
		}
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestClassify(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		method string
		status int
		want   verdict
	}{
		{"GET", 429, retry}, {"POST", 429, retry}, {"PATCH", 429, retry},
		{"GET", 500, retry}, {"PUT", 502, retry}, {"DELETE", 503, retry}, {"OPTIONS", 504, retry}, {"HEAD", 500, retry},
		{"POST", 500, unknown}, {"PATCH", 503, unknown},
		{"GET", 501, stop}, {"POST", 501, stop}, {"GET", 505, stop},
		{"GET", 400, stop}, {"GET", 401, stop}, {"GET", 403, stop}, {"GET", 404, stop}, {"POST", 409, stop},
	} {
		if got := classifyStatus(tt.method, tt.status, nil); got != tt.want {
			t.Errorf("%s %d: %v, want %v", tt.method, tt.status, got, tt.want)
		}
	}
	wrap := func(err error) error { return fmt.Errorf("Get \"u\": %w", err) }
	for _, tt := range []struct {
		method string
		err    error
		want   verdict
	}{
		{"GET", wrap(context.Canceled), stop},
		{"GET", wrap(context.DeadlineExceeded), retry}, // http.Client's Timeout
		{"POST", wrap(context.DeadlineExceeded), unknown},
		{"GET", wrap(syscall.ECONNRESET), retry},
		{"POST", wrap(syscall.ECONNRESET), unknown},
		{"POST", wrap(&net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}), retry},
		{"POST", wrap(&net.OpError{Op: "dial", Addr: &net.TCPAddr{IP: net.IPv6loopback}, Err: syscall.ECONNREFUSED}), stop},
		{"GET", wrap(&net.OpError{Op: "dial", Addr: &net.TCPAddr{IP: net.ParseIP("127.0.0.2")}, Err: syscall.ECONNREFUSED}), stop},
		{"GET", wrap(&net.OpError{Op: "dial", Addr: &net.TCPAddr{IP: net.ParseIP("10.0.0.1")}, Err: syscall.ECONNREFUSED}), retry},
		{"GET", wrap(&net.DNSError{Err: "no such host", Name: "x.invalid", IsNotFound: true}), stop},
		{"POST", wrap(&net.OpError{Op: "dial", Err: os.ErrDeadlineExceeded}), retry},
		{"GET", wrap(errors.New("malformed HTTP response")), stop},
		{"POST", wrap(errors.New("malformed HTTP response")), stop},
	} {
		if got := classifyError(tt.method, tt.err); got != tt.want {
			t.Errorf("%s %v: %v, want %v", tt.method, tt.err, got, tt.want)
		}
	}
}

// inFlight is a slow handler that records the most requests it had in
// flight at once.
type inFlight struct {
	delay    time.Duration
	now, max atomic.Int32
	total    atomic.Int32
}

func (h *inFlight) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := h.now.Add(1)
	defer h.now.Add(-1)
	for {
		m := h.max.Load()
		if n <= m || h.max.CompareAndSwap(m, n) {
			break
		}
	}
	h.total.Add(1)
	time.Sleep(h.delay)
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprint(w, `{"id":"1"}`)
}

// With concurrency 3, 20 goroutines never have more than 3 requests in
// flight, as the server counts them.
func TestLimiterBoundsInFlight(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t, WithConcurrency(3))
	h := &inFlight{delay: 30 * time.Millisecond}
	mux.Handle("/services/rest/record/v1/customer/1", h)
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			req, _ := client.NewRequest(t.Context(), "GET", "record/v1/customer/1", nil)
			var v map[string]string
			if _, err := client.Do(req, &v); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if m := h.max.Load(); m > 3 || m < 2 {
		t.Errorf("at most %d requests in flight, want 3", m)
	}
	if h.total.Load() != 20 {
		t.Errorf("%d requests", h.total.Load())
	}
}

// One Limiter shared by two Clients bounds them together.
func TestLimiterShared(t *testing.T) {
	t.Parallel()
	l := NewLimiter(2)
	a, mux, _ := setup(t, WithLimiter(l))
	h := &inFlight{delay: 20 * time.Millisecond}
	mux.Handle("/services/rest/record/v1/customer/1", h)
	b, err := NewClient(WithAccount(testAccount), WithCredentials(testCreds), WithBaseURL(a.baseURL.Scheme+"://"+a.baseURL.Host+baseURLPath), WithLimiter(l),
		WithHTTPClient(&http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 12 {
		c := a
		if i%2 == 1 {
			c = b
		}
		wg.Go(func() {
			req, _ := c.NewRequest(t.Context(), "GET", "record/v1/customer/1", nil)
			if _, err := c.Do(req, nil); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if m := h.max.Load(); m > 2 {
		t.Errorf("%d requests in flight, want at most 2", m)
	}
}

// A call waiting to retry holds no slot: with one slot, another call gets
// through while the first waits.
func TestLimiterFreeWhileWaitingToRetry(t *testing.T) {
	t.Parallel()
	var other func() error
	policy := RetryPolicy{Sleep: func(ctx context.Context, d time.Duration) error {
		if err := other(); err != nil {
			t.Errorf("the other call, during the wait: %v", err)
		}
		return nil
	}}
	client, mux, _ := setup(t, WithConcurrency(1), WithRetry(policy))
	mux.Handle("/services/rest/record/v1/customer/1", &script{t: t, steps: []step{limit429, ok200}})
	mux.Handle("/services/rest/record/v1/customer/2", &script{t: t, steps: []step{ok200}})
	other = func() error {
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		req, _ := client.NewRequest(ctx, "GET", "record/v1/customer/2", nil)
		_, err := client.Do(req, nil)
		return err
	}
	req, _ := client.NewRequest(t.Context(), "GET", "record/v1/customer/1", nil)
	resp, err := client.Do(req, nil)
	if err != nil || resp.Retries != 1 {
		t.Errorf("Do = %v, %+v", err, resp)
	}
}

// The slot of a failed call is given back: after more errors than slots,
// calls still go through.
func TestLimiterReleasedOnErrors(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t, WithConcurrency(2), WithRetry(RetryPolicy{MaxRetries: -1}))
	mux.Handle("/services/rest/record/v1/customer/1", &script{t: t, steps: []step{notFound}})
	mux.Handle("/services/rest/record/v1/customer/2", &script{t: t, steps: []step{{status: 200, body: "not json"}}})
	for i := range 5 {
		req, _ := client.NewRequest(t.Context(), "GET", fmt.Sprintf("record/v1/customer/%d", i%2+1), nil)
		var v any
		if _, err := client.Do(req, &v); err == nil {
			t.Fatal("no error")
		}
		req, _ = client.NewRequest(t.Context(), "GET", "record/v1/customer/1", nil)
		resp, err := client.BareDo(req)
		if !IsNotFound(err) {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	if n := client.limiter.(*adaptive).inUse; n != 0 {
		t.Errorf("%d slots still taken", n)
	}
}
