// Package emulatortest starts NetSuite emulators for tests and connects
// netsuite clients to them: the wiring between package emulator and package
// netsuite, written once.
//
//	func TestSync(t *testing.T) {
//		srv := emulatortest.NewServer(t, emulator.Options{NoListener: true})
//		id := srv.MustCreateRecord("customer", map[string]any{"companyName": "Acme", "subsidiary": map[string]string{"id": "1"}})
//		c := emulatortest.NewClient(t, srv)
//		rec, _, err := c.Records.Get(t.Context(), "customer", id, nil)
//		...
//	}
//
// The package does not import package testing: Client is for programs too
// (nsconnect demo builds its client with it), and NewServer and NewClient
// take anything with the few methods of testing.TB they use.
package emulatortest

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/netsuite"
)

// TB is the part of testing.TB this package uses.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
	Cleanup(func())
}

// NewServer starts an emulator for a test and closes it when the test ends;
// it fails the test if the emulator cannot start. Without a ControlToken in
// opts, the token comes from the environment variable emulator.ControlTokenEnv
// when it is set, so that a suite can be run against a token-protected
// control plane.
func NewServer(tb TB, opts emulator.Options) *emulator.Server {
	tb.Helper()
	if opts.ControlToken == "" {
		opts.ControlToken = os.Getenv(emulator.ControlTokenEnv)
	}
	srv, err := emulator.NewServer(opts)
	if err != nil {
		tb.Fatalf("emulatortest: starting the emulator: %v", err)
	}
	tb.Cleanup(func() { srv.Close() })
	return srv
}

// Options returns the netsuite options that connect a Client to srv: its
// account, credentials, time zone, base URL and HTTP client (in process when
// srv has no listener).
func Options(srv *emulator.Server) ([]netsuite.Option, error) {
	conn, err := srv.Connection()
	if err != nil {
		return nil, err
	}
	loc, err := time.LoadLocation(conn.Timezone)
	if err != nil {
		return nil, fmt.Errorf("emulatortest: the account's time zone: %w", err)
	}
	return []netsuite.Option{
		netsuite.WithAccount(conn.AccountID),
		netsuite.WithCredentials(conn.Credentials),
		netsuite.WithTimezone(loc),
		netsuite.WithBaseURL(conn.URL),
		netsuite.WithHTTPClient(srv.HTTPClient()),
	}, nil
}

// Client returns a netsuite.Client connected to srv; opts come after the
// connection's and can override them.
func Client(srv *emulator.Server, opts ...netsuite.Option) (*netsuite.Client, error) {
	base, err := Options(srv)
	if err != nil {
		return nil, err
	}
	return netsuite.NewClient(append(base, opts...)...)
}

// NewClient is Client for tests: it fails the test on error.
func NewClient(tb TB, srv *emulator.Server, opts ...netsuite.Option) *netsuite.Client {
	tb.Helper()
	c, err := Client(srv, opts...)
	if err != nil {
		tb.Fatalf("emulatortest: %v", err)
	}
	return c
}

// Control sends a request to srv's control plane over HTTP, as another
// program would (a JSON body, the control token when srv has one), and
// returns the status and body. Go tests can call the Server's methods
// instead; this is for testing the control plane itself.
func Control(tb TB, srv *emulator.Server, method, path, body string) (int, []byte) {
	tb.Helper()
	req, err := http.NewRequest(method, srv.URL()+path, strings.NewReader(body))
	if err != nil {
		tb.Fatalf("emulatortest: %v", err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if tok := srv.ControlToken(); tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := srv.HTTPClient().Do(req)
	if err != nil {
		tb.Fatalf("emulatortest: %s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("emulatortest: %s %s: %v", method, path, err)
	}
	return resp.StatusCode, b
}
