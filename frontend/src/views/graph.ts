// The Graph view in SVG: a tree diagram or a general graph at the positions the server
// laid out (x right, y down in [0, 1]²). A node is a box with its label, its detail lines and
// its class mix as a bar of class colours; when the boxes of the widest row do not fit the
// card, nodes shrink to dots (hover for their text). A click on a node sends click_action
// with its id. Mirror of mlscope/render/graph.py.
import { labelColor } from "../colors";
import type { GraphView, ViewContext, ViewRenderer } from "../types";

const NS = "http://www.w3.org/2000/svg";
const HIGHLIGHT = "#c2185b";
const FONT = 11;

function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** A node box's size in pixels: wide enough for its longest line, tall enough for all
 *  (with ``detail`` false, for the label alone). */
export function boxSize(view: GraphView, detail = true): { w: number; h: number } {
  let chars = 4;
  let lines = 1;
  for (const n of view.nodes) {
    const more = detail && n.detail ? n.detail.split("\n") : [];
    chars = Math.max(chars, ...[n.label, ...more].map((t) => t.length));
    lines = Math.max(lines, 1 + more.length);
  }
  return { w: Math.ceil(chars * FONT * 0.6 + 14), h: Math.ceil(lines * FONT * 1.3 + 12) };
}

/** How to draw a graph in a card ``width`` wide (``widest``: its crowding): whole boxes if
 *  the most crowded row fits; else
 *  boxes with their label only (the rest on hover); else whole boxes in a wider picture the
 *  card scrolls, up to 3 cards wide; else dots. */
export function fitGraph(view: GraphView, width: number, widest: number):
  { mode: "full" | "labels" | "dots"; W: number; w: number; h: number } {
  const full = boxSize(view);
  if (widest * (full.w + 8) <= width) return { mode: "full", W: width, ...full };
  const short = boxSize(view, false);
  if (widest * (short.w + 8) <= width) return { mode: "labels", W: width, ...short };
  const need = widest * (full.w + 8) + 16;
  if (need <= 3 * width) return { mode: "full", W: need, ...full };
  return { mode: "dots", W: width, w: 12, h: 12 };
}

/** How crowded the picture is: 1 over the smallest gap, as a share of the width, between
 *  two nodes of one row (same y); a box fits if it is narrower than width / crowding. */
export function crowding(positions: ArrayLike<number>): number {
  const rows = new Map<number, number[]>();
  for (let k = 0; k + 1 < positions.length; k += 2) {
    const y = Math.round(positions[k + 1] * 1e4);
    rows.set(y, [...(rows.get(y) ?? []), positions[k]]);
  }
  let gap = 1;
  for (const xs of rows.values()) {
    xs.sort((a, b) => a - b);
    for (let i = 1; i < xs.length; i++) gap = Math.min(gap, xs[i] - xs[i - 1]);
  }
  return 1 / Math.max(gap, 1e-6);
}

