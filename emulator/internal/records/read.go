package records

import (
	"context"
	"errors"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
	"github.com/nsconnect/nsconnect/emulator/internal/store"
)

// get answers GET /{type}/{id}
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545141500.html): the
// record's body fields with `links` (self), sublists and subrecords as links unless
// expandSubResources=true
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545141947.html), enums as
// {id, refName} or bare ids with simpleEnumFormat=true
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142146.html), and
// `fields` restricting the body fields, echoed in the self link.
func (c *call) get() (*Response, error) {
	rec, err := c.s.load(c.ctx, c.r.rt, c.r.id)
	if err != nil {
		return nil, err
	}
	only, err := c.fieldsParam()
	if err != nil {
		return nil, err
	}
	self := c.recordURL(c.r.rt.Name, rec.ID)
	linkSelf := self
	if raw := c.req.Query.Get("fields"); raw != "" {
		// Oracle's example echoes ?fields=companyName%2Cemail%2CentityId.
		linkSelf += "?fields=" + url.QueryEscape(raw)
	}
	rd := c.renderer()
	body, err := rd.record(c.r.rt, rec, self, linkSelf, only)
	if err != nil {
		return nil, err
	}
	return singular(body), nil
}

// fieldsParam reads `fields=a,b`: nil when absent. Names are matched ignoring
// case; an unknown name is 400 NONEXISTENT_FIELD (airbytehq/airbyte
// source_netsuite/errors.py: Airbyte's mapping of errors for unknown fields in
// q or fields).
//
// Assumption: the detail wording. Oracle's page says sublists are not
// supported in `fields`; the 2026.1 browser describes it as "field and
// sublist names to return", so sublist and subrecord names are accepted and
// rendered as they would be without `fields`.
func (c *call) fieldsParam() (map[string]bool, error) {
	raw := c.req.Query.Get("fields")
	if raw == "" {
		return nil, nil
	}
	only := make(map[string]bool)
	for name := range strings.SplitSeq(raw, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		f, ok := c.r.rt.Field(name)
		if !ok {
			return nil, NewError(CodeNonexistentField,
				"The field "+name+" does not exist on the "+c.r.rt.Name+" record.").atQueryParam("fields")
		}
		only[f.Name] = true
	}
	return only, nil
}

func singular(body object) *Response {
	return &Response{
		Status: http.StatusOK,
		Header: http.Header{"Content-Type": {typeSingular}},
		Body:   marshal(body),
	}
}

func (c *call) renderer() *renderer {
	return &renderer{
		c:          c,
		expand:     queryTrue(c.req.Query, "expandSubResources"),
		simpleEnum: queryTrue(c.req.Query, "simpleEnumFormat"),
		refs:       make(map[string]*refTarget),
	}
}

// renderer turns stored bodies into wire JSON.
type renderer struct {
	c          *call
	expand     bool
	simpleEnum bool
	refs       map[string]*refTarget // target/id -> resolved record
}

// refTarget is a resolved reference.
type refTarget struct {
	typ     string // the referenced record's type; "" when unknown
	refName string
	found   bool
}

// record renders a whole record: links, id and the stored body fields, in
// NetSuite's order (sortMembers).
//
// Known divergence (doc.go): a field without a stored value is not rendered,
// unset checkboxes included, which NetSuite renders as false.
func (rd *renderer) record(rt *catalog.RecordType, rec *store.Record, self, linkSelf string, only map[string]bool) (object, error) {
	o := object{}
	for _, f := range rt.Fields {
		if only != nil && !only[f.Name] {
			continue
		}
		if f.Name == "id" {
			o.add("id", store.FormatID(rec.ID))
			continue
		}
		if f.Kind == catalog.KindLinks || f.Name == "refName" {
			continue
		}
		v, ok := rec.Fields[f.Name]
		if !ok || v == nil {
			continue
		}
		x, ok, err := rd.value(f, v, self)
		if err != nil {
			return nil, err
		}
		if ok {
			o.add(f.Name, x)
		}
	}
	sortMembers(o)
	return append(object{{"links", selfLinks(linkSelf)}}, o...), nil
}

