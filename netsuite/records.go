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
	"time"

	"github.com/nsconnect/nsconnect/netsuite/readonly"
)

// RecordsService handles NetSuite records through the REST record API
// (/services/rest/record/v1): get, list, create, update, upsert and delete, by
// internal or external ID
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1540810951.html).
type RecordsService service

// A Record is a NetSuite record as the REST record API reads and writes it:
// one JSON object, keyed by field name (companyName, subsidiary,
// custentity_tier, ...). Get decodes numbers as float64. A reference is
// {"links": [...], "id": "5", "refName": "Honeycomb US"}, an enum
// {"id": "B", "refName": "..."}, a sublist {"links": [...]} or, with
// ExpandSubResources, {"links", "items": [lines], "totalResults"}.
//
// To write, set the fields to send. A reference may be sent as {"id": "5"},
// {"externalId": "SUB-1"} or, for an enum, {"refName": "..."}. A field set to
// nil is sent as JSON null, which clears it in NetSuite
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142173.html);
// a field left out is left as it is.
type Record map[string]any

// ID returns the record's internal ID, the id field, or "" when it has
// none.
func (r Record) ID() string { return idText(r["id"]) }

// ExternalID returns the record's externalId field, or "".
func (r Record) ExternalID() string { return idText(r["externalId"]) }

// RefID returns the id of a reference or enum field: the id of
// {"id": "5", "refName": "..."}, or the bare value a SimpleEnumFormat read
// gives. It returns "" when the field is absent or null.
func (r Record) RefID(field string) string {
	switch v := r[field].(type) {
	case map[string]any:
		return idText(v["id"])
	case Record:
		return idText(v["id"])
	default:
		return idText(v)
	}
}

// Lines returns the lines of a sublist read with ExpandSubResources, or nil
// when the field is absent or was not expanded. The lines are the Record's
// own maps, not copies.
func (r Record) Lines(sublist string) []Record {
	var items any
	switch v := r[sublist].(type) {
	case map[string]any:
		items = v["items"]
	case Record:
		items = v["items"]
	}
	var lines []Record
	switch arr := items.(type) {
	case []any:
		for _, x := range arr {
			switch m := x.(type) {
			case map[string]any:
				lines = append(lines, Record(m))
			case Record:
				lines = append(lines, m)
			}
		}
	case []map[string]any:
		for _, m := range arr {
			lines = append(lines, Record(m))
		}
	case []Record:
		lines = append(lines, arr...)
	}
	return lines
}

// Time returns a datetime field, such as lastModifiedDate. The record API
// writes datetimes in UTC, 2017-07-21T17:32:28Z
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157305090645.html);
// an offset is accepted too. The result is in UTC.
func (r Record) Time(field string) (time.Time, error) {
	s, err := r.text(field)
	if err != nil {
		return time.Time{}, err
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		if _, derr := time.Parse(time.DateOnly, s); derr == nil {
			return time.Time{}, fmt.Errorf("netsuite: field %s is a date (%s), not a datetime; read it with Record.Date", field, s)
		}
		return time.Time{}, fmt.Errorf("netsuite: field %s: %q is not a datetime such as 2017-07-21T17:32:28Z", field, s)
	}
	return t.UTC(), nil
}

// Date returns a date field, such as tranDate (2017-07-21), as midnight UTC of
// that day. NetSuite applies no time zone to dates
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157305090645.html):
// only the year, month and day mean anything.
func (r Record) Date(field string) (time.Time, error) {
	s, err := r.text(field)
	if err != nil {
		return time.Time{}, err
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("netsuite: field %s: %q is not a date such as 2017-07-21", field, s)
	}
	return t, nil
}

func (r Record) text(field string) (string, error) {
	v, ok := r[field]
	if !ok || v == nil {
		return "", fmt.Errorf("netsuite: the record has no value for field %s", field)
	}
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("netsuite: field %s is a %T, not a string", field, v)
	}
	return s, nil
}

// Clone returns a deep copy of r: its maps and slices are new, so that
// changing the copy leaves r as it is.
func (r Record) Clone() Record {
	if r == nil {
		return nil
	}
	return Record(deepCopy(map[string]any(r)).(map[string]any))
}

