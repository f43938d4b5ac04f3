// Loads a citelint HTML report in headless Chromium (Debian's, not a downloaded build) and
// prints what the rendered page shows as JSON, for tests/report_browser.rs to assert on:
//
//   node tests/browser/report.mjs REPORT.html [SCREENSHOT.png]
//   node tests/browser/report.mjs --timing REPORT.html
//
// It records every request the page makes, reads every quotation row and its verdict,
// applies the verdict, rule, speaker and search filters and a column sort, checks the
// phone layout, and times the load and the first rendering. `--timing` stops after the
// times (bench/report_corpus.py): reading every row of a large archive is the test's cost,
// not the page's.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const timingOnly = process.argv[2] === "--timing";
const [html, screenshot] = process.argv.slice(timingOnly ? 3 : 2);
if (!html) {
  console.error("usage: node report.mjs REPORT.html [SCREENSHOT.png]");
  process.exit(2);
}

// The machine has no network: without these flags Chromium tries Google's hosts.
const userDataDir = mkdtempSync(join(tmpdir(), "citelint-chromium-"));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

const result = { requests: [], errors: [] };
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("request", (r) => result.requests.push(r.url()));
  page.on("pageerror", (e) => result.errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") result.errors.push(m.text());
  });

  const url = pathToFileURL(resolve(html)).href;
  const started = Date.now();
  await page.goto(url, { waitUntil: "load", timeout: 60000 });
  // Two animation frames after load: the first rendering is on screen.
  result.rendered_ms = await page.evaluate(
    () =>
      new Promise((done) =>
        requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now()))),
      ),
  );
  result.wall_ms = Date.now() - started;
  result.timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const paint = Object.fromEntries(
      performance.getEntriesByType("paint").map((p) => [p.name, p.startTime]),
    );
    return {
      dom_content_loaded_ms: nav.domContentLoadedEventEnd,
      load_ms: nav.loadEventEnd,
      first_contentful_paint_ms: paint["first-contentful-paint"] ?? null,
      filters_ready_ms: performance.getEntriesByName("citelint:filters-ready")[0]?.startTime ?? null,
    };
  });
  result.url = url;
  // How long unchecking one verdict takes, from the click to the next frame on screen.
  result.filter_ms = await page.evaluate(
    () =>
      new Promise((done) => {
        const box = document.querySelector("input[name=verdict]");
        if (!box) return done(null);
        const started = performance.now();
        box.checked = false;
        box.dispatchEvent(new Event("change"));
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            const took = performance.now() - started;
            box.checked = true;
            box.dispatchEvent(new Event("change"));
            done(took);
          }),
        );
      }),
  );

  result.row_count = await page.$$eval("tr.q", (rows) => rows.length);
  // Everything below reads the page as the tests need it.
  inspect: {
  if (timingOnly) break inspect;
  const visibleRows = () =>
    page.$$eval("tr.q", (rows) =>
      rows
        .filter((r) => r.getClientRects().length > 0)
        .map((r) => ({
          verdict: r.dataset.verdict,
          rules: r.dataset.rules || "",
        })),
    );

  result.rows = await page.$$eval("tr.q", (rows) =>
    rows.map((r) => ({
      path: r.closest("section").querySelector("h2").textContent,
      id: r.cells[0].querySelector("small").textContent,
      verdict: r.dataset.verdict,
      // textContent, not innerText: rows off screen are not rendered yet
      // (content-visibility), and innerText reads the rendering.
      badge: r.cells[4].textContent.trim(),
      quote: r.cells[1].querySelector("mark").textContent,
      speaker: r.cells[3].textContent.replace(/\s+/g, " ").trim(),
      visible: r.getClientRects().length > 0,
      broken: r.dataset.broken || null,
      line_href: r.cells[0].querySelector("a.copy")?.getAttribute("href") ?? null,
      findings: r.querySelector("ul.findings")?.textContent ?? "",
      broken_badge: r.querySelector(".badge.broken")?.textContent ?? null,
    })),
  );
  result.loose = await page.$$eval("li.f", (items) => items.map((li) => li.textContent));
  result.article_links = await page.$$eval("section.article h2 a.copy", (a) => a.map((x) => x.getAttribute("href")));
  result.scripts = await page.$$eval("script", (s) => s.length);
  result.stamp = await page.$$eval("#stamp dd[data-field]", (dds) =>
    Object.fromEntries(dds.map((d) => [d.dataset.field, d.textContent.trim()])),
  );
  result.title = await page.title();

  // The checker's work: with SIGNOFF_DIR set, mark two quotations, export the sign-off
  // there (signoff.json, signoff.csv); always read every row's state back.
  if (process.env.SIGNOFF_DIR) {
    const saved = [];
    page.on("download", (d) => saved.push(d.saveAs(join(process.env.SIGNOFF_DIR, d.suggestedFilename()))));
    const change = (sel, value) =>
      page.$eval(sel, (el, v) => { el.value = v; el.dispatchEvent(new Event("change")); }, value);
    await change("#checker", "Jo Park");
    // Rows off screen are not rendered (content-visibility): set them as a script would.
    const work = (path, id, field, value) =>
      page.evaluate(([path, id, field, value]) => {
        const row = Array.from(document.querySelectorAll("tr.q")).find(
          (r) => r.closest("section").querySelector("h2").textContent === path &&
            r.cells[0].querySelector("small").textContent === id,
        );
        const el = row.querySelector(field);
        el.value = value;
        el.dispatchEvent(new Event("change"));
      }, [path, id, field, value]);
    await work("bridge-vote.md", "q2", "select.state", "query");
    await work("bridge-vote.md", "q2", "input.note", "ask the mayor's office for the tape");
    await work("clinic-hours.md", "b1", "select.state", "checked");
    await page.click("#export");
    for (let i = 0; i < 50 && saved.length < 2; i++) await page.waitForTimeout(100);
    await Promise.all(saved);
  }
  result.states = await page.$$eval("tr.q", (rows) =>
    rows.map((r) => ({
      path: r.closest("section").querySelector("h2").textContent,
      id: r.cells[0].querySelector("small").textContent,
      state: r.querySelector("select.state").value,
      note: r.querySelector("input.note").value,
      checker: r.dataset.checker || "",
    })),
  );

  if (screenshot) {
    // Sections off screen are rendered only when scrolled to (content-visibility): render
    // them all for the full-page picture.
    await page.evaluate(() =>
      document
        .querySelectorAll("section.article")
        .forEach((s) => (s.style.contentVisibility = "visible")),
    );
    await page.screenshot({ path: screenshot, fullPage: true });
  }

  // Messages show code, not backticks; "how to fix" opens the rule's documentation.
  result.message_code = await page.$$eval("ul.findings li code", (c) => c.map((x) => x.textContent));
  result.backticks = await page.$$eval("ul.findings li, li.f", (l) =>
    l.filter((x) => x.textContent.includes("`")).length,
  );
  const howTo = await page.$("ul.findings a.doc");
  if (howTo) {
    result.how_to_fix_href = await howTo.getAttribute("href");
    await howTo.click();
    await page.waitForTimeout(100);
    result.rule_doc_open = await page.$eval(result.how_to_fix_href, (d) => d.open);
    result.rule_doc_text = await page.$eval(result.how_to_fix_href, (d) => d.textContent);
  }

  // The verdict filter: only `altered` checked.
  const boxes = await page.$$("input[name=verdict]");
  for (const box of boxes) {
    if ((await box.getAttribute("value")) !== "altered") await box.uncheck();
  }
  result.altered_only = await visibleRows();
  result.status_altered_only = await page.textContent("#status");
  await page.click("#f-reset");
  result.after_reset = (await visibleRows()).length;

  // The rule filter, the speaker filter and the search box (debounced: wait for it).
  const firstRule = await page.$eval("#f-rule", (s) => (s.options[1] ? s.options[1].value : ""));
  if (firstRule) {
    await page.selectOption("#f-rule", firstRule);
    result.rule_filter = { rule: firstRule, rows: await visibleRows() };
    await page.click("#f-reset");
  }
  await page.fill("#f-search", "tram");
  await page.waitForTimeout(400);
  result.search_tram = await visibleRows();
  await page.click("#f-reset");
  await page.fill("#f-speaker", "lindqvist");
  await page.waitForTimeout(400);
  result.speaker_lindqvist = (await visibleRows()).length;
  await page.click("#f-reset");

  // Sorting the first table by its Line column, twice: descending.
  const th = await page.$("table.quotes th");
  if (th) {
    await th.click();
    await th.click();
    result.sorted_lines = await page.$eval("table.quotes", (t) =>
      Array.from(t.tBodies[0].rows).map((r) => parseInt(r.cells[0].textContent, 10)),
    );
  }

  // A phone: the table turns into cards and nothing is wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  result.phone = await page.evaluate(() => ({
    scroll_width: document.documentElement.scrollWidth,
    thead_display: document.querySelector("table.quotes thead")
      ? getComputedStyle(document.querySelector("table.quotes thead")).display
      : null,
  }));
  }
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
console.log(JSON.stringify(result));
