package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// schemaOf is the records table's indexes and triggers.
func schemaOf(t *testing.T, s *Store) []string {
	t.Helper()
	rows, err := s.r.Query(`SELECT sql FROM sqlite_schema WHERE tbl_name = 'records' AND sql IS NOT NULL ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var q string
		if err := rows.Scan(&q); err != nil {
			t.Fatal(err)
		}
		out = append(out, q)
	}
	return out
}

func TestLoad(t *testing.T) {
	t.Parallel()
	s := openMemory(t)
	ctx := t.Context()
	before := schemaOf(t, s)
	// A sequence left from records since deleted: the load goes on from it.
	id, err := s.Create(ctx, family("customer"), "customer", 0, "", map[string]any{}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, "customer", id, t0); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	err = s.Load(ctx, func(l *Loader) error {
		for i, typ := range []string{"customer", "vendor", "salesOrder", "department"} {
			id, err := l.Create(ctx, family(typ), typ, "E", map[string]any{"name": typ, "n": float64(i), "html": "<&>"}, t0)
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		if _, err := l.Create(ctx, family("customer"), "customer", "E", map[string]any{}, t0); !errors.Is(err, ErrDuplicateExternalID) {
			t.Errorf("duplicate external ID: %v", err)
		}
		if !l.Exists("entity", 2) || !l.Exists("entity", 3) || l.Exists("entity", 1) || l.Exists("entity", 4) || l.Exists("item", 1) {
			t.Error("Exists is wrong")
		}
		rec, err := l.GetInFamily(ctx, "entity", 3)
		if err != nil || rec.Type != "vendor" || rec.Fields["name"] != "vendor" {
			t.Errorf("GetInFamily(entity, 3) = %+v, %v", rec, err)
		}
		if _, err := l.GetInFamily(ctx, "entity", 4); !errors.Is(err, ErrNotFound) {
			t.Errorf("GetInFamily(entity, 4): %v", err)
		}
		l.SetMeta("k", "1")
		l.SetMeta("k", "2")
		if v, _ := l.Meta(ctx, "k"); v != "2" {
			t.Errorf("Meta = %q", v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int64{2, 3, 1, 1}, ids); diff != "" {
		t.Errorf("IDs (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(before, schemaOf(t, s)); diff != "" {
		t.Errorf("indexes and triggers after the load (-want +got):\n%s", diff)
	}
	rec, err := s.GetByExternalID(ctx, "vendor", "E")
	if err != nil || rec.ID != 3 || !rec.DateCreated.Equal(t0) || rec.Fields["html"] != "<&>" {
		t.Errorf("vendor E: %+v, %v", rec, err)
	}
	for _, typ := range []string{"customer", "salesOrder"} {
		if n, _ := s.Count(ctx, typ); n != 1 {
			t.Errorf("Count(%s) = %d", typ, n)
		}
	}
	if v, _ := s.Meta(ctx, "k"); v != "2" {
		t.Errorf("meta k = %q", v)
	}
	// The sequences go on after the load, and the unique index is back.
	if id, _ := s.Create(ctx, family("employee"), "employee", 0, "", map[string]any{}, t0); id != 4 {
		t.Errorf("next entity ID %d, want 4", id)
	}
	if _, err := s.Create(ctx, family("customer"), "customer", 0, "E", map[string]any{}, t0); !errors.Is(err, ErrDuplicateExternalID) {
		t.Errorf("duplicate after the load: %v", err)
	}
	// A store with records takes no load.
	if err := s.Load(ctx, func(*Loader) error { t.Error("fn ran"); return nil }); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("Load on a store with records: %v", err)
	}
}

// A load that fails keeps what it created before, as Create one at a time
// would, and gets its indexes back.
func TestLoadFails(t *testing.T) {
	t.Parallel()
	s := openMemory(t)
	ctx := t.Context()
	before := schemaOf(t, s)
	boom := errors.New("boom")
	err := s.Load(ctx, func(l *Loader) error {
		for range 3 {
			if _, err := l.Create(ctx, family("term"), "term", "", map[string]any{}, t0); err != nil {
				return err
			}
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Load: %v", err)
	}
	if n, _ := s.Count(ctx, "term"); n != 3 {
		t.Errorf("%d terms kept, want 3", n)
	}
	if diff := cmp.Diff(before, schemaOf(t, s)); diff != "" {
		t.Errorf("indexes and triggers (-want +got):\n%s", diff)
	}
	// A record the writer cannot encode fails the load.
	err = openMemory(t).Load(ctx, func(l *Loader) error {
		_, err := l.Create(ctx, family("term"), "term", "", map[string]any{"c": make(chan int)}, t0)
		return err
	})
	if err == nil {
		t.Error("a body json cannot encode was loaded")
	}
	// A done context stops it.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	err = openMemory(t).Load(cctx, func(l *Loader) error {
		_, err := l.Create(cctx, "term", "term", "", map[string]any{}, t0)
		return err
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// A file whose load was cut short, so without its indexes and triggers, gets
// them back when it is opened.
func TestOpenAfterAnInterruptedLoad(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "cut.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	want := schemaOf(t, s)
	l := &Loader{s: s, ctx: t.Context(), start: map[string]int64{}, last: map[string]int64{}}
	if _, err := l.begin(); err != nil {
		t.Fatal(err)
	}
	if got := schemaOf(t, s); len(got) != 1 { // the table
		t.Fatalf("begin left %q", got)
	}
	s.Close()
	if s, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if diff := cmp.Diff(want, schemaOf(t, s)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
