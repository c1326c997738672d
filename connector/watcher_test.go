package connector

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"encoding/json"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/emulator/emulatortest"
	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/store"
)

// zoneType is the demo account's custom record type; its records need only
// a name.
const zoneType = "customrecord_shipping_zone"

// t0 is the tests' epoch, later than the seed records (made at the real
// time when the emulator starts) so that no seed record is in a window.
var t0 = time.Date(2030, 6, 1, 12, 0, 0, 0, time.UTC)

// env is an emulator with a frozen clock, a client signing at its clock,
// and a state file.
type env struct {
	t      *testing.T
	srv    *emulator.Server
	client *netsuite.Client
	st     store.Store
	dir    string
}

// newEnv starts an emulator whose account is in zone ("" for the demo's)
// with its clock frozen at now.
func newEnv(t *testing.T, zone string, now time.Time, opts ...netsuite.Option) *env {
	t.Helper()
	o := emulator.Options{NoListener: true}
	if zone != "" {
		y, err := emulator.DemoAccountYAML()
		if err != nil {
			t.Fatal(err)
		}
		re := regexp.MustCompile(`(?m)^timezone:.*$`)
		if !re.Match(y) {
			t.Fatal("the demo account has no timezone line")
		}
		o.AccountYAML = re.ReplaceAll(y, []byte("timezone: "+zone))
	}
	srv := emulatortest.NewServer(t, o)
	if err := srv.SetClock(now, true); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	st, err := store.OpenSQLite(filepath.Join(dir, "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &env{t: t, srv: srv, client: clientAt(t, srv, opts...), st: st, dir: dir}
}

func (e *env) setClock(at time.Time) {
	e.t.Helper()
	if err := e.srv.SetClock(at, true); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) create(typ string, body map[string]any, at time.Time) string {
	e.t.Helper()
	id, err := e.srv.CreateRecord(context.Background(), typ, body, at)
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

func (e *env) update(typ, id string, body map[string]any, at time.Time) {
	e.t.Helper()
	if err := e.srv.UpdateRecord(context.Background(), typ, id, body, at); err != nil {
		e.t.Fatal(err)
	}
}

// zone creates a custom record named name at at.
func (e *env) zone(name string, at time.Time) string {
	return e.create(zoneType, map[string]any{"name": name}, at)
}

// memSink keeps what it is given.
type memSink struct{ events []Event }

func (s *memSink) Deliver(_ context.Context, events []Event) (int64, error) {
	s.events = append(s.events, events...)
	return int64(len(s.events)), nil
}
func (s *memSink) Recover(context.Context, int64) error { return nil }

func (e *env) watcher(tr Trigger, sink Sink) *Watcher {
	e.t.Helper()
	w, err := NewWatcher(e.client, tr, e.st, sink)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { w.Close() })
	return w
}

func poll(t *testing.T, w *Watcher) PollResult {
	t.Helper()
	res, err := w.Poll(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// pollAll polls until a poll has read its whole window.
func pollAll(t *testing.T, w *Watcher) (polls int) {
	t.Helper()
	for polls = 1; ; polls++ {
		if !poll(t, w).More {
			return polls
		}
		if polls > 1000 {
			t.Fatal("the watcher never caught up")
		}
	}
}

// ids returns the ids of events, in order.
func ids(events []Event) []string {
	var out []string
	for _, e := range events {
		out = append(out, e.ID)
	}
	return out
}

// checkOrder fails unless events are in order of (At, id).
func checkOrder(t *testing.T, events []Event) {
	t.Helper()
	for i := 1; i < len(events); i++ {
		a, b := events[i-1], events[i]
		if a.At.After(b.At) || a.At.Equal(b.At) && cmpID(a.ID, b.ID) >= 0 {
			t.Fatalf("events %d and %d out of order: %s@%s, %s@%s", i-1, i, a.ID, a.At, b.ID, b.At)
		}
	}
}

func TestNewUpdatedDeleted(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "", t0)
	since := Trigger{Start: StartSince, Since: t0}
	onNew, onUpd, onDel := since, since, since
	onNew.On, onNew.RecordType = OnNew, zoneType
	onUpd.On, onUpd.RecordType, onUpd.Fetch = OnUpdated, zoneType, FetchColumns
	onDel.On, onDel.RecordType = OnDeleted, zoneType
	var newSink, updSink, delSink memSink
	wNew, wUpd, wDel := e.watcher(onNew, &newSink), e.watcher(onUpd, &updSink), e.watcher(onDel, &delSink)

	a := e.zone("A", t0.Add(time.Minute))
	b := e.zone("B", t0.Add(2*time.Minute))
	e.update(zoneType, a, map[string]any{"name": "A2"}, t0.Add(3*time.Minute))
	if err := e.srv.DeleteRecord(t.Context(), zoneType, b, t0.Add(4*time.Minute)); err != nil {
		t.Fatal(err)
	}
	e.zone("before", t0.Add(-time.Minute)) // before the start: never
	e.setClock(t0.Add(5 * time.Minute))
	for _, w := range []*Watcher{wNew, wUpd, wDel} {
		if res := poll(t, w); res.More {
			t.Errorf("%s: More after a small poll", w.Name())
		}
	}
	// B was deleted before the poll: its record is gone, so OnNew (which
	// fetches records) has A only, with its current state.
	if got := ids(newSink.events); !slices.Equal(got, []string{a}) {
		t.Errorf("new: %v, want [%s]", got, a)
	} else if ev := newSink.events[0]; ev.On != "new" || ev.Record["name"] != "A2" || !ev.At.Equal(t0.Add(time.Minute)) || ev.Trigger != wNew.Name() {
		t.Errorf("new event %+v (trigger %q)", ev, wNew.Name())
	}
	// A's creation and update are one row now, at its last change.
	if got := ids(updSink.events); !slices.Equal(got, []string{a}) {
		t.Errorf("updated: %v, want [%s]", got, a)
	} else if ev := updSink.events[0]; ev.On != "updated" || ev.Columns["name"] != "A2" || !ev.At.Equal(t0.Add(3*time.Minute)) {
		t.Errorf("updated event %+v", ev)
	}
	if got := ids(delSink.events); !slices.Equal(got, []string{b}) {
		t.Errorf("deleted: %v, want [%s]", got, b)
	} else if ev := delSink.events[0]; ev.On != "deleted" || ev.Record != nil || !ev.At.Equal(t0.Add(4*time.Minute)) {
		t.Errorf("deleted event %+v", ev)
	}

	// Nothing new: nothing delivered, though the overlap reads A again.
	e.setClock(t0.Add(6 * time.Minute))
	for _, w := range []*Watcher{wNew, wUpd, wDel} {
		if res := poll(t, w); res.Delivered != 0 {
			t.Errorf("%s delivered %d again", w.Name(), res.Delivered)
		}
	}
	// A change after the first poll is a new event.
	e.update(zoneType, a, map[string]any{"name": "A3"}, t0.Add(6*time.Minute+10*time.Second))
	e.setClock(t0.Add(7 * time.Minute))
	poll(t, wUpd)
	if len(updSink.events) != 2 || updSink.events[1].Columns["name"] != "A3" {
		t.Errorf("after a second change: %+v", updSink.events)
	}
}

// TestStandardTypes watches customers (entity) and sales orders
// (transaction WHERE type = 'SalesOrd') through their tables and the
// record API.
func TestStandardTypes(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "", t0)
	var custs, dels memSink
	wc := e.watcher(Trigger{On: OnUpdated, RecordType: "customer", Start: StartSince, Since: t0}, &custs)
	wd := e.watcher(Trigger{On: OnDeleted, RecordType: "customer", Start: StartSince, Since: t0}, &dels)
	sub := map[string]any{"id": "1"}
	c1 := e.create("customer", map[string]any{"companyName": "Acme", "subsidiary": sub}, t0.Add(time.Minute))
	c2 := e.create("customer", map[string]any{"companyName": "Globex", "subsidiary": sub}, t0.Add(time.Minute))
	if err := e.srv.DeleteRecord(t.Context(), "customer", c2, t0.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	e.zone("not a customer", t0.Add(time.Minute))
	e.setClock(t0.Add(3 * time.Minute))
	poll(t, wc)
	poll(t, wd)
	if got := ids(custs.events); !slices.Equal(got, []string{c1}) || custs.events[0].Record["companyName"] != "Acme" {
		t.Errorf("customers: %+v", custs.events)
	}
	if got := ids(dels.events); !slices.Equal(got, []string{c2}) {
		t.Errorf("deleted customers: %v, want [%s]", got, c2)
	}
}

// TestSameSecondAcrossPages puts 23 changes in one second, across pages of
// 5 rows, and batches of 4 events.
func TestSameSecondAcrossPages(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "", t0)
	var sink memSink
	w := e.watcher(Trigger{On: OnUpdated, RecordType: zoneType, Fetch: FetchColumns, Start: StartSince, Since: t0, PageSize: 5, BatchSize: 4}, &sink)
	var want []string
	want = append(want, e.zone("early", t0.Add(10*time.Second)))
	for i := range 23 {
		want = append(want, e.zone(fmt.Sprint("burst", i), t0.Add(20*time.Second)))
	}
	want = append(want, e.zone("late", t0.Add(30*time.Second)))
	e.setClock(t0.Add(time.Minute))
	res := poll(t, w)
	if res.Delivered != len(want) || !slices.Equal(ids(sink.events), want) {
		t.Fatalf("delivered %d: %v, want %v", res.Delivered, ids(sink.events), want)
	}
	checkOrder(t, sink.events)
	if !res.Cursor.Equal(t0.Add(30 * time.Second)) {
		t.Errorf("cursor %s", res.Cursor)
	}
	// More in the same second as the last poll's burst, committed late:
	// the overlap sees them, the keys drop the rest.
	more := e.zone("same second, later", t0.Add(20*time.Second))
	e.setClock(t0.Add(2 * time.Minute))
	if res := poll(t, w); res.Delivered != 1 || sink.events[len(sink.events)-1].ID != more {
		t.Errorf("second poll delivered %d: %v", res.Delivered, ids(sink.events))
	}
}

// TestBatches reads 3 changes a second, 35 in all, 10 rows a poll: the
// cursor advances over several polls, and nothing is missed or doubled.
func TestBatches(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "", t0)
	var sink memSink
	w := e.watcher(Trigger{On: OnUpdated, RecordType: zoneType, Fetch: FetchColumns, Start: StartSince, Since: t0, PageSize: 4, MaxRows: 10}, &sink)
	var want []string
	for i := range 35 {
		want = append(want, e.zone(fmt.Sprint("z", i), t0.Add(time.Duration(i/3)*time.Second)))
	}
	e.setClock(t0.Add(time.Minute))
	if polls := pollAll(t, w); polls < 4 {
		t.Errorf("%d polls; want at least 4 for 35 rows at 10 a poll", polls)
	}
	if got := ids(sink.events); !slices.Equal(got, want) {
		t.Errorf("delivered %v\nwant %v", got, want)
	}
	checkOrder(t, sink.events)

	// More changes in one second than a poll reads: an error, not a loss.
	for i := range 11 {
		e.zone(fmt.Sprint("y", i), t0.Add(time.Minute+time.Second))
	}
	e.setClock(t0.Add(2 * time.Minute))
	var err error
	for range 10 {
		var res PollResult
		if res, err = w.Poll(t.Context()); err != nil || !res.More {
			break
		}
	}
	if err == nil || !strings.Contains(err.Error(), "MaxRows") {
		t.Errorf("11 changes in one second at MaxRows 10: %v", err)
	}
}

// TestCurrentSecond changes records in the second a poll runs in, on a
// clock that stands still: NetSuite's datetimes have one-second
// precision, so a poll that starts after a change sees it, though the
// change has the poll's own second. The cursor stays in that second, which
// is not over: a change later in it is delivered by the next poll, and
// what was delivered is not delivered again.
func TestCurrentSecond(t *testing.T) {
	t.Parallel()
	now := t0.Add(time.Minute)
	e := newEnv(t, "", now)
	var sink memSink
	w := e.watcher(Trigger{On: OnUpdated, RecordType: zoneType, Fetch: FetchColumns, Start: StartSince, Since: t0}, &sink)
	a := e.zone("a", now)
	res := poll(t, w)
	if got := ids(sink.events); !slices.Equal(got, []string{a}) || !sink.events[0].At.Equal(now) {
		t.Fatalf("a change in the poll's second: delivered %+v, want %s at %s", sink.events, a, now)
	}
	if res.Cursor.After(now) {
		t.Errorf("cursor %s past the current second %s", res.Cursor, now)
	}
	// Later in the same second: the clock has not moved.
	b := e.zone("b", now)
	e.update(zoneType, a, map[string]any{"name": "a2"}, now) // same key as delivered
	if res := poll(t, w); res.Delivered != 1 || sink.events[len(sink.events)-1].ID != b {
		t.Fatalf("second poll in the same second delivered %d: %v, want [%s] more", res.Delivered, ids(sink.events), b)
	}
	// A new process, the second over: nothing again.
	w.Close()
	e.setClock(now.Add(time.Second))
	if res := poll(t, e.watcher(Trigger{On: OnUpdated, RecordType: zoneType, Fetch: FetchColumns, Start: StartSince, Since: t0}, &sink)); res.Delivered != 0 {
		t.Errorf("after the second: delivered %d again: %v", res.Delivered, ids(sink.events))
	}
}

// moverTransport changes a record of the first page just before the
// second page is read, as a user editing it during a poll would.
type moverTransport struct {
	base  http.RoundTripper
	fired atomic.Bool
	fire  func()
}

func (m *moverTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.Contains(r.URL.Path, "suiteql") && r.URL.Query().Get("offset") != "" && m.fire != nil && m.fired.CompareAndSwap(false, true) {
		m.fire()
	}
	return m.base.RoundTrip(r)
}

// TestUpdateDuringPoll changes a record of the first page while the other
// pages are read: the rows after it move back a place, and one would fall
// between two pages. The watcher sees the window shrink, keeps its cursor
// at the end of the first page, and reads the rest again at once.
func TestUpdateDuringPoll(t *testing.T) {
	t.Parallel()
	mover := &moverTransport{}
	e := newEnv(t, "", t0)
	// A client whose transport changes a record mid-poll.
	e.client = clientAt(t, e.srv, netsuite.WithHTTPClient(&http.Client{Transport: mover}))
	mover.base = signedTransport(t, e.srv)
	var sink memSink
	// Changes a minute apart over 30 minutes, a 1-minute overlap: a row
	// skipped in the middle would never be read again.
	w := e.watcher(Trigger{On: OnUpdated, RecordType: zoneType, Fetch: FetchColumns, Start: StartSince, Since: t0, PageSize: 5, Overlap: time.Minute}, &sink)
	var all []string
	for i := range 30 {
		all = append(all, e.zone(fmt.Sprint("z", i), t0.Add(time.Duration(i)*time.Minute)))
	}
	e.setClock(t0.Add(40 * time.Minute))
	mover.fire = func() {
		if err := e.srv.UpdateRecord(context.Background(), zoneType, all[1], map[string]any{"name": "moved"}, e.srv.Clock().Now); err != nil {
			t.Error(err)
		}
	}
	first := poll(t, w)
	if !mover.fired.Load() {
		t.Fatal("the record was not changed during the poll")
	}
	if !first.More {
		t.Error("the poll did not notice the window change under it")
	}
	e.setClock(t0.Add(41 * time.Minute))
	pollAll(t, w)
	count := map[string]int{}
	for _, ev := range sink.events {
		count[ev.ID]++
	}
	for i, id := range all {
		want := 1
		if i == 1 {
			want = 2 // as created (first page), then as moved
		}
		if count[id] != want {
			t.Errorf("record %d (%s) delivered %d times; want %d", i, id, count[id], want)
		}
	}
}

// TestLateRecord commits records with past dates: one inside the overlap
// is delivered when seen, one before it is not (the documented limit).
func TestLateRecord(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "", t0)
	var sink memSink
	w := e.watcher(Trigger{On: OnNew, RecordType: zoneType, Fetch: FetchColumns, Start: StartSince, Since: t0, Overlap: 5 * time.Minute}, &sink)
	e.zone("a", t0.Add(10*time.Minute))
	e.setClock(t0.Add(11 * time.Minute))
	poll(t, w)
	late := e.zone("late, inside the overlap", t0.Add(7*time.Minute))
	e.zone("late, before the overlap", t0.Add(2*time.Minute))
	e.setClock(t0.Add(12 * time.Minute))
	poll(t, w)
	if len(sink.events) != 2 || sink.events[1].ID != late || !sink.events[1].At.Equal(t0.Add(7*time.Minute)) {
		t.Errorf("events %+v; want a, then the late record inside the overlap", sink.events)
	}
}

