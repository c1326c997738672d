// Package config is the connection configuration of the nsconnect CLI: the
// seven fields of NetSuite's connection form (account ID, consumer key and
// secret, token ID and secret, account timezone, ignore read-only fields) plus
// the base URL and the concurrency limit.
//
// The netsuite library never reads the environment or files; this package
// does, for the CLI, and even it only reads what it is handed: the caller
// passes the flag values, an environment lookup function and the path of the
// profile file (see Options).
//
// # Sources
//
// Each value comes from the highest source that sets it: flags (--account-id,
// --timezone, --ignore-readonly, --base-url, --concurrency), then environment
// variables (NETSUITE_ACCOUNT_ID, NETSUITE_CONSUMER_KEY, ...), then a profile
// in the profile file. Credentials never come from flags. Every value remembers
// its Source, so that an error names the field as the user set it:
//
//	NETSUITE_TIMEZONE: unknown time zone "PST"; did you mean America/Los_Angeles?
//
// # The profile file
//
// A YAML file (see File) at config.yaml in the nsconnect directory of
// os.UserConfigDir, or at $NSCONNECT_CONFIG, holding named profiles. It is
// written with mode 0600, atomically; reading a file that other users can read
// gives a warning.
//
// # Secrets
//
// Connection, Settings, Profile and Value redact the secrets in every output
// path (fmt verbs, log/slog, JSON) and show the consumer key and token ID
// masked. Errors never contain a credential. Only File.Marshal, the writer of
// the profile file, writes secrets out.
package config
