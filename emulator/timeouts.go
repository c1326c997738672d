package emulator

import (
	"io"
	"net/http"
	"time"
)

// The server's timeouts: a client that trickles its request or does not read
// its answer must not hold a concurrency slot, or a goroutine, for long.
// NetSuite ends a request after 15 minutes (Oracle
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_1559222360.html);
// the emulator's defaults are far shorter, as they bound a client's slowness,
// not the work: its own waits (Options.Latency, the slow and slow-after faults)
// and its work count against none of them.
const (
	defaultReadHeaderTimeout = 30 * time.Second
	defaultReadTimeout       = time.Minute
	defaultWriteTimeout      = time.Minute
	// Above the 90 seconds for which Go's http.DefaultTransport keeps an
	// idle connection: the client closes first. A server that closes an
	// idle connection while the client sends a POST on it makes the POST
	// fail, and the client cannot know whether it was carried out.
	defaultIdleTimeout = 2 * time.Minute
)

// timeouts are the server's timeouts, defaults filled in; 0 or less is
// none.
type timeouts struct {
	readHeader, read, write, idle time.Duration
}

func (o Options) timeouts() timeouts {
	or := func(d, def time.Duration) time.Duration {
		if d == 0 {
			return def
		}
		return d
	}
	return timeouts{
		readHeader: or(o.ReadHeaderTimeout, defaultReadHeaderTimeout),
		read:       or(o.ReadTimeout, defaultReadTimeout),
		write:      or(o.WriteTimeout, defaultWriteTimeout),
		idle:       or(o.IdleTimeout, defaultIdleTimeout),
	}
}

// server returns an http.Server for handler with the timeouts. net/http
// counts ReadTimeout and WriteTimeout from the start of a request, so they
// would count the emulator's latency too, and a read deadline that passes
// while a handler runs cancels the request's context; so t.wrap moves both
// deadlines to the reading of the body and the writing of the answer.
// ReadTimeout stays on the http.Server for the headers, which net/http
// reads before any handler runs.
func (t timeouts) server(handler http.Handler) *http.Server {
	return &http.Server{
		Handler:           t.wrap(handler),
		ReadHeaderTimeout: t.readHeader,
		ReadTimeout:       t.read,
		IdleTimeout:       t.idle,
	}
}

// wrap bounds reading a request's body by t.read from the handler's first
// read of it, and writing the answer by t.write from its first byte.
func (t timeouts) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc := http.NewResponseController(w)
		// The deadlines net/http set when it began the request, and those a
		// previous request on the connection left, no longer apply: the
		// handler may wait as long as it means to.
		rc.SetReadDeadline(time.Time{})
		rc.SetWriteDeadline(time.Time{})
		var body *deadlineBody
		if r.Body != nil && r.Body != http.NoBody {
			body = &deadlineBody{ReadCloser: r.Body, rc: rc, timeout: t.read}
			r2 := new(http.Request)
			*r2 = *r
			r2.Body = body
			r = r2
		}
		dw := &deadlineWriter{ResponseWriter: w, rc: rc, timeout: t.write}
		next.ServeHTTP(dw, r)
		dw.arm() // for an answer net/http writes after the handler
		if body != nil && !body.done && t.read > 0 {
			// net/http reads what the handler left of the body, to reuse
			// the connection: bounded too.
			rc.SetReadDeadline(time.Now().Add(t.read))
		}
	})
}

// A deadlineBody sets the connection's read deadline when the handler
// first reads the body, and clears it at the end of the body: net/http
// then watches the connection for the client going away, and a deadline
// passing there would cancel the request's context.
type deadlineBody struct {
	io.ReadCloser
	rc            *http.ResponseController
	timeout       time.Duration
	started, done bool
}

func (b *deadlineBody) Read(p []byte) (int, error) {
	if !b.started {
		b.started = true
		if b.timeout > 0 {
			b.rc.SetReadDeadline(time.Now().Add(b.timeout))
		}
	}
	n, err := b.ReadCloser.Read(p)
	if err == io.EOF && !b.done {
		b.done = true
		b.rc.SetReadDeadline(time.Time{})
	}
	return n, err
}

// A deadlineWriter sets the connection's write deadline when the answer
// starts.
type deadlineWriter struct {
	http.ResponseWriter
	rc      *http.ResponseController
	timeout time.Duration
	armed   bool
}

func (w *deadlineWriter) arm() {
	if !w.armed {
		w.armed = true
		if w.timeout > 0 {
			w.rc.SetWriteDeadline(time.Now().Add(w.timeout))
		}
	}
}

func (w *deadlineWriter) WriteHeader(status int) {
	w.arm()
	w.ResponseWriter.WriteHeader(status)
}

func (w *deadlineWriter) Write(p []byte) (int, error) {
	w.arm()
	return w.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the connection (for dropped
// connections and the deadlines).
func (w *deadlineWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