// TestDST writes a record every 7 minutes (and changes each again 47
// minutes later) for three hours around both of the year's changes of
// America/Los_Angeles (west of UTC) and Europe/Berlin (east), polling
// every 10 minutes of the emulator's clock: every change arrives exactly
// once, none before its time is due.
func TestDST(t *testing.T) {
	t.Parallel()
	for _, zone := range []string{"America/Los_Angeles", "Europe/Berlin"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		// The year's transitions.
		var changes []time.Time
		for tt := time.Date(2030, 1, 1, 0, 0, 0, 0, loc); ; {
			_, end := tt.ZoneBounds()
			if end.Year() > 2030 {
				break
			}
			changes = append(changes, end)
			tt = end
		}
		if len(changes) != 2 {
			t.Fatalf("%s: %d changes in 2030", zone, len(changes))
		}
		for _, change := range changes {
			t.Run(zone+"/"+change.UTC().Format("2006-01-02"), func(t *testing.T) {
				t.Parallel()
				from, to := change.Add(-3*time.Hour), change.Add(3*time.Hour)
				e := newEnv(t, zone, from)
				var sink memSink
				w := e.watcher(Trigger{On: OnUpdated, RecordType: zoneType, Fetch: FetchColumns, Start: StartSince, Since: from}, &sink)
				type write struct {
					at time.Time
					id string // "" for a create
					n  int
				}
				var writes []write
				for at, n := from.Add(30*time.Second), 0; at.Before(to); at, n = at.Add(7*time.Minute), n+1 {
					writes = append(writes, write{at: at, n: n}, write{at: at.Add(47 * time.Minute), n: n})
				}
				slices.SortStableFunc(writes, func(a, b write) int { return a.at.Compare(b.at) })
				want := map[string]int{}
				byN := map[int]string{}
				next := 0
				for clock := from.Add(10 * time.Minute); ; clock = clock.Add(10 * time.Minute) {
					for ; next < len(writes) && writes[next].at.Before(clock); next++ {
						wr := writes[next]
						if id, ok := byN[wr.n]; ok {
							e.update(zoneType, id, map[string]any{"name": fmt.Sprint("changed", wr.n)}, wr.at)
							want[id]++
						} else {
							byN[wr.n] = e.zone(fmt.Sprint("z", wr.n), wr.at)
							want[byN[wr.n]]++
						}
					}
					e.setClock(clock)
					poll(t, w)
					if next == len(writes) && clock.After(to.Add(time.Hour)) {
						break
					}
				}
				got := map[string]int{}
				for _, ev := range sink.events {
					got[ev.ID]++
				}
				for id, n := range want {
					if got[id] != n {
						t.Errorf("record %s: %d events; want %d", id, got[id], n)
					}
				}
				if len(sink.events) != len(writes) {
					t.Errorf("%d events for %d writes", len(sink.events), len(writes))
				}

				// The same writes read in one go from the start.
				var once memSink
				w2 := e.watcher(Trigger{Name: "again", On: OnUpdated, RecordType: zoneType, Fetch: FetchColumns, Start: StartSince, Since: from}, &once)
				pollAll(t, w2)
				if len(once.events) != len(byN) {
					t.Errorf("one read from the start: %d events; want %d, one per record", len(once.events), len(byN))
				}
			})
		}
	}
}

