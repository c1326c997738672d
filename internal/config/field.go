package config

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
)

// A Field is one setting of a connection: the seven fields of NetSuite's
// connection form, the base URL and the concurrency limit, and the
// authentication method with the settings of OAuth 2.0 machine to machine
// (M2M).
type Field int

// The fields of a connection, in the order they are prompted for and shown.
const (
	FieldAccountID Field = iota
	FieldConsumerKey
	FieldConsumerSecret
	FieldTokenID
	FieldTokenSecret
	FieldTimezone
	FieldIgnoreReadOnly
	FieldBaseURL
	FieldConcurrency
	FieldAuth
	FieldClientID
	FieldCertificateID
	FieldPrivateKeyFile
	FieldCertificateFile
	FieldScopes

	numFields
)

// Names of the environment variables that are not a field.
const (
	// EnvProfile names the profile to use when --profile is not given.
	EnvProfile = "NETSUITE_PROFILE"
	// EnvConfig is the path of the profile file, overriding the default.
	EnvConfig = "NSCONNECT_CONFIG"
)

const (
	// DefaultProfile is the profile used when none is named anywhere.
	DefaultProfile = "default"
	// DefaultConcurrency is NetSuite's lowest account concurrency limit
	// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/bridgehead_156224824287.html),
	// used when none is set.
	DefaultConcurrency = 5
	// MaxConcurrency is the largest concurrency limit accepted.
	MaxConcurrency = 1000
)

var fieldInfo = [numFields]struct {
	key, env, flag, label string
}{
	FieldAccountID:       {"account_id", "NETSUITE_ACCOUNT_ID", "account-id", "account ID"},
	FieldConsumerKey:     {"consumer_key", "NETSUITE_CONSUMER_KEY", "", "consumer key"},
	FieldConsumerSecret:  {"consumer_secret", "NETSUITE_CONSUMER_SECRET", "", "consumer secret"},
	FieldTokenID:         {"token_id", "NETSUITE_TOKEN_ID", "", "token ID"},
	FieldTokenSecret:     {"token_secret", "NETSUITE_TOKEN_SECRET", "", "token secret"},
	FieldTimezone:        {"timezone", "NETSUITE_TIMEZONE", "timezone", "account timezone"},
	FieldIgnoreReadOnly:  {"ignore_readonly", "NETSUITE_IGNORE_READONLY", "ignore-readonly", "ignore read-only fields"},
	FieldBaseURL:         {"base_url", "NETSUITE_BASE_URL", "base-url", "base URL"},
	FieldConcurrency:     {"concurrency", "NETSUITE_CONCURRENCY", "concurrency", "concurrency limit"},
	FieldAuth:            {"auth", "NETSUITE_AUTH", "auth", "authentication method"},
	FieldClientID:        {"client_id", "NETSUITE_CLIENT_ID", "client-id", "client ID"},
	FieldCertificateID:   {"certificate_id", "NETSUITE_CERTIFICATE_ID", "certificate-id", "certificate ID"},
	FieldPrivateKeyFile:  {"private_key_file", "NETSUITE_PRIVATE_KEY_FILE", "private-key-file", "private key file"},
	FieldCertificateFile: {"certificate_file", "NETSUITE_CERTIFICATE_FILE", "certificate-file", "certificate file"},
	FieldScopes:          {"scopes", "NETSUITE_SCOPES", "scopes", "OAuth 2.0 scopes"},
}

// The authentication methods (FieldAuth).
const (
	// AuthTBA is Token-Based Authentication: the consumer key and secret
	// and the token ID and secret. The default.
	AuthTBA = "tba"
	// AuthM2M is OAuth 2.0 machine to machine: the client ID, the
	// certificate ID and the certificate's private key.
	AuthM2M = "m2m"
)

// IsM2M reports whether the field is one of OAuth 2.0 machine to machine,
// which only auth m2m uses.
func (f Field) IsM2M() bool { return f >= FieldClientID && f <= FieldScopes }

// FieldsFor returns the fields a connection with authentication method
// auth uses, in order: without the TBA credentials for m2m, without the
// M2M fields for tba. Any other auth gives every field.
func FieldsFor(auth string) []Field {
	var fs []Field
	for _, f := range Fields() {
		if auth == AuthM2M && f.IsCredential() || auth == AuthTBA && f.IsM2M() {
			continue
		}
		fs = append(fs, f)
	}
	return fs
}

// Fields returns every field, in order.
func Fields() []Field {
	fs := make([]Field, numFields)
	for i := range fs {
		fs[i] = Field(i)
	}
	return fs
}

func (f Field) valid() bool { return f >= 0 && f < numFields }

// Key returns the field's key in the profile file, such as "timezone".
func (f Field) Key() string {
	if !f.valid() {
		return fmt.Sprintf("Field(%d)", int(f))
	}
	return fieldInfo[f].key
}

// Env returns the field's environment variable, such as "NETSUITE_TIMEZONE".
func (f Field) Env() string {
	if !f.valid() {
		return ""
	}
	return fieldInfo[f].env
}

