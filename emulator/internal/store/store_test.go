package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var t0 = time.Date(2026, 3, 8, 10, 0, 0, 0, time.UTC)

// family is the ID family of the record types these tests use (the
// catalog's profiles say it for the emulator).
func family(recordType string) string {
	switch recordType {
	case "customer", "vendor":
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
