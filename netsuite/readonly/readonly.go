package readonly

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Op is the write a body is stripped for.
type Op uint8

const (
	// Create is POST /record/v1/{type}.
	Create Op = 1 << iota
	// Update is PATCH /record/v1/{type}/{id}.
	Update
)

// String is "create", "update", or "create|update".
func (o Op) String() string {
	switch o & (Create | Update) {
	case Create:
		return "create"
	case Update:
		return "update"
	case Create | Update:
		return "create|update"
	}
	return "none"
}

// Condition narrows a rule to the bodies where the field is really not
// accepted. It is evaluated on the object that holds the field, as it was
// before anything was removed from it.
type Condition uint8

const (
	// Always: the field is dropped wherever the path matches.
	Always Condition = iota
	// QuantityAndRate: the line also carries a non-null quantity and a
	// non-null rate, from which NetSuite computes the amount.
	QuantityAndRate
	// WithSiblings: the object also carries a member other than this field
	// and links. A reference {"links":[...],"id":"5","refName":"Acme"} loses
	// its refName; an enum written by name, {"refName":"Soft Opt-Out"}, keeps
	// it.
	WithSiblings
	// InCollection: the object is a collection, that is, it has an items
	// array (a sublist or a multi-select value).
	InCollection
)

// String names the condition as the docs do.
func (c Condition) String() string {
	switch c {
	case Always:
		return "always"
	case QuantityAndRate:
		return "when the line has quantity and rate"
	case WithSiblings:
		return "when the object has other members"
	case InCollection:
		return "in a collection"
	}
	return "condition(" + strconv.Itoa(int(c)) + ")"
}

// Kind says why a field is read-only.
type Kind string

const (
	// KindSystem: set by NetSuite itself (internal ID, links, dates).
	KindSystem Kind = "system"
	// KindCalculated: computed from other records or fields (balances,
	// totals, quantities).
	KindCalculated Kind = "calculated"
	// KindDisplay: a rendering of another value (refName, address text).
	KindDisplay Kind = "display"
	// KindSchema: flagged read-only in NetSuite's REST API browser.
	KindSchema Kind = "schema"
	// KindMetadata: flagged readOnly in the account's metadata catalog
	// (FromSchema).
	KindMetadata Kind = "metadata"
	// KindAccount: a field the caller knows its account refuses (a field
	// locked by a form, a feature that is off).
	KindAccount Kind = "account"
)

// Rule says that a field may not be sent to NetSuite.
type Rule struct {
	// RecordType is the record type as NetSuite spells it ("salesOrder"),
	// matched without regard to case. "*" (or "") is every record type and
	// "customrecord_*" every custom record type.
	RecordType string
	// Path is where the field sits, in NetSuite's o:errorPath form without
	// line numbers: "balance" (a body field), "item[].amount" (a field of
	// each line of the item sublist), "billingAddress.addrText" (a field of
	// a subrecord), "addressBook[].addressBookAddress.addrText". A segment
	// "*" is any one name, "*[]" any one sublist, and "**" any number of
	// segments, none included: "**.links" is links at every level. Names
	// are matched without regard to case, as NetSuite does. An empty Path
	// matches nothing.
	Path string
	// Ops are the writes that refuse the field; zero means both.
	Ops Op
	// When narrows the rule; the zero value is Always.
	When Condition
	// Kind says why the field is read-only.
	Kind Kind
	// Source is where the rule comes from: an Oracle help page (ns:<page id>,
	// that is https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/<page id>.html),
	// a public project (a capture or a client used against live accounts,
	// named), or "Assumption: ..." with the reasoning.
	Source string
	// Note says what the field is, in a few words.
	Note string
}

// String is a one-line description of the rule, for logs and docs.
func (r Rule) String() string {
	typ := r.RecordType
	if typ == "" {
		typ = "*"
	}
	ops := r.Ops
	if ops&(Create|Update) == 0 {
		ops = Create | Update
	}
	s := typ + " " + r.Path + " (" + string(r.Kind) + ", " + ops.String()
	if r.When != Always {
		s += ", " + r.When.String()
	}
	return s + ")"
}

