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
// where it applies
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1540810174.html):
// the record types whose Profile has that CustomPrefix (custentity_ on entities,
// custbody_ on transactions, custitem_ on items), custcol_ on the item lines of
// the custbody_ types, custrecord_ only inside a CustomRecordType.
type CustomField struct {
	// ScriptID is the field's script ID in lower case, e.g.
	// "custentity_loyalty_tier".
	ScriptID string
	// Label is the field's label; the script ID when empty.
	Label string
	// Type is the field type.
	Type CustomFieldType
	// RecordType is the record type a select field lists (e.g. "customer",
	// "customrecord_region"); required for select, not allowed otherwise.
	RecordType string
	// AppliesTo narrows the record types the field applies to (NetSuite's
	// Applies To subtab); empty for every type its prefix allows. Not
	// allowed on a custom record type's fields.
	AppliesTo []string
}

// CustomRecordType describes a custom record type of the account.
type CustomRecordType struct {
	// ScriptID is the type's script ID, e.g. "customrecord_region"; it is the record type name in REST
	// URLs (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545141500.html).
	ScriptID string
	// Name is the type's display name. Required.
	Name string
	// Fields are its custom fields; each script ID starts with custrecord_.
	Fields []CustomField
}

// A CustomError is a problem with a custom field or custom record type, at a
// path in the account's terms: "customFields[2].type",
// "customRecordTypes[0].fields[1].scriptId". Indexes count from 0.
type CustomError struct {
	// Path is where the problem is.
	Path string
	// Msg says what is wrong and how to fix it.
	Msg string
}

func (e *CustomError) Error() string { return "catalog: " + e.Path + ": " + e.Msg }

// Script IDs: a prefix, an underscore and lower-case letters, digits or
// underscores (custentity_loyalty_tier), or, for objects created before
// NetSuite asked for script IDs, the prefix and a number (customrecord41,
// custentity32; Oracle's SuiteQL examples query CUSTOMRECORD41,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156257790831.html).
var (
	scriptIDPattern  = regexp.MustCompile(`^[a-z][a-z0-9]*_[a-z0-9_]+$`)
	numberedScriptID = regexp.MustCompile(`^(customrecord|custentity|custbody|custcol|custitem|custrecord)([0-9]+)$`)
)

// scriptPrefix returns a valid script ID's prefix ("custentity"), or false.
func scriptPrefix(id string) (string, bool) {
	if m := numberedScriptID.FindStringSubmatch(id); m != nil {
		return m[1], true
	}
	if scriptIDPattern.MatchString(id) {
		prefix, _, _ := strings.Cut(id, "_")
		return prefix, true
	}
	return "", false
}

var customFieldTypes = []CustomFieldType{
	CustomText, CustomInteger, CustomDecimal, CustomCheckbox, CustomDate, CustomDateTime, CustomSelect,
}

// fieldPrefixes are the prefixes of custom fields outside custom record
// types, in the order messages list them.
var fieldPrefixes = []string{"custentity", "custbody", LineCustomPrefix, "custitem", "custrecord"}

// isCustomRecordID reports whether id is a custom record type's script ID.
func isCustomRecordID(id string) bool {
	prefix, ok := scriptPrefix(id)
	return ok && prefix == "customrecord"
}

