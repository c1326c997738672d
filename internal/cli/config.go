package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/internal/config"
)

const configLong = `Manage connection profiles: named sets of connection fields kept in the
config file, so that commands need no environment variables.

The config file is YAML, at $NSCONNECT_CONFIG if set, else nsconnect/config.yaml
in the user config directory: $XDG_CONFIG_HOME or ~/.config on Linux,
~/Library/Application Support on macOS, %AppData% on Windows. It holds
secrets, so nsconnect writes it with mode 0600 and warns when other users can
read it. It looks like this:

  default_profile: sandbox
  profiles:
    sandbox:
      account_id: 1234567_SB1
      consumer_key: ...
      consumer_secret: ...
      token_id: ...
      token_secret: ...
      timezone: America/Los_Angeles      # or as NetSuite shows it
      ignore_readonly: false
      base_url: http://127.0.0.1:8080   # optional: the emulator
      concurrency: 5                    # optional: the account's limit

The profile in use is the one named by --profile, else by NETSUITE_PROFILE,
else by default_profile ('nsconnect config use NAME' sets it; the first
profile saved to a file becomes it), else the one called "default". Flags and
environment variables override the profile's values one field at a time.

To connect to the emulator, start it ('nsconnect emulator') and save its
connection with the one command it prints:
'nsconnect config init --from-emulator URL --profile emulator'.`

func newConfigCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config <command>",
		Short: "Manage connection profiles (secrets redacted)",
		Long:  configLong,
		Example: `  # Create the profile "default", answering prompts
  nsconnect config init

  # See the connection a command would use, and where each value comes from
  nsconnect config show

  # Save a running emulator's connection in one step
  nsconnect config init --from-emulator http://127.0.0.1:8080 --profile emulator

  # List the profiles and where each points; change the default
  nsconnect config profiles
  nsconnect config use emulator`,
		Args: groupArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return cmd.Help()
		},
	}
	cmd.AddCommand(newConfigInitCmd(f, nil))
	cmd.AddCommand(newConfigShowCmd(f, nil))
	cmd.AddCommand(newConfigProfilesCmd(f, nil))
	cmd.AddCommand(newConfigUseCmd(f, nil))
	cmd.AddCommand(newConfigDeleteCmd(f, nil))
	return cmd
}

// resolveSettings gathers the connection settings from flags, environment
// and the config file.
func resolveSettings(io *IOStreams, lookupEnv func(string) (string, bool), flags config.Flags, allowMissingProfile bool) (*config.Settings, error) {
	path, err := config.Path(lookupEnv)
	if err != nil {
		return nil, err
	}
	s, err := config.Resolve(config.Options{
		Flags:               flags,
		LookupEnv:           lookupEnv,
		File:                path,
		Warn:                warner(io),
		AllowMissingProfile: allowMissingProfile,
	})
	if err != nil {
		return nil, settingsError(err, flags, path)
	}
	return s, nil
}

// sourceText describes where v came from, briefly: "flag --timezone",
// "env NETSUITE_TIMEZONE", `profile "sandbox"`, "default", "prompt" or
// "not set".
func sourceText(v config.Value) string {
	switch s := v.Source; s.Kind {
	case config.SourceFlag, config.SourceEnv:
		return s.Kind.String() + " " + s.Name
	case config.SourceProfile:
		return fmt.Sprintf("profile %q", s.Profile)
	}
	return v.Source.Kind.String()
}
