package cli

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/internal/config"
	"github.com/nsconnect/nsconnect/netsuite"
)

// SearchOptions are the inputs of nsconnect search.
type SearchOptions struct {
	IO      *IOStreams
	Connect connectFunc

	RecordType string // the argument; optional with --saved
	Saved      string // --saved: an internal ID or a script ID
	Where      []string
	PageSize   int
	MaxRows    int

	Output OutputOptions
	Net    NetOptions
}

const searchLong = `Run a search through SOAP web services (SuiteTalk 2025.2) and print every
result: a saved search, with the columns it defines, or a basic search of a
record type on its body fields. Saved searches, which people build in the
NetSuite UI, can only be run from outside NetSuite this way.

--saved takes the saved search's internal ID (57) or script ID
(customsearch_...). Its record type may be given as the argument; without it,
the record types are tried in turn (customer, transaction, item, contact,
vendor, employee) until one runs the search. This trial assumes that NetSuite
refuses a saved search run as another record type with INVALID_SEARCH, which
no Oracle page states: any other refusal stops it and asks for the type, and
giving the type avoids the trial's extra requests.

--where takes FIELD OPERATOR VALUE, with the field's SOAP name and the
operator as SOAP names it; conditions are ANDed:
  text      is, isNot, contains, doesNotContain, startsWith,
            doesNotStartWith, empty, notEmpty  (is true / is false: a checkbox)
  dates     on, before, after, onOrBefore, onOrAfter, within (two values),
            and their not... forms; a value is 2026-01-31 (midnight in the
            account timezone) or 2026-01-31T09:00:00Z
  numbers   equalTo, greaterThan, lessThan, greaterThanOrEqualTo,
            lessThanOrEqualTo, between (two values), and their not... forms
  records   anyOf, noneOf with internal IDs (internalId anyOf 4,7)
Quote a value with spaces: --where 'companyName is "Feed & Seed"'.

Each result is one row: a saved search's columns, or a record's internal ID,
external ID and body fields (a reference as its internal ID, with its name in
FIELD.refName). A custom field is named by its script ID (custentity_region),
a joined record's column by the join and the field (salesRepJoin.email), and
a multi-select holds its internal IDs separated by commas. Piped, rows are
NDJSON as each page arrives; -o csv has a header from the first page; -o json
is one object with all rows.

SOAP accepts Token-Based Authentication only: the connection's TBA
credentials sign every request's TokenPassport; a connection with auth m2m
(OAuth 2.0) is refused.`

const searchExample = `  nsconnect search --saved customsearch_nsconnect_customers -o csv
  nsconnect search customer --saved 100 -o json

  nsconnect search customer --where 'email startsWith info' --where 'isInactive is false'
  nsconnect search customer --where 'lastModifiedDate onOrAfter 2026-01-01' -o ndjson
  nsconnect search employee --where 'internalId anyOf 4,7' --page-size 50`

// savedSearchTypes are the record types tried, in order, for a saved search
// given without its type.
var savedSearchTypes = []string{"customer", "transaction", "item", "contact", "vendor", "employee"}

