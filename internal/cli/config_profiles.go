package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/internal/config"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// ConfigProfilesOptions are the inputs of nsconnect config profiles.
type ConfigProfilesOptions struct {
	IO        *IOStreams
	LookupEnv func(string) (string, bool)

	Output string // text, json or yaml
}

func newConfigProfilesCmd(f *Factory, runF func(context.Context, *ConfigProfilesOptions) error) *cobra.Command {
	opts := &ConfigProfilesOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "profiles",
		Short: "List the connection profiles in the config file",
		Long: `List the connection profiles in the config file: the name, account ID and where
each points: its base URL, or the account's REST host. The default profile
(default_profile in the file, else the one called "default") is marked with
"(default)".

--profile and NETSUITE_PROFILE choose a profile for one command; 'nsconnect
config use NAME' changes the default, and 'nsconnect config delete NAME'
removes a profile.`,
		Example: `  nsconnect config profiles

  # Profile names, accounts and URLs for scripts
  nsconnect config profiles --output json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.LookupEnv = f.lookupEnv()
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return configProfilesRun(cmd.Context(), opts)
		},
	}
	addOutputFlag(cmd.Flags(), &opts.Output, "text", "json", "yaml")
	return cmd
}

// profileJSON is one profile in config profiles --output json.
type profileJSON struct {
	Name      string `json:"name"`
	AccountID string `json:"accountId,omitempty"`
	// BaseURL is where the profile points: its base URL, or the account's
	// REST host; "" when neither is known.
	BaseURL string `json:"baseUrl,omitempty"`
	Default bool   `json:"default"`
}

// profileWhere returns where profile p points: its base URL, else the REST
// host of its account, else "".
func profileWhere(p config.Profile) string {
	if p.BaseURL != "" {
		return config.NewValue(config.FieldBaseURL, p.BaseURL, config.Source{}).Display()
	}
	if a, err := tba.ParseAccountID(p.AccountID); err == nil {
		return "https://" + a.RESTHost()
	}
	return ""
}

func configProfilesRun(_ context.Context, opts *ConfigProfilesOptions) error {
	path, file, exists, err := readProfileFile(opts.IO, opts.LookupEnv)
	if err != nil {
		return err
	}
	if opts.Output != formatText {
		list := []profileJSON{}
		for _, name := range file.Names() {
			p := file.Profiles[name]
			list = append(list, profileJSON{Name: name, AccountID: p.AccountID, BaseURL: profileWhere(p), Default: name == file.Default()})
		}
		return writeData(opts.IO.Out, opts.Output, "", struct {
			ConfigFile       string        `json:"configFile"`
			ConfigFileExists bool          `json:"configFileExists"`
			Profiles         []profileJSON `json:"profiles"`
		}{path, exists, list})
	}
	switch {
	case !exists:
		fmt.Fprintf(opts.IO.ErrOut, "There is no config file yet (%s).\nCreate a profile with: nsconnect config init\n", path)
		return nil
	case len(file.Profiles) == 0:
		fmt.Fprintf(opts.IO.ErrOut, "The config file %s has no profiles.\nCreate one with: nsconnect config init\n", path)
		return nil
	}
	var rows [][]string
	for _, name := range file.Names() {
		mark := ""
		if name == file.Default() {
			mark = "(default)"
		}
		p := file.Profiles[name]
		rows = append(rows, []string{name, p.AccountID, profileWhere(p), mark})
	}
	if err := writeTable(opts.IO.Out, rows); err != nil {
		return err
	}
	if !file.HasDefault() && file.DefaultProfile != "" {
		fmt.Fprintf(opts.IO.ErrOut, "Warning: default_profile %q is not in %s.\n", file.DefaultProfile, path)
	}
	return nil
}
