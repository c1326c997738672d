package oracle

import (
	"encoding/json"
	"math"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestRelativeRange(t *testing.T) {
	t.Parallel()
	now := day(2025, 3, 5, 14, 0, 0) // Wednesday, Q1, H1
	end := func(y int, m, d int) float64 { return day(y, timeMonth(m), d, 23, 59, 59) }
	start := func(y int, m, d int) float64 { return day(y, timeMonth(m), d, 0, 0, 0) }
	tests := []struct {
		code       string
		start, end float64
	}{
		{"TODAY", start(2025, 3, 5), end(2025, 3, 5)},
		{"YESTERDAY", start(2025, 3, 4), end(2025, 3, 4)},
		{"TOMORROW", start(2025, 3, 6), end(2025, 3, 6)},
		{"DAGO30", start(2025, 2, 3), end(2025, 2, 3)},
		{"DFN5", start(2025, 3, 10), end(2025, 3, 10)},
		{"TW", start(2025, 3, 2), end(2025, 3, 8)},
		{"LW", start(2025, 2, 23), end(2025, 3, 1)},
		{"TWTD", start(2025, 3, 2), end(2025, 3, 5)},
		{"LBW", start(2025, 2, 24), end(2025, 3, 2)},
		{"TM", start(2025, 3, 1), end(2025, 3, 31)},
		{"LM", start(2025, 2, 1), end(2025, 2, 28)},
		{"LMTD", start(2025, 2, 1), end(2025, 2, 5)},
		{"TMTD", start(2025, 3, 1), end(2025, 3, 5)},
		{"TODAYTTM", start(2025, 3, 5), end(2025, 3, 31)},
		{"TQ", start(2025, 1, 1), end(2025, 3, 31)},
		{"LFQ", start(2024, 10, 1), end(2024, 12, 31)},
		{"TFH", start(2025, 1, 1), end(2025, 6, 30)},
		{"FHBL", start(2024, 1, 1), end(2024, 6, 30)},
		{"TY", start(2025, 1, 1), end(2025, 12, 31)},
		{"LY", start(2024, 1, 1), end(2024, 12, 31)},
		{"LYTD", start(2024, 1, 1), end(2024, 3, 5)},
		{"LFY", start(2024, 1, 1), end(2024, 12, 31)},
		{"SDLM", start(2025, 2, 5), end(2025, 2, 5)},
		{"LRH", start(2024, 4, 1), end(2024, 9, 30)},
		{"PMTFY", start(2025, 1, 1), end(2025, 2, 28)},
	}
	for _, tt := range tests {
		s, err1 := RelativeRange(tt.code, "START", now)
		e, err2 := RelativeRange(tt.code, "end", now)
		if err1 != nil || err2 != nil || s != tt.start || math.Abs(e-tt.end) > 1e-9 {
			t.Errorf("%s = [%v, %v] (%v, %v); want [%v, %v]", tt.code, Time(s), Time(e), err1, err2, Time(tt.start), Time(tt.end))
		}
	}
}

// TestRelativeRangeCorpusCodes: every code the real query lists is known,
// and every range starts before it ends.
func TestRelativeRangeCorpusCodes(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../testdata/corpus.json")
	if err != nil {
		t.Skip("no corpus:", err)
	}
	var corpus []struct {
		Query string `json:"query"`
	}
	if err := json.Unmarshal(b, &corpus); err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`RELATIVE_RANGES\(\s*'([A-Z0-9]+)'`)
	n := 0
	for _, q := range corpus {
		for _, m := range re.FindAllStringSubmatch(q.Query, -1) {
			n++
			for _, now := range []float64{day(2025, 3, 5, 0, 0, 0), day(2024, 12, 31, 0, 0, 0), day(2024, 2, 29, 0, 0, 0)} {
				s, err1 := RelativeRange(m[1], "START", now)
				e, err2 := RelativeRange(m[1], "END", now)
				if err1 != nil || err2 != nil {
					t.Fatalf("%s: %v %v", m[1], err1, err2)
				}
				// The "previous ... " ranges are empty in the first period.
				if s > e && !strings.HasPrefix(m[1], "PM") && !strings.HasPrefix(m[1], "PQ") {
					t.Errorf("%s at %v: start %v after end %v", m[1], Time(now), Time(s), Time(e))
				}
			}
		}
	}
	if n < 100 {
		t.Errorf("found %d codes in the corpus; want the full list", n)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-03-05", "2024-03-05 13:04:05", "05-MAR-2024", "0207", "January 15, 1989, 11:00 A.M."} {
		for _, m := range []string{"YYYY-MM-DD", "YYYY-MM-DD HH24:MI:SS", "DD-MON-YYYY", "MM/YY", "Month dd, YYYY, HH:MI A.M.", "FXYYYY-MM-DD", "J", "RM DDD YYYY"} {
			f.Add(s, m)
		}
	}
	f.Fuzz(func(t *testing.T, s, model string) {
		d, err := ParseDateAt(s, model, 20152)
		if err != nil {
			return
		}
		if math.IsNaN(d) || math.IsInf(d, 0) {
			t.Fatalf("ParseDate(%q, %q) = %v", s, model, d)
		}
		if _, err := FormatDate(d, model); err != nil {
			t.Fatalf("model %q parsed %q but does not format: %v", model, s, err)
		}
	})
}

func timeMonth(m int) time.Month { return time.Month(m) }
