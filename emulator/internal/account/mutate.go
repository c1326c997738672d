package account

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// The mutation methods below are what an administrator does in the NetSuite
// UI while integrations run; the emulator's control plane calls them. Each is
// safe for concurrent use with every lookup and takes effect for the next
// request. None changes a map or slice that a lookup may have returned: each
// replaces it (see Account, "Concurrency").

// A NotFoundError reports that a mutation named something the account does
// not have.
type NotFoundError struct {
	// What is the kind of thing: "integration", "role", "user" or "token".
	What string
	// Name is the name it was given (for a token, its masked ID).
	Name string
	// Defined are the names of the things of that kind the account has.
	Defined []string
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("account: %s %q is not defined; %s", e.What, e.Name, defined(e.What+"s", e.Defined))
}

// SetFeature enables or disables feature f.
func (a *Account) SetFeature(f Feature, on bool) error {
	if !f.known() {
		return fmt.Errorf("account: unknown feature %q; known features: %s", string(f), quoteList(Features()))
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	features := maps.Clone(a.Features)
	if features == nil {
		features = map[Feature]bool{}
	}
	if on {
		features[f] = true
	} else {
		delete(features, f)
	}
	a.Features = features
	return nil
}

// SetPermission sets the level of permission p of the named role; None
// removes it.
func (a *Account) SetPermission(role string, p Permission, l Level) error {
	if !p.known() {
		return fmt.Errorf("account: unknown permission %q; known permissions: %s", string(p), quoteList(Permissions()))
	}
	if !l.valid() {
		return fmt.Errorf("account: invalid level %v", l)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	i := a.roleIndex(role)
	if i < 0 {
		return &NotFoundError{What: "role", Name: role, Defined: a.roleNames()}
	}
	a.Roles[i].Permissions = withLevel(a.Roles[i].Permissions, p, l)
	return nil
}

// SetRecordPermission sets the named role's level on a record type (a
// standard record type or one of the account's custom record types, matched
// ignoring case); None removes it.
func (a *Account) SetRecordPermission(role, recordType string, l Level) error {
	if !l.valid() {
		return fmt.Errorf("account: invalid level %v", l)
	}
	cat, err := catalog.Default()
	if err != nil {
		return fmt.Errorf("account: loading the record catalog: %w", err)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	i := a.roleIndex(role)
	if i < 0 {
		return &NotFoundError{What: "role", Name: role, Defined: a.roleNames()}
	}
	name := a.recordTypeName(cat, recordType)
	if name == "" {
		return fmt.Errorf("account: unknown record type %q", recordType)
	}
	records := a.Roles[i].Records
	for k := range records {
		if k != name && strings.EqualFold(k, name) {
			records = withLevel(records, k, None) // an old spelling of the same type
		}
	}
	a.Roles[i].Records = withLevel(records, name, l)
	return nil
}

// withLevel returns a copy of m with k at level l (removed for None).
func withLevel[K comparable](m map[K]Level, k K, l Level) map[K]Level {
	c := maps.Clone(m)
	if c == nil {
		c = map[K]Level{}
	}
	if l == None {
		delete(c, k)
	} else {
		c[k] = l
	}
	return c
}

// SetIntegrationState sets the State of the named integration record.
func (a *Account) SetIntegrationState(name string, s IntegrationState) error {
	if s != Enabled && s != Blocked {
		return fmt.Errorf("account: unknown integration state %q; use %s or %s", string(s), Enabled, Blocked)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	i, err := a.integrationLocked(name)
	if err != nil {
		return err
	}
	a.Integrations[i].State = s
	return nil
}

// SetIntegrationTBA checks or clears the Token-Based Authentication box of the
// named integration record.
func (a *Account) SetIntegrationTBA(name string, on bool) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	i, err := a.integrationLocked(name)
	if err != nil {
		return err
	}
	a.Integrations[i].TokenBasedAuthentication = on
	return nil
}

func (a *Account) integrationLocked(name string) (int, error) {
	i := a.integrationIndex(name)
	if i < 0 {
		names := make([]string, len(a.Integrations))
		for j, in := range a.Integrations {
			names[j] = in.Name
		}
		return -1, &NotFoundError{What: "integration", Name: name, Defined: names}
	}
	return i, nil
}

// RevokeToken revokes the access token with the given ID. Revoking is final,
// as in NetSuite; revoking a revoked token does nothing.
func (a *Account) RevokeToken(tokenID string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	i := a.tokenIndex(tokenID)
	if i < 0 {
		ids := make([]string, len(a.Tokens))
		for j, t := range a.Tokens {
			ids[j] = tba.Mask(t.TokenID)
		}
		return &NotFoundError{What: "token", Name: tba.Mask(tokenID), Defined: ids}
	}
	a.Tokens[i].Revoked = true
	return nil
}

// SetUserInactive checks (true) or clears (false) the Inactive box of the
// user with the given email.
func (a *Account) SetUserInactive(email string, inactive bool) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	i, err := a.userLocked(email)
	if err != nil {
		return err
	}
	a.Users[i].Inactive = inactive
	return nil
}

// RemoveUserRole takes the named role away from the user with the given
// email. Removing a role the user does not have does nothing.
func (a *Account) RemoveUserRole(email, role string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	i, err := a.userLocked(email)
	if err != nil {
		return err
	}
	a.Users[i].Roles = slices.DeleteFunc(slices.Clone(a.Users[i].Roles), func(r string) bool { return r == role })
	return nil
}

// AddUserRole gives the named role to the user with the given email. Adding a
// role the user has does nothing.
func (a *Account) AddUserRole(email, role string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	i, err := a.userLocked(email)
	if err != nil {
		return err
	}
	if a.roleIndex(role) < 0 {
		return &NotFoundError{What: "role", Name: role, Defined: a.roleNames()}
	}
	if !a.Users[i].HasRole(role) {
		a.Users[i].Roles = append(slices.Clip(a.Users[i].Roles), role)
	}
	return nil
}

func (a *Account) userLocked(email string) (int, error) {
	i := a.userIndex(email)
	if i < 0 {
		emails := make([]string, len(a.Users))
		for j, u := range a.Users {
			emails[j] = u.Email
		}
		return -1, &NotFoundError{What: "user", Name: email, Defined: emails}
	}
	return i, nil
}
