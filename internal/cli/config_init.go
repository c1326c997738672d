package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/internal/config"
)

// ConfigInitOptions are the inputs of nsconnect config init.
type ConfigInitOptions struct {
	IO        *IOStreams
	LookupEnv func(string) (string, bool)
	// Flags are the global connection flags (--profile, --account-id, ...).
	Flags config.Flags

	SetDefault bool
}

func newConfigInitCmd(f *Factory, runF func(context.Context, *ConfigInitOptions) error) *cobra.Command {
	opts := &ConfigInitOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "init [--profile name] [--set-default]",
		Short: "Create or update a connection profile",
		Long: `Create or update a connection profile in the config file.

In a terminal, init asks for each of the seven connection fields and offers
the current value (from a flag, the environment or the profile) in brackets:
press Enter to keep it. Secrets are read without echo. A value that is not
valid is explained and asked for again.

Not in a terminal (a script, CI), init asks nothing: it takes the values from
flags and environment variables, over those already in the profile, and fails
with the list of everything that is missing or not valid.

Everything is checked before the file is written. The other profiles in the
file are kept. The file is written with mode 0600, readable only by you,
because it holds the consumer secret and the token secret.

Where NetSuite shows the values:
  account ID, time zone     Setup > Company > Company Information
  consumer key and secret   once, when the integration record is saved
                            (Setup > Integration > Manage Integrations)
  token ID and secret       once, when the access token is created
                            (Setup > Users/Roles > Access Tokens)`,
		Example: `  # Answer the prompts for the profile "default"
  nsconnect config init

  # A sandbox profile, made the default
  nsconnect config init --profile sandbox --set-default

  # In CI: no prompts, every value from the environment
  export NETSUITE_ACCOUNT_ID=1234567 NETSUITE_TIMEZONE=America/New_York
  export NETSUITE_CONSUMER_KEY=... NETSUITE_CONSUMER_SECRET=...
  export NETSUITE_TOKEN_ID=... NETSUITE_TOKEN_SECRET=...
  nsconnect config init --profile ci </dev/null`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.LookupEnv = f.lookupEnv()
			opts.Flags = f.connectionFlags()
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return configInitRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.SetDefault, "set-default", false, "make the profile the default (default_profile in the config file)")
	return cmd
}

// promptFields are the fields config init asks for: NetSuite's connection form.
var promptFields = []config.Field{
	config.FieldAccountID,
	config.FieldConsumerKey,
	config.FieldConsumerSecret,
	config.FieldTokenID,
	config.FieldTokenSecret,
	config.FieldTimezone,
	config.FieldIgnoreReadOnly,
}

// promptHints are printed before the prompt for a field.
var promptHints = map[config.Field]string{
	config.FieldAccountID:      "The account ID, as NetSuite shows it at Setup > Company > Company Information:\n1234567, 1234567_SB1 (sandbox) or TSTDRV1234567.",
	config.FieldConsumerKey:    "The consumer key and secret of the integration record. NetSuite shows them once,\nwhen the record is saved (Setup > Integration > Manage Integrations).",
	config.FieldTokenID:        "The token ID and secret of the access token. NetSuite shows them once, when the\ntoken is created (Setup > Users/Roles > Access Tokens).",
	config.FieldTimezone:       "The account's time zone (Setup > Company > Company Information), as an IANA\nname such as America/Los_Angeles or Europe/London.",
	config.FieldIgnoreReadOnly: "Ignore read-only fields: drop them from creates and updates (and report them),\ninstead of sending them and showing NetSuite's error.",
}

var promptLabels = map[config.Field]string{
	config.FieldAccountID:      "Account ID",
	config.FieldConsumerKey:    "Consumer key",
	config.FieldConsumerSecret: "Consumer secret",
	config.FieldTokenID:        "Token ID",
	config.FieldTokenSecret:    "Token secret",
	config.FieldTimezone:       "Account time zone",
	config.FieldIgnoreReadOnly: "Ignore read-only fields (yes/no)",
}

func configInitRun(ctx context.Context, opts *ConfigInitOptions) error {
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
			if err := promptField(ctx, opts.IO, s, f); err != nil {
				return err
			}
		}
		fmt.Fprintln(opts.IO.ErrOut)
	}
	conn, err := s.Connection()
	if err != nil {
		if !interactive {
			return problems(fmt.Sprintf("cannot save profile %q: input is not a terminal, so nothing was asked; set these with flags or environment variables", s.Profile), err)
		}
		return problems(fmt.Sprintf("cannot save profile %q", s.Profile), err)
	}
	if _, err := config.SaveProfile(s.File, s.Profile, conn.Profile(), opts.SetDefault, nil); err != nil {
		return err
	}
	out := opts.IO.Out
	fmt.Fprintf(out, "Saved profile %q to %s.\n", s.Profile, s.File)
	fmt.Fprintln(out, "The file holds the consumer secret and token secret, so it has mode 0600: only you can read it.")
	switch {
	case opts.SetDefault:
		fmt.Fprintf(out, "Profile %q is now the default.\n", s.Profile)
	case s.Profile != defaultProfileIn(s.File):
		fmt.Fprintf(out, "Use it with --profile %s or NETSUITE_PROFILE=%s, or make it the default with --set-default.\n", s.Profile, s.Profile)
	}
	fmt.Fprintf(out, "See it with: nsconnect config show --profile %s\n", s.Profile)
	return nil
}

// defaultProfileIn returns the default profile of the file at path.
func defaultProfileIn(path string) string {
	f, err := config.ReadFile(path, nil)
	if err != nil {
		return config.DefaultProfile
	}
	return f.Default()
}

// promptField asks for field f until the answer is valid, and sets it in s.
func promptField(ctx context.Context, ios *IOStreams, s *config.Settings, f config.Field) error {
	w := ios.ErrOut
	if h := promptHints[f]; h != "" {
		fmt.Fprintf(w, "\n%s\n", h)
	}
	cur := s.Value(f)
	keep := "" // the value Enter keeps
	if cur.IsSet() {
		if err := config.CheckValue(f, cur.Reveal()); err != nil {
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
		if err := config.CheckValue(f, v); err != nil {
			if v == "" {
				err = fmt.Errorf("the %s is required", f.Label())
			}
			fmt.Fprintf(w, "  %s\n", err)
			continue
		}
		if v != keep {
			s.Set(config.NewValue(f, v, config.Source{Kind: config.SourcePrompt}))
		}
		return nil
	}
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
