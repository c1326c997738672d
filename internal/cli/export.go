package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/netsuite"
)

// ExportOptions are the inputs of nsconnect export.
type ExportOptions struct {
	IO      *IOStreams
	Connect connectFunc

	Query   string
	Type    string
	Params  []string
	Out     string
	Format  string // csv or ndjson; "" means from the extension of Out
	Columns []string
	Key     string
	Limit   int
	MaxRows int
	Resume  bool
	Force   bool

	Net NetOptions
}

const exportLong = `Export the rows of a SuiteQL query, or every record of a type, to a CSV or
NDJSON file, resumably.

--query 'SELECT ...' exports a query (? placeholders take the --param
values, in order, as strings). --type TYPE exports the record type's SuiteQL
table, SELECT * ... ORDER BY id: customer is the customer table; salesOrder,
invoice, purchaseOrder, customerPayment and itemFulfillment are the
transaction table WHERE type = 'SalesOrd', 'CustInvc', 'PurchOrd',
'CustPymt' and 'ItemShip'; inventoryItem, nonInventorySaleItem and
serviceSaleItem are the item table WHERE itemtype = 'InvtPart',
'NonInvtPart' and 'Service'; any other type is the table of its lower-case
name (vendor, employee, contact, ...).

The format comes from the extension of --out (.csv; .ndjson or .jsonl), or
--format. Every value is a string, exactly as NetSuite sends it; a null
column is an empty CSV field and absent from an NDJSON row. The CSV header
is the query's select list (aliases, expr1, ... for unaliased expressions),
or --columns, which also drops every other column (in NDJSON too). For
SELECT * the header is the columns of the first 1000 rows, sorted with id
first; NetSuite leaves null columns out of a row, so a later row can bring
a column the header lacks: the export then stops with an error that lists
every column for --columns (NDJSON has no header, so no such error).

The rows go to OUT.partial, and OUT.state (JSON) records the query, the
params, the key column, the last key written and the rows and bytes
written; both are brought up to date every 1000 rows and every second. A
complete export is renamed to OUT and the state removed. Interrupted
(Ctrl-C) or crashed, the two files stay: run the same command with --resume
to continue after the last key, appending to OUT.partial after cutting it
back to the recorded size (a half-written row is dropped); what is on disk
is not read again. Resuming needs a query that can be keyset-paged: it
selects id and ends with ORDER BY id (--type exports do), or --key names
another number column the query is ordered by. An existing OUT is not
overwritten without --force, which also discards an interrupted export.`

const exportExample = `  nsconnect export --type customer --out customers.csv
  nsconnect export --type salesOrder --out orders.ndjson

  # A query, with a bind, datetimes with their time, and a chosen header
  nsconnect export --out items.csv --param InvtPart --query "SELECT id, itemid, displayname,
    TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') AS modified FROM item WHERE itemtype = ? ORDER BY id"
  nsconnect export --type customer --out customers.csv --columns id,entityid,companyname,email

  # After Ctrl-C or a crash: continue where it stopped
  nsconnect export --type customer --out customers.csv --resume`

