package connector

import (
	"bytes"
	"cmp"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nsconnect/nsconnect/internal/backoff"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// The webhook sink follows Standard Webhooks 1.0.0
// (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md):
// its headers, its signature scheme and its secret format; see the package
// doc, "Webhooks".

// The defaults of WebhookOptions.
const (
	DefaultWebhookAttempts   = 10
	DefaultWebhookBackoff    = time.Second
	DefaultWebhookMaxBackoff = 5 * time.Minute
	DefaultWebhookTimeout    = 30 * time.Second
)

// MaxRetryAfter bounds the wait a receiver's Retry-After asks for: a longer
// one waits this long.
const MaxRetryAfter = time.Hour

// The headers of a webhook request (Standard Webhooks).
const (
	WebhookIDHeader        = "webhook-id"
	WebhookTimestampHeader = "webhook-timestamp"
	WebhookSignatureHeader = "webhook-signature"
)

// webhookSecretPrefix starts a Standard Webhooks symmetric secret.
const webhookSecretPrefix = "whsec_"

// The sizes a Standard Webhooks symmetric key may have, in bytes.
const (
	minWebhookKey = 24
	maxWebhookKey = 64
)

// maxErrorBody is how much of a refusal's body an error and a dead letter
// quote.
const maxErrorBody = 512

// WebhookOptions configure NewWebhookSink. A zero field takes its default.
type WebhookOptions struct {
	// URL receives the events: https://, or http:// to a loopback
	// address (localhost, 127.0.0.0/8, ::1), for local receivers and
	// tests. CheckWebhookURL says what is accepted.
	URL string
	// Secret signs every request: one Standard Webhooks secret, "whsec_"
	// and the base64 of 24 to 64 random bytes, or several separated by
	// white space, each of which signs (to rotate a secret without
	// downtime). Required.
	Secret tba.Secret
	// DeadLetter is the path of the dead-letter file, where an event goes
	// as one NDJSON line when the receiver refuses it (a 4xx other than
	// 429, or a 3xx) or Attempts attempts failed. Required.
	DeadLetter string
	// Attempts is how many times an event is sent before it is
	// dead-lettered: default DefaultWebhookAttempts.
	Attempts int
	// Backoff is the ceiling of the wait after the first failed attempt,
	// doubled after each further one up to MaxBackoff; each wait is drawn
	// from [ceiling/2, ceiling). A Retry-After makes it at least that long
	// (up to MaxRetryAfter). Defaults DefaultWebhookBackoff and
	// DefaultWebhookMaxBackoff.
	Backoff, MaxBackoff time.Duration
	// Timeout bounds each request: default DefaultWebhookTimeout (Standard
	// Webhooks recommends 15 to 30 s). A request without an answer by
	// then has failed, and is retried.
	Timeout time.Duration
	// Client sends the requests; nil means a client on
	// http.DefaultTransport. The sink does not follow redirects, whatever
	// the client's CheckRedirect.
	Client *http.Client
	// Notify, if set, is told of every failed attempt, and of every event
	// dead-lettered; it runs on the goroutine that called Deliver.
	Notify func(WebhookNotice)

	// Now, Sleep and Rand are the sink's clock, its wait (which returns
	// ctx's error when ctx is done first) and its random numbers in
	// [0, 1); nil means time.Now, a timer and math/rand/v2. Tests replace
	// them.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	Rand  func() float64
}

// A WebhookNotice tells of an attempt to deliver an event that failed:
// retried after Wait, or, with Dead, the event's last.
type WebhookNotice struct {
	Event *Event
	// Key is the event's idempotency key, the webhook-id header.
	Key     string
	Attempt int // 1 for the first
	// Status is the receiver's status; 0 when none came (the connection
	// failed or the request timed out).
	Status int
	Err    error
	Wait   time.Duration // before the next attempt
	// Dead says that there is no next attempt: the event went to the
	// dead-letter file.
	Dead bool
}

var _ Sink = (*WebhookSink)(nil)

// WebhookSink POSTs each event to a URL, signed; see NewWebhookSink. Close
// it when done.
type WebhookSink struct {
	opts   WebhookOptions // defaults applied
	url    string
	shown  string // the URL as messages show it: without password or query
	keys   [][]byte
	client *http.Client
	dl     *FileSink
	// stopped is done once Stop is called.
	stopped context.Context
	stop    context.CancelFunc
}

// NewWebhookSink returns a sink that POSTs each event, one a request, to
// opts.URL: at least once across failures and crashes, with an
// idempotency key as the receiver's handle to drop a repeat.
//
// The body is the event's JSON, as the other sinks write it (a line of
// NewFileSink's file, without the newline). The headers are those of
// Standard Webhooks: webhook-id, the event's idempotency key, derived from
// the trigger's name, the event's kind, record type and id, and its
// instant, so that it is the same on every delivery of the event, in this
// process or after a restart; webhook-timestamp, the attempt's Unix time
// in seconds; and webhook-signature, "v1," and the base64 of the
// HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}" under each of
// the secret's keys, separated by spaces.
//
// Deliver sends the events in order, each until the receiver answers 2xx.
// A 5xx, a 429, a failed connection and a request without an answer within
// Timeout are tried again after a growing wait (at least the Retry-After
// the receiver asks for), Attempts times in all; then, or at once for any
// other status, the event goes to the dead-letter file and Deliver goes on
// with the next. Deliver returns when every event is delivered or
// dead-lettered, with the dead-letter file's length as the sink's
// position: the watcher commits it with the cursor, and Recover truncates
// the file to it, so that the file holds each dead letter once.
func NewWebhookSink(opts WebhookOptions) (*WebhookSink, error) {
	u, err := CheckWebhookURL(opts.URL)
	if err != nil {
		return nil, err
	}
	keys, err := ParseWebhookSecret(opts.Secret.Reveal())
	if err != nil {
		return nil, err
	}
	switch {
	case opts.DeadLetter == "":
		return nil, errors.New("connector: WebhookOptions.DeadLetter is empty: give the path of the file that keeps the events the receiver refused or that failed every attempt")
	case opts.Attempts < 0:
		return nil, fmt.Errorf("connector: WebhookOptions.Attempts %d: want 1 or more, or 0 for %d", opts.Attempts, DefaultWebhookAttempts)
	case opts.Backoff < 0 || opts.MaxBackoff < 0 || opts.Timeout < 0:
		return nil, fmt.Errorf("connector: WebhookOptions: Backoff %s, MaxBackoff %s and Timeout %s must not be negative", opts.Backoff, opts.MaxBackoff, opts.Timeout)
	}
	opts.Attempts = cmp.Or(opts.Attempts, DefaultWebhookAttempts)
	opts.Backoff = cmp.Or(opts.Backoff, DefaultWebhookBackoff)
	opts.MaxBackoff = cmp.Or(opts.MaxBackoff, max(DefaultWebhookMaxBackoff, opts.Backoff))
	opts.Timeout = cmp.Or(opts.Timeout, DefaultWebhookTimeout)
	if opts.MaxBackoff < opts.Backoff {
		return nil, fmt.Errorf("connector: WebhookOptions.MaxBackoff %s is below Backoff %s", opts.MaxBackoff, opts.Backoff)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Sleep == nil {
		opts.Sleep = backoff.Sleep
	}
	if opts.Rand == nil {
		opts.Rand = rand.Float64
	}
	client := &http.Client{}
	if opts.Client != nil {
		c := *opts.Client
		client = &c
	}
	// A redirect is the receiver's mistake to fix (Standard Webhooks:
	// "3xx: Failure"), and a POST redirected with 301, 302 or 303 would
	// arrive as a GET without its body.
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	dl, err := openAppendFile(opts.DeadLetter, "dead-letter file")
	if err != nil {
		return nil, err
	}
	s := &WebhookSink{opts: opts, url: u.String(), shown: showURL(u), keys: keys, client: client, dl: dl}
	s.stopped, s.stop = context.WithCancel(context.Background())
	return s, nil
}

// CheckWebhookURL checks a webhook's URL: https:// with a host, or http://
// to a loopback address (localhost, 127.0.0.0/8, ::1), which keeps events
// in clear text on the machine. Its errors do not quote the URL, which
// can hold a credential.
func CheckWebhookURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // without the URL
		}
		return nil, fmt.Errorf("connector: the webhook URL is not a URL: %w", err)
	}
	host := u.Hostname()
	switch {
	case u.Scheme != "https" && u.Scheme != "http":
		return nil, fmt.Errorf("connector: the webhook URL has the scheme %q: want https:// (or http:// to a loopback address)", u.Scheme)
	case host == "":
		return nil, fmt.Errorf("connector: the webhook URL has no host: want %s://host/path", u.Scheme)
	case u.Scheme == "http" && !isLoopback(host):
		return nil, fmt.Errorf("connector: the webhook URL is http:// to %s, which is not a loopback address: use https://, or http:// only to localhost, 127.0.0.1 or [::1]", host)
	}
	return u, nil
}

