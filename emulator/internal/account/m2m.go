package account

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// A Scope is an OAuth 2.0 scope an integration record grants and a token
// carries. Its value is the spelling of the assertion's scope claim (Oracle,
// "JWT Format and Required Fields",
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_162790605110.html).
type Scope string

// The OAuth 2.0 scopes.
const (
	// ScopeRESTWebServices is "REST Web Services": the record API, SuiteQL
	// and the system endpoints.
	ScopeRESTWebServices Scope = "rest_webservices"
	// ScopeRESTlets is "RESTlets".
	ScopeRESTlets Scope = "restlets"
	// ScopeSuiteAnalytics is "SuiteAnalytics Connect".
	ScopeSuiteAnalytics Scope = "suite_analytics"
)

// Scopes returns every OAuth 2.0 scope, in a fixed order.
func Scopes() []Scope { return []Scope{ScopeRESTWebServices, ScopeRESTlets, ScopeSuiteAnalytics} }

func (s Scope) known() bool { return slices.Contains(Scopes(), s) }

// An M2MMapping is an OAuth 2.0 client credentials (machine to machine)
// mapping: a certificate uploaded for an integration record, an entity (a
// user) and a role. Its certificate ID is the kid of the assertions signed
// with the certificate's private key (Oracle,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_162686838198.html).
type M2MMapping struct {
	// CertificateID is the ID NetSuite gives the mapping.
	CertificateID string
	// Integration is the name of the integration record.
	Integration string
	// User is the email of the entity the tokens log in as.
	User string
	// Role is the name of the role the tokens log in with.
	Role string
	// Certificate is the public half, PEM: an x.509 certificate (as NetSuite
	// takes it) or a bare public key (PUBLIC KEY), RSA of 3072 or 4096 bits
	// or EC on P-256, P-384 or P-521.
	Certificate string
	// ValidUntil ends the mapping's validity when not zero; a certificate's
	// own NotAfter ends it too.
	ValidUntil time.Time
	// Revoked is set once the mapping is revoked: its certificate signs no
	// more assertions and its tokens stop working.
	Revoked bool
}

// PublicKey parses the mapping's certificate and returns its public key and
// the period it is valid in (zero times for a bare public key, which has
// none of its own; ValidUntil applies on top).
func (m M2MMapping) PublicKey() (key crypto.PublicKey, notBefore, notAfter time.Time, err error) {
	return parseM2MKey(m.Certificate)
}

// Valid reports whether the mapping can be used at now: not revoked, and
// within its validity and its certificate's. The reason it cannot is
// returned in words.
func (m M2MMapping) Valid(now time.Time) (crypto.PublicKey, string) {
	if m.Revoked {
		return nil, "the mapping is revoked"
	}
	key, notBefore, notAfter, err := m.PublicKey()
	if err != nil {
		return nil, err.Error()
	}
	if !m.ValidUntil.IsZero() && now.After(m.ValidUntil) {
		return nil, "the mapping expired at " + m.ValidUntil.UTC().Format(time.RFC3339)
	}
	if !notAfter.IsZero() && now.After(notAfter) {
		return nil, "the certificate expired at " + notAfter.UTC().Format(time.RFC3339)
	}
	if !notBefore.IsZero() && now.Before(notBefore) {
		return nil, "the certificate is valid only from " + notBefore.UTC().Format(time.RFC3339)
	}
	return key, ""
}

// parseM2MKey reads one PEM block, a CERTIFICATE or a PUBLIC KEY, and checks
// its key as NetSuite does: "RSA 3072 or 4096 bits, or EC 256, 384 or 521
// bits" (Oracle,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_162755332391.html).
func parseM2MKey(text string) (crypto.PublicKey, time.Time, time.Time, error) {
	var zero time.Time
	block, rest := pem.Decode([]byte(text))
	if block == nil {
		return nil, zero, zero, errors.New("not PEM; paste the certificate (-----BEGIN CERTIFICATE-----) or the public key (-----BEGIN PUBLIC KEY-----)")
	}
	if strings.TrimSpace(string(rest)) != "" {
		return nil, zero, zero, errors.New("more than one PEM block; give one certificate or public key")
	}
	var key crypto.PublicKey
	var notBefore, notAfter time.Time
	switch block.Type {
	case "CERTIFICATE":
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, zero, zero, fmt.Errorf("the certificate does not parse: %v", err)
		}
		key, notBefore, notAfter = cert.PublicKey, cert.NotBefore, cert.NotAfter
	case "PUBLIC KEY":
		k, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, zero, zero, fmt.Errorf("the public key does not parse: %v", err)
		}
		key = k
	case "PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY":
		return nil, zero, zero, fmt.Errorf("a %s: give the certificate or public key, never the private key", block.Type)
	default:
		return nil, zero, zero, fmt.Errorf("a PEM block of type %q; give a CERTIFICATE or a PUBLIC KEY", block.Type)
	}
	switch k := key.(type) {
	case *rsa.PublicKey:
		if bits := k.N.BitLen(); bits != 3072 && bits != 4096 {
			return nil, zero, zero, fmt.Errorf("an RSA key of %d bits; NetSuite takes 3072 or 4096 bits", bits)
		}
	case *ecdsa.PublicKey:
		switch k.Curve {
		case elliptic.P256(), elliptic.P384(), elliptic.P521():
		default:
			return nil, zero, zero, fmt.Errorf("an EC key on %s; NetSuite takes P-256, P-384 or P-521", k.Curve.Params().Name)
		}
	default:
		return nil, zero, zero, fmt.Errorf("a %T key; NetSuite takes RSA (3072 or 4096 bits) or EC (P-256, P-384, P-521)", key)
	}
	return key, notBefore, notAfter, nil
}

