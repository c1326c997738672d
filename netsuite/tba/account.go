package tba

import (
	"fmt"
	"net/url"
	"strings"
)

// An Account is a NetSuite account ID in its canonical form, the form NetSuite
// shows under Setup > Company > Company Information and expects as the OAuth
// realm: upper case, with an underscore before a sandbox or release-preview
// suffix (1234567, 1234567_SB1, 1234567_RP, TSTDRV1234567).
//
// The zero Account is invalid; build one with ParseAccountID.
type Account struct {
	id string
}

// ParseAccountID reads an account ID in any case, with an underscore or the
// hyphen of the account's host name before the suffix, and returns it in
// canonical form. It accepts:
//
//	1234567          production
//	1234567_SB1      sandbox 1 (also 1234567-sb1, 1234567_sb1)
//	1234567_RP       release preview
//	TSTDRV1234567    developer and test-drive accounts
//
// Anything else (empty, spaces, a pasted URL, an unknown suffix) is an error
// that shows the expected form, and for a pasted URL the ID it contains.
//
// Sources: Oracle
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1498251763.html,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4609939018.html;
// oracle/netsuite-suitecloud-sdk#140 for TSTDRV accounts.
func ParseAccountID(s string) (Account, error) {
	if s == "" {
		return Account{}, accountError(s, "it is empty")
	}
	if strings.ContainsAny(s, " \t\r\n") {
		if t := strings.TrimSpace(s); t != s {
			if a, err := ParseAccountID(t); err == nil {
				return Account{}, accountError(s, fmt.Sprintf("it has spaces around it; use %s", a))
			}
		}
		return Account{}, accountError(s, "it contains spaces")
	}
	if strings.Contains(s, "/") || strings.Contains(s, ".") {
		reason := "it looks like a URL or host name, not an account ID"
		if a, ok := accountFromHost(s); ok {
			reason += fmt.Sprintf("; the account ID in it is %s", a)
		}
		return Account{}, accountError(s, reason)
	}
	up := strings.ToUpper(s)
	base, suffix, hasSuffix := strings.Cut(strings.ReplaceAll(up, "-", "_"), "_")
	if !validBase(base) {
		return Account{}, accountError(s, "it must start with the account number (digits), or TSTDRV and digits")
	}
	if !hasSuffix {
		return Account{id: base}, nil
	}
	if !validSuffix(suffix) {
		return Account{}, accountError(s, fmt.Sprintf("unknown suffix %q; sandboxes end in _SB1, _SB2, ..., release previews in _RP", suffix))
	}
	return Account{id: base + "_" + suffix}, nil
}

func accountError(s, reason string) error {
	return fmt.Errorf("tba: invalid account ID %q: %s; expected the ID NetSuite shows at Setup > Company > Company Information, such as 1234567, 1234567_SB1 or TSTDRV1234567", s, reason)
}

func validBase(b string) bool {
	digits := strings.TrimPrefix(b, "TSTDRV")
	return digits != "" && allDigits(digits)
}

func validSuffix(s string) bool {
	if s == "RP" {
		return true
	}
	n, ok := strings.CutPrefix(s, "SB")
	return ok && n != "" && allDigits(n) && n[0] != '0'
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// accountFromHost finds the account ID in a pasted NetSuite URL or host name
// such as https://1234567-sb1.app.netsuite.com/app/center/card.nl.
func accountFromHost(s string) (Account, bool) {
	host := s
	if u, err := url.Parse(s); err == nil && u.Host != "" {
		host = u.Hostname()
	}
	first, rest, ok := strings.Cut(host, ".")
	if !ok || !strings.HasSuffix(strings.ToLower(rest), "netsuite.com") || strings.ContainsAny(first, "/:") {
		return Account{}, false
	}
	a, err := ParseAccountID(first)
	return a, err == nil
}

// String returns the canonical account ID, such as 1234567_SB1.
func (a Account) String() string { return a.id }

// IsZero reports whether a is the zero Account.
func (a Account) IsZero() bool { return a.id == "" }

// Realm returns the OAuth realm for a: the canonical account ID. NetSuite
// refuses a lower-case realm with "Invalid login attempt", as users report
// (netsuite-upload-org/netsuite-upload#38, fylein/netsuite-sdk-py#29,
// netsuitephp/netsuite-php#121).
func (a Account) Realm() string { return a.id }

// Slug returns the host label of a: lower case, with a hyphen for the underscore (1234567-sb1).
// Source: Oracle,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1498251763.html.
func (a Account) Slug() string {
	return strings.ReplaceAll(strings.ToLower(a.id), "_", "-")
}

// RESTHost returns the host of REST and SOAP web services for a, such as
// 1234567-sb1.suitetalk.api.netsuite.com.
func (a Account) RESTHost() string { return a.Slug() + ".suitetalk.api.netsuite.com" }

// SOAPHost returns the host of SOAP web services, which is the REST host.
func (a Account) SOAPHost() string { return a.RESTHost() }

// RESTletHost returns the host of RESTlets for a, such as
// 1234567-sb1.restlets.api.netsuite.com.
func (a Account) RESTletHost() string { return a.Slug() + ".restlets.api.netsuite.com" }

// UIHost returns the host of the NetSuite user interface for a, such as
// 1234567-sb1.app.netsuite.com.
func (a Account) UIHost() string { return a.Slug() + ".app.netsuite.com" }

// IsSandbox reports whether a is a sandbox account (suffix _SBn).
func (a Account) IsSandbox() bool { return strings.Contains(a.id, "_SB") }

// IsReleasePreview reports whether a is a release preview account (suffix _RP).
func (a Account) IsReleasePreview() bool { return strings.HasSuffix(a.id, "_RP") }
