package nstime

import (
	"slices"
	"time"
)

// WallTime returns the instant at which the clocks of loc show the given
// wall time, under this package's one DST rule (see the package doc):
//
//   - a wall time that happened once is that instant;
//   - a wall time that happened twice (clocks set back) is the first of the
//     two instants, the earlier one;
//   - a wall time that never happened (clocks set forward over it) is moved
//     forward by the length of the gap: it is read with the offset in force
//     before the transition, so 02:30 on 2026-03-08 in America/Los_Angeles is
//     03:30 PDT.
//
// Use it instead of time.Date, which promises only that its answer is
// correct "in one of the two zones involved in the transition" and in
// practice picks differently on either side of UTC (see the package doc).
// Like time.Date, WallTime normalizes out-of-range fields (October 32 is
// November 1). The result is in loc. WallTime panics if loc is nil.
func WallTime(year int, month time.Month, day, hour, min, sec, nsec int, loc *time.Location) time.Time {
	mustLoc(loc, "WallTime")
	return resolveWall(time.Date(year, month, day, hour, min, sec, nsec, time.UTC), loc).lenient()
}

// wallKind says how often a wall time happened in a location.
type wallKind int

const (
	wallOnce        wallKind = iota // one instant shows it
	wallTwice                       // clocks were set back over it: two or more instants
	wallNonexistent                 // clocks were set forward over it
)

// resolution is what resolveWall learns about one wall time.
type resolution struct {
	kind wallKind
	// candidates are the instants whose wall clock in the location equals
	// the wall time, in increasing order: one for wallOnce, two or more for
	// wallTwice, none for wallNonexistent.
	candidates []time.Time
	// For wallNonexistent: transition is the instant the clocks jumped,
	// offsetBefore and offsetAfter the UTC offsets (in seconds) on either
	// side of it, and shifted the instant the lenient rule gives.
	transition                time.Time
	offsetBefore, offsetAfter int
	shifted                   time.Time
	loc                       *time.Location
}

// lenient applies the package's rule: the first candidate, or the wall time
// moved forward by the gap.
func (r resolution) lenient() time.Time {
	if r.kind == wallNonexistent {
		return r.shifted
	}
	return r.candidates[0]
}

// resolveSpan bounds the search for the zone periods around a wall time. It
// exceeds every UTC offset a time zone database holds (today within
// -12h..+14h, historically within about ±16h), so every instant that could
// show the wall time lies within it.
const resolveSpan = 48 * time.Hour

// resolveWall finds every instant at which loc's clocks showed wall (a wall
// time carried in a UTC time.Time), walking the zone periods of loc that
// cover [wall-resolveSpan, wall+resolveSpan) with time.Time.ZoneBounds. It
// relies on nothing that time.Date chooses at a transition.
func resolveWall(wall time.Time, loc *time.Location) resolution {
	r := resolution{loc: loc}
	end := wall.Add(resolveSpan)
	t := wall.Add(-resolveSpan).In(loc)
	// A zone changes offset at most a few times in four days; the bound
	// only guards against a pathological Location.
	for range 256 {
		_, off := t.Zone()
		start, stop := t.ZoneBounds()
		u := wall.Add(-time.Duration(off) * time.Second)
		if (start.IsZero() || !u.Before(start)) && (stop.IsZero() || u.Before(stop)) {
			r.candidates = append(r.candidates, u.In(loc))
		}
		if stop.IsZero() || stop.After(end) {
			break
		}
		next := stop.In(loc)
		_, offNext := next.Zone()
		if offNext > off {
			// Clocks jumped forward at stop: the wall times from
			// stop+off up to stop+offNext never happened.
			from := stop.Add(time.Duration(off) * time.Second)
			to := stop.Add(time.Duration(offNext) * time.Second)
			if !wall.Before(from) && wall.Before(to) {
				r.transition = next
				r.offsetBefore, r.offsetAfter = off, offNext
				r.shifted = wall.Add(-time.Duration(off) * time.Second).In(loc)
			}
		}
		t = next
	}
	switch {
	case len(r.candidates) == 1:
		r.kind = wallOnce
	case len(r.candidates) > 1:
		r.kind = wallTwice
		slices.SortFunc(r.candidates, func(a, b time.Time) int { return a.Compare(b) })
	case !r.transition.IsZero():
		r.kind = wallNonexistent
	default:
		// Not reachable with a Location from the time zone database or
		// time.FixedZone; fall back to what time.Date says.
		r.kind = wallOnce
		y, mo, d := wall.Date()
		h, mi, s := wall.Clock()
		r.candidates = []time.Time{time.Date(y, mo, d, h, mi, s, wall.Nanosecond(), loc)}
	}
	return r
}

// mustLoc panics, naming the function, when loc is nil. A nil
// *time.Location is a programming error, as it is in package time.
func mustLoc(loc *time.Location, fn string) {
	if loc == nil {
		panic("nstime: " + fn + ": nil *time.Location; load the account time zone with time.LoadLocation(\"America/Los_Angeles\")")
	}
}
