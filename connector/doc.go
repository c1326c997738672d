// Package connector runs Workato-style triggers and actions on a NetSuite
// account through package netsuite.
//
// # Batch actions and imports
//
// Batch creates, updates, upserts or deletes a list of records at the
// client's concurrency and returns a Result for each: the outcome, the
// record's ID, and NetSuite's status, code, detail and path when it refused.
// Import does the same for a stream of numbered rows, keeping a checkpoint
// in a store.Store so that a stopped run resumes without losing or doubling
// a row. Neither sends a write again blindly when its answer is lost: a
// delete, and an update or upsert that adds no sublist lines, are sent
// again; a create with an external ID is sent again and, refused as a
// duplicate, looked up; anything else goes as a NetSuite job with an
// idempotency key, sent again with the same key. What cannot be resolved is
// Unknown.
//
// # Triggers
//
// A Watcher runs one Trigger: it polls NetSuite through SuiteQL and hands
// what changed to a Sink as Events, keeping a durable cursor in a
// store.Store.
//
//   - OnNew reads the record type's SuiteQL table (Table) by its creation
//     date, OnUpdated by its last-modified date (DateColumns: datecreated,
//     createddate or created; lastmodifieddate or lastmodified), so a new
//     record is also an update.
//   - OnDeleted reads deletedrecord WHERE type = '<record type in lower
//     case>' (a custom record type: iscustomrecord = 'T' and its scriptid)
//     by deleteddate. Deleted records have no Record.
//   - OnQuery reads a query of the caller's. Its :cursor placeholders are
//     replaced by TO_TIMESTAMP(?, 'YYYY-MM-DD HH24:MI:SS') bound to the
//     poll's lower bound, on the account's wall clock; the query must
//     select id and the datetime column CursorColumn names, which the
//     watcher also bounds and orders by (it wraps the query as a derived
//     table). The event carries the row's Columns; with a RecordType and
//     FetchRecord, the Record read through the record API.
//
// With FetchRecord (the default) each event's record is read with
// Records.Get, in parallel up to Client.Concurrency(), the events staying in
// order; a record deleted before it could be read has no event (OnDeleted
// reports it). With FetchColumns the event carries the table's columns
// (Event.Columns, written as "record" as Record is).
//
// # The cursor and the overlap
//
// The cursor is an instant (UTC, whole seconds: SuiteQL's precision) and
// the id of the last event delivered at it: every row read with an instant
// up to the cursor has been delivered. A poll reads the rows whose datetime
// is from cursor - Overlap up to and including now, the current second,
// where now is NetSuite's serverTime to the second (the local clock if it
// does not answer): a change made in the second a poll starts in has that
// second's time, and the poll sees it. That second is not over, and more
// rows can come in it, so the cursor never passes now, and the next poll
// reads the second again. Each row comes with its instant from
// TO_CHAR(SYS_EXTRACT_UTC(column), 'YYYY-MM-DD HH24:MI:SS'), ordered by
// (datetime, id). It drops the rows it delivered already, known by their
// key (id, instant), and delivers the rest in order of (instant, id),
// BatchSize events at a time. After each batch it commits, in one
// store transaction (store.Store.Update), the cursor, the sink's position
// and the batch's keys, each a store key of its own, so that a commit costs
// the batch, not every key kept; the poll's last commit removes the keys
// that no later poll can read again. So:
//
//   - Ordering: events are in order of (instant, id) within a poll and
//     across polls, except for a late record (next item).
//   - Late records: a record committed with a datetime up to Overlap
//     before the cursor (a long transaction, a clock a little off) is
//     delivered when a poll first sees it, after events with later
//     instants. One committed later than that is not delivered. Overlap
//     defaults to 5 minutes (DefaultOverlap), Interval to a minute.
//   - De-duplication: a record is delivered once per distinct instant of
//     its date. Two changes within one second, or between two polls, are
//     one event carrying the latest state (FetchRecord reads the record when
//     delivering). A second change in the same second as a change already
//     delivered is not delivered again: the key is the same.
//   - Rows that move while a poll reads: pages are read in parallel
//     (SuiteQL.Rows), and a row changed or deleted meanwhile shifts the
//     others and could make one fall between pages. The watcher counts
//     the window's complete seconds, before now, before and after the
//     read (a changed row leaves them); when the counts differ it
//     delivers what it read but moves the cursor only to the end of the
//     first page, which was one query, and polls again at once
//     (PollResult.More). A row that moves within the current second
//     shifts only rows of that second, which the next poll reads again.
//
// # Batches
//
// A poll reads at most MaxRows rows (default and maximum useful value
// 100,000, SuiteQL's cap on a query read by offset; no keyset continues a
// query ordered by datetime). When it reads that many, it delivers the rows
// before the last wall-clock second it read and moves the cursor to that
// second; the next poll (Run starts it at once) continues there without the
// overlap, so that a large backlog, a first run from StartBeginning say, is
// read over several polls with memory bounded by MaxRows. More than MaxRows
// changes within one second is an error that names MaxRows.
//
// # Time zones and DST
//
// SuiteQL compares datetimes on the account's wall clock, so the watcher
// turns its UTC bounds into wall times of the account's zone (the Client's
// Timezone) exactly: the wall time of an instant is unique. Where the
// clocks went back inside a window, the wall-clock bounds widen to hold
// the whole repeated hour (the floor down to the start of its second pass,
// the upper bound up to the end of its first), and a wall time read back is
// its earlier instant (nstime.WallTime). The instant SYS_EXTRACT_UTC gives
// a row of the repeated hour can be either of its two; the cursor never
// passes now, and near a change the watcher keeps keys, and accepts rows,
// two hours before the lower bound, so the hour is neither skipped nor
// delivered twice. Two changes of one record exactly an hour apart inside
// the repeated hour can have the same key, and only the first is then
// delivered. Where the clocks went forward, no wall time is missing from
// the rows, and none is skipped. Precision is one second throughout.
//
// # Starting, restarting and delivery guarantees
//
// The first poll of a trigger with no state starts it at Start: StartNow at
// NetSuite's serverTime (the local clock if it does not answer),
// StartBeginning at the Unix epoch, StartSince at Since. Nothing with an
// instant before the start is delivered. Later watchers with the same Name
// (derived from the trigger when empty) continue from the committed state;
// NewWatcher refuses state written for another trigger.
//
// A crash can fall between a Sink's Deliver and the commit after it. On
// restart NewWatcher calls Sink.Recover with the committed position, and the
// poll reads the uncommitted events again:
//
//   - NewStdoutSink is at-least-once: what it wrote before the crash cannot
//     be taken back, and those events are written again.
//   - NewFileSink is exactly-once: Deliver appends and fsyncs before it
//     returns the file's length, and Recover truncates the file to the
//     committed length, so every event is in the file once.
//   - NewWebhookSink is at-least-once: an event the receiver took before a
//     crash, or before Deliver failed later in its batch, is sent again,
//     with the same idempotency key (see Webhooks).
//
// The store must be durable for these to hold (store.OpenSQLite and
// store.OpenPostgres are). They hold for one watcher of a trigger at a
// time: when the store is a store.Locker (both are), NewWatcher takes the
// trigger's lock and refuses a second watcher of it, in any process on the
// same state (store.ErrLocked), and Import.Run does the same for an
// import; a watcher that loses its lock delivers and commits nothing more
// (store.ErrLockLost), and the next holder delivers again from the last
// commit, at least once as before.
//
// # Webhooks
//
// NewWebhookSink POSTs each event, one a request, in order, to a URL
// (https, or http to a loopback address), as Standard Webhooks 1.0.0 says
// (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md):
// the body is the event's JSON; webhook-id is the event's idempotency key;
// webhook-timestamp the attempt's Unix time; webhook-signature "v1," and
// the base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}"
// under the shared secret ("whsec_" and base64; several sign together, to
// rotate one).
//
// Delivery is at least once. The key is derived from the event's identity:
// the trigger's name (Event.Trigger, which the watcher sets), the event's
// kind, record type and id, and its instant. It is the same on every
// delivery of the event, and a receiver de-duplicates by it. A 2xx answer
// delivers the event; a 5xx, a 429, a failed connection or a timeout is
// retried after a wait that doubles (at least the Retry-After asked for,
// up to MaxRetryAfter), Attempts times in all; then, or at once for any
// other answer, the event goes to the dead-letter file, an NDJSON line
// with its key, the last answer and the body as sent. Deliver returns only
// when each event of its batch is delivered or dead-lettered, so the
// cursor never passes an event that is neither. The sink's position is
// the dead-letter file's length: Recover cuts off what was dead-lettered
// after the last commit, so each dead letter is in the file once, and
// those events are sent again. Stop ends the waits between attempts (for
// Ctrl-C): Deliver then fails, and the watcher commits nothing of the
// batch.
package connector
