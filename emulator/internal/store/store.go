// Package store keeps the emulator's records in SQLite (modernc.org/sqlite,
// pure Go): in a temporary database by default, in a file when the emulator
// is given one, so that state survives a restart.
//
// A record is a JSON object of NetSuite field names to wire values, kept with
// its type, internal ID, external ID and dates. Internal IDs are numbered per
// family, as NetSuite numbers them per base table: every transaction type
// shares the transaction sequence, every entity type the entity sequence,
// every item type the item sequence (SuiteQL's transaction, entity and item
// tables hold all of them under one id column, as the netsuite2 models of
// the public project fivetran/dbt_netsuite_source show). Other record types
// have a sequence of their own; catalog.Profile names each type's family.
//
// The records table is what collection pages, `q` filters and the SuiteQL
// translator read: one row per record, the system columns typed and indexed,
// the body as JSON that SQLite's json_extract reaches, with expression
// indexes on the fields people filter on (see schema).
package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/nsconnect/nsconnect/emulator/internal/filter"
)

// ErrNotFound is returned when no record has the type and ID asked for.
var ErrNotFound = errors.New("store: record not found")

// ErrDuplicateExternalID is returned when another record of the type already
// has the external ID.
var ErrDuplicateExternalID = errors.New("store: external ID already used")

// A Record is one stored record.
type Record struct {
	Type         string
	ID           int64
	ExternalID   string // "" when it has none
	Fields       map[string]any
	DateCreated  time.Time
	LastModified time.Time
}

// A Deleted is an entry of the deleted-records log.
type Deleted struct {
	Type       string
	ID         int64
	ExternalID string
	DeletedAt  time.Time
}

// Store is the record store. It is safe for concurrent use.
//
// One connection writes and a pool of connections reads, over SQLite's
// write-ahead log: a long read (a big collection page, a broad `q` filter)
// does not hold up other reads or the writer, and a read started after a
// write committed sees it. Without a file, the database is a temporary file
// that Close deletes: SQLite's in-memory databases cannot be shared by a
// writer and concurrent readers (shared-cache mode locks whole tables), and
// with synchronous=OFF and the operating system's page cache a temporary
// file costs about what memory does.
//
// A Store returned by Batch is a view of one transaction: its reads see its
// own writes, and nothing is visible to others until the batch commits.
type Store struct {
	*shared
	// tx is the batch's transaction; nil outside a batch.
	tx *sql.Tx
	// batch holds the batch's statements; nil outside a batch.
	batch *statements
}

// shared is what every view of a Store shares.
type shared struct {
	w, r   *sql.DB // the writer (one connection) and the readers
	tmpDir string  // the temporary database's directory; "" for a file the caller named

	// Statements of the hot paths, prepared once: SQLite's parser was a
	// tenth of the emulator's time per GET before. reads is on the readers,
	// writes on the writer.
	reads, writes *statements

	// gen counts the changes to the records, so that readers can cache what
	// they derive from them (Generation).
	gen atomic.Uint64
}

// statements are the prepared statements of one connection pool or batch.
type statements struct {
	getByID, getByExternalID, insert *sql.Stmt
}

func prepare(ctx context.Context, p interface {
	PrepareContext(context.Context, string) (*sql.Stmt, error)
}) (*statements, error) {
	var st statements
	var err error
	for _, x := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&st.getByID, selectRecord + ` WHERE type = ? AND id = ?`},
		{&st.getByExternalID, selectRecord + ` WHERE type = ? AND external_id = ?`},
		{&st.insert, `INSERT INTO records (family, id, type, external_id, body, date_created, last_modified) VALUES (?, ?, ?, ?, ?, ?, ?)`},
	} {
		if *x.stmt, err = p.PrepareContext(ctx, x.sql); err != nil {
			st.close()
			return nil, err
		}
	}
	return &st, nil
}

