package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"time"
)

// ErrNotEmpty is returned by Load when the store already holds records.
var ErrNotEmpty = errors.New("store: a bulk load needs a store without records")

// A Loader adds many records to a store that had none, fast: for seeding.
// Store.Load gives one.
//
// Records are written by a goroutine of their own, so that encoding and
// inserting a record overlaps with producing the next; Create returns as soon
// as the record is numbered and checked. The secondary indexes and the
// triggers of the records table are dropped for the load and built again at
// its end, from the same statements: SQLite builds an index from sorted rows
// many times faster than it maintains it one insert at a time. Records are
// committed every loadChunk records, the kept counts, the sequences and the
// meta values with them, so that a committed chunk is a consistent store; a
// store whose load was cut short gets its indexes back when it is opened
// next (Open creates any that are missing).
//
// A Loader is not safe for concurrent use.
type Loader struct {
	s   *Store
	ctx context.Context

	start map[string]int64               // family -> its last ID before the load
	last  map[string]int64               // family -> the last ID given
	eids  map[string]map[string]struct{} // type -> the external IDs given
	meta  map[string]string              // meta values set during the load

	batch []loadOp      // operations not yet handed to the writer
	ops   chan []loadOp // to the writer
	done  chan struct{} // closed when the writer has returned

	mu     sync.Mutex
	failed chan struct{} // closed when the writer failed
	err    error         // the writer's error, under mu
}

// loadChunk is how many records a transaction of a load commits: enough that
// commits cost little, few enough that the write-ahead log stays small.
const loadChunk = 10_000

// loadBatch is how many operations the caller hands the writer at once.
const loadBatch = 256

// A loadOp is one operation of a load, done by the writer in order.
type loadOp struct {
	rec        *Record // to insert; nil for the others
	family     string  // rec's ID family
	key, value string  // a meta value to store when rec and get are nil
	get        *loadGet
}

// A loadGet is a read the writer answers after the records before it.
type loadGet struct {
	family string
	id     int64
	reply  chan loadGot
}

type loadGot struct {
	rec *Record
	err error
}

// Load runs fn with a Loader that adds records to s, which must hold none
// (ErrNotEmpty otherwise), then builds the indexes. The records fn added
// before an error stay, as they would one Create at a time; the indexes are
// built again whatever happens. Other writers wait for the load's
// transactions, and must create no record meanwhile (records.Service.Bulk
// holds the service's write lock); readers see each chunk when it commits.
func (s *Store) Load(ctx context.Context, fn func(l *Loader) error) (err error) {
	if s.tx != nil {
		return errors.New("store: Load inside a batch")
	}
	l := &Loader{
		s: s, ctx: ctx,
		start: make(map[string]int64), last: make(map[string]int64),
		eids: make(map[string]map[string]struct{}), meta: make(map[string]string),
		ops: make(chan []loadOp, 16), done: make(chan struct{}), failed: make(chan struct{}),
	}
	restore, err := l.begin()
	if err != nil {
		return err
	}
	defer func() {
		// Even when ctx is done: without its indexes the store would take
		// a duplicate external ID.
		if rerr := s.restore(context.WithoutCancel(ctx), restore); rerr != nil {
			err = errors.Join(err, fmt.Errorf("store: building the indexes again: %w", rerr))
		}
	}()
	go l.write()
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			close(l.ops)
			<-l.done // the writer's transaction holds the one write connection
		}
	}
	defer stop() // before restore, also when fn panics
	err = fn(l)
	if ferr := l.send(); err == nil {
		err = ferr
	}
	stop()
	if werr := l.writeErr(); werr != nil && !errors.Is(err, werr) {
		err = errors.Join(err, werr)
	}
	return err
}

