// Package store keeps the emulator's records in SQLite (modernc.org/sqlite,
// pure Go): in memory by default, in a file when the emulator is given one,
// so that state survives a restart.
//
// A record is a JSON object of NetSuite field names to wire values, kept with
// its type, internal ID, external ID and dates. Internal IDs are numbered per
// family, as NetSuite numbers them per base table: every transaction type
// shares the transaction sequence, every entity type the entity sequence,
// every item type the item sequence (SuiteQL's transaction, entity and item
// tables hold all of them under one id column: shared/netsuite/suiteql
// schema). Other record types have a sequence of their own.
//
// The records table is what the SuiteQL translator will read: one row per
// record, the body as JSON that SQLite's json_extract reaches.
package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
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
type Store struct {
	db *sql.DB

	// Statements of the hot read paths, prepared once: SQLite's parser was a
	// tenth of the emulator's time per GET before.
	getByID, getByExternalID *sql.Stmt

	// gen counts the changes to the records, so that readers can cache what
	// they derive from them (Generation).
	gen atomic.Uint64
}

// Generation returns a number that changes whenever a record is created,
// updated or deleted, or the store is reset: a cache of anything derived from
// the records is valid while it stays the same.
func (s *Store) Generation() uint64 { return s.gen.Load() }

// commit commits tx and counts the change.
func (s *Store) commit(tx *sql.Tx) error {
	err := tx.Commit()
	s.gen.Add(1)
	return err
}

var memoryDBs atomic.Int64

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
CREATE TABLE IF NOT EXISTS meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
`

// Open opens the store in the SQLite file at path, creating it if needed, or
// in memory when path is "".
func Open(path string) (*Store, error) {
	// In an SQLite URI filename %, ? and # are special: escape them so that
	// the file is the one named.
	escaped := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	dsn := "file:" + escaped + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)"
	if path == "" {
		dsn = fmt.Sprintf("file:emulator%d?mode=memory&cache=shared&_pragma=busy_timeout(5000)", memoryDBs.Add(1))
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	// One connection: SQLite serialises writers anyway, and one connection
	// keeps an in-memory database alive and consistent.
	db.SetMaxOpenConns(1)
	db.SetConnMaxIdleTime(0)
	db.SetConnMaxLifetime(0)
	if _, err := db.Exec(schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: creating schema in %q: %w", path, err)
	}
	s := &Store{db: db}
	if s.getByID, err = db.Prepare(selectRecord + ` WHERE type = ? AND id = ?`); err == nil {
		s.getByExternalID, err = db.Prepare(selectRecord + ` WHERE type = ? AND external_id = ?`)
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("store: %w", err)
	}
	return s, nil
}

// Close closes the store; an in-memory store is gone.
func (s *Store) Close() error {
	s.getByID.Close()
	s.getByExternalID.Close()
	return s.db.Close()
}

// Family returns the ID family of a record type: "transaction", "entity",
// "item", or the type itself.
func Family(recordType string) string {
	switch recordType {
	case "salesOrder", "invoice", "purchaseOrder", "customerPayment", "itemFulfillment",
		"cashSale", "creditMemo", "estimate", "journalEntry", "vendorBill", "vendorPayment",
		"itemReceipt", "returnAuthorization", "transferOrder", "inventoryAdjustment":
		return "transaction"
	case "customer", "vendor", "employee", "contact", "partner":
		return "entity"
	case "inventoryItem", "nonInventorySaleItem", "serviceSaleItem", "nonInventoryPurchaseItem",
		"servicePurchaseItem", "assemblyItem", "kitItem", "otherChargeSaleItem", "discountItem":
		return "item"
	}
	return recordType
}

func timeText(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func parseTime(s string) (time.Time, error) { return time.Parse(time.RFC3339Nano, s) }

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Create stores a new record of recordType and returns its internal ID. The
// ID is the next of the type's family, or id when id > 0 (for seeding and
// imports); an id already used is an error.
func (s *Store) Create(ctx context.Context, recordType string, id int64, externalID string, fields map[string]any, now time.Time) (int64, error) {
	body, err := json.Marshal(fields)
	if err != nil {
		return 0, fmt.Errorf("store: encoding %s: %w", recordType, err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	family := Family(recordType)
	if id <= 0 {
		if err := tx.QueryRowContext(ctx,
			`INSERT INTO sequences (family, next) VALUES (?, 1)
			 ON CONFLICT (family) DO UPDATE SET next = next + 1
			 RETURNING next`, family).Scan(&id); err != nil {
			return 0, fmt.Errorf("store: numbering %s: %w", recordType, err)
		}
	} else if _, err := tx.ExecContext(ctx,
		`INSERT INTO sequences (family, next) VALUES (?, ?)
		 ON CONFLICT (family) DO UPDATE SET next = max(next, excluded.next)`, family, id); err != nil {
		return 0, fmt.Errorf("store: numbering %s: %w", recordType, err)
	}
	if externalID != "" {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM records WHERE type = ? AND external_id = ?`, recordType, externalID).Scan(&n); err != nil {
			return 0, err
		}
		if n > 0 {
			return 0, ErrDuplicateExternalID
		}
	}
	ts := timeText(now)
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO records (family, id, type, external_id, body, date_created, last_modified) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		family, id, recordType, nullable(externalID), string(body), ts, ts); err != nil {
		return 0, fmt.Errorf("store: creating %s %d: %w", recordType, id, err)
	}
	return id, s.commit(tx)
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
	return scanRecord(s.getByID.QueryRowContext(ctx, recordType, id))
}

