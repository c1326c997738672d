package connector

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/store"
	"github.com/nsconnect/nsconnect/store/storetest"
)

// backends are the two stores: each returns the opener of a fresh state,
// or skips when it has no server.
var backends = []struct {
	name  string
	fresh func(t *testing.T) storetest.Opener
}{
	{"sqlite", func(t *testing.T) storetest.Opener {
		path := filepath.Join(t.TempDir(), "state.db")
		return func() (store.Store, error) { return store.OpenSQLite(path) }
	}},
	{"postgres", func(t *testing.T) storetest.Opener {
		url := storetest.PostgresURL(t)
		return func() (store.Store, error) { return store.OpenPostgres(context.Background(), url) }
	}},
}

// TestTwoWatchersOneTrigger runs two watchers of one trigger on one state
// through two handles, as two processes would: the second is refused while
// the first runs, and every change is delivered once between them.
func TestTwoWatchersOneTrigger(t *testing.T) {
	t.Parallel()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, "", t0)
			open := b.fresh(t)
			stA, stB := storetest.Open(t, open), storetest.Open(t, open)
			tr := Trigger{Name: "shared", On: OnUpdated, RecordType: zoneType, Fetch: FetchColumns, Start: StartSince, Since: t0}
			var all []string
			for i := range 5 {
				all = append(all, e.zone(fmt.Sprint("z", i), t0.Add(time.Duration(i)*time.Second)))
			}
			e.setClock(t0.Add(time.Minute))

			var sinkA, sinkB memSink
			wA, err := NewWatcher(e.client, tr, stA, &sinkA)
			if err != nil {
				t.Fatal(err)
			}
			_, err = NewWatcher(e.client, tr, stB, &sinkB)
			var locked *store.LockedError
			if !errors.As(err, &locked) || !errors.Is(err, store.ErrLocked) || !strings.Contains(locked.Holder, "pid") {
				t.Fatalf("a second watcher of the trigger: %v; want it refused, naming the holder", err)
			}
			poll(t, wA)
			all = append(all, e.zone("late", t0.Add(90*time.Second)))
			e.setClock(t0.Add(2 * time.Minute))
			if _, err := NewWatcher(e.client, tr, stB, &sinkB); !errors.Is(err, store.ErrLocked) {
				t.Fatalf("a second watcher between polls: %v; want ErrLocked", err)
			}
			wA.Close()

			// The first has stopped: the second takes over from its cursor.
			wB, err := NewWatcher(e.client, tr, stB, &sinkB)
			if err != nil {
				t.Fatal(err)
			}
			defer wB.Close()
			poll(t, wB)
			e.setClock(t0.Add(3 * time.Minute))
			poll(t, wB)
			got := append(ids(sinkA.events), ids(sinkB.events)...)
			if !slices.Equal(got, all) {
				t.Errorf("delivered %v by the first and %v by the second; want %v once each", ids(sinkA.events), ids(sinkB.events), all)
			}
			// Another trigger on the same state is not held up.
			other, err := NewWatcher(e.client, Trigger{Name: "other", On: OnNew, RecordType: zoneType, Fetch: FetchColumns}, stA, &sinkA)
			if err != nil {
				t.Fatalf("a watcher of another trigger: %v", err)
			}
			other.Close()
		})
	}
}

// TestWatcherLockLost ends the Postgres session of a watcher's lock, as an
// administrator or a network failure would: the next poll delivers nothing
// and commits nothing, and fails with ErrLockLost.
func TestWatcherLockLost(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "", t0)
	url := storetest.PostgresURL(t)
	st := storetest.Open(t, func() (store.Store, error) { return store.OpenPostgres(context.Background(), url) })
	tr := Trigger{Name: "lost", On: OnUpdated, RecordType: zoneType, Fetch: FetchColumns, Start: StartSince, Since: t0}
	a := e.zone("a", t0.Add(time.Second))
	e.setClock(t0.Add(time.Minute))
	var sink memSink
	w, err := NewWatcher(e.client, tr, st, &sink)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	storetest.TerminateBackend(t, url, w.lock.(interface{ BackendPID() uint32 }).BackendPID())
	if _, err := w.Poll(t.Context()); !errors.Is(err, store.ErrLockLost) {
		t.Fatalf("Poll after the lock's session ended = %v; want ErrLockLost", err)
	}
	if len(sink.events) != 0 {
		t.Errorf("delivered %v without the lock", ids(sink.events))
	}
	if v, err := st.Get(t.Context(), "trigger/lost"); err != nil || v != nil {
		t.Errorf("the trigger's state = %q, %v; want nothing committed", v, err)
	}
	// Another process takes the trigger and delivers the change.
	w2, err := NewWatcher(e.client, tr, st, &sink)
	if err != nil {
		t.Fatal(err)
	}
	defer w2.Close()
	poll(t, w2)
	if got := ids(sink.events); !slices.Equal(got, []string{a}) {
		t.Errorf("the next holder delivered %v; want [%s]", got, a)
	}
}

// TestImportTwoRuns starts a second run of an import, and its --restart,
// while the first runs, on one state through two handles: both are
// refused, and every row without an external ID is created once.
func TestImportTwoRuns(t *testing.T) {
	t.Parallel()
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			open := b.fresh(t)
			_, client, _ := importEnv(t, "")
			stA, stB := storetest.Open(t, open), storetest.Open(t, open)
			const n = 20
			im := func() *Import {
				return &Import{Name: "customers.csv", RecordType: "customer", Op: OpCreate, Workers: 2}
			}
			reached, resume := make(chan struct{}), make(chan struct{})
			first := make(chan error, 1)
			go func() {
				_, err := im().Run(t.Context(), client, stA, pauseAt(customerRows(n, 0, true), n/2, reached, resume))
				first <- err
			}()
			<-reached
			if _, err := im().Run(t.Context(), client, stB, customerRows(n, 0, true)); !errors.Is(err, store.ErrLocked) {
				t.Errorf("a second run while the first runs: %v; want ErrLocked", err)
			}
			if err := ResetImport(t.Context(), stB, "customers.csv"); !errors.Is(err, store.ErrLocked) {
				t.Errorf("ResetImport while the import runs: %v; want ErrLocked", err)
			}
			close(resume)
			if err := <-first; err != nil {
				t.Fatal(err)
			}
			sum, err := im().Run(t.Context(), client, stB, customerRows(n, 0, true))
			if err != nil || !sum.Finished {
				t.Fatalf("a run after the first: %+v, %v; want it finished already", sum, err)
			}
			checkCustomers(t, client, n, 0, true)
		})
	}
}

// pauseAt yields rows, and before row at closes reached and waits for
// resume.
func pauseAt(rows iter.Seq2[ImportRow, error], at int, reached, resume chan struct{}) iter.Seq2[ImportRow, error] {
	return func(yield func(ImportRow, error) bool) {
		for r, err := range rows {
			if r.Num == at {
				close(reached)
				<-resume
			}
			if !yield(r, err) {
				return
			}
		}
	}
}
