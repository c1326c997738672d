package records

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
	"github.com/nsconnect/nsconnect/emulator/internal/store"
)

// Validation header names
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html).
const (
	headerNameValidation  = "X-NetSuite-PropertyNameValidation"
	headerValueValidation = "X-NetSuite-PropertyValueValidation"
	// headerWarning carries the warnings of a write under the Warning modes.
	// Oracle: warnings come back in response headers
	// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html).
	//
	// Assumption: the header is the standard Warning header, one value per
	// warning, `299 - "<text>"` (RFC 7234 §5.5); NetSuite's header name and
	// format are not documented in the sources.
	headerWarning = "Warning"
)

// mode is a value of the validation headers.
type mode int

const (
	modeIgnore mode = iota + 1
	modeWarning
	modeError
)

// writeOpts are the options of one write.
type writeOpts struct {
	create          bool
	names, values   mode
	replace         map[string]bool // lower-cased names from ?replace=
	replaceSelected bool            // ?replaceSelectedFields=true
}

// writeOpts reads the validation headers and the replace parameters.
// X-NetSuite-PropertyNameValidation defaults to Warning and
// X-NetSuite-PropertyValueValidation to Error, the defaults the 2026.1 REST API
// browser gives for POST, PATCH and PUT (wsjmnh/netsuite-record-rest-docs
// docs/records/customer.md; Oracle states the defaults in
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html).
func (c *call) writeOpts(create bool) (writeOpts, error) {
	o := writeOpts{create: create, replace: make(map[string]bool)}
	var err *Error
	if o.names, err = headerMode(c.req.Header, headerNameValidation, modeWarning); err != nil {
		return o, err
	}
	if o.values, err = headerMode(c.req.Header, headerValueValidation, modeError); err != nil {
		return o, err
	}
	for _, raw := range c.req.Query["replace"] {
		for name := range strings.SplitSeq(raw, ",") {
			if name = strings.TrimSpace(name); name != "" {
				o.replace[strings.ToLower(name)] = true
			}
		}
	}
	o.replaceSelected = queryTrue(c.req.Query, "replaceSelectedFields")
	rt := c.r.rt
	for name := range o.replace {
		f, ok := rt.Field(name)
		if !ok || (f.Kind != catalog.KindSublist && !o.replaceSelected) {
			// Assumption: replace names sublists (or, with
			// replaceSelectedFields, any body field); anything else is a bad
			// parameter.
			return o, errParam("replace", fmt.Sprintf("Invalid value for the query parameter replace: %s is not a sublist of the %s record.", name, rt.Name))
		}
	}
	return o, nil
}

func headerMode(h http.Header, name string, def mode) (mode, *Error) {
	v := strings.TrimSpace(h.Get(name))
	switch strings.ToLower(v) {
	case "":
		return def, nil
	case "ignore":
		return modeIgnore, nil
	case "warning":
		return modeWarning, nil
	case "error":
		return modeError, nil
	}
	return 0, errHeader(name, v)
}

// post answers POST /{type}: 204, no body, Location of the new record
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545141395.html).
func (c *call) post() (*Response, error) {
	opts, err := c.writeOpts(true)
	if err != nil {
		return nil, err
	}
	id, warnings, err := c.s.create(c.ctx, c.r.rt, c.req.Body, opts, "")
	if err != nil {
		return nil, err
	}
	return c.written(id, warnings), nil
}

// patch answers PATCH /{type}/{id}: omitted fields are unchanged, null clears a field, sublists
// merge or are replaced
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142173.html,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545297048.html); 204 with
// the record's Location.
func (c *call) patch() (*Response, error) {
	opts, err := c.writeOpts(false)
	if err != nil {
		return nil, err
	}
	id, warnings, err := c.s.update(c.ctx, c.r.rt, c.r.id, c.req.Body, opts)
	if err != nil {
		return nil, err
	}
	return c.written(id, warnings), nil
}