// readLines returns the NDJSON events of a file.
func readLines(t *testing.T, path string) []Event {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []Event
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		var ev Event
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		out = append(out, ev)
	}
	return out
}

// failingSink delivers to a file sink, then fails the commit that follows
// by closing the store under the watcher.
type afterDeliver struct {
	Sink
	then func()
}

func (s *afterDeliver) Deliver(ctx context.Context, events []Event) (int64, error) {
	pos, err := s.Sink.Deliver(ctx, events)
	if s.then != nil {
		s.then()
	}
	return pos, err
}

// TestRestart stops a watcher between delivering to the file and
// committing (the store fails), then starts a new watcher on the same
// store and file: the file is cut back to the committed length and every
// change is in it exactly once.
func TestRestart(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "", t0)
	path := filepath.Join(e.dir, "events.ndjson")
	statePath := filepath.Join(e.dir, "restart.db")
	tr := Trigger{On: OnUpdated, RecordType: zoneType, Fetch: FetchColumns, Start: StartSince, Since: t0, BatchSize: 3}

	st, err := store.OpenSQLite(statePath)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := NewFileSink(path)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for i := range 10 {
		all = append(all, e.zone(fmt.Sprint("z", i), t0.Add(time.Duration(i)*time.Second)))
	}
	e.setClock(t0.Add(time.Minute))
	batches := 0
	crash := &afterDeliver{Sink: fs, then: func() {
		if batches++; batches == 2 {
			st.Close() // the commit of the second batch fails
		}
	}}
	w, err := NewWatcher(e.client, tr, st, crash)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Poll(t.Context()); err == nil {
		t.Fatal("the poll succeeded with its store closed")
	}
	fs.(*FileSink).Close()
	w.Close() // as the process's end would
	if n := len(readLines(t, path)); n != 6 {
		t.Fatalf("%d events in the file before the restart; want 6 (two batches, the second not committed)", n)
	}

	// Restart: a new store handle, a new sink, more changes meanwhile.
	all = append(all, e.zone("after", t0.Add(70*time.Second)))
	e.setClock(t0.Add(2 * time.Minute))
	st2, err := store.OpenSQLite(statePath)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	fs2, err := NewFileSink(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fs2.(*FileSink).Close()
	w2, err := NewWatcher(e.client, tr, st2, fs2)
	if err != nil {
		t.Fatal(err)
	}
	defer w2.Close()
	if n := len(readLines(t, path)); n != 3 {
		t.Errorf("%d events after Recover; want the 3 committed", n)
	}
	poll(t, w2)
	e.setClock(t0.Add(3 * time.Minute))
	poll(t, w2) // the overlap reads everything again: nothing doubles
	if got := ids(readLines(t, path)); !slices.Equal(got, all) {
		t.Errorf("file after the restart: %v\nwant %v", got, all)
	}
}

