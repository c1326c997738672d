package suiteql

import (
	"strings"
)

// Limits that keep a hostile query from exhausting the stack or the
// translator.
//
// Assumption: NetSuite documents no query-size limit for SuiteQL; 1 MB and
// 200 levels of nesting are far above any real query.
const (
	maxQueryBytes = 1 << 20
	maxDepth      = 200
	maxInList     = 1000 // Oracle: an IN list takes at most 1000 items (ORA-01795)
)

// reserved are the words that cannot be a column name or an implicit alias
// because they start or continue a clause.
var reserved = map[string]bool{
	"SELECT": true, "FROM": true, "WHERE": true, "GROUP": true, "HAVING": true,
	"ORDER": true, "UNION": true, "MINUS": true, "EXCEPT": true, "INTERSECT": true,
	"ON": true, "USING": true, "JOIN": true, "INNER": true, "LEFT": true, "RIGHT": true,
	"FULL": true, "CROSS": true, "OUTER": true, "NATURAL": true, "AND": true, "OR": true,
	"NOT": true, "AS": true, "OFFSET": true, "FETCH": true, "WHEN": true, "THEN": true,
	"ELSE": true, "END": true, "IS": true, "IN": true, "LIKE": true, "BETWEEN": true,
	"ESCAPE": true, "CONNECT": true, "START": true, "WITH": true, "DISTINCT": true,
	"CASE": true, "NULL": true, "EXISTS": true, "BY": true, "ALL": true, "ANY": true,
	"SOME": true, "PRIOR": true, "WINDOW": true, "LIMIT": true, "QUALIFY": true,
	"MODEL": true, "PIVOT": true, "UNPIVOT": true, "FOR": true, "INTO": true,
}

// niladic are the functions written without parentheses.
var niladic = map[string]bool{
	"SYSDATE": true, "CURRENT_DATE": true, "CURRENT_TIMESTAMP": true,
	"SYSTIMESTAMP": true, "LOCALTIMESTAMP": true, "SESSIONTIMEZONE": true,
	"DBTIMEZONE": true,
}

// notSelect are statement keywords the dialect refuses with ErrNotSelect.
var notSelect = map[string]bool{
	"INSERT": true, "UPDATE": true, "DELETE": true, "MERGE": true, "CREATE": true,
	"DROP": true, "ALTER": true, "PRAGMA": true, "ATTACH": true, "DETACH": true,
	"TRUNCATE": true, "GRANT": true, "REVOKE": true, "BEGIN": true, "COMMIT": true,
	"ROLLBACK": true, "SAVEPOINT": true, "RELEASE": true, "VACUUM": true,
	"REINDEX": true, "ANALYZE": true, "EXPLAIN": true, "REPLACE": true,
	"UPSERT": true, "CALL": true, "EXEC": true, "EXECUTE": true, "DECLARE": true,
	"SET": true, "LOCK": true, "RENAME": true, "COMMENT": true, "VALUES": true,
	"SHOW": true, "DESCRIBE": true, "USE": true, "END": true,
}

type parser struct {
	toks   []token
	i      int
	depth  int
	params int // ? marks seen
	query  string
}

// parse parses one SELECT statement.
func parse(q string) (*query, int, error) {
	if len(q) > maxQueryBytes {
		return nil, 0, errAt(ErrTooComplex, -1, "Search error occurred: the query is longer than %d bytes", maxQueryBytes)
	}
	toks, err := lex(q)
	if err != nil {
		return nil, 0, err
	}
	p := &parser{toks: toks, query: q}
	return p.statement()
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) peekN(n int) token {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n]
	}
	return p.toks[len(p.toks)-1]
}
func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tokEOF {
		p.i++
	}
	return t
}

// accept consumes the keyword kw if it is next.
func (p *parser) accept(kw string) bool {
	if p.peek().is(kw) {
		p.i++
		return true
	}
	return false
}

func (p *parser) acceptOp(op string) bool {
	if p.peek().isOp(op) {
		p.i++
		return true
	}
	return false
}

func (p *parser) unexpected(want string) error {
	t := p.peek()
	if want == "" {
		return syntaxErr(t.pos, "unexpected "+t.describe())
	}
	return syntaxErr(t.pos, "expected "+want+", found "+t.describe())
}

func (p *parser) expect(kw string) error {
	if !p.accept(kw) {
		return p.unexpected(kw)
	}
	return nil
}

