package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/nsconnect/nsconnect/internal/config"
	"github.com/nsconnect/nsconnect/internal/fieldpath"
	"github.com/nsconnect/nsconnect/internal/suggest"
	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/netsuite/nstime"
)

const recordLong = `Get, list, create, update, upsert and delete NetSuite records through the
REST record API: standard record types (customer, salesOrder, ...) and custom
record types (customrecord_...), by internal ID (123) or external ID
(eid:CUST-0001).

A record body comes from a JSON file (--file, - for stdin) and/or --set
path=value pairs. A path names fields with dots and sublist lines with [N]:
--set subsidiary.id=1 --set 'item[0].item.id=12' --set 'item[0].quantity=2'
sets {"subsidiary":{"id":"1"},"item":{"items":[{"item":{"id":"12"},"quantity":2}]}}.
A value takes the type of its field in the record type's metadata: a text
field stays text (phone=5035550199 is "5035550199"), a number field must be a
number, a checkbox true or false, a date YYYY-MM-DD; a datetime is read in the
account timezone (firstVisit='2026-11-01 10:00') unless it carries an offset
or Z, and is sent in UTC; a reference takes an internal ID (subsidiary=1 sends
{"id":"1"}); ids are always text and null clears a field. Where the metadata
says nothing (sublist lines), a value is JSON when it parses as JSON and text
otherwise.

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
  nsconnect record delete customer 19 --dry-run`,
		Args: groupArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newRecordGetCmd(f, nil))
	cmd.AddCommand(newRecordListCmd(f, nil))
	cmd.AddCommand(newRecordCreateCmd(f, nil))
	cmd.AddCommand(newRecordUpdateCmd(f, nil))
	cmd.AddCommand(newRecordUpsertCmd(f, nil))
	cmd.AddCommand(newRecordDeleteCmd(f, nil))
	return cmd
}

// NetOptions are the flags of every command that talks to NetSuite.
type NetOptions struct {
	Verbose bool // -v: show requests and responses, redacted
	Quiet   bool // --quiet: no progress and no retry messages
}

func addNetFlags(fs *pflag.FlagSet, o *NetOptions) {
	fs.BoolVarP(&o.Verbose, "verbose", "v", false, "show each request and response on stderr: headers and bodies, credentials redacted")
	fs.BoolVar(&o.Quiet, "quiet", false, "show no progress and no retry messages on stderr")
}

func (o NetOptions) connect(dryRun bool) connectOptions {
	return connectOptions{Verbose: o.Verbose, Quiet: o.Quiet, DryRun: dryRun}
}

// BodyOptions are the flags that make a record body: --file and --set.
type BodyOptions struct {
	File string   // a JSON file, or - for stdin
	Sets []string // path=value
}

func addBodyFlags(fs *pflag.FlagSet, o *BodyOptions) {
	fs.StringVarP(&o.File, "file", "f", "", "JSON `file` with the record body, at most 104 MB; - reads stdin")
	fs.StringArrayVar(&o.Sets, "set", nil, "set a field: `path=value`, such as subsidiary.id=1 or 'item[0].quantity=2' (repeatable)")
}

func addDryRunFlag(fs *pflag.FlagSet, p *bool) {
	fs.BoolVar(p, "dry-run", false, "show the request that would be sent (credentials redacted) and send nothing")
}

// The update modes, as --mode takes them.
var updateModes = []string{"overwrite", "append", "replace"}

func addModeFlags(fs *pflag.FlagSet, mode *string, replace *[]string) {
	*mode = "overwrite"
	fs.Var(newEnumValue(mode, "mode", updateModes...), "mode", "how sublist lines apply: overwrite (merge by line key), append (add every line) or replace (the body's lines become the sublist)")
	fs.StringSliceVar(replace, "replace", nil, "with --mode replace: the `sublists` to replace (default: those in the body)")
}

// exactArgs checks that a command has n arguments, named in use.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == n {
			return nil
		}
		names := strings.Join(strings.Fields(cmd.Use)[1:], " ")
		return &UsageError{Err: fmt.Errorf("%s takes %d argument(s), %s, but got %d", cmd.CommandPath(), n, names, len(args)), Command: cmd.CommandPath()}
	}
}

