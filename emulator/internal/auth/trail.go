package auth

import (
	"sync"
	"time"

	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// Status is the Status column of the Login Audit Trail.
type Status string

// The statuses of a login.
const (
	Success Status = "Success"
	Failure Status = "Failure"
)

// An Entry is one login in the audit trail, with the columns of NetSuite's Login Audit Trail
// (Setup > Users/Roles > User Management > View Login Audit Trail; Oracle
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1548084502.html,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534941538.html) that a
// token login fills. Fields that are not known when a login fails early are empty. An Entry never
// holds a secret; the token ID is masked.
type Entry struct {
	// Time is when the login was attempted, by the emulator's clock.
	Time time.Time `json:"time"`
	// Status is Success or Failure.
	Status Status `json:"status"`
	// Reason is the Detail column of a failure: the audit reason, such as
	// InvalidSignature. Empty on success.
	Reason tba.Reason `json:"reason,omitempty"`
	// Detail explains the reason in words; the emulator's own addition.
	Detail string `json:"detail,omitempty"`
	// Kind is the service logged in to (REST), or OAUTH2_TOKEN for a token
	// request.
	Kind Kind `json:"kind"`
	// User is the name of the user the token logs in as.
	User string `json:"user,omitempty"`
	// Email is the user's email.
	Email string `json:"email,omitempty"`
	// Role is the name of the token's role.
	Role string `json:"role,omitempty"`
	// Integration is the integration record's name (Token-based Application
	// Name).
	Integration string `json:"integration,omitempty"`
	// TokenName is the access token's name (Token-based Access Token Name).
	TokenName string `json:"tokenName,omitempty"`
	// Token is the access token ID, masked by tba.Mask.
	Token string `json:"token,omitempty"`
	// CertificateID is the M2M mapping's certificate ID of an OAuth 2.0
	// login (the assertion's kid). The bearer token itself is never shown.
	CertificateID string `json:"certificateId,omitempty"`
	// IP is the client's address, as the server saw it (host:port).
	IP string `json:"ip"`
	// RequestURI is the path of the request.
	RequestURI string `json:"requestUri"`
	// UserAgent is the client's User-Agent header.
	UserAgent string `json:"userAgent,omitempty"`
}

// DefaultTrailCapacity is how many entries an Authenticator's trail keeps.
const DefaultTrailCapacity = 10000

// A Trail is a bounded login audit trail: once full, each new entry drops the
// oldest. It is safe for concurrent use.
type Trail struct {
	mu      sync.Mutex
	entries []Entry // a ring once len == capacity
	next    int     // where the next entry goes once the ring is full
	cap     int
}

// NewTrail returns an empty trail that keeps the last capacity entries (at
// least 1).
func NewTrail(capacity int) *Trail {
	return &Trail{cap: max(capacity, 1)}
}

// Add appends e to the trail.
func (t *Trail) Add(e Entry) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.entries) < t.cap {
		t.entries = append(t.entries, e)
		return
	}
	t.entries[t.next] = e
	t.next = (t.next + 1) % t.cap
}

// List returns the entries, newest first: all of them when status is "", else
// those with that status; at most limit of them when limit > 0.
func (t *Trail) List(status Status, limit int) []Entry {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := len(t.entries)
	var out []Entry
	for i := range n {
		// Newest first: the entry before next, walking back around the ring.
		e := t.entries[(t.next-1-i+2*n)%n]
		if status != "" && e.Status != status {
			continue
		}
		out = append(out, e)
		if limit > 0 && len(out) == limit {
			break
		}
	}
	return out
}

// Len returns how many entries the trail holds.
func (t *Trail) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.entries)
}
