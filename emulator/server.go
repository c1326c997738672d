package emulator

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"os"
	"sync"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/account"
	"github.com/nsconnect/nsconnect/emulator/internal/auth"
	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
	"github.com/nsconnect/nsconnect/emulator/internal/records"
	"github.com/nsconnect/nsconnect/emulator/internal/store"
	"github.com/nsconnect/nsconnect/emulator/internal/suiteql/tables"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// Options configure a Server. The zero Options give the built-in demo
// account, in a temporary database, with its seed data, listening on a free
// loopback port.
type Options struct {
	// AccountFile is the path of a YAML account file; "" means the built-in
	// demo account (see DemoAccountYAML for a starting point).
	AccountFile string
	// AccountYAML is an account file's content; it wins over AccountFile.
	AccountYAML []byte

	// DataPath is the SQLite file that keeps the records across restarts;
	// "" keeps them in a temporary database that Close deletes.
	DataPath string
	// NoSeed starts with no records instead of the account's seed data.
	NoSeed bool
	// SeedRecords scales the seed data to about this many records; 0 means
	// the demo size.
	SeedRecords int
	// SeedProgress, when set, is told how many of the seed records are
	// created, at every 1 %.
	SeedProgress func(done, total int)

	// Listen is the address to listen on, such as 127.0.0.1:8080; "" means
	// 127.0.0.1:0, a free port.
	Listen string
	// ControlToken, when set, is required as "Authorization: Bearer
	// <token>" by the control plane (/_emulator/), which then answers any
	// Host. Without it the control plane answers only requests addressed to
	// this machine (see the README, "Control plane").
	ControlToken string
	// NoListener serves requests in process through HTTPClient, with no
	// socket.
	NoListener bool

	// QueryTimeout bounds one SuiteQL query (DefaultQueryTimeout when 0):
	// past it the query is stopped and answered with an error.
	QueryTimeout time.Duration

	// Concurrency overrides the account's concurrency limit when above 0.
	Concurrency int
	// Latency is added to every API request before its work, holding its
	// concurrency slot (Faults.RateSlowAfter delays answers after it).
	Latency time.Duration
	// Faults are injected into API requests.
	Faults Faults

	// RestletHandlers answer RESTlet calls in Go, for tests: a handler
	// answers the deployment its RestletID names, in place of the
	// declarative handler of a RESTlet of the account file, or as a
	// deployment of its own (Released, for every role, every method) when
	// the account file does not declare it.
	RestletHandlers map[RestletID]RestletHandler

	// The listener's timeouts, each 0 for its default and below 0 for
	// none. They bound a client's slowness, not the emulator's: its
	// latency, slow faults and work count against none of them.
	//
	// ReadHeaderTimeout bounds reading a request's headers: default 30s.
	ReadHeaderTimeout time.Duration
	// ReadTimeout bounds reading a request's body, from the emulator's
	// first read of it, so that a client that trickles a body gives its
	// concurrency slot back: default 1m. It bounds the headers too.
	ReadTimeout time.Duration
	// WriteTimeout bounds writing an answer, from its first byte, so that
	// a client that does not read its answer gives its slot back: default
	// 1m.
	WriteTimeout time.Duration
	// IdleTimeout is how long a connection waits for its next request:
	// default 2m, longer than clients keep idle connections (Go's
	// http.DefaultTransport: 90s), so that clients close them first.
	IdleTimeout time.Duration

	// DemoM2MKeyFile, when set and the account has the demo M2M mapping
	// (the demo account does), is where NewServer writes the demo private
	// key (PKCS#8 PEM, mode 0600, replacing the file), for clients that read
	// a key file; Connection then reports it as PrivateKeyFile. "" writes no
	// file: Go tests take the key from DemoM2MPrivateKeyPEM.
	DemoM2MKeyFile string

	// Now is the clock the emulator starts from; nil means time.Now. The
	// control plane can set and advance it.
	Now func() time.Time
	// Logger receives a line per request at debug level and the emulator's
	// warnings; nil discards them.
	Logger *slog.Logger
}

// A Server is a running NetSuite emulator.
type Server struct {
	opts Options
	acct *account.Account // replaced by /_emulator/reset: read under resetMu
	// What reset cannot change, read without a lock.
	accountID tba.Account
	timezone  string
	location  *time.Location
	seedOpts  account.Seed
	initial   []byte // the account file, to reset to
	keyFile   string // where the demo M2M key was written, "" if not
	cat       *catalog.Catalog
	store     *store.Store
	records   *records.Service
	clock     *clock
	gov       *governor
	auth      *auth.Authenticator
	jobs      *jobs // the asynchronous requests
	// restletHandlers are Options.RestletHandlers by restletKey.
	restletHandlers map[RestletID]RestletHandler
	handler         http.Handler
	log             *slog.Logger
	resetMu         sync.RWMutex // held for writing while /_emulator/reset runs
	listener        net.Listener
	http            *http.Server
	url             string
	closed          chan struct{}
}

