package netsuite

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"
)

// An Error is NetSuite's answer to a request it refused: its REST error
// envelope (Oracle
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html),
//
//	{"type": "...", "title": "Not Found", "status": 404,
//	 "o:errorDetails": [{"detail": "Record does not exist.", "o:errorCode": "NONEXISTENT_ID"}]}
//
// A body that is not the envelope, such as the HTML page of a proxy, still
// gives an Error with the status; its message shows the start of the body.
//
// Do not depend on Type: NetSuite has changed its URIs over time.
type Error struct {
	// Response is the response; its body can be read again.
	Response *http.Response `json:"-"`

	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	// Code is the top-level o:errorCode, which some bodies have beside
	// the details (Oracle's sample 429 has USER_ERROR there).
	Code    string        `json:"o:errorCode,omitempty"`
	Details []ErrorDetail `json:"o:errorDetails"`

	snippet string // the start of a body that is not the envelope
}

// An ErrorDetail is one entry of o:errorDetails.
type ErrorDetail struct {
	Detail string `json:"detail"`
	// Code is the error category, such as INVALID_LOGIN, NONEXISTENT_ID or
	// CONCURRENCY_LIMIT_EXCEEDED
	// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html).
	Code string `json:"o:errorCode"`
	// Path is the JSON path of the body field at fault, such as
	// item.items[0].item.
	Path string `json:"o:errorPath,omitempty"`
	// URLPath is the part of the URL at fault.
	URLPath string `json:"o:urlPath,omitempty"`
	// URL is the o:errorUrl: the path of the request URL at fault. A live
	// answer to a request for record/v1/customer/000 carries
	// "/services/rest/record/v1/customer/000" with INVALID_ID.
	URL string `json:"o:errorUrl,omitempty"`
	// Header is the request header at fault.
	Header string `json:"o:errorHeader,omitempty"`
	// QueryParam is the query parameter at fault.
	QueryParam string `json:"o:errorQueryParam,omitempty"`
}

// LoginHint is what the message of a failed login adds: NetSuite answers
// every Token-Based Authentication failure with the same 401 INVALID_LOGIN.
const LoginHint = "NetSuite gives this answer for every cause of a refused token login (a wrong secret, a revoked token, a role without Log in using Access Tokens, a clock more than 5 minutes off, ...); the Detail column of its Login Audit Trail names the cause"

// BearerLoginHint is what the message of a refused OAuth 2.0 access token
// adds: NetSuite answers 401 with WWW-Authenticate: Bearer ...
// error="invalid_token" whatever the cause
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_158521885412.html).
const BearerLoginHint = "NetSuite refused the OAuth 2.0 access token, which it gives for every cause (a revoked M2M mapping or an expired certificate, a role without Log in using OAuth 2.0 Access Tokens, the OAuth 2.0 feature disabled, a scope the call needs and the token lacks, ...); the Detail column of its Login Audit Trail names the cause"

// bearer reports whether the answer refused a bearer token.
func (e *Error) bearer() bool {
	if e.Response == nil {
		return false
	}
	scheme, _, _ := strings.Cut(strings.TrimSpace(e.Response.Header.Get("WWW-Authenticate")), " ")
	return strings.EqualFold(scheme, "Bearer")
}

// Error returns "netsuite: METHOD URL: STATUS: CODE: detail", with the
// URL stripped of user information; a failed login adds LoginHint, and a
// 403 of the record API or SuiteQL the permission the request needs (see
// MissingPermission).
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("netsuite: ")
	if e.Response != nil && e.Response.Request != nil {
		fmt.Fprintf(&b, "%s %s: ", e.Response.Request.Method, sanitizeURL(e.Response.Request.URL))
	}
	b.WriteString(e.reason())
	return b.String()
}