func newExportCmd(f *Factory, runF func(context.Context, *ExportOptions) error) *cobra.Command {
	opts := &ExportOptions{IO: f.IO, Connect: f.connectWith}
	cmd := &cobra.Command{
		Use:     "export (--query 'SELECT ...' | --type TYPE) --out PATH",
		Short:   "Export a SuiteQL query or a record type to CSV or NDJSON, resumably",
		Long:    exportLong,
		Example: exportExample,
		Args:    noArgs,
		RunE: runner(opts, func(cmd *cobra.Command, _ []string) error {
			usage := usagef(cmd)
			switch {
			case opts.Query == "" && opts.Type == "":
				return usage("give --query 'SELECT ...' or --type TYPE")
			case opts.Query != "" && opts.Type != "":
				return usage("give --query or --type, not both")
			case opts.Type != "" && !validTypeName(opts.Type):
				return usage("--type %q is not a record type name (letters, digits and _)", opts.Type)
			case opts.Type != "" && len(opts.Params) > 0:
				return usage("--param goes with --query: a --type export has no placeholders")
			case opts.Out == "":
				return usage("give the file to write with --out PATH")
			case opts.Resume && opts.Force:
				return usage("--resume continues an export and --force starts it again: give one")
			}
			opts.Query = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(opts.Query), ";"))
			if opts.Format == "" {
				switch strings.ToLower(filepath.Ext(opts.Out)) {
				case ".csv":
					opts.Format = formatCSV
				case ".ndjson", ".jsonl":
					opts.Format = formatNDJSON
				default:
					return usage("--out %s: cannot tell the format from the extension; name the file .csv or .ndjson, or give --format csv|ndjson", opts.Out)
				}
			}
			for i, c := range opts.Columns {
				opts.Columns[i] = strings.ToLower(strings.TrimSpace(c))
				if opts.Columns[i] == "" {
					return usage("--columns has an empty name")
				}
			}
			opts.Key = strings.ToLower(opts.Key)
			return checkPaging(cmd, opts.Limit, opts.MaxRows)
		}, runF, exportRun),
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Query, "query", "", "the SuiteQL `query` to export")
	fl.StringVar(&opts.Type, "type", "", "export every record of this record `type` (see above for its table)")
	fl.StringArrayVarP(&opts.Params, "param", "p", nil, "the `value` of the next ? placeholder, sent as a string (repeatable, in order)")
	fl.StringVar(&opts.Out, "out", "", "the `file` to write; .csv or .ndjson (.jsonl) sets the format")
	fl.Var(newEnumValue(&opts.Format, "format", formatCSV, formatNDJSON), "format", "file `format`: csv or ndjson (default: from the extension of --out)")
	fl.StringSliceVar(&opts.Columns, "columns", nil, "the `columns` to write, in order (comma-separated); others are dropped")
	fl.StringVar(&opts.Key, "key", "", "the number `column` the query is ordered by, for resuming (default id when the query selects id and ends with ORDER BY id)")
	fl.IntVar(&opts.Limit, "limit", 0, "rows per request, 1 to 1000 (default 1000)")
	fl.IntVar(&opts.MaxRows, "max-rows", 0, "stop after this many rows (default: all)")
	fl.BoolVar(&opts.Resume, "resume", false, "continue an interrupted export of --out from its state file")
	fl.BoolVar(&opts.Force, "force", false, "overwrite --out if it exists, and discard an interrupted export of it")
	addNetFlags(fl, &opts.Net)
	return cmd
}

func exportRun(ctx context.Context, opts *ExportOptions) error {
	plan, err := planExport(opts)
	if err != nil {
		return err
	}
	runner, err := connectRunner(ctx, opts.Connect, opts.Net)
	if err != nil {
		return err
	}
	return runExport(ctx, opts, plan, runner, defaultCheckpoints)
}

// exportStateVersion is the version of the state file's format.
const exportStateVersion = 1

// An exportState is the state file of an export, OUT.state: enough to
// check that a --resume runs the same export and to continue it by keyset.
type exportState struct {
	Version int      `json:"version"`
	Query   string   `json:"query"`
	Params  []string `json:"params"`
	Format  string   `json:"format"`
	Columns []string `json:"columns"` // the CSV header or --columns; null until known
	Only    bool     `json:"only_columns"`
	MaxRows int      `json:"max_rows"`
	// Key is the column the rows are ordered by, "" when the export cannot
	// be resumed; After is its value in the last row written.
	Key   string `json:"key"`
	After string `json:"after"`
	// Rows and Bytes are what OUT.partial holds, complete rows only.
	Rows  int   `json:"rows"`
	Bytes int64 `json:"bytes"`
}

// readExportState reads a state file.
func readExportState(path string) (*exportState, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var st exportState
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("%s is not an export state file: %v; start again with --force", path, err)
	}
	if st.Version != exportStateVersion {
		return nil, fmt.Errorf("%s has state version %d, this nsconnect writes %d; start again with --force", path, st.Version, exportStateVersion)
	}
	return &st, nil
}