// NewServer starts an emulator: it loads the account, opens the store, seeds
// it when empty, and, unless opts.NoListener, listens and serves.
func NewServer(opts Options) (*Server, error) {
	s := &Server{opts: opts, clock: newClock(opts.Now), log: opts.Logger, jobs: newJobs(), closed: make(chan struct{})}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	for id, h := range opts.RestletHandlers {
		if h == nil || id.Script == "" || id.Deploy == "" {
			return nil, fmt.Errorf("emulator: Options.RestletHandlers[%+v]: want a non-nil handler under a script and a deployment ID, such as {customscript_orders, customdeploy_orders}", id)
		}
		if s.restletHandlers == nil {
			s.restletHandlers = map[RestletID]RestletHandler{}
		}
		s.restletHandlers[restletKey(id)] = h
	}
	if err := s.loadAccount(); err != nil {
		return nil, err
	}
	st, err := store.Open(opts.DataPath)
	if err != nil {
		return nil, fmt.Errorf("emulator: %w", err)
	}
	s.store = st
	s.records = records.New(records.Config{
		Catalog: s.cat, Store: st, Now: s.clock.Now,
		Location: s.location, DateFormat: s.acct.DateFormat,
		SuiteQL:      tables.New(s.cat, s.timezone, tables.Options{CustomLists: customLists(s.acct)}),
		QueryTimeout: opts.QueryTimeout,
	})
	limit := s.acct.ConcurrencyLimit
	if opts.Concurrency > 0 {
		limit = opts.Concurrency
	}
	s.gov = newGovernor(limit, opts.Latency, opts.Faults)
	s.auth = auth.New(s.acct, s.clock.Now, nil)
	s.handler = s.routes()
	if err := s.seed(context.Background()); err != nil {
		st.Close()
		return nil, err
	}
	if opts.DemoM2MKeyFile != "" {
		if _, _, demo := m2mConnection(s.acct, s.clock.Now()); demo {
			if err := writeDemoKey(opts.DemoM2MKeyFile); err != nil {
				st.Close()
				return nil, err
			}
			s.keyFile = opts.DemoM2MKeyFile
		}
	}
	if opts.NoListener {
		s.url = "http://" + s.accountID.RESTHost()
		return s, nil
	}
	addr := opts.Listen
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("emulator: listening on %s: %w", addr, err)
	}
	s.listener = ln
	s.url = "http://" + ln.Addr().String()
	s.http = opts.timeouts().server(s.handler)
	go func() {
		if err := s.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("emulator: serving", "err", err)
		}
	}()
	return s, nil
}

// DefaultQueryTimeout is how long one SuiteQL query may run when
// Options.QueryTimeout is 0.
const DefaultQueryTimeout = records.DefaultQueryTimeout

// customLists are the account's custom lists as SuiteQL tables see them.
func customLists(acct *account.Account) []tables.CustomList {
	out := make([]tables.CustomList, len(acct.CustomLists))
	for i, l := range acct.CustomLists {
		out[i] = tables.CustomList{ScriptID: l.ScriptID, Name: l.Name, Values: l.Values}
	}
	return out
}

func (s *Server) loadAccount() error {
	data := s.opts.AccountYAML
	if data == nil && s.opts.AccountFile != "" {
		var err error
		if data, err = os.ReadFile(s.opts.AccountFile); err != nil {
			return fmt.Errorf("emulator: reading the account file: %w", err)
		}
	}
	if data == nil {
		var err error
		if data, err = DemoAccountYAML(); err != nil {
			return err
		}
	}
	acct, err := account.Load(data)
	if err != nil {
		if s.opts.AccountFile != "" && s.opts.AccountYAML == nil {
			return fmt.Errorf("emulator: account file %s: %w", s.opts.AccountFile, err)
		}
		return fmt.Errorf("emulator: %w", err)
	}
	base, err := catalog.Default()
	if err != nil {
		return fmt.Errorf("emulator: %w", err)
	}
	fields, records := acct.CatalogCustom()
	cat, err := base.WithCustom(fields, records)
	if err != nil {
		return fmt.Errorf("emulator: the account's custom fields: %w", err)
	}
	s.acct, s.initial, s.cat = acct, data, cat
	s.accountID, s.timezone, s.location, s.seedOpts = acct.ID, acct.Timezone, acct.Location, acct.Seed
	return nil
}

