package oracle

import (
	"database/sql/driver"
	"errors"
	"math"
	"sort"

	"modernc.org/sqlite"
)

// Oracle's numeric functions. Source: Oracle Database SQL Language
// Reference 19c, Numeric Functions,
// https://docs.oracle.com/en/database/oracle/oracle-database/19/sqlrf/Numeric-Functions.html

// RoundNum is ROUND(n, d): half away from zero at d digits after the point
// (d negative rounds left of it).
func RoundNum(n float64, d int) float64 {
	if d > 300 || math.IsInf(n, 0) || math.IsNaN(n) {
		return n
	}
	// Round the decimal text, not the binary value, so that 2.675 rounds
	// to 2.68 as Oracle's decimal NUMBER does.
	r := toDecimal(n).round(d)
	return decimalValue(r)
}

// TruncNum is TRUNC(n, d).
func TruncNum(n float64, d int) float64 {
	if d > 300 || math.IsInf(n, 0) || math.IsNaN(n) {
		return n
	}
	x := toDecimal(n)
	keep := x.exp + d
	switch {
	case keep <= 0:
		return 0
	case keep < len(x.digits):
		x.digits = x.digits[:keep]
	}
	return decimalValue(x)
}

func decimalValue(d decimal) float64 {
	if d.digits == "" {
		return 0
	}
	v, _ := ParseNumber(canonical(d), "")
	return v
}

// Mod is MOD(a, b): a - b*TRUNC(a/b); MOD(a, 0) is a.
func Mod(a, b float64) float64 {
	if b == 0 {
		return a
	}
	return math.Mod(a, b)
}

// Remainder is REMAINDER(a, b): a - b*ROUND(a/b), the rounding to even on
// a tie (Oracle: "If n2 = 0 ... error"; Assumption: NULL is not produced,
// the IEEE remainder is).
func Remainder(a, b float64) (float64, error) {
	if b == 0 {
		return 0, errors.New("ORA-01476: divisor is equal to zero")
	}
	return math.Remainder(a, b), nil
}

