package tba

import (
	"strings"
	"testing"
)

func TestParseAccountID(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, id, slug string
		sandbox, rp  bool
	}{
		{"1234567", "1234567", "1234567", false, false},
		{"1234567_SB1", "1234567_SB1", "1234567-sb1", true, false},
		{"1234567_sb1", "1234567_SB1", "1234567-sb1", true, false},
		{"1234567-sb2", "1234567_SB2", "1234567-sb2", true, false},
		{"1234567_SB12", "1234567_SB12", "1234567-sb12", true, false},
		{"1234567_rp", "1234567_RP", "1234567-rp", false, true},
		{"tstdrv1234567", "TSTDRV1234567", "tstdrv1234567", false, false},
		{"TSTDRV1234567_SB1", "TSTDRV1234567_SB1", "tstdrv1234567-sb1", true, false},
	}
	for _, tt := range tests {
		a, err := ParseAccountID(tt.in)
		if err != nil {
			t.Errorf("ParseAccountID(%q): %v", tt.in, err)
			continue
		}
		if a.String() != tt.id || a.Realm() != tt.id || a.Slug() != tt.slug || a.IsSandbox() != tt.sandbox || a.IsReleasePreview() != tt.rp {
			t.Errorf("ParseAccountID(%q) = %s (realm %s, slug %s, sandbox %v, rp %v), want %s, %s, %v, %v",
				tt.in, a, a.Realm(), a.Slug(), a.IsSandbox(), a.IsReleasePreview(), tt.id, tt.slug, tt.sandbox, tt.rp)
		}
	}
}

func TestAccountHosts(t *testing.T) {
	t.Parallel()
	a, err := ParseAccountID("1234567_sb1")
	if err != nil {
		t.Fatal(err)
	}
	// Oracle
	// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1498251763.html.
	for got, want := range map[string]string{
		a.RESTHost():    "1234567-sb1.suitetalk.api.netsuite.com",
		a.SOAPHost():    "1234567-sb1.suitetalk.api.netsuite.com",
		a.RESTletHost(): "1234567-sb1.restlets.api.netsuite.com",
		a.UIHost():      "1234567-sb1.app.netsuite.com",
	} {
		if got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	}
	if !(Account{}).IsZero() || a.IsZero() {
		t.Error("IsZero")
	}
}

func TestParseAccountIDRefusals(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, says string }{
		{"", "it is empty"},
		{"   ", "it contains spaces"},
		{" 1234567 ", "it has spaces around it; use 1234567"},
		{"1234 567", "it contains spaces"},
		{"https://1234567-sb1.app.netsuite.com/app/center/card.nl", "the account ID in it is 1234567_SB1"},
		{"1234567.suitetalk.api.netsuite.com", "the account ID in it is 1234567"},
		{"https://example.com/x", "looks like a URL"},
		{"1234567_SB", "unknown suffix \"SB\""},
		{"1234567_SB0", "unknown suffix \"SB0\""},
		{"1234567_XY", "unknown suffix \"XY\""},
		{"1234567_SB1_SB2", "unknown suffix \"SB1_SB2\""},
		{"ACME", "must start with the account number"},
		{"TSTDRV", "must start with the account number"},
		{"_SB1", "must start with the account number"},
		{"123abc", "must start with the account number"},
	}
	for _, tt := range tests {
		_, err := ParseAccountID(tt.in)
		if err == nil {
			t.Errorf("ParseAccountID(%q) accepted", tt.in)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, tt.says) || !strings.Contains(msg, "such as 1234567, 1234567_SB1 or TSTDRV1234567") {
			t.Errorf("ParseAccountID(%q) = %q; want it to say %q and show the expected form", tt.in, msg, tt.says)
		}
	}
}

func FuzzParseAccountID(f *testing.F) {
	for _, s := range []string{"1234567", "1234567_sb1", "tstdrv1", "https://1-sb1.app.netsuite.com", "1_RP", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseAccountID(s)
		if err != nil {
			return
		}
		// A parsed ID is canonical: it parses to itself, in either case and
		// from its slug.
		for _, form := range []string{a.String(), strings.ToLower(a.String()), a.Slug()} {
			b, err := ParseAccountID(form)
			if err != nil || b != a {
				t.Fatalf("%q parsed as %s, but %q gives %s, %v", s, a, form, b, err)
			}
		}
		if strings.ToUpper(a.Realm()) != a.Realm() || strings.ContainsAny(a.Slug(), "_ ") {
			t.Fatalf("%q: realm %q slug %q", s, a.Realm(), a.Slug())
		}
	})
}
