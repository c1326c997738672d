package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/internal/config"
	"github.com/nsconnect/nsconnect/netsuite"
)

// ConfigInitOptions are the inputs of nsconnect config init.
type ConfigInitOptions struct {
	IO        *IOStreams
	LookupEnv func(string) (string, bool)
	// Flags are the global connection flags (--profile, --account-id, ...).
	Flags config.Flags
	// Connect returns a client for a connection, for the connection test.
	Connect func(*config.Connection) (*netsuite.Client, error)

	SetDefault bool
	// FromEmulator is the URL of an nsconnect emulator whose connection is
	// saved (--from-emulator).
	FromEmulator string
	// NoTest skips the connection test after saving (--no-test).
	NoTest bool
}

// emulatorProfile is the profile --from-emulator saves without --profile.
const emulatorProfile = "emulator"

// connectionTestTimeout bounds the connection test: a login and one read.
const connectionTestTimeout = 30 * time.Second

func newConfigInitCmd(f *Factory, runF func(context.Context, *ConfigInitOptions) error) *cobra.Command {
	opts := &ConfigInitOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "init [--profile name] [--set-default] [--from-emulator URL] [--no-test]",
		Short: "Create or update a connection profile, then test it",
		Long: `Create or update a connection profile in the config file, then test it: log
in and read NetSuite's server time.

In a terminal, init asks for the account ID, the base URL, the
authentication method, its credentials (TBA: the four credentials; m2m: the
client ID, the certificate ID, the private key file and, optionally, the
certificate file and the scopes), the account time zone and whether to ignore
read-only fields, and offers the current value (from a flag, the environment or the profile) in
brackets: press Enter to keep it. Secrets are read without echo. A value that
is not valid is explained and asked for again. The time zone may be given as
NetSuite shows it, such as (GMT-08:00) Pacific Time (US & Canada), or as its
IANA name; yes/no questions take y or n too. The base URL defaults to the
account's REST host; give another only for the emulator or a proxy.

Against NetSuite's own host, the consumer key and secret and the token ID and
secret must look as NetSuite issues them, 64 characters 0-9 and a-f; a value
cut short, or pasted with a space or a line break, is named with the fix.

Not in a terminal (a script, CI), init asks nothing: it takes the values from
flags and environment variables, over those already in the profile, and fails
with the list of everything that is missing or not valid.

--from-emulator URL saves the connection of a running nsconnect emulator (the
line it prints when ready), with nothing to copy: the profile "emulator"
unless --profile names another; flags and environment variables other than
--ignore-readonly, --concurrency, --auth and --scopes play no part. With
--auth m2m it saves the emulator's OAuth 2.0 client ID, certificate ID and
private key file instead of its TBA credentials. The emulator's control
token, if it was started with one, is read from
NSCONNECT_EMULATOR_CONTROL_TOKEN.

Everything is checked before the file is written. The other profiles in the
file are kept. The first profile in a file becomes its default. The file is
written with mode 0600, readable only by you, because it holds the consumer
secret and the token secret; init never prints a secret. An m2m profile
holds the path of the private key file, not the key.

The connection test runs after saving; if it fails, init says what to do, keeps
the profile and exits with status 3. --no-test skips it (for a script that
runs before the network is up).

Where NetSuite shows the values:
  account ID, time zone     Setup > Company > Company Information
  consumer key and secret   once, when the integration record is saved
                            (Setup > Integration > Manage Integrations)
  token ID and secret       once, when the access token is created
                            (Setup > Users/Roles > Access Tokens)
  client ID                 once, when the integration record is saved with
                            Client Credentials (Machine to Machine) Grant
  certificate ID            Setup > Integration > Manage Authentication >
                            OAuth 2.0 Client Credentials (M2M) Setup`,
		Example: `  # Answer the prompts for the default profile
  nsconnect config init

  # Connect to a running emulator in one step
  nsconnect config init --from-emulator http://127.0.0.1:8080 --profile emulator

  # A sandbox profile, made the default
  nsconnect config init --profile sandbox --set-default

  # OAuth 2.0 machine to machine, no prompts (and the account ID and time zone)
  nsconnect config init --profile m2m --auth m2m --client-id ID --certificate-id ID --private-key-file private.pem </dev/null

  # In CI: no prompts, every value from the environment, no test
  export NETSUITE_ACCOUNT_ID=1234567 NETSUITE_TIMEZONE=America/New_York
  export NETSUITE_CONSUMER_KEY=... NETSUITE_CONSUMER_SECRET=...
  export NETSUITE_TOKEN_ID=... NETSUITE_TOKEN_SECRET=...
  nsconnect config init --profile ci --no-test </dev/null`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.LookupEnv = f.lookupEnv()
			opts.Flags = f.connectionFlags()
			opts.Connect = func(c *config.Connection) (*netsuite.Client, error) {
				return f.clientFor(c, connectOptions{Quiet: true})
			}
			if opts.FromEmulator != "" {
				if err := checkFromEmulator(opts); err != nil {
					return &UsageError{Err: err, Command: cmd.CommandPath()}
				}
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return configInitRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&opts.SetDefault, "set-default", false, "make the profile the default (default_profile in the config file)")
	fl.StringVar(&opts.FromEmulator, "from-emulator", "", "save the connection of the nsconnect emulator at `URL`, such as http://127.0.0.1:8080")
	fl.BoolVar(&opts.NoTest, "no-test", false, "do not test the connection after saving")
	return cmd
}

