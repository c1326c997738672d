package netsuite

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nsconnect/nsconnect/netsuite/readonly"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

const (
	// DefaultConcurrency is the number of requests a Client has in flight at
	// once unless WithConcurrency says otherwise: the smallest account
	// concurrency limit NetSuite gives
	// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/bridgehead_156224824287.html).
	DefaultConcurrency = 5

	defaultUserAgent = "nsconnect-go"

	// restPath is where NetSuite's REST web services live under the base
	// URL; NewRequest resolves paths against it.
	restPath = "/services/rest/"

	mediaTypeJSON = "application/json"
)

// A Client talks to NetSuite's REST web services. Build it with NewClient.
// It is safe for concurrent use; all its calls share one concurrency
// limiter.
type Client struct {
	client     *http.Client // authenticates every request
	plain      *http.Client // authenticates nothing: SOAP carries its TokenPassport in the body
	baseURL    *url.URL     // ends with /services/rest/
	restletURL *url.URL     // ends with RestletPath
	soapURL    *url.URL     // the SOAP endpoint, SOAPPath under the base URL
	// soapCreds are the credentials of Token-Based Authentication, which
	// SOAP's TokenPassport needs; nil with another authenticator.
	soapCreds *tba.Credentials
	// scopes are the OAuth 2.0 scopes of the authenticator's tokens, nil
	// when it does not say (see Scoped).
	scopes    []string
	account   tba.Account
	userAgent string
	location  *time.Location
	limiter   Limiter
	width     int // how many pages a paged read asks for at once: the limiter's size
	retry     RetryPolicy
	logger    *slog.Logger

	retryNotify func(RetryEvent) // WithRetryNotify; nil tells no one

	ignoreReadOnly bool            // WithIgnoreReadOnly
	readOnly       *readonly.Rules // WithReadOnlyRules; readonly.New() by default

	common service // the one struct every service is a view of

	// Services, in alphabetical order.
	Metadata *MetadataService
	Records  *RecordsService
	Restlets *RestletsService
	SOAP     *SOAPService
	SuiteQL  *SuiteQLService
}

// service is what every service is: a view of the Client.
type service struct {
	client *Client
}

