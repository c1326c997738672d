package suiteql

// The AST of a SuiteQL query. Names are lower case once parsed (SuiteQL
// names are case-insensitive); pos fields are byte offsets in the query.

// query is a SELECT statement: a block or a compound of blocks, with the
// ORDER BY and row limits that apply to the whole.
type query struct {
	with    []cte
	body    setExpr
	orderBy []orderItem
	offset  expr // OFFSET n ROWS, or nil
	fetch   expr // FETCH FIRST n ROWS ONLY, or nil
	pos     int
}

type cte struct {
	name string
	q    *query
	pos  int
}

// setExpr is a *selectBlock, a *compound, or a *query (a parenthesised
// operand).
type setExpr interface{ isSet() }

type compound struct {
	op          string // UNION, UNION ALL, EXCEPT, INTERSECT
	left, right setExpr
	pos         int
}

type selectBlock struct {
	distinct bool
	top      expr
	items    []selectItem
	from     []fromItem // empty for a FROM-less select (not Oracle; refused)
	dual     bool       // FROM DUAL
	where    expr
	groupBy  []expr
	rollup   bool // GROUP BY ROLLUP(groupBy)
	having   expr
	pos      int
}

func (*selectBlock) isSet() {}
func (*compound) isSet()    {}
func (*query) isSet()       {}

// selectItem is one entry of a select list: star (* or q.*), or an
// expression with an optional alias.
type selectItem struct {
	star      bool
	starTable string // q in q.*
	e         expr
	alias     string
	text      string // the expression as typed, for unaliased output names
	pos       int
}

// fromItem is one FROM entry. join is "" for the first entry and for
// comma-joined entries (comma is true), else INNER, LEFT, RIGHT, FULL or
// CROSS.
type fromItem struct {
	comma bool
	join  string
	table string     // a table or CTE name
	sub   *query     // a derived table
	group []fromItem // a parenthesised join
	alias string
	on    expr
	using []string
	pos   int
}

type orderItem struct {
	e          expr
	desc       bool
	nullsFirst *bool
}

// expr is an expression node.
type expr interface{ position() int }

type (
	numLit struct {
		text string
		pos  int
	}
	strLit struct {
		val string
		pos int
	}
	nullLit struct{ pos int }
	// dateLit is DATE 'yyyy-mm-dd' or TIMESTAMP '...'.
	dateLit struct {
		val       string
		timestamp bool
		pos       int
	}
	param struct {
		n   int // 0-based index among the query's ? marks
		pos int
	}
	// colRef is [qualifier.]name; outer is the Oracle (+) marker.
	colRef struct {
		qual  string
		name  string
		outer bool
		pos   int
	}
	// rownum is the ROWNUM pseudo-column.
	rownum struct{ pos int }
	// keyword is a niladic function written without parentheses: SYSDATE,
	// CURRENT_DATE, ...
	keyword struct {
		name string
		pos  int
	}
	unary struct {
		op  string // - + NOT
		x   expr
		pos int
	}
	binary struct {
		op   string // OR AND = <> < > <= >= + - * / ||
		l, r expr
		pos  int
	}
	isNull struct {
		x   expr
		not bool
		pos int
	}
	like struct {
		x, pat, esc expr
		not         bool
		pos         int
	}
	between struct {
		x, lo, hi expr
		not       bool
		pos       int
	}
	inList struct {
		x    expr
		list []expr
		sub  *query
		not  bool
		pos  int
	}
	exists struct {
		sub *query
		pos int
	}
	// quantified is x op ANY|SOME|ALL (subquery or list).
	quantified struct {
		x    expr
		op   string
		all  bool
		sub  *query
		list []expr
		pos  int
	}
	subquery struct {
		q   *query
		pos int
	}
	caseExpr struct {
		operand expr // nil for a searched CASE
		whens   []whenClause
		els     expr
		pos     int
	}
	cast struct {
		x   expr
		typ string // upper case type name
		pos int
	}
	// call is a function call; name is upper case, with a BUILTIN. or
	// BUILTIN_RESULT. prefix when written so.
	call struct {
		name     string
		args     []expr
		star     bool // COUNT(*)
		distinct bool
		within   []orderItem // LISTAGG ... WITHIN GROUP (ORDER BY ...)
		over     *window
		pos      int
	}
)

type whenClause struct{ cond, then expr }

type window struct {
	partition []expr
	orderBy   []orderItem
	frame     string // ROWS/RANGE frame as normalised text, or ""
}

func (e *numLit) position() int     { return e.pos }
func (e *strLit) position() int     { return e.pos }
func (e *nullLit) position() int    { return e.pos }
func (e *dateLit) position() int    { return e.pos }
func (e *param) position() int      { return e.pos }
func (e *colRef) position() int     { return e.pos }
func (e *rownum) position() int     { return e.pos }
func (e *keyword) position() int    { return e.pos }
func (e *unary) position() int      { return e.pos }
func (e *binary) position() int     { return e.pos }
func (e *isNull) position() int     { return e.pos }
func (e *like) position() int       { return e.pos }
func (e *between) position() int    { return e.pos }
func (e *inList) position() int     { return e.pos }
func (e *exists) position() int     { return e.pos }
func (e *quantified) position() int { return e.pos }
func (e *subquery) position() int   { return e.pos }
func (e *caseExpr) position() int   { return e.pos }
func (e *cast) position() int       { return e.pos }
func (e *call) position() int       { return e.pos }
