package rowfile

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/nsconnect/nsconnect/internal/fieldpath"
)

// maxCachedKeys bounds the compiled keys an NDJSON reader keeps: a file's
// lines usually share a few dozen keys, and a file of random keys must not
// grow the cache without end.
const maxCachedKeys = 1024

type ndjsonSource struct {
	br     *bufio.Reader
	line   int    // lines read
	buf    []byte // the current line
	fields map[string]compiledKey
}

type compiledKey struct {
	field *fieldpath.Field
	err   error
}

func newNDJSONSource(r io.Reader) *ndjsonSource {
	return &ndjsonSource{br: bufio.NewReaderSize(r, 64<<10), fields: map[string]compiledKey{}}
}

func (s *ndjsonSource) next(r *Reader) (Row, error) {
	for {
		text, tooLong, err := s.readLine()
		if errors.Is(err, io.EOF) {
			return Row{}, io.EOF
		}
		if err != nil {
			return Row{}, fmt.Errorf("reading line %d: %w", s.line+1, err)
		}
		s.line++
		if s.line == 1 {
			text = bytes.TrimPrefix(text, []byte("\ufeff"))
		}
		if !tooLong && len(bytes.TrimSpace(text)) == 0 {
			continue // blank lines are not rows
		}
		row, body := r.start(s.line)
		if tooLong {
			r.fail(&row, errors.New("the line is longer than 1 MiB; each line is one record's JSON object"), nil)
			return row, nil
		}
		s.fill(r, &row, body, text)
		return row, nil
	}
}

// readLine reads the next line, without its line end. A line longer than
// MaxRowBytes is read to its end but not kept: tooLong says so. At the end
// of the file it returns io.EOF, after the last line.
func (s *ndjsonSource) readLine() (line []byte, tooLong bool, err error) {
	s.buf = s.buf[:0]
	got := false
	for {
		chunk, err := s.br.ReadSlice('\n')
		got = got || len(chunk) > 0
		if !tooLong {
			if len(s.buf)+len(chunk) > MaxRowBytes+2 { // the line end may be \r\n
				tooLong, s.buf = true, s.buf[:0]
			} else {
				s.buf = append(s.buf, chunk...)
			}
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && got:
		case err != nil:
			return nil, false, err
		}
		line = bytes.TrimSuffix(s.buf, []byte("\n"))
		return bytes.TrimSuffix(line, []byte("\r")), tooLong, nil
	}
}

// fill types the JSON object on a line into body.
func (s *ndjsonSource) fill(r *Reader, row *Row, body map[string]any, text []byte) {
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil {
		r.fail(row, notJSON(err), nil)
		return
	}
	if obj == nil {
		r.fail(row, errors.New("the line is null; each line is one JSON object, {...}"), nil)
		return
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		r.fail(row, errors.New("there is more after the JSON object; each line holds one object"), nil)
		return
	}
	var cells []CellError
	set := make([]fieldpath.Path, 0, len(obj)+len(r.consts))
	for _, c := range r.consts {
		set = append(set, c.field.Path)
	}
	for _, key := range slices.Sorted(maps.Keys(obj)) {
		v := obj[key]
		if isIDName(key) {
			if id, err := jsonID(v); err != nil {
				cells = append(cells, CellError{Column: key, Path: "id", Err: err})
			} else {
				row.ID = id
			}
			continue
		}
		f, err := s.field(r.opts, key)
		if err != nil {
			cells = append(cells, CellError{Column: key, Err: err})
			continue
		}
		path := f.Path.String()
		if i := slices.IndexFunc(set, f.Path.Overlaps); i >= 0 {
			cells = append(cells, CellError{Column: key, Path: path, Err: fmt.Errorf("sets %s, which %s sets too", path, setter(set[i], i < len(r.consts)))})
			continue
		}
		set = append(set, f.Path)
		if v, err = f.FromJSON(v, r.opts.Location); err != nil {
			cells = append(cells, CellError{Column: key, Path: path, Err: err})
			continue
		}
		if isExternalID(f) {
			row.ExternalID, _ = v.(string)
		}
		if err := f.Path.Set(body, v); err != nil {
			cells = append(cells, CellError{Column: key, Path: path, Err: err})
		}
	}
	if cells != nil {
		r.fail(row, nil, cells)
		return
	}
	row.Record = body
}

// setter names what set a path first: a constant of the mapping or another
// key.
func setter(p fieldpath.Path, constant bool) string {
	if constant {
		return "the mapping's constant " + p.String()
	}
	return "key " + p.String()
}

// field compiles a key: a field name, or a path such as subsidiary.id.
func (s *ndjsonSource) field(opts Options, key string) (*fieldpath.Field, error) {
	if c, ok := s.fields[key]; ok {
		return c.field, c.err
	}
	f, err := compilePath(opts, key)
	if len(s.fields) < maxCachedKeys {
		s.fields[key] = compiledKey{f, err}
	}
	return f, err
}

// jsonID reads an internal ID given as a string or a number.
func jsonID(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case string:
		return idOf(x)
	case json.Number:
		return idOf(x.String())
	}
	return "", errors.New("the internal ID must be a string or a number of digits, such as \"107\"")
}

// notJSON says why a line is not a JSON object.
func notJSON(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("not JSON: %v (byte %d); each line is one JSON object, such as {\"companyName\": \"Acme\"}", se, se.Offset)
	case errors.As(err, &te):
		return fmt.Errorf("the line is a JSON %s; each line is one JSON object, {...}", te.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("the JSON object is cut short; it must end with } on the same line")
	}
	return fmt.Errorf("not JSON: %v", err)
}
