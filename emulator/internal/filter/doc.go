// Package filter implements the `q` filter language of NetSuite's REST record
// collections (GET /record/v1/{type}?q=...): parsing, type-checking against a
// record type of package catalog, evaluation against records, and translation
// into an SQLite expression (see SQL below).
//
// # Sources
//
//   - Oracle, "Record Collection Filtering"
//     (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545222128.html):
//     conditions `<field> <OPERATOR> <value>`, AND/OR with AND binding tighter, parentheses,
//     double-quoted values with spaces, bracketed lists, the operator table per field type, the
//     value count of each operator, and the examples `email START_WITH barbara`, `companyname
//     START_WITH "Another Company"`, `isinactive IS true`, `dateCreated ON_OR_AFTER "1/1/2019" AND
//     dateCreated BEFORE "1/1/2020"`, `creditlimit GREATER_OR_EQUAL 1000 OR creditlimit
//     LESS_OR_EQUAL 10`, `companyName EMPTY`, `id BETWEEN_NOT [1, 42]`, `id ANY_OF [1, 2, 3, 4,
//     5]`, and `externalId IS "RED|PO|1337"`
//     (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156334828635.html).
//   - Only fields listed in x-ns-filterable can be used, and only body fields
//     (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545222128.html,
//     https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/subsect_1544786455.html).
//   - Dates: literals use the account's date format and mean a whole day in the
//     account's time zone; a literal in another format, or with a time, is rejected
//     with 400 INVALID_PARAMETER and `Unparseable date: "<literal>"`
//     (airbytehq/airbyte source_netsuite/streams.py and constraints.py, from
//     Airbyte's production NetSuite connector).
//   - Error codes (airbytehq/airbyte source_netsuite/errors.py, streams.py): an
//     unknown field in `q` is NONEXISTENT_FIELD (Airbyte's mapping of the errors
//     its `q` cursor filter meets); everything else is INVALID_PARAMETER.
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
// ON_OR_BEFORE is t < end. Date fields carry no zone
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157305090645.html)
// and are compared as calendar dates. Numbers compare numerically; BETWEEN is
// inclusive.
//
// # SQL
//
// Filter.SQL translates a compiled filter into an SQLite boolean expression
// with Match's semantics, so that a store keeping records in SQLite
// (modernc.org/sqlite) as JSON bodies can answer a list with a query, and an
// index, instead of decoding every record:
//
//	expr, args := f.SQL(func(field string) string {
//		if field == "id" {
//			return "id"
//		}
//		return filter.JSONColumn("body", field) // json_extract(body, '$."companyName"')
//	})
//	rows, err := db.Query(`SELECT id FROM records WHERE type = ? AND `+expr, append([]any{"customer"}, args...)...)
//
// The expression is exact for values as the emulator stores them, read with
// json_extract (https://sqlite.org/json1.html#jex): strings as TEXT; numbers
// as INTEGER or REAL, written from a float64 by encoding/json, of magnitude
// below 2^53 (the records service refuses more than 1e15); booleans as 1 and
// 0 (JSON true and false); dates as "YYYY-MM-DD"; datetimes in UTC with whole
// seconds, "2006-01-02T15:04:05Z"; references as the internal ID in decimal
// ("5"); enums as their id; empty values as NULL (a missing key or JSON null)
// or ""; the internal ID as an INTEGER column, below 2^53. Other shapes (a
// number in a string field, a reference as a JSON number, a datetime with an
// offset, a number that encoding/json writes as an integer it is not, such as
// 1253079200616370400 for 1.2530792006163704e+18) are outside that contract,
// and SQL and Match may disagree on them. The tests compare SQL
// with Match on random stored records and random filters, and FuzzSQL on
// fuzzed queries.
//
// How the translation stays exact:
//
//   - Case is folded by the function FoldFunc (ns_fold), which this package
//     registers with the driver and which is strings.ToLower, as Match folds;
//     SQLite's lower() folds ASCII only.
//   - Values of different storage classes are never equal, and numbers sort
//     before text (https://sqlite.org/datatype3.html#comparisons), so a text
//     comparison is false for a number and a number comparison compares
//     numbers only; INTEGER and REAL compare by value.
//   - Dates and datetimes compare as text: both layouts have a fixed length,
//     so text order is time order. A datetime outside years 0000-9999, which
//     Match cannot read, is excluded by its length.
//   - X_NOT is NOT coalesce(X, 0): a comparison with NULL is NULL, and NULL
//     must read as "X does not hold", so that empty values match X_NOT.
//   - Values from the query are always bound as arguments.
//
// The positive forms are plain comparisons on the column so that SQLite can
// use an expression index (https://sqlite.org/expridx.html) written with the
// same expression: string IS is FoldFunc(col) = ?, START_WITH a range
// FoldFunc(col) >= ? AND FoldFunc(col) < ?, enum IS and ANY_OF FoldFunc(col) IN
// (...), dates, datetimes, numbers and references comparisons of col itself.
// CONTAIN and END_WITH, and every X_NOT, scan.
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
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N249143.html) are offered
// by NetSuite too; see DateFormats.
//
// Assumption: field names are matched ignoring case (Oracle's examples write
// `companyname` for companyName).
//
// Assumption: error details other than `Unparseable date: "..."` are our own
// wording, not NetSuite's.
package filter
