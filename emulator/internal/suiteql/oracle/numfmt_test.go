package oracle

import (
	"math"
	"testing"
)

func TestFormatNumber(t *testing.T) {
	t.Parallel()
	tests := []struct {
		v    any
		want string
	}{
		{0.5, ".5"}, {-0.25, "-.25"}, {int64(10), "10"}, {10.0, "10"}, {0.0, "0"}, {int64(-7), "-7"},
		{1234.5678, "1234.5678"}, {10.1 + 20.2, "30.3"}, {0.1 + 0.2, ".3"}, {1e21, "1000000000000000000000"},
		{1e-5, ".00001"}, {1e40, "1.0E+40"}, {-1.5e-45, "-1.5E-45"}, {123456789012345.0, "123456789012345"},
	}
	for _, tt := range tests {
		if got := FormatNumber(tt.v); got != tt.want {
			t.Errorf("FormatNumber(%v) = %q; want %q", tt.v, got, tt.want)
		}
	}
}

// Examples from Oracle's "Number Format Models" (Matching Number Format
// Models table) and TO_CHAR (number).
func TestFormatNumberModel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		v     any
		model string
		want  string
	}{
		{-1234567890.0, "9999999999S", "1234567890-"},
		{0.0, "99.99", "   .00"},
		{0.1, "99.99", "   .10"},
		{-0.2, "99.99", "  -.20"},
		{0.0, "90.99", "  0.00"},
		{0.1, "90.99", "  0.10"},
		{-0.2, "90.99", " -0.20"},
		{0.0, "9999", "    0"},
		{1.0, "9999", "    1"},
		{0.0, "B9999", "     "},
		{1.0, "B9999", "    1"},
		{0.0, "B90.99", "      "},
		{123.456, "999.999", " 123.456"},
		{-123.456, "999.999", "-123.456"},
		{123.456, "FM999.009", "123.456"},
		{123.456, "9.9EEEE", "  1.2E+02"},
		{1e10, "9.9EEEE", "  1.0E+10"},
		{123.456, "FM9.9EEEE", "1.2E+02"},
		{123.45, "FM999.009", "123.45"},
		{123.0, "FM999.009", "123.00"},
		{int64(1234), "99", "###"},
		{1234.5, "9,999.00", " 1,234.50"},
		{int64(5), "9,999", "     5"},
		{int64(1234567), "9G999G999", " 1,234,567"},
		{int64(-5), "999MI", "  5-"},
		{int64(5), "999MI", "  5 "},
		{int64(-5), "999PR", "  <5>"},
		{int64(5), "999PR", "   5 "},
		{int64(5), "S999", "  +5"},
		{int64(-5), "S999", "  -5"},
		{int64(255), "XX", " FF"},
		{int64(255), "xxxx", "   ff"},
		{int64(255), "0XXX", " 00FF"},
		{int64(256), "XX", "###"},
		{int64(1999), "RN", "        MCMXCIX"},
		{int64(1999), "FMrn", "mcmxcix"},
		{12.5, "99V9", " 125"},
		{1.0, "FM999.99", "1."},
		{1.5, "FM999.99", "1.5"},
		{0.5, "TM", ".5"},
		{0.5, "TM9", ".5"},
		{12.3, "$99.99", " $12.30"},
		{-12.3, "$99.99", "-$12.30"},
		{2.675, "9.99", " 2.68"},
		{-0.004, "0.99", " 0.00"},
		{int64(7), "000", " 007"},
		{int64(1234), "FM9,999", "1,234"},
	}
	for _, tt := range tests {
		got, err := FormatNumberModel(tt.v, tt.model)
		if err != nil || got != tt.want {
			t.Errorf("FormatNumberModel(%v, %q) = %q, %v; want %q", tt.v, tt.model, got, err, tt.want)
		}
	}
	for _, m := range []string{"99.9.9", "ABC", "9,9.9,9"} {
		if _, err := FormatNumberModel(1.0, m); err == nil {
			t.Errorf("FormatNumberModel(1, %q) did not fail", m)
		}
	}
}

func TestParseNumber(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s, model string
		want     float64
	}{
		{"12.5", "", 12.5}, {" -.5 ", "", -0.5}, {"+5", "", 5}, {"1e3", "", 1000},
		{"1,234.50", "9,999.99", 1234.5}, {"$12.30", "$99.99", 12.3}, {"5-", "999MI", -5},
		{"<5>", "999PR", -5}, {"-5", "S999", -5}, {"FF", "XX", 255}, {"ff", "xxxx", 255},
		{"125", "99V9", 12.5}, {"0.5", "0.9", 0.5}, {"1.2E+02", "9.9EEEE", 120},
	}
	for _, tt := range tests {
		if got, err := ParseNumber(tt.s, tt.model); err != nil || math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("ParseNumber(%q, %q) = %v, %v; want %v", tt.s, tt.model, got, err, tt.want)
		}
	}
	for _, tt := range []struct{ s, model string }{
		{"abc", ""}, {"Inf", ""}, {"NaN", ""}, {"0x10", ""}, {"1_000", ""}, {"", ""},
		{"12345", "999"}, {"1.234", "9.99"}, {"1.5", "999"}, {"12a", "999"}, {"GG", "XX"},
	} {
		if got, err := ParseNumber(tt.s, tt.model); err == nil {
			t.Errorf("ParseNumber(%q, %q) = %v; want an error", tt.s, tt.model, got)
		}
	}
}

func TestRoundTruncNum(t *testing.T) {
	t.Parallel()
	tests := []struct {
		fn   func(float64, int) float64
		n    float64
		d    int
		want float64
	}{
		{RoundNum, 15.193, 1, 15.2}, {RoundNum, 15.193, -1, 20}, {RoundNum, -2.5, 0, -3}, {RoundNum, 2.5, 0, 3},
		{RoundNum, 1.005, 2, 1.01}, {RoundNum, 0.0004, 3, 0}, {RoundNum, 999.5, 0, 1000},
		{TruncNum, 15.79, 1, 15.7}, {TruncNum, 15.79, -1, 10}, {TruncNum, -15.79, 0, -15}, {TruncNum, 0.001, 2, 0},
	}
	for _, tt := range tests {
		if got := tt.fn(tt.n, tt.d); got != tt.want {
			t.Errorf("round/trunc(%v, %d) = %v; want %v", tt.n, tt.d, got, tt.want)
		}
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"12.5", "-1,234.50", "<5>", "FF", "1e3", "$1.00"} {
		for _, m := range []string{"", "9,999.99", "999PR", "XX", "S999", "$99.99", "9.9EEEE", "FM0.00"} {
			f.Add(s, m)
		}
	}
	f.Fuzz(func(t *testing.T, s, model string) {
		v, err := ParseNumber(s, model)
		if err == nil && (math.IsNaN(v) || math.IsInf(v, 0)) {
			t.Errorf("ParseNumber(%q, %q) = %v", s, model, v)
		}
		if err == nil {
			// What TO_CHAR writes in a model, TO_NUMBER reads back.
			out, err := FormatNumberModel(v, model)
			if err != nil {
				t.Fatalf("model %q parsed a number but does not format: %v", model, err)
			}
			_ = out
		}
	})
}
