package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/account"
)

// suiteQLPage is a SuiteQL answer.
type suiteQLPage struct {
	Links        []map[string]string `json:"links"`
	Count        int                 `json:"count"`
	HasMore      bool                `json:"hasMore"`
	Items        []map[string]any    `json:"items"`
	Offset       int                 `json:"offset"`
	TotalResults int                 `json:"totalResults"`
}

// suiteQL posts a query as NetSuite's clients do (Prefer: transient) and
// returns the status and the body.
func suiteQL(t testing.TB, c *http.Client, s *Server, query string, params []any, paging string) (int, []byte) {
	t.Helper()
	url := s.URL() + "/services/rest/query/v1/suiteql"
	if paging != "" {
		url += "?" + paging
	}
	header := http.Header{"Prefer": {"transient"}, "Content-Type": {"application/json"}}
	status, _, body := doWith(t, c, http.MethodPost, url, header, map[string]any{"q": query, "params": params})
	return status, body
}

func decodePage(t testing.TB, body []byte) suiteQLPage {
	t.Helper()
	var p suiteQLPage
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("not a SuiteQL page: %v\n%s", err, body)
	}
	return p
}

func TestSuiteQLPageShape(t *testing.T) {
	s := newTestServer(t, Options{})
	c := signedClient(t, s, nil)

	status, body := suiteQL(t, c, s, "SELECT id, tranid, foreigntotal, trandate, memo FROM transaction WHERE type = 'SalesOrd' ORDER BY id", nil, "limit=2")
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	p := decodePage(t, body)
	if p.Count != 2 || !p.HasMore || p.Offset != 0 || p.TotalResults <= 2 {
		t.Fatalf("envelope: count %d hasMore %v offset %d total %d", p.Count, p.HasMore, p.Offset, p.TotalResults)
	}
	for _, it := range p.Items {
		links, ok := it["links"].([]any)
		if !ok || len(links) != 0 {
			t.Errorf(`row %v: want "links": []`, it)
		}
		for k, v := range it {
			if k != "links" {
				if _, ok := v.(string); !ok {
					t.Errorf("column %s = %#v: every value must be a string", k, v)
				}
			}
			if k != strings.ToLower(k) {
				t.Errorf("column %s is not lower case", k)
			}
		}
		// M/D/YYYY, the demo account's date format, with no time part.
		if d, _ := it["trandate"].(string); strings.Count(d, "/") != 2 || strings.Contains(d, ":") {
			t.Errorf("trandate %q: want the account's date format M/D/YYYY", d)
		}
	}
	if !strings.HasPrefix(string(body), `{"links":[{"rel":"next"`) {
		t.Errorf("the first page's first link is next: %s", body[:min(len(body), 120)])
	}

	// Null columns are left out of the row.
	status, body = suiteQL(t, c, s, "SELECT id, NULL AS nothing FROM transaction WHERE ROWNUM <= 1", nil, "")
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	if p := decodePage(t, body); len(p.Items) != 1 || p.Items[0]["nothing"] != nil {
		t.Errorf("a null column must be omitted: %s", body)
	}
}