func (st *statements) close() {
	for _, s := range []*sql.Stmt{st.getByID, st.getByExternalID, st.insert} {
		if s != nil {
			s.Close()
		}
	}
}

// Generation returns a number that changes whenever a record is created,
// updated or deleted, or the store is reset: a cache of anything derived from
// the records is valid while it stays the same.
func (s *Store) Generation() uint64 { return s.gen.Load() }

// querier is what reads and writes run on: a pool or a transaction.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// reader returns where reads run: the batch's transaction, or the readers.
func (s *Store) reader() querier {
	if s.tx != nil {
		return s.tx
	}
	return s.r
}

// stmt returns the statement st of s's reads (getByID, getByExternalID)
// where they run.
func (s *Store) read(pick func(*statements) *sql.Stmt) *sql.Stmt {
	if s.batch != nil {
		return pick(s.batch)
	}
	return pick(s.reads)
}

// An op is one change: a transaction of its own, or a savepoint inside a
// batch, so that a failed change leaves nothing behind either way.
type op struct {
	querier
	s       *Store
	tx      *sql.Tx // the transaction that is the op; nil inside a batch
	done    bool
	inBatch bool
}

// begin starts a change.
func (s *Store) begin(ctx context.Context) (*op, error) {
	if s.tx != nil {
		if _, err := s.tx.ExecContext(ctx, `SAVEPOINT op`); err != nil {
			return nil, err
		}
		return &op{querier: s.tx, s: s, inBatch: true}, nil
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return &op{querier: tx, s: s, tx: tx}, nil
}

// insert returns the insert statement of the op.
func (o *op) insert(ctx context.Context) *sql.Stmt {
	if o.inBatch {
		return o.s.batch.insert
	}
	return o.tx.StmtContext(ctx, o.s.writes.insert)
}

// commit makes the change and counts it.
func (o *op) commit() error {
	o.done = true
	var err error
	if o.inBatch {
		_, err = o.s.tx.Exec(`RELEASE op`)
	} else {
		err = o.tx.Commit()
	}
	o.s.gen.Add(1)
	return err
}

// rollback undoes the change unless it was committed; for defer.
func (o *op) rollback() {
	if o.done {
		return
	}
	o.done = true
	if o.inBatch {
		o.s.tx.Exec(`ROLLBACK TO op; RELEASE op`)
		return
	}
	o.tx.Rollback()
}

// schemaVersion is PRAGMA user_version of a current store. Version 0 is a
// file of a release before it: it gains the tables, indexes and triggers of
// schema, and its counts are filled in.
const schemaVersion = 3

// The schema. A record is one row: its type and ID family, internal and
// external ID, the body as JSON, and its system dates as columns. The dates
// are UTC to the second in one fixed-length form ("2006-01-02T15:04:05Z",
// Timestamp), so that text order is time order and `q` date conditions and
// SuiteQL read them through an index.
//
// Indexes: internal ID (per family and per type), external ID, the dates
// (per type for q, per family for SuiteQL's transaction, entity and item),
// and the text keys people filter on (IndexedText), case-folded as `q`
// compares them (filter.FoldFunc). Each ends with the internal ID, so that a
// page selected through it reads the index alone. type_counts keeps the number of records of
// each type, maintained by triggers, so that an unfiltered page's
// totalResults costs one lookup.
const schema = `
CREATE TABLE IF NOT EXISTS records (
	family        TEXT    NOT NULL,
	id            INTEGER NOT NULL,
	type          TEXT    NOT NULL,
	external_id   TEXT,
	body          TEXT    NOT NULL,
	date_created  TEXT    NOT NULL,
	last_modified TEXT    NOT NULL,
	PRIMARY KEY (family, id)
);
CREATE UNIQUE INDEX IF NOT EXISTS records_type_id ON records (type, id);
CREATE UNIQUE INDEX IF NOT EXISTS records_external_id ON records (type, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS records_date_created ON records (type, date_created, id);
CREATE INDEX IF NOT EXISTS records_last_modified ON records (type, last_modified, id);
CREATE INDEX IF NOT EXISTS records_family_date_created ON records (family, date_created, id);
CREATE INDEX IF NOT EXISTS records_family_last_modified ON records (family, last_modified, id);
CREATE TABLE IF NOT EXISTS type_counts (
	type TEXT PRIMARY KEY,
	n    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS records_counted AFTER INSERT ON records BEGIN
	INSERT INTO type_counts (type, n) VALUES (new.type, 1) ON CONFLICT (type) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS records_uncounted AFTER DELETE ON records BEGIN
	UPDATE type_counts SET n = n - 1 WHERE type = old.type;
END;
CREATE TABLE IF NOT EXISTS sequences (
	family TEXT PRIMARY KEY,
	next   INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS deleted_records (
	type        TEXT    NOT NULL,
	id          INTEGER NOT NULL,
	external_id TEXT,
	deleted_at  TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS deleted_records_at ON deleted_records (deleted_at);
CREATE TABLE IF NOT EXISTS system_notes (
	id        INTEGER PRIMARY KEY,
	type      TEXT    NOT NULL,
	record_id INTEGER NOT NULL,
	operation TEXT    NOT NULL,
	field     TEXT,
	old_value TEXT,
	new_value TEXT,
	date      TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS system_notes_record ON system_notes (record_id, type);
CREATE INDEX IF NOT EXISTS system_notes_date ON system_notes (date);
CREATE TABLE IF NOT EXISTS meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
`

// IndexedText are the body fields whose case-folded text is indexed, so
// that `q` IS and START_WITH on them read an index: the names and numbers
// people look records up by.
var IndexedText = []string{"companyName", "entityId", "tranId", "email", "itemId"}

// textIndexes creates the IndexedText indexes and one on the external ID,
// case-folded.
func textIndexes() string {
	var b strings.Builder
	for _, f := range IndexedText {
		fmt.Fprintf(&b, "CREATE INDEX IF NOT EXISTS records_fold_%s ON records (type, %s(%s), id);\n", strings.ToLower(f), filter.FoldFunc, Body(f))
	}
	fmt.Fprintf(&b, "CREATE INDEX IF NOT EXISTS records_fold_external_id ON records (type, %s(external_id), id);\n", filter.FoldFunc)
	return b.String()
}

// The columns a query can read besides the body fields (Body).
const (
	ColumnID           = "id"
	ColumnType         = "type"
	ColumnExternalID   = "external_id"
	ColumnDateCreated  = "date_created"
	ColumnLastModified = "last_modified"
)

// Body returns the SQL expression that reads body field name of a record:
// its stored JSON value, NULL when absent.
func Body(name string) string { return filter.JSONColumn("body", name) }

// Open opens the store in the SQLite file at path, creating it if needed, or
// in a temporary file that Close deletes when path is "".
func Open(path string) (*Store, error) {
	sh := &shared{}
	file := path
	if path == "" {
		dir, err := os.MkdirTemp("", "nsconnect-emulator-")
		if err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
		sh.tmpDir = dir
		file = filepath.Join(dir, "records.db")
	}
	// In an SQLite URI filename %, ? and # are special: escape them so that
	// the file is the one named.
	escaped := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(file)
	dsn := "file:" + escaped + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)"
	if path == "" {
		// Nothing outlives the process: durability is not wanted.
		dsn += "&_pragma=synchronous(OFF)"
	} else {
		dsn += "&_pragma=synchronous(NORMAL)"
	}
	var err error
	if sh.w, err = sql.Open("sqlite", dsn+"&_txlock=immediate"); err == nil {
		sh.r, err = sql.Open("sqlite", dsn+"&_pragma=query_only(1)")
	}
	if err != nil {
		sh.close()
		return nil, fmt.Errorf("store: %w", err)
	}
	// One writer: SQLite has one anyway, and waiting in database/sql is
	// cheaper than waiting on SQLite's busy handler.
	sh.w.SetMaxOpenConns(1)
	sh.r.SetMaxOpenConns(readers)
	sh.r.SetMaxIdleConns(readers)
	for _, db := range []*sql.DB{sh.w, sh.r} {
		db.SetConnMaxIdleTime(0)
		db.SetConnMaxLifetime(0)
	}
	ctx := context.Background()
	if err := migrate(ctx, sh.w); err != nil {
		sh.close()
		return nil, fmt.Errorf("store: creating the schema in %q: %w", path, err)
	}
	if sh.reads, err = prepare(ctx, sh.r); err == nil {
		sh.writes, err = prepare(ctx, sh.w)
	}
	if err != nil {
		sh.close()
		return nil, fmt.Errorf("store: %w", err)
	}
	return &Store{shared: sh}, nil
}

