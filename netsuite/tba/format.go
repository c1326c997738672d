package tba

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// CredentialLength is the length of the consumer keys and secrets and the
// token IDs and secrets NetSuite generates: 64 hexadecimal characters (shown
// in lower case).
//
// Assumption: Oracle documents no format, but every value on its pages has
// this one (the TBA worked example,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534941088.html;
// the Authorization header example,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534941295.html;
// the TokenPassport example,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_4395625838.html;
// the SuiteAnalytics Connect token password example,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_163240164565.html),
// and so do the headers captured from live accounts in public projects and
// issues.
const CredentialLength = 64

// A CredentialProblem says how a credential differs from the form NetSuite
// gives it (CredentialLength hexadecimal characters). It never holds the
// credential.
type CredentialProblem struct {
	// Pasted reports a character NetSuite never puts in a credential and a
	// copy and paste often adds: a space, a tab, a line break or another
	// control character. Such a credential cannot be right.
	Pasted bool
	// At is the position, from 1 and in characters, of the character at
	// fault; 0 when the problem is the length.
	At int
	// Detail says what is wrong, such as "it has a line break at its end"
	// or "it is 63 characters long".
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
	n := utf8.RuneCountInString(s)
	at := 0
	for i, r := range s {
		at++
		pos := fmt.Sprintf("at position %d of %d", at, n)
		end := i+utf8.RuneLen(r) == len(s)
		switch {
		case r == '\n' || r == '\r':
			return &CredentialProblem{Pasted: true, At: at, Detail: "it has a line break " + edge(pos, at, end) + "; copy it again as one line"}
		case unicode.IsSpace(r):
			return &CredentialProblem{Pasted: true, At: at, Detail: "it has a space " + edge(pos, at, end) + "; copy it again without spaces"}
		case r == utf8.RuneError || !unicode.IsPrint(r):
			return &CredentialProblem{Pasted: true, At: at, Detail: "it has a control character " + pos + "; copy it again from NetSuite"}
		case !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F'):
			return &CredentialProblem{At: at, Detail: fmt.Sprintf("it has %s %s; NetSuite's are %d characters 0-9 and a-f", charClass(r), pos, CredentialLength)}
		}
	}
	if l := len(s); l != CredentialLength {
		return &CredentialProblem{Detail: fmt.Sprintf("it is %d characters long; NetSuite's are %d hexadecimal characters", l, CredentialLength)}
	}
	return nil
}

// edge says where a pasted character is: at the start or end of the value,
// or at pos.
func edge(pos string, at int, end bool) string {
	switch {
	case end:
		return "at its end"
	case at == 1:
		return "at its start"
	}
	return pos
}

// charClass names the kind of a character that is not a hexadecimal digit,
// without showing it: a credential's characters are not printed.
func charClass(r rune) string {
	switch {
	case r > unicode.MaxASCII:
		return "a non-ASCII character"
	case unicode.IsLetter(r):
		return "a letter that is not a hexadecimal digit"
	case unicode.IsPunct(r) || unicode.IsSymbol(r):
		return "a punctuation mark or symbol"
	}
	return "a character that is not a hexadecimal digit"
}
