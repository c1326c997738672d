package netsuite

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

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

// suiteQLPath is the SuiteQL endpoint, relative to /services/rest/.
const suiteQLPath = "query/v1/suiteql"

// suiteQLCap is the cap Rows pages by offset up to: MaxSuiteQLResults, which
// tests lower to reach it with few rows.
var suiteQLCap = MaxSuiteQLResults

// suiteQLBody is the request body of a query, {"q": ..., "params": [...]}
// (section_157909186990, cited on Query).
type suiteQLBody struct {
	Q      string `json:"q"`
	Params []any  `json:"params,omitempty"`
}

// Query runs one page of a query. The page holds at most opts.Limit rows
// (1000 when 0) from opts.Offset, which NetSuite requires to be a multiple
// of the limit and below MaxSuiteQLResults. The Response has the paging
// fields as List's has: HasMore, TotalResults, NextOffset. The ? of the
// query take opts.Params, in order.
//
// NetSuite answers with strings, whatever the column's type (a count is
// "143", a boolean "T" or "F"), leaves null columns out and names columns
// in lower case; Decode reads a Row into a struct. Dates and datetimes come
// as the user's display format unless the query projects them with
// TO_CHAR, as public connectors do (Airbyte's source-netsuite-suiteql:
// TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS')); that text is a wall
// time in the account's time zone.
//
// A query is sent as a POST with Prefer: transient, as NetSuite requires,
// but it changes nothing, so it is retried as a GET is: after a 429, a 5xx
// or a broken connection.
//
// NetSuite docs: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157909186990.html
//
//meta:operation POST /query/v1/suiteql
func (s *SuiteQLService) Query(ctx context.Context, query string, opts *QueryOptions) (*QueryPage, *Response, error) {
	if strings.TrimSpace(query) == "" {
		return nil, nil, errors.New("netsuite: SuiteQL: the query is empty; want a query such as SELECT id, companyname FROM customer")
	}
	var o QueryOptions
	if opts != nil {
		o = *opts
	}
	if o.Limit < 0 || o.Limit > MaxPageSize {
		return nil, nil, fmt.Errorf("netsuite: QueryOptions.Limit %d: want 1 to %d, or 0 for NetSuite's default of %d", o.Limit, MaxPageSize, MaxPageSize)
	}
	limit := orDefault(o.Limit, MaxPageSize)
	if o.Offset < 0 || o.Offset%limit != 0 {
		return nil, nil, fmt.Errorf("netsuite: QueryOptions.Offset %d: NetSuite requires an offset that is a multiple of the limit (%d)", o.Offset, limit)
	}
	if o.Offset >= MaxSuiteQLResults {
		return nil, nil, fmt.Errorf("netsuite: QueryOptions.Offset %d: SuiteQL returns at most %d rows by offset; page past them by a key instead (WHERE id > ? ORDER BY id), as Rows does with RowsOptions.Key", o.Offset, MaxSuiteQLResults)
	}
	if err := checkParams(o.Params); err != nil {
		return nil, nil, err
	}
	q := url.Values{}
	if o.Limit != 0 {
		q.Set("limit", strconv.Itoa(o.Limit))
	}
	if o.Offset != 0 {
		q.Set("offset", strconv.Itoa(o.Offset))
	}
	// A query is a read: retried like a GET (see retryMethod).
	ctx = context.WithValue(ctx, idempotentKey{}, true)
	req, err := s.client.NewRequest(ctx, http.MethodPost, suiteQLPath+encodeQuery(q), suiteQLBody{Q: query, Params: o.Params})
	if err != nil {
		return nil, nil, err
	}
	// "Prefer: transient is a required header parameter" (section_157909186990).
	req.Header.Set("Prefer", "transient")
	var body struct {
		Items []map[string]json.RawMessage `json:"items"`
	}
	resp, err := s.client.Do(req, &body)
	if err != nil {
		return nil, resp, err
	}
	page := &QueryPage{
		Rows:         make([]Row, 0, len(body.Items)),
		Count:        resp.Count,
		Offset:       resp.Offset,
		TotalResults: resp.TotalResults,
		HasMore:      resp.HasMore,
	}
	for i, item := range body.Items {
		row, err := rowOf(item)
		if err != nil {
			return nil, resp, fmt.Errorf("netsuite: %s %s: row %d: %w", req.Method, sanitizeURL(req.URL), o.Offset+i, err)
		}
		page.Rows = append(page.Rows, row)
	}
	return page, resp, nil
}