// fields renders the fields of a line or subrecord.
func (rd *renderer) fields(fields []*catalog.Field, m map[string]any, self string) (object, error) {
	o := object{}
	for _, f := range fields {
		if f.Kind == catalog.KindLinks || f.Name == "refName" {
			continue
		}
		v, ok := m[f.Name]
		if !ok || v == nil {
			continue
		}
		x, ok, err := rd.value(f, v, self)
		if err != nil {
			return nil, err
		}
		if ok {
			o.add(f.Name, x)
		}
	}
	sortMembers(o)
	return append(object{{"links", selfLinks(self)}}, o...), nil
}

// value renders one stored value; parent is the URL of the record, line or
// subrecord that holds it.
func (rd *renderer) value(f *catalog.Field, v any, parent string) (any, bool, error) {
	switch f.Kind {
	case catalog.KindScalar:
		if f.Type == "integer" {
			if x, ok := v.(float64); ok && x == math.Trunc(x) && math.Abs(x) < 1<<53 {
				return int64(x), true, nil
			}
		}
		return v, true, nil
	case catalog.KindDate, catalog.KindDateTime:
		return v, true, nil
	case catalog.KindReference:
		x, err := rd.reference(f.Target, idText(v))
		return x, err == nil, err
	case catalog.KindEnum:
		id := idText(v)
		if rd.simpleEnum {
			return id, true, nil
		}
		// refName is the value's label (catalog.Field.EnumLabels), in English:
		// Oracle's example is {"id": "2", "refName": "Soft Opt-Out"}
		// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142146.html).
		// Ids are looked up as enumValue stores them, spelled as the catalog
		// lists them.
		//
		// Assumption: a value whose label no source gives has its id as
		// refName; NetSuite localises labels to the user's language, the
		// emulator does not.
		refName := id
		if l, ok := f.EnumLabels[id]; ok {
			refName = l.Label
		}
		return object{{"id", id}, {"refName", refName}}, true, nil
	case catalog.KindMultiSelect:
		x, err := rd.multiSelect(f, v, parent+"/"+f.Name)
		return x, err == nil, err
	case catalog.KindSublist:
		self := parent + "/" + f.Name
		if !rd.expand {
			return object{{"links", selfLinks(self)}}, true, nil
		}
		x, err := rd.sublist(f.Sublist, v, self, true)
		return x, err == nil, err
	case catalog.KindSubrecord:
		self := parent + "/" + f.Name
		if !rd.expand {
			return object{{"links", selfLinks(self)}}, true, nil
		}
		m, _ := v.(map[string]any)
		x, err := rd.fields(f.Subrecord.Fields, m, self)
		return x, err == nil, err
	case catalog.KindLinks:
		return nil, false, nil
	}
	return v, true, nil
}

// sublist renders a sublist collection: {"links", "items", "totalResults"}.
// Lines are full when full is set, links only otherwise.
//
// Assumption: the collection carries totalResults after items and no count, hasMore or offset.
// Oracle's expanded example
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545141947.html) shows
// "links" directly followed by "items", which rules out count and hasMore under NetSuite's key
// order; https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142093.html
// gives multiselect collections as {links, items, totalResults}.
func (rd *renderer) sublist(sl *catalog.Sublist, v any, self string, full bool) (object, error) {
	lines, _ := v.([]any)
	items := make([]object, 0, len(lines))
	for i, l := range lines {
		m, _ := l.(map[string]any)
		lineSelf := self + "/" + lineKey(sl, m, i)
		if !full {
			items = append(items, object{{"links", selfLinks(lineSelf)}})
			continue
		}
		o, err := rd.fields(sl.Fields, m, lineSelf)
		if err != nil {
			return nil, err
		}
		items = append(items, o)
	}
	return object{{"links", selfLinks(self)}, {"items", items}, {"totalResults", len(items)}}, nil
}

// multiSelect renders a multiselect: {"links", "items": [references],
// "totalResults"}
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142093.html).
func (rd *renderer) multiSelect(f *catalog.Field, v any, self string) (object, error) {
	ids, _ := v.([]any)
	items := make([]object, 0, len(ids))
	for _, id := range ids {
		x, err := rd.reference(f.Target, idText(id))
		if err != nil {
			return nil, err
		}
		items = append(items, x)
	}
	return object{{"links", selfLinks(self)}, {"items", items}, {"totalResults", len(items)}}, nil
}

