// Package account is the emulator's model of a NetSuite account: its ID, time
// zone and date format, enabled features, integration records, roles and
// their permissions, users, access tokens, custom lists, custom fields and
// custom record types, concurrency limit and seed options. It is read from an account file
// (YAML) by Load, or is the built-in demo account, Demo.
//
// # Account file
//
//	accountId: 1234567_SB1          # any case; stored as NetSuite shows it
//	timezone: America/Los_Angeles   # IANA name
//	dateFormat: M/D/YYYY            # default M/D/YYYY
//	concurrencyLimit: 5             # default 5
//	features: [TOKEN_BASED_AUTHENTICATION, REST_WEB_SERVICES, SUITEANALYTICS_WORKBOOK]
//	integrations:
//	  - name: my app
//	    consumerKey: ...
//	    consumerSecret: ...
//	    state: Enabled                  # or Blocked; default Enabled
//	    tokenBasedAuthentication: true  # default true
//	roles:
//	  - id: "1001"
//	    name: Integration
//	    webServicesOnly: true
//	    administrator: false          # NetSuite's Administrator role; default false
//	    permissions: {REST_WEB_SERVICES: Full, LOGIN_USING_ACCESS_TOKENS: Full}
//	    records: {customer: Full, salesOrder: View}
//	users:
//	  - {id: "5", name: Integration User, email: int@example.com, roles: [Integration]}
//	tokens:
//	  - {tokenId: ..., tokenSecret: ..., integration: my app, user: int@example.com, role: Integration}
//	customLists:
//	  - scriptId: customlist_geography_type  # customlist...; stored in lower case; unique
//	    name: Geography Type                 # default: the script ID
//	    values: [EMEA, AMER, APAC]           # unique ignoring case; internal IDs 1, 2, 3
//	customFields:
//	  - {scriptId: custentity_tier, label: Tier, type: text, appliesTo: [customer]}
//	  - {scriptId: custentity_geography, type: select, recordType: customlist_geography_type}
//	customRecordTypes:
//	  - scriptId: customrecord_zone
//	    name: Zone
//	    fields: [{scriptId: custrecord_zone_code, type: text}]
//	restlets:
//	  - scriptId: customscript_orders      # customscript...; stored in lower case; unique
//	    id: 482                            # the script's internal ID; unique
//	    methods: [GET, POST]               # entry points: GET, POST, PUT, DELETE
//	    suiteql: {query: "SELECT id FROM customer WHERE id = ?", params: [id]}  # or echo: true, or fixed: {status, contentType, body}
//	    deployments:
//	      - {scriptId: customdeploy_orders, id: 1, status: Released, roles: [Integration]}  # status Released or Testing; no roles: all
//	seed: {records: 25, randomSeed: 1}
//
// Tokens name their integration and role by name and their user by email. A
// select field lists the records of its recordType, or the values of a custom
// list when recordType is a custom list's script ID; a recordType that starts
// with customlist must name one of customLists.
// Marshal writes an account in this form; Marshal(Demo()) is a complete
// example. Load decodes strictly and reports every problem with the path and
// line where it is: "line 31: tokens[0].role: role "Integration" is not
// defined; defined roles: "nsconnect Integration"".
//
// # Demo account
//
// Demo's credentials (DemoConsumerKey, DemoConsumerSecret, DemoTokenID,
// DemoTokenSecret) are fixed, public, and for the demo only.
//
// # Concurrency
//
// An Account is safe for concurrent use through its methods once it is
// shared; see Account.
//
// # Assumptions
//
// Assumption: an integration record's Token-Based Authentication box is
// checked when the file does not say, so that a minimal file works.
//
// Assumption: record permissions are keyed by record type; NetSuite's record
// permissions are coarser (one Items permission covers every item type).
//
// Assumption: the date formats beyond the six Oracle lists with examples
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_N249143.html) are offered
// by NetSuite too; see filter.DateFormats.
//
// Assumption: the labels of the Server SuiteScript and Client SuiteScript
// features, which no source read covers.
//
// Assumption: a custom list's values have internal IDs 1..n in the order the
// file lists them (see CustomList).
//
// Assumption: custom fields apply to the record types the catalog gives their
// prefix (see package catalog); AppliesTo narrows that set. The rules for
// custom fields and custom record types are the catalog's (WithCustom);
// Validate reports its problems at the account file's paths.
package account
