package cli

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/emulator"
)

// EmulatorOptions are the inputs of nsconnect emulator.
type EmulatorOptions struct {
	IO *IOStreams

	Listen      string
	AccountFile string
	DataPath    string
	Concurrency int
	Latency     time.Duration
	// QueryTimeout bounds one SuiteQL query (--query-timeout).
	QueryTimeout time.Duration
	Faults       string
	SeedRecords  int
	NoSeed       bool
	DumpAccount  bool
	Verbose      bool
	// ControlToken guards the control plane (--control-token, or the
	// environment variable emulator.ControlTokenEnv).
	ControlToken string
	// M2MKeyFile is where the demo M2M private key is written
	// (--m2m-key-file; the command defaults it to DefaultM2MKeyFile); ""
	// writes none.
	M2MKeyFile string
}

// DefaultM2MKeyFile is where `nsconnect emulator` writes the demo M2M
// private key without --m2m-key-file: the user's cache directory
// (os.UserCacheDir: ~/.cache on Linux, ~/Library/Caches on macOS,
// %LocalAppData% on Windows), else the temporary directory. The key is the
// emulator's public demo key, the same on every machine.
func DefaultM2MKeyFile() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "nsconnect", "emulator-demo-m2m-key.pem")
}

func newEmulatorCmd(f *Factory, runF func(context.Context, *EmulatorOptions) error) *cobra.Command {
	opts := &EmulatorOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "emulator",
		Short: "Run the NetSuite emulator",
		Long: `Run a local NetSuite emulator: the REST record API and SuiteQL
(POST /services/rest/query/v1/suiteql) with Token-Based Authentication
checked as NetSuite checks it, roles and permissions, the account's
concurrency limit, and injected faults. It serves a built-in demo
account with a small company's data, or the account described by --account.

When it is ready it prints one JSON line on stdout with its URL and the demo
credentials, for scripts and clients in other languages:

  {"url":"http://127.0.0.1:8080","accountId":"1234567_SB1","consumerKey":"...",
   "consumerSecret":"...","tokenId":"...","tokenSecret":"...","timezone":"America/Los_Angeles",
   "clientId":"...","certificateId":"...","privateKeyFile":"..."}

The last three are for OAuth 2.0 client credentials (machine to machine):
the demo integration's client ID, the demo mapping's certificate ID, and the
file the emulator wrote the demo private key to (EC P-256, PKCS#8 PEM, mode
0600; --m2m-key-file, by default in your cache directory). A client signs an
ES256 assertion with it and exchanges it at
POST /services/rest/auth/oauth2/v1/token for a bearer token that works on
every REST path for 60 minutes.

and on stderr the one command that saves that connection as a profile:

  nsconnect config init --from-emulator http://127.0.0.1:8080 --profile emulator

The credentials are the emulator's own, never a real account's; GET
/_emulator/connection answers the same line. A refused
login answers NetSuite's generic 401 INVALID_LOGIN; the reason is in the login
audit trail at /_emulator/audit. Other emulator-only endpoints live under
/_emulator/: health, reset, clock, governance and account changes (see the
emulator's README). The control plane answers requests addressed to this
machine only (localhost or a loopback address), from no other web origin,
with JSON bodies; with --control-token (or NSCONNECT_EMULATOR_CONTROL_TOKEN)
it requires "Authorization: Bearer <token>" instead of a local address.

Listening on an address other than loopback makes the API, the control plane
and the demo credentials reachable from the network: the emulator warns, and
you should set a control token.

Faults (--faults) are drawn per API request from a generator seeded with
seed=N, so a run that sends the same requests in the same order meets the
same faults. slow delays a request before it is carried out, and 429, 500
and drop answer in its place: nothing is done. 500-after, drop-after and
slow-after strike once it is carried out, a write committed: the answer is
replaced by a 500, the connection is closed without an answer, or the
answer waits (a client that gives up meanwhile has lost it). A client that sends a create again
after one of these makes a second record, as it would against NetSuite.

It runs until interrupted (Ctrl-C).`,
		Example: `  # Run on a free port and capture the JSON line
  nsconnect emulator --listen 127.0.0.1:0

  # Point nsconnect at it: save its connection as the profile "emulator"
  nsconnect config init --from-emulator http://127.0.0.1:8080 --profile emulator

  # Slow and flaky, to test a client's retries
  nsconnect emulator --latency 100ms --concurrency 5 --faults 429=0.05,500=0.01,seed=7

  # Lose 5 % of the answers after the work: creates done, answers lost
  nsconnect emulator --faults drop-after=0.03,500-after=0.02,seed=7

  # Keep the records across restarts
  nsconnect emulator --data emulator.db

  # Start an account file of your own from the demo account
  nsconnect emulator --dump-account > account.yaml`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.ControlToken == "" {
				opts.ControlToken, _ = f.lookupEnv()(emulator.ControlTokenEnv)
			}
			if opts.M2MKeyFile == "" {
				opts.M2MKeyFile = DefaultM2MKeyFile()
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return emulatorRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Listen, "listen", "127.0.0.1:8080", "address to listen on; port 0 picks a free port")
	fl.StringVar(&opts.AccountFile, "account", "", "YAML account file (default: the built-in demo account)")
	fl.StringVar(&opts.DataPath, "data", "", "SQLite file that keeps the records across restarts (default: a temporary database, deleted on exit)")
	fl.IntVar(&opts.Concurrency, "concurrency", 0, "concurrency limit; requests past it get 429 (default: the account's, 5 for the demo)")
	fl.DurationVar(&opts.Latency, "latency", 0, "latency added to every API request before it is carried out, such as 100ms")
	fl.DurationVar(&opts.QueryTimeout, "query-timeout", emulator.DefaultQueryTimeout, "how long one SuiteQL query may run before it is stopped with an error")
	fl.StringVar(&opts.Faults, "faults", "", "fault rates from 0 to 1: before the work 429=R,500=R,drop=R,slow=R[:DURATION]; after it 500-after=R,drop-after=R,slow-after=R[:DURATION]; seed=N")
	fl.IntVar(&opts.SeedRecords, "seed-records", 0, "scale the demo data to about this many records (default: the demo size)")
	fl.BoolVar(&opts.NoSeed, "no-seed", false, "start with no records")
	fl.BoolVar(&opts.DumpAccount, "dump-account", false, "print the demo account file and exit")
	fl.BoolVar(&opts.Verbose, "verbose", false, "log every request on stderr")
	fl.StringVar(&opts.ControlToken, "control-token", "", "require this bearer token on the control plane (default: $"+emulator.ControlTokenEnv+")")
	fl.StringVar(&opts.M2MKeyFile, "m2m-key-file", "", "file to write the demo OAuth 2.0 M2M private key to, mode 0600 (default: nsconnect/emulator-demo-m2m-key.pem in your cache directory)")
	return cmd
}

