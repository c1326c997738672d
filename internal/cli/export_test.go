package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/nsconnect/nsconnect/netsuite"
)

// These tests run the query and export logic on fake runners, without the
// SuiteQL client; suiteql_e2e_test.go runs the commands against the
// emulator.

// fakeRunner serves rows in order as the SuiteQL client's Rows does: After
// skips rows whose key is not greater (as a number), MaxRows stops early.
type fakeRunner struct {
	rows []netsuite.Row
	// failAt yields err instead of the row with this index (from 0), when
	// err is set.
	failAt int
	err    error
	// cancelAt cancels the context before yielding the row with this
	// index, when cancel is set, and then yields the context's error.
	cancelAt int
	cancel   context.CancelFunc

	got []netsuite.RowsOptions
}

func (f *fakeRunner) Rows(ctx context.Context, q string, o *netsuite.RowsOptions) iter.Seq2[netsuite.Row, error] {
	f.got = append(f.got, *o)
	return func(yield func(netsuite.Row, error) bool) {
		n := 0
		for i, r := range f.rows {
			if o.After != "" {
				k, _ := strconv.Atoi(r[o.Key])
				a, _ := strconv.Atoi(o.After)
				if k <= a {
					continue
				}
			}
			if o.MaxRows > 0 && n >= o.MaxRows {
				return
			}
			if f.err != nil && i == f.failAt {
				yield(nil, f.err)
				return
			}
			if f.cancel != nil && i == f.cancelAt {
				f.cancel()
				yield(nil, ctx.Err())
				return
			}
			n++
			if !yield(r, nil) {
				return
			}
		}
	}
}

// fakeRows returns n rows with ids 1..n and values that need CSV quoting.
func fakeRows(n int) []netsuite.Row {
	rows := make([]netsuite.Row, n)
	for i := range rows {
		rows[i] = netsuite.Row{"id": strconv.Itoa(i + 1), "name": fmt.Sprintf("Row %d, \"quoted\"\nline two", i+1)}
		if i%3 == 0 {
			rows[i]["email"] = fmt.Sprintf("r%d@example.com", i+1)
		}
	}
	return rows
}

