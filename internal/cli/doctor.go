package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/internal/config"
	"github.com/nsconnect/nsconnect/netsuite/doctor"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// DoctorOptions are the inputs of nsconnect doctor.
type DoctorOptions struct {
	IO        *IOStreams
	LookupEnv func(string) (string, bool)
	// Flags are the global connection flags (--profile, --account-id, ...).
	Flags config.Flags
	// ControlToken is the emulator's control token, from the environment
	// variable emulator.ControlTokenEnv, for reading its audit trail.
	ControlToken string

	// Records are the record types whose read permission is checked
	// (--records).
	Records []string
	// Output is text or json.
	Output string
}

func newDoctorCmd(f *Factory, runF func(context.Context, *DoctorOptions) error) *cobra.Command {
	opts := &DoctorOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "doctor [--records TYPE,...]",
		Short: "Check the connection and say which setup step is wrong",
		Long: `Check the connection step by step, in the order it fails: the settings as
written (every field present, NetSuite's formats, a pasted space or line break),
the signer against Oracle's published example, the network and TLS, the login,
this machine's clock against NetSuite's, the role's permissions (reads only:
nothing is written), the account's concurrency limit where NetSuite shows it,
and the account's time zone against the connection's. Each finding says where
in NetSuite's UI to fix it, grouped by the five steps of NetSuite's setup.

When NetSuite refuses the login it only answers "Invalid login attempt"; the
reason is in the account's Login Audit Trail. doctor names the reason when it
can know it (a clock more than 5 minutes off, measured; credentials that log
in to the sandbox, or production, instead) and otherwise ranks the possible
reasons by what it could see. Against the nsconnect emulator it reads the
emulator's audit trail and names the one reason.

With auth m2m (OAuth 2.0 machine to machine), doctor checks instead of the TBA
credentials and the signer: the client ID and certificate ID, the private key
and its algorithm, the certificate when --certificate-file is set (it is the
key's; not expired, not yet valid, or valid more than two years, which NetSuite
shortens), the scopes, and the token exchange, whose refusal it places in the
setup step it points to (the integration record's client credentials grant and
scopes, the M2M mapping and its certificate ID, the role's Log in using OAuth
2.0 Access Tokens permission, the OAuth 2.0 feature); then the same checks as
TBA with the bearer token.

doctor remembers the last login NetSuite accepted for each profile (a hash of
each credential, never the credential) and, when a later login is refused,
says which setting changed since.

Exit status: 0 when nothing failed (warnings allowed), 3 when the connection
or the login failed, 1 when another check failed.`,
		Example: `  nsconnect doctor
  nsconnect doctor --records customer,salesOrder
  nsconnect --profile production doctor -o json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.LookupEnv = f.lookupEnv()
			opts.Flags = f.connectionFlags()
			opts.ControlToken, _ = opts.LookupEnv(emulator.ControlTokenEnv)
			for _, rt := range opts.Records {
				if !validName(rt) {
					return &UsageError{Err: fmt.Errorf("--records %q: want record types separated by commas, such as customer,salesOrder", strings.Join(opts.Records, ",")), Command: cmd.CommandPath()}
				}
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return doctorRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringSliceVar(&opts.Records, "records", nil, "record `types` whose read permission to check, separated by commas, such as customer,salesOrder")
	addOutputFlag(cmd.Flags(), &opts.Output, formatText, formatJSON)
	return cmd
}

// validName reports whether s is a record type name: letters, digits and _.
func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// doctorM2M is the OAuth 2.0 machine-to-machine connection of s for the
// doctor: the values as written, and the contents of the key and
// certificate files, which the doctor checks itself.
func doctorM2M(s *config.Settings) (*doctor.M2M, error) {
	raw := func(f config.Field) string { return s.Value(f).Reveal() }
	m := &doctor.M2M{ClientID: raw(config.FieldClientID), CertificateID: raw(config.FieldCertificateID),
		PrivateKeyFile: raw(config.FieldPrivateKeyFile), CertificateFile: raw(config.FieldCertificateFile)}
	if m.PrivateKeyFile != "" {
		m.PrivateKey, m.PrivateKeyError = os.ReadFile(m.PrivateKeyFile)
	}
	if m.CertificateFile != "" {
		m.Certificate, m.CertificateError = os.ReadFile(m.CertificateFile)
	}
	if v := s.Value(config.FieldScopes); v.IsSet() {
		scopes, err := config.ParseScopes(v.Reveal())
		if err != nil {
			return nil, &config.FieldError{Field: config.FieldScopes, Source: v.Source, Err: err}
		}
		m.Scopes = scopes
	}
	return m, nil
}

func doctorRun(ctx context.Context, opts *DoctorOptions) error {
	s, err := resolveSettings(opts.IO, opts.LookupEnv, opts.Flags, false)
	if err != nil {
		return err
	}
	raw := func(f config.Field) string { return s.Value(f).Reveal() }
	cfg := doctor.Config{
		AccountID: raw(config.FieldAccountID),
		Credentials: tba.Credentials{
			ConsumerKey: raw(config.FieldConsumerKey), ConsumerSecret: tba.Secret(raw(config.FieldConsumerSecret)),
			TokenID: raw(config.FieldTokenID), TokenSecret: tba.Secret(raw(config.FieldTokenSecret)),
		},
		Timezone: raw(config.FieldTimezone),
		Records:  opts.Records,
	}
	if v := s.Value(config.FieldBaseURL); v.Source.Kind != config.SourceDefault {
		cfg.BaseURL = v.Reveal()
	}
	switch v := s.Value(config.FieldAuth); s.Auth() {
	case "":
		_, err := config.ParseAuth(v.Reveal())
		return settingsError(&config.FieldError{Field: config.FieldAuth, Source: v.Source, Err: err}, opts.Flags, s.File)
	case config.AuthM2M:
		m, err := doctorM2M(s)
		if err != nil {
			return settingsError(err, opts.Flags, s.File)
		}
		cfg.M2M = m
	}
	if v := s.Value(config.FieldConcurrency); v.IsSet() {
		n, err := config.ParseConcurrency(v.Reveal())
		if err != nil {
			return settingsError(&config.FieldError{Field: config.FieldConcurrency, Source: v.Source, Err: err}, opts.Flags, s.File)
		}
		cfg.Concurrency = n
	}
	if isEmulator(cfg.BaseURL) {
		cfg.AuditTrail = doctor.EmulatorAuditTrail(cfg.BaseURL, opts.ControlToken, nil)
	}
	state := lastLoginsPath(opts.LookupEnv)
	logins := readLastLogins(state)
	cfg.LastLogin = logins[s.Profile]

	report := doctor.Run(ctx, cfg)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if report.Login != nil && state != "" {
		logins[s.Profile] = report.Login
		if err := writeLastLogins(state, logins); err != nil {
			fmt.Fprintf(opts.IO.ErrOut, "warning: the accepted login could not be remembered in %s: %v\n", state, err)
		}
	}
	if opts.Output == formatJSON {
		if err := writeJSONTo(opts.IO.Out, report); err != nil {
			return err
		}
	} else {
		writeReport(opts.IO.Out, report, opts)
	}
	return doctorError(report)
}

// isEmulator reports whether a base URL is set and is not NetSuite's: then
// it is taken for the nsconnect emulator, whose audit trail can be read.
func isEmulator(baseURL string) bool {
	if baseURL == "" {
		return false
	}
	u, err := url.Parse(baseURL)
	return err == nil && u.Hostname() != "" && !strings.HasSuffix(strings.ToLower(u.Hostname()), ".netsuite.com")
}

// connectionChecks are the checks whose failure means the connection or
// the login failed: nsconnect doctor then exits with ExitConnection.
var connectionChecks = map[string]bool{
	"account_id": true, "consumer_key": true, "consumer_secret": true, "token_id": true, "token_secret": true,
	"base_url": true, "signing": true, "network": true, "login": true, "clock": true,
	"client_id": true, "certificate_id": true, "private_key": true, "certificate": true, "token": true,
}

// doctorError is the error nsconnect doctor returns for a report: nil when
// nothing failed.
func doctorError(r *doctor.Report) error {
	failed := r.Failed()
	if len(failed) == 0 {
		return nil
	}
	titles := make([]string, len(failed))
	connection := false
	for i, c := range failed {
		titles[i] = c.Title
		connection = connection || connectionChecks[c.ID]
	}
	err := fmt.Errorf("%s failed: %s", plural(len(failed), "check"), strings.Join(titles, ", "))
	if connection {
		return fmt.Errorf("%w: %w", ErrConnectionFailed, err)
	}
	return err
}

// writeReport writes the report for people, grouped by setup step, each
// check with its status, what was found and the fix.
func writeReport(w io.Writer, r *doctor.Report, opts *DoctorOptions) {
	account := r.Account
	if account == "" {
		account = "(no valid account ID)"
	}
	fmt.Fprintf(w, "Account %s", account)
	if r.BaseURL != "" {
		fmt.Fprintf(w, " at %s", r.BaseURL)
	}
	fmt.Fprintln(w)
	for _, step := range doctor.Steps() {
		first := true
		for _, c := range r.Checks {
			if c.Step != step {
				continue
			}
			if first {
				fmt.Fprintf(w, "\n%s\n", step.Title())
				first = false
			}
			writeCheck(w, c, opts)
		}
	}
}

func writeCheck(w io.Writer, c doctor.Check, opts *DoctorOptions) {
	fmt.Fprintf(w, "  %-5s %s: %s\n", c.Status, c.Title, c.Reason)
	if c.Fix != "" {
		fmt.Fprintf(w, "        fix: %s\n", c.Fix)
	}
	if hint := doctorHint(c, opts); hint != "" {
		fmt.Fprintf(w, "        hint: %s\n", hint)
	}
	if len(c.Candidates) > 0 {
		fmt.Fprintln(w, "        The possible reasons, most likely first:")
		for i, cand := range c.Candidates {
			fmt.Fprintf(w, "        %d. %s (%s): %s\n", i+1, cand.Reason, stepName(cand.Step), cand.Cause)
			fmt.Fprintf(w, "           evidence: %s\n", cand.Evidence)
			fmt.Fprintf(w, "           fix: %s\n", cand.Fix)
		}
	}
	if len(c.RuledOut) > 0 {
		fmt.Fprintln(w, "        Ruled out:")
		for _, cand := range c.RuledOut {
			fmt.Fprintf(w, "        - %s: %s\n", cand.Reason, cand.Evidence)
		}
	}
}

// stepName is a step's short name.
func stepName(s doctor.Step) string {
	if s <= doctor.StepSettings {
		return "this machine"
	}
	return fmt.Sprintf("step %d", int(s))
}

// doctorHint is what the CLI adds to a check that is not all right: the
// flag or variable that sets the value, or the flag that runs more checks.
// The library's findings name no flag.
func doctorHint(c doctor.Check, opts *DoctorOptions) string {
	if c.Status == doctor.OK || c.Status == doctor.Skip && (c.ID != "records" || len(opts.Records) > 0) {
		return ""
	}
	switch c.ID {
	case "account_id":
		return "set it with --account-id or NETSUITE_ACCOUNT_ID, or save it with 'nsconnect config init'"
	case "consumer_key", "consumer_secret", "token_id", "token_secret":
		return fmt.Sprintf("set it with NETSUITE_%s, or save it with 'nsconnect config init'", strings.ToUpper(c.ID))
	case "timezone_setting", "timezone":
		return "set it with --timezone or NETSUITE_TIMEZONE"
	case "base_url":
		return "set it with --base-url or NETSUITE_BASE_URL"
	case "concurrency":
		if c.Status == doctor.Warn {
			return "set it with --concurrency or NETSUITE_CONCURRENCY"
		}
	case "records":
		return "name the record types this connection uses with --records, such as --records customer,salesOrder"
	case "login":
		if strings.Contains(c.Reason, "audit trail could not be read") && opts.ControlToken == "" {
			return "an emulator started with a control token needs it in " + emulator.ControlTokenEnv
		}
	}
	return ""
}

// lastLoginsPath is the file that keeps the last accepted login of each
// profile; "" when there is no state directory.
func lastLoginsPath(lookupEnv func(string) (string, bool)) string {
	p, err := defaultStatePath(runtime.GOOS, lookupEnv, os.UserHomeDir, os.UserConfigDir, "doctor.json")
	if err != nil {
		return ""
	}
	return p
}

// readLastLogins reads the last accepted logins, by profile; a missing or
// unreadable file is no logins.
func readLastLogins(path string) map[string]*doctor.Login {
	logins := map[string]*doctor.Login{}
	if path == "" {
		return logins
	}
	data, err := os.ReadFile(path)
	if err == nil {
		json.Unmarshal(data, &logins)
	}
	return logins
}

// writeLastLogins replaces the file of last accepted logins.
func writeLastLogins(path string, logins map[string]*doctor.Login) error {
	data, err := json.MarshalIndent(logins, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".doctor-*.json")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(append(data, '\n'))
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
