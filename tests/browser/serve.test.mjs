// Uses `pqs serve` in Debian's Chromium as its user would: on a copy of the sample portfolio in a
// git repository, a new observation is written in the form, its findings come and go as it is
// typed, and the file saved is exactly what was typed; a page follows the files as they change
// on the disk; two tabs saving one record meet the conflict page, and the user's choice is
// written; a record holding script and HTML stays inert on every page; axe-core finds no serious
// or critical accessibility problem on any page; a record can be made with the keyboard alone;
// the pages carry their content security policy, and a wrong token is refused. Saves
// screenshots of every page at two common laptop sizes to look at.
//
// Usage: node serve.test.mjs PQS_BINARY OUTPUT_FOLDER
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { args, axeSource, check, failures, finish, repo } from "./harness.mjs";

const { pqs, out } = args("serve.test.mjs");

/// Run one part of the test; an exception fails that part (with what was thrown) and the others
/// still run.
async function part(name, body) {
  try {
    await body();
  } catch (error) {
    check(
      `${name}: ran to the end`,
      false,
      String(error?.stack ?? error)
        .split("\n")
        .slice(0, 4)
        .join(" | "),
    );
  }
}

// The portfolio: a copy of the sample, committed to git, so that the dashboard has a git section.
const portfolio = mkdtempSync(join(tmpdir(), "pqs-serve-"));
cpSync(join(repo, "examples/sample-portfolio"), portfolio, { recursive: true });
const git = (...args) =>
  execFileSync(
    "git",
    ["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgSign=false", ...args],
    { cwd: portfolio, stdio: "pipe" },
  );
git("init", "-q");
git("add", "--all");
git("commit", "-q", "-m", "The sample portfolio");
const onDisk = (file) => join(portfolio, file);
const read = (file) => readFileSync(onDisk(file), "utf8");
// The server looks at the folder every 0.7 s and tells each open page of a change it sees. A
// page opened just after a file was written could be told of that change as it is being used:
// pages are opened once the server has seen the last change written here.
let lastWrite = 0;
const write = (file, text) => {
  writeFileSync(onDisk(file), text);
  lastWrite = Date.now();
};
const remove = (file) => {
  rmSync(onDisk(file), { force: true });
  lastWrite = Date.now();
};
const quiet = async () => {
  const wait = lastWrite + 1500 - Date.now();
  if (wait > 0) await new Promise((done) => setTimeout(done, wait));
};

// The server: its address is the one line of stdout that starts with http.
const server = spawn(pqs, ["serve", portfolio, "--port", "0", "--today", "2026-11-22"], {
  stdio: ["ignore", "pipe", "pipe"],
});
const stopServer = () => {
  if (server.exitCode === null && server.signalCode === null) server.kill("SIGTERM");
};
process.on("exit", stopServer);
let serverErr = "";
server.stderr.on("data", (chunk) => {
  serverErr += chunk;
});
const address = await new Promise((done, fail) => {
  let seen = "";
  const timer = setTimeout(() => fail(new Error(`pqs serve printed no address in 20 s: ${seen} ${serverErr}`)), 20000);
  server.stdout.on("data", (chunk) => {
    seen += chunk;
    const found = /^\s*(http:\/\/127\.0\.0\.1:(\d+))\/\?token=([0-9a-f]+)\s*$/m.exec(seen);
    if (found) {
      clearTimeout(timer);
      done({ origin: found[1], port: Number(found[2]), token: found[3] });
    }
  });
  server.on("exit", (code) => fail(new Error(`pqs serve stopped (${code}): ${seen} ${serverErr}`)));
}).catch((error) => {
  console.log(`FAILED - pqs serve starts and prints its address: ${error.message}`);
  stopServer();
  process.exit(1);
});
check("pqs serve prints the address with its token", address.token.length === 64, address.token);
const { origin, token } = address;
const tokenUrl = (path = "/") => `${origin}${path}${path.includes("?") ? "&" : "?"}token=${token}`;
const cookie = `pqs-serve-${address.port}=${token}`;

// Records of the sample used below.
const REPORT = "evidence/2026-11-09-mentor-report-final.md";
const AUDIT = "evidence/2026-09-21-reflection-leading-a-case-file-audit.md";
const AGREEMENT = "evidence/2026-01-20-supervision-agreement-with-nqsw.md";
const WORKSHOP = "evidence/2026-02-09-learning-strengths-based-supervision-workshop.md";
const encodePath = (file) => file.split("/").map(encodeURIComponent).join("/");

/// A context whose pages carry the cookie, with what happens in them recorded: every request,
/// dialogs (a page's own "leave the page?" is accepted and not counted), page errors, and
/// violations of the content security policy reported on the console.
async function session(browser, options = {}) {
  await quiet();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "en-GB", ...options });
  const events = { requests: [], dialogs: [], errors: [], csp: [] };
  context.on("request", (request) => events.requests.push(request.url()));
  context.setDefaultTimeout(10000);
  context.setDefaultNavigationTimeout(10000);
  const watch = (page) => {
    page.on("dialog", async (dialog) => {
      if (dialog.type() === "beforeunload") {
        await dialog.accept();
        return;
      }
      events.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      await dialog.dismiss();
    });
    page.on("pageerror", (error) => events.errors.push(String(error)));
    page.on("console", (message) => {
      if (message.type() === "error" && /Content Security Policy/i.test(message.text())) {
        events.csp.push(message.text());
      }
    });
  };
  context.on("page", watch);
  const first = await context.newPage();
  const landed = await first.goto(tokenUrl("/"), { waitUntil: "load" });
  if (!landed || landed.status() !== 200 || new URL(first.url()).search !== "") {
    throw new Error(`the address with the token did not lead to the dashboard: ${landed?.status()} ${first.url()}`);
  }
  const offHost = () =>
    events.requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith("data:") && url !== "about:blank");
  return { context, page: first, events, offHost };
}

