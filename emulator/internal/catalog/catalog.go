package catalog

import (
	"embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed schemas/*.json
var schemaFS embed.FS

// Kind classifies a field by how its value is shaped on the wire and how it can be
// used (filtered, written, expanded).
type Kind int

// The field kinds.
const (
	// KindScalar is a plain string, number, integer or boolean value.
	KindScalar Kind = iota + 1
	// KindDate is a date without time or zone (`"format": "date"`, e.g. "2017-07-21").
	KindDate
	// KindDateTime is an instant (`"format": "date-time"`, e.g. "2017-07-21T17:32:28Z").
	KindDateTime
	// KindReference is a select field: an object with id/refName pointing at a record.
	KindReference
	// KindEnum is a list field: an object with id/refName whose ids are listed in Enum.
	KindEnum
	// KindMultiSelect is a collection of references (`subsidiaryCollection`).
	KindMultiSelect
	// KindSublist is a collection of lines (`salesOrder-itemCollection`).
	KindSublist
	// KindSubrecord is a nested record (`salesOrder-billingAddress`).
	KindSubrecord
	// KindLinks is the read-only HATEOAS `links` array (`nsLink[]`).
	KindLinks
	// KindOther is an untyped array or object the browser does not describe further.
	KindOther
)

var kindNames = map[Kind]string{
	KindScalar:      "scalar",
	KindDate:        "date",
	KindDateTime:    "datetime",
	KindReference:   "reference",
	KindEnum:        "enum",
	KindMultiSelect: "multiselect",
	KindSublist:     "sublist",
	KindSubrecord:   "subrecord",
	KindLinks:       "links",
	KindOther:       "other",
}

// String returns the lower-case name of the kind ("scalar", "datetime", ...).
func (k Kind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return "unknown"
}

// Field is one property of a record body, sublist line or subrecord.
//
// A Field belongs to a loaded Catalog and must not be modified.
type Field struct {
	// Name is the property name as the REST API spells it (camelCase, or the script
	// ID of a custom field).
	Name string
	// Label is the UI label from the REST API browser; often empty for references.
	Label string
	// Type is the JSON type: string, integer, number, boolean, object or array.
	Type string
	// Format refines Type: date, date-time, int64, int32, double, float, URI, ...
	Format string
	// Ref is the referenced definition as the schema names it: a record type for a
	// reference ("customer", or "nsResource" when the browser does not say which),
	// "nsLink" for links, the collection or subrecord definition for sublists and
	// subrecords ("salesOrder-itemCollection", "salesOrder-billingAddress"), and
	// the collection name for multiselects ("subsidiaryCollection").
	Ref string
	// Target is the record type a reference or multiselect points at ("customer",
	// "subsidiary"); empty when unknown (nsResource) or not a reference.
	Target string
	// Enum lists the ids an enum field accepts, as the browser lists them.
	Enum []string
	// EnumLabels are the labels (refName) of an enum field's values by id, as
	// Enum spells it; ids without a known label are absent (see
	// schemas/README.md, "Enum labels").
	EnumLabels map[string]EnumLabel
	// ReadOnly is the browser's read-only flag. It is sparse: see the package doc.
	ReadOnly bool
	// Nullable is derived (Assumption, see the package doc).
	Nullable bool
	// Custom marks a custom field (`x-ns-custom-field: true`).
	Custom bool
	// Kind classifies the field.
	Kind Kind
	// Sublist is set for KindSublist fields.
	Sublist *Sublist
	// Subrecord is set for KindSubrecord fields.
	Subrecord *Subrecord
}

// fieldIndex maps lower-cased field names to fields.
type fieldIndex map[string]*Field

func newFieldIndex(fields []*Field) fieldIndex {
	idx := make(fieldIndex, len(fields))
	for _, f := range fields {
		idx[strings.ToLower(f.Name)] = f
	}
	return idx
}

func (idx fieldIndex) lookup(name string) (*Field, bool) {
	// An ASCII name of up to 64 bytes is lower-cased on the stack: a map
	// index by string(bytes) does not allocate, and field lookups are a good
	// part of validating a body (seeding a million records makes tens of millions).
	// strings.ToLower maps ASCII the same way.
	if len(name) <= 64 {
		var buf [64]byte
		b := buf[:0]
		for i := 0; i < len(name); i++ {
			c := name[i]
			if c >= utf8.RuneSelf {
				b = nil
				break
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		}
		if b != nil {
			f, ok := idx[string(b)]
			return f, ok
		}
	}
	f, ok := idx[strings.ToLower(name)]
	return f, ok
}

// Sublist describes a sublist: a body field holding a collection of lines.
//
// A Sublist belongs to a loaded Catalog and must not be modified.
type Sublist struct {
	// Name is the body field that holds the sublist ("item", "addressBook").
	Name string
	// Collection is the collection definition ("salesOrder-itemCollection").
	Collection string
	// Element is the line definition ("salesOrder-itemElement").
	Element string
	// Fields are the line's fields, in schema order.
	Fields []*Field
	// Keyed reports whether lines carry a key that identifies them across updates
	// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545297048.html).
	// Derived; see the package doc (Assumption).
	Keyed bool
	// Key is the key field of a keyed sublist ("line", "id" or "internalId").
	Key string

	index fieldIndex
}

// Field returns the line field with the given name, ignoring case.
func (s *Sublist) Field(name string) (*Field, bool) { return s.index.lookup(name) }

// Subrecord describes a subrecord: a body or line field holding a nested record
// such as an address or an inventory detail.
//
// A Subrecord belongs to a loaded Catalog and must not be modified.
type Subrecord struct {
	// Name is the field that holds the subrecord ("billingAddress").
	Name string
	// Definition is the subrecord's definition ("salesOrder-billingAddress").
	Definition string
	// Fields are the subrecord's fields, in schema order.
	Fields []*Field

	index fieldIndex
}

// Field returns the subrecord field with the given name, ignoring case.
func (s *Subrecord) Field(name string) (*Field, bool) { return s.index.lookup(name) }

// RecordType is one record type of the catalog: its body fields, sublists,
// subrecords and the fields that can be used in `q` filters.
//
// A RecordType belongs to a loaded Catalog and must not be modified.
type RecordType struct {
	// Name is the type name as the metadata spells it: camelCase for standard
	// types ("salesOrder"), the script ID for custom record types.
	Name string
	// Label is the display name of a custom record type; empty for standard types.
	Label string
	// Source names where the schema came from.
	Source string
	// Custom marks a custom record type (customrecord_...).
	Custom bool
	// Fields are the body fields in schema order (custom fields last).
	Fields []*Field
	// Sublists are the body fields of KindSublist, in schema order.
	Sublists []*Sublist
	// Subrecords are the body fields of KindSubrecord, in schema order.
	Subrecords []*Subrecord
	// Filterable lists the body fields usable in `q` (x-ns-filterable), in schema
	// order. Derived; see the package doc (Assumption).
	Filterable []string
	// Profile is what the emulator knows about the type beyond its schema.
	Profile *Profile

	index      fieldIndex
	filterable map[string]bool // lower-cased names
}

// Field returns the body field with the given name, ignoring case: Oracle's own filter examples
// write `companyname` and `isinactive` for `companyName` and `isInactive`
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545222128.html).
func (rt *RecordType) Field(name string) (*Field, bool) { return rt.index.lookup(name) }

// Sublist returns the sublist with the given name, ignoring case.
func (rt *RecordType) Sublist(name string) (*Sublist, bool) {
	f, ok := rt.Field(name)
	if !ok || f.Sublist == nil {
		return nil, false
	}
	return f.Sublist, true
}

// Subrecord returns the body subrecord with the given name, ignoring case.
func (rt *RecordType) Subrecord(name string) (*Subrecord, bool) {
	f, ok := rt.Field(name)
	if !ok || f.Subrecord == nil {
		return nil, false
	}
	return f.Subrecord, true
}

// IsFilterable reports whether the named body field may be used in a `q` filter.
func (rt *RecordType) IsFilterable(name string) bool {
	return rt.filterable[strings.ToLower(name)]
}

// finish builds the derived parts of rt (index, sublists, subrecords, filterable
// set) from rt.Fields.
func (rt *RecordType) finish() {
	rt.index = newFieldIndex(rt.Fields)
	rt.Sublists, rt.Subrecords, rt.Filterable = nil, nil, nil
	rt.filterable = make(map[string]bool)
	for _, f := range rt.Fields {
		switch {
		case f.Sublist != nil:
			rt.Sublists = append(rt.Sublists, f.Sublist)
		case f.Subrecord != nil:
			rt.Subrecords = append(rt.Subrecords, f.Subrecord)
		}
		if filterable(f) {
			rt.Filterable = append(rt.Filterable, f.Name)
			rt.filterable[strings.ToLower(f.Name)] = true
		}
	}
	if rt.Profile != nil {
		rt.finishProfile()
	}
}

// filterable is the derived x-ns-filterable rule (Assumption, see doc.go): body
// fields holding one value that N/query can compare (scalars, booleans, dates,
// datetimes, references by id, enums), but not `refName` (the record's display
// name, not a stored field), and never links, sublists, subrecords, multiselects or
// untyped arrays/objects.
func filterable(f *Field) bool {
	if f.Name == "refName" {
		return false
	}
	switch f.Kind {
	case KindScalar, KindDate, KindDateTime, KindReference, KindEnum:
		return true
	}
	return false
}

// Catalog is a set of record types. It is read-only after Load and safe for
// concurrent use; WithCustom returns a new Catalog and leaves the old one intact.
type Catalog struct {
	types  map[string]*RecordType // lower-cased name -> type
	names  []string               // sorted type names
	shared map[string][]*Field    // ns.json definitions (nsLink, nsError, ...)
}

// Types returns the record type names, sorted: metadata camelCase for standard
// types (customer, salesOrder, ...) and script IDs for custom record types. The
// slice is the caller's.
func (c *Catalog) Types() []string { return slices.Clone(c.names) }

// Type returns the record type with the given name. The lookup ignores case, as
// NetSuite does for record type names in URLs
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545141500.html).
func (c *Catalog) Type(name string) (*RecordType, bool) {
	rt, ok := c.types[strings.ToLower(name)]
	return rt, ok
}

// Shared returns the fields of a shared `ns*` definition (nsLink, nsError,
// nsResource, nsResourceCollection, nsResourceSelectOptions), in schema order.
// Shared definitions are not record types and are not listed by Types.
func (c *Catalog) Shared(name string) ([]*Field, bool) {
	f, ok := c.shared[name]
	return f, ok
}

var (
	defaultOnce    sync.Once
	defaultCatalog *Catalog
	defaultErr     error
)

// Default returns the catalog of the embedded schemas, loaded once per process.
func Default() (*Catalog, error) {
	defaultOnce.Do(func() { defaultCatalog, defaultErr = Load() })
	return defaultCatalog, defaultErr
}

// Load parses the embedded schemas and enum labels into a new Catalog. Most
// callers want Default.
func Load() (*Catalog, error) {
	labels, err := parseEnumLabels(enumLabelsJSON)
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	return loadFS(schemaFS, "schemas", profiles, labels)
}

func (c *Catalog) sortNames() {
	c.names = c.names[:0]
	for _, rt := range c.types {
		c.names = append(c.names, rt.Name)
	}
	slices.Sort(c.names)
}