func TestSuiteQLRequest(t *testing.T) {
	s := newTestServer(t, Options{})
	c := signedClient(t, s, nil)
	url := s.URL() + "/services/rest/query/v1/suiteql"

	t.Run("prefer transient is required", func(t *testing.T) {
		status, _, body := do(t, c, http.MethodPost, url, map[string]string{"q": "SELECT id FROM customer"})
		if status != http.StatusBadRequest || !strings.Contains(string(body), `"o:errorHeader":"Prefer"`) {
			t.Fatalf("status %d: %s", status, body)
		}
	})
	for _, tc := range []struct {
		name, query, paging string
		params              []any
		status              int
		want                string
	}{
		{"unknown column", "SELECT not_existing_field FROM customer", "", nil, 400,
			`Invalid search query. Detailed unprocessed description follows. Search error occurred: Unknown identifier 'not_existing_field'. Available identifiers are: {customer=customer}`},
		{"unknown table", "select id from transactiontablethatdoesnotexist", "", nil, 400,
			`Invalid search query. Detailed unprocessed description follows. Invalid search type: transactiontablethatdoesnotexist.`},
		{"not a select", "DELETE FROM customer", "", nil, 400, `"o:errorQueryParam":"q"`},
		{"limit over 1000", "SELECT id FROM customer", "limit=1001", nil, 400, `"o:errorQueryParam":"limit"`},
		{"offset not a multiple", "SELECT id FROM customer", "limit=10&offset=5", nil, 400, `"o:errorQueryParam":"offset"`},
		{"offset past the cap", "SELECT id FROM customer", "limit=1000&offset=100000", nil, 400, "100000"},
		{"params", "SELECT id FROM customer WHERE id BETWEEN ? AND ?", "", []any{"19", "21"}, 200, `"id":"21"`},
		{"a value TO_DATE cannot read", "SELECT TO_DATE('xx', 'YYYY-MM-DD') FROM DUAL", "", nil, 400,
			`Search error occurred: ORA-01858: a non-numeric character was found where a numeric was expected","o:errorCode":"INVALID_PARAMETER"`},
		{"a date not in the account's format", "SELECT id FROM transaction WHERE trandate > ?", "", []any{"2024-13-45"}, 400, `Unparseable date`},
		{"params missing", "SELECT id FROM customer WHERE id = ?", "", nil, 400, `"o:errorQueryParam":"q"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := suiteQL(t, c, s, tc.query, tc.params, tc.paging)
			if status != tc.status || !strings.Contains(string(body), tc.want) {
				t.Fatalf("status %d, want %d with %s:\n%s", status, tc.status, tc.want, body)
			}
		})
	}
}

func TestSuiteQLNeedsSuiteAnalyticsWorkbook(t *testing.T) {
	s := newTestServer(t, Options{NoSeed: true})
	c := signedClient(t, s, nil)
	if status, body := suiteQL(t, c, s, "SELECT id FROM customer", nil, ""); status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	role := s.acct.Tokens[0].Role
	if err := s.SetPermission(role, string(account.PermSuiteAnalyticsWorkbook), "View"); err != nil {
		t.Fatal(err)
	}
	status, body := suiteQL(t, c, s, "SELECT id FROM customer", nil, "")
	if status != http.StatusForbidden || !strings.Contains(string(body), "INSUFFICIENT_PERMISSION") {
		t.Fatalf("a role with SuiteAnalytics Workbook at View: status %d: %s", status, body)
	}
	if err := s.SetPermission(role, string(account.PermSuiteAnalyticsWorkbook), "Edit"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetFeature(string(account.FeatureSuiteAnalyticsWorkbook), false); err != nil {
		t.Fatal(err)
	}
	if status, body := suiteQL(t, c, s, "SELECT id FROM customer", nil, ""); status != http.StatusForbidden {
		t.Fatalf("the feature disabled: status %d: %s", status, body)
	}
}

// A record written over REST is visible to SuiteQL at once.
func TestSuiteQLSeesRESTWrites(t *testing.T) {
	s := newTestServer(t, Options{})
	c := signedClient(t, s, nil)
	id := s.MustCreateRecord("customer", map[string]any{"companyName": "Fresh Hive Co", "subsidiary": map[string]string{"id": "1"}})
	status, body := suiteQL(t, c, s, "SELECT id, companyname FROM customer WHERE id = ?", []any{id}, "")
	if status != http.StatusOK || !strings.Contains(string(body), `"companyname":"Fresh Hive Co"`) {
		t.Fatalf("status %d: %s", status, body)
	}
	if err := s.DeleteRecord(t.Context(), "customer", id, time.Time{}); err != nil {
		t.Fatal(err)
	}
	status, body = suiteQL(t, c, s, "SELECT recordid FROM deletedrecord WHERE recordid = ?", []any{id}, "")
	if status != http.StatusOK || decodePage(t, body).Count != 1 {
		t.Fatalf("deletedrecord after a delete: status %d: %s", status, body)
	}
}

// A query past its time budget is stopped, and record reads keep flowing
// while heavy queries run: a GET blocked behind them would wait for the
// budget (2 s) to end; one that is answered at once takes far less, even
// on a loaded machine under the race detector (seen: up to 0.55 s).
func TestSuiteQLBudget(t *testing.T) {
	const budget = 2 * time.Second
	s := newTestServer(t, Options{QueryTimeout: budget})
	c := signedClient(t, s, nil)
	heavy := "SELECT COUNT(*) FROM transactionline a, transactionline b, transactionline c, transactionline d"

	var wg sync.WaitGroup
	statuses := make([]int, 4)
	bodies := make([][]byte, 4)
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i], bodies[i] = suiteQL(t, c, s, heavy, nil, "")
		}()
	}
	// Meanwhile, GETs are answered quickly.
	time.Sleep(50 * time.Millisecond)
	for range 5 {
		start := time.Now()
		status, _, body := do(t, c, http.MethodGet, s.URL()+"/services/rest/record/v1/customer/19", nil)
		if status != http.StatusOK {
			t.Fatalf("GET during heavy queries: %d %s", status, body)
		}
		if d := time.Since(start); d > budget/2 {
			t.Errorf("GET took %v while queries ran", d)
		}
	}
	wg.Wait()
	for i, st := range statuses {
		if st != http.StatusBadRequest || !strings.Contains(string(bodies[i]), "ran longer than") {
			t.Errorf("heavy query %d: status %d: %s", i, st, bodies[i])
		}
	}
}

// A bound date that the translator reads at once (so that the range can use
// the date index) leaves its bind unused; the page's own binds must still
// land on LIMIT and OFFSET.
func TestSuiteQLFoldedBindAndPaging(t *testing.T) {
	s := newTestServer(t, Options{})
	c := signedClient(t, s, nil)
	status, body := suiteQL(t, c, s, "SELECT id FROM transaction WHERE lastmodifieddate >= TO_DATE(?, 'YYYY-MM-DD HH24:MI:SS') ORDER BY id", []any{"2000-01-01 00:00:00"}, "limit=2&offset=2")
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	if p := decodePage(t, body); p.Count != 2 || p.Offset != 2 || p.TotalResults < 4 {
		t.Fatalf("page: count %d offset %d total %d", p.Count, p.Offset, p.TotalResults)
	}
}

// Each transaction's GL lines balance exactly, as NetSuite's decimal
// NUMBERs do: no sum is left with binary noise.
func TestSuiteQLSumsAreExact(t *testing.T) {
	s := newTestServer(t, Options{})
	c := signedClient(t, s, nil)
	status, body := suiteQL(t, c, s, "SELECT transaction, SUM(amount) AS total FROM transactionaccountingline GROUP BY transaction HAVING SUM(amount) <> 0", nil, "")
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	if p := decodePage(t, body); p.Count != 0 {
		t.Errorf("%d transactions do not balance: %s", p.Count, body)
	}
	status, body = suiteQL(t, c, s, "SELECT SUM(amount) AS total, COUNT(*) AS n FROM transactionaccountingline", nil, "")
	if status != http.StatusOK || !strings.Contains(string(body), `"total":"0"`) {
		t.Errorf("the ledger sums to 0: status %d: %s", status, body)
	}
}

// totalResults is counted once per query while the records stay as they
// are, and counted again after a write.
func TestSuiteQLCountFollowsWrites(t *testing.T) {
	s := newTestServer(t, Options{})
	c := signedClient(t, s, nil)
	total := func() int {
		t.Helper()
		status, body := suiteQL(t, c, s, "SELECT id FROM customer ORDER BY id", nil, "limit=2")
		if status != http.StatusOK {
			t.Fatalf("status %d: %s", status, body)
		}
		return decodePage(t, body).TotalResults
	}
	before := total()
	if again := total(); again != before {
		t.Fatalf("the same query counted %d, then %d", before, again)
	}
	s.MustCreateRecord("customer", map[string]any{"companyName": "Counted Co", "subsidiary": map[string]string{"id": "1"}})
	if after := total(); after != before+1 {
		t.Errorf("after a create: totalResults %d, want %d", after, before+1)
	}
}

// A full page from a store no write has touched yet (no seed data) is
// counted too: the count cache of store generation 0 once had no map, and
// the query panicked with the cache's lock held, hanging every later one.
func TestSuiteQLCountBeforeAnyWrite(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true})
	c := signedClient(t, s, nil)
	for range 2 {
		status, body := suiteQL(t, c, s, "SELECT 1 AS one FROM DUAL", nil, "limit=1")
		if status != http.StatusOK || decodePage(t, body).TotalResults != 1 {
			t.Fatalf("status %d: %s", status, body)
		}
	}
}
