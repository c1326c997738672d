package records

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/nsconnect/nsconnect/emulator/internal/store"
)

// page is a collection page, decoded.
type page struct {
	Links []struct {
		Rel  string `json:"rel"`
		Href string `json:"href"`
	} `json:"links"`
	Count   int  `json:"count"`
	HasMore bool `json:"hasMore"`
	Items   []struct {
		ID string `json:"id"`
	} `json:"items"`
	Offset       int `json:"offset"`
	TotalResults int `json:"totalResults"`
}

func (e *env) page(path, query string) page {
	e.t.Helper()
	resp := e.ok(req{path: path, query: query})
	var p page
	if err := json.Unmarshal(resp.Body, &p); err != nil {
		e.t.Fatalf("%s?%s: %v", path, query, err)
	}
	return p
}

func (p page) ids() string {
	var s []string
	for _, it := range p.Items {
		s = append(s, it.ID)
	}
	return strings.Join(s, ",")
}

func (p page) links() string {
	var s []string
	for _, l := range p.Links {
		u, _ := url.Parse(l.Href)
		s = append(s, l.Rel+"="+u.Query().Get("offset"))
	}
	return strings.Join(s, " ")
}

// TestCollectionPageBytes pins one whole page, byte for byte: Oracle's first
// page of three results by two
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156414087576.html).
func TestCollectionPageBytes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for i := range 3 {
		e.create("department", fmt.Sprintf(`{"name":"D%d"}`, i))
	}
	want := `{"links":[` +
		`{"rel":"next","href":"` + api + `/department?limit=2&offset=2"},` +
		`{"rel":"last","href":"` + api + `/department?limit=2&offset=2"},` +
		`{"rel":"self","href":"` + api + `/department?limit=2&offset=0"}],` +
		`"count":2,"hasMore":true,"items":[` +
		`{"links":[{"rel":"self","href":"` + api + `/department/1"}],"id":"1"},` +
		`{"links":[{"rel":"self","href":"` + api + `/department/2"}],"id":"2"}],` +
		`"offset":0,"totalResults":3}`
	resp := e.ok(req{path: "department", query: "limit=2"})
	if diff := cmp.Diff(want, string(resp.Body)); diff != "" {
		t.Errorf("page (-want +got):\n%s", diff)
	}
	want = `{"links":[` +
		`{"rel":"prev","href":"` + api + `/department?limit=2&offset=0"},` +
		`{"rel":"first","href":"` + api + `/department?limit=2&offset=0"},` +
		`{"rel":"self","href":"` + api + `/department?limit=2&offset=2"}],` +
		`"count":1,"hasMore":false,"items":[` +
		`{"links":[{"rel":"self","href":"` + api + `/department/3"}],"id":"3"}],` +
		`"offset":2,"totalResults":3}`
	resp = e.ok(req{path: "Department", query: "limit=2&offset=2"})
	if diff := cmp.Diff(want, string(resp.Body)); diff != "" {
		t.Errorf("last page (-want +got):\n%s", diff)
	}
	// No parameters: limit 1000, offset 0, self only.
	want = `{"links":[{"rel":"self","href":"` + api + `/department?limit=1000&offset=0"}],"count":3,"hasMore":false,"items":[` +
		`{"links":[{"rel":"self","href":"` + api + `/department/1"}],"id":"1"},` +
		`{"links":[{"rel":"self","href":"` + api + `/department/2"}],"id":"2"},` +
		`{"links":[{"rel":"self","href":"` + api + `/department/3"}],"id":"3"}],"offset":0,"totalResults":3}`
	resp = e.ok(req{path: "department"})
	if diff := cmp.Diff(want, string(resp.Body)); diff != "" {
		t.Errorf("default page (-want +got):\n%s", diff)
	}
}

