package fieldpath

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// A Path names a value in a record body: field names, and line indexes of
// sublists. "item[0].item.id" is item, [0], item, id.
type Path []Part

// A Part is one step of a Path: a field name, or, when Name is "", the
// index of a sublist line.
type Part struct {
	Name  string
	Index int
}

// MaxIndex is the largest sublist line index a Path takes.
const MaxIndex = 9999

// Parse reads a field path: field names joined by dots, each optionally
// followed by [N], the index of a line of that sublist (0 to MaxIndex).
// Names are letters, digits and underscores.
//
//	companyName
//	subsidiary.id
//	item[0].item.id
//	addressBook[1].addressBookAddress.city
func Parse(s string) (Path, error) {
	if s == "" {
		return nil, fmt.Errorf("the path is empty")
	}
	var p Path
	for i, seg := range strings.Split(s, ".") {
		name, rest, hasIndex := strings.Cut(seg, "[")
		if !validName(name) {
			return nil, fmt.Errorf("%q: part %d, %q, is not a field name (letters, digits and _)", s, i+1, name)
		}
		p = append(p, Part{Name: name})
		if !hasIndex {
			continue
		}
		num, after, ok := strings.Cut(rest, "]")
		n, err := strconv.Atoi(num)
		if !ok || err != nil || n < 0 || n > MaxIndex || num != strconv.Itoa(n) {
			return nil, fmt.Errorf("%q: %q needs a line number such as [0]", s, name)
		}
		if after != "" {
			return nil, fmt.Errorf("%q: unexpected %q after %s[%d]; a sublist has one line index", s, after, name, n)
		}
		p = append(p, Part{Index: n})
	}
	return p, nil
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// String writes the path back in the form Parse reads.
func (p Path) String() string {
	var b strings.Builder
	for i, part := range p {
		switch {
		case part.Name == "":
			fmt.Fprintf(&b, "[%d]", part.Index)
		case i > 0:
			b.WriteString("." + part.Name)
		default:
			b.WriteString(part.Name)
		}
	}
	return b.String()
}

// Overlaps reports whether p and q set the same value, or one sets a value
// inside the other's: subsidiary and subsidiary.id overlap, item[0].item and
// item[1].item do not.
func (p Path) Overlaps(q Path) bool {
	n := min(len(p), len(q))
	for i := range n {
		if p[i] != q[i] {
			return false
		}
	}
	return true
}

// Guess reads a value by its look, where the record type's metadata does not
// type the field: JSON when it is a JSON number, true, false, null, a
// quoted string, an object or an array, and otherwise the text itself. So
// 1000 is a number, 0123 and Acme are text, and "42" (with the quotes) is
// the text 42. The value of an id or externalId is always text: NetSuite's
// IDs are strings
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156334828635.html).
func Guess(p Path, raw string) any {
	if isID(p) {
		return unquote(raw)
	}
	if t := strings.TrimSpace(raw); t == "" || !strings.ContainsRune(`"{[-0123456789tfn`, rune(t[0])) {
		return raw // cannot start a JSON value: spare the decoder
	}
	if v, err := decodeJSON(raw); err == nil {
		return v
	}
	return raw
}

// isID reports whether p ends in an id or externalId.
func isID(p Path) bool {
	last := p[len(p)-1].Name
	return last == "id" || last == "externalId"
}

// unquote is the text of raw: the string of a JSON quoted string, or raw
// itself.
func unquote(raw string) string {
	var s string
	if t := strings.TrimSpace(raw); len(t) < 2 || t[0] != '"' || t[len(t)-1] != '"' {
		return raw // not a quoted string: spare the decoder
	}
	if json.Unmarshal([]byte(raw), &s) == nil {
		return s
	}
	return raw
}

// Set sets value at p in body, in the REST API's form: an index selects a
// line of a sublist, which the API writes as {"items": [...]}
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545297048.html),
// so item[0].quantity sets body["item"]["items"][0]["quantity"]. Missing
// objects and lines are made; lines before an index that were not set stay
// empty objects. Setting through a value that is not an object is an error.
func (p Path) Set(body map[string]any, value any) error {
	cur := body
	for i, part := range p {
		last := i == len(p)-1
		if part.Name == "" {
			continue // handled with the name before it
		}
		indexed := i+1 < len(p) && p[i+1].Name == ""
		if !indexed {
			if last {
				cur[part.Name] = value
				return nil
			}
			next, err := child(cur, part.Name, p[:i+1])
			if err != nil {
				return err
			}
			cur = next
			continue
		}
		list, err := child(cur, part.Name, p[:i+1])
		if err != nil {
			return err
		}
		items, _ := list["items"].([]any)
		if list["items"] != nil && items == nil {
			return fmt.Errorf("%s.items is not a list of lines", p[:i+1])
		}
		n := p[i+1].Index
		for len(items) <= n {
			items = append(items, map[string]any{})
		}
		list["items"] = items
		if i+1 == len(p)-1 {
			items[n] = value
			return nil
		}
		line, ok := items[n].(map[string]any)
		if !ok {
			return fmt.Errorf("%s is not an object", p[:i+2])
		}
		cur = line
	}
	return nil
}

// child returns the object at cur[name], making it when missing.
func child(cur map[string]any, name string, at Path) (map[string]any, error) {
	switch v := cur[name].(type) {
	case nil:
		m := map[string]any{}
		cur[name] = m
		return m, nil
	case map[string]any:
		return v, nil
	default:
		return nil, fmt.Errorf("%s is already set to %v, not an object", at, v)
	}
}
