package rowfile

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nsconnect/nsconnect/internal/fieldpath"
	"github.com/nsconnect/nsconnect/netsuite"
)

// Format is the format of an input file.
type Format int

// The formats.
const (
	CSV    Format = iota + 1 // comma-separated values with a header row (RFC 4180)
	NDJSON                   // one JSON object per line
)

// String is the format's name.
func (f Format) String() string {
	switch f {
	case CSV:
		return "CSV"
	case NDJSON:
		return "NDJSON"
	}
	return "Format(" + strconv.Itoa(int(f)) + ")"
}

// FormatOf tells a file's format by its extension, in any case: .csv is
// CSV; .ndjson and .jsonl are NDJSON.
func FormatOf(path string) (Format, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".csv":
		return CSV, nil
	case ".ndjson", ".jsonl":
		return NDJSON, nil
	case ".json":
		return 0, fmt.Errorf("%s: a .json file holds one document; write one JSON object per line and name the file .ndjson or .jsonl", path)
	default:
		return 0, fmt.Errorf("%s: the extension does not say the format; name the file .csv, .ndjson or .jsonl", path)
	}
}

// Options say what the rows of a file are.
type Options struct {
	// RecordType is the record type of every row, such as customer.
	RecordType string
	// Schema is the record type's schema from the metadata catalog: it
	// names the fields and types the values.
	Schema *netsuite.Schema
	// Location is the account time zone: datetimes without an offset are
	// read in it.
	Location *time.Location
	// Mapping, when not nil, maps the columns of a CSV file to fields. An
	// NDJSON file takes only its Constants.
	Mapping *Mapping
}

// MaxRowBytes is the longest row a file may have: a longer CSV row stops
// the reading (its quoting is almost surely broken: a quoted cell that
// never closes takes the rest of the file), and a longer NDJSON line fails
// as a row.
const MaxRowBytes = 1 << 20

// A Row is one data row of a file.
type Row struct {
	// Num is the row's number among the data rows, from 1: the header and
	// blank lines are not counted.
	Num int
	// Line is the line of the file the row starts on, from 1.
	Line int
	// Record is the typed body, in the REST API's form, without the
	// internal ID; nil when Err is not.
	Record netsuite.Record
	// ID is the internal ID from the column (or key) id or internalId, and
	// ExternalID the external ID from externalId (which stays in Record as
	// well); "" when the row has none. They are set on a row with Err too,
	// as far as they could be read, for its report.
	ID, ExternalID string
	// Err is why the row cannot be used, a *RowError; the rows after it can.
	Err error
}

// A RowError is what is wrong with one row: the cells that cannot be read,
// or a problem of the whole row (broken quoting, the wrong number of cells,
// a line that is not a JSON object).
type RowError struct {
	Row, Line int
	// Err is the problem of the whole row, or nil when Cells holds the
	// problems.
	Err error
	// Cells are the cells that cannot be read, in the order of the file.
	Cells []CellError

	unit string // what a cell is called: column or key
}

// A CellError is one cell that cannot be read.
type CellError struct {
	Column string // the column's name in the header, or the NDJSON key
	Path   string // the field path it sets, when known
	Err    error  // what is wrong, and the fix
}

func (e *RowError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "row %d (line %d): ", e.Row, e.Line)
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	for i, c := range e.Cells {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s %s: %v", e.unit, columnName(c.Column), c.Err)
	}
	return b.String()
}

// Unwrap returns the problems.
func (e *RowError) Unwrap() []error {
	if e.Err != nil {
		return []error{e.Err}
	}
	errs := make([]error, len(e.Cells))
	for i, c := range e.Cells {
		errs[i] = c.Err
	}
	return errs
}

// Path is the field path of the first cell that cannot be read, or "".
func (e *RowError) Path() string {
	if len(e.Cells) == 0 {
		return ""
	}
	return e.Cells[0].Path
}

// columnName writes a column's name as it is when it reads as a path, and
// quoted otherwise.
func columnName(name string) string {
	if _, err := fieldpath.Parse(name); err == nil {
		return name
	}
	return fieldpath.Quote(name)
}

// A HeaderError refuses a file before any row is read: its header, or the
// mapping, does not fit the record type. Problems lists each bad column or
// constant.
type HeaderError struct {
	RecordType string
	Problems   []string
}

// maxProblems is how many problems a HeaderError shows.
const maxProblems = 20

func (e *HeaderError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the file's columns or mapping do not fit the record type %s; nothing was sent:", e.RecordType)
	for i, p := range e.Problems {
		if i == maxProblems {
			fmt.Fprintf(&b, "\n  - and %d more", len(e.Problems)-maxProblems)
			break
		}
		b.WriteString("\n  - " + p)
	}
	return b.String()
}

// A Reader reads the rows of a file one at a time, in order, holding one
// row in memory at a time.
type Reader struct {
	opts   Options
	format Format
	src    interface{ next(*Reader) (Row, error) } // *csvSource or *ndjsonSource
	num    int
	err    error // what stopped the reading
	consts []constant
}

// A constant is a value a Mapping sets on every row.
type constant struct {
	field *fieldpath.Field
	value any
}

