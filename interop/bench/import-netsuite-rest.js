// The peer in nsconnect's import benchmark (bench/import.sh): upserts the
// rows of a CSV (externalId, companyName, subsidiary.id) as customers with
// npm netsuite-rest, one request after another, the way its README shows a
// request (request({path: "record/v1/customer/eid:X", method: "PUT", body})).
//
// Usage: node import-netsuite-rest.js CONF_JSON FILE.csv
// CONF_JSON is the emulator's ready line. Prints the rows and seconds as JSON.
"use strict";

const fs = require("node:fs");
const connect = require("./client");

async function main() {
  const [confLine, file] = process.argv.slice(2);
  const ns = connect(confLine);
  // The bench's file has no quoting: split on commas.
  const lines = fs.readFileSync(file, "utf8").trim().split("\n").slice(1);
  const started = process.hrtime.bigint();
  let rows = 0;
  for (const line of lines) {
    const [eid, name, sub] = line.split(",");
    const body = { companyName: name, subsidiary: { id: sub } };
    await ns.request({ path: `record/v1/customer/eid:${eid}`, method: "PUT", body: JSON.stringify(body) });
    rows++;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(JSON.stringify({ rows, seconds }));
}

main().catch((err) => {
  console.error(err.response ? err.response.body : err);
  process.exit(1);
});
