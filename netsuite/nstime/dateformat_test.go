package nstime

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// Oracle's examples for March 5, 2025
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N249143.html), and ours
// for the assumed formats.
var march5 = []struct {
	format DateFormat
	name   string
	want   string
}{
	{FormatMDY, "M/D/YYYY", "3/5/2025"},
	{FormatDMY, "D/M/YYYY", "5/3/2025"},
	{FormatDMonYYYY, "D-Mon-YYYY", "5-Mar-2025"},
	{FormatDMYDot, "D.M.YYYY", "5.3.2025"},
	{FormatDDMMYYYY, "DD/MM/YYYY", "05/03/2025"},
	{FormatDDMonthYYYY, "DD-MONTH-YYYY", "05-March-2025"},
	{FormatMMDDYYYY, "MM/DD/YYYY", "03/05/2025"},
	{FormatISO, "YYYY-MM-DD", "2025-03-05"},
	{FormatYMDSlash, "YYYY/MM/DD", "2025/03/05"},
}

func TestDateFormatFormat(t *testing.T) {
	t.Parallel()
	if len(march5) != len(DateFormats()) {
		t.Fatalf("the test covers %d formats of %d", len(march5), len(DateFormats()))
	}
	for i, tt := range march5 {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if DateFormats()[i] != tt.format {
				t.Errorf("DateFormats()[%d] = %v; want %v", i, DateFormats()[i], tt.format)
			}
			if got := tt.format.String(); got != tt.name {
				t.Errorf("String() = %s; want %s", got, tt.name)
			}
			if got := tt.format.Format(Date{2025, time.March, 5}); got != tt.want {
				t.Errorf("%v.Format(2025-03-05) = %s; want %s", tt.format, got, tt.want)
			}
			for _, d := range []Date{{2025, 3, 5}, {2026, 12, 31}, {2026, 1, 1}, {1, 9, 10}} {
				got, err := tt.format.Parse(tt.format.Format(d))
				if err != nil || got != d {
					t.Errorf("%v.Parse(Format(%v)) = %v, %v", tt.format, d, got, err)
				}
			}
		})
	}
	var zero DateFormat
	if zero != FormatMDY || zero.Format(Date{2026, 3, 8}) != "3/8/2026" {
		t.Errorf("the zero DateFormat is %v; want M/D/YYYY, NetSuite's default", zero)
	}
}

func TestParseDateFormat(t *testing.T) {
	t.Parallel()
	for _, tt := range march5 {
		for _, in := range []string{tt.name, strings.ToLower(tt.name), " " + strings.ToUpper(tt.name) + "\t"} {
			got, err := ParseDateFormat(in)
			if err != nil || got != tt.format {
				t.Errorf("ParseDateFormat(%q) = %v, %v; want %v", in, got, err, tt.format)
			}
		}
	}
	for _, in := range []string{"", "MM/DD/YY", "%m/%d/%Y", "D-MONTH-YYYY", "iso"} {
		_, err := ParseDateFormat(in)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("ParseDateFormat(%q) error = %v; want a *ParseError", in, err)
		}
		want := `nstime: cannot parse date format "` + in + `": not a supported Date Format preference; choose one of ` +
			"M/D/YYYY, D/M/YYYY, D-Mon-YYYY, D.M.YYYY, DD/MM/YYYY, DD-MONTH-YYYY, MM/DD/YYYY, YYYY-MM-DD, YYYY/MM/DD"
		if err.Error() != want {
			t.Errorf("ParseDateFormat(%q) error:\n got %v\nwant %s", in, err, want)
		}
	}
}

