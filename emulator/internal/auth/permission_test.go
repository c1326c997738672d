package auth

import (
	"errors"
	"net/http"
	"testing"

	"github.com/nsconnect/nsconnect/emulator/internal/account"
)

func TestMethodLevel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		method string
		want   account.Level
	}{
		{http.MethodGet, account.View},
		{http.MethodHead, account.View},
		{http.MethodPost, account.Create},
		{http.MethodPatch, account.Edit},
		{http.MethodPut, account.Edit},
		{http.MethodDelete, account.Full},
		{"PURGE", account.Full},
	}
	for _, tt := range tests {
		if got := MethodLevel(tt.method); got != tt.want {
			t.Errorf("MethodLevel(%s) = %s, want %s", tt.method, got, tt.want)
		}
	}
}

func TestRequire(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	must(t, e.acct.SetRecordPermission(account.DemoRole, "customer", account.View))
	must(t, e.acct.SetRecordPermission(account.DemoRole, "invoice", account.Edit))
	must(t, e.acct.SetRecordPermission(account.DemoRole, "vendor", account.None))
	p, err := e.auth.Authenticate(request(t, e.signer(t, account.DemoAccountID, account.DemoCredentials())), REST)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		recordType string
		method     string
		ok         bool
	}{
		{"customer", http.MethodGet, true},
		{"Customer", http.MethodGet, true},
		{"customer", http.MethodPost, false},
		{"invoice", http.MethodPatch, true},
		{"invoice", http.MethodPut, true},
		{"invoice", http.MethodDelete, false},
		{"salesOrder", http.MethodDelete, true},
		{"customrecord_shipping_zone", http.MethodDelete, true},
		{"vendor", http.MethodGet, false},
		{"customrecord_unknown", http.MethodGet, false},
	}
	for _, tt := range tests {
		err := Require(p, tt.recordType, MethodLevel(tt.method))
		if (err == nil) != tt.ok {
			t.Errorf("Require(%s, %s) = %v, want ok=%v", tt.recordType, tt.method, err, tt.ok)
		}
		if err != nil {
			var pe *PermissionError
			if !errors.As(err, &pe) || pe.Role != account.DemoRole || pe.Need != MethodLevel(tt.method) {
				t.Errorf("Require error = %#v", err)
			}
		}
	}
	err = Require(p, "customer", account.Create)
	if want := `auth: the role "nsconnect Integration" has View access to customer; this request needs Create`; err == nil || err.Error() != want {
		t.Errorf("error\n got %v\nwant %s", err, want)
	}
	if got := PermissionLevel(p, "INVOICE"); got != account.Edit {
		t.Errorf("PermissionLevel(INVOICE) = %s", got)
	}

	// The principal keeps the role it logged in with; the next login sees
	// the change.
	must(t, e.acct.SetRecordPermission(account.DemoRole, "customer", account.Full))
	if PermissionLevel(p, "customer") != account.View {
		t.Error("the principal's role changed during its request")
	}
	p2, err := e.auth.Authenticate(request(t, e.signer(t, account.DemoAccountID, account.DemoCredentials())), REST)
	if err != nil {
		t.Fatal(err)
	}
	if PermissionLevel(p2, "customer") != account.Full {
		t.Error("the next login does not see the change")
	}

	if err := RequirePermission(p2, account.PermSuiteAnalyticsWorkbook, account.Edit); err != nil {
		t.Errorf("SuiteQL permission: %v", err)
	}
	if err := RequirePermission(p2, account.PermSetUpCompany, account.View); err == nil ||
		err.Error() != `auth: the role "nsconnect Integration" has None access to Set Up Company; this request needs View` {
		t.Errorf("RequirePermission = %v", err)
	}
}
