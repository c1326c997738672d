package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"

	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/internal/config"
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
		Long: `List the connection profiles in the config file, with the account ID of each.
The default profile (default_profile in the file, else the one called
"default") is marked with "(default)".

--profile and NETSUITE_PROFILE choose a profile for one command; to change
the default, run 'nsconnect config init --profile NAME --set-default'.`,
		Example: `  nsconnect config profiles

  # Profile names and accounts for scripts
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
	Default   bool   `json:"default"`
}

func configProfilesRun(_ context.Context, opts *ConfigProfilesOptions) error {
	path, err := config.Path(opts.LookupEnv)
	if err != nil {
		return err
	}
	file, err := config.ReadFile(path, warner(opts.IO))
	missing := errors.Is(err, fs.ErrNotExist)
	if err != nil && !missing {
		return err
	}
	if missing {
		file = &config.File{}
	}
	if opts.Output != formatText {
		list := []profileJSON{}
		for _, name := range file.Names() {
			p := file.Profiles[name]
			list = append(list, profileJSON{Name: name, AccountID: p.AccountID, Default: name == file.Default()})
		}
		return writeData(opts.IO.Out, opts.Output, "", struct {
			ConfigFile       string        `json:"configFile"`
			ConfigFileExists bool          `json:"configFileExists"`
			Profiles         []profileJSON `json:"profiles"`
		}{path, !missing, list})
	}
	switch {
	case missing:
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
		rows = append(rows, []string{name, file.Profiles[name].AccountID, mark})
	}
	if err := writeTable(opts.IO.Out, rows); err != nil {
		return err
	}
	if _, ok := file.Profiles[file.Default()]; !ok && file.DefaultProfile != "" {
		fmt.Fprintf(opts.IO.ErrOut, "Warning: default_profile %q is not in %s.\n", file.DefaultProfile, path)
	}
	return nil
}
