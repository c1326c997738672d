package suiteql

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/suiteql/oracle"
)

// children returns the sub-expressions of e, not descending into
// subqueries.
func children(e expr) []expr {
	switch e := e.(type) {
	case *unary:
		return []expr{e.x}
	case *binary:
		return []expr{e.l, e.r}
	case *isNull:
		return []expr{e.x}
	case *like:
		return []expr{e.x, e.pat, e.esc}
	case *between:
		return []expr{e.x, e.lo, e.hi}
	case *inList:
		return append([]expr{e.x}, e.list...)
	case *quantified:
		return append([]expr{e.x}, e.list...)
	case *caseExpr:
		out := []expr{e.operand, e.els}
		for _, w := range e.whens {
			out = append(out, w.cond, w.then)
		}
		return out
	case *cast:
		return []expr{e.x}
	case *call:
		out := append([]expr(nil), e.args...)
		for _, o := range e.within {
			out = append(out, o.e)
		}
		if e.over != nil {
			out = append(out, e.over.partition...)
			for _, o := range e.over.orderBy {
				out = append(out, o.e)
			}
		}
		return out
	}
	return nil
}

// walk calls fn on e and its sub-expressions, not inside subqueries.
func walk(e expr, fn func(expr)) {
	if e == nil {
		return
	}
	fn(e)
	for _, c := range children(e) {
		walk(c, fn)
	}
}

func contains(e expr, pred func(expr) bool) bool {
	found := false
	walk(e, func(x expr) {
		if x != nil && pred(x) {
			found = true
		}
	})
	return found
}

func isRownum(e expr) bool { _, ok := e.(*rownum); return ok }

func isColRef(e expr) bool { _, ok := e.(*colRef); return ok }

func isOuterMark(e expr) bool {
	c, ok := e.(*colRef)
	return ok && c.outer
}

func isAggregate(e expr) bool {
	c, ok := e.(*call)
	return ok && c.over == nil && aggregates[c.name]
}

func isWindow(e expr) bool {
	c, ok := e.(*call)
	return ok && c.over != nil
}

// expr translates an expression in scope s.
func (tr *translator) expr(s *scope, e expr) (val, error) {
	v, err := tr.expr1(s, e)
	if err == nil && s.nulls != nil && s.aggs == 0 && s.nulls[v.sql] {
		return val{sql: "NULL", kind: v.kind, null: true}, nil
	}
	return v, err
}

