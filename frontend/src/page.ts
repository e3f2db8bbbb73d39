// Entry point of the web app's explorable page: read the spec and the URL, connect.
import { ExplorableApp } from "./app";
import { restore, shorten } from "./stored_params";
import { WebSocketTransport } from "./transport/websocket";
import type { PageSpec } from "./types";

const spec = JSON.parse(document.getElementById("mlscope-spec")!.textContent!) as PageSpec;
const query = new URLSearchParams(location.search);
const known = new Set(spec.params.map((p) => p.name));
const linked: Record<string, string> = {};
for (const [k, v] of query) if (known.has(k)) linked[k] = v;
// Your own data is kept in this browser, not in the link (stored_params.ts).
const { values: first, missing } = restore(linked);

const proto = location.protocol === "https:" ? "wss:" : "ws:";
const transport = new WebSocketTransport(`${proto}//${location.host}/ws/${encodeURIComponent(spec.slug)}`);
// Every parameter and the seed live in the URL, so a link reproduces the view. Browsers
// throttle history updates, so while frames stream the URL follows at most 5 times a second
// (and always ends on the latest state).
const URL_EVERY_MS = 200;
let shownUrl = "";
let wantedUrl = "";
let urlTimer = 0;
function showUrl(): void {
  urlTimer = 0;
  if (wantedUrl !== shownUrl) {
    shownUrl = wantedUrl;
    history.replaceState(null, "", wantedUrl);
    urlTimer = window.setTimeout(showUrl, URL_EVERY_MS);
  }
}
// Page-only settings that travel in the URL beside the parameters: embed=1 and the
// classroom mode's hide=name,name.
const pageOnly: Record<string, string> = {};
for (const k of ["embed", "hide", "view"]) if (query.get(k)) pageOnly[k] = query.get(k)!;
let lastUrl: Record<string, string> = {};
function wantUrl(): void {
  const q = new URLSearchParams({ ...shorten(lastUrl), ...pageOnly });
  wantedUrl = `${location.pathname}?${q}`;
  if (!urlTimer) showUrl();
}
const app = new ExplorableApp(document.getElementById("app")!, spec, transport, {
  guide: !document.body.classList.contains("embed"),
  exports: !document.body.classList.contains("embed"),
  hidden: (pageOnly.hide ?? "").split(",").filter(Boolean),
  view: pageOnly.embed && pageOnly.view ? pageOnly.view : undefined,
  onHidden(names) {
    if (names.length) pageOnly.hide = names.join(",");
    else delete pageOnly.hide;
    wantUrl();
  },
  onUrl(url) {
    lastUrl = url;
    wantUrl();
  },
});
transport.connect(app, first);
if (missing.length) {
  const labels = missing.map((k) => spec.params.find((p) => p.name === k)?.label ?? k);
  const off = app.onFrame(() => { // after the connection's own status is cleared
    off();
    app.setStatus(`This link was made in another browser: its data (${labels.join(", ")}) `
      + "stayed there, so the page opens without it. Upload the file again to use it.");
  });
}
(window as unknown as { __mlscope: ExplorableApp }).__mlscope = app;