func TestRowWriterCSVQuoting(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	rw := newRowWriter(&b, formatCSV, []string{"id", "name", "note"}, false, true, "")
	rows := []netsuite.Row{
		{"id": "1", "name": `Acme, "the" company`, "note": "two\nlines"},
		{"id": "2", "name": "plain"}, // note is null: an empty field
		{"id": "3", "name": " lead space", "note": "semi;colon\r\ncrlf"},
	}
	for _, r := range rows {
		if err := rw.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := rw.Close(); err != nil {
		t.Fatal(err)
	}
	want := "id,name,note\n1,\"Acme, \"\"the\"\" company\",\"two\nlines\"\n2,plain,\n3,\" lead space\",\"semi;colon\r\ncrlf\"\n"
	if b.String() != want {
		t.Errorf("CSV:\n got %q\nwant %q", b.String(), want)
	}
	recs, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// encoding/csv reads \r\n inside a quoted field as \n.
	if recs[1][1] != rows[0]["name"] || recs[1][2] != rows[0]["note"] || recs[3][2] != "semi;colon\ncrlf" {
		t.Errorf("read back %q", recs)
	}
}

func TestRowColumns(t *testing.T) {
	t.Parallel()
	got := rowColumns([]netsuite.Row{{"zeta": "1", "id": "2"}, {"alpha": "x", "id": "3"}, {"beta": ""}})
	if want := []string{"id", "alpha", "beta", "zeta"}; !cmp.Equal(got, want) {
		t.Errorf("rowColumns = %q, want %q", got, want)
	}
	if got := rowColumns(nil); len(got) != 0 {
		t.Errorf("rowColumns(nil) = %q", got)
	}
}

// A SELECT * header comes from the first rows; a later row with a column
// they lack stops the writer with the full list for --columns.
func TestRowWriterNewColumn(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	rw := newRowWriter(&b, formatCSV, nil, false, true, "pass --columns")
	rw.lookahead = 2
	var err error
	for _, r := range []netsuite.Row{{"id": "1", "b": "x"}, {"id": "2"}, {"id": "3", "b": "y"}, {"id": "4", "a": "new"}} {
		if err = rw.Write(r); err != nil {
			break
		}
	}
	var nc *newColumnError
	if !errors.As(err, &nc) {
		t.Fatalf("err = %v, want a newColumnError", err)
	}
	want := `row 4 has a column "a" that is not in the CSV header, which came from the columns of the first 2 rows (NetSuite leaves null columns out of a row); pass --columns: id,b,a`
	if err.Error() != want {
		t.Errorf("err:\n got %s\nwant %s", err, want)
	}
	rw.Flush()
	if got := b.String(); got != "id,b\n1,x\n2,\n3,y\n" {
		t.Errorf("written before the error: %q", got)
	}

	// Columns from the select list are checked the same way.
	rw = newRowWriter(&b, formatCSV, []string{"id"}, false, true, "x")
	if err := rw.Write(netsuite.Row{"id": "1", "expr1": "2"}); err == nil || !strings.Contains(err.Error(), "came from the query's select list") {
		t.Errorf("select-list column: err = %v", err)
	}
}

// Fewer rows than the lookahead still get a header, and no rows give an
// empty file.
func TestRowWriterShortAndEmpty(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	rw := newRowWriter(&b, formatCSV, nil, false, true, "")
	rw.Write(netsuite.Row{"id": "1", "x": "a"})
	if err := rw.Close(); err != nil || b.String() != "id,x\n1,a\n" {
		t.Errorf("short: %q %v", b.String(), err)
	}
	b.Reset()
	rw = newRowWriter(&b, formatCSV, nil, false, true, "")
	if err := rw.Close(); err != nil || b.String() != "" {
		t.Errorf("empty: %q %v", b.String(), err)
	}
	b.Reset()
	rw = newRowWriter(&b, formatCSV, []string{"id"}, false, true, "")
	if err := rw.Close(); err != nil || b.String() != "id\n" {
		t.Errorf("empty with columns: %q %v", b.String(), err)
	}
}

// --columns chooses and orders the columns, and drops the others, in CSV
// and NDJSON.
func TestRowWriterOnlyColumns(t *testing.T) {
	t.Parallel()
	row := netsuite.Row{"id": "7", "name": "N", "secret": "s"}
	var b bytes.Buffer
	rw := newRowWriter(&b, formatCSV, []string{"name", "id", "missing"}, true, true, "")
	if err := rw.Write(row); err != nil {
		t.Fatal(err)
	}
	rw.Close()
	if b.String() != "name,id,missing\nN,7,\n" {
		t.Errorf("CSV %q", b.String())
	}
	b.Reset()
	rw = newRowWriter(&b, formatNDJSON, []string{"name", "id"}, true, false, "")
	rw.Write(row)
	rw.Close()
	if b.String() != `{"id":"7","name":"N"}`+"\n" {
		t.Errorf("NDJSON %q", b.String())
	}
}

func TestExportStateRoundTrip(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "out.csv.state")
	st := &exportState{Version: exportStateVersion, Query: "SELECT id FROM customer ORDER BY id", Params: []string{"a"}, Format: "csv",
		Columns: []string{"id"}, Key: "id", After: "42", Rows: 42, Bytes: 1234, MaxRows: 100}
	if err := writeExportState(path, st); err != nil {
		t.Fatal(err)
	}
	got, err := readExportState(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(st, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	if _, err := os.Stat(path + ".tmp"); err == nil {
		t.Error("the temporary state file is left")
	}
	os.WriteFile(path, []byte(`{"version": 99}`), 0o644)
	if _, err := readExportState(path); err == nil || !strings.Contains(err.Error(), "state version 99") {
		t.Errorf("version 99: %v", err)
	}
	os.WriteFile(path, []byte(`{"version": 1, "rows": 3`), 0o644)
	if _, err := readExportState(path); err == nil || !strings.Contains(err.Error(), "is not an export state file") {
		t.Errorf("cut file: %v", err)
	}
}

// exportFake runs an export to out on runner and returns its error.
func exportFake(t *testing.T, opts ExportOptions, runner queryRunner, cp checkpoints) (string, error) {
	t.Helper()
	ios, _, _, errOut := testStreams()
	opts.IO = ios
	p, err := planExport(&opts)
	if err != nil {
		return errOut.String(), err
	}
	err = runExport(t.Context(), &opts, p, runner, cp)
	return errOut.String(), err
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// An export interrupted (context cancelled) leaves OUT.partial and a state
// that says how far it got; a crash mid-row leaves a half row, which
// --resume cuts; the result is byte for byte the uninterrupted export.
func TestExportInterruptAndResume(t *testing.T) {
	t.Parallel()
	for _, format := range []string{formatCSV, formatNDJSON} {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			rows := fakeRows(25)
			base := ExportOptions{Query: "SELECT id, name, email FROM t ORDER BY id", Format: format, Columns: []string{"id", "name", "email"}, Key: "id"}

			whole := base
			whole.Out = filepath.Join(dir, "whole."+format)
			if _, err := exportFake(t, whole, &fakeRunner{rows: rows}, checkpoints{rows: 4, interval: 1 << 40}); err != nil {
				t.Fatal(err)
			}
			want := readFile(t, whole.Out)

			cut := base
			cut.Out = filepath.Join(dir, "cut."+format)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			fr := &fakeRunner{rows: rows, cancelAt: 11, cancel: cancel}
			ios, _, _, errOut := testStreams()
			cut.IO = ios
			p, err := planExport(&cut)
			if err != nil {
				t.Fatal(err)
			}
			err = runExport(ctx, &cut, p, fr, checkpoints{rows: 4, interval: 1 << 40})
			if !errors.Is(err, context.Canceled) || ExitCode(err) != ExitInterrupted {
				t.Fatalf("err = %v, want context.Canceled", err)
			}
			if !strings.Contains(errOut.String(), "Stopped after 11 rows") || !strings.Contains(errOut.String(), "--resume") {
				t.Errorf("stderr: %s", errOut)
			}
			if _, err := os.Stat(cut.Out); err == nil {
				t.Fatal("an interrupted export wrote OUT")
			}
			st, err := readExportState(cut.Out + ".state")
			if err != nil {
				t.Fatal(err)
			}
			partial := readFile(t, cut.Out+".partial")
			if st.Rows != 11 || st.After != "11" || st.Bytes != int64(len(partial)) || !strings.HasPrefix(want, partial) {
				t.Fatalf("state %+v, partial %d bytes, a prefix of the whole: %v", st, len(partial), strings.HasPrefix(want, partial))
			}

			// A crash mid-write: half a row past the recorded size, longer
			// than the rest of the export.
			f, _ := os.OpenFile(cut.Out+".partial", os.O_APPEND|os.O_WRONLY, 0)
			f.WriteString(`12,"Row 12, half` + strings.Repeat("-", 2*len(want)))
			f.Close()

			cut.Resume = true
			fr2 := &fakeRunner{rows: rows}
			stderr, err := exportFake(t, cut, fr2, checkpoints{rows: 4, interval: 1 << 40})
			if err != nil {
				t.Fatalf("resume: %v\n%s", err, stderr)
			}
			if len(fr2.got) != 1 || fr2.got[0].After != "11" || fr2.got[0].Key != "id" {
				t.Errorf("resume asked for %+v, want rows after id 11", fr2.got)
			}
			if got := readFile(t, cut.Out); got != want {
				t.Errorf("resumed export differs from the whole one:\n got %q\nwant %q", got, want)
			}
			for _, gone := range []string{cut.Out + ".partial", cut.Out + ".state"} {
				if _, err := os.Stat(gone); err == nil {
					t.Errorf("%s is left after a complete export", filepath.Base(gone))
				}
			}
		})
	}
}

// A SELECT * CSV export interrupted after its header was decided resumes
// with the recorded header; --max-rows counts the rows already written.
func TestExportResumeStarHeaderAndMaxRows(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	rows := fakeRows(30)
	base := ExportOptions{Type: "customer", Format: formatCSV, MaxRows: 20}
	whole := base
	whole.Out = filepath.Join(dir, "whole.csv")
	if _, err := exportFake(t, whole, &fakeRunner{rows: rows}, checkpoints{rows: 1000, interval: 1 << 40, lookahead: 5}); err != nil {
		t.Fatal(err)
	}
	want := readFile(t, whole.Out)
	if n := strings.Count(want, "@example.com"); n != 7 || !strings.HasPrefix(want, "id,email,name\n") {
		t.Errorf("whole export: %d emails, starts %q", n, want[:20])
	}

	cut := base
	cut.Out = filepath.Join(dir, "cut.csv")
	if _, err := exportFake(t, cut, &fakeRunner{rows: rows, failAt: 9, err: errors.New("boom")}, checkpoints{rows: 1, interval: 1 << 40, lookahead: 5}); err == nil {
		t.Fatal("no error")
	}
	st, _ := readExportState(cut.Out + ".state")
	if st == nil || st.Rows != 9 || !cmp.Equal(st.Columns, []string{"id", "email", "name"}) || st.Query != "SELECT * FROM customer ORDER BY id" {
		t.Fatalf("state after failure: %+v", st)
	}
	cut.Resume = true
	fr := &fakeRunner{rows: rows}
	if _, err := exportFake(t, cut, fr, checkpoints{rows: 1000, interval: 1 << 40, lookahead: 5}); err != nil {
		t.Fatal(err)
	}
	if fr.got[0].MaxRows != 11 {
		t.Errorf("resume MaxRows = %d, want the 11 rows left", fr.got[0].MaxRows)
	}
	if got := readFile(t, cut.Out); got != want {
		t.Errorf("resumed:\n got %q\nwant %q", got, want)
	}
}

// Resuming is refused, with the reason, when it cannot give the rows of an
// uninterrupted export; and nothing is overwritten without --force.
func TestExportRefusals(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "x.csv")
	q := "SELECT id, name FROM t ORDER BY id"
	interrupted := func(opts ExportOptions) {
		t.Helper()
		os.Remove(opts.Out)
		os.Remove(opts.Out + ".state")
		opts.Force = true
		exportFake(t, opts, &fakeRunner{rows: fakeRows(10), failAt: 5, err: errors.New("boom")}, checkpoints{rows: 1, interval: 1 << 40})
		if _, err := os.Stat(opts.Out + ".state"); err != nil {
			t.Fatalf("no state after a failure: %v", err)
		}
	}
	base := ExportOptions{Out: out, Query: q, Format: formatCSV, Columns: []string{"id", "name"}, Key: "id"}
	resume := func(change func(*ExportOptions)) error {
		o := base
		o.Resume = true
		if change != nil {
			change(&o)
		}
		_, err := exportFake(t, o, &fakeRunner{rows: fakeRows(10)}, defaultCheckpoints)
		return err
	}
	tests := []struct {
		name    string
		setup   func()
		change  func(*ExportOptions)
		wantErr string
	}{
		{"no state", func() { os.Remove(out + ".state") }, nil, "nothing to resume: there is no " + out + ".state"},
		{"another query", func() { interrupted(base) }, func(o *ExportOptions) { o.Query = "SELECT id FROM t ORDER BY id" }, `records another export (the query was "SELECT id, name FROM t ORDER BY id"`},
		{"other params", func() { interrupted(base) }, func(o *ExportOptions) { o.Params = []string{"1"} }, `--param was []`},
		{"other columns", func() { interrupted(base) }, func(o *ExportOptions) { o.Columns = []string{"id"} }, "--columns was id,name"},
		{"other format", func() { interrupted(base) }, func(o *ExportOptions) { o.Format = formatNDJSON }, "the format was csv"},
		{"no key", func() {
			nk := base
			nk.Key = ""
			nk.Query = "SELECT id, name FROM t"
			// KeyOf is not called: the state is written by hand, as an
			// export of a query without a key leaves it.
			os.WriteFile(out+".partial", []byte("id,name\n"), 0o644)
			writeExportState(out+".state", &exportState{Version: 1, Query: nk.Query, Params: []string{}, Format: "csv", Columns: []string{"id", "name"}, Only: true, Bytes: 8})
		}, func(o *ExportOptions) { o.Key = ""; o.Query = "SELECT id, name FROM t" }, "the query cannot be keyset-paged"},
		{"partial shorter than the state", func() {
			interrupted(base)
			os.Truncate(out+".partial", 3)
		}, nil, "has 3 bytes, fewer than the"},
		{"partial gone", func() { interrupted(base); os.Remove(out + ".partial") }, nil, "cannot resume"},
		{"complete", func() { os.WriteFile(out, []byte("done"), 0o644) }, nil, "its export is complete"},
	}
	for _, tt := range tests {
		tt.setup()
		err := resume(tt.change)
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.wantErr)
		}
		os.Remove(out)
	}

	// Without --resume: an interrupted export is not silently discarded,
	// and OUT is not overwritten.
	interrupted(base)
	if _, err := exportFake(t, base, &fakeRunner{}, defaultCheckpoints); err == nil || !strings.Contains(err.Error(), "holds an interrupted export of "+out+" (5 rows); --resume continues it, --force starts again") {
		t.Errorf("fresh over a state: %v", err)
	}
	os.Remove(out + ".state")
	os.WriteFile(out, []byte("keep"), 0o644)
	if _, err := exportFake(t, base, &fakeRunner{}, defaultCheckpoints); err == nil || !strings.Contains(err.Error(), "exists; --force overwrites it") {
		t.Errorf("over OUT: %v", err)
	}
	if readFile(t, out) != "keep" {
		t.Error("OUT was overwritten")
	}
	forced := base
	forced.Force = true
	if _, err := exportFake(t, forced, &fakeRunner{rows: fakeRows(2)}, defaultCheckpoints); err != nil || !strings.HasPrefix(readFile(t, out), "id,name\n1,") {
		t.Errorf("--force: %v", err)
	}
}

