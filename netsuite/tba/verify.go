package tba

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// A Reason is why NetSuite refuses a token-based login, as its Login Audit
// Trail names it (REFERENCE.md §1.5, Oracle ns:subsect_156935170194). The
// client never sees it: every refusal reaches it as the same 401
// INVALID_LOGIN.
type Reason string

// The reasons a verifier reports. Where NetSuite names a reason differently
// for RESTlets and for SOAP/REST, the SOAP/REST name is used.
const (
	// InvalidSignature: the signature does not match the request.
	InvalidSignature Reason = "InvalidSignature"
	// UnknownAlgorithm: oauth_signature_method is not HMAC-SHA256.
	UnknownAlgorithm Reason = "UnknownAlgorithm"
	// VersionRejected: oauth_version is present and not 1.0.
	VersionRejected Reason = "VersionRejected"
	// MissingTokenPassportRequiredFields: a required parameter is missing, or
	// the request has no OAuth Authorization header.
	MissingTokenPassportRequiredFields Reason = "MissingTokenPassportRequiredFields"
	// ParameterRejected: a parameter is duplicated, empty or malformed.
	ParameterRejected Reason = "parameter_rejected"
	// NonceRejected: the nonce is shorter than 6 characters.
	NonceRejected Reason = "nonce_rejected"
	// InvalidTimestamp: the timestamp is more than 5 minutes from the server's
	// time.
	InvalidTimestamp Reason = "InvalidTimestamp"
	// NonceUsed: this user already used this nonce with this timestamp.
	NonceUsed Reason = "NonceUsed"
)

// MinNonceLength is the shortest nonce NetSuite accepts (REFERENCE.md §1.5).
const MinNonceLength = 6

// TimestampWindow is how far oauth_timestamp may be from the server's time
// (REFERENCE.md §1.5: ±5 minutes).
const TimestampWindow = 5 * time.Minute

// An Error is a refused login: the Login Audit Trail reason and a detail for
// the audit trail. It never holds a secret.
type Error struct {
	Reason Reason
	Detail string
}

func (e *Error) Error() string { return "tba: " + string(e.Reason) + ": " + e.Detail }

func refuse(r Reason, format string, args ...any) *Error {
	return &Error{Reason: r, Detail: fmt.Sprintf(format, args...)}
}

// ReasonOf returns the Reason of err if it is or wraps an *Error, and "" if
// not.
func ReasonOf(err error) Reason {
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Reason
	}
	return ""
}

// Authorization is a parsed OAuth Authorization header.
type Authorization struct {
	Realm           string // "" when the header has none
	ConsumerKey     string
	Token           string
	SignatureMethod string
	Signature       string // decoded: base64 text
	Nonce           string
	Version         string // "" when the header has none
	Timestamp       int64

	// params are every parameter except realm and oauth_signature, decoded,
	// as they enter the base string (RFC 5849 §3.4.1.3.1).
	params []Param
}

// required lists the parameters a header must carry (REFERENCE.md §1.3).
var required = [...]string{"oauth_consumer_key", "oauth_token", "oauth_signature_method", "oauth_timestamp", "oauth_nonce", "oauth_signature"}

