package fieldpath

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nsconnect/nsconnect/internal/config"
	"github.com/nsconnect/nsconnect/internal/suggest"
	"github.com/nsconnect/nsconnect/netsuite"
	"github.com/nsconnect/nsconnect/netsuite/nstime"
)

// Kind is how a Field reads a value given as text.
type Kind int

// The kinds, from the field's property in the record type's metadata
// (Compile) or from a mapping (Field.Retype).
const (
	KindGuess     Kind = iota // not typed by the metadata: read by its look (Guess)
	KindText                  // a string: the text as it is
	KindNumber                // a number: 1500, 1500.75, -3, 1e3
	KindInteger               // a whole number: 42
	KindBoolean               // a checkbox: true or false (also 1/0, yes/no, on/off)
	KindDate                  // a date: YYYY-MM-DD, sent as is
	KindDateTime              // a datetime: read in the account time zone, sent in UTC
	KindReference             // a record or list value: an internal ID, sent as {"id": "..."}, or a JSON object
	KindID                    // an id or externalId: always text
	KindJSON                  // a JSON value
)

var kindNames = [...]string{
	KindGuess:     "guess",
	KindText:      "text",
	KindNumber:    "number",
	KindInteger:   "integer",
	KindBoolean:   "boolean",
	KindDate:      "date",
	KindDateTime:  "datetime",
	KindReference: "reference",
	KindID:        "id",
	KindJSON:      "json",
}

// String is the kind's name, as ParseKind reads it.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "Kind(" + strconv.Itoa(int(k)) + ")"
	}
	return kindNames[k]
}

// ParseKind reads a kind by its name: guess, text, number, integer,
// boolean, date, datetime, reference, id or json, in any case.
func ParseKind(s string) (Kind, error) {
	for k, name := range kindNames {
		if strings.EqualFold(strings.TrimSpace(s), name) {
			return Kind(k), nil
		}
	}
	return 0, fmt.Errorf("unknown type %q; use one of %s", s, strings.Join(kindNames[:], ", "))
}

// noun names a field of the kind in messages: "customer.creditLimit is a
// number field".
func (k Kind) noun() string {
	switch k {
	case KindBoolean:
		return "a checkbox"
	case KindInteger:
		return "a whole-number field"
	case KindReference:
		return "a reference field"
	case KindID:
		return "an ID"
	case KindGuess, KindJSON:
		return "a field"
	}
	return "a " + k.String() + " field"
}

// Lookup finds the field called name in schema, matching case as NetSuite
// does when no exact match exists, and returns the schema's spelling of the
// name and its property. A field the record type does not have is an error
// that names the closest known field.
func Lookup(recordType string, schema *netsuite.Schema, name string) (string, *netsuite.SchemaProperty, error) {
	canonical, prop, ok := lookup(schema.Properties, name)
	if !ok {
		return "", nil, fmt.Errorf("%s has no field %q%s", recordType, name, didYouMean(name, schema.Properties))
	}
	return canonical, prop, nil
}

func lookup(props map[string]*netsuite.SchemaProperty, name string) (string, *netsuite.SchemaProperty, bool) {
	if p, ok := props[name]; ok {
		return name, p, true
	}
	for k, p := range props {
		if strings.EqualFold(k, name) {
			return k, p, true
		}
	}
	return "", nil, false
}