func (p *parser) expectOp(op string) error {
	if !p.acceptOp(op) {
		return p.unexpected("'" + op + "'")
	}
	return nil
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > maxDepth {
		return errAt(ErrTooComplex, p.peek().pos, "Search error occurred: nested more than %d levels deep at position %d", maxDepth, p.peek().pos)
	}
	return nil
}

func (p *parser) leave() { p.depth-- }

func (p *parser) statement() (*query, int, error) {
	t := p.peek()
	if t.kind == tokIdent && notSelect[strings.ToUpper(t.text)] {
		return nil, 0, errAt(ErrNotSelect, t.pos, "Search error occurred: only SELECT statements are supported, found %s", strings.ToUpper(t.text))
	}
	if !t.is("SELECT") && !t.is("WITH") && !t.isOp("(") {
		if t.kind == tokEOF {
			return nil, 0, syntaxErr(t.pos, "empty query")
		}
		return nil, 0, p.unexpected("SELECT")
	}
	q, err := p.parseQuery()
	if err != nil {
		return nil, 0, err
	}
	p.acceptOp(";")
	if p.peek().kind != tokEOF {
		t := p.peek()
		if t.kind == tokIdent && notSelect[strings.ToUpper(t.text)] {
			return nil, 0, errAt(ErrNotSelect, t.pos, "Search error occurred: only one SELECT statement is supported, found %s", strings.ToUpper(t.text))
		}
		return nil, 0, p.unexpected("")
	}
	return q, p.params, nil
}

// parseQuery parses [WITH ...] set-expression [ORDER BY] [OFFSET] [FETCH].
func (p *parser) parseQuery() (*query, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	q := &query{pos: p.peek().pos}
	if p.accept("WITH") {
		if p.peek().is("RECURSIVE") {
			return nil, errAt(ErrUnsupported, p.peek().pos, "Search error occurred: recursive WITH is not supported")
		}
		for {
			t := p.next()
			if t.kind != tokIdent && t.kind != tokQuoted || t.kind == tokIdent && reserved[strings.ToUpper(t.text)] {
				return nil, syntaxErr(t.pos, "expected a name for the WITH query, found "+t.describe())
			}
			if p.peek().isOp("(") {
				return nil, errAt(ErrUnsupported, p.peek().pos, "Search error occurred: column lists in WITH are not supported (position %d)", p.peek().pos)
			}
			if err := p.expect("AS"); err != nil {
				return nil, err
			}
			if err := p.expectOp("("); err != nil {
				return nil, err
			}
			sub, err := p.parseQuery()
			if err != nil {
				return nil, err
			}
			if err := p.expectOp(")"); err != nil {
				return nil, err
			}
			q.with = append(q.with, cte{name: strings.ToLower(t.text), q: sub, pos: t.pos})
			if !p.acceptOp(",") {
				break
			}
		}
	}
	body, err := p.parseSet()
	if err != nil {
		return nil, err
	}
	q.body = body
	if p.peek().is("ORDER") {
		p.next()
		if err := p.expect("BY"); err != nil {
			return nil, err
		}
		q.orderBy, err = p.parseOrderItems()
		if err != nil {
			return nil, err
		}
	}
	if p.peek().is("OFFSET") {
		p.next()
		if q.offset, err = p.parseExpr(); err != nil {
			return nil, err
		}
		if !p.accept("ROWS") && !p.accept("ROW") {
			return nil, p.unexpected("ROWS")
		}
	}
	if p.peek().is("FETCH") {
		p.next()
		if !p.accept("FIRST") && !p.accept("NEXT") {
			return nil, p.unexpected("FIRST or NEXT")
		}
		if q.fetch, err = p.parseExpr(); err != nil {
			return nil, err
		}
		if p.peek().is("PERCENT") {
			return nil, errAt(ErrUnsupported, p.peek().pos, "Search error occurred: FETCH ... PERCENT is not supported")
		}
		if !p.accept("ROWS") && !p.accept("ROW") {
			return nil, p.unexpected("ROWS")
		}
		if p.peek().is("WITH") {
			return nil, errAt(ErrUnsupported, p.peek().pos, "Search error occurred: FETCH ... WITH TIES is not supported")
		}
		if err := p.expect("ONLY"); err != nil {
			return nil, err
		}
	}
	return q, nil
}

func (p *parser) parseSet() (setExpr, error) {
	left, err := p.parseSetTerm()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		var op string
		switch {
		case t.is("UNION"):
			p.next()
			op = "UNION"
			if p.accept("ALL") {
				op = "UNION ALL"
			} else {
				p.accept("DISTINCT")
			}
		case t.is("MINUS"), t.is("EXCEPT"):
			p.next()
			op = "EXCEPT"
		case t.is("INTERSECT"):
			p.next()
			op = "INTERSECT"
		default:
			return left, nil
		}
		right, err := p.parseSetTerm()
		if err != nil {
			return nil, err
		}
		left = &compound{op: op, left: left, right: right, pos: t.pos}
	}
}

