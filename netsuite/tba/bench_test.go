package tba

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/dghubble/oauth1"
)

type nopTransport struct{ resp http.Response }

func (n *nopTransport) RoundTrip(*http.Request) (*http.Response, error) { return &n.resp, nil }

// BenchmarkSign compares the cost of signing one request through each
// library's http.RoundTripper, with a base transport that sends nothing:
// what is measured is cloning the request, collecting and normalising the
// parameters, the HMAC, the nonce and the header.
func BenchmarkSign(b *testing.B) {
	const target = "https://123456-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer?q=email%20START_WITH%20barbara&limit=2"
	base := &nopTransport{resp: http.Response{StatusCode: 200, Body: http.NoBody}}
	req, err := http.NewRequest("GET", target, nil)
	if err != nil {
		b.Fatal(err)
	}
	signer, err := NewSigner("123456_SB1", testCreds)
	if err != nil {
		b.Fatal(err)
	}
	config := &oauth1.Config{
		ConsumerKey:    testCreds.ConsumerKey,
		ConsumerSecret: testCreds.ConsumerSecret.Reveal(),
		Realm:          "123456_SB1",
		Signer:         &oauth1.HMAC256Signer{ConsumerSecret: testCreds.ConsumerSecret.Reveal()},
	}
	ctx := context.WithValue(context.Background(), oauth1.HTTPClient, &http.Client{Transport: base})
	transports := []struct {
		name string
		rt   http.RoundTripper
	}{
		{"nsconnect", &Transport{Base: base, Signer: signer}},
		{"dghubble", config.Client(ctx, oauth1.NewToken(testCreds.TokenID, testCreds.TokenSecret.Reveal())).Transport},
	}
	for _, tr := range transports {
		b.Run(tr.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := tr.rt.RoundTrip(req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerify is the emulator's cost per request: parse the header and
// check the signature.
func BenchmarkVerify(b *testing.B) {
	b.ReportAllocs()
	u, _ := RequestURL(true, "123456.suitetalk.api.netsuite.com", "/services/rest/record/v1/employee/40")
	for b.Loop() {
		a, err := ParseAuthorization(goodHeader)
		if err != nil {
			b.Fatal(err)
		}
		if err := a.Verify("GET", u, nil, tv1.consumerSecret, tv1.tokenSecret); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignBound is the floor under BenchmarkSign: one HMAC-SHA256 of
// the same base string and its base64, with nothing else.
func BenchmarkSignBound(b *testing.B) {
	b.ReportAllocs()
	u, _ := url.Parse("https://123456-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer?q=email%20START_WITH%20barbara&limit=2")
	base := BaseString("GET", u, []Param{
		{"oauth_consumer_key", testCreds.ConsumerKey}, {"oauth_nonce", "fjaLirsIcCGVZWzBX0pg"},
		{"oauth_signature_method", SignatureMethod}, {"oauth_timestamp", "1508242306"},
		{"oauth_token", testCreds.TokenID}, {"oauth_version", Version},
	})
	for b.Loop() {
		Sign(base, testCreds.ConsumerSecret, testCreds.TokenSecret)
	}
}
