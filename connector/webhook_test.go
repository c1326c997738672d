package connector_test

import (
	"bufio"
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/connector"
	"github.com/nsconnect/nsconnect/internal/webhooktest"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// testSecret is the secret the tests sign with.
var testSecret = "whsec_" + base64.StdEncoding.EncodeToString([]byte("a webhook secret of 32 bytes....."))

// fakeClock is a webhook sink's clock: Sleep records the wait and moves
// the time on at once, unless ctx is done.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Unix(1793548925, 0)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	return nil
}

func (c *fakeClock) waits() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

// newHook returns a webhook sink to url on clock, with a dead-letter file
// of its own, the waits drawn in the middle of their range (Rand 0.5: 3/4
// of the ceiling), and opts' other settings.
func newHook(t *testing.T, url string, clock *fakeClock, opts connector.WebhookOptions) (*connector.WebhookSink, string) {
	t.Helper()
	opts.URL, opts.Secret = url, cmpSecret(opts.Secret)
	if opts.DeadLetter == "" {
		opts.DeadLetter = filepath.Join(t.TempDir(), "dead.ndjson")
	}
	opts.Now, opts.Sleep, opts.Rand = clock.Now, clock.Sleep, func() float64 { return 0.5 }
	hook, err := connector.NewWebhookSink(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { hook.Close() })
	return hook, opts.DeadLetter
}

func cmpSecret(s tba.Secret) tba.Secret {
	if s == "" {
		return tba.Secret(testSecret)
	}
	return s
}

func readDeadLetters(t *testing.T, path string) []connector.DeadLetter {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []connector.DeadLetter
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var d connector.DeadLetter
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("a dead letter is not JSON: %v\n%s", err, sc.Text())
		}
		out = append(out, d)
	}
	return out
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

var event107 = connector.Event{Trigger: "acct/customer/updated", On: "updated", RecordType: "customer", ID: "107",
	At: time.Date(2026, 11, 1, 16, 2, 5, 0, time.UTC), Record: map[string]any{"companyName": "Meadowbrook & <Sons>"}}

// scripted answers the requests in order, the last answer repeating.
func scripted(answers ...webhooktest.Answer) func(int, webhooktest.Request) webhooktest.Answer {
	return func(n int, _ webhooktest.Request) webhooktest.Answer { return answers[min(n, len(answers)-1)] }
}

