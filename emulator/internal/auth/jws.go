package auth

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"math"
	"math/big"
	"strings"
)

// The emulator reads the M2M client assertion with the standard library
// only, its own code apart from the client's JWT library, so that one bug
// cannot hide on both sides. A client assertion is a JWS in compact
// serialization (RFC 7515 §7.1, https://www.rfc-editor.org/rfc/rfc7515)
// whose payload is a JWT claims set (RFC 7519,
// https://www.rfc-editor.org/rfc/rfc7519).

// maxAssertion bounds the assertion's length. Assumption: NetSuite documents
// none; an EC or RSA 4096 assertion is well under 2 KiB.
const maxAssertion = 16 << 10

// A jwt is a parsed, not yet verified, client assertion.
type jwt struct {
	header    jwtHeader
	claims    jwtClaims
	signed    string // the signing input: base64url(header) "." base64url(payload)
	signature []byte
}

type jwtHeader struct {
	Typ string `json:"typ"`
	Alg string `json:"alg"`
	Kid string `json:"kid"`
}

// jwtClaims are the claims NetSuite reads (Oracle,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_162790605110.html).
// A time claim that is absent is nil.
type jwtClaims struct {
	Iss   string
	Scope []string
	Aud   []string
	Iat   *int64
	Exp   *int64
	Jti   string
}

// A jwsAlg is a signature algorithm NetSuite accepts for the assertion:
// "PS256, PS384, PS512, ES256, ES384 or ES512" (Oracle,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_162790605110.html).
// RS256 (RSA PKCS#1 v1.5) is not accepted.
type jwsAlg struct {
	hash     crypto.Hash
	newHash  func() hash.Hash
	ec       bool
	keyBytes int // an EC key's coordinate size in bytes
}

var jwsAlgs = map[string]jwsAlg{
	"PS256": {hash: crypto.SHA256, newHash: sha256.New},
	"PS384": {hash: crypto.SHA384, newHash: sha512.New384},
	"PS512": {hash: crypto.SHA512, newHash: sha512.New},
	"ES256": {hash: crypto.SHA256, newHash: sha256.New, ec: true, keyBytes: 32},
	"ES384": {hash: crypto.SHA384, newHash: sha512.New384, ec: true, keyBytes: 48},
	"ES512": {hash: crypto.SHA512, newHash: sha512.New, ec: true, keyBytes: 66},
}

// parseJWT splits a compact JWS and decodes its header and claims. Its
// errors say what is wrong without repeating the token.
func parseJWT(s string) (*jwt, error) {
	if len(s) > maxAssertion {
		return nil, fmt.Errorf("the assertion is %d bytes long; at most %d are read", len(s), maxAssertion)
	}
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return nil, fmt.Errorf("the assertion has %d dot-separated parts; a signed JWT has 3 (header.payload.signature)", len(parts))
	}
	var t jwt
	header, err := b64(parts[0], "header")
	if err != nil {
		return nil, err
	}
	if err := strictJSON(header, &t.header); err != nil {
		return nil, fmt.Errorf("the JWT header is not a JSON object of strings typ, alg and kid: %v", err)
	}
	payload, err := b64(parts[1], "payload")
	if err != nil {
		return nil, err
	}
	if t.claims, err = parseClaims(payload); err != nil {
		return nil, err
	}
	if t.signature, err = b64(parts[2], "signature"); err != nil {
		return nil, err
	}
	t.signed = parts[0] + "." + parts[1]
	return &t, nil
}

// b64 decodes one part: base64url without padding (RFC 7515 §2).
func b64(s, part string) ([]byte, error) {
	b, err := base64.RawURLEncoding.Strict().DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("the JWT %s is not unpadded base64url", part)
	}
	return b, nil
}

// strictJSON decodes one JSON object, and nothing after it.
func strictJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("more than one JSON value")
	}
	return nil
}

