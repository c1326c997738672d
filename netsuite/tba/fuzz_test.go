package tba

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// render writes a as a header in canonical form.
func render(a *Authorization) string {
	var parts []string
	if a.Realm != "" {
		parts = append(parts, `realm="`+PercentEncode(a.Realm)+`"`)
	}
	for _, p := range a.params {
		parts = append(parts, p.Name+`="`+PercentEncode(p.Value)+`"`)
	}
	parts = append(parts, `oauth_signature="`+PercentEncode(a.Signature)+`"`)
	return "OAuth " + strings.Join(parts, ", ")
}

func FuzzParseAuthorization(f *testing.F) {
	f.Add(goodHeader)
	f.Add(strings.ReplaceAll(goodHeader, ", ", ","))
	f.Add(`OAuth realm="1",oauth_consumer_key="a",oauth_token="b",oauth_signature_method="HMAC-SHA256",oauth_timestamp="1",oauth_nonce="abcdef",oauth_signature="x%3D"`)
	f.Add(`OAuth oauth_nonce="%zz"`)
	f.Add(`OAuth a="`)
	f.Fuzz(func(t *testing.T, header string) {
		a, err := ParseAuthorization(header)
		if err != nil {
			if ReasonOf(err) == "" {
				t.Fatalf("refusal without a reason: %v", err)
			}
			return
		}
		if a.ConsumerKey == "" || a.Token == "" || a.Signature == "" || a.SignatureMethod != SignatureMethod ||
			len(a.Nonce) < MinNonceLength || a.Timestamp < 0 || a.Version != "" && a.Version != Version {
			t.Fatalf("accepted an incomplete header %q: %+v", header, a)
		}
		// The canonical form parses to the same thing.
		b, err := ParseAuthorization(render(a))
		if err != nil {
			t.Fatalf("canonical form of %q does not parse: %v", header, err)
		}
		if diff := cmp.Diff(a, b, cmp.AllowUnexported(Authorization{})); diff != "" {
			t.Fatalf("round trip of %q (-first +second):\n%s", header, diff)
		}
	})
}

// naiveBaseString is an independent, plain transcription of RFC 5849
// §3.4.1, used to check the optimised one.
func naiveBaseString(method string, u *url.URL, params []Param) string {
	var all []Param
	all = append(all, params...)
	for _, pair := range strings.Split(u.RawQuery, "&") {
		if pair == "" {
			continue
		}
		name, value, _ := strings.Cut(pair, "=")
		all = append(all, Param{FormDecode(name), FormDecode(value)})
	}
	encoded := make([]string, len(all))
	for i, p := range all {
		encoded[i] = PercentEncode(p.Name) + "=" + PercentEncode(p.Value)
	}
	slices.SortFunc(encoded, func(a, b string) int {
		an, av, _ := strings.Cut(a, "=")
		bn, bv, _ := strings.Cut(b, "=")
		if c := strings.Compare(an, bn); c != 0 {
			return c
		}
		return strings.Compare(av, bv)
	})
	host := strings.ToLower(u.Host)
	scheme := strings.ToLower(u.Scheme)
	host = strings.TrimSuffix(host, map[string]string{"http": ":80", "https": ":443"}[scheme])
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	return strings.ToUpper(method) + "&" + PercentEncode(scheme+"://"+host+path) + "&" + PercentEncode(strings.Join(encoded, "&"))
}

// FuzzVerify looks for a false accept: starting from a correctly signed
// request, the fuzzer changes the method, URL and header at will. Verify may
// accept the result only if the request is the same one, as an independent
// base string computation sees it: an HMAC cannot be forged, so an accept of
// anything else means the verifier ignored part of the request.
func FuzzVerify(f *testing.F) {
	signed, _ := url.Parse(tv1.url)
	a0, err := ParseAuthorization(goodHeader)
	if err != nil {
		f.Fatal(err)
	}
	want := naiveBaseString("GET", signed, a0.params)
	f.Add("GET", tv1.url, goodHeader)
	f.Add("get", strings.Replace(tv1.url, "https://123456", "HTTPS://123456", 1), goodHeader)
	f.Add("GET", strings.Replace(tv1.url, ".com/", ".com:443/", 1), strings.ReplaceAll(goodHeader, ", ", ","))
	f.Add("GET", tv1.url+"?a=1", goodHeader)
	f.Add("POST", tv1.url, goodHeader)
	f.Fuzz(func(t *testing.T, method, rawURL, header string) {
		u, err := url.Parse(rawURL)
		if err != nil || u.Host == "" {
			return
		}
		a, err := ParseAuthorization(header)
		if err != nil {
			return
		}
		if a.Verify(method, u, nil, tv1.consumerSecret, tv1.tokenSecret) != nil {
			return
		}
		if got := naiveBaseString(method, u, a.params); got != want {
			t.Fatalf("accepted a different request:\n%s %s\n%s\nbase %s\nwant %s", method, rawURL, header, got, want)
		}
	})
}

func TestNaiveBaseStringAgrees(t *testing.T) {
	t.Parallel()
	v := loadVectors(t)
	for _, tv := range v.REST {
		u, _ := url.Parse(tv.URL)
		if got, want := naiveBaseString(tv.Method, u, v.oauthParams()), BaseString(tv.Method, u, v.oauthParams()); got != want {
			t.Errorf("%s: naive %s\n optimised %s", tv.ID, got, want)
		}
	}
}
