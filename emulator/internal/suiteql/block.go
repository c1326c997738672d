package suiteql

import (
	"math"
	"strconv"
	"strings"
)

// block translates one SELECT block; q, when not nil, carries the ORDER BY
// and row limits that apply to it.
// usesRownum reports whether a block reads ROWNUM, which numbers the rows in
// the order its FROM delivers them.
func usesRownum(b *selectBlock) bool {
	exprs := []expr{b.where, b.having}
	for _, it := range b.items {
		exprs = append(exprs, it.e)
	}
	for _, e := range exprs {
		if e != nil && contains(e, isRownum) {
			return true
		}
	}
	return false
}

func (tr *translator) block(b *selectBlock, outer *scope, q *query, keepOrder bool) (string, []outCol, error) {
	if b.rollup {
		return tr.rollup(b, outer, q, keepOrder)
	}
	nulls := tr.rollupNulls
	tr.rollupNulls = nil
	if err := tr.spend(b.pos); err != nil {
		return "", nil, err
	}
	s := &scope{parent: outer}
	s.reorders = q != nil && len(q.orderBy) > 0 && !usesRownum(b)
	nodes, err := tr.buildFrom(s, b.from)
	if err != nil {
		return "", nil, err
	}
	s.visible = len(s.sources)
	starOrder := append([]*source(nil), s.sources...)

	// ROWNUM conditions of the WHERE limit the block (Oracle numbers rows as
	// they pass the WHERE, before ORDER BY).
	limit, never := int64(-1), false
	var rest []expr
	for _, c := range splitAnd(b.where) {
		if !contains(c, isRownum) {
			rest = append(rest, c)
			continue
		}
		n, nev, ok := tr.rownumBound(c)
		if !ok {
			return "", nil, errAt(ErrUnsupported, c.position(), "Search error occurred: ROWNUM is supported in WHERE only as ROWNUM <= n, ROWNUM < n or ROWNUM = 1, joined by AND (position %d)", c.position())
		}
		never = never || nev
		if n >= 0 && (limit < 0 || n < limit) {
			limit = n
		}
	}
	// Oracle's (+) outer joins.
	outerJoin := false
	for _, c := range rest {
		if contains(c, isOuterMark) {
			outerJoin = true
		}
	}
	if outerJoin {
		if nodes, rest, err = tr.oracleJoins(s, nodes, b.from, rest); err != nil {
			return "", nil, err
		}
	} else {
		attachOn(nodes, b.from)
	}
	if err := tr.checkNoOuterMarks(b, rest); err != nil {
		return "", nil, err
	}
	s.clause = "on"
	if err := tr.translateOn(s, nodes); err != nil {
		return "", nil, err
	}
	s.clause = "where"
	var where []string
	for _, c := range rest {
		v, err := tr.expr(s, c)
		if err != nil {
			return "", nil, err
		}
		where = append(where, v.sql)
	}
	if never {
		where = append(where, "0")
	}

	var exprs []expr
	for _, it := range b.items {
		if it.e != nil {
			exprs = append(exprs, it.e)
		}
	}
	if b.having != nil {
		exprs = append(exprs, b.having)
	}
	ordered := q != nil && len(q.orderBy) > 0
	if q != nil {
		for _, o := range q.orderBy {
			exprs = append(exprs, o.e)
		}
	}
	hasAgg, hasWindow, hasRownum := false, false, false
	for _, e := range exprs {
		hasAgg = hasAgg || contains(e, isAggregate)
		hasWindow = hasWindow || contains(e, isWindow)
		hasRownum = hasRownum || contains(e, isRownum)
	}
	grouped := hasAgg || len(b.groupBy) > 0
	if hasRownum && grouped {
		return "", nil, errAt(ErrUnsupported, b.pos, "Search error occurred: ROWNUM in the select list of a grouped query is not supported (position %d)", b.pos)
	}
	paged := b.top != nil || q != nil && (q.fetch != nil || q.offset != nil)
	if limit >= 0 && (ordered || grouped || b.distinct || paged || hasWindow) {
		s.rowMode = true
		s.rowID = tr.name("r")
		s.rowSeen = map[string]string{}
	}

	if len(nulls) > 0 {
		// A ROLLUP grouping set: the rolled-up expressions are NULL
		// outside aggregates.
		s.clause = "group"
		s.nulls = map[string]bool{}
		for _, e := range nulls {
			v, err := tr.expr(s, e)
			if err != nil {
				return "", nil, err
			}
			s.nulls[v.sql] = true
		}
	}

	// Select list.
	s.clause = "select"
	var items []string
	var cols []outCol
	unnamed := 0
	itemCols := make([]int, len(b.items))
	add := func(v val, name string) {
		c := outCol{name: name, kind: v.kind, sqlName: "c" + strconv.Itoa(len(cols)+1)}
		if v.col != nil {
			c.display, c.compound = v.col.display, v.col.compound
		}
		cols = append(cols, c)
		items = append(items, v.sql+" AS "+ident(c.sqlName))
	}
	for i, it := range b.items {
		itemCols[i] = len(cols)
		if it.star {
			found := false
			for _, src := range starOrder {
				if it.starTable != "" && src.alias != it.starTable {
					continue
				}
				found = true
				for _, ci := range src.columns() {
					add(tr.colVal(s, src, ci), ci.name)
				}
			}
			if !found {
				if it.starTable != "" {
					return "", nil, unknownColumn(it.pos, it.starTable+".*", s.identifiers())
				}
				return "", nil, errAt(ErrSyntax, it.pos, "Search error occurred: SELECT * needs a FROM table (position %d)", it.pos)
			}
			continue
		}
		v, err := tr.expr(s, it.e)
		if err != nil {
			return "", nil, err
		}
		name := it.alias
		if name == "" {
			switch e := it.e.(type) {
			case *colRef:
				name = e.name
			case *rownum:
				name = "rownum"
			default:
				// Assumption: NetSuite's name for an unaliased expression
				// is not documented; the emulator numbers them expr1,
				// expr2, ...
				unnamed++
				name = "expr" + strconv.Itoa(unnamed)
			}
		}
		add(v, name)
	}

	// GROUP BY, HAVING.
	var group []string
	s.clause = "group"
	s.nulls = nil
	for _, g := range b.groupBy {
		v, err := tr.expr(s, g)
		if err != nil {
			return "", nil, err
		}
		if _, err := strconv.ParseInt(v.sql, 10, 64); err == nil || v.sql == "NULL" || strings.HasPrefix(v.sql, "'") {
			// A constant groups nothing; SQLite would read an integer
			// as a column position.
			continue
		}
		group = append(group, v.sql)
	}
	var having string
	if b.having != nil {
		s.clause = "having"
		v, err := tr.expr(s, b.having)
		if err != nil {
			return "", nil, err
		}
		having = v.sql
	}
	if grouped && len(nulls) == 0 {
		if err := tr.checkGrouped(s, b, group); err != nil {
			return "", nil, err
		}
	}

	// ORDER BY.
	var order []string
	if q != nil {
		s.clause = "order"
		for _, o := range q.orderBy {
			sql := ""
			switch e := o.e.(type) {
			case *numLit:
				n, err := strconv.Atoi(e.text)
				if err != nil || n < 1 || n > len(cols) {
					return "", nil, errAt(ErrSyntax, e.pos, "Search error occurred: ORDER BY position %s is out of range (position %d)", e.text, e.pos)
				}
				sql = ident(cols[n-1].sqlName)
			case *colRef:
				if e.qual == "" {
					for i, it := range b.items {
						if it.alias == e.name {
							sql = ident(cols[itemCols[i]].sqlName)
							break
						}
					}
				}
			}
			if sql == "" {
				v, err := tr.expr(s, o.e)
				if err != nil {
					return "", nil, err
				}
				sql = v.sql
				switch {
				case v.col != nil && v.col.instantSQL != nil && !grouped:
					// A system date sorts by the moment it holds, which the
					// store indexes: an ordered page reads the index
					// instead of sorting every row. Assumption: NetSuite
					// orders a datetime by its instant; in the hour that
					// repeats when DST ends, the account's wall clock
					// would order otherwise. The moment is never NULL.
					order = append(order, orderNotNull(v.col.instantSQL(), o))
					continue
				case v.col != nil && v.col.notNull && o.nullsFirst == nil:
					order = append(order, orderNotNull(sql, o))
					continue
				}
			}
			order = append(order, orderSQL(sql, o))
		}
	}
	lim, err := tr.limits(q, b.top, s)
	if err != nil {
		return "", nil, err
	}

	// Assemble.
	var sb strings.Builder
	sb.WriteString("SELECT ")
	if b.distinct {
		sb.WriteString("DISTINCT ")
	}
	sb.WriteString(strings.Join(items, ", "))
	from := tr.fromSQL(nodes)
	whereSQL := ""
	if len(where) > 0 {
		whereSQL = " WHERE " + strings.Join(where, " AND ")
	}
	if s.rowMode {
		inner := "1 AS " + ident("x")
		if len(s.rowCols) > 0 {
			inner = strings.Join(s.rowCols, ", ")
		}
		sb.WriteString(" FROM (SELECT " + inner)
		if from != "" {
			sb.WriteString(" FROM " + from)
		}
		// OFFSET 0 keeps SQLite from flattening the limited rows into
		// the ordered query (it would apply the limit after ordering).
		sb.WriteString(whereSQL + " LIMIT " + strconv.FormatInt(limit, 10) + " OFFSET 0) AS " + ident(s.rowID))
	} else {
		if from != "" {
			sb.WriteString(" FROM " + from)
		}
		sb.WriteString(whereSQL)
	}
	if len(group) > 0 {
		sb.WriteString(" GROUP BY " + strings.Join(group, ", "))
	}
	if having != "" {
		sb.WriteString(" HAVING " + having)
	}
	if len(order) > 0 {
		sb.WriteString(" ORDER BY " + strings.Join(order, ", "))
	}
	if !s.rowMode && limit >= 0 {
		if lim != "" {
			// TOP/FETCH with a ROWNUM limit and nothing to order: both
			// apply to the same rows.
			lim = " LIMIT min(" + strconv.FormatInt(limit, 10) + ", " + strings.TrimPrefix(lim, " LIMIT ") + ")"
		} else {
			lim = " LIMIT " + strconv.FormatInt(limit, 10)
		}
	}
	if lim == "" && ordered && keepOrder {
		// SQLite drops or flattens the ORDER BY of a subquery without a
		// LIMIT; ROWNUM over an ordered derived table needs its order.
		lim = " LIMIT -1 OFFSET 0"
	}
	sb.WriteString(lim)
	return sb.String(), cols, nil
}

