package tba

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dghubble/oauth1"
)

var testCreds = Credentials{
	ConsumerKey:    "ck-0123456789abcdef",
	ConsumerSecret: "cs secret/with+odd&chars",
	TokenID:        "tk-0123456789abcdef",
	TokenSecret:    "ts-secret",
}

func newTestSigner(t testing.TB) *Signer {
	t.Helper()
	s, err := NewSigner("123456_SB1", testCreds)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// verifyRequest verifies req as a server would: it parses the header,
// rebuilds the signed URL and reads a form body.
func verifyRequest(req *http.Request, cs, ts Secret) error {
	a, err := ParseAuthorization(req.Header.Get("Authorization"))
	if err != nil {
		return err
	}
	form, err := FormParams(req, 0)
	if err != nil {
		return err
	}
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	u := *req.URL
	u.Host = host
	return a.Verify(req.Method, &u, form, cs, ts)
}

func TestNewSignerRefusesEmptyValues(t *testing.T) {
	t.Parallel()
	if _, err := NewSigner("", testCreds); err == nil || !strings.Contains(err.Error(), "realm is empty") {
		t.Errorf("empty realm: %v", err)
	}
	for name, c := range map[string]Credentials{
		"consumer key":    {"", "cs", "tk", "ts"},
		"consumer secret": {"ck", "", "tk", "ts"},
		"token ID":        {"ck", "cs", "", "ts"},
		"token secret":    {"ck", "cs", "tk", ""},
	} {
		_, err := NewSigner("1", c)
		if err == nil || !strings.Contains(err.Error(), name+" is empty") {
			t.Errorf("empty %s: %v", name, err)
		}
	}
}

type captureTransport struct {
	req  *http.Request
	body string
}

func (c *captureTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	c.req = req
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		c.body = string(b)
	}
	return &http.Response{StatusCode: 204, Body: http.NoBody, Request: req}, nil
}

func TestTransportSignsACloneAndKeepsTheBody(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, contentType string
		getBody           bool
	}{
		{"form with GetBody", "application/x-www-form-urlencoded", true},
		{"form without GetBody", "application/x-www-form-urlencoded; charset=utf-8", false},
		{"json", "application/json", true},
		{"no content type", "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body := "a=1&b=x+y&a=0"
			req, err := http.NewRequest("POST", "http://127.0.0.1:9/services/rest/x?z=1", strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			if !tt.getBody {
				req.GetBody = nil
			}
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			capture := &captureTransport{}
			resp, err := (&Transport{Base: capture, Signer: newTestSigner(t)}).RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if req.Header.Get("Authorization") != "" {
				t.Error("the caller's request was modified")
			}
			if capture.req == req {
				t.Error("the caller's request was sent, not a clone")
			}
			if capture.body != body {
				t.Errorf("body sent %q, want %q", capture.body, body)
			}
			sent := capture.req.Clone(context.Background())
			sent.GetBody = nil
			sent.Body = io.NopCloser(strings.NewReader(capture.body))
			if err := verifyRequest(sent, testCreds.ConsumerSecret, testCreds.TokenSecret); err != nil {
				t.Errorf("verify: %v", err)
			}
			// The form parameters are signed: changing one breaks the signature
			// of a form request, and changes nothing for a JSON one.
			sent.Body = io.NopCloser(strings.NewReader("a=2&b=x+y&a=0"))
			err = verifyRequest(sent, testCreds.ConsumerSecret, testCreds.TokenSecret)
			isForm := strings.HasPrefix(tt.contentType, "application/x-www-form-urlencoded")
			if isForm != (ReasonOf(err) == InvalidSignature) {
				t.Errorf("changed body: %v (form: %v)", err, isForm)
			}
		})
	}
}

func TestTransportWithoutSigner(t *testing.T) {
	t.Parallel()
	req, _ := http.NewRequest("GET", "http://h/", nil)
	if _, err := (&Transport{}).RoundTrip(req); err == nil || !strings.Contains(err.Error(), "Signer is nil") {
		t.Errorf("got %v", err)
	}
}

type errBody struct{}

func (errBody) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }
func (errBody) Close() error             { return nil }

func TestSignReportsBodyReadErrors(t *testing.T) {
	t.Parallel()
	req, _ := http.NewRequest("POST", "http://h/", nil)
	req.Body = errBody{}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if err := newTestSigner(t).Sign(req); err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("got %v", err)
	}
}

// The Host header, not the URL, is what the client signs and the server sees.
func TestSignUsesHostHeader(t *testing.T) {
	t.Parallel()
	req, _ := http.NewRequest("GET", "http://127.0.0.1:8080/p", nil)
	req.Host = "1234567.suitetalk.api.netsuite.com"
	s := newTestSigner(t)
	if err := s.Sign(req); err != nil {
		t.Fatal(err)
	}
	a, _ := ParseAuthorization(req.Header.Get("Authorization"))
	u, _ := url.Parse("http://1234567.suitetalk.api.netsuite.com/p")
	if err := a.Verify("GET", u, nil, testCreds.ConsumerSecret, testCreds.TokenSecret); err != nil {
		t.Error(err)
	}
}

func TestNewNonce(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	counts := map[rune]int{}
	for range 2000 {
		n := NewNonce()
		if len(n) != NonceLength {
			t.Fatalf("nonce %q has %d characters", n, len(n))
		}
		for _, c := range n {
			if !strings.ContainsRune(nonceAlphabet, c) {
				t.Fatalf("nonce %q has %q", n, c)
			}
			counts[c]++
		}
		if seen[n] {
			t.Fatalf("nonce %q repeated", n)
		}
		seen[n] = true
	}
	// 40,000 characters over 62 symbols: about 645 each. A biased generator
	// (c % 62 over all 256 byte values) gives the first 8 symbols ~25% more.
	for _, c := range nonceAlphabet {
		if n := counts[c]; n < 500 || n > 800 {
			t.Errorf("symbol %q appeared %d times, want about 645", c, n)
		}
	}
}

