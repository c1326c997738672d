package netsuite

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/nsconnect/nsconnect/netsuite/readonly"
)

const recordsPath = "/services/rest/record/v1/"

// testQuery checks the whole query string of r, decoded.
func testQuery(t *testing.T, r *http.Request, want url.Values) {
	t.Helper()
	got := r.URL.Query()
	if len(want) == 0 && len(got) == 0 {
		return
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("query %s (-want +got):\n%s", r.URL.RawQuery, diff)
	}
}

// testJSONBody checks that the body of r is the JSON want, ignoring
// formatting and key order.
func testJSONBody(t *testing.T, r *http.Request, want string) {
	t.Helper()
	data, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatalf("reading the request body: %v", err)
	}
	var got, w any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("request body %s: %v", data, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("want %s: %v", want, err)
	}
	if diff := cmp.Diff(w, got); diff != "" {
		t.Errorf("request body %s (-want +got):\n%s", data, diff)
	}
}

// written answers a write as NetSuite does: 204 with the record's URL.
func written(w http.ResponseWriter, serverURL, recordType, id string) {
	w.Header().Set("Location", serverURL+baseURLPath+recordsPath+recordType+"/"+id)
	w.WriteHeader(http.StatusNoContent)
}

// writeJSON answers with a JSON body, labelled as NetSuite labels records.
func writeJSON(w http.ResponseWriter, format string, args ...any) {
	w.Header().Set("Content-Type", "application/vnd.oracle.resource+json; type=singular")
	fmt.Fprintf(w, format, args...)
}

// countRequests counts every request the server receives.
func countRequests(mux *http.ServeMux) *atomic.Int32 {
	var n atomic.Int32
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		http.Error(w, "unexpected", http.StatusTeapot)
	})
	return &n
}

func TestRecordsGet(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	mux.HandleFunc(recordsPath+"customer/107", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "GET")
		testQuery(t, r, url.Values{
			"fields":             {"companyName,email,lastModifiedDate"},
			"expandSubResources": {"true"},
			"simpleEnumFormat":   {"true"},
		})
		w.Header().Set("Content-Type", "application/vnd.oracle.resource+json; type=singular")
		fmt.Fprint(w, `{"links":[{"rel":"self","href":"https://x/customer/107"}],"id":"107","companyName":"Acme","lastModifiedDate":"2026-03-15T17:30:00Z","creditLimit":25000}`)
	})
	rec, resp, err := client.Records.Get(t.Context(), "customer", "107", &GetOptions{
		Fields:             []string{"companyName", "email", "lastModifiedDate"},
		ExpandSubResources: true,
		SimpleEnumFormat:   true,
	})
	if err != nil {
		t.Fatal(err)
	}
	want := Record{
		"links":            []any{map[string]any{"rel": "self", "href": "https://x/customer/107"}},
		"id":               "107",
		"companyName":      "Acme",
		"lastModifiedDate": "2026-03-15T17:30:00Z",
		"creditLimit":      float64(25000),
	}
	if diff := cmp.Diff(want, rec); diff != "" {
		t.Errorf("record (-want +got):\n%s", diff)
	}
	if resp.StatusCode != 200 || rec.ID() != "107" {
		t.Errorf("status %d, ID %q", resp.StatusCode, rec.ID())
	}
}

func TestRecordsGetNoOptions(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	mux.HandleFunc(recordsPath+"customrecord_note/5", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "GET")
		if r.URL.RawQuery != "" {
			t.Errorf("query %q, want none", r.URL.RawQuery)
		}
		writeJSON(w, `{"id":"5","name":"n"}`)
	})
	for _, opts := range []*GetOptions{nil, {}} {
		rec, _, err := client.Records.Get(t.Context(), "customrecord_note", "5", opts)
		if err != nil {
			t.Fatal(err)
		}
		if rec["name"] != "n" {
			t.Errorf("record %v", rec)
		}
	}
}

// External IDs go in the path as eid:<id>, percent-encoded where the path
// needs it, whether the caller encoded them (ExternalID) or not.
func TestRecordsExternalIDPath(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	var paths []string
	mux.HandleFunc(recordsPath+"customer/", func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.EscapedPath())
		writeJSON(w, `{"id":"1"}`)
	})
	for _, id := range []string{"eid:CUST-0001", ExternalID("CUST-0001"), ExternalID("A/B C"), "eid:A/B C", "eid:A%2FB%20C", "eid:50%off"} {
		if _, _, err := client.Records.Get(t.Context(), "customer", id, nil); err != nil {
			t.Fatalf("%s: %v", id, err)
		}
	}
	want := []string{
		recordsPath + "customer/eid:CUST-0001",
		recordsPath + "customer/eid:CUST-0001",
		recordsPath + "customer/eid:A%2FB%20C",
		recordsPath + "customer/eid:A%2FB%20C",
		recordsPath + "customer/eid:A%2FB%20C",
		recordsPath + "customer/eid:50%25off",
	}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
}

func TestExternalID(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"CUST-0001": "eid:CUST-0001",
		"a_b-9":     "eid:a_b-9",
		"A/B C":     "eid:A%2FB%20C",
		"x?y#z":     "eid:x%3Fy%23z",
		"100%":      "eid:100%25",
	} {
		if got := ExternalID(in); got != want {
			t.Errorf("ExternalID(%q) = %q, want %q", in, got, want)
		}
	}
}

