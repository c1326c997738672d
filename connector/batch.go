package connector

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/nsconnect/nsconnect/netsuite"
)

// Op is what a batch or an import does to each record.
type Op int

// The operations.
const (
	OpCreate Op = iota + 1 // POST record/v1/{type}
	OpUpdate               // PATCH record/v1/{type}/{id} (or eid:{externalId})
	OpUpsert               // PUT record/v1/{type}/eid:{externalId}
	OpDelete               // DELETE record/v1/{type}/{id} (or eid:{externalId})
)

var opNames = [...]string{OpCreate: "create", OpUpdate: "update", OpUpsert: "upsert", OpDelete: "delete"}

// String returns create, update, upsert or delete.
func (o Op) String() string {
	if o < OpCreate || o > OpDelete {
		return fmt.Sprintf("Op(%d)", int(o))
	}
	return opNames[o]
}

// ParseOp returns the Op named create, update, upsert or delete.
func ParseOp(name string) (Op, error) {
	for o := OpCreate; o <= OpDelete; o++ {
		if strings.EqualFold(name, opNames[o]) {
			return o, nil
		}
	}
	return 0, fmt.Errorf("%q is not an operation: want create, update, upsert or delete", name)
}

// Item is one record of a batch or an import.
type Item struct {
	// Record is the body to write; a delete ignores it.
	Record netsuite.Record
	// ID is the internal ID of the record to update or delete.
	ID string
	// ExternalID is the external ID: the record to upsert (required), or
	// to update or delete when ID is empty. A create with an external ID
	// (in Record, or here, which sets it in the body) can be looked up
	// when its outcome is unknown: NetSuite refuses a second record of the
	// type with the same external ID.
	ExternalID string
	// IdempotencyKey is sent with a write that is not safe to send twice
	// (a create without an external ID; an update or upsert that adds
	// sublist lines), which then goes as an asynchronous request
	// (netsuite.WriteOptions.IdempotencyKey): NetSuite carries a key out
	// once, so the write can be sent again when its outcome is unknown.
	// Batch makes a random one when it is empty; Import derives one from
	// the row, the same in every run of the import.
	IdempotencyKey string
}

// Outcome is what became of an item.
type Outcome string

// The outcomes.
const (
	Created  Outcome = "created"
	Updated  Outcome = "updated"
	Upserted Outcome = "upserted" // created or updated: NetSuite's answer does not say which
	Deleted  Outcome = "deleted"
	// Failed: NetSuite refused the write (Result.Code, Message, Path say
	// why). Nothing was written.
	Failed Outcome = "failed"
	// Invalid: the item was not sent, its input is wrong (Message says how).
	Invalid Outcome = "invalid"
	// Unknown: the write was sent, and whether NetSuite carried it out
	// could not be found out. Look the record up before writing it again.
	Unknown Outcome = "unknown"
)

// Result is the outcome of one item.
type Result struct {
	Outcome Outcome `json:"outcome"`
	// ID is the internal ID of the record written.
	ID string `json:"id,omitempty"`
	// Status is the HTTP status of NetSuite's refusal; Code the
	// o:errorCode of its first detail, Message its detail (or, without a
	// NetSuite answer, the error), Path its o:errorPath.
	Status  int    `json:"status,omitempty"`
	Code    string `json:"code,omitempty"`
	Message string `json:"message,omitempty"`
	Path    string `json:"path,omitempty"`
	// Dropped are the read-only fields left out of the body
	// (netsuite.WriteResult.Dropped).
	Dropped []string `json:"dropped,omitempty"`
	// IdempotencyKey is the key the write was sent with, when it was sent
	// as a NetSuite job: sent again with it, an Unknown write finds its
	// outcome.
	IdempotencyKey string `json:"idempotencyKey,omitempty"`
}

// OK reports whether the item was written.
func (r Result) OK() bool {
	switch r.Outcome {
	case Created, Updated, Upserted, Deleted:
		return true
	}
	return false
}

// BatchOptions are the options of Batch.
type BatchOptions struct {
	// Write are the options of every write: sublist mode, read-only
	// fields, unknown fields. Its IdempotencyKey is ignored: see
	// Item.IdempotencyKey.
	Write netsuite.WriteOptions
	// Workers is how many items are in flight at once; 0 means the
	// client's concurrency (netsuite.Client.Concurrency), which its
	// limiter enforces across everything the client does anyway.
	Workers int
}