// checkFromEmulator checks the flags that go with --from-emulator: its URL,
// and none of the flags whose values the emulator gives.
func checkFromEmulator(opts *ConfigInitOptions) error {
	if _, err := config.ParseBaseURL(opts.FromEmulator); err != nil {
		return fmt.Errorf("--from-emulator: %w", err)
	}
	for flag, v := range map[string]string{"--account-id": opts.Flags.AccountID, "--timezone": opts.Flags.Timezone, "--base-url": opts.Flags.BaseURL,
		"--client-id": opts.Flags.ClientID, "--certificate-id": opts.Flags.CertificateID, "--private-key-file": opts.Flags.PrivateKeyFile, "--certificate-file": opts.Flags.CertificateFile} {
		if v != "" {
			return fmt.Errorf("--from-emulator takes the account ID, time zone, base URL and credentials from the emulator; leave out %s", flag)
		}
	}
	return nil
}

// promptFields are the fields config init asks for: NetSuite's connection
// form, with the base URL after the account ID it defaults from and the
// authentication method before its credentials. Those of the method not
// chosen are skipped.
var promptFields = []config.Field{
	config.FieldAccountID,
	config.FieldBaseURL,
	config.FieldAuth,
	config.FieldConsumerKey,
	config.FieldConsumerSecret,
	config.FieldTokenID,
	config.FieldTokenSecret,
	config.FieldClientID,
	config.FieldCertificateID,
	config.FieldPrivateKeyFile,
	config.FieldCertificateFile,
	config.FieldScopes,
	config.FieldTimezone,
	config.FieldIgnoreReadOnly,
}

// optionalFields may be left empty at the prompt.
var optionalFields = map[config.Field]bool{config.FieldCertificateFile: true, config.FieldScopes: true}