func TestFileSinkRecover(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "out.ndjson")
	s, err := NewFileSink(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.(*FileSink).Close()
	p1, err := s.Deliver(ctx, []Event{{On: "new", ID: "1", At: t0}})
	if err != nil {
		t.Fatal(err)
	}
	p2, err := s.Deliver(ctx, []Event{{On: "new", ID: "2", At: t0}, {On: "new", ID: "3", At: t0}})
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Size() != p2 || p1 >= p2 {
		t.Fatalf("positions %d, %d; file %d bytes", p1, p2, fi.Size())
	}
	if err := s.Recover(ctx, p1); err != nil {
		t.Fatal(err)
	}
	if got := ids(readLines(t, path)); !slices.Equal(got, []string{"1"}) {
		t.Errorf("after Recover(%d): %v", p1, got)
	}
	// Appends continue at the committed length.
	if p, err := s.Deliver(ctx, []Event{{On: "new", ID: "4", At: t0}}); err != nil || p <= p1 {
		t.Fatalf("Deliver after Recover: %d, %v", p, err)
	}
	if got := ids(readLines(t, path)); !slices.Equal(got, []string{"1", "4"}) {
		t.Errorf("after another delivery: %v", got)
	}
	// A file shorter than the committed length is not the sink's.
	if err := s.Recover(ctx, 1<<20); err == nil {
		t.Error("Recover past the end of the file succeeded")
	}
}

