package config

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/nsconnect/nsconnect/internal/suggest"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// A FieldError is a problem with one field. Its message names the field as the
// user set it (--timezone, NETSUITE_TIMEZONE, or the key in a profile) and how
// to fix it. It never contains the value of a credential.
type FieldError struct {
	Field Field
	// Source is where the bad value came from; SourceUnset when the field is
	// required and was not set anywhere.
	Source Source
	Err    error
}

func (e *FieldError) Error() string {
	if e.Source.Kind == SourceUnset {
		return e.Err.Error()
	}
	return e.Source.String() + ": " + e.Err.Error()
}

func (e *FieldError) Unwrap() error { return e.Err }

// Missing reports whether the error is about a required field that was not set.
func (e *FieldError) Missing() bool { return e.Source.Kind == SourceUnset }

// Where NetSuite shows each value, for the messages about missing values.
const (
	whereAccount     = "NetSuite shows it at Setup > Company > Company Information"
	whereConsumer    = "NetSuite shows the consumer key and secret once, when the integration record is saved (Setup > Integration > Manage Integrations)"
	whereToken       = "NetSuite shows the token ID and secret once, when the access token is created (Setup > Users/Roles > Access Tokens)"
	whereTimezone    = "use the time zone shown at Setup > Company > Company Information, such as (GMT-08:00) Pacific Time (US & Canada), or its IANA name, such as America/Los_Angeles"
	whereConcurrency = "NetSuite shows the limit at Setup > Integration > Integration Management > Integration Governance"
)

// missingError returns the error for required field f, unset.
func missingError(f Field) error {
	var set, where string
	switch f {
	case FieldAccountID:
		set, where = "pass --account-id, set NETSUITE_ACCOUNT_ID,", whereAccount
	case FieldTimezone:
		set, where = "pass --timezone, set NETSUITE_TIMEZONE,", whereTimezone
	case FieldConsumerKey, FieldConsumerSecret:
		set, where = "set "+f.Env()+",", whereConsumer
	case FieldTokenID, FieldTokenSecret:
		set, where = "set "+f.Env()+",", whereToken
	case FieldClientID:
		set, where = "pass --client-id, set NETSUITE_CLIENT_ID,", whereClientID
	case FieldCertificateID:
		set, where = "pass --certificate-id, set NETSUITE_CERTIFICATE_ID,", whereCertificateID
	case FieldPrivateKeyFile:
		set, where = "pass --private-key-file, set NETSUITE_PRIVATE_KEY_FILE,", "give "+wherePrivateKey
	}
	if f == FieldClientID || f == FieldCertificateID || f == FieldPrivateKeyFile {
		return &FieldError{Field: f, Err: fmt.Errorf("%s is not set, and auth m2m needs it: %s or save it in a profile with 'nsconnect config init'; %s", f.Label(), set, where)}
	}
	return &FieldError{Field: f, Err: fmt.Errorf("%s is not set: %s or save it in a profile with 'nsconnect config init'; %s", f.Label(), set, where)}
}

// CheckValue reports whether s is a valid value for field f, as the
// interactive prompt reads it. The error does not name a source, and never
// contains a credential. An empty value is an error: the caller decides
// whether a field may be left unset.
func CheckValue(f Field, s string) error {
	if s == "" {
		return errors.New("a value is required")
	}
	var err error
	switch f {
	case FieldAccountID:
		_, err = parseAccount(s)
	case FieldConsumerKey, FieldConsumerSecret, FieldTokenID, FieldTokenSecret:
		err = checkCredential(f, s)
	case FieldTimezone:
		_, err = LoadTimezone(s)
	case FieldIgnoreReadOnly:
		_, err = ParseBool(s)
	case FieldBaseURL:
		_, err = ParseBaseURL(s)
	case FieldConcurrency:
		_, err = ParseConcurrency(s)
	case FieldAuth:
		_, err = ParseAuth(s)
	case FieldClientID, FieldCertificateID:
		err = checkCredential(f, s)
	case FieldPrivateKeyFile:
		_, err = ReadPrivateKey(s, nil)
	case FieldCertificateFile:
		_, err = ReadCertificate(s, nil, time.Now(), nil)
	case FieldScopes:
		_, err = ParseScopes(s)
	default:
		err = fmt.Errorf("unknown field %d", int(f))
	}
	return err
}