// M2MMapping returns the mapping with the given certificate ID.
func (a *Account) M2MMapping(certificateID string) (M2MMapping, bool) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	if i := a.mappingIndex(certificateID); i >= 0 {
		return a.M2MMappings[i], true
	}
	return M2MMapping{}, false
}

// IntegrationByClientID returns the integration record with the given OAuth
// 2.0 client ID.
func (a *Account) IntegrationByClientID(clientID string) (Integration, bool) {
	return a.IntegrationByKey(clientID)
}

func (a *Account) mappingIndex(id string) int {
	return slices.IndexFunc(a.M2MMappings, func(m M2MMapping) bool { return m.CertificateID == id })
}

// SetIntegrationClientCredentials checks or clears the "Client Credentials
// (Machine to Machine) Grant" box of the named integration record.
func (a *Account) SetIntegrationClientCredentials(name string, on bool) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	i, err := a.integrationLocked(name)
	if err != nil {
		return err
	}
	a.Integrations[i].ClientCredentials = on
	return nil
}

// SetIntegrationScopes sets the OAuth 2.0 scopes the named integration
// record grants.
func (a *Account) SetIntegrationScopes(name string, scopes []Scope) error {
	for _, s := range scopes {
		if !s.known() {
			return fmt.Errorf("account: unknown scope %q; known scopes: %s", string(s), quoteList(Scopes()))
		}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	i, err := a.integrationLocked(name)
	if err != nil {
		return err
	}
	a.Integrations[i].Scopes = slices.Compact(slices.Sorted(slices.Values(scopes)))
	return nil
}

// AddM2MMapping adds a mapping, as an administrator does with Create New on
// the OAuth 2.0 Client Credentials (M2M) Setup page, and returns its
// certificate ID: m.CertificateID when set, else a new random one, 43
// base64url characters like those NetSuite shows. Its integration, user and
// role must be defined and its certificate must hold a key NetSuite takes.
func (a *Account) AddM2MMapping(m M2MMapping) (string, error) {
	if m.CertificateID == "" {
		b := make([]byte, 32)
		rand.Read(b)
		m.CertificateID = base64.RawURLEncoding.EncodeToString(b)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	var p problems
	a.validateMapping(&p, "mapping", m)
	if a.mappingIndex(m.CertificateID) >= 0 {
		p.add("mapping.certificateId", "%q is the certificate ID of another mapping; certificate IDs must be unique", m.CertificateID)
	}
	if len(p) > 0 {
		return "", p.err()
	}
	a.M2MMappings = append(slices.Clip(a.M2MMappings), m)
	return m.CertificateID, nil
}

// RevokeM2MMapping revokes the mapping with the given certificate ID, as the
// Revoke button does. Revoking is final; revoking a revoked mapping does
// nothing.
func (a *Account) RevokeM2MMapping(certificateID string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	i := a.mappingIndex(certificateID)
	if i < 0 {
		ids := make([]string, len(a.M2MMappings))
		for j, m := range a.M2MMappings {
			ids[j] = m.CertificateID
		}
		return &NotFoundError{What: "M2M mapping", Name: certificateID, Defined: ids}
	}
	a.M2MMappings = slices.Clone(a.M2MMappings)
	a.M2MMappings[i].Revoked = true
	return nil
}

// validateM2M checks the integrations' scopes and the mappings.
func (a *Account) validateM2M(p *problems) {
	for i, in := range a.Integrations {
		for j, s := range in.Scopes {
			if !s.known() {
				p.add(fmt.Sprintf("integrations[%d].scopes[%d]", i, j), "unknown scope %q; known scopes: %s", string(s), quoteList(Scopes()))
			} else if slices.Index(in.Scopes, s) < j {
				p.add(fmt.Sprintf("integrations[%d].scopes[%d]", i, j), "%s is listed twice", s)
			}
		}
	}
	ids := map[string]int{}
	for i, m := range a.M2MMappings {
		at := fmt.Sprintf("m2mMappings[%d]", i)
		p.unique(ids, "m2mMappings", i, "certificateId", "certificate ID", m.CertificateID, "missing; set the Certificate ID NetSuite shows for the mapping (the kid of the assertions)")
		a.validateMapping(p, at, m)
	}
}

// validateMapping checks one mapping's references and certificate.
func (a *Account) validateMapping(p *problems, at string, m M2MMapping) {
	if a.integrationIndex(m.Integration) < 0 {
		names := make([]string, len(a.Integrations))
		for i, in := range a.Integrations {
			names[i] = in.Name
		}
		p.add(at+".integration", "integration %q is not defined; %s", m.Integration, defined("integrations", names))
	}
	if a.userIndex(m.User) < 0 {
		emails := make([]string, len(a.Users))
		for i, u := range a.Users {
			emails[i] = u.Email
		}
		p.add(at+".user", "user %q is not defined; %s", m.User, defined("users", emails))
	}
	if a.roleIndex(m.Role) < 0 {
		p.add(at+".role", "role %q is not defined; %s", m.Role, defined("roles", a.roleNames()))
	}
	if m.Certificate == "" {
		p.add(at+".certificate", "missing; paste the certificate (or public key) PEM whose private key signs the assertions")
	} else if _, _, _, err := parseM2MKey(m.Certificate); err != nil {
		p.add(at+".certificate", "%v", err)
	}
}