// rownumBound reads a ROWNUM condition: the row limit it sets (-1 for
// none) and whether it can never hold.
func (tr *translator) rownumBound(c expr) (int64, bool, bool) {
	if bt, ok := c.(*between); ok && !bt.not {
		if _, ok := bt.x.(*rownum); !ok {
			return 0, false, false
		}
		lo, ok1 := tr.constNum(bt.lo)
		hi, ok2 := tr.constNum(bt.hi)
		if !ok1 || !ok2 {
			return 0, false, false
		}
		if lo > 1 {
			return -1, true, true
		}
		return int64(math.Max(0, math.Floor(hi))), false, true
	}
	b, ok := c.(*binary)
	if !ok {
		return 0, false, false
	}
	op := b.op
	var n expr
	if _, ok := b.l.(*rownum); ok {
		n = b.r
	} else if _, ok := b.r.(*rownum); ok {
		n = b.l
		op = map[string]string{"<": ">", ">": "<", "<=": ">=", ">=": "<=", "=": "=", "<>": "<>"}[op]
	} else {
		return 0, false, false
	}
	v, ok := tr.constNum(n)
	if !ok {
		return 0, false, false
	}
	switch op {
	case "<=":
		return int64(math.Max(0, math.Floor(v))), false, true
	case "<":
		return int64(math.Max(0, math.Ceil(v)-1)), false, true
	case "=":
		if v == 1 {
			return 1, false, true
		}
		return -1, true, true
	case ">":
		if v >= 1 {
			return -1, true, true
		}
		return -1, false, true
	case ">=":
		if v > 1 {
			return -1, true, true
		}
		return -1, false, true
	case "<>":
		if v == 1 {
			return -1, true, true
		}
		if v > 1 && v == math.Trunc(v) {
			return int64(v) - 1, false, true
		}
		return -1, false, true
	}
	return 0, false, false
}

