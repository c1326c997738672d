package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
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
	code, _, body := do(t, clockClient(t, s), "GET", s.URL()+currencyPath+"?limit=1", nil)
	var page struct{ TotalResults int }
	if code != 200 || json.Unmarshal(body, &page) != nil {
		t.Fatalf("counting: %d %s", code, body)
	}
	return page.TotalResults
}

// TestFaultsAfterTheWork: with drop-after and 500-after the create is
// committed and only its answer is lost, over a socket and in process.
func TestFaultsAfterTheWork(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		faults string
		check  func(t *testing.T, code int, body []byte, err error)
	}{
		{"drop-after=1", func(t *testing.T, code int, body []byte, err error) {
			if err == nil || !errors.Is(err, io.EOF) {
				t.Errorf("got %d %s, %v; want a transport error that says EOF", code, body, err)
			}
		}},
		{"500-after=1", func(t *testing.T, code int, body []byte, err error) {
			var e errorBody
			if err != nil || code != 500 || json.Unmarshal(body, &e) != nil || e.Details[0].Code != "UNEXPECTED_ERROR" ||
				!strings.HasPrefix(e.Details[0].Detail, "An unexpected error occurred. Error ID: ") {
				t.Errorf("got %d %s, %v; want 500 UNEXPECTED_ERROR", code, body, err)
			}
		}},
	} {
		for _, noListener := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/noListener=%v", tt.faults, noListener), func(t *testing.T) {
				t.Parallel()
				faults, err := ParseFaults(tt.faults)
				if err != nil {
					t.Fatal(err)
				}
				s := newTestServer(t, Options{NoSeed: true, NoListener: noListener, Faults: faults})
				c := signedClient(t, s, nil)
				code, body, err := try(t.Context(), c, "POST", s.URL()+currencyPath, newCurrency("AFT"))
				tt.check(t, code, body, err)
				setFaults(t, s, "")
				if code, _, body := do(t, c, "GET", s.URL()+currencyPath+"/eid:AFT", nil); code != 200 {
					t.Errorf("the record after the lost answer: %d %s, want it created", code, body)
				}
				if n := countCurrencies(t, s); n != 1 {
					t.Errorf("%d currencies, want 1", n)
				}
			})
		}
	}
}

// TestClientGoneDuringSlowAfter: a client that gives up while the answer is
// held (slow-after) has lost the answer of a create that was done; its slot
// is given back at once, not when the delay ends.
func TestClientGoneDuringSlowAfter(t *testing.T) {
	t.Parallel()
	for _, noListener := range []bool{false, true} {
		t.Run(fmt.Sprintf("noListener=%v", noListener), func(t *testing.T) {
			t.Parallel()
			s := newTestServer(t, Options{NoSeed: true, NoListener: noListener, Faults: Faults{RateSlowAfter: 1, SlowAfterBy: time.Minute}})
			ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
			defer cancel()
			start := time.Now()
			code, _, err := try(ctx, signedClient(t, s, nil), "POST", s.URL()+currencyPath, newCurrency("GONE"))
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("got %d, %v; want the client's deadline", code, err)
			}
			for {
				var h struct{ InFlight int }
				json.Unmarshal(control(t, s, "GET", "/_emulator/health", "", 200), &h)
				if h.InFlight == 0 {
					break
				}
				if time.Since(start) > 10*time.Second {
					t.Fatal("the slot is still held 10s after the client went away")
				}
				time.Sleep(10 * time.Millisecond)
			}
			setFaults(t, s, "")
			if code, _, body := do(t, signedClient(t, s, nil), "GET", s.URL()+currencyPath+"/eid:GONE", nil); code != 200 {
				t.Errorf("after the client went away: %d %s, want the record created", code, body)
			}
		})
	}
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

// outcomes sends n creates one after the other and returns their statuses,
// 0 for a dropped connection.
func outcomes(t *testing.T, s *Server, n int) []int {
	c := signedClient(t, s, nil)
	var out []int
	for i := range n {
		code, _, err := try(t.Context(), c, "POST", s.URL()+currencyPath, newCurrency(fmt.Sprintf("R%02d", i)))
		if err != nil {
			code = 0
		}
		out = append(out, code)
	}
	return out
}

