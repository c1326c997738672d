package netsuite

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/nsconnect/nsconnect/netsuite/readonly"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// An Option configures a Client; pass options to NewClient.
type Option func(*settings) error

// settings collects the options; NewClient builds the Client from them, so
// that the order of the options does not matter.
type settings struct {
	account     tba.Account
	auth        Authenticator
	baseURL     *url.URL
	httpClient  *http.Client
	location    *time.Location
	concurrency int
	limiter     Limiter
	retry       RetryPolicy
	userAgent   string
	logger      *slog.Logger
	retryNotify func(RetryEvent)

	ignoreReadOnly bool
	readOnly       *readonly.Rules
}

// WithAccount sets the NetSuite account, which signs every request (as the
// OAuth realm) and gives the default base URL. Build it with
// tba.ParseAccountID. It is required.
func WithAccount(a tba.Account) Option {
	return func(s *settings) error {
		if a.IsZero() {
			return errors.New("netsuite: WithAccount: the account is the zero tba.Account; build it with tba.ParseAccountID, such as tba.ParseAccountID(\"1234567_SB1\")")
		}
		s.account = a
		return nil
	}
}

// WithBaseURL sets the URL the REST API is under, without the
// /services/rest/ part: the emulator's URL, such as http://127.0.0.1:8080,
// or a proxy. It may have a path, which is kept. The default is
// https://<account.RESTHost()>, such as
// https://1234567-sb1.suitetalk.api.netsuite.com.
func WithBaseURL(rawURL string) Option {
	return func(s *settings) error {
		u, err := url.Parse(rawURL)
		if err != nil {
			return fmt.Errorf("netsuite: WithBaseURL(%q): %w", rawURL, err)
		}
		if u.Scheme != "https" && u.Scheme != "http" || u.Host == "" {
			return fmt.Errorf("netsuite: WithBaseURL(%q): want an absolute http or https URL, such as https://1234567-sb1.suitetalk.api.netsuite.com", rawURL)
		}
		if u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
			return fmt.Errorf("netsuite: WithBaseURL(%q): the URL must not have a query or a fragment", rawURL)
		}
		if u.User != nil {
			return fmt.Errorf("netsuite: WithBaseURL(%q): the URL must not have user information; requests are authenticated with WithCredentials or WithAuthenticator", u.Redacted())
		}
		u.Path = strings.TrimSuffix(u.Path, "/")
		u.RawPath = strings.TrimSuffix(u.RawPath, "/")
		if strings.HasSuffix(u.Path, "/services/rest") {
			return fmt.Errorf("netsuite: WithBaseURL(%q): leave out /services/rest; the client adds it", rawURL)
		}
		s.baseURL = u
		return nil
	}
}

// WithHTTPClient sets the HTTP client that sends the requests. The Client
// does not modify c: it uses a copy whose Transport authenticates each
// request and then sends it with c.Transport (http.DefaultTransport when
// nil). The
// copy keeps c's Timeout, Jar and CheckRedirect.
func WithHTTPClient(c *http.Client) Option {
	return func(s *settings) error {
		if c == nil {
			return errors.New("netsuite: WithHTTPClient: the *http.Client is nil")
		}
		s.httpClient = c
		return nil
	}
}

// WithTimezone sets the account's time zone, the one in which NetSuite
// shows dates and datetimes that carry no offset (SuiteQL results, dates in
// q filters). The record API itself speaks UTC. The default is UTC.
func WithTimezone(loc *time.Location) Option {
	return func(s *settings) error {
		if loc == nil {
			return errors.New("netsuite: WithTimezone: the *time.Location is nil; load one with time.LoadLocation(\"America/Los_Angeles\")")
		}
		s.location = loc
		return nil
	}
}

