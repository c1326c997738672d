package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"maps"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nsconnect/nsconnect/connector"
	"github.com/nsconnect/nsconnect/netsuite"
)

// What query and export share: where the query comes from, its binds, the
// record type to table mapping, NetSuite's refusals with the position, and
// rows written as CSV or NDJSON.

// A queryRunner reads every row of a SuiteQL query; *netsuite.SuiteQLService
// is the real one, and tests pass fakes.
type queryRunner interface {
	Rows(ctx context.Context, query string, opts *netsuite.RowsOptions) iter.Seq2[netsuite.Row, error]
}

var _ queryRunner = (*netsuite.SuiteQLService)(nil)

// connectRunner connects as the command's flags say and returns the
// client's SuiteQL service.
func connectRunner(ctx context.Context, connect connectFunc, net NetOptions) (queryRunner, error) {
	client, _, err := connect(ctx, net.connect(false))
	if err != nil {
		return nil, err
	}
	return client.SuiteQL, nil
}

// readQuery returns the query of a command: the argument, stdin when the
// argument or file is -, or the file. Exactly one source must be given.
func readQuery(in io.Reader, cmd, arg, file string) (string, error) {
	var q string
	switch {
	case arg != "" && file != "":
		return "", &UsageError{Err: errors.New("give the query as an argument or with --file, not both"), Command: cmd}
	case arg == "" && file == "":
		return "", &UsageError{Err: errors.New("no query: give it as an argument ('SELECT ...'), - to read stdin, or --file PATH"), Command: cmd}
	case arg == "-" || file == "-":
		data, err := io.ReadAll(io.LimitReader(in, maxBodyBytes+1))
		if err != nil {
			return "", fmt.Errorf("reading the query from stdin: %w", err)
		}
		q = string(data)
	case file != "":
		data, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("--file: %w", errors.Unwrap(err))
		}
		q = string(data)
	default:
		q = arg
	}
	q = strings.TrimSpace(q)
	if len(q) > maxBodyBytes {
		return "", errBodyTooLarge
	}
	// A query file often ends with a semicolon, which SuiteQL refuses.
	q = strings.TrimSpace(strings.TrimSuffix(q, ";"))
	if q == "" {
		return "", &UsageError{Err: errors.New("the query is empty"), Command: cmd}
	}
	return q, nil
}

// bindParams returns the --param values as the query's binds: every value
// is sent as a string, which SuiteQL converts where it compares it with a
// number (WHERE id > ?); TO_NUMBER(?) makes one a number elsewhere.
func bindParams(params []string) []any {
	if len(params) == 0 {
		return nil
	}
	out := make([]any, len(params))
	for i, p := range params {
		out[i] = p
	}
	return out
}

// typeQuery returns the query that exports every record of a record type,
// ordered by id so that it can be keyset-paged and resumed; the table is
// the one the triggers read (connector.Table).
func typeQuery(recordType string) string {
	table, where := connector.Table(recordType)
	if where != "" {
		return fmt.Sprintf("SELECT * FROM %s WHERE %s ORDER BY id", table, where)
	}
	return fmt.Sprintf("SELECT * FROM %s ORDER BY id", table)
}

