package netsuite

// MetadataService reads the metadata catalog of the REST record API
// (/services/rest/record/v1/metadata-catalog): the record types of the
// account and the JSON Schema or OpenAPI description of each
// (REFERENCE.md §5).
//
// NetSuite docs: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1540810174.html
type MetadataService service
