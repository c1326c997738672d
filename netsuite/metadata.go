package netsuite

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// MetadataService reads the metadata catalog of the REST record API
// (/services/rest/record/v1/metadata-catalog): the record types of the account
// and the JSON Schema or OpenAPI description of each
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1540810174.html).
//
// NetSuite docs: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1540810174.html
type MetadataService service

// MetadataOptions are the query parameters of MetadataService.List.
type MetadataOptions struct {
	// Select restricts the list to these record types
	// (select=customer,salesOrder).
	Select []string
}

// List returns the names of the record types of the metadata catalog:
// standard types in camelCase (salesOrder) and custom record types by
// script ID (customrecord_...).
//
// NetSuite docs: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1540810174.html
//
//meta:operation GET /record/v1/metadata-catalog
func (s *MetadataService) List(ctx context.Context, opts *MetadataOptions) ([]string, *Response, error) {
	q := url.Values{}
	if opts != nil && len(opts.Select) > 0 {
		// NetSuite refuses a space after a comma with 400 INVALID_REQUEST
		// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1540810174.html):
		// names are checked, then joined with no space.
		for _, name := range opts.Select {
			if err := checkName("record type", name); err != nil {
				return nil, nil, fmt.Errorf("%w (in MetadataOptions.Select)", err)
			}
		}
		q.Set("select", strings.Join(opts.Select, ","))
	}
	req, err := s.client.NewRequest(ctx, http.MethodGet, "record/v1/metadata-catalog"+encodeQuery(q), nil)
	if err != nil {
		return nil, nil, err
	}
	var catalog struct {
		Items []struct {
			Name string `json:"name"`
		} `json:"items"`
	}
	resp, err := s.client.Do(req, &catalog)
	if err != nil {
		return nil, resp, err
	}
	names := make([]string, 0, len(catalog.Items))
	for _, it := range catalog.Items {
		names = append(names, it.Name)
	}
	return names, resp, nil
}

// A Schema is the JSON Schema (draft-06 hyper-schema) of a record type, as
// the metadata catalog describes it. Properties has the typed part of each
// field; Raw is the whole document.
type Schema struct {
	Schema     string                     `json:"$schema,omitempty"`
	Title      string                     `json:"title,omitempty"`
	Type       string                     `json:"type,omitempty"`
	Properties map[string]*SchemaProperty `json:"properties,omitempty"`
	Required   []string                   `json:"required,omitempty"`
	// Filterable lists the fields a q filter may use (x-ns-filterable).
	Filterable []string `json:"x-ns-filterable,omitempty"`

	// Raw is the schema as NetSuite sent it.
	Raw json.RawMessage `json:"-"`
}

// A SchemaProperty describes one field of a Schema.
//
// Do not rely on ReadOnly to find the fields NetSuite refuses on write:
// NetSuite marks only links read-only, not id, the system dates or the
// calculated fields (the 2026.1 REST API browser, as dumped in
// wsjmnh/netsuite-record-rest-docs docs/schemas/customer.md).
// WriteOptions.IgnoreReadOnly uses a curated list instead.
type SchemaProperty struct {
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
	// Type is string, number, integer, boolean, object or array; empty
	// for a reference, which has Ref instead.
	Type string `json:"type,omitempty"`
	// Format refines Type: date, date-time, int64, int32, double, float.
	Format string `json:"format,omitempty"`
	// Ref is the metadata-catalog URL path of the described type, such as
	// /services/rest/record/v1/metadata-catalog/subsidiary for a
	// reference or .../customer-addressBookCollection for a sublist.
	Ref         string                     `json:"$ref,omitempty"`
	Nullable    bool                       `json:"nullable,omitempty"`
	ReadOnly    bool                       `json:"readOnly,omitempty"`
	CustomField bool                       `json:"x-ns-custom-field,omitempty"`
	Enum        []any                      `json:"enum,omitempty"`
	Items       *SchemaProperty            `json:"items,omitempty"`
	Properties  map[string]*SchemaProperty `json:"properties,omitempty"`
}

// Schema returns the JSON Schema of a record type, asked for with
// Accept: application/schema+json.
//
// NetSuite docs: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545129726.html
//
//meta:operation GET /record/v1/metadata-catalog/{recordType}
func (s *MetadataService) Schema(ctx context.Context, recordType string) (*Schema, *Response, error) {
	if err := checkName("record type", recordType); err != nil {
		return nil, nil, err
	}
	req, err := s.client.NewRequest(ctx, http.MethodGet, "record/v1/metadata-catalog/"+recordType, nil)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Accept", mediaTypeSchema)
	var raw json.RawMessage
	resp, err := s.client.Do(req, &raw)
	if err != nil {
		return nil, resp, err
	}
	schema := &Schema{Raw: raw}
	if err := json.Unmarshal(raw, schema); err != nil {
		return nil, resp, fmt.Errorf("netsuite: GET %s: decoding the schema: %w", sanitizeURL(req.URL), err)
	}
	return schema, resp, nil
}

// mediaTypeSchema asks the metadata catalog for JSON Schema
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1540810174.html).
const mediaTypeSchema = "application/schema+json"
