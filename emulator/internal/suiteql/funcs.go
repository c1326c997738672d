package suiteql

import (
	"strconv"
	"strings"
	"time"

	"github.com/nsconnect/nsconnect/emulator/internal/suiteql/oracle"
)

// aggregates are the aggregate functions (without OVER).
var aggregates = map[string]bool{
	"COUNT": true, "SUM": true, "AVG": true, "MIN": true, "MAX": true,
	"MEDIAN": true, "STDDEV": true, "VARIANCE": true, "LISTAGG": true,
	"APPROX_COUNT_DISTINCT": true,
}

// windowOnly are the functions that need OVER.
var windowOnly = map[string]bool{"ROW_NUMBER": true, "RANK": true, "DENSE_RANK": true}

// simple maps functions whose translation is a call of a SQLite or sq_*
// function with the same arguments.
type simpleFn struct {
	sql      string
	min, max int
	kind     Kind // KindAny: the first argument's kind
}

// The functions SuiteQL supports (Oracle's list: section_158513731864) that
// translate one to one. Functions of that list not here are refused as not
// supported by the emulator.
var simpleFns = map[string]simpleFn{
	"ABS":            {"abs", 1, 1, KindAny},
	"ACOS":           {"sq_acos", 1, 1, KindFloat},
	"ASIN":           {"sq_asin", 1, 1, KindFloat},
	"ATAN":           {"sq_atan", 1, 1, KindFloat},
	"ATAN2":          {"sq_atan2", 2, 2, KindFloat},
	"COS":            {"sq_cos", 1, 1, KindFloat},
	"COSH":           {"sq_cosh", 1, 1, KindFloat},
	"SIN":            {"sq_sin", 1, 1, KindFloat},
	"SINH":           {"sq_sinh", 1, 1, KindFloat},
	"TAN":            {"sq_tan", 1, 1, KindFloat},
	"TANH":           {"sq_tanh", 1, 1, KindFloat},
	"EXP":            {"sq_exp", 1, 1, KindFloat},
	"LN":             {"sq_ln", 1, 1, KindFloat},
	"LOG":            {"sq_log", 2, 2, KindFloat},
	"POWER":          {"sq_power", 2, 2, KindFloat},
	"SQRT":           {"sq_sqrt", 1, 1, KindFloat},
	"BITAND":         {"sq_bitand", 2, 2, KindInteger},
	"CEIL":           {"sq_ceil", 1, 1, KindAny},
	"FLOOR":          {"sq_floor", 1, 1, KindAny},
	"MOD":            {"sq_mod", 2, 2, KindAny},
	"REMAINDER":      {"sq_remainder", 2, 2, KindAny},
	"SIGN":           {"sq_sign", 1, 1, KindInteger},
	"CHR":            {"sq_chr", 1, 1, KindText},
	"ASCII":          {"sq_ascii", 1, 1, KindInteger},
	"INITCAP":        {"sq_initcap", 1, 1, KindText},
	"INSTR":          {"sq_instr", 2, 4, KindInteger},
	"LENGTH":         {"length", 1, 1, KindInteger},
	"LOWER":          {"lower", 1, 1, KindText},
	"UPPER":          {"upper", 1, 1, KindText},
	"LPAD":           {"sq_lpad", 2, 3, KindText},
	"RPAD":           {"sq_rpad", 2, 3, KindText},
	"LTRIM":          {"sq_ltrim", 1, 2, KindText},
	"RTRIM":          {"sq_rtrim", 1, 2, KindText},
	"SUBSTR":         {"sq_substr", 2, 3, KindText},
	"TRANSLATE":      {"sq_translate", 3, 3, KindText},
	"REGEXP_INSTR":   {"sq_regexp_instr", 2, 6, KindInteger},
	"REGEXP_REPLACE": {"sq_regexp_replace", 2, 6, KindText},
	"REGEXP_SUBSTR":  {"sq_regexp_substr", 2, 6, KindText},
	"REGEXP_COUNT":   {"sq_regexp_count", 2, 4, KindInteger},
	"REGEXP_LIKE":    {"sq_regexp_like", 2, 3, KindAny},
	"ADD_MONTHS":     {"sq_add_months", 2, 2, KindAny},
	"LAST_DAY":       {"sq_last_day", 1, 1, KindAny},
	"MONTHS_BETWEEN": {"sq_months_between", 2, 2, KindFloat},
	"NEXT_DAY":       {"sq_next_day", 2, 2, KindAny},
	"NULLIF":         {"nullif", 2, 2, KindAny},
}

