package store_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/nsconnect/nsconnect/store"
)

func TestSQLite(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "state.db")
	st, err := store.OpenSQLite(path)
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

	// Reopened, the last values are there.
	st, err = store.OpenSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if v, err := st.Get(ctx, "a"); err != nil || string(v) != "two" {
		t.Errorf("Get(a) after reopening = %q, %v; want two", v, err)
	}
	if v, err := st.Get(ctx, "empty"); err != nil || v == nil || len(v) != 0 {
		t.Errorf("Get(empty) = %#v, %v; want an empty, non-nil value", v, err)
	}
}

// TestSQLiteTwoHandles writes through two handles on one file at once, as
// two processes would: the busy timeout makes them wait, not fail.
func TestSQLiteTwoHandles(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "state.db")
	var stores []store.Store
	for range 2 {
		st, err := store.OpenSQLite(path)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		stores = append(stores, st)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for i, st := range stores {
		wg.Go(func() {
			for j := range 100 {
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
		if v, err := stores[1-i].Get(ctx, fmt.Sprintf("k%d-99", i)); err != nil || string(v) != "v" {
			t.Errorf("k%d-99 through the other handle = %q, %v", i, v, err)
		}
	}
}

func TestOpenSQLiteEmptyPath(t *testing.T) {
	t.Parallel()
	if _, err := store.OpenSQLite(""); err == nil {
		t.Error("OpenSQLite(\"\") succeeded")
	}
}

// TestSQLiteUpdate commits a transaction's writes together, leaves them all
// out when fn fails, and scans and deletes ranges in byte order.
func TestSQLiteUpdate(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "state.db")
	st, err := store.OpenSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	err = st.Update(ctx, func(tx store.Tx) error {
		for _, k := range []string{"p/b", "p/a", "p/c", "p0", "p", "q/a", "p/\xff"} {
			if err := tx.Put(k, []byte("v"+k)); err != nil {
				return err
			}
		}
		return tx.Put("p/a", []byte("again"))
	})
	if err != nil {
		t.Fatal(err)
	}
	scan := func(prefix string) []string {
		t.Helper()
		var got []string
		err := st.Scan(ctx, prefix, func(k string, v []byte) error {
			got = append(got, k+"="+string(v))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	want := []string{"p/a=again", "p/b=vp/b", "p/c=vp/c", "p/\xff=vp/\xff"}
	if got := scan("p/"); !slices.Equal(got, want) {
		t.Errorf("Scan(p/) = %q; want %q", got, want)
	}
	if got := scan(""); len(got) != 7 {
		t.Errorf("Scan(\"\") = %q; want all 7 keys", got)
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
	if got := scan("p/"); !slices.Equal(got, want) {
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
	if got, want := scan("p/"), []string{"p/c=vp/c", "p/\xff=vp/\xff"}; !slices.Equal(got, want) {
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

// TestSQLiteScanChunks scans more keys than one chunk, in order, while fn
// writes to the store.
func TestSQLiteScanChunks(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	st, err := store.OpenSQLite(filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const n = 2500
	err = st.Update(ctx, func(tx store.Tx) error {
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
		return st.Put(ctx, "seen", []byte(k))
	})
	if err != nil || i != n {
		t.Fatalf("Scan: %v after %d keys; want %d", err, i, n)
	}
}
