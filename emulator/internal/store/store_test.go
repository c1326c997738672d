package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var t0 = time.Date(2026, 3, 8, 10, 0, 0, 0, time.UTC)

// family is the ID family of the record types these tests use (the
// catalog's profiles say it for the emulator).
func family(recordType string) string {
	switch recordType {
	case "customer", "vendor", "employee", "contact":
		return "entity"
	case "salesOrder", "invoice":
		return "transaction"
	case "inventoryItem":
		return "item"
	}
	return recordType
}

func openMemory(t *testing.T) *Store {
	t.Helper()
	s, err := Open("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestFamiliesShareSequences(t *testing.T) {
	t.Parallel()
	s := openMemory(t)
	ctx := t.Context()
	ids := map[string]int64{}
	for _, typ := range []string{"customer", "vendor", "salesOrder", "invoice", "customer", "inventoryItem", "department"} {
		id, err := s.Create(ctx, family(typ), typ, 0, "", map[string]any{"name": typ}, t0)
		if err != nil {
			t.Fatal(err)
		}
		ids[typ] = id
	}
	// customer 1, vendor 2, customer 3 (entity); salesOrder 1, invoice 2
	// (transaction); inventoryItem 1; department 1.
	want := map[string]int64{"customer": 3, "vendor": 2, "salesOrder": 1, "invoice": 2, "inventoryItem": 1, "department": 1}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// An explicit ID moves the sequence past it.
	if _, err := s.Create(ctx, family("department"), "department", 40, "", map[string]any{}, t0); err != nil {
		t.Fatal(err)
	}
	id, _ := s.Create(ctx, family("department"), "department", 0, "", map[string]any{}, t0)
	if id != 41 {
		t.Errorf("after 40 came %d", id)
	}
	if _, err := s.Create(ctx, family("department"), "department", 40, "", map[string]any{}, t0); err == nil {
		t.Error("a used ID was accepted")
	}
}

func TestCRUD(t *testing.T) {
	t.Parallel()
	s := openMemory(t)
	ctx := t.Context()
	id, err := s.Create(ctx, family("customer"), "customer", 0, "CUST-1", map[string]any{"companyName": "Acme", "creditLimit": 1000.5}, t0)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(ctx, "customer", id)
	if err != nil {
		t.Fatal(err)
	}
	want := &Record{Type: "customer", ID: id, ExternalID: "CUST-1", Fields: map[string]any{"companyName": "Acme", "creditLimit": 1000.5}, DateCreated: t0, LastModified: t0}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Get (-want +got):\n%s", diff)
	}
	byEID, err := s.GetByExternalID(ctx, "customer", "CUST-1")
	if err != nil || byEID.ID != id {
		t.Errorf("GetByExternalID: %v, %v", byEID, err)
	}
	if _, err := s.Create(ctx, family("customer"), "customer", 0, "CUST-1", map[string]any{}, t0); !errors.Is(err, ErrDuplicateExternalID) {
		t.Errorf("duplicate external ID: %v", err)
	}
	// The same external ID on another type is fine.
	if _, err := s.Create(ctx, family("vendor"), "vendor", 0, "CUST-1", map[string]any{}, t0); err != nil {
		t.Errorf("external ID on another type: %v", err)
	}
	t1 := t0.Add(time.Hour)
	if err := s.Update(ctx, "customer", id, "", map[string]any{"companyName": "Acme Inc"}, t1); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Get(ctx, "customer", id)
	if got.LastModified != t1 || got.DateCreated != t0 || got.ExternalID != "" || got.Fields["companyName"] != "Acme Inc" {
		t.Errorf("after update: %+v", got)
	}
	if err := s.Update(ctx, "customer", 999, "", nil, t1); !errors.Is(err, ErrNotFound) {
		t.Errorf("update of a missing record: %v", err)
	}
	if err := s.Delete(ctx, "customer", id, t1); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, "customer", id); !errors.Is(err, ErrNotFound) {
		t.Errorf("get after delete: %v", err)
	}
	if err := s.Delete(ctx, "customer", id, t1); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	deleted, err := s.DeletedSince(ctx, t0)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]Deleted{{Type: "customer", ID: id, DeletedAt: t1}}, deleted); diff != "" {
		t.Errorf("deleted log (-want +got):\n%s", diff)
	}
}

