package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"
)

// ErrLocked is the error (matched with errors.Is) of Locker.Lock when
// another process holds the lock; it is a *LockedError, which names the
// holder.
var ErrLocked = errors.New("store: the lock is held by another process")

// ErrLockLost is the error (matched with errors.Is) of a Lock's Put,
// Update and Check once the lock is no longer held: its Postgres session
// ended, or its SQLite lock file was removed, and another process may
// hold it now.
var ErrLockLost = errors.New("store: the lock was lost")

// Locker is implemented by a Store that can give one process at a time
// the work of a name (see the package doc).
type Locker interface {
	// Lock takes the lock of name without waiting, or returns a
	// *LockedError (errors.Is ErrLocked) when another process holds it.
	// The lock is held until the Lock's Close or the process's end.
	Lock(ctx context.Context, name string) (Lock, error)
}

// Lock is a held lock, and the store seen through it: Get and Scan read as
// the store does; Put and Update commit only while the lock is held, and
// fail with ErrLockLost once it is not. Close releases the lock, not the
// store it was taken on.
type Lock interface {
	Store
	// Check returns nil while the lock is held, an error matching
	// ErrLockLost once it is not (or another error when it cannot
	// tell).
	Check(ctx context.Context) error
}

// LockedError is the error of Lock when another process holds the lock.
type LockedError struct {
	Name   string // the lock's name
	Holder string // who holds it, as well as the store can tell
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("store: %q is locked by %s", e.Name, e.Holder)
}

// Is makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// holder describes this process for another that finds its lock.
func holder() string {
	host, err := os.Hostname()
	if err != nil {
		host = "an unnamed host"
	}
	return fmt.Sprintf("pid %d on %s since %s", os.Getpid(), host, time.Now().UTC().Format(time.RFC3339))
}
