package cli

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/connector"
	"github.com/nsconnect/nsconnect/netsuite/nstime"
	"github.com/nsconnect/nsconnect/netsuite/tba"
	"github.com/nsconnect/nsconnect/store"
)

// WatchOptions are the inputs of nsconnect watch.
type WatchOptions struct {
	IO        *IOStreams
	Connect   connectFunc
	LookupEnv func(string) (string, bool)

	Type string // the argument: the REST record type, "" with --query
	// On is new, updated or deleted for a type, query for --query.
	On           string
	Query        string
	CursorColumn string
	// Since is --since as given: it is read in the account time zone,
	// which is known only once connected.
	Since         string
	FromBeginning bool
	// ToFile is the file of --to file:PATH, ToURL the webhook of --to
	// https://...; both "" for stdout.
	ToFile string
	ToURL  string
	// The webhook's settings: where its secret is (--webhook-secret-file;
	// "" means NSCONNECT_WEBHOOK_SECRET), how many attempts an event gets
	// and the first wait between them, and the dead-letter file ("" means
	// one beside the state file).
	WebhookSecretFile string
	WebhookAttempts   int
	WebhookBackoff    time.Duration
	DeadLetter        string
	State             string // --state; "" means defaultStatePath
	Name              string // --name; "" means derived (watchName)
	Interval          time.Duration
	Overlap           time.Duration
	Batch             int
	Fetch             string // record or columns
	Once              bool

	Net NetOptions
}

const watchLong = `Watch records and deliver each change once, as NDJSON: new records,
new or updated records, deleted records, or the rows of a SuiteQL query.
Each poll reads what changed since the cursor, delivers it in order of
time and internal ID, and commits the cursor, the delivered keys and the
output file's length in one transaction in the state file; then the next
poll comes --interval later. Stop it with Ctrl-C: it finishes the poll in
progress and exits. Run the same command again and it resumes from the
committed cursor.

What is watched:
  TYPE --on new        records of TYPE created (by dateCreated)
  TYPE --on updated    records created or changed (by lastModifiedDate)
  TYPE --on deleted    records deleted (NetSuite's deleted-record data)
  --query 'SELECT ...' --cursor-column COLUMN
                       the rows of a SuiteQL query; it selects id and the
                       datetime COLUMN, and holds the placeholder :cursor,
                       where each poll puts its lower bound
                       (WHERE lastmodifieddate >= :cursor)

Guarantees:
  - To stdout, at least once: a crash or kill between writing events and
    committing them writes them again on the next run.
  - To a file (--to file:PATH), exactly once: the file is fsync'd before
    the commit, and a restart cuts it back to the committed length, so a
    kill at any moment leaves every event in it exactly once.
  - To a webhook (--to https://URL), at least once: an event the receiver
    took before a crash, or before a failure later in its batch, is sent
    again, with the same webhook-id header, the idempotency key by which
    the receiver recognises a repeat. See Webhooks below.
  - Every poll reaches back --overlap before the cursor, so that a record
    NetSuite commits late (a long save) is still seen; what was delivered
    already is recognised by its internal ID and time and not delivered
    again.
  - NetSuite keeps times to the second: several edits of one record within
    one second are one event, with the record's latest state. Edits in
    different seconds are one event each, unless a record changes again
    before a poll sees the first change: a poll sees the state a record is
    in, not its history.

Where it starts: the first run of a watch starts now (only changes from
now on), at --since, or with --from-beginning at every record there is;
later runs continue from the committed cursor, whatever they are given.
--since is read in the account time zone (--timezone, NETSUITE_TIMEZONE):
2026-11-01 is the start of that day there, 2026-11-01T09:00 and
2026-11-01 09:00:00 are wall times there (a time the clocks skipped is
moved forward by the gap; one they showed twice is the first, earlier
one); a value with Z or an offset (2026-11-01T17:00:00Z) is taken as is.

State: one SQLite file holds the cursors of many watches, each under its
name: by default the account, the type, --on (or a hash of the query) and
the destination, such as 1234567_SB1/customer/updated/stdout. --name
gives another name (a new name starts afresh). The file is --state, by
default nsconnect/watch.db in $XDG_STATE_HOME or ~/.local/state on Linux,
in ~/Library/Application Support on macOS and in %AppData% on Windows.
--state postgres://USER:PASSWORD@HOST/DB (or postgresql://) keeps the
state in a Postgres database instead, for processes on several machines;
messages show it without the password. One watch runs once per state: a
second process of the same watch is refused, naming the one that runs it
(a lock file beside a state file; a Postgres advisory lock).

Each event is one line: {"on":"updated","recordType":"customer","id":"107",
"at":"2026-11-01T16:02:05Z","record":{...}}; at is NetSuite's time of the
change, in UTC; record is the full record (--fetch record, the default for
a type) or the query's columns (--fetch columns, the default and only
choice for --query), and absent for deletes. On stderr each poll says how
many events it delivered, the cursor (in the account time zone) and when
the next poll is; --quiet hides that.

--once polls once and exits, 0 even when there was nothing new: run it
from cron, with the same state file each time, for a watch without a
process that stays up.

Webhooks: --to https://URL (or http:// to localhost, 127.0.0.1 or [::1])
POSTs each event, one a request, as the JSON of a line above, with the
Standard Webhooks headers (www.standardwebhooks.com): webhook-id, the
event's idempotency key, the same each time the event is sent;
webhook-timestamp, the attempt's Unix time; and webhook-signature, "v1,"
and the base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}".
The secret that signs is read from --webhook-secret-file or
NSCONNECT_WEBHOOK_SECRET, never from the command line: whsec_ and the
base64 of 24 to 64 random bytes (to rotate it, give the old and the new,
separated by white space: each signs). A 2xx answer delivers the event. A 5xx, a 429, a
failed connection or no answer within 30s is tried again after a wait
that doubles from --webhook-backoff up to 5 minutes (longer when the
receiver's Retry-After asks, up to an hour), --webhook-attempts times in
all; after that, or at once for any other answer (a 4xx, a redirect), the
event goes to the dead-letter file (--dead-letter, NDJSON, fsync'd: the
event, its key, the last answer), and the watch goes on. The cursor moves
past an event only once it was delivered or dead-lettered. Ctrl-C while
the receiver fails stops at once, and the batch is sent again next run.
docs/webhooks.md shows how a receiver checks the signature.`