func TestListOrderAndStop(t *testing.T) {
	t.Parallel()
	s := openMemory(t)
	ctx := t.Context()
	for _, id := range []int64{5, 2, 9} {
		if _, err := s.Create(ctx, family("term"), "term", id, "", map[string]any{}, t0); err != nil {
			t.Fatal(err)
		}
	}
	var seen []int64
	err := s.List(ctx, "term", func(r *Record) (bool, error) {
		seen = append(seen, r.ID)
		return len(seen) < 2, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int64{2, 5}, seen); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if n, _ := s.Count(ctx, "term"); n != 3 {
		t.Errorf("Count = %d", n)
	}
}

func TestFileSurvivesReopen(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "emulator.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	id, err := s.Create(ctx, family("customer"), "customer", 0, "", map[string]any{"companyName": "Kept"}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r, err := s.Get(ctx, "customer", id)
	if err != nil || r.Fields["companyName"] != "Kept" {
		t.Errorf("after reopen: %v, %v", r, err)
	}
	next, _ := s.Create(ctx, family("vendor"), "vendor", 0, "", map[string]any{}, t0)
	if next != id+1 {
		t.Errorf("the entity sequence restarted: %d after %d", next, id)
	}
}

func TestMemoryStoresAreSeparate(t *testing.T) {
	t.Parallel()
	a, b := openMemory(t), openMemory(t)
	if _, err := a.Create(t.Context(), family("term"), "term", 0, "", map[string]any{}, t0); err != nil {
		t.Fatal(err)
	}
	if n, _ := b.Count(t.Context(), "term"); n != 0 {
		t.Errorf("a record of one store is in another")
	}
}

func TestGenerationCountsChanges(t *testing.T) {
	t.Parallel()
	s := openMemory(t)
	ctx := t.Context()
	g0 := s.Generation()
	id, _ := s.Create(ctx, family("term"), "term", 0, "", map[string]any{}, t0)
	g1 := s.Generation()
	if _, err := s.Get(ctx, "term", id); err != nil {
		t.Fatal(err)
	}
	if s.Generation() != g1 {
		t.Error("a read changed the generation")
	}
	s.Update(ctx, "term", id, "", map[string]any{"name": "x"}, t0)
	g2 := s.Generation()
	s.Delete(ctx, "term", id, t0)
	g3 := s.Generation()
	s.Reset(ctx)
	g4 := s.Generation()
	if !(g0 < g1 && g1 < g2 && g2 < g3 && g3 < g4) {
		t.Errorf("generations %d %d %d %d %d do not increase with each change", g0, g1, g2, g3, g4)
	}
}

// A file name with the characters SQLite URIs treat specially is the file
// opened, not another.
func TestFileNameIsEscaped(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "a%41?x=1#b.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Create(t.Context(), family("term"), "term", 0, "", map[string]any{}, t0); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the store is not in %s: %v", path, err)
	}
}

