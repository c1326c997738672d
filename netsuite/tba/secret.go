package tba

import (
	"encoding/json"
	"fmt"
	"log/slog"
)

// redacted is what every output path shows in place of a secret.
const redacted = "[REDACTED]"

// A Secret is a credential that must never be shown: a consumer secret or a
// token secret. Every way Go prints or encodes a value (fmt verbs, slog, JSON,
// text encoders) yields [REDACTED]; Reveal returns the value itself, for the few
// places that need it (signing, and writing a profile file the user asked for).
type Secret string

// Reveal returns the secret's value.
func (s Secret) Reveal() string { return string(s) }

// IsZero reports whether the secret is empty.
func (s Secret) IsZero() bool { return s == "" }

// String returns [REDACTED], or the empty string for an empty secret so that a
// missing secret is visible as missing.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return redacted
}

// GoString redacts the secret under %#v.
func (s Secret) GoString() string { return fmt.Sprintf("tba.Secret(%q)", s.String()) }

// Format redacts the secret under every fmt verb.
func (s Secret) Format(f fmt.State, verb rune) {
	switch verb {
	case 'v':
		if f.Flag('#') {
			fmt.Fprint(f, s.GoString())
			return
		}
	case 'q':
		fmt.Fprintf(f, "%q", s.String())
		return
	}
	fmt.Fprint(f, s.String())
}

// LogValue redacts the secret in log/slog output.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalText redacts the secret in encoders that use encoding.TextMarshaler
// (encoding/json, YAML). Code that must store a secret converts it with Reveal.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Credentials are the four TBA values of a connection: the consumer key and
// secret of the integration record, and the token ID and secret of the access
// token
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534941088.html).
type Credentials struct {
	ConsumerKey    string
	ConsumerSecret Secret
	TokenID        string
	TokenSecret    Secret
}

// String describes c with the consumer key and token ID masked (Mask) and
// the secrets redacted.
func (c Credentials) String() string {
	return fmt.Sprintf("{ConsumerKey:%s ConsumerSecret:%s TokenID:%s TokenSecret:%s}",
		Mask(c.ConsumerKey), c.ConsumerSecret, Mask(c.TokenID), c.TokenSecret)
}

// Format prints c as String does under every verb.
func (c Credentials) Format(f fmt.State, verb rune) { fmt.Fprint(f, c.String()) }

// LogValue logs c with the identifiers masked and the secrets redacted.
func (c Credentials) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("consumerKey", Mask(c.ConsumerKey)), slog.Any("consumerSecret", c.ConsumerSecret),
		slog.String("tokenId", Mask(c.TokenID)), slog.Any("tokenSecret", c.TokenSecret))
}

// MarshalJSON encodes c with the identifiers masked and the secrets redacted.
func (c Credentials) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]string{
		"consumerKey": Mask(c.ConsumerKey), "consumerSecret": c.ConsumerSecret.String(),
		"tokenId": Mask(c.TokenID), "tokenSecret": c.TokenSecret.String(),
	})
}

// Validate reports the first missing credential, naming it.
func (c Credentials) Validate() error {
	switch {
	case c.ConsumerKey == "":
		return fmt.Errorf("tba: consumer key is empty")
	case c.ConsumerSecret == "":
		return fmt.Errorf("tba: consumer secret is empty")
	case c.TokenID == "":
		return fmt.Errorf("tba: token ID is empty")
	case c.TokenSecret == "":
		return fmt.Errorf("tba: token secret is empty")
	}
	return nil
}
