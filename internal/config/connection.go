package config

import (
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
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
}

func (c Connection) safe() safeFields {
	tz, base := "", ""
	if c.Timezone != nil {
		tz = c.Timezone.String()
	}
	if c.BaseURL != nil {
		base = c.BaseURL.Redacted()
	}
	return safeFields{
		{key: "account_id", goName: "Account", value: c.Account.String(), quote: true},
		{key: "consumer_key", goName: "ConsumerKey", value: Mask(c.Credentials.ConsumerKey), quote: true},
		{key: "consumer_secret", goName: "ConsumerSecret", value: c.Credentials.ConsumerSecret.String(), quote: true},
		{key: "token_id", goName: "TokenID", value: Mask(c.Credentials.TokenID), quote: true},
		{key: "token_secret", goName: "TokenSecret", value: c.Credentials.TokenSecret.String(), quote: true},
		{key: "timezone", goName: "Timezone", value: tz, quote: true},
		{key: "ignore_readonly", goName: "IgnoreReadOnly", value: strconv.FormatBool(c.IgnoreReadOnly)},
		{key: "base_url", goName: "BaseURL", value: base, quote: true},
		{key: "concurrency", goName: "Concurrency", value: strconv.Itoa(c.Concurrency)},
	}
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
