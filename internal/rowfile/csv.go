package rowfile

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/nsconnect/nsconnect/internal/fieldpath"
	"github.com/nsconnect/nsconnect/internal/suggest"
)

// csvBuffer is the size of the buffer between the file and encoding/csv.
const csvBuffer = 64 << 10

// errRowTooLong stops a CSV file at a row longer than MaxRowBytes.
var errRowTooLong = errors.New("row too long")

// A capReader hands out the file's bytes up to limit, and errRowTooLong
// past it. The CSV reader raises limit before each row, so that one row
// cannot take more than MaxRowBytes (plus the buffer) of memory, whatever
// the file holds.
type capReader struct {
	r     io.Reader
	read  int64
	limit int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.read >= c.limit {
		return 0, errRowTooLong
	}
	if room := c.limit - c.read; int64(len(p)) > room {
		p = p[:room]
	}
	n, err := c.r.Read(p)
	c.read += int64(n)
	return n, err
}

// What a CSV column is.
const (
	colField = iota // sets a field
	colID           // the internal ID (id, internalId)
	colSkip         // not read
)

type csvColumn struct {
	name     string // as the header writes it
	role     int
	field    *fieldpath.Field
	external bool // sets externalId
}

type csvSource struct {
	guard    *capReader
	cr       *csv.Reader
	columns  []csvColumn
	null     string
	lastLine int // the line of the last row read
}

// newCSVSource reads and checks the header. Problems with columns are
// returned as problems; a file whose header cannot be read is an error.
func newCSVSource(r io.Reader, opts Options) (*csvSource, []string, error) {
	guard := &capReader{r: r, limit: MaxRowBytes + csvBuffer}
	// csv.NewReader keeps a *bufio.Reader that is large enough, so guard
	// knows how far ahead of the rows the reading runs.
	cr := csv.NewReader(bufio.NewReaderSize(guard, csvBuffer))
	cr.FieldsPerRecord = -1 // checked here, with a clearer message
	cr.ReuseRecord = true
	header, err := cr.Read()
	var pe *csv.ParseError
	switch {
	case errors.Is(err, io.EOF):
		return nil, nil, errors.New("the file is empty; a CSV file starts with a header row naming the fields, such as companyName,subsidiary.id")
	case errors.Is(err, errRowTooLong):
		return nil, nil, errors.New("the header row is longer than 1 MiB; its quoting is probably broken")
	case errors.As(err, &pe):
		return nil, nil, fmt.Errorf("the header row: %w", quotingError(pe))
	case err != nil:
		return nil, nil, fmt.Errorf("reading the header row: %w", err)
	}
	header[0] = strings.TrimPrefix(header[0], "\ufeff") // a byte order mark, as Excel writes
	m := opts.Mapping
	if m == nil {
		m = &Mapping{}
	}
	s := &csvSource{guard: guard, cr: cr, null: m.Null, lastLine: 1}
	var problems []string
	seen := map[string]int{}
	for i, name := range header {
		col, problem := compileColumn(opts, m, name)
		switch first, dup := seen[name]; {
		case name == "":
			problem = "has no name; name the field it sets, or remove the column"
		case dup:
			problem = fmt.Sprintf("has the name of column %d", first)
		}
		if _, dup := seen[name]; !dup {
			seen[name] = i + 1
		}
		if problem != "" {
			problems = append(problems, fmt.Sprintf("column %d, %s: %s", i+1, columnName(name), problem))
			col.role, col.field = colSkip, nil
		}
		s.columns = append(s.columns, col)
	}
	if len(header) == 1 && strings.ContainsAny(header[0], ";\t|") {
		problems = append(problems, "the header is one column; columns are separated by commas, and this file may use semicolons or tabs")
	}
	for _, name := range slices.Sorted(maps.Keys(m.Columns)) {
		if _, ok := seen[name]; !ok {
			hint := ""
			if best := suggest.Closest(name, header); best != "" {
				hint = fmt.Sprintf("; did you mean %q?", best)
			}
			problems = append(problems, fmt.Sprintf("the mapping names column %s, which the header does not have%s", fieldpath.Quote(name), hint))
		}
	}
	return s, problems, nil
}

