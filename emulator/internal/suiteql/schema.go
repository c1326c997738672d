package suiteql

import (
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/filter"
)

// Kind is the static type of a SuiteQL value, and fixes how the value is
// held in SQLite and rendered on the wire.
type Kind int

// The kinds. Every value is a string on the wire (Oracle's example, where even
// COUNT(*) is "143":
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157909186990.html);
// in SQLite they are held as follows.
const (
	// KindAny is a value whose kind the translator cannot tell (a NULL
	// literal, a bind compared with nothing); it is rendered by its SQLite
	// storage class.
	KindAny Kind = iota
	// KindText is TEXT.
	KindText
	// KindInteger is INTEGER: internal IDs and references.
	KindInteger
	// KindFloat is REAL: amounts, quantities, rates.
	KindFloat
	// KindBool is a NetSuite flag: TEXT 'T' or 'F', never a number.
	KindBool
	// KindDate and KindDateTime are REAL: days since 1970-01-01 00:00 of
	// the account's wall clock (local time read as if it were UTC), so that
	// date + 1, date - date, comparisons, MIN and MAX are plain SQLite
	// arithmetic. A date has no fraction.
	KindDate
	KindDateTime
)

// Column is a column of a SuiteQL table.
type Column struct {
	// Name is the column's name, lower case.
	Name string
	// Kind is the column's kind; Source yields it in Kind's form.
	Kind Kind
	// Display is BUILTIN.DF(column); nil when BUILTIN.DF returns the value
	// itself (rendered as text).
	Display Renderer
	// Compound is BUILTIN.CF(column) (the compound key such as
	// 'SalesOrd:B' for a status); nil when CF returns the value.
	Compound Renderer
	// Instant, on a date or datetime column, names a hidden column of the
	// table that holds the same moment as UTC text in the form
	// 2006-01-02T15:04:05Z and is indexed: the translator adds to a
	// comparison of the column with a constant a condition on it, widened by
	// a day so that it holds whatever the time zone, which lets SQLite read
	// the index instead of every row. Source yields it when asked; SELECT *
	// and queries never see it. "" for none.
	Instant string
	// NotNull is set for a column that is never NULL (a record's internal
	// ID): ORDER BY it needs no NULLS clause, which would keep SQLite from
	// reading an index in order.
	NotNull bool
}

// A Renderer returns the SQLite expression of a built-in applied to a
// column, given the SQLite expression of the column's value, and row, which
// returns the expression of another column of the same row: a status is
// shown by its transaction's type. row returns "NULL" where the column's
// row is not at hand (the column read through a derived table).
type Renderer func(value string, row func(column string) string) string

// Table is a SuiteQL table.
type Table struct {
	// Name is the table's name, lower case.
	Name string
	// Columns are the table's columns in the order SELECT * gives them.
	Columns []Column
	// Source returns a SQLite SELECT statement yielding one row for each
	// row of the table with exactly the named columns (each a column of
	// Columns), named by their lower-case names, double-quoted. The
	// translator wraps it as a subquery: (Source(cols)) AS "t1". SQLite
	// flattens it, so a condition on a column the store indexes (id) reads
	// the index.
	Source func(cols []string) string
}

// Column returns the table's column named name (lower case).
func (t *Table) Column(name string) (*Column, bool) {
	for i := range t.Columns {
		if t.Columns[i].Name == name {
			return &t.Columns[i], true
		}
	}
	return nil, false
}

// Schema resolves SuiteQL table names.
type Schema interface {
	// Table returns the table named name (lower case).
	Table(name string) (*Table, bool)
}

// Env is what a query is translated for: the account's tables and its
// clock, time zone and date format.
type Env struct {
	Schema Schema
	// Now is the time SYSDATE, CURRENT_DATE and BUILTIN.RELATIVE_RANGES
	// read.
	Now time.Time
	// Location is the account's time zone: dates are its wall clock.
	Location *time.Location
	// DateFormat is the account's Date Format preference: dates are shown
	// in it and strings compared with dates are read in it.
	DateFormat filter.DateFormat
}