// deepCopy copies the maps and slices of decoded JSON (and Records); other
// values are shared.
func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = deepCopy(e)
		}
		return m
	case Record:
		return Record(deepCopy(map[string]any(x)).(map[string]any))
	case []any:
		a := make([]any, len(x))
		for i, e := range x {
			a[i] = deepCopy(e)
		}
		return a
	case []map[string]any:
		a := make([]map[string]any, len(x))
		for i, e := range x {
			a[i] = deepCopy(e).(map[string]any)
		}
		return a
	case []Record:
		a := make([]Record, len(x))
		for i, e := range x {
			a[i] = e.Clone()
		}
		return a
	}
	return v
}

// idText is an ID as text: a string as it is, a number without a
// fraction, "" for anything else.
func idText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case json.Number:
		return x.String()
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	}
	return ""
}

// ExternalID returns the record ID that names a record by its external ID:
// "eid:" and externalID, percent-encoded for the URL path where needed
// (ExternalID("CUST-0001") is "eid:CUST-0001", ExternalID("A/B") is
// "eid:A%2FB"). The record methods take it wherever they take an internal
// ID. NetSuite allows letters, digits, _ and - in external IDs.
//
// NetSuite docs: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156334828635.html
func ExternalID(externalID string) string {
	return eidPrefix + url.PathEscape(externalID)
}

const eidPrefix = "eid:"

// recordPath returns record/v1/{type}, or an error naming a bad type.
func recordPath(recordType string) (string, error) {
	if err := checkName("record type", recordType); err != nil {
		return "", err
	}
	return "record/v1/" + recordType, nil
}

// recordIDPath returns record/v1/{type}/{id}, or an error naming a bad type
// or ID.
func recordIDPath(recordType, id string) (string, error) {
	p, err := recordPath(recordType)
	if err != nil {
		return "", err
	}
	seg, err := idSegment(id)
	if err != nil {
		return "", err
	}
	return p + "/" + seg, nil
}

// checkName checks a record type, sublist or field name: letters, digits
// and _, as NetSuite's names (salesOrder, customrecord_x, custbody_y) are.
func checkName(what, name string) error {
	if name == "" {
		return fmt.Errorf("netsuite: the %s is empty; want a name such as customer, salesOrder or customrecord_invoice_note", what)
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return fmt.Errorf("netsuite: %s %q has a %q; want letters, digits and _ only, such as customer, salesOrder or customrecord_invoice_note", what, name, c)
		}
	}
	return nil
}

// idSegment checks a record ID and returns it as a URL path segment: an
// internal ID as it is, an external ID as "eid:" and the percent-encoded
// external ID. The part after "eid:" may be encoded already (as ExternalID
// returns it) or not.
func idSegment(id string) (string, error) {
	if isDigits(id) {
		return id, nil
	}
	if ext, ok := strings.CutPrefix(id, eidPrefix); ok && ext != "" {
		if raw, err := url.PathUnescape(ext); err == nil {
			ext = raw
		}
		if strings.TrimSpace(ext) != "" {
			return ExternalID(ext), nil
		}
	}
	return "", fmt.Errorf("netsuite: record ID %q is neither an internal ID (digits, such as \"107\") nor an external ID (\"eid:\" and the external ID, such as \"eid:CUST-0001\"; see ExternalID)", id)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// encodeQuery encodes v with %20 for a space, not +: the q filter of a
// list holds spaces, and %20 is what every client NetSuite documents
// sends, in the URL and in the signature base string alike.
func encodeQuery(v url.Values) string {
	if len(v) == 0 {
		return ""
	}
	// QueryEscape writes a + only for a space (a literal + is %2B).
	return "?" + strings.ReplaceAll(v.Encode(), "+", "%20")
}

// GetOptions are the query parameters of Get (Oracle:
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545141500.html,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545141947.html,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142146.html).
type GetOptions struct {
	// Fields restricts the answer to these body fields (fields=a,b);
	// NetSuite does not apply it to sublists.
	Fields []string
	// ExpandSubResources returns sublists with their lines and subrecords
	// with their fields, instead of links to them (expandSubResources=true).
	ExpandSubResources bool
	// SimpleEnumFormat returns enum values as the bare id ("2") instead of
	// {"id": "2", "refName": "..."} (simpleEnumFormat=true).
	SimpleEnumFormat bool
}