func TestFaultsAfterAreSeededAndReproducible(t *testing.T) {
	t.Parallel()
	faults, err := ParseFaults("500=0.1,500-after=0.25,drop-after=0.25,slow-after=0.3:1ms,seed=11")
	if err != nil {
		t.Fatal(err)
	}
	const n = 40
	var runs [2][]int
	for i := range runs {
		s := newTestServer(t, Options{NoSeed: true, Faults: faults})
		runs[i] = outcomes(t, s, n)
		counts := map[int]int{}
		for _, code := range runs[i] {
			counts[code]++
		}
		if counts[0] == 0 || counts[500] == 0 || counts[204] == 0 || counts[0]+counts[500]+counts[204] != n {
			t.Errorf("outcomes %v over %d creates", counts, n)
		}
		// Every create but those refused before the work (500) is done;
		// the 500-after ones too, so the 500s are more than the creates
		// missing.
		if got := countCurrencies(t, s); got >= n || got <= counts[204]+counts[0] {
			t.Errorf("%d currencies after %v", got, counts)
		}
	}
	for i := range n {
		if runs[0][i] != runs[1][i] {
			t.Fatalf("runs differ at create %d:\n%v\n%v", i, runs[0], runs[1])
		}
	}
}

// TestFaultDrawsKeepTheirSeeds: the faults after the work did not change
// what an older spec meets for a seed; this is the sequence of
// 429=0.2,500=0.2,seed=7 before they existed.
func TestFaultDrawsKeepTheirSeeds(t *testing.T) {
	t.Parallel()
	f, err := ParseFaults("429=0.2,500=0.2,slow=0.5:1s,seed=7")
	if err != nil {
		t.Fatal(err)
	}
	g := newGovernor(5, 0, f)
	var got []string
	for range 12 {
		p := g.draw()
		got = append(got, fmt.Sprintf("%d/%s/%s", p.fault, p.before, p.after))
	}
	want := "0/1s/0s 0/1s/0s 1/0s/0s 1/0s/0s 1/0s/0s 1/1s/0s 1/0s/0s 1/0s/0s 0/0s/0s 0/0s/0s 2/0s/0s 0/1s/0s"
	if strings.Join(got, " ") != want {
		t.Errorf("draws\n got %s\nwant %s", strings.Join(got, " "), want)
	}
}

func TestParseFaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want Faults
		err  string // a part of the error, "" for none
	}{
		{in: "", want: Faults{}},
		{in: "  ", want: Faults{}},
		{in: "429=0.05, 500=0.01,drop=0.02,slow=0.1:3s,seed=42",
			want: Faults{Rate429: 0.05, Rate500: 0.01, RateDrop: 0.02, RateSlow: 0.1, SlowBy: 3 * time.Second, Seed: 42}},
		{in: "500-after=0.1,drop-after=0.2,slow-after=0.3:5s",
			want: Faults{Rate500After: 0.1, RateDropAfter: 0.2, RateSlowAfter: 0.3, SlowAfterBy: 5 * time.Second}},
		{in: "slow=1,slow-after=1", want: Faults{RateSlow: 1, RateSlowAfter: 1}},
		{in: "drop-after=1", want: Faults{RateDropAfter: 1}},
		{in: "429=0.2,500=0.2,drop=0.2,500-after=0.2,drop-after=0.2",
			want: Faults{Rate429: 0.2, Rate500: 0.2, RateDrop: 0.2, Rate500After: 0.2, RateDropAfter: 0.2}},
		{in: "429", err: "want name=rate"},
		{in: "429=2", err: "from 0 to 1"},
		{in: "500=-1", err: "from 0 to 1"},
		{in: "drop-after=NaN", err: "from 0 to 1"},
		{in: "500-after=x", err: "from 0 to 1"},
		{in: "slow=0.1:fast", err: "not a duration"},
		{in: "slow-after=0.1:-1s", err: "not a duration"},
		{in: "teapot=0.1", err: "unknown fault"},
		{in: "drop-before=0.1", err: "unknown fault"},
		{in: "seed=x", err: "not a whole number"},
		{in: "429=0.6,500=0.6", err: "more than 1"},
		{in: "drop=0.5,drop-after=0.6", err: "more than 1"},
		{in: "500-after=0.5,drop-after=0.6", err: "more than 1"},
	}
	for _, tt := range tests {
		f, err := ParseFaults(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseFaults(%q) = %+v, %v; want an error with %q", tt.in, f, err, tt.err)
			}
			continue
		}
		if err != nil || f != tt.want {
			t.Errorf("ParseFaults(%q) = %+v, %v; want %+v", tt.in, f, err, tt.want)
			continue
		}
		if again, err := ParseFaults(f.String()); err != nil || again != f {
			t.Errorf("String %q does not round-trip: %+v, %v", f.String(), again, err)
		}
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
