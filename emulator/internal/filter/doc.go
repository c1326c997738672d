// Package filter implements the `q` filter language of NetSuite's REST record
// collections (GET /record/v1/{type}?q=...): parsing, type-checking against a
// record type of package catalog, and evaluation against records.
//
// # Sources
//
//   - Oracle, "Record Collection Filtering" (ns:section_1545222128), summarised in
//     REFERENCE.md §4.4: conditions `<field> <OPERATOR> <value>`, AND/OR with AND
//     binding tighter, parentheses, double-quoted values with spaces, bracketed
//     lists, the operator table per field type, the value count of each operator,
//     and the examples `email START_WITH barbara`, `companyname START_WITH
//     "Another Company"`, `isinactive IS true`, `dateCreated ON_OR_AFTER "1/1/2019"
//     AND dateCreated BEFORE "1/1/2020"`, `creditlimit GREATER_OR_EQUAL 1000 OR
//     creditlimit LESS_OR_EQUAL 10`, `companyName EMPTY`, `id BETWEEN_NOT [1, 42]`,
//     `id ANY_OF [1, 2, 3, 4, 5]`, and `externalId IS "RED|PO|1337"`
//     (ns:section_156334828635).
//   - Only fields listed in x-ns-filterable can be used, and only body fields
//     (REFERENCE.md §4.4, §5; ns:subsect_1544786455).
//   - Dates: literals use the account's date format and mean a whole day in the
//     account's time zone; a literal in another format, or with a time, is
//     rejected with 400 INVALID_PARAMETER and `Unparseable date: "<literal>"`
//     (REFERENCE.md §7.2, §9.3, from Airbyte's production NetSuite connector).
//   - Error codes (REFERENCE.md §7.2): an unknown field in `q` is
//     NONEXISTENT_FIELD (Airbyte's mapping of the errors its `q` cursor filter
//     meets); everything else is INVALID_PARAMETER.
//
// # Usage
//
//	e, err := filter.Parse(`email START_WITH barbara AND dateCreated ON_OR_AFTER "1/1/2019"`)
//	f, err := filter.Compile(e, rt, filter.Options{DateFormat: filter.FormatMDY, Location: la})
//	ok := f.Match(filter.Record{"email": "barbara@example.com", "dateCreated": t})
//
// Errors are *Error values carrying Code (the o:errorCode) and Detail (the text of
// `detail`); this package does no HTTP.
//
// # Semantics
//
// A date literal d names the day [start, end) of local midnights in the account's
// zone, converted to UTC instants; the day is 23 or 25 hours long when DST changes
// (time.Date with the location; a midnight inside a DST gap starts the day at the
// end of the gap). On datetime fields: ON is start <= t < end, AFTER is t >= end
// (after the end of the day), BEFORE is t < start, ON_OR_AFTER is t >= start,
// ON_OR_BEFORE is t < end. Date fields carry no zone (REFERENCE.md §9.1) and are
// compared as calendar dates. Numbers compare numerically; BETWEEN is inclusive.
//
// # Assumptions
//
// Assumption: AND and OR are recognised in upper case only, as are operator names.
// Oracle writes them in upper case and does not say whether other cases work; an
// error detail points at a lower-case keyword or operator.
//
// Assumption: END_WITH is the canonical spelling (it pairs with END_WITH_NOT, and
// other transcriptions of Oracle's page print END_WITH). ENDWITH is accepted as an
// alias and normalised to END_WITH, because Oracle's current operator table prints
// ENDWITH literally, so clients written from the doc send it.
//
// Assumption: inside double quotes, \" is a literal quote and \\ a literal
// backslash; any other backslash is an ordinary character. Oracle does not
// document escaping. Bare values end at white space, parentheses, brackets,
// commas and quotes; quote a value that contains them.
//
// Assumption: ANY_OF and ANY_OF_NOT also take a single unbracketed value (a list
// of one); BETWEEN and WITHIN require a bracketed list of exactly two; the other
// operators take exactly one value and no list.
//
// Assumption: the "None" row of Oracle's table (EMPTY, EMPTY_NOT) applies to every
// field type. A boolean is never empty (a missing checkbox reads as false).
//
// Assumption: select fields (references) are compared by internal ID and accept
// ANY_OF, ANY_OF_NOT, EQUAL and EQUAL_NOT with integer IDs; list fields (enums)
// accept ANY_OF, ANY_OF_NOT, IS and IS_NOT with their ids. Oracle's table does not
// cover them.
//
// Assumption: the `id` field is a string in the schema but is filtered as a number,
// as in Oracle's examples.
//
// Assumption: string comparisons (IS, CONTAIN, START_WITH, END_WITH) and enum ids
// ignore case, as N/query's string conditions do in practice (not sourced).
//
// Assumption: every X_NOT operator is exactly "not X", so a record whose value is
// empty matches every _NOT operator except EMPTY_NOT.
//
// Assumption: WITHIN on numbers is the same inclusive range as BETWEEN.
//
// Assumption: booleans are written true or false, in any case.
//
// Assumption: a date literal's day and month may have one or two digits whatever
// the format's padding, the year has four digits, month names are English in any
// case (abbreviated to three letters in the Mon formats, in full in the MONTH
// formats); impossible dates (2/30/2026) are unparseable. The supported formats
// are those of DateFormats.
//
// Assumption: the date formats beyond the six Oracle lists with examples
// (ns:section_N249143) are offered by NetSuite too; see DateFormats.
//
// Assumption: field names are matched ignoring case (Oracle's examples write
// `companyname` for companyName).
//
// Assumption: error details other than `Unparseable date: "..."` are our own
// wording, not NetSuite's.
package filter
