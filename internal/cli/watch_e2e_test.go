package cli

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/connector"
	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/internal/webhooktest"
)

// End-to-end tests of watch: the real CLI, the real connector, the
// emulator over HTTP, with records written at explicit times on the
// emulator's frozen clock.

// readEvents decodes NDJSON events.
func readEvents(t *testing.T, data string) []connector.Event {
	t.Helper()
	var evs []connector.Event
	sc := bufio.NewScanner(strings.NewReader(data))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var e connector.Event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("an event is not JSON: %v\n%s", err, sc.Text())
		}
		evs = append(evs, e)
	}
	return evs
}

// pollLine is the status of a poll, with the cursor in the demo account's
// time zone (America/Los_Angeles).
var pollLine = regexp.MustCompile(`(?m)^(\d+) events? delivered; cursor \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?-0[78]:00\.$`)

func TestWatchEndToEnd(t *testing.T) {
	t.Parallel()
	h, srv := emulatorHarnessWith(t, emulator.Options{NoSeed: true})
	ctx := t.Context()
	dir := t.TempDir()
	state := filepath.Join(dir, "state", "watch.db") // its directory is created
	out := filepath.Join(dir, "events.ndjson")

	// The clock stands a minute back (TBA accepts 5 minutes either way)
	// and moves only when the test moves it.
	t0 := time.Now().Add(-time.Minute).Truncate(time.Second)
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	setClock := func(s int) {
		t.Helper()
		if err := srv.SetClock(at(s), true); err != nil {
			t.Fatal(err)
		}
	}
	setClock(0)
	since := t0.UTC().Format(time.RFC3339)
	// An account without seed data has no subsidiary, which a customer
	// needs.
	sub, err := srv.CreateRecord(ctx, "subsidiary", map[string]any{"name": "Watch Subsidiary"}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}

	// watch polls once and returns the events on stdout.
	watch := func(on string, extra ...string) []connector.Event {
		t.Helper()
		args := append([]string{"watch", "customer", "--on", on, "--once", "--state", state, "--since", since}, extra...)
		if code := h.run(args...); code != 0 {
			t.Fatalf("%q: exit %d\n%s", args, code, h.errOut)
		}
		if !strings.Contains(strings.Join(extra, " "), "--quiet") && !pollLine.MatchString(h.errOut.String()) {
			t.Errorf("%q: no poll status on stderr:\n%s", args, h.errOut)
		}
		return readEvents(t, h.out.String())
	}
	one := func(what string, evs []connector.Event, on, id string, when time.Time, name string) {
		t.Helper()
		if len(evs) != 1 {
			t.Fatalf("%s: %d events, want 1: %+v", what, len(evs), evs)
		}
		e := evs[0]
		if e.On != on || e.ID != id || e.RecordType != "customer" || !e.At.Equal(when) {
			t.Errorf("%s: event %s %s %s at %s, want %s customer %s at %s", what, e.On, e.RecordType, e.ID, e.At.Format(time.RFC3339), on, id, when.UTC().Format(time.RFC3339))
		}
		if got, _ := e.Record["companyName"].(string); name != "" && got != name {
			t.Errorf("%s: record %v, want companyName %q", what, e.Record, name)
		}
		if name == "" && e.Record != nil {
			t.Errorf("%s: a delete carries a record: %v", what, e.Record)
		}
	}
	none := func(what string, evs []connector.Event) {
		t.Helper()
		if len(evs) != 0 {
			t.Errorf("%s: %d events, want none: %+v", what, len(evs), evs)
		}
	}

	// Every watch starts at t0 on its first run, so that nothing depends
	// on when the first poll ran; each keeps its own cursor in the one
	// state file.
	none("updated, nothing yet", watch("updated"))
	none("deleted, nothing yet", watch("deleted"))

	// Create: delivered to updated and to new, once.
	id, err := srv.CreateRecord(ctx, "customer", map[string]any{"companyName": "Watch Co", "subsidiary": map[string]string{"id": sub}}, at(1))
	if err != nil {
		t.Fatal(err)
	}
	setClock(2)
	one("updated after the create", watch("updated"), "updated", id, at(1), "Watch Co")
	one("new after the create", watch("new"), "new", id, at(1), "Watch Co")
	none("updated again", watch("updated"))
	none("new again", watch("new"))

	// Two edits in one second are one event with the latest state; an
	// edit in a later second is another.
	for _, name := range []string{"Watch Co 2", "Watch Co 3"} {
		if err := srv.UpdateRecord(ctx, "customer", id, map[string]any{"companyName": name}, at(3).Add(100*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
	}
	setClock(4)
	one("updated after two edits in a second", watch("updated"), "updated", id, at(3), "Watch Co 3")
	none("updated again after the edits", watch("updated"))
	none("new after the edits", watch("new"))

	// To a file: the events go there (from t0, under another name, so
	// both states of the record are in it), stdout stays empty, --quiet
	// keeps stderr empty.
	if evs := watch("updated", "--to", "file:"+out, "--quiet"); len(evs) != 0 || h.errOut.Len() != 0 {
		t.Errorf("to a file: stdout %q, stderr %q", h.out, h.errOut)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if evs := readEvents(t, string(data)); len(evs) != 1 || evs[0].ID != id || !evs[0].At.Equal(at(3)) {
		t.Errorf("the file holds %+v, want the record at its last change", evs)
	}
	if watch("updated", "--to", "file:"+out, "--quiet"); readFile(t, out) != string(data) {
		t.Errorf("a second poll changed the file:\n%s", readFile(t, out))
	}

	// Delete: delivered to deleted, once; no record.
	if err := srv.DeleteRecord(ctx, "customer", id, at(5)); err != nil {
		t.Fatal(err)
	}
	setClock(6)
	one("deleted after the delete", watch("deleted"), "deleted", id, at(5), "")
	none("deleted again", watch("deleted"))
	none("updated after the delete", watch("updated"))

	// A query watch, its columns only.
	id2, err := srv.CreateRecord(ctx, "customer", map[string]any{"companyName": "Query Co", "subsidiary": map[string]string{"id": sub}}, at(7))
	if err != nil {
		t.Fatal(err)
	}
	setClock(8)
	q := []string{"watch", "--once", "--state", state, "--since", since, "--cursor-column", "lastmodifieddate",
		"--query", "SELECT id, companyname, lastmodifieddate FROM customer WHERE lastmodifieddate >= :cursor"}
	if code := h.run(q...); code != 0 {
		t.Fatalf("query watch: exit %d\n%s", code, h.errOut)
	}
	evs := readEvents(t, h.out.String())
	if len(evs) != 1 || evs[0].On != "query" || evs[0].ID != id2 || evs[0].Record["companyname"] != "Query Co" || !evs[0].At.Equal(at(7)) {
		t.Errorf("query watch: %+v", evs)
	}
	if code := h.run(q...); code != 0 || h.out.Len() != 0 {
		t.Errorf("query watch again: exit %d, stdout %q", code, h.out)
	}
}

// watch --to a webhook: the secret from a file or the environment, never
// shown; events POSTed and verified by the receiver; a 503 retried; a 400
// dead-lettered beside the state file and told on stderr; the cursor
// committed, so a second run sends nothing.
func TestWatchWebhookEndToEnd(t *testing.T) {
	t.Parallel()
	h, srv := emulatorHarnessWith(t, emulator.Options{NoSeed: true})
	ctx := t.Context()
	dir := t.TempDir()
	state := filepath.Join(dir, "watch.db")
	t0 := time.Now().Add(-time.Minute).Truncate(time.Second)
	if err := srv.SetClock(t0, true); err != nil {
		t.Fatal(err)
	}
	sub, err := srv.CreateRecord(ctx, "subsidiary", map[string]any{"name": "Hook Subsidiary"}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for i, name := range []string{"Plain Co", "Flaky Co", "Refused Co"} {
		id, err := srv.CreateRecord(ctx, "customer", map[string]any{"companyName": name, "subsidiary": map[string]string{"id": sub}}, t0.Add(time.Duration(i+1)*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		ids[name] = id
	}
	if err := srv.SetClock(t0.Add(5*time.Second), true); err != nil {
		t.Fatal(err)
	}

	key := make([]byte, 32)
	for i := range key {
		key[i] = byte(i * 7)
	}
	b64 := base64.StdEncoding.EncodeToString(key)
	secret := "whsec_" + b64
	flaky := 0
	rcv := webhooktest.NewReceiver(t, secret, nil, func(_ int, r webhooktest.Request) webhooktest.Answer {
		switch {
		case strings.Contains(string(r.Body), "Refused Co"):
			return webhooktest.Answer{Status: 400}
		case strings.Contains(string(r.Body), "Flaky Co") && flaky == 0:
			flaky++
			return webhooktest.Answer{Status: 503, RetryAfter: "0"}
		}
		return webhooktest.Answer{}
	})
	url := rcv.URL + "/hook/netsuite?token=abc123"
	args := []string{"watch", "customer", "--on", "updated", "--once", "--state", state, "--since", t0.UTC().Format(time.RFC3339), "--to", url, "--webhook-backoff", "10ms"}
	shown := func(what string) {
		t.Helper()
		for _, s := range []string{b64[:16], "abc123"} {
			if strings.Contains(h.errOut.String()+h.out.String(), s) {
				t.Errorf("%s: the output shows %q:\n%s", what, s, h.errOut)
			}
		}
	}

	// No secret: refused before anything is sent.
	if code := h.run(args...); code != 2 || !strings.Contains(h.errOut.String(), "give --webhook-secret-file PATH, or set NSCONNECT_WEBHOOK_SECRET") {
		t.Errorf("no secret: exit %d\n%s", code, h.errOut)
	}
	// A bad one in the environment: named, not shown.
	h.env["NSCONNECT_WEBHOOK_SECRET"] = "whsec_" + b64[:20]
	if code := h.run(args...); code != 1 || !strings.Contains(h.errOut.String(), "NSCONNECT_WEBHOOK_SECRET: the webhook secret holds 15 bytes") {
		t.Errorf("a short secret: exit %d\n%s", code, h.errOut)
	}
	shown("a short secret")
	if n := len(rcv.Requests()); n != 0 {
		t.Fatalf("%d requests without a good secret", n)
	}

	// From the file (over the environment's): delivered, retried,
	// dead-lettered.
	secretFile := filepath.Join(dir, "webhook.secret")
	if err := os.WriteFile(secretFile, []byte(secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	args = append(args, "--webhook-secret-file", secretFile)
	if code := h.run(args...); code != 0 {
		t.Fatalf("exit %d\n%s", code, h.errOut)
	}
	shown("a run")
	var got []string
	for _, r := range rcv.Requests() {
		var e connector.Event
		if err := json.Unmarshal(r.Body, &e); err != nil {
			t.Fatal(err)
		}
		got = append(got, e.Record["companyName"].(string))
	}
	if want := []string{"Plain Co", "Flaky Co", "Flaky Co", "Refused Co"}; strings.Join(got, ",") != strings.Join(want, ",") || h.out.Len() != 0 {
		t.Errorf("the receiver got %q, want %q; stdout %q", got, want, h.out)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "dead-letter-*.ndjson"))
	if len(matches) != 1 {
		t.Fatalf("dead-letter files beside the state: %v", matches)
	}
	dl := readFile(t, matches[0])
	if strings.Count(dl, "\n") != 1 || !strings.Contains(dl, `"status":400`) || !strings.Contains(dl, `"id":"`+ids["Refused Co"]+`"`) {
		t.Errorf("the dead-letter file:\n%s", dl)
	}
	errOut := h.errOut.String()
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`Watching new and updated customer records as ".*/customer/updated/webhook:127\.0\.0\.1:\d+/[0-9a-f]{12}" \(state in .*\), events to http://127\.0\.0\.1:\d+/hook/netsuite\?xxxxx \(dead letters to ` + regexp.QuoteMeta(matches[0]) + `\)\.`),
		regexp.MustCompile(`Webhook: event evt_[0-9a-f]{32} \(customer ` + ids["Flaky Co"] + `\): attempt 1 failed: 503 Service Unavailable; trying again in \d+ms\.`),
		regexp.MustCompile(`Webhook: event evt_[0-9a-f]{32} \(customer ` + ids["Refused Co"] + `\) went to the dead-letter file ` + regexp.QuoteMeta(matches[0]) + ` after 1 attempt: 400 Bad Request\.`),
		regexp.MustCompile(`(?m)^2 events delivered, 1 to the dead-letter file; cursor `),
	} {
		if !want.MatchString(errOut) {
			t.Errorf("stderr does not match %s:\n%s", want, errOut)
		}
	}

	// Committed: the next run sends nothing.
	n := len(rcv.Requests())
	if code := h.run(args...); code != 0 || len(rcv.Requests()) != n || readFile(t, matches[0]) != dl {
		t.Errorf("a second run: exit %d, %d more requests\n%s", code, len(rcv.Requests())-n, h.errOut)
	}
}

// Ctrl-C while the receiver fails ends the wait between attempts at once:
// the watch stops (exit 130) without committing, and the next run sends
// the event again, with the same key.
func TestWatchWebhookCtrlC(t *testing.T) {
	t.Parallel()
	h, srv := emulatorHarnessWith(t, emulator.Options{NoSeed: true})
	t0 := time.Now().Add(-time.Minute).Truncate(time.Second)
	if err := srv.SetClock(t0, true); err != nil {
		t.Fatal(err)
	}
	sub, err := srv.CreateRecord(t.Context(), "subsidiary", map[string]any{"name": "Hook Subsidiary"}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.CreateRecord(t.Context(), "customer", map[string]any{"companyName": "Down Co", "subsidiary": map[string]string{"id": sub}}, t0.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	if err := srv.SetClock(t0.Add(2*time.Second), true); err != nil {
		t.Fatal(err)
	}
	secret := "whsec_" + base64.StdEncoding.EncodeToString([]byte("the secret of the Ctrl-C test..."))
	h.env["NSCONNECT_WEBHOOK_SECRET"] = secret
	var up atomic.Bool
	rcv := webhooktest.NewReceiver(t, secret, nil, func(int, webhooktest.Request) webhooktest.Answer {
		if up.Load() {
			return webhooktest.Answer{}
		}
		return webhooktest.Answer{Status: 503}
	})
	args := []string{"watch", "customer", "--on", "updated", "--state", filepath.Join(t.TempDir(), "watch.db"),
		"--since", t0.UTC().Format(time.RFC3339), "--to", rcv.URL, "--webhook-backoff", "1h", "--interval", "1h"}

	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan int, 1)
	go func() { done <- Run(ctx, h.f, args) }()
	for len(rcv.Requests()) == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	start := time.Now()
	cancel()
	select {
	case code := <-done:
		if code != ExitInterrupted || time.Since(start) > 5*time.Second {
			t.Errorf("Ctrl-C: exit %d after %s\n%s", code, time.Since(start), h.errOut)
		}
	case <-time.After(time.Minute):
		t.Fatal("Ctrl-C did not stop the watch")
	}

	up.Store(true)
	if code := h.run(append(args, "--once")...); code != 0 {
		t.Fatalf("the next run: exit %d\n%s", code, h.errOut)
	}
	reqs := rcv.Requests()
	if len(reqs) != 2 || reqs[0].ID != reqs[1].ID || !reqs[1].Answer.Delivered() {
		t.Errorf("requests %+v: want the event again, with the same key", reqs)
	}
}
