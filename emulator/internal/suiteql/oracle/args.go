package oracle

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"modernc.org/sqlite"
)

// errInvalidNumber is Oracle's error for text that is not a number.
var errInvalidNumber = errors.New("ORA-01722: invalid number")

// registerRange registers a function taking from min to max arguments
// (max -1: no limit). It is registered as variadic and checks the count
// itself, so that a wrong call says which arguments the Oracle function
// takes: usage is its signature, such as "SUBSTR(string, position[, length])".
func registerRange(name string, min, max int, usage string, fn func(args []driver.Value) (driver.Value, error)) {
	if min == max {
		register(name, int32(min), fn)
		return
	}
	register(name, -1, func(args []driver.Value) (driver.Value, error) {
		if len(args) < min || (max >= 0 && len(args) > max) {
			return nil, fmt.Errorf("%s: %d arguments given; expected %s", name, len(args), usage)
		}
		return fn(args)
	})
}

// registerBinary registers a function of two numbers: NULL when either
// argument is NULL, ORA-01722 when either is not a number, else fn(a, b).
func registerBinary(name string, fn func(a, b float64) (driver.Value, error)) {
	register(name, 2, func(args []driver.Value) (driver.Value, error) {
		if anyNull(args) {
			return nil, nil
		}
		a, err := number(args[0])
		if err != nil {
			return nil, err
		}
		b, err := number(args[1])
		if err != nil {
			return nil, err
		}
		return fn(a, b)
	})
}

// registerAggregate registers an aggregate function of one argument.
func registerAggregate(name string, make func() sqlite.AggregateFunction) {
	sqlite.MustRegisterFunction(name, &sqlite.FunctionImpl{
		NArgs:         1,
		Deterministic: true,
		MakeAggregate: func(sqlite.FunctionContext) (sqlite.AggregateFunction, error) {
			return make(), nil
		},
	})
}

// anyNull reports whether one of args is NULL.
func anyNull(args []driver.Value) bool {
	for _, a := range args {
		if a == nil {
			return true
		}
	}
	return false
}

// number reads a numeric argument: INTEGER, REAL, or TEXT holding a number
// (Oracle converts text implicitly; ORA-01722 when it cannot).
func number(v driver.Value) (float64, error) {
	switch x := v.(type) {
	case int64:
		return float64(x), nil
	case float64:
		return x, nil
	case bool:
		if x {
			return 1, nil
		}
		return 0, nil
	}
	if s, ok := text(v); ok {
		f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil {
			return 0, errInvalidNumber
		}
		return f, nil
	}
	return 0, errInvalidNumber
}

// integer reads a numeric argument truncated to an integer, as Oracle
// truncates positions and lengths.
func integer(v driver.Value) (int, error) {
	f, err := number(v)
	if err != nil {
		return 0, err
	}
	if f > math.MaxInt32 {
		return math.MaxInt32, nil
	}
	if f < math.MinInt32 {
		return math.MinInt32, nil
	}
	return int(f), nil
}

// str reads a text argument; numbers are written as Oracle's TO_CHAR does.
func str(v driver.Value) string {
	if s, ok := text(v); ok {
		return s
	}
	switch x := v.(type) {
	case int64, float64:
		return FormatNumber(x)
	}
	return fmt.Sprint(v)
}

// numResult returns f as INTEGER when it is integral and fits, else REAL.
func numResult(f float64) driver.Value {
	if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		return int64(f)
	}
	return f
}

// textResult returns s, or NULL when s is empty (Oracle's ” is NULL).
func textResult(s string) driver.Value {
	if s == "" {
		return nil
	}
	return s
}
