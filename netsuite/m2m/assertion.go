package m2m

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"encoding/asn1"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"time"
)

// The client assertion is a JWT
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_162790605110.html):
// header typ, alg and kid (the certificate ID); claims iss (the client ID),
// scope, aud (the token endpoint), iat and exp. scope is sent as a JSON
// array, as in Oracle's own sample
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_162755359851.html),
// with a jti as that sample has.
//
// It is signed with the standard library rather than a JWT library: the
// key is a crypto.Signer, which may live in a KMS or an HSM, and the JWT
// libraries sign only with an *rsa.PrivateKey or *ecdsa.PrivateKey they
// hold. The tests verify it with an independent library
// (github.com/golang-jwt/jwt/v5) and the interop tests with npm's jose.

type header struct {
	Typ string `json:"typ"`
	Alg string `json:"alg"`
	Kid string `json:"kid"`
}

type claims struct {
	Iss   string   `json:"iss"`
	Scope []string `json:"scope"`
	Aud   string   `json:"aud"`
	Iat   int64    `json:"iat"`
	Exp   int64    `json:"exp"`
	Jti   string   `json:"jti"`
}

// hashOf is the digest of each algorithm.
var hashOf = map[string]crypto.Hash{
	"PS256": crypto.SHA256,
	"ES256": crypto.SHA256,
	"ES384": crypto.SHA384,
	"ES512": crypto.SHA512,
}

// assertion returns a signed client assertion for the token endpoint aud,
// issued at now.
func (a *Authenticator) assertion(aud string, now time.Time) (string, error) {
	jti := make([]byte, 18)
	if _, err := rand.Read(jti); err != nil {
		return "", err
	}
	h, err := json.Marshal(header{Typ: "JWT", Alg: a.alg, Kid: a.cfg.CertificateID})
	if err != nil {
		return "", err
	}
	c, err := json.Marshal(claims{
		Iss: a.cfg.ClientID, Scope: a.cfg.Scopes, Aud: aud,
		Iat: now.Unix(), Exp: now.Add(a.cfg.AssertionLifetime).Unix(),
		Jti: base64.RawURLEncoding.EncodeToString(jti),
	})
	if err != nil {
		return "", err
	}
	input := base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(c)
	sig, err := sign(a.cfg.Key, a.alg, []byte(input))
	if err != nil {
		return "", fmt.Errorf("signing the client assertion with the %s key: %w", a.alg, err)
	}
	return input + "." + base64.RawURLEncoding.EncodeToString(sig), nil
}

// sign signs input as JWS alg does (RFC 7518 §3.4, §3.5): RSASSA-PSS with a
// salt as long as the hash, or ECDSA with R and S as fixed-size big-endian
// numbers one after the other.
func sign(key crypto.Signer, alg string, input []byte) ([]byte, error) {
	hash := hashOf[alg]
	d := hash.New()
	d.Write(input)
	digest := d.Sum(nil)
	if alg[0] == 'P' {
		return key.Sign(rand.Reader, digest, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash, Hash: hash})
	}
	der, err := key.Sign(rand.Reader, digest, hash)
	if err != nil {
		return nil, err
	}
	var rs struct{ R, S *big.Int }
	if rest, err := asn1.Unmarshal(der, &rs); err != nil || len(rest) > 0 {
		return nil, errors.New("the signer returned an ECDSA signature that is not ASN.1 DER")
	}
	size := (key.Public().(*ecdsa.PublicKey).Curve.Params().BitSize + 7) / 8
	sig := make([]byte, 2*size)
	rs.R.FillBytes(sig[:size])
	rs.S.FillBytes(sig[size:])
	return sig, nil
}
