package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"syscall"

	"github.com/nsconnect/nsconnect/internal/config"
	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/netsuite/m2m"
)

// connectOptions say how a command's client behaves.
type connectOptions struct {
	// Verbose shows each request and response on stderr, headers and
	// bodies, with the credentials redacted (-v).
	Verbose bool
	// Quiet hides the retry messages (--quiet).
	Quiet bool
	// DryRun sends reads but not writes: each write is shown on stdout,
	// redacted, and answered as if NetSuite had accepted it (--dry-run).
	DryRun bool
}

// A connectFunc resolves the connection and returns a client for it.
type connectFunc func(ctx context.Context, o connectOptions) (*netsuite.Client, *config.Connection, error)

// connect resolves the connection from flags, environment and profile, and
// returns a client for it. verbose shows each request on stderr.
func (f *Factory) connect(ctx context.Context, verbose bool) (*netsuite.Client, *config.Connection, error) {
	return f.connectWith(ctx, connectOptions{Verbose: verbose})
}

// connectWith is connect with all the options.
func (f *Factory) connectWith(_ context.Context, o connectOptions) (*netsuite.Client, *config.Connection, error) {
	path, err := config.Path(f.lookupEnv())
	if err != nil {
		return nil, nil, err
	}
	flags := f.connectionFlags()
	warn := warner(f.IO)
	conn, err := config.Load(config.Options{Flags: flags, LookupEnv: f.lookupEnv(), File: path, Warn: warn})
	if err != nil {
		return nil, nil, settingsError(err, flags, path)
	}
	for _, w := range conn.Warnings {
		warn(w)
	}
	client, err := f.clientFor(conn, o)
	if err != nil {
		return nil, nil, err
	}
	return client, conn, nil
}

// clientFor returns a client for the connection conn.
func (f *Factory) clientFor(conn *config.Connection, o connectOptions) (*netsuite.Client, error) {
	var rt http.RoundTripper = http.DefaultTransport
	if o.DryRun {
		rt = &dryRunTransport{base: rt, w: f.IO.Out}
	}
	if o.Verbose {
		rt = &verboseTransport{base: rt, w: f.IO.ErrOut}
	}
	auth, err := authenticator(conn)
	if err != nil {
		return nil, err
	}
	opts := []netsuite.Option{
		netsuite.WithAccount(conn.Account),
		netsuite.WithAuthenticator(auth),
		netsuite.WithBaseURL(conn.BaseURL.String()),
		netsuite.WithTimezone(conn.Timezone),
		netsuite.WithConcurrency(conn.Concurrency),
		netsuite.WithIgnoreReadOnly(conn.IgnoreReadOnly),
		netsuite.WithHTTPClient(&http.Client{Transport: rt}),
	}
	if !o.Quiet {
		w := f.IO.ErrOut
		// Pages read in parallel retry at once: one line at a time.
		var mu sync.Mutex
		opts = append(opts, netsuite.WithRetryNotify(func(e netsuite.RetryEvent) {
			mu.Lock()
			defer mu.Unlock()
			fmt.Fprintln(w, retryMessage(e))
		}))
	}
	return netsuite.NewClient(opts...)
}

// authenticator returns the authenticator of the connection's method.
func authenticator(conn *config.Connection) (netsuite.Authenticator, error) {
	if conn.Auth != config.AuthM2M {
		return netsuite.TBA(conn.Credentials), nil
	}
	m := conn.M2M
	return m2m.New(m2m.Config{ClientID: m.ClientID, CertificateID: m.CertificateID, Key: m.Key, Scopes: m.Scopes})
}

// settingsError explains a connection that cannot be loaded. A bad value
// from a flag, or a --profile that is not in the file, is a usage error:
// the command line is wrong.
func settingsError(err error, flags config.Flags, path string) error {
	if errors.Is(err, config.ErrProfileNotFound) {
		if flags.Profile == "" {
			return err
		}
		msg := err.Error()
		if f, rerr := config.ReadFile(path, nil); rerr == nil {
			msg += didYouMean(flags.Profile, f.Names())
		}
		return &UsageError{Err: errors.New(msg)}
	}
	var fe *config.FieldError
	if !errors.As(err, &fe) {
		return err
	}
	perr := problems("the connection settings are not valid (see 'nsconnect config show')", err)
	if fromFlag(err) {
		return &UsageError{Err: perr}
	}
	return perr
}

