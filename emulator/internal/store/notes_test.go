package store

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// notes returns the system notes as text rows, in order.
func notes(t *testing.T, s *Store) [][]string {
	t.Helper()
	rows, err := s.QueryContext(t.Context(), `SELECT id, type, record_id, operation, field, old_value, new_value, date FROM system_notes ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		var id, rid int64
		var typ, op, date string
		var field, oldv, newv sql.NullString
		if err := rows.Scan(&id, &typ, &rid, &op, &field, &oldv, &newv, &date); err != nil {
			t.Fatal(err)
		}
		out = append(out, []string{fmt.Sprint(id), typ, fmt.Sprint(rid), op, field.String, oldv.String, newv.String, date})
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// Every create, update and delete writes its notes; an update one per
// changed field; a failed write none.
func TestSystemNotes(t *testing.T) {
	t.Parallel()
	s := openMemory(t)
	ctx := t.Context()
	t1 := t0.Add(time.Hour)
	id, err := s.Create(ctx, "entity", "customer", 0, "", map[string]any{
		"companyName": "Acme", "isInactive": false, "terms": "2", "lastModifiedDate": "a", "addressBook": []any{map[string]any{"city": "Portland"}},
	}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Update(ctx, "customer", id, "", map[string]any{
		"companyName": "Acme Inc", "isInactive": true, "lastModifiedDate": "b", "addressBook": []any{map[string]any{"city": "Salem"}}, "email": "a@example.com",
	}, t1); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(ctx, "customer", 99, "", map[string]any{"companyName": "x"}, t1); err != ErrNotFound {
		t.Fatalf("Update of a missing record = %v", err)
	}
	if err := s.Delete(ctx, "customer", id, t1); err != nil {
		t.Fatal(err)
	}
	c, m := Timestamp(t0), Timestamp(t1)
	want := [][]string{
		{"1", "customer", "1", "Create", "", "", "", c},
		{"2", "customer", "1", "Change", "addressBook", `[{"city":"Portland"}]`, `[{"city":"Salem"}]`, m},
		{"3", "customer", "1", "Change", "companyName", "Acme", "Acme Inc", m},
		{"4", "customer", "1", "Change", "email", "", "a@example.com", m},
		{"5", "customer", "1", "Change", "isInactive", "F", "T", m},
		{"6", "customer", "1", "Change", "terms", "2", "", m},
		{"7", "customer", "1", "Delete", "", "", "", m},
	}
	if diff := cmp.Diff(want, notes(t, s)); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
	if err := s.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if got := notes(t, s); len(got) != 0 {
		t.Errorf("notes after Reset: %v", got)
	}
}

// A file of schema 2 gains system_notes, with a Create note for each
// record, dated when it was created.
func TestVersion2FileGetsCreateNotes(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "v2.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Old", "Older"} {
		if _, err := s.Create(t.Context(), "entity", "customer", 0, "", map[string]any{"companyName": name}, t0); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`DROP TABLE system_notes; PRAGMA user_version = 2`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := Timestamp(t0)
	want := [][]string{{"1", "customer", "1", "Create", "", "", "", c}, {"2", "customer", "2", "Create", "", "", "", c}}
	if diff := cmp.Diff(want, notes(t, s)); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
	var v int
	if err := s.r.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil || v != schemaVersion {
		t.Errorf("user_version = %d, %v; want %d", v, err, schemaVersion)
	}
}