// A key column missing from the rows is an error, not a state that would
// resume from the start.
func TestExportKeyMissing(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "k.ndjson")
	_, err := exportFake(t, ExportOptions{Out: out, Query: "SELECT name FROM t ORDER BY name", Format: formatNDJSON, Key: "nope"}, &fakeRunner{rows: fakeRows(3)}, defaultCheckpoints)
	if err == nil || !strings.Contains(err.Error(), `row 1 has no "nope" column`) {
		t.Errorf("err = %v", err)
	}
}

func TestQueryErrorPosition(t *testing.T) {
	t.Parallel()
	nerr := func(detail string) error {
		return fmt.Errorf("wrapped: %w", &netsuite.Error{Status: 400, Details: []netsuite.ErrorDetail{{Code: "INVALID_PARAMETER", Detail: detail, QueryParam: "q"}}})
	}
	tests := []struct {
		query, detail, want string
	}{
		{"SELECT id, FROM item", "Invalid search query. Detailed unprocessed description follows. Search error occurred: syntax error at position 11: expected an expression, found 'FROM'",
			"NetSuite refused the query: Invalid search query. Detailed unprocessed description follows. Search error occurred: syntax error at position 11: expected an expression, found 'FROM'\nat line 1, column 12:\n  SELECT id, FROM item\n             ^"},
		{"SELECT id,\n  é, bad\nFROM item", "syntax error at position 17: x",
			"NetSuite refused the query: syntax error at position 17: x\nat line 2, column 6:\n    é, bad\n       ^"},
		{"SELECT foo FROM customer", "Search error occurred: Unknown identifier 'foo'.", "NetSuite refused the query: Search error occurred: Unknown identifier 'foo'."},
		{"SELECT 1", "at position 999", "NetSuite refused the query: at position 999"},
	}
	for _, tt := range tests {
		err := queryFailed(nerr(tt.detail), tt.query)
		if err.Error() != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.query, err.Error(), tt.want)
		}
		var ne *netsuite.Error
		if !errors.As(err, &ne) || ExitCode(err) != ExitFailure {
			t.Errorf("%q: the netsuite.Error is lost, or exit %d", tt.query, ExitCode(err))
		}
	}
	long := strings.Repeat("x", 100) + " BAD " + strings.Repeat("y", 100)
	msg := queryFailed(nerr("at position 101"), long).Error()
	if !strings.Contains(msg, "at line 1, column 102:\n  …"+strings.Repeat("x", 59)+" BAD "+strings.Repeat("y", 56)+"…\n  "+strings.Repeat(" ", 61)+"^") {
		t.Errorf("long line:\n%s", msg)
	}
	// A refused login stays a connection failure.
	auth := &netsuite.Error{Status: 401, Details: []netsuite.ErrorDetail{{Code: "INVALID_LOGIN", Detail: "Invalid login attempt."}}}
	if ExitCode(queryFailed(auth, "SELECT 1")) != ExitConnection {
		t.Error("401 is not a connection failure")
	}
}