// textArgs are the simple functions whose arguments Oracle reads as text.
var textArgs = map[string]bool{
	"CHR": false, "INITCAP": true, "INSTR": true, "LENGTH": true, "LOWER": true, "UPPER": true,
	"LPAD": true, "RPAD": true, "LTRIM": true, "RTRIM": true, "SUBSTR": true, "TRANSLATE": true,
	"ASCII": true,
}

// builtinResult are the BUILTIN_RESULT.TYPE_* wrappers of workbook SQL: the
// value with that kind.
var builtinResult = map[string]Kind{
	"TYPE_STRING": KindText, "TYPE_CLOB": KindText, "TYPE_INTEGER": KindInteger,
	"TYPE_FLOAT": KindFloat, "TYPE_CURRENCY": KindFloat, "TYPE_CURRENCY_HIGH_PRECISION": KindFloat,
	"TYPE_PERCENT": KindFloat, "TYPE_DURATION": KindFloat, "TYPE_BOOLEAN": KindBool,
	"TYPE_DATE": KindDate, "TYPE_DATETIME": KindDateTime, "TYPE_RELATIONSHIP": KindInteger,
}

func (tr *translator) arity(c *call, min, max int) error {
	n := len(c.args)
	if n < min || max >= 0 && n > max {
		return errAt(ErrSyntax, c.pos, "Search error occurred: wrong number of arguments to %s (position %d)", c.name, c.pos)
	}
	return nil
}