// reference renders a select value: {"links": [self of the referenced record],
// "id": "5", "refName": "..."}
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142037.html),
// with refName read now from the referenced record. A target the catalog does
// not know gives {"id"} alone; a referenced record that is gone gives no
// refName.
func (rd *renderer) reference(target, id string) (object, error) {
	t, err := rd.resolve(target, id)
	if err != nil {
		return nil, err
	}
	if t.typ == "" {
		return object{{"id", id}}, nil
	}
	n, _ := strconv.ParseInt(id, 10, 64)
	o := object{{"links", selfLinks(rd.c.recordURL(t.typ, n))}, {"id", id}}
	if t.found {
		o.add("refName", t.refName)
	}
	return o, nil
}

func (rd *renderer) resolve(target, id string) (*refTarget, error) {
	key := target + "/" + id
	if t, ok := rd.refs[key]; ok {
		return t, nil
	}
	s := rd.c.s
	gen := s.st.Generation()
	if t, ok := s.refs.get(gen, key); ok {
		rd.refs[key] = t
		return t, nil
	}
	typ, _, rec, err := s.findRef(rd.c.ctx, target, id)
	if err != nil {
		return nil, err
	}
	t := &refTarget{typ: typ}
	if rec != nil {
		t.typ, t.found, t.refName = rec.Type, true, s.displayName(rec)
	}
	rd.refs[key] = t
	s.refs.put(gen, key, t)
	return t, nil
}

// refCache keeps resolved references across requests while the store's
// generation stays the same: a reference's refName is read from another
// record, which is the costliest part of a GET.
type refCache struct {
	mu  sync.Mutex
	gen uint64
	m   map[string]*refTarget
}

// maxRefCache bounds the cache; past it the cache starts over.
const maxRefCache = 100_000

func (c *refCache) get(gen uint64, key string) (*refTarget, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return nil, false
	}
	t, ok := c.m[key]
	return t, ok
}

func (c *refCache) put(gen uint64, key string, t *refTarget) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen || c.m == nil || len(c.m) >= maxRefCache {
		c.gen, c.m = gen, make(map[string]*refTarget)
	}
	c.m[key] = t
}

// findRef finds the record a reference to target with internal ID id points
// at. known reports whether target can be checked at all: a catalog type, or
// a type of a known ID family. typ is the type to link to ("" when neither the
// target nor the record says); rec is nil when no record has the ID.
//
// A target is searched by its ID family: the browser types the item column of
// sales lines as kitItem and the entity of a purchase order as customer
// (catalog schemas), while the record is an inventoryItem or a vendor; IDs are
// unique within a family (package store), so the family finds it.
func (s *Service) findRef(ctx context.Context, target, id string) (typ string, known bool, rec *store.Record, err error) {
	n, perr := strconv.ParseInt(id, 10, 64)
	if rt, ok := s.cat.Type(target); ok {
		typ = rt.Name
		if perr != nil || n <= 0 {
			return typ, true, nil, nil
		}
		rec, err = s.st.Get(ctx, rt.Name, n)
		if err == nil {
			return typ, true, rec, nil
		}
		if !errors.Is(err, store.ErrNotFound) {
			return "", true, nil, err
		}
		if fam := rt.Family(); string(fam) != rt.Name {
			rec, err = s.findInFamily(ctx, fam, n)
			return typ, true, rec, err
		}
		return typ, true, nil, nil
	}
	fam := s.cat.FamilyOf(target)
	if string(fam) == target || len(s.families[fam]) == 0 {
		return "", false, nil, nil
	}
	if perr != nil || n <= 0 {
		return "", true, nil, nil
	}
	rec, err = s.findInFamily(ctx, fam, n)
	if rec == nil || err != nil {
		return "", true, nil, err
	}
	return rec.Type, true, rec, nil
}

