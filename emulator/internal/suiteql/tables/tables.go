package tables

import (
	"maps"
	"slices"
	"strings"

	"github.com/nsconnect/nsconnect/emulator/internal/catalog"
	"github.com/nsconnect/nsconnect/emulator/internal/suiteql"
	"github.com/nsconnect/nsconnect/emulator/internal/suiteql/oracle"
)

// Options are what an account declares besides its catalog.
type Options struct {
	// CustomLists are the account's custom lists: each is a table
	// customlist_<scriptid> and a row of customlist.
	CustomLists []CustomList
}

// CustomList is a custom list of the account. Its values have the internal
// IDs 1..n in the order of Values.
type CustomList struct {
	// ScriptID is the list's script ID, e.g. "customlist_region_type".
	ScriptID string
	// Name is the list's name.
	Name string
	// Values are the list's values, in order.
	Values []string
}

// Schema is the SuiteQL tables of one account. It is read-only and safe for
// concurrent use.
type Schema struct {
	tables map[string]*suiteql.Table
	names  []string
}

var _ suiteql.Schema = (*Schema)(nil)

// New returns the SuiteQL tables of an account: cat is the account's catalog
// (with its custom fields and custom record types), zone its IANA time zone
// name (datetimes are read as days of its wall clock).
func New(cat *catalog.Catalog, zone string, opts Options) *Schema {
	// The zone is loaded here, from a string Go owns, so that sq_datetime
	// finds it cached: its own load keys the cache with the text SQLite
	// passes, which SQLite may reuse (VolatileArgs).
	_, _ = oracle.Location(zone)
	b := &builder{cat: cat, zone: zone, opts: opts, tables: make(map[string]*table)}
	b.build()
	s := &Schema{tables: make(map[string]*suiteql.Table, len(b.tables))}
	for name, t := range b.tables {
		s.tables[name] = t.suiteql(b)
	}
	s.names = slices.Sorted(maps.Keys(s.tables))
	return s
}

// Table returns the table named name (lower case).
func (s *Schema) Table(name string) (*suiteql.Table, bool) {
	t, ok := s.tables[strings.ToLower(name)]
	return t, ok
}

// Tables returns the names of the tables, sorted.
func (s *Schema) Tables() []string { return slices.Clone(s.names) }

// A table is a table being built: its columns and the FROM and WHERE
// clauses its rows come from.
type table struct {
	name   string
	cols   []*column
	byName map[string]*column
	// from and where make the rows: "records AS r", "r.family =
	// 'transaction'". where may be "".
	from, where string
}

// A column is a column being built.
type column struct {
	name string
	kind suiteql.Kind
	// expr is the SQLite expression of the value over from; "" for a column
	// the emulator has no data for: NULL, or 'F' for a flag.
	expr string
	// ref names what BUILTIN.DF shows for the column's value: a SuiteQL
	// table or a catalog record type whose record's name it is.
	ref string
	// display and compound override the DF and CF built from ref and kind;
	// rowDisplay and rowCompound do too, reading other columns of the row.
	// instant is the expression of the column's moment as indexed UTC text
	// (suiteql.Column.Instant), "" for none.
	instant string
	// notNull marks a column that is never NULL (suiteql.Column.NotNull).
	notNull                 bool
	display, compound       func(string) string
	rowDisplay, rowCompound suiteql.Renderer
	// plain is set when DF returns the value itself, whatever ref and kind
	// say.
	plain bool
}

func newTable(name, from, where string) *table {
	return &table{name: name, from: from, where: where, byName: make(map[string]*column)}
}

// add adds c, or fills in what an existing column of its name lacks: an
// expression (with its kind), a reference, a display.
func (t *table) add(c *column) *column {
	if old, ok := t.byName[c.name]; ok {
		if old.expr == "" && c.expr != "" {
			// The data's kind is the kind its expression yields.
			old.expr = c.expr
			if c.kind != suiteql.KindAny {
				old.kind = c.kind
			}
			old.plain = old.plain || c.plain
		}
		if old.ref == "" {
			old.ref = c.ref
		}
		if old.display == nil {
			old.display = c.display
		}
		if old.compound == nil {
			old.compound = c.compound
		}
		if old.rowDisplay == nil {
			old.rowDisplay = c.rowDisplay
		}
		if old.rowCompound == nil {
			old.rowCompound = c.rowCompound
		}
		return old
	}
	t.cols = append(t.cols, c)
	t.byName[c.name] = c
	return c
}