// put answers PUT /{type}/eid:{externalId}, the upsert: it creates the record with that external
// ID, or updates the record that has it
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156335203191.html). PUT on
// an internal ID is refused.
//
// Assumption: the update half behaves as PATCH (omitted fields unchanged),
// as SOAP's upsert updates the fields sent; an externalId in the body is
// ignored in favour of the URL's.
func (c *call) put() (*Response, error) {
	if c.r.id.eid == "" {
		return nil, errUpsertNeedsEID()
	}
	opts, err := c.writeOpts(false)
	if err != nil {
		return nil, err
	}
	id, warnings, err := c.s.upsert(c.ctx, c.r.rt, c.r.id.eid, c.req.Body, opts)
	if err != nil {
		return nil, err
	}
	return c.written(id, warnings), nil
}

// delete answers DELETE /{type}/{id}: 204, no body
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142287.html); the
// store logs the deletion.
func (c *call) delete() (*Response, error) {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	rec, err := c.s.load(c.ctx, c.r.rt, c.r.id)
	if err != nil {
		return nil, err
	}
	if err := c.s.st.Delete(c.ctx, c.r.rt.Name, rec.ID, c.s.clock(c.ctx)); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return nil, errNotFound()
		}
		return nil, err
	}
	return &Response{Status: http.StatusNoContent, Header: http.Header{}}, nil
}

// written is the 204 of a create or update, with Location and warnings.
func (c *call) written(id int64, warnings []string) *Response {
	h := http.Header{"Location": {c.recordURL(c.r.rt.Name, id)}}
	for _, w := range warnings {
		h.Add(headerWarning, `299 - "`+strings.ReplaceAll(w, `"`, `'`)+`"`)
	}
	return &Response{Status: http.StatusNoContent, Header: h}
}

// clock is the time of a write in UTC, to the second (NetSuite's datetimes
// carry seconds,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157305090645.html):
// the one WithTime put in ctx, else the injected clock.
func (s *Service) clock(ctx context.Context) time.Time {
	t, ok := ctx.Value(timeKey{}).(time.Time)
	if !ok {
		t = s.now()
	}
	return t.UTC().Truncate(time.Second)
}

type timeKey struct{}

// WithTime returns a context whose writes happen at t instead of the
// service's clock: their dateCreated, lastModifiedDate and deletion time.
// It is for tests of time-dependent code, which place records in the past.
func WithTime(ctx context.Context, t time.Time) context.Context {
	return context.WithValue(ctx, timeKey{}, t)
}

