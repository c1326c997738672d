package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/nsconnect/nsconnect/emulator/internal/account"
	"github.com/nsconnect/nsconnect/emulator/internal/auth"
	"github.com/nsconnect/nsconnect/emulator/internal/records"
)

// RESTlets (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4618456517.html).
// The emulator runs no SuiteScript: a RESTlet declared in the account file
// answers with its declarative handler (echo, fixed, suiteql), and a test
// may answer in Go (Options.RestletHandlers). Status codes and error bodies
// follow Oracle's "RESTlet Status Codes and Error Message Formats"
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4634920277.html).

// RestletPath is the path of every RESTlet call:
// /app/site/hosting/restlet.nl?script=…&deploy=….
const RestletPath = "/app/site/hosting/restlet.nl"

// A RestletID names a RESTlet deployment as a call does: the script's
// script ID or internal ID, and the deployment's script ID or ID. Script
// IDs are matched ignoring case.
type RestletID struct {
	Script, Deploy string
}

// A RestletHandler answers the calls of one RESTlet deployment in Go, for
// tests (Options.RestletHandlers). It runs after the emulator has checked the
// login, the Content-Type, the deployment and, for a declared deployment,
// its status, roles and entry points. A *RestletError it returns is written
// as NetSuite writes a script's error, in the request's format; any other
// error is a 500 UNEXPECTED_ERROR. A nil reply answers 200 with no body.
type RestletHandler func(ctx context.Context, call *RestletCall) (*RestletReply, error)

// A RestletCall is what a RESTlet's entry point is given.
type RestletCall struct {
	// Method is GET, POST, PUT or DELETE.
	Method string
	// Params are the query parameters other than script and deploy.
	Params url.Values
	// ContentType is the request's media type: application/json,
	// application/xml or text/plain.
	ContentType string
	// Body is the request's body, as sent.
	Body []byte
	// Role and User are the role and the email of the user the call logged
	// in as.
	Role, User string
}

// A RestletReply is a RESTlet's answer.
type RestletReply struct {
	// Status is the HTTP status; 0 means 200.
	Status int
	// ContentType is the answer's Content-Type; "" means the request's
	// media type, as NetSuite answers in the request's format.
	ContentType string
	// Body is the answer's body.
	Body []byte
}

// A RestletError is a script's error, written in the request's format:
// {"error": {"code": Code, "message": Message}} for JSON, and its XML and
// text forms.
type RestletError struct {
	// Status is the HTTP status; 0 means 400, NetSuite's status for an
	// error the script does not handle.
	Status  int
	Code    string
	Message string
}

func (e *RestletError) Error() string {
	return fmt.Sprintf("emulator: RESTlet error %d %s: %s", e.status(), e.Code, e.Message)
}

func (e *RestletError) status() int {
	if e.Status == 0 {
		return http.StatusBadRequest
	}
	return e.Status
}

// Codes and texts of RESTlet errors. Each names its source or says
// Assumption.
const (
	// codeInvalidScriptletID and its message are Oracle's, verbatim
	// (section_4634920277).
	codeInvalidScriptletID = "SSS_INVALID_SCRIPTLET_ID"
	msgInvalidScriptletID  = "That Suitelet is invalid, disabled, or no longer exists."
	// codeInvalidLoginAttempt is a RESTlet's failed login; the message is
	// as captured in public logs (401 {"error":{"code":"INVALID_LOGIN_ATTEMPT","message":"Invalid login attempt."}}).
	codeInvalidLoginAttempt = "INVALID_LOGIN_ATTEMPT"
	msgInvalidLoginAttempt  = "Invalid login attempt."
	// codeRequestLimitExceeded is a RESTlet call over the account's
	// concurrency limit, with 400
	// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/bridgehead_1525252812.html).
	// Assumption: the message, which Oracle does not give.
	codeRequestLimitExceeded = "SSS_REQUEST_LIMIT_EXCEEDED"
	msgRequestLimitExceeded  = "Concurrent request limit exceeded. Request blocked."
)

// maxRestletBody is the largest body a RESTlet call may send: Oracle
// guarantees 10 MB per string of input
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4640094112.html).
const maxRestletBody = 10 << 20

// maxRestletRows is how many rows a suiteql handler answers at most.
// Assumption: a script's N/query runSuiteQL returns up to 5,000 rows; the
// emulator does not page.
const maxRestletRows = 5000

// A restletFormat is a format RESTlets speak: the media types Oracle
// suggests (section_4619215993), matched case-sensitively as Oracle says
// Content-Type headers are.
type restletFormat string

const (
	formatJSON restletFormat = "application/json"
	formatXML  restletFormat = "application/xml"
	formatText restletFormat = "text/plain"
)

// formatOf returns the format of a request's Content-Type; ok is false for
// a missing or other type.
func formatOf(contentType string) (restletFormat, bool) {
	mt, _, _ := strings.Cut(contentType, ";")
	f := restletFormat(strings.TrimSpace(mt))
	if _, _, err := mime.ParseMediaType(contentType); err != nil {
		return formatText, false
	}
	switch f {
	case formatJSON, formatXML, formatText:
		return f, true
	}
	return formatText, false
}

