package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/netsuite"
)

// RecordDeleteOptions are the inputs of nsconnect record delete.
type RecordDeleteOptions struct {
	IO      *IOStreams
	Connect connectFunc

	Type, ID string
	DryRun   bool
	Yes      bool

	Output OutputOptions
	Net    NetOptions
}

func newRecordDeleteCmd(f *Factory, runF func(context.Context, *RecordDeleteOptions) error) *cobra.Command {
	opts := &RecordDeleteOptions{IO: f.IO, Connect: f.connectWith}
	cmd := &cobra.Command{
		Use:   "delete TYPE ID",
		Short: "Delete a record",
		Long: `Delete a record by internal ID or external ID (eid:...). NetSuite keeps no
recycle bin for records deleted through the REST API, so delete asks for
confirmation on a terminal; --yes skips the question, and --dry-run shows
the request instead of sending it.`,
		Example: `  nsconnect record delete customer 19
  nsconnect record delete customer eid:CUST-0042 --yes`,
		Args:              exactArgs(2),
		ValidArgsFunction: f.completeRecordType,
		RunE: runner(opts, func(cmd *cobra.Command, args []string) error {
			opts.Type, opts.ID = args[0], args[1]
			return checkRecordID(cmd, opts.ID)
		}, runF, recordDeleteRun),
	}
	fl := cmd.Flags()
	addDryRunFlag(fl, &opts.DryRun)
	fl.BoolVarP(&opts.Yes, "yes", "y", false, "do not ask before deleting")
	addOutputFlags(fl, &opts.Output, formatJSON, formatTable, formatJSON, formatYAML)
	addNetFlags(fl, &opts.Net)
	return cmd
}

func recordDeleteRun(ctx context.Context, opts *RecordDeleteOptions) error {
	client, _, err := opts.Connect(ctx, opts.Net.connect(opts.DryRun))
	if err != nil {
		return err
	}
	if !opts.DryRun {
		if err := confirm(ctx, opts.IO, opts.Yes, fmt.Sprintf("Delete %s %s? This cannot be undone.", opts.Type, opts.ID)); err != nil {
			return err
		}
	}
	resp, err := client.Records.Delete(ctx, opts.Type, opts.ID)
	if netsuite.IsNotFound(err) {
		return unknownType(ctx, client, opts.Type, err)
	}
	if err != nil {
		return apiError(err)
	}
	return writeResult(opts.IO, opts.Output, "Deleted", opts.Type, &netsuite.WriteResult{ID: opts.ID}, resp, opts.DryRun)
}
