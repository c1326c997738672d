// Package oracle implements the Oracle functions SuiteQL offers, as Go
// functions registered on the SQLite driver under the prefix sq_, and the
// Oracle format models (TO_CHAR, TO_DATE) they read.
//
// Dates and datetimes are days since 1970-01-01 00:00 of the account's wall
// clock, held as float64 (suiteql.KindDate): local time read as if it were
// UTC. Days and Time convert.
//
// Sources: Oracle Database SQL Language Reference (format models, function
// semantics), https://docs.oracle.com/en/database/oracle/oracle-database/19/sqlrf/
// and the functions NetSuite lists as supported,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_158513731864.html.
package oracle

// The Go API, for the renderer and the translator: FormatDate and
// ParseDate/ParseDateAt/ParseTimestamp (datetime format models),
// FormatNumber, FormatNumberModel and ParseNumber (number format models),
// and the functions behind the sq_ names (AddMonths, MonthsBetween,
// TruncDate, RelativeRange, Like, CompileRegexp ...). The SQLite functions
// take and return the translator's conventions: dates as days, '' as NULL, NULL
// in gives NULL out. sq_to_date and sq_to_timestamp take an optional third
// argument, the current date in days, which fixes what a model leaves out
// (year, month) and the century of YY and RR.