// A bad record type or ID is refused before any request is sent, with an
// error that names it and the accepted forms.
func TestRecordsRefuseBadTypeAndID(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	n := countRequests(mux)
	ctx := t.Context()
	rs := client.Records
	body := Record{"companyName": "x"}
	badIDs := []string{"", "abc", "12a", " 12", "-1", "1.5", "eid:", "eid: ", "EID:X", "ext:X"}
	type call struct {
		name string
		do   func() error
	}
	var calls []call
	for _, id := range badIDs {
		calls = append(calls,
			call{"Get " + id, func() error { _, _, err := rs.Get(ctx, "customer", id, nil); return err }},
			call{"Update " + id, func() error { _, _, err := rs.Update(ctx, "customer", id, body, nil); return err }},
			call{"Delete " + id, func() error { _, err := rs.Delete(ctx, "customer", id); return err }},
		)
	}
	for _, id := range badIDs {
		_, _, err := rs.Get(ctx, "customer", id, nil)
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("%q", id)) || !strings.Contains(err.Error(), "internal ID") || !strings.Contains(err.Error(), "eid:") {
			t.Errorf("Get(%q): error %v; want one naming the ID and the two forms", id, err)
		}
	}
	for _, typ := range []string{"", "sales order", "customer/1", "../x", "cust-omer", "ñ"} {
		calls = append(calls,
			call{"Get type " + typ, func() error { _, _, err := rs.Get(ctx, typ, "1", nil); return err }},
			call{"List type " + typ, func() error { _, _, err := rs.List(ctx, typ, nil); return err }},
			call{"Create type " + typ, func() error { _, _, err := rs.Create(ctx, typ, body, nil); return err }},
			call{"Update type " + typ, func() error { _, _, err := rs.Update(ctx, typ, "1", body, nil); return err }},
			call{"Upsert type " + typ, func() error { _, _, err := rs.Upsert(ctx, typ, "X", body, nil); return err }},
			call{"Delete type " + typ, func() error { _, err := rs.Delete(ctx, typ, "1"); return err }},
			call{"Schema type " + typ, func() error { _, _, err := client.Metadata.Schema(ctx, typ); return err }},
		)
	}
	calls = append(calls,
		call{"Upsert empty", func() error { _, _, err := rs.Upsert(ctx, "customer", "", body, nil); return err }},
		call{"Upsert eid: only", func() error { _, _, err := rs.Upsert(ctx, "customer", "eid:", body, nil); return err }},
		call{"Get bad field", func() error {
			_, _, err := rs.Get(ctx, "customer", "1", &GetOptions{Fields: []string{"company name"}})
			return err
		}},
		call{"List limit", func() error { _, _, err := rs.List(ctx, "customer", &ListOptions{Limit: 1001}); return err }},
		call{"List negative limit", func() error { _, _, err := rs.List(ctx, "customer", &ListOptions{Limit: -1}); return err }},
		call{"List offset", func() error { _, _, err := rs.List(ctx, "customer", &ListOptions{Limit: 100, Offset: 150}); return err }},
		call{"List offset default limit", func() error { _, _, err := rs.List(ctx, "customer", &ListOptions{Offset: 100}); return err }},
		call{"List negative offset", func() error { _, _, err := rs.List(ctx, "customer", &ListOptions{Limit: 10, Offset: -10}); return err }},
		call{"Metadata select", func() error {
			_, _, err := client.Metadata.List(ctx, &MetadataOptions{Select: []string{"customer", " salesOrder"}})
			return err
		}},
		call{"ListIter offset", func() error {
			for _, err := range rs.ListIter(ctx, "customer", &ListOptions{Limit: 100, Offset: 50}) {
				return err
			}
			return nil
		}},
	)
	for _, c := range calls {
		err := c.do()
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if !strings.HasPrefix(err.Error(), "netsuite: ") {
			t.Errorf("%s: error %q lacks the package prefix", c.name, err)
		}
		var apiErr *Error
		if errors.As(err, &apiErr) {
			t.Errorf("%s: error from the server: %v", c.name, err)
		}
	}
	if got := n.Load(); got != 0 {
		t.Errorf("the server saw %d requests, want none", got)
	}
}

func TestRecordsGetNotFound(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	mux.HandleFunc(recordsPath+"customer/eid:NOPE", func(w http.ResponseWriter, r *http.Request) {
		writeFixture(t, w, http.StatusNotFound, "nonexistent-id.json")
	})
	rec, resp, err := client.Records.Get(t.Context(), "customer", "eid:NOPE", nil)
	if !IsNotFound(err) || !HasCode(err, "NONEXISTENT_ID") {
		t.Fatalf("err = %v, want a 404 NONEXISTENT_ID", err)
	}
	if rec != nil || resp == nil || resp.StatusCode != 404 {
		t.Errorf("record %v, response %v", rec, resp)
	}
}

func TestRecordsList(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	mux.HandleFunc(recordsPath+"customer", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "GET")
		testQuery(t, r, url.Values{"q": {`companyName START_WITH "Acme Co"`}, "limit": {"2"}, "offset": {"4"}})
		// Spaces are %20, as NetSuite's documented clients send them.
		if strings.Contains(r.URL.RawQuery, "+") || !strings.Contains(r.URL.RawQuery, "q=companyName%20START_WITH%20%22Acme%20Co%22") {
			t.Errorf("raw query %q", r.URL.RawQuery)
		}
		w.Header().Set("Content-Type", "application/vnd.oracle.resource+json; type=collection")
		fmt.Fprint(w, collectionPage)
	})
	items, resp, err := client.Records.List(t.Context(), "customer", &ListOptions{Q: `companyName START_WITH "Acme Co"`, Limit: 2, Offset: 4})
	if err != nil {
		t.Fatal(err)
	}
	want := []ListItem{
		{ID: "107", Links: []Link{{Rel: "self", Href: "https://demo123.suitetalk.api.netsuite.com/services/rest/record/v1/customer/107"}}},
		{ID: "41", Links: []Link{{Rel: "self", Href: "https://demo123.suitetalk.api.netsuite.com/services/rest/record/v1/customer/41"}}},
	}
	if diff := cmp.Diff(want, items); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	if !resp.HasMore || resp.TotalResults != 3 || resp.NextOffset != 2 {
		t.Errorf("paging %+v", resp)
	}
}

func TestRecordsListNoOptions(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	mux.HandleFunc(recordsPath+"customer", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RawQuery != "" {
			t.Errorf("query %q, want none", r.URL.RawQuery)
		}
		writeJSON(w, `{"links":[],"count":0,"hasMore":false,"items":[],"offset":0,"totalResults":0}`)
	})
	items, _, err := client.Records.List(t.Context(), "customer", nil)
	if err != nil || len(items) != 0 {
		t.Fatalf("items %v, err %v", items, err)
	}
}

