// Drives the nsconnect NetSuite emulator with npm clients that others wrote,
// exactly as their users do (PEERS.md §2), so that a bug shared by nsconnect's
// own client and its emulator cannot hide.
//
// Run by .ci/run after `npm ci`: NSCONNECT_BIN is the built nsconnect binary.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { spawn } = require("node:child_process");
const readline = require("node:readline");
const crypto = require("node:crypto");
const NetsuiteRest = require("netsuite-rest");
const OAuth = require("oauth-1.0a");

let emulator; // the child process
let conf; // the JSON line it printed

before(async () => {
  const bin = process.env.NSCONNECT_BIN;
  assert.ok(bin, "set NSCONNECT_BIN to the nsconnect binary");
  emulator = spawn(bin, ["emulator", "--listen", "127.0.0.1:0"], { stdio: ["ignore", "pipe", "inherit"] });
  const lines = readline.createInterface({ input: emulator.stdout });
  conf = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the emulator did not print its JSON line within 60 s")), 60000);
    emulator.once("exit", (code) => reject(new Error(`the emulator exited with ${code}`)));
    lines.once("line", (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line));
    });
  });
});

after(() => {
  if (emulator) emulator.kill("SIGINT");
});

// client returns a netsuite-rest client as its README shows, pointed at the emulator.
function client(overrides = {}) {
  return new NetsuiteRest({
    consumer_key: conf.consumerKey,
    consumer_secret_key: conf.consumerSecret,
    token: conf.tokenId,
    token_secret: conf.tokenSecret,
    realm: conf.accountId,
    base_url: conf.url,
    ...overrides,
  });
}

// header reads a response header. netsuite-rest hands back a copy of got's
// response made with object spread, which keeps the own property rawHeaders
// but not the headers getter.
function header(res, name) {
  const raw = res.rawHeaders || [];
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i].toLowerCase() === name) return raw[i + 1];
  }
  return res.headers ? res.headers[name] : undefined;
}

// outcome returns the status, headers and parsed body of a got response,
// or of the response inside got's HTTPError.
async function outcome(promise) {
  try {
    const res = await promise;
    return { status: res.statusCode, location: header(res, "location"), data: res.data };
  } catch (err) {
    if (!err.response) throw err;
    return { status: err.response.statusCode, location: header(err.response, "location"), data: JSON.parse(err.response.body) };
  }
}

test("the JSON line carries the connection", () => {
  for (const key of ["url", "accountId", "consumerKey", "consumerSecret", "tokenId", "tokenSecret", "timezone"]) {
    assert.ok(conf[key], `missing ${key}`);
  }
  assert.equal(conf.accountId, "1234567_SB1");
});

