package netsuite

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// SOAPService runs SOAP web services (SuiteTalk) operations: getServerTime,
// and searches, basic or saved, paged with searchMoreWithId. SOAP is how
// saved searches run from outside NetSuite. Each request carries a
// TokenPassport built from the Client's credentials with a fresh nonce; it
// shares the Client's concurrency limiter and retry policy with the REST
// calls, as NetSuite counts SOAP and REST requests against one limit.
//
// NetSuite docs: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4395630653.html
type SOAPService service

// SearchOptions are the search preferences of a search (Oracle, "Setting
// Search Preferences",
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4170181850.html).
// A zero field is not sent, and NetSuite's default applies.
type SearchOptions struct {
	// PageSize is how many results a page holds, 5 to 1,000; NetSuite's
	// default is the company's preference (1,000 unless changed).
	PageSize int
	// BodyFieldsOnly (default true) returns records' body fields only.
	BodyFieldsOnly *bool
	// ReturnSearchColumns (default true) returns a saved search's columns;
	// false returns its records instead.
	ReturnSearchColumns *bool
}

// A Search is one search: a basic search of RecordType with Conditions, or,
// when SavedSearchID or SavedSearchScriptID is set, the saved search of
// RecordType they name.
type Search struct {
	// RecordType is customer, contact, vendor, employee, item or
	// transaction (SearchRecordTypes).
	RecordType string
	// Conditions are ANDed; none finds every record.
	Conditions []SearchCondition
	// SavedSearchID is a saved search's internal ID, such as 57.
	SavedSearchID string
	// SavedSearchScriptID is a saved search's script ID, such as
	// customsearch_active_customers.
	SavedSearchScriptID string
}

// A SearchCondition is one condition of a basic search: a body field by its
// SOAP name (email, companyName, lastModifiedDate, internalId, ...), an
// operator as SOAP names it (SearchOperators), and its values. Dates are
// RFC 3339 times or YYYY-MM-DD (midnight in the Client's time zone); anyOf
// and noneOf take internal IDs; is with true or false tests a checkbox.
type SearchCondition struct {
	Field    string
	Operator string
	Values   []string
}

// ParseSearchCondition reads a condition written FIELD OPERATOR VALUE, such
// as "email startsWith ann" or "lastModifiedDate within 2026-01-01
// 2026-02-01": the field, the operator, then the values separated by
// spaces or commas ("internalId anyOf 4,7"). A value in double quotes may
// hold spaces and commas, and \" and \\ in it are a quote and a backslash.
func ParseSearchCondition(s string) (SearchCondition, error) {
	words, err := splitCondition(s)
	if err != nil {
		return SearchCondition{}, fmt.Errorf("netsuite: search condition %q: %w", s, err)
	}
	if len(words) < 2 {
		return SearchCondition{}, fmt.Errorf("netsuite: search condition %q: write FIELD OPERATOR VALUE, such as \"email startsWith ann\"", s)
	}
	c := SearchCondition{Field: words[0], Operator: words[1], Values: words[2:]}
	if err := writeCondition(new(strings.Builder), c, time.UTC); err != nil {
		return SearchCondition{}, err
	}
	return c, nil
}

