package filter

// The o:errorCode values this package returns (airbytehq/airbyte
// source_netsuite/errors.py, streams.py).
const (
	// CodeInvalidParameter is a bad query parameter: syntax errors, operators or
	// values that do not fit the field, unparseable dates ("Unparseable date: ...").
	CodeInvalidParameter = "INVALID_PARAMETER"
	// CodeNonexistentField is a field that the record type does not have.
	CodeNonexistentField = "NONEXISTENT_FIELD"
)

// Error is a filter error as NetSuite reports it: an o:errorCode and the human
// text of `detail`. The HTTP layer renders it as a 400 with
// `"o:errorQueryParam": "q"`.
type Error struct {
	// Code is the NetSuite o:errorCode.
	Code string
	// Detail is the text NetSuite would put in `detail`.
	Detail string
}

// Error returns "filter: <code>: <detail>".
func (e *Error) Error() string { return "filter: " + e.Code + ": " + e.Detail }

func invalid(detail string) *Error { return &Error{Code: CodeInvalidParameter, Detail: detail} }
