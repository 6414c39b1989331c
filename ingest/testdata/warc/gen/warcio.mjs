// warcio.mjs writes data.warc.gz with warcio.js, the WARC library of
// Browsertrix and ArchiveWeb.page: a capture of the fixture report as a
// browser makes it (a redirect, the page, its share-widget iframe, its
// stylesheet and PDF annex, a later revisit, Browsertrix's pageinfo).
// The bodies are those serve.go wrote to out/.
import { readFileSync, writeFileSync } from "node:fs";
import { WARCRecord, WARCSerializer } from "warcio";

const warcVersion = "WARC/1.1";
const site = "https://tidewater.example.org";
const at = "2025-06-02T14:03:11Z";
const later = "2025-06-09T08:30:00Z";

async function* bytes(b) {
  yield b;
}

async function response(url, date, statusline, httpHeaders, body) {
  const r = await WARCRecord.create({ url, date, type: "response", warcVersion, statusline, httpHeaders }, bytes(body));
  return WARCSerializer.serialize(r, { gzip: true });
}

const out = [];
const info = await WARCRecord.createWARCInfo({ filename: "data.warc.gz", warcVersion }, { software: "warcio.js 2.4.11 (rightsearch fixture)" });
out.push(await WARCSerializer.serialize(info, { gzip: true }));
out.push(await response(`${site}/r/tidewater`, at, "HTTP/1.1 301 Moved Permanently", { Location: "/reports/tidewater" }, new Uint8Array()));
const report = readFileSync("out/report.html");
out.push(await response(`${site}/reports/tidewater`, at, "HTTP/1.1 200 OK", { "Content-Type": "text/html; charset=utf-8" }, report));
out.push(await response("https://widgets.example.net/share?u=tidewater", at, "HTTP/1.1 200 OK", { "Content-Type": "text/html" }, readFileSync("out/widget.html")));
out.push(await response(`${site}/style.css`, at, "HTTP/1.1 200 OK", { "Content-Type": "text/css" }, readFileSync("out/style.css")));
out.push(await response(`${site}/reports/tidewater-annex.pdf`, at, "HTTP/1.1 200 OK", { "Content-Type": "application/pdf" }, readFileSync("out/annex.pdf")));

// A later visit found the page unchanged: a revisit record.
const first = await WARCRecord.create({ url: `${site}/reports/tidewater`, date: at, type: "response", warcVersion,
  statusline: "HTTP/1.1 200 OK", httpHeaders: { "Content-Type": "text/html; charset=utf-8" } }, bytes(report));
await WARCSerializer.serialize(first); // computes its payload digest
const revisit = await WARCRecord.create({ url: `${site}/reports/tidewater`, date: later, type: "revisit", warcVersion,
  refersToUrl: `${site}/reports/tidewater`, refersToDate: at,
  statusline: "HTTP/1.1 200 OK", httpHeaders: { "Content-Type": "text/html; charset=utf-8" },
  warcHeaders: { "WARC-Payload-Digest": first.warcHeaders.headers.get("WARC-Payload-Digest"),
    "WARC-Profile": "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest" } }, bytes(new Uint8Array()));
out.push(await WARCSerializer.serialize(revisit, { gzip: true }));

const pageinfo = await WARCRecord.create({ url: `urn:pageinfo:${site}/reports/tidewater`, date: at, type: "resource", warcVersion,
  warcHeaders: { "Content-Type": "application/json" } },
  bytes(new TextEncoder().encode(JSON.stringify({ pageid: "p1", url: `${site}/reports/tidewater`, urls: {} }))));
out.push(await WARCSerializer.serialize(pageinfo, { gzip: true }));

writeFileSync("data.warc.gz", Buffer.concat(out.map((b) => Buffer.from(b))));
