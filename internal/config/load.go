package config

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"strings"

	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// Flags are the values of the command-line flags that configure the
// connection. An empty string means the flag was not given. There are no
// flags for the credentials: they come from the environment, the profile file
// or the interactive prompt.
type Flags struct {
	Profile        string
	AccountID      string
	Timezone       string
	IgnoreReadOnly string
	BaseURL        string
	Concurrency    string

	Auth            string
	ClientID        string
	CertificateID   string
	PrivateKeyFile  string
	CertificateFile string
	Scopes          string
}

func (fl Flags) get(f Field) string {
	switch f {
	case FieldAuth:
		return fl.Auth
	case FieldClientID:
		return fl.ClientID
	case FieldCertificateID:
		return fl.CertificateID
	case FieldPrivateKeyFile:
		return fl.PrivateKeyFile
	case FieldCertificateFile:
		return fl.CertificateFile
	case FieldScopes:
		return fl.Scopes
	case FieldAccountID:
		return fl.AccountID
	case FieldTimezone:
		return fl.Timezone
	case FieldIgnoreReadOnly:
		return fl.IgnoreReadOnly
	case FieldBaseURL:
		return fl.BaseURL
	case FieldConcurrency:
		return fl.Concurrency
	}
	return ""
}

// Options are the inputs of Resolve and Load. The caller supplies the sources;
// this package reads no environment variable and no file it is not given.
type Options struct {
	// Flags are the values of the command-line flags; the highest source.
	Flags Flags
	// LookupEnv looks up an environment variable, like os.LookupEnv; nil
	// means an empty environment. An empty variable counts as not set.
	LookupEnv func(string) (string, bool)
	// File is the path of the profile file, the lowest source; "" means none.
	// A file that does not exist is not an error.
	File string
	// Warn, if not nil, receives warnings, such as a profile file that other
	// users can read.
	Warn func(string)
	// AllowMissingProfile accepts a named profile that is not in the file
	// (for creating it) instead of failing.
	AllowMissingProfile bool
}

// ErrProfileNotFound is matched (errors.Is) by the error for a named profile
// that is not in the profile file.
var ErrProfileNotFound = errors.New("profile not found")

// Settings are the values of a connection as the user set them, each with
// its source, before validation. Every way of printing or encoding Settings
// redacts the secrets.
type Settings struct {
	// Profile is the name of the profile in use, and ProfileSource where that
	// name came from (--profile, NETSUITE_PROFILE, default_profile in the
	// file, or the default "default").
	Profile       string
	ProfileSource Source
	// File is the path of the profile file; FileFound reports whether it
	// exists, and ProfileFound whether it holds Profile.
	File         string
	FileFound    bool
	ProfileFound bool
	// Profiles are the names of the profiles in the file, sorted.
	Profiles []string

	values [numFields]Value
}

// Resolve gathers the value of each field from its sources, highest first:
// flags, environment, profile file. It does not validate the values (see
// Settings.Connection), but fails if the profile file cannot be read or
// parsed, or if a profile named by --profile, NETSUITE_PROFILE or
// default_profile is not in it.
//
// Credentials are trimmed of surrounding whitespace. A value that is empty
// (after trimming) counts as not set, and the next source is used.
func Resolve(opts Options) (*Settings, error) {
	env := func(name string) string {
		if opts.LookupEnv == nil {
			return ""
		}
		v, _ := opts.LookupEnv(name)
		return v
	}
	s := &Settings{File: opts.File}
	var file *File
	if opts.File != "" {
		f, err := ReadFile(opts.File, opts.Warn)
		switch {
		case err == nil:
			file, s.FileFound, s.Profiles = f, true, f.Names()
		case !errors.Is(err, fs.ErrNotExist):
			return nil, err
		}
	}

	switch {
	case opts.Flags.Profile != "":
		s.Profile, s.ProfileSource = opts.Flags.Profile, Source{Kind: SourceFlag, Name: "--profile"}
	case env(EnvProfile) != "":
		s.Profile, s.ProfileSource = env(EnvProfile), envSource(EnvProfile)
	case file != nil && file.DefaultProfile != "":
		s.Profile, s.ProfileSource = file.DefaultProfile, Source{Kind: SourceProfile, Name: "default_profile", File: opts.File}
	default:
		s.Profile, s.ProfileSource = DefaultProfile, Source{Kind: SourceDefault}
	}
	if err := CheckProfileName(s.Profile); err != nil {
		return nil, fmt.Errorf("%s: %w", s.ProfileSource, err)
	}
	var prof Profile
	if file != nil {
		prof, s.ProfileFound = file.Profiles[s.Profile]
	}
	if !s.ProfileFound && s.ProfileSource.Kind != SourceDefault && !opts.AllowMissingProfile {
		return nil, s.profileNotFound()
	}

	s.fill(opts.Flags, env, prof)
	return s, nil
}