/// `promise`, awaited later: should what comes before fail, its own failure is not unhandled.
function later(promise) {
  promise.catch(() => {});
  return promise;
}

/// Whether `test` (a function run in `page`, given `arg`) comes to hold within ten seconds.
const holds = (page, test, arg = null) =>
  page.waitForFunction(test, arg, { timeout: 10000 }).then(
    () => true,
    () => false,
  );

/// Wait until `page` listens for changes (so that a change on the disk after this is heard).
const listening = (page) =>
  page.waitForFunction(() => document.body?.dataset.listening === "yes", null, { timeout: 10000 });

/// Open `path` on `page` and wait until it listens for changes.
async function openPage(page, path, { status = 200 } = {}) {
  await quiet();
  const response = await page.goto(`${origin}${path}`, { waitUntil: "load" });
  if (response.status() !== status) throw new Error(`${path} answered ${response.status()}, not ${status}`);
  await listening(page);
  return response;
}

/// Send a form of `page` by `act` (a click, a key), returning the answer to its POST once the
/// page it leads to has loaded. A refusal (403) is thrown, with the server's words and the
/// origin the browser sent.
async function post(page, act) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.request().isNavigationRequest()),
    page.waitForNavigation({ waitUntil: "load" }),
    act(),
  ]);
  if (response.status() === 403) {
    const words = (await page.locator("body").innerText()).trim();
    const sent = (await response.request().allHeaders()).origin;
    throw new Error(
      `POST ${new URL(response.url()).pathname} was refused: 403 “${words}” (the browser sent Origin: ${sent})`,
    );
  }
  return response;
}

/// Save the edit form on `page` by its button.
const save = (page) => post(page, () => page.getByRole("button", { name: "Save", exact: true }).click());

/// The body of a record's text: everything after the closing `---` line of its front-matter.
function split(text) {
  const end = text.indexOf("\n---\n", 4);
  return { front: text.slice(0, end + 5), body: text.slice(end + 5) };
}

