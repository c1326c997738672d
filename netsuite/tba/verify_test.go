package tba

import (
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

const goodHeader = `OAuth realm="123456", oauth_token="2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc", oauth_consumer_key="ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4", oauth_nonce="fjaLirsIcCGVZWzBX0pg", oauth_timestamp="1508242306", oauth_signature_method="HMAC-SHA256", oauth_version="1.0", oauth_signature="B5OIWznZ2YP0OB7VrJrGkYsTh%2B8H%2B5T9Hag%2Bo92q0zY%3D"`

// tv1 is Oracle's REST example (TV-1).
var tv1 = struct {
	url            string
	consumerSecret Secret
	tokenSecret    Secret
}{
	"https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/employee/40",
	"d26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9e8b5",
	"c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8bea1478a3eb0d295",
}

func verifyTV1(header string) error {
	a, err := ParseAuthorization(header)
	if err != nil {
		return err
	}
	u, _ := url.Parse(tv1.url)
	return a.Verify("GET", u, nil, tv1.consumerSecret, tv1.tokenSecret)
}

func TestParseAuthorization(t *testing.T) {
	t.Parallel()
	a, err := ParseAuthorization(goodHeader)
	if err != nil {
		t.Fatal(err)
	}
	want := &Authorization{
		Realm:           "123456",
		ConsumerKey:     "ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4",
		Token:           "2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc",
		SignatureMethod: "HMAC-SHA256",
		Signature:       "B5OIWznZ2YP0OB7VrJrGkYsTh+8H+5T9Hag+o92q0zY=",
		Nonce:           "fjaLirsIcCGVZWzBX0pg",
		Version:         "1.0",
		Timestamp:       1508242306,
	}
	if diff := cmp.Diff(want, a, cmpopts.IgnoreUnexported(Authorization{})); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// The forms real clients send all verify: Oracle's example
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534941295.html),
// "," with no space (omniboost/go-netsuite-rest client.go) and the realm last
// (dghubble/oauth1 auther.go).
func TestParseAuthorizationAcceptsClientForms(t *testing.T) {
	t.Parallel()
	fields := strings.Split(strings.TrimPrefix(goodHeader, "OAuth "), ", ")
	reversed := make([]string, len(fields))
	for i, f := range fields {
		reversed[len(fields)-1-i] = f
	}
	tests := map[string]string{
		"Oracle's order":              goodHeader,
		"no space after commas":       "OAuth " + strings.Join(fields, ","),
		"reversed, realm last":        "OAuth " + strings.Join(reversed, ", "),
		"spaces around = and commas":  "OAuth " + strings.ReplaceAll(strings.Join(fields, " ,  "), `="`, ` = "`),
		"lower-case scheme":           "oauth " + strings.Join(fields, ", "),
		"trailing comma":              goodHeader + ",",
		"no realm":                    "OAuth " + strings.Join(fields[1:], ", "),
		"tabs":                        "OAuth\t" + strings.Join(fields, ",\t"),
		"lower-case hex in signature": strings.ReplaceAll(goodHeader, "%2B", "%2b"),
	}
	for name, header := range tests {
		if err := verifyTV1(header); err != nil {
			t.Errorf("%s: %v\n%s", name, err, header)
		}
	}
}

func TestParseAuthorizationRefusals(t *testing.T) {
	t.Parallel()
	replace := func(old, new string) string {
		if !strings.Contains(goodHeader, old) {
			panic("test header lacks " + old)
		}
		return strings.Replace(goodHeader, old, new, 1)
	}
	tests := []struct {
		name, header string
		want         Reason
	}{
		{"empty", "", MissingTokenPassportRequiredFields},
		{"bearer", "Bearer abc", MissingTokenPassportRequiredFields},
		{"NLAuth", "NLAuth nlauth_account=1", MissingTokenPassportRequiredFields},
		{"no parameters", "OAuth ", MissingTokenPassportRequiredFields},
		{"missing token", replace(`oauth_token="2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc", `, ""), MissingTokenPassportRequiredFields},
		{"missing signature", replace(`, oauth_signature="B5OIWznZ2YP0OB7VrJrGkYsTh%2B8H%2B5T9Hag%2Bo92q0zY%3D"`, ""), MissingTokenPassportRequiredFields},
		{"missing nonce", replace(`oauth_nonce="fjaLirsIcCGVZWzBX0pg", `, ""), MissingTokenPassportRequiredFields},
		{"HMAC-SHA1", replace("HMAC-SHA256", "HMAC-SHA1"), UnknownAlgorithm},
		{"PLAINTEXT", replace("HMAC-SHA256", "PLAINTEXT"), UnknownAlgorithm},
		{"lower-case method", replace("HMAC-SHA256", "hmac-sha256"), UnknownAlgorithm},
		{"SOAP enum spelling", replace("HMAC-SHA256", "HMAC_SHA256"), UnknownAlgorithm},
		{"version 2.0", replace(`oauth_version="1.0"`, `oauth_version="2.0"`), VersionRejected},
		{"duplicate", goodHeader + `, oauth_nonce="fjaLirsIcCGVZWzBX0pg"`, ParameterRejected},
		{"duplicate realm", goodHeader + `, realm="123456"`, ParameterRejected},
		{"empty value", replace(`oauth_nonce="fjaLirsIcCGVZWzBX0pg"`, `oauth_nonce=""`), ParameterRejected},
		{"empty realm", replace(`realm="123456"`, `realm=""`), ParameterRejected},
		{"unquoted", replace(`oauth_nonce="fjaLirsIcCGVZWzBX0pg"`, `oauth_nonce=fjaLirsIcCGVZWzBX0pg`), ParameterRejected},
		{"unterminated", `OAuth realm="123456`, ParameterRejected},
		{"no comma", replace(`", oauth_token`, `" oauth_token`), ParameterRejected},
		{"bad escape", replace("%2B8H", "%G28H"), ParameterRejected},
		{"non-oauth parameter", goodHeader + `, foo="bar"`, ParameterRejected},
		{"name without value", "OAuth realm", ParameterRejected},
		{"timestamp not a number", replace(`"1508242306"`, `"15082423O6"`), ParameterRejected},
		{"negative timestamp", replace(`"1508242306"`, `"-1508242306"`), ParameterRejected},
		{"timestamp with sign", replace(`"1508242306"`, `"+1508242306"`), ParameterRejected},
		{"huge timestamp", replace(`"1508242306"`, `"99999999999999999999"`), ParameterRejected},
		{"short nonce", replace(`"fjaLirsIcCGVZWzBX0pg"`, `"abc12"`), NonceRejected},
	}
	for _, tt := range tests {
		_, err := ParseAuthorization(tt.header)
		if got := ReasonOf(err); got != tt.want {
			t.Errorf("%s: reason %q (%v), want %q", tt.name, got, err, tt.want)
		}
	}
}

func TestVerifyRefusesChangedRequests(t *testing.T) {
	t.Parallel()
	a, err := ParseAuthorization(goodHeader)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, method, url string
		form              []Param
		cs, ts            Secret
	}{
		{"another method", "DELETE", tv1.url, nil, tv1.consumerSecret, tv1.tokenSecret},
		{"another record", "GET", strings.Replace(tv1.url, "/40", "/41", 1), nil, tv1.consumerSecret, tv1.tokenSecret},
		{"an added query", "GET", tv1.url + "?fields=email", nil, tv1.consumerSecret, tv1.tokenSecret},
		{"another host", "GET", strings.Replace(tv1.url, "123456.", "654321.", 1), nil, tv1.consumerSecret, tv1.tokenSecret},
		{"http", "GET", strings.Replace(tv1.url, "https", "http", 1), nil, tv1.consumerSecret, tv1.tokenSecret},
		{"a form parameter", "GET", tv1.url, []Param{{"a", "1"}}, tv1.consumerSecret, tv1.tokenSecret},
		{"another consumer secret", "GET", tv1.url, nil, "x" + tv1.consumerSecret, tv1.tokenSecret},
		{"another token secret", "GET", tv1.url, nil, tv1.consumerSecret, ""},
	}
	for _, tt := range tests {
		u, _ := url.Parse(tt.url)
		err := a.Verify(tt.method, u, tt.form, tt.cs, tt.ts)
		if ReasonOf(err) != InvalidSignature {
			t.Errorf("%s: %v, want %s", tt.name, err, InvalidSignature)
		}
	}
	// A changed nonce or timestamp in the header breaks the signature too.
	for _, h := range []string{
		strings.Replace(goodHeader, "fjaLirsIcCGVZWzBX0pg", "fjaLirsIcCGVZWzBX0ph", 1),
		strings.Replace(goodHeader, "1508242306", "1508242307", 1),
		strings.Replace(goodHeader, `oauth_version="1.0", `, "", 1) + `, oauth_body_hash="x"`,
	} {
		if err := verifyTV1(h); ReasonOf(err) != InvalidSignature {
			t.Errorf("%v, want %s\n%s", err, InvalidSignature, h)
		}
	}
}

