package cli

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/connector"
	"github.com/nsconnect/nsconnect/emulator"
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
