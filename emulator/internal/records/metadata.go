package records

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
)

// The metadata catalog
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1540810174.html):
//
//   - GET metadata-catalog lists the record types, each with links canonical (application/json),
//     alternate (application/swagger+json), alternate (application/schema+json) and describes
//     (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1540810174.html);
//     ?select=customer,salesOrder restricts it, and a space there is 400 INVALID_REQUEST
//     (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html);
//   - GET metadata-catalog/<type> with Accept: application/schema+json is a JSON Schema draft-06
//     hyper-schema
//     (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545129726.html), with
//     Accept: application/swagger+json an OpenAPI 3.0 document
//     (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545126526.html); GET
//     metadata-catalog with the swagger Accept is the OpenAPI document of the selected types
//     (jacobsvante/netsuite netsuite/rest_api.py, openapi()).
//
// Fields carry type, format, title, nullable and x-ns-custom-field (Oracle's
// JSON Schema example); the record has an x-ns-filterable array; references,
// sublists and subrecords are $ref to other metadata-catalog resources
// (/services/rest/record/v1/metadata-catalog/<name>), which this package also
// serves (sublist collections and elements, subrecords, ns* definitions).
// System fields are not marked readOnly (wsjmnh/netsuite-record-rest-docs
// docs/schemas/customer.md): only links, which the browser flags.
//
// Assumption: metadata key order is not NetSuite's (keys are sorted); a schema
// without a matching Accept is the JSON Schema; responses carry the media type
// asked for; the list is {"items": [...], "links": [self]}.

const hyperSchema = "https://json-schema.org/draft-06/hyper-schema#"

const metaPath = apiPrefix + "/metadata-catalog"

// definitionInfo is something the metadata catalog can describe.
type definitionInfo struct {
	name    string
	rt      *catalog.RecordType // record types
	fields  []*catalog.Field    // elements, subrecords, shared definitions
	element string              // collections: the element definition
	raw     map[string]any      // hand-written shared definitions (nsError)
}

// buildDefinitions indexes record types, their sublist collections, elements
// and subrecords, and the shared ns* definitions by lower-cased name.
func buildDefinitions(cat *catalog.Catalog) map[string]*definitionInfo {
	defs := make(map[string]*definitionInfo)
	add := func(d *definitionInfo) {
		if _, ok := defs[strings.ToLower(d.name)]; !ok {
			defs[strings.ToLower(d.name)] = d
		}
	}
	var walk func(fields []*catalog.Field)
	walk = func(fields []*catalog.Field) {
		for _, f := range fields {
			switch {
			case f.Sublist != nil:
				add(&definitionInfo{name: f.Sublist.Collection, element: f.Sublist.Element})
				add(&definitionInfo{name: f.Sublist.Element, fields: f.Sublist.Fields})
				walk(f.Sublist.Fields)
			case f.Subrecord != nil:
				add(&definitionInfo{name: f.Subrecord.Definition, fields: f.Subrecord.Fields})
				walk(f.Subrecord.Fields)
			}
		}
	}
	for _, name := range cat.Types() {
		rt, _ := cat.Type(name)
		add(&definitionInfo{name: rt.Name, rt: rt})
		walk(rt.Fields)
	}
	for _, n := range []string{"nsLink", "nsResource", "nsResourceCollection"} {
		if f, ok := cat.Shared(n); ok {
			add(&definitionInfo{name: n, fields: f})
		}
	}
	add(&definitionInfo{name: "nsError", raw: nsErrorSchema()})
	return defs
}

