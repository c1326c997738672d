package store_test

import (
	"context"
	"fmt"
	"path/filepath"
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
