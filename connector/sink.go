package connector

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync"
)

// encodeEvents writes events as NDJSON: one JSON object a line.
func encodeEvents(events []Event) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, e := range events {
		if err := enc.Encode(e); err != nil {
			return nil, fmt.Errorf("connector: encoding the event of %s %s: %w", e.RecordType, e.ID, err)
		}
	}
	return buf.Bytes(), nil
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
func NewFileSink(path string) (Sink, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("connector: file sink: %w", err)
	}
	size, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("connector: file sink %s: %w", path, err)
	}
	return &FileSink{f: f, path: path, size: size}, nil
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
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.f.WriteAt(b, s.size); err != nil {
		s.f.Truncate(s.size)
		return 0, fmt.Errorf("connector: file sink %s: %w", s.path, err)
	}
	if err := s.f.Sync(); err != nil {
		return 0, fmt.Errorf("connector: file sink %s: fsync: %w", s.path, err)
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
		return fmt.Errorf("connector: file sink %s: %w", s.path, err)
	}
	if fi.Size() < position {
		return fmt.Errorf("connector: file sink %s has %d bytes, fewer than the %d committed: it was truncated or replaced; the trigger's state does not belong to it", s.path, fi.Size(), position)
	}
	if fi.Size() > position {
		if err := s.f.Truncate(position); err != nil {
			return fmt.Errorf("connector: file sink %s: truncating to %d: %w", s.path, position, err)
		}
		if err := s.f.Sync(); err != nil {
			return fmt.Errorf("connector: file sink %s: fsync: %w", s.path, err)
		}
	}
	s.size = position
	return nil
}

// Close closes the file.
func (s *FileSink) Close() error { return s.f.Close() }
