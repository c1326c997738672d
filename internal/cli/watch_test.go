package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/connector"
	"github.com/nsconnect/nsconnect/store"
)

func mustLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// --since is read in the account time zone, DST-exact; an instant with Z
// or an offset is taken as is.
func TestWatchSince(t *testing.T) {
	t.Parallel()
	la := mustLoad(t, "America/Los_Angeles")
	syd := mustLoad(t, "Australia/Sydney")
	utc := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		since string
		loc   *time.Location
		want  time.Time
	}{
		{"2026-11-01", la, utc("2026-11-01T07:00:00Z")},          // midnight PDT, the day clocks fall back
		{"2026-11-01T00:00", la, utc("2026-11-01T07:00:00Z")},    // the same, as a wall time
		{"2026-11-01 00:00:00", la, utc("2026-11-01T07:00:00Z")}, // with a space and seconds
		{"2026-11-02", la, utc("2026-11-02T08:00:00Z")},          // midnight PST
		// Overlap: 01:30 happened twice; the first, in PDT.
		{"2026-11-01T01:30", la, utc("2026-11-01T08:30:00Z")},
		// Gap: 02:30 did not happen; moved forward by the hour, 03:30 PDT.
		{"2026-03-08T02:30", la, utc("2026-03-08T10:30:00Z")},
		// The southern hemisphere: a gap in October, an overlap in April.
		{"2026-10-04T02:30", syd, utc("2026-10-03T16:30:00Z")},
		{"2026-04-05T02:30", syd, utc("2026-04-04T15:30:00Z")},
		// Instants are taken as they are, whatever the account zone.
		{"2026-11-01T09:00:00Z", la, utc("2026-11-01T09:00:00Z")},
		{"2026-11-01T09:00:00+01:00", syd, utc("2026-11-01T08:00:00Z")},
	}
	for _, tt := range tests {
		opts := &WatchOptions{Type: "customer", On: watchOnUpdated, Since: tt.since, Fetch: fetchRecord}
		trig, err := watchTrigger(opts, "n", tt.loc)
		if err != nil {
			t.Errorf("%s in %s: %v", tt.since, tt.loc, err)
			continue
		}
		if trig.Start != connector.StartSince || !trig.Since.Equal(tt.want) {
			t.Errorf("%s in %s: start %v at %s, want StartSince at %s", tt.since, tt.loc, trig.Start, trig.Since.UTC().Format(time.RFC3339), tt.want.Format(time.RFC3339))
		}
	}
}

// The options become the trigger the connector runs.
func TestWatchTrigger(t *testing.T) {
	t.Parallel()
	la := mustLoad(t, "America/Los_Angeles")
	tests := []struct {
		opts WatchOptions
		want connector.Trigger
	}{
		{WatchOptions{Type: "customer", On: watchOnNew, Fetch: fetchRecord, Interval: time.Second},
			connector.Trigger{Name: "n", On: connector.OnNew, RecordType: "customer", Start: connector.StartNow, Interval: time.Second, Fetch: connector.FetchRecord}},
		{WatchOptions{Type: "salesOrder", On: watchOnUpdated, Fetch: fetchColumns, FromBeginning: true, Overlap: time.Minute, Batch: 7},
			connector.Trigger{Name: "n", On: connector.OnUpdated, RecordType: "salesOrder", Start: connector.StartBeginning, Overlap: time.Minute, BatchSize: 7, Fetch: connector.FetchColumns}},
		{WatchOptions{Type: "customer", On: watchOnDeleted, Fetch: fetchRecord},
			connector.Trigger{Name: "n", On: connector.OnDeleted, RecordType: "customer", Fetch: connector.FetchRecord}},
		{WatchOptions{On: watchOnQuery, Query: "SELECT id, lastmodifieddate FROM customer WHERE lastmodifieddate >= :cursor", CursorColumn: "lastmodifieddate", Fetch: fetchColumns},
			connector.Trigger{Name: "n", On: connector.OnQuery, Query: "SELECT id, lastmodifieddate FROM customer WHERE lastmodifieddate >= :cursor", CursorColumn: "lastmodifieddate", Fetch: connector.FetchColumns}},
	}
	for _, tt := range tests {
		got, err := watchTrigger(&tt.opts, "n", la)
		if err != nil {
			t.Errorf("%+v: %v", tt.opts, err)
			continue
		}
		if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", tt.want) {
			t.Errorf("trigger\n got %+v\nwant %+v", got, tt.want)
		}
	}
}