const watchExample = `  # New or changed customers, as they happen, to stdout
  nsconnect watch customer --on updated

  # New sales orders since the start of a day in the account time zone, to a file, exactly once
  nsconnect watch salesOrder --on new --since 2026-11-01 --to file:orders.ndjson

  # Deleted customers, every one NetSuite still lists
  nsconnect watch customer --on deleted --from-beginning

  # A query: the rows it returns when they change, with the columns only
  nsconnect watch --cursor-column lastmodifieddate --query "SELECT id, companyname, email,
    lastmodifieddate FROM customer WHERE lastmodifieddate >= :cursor AND isinactive = 'F'"

  # From cron, every 5 minutes: one poll a run, resuming from the state file
  */5 * * * * cd "$HOME/crm" && nsconnect watch customer --on updated --once --quiet --to file:customers.ndjson

  # To a webhook, signed with the secret in a file
  nsconnect watch customer --on updated --to https://hooks.example.com/netsuite --webhook-secret-file webhook.secret`

// The kinds of watch --on takes, and query for --query.
const (
	watchOnNew     = "new"
	watchOnUpdated = "updated"
	watchOnDeleted = "deleted"
	watchOnQuery   = "query"
)

// The fetch modes --fetch takes.
const (
	fetchRecord  = "record"
	fetchColumns = "columns"
)

// defaultWatchInterval is --interval's default.
const defaultWatchInterval = 30 * time.Second

