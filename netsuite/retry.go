package netsuite

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/nsconnect/nsconnect/internal/backoff"
)

// Concurrency governance and retries
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/bridgehead_156224824287.html).
//
// NetSuite refuses a request past the account's concurrency limit with 429
// CONCURRENCY_LIMIT_EXCEEDED ("Concurrent request limit exceeded. Request
// blocked."), and Oracle's advice is to retry after a growing delay, with
// jitter so that threads do not retry in step. The Client keeps its own
// calls under the limit with a Limiter and retries what NetSuite refuses.

// A Limiter bounds how many requests are in flight at once. The Client
// takes a slot before it sends each attempt of a request and gives it back
// once the response has been read (for BareDo, when the body is closed);
// it does not hold a slot while it waits to retry.
type Limiter interface {
	// Acquire blocks until a slot is free or ctx is done, and returns
	// ctx's error in the second case.
	Acquire(ctx context.Context) error
	// Release gives back a slot taken by Acquire.
	Release()
}

// An AdaptiveLimiter is a Limiter that follows NetSuite's answers: the
// Client tells it, while it holds the slot, how NetSuite answered each
// attempt. A Limiter given to WithLimiter may implement it; NewLimiter's
// does.
type AdaptiveLimiter interface {
	Limiter
	// Throttled is told of an answer 429 CONCURRENCY_LIMIT_EXCEEDED: the
	// account's slots are taken, by this process or by others.
	Throttled()
	// Succeeded is told of any other answer (an error status included; a
	// network error is neither).
	Succeeded()
}

// NewLimiter returns a Limiter with n slots (at least 1) for the requests
// of one process. It has a Limit method that returns n.
//
// It adapts to the account's free slots, which other integrations, users
// and scripts share: when NetSuite answers 429 it halves the slots it lets
// be used (to half of those in use then, rounded up), and each run of ten
// times as many answers without a 429 as it lets be used then gives one
// slot back, up to n. The answers to requests already in flight when it halved do not
// halve it again. Share one Limiter between the Clients of an account
// (WithLimiter) so that they share one adaptive limit.
//
// A Limiter of your own may have a Limit method too, Limit() int, saying
// how many slots it has: paged reads (ListIter, SuiteQL's Rows) ask for
// that many pages at once. Without it they ask for DefaultConcurrency at
// once.
func NewLimiter(n int) Limiter {
	n = max(n, 1)
	return &adaptive{size: n, limit: n}
}

// adaptive is NewLimiter's Limiter: a semaphore whose number of slots
// halves on a 429 and grows back by one after each run of answers without
// one (additive increase, multiplicative decrease).
//
// A run is growAfter times the slots let be used: an account's limit is
// hard, and a slot given back too soon is a 429 at once. Against an
// emulator with 2 free slots and 8 callers, runs of 1, 4 and 10 times met
// about 120, 48 and 22 429s for 480 requests, at much the same speed.
type adaptive struct {
	size int // the most slots, n

	mu      sync.Mutex
	limit   int             // the slots it lets be used now, 1 to size
	inUse   int             // the slots taken
	waiting []chan struct{} // Acquire calls waiting, first first
	grace   int             // releases to come of requests sent before the last halving
	run     int             // answers without a 429 since the limit last changed
}

func (a *adaptive) Acquire(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	a.mu.Lock()
	if a.inUse < a.limit && len(a.waiting) == 0 {
		a.inUse++
		a.mu.Unlock()
		return nil
	}
	ready := make(chan struct{})
	a.waiting = append(a.waiting, ready)
	a.mu.Unlock()
	select {
	case <-ready:
		return nil
	case <-ctx.Done():
		a.mu.Lock()
		defer a.mu.Unlock()
		if i := slices.Index(a.waiting, ready); i >= 0 {
			a.waiting = slices.Delete(a.waiting, i, i+1)
			return ctx.Err()
		}
		// The slot was given as ctx ended: pass it on.
		a.inUse--
		a.grant()
		return ctx.Err()
	}
}

func (a *adaptive) Release() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.inUse--
	if a.grace > 0 {
		a.grace--
	}
	a.grant()
}