// WithConcurrency sets how many requests the Client has in flight at once:
// the account's concurrency limit, or the share of it this integration may
// use (Setup > Integration > Integration Management > Integration
// Governance). The default, 5, is the smallest limit NetSuite gives an
// account. The Client's limiter is NewLimiter(n), which uses fewer slots
// for a while after a 429.
func WithConcurrency(n int) Option {
	return func(s *settings) error {
		if n < 1 {
			return fmt.Errorf("netsuite: WithConcurrency(%d): want at least 1; NetSuite's smallest account limit is 5", n)
		}
		s.concurrency = n
		return nil
	}
}

// WithLimiter makes the Client take a slot of l for each request it sends,
// instead of a limiter of its own. Use it to share one account's limit
// between several Clients, or, with a Limiter backed by a shared store,
// between processes. A Limiter that is an AdaptiveLimiter, as NewLimiter's
// is, is told of every answer, so that the Clients sharing it share one
// adaptive limit. It cannot be combined with WithConcurrency.
func WithLimiter(l Limiter) Option {
	return func(s *settings) error {
		if l == nil {
			return errors.New("netsuite: WithLimiter: the Limiter is nil")
		}
		s.limiter = l
		return nil
	}
}

// WithRetry sets how the Client retries; a zero field keeps its default
// (see RetryPolicy), and MaxRetries < 0 turns retries off.
func WithRetry(p RetryPolicy) Option {
	return func(s *settings) error {
		if err := p.validate(); err != nil {
			return err
		}
		s.retry = p
		return nil
	}
}

// WithUserAgent sets the User-Agent header of the requests NewRequest
// builds; the default is nsconnect-go.
func WithUserAgent(ua string) Option {
	return func(s *settings) error {
		if ua == "" {
			return errors.New("netsuite: WithUserAgent: the user agent is empty")
		}
		s.userAgent = ua
		return nil
	}
}

// WithLogger sets the logger for the Client's diagnostics: each retry is
// logged at debug level. The default discards them. Nothing secret is
// logged.
func WithLogger(l *slog.Logger) Option {
	return func(s *settings) error {
		if l == nil {
			return errors.New("netsuite: WithLogger: the *slog.Logger is nil; to log nothing, leave the option out")
		}
		s.logger = l
		return nil
	}
}

// WithIgnoreReadOnly sets whether Create, Update and Upsert drop read-only
// fields from the body before sending it, when their WriteOptions leave
// IgnoreReadOnly nil. On, the fields that NetSuite sets itself (id, links,
// refName, system dates, calculated totals and balances, ...) are removed
// from a copy of the body and reported in WriteResult.Dropped, so that a
// record read with Get can be sent back whole. Off (the default), the body
// is sent as it is and NetSuite's refusal is returned as a *Error whose
// detail has the path of the field (o:errorPath).
func WithIgnoreReadOnly(ignore bool) Option {
	return func(s *settings) error {
		s.ignoreReadOnly = ignore
		return nil
	}
}

// WithReadOnlyRules sets the rules that say which fields are read-only when
// read-only fields are ignored (WithIgnoreReadOnly, WriteOptions). The
// default is readonly.New(): the curated table. Pass readonly.New(extra...)
// to add the fields an account's forms or features lock.
func WithReadOnlyRules(r *readonly.Rules) Option {
	return func(s *settings) error {
		if r == nil {
			return errors.New("netsuite: WithReadOnlyRules: the *readonly.Rules is nil; to keep the default, leave the option out")
		}
		s.readOnly = r
		return nil
	}
}

// WithRetryNotify sets a function the Client calls before each wait to
// retry, so that a program can show that it is waiting rather than stuck
// (NetSuite's concurrency limit can keep a request waiting for seconds).
// It is called on the goroutine of the request, and must not block. The
// event holds no secret.
func WithRetryNotify(fn func(RetryEvent)) Option {
	return func(s *settings) error {
		if fn == nil {
			return errors.New("netsuite: WithRetryNotify: the function is nil; to be told nothing, leave the option out")
		}
		s.retryNotify = fn
		return nil
	}
}
