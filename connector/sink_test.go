package connector

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/netsuite"
)

// stdEncode is what encodeEvents wrote before it wrote columns itself:
// encoding/json without HTML escaping, the columns as a map.
func stdEncode(t testing.TB, e Event) []byte {
	t.Helper()
	type plain struct {
		On         string         `json:"on"`
		RecordType string         `json:"recordType,omitempty"`
		ID         string         `json:"id"`
		At         time.Time      `json:"at"`
		Record     map[string]any `json:"record,omitempty"`
	}
	p := plain{On: e.On, RecordType: e.RecordType, ID: e.ID, At: e.At, Record: e.Record}
	if len(e.Columns) > 0 {
		p.Record = map[string]any{}
		for k, v := range e.Columns {
			p.Record[k] = v
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzEncodeEvents checks that events are written byte for byte as
// encoding/json writes them, whatever the text.
func FuzzEncodeEvents(f *testing.F) {
	for _, s := range []string{"", "plain", "quote \" backslash \\ <html> & ' \x00 \x1f \b \f \n \r \t",
		"\u2028\u2029 é 日本 \xff\xfe invalid \xc3", "\x7f", "emoji 😀"} {
		f.Add(s, s+"k", int64(1700000000), 123)
	}
	f.Fuzz(func(t *testing.T, value, name string, sec int64, nsec int) {
		at := time.Unix(sec%(1<<36), int64(nsec)%1e9).UTC()
		events := []Event{
			{On: "query", ID: value, At: at, Columns: netsuite.Row{name: value, "id": "1", "z" + name: ""}},
			{On: "query", ID: "2", At: at, Columns: netsuite.Row{name: "x", "id": "2", "z" + name: value}},
			{On: "query", ID: "3", At: at, Columns: netsuite.Row{name: "x", "id": "2", "y" + name: value}},
			{On: "updated", RecordType: name, ID: "7", At: at, Record: map[string]any{name: value, "n": 1.5, "sub": map[string]any{"x": []any{value}}}},
			{On: "deleted", RecordType: "customer", ID: value, At: at},
		}
		// Together, as a batch whose rows' columns differ.
		var want []byte
		for _, e := range events {
			want = append(want, stdEncode(t, e)...)
		}
		if got, err := encodeEvents(events); err != nil || !bytes.Equal(got, want) {
			t.Fatalf("encodeEvents of a batch\n got %q, %v\nwant %q", got, err, want)
		}
		for _, e := range events {
			got, err := encodeEvents([]Event{e})
			if err != nil {
				t.Fatal(err)
			}
			if want := stdEncode(t, e); !bytes.Equal(got, want) {
				t.Fatalf("encodeEvents(%#v)\n got %q\nwant %q", e, got, want)
			}
			if m, err := e.MarshalJSON(); err != nil || !bytes.Equal(append(m, '\n'), got) || !json.Valid(m) {
				t.Fatalf("MarshalJSON = %q, %v; want %q", m, err, got)
			}
		}
	})
}