func TestParseWatchTo(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, file, hook, err string }{
		{"stdout", "", "", ""},
		{"-", "", "", ""},
		{"file:events.ndjson", "events.ndjson", "", ""},
		{"file:dir/with:colon.ndjson", "dir/with:colon.ndjson", "", ""},
		{"file:", "", "", "needs a path"},
		{"https://hooks.example/x", "", "https://hooks.example/x", ""},
		{"HTTPS://hooks.example/x?token=t", "", "HTTPS://hooks.example/x?token=t", ""},
		{"http://127.0.0.1:8080/hook", "", "http://127.0.0.1:8080/hook", ""},
		{"http://localhost/hook", "", "http://localhost/hook", ""},
		{"http://[::1]:9/", "", "http://[::1]:9/", ""},
		{"http://hooks.example/x", "", "", "not a loopback address: use https://"},
		{"http://10.0.0.1/x", "", "", "not a loopback address"},
		{"https:///x", "", "", "has no host"},
		{"https://hooks.example/%zz", "", "", "is not a URL"},
		{"STDOUT", "", "", "use stdout, file:PATH or a webhook's https://URL"},
		{"htps://hooks.example/T0/secret", "", "", `--to htps://...: use stdout, file:PATH or a webhook's https://URL`},
		{"", "", "", "use stdout, file:PATH or a webhook's https://URL"},
	}
	for _, tt := range tests {
		file, hook, err := parseWatchTo(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: error %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || file != tt.file || hook != tt.hook {
			t.Errorf("%q: %q, %q, %v; want %q, %q", tt.in, file, hook, err, tt.file, tt.hook)
		}
	}
}

// FuzzParseWatchTo checks that --to gives one destination or an error, a
// webhook only with a URL the sink takes, and that an error never quotes
// a webhook's URL (its path or query can hold a credential).
func FuzzParseWatchTo(f *testing.F) {
	for _, s := range []string{"stdout", "-", "file:x", "file:", "https://h/x?token=secret", "http://127.0.0.1:1/", "http://evil/", "https://user:pw@h/", "https://h/%zz", "ftp://h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		file, hook, err := parseWatchTo(s)
		switch {
		case err != nil:
			if file != "" || hook != "" {
				t.Fatalf("%q: %q, %q with error %v", s, file, hook, err)
			}
			// The path and what follows it (the query) are not shown;
			// the host may be.
			_, rest, url := strings.Cut(s, "://")
			if i := strings.IndexByte(rest, '/'); url && i >= 0 && len(rest[i:]) >= 8 && strings.Contains(err.Error(), rest[i:]) {
				t.Fatalf("%q: the error quotes the URL's path: %v", s, err)
			}
		case hook != "":
			if file != "" || hook != s {
				t.Fatalf("%q: %q, %q", s, file, hook)
			}
			if _, err := connector.CheckWebhookURL(hook); err != nil {
				t.Fatalf("%q: a webhook the sink refuses: %v", s, err)
			}
		case file != "":
			if s != "file:"+file {
				t.Fatalf("%q: file %q", s, file)
			}
		default:
			if s != "stdout" && s != "-" {
				t.Fatalf("%q: stdout", s)
			}
		}
	})
}