// requestFormat is the format errors to r are written in: its Content-Type's,
// or text/plain, NetSuite's default with no request body (section_4619215993).
func requestFormat(r *http.Request) restletFormat {
	f, _ := formatOf(r.Header.Get("Content-Type"))
	return f
}

// writeRestletError writes a RESTlet error in format f, as Oracle prints the
// three forms (section_4634920277).
func writeRestletError(w http.ResponseWriter, f restletFormat, status int, code, message string) {
	var body string
	switch f {
	case formatJSON:
		c, _ := marshal(code)
		m, _ := marshal(message)
		body = fmt.Sprintf(`{ "error": { "code":%s, "message":%s } }`, c, m)
	case formatXML:
		body = "<error> <code>" + xmlText(code) + "</code> <message>" + xmlText(message) + "</message> </error>"
	default:
		body = "error code: " + code + " error message: " + message
	}
	h := w.Header()
	h.Del("Location")
	h.Set("Content-Type", string(f))
	w.WriteHeader(status)
	io.WriteString(w, body)
}

func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// restletSurface is how the middleware refuses a RESTlet call: over the
// limit 400 SSS_REQUEST_LIMIT_EXCEEDED, a failed login 401
// INVALID_LOGIN_ATTEMPT, its own fault 500 UNEXPECTED_ERROR, each in the
// request's format.
var restletSurface = surface{kind: auth.RESTlet, refuse: func(w http.ResponseWriter, r *http.Request, e *records.Error) {
	status, code, message := e.Status, e.Code, e.Detail
	switch e.Code {
	case records.CodeConcurrencyLimitExceeded:
		status, code, message = http.StatusBadRequest, codeRequestLimitExceeded, msgRequestLimitExceeded
	case records.CodeInvalidLogin:
		code, message = codeInvalidLoginAttempt, msgInvalidLoginAttempt
	}
	writeRestletError(w, requestFormat(r), status, code, message)
}}

// restlet serves a RESTlet call: the Content-Type, the deployment, its
// status and audience, the entry point and the body are checked in that
// order, then the handler answers.
func (s *Server) restlet(w http.ResponseWriter, r *http.Request, p *auth.Principal) {
	f, ok := formatOf(r.Header.Get("Content-Type"))
	fail := func(status int, code, message string) { writeRestletError(w, f, status, code, message) }
	if !ok {
		// A missing or unsupported Content-Type is 415 (section_4619215993).
		// Assumption: the code and message, and the answer in text/plain.
		fail(http.StatusUnsupportedMediaType, records.CodeInvalidRequest,
			fmt.Sprintf("Content-Type %q is not supported: send application/json, application/xml or text/plain.", r.Header.Get("Content-Type")))
		return
	}
	q := r.URL.Query()
	id := RestletID{Script: q.Get("script"), Deploy: q.Get("deploy")}
	script, deploy, declared := s.acct.Restlet(id.Script, id.Deploy)
	goHandler := s.restletHandler(id, script, deploy, declared)
	if !declared && goHandler == nil {
		// Assumption: an unknown script or deployment is 400, the status
		// of a user error; Oracle gives the code, not the status.
		fail(http.StatusBadRequest, codeInvalidScriptletID, msgInvalidScriptletID)
		return
	}
	if declared {
		if deploy.Status != account.Released {
			// A deployment in Testing cannot be called from outside
			// (section_4618456517). Assumption: as if it did not exist.
			fail(http.StatusBadRequest, codeInvalidScriptletID, msgInvalidScriptletID)
			return
		}
		if !deploy.AllowsRole(p.Role.Name) {
			// Assumption: a role outside the deployment's audience is 403
			// INSUFFICIENT_PERMISSION; Oracle gives neither.
			fail(http.StatusForbidden, records.CodeInsufficientPermission,
				fmt.Sprintf("The role %s may not run the deployment %s: it is not in the deployment's audience.", p.Role.Name, deploy.ScriptID))
			return
		}
		if !slices.Contains(script.Methods, r.Method) {
			// 405 for a method with no entry point (section_4634920277).
			// Assumption: the code and message.
			w.Header().Set("Allow", strings.Join(script.Methods, ", "))
			fail(http.StatusMethodNotAllowed, records.CodeMethodNotAllowed,
				fmt.Sprintf("The script %s has no %s entry point.", script.ScriptID, strings.ToLower(r.Method)))
			return
		}
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxRestletBody+1))
	switch {
	case err != nil:
		fail(http.StatusBadRequest, records.CodeInvalidRequest, detailMalformed)
		return
	case len(body) > maxRestletBody:
		fail(http.StatusBadRequest, records.CodeInvalidRequest, fmt.Sprintf("The request body is larger than %d bytes.", maxRestletBody))
		return
	case len(body) > 0 && (r.Method == http.MethodGet || r.Method == http.MethodDelete):
		// A GET with a body is 400 (section_4634920277). Assumption: the
		// code and message, and a DELETE, which takes its input as query
		// parameters too (bridgehead_4625649079), likewise.
		fail(http.StatusBadRequest, records.CodeInvalidRequest, fmt.Sprintf("A %s request cannot have a body: send its input as query parameters.", r.Method))
		return
	case f == formatJSON && len(bytes.TrimSpace(body)) > 0 && !json.Valid(body):
		// Assumption: NetSuite parses a JSON body before the script runs,
		// and refuses one that does not parse with 400.
		fail(http.StatusBadRequest, records.CodeInvalidRequest, "The request body is not valid JSON.")
		return
	}
	params := q
	params.Del("script")
	params.Del("deploy")
	call := &RestletCall{Method: r.Method, Params: params, ContentType: string(f), Body: body, Role: p.Role.Name, User: p.User.Email}
	var reply *RestletReply
	switch {
	case goHandler != nil:
		reply, err = goHandler(r.Context(), call)
	default:
		reply, err = s.declaredHandler(r.Context(), script.Handler, call)
	}
	if err != nil {
		if r.Context().Err() != nil {
			return // the client went away
		}
		var re *RestletError
		var e *records.Error
		switch {
		case errors.As(err, &re):
			fail(re.status(), re.Code, re.Message)
		case errors.As(err, &e):
			// A query NetSuite refuses, unhandled by the script: 400.
			fail(http.StatusBadRequest, e.Code, e.Detail)
		default:
			id := errorID()
			s.log.Error("emulator: RESTlet handler failed", "query", r.URL.RawQuery, "errorId", id, "err", err)
			fail(http.StatusInternalServerError, records.CodeUnexpectedError, "An unexpected error occurred. Error ID: "+id)
		}
		return
	}
	if reply == nil {
		reply = &RestletReply{} // a script that returns nothing
	}
	status, contentType := reply.Status, reply.ContentType
	if status == 0 {
		status = http.StatusOK
	}
	if contentType == "" {
		contentType = string(f)
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	w.Write(reply.Body)
}

