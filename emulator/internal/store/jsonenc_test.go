package store

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
)

// marshalBody must give json.Marshal's bytes: the bulk load and Create
// write the same bodies.
func TestMarshalBodyIsJSONMarshal(t *testing.T) {
	t.Parallel()
	strs := []string{
		"", "plain", `quote " and \ backslash`, "<b>Honey & Wax</b>", "tab\tnew\nline\rcr\bbs\fff",
		"\x00\x01\x1f\x7f", "é ü 日本 🐝", "bad \xff utf8 \xc3", "sep \u2028 \u2029", "\u00a0nbsp",
	}
	floats := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1871.43, 1e-6, 9.99e-7, 1e-7, 1.5e-10,
		1e20, 1e21, 123456789012345678901234.0, -2.5e-300, math.MaxFloat64, math.SmallestNonzeroFloat64, 1e15}
	fields := map[string]any{"z": nil, "b": true, "f": false, "empty": map[string]any{}, "list": []any{}}
	for i, s := range strs {
		fields[s] = s
		fields["s"+string(rune('a'+i))] = []any{s, map[string]any{s: s}}
	}
	for i, f := range floats {
		fields["n"+string(rune('a'+i))] = f
	}
	fields["nested"] = map[string]any{"item": []any{
		map[string]any{"line": 1.0, "item": "780", "amount": 65.0},
		map[string]any{"line": 2.0, "item": nil, "sub": map[string]any{"x": []any{"1", 2.5, true}}},
	}}
	for _, v := range []map[string]any{fields, nil, {}, {"nilmap": map[string]any(nil), "nillist": []any(nil)}} {
		check(t, v)
	}
	// Values it leaves to json.Marshal: the same bytes or the same error.
	for _, v := range []map[string]any{
		{"n": json.Number("12.50")}, {"n": json.Number("x")}, {"i": 3}, {"f": math.NaN()}, {"f": math.Inf(1)},
		{"deep": []any{map[string]any{"n": json.Number("1e3")}}},
	} {
		check(t, v)
	}
}

func FuzzMarshalBody(f *testing.F) {
	f.Add("Honey & Wax <x>", 1871.43, true)
	f.Add("\xff\u2028", 1e-7, false)
	f.Fuzz(func(t *testing.T, s string, x float64, b bool) {
		check(t, map[string]any{s: []any{s, x, b, nil, map[string]any{"k": s}}})
	})
}

func check(t *testing.T, v map[string]any) {
	t.Helper()
	want, wantErr := json.Marshal(v)
	got, err := marshalBody(v, nil)
	if (err == nil) != (wantErr == nil) || !bytes.Equal(got, want) {
		t.Errorf("marshalBody(%#v)\n got %s, %v\nwant %s, %v", v, got, err, want, wantErr)
	}
}