// fromFlag reports whether err, one problem or several joined, holds a
// problem with the value of a flag.
func fromFlag(err error) bool {
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	for _, e := range errs {
		var fe *config.FieldError
		if errors.As(e, &fe) && fe.Source.Kind == config.SourceFlag {
			return true
		}
	}
	return false
}

// apiError marks an error of a NetSuite call for the exit code, and says it
// in the CLI's words: a refused login or an unreachable NetSuite exits with
// ExitConnection. A write whose outcome is unknown does not: the connection
// failed after NetSuite may have done the work, and a script must not take
// it for "nothing happened".
func apiError(err error) error {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, netsuite.ErrOutcomeUnknown) {
		return err
	}
	var nerr *netsuite.Error
	if errors.As(err, &nerr) {
		if netsuite.IsAuth(err) {
			return fmt.Errorf("%w: %w", ErrConnectionFailed, err)
		}
		return err
	}
	if isNetworkError(err) {
		return &connError{err: err}
	}
	return err
}

// A connError is a failure to reach NetSuite, told with the fix.
type connError struct{ err error }

func (e *connError) Error() string {
	where := "NetSuite"
	var ue *url.Error
	if errors.As(e.err, &ue) {
		if u, err := url.Parse(ue.URL); err == nil {
			where = u.Scheme + "://" + u.Host
		}
	}
	var dns *net.DNSError
	switch {
	case errors.As(e.err, &dns) && dns.IsNotFound:
		return fmt.Sprintf("cannot reach %s: the host name %s does not exist. Check the account ID (--account-id, NETSUITE_ACCOUNT_ID) and the base URL (--base-url, NETSUITE_BASE_URL); see 'nsconnect config show'", where, dns.Name)
	case errors.Is(e.err, syscall.ECONNREFUSED):
		msg := fmt.Sprintf("cannot reach %s: the connection was refused, so nothing is listening there. Check the base URL (--base-url, NETSUITE_BASE_URL), or start the emulator with 'nsconnect emulator'", where)
		if strings.Contains(e.err.Error(), "retries") {
			msg += " (" + retriesPart(e.err) + ")"
		}
		return msg
	}
	return fmt.Sprintf("cannot reach %s: %s", where, cleanMessage(e.err.Error()))
}

func (e *connError) Unwrap() []error { return []error{ErrConnectionFailed, e.err} }

// retriesPart returns "gave up after N retries" from a library message.
func retriesPart(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "gave up after "); i >= 0 {
		if j := strings.Index(msg[i:], ":"); j > 0 {
			return msg[i : i+j]
		}
	}
	return "retried"
}

// networkReason names a network failure briefly: "connection reset",
// "timeout".
func networkReason(err error) string {
	var dns *net.DNSError
	switch {
	case err == nil:
		return "no answer"
	case errors.As(err, &dns):
		return "DNS: " + dns.Err
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return "connection closed"
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "timeout"
	}
	return cleanMessage(err.Error())
}

// cleanMessage removes the package prefixes of library errors, which name
// Go packages rather than anything a user set.
func cleanMessage(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "netsuite: ", ""), "connector: ", "")
}

// isNetworkError reports whether err is a failure to reach NetSuite or to
// hear its answer: a refused, reset or dropped connection, a timeout.
func isNetworkError(err error) bool {
	var opErr *net.OpError
	var urlErr *url.Error
	var dnsErr *net.DNSError
	return errors.As(err, &opErr) || errors.As(err, &urlErr) || errors.As(err, &dnsErr) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET)
}

// redactedHeaders are the request headers that carry credentials; -v and
// --dry-run show them as [REDACTED].
var redactedHeaders = map[string]bool{"Authorization": true, "Cookie": true, "Set-Cookie": true, "Proxy-Authorization": true}

// writeHeaders writes h sorted, one "Name: value" a line after prefix, with
// the credentials redacted.
func writeHeaders(w io.Writer, prefix string, h http.Header) {
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		for _, v := range h[k] {
			if redactedHeaders[http.CanonicalHeaderKey(k)] {
				v = "[REDACTED]"
			}
			fmt.Fprintf(w, "%s%s: %s\n", prefix, k, v)
		}
	}
}

// maxShownBody is how much of a body -v shows.
const maxShownBody = 64 << 10