// Flag returns the name of the field's command-line flag without dashes, such
// as "timezone", or "" for the credentials, which never come from flags.
func (f Field) Flag() string {
	if !f.valid() {
		return ""
	}
	return fieldInfo[f].flag
}

// Label returns the field's name for people, such as "account timezone".
func (f Field) Label() string {
	if !f.valid() {
		return f.Key()
	}
	return fieldInfo[f].label
}

// String returns the field's key in the profile file.
func (f Field) String() string { return f.Key() }

// IsSecret reports whether the field is a secret (consumer secret, token
// secret), which is always shown as [REDACTED].
func (f Field) IsSecret() bool { return f == FieldConsumerSecret || f == FieldTokenSecret }

// IsMasked reports whether the field is shown masked (consumer key, token ID):
// only its first and last four characters.
func (f Field) IsMasked() bool { return f == FieldConsumerKey || f == FieldTokenID }

// IsCredential reports whether the field is one of the four TBA credentials.
// Credentials come from the environment or the profile file, never from flags.
func (f Field) IsCredential() bool { return f.IsSecret() || f.IsMasked() }

// display returns the form of value v of field f that may be shown.
func (f Field) display(v string) string {
	switch {
	case f.IsSecret():
		return redact(v)
	case f.IsMasked():
		return Mask(v)
	case f == FieldBaseURL:
		return redactURL(v)
	}
	return v
}

// redactURL hides a password in a URL: a base URL should have none, but one
// pasted with a password must not be shown.
func redactURL(s string) string {
	at := strings.LastIndex(s, "@")
	if at < 0 {
		return s
	}
	if u, err := url.Parse(s); err == nil && u.Opaque == "" {
		if u.User == nil {
			return s // an @ in the path
		}
		u.User = url.User("REDACTED")
		return u.String()
	}
	start := 0
	if i := strings.Index(s, "://"); i >= 0 && i < at {
		start = i + len("://")
	}
	return s[:start] + Redacted + s[at:]
}

// A SourceKind says where a value came from.
type SourceKind int

// The kinds of source, from "not set" to the interactive prompt.
const (
	SourceUnset SourceKind = iota
	SourceDefault
	SourceFlag
	SourceEnv
	SourceProfile
	SourcePrompt
)

// String returns "not set", "default", "flag", "env", "profile" or "prompt".
func (k SourceKind) String() string {
	switch k {
	case SourceDefault:
		return "default"
	case SourceFlag:
		return "flag"
	case SourceEnv:
		return "env"
	case SourceProfile:
		return "profile"
	case SourcePrompt:
		return "prompt"
	}
	return "not set"
}

// A Source is where a value came from, precise enough to name the place the
// user set it.
type Source struct {
	Kind SourceKind
	// Name is the flag (--timezone), the environment variable
	// (NETSUITE_TIMEZONE) or the key in the profile file (timezone).
	Name string
	// Profile and File are set for SourceProfile: the profile's name and the
	// path of the profile file. A key outside any profile has no Profile.
	Profile, File string
}

// String names the source the way the user set the value: "--timezone",
// "NETSUITE_TIMEZONE", `profile "sandbox" (FILE): timezone`, "default" or
// "prompt".
func (s Source) String() string {
	switch s.Kind {
	case SourceFlag, SourceEnv:
		return s.Name
	case SourceProfile:
		if s.Profile == "" {
			return s.File + ": " + s.Name
		}
		return fmt.Sprintf("profile %q (%s): %s", s.Profile, s.File, s.Name)
	}
	return s.Kind.String()
}

func flagSource(f Field) Source { return Source{Kind: SourceFlag, Name: "--" + f.Flag()} }
func envSource(name string) Source {
	return Source{Kind: SourceEnv, Name: name}
}

// A Value is the value of a field as the user set it, with its source. Every
// way of printing or encoding a Value shows it redacted or masked as its field
// requires; Reveal returns the value itself.
type Value struct {
	Field  Field
	Source Source
	raw    string
}

// NewValue returns the value s of field f from source src.
func NewValue(f Field, s string, src Source) Value {
	return Value{Field: f, Source: src, raw: s}
}

// IsSet reports whether the value was set anywhere (a default counts).
func (v Value) IsSet() bool { return v.Source.Kind != SourceUnset }

// Reveal returns the value as set, secrets included.
func (v Value) Reveal() string { return v.raw }

// Display returns the value as it may be shown: [REDACTED] for a secret, the
// masked form for the consumer key and token ID, the value itself otherwise.
func (v Value) Display() string { return v.Field.display(v.raw) }

// String returns Display.
func (v Value) String() string { return v.Display() }

// GoString returns a Go-syntax form of v, redacted.
func (v Value) GoString() string {
	return fmt.Sprintf("config.Value{Field:%q, Source:%q, Value:%q}", v.Field.Key(), v.Source.String(), v.Display())
}

// Format prints v redacted under every verb.
func (v Value) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		fmt.Fprint(f, v.GoString())
		return
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), v.Display())
}

// LogValue redacts v in log/slog output.
func (v Value) LogValue() slog.Value { return slog.StringValue(v.Display()) }

// MarshalJSON encodes Display as a JSON string.
func (v Value) MarshalJSON() ([]byte, error) { return json.Marshal(v.Display()) }
