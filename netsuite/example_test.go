package netsuite_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"slices"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/emulator/emulatortest"
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

// startEmulator starts the NetSuite emulator in process, with its demo
// account, and returns a Client for it. Against NetSuite, build the Client
// with WithAccount and WithCredentials only.
func startEmulator() (*netsuite.Client, func()) {
	srv, err := emulator.NewServer(emulator.Options{NoListener: true})
	if err != nil {
		log.Fatal(err)
	}
	client, err := emulatortest.Client(srv)
	if err != nil {
		log.Fatal(err)
	}
	return client, func() { srv.Close() }
}

func ExampleRecordsService_Get() {
	client, stop := startEmulator()
	defer stop()

	customer, _, err := client.Records.Get(context.Background(), "customer", netsuite.ExternalID("CUST-0001"), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(customer["companyName"])
	fmt.Println(customer.RefID("subsidiary"), customer["subsidiary"].(map[string]any)["refName"])
	// Output:
	// Meadowbrook Garden Center Inc.
	// 2 Honeycomb US
}

func ExampleRecordsService_Create() {
	client, stop := startEmulator()
	defer stop()
	ctx := context.Background()

	res, _, err := client.Records.Create(ctx, "customer", netsuite.Record{
		"companyName": "Globex Corporation",
		"externalId":  "CUST-GLOBEX",
		"subsidiary":  map[string]any{"id": "2"},
	}, nil)
	if err != nil {
		log.Fatal(err)
	}
	// NetSuite answers 204 with no body; the ID comes from Location.
	customer, _, err := client.Records.Get(ctx, "customer", res.ID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(customer.ID() == res.ID, customer["companyName"], customer.ExternalID())
	// Output:
	// true Globex Corporation CUST-GLOBEX
}

func ExampleRecordsService_Update() {
	client, stop := startEmulator()
	defer stop()
	ctx := context.Background()

	// Read a sales order, change the memo, send the whole record back:
	// the read-only fields it came with (links, id, refName, total, ...)
	// are dropped on the way.
	order, _, err := client.Records.Get(ctx, "salesOrder", "1", nil)
	if err != nil {
		log.Fatal(err)
	}
	order["memo"] = "Deliver before noon"
	res, _, err := client.Records.Update(ctx, "salesOrder", order.ID(), order, &netsuite.WriteOptions{IgnoreReadOnly: netsuite.Ptr(true)})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(slices.Contains(res.Dropped, "total"), slices.Contains(res.Dropped, "entity.refName"))

	order, _, err = client.Records.Get(ctx, "salesOrder", "1", &netsuite.GetOptions{Fields: []string{"memo"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(order["memo"])
	// Output:
	// true true
	// Deliver before noon
}

func ExampleRecordsService_ListIter() {
	client, stop := startEmulator()
	defer stop()

	// ListIter reads page after page; the demo account has 50 customers.
	n := 0
	for _, err := range client.Records.ListIter(context.Background(), "customer", &netsuite.ListOptions{Limit: 20}) {
		if err != nil {
			log.Fatal(err)
		}
		n++
	}
	fmt.Println(n, "customers")
	// Output:
	// 50 customers
}

func ExampleRestletsService_Call() {
	client, stop := startEmulator() // its demo account has an echo RESTlet
	defer stop()

	resp, err := client.Restlets.Call(context.Background(), netsuite.RestletRequest{
		Script: "customscript_nsconnect_echo",
		Deploy: "customdeploy_nsconnect_echo",
		Method: "POST",
		Body:   []byte(`{"orderId": 7}`),
		// Scripts answer 200 with errors of their own: check the envelope.
		Check: func(r *netsuite.RestletResponse) error {
			var answer struct{ Error string }
			if err := r.Decode(&answer); err != nil {
				return err
			}
			if answer.Error != "" {
				return errors.New(answer.Error)
			}
			return nil
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.StatusCode, resp.MediaType())
	fmt.Println(string(resp.Body))

	_, err = client.Restlets.Call(context.Background(), netsuite.RestletRequest{Script: "customscript_nope", Deploy: "1"})
	fmt.Println(netsuite.HasCode(err, netsuite.CodeInvalidScriptletID))
	// Output:
	// 200 application/json
	// {"method":"POST","query":{},"body":{"orderId":7}}
	// true
}

// headerTransport adds a header to each request it sends through base.
type headerTransport struct {
	base        http.RoundTripper
	name, value string
}

func (t headerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set(t.name, t.value)
	return t.base.RoundTrip(r)
}

// An authenticator of your own wraps the transport: here TBA, with a
// header that a company proxy wants on each request.
func ExampleAuthenticatorFunc() {
	server := fakeNetSuite()
	defer server.Close()
	account, err := tba.ParseAccountID("1234567_SB1")
	if err != nil {
		log.Fatal(err)
	}
	creds := tba.Credentials{
		ConsumerKey: "consumer-key", ConsumerSecret: tba.Secret("consumer-secret"),
		TokenID: "token-id", TokenSecret: tba.Secret("token-secret"),
	}
	auth := netsuite.AuthenticatorFunc(func(s netsuite.AuthSetup) (http.RoundTripper, error) {
		signed, err := netsuite.TBA(creds).Transport(s)
		if err != nil {
			return nil, err
		}
		return headerTransport{base: signed, name: "X-Proxy-Tenant", value: "finance"}, nil
	})
	client, err := netsuite.NewClient(netsuite.WithAccount(account), netsuite.WithAuthenticator(auth), netsuite.WithBaseURL(server.URL))
	if err != nil {
		log.Fatal(err)
	}
	customer, _, err := client.Records.Get(context.Background(), "customer", "107", nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(customer["companyName"])
	// Output: Acme Corp
}