func newWatchCmd(f *Factory, runF func(context.Context, *WatchOptions) error) *cobra.Command {
	opts := &WatchOptions{IO: f.IO, Connect: f.connectWith, LookupEnv: f.lookupEnv()}
	var to string
	cmd := &cobra.Command{
		Use:     "watch (TYPE --on new|updated|deleted | --query 'SELECT ... :cursor ...' --cursor-column COLUMN)",
		Short:   "Deliver new, changed or deleted records, or query rows, once each, as NDJSON",
		Long:    watchLong,
		Example: watchExample,
		Args:    maxArgs(1),
		RunE: runner(opts, func(cmd *cobra.Command, args []string) error {
			usage := usagef(cmd)
			if len(args) == 1 {
				opts.Type = args[0]
			}
			opts.Query = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(opts.Query), ";"))
			switch {
			case opts.Type == "" && opts.Query == "":
				return usage("give a record type and --on new|updated|deleted, or --query 'SELECT ...' with --cursor-column")
			case opts.Type != "" && opts.Query != "":
				return usage("give a record type or --query, not both")
			case opts.Type != "" && !validTypeName(opts.Type):
				return usage("%q is not a record type name (letters, digits and _)", opts.Type)
			case opts.Type != "" && opts.On == "":
				return usage("say what to watch %s for: --on new, updated or deleted", opts.Type)
			case opts.Type != "" && opts.CursorColumn != "":
				return usage("--cursor-column goes with --query: a record type's column comes from --on")
			case opts.Query != "" && opts.On != "":
				return usage("--on goes with a record type: a --query delivers its rows, whatever changed")
			case opts.Query != "" && opts.CursorColumn == "":
				return usage("--query needs --cursor-column, the datetime column its :cursor bounds, such as lastmodifieddate")
			case opts.Query != "" && !strings.Contains(strings.ToLower(opts.Query), ":cursor"):
				return usage("the query has no :cursor placeholder; each poll puts its lower bound there, as in WHERE %s >= :cursor", opts.CursorColumn)
			case opts.Query != "" && opts.Fetch == fetchRecord:
				return usage("--fetch record goes with a record type; a --query delivers its columns")
			case opts.Since != "" && opts.FromBeginning:
				return usage("--since and --from-beginning both say where to start: give one")
			case opts.Interval <= 0:
				return usage("--interval %s: give a positive duration, such as 30s or 5m", opts.Interval)
			case opts.Overlap < 0:
				return usage("--overlap %s: give a duration of 0 or more", opts.Overlap)
			case opts.Batch < 0:
				return usage("--batch %d: give a number of events, or 0 for the default", opts.Batch)
			}
			if opts.Query != "" {
				opts.On = watchOnQuery
				opts.CursorColumn = strings.ToLower(opts.CursorColumn)
				opts.Fetch = fetchColumns
			} else if opts.Fetch == "" {
				opts.Fetch = fetchRecord
			}
			if opts.Since != "" {
				// The syntax now; the instant once the account time
				// zone is known.
				if _, err := nstime.ParseDateTime(opts.Since, time.UTC); err != nil {
					return usage("--since: %s", cleanMessage(err.Error()))
				}
			}
			file, hook, err := parseWatchTo(to)
			if err != nil {
				return &UsageError{Err: err, Command: cmd.CommandPath()}
			}
			opts.ToFile, opts.ToURL = file, hook
			if hook == "" {
				for _, name := range []string{"webhook-secret-file", "webhook-attempts", "webhook-backoff", "dead-letter"} {
					if cmd.Flags().Changed(name) {
						return usage("--%s goes with --to https://...: the events go to %s", name, to)
					}
				}
			}
			switch {
			case opts.WebhookAttempts < 1:
				return usage("--webhook-attempts %d: give 1 or more", opts.WebhookAttempts)
			case opts.WebhookBackoff <= 0:
				return usage("--webhook-backoff %s: give a positive duration, such as 1s", opts.WebhookBackoff)
			}
			return nil
		}, runF, watchRun),
	}
	fl := cmd.Flags()
	fl.Var(newEnumValue(&opts.On, "kind", watchOnNew, watchOnUpdated, watchOnDeleted), "on", "what to watch for: new, updated (new or changed) or deleted records")
	fl.StringVar(&opts.Query, "query", "", "watch the rows of this SuiteQL `query`, which holds :cursor (instead of TYPE --on)")
	fl.StringVar(&opts.CursorColumn, "cursor-column", "", "the datetime `column` of --query that :cursor bounds, such as lastmodifieddate")
	fl.StringVar(&opts.Since, "since", "", "on the first run, start at this `datetime` (account time zone unless it has Z or an offset) instead of now")
	fl.BoolVar(&opts.FromBeginning, "from-beginning", false, "on the first run, deliver every record there is instead of starting now")
	fl.StringVar(&to, "to", "stdout", "the `destination` of the events: stdout, file:PATH (appended to, exactly once) or a webhook's https://URL (at least once)")
	fl.StringVar(&opts.WebhookSecretFile, "webhook-secret-file", "", "the `file` that holds the webhook's signing secret (default: env "+envWebhookSecret+")")
	fl.IntVar(&opts.WebhookAttempts, "webhook-attempts", connector.DefaultWebhookAttempts, "how many times an event is sent before it goes to the dead-letter file")
	fl.DurationVar(&opts.WebhookBackoff, "webhook-backoff", connector.DefaultWebhookBackoff, "the `wait` after an event's first failed attempt, doubled after each other one up to 5m")
	fl.StringVar(&opts.DeadLetter, "dead-letter", "", "the `file` of the events the webhook refused or that failed every attempt (default: beside the state file; with a Postgres --state, in the user state directory)")
	fl.StringVar(&opts.State, "state", "", "the state `file` or postgres:// URL that keeps the cursors (default: watch.db in the user state directory, see above)")
	fl.StringVar(&opts.Name, "name", "", "the `name` of this watch's state (default: from the account, type, --on or query, and --to)")
	fl.DurationVar(&opts.Interval, "interval", defaultWatchInterval, "the `time` between polls")
	fl.DurationVar(&opts.Overlap, "overlap", 0, "how far each poll reaches back before the cursor, for records saved late (default "+connector.DefaultOverlap.String()+")")
	fl.IntVar(&opts.Batch, "batch", 0, "the most events handed on, and committed, at once (default 100)")
	fl.Var(newEnumValue(&opts.Fetch, "mode", fetchRecord, fetchColumns), "fetch", "what an event carries: record (the full record, default for a type) or columns (the query's)")
	fl.BoolVar(&opts.Once, "once", false, "poll once and exit, 0 even with nothing new (for cron)")
	addNetFlags(fl, &opts.Net)
	return cmd
}

