package tba

import (
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// A Reason is why NetSuite refuses a token-based login, as its Login Audit
// Trail names it (Oracle
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_156935170194.html).
// The client never sees it: every refusal reaches it as the same 401
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

// MinNonceLength is the shortest nonce NetSuite accepts
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_156935170194.html).
const MinNonceLength = 6

// TimestampWindow is how far oauth_timestamp may be from the server's time
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_156935170194.html:
// ±5 minutes).
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

// required lists the parameters a header must carry
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157651396916.html).
var required = [...]string{"oauth_consumer_key", "oauth_token", "oauth_signature_method", "oauth_timestamp", "oauth_nonce", "oauth_signature"}

// ParseAuthorization parses an Authorization header value of the form
//
//	OAuth realm="123456", oauth_consumer_key="...", ...
//
// with the parameters in any order and any amount of white space (or none)
// around the commas (clients differ: Oracle's example
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534941295.html
// has ", ", omniboost/go-netsuite-rest client.go "," with no space). Values
// must be double-quoted and are percent-decoded. It checks the header on its
// own; the signature, timestamp window and nonce reuse are checked by Verify,
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
// the signature of a base string
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157651396916.html).
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

// A NonceCache remembers the nonce and timestamp pairs each user has sent, so
// that a replay is refused with NonceUsed ("The combination of nonce and
// timestamp has already been used by this user",
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_156935170194.html).
// Call Use after CheckTimestamp has accepted the timestamp, with the same now.
// It is safe for concurrent use.
//
// It keeps a pair only while CheckTimestamp with its window could still
// accept the pair's timestamp: a replay outside the window is refused as
// InvalidTimestamp anyway. Pairs are grouped by their timestamp in buckets of
// nonceBucket seconds, and a bucket is dropped whole once no timestamp in it
// is within the window of now, the time passed to Use: a server with its own
// clock, such as an emulator whose clock a test advances, forgets pairs as
// that clock moves, not as the wall clock does. A bucket past the window on
// the future side is dropped too, so that setting the clock back does not keep
// pairs for as long as it went back; if the clock is then moved forward again,
// such a pair could be replayed (NetSuite's clock does not move back).
//
// A pair is kept as a 128-bit fingerprint of user, nonce and timestamp (two
// hash/maphash sums with random seeds), about 40 bytes of memory, never as the
// strings of the request: a cache that kept the nonce, a substring of the
// Authorization header, kept the whole header alive (over 500 bytes a pair).
// Two different pairs share a fingerprint with a probability of about
// 2^-128 per pair kept, which would refuse a fresh request as NonceUsed.
type NonceCache struct {
	window time.Duration
	seeds  [2]maphash.Seed

	mu      sync.Mutex
	buckets map[int64]map[fingerprint]struct{} // by timestamp / nonceBucket
	n       int                                // pairs in all buckets
	sweptAt int64                              // the second of now at the last sweep
}

// nonceBucket is how many seconds of timestamps share a bucket: a pair is kept
// at most this much longer than the window needs, and a sweep looks at about
// 2 × window / nonceBucket buckets.
const nonceBucket = 10

type fingerprint [2]uint64

// NewNonceCache returns a NonceCache that remembers pairs while their
// timestamp is within window of now; use TimestampWindow.
func NewNonceCache(window time.Duration) *NonceCache {
	return &NonceCache{
		window:  window,
		seeds:   [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()},
		buckets: make(map[int64]map[fingerprint]struct{}),
	}
}

// Use records that user sent nonce with timestamp ts at now, and returns a
// NonceUsed *Error if the pair was recorded before. It first forgets the pairs
// whose timestamp is no longer within the window of now, at most once per
// second of now.
func (c *NonceCache) Use(user, nonce string, ts int64, now time.Time) error {
	fp := c.fingerprint(user, nonce, ts)
	b := floorDiv(ts, nonceBucket)
	c.mu.Lock()
	defer c.mu.Unlock()
	if s := now.Unix(); s != c.sweptAt {
		c.sweep(now)
		c.sweptAt = s
	}
	set := c.buckets[b]
	if _, ok := set[fp]; ok {
		return refuse(NonceUsed, "nonce %q with timestamp %d was already used by this user", clip(nonce), ts)
	}
	if set == nil {
		set = make(map[fingerprint]struct{})
		c.buckets[b] = set
	}
	set[fp] = struct{}{}
	c.n++
	return nil
}

// Len returns how many pairs the cache keeps.
func (c *NonceCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// sweep drops the buckets with no timestamp within the window of now, which
// CheckTimestamp refuses: before now - window or after now + window.
func (c *NonceCache) sweep(now time.Time) {
	oldest, newest := now.Add(-c.window).Unix(), now.Add(c.window).Unix()
	for b, set := range c.buckets {
		if b*nonceBucket+nonceBucket-1 < oldest || b*nonceBucket > newest {
			c.n -= len(set)
			delete(c.buckets, b)
		}
	}
}

// fingerprint hashes the pair with each seed. The user's length goes first,
// so that no two (user, nonce) pairs give the same bytes.
func (c *NonceCache) fingerprint(user, nonce string, ts int64) fingerprint {
	var fp fingerprint
	var n [8]byte
	var h maphash.Hash
	for i, seed := range c.seeds {
		h.SetSeed(seed)
		binary.LittleEndian.PutUint64(n[:], uint64(len(user)))
		h.Write(n[:])
		h.WriteString(user)
		h.WriteString(nonce)
		binary.LittleEndian.PutUint64(n[:], uint64(ts))
		h.Write(n[:])
		fp[i] = h.Sum64()
	}
	return fp
}

// floorDiv is a / b rounded down, for negative a too.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