// begin checks that the store has no records, reads the sequences and drops
// the records table's secondary indexes and triggers, returning the
// statements that create them again.
func (l *Loader) begin() (restore []string, err error) {
	ctx := l.ctx
	tx, err := l.s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	defer tx.Rollback()
	var found bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM records)`).Scan(&found); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if found {
		return nil, ErrNotEmpty
	}
	rows, err := tx.QueryContext(ctx, `SELECT family, next FROM sequences`)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	for rows.Next() {
		var f string
		var n int64
		if err := rows.Scan(&f, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: %w", err)
		}
		l.start[f], l.last[f] = n, n
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	// The automatic index of the primary key has no sql and stays.
	rows, err = tx.QueryContext(ctx, `SELECT type, name, sql FROM sqlite_schema
		WHERE tbl_name = 'records' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid`)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	var drops []string
	for rows.Next() {
		var typ, name, stmt string
		if err := rows.Scan(&typ, &name, &stmt); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: %w", err)
		}
		drops = append(drops, fmt.Sprintf(`DROP %s "%s"`, typ, name))
		restore = append(restore, stmt)
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	for _, d := range drops {
		if _, err := tx.ExecContext(ctx, d); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return restore, nil
}

// restore runs the statements begin saved, one transaction each, so that
// the write-ahead log holds one index at a time. SQLite may sort the index
// entries on helper threads meanwhile (PRAGMA threads,
// https://sqlite.org/pragma.html#pragma_threads): a tenth faster on 2 cores.
func (s *Store) restore(ctx context.Context, stmts []string) error {
	conn, err := s.w.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA threads = `+strconv.Itoa(min(runtime.NumCPU(), 8))); err != nil {
		return err
	}
	defer conn.ExecContext(ctx, `PRAGMA threads = 0`)
	for _, stmt := range stmts {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return err
		}
	}
	s.gen.Add(1)
	return nil
}

// Create adds a record of recordType and returns its internal ID, as
// Store.Create does with id 0: the next of the type's family, and
// ErrDuplicateExternalID when a record of the type has the external ID. The
// record is written later; an error writing it is returned by a later call
// or by Load.
func (l *Loader) Create(ctx context.Context, family, recordType, externalID string, fields map[string]any, now time.Time) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if externalID != "" {
		seen := l.eids[recordType]
		if seen == nil {
			seen = make(map[string]struct{})
			l.eids[recordType] = seen
		}
		if _, dup := seen[externalID]; dup {
			return 0, ErrDuplicateExternalID
		}
		seen[externalID] = struct{}{}
	}
	id := l.last[family] + 1
	l.last[family] = id
	now = now.UTC().Truncate(time.Second)
	l.batch = append(l.batch, loadOp{family: family, rec: &Record{
		Type: recordType, ID: id, ExternalID: externalID, Fields: fields, DateCreated: now, LastModified: now,
	}})
	if len(l.batch) >= loadBatch {
		if err := l.send(); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// Exists reports whether a record of family has internal ID id: one this
// load created, as the store had none before.
func (l *Loader) Exists(family string, id int64) bool {
	return id > l.start[family] && id <= l.last[family]
}

// GetInFamily returns the record of family with internal ID id, or
// ErrNotFound. It waits for the records created before it to be written.
func (l *Loader) GetInFamily(ctx context.Context, family string, id int64) (*Record, error) {
	if !l.Exists(family, id) {
		return nil, ErrNotFound
	}
	g := &loadGet{family: family, id: id, reply: make(chan loadGot, 1)}
	l.batch = append(l.batch, loadOp{get: g})
	if err := l.send(); err != nil {
		return nil, err
	}
	select {
	case got := <-g.reply:
		return got.rec, got.err
	case <-l.failed:
		return nil, l.writeErr()
	}
}

// Meta returns the value stored under key, as Store.Meta does, with the
// values set during the load.
func (l *Loader) Meta(ctx context.Context, key string) (string, error) {
	if v, ok := l.meta[key]; ok {
		return v, nil
	}
	return l.s.Meta(ctx, key)
}

// SetMeta stores value under key, with the records created before it.
func (l *Loader) SetMeta(key, value string) {
	l.meta[key] = value
	l.batch = append(l.batch, loadOp{key: key, value: value})
}

// send hands the pending operations to the writer.
func (l *Loader) send() error {
	if len(l.batch) == 0 {
		return l.writeErr()
	}
	select {
	case l.ops <- l.batch:
		l.batch = make([]loadOp, 0, loadBatch)
		return nil
	case <-l.failed:
		return l.writeErr()
	}
}

func (l *Loader) writeErr() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.err
}

// write is the writer: it inserts the records in the order they were
// created, committing every loadChunk records, until the operations end or
// one fails. After a failure it drains the operations, so that no sender
// waits.
func (l *Loader) write() {
	defer close(l.done)
	w := &loadWriter{l: l}
	err := w.run()
	if err == nil {
		err = w.commit()
	}
	w.rollback()
	if err != nil {
		l.mu.Lock()
		l.err = err
		l.mu.Unlock()
		close(l.failed)
		for range l.ops {
		}
	}
}