func (tr *translator) expr1(s *scope, e expr) (val, error) {
	if err := tr.spend(e.position()); err != nil {
		return val{}, err
	}
	tr.depth++
	defer func() { tr.depth-- }()
	if tr.depth > maxExprDepth {
		return val{}, errAt(ErrTooComplex, e.position(), "Search error occurred: expression nested too deeply (position %d)", e.position())
	}
	switch e := e.(type) {
	case *numLit:
		return numVal(e)
	case *strLit:
		if e.val == "" {
			// Oracle: '' is NULL.
			return val{sql: "NULL", kind: KindText, null: true}, nil
		}
		v := e.val
		return val{sql: tr.textSQL(v), kind: KindText, text: &v}, nil
	case *nullLit:
		return val{sql: "NULL", kind: KindAny, null: true}, nil
	case *dateLit:
		return tr.dateLiteral(e)
	case *param:
		v := val{sql: "?" + strconv.Itoa(e.n+1), kind: tr.paramKinds[e.n], param: e.n + 1}
		if s, ok := tr.args[e.n].(string); ok && v.kind == KindText {
			v.text = &s
		}
		if tr.args[e.n] == nil {
			v.null = true
		}
		return v, nil
	case *colRef:
		return tr.column(s, e)
	case *rownum:
		if s.clause != "select" && s.clause != "order" {
			return val{}, errAt(ErrUnsupported, e.pos, "Search error occurred: ROWNUM is not supported here (position %d)", e.pos)
		}
		s.rownum = true
		return val{sql: "row_number() OVER ()", kind: KindInteger}, nil
	case *keyword:
		return tr.niladic(e)
	case *unary:
		x, err := tr.expr(s, e.x)
		if err != nil {
			return val{}, err
		}
		if e.op == "NOT" {
			return val{sql: "(NOT " + x.sql + ")", kind: KindAny}, nil
		}
		if x.kind == KindText {
			x = tr.asNumber(x)
		}
		if e.op == "+" {
			return val{sql: x.sql, kind: x.kind, num: x.num}, nil
		}
		return val{sql: "(- " + x.sql + ")", kind: x.kind}, nil
	case *binary:
		return tr.binary(s, e)
	case *isNull:
		x, err := tr.expr(s, e.x)
		if err != nil {
			return val{}, err
		}
		if e.not {
			return val{sql: "(" + x.sql + " IS NOT NULL)", kind: KindAny}, nil
		}
		return val{sql: "(" + x.sql + " IS NULL)", kind: KindAny}, nil
	case *like:
		x, err := tr.expr(s, e.x)
		if err != nil {
			return val{}, err
		}
		pat, err := tr.expr(s, e.pat)
		if err != nil {
			return val{}, err
		}
		args := []string{tr.toText(x).sql, tr.toText(pat).sql}
		if e.esc != nil {
			esc, err := tr.expr(s, e.esc)
			if err != nil {
				return val{}, err
			}
			args = append(args, esc.sql)
		}
		// Oracle LIKE is case-sensitive; SQLite's is not.
		sql := "sq_like(" + strings.Join(args, ", ") + ")"
		if e.not {
			sql = "(NOT " + sql + ")"
		}
		return val{sql: sql, kind: KindAny}, nil
	case *between:
		x, err := tr.expr(s, e.x)
		if err != nil {
			return val{}, err
		}
		lo, err := tr.expr(s, e.lo)
		if err != nil {
			return val{}, err
		}
		hi, err := tr.expr(s, e.hi)
		if err != nil {
			return val{}, err
		}
		x1, lo := tr.coerce(x, lo)
		x2, hi := tr.coerce(x, hi)
		op := " BETWEEN "
		if e.not {
			op = " NOT BETWEEN "
		}
		if x1.sql == x2.sql {
			sql := "(" + x1.sql + op + lo.sql + " AND " + hi.sql + ")"
			if !e.not {
				for _, idx := range []string{instantRange(x1, ">=", lo), instantRange(x1, "<=", hi)} {
					if idx != "" {
						sql = "(" + sql + " AND " + idx + ")"
					}
				}
			}
			return val{sql: sql, kind: KindAny}, nil
		}
		sql := "(" + x1.sql + " >= " + lo.sql + " AND " + x2.sql + " <= " + hi.sql + ")"
		if e.not {
			sql = "(NOT " + sql + ")"
		}
		return val{sql: sql, kind: KindAny}, nil
	case *inList:
		return tr.in(s, e)
	case *exists:
		sql, _, err := tr.query(e.sub, s, false)
		if err != nil {
			return val{}, err
		}
		return val{sql: "EXISTS (" + sql + ")", kind: KindAny}, nil
	case *quantified:
		return tr.quantified(s, e)
	case *subquery:
		sql, cols, err := tr.query(e.q, s, false)
		if err != nil {
			return val{}, err
		}
		if len(cols) != 1 {
			return val{}, errAt(ErrSyntax, e.pos, "Search error occurred: a subquery used as a value must select one column (position %d)", e.pos)
		}
		// Assumption: a scalar subquery returning several rows gives its
		// first (Oracle raises ORA-01427).
		return val{sql: "(" + sql + ")", kind: cols[0].kind}, nil
	case *caseExpr:
		return tr.caseExpr(s, e)
	case *cast:
		return tr.cast(s, e)
	case *call:
		return tr.call(s, e)
	}
	return val{}, errAt(ErrSyntax, e.position(), "Search error occurred: unexpected expression at position %d", e.position())
}

