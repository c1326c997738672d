package tba

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"hash"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// SignatureMethod is the only signature method NetSuite accepts: "As of 2023.1,
// the support ended for the HMAC-SHA1 signature method" (Oracle
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_156935170194.html).
const SignatureMethod = "HMAC-SHA256"

// Version is the only oauth_version NetSuite accepts
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_156935170194.html).
const Version = "1.0"

// NonceLength is the length of the nonces NewNonce makes: "An ideal nonce
// length is 20 characters" (Oracle
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_156935170194.html).
const NonceLength = 20

const nonceAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// NewNonce returns NonceLength random alphanumeric characters from
// crypto/rand, each of the 62 equally likely.
func NewNonce() string {
	var out [NonceLength]byte
	var buf [32]byte
	n := 0
	for n < len(out) {
		rand.Read(buf[:]) // never fails: crypto/rand crashes the program instead (Go 1.24)
		for _, c := range buf {
			// 248 = 4*62: keeping bytes below it makes c%62 uniform.
			if c < 248 && n < len(out) {
				out[n] = nonceAlphabet[c%62]
				n++
			}
		}
	}
	return string(out[:])
}

// A Signer signs requests with NetSuite Token-Based Authentication: OAuth 1.0a
// with HMAC-SHA256 and the account ID as realm
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157651396916.html,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534941295.html).
// It is safe for concurrent use. Its credentials never appear when it is
// printed or logged.
type Signer struct {
	// Now returns the current time for oauth_timestamp; nil means time.Now.
	Now func() time.Time
	// Nonce returns a new oauth_nonce; nil means NewNonce.
	Nonce func() string

	realm       string
	consumerKey string
	tokenID     string
	// macs holds HMACs keyed with the signing key: the secrets live only
	// there, behind a pointer, so that no way of printing a Signer (even by
	// value, where its methods are not called) reaches them.
	macs *sync.Pool
}

// NewSigner returns a Signer for realm, which should be the account ID in
// canonical form (Account.Realm): NetSuite refuses a lower-case realm. It is an
// error for realm or any credential to be empty.
func NewSigner(realm string, creds Credentials) (*Signer, error) {
	if realm == "" {
		return nil, errors.New("tba: realm is empty; use the account ID, such as 1234567_SB1")
	}
	if err := creds.Validate(); err != nil {
		return nil, err
	}
	key := []byte(signingKey(creds.ConsumerSecret, creds.TokenSecret))
	return &Signer{
		realm:       realm,
		consumerKey: creds.ConsumerKey,
		tokenID:     creds.TokenID,
		macs:        &sync.Pool{New: func() any { return hmac.New(sha256.New, key) }},
	}, nil
}

// signingKey is pct(consumer secret) & pct(token secret) (RFC 5849 §3.4.2,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157651396916.html).
func signingKey(consumerSecret, tokenSecret Secret) string {
	return PercentEncode(consumerSecret.Reveal()) + "&" + PercentEncode(tokenSecret.Reveal())
}

// Realm returns the realm s signs with.
func (s *Signer) Realm() string { return s.realm }

// ConsumerKey returns the consumer key s signs with.
func (s *Signer) ConsumerKey() string { return s.consumerKey }

// TokenID returns the token ID s signs with.
func (s *Signer) TokenID() string { return s.tokenID }

// String describes s without its secrets.
func (s Signer) String() string {
	return fmt.Sprintf("tba.Signer{realm: %s, consumer key: %s, token: %s}", s.realm, Mask(s.consumerKey), Mask(s.tokenID))
}

// Format prints s as String does under every verb, so that no verb can reach
// the credentials.
func (s Signer) Format(f fmt.State, verb rune) { io.WriteString(f, s.String()) }

// Mask shows the first and last four characters of an identifier such as a
// consumer key or token ID (ef40…67e4), or only asterisks when it is shorter
// than 12 characters.
func Mask(id string) string {
	if len(id) < 12 {
		return strings.Repeat("*", len(id))
	}
	return id[:4] + "…" + id[len(id)-4:]
}

func (s *Signer) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Signer) nonce() string {
	if s.Nonce != nil {
		return s.Nonce()
	}
	return NewNonce()
}

// Sign sets the Authorization header of req. For an
// application/x-www-form-urlencoded body it signs the body parameters too
// and leaves req.Body readable again; any other body is not signed. Sign
// modifies req: to sign a copy, use a Transport.
func (s *Signer) Sign(req *http.Request) error {
	form, err := FormParams(req, 0)
	if err != nil {
		return err
	}
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	req.Header.Set("Authorization", s.authorization(req.Method, req.URL.Scheme, host, req.URL.EscapedPath(), req.URL.RawQuery, form))
	return nil
}