// NewClient returns a Client for one account. WithAccount and
// an authenticator (WithCredentials or WithAuthenticator) are required; every other option has a default. The
// Client never reads the environment or files: the caller passes
// everything.
func NewClient(opts ...Option) (*Client, error) {
	s := settings{retry: RetryPolicy{}}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&s); err != nil {
			return nil, err
		}
	}
	var missing []error
	if s.account.IsZero() {
		missing = append(missing, errors.New("netsuite: no account: pass WithAccount with the account ID from tba.ParseAccountID, such as 1234567 or 1234567_SB1 (Setup > Company > Company Information)"))
	}
	if s.auth == nil {
		missing = append(missing, errors.New("netsuite: no credentials: pass WithCredentials(tba.Credentials{ConsumerKey, ConsumerSecret, TokenID, TokenSecret}) with the consumer key and secret of the integration record and the token ID and secret of the access token, or WithAuthenticator with an OAuth 2.0 machine-to-machine authenticator (package m2m)"))
	}
	if len(missing) > 0 {
		return nil, errors.Join(missing...)
	}
	if s.limiter != nil && s.concurrency != 0 {
		return nil, errors.New("netsuite: pass WithConcurrency or WithLimiter, not both")
	}

	restlet := restletURL(s.baseURL, s.account.RESTletHost())
	base := s.baseURL
	if base == nil {
		base = &url.URL{Scheme: "https", Host: s.account.RESTHost()}
	}
	soapURL := &url.URL{Scheme: base.Scheme, Host: base.Host, Path: strings.TrimSuffix(base.Path, "/") + SOAPPath}
	base = &url.URL{Scheme: base.Scheme, Host: base.Host, Path: base.Path + restPath, RawPath: base.RawPath}
	if base.RawPath != "" {
		base.RawPath += restPath
	}

	hc := new(http.Client)
	if s.httpClient != nil {
		*hc = *s.httpClient
	}
	plain := new(http.Client)
	*plain = *hc
	// SOAP's requests carry the TokenPassport in the body, which a 307 or
	// 308 would post again to wherever the Location points: a 3xx is an
	// answer of its own (an error naming the Location), never followed.
	plain.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	retry := s.retry.WithDefaults()
	logger := s.logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	userAgent := s.userAgent
	if userAgent == "" {
		userAgent = defaultUserAgent
	}
	transport, err := s.auth.Transport(AuthSetup{Account: s.account, BaseURL: &url.URL{Scheme: base.Scheme, Host: base.Host, Path: base.Path, RawPath: base.RawPath}, Base: hc.Transport, Retry: retry, Logger: logger, UserAgent: userAgent})
	if err != nil {
		return nil, fmt.Errorf("netsuite: %w", err)
	}
	hc.Transport = transport

	c := &Client{
		client:     hc,
		plain:      plain,
		baseURL:    base,
		restletURL: restlet,
		soapURL:    soapURL,
		account:    s.account,
		userAgent:  userAgent,
		location:   s.location,
		limiter:    s.limiter,
		retry:      retry,
		logger:     logger,

		retryNotify: s.retryNotify,

		ignoreReadOnly: s.ignoreReadOnly,
		readOnly:       s.readOnly,
	}
	if c.location == nil {
		c.location = time.UTC
	}
	if c.limiter == nil {
		n := s.concurrency
		if n == 0 {
			n = DefaultConcurrency
		}
		c.limiter = NewLimiter(n)
	}
	c.width = DefaultConcurrency
	if l, ok := c.limiter.(interface{ Limit() int }); ok && l.Limit() > 0 {
		c.width = l.Limit()
	}
	if c.readOnly == nil {
		c.readOnly = defaultReadOnly()
	}
	if t, ok := s.auth.(tbaAuth); ok {
		c.soapCreds = &t.creds
	}
	if sc, ok := s.auth.(Scoped); ok {
		c.scopes = slices.Clone(sc.Scopes())
	}
	c.common.client = c
	c.Metadata = (*MetadataService)(&c.common)
	c.Records = (*RecordsService)(&c.common)
	c.Restlets = (*RestletsService)(&c.common)
	c.SOAP = (*SOAPService)(&c.common)
	c.SuiteQL = (*SuiteQLService)(&c.common)
	return c, nil
}

// defaultReadOnly returns the curated read-only rules, built once: they are
// immutable and shared by every Client.
var defaultReadOnly = sync.OnceValue(func() *readonly.Rules { return readonly.New() })

// Ptr returns a pointer to v, for the optional fields of options, such as
// WriteOptions.IgnoreReadOnly: netsuite.Ptr(true).
func Ptr[T any](v T) *T { return &v }

// Account returns the account the Client works on.
func (c *Client) Account() tba.Account { return c.account }

// BaseURL returns a copy of the URL the Client resolves request paths
// against, ending in /services/rest/.
func (c *Client) BaseURL() *url.URL {
	u := *c.baseURL
	return &u
}

// Concurrency returns how many requests the Client sends at once at most:
// WithConcurrency's value, the Limit of a Limiter given to WithLimiter that
// has a Limit method, or DefaultConcurrency. Paged reads (ListIter,
// SuiteQL's Rows) ask for this many pages at once.
func (c *Client) Concurrency() int { return c.width }

// Timezone returns the account's time zone (WithTimezone; UTC by default).
func (c *Client) Timezone() *time.Location { return c.location }

