package netsuite

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"sync"
	"testing"
	"time"
)

// TestReplayedGETIsSignedAgain: when a kept-alive connection breaks after
// NetSuite has read a GET, net/http sends the same request again by itself,
// signature and nonce included, and NetSuite refuses the used nonce with
// 401 INVALID_LOGIN. The Client sees that the transport replayed the
// request and sends it again, signed anew, instead of failing.
func TestReplayedGETIsSignedAgain(t *testing.T) {
	t.Parallel()
	nonceRe := regexp.MustCompile(`oauth_nonce="([^"]+)"`)
	var mu sync.Mutex
	seen := map[string]bool{}
	var calls []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		nonce := nonceRe.FindStringSubmatch(r.Header.Get("Authorization"))[1]
		used := seen[nonce]
		seen[nonce] = true
		first := r.URL.Path == "/services/rest/record/v1/customer/2" && len(calls) == 1
		calls = append(calls, r.URL.Path)
		mu.Unlock()
		switch {
		case used:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			w.Write([]byte(`{"type":"https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2","title":"Unauthorized","status":401,"o:errorDetails":[{"detail":"Invalid login attempt.","o:errorCode":"INVALID_LOGIN"}]}`))
		case first:
			// Read, then the connection breaks before the answer.
			conn, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				conn.Close()
			}
		default:
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"id":"` + r.URL.Path[len(r.URL.Path)-1:] + `"}`))
		}
	}))
	defer srv.Close()
	client, err := NewClient(WithAccount(testAccount), WithCredentials(testCreds), WithBaseURL(srv.URL),
		WithRetry(RetryPolicy{Initial: time.Millisecond, Max: time.Millisecond}))
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	if _, _, err := client.Records.Get(ctx, "customer", "1", nil); err != nil {
		t.Fatal(err) // the connection is kept alive for the next
	}
	rec, resp, err := client.Records.Get(ctx, "customer", "2", nil)
	if err != nil || rec.ID() != "2" {
		t.Fatalf("Get after a replay: %v, %v (calls %q)", rec, err, calls)
	}
	// The first, its replay by net/http (refused), and the Client's retry.
	if len(calls) != 4 || resp.Retries != 1 {
		t.Errorf("calls %q, retries %d; want the warm-up, the broken one, its replay and one retry", calls, resp.Retries)
	}
}
