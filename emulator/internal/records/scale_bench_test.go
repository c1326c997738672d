package records

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/store"
)

// BenchmarkListScale measures collection pages, q filters and GETs at 50 and
// at 100,000 customers, so that each case's ratio between the two sizes shows
// how it scales (the targets: limit=1, and a q with IS or START_WITH on an
// indexed field matching at most 1,000 records, within 3x). START_WITH
// "Customer 000" matches all 50 of the small set and 1,000 of the large one:
// with limit=1000 the large page renders 20 times the items, so the case is
// also run with limit=1, where the filter and its count are what is measured. It is not run
// in CI; run it with
//
//	go test -run '^$' -bench ListScale -benchtime 100x ./emulator/internal/records
//
// The customers are stored directly in one batch (the record service would
// take minutes to create 100,000); their names are "Customer 000000",
// "Customer 000001", ..., so START_WITH "Customer 000" matches 1,000 of
// 100,000, and they were created a minute apart.
func BenchmarkListScale(b *testing.B) {
	for _, n := range []int{50, 100_000} {
		e := newEnv(b)
		fillCustomers(b, e.st, n)
		last := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(n-1) * time.Minute).In(la)
		cases := []struct{ name, query string }{
			{"limit=1", "limit=1"},
			{"q=IS", `limit=1000&q=companyName IS "Customer 000042"`},
			{"q=START_WITH,limit=1", `limit=1&q=companyName START_WITH "Customer 000"`},
			{"q=START_WITH,limit=1000", `limit=1000&q=companyName START_WITH "Customer 000"`},
			{"q=lastModifiedDate_ON,limit=1", `limit=1&q=lastModifiedDate ON "` + last.Format("1/2/2006") + `"`},
			{"q=CONTAIN(broad),limit=1", `limit=1&q=companyName CONTAIN "customer"`},
			{"limit=1000,offset=0", "limit=1000&offset=0"},
		}
		if n >= 100_000 {
			cases = append(cases, struct{ name, query string }{"limit=1000,offset=99000", "limit=1000&offset=99000"})
		}
		for _, c := range cases {
			b.Run(fmt.Sprintf("n=%d/%s", n, c.name), func(b *testing.B) {
				for b.Loop() {
					resp, err := e.do(req{path: "customer", query: c.query})
					if err != nil || resp.Status != http.StatusOK {
						b.Fatalf("%s: %v", c.query, err)
					}
				}
			})
		}
		b.Run(fmt.Sprintf("n=%d/get", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := e.do(req{path: "customer/42"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// fillCustomers stores n customers in one batch.
func fillCustomers(tb testing.TB, st *store.Store, n int) {
	tb.Helper()
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	err := st.Batch(context.Background(), func(b *store.Store) error {
		for i := range n {
			at := t0.Add(time.Duration(i) * time.Minute)
			ts := store.Timestamp(at)
			name := fmt.Sprintf("Customer %06d", i)
			fields := map[string]any{
				"companyName": name, "entityId": name, "email": fmt.Sprintf("c%06d@example.com", i),
				"subsidiary": "1", "dateCreated": ts, "lastModifiedDate": ts,
			}
			if _, err := b.Create(context.Background(), "entity", "customer", 0, fmt.Sprintf("CUST-%06d", i), fields, at); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}
