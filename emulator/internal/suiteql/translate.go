package suiteql

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// maxExprDepth bounds the translated expression tree (SQLite refuses trees
// deeper than 1000) and maxCompound the operands of a set operation
// (SQLite: 500).
const (
	maxExprDepth = 400
	maxCompound  = 200
	// maxWork bounds the expressions translated, counting the copies
	// ROLLUP makes: nested ROLLUPs multiply.
	maxWork = 200000
)

func (tr *translator) spend(pos int) error {
	tr.work++
	if tr.work > maxWork {
		return errAt(ErrTooComplex, pos, "Search error occurred: the query is too complex")
	}
	return nil
}

type translator struct {
	env        Env
	args       []any
	paramKinds []Kind
	nUser      int
	seq        int // names t1, r2, w3 ...
	ctes       []*cteInfo
	depth      int
	compounds  int
	// rollupNulls passes a ROLLUP grouping set's rolled-up expressions
	// to the block translating it.
	rollupNulls []expr
	work        int
}

func newTranslator(env Env) *translator {
	if env.Location == nil {
		env.Location = time.UTC
	}
	if env.DateFormat == "" {
		env.DateFormat = "M/D/YYYY"
	}
	return &translator{env: env}
}

func (tr *translator) name(prefix string) string {
	tr.seq++
	return prefix + strconv.Itoa(tr.seq)
}

// outCol is an output column of a translated query.
type outCol struct {
	name     string // SuiteQL name, lower case
	kind     Kind
	sqlName  string // c1, c2, ...
	display  func(string) string
	compound func(string) string
}

type cteInfo struct {
	name string
	id   string
	cols []outCol
}

// colInfo is a column of a FROM source. A base table's column has its
// Schema renderers, which colVal binds to the row it is read from; a
// derived table's has display and compound already bound.
type colInfo struct {
	name     string
	kind     Kind
	sqlName  string
	display  func(string) string
	compound func(string) string

	renderDisplay, renderCompound Renderer
	// instant names the source's hidden instant column (Column.Instant);
	// instantSQL, bound by colVal, reads it from the row.
	instant    string
	instantSQL func() string
	notNull    bool
}

// source is one FROM source of a block: a base table, a derived table or
// a CTE.
type source struct {
	alias string // what qualifies its columns
	id    string // its SQLite alias: t1, t2 ...
	table *Table
	cols  []colInfo // derived tables and CTEs
	sql   string    // derived table: its SELECT; CTE: its name
	used  []string  // base table columns used, in first-use order
	using map[string]bool
}

func (s *source) columns() []colInfo {
	if s.table == nil {
		return s.cols
	}
	out := make([]colInfo, len(s.table.Columns))
	for i, c := range s.table.Columns {
		out[i] = colInfo{name: c.Name, kind: c.Kind, sqlName: c.Name, renderDisplay: c.Display, renderCompound: c.Compound, instant: c.Instant, notNull: c.NotNull}
	}
	return out
}

func (s *source) column(name string) (colInfo, bool) {
	if s.table != nil {
		c, ok := s.table.Column(name)
		if !ok {
			return colInfo{}, false
		}
		return colInfo{name: c.Name, kind: c.Kind, sqlName: c.Name, renderDisplay: c.Display, renderCompound: c.Compound, instant: c.Instant, notNull: c.NotNull}, true
	}
	for _, c := range s.cols {
		if c.name == name {
			return c, true
		}
	}
	return colInfo{}, false
}

func (s *source) use(name string) {
	if s.table == nil {
		return
	}
	for _, u := range s.used {
		if u == name {
			return
		}
	}
	s.used = append(s.used, name)
}

// scope is a query block being translated.
// identifiers lists the tables of the scope as NetSuite's unknown-column
// message does: alias=table, in FROM order.
func (s *scope) identifiers() string {
	parts := make([]string, 0, len(s.sources))
	for _, src := range s.sources {
		name := src.alias
		if src.table != nil {
			name = src.table.Name
		}
		parts = append(parts, src.alias+"="+name)
	}
	return strings.Join(parts, ", ")
}

type scope struct {
	parent *scope
	// reorders is set for a block that orders its own rows and reads no
	// ROWNUM: the order of its derived tables does not matter.
	reorders bool
	sources  []*source
	visible  int // sources visible to name resolution (ON clauses see those to their left)
	// Row mode: the block's FROM and WHERE run in an inner SELECT (limited
	// by ROWNUM) and the rest reads its columns through rowID.
	rowMode bool
	rowID   string
	rowCols []string // inner select items
	rowSeen map[string]string
	clause  string          // select, where, on, group, having, order
	aggs    int             // > 0 inside an aggregate's arguments
	windows int             // > 0 inside a window function
	rownum  bool            // ROWNUM seen in the select list
	nulls   map[string]bool // ROLLUP: expressions (as SQL) that are NULL in this grouping set
}

