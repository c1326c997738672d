package doctor_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/emulator/emulatortest"
	"github.com/nsconnect/nsconnect/netsuite/doctor"
)

// administrator is the demo account whose token's role is the
// Administrator, which may read the governance limits.
func administrator(t *testing.T) []byte {
	return accountYAML(t, func(a map[string]any) {
		a["roles"].([]any)[0].(map[string]any)["administrator"] = true
		a["concurrencyLimit"] = 10
	})
}

// The concurrency limit is read where NetSuite shows it (to an
// administrator) and compared with the connection's; elsewhere the doctor
// says it cannot read it. The connection's time zone is compared with the
// one SuiteQL renders NetSuite's time in, by their offsets now.
func TestProbes(t *testing.T) {
	t.Parallel()
	admin := emulatortest.NewServer(t, emulator.Options{NoSeed: true, AccountYAML: administrator(t)})
	demo := emulatortest.NewServer(t, emulator.Options{NoSeed: true})
	concurrency := func(n int) func(*doctor.Config) { return func(c *doctor.Config) { c.Concurrency = n } }
	zone := func(name string) func(*doctor.Config) { return func(c *doctor.Config) { c.Timezone = name } }
	tests := []struct {
		name   string
		srv    *emulator.Server
		change func(*doctor.Config)
		check  string
		status doctor.Status
		says   string
	}{
		{"below the limit", admin, concurrency(0), "concurrency", doctor.OK, "this connection sends up to 5 requests at once; the account's limit is 10"},
		{"at the limit", admin, concurrency(10), "concurrency", doctor.OK, "this connection sends up to 10 requests at once, the account's limit"},
		{"above the limit", admin, concurrency(12), "concurrency", doctor.Warn, "more than the account's limit, 10: NetSuite refuses the rest (429)"},
		{"not an administrator", demo, concurrency(0), "concurrency", doctor.Skip, "the account's limit cannot be read (403 INSUFFICIENT_PERMISSION"},
		{"the account's zone", demo, zone("America/Los_Angeles"), "timezone", doctor.OK, "America/Los_Angeles is UTC-0"},
		{"a zone with the same offsets", demo, zone("America/Vancouver"), "timezone", doctor.OK, "America/Vancouver is UTC-0"},
		{"a zone ahead", demo, zone("Asia/Kolkata"), "timezone", doctor.Fail, "but the connection's time zone Asia/Kolkata is UTC+05:30"},
		{"UTC", demo, zone("UTC"), "timezone", doctor.Fail, "but the connection's time zone UTC is UTC+00:00: datetimes would be read and written"},
	}
	for _, tt := range tests {
		cfg := configOf(t, tt.srv)
		tt.change(&cfg)
		c := doctor.Run(t.Context(), cfg).Check(tt.check)
		if c.Status != tt.status || !strings.Contains(c.Reason, tt.says) {
			t.Errorf("%s: %s: %s", tt.name, c.Status, c.Reason)
		}
	}
}

// A report in JSON has each check's step with its title, and the login to
// keep; never a secret.
func TestReportJSON(t *testing.T) {
	t.Parallel()
	srv := emulatortest.NewServer(t, emulator.Options{NoSeed: true})
	cfg := configOf(t, srv)
	r := doctor.Run(t.Context(), cfg)
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Account string
		Checks  []struct{ ID, Status, StepTitle string }
		Login   *doctor.Login
	}
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	if got.Account != "1234567_SB1" || len(got.Checks) != len(r.Checks) || got.Login == nil || got.Login.ConsumerKey == "" {
		t.Fatalf("report: %s", data)
	}
	for _, c := range got.Checks {
		if c.StepTitle == "" || c.Status == "" {
			t.Errorf("check %+v", c)
		}
	}
	doctor.AssertNoSecrets(t, r, cfg)
}
