package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nsconnect/nsconnect/internal/config"
	"github.com/nsconnect/nsconnect/internal/suggest"
	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/netsuite/nstime"
)

// RecordOptions are the inputs of the nsconnect record commands.
type RecordOptions struct {
	IO      *IOStreams
	Connect func(ctx context.Context, verbose bool) (*netsuite.Client, *config.Connection, error)

	Verb, Type, ID string

	Fields     []string
	Expand     bool
	SimpleEnum bool

	Q     string
	Limit int
	All   bool

	File    string
	Sets    []string
	Mode    string
	Replace []string

	Output    string
	OutputSet bool // --output was given; otherwise it follows the terminal
	Verbose   bool
}

const recordLong = `Get, list, create, update, upsert and delete NetSuite records through the
REST record API: standard record types (customer, salesOrder, ...) and custom
record types (customrecord_...), by internal ID (123) or external ID
(eid:CUST-0001).

A record body comes from a JSON file (--file, - for stdin) and/or --set
path=value pairs. A path names fields with dots and sublist lines with [N]:
--set subsidiary.id=1 --set 'item[0].item.id=12' --set 'item[0].quantity=2'
sets {"subsidiary":{"id":"1"},"item":{"items":[{"item":{"id":"12"},"quantity":2}]}}.
Values are JSON when they parse as JSON (numbers, true, false, null, "text"),
and text otherwise; ids are always text. null clears a field.

Field names are checked against the record type's metadata before anything
is written, with a suggestion for a misspelt one. Datetimes are shown in the
account timezone; with --ignore-readonly, read-only fields (id, links,
refName, system dates, totals, ...) are dropped from creates and updates and
listed on stderr.`

func newRecordCmd(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "record <command>",
		Short: "Get, list, create, update, upsert and delete records",
		Long:  recordLong,
		Example: `  nsconnect record get customer eid:CUST-0001
  nsconnect record list customer --q 'companyName START_WITH "Meadow"' --all -o ndjson
  nsconnect record create customer --set companyName='Acme Inc' --set subsidiary.id=1
  nsconnect record update salesOrder 42 --mode append --set 'item[0].item.id=12' --set 'item[0].quantity=1'
  nsconnect record upsert customer CUST-0042 --file customer.json
  nsconnect record delete customer 107`,
		Args: groupArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	for _, verb := range []string{"get", "list", "create", "update", "upsert", "delete"} {
		cmd.AddCommand(newRecordVerbCmd(f, verb, nil))
	}
	return cmd
}

var recordVerbs = map[string]struct {
	use, short, example string
	args                int
}{
	"get":    {"get TYPE ID", "Get a record", "  nsconnect record get customer 107\n  nsconnect record get salesOrder eid:SO-1 --expand -o json", 2},
	"list":   {"list TYPE", "List record IDs, filtered with q", "  nsconnect record list customer --limit 10\n  nsconnect record list salesOrder --q 'tranDate ON_OR_AFTER \"1/1/2026\"' --all -o ndjson", 1},
	"create": {"create TYPE", "Create a record", "  nsconnect record create customer --file customer.json\n  echo '{\"companyName\":\"Acme\",\"subsidiary\":{\"id\":\"1\"}}' | nsconnect record create customer --file -", 1},
	"update": {"update TYPE ID", "Update a record (PATCH)", "  nsconnect record update customer 107 --set email=ap@acme.example\n  nsconnect record update salesOrder 42 --mode replace --file lines.json", 2},
	"upsert": {"upsert TYPE EXTERNAL_ID", "Create or update a record by external ID (PUT eid:)", "  nsconnect record upsert customer CUST-0042 --set companyName='Acme Inc' --set subsidiary.id=1", 2},
	"delete": {"delete TYPE ID", "Delete a record", "  nsconnect record delete customer 107", 2},
}