// reason is the message without the method and URL.
func (e *Error) reason() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s", e.Status, statusText(e))
	switch {
	case len(e.Details) > 0:
		d := e.Details[0]
		b.WriteString(": ")
		if d.Code != "" {
			b.WriteString(d.Code)
			if at := d.at(); at != "" {
				fmt.Fprintf(&b, " at %s", at)
			}
			b.WriteString(": ")
		}
		b.WriteString(d.Detail)
		if n := len(e.Details) - 1; n > 0 {
			fmt.Fprintf(&b, " (and %d more)", n)
		}
	case e.Code != "":
		fmt.Fprintf(&b, ": %s", e.Code)
	case e.snippet != "":
		fmt.Fprintf(&b, ": %s", e.snippet)
	}
	if e.Status == http.StatusUnauthorized && (e.hasCode("INVALID_LOGIN") || e.hasCode(CodeInvalidLoginAttempt)) {
		if e.bearer() {
			addSentence(&b, BearerLoginHint)
		} else {
			addSentence(&b, LoginHint)
		}
	}
	if p, ok := e.MissingPermission(); ok {
		addSentence(&b, p.String())
	}
	return b.String()
}

// addSentence ends the message in b with a full stop and adds s as a
// sentence of its own.
func addSentence(b *strings.Builder, s string) {
	if !strings.HasSuffix(b.String(), ".") {
		b.WriteByte('.')
	}
	b.WriteByte(' ')
	b.WriteString(s)
	b.WriteByte('.')
}

// statusText is the standard text of the status; NetSuite's title can
// disagree with it (Oracle's sample 429 is titled "Bad Request").
func statusText(e *Error) string {
	if t := http.StatusText(e.Status); t != "" {
		return t
	}
	return e.Title
}

// at names the part of the request a detail blames.
func (d ErrorDetail) at() string {
	switch {
	case d.Path != "":
		return d.Path
	case d.QueryParam != "":
		return "query parameter " + d.QueryParam
	case d.Header != "":
		return "header " + d.Header
	case d.URLPath != "":
		return "URL path " + d.URLPath
	case d.URL != "":
		return "URL " + d.URL
	}
	return ""
}

func (e *Error) hasCode(code string) bool {
	if code == "" {
		return false
	}
	if e.Code == code {
		return true
	}
	for _, d := range e.Details {
		if d.Code == code {
			return true
		}
	}
	return false
}

// maxErrorBody is how much of an error body CheckResponse reads.
const maxErrorBody = 1 << 20

// CheckResponse returns nil for a 2xx response and a *Error for any other,
// parsed from NetSuite's error envelope. It reads at most 1 MiB of the body
// and leaves the body readable again, from its start.
func CheckResponse(r *http.Response) error {
	e, data := checkResponse(r)
	if e == nil {
		return nil
	}
	r.Body = &restoredBody{Reader: io.MultiReader(bytes.NewReader(data), r.Body), Closer: r.Body}
	return e
}

type restoredBody struct {
	io.Reader
	io.Closer
}

// checkResponse parses a non-2xx response and returns the bytes it read
// from the body, which it leaves partly read.
func checkResponse(r *http.Response) (*Error, []byte) {
	if r.StatusCode >= 200 && r.StatusCode <= 299 {
		return nil, nil
	}
	e := &Error{Response: r}
	var data []byte
	if r.Body != nil {
		data, _ = io.ReadAll(io.LimitReader(r.Body, maxErrorBody))
	}
	if json.Unmarshal(data, e) != nil || e.Status == 0 && e.Details == nil && e.Code == "" {
		*e = Error{Response: r}
		if code, message, ok := parseRestletError(data); ok {
			e.Details = []ErrorDetail{{Code: code, Detail: message}}
		} else {
			salvage(e, data)
		}
		if len(e.Details) == 0 && e.Code == "" {
			e.snippet = describeBody(r.Header.Get("Content-Type"), data)
		}
	}
	if e.Status == 0 || e.Status != r.StatusCode {
		// The status line is authoritative.
		e.Status = r.StatusCode
	}
	if e.Title == "" {
		e.Title = http.StatusText(r.StatusCode)
	}
	return e, data
}

// salvage recovers the codes and details of an envelope that is not valid JSON,
// as Oracle's printed sample 429 body (a comma missing after the top-level
// o:errorCode,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html)
// would be. Codes before o:errorDetails are top-level; the others pair with the
// details in order.
func salvage(e *Error, data []byte) {
	details := bytes.Index(data, []byte(`"o:errorDetails"`))
	if details < 0 {
		return
	}
	e.Type, _ = stringAfter(data, `"type"`, 0, details)
	e.Title, _ = stringAfter(data, `"title"`, 0, details)
	e.Code, _ = stringAfter(data, `"o:errorCode"`, 0, details)
	for from := details; ; {
		// One detail object: the next code and the next detail text.
		code, ci := stringAfter(data, `"o:errorCode"`, from, len(data))
		detail, di := stringAfter(data, `"detail"`, from, len(data))
		if ci < 0 && di < 0 {
			return
		}
		e.Details = append(e.Details, ErrorDetail{Code: code, Detail: detail})
		from = max(ci, di)
	}
}

