// Package store keeps nsconnect's durable state (trigger cursors, delivered
// keys, sink positions, import checkpoints) behind one small interface,
// Store: an ordered key-value map whose transactions are atomic and
// durable once they return.
//
// OpenSQLite is the embedded default (modernc.org/sqlite, pure Go, nothing
// to install): one table, kv(key, value), in a WAL-mode file with a busy
// timeout, so that a reader (nsconnect status, say) never blocks a writer
// and two processes on one file wait for each other instead of failing.
//
// OpenPostgres keeps the same map in a PostgreSQL table, for several
// processes on several machines sharing one state (github.com/jackc/pgx/v5):
// nsconnect_kv(key bytea PRIMARY KEY, value bytea NOT NULL), created when
// missing, in the first schema of the connection's search_path. The keys
// are bytea, not text, so that their order is byte order whatever the
// database's collation. Open picks one of the two by the form of its
// argument (a postgres:// or postgresql:// URL, or a file's path).
//
// # Design note: small writes, one transaction
//
// A consumer that must change several things at once (a trigger's cursor,
// the keys it delivered in the last batch, the keys it no longer needs and
// its sink's position) makes the changes in one Update: they are committed
// together or not at all, so the parts never disagree after a crash. Each
// change is a key of its own, so a commit costs what changed, not what is
// kept: a trigger that keeps 100,000 delivered keys writes only the batch's.
// Keys are compared as bytes; a consumer that wants an order (by instant,
// say) encodes it in the key, and Scan and DeleteRange work on it.
//
// On Postgres, Update collects fn's writes and sends them after fn returns,
// in one round trip: the ranges deleted, then the keys deleted and the keys
// written, each in byte order of the keys, so that two processes writing
// the same keys lock them in the same order and do not deadlock (one
// waits for the other); a deadlock the server still detects (with a
// range another process writes into) is retried.
//
// # Exclusive work: Locker
//
// Both stores implement Locker (SQLite on Unix systems): Lock gives one
// process at a time the work of a name, such as one trigger, and
// refuses the others with ErrLocked, naming the holder. On SQLite the lock
// is an advisory file lock (flock(2)) on a file of its own in the
// directory STATE.locks beside the state file; it lasts as long as the
// process. On Postgres it is a session advisory lock
// (pg_try_advisory_lock on a 64-bit hash of the table and the name; see
// https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS)
// held by a connection of its own, which lasts as long as that
// connection's session: a network failure or pg_terminate_backend ends it
// while the process runs on. So the lock's Store commits on that same
// connection: a commit that succeeds ran in the session that holds the
// lock, and once the session is gone every commit fails with ErrLockLost
// and no other process's work is overwritten. A lock is not a lease: there
// is no expiry to tune, and a holder that hangs holds it until its
// connection ends.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver
)

// Store is durable, ordered key-value state with atomic commits.
type Store interface {
	// Get returns the value stored under key, nil when there is none.
	Get(ctx context.Context, key string) ([]byte, error)
	// Scan calls fn with every key that starts with prefix, and its value,
	// in byte order of the keys; an error from fn stops it and is
	// returned.
	Scan(ctx context.Context, prefix string, fn func(key string, value []byte) error) error
	// Put stores value under key, in a transaction of its own.
	Put(ctx context.Context, key string, value []byte) error
	// Update runs fn in one transaction: when fn returns nil its writes
	// are committed together, durably; when it returns an error none is,
	// and Update returns that error. Writes are not visible to Get or Scan
	// until Update returns.
	Update(ctx context.Context, fn func(Tx) error) error
	// Close releases the store.
	Close() error
	// String returns where the state is, for messages: a file's path, or
	// a URL with its password hidden.
	String() string
}

// Open opens the state at where: OpenPostgres when it is a postgres:// or
// postgresql:// URL (IsPostgresURL), else OpenSQLite of the file.
func Open(ctx context.Context, where string) (Store, error) {
	if IsPostgresURL(where) {
		return OpenPostgres(ctx, where)
	}
	return OpenSQLite(where)
}

// Tx is the writes of one transaction (Store.Update).
type Tx interface {
	// Put stores value under key.
	Put(key string, value []byte) error
	// Delete removes key; a key that does not exist is no error.
	Delete(key string) error
	// DeleteRange removes every key k with from <= k < to, in byte order.
	DeleteRange(from, to string) error
}

// OpenSQLite opens (creating) the SQLite state file at path.
//
// The file is in WAL mode with synchronous=FULL, so a commit that returned
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
	// TEXT keys compare with BINARY, SQLite's default collation: byte
	// order, as the interface promises.
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

// scanChunk is how many keys Scan reads at a time.
const scanChunk = 1000