// An event is sent until it is delivered, retried after growing waits on
// 5xx, 429 and network failures (at least a Retry-After), and dead-lettered
// at once on other answers or after the last attempt; every attempt
// carries the same key and the time it was made, signed.
func TestWebhookRetries(t *testing.T) {
	t.Parallel()
	type A = webhooktest.Answer
	ok := A{Status: 200}
	s := func(status int) A { return A{Status: status} }
	ra := func(status int, after string) A { return A{Status: status, RetryAfter: after} }
	ms, sec := time.Millisecond, time.Second
	date := newFakeClock().now.Add(90 * sec).UTC().Format(http.TimeFormat)
	tests := []struct {
		name    string
		answers []A
		opts    connector.WebhookOptions
		// waits are the waits between the attempts: 3/4 of 1s, 2s, 4s...
		// (Rand 0.5 draws the middle of [c/2, c)).
		waits    []time.Duration
		dead     bool
		deadCode int // the status in the dead letter; 0 for none
	}{
		{name: "delivered at once", answers: []A{ok}},
		{name: "204", answers: []A{{}}},
		{name: "5xx, then delivered", answers: []A{s(500), s(502), ok}, waits: []time.Duration{750 * ms, 1500 * ms}},
		{name: "429 with Retry-After in seconds", answers: []A{ra(429, "7"), ok}, waits: []time.Duration{7 * sec}},
		{name: "503 with Retry-After as a date", answers: []A{ra(503, date), ok}, waits: []time.Duration{90 * sec}},
		{name: "a Retry-After shorter than the backoff", answers: []A{ra(503, "0"), ok}, waits: []time.Duration{750 * ms}},
		{name: "a Retry-After over an hour waits an hour", answers: []A{ra(429, "7200"), ok}, waits: []time.Duration{time.Hour}},
		{name: "a Retry-After that is not one", answers: []A{ra(503, "soon"), ok}, waits: []time.Duration{750 * ms}},
		{name: "the connection dropped", answers: []A{{Drop: true}, ok}, waits: []time.Duration{750 * ms}},
		{name: "no answer within the timeout", answers: []A{{Hang: true}, ok}, opts: connector.WebhookOptions{Timeout: 50 * ms},
			waits: []time.Duration{750 * ms}},
		{name: "400 is dead-lettered at once", answers: []A{s(400)}, dead: true, deadCode: 400},
		{name: "404", answers: []A{s(404)}, dead: true, deadCode: 404},
		{name: "410", answers: []A{s(410)}, dead: true, deadCode: 410},
		{name: "a redirect is not followed", answers: []A{s(301)}, dead: true, deadCode: 301},
		{name: "a 5xx until the last attempt", answers: []A{s(500)}, opts: connector.WebhookOptions{Attempts: 4},
			waits: []time.Duration{750 * ms, 1500 * ms, 3 * sec}, dead: true, deadCode: 500},
		{name: "a 4xx after a 5xx", answers: []A{s(503), s(422)}, waits: []time.Duration{750 * ms}, dead: true, deadCode: 422},
		{name: "dropped until the last attempt", answers: []A{{Drop: true}}, opts: connector.WebhookOptions{Attempts: 2},
			waits: []time.Duration{750 * ms}, dead: true},
		{name: "the waits stop growing at MaxBackoff", answers: []A{s(500)},
			opts:  connector.WebhookOptions{Attempts: 6, Backoff: 100 * ms, MaxBackoff: 400 * ms},
			waits: []time.Duration{75 * ms, 150 * ms, 300 * ms, 300 * ms, 300 * ms}, dead: true, deadCode: 500},
	}
	var key string // the event's, the same for every sink
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			start := clock.Now()
			rcv := webhooktest.NewReceiver(t, testSecret, clock.Now, scripted(tt.answers...))
			hook, dlPath := newHook(t, rcv.URL, clock, tt.opts)
			pos, err := hook.Deliver(t.Context(), []connector.Event{event107})
			if err != nil {
				t.Fatal(err)
			}
			if got := clock.waits(); !slices.Equal(got, tt.waits) {
				t.Errorf("waits %v, want %v", got, tt.waits)
			}
			reqs := rcv.Requests()
			if len(reqs) != len(tt.waits)+1 {
				t.Fatalf("%d requests, want %d", len(reqs), len(tt.waits)+1)
			}
			at := start
			for i, r := range reqs {
				if key == "" {
					key = r.ID
				}
				if r.ID != key {
					t.Errorf("request %d has the key %q, not the event's %q", i+1, r.ID, key)
				}
				if !r.Timestamp.Equal(at.Truncate(time.Second)) { // webhook-timestamp has whole seconds
					t.Errorf("request %d made at %s, stamped %s", i+1, at, r.Timestamp)
				}
				if i < len(tt.waits) {
					at = at.Add(tt.waits[i])
				}
				want, _ := event107.MarshalJSON()
				if string(r.Body) != string(want) {
					t.Errorf("request %d: body %s, want the event's JSON %s", i+1, r.Body, want)
				}
			}
			dls := readDeadLetters(t, dlPath)
			if size := fileSize(t, dlPath); pos != size || hook.Position() != size {
				t.Errorf("position %d, Position() %d, the dead-letter file has %d bytes", pos, hook.Position(), size)
			}
			if !tt.dead {
				if len(dls) != 0 {
					t.Errorf("delivered, and dead-lettered: %+v", dls)
				}
				return
			}
			if len(dls) != 1 {
				t.Fatalf("%d dead letters, want 1", len(dls))
			}
			d := dls[0]
			if d.Key != key || d.Trigger != event107.Trigger || d.URL != rcv.URL || d.Attempts != len(reqs) || d.Status != tt.deadCode ||
				!d.FailedAt.Equal(clock.Now()) || string(d.Event) != string(reqs[0].Body) || d.Error == "" {
				t.Errorf("dead letter %+v\nwant key %s, %d attempts, status %d, at %s, the body sent", d, key, len(reqs), tt.deadCode, clock.Now())
			}
			if tt.deadCode != 0 && !strings.HasPrefix(d.Error, strconv.Itoa(tt.deadCode)+" ") {
				t.Errorf("dead letter error %q does not start with the status", d.Error)
			}
		})
	}
}