// fill sets each value from its highest source: flags, env, then prof if
// the profile was found, then the default.
func (s *Settings) fill(flags Flags, env func(string) string, prof Profile) {
	for f := range numFields {
		v := Value{Field: f}
		pick := func(raw string, src Source) bool {
			if f.IsCredential() {
				raw = TrimCredential(raw)
			}
			if raw == "" {
				return false
			}
			v.raw, v.Source = raw, src
			return true
		}
		switch {
		case f.Flag() != "" && pick(flags.get(f), flagSource(f)):
		case pick(env(f.Env()), envSource(f.Env())):
		case s.ProfileFound && pick(prof.Get(f), Source{Kind: SourceProfile, Name: f.Key(), Profile: s.Profile, File: s.File}):
		case f == FieldIgnoreReadOnly:
			v.raw, v.Source = "false", Source{Kind: SourceDefault}
		case f == FieldConcurrency:
			v.raw, v.Source = fmt.Sprint(DefaultConcurrency), Source{Kind: SourceDefault}
		case f == FieldAuth:
			v.raw, v.Source = AuthTBA, Source{Kind: SourceDefault}
		}
		s.values[f] = v
	}
}

// ResolveProfile returns the settings of profile p, not yet in the profile
// file at path, under flags and no environment: what Resolve would give once
// p is saved there as name and only flags are set. Nothing is read.
func ResolveProfile(path, name string, p Profile, flags Flags) *Settings {
	s := &Settings{Profile: name, ProfileSource: Source{Kind: SourceFlag, Name: "--profile"}, File: path, ProfileFound: true}
	s.fill(flags, func(string) string { return "" }, p)
	return s
}

// AtNetSuite reports whether the settings reach NetSuite's own host: no base
// URL other than the account's default, or one under netsuite.com (not the
// emulator or a proxy).
func (s *Settings) AtNetSuite() bool {
	u, err := ParseBaseURL(s.Value(FieldBaseURL).Reveal())
	return err != nil || IsNetSuiteURL(u)
}

// IsNetSuiteURL reports whether u is a host of NetSuite's, under
// netsuite.com.
func IsNetSuiteURL(u *url.URL) bool {
	return strings.HasSuffix(strings.ToLower(u.Hostname()), ".netsuite.com")
}

// CheckCredentialFormats checks the form of the credentials that are set
// (CheckCredentialFormat) when the settings reach NetSuite's own host
// (AtNetSuite): an emulator's credentials may have any form. It reports every
// problem, one *FieldError each, joined, naming where the value was set; a
// value with a space or control character is left to Connection, which
// reports it.
func (s *Settings) CheckCredentialFormats() error {
	if !s.AtNetSuite() || s.Auth() == AuthM2M {
		return nil
	}
	var errs []error
	for _, f := range []Field{FieldConsumerKey, FieldConsumerSecret, FieldTokenID, FieldTokenSecret} {
		if v := s.values[f]; v.IsSet() && checkCredential(f, v.raw) == nil { // Connection reports the others
			if err := CheckCredentialFormat(f, v.raw); err != nil {
				errs = append(errs, &FieldError{Field: f, Source: v.Source, Err: err})
			}
		}
	}
	return errors.Join(errs...)
}

func (s *Settings) profileNotFound() error {
	create := fmt.Sprintf("create it with 'nsconnect config init --profile %s'", s.Profile)
	var msg string
	switch {
	case s.File == "":
		msg = fmt.Sprintf("profile %q not found: there is no profile file", s.Profile)
	case !s.FileFound:
		msg = fmt.Sprintf("profile %q not found: there is no config file at %s; %s", s.Profile, s.File, create)
	case len(s.Profiles) == 0:
		msg = fmt.Sprintf("profile %q is not in %s, which has no profiles; %s", s.Profile, s.File, create)
	default:
		msg = fmt.Sprintf("profile %q is not in %s, which has the profiles %s; use one of them, or %s", s.Profile, s.File, strings.Join(s.Profiles, ", "), create)
	}
	return &messageError{msg: s.ProfileSource.String() + ": " + msg, err: ErrProfileNotFound}
}

// Load resolves the settings from opts and validates them: Resolve, then
// Settings.Connection.
func Load(opts Options) (*Connection, error) {
	s, err := Resolve(opts)
	if err != nil {
		return nil, err
	}
	return s.Connection()
}

// Value returns the value of field f. An unset base URL has the default
// derived from a valid account ID, with SourceDefault.
func (s Settings) Value(f Field) Value {
	if !f.valid() {
		return Value{Field: f}
	}
	v := s.values[f]
	if f == FieldBaseURL && !v.IsSet() {
		if a, err := tba.ParseAccountID(s.values[FieldAccountID].raw); err == nil {
			return Value{Field: f, Source: Source{Kind: SourceDefault}, raw: defaultBaseURL(a)}
		}
	}
	return v
}

