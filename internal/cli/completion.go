package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/nsconnect/nsconnect/internal/config"
)

// typesCacheTTL is how long the record types of an account are taken from
// the cache before completion reads the metadata again.
const typesCacheTTL = 24 * time.Hour

// completeRecordType completes the first argument of a record command with
// the account's record types, from the metadata catalog, cached per account
// for a day in the user cache directory.
func (f *Factory) completeRecordType(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	types := f.recordTypes(cmd.Context())
	var out []string
	for _, t := range types {
		if strings.HasPrefix(strings.ToLower(t), strings.ToLower(toComplete)) {
			out = append(out, t)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// typesCache is the file that caches an account's record types.
type typesCache struct {
	Account string    `json:"account"`
	Fetched time.Time `json:"fetched"`
	Types   []string  `json:"types"`
}

// recordTypes returns the record types of the account in use, from the
// cache when it is fresh; nil when they cannot be read (completion then
// offers nothing rather than failing).
func (f *Factory) recordTypes(ctx context.Context) []string {
	if ctx == nil {
		ctx = context.Background()
	}
	client, conn, err := f.connectWith(ctx, connectOptions{Quiet: true})
	if err != nil {
		return nil
	}
	account := conn.Account.String()
	var path string
	if f.CacheDir != nil {
		if dir, err := f.CacheDir(); err == nil {
			path = filepath.Join(dir, "nsconnect", "record-types-"+strings.ToLower(account)+".json")
			if data, err := os.ReadFile(path); err == nil {
				var c typesCache
				if json.Unmarshal(data, &c) == nil && c.Account == account && time.Since(c.Fetched) < typesCacheTTL && len(c.Types) > 0 {
					return c.Types
				}
			}
		}
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	types, _, err := client.Metadata.List(ctx, nil)
	if err != nil {
		return nil
	}
	if path != "" {
		if data, err := json.Marshal(typesCache{Account: account, Fetched: time.Now(), Types: types}); err == nil {
			if os.MkdirAll(filepath.Dir(path), 0o700) == nil {
				_ = os.WriteFile(path, data, 0o600)
			}
		}
	}
	return types
}

// completeProfile completes --profile with the profiles in the config file.
func (f *Factory) completeProfile(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	path, err := config.Path(f.lookupEnv())
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	file, err := config.ReadFile(path, nil)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return file.Names(), cobra.ShellCompDirectiveNoFileComp
}

// commonZones are offered when completing --timezone; any IANA name works.
var commonZones = []string{
	"America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
	"America/Anchorage", "Pacific/Honolulu", "America/Toronto", "America/Vancouver", "America/Mexico_City",
	"America/Sao_Paulo", "Europe/London", "Europe/Dublin", "Europe/Paris", "Europe/Berlin", "Europe/Amsterdam",
	"Asia/Kolkata", "Asia/Singapore", "Asia/Tokyo", "Asia/Shanghai", "Australia/Sydney", "Pacific/Auckland", "UTC",
}

// registerCompletions completes, under root, --profile, --timezone and
// every flag with a fixed set of values (--output, --mode).
func registerCompletions(root *cobra.Command, f *Factory) {
	_ = root.RegisterFlagCompletionFunc("profile", f.completeProfile)
	_ = root.RegisterFlagCompletionFunc("timezone", cobra.FixedCompletions(commonZones, cobra.ShellCompDirectiveNoFileComp))
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().VisitAll(func(fl *pflag.Flag) {
			if e, ok := fl.Value.(*enumValue); ok {
				_ = c.RegisterFlagCompletionFunc(fl.Name, cobra.FixedCompletions(e.allowed, cobra.ShellCompDirectiveNoFileComp))
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
