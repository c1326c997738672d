package records

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
	"github.com/nsconnect/nsconnect/emulator/internal/filter"
	"github.com/nsconnect/nsconnect/emulator/internal/store"
	"github.com/nsconnect/nsconnect/emulator/internal/suiteql"
)

// apiPrefix is the path of the REST record API; links are BaseURL + apiPrefix
// + "/<type>/<id>".
const apiPrefix = "/services/rest/record/v1"

// Media types of responses
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545141500.html;
// the 2026.1 REST API browser labels singular, collection and error resources,
// wsjmnh/netsuite-record-rest-docs docs/overview.md).
const (
	typeSingular   = "application/vnd.oracle.resource+json; type=singular"
	typeCollection = "application/vnd.oracle.resource+json; type=collection"
	typeSchema     = "application/schema+json"
	typeSwagger    = "application/swagger+json"
	typeJSON       = "application/json"
)

// Config is what a Service needs.
type Config struct {
	// Catalog is the account's catalog (standard types plus custom fields and
	// custom record types). Required.
	Catalog *catalog.Catalog
	// Store holds the records. Required.
	Store *store.Store
	// Now is the clock for dateCreated and lastModifiedDate; time.Now when nil.
	Now func() time.Time
	// Location is the account's time zone: `q` date literals mean days in it,
	// and a transaction's default date is today in it. UTC when nil.
	Location *time.Location
	// DateFormat is the account's date format preference, used by `q` date
	// literals (airbytehq/airbyte source_netsuite/constraints.py).
	// filter.FormatMDY when empty.
	DateFormat filter.DateFormat
	// SuiteQL is the account's SuiteQL tables; nil when the service answers
	// no queries.
	SuiteQL suiteql.Schema
	// QueryTimeout bounds one SuiteQL query; DefaultQueryTimeout when 0.
	QueryTimeout time.Duration
}

// Service is the REST record API v1 without the transport: the HTTP layer
// authenticates, checks permissions, and hands each request to Serve. It is
// safe for concurrent use; writes are serialised.
type Service struct {
	cat        *catalog.Catalog
	st         *store.Store
	now        func() time.Time
	loc        *time.Location
	dateFormat filter.DateFormat

	suiteql      suiteql.Schema
	queryTimeout time.Duration
	queries      chan struct{} // one token per running SuiteQL query (maxQueries)
	counts       countCache    // SuiteQL result counts, per store generation

	families map[catalog.Family][]string // ID family -> catalog types in it
	defs     map[string]*definitionInfo  // lower-cased definition name -> schema source

	mu sync.Mutex // serialises read-modify-write operations

	refs refCache // resolved references, across requests
}

