// Loads a report of a large archive in headless Chromium and prints, as JSON, how its
// articles are built (tests/report_browser.rs asserts on it):
//
//   node tests/browser/archive.mjs REPORT.html
//
// The first articles are built at once, the rest when they near the screen or when a
// link names them; the filters and the sign-off export cover every quotation, built or not.
import { chromium } from "playwright-core";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [html] = process.argv.slice(2);
if (!html) {
  console.error("usage: node archive.mjs REPORT.html");
  process.exit(2);
}
const userDataDir = mkdtempSync(join(tmpdir(), "citelint-chromium-"));
const downloads = mkdtempSync(join(tmpdir(), "citelint-downloads-"));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  acceptDownloads: true,
  viewport: { width: 1280, height: 900 },
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const result = { requests: [], errors: [] };
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("request", (r) => result.requests.push(r.url()));
  page.on("pageerror", (e) => result.errors.push(String(e)));
  const url = pathToFileURL(resolve(html)).href;
  await page.goto(url, { waitUntil: "load" });
  const built = () =>
    page.evaluate(() => ({
      sections: document.querySelectorAll("section.article").length,
      built: document.querySelectorAll("section.article:not(.lazy)").length,
      rows: document.querySelectorAll("tr.q").length,
    }));
  result.at_load = await built();
  result.status = await page.textContent("#status");

  // A search for a word only a waiting article holds: one quotation, one article shown.
  await page.fill("#f-search", "zeppelin");
  await page.waitForFunction(() => document.getElementById("status").textContent.startsWith("showing"));
  result.search_status = await page.textContent("#status");
  result.search_sections = await page.$$eval("section.article:not(.empty)", (s) => s.map((x) => x.id));
  // Shown, it nears the screen and is built, with its row visible.
  await page.waitForFunction(() => !document.querySelector("section.article:not(.empty)").classList.contains("lazy"));
  result.search_rows = await page.$$eval("section.article:not(.empty) tr.q", (rows) =>
    rows.filter((r) => r.getClientRects().length > 0).map((r) => r.querySelector("mark .w").textContent));
  await page.click("#f-reset");

  // A link to a waiting article builds it.
  await page.evaluate(() => { location.hash = "#a40"; });
  await page.waitForFunction(() => !document.getElementById("a40").classList.contains("lazy"));
  result.linked_rows = await page.$$eval("#a40 tr.q", (rows) => rows.length);
  // The work set on a row built late is exported with the rest.
  await page.fill("#checker", "Jo Park");
  await page.dispatchEvent("#checker", "change");
  await page.selectOption("#a40 tr.q select.state", "query");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
  const file = join(downloads, "signoff.json");
  await download.saveAs(file);
  result.exported = JSON.parse(readFileSync(file, "utf8")).entries;

  // Scrolled from the top to the end, every article is built.
  await page.evaluate(() => window.scrollTo(0, 0));
  for (let i = 0; i < 200; i++) {
    const left = await page.evaluate(() => {
      window.scrollBy(0, 2000);
      return document.querySelectorAll("section.article.lazy").length;
    });
    if (left === 0) break;
    await page.waitForTimeout(20);
  }
  result.at_end = await built();
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
  rmSync(downloads, { recursive: true, force: true });
}
console.log(JSON.stringify(result));