func TestDateFormatParse(t *testing.T) {
	t.Parallel()
	good := []struct {
		format DateFormat
		in     string
		want   Date
	}{
		{FormatMDY, "3/8/2026", Date{2026, 3, 8}},
		{FormatMDY, "03/08/2026", Date{2026, 3, 8}}, // padding is tolerated
		{FormatMDY, " 12/31/2026 ", Date{2026, 12, 31}},
		{FormatDMY, "8/3/2026", Date{2026, 3, 8}},
		{FormatDMonYYYY, "8-mar-2026", Date{2026, 3, 8}},
		{FormatDMonYYYY, "08-MAR-2026", Date{2026, 3, 8}},
		{FormatDMYDot, "8.3.2026", Date{2026, 3, 8}},
		{FormatDDMMYYYY, "8/3/2026", Date{2026, 3, 8}},
		{FormatDDMonthYYYY, "8-march-2026", Date{2026, 3, 8}},
		{FormatMMDDYYYY, "3/8/2026", Date{2026, 3, 8}},
		{FormatISO, "2026-3-8", Date{2026, 3, 8}},
		{FormatYMDSlash, "2026/03/08", Date{2026, 3, 8}},
	}
	for _, tt := range good {
		got, err := tt.format.Parse(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("%v.Parse(%q) = %v, %v; want %v", tt.format, tt.in, got, err, tt.want)
		}
	}
	bad := []struct {
		format     DateFormat
		in, reason string
	}{
		{FormatMDY, "2026-03-08", `not three parts separated by "/"`},
		{FormatMDY, "3/8/26", `year "26" is not four digits`},
		{FormatMDY, "13/8/2026", "month 13 out of range"},
		{FormatMDY, "2/29/2026", "day 29 out of range for February 2026"},
		{FormatDMY, "3/8/2026/1", "not three parts"},
		{FormatDMY, "x/8/2026", `day "x" is not one or two digits`},
		{FormatDMY, "8/123/2026", `month "123" is not one or two digits`},
		{FormatDMonYYYY, "8-March-2026", `month "March" is not an English month abbreviation (Mar)`},
		{FormatDDMonthYYYY, "08-Mar-2026", `month "Mar" is not an English month name (March)`},
		{FormatDDMonthYYYY, "08-Mär-2026", "is not an English month name"},
		{FormatISO, "0000-01-01", "year 0000 out of range"},
	}
	for _, tt := range bad {
		_, err := tt.format.Parse(tt.in)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("%v.Parse(%q) error = %v; want a *ParseError", tt.format, tt.in, err)
		}
		for _, want := range []string{`date in format ` + tt.format.String() + ` "` + tt.in + `"`, tt.reason, "accepted: " + tt.format.Format(Date{2025, 3, 5})} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%v.Parse(%q) error %q does not contain %q", tt.format, tt.in, err, want)
			}
		}
	}
}

func TestDateFormatInvalid(t *testing.T) {
	t.Parallel()
	bad := DateFormat(42)
	if got := bad.String(); got != "DateFormat(42)" {
		t.Errorf("String() = %s; want DateFormat(42)", got)
	}
	if _, err := bad.Parse("3/8/2026"); err == nil {
		t.Error("Parse with an invalid format: no error")
	}
	if _, err := bad.MarshalText(); err == nil {
		t.Error("MarshalText of an invalid format: no error")
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "DateFormat(42)") {
			t.Errorf("Format with an invalid format panicked with %v; want a panic naming it", r)
		}
	}()
	bad.Format(Date{2026, 3, 8})
}

func TestDateFormatText(t *testing.T) {
	t.Parallel()
	type account struct {
		DateFormat DateFormat `json:"dateFormat"`
	}
	var a account
	if err := json.Unmarshal([]byte(`{"dateFormat":"dd-month-yyyy"}`), &a); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(account{FormatDDMonthYYYY}, a); diff != "" {
		t.Errorf("json.Unmarshal (-want +got):\n%s", diff)
	}
	b, err := json.Marshal(a)
	if err != nil || string(b) != `{"dateFormat":"DD-MONTH-YYYY"}` {
		t.Errorf("json.Marshal = %s, %v", b, err)
	}
	if err := json.Unmarshal([]byte(`{"dateFormat":"Y-M-D"}`), &a); err == nil {
		t.Error("json.Unmarshal of Y-M-D: no error")
	}
}