func (tr *translator) call(s *scope, c *call) (val, error) {
	name := c.name
	isAgg := aggregates[name]
	if c.star && name != "COUNT" {
		return val{}, errAt(ErrSyntax, c.pos, "Search error occurred: %s(*) is not valid (position %d)", name, c.pos)
	}
	if c.distinct && !isAgg {
		return val{}, errAt(ErrSyntax, c.pos, "Search error occurred: DISTINCT is valid only in an aggregate (position %d)", c.pos)
	}
	if c.within != nil && name != "LISTAGG" {
		return val{}, errAt(ErrUnsupported, c.pos, "Search error occurred: WITHIN GROUP is supported only for LISTAGG (position %d)", c.pos)
	}
	if c.over != nil && !isAgg && !windowOnly[name] {
		return val{}, errAt(ErrUnsupported, c.pos, "Search error occurred: %s is not an analytic function (position %d)", name, c.pos)
	}
	if windowOnly[name] && c.over == nil {
		return val{}, errAt(ErrSyntax, c.pos, "Search error occurred: %s needs OVER (...) (position %d)", name, c.pos)
	}
	if isAgg || c.over != nil {
		return tr.aggregate(s, c)
	}
	if strings.HasPrefix(name, "BUILTIN.") || strings.HasPrefix(name, "BUILTIN_RESULT.") {
		return tr.builtin(s, c)
	}
	if strings.Contains(name, ".") {
		return val{}, errAt(ErrUnknownFunction, c.pos, "Search error occurred: unknown function %s (position %d)", name, c.pos)
	}
	// Functions with their own translation; arguments first.
	switch name {
	case "NVL", "NVL2", "DECODE", "COALESCE", "GREATEST", "LEAST", "CONCAT", "TO_CHAR", "TO_DATE",
		"TO_TIMESTAMP", "TO_TIMESTAMP_TZ", "TO_NUMBER", "ROUND", "TRUNC", "SYS_EXTRACT_UTC", "TZ_OFFSET",
		"REPLACE", "TRIM", "EXTRACT", "NANVL":
	default:
		if _, ok := simpleFns[name]; !ok {
			return val{}, tr.unknownFunction(c)
		}
	}
	args, err := tr.callArgs(s, c)
	if err != nil {
		return val{}, err
	}
	if f, ok := simpleFns[name]; ok {
		if err := tr.arity(c, f.min, f.max); err != nil {
			return val{}, err
		}
		parts := make([]string, len(args))
		for i, a := range args {
			switch {
			case textArgs[name] && i == 0:
				a = tr.toText(a)
			case a.kind == KindText && f.sql != "nullif" && !textArgs[name] && name != "REGEXP_LIKE" && !strings.HasPrefix(name, "REGEXP") && name != "NEXT_DAY":
				a = tr.asNumber(a)
			}
			parts[i] = a.sql
		}
		kind := f.kind
		if kind == KindAny && len(args) > 0 && name != "REGEXP_LIKE" {
			kind = args[0].kind
			if kind == KindText && name != "NULLIF" {
				kind = KindFloat
			}
		}
		if name == "LAST_DAY" || name == "NEXT_DAY" || name == "ADD_MONTHS" {
			if !isDate(kind) {
				kind = KindDate
			}
		}
		if name == "ADD_MONTHS" || name == "LAST_DAY" || name == "NEXT_DAY" || name == "MONTHS_BETWEEN" {
			for i := range args {
				if args[i].kind == KindText && (i == 0 || name == "MONTHS_BETWEEN") {
					parts[i] = tr.asDate(args[i]).sql
				}
			}
		}
		return val{sql: f.sql + "(" + strings.Join(parts, ", ") + ")", kind: kind}, nil
	}
	switch name {
	case "NVL":
		if err := tr.arity(c, 2, 2); err != nil {
			return val{}, err
		}
		return val{sql: "ifnull(" + args[0].sql + ", " + args[1].sql + ")", kind: firstKind(args...)}, nil
	case "NVL2":
		if err := tr.arity(c, 3, 3); err != nil {
			return val{}, err
		}
		return val{sql: "CASE WHEN " + args[0].sql + " IS NOT NULL THEN " + args[1].sql + " ELSE " + args[2].sql + " END", kind: firstKind(args[1], args[2])}, nil
	case "NANVL":
		if err := tr.arity(c, 2, 2); err != nil {
			return val{}, err
		}
		return args[0], nil
	case "COALESCE":
		if err := tr.arity(c, 1, -1); err != nil {
			return val{}, err
		}
		if len(args) == 1 {
			return args[0], nil
		}
		return val{sql: "coalesce(" + joinSQL(args) + ")", kind: firstKind(args...)}, nil
	case "GREATEST", "LEAST":
		if err := tr.arity(c, 1, -1); err != nil {
			return val{}, err
		}
		if len(args) == 1 {
			return args[0], nil
		}
		for i := 1; i < len(args); i++ {
			_, args[i] = tr.coerce(args[0], args[i])
		}
		fn := "max"
		if name == "LEAST" {
			fn = "min"
		}
		return val{sql: fn + "(" + joinSQL(args) + ")", kind: firstKind(args...)}, nil
	case "CONCAT":
		if err := tr.arity(c, 2, 2); err != nil {
			return val{}, err
		}
		return val{sql: "nullif(concat(" + tr.toText(args[0]).sql + ", " + tr.toText(args[1]).sql + "), '')", kind: KindText}, nil
	case "REPLACE":
		if err := tr.arity(c, 2, 3); err != nil {
			return val{}, err
		}
		rep := "''"
		if len(args) == 3 {
			rep = "ifnull(" + tr.toText(args[2]).sql + ", '')"
		}
		// Oracle: REPLACE(s, NULL) is s; a missing replacement removes.
		return val{sql: "nullif(replace(" + tr.toText(args[0]).sql + ", ifnull(" + tr.toText(args[1]).sql + ", ''), " + rep + "), '')", kind: KindText}, nil
	case "TRIM":
		if err := tr.arity(c, 1, 2); err != nil {
			return val{}, err
		}
		if len(args) == 1 {
			return val{sql: "nullif(trim(" + tr.toText(args[0]).sql + ", ' '), '')", kind: KindText}, nil
		}
		return val{sql: "nullif(trim(" + tr.toText(args[0]).sql + ", " + tr.toText(args[1]).sql + "), '')", kind: KindText}, nil
	case "DECODE":
		if err := tr.arity(c, 3, -1); err != nil {
			return val{}, err
		}
		var b strings.Builder
		b.WriteString("CASE")
		var results []val
		i := 1
		for ; i+1 < len(args); i += 2 {
			l, r := tr.coerce(args[0], args[i])
			// DECODE matches NULL with NULL.
			b.WriteString(" WHEN " + l.sql + " IS " + r.sql + " THEN " + args[i+1].sql)
			results = append(results, args[i+1])
		}
		if i < len(args) {
			b.WriteString(" ELSE " + args[i].sql)
			results = append(results, args[i])
		}
		b.WriteString(" END")
		return val{sql: b.String(), kind: firstKind(results...)}, nil
	case "TO_CHAR":
		if err := tr.arity(c, 1, 3); err != nil {
			return val{}, err
		}
		x := args[0]
		switch {
		case isDate(x.kind):
			model := quote(dateModel(string(tr.env.DateFormat)))
			if len(args) > 1 {
				model = tr.toText(args[1]).sql
			}
			return val{sql: "sq_to_char_date(" + x.sql + ", " + model + ")", kind: KindText}, nil
		case isNum(x.kind) || x.kind == KindAny && x.param > 0 && !x.null:
			if len(args) > 1 {
				return val{sql: "sq_to_char_num(" + x.sql + ", " + tr.toText(args[1]).sql + ")", kind: KindText}, nil
			}
			if x.kind == KindAny {
				return tr.toText(x), nil
			}
			return tr.toText(x), nil
		}
		if x.null {
			return val{sql: "NULL", kind: KindText, null: true}, nil
		}
		return tr.toText(x), nil
	case "TO_DATE", "TO_TIMESTAMP", "TO_TIMESTAMP_TZ":
		if err := tr.arity(c, 1, 3); err != nil {
			return val{}, err
		}
		kind := KindDate
		fn := "sq_to_date"
		if name != "TO_DATE" {
			kind, fn = KindDateTime, "sq_to_timestamp"
		}
		x := args[0]
		if isDate(x.kind) {
			return val{sql: x.sql, kind: kind}, nil
		}
		if len(args) == 1 {
			// Assumption: without a model the string is read in the
			// account's date format (Oracle: NLS_DATE_FORMAT).
			v := tr.asDate(tr.toText(x))
			return val{sql: v.sql, kind: kind}, nil
		}
		now := oracle.Days(tr.now(), tr.env.Location)
		if x.text != nil && args[1].text != nil && len(args) == 2 {
			// Constants are read now, so that a range on an indexed
			// date can use its index; a string the model cannot read is
			// left to the run, which raises Oracle's error.
			parse := oracle.ParseDateAt
			if kind == KindDateTime {
				parse = oracle.ParseTimestamp
			}
			if days, err := parse(*x.text, *args[1].text, now); err == nil {
				return dateConst(days, kind), nil
			}
		}
		return val{sql: fn + "(" + tr.toText(x).sql + ", " + tr.toText(args[1]).sql + ", " + formatReal(now) + ")", kind: kind}, nil
	case "TO_NUMBER":
		if err := tr.arity(c, 1, 3); err != nil {
			return val{}, err
		}
		x := args[0]
		if isNum(x.kind) {
			return x, nil
		}
		if len(args) == 1 {
			v := tr.asNumber(tr.toText(x))
			if v.kind == KindText || v.kind == KindAny {
				v.kind = KindFloat
			}
			return v, nil
		}
		return val{sql: "sq_to_number(" + tr.toText(x).sql + ", " + tr.toText(args[1]).sql + ")", kind: KindFloat}, nil
	case "ROUND", "TRUNC":
		if err := tr.arity(c, 1, 2); err != nil {
			return val{}, err
		}
		x := args[0]
		lower := strings.ToLower(name)
		if isDate(x.kind) {
			sql := "sq_" + lower + "_date(" + x.sql
			if len(args) == 2 {
				sql += ", " + tr.toText(args[1]).sql
			}
			return val{sql: sql + ")", kind: x.kind}, nil
		}
		if x.kind == KindText {
			x = tr.asNumber(x)
		}
		sql := "sq_" + lower + "_num(" + x.sql
		if len(args) == 2 {
			a := args[1]
			if a.kind == KindText {
				a = tr.asNumber(a)
			}
			sql += ", " + a.sql
		}
		kind := x.kind
		if kind == KindAny {
			kind = KindFloat
		}
		return val{sql: sql + ")", kind: kind}, nil
	case "SYS_EXTRACT_UTC":
		if err := tr.arity(c, 1, 1); err != nil {
			return val{}, err
		}
		return val{sql: "sq_sys_extract_utc(" + args[0].sql + ", " + quote(tr.env.Location.String()) + ")", kind: KindDateTime}, nil
	case "TZ_OFFSET":
		if err := tr.arity(c, 1, 1); err != nil {
			return val{}, err
		}
		return val{sql: "sq_tz_offset(" + tr.toText(args[0]).sql + ", " + strconv.FormatInt(tr.nowTime().Unix(), 10) + ")", kind: KindText}, nil
	case "EXTRACT":
		if err := tr.arity(c, 2, 2); err != nil {
			return val{}, err
		}
		part := *args[0].text
		x := args[1]
		if x.kind == KindText {
			x = tr.asDate(x)
		}
		formats := map[string]string{"YEAR": "%Y", "MONTH": "%m", "DAY": "%d", "HOUR": "%H", "MINUTE": "%M", "SECOND": "%S"}
		f, ok := formats[part]
		if !ok {
			return val{}, errAt(ErrUnsupported, c.pos, "Search error occurred: EXTRACT(%s ...) is not supported (position %d)", part, c.pos)
		}
		return val{sql: "CAST(strftime('" + f + "', (" + x.sql + ") * 86400, 'unixepoch') AS INTEGER)", kind: KindInteger}, nil
	}
	return val{}, tr.unknownFunction(c)
}