// byID answers each event by its id, from a map; the default is 204.
func byID(t *testing.T, answers map[string][]webhooktest.Answer) func(int, webhooktest.Request) webhooktest.Answer {
	seen := map[string]int{}
	return func(_ int, r webhooktest.Request) webhooktest.Answer {
		var e struct{ ID string }
		if err := json.Unmarshal(r.Body, &e); err != nil {
			t.Errorf("a body is not an event: %s", r.Body)
		}
		n := seen[e.ID]
		seen[e.ID]++
		if a := answers[e.ID]; len(a) > 0 {
			return a[min(n, len(a)-1)]
		}
		return webhooktest.Answer{}
	}
}

func events(ids ...string) []connector.Event {
	var out []connector.Event
	for i, id := range ids {
		e := event107
		e.ID, e.At = id, e.At.Add(time.Duration(i)*time.Second)
		out = append(out, e)
	}
	return out
}

// bodyIDs returns the ids of the events of the requests, in order.
func bodyIDs(t *testing.T, reqs []webhooktest.Request) []string {
	var out []string
	for _, r := range reqs {
		var e struct{ ID string }
		if err := json.Unmarshal(r.Body, &e); err != nil {
			t.Fatal(err)
		}
		out = append(out, e.ID)
	}
	return out
}

