package connector

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/netsuite/nstime"
	"github.com/nsconnect/nsconnect/store"
)

// The defaults of a Trigger.
const (
	DefaultInterval  = time.Minute
	DefaultOverlap   = 5 * time.Minute
	DefaultBatchSize = 100
)

// dstSlack is how far before a poll's lower bound the watcher keeps
// delivered keys, and accepts rows, when the account's clocks went back
// near the window: a wall time of the repeated hour is read as its earlier
// instant (nstime.WallTime), up to an hour before the real one, and the
// window's wall-clock floor reaches back up to an hour. Two hours cover
// every zone's change (the largest is an hour).
const dstSlack = 2 * time.Hour

// wallLayout is the Go layout of SuiteQL's 'YYYY-MM-DD HH24:MI:SS'.
const wallLayout = "2006-01-02 15:04:05"

// sqlModel is the Oracle format model of wallLayout.
const sqlModel = "'YYYY-MM-DD HH24:MI:SS'"

// atColumn is the column the watcher adds to a query: the UTC text of the
// trigger's datetime.
const atColumn = "nsc_at"

// stateVersion is the version of the JSON state; another is refused.
// Version 1 kept the delivered keys in the JSON value (state.Keys); it is
// read, and its keys moved to keys of their own at the first commit.
const stateVersion = 2

// Watcher runs one trigger. It is not safe for concurrent use: one
// goroutine polls (Run, or Poll in a loop).
type Watcher struct {
	client *netsuite.Client
	t      Trigger     // defaults applied
	st     store.Store // the lock when st is a store.Locker
	lock   store.Lock  // nil when the store cannot lock
	sink   Sink
	key    string // the store key of the state
	keyPfx string // the prefix of the store keys of the delivered keys
	def    string // what the state must have been written for
	loc    *time.Location
	src    source
	state  state
	keys   map[deliveredKey]struct{}
	// unsaved are delivered keys not yet in the store: the keys of a
	// version 1 state, until the first commit writes them.
	unsaved []deliveredKey

	// now and after are Run's clock; tests replace them.
	now   func() time.Time
	after func(time.Duration) <-chan time.Time
}

// source is what a trigger reads: the FROM and WHERE of its query and the
// columns it orders by.
type source struct {
	from    string   // "transaction q" or "(<query>) q"
	conds   []string // conditions besides the window
	col     string   // the datetime column, "q.lastmodifieddate"
	id      string   // the id column, "q.id"
	all     bool     // select q.* (FetchColumns, OnQuery), not only the id
	cursors int      // OnQuery: how many :cursor placeholders the query has
	kind    string   // Event.On
}

// state is the durable state of a trigger: one JSON value in the store,
// and a store key per delivered key (Watcher.keyPfx).
type state struct {
	V   int    `json:"v"`
	Def string `json:"def"`
	// Start is where the trigger began: nothing before it is delivered.
	Start time.Time `json:"start"`
	// Cursor is the instant (UTC) up to which every row read has been
	// delivered, and CursorID the id of the last one delivered at it.
	Cursor   time.Time `json:"cursor"`
	CursorID string    `json:"cursorId,omitempty"`
	// More: the last poll read part of its window; the next starts at
	// the cursor, without the overlap.
	More bool `json:"more,omitempty"`
	// Keys are the rows delivered in the overlap window in a version 1
	// state; version 2 keeps each in a store key of its own.
	Keys []deliveredKey `json:"keys,omitempty"`
	// Position is the sink's position after the last delivery.
	Position int64 `json:"position"`
}

// deliveredKey names one delivered row: an id and the instant NetSuite
// gave it, in Unix seconds.
type deliveredKey struct {
	ID string `json:"id"`
	At int64  `json:"at"`
}

// cursorRe finds OnQuery's placeholder.
var cursorRe = regexp.MustCompile(`(?i):cursor\b`)