// Get returns a record by internal ID ("107") or external ID
// ("eid:CUST-0001", see ExternalID). A record that does not exist is a 404
// *Error: test it with IsNotFound.
//
// NetSuite docs: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545141500.html
//
//meta:operation GET /record/v1/{recordType}/{id}
func (s *RecordsService) Get(ctx context.Context, recordType, id string, opts *GetOptions) (Record, *Response, error) {
	u, err := recordIDPath(recordType, id)
	if err != nil {
		return nil, nil, err
	}
	q := url.Values{}
	if opts != nil {
		if len(opts.Fields) > 0 {
			for _, f := range opts.Fields {
				if err := checkName("field name", f); err != nil {
					return nil, nil, fmt.Errorf("%w (in GetOptions.Fields)", err)
				}
			}
			q.Set("fields", strings.Join(opts.Fields, ","))
		}
		if opts.ExpandSubResources {
			q.Set("expandSubResources", "true")
		}
		if opts.SimpleEnumFormat {
			q.Set("simpleEnumFormat", "true")
		}
	}
	req, err := s.client.NewRequest(ctx, http.MethodGet, u+encodeQuery(q), nil)
	if err != nil {
		return nil, nil, err
	}
	var rec Record
	resp, err := s.client.Do(req, &rec)
	if err != nil {
		return nil, resp, err
	}
	return rec, resp, nil
}

// MaxPageSize is the largest page of a record list: NetSuite's default and
// maximum limit
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156414087576.html).
const MaxPageSize = 1000

// ListOptions are the query parameters of List and ListIter.
type ListOptions struct {
	// Q filters the records, such as `email START_WITH barbara` or `dateCreated
	// ON_OR_AFTER "1/1/2019"`
	// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545222128.html).
	// Date literals are days in the account's date format and time zone.
	Q string
	// Limit is the page size, at most 1000; 0 means NetSuite's default,
	// 1000.
	Limit int
	// Offset is where the page starts. NetSuite requires a multiple of
	// the limit.
	Offset int
	// Page, when set, is told of each page ListIter hands on, in order,
	// before its items: its Response carries TotalResults, for progress.
	// List ignores it.
	Page func(resp *Response)
}

// query checks o and returns its query parameters.
func (o *ListOptions) query() (url.Values, error) {
	q := url.Values{}
	if o == nil {
		return q, nil
	}
	if o.Limit < 0 || o.Limit > MaxPageSize {
		return nil, fmt.Errorf("netsuite: ListOptions.Limit %d: want 1 to %d, or 0 for NetSuite's default of %d", o.Limit, MaxPageSize, MaxPageSize)
	}
	limit := orDefault(o.Limit, MaxPageSize)
	if o.Offset < 0 || o.Offset%limit != 0 {
		return nil, fmt.Errorf("netsuite: ListOptions.Offset %d: NetSuite requires an offset that is a multiple of the limit (%d)", o.Offset, limit)
	}
	if o.Q != "" {
		q.Set("q", o.Q)
	}
	if o.Limit != 0 {
		q.Set("limit", strconv.Itoa(o.Limit))
	}
	if o.Offset != 0 {
		q.Set("offset", strconv.Itoa(o.Offset))
	}
	return q, nil
}