// grant hands free slots to the waiting Acquire calls. Under mu.
func (a *adaptive) grant() {
	for a.inUse < a.limit && len(a.waiting) > 0 {
		a.inUse++
		close(a.waiting[0])
		a.waiting = a.waiting[1:]
	}
}

func (a *adaptive) Throttled() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.grace > 0 {
		return // sent before the last halving: already counted
	}
	a.limit = max(1, (a.inUse+1)/2)
	a.grace, a.run = a.inUse, 0
}

// growAfter sets the run of answers without a 429 that gives a slot back:
// growAfter times the slots let be used.
const growAfter = 10

func (a *adaptive) Succeeded() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.grace > 0 || a.limit == a.size {
		return
	}
	if a.run++; a.run >= growAfter*a.limit {
		a.limit++
		a.run = 0
		a.grant()
	}
}

// Limit returns the number of slots, n.
func (a *adaptive) Limit() int { return a.size }

// A RetryPolicy says how the Client retries a request that NetSuite refused
// or that failed on the way. The delay before retry n (from 0) is drawn at
// random from [0, min(Max, Initial×Multiplier^n)) ("full jitter"); a
// Retry-After header, which NetSuite does not document but a proxy may
// send, makes it at least that long. A zero field takes its default.
//
// Which requests are retried is not configurable; see the package
// documentation, "Concurrency and retries".
type RetryPolicy struct {
	// MaxRetries is how many times a request is sent again at most:
	// default 5; a negative value turns retries off.
	MaxRetries int
	// Initial is the ceiling of the first delay: default 500ms.
	Initial time.Duration
	// Max caps every delay: default 30s. A Retry-After longer than Max
	// ends the retries.
	Max time.Duration
	// Multiplier grows the ceiling after each retry: default 2.
	Multiplier float64

	// Sleep waits d or until ctx is done, and returns ctx's error in the
	// second case; nil means a timer. Tests replace it.
	Sleep func(ctx context.Context, d time.Duration) error
	// Rand returns a number in [0, 1) to draw the jitter; nil means
	// math/rand/v2. Tests replace it.
	Rand func() float64
}

// DefaultRetryPolicy returns the policy a Client uses unless WithRetry says
// otherwise.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{}.WithDefaults()
}

// WithDefaults returns p with each zero field set to its default, as the
// Client uses it; an Authenticator that retries requests of its own may
// take a policy of its own through it.
func (p RetryPolicy) WithDefaults() RetryPolicy {
	if p.MaxRetries == 0 {
		p.MaxRetries = 5
	}
	if p.MaxRetries < 0 {
		p.MaxRetries = 0
	}
	if p.Initial == 0 {
		p.Initial = 500 * time.Millisecond
	}
	if p.Max == 0 {
		p.Max = 30 * time.Second
	}
	if p.Multiplier == 0 {
		p.Multiplier = 2
	}
	if p.Sleep == nil {
		p.Sleep = backoff.Sleep
	}
	if p.Rand == nil {
		p.Rand = rand.Float64
	}
	return p
}

func (p RetryPolicy) validate() error {
	switch {
	case p.Initial < 0 || p.Max < 0:
		return fmt.Errorf("netsuite: WithRetry: negative delay (Initial %s, Max %s)", p.Initial, p.Max)
	case p.Multiplier != 0 && p.Multiplier < 1:
		return fmt.Errorf("netsuite: WithRetry: Multiplier %g is below 1; the delays must not shrink", p.Multiplier)
	case p.Initial != 0 && p.Max != 0 && p.Max < p.Initial:
		return fmt.Errorf("netsuite: WithRetry: Max %s is below Initial %s", p.Max, p.Initial)
	}
	return nil
}

// Backoff returns the delay before retry n (from 0), drawn with the
// policy's Rand; a policy from DefaultRetryPolicy, or handed to an
// Authenticator in AuthSetup, has every field set.
func (p RetryPolicy) Backoff(n int) time.Duration {
	ceil := float64(p.Initial) * math.Pow(p.Multiplier, float64(n))
	if ceil > float64(p.Max) || math.IsInf(ceil, 0) || math.IsNaN(ceil) {
		ceil = float64(p.Max)
	}
	return time.Duration(p.Rand() * ceil)
}

