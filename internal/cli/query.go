package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/netsuite"
)

// QueryOptions are the inputs of nsconnect query.
type QueryOptions struct {
	IO      *IOStreams
	Connect connectFunc

	Query   string // the argument: the query, or - for stdin
	File    string
	Params  []string
	Limit   int
	MaxRows int

	Output OutputOptions
	Net    NetOptions
}

const queryLong = `Run a SuiteQL query and print every row: all pages are read, in order,
past SuiteQL's 100,000-row cap when the query can be keyset-paged (it
selects id and ends with ORDER BY id).

The query is the argument, or - to read it from stdin, or --file PATH.
? placeholders take the --param values, in order. Every value NetSuite
returns is a string, exactly as it sends it (numbers, 'T'/'F' checkboxes,
dates in the account's date format); a null column is empty in a table and
CSV, and absent from JSON. Datetimes come back as dates only: select
TO_CHAR(column, 'YYYY-MM-DD HH24:MI:SS') for the time, which is in the
account timezone.

--param values are strings too: SuiteQL converts one where it is compared
with a number column (WHERE id > ? with --param 100); write TO_NUMBER(?)
where the value must be a number itself.

On a terminal the rows are a table (read whole before it is shown); piped,
they are NDJSON, one JSON object a row, written as each page arrives.
--output csv has a header from the select list; for SELECT * it is the
columns of the first 1000 rows, sorted with id first. For a large result,
'nsconnect export' writes a file that can be resumed.

If NetSuite refuses the query, its message is shown, with the query line
and a caret under the position when the message gives one.`

const queryExample = `  nsconnect query 'SELECT id, companyname, email FROM customer ORDER BY id'

  # Datetimes with their time, and a bind
  nsconnect query "SELECT id, tranid, TO_CHAR(createddatetime, 'YYYY-MM-DD HH24:MI:SS') AS created
    FROM transaction WHERE type = ? ORDER BY id" --param SalesOrd -o csv > orders.csv

  # Keyset paging by hand: the next page starts after the last id seen
  nsconnect query 'SELECT id, entityid FROM customer WHERE id > ? ORDER BY id' --param 40 --max-rows 500

  # The query from a file or stdin
  nsconnect query --file report.sql -o json --jq '.rows[].id'
  echo 'SELECT COUNT(*) AS n FROM customer' | nsconnect query -`

func newQueryCmd(f *Factory, runF func(context.Context, *QueryOptions) error) *cobra.Command {
	opts := &QueryOptions{IO: f.IO, Connect: f.connectWith}
	cmd := &cobra.Command{
		Use:     "query ['SELECT ...' | -]",
		Short:   "Run a SuiteQL query and print the rows",
		Long:    queryLong,
		Example: queryExample,
		Args:    maxArgs(1),
		RunE: runner(opts, func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Query = args[0]
			}
			if opts.Query == "" && opts.File == "" {
				return &UsageError{Err: fmt.Errorf("no query: give it as an argument ('SELECT ...'), - to read stdin, or --file PATH"), Command: cmd.CommandPath()}
			}
			if opts.Query != "" && opts.File != "" {
				return &UsageError{Err: fmt.Errorf("give the query as an argument or with --file, not both"), Command: cmd.CommandPath()}
			}
			return checkPaging(cmd, opts.Limit, opts.MaxRows)
		}, runF, queryRun),
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.File, "file", "f", "", "read the query from `PATH`; - reads stdin")
	fl.StringArrayVarP(&opts.Params, "param", "p", nil, "the `value` of the next ? placeholder, sent as a string (repeatable, in order)")
	fl.IntVar(&opts.Limit, "limit", 0, "rows per request, 1 to 1000 (default 1000)")
	fl.IntVar(&opts.MaxRows, "max-rows", 0, "stop after this many rows (default: all)")
	addOutputFlags(fl, &opts.Output, formatNDJSON, formatTable, formatJSON, formatNDJSON, formatYAML, formatCSV)
	addNetFlags(fl, &opts.Net)
	return cmd
}

// checkPaging checks --limit and --max-rows.
func checkPaging(cmd *cobra.Command, limit, maxRows int) error {
	if limit < 0 || limit > netsuite.MaxPageSize {
		return &UsageError{Err: fmt.Errorf("--limit %d: a SuiteQL page holds 1 to %d rows; --max-rows caps the whole result", limit, netsuite.MaxPageSize), Command: cmd.CommandPath()}
	}
	if maxRows < 0 {
		return &UsageError{Err: fmt.Errorf("--max-rows %d: give a number of rows, or 0 for all", maxRows), Command: cmd.CommandPath()}
	}
	return nil
}

// maxArgs checks that a command has at most n arguments, named in use.
func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) <= n {
			return nil
		}
		return &UsageError{Err: fmt.Errorf("%s takes at most %d argument(s), but got %d; quote the query as one argument", cmd.CommandPath(), n, len(args)), Command: cmd.CommandPath()}
	}
}

func queryRun(ctx context.Context, opts *QueryOptions) error {
	q, err := readQuery(opts.IO.In, "nsconnect query", opts.Query, opts.File)
	if err != nil {
		return err
	}
	runner, err := connectRunner(ctx, opts.Connect, opts.Net)
	if err != nil {
		return err
	}
	return queryRows(ctx, opts, q, runner)
}

// queryRows runs q on runner and prints its rows as opts say.
func queryRows(ctx context.Context, opts *QueryOptions, q string, runner queryRunner) error {
	format := opts.Output.resolve(opts.IO, formatTable, formatNDJSON)
	ro := &netsuite.RowsOptions{Params: bindParams(opts.Params), Limit: opts.Limit, MaxRows: opts.MaxRows}
	prog := newProgress(opts.IO, opts.Net.Quiet, "rows")
	defer prog.Done()

	var rw *rowWriter
	var columns []string
	var known bool
	if format == formatCSV || format == formatTable {
		columns, known = netsuite.SelectColumns(q)
	}
	if format == formatCSV {
		if !known {
			columns = nil
		}
		rw = newRowWriter(opts.IO.Out, formatCSV, columns, false, true, "name the columns in the select list, or use --output ndjson, or 'nsconnect export' with --columns")
	}
	var rows []netsuite.Row
	n := 0
	for row, err := range runner.Rows(ctx, q, ro) {
		if err != nil {
			if rw != nil {
				rw.Flush()
			}
			return queryFailed(err, q)
		}
		n++
		prog.Add(1)
		switch format {
		case formatNDJSON:
			if err := writeData(opts.IO.Out, format, opts.Output.JQ, row); err != nil {
				return err
			}
		case formatCSV:
			if err := rw.Write(row); err != nil {
				return err
			}
		default:
			rows = append(rows, row)
		}
	}
	prog.Done()
	switch format {
	case formatCSV:
		return rw.Close()
	case formatJSON, formatYAML:
		if rows == nil {
			rows = []netsuite.Row{}
		}
		return writeData(opts.IO.Out, format, opts.Output.JQ, map[string]any{"rows": rows})
	case formatTable:
		if !known {
			columns = rowColumns(rows)
		}
		table := make([][]string, 0, len(rows)+1)
		table = append(table, columns)
		for _, r := range rows {
			line := make([]string, len(columns))
			for i, c := range columns {
				line[i] = r[c]
			}
			table = append(table, line)
		}
		if len(columns) > 0 {
			if err := writeTable(opts.IO.Out, table); err != nil {
				return err
			}
		}
		fmt.Fprintf(opts.IO.ErrOut, "%s row(s).\n", groupDigits(n))
	}
	return nil
}
