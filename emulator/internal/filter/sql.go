package filter

import (
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite"
)

// FoldFunc is the name of the application-defined SQL function that SQL uses
// to compare strings and enum ids ignoring case: FoldFunc(x) is
// strings.ToLower(x) for a TEXT x, so that SQL folds exactly as Match does
// (Unicode, not SQLite's ASCII-only lower()), NULL for NULL, and x unchanged
// for any other value. It is deterministic, so expression indexes may use it:
//
//	CREATE INDEX ... ON records (type, ns_fold(json_extract(body, '$."companyName"')))
//
// Importing this package registers it with the modernc.org/sqlite driver (the
// "sqlite" driver of database/sql) for every connection opened afterwards; no
// other package may register the name (the driver refuses a second
// registration, and this package panics at init). A database file holding
// such an index can only be written by connections that have the function.
const FoldFunc = "ns_fold"

func init() {
	// RegisterFunction rather than RegisterDeterministicScalarFunction: only
	// with VolatileArgs does the driver pass a TEXT argument by its length;
	// otherwise it reads it as a C string and cuts it at the first NUL, which a
	// JSON string may hold ("\u0000").
	sqlite.MustRegisterFunction(FoldFunc, &sqlite.FunctionImpl{
		NArgs:         1,
		Deterministic: true,
		VolatileArgs:  true,
		Scalar:        fold,
	})
}

// fold implements FoldFunc. With VolatileArgs the argument is a view into
// SQLite's memory; the result may alias it (strings.ToLower returns its
// argument when there is nothing to lower), which is safe because the driver
// copies the result before the call returns.
func fold(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	if s, ok := args[0].(string); ok {
		return strings.ToLower(s), nil
	}
	return args[0], nil
}

// SQL returns an SQLite boolean expression that is true for exactly the
// records Match accepts, and the arguments of its ? placeholders in order.
// Values from the query are always arguments, never part of expr. The
// expression is false or NULL for the other records: use it as (part of) a
// WHERE clause, or coalesce(expr, 0) where a value is needed. Negations
// (X_NOT) are NOT coalesce(X, 0), so that a NULL never turns into a match.
//
// column maps a field name, as the catalog spells it (including the internal
// ID "id"), to an SQL expression that reads the field's stored value, such as
// JSONColumn("body", field) or an INTEGER column for "id". It is called once
// per condition and its result may appear several times in expr; it must not
// contain placeholders. The value it reads must be as the emulator stores a
// record body (see the package doc, # SQL): SQL is exactly Match for such
// values, and the package's tests check it.
//
// The shapes are chosen so that an expression index on
// (type, FoldFunc(<column>)) serves IS and START_WITH on a string field and
// ANY_OF / IS on an enum, and one on (type, <column>) serves date and
// datetime comparisons, number comparisons and references.
func (f *Filter) SQL(column func(field string) string) (expr string, args []any) {
	w := &sqlWriter{column: column}
	w.node(f.root)
	return w.b.String(), w.args
}

