package emulator

import (
	"context"
	"flag"
	"testing"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/seed"
)

var benchSeedRecords = flag.Int("seed.records", 20_000, "records of BenchmarkSeed")

// BenchmarkSeed seeds -seed.records records into an empty in-memory store,
// through the bulk path the emulator uses (NewServer with SeedRecords: until
// the indexes are built) and through the record service one Create at a
// time (the path before it). One run per iteration, so use -benchtime 1x;
// store.BenchmarkLoadBound is the bound to compare rec/s with.
func BenchmarkSeed(b *testing.B) {
	now := func() time.Time { return time.Date(2026, 11, 28, 17, 30, 0, 0, time.UTC) }
	b.Run("bulk", func(b *testing.B) {
		for range b.N {
			start := time.Now()
			s, err := NewServer(Options{NoListener: true, SeedRecords: *benchSeedRecords, Now: now})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(*benchSeedRecords)/time.Since(start).Seconds(), "rec/s")
			b.StopTimer()
			s.Close()
			b.StartTimer()
		}
	})
	b.Run("one-by-one", func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			s, err := NewServer(Options{NoListener: true, NoSeed: true, Now: now})
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			start := time.Now()
			if _, err := seed.Demo(context.Background(), s.records, seed.Options{
				Seed: 1, Records: *benchSeedRecords, Now: now().In(s.location),
			}); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(*benchSeedRecords)/time.Since(start).Seconds(), "rec/s")
			b.StopTimer()
			s.Close()
			b.StartTimer()
		}
	})
}
