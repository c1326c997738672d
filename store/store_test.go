package store_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nsconnect/nsconnect/store"
	"github.com/nsconnect/nsconnect/store/storetest"
)

func TestSQLite(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T) storetest.Opener {
		path := filepath.Join(t.TempDir(), "state.db")
		return func() (store.Store, error) { return store.OpenSQLite(path) }
	})
}

func TestOpenSQLiteEmptyPath(t *testing.T) {
	t.Parallel()
	if _, err := store.OpenSQLite(""); err == nil {
		t.Error("OpenSQLite(\"\") succeeded")
	}
}

// TestSQLiteLockLost removes the lock file under a held lock, as a
// careless clean-up would: another process could lock the new file, so the
// holder must commit nothing more.
func TestSQLiteLockLost(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "state.db")
	st, err := store.OpenSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	l, err := st.(store.Locker).Lock(ctx, "import/a b/c")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	files, _ := filepath.Glob(filepath.Join(path+".locks", "*"))
	if len(files) != 1 || !strings.HasSuffix(files[0], "import%2Fa%20b%2Fc") {
		t.Fatalf("lock files %q; want one, named by the escaped lock name", files)
	}
	if err := os.Remove(files[0]); err != nil {
		t.Fatal(err)
	}
	if err := l.Check(ctx); !errors.Is(err, store.ErrLockLost) {
		t.Errorf("Check after the lock file went = %v; want ErrLockLost", err)
	}
	if err := l.Put(ctx, "k", []byte("v")); !errors.Is(err, store.ErrLockLost) {
		t.Errorf("Put after the lock file went = %v; want ErrLockLost", err)
	}
	if v, err := st.Get(ctx, "k"); err != nil || v != nil {
		t.Errorf("Get(k) = %q, %v; want nothing committed", v, err)
	}
}

func TestOpen(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.db")
	st, err := store.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if st.String() != path {
		t.Errorf("String() = %q; want the path %q", st.String(), path)
	}
}