// create validates body and stores a new record; eid, when set, is the
// external ID from an upsert URL.
func (s *Service) create(ctx context.Context, rt *catalog.RecordType, body []byte, opts writeOpts, eid string) (int64, []string, error) {
	in, err := decodeBody(body)
	if err != nil {
		return 0, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.createLocked(ctx, rt, in, opts, eid)
}

// build applies the request body in to stored, sets the external ID from
// the URL when there is one (it wins over the body's), and completes the
// record (defaults, computed fields, dates). It returns the write's time.
func (w *writer) build(stored, in map[string]any, eid string) (time.Time, error) {
	if err := w.applyBody(stored, in); err != nil {
		return time.Time{}, err
	}
	if eid != "" {
		stored["externalId"] = eid
	}
	now := w.s.clock(w.ctx)
	return now, w.finish(stored, now)
}

func (s *Service) createLocked(ctx context.Context, rt *catalog.RecordType, in map[string]any, opts writeOpts, eid string) (int64, []string, error) {
	w := &writer{s: s, ctx: ctx, rt: rt, opts: opts}
	return w.create(in, eid, func(ext string, stored map[string]any, now time.Time) (int64, error) {
		return s.st.Create(ctx, string(rt.Family()), rt.Name, 0, ext, stored, now)
	})
}

// create builds a new record from the request body in, numbers it, and
// stores it with insert: the store's Create, or a bulk load's.
func (w *writer) create(in map[string]any, eid string, insert func(ext string, stored map[string]any, now time.Time) (int64, error)) (int64, []string, error) {
	w.opts.create = true
	stored := make(map[string]any)
	now, err := w.build(stored, in, eid)
	if err != nil {
		return 0, nil, err
	}
	undo, err := w.numberTransaction(stored)
	if err != nil {
		return 0, nil, err
	}
	ext, _ := stored["externalId"].(string)
	id, err := insert(ext, stored, now)
	if err != nil && undo != nil {
		// A failed undo only skips a number; the insert's error is the
		// answer.
		_ = undo()
	}
	if errors.Is(err, store.ErrDuplicateExternalID) {
		return 0, nil, errDuplicate(w.rt.Family() == catalog.FamilyEntity)
	}
	if err != nil {
		return 0, nil, err
	}
	return id, w.warnings, nil
}

// update applies body to the record id names.
func (s *Service) update(ctx context.Context, rt *catalog.RecordType, id *idRef, body []byte, opts writeOpts) (int64, []string, error) {
	in, err := decodeBody(body)
	if err != nil {
		return 0, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, err := s.load(ctx, rt, id)
	if err != nil {
		return 0, nil, err
	}
	return s.updateLocked(ctx, rt, rec, in, opts, "")
}

// upsert creates or updates the record with external ID eid.
func (s *Service) upsert(ctx context.Context, rt *catalog.RecordType, eid string, body []byte, opts writeOpts) (int64, []string, error) {
	in, err := decodeBody(body)
	if err != nil {
		return 0, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, err := s.st.GetByExternalID(ctx, rt.Name, eid)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return s.createLocked(ctx, rt, in, opts, eid)
	case err != nil:
		return 0, nil, err
	}
	return s.updateLocked(ctx, rt, rec, in, opts, eid)
}

func (s *Service) updateLocked(ctx context.Context, rt *catalog.RecordType, rec *store.Record, in map[string]any, opts writeOpts, eid string) (int64, []string, error) {
	opts.create = false
	w := &writer{s: s, ctx: ctx, rt: rt, opts: opts}
	stored := deepCopy(rec.Fields).(map[string]any)
	if stored == nil {
		stored = make(map[string]any)
	}
	now, err := w.build(stored, in, eid)
	if err != nil {
		return 0, nil, err
	}
	ext, _ := stored["externalId"].(string)
	err = s.st.Update(ctx, rt.Name, rec.ID, ext, stored, now)
	switch {
	case errors.Is(err, store.ErrDuplicateExternalID):
		return 0, nil, errDuplicate(rt.Family() == catalog.FamilyEntity)
	case errors.Is(err, store.ErrNotFound):
		return 0, nil, errNotFound()
	case err != nil:
		return 0, nil, err
	}
	return rec.ID, w.warnings, nil
}

// writer applies one request body.
type writer struct {
	s        *Service
	ctx      context.Context
	rt       *catalog.RecordType
	opts     writeOpts
	warnings []string
	bulk     *Bulk // the load the write belongs to; nil for a request (see bulk.go)
}

// fieldSet is a record type, a sublist line or a subrecord.
type fieldSet interface {
	Field(name string) (*catalog.Field, bool)
}

// level says where applyFields works.
type level struct {
	top bool   // the record body
	key string // the key field of a sublist line, used only to match lines
}

func (w *writer) applyBody(stored, in map[string]any) error {
	if err := w.applyFields(w.rt, level{top: true}, stored, in, ""); err != nil {
		return err
	}
	// A sublist named in replace but absent from the body loses every line:
	// "All sublist lines will be replaced with lines specified in the
	// request" (the browser's description of replace).
	//
	// Assumption: absent means no lines; connectors filter replace down to
	// the sublists they send (Syncari's NetSuite connector), which suggests
	// as much.
	if !w.opts.create {
		for _, sl := range w.rt.Sublists {
			if w.opts.replace[strings.ToLower(sl.Name)] && !hasKeyFold(in, sl.Name) {
				delete(stored, sl.Name)
			}
		}
	}
	return nil
}

// applyFields applies the members of in to stored, field by field, in name
// order.
func (w *writer) applyFields(fs fieldSet, lv level, stored, in map[string]any, prefix string) error {
	keys := make([]string, 0, len(in))
	for k := range in {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := in[k]
		path := prefix + k
		f, ok := fs.Field(k)
		if !ok {
			switch w.opts.names {
			case modeError:
				return errUnknownField(path, k, w.rt.Name)
			case modeWarning:
				w.warnings = append(w.warnings, fmt.Sprintf("The field %s does not exist on the %s record and was ignored.", path, w.rt.Name))
			}
			continue
		}
		if lv.key != "" && f.Name == lv.key {
			continue // a line key only says which line to update
		}
		if w.readOnly(lv, f) {
			return errReadOnly(path, f.Name)
		}
		if v == nil {
			// "If the value of a body field is set to null, the body field is deleted"; with
			// replaceSelectedFields only the fields named in replace are cleared
			// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142173.html).
			if lv.top && w.opts.replaceSelected && !w.opts.replace[strings.ToLower(f.Name)] {
				continue
			}
			delete(stored, f.Name)
			continue
		}
		switch f.Kind {
		case catalog.KindSublist:
			if err := w.applySublist(f.Sublist, lv.top, stored, v, path); err != nil {
				return err
			}
		case catalog.KindSubrecord:
			m, ok := v.(map[string]any)
			if !ok {
				if err := w.invalid(errInvalidValue(path, f.Name, valueText(v))); err != nil {
					return err
				}
				continue
			}
			sub, _ := stored[f.Name].(map[string]any)
			if sub == nil {
				sub = make(map[string]any)
			}
			if err := w.applyFields(f.Subrecord, level{}, sub, m, path+"."); err != nil {
				return err
			}
			stored[f.Name] = sub
		default:
			if err := checkLength(f, lv.top, v, path); err != nil {
				return err
			}
			x, err := w.convert(f, v, path)
			var e *Error
			if errors.As(err, &e) {
				if err := w.invalid(e); err != nil {
					return err
				}
				continue
			}
			if err != nil {
				return err
			}
			stored[f.Name] = x
		}
	}
	return nil
}

// invalid applies X-NetSuite-PropertyValueValidation to an invalid value:
// Error fails the request, Warning drops the value with a warning, Ignore
// drops it.
func (w *writer) invalid(e *Error) error {
	switch w.opts.values {
	case modeWarning:
		w.warnings = append(w.warnings, e.Detail+" ("+e.Path+")")
		return nil
	case modeIgnore:
		return nil
	}
	return e
}

// systemFields are body fields NetSuite sets itself: the internal ID, the
// links, refName and the record's dates. Oracle: "the id field is read-only"
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545141395.html);
// the others are computed or rendered by NetSuite although the REST API browser
// flags only links (wsjmnh/netsuite-record-rest-docs docs/schemas/customer.md;
// Assumption: dateCreated and lastModifiedDate are refused like id).
var systemFields = map[string]bool{
	"id": true, "links": true, "refName": true,
	"dateCreated": true, "createdDate": true, "created": true,
	"lastModifiedDate": true, "lastModified": true,
}

// readOnly reports whether the client may not set f at level lv.
func (w *writer) readOnly(lv level, f *catalog.Field) bool {
	if f.Kind == catalog.KindLinks || f.Name == "refName" {
		return true
	}
	if !lv.top {
		return false
	}
	return systemFields[f.Name] || slices.Contains(w.rt.Profile.Calculated, f.Name)
}

// applySublist applies {"items": [...]} to a sublist
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545297048.html):
//
//   - create: the lines as sent;
//   - update without replace: lines of a keyed sublist whose key matches an
//     existing line update it, the others are added; every line of a
//     non-keyed sublist is added;
//   - update with replace: for a keyed sublist, matching lines are updated,
//     other existing lines removed, unmatched lines added; a non-keyed
//     sublist's lines are all replaced.
//
// A bare array instead of {"items": [...]} is detailBadBody (as reported in
// public client code and issues, see errors.go). Assumption: other members
// of the object (links, totalResults, as a GET returns them) are ignored, and
// an object without items changes nothing. Sublists inside subrecords merge
// the same way without replace.
func (w *writer) applySublist(sl *catalog.Sublist, top bool, stored map[string]any, v any, path string) error {
	m, ok := v.(map[string]any)
	if !ok {
		return errBadBody().atPath(path)
	}
	raw, ok := getFold(m, "items")
	if !ok {
		return nil
	}
	arr, ok := raw.([]any)
	if !ok {
		return errBadBody().atPath(path + ".items")
	}
	var existing []map[string]any
	if !w.opts.create {
		existing = lineMaps(stored[sl.Name])
	}
	replace := top && !w.opts.create && w.opts.replace[strings.ToLower(sl.Name)]
	matched := make(map[int]bool)
	var added []map[string]any
	for i, x := range arr {
		rl, ok := x.(map[string]any)
		if !ok {
			return errBadBody().atPath(fmt.Sprintf("%s.items[%d]", path, i))
		}
		lp := fmt.Sprintf("%s.items[%d].", path, i)
		lv := level{key: sl.Key}
		idx := -1
		if sl.Keyed && !w.opts.create {
			if kv, ok := getFold(rl, sl.Key); ok {
				if k := keyText(kv); k != "" {
					idx = slices.IndexFunc(existing, func(l map[string]any) bool { return keyText(l[sl.Key]) == k })
				}
			}
		}
		if idx >= 0 {
			if err := w.applyFields(sl, lv, existing[idx], rl, lp); err != nil {
				return err
			}
			recomputeAmount(sl, existing[idx], rl)
			if err := w.lineAmount(sl, top, existing[idx], lp); err != nil {
				return err
			}
			matched[idx] = true
			continue
		}
		line := make(map[string]any)
		if err := w.applyFields(sl, lv, line, rl, lp); err != nil {
			return err
		}
		if err := w.lineAmount(sl, top, line, lp); err != nil {
			return err
		}
		added = append(added, line)
	}
	if sl.Keyed {
		assignKeys(sl, existing, added)
	}
	var out []map[string]any
	switch {
	case replace && !sl.Keyed:
		out = added
	case replace:
		for i, l := range existing {
			if matched[i] {
				out = append(out, l)
			}
		}
		out = append(out, added...)
	default:
		out = append(existing, added...)
	}
	if len(out) == 0 {
		delete(stored, sl.Name)
		return nil
	}
	lines := make([]any, len(out))
	for i, l := range out {
		lines[i] = l
	}
	stored[sl.Name] = lines
	return nil
}

