package emulator

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/account"
	"github.com/nsconnect/nsconnect/emulator/internal/auth"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// The control plane: emulator-only endpoints under /_emulator/, which
// answer plain JSON ({"error": "..."} on failure), not NetSuite's envelope.
// They need no login: the emulator holds demo data only. Everything an
// administrator can break in the setup guide can be broken here at run
// time, so that a test can produce each misconfiguration.

func controlError(w http.ResponseWriter, status int, format string, args ...any) {
	writeJSON(w, status, "application/json", map[string]string{"error": fmt.Sprintf(format, args...)})
}

// decode reads a JSON request body into v, refusing unknown fields.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(io.LimitReader(r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		controlError(w, http.StatusBadRequest, "reading the request body: %v", err)
		return false
	}
	if dec.More() {
		controlError(w, http.StatusBadRequest, "the request body has more than one JSON value")
		return false
	}
	return true
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, "application/json", map[string]any{
		"status":           "ok",
		"accountId":        s.accountID.String(),
		"concurrencyLimit": s.gov.limit.Load(),
		"inFlight":         s.gov.inFlight.Load(),
		"served":           s.gov.served.Load(),
		"rejected":         s.gov.rejected.Load(),
	})
}

// reset puts the emulator back as it started: the account as loaded, the
// seed records, the clock, the audit trail and lockouts.
func (s *Server) reset(w http.ResponseWriter, r *http.Request) {
	s.resetMu.Lock()
	defer s.resetMu.Unlock()
	acct, err := account.Load(s.initial)
	if err != nil {
		controlError(w, http.StatusInternalServerError, "reloading the account: %v", err)
		return
	}
	s.acct = acct
	s.auth = auth.New(acct, s.clock.Now, nil)
	s.clock.Reset()
	if err := s.store.Reset(r.Context()); err != nil {
		controlError(w, http.StatusInternalServerError, "clearing the records: %v", err)
		return
	}
	// Seeding is not given up when the client goes away: a half-seeded
	// store is worse than a slow answer.
	if err := s.seed(context.WithoutCancel(r.Context())); err != nil {
		controlError(w, http.StatusInternalServerError, "seeding: %v", err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// audit lists the login audit trail, newest first: ?status=Failure or
// Success, ?limit=N.
func (s *Server) audit(w http.ResponseWriter, r *http.Request) {
	status := auth.Status(r.URL.Query().Get("status"))
	if status != "" && status != auth.Success && status != auth.Failure {
		controlError(w, http.StatusBadRequest, "status %q: use %s or %s", status, auth.Success, auth.Failure)
		return
	}
	limit := 0
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			controlError(w, http.StatusBadRequest, "limit %q is not a whole number", v)
			return
		}
		limit = n
	}
	s.resetMu.RLock()
	entries := s.auth.Trail().List(status, limit)
	s.resetMu.RUnlock()
	if entries == nil {
		entries = []auth.Entry{}
	}
	writeJSON(w, http.StatusOK, "application/json", map[string]any{"entries": entries})
}

type clockState struct {
	Now    time.Time `json:"now"`
	Offset string    `json:"offset"`
	Frozen bool      `json:"frozen"`
}

func (s *Server) clockState() clockState {
	offset, frozen := s.clock.state()
	return clockState{Now: s.clock.Now(), Offset: offset.String(), Frozen: frozen}
}

func (s *Server) getClock(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, "application/json", s.clockState())
}

