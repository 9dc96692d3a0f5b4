// pqs serve: one connection to the server's change events, shared by every page of it open in
// this browser. Browsers allow six connections at once to one address: were each page to hold its
// own, a seventh page would not load at all. Each page asks for the fingerprints as they are when
// it starts (/fingerprints); this tells it of every change after. Plain script, served by pqs.
"use strict";
const ports = new Set();
let source = null;

self.onconnect = (event) => {
  const port = event.ports[0];
  ports.add(port);
  // A page going away says so; one shown again from the browser's history comes back.
  port.onmessage = (message) => {
    if (message.data === "gone") ports.delete(port);
    if (message.data === "back") ports.add(port);
  };
  port.start();
  if (source === null) {
    source = new EventSource("/events");
    source.addEventListener("change", (change) => {
      ports.forEach((each) => each.postMessage(change.data));
    });
  }
};