// lineAmount computes the amount of a line the request sent, when the line
// belongs to a transaction's item or expense sublist (computeTransaction), so
// that an amount out of range is reported at the request's path.
func (w *writer) lineAmount(sl *catalog.Sublist, top bool, line map[string]any, path string) error {
	if !top || w.rt.Family() != catalog.FamilyTransaction || !slices.Contains(amountSublists, sl.Name) {
		return nil
	}
	if err := lineAmount(sl, line, path); err != nil {
		return err // not lineAmount's result as such: a nil *Error is no nil error
	}
	return nil
}

// convert turns a request value of f into its stored form (see doc.go). An
// invalid value is an *Error from errInvalidValue; other errors are the
// store's.
func (w *writer) convert(f *catalog.Field, v any, path string) (any, error) {
	bad := func() error { return errInvalidValue(path, f.Name, valueText(v)) }
	switch f.Kind {
	case catalog.KindScalar:
		switch f.Type {
		case "string":
			s, ok := v.(string)
			if !ok {
				return nil, bad()
			}
			return s, nil
		case "boolean":
			b, ok := v.(bool)
			if !ok {
				return nil, bad()
			}
			return b, nil
		case "integer", "number":
			x, ok := number(v)
			if !ok || (f.Type == "integer" && x != math.Trunc(x)) {
				return nil, bad()
			}
			return x, nil
		}
		return v, nil
	case catalog.KindDate:
		// Date fields are RFC 3339 full-dates, no zone
		// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157305090645.html).
		s, ok := v.(string)
		if !ok {
			return nil, bad()
		}
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return nil, bad()
		}
		return d.Format(time.DateOnly), nil
	case catalog.KindDateTime:
		// ISO 8601 with an offset, stored in UTC
		// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157305090645.html).
		s, ok := v.(string)
		if !ok {
			return nil, bad()
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return nil, bad()
		}
		return t.UTC().Truncate(time.Second).Format(time.RFC3339), nil
	case catalog.KindReference:
		return w.reference(f, v, path)
	case catalog.KindEnum:
		return enumValue(f, v, path)
	case catalog.KindMultiSelect:
		var refs []any
		switch x := v.(type) {
		case []any:
			refs = x
		case map[string]any:
			items, ok := getFold(x, "items")
			if refs, ok = items.([]any); !ok {
				return nil, bad()
			}
		default:
			return nil, bad()
		}
		ids := make([]any, 0, len(refs))
		for i, r := range refs {
			id, err := w.reference(f, r, fmt.Sprintf("%s.items[%d]", path, i))
			if err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		return ids, nil
	}
	if n, bad := untypedOutOfRange(v); bad {
		return nil, errInvalidValue(path, f.Name, n)
	}
	return plain(v), nil
}

