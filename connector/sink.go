package connector

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/nsconnect/nsconnect/internal/jsontext"
	"github.com/nsconnect/nsconnect/netsuite"
)

// encodeEvents writes events as NDJSON: one JSON object a line.
func encodeEvents(events []Event) ([]byte, error) {
	var b []byte
	var err error
	var names []string
	for i := range events {
		// The rows of one query mostly have the same columns: sort
		// their names once.
		names = columnNames(events[i].Columns, names)
		if b, err = events[i].appendJSON(b, names); err != nil {
			return nil, err
		}
		b = append(b, '\n')
		if i == 0 {
			b = slices.Grow(b, len(b)*len(events)) // the others are alike
		}
	}
	return b, nil
}

// columnNames returns the names of cols sorted: last, when it holds
// exactly them (and is sorted, as columnNames returns it), else anew.
func columnNames(cols netsuite.Row, last []string) []string {
	if len(cols) == len(last) && !slices.ContainsFunc(last, func(k string) bool { _, ok := cols[k]; return !ok }) {
		return last
	}
	names := make([]string, 0, len(cols))
	for k := range cols {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

// MarshalJSON writes the event as the sinks do: the fields in order, its
// Record or Columns as "record" (Columns' names sorted), and no HTML
// escaping.
func (e Event) MarshalJSON() ([]byte, error) { return e.appendJSON(nil, columnNames(e.Columns, nil)) }

// appendJSON appends the event's JSON to b. It writes the columns of a
// FetchColumns event itself, byte for byte as encoding/json would write
// them as a map: a backfill encodes millions of them, and encoding/json's
// reflection over a map of interfaces took as long as reading them.
//
// names are the names of e.Columns, sorted.
func (e *Event) appendJSON(b []byte, names []string) ([]byte, error) {
	b = append(b, `{"on":`...)
	b = jsontext.AppendString(b, e.On, false)
	if e.RecordType != "" {
		b = append(b, `,"recordType":`...)
		b = jsontext.AppendString(b, e.RecordType, false)
	}
	b = append(b, `,"id":`...)
	b = jsontext.AppendString(b, e.ID, false)
	b = append(b, `,"at":"`...)
	b = append(e.At.AppendFormat(b, time.RFC3339Nano), '"')
	switch {
	case len(e.Columns) > 0:
		b = append(b, `,"record":{`...)
		for i, k := range names {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(jsontext.AppendString(b, k, false), ':')
			b = jsontext.AppendString(b, e.Columns[k], false)
		}
		b = append(b, '}')
	case len(e.Record) > 0:
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(e.Record); err != nil {
			return nil, fmt.Errorf("connector: encoding the event of %s %s: %w", e.RecordType, e.ID, err)
		}
		b = append(b, `,"record":`...)
		b = append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
	}
	return append(b, '}'), nil
}

// stdoutSink writes NDJSON to a writer.
type stdoutSink struct {
	mu sync.Mutex
	w  io.Writer
}

// NewStdoutSink returns a sink writing NDJSON to w: at-least-once across
// crashes (events delivered before a crash and not yet committed are
// written again).
func NewStdoutSink(w io.Writer) Sink { return &stdoutSink{w: w} }

// Deliver writes the events, one line each, in one Write; its position is
// always 0.
func (s *stdoutSink) Deliver(ctx context.Context, events []Event) (int64, error) {
	b, err := encodeEvents(events)
	if err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.w.Write(b); err != nil {
		return 0, fmt.Errorf("connector: writing events: %w", err)
	}
	return 0, nil
}

// Recover does nothing: what a writer has taken cannot be taken back.
func (s *stdoutSink) Recover(ctx context.Context, position int64) error { return nil }

// FileSink appends NDJSON to a file. Close it when done.
type FileSink struct {
	mu   sync.Mutex
	f    *os.File
	path string
	what string // "file sink", or the file's role elsewhere: the webhook sink's "dead-letter file"
	size int64
}

// NewFileSink returns a sink appending NDJSON to path, fsync'd: exactly-once
// across crashes (Recover truncates the file to the committed length).
//
// Deliver appends the events and fsyncs the file before it returns the
// file's new length, which the watcher commits with its cursor. After a
// crash between the two, the file holds events the state does not know
// of; Recover cuts them off, and the watcher delivers them again, once.
// The file must not be written by anything else while the sink has it.
func NewFileSink(path string) (Sink, error) { return openAppendFile(path, "file sink") }

// openAppendFile opens path for a FileSink, what naming its role in
// errors.
func openAppendFile(path, what string) (*FileSink, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("connector: %s: %w", what, err)
	}
	size, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("connector: %s %s: %w", what, path, err)
	}
	return &FileSink{f: f, path: path, what: what, size: size}, nil
}

// Position returns the file's length: where the next events go.
func (s *FileSink) Position() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.size
}

// Deliver appends the events and fsyncs the file; the position is the
// file's length after them. A failed write is cut off again.
func (s *FileSink) Deliver(ctx context.Context, events []Event) (int64, error) {
	b, err := encodeEvents(events)
	if err != nil {
		return 0, err
	}
	return s.append(b)
}

// append appends b and fsyncs the file, and returns its length after b. A
// failed write is cut off again.
func (s *FileSink) append(b []byte) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.f.WriteAt(b, s.size); err != nil {
		s.f.Truncate(s.size)
		return 0, fmt.Errorf("connector: %s %s: %w", s.what, s.path, err)
	}
	if err := s.f.Sync(); err != nil {
		return 0, fmt.Errorf("connector: %s %s: fsync: %w", s.what, s.path, err)
	}
	s.size += int64(len(b))
	return s.size, nil
}

// Recover truncates the file to position, the length committed with the
// trigger's cursor: what was appended after it was not committed and will
// be delivered again. A file shorter than position has lost committed
// events, which is an error.
func (s *FileSink) Recover(ctx context.Context, position int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	fi, err := s.f.Stat()
	if err != nil {
		return fmt.Errorf("connector: %s %s: %w", s.what, s.path, err)
	}
	if fi.Size() < position {
		return fmt.Errorf("connector: %s %s has %d bytes, fewer than the %d committed: it was truncated or replaced; the trigger's state does not belong to it", s.what, s.path, fi.Size(), position)
	}
	if fi.Size() > position {
		if err := s.f.Truncate(position); err != nil {
			return fmt.Errorf("connector: %s %s: truncating to %d: %w", s.what, s.path, position, err)
		}
		if err := s.f.Sync(); err != nil {
			return fmt.Errorf("connector: %s %s: fsync: %w", s.what, s.path, err)
		}
	}
	s.size = position
	return nil
}

// Close closes the file.
func (s *FileSink) Close() error { return s.f.Close() }
