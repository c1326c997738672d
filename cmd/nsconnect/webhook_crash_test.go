package main

import (
	"encoding/base64"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/nsconnect/nsconnect/connector"
	"github.com/nsconnect/nsconnect/internal/webhooktest"
)

// TestWebhookSurvivesKills is issue 15's proof that the webhook sink
// delivers at least once, with a key that stays: `nsconnect watch customer
// --on updated --to http://127.0.0.1:PORT/hook` runs as a process and is
// killed with SIGKILL at random moments, more than 20 times, half of them
// after the receiver took a few events (within a batch of 4 or between a
// batch and its commit), while records are created and updated on the
// emulator. The
// receiver checks every request's signature and fails 30 % of them (500,
// 503 or 429 with Retry-After: 0, or the connection dropped). After a
// final clean poll, every (id, lastModifiedDate) the records went through
// was delivered at least once, nothing else was, each record's last
// delivery carries its final state, every request for an event carried
// the same webhook-id and no two events shared one, and nothing was
// dead-lettered (25 attempts each).
//
// It runs in CI (go test -race ./...) in about 14 s, beside
// TestWatchSurvivesKills; NSCONNECT_CRASH_SEED reruns a seed it printed.
func TestWebhookSurvivesKills(t *testing.T) {
	c := newCrashWatch(t, "TestWebhookSurvivesKills")
	key := make([]byte, 32)
	for i := range key {
		key[i] = byte(c.seed >> (i % 8 * 8))
	}
	secret := "whsec_" + base64.StdEncoding.EncodeToString(key)
	secretFile := filepath.Join(c.dir, "webhook.secret")
	if err := os.WriteFile(secretFile, []byte(secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// The receiver runs the answers under its lock, one at a time.
	rng := rand.New(rand.NewPCG(c.seed, 0x400c))
	var delivered atomic.Int64
	failures := []webhooktest.Answer{{Status: 500}, {Status: 503, RetryAfter: "0"}, {Status: 429, RetryAfter: "0"}, {Drop: true}}
	rcv := webhooktest.NewReceiver(t, secret, nil, func(int, webhooktest.Request) webhooktest.Answer {
		if rng.Float64() < 0.3 {
			return failures[rng.IntN(len(failures))]
		}
		delivered.Add(1)
		return webhooktest.Answer{}
	})
	deadLetter := filepath.Join(c.dir, "dead.ndjson")
	// Batches of 4, and half the kills within the first 8 events a watcher
	// delivers: in a batch after some of it was delivered, or between a
	// batch and its commit.
	c.args = c.watchArgs("--to", rcv.URL+"/hook", "--webhook-secret-file", secretFile, "--batch", "4",
		"--webhook-backoff", "5ms", "--webhook-attempts", "25", "--dead-letter", deadLetter)
	c.run(150, delivered.Load, 8)

	// What the receiver took, in order; and the key of every request,
	// taken or not, for each event.
	var events []connector.Event
	keys := map[string]map[string]bool{} // (id, instant) -> webhook-ids
	owner := map[string]string{}         // webhook-id -> (id, instant)
	redelivered := map[string]int{}
	reqs := rcv.Requests()
	for i, r := range reqs {
		var e connector.Event
		if err := json.Unmarshal(r.Body, &e); err != nil {
			t.Fatalf("request %d is not an event: %v\n%s", i+1, err, r.Body)
		}
		k := eventKey(e)
		if keys[k] == nil {
			keys[k] = map[string]bool{}
		}
		keys[k][r.ID] = true
		if o, ok := owner[r.ID]; ok && o != k {
			t.Errorf("the events %s and %s share the key %s", o, k, r.ID)
		}
		owner[r.ID] = k
		if r.Answer.Delivered() {
			events = append(events, e)
			redelivered[k]++
		}
	}
	for k, ids := range keys {
		if len(ids) != 1 {
			t.Errorf("%s was sent with %d keys: %v", k, len(ids), ids)
		}
	}
	c.check(events, false)
	again := 0
	for _, n := range redelivered {
		if n > 1 {
			again++
		}
	}
	t.Logf("%d requests, %d delivered, %d events delivered more than once", len(reqs), len(events), again)
	if b, err := os.ReadFile(deadLetter); err != nil || len(b) != 0 {
		t.Errorf("the dead-letter file (%v):\n%s", err, b)
	}
}
