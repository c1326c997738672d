package nstime

import (
	"strconv"
	"strings"
	"time"
)

// DateFormat is the account's Date Format preference (Setup > Company > General
// Preferences, and each user's own preferences): how NetSuite writes dates in
// its UI, in SuiteQL results without TO_CHAR (observed in salto-io/salto's
// NetSuite adapter) and, above all, how date literals in record API q filters
// must be written (airbytehq/airbyte source_netsuite/constraints.py: "3/8/2026"
// for M/D/YYYY; a mismatch is 400 INVALID_PARAMETER, "Unparseable date").
//
// The zero DateFormat is FormatMDY, NetSuite's default. A DateFormat reads
// and writes itself as its preference name (M/D/YYYY), so it can sit in
// configuration decoded from YAML or JSON.
type DateFormat int

// The supported formats. The first six are the ones Oracle lists with examples, written here for
// March 5, 2025
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N249143.html); M/D/YYYY is
// the default ("The default date format is M/D/YYYY").
//
// Assumption: FormatMMDDYYYY, FormatISO and FormatYMDSlash are offered by
// NetSuite too. Oracle's page shows only "some of the available date formats",
// and Airbyte, which tries %m/%d/%Y, %Y-%m-%d, %d/%m/%Y and %d.%m.%Y in q
// filters (airbytehq/airbyte source_netsuite/constraints.py), has met
// YYYY-MM-DD accounts. MM/DD/YYYY and YYYY/MM/DD are not sourced.
const (
	FormatMDY         DateFormat = iota // M/D/YYYY: 3/5/2025 (the default)
	FormatDMY                           // D/M/YYYY: 5/3/2025
	FormatDMonYYYY                      // D-Mon-YYYY: 5-Mar-2025
	FormatDMYDot                        // D.M.YYYY: 5.3.2025
	FormatDDMMYYYY                      // DD/MM/YYYY: 05/03/2025
	FormatDDMonthYYYY                   // DD-MONTH-YYYY: 05-March-2025
	FormatMMDDYYYY                      // MM/DD/YYYY: 03/05/2025 (assumption)
	FormatISO                           // YYYY-MM-DD: 2025-03-05 (assumption)
	FormatYMDSlash                      // YYYY/MM/DD: 2025/03/05 (assumption)
)

// Month spellings in a date.
const (
	monthNumber = iota // 3
	monthAbbrev        // Mar
	monthName          // March
)

// dateFormats describes each format, indexed by DateFormat.
var dateFormats = [...]struct {
	name  string // the preference's name
	order string // the parts in order: d day, m month, y year
	sep   string // between the parts
	pad   bool   // day and month numbers with two digits
	month int    // monthNumber, monthAbbrev or monthName
}{
	FormatMDY:         {"M/D/YYYY", "mdy", "/", false, monthNumber},
	FormatDMY:         {"D/M/YYYY", "dmy", "/", false, monthNumber},
	FormatDMonYYYY:    {"D-Mon-YYYY", "dmy", "-", false, monthAbbrev},
	FormatDMYDot:      {"D.M.YYYY", "dmy", ".", false, monthNumber},
	FormatDDMMYYYY:    {"DD/MM/YYYY", "dmy", "/", true, monthNumber},
	FormatDDMonthYYYY: {"DD-MONTH-YYYY", "dmy", "-", true, monthName},
	FormatMMDDYYYY:    {"MM/DD/YYYY", "mdy", "/", true, monthNumber},
	FormatISO:         {"YYYY-MM-DD", "ymd", "-", true, monthNumber},
	FormatYMDSlash:    {"YYYY/MM/DD", "ymd", "/", true, monthNumber},
}

// DateFormats returns every supported format: Oracle's six first, then the
// assumed ones, in the order of the constants.
func DateFormats() []DateFormat {
	out := make([]DateFormat, len(dateFormats))
	for i := range dateFormats {
		out[i] = DateFormat(i)
	}
	return out
}

// formatNames lists the names for error messages.
func formatNames() string {
	names := make([]string, len(dateFormats))
	for i, f := range dateFormats {
		names[i] = f.name
	}
	return strings.Join(names, ", ")
}

// ParseDateFormat reads a Date Format preference by its name as NetSuite
// lists it (M/D/YYYY, D-Mon-YYYY, DD-MONTH-YYYY, ...), ignoring case and
// surrounding white space. Errors are *ParseError and list the choices.
func ParseDateFormat(s string) (DateFormat, error) {
	t := strings.TrimSpace(s)
	for i, f := range dateFormats {
		if strings.EqualFold(t, f.name) {
			return DateFormat(i), nil
		}
	}
	return 0, &ParseError{Value: s, Reason: "not a supported Date Format preference",
		what: "date format", forms: "choose one of " + formatNames()}
}

