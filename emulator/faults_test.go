package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"
)

const currencyPath = "/services/rest/record/v1/currency"

// newCurrency is a record that needs no seed data.
func newCurrency(eid string) map[string]any {
	return map[string]any{"name": "Currency " + eid, "symbol": eid, "exchangeRate": 1, "externalId": eid}
}

// try sends a request with ctx and returns its status and body, or the
// transport's error.
func try(ctx context.Context, c *http.Client, method, url string, body any) (int, []byte, error) {
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, nil, err
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, r)
	if err != nil {
		return 0, nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// setFaults changes the faults through the control plane.
func setFaults(t *testing.T, s *Server, faults string) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"faults": faults})
	control(t, s, "POST", "/_emulator/governance", string(body), 200)
}

// countCurrencies counts the currencies, with the faults turned off.
func countCurrencies(t *testing.T, s *Server) int {
	t.Helper()
	setFaults(t, s, "")
	code, _, body := do(t, signedClient(t, s, nil), "GET", s.URL()+currencyPath+"?limit=1", nil)
	var page struct{ TotalResults int }
	if code != 200 || json.Unmarshal(body, &page) != nil {
		t.Fatalf("counting: %d %s", code, body)
	}
	return page.TotalResults
}

// TestClientGoneBeforeTheWork: in process, where the emulator sees a client
// give up at once, a create given up during the latency is not carried out.
func TestClientGoneBeforeTheWork(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true, NoListener: true, Latency: time.Minute})
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	if _, _, err := try(ctx, signedClient(t, s, nil), "POST", s.URL()+currencyPath, newCurrency("NOPE")); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v, want the client's deadline", err)
	}
	control(t, s, "POST", "/_emulator/governance", `{"latency":"0s"}`, 200)
	if n := countCurrencies(t, s); n != 0 {
		t.Errorf("%d currencies, want none", n)
	}
}

// cancelAtEOF cancels the client's request when the emulator has read its
// body to the end: the client goes away just as the work starts.
type cancelAtEOF struct {
	r      io.Reader
	cancel context.CancelFunc
}

func (b *cancelAtEOF) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err == io.EOF {
		b.cancel()
	}
	return n, err
}

// TestWorkOutlivesTheClient: once the body is read, the create is carried
// out although the client went away. In process the handler sees the
// client's own context, so the cancellation reaches it at once.
func TestWorkOutlivesTheClient(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, Options{NoSeed: true, NoListener: true})
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	body, _ := json.Marshal(newCurrency("LATE"))
	req, _ := http.NewRequestWithContext(ctx, "POST", s.URL()+currencyPath, &cancelAtEOF{r: bytes.NewReader(body), cancel: cancel})
	if resp, err := signedClient(t, s, nil).Do(req); !errors.Is(err, context.Canceled) {
		if err == nil {
			resp.Body.Close()
		}
		t.Fatalf("got %v, want the client's cancellation", err)
	}
	if code, _, body := do(t, signedClient(t, s, nil), "GET", s.URL()+currencyPath+"/eid:LATE", nil); code != 200 {
		t.Errorf("after the client went away: %d %s, want the record created", code, body)
	}
}