// orDefault returns v, or def when v is zero.
func orDefault(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// A ListItem is one entry of a record list: NetSuite lists IDs only. Get
// reads the record.
type ListItem struct {
	ID    string `json:"id"`
	Links []Link `json:"links,omitempty"`
}

// List returns one page of the IDs of the records of a type, filtered by
// opts.Q. The Response has the paging fields: HasMore, TotalResults,
// NextOffset. ListIter reads every page.
//
// NetSuite docs: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1540810951.html
//
//meta:operation GET /record/v1/{recordType}
func (s *RecordsService) List(ctx context.Context, recordType string, opts *ListOptions) ([]ListItem, *Response, error) {
	u, err := recordPath(recordType)
	if err != nil {
		return nil, nil, err
	}
	q, err := opts.query()
	if err != nil {
		return nil, nil, err
	}
	req, err := s.client.NewRequest(ctx, http.MethodGet, u+encodeQuery(q), nil)
	if err != nil {
		return nil, nil, err
	}
	var page struct {
		Items []ListItem `json:"items"`
	}
	resp, err := s.client.Do(req, &page)
	if err != nil {
		return nil, resp, err
	}
	return page.Items, resp, nil
}

// ListIter returns the IDs of the records of a type, page after page,
// until NetSuite has no more (hasMore false) or the loop stops. It starts
// at opts.Offset, pages by opts.Limit (1000 when 0) and leaves opts as it
// is. An error ends the sequence: it is yielded with a zero ListItem,
// after the items of the pages before it.
//
// The first page is read alone; once it has told how many records there
// are (totalResults), the other pages are asked for in parallel, as many
// at a time as the Client's concurrency limit (Client.Concurrency), and
// yielded strictly in order, with no more than that many pages (plus one)
// held in memory. Stopping the loop cancels the pages in flight. While
// records are created or deleted during the read, a record can move from
// one page to the next between two reads and be skipped or listed twice;
// filter on lastModifiedDate and de-duplicate by ID where that matters.
//
// NetSuite docs: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156414087576.html
func (s *RecordsService) ListIter(ctx context.Context, recordType string, opts *ListOptions) iter.Seq2[ListItem, error] {
	return func(yield func(ListItem, error) bool) {
		var o ListOptions
		if opts != nil {
			o = *opts
		}
		if o.Limit == 0 {
			o.Limit = MaxPageSize
		}
		type listPage struct {
			items []ListItem
			resp  *Response
		}
		fetch := func(ctx context.Context, offset int) (listPage, error) {
			po := o
			po.Offset = offset
			items, resp, err := s.List(ctx, recordType, &po)
			return listPage{items, resp}, err
		}
		var last listPage
		each := func(p listPage) bool {
			last = p
			if o.Page != nil {
				o.Page(p.resp)
			}
			for _, it := range p.items {
				if !yield(it, nil) {
					return false
				}
			}
			return true
		}
		first, err := fetch(ctx, o.Offset)
		if err != nil {
			yield(ListItem{}, err)
			return
		}
		if !each(first) {
			return
		}
		next := o.Offset + o.Limit
		for last.resp.HasMore && len(last.items) > 0 {
			// Every page totalResults says there is; at least one more,
			// as hasMore says (a body without totalResults is read a page
			// at a time).
			end := max(last.resp.TotalResults, next+1)
			stopped, err := readPages(ctx, s.client.width, next, o.Limit, end, fetch, each)
			if err != nil {
				yield(ListItem{}, err)
				return
			}
			if stopped {
				return
			}
			next += (end - next + o.Limit - 1) / o.Limit * o.Limit
		}
	}
}

// An UpdateMode says how Update and Upsert apply the body to a record that
// exists: the three modes of Workato's NetSuite "Update record" action.
// The zero value is ModeOverwrite.
type UpdateMode int

const (
	// ModeOverwrite sends the body as it is, as a PATCH that NetSuite
	// merges: the body fields sent overwrite the record's, the others are
	// left as they are; a sublist line with the key of an existing line
	// (line on transaction items, id on address book lines) updates that
	// line, and any other line is added.
	ModeOverwrite UpdateMode = iota
	// ModeAppend adds every sublist line of the body as a new line: it
	// removes the line keys (line and id) from the lines before sending,
	// so that no line matches an existing one. Body fields are
	// overwritten as in ModeOverwrite.
	ModeAppend
	// ModeReplace replaces the lines of the sublists of the body with the
	// body's lines: it sends replace= naming those sublists (or
	// WriteOptions.Replace). Lines of a keyed sublist whose key matches an
	// existing line update it, and the record's other lines are removed; a
	// non-keyed sublist gets exactly the lines sent
	// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545297048.html).
	// A sublist sent with no lines ({"items": []}) loses all its lines.
	ModeReplace
)

var modeNames = []string{"overwrite", "append", "replace"}

// String returns overwrite, append or replace.
func (m UpdateMode) String() string {
	if m >= 0 && int(m) < len(modeNames) {
		return modeNames[m]
	}
	return "UpdateMode(" + strconv.Itoa(int(m)) + ")"
}

// ParseUpdateMode returns the mode named overwrite, append or replace
// (ignoring case), or an error naming them.
func ParseUpdateMode(name string) (UpdateMode, error) {
	for i, n := range modeNames {
		if strings.EqualFold(name, n) {
			return UpdateMode(i), nil
		}
	}
	return 0, fmt.Errorf("netsuite: update mode %q: want overwrite, append or replace", name)
}

// WriteOptions are the options of Create, Update and Upsert.
type WriteOptions struct {
	// Mode says how Update and Upsert apply sublist lines; Create ignores
	// it. See UpdateMode.
	Mode UpdateMode
	// Replace names the sublists ModeReplace replaces, instead of the
	// sublists found in the body (see Update). It needs ModeReplace.
	Replace []string
	// IgnoreReadOnly drops the read-only fields (id, links, refName,
	// system dates, calculated totals, ...) from the body before sending
	// it, and reports them in WriteResult.Dropped; off, they are sent and
	// NetSuite refuses them with an *Error whose detail has the field's
	// path. nil means the Client's default, WithIgnoreReadOnly.
	IgnoreReadOnly *bool
	// PropertyNameValidation says what NetSuite does with a field it does
	// not know: "Ignore", "Warning" (a response header) or "Error" (a 400
	// NONEXISTENT_FIELD); "" sends no header and leaves NetSuite's default.
	// Sent as X-NetSuite-PropertyNameValidation.
	PropertyNameValidation string
	// IdempotencyKey, when set, sends the write as an asynchronous request
	// (Prefer: respond-async) with this X-NetSuite-Idempotency-Key, waits
	// for NetSuite's job within the context, and returns what the
	// synchronous write would have: the WriteResult with the record's ID,
	// or NetSuite's *Error. NetSuite carries out a key once: a repeat is
	// answered with the earlier job, whose outcome the Client returns. So
	// such a write is safe to send again, after a 5xx or a broken
	// connection as after an ErrOutcomeUnknown, and the Client retries it.
	// Use a new key, such as a UUID, for each write, and the same key only
	// to send the same write again; NetSuite does not compare the bodies.
	// It takes printable ASCII without spaces, and NetSuite remembers it
	// for a time it does not document (the emulator: 24 hours).
	//
	// NetSuite docs: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_164494900632.html
	IdempotencyKey string
}

// A WriteResult is the outcome of Create, Update or Upsert. When NetSuite
// refuses the write, the methods return it with the error all the same,
// with Dropped set and ID empty, to tell what was removed from the body
// NetSuite refused.
type WriteResult struct {
	// ID is the record's internal ID, from the Location header NetSuite
	// answers with; when there is none, the ID the call was given.
	ID string
	// Dropped lists the read-only fields removed from the body, as
	// NetSuite writes paths in o:errorPath (total, item.items[0].links),
	// when IgnoreReadOnly was on.
	Dropped []string
}

// Create creates a record and returns its internal ID. NetSuite answers
// 204 with the new record's URL in the Location header. opts.Mode and
// opts.Replace are ignored: a new record has no lines to merge with.
//
// A create is never retried once sent: if the outcome is unknown (a 5xx,
// a broken connection, the context ending after it was sent), the error is
// ErrOutcomeUnknown under errors.Is. To create safely under failures,
// Upsert by external ID, or set opts.IdempotencyKey: the create then runs
// as a NetSuite job that the Client retries and follows, and called again
// with the same key after ErrOutcomeUnknown it returns the record the
// first call made (see WriteOptions.IdempotencyKey).
//
// NetSuite docs: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545141395.html
//
//meta:operation POST /record/v1/{recordType}
func (s *RecordsService) Create(ctx context.Context, recordType string, body Record, opts *WriteOptions) (*WriteResult, *Response, error) {
	u, err := recordPath(recordType)
	if err != nil {
		return nil, nil, err
	}
	return s.write(ctx, http.MethodPost, recordType, u, "", body, opts, readonly.Create)
}

// Update changes the record with internal ID id ("107") or external ID
// ("eid:CUST-0001") with a PATCH: the fields of body are written, the
// others are left as they are. A field set to nil is sent as null and
// clears the field, which Workato's update action cannot do. Sublist lines
// are applied as opts.Mode says:
//
//   - ModeOverwrite (the default): body as it is; lines with an existing
//     line's key update it, others are added;
//   - ModeAppend: line and id are removed from every sublist line, so that
//     every line is added;
//   - ModeReplace: replace= names opts.Replace, or else every sublist in
//     the body, whose lines then replace the record's.
//
// A sublist in the body is a field whose value is an object with an items
// array ({"items": [{"item": {"id": "7"}, "quantity": 2}]}), unless every
// item is a bare reference: an object with a string id or externalId and
// nothing else but links and refName ({"id": "5"}). That is a multi-select
// field, whose values are left alone. Name a sublist in opts.Replace when
// the body makes this unclear.
//
// With IgnoreReadOnly on, the read-only fields are removed from a copy of
// body before it is sent: a record read with Get, changed and sent back
// whole is accepted. body itself is never modified.
//
// An update is not retried once sent (ErrOutcomeUnknown), unless
// opts.IdempotencyKey is set, which makes it safe to send again.
//
// NetSuite docs: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142173.html
//
//meta:operation PATCH /record/v1/{recordType}/{id}
func (s *RecordsService) Update(ctx context.Context, recordType, id string, body Record, opts *WriteOptions) (*WriteResult, *Response, error) {
	u, err := recordIDPath(recordType, id)
	if err != nil {
		return nil, nil, err
	}
	return s.write(ctx, http.MethodPatch, recordType, u, id, body, opts, readonly.Update)
}

// Upsert creates the record with an external ID, or updates the record
// that has it, with a PUT to record/v1/{type}/eid:{externalID}. externalID
// is the external ID itself ("CUST-0001"), or a record ID built by
// ExternalID. An update applies body as Update does, opts.Mode included.
//
// A PUT is idempotent: the Client retries it after a 5xx or a broken
// connection, which makes Upsert the safe way to create records. Not so an
// upsert whose body has a sublist that ModeReplace does not replace: sent
// twice, its lines would be added twice. Like a create, it is not sent
// again once sent, and such a failure is ErrOutcomeUnknown, unless
// opts.IdempotencyKey is set.
//
// NetSuite docs: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156335203191.html
//
//meta:operation PUT /record/v1/{recordType}/eid:{externalId}
func (s *RecordsService) Upsert(ctx context.Context, recordType, externalID string, body Record, opts *WriteOptions) (*WriteResult, *Response, error) {
	id := externalID
	if !strings.HasPrefix(id, eidPrefix) {
		if strings.TrimSpace(externalID) == "" {
			return nil, nil, errors.New("netsuite: Upsert: the external ID is empty; NetSuite upserts by external ID only")
		}
		id = ExternalID(externalID)
	}
	u, err := recordIDPath(recordType, id)
	if err != nil {
		return nil, nil, err
	}
	// An upsert may create or update: a field is dropped when either
	// refuses it.
	return s.write(ctx, http.MethodPut, recordType, u, id, body, opts, readonly.Create|readonly.Update)
}

// Delete deletes the record with internal ID id ("107") or external ID
// ("eid:CUST-0001"). NetSuite answers 204. A record that does not exist is
// a 404 *Error (IsNotFound).
//
// NetSuite docs: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142287.html
//
//meta:operation DELETE /record/v1/{recordType}/{id}
func (s *RecordsService) Delete(ctx context.Context, recordType, id string) (*Response, error) {
	u, err := recordIDPath(recordType, id)
	if err != nil {
		return nil, err
	}
	req, err := s.client.NewRequest(ctx, http.MethodDelete, u, nil)
	if err != nil {
		return nil, err
	}
	return s.client.Do(req, nil)
}

// headerNameValidation is the header of WriteOptions.PropertyNameValidation
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html).
const headerNameValidation = "X-NetSuite-PropertyNameValidation"

