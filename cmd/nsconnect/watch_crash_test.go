package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/connector"
	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/emulator/emulatortest"
)

// crashSeedEnv reruns a crash test with a seed it printed.
const crashSeedEnv = "NSCONNECT_CRASH_SEED"

// committedPoll is the status line nsconnect watch prints after a poll has
// committed.
var committedPoll = regexp.MustCompile(`^\d+ events? delivered(, [0-9,]+ to the dead-letter file)?; cursor `)

// TestWatchSurvivesKills is issue 12's proof that a file sink delivers
// exactly once across crashes: `nsconnect watch customer --on updated --to
// file:OUT` runs as a process, polling every 200 ms, and is killed with
// SIGKILL at random moments and started again, more than 20 times, while
// records are created and updated on the emulator. After a final clean
// poll, OUT holds every (id, lastModifiedDate) the records went through
// exactly once, and each record's last event carries its final state.
//
// Half the kills come as soon as the file grows (by a byte: a batch is
// one write), which lands them between a poll's write and its commit, the
// moment a file sink must recover from, as often as not.
//
// It runs in CI (go test -race ./...) in about 20 s, with a 2-minute bound; the
// seed is printed on failure and NSCONNECT_CRASH_SEED reruns it.
func TestWatchSurvivesKills(t *testing.T) {
	c := newCrashWatch(t, "TestWatchSurvivesKills")
	out := filepath.Join(c.dir, "events.ndjson")
	c.args = c.watchArgs("--to", "file:"+out)
	size := func() int64 {
		fi, err := os.Stat(out)
		if err != nil {
			return 0
		}
		return fi.Size()
	}
	c.run(250, size, 1)

	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	if lines[len(lines)-1] != "" {
		t.Errorf("the file ends in a partial line: %q", lines[len(lines)-1])
	}
	var events []connector.Event
	for i, line := range lines[:len(lines)-1] {
		var e connector.Event
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("line %d is not an event: %v\n%s", i+1, err, line)
		}
		events = append(events, e)
	}
	c.check(events, true)
}

// A crashWatch runs `nsconnect watch customer --on updated` as a process
// against an emulator, killing it with SIGKILL at random moments and
// starting it again, while a writer creates and updates customers, for
// the tests that prove a sink's guarantee across crashes.
//
// Each record changes again only after two polls have committed since its
// last change (the second of them began after the change), so that every
// state is one a poll could see: a poll sees the state a record is in, not
// its history. Times are explicit, on the emulator's frozen clock, one
// second a step, so that every change has its own second.
type crashWatch struct {
	t    *testing.T
	seed uint64
	ctx  context.Context
	srv  *emulator.Server
	t0   time.Time
	sub  string // the subsidiary the customers belong to
	dir  string
	env  []string
	// args are the command line of the watchers (watchArgs).
	args []string
	// polls counts the polls that committed, as the watchers' status
	// lines tell them; tail keeps the last lines of stderr for a failure.
	polls  atomic.Int64
	tailMu sync.Mutex
	tail   []string
	// recs are the records the writer made.
	recs []*crashRecord
}

// A crashRecord is a customer the writer made.
type crashRecord struct {
	id       string
	name     string
	seenFrom int64       // polls when it last changed
	times    []time.Time // every lastModifiedDate it had
}

// eventKey is an event's (id, instant).
func eventKey(e connector.Event) string { return e.ID + "@" + e.At.UTC().Format(time.RFC3339) }

// newCrashWatch starts an emulator for test name, its clock frozen 2
// minutes back, with a subsidiary for the customers. The seed comes from
// NSCONNECT_CRASH_SEED, or the clock, and is printed on failure.
func newCrashWatch(t *testing.T, name string) *crashWatch {
	if testing.Short() {
		t.Skip("kills and restarts a watcher 20+ times; not in -short")
	}
	t.Parallel()
	c := &crashWatch{t: t, seed: uint64(time.Now().UnixNano())}
	if s := os.Getenv(crashSeedEnv); s != "" {
		var err error
		if c.seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("%s=%q: %v", crashSeedEnv, s, err)
		}
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("seed %d: %s=%d go test -run %s ./cmd/nsconnect reruns it", c.seed, crashSeedEnv, c.seed, name)
		}
	})
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	t.Cleanup(cancel)
	c.ctx = ctx

	c.srv = emulatortest.NewServer(t, emulator.Options{NoSeed: true})
	conn, err := c.srv.Connection()
	if err != nil {
		t.Fatal(err)
	}
	// The clock stands 2 minutes back and moves a second a step: TBA
	// accepts 5 minutes either way, and 250 steps stay inside that.
	c.t0 = time.Now().Add(-2 * time.Minute).Truncate(time.Second)
	if err := c.srv.SetClock(c.t0, true); err != nil {
		t.Fatal(err)
	}
	// An account without seed data has no subsidiary, which a customer
	// needs.
	if c.sub, err = c.srv.CreateRecord(ctx, "subsidiary", map[string]any{"name": "Crash Subsidiary"}, time.Time{}); err != nil {
		t.Fatal(err)
	}
	c.dir = t.TempDir()
	c.env = emulatorEnv(conn, c.dir)
	return c
}

