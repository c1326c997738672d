package records

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// Error is a failure NetSuite reports with its error envelope
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html):
// the HTTP layer renders it as
//
//	{"type":..., "title":..., "status": Status, "o:errorDetails": [{"detail": Detail,
//	 "o:errorUrl": URL, "o:errorCode": Code, "o:errorPath": Path,
//	 "o:errorQueryParam": QueryParam, "o:errorHeader": Header}]}
//
// leaving out the empty optional keys. Every error Serve, Resolve and Create
// return for a client mistake is an *Error; any other error is the emulator's
// own fault (an UNEXPECTED_ERROR to the client).
type Error struct {
	// Status is the HTTP status.
	Status int
	// Code is the o:errorCode.
	Code string
	// Detail is the human-readable detail.
	Detail string
	// Path is the o:errorPath: the JSON path of the body value at fault
	// ("item.items[0].item").
	Path string
	// QueryParam is the o:errorQueryParam: the query parameter at fault.
	QueryParam string
	// Header is the o:errorHeader: the request header at fault.
	Header string
	// URL is the o:errorUrl: the path of the request URL, as sent, when the
	// URL is at fault ("/services/rest/record/v1/customer/000"; see
	// errInvalidID).
	URL string
}

// Error returns "records: <status> <code>: <detail>".
func (e *Error) Error() string {
	return "records: " + strconv.Itoa(e.Status) + " " + e.Code + ": " + e.Detail
}

// The o:errorCode values this package returns
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html).
const (
	CodeNonexistentID    = "NONEXISTENT_ID"
	CodeNonexistentField = "NONEXISTENT_FIELD"
	CodeInvalidContent   = "INVALID_CONTENT"
	CodeInvalidRequest   = "INVALID_REQUEST"
	CodeInvalidParameter = "INVALID_PARAMETER"
	CodeUserError        = "USER_ERROR"
	CodeMethodNotAllowed = "METHOD_NOT_ALLOWED"
	CodeInvalidID        = "INVALID_ID"
)

// Texts NetSuite sends. Each names its source; the ones that had to be assumed
// say so. "netsuite-api-client's live tests" are the integration tests of the
// npm client netsuite-api-client (GitHub julbrs/netsuite-api-client, file
// test/request.test.ts), which run against a real account and expect these
// texts.
const (
	// detailNotFound is the 404 for a record ID that does not exist:
	// netsuite-api-client's live tests expect it for GET
	// /record/v1/customer/-1. Oracle's older page
	// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html)
	// prints "Record does not exist."; the emulator follows the newer text.
	detailNotFound = "The record instance does not exist. Provide a valid record instance ID."

	// detailMalformed is Oracle's INVALID_REQUEST text (a space in
	// metadata-catalog's select,
	// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html).
	detailMalformed = "The request could not be understood by the server due to malformed syntax."

	// detailBadBody is the detail for a body that is not JSON:
	// netsuite-api-client's live tests post "bad body" and expect it.
	//
	// Assumption: its code is INVALID_CONTENT (the test gives the text only);
	// a sublist sent as a bare array instead of {"items": [...]} gets it too,
	// as reported in public client code and issues, not verified against a
	// live account.
	detailBadBody = "Invalid content in the request body"

	// resourcePrefix starts the details of business-rule errors in the current
	// REST API: netsuite-api-client's live tests expect "Error while accessing
	// a resource. Please enter value(s) for: " for POST customer {}.
	//
	// Assumption: the same prefix starts "This entity already exists." and
	// "Transaction type specified is incorrect." (errDuplicate,
	// errWrongTransactionType): text as reported in public client code and
	// issues, not verified against a live account.
	resourcePrefix = "Error while accessing a resource. "

	// invalidValuePrefix starts Oracle's example of an invalid reference
	// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html):
	// "Error while accessing resource: You have entered an Invalid Field Value
	// 9999 for the following field: item". Public client code and issues also
	// report it worded "Error while accessing a resource. You have entered an
	// Invalid Field Value 53384 for the following field: customer." with
	// USER_ERROR (not verified against a live account); the emulator keeps
	// Oracle's documented form.
	invalidValuePrefix = "Error while accessing resource: "
)