func TestStdoutSink(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	s := NewStdoutSink(&buf)
	if _, err := s.Deliver(t.Context(), []Event{{On: "deleted", RecordType: "customer", ID: "7", At: t0}}); err != nil {
		t.Fatal(err)
	}
	want := `{"on":"deleted","recordType":"customer","id":"7","at":"2030-06-01T12:00:00Z"}` + "\n"
	if buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}

func TestOnQuery(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "", t0)
	var sink memSink
	w := e.watcher(Trigger{
		On:           OnQuery,
		Query:        "SELECT id, name, lastmodified FROM customrecord_shipping_zone WHERE lastmodified >= :cursor AND name LIKE 'keep%'",
		CursorColumn: "lastmodified",
		Start:        StartSince, Since: t0,
	}, &sink)
	a := e.zone("keep a", t0.Add(time.Minute))
	e.zone("drop b", t0.Add(time.Minute))
	c := e.zone("keep c", t0.Add(2*time.Minute))
	e.setClock(t0.Add(3 * time.Minute))
	poll(t, w)
	e.setClock(t0.Add(4 * time.Minute))
	poll(t, w)
	if got := ids(sink.events); !slices.Equal(got, []string{a, c}) {
		t.Fatalf("events %v; want [%s %s]", got, a, c)
	}
	if ev := sink.events[1]; ev.On != "query" || ev.Columns["name"] != "keep c" || ev.Columns[atColumn] != "" || !ev.At.Equal(t0.Add(2*time.Minute)) {
		t.Errorf("event %+v", ev)
	}
	// A query without its placeholder is refused.
	if _, err := NewWatcher(e.client, Trigger{On: OnQuery, Query: "SELECT id FROM customer", CursorColumn: "lastmodifieddate"}, e.st, &sink); err == nil {
		t.Error("a query without :cursor was accepted")
	}
}

