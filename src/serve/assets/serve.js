// pqs serve: checks a record as it is written, and reloads what a page shows when a file of the
// portfolio changes. Plain script, served by pqs itself; it never runs the record's text.
"use strict";
(function () {
  const editor = document.getElementById("editor");
  const notice = document.getElementById("changed");
  let dirty = false;
  let submitting = false;

  function say(words) {
    if (notice) {
      notice.textContent = words;
      notice.hidden = false;
    }
  }

  function findingItem(f) {
    const item = document.createElement("li");
    item.className = "finding " + f.severity;
    const severity = document.createElement("strong");
    severity.textContent = f.severity;
    const code = document.createElement("code");
    code.textContent = f.code;
    item.append(severity, " ", code);
    if (f.place) {
      item.append(" in " + f.place);
    }
    const words = document.createElement("span");
    words.className = "words";
    // Words, and code (a command, a field) as code: as text either way, never as markup.
    f.pieces.forEach((piece) => {
      if (piece.code) {
        const code = document.createElement("code");
        code.textContent = piece.text;
        words.append(code);
      } else {
        words.append(piece.text);
      }
    });
    item.append(": ", words);
    return item;
  }

  // Replaced only when they differ: the list is a live region, read out each time it changes.
  let lastFindings = null;
  function showFindings(findings) {
    const box = document.getElementById("findings");
    const now = JSON.stringify(findings);
    if (!box || now === lastFindings) return;
    lastFindings = now;
    if (findings.length === 0) {
      const none = document.createElement("p");
      none.className = "good";
      none.textContent = "Nothing found.";
      box.replaceChildren(none);
      return;
    }
    const list = document.createElement("ul");
    list.className = "findings";
    findings.forEach((f) => list.append(findingItem(f)));
    box.replaceChildren(list);
  }

  let timer = null;
  let asked = 0;
  async function check() {
    const number = ++asked;
    const body = new URLSearchParams(new FormData(editor));
    const response = await fetch(editor.dataset.check, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    if (!response.ok || number !== asked) return;
    const answer = await response.json();
    showFindings(answer.findings);
    const preview = document.getElementById("preview");
    // Made by pqs from the Markdown, the writer's HTML escaped, as in the pack.
    if (preview) preview.innerHTML = answer.preview;
  }

  // A finding's link names its line (#L12): the text area's line, or the fields at the top.
  function goToLine() {
    const match = /^#L(\d+)$/.exec(window.location.hash);
    const body = document.getElementById("body");
    if (!match || !body) return;
    const line = Number(match[1]) - Number(editor.dataset.bodyLine || 1);
    if (line < 0) {
      document.getElementById("title").focus();
      return;
    }
    const lines = body.value.split("\n");
    const start = lines.slice(0, line).reduce((sum, text) => sum + text.length + 1, 0);
    body.focus();
    body.setSelectionRange(start, start + (lines[line] || "").length);
  }

  if (editor) {
    goToLine();
    editor.addEventListener("input", () => {
      dirty = true;
      clearTimeout(timer);
      timer = setTimeout(() => check().catch(() => {}), 120);
    });
    editor.addEventListener("change", () => {
      dirty = true;
    });
    editor.addEventListener("submit", () => {
      submitting = true;
    });
    window.addEventListener("beforeunload", (event) => {
      if (dirty && !submitting) event.preventDefault();
    });
  }

  // Any other form being filled in (a new record, a commit message, a sign-off) is not thrown
  // away: once a field is changed, or while one has the focus, the page only says it is out of date.
  let touched = false;
  document.addEventListener("input", () => {
    touched = true;
  });
  function filling() {
    const active = document.activeElement;
    const field = active && (active.tagName === "INPUT" || active.tagName === "TEXTAREA" || active.tagName === "SELECT");
    return touched || field;
  }

  // Shows the page again, asked afresh (never a form sent again). Without its #fragment, which
  // would only scroll.
  function reload() {
    window.location.replace(window.location.href.split("#")[0]);
  }

  // The files are no longer those this page was made from.
  async function changed() {
    if (editor) {
      const response = await fetch(editor.dataset.versionUrl, { credentials: "same-origin" });
      if (!response.ok) return;
      const answer = await response.json();
      if (answer.version === editor.dataset.version) return;
      if (dirty) {
        say("This record changed on the disk since you opened it. Your changes are kept here: when you save, pqs shows both versions for you to choose.");
      } else {
        reload();
      }
      return;
    }
    if (document.body.dataset.posted) {
      say("The portfolio changed on the disk since this page was made. What you choose here is still checked against the file as it is then.");
      return;
    }
    if (filling()) {
      say("The portfolio changed on the disk. Reload the page to see it.");
      return;
    }
    reload();
  }

  // Once the user is leaving for another page (a link, the address bar), a change does not
  // reload this one: that would take them back here. Should they stay after all (the "leave the
  // page?" question answered no), a change heard meanwhile is acted on then.
  let leaving = false;
  let heard = false;
  function act() {
    if (leaving) {
      heard = true;
      return;
    }
    changed().catch(() => {});
  }
  window.addEventListener("beforeunload", () => {
    leaving = true;
    setTimeout(() => {
      leaving = false;
      if (heard) {
        heard = false;
        act();
      }
    }, 3000);
  });

  // Each event gives every portfolio's fingerprint; this page's is the one of its base.
  let shown = document.body.dataset.fingerprint;
  function heardOf(data) {
    let now;
    try {
      now = JSON.parse(data)[document.body.dataset.base];
    } catch (error) {
      return;
    }
    if (now === undefined || now === shown) return;
    shown = now;
    act();
  }

  // The fingerprints as they are now, so that a change made since the page was made is not
  // missed; the page then notes that it is listening.
  async function fingerprintsNow() {
    const response = await fetch("/fingerprints", { credentials: "same-origin" });
    if (response.ok) heardOf(await response.text());
    document.body.dataset.listening = "yes";
  }

  // The events come through a worker shared by the server's pages (events.js), so that they hold
  // one connection between them; a browser without shared workers connects from each page, and
  // the server sends such a page the fingerprints as they are now first.
  let direct = null;
  function connect() {
    if (direct || !window.EventSource) return;
    direct = new EventSource("/events");
    direct.addEventListener("change", (event) => heardOf(event.data));
    direct.addEventListener("open", () => {
      document.body.dataset.listening = "yes";
    });
  }
  function listen() {
    if (window.SharedWorker) {
      try {
        const worker = new SharedWorker("/assets/events.js", { name: "pqs-events" });
        // A worker that cannot start: connect from this page instead.
        worker.addEventListener("error", connect);
        worker.port.onmessage = (message) => heardOf(message.data);
        worker.port.start();
        window.addEventListener("pagehide", () => worker.port.postMessage("gone"));
        window.addEventListener("pageshow", (event) => {
          if (!event.persisted) return;
          worker.port.postMessage("back");
          fingerprintsNow().catch(() => {});
        });
        fingerprintsNow().catch(() => {});
        return;
      } catch (error) {
        // Refused (a policy, a private window): connect from this page instead.
      }
    }
    connect();
  }
  if (shown) listen();
})();
