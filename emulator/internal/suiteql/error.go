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

// Messages are the part of NetSuite's detail after "Invalid search query.
// Detailed unprocessed description follows. ", which the endpoint adds: live
// answers continue with "Search error occurred: Unknown identifier
// 'not_existing_field'. Available identifiers are: {customer=customer}" or
// "Invalid search type: transactiontablethatdoesnotexist." (the live tests
// of netsuite-api-client, test/query.test.ts, run against a real account).
//
// syntaxErr is a syntax error at pos.
//
// Assumption: NetSuite's own syntax errors are opaque ("Invalid or
// unsupported search"); the emulator names the token and its position
// instead, after NetSuite's "Search error occurred: ".
func syntaxErr(pos int, msg string) *Error {
	return errAt(ErrSyntax, pos, "Search error occurred: syntax error at position %d: %s", pos, msg)
}

// unknownColumn is NetSuite's message for a column it does not know:
// "Search error occurred: Unknown identifier 'not_existing_field'. Available
// identifiers are: {customer=customer}" (netsuite-api-client's live tests;
// salto-io/salto quotes "Unknown identifier 'bundleable'"). available lists
// the tables in scope as alias=table.
//
// Assumption: several tables are listed in FROM order, separated by ", ",
// and the message ends with a period (the live test matches a prefix).
func unknownColumn(pos int, name, available string) *Error {
	return errAt(ErrUnknownColumn, pos, "Search error occurred: Unknown identifier '%s'. Available identifiers are: {%s}.", name, available)
}

// unknownTable is NetSuite's message for a table it does not know: "Invalid
// search type: transactiontablethatdoesnotexist." (netsuite-api-client's
// live tests). A table the role may not read is "Search error occurred:
// Record 'location' was not found." instead (hotgluexyz/tap-netsuite-rest
// quotes it for a feature or permission missing; notFound).
func unknownTable(pos int, name string) *Error {
	return errAt(ErrUnknownTable, pos, "Invalid search type: %s.", name)
}