func (p *parser) parseSetTerm() (setExpr, error) {
	if p.peek().isOp("(") {
		p.next()
		q, err := p.parseQuery()
		if err != nil {
			return nil, err
		}
		if err := p.expectOp(")"); err != nil {
			return nil, err
		}
		return q, nil
	}
	if !p.peek().is("SELECT") {
		return nil, p.unexpected("SELECT")
	}
	return p.parseBlock()
}

func (p *parser) parseBlock() (*selectBlock, error) {
	b := &selectBlock{pos: p.next().pos}
	switch {
	case p.accept("DISTINCT"), p.accept("UNIQUE"):
		b.distinct = true
	case p.accept("ALL"):
	}
	if p.peek().is("TOP") && p.peekN(1).kind == tokNumber {
		p.next()
		n := p.next()
		b.top = &numLit{text: n.text, pos: n.pos}
	}
	for {
		it, err := p.parseSelectItem()
		if err != nil {
			return nil, err
		}
		b.items = append(b.items, it)
		if !p.acceptOp(",") {
			break
		}
	}
	if err := p.expect("FROM"); err != nil {
		return nil, err
	}
	if p.peek().is("DUAL") && !p.peekN(1).isOp(".") {
		p.next()
		b.dual = true
		if t := p.peek(); t.kind == tokIdent && !reserved[strings.ToUpper(t.text)] {
			p.next() // an alias of DUAL
		}
	} else {
		var err error
		if b.from, err = p.parseFrom(); err != nil {
			return nil, err
		}
	}
	var err error
	if p.accept("WHERE") {
		if b.where, err = p.parseExpr(); err != nil {
			return nil, err
		}
	}
	if t := p.peek(); t.is("CONNECT") || t.is("START") {
		return nil, errAt(ErrUnsupported, t.pos, "Search error occurred: hierarchical queries (CONNECT BY) are not supported")
	}
	if p.peek().is("GROUP") {
		p.next()
		if err := p.expect("BY"); err != nil {
			return nil, err
		}
		if p.peek().is("ROLLUP") && p.peekN(1).isOp("(") {
			p.next()
			p.next()
			b.rollup = true
			if b.groupBy, err = p.parseExprList(); err != nil {
				return nil, err
			}
			if err := p.expectOp(")"); err != nil {
				return nil, err
			}
		} else {
			if t := p.peek(); (t.is("CUBE") || t.is("GROUPING")) && (p.peekN(1).isOp("(") || p.peekN(1).is("SETS")) {
				return nil, errAt(ErrUnsupported, t.pos, "Search error occurred: GROUP BY %s is not supported", strings.ToUpper(t.text))
			}
			if b.groupBy, err = p.parseExprList(); err != nil {
				return nil, err
			}
		}
	}
	if p.accept("HAVING") {
		if b.having, err = p.parseExpr(); err != nil {
			return nil, err
		}
	}
	return b, nil
}

func (p *parser) parseExprList() ([]expr, error) {
	var out []expr
	for {
		e, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		out = append(out, e)
		if !p.acceptOp(",") {
			return out, nil
		}
	}
}

func (p *parser) parseSelectItem() (selectItem, error) {
	t := p.peek()
	if t.isOp("*") {
		p.next()
		return selectItem{star: true, pos: t.pos}, nil
	}
	if (t.kind == tokIdent || t.kind == tokQuoted) && p.peekN(1).isOp(".") && p.peekN(2).isOp("*") {
		p.i += 3
		return selectItem{star: true, starTable: strings.ToLower(t.text), pos: t.pos}, nil
	}
	e, err := p.parseExpr()
	if err != nil {
		return selectItem{}, err
	}
	end := p.peek().pos
	it := selectItem{e: e, pos: t.pos, text: strings.TrimSpace(p.query[t.pos:end])}
	it.alias, err = p.parseAlias(true)
	return it, err
}

// parseAlias parses [AS] alias; withAS says whether AS may introduce it.
func (p *parser) parseAlias(withAS bool) (string, error) {
	if withAS && p.accept("AS") {
		t := p.next()
		if t.kind != tokIdent && t.kind != tokQuoted {
			return "", syntaxErr(t.pos, "expected an alias after AS, found "+t.describe())
		}
		return strings.ToLower(t.text), nil
	}
	t := p.peek()
	if t.kind == tokQuoted || t.kind == tokIdent && !reserved[strings.ToUpper(t.text)] {
		p.next()
		return strings.ToLower(t.text), nil
	}
	return "", nil
}