func TestQueryRowsOutput(t *testing.T) {
	t.Parallel()
	rows := []netsuite.Row{{"id": "1", "name": "A"}, {"id": "2"}}
	run := func(format, jq string, params ...string) (string, *fakeRunner, error) {
		ios, _, out, _ := testStreams()
		fr := &fakeRunner{rows: rows}
		err := queryRows(t.Context(), &QueryOptions{IO: ios, Params: params, Limit: 5, MaxRows: 7, Output: OutputOptions{Format: format, JQ: jq}}, "SELECT * FROM t", fr)
		return out.String(), fr, err
	}
	out, fr, err := run(formatNDJSON, "", "a", "2")
	if err != nil || out != `{"id":"1","name":"A"}`+"\n"+`{"id":"2"}`+"\n" {
		t.Errorf("ndjson %q %v", out, err)
	}
	if o := fr.got[0]; !cmp.Equal(o.Params, []any{"a", "2"}) || o.Limit != 5 || o.MaxRows != 7 {
		t.Errorf("RowsOptions %+v", o)
	}
	if out, _, _ := run(formatNDJSON, ".id"); out != "1\n2\n" {
		t.Errorf("--jq %q", out)
	}
	if out, _, _ := run(formatJSON, ""); out != "{\n  \"rows\": [\n    {\n      \"id\": \"1\",\n      \"name\": \"A\"\n    },\n    {\n      \"id\": \"2\"\n    }\n  ]\n}\n" {
		t.Errorf("json %q", out)
	}
}