// runner returns the RunE of a leaf command: it finishes opts from the
// arguments with fill, then runs runF, or run when runF is nil (tests pass
// a runF to check the parsing alone).
func runner[T any](opts *T, fill func(*cobra.Command, []string) error, runF, run func(context.Context, *T) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		if fill != nil {
			if err := fill(cmd, args); err != nil {
				return err
			}
		}
		if runF != nil {
			return runF(cmd.Context(), opts)
		}
		return run(cmd.Context(), opts)
	}
}

// checkRecordID refuses an ID that is neither an internal ID nor an
// external ID, before anything is sent.
func checkRecordID(cmd *cobra.Command, id string) error {
	if ext, ok := strings.CutPrefix(id, "eid:"); ok && ext != "" {
		return nil
	}
	if id != "" && strings.Trim(id, "0123456789") == "" {
		return nil
	}
	return &UsageError{Err: fmt.Errorf("record ID %q is neither an internal ID (digits, such as 107) nor an external ID (eid: and the external ID, such as eid:CUST-0001)", id), Command: cmd.CommandPath()}
}

// maxBodyBytes is the largest body --file reads: NetSuite's REST web
// services refuse requests over 104 MB
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/chapter_161251386312.html).
const maxBodyBytes = 104 << 20

// errBodyTooLarge is the error of a body over maxBodyBytes.
var errBodyTooLarge = errors.New("the body is larger than 104 MB, NetSuite's limit for a REST request; split the work into several records")

// A limitedReader reads at most n bytes from r, and fails past them.
type limitedReader struct {
	r io.Reader
	n int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		// One byte more tells a body of exactly n bytes from a longer one.
		var one [1]byte
		if k, _ := l.r.Read(one[:]); k > 0 {
			return 0, errBodyTooLarge
		}
		return 0, io.EOF
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	k, err := l.r.Read(p)
	l.n -= int64(k)
	return k, err
}

// A lineCounter remembers where the lines start in what passes through it,
// to place a JSON syntax error without keeping the body.
type lineCounter struct {
	r     io.Reader
	off   int64
	lines []int64 // offsets of the newlines
}

func (c *lineCounter) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	for i, b := range p[:k] {
		if b == '\n' {
			c.lines = append(c.lines, c.off+int64(i))
		}
	}
	c.off += int64(k)
	return k, err
}

// position returns the line and column, from 1, of offset.
func (c *lineCounter) position(offset int64) (line, col int) {
	i := sort.Search(len(c.lines), func(i int) bool { return c.lines[i] >= offset })
	start := int64(0)
	if i > 0 {
		start = c.lines[i-1] + 1
	}
	return i + 1, int(offset-start) + 1
}

// readBodyFile decodes the JSON object of --file, streaming: the file is
// never held whole, and reading stops at maxBodyBytes, so /dev/zero or an
// endless stdin fails fast instead of filling memory.
func readBodyFile(in io.Reader, name string) (netsuite.Record, error) {
	var r io.Reader
	if name == "-" {
		r = in
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("--file: %w", errors.Unwrap(err))
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > maxBodyBytes {
			return nil, fmt.Errorf("--file %s: %w", name, errBodyTooLarge)
		}
		r = f
	}
	shown := name
	if name == "-" {
		shown = "stdin"
	}
	body := netsuite.Record{}
	if err := decodeBody(&limitedReader{r: r, n: maxBodyBytes}, &body); err != nil {
		return nil, fmt.Errorf("--file %s: %w", shown, err)
	}
	return body, nil
}

// decodeBody decodes one JSON object from r, naming the line and column of
// a syntax error.
func decodeBody(r io.Reader, body *netsuite.Record) error {
	lc := &lineCounter{r: r}
	dec := json.NewDecoder(lc)
	dec.UseNumber()
	if err := dec.Decode(body); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.Is(err, errBodyTooLarge):
			return errBodyTooLarge
		case errors.As(err, &se):
			// Offset counts the bytes read, the bad one included.
			line, col := lc.position(se.Offset - 1)
			return fmt.Errorf("line %d, column %d: %v", line, col, se)
		case errors.As(err, &te):
			return errors.New("the body must be a JSON object, {...}")
		case errors.Is(err, io.EOF):
			return errors.New("the file is empty; it must hold a JSON object")
		case errors.Is(err, io.ErrUnexpectedEOF):
			return errors.New("the JSON object is cut short; it must end with }")
		}
		return err
	}
	if *body == nil {
		return errors.New("the body must be a JSON object, {...}, not null")
	}
	if _, err := dec.Token(); err != io.EOF {
		if errors.Is(err, errBodyTooLarge) {
			return errBodyTooLarge
		}
		return errors.New("there is more after the JSON object; the body is one object")
	}
	return nil
}