func emulatorRun(ctx context.Context, opts *EmulatorOptions) error {
	if opts.DumpAccount {
		data, err := emulator.DemoAccountYAML()
		if err != nil {
			return err
		}
		_, err = opts.IO.Out.Write(data)
		return err
	}
	faults, err := emulator.ParseFaults(opts.Faults)
	if err != nil {
		return &UsageError{Err: fmt.Errorf("--faults: %w", err), Command: "nsconnect emulator"}
	}
	if opts.Concurrency < 0 || opts.Latency < 0 || opts.SeedRecords < 0 || opts.QueryTimeout < 0 {
		return &UsageError{Err: fmt.Errorf("--concurrency, --latency, --query-timeout and --seed-records cannot be negative"), Command: "nsconnect emulator"}
	}
	level := slog.LevelInfo
	if opts.Verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(opts.IO.ErrOut, &slog.HandlerOptions{Level: level}))
	var progress func(done, total int)
	if opts.SeedRecords > 0 {
		fmt.Fprintf(opts.IO.ErrOut, "Seeding about %d records...\n", opts.SeedRecords)
		lastShown := -1
		progress = func(done, total int) {
			// Every 10 %: often enough to see it move, rarely enough to read.
			if pct := done * 100 / max(total, 1); pct/10 != lastShown {
				lastShown = pct / 10
				fmt.Fprintf(opts.IO.ErrOut, "  %3d %% (%d of %d)\n", pct, done, total)
			}
		}
	}
	srv, err := emulator.NewServer(emulator.Options{
		AccountFile:  opts.AccountFile,
		DataPath:     opts.DataPath,
		NoSeed:       opts.NoSeed,
		SeedRecords:  opts.SeedRecords,
		SeedProgress: progress,
		Listen:       opts.Listen,
		Concurrency:  opts.Concurrency,
		Latency:      opts.Latency,
		QueryTimeout: opts.QueryTimeout,
		Faults:       faults,
		Logger:       logger,
		ControlToken: opts.ControlToken,

		DemoM2MKeyFile: opts.M2MKeyFile,
	})
	if err != nil {
		return err
	}
	defer srv.Close()
	conn, err := srv.Connection()
	if err != nil {
		return err
	}
	// The emulator's own credentials, printed by contract: the ready line that
	// Connection.ReadyLine documents.
	fmt.Fprintf(opts.IO.Out, "%s\n", conn.ReadyLine())
	if !emulator.IsLoopback(opts.Listen) {
		fmt.Fprintf(opts.IO.ErrOut, "WARNING: listening on %s, which is not a loopback address: the REST API and the demo credentials above are reachable from the network.\n", opts.Listen)
		if opts.ControlToken == "" {
			fmt.Fprintln(opts.IO.ErrOut, "The control plane still answers only requests addressed to this machine; set --control-token to reach it from elsewhere.")
		}
	}
	fmt.Fprintf(opts.IO.ErrOut, "NetSuite emulator for account %s listening on %s (Ctrl-C to stop)\n", srv.AccountID(), srv.URL())
	fmt.Fprintf(opts.IO.ErrOut, "Connect with: nsconnect config init --from-emulator %s --profile emulator\n", srv.URL())
	if opts.ControlToken != "" {
		fmt.Fprintf(opts.IO.ErrOut, "(with %s set to the control token)\n", emulator.ControlTokenEnv)
	}
	<-ctx.Done()
	fmt.Fprintln(opts.IO.ErrOut, "Stopping the emulator.")
	return nil
}
