package m2m

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// BenchmarkAssertion measures building and signing one client assertion
// per key type: the cost of each token exchange on this side. Its bound,
// BenchmarkAssertion/bound-*, is the signature alone over a digest, with
// the hash and padding the assertion's algorithm uses: what no assertion
// can cost less than; BenchmarkAssertion/golang-jwt-* is a peer.
func BenchmarkAssertion(b *testing.B) {
	for _, name := range []string{"ec256.pem", "ec384-sec1.pem", "ec521.pem", "rsa3072-pkcs1.pem", "rsa4096.pem"} {
		key := testKey(b, name)
		b.Run(name, func(b *testing.B) {
			a, err := New(Config{ClientID: "client", CertificateID: "cert", Key: key})
			if err != nil {
				b.Fatal(err)
			}
			now := time.Now()
			for b.Loop() {
				if _, err := a.assertion("https://1234567.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token", now); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("golang-jwt-"+name, func(b *testing.B) {
			// The peer: golang-jwt/jwt v5 signing the same header and
			// claims (it takes the key types it knows, not any Signer).
			method := map[string]jwt.SigningMethod{"ec256.pem": jwt.SigningMethodES256, "ec384-sec1.pem": jwt.SigningMethodES384,
				"ec521.pem": jwt.SigningMethodES512}[name]
			if method == nil {
				method = jwt.SigningMethodPS256
			}
			now := time.Now()
			for b.Loop() {
				tok := jwt.NewWithClaims(method, jwt.MapClaims{"iss": "client", "scope": []string{"rest_webservices"},
					"aud": "https://1234567.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token",
					"iat": now.Unix(), "exp": now.Add(5 * time.Minute).Unix(), "jti": "0123456789abcdef01234567"})
				tok.Header["kid"] = "cert"
				if _, err := tok.SignedString(key); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("bound-"+name, func(b *testing.B) {
			h := crypto.SHA256
			var opts crypto.SignerOpts = h
			switch k := key.(type) {
			case *ecdsa.PrivateKey:
				h = map[int]crypto.Hash{256: crypto.SHA256, 384: crypto.SHA384, 521: crypto.SHA512}[k.Curve.Params().BitSize]
				opts = h
			case *rsa.PrivateKey:
				opts = &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash, Hash: h}
			}
			digest := make([]byte, h.Size())
			for b.Loop() {
				if _, err := key.Sign(rand.Reader, digest, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
