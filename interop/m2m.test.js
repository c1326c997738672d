// Checks nsconnect's OAuth 2.0 client credentials (machine to machine) with
// jose, a JWT library nsconnect does not use: a token endpoint in this file
// verifies the client assertion that `nsconnect record get` posts, as
// NetSuite documents it
// (https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_162790605110.html),
// answers a bearer token, and serves the record the command then reads with it.
//
// Run by .ci/run after `npm ci`: NSCONNECT_BIN is the built nsconnect binary.
"use strict";

const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { execFile } = require("node:child_process");
const crypto = require("node:crypto");
const fs = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const path = require("node:path");

const TOKEN_PATH = "/services/rest/auth/oauth2/v1/token";
const CLIENT_ID = "interop-client-id";
const CERTIFICATE_ID = "interop-certificate-id";

let jose;
let server;
let baseURL;
let dir;
let expected; // { publicKey, alg } of the key nsconnect is given
const seen = []; // what the token endpoint verified: { header, payload }

// tokenEndpoint verifies the assertion with jose, then serves the record to
// the token it issued.
async function handle(req, res) {
  const body = await new Promise((resolve) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => resolve(data));
  });
  const json = (status, obj) => {
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(JSON.stringify(obj));
  };
  if (req.method === "POST" && req.url === TOKEN_PATH) {
    const form = new URLSearchParams(body);
    if (form.get("grant_type") !== "client_credentials" ||
        form.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") {
      return json(400, { error: "invalid_request" });
    }
    try {
      const { payload, protectedHeader } = await jose.jwtVerify(form.get("client_assertion"), expected.publicKey, {
        algorithms: [expected.alg],
        issuer: CLIENT_ID,
        audience: baseURL + TOKEN_PATH,
        typ: "JWT",
        maxTokenAge: "30m",
      });
      seen.push({ header: protectedHeader, payload });
      if (protectedHeader.kid !== CERTIFICATE_ID) return json(400, { error: "invalid_grant" });
    } catch (err) {
      seen.push({ error: err.code });
      return json(400, { error: "invalid_grant" });
    }
    return json(200, { access_token: "interop-token", expires_in: 3600, token_type: "Bearer" });
  }
  if (req.headers.authorization !== "Bearer interop-token") {
    res.setHeader("WWW-Authenticate", 'Bearer realm="1234567", error="invalid_token", error_description="Invalid login attempt."');
    return json(401, { status: 401, "o:errorDetails": [{ detail: "Invalid login attempt.", "o:errorCode": "INVALID_LOGIN" }] });
  }
  if (req.url === "/services/rest/record/v1/customer/107") {
    return json(200, { links: [], id: "107", companyName: "Interop Corp" });
  }
  return json(404, { status: 404 });
}

before(async () => {
  assert.ok(process.env.NSCONNECT_BIN, "set NSCONNECT_BIN to the nsconnect binary");
  jose = await import("jose");
  server = http.createServer((req, res) => handle(req, res).catch((err) => { res.writeHead(500); res.end(String(err)); }));
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseURL = `http://127.0.0.1:${server.address().port}`;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "nsconnect-m2m-"));
});

after(() => {
  if (server) server.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// keyFile writes the private key as PKCS#8 PEM, readable by its owner only.
function keyFile(name, privateKey) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  return file;
}

// nsconnect runs `nsconnect record get customer 107` with an M2M connection
// in the environment and no profile.
function nsconnect(keyPath) {
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    NSCONNECT_CONFIG: path.join(dir, "none.yaml"),
    NETSUITE_AUTH: "m2m",
    NETSUITE_ACCOUNT_ID: "1234567",
    NETSUITE_TIMEZONE: "UTC",
    NETSUITE_BASE_URL: baseURL,
    NETSUITE_CLIENT_ID: CLIENT_ID,
    NETSUITE_CERTIFICATE_ID: CERTIFICATE_ID,
    NETSUITE_PRIVATE_KEY_FILE: keyPath,
  };
  return new Promise((resolve) => {
    execFile(process.env.NSCONNECT_BIN, ["record", "get", "customer", "107", "--output", "json"], { env, timeout: 60000 },
      (err, stdout, stderr) => resolve({ code: err ? err.code : 0, stdout, stderr }));
  });
}

for (const { name, alg, gen } of [
  { name: "EC P-256", alg: "ES256", gen: () => crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }) },
  { name: "EC P-384", alg: "ES384", gen: () => crypto.generateKeyPairSync("ec", { namedCurve: "P-384" }) },
  { name: "EC P-521", alg: "ES512", gen: () => crypto.generateKeyPairSync("ec", { namedCurve: "P-521" }) },
  { name: "RSA 3072", alg: "PS256", gen: () => crypto.generateKeyPairSync("rsa", { modulusLength: 3072 }) },
]) {
  test(`jose verifies the ${alg} assertion of an ${name} key, and the token reads a record`, async () => {
    const { publicKey, privateKey } = gen();
    expected = { publicKey, alg };
    seen.length = 0;
    const res = await nsconnect(keyFile(`${alg}.pem`, privateKey));
    assert.equal(res.code, 0, res.stderr);
    assert.equal(JSON.parse(res.stdout).companyName, "Interop Corp");
    assert.equal(seen.length, 1, "one token exchange");
    const { header, payload } = seen[0];
    assert.deepEqual(header, { typ: "JWT", alg, kid: CERTIFICATE_ID });
    assert.deepEqual(payload.scope, ["rest_webservices"]);
    assert.ok(payload.exp - payload.iat > 0 && payload.exp - payload.iat <= 1800, `exp - iat = ${payload.exp - payload.iat}`);
    assert.ok(typeof payload.jti === "string" && payload.jti.length >= 16, "a jti");
    assert.ok(Math.abs(payload.iat - Date.now() / 1000) < 60, "iat is now");
  });
}

test("an assertion signed with another key is refused, and nsconnect says what to check", async () => {
  expected = { publicKey: crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey, alg: "ES256" };
  seen.length = 0;
  const res = await nsconnect(keyFile("other.pem", crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey));
  assert.equal(res.code, 3, res.stderr);
  assert.equal(seen.length, 1, "invalid_grant is not retried");
  assert.equal(seen[0].error, "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
  assert.match(res.stderr, /invalid_grant: NetSuite refused the client assertion: check the certificate ID \(kid\)/);
  assert.doesNotMatch(res.stderr, /interop-token|PRIVATE KEY/);
});
