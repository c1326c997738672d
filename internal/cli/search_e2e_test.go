package cli

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nsconnect/nsconnect/emulator"
)

func TestNewSearchCmd(t *testing.T) {
	t.Parallel()
	cases := []struct {
		args    []string
		want    SearchOptions
		wantErr string
	}{
		{args: []string{"search", "--saved", "customsearch_x"}, want: SearchOptions{Saved: "customsearch_x"}},
		{args: []string{"search", "customer", "--saved", "57", "-o", "csv", "--page-size", "50"},
			want: SearchOptions{RecordType: "customer", Saved: "57", PageSize: 50, Output: OutputOptions{Format: "csv"}}},
		{args: []string{"search", "customer", "--where", "email startsWith ann", "-w", `companyName is "A B"`, "--max-rows", "3"},
			want: SearchOptions{RecordType: "customer", Where: []string{"email startsWith ann", `companyName is "A B"`}, MaxRows: 3}},
		{args: []string{"search"}, wantErr: "give a record type for a basic search"},
		{args: []string{"search", "widget", "--where", "a is b"}, wantErr: `record type "widget": SOAP search covers customer, contact`},
		{args: []string{"search", "customer", "--saved", "1", "--where", "email is a"}, wantErr: "takes no --where"},
		{args: []string{"search", "customer", "--where", "email"}, wantErr: "--where search condition \"email\": write FIELD OPERATOR VALUE"},
		{args: []string{"search", "customer", "--where", "email resembles x"}, wantErr: `unknown operator "resembles"`},
		{args: []string{"search", "customer", "--page-size", "4"}, wantErr: "--page-size 4: a SOAP search page holds 5 to 1000"},
		{args: []string{"search", "customer", "--max-rows", "-1"}, wantErr: "--max-rows -1"},
		{args: []string{"search", "customer", "contact"}, wantErr: "takes at most 1 argument"},
		{args: []string{"search", "customer", "-o", "yaml"}, wantErr: `"yaml"`},
	}
	for _, tt := range cases {
		got, err := parse(t, newSearchCmd, tt.args...)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%q: error = %v, want %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.args, err)
			continue
		}
		if diff := cmp.Diff(&tt.want, got, ignoreDeps); diff != "" {
			t.Errorf("%q: options (-want +got):\n%s", tt.args, diff)
		}
	}
}

// TestSearchEndToEnd runs nsconnect search against the emulator over HTTP:
// the demo's saved search by script ID without a type, by internal ID with
// one, and basic searches, in each output format.
func TestSearchEndToEnd(t *testing.T) {
	t.Parallel()
	h, _ := emulatorHarness(t)
	run := h.mustRun
	activeIDs := func() []string {
		out := run("query", "SELECT id FROM customer WHERE isinactive = 'F' ORDER BY id", "-o", "csv")
		return strings.Split(strings.TrimSpace(out), "\n")[1:]
	}()

	// The saved search as CSV: its columns, in order, every active
	// customer by internal ID, across pages.
	out := run("search", "--saved", "customsearch_nsconnect_customers", "-o", "csv", "--page-size", "7")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(recs[0], []string{"internalId", "entityId", "companyName", "email"}) {
		t.Errorf("header %v", recs[0])
	}
	var ids []string
	for _, r := range recs[1:] {
		ids = append(ids, r[0])
	}
	if !slices.Equal(ids, activeIDs) {
		t.Errorf("saved search ids %v\nwant %v", ids, activeIDs)
	}

	// By internal ID with its type, as JSON.
	out = run("search", "customer", "--saved", "100", "-o", "json", "--max-rows", "3")
	var doc struct{ Rows []map[string]string }
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Rows) != 3 || doc.Rows[0]["internalId"] != activeIDs[0] || doc.Rows[0]["companyName"] == "" {
		t.Errorf("json: %v\n%s", err, out)
	}

	// A basic search, piped: NDJSON records with their fields.
	out = run("search", "customer", "--where", "companyName startsWith c", "--where", "isInactive is false")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	want := strings.Split(strings.TrimSpace(run("query", "SELECT id FROM customer WHERE LOWER(companyname) LIKE 'c%' AND isinactive = 'F' ORDER BY id", "-o", "csv")), "\n")[1:]
	if len(lines) != len(want) || len(want) == 0 {
		t.Fatalf("basic search: %d rows, want %d:\n%s", len(lines), len(want), out)
	}
	var first map[string]string
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil || first["internalId"] != want[0] || !strings.HasPrefix(strings.ToLower(first["companyName"]), "c") ||
		first["subsidiary"] == "" || first["subsidiary.refName"] == "" {
		t.Errorf("first record %v (%v)", first, err)
	}

	// A table on a terminal.
	h.f.IO.OutIsTTY = func() bool { return true }
	out = run("search", "customer", "--where", "companyName is \"Cascade Growers\"")
	h.f.IO.OutIsTTY = nil
	if !strings.HasPrefix(out, "internalId") || !strings.Contains(out, "Cascade Growers") || !strings.Contains(h.errOut.String(), "1 row(s).") {
		t.Errorf("table:\n%s\nstderr %s", out, h.errOut)
	}

	// Refusals: an unknown saved search names the types tried; NetSuite's
	// code is shown.
	if code := h.run("search", "--saved", "customsearch_nope"); code != 1 || !strings.Contains(h.errOut.String(), "no record type runs the saved search customsearch_nope (tried customer, transaction, item, contact, vendor, employee)") ||
		!strings.Contains(h.errOut.String(), "INVALID_SEARCH") {
		t.Errorf("unknown saved search: exit %d\n%s", code, h.errOut)
	}
	if code := h.run("search", "customer", "--where", "shoeSize is 9"); code != 1 || !strings.Contains(h.errOut.String(), "NONEXISTENT_FIELD") {
		t.Errorf("unknown field: exit %d\n%s", code, h.errOut)
	}
}

