package netsuite

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// benchRecord is a customer record of the size NetSuite returns.
type benchRecord struct {
	Links []struct {
		Rel  string `json:"rel"`
		Href string `json:"href"`
	} `json:"links"`
	ID           string `json:"id"`
	CompanyName  string `json:"companyName"`
	Email        string `json:"email"`
	DateCreated  string `json:"dateCreated"`
	EntityStatus struct {
		ID      string `json:"id"`
		RefName string `json:"refName"`
	} `json:"entityStatus"`
	Comments string `json:"comments"`
}

// BenchmarkClientOverhead compares Do with a raw signed http.Client call to
// the same server, both decoding the same record; it logs the ratio.
func BenchmarkClientOverhead(b *testing.B) {
	body := fmt.Sprintf(`{"links":[{"rel":"self","href":"https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer/107"}],`+
		`"id":"107","companyName":"Acme Corp","email":"ap@acme.example","dateCreated":"2017-07-21T17:32:28Z",`+
		`"entityStatus":{"id":"13","refName":"CUSTOMER-Closed Won"},"comments":%q}`, strings.Repeat("lorem ipsum ", 60))
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" {
			http.Error(w, "unsigned", http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/vnd.oracle.resource+json; type=singular")
		io.WriteString(w, body)
	}))
	defer server.Close()
	const path = "/services/rest/record/v1/customer/107"

	signer, err := tba.NewSigner(testAccount.Realm(), testCreds)
	if err != nil {
		b.Fatal(err)
	}
	raw := &http.Client{Transport: &tba.Transport{Signer: signer}}
	client, err := NewClient(WithAccount(testAccount), WithCredentials(testCreds), WithBaseURL(server.URL))
	if err != nil {
		b.Fatal(err)
	}

	var rawNs, doNs float64
	b.Run("raw", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			req, err := http.NewRequestWithContext(b.Context(), "GET", server.URL+path, nil)
			if err != nil {
				b.Fatal(err)
			}
			resp, err := raw.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			data, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != 200 {
				b.Fatal(resp.Status, err)
			}
			var rec benchRecord
			if err := json.Unmarshal(data, &rec); err != nil || rec.ID != "107" {
				b.Fatal(err)
			}
		}
		rawNs = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	})
	b.Run("Do", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			req, err := client.NewRequest(b.Context(), "GET", "record/v1/customer/107", nil)
			if err != nil {
				b.Fatal(err)
			}
			var rec benchRecord
			if _, err := client.Do(req, &rec); err != nil || rec.ID != "107" {
				b.Fatal(err)
			}
		}
		doNs = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	})
	if rawNs > 0 && doNs > 0 {
		b.Logf("Do/raw = %.3f (Do %.0f ns/op, raw %.0f ns/op)", doNs/rawNs, doNs, rawNs)
	}
}