// listServer serves ids in pages as NetSuite does, and records the offsets
// asked for; the function it returns gives a copy of them.
func listServer(t *testing.T, mux *http.ServeMux, ids []string) func() []string {
	var mu sync.Mutex
	var asked []string
	mux.HandleFunc(recordsPath+"customer", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "GET")
		q := r.URL.Query()
		mu.Lock()
		asked = append(asked, q.Get("limit")+"@"+q.Get("offset"))
		mu.Unlock()
		if q.Get("q") != "isInactive IS false" {
			t.Errorf("q = %q", q.Get("q"))
		}
		limit, offset := 1000, 0
		fmt.Sscan(q.Get("limit"), &limit)
		fmt.Sscan(q.Get("offset"), &offset)
		if offset%limit != 0 {
			t.Errorf("offset %d is not a multiple of limit %d", offset, limit)
		}
		end := min(offset+limit, len(ids))
		var items []string
		for _, id := range ids[min(offset, len(ids)):end] {
			items = append(items, fmt.Sprintf(`{"links":[],"id":%q}`, id))
		}
		hasMore := end < len(ids)
		links := `{"rel":"self","href":"https://x/customer"}`
		if hasMore {
			links = fmt.Sprintf(`{"rel":"next","href":"https://x/customer?limit=%d&offset=%d"},`, limit, offset+limit) + links
		}
		writeJSON(w, `{"links":[%s],"count":%d,"hasMore":%v,"items":[%s],"offset":%d,"totalResults":%d}`,
			links, len(items), hasMore, strings.Join(items, ","), offset, len(ids))
	})
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(asked)
	}
}

func TestRecordsListIter(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	asked := listServer(t, mux, []string{"1", "2", "3", "4", "5"})
	opts := &ListOptions{Q: "isInactive IS false", Limit: 2}
	var got []string
	for it, err := range client.Records.ListIter(t.Context(), "customer", opts) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, it.ID)
	}
	if diff := cmp.Diff([]string{"1", "2", "3", "4", "5"}, got); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	// The first page alone, then the others in parallel, in any order.
	pages := asked()
	if len(pages) > 0 {
		slices.Sort(pages[1:])
	}
	if diff := cmp.Diff([]string{"2@", "2@2", "2@4"}, pages); diff != "" {
		t.Errorf("pages asked for, limit@offset (-want +got):\n%s", diff)
	}
	if opts.Q != "isInactive IS false" || opts.Limit != 2 || opts.Offset != 0 || opts.Page != nil {
		t.Errorf("the caller's options changed: %+v", opts)
	}
}