// A setAssignment is one --set, parsed.
type setAssignment struct {
	path fieldpath.Path
	raw  string
}

// parseSets parses the --set flags, before anything is sent.
func parseSets(cmd string, sets []string) ([]setAssignment, error) {
	var out []setAssignment
	for _, set := range sets {
		path, value, ok := strings.Cut(set, "=")
		if !ok {
			return nil, &UsageError{Err: fmt.Errorf("--set %q: want path=value, such as subsidiary.id=1", set), Command: cmd}
		}
		p, err := fieldpath.Parse(path)
		if err != nil {
			return nil, &UsageError{Err: fmt.Errorf("--set: %w", err), Command: cmd}
		}
		out = append(out, setAssignment{path: p, raw: value})
	}
	return out, nil
}

// A recordBody is the body of a write before the record type's metadata
// types the --set values.
type recordBody struct {
	base netsuite.Record // from --file
	sets []setAssignment
}

// writeRequest is what every record write does before it sends: read the
// body (--file, --set), connect, fetch the record type's metadata and build
// the body from it. cmd names the command in errors.
func writeRequest(ctx context.Context, ios *IOStreams, cmd string, o BodyOptions, connect connectFunc, net NetOptions, dryRun bool, recordType string) (*netsuite.Client, netsuite.Record, error) {
	rb, err := readRecordBody(ios, cmd, o)
	if err != nil {
		return nil, nil, err
	}
	client, conn, err := connect(ctx, net.connect(dryRun))
	if err != nil {
		return nil, nil, err
	}
	schema, err := schemaFor(ctx, client, recordType)
	if err != nil {
		return nil, nil, err
	}
	body, err := rb.build(recordType, schema, conn.Timezone)
	if err != nil {
		return nil, nil, err
	}
	return client, body, nil
}

// confirmReplace asks before --mode replace removes sublist lines (what
// names the record), unless it is a dry run or --yes was given.
func confirmReplace(ctx context.Context, ios *IOStreams, mode netsuite.UpdateMode, dryRun, yes bool, what string) error {
	if mode != netsuite.ModeReplace || dryRun {
		return nil
	}
	return confirm(ctx, ios, yes, "Replace the sublist lines of "+what+"? Lines not in the body are removed.")
}

// readRecordBody reads --file and parses --set; the values are applied by
// build, once the schema is known.
func readRecordBody(ios *IOStreams, cmd string, o BodyOptions) (*recordBody, error) {
	b := &recordBody{base: netsuite.Record{}}
	sets, err := parseSets(cmd, o.Sets)
	if err != nil {
		return nil, err
	}
	b.sets = sets
	if o.File != "" {
		if b.base, err = readBodyFile(ios.In, o.File); err != nil {
			return nil, err
		}
	}
	if len(b.base) == 0 && len(b.sets) == 0 {
		return nil, &UsageError{Err: errors.New("no record body: give --file or --set"), Command: cmd}
	}
	// Check that the paths fit together (item.x after item=1) before
	// anything is sent.
	trial := b.base.Clone()
	for _, s := range b.sets {
		if err := s.path.Set(trial, fieldpath.Guess(s.path, s.raw)); err != nil {
			return nil, &UsageError{Err: fmt.Errorf("--set %s: %w", s.path, err), Command: cmd}
		}
	}
	return b, nil
}

