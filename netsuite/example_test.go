package netsuite_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// fakeNetSuite stands in for NetSuite (or the emulator) in the examples.
func fakeNetSuite() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := tba.ParseAuthorization(r.Header.Get("Authorization")); err != nil {
			http.Error(w, "unsigned", http.StatusUnauthorized)
			return
		}
		switch r.URL.Path {
		case "/services/rest/record/v1/customer/107":
			w.Header().Set("Content-Type", "application/vnd.oracle.resource+json; type=singular")
			io.WriteString(w, `{"links":[],"id":"107","companyName":"Acme Corp"}`)
		case "/services/rest/record/v1/customer":
			w.Header().Set("Location", "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer/647")
			w.WriteHeader(http.StatusNoContent)
		default:
			w.Header().Set("Content-Type", "application/vnd.oracle.resource+json; type=error")
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"type":"https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.5","title":"Not Found","status":404,"o:errorDetails":[{"detail":"Record does not exist.","o:errorCode":"NONEXISTENT_ID"}]}`)
		}
	}))
}

func newExampleClient(baseURL string) *netsuite.Client {
	account, err := tba.ParseAccountID("1234567_sb1")
	if err != nil {
		log.Fatal(err)
	}
	client, err := netsuite.NewClient(
		netsuite.WithAccount(account),
		netsuite.WithCredentials(tba.Credentials{
			ConsumerKey: "consumer-key", ConsumerSecret: tba.Secret("consumer-secret"),
			TokenID: "token-id", TokenSecret: tba.Secret("token-secret"),
		}),
		netsuite.WithBaseURL(baseURL), // leave out for NetSuite itself
	)
	if err != nil {
		log.Fatal(err)
	}
	return client
}

func ExampleClient_Do() {
	server := fakeNetSuite()
	defer server.Close()
	client := newExampleClient(server.URL)
	ctx := context.Background()

	req, err := client.NewRequest(ctx, "GET", "record/v1/customer/107", nil)
	if err != nil {
		log.Fatal(err)
	}
	var customer struct {
		ID          string `json:"id"`
		CompanyName string `json:"companyName"`
	}
	if _, err := client.Do(req, &customer); err != nil {
		log.Fatal(err)
	}
	fmt.Println(customer.ID, customer.CompanyName)

	// A create answers 204; the new record's ID comes from Location.
	req, err = client.NewRequest(ctx, "POST", "record/v1/customer", map[string]any{"companyName": "Globex"})
	if err != nil {
		log.Fatal(err)
	}
	resp, err := client.Do(req, nil)
	if errors.Is(err, netsuite.ErrOutcomeUnknown) {
		log.Fatal("look the record up before creating it again: ", err)
	}
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.StatusCode, resp.ID)
	// Output:
	// 107 Acme Corp
	// 204 647
}

func ExampleIsNotFound() {
	server := fakeNetSuite()
	defer server.Close()
	client := newExampleClient(server.URL)

	req, err := client.NewRequest(context.Background(), "GET", "record/v1/customer/9", nil)
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.Do(req, nil)
	fmt.Println(netsuite.IsNotFound(err), netsuite.HasCode(err, "NONEXISTENT_ID"))
	var e *netsuite.Error
	if errors.As(err, &e) {
		fmt.Println(e.Status, e.Details[0].Code, e.Details[0].Detail)
	}
	// Output:
	// true true
	// 404 NONEXISTENT_ID Record does not exist.
}
