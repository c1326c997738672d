package records

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
	"github.com/nsconnect/nsconnect/emulator/internal/filter"
	"github.com/nsconnect/nsconnect/emulator/internal/store"
)

// Paging limits
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156414087576.html):
// "The default and the maximum is 1000 results per page"; "the offset is
// divisible by the limit"; and "a maximum of 1000 pages of results can be
// returned", so a page's offset is at most 999 times the limit ("You can
// specify your criteria to return fewer than 1000 results per page. In this
// case, the overall number of returned results is lower, too").
const (
	defaultLimit = 1000
	maxLimit     = 1000
	maxPages     = 1000
)

// maxOffset is the offset of the last page a collection can return with
// limit: 999,000 for the largest limit. An offset beyond it is refused, so
// that every offset and link is a small whole number.
func maxOffset(limit int) int { return (maxPages - 1) * limit }

// list answers GET /{type}
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1540810951.html) with an
// optional `q` filter
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545222128.html) and
// paging (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156414087576.html):
//
//	{"links": [...], "count": n, "hasMore": b, "items": [{"links": [self], "id": "7"}],
//	 "offset": o, "totalResults": t}
//
// Keys follow Oracle's example
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156414087576.html)
// (links, count, hasMore, items, offset, totalResults).
//
// The page, the filter and totalResults are computed by SQLite (store.Page):
// a page reads the (type, id) index from its offset, and a filter on an
// indexed field (store.IndexedText, the system dates, the internal and
// external IDs) reads that index.
//
// Assumption: items are in ascending internal ID order.
func (c *call) list() (*Response, error) {
	q := c.req.Query
	limit, offset, perr := pageParams(q)
	if perr != nil {
		return nil, perr
	}
	rt := c.r.rt
	var f *filter.Filter
	if raw := q.Get("q"); raw != "" {
		expr, err := filter.Parse(raw)
		if err == nil {
			f, err = filter.Compile(expr, rt, filter.Options{DateFormat: c.s.dateFormat, Location: c.s.loc})
		}
		if err != nil {
			var fe *filter.Error
			if errors.As(err, &fe) {
				return nil, NewError(fe.Code, fe.Detail).atQueryParam("q")
			}
			return nil, err
		}
	}
	query := store.Query{Type: rt.Name, Limit: limit, Offset: offset}
	if f != nil {
		query.Where, query.Args = f.SQL(column(rt))
	}
	page, total, err := c.s.st.Page(c.ctx, query)
	if err != nil {
		return nil, err
	}
	hasMore := offset+len(page) < total

	items := make([]object, len(page))
	for i, id := range page {
		items[i] = object{{"links", selfLinks(c.recordURL(rt.Name, id))}, {"id", store.FormatID(id)}}
	}
	href := func(off int) string {
		v := url.Values{}
		v.Set("limit", strconv.Itoa(limit))
		v.Set("offset", strconv.Itoa(off))
		if raw := q.Get("q"); raw != "" {
			v.Set("q", raw)
		}
		return c.base + apiPrefix + "/" + rt.Name + "?" + v.Encode()
	}
	links := pageLinks(href, limit, offset, total, hasMore)
	body := object{
		{"links", links},
		{"count", len(page)},
		{"hasMore", hasMore},
		{"items", items},
		{"offset", offset},
		{"totalResults", total},
	}
	return collection(body), nil
}

// pageLinks returns a collection page's links; href gives the URL of the
// page at an offset.
//
// Links: Oracle's first page of three results by two carries next, last and
// self, in that order; "the page after has prev and first"
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156414087576.html).
//
// Assumption: the order next, prev, first, last, self; next and last appear
// while there are more results, prev and first past the first page, self
// always.
//
// Links never lead past the last page a collection can return (maxOffset):
// past it, a collection that has more has neither next nor last.
func pageLinks(href func(offset int) string, limit, offset, total int, hasMore bool) []object {
	var links []object
	reachable := offset+limit <= maxOffset(limit)
	if hasMore && reachable {
		links = append(links, link("next", href(offset+limit)))
	}
	if offset > 0 {
		links = append(links, link("prev", href(max(offset-limit, 0))))
		links = append(links, link("first", href(0)))
	}
	if hasMore && reachable {
		links = append(links, link("last", href(min((total-1)/limit*limit, maxOffset(limit)))))
	}
	return append(links, link("self", href(offset)))
}

// pageParams reads limit and offset.
//
// Assumption: limit must be an integer from 1 to 1000 and offset an integer
// from 0 to maxOffset(limit) that is a multiple of limit; anything else is
// 400 INVALID_PARAMETER naming the parameter, in the emulator's own words.
func pageParams(q url.Values) (limit, offset int, err *Error) {
	limit, offset = defaultLimit, 0
	if raw, ok := first(q, "limit"); ok {
		n, e := strconv.Atoi(strings.TrimSpace(raw))
		if e != nil || n < 1 || n > maxLimit {
			return 0, 0, errParam("limit", fmt.Sprintf("Invalid value %q for the query parameter limit: use a whole number from 1 to %d.", raw, maxLimit))
		}
		limit = n
	}
	if raw, ok := first(q, "offset"); ok {
		n, e := strconv.Atoi(strings.TrimSpace(raw))
		if e != nil || n < 0 {
			return 0, 0, errParam("offset", fmt.Sprintf("Invalid value %q for the query parameter offset: use a whole number from 0.", raw))
		}
		offset = n
	}
	if offset%limit != 0 {
		return 0, 0, errParam("offset", fmt.Sprintf("The offset %d is not divisible by the limit %d. The offset must be a multiple of the limit.", offset, limit))
	}
	if offset > maxOffset(limit) {
		return 0, 0, errParam("offset", fmt.Sprintf("The offset %d is beyond the last page: at most %d pages of results can be returned, so with the limit %d the offset is at most %d.", offset, maxPages, limit, maxOffset(limit)))
	}
	return limit, offset, nil
}

func first(q url.Values, name string) (string, bool) {
	v, ok := q[name]
	if !ok || len(v) == 0 {
		return "", false
	}
	return v[0], true
}

// column maps a filterable body field of rt to the SQL that reads its stored
// value (filter.Filter.SQL): the internal and external IDs and the system
// dates are columns of the store, which holds the same values as the body
// (store.Timestamp is the body's form of a datetime); everything else is read
// from the body.
func column(rt *catalog.RecordType) func(string) string {
	return func(name string) string {
		switch name {
		case "id":
			return store.ColumnID
		case "externalId":
			return store.ColumnExternalID
		case rt.Profile.Created:
			return store.ColumnDateCreated
		case rt.Profile.LastModified:
			return store.ColumnLastModified
		}
		return store.Body(name)
	}
}
