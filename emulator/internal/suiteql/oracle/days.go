package oracle

import (
	"database/sql/driver"
	"math"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"
)

const secondsPerDay = 86400

// Days returns the wall-clock time of t in loc as days since the epoch.
func Days(t time.Time, loc *time.Location) float64 {
	wall := t.In(loc)
	y, m, d := wall.Date()
	local := time.Date(y, m, d, wall.Hour(), wall.Minute(), wall.Second(), wall.Nanosecond(), time.UTC)
	// Unix seconds, not UnixNano, which overflows outside 1678-2262.
	return (float64(local.Unix()) + float64(local.Nanosecond())/1e9) / secondsPerDay
}

// Time returns the wall-clock time days stands for, as a time.Time in UTC
// whose fields are the wall clock's, rounded to the millisecond.
func Time(days float64) time.Time {
	ms := math.Round(days * secondsPerDay * 1000)
	return time.UnixMilli(int64(ms)).UTC()
}

// Instant returns the instant the wall-clock time days stands for in loc.
// A wall time that falls in a DST gap or overlap resolves as time.Date does.
func Instant(days float64, loc *time.Location) time.Time {
	w := Time(days)
	return time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), loc)
}

// locations caches loaded time zones by name.
var locations sync.Map

// Location loads the IANA zone name, cached.
func Location(name string) (*time.Location, error) {
	if l, ok := locations.Load(name); ok {
		return l.(*time.Location), nil
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	// The name may be a view of SQLite's memory (VolatileArgs): keep a copy.
	locations.Store(strings.Clone(name), l)
	return l, nil
}

func init() {
	// sq_date(text): a REST date field ("2024-03-05") as days; NULL when it
	// is not one.
	register("sq_date", 1, func(args []driver.Value) (driver.Value, error) {
		s, ok := text(args[0])
		if !ok {
			return nil, nil
		}
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return nil, nil
		}
		return Days(t, time.UTC), nil
	})
	// sq_datetime(text, zone): a REST datetime (RFC 3339, stored in UTC) as
	// days of zone's wall clock; NULL when it is not one.
	register("sq_datetime", 2, func(args []driver.Value) (driver.Value, error) {
		s, ok := text(args[0])
		zone, ok2 := text(args[1])
		if !ok || !ok2 {
			return nil, nil
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return nil, nil
		}
		loc, err := Location(zone)
		if err != nil {
			return nil, err
		}
		return Days(t, loc), nil
	})
}

// register registers a deterministic scalar function of n arguments (-1 for
// any number). VolatileArgs makes the driver pass TEXT by its length, so a
// NUL inside a string does not cut it.
func register(name string, n int32, fn func(args []driver.Value) (driver.Value, error)) {
	sqlite.MustRegisterFunction(name, &sqlite.FunctionImpl{
		NArgs:         n,
		Deterministic: true,
		VolatileArgs:  true,
		Scalar: func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			return fn(args)
		},
	})
}

// text returns a TEXT (or BLOB) argument as a string.
func text(v driver.Value) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case []byte:
		return string(x), true
	}
	return "", false
}

// QueryError returns the message of an error a function of this package
// raised for a value of the query (a string TO_DATE cannot read, a
// RELATIVE_RANGES code it does not know), found in the text of a driver
// error, and whether there is one. Anything else in a query's run is the
// emulator's own fault.
func QueryError(err error) (string, bool) {
	msg := err.Error()
	for _, mark := range []string{"ORA-", "Unparseable date", "BUILTIN."} {
		if i := strings.Index(msg, mark); i >= 0 {
			msg = msg[i:]
			// The driver appends the SQLite result code: " (1)".
			if j := strings.LastIndex(msg, " ("); j > 0 && strings.HasSuffix(msg, ")") {
				msg = msg[:j]
			}
			return msg, true
		}
	}
	return "", false
}