// GetByExternalID returns the record of recordType with external ID eid, or
// ErrNotFound.
func (s *Store) GetByExternalID(ctx context.Context, recordType, eid string) (*Record, error) {
	return scanRecord(s.getByExternalID.QueryRowContext(ctx, recordType, eid))
}

// Update replaces the fields and external ID of a record and sets its last
// modified date. It returns ErrNotFound if there is no such record and
// ErrDuplicateExternalID if another record has the external ID.
func (s *Store) Update(ctx context.Context, recordType string, id int64, externalID string, fields map[string]any, now time.Time) error {
	body, err := json.Marshal(fields)
	if err != nil {
		return fmt.Errorf("store: encoding %s %d: %w", recordType, id, err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if externalID != "" {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM records WHERE type = ? AND external_id = ? AND id <> ?`, recordType, externalID, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return ErrDuplicateExternalID
		}
	}
	res, err := tx.ExecContext(ctx, `UPDATE records SET external_id = ?, body = ?, last_modified = ? WHERE type = ? AND id = ?`,
		nullable(externalID), string(body), timeText(now), recordType, id)
	if err != nil {
		return fmt.Errorf("store: updating %s %d: %w", recordType, id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return s.commit(tx)
}

// Delete removes a record and writes it to the deleted-records log. It
// returns ErrNotFound if there is no such record.
func (s *Store) Delete(ctx context.Context, recordType string, id int64, now time.Time) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var eid sql.NullString
	if err := tx.QueryRowContext(ctx, `DELETE FROM records WHERE type = ? AND id = ? RETURNING external_id`, recordType, id).Scan(&eid); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		return fmt.Errorf("store: deleting %s %d: %w", recordType, id, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO deleted_records (type, id, external_id, deleted_at) VALUES (?, ?, ?, ?)`,
		recordType, id, eid, timeText(now)); err != nil {
		return err
	}
	return s.commit(tx)
}

// List calls fn for every record of recordType in ascending internal ID
// order, until fn returns false or an error.
func (s *Store) List(ctx context.Context, recordType string, fn func(*Record) (bool, error)) error {
	rows, err := s.db.QueryContext(ctx, selectRecord+` WHERE type = ? ORDER BY id`, recordType)
	if err != nil {
		return err
	}
	// Read every row before calling fn: the store has one connection, and fn
	// may need it.
	var recs []*Record
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			rows.Close()
			return err
		}
		recs = append(recs, r)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range recs {
		more, err := fn(r)
		if err != nil || !more {
			return err
		}
	}
	return nil
}

// Count returns the number of records of recordType.
func (s *Store) Count(ctx context.Context, recordType string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM records WHERE type = ?`, recordType).Scan(&n)
	return n, err
}

// DeletedSince returns the deleted-records log from since on, oldest first.
func (s *Store) DeletedSince(ctx context.Context, since time.Time) ([]Deleted, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT type, id, coalesce(external_id, ''), deleted_at FROM deleted_records WHERE deleted_at >= ? ORDER BY deleted_at, rowid`, timeText(since))
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

// Reset deletes every record, the deleted-records log and the sequences.
func (s *Store) Reset(ctx context.Context) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM records; DELETE FROM sequences; DELETE FROM deleted_records; DELETE FROM meta;`)
	s.gen.Add(1)
	return err
}

// Meta returns a value stored under key, or "" when there is none.
func (s *Store) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetMeta stores value under key.
func (s *Store) SetMeta(ctx context.Context, key, value string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}

// FormatID returns an internal ID as NetSuite writes it: a string.
func FormatID(id int64) string { return strconv.FormatInt(id, 10) }