func TestRecordsListIterDefaultLimitAndOffset(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	ids := make([]string, 2500)
	for i := range ids {
		ids[i] = fmt.Sprint(i + 1)
	}
	asked := listServer(t, mux, ids)
	n := 0
	for _, err := range client.Records.ListIter(t.Context(), "customer", &ListOptions{Q: "isInactive IS false", Offset: 1000}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 1500 {
		t.Errorf("%d items, want 1500", n)
	}
	pages := asked()
	slices.Sort(pages[1:])
	if diff := cmp.Diff([]string{"1000@1000", "1000@2000"}, pages); diff != "" {
		t.Errorf("pages asked for, limit@offset (-want +got):\n%s", diff)
	}
}

func TestRecordsListIterStopsEarly(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	ids := make([]string, 100)
	for i := range ids {
		ids[i] = fmt.Sprint(i + 1)
	}
	asked := listServer(t, mux, ids)
	var got []string
	for it, err := range client.Records.ListIter(t.Context(), "customer", &ListOptions{Q: "isInactive IS false", Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, it.ID)
		if len(got) == 3 {
			break
		}
	}
	if diff := cmp.Diff([]string{"1", "2", "3"}, got); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	// The first page, then at most a window of pages read ahead (the
	// concurrency limit, plus the page being read), of the 50.
	if n, most := len(asked()), 1+client.Concurrency()+1; n < 2 || n > most {
		t.Errorf("%d pages asked for (%v), want 2 to %d", n, asked(), most)
	}
}

func TestRecordsListIterError(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	mux.HandleFunc(recordsPath+"customer", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("offset") == "2" {
			w.Header().Set("Content-Type", "application/vnd.oracle.resource+json; type=error")
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"type":"x","title":"Bad Request","status":400,"o:errorDetails":[{"detail":"Invalid value","o:errorCode":"INVALID_PARAMETER","o:errorQueryParam":"q"}]}`)
			return
		}
		writeJSON(w, `{"links":[],"count":2,"hasMore":true,"items":[{"id":"1"},{"id":"2"}],"offset":0,"totalResults":9}`)
	})
	var ids []string
	var errs []error
	for it, err := range client.Records.ListIter(t.Context(), "customer", &ListOptions{Limit: 2}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids = append(ids, it.ID)
	}
	if len(ids) != 2 || len(errs) != 1 || !HasCode(errs[0], "INVALID_PARAMETER") {
		t.Errorf("ids %v, errors %v", ids, errs)
	}
}

func TestRecordsCreate(t *testing.T) {
	t.Parallel()
	client, mux, serverURL := setup(t)
	mux.HandleFunc(recordsPath+"salesOrder", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "POST")
		testHeader(t, r, "Content-Type", "application/json")
		testHeader(t, r, headerNameValidation, "")
		// Mode does not apply to a create: no replace, line keys kept.
		if r.URL.RawQuery != "" {
			t.Errorf("query %q, want none", r.URL.RawQuery)
		}
		testJSONBody(t, r, `{"entity":{"id":"21"},"memo":null,"item":{"items":[{"line":1,"item":{"id":"7"},"quantity":2.5}]}}`)
		written(w, serverURL, "salesOrder", "647")
	})
	body := Record{
		"entity": map[string]any{"id": "21"},
		"memo":   nil,
		"item":   map[string]any{"items": []map[string]any{{"line": 1, "item": Record{"id": "7"}, "quantity": 2.5}}},
	}
	res, resp, err := client.Records.Create(t.Context(), "salesOrder", body, &WriteOptions{Mode: ModeAppend})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&WriteResult{ID: "647"}, res); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
	if resp.StatusCode != 204 {
		t.Errorf("status %d", resp.StatusCode)
	}
	_, _, err = client.Records.Create(t.Context(), "salesOrder", body, &WriteOptions{Mode: ModeReplace, Replace: []string{"item"}})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRecordsCreateNilBody(t *testing.T) {
	t.Parallel()
	client, mux, serverURL := setup(t)
	mux.HandleFunc(recordsPath+"customrecord_x", func(w http.ResponseWriter, r *http.Request) {
		testBody(t, r, `{}`)
		written(w, serverURL, "customrecord_x", "3")
	})
	res, _, err := client.Records.Create(t.Context(), "customrecord_x", nil, nil)
	if err != nil || res.ID != "3" {
		t.Fatalf("result %+v, err %v", res, err)
	}
}

// salesOrderBody is a body with a sublist (item), a keyed sublist
// (addressBook-like salesTeam with id keys), a multi-select (a bare
// reference collection), a subrecord and a null.
func salesOrderBody() Record {
	return Record{
		"memo":        "rush",
		"shipDate":    nil,
		"entity":      map[string]any{"id": "21", "refName": "Cascade Growers"},
		"custbody_ms": map[string]any{"items": []any{map[string]any{"id": "3"}, map[string]any{"id": "4", "refName": "Four"}}},
		"item": map[string]any{"items": []any{
			map[string]any{"line": 1, "item": map[string]any{"id": "7"}, "quantity": 3},
			map[string]any{"item": map[string]any{"id": "9"}, "quantity": 1},
		}},
		"salesTeam":       map[string]any{"items": []any{map[string]any{"id": 2, "contribution": 100}}},
		"shippingAddress": map[string]any{"addr1": "1 Main St", "id": "77"},
	}
}

func TestRecordsUpdateModes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		opts      *WriteOptions
		body      Record
		wantQuery url.Values
		wantBody  string
	}{{
		name: "nil options overwrite", opts: nil, body: salesOrderBody(),
		wantBody: `{"memo":"rush","shipDate":null,"entity":{"id":"21","refName":"Cascade Growers"},
			"custbody_ms":{"items":[{"id":"3"},{"id":"4","refName":"Four"}]},
			"item":{"items":[{"line":1,"item":{"id":"7"},"quantity":3},{"item":{"id":"9"},"quantity":1}]},
			"salesTeam":{"items":[{"id":2,"contribution":100}]},
			"shippingAddress":{"addr1":"1 Main St","id":"77"}}`,
	}, {
		name: "overwrite", opts: &WriteOptions{Mode: ModeOverwrite}, body: salesOrderBody(),
		wantBody: `{"memo":"rush","shipDate":null,"entity":{"id":"21","refName":"Cascade Growers"},
			"custbody_ms":{"items":[{"id":"3"},{"id":"4","refName":"Four"}]},
			"item":{"items":[{"line":1,"item":{"id":"7"},"quantity":3},{"item":{"id":"9"},"quantity":1}]},
			"salesTeam":{"items":[{"id":2,"contribution":100}]},
			"shippingAddress":{"addr1":"1 Main St","id":"77"}}`,
	}, {
		// Line keys go from sublist lines only: not from references,
		// multi-select values or subrecords.
		name: "append", opts: &WriteOptions{Mode: ModeAppend}, body: salesOrderBody(),
		wantBody: `{"memo":"rush","shipDate":null,"entity":{"id":"21","refName":"Cascade Growers"},
			"custbody_ms":{"items":[{"id":"3"},{"id":"4","refName":"Four"}]},
			"item":{"items":[{"item":{"id":"7"},"quantity":3},{"item":{"id":"9"},"quantity":1}]},
			"salesTeam":{"items":[{"contribution":100}]},
			"shippingAddress":{"addr1":"1 Main St","id":"77"}}`,
	}, {
		name: "replace the sublists of the body", opts: &WriteOptions{Mode: ModeReplace}, body: salesOrderBody(),
		wantQuery: url.Values{"replace": {"item,salesTeam"}},
		wantBody: `{"memo":"rush","shipDate":null,"entity":{"id":"21","refName":"Cascade Growers"},
			"custbody_ms":{"items":[{"id":"3"},{"id":"4","refName":"Four"}]},
			"item":{"items":[{"line":1,"item":{"id":"7"},"quantity":3},{"item":{"id":"9"},"quantity":1}]},
			"salesTeam":{"items":[{"id":2,"contribution":100}]},
			"shippingAddress":{"addr1":"1 Main St","id":"77"}}`,
	}, {
		name: "replace named sublists", opts: &WriteOptions{Mode: ModeReplace, Replace: []string{"item", "custbody_ms"}},
		body:      Record{"item": map[string]any{"items": []any{map[string]any{"line": 2}}}},
		wantQuery: url.Values{"replace": {"item,custbody_ms"}},
		wantBody:  `{"item":{"items":[{"line":2}]}}`,
	}, {
		name: "replace with no lines", opts: &WriteOptions{Mode: ModeReplace},
		body:      Record{"item": map[string]any{"items": []any{}}, "memo": "x"},
		wantQuery: url.Values{"replace": {"item"}},
		wantBody:  `{"item":{"items":[]},"memo":"x"}`,
	}, {
		// A sublist as a default GET shows it, {"links": [...]}, has no
		// lines to replace with: it is not named.
		name: "replace without sublists", opts: &WriteOptions{Mode: ModeReplace},
		body:     Record{"memo": "x", "item": map[string]any{"links": []any{}}},
		wantBody: `{"memo":"x","item":{"links":[]}}`,
	}, {
		name: "typed Go values", opts: &WriteOptions{Mode: ModeAppend},
		body:     Record{"item": Record{"items": []Record{{"line": 1, "quantity": 2}}}, "when": time.Date(2026, 3, 15, 17, 30, 0, 0, time.UTC)},
		wantBody: `{"item":{"items":[{"quantity":2}]},"when":"2026-03-15T17:30:00Z"}`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, mux, serverURL := setup(t)
			mux.HandleFunc(recordsPath+"salesOrder/12", func(w http.ResponseWriter, r *http.Request) {
				testMethod(t, r, "PATCH")
				testQuery(t, r, tt.wantQuery)
				testJSONBody(t, r, tt.wantBody)
				written(w, serverURL, "salesOrder", "12")
			})
			before := tt.body.Clone()
			res, _, err := client.Records.Update(t.Context(), "salesOrder", "12", tt.body, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if res.ID != "12" || res.Dropped != nil {
				t.Errorf("result %+v", res)
			}
			if diff := cmp.Diff(before, tt.body); diff != "" {
				t.Errorf("the caller's body changed (-before +after):\n%s", diff)
			}
		})
	}
}

// Numbers are sent as they were given, not through float64.
func TestRecordsWriteKeepsNumbers(t *testing.T) {
	t.Parallel()
	client, mux, serverURL := setup(t)
	mux.HandleFunc(recordsPath+"customer/eid:C1", func(w http.ResponseWriter, r *http.Request) {
		testBody(t, r, `{"big":12345678901234567890,"rate":0.1}`)
		written(w, serverURL, "customer", "5")
	})
	_, _, err := client.Records.Update(t.Context(), "customer", "eid:C1", Record{"big": json.Number("12345678901234567890"), "rate": 0.1}, nil)
	if err != nil {
		t.Fatal(err)
	}
}

func TestRecordsUpdateIDFallback(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	mux.HandleFunc(recordsPath+"customer/eid:C1", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent) // no Location
	})
	res, _, err := client.Records.Update(t.Context(), "customer", "eid:C1", Record{"memo": "x"}, nil)
	if err != nil || res.ID != "eid:C1" {
		t.Fatalf("result %+v, err %v", res, err)
	}
}

func TestRecordsUpsert(t *testing.T) {
	t.Parallel()
	client, mux, serverURL := setup(t)
	var paths []string
	mux.HandleFunc(recordsPath+"customer/", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "PUT")
		paths = append(paths, r.URL.EscapedPath()+"?"+r.URL.RawQuery)
		written(w, serverURL, "customer", "88")
	})
	body := Record{"companyName": "Acme", "addressBook": map[string]any{"items": []any{map[string]any{"id": 1, "label": "HQ"}}}}
	for _, ext := range []string{"CUST-9", "eid:CUST-9", "A B"} {
		res, _, err := client.Records.Upsert(t.Context(), "customer", ext, body, &WriteOptions{Mode: ModeReplace})
		if err != nil {
			t.Fatal(err)
		}
		if res.ID != "88" {
			t.Errorf("ID %q", res.ID)
		}
	}
	want := []string{
		recordsPath + "customer/eid:CUST-9?replace=addressBook",
		recordsPath + "customer/eid:CUST-9?replace=addressBook",
		recordsPath + "customer/eid:A%20B?replace=addressBook",
	}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

func TestRecordsUpsertAppend(t *testing.T) {
	t.Parallel()
	client, mux, serverURL := setup(t)
	mux.HandleFunc(recordsPath+"customer/eid:CUST-9", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "PUT")
		testQuery(t, r, nil)
		testJSONBody(t, r, `{"addressBook":{"items":[{"label":"HQ"}]}}`)
		written(w, serverURL, "customer", "88")
	})
	body := Record{"addressBook": map[string]any{"items": []any{map[string]any{"id": 1, "label": "HQ"}}}}
	if _, _, err := client.Records.Upsert(t.Context(), "customer", "CUST-9", body, &WriteOptions{Mode: ModeAppend}); err != nil {
		t.Fatal(err)
	}
}

func TestRecordsDelete(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	mux.HandleFunc(recordsPath+"customer/eid:CUST-9", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "DELETE")
		if r.ContentLength > 0 {
			t.Errorf("DELETE with a body")
		}
		w.WriteHeader(http.StatusNoContent)
	})
	resp, err := client.Records.Delete(t.Context(), "customer", "eid:CUST-9")
	if err != nil || resp.StatusCode != 204 {
		t.Fatalf("response %v, err %v", resp, err)
	}
}

func TestRecordsPropertyNameValidation(t *testing.T) {
	t.Parallel()
	client, mux, serverURL := setup(t)
	var got []string
	mux.HandleFunc(recordsPath+"customer", func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Header.Get(headerNameValidation))
		written(w, serverURL, "customer", "1")
	})
	for _, v := range []string{"", "Ignore", "warning", "ERROR"} {
		if _, _, err := client.Records.Create(t.Context(), "customer", Record{}, &WriteOptions{PropertyNameValidation: v}); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff([]string{"", "Ignore", "Warning", "Error"}, got); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}
}

func TestWriteOptionsRefused(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	n := countRequests(mux)
	for name, opts := range map[string]*WriteOptions{
		"validation":             {PropertyNameValidation: "strict"},
		"replace without mode":   {Replace: []string{"item"}},
		"replace in append mode": {Mode: ModeAppend, Replace: []string{"item"}},
		"bad sublist name":       {Mode: ModeReplace, Replace: []string{"item,expense"}},
		"unknown mode":           {Mode: UpdateMode(7)},
	} {
		_, _, err := client.Records.Update(t.Context(), "salesOrder", "1", Record{}, opts)
		if err == nil || !strings.HasPrefix(err.Error(), "netsuite: ") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
	_, _, err := client.Records.Create(t.Context(), "customer", Record{"c": make(chan int)}, nil)
	if err == nil || !strings.Contains(err.Error(), "JSON") {
		t.Errorf("unencodable body: err = %v", err)
	}
	if n.Load() != 0 {
		t.Errorf("the server saw %d requests", n.Load())
	}
}

// A record read with Get, changed and sent back whole.
const readSalesOrder = `{
  "links": [{"rel": "self", "href": "https://x/salesOrder/1"}],
  "createdDate": "2026-03-01T10:00:00Z",
  "entity": {"links": [{"rel": "self", "href": "https://x/customer/21"}], "id": "21", "refName": "Cascade Growers"},
  "id": "1",
  "item": {"links": [{"rel": "self", "href": "https://x/salesOrder/1/item"}]},
  "lastModifiedDate": "2026-03-01T10:00:00Z",
  "memo": "old",
  "subtotal": 10,
  "total": 10,
  "tranId": "SO1001"
}`

func TestRecordsIgnoreReadOnly(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	client, mux, serverURL := setup(t, WithIgnoreReadOnly(true), WithLogger(logger))
	var bodies []map[string]any
	mux.HandleFunc(recordsPath+"salesOrder/1", func(w http.ResponseWriter, r *http.Request) {
		var b map[string]any
		if err := json.NewDecoder(r.Body).Decode(&b); err != nil {
			t.Error(err)
		}
		bodies = append(bodies, b)
		written(w, serverURL, "salesOrder", "1")
	})
	var rec Record
	if err := json.Unmarshal([]byte(readSalesOrder), &rec); err != nil {
		t.Fatal(err)
	}
	rec["memo"] = "new"
	before := rec.Clone()

	// On by the client's default.
	res, _, err := client.Records.Update(t.Context(), "salesOrder", rec.ID(), rec, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"links", "id", "createdDate", "lastModifiedDate", "total", "subtotal", "entity.refName"} {
		if !contains(res.Dropped, f) {
			t.Errorf("Dropped %v lacks %s", res.Dropped, f)
		}
	}
	sent := bodies[0]
	if sent["memo"] != "new" || sent["tranId"] != "SO1001" {
		t.Errorf("sent %v", sent)
	}
	for _, f := range []string{"links", "id", "createdDate", "total"} {
		if _, ok := sent[f]; ok {
			t.Errorf("sent the read-only field %s: %v", f, sent)
		}
	}
	if e, _ := sent["entity"].(map[string]any); e["id"] != "21" || e["refName"] != nil || e["links"] != nil {
		t.Errorf("sent entity %v, want {id: 21}", sent["entity"])
	}
	if diff := cmp.Diff(before, rec); diff != "" {
		t.Errorf("the caller's record changed (-before +after):\n%s", diff)
	}
	if !strings.Contains(logs.String(), "dropped read-only fields") || !strings.Contains(logs.String(), "total") {
		t.Errorf("log %q", logs.String())
	}

	// Off for this call.
	res, _, err = client.Records.Update(t.Context(), "salesOrder", "1", rec, &WriteOptions{IgnoreReadOnly: Ptr(false)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Dropped != nil || bodies[1]["total"] == nil || bodies[1]["links"] == nil {
		t.Errorf("Dropped %v, sent %v", res.Dropped, bodies[1])
	}
}

func TestRecordsIgnoreReadOnlyPerCall(t *testing.T) {
	t.Parallel()
	client, mux, serverURL := setup(t) // off by default
	var sent []map[string]any
	mux.HandleFunc(recordsPath+"customer", func(w http.ResponseWriter, r *http.Request) {
		var b map[string]any
		json.NewDecoder(r.Body).Decode(&b)
		sent = append(sent, b)
		written(w, serverURL, "customer", "9")
	})
	body := Record{"id": "5", "companyName": "Acme", "balance": 10}
	res, _, err := client.Records.Create(t.Context(), "customer", body, nil)
	if err != nil || res.Dropped != nil || sent[0]["id"] != "5" {
		t.Fatalf("default off: result %+v, sent %v, err %v", res, sent, err)
	}
	res, _, err = client.Records.Create(t.Context(), "customer", body, &WriteOptions{IgnoreReadOnly: Ptr(true)})
	if err != nil {
		t.Fatal(err)
	}
	if !contains(res.Dropped, "id") || !contains(res.Dropped, "balance") || sent[1]["id"] != nil || sent[1]["companyName"] != "Acme" {
		t.Errorf("Dropped %v, sent %v", res.Dropped, sent[1])
	}
}

// A refused write still reports what was dropped.
func TestRecordsWriteErrorKeepsDropped(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t, WithIgnoreReadOnly(true))
	mux.HandleFunc(recordsPath+"customer/1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.oracle.resource+json; type=error")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, `{"type":"x","title":"Bad Request","status":400,"o:errorDetails":[{"detail":"Please enter value(s) for: Primary Subsidiary.","o:errorCode":"USER_ERROR"}]}`)
	})
	res, resp, err := client.Records.Update(t.Context(), "customer", "1", Record{"id": "1", "subsidiary": nil}, nil)
	if !HasCode(err, "USER_ERROR") || resp.StatusCode != 400 {
		t.Fatalf("err %v", err)
	}
	if res == nil || res.ID != "" || !contains(res.Dropped, "id") {
		t.Errorf("result %+v", res)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestUpdateMode(t *testing.T) {
	t.Parallel()
	for m, name := range map[UpdateMode]string{ModeOverwrite: "overwrite", ModeAppend: "append", ModeReplace: "replace", 9: "UpdateMode(9)"} {
		if got := m.String(); got != name {
			t.Errorf("%d.String() = %q, want %q", int(m), got, name)
		}
		got, err := ParseUpdateMode(strings.ToUpper(name))
		if m <= ModeReplace && (err != nil || got != m) {
			t.Errorf("ParseUpdateMode(%q) = %v, %v", name, got, err)
		}
	}
	if _, err := ParseUpdateMode("merge"); err == nil || !strings.Contains(err.Error(), "overwrite, append or replace") {
		t.Errorf("ParseUpdateMode(merge): %v", err)
	}
	var zero WriteOptions
	if zero.Mode != ModeOverwrite {
		t.Error("the zero mode is not ModeOverwrite")
	}
}

func TestRecordHelpers(t *testing.T) {
	t.Parallel()
	var rec Record
	err := json.Unmarshal([]byte(`{
		"id": "19", "externalId": "CUST-0001",
		"dateCreated": "2026-03-15T17:30:00Z", "lastModifiedDate": "2026-03-15T10:30:00.250-07:00",
		"tranDate": "2025-12-01", "bad": "soon", "count": 3,
		"subsidiary": {"links": [], "id": "2", "refName": "Honeycomb US"},
		"status": "B", "line": 4,
		"addressBook": {"links": [], "items": [{"id": 1, "label": "Main"}, {"id": 2, "label": "Second"}], "totalResults": 2},
		"item": {"links": []}
	}`), &rec)
	if err != nil {
		t.Fatal(err)
	}
	if rec.ID() != "19" || rec.ExternalID() != "CUST-0001" {
		t.Errorf("ID %q, ExternalID %q", rec.ID(), rec.ExternalID())
	}
	if got := (Record{"id": float64(7)}).ID(); got != "7" {
		t.Errorf("numeric ID %q", got)
	}
	if rec.RefID("subsidiary") != "2" || rec.RefID("status") != "B" || rec.RefID("line") != "4" || rec.RefID("missing") != "" {
		t.Errorf("RefID: %q %q %q", rec.RefID("subsidiary"), rec.RefID("status"), rec.RefID("line"))
	}
	lines := rec.Lines("addressBook")
	if len(lines) != 2 || lines[1]["label"] != "Second" || rec.Lines("item") != nil || rec.Lines("memo") != nil {
		t.Errorf("Lines: %v", lines)
	}
	if n := len(Record{"item": Record{"items": []Record{{}, {}}}}.Lines("item")); n != 2 {
		t.Errorf("Lines of []Record: %d", n)
	}

	want := time.Date(2026, 3, 15, 17, 30, 0, 0, time.UTC)
	if got, err := rec.Time("dateCreated"); err != nil || !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("Time(dateCreated) = %v, %v", got, err)
	}
	if got, err := rec.Time("lastModifiedDate"); err != nil || !got.Equal(want.Add(250*time.Millisecond)) || got.Location() != time.UTC {
		t.Errorf("Time(lastModifiedDate) = %v, %v", got, err)
	}
	if got, err := rec.Date("tranDate"); err != nil || got != time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC) {
		t.Errorf("Date(tranDate) = %v, %v", got, err)
	}
	for field, wantErr := range map[string]string{
		"tranDate": "Record.Date",
		"bad":      "not a datetime",
		"count":    "float64, not a string",
		"missing":  "no value for field missing",
	} {
		if _, err := rec.Time(field); err == nil || !strings.Contains(err.Error(), wantErr) {
			t.Errorf("Time(%s) error %v, want one with %q", field, err, wantErr)
		}
	}
	if _, err := rec.Date("dateCreated"); err == nil {
		t.Error("Date of a datetime: no error")
	}

	clone := rec.Clone()
	clone.Lines("addressBook")[0]["label"] = "changed"
	clone["subsidiary"].(map[string]any)["id"] = "9"
	if rec.Lines("addressBook")[0]["label"] != "Main" || rec.RefID("subsidiary") != "2" {
		t.Error("Clone shares maps with the original")
	}
	if Record(nil).Clone() != nil {
		t.Error("Clone of nil is not nil")
	}
}

func TestMetadataList(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	mux.HandleFunc(recordsPath+"metadata-catalog", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "GET")
		testQuery(t, r, url.Values{"select": {"customer,salesOrder"}})
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"items":[{"name":"customer","links":[{"rel":"canonical","href":"x","mediaType":"application/json"}]},{"name":"salesOrder","links":[]}],"links":[]}`)
	})
	names, _, err := client.Metadata.List(t.Context(), &MetadataOptions{Select: []string{"customer", "salesOrder"}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"customer", "salesOrder"}, names); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
}

