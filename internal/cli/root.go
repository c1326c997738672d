package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strconv"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/nsconnect/nsconnect/internal/config"
)

// A Factory holds what commands take from the process: the streams, the
// environment and the build information. Tests build one with Test streams
// and a map for the environment.
type Factory struct {
	IO *IOStreams
	// LookupEnv looks up an environment variable, like os.LookupEnv.
	LookupEnv func(string) (string, bool)
	// BuildInfo returns the binary's build information, like
	// runtime/debug.ReadBuildInfo.
	BuildInfo func() (*debug.BuildInfo, bool)
	// CacheDir returns the user cache directory, like os.UserCacheDir;
	// completion caches record types there. nil means no cache.
	CacheDir func() (string, error)

	conn *connFlags // the global connection flags, registered by the root command
}

// NewFactory returns the Factory of the process: standard streams, the real
// environment and the binary's build information.
func NewFactory() *Factory {
	return &Factory{IO: System(), LookupEnv: os.LookupEnv, BuildInfo: debug.ReadBuildInfo, CacheDir: os.UserCacheDir}
}

// connectionFlags returns the values of the global connection flags.
func (f *Factory) connectionFlags() config.Flags {
	if f.conn == nil {
		return config.Flags{}
	}
	return f.conn.values()
}

// lookupEnv returns f.LookupEnv, or an empty environment.
func (f *Factory) lookupEnv() func(string) (string, bool) {
	if f.LookupEnv == nil {
		return func(string) (string, bool) { return "", false }
	}
	return f.LookupEnv
}

// Run runs nsconnect with the command-line arguments args (without the
// program name), prints any error on f.IO.ErrOut, and returns the exit code.
func Run(ctx context.Context, f *Factory, args []string) int {
	root := NewRootCmd(f)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	var ue *UsageError
	if errors.As(err, &ue) && ue.Command == "" && cmd != nil {
		ue.Command = cmd.CommandPath()
	}
	PrintError(f.IO.ErrOut, err)
	return ExitCode(err)
}

const rootLong = `nsconnect connects to Oracle NetSuite with Token-Based Authentication (TBA) or
OAuth 2.0 machine to machine (M2M): set up and check a connection, run actions
and queries on records, and test against a local NetSuite emulator.

A TBA connection has seven fields, as on NetSuite's connection form: account
ID, consumer key and secret (from the integration record), token ID and secret
(from the access token), account timezone, and whether to ignore read-only
fields. An M2M connection (--auth m2m) has, instead of the four credentials,
the client ID of the integration record, the certificate ID of the M2M mapping
and the file of the certificate's private key. Each value comes from, highest
first: a flag, an environment variable, or a profile in the config file.
'nsconnect config init' writes a profile; 'nsconnect config show' shows where
each value comes from. The TBA credentials are never taken from flags (a
command line is visible to other users), and are redacted wherever nsconnect
shows them; a private key is read from its file and never shown.

Environment variables:
  NETSUITE_ACCOUNT_ID        account ID: 1234567, 1234567_SB1, TSTDRV1234567 (--account-id)
  NETSUITE_CONSUMER_KEY      consumer key of the integration record
  NETSUITE_CONSUMER_SECRET   consumer secret of the integration record
  NETSUITE_TOKEN_ID          token ID of the access token
  NETSUITE_TOKEN_SECRET      token secret of the access token
  NETSUITE_TIMEZONE          account time zone, as NetSuite shows it or its IANA name, such as
                             America/Los_Angeles (--timezone)
  NETSUITE_IGNORE_READONLY   drop read-only fields from creates and updates: true or false (--ignore-readonly)
  NETSUITE_BASE_URL          REST base URL instead of the account's host, for the emulator (--base-url)
  NETSUITE_CONCURRENCY       the account's concurrency limit, 1 to 1000, default 5 (--concurrency)
  NETSUITE_AUTH              authentication: tba (default) or m2m (--auth)
  NETSUITE_CLIENT_ID         m2m: client ID of the integration record (--client-id)
  NETSUITE_CERTIFICATE_ID    m2m: certificate ID of the M2M mapping (--certificate-id)
  NETSUITE_PRIVATE_KEY_FILE  m2m: PEM private key of the mapped certificate (--private-key-file)
  NETSUITE_CERTIFICATE_FILE  m2m, optional: the certificate, to check it against the key (--certificate-file)
  NETSUITE_SCOPES            m2m: comma-separated scopes, default rest_webservices (--scopes)
  NETSUITE_PROFILE           profile to use, default "default" (--profile)
  NSCONNECT_CONFIG           config file, default nsconnect/config.yaml in the user config
                             directory (~/.config/nsconnect/config.yaml on Linux)

Output: commands that print data show a table on a terminal and JSON (or
NDJSON for lists) when piped; --output picks a format (table, json, ndjson,
yaml, csv, where it makes sense) and --jq filters the JSON. Progress, retry
messages and warnings go to stderr; --quiet hides progress and retries, and
-v shows every request and response with the credentials redacted. Writes
take --dry-run; delete and update --mode replace ask first on a terminal
(--yes skips the question).

Exit codes:
  0    success
  1    failure
  2    usage error: unknown command or flag, bad flag value, wrong arguments,
       a --profile that is not in the config file
  3    connection or authentication failed
  130  interrupted`