// constNum returns the value of a numeric literal or numeric param.
func (tr *translator) constNum(e expr) (float64, bool) {
	switch e := e.(type) {
	case *numLit:
		f, err := strconv.ParseFloat(e.text, 64)
		return f, err == nil
	case *unary:
		if e.op == "-" || e.op == "+" {
			f, ok := tr.constNum(e.x)
			if e.op == "-" {
				f = -f
			}
			return f, ok
		}
	case *param:
		switch v := tr.args[e.n].(type) {
		case int64:
			return float64(v), true
		case float64:
			return v, true
		case string:
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return f, err == nil
		}
	}
	return 0, false
}

func splitAnd(e expr) []expr {
	if e == nil {
		return nil
	}
	if b, ok := e.(*binary); ok && b.op == "AND" {
		return append(splitAnd(b.l), splitAnd(b.r)...)
	}
	return []expr{e}
}

func attachOn(nodes []*fromNode, items []fromItem) {
	for i, n := range nodes {
		n.onAST = items[i].on
		if n.group != nil {
			attachOn(n.group, items[i].group)
		}
	}
}

// checkNoOuterMarks refuses (+) outside the WHERE conditions it rewrites.
func (tr *translator) checkNoOuterMarks(b *selectBlock, rest []expr) error {
	var exprs []expr
	for _, it := range b.items {
		if it.e != nil {
			exprs = append(exprs, it.e)
		}
	}
	exprs = append(exprs, b.groupBy...)
	if b.having != nil {
		exprs = append(exprs, b.having)
	}
	var walkFrom func(items []fromItem)
	walkFrom = func(items []fromItem) {
		for _, it := range items {
			if it.on != nil {
				exprs = append(exprs, it.on)
			}
			walkFrom(it.group)
		}
	}
	walkFrom(b.from)
	for _, e := range exprs {
		if contains(e, isOuterMark) {
			return errAt(ErrUnsupported, e.position(), "Search error occurred: the (+) outer-join marker is allowed only in WHERE conditions (position %d)", e.position())
		}
	}
	return nil
}

