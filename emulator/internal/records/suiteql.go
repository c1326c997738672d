package records

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/filter"
	"github.com/nsconnect/nsconnect/emulator/internal/suiteql"
	"github.com/nsconnect/nsconnect/emulator/internal/suiteql/oracle"
)

// SuiteQLPath is the path of the SuiteQL endpoint
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157909186990.html,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157909186990.html).
const SuiteQLPath = "/services/rest/query/v1/suiteql"

// MaxSuiteQLResults is SuiteQL's cap: "Using SuiteQL queries, you can return
// a maximum of 100,000 results" (section_157909186990).
//
// Assumption: totalResults counts at most this many rows, and a page whose
// offset is at or past it is refused with 400 INVALID_PARAMETER; how
// NetSuite answers past the cap is not documented.
const MaxSuiteQLResults = 100000

// DefaultQueryTimeout is how long one SuiteQL query may run before it is
// stopped (Config.QueryTimeout).
//
// Assumption: NetSuite documents no per-query limit besides the 15 minutes
// of any request; the emulator stops a query sooner so that one heavy query
// (a cross join) cannot hold a read connection for long.
const DefaultQueryTimeout = 30 * time.Second

// maxQueries is how many SuiteQL queries run at once; the others wait. One
// read connection of the store stays free for the record API, so record
// reads keep flowing while queries run.
const maxQueries = 3

// invalidQuery starts the detail of a query NetSuite refuses, as live
// accounts answer it (netsuite-api-client's live tests, test/query.test.ts:
// "Invalid search query. Detailed unprocessed description follows. Search
// error occurred: Unknown identifier 'not_existing_field'. Available
// identifiers are: {customer=customer}"), with o:errorCode INVALID_PARAMETER
// and o:errorQueryParam q (a live 400 captured in a public Airbyte-based
// connector's tests).
const invalidQuery = "Invalid search query. Detailed unprocessed description follows. "

// suiteqlBody is the request body: {"q": "...", "params": [...]}.
type suiteqlBody struct {
	Q      *string `json:"q"`
	Params []any   `json:"params"`
}

// SuiteQL answers POST /services/rest/query/v1/suiteql?limit=&offset= with
// one page of the query's rows in the record API's collection envelope:
//
//	{"links": [...], "count": 2, "hasMore": true, "items": [{"links": [], "id": "7", "email": "a@b.c"}],
//	 "offset": 0, "totalResults": 53}
//
// Every value is a string, null columns are left out of the row, column names
// are lower case, and each row has "links": []
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157909186990.html).
// The caller has checked the login and the SuiteAnalytics Workbook permission.
func (s *Service) SuiteQL(ctx context.Context, req *Request) (*Response, error) {
	if !strings.EqualFold(req.Method, http.MethodPost) {
		return nil, NewError(CodeMethodNotAllowed, "Only POST is allowed on "+SuiteQLPath+".")
	}
	// "Prefer: transient is a required header parameter"
	// (section_157909186990). Assumption: without it the answer is 400
	// INVALID_REQUEST naming the header; NetSuite's text is not documented.
	if !Prefers(req.Header, "transient") {
		return nil, NewError(CodeInvalidRequest, "The header Prefer: transient is required on SuiteQL requests.").atHeader("Prefer")
	}
	limit, offset, perr := pageParams(req.Query)
	if perr != nil {
		return nil, perr
	}
	if offset >= MaxSuiteQLResults {
		return nil, errParam("offset", fmt.Sprintf("The offset %d is past SuiteQL's %d results: a query returns at most %d rows. Page with a condition on a key instead (WHERE id > <last id> ORDER BY id).", offset, MaxSuiteQLResults, MaxSuiteQLResults))
	}
	q, params, e := suiteqlRequest(req.Body)
	if e != nil {
		return nil, e
	}
	st, err := s.compile(ctx, q, params)
	if err != nil {
		return nil, err
	}
	rows, total, err := s.runSuiteQL(ctx, st, limit, offset)
	if err != nil {
		return nil, err
	}
	hasMore := offset+len(rows) < total
	href := func(off int) string {
		v := url.Values{}
		v.Set("limit", strconv.Itoa(limit))
		v.Set("offset", strconv.Itoa(off))
		return strings.TrimSuffix(req.BaseURL, "/") + SuiteQLPath + "?" + v.Encode()
	}
	// Paging stops at the cap: no link leads to a page at or past it.
	lastReachable := min(total, MaxSuiteQLResults)
	links := pageLinks(href, limit, offset, total, hasMore && offset+limit < lastReachable)
	return collection(object{
		{"links", links},
		{"count", len(rows)},
		{"hasMore", hasMore},
		{"items", rows},
		{"offset", offset},
		{"totalResults", total},
	}), nil
}

