// Package suiteql is the emulator's SuiteQL engine: a parser for the dialect
// NetSuite accepts (Oracle syntax with NetSuite's built-ins, plus the SQL-92
// forms Oracle documents), and a translator from it to SQLite over the
// emulator's records.
//
// A query is parsed into an AST (ast.go), its names are resolved against a
// Schema (the SuiteQL tables and their columns), every expression is given a
// static Kind, and the whole is printed as one SQLite SELECT whose functions
// are the Go functions registered by package oracle. Nothing the user writes
// reaches SQLite as text: identifiers are resolved, literals are bound or
// quoted, and only the dialect's functions are called, so a query cannot
// reach anything but the account's data.
//
// Sources: Oracle's SuiteQL pages, https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156257790831.html
// (syntax and examples), section_156257796125.html (limitations),
// section_158513731864.html (supported and unsupported functions) and
// article_161950565221.html (built-ins).
package suiteql

// Using it: Compile(query, params, env) returns a Statement whose SQL runs
// as is on a connection where package oracle is registered, with Args as
// bind values; Columns names and types its result columns (c1, c2, ... in
// the SQL). A refused query gives an *Error whose Code says why and whose
// Message is what a NetSuite client sees.
//
// Oracle semantics the translation keeps: ROWNUM numbers a block's rows as
// they pass its WHERE, before its ORDER BY (WHERE ROWNUM <= n limits the
// block before ordering); NULLs sort last ascending and first descending;
// '' is NULL; / divides exactly; || treats NULL as ''; LIKE is
// case-sensitive; a string compared with a date is read in the account's
// date format, with a number as a number; (+) marks the optional table of
// a comma join, which becomes a LEFT JOIN.