// ErrDeletedEarlier is in the chain of the 404 of a DELETE that was sent
// again after an attempt that may have been carried out (a 5xx, a
// connection broken after the request was sent): that attempt may have
// deleted the record. A 404 after a 429, which NetSuite answers before it
// does anything, does not have it.
var ErrDeletedEarlier = errors.New("an earlier attempt may have deleted it")

// ErrOutcomeUnknown is in the chain of the error of a write that failed
// after it was sent: by a 5xx status, a broken connection, or the caller's
// context ending (its deadline or cancellation; the error is then
// context.DeadlineExceeded or context.Canceled under errors.Is too).
// NetSuite may or may not have carried it out.
//
// For a request that is not idempotent (POST, PATCH, or an upsert that adds
// sublist lines) the Client does not send it again. A write with an
// idempotency key (WriteOptions.IdempotencyKey) was sent again as long as
// the retry policy allowed; called again with the same key, it returns the
// outcome of the first, and NetSuite does not carry it out twice. Test for
// it with errors.Is.
var ErrOutcomeUnknown = errors.New("netsuite: the outcome of the request is unknown")

type outcomeUnknownError struct {
	method, url string
	key         string // the idempotency key of an asynchronous request
	job         string // the job NetSuite made of it, when it said
	restlet     bool   // a RESTlet call: the request ran a script's entry point
	err         error
}

func (e *outcomeUnknownError) Error() string {
	what := "the request was sent and then failed"
	switch {
	case e.job != "":
		what = "NetSuite took it as job " + e.job + ", whose outcome could not be read"
	case errors.Is(e.err, context.Canceled) || errors.Is(e.err, context.DeadlineExceeded):
		what = "the request was sent and then the context ended before NetSuite answered"
	}
	if e.key != "" {
		return fmt.Sprintf("netsuite: %s %s: the outcome is unknown: %s (%s). It carries the idempotency key %q: send it again with the same key, and NetSuite answers with the job of the first instead of carrying it out twice",
			e.method, e.url, what, reason(e.err), e.key)
	}
	var hint string
	switch {
	case e.restlet:
		hint = "The script's " + strings.ToLower(e.method) + " entry point may have run. Check before you send it again; if the script is safe to run twice, set RestletRequest.Idempotent and the Client retries it"
	case e.method == http.MethodPost:
		hint = "NetSuite may have done the work (for a create: created the record). Look it up before you send it again, or create it with an upsert by external ID (PUT record/v1/{type}/eid:{externalId}) or with an idempotency key, which are safe to retry"
	case e.method == http.MethodPatch:
		hint = "NetSuite may have applied the update. Read the record before you send it again: a PATCH sent twice adds the lines of non-keyed sublists twice"
	case e.method == http.MethodPut:
		hint = "NetSuite may have applied the upsert. Read the record before you send it again: sent twice, it adds its sublist lines twice"
	default:
		hint = "NetSuite may have carried it out. Check before you send it again"
	}
	return fmt.Sprintf("netsuite: %s %s: the outcome is unknown: %s (%s); it was not retried because a %s is not idempotent. %s",
		e.method, e.url, what, reason(e.err), e.method, hint)
}

func (e *outcomeUnknownError) Unwrap() []error { return []error{ErrOutcomeUnknown, e.err} }

// reason describes err without the method and URL an *Error repeats.
func reason(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.reason()
	}
	return err.Error()
}

// idempotent reports whether sending a request with method twice has the effect
// of sending it once (RFC 9110 §9.2.2). PATCH is not: NetSuite adds the lines
// of non-keyed sublists again
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545297048.html).
func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete:
		return true
	}
	return false
}

// notIdempotentKey marks, in a request's context, a request that is not
// idempotent whatever its method: an upsert (PUT) whose sublist lines
// NetSuite would add again if it were sent twice.
type notIdempotentKey struct{}

