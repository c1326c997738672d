package connector

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strconv"
	"sync"

	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/store"
)

// ImportRow is one row of an import's input.
type ImportRow struct {
	// Num numbers the row, from 1, increasing: the results and the
	// checkpoint know a row by it, so a resumed run must number the rows
	// as the stopped one did.
	Num  int
	Item Item
	// Err is why the row could not be read (a bad number, broken
	// quoting): the row is Invalid with this message, and the import goes
	// on. An error with a Path() string method names the field.
	Err error
}

// Import writes rows to NetSuite, Workers at once, and keeps a checkpoint
// in a store, so that a run stopped at any point (a crash, SIGKILL, ctx)
// and started again on the same input continues where it stopped, neither
// losing a row nor writing one twice.
//
// Each row is written as Batch writes an item; a row's idempotency key is
// derived from the run and the row's number, the same in every run of the
// import. The checkpoint holds each row's result once it is known, and how
// far rows have been handed out (a few dozen ahead): a resumed run skips
// the rows with a result, and writes the rows handed out before the stop
// that have none as writes whose outcome is unknown (a create with an
// external ID is sent again and found if it was made; a create without one
// is sent again with the same idempotency key; a write safe to repeat is
// repeated).
//
// NetSuite remembers an idempotency key for a limited time (the emulator:
// 24 hours; NetSuite does not document it): resume a stopped import within
// that time.
type Import struct {
	// Name names the import's checkpoint in the store.
	Name string
	// Fingerprint identifies the input (a hash of the file, say): a
	// stopped run is continued only on input with the same fingerprint.
	Fingerprint string
	RecordType  string
	Op          Op
	// Write are the options of every write (IdempotencyKey is ignored).
	Write netsuite.WriteOptions
	// Workers is how many rows are in flight at once; 0 means the client's
	// concurrency.
	Workers int
	// Progress, when set, is told of the results committed so far, after
	// each commit; it must return quickly.
	Progress func(ImportProgress)
}

// ImportProgress counts the rows whose results are committed.
type ImportProgress struct {
	Done    int // rows with a result, this run's and earlier runs'
	Failed  int // of which not written (Failed, Invalid, Unknown)
	Resumed int // of which from earlier runs
}

// ImportSummary is what an import did.
type ImportSummary struct {
	// Rows is how many rows the input had (when it was read to its end).
	Rows int
	// Outcomes counts the rows by outcome, earlier runs' included.
	Outcomes map[Outcome]int
	// Resumed is how many results came from earlier runs.
	Resumed int
	// Finished says that an earlier run had already written every row:
	// nothing was read or sent.
	Finished bool
}

// Failed returns how many rows were not written.
func (s *ImportSummary) Failed() int {
	return s.Outcomes[Failed] + s.Outcomes[Invalid] + s.Outcomes[Unknown]
}

// ErrImportChanged is in the chain of the error of Import.Run when the
// import's checkpoint was made for other input, or another record type or
// operation. ResetImport starts it again: with new idempotency keys, so
// that a row created without an external ID before the reset is created
// again.
var ErrImportChanged = errors.New("the checkpoint was made for other input")

// importMeta is an import's checkpoint besides its results.
type importMeta struct {
	V           int    `json:"v"`
	RecordType  string `json:"recordType"`
	Op          string `json:"op"`
	Fingerprint string `json:"fingerprint"`
	// Nonce makes the run's idempotency keys its own.
	Nonce string `json:"nonce"`
	// Reserved: the rows numbered up to it may have been handed out.
	Reserved int `json:"reserved"`
	// Rows is set when every row has a result.
	Rows     int  `json:"rows,omitempty"`
	Finished bool `json:"finished,omitempty"`
}

// reserveAhead is how many rows past the current one a checkpoint
// reserves, for each worker: one commit for that many rows. A resumed run
// takes the reserved rows without a result for rows that may have been
// sent: few, so that few rows that were not are looked up for nothing.
const reserveAhead = 2

// importPrefix is the prefix of the store keys of the import named name.
func importPrefix(name string) string {
	sum := sha256.Sum256([]byte(name))
	return "import/" + hex.EncodeToString(sum[:12]) + "/"
}

// resultKey is the store key of row num's result.
func resultKey(prefix string, num int) string { return fmt.Sprintf("%sr/%012d", prefix, num) }