func TestMetadataListAll(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	mux.HandleFunc(recordsPath+"metadata-catalog", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RawQuery != "" {
			t.Errorf("query %q", r.URL.RawQuery)
		}
		writeJSON(w, `{"items":[{"name":"account"}]}`)
	})
	names, _, err := client.Metadata.List(t.Context(), nil)
	if err != nil || len(names) != 1 || names[0] != "account" {
		t.Fatalf("names %v, err %v", names, err)
	}
}

// The JSON Schema example of Oracle's
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545129726.html.
const customerSchema = `{
  "$schema": "https://json-schema.org/draft-06/hyper-schema#",
  "type": "object",
  "properties": {
    "custentity_integer": {"title": "Integer Number", "type": "integer", "format": "int64", "nullable": true, "x-ns-custom-field": true},
    "startDate": {"title": "Start Date", "type": "string", "description": "<p>…</p>", "format": "date", "nullable": true},
    "links": {"title": "Links", "type": "array", "readOnly": true, "items": {"$ref": "/services/rest/record/v1/metadata-catalog/nsLink"}},
    "subsidiary": {"$ref": "/services/rest/record/v1/metadata-catalog/subsidiary", "nullable": true},
    "emailPreference": {"type": "object", "nullable": true, "properties": {"id": {"type": "string", "enum": ["PDF", "HTML"]}}}
  },
  "x-ns-filterable": ["startDate", "custentity_integer"]
}`