// idempotentKey marks, in a request's context, a request that is a read
// whatever its method, and so is retried as a GET is: a SuiteQL query,
// which NetSuite takes as a POST but which changes nothing
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157909186990.html).
// It is the opposite of notIdempotentKey, which wins over it.
type idempotentKey struct{}

// retryMethod is the method the retry rules judge req by: PUT for an
// asynchronous request with an idempotency key, which NetSuite carries out
// once however often it is sent; else its own, POST for a request marked
// with notIdempotentKey, GET for one marked with idempotentKey.
func retryMethod(req *http.Request) string {
	if idempotencyKeyOf(req) != "" {
		return http.MethodPut
	}
	if req.Context().Value(notIdempotentKey{}) != nil {
		return http.MethodPost
	}
	if req.Context().Value(idempotentKey{}) != nil {
		return http.MethodGet
	}
	return req.Method
}

// Headers of asynchronous requests
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/chapter_161251386312.html).
const (
	headerPrefer         = "Prefer"
	headerIdempotencyKey = "X-NetSuite-Idempotency-Key"
	respondAsync         = "respond-async"
)

// idempotencyKeyOf returns the idempotency key of an asynchronous request:
// its X-NetSuite-Idempotency-Key when it also has Prefer: respond-async,
// else "". NetSuite documents the key for asynchronous requests only; a
// repeat of the key is refused with the earlier job's Location instead of
// being carried out
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_164494900632.html).
func idempotencyKeyOf(req *http.Request) string {
	key := req.Header.Get(headerIdempotencyKey)
	if key == "" {
		return ""
	}
	for _, v := range req.Header.Values(headerPrefer) {
		for pref := range strings.SplitSeq(v, ",") {
			pref, _, _ = strings.Cut(pref, ";")
			if strings.EqualFold(strings.TrimSpace(pref), respondAsync) {
				return key
			}
		}
	}
	return ""
}

// A verdict is what the Client does after a failed attempt.
type verdict int

const (
	stop    verdict = iota // return the error
	retry                  // send the request again
	unknown                // return the error as an outcome-unknown error
)

// classifyStatus decides after a response with a status other than 2xx,
// parsed into e.
func classifyStatus(method string, status int, e *Error) verdict {
	switch {
	case throttled(status, e):
		// NetSuite blocks a request over the concurrency limit before it
		// does any work ("Request blocked.",
		// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/bridgehead_1525252812.html),
		// so even a create can be sent again.
		return retry
	case status >= 500 && status != http.StatusNotImplemented && status != http.StatusHTTPVersionNotSupported:
		if idempotent(method) {
			return retry
		}
		return unknown
	}
	return stop
}

// classifyError decides after a transport error. send has made sure that
// the caller's context is not done, so a context.DeadlineExceeded here is
// http.Client's Timeout: a timeout like any other.
func classifyError(method string, err error) verdict {
	if errors.Is(err, context.Canceled) || PermanentNetworkError(err) {
		return stop
	}
	if notSent(err) {
		return retry // nothing reached the server
	}
	if !transient(err) {
		return stop
	}
	if idempotent(method) {
		return retry
	}
	return unknown
}

// notSent reports whether err says the connection was never made (refused,
// or a DNS lookup that may succeed later), so the request did not leave.
func notSent(err error) bool {
	var op *net.OpError
	if !errors.As(err, &op) || op.Op != "dial" {
		var dns *net.DNSError
		return errors.As(err, &dns) && (dns.IsTemporary || dns.IsTimeout)
	}
	if errors.Is(err, syscall.ECONNREFUSED) || op.Timeout() {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns) && (dns.IsTemporary || dns.IsTimeout)
}

// PermanentNetworkError reports whether err is a network failure that
// waiting will not cure, so that retrying would only delay the error (an
// Authenticator that makes requests of its own uses it too): a connection
// refused by a loopback address (nothing listens on that port of
// this machine; no load balancer or restarting server is in between), or a
// DNS name that does not exist (NXDOMAIN, Go's "no such host", which a
// resolver returns only with an authoritative answer). A refused connection
// to another host and a temporary DNS failure stay retried.
func PermanentNetworkError(err error) bool {
	var dns *net.DNSError
	if errors.As(err, &dns) && dns.IsNotFound && !dns.IsTemporary && !dns.IsTimeout {
		return true
	}
	var op *net.OpError
	if !errors.As(err, &op) || op.Op != "dial" || !errors.Is(err, syscall.ECONNREFUSED) {
		return false
	}
	return isLoopback(op.Addr)
}

