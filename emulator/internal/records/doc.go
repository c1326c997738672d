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
//
// # What it serves
//
//   - GET /{type} with q (package filter), limit and offset: a collection page
//     {"links", "count", "hasMore", "items": [{"links", "id"}], "offset",
//     "totalResults"} (REFERENCE.md §4.4, §4.5);
//   - GET /{type}/{id}: the record, with fields, expandSubResources and
//     simpleEnumFormat (REFERENCE.md §4.3); GET of a sublist, a line, a line's
//     subrecord, a subrecord, a multiselect or a select field
//     (ns:section_159894563219);
//   - POST /{type} (204 + Location), PATCH /{type}/{id} (204 + Location, with
//     replace and replaceSelectedFields), PUT /{type}/eid:{externalId} (upsert),
//     DELETE /{type}/{id} (204; logged in the store's deleted-records log)
//     (REFERENCE.md §4.1, §4.7);
//   - GET metadata-catalog, metadata-catalog/{type} as JSON Schema or OpenAPI
//     (REFERENCE.md §5); see metadata.go;
//   - OPTIONS: 204 (PEERS.md §2).
//
// IDs in paths are internal IDs (digits) or eid:<externalId> in any position
// (REFERENCE.md §4.2). Record type names ignore case, custom record types are
// served under their script ID (customrecord_...), custom fields are read and
// written like standard fields (package catalog).
//
// # Wire format
//
// Record bodies start with "links" and list the other keys alphabetically,
// ignoring case (see sortMembers for the source). IDs are strings. A select
// field is {"links": [self of the referenced record], "id", "refName"}, with
// refName read from the referenced record when the body is rendered
// (displayName). An enum is {"id", "refName"}, or the bare id with
// simpleEnumFormat=true. Sublists and subrecords are {"links": [self]} unless
// expandSubResources=true, which gives a sublist {"links", "items": [lines],
// "totalResults"} and a subrecord its fields. Datetimes are UTC with Z, dates
// YYYY-MM-DD (REFERENCE.md §9.1). Responses are
// application/vnd.oracle.resource+json; type=singular for one resource and
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
//     integers included);
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
// # Errors
//
// errors.go holds every error with its source. The texts found in NetSuite's
// answers: "The record instance does not exist. Provide a valid record instance
// ID." (404 NONEXISTENT_ID), "Record type 'x' does not exist." (404), "Error
// while accessing resource: You have entered an Invalid Field Value 9999 for
// the following field: item" (400 INVALID_CONTENT, o:errorPath
// item.items[0].item), "Error while accessing a resource. Please enter value(s)
// for: Primary Subsidiary." (400 USER_ERROR), "Invalid content in the request
// body", "Error while accessing a resource. This entity already exists.",
// "Error while accessing a resource. Transaction type specified is
// incorrect.", "The request could not be understood by the server due to
// malformed syntax." (400 INVALID_REQUEST). `q` errors are package filter's.
//
// # Assumptions
//
// Besides the ones noted where they are implemented (each comment starts with
// "Assumption:"):
//
// Assumption: only fields that have a stored value are rendered; NetSuite also
// renders unset checkboxes as false. The record-level refName is not rendered.
//
// Assumption: Prefer: respond-async and X-NetSuite-Idempotency-Key are
// ignored (every request runs synchronously); the Content-Type of a request
// body is not checked (bodies are read as JSON).
//
// Assumption: subresources deeper than a line's subrecord, and names that are
// not a sublist, subrecord, multiselect or select field of the record, are 404
// NONEXISTENT_ID; select fields whose target the catalog does not know
// (nsResource and types outside the catalog) are rendered as {"id"} and
// accepted on write without an existence check.
//
// Assumption: metadata-catalog?select= naming an unknown type is the unknown
// record type error.
package records