// Rules is a set of read-only rules: the curated table and the caller's
// additions. It is immutable and safe for concurrent use.
type Rules struct {
	all     []Rule // table order, then the extras
	byType  map[string]*view
	custom  *view // custom record types without rules of their own
	generic *view // every other record type
}

// compiled is a rule ready to match.
type compiled struct {
	rule Rule
	ops  Op
	pat  []string // lower-case segments
}

// view holds the rules that apply to one record type, in precedence order:
// the type's own rules, then the custom record rules, then the rules of
// every type.
type view struct {
	all    []*compiled
	byLast map[string][]*compiled // by the last segment of the pattern
	wild   []*compiled            // patterns that end in a wildcard
}

// New returns the curated table (see Table) plus extra, for example rules
// from FromSchema or fields an account's forms lock. An extra rule with no
// Ops applies to both operations; one with no RecordType to every type.
func New(extra ...Rule) *Rules {
	all := make([]Rule, 0, len(table)+len(extra))
	all = append(all, table...)
	return build(append(all, extra...))
}

// Without returns a copy of r without the rules for which drop is true,
// for example the line amount rule when amounts are deliberate:
//
//	rules = rules.Without(func(r readonly.Rule) bool { return r.When == readonly.QuantityAndRate })
func (r *Rules) Without(drop func(Rule) bool) *Rules {
	var keep []Rule
	for _, rule := range r.all {
		if !drop(rule) {
			keep = append(keep, rule)
		}
	}
	return build(keep)
}

// build indexes rules by record type.
func build(all []Rule) *Rules {
	r := &Rules{all: all, byType: make(map[string]*view)}
	own := make(map[string][]*compiled)
	var order []string
	var custom, generic []*compiled
	for _, rule := range all {
		c := compile(rule)
		if c == nil {
			continue
		}
		switch typ := strings.ToLower(strings.TrimSpace(rule.RecordType)); typ {
		case "", "*":
			generic = append(generic, c)
		case "customrecord_*":
			custom = append(custom, c)
		default:
			if _, ok := own[typ]; !ok {
				order = append(order, typ)
			}
			own[typ] = append(own[typ], c)
		}
	}
	for _, typ := range order {
		rs := slices.Clone(own[typ])
		if isCustomType(typ) {
			rs = append(rs, custom...)
		}
		r.byType[typ] = newView(append(rs, generic...))
	}
	r.custom = newView(append(slices.Clone(custom), generic...))
	r.generic = newView(slices.Clone(generic))
	return r
}

// Table returns every rule, the curated table first and the extras after,
// for docs and tooling.
func (r *Rules) Table() []Rule {
	return slices.Clone(r.all)
}

// IsReadOnly reports whether the field at path is read-only for the record
// type, with the first rule that says so (the type's own rules first, then
// the custom record rules, then those of every type). Path is an
// o:errorPath ("item.items[0].amount"), a path into a bare-array sublist
// ("item[0].amount") or a rule path ("item[].amount"). The rule's Ops and
// When say for which writes and bodies it holds; IsReadOnly does not check
// them.
func (r *Rules) IsReadOnly(recordType, path string) (bool, Rule) {
	segs := parsePath(path)
	if len(segs) == 0 {
		return false, Rule{}
	}
	for _, c := range r.view(recordType).all {
		if match(c.pat, segs) {
			return true, c.rule
		}
	}
	return false, Rule{}
}