// readers is the size of the read pool: enough that a slow read leaves
// others free, on machines with a few cores.
const readers = 4

// migrate creates the schema, or brings an older file's up to date.
func migrate(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return err
	}
	if version > schemaVersion {
		return fmt.Errorf("the file was written by a newer emulator (schema %d; this one knows %d)", version, schemaVersion)
	}
	if _, err := tx.ExecContext(ctx, schema+textIndexes()); err != nil {
		return err
	}
	if version < schemaVersion {
		// Dates of earlier versions may carry fractions of a second.
		if _, err := tx.ExecContext(ctx, `DELETE FROM type_counts;
			INSERT INTO type_counts (type, n) SELECT type, count(*) FROM records GROUP BY type;
			UPDATE records SET date_created = strftime('%Y-%m-%dT%H:%M:%SZ', date_created),
				last_modified = strftime('%Y-%m-%dT%H:%M:%SZ', last_modified)
				WHERE length(date_created) <> 20 OR length(last_modified) <> 20;
			PRAGMA user_version = `+strconv.Itoa(schemaVersion)); err != nil {
			return err
		}
	}
	if version < 3 {
		// The records of earlier versions get the Create note a create
		// writes now, dated when they were created.
		if _, err := tx.ExecContext(ctx, createNotes+` ORDER BY rowid`); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func (sh *shared) close() error {
	for _, st := range []*statements{sh.reads, sh.writes} {
		if st != nil {
			st.close()
		}
	}
	var errs []error
	for _, db := range []*sql.DB{sh.r, sh.w} {
		if db != nil {
			errs = append(errs, db.Close())
		}
	}
	if sh.tmpDir != "" {
		errs = append(errs, os.RemoveAll(sh.tmpDir))
	}
	return errors.Join(errs...)
}

// Close closes the store; a temporary store is deleted.
func (s *Store) Close() error { return s.shared.close() }

// Batch runs fn with a view of s whose every read and write belongs to one
// transaction, and commits it when fn returns nil; an error from fn rolls
// everything back. A change that fails inside the batch leaves nothing behind
// (it is a savepoint), and the batch goes on. Other readers and writers see
// none of the batch until it commits; other writers wait for it.
//
// A batch is for bulk loading (seeding): one commit for many records instead
// of one each. The view must not be used after fn returns.
func (s *Store) Batch(ctx context.Context, fn func(b *Store) error) error {
	if s.tx != nil {
		return fn(s)
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	defer tx.Rollback()
	b := &Store{shared: s.shared, tx: tx}
	if b.batch, err = prepare(ctx, tx); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	defer b.batch.close()
	if err := fn(b); err != nil {
		return err
	}
	err = tx.Commit()
	s.gen.Add(1)
	return err
}

// Timestamp is how the store writes an instant: UTC, to the second, in one
// fixed-length form, so that text order is time order. NetSuite's datetimes
// carry seconds (the REST API writes "2017-07-21T17:32:28Z").
func Timestamp(t time.Time) string { return t.UTC().Truncate(time.Second).Format(timestampLayout) }

const timestampLayout = "2006-01-02T15:04:05Z"

func parseTime(s string) (time.Time, error) { return time.Parse(time.RFC3339Nano, s) }

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Create stores a new record of recordType, with its Create note, and
// returns its internal ID. The
// ID is the next of the type's ID family (the type's name for a type with a
// sequence of its own; see catalog.Family), or id when id > 0 (for seeding
// and imports); an id already used in the family is an error. The record's
// dates are now, to the second.
func (s *Store) Create(ctx context.Context, family, recordType string, id int64, externalID string, fields map[string]any, now time.Time) (int64, error) {
	body, err := json.Marshal(fields)
	if err != nil {
		return 0, fmt.Errorf("store: encoding %s: %w", recordType, err)
	}
	o, err := s.begin(ctx)
	if err != nil {
		return 0, err
	}
	defer o.rollback()
	if id <= 0 {
		if err := o.QueryRowContext(ctx,
			`INSERT INTO sequences (family, next) VALUES (?, 1)
			 ON CONFLICT (family) DO UPDATE SET next = next + 1
			 RETURNING next`, family).Scan(&id); err != nil {
			return 0, fmt.Errorf("store: numbering %s: %w", recordType, err)
		}
	} else if _, err := o.ExecContext(ctx,
		`INSERT INTO sequences (family, next) VALUES (?, ?)
		 ON CONFLICT (family) DO UPDATE SET next = max(next, excluded.next)`, family, id); err != nil {
		return 0, fmt.Errorf("store: numbering %s: %w", recordType, err)
	}
	ts := Timestamp(now)
	if _, err := o.insert(ctx).ExecContext(ctx, family, id, recordType, nullable(externalID), string(body), ts, ts); err != nil {
		if isUnique(err, "records.external_id") {
			return 0, ErrDuplicateExternalID
		}
		return 0, fmt.Errorf("store: creating %s %d: %w", recordType, id, err)
	}
	if _, err := o.ExecContext(ctx, insertNote, recordType, id, noteCreate, ts); err != nil {
		return 0, fmt.Errorf("store: noting %s %d: %w", recordType, id, err)
	}
	return id, o.commit()
}

// isUnique reports whether err is SQLite's unique constraint failure on
// column (table.column).
func isUnique(err error, column string) bool {
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") && strings.Contains(msg, column)
}

const selectRecord = `SELECT type, id, coalesce(external_id, ''), body, date_created, last_modified FROM records`

func scanRecord(row interface{ Scan(...any) error }) (*Record, error) {
	var r Record
	var body, created, modified string
	if err := row.Scan(&r.Type, &r.ID, &r.ExternalID, &body, &created, &modified); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, ErrNotFound
		}
		return nil, err
	}
	if err := json.Unmarshal([]byte(body), &r.Fields); err != nil {
		return nil, fmt.Errorf("store: decoding %s %d: %w", r.Type, r.ID, err)
	}
	var err error
	if r.DateCreated, err = parseTime(created); err != nil {
		return nil, err
	}
	if r.LastModified, err = parseTime(modified); err != nil {
		return nil, err
	}
	return &r, nil
}

