package rowfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/nsconnect/nsconnect/internal/fieldpath"
	"github.com/nsconnect/nsconnect/netsuite/nstime"
)

// A Mapping says how the columns of a CSV file become fields, when its
// header does not name them as field paths. ReadMapping reads it from a
// mapping file; a program may also fill one in.
type Mapping struct {
	// Columns maps a column's name, as the header writes it, to what the
	// column sets. A column the mapping does not name is read as a field
	// path, unless SkipUnmapped.
	Columns map[string]Column
	// Constants are set on every row: a field path and its value, written
	// and typed as a cell is (subsidiary.id: "1").
	Constants map[string]string
	// Null is the cell text that clears a field (sends null), such as NULL.
	// When empty, no text clears a field. An empty cell never sends
	// anything.
	Null string
	// SkipUnmapped leaves out the columns that Columns does not name,
	// instead of reading their names as field paths.
	SkipUnmapped bool
}

// A Column is what one column of a CSV file sets.
type Column struct {
	// Field is the field path the column sets: companyName, subsidiary.id,
	// item[0].quantity.
	Field string
	// Type says how to read the cells where the record type's metadata does
	// not (the fields of sublist lines and subrecords): text, number,
	// integer, boolean, date, datetime, reference, json, or guess (JSON when
	// it parses as JSON, text otherwise: the default).
	Type string
	// Format is the Date Format of a date or datetime column whose days are
	// not written YYYY-MM-DD: M/D/YYYY, D/M/YYYY, D-Mon-YYYY, D.M.YYYY,
	// DD/MM/YYYY, DD-MONTH-YYYY, MM/DD/YYYY or YYYY/MM/DD. A datetime cell
	// is then the day, optionally followed by a space and HH:MM or
	// HH:MM:SS.
	Format string
	// Skip leaves the column out: nothing is sent from it.
	Skip bool
}

// ReadMapping reads a mapping file: YAML (or JSON, which YAML reads too)
// with these keys, all optional:
//
//	columns:                     # column name -> field path, or the column's settings
//	  Company: companyName
//	  Credit Limit: creditLimit
//	  Subsidiary: subsidiary.id
//	  Customer Since:
//	    field: startDate
//	    format: D/M/YYYY         # the column's days are written 8/3/2026
//	  Line Description:
//	    field: item[0].description
//	    type: text               # the metadata does not type sublist lines
//	  Internal Notes:
//	    skip: true               # not sent
//	constants:                   # set on every row, typed as a cell is
//	  subsidiary.id: "1"
//	null: NULL                   # a cell holding NULL clears its field
//	skip_unmapped: false         # true: leave out the columns not under columns
//
// A column's settings are field, type, format and skip (see Column). Errors
// name the line of the file and the fix; unknown keys are errors. What the
// mapping names is checked against the record type and the file's header
// when the file is opened (NewReader).
func ReadMapping(r io.Reader) (*Mapping, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxMappingBytes+1))
	if err != nil {
		return nil, fmt.Errorf("mapping file: %w", err)
	}
	if len(data) > maxMappingBytes {
		return nil, errors.New("mapping file: larger than 1 MiB; a mapping names columns, it does not hold data")
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("mapping file: the file is empty; it needs columns or constants")
		}
		return nil, fmt.Errorf("mapping file: %s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if err := dec.Decode(new(yaml.Node)); !errors.Is(err, io.EOF) {
		return nil, errors.New("mapping file: more than one YAML document; the file holds one mapping")
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("mapping file: line %d: the file must be a mapping with keys such as columns and constants", root.Line)
	}
	m := &Mapping{}
	var errs []error
	eachPair(root, &errs, func(k, v *yaml.Node) {
		switch k.Value {
		case "columns":
			m.Columns = readColumns(v, &errs)
		case "constants":
			m.Constants = readConstants(v, &errs)
		case "null":
			// The text as written: YAML reads NULL, null and ~ as its null.
			if m.Null = v.Value; v.Kind != yaml.ScalarNode || m.Null == "" {
				errs = append(errs, lineErr(v, "null must be the text that clears a field, such as NULL; an empty cell already sends nothing"))
			}
		case "skip_unmapped":
			m.SkipUnmapped = boolean(v, "skip_unmapped", &errs)
		default:
			errs = append(errs, unknownKey(k, "", "columns, constants, null, skip_unmapped"))
		}
	})
	if len(m.Columns) == 0 && len(m.Constants) == 0 && len(errs) == 0 {
		errs = append(errs, errors.New("the mapping has no columns and no constants"))
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("mapping file: %w", errors.Join(errs...))
	}
	return m, nil
}

