// Package fieldpath reads record bodies given as text: the paths that name
// fields (companyName, subsidiary.id, item[0].quantity) and the values set
// at them, typed by the record type's schema from the metadata catalog. The
// --set flags of nsconnect record and the columns of nsconnect import read
// values through it, so a value means the same in both.
//
// # Paths
//
// Parse reads a path; Path.Set writes a value at it in the REST API's body
// form, where a sublist's lines are {"items": [...]}:
//
//	p, _ := fieldpath.Parse("item[0].item.id")
//	body := map[string]any{}
//	_ = p.Set(body, "12")   // {"item": {"items": [{"item": {"id": "12"}}]}}
//
// # Typing
//
// Compile resolves a path against the record type's schema once; the
// Field it returns reads every value for that path (Field.Value for text,
// Field.FromJSON for decoded JSON):
//
//	f, err := fieldpath.Compile("customer", schema, p) // customer has no field "compnyName"; did you mean "companyName"?
//	v, err := f.Value("12x", loc)                       // "12x" is not a number; customer.creditLimit is a number field: ...
//
// The kinds, from the field's property in the schema:
//
//	text (type string)        the text as it is: 0123 stays "0123"
//	number, integer           a JSON number; an integer must be whole
//	boolean (a checkbox)      true or false; also 1/0, yes/no, on/off
//	date (format date)        YYYY-MM-DD, sent as it is: NetSuite does not
//	                          convert dates between time zones
//	datetime (format          read in the account time zone unless it has an
//	  date-time)              offset or Z, and sent in UTC: in
//	                          America/Los_Angeles 2026-11-01T10:00 and
//	                          2026-11-01 10:00 are 2026-11-01T18:00:00Z
//	reference ($ref to a      an internal ID, sent as {"id": "5"}, or a JSON
//	  record type, or an      object such as {"externalId": "CUST-1"}; a
//	  object with an id)      value the schema lists (an enum) is checked
//	id, externalId            always text
//	anything else (sublist    by its look (Guess): JSON when it parses as
//	  lines, subrecords)      JSON, the text otherwise
//
// Datetimes follow package nstime: a wall time the clocks showed twice
// (01:30 on 2026-11-01 in America/Los_Angeles) is the first of the two, one
// they skipped is moved forward by the gap (nstime.WallTime). NetSuite's
// wire forms: datetimes in UTC with a Z, dates as YYYY-MM-DD
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157305090645.html).
//
// The fields of sublist lines and subrecords are described by other
// metadata-catalog resources, which Compile does not fetch; Field.Retype
// gives such a field a kind (an import mapping's "type"), and a date format
// for dates written as 3/8/2026.
//
// Errors name the field and the form it wants, and show at most the first
// 40 characters of a bad value (Quote), so that a message does not repeat
// someone's data.
package fieldpath