// Get returns the record of recordType with internal ID id, or ErrNotFound.
func (s *Store) Get(ctx context.Context, recordType string, id int64) (*Record, error) {
	return scanRecord(s.read(func(st *statements) *sql.Stmt { return st.getByID }).QueryRowContext(ctx, recordType, id))
}

// GetByExternalID returns the record of recordType with external ID eid, or
// ErrNotFound.
func (s *Store) GetByExternalID(ctx context.Context, recordType, eid string) (*Record, error) {
	return scanRecord(s.read(func(st *statements) *sql.Stmt { return st.getByExternalID }).QueryRowContext(ctx, recordType, eid))
}

// Update replaces the fields and external ID of a record and sets its last
// modified date, noting each changed field (see system notes). It returns ErrNotFound if there is no such record and
// ErrDuplicateExternalID if another record has the external ID.
func (s *Store) Update(ctx context.Context, recordType string, id int64, externalID string, fields map[string]any, now time.Time) error {
	body, err := json.Marshal(fields)
	if err != nil {
		return fmt.Errorf("store: encoding %s %d: %w", recordType, id, err)
	}
	o, err := s.begin(ctx)
	if err != nil {
		return err
	}
	defer o.rollback()
	if _, err := o.ExecContext(ctx, changeNotes, recordType, id, string(body), Timestamp(now)); err != nil {
		return fmt.Errorf("store: noting %s %d: %w", recordType, id, err)
	}
	res, err := o.ExecContext(ctx, `UPDATE records SET external_id = ?, body = ?, last_modified = ? WHERE type = ? AND id = ?`,
		nullable(externalID), string(body), Timestamp(now), recordType, id)
	if err != nil {
		if isUnique(err, "records.external_id") {
			return ErrDuplicateExternalID
		}
		return fmt.Errorf("store: updating %s %d: %w", recordType, id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return o.commit()
}

// Delete removes a record and writes it to the deleted-records log and a
// Delete note. It
// returns ErrNotFound if there is no such record.
func (s *Store) Delete(ctx context.Context, recordType string, id int64, now time.Time) error {
	o, err := s.begin(ctx)
	if err != nil {
		return err
	}
	defer o.rollback()
	var eid sql.NullString
	if err := o.QueryRowContext(ctx, `DELETE FROM records WHERE type = ? AND id = ? RETURNING external_id`, recordType, id).Scan(&eid); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		return fmt.Errorf("store: deleting %s %d: %w", recordType, id, err)
	}
	if _, err := o.ExecContext(ctx, `INSERT INTO deleted_records (type, id, external_id, deleted_at) VALUES (?, ?, ?, ?)`,
		recordType, id, eid, Timestamp(now)); err != nil {
		return err
	}
	if _, err := o.ExecContext(ctx, insertNote, recordType, id, noteDelete, Timestamp(now)); err != nil {
		return err
	}
	return o.commit()
}

// List calls fn for every record of recordType in ascending internal ID
// order, until fn returns false or an error. fn may use the store.
func (s *Store) List(ctx context.Context, recordType string, fn func(*Record) (bool, error)) error {
	rows, err := s.reader().QueryContext(ctx, selectRecord+` WHERE type = ? ORDER BY id`, recordType)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return err
		}
		if more, err := fn(r); err != nil || !more {
			return err
		}
	}
	return rows.Err()
}

