package catalog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
)

// schemaFile is the shape of one file in schemas/ (see schemas/README.md).
type schemaFile struct {
	Record      string                 `json:"record"`
	Source      string                 `json:"source"`
	Definitions map[string][]schemaRow `json:"definitions"`
}

// schemaRow is one row of a REST API browser table.
type schemaRow struct {
	Name   string   `json:"name"`
	Label  string   `json:"label"`
	Type   string   `json:"type"`
	Format string   `json:"format"`
	Flags  string   `json:"flags"`
	Ref    string   `json:"ref"`
	Enum   []string `json:"enum"`
}

// sharedFile is the record name of the file with the shared ns* definitions.
const sharedFile = "ns"

// keyCandidates are the line fields that make a sublist keyed, in order of
// preference (Assumption, see doc.go).
var keyCandidates = []string{"line", "id", "internalId"}

// loadFS builds a catalog from the schema files in dir, each type with its
// entry of profiles, attaching labels to the enum fields they name. Every key
// of labels must be an enum field of the catalog and every labelled id one of
// the field's Enum ids.
func loadFS(fsys fs.FS, dir string, profiles map[string]*Profile, labels enumLabels) (*Catalog, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	c := &Catalog{types: make(map[string]*RecordType), shared: make(map[string][]*Field)}
	labelled := make(map[string]bool) // keys of labels attached to a field
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".json" {
			continue
		}
		data, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("catalog: %w", err)
		}
		sf, err := parseSchema(data)
		if err != nil {
			return nil, fmt.Errorf("catalog: %s: %w", e.Name(), err)
		}
		if want := strings.TrimSuffix(e.Name(), ".json"); sf.Record != want {
			return nil, fmt.Errorf("catalog: %s: record %q does not match the file name", e.Name(), sf.Record)
		}
		b := &builder{file: sf, building: make(map[string]bool), labels: labels, labelled: labelled}
		if sf.Record == sharedFile {
			for name := range sf.Definitions {
				fields, err := b.fields(name)
				if err != nil {
					return nil, fmt.Errorf("catalog: %s: %w", e.Name(), err)
				}
				c.shared[name] = fields
			}
			continue
		}
		fields, err := b.fields(sf.Record)
		if err != nil {
			return nil, fmt.Errorf("catalog: %s: %w", e.Name(), err)
		}
		key := strings.ToLower(sf.Record)
		if _, dup := c.types[key]; dup {
			return nil, fmt.Errorf("catalog: %s: duplicate record type %q", e.Name(), sf.Record)
		}
		profile, ok := profiles[sf.Record]
		if !ok {
			return nil, fmt.Errorf("catalog: %s: record type %q has no profile; add its entry to profiles", e.Name(), sf.Record)
		}
		rt := &RecordType{Name: sf.Record, Source: sf.Source, Fields: fields, Profile: profile}
		rt.finish()
		c.types[key] = rt
	}
	if len(c.types) == 0 {
		return nil, fmt.Errorf("catalog: no record schemas in %s", dir)
	}
	for _, key := range slices.Sorted(maps.Keys(labels)) {
		if !labelled[key] {
			return nil, fmt.Errorf("catalog: enum labels: %s is not an enum field of the schemas", key)
		}
	}
	c.sortNames()
	return c, nil
}

func parseSchema(data []byte) (*schemaFile, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var sf schemaFile
	if err := dec.Decode(&sf); err != nil {
		return nil, err
	}
	if sf.Record == "" {
		return nil, fmt.Errorf("missing record name")
	}
	if len(sf.Definitions) == 0 {
		return nil, fmt.Errorf("no definitions")
	}
	return &sf, nil
}

// builder turns the definitions of one schema file into fields.
type builder struct {
	file     *schemaFile
	building map[string]bool // definitions being built, to refuse cycles
	labels   enumLabels      // enum labels by "<definition>.<field>"
	labelled map[string]bool // keys of labels attached so far, catalog-wide
}

// fields builds the fields of definition def, resolving sublists and subrecords
// defined in the same file.
func (b *builder) fields(def string) ([]*Field, error) {
	rows, ok := b.file.Definitions[def]
	if !ok {
		return nil, fmt.Errorf("definition %q not found", def)
	}
	if b.building[def] {
		return nil, fmt.Errorf("definition %q refers to itself", def)
	}
	b.building[def] = true
	defer delete(b.building, def)

	byName := make(map[string]*schemaRow, len(rows))
	for i := range rows {
		byName[rows[i].Name] = &rows[i]
	}
	var out []*Field
	for i := range rows {
		row := &rows[i]
		if strings.Contains(row.Name, ".") {
			// Dotted rows (`emailPreference.id`) describe the parts of an object
			// row; they are folded into it below.
			continue
		}
		f, err := b.field(def, row, byName)
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", def, row.Name, err)
		}
		out = append(out, f)
	}
	return out, nil
}

