package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"maps"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// pgTable is the table of the Postgres store, in the first schema of the
// connection's search_path.
const pgTable = "nsconnect_kv"

// IsPostgresURL reports whether state names a Postgres database: a
// postgres:// or postgresql:// URL (any case), not a file.
func IsPostgresURL(state string) bool {
	l := strings.ToLower(state)
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// RedactURL returns a Postgres URL with its password, in the user
// information or a password parameter, shown as xxxxx: the form for
// messages and logs.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(a Postgres URL that does not parse; not shown, it may hold a password)"
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}

// OpenPostgres connects to the Postgres database at url (postgres:// or
// postgresql://, with the parameters libpq takes, such as sslmode) and
// creates the table nsconnect_kv when it is missing, in the first schema of
// the search_path (a search_path parameter in url chooses another, which
// must exist).
//
// Its errors and String show url with the password hidden (RedactURL).
func OpenPostgres(ctx context.Context, url string) (Store, error) {
	shown := RedactURL(url)
	if !IsPostgresURL(url) {
		return nil, fmt.Errorf("store: OpenPostgres: %s is not a postgres:// or postgresql:// URL", shown)
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// pgx's message quotes the URL; its cause does not.
		return nil, fmt.Errorf("store: %s does not parse: %w", shown, cmp.Or(errors.Unwrap(err), errors.New("not a valid connection URL")))
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", shown, err)
	}
	s := &pgStore{pool: pool, shown: shown, lockCfg: cfg.ConnConfig}
	if err := s.init(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: %s: %w", shown, err)
	}
	return s, nil
}

// pgStore is the Postgres Store.
type pgStore struct {
	pool    *pgxpool.Pool
	shown   string          // the URL, redacted
	table   string          // the table, schema-qualified and quoted
	lockCfg *pgx.ConnConfig // the connection of a Lock
}

var (
	_ Store  = (*pgStore)(nil)
	_ Locker = (*pgStore)(nil)
)

// init finds the schema and creates the table.
func (s *pgStore) init(ctx context.Context) error {
	var schema *string
	if err := s.pool.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		return err
	}
	if schema == nil {
		return errors.New("no schema of the search_path exists; create it, or name one that does in the URL's search_path parameter")
	}
	s.table = pgx.Identifier{*schema, pgTable}.Sanitize()
	create := `CREATE TABLE IF NOT EXISTS ` + s.table + ` (key bytea PRIMARY KEY, value bytea NOT NULL)`
	_, err := s.pool.Exec(ctx, create)
	if pgCode(err) == "23505" || pgCode(err) == "42P07" {
		// Another process created it at the same time: it is there now.
		_, err = s.pool.Exec(ctx, create)
	}
	if err != nil {
		return fmt.Errorf("creating the table %s: %w", s.table, err)
	}
	return nil
}

// pgCode is the SQLSTATE of a server error, "" for any other.
func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// String returns the URL with the password hidden.
func (s *pgStore) String() string { return s.shown }

// Get returns the value under key, nil when there is none.
func (s *pgStore) Get(ctx context.Context, key string) ([]byte, error) {
	var v []byte
	err := s.pool.QueryRow(ctx, `SELECT value FROM `+s.table+` WHERE key = $1`, []byte(key)).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: %s: reading %q: %w", s.shown, key, err)
	}
	if v == nil {
		v = []byte{} // stored empty, not absent
	}
	return v, nil
}

// Scan reads the keys from prefix up to the first key past every key that
// starts with it, scanChunk at a time, through the primary key's index:
// memory stays bounded however many keys match, and fn may use the store
// (no connection is held while fn runs).
func (s *pgStore) Scan(ctx context.Context, prefix string, fn func(string, []byte) error) error {
	end, bounded := prefixEnd(prefix)
	after, first := []byte(prefix), true
	for {
		q := `SELECT key, value FROM ` + s.table + ` WHERE key > $1`
		if first {
			q = `SELECT key, value FROM ` + s.table + ` WHERE key >= $1`
		}
		args := []any{after}
		if bounded {
			q += ` AND key < $2`
			args = append(args, []byte(end))
		}
		q += fmt.Sprintf(` ORDER BY key LIMIT %d`, scanChunk)
		rows, _ := s.pool.Query(ctx, q, args...)
		chunk, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (entry, error) {
			var k, v []byte
			err := r.Scan(&k, &v)
			if v == nil {
				v = []byte{}
			}
			return entry{key: string(k), value: v}, err
		})
		if err != nil {
			return fmt.Errorf("store: %s: scanning %q: %w", s.shown, prefix, err)
		}
		for _, e := range chunk {
			if err := fn(e.key, e.value); err != nil {
				return err
			}
		}
		if len(chunk) < scanChunk {
			return nil
		}
		after, first = []byte(chunk[len(chunk)-1].key), false
	}
}