func TestStartNow(t *testing.T) {
	t.Parallel()
	now := t0.Add(time.Hour)
	e := newEnv(t, "", now)
	e.zone("before", now.Add(-time.Minute))
	var sink memSink
	w := e.watcher(Trigger{On: OnNew, RecordType: zoneType, Fetch: FetchColumns}, &sink)
	if res := poll(t, w); res.Delivered != 0 || !res.Cursor.Equal(now) {
		t.Errorf("first poll: %+v; want nothing, the cursor at the server's now %s", res, now)
	}
	after := e.zone("after", now.Add(time.Minute))
	e.setClock(now.Add(2 * time.Minute))
	poll(t, w)
	if got := ids(sink.events); !slices.Equal(got, []string{after}) {
		t.Errorf("events %v; want [%s]", got, after)
	}
	// The state belongs to this trigger: another under its name is
	// refused, once this one has let go of it.
	w.Close()
	if _, err := NewWatcher(e.client, Trigger{Name: w.Name(), On: OnUpdated, RecordType: zoneType}, e.st, &sink); err == nil || errors.Is(err, store.ErrLocked) {
		t.Errorf("another trigger under this one's name: %v; want it refused for its definition", err)
	}
}

// TestRun runs the watcher on an injected clock: it polls, reports each
// poll, waits the interval, polls again at once after a partial poll, and
// returns nil when its context ends.
func TestRun(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "", t0)
	var sink memSink
	w := e.watcher(Trigger{On: OnNew, RecordType: zoneType, Fetch: FetchColumns, Start: StartSince, Since: t0, Interval: 30 * time.Second, MaxRows: 2, PageSize: 2}, &sink)
	for i := range 3 {
		e.zone(fmt.Sprint("z", i), t0.Add(time.Duration(i)*time.Second))
	}
	e.setClock(t0.Add(time.Minute))
	fake := t0
	w.now = func() time.Time { return fake }
	var waits []time.Duration
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	w.after = func(d time.Duration) <-chan time.Time {
		waits = append(waits, d)
		fake = fake.Add(d)
		if len(waits) == 3 {
			cancel()
		}
		ch := make(chan time.Time, 1)
		ch <- fake
		return ch
	}
	var results []PollResult
	if err := w.Run(ctx, func(r PollResult) { results = append(results, r) }); err != nil {
		t.Fatal(err)
	}
	if len(results) < 3 || !results[0].More {
		t.Fatalf("results %+v; want a partial poll first", results)
	}
	if len(sink.events) != 3 {
		t.Errorf("%d events; want 3", len(sink.events))
	}
	// Partial polls are followed at once; then the interval.
	if !slices.Contains(waits, 30*time.Second) {
		t.Errorf("waits %v; want the 30 s interval after the last partial poll", waits)
	}
}

