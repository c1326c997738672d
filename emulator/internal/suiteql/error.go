package suiteql

import "fmt"

// ErrorCode classifies an Error.
type ErrorCode int

// The error codes.
const (
	// ErrSyntax is a query that does not parse.
	ErrSyntax ErrorCode = iota + 1
	// ErrUnknownTable names a table the account does not have.
	ErrUnknownTable
	// ErrUnknownColumn names a column no table in scope has, or one that
	// is ambiguous.
	ErrUnknownColumn
	// ErrUnknownFunction calls a function SuiteQL does not offer.
	ErrUnknownFunction
	// ErrNotSelect is a statement other than SELECT.
	ErrNotSelect
	// ErrParams is a mismatch between the ? marks and the params given.
	ErrParams
	// ErrUnsupported is valid Oracle that SuiteQL or the emulator refuses.
	ErrUnsupported
	// ErrTooComplex is a query too large or too deeply nested.
	ErrTooComplex
)

// Error is a query the dialect refuses. Error() is the message
// NetSuite-style clients see.
type Error struct {
	Code    ErrorCode
	Message string
	// Pos is the byte offset in the query the error is about, -1 if none.
	Pos int
}

func (e *Error) Error() string { return e.Message }

func errAt(code ErrorCode, pos int, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Pos: pos}
}

// syntaxErr is a syntax error at pos.
//
// Assumption: NetSuite's own syntax errors are opaque ("Invalid search
// query"); the emulator names the token and its position instead.
func syntaxErr(pos int, msg string) *Error {
	return errAt(ErrSyntax, pos, "Invalid search query: syntax error at position %d: %s", pos, msg)
}

// unknownColumn is NetSuite's message for a column it does not know, as
// public connectors quote it: "Search error occurred: Unknown identifier
// 'bundleable'" (the SuiteBundler feature off). The emulator gives the part
// after the prefix.
func unknownColumn(pos int, name string) *Error {
	return errAt(ErrUnknownColumn, pos, "Unknown identifier '%s'", name)
}

// unknownTable is NetSuite's message for a table it does not know, as
// public connectors quote it: "Record 'location' was not found." (a feature
// or permission missing).
func unknownTable(pos int, name string) *Error {
	return errAt(ErrUnknownTable, pos, "Record '%s' was not found.", name)
}