// An oauth_ parameter beyond the required ones, such as the oauth_body_hash
// oauthlib's Client.sign adds to a request with a JSON body, enters the base
// string like any other.
func TestVerifySignsExtraOAuthParams(t *testing.T) {
	t.Parallel()
	u, _ := url.Parse(tv1.url)
	// oauth_version is left out: it is optional (RFC 5849 §3.1).
	params := []Param{
		{"oauth_consumer_key", "ck"}, {"oauth_token", "tk"}, {"oauth_signature_method", "HMAC-SHA256"},
		{"oauth_timestamp", "1508242306"}, {"oauth_nonce", "abcdefgh"}, {"oauth_body_hash", "2jmj7l5rSw0yVb/vlWAYkK/YBwk="},
	}
	sig := Sign(BaseString("GET", u, params), "cs", "ts")
	var b strings.Builder
	b.WriteString("OAuth ")
	for _, p := range params {
		fmt.Fprintf(&b, `%s="%s", `, p.Name, PercentEncode(p.Value))
	}
	fmt.Fprintf(&b, `oauth_signature="%s"`, PercentEncode(sig))
	a, err := ParseAuthorization(b.String())
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Verify("GET", u, nil, "cs", "ts"); err != nil {
		t.Errorf("with oauth_body_hash: %v", err)
	}
}