// build applies the --set values to the body, each typed by its field in
// schema (datetimes read in loc, the account time zone), and checks the
// body against schema: a misspelt field or type is refused before anything
// is written, with a suggestion.
func (b *recordBody) build(recordType string, schema *netsuite.Schema, loc *time.Location) (netsuite.Record, error) {
	body := b.base.Clone()
	var errs []error
	for _, s := range b.sets {
		f, err := fieldpath.Compile(recordType, schema, s.path)
		if err != nil {
			errs = append(errs, fmt.Errorf("--set %s: %w", s.path, err))
			continue
		}
		var v any // null clears a field
		if s.raw != "null" {
			if v, err = f.Value(s.raw, loc); err != nil {
				errs = append(errs, fmt.Errorf("--set %s: %w", s.path, err))
				continue
			}
		}
		if err := f.Path.Set(body, v); err != nil {
			errs = append(errs, fmt.Errorf("--set %s: %w", s.path, err))
		}
	}
	errs = append(errs, checkFields(recordType, schema, body)...)
	if len(errs) > 0 {
		return nil, problems("the body does not fit the record type; nothing was sent", errors.Join(errs...))
	}
	return body, nil
}

// schemaFor reads the schema of recordType; an unknown type is an error
// that suggests the closest known one.
func schemaFor(ctx context.Context, client *netsuite.Client, recordType string) (*netsuite.Schema, error) {
	schema, _, err := client.Metadata.Schema(ctx, recordType)
	if netsuite.IsNotFound(err) {
		return nil, unknownType(ctx, client, recordType, err)
	}
	if err != nil {
		return nil, apiError(err)
	}
	return schema, nil
}

// unknownType returns the error for a record type NetSuite does not know,
// with the closest known type; err when the list of types cannot be read
// or holds recordType (the 404 was about something else).
func unknownType(ctx context.Context, client *netsuite.Client, recordType string, err error) error {
	types, _, lerr := client.Metadata.List(ctx, nil)
	if lerr != nil || slices.ContainsFunc(types, func(t string) bool { return strings.EqualFold(t, recordType) }) {
		return apiError(err)
	}
	return fmt.Errorf("unknown record type %q%s; 'nsconnect completion' completes the record types of the account", recordType, didYouMean(recordType, types))
}

// checkFields checks the body's top-level field names against the record
// type's schema.
func checkFields(recordType string, schema *netsuite.Schema, body netsuite.Record) []error {
	names := make([]string, 0, len(body))
	for name := range body {
		names = append(names, name)
	}
	sort.Strings(names)
	var errs []error
	for _, name := range names {
		if _, _, err := fieldpath.Lookup(recordType, schema, name); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// confirm asks on a terminal before a change that cannot be undone, unless
// yes; without a terminal it goes ahead (scripts pass --yes to say so).
func confirm(ctx context.Context, ios *IOStreams, yes bool, question string) error {
	if yes || !ios.CanPrompt() {
		return nil
	}
	fmt.Fprintf(ios.ErrOut, "%s [y/N]: ", question)
	line, err := ios.ReadLine(ctx)
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return nil
	}
	return errors.New("cancelled; nothing was changed (--yes skips this question)")
}

// writeResult reports a write: one line for people, or data.
func writeResult(ios *IOStreams, out OutputOptions, word, recordType string, res *netsuite.WriteResult, resp *netsuite.Response, dryRun bool) error {
	if dryRun {
		fmt.Fprintln(ios.ErrOut, "Dry run: the request above was not sent; nothing changed in NetSuite.")
		return nil
	}
	if len(res.Dropped) > 0 {
		fmt.Fprintf(ios.ErrOut, "Dropped read-only fields: %s\n", strings.Join(res.Dropped, ", "))
	}
	if resp != nil && resp.Retries > 0 {
		fmt.Fprintf(ios.ErrOut, "(after %d retries)\n", resp.Retries)
	}
	format := out.resolve(ios, formatTable, formatJSON)
	if format == formatTable {
		_, err := fmt.Fprintf(ios.Out, "%s %s %s\n", word, recordType, res.ID)
		return err
	}
	dropped := res.Dropped
	if dropped == nil {
		dropped = []string{}
	}
	return writeData(ios.Out, format, out.JQ, map[string]any{"id": res.ID, "dropped": dropped})
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

// didYouMean returns `; did you mean "x"?` for the closest of candidates
// to s, or "" when none is close.
func didYouMean(s string, candidates []string) string {
	if best := suggest.Closest(s, candidates); best != "" {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	return ""
}
