package connector

import (
	"context"
	"time"

	"github.com/nsconnect/nsconnect/netsuite"
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
	// PageSize is the number of rows a SuiteQL request asks for, 1 to
	// 1000; 0 means 1000.
	PageSize int
	// MaxRows bounds the rows one poll reads; 0 means 100,000, SuiteQL's
	// cap on a query read by offset. More changes than that are read over
	// several polls (see the package doc, "Batches").
	MaxRows int
}

// Event is one delivery.
type Event struct {
	// Trigger is the name of the trigger that found the event
	// (Watcher.Name); the webhook sink derives the event's idempotency
	// key from it. It is not in the event's JSON.
	Trigger string `json:"-"`
	// On is the kind: "new", "updated", "deleted" or "query".
	On         string    `json:"on"`
	RecordType string    `json:"recordType,omitempty"`
	ID         string    `json:"id"`
	At         time.Time `json:"at"` // the instant NetSuite reports (created, modified or deleted), UTC
	// Record is the full record (FetchRecord); nil for deletes and for
	// FetchColumns.
	Record map[string]any `json:"record,omitempty"`
	// Columns are the row's columns (FetchColumns), as SuiteQL gives them:
	// text, lower-case names, NULLs left out. In JSON they are "record",
	// as Record is: an event has one or the other.
	Columns netsuite.Row `json:"-"`
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
	// More says that the poll read only part of what changed (MaxRows,
	// or rows that moved while it read): Run polls again at once.
	More bool
}
