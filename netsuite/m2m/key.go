package m2m

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
	"time"
)

// certificateRules is Oracle's page on the certificate of an M2M mapping:
// RSA 3072 or 4096 bits, or EC P-256, P-384 or P-521; at most two years.
const certificateRules = "https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_162755332391.html"

// Algorithm returns the JWS algorithm the client assertion is signed with
// for a key: PS256 for RSA (NetSuite refuses RS256 since March 2025),
// ES256, ES384 or ES512 for EC keys on P-256, P-384 and P-521. A key
// NetSuite does not accept for an M2M certificate (RSA of other sizes than
// 3072 and 4096 bits, other curves, other types) is an error that says the
// rule.
func Algorithm(pub crypto.PublicKey) (string, error) {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		switch bits := k.N.BitLen(); bits {
		case 3072, 4096:
			return "PS256", nil
		default:
			return "", fmt.Errorf("an RSA key of %d bits: NetSuite accepts RSA keys of 3072 or 4096 bits, or EC keys on P-256, P-384 or P-521, for an OAuth 2.0 client credentials certificate (%s); make one with openssl req -new -x509 -newkey rsa:4096 -nodes -days 365 -keyout private.pem -out public.pem", bits, certificateRules)
		}
	case *ecdsa.PublicKey:
		switch k.Curve {
		case elliptic.P256():
			return "ES256", nil
		case elliptic.P384():
			return "ES384", nil
		case elliptic.P521():
			return "ES512", nil
		}
		return "", fmt.Errorf("an EC key on curve %s: NetSuite accepts EC keys on P-256, P-384 or P-521, or RSA keys of 3072 or 4096 bits (%s)", k.Curve.Params().Name, certificateRules)
	case nil:
		return "", errors.New("no key")
	}
	return "", fmt.Errorf("a key of type %T: NetSuite accepts RSA keys of 3072 or 4096 bits, or EC keys on P-256, P-384 or P-521 (%s)", pub, certificateRules)
}

// ParsePrivateKey reads a PEM private key that NetSuite accepts (see
// Algorithm): PKCS#8 (BEGIN PRIVATE KEY), PKCS#1 (BEGIN RSA PRIVATE KEY)
// or SEC 1 (BEGIN EC PRIVATE KEY). Other blocks before it, such as EC
// PARAMETERS or a CERTIFICATE, are skipped. An encrypted key is refused:
// decrypt it first. The error never shows the key.
func ParsePrivateKey(data []byte) (crypto.Signer, error) {
	var seen []string
	for rest := data; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		seen = append(seen, block.Type)
		if block.Type == "ENCRYPTED PRIVATE KEY" || strings.Contains(block.Headers["Proc-Type"], "ENCRYPTED") {
			return nil, errors.New("the private key is encrypted with a passphrase; nsconnect reads an unencrypted key: write one with openssl pkey -in encrypted.pem -out private.pem, and let only its owner read it (chmod 600 private.pem)")
		}
		var key any
		var err error
		switch block.Type {
		case "PRIVATE KEY":
			key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
		case "RSA PRIVATE KEY":
			key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
		case "EC PRIVATE KEY":
			key, err = x509.ParseECPrivateKey(block.Bytes)
		default:
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("the %s block does not parse (%v); want an unencrypted PEM private key as openssl writes it", block.Type, scrub(err))
		}
		signer, ok := key.(crypto.Signer)
		if !ok {
			return nil, fmt.Errorf("the %s block holds a key of type %T, which cannot sign", block.Type, key)
		}
		if _, err := Algorithm(signer.Public()); err != nil {
			return nil, fmt.Errorf("the private key is %w", err)
		}
		return signer, nil
	}
	switch {
	case len(seen) > 0:
		return nil, fmt.Errorf("no private key in the PEM data, only %s; want a block BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY (the certificate goes to NetSuite, the private key stays here)", strings.Join(seen, ", "))
	case len(bytes.TrimSpace(data)) == 0:
		return nil, errors.New("the private key is empty; want a PEM block BEGIN PRIVATE KEY")
	}
	return nil, errors.New("the private key is not PEM; want a block BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY, as openssl writes it")
}

// scrub keeps a parser's error short: the x509 errors name the structure
// at fault, never the key's bytes, but may be long.
func scrub(err error) string {
	s := err.Error()
	if len(s) > 120 {
		s = s[:120] + "..."
	}
	return s
}

// ParseCertificate reads the first CERTIFICATE block of PEM data: the
// public certificate uploaded to the M2M mapping.
func ParseCertificate(data []byte) (*x509.Certificate, error) {
	for rest := data; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			return nil, errors.New("no PEM block BEGIN CERTIFICATE; want the x.509 certificate uploaded to NetSuite (.pem, .crt or .cer in PEM form)")
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("the certificate does not parse: %w", err)
		}
		return cert, nil
	}
}

// MatchCertificate returns an error when the certificate's public key is
// not the public half of key: NetSuite would check the assertion against
// a key this machine does not sign with.
func MatchCertificate(cert *x509.Certificate, key crypto.Signer) error {
	pub, ok := key.Public().(interface{ Equal(crypto.PublicKey) bool })
	if !ok || !pub.Equal(cert.PublicKey) {
		return errors.New("the certificate is not the private key's: its public key is another one; upload the certificate made with this key to the M2M mapping, or point to the key it was made with")
	}
	return nil
}

// MaxValidity is the longest validity NetSuite keeps for an M2M
// certificate: a longer one is shortened to two years from the upload.
const MaxValidity = 2 * 365 * 24 * time.Hour

// A Validity is what is wrong with a certificate's validity window at a
// time, or "" when nothing is.
type Validity string

// The validity problems.
const (
	ValidityOK       Validity = ""
	NotYetValid      Validity = "not yet valid"
	Expired          Validity = "expired"
	LongerThan2Years Validity = "valid for more than two years"
)

// CheckValidity says what is wrong with a certificate's validity window at
// now: not yet valid or expired (NetSuite refuses the mapping, or logins
// with it), or longer than two years (NetSuite shortens it, so that it ends
// earlier than the file says).
func CheckValidity(cert *x509.Certificate, now time.Time) Validity {
	switch {
	case now.Before(cert.NotBefore):
		return NotYetValid
	case now.After(cert.NotAfter):
		return Expired
	case cert.NotAfter.Sub(cert.NotBefore) > MaxValidity+24*time.Hour: // a leap day
		return LongerThan2Years
	}
	return ValidityOK
}