// oracleJoins rewrites Oracle (+) joins: a comma-joined table whose columns
// carry (+) in WHERE conditions becomes a LEFT JOIN on those conditions,
// placed after the tables they also name.
func (tr *translator) oracleJoins(s *scope, nodes []*fromNode, items []fromItem, conj []expr) ([]*fromNode, []expr, error) {
	for i, it := range items {
		if i > 0 && !it.comma || it.group != nil {
			return nil, nil, errAt(ErrUnsupported, it.pos, "Search error occurred: ANSI joins and Oracle (+) joins must not be mixed in one query (position %d)", it.pos)
		}
	}
	type optional struct {
		conds []expr
		deps  map[*source]bool
	}
	opts := map[*source]*optional{}
	var rest []expr
	for _, c := range conj {
		if !contains(c, isOuterMark) {
			rest = append(rest, c)
			continue
		}
		if b, ok := c.(*binary); ok && comparisonOps[b.op] != "" && contains(b.l, isOuterMark) && !contains(b.r, isOuterMark) && contains(b.r, isColRef) {
			// Oracle: "right outer joins in (+) syntax are not valid"
			// in SuiteQL (section_156257796125); the marker goes on the
			// right-hand side.
			return nil, nil, errAt(ErrUnsupported, c.position(), "Search error occurred: a right outer join in (+) syntax is not supported; put the (+) on the right-hand side (position %d)", c.position())
		}
		marked := map[*source]bool{}
		others := map[*source]bool{}
		walk(c, func(e expr) {
			r, ok := e.(*colRef)
			if !ok {
				return
			}
			src := tr.lookupLocal(s, r)
			if src == nil {
				return
			}
			if r.outer {
				marked[src] = true
			} else {
				others[src] = true
			}
		})
		if len(marked) != 1 {
			return nil, nil, errAt(ErrUnsupported, c.position(), "Search error occurred: a condition may outer-join (+) only one table (position %d)", c.position())
		}
		for m := range marked {
			o := opts[m]
			if o == nil {
				o = &optional{deps: map[*source]bool{}}
				opts[m] = o
			}
			o.conds = append(o.conds, c)
			for d := range others {
				if d != m {
					o.deps[d] = true
				}
			}
		}
	}
	var out []*fromNode
	placed := map[*source]bool{}
	for _, n := range nodes {
		if opts[n.src] == nil {
			n.join = ","
			out = append(out, n)
			placed[n.src] = true
		}
	}
	var pending []*fromNode
	for _, n := range nodes {
		if opts[n.src] != nil {
			pending = append(pending, n)
		}
	}
	for len(pending) > 0 {
		progress := false
		for i, n := range pending {
			o := opts[n.src]
			ready := true
			for d := range o.deps {
				if !placed[d] {
					ready = false
				}
			}
			if !ready {
				continue
			}
			n.join = "LEFT"
			var on expr = o.conds[0]
			for _, c := range o.conds[1:] {
				on = &binary{op: "AND", l: on, r: c, pos: c.position()}
			}
			n.onAST = on
			out = append(out, n)
			placed[n.src] = true
			pending = append(pending[:i], pending[i+1:]...)
			progress = true
			break
		}
		if !progress {
			return nil, nil, errAt(ErrUnsupported, -1, "Search error occurred: two tables cannot be outer-joined to each other")
		}
	}
	if len(out) > 0 && out[0].join == "LEFT" {
		return nil, nil, errAt(ErrUnsupported, -1, "Search error occurred: every table of the query is outer-joined (+); one must be joined to")
	}
	if len(out) > 0 {
		out[0].join = ""
	}
	s.sources = s.sources[:0]
	for _, n := range out {
		s.sources = append(s.sources, n.src)
	}
	return out, rest, nil
}

