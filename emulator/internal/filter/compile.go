package filter

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
)

// Class is how a filterable field is compared; it picks the row of Oracle's operator table
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545222128.html).
type Class int

// The field classes.
const (
	// ClassBoolean: boolean fields.
	ClassBoolean Class = iota + 1
	// ClassNumber: integer and number fields, and the internal `id`.
	ClassNumber
	// ClassString: string fields.
	ClassString
	// ClassDate: date and datetime fields.
	ClassDate
	// ClassReference: select fields, compared by internal ID.
	ClassReference
	// ClassEnum: list fields with listed ids, compared by id.
	ClassEnum
)

// String returns the class name used in error details.
func (c Class) String() string {
	switch c {
	case ClassBoolean:
		return "boolean"
	case ClassNumber:
		return "number"
	case ClassString:
		return "string"
	case ClassDate:
		return "date/time"
	case ClassReference:
		return "select"
	case ClassEnum:
		return "list"
	}
	return "unknown"
}

var classOperators = map[Class][]Operator{
	ClassBoolean: {Is, IsNot},
	ClassNumber: {AnyOf, AnyOfNot, Between, BetweenNot, Equal, EqualNot, Greater, GreaterNot,
		GreaterOrEqual, GreaterOrEqualNot, Less, LessNot, LessOrEqual, LessOrEqualNot, Within, WithinNot},
	ClassString: {Contain, ContainNot, Is, IsNot, StartWith, StartWithNot, EndWith, EndWithNot},
	ClassDate:   {After, AfterNot, Before, BeforeNot, On, OnNot, OnOrAfter, OnOrAfterNot, OnOrBefore, OnOrBeforeNot},
	// Assumption: select and list fields are not in Oracle's table; they take
	// the set and equality operators of their id type.
	ClassReference: {AnyOf, AnyOfNot, Equal, EqualNot},
	ClassEnum:      {AnyOf, AnyOfNot, Is, IsNot},
}

// OperatorsFor returns the operators a field of class c accepts: EMPTY and
// EMPTY_NOT (the "None" row, any type) and the row of its type.
func OperatorsFor(c Class) []Operator {
	return append([]Operator{Empty, EmptyNot}, classOperators[c]...)
}

// ClassOf returns the class of a catalog field, or false when the field's kind
// cannot be filtered (sublists, subrecords, multiselects, links).
func ClassOf(f *catalog.Field) (Class, bool) {
	switch f.Kind {
	case catalog.KindDate, catalog.KindDateTime:
		return ClassDate, true
	case catalog.KindReference:
		return ClassReference, true
	case catalog.KindEnum:
		return ClassEnum, true
	case catalog.KindScalar:
		if f.Name == "id" {
			// Assumption: the internal ID is a string in the schema but Oracle's
			// examples filter it as a number (id BETWEEN_NOT [1, 42]).
			return ClassNumber, true
		}
		switch f.Type {
		case "boolean":
			return ClassBoolean, true
		case "integer", "number":
			return ClassNumber, true
		case "string":
			return ClassString, true
		}
	}
	return 0, false
}

// Options are the account settings a filter depends on.
type Options struct {
	// DateFormat is the account's date format preference; FormatMDY when empty.
	DateFormat DateFormat
	// Location is the account's time zone; UTC when nil. Date literals mean a
	// whole day in it.
	Location *time.Location
	// Instants takes date values as RFC 3339 instants instead of date
	// literals, as SOAP's SearchDateField sends them (xsd:dateTime): on a
	// datetime field the condition compares instants to the second (stored
	// datetimes have whole seconds); on a date field it compares the
	// instant's day in Location.
	Instants bool
}

// Record is a record's body as the filter reads it: field name (as the catalog
// spells it) to value. Values are:
//
//   - string fields: string;
//   - numbers: float64 (any Go integer or float type, json.Number or a numeric
//     string is accepted);
//   - booleans: bool (a missing or nil checkbox reads as false);
//   - dates: time.Time (its calendar date in its own location) or "YYYY-MM-DD";
//   - datetimes: time.Time (the instant) or an RFC 3339 string;
//   - references: the internal ID as a string ("14"), an integer, or a map with
//     an "id" key;
//   - enums: the id as a string, or a map with an "id" key;
//   - nil, a missing key or "" for an empty value.
type Record map[string]any