// Strip removes from body, in place, the fields the record type does not
// accept on op, at body level, in sublist lines (the REST form
// {"item":{"items":[...]}} or a bare array) and in subrecords and
// references, and returns their paths in o:errorPath form
// ("item.items[0].amount"), sorted. An object or array that stripping
// leaves empty is removed too and reported by its own path instead of its
// members': a sublist that a default GET shows as {"links":[...]} is not
// sent back as {}. Record types are matched without regard to case; an
// unknown type gets the rules of every type, a custom record type
// (customrecord...) the custom record rules as well. For an upsert pass
// Create|Update; an op with neither bit counts as both.
func (r *Rules) Strip(recordType string, body map[string]any, op Op) (dropped []string) {
	if body == nil {
		return nil
	}
	if op&(Create|Update) == 0 {
		op = Create | Update
	}
	s := stripper{v: r.view(recordType), op: op & (Create | Update)}
	dropped, _ = s.object(body, "", nil, true)
	slices.Sort(dropped)
	return dropped
}

func (r *Rules) view(recordType string) *view {
	typ := strings.ToLower(strings.TrimSpace(recordType))
	if v, ok := r.byType[typ]; ok {
		return v
	}
	if isCustomType(typ) {
		return r.custom
	}
	return r.generic
}

// isCustomType reports whether a lower-case record type is a custom record type: its script ID
// starts with customrecord
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545141500.html).
func isCustomType(typ string) bool {
	return strings.HasPrefix(typ, "customrecord")
}

func newView(rs []*compiled) *view {
	v := &view{all: rs, byLast: make(map[string][]*compiled)}
	for _, c := range rs {
		last := c.pat[len(c.pat)-1]
		if last == "*" || last == "*[]" || last == "**" {
			v.wild = append(v.wild, c)
			continue
		}
		last = strings.TrimSuffix(last, "[]")
		v.byLast[last] = append(v.byLast[last], c)
	}
	return v
}

// compile checks a rule and splits its path; nil if the path is empty or
// malformed.
func compile(rule Rule) *compiled {
	p := strings.TrimSpace(rule.Path)
	if p == "" {
		return nil
	}
	segs := strings.Split(strings.ToLower(p), ".")
	for _, s := range segs {
		name := strings.TrimSuffix(s, "[]")
		if name == "" || strings.ContainsAny(name, "[]") || (strings.Contains(name, "*") && name != "*" && s != "**") {
			return nil
		}
	}
	ops := rule.Ops & (Create | Update)
	if ops == 0 {
		ops = Create | Update
	}
	return &compiled{rule: rule, ops: ops, pat: segs}
}

// parsePath turns an o:errorPath, a bare-array path or a rule path into
// lower-case segments, a sublist line being "<name>[]".
func parsePath(p string) []string {
	p = strings.TrimSpace(p)
	if p == "" {
		return nil
	}
	var out []string
	for _, part := range strings.Split(p, ".") {
		name, line := part, false
		if i := strings.IndexByte(part, '['); i >= 0 && strings.HasSuffix(part, "]") {
			name, line = part[:i], true
		}
		name = strings.ToLower(name)
		if name == "" {
			return nil
		}
		switch {
		case line && name == "items" && len(out) > 0 && !strings.HasSuffix(out[len(out)-1], "[]"):
			out[len(out)-1] += "[]"
		case line:
			out = append(out, name+"[]")
		default:
			out = append(out, name)
		}
	}
	return out
}