// maxMappingBytes bounds what ReadMapping reads.
const maxMappingBytes = 1 << 20

func readColumns(n *yaml.Node, errs *[]error) map[string]Column {
	if n.Kind != yaml.MappingNode {
		*errs = append(*errs, lineErr(n, "columns must be a mapping from column names to field paths"))
		return nil
	}
	cols := map[string]Column{}
	eachPair(n, errs, func(k, v *yaml.Node) {
		if k.Value == "" {
			*errs = append(*errs, lineErr(k, "a column name is empty"))
			return
		}
		what := fmt.Sprintf("column %q", k.Value)
		var c Column
		switch v.Kind {
		case yaml.ScalarNode:
			c.Field = scalar(v, what, errs)
		case yaml.MappingNode:
			eachPair(v, errs, func(sk, sv *yaml.Node) {
				switch sk.Value {
				case "field":
					c.Field = scalar(sv, what+": field", errs)
				case "type":
					c.Type = scalar(sv, what+": type", errs)
				case "format":
					c.Format = scalar(sv, what+": format", errs)
				case "skip":
					c.Skip = boolean(sv, what+": skip", errs)
				default:
					*errs = append(*errs, unknownKey(sk, " in "+what, "field, type, format, skip"))
				}
			})
		default:
			*errs = append(*errs, lineErr(v, what+" must be a field path, or settings such as {field: startDate, format: D/M/YYYY}"))
			return
		}
		if err := checkColumn(c); err != nil {
			*errs = append(*errs, lineErr(v, what+": "+err.Error()))
			return
		}
		cols[k.Value] = c
	})
	return cols
}

// checkColumn checks what can be checked without the record type.
func checkColumn(c Column) error {
	switch {
	case c.Skip && (c.Field != "" || c.Type != "" || c.Format != ""):
		return errors.New("a skipped column has no field, type or format")
	case c.Skip:
		return nil
	case c.Field == "":
		return errors.New("no field; give the field path it sets, or skip: true")
	}
	if _, err := fieldpath.Parse(c.Field); err != nil {
		return err
	}
	if c.Type != "" {
		if _, err := fieldpath.ParseKind(c.Type); err != nil {
			return err
		}
	}
	if c.Format != "" {
		if _, err := nstime.ParseDateFormat(c.Format); err != nil {
			return fmt.Errorf("format %q is not a Date Format such as M/D/YYYY, D/M/YYYY or D-Mon-YYYY", c.Format)
		}
	}
	return nil
}

func readConstants(n *yaml.Node, errs *[]error) map[string]string {
	if n.Kind != yaml.MappingNode {
		*errs = append(*errs, lineErr(n, "constants must be a mapping from field paths to values"))
		return nil
	}
	out := map[string]string{}
	eachPair(n, errs, func(k, v *yaml.Node) {
		if _, err := fieldpath.Parse(k.Value); err != nil {
			*errs = append(*errs, lineErr(k, "constant: "+err.Error()))
			return
		}
		out[k.Value] = scalar(v, "constant "+k.Value, errs)
	})
	return out
}

// eachPair calls fn with each key and value of mapping n, refusing keys that
// are not plain scalars and duplicate keys.
func eachPair(n *yaml.Node, errs *[]error, fn func(k, v *yaml.Node)) {
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			*errs = append(*errs, lineErr(k, "a key must be a plain name"))
			continue
		}
		if first, dup := seen[k.Value]; dup {
			*errs = append(*errs, lineErr(k, fmt.Sprintf("%q is given twice (first on line %d)", k.Value, first)))
			continue
		}
		seen[k.Value] = k.Line
		fn(k, v)
	}
}

// scalar is the text of a scalar node: quoted or not, 1 and "1" are "1".
func scalar(n *yaml.Node, what string, errs *[]error) string {
	if n.Kind != yaml.ScalarNode || n.ShortTag() == "!!null" {
		*errs = append(*errs, lineErr(n, what+" must be a single value"))
		return ""
	}
	return n.Value
}

func boolean(n *yaml.Node, what string, errs *[]error) bool {
	var b bool
	if n.Kind != yaml.ScalarNode || n.Decode(&b) != nil {
		*errs = append(*errs, lineErr(n, what+" must be true or false"))
	}
	return b
}

func unknownKey(k *yaml.Node, where, allowed string) error {
	return lineErr(k, fmt.Sprintf("unknown key %q%s; the keys are %s", k.Value, where, allowed))
}

func lineErr(n *yaml.Node, msg string) error {
	return fmt.Errorf("line %d: %s", n.Line, msg)
}