// identRe is a plain SQL identifier.
var identRe = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// NewWatcher returns a watcher of t on client, keeping its state in st and
// delivering to sink.
//
// It reads the trigger's state from st. When there is some, the trigger
// continues from it, and the sink is brought back to the committed
// position (Sink.Recover); the state must have been written for the same
// trigger (On, RecordType, Query, CursorColumn). Without state, the first
// Poll starts the trigger as t.Start says. The client must have the
// account's time zone (netsuite.WithTimezone).
func NewWatcher(client *netsuite.Client, t Trigger, st store.Store, sink Sink) (*Watcher, error) {
	switch {
	case client == nil:
		return nil, errors.New("connector: NewWatcher: the client is nil")
	case st == nil:
		return nil, errors.New("connector: NewWatcher: the store is nil")
	case sink == nil:
		return nil, errors.New("connector: NewWatcher: the sink is nil")
	case client.Timezone() == nil:
		return nil, errors.New("connector: NewWatcher: the client has no account time zone; pass netsuite.WithTimezone, which the trigger needs to read NetSuite's datetimes")
	}
	if err := t.check(); err != nil {
		return nil, err
	}
	t.Interval = cmp.Or(t.Interval, DefaultInterval)
	t.Overlap = cmp.Or(t.Overlap, DefaultOverlap)
	t.BatchSize = cmp.Or(t.BatchSize, DefaultBatchSize)
	t.PageSize = cmp.Or(t.PageSize, netsuite.MaxPageSize)
	t.MaxRows = cmp.Or(t.MaxRows, netsuite.MaxSuiteQLResults)
	if t.On == OnQuery && t.RecordType == "" {
		t.Fetch = FetchColumns // no record type to GET
	}
	w := &Watcher{
		client: client, t: t, st: st, sink: sink, loc: client.Timezone(),
		def:  fmt.Sprintf("%d|%s|%s|%s", t.On, t.RecordType, t.Query, t.CursorColumn),
		keys: map[deliveredKey]struct{}{},
		now:  time.Now, after: time.After,
	}
	w.src = w.t.source()
	name := t.Name
	if name == "" {
		sum := sha256.Sum256([]byte(w.def))
		name = w.src.kind + ":" + cmp.Or(t.RecordType, "query") + ":" + hex.EncodeToString(sum[:6])
	}
	w.key = "trigger/" + name
	// The name may hold any character (a file's path, for the CLI): its
	// hash makes a prefix that no other trigger's keys start with.
	sum := sha256.Sum256([]byte(name))
	w.keyPfx = "delivered/" + hex.EncodeToString(sum[:12]) + "/"

	ctx := context.Background()
	var err error
	if w.st, w.lock, err = lock(ctx, st, w.key); err != nil {
		return nil, fmt.Errorf("connector: trigger %s: %w", name, err)
	}
	if err := w.load(ctx, name); err != nil {
		w.Close()
		return nil, err
	}
	return w, nil
}

// lock takes the lock of name on st when st can lock and is not a held
// lock already; the store to use is the lock, or st when it cannot lock.
func lock(ctx context.Context, st store.Store, name string) (store.Store, store.Lock, error) {
	l, ok := st.(store.Locker)
	if _, held := st.(store.Lock); !ok || held {
		return st, nil, nil
	}
	lk, err := l.Lock(ctx, name)
	if err != nil {
		return nil, nil, err
	}
	return lk, lk, nil
}

// Close releases the trigger's lock (see NewWatcher); the store and the
// sink stay open.
func (w *Watcher) Close() error {
	if w.lock == nil {
		return nil
	}
	return w.lock.Close()
}