func newSearchCmd(f *Factory, runF func(context.Context, *SearchOptions) error) *cobra.Command {
	opts := &SearchOptions{IO: f.IO, Connect: f.connectWith}
	cmd := &cobra.Command{
		Use:     "search [TYPE] (--saved ID | --where 'FIELD OPERATOR VALUE'...)",
		Short:   "Run a saved search or a basic search through SOAP web services",
		Long:    searchLong,
		Example: searchExample,
		Args:    maxArgs(1),
		RunE: runner(opts, func(cmd *cobra.Command, args []string) error {
			usage := usagef(cmd)
			if len(args) == 1 {
				opts.RecordType = args[0]
				if !slices.Contains(netsuite.SearchRecordTypes(), opts.RecordType) {
					return usage("record type %q: SOAP search covers %s", opts.RecordType, strings.Join(netsuite.SearchRecordTypes(), ", "))
				}
			}
			switch {
			case opts.Saved != "" && len(opts.Where) > 0:
				return usage("--saved runs the saved search's own criteria; it takes no --where")
			case opts.Saved == "" && opts.RecordType == "":
				return usage("give a record type for a basic search (nsconnect search customer --where ...), or --saved ID")
			}
			for _, w := range opts.Where {
				if _, err := netsuite.ParseSearchCondition(w); err != nil {
					return usage("--where %s", strings.TrimPrefix(err.Error(), "netsuite: "))
				}
			}
			if opts.PageSize != 0 && (opts.PageSize < 5 || opts.PageSize > 1000) {
				return usage("--page-size %d: a SOAP search page holds 5 to 1000 results", opts.PageSize)
			}
			if opts.MaxRows < 0 {
				return usage("--max-rows %d: give a number of rows, or 0 for all", opts.MaxRows)
			}
			return nil
		}, runF, searchRun),
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Saved, "saved", "", "run the saved search with this internal `ID` or script ID (customsearch_...)")
	fl.StringArrayVarP(&opts.Where, "where", "w", nil, "a condition `'FIELD OPERATOR VALUE'` of a basic search (repeatable; ANDed)")
	fl.IntVar(&opts.PageSize, "page-size", 0, "results per page, 5 to 1000 (default: the account's preference, 1000)")
	fl.IntVar(&opts.MaxRows, "max-rows", 0, "stop after this many rows (default: all)")
	addOutputFlags(fl, &opts.Output, formatNDJSON, formatTable, formatJSON, formatNDJSON, formatCSV)
	addNetFlags(fl, &opts.Net)
	return cmd
}

func searchRun(ctx context.Context, opts *SearchOptions) error {
	client, conn, err := opts.Connect(ctx, opts.Net.connect(false))
	if err != nil {
		return err
	}
	if conn != nil && conn.Auth == config.AuthM2M {
		return errors.New("SOAP does not accept OAuth 2.0, and nsconnect search runs through SOAP web services: this connection's auth is m2m. Use TBA for searches: a profile or environment with NETSUITE_AUTH=tba (--auth tba) and the integration's consumer key and secret and an access token; see 'nsconnect config init'")
	}
	srch := netsuite.Search{RecordType: opts.RecordType}
	for _, w := range opts.Where {
		c, err := netsuite.ParseSearchCondition(w)
		if err != nil {
			return err
		}
		srch.Conditions = append(srch.Conditions, c)
	}
	if opts.Saved != "" {
		if strings.Trim(opts.Saved, "0123456789") == "" {
			srch.SavedSearchID = opts.Saved
		} else {
			srch.SavedSearchScriptID = opts.Saved
		}
	}
	so := &netsuite.SearchOptions{PageSize: opts.PageSize}
	types := []string{srch.RecordType}
	if srch.RecordType == "" {
		types = savedSearchTypes
	}
	format := opts.Output.resolve(opts.IO, formatTable, formatNDJSON)
	prog := newProgress(opts.IO, opts.Net.Quiet, "rows")
	defer prog.Done()
	w := &searchWriter{opts: opts, format: format}
	for i, t := range types {
		srch.RecordType = t
		err := w.pages(ctx, client.SOAP.SearchPages(ctx, srch, so), prog)
		if err == nil {
			break
		}
		// A saved search of another record type is refused before any
		// row: try the next type.
		if w.n == 0 && i < len(types)-1 && netsuite.HasCode(err, "INVALID_SEARCH") {
			continue
		}
		w.flush()
		if opts.RecordType == "" && w.n == 0 {
			var nerr *netsuite.Error
			switch {
			case netsuite.HasCode(err, "INVALID_SEARCH"):
				return fmt.Errorf("no record type runs the saved search %s (tried %s): %w", opts.Saved, strings.Join(types, ", "), err)
			case errors.As(err, &nerr) && !netsuite.IsAuth(err):
				// Not the refusal the trial expects: whether the search is
				// of another type is unknown.
				return fmt.Errorf("the saved search %s failed as a %s search, and nsconnect cannot tell whether it is of another record type: give its record type (nsconnect search TYPE --saved %s; types: %s): %w",
					opts.Saved, t, opts.Saved, strings.Join(netsuite.SearchRecordTypes(), ", "), err)
			}
		}
		return apiError(err)
	}
	prog.Done()
	return w.close()
}

