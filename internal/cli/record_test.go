package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/emulator/emulatortest"
)

// emulatorHarness starts an emulator over loopback and a harness whose
// environment connects to it, as a user's shell would.
func emulatorHarness(t *testing.T) (*harness, *emulator.Server) {
	t.Helper()
	return emulatorHarnessWith(t, emulator.Options{})
}

// emulatorHarnessWith is emulatorHarness with the emulator's options.
func emulatorHarnessWith(t *testing.T, opts emulator.Options) (*harness, *emulator.Server) {
	t.Helper()
	srv := emulatortest.NewServer(t, opts)
	return harnessFor(t, srv), srv
}

// harnessFor is a harness whose environment connects to srv.
func harnessFor(t *testing.T, srv *emulator.Server) *harness {
	t.Helper()
	conn, err := srv.Connection()
	if err != nil {
		t.Fatal(err)
	}
	return newHarness(t, map[string]string{
		"NETSUITE_ACCOUNT_ID":      conn.AccountID.String(),
		"NETSUITE_CONSUMER_KEY":    conn.Credentials.ConsumerKey,
		"NETSUITE_CONSUMER_SECRET": conn.Credentials.ConsumerSecret.Reveal(),
		"NETSUITE_TOKEN_ID":        conn.Credentials.TokenID,
		"NETSUITE_TOKEN_SECRET":    conn.Credentials.TokenSecret.Reveal(),
		"NETSUITE_TIMEZONE":        conn.Timezone,
		"NETSUITE_BASE_URL":        conn.URL,
	})
}

func TestRecordGetAndList(t *testing.T) {
	t.Parallel()
	h, _ := emulatorHarness(t)
	if code := h.run("record", "get", "customer", "eid:CUST-0001"); code != 0 {
		t.Fatalf("get: exit %d: %s", code, h.errOut)
	}
	var rec map[string]any
	if err := json.Unmarshal(h.out.Bytes(), &rec); err != nil || rec["companyName"] != "Meadowbrook Garden Center Inc." {
		t.Errorf("get printed %s (%v)", h.out, err)
	}

	if code := h.run("record", "get", "customer", "eid:CUST-0001", "-o", "table", "--fields", "companyName,dateCreated"); code != 0 {
		t.Fatalf("get table: exit %d: %s", code, h.errOut)
	}
	// The table shows the datetime in the account timezone (UTC-7 or -8).
	if out := h.out.String(); !strings.Contains(out, "companyName  Meadowbrook Garden Center Inc.") || !strings.Contains(out, "-0") {
		t.Errorf("table:\n%s", out)
	}

	if code := h.run("record", "list", "customer", "--all"); code != 0 {
		t.Fatalf("list: exit %d: %s", code, h.errOut)
	}
	if n := strings.Count(h.out.String(), `{"id":`); n != 50 {
		t.Errorf("list --all printed %d ids, want the 50 demo customers:\n%s", n, h.out)
	}
	if code := h.run("record", "list", "customer", "--limit", "10", "-o", "json"); code != 0 {
		t.Fatalf("list page: exit %d: %s", code, h.errOut)
	}
	if !strings.Contains(h.errOut.String(), "10 of 50 records shown") {
		t.Errorf("list page stderr: %s", h.errOut)
	}
}

func TestRecordWrites(t *testing.T) {
	t.Parallel()
	h, _ := emulatorHarness(t)
	if code := h.run("record", "create", "customer", "--set", "companyName=CLI Test Co", "--set", "subsidiary.id=1", "-o", "json"); code != 0 {
		t.Fatalf("create: exit %d: %s", code, h.errOut)
	}
	var res struct{ ID string }
	if err := json.Unmarshal(h.out.Bytes(), &res); err != nil || res.ID == "" {
		t.Fatalf("create printed %s", h.out)
	}
	body := filepath.Join(t.TempDir(), "body.json")
	os.WriteFile(body, []byte(`{"email": "ap@cli.example"}`), 0o600)
	if code := h.run("record", "update", "customer", res.ID, "--file", body); code != 0 {
		t.Fatalf("update: exit %d: %s", code, h.errOut)
	}
	if code := h.run("record", "get", "customer", res.ID); code != 0 || !strings.Contains(h.out.String(), "ap@cli.example") {
		t.Errorf("after update: %d %s", code, h.out)
	}
	if code := h.run("record", "upsert", "customer", "CLI-UPSERT-1", "--set", "companyName=Upserted", "--set", "subsidiary.id=1"); code != 0 {
		t.Fatalf("upsert: exit %d: %s", code, h.errOut)
	}
	if code := h.run("record", "delete", "customer", res.ID); code != 0 {
		t.Fatalf("delete: exit %d: %s", code, h.errOut)
	}
	if code := h.run("record", "get", "customer", res.ID); code != 1 || !strings.Contains(h.errOut.String(), "NONEXISTENT_ID") {
		t.Errorf("get after delete: %d %s", code, h.errOut)
	}
}

