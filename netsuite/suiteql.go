package netsuite

import (
	"context"
	"iter"
	"time"
)

// CONTRACT STUB for issue 11: the client helper implements every function
// here (and may add to it); the CLI helper codes against these signatures.

// SuiteQLService runs SuiteQL queries (POST /services/rest/query/v1/suiteql).
//
// NetSuite docs: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157909186990.html
type SuiteQLService service

// MaxSuiteQLResults is SuiteQL's cap: a query returns at most 100,000 rows
// by offset paging; Rows continues past it by keyset (RowsOptions.Key).
const MaxSuiteQLResults = 100000

// QueryOptions are the parameters of one page.
type QueryOptions struct {
	// Params are the values of the query's ? placeholders, in order:
	// strings, numbers, booleans or nil.
	Params []any
	// Limit is the page size, at most 1000; 0 means 1000.
	Limit int
	// Offset is where the page starts; a multiple of the limit.
	Offset int
}

// A Row is one row of a SuiteQL result: lower-case column name to the value
// NetSuite sent, always a string. A null column is absent.
type Row map[string]string

// QueryPage is one page of a SuiteQL result.
type QueryPage struct {
	Rows         []Row
	Count        int
	Offset       int
	TotalResults int
	HasMore      bool
}

// Query runs one page of a query.
func (s *SuiteQLService) Query(ctx context.Context, query string, opts *QueryOptions) (*QueryPage, *Response, error) {
	panic("not implemented")
}

// RowsOptions are the parameters of Rows.
type RowsOptions struct {
	// Params are the values of the query's ? placeholders.
	Params []any
	// Limit is the page size, at most 1000; 0 means 1000.
	Limit int
	// MaxRows stops after this many rows; 0 for all.
	MaxRows int
	// Key is the column keyset paging continues by past the cap, and that
	// After refers to: "" means "id" when the query selects id and ends
	// with ORDER BY id (KeyOf tells), else no keyset.
	Key string
	// After resumes a keyset read: only rows whose key is greater (as a
	// number) are read. "" starts at the beginning.
	After string
}

// Rows returns every row of a query in order: the first page, then the
// others in parallel up to the Client's concurrency limit, yielded in
// order; past MaxSuiteQLResults by keyset on RowsOptions.Key, or an error
// that says what to add to the query. An error ends the sequence.
func (s *SuiteQLService) Rows(ctx context.Context, query string, opts *RowsOptions) iter.Seq2[Row, error] {
	panic("not implemented")
}

// KeyOf returns the column a query can be keyset-paged by: "id" when it
// selects id and ends with ORDER BY id (ASC), "" otherwise.
func KeyOf(query string) string { panic("not implemented") }

// SelectColumns returns the output column names of a query's select list,
// lower case, as NetSuite names them (aliases, plain and qualified columns,
// expr1, expr2... for unaliased expressions), read by a light scan of the
// query; ok is false when the list cannot be known without running it (a
// star).
func SelectColumns(query string) (columns []string, ok bool) { panic("not implemented") }

// Decode reads row into v, a pointer to a struct whose fields carry
// `suiteql:"column"` tags (else the lower-case field name): strings,
// integers, floats, bools ('T'/'F'), time.Time (TO_CHAR datetimes such as
// 'YYYY-MM-DD HH24:MI:SS' or ISO 8601, read in loc, DST-exact) and pointers
// to them for columns that may be null.
func Decode(row Row, v any, loc *time.Location) error { panic("not implemented") }
