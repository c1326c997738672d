package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/nsconnect/nsconnect/emulator/internal/records"
)

// NetSuite's REST error envelope (Oracle
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html):
//
//	{"type": ..., "title": ..., "status": ..., "o:errorDetails": [{"detail", "o:errorCode", "o:errorPath"?}]}
//
// The emulator keeps its own wire types, apart from the client library's, so
// that one JSON bug cannot hide on both sides.

// errorBody is the envelope, its fields in NetSuite's order.
type errorBody struct {
	Type    string        `json:"type"`
	Title   string        `json:"title"`
	Status  int           `json:"status"`
	Code    string        `json:"o:errorCode,omitempty"`
	Details []errorDetail `json:"o:errorDetails"`
}

type errorDetail struct {
	Detail string `json:"detail"`
	// URL is the o:errorUrl, which a live INVALID_ID answer puts between
	// the detail and the code (emulator/internal/records, errInvalidID).
	URL        string `json:"o:errorUrl,omitempty"`
	Code       string `json:"o:errorCode"`
	Path       string `json:"o:errorPath,omitempty"`
	Header     string `json:"o:errorHeader,omitempty"`
	QueryParam string `json:"o:errorQueryParam,omitempty"`
}

// newError returns the error with code and detail; its status comes from the
// one code-to-status table, records.NewError's.
var newError = records.NewError

// Texts NetSuite sends, verbatim from Oracle's error page,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html.
const (
	detailInvalidLogin = "Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail."
	detailConcurrency  = "Concurrent request limit exceeded. Request blocked."
	detailMalformed    = "The request could not be understood by the server due to malformed syntax."
	// detailPermission is the 403's detail. Assumption: the code is sourced
	// (omniboost/go-netsuite-rest client.go, a live capture; Airbyte
	// source_netsuite/errors.py), NetSuite's wording for a missing record
	// permission is not.
	detailPermission = "Insufficient permission: the role's permission for this record type is below the level this request needs."
)

// problemType is the envelope's type URI. Oracle's pages print RFC 2616 URIs; a
// live 401 captured in 2023 carries the RFC 9110 form, which the emulator sends
// (the "Raw 401 json" comment in source_netsuite/errors.py of
// richardlam-quotapath/airbyte, a fork of airbytehq/airbyte; clients must not
// depend on it).
//
// Assumption: the section of each other status follows RFC 9110's numbering
// (15.5.1 for 400, 15.5.4 for 403, ...), and 429, which RFC 9110 does not
// define, points at RFC 6585 §4; only the 401 was seen live.
func problemType(status int) string {
	if status == http.StatusTooManyRequests {
		return "https://www.rfc-editor.org/rfc/rfc6585.html#section-4"
	}
	section := map[int]string{
		400: "15.5.1", 401: "15.5.2", 403: "15.5.4", 404: "15.5.5", 405: "15.5.6", 409: "15.5.10",
		500: "15.6.1",
	}[status]
	return "https://www.rfc-editor.org/rfc/rfc9110.html#section-" + section
}

// marshal encodes v as compact JSON without Go's HTML escaping: NetSuite writes
// "Setup > Users/Roles" with a plain ">"
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html),
// where encoding/json would write \u003e.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// errorContentType is the media type of error bodies (the 2026.1 REST API
// browser, wsjmnh/netsuite-record-rest-docs docs/overview.md).
const errorContentType = "application/vnd.oracle.resource+json; type=error"

// writeError writes err as NetSuite's envelope. Any error other than a
// *records.Error is the emulator's own fault and goes out as
// UNEXPECTED_ERROR (Server.fail also logs it).
func writeError(w http.ResponseWriter, err error) {
	e, ok := err.(*records.Error)
	if !ok {
		e = newError(records.CodeUnexpectedError, "An unexpected error occurred. Error ID: "+errorID())
	}
	b := errorBody{
		Type:   problemType(e.Status),
		Title:  http.StatusText(e.Status),
		Status: e.Status,
		Details: []errorDetail{{
			Detail: e.Detail, URL: e.URL, Code: e.Code, Path: e.Path, QueryParam: e.QueryParam, Header: e.Header,
		}},
	}
	h := w.Header()
	contentType := errorContentType
	switch e.Code {
	case records.CodeConcurrencyLimitExceeded:
		// Oracle's sample 429 body has the title "Bad Request" and a top-level
		// "o:errorCode": "USER_ERROR" beside the details
		// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html);
		// the emulator sends both. The sample also lacks a comma; the
		// emulator's JSON is valid.
		b.Title, b.Code = "Bad Request", records.CodeUserError
	case records.CodeIdempotencyError:
		// Oracle's sample answer to a repeated idempotency key is "HTTP 400
		// Conflict" with the title "Conflict", the type of 409 (RFC 2616
		// §10.4.10, whose RFC 9110 form is sent), Content-Type
		// application/json, and the Location of the earlier job, which the
		// caller has set (Sending an Asynchronous Request Using an
		// Idempotency Key,
		// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_164494900632.html).
		b.Title, b.Type, contentType = "Conflict", problemType(http.StatusConflict), "application/json"
	}
	if e.Code != records.CodeIdempotencyError {
		h.Del("Location")
	}
	body, _ := marshal(b)
	h.Set("Content-Type", contentType)
	w.WriteHeader(e.Status)
	w.Write(body)
}