// writeExportState writes st to path atomically: a crash leaves the old
// state or the new one, never half of one.
func writeExportState(path string, st *exportState) error {
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(data, '\n'), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// An exportPlan is an export's files and its state at the start: fresh, or
// read from the state file for --resume.
type exportPlan struct {
	out, partial, state string
	st                  *exportState
	resume              bool
}

// planExport checks the files and works out what the export writes: the
// query, key and columns, or for --resume the recorded state, which must
// match the command.
func planExport(opts *ExportOptions) (*exportPlan, error) {
	p := &exportPlan{out: opts.Out, partial: opts.Out + ".partial", state: opts.Out + ".state", resume: opts.Resume}
	q := opts.Query
	key := opts.Key
	if opts.Type != "" {
		q = typeQuery(opts.Type)
		if key == "" {
			key = "id" // every table has id, and the query is ordered by it
		}
	}
	params := opts.Params
	if params == nil {
		params = []string{}
	}
	exists := func(path string) bool { _, err := os.Stat(path); return err == nil }
	if !opts.Resume {
		if exists(p.out) && !opts.Force {
			return nil, fmt.Errorf("%s exists; --force overwrites it", p.out)
		}
		if exists(p.state) && !opts.Force {
			msg := fmt.Sprintf("%s holds an interrupted export of %s", p.partial, p.out)
			if st, err := readExportState(p.state); err == nil {
				msg += fmt.Sprintf(" (%s rows)", groupDigits(st.Rows))
			}
			return nil, fmt.Errorf("%s; --resume continues it, --force starts again", msg)
		}
		if key == "" {
			key = netsuite.KeyOf(q)
		}
		st := &exportState{Version: exportStateVersion, Query: q, Params: params, Format: opts.Format, Key: key, MaxRows: opts.MaxRows}
		switch {
		case len(opts.Columns) > 0:
			st.Columns, st.Only = opts.Columns, true
		case opts.Format == formatCSV && opts.Type == "":
			// A --type export is SELECT *: its header comes from the rows.
			if cols, ok := netsuite.SelectColumns(q); ok {
				st.Columns = cols
			}
		}
		p.st = st
		return p, nil
	}

	if exists(p.out) {
		return nil, fmt.Errorf("nothing to resume: %s exists, so its export is complete; --force exports again", p.out)
	}
	st, err := readExportState(p.state)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("nothing to resume: there is no %s; run the export without --resume", p.state)
	}
	if err != nil {
		return nil, err
	}
	var diffs []string
	if st.Query != q {
		diffs = append(diffs, fmt.Sprintf("the query was %q", st.Query))
	}
	if !slices.Equal(st.Params, params) {
		diffs = append(diffs, fmt.Sprintf("--param was %q", st.Params))
	}
	if st.Format != opts.Format {
		diffs = append(diffs, "the format was "+st.Format)
	}
	if len(opts.Columns) > 0 && !slices.Equal(st.Columns, opts.Columns) || len(opts.Columns) == 0 && st.Only {
		diffs = append(diffs, fmt.Sprintf("--columns was %s", strings.Join(st.Columns, ",")))
	}
	if opts.Key != "" && opts.Key != st.Key {
		diffs = append(diffs, fmt.Sprintf("--key was %q", st.Key))
	}
	if st.MaxRows != opts.MaxRows {
		diffs = append(diffs, fmt.Sprintf("--max-rows was %d", st.MaxRows))
	}
	if len(diffs) > 0 {
		return nil, fmt.Errorf("cannot resume: %s records another export (%s); run that command with --resume, or start again with --force", p.state, strings.Join(diffs, "; "))
	}
	if st.Key == "" {
		return nil, fmt.Errorf("cannot resume: the query cannot be keyset-paged, so there is no point to continue from (it must select id and end with ORDER BY id, or --key must name the number column it is ordered by); start again with --force")
	}
	fi, err := os.Stat(p.partial)
	if err != nil {
		return nil, fmt.Errorf("cannot resume: %w; start again with --force", err)
	}
	if fi.Size() < st.Bytes {
		return nil, fmt.Errorf("cannot resume: %s has %d bytes, fewer than the %d %s records; start again with --force", p.partial, fi.Size(), st.Bytes, p.state)
	}
	p.st = st
	return p, nil
}

// checkpoints say how often an export brings OUT.partial and OUT.state up
// to date: every rows rows and every interval. lookahead, when not 0,
// replaces headerLookahead (tests).
type checkpoints struct {
	rows      int
	interval  time.Duration
	lookahead int
}

var defaultCheckpoints = checkpoints{rows: 1000, interval: time.Second}