/// The focused element of `page`: what it is, and whether it is outlined and on the screen.
async function outlined(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className ? `.${el.className}` : ""}`;
    return {
      what: `${name} "${(el.innerText || el.value || "").slice(0, 30)}"`,
      outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
      style: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
      onScreen: rect.width > 0 && rect.height > 0 && rect.right > 0 && rect.bottom > 0 && rect.left < innerWidth,
    };
  });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
  ],
});
try {
  // Who may use the server: the token, the cookie, the origin of a change; and the policy.
  await part("guard", async () => {
    const wrong = await fetch(`${origin}/?token=${"0".repeat(64)}`, { redirect: "manual" });
    check("guard: a wrong token in the address is refused with 403", wrong.status === 403, `status ${wrong.status}`);
    const none = await fetch(`${origin}/records`, { redirect: "manual" });
    check("guard: a request without the cookie is refused with 403", none.status === 403, `status ${none.status}`);
    const badCookie = await fetch(`${origin}/`, {
      redirect: "manual",
      headers: { cookie: `pqs-serve-${address.port}=${"1".repeat(64)}` },
    });
    check("guard: a wrong cookie is refused with 403", badCookie.status === 403, `status ${badCookie.status}`);
    const right = await fetch(tokenUrl("/records"), { redirect: "manual" });
    const setCookie = right.headers.get("set-cookie") ?? "";
    check(
      "guard: the token sets an HttpOnly, SameSite=Strict cookie and leads to the page without it",
      right.status === 303 &&
        right.headers.get("location") === "/records" &&
        /HttpOnly/i.test(setCookie) &&
        /SameSite=Strict/i.test(setCookie),
      `${right.status} ${right.headers.get("location")} ${setCookie.replace(token, "TOKEN")}`,
    );
    const page = await fetch(`${origin}/`, { headers: { cookie } });
    const policy = page.headers.get("content-security-policy") ?? "";
    check(
      "guard: the dashboard carries a content security policy with scripts from the server only",
      page.status === 200 &&
        /script-src 'self'(;|$)/.test(policy) &&
        /default-src 'none'/.test(policy) &&
        !/unsafe-inline|unsafe-eval/.test(policy),
      `${page.status} ${policy}`,
    );
    const before = read(REPORT);
    const form = new URLSearchParams({ version: "x", mine: Buffer.from("changed").toString("base64") });
    const foreign = await fetch(`${origin}/save/${encodePath(REPORT)}`, {
      method: "POST",
      redirect: "manual",
      body: form,
      headers: { cookie, origin: "http://evil.example", "content-type": "application/x-www-form-urlencoded" },
    });
    check(
      "guard: a change sent from another origin is refused with 403 and writes nothing",
      foreign.status === 403 && read(REPORT) === before,
      `status ${foreign.status}`,
    );
  });

  // A form of the server's own pages is let in: the browser's Origin is the server's.
  await part("forms", async () => {
    const { context, page } = await session(browser);
    const before = read(REPORT);
    try {
      const shown = await page.goto(`${origin}/edit/${encodePath(REPORT)}`, { waitUntil: "load" });
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST" && r.request().isNavigationRequest()),
        page.waitForNavigation({ waitUntil: "load" }),
        page.getByRole("button", { name: "Save", exact: true }).click(),
      ]);
      const sent = (await response.request().allHeaders()).origin;
      const words = (await page.locator("body").innerText()).trim().slice(0, 120);
      check(
        "forms: a form sent from the server's own page is let in (saving an unchanged record)",
        response.status() === 303 && page.url().includes("done=saved"),
        `POST ${new URL(response.url()).pathname} answered ${response.status()} “${words}”; the browser sent Origin: ${sent}; ` +
          `the page that sent it has Referrer-Policy: ${(await shown.allHeaders())["referrer-policy"]}`,
      );
      check("forms: saving an unchanged record writes nothing", read(REPORT) === before);
    } finally {
      await context.close();
    }
  });

  // A new observation, written in the form: findings as it is typed, and exactly that saved.
  await part("new observation", async () => {
    const { context, page, events } = await session(browser);
    try {
      await page.getByRole("link", { name: "New record" }).click();
      await page.waitForURL(`${origin}/new`);
      await page.locator("#type").selectOption("observation");
      await Promise.all([
        page.waitForURL(/\/new\?type=observation/),
        page.getByRole("button", { name: "Choose" }).click(),
      ]);
      const title = "Observation: group supervision on a hard decision";
      await page.locator("#title").fill(title);
      await page.locator("#date").fill("2026-11-20");
      await page.locator("#kind").selectOption("direct");
      await page.locator("#observer").fill("Sam Patel");
      await page.locator("#setting").fill("the team’s group supervision");
      await page.locator("summary", { hasText: "6. Relationship-based practice supervision" }).click();
      await page.locator('[id="std-6.1"]').check();
      await post(page, () => page.getByRole("button", { name: "Start the record" }).click());
      const path = decodeURIComponent(new URL(page.url()).pathname);
      const created = path.slice("/edit/".length);
      check(
        "new observation: the form leads to the new record's edit page",
        /^evidence\/2026-11-20-observation-direct-[a-z0-9-]+\.md$/.test(created) && existsSync(onDisk(created)),
        page.url(),
      );
      const front =
        `---\ntitle: "${title}"\ntype: observation\nkind: "direct"\ndate: 2026-11-20\nobserver: "Sam Patel"\n` +
        `setting: "the team’s group supervision"\nstandards: ["6.1"]\ndraft: true\n---\n`;
      const started = read(created);
      check(
        "new observation: the file starts with the fields given",
        started.startsWith(front),
        JSON.stringify(started.slice(0, 260)),
      );
      check(
        "new observation: the edit page shows the fields",
        (await page.locator("#title").inputValue()) === title &&
          (await page.locator("#date").inputValue()) === "2026-11-20" &&
          (await page.locator("#kind").inputValue()) === "direct" &&
          (await page.locator('[id="std-6.1"]').isChecked()) &&
          (await page.locator("#draft").isChecked()),
      );

      // Typed, a name with a title is found while typing; "Mrs A" is not.
      const body = await page.locator("#body");
      const opening =
        "## Planning and consent\n\nWe agreed the focus with the group beforehand; everyone consented.\n\n" +
        "## What was observed\n\nA café-style round, with a line ending in spaces   \n";
      await body.fill(opening);
      await body.press("End");
      await body.pressSequentially("The worker discussed Mrs Pritchard, who lives alone.", { delay: 5 });
      const found = await page
        .waitForFunction(() => document.querySelector("#findings")?.textContent.includes("privacy-name-title"), null, {
          timeout: 10000,
        })
        .then(
          () => true,
          () => false,
        );
      check(
        "new observation: typing “Mrs Pritchard” shows the finding privacy-name-title",
        found,
        await page.locator("#findings").innerText(),
      );
      const live = await page.locator("#findings").getAttribute("aria-live");
      check(
        "new observation: the findings are announced as they change (aria-live)",
        live === "polite" || live === "assertive",
        String(live),
      );
      const shown = await page.locator("#preview").innerText();
      check(
        "new observation: the preview shows the text as typed",
        shown.includes("Mrs Pritchard, who lives alone"),
        shown.slice(0, 200),
      );
      const typed = `${opening}The worker discussed Mrs A, who lives alone.\n\n## Observer's feedback\n\nClear and kind.\n`;
      await body.fill(typed);
      await page.waitForFunction(
        () => document.querySelector("#preview")?.textContent.includes("Mrs A, who lives alone"),
        null,
        { timeout: 10000 },
      );
      const after = await page.locator("#findings").innerText();
      check("new observation: with “Mrs A” the finding goes", !after.includes("privacy-name-title"), after);

      await page.locator("#observer").fill("Sam Patel (mentor)");
      const sent = later(
        page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname.startsWith("/save/")),
      );
      const saved = await save(page);
      const form = new URLSearchParams((await sent).postData() ?? "");
      check(
        "new observation: the browser sent the text with CRLF line endings",
        (form.get("body") ?? "").includes("\r\n"),
      );
      check(
        "new observation: saving leads to the record, saying it is saved",
        saved.status() === 303 &&
          /\/record\/.*done=saved/.test(page.url()) &&
          // The page may be reloading: the server has seen the file change.
          (await page
            .getByText("Saved.", { exact: true })
            .waitFor()
            .then(
              () => true,
              () => false,
            )),
        `${saved.status()} ${page.url()}`,
      );
      const expected = front.replace('observer: "Sam Patel"', "observer: Sam Patel (mentor)") + typed;
      const file = read(created);
      check("new observation: no CR is left in the file", !file.includes("\r"), JSON.stringify(file.slice(0, 80)));
      check(
        "new observation: the body on the disk is byte for byte what was typed",
        Buffer.from(split(file).body).equals(Buffer.from(typed)),
        `${JSON.stringify(split(file).body.slice(0, 300))}`,
      );
      check(
        "new observation: the file is the fields given and the text typed",
        file === expected,
        JSON.stringify(file.slice(0, 400)),
      );
      check("new observation: no page error", events.errors.length === 0, events.errors.join("; "));
      check("new observation: no content security policy violation", events.csp.length === 0, events.csp.join("; "));
    } finally {
      await context.close();
    }
  });

  // The pages follow the files: the edit page of an untouched record reloads, the dashboard
  // reloads, and a page where a field is being filled in says so instead.
  await part("live", async () => {
    const { context, page, events } = await session(browser);
    try {
      await openPage(page, `/edit/${encodePath(WORKSHOP)}`);
      await page.evaluate(() => {
        window.notReloaded = true;
      });
      const before = read(WORKSHOP);
      write(WORKSHOP, `${before}\nAdded on the disk while the page was open.\n`);
      const updated = await page
        .waitForFunction(
          () => document.querySelector("#body")?.value.includes("Added on the disk while the page was open."),
          null,
          {
            timeout: 10000,
          },
        )
        .then(
          () => true,
          () => false,
        );
      check(
        "live: the edit page of an untouched record shows a change made on the disk",
        updated,
        (await page.locator("#body").inputValue()).slice(-120),
      );
      check("live: the edit page was reloaded", (await page.evaluate(() => window.notReloaded)) === undefined);
      write(WORKSHOP, before);

      await openPage(page, "/");
      const count = () =>
        page
          .locator(".summary")
          .innerText()
          .then((t) => Number(/(\d+) records?/.exec(t)?.[1]));
      const records = await count();
      await page.evaluate(() => {
        window.notReloaded = true;
      });
      const title = "Learning from a live reload";
      write(
        "evidence/2026-11-21-learning-live-reload.md",
        `---\ntitle: ${title}\ntype: learning\ndate: 2026-11-21\nstandards: [4.1]\n---\n## What I learned\n\nThe dashboard follows the files.\n`,
      );
      const reloaded = await page
        .waitForFunction(
          (n) => new RegExp(`\\b${n} records`).test(document.querySelector(".summary")?.textContent ?? ""),
          records + 1,
          { timeout: 10000 },
        )
        .then(
          () => true,
          () => false,
        );
      check(
        "live: the dashboard counts a record written on the disk",
        reloaded,
        `${records} before, now: ${await page.locator(".summary").innerText()}`,
      );
      check("live: the dashboard was reloaded", (await page.evaluate(() => window.notReloaded)) === undefined);
      const listed = await page
        .locator("#git-title + p + ul.files")
        .innerText()
        .catch(() => "");
      check(
        "live: the new file is listed as not yet committed",
        listed.includes("2026-11-21-learning-live-reload.md"),
        listed,
      );

      // A field being filled in is kept: the page says the portfolio changed instead.
      await page.evaluate(() => {
        window.notReloaded = true;
      });
      await page.locator("#message").fill("Some words");
      await page.locator("#message").focus();
      write(
        "evidence/2026-11-21-learning-live-reload.md",
        read("evidence/2026-11-21-learning-live-reload.md") + "\nMore.\n",
      );
      const said = await holds(page, () => {
        const notice = document.querySelector("#changed");
        return notice && !notice.hidden && notice.textContent.includes("changed");
      });
      check(
        "live: with a field being filled in, the dashboard says it changed instead of reloading",
        said &&
          (await page.evaluate(() => window.notReloaded)) === true &&
          (await page.locator("#message").inputValue()) === "Some words",
        await page
          .locator("#changed")
          .innerText()
          .catch(() => ""),
      );

      // A page the user is leaving (a link followed, an address typed) is not brought back by a
      // change heard as it goes; should the user stay after all, the change is acted on then.
      await openPage(page, "/");
      await page.evaluate(() => {
        window.notReloaded = true;
        window.dispatchEvent(new Event("beforeunload"));
      });
      const loaded = later(page.waitForEvent("load", { timeout: 10000 }));
      write(
        "evidence/2026-11-21-learning-live-reload.md",
        read("evidence/2026-11-21-learning-live-reload.md") + "\nAnd more.\n",
      );
      await page.waitForTimeout(2000);
      check(
        "live: a page being left is not reloaded by a change heard as it goes",
        (await page.evaluate(() => window.notReloaded)) === true,
      );
      const stayed = await loaded.then(
        () => true,
        () => false,
      );
      check(
        "live: a page the user stayed on is reloaded for the change heard meanwhile",
        stayed && (await page.evaluate(() => window.notReloaded)) === undefined,
      );
      check("live: no page error", events.errors.length === 0, events.errors.join("; "));
    } finally {
      await context.close();
    }
  });

  // More pages open than a browser lets connect to one address at once (six): each still loads,
  // and each follows the files, for they share one connection to the server's events.
  await part("many pages", async () => {
    const { context, page: first, events } = await session(browser);
    const paths = ["/", "/records", `/record/${encodePath(AUDIT)}`, `/edit/${encodePath(AUDIT)}`, "/pack", "/new"];
    const pages = [first];
    try {
      for (let i = 1; i < 9; i += 1) pages.push(await context.newPage());
      const opened = [];
      for (const [i, page] of pages.entries()) {
        const path = paths[i % paths.length];
        const loaded = await openPage(page, path).then(
          () => true,
          (error) => `${path}: ${String(error.message ?? error).split("\n")[0]}`,
        );
        opened.push(loaded);
        // A page that did not load is left alone: asked anything, it would wait for ever.
        if (loaded === true) {
          await page.evaluate(() => {
            window.notReloaded = true;
          });
        }
      }
      check(
        "many pages: nine pages open at once each load and listen for changes",
        opened.every((o) => o === true),
        opened.filter((o) => o !== true).join("; "),
      );
      const records = async () => Number(/(\d+) records?/.exec(await pages[0].locator(".summary").innerText())?.[1]);
      const before = await records();
      const title = "Learning with many pages open";
      write(
        "evidence/2026-11-21-learning-many-pages.md",
        `---\ntitle: ${title}\ntype: learning\ndate: 2026-11-21\nstandards: [4.1]\n---\n## What I learned\n\nEvery page follows.\n`,
      );
      // Every page but the edit pages (whose record did not change) and the new-record pages
      // (a form, the focus in a field) is made again.
      const followed = await Promise.all(
        pages.map((page, i) => {
          const path = paths[i % paths.length];
          if (opened[i] !== true) return Promise.resolve(`${path} (never loaded)`);
          if (path.startsWith("/edit/") || path === "/new") return Promise.resolve(true);
          return page
            .waitForFunction(() => window.notReloaded === undefined && document.readyState === "complete", null, {
              timeout: 10000,
            })
            .then(
              () => true,
              () => path,
            );
        }),
      );
      check(
        "many pages: each page made from the files is made again when one changes",
        followed.every((f) => f === true),
        `not made again: ${followed.filter((f) => f !== true).join(", ")}`,
      );
      const after = await records();
      check("many pages: the dashboard counts the new record", after === before + 1, `${before} then ${after}`);
      check("many pages: no page error", events.errors.length === 0, events.errors.join("; "));
    } finally {
      remove("evidence/2026-11-21-learning-many-pages.md");
      await context.close();
    }
  });

  // A browser without shared workers: each page connects to the events itself, and follows.
  await part("no shared worker", async () => {
    const { context, events } = await session(browser);
    try {
      await context.addInitScript(() => {
        delete window.SharedWorker;
      });
      const page = await context.newPage();
      await openPage(page, "/records");
      await page.evaluate(() => {
        window.notReloaded = true;
      });
      write(
        "evidence/2026-11-21-learning-no-worker.md",
        `---\ntitle: Learning without a worker\ntype: learning\ndate: 2026-11-21\nstandards: [4.1]\n---\n## What I learned\n\nIt follows.\n`,
      );
      const followed = await holds(page, () => window.notReloaded === undefined && document.readyState === "complete");
      check("no shared worker: a page connects itself and is made again when a file changes", followed);
      check("no shared worker: no page error", events.errors.length === 0, events.errors.join("; "));
    } finally {
      remove("evidence/2026-11-21-learning-no-worker.md");
      await context.close();
    }
  });

  // Two tabs save one record: the second meets the conflict page, and its choice is written.
  await part("conflict", async () => {
    const { context, page: first, events } = await session(browser);
    try {
      const original = read(AUDIT);
      const { front, body } = split(original);
      await openPage(first, `/edit/${encodePath(AUDIT)}`);
      const second = await context.newPage();
      await openPage(second, `/edit/${encodePath(AUDIT)}`);

      const mine = `${body}\nA paragraph added in the second tab.\n`;
      await second.locator("#body").fill(mine);
      await first.locator("#title").fill("Leading a case file audit (retitled in the first tab)");
      const firstSaved = await save(first);
      // A save can be seen as two changes (its temporary file, then the file): the second tab
      // saves once the server has seen both, so that the conflict page is not told of one.
      lastWrite = Date.now();
      const oldTitle = /^title: .*$/m.exec(front)[0];
      const expectedFirst = original.replace(oldTitle, "title: Leading a case file audit (retitled in the first tab)");
      check(
        "conflict: the first tab saves",
        firstSaved.status() === 303 && first.url().includes("done=saved"),
        `${firstSaved.status()} ${first.url()}`,
      );
      check(
        "conflict: the first tab's save changed only the title line",
        read(AUDIT) === expectedFirst,
        JSON.stringify(read(AUDIT).slice(0, 200)),
      );

      const noticed = await holds(second, () => {
        const notice = document.querySelector("#changed");
        return notice && !notice.hidden && notice.textContent.trim() !== "";
      });
      check(
        "conflict: the second tab, with unsaved edits, says the record changed on the disk",
        noticed && (await second.locator("#body").inputValue()) === mine,
        await second
          .locator("#changed")
          .innerText()
          .catch(() => ""),
      );

      await quiet();
      const answer = await save(second);
      const heading = await second.locator("h1").innerText();
      check(
        "conflict: saving the second tab shows the conflict page (409)",
        answer.status() === 409 && heading === "This record changed since you opened it",
        `${answer.status()} ${heading}`,
      );
      check("conflict: nothing is written before the user chooses", read(AUDIT) === expectedFirst);
      const diff = await second.locator("pre.diff").innerText();
      check(
        "conflict: the difference shows both changes",
        diff.includes("- title: Leading a case file audit (retitled in the first tab)") &&
          diff.includes("+ A paragraph added in the second tab."),
        diff.slice(0, 300),
      );
      await post(second, () =>
        second.getByRole("button", { name: "Keep my version (replace the one on the disk)" }).click(),
      );
      check(
        "conflict: “Keep my version” writes the second tab's version",
        read(AUDIT) === front + mine && second.url().includes("done=saved"),
        `${second.url()} ${JSON.stringify(read(AUDIT).slice(0, 200))}`,
      );
      check("conflict: no page error", events.errors.length === 0, events.errors.join("; "));
      check("conflict: no content security policy violation", events.csp.length === 0, events.csp.join("; "));
    } finally {
      await context.close();
    }
  });

  // Saving changes only what was edited: when only the title changes, a blank line at the start
  // of the text, Windows line endings, and standards listed in an order of the writer's own, are
  // kept as they were.
  await part("kept", async () => {
    const REVIEW = "evidence/pdp/2026-11-02-pdp-review-end-of-year.md"; // standards: [3, 5, 8]
    const MCA = "evidence/2026-08-03-learning-mental-capacity-refresher.md"; // standards: ["7.2", "4.2"]
    const originals = { [REVIEW]: read(REVIEW), [MCA]: read(MCA) };
    const { context, page } = await session(browser);
    try {
      const cases = [
        ["a blank line at the start of the text", REVIEW, originals[REVIEW].replace("\n---\n", "\n---\n\n")],
        ["Windows line endings", REVIEW, originals[REVIEW].replace(/\n/g, "\r\n")],
        ['standards listed out of the framework\'s order (standards: ["7.2", "4.2"])', MCA, originals[MCA]],
      ];
      for (const [what, file, text] of cases) {
        write(file, text);
        await openPage(page, `/edit/${encodePath(file)}`);
        await page.locator("#title").fill("A new title for the refresher");
        await save(page);
        const expected = text.replace(/^title: .*?(\r?\n)/m, "title: A new title for the refresher$1");
        const now = read(file);
        check(
          `kept: changing only the title keeps ${what}, byte for byte`,
          now === expected,
          `the file starts ${JSON.stringify(now.slice(0, 140))}; expected ${JSON.stringify(expected.slice(0, 140))}`,
        );
      }
    } finally {
      for (const [file, text] of Object.entries(originals)) write(file, text);
      await context.close();
    }
  });

  // An image of the portfolio typed into the text shows in the preview, from the server itself.
  await part("preview image", async () => {
    const original = read(WORKSHOP);
    cpSync(join(repo, "tests/fixtures/hostile/evidence/square.png"), onDisk("evidence/square.png"));
    lastWrite = Date.now();
    const { context, page, events, offHost } = await session(browser);
    try {
      await openPage(page, `/edit/${encodePath(WORKSHOP)}`);
      await page.locator("#body").fill(`${split(original).body}\n![The team's map](square.png)\n`);
      const shown = await holds(page, () => {
        const image = document.querySelector("#preview img[alt=\"The team's map\"]");
        return image && image.complete && image.naturalWidth > 0;
      });
      check(
        "preview image: an image of the portfolio typed into the text is shown in the preview",
        shown,
        await page
          .locator("#preview")
          .innerHTML()
          .then((html) => html.slice(-300))
          .catch(() => ""),
      );
      check("preview image: nothing is asked of another host", offHost().length === 0, offHost().join(" "));
      check("preview image: no content security policy violation", events.csp.length === 0, events.csp.join("; "));
    } finally {
      rmSync(onDisk("evidence/square.png"), { force: true });
      lastWrite = Date.now();
      await context.close();
    }
  });

  // Once the conflict page is shown, nothing is written until the user chooses: not even when
  // the file on the disk goes back to the version the edit page read (an editor's undo).
  await part("conflict, then undone on the disk", async () => {
    const original = read(WORKSHOP);
    const { context, page } = await session(browser);
    try {
      await openPage(page, `/edit/${encodePath(WORKSHOP)}`);
      await page.locator("#body").fill(`${split(original).body}\nMy unsaved paragraph.\n`);
      write(WORKSHOP, `${original}\nChanged on the disk.\n`);
      await page.waitForFunction(() => !document.querySelector("#changed")?.hidden, null, { timeout: 10000 });
      const answer = await save(page);
      check("conflict, then undone: the conflict page is shown", answer.status() === 409, String(answer.status()));
      await listening(page);
      const again = page
        .waitForRequest((r) => r.method() === "POST", { timeout: 3000 })
        .then(
          (r) => r,
          () => null,
        );
      write(WORKSHOP, original);
      const sent = await again;
      if (sent) {
        await sent.response();
        await page.waitForLoadState("load");
      }
      const now = read(WORKSHOP);
      check(
        "conflict, then undone: the conflict page does not send the form again when a file changes",
        sent === null,
        sent
          ? `a change on the disk made the page reload itself, which sent POST ${new URL(sent.url()).pathname} again; the page is now ${page.url()}`
          : "",
      );
      check(
        "conflict, then undone: nothing is written until the user chooses",
        now === original,
        now.includes("My unsaved paragraph.")
          ? "the user's version was written without their choosing it"
          : JSON.stringify(now.slice(-120)),
      );
    } finally {
      write(WORKSHOP, original);
      await context.close();
    }
  });

  // A record holding script and HTML: shown, edited and in the pack, none of it runs, and
  // nothing is fetched from elsewhere. The policy is bypassed, so that only the escaping of the
  // record's text stands between the planted script and the page.
  await part("planted", async () => {
    const PLANTED = "evidence/2026-02-01-reflection-planted.md";
    write(
      PLANTED,
      `---\ntitle: "Planted <b onmouseover=\\"window.pwned=3\\">bold</b> title <script>window.pwned=4</script>"\n` +
        `type: reflection\ndate: 2026-02-01\nstandards: [6.1]\n---\n## What happened\n\n` +
        `<script>window.pwned=1</script>\n\n<img src=x onerror="window.pwned=2">\n\n` +
        `A [link that must not run](javascript:window.pwned=5) and <a href="javascript:window.pwned=6">an inline link</a>.\n\n` +
        `<svg onload="window.pwned=7"></svg> and a remote image: ![tracker](https://example.org/tracker.png)\n`,
    );
    const { context, page, events, offHost } = await session(browser, { bypassCSP: true });
    const inert = async (name, target = page) => {
      const state = await target.evaluate(() => ({
        pwned: typeof window.pwned === "undefined" ? null : String(window.pwned),
        scripts: [...document.scripts]
          .map((s) => s.getAttribute("src") ?? "inline")
          .filter((src) => src !== "/assets/serve.js"),
        handlers: [...document.querySelectorAll("*")].flatMap((el) =>
          [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`),
        ),
        jsLinks: [...document.querySelectorAll("[href], [src]")]
          .map((el) => el.getAttribute("href") ?? el.getAttribute("src"))
          .filter((url) => /^\s*javascript:/i.test(url)),
      }));
      check(`planted: ${name}: no planted script ran`, state.pwned === null, state.pwned ?? "");
      check(
        `planted: ${name}: no script element but the server's own`,
        state.scripts.length === 0,
        state.scripts.join(", "),
      );
      check(`planted: ${name}: no event handler attribute`, state.handlers.length === 0, state.handlers.join(", "));
      check(`planted: ${name}: no javascript: address`, state.jsLinks.length === 0, state.jsLinks.join(", "));
    };
    try {
      await openPage(page, `/record/${encodePath(PLANTED)}`);
      const heading = await page.locator(".shown h2, .shown h1").first().innerText();
      check("planted: the record page shows the title's HTML as text", heading.includes("<b onmouseover="), heading);
      await page.locator(".shown h2, .shown h1").first().hover();
      for (const link of await page.locator(".shown a", { hasText: /link/ }).all()) {
        await link.click({ timeout: 2000 }).catch(() => {});
      }
      await inert("record page");

      await openPage(page, `/edit/${encodePath(PLANTED)}`);
      await page.locator("#body").press("End");
      await page
        .locator("#body")
        .pressSequentially('\n\n<script>window.pwned=8</script><img src=y onerror="window.pwned=9">', { delay: 2 });
      await page.waitForFunction(
        () => document.querySelector("#preview")?.textContent.includes("window.pwned=9"),
        null,
        { timeout: 10000 },
      );
      await inert("edit page, after typing");

      await openPage(page, "/pack");
      const frame = page.frameLocator("#pack");
      await frame.locator("body").waitFor({ timeout: 10000 });
      await inert("pack page");
      const packFrame = page.frames().find((f) => f.url().endsWith("/pack.html"));
      if (packFrame) {
        const text = await packFrame.locator("body").innerText();
        check(
          "planted: the pack shows the record's script as text",
          text.includes("<script>window.pwned=1</script>"),
          text.slice(0, 80),
        );
        await inert("the pack in its frame", packFrame);
      } else {
        check(
          "planted: the pack is shown in its frame",
          false,
          page
            .frames()
            .map((f) => f.url())
            .join(", "),
        );
      }
      check("planted: no dialog opened", events.dialogs.length === 0, events.dialogs.join("; "));
      check("planted: no page error", events.errors.length === 0, events.errors.join("; "));
      check("planted: no request left 127.0.0.1", offHost().length === 0, offHost().join(", "));
    } finally {
      await context.close();
      remove(PLANTED);
    }
  });

  // With the keyboard alone: from the dashboard to a new record, written and saved.
  await part("keyboard", async () => {
    const { context, page, events } = await session(browser);
    const unoutlined = [];
    const tabTo = async (test, what, { max = 80, back = false } = {}) => {
      for (let i = 0; i < max; i += 1) {
        await page.keyboard.press(back ? "Shift+Tab" : "Tab");
        if (await page.evaluate(test)) {
          const seen = await outlined(page);
          if (!seen.outline || !seen.onScreen)
            unoutlined.push(`${seen.what}: ${seen.style}${seen.onScreen ? "" : ", off screen"}`);
          return;
        }
      }
      throw new Error(`${what} was not reached with ${back ? "Shift+Tab" : "Tab"}`);
    };
    try {
      await page.goto(`${origin}/`, { waitUntil: "load" });
      await page.keyboard.press("Tab");
      const first = await outlined(page);
      const skip = await page.evaluate(
        () => document.activeElement.matches("a.skip") && document.activeElement.getAttribute("href") === "#main",
      );
      check("keyboard: the skip link is the first Tab stop", skip, first.what);
      check("keyboard: the skip link is shown, outlined, when focused", first.outline && first.onScreen, first.style);
      await page.keyboard.press("Enter");
      const inMain = await page.evaluate(() => document.activeElement?.id === "main");
      check(
        "keyboard: the skip link moves the focus to the content",
        inMain,
        await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 60)),
      );
      await page.keyboard.press("Shift+Tab");

      await tabTo(() => document.activeElement.matches(".bar a[href$='/new']"), "the New record link", { back: true });
      await Promise.all([page.waitForURL(`${origin}/new`), page.keyboard.press("Enter")]);
      await tabTo(() => document.activeElement.id === "type", "the type of record");
      // Observation, reflection, supervision, feedback.
      for (let i = 0; i < 3; i += 1) await page.keyboard.press("ArrowDown");
      const chosen = await page.locator("#type").inputValue();
      check("keyboard: the arrow keys choose the type", chosen === "feedback", chosen);
      await tabTo(() => document.activeElement.textContent === "Choose", "Choose");
      await Promise.all([page.waitForURL(/\/new\?type=feedback/), page.keyboard.press("Enter")]);

      await tabTo(() => document.activeElement.id === "title", "the title");
      await page.keyboard.type("Feedback from a supervisee, by keyboard");
      await tabTo(() => document.activeElement.id === "date", "the date");
      // The first part of the date (the day or the month, as the browser's language has it) one less.
      await page.keyboard.press("ArrowDown");
      const date = await page.locator("#date").inputValue();
      check("keyboard: the arrow keys change the date", /^\d{4}-\d\d-\d\d$/.test(date) && date !== "2026-11-22", date);
      await tabTo(() => document.activeElement.id === "kind", "the kind");
      await page.keyboard.press("ArrowDown");
      const kind = await page.locator("#kind").inputValue();
      await tabTo(
        () => document.activeElement.tagName === "SUMMARY" && document.activeElement.textContent.startsWith("6."),
        "standard 6",
      );
      await page.keyboard.press("Enter");
      await tabTo(() => document.activeElement.id === "std-6.3", "statement 6.3");
      await page.keyboard.press("Space");
      check("keyboard: Space ticks a statement", await page.locator('[id="std-6.3"]').isChecked());
      await tabTo(() => document.activeElement.textContent === "Start the record", "Start the record");
      await post(page, () => page.keyboard.press("Enter"));
      const file = decodeURIComponent(new URL(page.url()).pathname).slice("/edit/".length);
      check(
        "keyboard: the form leads to the new record's edit page",
        file.startsWith(`evidence/${date}-feedback-`) && existsSync(onDisk(file)),
        page.url(),
      );

      await tabTo(() => document.activeElement.id === "body", "the record's text", { max: 200 });
      await page.keyboard.press("Control+End");
      await page.keyboard.press("Enter");
      await page.keyboard.type("Written with the keyboard alone.");
      // After the text: the words for git (the portfolio is a repository), then Save.
      await tabTo(() => document.activeElement.textContent === "Save", "Save", { max: 2 });
      await page.keyboard.press("Shift+Tab");
      const back = await page.evaluate(() => document.activeElement.id);
      check("keyboard: Shift+Tab from Save goes back to the words for git", back === "message", back);
      await page.keyboard.press("Shift+Tab");
      const backToBody = await page.evaluate(() => document.activeElement.id === "body");
      check("keyboard: and once more to the text", backToBody);
      await tabTo(() => document.activeElement.textContent === "Save", "Save", { max: 2 });
      await post(page, () => page.keyboard.press("Enter"));
      const text = read(file);
      check(
        "keyboard: the record is on the disk as written",
        text.includes("Written with the keyboard alone.") &&
          text.includes('title: "Feedback from a supervisee, by keyboard"') &&
          text.includes(`kind: "${kind}"`) &&
          text.includes(`date: ${date}\n`) &&
          text.includes('standards: ["6.3"]'),
        JSON.stringify(text.slice(0, 300)),
      );
      check("keyboard: every focused element has a visible outline", unoutlined.length === 0, unoutlined.join("; "));
      check("keyboard: no page error", events.errors.length === 0, events.errors.join("; "));
    } finally {
      await context.close();
    }
  });

  // Every page: its policy, its look at two laptop sizes, and axe-core. For the conflict page,
  // the file changes on the disk while the edit page holds unsaved edits (the page has heard of
  // the change before saving, so that the conflict page is not told of it again), and is put
  // back once the page has been left.
  const agreement = read(AGREEMENT);
  const conflictOn = async (page) => {
    await openPage(page, `/edit/${encodePath(AGREEMENT)}`);
    await page.locator("#body").fill(`${split(agreement).body}\nMy unsaved paragraph.\n`);
    write(AGREEMENT, `${agreement}\nChanged on the disk meanwhile.\n`);
    await page.waitForFunction(() => !document.querySelector("#changed")?.hidden, null, { timeout: 10000 });
    return save(page);
  };
  const conflictLeft = async (page) => {
    await page.goto("about:blank");
    write(AGREEMENT, agreement);
  };
  const pages = [
    { name: "dashboard", path: "/" },
    { name: "records", path: "/records" },
    { name: "record", path: `/record/${encodePath(REPORT)}` },
    { name: "edit", path: `/edit/${encodePath(REPORT)}` },
    { name: "new", path: "/new" },
    { name: "new-observation", path: "/new?type=observation" },
    { name: "pack", path: "/pack" },
    { name: "conflict", open: conflictOn, leave: conflictLeft, status: 409 },
    { name: "not-found", path: "/no/such/page", status: 404 },
  ];
  await part("pages", async () => {
    const { context, page, events } = await session(browser);
    try {
      for (const { name, path, open, leave, status = 200 } of pages) {
        try {
          await page.setViewportSize({ width: 1366, height: 768 });
          await quiet();
          const packFrame = page
            .waitForResponse((r) => r.url().endsWith("/pack.html"), { timeout: 10000 })
            .catch(() => null);
          const response = open ? await open(page) : await page.goto(`${origin}${path}`, { waitUntil: "load" });
          check(`${name}: answers ${status}`, response.status() === status, `${response.status()} ${page.url()}`);
          const headings = await page.locator("h1").allInnerTexts();
          check(
            `${name}: has one main heading (h1)`,
            headings.length === 1,
            headings.length ? headings.join(" | ") : "no h1",
          );
          const policy = (await response.allHeaders())["content-security-policy"] ?? "";
          check(
            `${name}: carries the content security policy`,
            /script-src 'self'/.test(policy) && /default-src 'none'/.test(policy),
            policy,
          );
          if (name === "pack") {
            const frame = await packFrame;
            await page.frameLocator("#pack").locator("#cover-title").waitFor({ timeout: 10000 });
            const packPolicy = frame ? ((await frame.allHeaders())["content-security-policy"] ?? "") : "";
            check(
              "pack: the pack in its frame carries its own policy, with no script",
              /default-src 'none'/.test(packPolicy) && !/script-src/.test(packPolicy),
              packPolicy,
            );
          }
          for (const [width, height] of [
            [1366, 768],
            [1280, 800],
          ]) {
            await page.setViewportSize({ width, height });
            await page.screenshot({ path: join(out, `${name}-${width}.png`), fullPage: true });
          }
        } catch (error) {
          check(`${name}: the page is shown`, false, String(error?.message ?? error).split("\n")[0]);
        } finally {
          if (leave) await leave(page);
        }
      }
      check("pages: no content security policy violation", events.csp.length === 0, events.csp.join("; "));
      check("pages: no page error", events.errors.length === 0, events.errors.join("; "));
    } finally {
      await context.close();
    }
  });

  await part("axe", async () => {
    const { context, page } = await session(browser, { bypassCSP: true });
    try {
      for (const { name, path, open, leave, status = 200 } of pages) {
        try {
          await quiet();
          const response = open ? await open(page) : await page.goto(`${origin}${path}`, { waitUntil: "load" });
          if (response.status() !== status) throw new Error(`the page answered ${response.status()}, not ${status}`);
          await page.addScriptTag({ content: axeSource });
          const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
          const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
          check(
            `${name}: axe-core finds no serious or critical violation`,
            serious.length === 0,
            serious
              .map(
                (v) =>
                  `${v.id} (${v.impact}): ${v.nodes
                    .map((n) => n.target.join(" "))
                    .slice(0, 4)
                    .join(", ")}`,
              )
              .join("; "),
          );
        } catch (error) {
          check(
            `${name}: axe-core finds no serious or critical violation`,
            false,
            String(error?.message ?? error).split("\n")[0],
          );
        } finally {
          if (leave) await leave(page);
        }
      }
    } finally {
      await context.close();
    }
  });
} finally {
  await browser.close();
  stopServer();
}
if (failures() === 0) rmSync(portfolio, { recursive: true, force: true });
else console.log(`the portfolio served is left at ${portfolio}`);
finish("browser (serve)");