// writeBody writes a body for people, cut at maxShownBody.
func writeBody(w io.Writer, prefix string, b []byte) {
	if len(b) == 0 {
		return
	}
	shown := b[:min(len(b), maxShownBody)]
	for line := range strings.Lines(string(shown)) {
		fmt.Fprintf(w, "%s%s", prefix, strings.TrimRight(line, "\n")+"\n")
	}
	if len(b) > len(shown) {
		fmt.Fprintf(w, "%s… %d more bytes\n", prefix, len(b)-len(shown))
	}
}

// A verboseTransport shows each request and response on w, as -v asks:
// method, URL, headers and body, with the credentials redacted. It sits
// under the authenticator, so it shows the request as sent, and the OAuth
// 2.0 token exchange too, whose bodies it leaves out: the request carries
// the signed client assertion, the answer the access token.
type verboseTransport struct {
	base http.RoundTripper
	w    io.Writer
}

func (t *verboseTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "> %s %s\n", req.Method, req.URL.Redacted())
	writeHeaders(&b, "> ", req.Header)
	secret := strings.HasSuffix(req.URL.Path, m2m.TokenPath)
	if secret {
		b.WriteString("> [body REDACTED: the client assertion]\n")
	} else if req.Body != nil && req.GetBody != nil {
		if body, err := req.GetBody(); err == nil {
			data, _ := io.ReadAll(io.LimitReader(body, maxShownBody+1))
			body.Close()
			writeBody(&b, "> ", data)
		}
	}
	io.WriteString(t.w, b.String())
	resp, err := t.base.RoundTrip(req)
	b.Reset()
	if err != nil {
		fmt.Fprintf(&b, "< error: %s\n", networkReason(err))
		io.WriteString(t.w, b.String())
		return resp, err
	}
	fmt.Fprintf(&b, "< %s %s\n", resp.Proto, resp.Status)
	writeHeaders(&b, "< ", resp.Header)
	data, rerr := io.ReadAll(io.LimitReader(resp.Body, maxShownBody+1))
	if secret && resp.StatusCode == http.StatusOK {
		b.WriteString("< [body REDACTED: the access token]\n")
	} else {
		writeBody(&b, "< ", data)
	}
	io.WriteString(t.w, b.String())
	resp.Body = &restored{Reader: io.MultiReader(bytes.NewReader(data), &errReader{rerr, resp.Body}), Closer: resp.Body}
	return resp, nil
}

type restored struct {
	io.Reader
	io.Closer
}

// errReader returns err, if any, before reading r.
type errReader struct {
	err error
	r   io.Reader
}

func (e *errReader) Read(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	return e.r.Read(p)
}

// dryRunID is the ID a dry run reports for a record it did not create.
const dryRunID = "0"

// A dryRunTransport passes reads (GET) and the OAuth 2.0 token exchange,
// which changes nothing, through and answers every other request itself, without sending it, after showing it on w: method, URL,
// headers with the credentials redacted, and body. The answer is NetSuite's
// to a successful write: 204 No Content.
type dryRunTransport struct {
	base http.RoundTripper
	w    io.Writer
}

func (t *dryRunTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method == http.MethodGet || req.Method == http.MethodHead || strings.HasSuffix(req.URL.Path, m2m.TokenPath) {
		return t.base.RoundTrip(req)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n", req.Method, req.URL.Redacted())
	writeHeaders(&b, "", req.Header)
	if req.Body != nil {
		data, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		var pretty bytes.Buffer
		if jsonIndent(&pretty, data) == nil {
			data = pretty.Bytes()
		}
		b.WriteString("\n")
		writeBody(&b, "", data)
	}
	io.WriteString(t.w, b.String())
	h := http.Header{}
	if req.Method == http.MethodPost || req.Method == http.MethodPut || req.Method == http.MethodPatch {
		loc := *req.URL
		loc.RawQuery = ""
		if req.Method == http.MethodPost {
			loc.Path = strings.TrimSuffix(loc.Path, "/") + "/" + dryRunID
		}
		h.Set("Location", loc.String())
	}
	return &http.Response{
		Status: "204 No Content", StatusCode: http.StatusNoContent, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: h, Body: http.NoBody, Request: req,
	}, nil
}

// jsonIndent indents the JSON in data into b.
func jsonIndent(b *bytes.Buffer, data []byte) error { return json.Indent(b, data, "", "  ") }
