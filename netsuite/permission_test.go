package netsuite

import (
	"net/http"
	"strings"
	"testing"
)

// A 403 names what the request needed: its record type, the level its
// method needs and where a role is given it; SuiteQL names SuiteAnalytics
// Workbook. Other refusals, and 403s with another code, name nothing.
func TestMissingPermission(t *testing.T) {
	t.Parallel()
	const base = "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/"
	const perms = "Setup > Users/Roles > Manage Roles > the role > Permissions > "
	tests := []struct {
		method, path string
		status       int
		code         string
		want         string // "" when nothing is named
	}{
		{"GET", "record/v1/customer/107", 403, "INSUFFICIENT_PERMISSION", "the token's role needs at least View on customer: " + perms + "Lists"},
		{"GET", "record/v1/customer?limit=1", 403, "INSUFFICIENT_PERMISSION", "the token's role needs at least View on customer: " + perms + "Lists"},
		{"POST", "record/v1/salesOrder", 403, "INSUFFICIENT_PERMISSION", "the token's role needs at least Create on salesOrder: " + perms + "Transactions"},
		{"PATCH", "record/v1/salesorder/42", 403, "INSUFFICIENT_PERMISSION", "the token's role needs at least Edit on salesorder: " + perms + "Transactions"},
		{"PUT", "record/v1/invoice/eid:INV-1", 403, "", "the token's role needs at least Edit on invoice: " + perms + "Transactions"},
		{"DELETE", "record/v1/customrecord_zone/3", 403, "INSUFFICIENT_PERMISSION", "the token's role needs at least Full on customrecord_zone: " + perms + "Custom Record"},
		{"POST", "query/v1/suiteql?limit=10", 403, "INSUFFICIENT_PERMISSION", "the token's role needs at least Edit on SuiteAnalytics Workbook: " + perms + "Reports; the account also needs the SuiteAnalytics Workbook feature (Setup > Company > Enable Features > Analytics)"},
		{"GET", "record/v1/metadata-catalog?select=customer", 403, "INSUFFICIENT_PERMISSION", ""},
		{"GET", "record/v1/account/1", 403, "FEATURE_DISABLED", ""},
		{"GET", "record/v1/customer/107", 404, "NONEXISTENT_ID", ""},
		{"GET", "system/v1/serverTime", 403, "INSUFFICIENT_PERMISSION", ""},
	}
	for _, tt := range tests {
		req, err := http.NewRequest(tt.method, base+tt.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		e := &Error{Status: tt.status, Response: &http.Response{StatusCode: tt.status, Request: req}}
		if tt.code != "" {
			e.Details = []ErrorDetail{{Code: tt.code, Detail: "Refused."}}
		}
		p, ok := e.MissingPermission()
		got := ""
		if ok {
			got = p.String()
		}
		if got != tt.want {
			t.Errorf("%s %s %d %s:\n got %q\nwant %q", tt.method, tt.path, tt.status, tt.code, got, tt.want)
		}
		if msg := e.Error(); ok != strings.Contains(msg, "the token's role needs") {
			t.Errorf("%s %s: the message names the permission %v, want %v: %s", tt.method, tt.path, !ok, ok, msg)
		}
	}
}