// field builds the field of row, a row of definition def.
func (b *builder) field(def string, row *schemaRow, siblings map[string]*schemaRow) (*Field, error) {
	f := &Field{
		Name:     row.Name,
		Label:    row.Label,
		Format:   row.Format,
		Ref:      row.Ref,
		ReadOnly: row.Flags == "read-only",
	}
	switch row.Type {
	case "string":
		f.Type, f.Kind = "string", KindScalar
		switch row.Format {
		case "date":
			f.Kind = KindDate
		case "date-time":
			f.Kind = KindDateTime
		}
	case "number", "integer", "boolean":
		f.Type, f.Kind = row.Type, KindScalar
	case "object":
		f.Type = "object"
		id, ok := siblings[row.Name+".id"]
		switch {
		case ok && len(id.Enum) > 0:
			f.Kind, f.Enum = KindEnum, slices.Clone(id.Enum)
			if err := b.attachLabels(f, def+"."+row.Name); err != nil {
				return nil, err
			}
		case ok:
			// An id/refName object whose ids the browser does not list: a
			// select over an unnamed list.
			f.Kind = KindReference
		default:
			f.Kind = KindOther
		}
	case "array":
		f.Type, f.Kind = "array", KindOther
	default:
		if err := b.named(f, row.Type); err != nil {
			return nil, err
		}
	}
	f.Nullable = nullable(f)
	return f, nil
}

// attachLabels gives enum field f the labels of key ("<definition>.<field>"),
// if there are any. Every labelled id must be one of f's Enum ids.
func (b *builder) attachLabels(f *Field, key string) error {
	labels, ok := b.labels[key]
	if !ok {
		return nil
	}
	for _, id := range slices.Sorted(maps.Keys(labels)) {
		if !slices.Contains(f.Enum, id) {
			return fmt.Errorf("enum labels: %q is not a value of the field", id)
		}
	}
	if len(labels) > 0 {
		f.EnumLabels = labels
	}
	b.labelled[key] = true
	return nil
}

// named classifies a field whose type is a definition or record name.
func (b *builder) named(f *Field, typ string) error {
	name, isArray := strings.CutSuffix(typ, "[]")
	switch {
	case name == "nsLink":
		f.Type, f.Kind = "array", KindLinks
		return nil
	case isArray:
		f.Type, f.Kind = "array", KindOther
		return nil
	}
	f.Type = "object"
	switch {
	case name == "nsResource":
		// A select whose target the browser does not name.
		f.Kind = KindReference
	case name == b.file.Record:
		// A reference to the same record type (`parent` on items); the body
		// definition shares the record's name, so check this first.
		f.Kind, f.Target = KindReference, name
	case b.file.Definitions[name] != nil:
		rows := b.file.Definitions[name]
		if i := slices.IndexFunc(rows, func(r schemaRow) bool { return r.Name == "items" }); i >= 0 {
			// Collection-shaped definition kept in the file
			// (customer-addressBookCollection, inventoryItem-price).
			return b.sublist(f, name, rows[i].Ref)
		}
		fields, err := b.fields(name)
		if err != nil {
			return err
		}
		f.Kind = KindSubrecord
		f.Subrecord = &Subrecord{Name: f.Name, Definition: name, Fields: fields, index: newFieldIndex(fields)}
	case strings.HasSuffix(name, "Collection"):
		base := strings.TrimSuffix(name, "Collection")
		if strings.Contains(base, "-") {
			return b.sublist(f, name, base+"Element")
		}
		f.Kind = KindMultiSelect
		if base != "nsResource" {
			f.Target = base
		}
	default:
		f.Kind, f.Target = KindReference, name
	}
	return nil
}

func (b *builder) sublist(f *Field, collection, element string) error {
	fields, err := b.fields(element)
	if err != nil {
		return fmt.Errorf("sublist %s: %w", collection, err)
	}
	s := &Sublist{
		Name:       f.Name,
		Collection: collection,
		Element:    element,
		Fields:     fields,
		index:      newFieldIndex(fields),
	}
	for _, k := range keyCandidates {
		if slices.ContainsFunc(fields, func(lf *Field) bool { return lf.Name == k }) {
			s.Keyed, s.Key = true, k
			break
		}
	}
	f.Kind, f.Sublist = KindSublist, s
	return nil
}

// nullable is the derived nullable rule (Assumption, see doc.go): single-valued
// fields other than booleans may be null.
func nullable(f *Field) bool {
	switch f.Kind {
	case KindScalar:
		return f.Type != "boolean"
	case KindDate, KindDateTime, KindReference, KindEnum:
		return true
	}
	return false
}
