package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/netsuite"
)

// End-to-end tests of query and export: the real CLI, the real client,
// the emulator over HTTP. They NEED THE SUITEQL CLIENT IMPLEMENTATION
// (netsuite/suiteql.go is a contract stub that panics until it lands) and
// skip until then.

func TestQueryEndToEnd(t *testing.T) {
	t.Parallel()
	h, _ := emulatorHarness(t)
	run := h.mustRun

	// Piped: NDJSON, every page.
	out := run("query", "SELECT id, companyname FROM customer ORDER BY id", "--limit", "7")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 50 {
		t.Fatalf("%d rows, want the 50 demo customers:\n%s", len(lines), out)
	}
	var first netsuite.Row
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil || first["companyname"] != "Meadowbrook Garden Center Inc." || first["id"] == "" {
		t.Errorf("first row %s (%v)", lines[0], err)
	}

	// --param binds in order, as strings; --max-rows stops early.
	out = run("query", "SELECT id FROM customer WHERE id > ? AND companyname <> ? ORDER BY id", "--param", first["id"], "--param", "nobody", "--max-rows", "3", "--limit", "2", "-o", "csv")
	if got := strings.Split(strings.TrimSpace(out), "\n"); len(got) != 4 || got[0] != "id" || got[1] <= first["id"] && len(got[1]) == len(first["id"]) {
		t.Errorf("csv with params:\n%s", out)
	}

	// CSV quotes separators, quotes and newlines.
	out = run("query", `SELECT 'a,b"c' || chr(10) || 'x' AS weird, companyname FROM customer WHERE companyname = ?`, "-p", "Meadowbrook Garden Center Inc.", "-o", "csv")
	if want := "weird,companyname\n\"a,b\"\"c\nx\",Meadowbrook Garden Center Inc.\n"; out != want {
		t.Errorf("csv quoting:\n got %q\nwant %q", out, want)
	}

	// The query from stdin, a table on a terminal.
	h.in.WriteString("SELECT id, companyname FROM customer WHERE companyname = 'Cascade Growers';\n")
	h.f.IO.OutIsTTY = func() bool { return true }
	out = run("query", "-")
	h.f.IO.OutIsTTY = nil
	if !strings.HasPrefix(out, "id  companyname\n") || !strings.Contains(out, "Cascade Growers") || !strings.Contains(h.errOut.String(), "1 row(s).") {
		t.Errorf("table:\n%s\nstderr: %s", out, h.errOut)
	}

	// A refused query: NetSuite's message and a caret at its position.
	if code := h.run("query", "SELECT id, FROM item"); code != 1 {
		t.Errorf("bad query: exit %d", code)
	}
	if got := h.errOut.String(); !strings.Contains(got, "Error: NetSuite refused the query: ") || !strings.Contains(got, "syntax error at position 11") ||
		!strings.Contains(got, "\n  SELECT id, FROM item\n             ^\n") {
		t.Errorf("bad query stderr:\n%s", got)
	}
}