// splitCondition splits at spaces and commas outside double quotes.
func splitCondition(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord, quoted := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quoted && c == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\'):
			i++
			cur.WriteByte(s[i])
		case c == '"':
			if !quoted && inWord && cur.Len() > 0 {
				return nil, fmt.Errorf("a quote inside a value at byte %d; quote the whole value", i)
			}
			quoted, inWord = !quoted, true
		case !quoted && (c == ' ' || c == '\t' || c == ','):
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if quoted {
		return nil, errors.New("a quoted value is not closed")
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// A SearchResult is one page of a search.
type SearchResult struct {
	// TotalRecords is how many results the search has; TotalPages how many
	// pages of PageSize; PageIndex is this page's number, from 1.
	TotalRecords, PageSize, TotalPages, PageIndex int
	// SearchID names the search for SearchMore, for 15 minutes after its
	// last use.
	SearchID string
	// Rows are the page's records (a basic search, or a saved search with
	// ReturnSearchColumns false) or its rows of columns (a saved search).
	Rows []SearchRow
}

// A SearchRow is one result: a record with its body fields, or a saved
// search's row with its columns, in the order of the answer.
type SearchRow struct {
	// Type is the record's or row's type, such as Customer or
	// CustomerSearchRow.
	Type string
	// InternalID and ExternalID identify the record (for a row, from its
	// internalId and externalId columns when it has them).
	InternalID, ExternalID string
	Columns                []SearchColumn
}

// A SearchColumn is one field or column: its SOAP name and value; for a
// reference, the internal ID and name of what it references. A custom field
// (in the answer's customFieldList) is named by its script ID, such as
// custentity_region; a saved search's column of a joined record by the join
// and the field, such as salesRepJoin.email. A multi-select's internal IDs,
// names or values are joined by commas.
type SearchColumn struct {
	Name       string
	Value      string
	InternalID string
	RefName    string
}

// Text returns the column as text: its value, or for a reference its name
// (its internal ID when it has none).
func (c SearchColumn) Text() string {
	switch {
	case c.Value != "":
		return c.Value
	case c.RefName != "":
		return c.RefName
	}
	return c.InternalID
}

// ServerTime returns NetSuite's time from getServerTime over SOAP, which
// needs no permission: a test of a SOAP connection.
//
// NetSuite docs: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N3508018.html
func (s *SOAPService) ServerTime(ctx context.Context) (time.Time, error) {
	a, err := s.call(ctx, "getServerTime", nil, "", `<platformMsgs:getServerTime/>`)
	if err != nil {
		return time.Time{}, err
	}
	r := a.Body.ServerTime
	if r == nil {
		return time.Time{}, errors.New("netsuite: getServerTime: the answer has no getServerTimeResult")
	}
	if err := s.status("getServerTime", a, r); err != nil {
		return time.Time{}, err
	}
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(r.ServerTime))
	if err != nil {
		return time.Time{}, fmt.Errorf("netsuite: getServerTime: serverTime %q is not an xsd:dateTime", r.ServerTime)
	}
	return t, nil
}

// Search runs a search and returns its first page. A search NetSuite
// refuses (a failed status, such as INVALID_SEARCH) is a *Error with the
// status's code, like a fault (INVALID_LOGIN_ATTEMPT, WS_REQUEST_BLOCKED).
//
// NetSuite docs: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N3516862.html
func (s *SOAPService) Search(ctx context.Context, srch Search, opts *SearchOptions) (*SearchResult, error) {
	body, extraNS, err := searchXML(srch, s.client.location)
	if err != nil {
		return nil, err
	}
	return s.search(ctx, "search", opts, extraNS, body)
}

// SearchMore returns the page pageIndex (from 1) of the search that searchID
// names. A search ID expires 15 minutes after its last use: the answer is
// then a *Error with INVALID_JOB_ID. Each page runs the search again, so
// records changed meanwhile may move between pages.
//
// NetSuite docs: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N3523074.html
func (s *SOAPService) SearchMore(ctx context.Context, searchID string, pageIndex int, opts *SearchOptions) (*SearchResult, error) {
	if searchID == "" || pageIndex < 1 {
		return nil, fmt.Errorf("netsuite: SearchMore: a search ID and a page index from 1 are required (got %q, %d)", searchID, pageIndex)
	}
	body := `<platformMsgs:searchMoreWithId><platformMsgs:searchId>` + escape(searchID) + `</platformMsgs:searchId>` +
		`<platformMsgs:pageIndex>` + strconv.Itoa(pageIndex) + `</platformMsgs:pageIndex></platformMsgs:searchMoreWithId>`
	return s.search(ctx, "searchMoreWithId", opts, "", body)
}

// SearchPages runs a search and yields its pages in order, the first from
// Search and the others from SearchMore, until the last page (the first
// answer's totalPages), an empty page, the first error, or the caller
// stops. It counts the pages itself: an answer whose pageIndex is not the
// page asked for is an error, not a page.
func (s *SOAPService) SearchPages(ctx context.Context, srch Search, opts *SearchOptions) iter.Seq2[*SearchResult, error] {
	return func(yield func(*SearchResult, error) bool) {
		page, err := s.Search(ctx, srch, opts)
		total, searchID := 0, ""
		if err == nil {
			total, searchID = page.TotalPages, page.SearchID
		}
		for want := 1; ; want++ {
			// An empty search may leave its pageIndex out: nothing to check.
			if err == nil && page.PageIndex != want && (want > 1 || page.TotalRecords > 0) {
				err = fmt.Errorf("netsuite: search %s: asked for page %d of %d, NetSuite answered page %d", searchID, want, total, page.PageIndex)
			}
			if err != nil {
				yield(nil, err)
				return
			}
			if !yield(page, nil) || want >= total || len(page.Rows) == 0 {
				return
			}
			page, err = s.SearchMore(ctx, searchID, want+1, opts)
		}
	}
}

func (s *SOAPService) search(ctx context.Context, op string, opts *SearchOptions, extraNS, body string) (*SearchResult, error) {
	if opts == nil {
		opts = &SearchOptions{}
	}
	a, err := s.call(ctx, op, opts, extraNS, body)
	if err != nil {
		return nil, err
	}
	r := a.Body.Search
	if r == nil {
		r = a.Body.More
	}
	if r == nil {
		return nil, fmt.Errorf("netsuite: %s: the answer has no searchResult", op)
	}
	if err := s.status(op, a, r); err != nil {
		return nil, err
	}
	res := &SearchResult{TotalRecords: r.TotalRecords, PageSize: r.PageSize, TotalPages: r.TotalPages, PageIndex: r.PageIndex, SearchID: strings.TrimSpace(r.SearchID)}
	for i := range r.Records {
		res.Rows = append(res.Rows, r.Records[i].row(r.Records[i].Type, nil))
	}
	for i := range r.Rows {
		res.Rows = append(res.Rows, r.Rows[i].Basic.row(r.Rows[i].Type, r.Rows[i].Joins))
	}
	return res, nil
}

// status returns a *Error for a result whose status failed.
func (s *SOAPService) status(op string, a *soapAnswer, r *soapResultXML) error {
	if r.Status.IsSuccess == "true" {
		return nil
	}
	e := &Error{Response: a.response, Status: a.response.StatusCode, Title: op + " failed"}
	for _, d := range r.Status.Details {
		e.Details = append(e.Details, ErrorDetail{Code: strings.TrimSpace(d.Code), Detail: strings.TrimSpace(d.Message)})
	}
	if len(e.Details) == 0 {
		e.Details = []ErrorDetail{{Detail: op + " answered isSuccess=\"" + r.Status.IsSuccess + "\" with no detail"}}
	}
	e.Code = e.Details[0].Code
	return e
}

// ErrSOAPNeedsTBA is the error of every SOAP call of a Client built with an
// authenticator other than Token-Based Authentication: SOAP web services
// take a TokenPassport, never an OAuth 2.0 access token (Oracle's OAuth 2.0
// chapter names RESTlets, REST web services and SuiteAnalytics Connect, not
// SOAP: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/chapter_157769826287.html).
var ErrSOAPNeedsTBA = errors.New("netsuite: SOAP does not accept OAuth 2.0 or any login but Token-Based Authentication (a TokenPassport): build the Client with WithCredentials and the integration's TBA consumer key and secret and an access token")

// maxSOAPAnswer bounds an answer read: a page of 1,000 records with their
// body fields fits with room to spare.
const maxSOAPAnswer = 64 << 20

// soapBlocked is the fault code of a request over the concurrency limit with
// Token-Based Authentication (Oracle, "Web Services and RESTlet Concurrency
// Governance",
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/bridgehead_1525252812.html).
const soapBlocked = "WS_REQUEST_BLOCKED"

