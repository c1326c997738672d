package records

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// member is one key of an object, in the order it is written.
type member struct {
	k string
	v any
}

// object is a JSON object whose keys are written in slice order. Record
// bodies are built as objects and sorted with sortMembers.
type object []member

func (o *object) add(k string, v any) { *o = append(*o, member{k, v}) }

// sortMembers orders an object as NetSuite writes records: "links" first, then the other keys
// alphabetically, ignoring case. Oracle's expanded customer
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545141947.html) lists
// "accessTabChanged", "addressbook", and inside the address "links", "addr1", "addressee",
// "addrText", "attention", "city", "country", "dropdownstate": case-insensitive order ("addressee"
// before "addrText"), links first. Oracle's example
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156414087576.html) lists a
// collection's keys the same way: links, count, hasMore, items, offset, totalResults.
//
// Assumption: every record body, line and subrecord follows this order.
func sortMembers(o object) {
	slices.SortStableFunc(o, func(a, b member) int {
		switch {
		case a.k == b.k:
			return 0
		case a.k == "links":
			return -1
		case b.k == "links":
			return 1
		}
		if c := strings.Compare(strings.ToLower(a.k), strings.ToLower(b.k)); c != 0 {
			return c
		}
		return strings.Compare(a.k, b.k)
	})
}

// marshal writes v as JSON. Objects keep their order, maps are sorted with
// sortMembers, and strings are not HTML-escaped (NetSuite's Java serializer
// writes <, > and & as they are).
func marshal(v any) []byte {
	var b bytes.Buffer
	encode(&b, v)
	return b.Bytes()
}

func encode(b *bytes.Buffer, v any) {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case object:
		b.WriteByte('{')
		for i, m := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			encodeString(b, m.k)
			b.WriteByte(':')
			encode(b, m.v)
		}
		b.WriteByte('}')
	case map[string]any:
		o := make(object, 0, len(v))
		for k, x := range v {
			o.add(k, x)
		}
		sortMembers(o)
		encode(b, o)
	case []any:
		encodeArray(b, v, encode)
	case []object:
		encodeArray(b, v, func(b *bytes.Buffer, o object) { encode(b, o) })
	case []string:
		encodeArray(b, v, encodeString)
	case string:
		encodeString(b, v)
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case int:
		b.WriteString(strconv.Itoa(v))
	case int64:
		b.WriteString(strconv.FormatInt(v, 10))
	case float64:
		x, err := json.Marshal(v)
		if err != nil {
			b.WriteString("null") // NaN and infinities never reach the store
			return
		}
		b.Write(x)
	case json.Number:
		b.WriteString(v.String())
	default:
		var x bytes.Buffer
		enc := json.NewEncoder(&x)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			panic(fmt.Sprintf("records: cannot encode %T: %v", v, err))
		}
		b.Write(bytes.TrimSuffix(x.Bytes(), []byte("\n")))
	}
}

func encodeString(b *bytes.Buffer, s string) {
	var x bytes.Buffer
	enc := json.NewEncoder(&x)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	b.Write(bytes.TrimSuffix(x.Bytes(), []byte("\n")))
}

// link is an nsLink: {"rel": ..., "href": ...} in the order of Oracle's
// examples
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156414087576.html).
func link(rel, href string) object {
	return object{{"rel", rel}, {"href", href}}
}

// selfLinks is the usual one-element links array.
func selfLinks(href string) []object { return []object{link("self", href)} }

// encodeArray writes a JSON array of xs, each written by one.
func encodeArray[T any](b *bytes.Buffer, xs []T, one func(*bytes.Buffer, T)) {
	b.WriteByte('[')
	for i, x := range xs {
		if i > 0 {
			b.WriteByte(',')
		}
		one(b, x)
	}
	b.WriteByte(']')
}