// promptHints are printed before the prompt for a field.
var promptHints = map[config.Field]string{
	config.FieldAccountID:       "The account ID, as NetSuite shows it at Setup > Company > Company Information:\n1234567, 1234567_SB1 (sandbox) or TSTDRV1234567.",
	config.FieldBaseURL:         "Where nsconnect sends requests. Enter keeps the account's REST host; give another\nURL only for the emulator (http://127.0.0.1:8080) or a proxy.",
	config.FieldConsumerKey:     "The consumer key and secret of the integration record. NetSuite shows them once,\nwhen the record is saved (Setup > Integration > Manage Integrations).",
	config.FieldTokenID:         "The token ID and secret of the access token. NetSuite shows them once, when the\ntoken is created (Setup > Users/Roles > Access Tokens).",
	config.FieldTimezone:        "The account's time zone, as Setup > Company > Company Information shows it, such\nas (GMT-08:00) Pacific Time (US & Canada), or its IANA name (America/Los_Angeles).",
	config.FieldIgnoreReadOnly:  "Ignore read-only fields: drop them from creates and updates (and report them),\ninstead of sending them and showing NetSuite's error.",
	config.FieldAuth:            "How nsconnect logs in: tba (Token-Based Authentication: consumer key and secret,\ntoken ID and secret) or m2m (OAuth 2.0 machine to machine: client ID, certificate\nID and private key). NetSuite accepts no new TBA integrations from 2027.1.",
	config.FieldClientID:        "The client ID of the integration record, with Client Credentials (Machine to\nMachine) Grant checked. NetSuite shows it once, when the record is saved.",
	config.FieldCertificateID:   "The certificate ID of the mapping, as Setup > Integration > Manage Authentication >\nOAuth 2.0 Client Credentials (M2M) Setup lists it.",
	config.FieldPrivateKeyFile:  "The file of the certificate's private key, PEM, unencrypted: RSA 3072 or 4096 bits,\nor EC P-256, P-384 or P-521. Only its path is saved.",
	config.FieldCertificateFile: "Optional: the certificate uploaded to the mapping, to check it against the key.\nEnter leaves it out.",
	config.FieldScopes:          "Optional: the scopes, comma-separated (restlets, rest_webservices,\nsuite_analytics). Enter keeps the default, rest_webservices.",
}

var promptLabels = map[config.Field]string{
	config.FieldAccountID:       "Account ID",
	config.FieldBaseURL:         "Base URL",
	config.FieldConsumerKey:     "Consumer key",
	config.FieldConsumerSecret:  "Consumer secret",
	config.FieldTokenID:         "Token ID",
	config.FieldTokenSecret:     "Token secret",
	config.FieldTimezone:        "Account time zone",
	config.FieldIgnoreReadOnly:  "Ignore read-only fields (yes/no)",
	config.FieldAuth:            "Authentication (tba/m2m)",
	config.FieldClientID:        "Client ID",
	config.FieldCertificateID:   "Certificate ID",
	config.FieldPrivateKeyFile:  "Private key file",
	config.FieldCertificateFile: "Certificate file",
	config.FieldScopes:          "Scopes",
}

func configInitRun(ctx context.Context, opts *ConfigInitOptions) error {
	if opts.FromEmulator != "" {
		return configInitFromEmulator(ctx, opts)
	}
	s, err := resolveSettings(opts.IO, opts.LookupEnv, opts.Flags, true)
	if err != nil {
		return err
	}
	interactive := opts.IO.CanPrompt()
	if interactive {
		verb := "Creating"
		if s.ProfileFound {
			verb = "Updating"
		}
		fmt.Fprintf(opts.IO.ErrOut, "%s profile %q in %s.\nPress Enter to keep the value in brackets.\n", verb, s.Profile, s.File)
		for _, f := range promptFields {
			if auth := s.Auth(); auth == config.AuthM2M && f.IsCredential() || auth == config.AuthTBA && f.IsM2M() {
				continue
			}
			if err := promptField(ctx, opts.IO, s, f); err != nil {
				return err
			}
		}
		fmt.Fprintln(opts.IO.ErrOut)
	}
	conn, err := s.Connection()
	if ferr := s.CheckCredentialFormats(); ferr != nil {
		err = errors.Join(err, ferr)
	}
	if err != nil {
		if !interactive {
			return problems(fmt.Sprintf("cannot save profile %q: input is not a terminal, so nothing was asked; set these with flags or environment variables", s.Profile), err)
		}
		return problems(fmt.Sprintf("cannot save profile %q", s.Profile), err)
	}
	return saveAndTest(ctx, opts, s.File, s.Profile, conn)
}

