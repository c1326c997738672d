package netsuite

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/nsconnect/nsconnect/netsuite/nstime"
)

type decoded struct {
	ID         int64 `suiteql:"id"`
	Name       string
	Inactive   bool      `suiteql:"isinactive"`
	Total      float64   `suiteql:"total"`
	Created    time.Time `suiteql:"created"`
	Modified   *time.Time
	Day        nstime.Date `suiteql:"trandate"`
	Parent     *int
	Memo       *string `suiteql:"memo"`
	Ignored    string  `suiteql:"-"`
	Small      uint8
	Anything   any `suiteql:"expr1"`
	unexported string
	embedded
}

type embedded struct {
	Tier string `suiteql:"custentity_tier"`
}

func TestDecode(t *testing.T) {
	t.Parallel()
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Skip(err)
	}
	row := Row{
		"id": "107", "name": "Acme", "isinactive": "F", "total": "-.5",
		"created":  "2026-03-08 02:30:00",     // skipped by the clocks: 03:30 PDT
		"modified": "2026-11-01T01:30:00.250", // shown twice: the first, PDT
		"trandate": "2026-03-08", "parent": "5", "ignored": "x", "small": "255", "expr1": "143",
		"unexported": "x", "custentity_tier": "Gold",
	}
	got := decoded{Memo: new(string), Ignored: "kept"}
	if err := Decode(row, &got, la); err != nil {
		t.Fatal(err)
	}
	mod := time.Date(2026, 11, 1, 8, 30, 0, 250e6, time.UTC).In(la)
	five := 5
	want := decoded{
		ID: 107, Name: "Acme", Inactive: false, Total: -0.5,
		Created:  time.Date(2026, 3, 8, 10, 30, 0, 0, time.UTC).In(la),
		Modified: &mod, Day: nstime.Date{Year: 2026, Month: 3, Day: 8},
		Parent: &five, Memo: nil, Ignored: "kept", Small: 255, Anything: "143",
		embedded: embedded{Tier: "Gold"},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(decoded{})); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if !got.Created.Equal(want.Created) || !got.Modified.Equal(mod) {
		t.Errorf("instants: %v, %v; want %v, %v", got.Created, got.Modified, want.Created, mod)
	}

	var b struct{ A, B bool }
	if err := Decode(Row{"a": "T", "b": "F"}, &b, la); err != nil || !b.A || b.B {
		t.Errorf("T/F: %+v, %v", b, err)
	}
	var d struct{ Day time.Time }
	if err := Decode(Row{"DAY": "2026-03-08"}, &d, la); err != nil || d.Day.Format(time.RFC3339) != "2026-03-08T00:00:00-08:00" {
		t.Errorf("a date is the start of the day in loc: %v, %v", d.Day, err)
	}
}

func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	var s struct {
		N     int8
		F     float64
		B     bool
		T     time.Time
		C     chan int
		Count int `suiteql:"count"`
	}
	tests := []struct {
		row  Row
		v    any
		loc  *time.Location
		want string
	}{
		{Row{"n": "300"}, &s, time.UTC, "column n into field N"},
		{Row{"n": "1.5"}, &s, time.UTC, "not an integer"},
		{Row{"f": "abc"}, &s, time.UTC, "not a number"},
		{Row{"b": "Y"}, &s, time.UTC, "not a boolean"},
		{Row{"t": "3/8/2026"}, &s, time.UTC, "display format"},
		{Row{"t": "2026-03-08 10:00:00"}, &s, nil, "no time zone"},
		{Row{"c": "1"}, &s, time.UTC, "not one Decode reads"},
		{Row{"count": "many"}, &s, time.UTC, "column count"},
		{Row{}, s, time.UTC, "pointer to a struct"},
		{Row{}, (*struct{})(nil), time.UTC, "pointer to a struct"},
		{Row{}, new(int), time.UTC, "pointer to a struct"},
	}
	for _, tt := range tests {
		err := Decode(tt.row, tt.v, tt.loc)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Decode(%v) = %v; want an error with %q", tt.row, err, tt.want)
		}
	}
}
