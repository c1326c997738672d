// Package nstime holds the connector's account-time-zone rules: how a datetime
// a user gives is read, how an instant is shown and sent to NetSuite, what a
// day is on the account's calendar, and how dates are written into record API q
// filters. Every function takes the account time zone (the connection field
// "Account timezone", --timezone or NETSUITE_TIMEZONE: an IANA name, loaded
// with time.LoadLocation) as a *time.Location; a nil one is a programming error
// and panics, as in package time.
//
// What NetSuite does, and which function deals with it:
//
//   - The REST record API writes datetimes in UTC with a Z
//     (2017-07-21T17:32:28Z) and accepts an offset on input
//     (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157305090645.html).
//     FormatUTC writes that form; ParseDateTime reads it.
//   - Date fields are 2017-07-21 and get no time zone conversion
//     (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157305090645.html).
//     Date is such a day; ParseDate and Date.String read and write it.
//   - SuiteQL shows dates in the Date Format preference with no time zone
//     unless projected with TO_CHAR (observed in salto-io/salto's NetSuite
//     adapter; no Oracle page says so). DateFormat reads and writes that
//     preference.
//   - q filters take only bare date literals in the Date Format preference,
//     which NetSuite resolves as whole days in the account time zone
//     (airbytehq/airbyte source_netsuite/constraints.py,
//     https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545222128.html).
//     QDate, SinceFilter and DayBounds write and explain them.
//
// Users of other connectors lose records to exactly these rules
// (airbytehq/airbyte issues #17357, #21871, #21965 and #55206: date-only slices
// in UTC drop what changed between the sync and local midnight; q literals in
// the wrong date format). The package exists so that the library, the CLI and
// the triggers apply one set of rules. The emulator keeps its own
// implementation on purpose, so that a shared bug cannot hide.
//
// # Reading datetimes
//
// ParseDateTime accepts RFC 3339 (2026-03-08T14:30:00Z,
// 2026-03-08T14:30:00-08:00, with a fraction of a second or without the
// seconds, with a space instead of the T), the same without an offset, and
// a bare date:
//
//	in America/Los_Angeles        instant                    UTC
//	2026-03-08T10:30:00Z          2026-03-08T03:30:00-07:00  2026-03-08T10:30:00Z  (taken as is)
//	2026-03-08 14:30              2026-03-08T14:30:00-07:00  2026-03-08T21:30:00Z  (wall time in the zone)
//	2026-03-08                    2026-03-08T00:00:00-08:00  2026-03-08T08:00:00Z  (start of the day)
//
// A value with an offset names one instant. A value without one is a wall
// time on the account's clocks, and twice a year some wall times did not
// happen or happened twice; the rule below decides. A bare date is the
// first instant of that day (Date.In).
//
// # The DST rule
//
// One rule, in WallTime, for every wall time the package turns into an
// instant (ParseDateTime, Date.In, DayBounds):
//
//   - A wall time the clocks skipped (spring forward) is moved forward by
//     the length of the gap: it is read with the offset in force before the
//     change. 02:30 on 2026-03-08 in America/Los_Angeles, where clocks went
//     from 02:00 PST to 03:00 PDT, is 03:30 PDT (10:30Z). 02:30 on
//     2026-10-04 in Australia/Sydney (02:00 AEST to 03:00 AEDT) is 03:30
//     AEDT.
//   - A wall time the clocks showed twice (fall back) is the first of the
//     two, the earlier instant, still on daylight time. 01:30 on 2026-11-01
//     in America/Los_Angeles is 01:30 PDT (08:30Z), not 01:30 PST (09:30Z).
//     02:30 on 2026-04-05 in Australia/Sydney is 02:30 AEDT (15:30Z), not
//     AEST.
//
// Why forward in a gap: the result is never earlier than the wall time
// asked for, read on the clock that was running (02:30 read in PST); it
// lands after every time before the gap and keeps its distance from the
// jump (half an hour into the gap, half an hour after it). Moving back
// instead would turn "from 02:30" into a time before the user's window
// began. The cost: order is not kept inside the skipped hour against the
// hour after it (02:59 becomes 03:59 PDT, later than 03:00 PDT). Clamping
// every skipped time to 03:00 would keep order but send a whole hour of
// distinct inputs to one instant; callers who care use the strict mode.
//
// Why the first occurrence in an overlap: it is the first time the clock
// showed that reading, it is on the same (daylight) offset as the times
// just before it, and for a cursor or a window start the earlier instant
// can only re-read an hour of records, which the overlap-and-de-duplicate
// discipline of incremental sync absorbs, where the later one could skip
// that hour for good.
//
// The pair is the resolution java.time documents for ZonedDateTime.of: in
// an overlap it "uses the earlier offset typically corresponding to
// 'summer'"; in a gap "the local date-time is adjusted to be later by the
// length of the gap". To our knowledge (not checked here) it is also the
// default ("compatible") disambiguation of JavaScript's Temporal and what
// Python's zoneinfo gives with fold=0.
//
// Assumption: NetSuite's documentation does not say how its UI or its
// APIs read a skipped or repeated wall time, and we could not observe it.
// The rule above is chosen because it is the one users of other tools
// most likely expect and because of the reasons given, not because
// NetSuite is known to follow it.
//
// It is not what Go's time.Date does. time.Date promises only a time
// "correct in one of the two zones involved in the transition, but it does
// not guarantee which", and in practice the choice depends on the side of
// UTC: with Go 1.26, 02:30 on 2026-03-08 in America/Los_Angeles comes out
// as 01:30 PST (an hour back) and 01:30 on 2026-11-01 as PDT (the first),
// while 02:30 on 2026-10-04 in Australia/Sydney comes out as 03:30 AEDT
// (forward) and 02:30 on 2026-04-05 as AEST (the second). time.ParseInLocation
// behaves the same. Code that turns account wall times into instants must
// call WallTime, not time.Date.
//
// ParseDateTimeStrict refuses instead of choosing: an *AmbiguousTimeError
// names both instants and a *NonexistentTimeError names the gap, its
// length and what ParseDateTime would have given.
//
// # Days
//
// Date is a calendar day. DateOf gives the day of an instant in a zone,
// and Date.In the instants [start, end) the day spans there. Days are
// adjacent (each ends where the next starts) and on the days clocks change
// they are 23 or 25 hours long (2026-03-08 and 2026-11-01 in
// America/Los_Angeles, 2026-10-04 and 2026-04-05 in Australia/Sydney). A
// day starts at the first instant whose wall clock shows it: where clocks
// jump over midnight (America/Santiago, 2026-09-06) that is 01:00, where
// they show midnight twice (America/Havana, 2026-11-01) the first
// midnight. A day the zone skipped (Pacific/Apia, 2011-12-30) is empty.
//
// # q filters and incremental sync
//
// A q filter date literal is a day, not an instant (airbytehq/airbyte
// source_netsuite/constraints.py): QDate writes the day that contains an
// instant in the account time zone, in the account's Date Format, quoted
// ("3/8/2026"). For an incremental read SinceFilter writes
//
//	lastModifiedDate ON_OR_AFTER "3/8/2026"
//
// with the day of the cursor in the account time zone, so the filter starts at
// or before the cursor and never misses a change; it re-reads the part of that
// day before the cursor, so the caller must overlap and de-duplicate (by
// internal ID and last-modified time). DayBounds gives the instants a day's
// literal stands for. Airbyte moves its cursor back 12 hours because it does
// not know the zone; knowing it, we need not, but a caller unsure of the
// configured zone can pass since.Add(-12*time.Hour).
//
// # Date formats
//
// DateFormat is the account's Date Format preference. Oracle lists six with examples for March 5,
// 2025 (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N249143.html):
// M/D/YYYY 3/5/2025 (the default, and the zero DateFormat), D/M/YYYY 5/3/2025, D-Mon-YYYY
// 5-Mar-2025, D.M.YYYY 5.3.2025, DD/MM/YYYY 05/03/2025 and DD-MONTH-YYYY 05-March-2025.
// ParseDateFormat reads a preference's name, DateFormat.Format writes a Date and DateFormat.Parse
// reads one.
//
// # Assumptions
//
// Every rule above without a source is one of these:
//
//   - Assumption: the DST rule (see above); NetSuite's behaviour is not
//     documented.
//   - Assumption: MM/DD/YYYY, YYYY-MM-DD and YYYY/MM/DD are Date Format choices
//     too. Oracle's page shows only "some of the available date formats";
//     Airbyte's fallbacks include %Y-%m-%d (airbytehq/airbyte
//     source_netsuite/constraints.py); the other two are not sourced.
//   - Assumption: month names in D-Mon-YYYY and DD-MONTH-YYYY are English.
//     An account whose language is not English may show them translated.
//   - Assumption: the zone NetSuite resolves q date literals in is the account
//     time zone given to these functions. Airbyte says "the account's"
//     (airbytehq/airbyte source_netsuite/constraints.py), on its own word;
//     SuiteQL display strings are said to follow the user's time zone
//     preference (not verified). Configure the integration user's time zone to
//     match.
//   - Assumption: `field ON_OR_AFTER "d"` on a datetime field matches every
//     instant from the start of day d in that zone (airbytehq/airbyte
//     source_netsuite/constraints.py says literals are resolved as whole days).
//   - Our choices, not NetSuite's: a bare date in ParseDateTime is the start
//     of the day; DateFormat.Parse accepts one or two digits for day and
//     month whatever the format pads, and month names in any case; years
//     run from 0001 to 9999; leap seconds are refused; FormatDateTime writes
//     an instant whose offset has seconds (local mean time, before a zone
//     adopted standard time) in UTC, as RFC 3339 offsets have whole minutes.
//
// # Time zone data
//
// time.LoadLocation reads the system's time zone database. A program that
// may run where there is none (a scratch container, Windows) should import
// time/tzdata in its main package. This package does not, so that a
// program's choice of zone data stays its own.
package nstime
