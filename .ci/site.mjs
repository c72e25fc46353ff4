// Opens every page of the generated site in headless Chromium (driven by playwright-core)
// and fails on what a reader would meet: a section page without its code, its three runs
// or a picture with one lane per thread of its run; a broken link; a console error; a
// request outside the site; a page over 150 KB. Run by .ci/site:
//   node .ci/site.mjs <site dir> <chromium> <screenshot dir>
import { chromium } from "playwright-core";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const [siteDir, browserPath, shotDir] = process.argv.slice(2);
const MAX_BYTES = 150 * 1024;
const SHOTS = ["channels/many-producers.html", "sync-channel/rendezvous.html"];
const failures = [];
const fail = (page, what) => failures.push(`${page}: ${what}`);

const pages = [];
(function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith(".html")) pages.push(path.relative(siteDir, full).split(path.sep).join("/"));
  }
})(siteDir);
pages.sort();

const types = { ".html": "text/html", ".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml" };
const server = http.createServer((req, res) => {
  const file = path.join(siteDir, decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (!file.startsWith(path.resolve(siteDir)) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
  fs.createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: browserPath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const ids = new Map(); // page -> the ids in it
const links = []; // [from page, href]
let sectionPages = 0, external = 0;

for (const name of pages) {
  const bytes = fs.statSync(path.join(siteDir, name)).size;
  if (bytes > MAX_BYTES) fail(name, `${bytes} bytes, over ${MAX_BYTES}`);
  const page = await context.newPage();
  page.on("console", (m) => m.type() === "error" && fail(name, `console error: ${m.text()}`));
  page.on("pageerror", (e) => fail(name, `page error: ${e.message}`));
  page.on("request", (r) => r.url().startsWith(base) || fail(name, `a request outside the site: ${r.url()}`));
  page.on("requestfailed", (r) => fail(name, `request failed: ${r.url()}`));
  page.on("response", (r) => r.status() >= 400 && fail(name, `${r.status()} for ${r.url()}`));
  await page.goto(base + name, { waitUntil: "load" });
  const found = await page.evaluate(() => ({
    ids: [...document.querySelectorAll("[id]")].map((e) => e.id),
    links: [...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href")),
    code: document.querySelector("pre.code")?.textContent.trim().length ?? 0,
    runs: [...document.querySelectorAll("figure.run")].map((run) => {
      const svg = run.querySelector("svg.picture");
      if (!svg) return { svg: false };
      const lanes = svg.querySelectorAll("g.lane").length;
      const rows = [...svg.querySelectorAll("g.row")];
      const threads = new Set(rows.map((r) => r.dataset.lane)).size;
      const box = svg.getBoundingClientRect();
      return { svg: true, lanes, threads, rows: rows.length, said: Number(run.dataset.threads), drawn: box.width > 0 && box.height > 0 };
    }),
  }));
  ids.set(name, new Set(found.ids));
  for (const href of found.links) links.push([name, href]);
  if (/^[a-z-]+\/[a-z-]+\.html$/.test(name)) {
    sectionPages += 1;
    if (found.code === 0) fail(name, "no code");
    if (found.runs.length !== 3) fail(name, `${found.runs.length} runs, not 3`);
    found.runs.forEach((run, i) => {
      if (!run.svg) return fail(name, `run ${i + 1} has no SVG`);
      if (!run.drawn) fail(name, `run ${i + 1}'s SVG is not drawn`);
      if (run.rows === 0) fail(name, `run ${i + 1} has no lines`);
      if (run.lanes !== run.threads || run.lanes !== run.said)
        fail(name, `run ${i + 1}: ${run.lanes} lanes drawn for ${run.threads} threads in its lines (${run.said} said)`);
    });
  }
  if (SHOTS.includes(name)) {
    fs.mkdirSync(shotDir, { recursive: true });
    await page.screenshot({ path: path.join(shotDir, name.replace("/", "-") + ".png"), fullPage: true });
  }
  await page.close();
}
await browser.close();
server.close();

for (const [from, href] of links) {
  const target = new URL(href, base + from);
  if (!target.href.startsWith(base)) { external += 1; continue; }
  const file = decodeURIComponent(target.pathname.slice(1));
  if (!ids.has(file)) fail(from, `broken link ${href}: no page ${file}`);
  else if (target.hash && !ids.get(file).has(decodeURIComponent(target.hash.slice(1))))
    fail(from, `broken link ${href}: ${file} has no id ${target.hash}`);
}
for (const shot of SHOTS) if (!pages.includes(shot)) fail(shot, "no such page to take a screenshot of");

console.log(`${pages.length} pages opened (${sectionPages} section pages), ${links.length} links followed (${external} outside the site, not fetched), screenshots in ${shotDir}`);
if (failures.length) {
  console.log(`FAIL: ${failures.length} problems:\n${failures.join("\n")}`);
  process.exit(1);
}
console.log("ok: every page has what it needs, and no link is broken");
