package netsuite

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// An Authenticator authenticates the requests of a Client. NewClient calls
// its Transport method once, and sends every request, and every retry of
// it, through the RoundTripper it returns. The rest of the Client does not
// know which method is in use.
//
// Three are at hand: Token-Based Authentication (WithCredentials, or TBA),
// OAuth 2.0 machine-to-machine (package m2m), and a caller's own wrapper of
// the transport (AuthenticatorFunc).
type Authenticator interface {
	Transport(AuthSetup) (http.RoundTripper, error)
}

// AuthSetup is what NewClient tells an Authenticator of the Client it
// authenticates for.
type AuthSetup struct {
	// Account is the account given to WithAccount.
	Account tba.Account
	// BaseURL is where the REST API is: the base URL followed by
	// /services/rest/, such as
	// https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/.
	BaseURL *url.URL
	// Base sends the authenticated request: the Transport of the
	// http.Client given to WithHTTPClient, or http.DefaultTransport.
	Base http.RoundTripper
	// Retry is the Client's retry policy with its defaults filled in, for
	// an Authenticator that makes requests of its own (a token exchange).
	Retry RetryPolicy
	// Logger is the Client's logger. Nothing secret may be logged.
	Logger *slog.Logger
	// UserAgent is the Client's User-Agent, for an Authenticator's own
	// requests: NetSuite's Login Audit Trail shows it beside a refusal.
	UserAgent string
}

// AuthenticatorFunc adapts a function to an Authenticator: a caller's own
// wrapper of the transport, such as one that adds a header that a proxy
// wants, or an authentication this package does not have.
type AuthenticatorFunc func(AuthSetup) (http.RoundTripper, error)

// Transport calls f.
func (f AuthenticatorFunc) Transport(s AuthSetup) (http.RoundTripper, error) { return f(s) }

// TBA returns the Authenticator of Token-Based Authentication: it signs
// each request, and each retry of it, with a fresh nonce and timestamp
// through a tba.Transport; the account ID is the OAuth realm.
// WithCredentials(c) is WithAuthenticator(TBA(c)), with c checked at once.
//
// It is also what SOAP web services need: a Client built with it runs
// Client.SOAP, whose TokenPassport is signed with the same credentials.
func TBA(c tba.Credentials) Authenticator { return tbaAuth{creds: c} }

// tbaAuth is the Authenticator of Token-Based Authentication; the Client
// keeps its credentials for SOAP's TokenPassport.
type tbaAuth struct{ creds tba.Credentials }

func (a tbaAuth) Transport(s AuthSetup) (http.RoundTripper, error) {
	signer, err := tba.NewSigner(s.Account.Realm(), a.creds)
	if err != nil {
		return nil, err
	}
	return &tba.Transport{Base: s.Base, Signer: signer}, nil
}

// WithAuthenticator sets how the Client authenticates its requests: TBA,
// an OAuth 2.0 machine-to-machine authenticator (package m2m), or an
// AuthenticatorFunc. It, or WithCredentials, is required; not both.
func WithAuthenticator(a Authenticator) Option {
	return func(s *settings) error {
		if a == nil {
			return errors.New("netsuite: WithAuthenticator: the Authenticator is nil")
		}
		if s.auth != nil {
			return errors.New("netsuite: WithAuthenticator: the Client already has an authenticator; pass one of WithCredentials and WithAuthenticator, once")
		}
		s.auth = a
		return nil
	}
}

// WithCredentials sets the Token-Based Authentication credentials: the
// consumer key and secret of the integration record and the token ID and
// secret of the access token. The Client signs every request with them
// through a tba.Transport. It, or WithAuthenticator, is required; not both.
func WithCredentials(c tba.Credentials) Option {
	return func(s *settings) error {
		if err := c.Validate(); err != nil {
			return fmt.Errorf("netsuite: WithCredentials: %w", err)
		}
		if s.auth != nil {
			return errors.New("netsuite: WithCredentials: the Client already has an authenticator; pass one of WithCredentials and WithAuthenticator, once")
		}
		s.auth = TBA(c)
		return nil
	}
}

// A Scoped Authenticator gets tokens that carry OAuth 2.0 scopes, and says
// which: the Client then refuses, before sending anything, a call whose
// service the scopes leave out (a RESTlet without "restlets"), rather
// than have NetSuite answer a 401 that names no cause.
type Scoped interface {
	Scopes() []string
}

// ErrAuthentication is in the chain of an error an Authenticator returns
// when it could not authenticate a request (for OAuth 2.0, a token
// exchange that failed after its own retries). The Client does not retry
// it.
var ErrAuthentication = errors.New("netsuite: the request could not be authenticated")
