package config

import (
	"crypto"
	"crypto/x509"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/nsconnect/nsconnect/netsuite/m2m"
)

// M2M is the OAuth 2.0 machine-to-machine part of a Connection: the
// integration record's client ID, the mapping's certificate ID, and the
// certificate's private key, read from its file. Printing a Connection
// shows the file's path, never the key.
type M2M struct {
	ClientID      string
	CertificateID string
	// PrivateKeyFile is the path of the PEM private key, and Key the key
	// read from it.
	PrivateKeyFile string
	Key            crypto.Signer
	// CertificateFile is the path of the certificate uploaded to the
	// mapping, "" when not set, and Certificate the certificate read from
	// it, whose public key is Key's.
	CertificateFile string
	Certificate     *x509.Certificate
	// Scopes are the scopes the token is asked for; nil means the
	// default, rest_webservices.
	Scopes []string
}

// Where NetSuite shows the M2M values.
const (
	whereClientID      = "NetSuite shows the client ID once, when the integration record is saved with Client Credentials (Machine to Machine) Grant checked (Setup > Integration > Manage Integrations)"
	whereCertificateID = "NetSuite shows it in the list at Setup > Integration > Manage Authentication > OAuth 2.0 Client Credentials (M2M) Setup, once the certificate is mapped"
	wherePrivateKey    = "the PEM private key of the certificate uploaded to the mapping, such as the private.pem of openssl req -new -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 365 -keyout private.pem -out public.pem"
)

// ParseAuth reads an authentication method: tba or m2m, in any case.
func ParseAuth(s string) (string, error) {
	switch a := strings.ToLower(strings.TrimSpace(s)); a {
	case AuthTBA, AuthM2M:
		return a, nil
	}
	// The value is not repeated: it may be a credential typed at the
	// wrong prompt.
	return "", errors.New("not an authentication method; use tba (Token-Based Authentication) or m2m (OAuth 2.0 machine to machine)")
}

// ParseScopes reads a comma-separated list of OAuth 2.0 scopes: some of
// restlets, rest_webservices and suite_analytics.
func ParseScopes(s string) ([]string, error) {
	var scopes []string
	for p := range strings.SplitSeq(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			scopes = append(scopes, p)
		}
	}
	if err := m2m.CheckScopes(scopes); err != nil {
		return nil, fmt.Errorf("%w (comma-separated, each checked on the integration record; the REST API and SuiteQL need rest_webservices)", err)
	}
	return scopes, nil
}

// readFile reads a file the settings name; tests replace it.
var readFile = os.ReadFile

// ReadPrivateKey reads the private key file of an M2M connection. The
// error names the problem and never shows the key. A file other users can
// read is a warning.
func ReadPrivateKey(path string, warn func(string)) (crypto.Signer, error) {
	data, err := readFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("there is no file %s; %s", path, wherePrivateKey)
		}
		return nil, fmt.Errorf("cannot read %s: %w", path, errors.Unwrap(err))
	}
	key, err := m2m.ParsePrivateKey(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if info, err := os.Stat(path); err == nil && warn != nil && runtime.GOOS != "windows" && info.Mode().Perm()&0o044 != 0 {
		warn(fmt.Sprintf("private key file %s is readable by other users (mode %04o): run chmod 600 %s", path, info.Mode().Perm(), shellQuote(path)))
	}
	return key, nil
}

// ReadCertificate reads the certificate file of an M2M connection and
// checks it against key: a certificate of another key is an error; one
// not yet valid, expired or valid for more than two years at now is a
// warning.
func ReadCertificate(path string, key crypto.Signer, now time.Time, warn func(string)) (*x509.Certificate, error) {
	data, err := readFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("there is no file %s; give the certificate uploaded to the M2M mapping, or leave the setting out", path)
		}
		return nil, fmt.Errorf("cannot read %s: %w", path, errors.Unwrap(err))
	}
	cert, err := m2m.ParseCertificate(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if key != nil {
		if err := m2m.MatchCertificate(cert, key); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	if warn != nil {
		switch m2m.CheckValidity(cert, now) {
		case m2m.NotYetValid:
			warn(fmt.Sprintf("certificate %s is not valid before %s; NetSuite refuses it until then", path, cert.NotBefore.UTC().Format(time.RFC3339)))
		case m2m.Expired:
			warn(fmt.Sprintf("certificate %s expired on %s; make a new one, upload it to the M2M mapping, and set the new certificate ID", path, cert.NotAfter.UTC().Format(time.RFC3339)))
		case m2m.LongerThan2Years:
			warn(fmt.Sprintf("certificate %s is valid until %s, more than two years: NetSuite shortens it to two years from the upload, so it expires earlier than the file says", path, cert.NotAfter.UTC().Format(time.DateOnly)))
		}
	}
	return cert, nil
}

// m2mSettings validates the M2M fields of s into c.M2M.
func (s *Settings) m2mSettings(c *Connection, bad func(Field, error), required func(Field) (string, bool)) {
	warn := func(msg string) { c.Warnings = append(c.Warnings, msg) }
	m := &c.M2M
	for _, f := range []Field{FieldClientID, FieldCertificateID} {
		if raw, ok := required(f); ok {
			if err := checkCredential(f, raw); err != nil {
				bad(f, err)
			} else if f == FieldClientID {
				m.ClientID = raw
			} else {
				m.CertificateID = raw
			}
		}
	}
	if raw, ok := required(FieldPrivateKeyFile); ok {
		m.PrivateKeyFile = raw
		key, err := ReadPrivateKey(raw, warn)
		if err != nil {
			bad(FieldPrivateKeyFile, err)
		}
		m.Key = key
	}
	if v := s.values[FieldCertificateFile]; v.IsSet() {
		m.CertificateFile = v.raw
		cert, err := ReadCertificate(v.raw, m.Key, time.Now(), warn)
		if err != nil {
			bad(FieldCertificateFile, err)
		}
		m.Certificate = cert
	}
	if v := s.values[FieldScopes]; v.IsSet() {
		scopes, err := ParseScopes(v.raw)
		if err != nil {
			bad(FieldScopes, err)
		}
		m.Scopes = scopes
	}
}