// validTypeName reports whether a record type can be put in a query: a
// letter, then letters, digits and underscores.
var validTypeName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`).MatchString

// positionRe finds the position NetSuite's message gives.
var positionRe = regexp.MustCompile(`position (\d+)`)

// A queryError is NetSuite's refusal of a query: its message, and the query
// with a caret under the position the message names.
type queryError struct {
	err    *netsuite.Error
	detail string
	query  string
}

// queryFailed returns err in the CLI's words: a query NetSuite refused shows
// its detail and the place; other errors go through apiError.
func queryFailed(err error, query string) error {
	var nerr *netsuite.Error
	if errors.As(err, &nerr) && nerr.Status == 400 && len(nerr.Details) > 0 {
		return &queryError{err: nerr, detail: nerr.Details[0].Detail, query: query}
	}
	return apiError(err)
}

func (e *queryError) Unwrap() error { return e.err }

func (e *queryError) Error() string {
	var b strings.Builder
	b.WriteString("NetSuite refused the query: ")
	b.WriteString(e.detail)
	m := positionRe.FindStringSubmatch(e.detail)
	if m == nil {
		return b.String()
	}
	pos, err := strconv.Atoi(m[1])
	if err != nil || pos > len(e.query) {
		return b.String()
	}
	// Assumption: the position is a byte offset from 0, as the emulator
	// gives it; NetSuite's own syntax errors give none.
	start := strings.LastIndexByte(e.query[:pos], '\n') + 1
	end := len(e.query)
	if i := strings.IndexByte(e.query[pos:], '\n'); i >= 0 {
		end = pos + i
	}
	text := e.query[start:end]
	col := pos - start // in bytes
	line := strings.Count(e.query[:start], "\n") + 1
	// Keep a long line readable: 60 bytes either side of the position, cut
	// at character boundaries.
	lo, hi := max(0, col-60), min(len(text), col+60)
	for lo > 0 && !utf8.RuneStart(text[lo]) {
		lo--
	}
	for hi < len(text) && !utf8.RuneStart(text[hi]) {
		hi++
	}
	shown, indent := text[lo:hi], utf8.RuneCountInString(text[lo:col])
	if lo > 0 {
		shown, indent = "…"+shown, indent+1
	}
	if hi < len(text) {
		shown += "…"
	}
	fmt.Fprintf(&b, "\nat line %d, column %d:\n  %s\n  %s^", line, utf8.RuneCountInString(text[:col])+1, strings.ReplaceAll(shown, "\t", " "), strings.Repeat(" ", indent))
	return b.String()
}

// rowColumns returns the columns the rows have, sorted by name with id
// first: the header of a query whose select list cannot be read (SELECT *).
// NetSuite leaves null columns out of a row, and a Row is a map, so the
// rows say neither every column nor their order.
func rowColumns(rows []netsuite.Row) []string {
	set := map[string]bool{}
	for _, r := range rows {
		for k := range r {
			set[k] = true
		}
	}
	cols := slices.Sorted(maps.Keys(set))
	if i := slices.Index(cols, "id"); i > 0 {
		cols = append([]string{"id"}, slices.Delete(cols, i, i+1)...)
	}
	return cols
}

// A newColumnError is a row with a column its CSV header does not have.
type newColumnError struct {
	row     int
	column  string
	columns []string
	first   int    // how many rows the header was taken from; 0 when it came from the select list
	hint    string // what to do, in the command's words
}

func (e *newColumnError) Error() string {
	from := "the query's select list"
	if e.first > 0 {
		from = fmt.Sprintf("the columns of the first %s rows (NetSuite leaves null columns out of a row)", groupDigits(e.first))
	}
	all := append(slices.Clone(e.columns), e.column)
	return fmt.Sprintf("row %s has a column %q that is not in the CSV header, which came from %s; %s: %s",
		groupDigits(e.row), e.column, from, e.hint, strings.Join(all, ","))
}

// headerLookahead is how many rows decide the CSV header of a SELECT *:
// one page.
const headerLookahead = netsuite.MaxPageSize

// A rowWriter writes rows as CSV or NDJSON. For CSV without known columns
// it holds the first rows back (lookahead) to take the header from them;
// a later row with another column is a newColumnError. With only set, the
// columns are the user's choice (--columns) and others are dropped.
type rowWriter struct {
	format    string
	cw        *csv.Writer
	enc       *json.Encoder
	columns   []string
	known     map[string]bool
	only      bool
	lookahead int
	needHead  bool // the CSV header is still to be written
	hint      string

	pending []netsuite.Row
	first   int // rows the header was taken from
	rows    int // rows given to write
	rec     []string
	// written is called for each row once it is in the writer's buffer,
	// in order.
	written func(netsuite.Row)
}

func newRowWriter(w io.Writer, format string, columns []string, only, needHead bool, hint string) *rowWriter {
	rw := &rowWriter{format: format, only: only, needHead: needHead, lookahead: headerLookahead, hint: hint}
	if format == formatCSV {
		rw.cw = csv.NewWriter(w)
	} else {
		rw.enc = json.NewEncoder(w)
		rw.enc.SetEscapeHTML(false)
	}
	rw.setColumns(columns)
	return rw
}

func (w *rowWriter) setColumns(cols []string) {
	w.columns = cols
	if cols == nil {
		return
	}
	w.known = make(map[string]bool, len(cols))
	for _, c := range cols {
		w.known[c] = true
	}
}

// Write writes row, or holds it back until the header is known.
func (w *rowWriter) Write(row netsuite.Row) error {
	w.rows++
	if w.format == formatCSV && w.columns == nil {
		w.pending = append(w.pending, row)
		if len(w.pending) < w.lookahead {
			return nil
		}
		return w.release()
	}
	return w.encode(row, w.rows)
}

// release takes the header from the rows held back and writes them.
func (w *rowWriter) release() error {
	w.first = len(w.pending)
	w.setColumns(rowColumns(w.pending))
	pending := w.pending
	w.pending = nil
	for i, r := range pending {
		if err := w.encode(r, w.rows-len(pending)+i+1); err != nil {
			return err
		}
	}
	return nil
}

func (w *rowWriter) encode(row netsuite.Row, n int) error {
	if w.enc != nil {
		if w.only {
			kept := make(netsuite.Row, len(w.columns))
			for _, c := range w.columns {
				if v, ok := row[c]; ok {
					kept[c] = v
				}
			}
			row = kept
		}
		if err := w.enc.Encode(row); err != nil {
			return err
		}
		w.done(row)
		return nil
	}
	if w.needHead {
		if err := w.cw.Write(w.columns); err != nil {
			return err
		}
		w.needHead = false
	}
	if !w.only {
		for k := range row {
			if !w.known[k] {
				return &newColumnError{row: n, column: k, columns: w.columns, first: w.first, hint: w.hint}
			}
		}
	}
	w.rec = w.rec[:0]
	for _, c := range w.columns {
		w.rec = append(w.rec, row[c])
	}
	if err := w.cw.Write(w.rec); err != nil {
		return err
	}
	w.done(row)
	return nil
}

func (w *rowWriter) done(row netsuite.Row) {
	if w.written != nil {
		w.written(row)
	}
}

// Flush writes the buffered rows to the underlying writer.
func (w *rowWriter) Flush() error {
	if w.cw != nil {
		w.cw.Flush()
		return w.cw.Error()
	}
	return nil
}

// Close writes the rows held back (the header of a short CSV comes from
// them; with no rows at all it is empty) and flushes.
func (w *rowWriter) Close() error {
	if w.format == formatCSV && w.columns == nil {
		if len(w.pending) == 0 {
			// No rows: no columns are known, so no header either.
			return w.Flush()
		}
		if err := w.release(); err != nil {
			return err
		}
	}
	if w.needHead && w.cw != nil {
		if err := w.cw.Write(w.columns); err != nil {
			return err
		}
		w.needHead = false
	}
	return w.Flush()
}