// supportedElsewhere are functions on Oracle's SuiteQL list that the
// emulator does not implement.
var supportedElsewhere = map[string]bool{
	"ASCIISTR": true, "BFILENAME": true, "CHARTOROWID": true, "COMPOSE": true, "CORR": true,
	"CORR_K": true, "CORR_S": true, "COVAR_POP": true, "COVAR_SAMP": true, "DECOMPOSE": true,
	"EMPTY_BLOB": true, "EMPTY_CLOB": true, "EXPR": true, "FROM_TZ": true, "LENGTH2": true,
	"LENGTH4": true, "LENGTHB": true, "LENGTHC": true, "NEW_TIME": true, "NLSSORT": true,
	"NLS_INITCAP": true, "NLS_LOWER": true, "NLS_UPPER": true, "ORA_HASH": true, "SOUNDEX": true,
	"TO_BINARY_DOUBLE": true, "TO_BINARY_FLOAT": true, "TO_CLOB": true, "TO_MULTI_BYTE": true,
	"TO_NCHAR": true, "TO_NCLOB": true, "TO_SINGLE_BYTE": true, "UNISTR": true, "VSIZE": true,
	"WIDTH_BUCKET": true,
}

func (tr *translator) unknownFunction(c *call) error {
	if supportedElsewhere[c.name] {
		return errAt(ErrUnsupported, c.pos, "Search error occurred: function %s is not supported by the emulator (position %d)", c.name, c.pos)
	}
	// Oracle lists CHARINDEX, LEFT, RIGHT, SUBSTRING, DATEDIFF, ... as
	// unsupported; they and anything else unknown land here.
	return errAt(ErrUnknownFunction, c.pos, "Search error occurred: unsupported function %s (position %d)", c.name, c.pos)
}