// reference resolves a select value to the internal ID it stores. Accepted:
// {"id": "5"} or {"id": 5}, {"externalId": "X"}
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156334828635.html),
// and a bare "5" or 5 (netsuite-api-client's live test creates a customer with
// "subsidiary": "1" and "entityStatus": 6). The record must exist (Oracle's
// "Invalid Field Value 9999" example,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html).
//
// Assumption: {"refName": ...} alone is not accepted for references (Oracle documents it for enums
// only, https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142146.html); a
// target the catalog and the ID families do not know (nsResource, priceLevel, ...) accepts any
// positive internal ID unchecked.
func (w *writer) reference(f *catalog.Field, v any, path string) (string, error) {
	var id, eid string
	switch x := v.(type) {
	case map[string]any:
		if iv, ok := getFold(x, "id"); ok && iv != nil {
			id = scalarText(iv)
		} else if ev, ok := getFold(x, "externalId"); ok && ev != nil {
			eid = scalarText(ev)
			if eid == "" {
				return "", errInvalidValue(path, f.Name, valueText(v))
			}
		} else {
			return "", errInvalidValue(path, f.Name, valueText(v))
		}
	case string:
		id = x
	case json.Number:
		id = x.String()
	default:
		return "", errInvalidValue(path, f.Name, valueText(v))
	}
	if eid != "" {
		rec, err := w.s.findByExternalID(w.ctx, f.Target, eid)
		if err != nil {
			return "", err
		}
		if rec == nil {
			return "", errInvalidValue(path, f.Name, eid)
		}
		return store.FormatID(rec.ID), nil
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		return "", errInvalidValue(path, f.Name, id)
	}
	known, found, err := w.refExists(f.Target, n)
	if err != nil {
		return "", err
	}
	if known && !found {
		return "", errInvalidValue(path, f.Name, id)
	}
	return store.FormatID(n), nil
}