test("serverTime", async () => {
  const res = await outcome(client().request({ path: "system/v1/serverTime" }));
  assert.equal(res.status, 200);
  assert.match(res.data.serverTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

test("OPTIONS answers 204, as netsuite-rest's own test expects", async () => {
  const res = await outcome(client().request({ path: "*", method: "OPTIONS" }));
  assert.equal(res.status, 204);
});

test("create, read, update and delete a customer", async () => {
  const ns = client();
  const body = JSON.stringify({ companyName: "Interop Test Co", email: "interop@example.com", subsidiary: { id: "1" } });
  const created = await outcome(ns.request({ path: "record/v1/customer", method: "POST", body }));
  assert.equal(created.status, 204);
  const location = created.location;
  assert.match(location, /\/services\/rest\/record\/v1\/customer\/\d+$/);
  const id = location.split("/").pop();

  const got = await outcome(ns.request({ path: `record/v1/customer/${id}` }));
  assert.equal(got.status, 200);
  assert.equal(got.data.id, id);
  assert.equal(got.data.companyName, "Interop Test Co");

  const patched = await outcome(ns.request({ path: `record/v1/customer/${id}`, method: "PATCH", body: JSON.stringify({ email: "changed@example.com" }) }));
  assert.equal(patched.status, 204);
  const again = await outcome(ns.request({ path: `record/v1/customer/${id}?fields=email` }));
  assert.equal(again.data.email, "changed@example.com");

  const deleted = await outcome(ns.request({ path: `record/v1/customer/${id}`, method: "DELETE" }));
  assert.equal(deleted.status, 204);
  const gone = await outcome(ns.request({ path: `record/v1/customer/${id}` }));
  assert.equal(gone.status, 404);
  assert.equal(gone.data["o:errorDetails"][0]["o:errorCode"], "NONEXISTENT_ID");
});

test("list with a q filter (spaces and quotes signed as query parameters)", async () => {
  const ns = client();
  const q = encodeURIComponent('companyName START_WITH "Interop Filter"');
  for (const name of ["Interop Filter One", "Interop Filter Two"]) {
    const res = await outcome(ns.request({ path: "record/v1/customer", method: "POST", body: JSON.stringify({ companyName: name, subsidiary: { id: "1" } }) }));
    assert.equal(res.status, 204);
  }
  const page = await outcome(ns.request({ path: `record/v1/customer?q=${q}&limit=1` }));
  assert.equal(page.status, 200);
  assert.equal(page.data.count, 1);
  assert.equal(page.data.totalResults, 2);
  assert.equal(page.data.hasMore, true);
  assert.ok(page.data.links.some((l) => l.rel === "next"));
});

test("metadata catalog", async () => {
  const res = await outcome(client().request({ path: "record/v1/metadata-catalog?select=customer", heads: { Accept: "application/schema+json" } }));
  assert.equal(res.status, 200);
  assert.ok(Array.isArray(res.data.items));
  assert.ok(res.data.items.some((i) => i.name === "customer"));
});

test("a forged signature is refused with NetSuite's 401", async () => {
  const res = await outcome(client({ token_secret: "0".repeat(64) }).request({ path: "system/v1/serverTime" }));
  assert.equal(res.status, 401);
  assert.equal(res.data["o:errorDetails"][0]["o:errorCode"], "INVALID_LOGIN");
});

test("a lower-case realm is refused", async () => {
  const res = await outcome(client({ realm: conf.accountId.toLowerCase() }).request({ path: "system/v1/serverTime" }));
  assert.equal(res.status, 401);
});

test("oauth-1.0a directly: a signed GET with query parameters, header built by hand", async () => {
  const oauth = OAuth({
    consumer: { key: conf.consumerKey, secret: conf.consumerSecret },
    realm: conf.accountId,
    signature_method: "HMAC-SHA256",
    hash_function: (base, key) => crypto.createHmac("sha256", key).update(base).digest("base64"),
  });
  const url = `${conf.url}/services/rest/record/v1/customer?limit=5&offset=0`;
  const header = oauth.toHeader(oauth.authorize({ url, method: "GET" }, { key: conf.tokenId, secret: conf.tokenSecret }));
  const res = await fetch(url, { headers: header });
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.count, 5);
});

// The control plane, as a script in another language drives it: with the
// token from NSCONNECT_EMULATOR_CONTROL_TOKEN when one is set (the emulator
// reads the same variable), a JSON body, and Node's own fetch; a plain-text
// post, as a web page would forge one, is refused and changes nothing.
test("the control plane takes JSON and refuses a forged plain-text post", async () => {
  const headers = {};
  if (process.env.NSCONNECT_EMULATOR_CONTROL_TOKEN) {
    headers.authorization = "Bearer " + process.env.NSCONNECT_EMULATOR_CONTROL_TOKEN;
  }
  const forged = await fetch(conf.url + "/_emulator/governance", {
    method: "POST",
    headers: { ...headers, "content-type": "text/plain" },
    body: JSON.stringify({ faults: "drop=1" }),
  });
  assert.equal(forged.status, 415);
  const set = await fetch(conf.url + "/_emulator/governance", {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ latency: "0s" }),
  });
  assert.equal(set.status, 200);
  const state = await set.json();
  assert.equal(state.faults, "");
});

test("SuiteQL through netsuite-rest (which sends Prefer: transient): a NetSuite-shaped page", async () => {
  const body = JSON.stringify({ q: "SELECT id, tranid, trandate, foreigntotal FROM transaction WHERE type = 'SalesOrd' ORDER BY id" });
  const res = await outcome(client().request({ path: "query/v1/suiteql?limit=2&offset=2", method: "POST", body }));
  assert.equal(res.status, 200);
  assert.equal(res.data.count, 2);
  assert.equal(res.data.offset, 2);
  assert.equal(res.data.hasMore, true);
  assert.ok(res.data.totalResults > 4);
  assert.deepEqual(res.data.links.map((l) => l.rel), ["next", "prev", "first", "last", "self"]);
  for (const item of res.data.items) {
    assert.deepEqual(item.links, []);
    for (const [key, value] of Object.entries(item)) {
      if (key !== "links") assert.equal(typeof value, "string", `${key} is a string`);
    }
    assert.match(item.trandate, /^\d{1,2}\/\d{1,2}\/\d{4}$/);
  }
  assert.ok(Number(res.data.items[0].id) < Number(res.data.items[1].id));
});

test("SuiteQL binds ? parameters and refuses unknown columns as NetSuite does", async () => {
  const ns = client();
  const bound = await outcome(ns.request({ path: "query/v1/suiteql", method: "POST", body: JSON.stringify({ q: "SELECT id, entityid FROM customer WHERE id = ?", params: ["19"] }) }));
  assert.equal(bound.status, 200);
  assert.equal(bound.data.items.length, 1);
  assert.equal(bound.data.items[0].id, "19");

  const bad = await outcome(ns.request({ path: "query/v1/suiteql", method: "POST", body: JSON.stringify({ q: "SELECT not_existing_field FROM customer" }) }));
  assert.equal(bad.status, 400);
  const detail = bad.data["o:errorDetails"][0];
  assert.equal(detail["o:errorCode"], "INVALID_PARAMETER");
  assert.match(detail.detail, /^Invalid search query\. Detailed unprocessed description follows\. Search error occurred: Unknown identifier 'not_existing_field'/);
});

