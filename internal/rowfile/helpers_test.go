package rowfile

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator"
	"github.com/nsconnect/nsconnect/emulator/emulatortest"
	"github.com/nsconnect/nsconnect/netsuite"
)

// The schemas of the tests are the emulator's, read through the client as
// the import command reads them: once per test binary.
var schemas struct {
	once sync.Once
	m    map[string]*netsuite.Schema
	err  error
}

func schemaOf(t testing.TB, recordType string) *netsuite.Schema {
	t.Helper()
	schemas.once.Do(func() {
		srv, err := emulator.NewServer(emulator.Options{NoListener: true})
		if err != nil {
			schemas.err = err
			return
		}
		defer srv.Close()
		c, err := emulatortest.Client(srv)
		if err != nil {
			schemas.err = err
			return
		}
		schemas.m = map[string]*netsuite.Schema{}
		for _, typ := range []string{"customer", "salesOrder"} {
			s, _, err := c.Metadata.Schema(context.Background(), typ)
			if err != nil {
				schemas.err = err
				return
			}
			schemas.m[typ] = s
		}
	})
	if schemas.err != nil {
		t.Fatalf("reading the emulator's schemas: %v", schemas.err)
	}
	return schemas.m[recordType]
}

// options reads recordType in America/Los_Angeles.
func options(t testing.TB, recordType string) Options {
	t.Helper()
	loc, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	return Options{RecordType: recordType, Schema: schemaOf(t, recordType), Location: loc}
}

// A result is a Row as the tests compare it: the body as JSON, or the
// error's message.
type result struct {
	Num, Line      int
	Body           string
	ID, ExternalID string
	Err            string
}

// readAll reads every row of a file, and the error that stopped it (nil at
// the end of the file).
func readAll(t testing.TB, rd *Reader) ([]result, error) {
	t.Helper()
	var out []result
	for {
		row, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		r := result{Num: row.Num, Line: row.Line, ID: row.ID, ExternalID: row.ExternalID}
		if row.Err != nil {
			var re *RowError
			if !errors.As(row.Err, &re) || row.Record != nil {
				t.Fatalf("row %d: Err %T with Record %v", row.Num, row.Err, row.Record)
			}
			r.Err = row.Err.Error()
		} else {
			b, err := json.Marshal(row.Record)
			if err != nil {
				t.Fatalf("row %d: %v", row.Num, err)
			}
			r.Body = string(b)
		}
		out = append(out, r)
	}
}

func newReader(t testing.TB, f Format, recordType, file string, m *Mapping) *Reader {
	t.Helper()
	opts := options(t, recordType)
	opts.Mapping = m
	rd, err := NewReader(strings.NewReader(file), f, opts)
	if err != nil {
		t.Fatalf("NewReader: %v", err)
	}
	return rd
}