// A searchWriter writes the rows of a search as the format says.
type searchWriter struct {
	opts   *SearchOptions
	format string
	rw     *rowWriter
	rows   []netsuite.Row
	cols   []string
	n      int
}

// pages writes the rows of every page, up to --max-rows.
func (w *searchWriter) pages(ctx context.Context, pages iter.Seq2[*netsuite.SearchResult, error], prog *progress) error {
	for page, err := range pages {
		if err != nil {
			return err
		}
		for _, r := range page.Rows {
			if w.opts.MaxRows > 0 && w.n >= w.opts.MaxRows {
				return nil
			}
			row := searchRowFields(r)
			if w.cols == nil {
				w.cols = searchColumns(page.Rows)
			}
			w.n++
			prog.Add(1)
			switch w.format {
			case formatNDJSON:
				if err := writeData(w.opts.IO.Out, w.format, w.opts.Output.JQ, row); err != nil {
					return err
				}
			case formatCSV:
				if w.rw == nil {
					w.rw = newRowWriter(w.opts.IO.Out, formatCSV, w.cols, false, true, "records differ in their fields: use --output ndjson or json, or a saved search, whose columns are fixed")
				}
				if err := w.rw.Write(row); err != nil {
					return err
				}
			default:
				w.rows = append(w.rows, row)
			}
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return nil
}

func (w *searchWriter) flush() {
	if w.rw != nil {
		w.rw.Flush()
	}
}

// close writes what is held: the CSV's end, the JSON document, the table.
func (w *searchWriter) close() error {
	switch w.format {
	case formatCSV:
		if w.rw == nil {
			return nil
		}
		return w.rw.Close()
	case formatJSON:
		rows := w.rows
		if rows == nil {
			rows = []netsuite.Row{}
		}
		return writeData(w.opts.IO.Out, w.format, w.opts.Output.JQ, map[string]any{"rows": rows})
	case formatTable:
		if len(w.cols) > 0 {
			table := [][]string{w.cols}
			for _, r := range w.rows {
				line := make([]string, len(w.cols))
				for i, c := range w.cols {
					line[i] = r[c]
				}
				table = append(table, line)
			}
			if err := writeTable(w.opts.IO.Out, table); err != nil {
				return err
			}
		}
		fmt.Fprintf(w.opts.IO.ErrOut, "%s row(s).\n", groupDigits(w.n))
	}
	return nil
}

// searchRowFields flattens a result into one row: a record's internalId
// and externalId, then its fields; a reference as its internal ID, with its
// name in FIELD.refName (the REST API's name for it); a saved search's
// internalId column as the ID.
func searchRowFields(r netsuite.SearchRow) netsuite.Row {
	row := netsuite.Row{}
	if r.InternalID != "" {
		row["internalId"] = r.InternalID
	}
	if r.ExternalID != "" {
		row["externalId"] = r.ExternalID
	}
	for _, c := range r.Columns {
		switch {
		case c.Value == "" && c.InternalID != "":
			row[c.Name] = c.InternalID
			if c.RefName != "" {
				row[c.Name+".refName"] = c.RefName
			}
		default:
			row[c.Name] = c.Value
		}
	}
	return row
}

// searchColumns returns the columns of a page: internalId and externalId
// when its rows have them, then every field in the order it first appears.
func searchColumns(rows []netsuite.SearchRow) []string {
	var cols []string
	seen := map[string]bool{}
	add := func(c string) {
		if !seen[c] {
			seen[c] = true
			cols = append(cols, c)
		}
	}
	if slices.ContainsFunc(rows, func(r netsuite.SearchRow) bool { return r.InternalID != "" }) {
		add("internalId")
	}
	if slices.ContainsFunc(rows, func(r netsuite.SearchRow) bool { return r.ExternalID != "" }) {
		add("externalId")
	}
	for _, r := range rows {
		for _, c := range r.Columns {
			add(c.Name)
			if c.Value == "" && c.InternalID != "" && c.RefName != "" {
				add(c.Name + ".refName")
			}
		}
	}
	return cols
}