// rowOf turns an item of a SuiteQL page into a Row: its links are dropped,
// a null is left out, a string is taken as it is and any other value (which
// NetSuite does not send) as its JSON text.
func rowOf(item map[string]json.RawMessage) (Row, error) {
	row := make(Row, len(item))
	for col, raw := range item {
		if col == "links" {
			continue
		}
		raw = bytes.TrimSpace(raw)
		switch {
		case len(raw) == 0 || string(raw) == "null":
			continue
		case raw[0] == '"':
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return nil, fmt.Errorf("column %s: %w", col, err)
			}
			row[strings.ToLower(col)] = s
		case raw[0] == '{' || raw[0] == '[':
			return nil, fmt.Errorf("column %s is %s, not a value", col, snippet(raw))
		default:
			row[strings.ToLower(col)] = string(raw)
		}
	}
	return row, nil
}

// checkParams refuses a parameter NetSuite does not take: a ? is bound to
// a string, a number, a boolean or null.
func checkParams(params []any) error {
	for i, p := range params {
		switch p.(type) {
		case nil, string, bool, json.Number,
			int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
		default:
			return fmt.Errorf("netsuite: SuiteQL parameter %d is a %T; want a string, a number, a boolean or nil (for a date, pass a string and convert it in the query, such as TO_DATE(?, 'YYYY-MM-DD'))", i+1, p)
		}
	}
	return nil
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

// Rows returns every row of a query in order, as an iterator. It reads the
// first page alone; once it has told how many rows there are
// (totalResults), it asks for the other pages in parallel, as many at a
// time as the Client's concurrency limit (Client.Concurrency), and yields
// them strictly in order, holding no more than that many pages (plus one)
// in memory. The requests take the Client's concurrency slots as any other
// call does, and are retried as Query's are. MaxRows stops the read after
// that many rows, and no page past them is asked for. Stopping the loop
// cancels the pages in flight. An error ends the sequence: it is yielded
// with a nil Row, after the rows of the pages before it.
//
// Pages read in parallel are separate queries. While the data changes
// under them, a row can move from one page to another between two reads
// and be skipped or repeated, unless the query is ordered by a unique key
// (ORDER BY id), which keeps every row on its page. Even then a row
// inserted or deleted during the read shifts the pages after it; for a
// consistent read of changing data, read by keyset (RowsOptions.After) or
// filter on a time window.
//
// SuiteQL returns at most MaxSuiteQLResults rows by offset. Past them,
// Rows continues by keyset when it has a key: RowsOptions.Key, or "id"
// when the query selects id and ends with ORDER BY id (KeyOf). It then
// runs
//
//	SELECT * FROM (<query>) WHERE <key> > ? ORDER BY <key>
//
// with the key of the last row read appended to the parameters, and pages
// through that the same way, as often as needed. The key must be a unique
// column of the select list whose values grow with the order (a number,
// such as id); a query not ordered by it (but given a Key) is read wrapped
// as SELECT * FROM (<query>) ORDER BY <key> from the start, so that the
// last row of each part has its greatest key. RowsOptions.After starts
// such a keyset read after a key, to resume a read that stopped. Without a
// key Rows stops at the cap with an error saying what to add to the query.
//
// NetSuite docs: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157909186990.html
func (s *SuiteQLService) Rows(ctx context.Context, query string, opts *RowsOptions) iter.Seq2[Row, error] {
	return func(yield func(Row, error) bool) {
		var o RowsOptions
		if opts != nil {
			o = *opts
		}
		o.Params = slices.Clone(o.Params)
		if err := o.check(); err != nil {
			yield(nil, err)
			return
		}
		key := strings.ToLower(strings.TrimSpace(o.Key))
		ordered := KeyOf(query)
		if key == "" {
			key = ordered
		}
		if o.After != "" && key == "" {
			yield(nil, errors.New("netsuite: RowsOptions.After needs a key: pass RowsOptions.Key, or select id and end the query with ORDER BY id"))
			return
		}
		r := rowsReader{s: s, limit: orDefault(o.Limit, MaxPageSize), remaining: o.MaxRows, unlimited: o.MaxRows == 0, yield: yield}
		after := o.After
		for {
			q, params := query, o.Params
			if key != "" && (after != "" || ordered != key) {
				q, params = keysetQuery(query, o.Params, key, after)
			}
			capped, done, err := r.read(ctx, q, params)
			if err != nil {
				yield(nil, err)
				return
			}
			if done || !capped {
				return
			}
			if key == "" {
				yield(nil, fmt.Errorf("netsuite: SuiteQL returns at most %d rows by offset and the query has that many or more; to read past them by keyset, select id and end the query with ORDER BY id, or pass RowsOptions.Key naming a unique, increasing column the query selects", suiteQLCap))
				return
			}
			next, ok := r.last[key]
			if !ok {
				yield(nil, fmt.Errorf("netsuite: SuiteQL: cannot continue past %d rows by keyset: the last row read has no column %q (RowsOptions.Key); the query must select it, and it must not be null", suiteQLCap, key))
				return
			}
			if next == after {
				return // the key did not move: nothing is past it
			}
			after = next
		}
	}
}

// check checks the options of Rows.
func (o *RowsOptions) check() error {
	if o.Limit < 0 || o.Limit > MaxPageSize {
		return fmt.Errorf("netsuite: RowsOptions.Limit %d: want 1 to %d, or 0 for NetSuite's default of %d", o.Limit, MaxPageSize, MaxPageSize)
	}
	if o.MaxRows < 0 {
		return fmt.Errorf("netsuite: RowsOptions.MaxRows %d: want 0 (all rows) or more", o.MaxRows)
	}
	if k := strings.TrimSpace(o.Key); k != "" && !isIdentifier(k) {
		return fmt.Errorf("netsuite: RowsOptions.Key %q: want the name of a column of the select list, such as id", o.Key)
	}
	return checkParams(o.Params)
}

// keysetQuery wraps query so that it returns the rows whose key is greater
// than after (all rows when after is ""), ordered by the key, and returns
// it with its parameters. The key is bound as a number when it is one, so
// that 10 comes after 9.
func keysetQuery(query string, params []any, key, after string) (string, []any) {
	// The newline ends a -- comment at the end of the query; a final ;
	// would end the statement inside the parentheses.
	inner := strings.TrimRight(strings.TrimSpace(query), "; \t\r\n")
	q := "SELECT * FROM (" + inner + "\n)"
	if after == "" {
		return q + " ORDER BY " + key, params
	}
	var bound any = after
	if _, err := strconv.ParseFloat(after, 64); err == nil && isNumber(after) {
		bound = json.Number(after)
	}
	return q + " WHERE " + key + " > ? ORDER BY " + key, append(slices.Clone(params), bound)
}

// isNumber reports whether s is a JSON number: digits with an optional
// sign, fraction and exponent.
func isNumber(s string) bool {
	var n json.Number
	return json.Unmarshal([]byte(s), &n) == nil
}

// isIdentifier reports whether s is a plain SQL identifier.
func isIdentifier(s string) bool {
	for i, c := range s {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

// rowsReader reads the parts of Rows: one query paged by offset each.
type rowsReader struct {
	s         *SuiteQLService
	limit     int
	remaining int  // rows still wanted, unless unlimited
	unlimited bool // MaxRows 0: every row
	yield     func(Row, error) bool
	last      Row // the last row yielded
}

// read reads query by offset up to the cap: the first page, then the
// others in parallel. capped says that the query has rows past the cap
// (totalResults reached it); done that the caller stopped or MaxRows was
// reached.
func (r *rowsReader) read(ctx context.Context, query string, params []any) (capped, done bool, err error) {
	fetch := func(ctx context.Context, offset int) (*QueryPage, error) {
		p, _, err := r.s.Query(ctx, query, &QueryOptions{Params: params, Limit: r.limit, Offset: offset})
		return p, err
	}
	var last *QueryPage
	each := func(p *QueryPage) bool {
		last = p
		for _, row := range p.Rows {
			if !r.yield(row, nil) {
				done = true
				return false
			}
			r.last = row
			if !r.unlimited {
				r.remaining--
				if r.remaining == 0 {
					done = true
					return false
				}
			}
		}
		return true
	}
	first, err := fetch(ctx, 0)
	if err != nil {
		return false, false, err
	}
	if !each(first) {
		return false, true, nil
	}
	next := r.limit
	for last.HasMore && len(last.Rows) > 0 {
		// Pages below the cap, below totalResults and, with MaxRows,
		// no further than the rows still wanted.
		end := min(last.TotalResults, suiteQLCap)
		if !r.unlimited {
			end = min(end, next+r.remaining)
		}
		if end <= next {
			break
		}
		stopped, err := readPages(ctx, r.s.client.width, next, r.limit, end, fetch, each)
		if err != nil {
			return false, false, err
		}
		if stopped {
			return false, true, nil
		}
		// The first offset readPages did not read: a multiple of the limit.
		next += (end - next + r.limit - 1) / r.limit * r.limit
	}
	return last.TotalResults >= suiteQLCap && next >= suiteQLCap, false, nil
}
