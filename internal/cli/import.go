package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/connector"
	"github.com/nsconnect/nsconnect/internal/rowfile"
	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/store"
)

// ImportOptions are the inputs of nsconnect import.
type ImportOptions struct {
	IO        *IOStreams
	Connect   connectFunc
	LookupEnv func(string) (string, bool)

	Type     string
	Op       connector.Op // --mode
	File     string
	Mapping  string // --mapping; "" when the headers are field paths
	Results  string // --results; "" lists the failed rows on stderr
	State    string // --state; "" means defaultStatePath
	Restart  bool
	Sublists string // overwrite, append or replace
	Workers  int

	Net NetOptions
}

const importLong = `Import a CSV or NDJSON file into NetSuite records: create, update, upsert
(by external ID) or delete one record a row, as many at once as the
account's concurrency allows (--concurrency, NETSUITE_CONCURRENCY), backing
off when NetSuite answers 429 and coming back up after.

The file:
  CSV     the first line names a field path a column: companyName,
          subsidiary.id, item[0].item.id, item[0].quantity; or names columns
          that --mapping maps to field paths. Values are typed by the record
          type's schema: numbers, checkboxes (true/false), dates (2026-11-01)
          and datetimes (2026-11-01 09:30, read in the account time zone
          unless they have Z or an offset). An empty cell is not sent.
  NDJSON  one JSON object a line, in the REST API's shape (references as
          {"id": "5"}, sublists as {"items": [...]}).
  A column id (the internal ID) or externalId names the record to update or
  delete; an upsert needs externalId. The file is read as it goes, never
  whole; its headers are checked against the record type before anything
  is sent. A row that cannot be read (a bad number, broken quoting) fails
  alone, and the import goes on.

Nothing lost, nothing doubled: the state file (--state, or a postgres://
URL for a Postgres database) keeps each row's result as it is known, and
a second run of the same import on the same state is refused while the
first runs. Stopped at any point (Ctrl-C, a crash, a kill), the
same command continues where it stopped. A write whose answer was lost is
never simply sent again:
  delete, and update/upsert without sublist lines  sent again (same effect)
  create with an externalId       sent again: NetSuite refuses a second
                                  record with it, and the first is looked up
  create without one, and writes that add sublist lines
                                  sent as asynchronous requests with an
                                  idempotency key, which NetSuite carries
                                  out once; sent again with the same key
A row whose outcome still cannot be found out is reported "unknown": look
the record up before writing it again. Resume a stopped import within a day:
NetSuite does not say how long it remembers an idempotency key.

Results: --results R.csv gets a line a row: row, outcome (created, updated,
upserted, deleted, failed, invalid, unknown), id, status, code, message and
path (the field NetSuite named). Without it, the rows that failed are listed
on stderr. The exit code is 1 when any row was not imported.

Once an import has run to its end, running it again only writes its
results. Changing the file, --mapping or --sublists of an import that ran
is refused; --restart forgets the import and imports the file again: rows
it created without an externalId are then created a second time.`

const importExample = `  # Upsert customers from a CSV whose headers are field paths
  nsconnect import --type customer --mode upsert --file customers.csv --results results.csv

  # Create sales orders with lines; columns mapped by a mapping file
  nsconnect import --type salesOrder --mode create --file orders.csv --mapping orders.yaml

  # Delete the records whose internal IDs are in the id column
  nsconnect import --type customer --mode delete --file old-customers.csv`

func newImportCmd(f *Factory, runF func(context.Context, *ImportOptions) error) *cobra.Command {
	opts := &ImportOptions{IO: f.IO, Connect: f.connectWith, LookupEnv: f.lookupEnv()}
	var mode string
	cmd := &cobra.Command{
		Use:     "import --type TYPE --mode create|update|upsert|delete --file FILE.csv|FILE.ndjson",
		Short:   "Create, update, upsert or delete records from a CSV or NDJSON file, resumably",
		Long:    importLong,
		Example: importExample,
		Args:    exactArgs(0),
		RunE: runner(opts, func(cmd *cobra.Command, args []string) error {
			usage := usagef(cmd)
			switch {
			case opts.Type == "":
				return usage("give the record type with --type, such as --type customer")
			case !validTypeName(opts.Type):
				return usage("--type %q is not a record type name (letters, digits and _)", opts.Type)
			case mode == "":
				return usage("say what to do with each row: --mode create, update, upsert or delete")
			case opts.File == "":
				return usage("give the file to import with --file, such as --file customers.csv")
			case opts.Workers < 0:
				return usage("--workers %d: give a number of rows, or 0 for the connection's concurrency", opts.Workers)
			}
			op, err := connector.ParseOp(mode)
			if err != nil {
				return usage("--mode: %s", err)
			}
			opts.Op = op
			if _, err := rowfile.FormatOf(opts.File); err != nil {
				return usage("--file: %s", cleanMessage(err.Error()))
			}
			return nil
		}, runF, importRun),
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Type, "type", "", "the record `type` to import into, such as customer or salesOrder")
	fl.Var(newEnumValue(&mode, "mode", "create", "update", "upsert", "delete"), "mode", "what each row does: create, update, upsert (by externalId) or delete")
	fl.StringVar(&opts.File, "file", "", "the `file` to import: .csv, or .ndjson/.jsonl")
	fl.StringVar(&opts.Mapping, "mapping", "", "a mapping `file` (YAML) from the CSV's columns to field paths (see docs/import.md)")
	fl.StringVar(&opts.Results, "results", "", "write every row's result to this CSV `file`")
	fl.StringVar(&opts.State, "state", "", "the state `file` or postgres:// URL that keeps the import's progress (default: import.db in the user state directory)")
	fl.BoolVar(&opts.Restart, "restart", false, "forget what an earlier run of this import did, and import the whole file again")
	fl.Var(newEnumValue(&opts.Sublists, "mode", "overwrite", "append", "replace"), "sublists", "how an update or upsert applies sublist lines: overwrite (by line key, default), append or replace")
	fl.IntVar(&opts.Workers, "workers", 0, "rows in flight at once (default: the connection's concurrency)")
	addNetFlags(fl, &opts.Net)
	return cmd
}