// call sends one operation, with a new TokenPassport on every attempt, and
// retries as the REST calls do: a WS_REQUEST_BLOCKED fault like a 429, an
// UNEXPECTED_ERROR fault, a 5xx and a network failure like those of a GET
// (SOAP's operations here only read). A fault that is not retried, or the
// last one, is a *Error.
func (s *SOAPService) call(ctx context.Context, op string, prefs *SearchOptions, extraNS, body string) (*soapAnswer, error) {
	c := s.client
	if c.soapCreds == nil {
		return nil, ErrSOAPNeedsTBA
	}
	p := c.retry
	var lastErr error
	for n := 0; ; n++ {
		if err := c.limiter.Acquire(ctx); err != nil {
			if lastErr != nil {
				return nil, fmt.Errorf("netsuite: SOAP %s: waiting for a concurrency slot: %w (last error: %w)", op, err, lastErr)
			}
			return nil, fmt.Errorf("netsuite: SOAP %s: waiting for a concurrency slot: %w", op, err)
		}
		a, status, err := s.attempt(ctx, op, prefs, extraNS, body)
		if err == nil {
			return a, nil
		}
		var v verdict
		var apiErr *Error
		switch {
		case ctx.Err() != nil:
			if lastErr != nil {
				err = fmt.Errorf("%w (last error before it: %w)", err, lastErr)
			}
			return nil, err
		case errors.As(err, &apiErr) && apiErr.hasCode(soapBlocked):
			v = retry
		case errors.As(err, &apiErr) && apiErr.hasCode("UNEXPECTED_ERROR"):
			v = retry
		case errors.As(err, &apiErr) && apiErr.Code == "":
			v = classifyStatus(http.MethodGet, status, apiErr) // not a fault: a proxy's page
		case errors.As(err, &apiErr):
			v = stop
		default:
			v = classifyError(http.MethodGet, err)
		}
		lastErr = err
		if v != retry {
			if n > 0 {
				return nil, fmt.Errorf("netsuite: after %d retries: %w", n, err)
			}
			return nil, err
		}
		if n >= p.MaxRetries {
			if n == 0 {
				return nil, err
			}
			return nil, fmt.Errorf("netsuite: gave up after %d retries: %w", n, err)
		}
		delay := p.Backoff(n)
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < delay {
			return nil, fmt.Errorf("netsuite: stopped retrying after %d retries: the next one, in %s, would come after the context deadline (%s away): %w",
				n, delay.Round(time.Millisecond), time.Until(deadline).Round(time.Millisecond), err)
		}
		url := c.soapURL.String()
		c.logger.DebugContext(ctx, "netsuite: retrying", "method", "POST", "url", url, "soapAction", op,
			"attempt", n+1, "status", status, "error", reason(err), "delay", delay)
		if c.retryNotify != nil {
			ev := RetryEvent{Method: http.MethodPost, URL: url, Retry: n + 1, MaxRetries: p.MaxRetries, Status: status, Delay: delay, Err: err}
			if apiErr != nil {
				ev.Code = apiErr.Code
			}
			c.retryNotify(ev)
		}
		if err := p.Sleep(ctx, delay); err != nil {
			return nil, fmt.Errorf("netsuite: SOAP %s: waiting to retry: %w (last error: %w)", op, err, lastErr)
		}
	}
}