func numVal(e *numLit) (val, error) {
	t := e.text
	if !strings.ContainsAny(t, ".eE") {
		if i, err := strconv.ParseInt(t, 10, 64); err == nil {
			return val{sql: strconv.FormatInt(i, 10), kind: KindInteger, num: true}, nil
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(f, 0) {
		return val{}, errAt(ErrSyntax, e.pos, "Search error occurred: invalid number %s at position %d", t, e.pos)
	}
	if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		return val{sql: strconv.FormatInt(int64(f), 10), kind: KindInteger, num: true}, nil
	}
	return val{sql: formatReal(f), kind: KindFloat, num: true}, nil
}

// dateLiteral translates DATE 'yyyy-mm-dd' and TIMESTAMP 'yyyy-mm-dd
// hh24:mi:ss[.ff]'.
//
// Assumption: Oracle says SuiteQL does not take date literals ("use
// TO_DATE"); the emulator accepts the ANSI forms.
func (tr *translator) dateLiteral(e *dateLit) (val, error) {
	layouts := []string{"2006-01-02"}
	kind := KindDate
	if e.timestamp {
		layouts = []string{"2006-01-02 15:04:05.999999999", "2006-01-02 15:04", "2006-01-02"}
		kind = KindDateTime
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, strings.TrimSpace(e.val)); err == nil {
			return val{sql: formatReal(oracle.Days(t, time.UTC)), kind: kind}, nil
		}
	}
	return val{}, errAt(ErrSyntax, e.pos, "Search error occurred: invalid date literal '%s' at position %d", e.val, e.pos)
}

// niladic translates SYSDATE and its kin: the emulator's clock as the
// account's wall clock.
func (tr *translator) niladic(e *keyword) (val, error) {
	days := oracle.Days(tr.now(), tr.env.Location)
	switch e.name {
	case "SYSDATE", "CURRENT_DATE":
		// Assumption: SYSDATE is the account's wall clock (Oracle: the
		// database server's), with its time of day.
		return dateConst(days, KindDate), nil
	case "CURRENT_TIMESTAMP", "SYSTIMESTAMP", "LOCALTIMESTAMP":
		return dateConst(days, KindDateTime), nil
	case "SESSIONTIMEZONE", "DBTIMEZONE":
		return val{sql: quote(tr.env.Location.String()), kind: KindText}, nil
	}
	return val{}, errAt(ErrUnknownFunction, e.pos, "Search error occurred: unknown function %s", e.name)
}

// column resolves a column reference through the enclosing blocks.
func (tr *translator) column(s *scope, c *colRef) (val, error) {
	qualSeen := false
	for sc := s; sc != nil; sc = sc.parent {
		srcs := sc.sources[:sc.visible]
		if c.qual != "" {
			var found *source
			for _, src := range srcs {
				if src.alias == c.qual {
					if found != nil {
						return val{}, errAt(ErrUnknownColumn, c.pos, "Search error occurred: table alias '%s' is ambiguous (position %d)", c.qual, c.pos)
					}
					found = src
				}
			}
			if found == nil {
				for _, src := range sc.sources {
					if src.alias == c.qual {
						qualSeen = true
					}
				}
				continue
			}
			ci, ok := found.column(c.name)
			if !ok {
				return val{}, unknownColumn(c.pos, c.name, sc.identifiers())
			}
			return tr.colVal(sc, found, ci), nil
		}
		var matches []*source
		for _, src := range srcs {
			if _, ok := src.column(c.name); ok {
				matches = append(matches, src)
			}
		}
		if len(matches) > 1 {
			var kept []*source
			for _, m := range matches {
				if !m.using[c.name] {
					kept = append(kept, m)
				}
			}
			if len(kept) == 1 {
				matches = kept
			} else {
				// Oracle: ORA-00918 column ambiguously defined.
				return val{}, errAt(ErrUnknownColumn, c.pos, "Search error occurred: column '%s' is ambiguous (position %d)", c.name, c.pos)
			}
		}
		if len(matches) == 1 {
			ci, _ := matches[0].column(c.name)
			return tr.colVal(sc, matches[0], ci), nil
		}
	}
	if c.qual != "" {
		if qualSeen {
			return val{}, errAt(ErrUnknownColumn, c.pos, "Search error occurred: table '%s' is not visible at position %d", c.qual, c.pos)
		}
		return val{}, unknownColumn(c.pos, c.qual+"."+c.name, s.identifiers())
	}
	return val{}, unknownColumn(c.pos, c.name, s.identifiers())
}

