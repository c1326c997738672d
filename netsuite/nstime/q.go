package nstime

import "time"

// QDate is the q filter literal of the day that contains t on the account's
// calendar: the date in the account time zone loc, written in the account's
// Date Format f and double-quoted, e.g. "3/8/2026" for M/D/YYYY.
//
// The record API's q filter takes only bare dates in the account's date format;
// datetimes, ISO 8601 included, are refused, and NetSuite resolves the date as
// a whole day in the account time zone (airbytehq/airbyte
// source_netsuite/constraints.py,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545222128.html).
// QDate panics if loc is nil.
func QDate(t time.Time, loc *time.Location, f DateFormat) string {
	mustLoc(loc, "QDate")
	return `"` + f.Format(DateOf(t, loc)) + `"`
}

// SinceFilter is the q filter condition for an incremental read of the
// records whose field (a datetime such as lastModifiedDate, which the
// record's metadata lists as x-ns-filterable) is at or after since:
//
//	lastModifiedDate ON_OR_AFTER "3/8/2026"
//
// q is day-granular, so the condition matches from the start of since's day in
// loc, not from since: it returns every record changed at or after since and
// also those changed earlier that day. The caller must expect that overlap and
// de-duplicate, by internal ID and last-modified time. To page through a
// day-wide result and keep the cursor exact, compare the field's value (a UTC
// datetime in the record body,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157305090645.html)
// with since on the client.
//
// The day is taken in loc, so nothing is missed as long as loc is the time zone
// NetSuite resolves q dates in (airbytehq/airbyte
// source_netsuite/constraints.py says the account's). Airbyte, which does not
// know that zone, moves its cursor back 12 hours before truncating it to a day;
// a caller unsure of the configured zone can do the same by passing
// since.Add(-12*time.Hour), at the cost of a wider overlap. Field is written as
// given; it must be a bare field name. SinceFilter panics if loc is nil.
func SinceFilter(field string, since time.Time, loc *time.Location, f DateFormat) string {
	mustLoc(loc, "SinceFilter")
	return field + " ON_OR_AFTER " + QDate(since, loc, f)
}

// DayBounds returns the instants of the day that contains t on the clocks
// of loc, as the half-open interval [start, end) in loc: the instants that
// a q filter date literal of that day stands for. It is DateOf(t,
// loc).In(loc); see Date.In for days of 23 and 25 hours. DayBounds panics
// if loc is nil.
func DayBounds(t time.Time, loc *time.Location) (start, end time.Time) {
	mustLoc(loc, "DayBounds")
	return DateOf(t, loc).In(loc)
}
