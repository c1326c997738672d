package tba

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// CredentialLength is the length of the consumer keys and secrets and the
// token IDs and secrets NetSuite generates: 64 lower-case hexadecimal
// characters.
//
// Assumption: Oracle documents no format, but every value on its pages has
// this one (the TBA worked example,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534941088.html;
// the TokenPassport example,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4395625838.html;
// the SuiteAnalytics Connect token password example,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_163240164565.html),
// and so do the headers captured from live accounts in public projects and
// issues.
const CredentialLength = 64

// A CredentialProblem says how a credential differs from the form NetSuite
// gives it (CredentialLength lower-case hexadecimal characters). It never
// holds the credential.
type CredentialProblem struct {
	// Pasted reports a character NetSuite never puts in a credential and a
	// copy and paste often adds: a space, a tab, a line break or another
	// control character. Such a credential cannot be right.
	Pasted bool
	// Detail says what is wrong, such as "it ends with a line break" or "it
	// is 63 characters long".
	Detail string
}

func (p *CredentialProblem) Error() string { return p.Detail }

// CheckCredentialFormat reports how s, a consumer key or secret or a token
// ID or secret, differs from the form NetSuite gives it, or nil when it has
// that form. An empty s is not checked (nil): whether a value is required is
// the caller's business. The problem never quotes s; it names a position and
// the kind of character found there.
func CheckCredentialFormat(s string) *CredentialProblem {
	if s == "" {
		return nil
	}
	upper := false
	for i, r := range s {
		pos := fmt.Sprintf("at position %d of %d", utf8.RuneCountInString(s[:i])+1, utf8.RuneCountInString(s))
		switch {
		case r == '\n' || r == '\r':
			where := pos
			switch {
			case i == len(s)-1:
				where = "at its end"
			case i == 0:
				where = "at its start"
			}
			return &CredentialProblem{Pasted: true, Detail: "it has a line break " + where + "; copy it again as one line"}
		case unicode.IsSpace(r):
			where := pos
			switch {
			case i+utf8.RuneLen(r) == len(s):
				where = "at its end"
			case i == 0:
				where = "at its start"
			}
			return &CredentialProblem{Pasted: true, Detail: "it has a space " + where + "; copy it again without spaces"}
		case r == utf8.RuneError || !unicode.IsPrint(r):
			return &CredentialProblem{Pasted: true, Detail: "it has a control character " + pos + "; copy it again from NetSuite"}
		case r >= 'A' && r <= 'F':
			upper = true
		case !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f'):
			return &CredentialProblem{Detail: fmt.Sprintf("it has %s %s; NetSuite's are %d characters 0-9 and a-f", charClass(r), pos, CredentialLength)}
		}
	}
	if n := len(s); n != CredentialLength {
		return &CredentialProblem{Detail: fmt.Sprintf("it is %d characters long; NetSuite's are %d hexadecimal characters", n, CredentialLength)}
	}
	if upper {
		return &CredentialProblem{Detail: "it has upper-case letters; NetSuite shows them in lower case"}
	}
	return nil
}

// charClass names the kind of a character that is not a hexadecimal digit,
// without showing it: a credential's characters are not printed.
func charClass(r rune) string {
	switch {
	case r > unicode.MaxASCII:
		return "a non-ASCII character"
	case unicode.IsLetter(r):
		return "a letter other than a-f"
	case unicode.IsPunct(r) || unicode.IsSymbol(r):
		return "a punctuation mark or symbol"
	}
	return "a character that is not a hexadecimal digit"
}