func (p *parser) parseFrom() ([]fromItem, error) {
	first, err := p.parseTableRef()
	if err != nil {
		return nil, err
	}
	items := []fromItem{first}
	for {
		t := p.peek()
		var join string
		switch {
		case t.isOp(","):
			p.next()
			it, err := p.parseTableRef()
			if err != nil {
				return nil, err
			}
			it.comma = true
			items = append(items, it)
			continue
		case t.is("JOIN"):
			join = "INNER"
		case t.is("INNER"):
			p.next()
			join = "INNER"
		case t.is("LEFT"), t.is("RIGHT"), t.is("FULL"):
			p.next()
			join = strings.ToUpper(t.text)
			p.accept("OUTER")
		case t.is("CROSS"):
			p.next()
			join = "CROSS"
		case t.is("NATURAL"):
			return nil, errAt(ErrUnsupported, t.pos, "Search error occurred: NATURAL JOIN is not supported")
		default:
			return items, nil
		}
		if err := p.expect("JOIN"); err != nil {
			return nil, err
		}
		it, err := p.parseTableRef()
		if err != nil {
			return nil, err
		}
		it.join = join
		if join != "CROSS" {
			switch {
			case p.accept("ON"):
				if it.on, err = p.parseExpr(); err != nil {
					return nil, err
				}
			case p.accept("USING"):
				if err := p.expectOp("("); err != nil {
					return nil, err
				}
				for {
					c := p.next()
					if c.kind != tokIdent && c.kind != tokQuoted {
						return nil, syntaxErr(c.pos, "expected a column name in USING, found "+c.describe())
					}
					it.using = append(it.using, strings.ToLower(c.text))
					if !p.acceptOp(",") {
						break
					}
				}
				if err := p.expectOp(")"); err != nil {
					return nil, err
				}
			default:
				return nil, p.unexpected("ON or USING")
			}
		}
		items = append(items, it)
	}
}

func (p *parser) parseTableRef() (fromItem, error) {
	t := p.peek()
	it := fromItem{pos: t.pos}
	switch {
	case t.isOp("(") && p.joinGroupNext():
		p.next()
		if err := p.enter(); err != nil {
			return it, err
		}
		defer p.leave()
		group, err := p.parseFrom()
		if err != nil {
			return it, err
		}
		it.group = group
		return it, p.expectOp(")")
	case t.isOp("("):
		p.next()
		sub, err := p.parseQuery()
		if err != nil {
			return it, err
		}
		if err := p.expectOp(")"); err != nil {
			return it, err
		}
		it.sub = sub
	case t.kind == tokQuoted || t.kind == tokIdent && !reserved[strings.ToUpper(t.text)]:
		p.next()
		it.table = strings.ToLower(t.text)
		if p.peek().isOp(".") {
			return it, unknownTable(t.pos, strings.ToLower(t.text)+"."+strings.ToLower(p.peekN(1).text))
		}
	default:
		return it, p.unexpected("a table name")
	}
	alias, err := p.parseAlias(true)
	if err != nil {
		return it, err
	}
	it.alias = alias
	return it, nil
}

func (p *parser) parseOrderItems() ([]orderItem, error) {
	var out []orderItem
	for {
		e, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		it := orderItem{e: e}
		if p.accept("DESC") {
			it.desc = true
		} else {
			p.accept("ASC")
		}
		if p.accept("NULLS") {
			first := false
			switch {
			case p.accept("FIRST"):
				first = true
			case p.accept("LAST"):
			default:
				return nil, p.unexpected("FIRST or LAST")
			}
			it.nullsFirst = &first
		}
		out = append(out, it)
		if !p.acceptOp(",") {
			return out, nil
		}
	}
}

// Expressions, lowest precedence first: OR, AND, NOT, comparison and the
// predicates, || + -, * /, unary + -.

func (p *parser) parseExpr() (expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	return p.parseOr()
}

func (p *parser) parseOr() (expr, error) {
	l, err := p.parseAnd()
	if err != nil {
		return nil, err
	}
	for p.peek().is("OR") {
		t := p.next()
		r, err := p.parseAnd()
		if err != nil {
			return nil, err
		}
		l = &binary{op: "OR", l: l, r: r, pos: t.pos}
	}
	return l, nil
}