// Filter is an expression checked against a record type and compiled into a
// predicate. It is immutable and safe for concurrent use.
type Filter struct {
	expr Expr
	root node
}

// Expr returns the expression the filter was compiled from.
func (f *Filter) Expr() Expr { return f.expr }

// Match reports whether rec satisfies the filter.
func (f *Filter) Match(rec Record) bool { return f.root.match(rec) }

// Check type-checks e against rt; see Compile.
func Check(e Expr, rt *catalog.RecordType, opts Options) error {
	_, err := Compile(e, rt, opts)
	return err
}

// Compile checks e against record type rt and returns a predicate. Errors are
// *Error:
//
//   - NONEXISTENT_FIELD: the record type has no such body field
//     (airbytehq/airbyte source_netsuite/errors.py);
//   - INVALID_PARAMETER: the field is not filterable (not in x-ns-filterable), the
//     operator does not apply to its type, or a value is not a number, boolean,
//     internal ID or date literal in opts.DateFormat (`Unparseable date: "..."`).
//
// Field names are matched ignoring case.
func Compile(e Expr, rt *catalog.RecordType, opts Options) (*Filter, error) {
	if opts.DateFormat == "" {
		opts.DateFormat = FormatMDY
	}
	if !opts.DateFormat.Valid() {
		return nil, fmt.Errorf("filter: unsupported date format %q", string(opts.DateFormat))
	}
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	root, err := compile(e, rt, &opts)
	if err != nil {
		return nil, err
	}
	return &Filter{expr: e, root: root}, nil
}

func compile(e Expr, rt *catalog.RecordType, opts *Options) (node, error) {
	switch e := e.(type) {
	case *And:
		n := make(andNode, len(e.Terms))
		for i, t := range e.Terms {
			var err error
			if n[i], err = compile(t, rt, opts); err != nil {
				return nil, err
			}
		}
		return n, nil
	case *Or:
		n := make(orNode, len(e.Terms))
		for i, t := range e.Terms {
			var err error
			if n[i], err = compile(t, rt, opts); err != nil {
				return nil, err
			}
		}
		return n, nil
	case *Cond:
		return compileCond(e, rt, opts)
	}
	return nil, fmt.Errorf("filter: unexpected expression %T", e)
}