// setClock sets the emulator's now: {"set": "2026-03-08T09:59:00Z",
// "frozen": true}, {"advance": "90m"} or {"reset": true}.
func (s *Server) setClock(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Set     *time.Time `json:"set"`
		Frozen  bool       `json:"frozen"`
		Advance string     `json:"advance"`
		Reset   bool       `json:"reset"`
	}
	if !decode(w, r, &req) {
		return
	}
	given := 0
	for _, set := range []bool{req.Reset, req.Set != nil, req.Advance != ""} {
		if set {
			given++
		}
	}
	if given > 1 {
		controlError(w, http.StatusBadRequest, "send one of set, advance and reset")
		return
	}
	switch {
	case req.Reset:
		s.clock.Reset()
	case req.Set != nil:
		s.clock.Set(*req.Set, req.Frozen)
	case req.Advance != "":
		d, err := time.ParseDuration(req.Advance)
		if err != nil {
			controlError(w, http.StatusBadRequest, "advance %q is not a duration such as 90m or -1h", req.Advance)
			return
		}
		s.clock.Advance(d)
	default:
		controlError(w, http.StatusBadRequest, `send {"set": "<RFC 3339 time>", "frozen": true|false}, {"advance": "<duration>"} or {"reset": true}`)
		return
	}
	writeJSON(w, http.StatusOK, "application/json", s.clockState())
}

type governanceState struct {
	ConcurrencyLimit int64  `json:"concurrencyLimit"`
	Latency          string `json:"latency"`
	Faults           string `json:"faults"`
}

func (s *Server) governanceState() governanceState {
	s.gov.mu.Lock()
	faults := s.gov.faults.String()
	s.gov.mu.Unlock()
	return governanceState{
		ConcurrencyLimit: s.gov.limit.Load(),
		Latency:          time.Duration(s.gov.latency.Load()).String(),
		Faults:           faults,
	}
}

func (s *Server) getGovernance(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, "application/json", s.governanceState())
}

// setGovernance changes the concurrency limit, the latency and the faults:
// {"concurrencyLimit": 2, "latency": "100ms", "faults": "429=0.1,seed=7"}.
func (s *Server) setGovernance(w http.ResponseWriter, r *http.Request) {
	var req struct {
		ConcurrencyLimit *int    `json:"concurrencyLimit"`
		Latency          *string `json:"latency"`
		Faults           *string `json:"faults"`
	}
	if !decode(w, r, &req) {
		return
	}
	if req.ConcurrencyLimit != nil && *req.ConcurrencyLimit < 1 {
		controlError(w, http.StatusBadRequest, "concurrencyLimit must be at least 1")
		return
	}
	var latency time.Duration
	if req.Latency != nil {
		var err error
		if latency, err = time.ParseDuration(*req.Latency); err != nil || latency < 0 {
			controlError(w, http.StatusBadRequest, "latency %q is not a duration such as 100ms", *req.Latency)
			return
		}
	}
	var faults Faults
	if req.Faults != nil {
		var err error
		if faults, err = ParseFaults(*req.Faults); err != nil {
			controlError(w, http.StatusBadRequest, "%v", err)
			return
		}
	}
	if req.ConcurrencyLimit != nil {
		s.gov.limit.Store(int64(*req.ConcurrencyLimit))
	}
	if req.Latency != nil {
		s.gov.latency.Store(int64(latency))
	}
	if req.Faults != nil {
		s.gov.setFaults(faults)
	}
	writeJSON(w, http.StatusOK, "application/json", s.governanceState())
}

// getAccount shows the account as an account file, secrets redacted.
func (s *Server) getAccount(w http.ResponseWriter, r *http.Request) {
	s.resetMu.RLock()
	acct := s.acct.Clone()
	s.resetMu.RUnlock()
	for i := range acct.Integrations {
		acct.Integrations[i].ConsumerSecret = tba.Secret("[REDACTED]")
	}
	for i := range acct.Tokens {
		acct.Tokens[i].TokenSecret = tba.Secret("[REDACTED]")
	}
	data, err := account.Marshal(acct)
	if err != nil {
		controlError(w, http.StatusInternalServerError, "%v", err)
		return
	}
	w.Header().Set("Content-Type", "application/yaml")
	w.Write(data)
}

// mutate runs a change of the account and answers 204, or 404 for a name
// the account does not have, or 400.
func (s *Server) mutate(w http.ResponseWriter, change func(*account.Account) error) {
	s.resetMu.RLock()
	err := change(s.acct)
	s.resetMu.RUnlock()
	var nf *account.NotFoundError
	switch {
	case err == nil:
		w.WriteHeader(http.StatusNoContent)
	case errors.As(err, &nf):
		controlError(w, http.StatusNotFound, "%v", err)
	default:
		controlError(w, http.StatusBadRequest, "%v", err)
	}
}

