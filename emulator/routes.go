package emulator

import (
	"context"
	"net/http"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/auth"
)

// routes is the emulator's one route table. NetSuite's paths live under
// /services/rest/ (REFERENCE.md §2); the control plane lives under
// /_emulator/ only, never under NetSuite's paths (STYLE.md §7.9).
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()

	mux.HandleFunc("GET /_emulator/health", s.health)
	mux.HandleFunc("POST /_emulator/reset", s.reset)
	mux.HandleFunc("GET /_emulator/audit", s.audit)
	mux.HandleFunc("GET /_emulator/clock", s.getClock)
	mux.HandleFunc("POST /_emulator/clock", s.setClock)
	mux.HandleFunc("GET /_emulator/governance", s.getGovernance)
	mux.HandleFunc("POST /_emulator/governance", s.setGovernance)
	mux.HandleFunc("GET /_emulator/account", s.getAccount)
	mux.HandleFunc("POST /_emulator/account/features/{feature}", s.setFeature)
	mux.HandleFunc("POST /_emulator/account/roles/{role}/permissions", s.setPermission)
	mux.HandleFunc("POST /_emulator/account/integrations/{name}", s.setIntegration)
	mux.HandleFunc("POST /_emulator/account/tokens/{id}/revoke", s.revokeToken)
	mux.HandleFunc("POST /_emulator/account/users/{email}", s.setUser)

	mux.Handle("/services/rest/", s.gov.wrap(http.HandlerFunc(s.api)))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, newError("NONEXISTENT_ID", "The emulator serves NetSuite's REST web services under /services/rest/ and its control plane under /_emulator/; "+r.URL.Path+" is neither."))
	})
	return s.logRequests(mux)
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

type principalKey struct{}

// api serves NetSuite's REST web services: it logs the request in with TBA,
// then dispatches it.
func (s *Server) api(w http.ResponseWriter, r *http.Request) {
	s.resetMu.RLock()
	defer s.resetMu.RUnlock()
	p, err := s.auth.Authenticate(r, auth.REST)
	if err != nil {
		// Every refusal reaches the client as the same 401; the reason is in
		// the login audit trail (REFERENCE.md §1.5).
		writeError(w, newError("INVALID_LOGIN", detailInvalidLogin))
		return
	}
	r = r.WithContext(context.WithValue(r.Context(), principalKey{}, p))
	switch path := r.URL.Path; {
	case r.Method == http.MethodOptions:
		// Several clients test their connection with OPTIONS (PEERS.md §2).
		// Assumption: NetSuite logs the request in first, as the check would
		// be useless otherwise, and answers 204 with no body.
		w.Header().Set("Allow", "GET, POST, PATCH, PUT, DELETE, OPTIONS")
		w.WriteHeader(http.StatusNoContent)
	case path == "/services/rest/system/v1/serverTime":
		s.serverTime(w, r)
	case len(path) > len(recordPrefix) && path[:len(recordPrefix)] == recordPrefix:
		s.record(w, r, p)
	default:
		writeError(w, newError("NONEXISTENT_ID", "The emulator does not serve "+path+" (yet): see the emulator's FIDELITY.md for what it serves."))
	}
}

// serverTime answers GET /services/rest/system/v1/serverTime with the
// emulator's clock: {"serverTime": "2025-03-26T16:21:00.000Z"}, UTC with
// milliseconds, no permission needed (REFERENCE.md §3.4, §9.1, Oracle
// ns:article_0528010158).
func (s *Server) serverTime(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		writeError(w, newError("METHOD_NOT_ALLOWED", "Only GET is allowed on serverTime."))
		return
	}
	writeJSON(w, http.StatusOK, "application/json; charset=UTF-8", map[string]string{
		"serverTime": s.clock.Now().Format("2006-01-02T15:04:05.000Z"),
	})
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
