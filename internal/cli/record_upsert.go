package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/netsuite"
)

// RecordUpsertOptions are the inputs of nsconnect record upsert.
type RecordUpsertOptions struct {
	IO      *IOStreams
	Connect connectFunc

	Type, ExternalID string
	Body             BodyOptions
	Mode             string
	Replace          []string
	DryRun           bool
	Yes              bool

	Output OutputOptions
	Net    NetOptions
}

func newRecordUpsertCmd(f *Factory, runF func(context.Context, *RecordUpsertOptions) error) *cobra.Command {
	opts := &RecordUpsertOptions{IO: f.IO, Connect: f.connectWith}
	cmd := &cobra.Command{
		Use:   "upsert TYPE EXTERNAL_ID",
		Short: "Create or update a record by external ID (PUT eid:)",
		Long: `Create the record with this external ID, or update it if it exists (PUT
record/v1/TYPE/eid:EXTERNAL_ID), from a JSON body (--file, - for stdin)
and/or --set path=value pairs. Unlike a create, an upsert is safe to send
again after a broken connection, as long as it adds no sublist lines.

--mode is as for 'record update'; replace asks for confirmation on a
terminal, and --yes skips the question. --dry-run shows the request instead
of sending it.`,
		Example: `  nsconnect record upsert customer CUST-0042 --set companyName='Acme Inc' --set subsidiary.id=1
  nsconnect record upsert customer CUST-0042 --file customer.json --dry-run`,
		Args:              exactArgs(2),
		ValidArgsFunction: f.completeRecordType,
		RunE: runner(opts, func(cmd *cobra.Command, args []string) error {
			opts.Type, opts.ExternalID = args[0], args[1]
			return checkReplace(cmd, opts.Mode, opts.Replace)
		}, runF, recordUpsertRun),
	}
	fl := cmd.Flags()
	addBodyFlags(fl, &opts.Body)
	addModeFlags(fl, &opts.Mode, &opts.Replace)
	addDryRunFlag(fl, &opts.DryRun)
	fl.BoolVarP(&opts.Yes, "yes", "y", false, "do not ask before replacing sublist lines")
	addOutputFlags(fl, &opts.Output, formatJSON, formatTable, formatJSON, formatYAML)
	addNetFlags(fl, &opts.Net)
	return cmd
}

func recordUpsertRun(ctx context.Context, opts *RecordUpsertOptions) error {
	return changeRun(ctx, changeRequest{
		IO: opts.IO, Connect: opts.Connect, Command: "nsconnect record upsert", Type: opts.Type,
		Body: opts.Body, Mode: opts.Mode, Replace: opts.Replace, DryRun: opts.DryRun, Yes: opts.Yes,
		Output: opts.Output, Net: opts.Net, Target: fmt.Sprintf("%s eid:%s if it exists", opts.Type, opts.ExternalID), Verb: "Upserted",
	}, func(c *netsuite.Client, body netsuite.Record, wo *netsuite.WriteOptions) (*netsuite.WriteResult, *netsuite.Response, error) {
		return c.Records.Upsert(ctx, opts.Type, opts.ExternalID, body, wo)
	})
}