// ParseAuthorization parses an Authorization header value of the form
//
//	OAuth realm="123456", oauth_consumer_key="...", ...
//
// with the parameters in any order and any amount of white space (or none)
// around the commas (REFERENCE.md §1.4: clients differ). Values must be
// double-quoted and are percent-decoded. It checks the header on its own;
// the signature, timestamp window and nonce reuse are checked by Verify,
// CheckTimestamp and a NonceCache. Refusals are *Error values with the Reason
// NetSuite's audit trail would give:
//
//   - ParameterRejected: a duplicated, empty, unquoted or badly encoded
//     parameter, a parameter other than realm and oauth_*, or a timestamp that
//     is not a number;
//   - MissingTokenPassportRequiredFields: not an OAuth header, or a required
//     parameter missing;
//   - UnknownAlgorithm: a signature method other than HMAC-SHA256;
//   - VersionRejected: an oauth_version other than 1.0;
//   - NonceRejected: a nonce shorter than 6 characters.
func ParseAuthorization(header string) (*Authorization, error) {
	header = strings.TrimLeft(header, " \t")
	end := strings.IndexAny(header, " \t")
	if end < 0 {
		end = len(header)
	}
	scheme, rest := header[:end], header[end:]
	if !strings.EqualFold(scheme, "OAuth") {
		return nil, refuse(MissingTokenPassportRequiredFields, "the Authorization header is not an OAuth header")
	}
	a := &Authorization{params: make([]Param, 0, 7)}
	seen := make(map[string]bool, 8)
	var ts string
	for {
		rest = trimSpace(rest)
		if rest == "" {
			break
		}
		eq := strings.IndexByte(rest, '=')
		if eq <= 0 {
			return nil, refuse(ParameterRejected, "malformed parameter %q", clip(rest))
		}
		name := trimSpace(rest[:eq])
		rest = trimSpace(rest[eq+1:])
		if name == "" || strings.ContainsAny(name, " \t,\"") {
			return nil, refuse(ParameterRejected, "malformed parameter name %q", clip(name))
		}
		if !strings.HasPrefix(rest, `"`) {
			return nil, refuse(ParameterRejected, "the value of %s is not quoted", clip(name))
		}
		end := strings.IndexByte(rest[1:], '"')
		if end < 0 {
			return nil, refuse(ParameterRejected, "the value of %s has no closing quote", clip(name))
		}
		raw := rest[1 : 1+end]
		rest = trimSpace(rest[end+2:])
		if rest != "" {
			if rest[0] != ',' {
				return nil, refuse(ParameterRejected, "expected a comma after %s", clip(name))
			}
			rest = rest[1:]
		}
		value, ok := PercentDecode(raw)
		if !ok {
			return nil, refuse(ParameterRejected, "the value of %s is not percent-encoded correctly", clip(name))
		}
		if name != "realm" && !strings.HasPrefix(name, "oauth_") {
			return nil, refuse(ParameterRejected, "unexpected parameter %q", clip(name))
		}
		if seen[name] {
			return nil, refuse(ParameterRejected, "%s is sent more than once", name)
		}
		seen[name] = true
		if value == "" {
			return nil, refuse(ParameterRejected, "%s is empty", name)
		}
		switch name {
		case "realm":
			a.Realm = value
			continue // not part of the base string
		case "oauth_signature":
			a.Signature = value
			continue // not part of the base string
		case "oauth_consumer_key":
			a.ConsumerKey = value
		case "oauth_token":
			a.Token = value
		case "oauth_signature_method":
			a.SignatureMethod = value
		case "oauth_nonce":
			a.Nonce = value
		case "oauth_version":
			a.Version = value
		case "oauth_timestamp":
			ts = value
		}
		a.params = append(a.params, Param{name, value})
	}
	for _, name := range required {
		if !seen[name] {
			return nil, refuse(MissingTokenPassportRequiredFields, "%s is missing", name)
		}
	}
	if a.SignatureMethod != SignatureMethod {
		return nil, refuse(UnknownAlgorithm, "signature method %q; NetSuite accepts only %s", clip(a.SignatureMethod), SignatureMethod)
	}
	if a.Version != "" && a.Version != Version {
		return nil, refuse(VersionRejected, "oauth_version %q; NetSuite accepts only %s", clip(a.Version), Version)
	}
	t, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || t < 0 || ts[0] == '+' {
		return nil, refuse(ParameterRejected, "oauth_timestamp %q is not a number of seconds", clip(ts))
	}
	a.Timestamp = t
	if len(a.Nonce) < MinNonceLength {
		return nil, refuse(NonceRejected, "the nonce has %d characters; NetSuite needs at least %d", len(a.Nonce), MinNonceLength)
	}
	return a, nil
}

func trimSpace(s string) string { return strings.Trim(s, " \t") }

// clip shortens attacker-controlled text quoted in an audit detail.
func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "..."
	}
	return s
}

