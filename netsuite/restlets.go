package netsuite

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
	"strings"
)

// RestletPath is where NetSuite serves RESTlets under the RESTlet host
// (https://<account>.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=…&deploy=…,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4628875570.html).
const RestletPath = "/app/site/hosting/restlet.nl"

// The Content-Types a RESTlet call may send
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4619215993.html):
// NetSuite answers in the request's format, and refuses any other type with
// 415 Unsupported Media Type. Oracle says these headers are case-sensitive.
const (
	RestletJSON = "application/json"
	RestletText = "text/plain"
	RestletXML  = "application/xml"
)

// RestletsService calls RESTlets: SuiteScript endpoints an account deploys
// for its own business logic.
//
// NetSuite docs: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4618456517.html
type RestletsService service

// A RestletRequest is one call of a RESTlet deployment.
type RestletRequest struct {
	// Script is the script's internal ID (482) or script ID
	// (customscript_orders), and Deploy the deployment's ID (1) or script
	// ID (customdeploy_orders), as the deployment record's External URL
	// shows them. Both are required.
	Script, Deploy string
	// Method is GET (when empty), POST, PUT or DELETE: the entry point of
	// the script that runs.
	Method string
	// Params are more query parameters: the input of a GET or a DELETE,
	// which take no body. They are signed with the request. They must not
	// hold script or deploy.
	Params url.Values
	// Body is the input of a POST or a PUT, sent as it is.
	Body []byte
	// ContentType is RestletJSON (when empty), RestletText or RestletXML.
	// NetSuite requires one on every call, a GET's included, and answers in
	// the same format.
	ContentType string
	// Idempotent says that the script's entry point may run twice with
	// the same effect as once, so that a POST, PUT or DELETE that fails
	// after it was sent (a 5xx, a broken connection) is sent again. Without
	// it such a call ends in ErrOutcomeUnknown: NetSuite imposes no REST
	// semantics on a script's entry points, so even a PUT or a DELETE may
	// do something new each time. A GET is always sent again. One
	// exception: a 400 SSS_REQUEST_LIMIT_EXCEEDED is sent again whatever
	// the method, as NetSuite refuses such a call before the script runs;
	// a script that lets that code escape from a call of its own (to
	// another RESTlet, say) after doing work would be run again.
	Idempotent bool
	// Check, when set, is called with a 2xx answer before Call returns:
	// scripts often catch their own errors and answer 200 with an error in
	// an envelope of their own. An error it returns is returned by Call,
	// with the response. It is not called on a NetSuite error, which is
	// already a *Error.
	Check func(*RestletResponse) error
}

// A RestletResponse is a RESTlet's 2xx answer.
type RestletResponse struct {
	*Response
	// Body is the whole body, as the script returned it.
	Body []byte
}

// MediaType returns the answer's media type without parameters, such as
// application/json, or "" when it has no valid Content-Type.
func (r *RestletResponse) MediaType() string {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return mt
}

// Decode decodes a JSON answer into v.
func (r *RestletResponse) Decode(v any) error {
	if !isJSON(r.Header.Get("Content-Type")) {
		return fmt.Errorf("netsuite: the RESTlet answered with Content-Type %q, not JSON: %s", r.Header.Get("Content-Type"), snippet(r.Body))
	}
	if err := json.Unmarshal(r.Body, v); err != nil {
		return fmt.Errorf("netsuite: decoding the RESTlet's answer: %w", err)
	}
	return nil
}

// restletKey marks, in a request's context, a RESTlet call, so that an
// outcome-unknown error names the script's entry point rather than a record
// operation.
type restletKey struct{}