// attempt sends one attempt, holding the limiter slot that call took, and
// gives the slot back before it returns. status is the HTTP status, 0
// without an answer.
func (s *SOAPService) attempt(ctx context.Context, op string, prefs *SearchOptions, extraNS, body string) (*soapAnswer, int, error) {
	c := s.client
	defer c.limiter.Release()
	passport := tba.NewPassport(c.account.Realm(), *c.soapCreds, tba.NewNonce(), time.Now().Unix())
	env := writeEnvelope(passport, prefs, extraNS, body)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.soapURL.String(), bytes.NewReader(env))
	if err != nil {
		return nil, 0, fmt.Errorf("netsuite: SOAP %s: %w", op, err)
	}
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	req.Header.Set("SOAPAction", op)
	req.Header.Set("User-Agent", c.userAgent)
	start := time.Now()
	resp, err := c.plain.Do(req)
	if err != nil {
		return nil, 0, fmt.Errorf("netsuite: %w", err) // a *url.Error: method and URL
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxSOAPAnswer+1))
	c.logger.DebugContext(ctx, "netsuite: request", "method", "POST", "url", sanitizeURL(req.URL), "soapAction", op,
		"status", resp.StatusCode, "duration", time.Since(start).Round(time.Microsecond))
	if err != nil {
		return nil, resp.StatusCode, fmt.Errorf("netsuite: SOAP %s: reading the answer: %w", op, err)
	}
	if resp.StatusCode >= 300 && resp.StatusCode <= 399 {
		return nil, resp.StatusCode, &Error{Response: resp, Status: resp.StatusCode, Title: http.StatusText(resp.StatusCode), Details: []ErrorDetail{{
			Detail: fmt.Sprintf("the SOAP endpoint redirects to %q: not followed, as that would post the TokenPassport there; check the account ID and the base URL (WithBaseURL)",
				resp.Header.Get("Location")),
		}}}
	}
	if len(data) > maxSOAPAnswer {
		return nil, resp.StatusCode, fmt.Errorf("netsuite: SOAP %s: the answer is over %d MiB, more than a page of 1,000 results holds: ask for smaller pages (SearchOptions.PageSize)", op, maxSOAPAnswer>>20)
	}
	resp.Body = io.NopCloser(bytes.NewReader(data))
	a, perr := parseSOAPAnswer(data)
	blocked := false
	defer func() {
		if al, ok := c.limiter.(AdaptiveLimiter); ok {
			if blocked {
				al.Throttled()
			} else {
				al.Succeeded()
			}
		}
	}()
	if perr == nil && a.Body.Fault != nil {
		e := faultError(resp, a.Body.Fault)
		blocked = e.hasCode(soapBlocked)
		return nil, resp.StatusCode, e
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 || perr != nil {
		e := &Error{Response: resp, Status: resp.StatusCode, Title: http.StatusText(resp.StatusCode)}
		if perr != nil {
			e.snippet = describeBody(resp.Header.Get("Content-Type"), data)
		}
		if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
			return nil, resp.StatusCode, fmt.Errorf("netsuite: SOAP %s: %w", op, perr)
		}
		return nil, resp.StatusCode, e
	}
	a.response = resp
	return a, resp.StatusCode, nil
}

