// Package records is the emulator's REST record API v1 (/services/rest/record/v1/...)
// as a transport-free service: the HTTP layer authenticates the request, asks
// Resolve which record type it touches, checks the role's permission, and calls
// Serve with the parsed request. Serve returns the status, headers and body, or
// an *Error that the HTTP layer renders with NetSuite's error envelope.
//
// # Usage
//
//	svc := records.New(records.Config{Catalog: cat, Store: st, Now: clock.Now,
//		Location: account.Location, DateFormat: filter.FormatMDY})
//	rt, err := svc.Resolve("salesorder/12/item")      // "salesOrder", for the permission check
//	resp, err := svc.Serve(ctx, &records.Request{BaseURL: "http://127.0.0.1:8080",
//		Method: "GET", Path: "salesorder/12/item", Query: q, Header: h})
//	id, err := svc.Create(ctx, "customer", []byte(`{"companyName":"Acme","subsidiary":"1"}`)) // seeds
//	err = svc.Bulk(ctx, func(b *records.Bulk) error { ...b.Create(ctx, "customer", body)... }) // many (bulk.go)
//
// # What it serves
//
//   - GET /{type} with q (package filter), limit and offset: a collection page
//     {"links", "count", "hasMore", "items": [{"links", "id"}], "offset",
//     "totalResults"}
//     (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545222128.html,
//     https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156414087576.html);
//   - GET /{type}/{id}: the record, with fields, expandSubResources and simpleEnumFormat
//     (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545141500.html,
//     https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545141947.html,
//     https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142146.html); GET
//     of a sublist, a line, a line's subrecord, a subrecord or a multiselect
//     (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_159894563219.html). A
//     select field is not a subresource: GET /customer/19/salesRep is the 404 of an unknown name
//     (serving the referenced record would pass by the permission check, which the HTTP layer makes
//     on the path's type only);
//   - POST /{type} (204 + Location), PATCH /{type}/{id} (204 + Location, with
//     replace and replaceSelectedFields), PUT /{type}/eid:{externalId} (upsert),
//     DELETE /{type}/{id} (204; logged in the store's deleted-records log)
//     (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545141395.html,
//     https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545297048.html);
//   - GET metadata-catalog, metadata-catalog/{type} as JSON Schema or OpenAPI
//     (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1540810174.html);
//     see metadata.go.
//
// OPTIONS is the HTTP layer's: it answers before Resolve and Serve are called.
//
// IDs in paths are internal IDs (digits) or eid:<externalId> in any position
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156334828635.html).
// Record type names ignore case, custom record types are served under their
// script ID (customrecord_...), custom fields are read and written like
// standard fields (package catalog). As live NetSuite answers (errors.go): a
// record ID that is no identifier ("000", "abc") is 400 INVALID_ID with
// o:errorUrl, the request's path; a negative one ("-1") and one that names no
// record are 404 NONEXISTENT_ID; an eid: that names no record is the 404 that
// names the external ID.
//
// # Wire format
//
// Record bodies start with "links" and list the other keys alphabetically, ignoring case (see
// sortMembers for the source). IDs are strings. A select field is {"links": [self of the referenced
// record], "id", "refName"}, with refName read from the referenced record when the body is rendered
// (displayName). An enum is {"id", "refName"} with the value's label as refName ({"id": "2",
// "refName": "Soft Opt-Out"},
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1545142146.html; labels
// from package catalog), or the bare id with simpleEnumFormat=true. Sublists and subrecords are
// {"links": [self]} unless expandSubResources=true, which gives a sublist {"links", "items":
// [lines], "totalResults"} and a subrecord its fields. Datetimes are UTC with Z, dates YYYY-MM-DD
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_157305090645.html).
// Responses are application/vnd.oracle.resource+json; type=singular for one resource and
// type=collection for collections.
//
// # Stored representation
//
// The store keeps one JSON object per record (package store, column body). The
// SuiteQL translator and the seed generator depend on this form; it is built
// to be read with json_extract:
//
//   - keys are the catalog's field names (camelCase, or custom field script IDs
//     in lower case); a field with no value has no key (null in a request
//     removes the key);
//   - the internal ID is not in the body: it is the store's id column; the
//     external ID is both in the body (externalId) and in the external_id
//     column;
//   - strings, booleans and numbers as JSON values (numbers are JSON numbers,
//     integers included; every number is finite and at most 1e15 in
//     magnitude, see Numbers);
//   - dates as "YYYY-MM-DD"; datetimes as RFC 3339 in UTC to the second,
//     "2026-03-15T17:30:00Z";
//   - select fields (references) as the internal ID, a string: "entity": "5".
//     The referenced type is not stored: it is the field's target in the
//     catalog, or any type of the target's ID family (items, entities,
//     transactions share ID sequences, package store);
//   - enums as their id: "emailPreference": "PDF";
//   - multiselects as an array of internal ID strings: "subsidiary": ["1", "3"];
//   - sublists as an array of line objects in the same representation:
//     "item": [{"line": 1, "item": "7", "quantity": 3, "rate": 19.99,
//     "amount": 59.97}]; lines of keyed sublists carry their key (line for
//     transaction lines, id for address book and sales team lines; a number, or
//     a string where the browser types the key as a string);
//   - subrecords as nested objects: "billingAddress": {"addr1": "1 Main St",
//     "country": "US"};
//   - untyped values (arrays and objects the browser does not describe) as sent;
//   - system dates in the body as well as in the store's columns: dateCreated
//     (entities) / createdDate (transactions, items) / created (custom records),
//     and lastModifiedDate / lastModified, from the injected clock;
//   - calculated values are stored when written: entityId (when not sent),
//     tranId, tranDate and subsidiary defaults, line amounts, subtotal and total.
//
// For example json_extract(body, '$.entity') = '5' finds the sales orders of
// customer 5, and json_extract(body, '$.item[0].item') the first line's item.
// Transaction numbers are counted per type in the store's meta table under
// "records.tranId.<type>".
//
// # Numbers
//
// A number in a body (a JSON number, or a string holding a decimal number)
// must be finite and at most 1e15 in magnitude, and so must every amount,
// subtotal and total the package computes; anything else is 400
// INVALID_CONTENT "Error while accessing resource: You have entered an
// Invalid Field Value <v> for the following field: <field>" with the value's
// o:errorPath (item.items[0].amount for a line's amount, subtotal or total
// for a header total). Assumption: the bound (NetSuite's currency fields hold
// far less); see maxMagnitude.
//
// # Limits
//
// Nothing is stored that NetSuite would not store (limits.go):
//
//   - bodies: every string, object keys included, must be UTF-8 (invalid
//     bytes and escaped surrogates without their pair are checked before
//     decoding, as encoding/json replaces them with U+FFFD) and hold no NUL;
//     a body that breaks this is refused with the o:errorPath of the string,
//     whatever the validation headers say.
//     Keys are held to it too: a key is stored as sent in an untyped value,
//     and repeated in warnings and error paths;
//   - text lengths, in bytes of UTF-8 as Oracle counts them
//     (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N2842731.html): custom
//     text fields 300 (Free-Form Text), the external ID 300 (assumed), every other string 1,000,000
//     (the Long Text limit, assumed for standard fields, whose own limits no source lists); longer
//     is 400 USER_ERROR "Error while accessing a resource. The field <id> contained more than the
//     maximum number ( <n> ) of characters allowed." at the value's path, whatever
//     X-NetSuite-PropertyValueValidation says;
//   - numbers: see Numbers; untyped values are held to the same bound;
//   - query parameters: UTF-8 without NUL (INVALID_PARAMETER); offset at most 999 times limit,
//     NetSuite's 1000 pages
//     (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_156414087576.html),
//     and no link leads past that page;
//   - path IDs: see above; an external ID in a path is held to the body's
//     rules.
//
// The HTTP layer refuses bodies over Oracle's 104 MB (package emulator).
//
// # Errors
//
// errors.go holds every error with its source. Texts from Oracle's pages:
// "Error while accessing resource: You have entered an Invalid Field Value
// 9999 for the following field: item" (400 INVALID_CONTENT, o:errorPath
// item.items[0].item), "The request could not be understood by the server due
// to malformed syntax." (400 INVALID_REQUEST). Texts that the live integration
// tests of the npm client netsuite-api-client expect: "The record instance
// does not exist. Provide a valid record instance ID.", "Record type 'x' does
// not exist", "Invalid content in the request body", and the prefix "Error
// while accessing a resource. Please enter value(s) for: ". Live answers
// pasted into public code: "Invalid record instance identifier '000'.
// Provide a valid record instance ID." (INVALID_ID, with o:errorUrl) and
// "The record instance for external ID '<eid>' does not exist. Provide a
// valid record instance ID.". Texts as reported
// in public client code and issues, not verified against a live account
// (each an Assumption in errors.go): "... Please enter value(s) for: Primary
// Subsidiary.", "Error while accessing a resource. This entity already
// exists.", "Error while accessing a resource. Transaction type specified is
// incorrect.", "The field <id> contained more than the maximum number ( <n> )
// of characters allowed.". Codes the sources do not give are assumed. `q` errors are
// package filter's.
//
// # Known divergence
//
// Unset checkboxes are not rendered: a record body has only the fields that
// have a stored value, while NetSuite renders every unset checkbox as false.
// A client that reads a missing checkbox as false sees the same record; one
// that checks the key is present does not. The record-level refName is not
// rendered either.
//
// # Assumptions
//
// Each is also noted where it is implemented, in a comment that starts with
// "Assumption:". Those the rest of this comment does not state:
//
//   - errors: errWrongTransactionType (400 "Transaction type specified is
//     incorrect.") answers a transaction ID of another transaction type, with
//     the code USER_ERROR, which no source gives; a transaction ID that does
//     not exist at all is 404 NONEXISTENT_ID. errNoLines ("You must enter at
//     least one line item for this transaction.", USER_ERROR) is NetSuite's
//     classic UI message with the REST prefix. An amount or total computed
//     out of range is an error whatever X-NetSuite-PropertyValueValidation
//     says, as no value the client sent can be dropped for it;
//   - values: numbers sent as strings ("12.5") are accepted, as Java JSON
//     binders coerce them; enum IDs are matched exactly, then ignoring case,
//     and stored as the catalog spells them; {"refName"} names an enum value
//     by its id, matched the same way, or else by its label (exactly, then
//     ignoring case; a label two ids share names neither), but is not a
//     reference; an enum value without a known label has its id as refName,
//     and labels are English whatever the user's language;
//   - PUT: the update half of the upsert behaves as PATCH (omitted fields
//     unchanged), and an externalId in the body is ignored in favour of the
//     URL's;
//   - sublists: replace= naming a sublist that is absent from the body
//     empties it; lines of non-keyed sublists are addressed by their position,
//     counted from 0 (…/customer/3/contactRoles/0); an added line of a keyed
//     sublist gets one more than the largest key the record has (transaction
//     lines 1, 2, 3, ...; address book and sales team ids within the record,
//     while NetSuite numbers address book lines account-wide), and keys sent
//     for new lines are ignored; an expanded sublist is {"links", "items",
//     "totalResults"}, with no count, hasMore or offset;
//   - fields= accepts sublist and subrecord names (the 2026.1 REST API
//     browser describes it as "field and sublist names to return", Oracle's
//     page says sublists are not supported);
//   - defaults on create: an entity without entityId takes its name (company
//     name, or first and last name); a transaction without tranDate takes
//     today in the account's time zone, without subsidiary the entity's;
//     tranId is "<prefix><n>" counted per type from 1001 (SO1001, INV1001,
//     ...), given only to creates that succeed;
//   - metadata: keys are sorted, not in NetSuite's order; the list is
//     {"items": [...], "links": [self]}; a schema without a matching Accept is
//     JSON Schema; select= naming an unknown type is the unknown record type
//     error;
//   - Prefer: respond-async and X-NetSuite-Idempotency-Key are the HTTP
//     layer's (package emulator makes a job of the request and serves it
//     here later); the Content-Type of a request body is not checked (bodies
//     are read as JSON);
//   - subresources deeper than a line's subrecord, and names that are not a
//     sublist, subrecord or multiselect of the record, are 404
//     NONEXISTENT_ID; select fields whose target the catalog does not know
//     (nsResource and types outside the catalog) are rendered as {"id"} and
//     accepted on write without an existence check.
package records
