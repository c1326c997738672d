package filter

import (
	"database/sql/driver"
	"strings"

	"modernc.org/sqlite"
)

// FoldFunc is the SQL function that folds text as `q` compares it.
const FoldFunc = "ns_fold"

func init() {
	sqlite.MustRegisterDeterministicScalarFunction(FoldFunc, 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		if s, ok := args[0].(string); ok {
			return strings.ToLower(s), nil
		}
		return args[0], nil
	})
}
