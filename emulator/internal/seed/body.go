package seed

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/nsconnect/nsconnect/internal/jsontext"
)

// object is a JSON object that keeps its keys in the order they were set, so
// that a body reads like a NetSuite request (name first, sublists last) and
// encodes to the same bytes every time. Values are strings, bools, ints,
// float64s, *object and []*object.
type object struct {
	keys []string
	vals []any
}

func newObject(capacity int) *object {
	return &object{keys: make([]string, 0, capacity), vals: make([]any, 0, capacity)}
}

// set appends a field; keys are set once each.
func (o *object) set(key string, v any) *object {
	o.keys = append(o.keys, key)
	o.vals = append(o.vals, v)
	return o
}

// ref is a reference to another record in the REST write form {"id": "..."}
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142037.html);
// enum values use the same form.
func ref(id string) *object { return newObject(1).set("id", id) }

// collection is a sublist in the REST write form {"items": [...]}.
func collection(lines ...*object) *object { return newObject(1).set("items", lines) }

// multi is a multiselect in the REST write form {"items": [{"id": "..."}]}.
func multi(ids ...string) *object {
	lines := make([]*object, len(ids))
	for i, id := range ids {
		lines[i] = ref(id)
	}
	return collection(lines...)
}

// encode returns o as compact JSON.
func (o *object) encode() ([]byte, error) {
	return o.appendJSON(make([]byte, 0, 512))
}

func (o *object) appendJSON(b []byte) ([]byte, error) {
	b = append(b, '{')
	for i, k := range o.keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsontext.AppendString(b, k, false)
		b = append(b, ':')
		var err error
		if b, err = appendValue(b, o.vals[i]); err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
	}
	return append(b, '}'), nil
}

func appendValue(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case string:
		return jsontext.AppendString(b, v, false), nil
	case bool:
		return strconv.AppendBool(b, v), nil
	case int:
		return strconv.AppendInt(b, int64(v), 10), nil
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("unsupported number %v", v)
		}
		return strconv.AppendFloat(b, v, 'f', -1, 64), nil
	case *object:
		return v.appendJSON(b)
	case []*object:
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = e.appendJSON(b); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	}
	return nil, fmt.Errorf("unsupported value type %T", v)
}

// decoded returns o as encoding/json's Decoder with UseNumber decodes
// o.encode()'s bytes: map[string]any, []any, json.Number, strings (invalid
// UTF-8 bytes become U+FFFD, as jsontext.AppendString writes them) and bools. It fails
// where encode fails.
func (o *object) decoded() (map[string]any, error) {
	m := make(map[string]any, len(o.keys))
	for i, k := range o.keys {
		v, err := decodedValue(o.vals[i])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		m[validString(k)] = v
	}
	return m, nil
}

func decodedValue(v any) (any, error) {
	switch v := v.(type) {
	case string:
		return validString(v), nil
	case bool:
		return v, nil
	case int:
		return json.Number(strconv.Itoa(v)), nil
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("unsupported number %v", v)
		}
		return json.Number(strconv.FormatFloat(v, 'f', -1, 64)), nil
	case *object:
		return v.decoded()
	case []*object:
		a := make([]any, len(v))
		for i, e := range v {
			m, err := e.decoded()
			if err != nil {
				return nil, err
			}
			a[i] = m
		}
		return a, nil
	}
	return nil, fmt.Errorf("unsupported value type %T", v)
}

// validString replaces each byte of s that is not UTF-8 by U+FFFD, as
// jsontext.AppendString writes it.
func validString(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	b := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = utf8.AppendRune(b, utf8.RuneError)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return string(b)
}