func parseAccount(s string) (tba.Account, error) {
	a, err := tba.ParseAccountID(s)
	if err != nil {
		// The field name replaces the package prefix; the cause stays reachable.
		return a, &messageError{msg: strings.TrimPrefix(err.Error(), "tba: "), err: err}
	}
	return a, nil
}

// messageError rewords an error and keeps it as the cause.
type messageError struct {
	msg string
	err error
}

func (e *messageError) Error() string { return e.msg }
func (e *messageError) Unwrap() error { return e.err }

// TrimCredential removes the whitespace around a pasted credential.
func TrimCredential(s string) string { return strings.TrimSpace(s) }

// checkCredential checks a credential that has been trimmed: one unbroken
// string of printable characters. The message names what is wrong and where,
// never the value.
func checkCredential(f Field, s string) error {
	for i, r := range []rune(s) {
		switch {
		case unicode.IsSpace(r):
			return fmt.Errorf("the %s has %s at character %d; copy it again as one unbroken string (a paste can bring a line break or a space with it)", f.Label(), spaceName(r), i+1)
		case !unicode.IsPrint(r):
			return fmt.Errorf("the %s has a control character at character %d; copy it again from NetSuite", f.Label(), i+1)
		}
	}
	return nil
}

// spaceName names a white space character for a message.
func spaceName(r rune) string {
	switch r {
	case ' ':
		return "a space"
	case '\n', '\r':
		return "a line break"
	case '\t':
		return "a tab"
	case '\u00a0':
		return "a non-breaking space"
	}
	return fmt.Sprintf("a space character (U+%04X)", r)
}

// CheckCredentialFormat reports whether s, a trimmed value of credential f,
// has the form NetSuite issues: tba.CredentialLength hexadecimal digits (an
// assumption: Oracle documents no format, see tba.CredentialLength). The
// message names the field, what is wrong and where NetSuite shows the value,
// never the value. An emulator's account file may hold credentials of any
// form: check this only for an account reached at NetSuite's own host.
func CheckCredentialFormat(f Field, s string) error {
	if err := checkCredential(f, s); err != nil {
		return err
	}
	p := tba.CheckCredentialFormat(s)
	if p == nil {
		return nil
	}
	where := whereToken
	if f == FieldConsumerKey || f == FieldConsumerSecret {
		where = whereConsumer
	}
	form := fmt.Sprintf("NetSuite's are %d characters, 0-9 and a-f", tba.CredentialLength)
	if p.At > 0 {
		return fmt.Errorf("the %s has a character that is not a hexadecimal digit at character %d; %s: copy it again (%s)", f.Label(), p.At, form, where)
	}
	short := ""
	if len(s) < tba.CredentialLength {
		short = ", or it was cut: a paste broken over two lines gives a short value"
	}
	return fmt.Errorf("the %s is %d characters long; %s: copy all of it again%s (%s)", f.Label(), len(s), form, short, where)
}

// ParseBool reads a yes/no value: yes, no, y, n, true, false, 1, 0, on or
// off, in any case.
func ParseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1", "yes", "y", "on":
		return true, nil
	case "false", "0", "no", "n", "off":
		return false, nil
	}
	return false, fmt.Errorf("%q is not a yes/no value; use yes or no (also accepted: y/n, true/false, 1/0, on/off)", s)
}

// ParseConcurrency reads a concurrency limit: a whole number from 1 to
// MaxConcurrency.
func ParseConcurrency(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("%q is not a whole number; use the account's concurrency limit, 1 to %d (%s)", s, MaxConcurrency, whereConcurrency)
	}
	if n < 1 || n > MaxConcurrency {
		return 0, fmt.Errorf("%d is out of range; use the account's concurrency limit, 1 to %d (%s)", n, MaxConcurrency, whereConcurrency)
	}
	return n, nil
}