// setFeature: POST /_emulator/account/features/TOKEN_BASED_AUTHENTICATION
// {"enabled": false}.
func (s *Server) setFeature(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Enabled *bool `json:"enabled"`
	}
	if !decode(w, r, &req) {
		return
	}
	if req.Enabled == nil {
		controlError(w, http.StatusBadRequest, `send {"enabled": true} or {"enabled": false}`)
		return
	}
	s.mutate(w, func(a *account.Account) error {
		return a.SetFeature(account.Feature(r.PathValue("feature")), *req.Enabled)
	})
}

// setPermission: POST /_emulator/account/roles/{role}/permissions with
// {"permission": "REST_WEB_SERVICES", "level": "None"} or {"record":
// "customer", "level": "View"}.
func (s *Server) setPermission(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Permission string `json:"permission"`
		Record     string `json:"record"`
		Level      string `json:"level"`
	}
	if !decode(w, r, &req) {
		return
	}
	level, err := account.ParseLevel(req.Level)
	if err != nil {
		controlError(w, http.StatusBadRequest, "%v", err)
		return
	}
	role := r.PathValue("role")
	switch {
	case req.Permission != "" && req.Record == "":
		s.mutate(w, func(a *account.Account) error {
			return a.SetPermission(role, account.Permission(req.Permission), level)
		})
	case req.Record != "" && req.Permission == "":
		s.mutate(w, func(a *account.Account) error { return a.SetRecordPermission(role, req.Record, level) })
	default:
		controlError(w, http.StatusBadRequest, `send either {"permission": NAME, "level": LEVEL} or {"record": TYPE, "level": LEVEL}`)
	}
}

// setIntegration: POST /_emulator/account/integrations/{name} with
// {"state": "Blocked"} and/or {"tokenBasedAuthentication": false}.
func (s *Server) setIntegration(w http.ResponseWriter, r *http.Request) {
	var req struct {
		State *string `json:"state"`
		TBA   *bool   `json:"tokenBasedAuthentication"`
	}
	if !decode(w, r, &req) {
		return
	}
	name := r.PathValue("name")
	s.mutate(w, func(a *account.Account) error {
		if req.State == nil && req.TBA == nil {
			return errors.New(`send {"state": "Enabled"|"Blocked"} and/or {"tokenBasedAuthentication": true|false}`)
		}
		if req.State != nil {
			if err := a.SetIntegrationState(name, account.IntegrationState(*req.State)); err != nil {
				return err
			}
		}
		if req.TBA != nil {
			return a.SetIntegrationTBA(name, *req.TBA)
		}
		return nil
	})
}

// revokeToken: POST /_emulator/account/tokens/{id}/revoke.
func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) {
	s.mutate(w, func(a *account.Account) error { return a.RevokeToken(r.PathValue("id")) })
}

// setUser: POST /_emulator/account/users/{email} with {"inactive": true},
// {"removeRole": NAME} or {"addRole": NAME}.
func (s *Server) setUser(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Inactive   *bool  `json:"inactive"`
		RemoveRole string `json:"removeRole"`
		AddRole    string `json:"addRole"`
	}
	if !decode(w, r, &req) {
		return
	}
	email := r.PathValue("email")
	s.mutate(w, func(a *account.Account) error {
		if req.Inactive == nil && req.RemoveRole == "" && req.AddRole == "" {
			return errors.New(`send {"inactive": true|false}, {"removeRole": NAME} or {"addRole": NAME}`)
		}
		if req.Inactive != nil {
			if err := a.SetUserInactive(email, *req.Inactive); err != nil {
				return err
			}
		}
		if req.RemoveRole != "" {
			if err := a.RemoveUserRole(email, req.RemoveRole); err != nil {
				return err
			}
		}
		if req.AddRole != "" {
			return a.AddUserRole(email, req.AddRole)
		}
		return nil
	})
}