// parseWatchTo reads --to: stdout (or -) gives "", "", file:PATH gives
// PATH, "", and a webhook's URL gives "", the URL.
func parseWatchTo(s string) (file, hook string, err error) {
	switch {
	case s == "stdout" || s == "-":
		return "", "", nil
	case strings.HasPrefix(s, "file:"):
		p := strings.TrimPrefix(s, "file:")
		if p == "" {
			return "", "", errors.New("--to file: needs a path, as in file:events.ndjson")
		}
		return p, "", nil
	case hasPrefixFold(s, "https://") || hasPrefixFold(s, "http://"):
		if _, err := connector.CheckWebhookURL(s); err != nil {
			return "", "", fmt.Errorf("--to: %s", message(err))
		}
		return "", s, nil
	}
	if scheme, _, ok := strings.Cut(s, "://"); ok {
		// Not the rest: a mistyped webhook URL can hold a credential.
		return "", "", fmt.Errorf("--to %s://...: use stdout, file:PATH or a webhook's https://URL", scheme)
	}
	return "", "", fmt.Errorf("--to %q: use stdout, file:PATH or a webhook's https://URL", s)
}

// hasPrefixFold is strings.HasPrefix ignoring case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// envWebhookSecret holds the webhook's signing secret when
// --webhook-secret-file is not given.
const envWebhookSecret = "NSCONNECT_WEBHOOK_SECRET"

// webhookSecret reads the webhook's signing secret: from
// --webhook-secret-file, else from NSCONNECT_WEBHOOK_SECRET. Its errors
// name the source and never show the secret.
func webhookSecret(opts *WatchOptions) (tba.Secret, error) {
	var secret, source string
	if opts.WebhookSecretFile != "" {
		b, err := os.ReadFile(opts.WebhookSecretFile)
		if err != nil {
			return "", fmt.Errorf("reading the webhook secret: %w", err)
		}
		secret, source = string(b), "--webhook-secret-file "+opts.WebhookSecretFile
	} else if v, ok := opts.LookupEnv(envWebhookSecret); ok && strings.TrimSpace(v) != "" {
		secret, source = v, envWebhookSecret
	} else {
		return "", &UsageError{Err: fmt.Errorf("a webhook needs the secret that signs its requests: give --webhook-secret-file PATH, or set %s; %s", envWebhookSecret, webhookSecretHint)}
	}
	if _, err := connector.ParseWebhookSecret(secret); err != nil {
		return "", fmt.Errorf("%s: %s", source, message(err))
	}
	return tba.Secret(secret), nil
}

// webhookSecretHint says how to make a secret.
const webhookSecretHint = `make one with: printf 'whsec_%s\n' "$(head -c 32 /dev/urandom | base64)" > webhook.secret`