func (p *parser) parseAnd() (expr, error) {
	l, err := p.parseNot()
	if err != nil {
		return nil, err
	}
	for p.peek().is("AND") {
		t := p.next()
		r, err := p.parseNot()
		if err != nil {
			return nil, err
		}
		l = &binary{op: "AND", l: l, r: r, pos: t.pos}
	}
	return l, nil
}

func (p *parser) parseNot() (expr, error) {
	if t := p.peek(); t.is("NOT") {
		p.next()
		if err := p.enter(); err != nil {
			return nil, err
		}
		defer p.leave()
		x, err := p.parseNot()
		if err != nil {
			return nil, err
		}
		return &unary{op: "NOT", x: x, pos: t.pos}, nil
	}
	return p.parseComparison()
}

var comparisonOps = map[string]string{"=": "=", "<>": "<>", "!=": "<>", "^=": "<>", "<": "<", ">": ">", "<=": "<=", ">=": ">="}

func (p *parser) parseComparison() (expr, error) {
	l, err := p.parseAdditive()
	if err != nil {
		return nil, err
	}
	t := p.peek()
	if op, ok := comparisonOps[t.text]; ok && t.kind == tokOp {
		p.next()
		if q := p.peek(); q.is("ANY") || q.is("SOME") || q.is("ALL") {
			p.next()
			qe := &quantified{x: l, op: op, all: q.is("ALL"), pos: t.pos}
			if err := p.expectOp("("); err != nil {
				return nil, err
			}
			if p.peek().is("SELECT") || p.peek().is("WITH") {
				if qe.sub, err = p.parseQuery(); err != nil {
					return nil, err
				}
			} else if qe.list, err = p.parseExprList(); err != nil {
				return nil, err
			}
			return qe, p.expectOp(")")
		}
		r, err := p.parseAdditive()
		if err != nil {
			return nil, err
		}
		return &binary{op: op, l: l, r: r, pos: t.pos}, nil
	}
	if t.is("IS") {
		p.next()
		not := p.accept("NOT")
		if err := p.expect("NULL"); err != nil {
			return nil, err
		}
		return &isNull{x: l, not: not, pos: t.pos}, nil
	}
	not := false
	if t.is("NOT") && (p.peekN(1).is("LIKE") || p.peekN(1).is("IN") || p.peekN(1).is("BETWEEN")) {
		p.next()
		not = true
		t = p.peek()
	}
	switch {
	case t.is("LIKE"):
		p.next()
		pat, err := p.parseAdditive()
		if err != nil {
			return nil, err
		}
		lk := &like{x: l, pat: pat, not: not, pos: t.pos}
		if p.accept("ESCAPE") {
			if lk.esc, err = p.parseAdditive(); err != nil {
				return nil, err
			}
		}
		return lk, nil
	case t.is("BETWEEN"):
		p.next()
		lo, err := p.parseAdditive()
		if err != nil {
			return nil, err
		}
		if err := p.expect("AND"); err != nil {
			return nil, err
		}
		hi, err := p.parseAdditive()
		if err != nil {
			return nil, err
		}
		return &between{x: l, lo: lo, hi: hi, not: not, pos: t.pos}, nil
	case t.is("IN"):
		p.next()
		in := &inList{x: l, not: not, pos: t.pos}
		if err := p.expectOp("("); err != nil {
			return nil, err
		}
		if p.peek().is("SELECT") || p.peek().is("WITH") {
			if in.sub, err = p.parseQuery(); err != nil {
				return nil, err
			}
		} else {
			if in.list, err = p.parseExprList(); err != nil {
				return nil, err
			}
			if len(in.list) > maxInList {
				return nil, errAt(ErrTooComplex, t.pos, "Search error occurred: an IN list takes at most %d items (position %d)", maxInList, t.pos)
			}
		}
		return in, p.expectOp(")")
	}
	return l, nil
}

func (p *parser) parseAdditive() (expr, error) {
	l, err := p.parseMultiplicative()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		if !t.isOp("+") && !t.isOp("-") && !t.isOp("||") {
			return l, nil
		}
		p.next()
		r, err := p.parseMultiplicative()
		if err != nil {
			return nil, err
		}
		l = &binary{op: t.text, l: l, r: r, pos: t.pos}
	}
}

func (p *parser) parseMultiplicative() (expr, error) {
	l, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		if !t.isOp("*") && !t.isOp("/") {
			return l, nil
		}
		p.next()
		r, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		l = &binary{op: t.text, l: l, r: r, pos: t.pos}
	}
}

