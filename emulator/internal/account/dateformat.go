package account

import (
	"fmt"
	"strings"
	"time"
)

// A DateFormat is the account's Date Format preference, written as NetSuite
// writes it: M/D/YYYY, D-Mon-YYYY, DD-MONTH-YYYY, ...
type DateFormat string

// DefaultDateFormat is NetSuite's default date format: "The default date format
// is M/D/YYYY" (Oracle ns:section_N249143).
const DefaultDateFormat DateFormat = "M/D/YYYY"

// dateLayouts maps each supported format to its Go layout. The first six are
// the formats Oracle lists with examples (ns:section_N249143: M/D/YYYY 3/5/2025,
// D/M/YYYY 5/3/2025, D-Mon-YYYY 5-Mar-2025, D.M.YYYY 5.3.2025, DD/MM/YYYY
// 05/03/2025, DD-MONTH-YYYY 05-March-2025). Assumption: the others are formats
// of the same family that the preference also offers; Oracle's page says it
// shows only "some of the available date formats".
var dateLayouts = []struct {
	format DateFormat
	layout string
}{
	{"M/D/YYYY", "1/2/2006"},
	{"D/M/YYYY", "2/1/2006"},
	{"D-Mon-YYYY", "2-Jan-2006"},
	{"D.M.YYYY", "2.1.2006"},
	{"DD/MM/YYYY", "02/01/2006"},
	{"DD-MONTH-YYYY", "02-January-2006"},
	{"MM/DD/YYYY", "01/02/2006"},
	{"DD.MM.YYYY", "02.01.2006"},
	{"DD-Mon-YYYY", "02-Jan-2006"},
	{"D-MONTH-YYYY", "2-January-2006"},
	{"YYYY/MM/DD", "2006/01/02"},
	{"YYYY-MM-DD", "2006-01-02"},
	{"YYYY/M/D", "2006/1/2"},
	{"YYYY-M-D", "2006-1-2"},
}

// DateFormats returns the supported date formats.
func DateFormats() []DateFormat {
	out := make([]DateFormat, len(dateLayouts))
	for i, d := range dateLayouts {
		out[i] = d.format
	}
	return out
}

// Layout returns the Go time layout of f, or "" if f is not supported.
func (f DateFormat) Layout() string {
	for _, d := range dateLayouts {
		if d.format == f {
			return d.layout
		}
	}
	return ""
}

// Format writes the date of t (in t's location) in format f, as NetSuite
// shows dates (REFERENCE.md §6.3: "3/5/2021" for M/D/YYYY). It panics if f is
// not supported; a validated Account's format always is.
func (f DateFormat) Format(t time.Time) string {
	layout := f.Layout()
	if layout == "" {
		panic(fmt.Sprintf("account: unsupported date format %q", string(f)))
	}
	return t.Format(layout)
}

// Parse reads a date written in format f as midnight in loc. Month names are
// matched ignoring case.
func (f DateFormat) Parse(s string, loc *time.Location) (time.Time, error) {
	layout := f.Layout()
	if layout == "" {
		return time.Time{}, fmt.Errorf("account: unsupported date format %q", string(f))
	}
	t, err := time.ParseInLocation(layout, s, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("account: date %q is not in the format %s", s, string(f))
	}
	return t, nil
}

func (f DateFormat) check() error {
	if f.Layout() != "" {
		return nil
	}
	names := make([]string, len(dateLayouts))
	for i, d := range dateLayouts {
		names[i] = string(d.format)
	}
	return fmt.Errorf("unsupported date format %q; use one of %s", string(f), strings.Join(names, ", "))
}