// Call calls a RESTlet deployment and returns its 2xx answer. It is
// authenticated as every request of the Client is: with TBA, script, deploy
// and Params are in the signature
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534939551.html);
// an OAuth 2.0 token needs the restlets scope (m2m.Config.Scopes). It is
// sent to the RESTlet host (https://<account>.restlets.api.netsuite.com),
// or under WithBaseURL's URL when it is set.
//
// Any other status is a *Error, whatever the format NetSuite answered in
// (JSON, XML or text, following the request's Content-Type): Code holds
// the SuiteScript error code, such as SSS_INVALID_SCRIPTLET_ID, and the
// detail its message. NetSuite refuses a call over the account's
// concurrency limit with 400 SSS_REQUEST_LIMIT_EXCEEDED, which is retried
// as a 429 is. A POST, PUT or DELETE that fails after it was sent is not
// sent again unless RestletRequest.Idempotent says it may be: the error is
// ErrOutcomeUnknown under errors.Is.
//
// NetSuite docs: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4634920277.html
//
//meta:operation * /app/site/hosting/restlet.nl
func (s *RestletsService) Call(ctx context.Context, r RestletRequest) (*RestletResponse, error) {
	req, err := s.client.newRestletRequest(ctx, &r)
	if err != nil {
		return nil, err
	}
	resp, body, err := s.client.send(req, true)
	if err != nil {
		return nil, err
	}
	out := &RestletResponse{Response: resp, Body: body}
	if r.Check != nil {
		if err := r.Check(out); err != nil {
			return out, fmt.Errorf("netsuite: %s %s: the RESTlet answered %s, and the check refused it: %w", req.Method, sanitizeURL(req.URL), resp.Status, err)
		}
	}
	return out, nil
}