// load reads the trigger's state and brings the sink to its position.
func (w *Watcher) load(ctx context.Context, name string) error {
	st, sink := w.st, w.sink
	b, err := st.Get(ctx, w.key)
	if err != nil {
		return fmt.Errorf("connector: reading the state of trigger %s: %w", name, err)
	}
	if b == nil {
		// A new trigger starts from the sink as it is: a file that already
		// holds lines keeps them, whatever happens before the first commit.
		if p, ok := sink.(interface{ Position() int64 }); ok {
			w.state.Position = p.Position()
		}
		return nil
	}
	if err := json.Unmarshal(b, &w.state); err != nil {
		return fmt.Errorf("connector: the state of trigger %s is not valid: %w", name, err)
	}
	switch {
	case w.state.V != 1 && w.state.V != stateVersion:
		return fmt.Errorf("connector: the state of trigger %s has version %d; this nsconnect reads versions 1 and %d", name, w.state.V, stateVersion)
	case w.state.Def != w.def:
		return fmt.Errorf("connector: the state of trigger %s was written for another trigger (%s); give this one another Name", name, w.state.Def)
	}
	if w.state.V == 1 {
		w.unsaved, w.state.Keys, w.state.V = w.state.Keys, nil, stateVersion
		for _, k := range w.unsaved {
			w.keys[k] = struct{}{}
		}
	} else {
		err := st.Scan(ctx, w.keyPfx, func(key string, _ []byte) error {
			k, ok := w.parseKey(key)
			if !ok {
				return fmt.Errorf("the delivered key %q is not valid", key)
			}
			w.keys[k] = struct{}{}
			return nil
		})
		if err != nil {
			return fmt.Errorf("connector: reading the delivered keys of trigger %s: %w", name, err)
		}
	}
	if err := sink.Recover(ctx, w.state.Position); err != nil {
		return fmt.Errorf("connector: trigger %s: bringing the sink back to its committed position %d: %w", name, w.state.Position, err)
	}
	return nil
}

// Name returns the store key of the watcher's state.
func (w *Watcher) Name() string { return strings.TrimPrefix(w.key, "trigger/") }

// check checks a trigger before its defaults are applied.
func (t *Trigger) check() error {
	switch t.On {
	case OnNew, OnUpdated, OnDeleted:
		if !identRe.MatchString(t.RecordType) {
			return fmt.Errorf("connector: Trigger.RecordType %q: want a record type such as customer, salesOrder or customrecord_x", t.RecordType)
		}
	case OnQuery:
		if !cursorRe.MatchString(t.Query) {
			return errors.New("connector: Trigger.Query must hold :cursor where the lower bound goes, such as WHERE lastmodifieddate >= :cursor")
		}
		if !identRe.MatchString(t.CursorColumn) {
			return fmt.Errorf("connector: Trigger.CursorColumn %q: want the name of the query's datetime column, such as lastmodifieddate", t.CursorColumn)
		}
		if t.RecordType != "" && !identRe.MatchString(t.RecordType) {
			return fmt.Errorf("connector: Trigger.RecordType %q: want a record type such as customer, or none", t.RecordType)
		}
	default:
		return fmt.Errorf("connector: Trigger.On %d: want OnNew, OnUpdated, OnDeleted or OnQuery", t.On)
	}
	switch {
	case t.Start < StartNow || t.Start > StartSince:
		return fmt.Errorf("connector: Trigger.Start %d: want StartNow, StartBeginning or StartSince", t.Start)
	case t.Start == StartSince && t.Since.IsZero():
		return errors.New("connector: Trigger.Start is StartSince but Trigger.Since is not set")
	case t.Fetch != FetchRecord && t.Fetch != FetchColumns:
		return fmt.Errorf("connector: Trigger.Fetch %d: want FetchRecord or FetchColumns", t.Fetch)
	case t.Interval < 0 || t.Overlap < 0:
		return errors.New("connector: Trigger.Interval and Trigger.Overlap must not be negative")
	case t.BatchSize < 0 || t.MaxRows < 0:
		return errors.New("connector: Trigger.BatchSize and Trigger.MaxRows must not be negative")
	case t.PageSize < 0 || t.PageSize > netsuite.MaxPageSize:
		return fmt.Errorf("connector: Trigger.PageSize %d: want 1 to %d, or 0 for %d", t.PageSize, netsuite.MaxPageSize, netsuite.MaxPageSize)
	}
	return nil
}

