// Package store keeps nsconnect's durable state (trigger cursors, delivered
// keys, sink positions): embedded SQLite by default (modernc.org/sqlite),
// Postgres later behind the same interface.
//
// CONTRACT STUB for issue 12: the connector helper implements it.
package store

import "context"

// Store is durable key-value state with atomic commits.
type Store interface {
	// Get returns the value stored under key, nil when there is none.
	Get(ctx context.Context, key string) ([]byte, error)
	// Put stores value under key, atomically with nothing else.
	Put(ctx context.Context, key string, value []byte) error
	// Close releases the store.
	Close() error
}

// OpenSQLite opens (creating) the SQLite state file at path.
func OpenSQLite(path string) (Store, error) { panic("not implemented") }
