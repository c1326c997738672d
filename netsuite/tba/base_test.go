package tba

import (
	"math/rand/v2"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPercentEncode(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", ""},
		{"abcXYZ019-._~", "abcXYZ019-._~"},
		{"a b", "a%20b"},
		{"+", "%2B"},
		{"=&%", "%3D%26%25"},
		{"/?#[]@!$'()*,;:", "%2F%3F%23%5B%5D%40%21%24%27%28%29%2A%2C%3B%3A"},
		{"é", "%C3%A9"},
		{"\x00\xff", "%00%FF"},
	}
	for _, tt := range tests {
		if got := PercentEncode(tt.in); got != tt.want {
			t.Errorf("PercentEncode(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := encodedLen(tt.in); got != len(tt.want) {
			t.Errorf("encodedLen(%q) = %d, want %d", tt.in, got, len(tt.want))
		}
		if got, ok := PercentDecode(tt.want); !ok || got != tt.in {
			t.Errorf("PercentDecode(%q) = %q, %v; want %q", tt.want, got, ok, tt.in)
		}
	}
}

func TestFormDecode(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"a+b", "a b"},
		{"a%20b", "a b"},
		{"a%2Bb", "a+b"},
		{"a%2bb", "a+b"}, // lower-case hex decodes too
		{"100%", "100%"}, // PHP urldecode keeps a stray %
		{"%zz", "%zz"},
		{"%4", "%4"},
		{"%%41", "%A"},
		{"%C3%A9", "é"},
	}
	for _, tt := range tests {
		if got := FormDecode(tt.in); got != tt.want {
			t.Errorf("FormDecode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPercentDecodeRejects(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"%", "%4", "%zz", "a%g0"} {
		if _, ok := PercentDecode(in); ok {
			t.Errorf("PercentDecode(%q) accepted", in)
		}
	}
	if got, ok := PercentDecode("a+b"); !ok || got != "a+b" {
		t.Errorf("PercentDecode keeps + as +: got %q", got)
	}
}

func TestParseQuery(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []Param
	}{
		{"", nil},
		{"a=1", []Param{{"a", "1"}}},
		{"a=1&a=2&b", []Param{{"a", "1"}, {"a", "2"}, {"b", ""}}},
		{"&&a=&", []Param{{"a", ""}}},
		{"q=email+START_WITH+%22a+b%22", []Param{{"q", `email START_WITH "a b"`}}},
		{"a=b=c", []Param{{"a", "b=c"}}},
		{"x;y=1", []Param{{"x;y", "1"}}}, // no ; separator
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, ParseQuery(tt.in)); diff != "" {
			t.Errorf("ParseQuery(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestBaseURI(t *testing.T) {
	t.Parallel()
	tests := []struct{ scheme, host, path, want string }{
		{"HTTPS", "123456-SB1.SuiteTalk.api.netsuite.com", "/services/rest", "https://123456-sb1.suitetalk.api.netsuite.com/services/rest"},
		{"https", "h.example:443", "/p", "https://h.example/p"},
		{"http", "h.example:80", "/p", "http://h.example/p"},
		{"http", "h.example:443", "/p", "http://h.example:443/p"},
		{"https", "h.example:80", "/p", "https://h.example:80/p"},
		{"http", "127.0.0.1:8080", "/p", "http://127.0.0.1:8080/p"},
		{"http", "[::1]:80", "/p", "http://[::1]/p"},
		{"http", "[::1]", "", "http://[::1]/"},
		{"http", "h", "/a%20b/C", "http://h/a%20b/C"}, // the path keeps its case and escapes
	}
	for _, tt := range tests {
		if got := BaseURI(tt.scheme, tt.host, tt.path); got != tt.want {
			t.Errorf("BaseURI(%q, %q, %q) = %q, want %q", tt.scheme, tt.host, tt.path, got, tt.want)
		}
	}
}

// RFC 5849 §3.4.1.3.2 sorts the encoded values, not the raw ones: raw,
// '-' < '.' < '/', but '/' encodes as %2F, which sorts first.
func TestSortIsOnEncodedValues(t *testing.T) {
	t.Parallel()
	params := []Param{{"k", "a."}, {"k", "a/"}, {"k", "a-"}}
	// raw order: '-' (0x2d) < '.' (0x2e) < '/' (0x2f); encoded: "a%2F" < "a-" < "a."
	got := NormalizeParams(params)
	if want := "k=a%2F&k=a-&k=a."; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestCompareEncodedMatchesNaive(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("aZ09-._~ %+/=&é\x00\xff")
	gen := func() string {
		b := make([]byte, r.IntN(6))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(b)
	}
	for range 20000 {
		a, b := gen(), gen()
		want := strings.Compare(PercentEncode(a), PercentEncode(b))
		if got := compareEncoded(a, b); got != want {
			t.Fatalf("compareEncoded(%q, %q) = %d, want %d", a, b, got, want)
		}
	}
}

func TestBaseStringKeepsDuplicatesSortedByValue(t *testing.T) {
	t.Parallel()
	u, _ := url.Parse("https://H.example/r?b=2&a=z&a=y&a=y")
	got := BaseString("get", u, []Param{{"oauth_nonce", "n"}})
	want := "GET&https%3A%2F%2Fh.example%2Fr&a%3Dy%26a%3Dy%26a%3Dz%26b%3D2%26oauth_nonce%3Dn"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestBaseStringDoesNotModifyParams(t *testing.T) {
	t.Parallel()
	params := []Param{{"z", "1"}, {"a", "2"}}
	before := slices.Clone(params)
	u, _ := url.Parse("http://h/?m=3")
	BaseString("GET", u, params)
	if diff := cmp.Diff(before, params); diff != "" {
		t.Errorf("params changed (-before +after):\n%s", diff)
	}
}