test("an asynchronous delete with an idempotency key: 202, its job, its result, and a repeat of the key", async () => {
  const ns = client();
  const body = JSON.stringify({ companyName: "Interop Async Co", subsidiary: { id: "1" } });
  const created = await outcome(ns.request({ path: "record/v1/customer", method: "POST", body }));
  assert.equal(created.status, 204);
  const id = created.location.split("/").pop();

  // netsuite-rest sends Prefer: transient with a body, so the asynchronous
  // request is one without: a DELETE.
  const key = crypto.randomUUID();
  const heads = { prefer: "respond-async", "X-NetSuite-Idempotency-Key": key };
  const accepted = await outcome(ns.request({ path: `record/v1/customer/${id}`, method: "DELETE", heads }));
  assert.equal(accepted.status, 202);
  const job = new URL(accepted.location);
  assert.match(job.pathname, /^\/services\/rest\/async\/v1\/job\/\d+$/);
  const jobPath = job.pathname.replace("/services/rest/", "");

  let status;
  for (let i = 0; i < 100; i++) {
    status = await outcome(ns.request({ path: jobPath }));
    assert.equal(status.status, 200);
    if (status.data.completed) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(status.data.completed, true);
  assert.equal(status.data.progress, "succeeded");
  const result = await outcome(ns.request({ path: `${jobPath}/task/1/result` }));
  assert.equal(result.status, 204);
  const gone = await outcome(ns.request({ path: `record/v1/customer/${id}` }));
  assert.equal(gone.status, 404);

  // The same key again: not carried out, answered with the first job.
  const repeat = await outcome(ns.request({ path: `record/v1/customer/${id}`, method: "DELETE", heads }));
  assert.equal(repeat.status, 400);
  assert.equal(repeat.data["o:errorDetails"][0]["o:errorCode"], "IDEMPOTENCY_ERROR");
  assert.equal(new URL(repeat.location, conf.url).pathname, job.pathname);
});

// RESTlets, signed by oauth-1.0a as its users sign them: script, deploy and
// the other query parameters are in the signature base string, the JSON body
// is not (Oracle's RESTlet example,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534941088.html).
function restletOAuth() {
  return OAuth({
    consumer: { key: conf.consumerKey, secret: conf.consumerSecret },
    realm: conf.accountId,
    signature_method: "HMAC-SHA256",
    hash_function: (base, key) => crypto.createHmac("sha256", key).update(base).digest("base64"),
  });
}

async function callRestlet(query, { method = "GET", body, contentType = "application/json", tokenSecret = conf.tokenSecret } = {}) {
  const url = `${conf.url}/app/site/hosting/restlet.nl?${query}`;
  const oauth = restletOAuth();
  const auth = oauth.toHeader(oauth.authorize({ url, method }, { key: conf.tokenId, secret: tokenSecret }));
  const res = await fetch(url, { method, body, headers: { ...auth, "content-type": contentType } });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

test("RESTlet: oauth-1.0a signs the demo echo RESTlet's GET with its query parameters", async () => {
  const res = await callRestlet("script=customscript_nsconnect_echo&deploy=customdeploy_nsconnect_echo&customParam=some%20value&testParam=x");
  assert.equal(res.status, 200);
  assert.equal(res.type, "application/json");
  assert.deepEqual(JSON.parse(res.text), { method: "GET", query: { customParam: "some value", testParam: "x" }, body: null });
});

test("RESTlet: a POST with a JSON body, by the script's internal IDs", async () => {
  const res = await callRestlet("script=101&deploy=1&customParam=someValue", { method: "POST", body: JSON.stringify({ id: 7 }) });
  assert.equal(res.status, 200);
  assert.deepEqual(JSON.parse(res.text), { method: "POST", query: { customParam: "someValue" }, body: { id: 7 } });
});

test("RESTlet: an unknown script is SSS_INVALID_SCRIPTLET_ID, in the request's format", async () => {
  const json = await callRestlet("script=customscript_nope&deploy=1");
  assert.equal(json.status, 400);
  assert.deepEqual(JSON.parse(json.text), { error: { code: "SSS_INVALID_SCRIPTLET_ID", message: "That Suitelet is invalid, disabled, or no longer exists." } });
  const text = await callRestlet("script=customscript_nope&deploy=1", { contentType: "text/plain" });
  assert.equal(text.status, 400);
  assert.equal(text.text, "error code: SSS_INVALID_SCRIPTLET_ID error message: That Suitelet is invalid, disabled, or no longer exists.");
});

test("RESTlet: a wrong token secret is 401 INVALID_LOGIN_ATTEMPT", async () => {
  const res = await callRestlet("script=customscript_nsconnect_echo&deploy=customdeploy_nsconnect_echo", { tokenSecret: "0".repeat(64) });
  assert.equal(res.status, 401);
  assert.deepEqual(JSON.parse(res.text), { error: { code: "INVALID_LOGIN_ATTEMPT", message: "Invalid login attempt." } });
});