// Bad input is refused before anything is written, with the fix.
func TestRecordBadInput(t *testing.T) {
	t.Parallel()
	h, _ := emulatorHarness(t)
	count := func() string {
		h.run("record", "list", "customer", "--limit", "1", "-o", "json")
		return h.errOut.String() // "1 of N records shown"
	}
	before := count()
	dir := t.TempDir()
	bad, trailing, null := filepath.Join(dir, "bad.json"), filepath.Join(dir, "trailing.json"), filepath.Join(dir, "null.json")
	os.WriteFile(bad, []byte("{\n  \"companyName\": \"x\",\n  oops\n}"), 0o600)
	os.WriteFile(trailing, []byte(`{"companyName":"Trailing","subsidiary":{"id":"1"}}}`), 0o600)
	os.WriteFile(null, []byte(`null`), 0o600)
	tests := []struct {
		args []string
		code int
		says string
	}{
		{[]string{"record", "create", "customer", "--set", "compnyName=Acme", "--set", "subsidiary.id=1"}, 1, `customer has no field "compnyName"; did you mean "companyName"?`},
		{[]string{"record", "create", "custmer", "--set", "companyName=Acme"}, 1, `unknown record type "custmer"; did you mean "customer"?`},
		{[]string{"record", "create", "customer", "--file", bad}, 1, "line 3, column 3"},
		{[]string{"record", "create", "customer", "--file", trailing}, 1, "more after the JSON object"},
		{[]string{"record", "create", "customer", "--file", null, "--set", "companyName=x"}, 1, "not null"},
		{[]string{"record", "create", "customer", "--set", "item[x].quantity=1"}, 2, "needs a line number"},
		{[]string{"record", "create", "customer", "--set", "companyName[0].x=1", "--set", "subsidiary.id=1"}, 1, "customer.companyName is not a sublist"},
		{[]string{"record", "create", "customer", "--set", "email.id=1", "--set", "subsidiary.id=1"}, 1, "customer.email is a plain string, not an object"},
		{[]string{"record", "create", "customer", "--set", "companyName"}, 2, "want path=value"},
		{[]string{"record", "create", "customer"}, 2, "no record body"},
		{[]string{"record", "get", "customer", "abc"}, 2, "eid:"},
		{[]string{"record", "update", "customer", "1", "--set", "memo=x", "--mode", "merge"}, 2, "--mode"},
		{[]string{"record", "get", "customer"}, 2, "takes 2 argument(s)"},
	}
	for _, tt := range tests {
		code := h.run(tt.args...)
		if code != tt.code || !strings.Contains(h.errOut.String(), tt.says) {
			t.Errorf("%s: exit %d, stderr %q; want exit %d and %q", strings.Join(tt.args, " "), code, h.errOut, tt.code, tt.says)
		}
	}
	// Nothing was created by the refused commands.
	if after := count(); after != before || !strings.Contains(before, "of 50 records") {
		t.Errorf("customers before %q, after %q", before, after)
	}
}

// A refused login exits with the connection code and points to the doctor.
func TestRecordAuthFailure(t *testing.T) {
	t.Parallel()
	h, _ := emulatorHarness(t)
	h.env["NETSUITE_TOKEN_SECRET"] = strings.Repeat("0", 64)
	code := h.run("record", "get", "customer", "1")
	if code != ExitConnection || !strings.Contains(h.errOut.String(), "INVALID_LOGIN") || !strings.Contains(h.errOut.String(), "nsconnect doctor") {
		t.Errorf("exit %d: %s", code, h.errOut)
	}
	if strings.Contains(h.errOut.String(), strings.Repeat("0", 64)) {
		t.Error("the secret is in the error output")
	}
}

// TestDemo runs the README's first command end to end: the emulator over
// real HTTP, and every step of the tour.
func TestDemo(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	if code := h.run("demo"); code != 0 {
		t.Fatalf("demo: exit %d\n%s\n%s", code, h.out, h.errOut)
	}
	out := h.out.String()
	for _, want := range []string{
		"1. Server time", "Created customer", "Created sales order", "in the account timezone",
		"line 3:", "mode append", "replace", "1 match.", "Dropped before sending", "total",
		"Without it, NetSuite refuses the same body", "NONEXISTENT_ID", "Done.", "nsconnect config init",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the demo's output lacks %q:\n%s", want, out)
		}
	}

	// Its closing lines find records in the demo data: run against an
	// emulator with the same seed, each reads at least one.
	_, srv := sharedEmulatorHarness(t)
	ran := 0
	for _, ex := range examplesIn(out, "nsconnect demo") {
		args, _, err := shellWords(ex.line)
		if err != nil || args[0] != "record" {
			continue
		}
		ran++
		hh := harnessFor(t, srv)
		if code := hh.run(args...); code != 0 || !strings.Contains(hh.out.String(), `"id":`) {
			t.Errorf("the demo's closing line %q finds nothing: exit %d\n%s%s", ex.line, code, hh.out, hh.errOut)
		}
	}
	if ran != 2 {
		t.Errorf("ran %d of the demo's closing lines, want the get and the list:\n%s", ran, out)
	}
}