// isLoopback reports whether a is an address of this machine's loopback
// interface (127.0.0.0/8, ::1).
func isLoopback(a net.Addr) bool {
	switch a := a.(type) {
	case *net.TCPAddr:
		return a.IP.IsLoopback()
	case nil:
		return false
	}
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		host = a.String()
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// permanentReason says why err is not worth retrying, for the message, or
// "" when it is not a PermanentNetworkError.
func permanentReason(err error) string {
	if !PermanentNetworkError(err) {
		return ""
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return fmt.Sprintf("the host name %q does not exist (DNS answered NXDOMAIN); check the account ID or the base URL", dns.Name)
	}
	return "nothing is listening at that address on this machine; waiting will not change that, so start the server or fix the base URL"
}

// A RetryEvent describes a retry the Client is about to make, for
// WithRetryNotify: the attempt that failed and how long the Client waits
// before it sends the request again.
type RetryEvent struct {
	Method string // the request's method
	URL    string // the request's URL, without user information
	// Retry is the number of the coming retry, from 1; MaxRetries is the
	// policy's limit.
	Retry, MaxRetries int
	// Status is the HTTP status of the failed attempt, 0 for a network
	// error; Code is NetSuite's o:errorCode, such as
	// CONCURRENCY_LIMIT_EXCEEDED, when it sent one.
	Status int
	Code   string
	// Delay is how long the Client waits before the retry.
	Delay time.Duration
	// Err is the error of the failed attempt.
	Err error
}

// transient reports whether err is a network failure that may not happen
// again: a reset or closed connection, or a timeout.
func transient(err error) bool {
	return errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNABORTED) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || isTimeout(err)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// releaseBody gives the limiter slot back when the body is closed.
type releaseBody struct {
	io.ReadCloser
	once    sync.Once
	release func()
}

func (b *releaseBody) Close() error {
	err := b.ReadCloser.Close()
	b.once.Do(b.release)
	return err
}

// send sends req until it succeeds or the policy stops it. With buffer, it
// reads a 2xx body within the attempt (so that an idempotent request whose
// body breaks off is retried) and returns it, closed; otherwise it returns
// the response with its body open, holding the limiter slot until it is
// closed. An error status is a *Error whose Response has the body (up to
// maxErrorBody) readable again.
//
// When it stops without an answer after an attempt that may have been
// carried out (a 5xx, a connection broken after the request was sent, the
// caller's context ended after it was sent), the error is an
// outcome-unknown error for a write that must not be done twice (a POST, a
// PATCH, an upsert that adds lines) and for an asynchronous request with
// an idempotency key, which may be sent again with its key to learn the
// outcome.
func (c *Client) send(req *http.Request, buffer bool) (*Response, []byte, error) {
	ctx := req.Context()
	p := c.retry
	method, key := retryMethod(req), idempotencyKeyOf(req)
	resendable := req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
	var lastErr error
	var lastResp *Response
	maybeDone := false // an attempt failed after it may have been carried out
	failed := func(err error) (*Response, []byte, error) {
		if maybeDone && (key != "" || !idempotent(method)) {
			err = &outcomeUnknownError{method: req.Method, url: sanitizeURL(req.URL), key: key, restlet: ctx.Value(restletKey{}) != nil, err: err}
		}
		return lastResp, nil, err
	}
	for n := 0; ; n++ {
		attempt := req
		if n > 0 {
			attempt = req.Clone(ctx)
			if req.GetBody != nil {
				body, err := req.GetBody()
				if err != nil {
					return failed(fmt.Errorf("netsuite: %s %s: rewinding the body to retry: %w (last error: %w)", req.Method, sanitizeURL(req.URL), err, lastErr))
				}
				attempt.Body = body
			}
		}
		if err := c.limiter.Acquire(ctx); err != nil {
			if attempt.Body != nil {
				attempt.Body.Close()
			}
			if lastErr != nil {
				return failed(fmt.Errorf("netsuite: %s %s: waiting for a concurrency slot: %w (last error: %w)", req.Method, sanitizeURL(req.URL), err, lastErr))
			}
			return nil, nil, fmt.Errorf("netsuite: %s %s: waiting for a concurrency slot: %w", req.Method, sanitizeURL(req.URL), err)
		}
		resp, body, sent, replayed, err := c.attempt(attempt, buffer)
		if err == nil {
			return newResponse(resp, n), body, nil
		}

		var v verdict
		var status int
		var wait time.Duration
		var waitSet bool
		var apiErr *Error
		if resp != nil {
			lastResp = newResponse(resp, n)
			status = resp.StatusCode
		} else {
			lastResp = nil
		}
		switch {
		case errors.Is(err, ErrAuthentication):
			// The authenticator could not authenticate the request and
			// has retried what was worth it: its error says why, with
			// the method and URL already; net/http's wrapping would
			// say them twice.
			if ue := (*url.Error)(nil); errors.As(err, &ue) {
				err = ue.Err
			}
			v = stop
		case resp != nil && errors.As(err, &apiErr) && status == http.StatusUnauthorized && replayed && idempotent(method):
			// The transport replayed the request after a broken
			// connection, with the authentication of the first copy,
			// and NetSuite refused it as used (TBA's nonce): the first
			// copy's answer was lost. A new attempt authenticates anew.
			v = retry
		case resp != nil && errors.As(err, &apiErr):
			v = classifyStatus(method, status, apiErr)
			wait, waitSet = backoff.RetryAfter(resp.Header, time.Now())
			maybeDone = maybeDone || classifyStatus(http.MethodPost, status, apiErr) == unknown
		case ctx.Err() != nil:
			// The caller gave up: its error says so; the transport's
			// wraps it. Without an answer, a request that was sent may
			// have been carried out.
			maybeDone = maybeDone || resp == nil && sent
			if lastErr != nil {
				err = fmt.Errorf("%w (last error before it: %w)", err, lastErr)
			}
			return failed(err)
		default:
			v = classifyError(method, err)
			if resp != nil && v == unknown {
				v = stop // a 2xx arrived and its body broke off: it was carried out
			}
			maybeDone = maybeDone || resp == nil && sent && classifyError(http.MethodPost, err) == unknown
		}
		lastErr = err

		if v == unknown {
			return failed(err)
		}
		if v == stop {
			if why := permanentReason(err); why != "" {
				err = fmt.Errorf("%w (not retried: %s)", err, why)
			}
			return failed(c.annotate(req, n, maybeDone, err))
		}
		if !resendable {
			return failed(fmt.Errorf("%w (not retried: the request body cannot be sent again; build the request with NewRequest, which sets GetBody)", err))
		}
		if n >= p.MaxRetries {
			if n == 0 {
				return failed(err)
			}
			return failed(fmt.Errorf("netsuite: gave up after %d retries: %w", n, err))
		}

		delay := p.Backoff(n)
		if waitSet {
			if wait > p.Max {
				return failed(fmt.Errorf("netsuite: stopped retrying after %d retries: the server asked to wait %s, longer than the retry policy's Max of %s: %w", n, wait, p.Max, err))
			}
			delay = max(delay, wait)
		}
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < delay {
			return failed(fmt.Errorf("netsuite: stopped retrying after %d retries: the next one, in %s, would come after the context deadline (%s away): %w",
				n, delay.Round(time.Millisecond), time.Until(deadline).Round(time.Millisecond), err))
		}
		c.logger.DebugContext(ctx, "netsuite: retrying",
			"method", req.Method, "url", sanitizeURL(req.URL),
			"attempt", n+1, "status", status, "error", reason(err), "delay", delay)
		if c.retryNotify != nil {
			ev := RetryEvent{Method: req.Method, URL: sanitizeURL(req.URL), Retry: n + 1, MaxRetries: p.MaxRetries, Status: status, Delay: delay, Err: err}
			if apiErr != nil {
				ev.Code = apiErr.Code
				if len(apiErr.Details) > 0 && apiErr.Details[0].Code != "" {
					ev.Code = apiErr.Details[0].Code
				}
			}
			c.retryNotify(ev)
		}
		if err := p.Sleep(ctx, delay); err != nil {
			return failed(fmt.Errorf("netsuite: %s %s: waiting to retry: %w (last error: %w)", req.Method, sanitizeURL(req.URL), err, lastErr))
		}
	}
}

// annotate adds to the error of a final attempt what the retries imply:
// maybeDone says that an earlier attempt may have been carried out.
func (c *Client) annotate(req *http.Request, retries int, maybeDone bool, err error) error {
	if maybeDone && req.Method == http.MethodDelete && IsNotFound(err) {
		return fmt.Errorf("%w (after %d retries: %w)", err, retries, ErrDeletedEarlier)
	}
	if retries > 0 {
		return fmt.Errorf("netsuite: after %d retries: %w", retries, err)
	}
	return err
}

// attempt sends one attempt, holding the limiter slot taken by send. It
// returns a nil error only for a 2xx status. The slot is given back before
// it returns, except for a 2xx response returned with its body open; an
// AdaptiveLimiter is told of the answer first.
//
// sent reports whether the request may have reached NetSuite: the
// transport wrote it whole (httptrace's WroteRequest), or it reports
// nothing through httptrace, which leaves the question open.
//
// replayed reports that the transport sent it more than once: net/http
// sends a GET again by itself when a kept-alive connection breaks before
// the answer, with the same headers, so with the authentication of the
// first; NetSuite refuses a TBA signature's nonce as used (NonceUsed) when
// the first reached it.
func (c *Client) attempt(req *http.Request, buffer bool) (resp *http.Response, body []byte, sent, replayed bool, err error) {
	var traced, wrote atomic.Bool
	var conns atomic.Int32
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
		GetConn: func(string) { traced.Store(true) },
		GotConn: func(httptrace.GotConnInfo) { conns.Add(1) },
		WroteRequest: func(info httptrace.WroteRequestInfo) {
			traced.Store(true)
			if info.Err == nil {
				wrote.Store(true)
			}
		},
	}))
	start := time.Now()
	resp, err = c.client.Do(req)
	sent, replayed = wrote.Load() || !traced.Load(), conns.Load() > 1
	status := 0
	if resp != nil {
		status = resp.StatusCode
	}
	c.logger.DebugContext(req.Context(), "netsuite: request",
		"method", req.Method, "url", sanitizeURL(req.URL), "status", status, "duration", time.Since(start).Round(time.Microsecond))
	if err != nil {
		c.limiter.Release()
		return nil, nil, sent, replayed, fmt.Errorf("netsuite: %w", err) // a *url.Error: method and URL, without a password
	}
	apiErr, data := checkResponse(resp)
	if a, ok := c.limiter.(AdaptiveLimiter); ok {
		if throttled(status, apiErr) {
			a.Throttled()
		} else {
			a.Succeeded()
		}
	}
	if apiErr != nil {
		// Let the connection be reused, give the slot back, and leave
		// what was read for the caller.
		io.Copy(io.Discard, io.LimitReader(resp.Body, maxDrain))
		resp.Body.Close()
		c.limiter.Release()
		resp.Body = io.NopCloser(bytes.NewReader(data))
		return resp, nil, true, replayed, apiErr
	}
	if !buffer {
		resp.Body = &releaseBody{ReadCloser: resp.Body, release: c.limiter.Release}
		return resp, nil, true, replayed, nil
	}
	body, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	c.limiter.Release()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return resp, nil, true, replayed, fmt.Errorf("netsuite: %s %s: reading the response: %w", req.Method, sanitizeURL(req.URL), err)
	}
	return resp, body, true, replayed, nil
}

// maxDrain is how much of an unread body is read to reuse the connection.
const maxDrain = 64 << 10