// nsErrorSchema is the error body
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html;
// the browser's nsError, whose nested rows the catalog does not keep).
func nsErrorSchema() map[string]any {
	str := map[string]any{"type": "string"}
	return map[string]any{
		"type": "object",
		"properties": map[string]any{
			"type":   map[string]any{"type": "string", "format": "URI", "title": "Type"},
			"title":  map[string]any{"type": "string", "title": "Title"},
			"status": map[string]any{"type": "integer", "format": "int32", "title": "Status"},
			"o:errorDetails": map[string]any{"type": "array", "items": map[string]any{
				"type": "object",
				"properties": map[string]any{
					"detail": str, "o:errorCode": str, "o:errorHeader": str, "o:errorQueryParam": str,
					"o:errorPath": map[string]any{"type": "string", "format": "JSONPath"},
					"o:errorUrl":  map[string]any{"type": "string", "format": "URI"},
				},
			}},
		},
	}
}

func (c *call) metadata() (*Response, error) {
	accept := strings.ToLower(c.req.Header.Get("Accept"))
	swagger := strings.Contains(accept, typeSwagger)
	if c.r.metaName == "" {
		types, err := c.selectParam()
		if err != nil {
			return nil, err
		}
		if swagger {
			return jsonResponse(typeSwagger, c.openAPI(types)), nil
		}
		return c.metadataList(types), nil
	}
	d, ok := c.s.defs[strings.ToLower(c.r.metaName)]
	if !ok {
		return nil, errUnknownType(c.r.metaName)
	}
	if swagger {
		if d.rt == nil {
			return nil, errUnknownType(c.r.metaName)
		}
		return jsonResponse(typeSwagger, c.openAPI([]*catalog.RecordType{d.rt})), nil
	}
	return jsonResponse(typeSchema, c.jsonSchema(d)), nil
}

// selectParam reads ?select=a,b: every type when absent. A space is 400
// INVALID_REQUEST
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156570709583.html).
func (c *call) selectParam() ([]*catalog.RecordType, error) {
	raw, ok := first(c.req.Query, "select")
	var out []*catalog.RecordType
	if !ok {
		for _, n := range c.s.cat.Types() {
			rt, _ := c.s.cat.Type(n)
			out = append(out, rt)
		}
		return out, nil
	}
	if strings.ContainsAny(raw, " \t") {
		return nil, errMalformed().atQueryParam("select")
	}
	for name := range strings.SplitSeq(raw, ",") {
		if name == "" {
			return nil, errMalformed().atQueryParam("select")
		}
		rt, ok := c.s.cat.Type(name)
		if !ok {
			return nil, errUnknownType(name)
		}
		if !slices.Contains(out, rt) {
			out = append(out, rt)
		}
	}
	return out, nil
}

func (c *call) metadataList(types []*catalog.RecordType) *Response {
	items := make([]object, len(types))
	for i, rt := range types {
		href := c.base + metaPath + "/" + rt.Name
		items[i] = object{
			{"name", rt.Name},
			{"links", []object{
				{{"rel", "canonical"}, {"href", href}, {"mediaType", typeJSON}},
				{{"rel", "alternate"}, {"href", href}, {"mediaType", typeSwagger}},
				{{"rel", "alternate"}, {"href", href}, {"mediaType", typeSchema}},
				link("describes", c.base+apiPrefix+"/"+rt.Name),
			}},
		}
	}
	self := c.base + metaPath
	if raw := c.req.Query.Get("select"); raw != "" {
		self += "?select=" + raw
	}
	return &Response{
		Status: http.StatusOK,
		Header: http.Header{"Content-Type": {typeJSON}},
		Body:   marshal(object{{"items", items}, {"links", selfLinks(self)}}),
	}
}

func jsonResponse(mediaType string, v any) *Response {
	b, err := json.Marshal(v)
	if err != nil {
		panic("records: metadata does not encode: " + err.Error())
	}
	return &Response{Status: http.StatusOK, Header: http.Header{"Content-Type": {mediaType}}, Body: b}
}

// jsonSchema describes one definition as JSON Schema.
func (c *call) jsonSchema(d *definitionInfo) map[string]any {
	ref := func(name string) map[string]any {
		return map[string]any{"$ref": metaPath + "/" + name}
	}
	m := c.s.definitionSchema(d, ref)
	m["$schema"] = hyperSchema
	return m
}