// configInitFromEmulator saves the connection of the emulator at
// opts.FromEmulator as a profile.
func configInitFromEmulator(ctx context.Context, opts *ConfigInitOptions) error {
	base, err := config.ParseBaseURL(opts.FromEmulator)
	if err != nil {
		return &UsageError{Err: fmt.Errorf("--from-emulator: %w", err)}
	}
	token, _ := opts.LookupEnv(emulator.ControlTokenEnv)
	conn, m, err := emulatorConnection(ctx, base.String(), token)
	if err != nil {
		return err
	}
	path, err := config.Path(opts.LookupEnv)
	if err != nil {
		return err
	}
	name := opts.Flags.Profile
	if name == "" {
		name = emulatorProfile
	}
	if err := config.CheckProfileName(name); err != nil {
		return &UsageError{Err: fmt.Errorf("--profile: %w", err)}
	}
	// The URL given reached the emulator from here; the one it reports may
	// be its listen address (0.0.0.0), which does not.
	p := config.Profile{
		AccountID:      conn.AccountID.String(),
		ConsumerKey:    conn.Credentials.ConsumerKey,
		ConsumerSecret: conn.Credentials.ConsumerSecret,
		TokenID:        conn.Credentials.TokenID,
		TokenSecret:    conn.Credentials.TokenSecret,
		Timezone:       conn.Timezone,
		BaseURL:        base.String(),

		ClientID:       m.ClientID,
		CertificateID:  m.CertificateID,
		PrivateKeyFile: m.PrivateKeyFile,
	}
	s := config.ResolveProfile(path, name, p, config.Flags{IgnoreReadOnly: opts.Flags.IgnoreReadOnly, Concurrency: opts.Flags.Concurrency,
		Auth: opts.Flags.Auth, Scopes: opts.Flags.Scopes})
	if s.Auth() == config.AuthM2M && m.ClientID == "" {
		return fmt.Errorf("the emulator at %s gives no OAuth 2.0 machine-to-machine connection (no clientId in %s): it is older than this nsconnect; leave out --auth m2m, or update it", base, emulatorConnectionPath)
	}
	if s.Auth() == config.AuthTBA && conn.Credentials.ConsumerKey == "" {
		return fmt.Errorf("the emulator at %s has no active access token, only an OAuth 2.0 machine-to-machine mapping: add --auth m2m, or reset the emulator (POST %s/_emulator/reset) to bring back its token", base, base)
	}
	c, err := s.Connection()
	if err != nil {
		return problems(fmt.Sprintf("the emulator at %s gave a connection that cannot be saved", base), err)
	}
	return saveAndTest(ctx, opts, path, name, c)
}

// saveAndTest saves conn as profile name in the file at path, says where
// and how to use it, then tests it unless --no-test.
func saveAndTest(ctx context.Context, opts *ConfigInitOptions, path, name string, conn *config.Connection) error {
	isDefault, err := config.SaveProfile(path, name, conn.Profile(), opts.SetDefault, warner(opts.IO))
	if err != nil {
		return err
	}
	out := opts.IO.Out
	fmt.Fprintf(out, "Saved profile %q to %s: account %s at %s, time zone %s.\n", name, path, conn.Account, conn.BaseURL.Redacted(), conn.Timezone)
	if conn.Auth == config.AuthM2M {
		fmt.Fprintf(out, "The file holds the path of the private key, %s, not the key; it has mode 0600: only you can read it.\n", conn.M2M.PrivateKeyFile)
	} else {
		fmt.Fprintln(out, "The file holds the consumer secret and token secret, so it has mode 0600: only you can read it.")
	}
	for _, w := range conn.Warnings {
		warner(opts.IO)(w)
	}
	if isDefault {
		fmt.Fprintf(out, "Profile %q is the default: commands use it unless --profile or NETSUITE_PROFILE names another.\n", name)
	} else {
		fmt.Fprintf(out, "Use it with --profile %s or NETSUITE_PROFILE=%s, or make it the default with 'nsconnect config use %s'.\n", name, name, name)
	}
	if opts.NoTest {
		fmt.Fprintf(out, "See it with: nsconnect config show --profile %s\n", name)
		return nil
	}
	return connectionTest(ctx, opts, name, conn)
}

