package netsuite

// RecordsService handles NetSuite records through the REST record API
// (/services/rest/record/v1): get, list, create, update, upsert and delete,
// by internal or external ID (REFERENCE.md §4).
type RecordsService service
