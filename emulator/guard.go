package emulator

import (
	"crypto/subtle"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// ControlTokenEnv is the environment variable that holds the control
// plane's token (Options.ControlToken) for the programs that drive an
// emulator they did not start: `nsconnect emulator` and `nsconnect doctor`
// read it, and so do package emulatortest and the interop tests. This
// package reads no environment itself.
const ControlTokenEnv = "NSCONNECT_EMULATOR_CONTROL_TOKEN"

// guard keeps the control plane to its owner. The control plane can reset
// the data, revoke the token or inject faults, and needs no login, so:
//
//   - the Host must be a loopback name or address, the address the emulator
//     listens on, or the account's REST host: a web page that rebinds its own
//     name to 127.0.0.1 is refused (DNS rebinding);
//   - a request from another origin is refused (an Origin header that is not
//     the emulator's own, or Sec-Fetch-Site: cross-site): a web page open in
//     the user's browser cannot post to it;
//   - a request with a body must send it as application/json, which a page
//     cannot send across origins without a CORS preflight the emulator never
//     grants (plain-text and form posts are how pages forge requests);
//   - with Options.ControlToken set, the request must carry it as
//     "Authorization: Bearer <token>"; then any Host is accepted, for an
//     emulator reached over a network.
func (s *Server) guard(next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if tok := s.opts.ControlToken; tok != "" {
			got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(tok)) != 1 {
				controlError(w, http.StatusUnauthorized, "the control plane needs its token: send Authorization: Bearer <token> with the token the emulator was started with (--control-token, or %s)", ControlTokenEnv)
				return
			}
		} else if !s.controlHost(r.Host) {
			controlError(w, http.StatusForbidden, "the control plane answers requests addressed to localhost, a loopback address or %s; Host %q is refused (start the emulator with a control token to reach it by another name)", s.listenHost(), r.Host)
			return
		}
		if origin := r.Header.Get("Origin"); origin != "" && !sameOrigin(origin, r.Host) || r.Header.Get("Sec-Fetch-Site") == "cross-site" {
			controlError(w, http.StatusForbidden, "cross-site requests to the control plane are refused (Origin %q)", origin)
			return
		}
		if hasBody(r) {
			mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if err != nil || mt != "application/json" {
				controlError(w, http.StatusUnsupportedMediaType, "send the control plane's request bodies as Content-Type: application/json (got %q)", r.Header.Get("Content-Type"))
				return
			}
		}
		next(w, r)
	})
}

// controlHost reports whether host (a Host header, with or without a port)
// names the emulator from this machine.
func (s *Server) controlHost(host string) bool {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	h = strings.TrimSuffix(strings.Trim(h, "[]"), ".")
	if strings.EqualFold(h, "localhost") || strings.HasSuffix(strings.ToLower(h), ".localhost") {
		return true
	}
	if ip := net.ParseIP(h); ip != nil && ip.IsLoopback() {
		return true
	}
	return strings.EqualFold(h, s.listenHost()) || strings.EqualFold(h, s.accountID.RESTHost())
}

// listenHost is the host the emulator listens on ("" in process).
func (s *Server) listenHost() string {
	if s.listener == nil {
		return s.accountID.RESTHost()
	}
	h, _, _ := net.SplitHostPort(s.listener.Addr().String())
	return h
}

// sameOrigin reports whether an Origin header names the emulator itself.
func sameOrigin(origin, host string) bool {
	u, err := url.Parse(origin)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && strings.EqualFold(u.Host, host)
}

// hasBody reports whether a request carries a body.
func hasBody(r *http.Request) bool {
	return r.ContentLength > 0 || len(r.TransferEncoding) > 0
}

// IsLoopback reports whether a listen address (host:port) reaches this
// machine only: a loopback address or localhost. ":8080" and "0.0.0.0:8080"
// listen on every interface.
func IsLoopback(addr string) bool {
	h, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}
