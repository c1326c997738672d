package emulator

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/netsuite/tba"
)

type healthState struct {
	InFlight int
	Served   int
}

func health(t *testing.T, s *Server) healthState {
	t.Helper()
	var h healthState
	if err := json.Unmarshal(control(t, s, "GET", "/_emulator/health", "", 200), &h); err != nil {
		t.Fatal(err)
	}
	return h
}

// TestTricklingBodyFreesItsSlot: a signed create whose body comes a byte at
// a time holds the only concurrency slot until the read timeout cuts it
// off, then the slot is free for the next request.
func TestTricklingBodyFreesItsSlot(t *testing.T) {
	t.Parallel()
	const readTimeout = 300 * time.Millisecond
	s := newTestServer(t, Options{NoSeed: true, Concurrency: 1, ReadTimeout: readTimeout})
	creds, err := s.Credentials()
	if err != nil {
		t.Fatal(err)
	}
	signer, err := tba.NewSigner(s.AccountID().Realm(), creds)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", s.URL()+currencyPath, nil)
	if err := signer.Sign(req); err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", req.URL.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	// A body far longer than the test: only the timeout can end it.
	if _, err := fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: %s\r\nAuthorization: %s\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{",
		currencyPath, req.URL.Host, req.Header.Get("Authorization")); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if _, err := conn.Write([]byte(" ")); err != nil {
					return
				}
			}
		}
	}()

	for h := health(t, s); h.Served != 1 || h.InFlight != 0; h = health(t, s) {
		if time.Since(start) > 5*time.Second {
			t.Fatalf("the trickling request still holds its slot after 5s: %+v", h)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if elapsed := time.Since(start); elapsed < readTimeout {
		t.Errorf("the slot was given back after %s, before the read timeout: was the request refused before its body was read?", elapsed)
	}
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("reading the answer to the trickling request: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("the trickling request got %d, want 400", resp.StatusCode)
	}
	if code, _, body := do(t, signedClient(t, s, nil), "GET", s.URL()+serverTimePath, nil); code != 200 {
		t.Errorf("the next request: %d %s", code, body)
	}
}

// TestTimeoutsDoNotCountTheWaits: latency and slow-after far longer than
// the read and write timeouts still answer, on a fresh and on a reused
// connection. net/http's own ReadTimeout and WriteTimeout would count them,
// and a read deadline passing while the handler waits would cancel it.
func TestTimeoutsDoNotCountTheWaits(t *testing.T) {
	t.Parallel()
	const short = 100 * time.Millisecond
	s := newTestServer(t, Options{
		NoSeed: true, ReadHeaderTimeout: short, ReadTimeout: short, WriteTimeout: short,
		Latency: 3 * short, Faults: Faults{RateSlowAfter: 1, SlowAfterBy: 3 * short},
	})
	c := signedClient(t, s, nil)
	if code, _, body := do(t, c, "POST", s.URL()+currencyPath, newCurrency("WAIT")); code != 204 {
		t.Errorf("create: %d %s", code, body)
	}
	if code, _, body := do(t, c, "GET", s.URL()+currencyPath+"/eid:WAIT", nil); code != 200 {
		t.Errorf("get: %d %s", code, body)
	}
}

func TestTimeoutDefaults(t *testing.T) {
	t.Parallel()
	got := Options{}.timeouts()
	if got != (timeouts{readHeader: 30 * time.Second, read: time.Minute, write: time.Minute, idle: 2 * time.Minute}) {
		t.Errorf("defaults %+v", got)
	}
	got = Options{ReadTimeout: -1, IdleTimeout: time.Second}.timeouts()
	if got.read != -1 || got.idle != time.Second || got.write != time.Minute {
		t.Errorf("overrides %+v", got)
	}
}
