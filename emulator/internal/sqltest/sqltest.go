// Package sqltest holds what the emulator's tests over SQLite share: an
// in-memory database and a reader of a query's rows.
package sqltest

import (
	"database/sql"
	"testing"

	_ "modernc.org/sqlite" // the "sqlite" driver
)

// Open returns an in-memory SQLite database on one connection (so that
// every statement sees the same database), closed when the test ends.
func Open(t testing.TB) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

// Values reads the remaining rows of rows, each as its column values as
// the driver gives them (nil for NULL). It does not close rows.
func Values(rows *sql.Rows) ([][]any, error) {
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out [][]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out = append(out, vals)
	}
	return out, rows.Err()
}