func firstKind(vs ...val) Kind {
	for _, v := range vs {
		if v.kind != KindAny {
			return v.kind
		}
	}
	return KindAny
}

func joinSQL(vs []val) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = v.sql
	}
	return strings.Join(parts, ", ")
}

// aggregate translates aggregates and window functions.
func (tr *translator) aggregate(s *scope, c *call) (val, error) {
	name := c.name
	if c.over == nil {
		if s.clause != "select" && s.clause != "having" && s.clause != "order" {
			return val{}, errAt(ErrSyntax, c.pos, "Search error occurred: aggregate %s is not allowed here (position %d)", name, c.pos)
		}
		if s.aggs > 0 || s.windows > 0 {
			return val{}, errAt(ErrUnsupported, c.pos, "Search error occurred: nested aggregate %s is not supported (position %d)", name, c.pos)
		}
		s.aggs++
		defer func() { s.aggs-- }()
	} else {
		if s.clause != "select" && s.clause != "order" {
			return val{}, errAt(ErrSyntax, c.pos, "Search error occurred: analytic function %s is not allowed here (position %d)", name, c.pos)
		}
		if s.windows > 0 || s.aggs > 0 {
			return val{}, errAt(ErrUnsupported, c.pos, "Search error occurred: nested analytic function %s is not supported (position %d)", name, c.pos)
		}
		s.windows++
		defer func() { s.windows-- }()
	}
	args, err := tr.callArgs(s, c)
	if err != nil {
		return val{}, err
	}
	distinct := ""
	if c.distinct {
		distinct = "DISTINCT "
	}
	var sql string
	kind := KindAny
	switch name {
	case "COUNT", "APPROX_COUNT_DISTINCT":
		kind = KindInteger
		if c.star {
			sql = "count(*)"
			break
		}
		if err := tr.arity(c, 1, 1); err != nil {
			return val{}, err
		}
		if name == "APPROX_COUNT_DISTINCT" {
			distinct = "DISTINCT "
		}
		sql = "count(" + distinct + args[0].sql + ")"
	case "SUM", "AVG", "MIN", "MAX", "MEDIAN", "STDDEV", "VARIANCE":
		if err := tr.arity(c, 1, 1); err != nil {
			return val{}, err
		}
		x := args[0]
		if x.kind == KindText && name != "MIN" && name != "MAX" {
			x = tr.asNumber(x)
		}
		kind = x.kind
		fn := strings.ToLower(name)
		switch name {
		case "AVG", "STDDEV", "VARIANCE":
			kind = KindFloat
		case "SUM":
			if kind != KindInteger {
				kind = KindFloat
			}
		}
		if name == "MEDIAN" || name == "STDDEV" || name == "VARIANCE" {
			if c.over != nil {
				return val{}, errAt(ErrUnsupported, c.pos, "Search error occurred: %s OVER (...) is not supported by the emulator (position %d)", name, c.pos)
			}
			fn = "sq_" + fn
		}
		if name == "SUM" && kind == KindInteger {
			// SQLite's sum() raises on integer overflow; total() does not
			// but returns 0.0 for no rows, so keep sum().
			fn = "sum"
		}
		sql = fn + "(" + distinct + x.sql + ")"
	case "LISTAGG":
		if err := tr.arity(c, 1, 2); err != nil {
			return val{}, err
		}
		// Assumption: Oracle lists LISTAGG as unsupported in SuiteQL, yet
		// published queries use it; the emulator accepts it.
		sep := "''"
		if len(args) == 2 {
			sep = "ifnull(" + tr.toText(args[1]).sql + ", '')"
		}
		var order []string
		for _, o := range c.within {
			v, err := tr.expr(s, o.e)
			if err != nil {
				return val{}, err
			}
			order = append(order, orderSQL(v.sql, o))
		}
		if c.distinct && len(order) > 0 {
			return val{}, errAt(ErrUnsupported, c.pos, "Search error occurred: LISTAGG(DISTINCT ...) WITHIN GROUP is not supported by the emulator (position %d)", c.pos)
		}
		sql = "group_concat(" + distinct + tr.toText(args[0]).sql
		if c.distinct {
			if len(args) == 2 {
				return val{}, errAt(ErrUnsupported, c.pos, "Search error occurred: LISTAGG(DISTINCT x, separator) is not supported by the emulator (position %d)", c.pos)
			}
		} else {
			sql += ", " + sep
		}
		if len(order) > 0 {
			sql += " ORDER BY " + strings.Join(order, ", ")
		}
		sql += ")"
		kind = KindText
	case "ROW_NUMBER", "RANK", "DENSE_RANK":
		if err := tr.arity(c, 0, 0); err != nil {
			return val{}, err
		}
		sql = strings.ToLower(name) + "()"
		kind = KindInteger
	default:
		return val{}, tr.unknownFunction(c)
	}
	if c.over != nil {
		w, err := tr.window(s, c.over)
		if err != nil {
			return val{}, err
		}
		sql += " OVER (" + w + ")"
	}
	if (name == "SUM" || name == "AVG") && kind == KindFloat {
		sql = decimal(sql)
	}
	return val{sql: sql, kind: kind}, nil
}

