package connector

import (
	"fmt"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/netsuite"
)

// BenchmarkEncodeEvents encodes a batch of 1,000 events of 250 columns,
// the shape of a sales order backfill with --fetch columns.
func BenchmarkEncodeEvents(b *testing.B) {
	events := make([]Event, 1000)
	for i := range events {
		events[i] = Event{On: "updated", RecordType: "salesOrder", ID: fmt.Sprint(i), At: time.Unix(int64(i), 0).UTC()}
		events[i].Columns = netsuite.Row{}
		for c := range 250 {
			events[i].Columns[fmt.Sprintf("column%03d", c)] = fmt.Sprintf("value %d of row %d", c, i)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := encodeEvents(events); err != nil {
			b.Fatal(err)
		}
	}
}