// findByExternalID finds a record of target (or of target's ID family) by
// external ID; nil when there is none.
func (s *Service) findByExternalID(ctx context.Context, target, eid string) (*store.Record, error) {
	var types []string
	if rt, ok := s.cat.Type(target); ok {
		types = append(types, rt.Name)
		target = rt.Name
	}
	if fam := s.cat.FamilyOf(target); string(fam) != target || len(types) == 0 {
		for _, t := range s.families[fam] {
			if !slices.Contains(types, t) {
				types = append(types, t)
			}
		}
	}
	for _, t := range types {
		rec, err := s.st.GetByExternalID(ctx, t, eid)
		if err == nil {
			return rec, nil
		}
		if !errors.Is(err, store.ErrNotFound) {
			return nil, err
		}
	}
	return nil, nil
}

// enumValue resolves a list value to its id: {"id": "2"}, {"refName": "Soft
// Opt-Out"} ("On write you may send {"refName": ...}":
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142146.html),
// or a bare id. The id is stored as the catalog spells it.
//
// Assumption: ids are matched exactly, then ignoring case. A refName is
// matched against the ids the same way, then against the labels of the
// catalog (exactly, then ignoring case); a label that two ids share names
// neither.
func enumValue(f *catalog.Field, v any, path string) (any, error) {
	var id string
	byRefName := false
	switch x := v.(type) {
	case map[string]any:
		if iv, ok := getFold(x, "id"); ok && iv != nil {
			id = scalarText(iv)
		} else if rv, ok := getFold(x, "refName"); ok && rv != nil {
			id, byRefName = scalarText(rv), true
		}
	case string:
		id = x
	case json.Number:
		id = x.String()
	}
	if id == "" {
		return nil, errInvalidValue(path, f.Name, valueText(v))
	}
	if len(f.Enum) == 0 || slices.Contains(f.Enum, id) {
		return id, nil
	}
	for _, e := range f.Enum {
		if strings.EqualFold(e, id) {
			return e, nil
		}
	}
	if byRefName {
		if e, ok := enumByLabel(f, id); ok {
			return e, nil
		}
	}
	return nil, errInvalidValue(path, f.Name, id)
}

