package doctor

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// An AuditEntry is a refused login as a Login Audit Trail records it.
type AuditEntry struct {
	// Time is when the login was refused, by the server's clock.
	Time time.Time
	// Reason is the Detail column: InvalidSignature, token_rejected, ...
	Reason string
	// Detail explains the reason, when the trail says more than its name.
	Detail string
	// UserAgent is the refused request's User-Agent header.
	UserAgent string
}

// An AuditTrail reads the refused logins of an account's Login Audit Trail
// (in NetSuite's UI at Setup > Users/Roles > User Management > View Login
// Audit Trail). NetSuite has no API for it; the nsconnect emulator has one
// (EmulatorAuditTrail). With one, the doctor names the single reason of a
// refused login instead of ranking the candidates.
type AuditTrail interface {
	// Failures returns the newest refused logins, newest first.
	Failures(ctx context.Context) ([]AuditEntry, error)
}

// EmulatorAuditTrail reads the login audit trail of the nsconnect emulator
// at baseURL through its control plane (GET /_emulator/audit), sending
// controlToken as a bearer token when it is not "" (an emulator started with
// a control token requires it). hc sends the request; nil means a client
// with a 10-second timeout.
func EmulatorAuditTrail(baseURL, controlToken string, hc *http.Client) AuditTrail {
	if hc == nil {
		hc = &http.Client{Timeout: 10 * time.Second}
	}
	return &emulatorTrail{base: strings.TrimRight(baseURL, "/"), token: controlToken, hc: hc}
}

type emulatorTrail struct {
	base, token string
	hc          *http.Client
}

// maxTrailEntries is how many refused logins are read: enough to find this
// run's among those of other clients of the same emulator.
const maxTrailEntries = 100

func (t *emulatorTrail) Failures(ctx context.Context) ([]AuditEntry, error) {
	u, err := url.Parse(t.base + "/_emulator/audit")
	if err != nil {
		return nil, err
	}
	u.RawQuery = url.Values{"status": {"Failure"}, "limit": {fmt.Sprint(maxTrailEntries)}}.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	if t.token != "" {
		req.Header.Set("Authorization", "Bearer "+t.token)
	}
	resp, err := t.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		var e struct{ Error string }
		if json.Unmarshal(body, &e) == nil && e.Error != "" {
			return nil, fmt.Errorf("%s: %s", resp.Status, e.Error)
		}
		return nil, fmt.Errorf("%s: not the emulator's control plane", resp.Status)
	}
	var trail struct {
		Entries []struct {
			Time      time.Time `json:"time"`
			Reason    string    `json:"reason"`
			Detail    string    `json:"detail"`
			UserAgent string    `json:"userAgent"`
		} `json:"entries"`
	}
	if err := json.Unmarshal(body, &trail); err != nil {
		return nil, fmt.Errorf("not the emulator's audit trail: %v", err)
	}
	out := make([]AuditEntry, len(trail.Entries))
	for i, e := range trail.Entries {
		out[i] = AuditEntry{Time: e.Time, Reason: e.Reason, Detail: e.Detail, UserAgent: e.UserAgent}
	}
	return out, nil
}
