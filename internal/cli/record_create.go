package cli

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/netsuite"
)

// RecordCreateOptions are the inputs of nsconnect record create.
type RecordCreateOptions struct {
	IO      *IOStreams
	Connect connectFunc

	Type   string
	Body   BodyOptions
	DryRun bool

	Output OutputOptions
	Net    NetOptions
}

func newRecordCreateCmd(f *Factory, runF func(context.Context, *RecordCreateOptions) error) *cobra.Command {
	opts := &RecordCreateOptions{IO: f.IO, Connect: f.connectWith}
	cmd := &cobra.Command{
		Use:   "create TYPE",
		Short: "Create a record",
		Long: `Create a record (POST) from a JSON body (--file, - for stdin) and/or --set
path=value pairs. The fields are checked against the record type's metadata
first, and the --set values typed by it; nothing is sent when a field is
unknown. --dry-run shows the request instead of sending it.

A create is not retried when the connection breaks after it was sent: the
error says the outcome is unknown. Use 'record upsert' with an external ID
for a write that is safe to repeat.`,
		Example: `  nsconnect record create customer --file customer.json
  nsconnect record create customer --set companyName='Acme Inc' --set subsidiary.id=1 --dry-run
  echo '{"companyName":"Acme","subsidiary":{"id":"1"}}' | nsconnect record create customer --file -`,
		Args:              exactArgs(1),
		ValidArgsFunction: f.completeRecordType,
		RunE: runner(opts, func(cmd *cobra.Command, args []string) error {
			opts.Type = args[0]
			return nil
		}, runF, recordCreateRun),
	}
	fl := cmd.Flags()
	addBodyFlags(fl, &opts.Body)
	addDryRunFlag(fl, &opts.DryRun)
	addOutputFlags(fl, &opts.Output, formatJSON, formatTable, formatJSON, formatYAML)
	addNetFlags(fl, &opts.Net)
	return cmd
}

func recordCreateRun(ctx context.Context, opts *RecordCreateOptions) error {
	client, body, err := writeRequest(ctx, opts.IO, "nsconnect record create", opts.Body, opts.Connect, opts.Net, opts.DryRun, opts.Type)
	if err != nil {
		return err
	}
	res, resp, err := client.Records.Create(ctx, opts.Type, body, &netsuite.WriteOptions{})
	if err != nil {
		return apiError(err)
	}
	return writeResult(opts.IO, opts.Output, "Created", opts.Type, res, resp, opts.DryRun)
}
