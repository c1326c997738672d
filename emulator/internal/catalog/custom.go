package catalog

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// CustomFieldType is the type of a custom field, as chosen in NetSuite's custom
// field form.
type CustomFieldType string

// The supported custom field types.
const (
	CustomText     CustomFieldType = "text"
	CustomInteger  CustomFieldType = "integer"
	CustomDecimal  CustomFieldType = "decimal"
	CustomCheckbox CustomFieldType = "checkbox"
	CustomDate     CustomFieldType = "date"
	CustomDateTime CustomFieldType = "datetime"
	CustomSelect   CustomFieldType = "select"
)

// CustomField describes a custom field of the account. Its script ID prefix says
// where it applies (REFERENCE.md §5):
//
//   - custentity_ : entity records (customer, vendor, employee, contact);
//   - custbody_   : transaction bodies (salesOrder, invoice, purchaseOrder,
//     customerPayment, itemFulfillment);
//   - custcol_    : lines of the item sublist of those transactions;
//   - custitem_   : item records (inventoryItem, nonInventorySaleItem,
//     serviceSaleItem);
//   - custrecord_ : fields of a custom record type (only inside CustomRecordType).
type CustomField struct {
	// ScriptID is the field's script ID, e.g. "custentity_loyalty_tier". It is
	// matched and stored in lower case.
	ScriptID string
	// Label is the field's label; the script ID when empty.
	Label string
	// Type is the field type.
	Type CustomFieldType
	// RecordType is the record type a select field lists (e.g. "customer",
	// "customrecord_region"); required for select, not allowed otherwise.
	RecordType string
}

// CustomRecordType describes a custom record type of the account.
type CustomRecordType struct {
	// ScriptID is the type's script ID, e.g. "customrecord_region"; it is the
	// record type name in REST URLs (ns:section_1545141500).
	ScriptID string
	// Name is the type's display name.
	Name string
	// Fields are its custom fields; each script ID starts with custrecord_.
	Fields []CustomField
}

var (
	entityTypes      = []string{"customer", "vendor", "employee", "contact"}
	transactionTypes = []string{"salesOrder", "invoice", "purchaseOrder", "customerPayment", "itemFulfillment"}
	itemTypes        = []string{"inventoryItem", "nonInventorySaleItem", "serviceSaleItem"}

	scriptIDPattern = regexp.MustCompile(`^[a-z][a-z0-9]*_[a-z0-9_]+$`)
)

// lineSublist is the sublist custcol_ fields are added to (Assumption: only the
// item sublist; real custcol_ fields can also apply to expense and time lines).
const lineSublist = "item"

// WithCustom returns a new catalog with the given custom fields and custom record
// types added. c is not changed; record types that gain nothing are shared between
// the two catalogs. All validation errors are reported together.
func (c *Catalog) WithCustom(custom []CustomField, records []CustomRecordType) (*Catalog, error) {
	n := &Catalog{
		types:  maps.Clone(c.types),
		shared: c.shared,
	}
	var (
		errs  []error
		added []*Field // new fields, whose select targets are resolved last
	)
	fail := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("catalog: "+format, args...))
	}

	// Custom record types first, so that select fields may point at them.
	for _, r := range records {
		id := strings.ToLower(strings.TrimSpace(r.ScriptID))
		switch {
		case !strings.HasPrefix(id, "customrecord_") || !scriptIDPattern.MatchString(id):
			fail("custom record type %q: script ID must be customrecord_ followed by lower-case letters, digits or underscores", r.ScriptID)
			continue
		case n.types[id] != nil:
			fail("custom record type %q: duplicate record type", r.ScriptID)
			continue
		}
		rt := &RecordType{
			Name:   id,
			Label:  r.Name,
			Source: "custom record type",
			Custom: true,
			Fields: customRecordStandardFields(),
		}
		if rt.Label == "" {
			rt.Label = id
		}
		index := newFieldIndex(rt.Fields)
		for _, cf := range r.Fields {
			f, err := customField(cf)
			if err != nil {
				fail("custom record type %q: %v", id, err)
				continue
			}
			added = append(added, f)
			if !strings.HasPrefix(f.Name, "custrecord_") {
				fail("custom record type %q: field %q: fields of a custom record type must start with custrecord_", id, cf.ScriptID)
				continue
			}
			if _, dup := index.lookup(f.Name); dup {
				fail("custom record type %q: field %q: duplicate field", id, cf.ScriptID)
				continue
			}
			index[f.Name] = f
			rt.Fields = append(rt.Fields, f)
		}
		rt.finish()
		n.types[id] = rt
	}

	// Standard record types change copy-on-write: each touched type is cloned
	// once, then fields are appended to the clone.
	cloned := make(map[string]*RecordType)
	clone := func(name string) *RecordType {
		key := strings.ToLower(name)
		if rt, ok := cloned[key]; ok {
			return rt
		}
		old := n.types[key]
		rt := *old
		rt.Fields = slices.Clone(old.Fields)
		rt.index = newFieldIndex(rt.Fields)
		cloned[key] = &rt
		n.types[key] = &rt
		return &rt
	}

	for _, cf := range custom {
		f, err := customField(cf)
		if err != nil {
			fail("%v", err)
			continue
		}
		added = append(added, f)
		prefix, _, _ := strings.Cut(f.Name, "_")
		var targets []string
		switch prefix {
		case "custentity":
			targets = entityTypes
		case "custbody", "custcol":
			targets = transactionTypes
		case "custitem":
			targets = itemTypes
		case "custrecord":
			fail("custom field %q: custrecord_ fields belong to a custom record type; list them in its Fields", cf.ScriptID)
			continue
		default:
			fail("custom field %q: script ID must start with custentity_, custbody_, custcol_ or custitem_", cf.ScriptID)
			continue
		}
		for _, t := range targets {
			if !n.accepts(t, prefix) {
				continue
			}
			rt := clone(t)
			if prefix == "custcol" {
				if err := addLineField(rt, f); err != nil {
					fail("custom field %q: %v", cf.ScriptID, err)
					break
				}
				continue
			}
			if _, dup := rt.index.lookup(f.Name); dup {
				fail("custom field %q: %s already has a field of that name", cf.ScriptID, rt.Name)
				break
			}
			rt.Fields = append(rt.Fields, f)
			rt.index[strings.ToLower(f.Name)] = f
		}
	}

	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	for _, f := range added {
		n.resolveTarget(f)
	}
	for _, rt := range cloned {
		rt.finish()
	}
	n.sortNames()
	return n, nil
}

