package records

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/store"
)

// BenchmarkSuiteQLScale measures SuiteQL pages at 10,000 and at 1,000,000
// transactions, so that each case's ratio between the two sizes shows how it
// scales. The target: a keyset page (WHERE id > ? ORDER BY id, limit=1000)
// within 3x; the offset page and COUNT(*) are reported. It is not run in CI
// (filling a million transactions takes about a minute); run it with
//
//	go test -run '^$' -bench SuiteQLScale -benchtime 20x -timeout 30m ./emulator/internal/records
//
// The keyset page starts in the middle of the transactions (id > n/2), so
// at a million the page's count reaches SuiteQL's cap of 100,000 results.
func BenchmarkSuiteQLScale(b *testing.B) {
	for _, n := range []int{10_000, 1_000_000} {
		e := newEnv(b)
		fillSalesOrders(b, e.st, n)
		cases := []struct {
			name, query, paging string
			params              []any
		}{
			{"keyset,limit=1000", "SELECT id, tranid, trandate, foreigntotal, entity FROM transaction WHERE id > ? ORDER BY id", "limit=1000", []any{strconv.Itoa(n / 2)}},
			{"keyset,limit=1000,last-page", "SELECT id, tranid, trandate, foreigntotal, entity FROM transaction WHERE id > ? ORDER BY id", "limit=1000", []any{strconv.Itoa(n - 500)}},
			{"offset=9000,limit=1000", "SELECT id, tranid FROM transaction ORDER BY id", "limit=1000&offset=9000", nil},
			{"count(*)", "SELECT COUNT(*) AS n FROM transaction", "", nil},
			{"by-entity,limit=10", "SELECT t.id, BUILTIN.DF(t.entity) AS customer FROM transaction t WHERE t.entity = ? ORDER BY t.id", "limit=10", []any{"7"}},
			{"since-lastmodified,limit=1000", "SELECT id, TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') AS changed FROM transaction WHERE lastmodifieddate >= TO_DATE(?, 'YYYY-MM-DD HH24:MI:SS') ORDER BY lastmodifieddate, id", "limit=1000",
				[]any{time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(n-2000) * time.Minute).In(la).Format(time.DateTime)}},
		}
		for _, c := range cases {
			b.Run(fmt.Sprintf("n=%d/%s", n, c.name), func(b *testing.B) {
				body := suiteqlJSON(b, c.query, c.params)
				q, _ := url.ParseQuery(c.paging)
				for b.Loop() {
					resp, err := e.s.SuiteQL(context.Background(), &Request{
						BaseURL: testBase, Method: http.MethodPost, Query: q,
						Header: http.Header{"Prefer": {"transient"}}, Body: body,
					})
					if err != nil || resp.Status != http.StatusOK {
						b.Fatalf("%s: %v", c.query, err)
					}
				}
			})
		}
		// The bound: the keyset page's rows read by plain SQLite, the same
		// fields out of the same bodies, with no SuiteQL, rendering or
		// count.
		b.Run(fmt.Sprintf("n=%d/bound:keyset,limit=1000", n), func(b *testing.B) {
			const q = `SELECT id, json_extract(body, '$.tranId'), json_extract(body, '$.tranDate'), json_extract(body, '$.total'), json_extract(body, '$.entity')
				FROM records WHERE family = 'transaction' AND id > ? ORDER BY id LIMIT 1000`
			for b.Loop() {
				rows, err := e.st.QueryContext(context.Background(), q, n/2)
				if err != nil {
					b.Fatal(err)
				}
				var id int64
				var tranID, tranDate string
				var total float64
				var entity string
				for rows.Next() {
					if err := rows.Scan(&id, &tranID, &tranDate, &total, &entity); err != nil {
						b.Fatal(err)
					}
				}
				rows.Close()
			}
		})
	}
}

// fillSalesOrders stores n sales orders of three lines each in one batch,
// a minute apart, for 50 customers (entity 1..50).
func fillSalesOrders(tb testing.TB, st *store.Store, n int) {
	tb.Helper()
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	err := st.Batch(context.Background(), func(b *store.Store) error {
		for i := range n {
			at := t0.Add(time.Duration(i) * time.Minute)
			ts := store.Timestamp(at)
			fields := map[string]any{
				"tranId": fmt.Sprintf("SO%07d", i+1), "tranDate": at.Format(time.DateOnly),
				"entity": strconv.Itoa(i%50 + 1), "subsidiary": "1", "currency": "1", "orderStatus": "B",
				"total": 300.5, "subtotal": 300.5, "createdDate": ts, "lastModifiedDate": ts,
				"item": []any{
					map[string]any{"line": 1, "item": "1", "quantity": 1, "rate": 100.5, "amount": 100.5},
					map[string]any{"line": 2, "item": "2", "quantity": 2, "rate": 50, "amount": 100},
					map[string]any{"line": 3, "item": "3", "quantity": 4, "rate": 25, "amount": 100},
				},
			}
			if _, err := b.Create(context.Background(), "transaction", "salesOrder", 0, "", fields, at); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

func suiteqlJSON(tb testing.TB, query string, params []any) []byte {
	tb.Helper()
	return marshal(object{{"q", query}, {"params", params}})
}