// Scan reads the keys from prefix up to the first key past every key
// that starts with it, through the primary key's index, scanChunk at a
// time: memory stays bounded however many keys match, and fn may use the
// store (its one connection is free while fn runs).
func (s *sqliteStore) Scan(ctx context.Context, prefix string, fn func(string, []byte) error) error {
	end, bounded := prefixEnd(prefix)
	after, first := prefix, true
	for {
		q := `SELECT key, value FROM kv WHERE key > ?`
		if first {
			q = `SELECT key, value FROM kv WHERE key >= ?`
		}
		args := []any{after}
		if bounded {
			q += ` AND key < ?`
			args = append(args, end)
		}
		q += ` ORDER BY key LIMIT ` + fmt.Sprint(scanChunk)
		chunk, err := s.scanChunk(ctx, q, args)
		if err != nil {
			return fmt.Errorf("store: %s: scanning %q: %w", s.path, prefix, err)
		}
		for _, e := range chunk {
			if err := fn(e.key, e.value); err != nil {
				return err
			}
		}
		if len(chunk) < scanChunk {
			return nil
		}
		after, first = chunk[len(chunk)-1].key, false
	}
}

type entry struct {
	key   string
	value []byte
}

// scanChunk runs one query of Scan and reads its rows.
func (s *sqliteStore) scanChunk(ctx context.Context, q string, args []any) ([]entry, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []entry
	for rows.Next() {
		var e entry
		if err := rows.Scan(&e.key, &e.value); err != nil {
			return nil, err
		}
		if e.value == nil {
			e.value = []byte{}
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// prefixEnd is the least key greater than every key that starts with
// prefix; false when there is none (prefix is empty or all 0xff).
func prefixEnd(prefix string) (string, bool) {
	b := []byte(prefix)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 0xff {
			b[i]++
			return string(b[:i+1]), true
		}
	}
	return "", false
}

const upsert = `INSERT INTO kv (key, value) VALUES (?, ?)
	ON CONFLICT (key) DO UPDATE SET value = excluded.value`

// Put stores value under key in one statement, which SQLite runs as one
// transaction.
func (s *sqliteStore) Put(ctx context.Context, key string, value []byte) error {
	if value == nil {
		value = []byte{}
	}
	if _, err := s.db.ExecContext(ctx, upsert, key, value); err != nil {
		return fmt.Errorf("store: %s: writing %q: %w", s.path, key, err)
	}
	return nil
}

// Update runs fn in an IMMEDIATE transaction (_txlock above): it takes
// the write lock at the start, so two processes wait for each other at
// BEGIN instead of failing at COMMIT.
func (s *sqliteStore) Update(ctx context.Context, fn func(Tx) error) error {
	return s.update(ctx, fn, nil)
}

// update is Update, calling check, when set, inside the transaction
// before it commits: an error from check rolls it back.
func (s *sqliteStore) update(ctx context.Context, fn func(Tx) error, check func() error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: %s: beginning a transaction: %w", s.path, err)
	}
	t := &sqliteTx{ctx: ctx, tx: tx, path: s.path}
	if err := fn(t); err != nil {
		t.close()
		tx.Rollback()
		return err
	}
	t.close()
	if check != nil {
		if err := check(); err != nil {
			tx.Rollback()
			return fmt.Errorf("store: %s: not committing: %w", s.path, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: %s: committing: %w", s.path, err)
	}
	return nil
}

// sqliteTx is the Tx of sqliteStore.Update; it prepares its upsert once.
type sqliteTx struct {
	ctx  context.Context
	tx   *sql.Tx
	path string
	put  *sql.Stmt
}

func (t *sqliteTx) Put(key string, value []byte) error {
	if value == nil {
		value = []byte{}
	}
	if t.put == nil {
		st, err := t.tx.PrepareContext(t.ctx, upsert)
		if err != nil {
			return fmt.Errorf("store: %s: writing %q: %w", t.path, key, err)
		}
		t.put = st
	}
	if _, err := t.put.ExecContext(t.ctx, key, value); err != nil {
		return fmt.Errorf("store: %s: writing %q: %w", t.path, key, err)
	}
	return nil
}

func (t *sqliteTx) Delete(key string) error {
	if _, err := t.tx.ExecContext(t.ctx, `DELETE FROM kv WHERE key = ?`, key); err != nil {
		return fmt.Errorf("store: %s: deleting %q: %w", t.path, key, err)
	}
	return nil
}

func (t *sqliteTx) DeleteRange(from, to string) error {
	if _, err := t.tx.ExecContext(t.ctx, `DELETE FROM kv WHERE key >= ? AND key < ?`, from, to); err != nil {
		return fmt.Errorf("store: %s: deleting [%q, %q): %w", t.path, from, to, err)
	}
	return nil
}

func (t *sqliteTx) close() {
	if t.put != nil {
		t.put.Close()
	}
}

// Close closes the database.
func (s *sqliteStore) Close() error { return s.db.Close() }

// String returns the file's path.
func (s *sqliteStore) String() string { return s.path }