// isLoopback reports whether host (a URL's hostname) is localhost or a
// loopback IP address.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// showURL is u as messages and dead letters show it: without the password
// and the query, which can hold credentials.
func showURL(u *url.URL) string {
	v := *u
	if v.RawQuery != "" || v.ForceQuery {
		v.RawQuery, v.ForceQuery = "xxxxx", false
	}
	v.Fragment, v.RawFragment = "", ""
	return v.Redacted()
}

// ParseWebhookSecret reads webhook signing secrets and returns their
// HMAC-SHA256 keys. s holds one Standard Webhooks secret, "whsec_" and the
// standard base64 of 24 to 64 bytes (padded, and canonical: the bits past
// the last byte are zero), or several separated by white space.
// Its errors never quote the secret.
func ParseWebhookSecret(s string) ([][]byte, error) {
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return nil, errors.New("connector: the webhook secret is empty: " + webhookSecretHint)
	}
	keys := make([][]byte, 0, len(fields))
	for i, f := range fields {
		which := "the webhook secret"
		if len(fields) > 1 {
			which = fmt.Sprintf("webhook secret %d of %d", i+1, len(fields))
		}
		b64, ok := strings.CutPrefix(f, webhookSecretPrefix)
		if !ok {
			return nil, fmt.Errorf("connector: %s does not start with %s: %s", which, webhookSecretPrefix, webhookSecretHint)
		}
		key, err := base64.StdEncoding.Strict().DecodeString(b64)
		if err != nil {
			var ce base64.CorruptInputError
			if errors.As(err, &ce) {
				return nil, fmt.Errorf("connector: %s is not base64 after %s (character %d of %d): %s", which, webhookSecretPrefix, len(webhookSecretPrefix)+int(ce)+1, utf8.RuneCountInString(f), webhookSecretHint)
			}
			return nil, fmt.Errorf("connector: %s is not base64 after %s: %s", which, webhookSecretPrefix, webhookSecretHint)
		}
		if len(key) < minWebhookKey || len(key) > maxWebhookKey {
			return nil, fmt.Errorf("connector: %s holds %d bytes; Standard Webhooks wants %d to %d: %s", which, len(key), minWebhookKey, maxWebhookKey, webhookSecretHint)
		}
		keys = append(keys, key)
	}
	return keys, nil
}