// compile compiles a query; a query NetSuite would refuse is a 400
// INVALID_PARAMETER *Error.
func (s *Service) compile(ctx context.Context, q string, params []any) (*suiteql.Statement, error) {
	if s.suiteql == nil {
		return nil, errors.New("records: SuiteQL has no schema (Config.SuiteQL)")
	}
	st, err := suiteql.Compile(q, params, suiteql.Env{
		Schema:     s.suiteql,
		Now:        s.clock(ctx),
		Location:   s.loc,
		DateFormat: s.dateFormat,
	})
	if err != nil {
		var qe *suiteql.Error
		if errors.As(err, &qe) {
			return nil, NewError(CodeInvalidParameter, invalidQuery+qe.Error()).atQueryParam("q")
		}
		return nil, err
	}
	return st, nil
}

// QueryRows runs a SuiteQL query as a script does (N/query's runSuiteQL)
// and returns its first max rows as a JSON array of objects: lower-case
// column names, every value a string, null columns left out, as SuiteQL over
// REST renders them but without the links. params bind the ? placeholders.
// A query NetSuite would refuse is an *Error, as SuiteQL's.
func (s *Service) QueryRows(ctx context.Context, q string, params []any, max int) ([]byte, error) {
	st, err := s.compile(ctx, q, params)
	if err != nil {
		return nil, err
	}
	rows, _, err := s.runSuiteQL(ctx, st, max, 0)
	if err != nil {
		return nil, err
	}
	out := make([]object, len(rows))
	for i, row := range rows {
		out[i] = row[1:] // the links come first
	}
	return marshal(out), nil
}

// Prefers reports whether the Prefer headers of h hold the preference name,
// such as transient or respond-async (RFC 7240: comma-separated preferences,
// each name[=value] with ;-separated parameters; names are
// case-insensitive).
func Prefers(h http.Header, name string) bool {
	for _, v := range h.Values("Prefer") {
		for _, pref := range strings.Split(v, ",") {
			pref, _, _ = strings.Cut(pref, ";")
			pref, _, _ = strings.Cut(pref, "=")
			if strings.EqualFold(strings.TrimSpace(pref), name) {
				return true
			}
		}
	}
	return false
}

// suiteqlRequest reads the body: q a string, params an array of strings,
// numbers, booleans or nulls.
func suiteqlRequest(body []byte) (string, []any, *Error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var b suiteqlBody
	if err := dec.Decode(&b); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return "", nil, NewError(CodeInvalidContent, fmt.Sprintf("Invalid value for %s: q must be a string and params an array.", te.Field)).atPath(te.Field)
		}
		return "", nil, NewError(CodeInvalidContent, detailBadBody)
	}
	if b.Q == nil || strings.TrimSpace(*b.Q) == "" {
		return "", nil, NewError(CodeInvalidContent, `The request body needs a query: {"q": "SELECT ..."}.`).atPath("q")
	}
	for i, p := range b.Params {
		switch p.(type) {
		case string, json.Number, bool, nil:
		default:
			return "", nil, NewError(CodeInvalidContent, fmt.Sprintf("Invalid value for params[%d]: a parameter is a string, a number, a boolean or null.", i)).atPath(fmt.Sprintf("params[%d]", i))
		}
	}
	return *b.Q, b.Params, nil
}

// runSuiteQL runs one page of st and counts its rows up to the cap, within
// the query budget. A page that is the first and not full needs no count.
func (s *Service) runSuiteQL(ctx context.Context, st *suiteql.Statement, limit, offset int) ([]object, int, error) {
	select {
	case s.queries <- struct{}{}:
		defer func() { <-s.queries }()
	case <-ctx.Done():
		return nil, 0, ctx.Err()
	}
	ctx, cancel := context.WithTimeout(ctx, s.queryTimeout)
	defer cancel()

	// The page's binds are numbered after the statement's: a bare ? would
	// take the number after the highest the statement still uses, which
	// is not its last argument when a constant was folded away.
	n := len(st.Args)
	page := "SELECT * FROM (" + st.SQL + ") LIMIT ?" + strconv.Itoa(n+1) + " OFFSET ?" + strconv.Itoa(n+2)
	args := append(append([]any(nil), st.Args...), limit, offset)
	rows, err := s.queryRows(ctx, st, page, args)
	if err != nil {
		return nil, 0, err
	}
	total := offset + len(rows)
	if len(rows) == limit || (len(rows) == 0 && offset > 0) {
		if total, err = s.countSuiteQL(ctx, st); err != nil {
			return nil, 0, err
		}
	}
	return rows, min(total, MaxSuiteQLResults), nil
}

// countSuiteQL counts st's rows up to the cap. A client paging through a
// result asks for the same count on every page: it is kept per query and
// arguments until the records change (store.Generation), so that only the
// first page pays for it.
func (s *Service) countSuiteQL(ctx context.Context, st *suiteql.Statement) (int, error) {
	gen := s.st.Generation()
	key := fmt.Sprintf("%s\x00%#v", st.SQL, st.Args)
	s.counts.mu.Lock()
	if s.counts.m == nil || s.counts.gen != gen || len(s.counts.m) >= maxCounts {
		s.counts.gen, s.counts.m = gen, make(map[string]int)
	}
	n, ok := s.counts.m[key]
	s.counts.mu.Unlock()
	if ok {
		return n, nil
	}
	count := "SELECT count(*) FROM (SELECT 1 FROM (" + st.SQL + ") LIMIT " + strconv.Itoa(MaxSuiteQLResults) + ")"
	if err := s.st.QueryRowContext(ctx, count, st.Args...).Scan(&n); err != nil {
		return 0, s.queryError(ctx, err)
	}
	s.counts.mu.Lock()
	if s.counts.gen == gen {
		s.counts.m[key] = n
	}
	s.counts.mu.Unlock()
	return n, nil
}