// The o:errorCode values of the HTTP layer (the emulator's login,
// permission check and governance).
const (
	CodeInvalidLogin             = "INVALID_LOGIN"
	CodeInsufficientPermission   = "INSUFFICIENT_PERMISSION"
	CodeConcurrencyLimitExceeded = "CONCURRENCY_LIMIT_EXCEEDED"
	CodeUnexpectedError          = "UNEXPECTED_ERROR"
	// CodeIdempotencyError answers an asynchronous request whose
	// X-NetSuite-Idempotency-Key was already submitted, with status 400
	// (Oracle, Sending an Asynchronous Request Using an Idempotency Key,
	// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_164494900632.html).
	CodeIdempotencyError = "IDEMPOTENCY_ERROR"
)

// statuses is the one table from error code to HTTP status (Oracle
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html):
// every error the emulator answers with takes its status from here.
var statuses = map[string]int{
	CodeInvalidLogin:             http.StatusUnauthorized,
	CodeInsufficientPermission:   http.StatusForbidden,
	CodeNonexistentID:            http.StatusNotFound,
	CodeNonexistentField:         http.StatusBadRequest,
	CodeInvalidContent:           http.StatusBadRequest,
	CodeInvalidRequest:           http.StatusBadRequest,
	CodeInvalidParameter:         http.StatusBadRequest,
	CodeUserError:                http.StatusBadRequest,
	CodeInvalidID:                http.StatusBadRequest,
	CodeConcurrencyLimitExceeded: http.StatusTooManyRequests,
	CodeUnexpectedError:          http.StatusInternalServerError,
	CodeIdempotencyError:         http.StatusBadRequest,
	CodeMethodNotAllowed:         http.StatusMethodNotAllowed,
}

// NewError returns the error with code and detail, its status from the
// code-to-status table. It panics for a code the table lacks, a programming
// error.
func NewError(code, detail string) *Error {
	status, ok := statuses[code]
	if !ok {
		panic("records: error code " + code + " has no status")
	}
	return &Error{Status: status, Code: code, Detail: detail}
}

func (e *Error) atPath(p string) *Error       { e.Path = p; return e }
func (e *Error) atQueryParam(q string) *Error { e.QueryParam = q; return e }
func (e *Error) atHeader(h string) *Error     { e.Header = h; return e }

func errNotFound() *Error {
	return NewError(CodeNonexistentID, detailNotFound)
}

// errExternalIDNotFound is the 404 for an eid: that no record of the type
// has. The text is NetSuite's live answer as public code has it: a test
// fixture pasted from a live response, and an integration's error handler
// (a Python store-to-NetSuite sync) that parses "The record instance for
// external ID '(.*?)' does not exist" out of it; the code index that found
// them does not name their repositories.
//
// Assumption: the code is NONEXISTENT_ID, as for an internal ID.
func errExternalIDNotFound(eid string) *Error {
	return NewError(CodeNonexistentID,
		"The record instance for external ID '"+displayText(eid)+"' does not exist. Provide a valid record instance ID.")
}