// now is the query's clock: Env.Now, the real clock when unset.
func (tr *translator) now() time.Time {
	if tr.env.Now.IsZero() {
		return time.Now()
	}
	return tr.env.Now
}

// colVal is the SQL of a source's column as read in scope sc.
func (tr *translator) colVal(sc *scope, src *source, ci colInfo) val {
	src.use(ci.name)
	direct := ident(src.id) + "." + ident(ci.sqlName)
	sql := direct
	if sc.rowMode && sc.clause != "where" && sc.clause != "on" {
		key := src.id + "_" + ci.sqlName
		if _, ok := sc.rowSeen[key]; !ok {
			sc.rowSeen[key] = direct
			sc.rowCols = append(sc.rowCols, direct+" AS "+ident(key))
		}
		sql = ident(sc.rowID) + "." + ident(key)
	}
	c := ci
	// A base table's renderers read other columns of the same row, which
	// are then read from the source too.
	row := func(name string) string {
		sib, ok := src.column(name)
		if !ok {
			return "NULL"
		}
		return tr.colVal(sc, src, sib).sql
	}
	if ci.renderDisplay != nil {
		c.display = func(v string) string { return ci.renderDisplay(v, row) }
	}
	if ci.renderCompound != nil {
		c.compound = func(v string) string { return ci.renderCompound(v, row) }
	}
	if ci.instant != "" {
		c.instantSQL = func() string {
			return tr.colVal(sc, src, colInfo{name: ci.instant, kind: KindText, sqlName: ci.instant}).sql
		}
	}
	return val{sql: sql, kind: ci.kind, col: &c}
}

// ---- coercions Oracle does implicitly ----

// coerce makes the two sides of a comparison comparable as Oracle would: a
// string against a date is read in the account's date format, a string
// against a number as a number.
func (tr *translator) coerce(l, r val) (val, val) {
	switch {
	case isDate(l.kind) && r.kind == KindText:
		r = tr.asDate(r)
	case isDate(r.kind) && l.kind == KindText:
		l = tr.asDate(l)
	case isNum(l.kind) && r.kind == KindText:
		r = tr.asNumber(r)
	case isNum(r.kind) && l.kind == KindText:
		l = tr.asNumber(l)
	}
	return l, r
}

// asDate converts a text value to a date: a constant in the account's date
// format is converted here, anything else by sq_implicit_date.
func (tr *translator) asDate(v val) val {
	if v.null {
		return val{sql: "NULL", kind: KindDate, null: true}
	}
	if v.text != nil {
		if d, err := tr.env.DateFormat.Parse(strings.TrimSpace(*v.text)); err == nil {
			days := oracle.Days(time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC), time.UTC)
			if v.param > 0 {
				tr.args[v.param-1] = days
				return val{sql: v.sql, kind: KindDate, at: days, hasAt: true}
			}
			return dateConst(days, KindDate)
		}
	}
	return val{sql: "sq_implicit_date(" + v.sql + ", " + quote(string(tr.env.DateFormat)) + ")", kind: KindDate}
}

// asNumber converts a text value to a number: a numeric constant here,
// anything else by sq_to_number (ORA-01722 when it is not a number).
func (tr *translator) asNumber(v val) val {
	if v.null {
		return val{sql: "NULL", kind: KindAny, null: true}
	}
	if v.text != nil {
		if f, err := strconv.ParseFloat(strings.TrimSpace(*v.text), 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			n, k, _ := numberValue(f)
			if v.param > 0 {
				tr.args[v.param-1] = n
				return val{sql: v.sql, kind: k}
			}
			if k == KindInteger {
				return val{sql: strconv.FormatInt(n.(int64), 10), kind: k, num: true}
			}
			return val{sql: formatReal(f), kind: k, num: true}
		}
	}
	if v.kind != KindText {
		return v
	}
	return val{sql: "sq_to_number(" + v.sql + ")", kind: KindFloat}
}