// source returns what t reads.
func (t *Trigger) source() source {
	switch t.On {
	case OnQuery:
		return source{
			from:    "(" + cursorRe.ReplaceAllLiteralString(strings.TrimRight(strings.TrimSpace(t.Query), "; \t\r\n"), toTimestamp) + "\n) q",
			col:     "q." + strings.ToLower(t.CursorColumn),
			id:      "q.id",
			all:     true,
			cursors: len(cursorRe.FindAllStringIndex(t.Query, -1)),
			kind:    "query",
		}
	case OnDeleted:
		// deletedrecord.type is the record type in lower case;
		// custom records are told apart by iscustomrecord and scriptid
		// (deletedrecord's columns as tap-netsuitesuiteql and the
		// emulator's table have them; Oracle's Records Catalog lists the
		// table).
		lower := strings.ToLower(t.RecordType)
		conds := []string{"q.type = " + quote(lower)}
		if isCustomRecord(t.RecordType) {
			conds = []string{"q.iscustomrecord = 'T'", "LOWER(q.scriptid) = " + quote(lower)}
		}
		return source{from: "deletedrecord q", conds: conds, col: "q.deleteddate", id: "q.recordid", kind: "deleted"}
	}
	table, where := Table(t.RecordType)
	created, modified := DateColumns(t.RecordType)
	s := source{from: table + " q", col: "q." + modified, id: "q.id", all: t.Fetch == FetchColumns, kind: "updated"}
	if t.On == OnNew {
		s.col, s.kind = "q."+created, "new"
	}
	if where != "" {
		s.conds = []string{where}
	}
	return s
}

// quote is a SuiteQL string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// toTimestamp is the SuiteQL of a bound wall time.
const toTimestamp = "TO_TIMESTAMP(?, " + sqlModel + ")"

// where returns the WHERE of a poll over [floor, upper), wall times, and
// its parameters.
func (s *source) where(floor, upper string) (string, []any) {
	var params []any
	for range s.cursors {
		params = append(params, floor)
	}
	conds := append(slices.Clone(s.conds), s.col+" >= "+toTimestamp, s.col+" < "+toTimestamp)
	params = append(params, floor, upper)
	return " WHERE " + strings.Join(conds, " AND "), params
}

// query returns the poll's query and its parameters.
func (s *source) query(floor, upper string) (string, []any) {
	sel := s.id + " AS id"
	if s.all {
		sel = "q.*"
	}
	where, params := s.where(floor, upper)
	return "SELECT " + sel + ", TO_CHAR(SYS_EXTRACT_UTC(" + s.col + "), " + sqlModel + ") AS " + atColumn +
		" FROM " + s.from + where + " ORDER BY " + s.col + ", " + s.id, params
}

// count returns the query that counts the poll's rows.
func (s *source) count(floor, upper string) (string, []any) {
	where, params := s.where(floor, upper)
	return "SELECT COUNT(*) AS n FROM " + s.from + where, params
}

// row is one row a poll read.
type row struct {
	key  deliveredKey
	at   time.Time    // UTC
	wall time.Time    // the account's wall clock of at, as a UTC time
	cols netsuite.Row // the columns, without atColumn
}