// errInvalidID answers a path ID that is not an identifier at all, with
// o:errorUrl, the path of the request. A live answer for
// /services/rest/record/v1/customer/000, pasted into the unit tests of a
// public Python NetSuite integration (the code index that found it does not
// name its repository), is
//
//	{"type":"https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1","title":"Bad Request","status":400,
//	 "o:errorDetails":[{"detail":"Invalid record instance identifier '000'. Provide a valid record instance ID.",
//	 "o:errorUrl":"/services/rest/record/v1/customer/000","o:errorCode":"INVALID_ID"}]}
//
// The emulator sends its details byte for byte; the type is the RFC 9110
// form the emulator sends for every 400 (a newer live 404 carries it).
//
// Assumption: which IDs are invalid. The capture shows only "000", and
// netsuite-api-client's live tests show that "-1" is a 404 (detailNotFound).
// The emulator takes as identifiers a whole number without leading zeros
// (negative ones name no record: 404) and eid:<externalId>; anything else
// ("0", "01", "1.0", "+1", "abc", a number beyond 64 bits, "eid:" with
// nothing after it or with an external ID no record can have, see
// validExternalID) is INVALID_ID.
func errInvalidID(seg, url string) *Error {
	e := NewError(CodeInvalidID,
		"Invalid record instance identifier '"+displayText(seg)+"'. Provide a valid record instance ID.")
	e.URL = url
	return e
}

// errUnknownType is the answer for a record type the account does not have.
// netsuite-api-client's live tests expect "Record type 'bad-path' does not
// exist" for GET record/v1/bad-path.
//
// Assumption: the code is NONEXISTENT_ID and the status 404 (the test gives
// the text only); the status and the final period as reported in public
// client code and issues ("Record type 'file' does not exist.", 404), not
// verified against a live account.
func errUnknownType(name string) *Error {
	return NewError(CodeNonexistentID, fmt.Sprintf("Record type '%s' does not exist.", name))
}

func errMalformed() *Error {
	return NewError(CodeInvalidRequest, detailMalformed)
}

func errBadBody() *Error {
	return NewError(CodeInvalidContent, detailBadBody)
}

// errInvalidValue is Oracle's invalid field value error
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html).
func errInvalidValue(path, field, value string) *Error {
	return NewError(CodeInvalidContent,
		invalidValuePrefix+"You have entered an Invalid Field Value "+value+" for the following field: "+field).atPath(path)
}

// errMandatory is NetSuite's missing mandatory field error:
// netsuite-api-client's live tests expect the prefix "Error while accessing a
// resource. Please enter value(s) for: " for POST customer {}. Several labels
// are joined with ", " as NetSuite's classic message does ("Please enter
// value(s) for: Start Due Date, End Due Date, Status.").
//
// Assumption: USER_ERROR, and the whole text for a customer without a
// subsidiary, "Error while accessing a resource. Please enter value(s) for:
// Primary Subsidiary.", as reported in public client code and issues, not
// verified against a live account.
func errMandatory(labels []string) *Error {
	d := resourcePrefix + "Please enter value(s) for: "
	for i, l := range labels {
		if i > 0 {
			d += ", "
		}
		d += l
	}
	return NewError(CodeUserError, d+".")
}

// errTooLong answers a text value longer than its field holds (see
// maxTextBytes). The sentence, with the field's ID in lower case and the
// spaces inside the parentheses, is NetSuite's as reported in public client
// code and issues, not verified against a live account: "The field trandate
// contained more than the maximum number ( 10 ) of characters allowed." (a
// PHP client's test of a SOAP answer), "The field stockdescription contained
// more than the maximum number ( 21 ) of characters allowed." (a REST
// client's test), and a 2026 REST data load's notes give USER_ERROR for
// the phone field.
//
// Assumption: the REST API sends it with the resource prefix and
// o:errorPath, and the limit counts bytes of UTF-8 (see maxTextBytes).
func errTooLong(path, field string, limit int) *Error {
	return NewError(CodeUserError, fmt.Sprintf(
		"%sThe field %s contained more than the maximum number ( %d ) of characters allowed.",
		resourcePrefix, strings.ToLower(displayText(field)), limit)).atPath(path)
}

// errReadOnly is the answer to a value for a field the client may not set.
// The sentence is NetSuite's classic one, "You do not have permission to set a
// value for element <field>" (seen in SuiteScript and in Expensify's NetSuite
// error catalogue).
//
// Assumption: the REST API sends it with the resource prefix, USER_ERROR and
// o:errorPath, and with the three reasons NetSuite's message lists.
func errReadOnly(path, field string) *Error {
	return NewError(CodeUserError, resourcePrefix+
		"You do not have permission to set a value for element "+field+
		" due to one of the following reasons: 1) The field is read-only; 2) An associated feature is disabled; 3) The field is available either when a record is created or updated, but not in both cases.").atPath(path)
}