// toText converts a value to text as Oracle's implicit TO_CHAR does.
func (tr *translator) toText(v val) val {
	switch v.kind {
	case KindInteger:
		if v.num {
			s := v.sql
			return val{sql: quote(s), kind: KindText, text: &s}
		}
		return val{sql: "CAST(" + v.sql + " AS TEXT)", kind: KindText}
	case KindFloat:
		return val{sql: "sq_to_char_num(" + v.sql + ")", kind: KindText}
	case KindDate, KindDateTime:
		return val{sql: "sq_to_char_date(" + v.sql + ", " + quote(dateModel(string(tr.env.DateFormat))) + ")", kind: KindText}
	case KindAny:
		if v.null {
			return val{sql: "NULL", kind: KindText, null: true}
		}
		if v.param > 0 {
			switch tr.args[v.param-1].(type) {
			case int64:
				return val{sql: "CAST(" + v.sql + " AS TEXT)", kind: KindText}
			case float64:
				return val{sql: "sq_to_char_num(" + v.sql + ")", kind: KindText}
			}
		}
	}
	return v
}

// dateModel returns the Oracle format model that writes dates as the
// account's Date Format preference does (M/D/YYYY → FMMM/DD/YYYY).
func dateModel(s string) string {
	unpadded := false
	var b strings.Builder
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], "YYYY"):
			b.WriteString("YYYY")
			i += 4
		case strings.HasPrefix(s[i:], "MONTH"):
			if !unpadded {
				b.WriteString("FM")
				unpadded = true
			}
			b.WriteString("Month")
			i += 5
		case strings.HasPrefix(s[i:], "Mon"):
			b.WriteString("Mon")
			i += 3
		case strings.HasPrefix(s[i:], "MM"), strings.HasPrefix(s[i:], "DD"):
			b.WriteString(s[i : i+2])
			i += 2
		case s[i] == 'M' || s[i] == 'D':
			if !unpadded {
				b.WriteString("FM")
				unpadded = true
			}
			b.WriteString(s[i:i+1] + s[i:i+1])
			i++
		default:
			b.WriteByte(s[i])
			i++
		}
	}
	return b.String()
}

// ---- operators ----

// instantRange returns a condition on a date column's indexed instant that a
// row meeting "col op c" meets too, for a column with one and a constant c,
// so that SQLite reads the index (Column.Instant); "" when it does not
// apply. The instant is UTC and the column the account's wall clock, which
// differ by less than a day in every zone, so the bound is widened by a day
// and the exact condition stays beside it.
func instantRange(l val, op string, r val) string {
	col, c := l, r
	if col.col == nil || col.col.instantSQL == nil || !c.hasAt {
		col, c = r, l
		switch op {
		case "<":
			op = ">"
		case ">":
			op = "<"
		case "<=":
			op = ">="
		case ">=":
			op = "<="
		}
	}
	if col.col == nil || col.col.instantSQL == nil || !c.hasAt || !isDate(col.kind) {
		return ""
	}
	utc := func(days float64) string { return quote(oracle.Time(days).Format("2006-01-02T15:04:05Z")) }
	x := col.col.instantSQL()
	switch op {
	case ">", ">=":
		return x + " >= " + utc(c.at-1)
	case "<", "<=":
		return x + " <= " + utc(c.at+1)
	case "=":
		return x + " BETWEEN " + utc(c.at-1) + " AND " + utc(c.at+1)
	}
	return ""
}