func TestDefaultStatePath(t *testing.T) {
	t.Parallel()
	home := func() (string, error) { return filepath.FromSlash("/home/u"), nil }
	cfg := func() (string, error) { return filepath.FromSlash("/cfg"), nil }
	noHome := func() (string, error) { return "", errors.New("$HOME is not defined") }
	env := func(kv ...string) func(string) (string, bool) {
		return func(k string) (string, bool) {
			for i := 0; i < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1], true
				}
			}
			return "", false
		}
	}
	abs := filepath.Join(string(filepath.Separator)+"xdg", "state")
	if filepath.VolumeName(t.TempDir()) != "" {
		abs = filepath.Join(filepath.VolumeName(t.TempDir())+`\`, "xdg", "state")
	}
	tests := []struct {
		goos string
		env  func(string) (string, bool)
		home func() (string, error)
		want string
		err  string
	}{
		{"linux", env(), home, "/home/u/.local/state/nsconnect/watch.db", ""},
		{"freebsd", env(), home, "/home/u/.local/state/nsconnect/watch.db", ""},
		{"linux", env("XDG_STATE_HOME", abs), home, filepath.ToSlash(filepath.Join(abs, "nsconnect", "watch.db")), ""},
		// A relative XDG_STATE_HOME is invalid (XDG Base Directory spec) and ignored.
		{"linux", env("XDG_STATE_HOME", "rel/state"), home, "/home/u/.local/state/nsconnect/watch.db", ""},
		{"linux", env("XDG_STATE_HOME", ""), home, "/home/u/.local/state/nsconnect/watch.db", ""},
		{"darwin", env(), home, "/cfg/nsconnect/watch.db", ""},
		{"windows", env(), home, "/cfg/nsconnect/watch.db", ""},
		{"darwin", env("XDG_STATE_HOME", abs), home, filepath.ToSlash(filepath.Join(abs, "nsconnect", "watch.db")), ""},
		{"linux", env(), noHome, "", "give the state file with --state PATH"},
	}
	for _, tt := range tests {
		got, err := defaultStatePath(tt.goos, tt.env, tt.home, cfg, "watch.db")
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: error %v, want %q", tt.goos, err, tt.err)
			}
			continue
		}
		if err != nil || filepath.ToSlash(got) != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.goos, got, err, tt.want)
		}
	}
}

// Names keep watches apart: by account, what is watched and where it goes.
func TestWatchName(t *testing.T) {
	t.Parallel()
	upd := &WatchOptions{Type: "customer", On: watchOnUpdated}
	q1 := &WatchOptions{On: watchOnQuery, Query: "SELECT id, x FROM t WHERE x >= :cursor", CursorColumn: "x"}
	q2 := &WatchOptions{On: watchOnQuery, Query: "SELECT id, x FROM t WHERE x > :cursor", CursorColumn: "x"}
	names := map[string]string{
		"stdout":     watchName("1234567_SB1", upd, ""),
		"file":       watchName("1234567_SB1", upd, "/data/a.ndjson"),
		"other file": watchName("1234567_SB1", upd, "/data/b.ndjson"),
		"account":    watchName("7654321", upd, ""),
		"new":        watchName("1234567_SB1", &WatchOptions{Type: "customer", On: watchOnNew}, ""),
		"type":       watchName("1234567_SB1", &WatchOptions{Type: "vendor", On: watchOnUpdated}, ""),
		"query":      watchName("1234567_SB1", q1, ""),
		"query 2":    watchName("1234567_SB1", q2, ""),
	}
	if names["stdout"] != "1234567_SB1/customer/updated/stdout" || names["file"] != "1234567_SB1/customer/updated/file:/data/a.ndjson" {
		t.Errorf("names: %q, %q", names["stdout"], names["file"])
	}
	if !strings.HasPrefix(names["query"], "1234567_SB1/query/") || len(names["query"]) != len("1234567_SB1/query/")+12+len("/stdout") {
		t.Errorf("query name %q", names["query"])
	}
	seen := map[string]string{}
	for k, v := range names {
		if other, ok := seen[v]; ok {
			t.Errorf("%s and %s share the name %q", k, other, v)
		}
		seen[v] = k
	}
	if watchName("1234567_SB1", q1, "") != names["query"] {
		t.Error("the query's name is not stable")
	}
}

// A fakePoller answers polls from a list, and can hold one poll until
// released.
type fakePoller struct {
	mu      sync.Mutex
	results []connector.PollResult
	errs    []error
	calls   int
	ctxs    []context.Context
	started chan struct{} // if set, told of each poll's start
	release chan struct{} // if set, each poll waits for it
}

func (p *fakePoller) Poll(ctx context.Context) (connector.PollResult, error) {
	p.mu.Lock()
	i := p.calls
	p.calls++
	p.ctxs = append(p.ctxs, ctx)
	p.mu.Unlock()
	if p.started != nil {
		p.started <- struct{}{}
	}
	if p.release != nil {
		<-p.release
	}
	var res connector.PollResult
	var err error
	if i < len(p.results) {
		res = p.results[i]
	}
	if i < len(p.errs) {
		err = p.errs[i]
	}
	return res, err
}

func TestWatchLoop(t *testing.T) {
	t.Parallel()
	la := mustLoad(t, "America/Los_Angeles")
	cursor := time.Date(2026, 11, 1, 8, 30, 0, 0, time.UTC) // 01:30 PDT
	var lines []string
	say := func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) }

	// --once: one poll, its status without a next poll, exit 0 with
	// nothing delivered.
	p := &fakePoller{results: []connector.PollResult{{Delivered: 0, Cursor: cursor, Next: time.Now()}}}
	if err := watchLoop(t.Context(), &WatchOptions{Once: true, Interval: time.Hour}, p, la, say); err != nil || p.calls != 1 {
		t.Fatalf("--once: %v after %d polls", err, p.calls)
	}
	if want := "0 events delivered; cursor 2026-11-01T01:30:00-07:00.\n"; len(lines) != 1 || lines[0] != want {
		t.Errorf("--once status %q, want %q", lines, want)
	}

	// --once fails with the poll's error.
	lines = nil
	p = &fakePoller{errs: []error{errors.New("boom")}}
	if err := watchLoop(t.Context(), &WatchOptions{Once: true, Interval: time.Hour}, p, la, say); err == nil || err.Error() != "boom" {
		t.Errorf("--once with a failed poll: %v", err)
	}

	// Running: a first failure ends the watch (the command is wrong); a
	// later one is told and retried. The next poll comes at Next, within
	// the interval; the status shows it in the account time zone.
	lines = nil
	next := time.Date(2026, 11, 1, 9, 30, 5, 0, time.UTC)
	p = &fakePoller{errs: []error{errors.New("bad query")}}
	if err := watchLoop(t.Context(), &WatchOptions{Interval: time.Millisecond}, p, la, say); err == nil || p.calls != 1 {
		t.Errorf("a first failure: %v after %d polls", err, p.calls)
	}
	ctx, cancel := context.WithCancel(t.Context())
	p = &fakePoller{
		results: []connector.PollResult{{Delivered: 3, Cursor: cursor, Next: next}, {}, {Delivered: 1, Cursor: cursor.Add(time.Hour), Next: next}},
		errs:    []error{nil, errors.New("connection reset")},
		started: make(chan struct{}),
	}
	done := make(chan error, 1)
	go func() { done <- watchLoop(ctx, &WatchOptions{Interval: 5 * time.Millisecond}, p, la, say) }()
	for range 3 {
		<-p.started
	}
	cancel()
	go func() {
		for range p.started { // the loop may start one more poll before it sees the cancel
		}
	}()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("after Ctrl-C: %v", err)
	}
	close(p.started)
	want := []string{
		"3 events delivered; cursor 2026-11-01T01:30:00-07:00; next poll 2026-11-01T01:30:05-08:00.\n",
		"Poll failed: connection reset; trying again in 5ms.\n",
		"1 event delivered; cursor 2026-11-01T01:30:00-08:00; next poll 2026-11-01T01:30:05-08:00.\n",
	}
	if len(lines) < 4 || strings.Join(lines[:3], "") != strings.Join(want, "") || lines[len(lines)-1] != "Stopped; the next run resumes from the committed cursor.\n" {
		t.Errorf("status lines:\n%s", strings.Join(lines, ""))
	}
}

// Ctrl-C during a poll lets the poll finish (and commit) before the watch
// stops: the poll's context is not cancelled with the command's.
func TestWatchLoopStopsAfterThePoll(t *testing.T) {
	t.Parallel()
	la := mustLoad(t, "America/Los_Angeles")
	ctx, cancel := context.WithCancel(t.Context())
	p := &fakePoller{
		results: []connector.PollResult{{Delivered: 2, Cursor: time.Date(2026, 3, 8, 10, 30, 0, 0, time.UTC)}},
		started: make(chan struct{}, 1),
		release: make(chan struct{}),
	}
	var mu sync.Mutex
	var lines []string
	say := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		lines = append(lines, fmt.Sprintf(format, args...))
	}
	done := make(chan error, 1)
	go func() { done <- watchLoop(ctx, &WatchOptions{Interval: time.Hour}, p, la, say) }()
	<-p.started
	cancel()
	time.Sleep(20 * time.Millisecond)
	if err := p.ctxs[0].Err(); err != nil {
		t.Errorf("the poll in progress was cancelled with Ctrl-C: %v", err)
	}
	select {
	case err := <-done:
		t.Fatalf("the watch stopped before its poll finished: %v", err)
	default:
	}
	close(p.release)
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("after Ctrl-C: %v, want context.Canceled (exit 130)", err)
	}
	if p.calls != 1 {
		t.Errorf("%d polls, want 1", p.calls)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "2 events delivered; cursor 2026-03-08T03:30:00-07:00; next poll ") {
		t.Errorf("status: %q", lines)
	}
	if len(lines) != 2 || !strings.HasPrefix(lines[1], "Stopped;") {
		t.Errorf("status lines: %q", lines)
	}
}

// A watch whose lock is lost after it has polled stops at once instead of
// retrying: another process may be running it now.
func TestWatchLoopLockLost(t *testing.T) {
	t.Parallel()
	la := mustLoad(t, "America/Los_Angeles")
	say := func(string, ...any) {}
	lost := fmt.Errorf("connector: trigger x: not delivering: %w", store.ErrLockLost)
	p := &fakePoller{
		results: []connector.PollResult{{Next: time.Now()}},
		errs:    []error{nil, lost, nil},
	}
	err := watchLoop(t.Context(), &WatchOptions{Interval: time.Millisecond}, p, la, say)
	if err == nil || p.calls != 2 || !strings.Contains(err.Error(), "lost its lock") {
		t.Errorf("a lost lock after a poll: %v after %d polls; want the watch stopped, saying so", err, p.calls)
	}
}