// webhookSecretHint says what a secret looks like and how to make one.
const webhookSecretHint = `a secret is whsec_ and the base64 of 24 to 64 random bytes; make one with: printf 'whsec_%s\n' "$(head -c 32 /dev/urandom | base64)"`

// webhookID returns the idempotency key of e: a hash of the trigger's name,
// the event's kind, record type and id, and its instant, each with its
// length, so that no two events share one.
func webhookID(e *Event) string {
	var b []byte
	for _, part := range []string{e.Trigger, e.On, e.RecordType, e.ID, e.At.UTC().Format(time.RFC3339Nano)} {
		b = binary.AppendUvarint(b, uint64(len(part)))
		b = append(b, part...)
	}
	sum := sha256.Sum256(b)
	return "evt_" + hex.EncodeToString(sum[:16])
}

// sign returns the webhook-signature header of a request.
func (s *WebhookSink) sign(id, timestamp string, body []byte) string {
	sigs := make([]string, len(s.keys))
	for i, k := range s.keys {
		mac := hmac.New(sha256.New, k)
		mac.Write([]byte(id + "." + timestamp + "."))
		mac.Write(body)
		sigs[i] = "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
	}
	return strings.Join(sigs, " ")
}

// URL returns the receiver's URL as messages show it: without its password
// and its query, which can hold credentials.
func (s *WebhookSink) URL() string { return s.shown }