func TestSignerIsSafeForConcurrentUse(t *testing.T) {
	t.Parallel()
	s := newTestSigner(t)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			for j := range 50 {
				req, _ := http.NewRequest("GET", "https://h/p?i="+strconv.Itoa(i)+"&j="+strconv.Itoa(j), nil)
				if err := s.Sign(req); err != nil {
					t.Error(err)
					return
				}
				if err := verifyRequest(req, testCreds.ConsumerSecret, testCreds.TokenSecret); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}

// randomRequest makes a request with random method, host, port, path and
// query: names and values from an alphabet of characters that need
// encoding, duplicate keys when dups is set.
func randomRequest(r *rand.Rand, dups bool) *http.Request {
	pick := func(alphabet []string, max int) string {
		var b strings.Builder
		for range 1 + r.IntN(max) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	chars := []string{"a", "Z", "9", "-", ".", "_", "~", " ", "+", "%", "&", "=", "/", "?", "#", "é", "日", "\"", ",", "*", "!", "'"}
	pathChars := []string{"a", "Z", "9", "-", ".", "_", "~", " ", "é", "%", "+", "!"}
	methods := []string{"GET", "POST", "PATCH", "PUT", "DELETE", "get"}
	hosts := []string{"123456.suitetalk.api.netsuite.com", "123456-SB1.SuiteTalk.api.netsuite.com", "127.0.0.1:8080", "localhost:443"}
	u := &url.URL{Scheme: "https", Host: hosts[r.IntN(len(hosts))], Path: "/services/rest/" + pick(pathChars, 8)}
	q := url.Values{}
	names := map[string]bool{}
	for range r.IntN(6) {
		name := pick(chars, 6)
		if !dups && names[name] {
			continue
		}
		names[name] = true
		q.Add(name, pick(chars, 10))
		if dups && r.IntN(3) == 0 {
			q.Add(name, pick(chars, 4))
		}
	}
	u.RawQuery = q.Encode()
	if r.IntN(2) == 0 { // some clients send %20, some +
		u.RawQuery = strings.ReplaceAll(u.RawQuery, "+", "%20")
	}
	req, err := http.NewRequest(methods[r.IntN(len(methods))], u.String(), nil)
	if err != nil {
		panic(err)
	}
	return req
}

func TestSignThenVerify(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(7, 11))
	s := newTestSigner(t)
	for i := range 3000 {
		req := randomRequest(r, true)
		if err := s.Sign(req); err != nil {
			t.Fatal(err)
		}
		if err := verifyRequest(req, testCreds.ConsumerSecret, testCreds.TokenSecret); err != nil {
			t.Fatalf("request %d %s %s: %v", i, req.Method, req.URL, err)
		}
		// Any change of method, path or query is refused.
		changed := req.Clone(context.Background())
		switch i % 3 {
		case 0:
			changed.Method = "OPTIONS"
		case 1:
			changed.URL.Path += "x"
			changed.URL.RawPath = ""
		case 2:
			changed.URL.RawQuery += "&extra=1"
		}
		if err := verifyRequest(changed, testCreds.ConsumerSecret, testCreds.TokenSecret); ReasonOf(err) != InvalidSignature {
			t.Fatalf("changed request %d %s %s: %v", i, changed.Method, changed.URL, err)
		}
	}
}

// TestCrossCheckDghubble signs random requests without duplicate keys with
// dghubble/oauth1's HMAC-SHA256 signer, then with ours using the nonce and
// timestamp it chose: the signatures must be equal, and ours must verify its
// header. dghubble takes only the first value of a duplicate key (its
// auther.go), so duplicates are left out.
func TestCrossCheckDghubble(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 5))
	capture := &captureTransport{}
	ctx := context.WithValue(context.Background(), oauth1.HTTPClient, &http.Client{Transport: capture})
	config := &oauth1.Config{
		ConsumerKey:    testCreds.ConsumerKey,
		ConsumerSecret: testCreds.ConsumerSecret.Reveal(),
		Realm:          "123456_SB1",
		Signer:         &oauth1.HMAC256Signer{ConsumerSecret: testCreds.ConsumerSecret.Reveal()},
	}
	theirs := config.Client(ctx, oauth1.NewToken(testCreds.TokenID, testCreds.TokenSecret.Reveal())).Transport
	for i := range 2000 {
		req := randomRequest(r, false)
		req.Method = strings.ToUpper(req.Method) // dghubble signs the method as given
		resp, err := theirs.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		header := capture.req.Header.Get("Authorization")
		a, err := ParseAuthorization(header)
		if err != nil {
			t.Fatalf("request %d: their header does not parse: %v\n%s", i, err, header)
		}
		if err := a.Verify(req.Method, req.URL, nil, testCreds.ConsumerSecret, testCreds.TokenSecret); err != nil {
			t.Fatalf("request %d %s %s: their signature does not verify: %v", i, req.Method, req.URL, err)
		}
		ours := newTestSigner(t)
		ours.Now = func() time.Time { return time.Unix(a.Timestamp, 0) }
		ours.Nonce = func() string { return a.Nonce }
		mine, _ := ParseAuthorization(ours.AuthorizationHeader(req.Method, req.URL, nil))
		if mine.Signature != a.Signature {
			t.Fatalf("request %d %s %s: ours %s, theirs %s", i, req.Method, req.URL, mine.Signature, a.Signature)
		}
	}
}