// match reports whether the pattern matches the segments.
func match(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(segs); i++ {
				if match(pat[1:], segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 || !matchSegment(pat[0], segs[0]) {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
}

func matchSegment(p, s string) bool {
	switch p {
	case "*":
		return true
	case "*[]":
		return strings.HasSuffix(s, "[]")
	}
	return p == s
}

// stripper walks one body.
type stripper struct {
	v  *view
	op Op
}

// object strips m, whose path is path and whose normalized segments are
// norm; root is true for the body itself. It reports whether m was emptied
// by stripping.
func (s *stripper) object(m map[string]any, path string, norm []string, root bool) (dropped []string, emptied bool) {
	if len(m) == 0 {
		return nil, false
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)

	// Decide on the object as it came, then remove.
	var gone []string
	for _, k := range keys {
		if s.readOnly(with(norm, strings.ToLower(k)), m, k) {
			gone = append(gone, k)
		}
	}
	join := func(k string) string {
		if root {
			return k
		}
		return path + "." + k
	}
	for _, k := range gone {
		delete(m, k)
		dropped = append(dropped, join(k))
	}

	for _, k := range keys {
		v, ok := m[k]
		if !ok {
			continue
		}
		switch x := v.(type) {
		case map[string]any:
			d, e := s.object(x, join(k), with(norm, strings.ToLower(k)), false)
			if e {
				delete(m, k)
				dropped = append(dropped, join(k))
			} else {
				dropped = append(dropped, d...)
			}
		case []any:
			lineNorm := lineSegments(norm, k)
			d, rest, e := s.lines(x, join(k), lineNorm)
			if e {
				delete(m, k)
				dropped = append(dropped, join(k))
			} else {
				m[k] = rest
				dropped = append(dropped, d...)
			}
		}
	}
	return dropped, len(m) == 0 && len(dropped) > 0
}

// lines strips the objects of a sublist array; lines that stripping empties
// are removed.
func (s *stripper) lines(arr []any, path string, norm []string) (dropped []string, rest []any, emptied bool) {
	rest = arr
	removed := false
	for i, el := range arr {
		m, ok := el.(map[string]any)
		if !ok {
			if removed {
				rest = append(rest, el)
			}
			continue
		}
		p := path + "[" + strconv.Itoa(i) + "]"
		d, e := s.object(m, p, norm, false)
		if e {
			if !removed {
				removed = true
				rest = append(make([]any, 0, len(arr)-1), arr[:i]...)
			}
			dropped = append(dropped, p)
			continue
		}
		dropped = append(dropped, d...)
		if removed {
			rest = append(rest, el)
		}
	}
	return dropped, rest, removed && len(rest) == 0
}

// readOnly reports whether key k of m, at segments segs, is to be dropped.
func (s *stripper) readOnly(segs []string, m map[string]any, k string) bool {
	last := segs[len(segs)-1]
	for _, group := range [2][]*compiled{s.v.byLast[last], s.v.wild} {
		for _, c := range group {
			if c.ops&s.op != 0 && match(c.pat, segs) && holds(c.rule.When, m, k) {
				return true
			}
		}
	}
	return false
}

// holds evaluates a condition on the object m that holds key k.
func holds(c Condition, m map[string]any, k string) bool {
	switch c {
	case Always:
		return true
	case QuantityAndRate:
		q, okq := getFold(m, "quantity")
		r, okr := getFold(m, "rate")
		return okq && okr && q != nil && r != nil
	case WithSiblings:
		for other := range m {
			if !strings.EqualFold(other, k) && !strings.EqualFold(other, "links") {
				return true
			}
		}
		return false
	case InCollection:
		v, ok := getFold(m, "items")
		_, isArray := v.([]any)
		return ok && isArray
	}
	return false
}

// lineSegments are the segments of the lines of the array at key k of an
// object at norm: "items" of a collection object marks the object's own
// segment as a sublist ("item" → "item[]"); any other array is a bare-array
// sublist named k.
func lineSegments(norm []string, k string) []string {
	if strings.EqualFold(k, "items") && len(norm) > 0 && !strings.HasSuffix(norm[len(norm)-1], "[]") {
		out := slices.Clone(norm)
		out[len(out)-1] += "[]"
		return out
	}
	return with(norm, strings.ToLower(k)+"[]")
}

func getFold(m map[string]any, name string) (any, bool) {
	if v, ok := m[name]; ok {
		return v, true
	}
	for k, v := range m {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return nil, false
}

func with(norm []string, seg string) []string {
	out := make([]string, len(norm)+1)
	copy(out, norm)
	out[len(norm)] = seg
	return out
}

// errorf prefixes the package's errors.
func errorf(format string, args ...any) error {
	return fmt.Errorf("readonly: "+format, args...)
}