// Poll polls once: it reads what changed since the cursor (minus the
// overlap), drops what was delivered already, delivers the rest in order
// of (instant, id), and commits the cursor, the delivered keys and the
// sink's position in one transaction.
//
// Events go to the sink BatchSize at a time, and the state is committed
// after each batch; an error stops the poll after the last committed
// batch, and the next poll reads the rest again.
func (w *Watcher) Poll(ctx context.Context) (PollResult, error) {
	res := PollResult{}
	now := w.serverNow(ctx)
	if w.state.V == 0 {
		start := time.Unix(0, 0).UTC()
		switch w.t.Start {
		case StartNow:
			start = now
		case StartSince:
			start = w.t.Since.UTC().Truncate(time.Second)
		}
		w.state = state{V: stateVersion, Def: w.def, Start: start, Cursor: start, Position: w.state.Position}
		if err := w.commit(ctx, nil, time.Time{}); err != nil {
			return res, err
		}
	}
	res.Cursor = w.state.Cursor
	lower := w.lower(w.state.Cursor, w.state.More)
	keep := maxTime(w.keepFrom(lower, now), w.state.Start)
	// The poll reads the current second too: NetSuite's datetimes have
	// one-second precision, so a change made in the second the poll runs
	// has that second's time, and a poll that starts after a change must
	// see it. The second is not over, though, and more rows can come in
	// it: the cursor never passes now, so the next poll, whose window
	// starts at the cursor or before, reads the second again, and the
	// keys drop what was delivered.
	floor, upper := w.window(lower, now.Add(time.Second))
	_, done := w.window(lower, now) // the end of the complete seconds
	if !upper.After(floor) {
		res.Next = w.now().Add(w.t.Interval)
		return res, nil // the window is empty: the cursor is past now
	}
	fs, us, ds := floor.Format(wallLayout), upper.Format(wallLayout), done.Format(wallLayout)

	n0, err := w.count(ctx, fs, ds)
	if err != nil {
		return res, err
	}
	rows, err := w.read(ctx, fs, us)
	if err != nil {
		return res, err
	}
	stable := true
	if n0 > w.t.PageSize || len(rows) > w.t.PageSize {
		// Pages read in parallel are separate queries: a row that left
		// the complete seconds while they ran (changed: its new date is
		// now or later; or deleted) shifts the rows after it back, and
		// one can fall between two pages. The complete seconds only
		// lose rows while they are read, so the same count of them
		// after the read proves that none did. A row that moves or goes
		// within the current second, which comes after them, shifts
		// rows of that second only, which the next poll reads again.
		n1, err := w.count(ctx, fs, ds)
		if err != nil {
			return res, err
		}
		stable = n1 == n0
	}

	// limit caps the cursor when the poll read only part of its window.
	var limit time.Time
	if len(rows) >= w.t.MaxRows {
		// Read up to MaxRows in order of wall time: the rows of the last
		// wall second may continue past them. Deliver the seconds before
		// it, and continue at it.
		last := rows[len(rows)-1].wall
		i := slices.IndexFunc(rows, func(r row) bool { return r.wall.Equal(last) })
		if i == 0 {
			return res, fmt.Errorf("connector: trigger %s: more than %d rows (Trigger.MaxRows) changed in the second %s; raise MaxRows", w.Name(), w.t.MaxRows, last.Format(wallLayout))
		}
		rows = rows[:i]
		limit = w.instant(last)
	}
	if !stable && len(rows) > 0 {
		// The first page was one query: everything up to its last row
		// was read. Continue from there.
		first := rows[min(w.t.PageSize, len(rows))-1].wall
		limit = minTime(limit, w.instant(first))
	}
	partial := !limit.IsZero()

	// Drop what is before the window's keys and what was delivered, then
	// order by (instant, id).
	var maxAt time.Time
	fresh := rows[:0:0]
	seen := map[deliveredKey]bool{}
	for _, r := range rows {
		if r.at.Before(keep) {
			continue
		}
		maxAt = maxTime(maxAt, r.at)
		if _, ok := w.keys[r.key]; ok || seen[r.key] {
			continue
		}
		seen[r.key] = true
		fresh = append(fresh, r)
	}
	slices.SortFunc(fresh, func(a, b row) int {
		return cmp.Or(a.at.Compare(b.at), cmpID(a.key.ID, b.key.ID))
	})

	w.state.More = partial
	for len(fresh) > 0 {
		batch := fresh[:min(w.t.BatchSize, len(fresh))]
		fresh = fresh[len(batch):]
		events, err := w.events(ctx, batch)
		if err != nil {
			return res, err
		}
		if len(events) > 0 && w.lock != nil {
			if err := w.lock.Check(ctx); err != nil {
				return res, fmt.Errorf("connector: trigger %s: not delivering: %w", w.Name(), err)
			}
		}
		if len(events) > 0 {
			pos, err := w.sink.Deliver(ctx, events)
			if err != nil {
				return res, fmt.Errorf("connector: trigger %s: delivering: %w", w.Name(), err)
			}
			w.state.Position = pos
		}
		for _, r := range batch {
			w.keys[r.key] = struct{}{}
		}
		lastRow := batch[len(batch)-1]
		if lastRow.at.After(w.state.Cursor) && !lastRow.at.After(now) && (!partial || !lastRow.at.After(limit)) {
			w.state.Cursor, w.state.CursorID = lastRow.at, lastRow.key.ID
		}
		if err := w.commit(ctx, batch, time.Time{}); err != nil {
			return res, err
		}
		res.Delivered += len(events)
	}
	// The cursor never passes now: a wall time of the repeated hour can
	// come back as its later instant, and rows of the hour's second pass,
	// still to come, must stay inside the next window.
	switch {
	case partial:
		if c := minTime(limit, now); c.After(w.state.Cursor) {
			w.state.Cursor, w.state.CursorID = c, ""
		}
	case maxAt.After(w.state.Cursor):
		w.state.Cursor, w.state.CursorID = minTime(maxAt, now), ""
	}
	// Forget the keys the next poll cannot read again.
	next := w.pruneFrom(w.lower(w.state.Cursor, false))
	for k := range w.keys {
		if k.At < next.Unix() {
			delete(w.keys, k)
		}
	}
	if err := w.commit(ctx, nil, next); err != nil {
		return res, err
	}
	res.Cursor, res.More = w.state.Cursor, partial
	res.Next = w.now()
	if !partial {
		res.Next = res.Next.Add(w.t.Interval)
	}
	return res, nil
}

