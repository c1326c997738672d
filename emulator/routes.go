package emulator

import (
	"errors"
	"net/http"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/auth"
	"github.com/nsconnect/nsconnect/emulator/internal/records"
)

// routes is the emulator's one route table. NetSuite's paths live under
// /services/rest/
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1498251763.html);
// the control plane lives under /_emulator/ only, never under NetSuite's paths.
// An API endpoint is one line: governance, then the login, then its handler; a
// control endpoint likewise, behind the control plane's guard.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()

	control := func(pattern string, h http.HandlerFunc) { mux.Handle(pattern, s.guard(h)) }
	control("GET /_emulator/health", s.health)
	control("GET /_emulator/connection", s.getConnection)
	control("POST /_emulator/reset", s.reset)
	control("GET /_emulator/audit", s.audit)
	control("GET /_emulator/clock", s.getClock)
	control("POST /_emulator/clock", s.setClock)
	control("GET /_emulator/governance", s.getGovernance)
	control("POST /_emulator/governance", s.setGovernance)
	control("GET /_emulator/account", s.getAccount)
	control("POST /_emulator/account/features/{feature}", s.setFeature)
	control("POST /_emulator/account/roles/{role}/permissions", s.setPermission)
	control("POST /_emulator/account/integrations/{name}", s.setIntegration)
	control("POST /_emulator/account/tokens/{id}/revoke", s.revokeToken)
	control("POST /_emulator/account/users/{email}", s.setUser)
	control("POST /_emulator/account/m2m", s.addM2MMapping)
	control("POST /_emulator/account/m2m/{certificateId}/revoke", s.revokeM2MMapping)
	mux.Handle("/_emulator/", s.guard(func(w http.ResponseWriter, r *http.Request) {
		controlError(w, http.StatusNotFound, "%s %s is not an endpoint of the control plane; see the emulator's README", r.Method, r.URL.Path)
	}))

	api := func(pattern string, h apiHandler) { mux.Handle(pattern, s.endpoint(restSurface, h)) }
	api("/services/rest/system/v1/serverTime", s.serverTime)
	api("/services/rest/system/v1/governanceLimits", s.governanceLimits)
	api(recordPrefix, s.async(s.record))
	s.asyncRoutes(api)
	api(records.SuiteQLPath, s.suiteQL)
	// The token endpoint logs in by its form, not by a header; it shares the
	// API's governance, latency and faults (Assumption: NetSuite documents
	// no concurrency rule for it; faults there test a client's retries).
	mux.Handle(auth.TokenPath, s.gov.wrap(http.HandlerFunc(s.token), restSurface.refuse))
	api("/services/rest/", s.notServed)
	mux.Handle(RestletPath, s.endpoint(restletSurface, s.restlet))

	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, newError(records.CodeNonexistentID, "The emulator serves NetSuite's REST web services under /services/rest/, RESTlets at "+RestletPath+" and its control plane under /_emulator/; "+r.URL.Path+" is none of them."))
	})
	return s.logRequests(s.dated(mux))
}

// dated sets every answer's Date header from the emulator's clock, so that a
// client measuring its clock skew against the server sees the emulator's
// (RFC 9110 §6.6.1; net/http sets Date only when the handler did not).
func (s *Server) dated(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", s.clock.Now().UTC().Format(http.TimeFormat))
		next.ServeHTTP(w, r)
	})
}

// logRequests logs each request at debug level.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		s.log.Debug("request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "duration", time.Since(start))
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

// Unwrap lets http.ResponseController reach the connection (for dropped
// connections).
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// An apiHandler serves an API request once it is logged in as p.
type apiHandler func(w http.ResponseWriter, r *http.Request, p *auth.Principal)

// A surface is one of NetSuite's APIs as the middleware serves it: the kind
// of login it needs, and how the refusals the middleware answers (over the
// concurrency limit, a fault, a failed login) are written in its format.
type surface struct {
	kind   auth.Kind
	refuse func(w http.ResponseWriter, r *http.Request, e *records.Error)
}

// restSurface is REST web services: NetSuite's REST error envelope.
var restSurface = surface{kind: auth.REST, refuse: func(w http.ResponseWriter, _ *http.Request, e *records.Error) { writeError(w, e) }}