// errUnknownField answers a body field the record does not have, under
// X-NetSuite-PropertyNameValidation: error.
//
// Assumption: code NONEXISTENT_FIELD (Airbyte maps unknown fields to it:
// airbytehq/airbyte source_netsuite/errors.py) and this wording; no source
// shows NetSuite's.
func errUnknownField(path, field, recordType string) *Error {
	return NewError(CodeNonexistentField,
		fmt.Sprintf("The field %s does not exist on the %s record.", field, recordType)).atPath(path)
}

// errDuplicate answers a create or update that would give a second record of
// the type the same external ID. "This record already exists" is what
// connectors match for a duplicate external ID (Syncari's NetSuite connector,
// CData's NetSuite driver docs).
//
// Assumption: entity types answer "Error while accessing a resource. This
// entity already exists." with USER_ERROR (a vendor POST whose external ID
// existed), text as reported in public client code and issues, not verified
// against a live account; other record types use "This record already
// exists." with the same prefix and code.
func errDuplicate(entity bool) *Error {
	if entity {
		return NewError(CodeUserError, resourcePrefix+"This entity already exists.")
	}
	return NewError(CodeUserError, resourcePrefix+"This record already exists.")
}

// errWrongTransactionType answers a transaction ID that belongs to another
// transaction type.
//
// Assumption: the text and the status 400, as reported in public client code
// and issues (a client's published test report gives them for GET
// /record/v1/vendorBill/999999 and /expenseReport/999999), not verified
// against a live account; the code USER_ERROR (the report gives none); and
// only for an ID that exists as another transaction type: a transaction ID
// that does not exist at all is 404 NONEXISTENT_ID like every other record.
// The report's IDs seem not to exist at all, so NetSuite may answer them with
// this error too: a possible divergence.
func errWrongTransactionType() *Error {
	return NewError(CodeUserError, resourcePrefix+"Transaction type specified is incorrect.")
}

// errNoLines answers a sales transaction without item lines.
//
// Assumption: NetSuite's classic UI message, with the resource prefix and
// USER_ERROR.
func errNoLines() *Error {
	return NewError(CodeUserError, resourcePrefix+"You must enter at least one line item for this transaction.")
}

// errMethod answers a method the resource does not support.
//
// Assumption: 405 METHOD_NOT_ALLOWED and this wording.
func errMethod(method string) *Error {
	return NewError(CodeMethodNotAllowed,
		fmt.Sprintf("The HTTP method %s is not supported for this resource.", method))
}

// errUpsertNeedsEID answers PUT on an internal ID. Oracle: "You can only use the upsert operation
// when you use an external ID in the request URL and when you use the PUT HTTP method"
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156335203191.html).
//
// Assumption: NetSuite's answer is not documented; the emulator sends the
// malformed-request error (400 INVALID_REQUEST).
func errUpsertNeedsEID() *Error {
	return errMalformed()
}

// errParam answers a bad value of a query parameter.
//
// Assumption: 400 INVALID_PARAMETER with o:errorQueryParam; the wording is the
// emulator's own
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156414087576.html
// says only that breaking the paging rules gives a non-2xx response).
func errParam(name, detail string) *Error {
	return NewError(CodeInvalidParameter, detail).atQueryParam(name)
}

// errHeader answers a bad value of a request header.
//
// Assumption: 400 INVALID_REQUEST with o:errorHeader and this wording.
func errHeader(name, value string) *Error {
	return NewError(CodeInvalidRequest,
		fmt.Sprintf("Invalid value %q for the header %s. Use Error, Warning or Ignore.", value, name)).atHeader(name)
}