// TestPaging checks limit/offset arithmetic on first, middle, last and empty
// pages, and the refused parameters.
func TestPaging(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for i := range 7 {
		e.create("department", fmt.Sprintf(`{"name":"D%d"}`, i))
	}
	e.ok(req{method: "DELETE", path: "department/4"}) // IDs 1-3, 5-7
	tests := []struct {
		query             string
		ids, links        string
		count, total, off int
		hasMore           bool
	}{
		{"limit=2", "1,2", "next=2 last=4 self=0", 2, 6, 0, true},
		{"limit=2&offset=2", "3,5", "next=4 prev=0 first=0 last=4 self=2", 2, 6, 2, true},
		{"limit=2&offset=4", "6,7", "prev=2 first=0 self=4", 2, 6, 4, false},
		{"limit=2&offset=6", "", "prev=4 first=0 self=6", 0, 6, 6, false},
		{"limit=4", "1,2,3,5", "next=4 last=4 self=0", 4, 6, 0, true},
		{"limit=4&offset=4", "6,7", "prev=0 first=0 self=4", 2, 6, 4, false},
		{"limit=1000", "1,2,3,5,6,7", "self=0", 6, 6, 0, false},
		{"limit=1&offset=5", "7", "prev=4 first=0 self=5", 1, 6, 5, false},
	}
	for _, tt := range tests {
		p := e.page("department", tt.query)
		if p.ids() != tt.ids || p.links() != tt.links || p.Count != tt.count || p.TotalResults != tt.total || p.Offset != tt.off || p.HasMore != tt.hasMore {
			t.Errorf("%s: ids %q links %q count %d total %d offset %d hasMore %v; want %q %q %d %d %d %v",
				tt.query, p.ids(), p.links(), p.Count, p.TotalResults, p.Offset, p.HasMore,
				tt.ids, tt.links, tt.count, tt.total, tt.off, tt.hasMore)
		}
	}
	bad := []struct {
		query, param, detail string
	}{
		{"limit=0", "limit", `Invalid value "0" for the query parameter limit: use a whole number from 1 to 1000.`},
		{"limit=1001", "limit", `Invalid value "1001" for the query parameter limit: use a whole number from 1 to 1000.`},
		{"limit=abc", "limit", `Invalid value "abc" for the query parameter limit: use a whole number from 1 to 1000.`},
		{"offset=-2", "offset", `Invalid value "-2" for the query parameter offset: use a whole number from 0.`},
		{"limit=2&offset=3", "offset", "The offset 3 is not divisible by the limit 2. The offset must be a multiple of the limit."},
		{"offset=500", "offset", "The offset 500 is not divisible by the limit 1000. The offset must be a multiple of the limit."},
	}
	for _, b := range bad {
		errDiff(t, e.fail(req{path: "department", query: b.query}), Error{Status: 400, Code: "INVALID_PARAMETER", Detail: b.detail, QueryParam: b.param})
	}
}

// TestQ filters with dates in America/Los_Angeles: a date literal is a whole
// day in the account's zone (airbytehq/airbyte source_netsuite/constraints.py).
func TestQ(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.create("subsidiary", `{"name":"S"}`)
	// 2026-03-15 in Los Angeles (PDT, UTC-7) runs from 07:00Z to 07:00Z the next day.
	instants := []string{"2026-03-15T06:59:59Z", "2026-03-15T07:00:00Z", "2026-03-16T06:59:59Z", "2026-03-16T07:00:00Z"}
	for i, ts := range instants {
		at, _ := time.Parse(time.RFC3339, ts)
		e.clock.Set(at)
		e.create("customer", fmt.Sprintf(`{"companyName":"C%d","subsidiary":"1","email":"c%d@example.com","creditLimit":%d,"isInactive":%v}`, i+1, i+1, (i+1)*100, i%2 == 0))
	}
	tests := []struct{ q, ids string }{
		{`dateCreated ON "3/15/2026"`, "2,3"},
		{`dateCreated BEFORE "3/15/2026"`, "1"},
		{`dateCreated AFTER "3/15/2026"`, "4"},
		{`dateCreated ON_OR_AFTER "3/15/2026" AND dateCreated BEFORE "3/16/2026"`, "2,3"},
		{`lastModifiedDate ON_OR_BEFORE "3/14/2026"`, "1"},
		{`email START_WITH c3`, "3"},
		{`companyname IS "C2" OR creditLimit GREATER_OR_EQUAL 400`, "2,4"},
		{`isinactive IS true`, "1,3"},
		{`id BETWEEN_NOT [2, 3]`, "1,4"},
		{`subsidiary ANY_OF [1]`, "1,2,3,4"},
	}
	for _, tt := range tests {
		p := e.page("customer", "q="+url.QueryEscape(tt.q))
		if p.ids() != tt.ids {
			t.Errorf("q=%s: ids %q, want %q", tt.q, p.ids(), tt.ids)
		}
	}
	// Links carry q.
	p := e.page("customer", "limit=1&q="+url.QueryEscape(`dateCreated ON "3/15/2026"`))
	want := api + "/customer?limit=1&offset=1&q=dateCreated+ON+%223%2F15%2F2026%22"
	if p.Links[0].Rel != "next" || p.Links[0].Href != want {
		t.Errorf("next link %+v, want %s", p.Links[0], want)
	}
	// Date fields (no zone) on transactions.
	e.create("inventoryItem", `{"itemId":"I"}`)
	for _, d := range []string{"2026-03-14", "2026-03-15"} {
		e.create("salesOrder", `{"entity":"2","tranDate":"`+d+`","item":{"items":[{"item":"1","amount":1}]}}`)
	}
	if got := e.page("salesOrder", "q="+url.QueryEscape(`tranDate ON "3/15/2026"`)).ids(); got != "2" {
		t.Errorf("tranDate ON: %q", got)
	}
	// Filter errors carry the filter's code and detail, at o:errorQueryParam q.
	errDiff(t, e.fail(req{path: "customer", query: "q=" + url.QueryEscape(`dateCreated ON "2026-03-15"`)}),
		Error{Status: 400, Code: "INVALID_PARAMETER", Detail: `Unparseable date: "2026-03-15"`, QueryParam: "q"})
	re := e.fail(req{path: "customer", query: "q=" + url.QueryEscape(`nosuchfield IS x`)})
	if re.Status != 400 || re.Code != "NONEXISTENT_FIELD" || re.QueryParam != "q" || re.Detail == "" {
		t.Errorf("unknown field: %+v", re)
	}
	re = e.fail(req{path: "customer", query: "q=" + url.QueryEscape(`email START_WITH`)})
	if re.Code != "INVALID_PARAMETER" || re.QueryParam != "q" {
		t.Errorf("syntax error: %+v", re)
	}
}

