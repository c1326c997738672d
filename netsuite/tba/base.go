package tba

import (
	"net/url"
	"slices"
	"strings"
)

// A Param is one decoded name/value pair of a request: an oauth_ parameter, a
// query parameter or a form body parameter.
type Param struct {
	Name, Value string
}

// ParseQuery splits a raw query string or form body into decoded parameters, in
// order and keeping duplicates, as Oracle's reference code does
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534939551.html):
// pairs are separated by &, a pair without = has an empty value, empty pairs
// are skipped, and names and values are decoded by FormDecode (+ is a space).
func ParseQuery(raw string) []Param {
	if raw == "" {
		return nil
	}
	params := make([]Param, 0, strings.Count(raw, "&")+1)
	return appendQuery(params, raw)
}

func appendQuery(params []Param, raw string) []Param {
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		if pair == "" {
			continue
		}
		name, value, _ := strings.Cut(pair, "=")
		params = append(params, Param{FormDecode(name), FormDecode(value)})
	}
	return params
}

// compareEncoded compares PercentEncode(a) and PercentEncode(b) by byte value
// without building either: RFC 5849 §3.4.1.3.2 sorts the encoded names and
// values.
func compareEncoded(a, b string) int {
	var ea, eb [3]byte
	i, j := 0, 0
	na, nb := 0, 0 // bytes of the current encoded character left in ea, eb
	pa, pb := 0, 0 // read position in ea, eb
	for {
		if na == 0 {
			if i == len(a) {
				break
			}
			na, pa = encodeByte(&ea, a[i]), 0
			i++
		}
		if nb == 0 {
			if j == len(b) {
				return 1
			}
			nb, pb = encodeByte(&eb, b[j]), 0
			j++
		}
		if ea[pa] != eb[pb] {
			if ea[pa] < eb[pb] {
				return -1
			}
			return 1
		}
		pa, na = pa+1, na-1
		pb, nb = pb+1, nb-1
	}
	if nb == 0 && j == len(b) {
		return 0
	}
	return -1
}

func encodeByte(e *[3]byte, c byte) int {
	if unreserved(c) {
		e[0] = c
		return 1
	}
	e[0], e[1], e[2] = '%', upperHex[c>>4], upperHex[c&15]
	return 3
}

func compareParams(x, y Param) int {
	if c := compareEncoded(x.Name, y.Name); c != 0 {
		return c
	}
	return compareEncoded(x.Value, y.Value)
}

// sortParams sorts params in place by encoded name, then encoded value
// (RFC 5849 §3.4.1.3.2).
func sortParams(params []Param) { slices.SortFunc(params, compareParams) }

// NormalizeParams returns the normalized parameter string of RFC 5849
// §3.4.1.3.2: every name and value percent-encoded, the pairs sorted by name
// and then by value, joined as name=value with &. Duplicate names are all
// kept. params is not modified.
func NormalizeParams(params []Param) string {
	sorted := slices.Clone(params)
	sortParams(sorted)
	var b strings.Builder
	for i, p := range sorted {
		if i > 0 {
			b.WriteByte('&')
		}
		appendEncoded(&b, p.Name)
		b.WriteByte('=')
		appendEncoded(&b, p.Value)
	}
	return b.String()
}

// BaseURI returns the base string URI of RFC 5849 §3.4.1.2: scheme and host
// in lower case, the default port (80 for http, 443 for https) dropped, the
// path as sent (escaped; / when empty), no query and no fragment.
func BaseURI(scheme, host, escapedPath string) string {
	var b strings.Builder
	writeBaseURI(&b, scheme, host, escapedPath)
	return b.String()
}

func writeBaseURI(b *strings.Builder, scheme, host, escapedPath string) {
	scheme = strings.ToLower(scheme)
	host = strings.ToLower(host)
	if h, port, ok := cutPort(host); ok && (scheme == "http" && port == "80" || scheme == "https" && port == "443") {
		host = h
	}
	if escapedPath == "" {
		escapedPath = "/"
	}
	b.WriteString(scheme)
	b.WriteString("://")
	b.WriteString(host)
	b.WriteString(escapedPath)
}

// cutPort splits host:port; an IPv6 literal without a port has no port.
func cutPort(host string) (h, port string, ok bool) {
	i := strings.LastIndexByte(host, ':')
	if i < 0 || strings.IndexByte(host[i:], ']') >= 0 {
		return host, "", false
	}
	return host[:i], host[i+1:], true
}

// BaseString returns the signature base string of RFC 5849 §3.4.1 as NetSuite
// builds it for REST web services and RESTlets
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157651396916.html):
//
//	UPPER(method) & pct(base URI) & pct(normalized parameters)
//
// The parameters are the query parameters of u plus params, which hold the
// oauth_ parameters (without realm and oauth_signature) and, for an
// application/x-www-form-urlencoded body only, the body parameters. A JSON
// body is never part of it. u must be absolute.
func BaseString(method string, u *url.URL, params []Param) string {
	all := appendQuery(slices.Clone(params), u.RawQuery)
	return buildBaseString(method, u.Scheme, u.Host, u.EscapedPath(), all)
}

// buildBaseString writes the base string; it sorts params in place.
func buildBaseString(method, scheme, host, escapedPath string, params []Param) string {
	sortParams(params)
	var uri strings.Builder
	writeBaseURI(&uri, scheme, host, escapedPath)

	n := len(method) + 2 + encodedLen(uri.String())
	for _, p := range params {
		n += doubleEncodedLen(p.Name) + doubleEncodedLen(p.Value) + 6
	}
	var b strings.Builder
	b.Grow(n)
	for i := 0; i < len(method); i++ {
		c := method[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		b.WriteByte(c)
	}
	b.WriteByte('&')
	appendEncoded(&b, uri.String())
	b.WriteByte('&')
	for i, p := range params {
		if i > 0 {
			b.WriteString("%26") // &
		}
		appendDoubleEncoded(&b, p.Name)
		b.WriteString("%3D") // =
		appendDoubleEncoded(&b, p.Value)
	}
	return b.String()
}

// appendDoubleEncoded writes PercentEncode(PercentEncode(s)): the normalized
// parameter string is encoded once more as the third part of the base string.
func appendDoubleEncoded(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteString("%25")
		b.WriteByte(upperHex[c>>4])
		b.WriteByte(upperHex[c&15])
	}
}

func doubleEncodedLen(s string) int {
	n := len(s)
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			n += 4
		}
	}
	return n
}