// NewRequest returns a request for path, which is relative to
// /services/rest/ under the base URL, such as "record/v1/customer/107" or
// "query/v1/suiteql?limit=10". An absolute URL, a path that starts with a
// slash, and a path with . or .. segments are errors. A non-nil body is
// encoded as JSON and sent with Content-Type: application/json; the request
// can be sent again (GetBody is set), so that the Client can retry it.
func (c *Client) NewRequest(ctx context.Context, method, urlPath string, body any) (*http.Request, error) {
	rel, err := c.resolve(urlPath)
	if err != nil {
		return nil, err
	}
	var r io.Reader
	if body != nil {
		buf := new(bytes.Buffer)
		enc := json.NewEncoder(buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(body); err != nil {
			return nil, fmt.Errorf("netsuite: encoding the request body for %s %s: %w", method, urlPath, err)
		}
		// bytes.Reader makes http.NewRequest set ContentLength and GetBody.
		r = bytes.NewReader(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	}
	req, err := http.NewRequestWithContext(ctx, method, rel.String(), r)
	if err != nil {
		return nil, fmt.Errorf("netsuite: %w", err)
	}
	if body != nil {
		req.Header.Set("Content-Type", mediaTypeJSON)
	}
	req.Header.Set("User-Agent", c.userAgent)
	return req, nil
}

// resolve checks urlPath and resolves it against the base URL.
func (c *Client) resolve(urlPath string) (*url.URL, error) {
	bad := func(why string) error {
		return fmt.Errorf("netsuite: request path %q %s; want a path relative to /services/rest/, such as record/v1/customer/107", urlPath, why)
	}
	if urlPath == "" {
		return nil, bad("is empty")
	}
	if strings.HasPrefix(urlPath, "/") || strings.HasPrefix(urlPath, `\`) {
		return nil, bad("starts with a slash")
	}
	u, err := url.Parse(urlPath)
	if err != nil {
		return nil, bad(fmt.Sprintf("does not parse (%v)", err))
	}
	if u.IsAbs() || u.Host != "" || u.User != nil || u.Opaque != "" {
		return nil, bad("is an absolute URL")
	}
	for seg := range strings.SplitSeq(u.Path, "/") {
		if seg == ".." || seg == "." {
			return nil, bad("has a . or .. segment")
		}
	}
	return c.baseURL.ResolveReference(u), nil
}

// A Response is NetSuite's answer to a request. It adds to the
// *http.Response what the Client learned from it: the paging fields of a
// collection body, the ID in the Location header, and how many retries the
// call took.
type Response struct {
	*http.Response

	// The paging fields of a collection body
	// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156414087576.html):
	// record lists and SuiteQL pages. They are zero for other bodies, and when
	// Do streams the body into an io.Writer.
	Count        int    // items on this page
	HasMore      bool   // whether a later page exists
	Offset       int    // offset of this page
	TotalResults int    // items in all pages
	NextOffset   int    // offset of the next page; 0 when there is none
	Links        []Link // links of the collection: self, next, prev, first, last

	// ID is the last segment of the Location header, which NetSuite sends
	// with a 204 to a create or an update (the record's internal ID) and
	// with a 202 to an asynchronous request (the job ID). It is empty
	// without a Location.
	ID string

	// Retries is how many times the Client sent the request again before
	// this response.
	Retries int
}

// A Link is an entry of NetSuite's links arrays.
type Link struct {
	Rel  string `json:"rel"`
	Href string `json:"href"`
}

// Link returns the href of the first link with rel, or "".
func (r *Response) Link(rel string) string { return linkHref(r.Links, rel) }

// linkHref returns the href of the first of links with rel, or "".
func linkHref(links []Link, rel string) string {
	for _, l := range links {
		if l.Rel == rel {
			return l.Href
		}
	}
	return ""
}

func newResponse(r *http.Response, retries int) *Response {
	resp := &Response{Response: r, Retries: retries}
	if loc := r.Header.Get("Location"); loc != "" {
		if u, err := url.Parse(loc); err == nil && u.Path != "" {
			resp.ID = path.Base(u.Path)
		}
	}
	return resp
}

// page is the envelope of a collection body.
type page struct {
	Count        *int   `json:"count"`
	HasMore      *bool  `json:"hasMore"`
	Offset       *int   `json:"offset"`
	TotalResults *int   `json:"totalResults"`
	Links        []Link `json:"links"`
}

// populatePaging sets the paging fields from a collection body. Bodies
// without a paging field are left alone without a second decode.
func (r *Response) populatePaging(body []byte) {
	if !bytes.Contains(body, []byte(`"hasMore"`)) && !bytes.Contains(body, []byte(`"totalResults"`)) {
		return
	}
	var p page
	if json.Unmarshal(body, &p) != nil || p.HasMore == nil && p.TotalResults == nil {
		return // a record whose sublists page; not a collection
	}
	r.Links = p.Links
	if p.Count != nil {
		r.Count = *p.Count
	}
	if p.HasMore != nil {
		r.HasMore = *p.HasMore
	}
	if p.Offset != nil {
		r.Offset = *p.Offset
	}
	if p.TotalResults != nil {
		r.TotalResults = *p.TotalResults
	}
	if next := r.Link("next"); next != "" {
		if u, err := url.Parse(next); err == nil {
			if n, err := strconv.Atoi(u.Query().Get("offset")); err == nil && n > 0 {
				r.NextOffset = n
				r.HasMore = true
				return
			}
		}
	}
	if r.HasMore {
		r.NextOffset = r.Offset + r.Count
	}
}

// Do sends req, retrying as the RetryPolicy allows, and reads the
// response. A 2xx JSON body (application/json or any +json type, such as
// NetSuite's application/vnd.oracle.resource+json) is decoded into v; when
// v is an io.Writer the body is copied into it instead, unread; when v is
// nil it is discarded. Any other status is an error: a *Error, see
// CheckResponse. When NetSuite answered, the Response is returned with the
// error.
func (c *Client) Do(req *http.Request, v any) (*Response, error) {
	if w, ok := v.(io.Writer); ok {
		resp, err := c.BareDo(req)
		if err != nil {
			return resp, err
		}
		defer resp.Body.Close()
		if _, err := io.Copy(w, resp.Body); err != nil {
			return resp, fmt.Errorf("netsuite: %s %s: reading the response: %w", req.Method, sanitizeURL(req.URL), err)
		}
		return resp, nil
	}
	resp, body, err := c.send(req, true)
	if err != nil {
		return resp, err
	}
	if v == nil || len(body) == 0 {
		return resp, nil
	}
	if !isJSON(resp.Header.Get("Content-Type")) {
		return resp, fmt.Errorf("netsuite: %s %s: %s with Content-Type %q, not JSON: %s", req.Method, sanitizeURL(req.URL), resp.Status, resp.Header.Get("Content-Type"), snippet(body))
	}
	if err := json.Unmarshal(body, v); err != nil {
		return resp, fmt.Errorf("netsuite: %s %s: decoding the response: %w", req.Method, sanitizeURL(req.URL), err)
	}
	resp.populatePaging(body)
	return resp, nil
}

// BareDo sends req as Do does and returns the response with its body
// unread. The caller must close the body: the request holds one of the
// Client's concurrency slots until then. Any status other than 2xx is an
// error, as in Do.
func (c *Client) BareDo(req *http.Request) (*Response, error) {
	resp, _, err := c.send(req, false)
	return resp, err
}

// isJSON reports whether a Content-Type is JSON: application/json or any
// +json type. An empty one counts: the body is tried as JSON.
func isJSON(contentType string) bool {
	if contentType == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return mt == mediaTypeJSON || strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json")
}

// sanitizeURL returns u as a string without user information, for messages
// and logs. Neither TBA nor OAuth 2.0 puts a secret in the URL.
func sanitizeURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	if u.User == nil {
		return u.String()
	}
	u2 := *u
	u2.User = nil
	return u2.String()
}
