package nstime_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/nsconnect/nsconnect/netsuite/nstime"
)

func ExampleParseDateTime() {
	la, _ := time.LoadLocation("America/Los_Angeles")
	for _, s := range []string{
		"2026-03-08T10:30:00Z",      // an instant: taken as is
		"2026-03-08 14:30",          // wall time in the account time zone
		"2026-03-08T02:30",          // skipped by the clocks: moved forward by the gap
		"2026-11-01T01:30",          // shown twice by the clocks: the first time
		"2026-11-01T01:30:00-08:00", // the second time, by its offset
		"2026-03-08",                // the start of the day
	} {
		t, err := nstime.ParseDateTime(s, la)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-26s %s  %s\n", s, nstime.FormatDateTime(t, la), nstime.FormatUTC(t))
	}
	// Output:
	// 2026-03-08T10:30:00Z       2026-03-08T03:30:00-07:00  2026-03-08T10:30:00Z
	// 2026-03-08 14:30           2026-03-08T14:30:00-07:00  2026-03-08T21:30:00Z
	// 2026-03-08T02:30           2026-03-08T03:30:00-07:00  2026-03-08T10:30:00Z
	// 2026-11-01T01:30           2026-11-01T01:30:00-07:00  2026-11-01T08:30:00Z
	// 2026-11-01T01:30:00-08:00  2026-11-01T01:30:00-08:00  2026-11-01T09:30:00Z
	// 2026-03-08                 2026-03-08T00:00:00-08:00  2026-03-08T08:00:00Z
}

func ExampleParseDateTimeStrict() {
	la, _ := time.LoadLocation("America/Los_Angeles")
	_, err := nstime.ParseDateTimeStrict("2026-11-01T01:30", la)
	var ambiguous *nstime.AmbiguousTimeError
	if errors.As(err, &ambiguous) {
		fmt.Println(nstime.FormatUTC(ambiguous.Earlier), "or", nstime.FormatUTC(ambiguous.Later))
	}
	_, err = nstime.ParseDateTimeStrict("2026-03-08T02:30", la)
	fmt.Println(err)
	// Output:
	// 2026-11-01T08:30:00Z or 2026-11-01T09:30:00Z
	// nstime: "2026-03-08T02:30" does not exist in America/Los_Angeles: the clocks jumped from 2026-03-08 02:00 PST to 2026-03-08 03:00 PDT (at 2026-03-08T10:00:00Z), skipping 1h0m0s; ParseDateTime reads it as 2026-03-08T03:30:00-07:00
}

func ExampleDate_In() {
	la, _ := time.LoadLocation("America/Los_Angeles")
	for _, d := range []nstime.Date{{Year: 2026, Month: time.March, Day: 8}, {Year: 2026, Month: time.November, Day: 1}} {
		start, end := d.In(la)
		fmt.Println(d, nstime.FormatUTC(start), nstime.FormatUTC(end), end.Sub(start))
	}
	// Output:
	// 2026-03-08 2026-03-08T08:00:00Z 2026-03-09T07:00:00Z 23h0m0s
	// 2026-11-01 2026-11-01T07:00:00Z 2026-11-02T08:00:00Z 25h0m0s
}

func ExampleDateFormat_Format() {
	day := nstime.Date{Year: 2025, Month: time.March, Day: 5}
	for _, f := range nstime.DateFormats() {
		fmt.Printf("%-13s %s\n", f, f.Format(day))
	}
	// Output:
	// M/D/YYYY      3/5/2025
	// D/M/YYYY      5/3/2025
	// D-Mon-YYYY    5-Mar-2025
	// D.M.YYYY      5.3.2025
	// DD/MM/YYYY    05/03/2025
	// DD-MONTH-YYYY 05-March-2025
	// MM/DD/YYYY    03/05/2025
	// YYYY-MM-DD    2025-03-05
	// YYYY/MM/DD    2025/03/05
}

func ExampleSinceFilter() {
	la, _ := time.LoadLocation("America/Los_Angeles")
	f, _ := nstime.ParseDateFormat("M/D/YYYY") // the account's Date Format preference
	cursor := time.Date(2026, time.March, 8, 7, 30, 0, 0, time.UTC)

	// 07:30 UTC is still March 7 in Los Angeles; q compares whole days there.
	fmt.Println(nstime.SinceFilter("lastModifiedDate", cursor, la, f))
	start, _ := nstime.DayBounds(cursor, la)
	fmt.Println("re-reads from", nstime.FormatDateTime(start, la), "- de-duplicate")
	// Output:
	// lastModifiedDate ON_OR_AFTER "3/7/2026"
	// re-reads from 2026-03-07T00:00:00-08:00 - de-duplicate
}