// TestSearchRefusedLogin: a refused SOAP login exits with the code of a
// failed connection and the login hint, without a secret.
func TestSearchRefusedLogin(t *testing.T) {
	t.Parallel()
	srv := emulator.Options{NoSeed: true}
	h, s := emulatorHarnessWith(t, srv)
	if err := s.SetFeature("SOAP_WEB_SERVICES", false); err != nil {
		t.Fatal(err)
	}
	code := h.run("search", "customer")
	conn, _ := s.Connection()
	stderr := h.errOut.String()
	if code != ExitConnection || !strings.Contains(stderr, "INVALID_LOGIN_ATTEMPT") || !strings.Contains(stderr, "Login Audit Trail") || strings.Contains(stderr, conn.Credentials.TokenSecret.Reveal()) {
		t.Errorf("exit %d\n%s", code, stderr)
	}
	if got := lastReason(t, s); got != "FeatureDisabled" {
		t.Errorf("audit reason %q", got)
	}
}

// lastReason is the reason of the newest login in the audit trail.
func lastReason(t *testing.T, s *emulator.Server) string {
	t.Helper()
	entries, err := s.Audit("", 1)
	if err != nil || len(entries) != 1 {
		t.Fatal(errors.Join(err, errors.New("no audit entry")))
	}
	return string(entries[0].Reason)
}

// TestSearchVerboseRedactsPassport: -v shows the SOAP envelope with its
// tokenPassport redacted, as it redacts the Authorization header.
func TestSearchVerboseRedactsPassport(t *testing.T) {
	t.Parallel()
	h, s := emulatorHarnessWith(t, emulator.Options{NoSeed: true})
	if code := h.run("search", "customer", "-v", "--quiet"); code != 0 {
		t.Fatalf("exit %d\n%s", code, h.errOut)
	}
	conn, _ := s.Connection()
	stderr := h.errOut.String()
	if !strings.Contains(stderr, "<platformMsgs:tokenPassport>[REDACTED]</platformMsgs:tokenPassport>") || !strings.Contains(stderr, "Soapaction: search") ||
		strings.Contains(stderr, conn.Credentials.ConsumerKey) || strings.Contains(stderr, conn.Credentials.TokenID) {
		t.Errorf("stderr:\n%s", stderr)
	}
}

// TestSearchRefusesM2M: with auth m2m the command says that SOAP takes TBA
// only, before any request.
func TestSearchRefusesM2M(t *testing.T) {
	t.Parallel()
	srv, exchanges := fakeM2MNetSuite(t, "cert-1")
	h := newHarness(t, m2mEnv(t, srv.URL))
	code := h.run("search", "--saved", "customsearch_x")
	if code != ExitFailure || !strings.Contains(h.errOut.String(), "SOAP does not accept OAuth 2.0") || !strings.Contains(h.errOut.String(), "NETSUITE_AUTH=tba") || exchanges.Load() != 0 {
		t.Errorf("exit %d, %d token exchanges\n%s", code, exchanges.Load(), h.errOut)
	}
}

// TestSearchSavedTrialStopsOnOtherRefusal: without a record type, a saved
// search refused with anything but INVALID_SEARCH (here a role without the
// customer search) stops the trial of types and asks for the type, with
// NetSuite's code; with the type given, the refusal is NetSuite's alone.
func TestSearchSavedTrialStopsOnOtherRefusal(t *testing.T) {
	t.Parallel()
	h, srv := emulatorHarness(t)
	var searches atomic.Int32
	h.env["NETSUITE_BASE_URL"] = frontOf(t, srv, func(w http.ResponseWriter, r *http.Request) bool {
		if r.Header.Get("SOAPAction") == "search" {
			searches.Add(1)
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>`+
				`<searchResponse xmlns="urn:messages_2025_2.platform.webservices.netsuite.com"><platformCore:searchResult xmlns:platformCore="urn:core_2025_2.platform.webservices.netsuite.com">`+
				`<platformCore:status isSuccess="false"><platformCore:statusDetail type="ERROR"><platformCore:code>INSUFFICIENT_PERMISSION</platformCore:code>`+
				`<platformCore:message>Permission Violation: You need  the 'Lists -&gt; Customers' permission to access this page.</platformCore:message></platformCore:statusDetail></platformCore:status>`+
				`</platformCore:searchResult></searchResponse></soapenv:Body></soapenv:Envelope>`)
			return true
		}
		return false
	})
	code := h.run("search", "--saved", "customsearch_nsconnect_customers")
	stderr := h.errOut.String()
	if code != 1 || searches.Load() != 1 || !strings.Contains(stderr, "the saved search customsearch_nsconnect_customers failed as a customer search, and nsconnect cannot tell whether it is of another record type: give its record type (nsconnect search TYPE --saved customsearch_nsconnect_customers") ||
		!strings.Contains(stderr, "INSUFFICIENT_PERMISSION") {
		t.Errorf("exit %d, %d searches\n%s", code, searches.Load(), stderr)
	}
	searches.Store(0)
	code = h.run("search", "customer", "--saved", "customsearch_nsconnect_customers")
	if stderr := h.errOut.String(); code != 1 || searches.Load() != 1 || strings.Contains(stderr, "give its record type") || !strings.Contains(stderr, "INSUFFICIENT_PERMISSION") {
		t.Errorf("with the type: exit %d, %d searches\n%s", code, searches.Load(), stderr)
	}
}