var (
	numberPattern = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$`)
	idPattern     = regexp.MustCompile(`^-?\d+$`)
)

func compileCond(c *Cond, rt *catalog.RecordType, opts *Options) (node, error) {
	f, ok := rt.Field(c.Field)
	if !ok {
		return nil, &Error{Code: CodeNonexistentField,
			Detail: fmt.Sprintf("Field %q does not exist on record type %q.", c.Field, rt.Name)}
	}
	class, ok := ClassOf(f)
	if !ok || !rt.IsFilterable(f.Name) {
		return nil, invalid(fmt.Sprintf("Field %q of record type %q cannot be used in a filter (a %s field is not filterable).", f.Name, rt.Name, f.Kind))
	}
	allowed := OperatorsFor(class)
	if !slices.Contains(allowed, c.Op) {
		names := make([]string, len(allowed))
		for i, op := range allowed {
			names[i] = string(op)
		}
		return nil, invalid(fmt.Sprintf("Operator %s is not valid for field %q of type %s; use one of %s.", c.Op, f.Name, class, strings.Join(names, ", ")))
	}
	if err := checkArity(c); err != nil {
		return nil, err
	}
	n := &condNode{field: f.Name, class: class, op: c.Op.Positive(), neg: c.Op.Negated()}
	if c.Op.Positive() == Empty {
		return n, nil
	}
	for _, v := range c.Values {
		switch class {
		case ClassNumber:
			if !numberPattern.MatchString(v) {
				return nil, invalid(fmt.Sprintf("Invalid number %q for field %q.", v, f.Name))
			}
			x, err := strconv.ParseFloat(v, 64)
			if err != nil || math.IsInf(x, 0) {
				return nil, invalid(fmt.Sprintf("Invalid number %q for field %q.", v, f.Name))
			}
			n.nums = append(n.nums, x)
		case ClassBoolean:
			switch {
			case strings.EqualFold(v, "true"):
				n.boolean = true
			case strings.EqualFold(v, "false"):
				n.boolean = false
			default:
				return nil, invalid(fmt.Sprintf("Invalid boolean %q for field %q; use true or false.", v, f.Name))
			}
		case ClassReference:
			if !idPattern.MatchString(v) {
				return nil, invalid(fmt.Sprintf("Invalid internal ID %q for field %q.", v, f.Name))
			}
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return nil, invalid(fmt.Sprintf("Invalid internal ID %q for field %q.", v, f.Name))
			}
			n.ids = append(n.ids, id)
		case ClassDate:
			n.datetime = f.Kind == catalog.KindDateTime
			if opts.Instants {
				t, err := time.Parse(time.RFC3339Nano, v)
				if err != nil {
					return nil, invalid(fmt.Sprintf("Invalid dateTime %q for field %q; use an xsd:dateTime such as 2026-01-31T09:00:00Z.", v, f.Name))
				}
				n.day = DayOf(t.In(opts.Location))
				n.start, n.end = instantBounds(t, c.Op.Positive())
				continue
			}
			d, err := opts.DateFormat.Parse(v)
			if err != nil {
				return nil, err
			}
			n.day = d
			n.start, n.end = d.Range(opts.Location)
		case ClassString, ClassEnum:
			n.strs = append(n.strs, strings.ToLower(v))
		}
	}
	return n, nil
}

// instantBounds returns the bounds that make the datetime operators, which
// compare with a day [start, end) (matchInstant), compare with the instant
// t instead, for stored datetimes of whole seconds: ON is t's second; AFTER
// (>= end) and ON_OR_BEFORE (< end) take end as the second after t's;
// ON_OR_AFTER (>= start) and BEFORE (< start) take start as t rounded up to
// a whole second.
func instantBounds(t time.Time, op Operator) (start, end time.Time) {
	floor := t.Truncate(time.Second)
	end = floor.Add(time.Second)
	if op == On || floor.Equal(t) {
		return floor, end
	}
	return end, end
}

// checkArity re-checks the value count, for expressions built by hand rather
// than by Parse.
func checkArity(c *Cond) error {
	n := len(c.Values)
	var ok bool
	switch c.Op.Arity() {
	case ArityNone:
		ok = n == 0
	case ArityOne:
		ok = n == 1
	case ArityTwo:
		ok = n == 2
	case ArityMany:
		ok = n >= 1
	}
	if !ok {
		return invalid(fmt.Sprintf("Operator %s cannot take %d values.", c.Op, n))
	}
	return nil
}

type node interface{ match(Record) bool }

type andNode []node

func (a andNode) match(r Record) bool {
	for _, n := range a {
		if !n.match(r) {
			return false
		}
	}
	return true
}

type orNode []node

func (o orNode) match(r Record) bool {
	for _, n := range o {
		if n.match(r) {
			return true
		}
	}
	return false
}

// condNode is a compiled condition. Its operator is the positive form; neg
// negates the result (Assumption: X_NOT is exactly "not X", so empty values
// match every _NOT operator).
type condNode struct {
	field string
	class Class
	op    Operator
	neg   bool

	nums       []float64 // ClassNumber
	strs       []string  // ClassString, ClassEnum: lower case
	ids        []int64   // ClassReference
	boolean    bool      // ClassBoolean
	day        Day       // ClassDate
	datetime   bool      // ClassDate: the field is a datetime
	start, end time.Time // ClassDate: the day's instants in the account zone
}

func (c *condNode) match(r Record) bool { return c.positive(r[c.field]) != c.neg }

func (c *condNode) positive(v any) bool {
	if c.op == Empty {
		return isEmpty(c.class, v)
	}
	switch c.class {
	case ClassNumber:
		x, ok := toFloat(v)
		return ok && c.matchNumber(x)
	case ClassString:
		s, ok := v.(string)
		return ok && s != "" && c.matchString(strings.ToLower(s))
	case ClassEnum:
		s, ok := enumID(v)
		return ok && slices.Contains(c.strs, strings.ToLower(s))
	case ClassBoolean:
		b, _ := v.(bool) // nil and missing read as false
		if s, ok := v.(string); ok {
			b = strings.EqualFold(s, "true")
		}
		return b == c.boolean
	case ClassReference:
		id, ok := refID(v)
		return ok && slices.Contains(c.ids, id)
	case ClassDate:
		if c.datetime {
			t, ok := toTime(v)
			return ok && c.matchInstant(t)
		}
		d, ok := toDay(v)
		return ok && c.matchDay(d)
	}
	return false
}

func (c *condNode) matchNumber(x float64) bool {
	switch c.op {
	case AnyOf:
		return slices.Contains(c.nums, x)
	case Equal:
		return x == c.nums[0]
	case Greater:
		return x > c.nums[0]
	case GreaterOrEqual:
		return x >= c.nums[0]
	case Less:
		return x < c.nums[0]
	case LessOrEqual:
		return x <= c.nums[0]
	case Between, Within:
		// Inclusive at both ends. Assumption: WITHIN on numbers is BETWEEN.
		return c.nums[0] <= x && x <= c.nums[1]
	}
	return false
}

// matchString compares case-insensitively (Assumption, N/query behaviour).
func (c *condNode) matchString(s string) bool {
	v := c.strs[0]
	switch c.op {
	case Is:
		return s == v
	case Contain:
		return strings.Contains(s, v)
	case StartWith:
		return strings.HasPrefix(s, v)
	case EndWith:
		return strings.HasSuffix(s, v)
	}
	return false
}

// matchInstant compares a datetime with the whole day [start, end).
func (c *condNode) matchInstant(t time.Time) bool {
	switch c.op {
	case On:
		return !t.Before(c.start) && t.Before(c.end)
	case After:
		return !t.Before(c.end)
	case Before:
		return t.Before(c.start)
	case OnOrAfter:
		return !t.Before(c.start)
	case OnOrBefore:
		return t.Before(c.end)
	}
	return false
}

// matchDay compares calendar dates; date fields have no zone
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157305090645.html).
func (c *condNode) matchDay(d Day) bool {
	cmp := d.Compare(c.day)
	switch c.op {
	case On:
		return cmp == 0
	case After:
		return cmp > 0
	case Before:
		return cmp < 0
	case OnOrAfter:
		return cmp >= 0
	case OnOrBefore:
		return cmp <= 0
	}
	return false
}

func isEmpty(class Class, v any) bool {
	switch class {
	case ClassBoolean:
		return false // a checkbox is never empty
	case ClassReference:
		_, ok := refID(v)
		return !ok
	case ClassEnum:
		_, ok := enumID(v)
		return !ok
	}
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return v == ""
	case time.Time:
		return v.IsZero()
	}
	return false
}

func toFloat(v any) (float64, bool) {
	switch v := v.(type) {
	case float64:
		return v, true
	case float32:
		return float64(v), true
	case int:
		return float64(v), true
	case int8:
		return float64(v), true
	case int16:
		return float64(v), true
	case int32:
		return float64(v), true
	case int64:
		return float64(v), true
	case uint:
		return float64(v), true
	case uint8:
		return float64(v), true
	case uint16:
		return float64(v), true
	case uint32:
		return float64(v), true
	case uint64:
		return float64(v), true
	case json.Number:
		x, err := v.Float64()
		return x, err == nil
	case string:
		if !numberPattern.MatchString(v) {
			return 0, false
		}
		x, err := strconv.ParseFloat(v, 64)
		return x, err == nil
	}
	return 0, false
}

func refID(v any) (int64, bool) {
	switch v := v.(type) {
	case map[string]any:
		return refID(v["id"])
	case map[string]string:
		return refID(v["id"])
	case string:
		id, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		return id, err == nil
	case json.Number:
		id, err := v.Int64()
		return id, err == nil
	case float64:
		return int64(v), v == math.Trunc(v) && !math.IsInf(v, 0)
	}
	if x, ok := toFloat(v); ok && x == math.Trunc(x) {
		return int64(x), true
	}
	return 0, false
}

func enumID(v any) (string, bool) {
	switch v := v.(type) {
	case map[string]any:
		return enumID(v["id"])
	case map[string]string:
		return enumID(v["id"])
	case string:
		return v, v != ""
	}
	return "", false
}

func toTime(v any) (time.Time, bool) {
	switch v := v.(type) {
	case time.Time:
		return v, !v.IsZero()
	case *time.Time:
		if v != nil {
			return *v, !v.IsZero()
		}
	case string:
		if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func toDay(v any) (Day, bool) {
	if s, ok := v.(string); ok {
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			return DayOf(t), true
		}
	}
	t, ok := toTime(v)
	if !ok {
		return Day{}, false
	}
	return DayOf(t), true
}