// Position returns the dead-letter file's length.
func (s *WebhookSink) Position() int64 { return s.dl.Position() }

// Recover truncates the dead-letter file to position, the length committed
// with the trigger's cursor: the events dead-lettered after it were not
// committed, and are sent again.
func (s *WebhookSink) Recover(ctx context.Context, position int64) error {
	return s.dl.Recover(ctx, position)
}

// Stop makes the sink give up waiting: a Deliver waiting to send an event
// again returns at once, and so does one whose attempt fails later,
// without dead-lettering the event; the watcher commits nothing of the
// batch, and the next run sends it again. A request in flight, and the
// first attempt at each later event, still go (a receiver that answers
// lets the batch finish, and be committed). Stop is for Ctrl-C; cancel
// Deliver's context to stop at once.
func (s *WebhookSink) Stop() { s.stop() }

// Close closes the dead-letter file.
func (s *WebhookSink) Close() error { return s.dl.Close() }

// Deliver sends the events in order, each until it is delivered or
// dead-lettered, and returns the dead-letter file's length. It fails, with
// nothing dead-lettered, when ctx ends, when the sink is stopped during
// retries (the error is then context.Canceled under errors.Is) and when the
// dead-letter file cannot be written.
func (s *WebhookSink) Deliver(ctx context.Context, events []Event) (int64, error) {
	// The waits end when the sink is stopped; requests only with ctx.
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer context.AfterFunc(s.stopped, cancel)()
	var dead []byte
	for i := range events {
		line, err := s.send(ctx, wctx, &events[i])
		if err != nil {
			return 0, err
		}
		dead = append(dead, line...)
	}
	if len(dead) == 0 {
		return s.dl.Position(), nil
	}
	return s.dl.append(dead)
}

// send sends e until it is delivered (nil), refused or out of attempts
// (its dead letter), or the waits end (wctx, or the sink stopped: an
// error).
func (s *WebhookSink) send(ctx, wctx context.Context, e *Event) ([]byte, error) {
	body, err := e.MarshalJSON()
	if err != nil {
		return nil, err
	}
	key := webhookID(e)
	for n := 1; ; n++ {
		status, wait, err := s.attempt(ctx, key, body)
		switch {
		case err == nil:
			return nil, nil
		case ctx.Err() != nil:
			return nil, fmt.Errorf("connector: webhook %s: event %s: %w", s.shown, key, ctx.Err())
		}
		retry := status == 0 || status == http.StatusTooManyRequests || status >= 500
		if s.stopped.Err() != nil && retry {
			return nil, s.stoppedError(key, n, err)
		}
		note := WebhookNotice{Event: e, Key: key, Attempt: n, Status: status, Err: err}
		if !retry || n >= s.opts.Attempts {
			note.Dead = true
			s.notify(note)
			return s.deadLetterLine(e, key, n, status, err, body)
		}
		note.Wait = max(s.backoff(n), min(wait, MaxRetryAfter))
		s.notify(note)
		if s.opts.Sleep(wctx, note.Wait) != nil || s.stopped.Err() != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("connector: webhook %s: event %s: %w", s.shown, key, ctx.Err())
			}
			return nil, s.stoppedError(key, n, err)
		}
	}
}