// lower is a poll's lower bound: the cursor less the overlap, or the
// cursor itself when the last poll read part of its window (more); never
// before the trigger's start.
func (w *Watcher) lower(cursor time.Time, more bool) time.Time {
	l := cursor
	if !more {
		l = cursor.Add(-w.t.Overlap)
	}
	return maxTime(l, w.state.Start).Truncate(time.Second)
}

// keepFrom is the earliest instant whose keys a poll from lower must know:
// lower, or dstSlack before it when the clocks went back between then and
// now.
func (w *Watcher) keepFrom(lower, now time.Time) time.Time {
	for _, tr := range w.transitions(lower.Add(-dstSlack), now) {
		if tr.back {
			return lower.Add(-dstSlack)
		}
	}
	return lower
}

// pruneFrom is the earliest instant whose keys the watcher keeps after a
// poll, when the next poll's lower bound is lower (or, after a partial
// poll, the overlap after it): dstSlack before lower when the clocks go back
// near it, whenever the next poll runs; else lower. It is never after the
// next poll's keepFrom for the rows that poll can read: those before lower
// are read only when the clocks went back within an hour of its bound.
func (w *Watcher) pruneFrom(lower time.Time) time.Time {
	reach := 2*dstSlack + w.t.Overlap
	for _, tr := range w.transitions(lower.Add(-reach), lower.Add(reach)) {
		if tr.back {
			return lower.Add(-dstSlack)
		}
	}
	return lower
}

// transition is a change of the account's UTC offset.
type transition struct {
	at                        time.Time
	offsetBefore, offsetAfter int // seconds
	back                      bool
}

// transitions returns the changes of offset in (from, to].
func (w *Watcher) transitions(from, to time.Time) []transition {
	var out []transition
	t := from.In(w.loc)
	for range 1000 {
		_, end := t.ZoneBounds()
		if end.IsZero() || end.After(to) {
			break
		}
		_, before := t.Zone()
		_, after := end.In(w.loc).Zone()
		if before != after {
			out = append(out, transition{at: end, offsetBefore: before, offsetAfter: after, back: after < before})
		}
		t = end.In(w.loc)
	}
	return out
}

