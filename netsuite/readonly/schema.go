package readonly

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
)

// FromSchema returns a rule for each field that a record type's JSON Schema marks readOnly: the
// document NetSuite serves at GET /services/rest/record/v1/metadata-catalog/<type> with Accept:
// application/schema+json (draft-06 hyper-schema,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545129726.html). The rules
// have Kind KindMetadata and a Source naming the metadata; pass them to New.
//
// Fields are the document's properties. Inline object properties and inline
// array items are followed ("a.b", "a[].b"), and so are references into the
// document itself (#/definitions/..., #/$defs/...). References to other
// metadata-catalog resources (sublists, subrecords, other records) are not:
// fetch those separately. NetSuite flags little but links this way
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1540810174.html),
// which is why the curated table exists; an account's custom fields are where
// the metadata can add something.
func FromSchema(recordType string, schema []byte) ([]Rule, error) {
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(schema))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil, errorf("%s schema: %w", recordType, err)
	}
	if dec.More() {
		return nil, errorf("%s schema: data after the JSON object", recordType)
	}
	props, ok := doc["properties"].(map[string]any)
	if !ok {
		return nil, errorf("%s schema: no properties object", recordType)
	}
	w := schemaWalker{
		doc:    doc,
		typ:    recordType,
		source: "metadata: readOnly: true in metadata-catalog/" + recordType + " (application/schema+json, ns:section_1545129726)",
		seen:   make(map[string]bool),
	}
	w.properties(props, "")
	slices.SortFunc(w.rules, func(a, b Rule) int { return strings.Compare(a.Path, b.Path) })
	return w.rules, nil
}

type schemaWalker struct {
	doc    map[string]any
	typ    string
	source string
	seen   map[string]bool // local references being followed
	rules  []Rule
}

func (w *schemaWalker) properties(props map[string]any, prefix string) {
	for name, p := range props {
		if name == "" || strings.ContainsAny(name, ".[]*") {
			continue // not a field name a rule path can hold
		}
		w.property(p, prefix+name)
	}
}

func (w *schemaWalker) property(p any, path string) {
	m, ok := p.(map[string]any)
	if !ok {
		return
	}
	if ro, _ := m["readOnly"].(bool); ro {
		w.add(path)
		return
	}
	if ref, ok := m["$ref"].(string); ok {
		target := w.local(ref)
		if target == nil || w.seen[ref] {
			return // another metadata-catalog resource, or a cycle
		}
		w.seen[ref] = true
		defer delete(w.seen, ref)
		w.property(target, path)
		return
	}
	if sub, ok := m["properties"].(map[string]any); ok {
		w.properties(sub, path+".")
	}
	if items, ok := m["items"].(map[string]any); ok {
		w.element(items, path+"[].")
	}
}

// element follows the items schema of an inline array: the fields of each
// line.
func (w *schemaWalker) element(m map[string]any, prefix string) {
	if ref, ok := m["$ref"].(string); ok {
		target := w.local(ref)
		if target == nil || w.seen[ref] {
			return
		}
		w.seen[ref] = true
		defer delete(w.seen, ref)
		w.element(target, prefix)
		return
	}
	if sub, ok := m["properties"].(map[string]any); ok {
		w.properties(sub, prefix)
	}
}

// local resolves a reference into the document itself, or nil.
func (w *schemaWalker) local(ref string) map[string]any {
	for _, key := range []string{"definitions", "$defs"} {
		if name, ok := strings.CutPrefix(ref, "#/"+key+"/"); ok {
			defs, _ := w.doc[key].(map[string]any)
			m, _ := defs[name].(map[string]any)
			return m
		}
	}
	return nil
}

func (w *schemaWalker) add(path string) {
	w.rules = append(w.rules, Rule{
		RecordType: w.typ,
		Path:       path,
		Kind:       KindMetadata,
		Source:     w.source,
		Note:       "flagged readOnly in the account's metadata",
	})
}