func TestCheckTimestamp(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_800_000_000, 0)
	tests := []struct {
		ts int64
		ok bool
	}{
		{now.Unix(), true},
		{now.Unix() - 300, true},
		{now.Unix() + 300, true},
		{now.Unix() - 301, false},
		{now.Unix() + 301, false},
		{0, false},
	}
	for _, tt := range tests {
		err := CheckTimestamp(tt.ts, now, TimestampWindow)
		if (err == nil) != tt.ok || !tt.ok && ReasonOf(err) != InvalidTimestamp {
			t.Errorf("CheckTimestamp(now%+d) = %v, want ok=%v", tt.ts-now.Unix(), err, tt.ok)
		}
	}
}

func TestNonceCache(t *testing.T) {
	t.Parallel()
	c := NewNonceCache(TimestampWindow)
	now := time.Unix(1_800_000_000, 0)
	ts := now.Unix()
	if err := c.Use("u1", "nonce1", ts, now); err != nil {
		t.Fatal(err)
	}
	if err := c.Use("u1", "nonce1", ts, now); ReasonOf(err) != NonceUsed {
		t.Errorf("replay: %v, want %s", err, NonceUsed)
	}
	// Another user, or another timestamp, may use the same nonce.
	if err := c.Use("u2", "nonce1", ts, now); err != nil {
		t.Errorf("other user: %v", err)
	}
	if err := c.Use("u1", "nonce1", ts+1, now); err != nil {
		t.Errorf("other timestamp: %v", err)
	}
	// Pairs older than the window are forgotten.
	later := now.Add(2*TimestampWindow + time.Second)
	if err := c.Use("u1", "nonce2", later.Unix(), later); err != nil {
		t.Fatal(err)
	}
	if n := c.Len(); n != 1 {
		t.Errorf("after the window %d pairs are kept, want 1", n)
	}
}

// TestNonceCacheKeepsTheWindow checks that a pair is kept exactly as long as
// CheckTimestamp could accept its timestamp, on both sides of now, and that
// the cache follows the now it is given, whatever the wall clock says.
func TestNonceCacheKeepsTheWindow(t *testing.T) {
	t.Parallel()
	c := NewNonceCache(TimestampWindow)
	t0 := time.Unix(1_000_000_000, 0) // far from the wall clock
	oldest, newest := t0.Add(-TimestampWindow).Unix(), t0.Add(TimestampWindow).Unix()
	for _, ts := range []int64{oldest, t0.Unix(), newest} {
		if err := CheckTimestamp(ts, t0, TimestampWindow); err != nil {
			t.Fatal(err)
		}
		if err := c.Use("u", "edge-nonce", ts, t0); err != nil {
			t.Fatal(err)
		}
	}
	// Within the window of a later now, each pair is still refused.
	for _, now := range []time.Time{t0.Add(time.Second), t0.Add(TimestampWindow - time.Second)} {
		c.Use("u", "other-"+now.Format("150405"), now.Unix(), now)
		for _, ts := range []int64{oldest, t0.Unix(), newest} {
			if CheckTimestamp(ts, now, TimestampWindow) != nil {
				continue
			}
			if err := c.Use("u", "edge-nonce", ts, now); ReasonOf(err) != NonceUsed {
				t.Errorf("at now+%s, replay of ts %+d s: %v, want %s", now.Sub(t0), ts-t0.Unix(), err, NonceUsed)
			}
		}
	}
	// Once now is past the window of every pair, the cache is empty but for
	// the pair just used.
	end := t0.Add(2*TimestampWindow + nonceBucket*time.Second)
	if err := c.Use("u", "last-nonce", end.Unix(), end); err != nil {
		t.Fatal(err)
	}
	if n := c.Len(); n != 1 {
		t.Errorf("past the window: %d pairs kept, want 1", n)
	}
	// Setting the clock back drops the pairs now in the future beyond the
	// window, which CheckTimestamp refuses.
	back := t0.Add(-24 * time.Hour)
	if err := c.Use("u", "back-nonce", back.Unix(), back); err != nil {
		t.Fatal(err)
	}
	if n := c.Len(); n != 1 {
		t.Errorf("after the clock went back a day: %d pairs kept, want 1", n)
	}
}

