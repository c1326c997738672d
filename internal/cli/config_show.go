package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/internal/config"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// ConfigShowOptions are the inputs of nsconnect config show.
type ConfigShowOptions struct {
	IO        *IOStreams
	LookupEnv func(string) (string, bool)
	// Flags are the global connection flags (--profile, --account-id, ...).
	Flags config.Flags

	Output string // text, json or yaml
}

func newConfigShowCmd(f *Factory, runF func(context.Context, *ConfigShowOptions) error) *cobra.Command {
	opts := &ConfigShowOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "show [--profile name]",
		Short: "Show the connection a command would use, and where each value comes from",
		Long: `Show the connection that commands would use, one field per line, with the
source of each value: a flag, an environment variable, the profile, or the
default. Also shows the realm and REST host derived from the account ID.

The consumer secret and token secret are always shown as [REDACTED], and the
consumer key and token ID masked (their first and last four characters), so
the output is safe to paste into a ticket. With auth m2m, show lists the
client ID, the certificate ID and the path of the private key file instead of
the TBA credentials; the key itself is never shown. A warning about the
settings (a certificate valid for more than two years, a key file others can
read) is printed on stderr.

If a value is missing or not valid, show prints what is set, then every
problem with the way to fix it, and exits with status 1.`,
		Example: `  nsconnect config show

  # The sandbox profile, with the time zone overridden
  nsconnect config show --profile sandbox --timezone Europe/London

  # For scripts (still redacted)
  nsconnect config show --output json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.LookupEnv = f.lookupEnv()
			opts.Flags = f.connectionFlags()
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return configShowRun(cmd.Context(), opts)
		},
	}
	addOutputFlag(cmd.Flags(), &opts.Output, "text", "json", "yaml")
	return cmd
}

// showField is one line of config show --output json.
type showField struct {
	Field  string `json:"field"`
	Value  string `json:"value"`
	Source string `json:"source"`
	From   string `json:"from,omitempty"`
}

// showJSON is the output of config show --output json.
type showJSON struct {
	Profile          string      `json:"profile"`
	ProfileSource    string      `json:"profileSource"`
	ConfigFile       string      `json:"configFile"`
	ConfigFileExists bool        `json:"configFileExists"`
	ProfileInFile    bool        `json:"profileInFile"`
	Fields           []showField `json:"fields"`
	Realm            string      `json:"realm,omitempty"`
	RESTHost         string      `json:"restHost,omitempty"`
	Valid            bool        `json:"valid"`
	Errors           []string    `json:"errors,omitempty"`
}

func configShowRun(_ context.Context, opts *ConfigShowOptions) error {
	s, err := resolveSettings(opts.IO, opts.LookupEnv, opts.Flags, false)
	if err != nil {
		return err
	}
	conn, verr := s.Connection()
	if verr == nil {
		for _, w := range conn.Warnings {
			warner(opts.IO)(w)
		}
	}
	var account tba.Account
	if v := s.Value(config.FieldAccountID); v.IsSet() {
		account, _ = tba.ParseAccountID(v.Reveal())
	}

	if opts.Output != formatText {
		out := showJSON{
			Profile:          s.Profile,
			ProfileSource:    s.ProfileSource.String(),
			ConfigFile:       s.File,
			ConfigFileExists: s.FileFound,
			ProfileInFile:    s.ProfileFound,
			Valid:            verr == nil,
		}
		for _, f := range config.FieldsFor(s.Auth()) {
			v := s.Value(f)
			sf := showField{Field: f.Key(), Value: v.Display(), Source: v.Source.Kind.String()}
			if k := v.Source.Kind; k == config.SourceFlag || k == config.SourceEnv || k == config.SourceProfile {
				sf.From = v.Source.String()
			}
			out.Fields = append(out.Fields, sf)
		}
		if !account.IsZero() {
			out.Realm, out.RESTHost = account.Realm(), account.RESTHost()
		}
		if j, ok := verr.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				out.Errors = append(out.Errors, e.Error())
			}
		}
		if err := writeData(opts.IO.Out, opts.Output, "", out); err != nil {
			return err
		}
	} else if err := showText(opts.IO, s, account); err != nil {
		return err
	}
	if verr != nil {
		if fromFlag(verr) {
			return &UsageError{Err: problems("the connection settings are not valid", verr)}
		}
		return problems("the connection settings are not valid", verr)
	}
	return nil
}

func showText(ios *IOStreams, s *config.Settings, account tba.Account) error {
	profile := s.Profile
	switch s.ProfileSource.Kind {
	case config.SourceFlag, config.SourceEnv:
		profile += fmt.Sprintf(" (from %s)", s.ProfileSource)
	case config.SourceProfile:
		profile += " (default_profile)"
	}
	if !s.ProfileFound {
		profile += ", not in the config file"
	}
	file := s.File
	if !s.FileFound {
		file += " (does not exist; create it with 'nsconnect config init')"
	}
	rows := [][]string{
		{"profile:", profile},
		{"config file:", file},
		nil,
	}
	for _, f := range config.FieldsFor(s.Auth()) {
		v := s.Value(f)
		if !v.IsSet() {
			rows = append(rows, []string{f.Label() + ":", "(not set)", ""})
			continue
		}
		rows = append(rows, []string{f.Label() + ":", v.Display(), sourceText(v)})
	}
	if !account.IsZero() {
		rows = append(rows, nil,
			[]string{"realm:", account.Realm()},
			[]string{"REST host:", account.RESTHost()})
	}
	return writeTable(ios.Out, rows)
}