// definitionSchema is the schema object of d; ref builds a reference to
// another definition.
func (s *Service) definitionSchema(d *definitionInfo, ref func(string) map[string]any) map[string]any {
	if d.raw != nil {
		return cloneMap(d.raw)
	}
	if d.element != "" {
		// A sublist collection: nsResourceCollection with typed items.
		return map[string]any{
			"type": "object",
			"properties": map[string]any{
				"links":        map[string]any{"type": "array", "items": ref("nsLink"), "readOnly": true, "title": "Links"},
				"count":        map[string]any{"type": "integer", "format": "int64", "readOnly": true, "title": "Count"},
				"hasMore":      map[string]any{"type": "boolean", "readOnly": true, "title": "Has More Results"},
				"items":        map[string]any{"type": "array", "items": ref(d.element)},
				"offset":       map[string]any{"type": "integer", "format": "int64", "readOnly": true, "title": "Query Offset"},
				"totalResults": map[string]any{"type": "integer", "format": "int64", "readOnly": true, "title": "Total Results"},
			},
		}
	}
	fields := d.fields
	if d.rt != nil {
		fields = d.rt.Fields
	}
	props := make(map[string]any, len(fields))
	for _, f := range fields {
		props[f.Name] = s.fieldSchema(f, ref)
	}
	m := map[string]any{"type": "object", "properties": props}
	if d.rt != nil {
		m["x-ns-filterable"] = append([]string{}, d.rt.Filterable...)
		if d.rt.Custom {
			m["title"] = d.rt.Label
		}
	}
	return m
}

// fieldSchema describes one field.
func (s *Service) fieldSchema(f *catalog.Field, ref func(string) map[string]any) map[string]any {
	var m map[string]any
	switch f.Kind {
	case catalog.KindReference:
		target := "nsResource"
		if rt, ok := s.cat.Type(f.Target); ok {
			target = rt.Name
		}
		m = ref(target)
	case catalog.KindEnum:
		m = map[string]any{
			"type": "object",
			"properties": map[string]any{
				"id":      map[string]any{"type": "string", "title": "Internal identifier", "enum": append([]string{}, f.Enum...)},
				"refName": map[string]any{"type": "string", "title": "Reference Name"},
			},
		}
	case catalog.KindMultiSelect:
		m = ref("nsResourceCollection")
	case catalog.KindSublist:
		m = ref(f.Sublist.Collection)
	case catalog.KindSubrecord:
		m = ref(f.Subrecord.Definition)
	case catalog.KindLinks:
		m = map[string]any{"type": "array", "items": ref("nsLink")}
	default:
		m = map[string]any{"type": f.Type}
		if f.Type == "array" && f.Ref != "" {
			m["items"] = ref(f.Ref)
		}
		if f.Format != "" {
			m["format"] = f.Format
		}
	}
	if f.Label != "" {
		m["title"] = f.Label
	}
	if f.Nullable {
		m["nullable"] = true
	}
	if f.Custom {
		m["x-ns-custom-field"] = true
	}
	if f.ReadOnly {
		m["readOnly"] = true
	}
	return m
}