// A Query selects records of one type for a collection page.
type Query struct {
	// Type is the record type; "" selects records of any type, for a
	// Where that names the types it selects (a search over an ID family).
	Type string
	// Where is an SQL boolean expression over the records table's columns
	// (the Column constants, and body fields through Body), or "" for every
	// record of the type. Args are its arguments.
	Where string
	Args  []any
	// Limit and Offset pick the page, in ascending internal ID order.
	Limit, Offset int
}

// Page returns the internal IDs of one page of the records q selects, in
// ascending order, and how many records it selects in all. Both are computed
// by SQLite: the page reads an index on (type, id) from the offset, and the
// total of an unfiltered query is the type's kept count.
func (s *Store) Page(ctx context.Context, q Query) (ids []int64, total int, err error) {
	rd := s.reader()
	if q.Where == "" {
		if total, err = s.Count(ctx, q.Type); err != nil {
			return nil, 0, fmt.Errorf("store: counting %s: %w", q.Type, err)
		}
		if q.Offset >= total {
			return []int64{}, total, nil
		}
	}
	query, args := q.page()
	rows, err := rd.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: listing %s: %w", q.Type, err)
	}
	defer rows.Close()
	ids = make([]int64, 0, min(q.Limit, 1000))
	for rows.Next() {
		var id int64
		if q.Where == "" {
			err = rows.Scan(&id)
		} else {
			err = rows.Scan(&id, &total)
		}
		if err != nil {
			return nil, 0, err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	if q.Where != "" && len(ids) == 0 {
		// Past the end: the rows that carry the total are not there.
		where, args := q.where()
		if err := rd.QueryRowContext(ctx, `SELECT count(*) FROM records WHERE `+where, args...).Scan(&total); err != nil {
			return nil, 0, fmt.Errorf("store: counting %s: %w", q.Type, err)
		}
	}
	return ids, total, nil
}

// where returns the condition on the records table that selects q's
// records, and its arguments.
func (q Query) where() (string, []any) {
	if q.Type == "" {
		return `(` + q.Where + `)`, q.Args
	}
	if q.Where == "" {
		return `type = ?`, []any{q.Type}
	}
	return `type = ? AND (` + q.Where + `)`, append([]any{q.Type}, q.Args...)
}

// page returns the query of q's page and its arguments.
func (q Query) page() (string, []any) {
	where, args := q.where()
	args = append(args, q.Limit, q.Offset)
	if q.Where == "" {
		return `SELECT id FROM records WHERE ` + where + ` ORDER BY id LIMIT ? OFFSET ?`, args
	}
	// Selected once, apart from the order, and counted from the selection:
	// left to itself, the planner walks the (type, id) index to save the
	// sort, and tests the filter on every record of the type instead of
	// reading the filter's index.
	return `WITH selected AS MATERIALIZED (SELECT id FROM records WHERE ` + where + `)
		SELECT id, (SELECT count(*) FROM selected) FROM selected ORDER BY id LIMIT ? OFFSET ?`, args
}

// Count returns the number of records of recordType.
func (s *Store) Count(ctx context.Context, recordType string) (int, error) {
	var n int
	err := s.reader().QueryRowContext(ctx, `SELECT n FROM type_counts WHERE type = ?`, recordType).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return n, err
}

// QueryContext runs a read-only query over the store's tables (records,
// deleted_records, system_notes) on the readers, or inside a batch on its
// transaction: for the SuiteQL endpoint, whose queries the translator
// builds.
func (s *Store) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return s.reader().QueryContext(ctx, query, args...)
}