// window returns the wall-clock bounds [floor, upper) that hold every
// instant from lower to before now, DST-exact: the wall time of lower and
// of now, widened where the clocks went back between them, so that the
// repeated hour is read whole (its second pass shows wall times below
// lower's, its first pass wall times above now's).
func (w *Watcher) window(lower, now time.Time) (floor, upper time.Time) {
	floor, upper = w.wallOf(lower), w.wallOf(now)
	for _, tr := range w.transitions(lower, now) {
		if !tr.back {
			continue
		}
		floor = minTime(floor, w.wallOf(tr.at))
		upper = maxTime(upper, tr.at.Add(time.Duration(tr.offsetBefore)*time.Second).UTC())
	}
	return floor, upper
}

// wallOf returns the account's wall clock at t, as a UTC time.
func (w *Watcher) wallOf(t time.Time) time.Time {
	l := t.In(w.loc)
	y, mo, d := l.Date()
	h, mi, s := l.Clock()
	return time.Date(y, mo, d, h, mi, s, 0, time.UTC)
}

// instant returns the instant of a wall time on the account's clocks, the
// earlier one in the repeated hour (nstime.WallTime).
func (w *Watcher) instant(wall time.Time) time.Time {
	y, mo, d := wall.Date()
	h, mi, s := wall.Clock()
	return nstime.WallTime(y, mo, d, h, mi, s, 0, w.loc).UTC()
}

// serverNow is NetSuite's time (serverTime), to the second; the local
// clock when NetSuite does not answer.
func (w *Watcher) serverNow(ctx context.Context) time.Time {
	now, _, err := w.client.ServerTime(ctx)
	if err != nil {
		now = w.now()
	}
	return now.UTC().Truncate(time.Second)
}

// count counts the rows of the window.
func (w *Watcher) count(ctx context.Context, floor, upper string) (int, error) {
	q, params := w.src.count(floor, upper)
	page, _, err := w.client.SuiteQL.Query(ctx, q, &netsuite.QueryOptions{Params: params, Limit: 1})
	if err != nil {
		return 0, fmt.Errorf("connector: trigger %s: counting the changes: %w", w.Name(), err)
	}
	if len(page.Rows) != 1 {
		return 0, fmt.Errorf("connector: trigger %s: counting the changes: %d rows", w.Name(), len(page.Rows))
	}
	var n int
	if _, err := fmt.Sscan(page.Rows[0]["n"], &n); err != nil {
		return 0, fmt.Errorf("connector: trigger %s: counting the changes: %q is not a count", w.Name(), page.Rows[0]["n"])
	}
	return n, nil
}

// read reads the rows of the window, at most MaxRows, in order of wall
// time and id.
func (w *Watcher) read(ctx context.Context, floor, upper string) ([]row, error) {
	q, params := w.src.query(floor, upper)
	var rows []row
	opts := &netsuite.RowsOptions{Params: params, Limit: w.t.PageSize, MaxRows: w.t.MaxRows}
	for r, err := range w.client.SuiteQL.Rows(ctx, q, opts) {
		if err != nil {
			return nil, fmt.Errorf("connector: trigger %s: reading the changes: %w", w.Name(), err)
		}
		id, text := r["id"], r[atColumn]
		at, err := nstime.ParseDateTime(text, time.UTC)
		if id == "" || err != nil {
			return nil, fmt.Errorf("connector: trigger %s: a row without an id or a datetime %s (id %q, %s %q)", w.Name(), w.src.col, id, atColumn, text)
		}
		at = at.UTC()
		delete(r, atColumn)
		rows = append(rows, row{key: deliveredKey{ID: id, At: at.Unix()}, at: at, wall: w.wallOf(at), cols: r})
	}
	return rows, nil
}

