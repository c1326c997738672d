package seed

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// fieldsCreator is a fakeCreator that takes decoded bodies.
type fieldsCreator struct {
	fakeCreator
	fields []map[string]any
}

func (f *fieldsCreator) CreateFields(ctx context.Context, recordType string, fields map[string]any) (string, error) {
	f.fields = append(f.fields, fields)
	return f.Create(ctx, recordType, nil)
}

// A FieldsCreator gets, record for record, what decoding the bodies a
// Creator gets gives: the emulator's bulk path relies on it to make the
// records its record service makes.
func TestFieldsCreatorGetsTheDecodedBodies(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 2_000} {
		calls, _ := runDemo(t, Options{Seed: 7, Records: n, Now: testNow})
		fc := &fieldsCreator{}
		if _, err := Demo(context.Background(), fc, Options{Seed: 7, Records: n, Now: testNow}); err != nil {
			t.Fatal(err)
		}
		if len(fc.fields) != len(calls) {
			t.Fatalf("Records %d: %d decoded bodies, %d bodies", n, len(fc.fields), len(calls))
		}
		for i, c := range calls {
			if diff := cmp.Diff(decodeNumbers(t, []byte(c.Body)), fc.fields[i]); diff != "" {
				t.Fatalf("Records %d, %s #%d: (-decoded body +fields):\n%s", n, c.Type, i+1, diff)
			}
		}
	}
}

// decoded agrees with decoding encode's bytes on the values it converts, and
// fails where encode fails.
func TestDecodedIsDecodeOfEncode(t *testing.T) {
	t.Parallel()
	o := newObject(8).
		set("s", "Honey & Wax <x> \"q\" \\ \t\n \u2028 é \xff\xfe end").
		set("i", -42).
		set("f", []*object{newObject(2).set("a", 0.1).set("b", 1e21), newObject(1).set("c", 1e-7)}).
		set("b", false).
		set("ref", ref("12")).
		set("bad\xffkey", multi("1", "2"))
	b, err := o.encode()
	if err != nil {
		t.Fatal(err)
	}
	got, err := o.decoded()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(decodeNumbers(t, b), got); diff != "" {
		t.Errorf("(-decode(encode) +decoded):\n%s", diff)
	}
	for _, v := range []any{math.NaN(), math.Inf(-1), uint8(1)} {
		bad := newObject(1).set("x", newObject(1).set("y", v))
		_, eerr := bad.encode()
		_, derr := bad.decoded()
		if eerr == nil || derr == nil || eerr.Error() != derr.Error() {
			t.Errorf("%v: encode error %v, decoded error %v", v, eerr, derr)
		}
	}
}

func decodeNumbers(t *testing.T, b []byte) map[string]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m
}
