package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/netsuite"
)

// RecordUpdateOptions are the inputs of nsconnect record update.
type RecordUpdateOptions struct {
	IO      *IOStreams
	Connect connectFunc

	Type, ID string
	Body     BodyOptions
	Mode     string   // overwrite, append or replace
	Replace  []string // the sublists --mode replace replaces
	DryRun   bool
	Yes      bool

	Output OutputOptions
	Net    NetOptions
}

func newRecordUpdateCmd(f *Factory, runF func(context.Context, *RecordUpdateOptions) error) *cobra.Command {
	opts := &RecordUpdateOptions{IO: f.IO, Connect: f.connectWith}
	cmd := &cobra.Command{
		Use:   "update TYPE ID",
		Short: "Update a record (PATCH)",
		Long: `Update a record (PATCH) by internal ID or external ID (eid:...), from a JSON
body (--file, - for stdin) and/or --set path=value pairs. Fields not in the
body keep their values.

--mode says how the body's sublist lines apply: overwrite merges them by line
key, append adds every line, and replace makes the body's lines the whole
sublist, removing the others. Because replace removes lines, it asks for
confirmation on a terminal; --yes skips the question. --dry-run shows the
request instead of sending it.`,
		Example: `  nsconnect record update customer 19 --set email=ap@acme.example
  nsconnect record update salesOrder 42 --mode replace --file lines.json --yes
  nsconnect record update salesOrder 42 --mode append --set 'item[0].item.id=12' --dry-run`,
		Args:              exactArgs(2),
		ValidArgsFunction: f.completeRecordType,
		RunE: runner(opts, func(cmd *cobra.Command, args []string) error {
			opts.Type, opts.ID = args[0], args[1]
			if err := checkRecordID(cmd, opts.ID); err != nil {
				return err
			}
			return checkReplace(cmd, opts.Mode, opts.Replace)
		}, runF, recordUpdateRun),
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

// checkReplace refuses --replace without --mode replace.
func checkReplace(cmd *cobra.Command, mode string, replace []string) error {
	if len(replace) > 0 && mode != "replace" {
		return &UsageError{Err: errors.New("--replace goes with --mode replace"), Command: cmd.CommandPath()}
	}
	return nil
}

func recordUpdateRun(ctx context.Context, opts *RecordUpdateOptions) error {
	return changeRun(ctx, changeRequest{
		IO: opts.IO, Connect: opts.Connect, Command: "nsconnect record update", Type: opts.Type,
		Body: opts.Body, Mode: opts.Mode, Replace: opts.Replace, DryRun: opts.DryRun, Yes: opts.Yes,
		Output: opts.Output, Net: opts.Net, Target: fmt.Sprintf("%s %s", opts.Type, opts.ID), Verb: "Updated",
	}, func(c *netsuite.Client, body netsuite.Record, wo *netsuite.WriteOptions) (*netsuite.WriteResult, *netsuite.Response, error) {
		return c.Records.Update(ctx, opts.Type, opts.ID, body, wo)
	})
}

// changeRequest is what update and upsert share: a body applied to a record
// that may exist, in a mode that may replace sublist lines.
type changeRequest struct {
	IO      *IOStreams
	Connect connectFunc
	Command string
	Type    string
	Body    BodyOptions
	Mode    string
	Replace []string
	DryRun  bool
	Yes     bool
	Output  OutputOptions
	Net     NetOptions
	// Target names the record in the question before replacing lines;
	// Verb is the result's first word ("Updated").
	Target, Verb string
}

// changeRun reads the body, asks before a replace, sends it with send and
// writes the result.
func changeRun(ctx context.Context, r changeRequest, send func(*netsuite.Client, netsuite.Record, *netsuite.WriteOptions) (*netsuite.WriteResult, *netsuite.Response, error)) error {
	mode, err := netsuite.ParseUpdateMode(r.Mode)
	if err != nil {
		return err
	}
	client, body, err := writeRequest(ctx, r.IO, r.Command, r.Body, r.Connect, r.Net, r.DryRun, r.Type)
	if err != nil {
		return err
	}
	if err := confirmReplace(ctx, r.IO, mode, r.DryRun, r.Yes, r.Target); err != nil {
		return err
	}
	res, resp, err := send(client, body, &netsuite.WriteOptions{Mode: mode, Replace: r.Replace})
	if err != nil {
		return apiError(err)
	}
	return writeResult(r.IO, r.Output, r.Verb, r.Type, res, resp, r.DryRun)
}