// check checks o and returns the PropertyNameValidation header value.
func (o *WriteOptions) check() (string, error) {
	if o == nil {
		return "", nil
	}
	if o.Mode < ModeOverwrite || o.Mode > ModeReplace {
		return "", fmt.Errorf("netsuite: WriteOptions.Mode %v: want ModeOverwrite, ModeAppend or ModeReplace", o.Mode)
	}
	if len(o.Replace) > 0 && o.Mode != ModeReplace {
		return "", fmt.Errorf("netsuite: WriteOptions.Replace names sublists (%s) but Mode is %v; set Mode to ModeReplace", strings.Join(o.Replace, ", "), o.Mode)
	}
	for _, name := range o.Replace {
		if err := checkName("sublist name", name); err != nil {
			return "", fmt.Errorf("%w (in WriteOptions.Replace)", err)
		}
	}
	for _, c := range o.IdempotencyKey {
		if c <= ' ' || c > '~' {
			return "", fmt.Errorf("netsuite: WriteOptions.IdempotencyKey %q has a %q; want printable ASCII without spaces, such as a UUID", o.IdempotencyKey, c)
		}
	}
	var v string
	switch strings.ToLower(o.PropertyNameValidation) {
	case "":
	case "ignore":
		v = "Ignore"
	case "warning":
		v = "Warning"
	case "error":
		v = "Error"
	default:
		return "", fmt.Errorf("netsuite: WriteOptions.PropertyNameValidation %q: want Ignore, Warning, Error or \"\"", o.PropertyNameValidation)
	}
	return v, nil
}

