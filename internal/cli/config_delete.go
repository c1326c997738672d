package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/internal/config"
)

// ConfigDeleteOptions are the inputs of nsconnect config delete.
type ConfigDeleteOptions struct {
	IO        *IOStreams
	LookupEnv func(string) (string, bool)

	Name string // the profile to delete
	Yes  bool   // do not ask
}

func newConfigDeleteCmd(f *Factory, runF func(context.Context, *ConfigDeleteOptions) error) *cobra.Command {
	opts := &ConfigDeleteOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "delete NAME",
		Short: "Delete a profile from the config file",
		Long: `Delete the profile NAME from the config file, with its credentials. On a
terminal it asks first; --yes skips the question. The other profiles are kept.
If NAME was the default, there is no default afterwards: choose one with
'nsconnect config use'. The credentials stay valid in NetSuite: revoke the
access token there (Setup > Users/Roles > Access Tokens) if it is no longer
needed.`,
		Example: `  nsconnect config delete old-sandbox

  # In a script
  nsconnect config delete emulator --yes`,
		Args: exactArgs(1),
		RunE: runner(opts, func(_ *cobra.Command, args []string) error {
			opts.LookupEnv = f.lookupEnv()
			opts.Name = args[0]
			return nil
		}, runF, configDeleteRun),
	}
	cmd.Flags().BoolVarP(&opts.Yes, "yes", "y", false, "do not ask before deleting")
	return cmd
}

func configDeleteRun(ctx context.Context, opts *ConfigDeleteOptions) error {
	path, file, _, err := readProfileFile(opts.IO, opts.LookupEnv)
	if err != nil {
		return err
	}
	p, ok := file.Profiles[opts.Name]
	if !ok {
		return profileNotInFile(path, file, opts.Name)
	}
	if err := confirm(ctx, opts.IO, opts.Yes, fmt.Sprintf("Delete profile %q (account %s at %s) from %s?", opts.Name, p.AccountID, profileWhere(p), path)); err != nil {
		return err
	}
	wasDefault := false
	err = config.UpdateFile(path, warner(opts.IO), func(file *config.File) error {
		if _, ok := file.Profiles[opts.Name]; !ok {
			return profileNotInFile(path, file, opts.Name)
		}
		wasDefault = file.Default() == opts.Name
		delete(file.Profiles, opts.Name)
		if file.DefaultProfile == opts.Name {
			file.DefaultProfile = ""
		}
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Out, "Deleted profile %q from %s.\n", opts.Name, path)
	if wasDefault {
		fmt.Fprintln(opts.IO.Out, "It was the default; choose another with 'nsconnect config use NAME' ('nsconnect config profiles' lists them).")
	}
	return nil
}
