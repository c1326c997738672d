package cli

import (
	"os"
	"sync"
	"testing"

	"github.com/nsconnect/nsconnect/emulator"
)

// shared is one emulator for the tests that only read or refuse writes
// before sending them, so that they do not each pay for starting and
// seeding one (seconds under -race). Tests that write use their own
// (emulatorHarness).
var shared struct {
	once sync.Once
	srv  *emulator.Server
	err  error
}

// sharedEmulatorHarness is emulatorHarness on the shared emulator. The
// test must not change its records.
func sharedEmulatorHarness(t *testing.T) (*harness, *emulator.Server) {
	t.Helper()
	shared.once.Do(func() {
		shared.srv, shared.err = emulator.NewServer(emulator.Options{ControlToken: os.Getenv(emulator.ControlTokenEnv)})
	})
	if shared.err != nil {
		t.Fatalf("starting the shared emulator: %v", shared.err)
	}
	return harnessFor(t, shared.srv), shared.srv
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.srv != nil {
		shared.srv.Close()
	}
	os.Exit(code)
}