func (p *parser) parseUnary() (expr, error) {
	t := p.peek()
	if t.isOp("-") || t.isOp("+") {
		p.next()
		if err := p.enter(); err != nil {
			return nil, err
		}
		defer p.leave()
		x, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		return &unary{op: t.text, x: x, pos: t.pos}, nil
	}
	return p.parsePrimary()
}

func (p *parser) parsePrimary() (expr, error) {
	t := p.peek()
	switch t.kind {
	case tokNumber:
		p.next()
		return &numLit{text: t.text, pos: t.pos}, nil
	case tokString:
		p.next()
		return &strLit{val: t.text, pos: t.pos}, nil
	case tokParam:
		p.next()
		p.params++
		return &param{n: p.params - 1, pos: t.pos}, nil
	case tokOp:
		if t.isOp("(") {
			p.next()
			if p.peek().is("SELECT") || p.peek().is("WITH") {
				q, err := p.parseQuery()
				if err != nil {
					return nil, err
				}
				return &subquery{q: q, pos: t.pos}, p.expectOp(")")
			}
			e, err := p.parseExpr()
			if err != nil {
				return nil, err
			}
			if p.peek().isOp(",") {
				return nil, errAt(ErrUnsupported, p.peek().pos, "Search error occurred: row values are not supported (position %d)", p.peek().pos)
			}
			return e, p.expectOp(")")
		}
		return nil, p.unexpected("an expression")
	case tokQuoted:
		return p.parseName()
	case tokEOF:
		return nil, p.unexpected("an expression")
	}
	// A bare word.
	up := strings.ToUpper(t.text)
	next := p.peekN(1)
	switch up {
	case "NULL":
		p.next()
		return &nullLit{pos: t.pos}, nil
	case "CASE":
		return p.parseCase()
	case "EXISTS":
		p.next()
		if err := p.expectOp("("); err != nil {
			return nil, err
		}
		q, err := p.parseQuery()
		if err != nil {
			return nil, err
		}
		return &exists{sub: q, pos: t.pos}, p.expectOp(")")
	case "DATE", "TIMESTAMP":
		if next.kind == tokString {
			p.next()
			p.next()
			return &dateLit{val: next.text, timestamp: up == "TIMESTAMP", pos: t.pos}, nil
		}
	case "INTERVAL":
		if next.kind == tokString {
			return nil, errAt(ErrUnsupported, t.pos, "Search error occurred: INTERVAL literals are not supported (position %d)", t.pos)
		}
	case "ROWNUM":
		if !next.isOp("(") && !next.isOp(".") {
			p.next()
			return &rownum{pos: t.pos}, nil
		}
	case "PRIOR", "LEVEL", "CONNECT_BY_ROOT":
		if up == "PRIOR" || !next.isOp("(") && !next.isOp(".") {
			return nil, errAt(ErrUnsupported, t.pos, "Search error occurred: hierarchical queries (%s) are not supported", up)
		}
	}
	if niladic[up] && !next.isOp(".") {
		p.next()
		if next.isOp("(") && (up == "CURRENT_TIMESTAMP" || up == "SYSTIMESTAMP" || up == "LOCALTIMESTAMP") {
			// CURRENT_TIMESTAMP(precision)
			p.next()
			if _, err := p.parseExpr(); err != nil {
				return nil, err
			}
			if err := p.expectOp(")"); err != nil {
				return nil, err
			}
		}
		return &keyword{name: up, pos: t.pos}, nil
	}
	if reserved[up] {
		return nil, p.unexpected("an expression")
	}
	return p.parseName()
}

// parseName parses a column reference, a qualified column, or a function
// call (possibly qualified: BUILTIN.DF).
func (p *parser) parseName() (expr, error) {
	t := p.next()
	if t.kind == tokIdent && p.peek().isOp("(") && !p.outerMarkNext() {
		return p.parseCall(strings.ToUpper(t.text), t.pos)
	}
	if p.peek().isOp(".") {
		p.next()
		n := p.next()
		if n.kind != tokIdent && n.kind != tokQuoted {
			return nil, syntaxErr(n.pos, "expected a column name after '.', found "+n.describe())
		}
		if n.kind == tokIdent && p.peek().isOp("(") && t.kind == tokIdent && !p.outerMarkNext() {
			return p.parseCall(strings.ToUpper(t.text)+"."+strings.ToUpper(n.text), t.pos)
		}
		if p.peek().isOp(".") {
			return nil, syntaxErr(p.peek().pos, "unexpected '.' after "+t.text+"."+n.text)
		}
		c := &colRef{qual: strings.ToLower(t.text), name: strings.ToLower(n.text), pos: t.pos}
		p.parseOuterMark(c)
		return c, nil
	}
	c := &colRef{name: strings.ToLower(t.text), pos: t.pos}
	p.parseOuterMark(c)
	return c, nil
}

