package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/internal/config"
)

// ConfigUseOptions are the inputs of nsconnect config use.
type ConfigUseOptions struct {
	IO        *IOStreams
	LookupEnv func(string) (string, bool)

	Name string // the profile to make the default
}

func newConfigUseCmd(f *Factory, runF func(context.Context, *ConfigUseOptions) error) *cobra.Command {
	opts := &ConfigUseOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "use NAME",
		Short: "Make a profile the default",
		Long: `Make the profile NAME the default: commands use it unless --profile or
NETSUITE_PROFILE names another. It sets default_profile in the config file;
the profile must be in the file ('nsconnect config profiles' lists them).`,
		Example: `  nsconnect config use sandbox

  # Back to the emulator's profile
  nsconnect config use emulator`,
		Args: exactArgs(1),
		RunE: runner(opts, func(_ *cobra.Command, args []string) error {
			opts.LookupEnv = f.lookupEnv()
			opts.Name = args[0]
			return nil
		}, runF, configUseRun),
	}
	return cmd
}

func configUseRun(_ context.Context, opts *ConfigUseOptions) error {
	path, err := config.Path(opts.LookupEnv)
	if err != nil {
		return err
	}
	err = config.UpdateFile(path, warner(opts.IO), func(file *config.File) error {
		if _, ok := file.Profiles[opts.Name]; !ok {
			return profileNotInFile(path, file, opts.Name)
		}
		file.DefaultProfile = opts.Name
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Out, "Profile %q is now the default.\n", opts.Name)
	if env, ok := opts.LookupEnv(config.EnvProfile); ok && env != "" && env != opts.Name {
		fmt.Fprintf(opts.IO.ErrOut, "Note: %s=%s is set in this shell, and wins over the default.\n", config.EnvProfile, env)
	}
	return nil
}

// profileNotInFile is the usage error for a profile name that the profile
// file at path does not hold: the names it does hold, and the nearest one.
func profileNotInFile(path string, file *config.File, name string) error {
	if len(file.Profiles) == 0 {
		return &UsageError{Err: fmt.Errorf("profile %q is not in %s, which has no profiles; create one with 'nsconnect config init --profile %s'", name, path, name)}
	}
	return &UsageError{Err: fmt.Errorf("profile %q is not in %s, which has the profiles %s%s", name, path, strings.Join(file.Names(), ", "), didYouMean(name, file.Names()))}
}

// readProfileFile reads the profile file (config.Path); a file that does
// not exist is an empty one.
func readProfileFile(ios *IOStreams, lookupEnv func(string) (string, bool)) (path string, file *config.File, exists bool, err error) {
	path, err = config.Path(lookupEnv)
	if err != nil {
		return "", nil, false, err
	}
	file, err = config.ReadFile(path, warner(ios))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return path, &config.File{}, false, nil
	case err != nil:
		return "", nil, false, err
	}
	return path, file, true, nil
}