// TestPagingBound: NetSuite returns at most 1000 pages
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156414087576.html), so an
// offset past page 1000 is refused and no link leads past it; every offset and link is a small
// whole number.
func TestPagingBound(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := t.Context()
	rt, _ := e.s.cat.Type("department")
	now := time.Date(2026, 3, 15, 17, 30, 0, 0, time.UTC)
	err := e.st.Batch(ctx, func(b *store.Store) error {
		for i := range 1002 {
			if _, err := b.Create(ctx, string(rt.Family()), rt.Name, 0, "", map[string]any{"name": fmt.Sprint("D", i)}, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		query, links string
		hasMore      bool
	}{
		{"limit=1&offset=998", "next=999 prev=997 first=0 last=999 self=998", true},
		{"limit=1&offset=999", "prev=998 first=0 self=999", true}, // the last page a collection returns
		{"limit=1", "next=1 last=999 self=0", true},               // last is the last page returned, not the last record
		{"limit=2&offset=996", "next=998 prev=994 first=0 last=1000 self=996", true},
		{"limit=1000&offset=1000", "prev=0 first=0 self=1000", false},
		{"limit=1000&offset=999000", "prev=998000 first=0 self=999000", false},
	} {
		p := e.page("department", tt.query)
		if p.links() != tt.links || p.HasMore != tt.hasMore || p.TotalResults != 1002 {
			t.Errorf("%s: links %q hasMore %v total %d; want %q %v 1002", tt.query, p.links(), p.HasMore, p.TotalResults, tt.links, tt.hasMore)
		}
	}
	for _, b := range []struct{ query, detail string }{
		{"limit=1&offset=1000", "The offset 1000 is beyond the last page: at most 1000 pages of results can be returned, so with the limit 1 the offset is at most 999."},
		{"limit=1&offset=9223372036854775807", "The offset 9223372036854775807 is beyond the last page: at most 1000 pages of results can be returned, so with the limit 1 the offset is at most 999."},
		{"offset=1000000", "The offset 1000000 is beyond the last page: at most 1000 pages of results can be returned, so with the limit 1000 the offset is at most 999000."},
		{"limit=1&offset=99999999999999999999", `Invalid value "99999999999999999999" for the query parameter offset: use a whole number from 0.`},
	} {
		errDiff(t, e.fail(req{path: "department", query: b.query}), Error{Status: 400, Code: "INVALID_PARAMETER", Detail: b.detail, QueryParam: "offset"})
	}
}