// displayName is a record's refName: what NetSuite shows for it in a select
// field, from its type's profile (catalog.Profile.RefName); the internal ID
// when the fields are empty.
func (s *Service) displayName(rec *store.Record) string {
	str := func(k string) string { v, _ := rec.Fields[k].(string); return v }
	var name string
	if rt, ok := s.cat.Type(rec.Type); ok {
		p := rt.Profile
		if p.TranLabel != "" {
			if t := str("tranId"); t != "" {
				name = p.TranLabel + " #" + t
			}
		}
		for _, entry := range p.RefName {
			if name != "" {
				break
			}
			var parts []string
			for f := range strings.FieldsSeq(entry) {
				if v := strings.TrimSpace(str(f)); v != "" {
					parts = append(parts, v)
				}
			}
			name = strings.Join(parts, " ")
		}
	}
	if name == "" {
		name = store.FormatID(rec.ID)
	}
	return name
}

// idText turns a stored ID (string or number) into its text.
func idText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case map[string]any:
		return idText(v["id"])
	}
	return ""
}

// lineKey is the path segment of line i: its key for keyed sublists (…/salesOrder/1/item/1,
// …/customer/107/addressbook/39,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_159894563219.html,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545141947.html).
//
// Assumption: lines of non-keyed sublists are addressed by their position,
// counted from 0.
func lineKey(sl *catalog.Sublist, line map[string]any, i int) string {
	if sl.Keyed {
		if k := idText(line[sl.Key]); k != "" {
			return k
		}
	}
	return strconv.Itoa(i)
}

// subresource answers GET on a sublist, a line, a line's subrecord, a subrecord or a multiselect of
// a record (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_159894563219.html
// lists sublists and subrecords as subresources).
//
// A select field is not a subresource: GET /customer/19/salesRep answers the
// 404 of any unknown name. NetSuite is not shown to serve select fields this
// way, and answering with the referenced record would bypass the permission
// check, which the HTTP layer makes on the path's record type only (an
// employee read through a customer). The reference's self link leads to the
// record, under that record type's permission.
//
// Assumption: a sublist is a collection whose lines are links only unless
// expandSubResources=true; a line and a subrecord are rendered in full, their
// own sublists and subrecords as links unless expanded; a multiselect is a
// collection of references
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142093.html).
// Anything else is 404 NONEXISTENT_ID.
func (c *call) subresource() (*Response, error) {
	rec, err := c.s.load(c.ctx, c.r.rt, c.r.id)
	if err != nil {
		return nil, err
	}
	f, ok := c.r.rt.Field(c.r.rest[0])
	if !ok {
		return nil, errNotFound()
	}
	rd := c.renderer()
	parent := c.recordURL(c.r.rt.Name, rec.ID)
	self := parent + "/" + f.Name
	v := rec.Fields[f.Name]
	rest := c.r.rest[1:]
	switch f.Kind {
	case catalog.KindSublist:
		if len(rest) == 0 {
			o, err := rd.sublist(f.Sublist, v, self, rd.expand)
			if err != nil {
				return nil, err
			}
			return collection(o), nil
		}
		lines, _ := v.([]any)
		for i, l := range lines {
			m, _ := l.(map[string]any)
			if lineKey(f.Sublist, m, i) != rest[0] {
				continue
			}
			lineSelf := self + "/" + rest[0]
			if len(rest) == 1 {
				o, err := rd.fields(f.Sublist.Fields, m, lineSelf)
				if err != nil {
					return nil, err
				}
				return singular(o), nil
			}
			sf, ok := f.Sublist.Field(rest[1])
			if !ok || sf.Kind != catalog.KindSubrecord {
				return nil, errNotFound()
			}
			sm, _ := m[sf.Name].(map[string]any)
			o, err := rd.fields(sf.Subrecord.Fields, sm, lineSelf+"/"+sf.Name)
			if err != nil {
				return nil, err
			}
			return singular(o), nil
		}
		return nil, errNotFound()
	case catalog.KindSubrecord:
		if len(rest) > 0 {
			return nil, errNotFound()
		}
		m, _ := v.(map[string]any)
		o, err := rd.fields(f.Subrecord.Fields, m, self)
		if err != nil {
			return nil, err
		}
		return singular(o), nil
	case catalog.KindMultiSelect:
		if len(rest) > 0 {
			return nil, errNotFound()
		}
		o, err := rd.multiSelect(f, v, self)
		if err != nil {
			return nil, err
		}
		return collection(o), nil
	}
	return nil, errNotFound()
}

func collection(body object) *Response {
	return &Response{
		Status: http.StatusOK,
		Header: http.Header{"Content-Type": {typeCollection}},
		Body:   marshal(body),
	}
}