func TestExportEndToEnd(t *testing.T) {
	t.Parallel()
	h, srv := emulatorHarness(t)
	dir := t.TempDir()
	export := func(args ...string) {
		t.Helper()
		if code := h.run(append([]string{"export"}, args...)...); code != 0 {
			t.Fatalf("export %q: exit %d\n%s", args, code, h.errOut)
		}
	}

	// Baselines, without faults.
	wholeCSV := filepath.Join(dir, "whole.csv")
	wholeND := filepath.Join(dir, "whole.ndjson")
	export("--type", "customer", "--out", wholeCSV, "--limit", "5")
	export("--type", "customer", "--out", wholeND, "--limit", "5")
	csvData, ndData := readFile(t, wholeCSV), readFile(t, wholeND)
	if n := strings.Count(ndData, "\n"); n != 50 {
		t.Fatalf("NDJSON export has %d rows, want 50", n)
	}
	if !strings.HasPrefix(csvData, "id,") || !strings.Contains(h.errOut.String(), "Exported 50 rows to "+wholeND) {
		t.Errorf("CSV starts %q; stderr %s", csvData[:min(40, len(csvData))], h.errOut)
	}
	for _, p := range []string{wholeCSV + ".partial", wholeCSV + ".state"} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s left after a complete export", filepath.Base(p))
		}
	}
	// OUT is not overwritten without --force.
	if code := h.run("export", "--type", "customer", "--out", wholeCSV); code != 1 || !strings.Contains(h.errOut.String(), "exists; --force overwrites it") {
		t.Errorf("over OUT: exit %d %s", code, h.errOut)
	}

	// With faults, pages are retried (a SuiteQL POST is read-only, so a
	// 500 is retried too) and the file is the same.
	g := srv.Governance()
	// Rates low enough that six faults in a row (the client's five
	// retries spent) are unlikely on any of the pages: 0.15^6 each.
	g.Faults = emulator.Faults{Rate429: 0.1, Rate500: 0.05, Seed: 11}
	if err := srv.SetGovernance(g); err != nil {
		t.Fatal(err)
	}
	faulty := filepath.Join(dir, "faulty.csv")
	export("--type", "customer", "--out", faulty, "--limit", "5")
	if !strings.Contains(h.errOut.String(), "retrying in") {
		t.Errorf("no retry was announced:\n%s", h.errOut)
	}
	if readFile(t, faulty) != csvData {
		t.Error("the export with faults differs from the one without")
	}

	// Ctrl-C mid-export: OUT.partial and OUT.state stay, and --resume
	// gives exactly the uninterrupted file. Latency makes an export take
	// several rounds of pages, so that the Ctrl-C lands in the middle.
	g.Faults = emulator.Faults{}
	g.Latency = 50 * time.Millisecond
	if err := srv.SetGovernance(g); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{filepath.Join(dir, "cut.ndjson"), filepath.Join(dir, "cut.csv")} {
		// 25 pages of 2 rows, 50 ms each, at most 5 at once: at least
		// 250 ms, and the Ctrl-C comes 120 ms after the start.
		args := []string{"export", "--type", "customer", "--out", out, "--limit", "2"}
		if strings.HasSuffix(out, ".csv") {
			// An explicit header, so that rows are written before the
			// first 1000 (SELECT * holds them back for its header).
			args = []string{"export", "--out", out, "--limit", "2", "--query", "SELECT id, companyname, email, phone FROM customer ORDER BY id"}
		}
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan int)
		h.out.Reset()
		h.errOut.Reset()
		go func() { done <- Run(ctx, h.f, args) }()
		time.AfterFunc(120*time.Millisecond, cancel)
		code := <-done
		cancel()
		if code != ExitInterrupted {
			t.Fatalf("%s: interrupted export exit %d, want %d\n%s", filepath.Base(out), code, ExitInterrupted, h.errOut)
		}
		st, err := readExportState(out + ".state")
		if err != nil {
			t.Fatal(err)
		}
		// A slow machine may stop before the first row: that state is
		// valid too, and resumes from the start.
		if st.Rows >= 50 || st.Key != "id" || (st.Rows == 0) != (st.After == "") {
			t.Errorf("%s: state after Ctrl-C: %+v", filepath.Base(out), st)
		}
		if !strings.Contains(h.errOut.String(), "--resume to continue") || !strings.Contains(h.errOut.String(), "Interrupted.") {
			t.Errorf("stderr after Ctrl-C:\n%s", h.errOut)
		}
		if code := h.run(append(args[:len(args):len(args)], "--resume")...); code != 0 {
			t.Fatalf("%s: resume: exit %d\n%s", filepath.Base(out), code, h.errOut)
		}
		if !strings.Contains(h.errOut.String(), "Resuming ") {
			t.Errorf("resume stderr: %s", h.errOut)
		}
		want := ndData
		if strings.HasSuffix(out, ".csv") {
			ref := filepath.Join(dir, "ref.csv")
			export(append(args[1:len(args):len(args)], "--out", ref)...)
			want = readFile(t, ref)
		}
		if got := readFile(t, out); got != want {
			t.Errorf("%s: the resumed export differs from an uninterrupted one (%d bytes, want %d)", filepath.Base(out), len(got), len(want))
		}
	}

	// A query that cannot be keyset-paged exports, with a warning, and
	// is not resumable.
	nokey := filepath.Join(dir, "nokey.csv")
	export("--query", "SELECT companyname FROM customer", "--out", nokey)
	if !strings.Contains(h.errOut.String(), "cannot be resumed") || strings.Count(readFile(t, nokey), "\n") != 51 {
		t.Errorf("no key: %s", h.errOut)
	}
}