// Batch runs op on every item of recordType, up to Workers at once, and
// returns a result per item, in the order of items. It returns an error
// only when ctx ends; the results of the items not done then are zero.
//
// Each item is written so that it is never done twice and never lost:
//
//   - a write safe to send again (a delete, an update or upsert that adds
//     no sublist lines) is sent again when its outcome is unknown;
//   - a create with an external ID is sent again: NetSuite refuses a
//     second record with it, and the one already made is looked up;
//   - any other write goes with an idempotency key (Item.IdempotencyKey)
//     as an asynchronous request, and is sent again with the same key.
//
// An item whose outcome stays unknown after that is Unknown, never sent
// blindly again.
func Batch(ctx context.Context, client *netsuite.Client, recordType string, op Op, items []Item, opts *BatchOptions) ([]Result, error) {
	if err := checkBatch(client, recordType, op); err != nil {
		return nil, err
	}
	var o BatchOptions
	if opts != nil {
		o = *opts
	}
	w := &writer{client: client, recordType: recordType, op: op, opts: o.Write}
	results := make([]Result, len(items))
	err := fanOut(ctx, workers(o.Workers, client), len(items), func(i int) {
		it := items[i]
		if it.IdempotencyKey == "" {
			it.IdempotencyKey = rand.Text()
		}
		results[i] = w.write(ctx, it, false)
	})
	return results, err
}

// checkBatch checks the arguments common to Batch and Import.
func checkBatch(client *netsuite.Client, recordType string, op Op) error {
	switch {
	case client == nil:
		return errors.New("connector: the client is nil")
	case !identRe.MatchString(recordType):
		return fmt.Errorf("connector: record type %q: want a record type such as customer, salesOrder or customrecord_x", recordType)
	case op < OpCreate || op > OpDelete:
		return fmt.Errorf("connector: Op %d: want OpCreate, OpUpdate, OpUpsert or OpDelete", op)
	}
	return nil
}

// workers is n, or the client's concurrency when n is 0.
func workers(n int, client *netsuite.Client) int {
	if n > 0 {
		return n
	}
	return max(1, client.Concurrency())
}

// fanOut calls do(i) for i in [0, n), up to width at once, and waits for
// them; it stops starting new ones when ctx ends, and returns ctx's error
// then.
func fanOut(ctx context.Context, width, n int, do func(i int)) error {
	sem := make(chan struct{}, width)
	var wg sync.WaitGroup
	defer wg.Wait()
	for i := range n {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case sem <- struct{}{}:
		}
		wg.Go(func() {
			defer func() { <-sem }()
			do(i)
		})
	}
	return nil
}

// writer writes items of one record type with one operation.
type writer struct {
	client     *netsuite.Client
	recordType string
	op         Op
	opts       netsuite.WriteOptions
}

// attempts bounds how often a write whose outcome stays unknown is sent.
const attempts = 4

// write writes it and returns its result. maybeSent says that an earlier
// run may have sent it already (an import resumed after a crash): it is
// then resolved as a write whose outcome is unknown.
//
// A write that ends because ctx ended has a zero Result: it was not done,
// or its outcome is for the next run to find out.
func (w *writer) write(ctx context.Context, it Item, maybeSent bool) Result {
	if r, ok := w.check(&it); !ok {
		return r
	}
	opts := w.opts
	opts.IdempotencyKey = ""
	safe := w.op == OpDelete || w.op != OpCreate && netsuite.SafeToRepeat(it.Record, &opts)
	lookup := w.op == OpCreate && it.ExternalID != ""
	if !safe && !lookup {
		opts.IdempotencyKey = it.IdempotencyKey
	}
	var res Result
	var err error
	for n := range attempts {
		res, err = w.send(ctx, it, &opts)
		res.IdempotencyKey = opts.IdempotencyKey
		if err == nil {
			return res // a definite answer, even when ctx ended since
		}
		if ctx.Err() != nil {
			return Result{}
		}
		unknown := errors.Is(err, netsuite.ErrOutcomeUnknown)
		switch {
		case lookup && (unknown || (n > 0 || maybeSent) && isDuplicate(err)):
			// Made by an earlier attempt (a duplicate now), or perhaps:
			// look it up by its external ID.
			id, found, lerr := w.lookup(ctx, it.ExternalID)
			switch {
			case ctx.Err() != nil:
				return Result{}
			case found:
				return Result{Outcome: Created, ID: id, Dropped: res.Dropped}
			case lerr == nil && !unknown:
				return res // a duplicate, yet not found: NetSuite's answer stands
			case n == attempts-1:
				// Not found out after the last attempt: perhaps made.
				res.Outcome = Unknown
				res.Message = "the outcome is unknown: an earlier attempt may have created it (" + res.Message + "); look the record up by its external ID before writing it again"
				return res
			}
			// Not made, or not found out: a create with an external
			// ID is safe to send again.
		case w.op == OpDelete && netsuite.IsNotFound(err) && (n > 0 || maybeSent):
			// Deleted by an earlier attempt, whose answer was lost; or
			// (after a crash) never there.
			return Result{Outcome: Deleted, ID: it.ID, Message: "not found: an earlier attempt deleted it, or it was not there"}
		case unknown && (safe || opts.IdempotencyKey != ""):
			// Safe to send again.
		default:
			return res
		}
		w.pause(ctx, n)
	}
	return res
}