// AuthorizationHeader returns the Authorization header value for a request
// with method to the absolute URL u, with form holding the parameters of an
// application/x-www-form-urlencoded body (nil for any other body).
func (s *Signer) AuthorizationHeader(method string, u *url.URL, form []Param) string {
	return s.authorization(method, u.Scheme, u.Host, u.EscapedPath(), u.RawQuery, form)
}

func (s *Signer) authorization(method, scheme, host, path, rawQuery string, form []Param) string {
	nonce := s.nonce()
	ts := strconv.FormatInt(s.now().Unix(), 10)
	var stack [16]Param
	params := append(stack[:0],
		Param{"oauth_consumer_key", s.consumerKey},
		Param{"oauth_nonce", nonce},
		Param{"oauth_signature_method", SignatureMethod},
		Param{"oauth_timestamp", ts},
		Param{"oauth_token", s.tokenID},
		Param{"oauth_version", Version},
	)
	params = append(params, form...)
	params = appendQuery(params, rawQuery)
	base := buildBaseString(method, scheme, host, path, params)
	return s.header(nonce, ts, s.sign(base))
}

// sign returns base64(HMAC-SHA256(key, base)).
func (s *Signer) sign(base string) string {
	mac := s.macs.Get().(hash.Hash)
	mac.Reset()
	io.WriteString(mac, base)
	var sum [sha256.Size]byte
	sig := base64.StdEncoding.EncodeToString(mac.Sum(sum[:0]))
	s.macs.Put(mac)
	return sig
}

// header writes the parameters in the order of Oracle's REST web services
// header example, each value percent-encoded
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534941295.html).
func (s *Signer) header(nonce, ts, signature string) string {
	fields := [...]struct{ name, value string }{
		{"realm", s.realm},
		{"oauth_token", s.tokenID},
		{"oauth_consumer_key", s.consumerKey},
		{"oauth_nonce", nonce},
		{"oauth_timestamp", ts},
		{"oauth_signature_method", SignatureMethod},
		{"oauth_version", Version},
		{"oauth_signature", signature},
	}
	n := len("OAuth ")
	for _, f := range fields {
		n += len(f.name) + encodedLen(f.value) + 5
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString("OAuth ")
	for i, f := range fields {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(f.name)
		b.WriteString(`="`)
		appendEncoded(&b, f.value)
		b.WriteByte('"')
	}
	return b.String()
}

// FormParams returns the parameters of an application/x-www-form-urlencoded
// request body, which the signature covers, and leaves req.Body readable again;
// it returns nil for any other body, which the signature does not cover
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157651396916.html:
// a JSON body is never signed). With maxBytes > 0 a larger body is an error.
// Signers and verifiers both use it.
func FormParams(req *http.Request, maxBytes int64) ([]Param, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, nil
	}
	if mt, _, err := mime.ParseMediaType(req.Header.Get("Content-Type")); err != nil || mt != "application/x-www-form-urlencoded" {
		return nil, nil
	}
	body := req.Body
	if req.GetBody != nil {
		// Read a copy and leave the body to be sent untouched.
		var err error
		if body, err = req.GetBody(); err != nil {
			return nil, fmt.Errorf("tba: reading the form body: %w", err)
		}
	}
	r := io.Reader(body)
	if maxBytes > 0 {
		r = io.LimitReader(body, maxBytes+1)
	}
	data, err := io.ReadAll(r)
	body.Close()
	if req.GetBody == nil {
		req.Body = io.NopCloser(bytes.NewReader(data))
	}
	if err != nil {
		return nil, fmt.Errorf("tba: reading the form body: %w", err)
	}
	if maxBytes > 0 && int64(len(data)) > maxBytes {
		return nil, fmt.Errorf("tba: the form body is larger than %d bytes", maxBytes)
	}
	return ParseQuery(string(data)), nil
}

// Transport is an http.RoundTripper that signs every request with Signer and
// sends it with Base. It never modifies the caller's request: it signs a
// clone.
type Transport struct {
	// Base sends the signed requests; nil means http.DefaultTransport.
	Base http.RoundTripper
	// Signer signs the requests.
	Signer *Signer
}

// RoundTrip signs a clone of req and sends it.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.Signer == nil {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, errors.New("tba: Transport's Signer is nil")
	}
	// A RoundTripper must not modify the request: copy it and its header.
	r2 := new(http.Request)
	*r2 = *req
	r2.Header = req.Header.Clone()
	if r2.Header == nil {
		r2.Header = make(http.Header, 1)
	}
	if err := t.Signer.Sign(r2); err != nil {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, err
	}
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	return base.RoundTrip(r2)
}