// New returns a Service for cfg. It panics if the catalog or the store is
// missing, which is a programming error.
func New(cfg Config) *Service {
	if cfg.Catalog == nil || cfg.Store == nil {
		panic("records: Config needs a Catalog and a Store")
	}
	s := &Service{
		cat:        cfg.Catalog,
		st:         cfg.Store,
		now:        cfg.Now,
		loc:        cfg.Location,
		dateFormat: cfg.DateFormat,
		families:   make(map[catalog.Family][]string),

		suiteql:      cfg.SuiteQL,
		queryTimeout: cfg.QueryTimeout,
		queries:      make(chan struct{}, maxQueries),
	}
	if s.queryTimeout <= 0 {
		s.queryTimeout = DefaultQueryTimeout
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.loc == nil {
		s.loc = time.UTC
	}
	if s.dateFormat == "" {
		s.dateFormat = filter.FormatMDY
	}
	for _, name := range s.cat.Types() {
		f := s.cat.FamilyOf(name)
		s.families[f] = append(s.families[f], name)
	}
	s.defs = buildDefinitions(s.cat)
	return s
}

// Request is one call of the record API, as the HTTP layer parsed it.
type Request struct {
	// BaseURL is the scheme and host clients use, e.g. "http://127.0.0.1:8080";
	// every link is BaseURL + "/services/rest/record/v1/...".
	BaseURL string
	// Method is the HTTP method.
	Method string
	// Path is the part of the URL path after /services/rest/record/v1/, still
	// escaped: "customer/eid:CUST-1/addressBook".
	Path string
	// Query is the parsed query string.
	Query url.Values
	// Header holds the request headers (Prefer, Accept, Content-Type,
	// X-NetSuite-PropertyNameValidation, X-NetSuite-PropertyValueValidation).
	Header http.Header
	// Body is the request body.
	Body []byte
}

// Response is a successful answer. Errors are returned as *Error instead.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Resolve returns the canonical record type a path addresses ("salesOrder"
// for "salesorder/12/item"), for the permission check the HTTP layer makes
// before Serve. metadata-catalog paths address no record type: Resolve
// returns "" and no error. A path Serve would refuse gives the same *Error.
func (s *Service) Resolve(path string) (recordType string, err error) {
	r, e := s.route(path)
	if e != nil {
		return "", e
	}
	if r.metadata {
		return "", nil
	}
	return r.rt.Name, nil
}

// Serve answers one request of the record API. Client mistakes come back as
// *Error; any other error is a failure of the emulator.
//
// Prefer: transient is accepted and ignored; Prefer: respond-async is the
// HTTP layer's, which serves the request here later. Request bodies are read
// as JSON whatever their Content-Type (the npm package netsuite-rest sends
// none on a SuiteQL POST).
func (s *Service) Serve(ctx context.Context, req *Request) (*Response, error) {
	if req.Query == nil {
		req.Query = url.Values{}
	}
	if req.Header == nil {
		req.Header = http.Header{}
	}
	method := strings.ToUpper(req.Method)
	r, e := s.route(req.Path)
	if e != nil {
		return nil, e
	}
	if e := checkQuery(req.Query); e != nil {
		return nil, e
	}
	c := &call{s: s, ctx: ctx, req: req, method: method, r: r, base: strings.TrimSuffix(req.BaseURL, "/")}
	return c.serve()
}

// Create validates body as POST /record/v1/{recordType} does and creates the
// record, returning its internal ID. It is for seed generators: unknown
// fields and invalid values are errors whatever the headers would say.
func (s *Service) Create(ctx context.Context, recordType string, body []byte) (id string, err error) {
	rt, ok := s.cat.Type(recordType)
	if !ok {
		return "", errUnknownType(recordType)
	}
	opts := writeOpts{create: true, names: modeError, values: modeError}
	idn, _, e := s.create(ctx, rt, body, opts, "")
	if e != nil {
		return "", e
	}
	return store.FormatID(idn), nil
}

// call is one request being served.
type call struct {
	s      *Service
	ctx    context.Context
	req    *Request
	method string
	r      *route
	base   string
}

func (c *call) serve() (*Response, error) {
	r := c.r
	switch {
	case r.metadata:
		if c.method != http.MethodGet {
			return nil, errMethod(c.method)
		}
		return c.metadata()
	case r.id == nil:
		switch c.method {
		case http.MethodGet:
			return c.list()
		case http.MethodPost:
			return c.post()
		}
		return nil, errMethod(c.method)
	case len(r.rest) == 0:
		switch c.method {
		case http.MethodGet:
			return c.get()
		case http.MethodPatch:
			return c.patch()
		case http.MethodPut:
			return c.put()
		case http.MethodDelete:
			return c.delete()
		}
		return nil, errMethod(c.method)
	default:
		if strings.HasPrefix(r.rest[0], "!") {
			// !transform, !attach, !detach and other record actions are not
			// emulated.
			return nil, errMethod(c.method)
		}
		if c.method != http.MethodGet {
			return nil, errMethod(c.method)
		}
		return c.subresource()
	}
}

// route is a parsed path.
type route struct {
	metadata bool
	metaName string // metadata-catalog/<metaName>; "" for the list

	rt   *catalog.RecordType
	id   *idRef   // nil for the collection
	rest []string // unescaped segments after the ID
}

// idRef is a record ID from the path: an internal ID or eid:<externalId>
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156334828635.html).
type idRef struct {
	internal int64  // > 0 for an internal ID
	eid      string // the external ID of eid:<externalId>
	valid    bool   // false: a negative number, which names no record
}