// accepts reports whether record type t is in the catalog and, for custcol_
// fields, has an item sublist (customerPayment has none).
func (c *Catalog) accepts(t, prefix string) bool {
	rt, ok := c.Type(t)
	if !ok {
		return false
	}
	if prefix == "custcol" {
		_, ok = rt.Sublist(lineSublist)
	}
	return ok
}

// resolveTarget spells the target of a custom select field as the catalog does,
// when the catalog knows the type. Unknown targets (custom lists, record types not
// in the catalog) are kept as given.
func (c *Catalog) resolveTarget(f *Field) {
	if f.Kind != KindReference {
		return
	}
	if rt, ok := c.Type(f.Target); ok {
		f.Target, f.Ref = rt.Name, rt.Name
	}
}

// addLineField adds f to the item sublist of rt, cloning the sublist field and
// the sublist.
func addLineField(rt *RecordType, f *Field) error {
	i := slices.IndexFunc(rt.Fields, func(bf *Field) bool { return bf.Name == lineSublist && bf.Sublist != nil })
	old := rt.Fields[i]
	if _, dup := old.Sublist.Field(f.Name); dup {
		return fmt.Errorf("%s.%s already has a field of that name", rt.Name, lineSublist)
	}
	s := *old.Sublist
	s.Fields = append(slices.Clone(old.Sublist.Fields), f)
	s.index = newFieldIndex(s.Fields)
	bf := *old
	bf.Sublist = &s
	rt.Fields[i] = &bf
	rt.index[strings.ToLower(bf.Name)] = &bf
	return nil
}

// customField validates cf and turns it into a Field carrying x-ns-custom-field.
func customField(cf CustomField) (*Field, error) {
	id := strings.ToLower(strings.TrimSpace(cf.ScriptID))
	if !scriptIDPattern.MatchString(id) {
		return nil, fmt.Errorf("custom field %q: script ID must be a prefix such as custentity_ followed by lower-case letters, digits or underscores", cf.ScriptID)
	}
	f := &Field{Name: id, Label: cf.Label, Custom: true}
	if f.Label == "" {
		f.Label = id
	}
	if cf.Type != CustomSelect && cf.RecordType != "" {
		return nil, fmt.Errorf("custom field %q: a record type is only allowed for select fields", cf.ScriptID)
	}
	switch cf.Type {
	case CustomText:
		f.Type, f.Kind = "string", KindScalar
	case CustomInteger:
		f.Type, f.Format, f.Kind = "integer", "int64", KindScalar
	case CustomDecimal:
		f.Type, f.Format, f.Kind = "number", "double", KindScalar
	case CustomCheckbox:
		f.Type, f.Kind = "boolean", KindScalar
	case CustomDate:
		f.Type, f.Format, f.Kind = "string", "date", KindDate
	case CustomDateTime:
		f.Type, f.Format, f.Kind = "string", "date-time", KindDateTime
	case CustomSelect:
		rt := strings.TrimSpace(cf.RecordType)
		if rt == "" {
			return nil, fmt.Errorf("custom field %q: a select field needs a record type", cf.ScriptID)
		}
		f.Type, f.Kind, f.Ref, f.Target = "object", KindReference, rt, rt
	default:
		return nil, fmt.Errorf("custom field %q: unknown type %q (want text, integer, decimal, checkbox, date, datetime or select)", cf.ScriptID, cf.Type)
	}
	f.Nullable = nullable(f)
	return f, nil
}

// customRecordStandardFields are the body fields every custom record type has
// (Assumption, see doc.go).
func customRecordStandardFields() []*Field {
	fields := []*Field{
		{Name: "created", Label: "Date Created", Type: "string", Format: "date-time", Kind: KindDateTime},
		{Name: "externalId", Label: "External ID", Type: "string", Kind: KindScalar},
		{Name: "id", Label: "Internal ID", Type: "string", Kind: KindScalar},
		{Name: "isInactive", Label: "Inactive", Type: "boolean", Kind: KindScalar},
		{Name: "lastModified", Label: "Last Modified", Type: "string", Format: "date-time", Kind: KindDateTime},
		{Name: "links", Label: "Links", Type: "array", Ref: "nsLink", ReadOnly: true, Kind: KindLinks},
		{Name: "name", Label: "Name", Type: "string", Kind: KindScalar},
		{Name: "owner", Type: "object", Ref: "employee", Target: "employee", Kind: KindReference},
		{Name: "refName", Label: "Reference Name", Type: "string", Kind: KindScalar},
	}
	for _, f := range fields {
		f.Nullable = nullable(f)
	}
	return fields
}
