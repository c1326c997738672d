package cli

import (
	"context"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is the release version, set at link time with
// -ldflags "-X github.com/nsconnect/nsconnect/internal/cli.version=v1.2.3".
// When empty, the module version from the build information is used.
var version string

// VersionOptions are the inputs of nsconnect version.
type VersionOptions struct {
	IO        *IOStreams
	BuildInfo func() (*debug.BuildInfo, bool)

	Output string // text, json or yaml
}

func newVersionCmd(f *Factory, runF func(context.Context, *VersionOptions) error) *cobra.Command {
	opts := &VersionOptions{IO: f.IO, BuildInfo: f.BuildInfo}
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version of nsconnect",
		Long: `Print the version of nsconnect, the commit it was built from and the Go
version that built it. Include this when you report a problem.

The version is "devel" for a build from a source tree that is not a release,
and the commit is "unknown" when the build did not record it.`,
		Example: `  nsconnect version

  # For scripts and bug reports
  nsconnect version --output json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return versionRun(cmd.Context(), opts)
		},
	}
	addOutputFlag(cmd.Flags(), &opts.Output, "text", "json", "yaml")
	return cmd
}

// versionInfo is what nsconnect version prints.
type versionInfo struct {
	Version   string `json:"version"`
	Commit    string `json:"commit"`
	Modified  bool   `json:"modified,omitempty"`
	GoVersion string `json:"goVersion"`
	Platform  string `json:"platform"`
}

func readVersion(buildInfo func() (*debug.BuildInfo, bool)) versionInfo {
	v := versionInfo{
		Version:   version,
		Commit:    "unknown",
		GoVersion: runtime.Version(),
		Platform:  runtime.GOOS + "/" + runtime.GOARCH,
	}
	var bi *debug.BuildInfo
	if buildInfo != nil {
		bi, _ = buildInfo()
	}
	if bi != nil {
		if v.Version == "" && bi.Main.Version != "(devel)" {
			v.Version = bi.Main.Version
		}
		if bi.GoVersion != "" {
			v.GoVersion = bi.GoVersion
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				v.Commit = s.Value
			case "vcs.modified":
				v.Modified = s.Value == "true"
			}
		}
	}
	if v.Version == "" {
		v.Version = "devel"
	}
	return v
}

func versionRun(_ context.Context, opts *VersionOptions) error {
	v := readVersion(opts.BuildInfo)
	if opts.Output != formatText {
		return writeData(opts.IO.Out, opts.Output, "", v)
	}
	commit := v.Commit
	if v.Modified {
		commit += " (modified)"
	}
	return writeTable(opts.IO.Out, [][]string{
		{"nsconnect", v.Version},
		{"commit", commit},
		{"go", v.GoVersion},
		{"platform", v.Platform},
	})
}