// URL returns the base URL of the emulator, such as http://127.0.0.1:43127.
// With NoListener it is the account's REST host, reached only through
// HTTPClient.
func (s *Server) URL() string { return s.url }

// Handler returns the emulator's HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

// HTTPClient returns a client that reaches the emulator: through the
// in-process transport with NoListener, over loopback otherwise.
func (s *Server) HTTPClient() *http.Client {
	if s.opts.NoListener {
		return &http.Client{Transport: &inProcess{s: s}}
	}
	return &http.Client{}
}

// AccountID returns the emulated account's ID.
func (s *Server) AccountID() tba.Account { return s.accountID }

// Timezone returns the account's time zone, an IANA name.
func (s *Server) Timezone() string { return s.timezone }

// Credentials returns the credentials of the account's first active access
// token: for the demo account, the documented demo credentials.
func (s *Server) Credentials() (tba.Credentials, error) {
	s.resetMu.RLock()
	acct := s.acct.Clone()
	s.resetMu.RUnlock()
	for _, tok := range acct.Tokens {
		if tok.Revoked {
			continue
		}
		integ, ok := acct.Integration(tok.Integration)
		if !ok {
			continue
		}
		return tba.Credentials{
			ConsumerKey: integ.ConsumerKey, ConsumerSecret: integ.ConsumerSecret,
			TokenID: tok.TokenID, TokenSecret: tok.TokenSecret,
		}, nil
	}
	return tba.Credentials{}, errors.New("emulator: the account has no active access token")
}

// Close stops serving and closes the store.
func (s *Server) Close() error {
	select {
	case <-s.closed:
		return nil
	default:
		close(s.closed)
	}
	var errs []error
	if s.http != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		errs = append(errs, s.http.Shutdown(ctx))
	}
	s.jobs.close()
	errs = append(errs, s.store.Close())
	return errors.Join(errs...)
}

// inProcess is an http.RoundTripper that serves requests with the emulator's
// handler, with no socket (fake-gcs-server's muxTransport).
type inProcess struct{ s *Server }

func (t *inProcess) RoundTrip(r *http.Request) (resp *http.Response, err error) {
	select {
	case <-t.s.closed:
		return nil, errors.New("emulator: server closed")
	default:
	}
	if err := r.Context().Err(); err != nil {
		// As net/http's transport: a request whose context is done is not
		// sent.
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, err
	}
	// Serve a copy: a RoundTripper must not modify the caller's request.
	r2 := new(http.Request)
	*r2 = *r
	if r2.Host == "" {
		r2.Host = r.URL.Host
	}
	r2.RemoteAddr = "in-process"
	r2.RequestURI = r.URL.RequestURI()
	if r2.Body == nil {
		r2.Body = http.NoBody
	}
	defer func() {
		if r.Body != nil {
			r.Body.Close() // a RoundTripper closes the request body
		}
		// A dropped connection (Faults.RateDrop, RateDropAfter) aborts the
		// handler. Over a socket the client reads EOF where the answer
		// should be; the error says so too, so that a client tells it from
		// its own failures as it would over a socket.
		if p := recover(); p != nil {
			if p != http.ErrAbortHandler {
				panic(p)
			}
			resp, err = nil, fmt.Errorf("emulator: connection dropped (fault injection): %w", io.EOF)
		}
	}()
	// The request is handed over whole, as written to a socket: say so
	// to a client that traces it (httptrace), as net/http's transport
	// does, so that it knows the request may have been carried out.
	if trace := httptrace.ContextClientTrace(r.Context()); trace != nil && trace.WroteRequest != nil {
		trace.WroteRequest(httptrace.WroteRequestInfo{})
	}
	w := httptest.NewRecorder()
	t.s.handler.ServeHTTP(w, r2)
	if err := r.Context().Err(); err != nil {
		// The client gave up before the answer was written; the handler
		// saw it and wrote none (or a part). Over a socket the client
		// would get no answer either.
		return nil, err
	}
	resp = w.Result()
	resp.Request = r
	return resp, nil
}

// DemoAccountYAML returns the built-in demo account as an account file: a
// starting point for an account of one's own.
func DemoAccountYAML() ([]byte, error) {
	data, err := account.Marshal(account.Demo())
	if err != nil {
		return nil, fmt.Errorf("emulator: %w", err)
	}
	return data, nil
}
