package tba

import (
	"strings"
	"testing"
)

func TestCheckCredentialFormat(t *testing.T) {
	t.Parallel()
	good := strings.Repeat("0123456789abcdef", 4)
	tests := []struct {
		in     string
		pasted bool
		want   string // "" for no problem
	}{
		{good, false, ""},
		{"", false, ""},
		{good + "\n", true, "it has a line break at its end; copy it again as one line"},
		{"\r\n" + good, true, "it has a line break at its start; copy it again as one line"},
		{good[:10] + "\n" + good[10:], true, "it has a line break at position 11 of 65; copy it again as one line"},
		{good + " ", true, "it has a space at its end; copy it again without spaces"},
		{" " + good, true, "it has a space at its start; copy it again without spaces"},
		{good[:5] + "\t" + good[5:], true, "it has a space at position 6 of 65; copy it again without spaces"},
		{good[:5] + "\u00a0" + good[5:], true, "it has a space at position 6 of 65; copy it again without spaces"},
		{good[:3] + "\x00" + good[4:], true, "it has a control character at position 4 of 64; copy it again from NetSuite"},
		{good[:63], false, "it is 63 characters long; NetSuite's are 64 hexadecimal characters"},
		{good + "0", false, "it is 65 characters long; NetSuite's are 64 hexadecimal characters"},
		{"abc", false, "it is 3 characters long; NetSuite's are 64 hexadecimal characters"},
		{good[:63] + "g", false, "it has a letter that is not a hexadecimal digit at position 64 of 64; NetSuite's are 64 characters 0-9 and a-f"},
		{good[:63] + "G", false, "it has a letter that is not a hexadecimal digit at position 64 of 64; NetSuite's are 64 characters 0-9 and a-f"},
		{"-" + good[1:], false, "it has a punctuation mark or symbol at position 1 of 64; NetSuite's are 64 characters 0-9 and a-f"},
		{"é" + good[1:], false, "it has a non-ASCII character at position 1 of 64; NetSuite's are 64 characters 0-9 and a-f"},
		{strings.ToUpper(good), false, ""},
	}
	for _, tt := range tests {
		p := CheckCredentialFormat(tt.in)
		got, pasted := "", false
		if p != nil {
			got, pasted = p.Detail, p.Pasted
		}
		if got != tt.want || pasted != tt.pasted {
			t.Errorf("%q: got %q (pasted %v), want %q (pasted %v)", tt.in, got, pasted, tt.want, tt.pasted)
		}
	}
}

// FuzzCheckCredentialFormat: any input is judged without a panic, only
// NetSuite's form (or nothing) passes, and the problem never shows the
// input: it is the same for an input with every character replaced by
// another of its kind.
func FuzzCheckCredentialFormat(f *testing.F) {
	for _, s := range []string{strings.Repeat("ab", 32), "", "x", strings.Repeat("ab", 32) + "\n", "\xff\xfe", strings.Repeat("AB", 32), "zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := CheckCredentialFormat(s)
		valid := s == "" || len(s) == CredentialLength && strings.Trim(s, "0123456789abcdefABCDEF") == ""
		if (p == nil) != valid {
			t.Fatalf("%q: problem %v, want one: %v", s, p, !valid)
		}
		if q := CheckCredentialFormat(strings.Map(sameKind, s)); p != nil && (q == nil || q.Detail != p.Detail) {
			t.Fatalf("%q gives %q, but %q gives %v: the problem depends on the characters", s, p.Detail, strings.Map(sameKind, s), q)
		}
	})
}

// sameKind replaces a character by another of its kind: a lower-case hex
// digit, an upper-case hex letter, another letter of the same case.
func sameKind(r rune) rune {
	rotate := func(set string) rune {
		i := strings.IndexRune(set, r)
		return rune(set[(i+1)%len(set)])
	}
	switch {
	case strings.ContainsRune("0123456789abcdef", r):
		return rotate("0123456789abcdef")
	case strings.ContainsRune("ABCDEF", r):
		return rotate("ABCDEF")
	case r >= 'g' && r <= 'z':
		return rotate("ghijklmnopqrstuvwxyz")
	case r >= 'G' && r <= 'Z':
		return rotate("GHIJKLMNOPQRSTUVWXYZ")
	}
	return r
}