func (p *parser) outerMarkNext() bool {
	return p.peek().isOp("(") && p.peekN(1).isOp("+") && p.peekN(2).isOp(")")
}

// parseOuterMark consumes Oracle's (+) after a column.
func (p *parser) parseOuterMark(c *colRef) {
	if p.outerMarkNext() {
		p.i += 3
		c.outer = true
	}
}

func (p *parser) parseCall(name string, pos int) (expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	p.next() // (
	c := &call{name: name, pos: pos}
	switch name {
	case "TRIM":
		return p.parseTrim(c)
	case "EXTRACT":
		part := p.next()
		if part.kind != tokIdent {
			return nil, syntaxErr(part.pos, "expected a date part in EXTRACT, found "+part.describe())
		}
		if err := p.expect("FROM"); err != nil {
			return nil, err
		}
		x, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		c.args = []expr{&strLit{val: strings.ToUpper(part.text), pos: part.pos}, x}
		return c, p.expectOp(")")
	case "CAST":
		x, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		if err := p.expect("AS"); err != nil {
			return nil, err
		}
		typ := p.next()
		if typ.kind != tokIdent {
			return nil, syntaxErr(typ.pos, "expected a type name in CAST, found "+typ.describe())
		}
		tn := strings.ToUpper(typ.text)
		for p.peek().kind == tokIdent && !p.peek().isOp(")") {
			// TIMESTAMP WITH TIME ZONE, DOUBLE PRECISION, ...
			w := p.next()
			tn += " " + strings.ToUpper(w.text)
		}
		if p.acceptOp("(") {
			for !p.peek().isOp(")") {
				if p.peek().kind == tokEOF {
					return nil, p.unexpected("')'")
				}
				p.next()
			}
			p.next()
		}
		return &cast{x: x, typ: tn, pos: pos}, p.expectOp(")")
	}
	if p.peek().isOp("*") {
		p.next()
		c.star = true
		if err := p.expectOp(")"); err != nil {
			return nil, err
		}
	} else if !p.acceptOp(")") {
		if p.accept("DISTINCT") || p.accept("UNIQUE") {
			c.distinct = true
		} else {
			p.accept("ALL")
		}
		var err error
		if c.args, err = p.parseExprList(); err != nil {
			return nil, err
		}
		if name == "LISTAGG" && p.peek().is("ON") {
			return nil, errAt(ErrUnsupported, p.peek().pos, "Search error occurred: LISTAGG ... ON OVERFLOW is not supported")
		}
		if err := p.expectOp(")"); err != nil {
			return nil, err
		}
	}
	if p.peek().is("WITHIN") {
		p.next()
		if err := p.expect("GROUP"); err != nil {
			return nil, err
		}
		if err := p.expectOp("("); err != nil {
			return nil, err
		}
		if err := p.expect("ORDER"); err != nil {
			return nil, err
		}
		if err := p.expect("BY"); err != nil {
			return nil, err
		}
		var err error
		if c.within, err = p.parseOrderItems(); err != nil {
			return nil, err
		}
		if err := p.expectOp(")"); err != nil {
			return nil, err
		}
	}
	if p.peek().is("KEEP") {
		return nil, errAt(ErrUnsupported, p.peek().pos, "Search error occurred: KEEP (DENSE_RANK ...) is not supported")
	}
	if p.peek().is("OVER") {
		p.next()
		w, err := p.parseWindow()
		if err != nil {
			return nil, err
		}
		c.over = w
	}
	return c, nil
}

// parseTrim parses TRIM([[LEADING|TRAILING|BOTH] [chars] FROM] s) into a call
// named TRIM (one argument), LTRIM, RTRIM or TRIM (two: s, chars).
func (p *parser) parseTrim(c *call) (expr, error) {
	mode := ""
	for _, m := range []string{"LEADING", "TRAILING", "BOTH"} {
		if p.accept(m) {
			mode = m
		}
	}
	var chars expr
	if !p.peek().is("FROM") {
		x, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		if !p.peek().is("FROM") {
			if mode != "" {
				return nil, p.unexpected("FROM")
			}
			c.args = []expr{x}
			return c, p.expectOp(")")
		}
		chars = x
	}
	p.next() // FROM
	s, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	if chars == nil {
		chars = &strLit{val: " ", pos: c.pos}
	}
	switch mode {
	case "LEADING":
		c.name = "LTRIM"
	case "TRAILING":
		c.name = "RTRIM"
	default:
		c.name = "TRIM"
	}
	c.args = []expr{s, chars}
	return c, p.expectOp(")")
}