// Auth returns the authentication method the settings use: AuthTBA or
// AuthM2M, or "" when FieldAuth is not valid.
func (s Settings) Auth() string {
	a, err := ParseAuth(s.values[FieldAuth].raw)
	if err != nil {
		return ""
	}
	return a
}

// Set replaces the value of v.Field, as the interactive prompt does.
// Credentials are trimmed; an empty value unsets the field.
func (s *Settings) Set(v Value) {
	if !v.Field.valid() {
		return
	}
	if v.Field.IsCredential() {
		v.raw = TrimCredential(v.raw)
	}
	if v.raw == "" {
		v.Source = Source{}
	}
	s.values[v.Field] = v
}

// Connection validates the settings and returns the connection. It reports
// every problem, not only the first: the error joins (errors.Join) one
// *FieldError per bad or missing field, each naming the field as the user
// set it and the fix.
func (s *Settings) Connection() (*Connection, error) {
	c := &Connection{}
	var errs []error
	bad := func(f Field, err error) {
		errs = append(errs, &FieldError{Field: f, Source: s.values[f].Source, Err: err})
	}
	required := func(f Field) (string, bool) {
		v := s.values[f]
		if !v.IsSet() {
			errs = append(errs, missingError(f))
			return "", false
		}
		return v.raw, true
	}

	accountOK := false
	if raw, ok := required(FieldAccountID); ok {
		if a, err := parseAccount(raw); err != nil {
			bad(FieldAccountID, err)
		} else {
			c.Account, accountOK = a, true
		}
	}
	c.Auth = AuthTBA
	if v := s.values[FieldAuth]; v.IsSet() {
		if a, err := ParseAuth(v.raw); err != nil {
			bad(FieldAuth, err)
			c.Auth = ""
		} else {
			c.Auth = a
		}
	}
	switch c.Auth {
	case AuthTBA:
		c.Credentials = s.tbaCredentials(bad, required)
	case AuthM2M:
		s.m2mSettings(c, bad, required)
	}
	if raw, ok := required(FieldTimezone); ok {
		if loc, err := LoadTimezone(raw); err != nil {
			bad(FieldTimezone, err)
		} else {
			c.Timezone = loc
		}
	}
	if v := s.values[FieldIgnoreReadOnly]; v.IsSet() {
		if b, err := ParseBool(v.raw); err != nil {
			bad(FieldIgnoreReadOnly, err)
		} else {
			c.IgnoreReadOnly = b
		}
	}
	if v := s.values[FieldBaseURL]; v.IsSet() {
		if u, err := ParseBaseURL(v.raw); err != nil {
			bad(FieldBaseURL, err)
		} else {
			c.BaseURL = u
		}
	} else if accountOK {
		c.BaseURL, _ = ParseBaseURL(defaultBaseURL(c.Account))
	}
	c.Concurrency = DefaultConcurrency
	if v := s.values[FieldConcurrency]; v.IsSet() {
		if n, err := ParseConcurrency(v.raw); err != nil {
			bad(FieldConcurrency, err)
		} else {
			c.Concurrency = n
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return c, nil
}

// tbaCredentials validates the four TBA credentials.
func (s *Settings) tbaCredentials(bad func(Field, error), required func(Field) (string, bool)) tba.Credentials {
	creds := [4]string{}
	for i, f := range []Field{FieldConsumerKey, FieldConsumerSecret, FieldTokenID, FieldTokenSecret} {
		if raw, ok := required(f); ok {
			if err := checkCredential(f, raw); err != nil {
				bad(f, err)
			} else {
				creds[i] = raw
			}
		}
	}
	return tba.Credentials{
		ConsumerKey:    creds[0],
		ConsumerSecret: tba.Secret(creds[1]),
		TokenID:        creds[2],
		TokenSecret:    tba.Secret(creds[3]),
	}
}

func defaultBaseURL(a tba.Account) string { return "https://" + a.RESTHost() }

func (s Settings) safe() safeFields {
	fs := make(safeFields, 0, numFields+1)
	fs = append(fs, safeField{key: "profile", goName: "Profile", value: s.Profile, quote: true})
	for f := range numFields {
		fs = append(fs, safeField{key: f.Key(), goName: goNames[f], value: s.Value(f).Display(), quote: true})
	}
	return fs
}

// String returns the settings as key=value pairs, redacted.
func (s Settings) String() string { return s.safe().String() }

// GoString returns a Go-syntax form of s, redacted.
func (s Settings) GoString() string { return s.safe().goString("config.Settings") }

// Format prints s redacted under every verb.
func (s Settings) Format(f fmt.State, verb rune) { s.safe().format(f, verb, "config.Settings") }

// LogValue redacts s in log/slog output.
func (s Settings) LogValue() slog.Value { return s.safe().logValue() }

// MarshalJSON encodes s as a JSON object, redacted.
func (s Settings) MarshalJSON() ([]byte, error) { return s.safe().marshalJSON() }