// watchArgs is the watch's command line, with its state in the test's
// directory, from the start of the clock, to the destination dest.
func (c *crashWatch) watchArgs(dest ...string) []string {
	return append([]string{"watch", "customer", "--on", "updated", "--state", filepath.Join(c.dir, "watch.db"),
		"--since", c.t0.UTC().Format(time.RFC3339)}, dest...)
}

// start starts a watcher with extra arguments; the channel is closed when
// its stderr is read to the end.
func (c *crashWatch) start(extra ...string) (*exec.Cmd, chan struct{}) {
	c.t.Helper()
	cmd := exec.Command(os.Args[0], append(c.args[:len(c.args):len(c.args)], extra...)...)
	cmd.Env = c.env
	stderr, err := cmd.StderrPipe()
	if err != nil {
		c.t.Fatal(err)
	}
	cmd.Stdout = io.Discard
	if err := cmd.Start(); err != nil {
		c.t.Fatal(err)
	}
	read := make(chan struct{})
	go func() {
		defer close(read)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if committedPoll.MatchString(sc.Text()) {
				c.polls.Add(1)
			}
			c.tailMu.Lock()
			c.tail = append(c.tail[max(0, len(c.tail)-20):], fmt.Sprintf("[pid %d] %s", cmd.Process.Pid, sc.Text()))
			c.tailMu.Unlock()
		}
	}()
	return cmd, read
}

// showTail returns the last lines the watchers wrote on stderr.
func (c *crashWatch) showTail() string {
	c.tailMu.Lock()
	defer c.tailMu.Unlock()
	return strings.Join(c.tail, "\n")
}

// write runs the writer: steps of a second each; a step creates a record
// or updates one or two whose last change two polls have seen.
func (c *crashWatch) write(steps int) error {
	rng := rand.New(rand.NewPCG(c.seed, 0x5eed))
	for step := 1; step <= steps; step++ {
		now := c.t0.Add(time.Duration(step) * time.Second)
		if err := c.srv.SetClock(now, true); err != nil {
			return err
		}
		var ready []*crashRecord
		for _, r := range c.recs {
			if c.polls.Load() >= r.seenFrom+2 {
				ready = append(ready, r)
			}
		}
		rng.Shuffle(len(ready), func(i, j int) { ready[i], ready[j] = ready[j], ready[i] })
		n := min(len(ready), rng.IntN(3))
		for _, r := range ready[:n] {
			r.name = fmt.Sprintf("%s v%d", strings.Fields(r.name)[0], len(r.times)+1)
			if err := c.srv.UpdateRecord(c.ctx, "customer", r.id, map[string]any{"companyName": r.name}, now); err != nil {
				return fmt.Errorf("step %d: updating %s: %w", step, r.id, err)
			}
			r.times = append(r.times, now)
			r.seenFrom = c.polls.Load()
		}
		if n == 0 || rng.IntN(3) == 0 {
			name := fmt.Sprintf("Crash%03d v1", len(c.recs)+1)
			id, err := c.srv.CreateRecord(c.ctx, "customer", map[string]any{"companyName": name, "subsidiary": map[string]string{"id": c.sub}}, now)
			if err != nil {
				return fmt.Errorf("step %d: creating: %w", step, err)
			}
			c.recs = append(c.recs, &crashRecord{id: id, name: name, seenFrom: c.polls.Load(), times: []time.Time{now}})
		}
		select {
		case <-c.ctx.Done():
			return c.ctx.Err()
		case <-time.After(time.Duration(20+rng.IntN(60)) * time.Millisecond):
		}
	}
	return nil
}

