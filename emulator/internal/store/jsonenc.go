package store

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"

	"github.com/nsconnect/nsconnect/internal/jsontext"
)

// marshalBody encodes a record's fields to the bytes json.Marshal gives,
// about three times faster: the bulk load's writer spends most of its time
// here. It writes the values a stored body holds (strings, float64s, bools,
// nil, map[string]any, []any) itself, exactly as encoding/json writes them,
// and leaves anything else, and any error, to json.Marshal.
func marshalBody(fields map[string]any, buf []byte) ([]byte, error) {
	if b, ok := appendJSON(buf, fields); ok {
		return b, nil
	}
	return json.Marshal(fields)
}

// appendJSON appends v as json.Marshal writes it; ok is false for a value it
// does not write (json.Number, other types, NaN and infinities).
func appendJSON(b []byte, v any) (_ []byte, ok bool) {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...), true
	case string:
		return jsontext.AppendString(b, x, true), true
	case bool:
		return strconv.AppendBool(b, x), true
	case float64:
		return appendFloat(b, x)
	case map[string]any:
		if x == nil {
			return append(b, "null"...), true
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys) // encoding/json sorts map keys as byte strings
		b = append(b, '{')
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsontext.AppendString(b, k, true)
			b = append(b, ':')
			if b, ok = appendJSON(b, x[k]); !ok {
				return b, false
			}
		}
		return append(b, '}'), true
	case []any:
		if x == nil {
			return append(b, "null"...), true
		}
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			if b, ok = appendJSON(b, e); !ok {
				return b, false
			}
		}
		return append(b, ']'), true
	}
	return b, false
}

// appendFloat writes a float64 as encoding/json's floatEncoder does: like
// ES6's number to string, 'f' form unless the magnitude is under 1e-6 or at
// least 1e21, and exponents without a leading zero.
func appendFloat(b []byte, f float64) ([]byte, bool) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, false
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 becomes e-9
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, true
}
