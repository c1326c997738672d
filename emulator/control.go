package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
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
	writeJSON(w, http.StatusOK, "application/json", s.Health())
}

// getConnection answers what `nsconnect emulator` prints when it is ready
// (Connection.ReadyLine): the URL and the credentials of the account's first
// active access token, so that a client connects in one step (nsconnect
// config init --from-emulator). Like the ready line it holds the emulator's
// own secrets, never a real account's; the guard keeps it to this machine,
// or to the holder of the control token. With no token active it gives the
// M2M mapping alone; 409 when there is neither.
func (s *Server) getConnection(w http.ResponseWriter, r *http.Request) {
	conn, err := s.Connection()
	if err != nil {
		controlError(w, http.StatusConflict, "%v; reset the emulator (POST /_emulator/reset) to bring back the demo token and mapping", err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(append(conn.ReadyLine(), '\n'))
}

func (s *Server) reset(w http.ResponseWriter, r *http.Request) {
	if err := s.Reset(r.Context()); err != nil {
		controlError(w, http.StatusInternalServerError, "%v", err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// audit lists the login audit trail, newest first: ?status=Failure or
// Success, ?limit=N.
func (s *Server) audit(w http.ResponseWriter, r *http.Request) {
	limit := 0
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			controlError(w, http.StatusBadRequest, "limit %q is not a whole number", v)
			return
		}
		limit = n
	}
	entries, err := s.Audit(AuditStatus(r.URL.Query().Get("status")), limit)
	if err != nil {
		controlError(w, http.StatusBadRequest, "%v", err)
		return
	}
	writeJSON(w, http.StatusOK, "application/json", map[string]any{"entries": entries})
}

func (s *Server) getClock(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, "application/json", s.Clock())
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
	var err error
	switch {
	case given > 1:
		err = errors.New("send one of set, advance and reset")
	case req.Reset:
		s.ResetClock()
	case req.Set != nil:
		err = s.SetClock(*req.Set, req.Frozen)
	case req.Advance != "":
		d, perr := time.ParseDuration(req.Advance)
		if perr != nil {
			err = fmt.Errorf("advance %q is not a duration such as 90m or -1h", req.Advance)
		} else {
			err = s.AdvanceClock(d)
		}
	default:
		err = errors.New(`send {"set": "<RFC 3339 time>", "frozen": true|false}, {"advance": "<duration>"} or {"reset": true}`)
	}
	if err != nil {
		controlError(w, http.StatusBadRequest, "%v", err)
		return
	}
	writeJSON(w, http.StatusOK, "application/json", s.Clock())
}

// governanceState is Governance on the wire.
type governanceState struct {
	ConcurrencyLimit int    `json:"concurrencyLimit"`
	Latency          string `json:"latency"`
	Faults           string `json:"faults"`
}

func (s *Server) writeGovernance(w http.ResponseWriter) {
	g := s.Governance()
	writeJSON(w, http.StatusOK, "application/json", governanceState{
		ConcurrencyLimit: g.ConcurrencyLimit, Latency: g.Latency.String(), Faults: g.Faults.String(),
	})
}

func (s *Server) getGovernance(w http.ResponseWriter, r *http.Request) { s.writeGovernance(w) }

// setGovernance changes the concurrency limit, the latency and the faults:
// {"concurrencyLimit": 2, "latency": "100ms", "faults": "429=0.1,seed=7"};
// what is not sent stays.
func (s *Server) setGovernance(w http.ResponseWriter, r *http.Request) {
	var req struct {
		ConcurrencyLimit *int    `json:"concurrencyLimit"`
		Latency          *string `json:"latency"`
		Faults           *string `json:"faults"`
	}
	if !decode(w, r, &req) {
		return
	}
	g := s.Governance()
	if req.ConcurrencyLimit != nil {
		g.ConcurrencyLimit = *req.ConcurrencyLimit
	}
	if req.Latency != nil {
		d, err := time.ParseDuration(*req.Latency)
		if err != nil {
			controlError(w, http.StatusBadRequest, "latency %q is not a duration such as 100ms", *req.Latency)
			return
		}
		g.Latency = d
	}
	if req.Faults != nil {
		f, err := ParseFaults(*req.Faults)
		if err != nil {
			controlError(w, http.StatusBadRequest, "%v", err)
			return
		}
		g.Faults = f
	}
	if err := s.SetGovernance(g); err != nil {
		controlError(w, http.StatusBadRequest, "%v", err)
		return
	}
	s.writeGovernance(w)
}

// getAccount shows the account as an account file, secrets redacted.
func (s *Server) getAccount(w http.ResponseWriter, r *http.Request) {
	data, err := s.AccountYAML()
	if err != nil {
		controlError(w, http.StatusInternalServerError, "%v", err)
		return
	}
	w.Header().Set("Content-Type", "application/yaml")
	w.Write(data)
}

// changed answers a change of the account: 204, or 404 for a name the
// account does not have, or 400.
func changed(w http.ResponseWriter, err error) {
	switch {
	case err == nil:
		w.WriteHeader(http.StatusNoContent)
	case errors.Is(err, ErrNotFound):
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
	changed(w, s.SetFeature(r.PathValue("feature"), *req.Enabled))
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
	role := r.PathValue("role")
	switch {
	case req.Permission != "" && req.Record == "":
		changed(w, s.SetPermission(role, req.Permission, req.Level))
	case req.Record != "" && req.Permission == "":
		changed(w, s.SetRecordPermission(role, req.Record, req.Level))
	default:
		controlError(w, http.StatusBadRequest, `send either {"permission": NAME, "level": LEVEL} or {"record": TYPE, "level": LEVEL}`)
	}
}

// setIntegration: POST /_emulator/account/integrations/{name} with any of
// {"state": "Blocked"}, {"tokenBasedAuthentication": false},
// {"clientCredentials": false} and {"scopes": ["rest_webservices"]}.
func (s *Server) setIntegration(w http.ResponseWriter, r *http.Request) {
	var req struct {
		State             *string   `json:"state"`
		TBA               *bool     `json:"tokenBasedAuthentication"`
		ClientCredentials *bool     `json:"clientCredentials"`
		Scopes            *[]string `json:"scopes"`
	}
	if !decode(w, r, &req) {
		return
	}
	name := r.PathValue("name")
	var changes []func() error
	if req.State != nil {
		changes = append(changes, func() error { return s.SetIntegrationState(name, *req.State) })
	}
	if req.TBA != nil {
		changes = append(changes, func() error { return s.SetIntegrationTBA(name, *req.TBA) })
	}
	if req.ClientCredentials != nil {
		changes = append(changes, func() error { return s.SetIntegrationClientCredentials(name, *req.ClientCredentials) })
	}
	if req.Scopes != nil {
		changes = append(changes, func() error { return s.SetIntegrationScopes(name, *req.Scopes) })
	}
	if len(changes) == 0 {
		changed(w, errors.New(`send any of {"state": "Enabled"|"Blocked"}, {"tokenBasedAuthentication": true|false}, {"clientCredentials": true|false} and {"scopes": [...]}`))
		return
	}
	var err error
	for _, c := range changes {
		if err = c(); err != nil {
			break
		}
	}
	changed(w, err)
}

// revokeToken: POST /_emulator/account/tokens/{id}/revoke.
func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) {
	changed(w, s.RevokeToken(r.PathValue("id")))
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
	if req.Inactive == nil && req.RemoveRole == "" && req.AddRole == "" {
		changed(w, errors.New(`send {"inactive": true|false}, {"removeRole": NAME} or {"addRole": NAME}`))
		return
	}
	var err error
	if req.Inactive != nil {
		err = s.SetUserInactive(email, *req.Inactive)
	}
	if err == nil && req.RemoveRole != "" {
		err = s.RemoveUserRole(email, req.RemoveRole)
	}
	if err == nil && req.AddRole != "" {
		err = s.AddUserRole(email, req.AddRole)
	}
	changed(w, err)
}