// A batch is sent in order, each event once it is delivered or
// dead-lettered; the dead letters are appended at once and the position is
// the dead-letter file's length, which Recover cuts back to. Notify hears
// of each failure.
func TestWebhookBatch(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	rcv := webhooktest.NewReceiver(t, testSecret, clock.Now, byID(t, map[string][]webhooktest.Answer{
		"2": {{Status: 400}}, "3": {{Status: 500}, {}}, "5": {{Status: 404}}, "6": {{Status: 409}},
	}))
	var notes []connector.WebhookNotice
	hook, dlPath := newHook(t, rcv.URL, clock, connector.WebhookOptions{Notify: func(n connector.WebhookNotice) { notes = append(notes, n) }})
	pos1, err := hook.Deliver(t.Context(), events("1", "2", "3", "4"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := bodyIDs(t, rcv.Requests()), []string{"1", "2", "3", "3", "4"}; !slices.Equal(got, want) {
		t.Errorf("requests for %v, want %v", got, want)
	}
	dls := readDeadLetters(t, dlPath)
	if len(dls) != 1 || pos1 != fileSize(t, dlPath) || !strings.Contains(string(dls[0].Event), `"id":"2"`) {
		t.Fatalf("position %d; dead letters %+v", pos1, dls)
	}
	if len(notes) != 2 || notes[0].Event.ID != "2" || !notes[0].Dead || notes[0].Status != 400 || notes[0].Attempt != 1 || notes[0].Key != dls[0].Key ||
		notes[1].Event.ID != "3" || notes[1].Dead || notes[1].Status != 500 || notes[1].Wait != 750*time.Millisecond || notes[1].Err == nil {
		t.Errorf("notices %+v", notes)
	}

	pos2, err := hook.Deliver(t.Context(), events("5", "6"))
	if err != nil || pos2 <= pos1 || len(readDeadLetters(t, dlPath)) != 3 {
		t.Fatalf("second batch: position %d after %d, %v", pos2, pos1, err)
	}
	// A crash before the second commit: the next run recovers to pos1.
	if err := hook.Recover(t.Context(), pos1); err != nil {
		t.Fatal(err)
	}
	if fileSize(t, dlPath) != pos1 || hook.Position() != pos1 || len(readDeadLetters(t, dlPath)) != 1 {
		t.Errorf("after Recover(%d): %d bytes, Position %d", pos1, fileSize(t, dlPath), hook.Position())
	}
	if err := hook.Recover(t.Context(), pos2+1); err == nil || !strings.Contains(err.Error(), "dead-letter file") {
		t.Errorf("Recover past the end: %v", err)
	}
	// A new sink on the file starts at its end.
	again, _ := newHook(t, rcv.URL, clock, connector.WebhookOptions{DeadLetter: dlPath})
	if again.Position() != pos1 {
		t.Errorf("a new sink's position %d, want %d", again.Position(), pos1)
	}
}

// The key is the event's identity: the same for the same event in any
// sink, different when the trigger, kind, record type, id or instant
// differs; the record's content is not part of it.
func TestWebhookKeys(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	rcv := webhooktest.NewReceiver(t, testSecret, clock.Now, nil)
	key := func(e connector.Event) string {
		t.Helper()
		hook, _ := newHook(t, rcv.URL, clock, connector.WebhookOptions{})
		n := len(rcv.Requests())
		if _, err := hook.Deliver(t.Context(), []connector.Event{e}); err != nil {
			t.Fatal(err)
		}
		return rcv.Requests()[n].ID
	}
	base := event107
	alter := func(f func(*connector.Event)) connector.Event { e := base; f(&e); return e }
	variants := map[string]connector.Event{
		"trigger":     alter(func(e *connector.Event) { e.Trigger = "acct/customer/new" }),
		"no trigger":  alter(func(e *connector.Event) { e.Trigger = "" }),
		"kind":        alter(func(e *connector.Event) { e.On = "new" }),
		"record type": alter(func(e *connector.Event) { e.RecordType = "vendor" }),
		"id":          alter(func(e *connector.Event) { e.ID = "108" }),
		"instant":     alter(func(e *connector.Event) { e.At = e.At.Add(time.Second) }),
		"nanosecond":  alter(func(e *connector.Event) { e.At = e.At.Add(time.Nanosecond) }),
		// The parts are told apart by their lengths, not a separator.
		"moved between trigger and kind": alter(func(e *connector.Event) { e.Trigger, e.On = e.Trigger+"u", e.On[1:] }),
	}
	want := key(base)
	if strings.Contains(want, ".") || want == "" {
		t.Errorf("key %q: Standard Webhooks wants an id without a dot", want)
	}
	same := map[string]connector.Event{
		"again":          base,
		"another record": alter(func(e *connector.Event) { e.Record = map[string]any{"companyName": "other"} }),
		"another zone":   alter(func(e *connector.Event) { e.At = e.At.In(time.FixedZone("X", 3600)) }),
	}
	for name, e := range same {
		if got := key(e); got != want {
			t.Errorf("%s: key %q, want %q", name, got, want)
		}
	}
	seen := map[string]string{want: "base"}
	for name, e := range variants {
		got := key(e)
		if other, ok := seen[got]; ok {
			t.Errorf("%s and %s share the key %q", name, other, got)
		}
		seen[got] = name
	}
}

// Stop ends a wait between attempts at once: Deliver fails with
// context.Canceled, nothing dead-lettered. Afterwards an event the
// receiver takes is still delivered; one that fails is not tried again.
// Cancelling Deliver's context ends a request in flight.
func TestWebhookStop(t *testing.T) {
	t.Parallel()
	failing := webhooktest.NewReceiver(t, testSecret, nil, scripted(webhooktest.Answer{Status: 503}))
	dl := filepath.Join(t.TempDir(), "dead.ndjson")
	hook, err := connector.NewWebhookSink(connector.WebhookOptions{URL: failing.URL, Secret: tba.Secret(testSecret), DeadLetter: dl, Backoff: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	defer hook.Close()
	done := make(chan error, 1)
	go func() {
		_, err := hook.Deliver(t.Context(), events("1"))
		done <- err
	}()
	for len(failing.Requests()) == 0 {
		time.Sleep(time.Millisecond)
	}
	start := time.Now()
	hook.Stop()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "503") {
			t.Errorf("Deliver after Stop: %v, want context.Canceled with the last failure", err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("Deliver took %s to stop", d)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Deliver did not stop")
	}
	if hook.Position() != 0 || fileSize(t, dl) != 0 {
		t.Errorf("stopped, and dead-lettered: %d bytes", fileSize(t, dl))
	}

	// Stopped: a failure is not retried, nor dead-lettered.
	n := len(failing.Requests())
	if _, err := hook.Deliver(t.Context(), events("2")); !errors.Is(err, context.Canceled) || len(failing.Requests()) != n+1 {
		t.Errorf("a failure after Stop: %v after %d requests", err, len(failing.Requests())-n)
	}
	// A receiver that takes the events gets them.
	ok := webhooktest.NewReceiver(t, testSecret, nil, nil)
	stopped, err := connector.NewWebhookSink(connector.WebhookOptions{URL: ok.URL, Secret: tba.Secret(testSecret), DeadLetter: dl})
	if err != nil {
		t.Fatal(err)
	}
	defer stopped.Close()
	stopped.Stop()
	if _, err := stopped.Deliver(t.Context(), events("3", "4")); err != nil || len(ok.Requests()) != 2 {
		t.Errorf("after Stop, to a receiver that answers: %v, %d requests", err, len(ok.Requests()))
	}

	// Cancelling the context ends a request in flight.
	hanging := webhooktest.NewReceiver(t, testSecret, nil, scripted(webhooktest.Answer{Hang: true}))
	slow, err := connector.NewWebhookSink(connector.WebhookOptions{URL: hanging.URL, Secret: tba.Secret(testSecret), DeadLetter: dl})
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	ctx, cancel := context.WithCancel(t.Context())
	go func() {
		for len(hanging.Requests()) == 0 {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	if _, err := slow.Deliver(ctx, events("5")); !errors.Is(err, context.Canceled) || fileSize(t, dl) != 0 {
		t.Errorf("Deliver on a cancelled context: %v", err)
	}
}

// NewWebhookSink refuses what it cannot use, saying which setting and
// never quoting the secret or the URL's path and query.
func TestNewWebhookSinkErrors(t *testing.T) {
	t.Parallel()
	dl := filepath.Join(t.TempDir(), "dead.ndjson")
	short := "whsec_" + base64.StdEncoding.EncodeToString([]byte("too short for a key"))
	long := "whsec_" + base64.StdEncoding.EncodeToString(make([]byte, 65))
	tests := []struct {
		name string
		opts connector.WebhookOptions
		want string
	}{
		{"http to another host", connector.WebhookOptions{URL: "http://hooks.example/x/token123"}, "not a loopback address"},
		{"ftp", connector.WebhookOptions{URL: "ftp://hooks.example/x/token123"}, `the scheme "ftp"`},
		{"no host", connector.WebhookOptions{URL: "https:///x/token123"}, "has no host"},
		{"not a URL", connector.WebhookOptions{URL: "https://hooks.example/x/token123%zz"}, "is not a URL"},
		{"no secret", connector.WebhookOptions{Secret: " \n"}, "the webhook secret is empty"},
		{"no prefix", connector.WebhookOptions{Secret: "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0"}, "does not start with whsec_"},
		{"not base64", connector.WebhookOptions{Secret: "whsec_abc$defghijklmnopqrstuvwxyz0123456789"}, "not base64 after whsec_ (character 10 of"},
		{"too short", connector.WebhookOptions{Secret: tba.Secret(short)}, "holds 19 bytes; Standard Webhooks wants 24 to 64"},
		{"too long", connector.WebhookOptions{Secret: tba.Secret(long)}, "holds 65 bytes"},
		{"the second of two", connector.WebhookOptions{Secret: tba.Secret(testSecret + " " + short)}, "webhook secret 2 of 2 holds 19 bytes"},
		{"no dead-letter file", connector.WebhookOptions{DeadLetter: "-"}, "WebhookOptions.DeadLetter is empty"},
		{"a dead-letter file that cannot be made", connector.WebhookOptions{DeadLetter: filepath.Join(dl, "sub", "x")}, "dead-letter file"},
		{"attempts", connector.WebhookOptions{Attempts: -1}, "WebhookOptions.Attempts -1"},
		{"backoff", connector.WebhookOptions{Backoff: -time.Second}, "must not be negative"},
		{"max below backoff", connector.WebhookOptions{Backoff: time.Minute, MaxBackoff: time.Second}, "MaxBackoff 1s is below Backoff 1m0s"},
	}
	for _, tt := range tests {
		opts := tt.opts
		opts.URL = cmp.Or(opts.URL, "https://hooks.example/x/token123?key=k456")
		opts.Secret = cmpSecret(opts.Secret)
		switch opts.DeadLetter {
		case "":
			opts.DeadLetter = dl
		case "-":
			opts.DeadLetter = ""
		}
		_, err := connector.NewWebhookSink(opts)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
			continue
		}
		for _, secret := range strings.Fields(opts.Secret.Reveal()) {
			if strings.Contains(err.Error(), strings.TrimPrefix(secret, "whsec_")[:12]) {
				t.Errorf("%s: the error shows the secret: %v", tt.name, err)
			}
		}
		if strings.Contains(err.Error(), "token123") || strings.Contains(err.Error(), "k456") {
			t.Errorf("%s: the error shows the URL: %v", tt.name, err)
		}
	}
}

// FuzzParseWebhookSecret checks that a secret gives keys of 24 to 64 bytes
// that encode back to it, or an error that does not show it.
func FuzzParseWebhookSecret(f *testing.F) {
	for _, s := range []string{testSecret, testSecret + "\n" + testSecret, "", "whsec_", "whsec_####", "c2VjcmV0", "whsec_" + strings.Repeat("A", 200)} {
		f.Add(s)
	}
	_, emptyErr := connector.ParseWebhookSecret("")
	f.Fuzz(func(t *testing.T, s string) {
		keys, err := connector.ParseWebhookSecret(s)
		fields := strings.Fields(s)
		if err != nil {
			for _, fl := range fields {
				if len(fl) >= 12 && strings.Contains(err.Error(), fl) && !strings.Contains(emptyErr.Error(), fl) {
					t.Fatalf("the error shows the secret %q: %v", fl, err)
				}
			}
			return
		}
		if len(keys) != len(fields) {
			t.Fatalf("%d keys from %d secrets", len(keys), len(fields))
		}
		for i, k := range keys {
			if len(k) < 24 || len(k) > 64 || "whsec_"+base64.StdEncoding.EncodeToString(k) != fields[i] {
				t.Fatalf("secret %q gave the key %x", fields[i], k)
			}
		}
	})
}

// FuzzCheckWebhookURL checks that an accepted URL is https, or http to a
// loopback address, and that an error never shows the URL's path.
func FuzzCheckWebhookURL(f *testing.F) {
	for _, s := range []string{"https://h/x", "http://127.0.0.1:8/x", "http://localhost/x", "http://[::1]/", "http://10.1.1.1/x",
		"https://u:p@h/x?q=1", "https://h/%zz/secretpath", "HTTP://LOCALHOST/", "http://127.0.0.1.evil/x", "http://0x7f.1/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := connector.CheckWebhookURL(s)
		if err != nil {
			if _, rest, ok := strings.Cut(s, "://"); ok {
				if i := strings.IndexByte(rest, '/'); i >= 0 && len(rest[i:]) >= 8 && strings.Contains(err.Error(), rest[i:]) {
					t.Fatalf("%q: the error shows the path: %v", s, err)
				}
			}
			return
		}
		host := u.Hostname()
		switch {
		case host == "":
			t.Fatalf("%q: accepted without a host", s)
		case u.Scheme == "https":
		case u.Scheme == "http" && (strings.EqualFold(host, "localhost") || net.ParseIP(host) != nil && net.ParseIP(host).IsLoopback()):
		default:
			t.Fatalf("%q: accepted %s to %s", s, u.Scheme, host)
		}
	})
}