// TestNonceCacheMemory checks that a pair costs a few tens of bytes and
// does not keep the request's strings alive, and that the memory is given
// back once now passes the window. Before the fingerprints, the nonce, a
// substring of the Authorization header, kept the header: ~450 bytes a pair
// here. Not parallel: it reads the heap.
func TestNonceCacheMemory(t *testing.T) {
	const n = 20_000
	const maxPerPair = 100 // bytes
	c := NewNonceCache(TimestampWindow)
	now := time.Unix(1_800_000_000, 0)
	before := heapAfterGC()
	for i := range n {
		// A header-sized string per request, as net/http allocates it.
		header := fmt.Sprintf("OAuth %0360d, oauth_nonce=%020d", 0, i)
		nonce := header[len(header)-20:]
		ts := now.Unix() - int64(i%600) + 300 // across the whole window
		if err := c.Use("user", nonce, ts, now); err != nil {
			t.Fatal(err)
		}
	}
	held := heapAfterGC()
	if perPair := (int64(held) - int64(before)) / n; perPair > maxPerPair {
		t.Errorf("%d bytes of heap per pair kept, want at most %d", perPair, maxPerPair)
	}
	later := now.Add(2*TimestampWindow + nonceBucket*time.Second)
	c.Use("user", "one-more-nonce", later.Unix(), later)
	after := heapAfterGC()
	if c.Len() != 1 {
		t.Errorf("past the window: %d pairs kept, want 1", c.Len())
	}
	if released, min := int64(held)-int64(after), int64(n*maxPerPair/10); released < min {
		t.Errorf("past the window the heap went from %d to %d bytes; want it to drop by at least %d", held, after, min)
	}
	t.Logf("heap: %d before, %d with %d pairs (%d B/pair), %d after the window", before, held, n, (int64(held)-int64(before))/n, after)
	runtime.KeepAlive(c)
}

func heapAfterGC() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func TestNonceCacheConcurrentReplay(t *testing.T) {
	t.Parallel()
	c := NewNonceCache(TimestampWindow)
	now := time.Now()
	var wg sync.WaitGroup
	var mu sync.Mutex
	accepted := 0
	for range 32 {
		wg.Go(func() {
			if c.Use("u", "same-nonce", now.Unix(), now) == nil {
				mu.Lock()
				accepted++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if accepted != 1 {
		t.Errorf("%d concurrent uses of one nonce accepted, want 1", accepted)
	}
}

func TestErrorMessage(t *testing.T) {
	t.Parallel()
	_, err := ParseAuthorization(strings.Replace(goodHeader, "HMAC-SHA256", "HMAC-SHA1", 1))
	want := `tba: UnknownAlgorithm: signature method "HMAC-SHA1"; NetSuite accepts only HMAC-SHA256`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	if ReasonOf(fmt.Errorf("wrapped: %w", err)) != UnknownAlgorithm {
		t.Error("ReasonOf does not unwrap")
	}
	if ReasonOf(errors.New("other")) != "" {
		t.Error("ReasonOf of a foreign error is not empty")
	}
}

func TestRequestURL(t *testing.T) {
	t.Parallel()
	u, err := RequestURL(false, "127.0.0.1:8080", "/services/rest/record/v1/customer?q=a+b")
	if err != nil {
		t.Fatal(err)
	}
	if got := u.String(); got != "http://127.0.0.1:8080/services/rest/record/v1/customer?q=a+b" {
		t.Errorf("got %s", got)
	}
	u, _ = RequestURL(true, "h", "/p")
	if u.Scheme != "https" {
		t.Errorf("tls scheme %s", u.Scheme)
	}
	if _, err := RequestURL(false, "h", "no-slash"); err == nil {
		t.Error("a relative request URI is accepted")
	}
}