// openAPI is the OpenAPI 3.0 document of types: their schemas (with their sublists and subrecords
// and the ns* definitions) under components.schemas and their collection and instance paths.
// References to record types outside the selection are untyped objects
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545126526.html).
// Operation summaries are the 2026.1 browser's (wsjmnh/netsuite-record-rest-docs).
func (c *call) openAPI(types []*catalog.RecordType) map[string]any {
	included := map[string]*definitionInfo{}
	for _, n := range []string{"nsLink", "nsResource", "nsResourceCollection", "nsError"} {
		if d, ok := c.s.defs[strings.ToLower(n)]; ok {
			included[d.name] = d
		}
	}
	var walk func(fields []*catalog.Field)
	walk = func(fields []*catalog.Field) {
		for _, f := range fields {
			switch {
			case f.Sublist != nil:
				included[f.Sublist.Collection] = c.s.defs[strings.ToLower(f.Sublist.Collection)]
				included[f.Sublist.Element] = c.s.defs[strings.ToLower(f.Sublist.Element)]
				walk(f.Sublist.Fields)
			case f.Subrecord != nil:
				included[f.Subrecord.Definition] = c.s.defs[strings.ToLower(f.Subrecord.Definition)]
				walk(f.Subrecord.Fields)
			}
		}
	}
	for _, rt := range types {
		included[rt.Name] = c.s.defs[strings.ToLower(rt.Name)]
		walk(rt.Fields)
	}
	ref := func(name string) map[string]any {
		if _, ok := included[name]; ok {
			return map[string]any{"$ref": "#/components/schemas/" + name}
		}
		return map[string]any{"type": "object"}
	}
	schemas := map[string]any{}
	for name, d := range included {
		if d != nil {
			schemas[name] = c.s.definitionSchema(d, ref)
		}
	}
	errResp := map[string]any{"description": "Error response.", "content": map[string]any{
		"application/vnd.oracle.resource+json; type=error": map[string]any{"schema": ref("nsError")},
	}}
	idParam := map[string]any{"name": "id", "in": "path", "required": true, "schema": map[string]any{"type": "string"}}
	op := func(summary string, params []any, body string, ok map[string]any) map[string]any {
		o := map[string]any{"summary": summary, "responses": map[string]any{"default": errResp}}
		for code, r := range ok {
			o["responses"].(map[string]any)[code] = r
		}
		if len(params) > 0 {
			o["parameters"] = params
		}
		if body != "" {
			o["requestBody"] = map[string]any{"required": true, "content": map[string]any{
				typeJSON: map[string]any{"schema": ref(body)},
			}}
		}
		return o
	}
	noContent := map[string]any{"204": map[string]any{"description": "No Content"}}
	paths := map[string]any{}
	for _, rt := range types {
		q := func(name, typ string) any {
			return map[string]any{"name": name, "in": "query", "schema": map[string]any{"type": typ}}
		}
		paths["/"+rt.Name] = map[string]any{
			"get": op("Get list of records.", []any{q("q", "string"), q("limit", "integer"), q("offset", "integer")}, "", map[string]any{
				"200": map[string]any{"description": "OK", "content": map[string]any{typeCollection: map[string]any{"schema": ref("nsResourceCollection")}}},
			}),
			"post": op("Insert record.", nil, rt.Name, noContent),
		}
		paths["/"+rt.Name+"/{id}"] = map[string]any{
			"get": op("Get record.", []any{idParam, q("expandSubResources", "boolean"), q("simpleEnumFormat", "boolean"), q("fields", "string")}, "", map[string]any{
				"200": map[string]any{"description": "OK", "content": map[string]any{typeSingular: map[string]any{"schema": ref(rt.Name)}}},
			}),
			"patch":  op("Update record.", []any{idParam, q("replace", "string"), q("replaceSelectedFields", "boolean")}, rt.Name, noContent),
			"put":    op("Insert or update record.", []any{idParam, q("replace", "string"), q("replaceSelectedFields", "boolean")}, rt.Name, noContent),
			"delete": op("Remove record.", []any{idParam}, "", noContent),
		}
	}
	return map[string]any{
		"openapi": "3.0.1",
		"info":    map[string]any{"title": "NetSuite REST Record API", "version": "v1"},
		"servers": []any{map[string]any{"url": c.base + apiPrefix}},
		"paths":   paths,
		"components": map[string]any{
			"schemas": schemas,
		},
	}
}

func cloneMap(m map[string]any) map[string]any {
	return deepCopy(m).(map[string]any)
}