// maxCounts bounds the counts kept; past it they are all dropped.
const maxCounts = 256

// countCache holds the counts of SuiteQL results for one store generation.
type countCache struct {
	mu  sync.Mutex
	gen uint64
	m   map[string]int
}

// queryRows runs a page query and renders its rows.
func (s *Service) queryRows(ctx context.Context, st *suiteql.Statement, query string, args []any) ([]object, error) {
	rs, err := s.st.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, s.queryError(ctx, err)
	}
	defer rs.Close()
	vals := make([]any, len(st.Columns))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	out := []object{}
	for rs.Next() {
		if err := rs.Scan(ptrs...); err != nil {
			return nil, s.queryError(ctx, err)
		}
		row := object{{"links", []object{}}}
		seen := make(map[string]bool, len(vals))
		for i, c := range st.Columns {
			// Assumption: of two output columns with one name, the row
			// keeps the first (a JSON object has one value a key).
			if seen[c.Name] || c.Name == "links" {
				continue
			}
			seen[c.Name] = true
			if text, ok := s.suiteqlText(c.Kind, vals[i]); ok {
				row.add(c.Name, text)
			}
		}
		out = append(out, row)
	}
	if err := rs.Err(); err != nil {
		return nil, s.queryError(ctx, err)
	}
	return out, nil
}

// queryError answers an error of a running query: past the budget, a 400
// that says so; an error a function raised (ORA-01861 from TO_DATE), a 400
// with its message. Assumption: NetSuite's answers to both are not
// documented; the envelope is that of a refused query.
func (s *Service) queryError(ctx context.Context, err error) error {
	if ctx.Err() != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return NewError(CodeInvalidParameter, fmt.Sprintf("%sSearch error occurred: the query ran longer than %s, the emulator's limit for one query. Narrow it with conditions on id or lastmodifieddate.", invalidQuery, s.queryTimeout)).atQueryParam("q")
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, sql.ErrConnDone) {
		return err
	}
	if msg, ok := oracle.QueryError(err); ok {
		return NewError(CodeInvalidParameter, invalidQuery+"Search error occurred: "+msg).atQueryParam("q")
	}
	return fmt.Errorf("records: SuiteQL: %w", err)
}

// suiteqlText renders a value as SuiteQL does over REST: every value a
// string; false when it is null.
//
// Dates and datetimes are shown as NetSuite shows them by default: the
// account's date format, in the account's time zone, without a time part
// (observed by salto-io/salto: its NetSuite adapter parses lastmodifieddate as
// M/D/YYYY; its issue #3308).
func (s *Service) suiteqlText(kind suiteql.Kind, v any) (string, bool) {
	switch x := v.(type) {
	case nil:
		return "", false
	case []byte:
		return string(x), true
	case string:
		return x, true
	case bool:
		if x {
			return "T", true
		}
		return "F", true
	case int64:
		if kind == suiteql.KindDate || kind == suiteql.KindDateTime {
			return s.dateText(float64(x)), true
		}
		return strconv.FormatInt(x, 10), true
	case float64:
		if kind == suiteql.KindDate || kind == suiteql.KindDateTime {
			return s.dateText(x), true
		}
		return suiteqlNumber(x), true
	case time.Time:
		return s.dateFormat.Format(filter.DayOf(x.In(s.loc))), true
	}
	return fmt.Sprint(v), true
}

// dateText shows a date (days of the account's wall clock) in the account's
// date format.
func (s *Service) dateText(days float64) string {
	return s.dateFormat.Format(filter.DayOf(oracle.Time(days)))
}

// suiteqlNumber shows a number as NetSuite's JSON does: plain decimal, no
// exponent, no trailing zeros ("4125.86", "10", "0.5"), rounded to 15
// significant digits and ten decimal places so that binary noise (0.1 + 0.2,
// a balanced sum's 5.7E-13) does not show.
//
// Assumption: NetSuite's numbers are Oracle NUMBERs shown in plain notation
// with a leading zero ("unitprice":"95.49" in a public crate's mock); the
// emulator holds them as doubles.
func suiteqlNumber(v float64) string {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64)
	if err != nil {
		r = v
	}
	// And to ten decimal places, as SuiteQL arithmetic is (suiteql.decimal):
	// what is left of a sum that should be 0 is noise.
	if math.Abs(r) < 1e8 {
		r = math.Round(r*1e10) / 1e10
	}
	if r == math.Trunc(r) && math.Abs(r) < 1e18 {
		return strconv.FormatInt(int64(r), 10)
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}