// Put stores value under key in one statement.
func (s *pgStore) Put(ctx context.Context, key string, value []byte) error {
	return s.Update(ctx, func(tx Tx) error { return tx.Put(key, value) })
}

// Update collects fn's writes and commits them in one transaction (see
// the package doc).
func (s *pgStore) Update(ctx context.Context, fn func(Tx) error) error {
	t, err := collect(fn)
	if err != nil {
		return err
	}
	if err := s.commit(ctx, s.pool, t); err != nil {
		return fmt.Errorf("store: %s: committing: %w", s.shown, err)
	}
	return nil
}

// batcher is a pool or one connection.
type batcher interface {
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
}

// commit sends t's writes as one batch on b, retrying when the server
// found a deadlock. The batch is one round trip and one transaction: the
// statements of a batch run in an implicit transaction, committed at its
// end or not at all (pgx's Conn.SendBatch; the extended query protocol's
// Sync, https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY).
func (s *pgStore) commit(ctx context.Context, b batcher, t *pgTx) error {
	if len(t.writes) == 0 && len(t.ranges) == 0 {
		return nil
	}
	batch := t.batch(s.table)
	for attempt := 1; ; attempt++ {
		err := b.SendBatch(ctx, batch).Close()
		if pgCode(err) != "40P01" || attempt == 3 {
			return err
		}
	}
}

// collect runs fn on a new pgTx.
func collect(fn func(Tx) error) (*pgTx, error) {
	t := &pgTx{writes: map[string]pgWrite{}}
	return t, fn(t)
}

// pgTx collects the writes of one Update.
type pgTx struct {
	writes map[string]pgWrite
	ranges [][2]string
}

type pgWrite struct {
	value   []byte
	deleted bool
}

func (t *pgTx) Put(key string, value []byte) error {
	if value == nil {
		value = []byte{}
	}
	t.writes[key] = pgWrite{value: value}
	return nil
}

func (t *pgTx) Delete(key string) error {
	t.writes[key] = pgWrite{deleted: true}
	return nil
}

// DeleteRange forgets the writes it covers: the range is deleted before
// the keys are written.
func (t *pgTx) DeleteRange(from, to string) error {
	if from >= to {
		return nil
	}
	for k := range t.writes {
		if from <= k && k < to {
			delete(t.writes, k)
		}
	}
	t.ranges = append(t.ranges, [2]string{from, to})
	return nil
}