// ParseBaseURL reads a base URL that overrides the account's REST host: an
// absolute http or https URL with a host, an optional path, and no user
// information, query or fragment. A trailing slash is removed.
func ParseBaseURL(s string) (*url.URL, error) {
	const example = "such as http://127.0.0.1:8080 for the emulator"
	shown := redactURL(s) // never repeat a password
	if !strings.Contains(s, "://") {
		return nil, fmt.Errorf("%q is not an absolute http or https URL; use one %s", shown, example)
	}
	u, err := url.Parse(s)
	if err != nil {
		// url.Parse's error repeats the URL, which may hold a password.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("not a valid URL (%v); use an absolute http or https URL, %s", err, example)
	}
	switch {
	case u.User != nil:
		u.User = nil
		return nil, fmt.Errorf("%q has a user name or password in it; remove it (nsconnect signs requests with the TBA credentials)", u.String())
	case (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "":
		return nil, fmt.Errorf("%q is not an absolute http or https URL; use one %s", shown, example)
	case u.RawQuery != "" || u.ForceQuery:
		return nil, fmt.Errorf("%q has a query; remove it: the base URL is a scheme, a host and an optional path", shown)
	case u.Fragment != "" || strings.Contains(s, "#"):
		return nil, fmt.Errorf("%q has a fragment; remove it: the base URL is a scheme, a host and an optional path", shown)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = strings.TrimRight(u.RawPath, "/")
	if strings.HasSuffix(u.Path, "/services/rest") {
		return nil, fmt.Errorf("%q ends in /services/rest; leave that out: the base URL is what comes before it, %s", shown, example)
	}
	return u, nil
}

// zoneSuggestions maps abbreviations and legacy zone names, in upper case, to
// the IANA region name people usually mean by them.
var zoneSuggestions = map[string]string{
	"PST": "America/Los_Angeles", "PDT": "America/Los_Angeles", "PST8PDT": "America/Los_Angeles",
	"EST": "America/New_York", "EDT": "America/New_York", "EST5EDT": "America/New_York",
	"CST": "America/Chicago", "CDT": "America/Chicago", "CST6CDT": "America/Chicago",
	"MST": "America/Denver", "MDT": "America/Denver", "MST7MDT": "America/Denver",
	"HST": "Pacific/Honolulu",
	"CET": "Europe/Paris", "CEST": "Europe/Paris", "MET": "Europe/Paris",
	"EET": "Europe/Athens", "EEST": "Europe/Athens",
	"WET": "Europe/Lisbon", "WEST": "Europe/Lisbon",
	"GMT": "Europe/London", "BST": "Europe/London",
	"IST":  "Asia/Kolkata",
	"AEST": "Australia/Sydney", "AEDT": "Australia/Sydney",
	"JST": "Asia/Tokyo",
}

// legacyZones are the names in the tz database, in upper case, that have no
// region: fixed offsets, old US and European rule sets, and the placeholder
// "Factory". They load, but are not what a NetSuite account is set to.
var legacyZones = map[string]bool{
	"EST": true, "MST": true, "HST": true,
	"EST5EDT": true, "CST6CDT": true, "MST7MDT": true, "PST8PDT": true,
	"CET": true, "MET": true, "EET": true, "WET": true,
	"GMT": true, "GMT0": true, "GMT+0": true, "GMT-0": true, "GREENWICH": true,
	"ETC/GMT": true, "ETC/GMT0": true, "ETC/GMT+0": true, "ETC/GMT-0": true, "ETC/GREENWICH": true,
	"FACTORY": true,
}

// defaultZoneExample is the example given when there is no better suggestion.
const defaultZoneExample = "America/Los_Angeles"

// LoadTimezone loads the account's time zone, given as NetSuite shows it at
// Setup > Company > Company Information ("(GMT-08:00) Pacific Time (US &
// Canada)", or without the offset) or as an IANA name such as
// America/Los_Angeles or UTC. It refuses "Local" (this machine's zone, not the
// account's) and the legacy zones with no region (EST, PST8PDT, CET, ...)
// that NetSuite does not offer, and suggests what was probably meant: PST
// gives America/Los_Angeles, "Pacific" the label of Pacific Time.
func LoadTimezone(name string) (*time.Location, error) {
	if t := strings.TrimSpace(name); t != name && t != "" {
		if _, err := LoadTimezone(t); err == nil {
			return nil, fmt.Errorf("%q has spaces around it; use %s", name, t)
		}
	}
	if name == "" {
		return nil, fmt.Errorf("the time zone is empty; %s", whereTimezone)
	}
	if z, ok := netsuiteZoneFor(name); ok {
		return time.LoadLocation(z.olson)
	}
	if strings.EqualFold(name, "Local") {
		return nil, fmt.Errorf("%q is this computer's time zone, not the NetSuite account's; use the IANA name of the account's time zone, such as %s", name, defaultZoneExample)
	}
	if legacyZones[strings.ToUpper(name)] || isEtcOffset(name) {
		region := zoneSuggestions[strings.ToUpper(name)]
		if region == "" {
			region = defaultZoneExample
		}
		return nil, fmt.Errorf("%q is a legacy time zone with no region, which does not follow the account's daylight saving rules; use an IANA name such as %s", name, region)
	}
	loc, err := time.LoadLocation(name)
	if err == nil {
		return loc, nil
	}
	if s := zoneSuggestion(name); s != "" {
		return nil, fmt.Errorf("unknown time zone %q; did you mean %s?", name, s)
	}
	return nil, fmt.Errorf("unknown time zone %q; %s", name, whereTimezone)
}

// zoneSuggestion returns what name, a time zone that does not load, probably
// meant, or "": the region of an abbreviation (PST), the name with the usual
// capitals (america/new_york), the nearest Olson name of NetSuite's list by
// spelling (America/Los_Angelos), or the NetSuite labels that share its
// place names ("Pacific", a label worded differently).
func zoneSuggestion(name string) string {
	if s := zoneSuggestions[strings.ToUpper(name)]; s != "" {
		return s
	}
	if fixed := fixZoneCase(name); fixed != name && fixed != "" {
		if _, err := LoadTimezone(fixed); err == nil {
			return fixed
		}
	}
	if strings.Contains(name, "/") {
		olson := make([]string, len(netsuiteZones))
		for i, z := range netsuiteZones {
			olson[i] = z.olson
		}
		if s := suggest.Closest(name, olson); s != "" {
			return s
		}
	}
	zs := labelSuggestions(name)
	names := make([]string, len(zs))
	for i, z := range zs {
		names[i] = z.describe()
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// isEtcOffset reports whether name is a fixed-offset zone such as Etc/GMT+8
// (which, confusingly, is UTC-8).
func isEtcOffset(name string) bool {
	if len(name) < len("Etc/GMT+1") || !strings.EqualFold(name[:len("Etc/GMT")], "Etc/GMT") {
		return false
	}
	rest := name[len("Etc/GMT"):]
	return rest[0] == '+' || rest[0] == '-'
}

// fixZoneCase returns name with the usual capitals of IANA names: the first
// letter of each word upper case, the rest lower case (america/new_york ->
// America/New_York), or UTC for any case of "utc".
func fixZoneCase(name string) string {
	switch {
	case strings.EqualFold(name, "UTC"):
		return "UTC"
	case strings.EqualFold(name, "Etc/UTC"):
		return "Etc/UTC"
	}
	if len(name) > 64 {
		return ""
	}
	b := []rune(strings.ToLower(name))
	up := true
	for i, r := range b {
		if up {
			b[i] = unicode.ToUpper(r)
		}
		up = r == '/' || r == '_' || r == '-'
	}
	return string(b)
}
