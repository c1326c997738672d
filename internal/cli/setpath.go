package cli

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// A setPath is a parsed --set path: field names, and line indexes of
// sublists. "item[0].item.id" is item, [0], item, id.
type setPath []pathPart

type pathPart struct {
	name  string // a field name, or "" for an index
	index int
}

// parseSetPath reads the path of a --set assignment: field names joined by
// dots, each optionally followed by [N], the index of a line of that
// sublist. Names are letters, digits and underscores.
func parseSetPath(s string) (setPath, error) {
	if s == "" {
		return nil, fmt.Errorf("the path is empty")
	}
	var p setPath
	for i, seg := range strings.Split(s, ".") {
		name, rest, hasIndex := strings.Cut(seg, "[")
		if !validName(name) {
			return nil, fmt.Errorf("%q: part %d, %q, is not a field name (letters, digits and _)", s, i+1, name)
		}
		p = append(p, pathPart{name: name})
		if !hasIndex {
			continue
		}
		num, after, ok := strings.Cut(rest, "]")
		n, err := strconv.Atoi(num)
		if !ok || err != nil || n < 0 || n > 9999 || num != strconv.Itoa(n) {
			return nil, fmt.Errorf("%q: %q needs a line number such as [0]", s, name)
		}
		if after != "" {
			return nil, fmt.Errorf("%q: unexpected %q after %s[%d]; a sublist has one line index", s, after, name, n)
		}
		p = append(p, pathPart{index: n})
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

// String writes the path back in --set form.
func (p setPath) String() string {
	var b strings.Builder
	for i, part := range p {
		switch {
		case part.name == "":
			fmt.Fprintf(&b, "[%d]", part.index)
		case i > 0:
			b.WriteString("." + part.name)
		default:
			b.WriteString(part.name)
		}
	}
	return b.String()
}

// parseSetValue reads the value of a --set assignment at path: JSON when it
// is a JSON number, true, false, null, a quoted string, an object or an
// array, and otherwise the text itself. So creditLimit=1000 is a number,
// phone=0123 and companyName=Acme are text, and memo='"42"' is the text 42.
// An id or externalId is always text: NetSuite's IDs are strings
// (REFERENCE.md §4.3).
func parseSetValue(p setPath, s string) any {
	if last := p[len(p)-1].name; last == "id" || last == "externalId" {
		var str string
		if json.Unmarshal([]byte(s), &str) == nil {
			return str
		}
		return s
	}
	var v any
	if err := json.Unmarshal([]byte(s), &v); err == nil {
		return v
	}
	return s
}

// applySet sets value at path in body, in the REST API's form: an index
// selects a line of a sublist, which the API writes as {"items": [...]}
// (REFERENCE.md §4.3), so item[0].quantity=2 sets
// body["item"]["items"][0]["quantity"]. Missing objects and lines are made;
// lines before an index that were not set stay empty objects. Setting
// through a value that is not an object is an error.
func applySet(body map[string]any, p setPath, value any) error {
	cur := body
	for i, part := range p {
		last := i == len(p)-1
		if part.name == "" {
			continue // handled with the name before it
		}
		indexed := i+1 < len(p) && p[i+1].name == ""
		if !indexed {
			if last {
				cur[part.name] = value
				return nil
			}
			next, err := child(cur, part.name, p[:i+1])
			if err != nil {
				return err
			}
			cur = next
			continue
		}
		list, err := child(cur, part.name, p[:i+1])
		if err != nil {
			return err
		}
		items, _ := list["items"].([]any)
		if list["items"] != nil && items == nil {
			return fmt.Errorf("%s.items is not a list of lines", p[:i+1])
		}
		n := p[i+1].index
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
func child(cur map[string]any, name string, at setPath) (map[string]any, error) {
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
