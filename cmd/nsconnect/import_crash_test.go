package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/emulator/emulatortest"
)

// TestImportSurvivesKills is issue 13's proof that an import neither loses
// nor doubles a row when it is killed: `nsconnect import` runs as a
// process on a CSV of customers, half with an external ID (created
// synchronously, looked up when unknown) and half without (created as
// asynchronous requests with idempotency keys), against an emulator that
// answers slowly and loses some answers after doing the work; it is killed
// with SIGKILL at random moments and started again with the same command,
// 10 times, then left to finish. Afterwards every row's customer exists
// exactly once, and the results file has a line a row.
func TestImportSurvivesKills(t *testing.T) {
	if testing.Short() {
		t.Skip("kills and restarts an import 10 times; not in -short")
	}
	t.Parallel()
	seed := uint64(time.Now().UnixNano())
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("seed %d", seed)
		}
	})
	rng := rand.New(rand.NewPCG(seed, 0x1a9))
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	faults, err := emulator.ParseFaults("500-after=0.03,drop-after=0.03,seed=5")
	if err != nil {
		t.Fatal(err)
	}
	srv := emulatortest.NewServer(t, emulator.Options{NoSeed: true, Latency: 50 * time.Millisecond, Faults: faults})
	conn, err := srv.Connection()
	if err != nil {
		t.Fatal(err)
	}
	sub, err := srv.CreateRecord(ctx, "subsidiary", map[string]any{"name": "Import Subsidiary"}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}

	const rows = 400
	dir := t.TempDir()
	file := filepath.Join(dir, "customers.csv")
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write([]string{"externalId", "companyName", "subsidiary.id", "comments"})
	for i := 1; i <= rows; i++ {
		eid := ""
		if i%2 == 0 {
			eid = fmt.Sprint("K-", i)
		}
		w.Write([]string{eid, fmt.Sprintf("Killed %03d", i), sub, fmt.Sprint("row ", i)})
	}
	w.Flush()
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	results := filepath.Join(dir, "results.csv")
	args := []string{"import", "--type", "customer", "--mode", "create", "--file", file,
		"--state", filepath.Join(dir, "import.db"), "--results", results, "--quiet"}
	env := emulatorEnv(conn, dir)
	run := func() *exec.Cmd {
		cmd := exec.CommandContext(ctx, os.Args[0], args...)
		cmd.Env = env
		return cmd
	}

	kills := 0
	for kills < 10 {
		cmd := run()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			t.Fatalf("the import ended before it was killed (%d kills): %v", kills, err)
		case <-time.After(time.Duration(200+rng.IntN(600)) * time.Millisecond):
			cmd.Process.Kill()
			<-done
			kills++
		}
	}
	out, err := run().CombinedOutput()
	if err != nil {
		data, _ := os.ReadFile(results)
		var bad []string
		for _, l := range strings.Split(string(data), "\n") {
			if l != "" && !strings.Contains(l, ",created,") {
				bad = append(bad, l)
			}
		}
		fails, _ := srv.Audit(emulator.AuditFailure, 10)
		t.Fatalf("the last run: %v\n%s\n%s\nlogin failures: %+v", err, out, strings.Join(bad, "\n"), fails)
	}

	// Every row's customer, once.
	client := emulatortest.NewClient(t, srv)
	count := map[string]int{}
	for r, err := range client.SuiteQL.Rows(ctx, "SELECT companyname, externalid, comments FROM customer", nil) {
		if err != nil {
			t.Fatal(err)
		}
		count[r["companyname"]]++
		if n := strings.TrimPrefix(r["companyname"], "Killed "); r["comments"] != "row "+strings.TrimLeft(n, "0") {
			t.Errorf("%v: the fields of another row", r)
		}
	}
	for i := 1; i <= rows; i++ {
		name := fmt.Sprintf("Killed %03d", i)
		if count[name] != 1 {
			t.Errorf("%s: %d records; want 1", name, count[name])
		}
		delete(count, name)
	}
	if len(count) != 0 {
		t.Errorf("records no row made: %v", count)
	}
	data, err := os.ReadFile(results)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := csv.NewReader(strings.NewReader(string(data))).ReadAll()
	if err != nil || len(lines) != rows+1 {
		t.Fatalf("results file: %d lines, %v; want a header and %d rows", len(lines), err, rows)
	}
	for _, l := range lines[1:] {
		if l[1] != "created" || l[2] == "" {
			t.Errorf("result %v; want created with an id", l)
		}
	}
}
