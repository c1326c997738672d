package config

import (
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"

	// The embedded tz database, so that account time zones load on machines
	// without one (Windows, scratch containers).
	_ "time/tzdata"

	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// A Connection is a validated NetSuite connection: what the client needs to
// reach and sign in to an account. Build one with Load or
// Settings.Connection.
//
// Every way of printing or encoding a Connection (String, every fmt verb
// including %#v, log/slog, JSON) shows the consumer secret and token secret as
// [REDACTED] and the consumer key and token ID masked (ef40…67e4). Only the
// profile file writer reveals them.
type Connection struct {
	Account     tba.Account
	Credentials tba.Credentials
	// Timezone is the account's time zone: NetSuite datetimes are read and
	// written in it.
	Timezone *time.Location
	// IgnoreReadOnly drops read-only fields from creates and updates (and
	// reports them) instead of sending them.
	IgnoreReadOnly bool
	// BaseURL is where the REST API is: https://<account's REST host> unless
	// overridden (for the emulator). It has no trailing slash.
	BaseURL *url.URL
	// Concurrency is the account's concurrency limit, 1 to MaxConcurrency.
	Concurrency int
	// Auth is the authentication method: AuthTBA, with Credentials, or
	// AuthM2M, with M2M.
	Auth string
	M2M  M2M
	// Warnings are what the settings may do wrong without being invalid,
	// such as a certificate valid for more than two years; the caller
	// shows them.
	Warnings []string
}

func (c Connection) safe() safeFields {
	tz, base := "", ""
	if c.Timezone != nil {
		tz = c.Timezone.String()
	}
	if c.BaseURL != nil {
		base = c.BaseURL.Redacted()
	}
	fs := safeFields{{key: "account_id", goName: "Account", value: c.Account.String(), quote: true}}
	if c.Auth == AuthM2M {
		m := c.M2M
		fs = append(fs,
			safeField{key: "auth", goName: "Auth", value: c.Auth, quote: true},
			safeField{key: "client_id", goName: "ClientID", value: m.ClientID, quote: true},
			safeField{key: "certificate_id", goName: "CertificateID", value: m.CertificateID, quote: true},
			safeField{key: "private_key_file", goName: "PrivateKeyFile", value: m.PrivateKeyFile, quote: true},
			safeField{key: "certificate_file", goName: "CertificateFile", value: m.CertificateFile, quote: true},
			safeField{key: "scopes", goName: "Scopes", value: strings.Join(m.Scopes, ","), quote: true},
		)
	} else {
		fs = append(fs,
			safeField{key: "consumer_key", goName: "ConsumerKey", value: Mask(c.Credentials.ConsumerKey), quote: true},
			safeField{key: "consumer_secret", goName: "ConsumerSecret", value: c.Credentials.ConsumerSecret.String(), quote: true},
			safeField{key: "token_id", goName: "TokenID", value: Mask(c.Credentials.TokenID), quote: true},
			safeField{key: "token_secret", goName: "TokenSecret", value: c.Credentials.TokenSecret.String(), quote: true},
		)
	}
	return append(fs,
		safeField{key: "timezone", goName: "Timezone", value: tz, quote: true},
		safeField{key: "ignore_readonly", goName: "IgnoreReadOnly", value: strconv.FormatBool(c.IgnoreReadOnly)},
		safeField{key: "base_url", goName: "BaseURL", value: base, quote: true},
		safeField{key: "concurrency", goName: "Concurrency", value: strconv.Itoa(c.Concurrency)},
	)
}

// String returns the connection as key=value pairs, secrets redacted and the
// consumer key and token ID masked.
func (c Connection) String() string { return c.safe().String() }

// GoString returns a Go-syntax form of c, redacted.
func (c Connection) GoString() string { return c.safe().goString("config.Connection") }

// Format prints c redacted under every verb.
func (c Connection) Format(f fmt.State, verb rune) { c.safe().format(f, verb, "config.Connection") }

// LogValue redacts c in log/slog output: a group of its fields.
func (c Connection) LogValue() slog.Value { return c.safe().logValue() }

// MarshalJSON encodes c as a JSON object with the keys of the profile file,
// redacted.
func (c Connection) MarshalJSON() ([]byte, error) { return c.safe().marshalJSON() }

// Profile returns c as a profile to save: every field in canonical form (the
// account ID as NetSuite writes it), leaving out the base URL and the
// concurrency limit when they are the defaults.
func (c Connection) Profile() Profile {
	p := Profile{
		AccountID:      c.Account.String(),
		ConsumerKey:    c.Credentials.ConsumerKey,
		ConsumerSecret: c.Credentials.ConsumerSecret,
		TokenID:        c.Credentials.TokenID,
		TokenSecret:    c.Credentials.TokenSecret,
		IgnoreReadOnly: strconv.FormatBool(c.IgnoreReadOnly),

		ClientID:        c.M2M.ClientID,
		CertificateID:   c.M2M.CertificateID,
		PrivateKeyFile:  c.M2M.PrivateKeyFile,
		CertificateFile: c.M2M.CertificateFile,
		Scopes:          strings.Join(c.M2M.Scopes, ","),
	}
	if c.Auth != AuthTBA {
		p.Auth = c.Auth
	}
	if c.Timezone != nil {
		p.Timezone = c.Timezone.String()
	}
	if c.BaseURL != nil && (c.Account.IsZero() || c.BaseURL.String() != defaultBaseURL(c.Account)) {
		p.BaseURL = c.BaseURL.String()
	}
	if c.Concurrency != DefaultConcurrency && c.Concurrency != 0 {
		p.Concurrency = strconv.Itoa(c.Concurrency)
	}
	return p
}
