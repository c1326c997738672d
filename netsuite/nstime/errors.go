package nstime

import (
	"fmt"
	"time"
)

// ParseError is the error of every parse in this package: ParseDateTime,
// ParseDateTimeStrict, ParseDate, ParseDateFormat and DateFormat.Parse. Its
// message names the value, says what is wrong and lists the accepted forms.
type ParseError struct {
	Value  string // the input, as given
	Reason string // what is wrong with it, e.g. "month 13 out of range (01-12)"

	what  string // what was being parsed: "datetime", "date", ...
	forms string // the accepted forms
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("nstime: cannot parse %s %q: %s; %s", e.what, e.Value, e.Reason, e.forms)
}

// AmbiguousTimeError is ParseDateTimeStrict's refusal of a wall time that the
// clocks of the account time zone showed twice, because they were set back
// over it (2026-11-01 01:30 in America/Los_Angeles happened in PDT and again,
// an hour later, in PST). ParseDateTime would have given Earlier.
type AmbiguousTimeError struct {
	Value          string         // the input, as given
	Location       *time.Location // the account time zone
	Earlier, Later time.Time      // the first and the last instant that showed it, in Location
}

func (e *AmbiguousTimeError) Error() string {
	return fmt.Sprintf("nstime: %q is ambiguous in %s: the clocks showed it twice, at %s (%s) and at %s (%s); "+
		"add the offset of the one you mean",
		e.Value, e.Location, e.Earlier.Format(time.RFC3339Nano), zoneName(e.Earlier),
		e.Later.Format(time.RFC3339Nano), zoneName(e.Later))
}

// NonexistentTimeError is ParseDateTimeStrict's refusal of a wall time that
// the clocks of the account time zone never showed, because they jumped
// forward over it (2026-03-08 02:30 in America/Los_Angeles: clocks went from
// 02:00 PST to 03:00 PDT).
type NonexistentTimeError struct {
	Value      string         // the input, as given
	Location   *time.Location // the account time zone
	Transition time.Time      // the instant the clocks jumped, in Location
	Gap        time.Duration  // how far they jumped
	Shifted    time.Time      // what ParseDateTime gives: the wall time moved forward by Gap

	before *time.Location // the zone in force just before Transition
}

func (e *NonexistentTimeError) Error() string {
	const layout = "2006-01-02 15:04 MST"
	from := e.Transition.Format(layout)
	if e.before != nil {
		from = e.Transition.In(e.before).Format(layout)
	}
	return fmt.Sprintf("nstime: %q does not exist in %s: the clocks jumped from %s to %s (at %s), skipping %s; "+
		"ParseDateTime reads it as %s",
		e.Value, e.Location, from, e.Transition.Format(layout), FormatUTC(e.Transition), e.Gap,
		e.Shifted.Format(time.RFC3339Nano))
}
