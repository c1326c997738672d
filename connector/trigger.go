// Package connector runs Workato-style triggers and actions on a NetSuite
// account through package netsuite.
//
// CONTRACT STUB for issue 12: the connector helper implements it (and may
// add to it); the CLI helper codes `nsconnect watch` against these names.
package connector

import (
	"context"
	"io"
	"time"

	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/store"
)

// On is what a trigger watches for.
type On int

// The trigger kinds.
const (
	OnNew     On = iota + 1 // records created (by creation date)
	OnUpdated               // records created or changed (by last-modified date)
	OnDeleted               // records deleted (NetSuite's deleted-record data)
	OnQuery                 // the rows of a SuiteQL query with a cursor placeholder
)

// Start says where a trigger begins the first time it runs (later runs
// continue from their durable cursor).
type Start int

// The starts.
const (
	StartNow       Start = iota // only changes from now on
	StartBeginning              // every record there is
	StartSince                  // changes at or after Trigger.Since
)

// Fetch says what an event carries.
type Fetch int

// The fetch modes.
const (
	FetchRecord  Fetch = iota // the full record, read through the record API
	FetchColumns              // the columns of the trigger's SuiteQL rows only
)

// Trigger describes one trigger.
type Trigger struct {
	// Name keys the trigger's durable state; "" derives it from the rest.
	Name string
	On   On
	// RecordType is the REST record type (customer, salesOrder,
	// customrecord_x) for OnNew, OnUpdated and OnDeleted.
	RecordType string
	// Query is OnQuery's SuiteQL: it selects id and a datetime column
	// named by CursorColumn, and holds the placeholder :cursor where the
	// trigger puts the lower bound (see the package doc).
	Query        string
	CursorColumn string
	Start        Start
	// Since is StartSince's start, an instant (a wall time read in the
	// account's time zone by the caller, DST-exact: nstime).
	Since time.Time
	// Interval is the time between polls (Run); 0 means 1 minute.
	Interval time.Duration
	// Overlap is how far each poll reaches back before the cursor, so that
	// a record committed late is still seen; 0 means a default.
	Overlap time.Duration
	// BatchSize bounds the events handed to the sink at once; 0 means 100.
	BatchSize int
	Fetch     Fetch
}

// Event is one delivery.
type Event struct {
	// On is the kind: "new", "updated", "deleted" or "query".
	On         string    `json:"on"`
	RecordType string    `json:"recordType,omitempty"`
	ID         string    `json:"id"`
	At         time.Time `json:"at"` // the instant NetSuite reports (created, modified or deleted), UTC
	// Record is the full record (FetchRecord) or the row's columns
	// (FetchColumns); nil for deletes.
	Record map[string]any `json:"record,omitempty"`
}

// Sink receives events.
type Sink interface {
	// Deliver hands events on durably and returns the sink's position
	// after them (a file's length; 0 for a sink without one), which the
	// watcher commits with the cursor in one transaction.
	Deliver(ctx context.Context, events []Event) (position int64, err error)
	// Recover brings the sink back to a committed position after a
	// restart (a file is truncated to it).
	Recover(ctx context.Context, position int64) error
}

// PollResult says what one poll did.
type PollResult struct {
	Delivered int
	Cursor    time.Time // the cursor after the poll
	Next      time.Time // when Run polls next
}

// Watcher runs one trigger.
type Watcher struct{}

// NewWatcher returns a watcher of t on client, keeping its state in st and
// delivering to sink.
func NewWatcher(client *netsuite.Client, t Trigger, st store.Store, sink Sink) (*Watcher, error) {
	panic("not implemented")
}

// Poll polls once: it reads what changed since the cursor (minus the
// overlap), drops what was delivered already, delivers the rest in order
// of (instant, id), and commits the cursor, the delivered keys and the
// sink's position in one transaction.
func (w *Watcher) Poll(ctx context.Context) (PollResult, error) { panic("not implemented") }

// Run polls every Interval until ctx is done; status, when set, is told of
// each poll.
func (w *Watcher) Run(ctx context.Context, status func(PollResult)) error {
	panic("not implemented")
}

// NewStdoutSink returns a sink writing NDJSON to w: at-least-once across
// crashes (events delivered before a crash and not yet committed are
// written again).
func NewStdoutSink(w io.Writer) Sink { panic("not implemented") }

// NewFileSink returns a sink appending NDJSON to path, fsync'd: exactly-once
// across crashes (Recover truncates the file to the committed length).
func NewFileSink(path string) (Sink, error) { panic("not implemented") }
