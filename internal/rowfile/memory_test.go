package rowfile

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"testing"
)

// A rowGenerator is a file of n rows made as it is read, so that the test
// itself holds no file.
type rowGenerator struct {
	n, next int
	row     func(i int) string // i == 0: the header, or "" for NDJSON
	pending []byte
}

func (g *rowGenerator) Read(p []byte) (int, error) {
	for len(g.pending) == 0 {
		if g.next > g.n {
			return 0, io.EOF
		}
		g.pending = []byte(g.row(g.next))
		g.next++
	}
	n := copy(p, g.pending)
	g.pending = g.pending[n:]
	return n, nil
}

func csvRow(i int) string {
	switch {
	case i == 0:
		return "externalId,companyName,subsidiary.id,creditLimit,isPerson,startDate,firstVisit,email,phone,comments\n"
	case i%1000 == 0:
		return fmt.Sprintf("MEM-%d,Bad Row %d,1,lots,maybe,2026-02-30,,,,\n", i, i)
	}
	return fmt.Sprintf("MEM-%d,\"Company %d, Inc.\",1,%d.50,false,2026-03-08,2026-11-01 10:%02d,c%d@example.com,0%d,\"a note, quoted\"\n", i, i, i, i%60, i, i)
}

func ndjsonRow(i int) string {
	switch {
	case i == 0:
		return ""
	case i%1000 == 0:
		return fmt.Sprintf(`{"externalId": "MEM-%d", "creditLimit": "lots", "nope": 1}`+"\n", i)
	}
	return fmt.Sprintf(`{"externalId": "MEM-%d", "companyName": "Company %d", "subsidiary": {"id": "1"}, "creditLimit": %d.5, "firstVisit": "2026-11-01 10:%02d", "addressBook": {"items": [{"label": "Home"}]}}`+"\n", i, i, i, i%60)
}

// heapInUse is the heap in use after a collection.
func heapInUse() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

// TestBoundedMemory reads 100,000 rows of each format (12 and 19 MB;
// 20,000 rows, 2.3 and 3.8 MB, under the race detector) and checks that the
// heap in use stays within 1 MiB of where it started while it does: the
// reader holds a row at a time, never the file. Measured: under 100 KiB.
func TestBoundedMemory(t *testing.T) {
	rows := 100_000
	if raceEnabled {
		rows = 20_000
	}
	const bound = 1 << 20 // bytes of heap above the start, at any point
	for _, tt := range []struct {
		format Format
		row    func(int) string
	}{{CSV, csvRow}, {NDJSON, ndjsonRow}} {
		t.Run(tt.format.String(), func(t *testing.T) {
			opts := options(t, "customer")
			before := heapInUse()
			rd, err := NewReader(&rowGenerator{n: rows, row: tt.row}, tt.format, opts)
			if err != nil {
				t.Fatal(err)
			}
			var good, bad, peak uint64
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			allocs := ms.Mallocs
			for {
				row, err := rd.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				if row.Err != nil {
					bad++
				} else {
					good++
				}
				if row.Num%(rows/10) == 0 {
					peak = max(peak, heapInUse())
				}
			}
			runtime.ReadMemStats(&ms)
			if good+bad != uint64(rows) || bad != uint64(rows/1000) {
				t.Fatalf("read %d good and %d bad rows; want %d and %d", good, bad, rows-rows/1000, rows/1000)
			}
			growth := int64(peak) - int64(before)
			t.Logf("%v: heap in use grew by at most %d KiB over %d rows; %.0f allocations a row", tt.format, growth>>10, rows, float64(ms.Mallocs-allocs)/float64(rows))
			if growth > bound {
				t.Errorf("the heap in use grew by %d KiB; want at most %d KiB", growth>>10, bound>>10)
			}
		})
	}
}
