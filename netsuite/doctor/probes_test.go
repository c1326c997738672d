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
// says it cannot read it.
func TestConcurrencyCheck(t *testing.T) {
	t.Parallel()
	admin := emulatortest.NewServer(t, emulator.Options{NoSeed: true, AccountYAML: administrator(t)})
	other := emulatortest.NewServer(t, emulator.Options{NoSeed: true})
	tests := []struct {
		name   string
		srv    *emulator.Server
		uses   int
		status doctor.Status
		says   string
	}{
		{"below the limit", admin, 0, doctor.OK, "this connection sends up to 5 requests at once; the account's limit is 10"},
		{"at the limit", admin, 10, doctor.OK, "this connection sends up to 10 requests at once, the account's limit"},
		{"above the limit", admin, 12, doctor.Warn, "more than the account's limit, 10: NetSuite refuses the rest (429)"},
		{"not an administrator", other, 0, doctor.Skip, "the account's limit cannot be read (403 INSUFFICIENT_PERMISSION"},
	}
	for _, tt := range tests {
		cfg := configOf(t, tt.srv)
		cfg.Concurrency = tt.uses
		c := doctor.Run(t.Context(), cfg).Check("concurrency")
		if c.Status != tt.status || !strings.Contains(c.Reason, tt.says) {
			t.Errorf("%s: %s: %s", tt.name, c.Status, c.Reason)
		}
	}
}

// The connection's time zone is compared with the one SuiteQL renders
// NetSuite's time in, by their offsets now.
func TestTimezoneCheck(t *testing.T) {
	t.Parallel()
	srv := emulatortest.NewServer(t, emulator.Options{NoSeed: true})
	for _, tt := range []struct {
		zone   string
		status doctor.Status
		says   string
	}{
		{"America/Los_Angeles", doctor.OK, "America/Los_Angeles is UTC-0"},
		{"America/Vancouver", doctor.OK, "America/Vancouver is UTC-0"}, // the same offsets: cannot be told apart
		{"Asia/Kolkata", doctor.Fail, "but the connection's time zone Asia/Kolkata is UTC+05:30"},
		{"UTC", doctor.Fail, "but the connection's time zone UTC is UTC+00:00: datetimes would be read and written"},
	} {
		cfg := configOf(t, srv)
		cfg.Timezone = tt.zone
		c := doctor.Run(t.Context(), cfg).Check("timezone")
		if c.Status != tt.status || !strings.Contains(c.Reason, tt.says) {
			t.Errorf("%s: %s: %s", tt.zone, c.Status, c.Reason)
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