// run runs the writer for steps steps and, meanwhile, the killer: it
// starts a watcher polling every 200 ms and kills it, again, until the
// writer is done, 22 watchers have been killed and 5 polls committed. Half the kills come at
// a random moment (from start-up to a second and a half of polling); the
// other half when progress (what the sink has delivered) has moved by 1 to
// reach, which lands them between a delivery and its commit as often as
// not. Then it polls with --once until a poll delivers nothing.
func (c *crashWatch) run(steps int, progress func() int64, reach int) {
	t := c.t
	writerDone := make(chan error, 1)
	go func() { writerDone <- c.write(steps) }()

	kills, aimed := 0, 0
	killRng := rand.New(rand.NewPCG(c.seed, 0x4b111))
	var werr error
	// Under load a watcher is often killed before its first poll: the
	// killer goes on (within the test's 2 minutes) until 5 polls have
	// committed between kills, so that the test proves recovery after
	// commits, not only after start-ups.
	for writing := true; writing || kills < 22 || c.polls.Load() < 5; {
		target := progress() + 1 + int64(killRng.IntN(reach))
		cmd, read := c.start("--interval", "200ms")
		deadline := time.After(time.Duration(killRng.IntN(1500)) * time.Millisecond)
		var moved <-chan time.Time // ticks while the kill waits for progress
		tick := time.NewTicker(200 * time.Microsecond)
		if killRng.IntN(2) == 0 {
			moved = tick.C
			deadline = time.After(1500 * time.Millisecond)
		}
	wait:
		for {
			select {
			case werr = <-writerDone:
				writing = false
				break wait
			case <-deadline:
				break wait
			case <-moved:
				if progress() >= target {
					aimed++
					break wait
				}
			}
		}
		tick.Stop()
		cmd.Process.Kill()
		cmd.Wait()
		<-read
		kills++
		if cmd.ProcessState.Exited() {
			t.Fatalf("watcher %d exited by itself with %s:\n%s", kills, cmd.ProcessState, c.showTail())
		}
		if werr != nil || c.ctx.Err() != nil {
			t.Fatalf("writer: %v (after %d kills, %d committed polls); watcher stderr:\n%s", cmp.Or(werr, c.ctx.Err()), kills, c.polls.Load(), c.showTail())
		}
	}
	writes := 0
	for _, r := range c.recs {
		writes += len(r.times)
	}
	t.Logf("%d kills (%d as the sink delivered), %d committed polls, %d records, %d changes", kills, aimed, c.polls.Load(), len(c.recs), writes)

	// The final clean poll: --once until a poll delivers nothing.
	for i := 0; ; i++ {
		if i == 5 {
			t.Fatalf("5 --once polls still delivered events:\n%s", c.showTail())
		}
		var stderr bytes.Buffer
		cmd := exec.CommandContext(c.ctx, os.Args[0], append(c.args[:len(c.args):len(c.args)], "--once")...)
		cmd.Env, cmd.Stderr = c.env, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("final --once: %v\n%s", err, stderr.String())
		}
		if strings.Contains(stderr.String(), "\n0 events delivered; ") {
			break
		}
	}
}

// check checks the events delivered, in the order they were: every (id,
// time) the records went through at least once (exactly once with once),
// nothing else, each record's events in order of time and its last event
// its final state.
func (c *crashWatch) check(events []connector.Event, once bool) {
	t := c.t
	want := map[string]bool{}
	final := map[string]*crashRecord{}
	for _, r := range c.recs {
		for _, at := range r.times {
			want[r.id+"@"+at.UTC().Format(time.RFC3339)] = true
		}
		final[r.id] = r
	}
	got := map[string]int{}
	last := map[string]connector.Event{}
	for i, e := range events {
		if e.On != "updated" || e.RecordType != "customer" {
			t.Errorf("event %d: %s %s", i+1, e.On, e.RecordType)
		}
		got[eventKey(e)]++
		if prev, ok := last[e.ID]; ok && (e.At.Before(prev.At) || once && e.At.Equal(prev.At)) {
			t.Errorf("event %d: %s at %s after %s", i+1, e.ID, e.At.Format(time.RFC3339), prev.At.Format(time.RFC3339))
		}
		last[e.ID] = e
	}
	for k, n := range got {
		switch {
		case !want[k]:
			t.Errorf("%s: delivered, but the record never had that time", k)
		case once && n > 1:
			t.Errorf("%s: delivered %d times", k, n)
		}
	}
	for k := range want {
		if got[k] == 0 {
			t.Errorf("%s: never delivered", k)
		}
	}
	for id, r := range final {
		e := last[id]
		if name, _ := e.Record["companyName"].(string); name != r.name || !e.At.Equal(r.times[len(r.times)-1]) {
			t.Errorf("record %s: last event %q at %s, want %q at %s", id, name, e.At.Format(time.RFC3339), r.name, r.times[len(r.times)-1].UTC().Format(time.RFC3339))
		}
	}
	if t.Failed() {
		t.Logf("watcher stderr:\n%s", c.showTail())
	}
}

// emulatorEnv is the environment of an nsconnect process that connects to
// the emulator of conn, with its config file in dir.
func emulatorEnv(conn emulator.Connection, dir string) []string {
	return append(cleanEnv(), "NSCONNECT_TEST_MAIN=1",
		"NSCONNECT_CONFIG="+filepath.Join(dir, "config.yaml"),
		"NETSUITE_ACCOUNT_ID="+conn.AccountID.String(),
		"NETSUITE_CONSUMER_KEY="+conn.Credentials.ConsumerKey,
		"NETSUITE_CONSUMER_SECRET="+conn.Credentials.ConsumerSecret.Reveal(),
		"NETSUITE_TOKEN_ID="+conn.Credentials.TokenID,
		"NETSUITE_TOKEN_SECRET="+conn.Credentials.TokenSecret.Reveal(),
		"NETSUITE_TIMEZONE="+conn.Timezone,
		"NETSUITE_BASE_URL="+conn.URL,
	)
}