const rootExample = `  # Save a connection profile, answering the prompts; it ends with a connection test
  nsconnect config init

  # Or connect to a running emulator in one step
  nsconnect config init --from-emulator http://127.0.0.1:8080

  # Use the environment instead of a profile
  export NETSUITE_ACCOUNT_ID=1234567_SB1 NETSUITE_TIMEZONE=America/Los_Angeles
  export NETSUITE_CONSUMER_KEY=... NETSUITE_CONSUMER_SECRET=...
  export NETSUITE_TOKEN_ID=... NETSUITE_TOKEN_SECRET=...
  nsconnect config show

  # Use another profile for one command
  nsconnect --profile production config show`

// NewRootCmd returns the nsconnect command with all its subcommands.
func NewRootCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "nsconnect <command> [flags]",
		Short:   "Connect to NetSuite: actions, queries and triggers over TBA",
		Long:    rootLong,
		Example: rootExample,
		Args:    groupArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return cmd.Help()
		},
	}
	setupRoot(cmd, f)
	cmd.Version = readVersion(f.BuildInfo).Version
	cmd.SetVersionTemplate("nsconnect {{.Version}}\n")
	cmd.AddCommand(newVersionCmd(f, nil))
	cmd.AddCommand(newConfigCmd(f))
	cmd.AddCommand(newEmulatorCmd(f, nil))
	cmd.AddCommand(newRecordCmd(f))
	cmd.AddCommand(newQueryCmd(f, nil))
	cmd.AddCommand(newRestletCmd(f, nil))
	cmd.AddCommand(newExportCmd(f, nil))
	cmd.AddCommand(newWatchCmd(f, nil))
	cmd.AddCommand(newImportCmd(f, nil))
	cmd.AddCommand(newDemoCmd(f, nil))
	cmd.AddCommand(newDoctorCmd(f, nil))
	registerCompletions(cmd, f)
	return cmd
}

// setupRoot makes cmd a root command on f: streams, error handling, and the
// global connection flags.
func setupRoot(cmd *cobra.Command, f *Factory) {
	cmd.SilenceErrors = true
	cmd.SilenceUsage = true
	cmd.SetIn(f.IO.In)
	cmd.SetOut(f.IO.Out)
	cmd.SetErr(f.IO.ErrOut)
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &UsageError{Err: err, Command: c.CommandPath()}
	})
	f.conn = addConnFlags(cmd.PersistentFlags())
}