func (tr *translator) binary(s *scope, e *binary) (val, error) {
	l, err := tr.expr(s, e.l)
	if err != nil {
		return val{}, err
	}
	r, err := tr.expr(s, e.r)
	if err != nil {
		return val{}, err
	}
	switch e.op {
	case "AND", "OR":
		return val{sql: "(" + l.sql + " " + e.op + " " + r.sql + ")", kind: KindAny}, nil
	case "=", "<>", "<", ">", "<=", ">=":
		l, r = tr.coerce(l, r)
		sql := "(" + l.sql + " " + e.op + " " + r.sql + ")"
		if idx := instantRange(l, e.op, r); idx != "" {
			sql = "(" + sql + " AND " + idx + ")"
		}
		return val{sql: sql, kind: KindAny}, nil
	case "||":
		// Oracle: NULL || 'x' = 'x', and '' is NULL.
		return val{sql: "nullif(concat(" + tr.toText(l).sql + ", " + tr.toText(r).sql + "), '')", kind: KindText}, nil
	}
	if l.kind == KindText {
		l = tr.asNumber(l)
	}
	if r.kind == KindText {
		r = tr.asNumber(r)
	}
	kind := arithKind(l.kind, r.kind)
	switch e.op {
	case "+":
		if isDate(l.kind) && !isDate(r.kind) {
			kind = l.kind
		} else if isDate(r.kind) && !isDate(l.kind) {
			kind = r.kind
		}
	case "-":
		switch {
		case isDate(l.kind) && isDate(r.kind):
			kind = KindFloat
		case isDate(l.kind):
			kind = l.kind
		}
	case "/":
		// Oracle divides exactly: 5/2 = 2.5 (SQLite: 2).
		return val{sql: "(CAST(" + l.sql + " AS REAL) / " + r.sql + ")", kind: KindFloat}, nil
	}
	if c, ok := dateArith(l, e.op, r); ok && isDate(kind) {
		return dateConst(c, kind), nil
	}
	sql := "(" + l.sql + " " + e.op + " " + r.sql + ")"
	if kind == KindFloat {
		sql = decimal(sql)
	}
	return val{sql: sql, kind: kind}, nil
}

// dateArith folds a date constant plus or minus a number literal (SYSDATE -
// 7), so that the result can bound an indexed range.
func dateArith(l val, op string, r val) (float64, bool) {
	num := func(v val) (float64, bool) {
		if !v.num {
			return 0, false
		}
		f, err := strconv.ParseFloat(v.sql, 64)
		return f, err == nil
	}
	switch {
	case l.hasAt && op == "-":
		if n, ok := num(r); ok {
			return l.at - n, true
		}
	case l.hasAt && op == "+":
		if n, ok := num(r); ok {
			return l.at + n, true
		}
	case r.hasAt && op == "+":
		if n, ok := num(l); ok {
			return r.at + n, true
		}
	}
	return 0, false
}

func arithKind(a, b Kind) Kind {
	switch {
	case a == KindInteger && b == KindInteger:
		return KindInteger
	case a == KindAny:
		return b
	case b == KindAny:
		return a
	case isDate(a):
		return a
	case isDate(b):
		return b
	}
	return KindFloat
}

func (tr *translator) in(s *scope, e *inList) (val, error) {
	x, err := tr.expr(s, e.x)
	if err != nil {
		return val{}, err
	}
	op := " IN "
	if e.not {
		op = " NOT IN "
	}
	if e.sub != nil {
		sql, cols, err := tr.query(e.sub, s, false)
		if err != nil {
			return val{}, err
		}
		if len(cols) != 1 {
			return val{}, errAt(ErrSyntax, e.pos, "Search error occurred: the subquery of IN must select one column (position %d)", e.pos)
		}
		if isNum(cols[0].kind) && x.kind == KindText {
			x = tr.asNumber(x)
		}
		return val{sql: "(" + x.sql + op + "(" + sql + "))", kind: KindAny}, nil
	}
	var items []string
	xs := x.sql
	for _, it := range e.list {
		v, err := tr.expr(s, it)
		if err != nil {
			return val{}, err
		}
		x2, v2 := tr.coerce(x, v)
		if x2.sql != x.sql {
			// The left side had to change (text against numbers): compare
			// it converted.
			xs = x2.sql
		}
		items = append(items, v2.sql)
	}
	return val{sql: "(" + xs + op + "(" + strings.Join(items, ", ") + "))", kind: KindAny}, nil
}

