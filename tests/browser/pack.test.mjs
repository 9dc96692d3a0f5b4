// Opens pqs submission packs and cohort pages in Debian's Chromium as a reader would: the cover
// and every record (or every portfolio) are there, no script from a record runs, nothing is
// fetched, axe-core finds no serious or critical accessibility problem, and each record starts a
// new printed page; a PDF attachment can be downloaded from the pack under its own content
// security policy. Saves screenshots and a printed PDF of the sample pack.
//
// Usage: node pack.test.mjs PQS_BINARY OUTPUT_FOLDER
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { args, axeSource, check, finish, repo } from "./harness.mjs";

const { pqs, out } = args("pack.test.mjs");

function renderPack(portfolio, name) {
  const file = join(out, `${name}.html`);
  execFileSync(pqs, ["render", join(repo, portfolio), "--out", file, "--date", "2026-11-22"], { stdio: "inherit" });
  const report = JSON.parse(
    execFileSync(pqs, ["check", join(repo, portfolio), "--format", "json", "--today", "2026-11-22"], {
      encoding: "utf8",
    }),
  );
  return { file, records: report.counts.records - report.counts.drafts, candidate: report.candidate };
}

async function open(browser, file) {
  // Bypass the pack's own content security policy, so that only the escaping of record text
  // stands between a planted script and the page.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1000, height: 1400 } });
  const page = await context.newPage();
  const events = { dialogs: 0, requests: [], errors: [] };
  page.on("dialog", async (dialog) => {
    events.dialogs += 1;
    await dialog.dismiss();
  });
  page.on("request", (request) => {
    if (request.url() !== pathToFileURL(file).href) events.requests.push(request.url());
  });
  page.on("pageerror", (error) => events.errors.push(String(error)));
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  return { context, page, events };
}

async function noScriptRan(name, page, events) {
  const state = await page.evaluate(() => ({
    pwned: typeof window.pwned === "undefined" ? null : String(window.pwned),
    scripts: document.scripts.length,
    title: document.title,
  }));
  check(`${name}: no script element`, state.scripts === 0, `${state.scripts} found`);
  check(`${name}: no planted script ran`, state.pwned === null && state.title !== "pwned", state.pwned ?? state.title);
  check(`${name}: no dialog opened`, events.dialogs === 0);
  check(`${name}: nothing fetched`, events.requests.length === 0, events.requests.join(", "));
  check(`${name}: no page error`, events.errors.length === 0, events.errors.join("; "));
}