// defaultDeadLetter is the dead-letter file of the watch name when
// --dead-letter is not given: in dir (openState's: the state file's, or
// the user state directory for a Postgres state), named by a hash of the
// name (which holds slashes and colons).
func defaultDeadLetter(dir, name string) string {
	sum := sha256.Sum256([]byte(name))
	return filepath.Join(dir, "dead-letter-"+hex.EncodeToString(sum[:6])+".ndjson")
}

// openState opens the state of --state: a postgres:// URL's database, or
// a file, by default nsconnect/FILE in the user state directory
// (defaultStatePath). dir is the state file's directory, or for a
// database the user state directory, where files that go with the state
// are kept; it exists.
func openState(ctx context.Context, state string, lookupEnv func(string) (string, bool), file string) (st store.Store, dir string, err error) {
	path := state
	if path == "" || store.IsPostgresURL(state) {
		if path, err = defaultStatePath(runtime.GOOS, lookupEnv, os.UserHomeDir, os.UserConfigDir, file); err != nil {
			return nil, "", err
		}
	}
	dir = filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, "", fmt.Errorf("creating the state directory: %w", err)
	}
	if store.IsPostgresURL(state) {
		if st, err = store.OpenPostgres(ctx, state); err != nil {
			return nil, "", fmt.Errorf("opening the state database: %w", err)
		}
		return st, dir, nil
	}
	if st, err = store.OpenSQLite(path); err != nil {
		return nil, "", fmt.Errorf("opening the state file %s: %w", path, err)
	}
	return st, dir, nil
}

// defaultStatePath is the state file, called file (watch.db, import.db),
// when --state is not given: nsconnect/FILE in $XDG_STATE_HOME when that is an absolute path, else
// in ~/.local/state on Linux and other Unix systems, and in the directory
// of the config file (os.UserConfigDir, as internal/config) on macOS and
// Windows, which have no state directory of their own.
func defaultStatePath(goos string, lookupEnv func(string) (string, bool), homeDir, configDir func() (string, error), file string) (string, error) {
	if d, ok := lookupEnv("XDG_STATE_HOME"); ok && filepath.IsAbs(d) {
		return filepath.Join(d, "nsconnect", file), nil
	}
	var dir string
	var err error
	switch goos {
	case "darwin", "ios", "windows", "plan9":
		dir, err = configDir()
	default:
		dir, err = homeDir()
		dir = filepath.Join(dir, ".local", "state")
	}
	if err != nil {
		return "", fmt.Errorf("finding the state directory: %w; give the state file with --state PATH", err)
	}
	return filepath.Join(dir, "nsconnect", file), nil
}

// watchName derives the name of a watch's state: the account, what is
// watched (the type and --on, or a hash of the query and its cursor
// column) and the destination. The destination is part of it because the
// file's committed length is kept with the cursor: two files must not
// share one, or a restart would cut one to the other's length. A webhook
// is named by its host and a hash of its URL.
func watchName(account string, opts *WatchOptions, file string) string {
	what := opts.Type + "/" + opts.On
	if opts.On == watchOnQuery {
		sum := sha256.Sum256([]byte(opts.CursorColumn + "\x00" + opts.Query))
		what = "query/" + hex.EncodeToString(sum[:6])
	}
	dest := "stdout"
	switch {
	case opts.ToURL != "":
		// The host, to tell watches apart by eye, and a hash of the
		// whole URL, whose path or query can hold a credential.
		sum := sha256.Sum256([]byte(opts.ToURL))
		host := opts.ToURL
		if u, err := url.Parse(opts.ToURL); err == nil {
			host = u.Host
		}
		dest = "webhook:" + host + "/" + hex.EncodeToString(sum[:6])
	case file != "":
		dest = "file:" + file
	}
	return account + "/" + what + "/" + dest
}