// A read in progress holds one connection of the pool: other reads and
// writes go on meanwhile (with one connection, as before the pool, they
// waited for it to end).
func TestReadsAndWritesFlowDuringALongRead(t *testing.T) {
	t.Parallel()
	s := openMemory(t)
	ctx := t.Context()
	for range 3 {
		if _, err := s.Create(ctx, "term", "term", 0, "", map[string]any{}, t0); err != nil {
			t.Fatal(err)
		}
	}
	inside, release := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- s.List(ctx, "term", func(*Record) (bool, error) {
			close(inside)
			<-release // the long read: its statement stays open
			return false, nil
		})
	}()
	<-inside
	ok := make(chan error, 1)
	go func() {
		if _, err := s.Get(ctx, "term", 1); err != nil {
			ok <- err
			return
		}
		id, err := s.Create(ctx, "term", "term", 0, "", map[string]any{"name": "during"}, t0)
		if err != nil {
			ok <- err
			return
		}
		ids, total, err := s.Page(ctx, Query{Type: "term", Limit: 10})
		if err == nil && (total != 4 || ids[len(ids)-1] != id) {
			err = fmt.Errorf("Page after the write = %v of %d; want 4 ids ending in %d", ids, total, id)
		}
		ok <- err
	}()
	select {
	case err := <-ok:
		if err != nil {
			t.Error(err)
		}
	case <-time.After(10 * time.Second):
		t.Error("a read and a write waited for a long read to end")
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestPage(t *testing.T) {
	t.Parallel()
	s := openMemory(t)
	ctx := t.Context()
	err := s.Batch(ctx, func(b *Store) error {
		for i := range 25 {
			name := fmt.Sprintf("Company %02d", i)
			if i%5 == 0 {
				name = "ÄRGER " + name
			}
			if _, err := b.Create(ctx, "entity", "customer", 0, "", map[string]any{"companyName": name}, t0.Add(time.Duration(i)*time.Hour)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q         Query
		ids       []int64
		total     int
		usesIndex string // an index the plan must name; "" to skip
	}{
		{Query{Type: "customer", Limit: 3}, []int64{1, 2, 3}, 25, "records_type_id"},
		{Query{Type: "customer", Limit: 10, Offset: 20}, []int64{21, 22, 23, 24, 25}, 25, ""},
		{Query{Type: "customer", Limit: 10, Offset: 30}, []int64{}, 25, ""},
		{Query{Type: "vendor", Limit: 10}, []int64{}, 0, ""},
		{Query{Type: "customer", Limit: 10, Where: "ns_fold(" + Body("companyName") + ") >= ? AND ns_fold(" + Body("companyName") + ") < ?", Args: []any{"ärger", "ärger\xff"}},
			[]int64{1, 6, 11, 16, 21}, 5, "records_fold_companyname"},
		{Query{Type: "customer", Limit: 10, Where: "ns_fold(" + Body("companyName") + ") = ?", Args: []any{"company 03"}},
			[]int64{4}, 1, "records_fold_companyname (type=? AND <expr>=?)"},
		{Query{Type: "customer", Limit: 2, Where: ColumnLastModified + " >= ?", Args: []any{Timestamp(t0.Add(23 * time.Hour))}},
			[]int64{24, 25}, 2, "records_last_modified"},
	}
	for _, tt := range tests {
		ids, total, err := s.Page(ctx, tt.q)
		if err != nil {
			t.Fatalf("%+v: %v", tt.q, err)
		}
		if diff := cmp.Diff(tt.ids, ids); diff != "" || total != tt.total {
			t.Errorf("%+v: total %d, want %d; ids (-want +got):\n%s", tt.q, total, tt.total, diff)
		}
		if tt.usesIndex == "" {
			continue
		}
		query, args := tt.q.page()
		rows, err := s.r.QueryContext(ctx, "EXPLAIN QUERY PLAN "+query, args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan strings.Builder
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan.WriteString(detail + "\n")
		}
		rows.Close()
		if !strings.Contains(plan.String(), tt.usesIndex) {
			t.Errorf("%+v: the plan does not use %s:\n%s", tt.q, tt.usesIndex, plan.String())
		}
	}
}

// Counts kept by triggers follow creates, deletes, batches that roll back
// and resets, and a file of the previous schema gets them on open.
func TestCountsAreKept(t *testing.T) {
	t.Parallel()
	s := openMemory(t)
	ctx := t.Context()
	count := func() int {
		t.Helper()
		n, err := s.Count(ctx, "term")
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	for range 3 {
		s.Create(ctx, "term", "term", 0, "", map[string]any{}, t0)
	}
	s.Delete(ctx, "term", 2, t0)
	failed := errors.New("stop")
	if err := s.Batch(ctx, func(b *Store) error {
		b.Create(ctx, "term", "term", 0, "", map[string]any{}, t0)
		return failed
	}); !errors.Is(err, failed) {
		t.Fatalf("Batch = %v", err)
	}
	if n := count(); n != 2 {
		t.Errorf("count = %d, want 2", n)
	}
	s.Reset(ctx)
	if n := count(); n != 0 {
		t.Errorf("count after reset = %d", n)
	}
}

// A change that fails inside a batch leaves nothing behind, and the batch
// goes on.
func TestBatchSavepoints(t *testing.T) {
	t.Parallel()
	s := openMemory(t)
	ctx := t.Context()
	err := s.Batch(ctx, func(b *Store) error {
		if _, err := b.Create(ctx, "entity", "customer", 0, "X", map[string]any{}, t0); err != nil {
			return err
		}
		if _, err := b.Create(ctx, "entity", "customer", 0, "X", map[string]any{}, t0); !errors.Is(err, ErrDuplicateExternalID) {
			return fmt.Errorf("duplicate in a batch: %v", err)
		}
		// The failed create's number was given back; reads see the batch.
		id, err := b.Create(ctx, "entity", "customer", 0, "", map[string]any{}, t0)
		if err != nil || id != 2 {
			return fmt.Errorf("after a failed create: %d, %v", id, err)
		}
		if _, err := b.GetByExternalID(ctx, "customer", "X"); err != nil {
			return err
		}
		// Others do not see the batch before it commits.
		if _, err := s.Get(ctx, "customer", 1); !errors.Is(err, ErrNotFound) {
			return fmt.Errorf("a reader saw the batch before its commit: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Count(ctx, "customer"); n != 2 {
		t.Errorf("count = %d after the batch", n)
	}
}

// A file written before the schema had counts and indexes is brought up to
// date when opened: its records are counted and found by Page, and its
// dates lose their fractions of a second, as the store writes them now.
func TestOldFileIsMigrated(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`CREATE TABLE records (family TEXT NOT NULL, id INTEGER NOT NULL, type TEXT NOT NULL, external_id TEXT,
		body TEXT NOT NULL, date_created TEXT NOT NULL, last_modified TEXT NOT NULL, PRIMARY KEY (family, id));
		CREATE TABLE sequences (family TEXT PRIMARY KEY, next INTEGER NOT NULL);
		INSERT INTO records VALUES ('entity', 1, 'customer', NULL, '{"companyName":"Old"}', '2026-03-08T10:00:00.5Z', '2026-03-08T10:00:00.5Z');
		INSERT INTO records VALUES ('entity', 2, 'customer', NULL, '{"companyName":"Older"}', '2026-03-08T10:00:00Z', '2026-03-08T10:00:00Z');
		INSERT INTO sequences VALUES ('entity', 2);`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ids, total, err := s.Page(t.Context(), Query{Type: "customer", Limit: 10})
	if err != nil || total != 2 || len(ids) != 2 {
		t.Fatalf("Page = %v, %d, %v", ids, total, err)
	}
	r, err := s.Get(t.Context(), "customer", 1)
	if err != nil || r.DateCreated != t0 || r.LastModified != t0 {
		t.Errorf("Get = %+v, %v", r, err)
	}
}
