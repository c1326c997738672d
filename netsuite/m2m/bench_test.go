package m2m

import (
	"testing"
	"time"
)

// BenchmarkAssertion measures building and signing one client assertion
// per key type: the cost of each token exchange on this side.
func BenchmarkAssertion(b *testing.B) {
	for _, name := range []string{"ec256.pem", "ec384-sec1.pem", "ec521.pem", "rsa3072-pkcs1.pem", "rsa4096.pem"} {
		b.Run(name, func(b *testing.B) {
			a, err := New(Config{ClientID: "client", CertificateID: "cert", Key: testKey(b, name)})
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
	}
}
