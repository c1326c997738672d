// Package rowfile reads the rows of an import file, CSV or NDJSON, and
// turns each into a typed NetSuite record body, one row at a time: a file
// of any size is read in bounded memory (a row at a time, a row at most
// MaxRowBytes long).
//
// # Usage
//
//	f, _ := rowfile.FormatOf("customers.csv")
//	rd, err := rowfile.NewReader(file, f, rowfile.Options{
//		RecordType: "customer", Schema: schema, Location: accountZone,
//	})
//	if err != nil {
//		return err // the header does not fit the record type: nothing was sent
//	}
//	for {
//		row, err := rd.Next()
//		if err == io.EOF {
//			break
//		}
//		if err != nil {
//			return err // the file cannot be read further
//		}
//		if row.Err != nil {
//			report(row.Num, row.Err) // this row only; go on with the next
//			continue
//		}
//		send(row.Record, row.ID, row.ExternalID)
//	}
//
// # CSV
//
// The first row is the header. Each column names a field path of the record
// type (companyName, subsidiary.id, item[0].item.id, item[0].quantity) or a
// column of the Mapping. NewReader checks every column once, before any row
// is read: a column that is not a field of the record type, a path that
// does not fit its field, a duplicate, two columns setting the same field,
// or a mapping naming a column the file lacks refuse the file, with a
// *HeaderError listing every problem. Then each column has its typer
// (fieldpath.Field), and a cell is read as --set reads a value: by the
// field's type in the record type's metadata.
//
//   - An empty cell sends nothing: the field is left as it is (update) or to
//     its default (create). The Mapping's Null text (such as NULL) sends
//     null, which clears the field.
//   - The column id (or internalId) is the record's internal ID: Row.ID, not
//     in the body. externalId is Row.ExternalID, and stays in the body.
//   - A row that cannot be read fails alone, with a *RowError naming the row,
//     its line, the column and the fix: a bad number, checkbox, date or
//     datetime; a value the field's list does not have; the wrong number of
//     cells; broken quoting.
//   - Quoting is RFC 4180's, read by encoding/csv. After a bare quote in an
//     unquoted cell (5" pipe) or a stray quote after a quoted cell, reading
//     goes on at the next line. A quoted cell that never closes runs on to
//     the next quote in the file, or its end, and takes the lines in
//     between with it: that row fails and names those lines, which are not
//     imported; a row longer than MaxRowBytes stops the file.
//   - A UTF-8 byte order mark is skipped; lines may end in \n or \r\n;
//     blank lines are skipped; the separator is a comma.
//
// # NDJSON
//
// Each line is one JSON object in the REST API's body form: nested objects
// ({"subsidiary": {"id": "1"}}) and sublists as {"items": [...]}; a key may
// also be a field path (subsidiary.id). The top-level keys are checked
// against the record type (an unknown field fails the row, with the closest
// one), and their values typed by it: a datetime string is read as a CSV
// cell is, in the account time zone, and sent in UTC; "1500" for a number
// field is 1500; an internal ID for a reference becomes {"id": ...}. A line
// that is not a JSON object fails alone; blank lines are skipped. A Mapping
// brings only its Constants.
//
// # Errors
//
// Errors name the row, the line, the column and the field, and the fix. They
// show a bad value cut to its first 40 characters, and never a whole row.
package rowfile
