package emulator

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/account"
	"github.com/nsconnect/nsconnect/emulator/internal/auth"
	"github.com/nsconnect/nsconnect/emulator/internal/records"
)

// OAuth 2.0 client credentials (machine to machine): the token endpoint,
// bearer answers, the demo key and the M2M part of the Go test API and of
// the control plane. The checks themselves are package auth's.

// The demo account's M2M mapping: public, fixed, demo-only values, like
// its TBA credentials.
const (
	// DemoClientID is the demo integration's client ID (its consumer key).
	DemoClientID = account.DemoClientID
	// DemoCertificateID is the demo mapping's certificate ID, the kid of
	// its assertions.
	DemoCertificateID = account.DemoCertificateID
)

// DemoM2MPrivateKeyPEM returns the private key of the demo account's M2M
// mapping: an EC P-256 key, PKCS#8 PEM, for ES256. It is public and fixed,
// for the demo only: a test signs its assertions with it.
func DemoM2MPrivateKeyPEM() []byte { return bytes.Clone(account.DemoM2MPrivateKeyPEM) }

// M2MMapping is an OAuth 2.0 client credentials mapping: a certificate for
// an integration record, a user (by email) and a role.
type M2MMapping = account.M2MMapping

// token answers POST /services/rest/auth/oauth2/v1/token: 200
// {"access_token", "expires_in": 3600, "token_type": "Bearer"}, or 400
// {"error": "<code>"} with the reason in the login audit trail. Oracle
// documents the error body only for the authorization code grant
// (subsect_158521832417); Assumption: the client credentials grant answers
// alike. The answers are not cached (RFC 6749 §5.1).
func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	s.resetMu.RLock()
	tok, err := s.auth.IssueToken(r)
	s.resetMu.RUnlock()
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	if err != nil {
		code := auth.OAuthInvalidRequest
		if e, ok := errors.AsType[*auth.Error](err); ok && e.OAuth != "" {
			code = e.OAuth
		}
		writeJSON(w, http.StatusBadRequest, "application/json;charset=UTF-8", map[string]string{"error": code})
		return
	}
	writeJSON(w, http.StatusOK, "application/json;charset=UTF-8", struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
		TokenType   string `json:"token_type"`
	}{tok.AccessToken, tok.ExpiresIn, "Bearer"})
}

// refuseBearer answers a refused bearer token as NetSuite does (Oracle,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_158521885412.html):
// 401 with error="invalid_token", or 400 with error="invalid_request" for a
// malformed header, in a WWW-Authenticate challenge whose realm is the
// account ID. Assumption: the body is the INVALID_LOGIN error of a TBA
// refusal (400: INVALID_REQUEST with the challenge's text).
func (s *Server) refuseBearer(w http.ResponseWriter, r *http.Request, sf surface, code string) {
	const challenge = `Bearer realm="%s", error="%s", error_description="%s"`
	if code == auth.OAuthInvalidRequest {
		w.Header().Set("WWW-Authenticate", fmt.Sprintf(challenge, s.accountID.Realm(), code, detailMalformed))
		sf.refuse(w, r, newError(records.CodeInvalidRequest, detailMalformed))
		return
	}
	w.Header().Set("WWW-Authenticate", fmt.Sprintf(challenge, s.accountID.Realm(), auth.OAuthInvalidToken, "Invalid login attempt."))
	sf.refuse(w, r, newError(records.CodeInvalidLogin, detailInvalidLogin))
}

// m2mConnection returns the client ID and certificate ID of the account's
// first usable M2M mapping, and whether its key is the demo key; all empty
// when there is none.
func m2mConnection(acct *account.Account, now time.Time) (clientID, certificateID string, demoKey bool) {
	demo, err := demoPublicKeyDER()
	if err != nil {
		return "", "", false
	}
	for _, m := range acct.M2MMappings {
		key, _ := m.Valid(now)
		in, ok := acct.Integration(m.Integration)
		if key == nil || !ok || !in.ClientCredentials {
			continue
		}
		der, err := x509.MarshalPKIXPublicKey(key)
		return in.ClientID(), m.CertificateID, err == nil && bytes.Equal(der, demo)
	}
	return "", "", false
}

