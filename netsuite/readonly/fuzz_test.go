package readonly

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzStrip strips random JSON objects: Strip must not panic, must report
// sorted unique paths, must remove exactly what it reports (when the keys
// make paths unambiguous), and a second Strip must drop nothing.
func FuzzStrip(f *testing.F) {
	for _, name := range []string{"salesOrder_get.json", "customer_get.json", "customer.schema.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, uint8(0))
	}
	f.Add([]byte(`{"item": [{"quantity": 1, "rate": 2, "amount": 2, "links": []}, 3, null]}`), uint8(2))
	f.Add([]byte(`{"a": {"items": [{"refName": "x"}], "totalResults": 1}, "b": {"links": []}}`), uint8(4))
	f.Add([]byte(`{"owner": {"refName": "x", "links": []}, "created": 1}`), uint8(9))
	f.Add([]byte(`{"items": [{"items": [{"links": [], "refName": "r"}]}]}`), uint8(7))

	rules := New()
	types := append(slices.Clone(served), "customrecord_fuzz", "unknownType")
	f.Fuzz(func(t *testing.T, data []byte, pick uint8) {
		var body map[string]any
		if json.Unmarshal(data, &body) != nil || body == nil {
			return
		}
		typ := types[int(pick)%len(types)]
		op := []Op{Create, Update, Create | Update}[int(pick)%3]
		orig := clone(body)
		dropped := rules.Strip(typ, body, op)
		if !slices.IsSorted(dropped) {
			t.Fatalf("not sorted: %q", dropped)
		}
		if len(slices.Compact(slices.Clone(dropped))) != len(dropped) {
			t.Fatalf("repeated: %q", dropped)
		}
		if plainKeys(orig) {
			if diff := cmp.Diff(without(orig, dropped), any(body)); diff != "" {
				t.Fatalf("%s %v: Strip changed more than it reported:\n%s", typ, op, diff)
			}
		}
		if again := rules.Strip(typ, body, op); again != nil {
			t.Fatalf("%s %v: second Strip dropped %q", typ, op, again)
		}
	})
}

// plainKeys reports whether no key could make two paths look alike.
func plainKeys(v any) bool {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if k == "" || strings.ContainsAny(k, ".[]") || !plainKeys(e) {
				return false
			}
		}
	case []any:
		for _, e := range x {
			if !plainKeys(e) {
				return false
			}
		}
	}
	return true
}