// connFlags are the global flags that configure the connection.
type connFlags struct {
	fs                                                 *pflag.FlagSet
	profile, accountID, timezone, baseURL, concurrency string
	ignoreReadOnly                                     bool

	auth, clientID, certificateID, privateKeyFile, certificateFile, scopes string
}

func addConnFlags(fs *pflag.FlagSet) *connFlags {
	c := &connFlags{fs: fs}
	fs.StringVar(&c.profile, "profile", "", "use the connection profile `name` from the config file (env NETSUITE_PROFILE)")
	fs.StringVar(&c.accountID, "account-id", "", "NetSuite account `ID`, such as 1234567 or 1234567_SB1 (env NETSUITE_ACCOUNT_ID)")
	fs.StringVar(&c.timezone, "timezone", "", "the account's time `zone`, as NetSuite shows it or its IANA name, such as America/Los_Angeles (env NETSUITE_TIMEZONE)")
	fs.BoolVar(&c.ignoreReadOnly, "ignore-readonly", false, "drop read-only fields from creates and updates (env NETSUITE_IGNORE_READONLY)")
	fs.StringVar(&c.baseURL, "base-url", "", "REST base `URL` instead of the account's host, such as the emulator's (env NETSUITE_BASE_URL)")
	fs.StringVar(&c.concurrency, "concurrency", "", "the account's concurrency `limit`, 1 to 1000 (env NETSUITE_CONCURRENCY; default 5)")
	fs.StringVar(&c.auth, "auth", "", "authentication `method`: tba or m2m (OAuth 2.0 machine to machine) (env NETSUITE_AUTH; default tba)")
	fs.StringVar(&c.clientID, "client-id", "", "m2m: the integration record's client `ID` (env NETSUITE_CLIENT_ID)")
	fs.StringVar(&c.certificateID, "certificate-id", "", "m2m: the M2M mapping's certificate `ID` (env NETSUITE_CERTIFICATE_ID)")
	fs.StringVar(&c.privateKeyFile, "private-key-file", "", "m2m: the certificate's PEM private key `file` (env NETSUITE_PRIVATE_KEY_FILE)")
	fs.StringVar(&c.certificateFile, "certificate-file", "", "m2m: the certificate `file`, to check it against the key (env NETSUITE_CERTIFICATE_FILE)")
	fs.StringVar(&c.scopes, "scopes", "", "m2m: comma-separated OAuth 2.0 `scopes` (env NETSUITE_SCOPES; default rest_webservices)")
	return c
}

func (c *connFlags) values() config.Flags {
	fl := config.Flags{
		Profile:     c.profile,
		AccountID:   c.accountID,
		Timezone:    c.timezone,
		BaseURL:     c.baseURL,
		Concurrency: c.concurrency,

		Auth:            c.auth,
		ClientID:        c.clientID,
		CertificateID:   c.certificateID,
		PrivateKeyFile:  c.privateKeyFile,
		CertificateFile: c.certificateFile,
		Scopes:          c.scopes,
	}
	if c.fs.Changed("ignore-readonly") {
		fl.IgnoreReadOnly = strconv.FormatBool(c.ignoreReadOnly)
	}
	return fl
}

// groupArgs accepts no arguments for a command that only groups others, and
// names an unknown subcommand as a usage error.
func groupArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2
	}
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg += fmt.Sprintf("; did you mean %q?", s[0])
	}
	return &UsageError{Err: errors.New(msg), Command: cmd.CommandPath()}
}

// noArgs refuses arguments, as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	return &UsageError{Err: fmt.Errorf("%q takes no arguments, but got %q", cmd.CommandPath(), args), Command: cmd.CommandPath()}
}

func joinOr(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	out := s[0]
	for _, x := range s[1 : len(s)-1] {
		out += ", " + x
	}
	return out + " or " + s[len(s)-1]
}

// warner returns a function that prints warnings on the error stream.
func warner(io *IOStreams) func(string) {
	return func(msg string) { fmt.Fprintf(io.ErrOut, "Warning: %s\n", msg) }
}