// quantified translates x op ANY|SOME|ALL (...).
func (tr *translator) quantified(s *scope, e *quantified) (val, error) {
	x, err := tr.expr(s, e.x)
	if err != nil {
		return val{}, err
	}
	if e.sub == nil {
		var parts []string
		for _, it := range e.list {
			v, err := tr.expr(s, it)
			if err != nil {
				return val{}, err
			}
			l, r := tr.coerce(x, v)
			parts = append(parts, "("+l.sql+" "+e.op+" "+r.sql+")")
		}
		join := " OR "
		if e.all {
			join = " AND "
		}
		return val{sql: "(" + strings.Join(parts, join) + ")", kind: KindAny}, nil
	}
	sql, cols, err := tr.query(e.sub, s, false)
	if err != nil {
		return val{}, err
	}
	if len(cols) != 1 {
		return val{}, errAt(ErrSyntax, e.pos, "Search error occurred: the subquery of ANY/ALL must select one column (position %d)", e.pos)
	}
	q := tr.name("q")
	col := val{sql: ident(q) + "." + ident(cols[0].sqlName), kind: cols[0].kind}
	l, r := tr.coerce(x, col)
	cmp := "(" + l.sql + " " + e.op + " " + r.sql + ")"
	if e.all {
		return val{sql: "(NOT EXISTS (SELECT 1 FROM (" + sql + ") AS " + ident(q) + " WHERE " + cmp + " IS NOT 1))", kind: KindAny}, nil
	}
	return val{sql: "EXISTS (SELECT 1 FROM (" + sql + ") AS " + ident(q) + " WHERE " + cmp + ")", kind: KindAny}, nil
}

func (tr *translator) caseExpr(s *scope, e *caseExpr) (val, error) {
	var b strings.Builder
	b.WriteString("CASE")
	var operand val
	var err error
	if e.operand != nil {
		if operand, err = tr.expr(s, e.operand); err != nil {
			return val{}, err
		}
	}
	kind := KindAny
	var results []val
	for _, w := range e.whens {
		c, err := tr.expr(s, w.cond)
		if err != nil {
			return val{}, err
		}
		cond := c.sql
		if e.operand != nil {
			l, r := tr.coerce(operand, c)
			cond = "(" + l.sql + " = " + r.sql + ")"
		}
		t, err := tr.expr(s, w.then)
		if err != nil {
			return val{}, err
		}
		results = append(results, t)
		b.WriteString(" WHEN " + cond + " THEN " + t.sql)
	}
	if e.els != nil {
		v, err := tr.expr(s, e.els)
		if err != nil {
			return val{}, err
		}
		results = append(results, v)
		b.WriteString(" ELSE " + v.sql)
	}
	b.WriteString(" END")
	for _, r := range results {
		if r.kind != KindAny {
			kind = r.kind
			break
		}
	}
	return val{sql: b.String(), kind: kind}, nil
}

func (tr *translator) cast(s *scope, e *cast) (val, error) {
	x, err := tr.expr(s, e.x)
	if err != nil {
		return val{}, err
	}
	typ := strings.Fields(e.typ)[0]
	switch typ {
	case "VARCHAR2", "VARCHAR", "CHAR", "NVARCHAR2", "NCHAR", "CLOB", "NCLOB":
		return tr.toText(x), nil
	case "NUMBER", "NUMERIC", "DECIMAL", "FLOAT", "REAL", "DOUBLE", "BINARY_DOUBLE", "BINARY_FLOAT":
		if x.kind == KindText {
			return tr.asNumber(x), nil
		}
		k := x.kind
		if !isNum(k) {
			k = KindFloat
		}
		return val{sql: x.sql, kind: k}, nil
	case "INTEGER", "INT", "SMALLINT":
		if x.kind == KindText {
			x = tr.asNumber(x)
		}
		return val{sql: "CAST(sq_round_num(" + x.sql + ") AS INTEGER)", kind: KindInteger}, nil
	case "DATE", "TIMESTAMP":
		k := KindDate
		if typ == "TIMESTAMP" {
			k = KindDateTime
		}
		if x.kind == KindText {
			x = tr.asDate(x)
		}
		return val{sql: x.sql, kind: k}, nil
	}
	return val{}, errAt(ErrUnsupported, e.pos, "Search error occurred: CAST to %s is not supported (position %d)", e.typ, e.pos)
}