// stoppedError is Deliver's error when the sink was stopped after attempt
// n of the event key failed with err.
func (s *WebhookSink) stoppedError(key string, n int, err error) error {
	return fmt.Errorf("connector: webhook %s: stopped after attempt %d at event %s failed (%v): %w", s.shown, n, key, err, context.Canceled)
}

func (s *WebhookSink) notify(n WebhookNotice) {
	if s.opts.Notify != nil {
		s.opts.Notify(n)
	}
}

// backoff returns the wait after failed attempt n (from 1), without
// Retry-After: drawn from [c/2, c), where c is Backoff doubled n-1 times,
// up to MaxBackoff.
func (s *WebhookSink) backoff(n int) time.Duration {
	c := s.opts.MaxBackoff
	if s.opts.Backoff <= s.opts.MaxBackoff>>uint(n-1) {
		c = s.opts.Backoff << uint(n-1)
	}
	return c/2 + time.Duration(s.opts.Rand()*float64(c-c/2))
}

// attempt POSTs the event once. It returns nil for a 2xx; else the
// receiver's status (0 without one), its Retry-After (0 without one) and
// what went wrong.
func (s *WebhookSink) attempt(ctx context.Context, key string, body []byte) (status int, wait time.Duration, err error) {
	actx, cancel := context.WithTimeout(ctx, s.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodPost, s.url, bytes.NewReader(body))
	if err != nil {
		return 0, 0, fmt.Errorf("connector: webhook %s: %w", s.shown, err)
	}
	ts := strconv.FormatInt(s.opts.Now().Unix(), 10)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(WebhookIDHeader, key)
	req.Header.Set(WebhookTimestampHeader, ts)
	req.Header.Set(WebhookSignatureHeader, s.sign(key, ts, body))
	resp, err := s.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // without the URL, which can hold a credential
		}
		if actx.Err() == context.DeadlineExceeded && ctx.Err() == nil {
			err = fmt.Errorf("no answer within %s", s.opts.Timeout)
		}
		return 0, 0, fmt.Errorf("POST %s: %w", s.shown, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // to reuse the connection
		return resp.StatusCode, 0, nil
	}
	text, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	msg := resp.Status
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		msg += " (redirects are not followed; give the URL it points to"
		if loc := resp.Header.Get("Location"); loc != "" {
			msg += ", " + strconv.Quote(loc)
		}
		msg += ")"
	}
	if t := strings.TrimSpace(strings.ToValidUTF8(string(text), "\uFFFD")); t != "" {
		msg += ": " + t
	}
	wait, _ = backoff.RetryAfter(resp.Header, s.opts.Now())
	return resp.StatusCode, wait, errors.New(msg)
}

// A DeadLetter is a line of the dead-letter file: an event that the
// receiver refused or that failed every attempt.
type DeadLetter struct {
	// Key is the event's idempotency key, as webhook-id carried it; send
	// the event again with it.
	Key     string `json:"key"`
	Trigger string `json:"trigger,omitempty"`
	// URL is the receiver's, without its password and query.
	URL string `json:"url"`
	// Attempts is how many times the event was sent; Status the last
	// answer's status (none when no answer came), Error what went wrong.
	Attempts int       `json:"attempts"`
	Status   int       `json:"status,omitempty"`
	Error    string    `json:"error"`
	FailedAt time.Time `json:"failedAt"`
	// Event is the body as it was sent.
	Event json.RawMessage `json:"event"`
}

// deadLetterLine returns e's line of the dead-letter file.
func (s *WebhookSink) deadLetterLine(e *Event, key string, attempts, status int, err error, body []byte) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	d := DeadLetter{Key: key, Trigger: e.Trigger, URL: s.shown, Attempts: attempts, Status: status,
		Error: err.Error(), FailedAt: s.opts.Now().UTC(), Event: body}
	if err := enc.Encode(d); err != nil {
		return nil, fmt.Errorf("connector: webhook %s: the dead letter of event %s: %w", s.shown, key, err)
	}
	return buf.Bytes(), nil
}