export function mountGraph(el: HTMLElement, ctx: ViewContext): ViewRenderer<GraphView> {
  const svg = svgEl("svg", { class: "graph-svg", role: "img" });
  const scroll = document.createElement("div");
  scroll.className = "graph-scroll"; // a tree wider than its card scrolls sideways
  scroll.append(svg);
  el.append(scroll);
  let view: GraphView | null = null;
  let cssW = el.clientWidth || 480;
  let litShown = "";

  function draw(): void {
    const v = view;
    if (!v) return;
    const pos = v.positions.data;
    const fit = fitGraph(v, cssW, crowding(pos));
    const { w: bw, h: bh, W } = fit;
    const compact = fit.mode === "dots";
    svg.style.width = `${W}px`;
    const levels = new Set(Array.from({ length: v.nodes.length }, (_, k) => Math.round(pos[2 * k + 1] * 1e4))).size;
    const H = Math.max(160, levels * ((compact ? 16 : bh) + 44));
    const px = (k: number) => pos[2 * k] * W;
    const py = (k: number) => ((pos[2 * k + 1] - 0.08) / 0.84) * (H - (compact ? 24 : bh + 8)) + (compact ? 12 : bh / 2 + 4);
    const at = new Map(v.nodes.map((n, k) => [n.id, k]));
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    svg.setAttribute("height", String(H));
    svg.replaceChildren();
    const defs = svgEl("defs", {});
    for (const [id, color] of [["arrow", "#8a949e"], ["arrow-hl", HIGHLIGHT]]) {
      const m = svgEl("marker", { id: `graph-${id}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto" });
      m.append(svgEl("path", { d: "M0,0L10,5L0,10Z", fill: color }));
      defs.append(m);
    }
    svg.append(defs);
    const half = compact ? 6 : bh / 2;
    for (const e of v.edges) {
      const a = at.get(e.source)!;
      const b = at.get(e.target)!;
      const down = py(b) > py(a);
      const x0 = px(a);
      const y0 = py(a) + (down ? half : 0);
      const x1 = px(b);
      const y1 = py(b) - (down ? half + 1 : 0);
      svg.append(svgEl("line", {
        x1: x0, y1: y0, x2: x1, y2: y1, stroke: e.highlight ? HIGHLIGHT : "#8a949e",
        "stroke-width": e.width + (e.highlight ? 1.5 : 0), "marker-end": `url(#graph-${e.highlight ? "arrow-hl" : "arrow"})`,
      }));
      if (e.label && !compact) {
        const t = svgEl("text", { x: (x0 + x1) / 2, y: (y0 + y1) / 2, class: "graph-edge-label" });
        t.textContent = e.label;
        svg.append(t);
      }
    }
    v.nodes.forEach((n, k) => {
      const g = svgEl("g", { class: "graph-node", "data-id": n.id, tabindex: v.click_action ? 0 : -1 });
      const title = svgEl("title", {});
      title.textContent = [n.label, n.detail].filter(Boolean).join("\n");
      g.append(title);
      const x = px(k);
      const y = py(k);
      const stroke = n.highlight ? HIGHLIGHT : "#9aa3ad";
      const sw = n.highlight ? 2.5 : 1;
      if (compact) {
        const major = n.mix.length ? n.mix.indexOf(Math.max(...n.mix)) : -1;
        g.append(svgEl("circle", { cx: x, cy: y, r: 6, fill: major >= 0 ? labelColor(ctx.spec, major) : n.color, stroke, "stroke-width": sw }));
      } else {
        g.append(svgEl("rect", { x: x - bw / 2, y: y - bh / 2, width: bw, height: bh, rx: 4, fill: n.color, stroke, "stroke-width": sw }));
        const total = n.mix.reduce((s, m) => s + m, 0) || 1;
        let left = x - bw / 2 + 1;
        n.mix.forEach((m, c) => {
          const w = ((bw - 2) * m) / total;
          g.append(svgEl("rect", { x: left, y: y + bh / 2 - 5, width: Math.max(0, w), height: 4, fill: labelColor(ctx.spec, c) }));
          left += w;
        });
        const lines = [n.label, ...(fit.mode === "full" && n.detail ? n.detail.split("\n") : [])];
        lines.forEach((line, i) => {
          const t = svgEl("text", { x, y: y - bh / 2 + 6 + FONT + i * FONT * 1.3, class: i ? "graph-detail" : "graph-label" });
          t.textContent = line;
          g.append(t);
        });
      }
      svg.append(g);
    });
    // A picture wider than the card: bring the lit path into view when it changes (and
    // leave the learner's own scrolling alone otherwise).
    const lit = v.nodes.flatMap((n, k) => (n.highlight ? [px(k)] : []));
    const litKey = `${W}:${lit.join(",")}`;
    if (W > cssW && lit.length && litKey !== litShown) {
      scroll.scrollLeft = Math.max(0, lit.reduce((a, b) => a + b, 0) / lit.length - cssW / 2);
    }
    litShown = litKey;
  }

  svg.addEventListener("click", (ev) => {
    const g = (ev.target as Element).closest(".graph-node");
    if (g && view?.click_action) ctx.action(view.click_action, g.getAttribute("data-id"));
  });
  svg.addEventListener("keydown", (ev) => {
    const g = (ev.target as Element).closest(".graph-node");
    if (g && ev.key === "Enter" && view?.click_action) ctx.action(view.click_action, g.getAttribute("data-id"));
  });
  const ro = new ResizeObserver((entries) => {
    const w = Math.round(entries[entries.length - 1].contentRect.width);
    if (w > 0 && w !== cssW) {
      cssW = w;
      draw();
    }
  });
  ro.observe(el);

  return {
    update(v: GraphView) {
      view = v;
      svg.setAttribute("aria-label", `${v.title}: ${v.nodes.length} nodes, ${v.edges.length} edges`);
      draw();
    },
    destroy() {
      ro.disconnect();
      el.replaceChildren();
    },
  };
}