// compileColumn resolves one column of the header, once for the whole file.
func compileColumn(opts Options, m *Mapping, name string) (csvColumn, string) {
	col := csvColumn{name: name, role: colField}
	spec, mapped := m.Columns[name]
	path := strings.TrimSpace(name)
	switch {
	case mapped && spec.Skip, !mapped && m.SkipUnmapped:
		col.role = colSkip
		return col, ""
	case mapped:
		path = spec.Field
	}
	if isIDName(path) {
		col.role = colID
		return col, ""
	}
	f, err := compilePath(opts, path)
	if err != nil {
		return col, err.Error()
	}
	if spec.Type != "" || spec.Format != "" {
		kind := f.Kind
		if spec.Type != "" {
			if kind, err = fieldpath.ParseKind(spec.Type); err != nil {
				return col, err.Error()
			}
		}
		if err := f.Retype(kind, spec.Format); err != nil {
			return col, err.Error()
		}
	}
	col.field, col.external = f, isExternalID(f)
	return col, ""
}

func (s *csvSource) next(r *Reader) (Row, error) {
	s.guard.limit = s.cr.InputOffset() + MaxRowBytes + csvBuffer
	rec, err := s.cr.Read()
	var pe *csv.ParseError
	switch {
	case errors.Is(err, io.EOF):
		return Row{}, io.EOF
	case errors.Is(err, errRowTooLong):
		return Row{}, fmt.Errorf("the row after line %d is longer than 1 MiB: its quoting is probably broken (a quoted cell that never closes takes the rest of the file); the file cannot be read further", s.lastLine)
	case errors.As(err, &pe):
		// encoding/csv has read the broken row to its last line; the next
		// Read starts on the line after it.
		row, _ := r.start(pe.StartLine)
		r.fail(&row, quotingError(pe), nil)
		s.lastLine = pe.Line
		return row, nil
	case err != nil:
		return Row{}, fmt.Errorf("reading the row after line %d: %w", s.lastLine, err)
	}
	line, _ := s.cr.FieldPos(0)
	s.lastLine = line
	row, body := r.start(line)
	if len(rec) != len(s.columns) {
		hint := ""
		if len(rec) > len(s.columns) {
			hint = "; a cell holding a comma must be in quotes"
		}
		r.fail(&row, fmt.Errorf("the row has %d cells, and the header %d columns%s", len(rec), len(s.columns), hint), nil)
		return row, nil
	}
	var cells []CellError
	for i, cell := range rec {
		col := &s.columns[i]
		if col.role == colSkip || cell == "" {
			continue
		}
		if col.role == colID {
			id, err := idOf(cell)
			if err != nil {
				cells = append(cells, CellError{Column: col.name, Path: "id", Err: err})
			}
			row.ID = id
			continue
		}
		var v any // the null marker clears the field
		if s.null == "" || cell != s.null {
			if v, err = col.field.Value(cell, r.opts.Location); err != nil {
				cells = append(cells, CellError{Column: col.name, Path: col.field.Path.String(), Err: err})
				continue
			}
		}
		if col.external {
			row.ExternalID, _ = v.(string)
		}
		if err := col.field.Path.Set(body, v); err != nil {
			cells = append(cells, CellError{Column: col.name, Path: col.field.Path.String(), Err: err})
		}
	}
	if cells != nil {
		r.fail(&row, nil, cells)
		return row, nil
	}
	row.Record = body
	return row, nil
}

// quotingError says what is wrong with the quotes of a row, and how to fix
// them.
func quotingError(pe *csv.ParseError) error {
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return fmt.Errorf(`broken quoting: a quote in a cell that does not start with one (line %d, byte %d); put the cell in quotes and double the quote inside it, as in "5"" pipe"`, pe.Line, pe.Column)
	case pe.StartLine != pe.Line:
		return fmt.Errorf(`broken quoting: a quoted cell of this row runs on to line %d, byte %d, without closing properly, so lines %d to %d were read as this one row and none of them is used; close the quote, and double every quote inside a quoted cell ("")`, pe.Line, pe.Column, pe.StartLine, pe.Line)
	}
	return fmt.Errorf(`broken quoting: a quote inside a quoted cell must be doubled (line %d, byte %d), as in "5"" pipe"`, pe.Line, pe.Column)
}
