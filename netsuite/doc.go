// Package netsuite is a client for NetSuite's REST web services: the record
// API, SuiteQL and the metadata catalog. It authenticates every request
// with Token-Based Authentication or OAuth 2.0 (package m2m), keeps within
// the account's concurrency limit, and retries what NetSuite refuses or
// what fails on the way.
//
// # Usage
//
// Build one Client per account and share it:
//
//	account, err := tba.ParseAccountID("1234567_SB1") // any case
//	if err != nil {
//		return err
//	}
//	client, err := netsuite.NewClient(
//		netsuite.WithAccount(account),
//		netsuite.WithCredentials(tba.Credentials{
//			ConsumerKey: consumerKey, ConsumerSecret: tba.Secret(consumerSecret),
//			TokenID: tokenID, TokenSecret: tba.Secret(tokenSecret),
//		}),
//		netsuite.WithTimezone(accountZone),
//	)
//
// The library never reads the environment or files; the caller passes
// everything. The services of the Client (Metadata, Records, SuiteQL) cover parts
// of the API. Anything else goes through NewRequest and Do, with a path
// relative to /services/rest/:
//
//	req, err := client.NewRequest(ctx, "GET", "record/v1/customer/107", nil)
//	if err != nil {
//		return err
//	}
//	var customer struct {
//		ID          string `json:"id"`
//		CompanyName string `json:"companyName"`
//	}
//	resp, err := client.Do(req, &customer)
//
// Do decodes JSON bodies, whether NetSuite labels them application/json or
// application/vnd.oracle.resource+json. With an io.Writer instead of a
// value it streams the body into it. A create answers 204 with no body;
// the new record's internal ID is in resp.ID, from the Location header.
//
// WithBaseURL points the Client at the emulator (or a proxy) instead of
// https://<account>.suitetalk.api.netsuite.com:
//
//	client, err := netsuite.NewClient(
//		netsuite.WithAccount(account), netsuite.WithCredentials(creds),
//		netsuite.WithBaseURL("http://127.0.0.1:8080"),
//	)
//
// # Records
//
// Client.Records reads and writes records of the REST record API, standard
// types (customer, salesOrder) and custom record types (customrecord_...)
// alike. A record is a Record, NetSuite's JSON object as a map. Records are
// named by internal ID ("107") or by external ID ("eid:CUST-0001", built
// with ExternalID, which also escapes what the URL path needs); anything
// else is refused before a request is sent:
//
//	customer, _, err := client.Records.Get(ctx, "customer", netsuite.ExternalID("CUST-0001"), nil)
//	res, _, err := client.Records.Create(ctx, "customer", netsuite.Record{
//		"companyName": "Globex", "externalId": "CUST-0002", "subsidiary": map[string]any{"id": "1"},
//	}, nil)
//	// res.ID is the new record's internal ID, from the Location header
//	_, _, err = client.Records.Update(ctx, "customer", res.ID, netsuite.Record{"phone": "555-0100", "fax": nil}, nil)
//	_, _, err = client.Records.Upsert(ctx, "customer", "CUST-0002", netsuite.Record{"companyName": "Globex Corp"}, nil)
//	_, err = client.Records.Delete(ctx, "customer", "eid:CUST-0002")
//
// Update sends a PATCH: the fields sent are written, the others are left
// as they are, and a field set to nil is sent as null, which clears it
// (Workato's update action cannot clear a field). Upsert sends a PUT to
// eid:{externalId}, creating the record or updating it; a PUT is retried
// on failure, a POST is not, so Upsert is the safe way to create (but see
// "Concurrency and retries" for an upsert that adds sublist lines). A
// record without an external ID is created safely with an idempotency key:
//
//	res, _, err := client.Records.Create(ctx, "customer", body,
//		&netsuite.WriteOptions{IdempotencyKey: uuid}) // the same uuid to send it again
//
// List returns a page of IDs (NetSuite lists IDs only) filtered by a q
// expression; ListIter reads every page. Client.Metadata lists the record
// types of the account and returns the JSON Schema of one.
//
// # Update modes
//
// WriteOptions.Mode says how Update and Upsert treat the lines of the
// sublists in the body (Workato's three modes; Create ignores it):
//
//   - ModeOverwrite, the default: the body is sent as it is and NetSuite
//     merges it. A line carrying the key of an existing line (line on
//     transaction items, id on address book lines) updates that line;
//     other lines are added.
//   - ModeAppend: the keys line and id are removed from every line of
//     every sublist in the body, so that every line is added as a new one.
//   - ModeReplace: the request says replace=<sublists>, naming every
//     sublist in the body (or WriteOptions.Replace): the record's lines of
//     those sublists are replaced with the body's. A keyed line whose key
//     matches an existing line updates it; the record's other lines are
//     removed. {"items": []} removes every line.
//
// A sublist in the body is a field whose value is an object with an items
// array; one whose items are all bare references ({"id": "5"}) is taken
// for a multi-select field and left alone.
//
// # Read-only fields
//
// A record read with Get carries fields NetSuite does not take back: id,
// links, the refName of references, system dates, calculated totals and
// balances. With WriteOptions.IgnoreReadOnly (or WithIgnoreReadOnly for
// the Client's default) they are removed from a copy of the body, following
// the curated rules of package readonly, and listed in WriteResult.Dropped
// in o:errorPath form (total, entity.refName, item.items[0].links), which
// is also logged at debug level. So the usual round trip works:
//
//	order, _, err := client.Records.Get(ctx, "salesOrder", "42", nil)
//	order["memo"] = "Deliver before noon"
//	res, _, err := client.Records.Update(ctx, "salesOrder", "42", order,
//		&netsuite.WriteOptions{IgnoreReadOnly: netsuite.Ptr(true)})
//
// Off (the default), the body is sent as it is, and NetSuite's refusal
// comes back as a *Error whose detail has the field's path (Path, from
// o:errorPath). The caller's Record is never modified.
//
// # Authentication
//
// An Authenticator wraps the transport of the http.Client given to
// WithHTTPClient; nothing else in the Client knows which one is in use.
//
// WithCredentials takes the four values of Token-Based Authentication: the
// consumer key and secret of the integration record and the token ID and
// secret of the access token. The Client signs each request, and each retry
// of it, with a fresh nonce and timestamp through a tba.Transport. The
// account ID is the OAuth realm. Secrets are of type tba.Secret and never
// printed.
//
// WithAuthenticator takes an m2m.Authenticator for OAuth 2.0 client
// credentials (machine to machine), which NetSuite requires of new
// integrations from 2027.1: a client ID, a certificate ID and the
// certificate's private key; it gets, keeps and renews a bearer token. Or
// it takes an AuthenticatorFunc, a wrapper of the transport of your own.
//
// NetSuite answers every authentication failure the same way: 401
// INVALID_LOGIN. The reason (a bad signature, a lower-case realm, a revoked
// token, a clock more than five minutes off, a role without the "Log in
// using Access Tokens" permission, ...) is only in the account's Login
// Audit Trail. The error message says so; package doctor (netsuite/doctor)
// checks the setup step by step and narrows the cause down.
//
// # Errors
//
// A status other than 2xx is a *Error, which mirrors NetSuite's error
// envelope: Status, Title, the top-level Code when there is one, and
// Details, each with Detail, Code (o:errorCode) and, when NetSuite names
// the part of the request at fault, Path (o:errorPath), URLPath, Header or
// QueryParam. Its message holds the method, the URL, the status and the
// first code and detail:
//
//	netsuite: GET https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer/9: 404 Not Found: NONEXISTENT_ID: Record does not exist.
//
// Test errors with the helpers, which see through wrapping:
//
//	_, err := client.Do(req, &customer)
//	switch {
//	case netsuite.IsNotFound(err): // 404
//	case netsuite.IsAuth(err): // 401 INVALID_LOGIN: credentials or setup
//	case netsuite.HasCode(err, "INSUFFICIENT_PERMISSION"): // the role lacks a permission
//	case errors.Is(err, netsuite.ErrOutcomeUnknown): // see below
//	}
//
// A body that is not the envelope, such as the HTML page of a proxy or a
// load balancer, still gives a *Error with the status and the start of the
// body. CheckResponse, which makes a *Error from any *http.Response, is
// exported for code that sends requests itself.
//
// # Concurrency and retries
//
// NetSuite limits how many requests an account has in flight at once
// (across SOAP, REST and RESTlets; at least 5), and refuses one more with
// 429 CONCURRENCY_LIMIT_EXCEEDED. Every call of a Client takes a slot of
// one limiter, of WithConcurrency slots (default 5), before it sends a
// request, and gives it back once the response is read. A call that waits
// to retry holds no slot. Set WithConcurrency to the account's limit, or to
// this integration's share of it; WithLimiter shares one limiter between
// Clients.
//
// Other integrations, users and scripts use the account's slots too. The
// limiter adapts: on a 429 it halves the slots it lets be used, and gives
// them back one by one after runs of answers without a 429, up to its
// size (see NewLimiter). A Limiter shared with WithLimiter adapts for
// every Client that uses it: one process, one adaptive limit per account.
//
// A request is retried, with exponential backoff and full jitter (see
// RetryPolicy; by default up to 5 retries, delays drawn from [0, 500ms),
// [0, 1s), [0, 2s), ... capped at 30s), when:
//
//   - NetSuite answered 429, whatever the method, or, for a RESTlet, 400
//     SSS_REQUEST_LIMIT_EXCEEDED. NetSuite refuses a request over the
//     concurrency limit before it does any work ("Concurrent request limit
//     exceeded. Request blocked."), and Oracle's advice is to retry it after
//     a growing, jittered delay. So even a create is sent again.
//   - The connection could not be made (refused, or a DNS lookup that may
//     succeed later), whatever the method: nothing was sent.
//   - The request is idempotent (GET, HEAD, OPTIONS, PUT, DELETE) and the
//     answer was a 5xx (but 501 and 505), or the connection broke or timed
//     out.
//   - A GET was answered 401 after net/http had sent it twice: when a
//     kept-alive connection breaks before the answer, net/http sends a GET
//     again by itself, with the first copy's signature, whose nonce NetSuite
//     refuses as used (NonceUsed) if the first reached it. The retry is
//     signed anew.
//
// A POST or a PATCH that was sent and then met a 5xx, a broken
// connection or the end of the caller's context (its deadline, or a
// cancellation) is not retried: NetSuite may have created or changed the
// record. PATCH counts as not idempotent because sent twice it adds the
// lines of non-keyed sublists twice. The error says that the outcome is
// unknown and is ErrOutcomeUnknown under errors.Is; it wraps the *Error,
// the network error or the context's error (context.DeadlineExceeded,
// context.Canceled). A request the context ended before it was sent (while
// waiting for a slot or for a connection, as httptrace tells) is the
// context's error only; with a transport that tells nothing through
// httptrace, a request handed to it counts as sent. An upsert whose body
// has sublist lines to add (RecordsService.Upsert in any mode but
// ModeReplace of those sublists) is treated as a POST: sent twice, it
// would add them twice. Other PUTs and DELETEs are idempotent in effect,
// but a DELETE that worked and is sent again answers 404; its error then
// says an earlier attempt may have deleted the record.
//
// Two ways create records safely under failures:
//
//   - Upsert by external ID (PUT record/v1/{type}/eid:{externalId}): a PUT
//     is retried, and the record is found by its external ID.
//   - A write with an idempotency key (WriteOptions.IdempotencyKey), for
//     records without an external ID. It is sent asynchronously, with
//     Prefer: respond-async and X-NetSuite-Idempotency-Key: NetSuite
//     answers 202 with a job and carries the write out once per key; a
//     repeat of the key is answered 400 IDEMPOTENCY_ERROR with the earlier
//     job's Location, not carried out. So the Client retries such a write
//     like an idempotent request, follows whichever job answers, waits for
//     it within the context (polling with a growing delay) and returns its
//     result as the synchronous write would: the WriteResult with the ID,
//     or the *Error. When it cannot learn the outcome (its retries ran
//     out, the context ended), the error is ErrOutcomeUnknown; calling
//     again with the same key then returns the original outcome, never a
//     second record, for as long as NetSuite remembers the key (it does
//     not document how long). It costs more requests: the submission, the
//     job until it completes, its task list and its result.
//
// Which writes are safe to send again, and why:
//
//	write                                 retried after 5xx / broken connection   safe to call again after an error
//	Create (POST)                         no: ErrOutcomeUnknown                   no: look the record up first
//	Update (PATCH)                        no: ErrOutcomeUnknown                   no: read the record first
//	Upsert (PUT eid:), no lines to add    yes                                     yes
//	Upsert adding sublist lines           no: ErrOutcomeUnknown                   no: read the record first
//	Delete                                yes (a repeat may answer 404)           yes
//	any of the three with IdempotencyKey  yes                                     yes, with the same key
//	RESTlet POST, PUT or DELETE           no, unless RestletRequest.Idempotent    only if the script is idempotent
//
// Nothing else is retried: other 4xx statuses, TLS and certificate errors,
// and a request whose body cannot be sent again (one built without
// GetBody; NewRequest always sets it). Retries stay within the caller's
// context: when the next delay would end after the context's deadline, the
// Client stops at once and returns the last error, wrapped, instead of
// sleeping. A Retry-After header (which NetSuite does not document)
// lengthens the delay; one longer than RetryPolicy.Max ends the retries.
// Each retry is logged at debug level (WithLogger), and Response.Retries
// counts them.
//
// # RESTlets
//
// Client.Restlets calls the RESTlets of the account: SuiteScript endpoints
// at https://<account>.restlets.api.netsuite.com/app/site/hosting/restlet.nl,
// or under WithBaseURL's URL when it is set, authenticated like every other
// request: with TBA, script, deploy and the other query parameters are in the
// signature; an OAuth 2.0 token needs the restlets scope:
//
//	resp, err := client.Restlets.Call(ctx, netsuite.RestletRequest{
//		Script: "customscript_orders", Deploy: "customdeploy_orders",
//		Method: "POST", Body: []byte(`{"id": 7}`),
//		Check:  checkEnvelope, // scripts answer 200 with their own errors
//	})
//
// The body is sent as it is, as JSON, text or XML (RestletRequest.ContentType);
// NetSuite answers in the same format. Its errors come in that format too
// ({"error": {"code", "message"}}, <error><code>…</code>…</error>, or
// "error code: … error message: …"), and each is a *Error whose detail has
// the code (HasCode(err, "SSS_INVALID_SCRIPTLET_ID")). A script's entry
// points need not follow REST semantics, so a POST, a PUT and a DELETE are
// all treated as not idempotent unless RestletRequest.Idempotent says so.
//
// # SuiteQL
//
// Client.SuiteQL runs SuiteQL queries. Query returns one page; Rows
// returns every row as an iterator, reading pages in parallel (see
// Paging) and, past SuiteQL's 100,000 rows, by keyset when the query
// selects id and ends with ORDER BY id (or RowsOptions.Key names another
// key). Values come as strings; Decode reads a Row into a struct, datetimes
// in the account's time zone:
//
//	q := `SELECT id, companyname, TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') AS modified
//	      FROM customer WHERE isinactive = ? ORDER BY id`
//	for row, err := range client.SuiteQL.Rows(ctx, q, &netsuite.RowsOptions{Params: []any{"F"}}) {
//		if err != nil {
//			return err
//		}
//		var c struct {
//			ID       int64     `suiteql:"id"`
//			Name     string    `suiteql:"companyname"`
//			Modified time.Time `suiteql:"modified"`
//		}
//		if err := netsuite.Decode(row, &c, client.Timezone()); err != nil {
//			return err
//		}
//	}
//
// A query is a POST, but a read: it is retried as a GET is.
//
// # Paging
//
// Record lists and SuiteQL answer with a page of at most 1000 items.
// RecordsService.ListIter and SuiteQLService.Rows page through them for
// you: they read the first page alone, then ask for the others in
// parallel, as many at a time as the Client's concurrency limit, and yield
// them in order, holding a bounded window of pages. While the data
// changes, parallel offset pages can skip or repeat an item unless the
// order is by a unique key (ORDER BY id in SuiteQL):
//
//	for item, err := range client.Records.ListIter(ctx, "customer", &netsuite.ListOptions{Q: "isInactive IS false"}) {
//		if err != nil {
//			return err
//		}
//		// use item.ID
//	}
//
// For requests of your own, Do reads the paging fields of such a body into the Response: Count,
// HasMore, Offset, TotalResults, the Links, and NextOffset, the offset of
// the next page (0 when there is none):
//
//	for offset := 0; ; {
//		req, err := client.NewRequest(ctx, "GET", fmt.Sprintf("record/v1/customer?limit=1000&offset=%d", offset), nil)
//		if err != nil {
//			return err
//		}
//		var page struct {
//			Items []struct{ ID string `json:"id"` } `json:"items"`
//		}
//		resp, err := client.Do(req, &page)
//		if err != nil {
//			return err
//		}
//		// use page.Items
//		if resp.NextOffset == 0 {
//			break
//		}
//		offset = resp.NextOffset
//	}
//
// NetSuite requires the offset to be a multiple of the limit.
//
// # Dates and time zones
//
// The record API reads and writes datetimes in UTC (2017-07-21T17:32:28Z)
// and dates with no zone (2017-07-21). SuiteQL and the date literals of q
// filters use the account's time zone instead, with no offset: pass it with
// WithTimezone, and read it back with Client.Timezone.
package netsuite