func newRecordVerbCmd(f *Factory, verb string, runF func(context.Context, *RecordOptions) error) *cobra.Command {
	v := recordVerbs[verb]
	opts := &RecordOptions{IO: f.IO, Connect: f.connect, Verb: verb}
	cmd := &cobra.Command{
		Use:     v.use,
		Short:   v.short,
		Long:    recordLong,
		Example: v.example,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != v.args {
				return &UsageError{Err: fmt.Errorf("%s takes %d argument(s): %s", cmd.CommandPath(), v.args, v.use), Command: cmd.CommandPath()}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Type = args[0]
			opts.OutputSet = cmd.Flags().Changed("output")
			if len(args) > 1 {
				opts.ID = args[1]
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return recordRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.BoolVarP(&opts.Verbose, "verbose", "v", false, "log each request and retry on stderr")
	switch verb {
	case "get":
		fl.StringSliceVar(&opts.Fields, "fields", nil, "only these body `fields` (comma-separated)")
		fl.BoolVar(&opts.Expand, "expand", false, "expand sublists and subrecords (expandSubResources=true)")
		fl.BoolVar(&opts.SimpleEnum, "simple-enum", false, "enum values as bare ids (simpleEnumFormat=true)")
		addOutputFlag(fl, &opts.Output, "table", "json")
	case "list":
		fl.StringVar(&opts.Q, "q", "", "filter `expression`, such as 'email START_WITH barbara'; date literals in the account's date format")
		fl.IntVar(&opts.Limit, "limit", 0, "page size, at most 1000 (default 1000)")
		fl.BoolVar(&opts.All, "all", false, "follow every page, not just the first")
		addOutputFlag(fl, &opts.Output, "table", "json", "ndjson")
	case "create", "update", "upsert":
		fl.StringVarP(&opts.File, "file", "f", "", "JSON `file` with the record body; - reads stdin")
		fl.StringArrayVar(&opts.Sets, "set", nil, "set a field: `path=value`, such as subsidiary.id=1 or 'item[0].quantity=2' (repeatable)")
		if verb != "create" {
			fl.StringVar(&opts.Mode, "mode", "overwrite", "how sublist lines apply: overwrite (merge by line key), append (add every line) or replace (the body's lines become the sublist)")
			fl.StringSliceVar(&opts.Replace, "replace", nil, "with --mode replace: the `sublists` to replace (default: those in the body)")
		}
		addOutputFlag(fl, &opts.Output, "table", "json")
	case "delete":
		addOutputFlag(fl, &opts.Output, "table", "json")
	}
	return cmd
}

func recordRun(ctx context.Context, opts *RecordOptions) error {
	if !opts.OutputSet && (opts.IO.OutIsTTY == nil || !opts.IO.OutIsTTY()) {
		opts.Output = "json" // data for another program
		if opts.Verb == "list" {
			opts.Output = "ndjson"
		}
	}
	var body netsuite.Record
	var mode netsuite.UpdateMode
	if opts.Verb == "create" || opts.Verb == "update" || opts.Verb == "upsert" {
		var err error
		if body, err = readBody(opts); err != nil {
			return err
		}
		if opts.Mode != "" {
			if mode, err = netsuite.ParseUpdateMode(opts.Mode); err != nil {
				return &UsageError{Err: fmt.Errorf("--mode: %w", err), Command: "nsconnect record " + opts.Verb}
			}
		}
		if len(opts.Replace) > 0 && mode != netsuite.ModeReplace {
			return &UsageError{Err: errors.New("--replace goes with --mode replace"), Command: "nsconnect record " + opts.Verb}
		}
	}
	client, conn, err := opts.Connect(ctx, opts.Verbose)
	if err != nil {
		return err
	}
	if body != nil {
		if err := checkFields(ctx, client, opts.Type, body, opts.Sets); err != nil {
			return apiError(err)
		}
	}
	r := client.Records
	out := opts.IO.Out
	switch opts.Verb {
	case "get":
		rec, _, err := r.Get(ctx, opts.Type, opts.ID, &netsuite.GetOptions{Fields: opts.Fields, ExpandSubResources: opts.Expand, SimpleEnumFormat: opts.SimpleEnum})
		if err != nil {
			return apiError(err)
		}
		if opts.Output == "json" {
			return writeJSONTo(out, rec)
		}
		return writeRecordTable(out, rec, conn)
	case "list":
		return listRun(ctx, opts, r)
	case "delete":
		resp, err := r.Delete(ctx, opts.Type, opts.ID)
		if err != nil {
			return apiError(err)
		}
		return writeResult(opts, "Deleted", &netsuite.WriteResult{ID: opts.ID}, resp)
	}
	wo := &netsuite.WriteOptions{Mode: mode, Replace: opts.Replace}
	var res *netsuite.WriteResult
	var resp *netsuite.Response
	switch opts.Verb {
	case "create":
		res, resp, err = r.Create(ctx, opts.Type, body, wo)
	case "update":
		res, resp, err = r.Update(ctx, opts.Type, opts.ID, body, wo)
	case "upsert":
		res, resp, err = r.Upsert(ctx, opts.Type, opts.ID, body, wo)
	}
	if err != nil {
		return apiError(err)
	}
	word := map[string]string{"create": "Created", "update": "Updated", "upsert": "Upserted"}[opts.Verb]
	return writeResult(opts, word, res, resp)
}

func listRun(ctx context.Context, opts *RecordOptions, r *netsuite.RecordsService) error {
	lo := &netsuite.ListOptions{Q: opts.Q, Limit: opts.Limit}
	var ids []string
	emit := func(id string) error {
		switch opts.Output {
		case "ndjson":
			return writeJSONLine(opts.IO.Out, map[string]string{"id": id})
		default:
			ids = append(ids, id)
			return nil
		}
	}
	total := 0
	if opts.All {
		for item, err := range r.ListIter(ctx, opts.Type, lo) {
			if err != nil {
				return apiError(err)
			}
			if err := emit(item.ID); err != nil {
				return err
			}
		}
	} else {
		items, resp, err := r.List(ctx, opts.Type, lo)
		if err != nil {
			return apiError(err)
		}
		for _, item := range items {
			if err := emit(item.ID); err != nil {
				return err
			}
		}
		total = resp.TotalResults
		if resp.HasMore {
			fmt.Fprintf(opts.IO.ErrOut, "%d of %d records shown; --all follows every page.\n", len(items), resp.TotalResults)
		}
	}
	switch opts.Output {
	case "json":
		if ids == nil {
			ids = []string{}
		}
		return writeJSONTo(opts.IO.Out, map[string]any{"ids": ids})
	case "table":
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

// writeResult reports a write: one line for people, or JSON.
func writeResult(opts *RecordOptions, word string, res *netsuite.WriteResult, resp *netsuite.Response) error {
	if len(res.Dropped) > 0 {
		fmt.Fprintf(opts.IO.ErrOut, "Dropped read-only fields: %s\n", strings.Join(res.Dropped, ", "))
	}
	if resp != nil && resp.Retries > 0 {
		fmt.Fprintf(opts.IO.ErrOut, "(after %d retries)\n", resp.Retries)
	}
	if opts.Output == "json" {
		dropped := res.Dropped
		if dropped == nil {
			dropped = []string{}
		}
		return writeJSONTo(opts.IO.Out, map[string]any{"id": res.ID, "dropped": dropped})
	}
	_, err := fmt.Fprintf(opts.IO.Out, "%s %s %s\n", word, opts.Type, res.ID)
	return err
}

// readBody builds the request body from --file and --set.
func readBody(opts *RecordOptions) (netsuite.Record, error) {
	cmd := "nsconnect record " + opts.Verb
	body := netsuite.Record{}
	if opts.File != "" {
		var data []byte
		var err error
		name := opts.File
		if name == "-" {
			name = "stdin"
			data, err = io.ReadAll(opts.IO.In)
		} else {
			data, err = os.ReadFile(opts.File)
		}
		if err != nil {
			return nil, fmt.Errorf("--file: %w", err)
		}
		if err := decodeBody(data, &body); err != nil {
			return nil, fmt.Errorf("--file %s: %w", name, err)
		}
	}
	for _, set := range opts.Sets {
		path, value, ok := strings.Cut(set, "=")
		if !ok {
			return nil, &UsageError{Err: fmt.Errorf("--set %q: want path=value, such as subsidiary.id=1", set), Command: cmd}
		}
		p, err := parseSetPath(path)
		if err != nil {
			return nil, &UsageError{Err: fmt.Errorf("--set: %w", err), Command: cmd}
		}
		if err := applySet(body, p, parseSetValue(p, value)); err != nil {
			return nil, &UsageError{Err: fmt.Errorf("--set %s: %w", path, err), Command: cmd}
		}
	}
	if len(body) == 0 {
		return nil, &UsageError{Err: errors.New("no record body: give --file or --set"), Command: cmd}
	}
	return body, nil
}

// decodeBody decodes a JSON object, naming the line and column of a syntax
// error.
func decodeBody(data []byte, body *netsuite.Record) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(body); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			// Offset counts the bytes read, the bad one included.
			line, col := position(data, se.Offset-1)
			return fmt.Errorf("line %d, column %d: %v", line, col, se)
		case errors.As(err, &te):
			return errors.New("the body must be a JSON object, {...}")
		case errors.Is(err, io.EOF):
			return errors.New("the file is empty; it must hold a JSON object")
		}
		return err
	}
	if *body == nil {
		return errors.New("the body must be a JSON object, {...}, not null")
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("there is more after the JSON object; the body is one object")
	}
	return nil
}

func position(data []byte, offset int64) (line, col int) {
	line, col = 1, 1
	for _, c := range data[:min(int(offset), len(data))] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

// checkFields checks the body's top-level field names against the record
// type's metadata, so that a misspelt field or type is refused before
// anything is written, with a suggestion; and that each --set path fits its
// field: a line index needs a sublist, a dotted path an object (a
// reference, subrecord or sublist), not a plain value.
func checkFields(ctx context.Context, client *netsuite.Client, recordType string, body netsuite.Record, sets []string) error {
	schema, _, err := client.Metadata.Schema(ctx, recordType)
	if netsuite.IsNotFound(err) {
		types, _, lerr := client.Metadata.List(ctx, nil)
		if lerr != nil {
			return err
		}
		return fmt.Errorf("unknown record type %q%s", recordType, didYouMean(recordType, types))
	}
	if err != nil {
		return err
	}
	known := make([]string, 0, len(schema.Properties))
	for name := range schema.Properties {
		known = append(known, name)
	}
	sort.Strings(known)
	var errs []error
	for name := range body {
		if _, ok := schema.Properties[name]; ok {
			continue
		}
		if i := slices.IndexFunc(known, func(k string) bool { return strings.EqualFold(k, name) }); i >= 0 {
			continue // NetSuite matches field names ignoring case
		}
		errs = append(errs, fmt.Errorf("%s has no field %q%s", recordType, name, didYouMean(name, known)))
	}
	for _, set := range sets {
		path, _, _ := strings.Cut(set, "=")
		p, err := parseSetPath(path)
		if err != nil || len(p) < 2 {
			continue
		}
		prop := schema.Properties[p[0].name]
		if prop == nil {
			continue // reported above
		}
		sublist := strings.HasSuffix(prop.Ref, "Collection") || prop.Type == "array"
		plainValue := prop.Ref == "" && prop.Type != "" && prop.Type != "object" && prop.Type != "array"
		switch {
		case p[1].name == "" && !sublist:
			errs = append(errs, fmt.Errorf("--set %s: %s.%s is not a sublist, so it has no lines", path, recordType, p[0].name))
		case plainValue:
			errs = append(errs, fmt.Errorf("--set %s: %s.%s is a plain %s, not an object; set it as %s=VALUE", path, recordType, p[0].name, prop.Type, p[0].name))
		}
	}
	if len(errs) > 0 {
		return problems("the body does not fit the record type; nothing was sent", errors.Join(errs...))
	}
	return nil
}

// writeRecordTable shows a record as field/value rows: references as
// "refName (id)", sublists as their line count or link, datetimes in the
// account timezone.
func writeRecordTable(w io.Writer, rec netsuite.Record, conn *config.Connection) error {
	names := make([]string, 0, len(rec))
	for name := range rec {
		if name != "links" {
			names = append(names, name)
		}
	}
	sort.Slice(names, func(i, j int) bool { return strings.ToLower(names[i]) < strings.ToLower(names[j]) })
	rows := [][]string{{"FIELD", "VALUE"}}
	for _, name := range names {
		rows = append(rows, []string{name, displayValue(rec[name], conn)})
	}
	return writeTable(w, rows)
}

func displayValue(v any, conn *config.Connection) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		if t, err := nstime.ParseDateTime(x, conn.Timezone); err == nil && strings.HasSuffix(x, "Z") && len(x) > len("2006-01-02") {
			return nstime.FormatDateTime(t, conn.Timezone)
		}
		return x
	case map[string]any:
		if items, ok := x["items"].([]any); ok {
			return fmt.Sprintf("(%d lines)", len(items))
		}
		id, _ := x["id"].(string)
		if name, ok := x["refName"].(string); ok {
			return fmt.Sprintf("%s (%s)", name, id)
		}
		if id != "" {
			return id
		}
		if _, ok := x["links"]; ok && len(x) == 1 {
			return "(sublist: --expand to show)"
		}
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func writeJSONTo(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func writeJSONLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// didYouMean returns `; did you mean "x"?` for the closest of candidates
// to s, or "" when none is close.
func didYouMean(s string, candidates []string) string {
	if best := suggest.Closest(s, candidates); best != "" {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	return ""
}