// watchTrigger is the trigger opts describe, started in loc.
func watchTrigger(opts *WatchOptions, name string, loc *time.Location) (connector.Trigger, error) {
	t := connector.Trigger{
		Name:         name,
		RecordType:   opts.Type,
		Query:        opts.Query,
		CursorColumn: opts.CursorColumn,
		Interval:     opts.Interval,
		Overlap:      opts.Overlap,
		BatchSize:    opts.Batch,
	}
	switch opts.On {
	case watchOnNew:
		t.On = connector.OnNew
	case watchOnUpdated:
		t.On = connector.OnUpdated
	case watchOnDeleted:
		t.On = connector.OnDeleted
	case watchOnQuery:
		t.On = connector.OnQuery
	default:
		return t, fmt.Errorf("unknown kind %q", opts.On)
	}
	if opts.Fetch == fetchColumns {
		t.Fetch = connector.FetchColumns
	}
	switch {
	case opts.FromBeginning:
		t.Start = connector.StartBeginning
	case opts.Since != "":
		since, err := nstime.ParseDateTime(opts.Since, loc)
		if err != nil {
			return t, &UsageError{Err: fmt.Errorf("--since: %s", cleanMessage(err.Error()))}
		}
		t.Start, t.Since = connector.StartSince, since
	}
	return t, nil
}

// stopGrace is how long a poll in progress may still take after Ctrl-C
// before it is abandoned (uncommitted, so redelivered on the next run).
const stopGrace = 30 * time.Second

func watchRun(ctx context.Context, opts *WatchOptions) error {
	var secret tba.Secret
	if opts.ToURL != "" {
		// Before connecting: a missing secret is the command's mistake.
		var err error
		if secret, err = webhookSecret(opts); err != nil {
			return err
		}
	}
	client, conn, err := opts.Connect(ctx, opts.Net.connect(false))
	if err != nil {
		return err
	}
	loc := conn.Timezone
	file := opts.ToFile
	if file != "" {
		if file, err = filepath.Abs(file); err != nil {
			return err
		}
	}
	name := opts.Name
	if name == "" {
		name = watchName(conn.Account.String(), opts, file)
	}
	trig, err := watchTrigger(opts, name, loc)
	if err != nil {
		return err
	}

	st, stateDir, err := openState(ctx, opts.State, opts.LookupEnv, "watch.db")
	if err != nil {
		return err
	}
	defer st.Close()
	say := func(format string, args ...any) {
		if !opts.Net.Quiet {
			fmt.Fprintf(opts.IO.ErrOut, format, args...)
		}
	}
	var sink connector.Sink
	dest := "stdout"
	// deadLettered counts the events of the current poll that went to the
	// dead-letter file, so that its status line does not count them as
	// delivered to the receiver.
	var deadLettered atomic.Int64
	switch {
	case opts.ToURL != "":
		deadLetter := opts.DeadLetter
		if deadLetter == "" {
			deadLetter = defaultDeadLetter(stateDir, name)
		}
		hook, err := connector.NewWebhookSink(connector.WebhookOptions{
			URL: opts.ToURL, Secret: secret, DeadLetter: deadLetter,
			Attempts: opts.WebhookAttempts, Backoff: opts.WebhookBackoff,
			Notify: func(n connector.WebhookNotice) {
				if n.Dead {
					deadLettered.Add(1)
				}
				say("%s\n", webhookNotice(n, deadLetter))
			},
		})
		if err != nil {
			return errors.New(message(err))
		}
		defer hook.Close()
		// Ctrl-C ends the waits between attempts at once: the poll then
		// fails, uncommitted, and the next run sends the batch again.
		defer context.AfterFunc(ctx, hook.Stop)()
		sink, dest = hook, hook.URL()+" (dead letters to "+deadLetter+")"
	case file != "":
		fs, err := connector.NewFileSink(file)
		if err != nil {
			return fmt.Errorf("opening %s: %w", file, err)
		}
		defer fs.(io.Closer).Close()
		sink, dest = fs, file
	default:
		sink = connector.NewStdoutSink(opts.IO.Out)
	}
	w, err := connector.NewWatcher(client, trig, st, sink)
	var locked *store.LockedError
	if errors.As(err, &locked) {
		return fmt.Errorf("this watch (%q) is running already: %s holds its lock on %s. Stop that one first; or give this watch another --name, knowing that both then deliver every event", name, locked.Holder, st)
	}
	if err != nil {
		return err
	}
	defer w.Close()

	say("Watching %s as %q (state in %s), events to %s.\n", watchWhat(opts), name, st, dest)
	return watchLoop(ctx, opts, &deadLetterPoller{poller: w, dead: &deadLettered}, loc, say)
}

// A poller polls once; *connector.Watcher is one.
type poller interface {
	Poll(ctx context.Context) (connector.PollResult, error)
}

