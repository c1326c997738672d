package netsuite

import (
	"encoding"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/nsconnect/nsconnect/netsuite/nstime"
)

// Decode reads row into v, a pointer to a struct whose fields carry
// `suiteql:"column"` tags (else the lower-case field name): strings,
// integers, floats, bools ('T'/'F'), time.Time (TO_CHAR datetimes such as
// 'YYYY-MM-DD HH24:MI:SS' or ISO 8601, read in loc, DST-exact) and pointers
// to them for columns that may be null.
//
// In detail: a tag of "-" skips the field, and so does an unexported one;
// the fields of embedded structs count as the struct's own. Column names
// are compared in lower case, as NetSuite sends them. A column that is
// absent (null) sets a pointer field to nil and leaves any other field as
// it is. A bool reads T or F (and true, false, 1, 0); an integer or a
// float reads NetSuite's number text, such as -12, 95.49 or .5 (an integer
// field refuses a fraction). A time.Time reads the forms of
// nstime.ParseDateTime: TO_CHAR's 'YYYY-MM-DD HH24:MI:SS[.FF]' and
// 'YYYY-MM-DD"T"HH24:MI:SS' are wall times in loc, the account's time zone
// (Client.Timezone), and 'YYYY-MM-DD' the start of that day there. A wall
// time the clocks of loc skipped or showed twice is resolved by nstime's
// DST rule (moved forward by the gap; the earlier of the two), never by
// time.Date's. A field whose pointer implements encoding.TextUnmarshaler
// (such as nstime.Date) reads the text itself, and an any field gets the
// string. Any other field type is an error, as is a value that does not
// fit its field; the error names the column.
func Decode(row Row, v any, loc *time.Location) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("netsuite: Decode: want a non-nil pointer to a struct, not %T", v)
	}
	s := rv.Elem()
	lower := row
	for col := range row {
		if col != strings.ToLower(col) {
			lower = make(Row, len(row))
			for c, val := range row {
				lower[strings.ToLower(c)] = val
			}
			break
		}
	}
	for _, f := range reflect.VisibleFields(s.Type()) {
		if !f.IsExported() || f.Anonymous && f.Type.Kind() == reflect.Struct {
			continue
		}
		col := strings.ToLower(f.Name)
		if tag, ok := f.Tag.Lookup("suiteql"); ok {
			name, _, _ := strings.Cut(tag, ",")
			if name == "-" {
				continue
			}
			if name != "" {
				col = strings.ToLower(name)
			}
		}
		fv, err := s.FieldByIndexErr(f.Index)
		if err != nil {
			continue // inside a nil embedded pointer
		}
		text, ok := lower[col]
		if err := decodeField(fv, text, ok, loc); err != nil {
			return fmt.Errorf("netsuite: Decode: column %s into field %s (%s): %w", col, f.Name, f.Type, err)
		}
	}
	return nil
}

var (
	timeType            = reflect.TypeFor[time.Time]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// decodeField sets fv from the text of a column, or, when the column is
// absent (null), sets a pointer to nil and leaves other fields alone.
func decodeField(fv reflect.Value, text string, present bool, loc *time.Location) error {
	if fv.Kind() == reflect.Pointer {
		if !present {
			fv.SetZero()
			return nil
		}
		p := reflect.New(fv.Type().Elem())
		if err := decodeValue(p.Elem(), text, loc); err != nil {
			return err
		}
		fv.Set(p)
		return nil
	}
	if !present {
		return nil
	}
	return decodeValue(fv, text, loc)
}

func decodeValue(fv reflect.Value, text string, loc *time.Location) error {
	if fv.Type() == timeType {
		if loc == nil {
			return errors.New("no time zone: pass the account's, Client.Timezone()")
		}
		t, err := nstime.ParseDateTime(text, loc)
		if err != nil {
			return err
		}
		fv.Set(reflect.ValueOf(t))
		return nil
	}
	if fv.CanAddr() && fv.Addr().Type().Implements(textUnmarshalerType) {
		return fv.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(text))
	}
	switch fv.Kind() {
	case reflect.String:
		fv.SetString(text)
	case reflect.Bool:
		switch text {
		case "T", "t":
			fv.SetBool(true)
		case "F", "f":
			fv.SetBool(false)
		default:
			b, err := strconv.ParseBool(text)
			if err != nil {
				return fmt.Errorf("%q is not a boolean (T or F)", text)
			}
			fv.SetBool(b)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(strings.TrimSpace(text), 10, fv.Type().Bits())
		if err != nil {
			return fmt.Errorf("%q is not an integer that fits: %w", text, errors.Unwrap(err))
		}
		fv.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, err := strconv.ParseUint(strings.TrimSpace(text), 10, fv.Type().Bits())
		if err != nil {
			return fmt.Errorf("%q is not an unsigned integer that fits: %w", text, errors.Unwrap(err))
		}
		fv.SetUint(n)
	case reflect.Float32, reflect.Float64:
		x, err := strconv.ParseFloat(strings.TrimSpace(text), fv.Type().Bits())
		if err != nil {
			return fmt.Errorf("%q is not a number: %w", text, errors.Unwrap(err))
		}
		fv.SetFloat(x)
	case reflect.Interface:
		if fv.NumMethod() != 0 {
			return errors.New("an interface with methods cannot hold a column")
		}
		fv.Set(reflect.ValueOf(text))
	default:
		return errors.New("the field's type is not one Decode reads")
	}
	return nil
}
