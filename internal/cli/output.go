package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/itchyny/gojq"
	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"
)

// The output formats. Each command offers those that make sense for its
// data: a record is not a CSV row, a list of IDs is.
const (
	formatTable  = "table"
	formatJSON   = "json"
	formatNDJSON = "ndjson"
	formatYAML   = "yaml"
	formatCSV    = "csv"
	formatText   = "text"
)

// An enumValue is a flag whose value is one of a fixed set, such as
// --output or --mode. A value outside the set is a usage error that names
// the closest allowed value ("did you mean").
type enumValue struct {
	p       *string
	allowed []string
	what    string // "format", "mode"
}

func newEnumValue(p *string, what string, allowed ...string) *enumValue {
	return &enumValue{p: p, allowed: allowed, what: what}
}

func (e *enumValue) String() string { return *e.p }
func (e *enumValue) Type() string   { return e.what }
func (e *enumValue) Set(s string) error {
	for _, a := range e.allowed {
		if strings.EqualFold(s, a) {
			*e.p = a
			return nil
		}
	}
	if d := didYouMean(s, e.allowed); d != "" {
		return fmt.Errorf("unknown %s %q%s Use %s", e.what, s, d, joinOr(e.allowed))
	}
	return fmt.Errorf("unknown %s %q; use %s", e.what, s, joinOr(e.allowed))
}

// OutputOptions are the shared output flags of a command that prints data:
// --output and --jq.
type OutputOptions struct {
	// Format is the --output format; "" means the default, which depends
	// on whether stdout is a terminal (see resolve).
	Format string
	// JQ is a jq filter applied to the JSON form of the data (--jq).
	JQ string
}

// addOutputFlags adds --output (-o) with the allowed formats and --jq to
// fs. The first format is the default on a terminal, piped the default;
// both are said in the help, which shows no misleading "(default ...)".
func addOutputFlags(fs *pflag.FlagSet, o *OutputOptions, piped string, allowed ...string) {
	fs.VarP(newEnumValue(&o.Format, "format", allowed...), "output", "o",
		fmt.Sprintf("output `format`: %s (default: %s on a terminal, %s when piped)", joinOr(allowed), allowed[0], piped))
	fs.Var(&jqValue{p: &o.JQ}, "jq", "filter the JSON output with a jq `expression`, such as '.id' (implies --output "+piped+")")
}

// addOutputFlag adds --output (-o) to fs for a command whose output does
// not depend on the terminal, storing the format in p; the first allowed
// format is the default.
func addOutputFlag(fs *pflag.FlagSet, p *string, allowed ...string) {
	*p = allowed[0]
	fs.VarP(newEnumValue(p, "format", allowed...), "output", "o", "output `format`: "+joinOr(allowed))
}

// resolve returns the format to write: the one asked for, else the first
// allowed (a table) when stdout is a terminal, else piped, the form for
// programs. --jq implies piped unless a JSON-like format was asked for.
func (o OutputOptions) resolve(ios *IOStreams, table, piped string) string {
	switch {
	case o.Format != "" && (o.JQ == "" || o.Format == formatJSON || o.Format == formatNDJSON || o.Format == formatYAML):
		return o.Format
	case o.JQ != "":
		return piped
	case ios.OutIsTTY != nil && ios.OutIsTTY():
		return table
	}
	return piped
}

// A jqValue is the --jq flag: a jq expression, checked when it is given.
type jqValue struct{ p *string }

func (j *jqValue) String() string { return *j.p }
func (j *jqValue) Type() string   { return "expression" }
func (j *jqValue) Set(s string) error {
	if _, err := gojq.Parse(s); err != nil {
		return fmt.Errorf("not a valid jq expression: %v", err)
	}
	*j.p = s
	return nil
}

// writeData writes v in a data format (json, ndjson or yaml), through the
// jq filter when there is one. A filter's string results are written as
// plain text, one a line, as gh and jq -r do; other results as JSON.
func writeData(w io.Writer, format, jq string, v any) error {
	if jq != "" {
		return writeJQ(w, format, jq, v)
	}
	switch format {
	case formatNDJSON:
		return writeJSONLine(w, v)
	case formatYAML:
		return writeYAML(w, v)
	}
	return writeJSONTo(w, v)
}

func writeJQ(w io.Writer, format, expr string, v any) error {
	q, err := gojq.Parse(expr)
	if err != nil {
		return fmt.Errorf("--jq: %v", err)
	}
	code, err := gojq.Compile(q)
	if err != nil {
		return fmt.Errorf("--jq: %v", err)
	}
	in, err := toGeneric(v)
	if err != nil {
		return err
	}
	iter := code.Run(in)
	for {
		r, ok := iter.Next()
		if !ok {
			return nil
		}
		if err, ok := r.(error); ok {
			if h, ok := err.(*gojq.HaltError); ok && h.Value() == nil {
				return nil
			}
			return fmt.Errorf("--jq: %v", err)
		}
		switch x := r.(type) {
		case string:
			if _, err := fmt.Fprintln(w, x); err != nil {
				return err
			}
			continue
		}
		var err error
		switch format {
		case formatYAML:
			err = writeYAML(w, r)
		case formatJSON:
			err = writeJSONTo(w, r)
		default:
			err = writeJSONLine(w, r)
		}
		if err != nil {
			return err
		}
	}
}

// toGeneric returns v as jq and YAML see it: its JSON form decoded into
// maps, slices and json.Number.
func toGeneric(v any) (any, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var out any
	if err := dec.Decode(&out); err != nil {
		return nil, err
	}
	return out, nil
}

// writeYAML writes v as one YAML document, with the field names of its
// JSON form.
func writeYAML(w io.Writer, v any) error {
	g, err := toGeneric(v)
	if err != nil {
		return err
	}
	g = yamlNumbers(g)
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(g); err != nil {
		return err
	}
	return enc.Close()
}

// yamlNumbers turns json.Number into a YAML number (not a quoted string).
func yamlNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		tag := "!!int"
		if strings.ContainsAny(x.String(), ".eE") {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: x.String()}
	case map[string]any:
		for k, e := range x {
			x[k] = yamlNumbers(e)
		}
	case []any:
		for i, e := range x {
			x[i] = yamlNumbers(e)
		}
	}
	return v
}

// writeCSV writes rows, the first one the header, as RFC 4180 CSV.
func writeCSV(w io.Writer, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

func writeJSONTo(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func writeJSONLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