// connectionTest logs in with conn and reads NetSuite's server time, and on
// failure says what to do: the profile stays saved.
func connectionTest(ctx context.Context, opts *ConfigInitOptions, name string, conn *config.Connection) error {
	client, err := opts.Connect(conn)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, connectionTestTimeout)
	defer cancel()
	now, _, err := client.ServerTime(ctx)
	if err == nil {
		fmt.Fprintf(opts.IO.Out, "Connection test: logged in to %s; NetSuite's time is %s.\n", conn.BaseURL.Redacted(), now.UTC().Format(time.RFC3339))
		return nil
	}
	if errors.Is(err, context.Canceled) {
		return err
	}
	what := "fix the value at fault and run 'nsconnect config init --profile " + name + "' again"
	if netsuite.IsAuth(err) {
		what = "NetSuite does not say why a login fails: 'nsconnect doctor --profile " + name + "' finds which setup step is wrong; then " + what
	}
	return &testFailedError{
		msg: fmt.Sprintf("the connection test failed: %s\nThe profile %q is saved; %s (--no-test skips this test)", message(err), name, what),
		err: apiError(err),
	}
}

// A testFailedError is a failed connection test: its message says what to
// do, and it wraps the cause for the exit code.
type testFailedError struct {
	msg string
	err error
}

func (e *testFailedError) Error() string { return e.msg }
func (e *testFailedError) Unwrap() error { return e.err }

// promptField asks for field f until the answer is valid, and sets it in s.
func promptField(ctx context.Context, ios *IOStreams, s *config.Settings, f config.Field) error {
	w := ios.ErrOut
	if h := promptHints[f]; h != "" {
		fmt.Fprintf(w, "\n%s\n", h)
	}
	cur := s.Value(f)
	keep := "" // the value Enter keeps
	if cur.IsSet() {
		if err := checkPrompted(s, f, cur.Reveal()); err != nil {
			fmt.Fprintf(w, "The %s from %s is not valid: %s\n", f.Label(), sourceText(cur), err)
		} else {
			keep = cur.Reveal()
		}
	}
	for {
		fmt.Fprint(w, promptLabels[f])
		if keep != "" {
			fmt.Fprintf(w, " [%s]", promptDefault(f, keep))
		}
		fmt.Fprint(w, ": ")
		var line string
		var err error
		if f.IsSecret() {
			line, err = ios.ReadSecretLine(ctx)
			fmt.Fprintln(w) // the Enter was not echoed
		} else {
			line, err = ios.ReadLine(ctx)
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				return fmt.Errorf("input ended before the %s was entered; nothing was saved", f.Label())
			}
			return err
		}
		v := strings.TrimSpace(line)
		if v == "" {
			v = keep
		}
		if v == "" && optionalFields[f] {
			return nil
		}
		if err := checkPrompted(s, f, v); err != nil {
			if v == "" {
				err = fmt.Errorf("the %s is required", f.Label())
			}
			fmt.Fprintf(w, "  %s\n", err)
			continue
		}
		if f == config.FieldTimezone {
			if loc, _ := config.LoadTimezone(v); loc.String() != v {
				fmt.Fprintf(w, "  that is %s\n", loc)
			}
		}
		if v != keep {
			s.Set(config.NewValue(f, v, config.Source{Kind: config.SourcePrompt}))
		}
		return nil
	}
}

// checkPrompted checks value v of field f as the prompt reads it: valid,
// and for a credential going to NetSuite's own host, of NetSuite's form.
func checkPrompted(s *config.Settings, f config.Field, v string) error {
	if err := config.CheckValue(f, v); err != nil {
		return err
	}
	if f.IsCredential() && s.AtNetSuite() {
		return config.CheckCredentialFormat(f, v)
	}
	return nil
}

// promptDefault shows the current value v of field f in a prompt.
func promptDefault(f config.Field, v string) string {
	switch {
	case f.IsSecret():
		return "set; Enter keeps it"
	case f.IsMasked():
		return config.Mask(v)
	case f == config.FieldIgnoreReadOnly:
		if b, _ := config.ParseBool(v); b {
			return "yes"
		}
		return "no"
	}
	return v
}