func importRun(ctx context.Context, opts *ImportOptions) error {
	format, err := rowfile.FormatOf(opts.File)
	if err != nil {
		return err
	}
	// The file's real path names the import, whatever directory or
	// link it is reached through.
	path, err := filepath.Abs(opts.File)
	if err == nil {
		path, err = filepath.EvalSymlinks(path)
	}
	if err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	// What the rows mean: the file, the mapping and the sublist mode. A
	// stopped run continues only on the same.
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return fmt.Errorf("reading %s: %w", opts.File, err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	var mapping *rowfile.Mapping
	if opts.Mapping != "" {
		if mapping, err = readMapping(opts.Mapping, h); err != nil {
			return err
		}
	}
	fmt.Fprintf(h, "\x00sublists=%s", opts.Sublists)
	fingerprint := hex.EncodeToString(h.Sum(nil))
	client, conn, err := opts.Connect(ctx, opts.Net.connect(false))
	if err != nil {
		return err
	}
	schema, err := schemaFor(ctx, client, opts.Type)
	if err != nil {
		return err
	}
	reader, err := rowfile.NewReader(f, format, rowfile.Options{RecordType: opts.Type, Schema: schema, Location: conn.Timezone, Mapping: mapping})
	var herr *rowfile.HeaderError
	if errors.As(err, &herr) {
		var errs []error
		for _, p := range herr.Problems {
			errs = append(errs, errors.New(p))
		}
		return problems(fmt.Sprintf("%s does not fit the %s record; nothing was sent", opts.File, opts.Type), errors.Join(errs...))
	}
	if err != nil {
		return err
	}

	st, _, err := openState(ctx, opts.State, opts.LookupEnv, "import.db")
	if err != nil {
		return err
	}
	defer st.Close()
	name := conn.Account.String() + "/" + opts.Type + "/" + opts.Op.String() + "/" + path
	if opts.Restart {
		if err := connector.ResetImport(ctx, st, name); err != nil {
			return importLocked(err, opts.File, st)
		}
	}

	say := func(format string, args ...any) {
		if !opts.Net.Quiet {
			fmt.Fprintf(opts.IO.ErrOut, format, args...)
		}
	}
	wo := netsuite.WriteOptions{}
	if opts.Sublists != "" {
		if wo.Mode, err = netsuite.ParseUpdateMode(opts.Sublists); err != nil {
			return err
		}
	}
	prog := newProgress(opts.IO, opts.Net.Quiet, "rows")
	reported := 0
	im := &connector.Import{
		Name: name, Fingerprint: fingerprint, RecordType: opts.Type, Op: opts.Op, Write: wo, Workers: opts.Workers,
		Progress: func(p connector.ImportProgress) {
			prog.Add(p.Done - reported)
			reported = p.Done
		},
	}
	say("Importing %s into %s records (%s); progress in %s.\n", opts.File, opts.Type, opts.Op, st)
	sum, err := im.Run(ctx, client, st, importRows(reader))
	prog.Done()
	switch {
	case err != nil && ctx.Err() != nil:
		say("Stopped; run the same command again to continue where it stopped.\n")
		return ctx.Err()
	case errors.Is(err, connector.ErrImportChanged):
		return fmt.Errorf("%s, --mapping or --sublists changed since this import last ran (state in %s). Run it as it was to finish it; "+
			"or --restart to import every row again, knowing that the rows it created without an externalId would be created a second time", opts.File, st)
	case errors.Is(err, store.ErrLocked):
		return importLocked(err, opts.File, st)
	case errors.Is(err, store.ErrLockLost):
		return fmt.Errorf("stopped: this import lost its lock (%s), so another process may be running it now; the rows done before are committed. Run it again once the other has stopped", message(err))
	case err != nil:
		return apiError(err)
	}
	if sum.Finished {
		say("This import ran to its end before (--restart imports the file again).\n")
	}
	failed, err := importResults(ctx, st, name, opts)
	if err != nil {
		return err
	}
	say("%s\n", importSummary(sum))
	for _, line := range failed {
		say("  %s\n", line)
	}
	if n := sum.Failed(); n > 0 {
		where := "the rows are listed above"
		if opts.Results != "" {
			where = "see " + opts.Results
		} else if n > len(failed) {
			where = fmt.Sprintf("the first %d are listed above; --results FILE lists them all", len(failed))
		}
		return fmt.Errorf("%s of %s not imported; %s", groupDigits(n), plural(sum.Rows, "row"), where)
	}
	return nil
}

// importLocked says who runs the import already, when err is a refused
// lock; else it returns err.
func importLocked(err error, file string, st store.Store) error {
	var locked *store.LockedError
	if !errors.As(err, &locked) {
		return err
	}
	return fmt.Errorf("this import of %s is running already: %s holds its lock on %s. Wait for it to finish, or stop it, then run this command again", file, locked.Holder, st)
}

// importRows reads the rows of r as the import takes them.
func importRows(r *rowfile.Reader) iter.Seq2[connector.ImportRow, error] {
	return func(yield func(connector.ImportRow, error) bool) {
		for {
			row, err := r.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				yield(connector.ImportRow{}, err)
				return
			}
			ir := connector.ImportRow{Num: row.Num, Err: row.Err,
				Item: connector.Item{Record: row.Record, ID: row.ID, ExternalID: row.ExternalID}}
			if !yield(ir, nil) {
				return
			}
		}
	}
}