// newRestletRequest checks r and builds its request.
func (c *Client) newRestletRequest(ctx context.Context, r *RestletRequest) (*http.Request, error) {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("netsuite: RestletRequest."+format, args...))
	}
	if strings.TrimSpace(r.Script) == "" {
		bad("Script is empty; set the script's internal ID (482) or script ID (customscript_...), from the deployment record's External URL")
	}
	if strings.TrimSpace(r.Deploy) == "" {
		bad("Deploy is empty; set the deployment's ID (1) or script ID (customdeploy_...), from the deployment record's External URL")
	}
	method := strings.ToUpper(r.Method)
	if method == "" {
		method = http.MethodGet
	}
	if !slices.Contains([]string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete}, method) {
		bad("Method %q: a RESTlet has the entry points GET, POST, PUT and DELETE only", r.Method)
	}
	if len(r.Body) > 0 && (method == http.MethodGet || method == http.MethodDelete) {
		bad("Body: a %s takes its input as query parameters (Params), not a body; NetSuite refuses a GET with a body with 400", method)
	}
	contentType := r.ContentType
	if contentType == "" {
		contentType = RestletJSON
	}
	mt, _, _ := strings.Cut(contentType, ";")
	if _, _, err := mime.ParseMediaType(contentType); err != nil || !slices.Contains([]string{RestletJSON, RestletText, RestletXML}, strings.TrimSpace(mt)) {
		bad("ContentType %q: NetSuite accepts %s, %s or %s (case-sensitive), and answers any other with 415", r.ContentType, RestletJSON, RestletText, RestletXML)
	}
	for name := range r.Params {
		if name == "script" || name == "deploy" {
			bad("Params holds %q; set it in RestletRequest.%s", name, map[string]string{"script": "Script", "deploy": "Deploy"}[name])
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if c.scopes != nil && !slices.Contains(c.scopes, "restlets") {
		return nil, &missingScopeError{need: "restlets", have: c.scopes}
	}

	// script and deploy first, as the External URL has them.
	u := *c.restletURL
	u.RawQuery = strings.TrimPrefix(encodeQuery(url.Values{"script": {r.Script}}), "?") + "&" +
		strings.TrimPrefix(encodeQuery(url.Values{"deploy": {r.Deploy}}), "?")
	if len(r.Params) > 0 {
		u.RawQuery += "&" + strings.TrimPrefix(encodeQuery(r.Params), "?")
	}

	var body io.Reader
	if len(r.Body) > 0 {
		// bytes.Reader makes http.NewRequest set ContentLength and
		// GetBody, so that the Client can send it again.
		body = bytes.NewReader(r.Body)
	}
	ctx = context.WithValue(ctx, restletKey{}, true)
	if method != http.MethodGet {
		if r.Idempotent {
			ctx = context.WithValue(ctx, idempotentKey{}, true)
		} else {
			ctx = context.WithValue(ctx, notIdempotentKey{}, true)
		}
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return nil, fmt.Errorf("netsuite: %w", err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("User-Agent", c.userAgent)
	return req, nil
}

// restletURL returns the URL RESTlets are called at: RestletPath on the
// account's RESTlet host, or under base when it is set.
func restletURL(base *url.URL, host string) *url.URL {
	if base == nil {
		return &url.URL{Scheme: "https", Host: host, Path: RestletPath}
	}
	u := &url.URL{Scheme: base.Scheme, Host: base.Host, Path: base.Path + RestletPath}
	if base.RawPath != "" {
		u.RawPath = base.RawPath + RestletPath
	}
	return u
}

// Codes of NetSuite's RESTlet errors
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4634920277.html,
// and for the concurrency limit
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/bridgehead_1525252812.html).
const (
	CodeRestletLimitExceeded = "SSS_REQUEST_LIMIT_EXCEEDED"
	CodeInvalidScriptletID   = "SSS_INVALID_SCRIPTLET_ID"
	CodeInvalidLoginAttempt  = "INVALID_LOGIN_ATTEMPT"
)

// restletError is the JSON form of a RESTlet error:
// {"error": {"code": "...", "message": "..."}}.
type restletError struct {
	Error *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// restletXMLError is the XML form: <error><code>…</code><message>…</message></error>.
type restletXMLError struct {
	XMLName xml.Name `xml:"error"`
	Code    string   `xml:"code"`
	Message string   `xml:"message"`
}

// parseRestletError reads a RESTlet error body in any of NetSuite's three
// formats
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4634920277.html):
//
//	{ "error": { "code":"SSS_INVALID_SCRIPTLET_ID", "message":"That Suitelet is invalid, disabled, or no longer exists." } }
//	<error> <code>SSS_INVALID_SCRIPTLET_ID</code> <message>That Suitelet is invalid, disabled, or no longer exists.</message> </error>
//	error code: SSS_INVALID_SCRIPTLET_ID error message: That Suitelet is invalid, disabled, or no longer exists.
//
// It goes by the body, not the Content-Type, which a proxy may change. ok is
// false when the body is none of them or has no code.
func parseRestletError(data []byte) (code, message string, ok bool) {
	text := bytes.TrimSpace(data)
	switch {
	case len(text) == 0:
		return "", "", false
	case text[0] == '{':
		var e restletError
		if json.Unmarshal(text, &e) != nil || e.Error == nil || e.Error.Code == "" {
			return "", "", false
		}
		return e.Error.Code, e.Error.Message, true
	case text[0] == '<':
		var e restletXMLError
		if xml.Unmarshal(text, &e) != nil || strings.TrimSpace(e.Code) == "" {
			return "", "", false
		}
		return strings.TrimSpace(e.Code), strings.TrimSpace(e.Message), true
	}
	const codePrefix, messagePrefix = "error code:", "error message:"
	rest, found := bytes.CutPrefix(text, []byte(codePrefix))
	if !found {
		return "", "", false
	}
	c, m, found := bytes.Cut(rest, []byte(messagePrefix))
	code = strings.TrimSpace(string(c))
	if code == "" || strings.ContainsAny(code, " \t\r\n") {
		return "", "", false
	}
	if found {
		message = strings.TrimSpace(string(m))
	}
	return code, message, true
}

// throttled reports whether an answer is NetSuite's refusal of a request
// over the concurrency limit, which it refuses before doing any work: 429
// CONCURRENCY_LIMIT_EXCEEDED from REST web services, 400
// SSS_REQUEST_LIMIT_EXCEEDED from a RESTlet
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/bridgehead_1525252812.html).
func throttled(status int, e *Error) bool {
	return status == http.StatusTooManyRequests ||
		status == http.StatusBadRequest && e != nil && e.hasCode(CodeRestletLimitExceeded)
}

// missingScopeError is a call refused before sending because the client's
// OAuth 2.0 tokens lack the scope its service needs (see Scoped); NetSuite
// would answer a 401 that names no cause. Like the other checks of a
// RestletRequest, it is the caller's to fix, not a refused login.
type missingScopeError struct {
	need string
	have []string
}

func (e *missingScopeError) Error() string {
	have := strings.Join(e.have, ",")
	return fmt.Sprintf("netsuite: this call needs the OAuth 2.0 scope %s, and the client's tokens carry %s: add %s to the scopes (such as NETSUITE_SCOPES=%s,%s) and check it on the integration record's Authentication subtab (Setup > Integration > Manage Integrations)", e.need, have, e.need, have, e.need)
}