// restletHandler returns the Go handler registered for a call, by the IDs
// it gives or, for a declared deployment, by its script IDs or IDs; nil
// when there is none.
func (s *Server) restletHandler(id RestletID, script account.Restlet, deploy account.Deployment, declared bool) RestletHandler {
	if len(s.restletHandlers) == 0 {
		return nil
	}
	keys := []RestletID{id}
	if declared {
		keys = append(keys,
			RestletID{script.ScriptID, deploy.ScriptID},
			RestletID{strconv.Itoa(script.ID), strconv.Itoa(deploy.ID)},
			RestletID{script.ScriptID, strconv.Itoa(deploy.ID)},
			RestletID{strconv.Itoa(script.ID), deploy.ScriptID})
	}
	for _, k := range keys {
		if h := s.restletHandlers[restletKey(k)]; h != nil {
			return h
		}
	}
	return nil
}

// restletKey is the form RestletHandlers are kept in: script IDs are
// matched ignoring case.
func restletKey(id RestletID) RestletID {
	return RestletID{strings.ToLower(id.Script), strings.ToLower(id.Deploy)}
}

// declaredHandler answers a call with a handler of the account file.
func (s *Server) declaredHandler(ctx context.Context, h account.RestletHandler, call *RestletCall) (*RestletReply, error) {
	switch {
	case h.Fixed != nil:
		return &RestletReply{Status: h.Fixed.Status, ContentType: h.Fixed.ContentType, Body: []byte(h.Fixed.Body)}, nil
	case h.SuiteQL != nil:
		args := make([]any, len(h.SuiteQL.Params))
		for i, name := range h.SuiteQL.Params {
			if vs, ok := call.Params[name]; ok && len(vs) > 0 {
				args[i] = vs[0]
			}
		}
		rows, err := s.records.QueryRows(ctx, h.SuiteQL.Query, args, maxRestletRows)
		if err != nil {
			return nil, err
		}
		return &RestletReply{Body: rows}, nil
	}
	return echo(call)
}

// echo answers {"method", "query", "body"}: query holds the first value of
// each query parameter other than script and deploy, as SuiteScript gives a
// get entry point its parameters, and body the parsed JSON body, the body
// as a string in another format, or null without one. A JSON request gets
// JSON; another format gets the same JSON text, as a script returning
// JSON.stringify of it would answer.
func echo(call *RestletCall) (*RestletReply, error) {
	query := make(map[string]string, len(call.Params))
	for k, vs := range call.Params {
		if len(vs) > 0 {
			query[k] = vs[0]
		}
	}
	var body any
	switch {
	case len(bytes.TrimSpace(call.Body)) == 0:
	case call.ContentType == string(formatJSON):
		body = json.RawMessage(call.Body)
	default:
		body = string(call.Body)
	}
	out, err := marshal(struct {
		Method string            `json:"method"`
		Query  map[string]string `json:"query"`
		Body   any               `json:"body"`
	}{call.Method, query, body})
	if err != nil {
		return nil, err
	}
	return &RestletReply{Body: out}, nil
}