async function accessible(name, page) {
  await page.evaluate(axeSource);
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  check(
    `${name}: axe-core finds no serious or critical violation`,
    serious.length === 0,
    serious.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} nodes`).join("; "),
  );
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
try {
  const sample = renderPack("examples/sample-portfolio", "sample");
  {
    const { context, page, events } = await open(browser, sample.file);
    const heading = await page.locator("#cover-title").innerText();
    check("sample: the cover names the candidate", heading === sample.candidate, heading);
    const records = await page.locator("article.record").count();
    check("sample: every record is in the pack", records === sample.records, `${records} of ${sample.records}`);
    const links = await page.locator("nav.contents a").evaluateAll((as) =>
      as.map((a) => document.getElementById(a.getAttribute("href").slice(1)) !== null),
    );
    check("sample: every contents link leads to its part", links.length >= records && links.every(Boolean));
    const visible = await page.locator("article.record h2").first().isVisible();
    check("sample: records are shown", visible);
    await page.screenshot({ path: join(out, "sample.png") });
    await noScriptRan("sample", page, events);
    await accessible("sample", page);
    await page.emulateMedia({ media: "print" });
    const breaks = await page
      .locator("article.record")
      .evaluateAll((articles) => articles.map((a) => getComputedStyle(a).breakBefore));
    check("sample: each record starts a new printed page", breaks.every((b) => b === "page"), breaks.join(","));
    await page.pdf({ path: join(out, "sample.pdf"), format: "A4", printBackground: true });
    const pdf = readFileSync(join(out, "sample.pdf"));
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    check("sample: the printed pack has a page for each record and more", pages > records, `${pages} pages`);
    await context.close();
  }
  const progress = renderPack("examples/in-progress", "in-progress");
  {
    const { context, page } = await open(browser, progress.file);
    const mark = await page.locator(".incomplete-mark").innerText();
    check("in progress: the screen says it is incomplete", mark === "Incomplete: not for submission", mark);
    // Printed, the mark is in each page's top margin: once on every page, over none of the text.
    const printed = join(out, "in-progress.pdf");
    await page.pdf({ path: printed, format: "A4", printBackground: true });
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [printed], { encoding: "utf8" }))[1]);
    const marks = execFileSync("pdftotext", ["-layout", printed, "-"], { encoding: "utf8" })
      .split("\f")
      .filter((text) => text.trimStart().startsWith("Incomplete: not for submission")).length;
    check("in progress: every printed page says it is incomplete, at its top", marks === pages, `${marks} of ${pages} pages`);
    await context.close();
  }
  const hostile = renderPack("tests/fixtures/hostile", "hostile");
  {
    const { context, page, events } = await open(browser, hostile.file);
    const shown = await page.locator("article.record .body").innerText();
    check("planted: the record's raw HTML is shown as text", shown.includes("<script>window.pwned"), shown.slice(0, 80));
    await page.locator("article.record a", { hasText: "link that must not run" }).click();
    await noScriptRan("planted", page, events);
    await accessible("planted", page);
    await context.close();
  }
  // A PDF attachment is in the pack as a link that downloads it, under the pack's own content
  // security policy (not bypassed here); a text attachment is shown as text.
  {
    const portfolio = join(out, "attachments-portfolio");
    rmSync(portfolio, { recursive: true, force: true });
    mkdirSync(join(portfolio, "evidence/files"), { recursive: true });
    writeFileSync(join(portfolio, "pqs.yaml"), "candidate: Jo Bloggs\nmentor: Sam Patel\nstarted: 2026-01-05\n");
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    writeFileSync(join(portfolio, "evidence/files/report.pdf"), pdf);
    writeFileSync(join(portfolio, "evidence/files/notes.txt"), "A note <script>window.pwned = 'note'</script>\n");
    writeFileSync(
      join(portfolio, "evidence/notes.md"),
      "---\ntitle: Notes\ntype: learning\ndate: 2026-02-01\nstandards: [1]\nattachments:\n  - files/report.pdf\n  - files/notes.txt\n---\nText.\n",
    );
    const file = join(out, "attachments.html");
    execFileSync(pqs, ["render", portfolio, "--force", "--out", file, "--date", "2026-11-22"], { stdio: "inherit" });
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1000, height: 1400 } });
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    const text = await page.locator("pre.attachment-text").innerText();
    check("attachments: a text file is shown as text", text.includes("<script>window.pwned = 'note'</script>"), text);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("a[download]", { hasText: "files/report.pdf" }).click(),
    ]);
    const saved = readFileSync(await download.path());
    check(
      "attachments: the PDF downloads as it is in the portfolio",
      download.suggestedFilename() === "report.pdf" && saved.equals(pdf),
      `${download.suggestedFilename()}, ${saved.length} bytes`,
    );
    await accessible("attachments", page);
    await context.close();
  }
  // The cohort page of `pqs report`: the examples as a cohort, and the test fixtures (planted
  // scripts among them) as another.
  for (const [folder, name] of [["examples", "cohort"], ["tests/fixtures", "fixtures-cohort"]]) {
    const file = join(out, `${name}.html`);
    execFileSync(pqs, ["report", join(repo, folder), "--out", file, "--today", "2026-11-22"], { stdio: "inherit" });
    // Exit status 1 (some portfolio has errors) still prints the report.
    const checked = spawnSync(pqs, ["check", join(repo, folder), "--format", "json", "--today", "2026-11-22"], {
      encoding: "utf8",
    });
    const report = JSON.parse(checked.stdout);
    const { context, page, events } = await open(browser, file);
    const rows = await page.locator("table.portfolios tbody tr").count();
    const expected = report.portfolios.length + report.failed.length;
    check(`${name}: a table row for every portfolio`, rows === expected, `${rows} of ${expected}`);
    const cells = await page.locator("table.heat tbody td").count();
    check(`${name}: a heat map cell for every standard of every portfolio`, cells > 0, `${cells} cells`);
    await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
    await noScriptRan(name, page, events);
    await accessible(name, page);
    await context.close();
  }
} finally {
  await browser.close();
}
finish("browser");
