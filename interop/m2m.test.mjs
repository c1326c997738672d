// OAuth 2.0 client credentials (M2M) against the nsconnect NetSuite emulator,
// with an assertion made by an independent library (npm jose) from the demo
// private key the emulator wrote, exchanged at the token endpoint, and the
// bearer token used on the record API and SuiteQL, as a Node integration does.
//
// Run by .ci/run after `npm ci`: NSCONNECT_BIN is the built nsconnect binary.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, stat, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import readline from "node:readline";
import { randomUUID } from "node:crypto";
import { SignJWT, importPKCS8, generateKeyPair } from "jose";

const tokenPath = "/services/rest/auth/oauth2/v1/token";

let emulator; // the child process
let conf; // the JSON line it printed
let dir; // where it writes the demo key

before(async () => {
  const bin = process.env.NSCONNECT_BIN;
  assert.ok(bin, "set NSCONNECT_BIN to the nsconnect binary");
  dir = await mkdtemp(join(tmpdir(), "nsconnect-m2m-"));
  emulator = spawn(bin, ["emulator", "--listen", "127.0.0.1:0", "--m2m-key-file", join(dir, "demo-key.pem")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
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

after(async () => {
  if (emulator) emulator.kill("SIGINT");
  if (dir) await rm(dir, { recursive: true, force: true });
});

// assertion signs a client assertion with jose, as its README shows.
async function assertion(key, { alg = "ES256", kid = conf.certificateId, scope = ["rest_webservices"] } = {}) {
  return new SignJWT({ scope })
    .setProtectedHeader({ typ: "JWT", alg, kid })
    .setIssuer(conf.clientId)
    .setAudience(conf.url + tokenPath)
    .setIssuedAt()
    .setExpirationTime("5m")
    .setJti(randomUUID())
    .sign(key);
}

async function demoKey() {
  return importPKCS8(await readFile(conf.privateKeyFile, "utf8"), "ES256");
}

// exchange posts the assertion to the token endpoint, form-encoded.
async function exchange(jwt) {
  const res = await fetch(conf.url + tokenPath, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: jwt,
    }),
  });
  return { status: res.status, body: await res.json() };
}

// lastFailure is the newest refused login of the audit trail.
async function lastFailure() {
  const headers = {};
  if (process.env.NSCONNECT_EMULATOR_CONTROL_TOKEN) {
    headers.authorization = "Bearer " + process.env.NSCONNECT_EMULATOR_CONTROL_TOKEN;
  }
  const res = await fetch(conf.url + "/_emulator/audit?status=Failure&limit=1", { headers });
  assert.equal(res.status, 200);
  return (await res.json()).entries[0];
}

test("the JSON line carries the M2M connection, and the key file is private", async () => {
  for (const key of ["clientId", "certificateId", "privateKeyFile"]) {
    assert.ok(conf[key], `missing ${key}`);
  }
  assert.equal(conf.privateKeyFile, join(dir, "demo-key.pem"));
  assert.equal((await stat(conf.privateKeyFile)).mode & 0o777, 0o600);
});

test("a jose assertion buys a bearer token that reads a record and runs SuiteQL", async () => {
  const { status, body } = await exchange(await assertion(await demoKey()));
  assert.equal(status, 200);
  assert.equal(body.token_type, "Bearer");
  assert.equal(body.expires_in, 3600);
  const auth = { authorization: "Bearer " + body.access_token };

  const q = await fetch(conf.url + "/services/rest/query/v1/suiteql?limit=1", {
    method: "POST",
    headers: { ...auth, "content-type": "application/json", prefer: "transient" },
    body: JSON.stringify({ q: "SELECT id, companyname FROM customer ORDER BY id" }),
  });
  assert.equal(q.status, 200);
  const page = await q.json();
  assert.equal(page.count, 1);
  const id = String(page.items[0].id);

  const rec = await fetch(`${conf.url}/services/rest/record/v1/customer/${id}`, { headers: auth });
  assert.equal(rec.status, 200);
  const customer = await rec.json();
  assert.equal(customer.id, id);
  assert.equal(customer.companyName, page.items[0].companyname);
});

test("an assertion signed by another key is refused, and the audit trail says why", async () => {
  const { privateKey } = await generateKeyPair("ES256");
  const { status, body } = await exchange(await assertion(privateKey));
  assert.equal(status, 400);
  assert.deepEqual(body, { error: "invalid_grant" });
  const entry = await lastFailure();
  assert.equal(entry.reason, "SignatureValidation");
  assert.equal(entry.certificateId, conf.certificateId);
});

test("RS256 is refused as UnsupportedAlgo", async () => {
  const { privateKey } = await generateKeyPair("RS256", { modulusLength: 2048 });
  const { status, body } = await exchange(await assertion(privateKey, { alg: "RS256" }));
  assert.equal(status, 400);
  assert.equal(body.error, "invalid_grant");
  assert.equal((await lastFailure()).reason, "UnsupportedAlgo");
});

test("a token the emulator never issued gets NetSuite's challenge", async () => {
  const res = await fetch(conf.url + "/services/rest/system/v1/serverTime", { headers: { authorization: "Bearer " + "x".repeat(43) } });
  assert.equal(res.status, 401);
  assert.equal(
    res.headers.get("www-authenticate"),
    `Bearer realm="${conf.accountId}", error="invalid_token", error_description="Invalid login attempt."`,
  );
  const body = await res.json();
  assert.equal(body["o:errorDetails"][0]["o:errorCode"], "INVALID_LOGIN");
});

test("a bearer token with the restlets scope calls the demo echo RESTlet; one without it is refused", async () => {
  const restlet = conf.url + "/app/site/hosting/restlet.nl?script=customscript_nsconnect_echo&deploy=customdeploy_nsconnect_echo&id=7";
  const call = async (scope) => {
    const { status, body } = await exchange(await assertion(await demoKey(), { scope }));
    assert.equal(status, 200);
    return fetch(restlet, { headers: { authorization: "Bearer " + body.access_token, "content-type": "application/json" } });
  };
  const ok = await call(["restlets"]);
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { method: "GET", query: { id: "7" }, body: null });

  const refused = await call(["rest_webservices"]);
  assert.equal(refused.status, 401);
  assert.equal(
    refused.headers.get("www-authenticate"),
    `Bearer realm="${conf.accountId}", error="invalid_token", error_description="Invalid login attempt."`,
  );
  assert.deepEqual(await refused.json(), { error: { code: "INVALID_LOGIN_ATTEMPT", message: "Invalid login attempt." } });
  assert.equal((await lastFailure()).reason, "ScopeMismatched");
});