// WithCustom returns a new catalog with the given custom fields and custom
// record types added. c is not changed; record types that gain nothing are
// shared between the two catalogs. Every problem is reported, each as a
// *CustomError, joined; this is the one place the rules for custom fields
// live.
func (c *Catalog) WithCustom(custom []CustomField, records []CustomRecordType) (*Catalog, error) {
	n := &Catalog{
		types:  maps.Clone(c.types),
		shared: c.shared,
	}
	var (
		errs  []error
		added []*Field // new fields, whose select targets are resolved last
	)
	fail := func(path, format string, args ...any) {
		errs = append(errs, &CustomError{Path: path, Msg: fmt.Sprintf(format, args...)})
	}

	// Custom record types first, so that select fields may point at them.
	types := map[string]int{}
	for i, r := range records {
		at := fmt.Sprintf("customRecordTypes[%d]", i)
		id := r.ScriptID
		ok := true
		switch j, dup := types[id]; {
		case !isCustomRecordID(id):
			fail(at+".scriptId", "%q: a custom record type's script ID is customrecord_ followed by lower-case letters, digits or underscores (or customrecord and a number)", id)
			ok = false
		case dup:
			fail(at+".scriptId", "%q is also the script ID of customRecordTypes[%d]", id, j)
			ok = false
		case n.types[id] != nil:
			fail(at+".scriptId", "%q is a standard record type", id)
			ok = false
		}
		types[id] = i
		if r.Name == "" {
			fail(at+".name", "missing")
		}
		rt := &RecordType{
			Name:    id,
			Label:   r.Name,
			Source:  "custom record type",
			Custom:  true,
			Fields:  customRecordStandardFields(),
			Profile: customRecordProfile(id),
		}
		index := newFieldIndex(rt.Fields)
		seen := map[string]string{}
		for j, cf := range r.Fields {
			fat := fmt.Sprintf("%s.fields[%d]", at, j)
			f, prefix := customField(fat, cf, seen, fail)
			if prefix != "" && prefix != "custrecord" {
				fail(fat+".scriptId", "%q: the fields of a custom record type start with custrecord_", cf.ScriptID)
				continue
			}
			if len(cf.AppliesTo) > 0 {
				fail(fat+".appliesTo", "a custom record type's field applies to that type only; remove appliesTo")
			}
			if f == nil {
				continue
			}
			if _, dup := index.lookup(f.Name); dup {
				fail(fat+".scriptId", "%q: %s already has a field of that name", cf.ScriptID, id)
				continue
			}
			added = append(added, f)
			index[f.Name] = f
			rt.Fields = append(rt.Fields, f)
		}
		if ok {
			rt.finish()
			n.types[id] = rt
		}
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

	seen := map[string]string{}
	for i, cf := range custom {
		at := fmt.Sprintf("customFields[%d]", i)
		f, prefix := customField(at, cf, seen, fail)
		switch {
		case prefix == "custrecord" && len(cf.AppliesTo) == 0:
			fail(at+".appliesTo", "%q: a custrecord_ field outside a custom record type is an other-record field: name the record types it applies to (%s), or list it under customRecordTypes[].fields", cf.ScriptID, strings.Join(c.CustomTargets(prefix), ", "))
			continue
		case prefix != "" && !slices.Contains(fieldPrefixes, prefix):
			fail(at+".scriptId", "%q: a custom field's script ID starts with custentity_, custbody_, custcol_, custitem_ or custrecord_", cf.ScriptID)
			continue
		}
		if prefix == "" {
			continue
		}
		targets := c.CustomTargets(prefix)
		for j, t := range cf.AppliesTo {
			path := fmt.Sprintf("%s.appliesTo[%d]", at, j)
			if !slices.ContainsFunc(targets, func(s string) bool { return strings.EqualFold(s, t) }) {
				fail(path, "a %s_ field cannot apply to %q; it can apply to %s", prefix, t, strings.Join(targets, ", "))
			} else if slices.IndexFunc(cf.AppliesTo, func(s string) bool { return strings.EqualFold(s, t) }) < j {
				fail(path, "%q is listed twice", t)
			}
		}
		if f == nil {
			continue
		}
		added = append(added, f)
		for _, t := range targets {
			if len(cf.AppliesTo) > 0 && !slices.ContainsFunc(cf.AppliesTo, func(s string) bool { return strings.EqualFold(s, t) }) {
				continue
			}
			rt := clone(t)
			if prefix == LineCustomPrefix {
				if err := addLineField(rt, f); err != nil {
					fail(at+".scriptId", "%q: %v", cf.ScriptID, err)
					break
				}
				continue
			}
			if _, dup := rt.index.lookup(f.Name); dup {
				fail(at+".scriptId", "%q: %s already has a field of that name", cf.ScriptID, rt.Name)
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

// customField checks cf, at path at, and turns it into a Field carrying
// x-ns-custom-field. It returns the script ID's prefix ("" when the script ID
// is malformed) and a nil Field when cf has a problem, reported through
// fail. seen maps the script IDs met so far to their paths.
func customField(at string, cf CustomField, seen map[string]string, fail func(path, format string, args ...any)) (*Field, string) {
	ok := true
	id := cf.ScriptID
	prefix, valid := scriptPrefix(id)
	if !valid {
		fail(at+".scriptId", "%q: a script ID is a prefix such as custentity_ followed by lower-case letters, digits or underscores", id)
		ok = false
	} else {
		if other, dup := seen[id]; dup {
			fail(at+".scriptId", "%q is also the script ID of %s", id, other)
			ok = false
		}
		seen[id] = at
	}
	f := &Field{Name: id, Label: cf.Label, Custom: true}
	if f.Label == "" {
		f.Label = id
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
		if cf.RecordType == "" {
			fail(at+".recordType", "missing; a select field lists the records of a record type, such as customer")
			ok = false
		}
		f.Type, f.Kind, f.Ref, f.Target = "object", KindReference, cf.RecordType, cf.RecordType
	default:
		q := make([]string, len(customFieldTypes))
		for i, t := range customFieldTypes {
			q[i] = fmt.Sprintf("%q", string(t))
		}
		fail(at+".type", "unknown type %q; use %s", string(cf.Type), strings.Join(q, ", "))
		ok = false
	}
	if cf.Type != CustomSelect && cf.RecordType != "" {
		fail(at+".recordType", "only select fields have a record type")
		ok = false
	}
	if !ok {
		return nil, prefix
	}
	f.Nullable = nullable(f)
	return f, prefix
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