// val is a translated expression.
type val struct {
	sql   string
	kind  Kind
	text  *string // a text constant: literal or string param
	param int     // 1-based index when a bare ? param
	null  bool    // the NULL literal or ''
	num   bool    // a numeric literal
	col   *colInfo
	// at is the value of a date constant known when translating (a
	// literal, a bound string in the account's format, SYSDATE, TO_DATE
	// of constants), for indexed ranges; valid when hasAt.
	at    float64
	hasAt bool
}

// dateConst is a date or datetime constant.
func dateConst(days float64, kind Kind) val {
	return val{sql: formatReal(days), kind: kind, at: days, hasAt: true}
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func ident(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// textSQL returns the SQL for a text constant: a quoted literal, or a bind
// when it holds what a literal cannot (NUL, invalid UTF-8).
func (tr *translator) textSQL(s string) string {
	if strings.IndexByte(s, 0) >= 0 || !utf8.ValidString(s) {
		tr.args = append(tr.args, s)
		return "?" + strconv.Itoa(len(tr.args))
	}
	return quote(s)
}

func formatReal(f float64) string {
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return s
}

func isDate(k Kind) bool { return k == KindDate || k == KindDateTime }
func isNum(k Kind) bool  { return k == KindInteger || k == KindFloat }

// ---- queries ----

// query translates a query; keepOrder asks that its ORDER BY survive as a
// derived table (SQLite drops the ORDER BY of a subquery without LIMIT).
func (tr *translator) query(q *query, outer *scope, keepOrder bool) (string, []outCol, error) {
	var with []string
	nctes := len(tr.ctes)
	defer func() { tr.ctes = tr.ctes[:nctes] }()
	for _, c := range q.with {
		sql, cols, err := tr.query(c.q, nil, true)
		if err != nil {
			return "", nil, err
		}
		info := &cteInfo{name: c.name, id: tr.name("w"), cols: cols}
		with = append(with, ident(info.id)+" AS ("+sql+")")
		tr.ctes = append(tr.ctes, info)
	}
	var sql string
	var cols []outCol
	var err error
	if b, ok := q.body.(*selectBlock); ok {
		sql, cols, err = tr.block(b, outer, q, keepOrder)
	} else {
		sql, cols, err = tr.setQuery(q, outer, keepOrder)
	}
	if err != nil {
		return "", nil, err
	}
	if len(with) > 0 {
		sql = "WITH " + strings.Join(with, ", ") + " " + sql
	}
	return sql, cols, nil
}

// setQuery translates a compound query, or a parenthesised one, with the
// ORDER BY and limits that apply to the whole.
func (tr *translator) setQuery(q *query, outer *scope, keepOrder bool) (string, []outCol, error) {
	sql, cols, err := tr.setExpr(q.body, outer)
	if err != nil {
		return "", nil, err
	}
	return tr.orderSet(sql, cols, q, nil, outer, keepOrder)
}

// orderSet applies q's ORDER BY (by output name or position) and limits to
// the compound sql.
func (tr *translator) orderSet(sql string, cols []outCol, q *query, top expr, outer *scope, keepOrder bool) (string, []outCol, error) {
	var order []string
	for _, o := range q.orderBy {
		idx := -1
		switch e := o.e.(type) {
		case *numLit:
			n, err := strconv.Atoi(e.text)
			if err != nil || n < 1 || n > len(cols) {
				return "", nil, errAt(ErrSyntax, e.pos, "Search error occurred: ORDER BY position %s is out of range (position %d)", e.text, e.pos)
			}
			idx = n - 1
		case *colRef:
			for i, c := range cols {
				if c.name == e.name {
					idx = i
					break
				}
			}
		}
		if idx < 0 {
			return "", nil, errAt(ErrUnsupported, o.e.position(), "Search error occurred: ORDER BY of a set operation or ROLLUP must name a column of the result or its position (position %d)", o.e.position())
		}
		order = append(order, orderSQL(ident(cols[idx].sqlName), o))
	}
	limit, err := tr.limits(q, top, outer)
	if err != nil {
		return "", nil, err
	}
	if len(order) > 0 || limit != "" {
		out := "SELECT * FROM (" + sql + ")"
		if len(order) > 0 {
			out += " ORDER BY " + strings.Join(order, ", ")
			if limit == "" && keepOrder {
				limit = " LIMIT -1 OFFSET 0"
			}
		}
		sql = out + limit
	}
	return sql, cols, nil
}

func (tr *translator) setExpr(e setExpr, outer *scope) (string, []outCol, error) {
	switch e := e.(type) {
	case *selectBlock:
		sql, cols, err := tr.block(e, outer, nil, false)
		if err != nil {
			return "", nil, err
		}
		return "SELECT * FROM (" + sql + ")", cols, nil
	case *query:
		sql, cols, err := tr.query(e, outer, false)
		if err != nil {
			return "", nil, err
		}
		return "SELECT * FROM (" + sql + ")", cols, nil
	case *compound:
		tr.compounds++
		if tr.compounds > maxCompound {
			return "", nil, errAt(ErrTooComplex, e.pos, "Search error occurred: more than %d set operations", maxCompound)
		}
		lsql, lcols, err := tr.setExpr(e.left, outer)
		if err != nil {
			return "", nil, err
		}
		rsql, rcols, err := tr.setExpr(e.right, outer)
		if err != nil {
			return "", nil, err
		}
		if len(lcols) != len(rcols) {
			return "", nil, errAt(ErrSyntax, e.pos, "Search error occurred: the queries of %s have different numbers of columns (%d and %d) (position %d)", e.op, len(lcols), len(rcols), e.pos)
		}
		cols := make([]outCol, len(lcols))
		copy(cols, lcols)
		for i := range cols {
			if cols[i].kind == KindAny {
				cols[i].kind = rcols[i].kind
			}
			cols[i].display, cols[i].compound = nil, nil
		}
		return lsql + " " + e.op + " " + rsql, cols, nil
	}
	return "", nil, fmt.Errorf("suiteql: unknown set expression %T", e)
}

// limits returns the LIMIT/OFFSET clause for TOP, FETCH and OFFSET.
func (tr *translator) limits(q *query, top expr, s *scope) (string, error) {
	var lim, off string
	var err error
	conv := func(e expr) (string, error) {
		switch e := e.(type) {
		case *numLit:
			f, err := strconv.ParseFloat(e.text, 64)
			if err != nil || f < 0 {
				return "", errAt(ErrSyntax, e.pos, "Search error occurred: a row count must be a number (position %d)", e.pos)
			}
			return strconv.FormatInt(int64(f), 10), nil
		case *param:
			v := tr.args[e.n]
			switch n := v.(type) {
			case int64:
				return "?" + strconv.Itoa(e.n+1), nil
			case float64:
				tr.args[e.n] = int64(n)
				return "?" + strconv.Itoa(e.n+1), nil
			}
			return "", errAt(ErrParams, e.pos, "Search error occurred: the row count param at position %d is not a number", e.pos)
		}
		return "", errAt(ErrUnsupported, e.position(), "Search error occurred: a row count must be a number or a ? param (position %d)", e.position())
	}
	if top != nil {
		if lim, err = conv(top); err != nil {
			return "", err
		}
	}
	if q != nil && q.fetch != nil {
		f, err := conv(q.fetch)
		if err != nil {
			return "", err
		}
		if lim == "" {
			lim = f
		} else {
			lim = "min(" + lim + ", " + f + ")"
		}
	}
	if q != nil && q.offset != nil {
		if off, err = conv(q.offset); err != nil {
			return "", err
		}
	}
	switch {
	case lim == "" && off == "":
		return "", nil
	case off == "":
		return " LIMIT " + lim, nil
	case lim == "":
		return " LIMIT -1 OFFSET " + off, nil
	}
	return " LIMIT " + lim + " OFFSET " + off, nil
}

func orderSQL(e string, o orderItem) string {
	dir, nulls := " ASC", " NULLS LAST"
	if o.desc {
		dir, nulls = " DESC", " NULLS FIRST"
	}
	if o.nullsFirst != nil {
		if *o.nullsFirst {
			nulls = " NULLS FIRST"
		} else {
			nulls = " NULLS LAST"
		}
	}
	// Oracle sorts NULLs last ascending and first descending; SQLite the
	// other way, so the order is always explicit.
	return e + dir + nulls
}

// orderNotNull is orderSQL for an expression that is never NULL: no NULLS
// clause, so that SQLite can read an index in order.
func orderNotNull(e string, o orderItem) string {
	if o.desc {
		return e + " DESC"
	}
	return e + " ASC"
}

// ---- FROM ----

type fromNode struct {
	join  string // "", ",", INNER, LEFT, RIGHT, FULL, CROSS
	src   *source
	group []*fromNode
	on    string
	onAST expr
}

func (tr *translator) buildFrom(s *scope, items []fromItem) ([]*fromNode, error) {
	var nodes []*fromNode
	for i, it := range items {
		n := &fromNode{join: it.join}
		if it.comma {
			n.join = ","
		}
		if i == 0 {
			n.join = ""
		}
		switch {
		case it.group != nil:
			g, err := tr.buildFrom(s, it.group)
			if err != nil {
				return nil, err
			}
			n.group = g
		case it.sub != nil:
			// A derived table keeps its order for a block that reads it
			// in order (ROWNUM, or no ORDER BY of its own); under a block
			// that orders its rows itself it need not, and SQLite can then
			// merge it into the block: a keyset page over an ordered query
			// (SELECT * FROM (...) WHERE id > ? ORDER BY id) reads the
			// index from the key instead of the whole derived table.
			sql, cols, err := tr.query(it.sub, nil, !s.reorders)
			if err != nil {
				return nil, err
			}
			src := &source{alias: it.alias, id: tr.name("t"), sql: sql}
			for _, c := range cols {
				src.cols = append(src.cols, colInfo{name: c.name, kind: c.kind, sqlName: c.sqlName, display: c.display, compound: c.compound})
			}
			n.src = src
			s.sources = append(s.sources, src)
		default:
			src := &source{alias: it.table, id: tr.name("t")}
			if it.alias != "" {
				src.alias = it.alias
			}
			if c := tr.cte(it.table); c != nil {
				src.sql = ident(c.id)
				for _, oc := range c.cols {
					src.cols = append(src.cols, colInfo{name: oc.name, kind: oc.kind, sqlName: oc.sqlName, display: oc.display, compound: oc.compound})
				}
			} else {
				t, ok := tr.env.Schema.Table(it.table)
				if !ok || t == nil {
					return nil, unknownTable(it.pos, it.table)
				}
				src.table = t
			}
			n.src = src
			s.sources = append(s.sources, src)
		}
		nodes = append(nodes, n)
		if len(it.using) > 0 && n.src != nil {
			n.src.using = map[string]bool{}
			var conds []string
			for _, name := range it.using {
				right, ok := n.src.column(name)
				if !ok {
					return nil, unknownColumn(it.pos, name, s.identifiers())
				}
				var left *source
				for _, o := range s.sources[:len(s.sources)-1] {
					if _, ok := o.column(name); ok {
						left = o
						break
					}
				}
				if left == nil {
					return nil, unknownColumn(it.pos, name, s.identifiers())
				}
				lc, _ := left.column(name)
				left.use(name)
				n.src.use(name)
				n.src.using[name] = true
				conds = append(conds, ident(left.id)+"."+ident(lc.sqlName)+" = "+ident(n.src.id)+"."+ident(right.sqlName))
			}
			n.on = strings.Join(conds, " AND ")
		}
	}
	return nodes, nil
}

func (tr *translator) cte(name string) *cteInfo {
	for i := len(tr.ctes) - 1; i >= 0; i-- {
		if tr.ctes[i].name == name {
			return tr.ctes[i]
		}
	}
	return nil
}

// translateOn translates the ON conditions, each seeing the sources to its
// left and its own.
func (tr *translator) translateOn(s *scope, nodes []*fromNode) error {
	for _, n := range nodes {
		if n.group != nil {
			if err := tr.translateOn(s, n.group); err != nil {
				return err
			}
		}
		if n.onAST == nil {
			continue
		}
		s.visible = countSources(s, n)
		v, err := tr.expr(s, n.onAST)
		s.visible = len(s.sources)
		if err != nil {
			return err
		}
		if n.on != "" {
			n.on += " AND "
		}
		n.on += v.sql
	}
	return nil
}

// countSources returns how many of s.sources are at or before the end of n.
func countSources(s *scope, n *fromNode) int {
	last := lastSource(n)
	for i, src := range s.sources {
		if src == last {
			return i + 1
		}
	}
	return len(s.sources)
}

func lastSource(n *fromNode) *source {
	if n.src != nil {
		return n.src
	}
	return lastSource(n.group[len(n.group)-1])
}

func (tr *translator) fromSQL(nodes []*fromNode) string {
	var b strings.Builder
	for i, n := range nodes {
		if i > 0 {
			switch n.join {
			case ",", "":
				b.WriteString(", ")
			case "INNER":
				b.WriteString(" JOIN ")
			default:
				b.WriteString(" " + n.join + " JOIN ")
			}
		}
		if n.group != nil {
			b.WriteString("(" + tr.fromSQL(n.group) + ")")
		} else {
			b.WriteString(tr.sourceSQL(n.src))
		}
		if n.on != "" {
			b.WriteString(" ON " + n.on)
		} else if n.join == "INNER" || n.join == "LEFT" || n.join == "RIGHT" || n.join == "FULL" {
			b.WriteString(" ON 1")
		}
	}
	return b.String()
}

func (tr *translator) sourceSQL(s *source) string {
	if s.table != nil {
		cols := s.used
		if len(cols) == 0 {
			cols = []string{s.table.Columns[0].Name}
		}
		return "(" + s.table.Source(cols) + ") AS " + ident(s.id)
	}
	if strings.HasPrefix(s.sql, `"`) {
		return s.sql + " AS " + ident(s.id)
	}
	return "(" + s.sql + ") AS " + ident(s.id)
}
