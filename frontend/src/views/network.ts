// The Network view. Two layouts: the classic one here (SVG circles with labels and
// weights written on the edges, for small teaching networks) and the live one in
// network_live.ts (thumbnails, editing), used when the view has column headings.
import type { NetworkView, ViewContext, ViewRenderer } from "../types";
import { allEdges } from "./network_edges";
import { mountNetworkLive } from "./network_live";


const NS = "http://www.w3.org/2000/svg";
const R = 24;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

export function mountNetwork(el: HTMLElement, ctx: ViewContext): ViewRenderer<NetworkView> {
  let impl: ViewRenderer<NetworkView> | null = null;
  let live = false;
  return {
    update(v: NetworkView) {
      const wantLive = v.columns.length > 0;
      if (!impl || wantLive !== live) {
        impl?.destroy();
        impl = wantLive ? mountNetworkLive(el, ctx) : mountNetworkClassic(el);
        live = wantLive;
        el.classList.toggle("network-live", live); // the page gives it more width (style.css)
      }
      impl.update(v);
    },
    destroy() {
      impl?.destroy();
    },
  };
}

/** Edges whose width and colour follow the weight (blue positive, orange negative). */
function mountNetworkClassic(el: HTMLElement): ViewRenderer<NetworkView> {
  const root = svg("svg", { class: "network", role: "img" });
  el.append(root);
  let last: NetworkView | null = null;
  let width = 0;
  // Lay out in CSS pixels of the element's own width, so text keeps its size.
  // Width from the ResizeObserver, never read while drawing (that would force a layout).
  const ro = new ResizeObserver((entries) => {
    const w = entries[entries.length - 1].contentRect.width;
    if (Math.abs(w - width) > 1) {
      width = w;
      if (last) draw(last);
    }
  });
  ro.observe(el);
  width = el.clientWidth;

  function draw(v: NetworkView): void {
      last = v;
      const W = Math.max(240, width);
      const layers = Math.max(...v.nodes.map((n) => n.layer)) + 1;
      const perLayer = new Map<number, typeof v.nodes>();
      for (const n of v.nodes) perLayer.set(n.layer, [...(perLayer.get(n.layer) ?? []), n]);
      const tallest = Math.max(...[...perLayer.values()].map((l) => l.length));
      // Rows leave room for each node's label and, where there is one, its detail line.
      const ROW = v.nodes.some((n) => n.detail) ? 96 : 76;
      const H = tallest * ROW + 56;
      root.setAttribute("viewBox", `0 0 ${W} ${H}`);
      root.setAttribute("height", String(H));
      const pos = new Map<string, [number, number]>();
      for (const [layer, nodes] of perLayer) {
        const x = layers === 1 ? W / 2 : 60 + (layer * (W - 120)) / (layers - 1);
        nodes.forEach((n, i) => pos.set(n.id, [x, H / 2 + (i - (nodes.length - 1) / 2) * ROW - 20]));
      }
      const edges = allEdges(v);
      const maxW = Math.max(1e-9, ...edges.filter((e) => !e.structural).map((e) => Math.abs(e.weight)));
      const parts: SVGElement[] = [];
      for (const e of edges) {
        const [x1, y1] = pos.get(e.source)!;
        const [x2, y2] = pos.get(e.target)!;
        parts.push(svg("line", e.structural
          ? { x1: x1 + R, y1, x2: x2 - R, y2, class: "edge structural", stroke: "#b8c0c8", "stroke-width": 1 }
          : {
            x1: x1 + R, y1, x2: x2 - R, y2, class: "edge",
            stroke: e.weight >= 0 ? "#0877bd" : "#f59322",
            "stroke-width": 1 + 5 * (Math.abs(e.weight) / maxW),
          }));
        if (e.label) {
          const a = e.label_at ?? 0.5;
          const t = svg("text", { x: x1 + R + a * (x2 - x1 - 2 * R), y: y1 + a * (y2 - y1) - 6, class: "edge-label" });
          t.textContent = e.label;
          parts.push(t);
        }
      }
      for (const n of v.nodes) {
        const [x, y] = pos.get(n.id)!;
        const g = svg("g", { class: "node", "data-node": n.id });
        g.append(svg("circle", { cx: x, cy: y, r: R }));
        const label = svg("text", { x, y: y + R + 16, class: "node-label" });
        label.textContent = n.label;
        g.append(label);
        if (n.detail) {
          const d = svg("text", { x, y: y + R + 33, class: "node-detail" });
          d.textContent = n.detail;
          g.append(d);
        }
        parts.push(g);
      }
      root.replaceChildren(...parts);
      // The picture's text alternative: its neurons and the weights it labels.
      const named = edges.filter((e) => e.label).map((e) => e.label);
      root.setAttribute("aria-label", `${v.title || "Network"}: ${v.nodes.map((n) => n.label).join(", ")}`
        + (named.length ? `; ${named.join(", ")}` : ""));
  }

  return {
    update: draw,
    destroy() {
      ro.disconnect();
      el.replaceChildren();
    },
  };
}
