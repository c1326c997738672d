package auth

import (
	"fmt"
	"net/http"

	"github.com/nsconnect/nsconnect/emulator/internal/account"
)

// PermissionLevel returns the level p's role has on a record type (customer,
// salesOrder, customrecord_x; matched ignoring case), None if it has none.
func PermissionLevel(p *Principal, recordType string) account.Level {
	return p.Role.RecordLevel(recordType)
}

// MethodLevel returns the record permission level an HTTP method of the record API needs, by
// Oracle's definitions of the levels ("Access Levels for Permissions",
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N326341.html): View to read
// (GET, and HEAD), Create to create (POST), Edit to change (PATCH, and PUT, the upsert, which may
// create or change), Full to delete (DELETE). Any other method needs Full.
func MethodLevel(method string) account.Level {
	switch method {
	case http.MethodGet, http.MethodHead:
		return account.View
	case http.MethodPost:
		return account.Create
	case http.MethodPatch, http.MethodPut:
		return account.Edit
	}
	return account.Full
}

// A PermissionError reports that a role's level is below what a request needs.
// The HTTP layer answers it with 403 INSUFFICIENT_PERMISSION
// (omniboost/go-netsuite-rest client.go, a live capture; Airbyte
// source_netsuite/errors.py), not with a login error.
type PermissionError struct {
	// Role is the role's name.
	Role string
	// What is the record type or permission label checked.
	What string
	// Have is the role's level; Need is the level needed.
	Have, Need account.Level
}

func (e *PermissionError) Error() string {
	return fmt.Sprintf("auth: the role %q has %s access to %s; this request needs %s", e.Role, e.Have, e.What, e.Need)
}

// Require returns a *PermissionError unless p's role has at least the needed
// level on recordType; use MethodLevel for the level a request needs.
func Require(p *Principal, recordType string, needed account.Level) error {
	if have := PermissionLevel(p, recordType); have < needed {
		return &PermissionError{Role: p.Role.Name, What: recordType, Have: have, Need: needed}
	}
	return nil
}

// RequirePermission returns a *PermissionError unless p's role has at least the
// needed level of permission perm: for SuiteQL, SuiteAnalytics Workbook at Edit
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_5085602973.html).
func RequirePermission(p *Principal, perm account.Permission, needed account.Level) error {
	if have := p.Role.Permission(perm); have < needed {
		return &PermissionError{Role: p.Role.Name, What: perm.Label(), Have: have, Need: needed}
	}
	return nil
}
