package cli

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/emulator/emulatortest"
	"github.com/nsconnect/nsconnect/store"
	"github.com/nsconnect/nsconnect/store/storetest"
)

// TestWatchPostgresEndToEnd runs watch on a Postgres state given with a
// password: a second process of the same watch is refused while the first
// runs, naming it; the one change is delivered once between them; and
// the password is shown nowhere.
func TestWatchPostgresEndToEnd(t *testing.T) {
	t.Parallel()
	const secret = "pg-pass-e2e"
	u, err := url.Parse(storetest.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(u.User.Username(), secret) // trust auth ignores it
	state := u.String()

	h, srv := emulatorHarnessWith(t, emulator.Options{NoSeed: true})
	ctx := t.Context()
	t0 := time.Now().Add(-time.Minute).Truncate(time.Second)
	if err := srv.SetClock(t0.Add(2*time.Second), true); err != nil {
		t.Fatal(err)
	}
	sub, err := srv.CreateRecord(ctx, "subsidiary", map[string]any{"name": "Watch Subsidiary"}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	id, err := srv.CreateRecord(ctx, "customer", map[string]any{"companyName": "Pg Co", "subsidiary": map[string]string{"id": sub}}, t0.Add(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "events.ndjson")
	args := []string{"watch", "customer", "--on", "updated", "--state", state, "--name", "pg", "--to", "file:" + out,
		"--since", t0.UTC().Format(time.RFC3339), "--interval", "1h"}

	// The first runs until cancelled.
	first := harnessFor(t, srv)
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan int, 1)
	go func() { done <- Run(runCtx, first.f, args) }()
	waitFor(t, out, done) // its first poll delivered: it holds the lock

	if code := h.run(append(args, "--once")...); code == 0 {
		t.Fatalf("a second watch while the first runs: exit 0\n%s", h.errOut)
	}
	msg := h.errOut.String()
	for _, want := range []string{`this watch ("pg") is running already`, "holds its lock", "xxxxx", "Stop that one first"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the refusal does not say %q:\n%s", want, msg)
		}
	}
	stop()
	if code := <-done; code != 0 && code != ExitInterrupted {
		t.Fatalf("the first watch: exit %d\n%s", code, first.errOut)
	}
	if code := h.run(append(args, "--once")...); code != 0 {
		t.Fatalf("the watch after the first stopped: exit %d\n%s", code, h.errOut)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if evs := readEvents(t, string(b)); len(evs) != 1 || evs[0].ID != id {
		t.Errorf("events %+v; want the change to customer %s once", evs, id)
	}
	all := first.errOut.String() + msg + h.errOut.String()
	if strings.Contains(all, secret) {
		t.Errorf("the password is shown:\n%s", all)
	}
	if !strings.Contains(first.errOut.String(), "state in postgres://postgres:xxxxx@") {
		t.Errorf("the status does not name the state with its password hidden:\n%s", first.errOut)
	}
}

// waitFor waits until the file at path has a line, failing when done
// reports that the process ended first.
func waitFor(t *testing.T, path string, done chan int) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		select {
		case code := <-done:
			t.Fatalf("the first watch ended with exit %d before it delivered", code)
		default:
		}
		if b, _ := os.ReadFile(path); strings.Contains(string(b), "\n") {
			return
		}
	}
	t.Fatal("the first watch delivered nothing in 20 s")
}

// TestImportPostgresLocked runs nsconnect import on a Postgres state while
// another process holds the import's lock: it is refused, with --restart
// too, naming the holder; once the lock is free the import runs, and a
// second run finds it finished.
func TestImportPostgresLocked(t *testing.T) {
	t.Parallel()
	state := storetest.PostgresURL(t)
	h, srv := emulatorHarnessWith(t, emulator.Options{NoSeed: true})
	ctx := t.Context()
	sub, err := srv.CreateRecord(ctx, "subsidiary", map[string]any{"name": "Import Subsidiary"}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "customers.csv")
	if err := os.WriteFile(file, []byte("companyName,subsidiary.id\nNo Id One,"+sub+"\nNo Id Two,"+sub+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	conn, err := srv.Connection()
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.OpenPostgres(ctx, state)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	held, err := st.(store.Locker).Lock(ctx, "import/"+conn.AccountID.String()+"/customer/create/"+file)
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"import", "--type", "customer", "--mode", "create", "--file", file, "--state", state}
	for _, extra := range [][]string{nil, {"--restart"}} {
		if code := h.run(append(args, extra...)...); code == 0 {
			t.Fatalf("%q while another holds the import's lock: exit 0", extra)
		}
		for _, want := range []string{"is running already", "pid", "holds its lock on postgres://", "Wait for it to finish"} {
			if !strings.Contains(h.errOut.String(), want) {
				t.Errorf("%q: the refusal does not say %q:\n%s", extra, want, h.errOut)
			}
		}
	}
	held.Close()
	if code := h.run(args...); code != 0 {
		t.Fatalf("the import once the lock is free: exit %d\n%s", code, h.errOut)
	}
	if code := h.run(args...); code != 0 || !strings.Contains(h.errOut.String(), "ran to its end before") {
		t.Fatalf("the import again: exit %d\n%s", code, h.errOut)
	}
	n := 0
	for _, err := range emulatortest.NewClient(t, srv).SuiteQL.Rows(ctx, "SELECT id FROM customer WHERE companyname LIKE 'No Id %'", nil) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 2 {
		t.Errorf("%d customers; want the 2 rows created once each", n)
	}
}
