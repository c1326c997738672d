//go:build unix

package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

var _ Locker = (*sqliteStore)(nil)

// Lock takes an exclusive flock(2) on the file STATE.locks/NAME (the name
// escaped as a URL path segment) and writes this process's description in
// it for the process it refuses. Two opens of the file conflict even in one
// process: flock locks belong to the open file.
func (s *sqliteStore) Lock(ctx context.Context, name string) (Lock, error) {
	if name == "" {
		return nil, errors.New("store: Lock: the name is empty")
	}
	dir := s.path + ".locks"
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("store: %s: creating the lock directory: %w", s.path, err)
	}
	path := filepath.Join(dir, lockFileName(name))
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("store: %s: opening the lock file of %q: %w", s.path, name, err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			b, _ := os.ReadFile(path)
			who := strings.TrimSpace(string(b))
			if who == "" {
				who = "another process"
			}
			return nil, &LockedError{Name: name, Holder: who + " (lock file " + path + ")"}
		}
		return nil, fmt.Errorf("store: %s: locking %s: %w", s.path, path, err)
	}
	if err := f.Truncate(0); err == nil {
		_, err = f.WriteAt([]byte("nsconnect "+holder()+"\n"), 0)
	}
	return &sqliteLock{sqliteStore: s, name: name, path: path, f: f}, nil
}

// lockFileName is name escaped for a file name; a long one is cut and
// told apart by its hash.
func lockFileName(name string) string {
	n := url.PathEscape(name)
	if len(n) > 120 {
		sum := sha256.Sum256([]byte(name))
		n = n[:100] + "-" + hex.EncodeToString(sum[:8])
	}
	return n
}

// sqliteLock is a held file lock.
type sqliteLock struct {
	*sqliteStore
	name, path string
	mu         sync.Mutex
	f          *os.File // nil once closed
}

// Put stores value under key while the lock is held.
func (l *sqliteLock) Put(ctx context.Context, key string, value []byte) error {
	return l.Update(ctx, func(tx Tx) error { return tx.Put(key, value) })
}

// Update checks, in the transaction before it commits, that the lock is
// still held.
func (l *sqliteLock) Update(ctx context.Context, fn func(Tx) error) error {
	return l.update(ctx, fn, func() error { return l.Check(ctx) })
}

// Check returns ErrLockLost when the lock file is no longer the file
// locked: it was removed or replaced, and another process may lock the new
// one.
func (l *sqliteLock) Check(context.Context) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return fmt.Errorf("store: %s: the lock %q was released: %w", l.sqliteStore.path, l.name, ErrLockLost)
	}
	held, err := l.f.Stat()
	if err != nil {
		return fmt.Errorf("store: %s: checking the lock %q: %w", l.sqliteStore.path, l.name, err)
	}
	now, err := os.Stat(l.path)
	if err != nil || !os.SameFile(held, now) {
		return fmt.Errorf("store: the lock file %s was removed or replaced; another process may hold %q now: %w", l.path, l.name, ErrLockLost)
	}
	return nil
}

// Close releases the lock; the file stays for the next holder.
func (l *sqliteLock) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	err := l.f.Close() // closing the last descriptor releases the flock
	l.f = nil
	return err
}