// lookupLocal resolves a column reference among the block's own sources,
// without translating it; nil when it is not one of theirs.
func (tr *translator) lookupLocal(s *scope, c *colRef) *source {
	var found *source
	for _, src := range s.sources {
		if c.qual != "" {
			if src.alias == c.qual {
				return src
			}
			continue
		}
		if _, ok := src.column(c.name); ok {
			if found != nil {
				return nil
			}
			found = src
		}
	}
	return found
}

// rollup translates GROUP BY ROLLUP(g1, ..., gn) as the UNION ALL of the
// grouping sets (g1..gn), (g1..gn-1), ..., (), the rolled-up expressions
// NULL in each. An ORDER BY must name output columns or positions.
func (tr *translator) rollup(b *selectBlock, outer *scope, q *query, keepOrder bool) (string, []outCol, error) {
	var parts []string
	var cols []outCol
	for k := len(b.groupBy); k >= 0; k-- {
		nb := *b
		nb.rollup = false
		nb.groupBy = b.groupBy[:k]
		tr.rollupNulls = b.groupBy[k:]
		sql, c, err := tr.block(&nb, outer, nil, false)
		tr.rollupNulls = nil
		if err != nil {
			return "", nil, err
		}
		if cols == nil {
			cols = c
		}
		parts = append(parts, "SELECT * FROM ("+sql+")")
	}
	whole := &query{body: &compound{}, pos: b.pos}
	if q != nil {
		whole.orderBy, whole.offset, whole.fetch = q.orderBy, q.offset, q.fetch
	}
	for i := range cols {
		cols[i].display, cols[i].compound = nil, nil
	}
	return tr.orderSet(strings.Join(parts, " UNION ALL "), cols, whole, b.top, outer, keepOrder)
}

// checkGrouped applies Oracle's rule for a grouped block: every column of the
// block read in the select list or in HAVING, outside an aggregate, is one
// of the GROUP BY expressions or inside one (ORA-00979 "not a GROUP BY
// expression"; with no GROUP BY, ORA-00937 "not a single-group group
// function"). SQLite would answer with the value of some row of the group,
// so that a query tested here would fail on NetSuite.
func (tr *translator) checkGrouped(s *scope, b *selectBlock, group []string) error {
	groups := make(map[string]bool, len(group))
	for _, g := range group {
		groups[g] = true
	}
	clause := s.clause
	defer func() { s.clause = clause }()
	var check func(e expr) error
	check = func(e expr) error {
		switch x := e.(type) {
		case nil, *subquery, *exists, *rownum:
			return nil
		case *call:
			if isAggregate(x) || isWindow(x) {
				return nil
			}
		case *inList:
			if x.sub != nil {
				return check(x.x)
			}
		case *quantified:
			if x.sub != nil {
				return check(x.x)
			}
		}
		v, err := tr.expr(s, e)
		if err != nil {
			return err
		}
		if groups[v.sql] {
			return nil
		}
		if c, ok := e.(*colRef); ok {
			if !tr.ofBlock(s, v.sql) {
				return nil // a column of an enclosing query: a constant here
			}
			if len(b.groupBy) == 0 {
				return errAt(ErrSyntax, c.pos, "Search error occurred: ORA-00937: not a single-group group function: %s is neither aggregated nor grouped; add GROUP BY or aggregate it (position %d)", colName(c), c.pos)
			}
			return errAt(ErrSyntax, c.pos, "Search error occurred: ORA-00979: not a GROUP BY expression: %s (position %d)", colName(c), c.pos)
		}
		for _, sub := range children(e) {
			if err := check(sub); err != nil {
				return err
			}
		}
		return nil
	}
	s.clause = "select"
	for _, it := range b.items {
		if it.star {
			return errAt(ErrSyntax, it.pos, "Search error occurred: ORA-00979: not a GROUP BY expression: * in a grouped query (position %d)", it.pos)
		}
		if err := check(it.e); err != nil {
			return err
		}
	}
	s.clause = "having"
	return check(b.having)
}

// ofBlock reports whether the SQL of a column reads one of the block's own
// sources (rather than an enclosing query's).
func (tr *translator) ofBlock(s *scope, sql string) bool {
	for _, src := range s.sources {
		if strings.Contains(sql, ident(src.id)+".") || strings.Contains(sql, `"`+src.id+"_") {
			return true
		}
	}
	return false
}

// colName is a column reference as written: alias.name or name.
func colName(c *colRef) string {
	if c.qual != "" {
		return c.qual + "." + c.name
	}
	return c.name
}