// enumByLabel finds the id whose label is label: matched exactly, then
// ignoring case; only a label that one id has counts.
func enumByLabel(f *catalog.Field, label string) (string, bool) {
	for _, match := range []func(string, string) bool{
		func(a, b string) bool { return a == b },
		strings.EqualFold,
	} {
		found := ""
		n := 0
		for id, l := range f.EnumLabels {
			if match(l.Label, label) {
				found = id
				n++
			}
		}
		if n == 1 {
			return found, true
		}
		if n > 1 {
			return "", false
		}
	}
	return "", false
}

// number reads a JSON number. A value that is not finite or whose magnitude
// is over maxMagnitude is refused, so that nothing computed from it can
// overflow.
//
// Assumption: a string holding a decimal number ("12.5", "-3", "1e3"; no
// hexadecimal, Inf or NaN) is accepted too, as Java JSON binders coerce it.
func number(v any) (float64, bool) {
	var s string
	switch x := v.(type) {
	case json.Number:
		s = x.String()
	case string:
		s = strings.TrimSpace(x)
		if !decimalText.MatchString(s) {
			return 0, false
		}
	default:
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || !inRange(f) {
		return 0, false
	}
	return f, true
}

// decimalText is a decimal number as number accepts it in a string.
var decimalText = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$`)

// plain turns decoded request JSON into what the store keeps (numbers as
// float64).
func plain(v any) any {
	return mapLeaves(v, func(leaf any) any {
		if n, ok := leaf.(json.Number); ok {
			if f, err := n.Float64(); err == nil {
				return f
			}
			return n.String()
		}
		return leaf
	})
}

// mapLeaves copies decoded JSON, replacing each value that is not an object
// or an array by f of it.
func mapLeaves(v any, f func(any) any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = mapLeaves(e, f)
		}
		return m
	case []any:
		a := make([]any, len(x))
		for i, e := range x {
			a[i] = mapLeaves(e, f)
		}
		return a
	}
	return f(v)
}

// valueText is how a value appears in "Invalid Field Value <v>".
func valueText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case map[string]any:
		for _, k := range []string{"id", "externalId", "refName"} {
			if e, ok := getFold(x, k); ok && e != nil {
				return scalarText(e)
			}
		}
	}
	return string(marshal(plain(v)))
}

func scalarText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	return string(marshal(plain(v)))
}

// keyText is a line key as text ("1" for 1, 1.0 and "1").
func keyText(v any) string {
	switch x := v.(type) {
	case json.Number:
		if f, err := x.Float64(); err == nil {
			return strconv.FormatFloat(f, 'f', -1, 64)
		}
		return x.String()
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		if f, err := strconv.ParseFloat(x, 64); err == nil {
			return strconv.FormatFloat(f, 'f', -1, 64)
		}
		return x
	}
	return ""
}

// getFold returns m's member named name, ignoring case (field names are
// matched ignoring case, package catalog).
func getFold(m map[string]any, name string) (any, bool) {
	if v, ok := m[name]; ok {
		return v, true
	}
	for k, v := range m {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return nil, false
}

func hasKeyFold(m map[string]any, name string) bool {
	_, ok := getFold(m, name)
	return ok
}

// lineMaps returns the stored lines of a sublist.
func lineMaps(v any) []map[string]any {
	arr, _ := v.([]any)
	out := make([]map[string]any, 0, len(arr))
	for _, x := range arr {
		if m, ok := x.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// deepCopy copies decoded JSON.
func deepCopy(v any) any { return mapLeaves(v, func(leaf any) any { return leaf }) }
