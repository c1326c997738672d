package catalog

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
)

// enumLabelsJSON holds the labels of the enum values of the schemas in
// schemas/ (see schemas/README.md, "Enum labels").
//
//go:embed enumlabels.json
var enumLabelsJSON []byte

// Confidence says how sure a label is.
type Confidence string

// The confidence levels of enum labels.
const (
	// ConfidenceDoc is a label from Oracle's documentation: the REST example
	// {"id": "2", "refName": "Soft Opt-Out"} of
	// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142146.html,
	// and the permission names of
	// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/chapter_N3236764.html.
	ConfidenceDoc Confidence = "doc"
	// ConfidenceInferred is a label inferred from NetSuite's SOAP XSD
	// enumerations (the camelCase constant split into words), matched to the
	// REST id by spelling, meaning or order.
	ConfidenceInferred Confidence = "inferred"
)

// EnumLabel is the label of one value of an enum field: the refName NetSuite
// renders beside its id.
type EnumLabel struct {
	// Label is the value's English label ("Soft Opt-Out").
	Label string
	// Confidence says where the label comes from.
	Confidence Confidence
	// Source names the source of the label.
	Source string
}

// enumLabels maps "<definition>.<field>" to the labels of the field's values
// by id.
type enumLabels map[string]map[string]EnumLabel

// labelsFile is the shape of enumlabels.json.
type labelsFile struct {
	About   string                     `json:"about"`
	Counts  map[string]int             `json:"counts"`
	Sources []string                   `json:"sources"`
	Fields  map[string]json.RawMessage `json:"fields"`
}

// labelRow is one value of enumlabels.json: [label, confidence, source index].
type labelRow struct {
	label string
	conf  Confidence
	src   int
}

func (r *labelRow) UnmarshalJSON(b []byte) error {
	var a []json.RawMessage
	if err := json.Unmarshal(b, &a); err != nil {
		return err
	}
	if len(a) != 3 {
		return fmt.Errorf("want [label, confidence, source], got %s", b)
	}
	if err := json.Unmarshal(a[0], &r.label); err != nil {
		return err
	}
	if err := json.Unmarshal(a[1], &r.conf); err != nil {
		return err
	}
	return json.Unmarshal(a[2], &r.src)
}

// parseEnumLabels reads enumlabels.json. A field given as a string has the
// values of the field it names, which must be given as an object.
func parseEnumLabels(data []byte) (enumLabels, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var lf labelsFile
	if err := dec.Decode(&lf); err != nil {
		return nil, fmt.Errorf("enum labels: %w", err)
	}
	out := make(enumLabels, len(lf.Fields))
	same := make(map[string]string)
	for _, key := range slices.Sorted(maps.Keys(lf.Fields)) {
		raw := lf.Fields[key]
		var other string
		if json.Unmarshal(raw, &other) == nil {
			same[key] = other
			continue
		}
		var rows map[string]labelRow
		if err := json.Unmarshal(raw, &rows); err != nil {
			return nil, fmt.Errorf("enum labels: %s: %w", key, err)
		}
		labels := make(map[string]EnumLabel, len(rows))
		for id, r := range rows {
			switch {
			case r.label == "":
				return nil, fmt.Errorf("enum labels: %s: %s: empty label", key, id)
			case r.conf != ConfidenceDoc && r.conf != ConfidenceInferred:
				return nil, fmt.Errorf("enum labels: %s: %s: unknown confidence %q", key, id, r.conf)
			case r.src < 0 || r.src >= len(lf.Sources):
				return nil, fmt.Errorf("enum labels: %s: %s: no source %d", key, id, r.src)
			}
			labels[id] = EnumLabel{Label: r.label, Confidence: r.conf, Source: lf.Sources[r.src]}
		}
		out[key] = labels
	}
	for _, key := range slices.Sorted(maps.Keys(same)) {
		other := same[key]
		labels, ok := out[other]
		if _, chained := same[other]; !ok || chained {
			return nil, fmt.Errorf("enum labels: %s: names %q, which has no values", key, other)
		}
		out[key] = labels
	}
	return out, nil
}