// pause waits a little before an item is sent again: a write whose answer
// was lost may still be running in NetSuite.
func (w *writer) pause(ctx context.Context, n int) {
	t := time.NewTimer(time.Duration(n+1) * 200 * time.Millisecond)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// check checks an item before it is sent, and puts its external ID in its
// body where the operation needs it there.
func (w *writer) check(it *Item) (Result, bool) {
	eid := it.ExternalID
	if eid == "" && it.Record != nil {
		eid = it.Record.ExternalID()
	}
	it.ExternalID = eid
	invalid := func(format string, args ...any) (Result, bool) {
		return Result{Outcome: Invalid, Message: fmt.Sprintf(format, args...)}, false
	}
	switch w.op {
	case OpCreate:
		if len(it.Record) == 0 {
			return invalid("nothing to create: the record has no fields")
		}
		if eid != "" && it.Record.ExternalID() == "" {
			it.Record = it.Record.Clone()
			it.Record["externalId"] = eid
		}
	case OpUpdate:
		if it.ID == "" && eid == "" {
			return invalid("no record to update: give its internal ID (id) or external ID (externalId)")
		}
		if len(it.Record) == 0 {
			return invalid("nothing to update: the record has no fields besides its ID")
		}
	case OpUpsert:
		if eid == "" {
			return invalid("no external ID: an upsert finds the record by its externalId")
		}
	case OpDelete:
		if it.ID == "" && eid == "" {
			return invalid("no record to delete: give its internal ID (id) or external ID (externalId)")
		}
	}
	return Result{}, true
}

// target is the record ID an update or delete addresses.
func target(it Item) string {
	if it.ID != "" {
		return it.ID
	}
	return netsuite.ExternalID(it.ExternalID)
}

// send sends the write once (the client retries what it can) and returns
// its result and error.
func (w *writer) send(ctx context.Context, it Item, opts *netsuite.WriteOptions) (Result, error) {
	var wr *netsuite.WriteResult
	var err error
	outcome := Created
	switch w.op {
	case OpCreate:
		wr, _, err = w.client.Records.Create(ctx, w.recordType, it.Record, opts)
	case OpUpdate:
		outcome = Updated
		wr, _, err = w.client.Records.Update(ctx, w.recordType, target(it), it.Record, opts)
	case OpUpsert:
		outcome = Upserted
		wr, _, err = w.client.Records.Upsert(ctx, w.recordType, it.ExternalID, it.Record, opts)
	case OpDelete:
		_, err = w.client.Records.Delete(ctx, w.recordType, target(it))
		if netsuite.IsNotFound(err) && errors.Is(err, netsuite.ErrDeletedEarlier) {
			// The client sent it again after an attempt that may have
			// been carried out: that attempt deleted it.
			err = nil
		}
		wr, outcome = &netsuite.WriteResult{ID: it.ID}, Deleted
	}
	var res Result
	if wr != nil {
		res.Dropped = wr.Dropped
	}
	if err != nil {
		return failure(res, err), err
	}
	res.Outcome, res.ID = outcome, wr.ID
	if res.ID == "" || strings.HasPrefix(res.ID, "eid:") {
		res.ID = it.ID
	}
	return res, nil
}

// failure fills res from err: Unknown when the outcome is unknown, else
// Failed, with NetSuite's status, code, detail and path.
func failure(res Result, err error) Result {
	res.Outcome = Failed
	if errors.Is(err, netsuite.ErrOutcomeUnknown) {
		res.Outcome = Unknown
	}
	res.Message = err.Error()
	var e *netsuite.Error
	if errors.As(err, &e) {
		res.Status, res.Code = e.Status, e.Code
		if len(e.Details) > 0 {
			d := e.Details[0]
			res.Message, res.Path = d.Detail, d.Path
			if d.Code != "" {
				res.Code = d.Code
			}
		}
		if res.Outcome == Unknown {
			res.Message = "the outcome is unknown (" + res.Message + "): look the record up before writing it again"
		}
	}
	return res
}

// isDuplicate reports whether err is NetSuite's refusal of a record whose
// external ID another record of the type has.
func isDuplicate(err error) bool {
	var e *netsuite.Error
	if !errors.As(err, &e) || e.Status != 400 {
		return false
	}
	for _, d := range e.Details {
		if strings.Contains(d.Detail, "already exists") {
			return true
		}
	}
	return false
}

// lookup finds the record with an external ID.
func (w *writer) lookup(ctx context.Context, externalID string) (id string, found bool, err error) {
	rec, _, err := w.client.Records.Get(ctx, w.recordType, netsuite.ExternalID(externalID), &netsuite.GetOptions{Fields: []string{"id"}})
	switch {
	case netsuite.IsNotFound(err):
		return "", false, nil
	case err != nil:
		return "", false, err
	}
	return rec.ID(), true, nil
}