// events returns the events of rows, with their records when the trigger
// fetches them: read through the record API in parallel, up to the
// client's concurrency, and in order. A record that no longer exists (it
// was deleted after the poll saw it) has no event: an OnDeleted trigger
// reports it.
func (w *Watcher) events(ctx context.Context, rows []row) ([]Event, error) {
	events := make([]Event, len(rows))
	for i, r := range rows {
		events[i] = Event{Trigger: w.Name(), On: w.src.kind, RecordType: w.t.RecordType, ID: r.key.ID, At: r.at}
		if w.t.On != OnDeleted && w.t.Fetch == FetchColumns {
			events[i].Columns = r.cols
		}
	}
	if w.t.On == OnDeleted || w.t.Fetch != FetchRecord {
		return events, nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	gone := make([]bool, len(rows))
	errs := make([]error, len(rows))
	sem := make(chan struct{}, max(1, w.client.Concurrency()))
	var wg sync.WaitGroup
	for i := range events {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			rec, _, err := w.client.Records.Get(ctx, w.t.RecordType, events[i].ID, nil)
			switch {
			case netsuite.IsNotFound(err):
				gone[i] = true
			case err != nil:
				errs[i] = err
				cancel()
			default:
				events[i].Record = rec
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("connector: trigger %s: reading the records: %w", w.Name(), err)
	}
	out := events[:0]
	for i, e := range events {
		if !gone[i] {
			out = append(out, e)
		}
	}
	return out, nil
}

// commit writes, in one transaction, the state, the keys of the rows
// delivered since the last commit and, when prune is set, the removal of
// the keys before it.
func (w *Watcher) commit(ctx context.Context, delivered []row, prune time.Time) error {
	b, err := json.Marshal(w.state)
	if err != nil {
		return fmt.Errorf("connector: trigger %s: %w", w.Name(), err)
	}
	err = w.st.Update(ctx, func(tx store.Tx) error {
		if err := tx.Put(w.key, b); err != nil {
			return err
		}
		for _, k := range w.unsaved {
			if err := tx.Put(w.storeKey(k), nil); err != nil {
				return err
			}
		}
		for _, r := range delivered {
			if err := tx.Put(w.storeKey(r.key), nil); err != nil {
				return err
			}
		}
		if prune.IsZero() {
			return nil
		}
		return tx.DeleteRange(w.keyPfx, w.keyPfx+sortableUnix(prune.Unix()))
	})
	if err != nil {
		return fmt.Errorf("connector: trigger %s: committing: %w", w.Name(), err)
	}
	w.unsaved = nil
	return nil
}

// storeKey is the store key of a delivered key: the prefix, the instant in
// an order-keeping text, and the id, so that the keys before an instant
// are one range.
func (w *Watcher) storeKey(k deliveredKey) string {
	return w.keyPfx + sortableUnix(k.At) + "/" + k.ID
}

// parseKey reads a store key back.
func (w *Watcher) parseKey(key string) (deliveredKey, bool) {
	at, id, ok := strings.Cut(strings.TrimPrefix(key, w.keyPfx), "/")
	u, err := strconv.ParseUint(at, 10, 64)
	if !ok || err != nil || len(at) != 20 || id == "" {
		return deliveredKey{}, false
	}
	return deliveredKey{ID: id, At: int64(u ^ 1<<63)}, true
}

// sortableUnix is Unix seconds as 20 digits whose byte order is their
// numeric order, negative ones (before 1970) included.
func sortableUnix(sec int64) string {
	return fmt.Sprintf("%020d", uint64(sec)^1<<63)
}

// Run polls every Interval until ctx is done; status, when set, is told of
// each poll. A poll that read only part of what changed (PollResult.More)
// is followed by the next at once. Run returns nil when ctx is done, and
// the error of a poll that fails (the netsuite client has already retried
// what can be retried); the state stays at the last committed batch, so
// a new Run continues from there.
func (w *Watcher) Run(ctx context.Context, status func(PollResult)) error {
	for {
		res, err := w.Poll(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			return err
		}
		if status != nil {
			status(res)
		}
		if wait := res.Next.Sub(w.now()); wait > 0 {
			select {
			case <-ctx.Done():
				return nil
			case <-w.after(wait):
			}
		}
	}
}

// cmpID orders ids as numbers when both are (internal IDs), else as text.
func cmpID(a, b string) int {
	if len(a) != len(b) && isDigits(a) && isDigits(b) {
		return cmp.Compare(len(a), len(b))
	}
	return strings.Compare(a, b)
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

func minTime(a, b time.Time) time.Time {
	if a.IsZero() || b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
