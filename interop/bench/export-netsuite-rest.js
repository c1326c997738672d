// The peer in nsconnect's export benchmark (bench/export.sh): exports a
// SuiteQL query to CSV with npm netsuite-rest the way its README shows, one
// page after another (request({path: "query/v1/suiteql?limit=&offset=",
// method: "POST", body})), until hasMore is false.
//
// Usage: node export-netsuite-rest.js CONF_JSON QUERY OUT.csv
// CONF_JSON is the emulator's ready line. Prints the rows and seconds as JSON.
"use strict";

const fs = require("node:fs");
const connect = require("./client");

async function main() {
  const [confLine, query, out] = process.argv.slice(2);
  const ns = connect(confLine);
  const file = fs.createWriteStream(out);
  const started = process.hrtime.bigint();
  let columns = null;
  let rows = 0;
  const cell = (v) => (v === undefined ? "" : /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  for (let offset = 0; ; offset += 1000) {
    const res = await ns.request({ path: `query/v1/suiteql?limit=1000&offset=${offset}`, method: "POST", body: JSON.stringify({ q: query }) });
    const page = res.data;
    for (const item of page.items) {
      if (!columns) {
        columns = Object.keys(item).filter((k) => k !== "links");
        file.write(columns.join(",") + "\n");
      }
      file.write(columns.map((c) => cell(item[c])).join(",") + "\n");
      rows++;
    }
    if (!page.hasMore) break;
  }
  await new Promise((resolve) => file.end(resolve));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(JSON.stringify({ rows, seconds }));
}

main().catch((err) => {
  console.error(err.response ? err.response.body : err);
  process.exit(1);
});
