package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/internal/config"
	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/netsuite/tba"
)

// DoctorOptions are the inputs of nsconnect doctor.
type DoctorOptions struct {
	IO      *IOStreams
	Connect func(ctx context.Context, verbose bool) (*netsuite.Client, *config.Connection, error)
	Now     func() time.Time
	// ControlToken is the emulator's control token, from the environment
	// variable emulator.ControlTokenEnv, for reading its audit trail.
	ControlToken string
}

func newDoctorCmd(f *Factory, runF func(context.Context, *DoctorOptions) error) *cobra.Command {
	opts := &DoctorOptions{IO: f.IO, Connect: f.connect, Now: time.Now}
	opts.ControlToken, _ = f.lookupEnv()(emulator.ControlTokenEnv)
	return &cobra.Command{
		Use:   "doctor",
		Short: "Check the connection and say which setup step is wrong",
		Long: `Check the connection settings, then log in to NetSuite and read its server
time. When the login is refused, NetSuite only answers "Invalid login attempt";
doctor narrows it down: a clock more than 5 minutes off (which it measures),
then the setup steps in the order NetSuite checks them, each with where to
look in NetSuite. Against the nsconnect emulator it reads the emulator's login
audit trail and names the exact reason.`,
		Example: `  nsconnect doctor
  nsconnect --profile production doctor`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return doctorRun(cmd.Context(), opts)
		},
	}
}

// setupSteps are the causes of an INVALID_LOGIN, in the order the login is
// checked, with where each is fixed in NetSuite (REFERENCE.md §1.5, §7.3).
var setupSteps = []string{
	"The account ID: the realm must be the account ID in upper case (1234567_SB1), as Setup > Company > Company Information shows it.",
	"Token-based Authentication and REST Web Services must be enabled: Setup > Company > Enable Features > SuiteCloud.",
	"The integration record must be Enabled, with Token-Based Authentication checked, and the consumer key and secret must be its own: Setup > Integration > Manage Integrations.",
	"The access token must belong to that integration and must not be revoked; the token ID and secret are shown once, when it is created: Setup > Users/Roles > Access Tokens.",
	"The user must be active and still have the token's role, and must not be locked out after failed logins (30 minutes).",
	"The role needs the Log in using Access Tokens and REST Web Services permissions (Setup > Users/Roles > Manage Roles); Access Token Management alone does not allow logging in.",
}

func doctorRun(ctx context.Context, opts *DoctorOptions) error {
	w := opts.IO.Out
	client, conn, err := opts.Connect(ctx, false)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "ok    settings: account %s, realm %s, %s, timezone %s\n", conn.Account, conn.Account.Realm(), conn.BaseURL, conn.Timezone)
	now, resp, err := client.ServerTime(ctx)
	if err == nil {
		fmt.Fprintf(w, "ok    login: NetSuite's time is %s; the connection works\n", now.Format(time.RFC3339))
		if skew := opts.Now().Sub(now); skew > time.Minute || skew < -time.Minute {
			fmt.Fprintf(w, "warn  this machine's clock is %s off NetSuite's; beyond 5 minutes every login fails\n", skew.Round(time.Second))
		}
		return nil
	}
	if !netsuite.IsAuth(err) {
		fmt.Fprintf(w, "fail  NetSuite could not be reached at %s: %v\n", conn.BaseURL, err)
		return apiError(err)
	}
	fmt.Fprintln(w, "fail  login: NetSuite refused it (401 INVALID_LOGIN). NetSuite does not say why; checking what can be checked from here:")
	if resp != nil {
		if date, derr := http.ParseTime(resp.Header.Get("Date")); derr == nil {
			skew := opts.Now().Sub(date)
			if skew > tba.TimestampWindow || skew < -tba.TimestampWindow {
				fmt.Fprintf(w, "fail  clock: this machine is %s off NetSuite's (%s); NetSuite refuses timestamps more than 5 minutes off. Fix the clock (NTP).\n",
					skew.Round(time.Second), date.Format(time.RFC3339))
				return apiError(err)
			}
			fmt.Fprintf(w, "ok    clock: within %s of NetSuite's\n", skew.Round(time.Second).Abs())
		}
	}
	if reason := emulatorReason(ctx, conn, opts.ControlToken); reason != "" {
		fmt.Fprintf(w, "fail  the emulator's login audit trail says: %s\n", reason)
		return apiError(err)
	}
	fmt.Fprintln(w, "      The reason is in NetSuite's Login Audit Trail (Setup > Users/Roles > User Management > View Login Audit Trail). Check, in this order:")
	for i, step := range setupSteps {
		fmt.Fprintf(w, "      %d. %s\n", i+1, step)
	}
	return apiError(err)
}

// emulatorReason asks an nsconnect emulator at the connection's base URL
// for the reason of the newest refused login; "" when the base URL is not
// an emulator (NetSuite has no such endpoint).
func emulatorReason(ctx context.Context, conn *config.Connection, controlToken string) string {
	u := *conn.BaseURL
	if strings.HasSuffix(strings.ToLower(u.Hostname()), ".netsuite.com") {
		return ""
	}
	u.Path = strings.TrimRight(u.Path, "/") + "/_emulator/audit"
	u.RawQuery = "status=Failure&limit=1"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return ""
	}
	if controlToken != "" {
		req.Header.Set("Authorization", "Bearer "+controlToken)
	}
	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return ""
	}
	var trail struct {
		Entries []struct{ Reason, Detail string }
	}
	if json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&trail) != nil || len(trail.Entries) == 0 {
		return ""
	}
	e := trail.Entries[0]
	return e.Reason + ": " + e.Detail
}