// route parses the escaped path after /services/rest/record/v1/.
func (s *Service) route(p string) (*route, *Error) {
	// A trailing slash is tolerated: netsuite-api-client's live tests GET
	// "record/v1/customer/".
	p = strings.TrimPrefix(p, "/")
	orig := p // for o:errorUrl
	p = strings.TrimSuffix(p, "/")
	if p == "" {
		return nil, errMalformed()
	}
	raw := strings.Split(p, "/")
	segs := make([]string, len(raw))
	for i, x := range raw {
		if x == "" {
			return nil, errMalformed()
		}
		u, err := url.PathUnescape(x)
		if err != nil || u == "" {
			return nil, errMalformed()
		}
		segs[i] = u
	}
	if strings.EqualFold(segs[0], "metadata-catalog") {
		switch len(segs) {
		case 1:
			return &route{metadata: true}, nil
		case 2:
			// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html:
			// "metadata-catalog/customer, salesOrder" is malformed.
			if strings.ContainsAny(segs[1], " ,") {
				return nil, errMalformed()
			}
			return &route{metadata: true, metaName: segs[1]}, nil
		}
		return nil, errMalformed()
	}
	rt, ok := s.cat.Type(segs[0])
	if !ok {
		return nil, errUnknownType(segs[0])
	}
	r := &route{rt: rt}
	if len(segs) == 1 {
		return r, nil
	}
	id, ok := parseID(segs[1])
	if !ok {
		return nil, errInvalidID(segs[1], apiPrefix+"/"+orig)
	}
	r.id = id
	r.rest = segs[2:]
	if len(r.rest) > 3 {
		// Deeper subresources (…/item/1/inventoryDetail/inventoryAssignment/1)
		// are not emulated.
		return nil, errNotFound()
	}
	return r, nil
}

// parseID reads an internal ID or eid:<externalId>; ok is false for
// anything else, which errInvalidID answers ("000", "abc", "1.0"; see
// errInvalidID for the grammar). A negative number is an identifier that
// names no record: NetSuite answers GET customer/-1 with 404
// NONEXISTENT_ID (see detailNotFound).
func parseID(seg string) (id *idRef, ok bool) {
	if eid, ok := strings.CutPrefix(seg, "eid:"); ok {
		if !validExternalID(eid) {
			return nil, false
		}
		return &idRef{eid: eid, valid: true}, true
	}
	digits, negative := strings.CutPrefix(seg, "-")
	if digits == "" || digits[0] == '0' || strings.Trim(digits, "0123456789") != "" {
		return nil, false
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return nil, false // beyond 64 bits
	}
	if negative {
		return &idRef{}, true
	}
	return &idRef{internal: n, valid: true}, true
}

// String returns the ID as it appears in a path.
func (id *idRef) String() string {
	if id.eid != "" {
		return "eid:" + id.eid
	}
	return fmt.Sprint(id.internal)
}

// load fetches the record a path ID names.
func (s *Service) load(ctx context.Context, rt *catalog.RecordType, id *idRef) (*store.Record, error) {
	if !id.valid {
		return nil, errNotFound()
	}
	var (
		rec *store.Record
		err error
	)
	if id.eid != "" {
		rec, err = s.st.GetByExternalID(ctx, rt.Name, id.eid)
	} else {
		rec, err = s.st.Get(ctx, rt.Name, id.internal)
	}
	if errors.Is(err, store.ErrNotFound) && id.eid != "" {
		return nil, errExternalIDNotFound(id.eid)
	}
	if errors.Is(err, store.ErrNotFound) {
		if rt.Family() == catalog.FamilyTransaction {
			if other, _ := s.findInFamily(ctx, catalog.FamilyTransaction, id.internal); other != nil {
				return nil, errWrongTransactionType()
			}
		}
		return nil, errNotFound()
	}
	if err != nil {
		return nil, err
	}
	return rec, nil
}

// findInFamily returns the record with internal ID id among the catalog types
// of an ID family, or nil.
func (s *Service) findInFamily(ctx context.Context, family catalog.Family, id int64) (*store.Record, error) {
	for _, t := range s.families[family] {
		rec, err := s.st.Get(ctx, t, id)
		if err == nil {
			return rec, nil
		}
		if !errors.Is(err, store.ErrNotFound) {
			return nil, err
		}
	}
	return nil, nil
}

// recordURL is the absolute URL of a record.
func (c *call) recordURL(recordType string, id int64) string {
	return fmt.Sprintf("%s%s/%s/%d", c.base, apiPrefix, recordType, id)
}

// queryTrue reports whether a boolean query parameter is "true".
func queryTrue(q url.Values, name string) bool {
	return strings.EqualFold(q.Get(name), "true")
}