// faultError returns a fault as a *Error: the status, the faultstring as
// title, and NetSuite's fault detail (such as invalidCredentialsFault with
// INVALID_LOGIN_ATTEMPT) as the code and detail.
func faultError(resp *http.Response, f *soapFaultXML) *Error {
	e := &Error{Response: resp, Status: resp.StatusCode, Title: strings.TrimSpace(f.String)}
	for _, d := range f.Detail.Faults {
		if d.Code == "" && d.Message == "" {
			continue // such as Axis's hostname
		}
		e.Details = append(e.Details, ErrorDetail{Code: strings.TrimSpace(d.Code), Detail: strings.TrimSpace(d.Message)})
	}
	if len(e.Details) == 0 {
		code := strings.TrimSpace(f.Code)
		if e.Title == soapInvalidLogin {
			// The refused login of a published answer carries no
			// invalidCredentialsFault, only Axis's hostname.
			code = CodeInvalidLoginAttempt
		}
		e.Details = []ErrorDetail{{Code: code, Detail: e.Title}}
	}
	e.Code = e.Details[0].Code
	return e
}

// soapInvalidLogin is the faultstring of a refused SOAP login
// (soapenv:Server.userException), the only shape of it published
// (https://github.com/netsuitephp/netsuite-php/issues/121).
const soapInvalidLogin = "Invalid login attempt."