func (p *parser) parseWindow() (*window, error) {
	if err := p.expectOp("("); err != nil {
		return nil, err
	}
	w := &window{}
	var err error
	if p.accept("PARTITION") {
		if err := p.expect("BY"); err != nil {
			return nil, err
		}
		if w.partition, err = p.parseExprList(); err != nil {
			return nil, err
		}
	}
	if p.accept("ORDER") {
		if err := p.expect("BY"); err != nil {
			return nil, err
		}
		if w.orderBy, err = p.parseOrderItems(); err != nil {
			return nil, err
		}
	}
	if t := p.peek(); t.is("ROWS") || t.is("RANGE") {
		p.next()
		frame := strings.ToUpper(t.text)
		bound := func() (string, error) {
			b := p.next()
			switch {
			case b.is("UNBOUNDED"):
				if p.accept("PRECEDING") {
					return "UNBOUNDED PRECEDING", nil
				}
				if p.accept("FOLLOWING") {
					return "UNBOUNDED FOLLOWING", nil
				}
			case b.is("CURRENT"):
				if p.accept("ROW") {
					return "CURRENT ROW", nil
				}
			case b.kind == tokNumber && isUnsignedInt(b.text):
				if p.accept("PRECEDING") {
					return b.text + " PRECEDING", nil
				}
				if p.accept("FOLLOWING") {
					return b.text + " FOLLOWING", nil
				}
			default:
				return "", syntaxErr(b.pos, "expected a window frame bound, found "+b.describe())
			}
			return "", p.unexpected("PRECEDING or FOLLOWING")
		}
		if p.accept("BETWEEN") {
			lo, err := bound()
			if err != nil {
				return nil, err
			}
			if err := p.expect("AND"); err != nil {
				return nil, err
			}
			hi, err := bound()
			if err != nil {
				return nil, err
			}
			frame += " BETWEEN " + lo + " AND " + hi
		} else {
			b, err := bound()
			if err != nil {
				return nil, err
			}
			frame += " " + b
		}
		w.frame = frame
	}
	return w, p.expectOp(")")
}

func isUnsignedInt(s string) bool {
	if s == "" || len(s) > 9 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func (p *parser) parseCase() (expr, error) {
	t := p.next()
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer p.leave()
	c := &caseExpr{pos: t.pos}
	var err error
	if !p.peek().is("WHEN") {
		if c.operand, err = p.parseExpr(); err != nil {
			return nil, err
		}
	}
	for p.accept("WHEN") {
		var w whenClause
		if w.cond, err = p.parseExpr(); err != nil {
			return nil, err
		}
		if err := p.expect("THEN"); err != nil {
			return nil, err
		}
		if w.then, err = p.parseExpr(); err != nil {
			return nil, err
		}
		c.whens = append(c.whens, w)
	}
	if len(c.whens) == 0 {
		return nil, p.unexpected("WHEN")
	}
	if p.accept("ELSE") {
		if c.els, err = p.parseExpr(); err != nil {
			return nil, err
		}
	}
	return c, p.expect("END")
}

// joinGroupNext tells, at a '(' in FROM, a parenthesised join such as
// (a JOIN b ON ...) or ((SELECT ...) b JOIN ...) from a derived table
// ((SELECT ...) or ((SELECT ...) UNION (SELECT ...)).
func (p *parser) joinGroupNext() bool {
	n := p.peekN(1)
	if n.is("SELECT") || n.is("WITH") {
		return false
	}
	if !n.isOp("(") {
		return true
	}
	// Skip the inner parenthesised group and look at what follows it.
	depth := 0
	for j := p.i + 1; j < len(p.toks); j++ {
		t := p.toks[j]
		switch {
		case t.isOp("("):
			depth++
		case t.isOp(")"):
			depth--
			if depth == 0 {
				f := p.toks[min(j+1, len(p.toks)-1)]
				return !(f.isOp(")") || f.is("UNION") || f.is("MINUS") || f.is("EXCEPT") ||
					f.is("INTERSECT") || f.is("ORDER") || f.is("OFFSET") || f.is("FETCH"))
			}
		case t.kind == tokEOF:
			return false
		}
	}
	return false
}