// loadWriter is the writer's state: the open transaction and what its
// commit writes besides the records.
type loadWriter struct {
	l      *Loader
	tx     *sql.Tx
	insert *sql.Stmt
	n      int              // records in the transaction
	after  int64            // the records' last rowid before the transaction
	counts map[string]int   // type -> records added in the transaction
	seqs   map[string]int64 // family -> the largest ID added in the transaction
	meta   map[string]string
	buf    []byte // the last body encoded, reused
}

func (w *loadWriter) run() error {
	ctx := w.l.ctx
	for batch := range w.l.ops {
		for _, op := range batch {
			if w.tx == nil {
				if err := w.begin(); err != nil {
					return err
				}
			}
			switch {
			case op.rec != nil:
				if err := w.add(ctx, op.family, op.rec); err != nil {
					return err
				}
			case op.get != nil:
				rec, err := scanRecord(w.tx.QueryRowContext(ctx, selectRecord+` WHERE family = ? AND id = ?`, op.get.family, op.get.id))
				op.get.reply <- loadGot{rec, err}
			default:
				w.meta[op.key] = op.value
			}
		}
		if w.n >= loadChunk {
			if err := w.commit(); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *loadWriter) begin() error {
	ctx := w.l.ctx
	tx, err := w.l.s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	w.tx, w.insert = tx, tx.StmtContext(ctx, w.l.s.writes.insert)
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(rowid), 0) FROM records`).Scan(&w.after); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	w.n = 0
	w.counts, w.seqs, w.meta = make(map[string]int), make(map[string]int64), make(map[string]string)
	return nil
}

// add inserts one record, as Store.Create does.
func (w *loadWriter) add(ctx context.Context, family string, r *Record) error {
	body, err := marshalBody(r.Fields, w.buf[:0])
	if err != nil {
		return fmt.Errorf("store: encoding %s: %w", r.Type, err)
	}
	w.buf = body
	created, modified := Timestamp(r.DateCreated), ""
	if r.LastModified.Equal(r.DateCreated) {
		modified = created
	} else {
		modified = Timestamp(r.LastModified)
	}
	if _, err := w.insert.ExecContext(ctx, family, r.ID, r.Type, nullable(r.ExternalID), string(body),
		created, modified); err != nil {
		return fmt.Errorf("store: creating %s %d: %w", r.Type, r.ID, err)
	}
	w.n++
	w.counts[r.Type]++
	w.seqs[family] = max(w.seqs[family], r.ID)
	return nil
}

// commit writes the transaction's system notes, counts, sequences and meta
// values, and commits it.
func (w *loadWriter) commit() error {
	if w.tx == nil {
		return nil
	}
	ctx := w.l.ctx
	// The Create notes of the transaction's records, in their order, as
	// Store.Create writes them one at a time.
	if _, err := w.tx.ExecContext(ctx, createNotes+` WHERE rowid > ? ORDER BY rowid`, w.after); err != nil {
		return fmt.Errorf("store: noting the records: %w", err)
	}
	for t, n := range w.counts {
		if _, err := w.tx.ExecContext(ctx, `INSERT INTO type_counts (type, n) VALUES (?, ?)
			ON CONFLICT (type) DO UPDATE SET n = n + excluded.n`, t, n); err != nil {
			return fmt.Errorf("store: counting %s: %w", t, err)
		}
	}
	for f, id := range w.seqs {
		if _, err := w.tx.ExecContext(ctx, `INSERT INTO sequences (family, next) VALUES (?, ?)
			ON CONFLICT (family) DO UPDATE SET next = max(next, excluded.next)`, f, id); err != nil {
			return fmt.Errorf("store: numbering %s: %w", f, err)
		}
	}
	for k, v := range w.meta {
		if _, err := w.tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, v); err != nil {
			return err
		}
	}
	err := w.tx.Commit()
	w.tx = nil
	w.l.s.gen.Add(1)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	return nil
}

func (w *loadWriter) rollback() {
	if w.tx != nil {
		w.tx.Rollback()
		w.tx = nil
	}
}