// NewReader returns a Reader of the rows of r, a file in format f. For a
// CSV file it reads the header now and checks every column against the
// record type and the mapping: a column that names no field of the record
// type (with the closest one), a path that does not fit its field (a line
// index on a field that is not a sublist), a duplicate column, two columns
// that set the same field or a mapping that names a column the file does
// not have refuse the file with a *HeaderError that lists them all.
func NewReader(r io.Reader, f Format, opts Options) (*Reader, error) {
	switch {
	case opts.RecordType == "":
		return nil, errors.New("rowfile: Options.RecordType is empty")
	case opts.Schema == nil:
		return nil, errors.New("rowfile: Options.Schema is nil; read the record type's schema from the metadata catalog")
	case opts.Location == nil:
		return nil, errors.New("rowfile: Options.Location is nil; give the account time zone")
	}
	rd := &Reader{opts: opts, format: f}
	var problems []string
	if m := opts.Mapping; m != nil {
		consts, ps := compileConstants(opts, m.Constants)
		rd.consts, problems = consts, ps
	}
	switch f {
	case CSV:
		src, ps, err := newCSVSource(r, opts)
		if err != nil {
			return nil, err
		}
		rd.src = src
		problems = append(problems, ps...)
		problems = append(problems, overlaps(src.columns, rd.consts)...)
	case NDJSON:
		if m := opts.Mapping; m != nil && (len(m.Columns) > 0 || m.Null != "" || m.SkipUnmapped) {
			return nil, errors.New("a mapping's columns, null and skip_unmapped apply to CSV files; an NDJSON line is a record body already (its constants apply)")
		}
		rd.src = newNDJSONSource(r)
		problems = append(problems, overlaps(nil, rd.consts)...)
	default:
		return nil, fmt.Errorf("rowfile: unknown %v", f)
	}
	if len(problems) > 0 {
		return nil, &HeaderError{RecordType: opts.RecordType, Problems: problems}
	}
	return rd, nil
}

// compileConstants types the mapping's constants once.
func compileConstants(opts Options, consts map[string]string) ([]constant, []string) {
	var out []constant
	var problems []string
	for _, path := range slices.Sorted(maps.Keys(consts)) {
		f, err := compilePath(opts, path)
		if err == nil {
			var v any
			if v, err = f.Value(consts[path], opts.Location); err == nil {
				out = append(out, constant{field: f, value: v})
				continue
			}
		}
		problems = append(problems, fmt.Sprintf("constant %s: %v", path, err))
	}
	return out, problems
}

// compilePath parses and compiles a field path of the record type.
func compilePath(opts Options, path string) (*fieldpath.Field, error) {
	p, err := fieldpath.Parse(path)
	if err != nil {
		return nil, err
	}
	return fieldpath.Compile(opts.RecordType, opts.Schema, p)
}

// Next returns the next row. A row that cannot be used has Err set and the
// rows after it can still be read. At the end Next returns io.EOF; any other
// error means the file cannot be read further (a read error, or a CSV row
// longer than MaxRowBytes), and Next returns it again from then on.
func (r *Reader) Next() (Row, error) {
	if r.err != nil {
		return Row{}, r.err
	}
	row, err := r.src.next(r)
	if err != nil {
		r.err = err
		return Row{}, err
	}
	return row, nil
}

// start begins the row that starts on line.
func (r *Reader) start(line int) (Row, netsuite.Record) {
	r.num++
	body := netsuite.Record{}
	for _, c := range r.consts {
		// Constants were checked against each other and the columns.
		_ = c.field.Path.Set(body, cloneValue(c.value))
	}
	return Row{Num: r.num, Line: line}, body
}

// fail sets a row's error.
func (r *Reader) fail(row *Row, err error, cells []CellError) {
	unit := "column"
	if r.format == NDJSON {
		unit = "key"
	}
	row.Err = &RowError{Row: row.Num, Line: row.Line, Err: err, Cells: cells, unit: unit}
	row.Record = nil
}

// cloneValue copies a constant's value for one row: a reference is an
// object that a row's body must not share.
func cloneValue(v any) any {
	if m, ok := v.(map[string]any); ok {
		return map[string]any(netsuite.Record(m).Clone())
	}
	return v
}

// idOf checks an internal ID from a cell: digits.
func idOf(s string) (string, error) {
	t := strings.TrimSpace(s)
	if t == "" || strings.Trim(t, "0123456789") != "" {
		return "", fmt.Errorf("%s is not an internal ID (digits, such as 107); an external ID goes in externalId", fieldpath.Quote(s))
	}
	return t, nil
}

// isIDName reports whether a column or key names the internal ID.
func isIDName(name string) bool {
	return strings.EqualFold(name, "id") || strings.EqualFold(name, "internalId")
}

// isExternalID reports whether f sets the record's external ID.
func isExternalID(f *fieldpath.Field) bool {
	return len(f.Path) == 1 && f.Path[0].Name == "externalId"
}

// overlaps finds the columns and constants that set the same value, or one
// inside another's (subsidiary and subsidiary.id).
func overlaps(cols []csvColumn, consts []constant) []string {
	type setter struct {
		who  string
		path fieldpath.Path
	}
	var all []setter
	for i, c := range cols {
		if c.field != nil {
			all = append(all, setter{fmt.Sprintf("column %d, %s,", i+1, columnName(c.name)), c.field.Path})
		}
	}
	for _, c := range consts {
		all = append(all, setter{"constant " + c.field.Path.String(), c.field.Path})
	}
	var problems []string
	for i, a := range all {
		for _, b := range all[i+1:] {
			if a.path.Overlaps(b.path) {
				shorter := a.path
				if len(b.path) < len(a.path) {
					shorter = b.path
				}
				problems = append(problems, fmt.Sprintf("%s and %s both set %s; keep one", a.who, b.who, shorter))
			}
		}
	}
	return problems
}