// demoPublicKeyDER is the demo key's public half, PKIX DER.
func demoPublicKeyDER() ([]byte, error) {
	block, _ := pem.Decode(account.DemoM2MPrivateKeyPEM)
	if block == nil {
		return nil, errors.New("emulator: the demo M2M key is not PEM")
	}
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("emulator: the demo M2M key: %w", err)
	}
	signer, ok := key.(crypto.Signer)
	if !ok {
		return nil, errors.New("emulator: the demo M2M key has no public half")
	}
	return x509.MarshalPKIXPublicKey(signer.Public())
}

// writeDemoKey writes the demo private key to path, mode 0600, through a
// file renamed into place: emulators started at once may write the same
// path, and a reader never sees half a key.
func writeDemoKey(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("emulator: the demo M2M key file: %w", err)
	}
	f, err := os.CreateTemp(dir, ".demo-m2m-key-*")
	if err != nil {
		return fmt.Errorf("emulator: the demo M2M key file: %w", err)
	}
	defer os.Remove(f.Name()) // once renamed, removes nothing
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return fmt.Errorf("emulator: the demo M2M key file: %w", err)
	}
	if _, err := f.Write(account.DemoM2MPrivateKeyPEM); err != nil {
		f.Close()
		return fmt.Errorf("emulator: writing the demo M2M key file: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("emulator: writing the demo M2M key file: %w", err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("emulator: the demo M2M key file: %w", err)
	}
	return nil
}

// SetIntegrationClientCredentials checks or clears the Client Credentials
// (Machine to Machine) Grant box of an integration record.
func (s *Server) SetIntegrationClientCredentials(name string, on bool) error {
	return s.change(func(a *account.Account) error { return a.SetIntegrationClientCredentials(name, on) })
}

// SetIntegrationScopes sets the OAuth 2.0 scopes an integration record
// grants: rest_webservices, restlets, suite_analytics.
func (s *Server) SetIntegrationScopes(name string, scopes []string) error {
	sc := make([]account.Scope, len(scopes))
	for i, v := range scopes {
		sc[i] = account.Scope(v)
	}
	return s.change(func(a *account.Account) error { return a.SetIntegrationScopes(name, sc) })
}

// AddM2MMapping adds an M2M mapping and returns its certificate ID (m's,
// or a new random one when m has none).
func (s *Server) AddM2MMapping(m M2MMapping) (string, error) {
	var id string
	err := s.change(func(a *account.Account) error {
		var err error
		id, err = a.AddM2MMapping(m)
		return err
	})
	return id, err
}

// RevokeM2MMapping revokes an M2M mapping: its certificate signs no more
// assertions, and the access tokens issued for it stop working at once.
func (s *Server) RevokeM2MMapping(certificateID string) error {
	return s.change(func(a *account.Account) error { return a.RevokeM2MMapping(certificateID) })
}

// addM2MMapping: POST /_emulator/account/m2m with {"integration": NAME,
// "user": EMAIL, "role": NAME, "certificate": PEM, "certificateId": ID,
// "validUntil": RFC 3339}; certificateId and validUntil are optional. 201
// {"certificateId": ID}.
func (s *Server) addM2MMapping(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Integration   string    `json:"integration"`
		User          string    `json:"user"`
		Role          string    `json:"role"`
		Certificate   string    `json:"certificate"`
		CertificateID string    `json:"certificateId"`
		ValidUntil    time.Time `json:"validUntil"`
	}
	if !decode(w, r, &req) {
		return
	}
	id, err := s.AddM2MMapping(M2MMapping{
		CertificateID: req.CertificateID, Integration: req.Integration, User: req.User, Role: req.Role,
		Certificate: req.Certificate, ValidUntil: req.ValidUntil,
	})
	if err != nil {
		changed(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, "application/json", map[string]string{"certificateId": id})
}

// revokeM2MMapping: POST /_emulator/account/m2m/{certificateId}/revoke.
func (s *Server) revokeM2MMapping(w http.ResponseWriter, r *http.Request) {
	changed(w, s.RevokeM2MMapping(r.PathValue("certificateId")))
}
