package emulatortest_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/emulator/emulatortest"
	"github.com/nsconnect/nsconnect/netsuite"
)

func TestClientInProcessAndOverLoopback(t *testing.T) {
	t.Parallel()
	for _, noListener := range []bool{true, false} {
		srv := emulatortest.NewServer(t, emulator.Options{NoListener: noListener, NoSeed: true})
		at := time.Date(2025, 11, 2, 8, 30, 0, 0, time.UTC)
		id, err := srv.CreateRecord(t.Context(), "subsidiary", map[string]any{"name": "Parent"}, at)
		if err != nil {
			t.Fatal(err)
		}
		c := emulatortest.NewClient(t, srv, netsuite.WithUserAgent("emulatortest-test"))
		rec, _, err := c.Records.Get(t.Context(), "subsidiary", id, nil)
		if err != nil {
			t.Fatalf("noListener=%v: %v", noListener, err)
		}
		created, err := rec.Time("lastModifiedDate")
		if err != nil || !created.Equal(at) {
			t.Errorf("noListener=%v: lastModifiedDate %v (%v); want %v", noListener, created, err, at)
		}
		if tz := c.Timezone().String(); tz != "America/Los_Angeles" {
			t.Errorf("noListener=%v: the client's time zone is %s, not the account's", noListener, tz)
		}
	}
}

// The control token comes from the environment when the options have none,
// and Control sends it.
func TestControlToken(t *testing.T) {
	t.Setenv(emulator.ControlTokenEnv, "from-env")
	srv := emulatortest.NewServer(t, emulator.Options{NoSeed: true})
	if srv.ControlToken() != "from-env" {
		t.Fatalf("ControlToken = %q", srv.ControlToken())
	}
	if code, body := emulatortest.Control(t, srv, "POST", "/_emulator/clock", `{"advance":"1h"}`); code != http.StatusOK || !strings.Contains(string(body), `"offset":"1h0m0s"`) {
		t.Errorf("Control with the token: %d %s", code, body)
	}
	resp, err := http.Get(srv.URL() + "/_emulator/health")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("without the token: %d", resp.StatusCode)
	}
}

// fakeTB records a Fatalf instead of stopping the test.
type fakeTB struct {
	failed   string
	cleanups []func()
}

func (f *fakeTB) Helper()                           {}
func (f *fakeTB) Fatalf(format string, args ...any) { f.failed = format; panic(f) }
func (f *fakeTB) Cleanup(fn func())                 { f.cleanups = append(f.cleanups, fn) }

func TestNewServerFailsTheTest(t *testing.T) {
	t.Parallel()
	tb := &fakeTB{}
	func() {
		defer func() { recover() }()
		emulatortest.NewServer(tb, emulator.Options{AccountYAML: []byte("accountId: [")})
	}()
	if !strings.Contains(tb.failed, "starting the emulator") {
		t.Errorf("a bad account did not fail the test: %q", tb.failed)
	}
}
