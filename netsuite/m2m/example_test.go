package m2m_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"

	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/netsuite/m2m"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// fakeNetSuite stands in for NetSuite (or the emulator) in the example:
// a token endpoint and one record, which wants the token.
func fakeNetSuite() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == m2m.TokenPath:
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"access_token":"an-opaque-token","expires_in":3600,"token_type":"Bearer"}`)
		case r.Header.Get("Authorization") == "Bearer an-opaque-token":
			w.Header().Set("Content-Type", "application/vnd.oracle.resource+json; type=singular")
			io.WriteString(w, `{"links":[],"id":"107","companyName":"Acme Corp"}`)
		default:
			w.WriteHeader(http.StatusUnauthorized)
		}
	}))
}

func Example() {
	srv := fakeNetSuite()
	defer srv.Close()

	pemBytes, err := os.ReadFile("testdata/ec256.pem") // the certificate's private key
	if err != nil {
		log.Fatal(err)
	}
	key, err := m2m.ParsePrivateKey(pemBytes)
	if err != nil {
		log.Fatal(err)
	}
	auth, err := m2m.New(m2m.Config{
		ClientID:      "the-integration-records-client-id",
		CertificateID: "the-mappings-certificate-id",
		Key:           key,
	})
	if err != nil {
		log.Fatal(err)
	}
	account, err := tba.ParseAccountID("1234567_SB1")
	if err != nil {
		log.Fatal(err)
	}
	client, err := netsuite.NewClient(
		netsuite.WithAccount(account),
		netsuite.WithAuthenticator(auth),
		netsuite.WithBaseURL(srv.URL), // leave out for NetSuite itself
	)
	if err != nil {
		log.Fatal(err)
	}
	customer, _, err := client.Records.Get(context.Background(), "customer", "107", nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(auth.Algorithm(), customer["companyName"])
	// Output: ES256 Acme Corp
}