// set adds c, replacing the expression and display of an existing column of
// its name (keeping its place and, when c has none, its kind).
func (t *table) set(c *column) *column {
	old, ok := t.byName[c.name]
	if !ok {
		return t.add(c)
	}
	old.expr = c.expr
	if c.kind != suiteql.KindAny {
		old.kind = c.kind
	}
	if c.ref != "" {
		old.ref = c.ref
	}
	old.display, old.compound, old.plain = c.display, c.compound, c.plain
	old.rowDisplay, old.rowCompound = c.rowDisplay, c.rowCompound
	old.instant, old.notNull = c.instant, c.notNull
	return old
}

// spec adds columns from a spec list (see parseSpec), with no data unless
// the table already has it.
func (t *table) spec(list string) {
	for _, c := range parseSpec(list) {
		t.add(c)
	}
}

// instantSuffix names a column's hidden instant column: a space cannot be in
// a column name a query writes unquoted, and quoted names are folded to
// columns that exist.
const instantSuffix = " utc"

// valueOnly is a renderer that reads the column's value alone.
func valueOnly(f func(string) string) suiteql.Renderer {
	if f == nil {
		return nil
	}
	return func(v string, _ func(string) string) string { return f(v) }
}

// suiteql returns the finished table.
func (t *table) suiteql(b *builder) *suiteql.Table {
	cols := make([]suiteql.Column, len(t.cols))
	exprs := make(map[string]string, len(t.cols))
	for i, c := range t.cols {
		cols[i] = suiteql.Column{Name: c.name, Kind: c.kind, Display: valueOnly(c.display), Compound: valueOnly(c.compound)}
		if c.rowDisplay != nil {
			cols[i].Display = c.rowDisplay
		}
		if c.rowCompound != nil {
			cols[i].Compound = c.rowCompound
		}
		if cols[i].Display == nil && !c.plain {
			cols[i].Display = valueOnly(b.display(c))
		}
		e := c.expr
		if e == "" {
			e = "NULL"
			if c.kind == suiteql.KindBool {
				e = "'F'"
			}
		}
		exprs[c.name] = e
		cols[i].NotNull = c.notNull
		if c.instant != "" {
			cols[i].Instant = c.name + instantSuffix
			exprs[cols[i].Instant] = c.instant
		}
	}
	from, where := t.from, t.where
	return &suiteql.Table{
		Name:    t.name,
		Columns: cols,
		Source: func(names []string) string {
			var sb strings.Builder
			sb.WriteString("SELECT ")
			if len(names) == 0 {
				sb.WriteString(`NULL AS "_"`)
			}
			for i, n := range names {
				if i > 0 {
					sb.WriteString(", ")
				}
				e, ok := exprs[n]
				if !ok {
					e = "NULL"
				}
				sb.WriteString(e)
				sb.WriteString(` AS "`)
				sb.WriteString(n)
				sb.WriteString(`"`)
			}
			sb.WriteString(" FROM ")
			sb.WriteString(from)
			if where != "" {
				sb.WriteString(" WHERE ")
				sb.WriteString(where)
			}
			return sb.String()
		},
	}
}

// parseSpec reads a column list: names separated by spaces, each with a
// kind after a colon (s text, i integer, f float, b flag, d date, t
// datetime) and optionally ">" and what its DF names (a table or record
// type): "entity:i>entity trandate:d memo:s".
func parseSpec(list string) []*column {
	var out []*column
	for _, w := range strings.Fields(list) {
		name, rest, _ := strings.Cut(w, ":")
		k, ref, _ := strings.Cut(rest, ">")
		out = append(out, &column{name: name, kind: specKinds[k], ref: ref})
	}
	return out
}

var specKinds = map[string]suiteql.Kind{
	"s": suiteql.KindText, "i": suiteql.KindInteger, "f": suiteql.KindFloat,
	"b": suiteql.KindBool, "d": suiteql.KindDate, "t": suiteql.KindDateTime, "": suiteql.KindAny,
}