// decimalPlaces is how many decimal places sums and arithmetic on numbers
// keep (decimal).
const decimalPlaces = 10

// decimal rounds a REAL result to decimalPlaces. NetSuite's numbers are
// Oracle NUMBERs, exact decimals: 0.1 + 0.2 = 0.3, and the debits and credits
// of a transaction sum to exactly 0. The emulator holds them as doubles, whose
// sums carry binary noise (5.7E-13); rounded, they compare and show as
// NetSuite's do for amounts of up to ten decimals.
//
// Assumption: no NetSuite amount, rate or quantity has more than ten
// decimals.
func decimal(sql string) string { return "round(" + sql + ", " + strconv.Itoa(decimalPlaces) + ")" }

func (tr *translator) window(s *scope, w *window) (string, error) {
	var parts []string
	if len(w.partition) > 0 {
		var ps []string
		for _, p := range w.partition {
			v, err := tr.expr(s, p)
			if err != nil {
				return "", err
			}
			ps = append(ps, v.sql)
		}
		parts = append(parts, "PARTITION BY "+strings.Join(ps, ", "))
	}
	if len(w.orderBy) > 0 {
		var os []string
		for _, o := range w.orderBy {
			v, err := tr.expr(s, o.e)
			if err != nil {
				return "", err
			}
			os = append(os, orderSQL(v.sql, o))
		}
		parts = append(parts, "ORDER BY "+strings.Join(os, ", "))
	}
	if w.frame != "" {
		parts = append(parts, w.frame)
	}
	return strings.Join(parts, " "), nil
}