// deadLetterPoller is a poller that also learns how many events of each
// poll went to the webhook's dead-letter file (counted in dead by the
// sink's notices), for the poll's status line.
type deadLetterPoller struct {
	poller
	dead *atomic.Int64
	last int // of the last poll
}

func (d *deadLetterPoller) Poll(ctx context.Context) (connector.PollResult, error) {
	res, err := d.poller.Poll(ctx)
	d.last = int(d.dead.Swap(0))
	return res, err
}

// watchLoop polls p, once with --once, else every opts.Interval until ctx
// is done, telling each poll with say.
func watchLoop(ctx context.Context, opts *WatchOptions, p poller, loc *time.Location, say func(string, ...any)) error {
	// A poll runs on a context that Ctrl-C does not cancel at once, so
	// that the poll in progress can commit; it is abandoned stopGrace
	// later (nothing of it is committed then, and the next run delivers
	// it again).
	pctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	stop := context.AfterFunc(ctx, func() { time.AfterFunc(stopGrace, cancel) })
	defer stop()
	stopped := func() error {
		say("Stopped; the next run resumes from the committed cursor.\n")
		return ctx.Err()
	}

	polled := false
	for {
		res, err := p.Poll(pctx)
		switch {
		case err != nil && ctx.Err() != nil:
			return stopped()
		case errors.Is(err, store.ErrLockLost):
			return fmt.Errorf("stopped: this watch lost its lock (%s), so another process may be running it now; nothing more was committed. Run it again once you know which should run", message(err))
		case err != nil && (opts.Once || !polled):
			return apiError(err)
		case err != nil:
			// A watch that has polled once is configured right: a
			// failure now is NetSuite's or the network's, and the next
			// poll tries again.
			say("Poll failed: %s; trying again in %s.\n", message(apiError(err)), opts.Interval)
		default:
			polled = true
			if opts.Once {
				res.Next = time.Time{}
			} else if res.Next.IsZero() {
				res.Next = time.Now().Add(opts.Interval)
			}
			dead := 0
			if d, ok := p.(*deadLetterPoller); ok {
				dead = d.last
			}
			say("%s\n", pollStatus(res, dead, loc))
		}
		if opts.Once {
			return nil
		}
		if ctx.Err() != nil {
			return stopped()
		}
		wait := opts.Interval
		if err == nil {
			wait = min(max(time.Until(res.Next), 0), opts.Interval)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return stopped()
		case <-t.C:
		}
	}
}

// webhookNotice tells a failed attempt of the webhook, for people.
func webhookNotice(n connector.WebhookNotice, deadLetter string) string {
	what := "Webhook: event " + n.Key + " (" + cmp.Or(n.Event.RecordType, n.Event.On) + " " + n.Event.ID + ")"
	if n.Dead {
		return fmt.Sprintf("%s went to the dead-letter file %s after %s: %s.", what, deadLetter, plural(n.Attempt, "attempt"), message(n.Err))
	}
	return fmt.Sprintf("%s: attempt %d failed: %s; trying again in %s.", what, n.Attempt, message(n.Err), n.Wait.Round(time.Millisecond))
}

// watchWhat says what a watch watches, for people.
func watchWhat(opts *WatchOptions) string {
	switch opts.On {
	case watchOnQuery:
		return "the query's rows by " + opts.CursorColumn
	case watchOnNew:
		return "new " + opts.Type + " records"
	case watchOnDeleted:
		return "deleted " + opts.Type + " records"
	}
	return "new and updated " + opts.Type + " records"
}

// pollStatus is the line a poll is told with: the events delivered (dead
// of them to the webhook's dead-letter file), the cursor and the next
// poll, both in the account time zone loc.
func pollStatus(res connector.PollResult, dead int, loc *time.Location) string {
	delivered := plural(res.Delivered-dead, "event") + " delivered"
	if dead > 0 {
		delivered += ", " + groupDigits(dead) + " to the dead-letter file"
	}
	s := fmt.Sprintf("%s; cursor %s", delivered, formatCursor(res.Cursor, loc))
	if !res.Next.IsZero() {
		s += "; next poll " + nstime.FormatDateTime(res.Next.Truncate(time.Second), loc)
	}
	return s + "."
}

// formatCursor shows a cursor in loc with its offset.
func formatCursor(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "not set"
	}
	return nstime.FormatDateTime(t, loc)
}

// plural is "1 event", "2 events".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%s %ss", groupDigits(n), what)
}