func TestMetadataSchema(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	mux.HandleFunc(recordsPath+"metadata-catalog/customer", func(w http.ResponseWriter, r *http.Request) {
		testMethod(t, r, "GET")
		testHeader(t, r, "Accept", "application/schema+json")
		w.Header().Set("Content-Type", "application/schema+json")
		fmt.Fprint(w, customerSchema)
	})
	schema, _, err := client.Metadata.Schema(t.Context(), "customer")
	if err != nil {
		t.Fatal(err)
	}
	want := &Schema{
		Schema: "https://json-schema.org/draft-06/hyper-schema#",
		Type:   "object",
		Properties: map[string]*SchemaProperty{
			"custentity_integer": {Title: "Integer Number", Type: "integer", Format: "int64", Nullable: true, CustomField: true},
			"startDate":          {Title: "Start Date", Type: "string", Description: "<p>…</p>", Format: "date", Nullable: true},
			"links":              {Title: "Links", Type: "array", ReadOnly: true, Items: &SchemaProperty{Ref: "/services/rest/record/v1/metadata-catalog/nsLink"}},
			"subsidiary":         {Ref: "/services/rest/record/v1/metadata-catalog/subsidiary", Nullable: true},
			"emailPreference":    {Type: "object", Nullable: true, Properties: map[string]*SchemaProperty{"id": {Type: "string", Enum: []any{"PDF", "HTML"}}}},
		},
		Filterable: []string{"startDate", "custentity_integer"},
		Raw:        json.RawMessage(customerSchema),
	}
	if diff := cmp.Diff(want, schema); diff != "" {
		t.Errorf("schema (-want +got):\n%s", diff)
	}
}