// stringAfter returns the JSON string value of the first key in
// data[from:to] and the offset after it, or "" and -1.
func stringAfter(data []byte, key string, from, to int) (string, int) {
	i := bytes.Index(data[from:to], []byte(key))
	if i < 0 {
		return "", -1
	}
	rest := data[from+i+len(key):]
	rest = bytes.TrimLeft(rest, " \t\r\n")
	if len(rest) == 0 || rest[0] != ':' {
		return "", -1
	}
	rest = bytes.TrimLeft(rest[1:], " \t\r\n")
	if len(rest) == 0 || rest[0] != '"' {
		return "", -1
	}
	for k := 1; k < len(rest); k++ {
		switch rest[k] {
		case '\\':
			k++
		case '"':
			var s string
			if json.Unmarshal(rest[:k+1], &s) != nil {
				return "", -1
			}
			return s, len(data) - len(rest) + k + 1
		}
	}
	return "", -1
}

// describeBody summarises a body that is not NetSuite's envelope: the
// title of an HTML page, or the start of the text.
func describeBody(contentType string, data []byte) string {
	if len(bytes.TrimSpace(data)) == 0 {
		return "empty body"
	}
	mt, _, _ := mime.ParseMediaType(contentType)
	if mt == "" {
		mt = "no Content-Type"
	}
	text := data
	if mt == "text/html" || bytes.HasPrefix(bytes.TrimSpace(data), []byte("<")) {
		if t := htmlTitle(data); t != "" {
			text = []byte(t)
		} else {
			text = stripTags(data)
		}
	}
	return fmt.Sprintf("not NetSuite's error format (%s): %s", mt, snippet(text))
}

func htmlTitle(data []byte) string {
	lower := bytes.ToLower(data)
	i := bytes.Index(lower, []byte("<title"))
	if i < 0 {
		return ""
	}
	j := bytes.IndexByte(lower[i:], '>')
	if j < 0 {
		return ""
	}
	start := i + j + 1
	end := bytes.Index(lower[start:], []byte("</title"))
	if end < 0 {
		return ""
	}
	return strings.TrimSpace(string(data[start : start+end]))
}

func stripTags(data []byte) []byte {
	var b bytes.Buffer
	in := false
	for _, c := range data {
		switch {
		case c == '<':
			in = true
			b.WriteByte(' ')
		case c == '>':
			in = false
		case !in:
			b.WriteByte(c)
		}
	}
	return b.Bytes()
}

// snippet returns the start of data on one line, at most 200 characters.
func snippet(data []byte) string {
	const limit = 200
	s := strings.Join(strings.Fields(string(data[:min(len(data), 4*limit)])), " ")
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	r := []rune(s)
	return string(r[:limit]) + "…"
}

// IsNotFound reports whether err is a *Error with status 404, such as
// NONEXISTENT_ID ("Record does not exist.").
func IsNotFound(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Status == http.StatusNotFound
}

// HasCode reports whether err is a *Error with code as its top-level
// o:errorCode or as the o:errorCode of any of its details.
func HasCode(err error, code string) bool {
	var e *Error
	return errors.As(err, &e) && e.hasCode(code)
}

// IsAuth reports whether err is a failed login: a *Error with status 401,
// which NetSuite sends as INVALID_LOGIN for every Token-Based
// Authentication failure
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html)
// and every refused OAuth 2.0 access token, or an error with
// ErrAuthentication in its chain (a refused OAuth 2.0 token exchange). A
// role that lacks the permission for a record is not a failed login: that
// is 403 INSUFFICIENT_PERMISSION.
func IsAuth(err error) bool {
	var e *Error
	return errors.Is(err, ErrAuthentication) || errors.As(err, &e) && (e.Status == http.StatusUnauthorized || e.hasCode("INVALID_LOGIN"))
}