// builtin translates NetSuite's BUILTIN.* functions and the
// BUILTIN_RESULT.TYPE_* wrappers (article_161950565221).
func (tr *translator) builtin(s *scope, c *call) (val, error) {
	args, err := tr.callArgs(s, c)
	if err != nil {
		return val{}, err
	}
	if fn, ok := strings.CutPrefix(c.name, "BUILTIN_RESULT."); ok {
		k, ok := builtinResult[fn]
		if !ok {
			return val{}, tr.unknownFunction(c)
		}
		if err := tr.arity(c, 1, 1); err != nil {
			return val{}, err
		}
		return val{sql: args[0].sql, kind: k, col: args[0].col}, nil
	}
	switch strings.TrimPrefix(c.name, "BUILTIN.") {
	case "DF", "HIERARCHY":
		// Assumption: BUILTIN.HIERARCHY(field, 'DISPLAY_JOINED') is
		// rendered as the field's display value.
		if err := tr.arity(c, 1, 2); err != nil {
			return val{}, err
		}
		return tr.rendered(args[0], func(ci *colInfo) func(string) string { return ci.display }), nil
	case "CF":
		if err := tr.arity(c, 1, 1); err != nil {
			return val{}, err
		}
		return tr.rendered(args[0], func(ci *colInfo) func(string) string { return ci.compound }), nil
	case "CONSOLIDATE", "CURRENCY", "CURRENCY_CONVERT":
		// Assumption: the emulator has one currency and no consolidation,
		// so these return the amount unchanged.
		if err := tr.arity(c, 1, -1); err != nil {
			return val{}, err
		}
		x := args[0]
		if x.kind == KindText {
			x = tr.asNumber(x)
		}
		return val{sql: x.sql, kind: x.kind}, nil
	case "RELATIVE_RANGES":
		if err := tr.arity(c, 1, 3); err != nil {
			return val{}, err
		}
		part := "'START'"
		if len(args) > 1 {
			part = tr.toText(args[1]).sql
		}
		return val{sql: "sq_relative_range(" + tr.toText(args[0]).sql + ", " + part + ", " + formatReal(oracle.Days(tr.nowTime(), tr.env.Location)) + ")", kind: KindDate}, nil
	case "PERIOD", "NAMED_GROUP", "MNFILTER":
		return val{}, errAt(ErrUnsupported, c.pos, "Search error occurred: %s is not supported by the emulator (position %d)", c.name, c.pos)
	}
	return val{}, tr.unknownFunction(c)
}

// callArgs translates the arguments of call c in scope s, in order.
func (tr *translator) callArgs(s *scope, c *call) ([]val, error) {
	args := make([]val, len(c.args))
	for i, a := range c.args {
		v, err := tr.expr(s, a)
		if err != nil {
			return nil, err
		}
		args[i] = v
	}
	return args, nil
}

// rendered is BUILTIN.DF's and BUILTIN.CF's value: x through the renderer
// that pick chooses from its column (display or compound), or x as text
// when x is not a column or its column has no such renderer.
func (tr *translator) rendered(x val, pick func(*colInfo) func(string) string) val {
	if x.col != nil {
		if render := pick(x.col); render != nil {
			return val{sql: render(x.sql), kind: KindText}
		}
	}
	return tr.toText(x)
}

func (tr *translator) nowTime() time.Time {
	if tr.env.Now.IsZero() {
		return time.Now()
	}
	return tr.env.Now
}