func init() {
	registerRange("sq_to_char_num", 1, 3, "TO_CHAR(number[, format[, nlsparam]])", func(args []driver.Value) (driver.Value, error) {
		if args[0] == nil || (len(args) > 1 && args[1] == nil) {
			return nil, nil
		}
		v := args[0]
		if _, ok := v.(int64); !ok {
			f, err := number(v)
			if err != nil {
				return nil, err
			}
			v = f
		}
		if len(args) == 1 {
			return FormatNumber(v), nil
		}
		s, err := FormatNumberModel(v, str(args[1]))
		if err != nil {
			return nil, err
		}
		return textResult(s), nil
	})
	registerRange("sq_to_number", 1, 3, "TO_NUMBER(string[, format[, nlsparam]])", func(args []driver.Value) (driver.Value, error) {
		if args[0] == nil || (len(args) > 1 && args[1] == nil) {
			return nil, nil
		}
		switch x := args[0].(type) {
		case int64, float64:
			if len(args) == 1 {
				return x, nil
			}
		}
		model := ""
		if len(args) > 1 {
			model = str(args[1])
		}
		f, err := ParseNumber(str(args[0]), model)
		if err != nil {
			return nil, err
		}
		return numResult(f), nil
	})
	roundTrunc := func(name, usage string, fn func(float64, int) float64) {
		registerRange(name, 1, 2, usage, func(args []driver.Value) (driver.Value, error) {
			if anyNull(args) {
				return nil, nil
			}
			d := 0
			if len(args) > 1 {
				var err error
				if d, err = integer(args[1]); err != nil {
					return nil, err
				}
			}
			if i, ok := args[0].(int64); ok && d >= 0 {
				return i, nil
			}
			n, err := number(args[0])
			if err != nil {
				return nil, err
			}
			return numResult(fn(n, d)), nil
		})
	}
	roundTrunc("sq_round_num", "ROUND(number[, places])", RoundNum)
	roundTrunc("sq_trunc_num", "TRUNC(number[, places])", TruncNum)
	binary := func(name string, fn func(a, b float64) (float64, error)) {
		registerBinary(name, func(a, b float64) (driver.Value, error) {
			r, err := fn(a, b)
			if err != nil {
				return nil, err
			}
			if math.IsNaN(r) || math.IsInf(r, 0) {
				return nil, errors.New("ORA-01426: numeric overflow")
			}
			return numResult(r), nil
		})
	}
	binary("sq_mod", func(a, b float64) (float64, error) { return Mod(a, b), nil })
	binary("sq_remainder", Remainder)
	binary("sq_power", func(a, b float64) (float64, error) {
		if a < 0 && b != math.Trunc(b) {
			return 0, errors.New("ORA-01428: argument '" + FormatNumber(a) + "' is out of range")
		}
		return math.Pow(a, b), nil
	})
	binary("sq_log", func(base, n float64) (float64, error) {
		if base <= 0 || base == 1 || n <= 0 {
			return 0, errors.New("ORA-01428: argument '" + FormatNumber(n) + "' is out of range")
		}
		return math.Log(n) / math.Log(base), nil
	})
	binary("sq_atan2", func(a, b float64) (float64, error) { return math.Atan2(a, b), nil })
	binary("sq_bitand", func(a, b float64) (float64, error) {
		return float64(int64(math.Trunc(a)) & int64(math.Trunc(b))), nil
	})
	unary := func(name string, fn func(float64) (float64, error)) {
		register(name, 1, func(args []driver.Value) (driver.Value, error) {
			if anyNull(args) {
				return nil, nil
			}
			a, err := number(args[0])
			if err != nil {
				return nil, err
			}
			r, err := fn(a)
			if err != nil {
				return nil, err
			}
			if math.IsNaN(r) || math.IsInf(r, 0) {
				return nil, errors.New("ORA-01426: numeric overflow")
			}
			if name == "sq_sign" || name == "sq_ceil" || name == "sq_floor" {
				return numResult(r), nil
			}
			return r, nil
		})
	}
	outOfRange := func(a float64) error {
		return errors.New("ORA-01428: argument '" + FormatNumber(a) + "' is out of range")
	}
	plain := func(fn func(float64) float64) func(float64) (float64, error) {
		return func(a float64) (float64, error) { return fn(a), nil }
	}
	unary("sq_sign", func(a float64) (float64, error) {
		switch {
		case a > 0:
			return 1, nil
		case a < 0:
			return -1, nil
		}
		return 0, nil
	})
	unary("sq_ceil", plain(math.Ceil))
	unary("sq_floor", plain(math.Floor))
	unary("sq_sqrt", func(a float64) (float64, error) {
		if a < 0 {
			return 0, outOfRange(a)
		}
		return math.Sqrt(a), nil
	})
	unary("sq_exp", plain(math.Exp))
	unary("sq_ln", func(a float64) (float64, error) {
		if a <= 0 {
			return 0, outOfRange(a)
		}
		return math.Log(a), nil
	})
	unary("sq_sin", plain(math.Sin))
	unary("sq_cos", plain(math.Cos))
	unary("sq_tan", plain(math.Tan))
	unary("sq_asin", func(a float64) (float64, error) {
		if a < -1 || a > 1 {
			return 0, outOfRange(a)
		}
		return math.Asin(a), nil
	})
	unary("sq_acos", func(a float64) (float64, error) {
		if a < -1 || a > 1 {
			return 0, outOfRange(a)
		}
		return math.Acos(a), nil
	})
	unary("sq_atan", plain(math.Atan))
	unary("sq_sinh", plain(math.Sinh))
	unary("sq_cosh", plain(math.Cosh))
	unary("sq_tanh", plain(math.Tanh))

	registerAggregate("sq_median", func() sqlite.AggregateFunction { return &collect{final: median} })
	registerAggregate("sq_variance", func() sqlite.AggregateFunction { return &collect{final: variance} })
	registerAggregate("sq_stddev", func() sqlite.AggregateFunction {
		return &collect{final: func(v []float64) driver.Value {
			r := variance(v)
			if f, ok := r.(float64); ok {
				return math.Sqrt(f)
			}
			if i, ok := r.(int64); ok {
				return math.Sqrt(float64(i))
			}
			return r
		}}
	})
}

// collect is an aggregate that gathers the non-NULL values of its argument.
type collect struct {
	values []float64
	bad    error
	final  func([]float64) driver.Value
}

func (c *collect) Step(_ *sqlite.FunctionContext, args []driver.Value) error {
	if args[0] == nil {
		return nil
	}
	f, err := number(args[0])
	if err != nil {
		return err
	}
	c.values = append(c.values, f)
	return nil
}

func (c *collect) WindowInverse(_ *sqlite.FunctionContext, args []driver.Value) error {
	if args[0] == nil || len(c.values) == 0 {
		return nil
	}
	c.values = c.values[1:]
	return nil
}

func (c *collect) WindowValue(*sqlite.FunctionContext) (driver.Value, error) {
	return c.final(c.values), nil
}

func (c *collect) Final(*sqlite.FunctionContext) {}

// median is MEDIAN: the middle value, or the mean of the two middle ones;
// NULL over no rows.
func median(v []float64) driver.Value {
	if len(v) == 0 {
		return nil
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return numResult(s[n/2])
	}
	return numResult((s[n/2-1] + s[n/2]) / 2)
}

// variance is VARIANCE: the sample variance; 0 for one row ("Oracle
// Database returns 0 if the number of rows in expr = 1"), NULL for none.
func variance(v []float64) driver.Value {
	switch len(v) {
	case 0:
		return nil
	case 1:
		return int64(0)
	}
	var mean float64
	for _, x := range v {
		mean += x
	}
	mean /= float64(len(v))
	var ss float64
	for _, x := range v {
		ss += (x - mean) * (x - mean)
	}
	return numResult(ss / float64(len(v)-1))
}