// write sends body to urlPath with method: POST (create), PATCH or PUT. id
// is the ID the call was given ("" for a create); op is the write the
// read-only rules apply to.
func (s *RecordsService) write(ctx context.Context, method, recordType, urlPath, id string, body Record, opts *WriteOptions, op readonly.Op) (*WriteResult, *Response, error) {
	c := s.client
	create := op == readonly.Create
	validation, err := opts.check()
	if err != nil {
		return nil, nil, err
	}
	var o WriteOptions
	if opts != nil {
		o = *opts
	}
	payload, err := normalize(body)
	if err != nil {
		return nil, nil, fmt.Errorf("netsuite: %s %s: the body does not encode as a JSON object: %w", method, recordType, err)
	}
	if !create && o.Mode == ModeAppend {
		for _, name := range sublists(payload) {
			for _, line := range payload[name].(map[string]any)["items"].([]any) {
				if m, ok := line.(map[string]any); ok {
					delete(m, "line")
					delete(m, "id")
				}
			}
		}
	}
	res := &WriteResult{}
	ignore := c.ignoreReadOnly
	if o.IgnoreReadOnly != nil {
		ignore = *o.IgnoreReadOnly
	}
	if ignore {
		res.Dropped = c.readOnly.Strip(recordType, payload, op)
		if len(res.Dropped) > 0 {
			c.logger.DebugContext(ctx, "netsuite: dropped read-only fields",
				"method", method, "recordType", recordType, "id", id, "fields", res.Dropped)
		}
	}
	q := url.Values{}
	if !create && o.Mode == ModeReplace {
		names := o.Replace
		if len(names) == 0 {
			names = sublists(payload)
		}
		if len(names) > 0 {
			q.Set("replace", strings.Join(names, ","))
		}
	}
	req, err := c.NewRequest(ctx, method, urlPath+encodeQuery(q), payload)
	if err != nil {
		return nil, nil, err
	}
	if validation != "" {
		req.Header.Set(headerNameValidation, validation)
	}
	var resp *Response
	switch {
	case o.IdempotencyKey != "":
		resp, err = c.sendKeyed(req, o.IdempotencyKey)
	case method == http.MethodPut && addsLines(payload, q["replace"]):
		// Sent twice, this upsert would add its lines twice: the Client
		// must not retry it once sent.
		resp, err = c.Do(req.WithContext(context.WithValue(req.Context(), notIdempotentKey{}, true)), nil)
	default:
		resp, err = c.Do(req, nil)
	}
	if err != nil {
		return res, resp, err
	}
	res.ID = resp.ID
	if res.ID == "" {
		res.ID = id
	}
	return res, resp, nil
}