// maxListed is how many failed rows are listed on stderr without
// --results.
const maxListed = 20

// importResults writes the results file, when asked for, and returns the
// lines of the first failed rows to list on stderr without one.
func importResults(ctx context.Context, st store.Store, name string, opts *ImportOptions) ([]string, error) {
	var listed []string
	if opts.Results == "" {
		err := connector.ImportResults(ctx, st, name, func(num int, r connector.Result) error {
			if !r.OK() && len(listed) < maxListed {
				listed = append(listed, fmt.Sprintf("row %d: %s", num, resultText(r)))
			}
			return nil
		})
		return listed, err
	}
	f, err := os.CreateTemp(filepath.Dir(opts.Results), filepath.Base(opts.Results)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("writing the results: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	defer f.Close()
	w := csv.NewWriter(f)
	w.Write([]string{"row", "outcome", "id", "status", "code", "message", "path"})
	err = connector.ImportResults(ctx, st, name, func(num int, r connector.Result) error {
		status := ""
		if r.Status != 0 {
			status = strconv.Itoa(r.Status)
		}
		return w.Write([]string{strconv.Itoa(num), string(r.Outcome), r.ID, status, r.Code, r.Message, r.Path})
	})
	if err == nil {
		w.Flush()
		err = w.Error()
	}
	if err == nil {
		err = f.Close()
	}
	if err == nil {
		err = os.Rename(tmp, opts.Results)
	}
	if err != nil {
		return nil, fmt.Errorf("writing the results to %s: %w", opts.Results, err)
	}
	return nil, nil
}

// resultText is a failed row's result in a line.
func resultText(r connector.Result) string {
	var b strings.Builder
	b.WriteString(string(r.Outcome))
	if r.Code != "" {
		b.WriteString(" " + r.Code)
	}
	if r.Path != "" {
		b.WriteString(" at " + r.Path)
	}
	b.WriteString(": " + r.Message)
	return b.String()
}

// importSummary is the line that says what an import did.
func importSummary(sum *connector.ImportSummary) string {
	var parts []string
	for _, o := range []connector.Outcome{connector.Created, connector.Updated, connector.Upserted, connector.Deleted,
		connector.Failed, connector.Invalid, connector.Unknown} {
		if n := sum.Outcomes[o]; n > 0 {
			parts = append(parts, groupDigits(n)+" "+string(o))
		}
	}
	if len(parts) == 0 {
		parts = []string{"nothing to do"}
	}
	s := fmt.Sprintf("%s: %s", plural(sum.Rows, "row"), strings.Join(parts, ", "))
	if sum.Resumed > 0 && !sum.Finished {
		s += fmt.Sprintf(" (%s of them done by an earlier run)", groupDigits(sum.Resumed))
	}
	return s + "."
}

// readMapping reads the --mapping file, and writes its bytes to h.
func readMapping(path string, h io.Writer) (*rowfile.Mapping, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	h.Write(data)
	m, err := rowfile.ReadMapping(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("--mapping %s: %w", path, err)
	}
	return m, nil
}
