package suiteql

import (
	"encoding/json"
	"math"
	"strconv"
)

// Statement is a compiled query: one SQLite SELECT, its bind values and
// the columns it yields.
type Statement struct {
	// SQL is one SQLite SELECT (it may begin WITH ...); run it as is with
	// Args. Its result columns are named c1, c2, ...; Columns gives their
	// SuiteQL names.
	SQL string
	// Args are the bind values, numbered: the user's ? params first
	// (?1, ?2, ... in order, converted), then any the translator added.
	Args []any
	// Columns are the output columns, in order.
	Columns []Result
}

// Result is an output column: its name, lower case as NetSuite returns it,
// and its kind. Names may repeat.
type Result struct {
	Name string
	Kind Kind
}

// Compile parses query, resolves it against env.Schema, and translates it
// to SQLite. params are the JSON-decoded values of the query's ? marks
// (string, float64 or json.Number, bool, nil), in order. A query the
// dialect refuses gives an *Error.
func Compile(query string, params []any, env Env) (*Statement, error) {
	q, n, err := parse(query)
	if err != nil {
		return nil, err
	}
	if n != len(params) {
		return nil, errAt(ErrParams, -1, "Search error occurred: the query has %d parameter marks (?) but %d params were given", n, len(params))
	}
	if n > 30000 {
		return nil, errAt(ErrTooComplex, -1, "Search error occurred: too many parameters")
	}
	tr := newTranslator(env)
	for i, p := range params {
		v, k, err := convertParam(p)
		if err != nil {
			return nil, errAt(ErrParams, -1, "Search error occurred: param %d: %v", i+1, err)
		}
		tr.args = append(tr.args, v)
		tr.paramKinds = append(tr.paramKinds, k)
	}
	tr.nUser = len(params)
	sql, cols, err := tr.query(q, nil, false)
	if err != nil {
		return nil, err
	}
	st := &Statement{SQL: sql, Args: tr.args}
	for _, c := range cols {
		st.Columns = append(st.Columns, Result{Name: c.name, Kind: c.kind})
	}
	return st, nil
}

// convertParam converts a JSON-decoded param to its SQLite value and kind.
//
// Assumption: a JSON boolean binds as NetSuite's flag text 'T' or 'F' (a
// public query binds `true` against a T/F column); an empty string is NULL,
// as Oracle treats ”.
func convertParam(p any) (any, Kind, error) {
	switch v := p.(type) {
	case nil:
		return nil, KindAny, nil
	case string:
		if v == "" {
			return nil, KindAny, nil
		}
		return v, KindText, nil
	case bool:
		if v {
			return "T", KindBool, nil
		}
		return "F", KindBool, nil
	case float64:
		return numberValue(v)
	case float32:
		return numberValue(float64(v))
	case int:
		return int64(v), KindInteger, nil
	case int64:
		return v, KindInteger, nil
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i, KindInteger, nil
		}
		f, err := v.Float64()
		if err != nil {
			return nil, KindAny, err
		}
		return numberValue(f)
	}
	return nil, KindAny, &Error{Code: ErrParams, Message: "unsupported param type", Pos: -1}
}

func numberValue(f float64) (any, Kind, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, KindAny, &Error{Code: ErrParams, Message: "not a finite number", Pos: -1}
	}
	if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		return int64(f), KindInteger, nil
	}
	return f, KindFloat, nil
}

// formatFloat writes f as a SQLite numeric literal.
func formatFloat(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		return strconv.FormatInt(int64(f), 10)
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	return s
}