// normalize returns a deep copy of body as decoded JSON: objects are
// map[string]any, arrays []any, numbers json.Number (kept exactly). A nil
// body is an empty object.
func normalize(body Record) (map[string]any, error) {
	if body == nil {
		return map[string]any{}, nil
	}
	data, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	return m, nil
}

// sublists returns the names of the top-level fields of a normalized body
// that are sublists, sorted: objects with an items array that is empty or
// has an item other than a bare reference (see Update).
func sublists(body map[string]any) []string {
	var names []string
	for name, v := range body {
		m, ok := v.(map[string]any)
		if !ok {
			continue
		}
		items, ok := m["items"].([]any)
		if !ok {
			continue
		}
		if len(items) == 0 || slices.ContainsFunc(items, func(x any) bool { return !isReference(x) }) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// addsLines reports whether a body may add sublist lines: it has a sublist
// that the replace parameter (a comma-separated list) does not name.
func addsLines(body map[string]any, replace []string) bool {
	var named []string
	for _, r := range replace {
		named = append(named, strings.Split(r, ",")...)
	}
	for _, name := range sublists(body) {
		if !slices.Contains(named, name) {
			return true
		}
	}
	return false
}

// isReference reports whether a value is a bare reference, as the items
// of a multi-select field are: an object with a string id or externalId
// and no member but links, id, refName and externalId.
func isReference(v any) bool {
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	_, id := m["id"].(string)
	_, eid := m["externalId"].(string)
	if !id && !eid {
		return false
	}
	for k := range m {
		switch k {
		case "links", "id", "refName", "externalId":
		default:
			return false
		}
	}
	return true
}
