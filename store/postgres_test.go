package store_test

import (
	"context"
	"errors"
	"fmt"
	neturl "net/url"
	"strings"
	"testing"

	"github.com/nsconnect/nsconnect/store"
	"github.com/nsconnect/nsconnect/store/storetest"
)

func TestPostgres(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T) storetest.Opener {
		url := storetest.PostgresURL(t)
		return func() (store.Store, error) { return store.OpenPostgres(context.Background(), url) }
	})
}

// TestPostgresLockLost ends the session of a held lock from outside:
// the holder's commits fail with ErrLockLost and write nothing, and another
// handle can take the lock.
func TestPostgresLockLost(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	url := storetest.PostgresURL(t)
	a, b := openPostgres(t, url), openPostgres(t, url)
	l, err := a.(store.Locker).Lock(ctx, "trigger/t")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if _, err := b.(store.Locker).Lock(ctx, "trigger/t"); !errors.Is(err, store.ErrLocked) || !strings.Contains(err.Error(), "server process") {
		t.Fatalf("Lock while held = %v; want ErrLocked naming the holder's server process", err)
	}
	storetest.TerminateBackend(t, url, l.(interface{ BackendPID() uint32 }).BackendPID())
	if err := l.Update(ctx, func(tx store.Tx) error { return tx.Put("k", []byte("v")) }); !errors.Is(err, store.ErrLockLost) {
		t.Errorf("Update after the session ended = %v; want ErrLockLost", err)
	}
	if err := l.Update(ctx, func(store.Tx) error { return nil }); !errors.Is(err, store.ErrLockLost) {
		t.Errorf("an empty Update after the session ended = %v; want ErrLockLost", err)
	}
	if err := l.Check(ctx); !errors.Is(err, store.ErrLockLost) {
		t.Errorf("Check after the session ended = %v; want ErrLockLost", err)
	}
	if v, err := b.Get(ctx, "k"); err != nil || v != nil {
		t.Errorf("Get(k) = %q, %v; want nothing committed", v, err)
	}
	l2, err := b.(store.Locker).Lock(ctx, "trigger/t")
	if err != nil {
		t.Fatalf("Lock after the holder's session ended = %v", err)
	}
	l2.Close()
}

func openPostgres(t *testing.T, url string) store.Store {
	t.Helper()
	st, err := store.OpenPostgres(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestPostgresURLRedacted: the password is in no error and not in String.
func TestPostgresURLRedacted(t *testing.T) {
	t.Parallel()
	const secret = "s3cr3t-pw"
	for _, url := range []string{
		"postgres://u:" + secret + "@127.0.0.1:1/db?connect_timeout=1",
		"postgresql://u@127.0.0.1:1/db?password=" + secret + "&connect_timeout=1",
		"postgres://u:" + secret + "@127.0.0.1:notaport/db",
		"postgres://u:" + secret + "@[::1/db",
		"mysql://u:" + secret + "@127.0.0.1/db",
		"postgres://u:" + secret + "@127.0.0.1/db?sslmode=bogus",
	} {
		st, err := store.OpenPostgres(t.Context(), url)
		if err == nil {
			st.Close()
			t.Errorf("OpenPostgres(%s) succeeded", store.RedactURL(url))
			continue
		}
		if strings.Contains(err.Error(), secret) || strings.Contains(fmt.Sprintf("%+v", err), secret) {
			t.Errorf("OpenPostgres error shows the password: %v", err)
		}
		if strings.Contains(store.RedactURL(url), secret) {
			t.Errorf("RedactURL shows the password: %s", store.RedactURL(url))
		}
	}
	u, err := neturl.Parse(storetest.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	u.User = neturl.UserPassword(u.User.Username(), secret)
	st, err := store.OpenPostgres(t.Context(), u.String()) // trust auth ignores it
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if s := st.String(); strings.Contains(s, secret) || !strings.Contains(s, "xxxxx") {
		t.Errorf("String() = %q; want the password hidden", s)
	}
}

// TestPostgresLockFreeOnClose: a lock closed is free at once for another
// process (the next run of an import started right after one ended), not
// only when the server has ended the closed session.
func TestPostgresLockFreeOnClose(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	url := storetest.PostgresURL(t)
	a, b := openPostgres(t, url), openPostgres(t, url)
	for i := range 20 {
		l, err := a.(store.Locker).Lock(ctx, "import/x")
		if err != nil {
			t.Fatalf("round %d: Lock = %v", i, err)
		}
		if err := l.Close(); err != nil {
			t.Fatalf("round %d: Close = %v", i, err)
		}
		l2, err := b.(store.Locker).Lock(ctx, "import/x")
		if err != nil {
			t.Fatalf("round %d: Lock right after the holder closed it = %v", i, err)
		}
		l2.Close()
	}
}