func TestMetadataSchemaNotFound(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	mux.HandleFunc(recordsPath+"metadata-catalog/transaction", func(w http.ResponseWriter, r *http.Request) {
		writeFixture(t, w, http.StatusNotFound, "nonexistent-id.json")
	})
	if _, _, err := client.Metadata.Schema(t.Context(), "transaction"); !IsNotFound(err) {
		t.Fatalf("err %v", err)
	}
}

// Every wire type round-trips through JSON.
func TestWireTypesJSON(t *testing.T) {
	t.Parallel()
	item := ListItem{ID: "107", Links: []Link{{Rel: "self", Href: "https://x/customer/107"}}}
	data, err := json.Marshal(item)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"id":"107","links":[{"rel":"self","href":"https://x/customer/107"}]}`; string(data) != want {
		t.Errorf("ListItem JSON %s, want %s", data, want)
	}
	var back ListItem
	if err := json.Unmarshal(data, &back); err != nil || !cmp.Equal(item, back) {
		t.Errorf("round trip %+v, %v", back, err)
	}
	p := SchemaProperty{Ref: "/x", Nullable: true, CustomField: true}
	data, _ = json.Marshal(p)
	if want := `{"$ref":"/x","nullable":true,"x-ns-custom-field":true}`; string(data) != want {
		t.Errorf("SchemaProperty JSON %s, want %s", data, want)
	}
}

// An upsert is retried after a 5xx, unless sending it twice would add its
// sublist lines twice.
func TestRecordsUpsertRetry(t *testing.T) {
	t.Parallel()
	lines := Record{"item": map[string]any{"items": []any{map[string]any{"item": map[string]any{"id": "7"}}}}}
	tests := []struct {
		name      string
		body      Record
		opts      *WriteOptions
		wantSends int
	}{
		{"no sublist", Record{"memo": "x"}, nil, 2},
		{"replaced sublist", lines, &WriteOptions{Mode: ModeReplace}, 2},
		{"lines merged", lines, nil, 1},
		{"lines appended", lines, &WriteOptions{Mode: ModeAppend}, 1},
		{"another sublist replaced", lines, &WriteOptions{Mode: ModeReplace, Replace: []string{"expense"}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, mux, serverURL := setup(t)
			var sends atomic.Int32
			mux.HandleFunc(recordsPath+"salesOrder/eid:SO-1", func(w http.ResponseWriter, r *http.Request) {
				if sends.Add(1) == 1 {
					w.Header().Set("Content-Type", "application/vnd.oracle.resource+json; type=error")
					w.WriteHeader(http.StatusServiceUnavailable)
					fmt.Fprint(w, `{"type":"x","title":"Service Unavailable","status":503,"o:errorDetails":[{"detail":"down","o:errorCode":"UNEXPECTED_ERROR"}]}`)
					return
				}
				written(w, serverURL, "salesOrder", "3")
			})
			_, _, err := client.Records.Upsert(t.Context(), "salesOrder", "SO-1", tt.body, tt.opts)
			if got := int(sends.Load()); got != tt.wantSends {
				t.Errorf("sent %d times, want %d", got, tt.wantSends)
			}
			if tt.wantSends == 1 && (!errors.Is(err, ErrOutcomeUnknown) || !strings.Contains(err.Error(), "upsert")) {
				t.Errorf("err = %v, want ErrOutcomeUnknown", err)
			}
			if tt.wantSends == 2 && err != nil {
				t.Errorf("err = %v", err)
			}
		})
	}
}

// Every method returns NetSuite's refusal as a *Error, with the Response
// and no result.
func TestRecordsMethodsReturnServerErrors(t *testing.T) {
	t.Parallel()
	client, mux, _ := setup(t)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.oracle.resource+json; type=error")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprint(w, `{"type":"x","title":"Forbidden","status":403,"o:errorDetails":[{"detail":"Permission Violation","o:errorCode":"INSUFFICIENT_PERMISSION"}]}`)
	})
	ctx := t.Context()
	rs, ms := client.Records, client.Metadata
	check := func(name string, resp *Response, err error, resultNil bool) {
		t.Helper()
		if !HasCode(err, "INSUFFICIENT_PERMISSION") || resp == nil || resp.StatusCode != 403 || !resultNil {
			t.Errorf("%s: response %v, err %v, result nil %v", name, resp, err, resultNil)
		}
	}
	rec, resp, err := rs.Get(ctx, "customer", "1", nil)
	check("Get", resp, err, rec == nil)
	items, resp, err := rs.List(ctx, "customer", nil)
	check("List", resp, err, items == nil)
	for it, err := range rs.ListIter(ctx, "customer", nil) {
		if it.ID != "" || it.Links != nil || !HasCode(err, "INSUFFICIENT_PERMISSION") {
			t.Errorf("ListIter: %v, %v", it, err)
		}
	}
	res, resp, err := rs.Create(ctx, "customer", Record{}, nil)
	check("Create", resp, err, res.ID == "")
	res, resp, err = rs.Update(ctx, "customer", "1", Record{}, nil)
	check("Update", resp, err, res.ID == "")
	res, resp, err = rs.Upsert(ctx, "customer", "X", Record{}, nil)
	check("Upsert", resp, err, res.ID == "")
	resp, err = rs.Delete(ctx, "customer", "1")
	check("Delete", resp, err, true)
	names, resp, err := ms.List(ctx, nil)
	check("Metadata.List", resp, err, names == nil)
	schema, resp, err := ms.Schema(ctx, "customer")
	check("Metadata.Schema", resp, err, schema == nil)
}

// A request that cannot be sent fails in every method without a Response.
func TestRecordsMethodsTransportFailure(t *testing.T) {
	t.Parallel()
	client, _, _ := setup(t, WithRetry(RetryPolicy{MaxRetries: -1}))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	rs := client.Records
	var errs []error
	_, _, err := rs.Get(ctx, "customer", "1", nil)
	errs = append(errs, err)
	_, _, err = rs.List(ctx, "customer", nil)
	errs = append(errs, err)
	_, _, err = rs.Create(ctx, "customer", Record{}, nil)
	errs = append(errs, err)
	_, err = rs.Delete(ctx, "customer", "1")
	errs = append(errs, err)
	_, _, err = client.Metadata.Schema(ctx, "customer")
	errs = append(errs, err)
	for i, err := range errs {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("call %d: err %v, want context.Canceled", i, err)
		}
	}
}

func TestWithReadOnlyRules(t *testing.T) {
	t.Parallel()
	if _, err := NewClient(WithAccount(testAccount), WithCredentials(testCreds), WithReadOnlyRules(nil)); err == nil {
		t.Error("WithReadOnlyRules(nil): no error")
	}
	// An account whose forms lock comments on customers.
	rules := readonly.New(readonly.Rule{RecordType: "customer", Path: "comments", Kind: readonly.KindAccount, Source: "test"})
	client, mux, serverURL := setup(t, WithReadOnlyRules(rules), WithIgnoreReadOnly(true))
	mux.HandleFunc(recordsPath+"customer", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{"companyName":"Acme"}`)
		written(w, serverURL, "customer", "9")
	})
	res, _, err := client.Records.Create(t.Context(), "customer", Record{"companyName": "Acme", "comments": "x", "id": "1"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"comments", "id"}, res.Dropped); diff != "" {
		t.Errorf("Dropped (-want +got):\n%s", diff)
	}
}
