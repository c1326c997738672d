package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/netsuite"
)

// RecordListOptions are the inputs of nsconnect record list.
type RecordListOptions struct {
	IO      *IOStreams
	Connect connectFunc

	Type  string
	Q     string
	Limit int
	All   bool

	Output OutputOptions
	Net    NetOptions
}

func newRecordListCmd(f *Factory, runF func(context.Context, *RecordListOptions) error) *cobra.Command {
	opts := &RecordListOptions{IO: f.IO, Connect: f.connectWith}
	cmd := &cobra.Command{
		Use:   "list TYPE",
		Short: "List record IDs, filtered with q",
		Long: `List the IDs of the records of a type, optionally filtered with a q
expression (the REST record API's filter). Without --all, one page is
listed and stderr says how many records there are; --all follows every page
and shows progress on a terminal.

On a terminal the IDs are a table; piped, they are NDJSON, one {"id": ...}
a line, written as each page arrives.`,
		Example: `  nsconnect record list customer --limit 10
  nsconnect record list salesOrder --q 'tranDate ON_OR_AFTER "1/1/2025"' --all -o ndjson
  nsconnect record list customer --all -o csv > customers.csv`,
		Args:              exactArgs(1),
		ValidArgsFunction: f.completeRecordType,
		RunE: runner(opts, func(cmd *cobra.Command, args []string) error {
			opts.Type = args[0]
			if opts.Limit < 0 || opts.Limit > netsuite.MaxPageSize {
				return &UsageError{Err: fmt.Errorf("--limit %d: a page holds 1 to %d records; use --all to follow every page", opts.Limit, netsuite.MaxPageSize), Command: cmd.CommandPath()}
			}
			return nil
		}, runF, recordListRun),
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Q, "q", "", "filter `expression`, such as 'email START_WITH barbara'; date literals in the account's date format")
	fl.IntVar(&opts.Limit, "limit", 0, "page size, 1 to 1000 (default 1000)")
	fl.BoolVar(&opts.All, "all", false, "follow every page, not just the first")
	addOutputFlags(fl, &opts.Output, formatNDJSON, formatTable, formatJSON, formatNDJSON, formatYAML, formatCSV)
	addNetFlags(fl, &opts.Net)
	return cmd
}

func recordListRun(ctx context.Context, opts *RecordListOptions) error {
	client, _, err := opts.Connect(ctx, opts.Net.connect(false))
	if err != nil {
		return err
	}
	format := opts.Output.resolve(opts.IO, formatTable, formatNDJSON)
	var ids []string
	emit := func(id string) error {
		if format == formatNDJSON {
			return writeData(opts.IO.Out, format, opts.Output.JQ, map[string]string{"id": id})
		}
		ids = append(ids, id)
		return nil
	}
	r := client.Records
	lo := &netsuite.ListOptions{Q: opts.Q, Limit: opts.Limit}
	total := 0
	if opts.All {
		prog := newProgress(opts.IO, opts.Net.Quiet, "records")
		if lo.Limit == 0 {
			lo.Limit = netsuite.MaxPageSize
		}
		// ListIter reads the pages after the first in parallel, up to the
		// concurrency limit, and hands them on in order.
		lo.Page = func(resp *netsuite.Response) { prog.SetTotal(resp.TotalResults) }
		for item, err := range r.ListIter(ctx, opts.Type, lo) {
			if err != nil {
				prog.Done()
				return listError(ctx, client, opts.Type, err)
			}
			if err := emit(item.ID); err != nil {
				return err
			}
			prog.Add(1)
		}
		prog.Done()
	} else {
		items, resp, err := r.List(ctx, opts.Type, lo)
		if err != nil {
			return listError(ctx, client, opts.Type, err)
		}
		for _, item := range items {
			if err := emit(item.ID); err != nil {
				return err
			}
		}
		total = resp.TotalResults
		if resp.HasMore && !opts.Net.Quiet {
			fmt.Fprintf(opts.IO.ErrOut, "%d of %d records shown; --all follows every page.\n", len(items), resp.TotalResults)
		}
	}
	switch format {
	case formatJSON, formatYAML:
		if ids == nil {
			ids = []string{}
		}
		return writeData(opts.IO.Out, format, opts.Output.JQ, map[string]any{"ids": ids})
	case formatCSV:
		rows := [][]string{{"id"}}
		for _, id := range ids {
			rows = append(rows, []string{id})
		}
		return writeCSV(opts.IO.Out, rows)
	case formatTable:
		rows := [][]string{{"ID"}}
		for _, id := range ids {
			rows = append(rows, []string{id})
		}
		if err := writeTable(opts.IO.Out, rows); err != nil {
			return err
		}
		if total == 0 {
			total = len(ids)
		}
		fmt.Fprintf(opts.IO.ErrOut, "%d %s record(s).\n", total, opts.Type)
	}
	return nil
}

// listError explains a failed list: a 404 is an unknown record type.
func listError(ctx context.Context, client *netsuite.Client, recordType string, err error) error {
	if netsuite.IsNotFound(err) {
		return unknownType(ctx, client, recordType, err)
	}
	return apiError(err)
}