// parseClaims decodes the claims set: a JSON object whose iss and jti are
// strings, aud a string or an array of strings (RFC 7519 §4.1.3), iat and
// exp NumericDates, and scope a JSON array of strings (Oracle's sample) or
// one string of scopes separated by commas or spaces (seen in working
// clients; Assumption: NetSuite takes all three). Other claims are ignored.
func parseClaims(payload []byte) (jwtClaims, error) {
	var raw map[string]json.RawMessage
	if err := strictJSON(payload, &raw); err != nil || raw == nil {
		return jwtClaims{}, errors.New("the JWT payload is not a JSON object")
	}
	var c jwtClaims
	for _, f := range []struct {
		name string
		dst  *string
	}{{"iss", &c.Iss}, {"jti", &c.Jti}} {
		if v, ok := raw[f.name]; ok {
			if err := json.Unmarshal(v, f.dst); err != nil {
				return jwtClaims{}, fmt.Errorf("the claim %s is not a string", f.name)
			}
		}
	}
	var err error
	if c.Aud, err = stringOrList(raw["aud"], func(s string) []string { return []string{s} }); err != nil {
		return jwtClaims{}, fmt.Errorf("the claim aud %v", err)
	}
	if c.Scope, err = stringOrList(raw["scope"], splitScopes); err != nil {
		return jwtClaims{}, fmt.Errorf("the claim scope %v", err)
	}
	for _, f := range []struct {
		name string
		dst  **int64
	}{{"iat", &c.Iat}, {"exp", &c.Exp}} {
		v, ok := raw[f.name]
		if !ok {
			continue
		}
		n, err := numericDate(v)
		if err != nil {
			return jwtClaims{}, fmt.Errorf("the claim %s %v", f.name, err)
		}
		*f.dst = &n
	}
	return c, nil
}

// stringOrList reads a claim that is a string (split by one) or an array
// of strings; an absent claim is nil.
func stringOrList(v json.RawMessage, split func(string) []string) ([]string, error) {
	if v == nil {
		return nil, nil
	}
	var s string
	if err := json.Unmarshal(v, &s); err == nil {
		return split(s), nil
	}
	var list []string
	if err := json.Unmarshal(v, &list); err != nil {
		return nil, errors.New("is neither a string nor an array of strings")
	}
	return list, nil
}

// splitScopes splits "restlets,rest_webservices" or "restlets
// rest_webservices".
func splitScopes(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
}

// numericDate reads a NumericDate: seconds since the epoch, a JSON number
// that may have a fraction (RFC 7519 §2), truncated to whole seconds.
func numericDate(v json.RawMessage) (int64, error) {
	var n json.Number
	if err := json.Unmarshal(v, &n); err != nil {
		return 0, errors.New("is not a number of seconds since 1970")
	}
	if i, err := n.Int64(); err == nil {
		return i, nil
	}
	f, err := n.Float64()
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) || math.Abs(f) > 1<<53 {
		return 0, errors.New("is not a number of seconds since 1970")
	}
	return int64(f), nil
}

// verify checks the signature with key, by the header's algorithm, which
// the caller has checked is one of jwsAlgs. The key must suit the
// algorithm: RSA for PS*, EC on the algorithm's curve for ES*.
func (t *jwt) verify(key crypto.PublicKey) error {
	alg := jwsAlgs[t.header.Alg]
	h := alg.newHash()
	h.Write([]byte(t.signed))
	digest := h.Sum(nil)
	switch k := key.(type) {
	case *rsa.PublicKey:
		if alg.ec {
			return fmt.Errorf("the certificate holds an RSA key; %s needs an EC key", t.header.Alg)
		}
		// RFC 7518 §3.5: the salt is as long as the hash. Go's verifier
		// checks the salt length with PSSSaltLengthEqualsHash.
		if err := rsa.VerifyPSS(k, alg.hash, digest, t.signature, &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash}); err != nil {
			return errors.New("the RSASSA-PSS signature does not match the certificate's key")
		}
		return nil
	case *ecdsa.PublicKey:
		if !alg.ec {
			return fmt.Errorf("the certificate holds an EC key; %s needs an RSA key", t.header.Alg)
		}
		if (k.Curve.Params().BitSize+7)/8 != alg.keyBytes {
			return fmt.Errorf("the certificate's key is on %s; %s needs %s", k.Curve.Params().Name, t.header.Alg, curveOf(t.header.Alg))
		}
		// RFC 7518 §3.4: R and S, each left-padded to the key size, not
		// ASN.1 DER.
		if len(t.signature) != 2*alg.keyBytes {
			return fmt.Errorf("the %s signature is %d bytes; it must be R||S, %d bytes (not ASN.1 DER)", t.header.Alg, len(t.signature), 2*alg.keyBytes)
		}
		r := new(big.Int).SetBytes(t.signature[:alg.keyBytes])
		s := new(big.Int).SetBytes(t.signature[alg.keyBytes:])
		if !ecdsa.Verify(k, digest, r, s) {
			return errors.New("the ECDSA signature does not match the certificate's key")
		}
		return nil
	}
	return fmt.Errorf("the certificate holds a %T key, which signs no JWS algorithm NetSuite takes", key)
}

func curveOf(alg string) string {
	return map[string]string{"ES256": "P-256", "ES384": "P-384", "ES512": "P-521"}[alg]
}