func TestTypeQuery(t *testing.T) {
	t.Parallel()
	for typ, want := range map[string]string{
		"customer":        "SELECT * FROM customer ORDER BY id",
		"salesOrder":      "SELECT * FROM transaction WHERE type = 'SalesOrd' ORDER BY id",
		"itemFulfillment": "SELECT * FROM transaction WHERE type = 'ItemShip' ORDER BY id",
		"serviceSaleItem": "SELECT * FROM item WHERE itemtype = 'Service' ORDER BY id",
		"customRecord_X":  "SELECT * FROM customrecord_x ORDER BY id",
	} {
		if got := typeQuery(typ); got != want {
			t.Errorf("typeQuery(%s) = %q, want %q", typ, got, want)
		}
	}
}

func TestReadQuery(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "q.sql")
	os.WriteFile(file, []byte("\nSELECT id\nFROM customer;\n"), 0o600)
	tests := []struct {
		arg, file, stdin, want, wantErr string
	}{
		{arg: "SELECT 1", want: "SELECT 1"},
		{arg: "-", stdin: "SELECT 2 ;\n", want: "SELECT 2"},
		{file: "-", stdin: "SELECT 3", want: "SELECT 3"},
		{file: file, want: "SELECT id\nFROM customer"},
		{file: file + ".nope", wantErr: "--file: no such file"},
		{arg: "-", stdin: " ; ", wantErr: "the query is empty"},
		{wantErr: "no query"},
	}
	for _, tt := range tests {
		got, err := readQuery(strings.NewReader(tt.stdin), "nsconnect query", tt.arg, tt.file)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%+v: err = %v, want %q", tt, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%+v: %q, %v", tt, got, err)
		}
	}
}