// Verify checks the signature of a against the request it came with: method,
// the absolute URL the client signed (scheme, Host header, path and query; see
// RequestURL) and, for an application/x-www-form-urlencoded body, the body
// parameters (nil otherwise). The secrets are those of a.ConsumerKey's
// integration record and of a.Token. The comparison takes constant time. A
// mismatch is an *Error with Reason InvalidSignature.
func (a *Authorization) Verify(method string, u *url.URL, form []Param, consumerSecret, tokenSecret Secret) error {
	params := make([]Param, 0, len(a.params)+len(form)+strings.Count(u.RawQuery, "&")+1)
	params = append(params, a.params...)
	params = append(params, form...)
	params = appendQuery(params, u.RawQuery)
	base := buildBaseString(method, u.Scheme, u.Host, u.EscapedPath(), params)
	want := Sign(base, consumerSecret, tokenSecret)
	if subtle.ConstantTimeCompare([]byte(want), []byte(a.Signature)) != 1 {
		return refuse(InvalidSignature, "the signature does not match the request")
	}
	return nil
}

// Sign returns base64(HMAC-SHA256(pct(consumerSecret)&pct(tokenSecret), base)),
// the signature of a base string (REFERENCE.md §1.3).
func Sign(base string, consumerSecret, tokenSecret Secret) string {
	return hmacSHA256(signingKey(consumerSecret, tokenSecret), base)
}

// RequestURL rebuilds the URL a client signed from what a server received:
// the scheme (https when tls is true), the Host header, and the request URI.
// Use it with Verify on the server side.
func RequestURL(tls bool, host, requestURI string) (*url.URL, error) {
	scheme := "http"
	if tls {
		scheme = "https"
	}
	u, err := url.ParseRequestURI(requestURI)
	if err != nil {
		return nil, fmt.Errorf("tba: request URI %q: %w", clip(requestURI), err)
	}
	u.Scheme, u.Host = scheme, host
	return u, nil
}

// CheckTimestamp reports an InvalidTimestamp *Error when ts (Unix seconds) is
// more than window away from now, in either direction. NetSuite's window is
// TimestampWindow.
func CheckTimestamp(ts int64, now time.Time, window time.Duration) error {
	d := now.Sub(time.Unix(ts, 0))
	if d > window || d < -window {
		return refuse(InvalidTimestamp, "timestamp %d is %s from the server time %d; the limit is %s", ts, d.Round(time.Second), now.Unix(), window)
	}
	return nil
}

// A NonceCache remembers the nonce and timestamp pairs each user has sent,
// so that a replay is refused with NonceUsed ("The combination of nonce and
// timestamp has already been used by this user", REFERENCE.md §1.5). Pairs
// are forgotten once their timestamp is older than the window, when
// CheckTimestamp refuses them anyway. It is safe for concurrent use.
type NonceCache struct {
	window time.Duration

	mu    sync.Mutex
	seen  map[nonceKey]struct{}
	sweep time.Time // next time old pairs are dropped
}

type nonceKey struct {
	user, nonce string
	ts          int64
}

// NewNonceCache returns a NonceCache that remembers pairs for window after
// their timestamp; use TimestampWindow.
func NewNonceCache(window time.Duration) *NonceCache {
	return &NonceCache{window: window, seen: make(map[nonceKey]struct{})}
}

// Use records that user sent nonce with timestamp ts at now, and returns a
// NonceUsed *Error if the pair was recorded before.
func (c *NonceCache) Use(user, nonce string, ts int64, now time.Time) error {
	k := nonceKey{user, nonce, ts}
	c.mu.Lock()
	defer c.mu.Unlock()
	if now.After(c.sweep) {
		oldest := now.Add(-c.window).Unix()
		for k := range c.seen {
			if k.ts < oldest {
				delete(c.seen, k)
			}
		}
		c.sweep = now.Add(c.window)
	}
	if _, ok := c.seen[k]; ok {
		return refuse(NonceUsed, "nonce %q with timestamp %d was already used by this user", clip(nonce), ts)
	}
	c.seen[k] = struct{}{}
	return nil
}
