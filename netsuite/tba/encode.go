package tba

import "strings"

// Percent-encoding as NetSuite requires it
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157651396916.html,
// RFC 5849 §3.6): every byte of the UTF-8 string is encoded except the RFC 3986
// unreserved characters A-Z a-z 0-9 - . _ ~, with upper-case hex, and a space
// is %20, never +. This is PHP's rawurlencode, which Oracle's examples use.

const upperHex = "0123456789ABCDEF"

func unreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// PercentEncode encodes s as RFC 5849 §3.6 prescribes.
func PercentEncode(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 2*n)
	appendEncoded(&b, s)
	return b.String()
}

// appendEncoded writes the percent-encoding of s to b.
func appendEncoded(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(upperHex[c>>4])
		b.WriteByte(upperHex[c&15])
	}
}

// encodedLen returns len(PercentEncode(s)) without building it.
func encodedLen(s string) int {
	n := len(s)
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			n += 2
		}
	}
	return n
}

// FormDecode decodes one name or value of a query string or form body as
// Oracle's reference code does with PHP's urldecode
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534939551.html):
// a + is a space, %XX with two hex digits is that byte, and any other % is kept
// as it is. It never fails, so a request whose query a server would accept is
// always signable.
func FormDecode(s string) string {
	if !strings.ContainsAny(s, "+%") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '+':
			b = append(b, ' ')
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// PercentDecode decodes an RFC 5849 §3.6 encoded value, such as a parameter
// of the Authorization header. Unlike FormDecode a + stays a +, and a % not
// followed by two hex digits is an error, reported as ok == false.
func PercentDecode(s string) (string, bool) {
	if !strings.Contains(s, "%") {
		return s, true
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '%' {
			b = append(b, c)
			continue
		}
		if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
			return "", false
		}
		b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
		i += 2
	}
	return string(b), true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	default:
		return c - 'a' + 10
	}
}
