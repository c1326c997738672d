// Package webhooktest is a webhook receiver for tests of the webhook sink:
// it checks each request's signature as docs/webhooks.md tells receivers
// to, answers as the test says, and records what came.
package webhooktest

import (
	"cmp"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"
)

// A Request is one request the receiver took.
type Request struct {
	ID        string    // webhook-id: the event's idempotency key
	Timestamp time.Time // webhook-timestamp
	Body      []byte
	// Answer is what the receiver answered.
	Answer Answer
}

// An Answer is the receiver's reply to a request.
type Answer struct {
	Status int // 0 means 204 No Content
	// RetryAfter, if set, is sent as the Retry-After header.
	RetryAfter string
	// Drop closes the connection without an answer.
	Drop bool
	// Hang answers nothing until the sender gives up.
	Hang bool
}

// Delivered reports whether the answer tells the sender that the event
// arrived: a 2xx.
func (a Answer) Delivered() bool { return !a.Drop && !a.Hang && (a.Status == 0 || a.Status/100 == 2) }

// A Receiver is a webhook receiver on a loopback address.
type Receiver struct {
	URL string

	secret string
	now    func() time.Time
	answer func(n int, r Request) Answer
	t      testing.TB

	mu   sync.Mutex
	reqs []Request
}

// NewReceiver starts a receiver, stopped when t ends. It checks every
// request's signature under secret, and its timestamp against now (nil
// means time.Now), failing t for a request that does not pass (and
// answering it 401); it answers the others as answer says, given the
// number of requests before (nil means 204 to all).
func NewReceiver(t testing.TB, secret string, now func() time.Time, answer func(n int, r Request) Answer) *Receiver {
	if now == nil {
		now = time.Now
	}
	r := &Receiver{secret: secret, now: now, answer: answer, t: t}
	srv := httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(srv.Close)
	r.URL = srv.URL
	return r
}

func (r *Receiver) serve(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(req.Body)
	if err != nil {
		r.t.Errorf("webhooktest: reading a request: %v", err)
		return
	}
	if err := verifyWebhook(r.secret, req.Header, body, r.now()); err != nil || req.Method != http.MethodPost || req.Header.Get("Content-Type") != "application/json" {
		r.t.Errorf("webhooktest: %s %s with Content-Type %q: %v\n%s", req.Method, req.URL.Path, req.Header.Get("Content-Type"), err, body)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	sec, _ := strconv.ParseInt(req.Header.Get("webhook-timestamp"), 10, 64)
	rq := Request{ID: req.Header.Get("webhook-id"), Timestamp: time.Unix(sec, 0), Body: body}
	r.mu.Lock()
	n := len(r.reqs)
	if r.answer != nil {
		rq.Answer = r.answer(n, rq)
	}
	r.reqs = append(r.reqs, rq)
	r.mu.Unlock()
	a := rq.Answer
	switch {
	case a.Drop:
		panic(http.ErrAbortHandler) // net/http closes the connection
	case a.Hang:
		<-req.Context().Done()
		return
	}
	if a.RetryAfter != "" {
		w.Header().Set("Retry-After", a.RetryAfter)
	}
	w.WriteHeader(cmp.Or(a.Status, http.StatusNoContent))
}

// Requests returns the requests so far, in the order they came.
func (r *Receiver) Requests() []Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Request(nil), r.reqs...)
}
