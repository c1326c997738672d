package netsuite_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// A caller's own transport wrapper sees each attempt, with what NewClient
// tells it; nothing else signs the request.
func TestAuthenticatorFunc(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Custom yes" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"serverTime":"2026-12-03T10:00:00Z"}`))
	}))
	defer srv.Close()
	account, err := tba.ParseAccountID("1234567_sb1")
	if err != nil {
		t.Fatal(err)
	}
	var setup netsuite.AuthSetup
	auth := netsuite.AuthenticatorFunc(func(s netsuite.AuthSetup) (http.RoundTripper, error) {
		setup = s
		return roundTripFunc(func(r *http.Request) (*http.Response, error) {
			r = r.Clone(r.Context())
			r.Header.Set("Authorization", "Custom yes")
			return http.DefaultTransport.RoundTrip(r)
		}), nil
	})
	c, err := netsuite.NewClient(netsuite.WithAccount(account), netsuite.WithAuthenticator(auth), netsuite.WithBaseURL(srv.URL+"/proxy"))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.ServerTime(t.Context()); err != nil {
		t.Fatal(err)
	}
	if setup.Account != account || setup.BaseURL.String() != srv.URL+"/proxy/services/rest/" || setup.Retry.MaxRetries != 5 || setup.Logger == nil {
		t.Errorf("AuthSetup = %+v", setup)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestAuthenticatorOptions(t *testing.T) {
	t.Parallel()
	account, _ := tba.ParseAccountID("1234567")
	creds := tba.Credentials{ConsumerKey: "ck", ConsumerSecret: "cs", TokenID: "ti", TokenSecret: "ts"}
	fails := netsuite.AuthenticatorFunc(func(netsuite.AuthSetup) (http.RoundTripper, error) { return nil, errors.New("no key") })
	for _, tt := range []struct {
		name string
		opts []netsuite.Option
		want string
	}{
		{"none", nil, "no credentials: pass WithCredentials"},
		{"both", []netsuite.Option{netsuite.WithCredentials(creds), netsuite.WithAuthenticator(netsuite.TBA(creds))}, "pass one of WithCredentials and WithAuthenticator"},
		{"nil", []netsuite.Option{netsuite.WithAuthenticator(nil)}, "the Authenticator is nil"},
		{"fails", []netsuite.Option{netsuite.WithAuthenticator(fails)}, "netsuite: no key"},
	} {
		_, err := netsuite.NewClient(append([]netsuite.Option{netsuite.WithAccount(account)}, tt.opts...)...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

// An authenticator's error with ErrAuthentication is not retried, and is a
// failed login.
func TestErrAuthenticationNotRetried(t *testing.T) {
	t.Parallel()
	account, _ := tba.ParseAccountID("1234567")
	calls := 0
	auth := netsuite.AuthenticatorFunc(func(netsuite.AuthSetup) (http.RoundTripper, error) {
		return roundTripFunc(func(*http.Request) (*http.Response, error) {
			calls++
			return nil, errors.Join(netsuite.ErrAuthentication, errors.New("the exchange failed"))
		}), nil
	})
	c, err := netsuite.NewClient(netsuite.WithAccount(account), netsuite.WithAuthenticator(auth), netsuite.WithBaseURL("http://127.0.0.1:1"),
		netsuite.WithRetry(netsuite.RetryPolicy{Sleep: func(context.Context, time.Duration) error { return nil }}))
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = c.ServerTime(t.Context())
	if !errors.Is(err, netsuite.ErrAuthentication) || !netsuite.IsAuth(err) || !strings.Contains(err.Error(), "the exchange failed") {
		t.Errorf("err = %v", err)
	}
	if calls != 1 {
		t.Errorf("%d attempts, want 1", calls)
	}
}