// A countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// runExport runs the export plan p on runner.
func runExport(ctx context.Context, opts *ExportOptions, p *exportPlan, runner queryRunner, cp checkpoints) error {
	st := p.st
	var f *os.File
	var err error
	if p.resume {
		f, err = os.OpenFile(p.partial, os.O_WRONLY, 0)
		if err == nil {
			// Cut a half-written row, then append after what the state
			// records; the rows already there are not read again.
			if err = f.Truncate(st.Bytes); err == nil {
				_, err = f.Seek(st.Bytes, io.SeekStart)
			}
		}
	} else {
		f, err = os.OpenFile(p.partial, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		if err == nil {
			st.Rows, st.Bytes, st.After = 0, 0, ""
			err = writeExportState(p.state, st)
		}
	}
	if err != nil {
		if f != nil {
			f.Close()
		}
		return err
	}
	defer f.Close()

	if !p.resume && st.Key == "" && !opts.Net.Quiet {
		fmt.Fprintln(opts.IO.ErrOut, "Warning: this export cannot be resumed if it stops: the query cannot be keyset-paged (select id and end with ORDER BY id, or name the ordering column with --key).")
	}
	if p.resume && !opts.Net.Quiet {
		fmt.Fprintf(opts.IO.ErrOut, "Resuming %s after %s rows (%s %s).\n", p.partial, groupDigits(st.Rows), st.Key, st.After)
	}

	cw := &countingWriter{w: f, n: st.Bytes}
	hint := "start again with --force and the columns --columns"
	rw := newRowWriter(cw, st.Format, st.Columns, st.Only, st.Bytes == 0, hint)
	if cp.lookahead > 0 {
		rw.lookahead = cp.lookahead
	}
	// Rows and the last key of what is in the writer's buffer; the state
	// takes them at a checkpoint, once they are on disk.
	rows, after := st.Rows, st.After
	var keyErr error
	rw.written = func(r netsuite.Row) {
		rows++
		if st.Key == "" {
			return
		}
		v, ok := r[st.Key]
		if !ok && keyErr == nil {
			keyErr = fmt.Errorf("row %s has no %q column, the key the export resumes by; select it, or name another with --key", groupDigits(rows), st.Key)
		}
		after = v
	}
	checkpoint := func() error {
		if err := rw.Flush(); err != nil {
			return err
		}
		if err := f.Sync(); err != nil {
			return err
		}
		st.Rows, st.After, st.Bytes = rows, after, cw.n
		if st.Columns == nil && rw.columns != nil {
			st.Columns = rw.columns
		}
		return writeExportState(p.state, st)
	}

	prog := newProgress(opts.IO, opts.Net.Quiet, "rows")
	ro := &netsuite.RowsOptions{Params: bindParams(st.Params), Limit: opts.Limit, Key: st.Key, After: st.After}
	if st.MaxRows > 0 {
		ro.MaxRows = st.MaxRows - st.Rows
	}
	stopped := func(err error) error {
		prog.Done()
		if cerr := checkpoint(); cerr != nil {
			return errors.Join(err, fmt.Errorf("recording the export's state: %w", cerr))
		}
		if !opts.Net.Quiet {
			how := "run the same command with --resume to continue"
			if st.Key == "" {
				how = "it cannot be resumed (the query cannot be keyset-paged); --force starts again"
			}
			fmt.Fprintf(opts.IO.ErrOut, "Stopped after %s rows; %s and %s are kept: %s.\n", groupDigits(st.Rows), p.partial, p.state, how)
		}
		return err
	}

	last := time.Now()
	sinceCheck := 0
	if st.MaxRows == 0 || ro.MaxRows > 0 {
		for row, err := range runner.Rows(ctx, st.Query, ro) {
			if err == nil {
				err = ctx.Err()
			}
			if err != nil {
				return stopped(queryFailed(err, st.Query))
			}
			if err := rw.Write(row); err != nil {
				return stopped(err)
			}
			if keyErr != nil {
				return stopped(keyErr)
			}
			prog.Add(1)
			sinceCheck++
			if sinceCheck >= cp.rows || time.Since(last) >= cp.interval {
				if err := checkpoint(); err != nil {
					return stopped(err)
				}
				sinceCheck, last = 0, time.Now()
			}
		}
	}
	if err := rw.Close(); err != nil {
		return stopped(err)
	}
	if keyErr != nil {
		return stopped(keyErr)
	}
	if err := checkpoint(); err != nil {
		return stopped(err)
	}
	prog.Done()
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(p.partial, p.out); err != nil {
		return err
	}
	if err := os.Remove(p.state); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if !opts.Net.Quiet {
		fmt.Fprintf(opts.IO.ErrOut, "Exported %s rows to %s.\n", groupDigits(st.Rows), p.out)
	}
	return nil
}
