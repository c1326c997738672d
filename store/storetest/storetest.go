// Package storetest is the contract of store.Store as tests: every
// implementation runs Run, so that the SQLite and Postgres stores (and any
// other) keep the same promises.
package storetest

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/nsconnect/nsconnect/store"
)

// Opener opens a handle on one state; each call opens another handle on the
// same state, as another process would.
type Opener func() (store.Store, error)

// Run runs the contract's tests, each in parallel with the others and on a
// state of its own from fresh, which returns the opener of an empty state.
// When the store implements store.Locker, the lock's contract runs too.
func Run(t *testing.T, fresh func(t *testing.T) Opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, open Opener)
	}{
		{"GetPutReopen", testGetPutReopen},
		{"Update", testUpdate},
		{"UpdateOrder", testUpdateOrder},
		{"ScanChunks", testScanChunks},
		{"TwoHandles", testTwoHandles},
		{"ConcurrentUpdates", testConcurrentUpdates},
		{"Lock", testLock},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.fn(t, fresh(t))
		})
	}
}

// Open opens a handle, closed when the test ends.
func Open(t *testing.T, open Opener) store.Store {
	t.Helper()
	st, err := open()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// Scan returns "key=value" of every key under prefix, in order.
func Scan(t *testing.T, st store.Store, prefix string) []string {
	t.Helper()
	var got []string
	err := st.Scan(context.Background(), prefix, func(k string, v []byte) error {
		got = append(got, k+"="+string(v))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// testGetPutReopen: a missing key is nil, an empty value is not, and the
// last value written survives closing and reopening.
func testGetPutReopen(t *testing.T, open Opener) {
	ctx := t.Context()
	st, err := open()
	if err != nil {
		t.Fatal(err)
	}
	if v, err := st.Get(ctx, "a"); err != nil || v != nil {
		t.Fatalf("Get of a missing key = %q, %v; want nil, nil", v, err)
	}
	for _, v := range []string{"one", "two"} {
		if err := st.Put(ctx, "a", []byte(v)); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Put(ctx, "empty", nil); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st = Open(t, open)
	if v, err := st.Get(ctx, "a"); err != nil || string(v) != "two" {
		t.Errorf("Get(a) after reopening = %q, %v; want two", v, err)
	}
	if v, err := st.Get(ctx, "empty"); err != nil || v == nil || len(v) != 0 {
		t.Errorf("Get(empty) = %#v, %v; want an empty, non-nil value", v, err)
	}
	if got := Scan(t, st, "empty"); !slices.Equal(got, []string{"empty="}) {
		t.Errorf("Scan(empty) = %q; want the empty value", got)
	}
}

// testUpdate: a transaction's writes are committed together, left out
// when fn fails, and scanned and deleted by ranges in byte order.
func testUpdate(t *testing.T, open Opener) {
	ctx := t.Context()
	st := Open(t, open)
	err := st.Update(ctx, func(tx store.Tx) error {
		for _, k := range []string{"p/b", "p/a", "p/c", "p0", "p", "q/a", "p/\xff", "p/é"} {
			if err := tx.Put(k, []byte("v"+k)); err != nil {
				return err
			}
		}
		return tx.Put("p/a", []byte("again"))
	})
	if err != nil {
		t.Fatal(err)
	}
	// Byte order: "é" is 0xc3 0xa9, before 0xff, after every ASCII
	// letter, whatever a collation would say.
	want := []string{"p/a=again", "p/b=vp/b", "p/c=vp/c", "p/é=vp/é", "p/\xff=vp/\xff"}
	if got := Scan(t, st, "p/"); !slices.Equal(got, want) {
		t.Errorf("Scan(p/) = %q; want %q", got, want)
	}
	if got := Scan(t, st, ""); len(got) != 8 {
		t.Errorf("Scan(\"\") = %q; want all 8 keys", got)
	}

	// A failing transaction writes nothing, its deletes included.
	boom := errors.New("boom")
	err = st.Update(ctx, func(tx store.Tx) error {
		if err := tx.Put("p/d", []byte("x")); err != nil {
			return err
		}
		if err := tx.DeleteRange("p/", "p0"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update = %v; want fn's error", err)
	}
	if got := Scan(t, st, "p/"); !slices.Equal(got, want) {
		t.Errorf("after a failed Update, Scan(p/) = %q; want %q", got, want)
	}

	// DeleteRange is [from, to); Delete of a missing key is no error.
	err = st.Update(ctx, func(tx store.Tx) error {
		if err := tx.DeleteRange("p/a", "p/c"); err != nil {
			return err
		}
		if err := tx.Delete("missing"); err != nil {
			return err
		}
		return tx.Delete("q/a")
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := Scan(t, st, "p/"), []string{"p/c=vp/c", "p/é=vp/é", "p/\xff=vp/\xff"}; !slices.Equal(got, want) {
		t.Errorf("after DeleteRange(p/a, p/c), Scan(p/) = %q; want %q", got, want)
	}
	if v, err := st.Get(ctx, "q/a"); err != nil || v != nil {
		t.Errorf("Get(q/a) after Delete = %q, %v; want nil", v, err)
	}

	// An error from Scan's fn stops it and comes back.
	n := 0
	err = st.Scan(ctx, "", func(string, []byte) error {
		n++
		return boom
	})
	if !errors.Is(err, boom) || n != 1 {
		t.Errorf("Scan with a failing fn = %v after %d calls; want boom after 1", err, n)
	}
}

// testUpdateOrder: writes in one transaction take effect in the order
// they were made, whatever a store does to send them.
func testUpdateOrder(t *testing.T, open Opener) {
	ctx := t.Context()
	st := Open(t, open)
	if err := st.Put(ctx, "r/old", []byte("x")); err != nil {
		t.Fatal(err)
	}
	err := st.Update(ctx, func(tx store.Tx) error {
		steps := []func() error{
			func() error { return tx.Put("r/a", []byte("1")) },
			func() error { return tx.Delete("r/a") }, // put, then deleted
			func() error { return tx.Delete("r/b") },
			func() error { return tx.Put("r/b", []byte("2")) },       // deleted, then put
			func() error { return tx.Put("r/c", []byte("3")) },       // put, then in a range
			func() error { return tx.DeleteRange("r/", "r0") },       // old, c
			func() error { return tx.Put("r/d", []byte("4")) },       // after the range
			func() error { return tx.DeleteRange("r/z", "r/a") },     // an empty range
			func() error { return tx.Put("r/b", []byte("2 again")) }, // the last wins
		}
		for _, step := range steps {
			if err := step(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := Scan(t, st, "r/"), []string{"r/b=2 again", "r/d=4"}; !slices.Equal(got, want) {
		t.Errorf("Scan(r/) = %q; want %q", got, want)
	}
}

// testScanChunks scans more keys than a store reads at a time, in order,
// while fn writes to the store.
func testScanChunks(t *testing.T, open Opener) {
	ctx := t.Context()
	st := Open(t, open)
	const n = 2500
	err := st.Update(ctx, func(tx store.Tx) error {
		for i := range n {
			if err := tx.Put(fmt.Sprintf("s/%05d", i), nil); err != nil {
				return err
			}
		}
		return tx.Put("t", nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	i := 0
	err = st.Scan(ctx, "s/", func(k string, _ []byte) error {
		if want := fmt.Sprintf("s/%05d", i); k != want {
			return fmt.Errorf("key %d is %s; want %s", i, k, want)
		}
		i++
		if i%500 != 0 {
			return nil
		}
		return st.Put(ctx, "seen", []byte(k)) // while a chunk is read
	})
	if err != nil || i != n {
		t.Fatalf("Scan: %v after %d keys; want %d", err, i, n)
	}
	if v, err := st.Get(ctx, "seen"); err != nil || string(v) != "s/02499" {
		t.Errorf("Get(seen) = %q, %v; want the last key scanned", v, err)
	}
}

// testTwoHandles writes through two handles on one state at once, as two
// processes would: they wait for each other, not fail.
func testTwoHandles(t *testing.T, open Opener) {
	ctx := t.Context()
	stores := []store.Store{Open(t, open), Open(t, open)}
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for i, st := range stores {
		wg.Go(func() {
			for j := range 50 {
				errs <- st.Put(ctx, fmt.Sprintf("k%d-%d", i, j), []byte("v"))
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for i := range 2 {
		if v, err := stores[1-i].Get(ctx, fmt.Sprintf("k%d-49", i)); err != nil || string(v) != "v" {
			t.Errorf("k%d-49 through the other handle = %q, %v", i, v, err)
		}
	}
}

// testConcurrentUpdates runs read-modify-write transactions on the same
// keys, in opposite orders, through two handles: none fails (no deadlock
// escapes), and each transaction's writes land together.
func testConcurrentUpdates(t *testing.T, open Opener) {
	ctx := t.Context()
	stores := []store.Store{Open(t, open), Open(t, open)}
	keys := []string{"c/1", "c/2", "c/3", "c/4"}
	var wg sync.WaitGroup
	errs := make(chan error, 60)
	for i, st := range stores {
		wg.Go(func() {
			for j := range 30 {
				ks := slices.Clone(keys)
				if i == 1 {
					slices.Reverse(ks)
				}
				v := []byte(fmt.Sprintf("%d-%d", i, j))
				errs <- st.Update(ctx, func(tx store.Tx) error {
					for _, k := range ks {
						if err := tx.Put(k, v); err != nil {
							return err
						}
					}
					return tx.DeleteRange("c/3", "c/4")
				})
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	got := Scan(t, stores[0], "c/")
	if len(got) != 3 || got[1] != "c/2="+strings.TrimPrefix(got[0], "c/1=") || got[2] != "c/4="+strings.TrimPrefix(got[0], "c/1=") {
		t.Errorf("after concurrent Updates, Scan(c/) = %q; want c/1, c/2 and c/4 with the value of one transaction", got)
	}
}

// testLock: a lock is refused to another handle while held, naming the
// holder, and free again once released; the lock's store writes and
// reads; locks of other names are independent.
func testLock(t *testing.T, open Opener) {
	ctx := t.Context()
	a, b := Open(t, open), Open(t, open)
	la, ok := a.(store.Locker)
	if !ok {
		t.Skipf("%T does not implement store.Locker", a)
	}
	lb := b.(store.Locker)
	l, err := la.Lock(ctx, "trigger/x")
	if err != nil {
		t.Fatal(err)
	}
	_, err = lb.Lock(ctx, "trigger/x")
	var le *store.LockedError
	if !errors.Is(err, store.ErrLocked) || !errors.As(err, &le) || le.Name != "trigger/x" || le.Holder == "" {
		t.Fatalf("a second Lock = %v; want a LockedError naming the lock and its holder", err)
	}
	if !strings.Contains(err.Error(), fmt.Sprint("pid ", os.Getpid())) {
		t.Errorf("the LockedError %q does not name the holder's pid %d", err, os.Getpid())
	}
	other, err := lb.Lock(ctx, "trigger/y")
	if err != nil {
		t.Fatalf("Lock of another name = %v", err)
	}
	if err := l.Check(ctx); err != nil {
		t.Errorf("Check of a held lock = %v", err)
	}
	if err := l.Update(ctx, func(tx store.Tx) error { return tx.Put("by-lock", []byte("1")) }); err != nil {
		t.Fatal(err)
	}
	if err := l.Put(ctx, "by-lock-put", []byte("2")); err != nil {
		t.Fatal(err)
	}
	if got := Scan(t, b, "by-lock"); !slices.Equal(got, []string{"by-lock=1", "by-lock-put=2"}) {
		t.Errorf("what the lock wrote, through another handle: %q", got)
	}
	if v, err := l.Get(ctx, "by-lock"); err != nil || string(v) != "1" {
		t.Errorf("Get through the lock = %q, %v", v, err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if err := l.Put(ctx, "after", nil); !errors.Is(err, store.ErrLockLost) {
		t.Errorf("Put after Close = %v; want ErrLockLost", err)
	}
	again, err := lb.Lock(ctx, "trigger/x")
	if err != nil {
		t.Fatalf("Lock after the holder released it = %v", err)
	}
	for _, l := range []store.Lock{again, other} {
		if err := l.Close(); err != nil {
			t.Error(err)
		}
	}
	// The store a lock was taken on stays open.
	if err := a.Put(ctx, "still-open", nil); err != nil {
		t.Errorf("Put on the store after its lock's Close = %v", err)
	}
}

// EnvPostgres names the environment variable of the Postgres server the
// tests use; DefaultPostgres is the URL without it.
const (
	EnvPostgres     = "NSCONNECT_TEST_POSTGRES"
	DefaultPostgres = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
)

// PostgresURL returns the URL of a schema of its own on the test server
// ($NSCONNECT_TEST_POSTGRES, else DefaultPostgres), dropped when the test
// ends, so that tests and test processes running at once never share a
// table or a lock. It skips the test when no server answers.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := cmp.Or(os.Getenv(EnvPostgres), DefaultPostgres)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Skipf("no Postgres server for the tests at %s (set %s to one; %v)", store.RedactURL(base), EnvPostgres, err)
	}
	defer conn.Close(context.Background())
	var b [6]byte
	rand.Read(b[:])
	schema := "nsconnect_test_" + hex.EncodeToString(b[:])
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("creating the test schema: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Errorf("dropping the test schema %s: %v", schema, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("dropping the test schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", EnvPostgres, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// TerminateBackend ends the server process pid (pg_terminate_backend), as
// an administrator or a network failure would end a session.
func TerminateBackend(t testing.TB, url string, pid uint32) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var ok bool
	if err := conn.QueryRow(ctx, "SELECT pg_terminate_backend($1::int, 5000)", int64(pid)).Scan(&ok); err != nil || !ok {
		t.Fatalf("pg_terminate_backend(%d) = %v, %v", pid, ok, err)
	}
}