func (f DateFormat) valid() bool { return f >= 0 && int(f) < len(dateFormats) }

// String is the preference's name, e.g. M/D/YYYY.
func (f DateFormat) String() string {
	if !f.valid() {
		return "DateFormat(" + strconv.Itoa(int(f)) + ")"
	}
	return dateFormats[f].name
}

// Format writes d in the format: 3/5/2025 for March 5, 2025 in M/D/YYYY,
// 05-March-2025 in DD-MONTH-YYYY. Month names are English. The year has
// four digits. Format panics if f is not one of the constants.
func (f DateFormat) Format(d Date) string {
	if !f.valid() {
		panic("nstime: Format of invalid " + f.String())
	}
	spec := dateFormats[f]
	parts := make([]string, 0, 3)
	for _, c := range spec.order {
		switch c {
		case 'd':
			parts = append(parts, num2(d.Day, spec.pad))
		case 'm':
			switch spec.month {
			case monthAbbrev:
				parts = append(parts, d.Month.String()[:3])
			case monthName:
				parts = append(parts, d.Month.String())
			default:
				parts = append(parts, num2(int(d.Month), spec.pad))
			}
		case 'y':
			parts = append(parts, pad(d.Year, 4))
		}
	}
	return strings.Join(parts, spec.sep)
}

func num2(n int, padded bool) string {
	if padded {
		return pad(n, 2)
	}
	return strconv.Itoa(n)
}

// Parse reads a date written in the format, such as a SuiteQL date column that
// was not projected with TO_CHAR (observed in salto-io/salto's NetSuite
// adapter). It is lenient where NetSuite's own writing varies: day and month
// numbers may have one or two digits whatever the format pads, month names and
// abbreviations are English in any case; the year has four digits and the day
// must exist. Errors are *ParseError.
func (f DateFormat) Parse(s string) (Date, error) {
	if !f.valid() {
		return Date{}, &ParseError{Value: s, Reason: "invalid " + f.String(),
			what: "date", forms: "choose a format among " + formatNames()}
	}
	spec := dateFormats[f]
	fail := func(reason string) (Date, error) {
		return Date{}, &ParseError{Value: s, Reason: reason, what: "date in format " + spec.name,
			forms: "accepted: " + f.Format(Date{2025, time.March, 5}) + " for March 5, 2025"}
	}
	parts := strings.Split(strings.TrimSpace(s), spec.sep)
	if len(parts) != 3 {
		return fail("not three parts separated by " + strconv.Quote(spec.sep))
	}
	var year, month, day int
	for i, c := range spec.order {
		p := parts[i]
		switch {
		case c == 'y':
			if len(p) != 4 || !digits(p) {
				return fail("year " + strconv.Quote(p) + " is not four digits")
			}
			year, _ = strconv.Atoi(p)
		case c == 'm' && spec.month != monthNumber:
			month = monthFromName(p, spec.month)
			if month == 0 {
				want := "an English month abbreviation (Mar)"
				if spec.month == monthName {
					want = "an English month name (March)"
				}
				return fail("month " + strconv.Quote(p) + " is not " + want)
			}
		default:
			if len(p) < 1 || len(p) > 2 || !digits(p) {
				what := "day"
				if c == 'm' {
					what = "month"
				}
				return fail(what + " " + strconv.Quote(p) + " is not one or two digits")
			}
			n, _ := strconv.Atoi(p)
			if c == 'm' {
				month = n
			} else {
				day = n
			}
		}
	}
	if reason := checkDate(year, month, day); reason != "" {
		return fail(reason)
	}
	return Date{year, time.Month(month), day}, nil
}

func digits(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// monthFromName is the month number of an English name or abbreviation, in
// any case, or 0.
func monthFromName(s string, style int) int {
	for m := time.January; m <= time.December; m++ {
		name := m.String()
		if style == monthAbbrev {
			name = name[:3]
		}
		if strings.EqualFold(s, name) {
			return int(m)
		}
	}
	return 0
}

// MarshalText writes the preference's name. An invalid DateFormat is an
// error.
func (f DateFormat) MarshalText() ([]byte, error) {
	if !f.valid() {
		return nil, &ParseError{Value: f.String(), Reason: "not a supported Date Format preference",
			what: "date format", forms: "choose one of " + formatNames()}
	}
	return []byte(f.String()), nil
}

// UnmarshalText reads a preference's name, as ParseDateFormat does.
func (f *DateFormat) UnmarshalText(b []byte) error {
	v, err := ParseDateFormat(string(b))
	if err != nil {
		return err
	}
	*f = v
	return nil
}