// A new trigger writing to a file that already holds lines keeps them: its
// first commit records the file's length, not 0, so that a restart cuts
// nothing that was there before it.
func TestFileSinkKeepsWhatWasThere(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "", t0)
	path := filepath.Join(e.dir, "events.ndjson")
	if err := os.WriteFile(path, []byte("{\"earlier\":true}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := store.OpenSQLite(filepath.Join(e.dir, "keep.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tr := Trigger{On: OnUpdated, RecordType: zoneType, Fetch: FetchColumns, Start: StartSince, Since: t0.Add(time.Hour)}
	e.setClock(t0.Add(2 * time.Hour))
	for range 2 { // a poll that finds nothing commits; a restart recovers
		fs, err := NewFileSink(path)
		if err != nil {
			t.Fatal(err)
		}
		w, err := NewWatcher(e.client, tr, st, fs)
		if err != nil {
			t.Fatal(err)
		}
		poll(t, w)
		fs.(*FileSink).Close()
		w.Close()
	}
	if got := readLines(t, path); len(got) != 1 {
		t.Errorf("file after two runs: %d lines, want the one that was there", len(got))
	}
}

// TestDeliveredKeysInStore keeps each delivered key in a store key of its
// own, written with its batch and removed once no poll can read its row
// again; a state of version 1, which held the keys in its JSON value, is
// read and moved to them.
func TestDeliveredKeysInStore(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "", t0)
	tr := Trigger{Name: "keys", On: OnUpdated, RecordType: zoneType, Fetch: FetchColumns, Start: StartSince, Since: t0, BatchSize: 2}
	var all []string
	for i := range 5 {
		all = append(all, e.zone(fmt.Sprint("k", i), t0.Add(time.Duration(i)*time.Second)))
	}
	e.setClock(t0.Add(time.Minute))
	sink := &memSink{}
	w := e.watcher(tr, sink)
	poll(t, w)
	stored := func() []string {
		t.Helper()
		var got []string
		err := e.st.Scan(t.Context(), w.keyPfx, func(k string, _ []byte) error {
			dk, ok := w.parseKey(k)
			if !ok {
				t.Errorf("store key %q does not parse", k)
			}
			got = append(got, dk.ID)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := stored(); !slices.Equal(got, all) {
		t.Errorf("delivered keys in the store: %v; want %v", got, all)
	}
	b, err := e.st.Get(t.Context(), w.key)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), `"keys"`) || !strings.Contains(string(b), `"v":2`) {
		t.Errorf("state value %s: want version 2 without keys", b)
	}

	// Written back as version 1, with the keys in the value: a new
	// watcher reads them, delivers nothing again, and moves them.
	var s state
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	s.V = 1
	for k := range w.keys {
		s.Keys = append(s.Keys, k)
	}
	v1, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	err = e.st.Update(t.Context(), func(tx store.Tx) error {
		if err := tx.DeleteRange(w.keyPfx, w.keyPfx+"~"); err != nil {
			return err
		}
		return tx.Put(w.key, v1)
	})
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	w2 := e.watcher(tr, sink)
	e.setClock(t0.Add(2 * time.Minute))
	poll(t, w2)
	if got := ids(sink.events); !slices.Equal(got, all) {
		t.Errorf("events after reading a version 1 state: %v; want %v once each", got, all)
	}
	if got := stored(); !slices.Equal(got, all) {
		t.Errorf("delivered keys moved from version 1: %v; want %v", got, all)
	}

	// Once the cursor is an overlap past them, no poll reads them
	// again: they are gone.
	later := e.zone("later", t0.Add(DefaultOverlap+time.Minute))
	e.setClock(t0.Add(DefaultOverlap + 2*time.Minute))
	poll(t, w2)
	if got := stored(); !slices.Equal(got, []string{later}) {
		t.Errorf("delivered keys once the cursor is past the overlap: %v; want only %s", got, later)
	}
}

func TestSortableUnix(t *testing.T) {
	t.Parallel()
	secs := []int64{math.MinInt64, -86400, -1, 0, 1, 1e9, 1<<62 + 5, math.MaxInt64}
	for i := 1; i < len(secs); i++ {
		a, b := sortableUnix(secs[i-1]), sortableUnix(secs[i])
		if len(a) != 20 || a >= b {
			t.Errorf("sortableUnix(%d) = %s, sortableUnix(%d) = %s: want 20 digits in order", secs[i-1], a, secs[i], b)
		}
	}
	w := &Watcher{keyPfx: "p/"}
	for _, sec := range secs {
		k := deliveredKey{ID: "12/x", At: sec}
		if got, ok := w.parseKey(w.storeKey(k)); !ok || got != k {
			t.Errorf("parseKey(storeKey(%v)) = %v, %v", k, got, ok)
		}
	}
	for _, bad := range []string{"p/", "p/123/4", "p/00000000000000000000/", "p/0000000000000000000x/1"} {
		if k, ok := w.parseKey(bad); ok {
			t.Errorf("parseKey(%q) = %v; want not valid", bad, k)
		}
	}
}