// batch is the statements of t: the ranges, then the deleted keys, then
// the written ones, each in byte order.
func (t *pgTx) batch(table string) *pgx.Batch {
	b := &pgx.Batch{}
	slices.SortFunc(t.ranges, func(x, y [2]string) int { return strings.Compare(x[0], y[0]) })
	for _, r := range t.ranges {
		b.Queue(`DELETE FROM `+table+` WHERE key >= $1 AND key < $2`, []byte(r[0]), []byte(r[1]))
	}
	var dels, keys, values [][]byte
	for _, k := range slices.Sorted(maps.Keys(t.writes)) {
		switch w := t.writes[k]; {
		case w.deleted:
			dels = append(dels, []byte(k))
		default:
			keys, values = append(keys, []byte(k)), append(values, w.value)
		}
	}
	if len(dels) > 0 {
		b.Queue(`DELETE FROM `+table+` WHERE key = ANY($1)`, dels)
	}
	if len(keys) > 0 {
		b.Queue(`INSERT INTO `+table+` (key, value) SELECT * FROM unnest($1::bytea[], $2::bytea[])
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, keys, values)
	}
	return b
}

// Close closes the pool, waiting for the connections in use.
func (s *pgStore) Close() error {
	s.pool.Close()
	return nil
}

// Lock takes the session advisory lock of name on a connection of its
// own, whose application_name says which process holds it.
func (s *pgStore) Lock(ctx context.Context, name string) (Lock, error) {
	if name == "" {
		return nil, errors.New("store: Lock: the name is empty")
	}
	cfg := s.lockCfg.Copy()
	cfg.RuntimeParams["application_name"] = "nsconnect " + holder()
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: %s: connecting to lock %q: %w", s.shown, name, err)
	}
	key := lockKey(s.table, name)
	var ok bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, key).Scan(&ok); err != nil {
		conn.Close(context.Background())
		return nil, fmt.Errorf("store: %s: locking %q: %w", s.shown, name, err)
	}
	if !ok {
		who := s.holder(ctx, conn, key)
		conn.Close(context.Background())
		return nil, &LockedError{Name: name, Holder: who}
	}
	return &pgLock{pgStore: s, name: name, conn: conn}, nil
}

// lockKey is the advisory lock key of name on table: a 64-bit FNV-1a hash,
// so that two tables (two schemas) on one database never share a lock.
func lockKey(table, name string) int64 {
	h := fnv.New64a()
	h.Write([]byte(table + "\x00" + name))
	return int64(h.Sum64())
}

// holder describes the session that holds the advisory lock key, as the
// server's pg_locks and pg_stat_activity show it.
func (s *pgStore) holder(ctx context.Context, conn *pgx.Conn, key int64) string {
	var (
		pid   int32
		app   string
		from  string
		since time.Time
	)
	// A bigint key is the pair (classid, objid) with objsubid 1:
	// https://www.postgresql.org/docs/current/view-pg-locks.html
	err := conn.QueryRow(ctx, `SELECT a.pid, coalesce(a.application_name, ''), coalesce(host(a.client_addr), 'a local socket'), a.backend_start
		FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
		WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
		AND l.classid = $1::bigint::oid AND l.objid = $2::bigint::oid
		AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
		int64(uint64(key)>>32), int64(uint32(key))).Scan(&pid, &app, &from, &since)
	if err != nil {
		return "another session of the database (it could not be named: " + err.Error() + ")"
	}
	return fmt.Sprintf("%q (server process %d, connected from %s since %s)", app, pid, from, since.UTC().Format(time.RFC3339))
}

// pgLock is a held advisory lock; its writes run on the lock's connection.
type pgLock struct {
	*pgStore
	name string
	mu   sync.Mutex // guards conn, which is not safe for concurrent use
	conn *pgx.Conn  // nil once closed
}

// Put stores value under key, on the lock's connection.
func (l *pgLock) Put(ctx context.Context, key string, value []byte) error {
	return l.Update(ctx, func(tx Tx) error { return tx.Put(key, value) })
}

// Update commits on the lock's connection: it succeeds only in the
// session that holds the lock.
func (l *pgLock) Update(ctx context.Context, fn func(Tx) error) error {
	t, err := collect(fn)
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn == nil {
		return fmt.Errorf("store: %s: the lock %q was released: %w", l.shown, l.name, ErrLockLost)
	}
	if len(t.writes) == 0 && len(t.ranges) == 0 {
		// Nothing to write, but the caller learns, as from a commit,
		// whether the lock is still held.
		_, err = l.conn.Exec(ctx, `SELECT 1`)
	} else {
		err = l.commit(ctx, l.conn, t)
	}
	if err := l.lost(ctx, err); err != nil {
		return fmt.Errorf("store: %s: committing: %w", l.shown, err)
	}
	return nil
}

// Check returns nil while the lock's session lives, and so holds the lock.
func (l *pgLock) Check(ctx context.Context) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn == nil {
		return fmt.Errorf("store: %s: the lock %q was released: %w", l.shown, l.name, ErrLockLost)
	}
	_, err := l.conn.Exec(ctx, `SELECT 1`)
	return l.lost(ctx, err)
}

// lost turns an error of the lock's connection into ErrLockLost when the
// connection is gone with the session (and so the lock), unless ctx
// ended: pgx closes a connection whose query is interrupted.
func (l *pgLock) lost(ctx context.Context, err error) error {
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil || !l.conn.IsClosed():
		return err
	}
	return fmt.Errorf("the session holding the lock %q ended (%v); another process may hold it now: %w", l.name, err, ErrLockLost)
}

// Close releases the lock by ending its session; the store stays open.
func (l *pgLock) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	// Unlock before closing: the server ends a closed session a moment
	// later, and until then the lock would still refuse the next holder
	// (a run started right after this one ended). An error here (the
	// session is gone already, say) leaves the unlocking to the end of
	// the session, which Close brings.
	l.conn.Exec(ctx, `SELECT pg_advisory_unlock($1)`, lockKey(l.table, l.name))
	err := l.conn.Close(ctx)
	l.conn = nil
	return err
}

// BackendPID is the server process of the lock's session, for an
// operator (pg_terminate_backend ends it and so releases the lock).
func (l *pgLock) BackendPID() uint32 {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn == nil {
		return 0
	}
	return l.conn.PgConn().PID()
}