// endpoint is the chain of an API endpoint of surface sf: governance, then the
// login, then h.
func (s *Server) endpoint(sf surface, h apiHandler) http.Handler {
	return s.gov.wrap(s.login(sf, h), sf.refuse)
}

// login logs a request of surface sf in with TBA or an OAuth 2.0 bearer
// token, then hands it to h. OPTIONS is answered here for every path of REST
// web services.
func (s *Server) login(sf surface, h apiHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.resetMu.RLock()
		defer s.resetMu.RUnlock()
		p, err := s.auth.Authenticate(r, sf.kind)
		if err != nil {
			// Every refusal reaches the client as the same 401; the reason is
			// in the login audit trail
			// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_156935170194.html).
			// A bearer token's refusal adds its challenge.
			if e, ok := errors.AsType[*auth.Error](err); ok && e.OAuth != "" {
				s.refuseBearer(w, r, sf, e.OAuth)
				return
			}
			sf.refuse(w, r, newError(records.CodeInvalidLogin, detailInvalidLogin))
			return
		}
		if r.Method == http.MethodOptions && sf.kind == auth.REST {
			// Several clients test their connection with OPTIONS (Airbyte's
			// NetSuite connection check, the npm package netsuite-rest's
			// tests). Assumption: NetSuite logs the request in first, as the
			// check would be useless otherwise, and answers 204 with no body.
			w.Header().Set("Allow", "GET, POST, PATCH, PUT, DELETE, OPTIONS")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		h(w, r, p)
	})
}

// notServed answers the paths of NetSuite's REST web services the emulator
// does not serve.
func (s *Server) notServed(w http.ResponseWriter, r *http.Request, _ *auth.Principal) {
	writeError(w, newError(records.CodeNonexistentID, "The emulator does not serve "+r.URL.Path+" (yet): see the emulator's FIDELITY.md for what it serves."))
}

// serverTime answers GET /services/rest/system/v1/serverTime with the
// emulator's clock: {"serverTime": "2025-03-26T16:21:00.000Z"}, UTC with
// milliseconds, no permission needed (Oracle
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_0528010158.html).
func (s *Server) serverTime(w http.ResponseWriter, r *http.Request, _ *auth.Principal) {
	if r.Method != http.MethodGet {
		writeError(w, newError(records.CodeMethodNotAllowed, "Only GET is allowed on serverTime."))
		return
	}
	writeJSON(w, http.StatusOK, "application/json; charset=UTF-8", map[string]string{
		"serverTime": s.clock.Now().Format("2006-01-02T15:04:05.000Z"),
	})
}

// detailNotAdministrator is the 403 of governanceLimits for a role that is
// not the Administrator. Assumption: Oracle says the operation "returns
// results only if you are logged in as an administrator" but not what it
// answers otherwise; the emulator answers as for a missing permission.
const detailNotAdministrator = "Insufficient permission: only an administrator can read the governance limits."

// governanceLimits answers GET /services/rest/system/v1/governanceLimits:
// the account's concurrency limit, for the Administrator role only (Oracle,
// "GovernanceLimits Operation",
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_0625010817.html).
// The emulator allocates no limit to integrations: the limit type is
// accountLimit, and the unallocated limit is the account's. Assumption: the
// response's field order is Oracle's sample's.
func (s *Server) governanceLimits(w http.ResponseWriter, r *http.Request, p *auth.Principal) {
	if r.Method != http.MethodGet {
		writeError(w, newError(records.CodeMethodNotAllowed, "Only GET is allowed on governanceLimits."))
		return
	}
	if !p.Role.Administrator {
		writeError(w, newError(records.CodeInsufficientPermission, detailNotAdministrator))
		return
	}
	limit := int(s.gov.limit.Load())
	writeJSON(w, http.StatusOK, "application/json; charset=UTF-8", struct {
		Account     int    `json:"accountConcurrencyLimit"`
		Unallocated int    `json:"accountUnallocatedConcurrencyLimit"`
		LimitType   string `json:"integrationLimitType"`
	}{limit, limit, "accountLimit"})
}

// writeJSON writes v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, contentType string, v any) {
	body, err := marshal(v)
	if err != nil {
		writeError(w, err)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	w.Write(body)
}