// Run imports rows through client, keeping the checkpoint in st. It
// returns when every row has a result, with the summary; or with an error
// when rows fails, ctx ends or the store cannot be written, after the
// results known by then are committed.
//
// When st is a store.Locker, Run holds the lock "import/"+Name while it
// runs: a second run of the import on the same state, in this process or
// another, is refused with an error matching store.ErrLocked (two runs
// would both create the rows that have no external ID), and a run that
// loses the lock commits no more results (store.ErrLockLost).
func (im *Import) Run(ctx context.Context, client *netsuite.Client, st store.Store, rows iter.Seq2[ImportRow, error]) (*ImportSummary, error) {
	if err := checkBatch(client, im.RecordType, im.Op); err != nil {
		return nil, err
	}
	if im.Name == "" || st == nil {
		return nil, errors.New("connector: Import needs a Name and a store for its checkpoint")
	}
	st, l, err := lock(ctx, st, "import/"+im.Name)
	if err != nil {
		return nil, fmt.Errorf("connector: import %s: %w", im.Name, err)
	}
	if l != nil {
		defer l.Close()
	}
	prefix := importPrefix(im.Name)
	meta, err := im.begin(ctx, st, prefix)
	if err != nil {
		return nil, err
	}
	sum := &ImportSummary{Outcomes: map[Outcome]int{}}
	done := bitset{}
	err = st.Scan(ctx, prefix+"r/", func(key string, v []byte) error {
		num, err := strconv.Atoi(key[len(prefix)+2:])
		var r Result
		if err == nil {
			err = json.Unmarshal(v, &r)
		}
		if err != nil {
			return fmt.Errorf("the result %s is not valid: %w", key, err)
		}
		done.set(num)
		sum.Outcomes[r.Outcome]++
		sum.Resumed++
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("connector: import %s: reading the checkpoint: %w", im.Name, err)
	}
	if meta.Finished {
		sum.Rows, sum.Finished = meta.Rows, true
		return sum, nil
	}

	c := newCommitter(st, prefix, sum, im.Progress)
	w := &writer{client: client, recordType: im.RecordType, op: im.Op, opts: im.Write}
	type job struct {
		row       ImportRow
		maybeSent bool
	}
	jobs := make(chan job)
	var wg sync.WaitGroup
	for range workers(im.Workers, client) {
		wg.Go(func() {
			for j := range jobs {
				res := w.write(ctx, j.row.Item, j.maybeSent)
				if res.Outcome == "" {
					continue // stopped by ctx: the next run finds out
				}
				c.add(j.row.Num, res)
			}
		})
	}
	wasReserved := meta.Reserved
	ahead := reserveAhead * workers(im.Workers, client)
	last, n := 0, 0
	err = func() error {
		for row, err := range rows {
			switch {
			case err != nil:
				return fmt.Errorf("reading the input after row %d: %w", last, err)
			case row.Num <= last:
				return fmt.Errorf("row %d comes after row %d: rows must be numbered in increasing order", row.Num, last)
			case ctx.Err() != nil:
				return ctx.Err()
			case c.failed() != nil:
				return c.failed()
			}
			last, n = row.Num, n+1
			if done.has(row.Num) {
				continue
			}
			if row.Err != nil {
				r := Result{Outcome: Invalid, Message: row.Err.Error()}
				var p interface{ Path() string }
				if errors.As(row.Err, &p) {
					r.Path = p.Path()
				}
				c.add(row.Num, r)
				continue
			}
			if row.Num > meta.Reserved {
				meta.Reserved = row.Num + ahead
				if err := putJSON(ctx, st, prefix+"meta", meta); err != nil {
					return err
				}
			}
			row.Item.IdempotencyKey = idempotencyKey(meta.Nonce, row.Num)
			select {
			case jobs <- job{row: row, maybeSent: row.Num <= wasReserved}:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	}()
	close(jobs)
	wg.Wait()
	if cerr := c.close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return sum, fmt.Errorf("connector: import %s: %w", im.Name, err)
	}
	meta.Rows, meta.Finished = n, true
	if err := putJSON(ctx, st, prefix+"meta", meta); err != nil {
		return sum, fmt.Errorf("connector: import %s: %w", im.Name, err)
	}
	sum.Rows = n
	return sum, nil
}

// begin reads the import's checkpoint, or starts one.
func (im *Import) begin(ctx context.Context, st store.Store, prefix string) (*importMeta, error) {
	b, err := st.Get(ctx, prefix+"meta")
	if err != nil {
		return nil, fmt.Errorf("connector: import %s: reading the checkpoint: %w", im.Name, err)
	}
	if b == nil {
		meta := &importMeta{V: 1, RecordType: im.RecordType, Op: im.Op.String(), Fingerprint: im.Fingerprint, Nonce: rand.Text()}
		if err := putJSON(ctx, st, prefix+"meta", meta); err != nil {
			return nil, fmt.Errorf("connector: import %s: %w", im.Name, err)
		}
		return meta, nil
	}
	var meta importMeta
	if err := json.Unmarshal(b, &meta); err != nil {
		return nil, fmt.Errorf("connector: import %s: the checkpoint is not valid: %w", im.Name, err)
	}
	ran := "a run that stopped before its end"
	if meta.Finished {
		ran = "a run that ran to its end"
	}
	switch {
	case meta.V != 1:
		return nil, fmt.Errorf("connector: import %s: the checkpoint has version %d; this nsconnect reads version 1", im.Name, meta.V)
	case meta.RecordType != im.RecordType || meta.Op != im.Op.String():
		return nil, fmt.Errorf("connector: import %s: %s imported it as %s %s, not %s %s; reset the import to import it again (%w)", im.Name, ran, meta.Op, meta.RecordType, im.Op, im.RecordType, ErrImportChanged)
	case meta.Fingerprint != im.Fingerprint:
		return nil, fmt.Errorf("connector: import %s: the input changed since %s; reset the import to import it again (%w)", im.Name, ran, ErrImportChanged)
	}
	return &meta, nil
}

// ImportResults calls fn with each row's result of the import named name,
// in order of row number.
func ImportResults(ctx context.Context, st store.Store, name string, fn func(num int, r Result) error) error {
	prefix := importPrefix(name)
	return st.Scan(ctx, prefix+"r/", func(key string, v []byte) error {
		num, err := strconv.Atoi(key[len(prefix)+2:])
		var r Result
		if err == nil {
			err = json.Unmarshal(v, &r)
		}
		if err != nil {
			return fmt.Errorf("connector: import %s: the result %s is not valid: %w", name, key, err)
		}
		return fn(num, r)
	})
}

// ResetImport forgets the checkpoint and the results of the import named
// name: the next Run starts it again, with new idempotency keys. Like Run,
// it holds the import's lock, and is refused while the import runs.
func ResetImport(ctx context.Context, st store.Store, name string) error {
	st, l, err := lock(ctx, st, "import/"+name)
	if err != nil {
		return fmt.Errorf("connector: import %s: %w", name, err)
	}
	if l != nil {
		defer l.Close()
	}
	prefix := importPrefix(name)
	end := prefix[:len(prefix)-1] + "0" // '0' follows '/': past every key under prefix
	return st.Update(ctx, func(tx store.Tx) error { return tx.DeleteRange(prefix, end) })
}

// idempotencyKey is the key of row num of the run with nonce: a UUID's
// form, as NetSuite's example has.
func idempotencyKey(nonce string, num int) string {
	s := sha256.Sum256([]byte(nonce + "/" + strconv.Itoa(num)))
	h := hex.EncodeToString(s[:16])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

func putJSON(ctx context.Context, st store.Store, key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return st.Put(ctx, key, b)
}

// bitset is a set of row numbers: one bit a row, so that a resumed import
// of millions of rows knows which are done in a few hundred kilobytes.
type bitset []uint64

func (b *bitset) set(n int) {
	if n < 0 {
		return
	}
	for len(*b) <= n/64 {
		*b = append(*b, 0)
	}
	(*b)[n/64] |= 1 << (n % 64)
}

func (b bitset) has(n int) bool {
	return n >= 0 && n/64 < len(b) && b[n/64]&(1<<(n%64)) != 0
}

// committer commits results in groups: whatever arrived while the last
// commit ran goes in the next, so that five workers cost one fsync, not
// five.
type committer struct {
	st       store.Store
	prefix   string
	sum      *ImportSummary
	progress func(ImportProgress)
	in       chan rowResult
	done     chan struct{}
	mu       sync.Mutex
	err      error
}

type rowResult struct {
	num int
	r   Result
}

func newCommitter(st store.Store, prefix string, sum *ImportSummary, progress func(ImportProgress)) *committer {
	c := &committer{st: st, prefix: prefix, sum: sum, progress: progress, in: make(chan rowResult, 256), done: make(chan struct{})}
	go c.run()
	return c
}

func (c *committer) add(num int, r Result) { c.in <- rowResult{num, r} }

// failed returns the error of a commit that failed.
func (c *committer) failed() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// close commits what is left and returns the first error.
func (c *committer) close() error {
	close(c.in)
	<-c.done
	return c.failed()
}

func (c *committer) run() {
	defer close(c.done)
	for first := range c.in {
		group := []rowResult{first}
	drain:
		for len(group) < 1000 {
			select {
			case r, ok := <-c.in:
				if !ok {
					break drain
				}
				group = append(group, r)
			default:
				break drain
			}
		}
		if c.failed() != nil {
			continue // drain, so that no worker blocks
		}
		// The store must not miss a result because the run's ctx ended:
		// a commit that was started finishes.
		err := c.st.Update(context.Background(), func(tx store.Tx) error {
			for _, r := range group {
				b, err := json.Marshal(r.r)
				if err != nil {
					return err
				}
				if err := tx.Put(resultKey(c.prefix, r.num), b); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			c.mu.Lock()
			c.err = fmt.Errorf("committing results: %w", err)
			c.mu.Unlock()
			continue
		}
		p := ImportProgress{Resumed: c.sum.Resumed}
		for _, r := range group {
			c.sum.Outcomes[r.r.Outcome]++
		}
		for o, n := range c.sum.Outcomes {
			p.Done += n
			if o == Failed || o == Invalid || o == Unknown {
				p.Failed += n
			}
		}
		if c.progress != nil {
			c.progress(p)
		}
	}
}
