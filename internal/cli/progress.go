package cli

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/nsconnect/nsconnect/netsuite"
)

// A progress reports long work on stderr, one line redrawn in place: how
// many rows or items are done, the rate, and the time left when the total
// is known. It is quiet when stderr is not a terminal (a log file would
// fill with redraws) or with --quiet. Its methods are safe for concurrent
// use, and do nothing on a nil *progress.
type progress struct {
	w     io.Writer
	noun  string // "records"
	now   func() time.Time
	every time.Duration

	mu         sync.Mutex
	start      time.Time
	last       time.Time
	done       int
	total      int // 0 when unknown
	drawn      bool
	lineLength int
}

// newProgress returns a progress for ios counting noun, or nil when it
// must be quiet.
func newProgress(ios *IOStreams, quiet bool, noun string) *progress {
	if quiet || ios.ErrIsTTY == nil || !ios.ErrIsTTY() {
		return nil
	}
	return &progress{w: ios.ErrOut, noun: noun, now: time.Now, every: 200 * time.Millisecond}
}

// SetTotal sets the number of items the work has, when it becomes known.
func (p *progress) SetTotal(n int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.total = n
	p.mu.Unlock()
}

// Add counts n more items done, and redraws at most every 200 ms.
func (p *progress) Add(n int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if p.start.IsZero() {
		p.start = now
	}
	p.done += n
	if now.Sub(p.last) >= p.every {
		p.last = now
		p.draw(now)
	}
}

// Done clears the line.
func (p *progress) Done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
}

// Printf writes a message on its own line, above the progress line.
func (p *progress) Printf(format string, args ...any) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	fmt.Fprintf(p.w, format, args...)
}

func (p *progress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}

func (p *progress) draw(now time.Time) {
	fmt.Fprint(p.w, "\r\033[K"+progressLine(p.done, p.total, now.Sub(p.start), p.noun))
	p.drawn = true
}

// progressLine is the text of a progress line: "1,200 of 5,000 records
// (24 %)  310/s  about 12 s left".
func progressLine(done, total int, elapsed time.Duration, noun string) string {
	s := groupDigits(done) + " " + noun
	if total > 0 {
		s = fmt.Sprintf("%s of %s %s (%d %%)", groupDigits(done), groupDigits(total), noun, done*100/total)
	}
	if elapsed < time.Second/2 || done == 0 {
		return s
	}
	rate := float64(done) / elapsed.Seconds()
	s += fmt.Sprintf("  %.0f/s", rate)
	if total > done {
		left := time.Duration(float64(total-done) / rate * float64(time.Second))
		s += "  about " + roundDuration(left) + " left"
	}
	return s
}

// roundDuration shows d for people: "12 s", "3 min 5 s".
func roundDuration(d time.Duration) string {
	switch {
	case d < 10*time.Second:
		return fmt.Sprintf("%.1f s", d.Seconds())
	case d < time.Minute:
		return fmt.Sprintf("%d s", int(d.Seconds()))
	}
	d = d.Round(time.Second)
	return fmt.Sprintf("%d min %d s", int(d.Minutes()), int(d.Seconds())%60)
}

func groupDigits(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return s
	}
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}

// retryMessage says, for people, why and how long the client waits before
// a retry: "NetSuite is at its concurrency limit; retrying in 2.1 s
// (retry 1 of 5)".
func retryMessage(e netsuite.RetryEvent) string {
	var why string
	switch {
	case e.Status == 429 || e.Code == "CONCURRENCY_LIMIT_EXCEEDED":
		why = "NetSuite is at its concurrency limit"
	case e.Status >= 500:
		why = fmt.Sprintf("NetSuite answered %d", e.Status)
		if e.Code != "" {
			why += " " + e.Code
		}
	default:
		why = "NetSuite could not be reached (" + networkReason(e.Err) + ")"
	}
	return fmt.Sprintf("%s; retrying in %s (retry %d of %d)", why, roundDuration(e.Delay), e.Retry, e.MaxRetries)
}