// didYouMean returns `; did you mean "x"?` for the known name closest to
// name, or "".
func didYouMean[V any](name string, known map[string]V) string {
	keys := make([]string, 0, len(known))
	for k := range known {
		keys = append(keys, k)
	}
	slices.Sort(keys) // the first of equally close names wins
	if best := suggest.Closest(name, keys); best != "" {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	return ""
}

// A Field is a Path compiled against a record type's schema: it knows the
// field's kind, and reads values for it. Compile one per column or --set
// path, then read every value through it.
type Field struct {
	// Path is the path with the schema's spelling of the names it knows
	// (companyname becomes companyName).
	Path Path
	// Kind is how values are read.
	Kind Kind
	// DateFormat, when not nil, is how a KindDate or KindDateTime value
	// writes its day (3/8/2026 in M/D/YYYY). When nil, dates are
	// YYYY-MM-DD.
	DateFormat *nstime.DateFormat

	what  string   // the field in messages: customer.creditLimit
	typed bool     // Kind comes from the metadata or the path (an id)
	enum  []string // the values the metadata allows, if it lists them
}

// Compile resolves p against the record type's schema: the first name must
// be a field of the record type (an error suggests the closest one
// otherwise), a line index needs a sublist, and a dotted path needs an
// object (a reference, subrecord or sublist), not a plain value. Where the
// schema describes the value p ends at, the Field takes its kind from it:
//
//	type string                        KindText
//	type string, format date           KindDate
//	type string, format date-time      KindDateTime
//	type number / integer / boolean    KindNumber / KindInteger / KindBoolean
//	$ref to a record type, nsResource,
//	or an object with an id property   KindReference
//	a path ending in id or externalId  KindID
//
// Sublists, subrecords and the fields inside them are described by other
// metadata-catalog resources (a $ref), which Compile does not follow: their
// values are KindGuess unless retyped.
func Compile(recordType string, schema *netsuite.Schema, p Path) (*Field, error) {
	if len(p) == 0 || p[0].Name == "" {
		return nil, errors.New("the path is empty")
	}
	name, prop, err := Lookup(recordType, schema, p[0].Name)
	if err != nil {
		return nil, err
	}
	out := slices.Clone(p)
	out[0].Name = name
	what := recordType + "." + name
	for i := 1; i < len(p); i++ {
		part := p[i]
		if prop != nil {
			switch shape := shapeOf(prop); {
			case part.Name == "" && shape != shapeList:
				return nil, fmt.Errorf("%s is not a sublist, so it has no lines", what)
			case part.Name == "":
				prop = prop.Items
			case shape == shapeScalar:
				return nil, fmt.Errorf("%s is a plain %s, not an object; its path is %s", what, prop.Type, out[:i])
			case shape == shapeList && part.Name == "items" && i+1 < len(p) && p[i+1].Name == "":
				return nil, fmt.Errorf("%s is a sublist: name its line as %s[%d]", what, out[:i], p[i+1].Index)
			case shape == shapeList && part.Name != "items":
				return nil, fmt.Errorf("%s is a sublist: name a line, such as %s[0].%s", what, out[:i], part.Name)
			case shape == shapeList:
				prop = nil // the lines, described by another resource
			case prop.Properties != nil:
				sub, subProp, ok := lookup(prop.Properties, part.Name)
				if !ok {
					return nil, fmt.Errorf("%s has no field %q%s", what, part.Name, didYouMean(part.Name, prop.Properties))
				}
				out[i].Name, prop = sub, subProp
			default:
				prop = nil // described by another resource
			}
		}
		if part.Name == "" {
			what += fmt.Sprintf("[%d]", part.Index)
		} else {
			what += "." + out[i].Name
		}
	}
	f := &Field{Path: out, what: what}
	f.Kind, f.enum = kindOf(prop)
	f.typed = f.Kind != KindGuess
	if isID(out) {
		f.Kind, f.typed = KindID, true
	}
	return f, nil
}

// shapes of a schema property, for the path checks.
const (
	shapeUnknown = iota
	shapeScalar  // a plain value
	shapeObject  // a reference, subrecord or inline object
	shapeList    // a sublist, multi-select or array
)

func shapeOf(p *netsuite.SchemaProperty) int {
	switch {
	case p.Ref != "" && strings.HasSuffix(p.Ref, "Collection"):
		return shapeList
	case p.Ref != "":
		return shapeObject
	}
	switch p.Type {
	case "array":
		return shapeList
	case "object":
		return shapeObject
	case "string", "number", "integer", "boolean":
		return shapeScalar
	}
	return shapeUnknown
}

// kindOf is the kind of the value p describes, and the values it allows.
func kindOf(p *netsuite.SchemaProperty) (Kind, []string) {
	if p == nil {
		return KindGuess, nil
	}
	if p.Ref != "" {
		// A record reference names a record type or nsResource; sublists
		// (...Collection) and subrecords and lines (customer-addressBook...,
		// salesOrder-itemElement) are objects of their own.
		target := p.Ref[strings.LastIndex(p.Ref, "/")+1:]
		if strings.HasSuffix(target, "Collection") || strings.Contains(target, "-") {
			return KindGuess, nil
		}
		return KindReference, nil
	}
	switch p.Type {
	case "object":
		if id := p.Properties["id"]; id != nil {
			return KindReference, enumOf(id)
		}
	case "string":
		switch p.Format {
		case "date":
			return KindDate, nil
		case "date-time":
			return KindDateTime, nil
		}
		return KindText, enumOf(p)
	case "number":
		return KindNumber, nil
	case "integer":
		return KindInteger, nil
	case "boolean":
		return KindBoolean, nil
	}
	return KindGuess, nil
}

// enumOf lists the values p allows, when it lists strings.
func enumOf(p *netsuite.SchemaProperty) []string {
	var out []string
	for _, v := range p.Enum {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// Retype sets how values are read where the metadata does not say: kind
// for a KindGuess field, and format, a Date Format preference name such as
// D/M/YYYY (see nstime.ParseDateFormat), for the day of a date or datetime.
// A kind other than the one the metadata gives, or a format for a field
// that is not a date or datetime, is an error.
func (f *Field) Retype(kind Kind, format string) error {
	if kind != f.Kind {
		if f.typed {
			return fmt.Errorf("%s is %s; it cannot be read as %s", f.what, f.Kind.noun(), kind)
		}
		f.Kind = kind
	}
	if format == "" {
		return nil
	}
	if f.Kind != KindDate && f.Kind != KindDateTime {
		return fmt.Errorf("a date format applies to date and datetime fields, and %s is %s", f.what, f.Kind.noun())
	}
	df, err := nstime.ParseDateFormat(format)
	if err != nil {
		var names []string
		for _, d := range nstime.DateFormats() {
			names = append(names, d.String())
		}
		return fmt.Errorf("date format %q is not one of %s", format, strings.Join(names, ", "))
	}
	f.DateFormat = &df
	return nil
}

// Value reads raw, a value given as text (a --set value, a CSV cell), for
// the field: text as it is for text and IDs (a JSON quoted string gives its
// text: "42" with the quotes is the text 42); a number as a JSON number; a
// checkbox as true or false; a date as YYYY-MM-DD; a datetime read in loc,
// the account time zone, and written in UTC (2026-11-01T18:00:00Z); a
// reference's internal ID as {"id": "..."} (a JSON object as it is); and by
// its look (Guess) where the metadata says nothing. It does not treat any
// text as null: callers choose their null marker.
//
// Errors name the value (quoted, and shortened when long), the field and
// the form it wants.
func (f *Field) Value(raw string, loc *time.Location) (any, error) {
	switch f.Kind {
	case KindGuess:
		return Guess(f.Path, raw), nil
	case KindText, KindID:
		return f.checkEnum(unquote(raw))
	case KindNumber:
		var n json.Number
		if err := json.Unmarshal([]byte(raw), &n); err != nil {
			return nil, fmt.Errorf("%s is not a number; %s is a number field: write it as 1500 or -1500.75, without thousands separators or a currency sign", Quote(raw), f.what)
		}
		return n, nil
	case KindInteger:
		n, err := strconv.ParseInt(strings.TrimSpace(raw), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s is not a whole number; %s is a whole-number field: write it as 42, without a fraction or thousands separators", Quote(raw), f.what)
		}
		return json.Number(strconv.FormatInt(n, 10)), nil
	case KindBoolean:
		b, err := config.ParseBool(raw)
		if err != nil {
			return nil, fmt.Errorf("%s is not true or false; %s is a checkbox: write true or false (1/0, yes/no and on/off work too)", Quote(raw), f.what)
		}
		return b, nil
	case KindDate:
		return f.date(raw)
	case KindDateTime:
		return f.dateTime(raw, loc)
	case KindReference:
		if t := strings.TrimSpace(raw); strings.HasPrefix(t, "{") {
			v, err := decodeJSON(t)
			if m, ok := v.(map[string]any); ok && err == nil {
				return m, nil
			}
			return nil, fmt.Errorf("%s is not a JSON object; %s is a reference: give the internal ID of the record or value, such as 5, or an object such as {\"externalId\": \"CUST-1\"}", Quote(raw), f.what)
		}
		id, err := f.checkEnum(unquote(raw))
		if err != nil {
			return nil, err
		}
		return map[string]any{"id": id}, nil
	case KindJSON:
		v, err := decodeJSON(raw)
		if err != nil {
			return nil, fmt.Errorf("%s is not JSON (%v); %s is read as JSON: write a number, true, false, null, a \"quoted string\", an object or an array", Quote(raw), err, f.what)
		}
		return v, nil
	}
	return nil, fmt.Errorf("%s: unknown %v", f.what, f.Kind)
}

// FromJSON types v, a value decoded from JSON (with UseNumber), for the
// field: a string is read as Value reads text (so a datetime string is read
// in loc and sent in UTC, and "1500" for a number field is 1500); a number
// is text for a text field or an ID, and an internal ID for a reference;
// null stays null. A value of the wrong shape (an object for a number, a
// number for a date) is an error. KindGuess and KindJSON fields take v as
// it is.
func (f *Field) FromJSON(v any, loc *time.Location) (any, error) {
	if v == nil || f.Kind == KindGuess || f.Kind == KindJSON {
		return v, nil
	}
	switch x := v.(type) {
	case string:
		if f.Kind == KindText || f.Kind == KindID {
			return f.checkEnum(x)
		}
		if f.Kind == KindReference && strings.HasPrefix(strings.TrimSpace(x), "{") {
			break // a string is not an object
		}
		return f.Value(x, loc)
	case json.Number:
		switch f.Kind {
		case KindNumber:
			return x, nil
		case KindText, KindID, KindReference, KindInteger, KindBoolean:
			return f.Value(x.String(), loc)
		}
	case bool:
		if f.Kind == KindBoolean {
			return x, nil
		}
	case map[string]any:
		if f.Kind == KindReference {
			return x, nil
		}
	}
	return nil, fmt.Errorf("%s is %s; %s does not fit it", f.what, f.Kind.noun(), describeJSON(v))
}

// describeJSON names a JSON value in messages, without its content when it
// is an object or an array.
func describeJSON(v any) string {
	switch x := v.(type) {
	case string:
		return "the string " + Quote(x)
	case json.Number:
		return "the number " + Quote(x.String())
	case bool:
		return "the boolean " + strconv.FormatBool(x)
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	}
	return fmt.Sprintf("a %T", v)
}

// checkEnum returns s when the field lists no values or lists s.
func (f *Field) checkEnum(s string) (any, error) {
	if f.enum == nil || slices.Contains(f.enum, s) {
		return s, nil
	}
	shown := f.enum
	more := ""
	if len(shown) > 8 {
		shown, more = shown[:8], ", ..."
	}
	hint := ""
	if best := suggest.Closest(s, f.enum); best != "" {
		hint = fmt.Sprintf("; did you mean %q?", best)
	}
	return nil, fmt.Errorf("%s is not a value of %s%s (values: %s%s)", Quote(s), f.what, hint, strings.Join(shown, ", "), more)
}

// date reads a date field's value.
func (f *Field) date(raw string) (any, error) {
	if f.DateFormat != nil {
		d, err := f.DateFormat.Parse(raw)
		if err != nil {
			return nil, fmt.Errorf("%s is not a date in %s (%s); %s is a date field: write it as %s", Quote(raw), f.DateFormat, reason(err), f.what, f.DateFormat.Format(exampleDay))
		}
		return d.String(), nil
	}
	d, err := nstime.ParseDate(raw)
	if err != nil {
		return nil, fmt.Errorf("%s is not a date (%s); %s is a date field: write it as YYYY-MM-DD, such as 2026-03-08%s", Quote(raw), isoReason(raw, err), f.what, formatHint(raw))
	}
	return d.String(), nil
}

// exampleDay is the day of the examples in messages.
var exampleDay = nstime.Date{Year: 2026, Month: time.March, Day: 8}

// dateTime reads a datetime field's value: in loc unless it has an offset,
// written in UTC.
func (f *Field) dateTime(raw string, loc *time.Location) (any, error) {
	if loc == nil {
		return nil, fmt.Errorf("%s is a datetime field, and no account time zone was given to read %s in", f.what, Quote(raw))
	}
	if f.DateFormat != nil {
		t, err := f.displayDateTime(raw, loc)
		if err != nil {
			day := f.DateFormat.Format(exampleDay)
			return nil, fmt.Errorf("%s is not a datetime in %s (%s); %s is a datetime field: write it as %s or %s 14:30 (in the account time zone, %s)", Quote(raw), f.DateFormat, reason(err), f.what, day, day, loc)
		}
		return nstime.FormatUTC(t), nil
	}
	t, err := nstime.ParseDateTime(raw, loc)
	if err != nil {
		return nil, fmt.Errorf("%s is not a datetime (%s); %s is a datetime field: write it as 2026-03-08T14:30 or 2026-03-08 14:30:00 (in the account time zone, %s), or with an offset, 2026-03-08T14:30:00-08:00 or 2026-03-08T22:30:00Z%s", Quote(raw), isoReason(raw, err), f.what, loc, formatHint(raw))
	}
	return nstime.FormatUTC(t), nil
}

// displayDateTime reads a day in f.DateFormat, optionally followed by a
// space and a time, HH:MM or HH:MM:SS, as a wall time in loc (the package
// nstime's DST rule, WallTime); a day alone is its first instant.
func (f *Field) displayDateTime(raw string, loc *time.Location) (time.Time, error) {
	day, clock, hasClock := strings.Cut(strings.TrimSpace(raw), " ")
	d, err := f.DateFormat.Parse(day)
	if err != nil {
		return time.Time{}, err
	}
	if !hasClock {
		start, _ := d.In(loc)
		return start, nil
	}
	clock = strings.TrimSpace(clock)
	var c time.Time
	for _, layout := range []string{"15:04", "15:04:05"} {
		if c, err = time.Parse(layout, clock); err == nil {
			break
		}
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("time %s is not HH:MM or HH:MM:SS", Quote(clock))
	}
	return nstime.WallTime(d.Year, d.Month, d.Day, c.Hour(), c.Minute(), c.Second(), 0, loc), nil
}

// reason is what is wrong, from an nstime parse error, without the value
// and the list of forms that the message gives in its own words.
func reason(err error) string {
	var pe *nstime.ParseError
	if errors.As(err, &pe) {
		return pe.Reason
	}
	return err.Error()
}

// isoReason is reason for a value that should be YYYY-MM-DD: one written
// in a display format says so.
func isoReason(raw string, err error) string {
	if df, ok := displayFormat(raw); ok {
		return "it is written in " + df.String()
	}
	return reason(err)
}

// formatHint tells how to read dates in a display format, when raw starts
// with one.
func formatHint(raw string) string {
	if df, ok := displayFormat(raw); ok {
		return fmt.Sprintf(" (an import mapping can read a column written in %s)", df)
	}
	return ""
}

// displayFormat is the Date Format other than YYYY-MM-DD that the first
// word of raw is written in, if any.
func displayFormat(raw string) (nstime.DateFormat, bool) {
	first, _, _ := strings.Cut(strings.TrimSpace(raw), " ")
	for _, df := range nstime.DateFormats() {
		if _, err := df.Parse(first); err == nil && df != nstime.FormatISO {
			return df, true
		}
	}
	return 0, false
}

// decodeJSON decodes one JSON value, numbers as json.Number.
func decodeJSON(s string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("more than one value")
	}
	return v, nil
}

// maxQuoted is how many characters of a value a message shows.
const maxQuoted = 40

// Quote writes a value for a message: quoted, and cut to its first 40
// characters, so that an error names the bad value without repeating a
// whole cell of someone's data.
func Quote(s string) string {
	if n := 0; len(s) > maxQuoted {
		for i := range s {
			if n == maxQuoted {
				return strconv.Quote(s[:i]) + "..."
			}
			n++
		}
	}
	return strconv.Quote(s)
}
