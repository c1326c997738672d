package cli

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator"
)

// TestImportEndToEnd runs nsconnect import on files against the emulator
// over HTTP: a CSV with a row NetSuite refuses and one that cannot be
// read, its results file and exit code; the same command again, which
// only writes the results; an update by external ID; a file whose header
// does not fit, refused before anything is sent.
func TestImportEndToEnd(t *testing.T) {
	t.Parallel()
	h, srv := emulatorHarnessWith(t, emulator.Options{NoSeed: true})
	ctx := t.Context()
	sub, err := srv.CreateRecord(ctx, "subsidiary", map[string]any{"name": "Import Subsidiary"}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	state := filepath.Join(dir, "import.db")
	write := func(name, content string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	results := filepath.Join(dir, "results.csv")
	readResults := func() [][]string {
		t.Helper()
		f, err := os.Open(results)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}

	file := write("customers.csv", "externalId,companyName,subsidiary.id,creditLimit\n"+
		"A-1,Alpha,"+sub+",100\n"+
		"A-2,Beta,999,200\n"+ // no such subsidiary: NetSuite refuses it
		"A-3,Gamma,"+sub+",12x\n"+ // not a number: not sent
		"A-4,Delta,"+sub+",\n")
	args := []string{"import", "--type", "customer", "--mode", "upsert", "--file", file, "--state", state, "--results", results}
	if code := h.run(args...); code != ExitFailure {
		t.Fatalf("exit %d; want %d (rows failed)\n%s", code, ExitFailure, h.errOut)
	}
	if !strings.Contains(h.errOut.String(), "4 rows: 2 upserted, 1 failed, 1 invalid.") ||
		!strings.Contains(h.errOut.String(), "2 of 4 rows not imported; see "+results) {
		t.Errorf("stderr:\n%s", h.errOut)
	}
	got := readResults()
	want := [][]string{
		{"row", "outcome", "id", "status", "code", "message", "path"},
		{"1", "upserted"}, {"2", "failed"}, {"3", "invalid"}, {"4", "upserted"},
	}
	if len(got) != len(want) {
		t.Fatalf("results: %q", got)
	}
	for i, w := range want {
		if got[i][0] != w[0] || got[i][1] != w[1] {
			t.Errorf("results line %d: %q; want %q", i, got[i], w)
		}
	}
	if got[1][2] == "" || got[2][3] != "400" || got[2][6] == "" || !strings.Contains(got[3][5], "creditLimit") {
		t.Errorf("results: %q", got)
	}

	// The same command again: nothing is sent, the results are written
	// again.
	os.Remove(results)
	if code := h.run(args...); code != ExitFailure || !strings.Contains(h.errOut.String(), "ran to its end before") {
		t.Fatalf("second run: exit %d\n%s", code, h.errOut)
	}
	if got := readResults(); len(got) != 5 {
		t.Errorf("results after the second run: %q", got)
	}

	// The file changed: refused, with what --restart would do.
	write("customers.csv", "externalId,companyName,subsidiary.id,creditLimit\nA-9,Changed,"+sub+",1\n")
	if code := h.run(args...); code != ExitFailure || !strings.Contains(h.errOut.String(), "created a second time") {
		t.Errorf("changed file: exit %d\n%s", code, h.errOut)
	}
	if code := h.run(append(args, "--restart")...); code != 0 || !strings.Contains(h.errOut.String(), "1 row: 1 upserted.") {
		t.Errorf("--restart: exit %d\n%s", code, h.errOut)
	}

	// An update by external ID, without --results: all rows imported.
	upd := write("update.csv", "externalId,comments\nA-1,updated by import\n")
	if code := h.run("import", "--type", "customer", "--mode", "update", "--file", upd, "--state", state); code != 0 {
		t.Fatalf("update: exit %d\n%s", code, h.errOut)
	}
	if code := h.run("record", "get", "customer", "eid:A-1", "--fields", "comments", "--output", "json"); code != 0 || !strings.Contains(h.out.String(), "updated by import") {
		t.Errorf("after the update: exit %d\n%s%s", code, h.out, h.errOut)
	}

	// A header that does not fit the record type: refused, nothing sent.
	bad := write("bad.csv", "externalId,compnyName,subsidiary.id\nB-1,Bad,"+sub+"\n")
	code := h.run("import", "--type", "customer", "--mode", "create", "--file", bad, "--state", state)
	if code != ExitFailure ||
		!strings.Contains(h.errOut.String(), "nothing was sent") || !strings.Contains(h.errOut.String(), "companyName") {
		t.Errorf("bad header: exit %d\n%s", code, h.errOut)
	}
	if code := h.run("record", "get", "customer", "eid:B-1"); code == 0 {
		t.Error("a row of the refused file was imported")
	}

	// Usage errors.
	for _, argv := range [][]string{
		{"import", "--mode", "create", "--file", file},
		{"import", "--type", "customer", "--file", file},
		{"import", "--type", "customer", "--mode", "insert", "--file", file},
		{"import", "--type", "customer", "--mode", "create", "--file", "x.xlsx"},
	} {
		if code := h.run(argv...); code != ExitUsage {
			t.Errorf("%q: exit %d; want %d\n%s", argv, code, ExitUsage, h.errOut)
		}
	}
}
