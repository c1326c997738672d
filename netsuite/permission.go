package netsuite

import (
	"net/http"
	"strings"
)

// A MissingPermission is what a 403 of the record API or of SuiteQL says the
// token's role lacks. NetSuite's answer names no permission; the request it
// refused does: its record type, and its method, which needs one access
// level (Oracle, "Access Levels for Permissions",
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N326341.html:
// View reads, Create also creates, Edit also edits, Full also deletes).
type MissingPermission struct {
	// RecordType is the record type of a record API request, such as
	// customer; "" for SuiteQL.
	RecordType string
	// Level is the lowest level the request needs: View, Create, Edit or
	// Full.
	Level string
	// Permission names the permission as the role form does: the record
	// type, or SuiteAnalytics Workbook for SuiteQL.
	Permission string
	// Where is where a role is given it in NetSuite's UI.
	Where string
}

// String says it for people: "the token's role needs at least View on
// customer: Setup > Users/Roles > Manage Roles > the role > Permissions >
// Lists".
func (p MissingPermission) String() string {
	s := "the token's role needs at least " + p.Level + " on " + p.Permission + ": " + p.Where
	if p.RecordType == "" {
		s += "; the account also needs the SuiteAnalytics Workbook feature (Setup > Company > Enable Features > Analytics)"
	}
	return s
}

// rolePermissions is where a role's permissions are set.
const rolePermissions = "Setup > Users/Roles > Manage Roles > the role > Permissions > "

// MissingPermission returns what the role of a refused record API or SuiteQL
// request lacks, when e is a 403 (INSUFFICIENT_PERMISSION, or no code) to
// one; false otherwise, and for a 403 with another code, such as a beta
// record that a feature must enable.
//
// SuiteQL needs the SuiteAnalytics Workbook permission at Edit (Reports
// subtab) and the feature of the same name (Oracle,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_5085602973.html).
func (e *Error) MissingPermission() (MissingPermission, bool) {
	if e.Status != http.StatusForbidden || e.Response == nil || e.Response.Request == nil || e.Response.Request.URL == nil {
		return MissingPermission{}, false
	}
	if !e.hasCode("INSUFFICIENT_PERMISSION") && (e.Code != "" || len(e.Details) > 0 && e.Details[0].Code != "") {
		return MissingPermission{}, false
	}
	req := e.Response.Request
	_, rest, ok := strings.Cut(req.URL.Path, restPath)
	if !ok {
		return MissingPermission{}, false
	}
	if rest == suiteQLPath {
		return MissingPermission{Level: "Edit", Permission: "SuiteAnalytics Workbook", Where: rolePermissions + "Reports"}, true
	}
	rest, ok = strings.CutPrefix(rest, "record/v1/")
	recordType, _, _ := strings.Cut(rest, "/")
	if !ok || recordType == "" || recordType == "metadata-catalog" {
		return MissingPermission{}, false
	}
	return MissingPermission{
		RecordType: recordType,
		Level:      methodLevel(req.Method),
		Permission: recordType,
		Where:      rolePermissions + permissionSubtab(recordType),
	}, true
}

// methodLevel is the lowest access level that allows a method of the record
// API: View to read, Create to create, Edit to update or upsert, Full to
// delete.
func methodLevel(method string) string {
	switch method {
	case http.MethodGet, http.MethodHead:
		return "View"
	case http.MethodPost:
		return "Create"
	case http.MethodPatch, http.MethodPut:
		return "Edit"
	}
	return "Full"
}

// transactionTypes are record types whose permission is on the role's
// Transactions subtab: the transaction record types of the REST API.
var transactionTypes = map[string]bool{
	"assemblyBuild": true, "cashRefund": true, "cashSale": true, "check": true, "creditMemo": true,
	"customerDeposit": true, "customerPayment": true, "customerRefund": true, "deposit": true,
	"estimate": true, "expenseReport": true, "inventoryAdjustment": true, "inventoryTransfer": true,
	"invoice": true, "itemFulfillment": true, "itemReceipt": true, "journalEntry": true,
	"opportunity": true, "purchaseOrder": true, "returnAuthorization": true, "salesOrder": true,
	"timeBill": true, "transferOrder": true, "vendorBill": true, "vendorCredit": true,
	"vendorPayment": true, "vendorReturnAuthorization": true, "workOrder": true,
}

// permissionSubtab names the subtab of the role's Permissions where a
// record type's permission is: Custom Record for custom record types,
// Transactions for transactions, Lists for the others (entities, items,
// accounting lists).
func permissionSubtab(recordType string) string {
	lower := strings.ToLower(recordType)
	switch {
	case strings.HasPrefix(lower, "customrecord"):
		return "Custom Record"
	case transactionTypes[recordType]:
		return "Transactions"
	}
	for t := range transactionTypes {
		if strings.EqualFold(t, recordType) {
			return "Transactions"
		}
	}
	return "Lists"
}