// QueryRowContext is QueryContext for a query of one row.
func (s *Store) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return s.reader().QueryRowContext(ctx, query, args...)
}

// DeletedSince returns the deleted-records log from since on, oldest first.
func (s *Store) DeletedSince(ctx context.Context, since time.Time) ([]Deleted, error) {
	rows, err := s.reader().QueryContext(ctx, `SELECT type, id, coalesce(external_id, ''), deleted_at FROM deleted_records WHERE deleted_at >= ? ORDER BY deleted_at, rowid`, Timestamp(since))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Deleted
	for rows.Next() {
		var d Deleted
		var at string
		if err := rows.Scan(&d.Type, &d.ID, &d.ExternalID, &at); err != nil {
			return nil, err
		}
		if d.DeletedAt, err = parseTime(at); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Reset deletes every record, the deleted-records log, the system notes and
// the sequences.
func (s *Store) Reset(ctx context.Context) error {
	o, err := s.begin(ctx)
	if err != nil {
		return err
	}
	defer o.rollback()
	if _, err := o.ExecContext(ctx, `DELETE FROM records; DELETE FROM type_counts; DELETE FROM sequences; DELETE FROM deleted_records; DELETE FROM system_notes; DELETE FROM meta;`); err != nil {
		return err
	}
	return o.commit()
}

// Meta returns a value stored under key, or "" when there is none.
func (s *Store) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := s.reader().QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetMeta stores value under key.
func (s *Store) SetMeta(ctx context.Context, key, value string) error {
	o, err := s.begin(ctx)
	if err != nil {
		return err
	}
	defer o.rollback()
	if _, err := o.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value); err != nil {
		return err
	}
	return o.commit()
}

// FormatID returns an internal ID as NetSuite writes it: a string.
func FormatID(id int64) string { return strconv.FormatInt(id, 10) }