// JSONColumn returns json_extract(<doc>, '$."<field>"'): the SQL expression
// that reads field from the JSON object the SQL expression doc holds. The key
// is written as a JSON string (a double quote, a backslash or a control
// character as \uXXXX, which SQLite's JSON path reads as JSON escapes) inside
// an SQL string literal (a single quote doubled), so any field name in valid
// UTF-8 is safe.
// The text is stable, so that a query and an expression index built with it
// are the same expression to SQLite.
func JSONColumn(doc, field string) string {
	var b strings.Builder
	b.WriteString("json_extract(")
	b.WriteString(doc)
	b.WriteString(`, '$."`)
	for _, r := range field {
		switch {
		case r == '"' || r == '\\' || r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04x`, r)
		case r == '\'':
			b.WriteString("''")
		default:
			b.WriteRune(r)
		}
	}
	b.WriteString(`"')`)
	return b.String()
}

type sqlWriter struct {
	b      strings.Builder
	args   []any
	column func(string) string
}

func (w *sqlWriter) node(n node) {
	switch n := n.(type) {
	case andNode:
		w.join([]node(n), " AND ")
	case orNode:
		w.join([]node(n), " OR ")
	case *condNode:
		w.cond(n)
	default:
		panic(fmt.Sprintf("filter: unexpected node %T", n))
	}
}

func (w *sqlWriter) join(terms []node, op string) {
	w.b.WriteByte('(')
	for i, t := range terms {
		if i > 0 {
			w.b.WriteString(op)
		}
		w.node(t)
	}
	w.b.WriteByte(')')
}

// cond writes a condition: its positive form, or for X_NOT the negation of
// the positive form with NULL read as false (X_NOT is exactly "not X", so an
// empty value, which makes X NULL or false, matches X_NOT).
func (w *sqlWriter) cond(c *condNode) {
	p, args := c.positiveSQL(w.column(c.field))
	switch {
	case !c.neg:
		w.b.WriteString(p)
	case p == sqlFalse:
		w.b.WriteString(sqlTrue)
	case p == sqlTrue:
		w.b.WriteString(sqlFalse)
	default:
		w.b.WriteString("(NOT coalesce(")
		w.b.WriteString(p)
		w.b.WriteString(", 0))")
	}
	w.args = append(w.args, args...)
}

const (
	sqlTrue  = "1"
	sqlFalse = "0"
)

// positiveSQL returns the positive form of c on the stored value col: true
// when c.positive would be, false or NULL otherwise. Anything that is not a
// single comparison is parenthesised.
func (c *condNode) positiveSQL(col string) (string, []any) {
	folded := FoldFunc + "(" + col + ")"
	if c.op == Empty {
		if c.class == ClassBoolean {
			return sqlFalse, nil // a checkbox is never empty
		}
		// Missing, null or "": a stored value of any class is otherwise not
		// empty (references are stored as IDs, enums as ids, numbers as
		// numbers, dates as text).
		return "coalesce(" + col + ", '') = ''", nil
	}
	switch c.class {
	case ClassNumber:
		return c.numberSQL(col)
	case ClassString:
		return c.stringSQL(col, folded)
	case ClassEnum:
		// Match folds both sides; "" is no enum id, so it never matches.
		var ids []any
		for _, s := range c.strs {
			if s != "" {
				ids = append(ids, s)
			}
		}
		return inSQL(folded, ids)
	case ClassBoolean:
		// JSON true and false read as 1 and 0; missing and null are false.
		if c.boolean {
			return col + " = 1", nil
		}
		return col + " IS NOT 1", nil
	case ClassReference:
		// References are stored as the internal ID in its canonical decimal
		// text ("5"), so comparing text is comparing IDs.
		ids := make([]any, len(c.ids))
		for i, id := range c.ids {
			ids[i] = strconv.FormatInt(id, 10)
		}
		return inSQL(col, ids)
	case ClassDate:
		if c.datetime {
			return c.instantSQL(col)
		}
		return c.daySQL(col)
	}
	panic(fmt.Sprintf("filter: unexpected class %v", c.class))
}

// inSQL is x = ? for one value, x IN (?, ...) for more, false for none.
func inSQL(x string, vals []any) (string, []any) {
	switch len(vals) {
	case 0:
		return sqlFalse, nil
	case 1:
		return x + " = ?", vals
	}
	return x + " IN (" + strings.TrimSuffix(strings.Repeat("?, ", len(vals)), ", ") + ")", vals
}

// numberSQL compares numerically. The arguments are float64 as Match's
// operands are, and SQLite compares an INTEGER with a REAL by value. A stored
// number was written from a float64 by encoding/json; below 2^53 in magnitude
// json_extract reads it back as that float64, which Match sees too
// (TestSQLNumbersReadBack). Above, encoding/json writes some numbers as an
// integer that is not the float64 (1253079200616370400 for
// 1.2530792006163704e+18): SQLite compares that integer, Match rounds it.
func (c *condNode) numberSQL(col string) (string, []any) {
	x := func(i int) any { return c.nums[i] }
	switch c.op {
	case AnyOf:
		vals := make([]any, len(c.nums))
		for i := range vals {
			vals[i] = x(i)
		}
		return inSQL(col, vals)
	case Equal:
		return col + " = ?", []any{x(0)}
	case Greater:
		return col + " > ?", []any{x(0)}
	case GreaterOrEqual:
		return col + " >= ?", []any{x(0)}
	case Less:
		return col + " < ?", []any{x(0)}
	case LessOrEqual:
		return col + " <= ?", []any{x(0)}
	case Between, Within:
		return col + " BETWEEN ? AND ?", []any{x(0), x(1)}
	}
	panic(fmt.Sprintf("filter: unexpected number operator %s", c.op))
}

// stringSQL compares folded text. Match requires a non-empty string; every
// form below is false for NULL, for "" and for a non-TEXT value (SQLite orders
// numbers before all text, and FoldFunc leaves them unchanged).
//
// Both sides are folded by strings.ToLower, whose result is always valid
// UTF-8 (it replaces invalid bytes with U+FFFD).
func (c *condNode) stringSQL(col, folded string) (string, []any) {
	v := c.strs[0]
	if v == "" {
		if c.op == Is {
			// Only "" lowers to "", and "" never matches.
			return sqlFalse, nil
		}
		// Every non-empty string has the prefix, suffix and substring "".
		return folded + " > ?", []any{""}
	}
	switch c.op {
	case Is:
		return folded + " = ?", []any{v}
	case StartWith:
		// s has the prefix v exactly when v <= s < v+"\xff" under SQLite's
		// BINARY collation (memcmp order), because a valid UTF-8 string never
		// holds the byte 0xFF: if s starts with v, s >= v, and the byte of s
		// after v (if any) is below 0xFF, so s < v+"\xff". If s does not start
		// with v, either s is a proper prefix of v (so s < v) or s and v first
		// differ at some byte i < len(v), where v+"\xff" differs from s too,
		// so s is below v or above v+"\xff". A range on FoldFunc(col) can use
		// an index on it.
		return "(" + folded + " >= ? AND " + folded + " < ?)", []any{v, v + "\xff"}
	case Contain:
		// instr compares bytes (counting the NULs a TEXT may hold); a valid
		// UTF-8 v found in a valid UTF-8 s starts at a character boundary,
		// where instr looks.
		return "(typeof(" + col + ") = 'text' AND instr(" + folded + ", ?) > 0)", []any{v}
	case EndWith:
		// The last len(v) bytes, as a BLOB: substr counts bytes in a BLOB,
		// and a negative start counts from the end (the whole value when it
		// is shorter).
		return "(typeof(" + col + ") = 'text' AND substr(CAST(" + folded + " AS BLOB), ?) = ?)",
			[]any{-int64(len(v)), []byte(v)}
	}
	panic(fmt.Sprintf("filter: unexpected string operator %s", c.op))
}

// daySQL compares date fields, stored as "YYYY-MM-DD" (fixed length, so text
// order is date order), with the literal's day written the same way. The
// open-ended lower comparisons also require a non-empty TEXT, which "" and
// numbers are not (Match: not a date).
func (c *condNode) daySQL(col string) (string, []any) {
	d := []any{c.day.String()}
	switch c.op {
	case On:
		return col + " = ?", d
	case After:
		return col + " > ?", d
	case OnOrAfter:
		return col + " >= ?", d
	case Before:
		return "(" + col + " > '' AND " + col + " < ?)", d
	case OnOrBefore:
		return "(" + col + " > '' AND " + col + " <= ?)", d
	}
	panic(fmt.Sprintf("filter: unexpected date operator %s", c.op))
}

// storedInstant is how a datetime is stored: UTC, whole seconds, "Z".
const storedInstant = "2006-01-02T15:04:05Z"

// instantSQL compares datetime fields with the day [start, end), as
// matchInstant does, by comparing text: a stored datetime of a four-digit
// year is 20 bytes of fixed layout, so text order is time order. The bounds
// are whole seconds (zone offsets are), so they are exact in that layout.
//
// A datetime stored outside years 0000-9999 (an offset can move 9999-12-31
// into year 10000, or 0000-01-01 into year -1) is written with more digits or
// a sign and breaks text order; Match cannot read it (RFC 3339 years have four
// digits) and never matches it, and length(col) = 20 excludes it, as well as
// "" and NULL.
func (c *condNode) instantSQL(col string) (string, []any) {
	start, end := instantText(c.start), instantText(c.end)
	valid := " AND length(" + col + ") = 20)"
	switch c.op {
	case On:
		return "(" + col + " >= ? AND " + col + " < ?" + valid, []any{start, end}
	case After:
		return "(" + col + " >= ?" + valid, []any{end}
	case OnOrAfter:
		return "(" + col + " >= ?" + valid, []any{start}
	case Before:
		return "(" + col + " < ?" + valid, []any{start}
	case OnOrBefore:
		return "(" + col + " < ?" + valid, []any{end}
	}
	panic(fmt.Sprintf("filter: unexpected date operator %s", c.op))
}

// instantText writes a day bound as datetimes are stored. A bound past year
// 9999 (the end of 9999-12-31 in a zone west of or at UTC) is after every
// stored datetime Match can read; it is written ":", which sorts after every
// such text (they start with a digit, and ':' follows '9' in ASCII). Bounds
// before year 0 cannot occur: a day is in years 1-9999 and a zone offset is
// under a day.
func instantText(t time.Time) string {
	if t.Year() > 9999 {
		return ":"
	}
	return t.UTC().Format(storedInstant)
}
