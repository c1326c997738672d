package cli

import (
	"context"
	"errors"

	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/internal/fieldpath"
	"github.com/nsconnect/nsconnect/netsuite"
)

// RecordGetOptions are the inputs of nsconnect record get.
type RecordGetOptions struct {
	IO      *IOStreams
	Connect connectFunc

	Type, ID   string
	Fields     []string
	Expand     bool
	SimpleEnum bool

	Output OutputOptions
	Net    NetOptions
}

func newRecordGetCmd(f *Factory, runF func(context.Context, *RecordGetOptions) error) *cobra.Command {
	opts := &RecordGetOptions{IO: f.IO, Connect: f.connectWith}
	cmd := &cobra.Command{
		Use:   "get TYPE ID",
		Short: "Get a record",
		Long: `Get one record by internal ID (19) or external ID (eid:CUST-0001).

On a terminal the record is a table of fields, with references as
"name (id)", sublists as their line count, and datetimes in the account
timezone. Piped, it is the record's JSON as NetSuite sends it (datetimes in
UTC); --jq filters it.`,
		Example: `  nsconnect record get customer 19
  nsconnect record get salesOrder 42 --expand -o json
  nsconnect record get customer 19 --jq .email`,
		Args:              exactArgs(2),
		ValidArgsFunction: f.completeRecordType,
		RunE: runner(opts, func(cmd *cobra.Command, args []string) error {
			opts.Type, opts.ID = args[0], args[1]
			return checkRecordID(cmd, opts.ID)
		}, runF, recordGetRun),
	}
	fl := cmd.Flags()
	fl.StringSliceVar(&opts.Fields, "fields", nil, "only these body `fields` (comma-separated)")
	fl.BoolVar(&opts.Expand, "expand", false, "expand sublists and subrecords (expandSubResources=true)")
	fl.BoolVar(&opts.SimpleEnum, "simple-enum", false, "enum values as bare ids (simpleEnumFormat=true)")
	addOutputFlags(fl, &opts.Output, formatJSON, formatTable, formatJSON, formatYAML)
	addNetFlags(fl, &opts.Net)
	return cmd
}

func recordGetRun(ctx context.Context, opts *RecordGetOptions) error {
	client, conn, err := opts.Connect(ctx, opts.Net.connect(false))
	if err != nil {
		return err
	}
	if len(opts.Fields) > 0 {
		schema, err := schemaFor(ctx, client, opts.Type)
		if err != nil {
			return err
		}
		if err := checkFieldNames(opts.Type, schema, opts.Fields); err != nil {
			return err
		}
	}
	rec, _, err := client.Records.Get(ctx, opts.Type, opts.ID, &netsuite.GetOptions{Fields: opts.Fields, ExpandSubResources: opts.Expand, SimpleEnumFormat: opts.SimpleEnum})
	if netsuite.IsNotFound(err) && len(opts.Fields) == 0 {
		return unknownType(ctx, client, opts.Type, err)
	}
	if err != nil {
		return apiError(err)
	}
	format := opts.Output.resolve(opts.IO, formatTable, formatJSON)
	if format == formatTable {
		return writeRecordTable(opts.IO.Out, rec, conn)
	}
	return writeData(opts.IO.Out, format, opts.Output.JQ, rec)
}

// checkFieldNames refuses --fields names the record type does not have,
// with the closest known names.
func checkFieldNames(recordType string, schema *netsuite.Schema, names []string) error {
	var errs []error
	for _, name := range names {
		if _, _, err := fieldpath.Lookup(recordType, schema, name); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return &UsageError{Err: problems("--fields names fields the record type does not have", errors.Join(errs...))}
	}
	return nil
}
