// Entry point of the web app's explorable page: read the spec and the URL, connect.
import { ExplorableApp } from "./app";
import { WebSocketTransport } from "./transport/websocket";
import type { PageSpec } from "./types";

const spec = JSON.parse(document.getElementById("mlscope-spec")!.textContent!) as PageSpec;
const query = new URLSearchParams(location.search);
const known = new Set(spec.params.map((p) => p.name));
const first: Record<string, string> = {};
for (const [k, v] of query) if (known.has(k)) first[k] = v;

const proto = location.protocol === "https:" ? "wss:" : "ws:";
const transport = new WebSocketTransport(`${proto}//${location.host}/ws/${encodeURIComponent(spec.slug)}`);
let lastUrl = "";
const app = new ExplorableApp(document.getElementById("app")!, spec, transport, {
  guide: !document.body.classList.contains("embed"),
  onUrl(url) {
    // Every parameter and the seed live in the URL, so a link reproduces the view.
    const q = new URLSearchParams(url);
    if (query.has("embed")) q.set("embed", query.get("embed")!);
    const next = `${location.pathname}?${q}`;
    if (next !== lastUrl) {
      lastUrl = next;
      history.replaceState(null, "", next);
    }
  },
});
transport.connect(app, first);
(window as unknown as { __mlscope: ExplorableApp }).__mlscope = app;
