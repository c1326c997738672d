// Package store keeps nsconnect's durable state (trigger cursors, delivered
// keys, sink positions) behind one small interface, Store: a key-value map
// whose Put is atomic and durable once it returns.
//
// OpenSQLite is the embedded default (modernc.org/sqlite, pure Go, nothing
// to install): one table, kv(key, value), in a WAL-mode file with a busy
// timeout, so that a reader (nsconnect status, say) never blocks a writer
// and two processes on one file wait for each other instead of failing.
//
// # Design note: one value per commit
//
// A consumer that must change several things at once (a trigger's cursor,
// the keys it delivered inside its overlap window and its sink's position)
// keeps them in one value, JSON for instance, under one key, and Puts that
// value: one Put is one transaction, so the parts never disagree after a
// crash. This keeps the interface to Get and Put, which any database can
// offer. A Postgres implementation (for several workers sharing the work)
// will implement the same interface with
// INSERT ... ON CONFLICT (key) DO UPDATE on a table of the same shape;
// nothing that uses Store needs to change.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver
)

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
//
// The file is in WAL mode with synchronous=FULL, so a Put that returned
// survives a crash of the process or the machine, and a busy timeout of 10 s,
// so that another process holding the write lock is waited for.
func OpenSQLite(path string) (Store, error) {
	if path == "" {
		return nil, errors.New("store: OpenSQLite: the path is empty; give the state file to use, such as nsconnect.db")
	}
	// In an SQLite URI filename %, ? and # are special: escape them so
	// that the file is the one named.
	escaped := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	dsn := "file:" + escaped + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(FULL)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: opening %s: %w", path, err)
	}
	// One connection: SQLite has one writer at a time anyway, and the
	// pragmas above then hold for every statement.
	db.SetMaxOpenConns(1)
	const schema = `CREATE TABLE IF NOT EXISTS kv (
		key   TEXT PRIMARY KEY,
		value BLOB NOT NULL
	)`
	if _, err := db.Exec(schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: opening %s: %w", path, err)
	}
	return &sqliteStore{db: db, path: path}, nil
}

// sqliteStore is the SQLite Store.
type sqliteStore struct {
	db   *sql.DB
	path string
}

var _ Store = (*sqliteStore)(nil)

// Get returns the value under key, nil when there is none.
func (s *sqliteStore) Get(ctx context.Context, key string) ([]byte, error) {
	var v []byte
	err := s.db.QueryRowContext(ctx, `SELECT value FROM kv WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: %s: reading %q: %w", s.path, key, err)
	}
	if v == nil {
		v = []byte{} // stored empty, not absent
	}
	return v, nil
}

// Put stores value under key in one statement, which SQLite runs as one
// transaction.
func (s *sqliteStore) Put(ctx context.Context, key string, value []byte) error {
	if value == nil {
		value = []byte{}
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO kv (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("store: %s: writing %q: %w", s.path, key, err)
	}
	return nil
}

// Close closes the database.
func (s *sqliteStore) Close() error { return s.db.Close() }
