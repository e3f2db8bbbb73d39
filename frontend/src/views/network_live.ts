// The Network view's live layout (the playground's diagram): every node a square thumbnail of
// its output over the input plane, edges as curves whose width and colour follow the weight
// (TensorFlow Playground's scales), and the editing the view's optional fields ask for:
// +/- for layers and neurons, a per-layer activation select, click an input to toggle it,
// hover a node for its card (and to show it in the big plot), click an edge to type a weight.
//
// The DOM (node boxes, invisible edge hit areas, headers) is rebuilt only when the structure
// changes. Each frame draws edges and thumbnails on one canvas beneath it: no DOM changes,
// so the browser repaints one layer, not hundreds of SVG curves and canvases.
import { buildLuts } from "../colors";
import { renderInline } from "../guide";
import type { NDArray, NetworkEdge, NetworkNode, NetworkView, ViewContext, ViewRenderer } from "../types";
import { type EdgeCurve, edgeCurve, edgePath } from "../strands";
import { type DiagramFrame, DiagramPainter } from "./diagram_painter";
import { allEdges, edgeWeights } from "./network_edges";
import { colourKey, headers, MARGIN_X } from "./network_headers";
import { wireWeightEditing } from "./network_weight_editor";
import { el as h } from "../dom";

const NS = "http://www.w3.org/2000/svg";
const HEAD = 84; // room above the nodes for the layer buttons, column titles and selects


interface NodeBox {
  node: NetworkNode;
  el: HTMLElement;
  /** its thumbnail's index in the diagram's layout, or -1 for no heatmap */
  thumb: number;
  /** the heatmap array last sent to be drawn */
  painted: NDArray | null;
  x: number;
  y: number;
}

export function mountNetworkLive(el: HTMLElement, ctx: ViewContext): ViewRenderer<NetworkView> {
  const luts = buildLuts(ctx.spec);
  const root = h("div", "netlive");
  const paint = h("canvas", "netlive-canvas");
  const diagram = new DiagramPainter(paint, luts);
  const svg = document.createElementNS(NS, "svg");
  svg.classList.add("netlive-edges");
  const layer = h("div", "netlive-nodes");
  const card = h("div", "netlive-card");
  // The hovered neuron's card sits under the diagram, never over the neurons it describes;
  // until something is hovered it says what hovering and clicking do (TensorFlow
  // Playground's first-load callouts, kept).
  const HINT = "Each picture is a neuron's output over the plane. Hover a neuron for its formula "
    + "and numbers here and its picture large in the output; the lines are its weights, wider "
    + "for larger ones: click one to type a new value.";
  // a diagram to read, not edit (a recorded run's weights): no pictures, nothing to type
  const READ_ONLY_HINT = "The lines are the weights, wider for larger ones. Hover a unit for "
    + "its bias.";
  card.setAttribute("aria-live", "polite");
  let cardText = "";
  const showHint = () => {
    cardText = "";
    card.classList.remove("visible");
    const readOnly = view !== null && !view.edit_action && !view.nodes.some((n) => n.heatmap);
    card.textContent = readOnly ? READ_ONLY_HINT : HINT;
    delete card.dataset.node;
  };
  root.append(paint, svg, layer);
  wireWeightEditing(root, svg, ctx, { view: () => view, edges: () => edges, weights: () => weights });
  el.append(root, card);

  let view: NetworkView | null = null;
  let structure = "";
  let width = 0;
  let boxes = new Map<string, NodeBox>();
  let curves: EdgeCurve[] = [];
  let edges: NetworkEdge[] = []; // structure and ids, as at the last build
  let weights = new Float64Array(0); // this frame's, in the same order
  let biases = new Float64Array(0); // this frame's, one per thumbnail
  let selects: HTMLSelectElement[] = [];
  let size = { W: 0, H: 0, S: 0 };
  let hovered: string | null = null;
  let rowH = 44;

  const ro = new ResizeObserver((entries) => {
    const w = entries[entries.length - 1].contentRect.width;
    if (Math.abs(w - width) > 1) {
      width = w;
      structure = ""; // lay out again at the new width
      if (view) update(view);
    }
  });
  ro.observe(el);
  width = el.clientWidth;

  function sig(v: NetworkView): string {
    return JSON.stringify([v.nodes.map((n) => [n.id, n.layer, n.label, n.active, n.toggle, n.heatmap?.shape]),
      v.edges.map((e) => [e.source, e.target, e.id]), (v.dense ?? []).map((d) => [d.sources, d.targets, d.name]),
      v.columns, v.shape_param, v.layer_param]);
  }

  function paramList(name: string | null): (number | string)[] {
    return name ? [...((ctx.params()[name] as (number | string)[] | undefined) ?? [])] : [];
  }

  // --- building -------------------------------------------------------------------------

  function build(v: NetworkView): void {
    const nLayers = Math.max(...v.nodes.map((n) => n.layer)) + 1;
    const cols: NetworkNode[][] = Array.from({ length: nLayers }, () => []);
    for (const n of v.nodes) cols[n.layer].push(n);
    const tallest = Math.max(...cols.map((c) => c.length));
    rowH = Math.max(20, Math.min(46, Math.floor(460 / tallest)));
    // Four hidden layers or more: the diagram takes its row's whole width (style.css), or
    // the weights between its columns would vanish behind the tiles.
    el.classList.toggle("network-deep", nLayers >= 6);
    const W = Math.max(320, width);
    // Tiles shrink where columns are close, so the weights between them stay visible.
    const between = nLayers > 1 ? (W - 2 * MARGIN_X) / (nLayers - 1) : W;
    const S = Math.max(14, Math.min(rowH - 10, Math.round(between * 0.42)));
    // On a narrow card the colour key goes under the diagram, clear of the layer buttons.
    const keyBelow = W < 560;
    const H = HEAD + tallest * rowH + 12 + (keyBelow ? 20 : 0);
    const colX = (l: number) => (nLayers === 1 ? W / 2 : MARGIN_X + (l * (W - 2 * MARGIN_X)) / (nLayers - 1));
    root.style.height = `${H}px`;
    size = { W, H, S };
    paint.style.width = `${W}px`;
    paint.style.height = `${H}px`;
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    svg.setAttribute("width", String(W));
    svg.setAttribute("height", String(H));
    boxes = new Map();
    const nodeEls: HTMLElement[] = [];
    cols.forEach((col, l) => {
      col.forEach((n, i) => {
        const x = colX(l);
        const y = HEAD + (i + 0.5) * rowH + ((tallest - col.length) * rowH) / 2;
        const box = h("div", "netlive-node");
        box.dataset.node = n.id;
        box.style.left = `${x - S / 2}px`;
        box.style.top = `${y - S / 2}px`;
        box.style.width = box.style.height = `${S}px`;
        box.classList.toggle("inactive", !n.active);
        box.classList.toggle("toggle", Boolean(n.toggle && v.toggle_param));
        if (n.heatmap) box.classList.add("has-heatmap");
        if (n.label) {
          const lab = h("span", l === 0 ? "netlive-label left" : "netlive-label right", n.label);
          box.append(lab);
        }
        nodeEls.push(box);
        boxes.set(n.id, { node: n, el: box, thumb: -1, painted: null, x, y });
        wireNode(box, n, l);
      });
    });
    const hc = { ctx, width: W, view: () => view };
    layer.replaceChildren(...nodeEls, ...headers(hc, v, cols, colX), colourKey(ctx, keyBelow));
    selects = [...layer.querySelectorAll<HTMLSelectElement>("select.netlive-act")];
    edges = allEdges(v);
    weights = new Float64Array(edges.length);
    curves = edges.map((e) => {
      const a = boxes.get(e.source)!;
      const b = boxes.get(e.target)!;
      return edgeCurve(a.x + S / 2, a.y, b.x - S / 2, b.y);
    });
    // Invisible wide curves take the pointer, so thin edges are easy to hover and click.
    const hits = curves.map((q, k) => {
      const t = document.createElementNS(NS, "path");
      t.setAttribute("d", edgePath(q));
      t.setAttribute("class", "edge-hit");
      t.dataset.edge = String(k);
      if (v.edit_action && edges[k].id) t.classList.add("editable");
      return t;
    });
    svg.replaceChildren(...hits);
  }

  // --- interaction ----------------------------------------------------------------------

  function wireNode(box: HTMLElement, n: NetworkNode, l: number): void {
    box.addEventListener("mouseenter", () => {
      hovered = n.id;
      showCard(n);
      if (view?.focus_param && n.active) {
        const [layerIx, index] = n.id.split(":").map(Number);
        if (Number.isFinite(layerIx) && Number.isFinite(index)) ctx.setParam(view.focus_param, [layerIx, index]);
      }
    });
    box.addEventListener("mouseleave", () => {
      hovered = null;
      showHint();
      if (view?.focus_param) ctx.setParam(view.focus_param, []);
    });
    if (l === 0 && n.toggle) {
      box.addEventListener("click", () => {
        if (!view?.toggle_param) return;
        const on = new Set(paramList(view.toggle_param) as string[]);
        if (on.has(n.toggle)) on.delete(n.toggle);
        else on.add(n.toggle);
        ctx.setParam(view.toggle_param, [...on]);
      });
    }
  }

  function showCard(n: NetworkNode): void {
    if (!n.card) return;
    if (n.card !== cardText) {
      cardText = n.card;
      card.innerHTML = n.card.split("\n").map((line) => `<div>${renderInline(line)}</div>`).join("");
    }
    card.classList.add("visible");
    card.dataset.node = n.id;
  }

  // --- per frame ------------------------------------------------------------------------

  function layoutDiagram(): void {
    const withMap = [...boxes.values()].filter((b) => b.node.heatmap);
    withMap.forEach((b, k) => { b.thumb = k; });
    biases = new Float64Array(withMap.length).fill(NaN);
    diagram.setLayout({
      W: size.W, H: size.H, dpr: window.devicePixelRatio || 1, S: size.S, curves,
      thumbs: withMap.map((b) => ({ x: b.x, y: b.y, nx: b.node.heatmap!.shape[1], ny: b.node.heatmap!.shape[0],
        faded: !b.node.active })),
    });
  }

  /** Draw this frame's weights, and the thumbnails that changed. */
  function drawFrame(v: NetworkView): void {
    edgeWeights(v, weights);
    const frame: DiagramFrame = { weights, biases, thumbs: [] };
    for (const b of boxes.values()) {
      if (b.thumb >= 0) biases[b.thumb] = b.node.bias ?? NaN;
      const hm = b.node.heatmap;
      if (b.thumb < 0 || !hm || hm === b.painted) continue;
      frame.thumbs.push({ k: b.thumb, codes: hm.data as Uint8Array, colormap: b.node.colormap });
      b.painted = hm;
    }
    diagram.paint(frame);
  }

  function update(v: NetworkView): void {
    view = v;
    const s = sig(v);
    if (s !== structure) {
      structure = s;
      build(v);
      if (!hovered) showHint();
      if (hovered && !boxes.has(hovered)) hovered = null;
      layoutDiagram();
    }
    for (const n of v.nodes) boxes.get(n.id)!.node = n;
    drawFrame(v);
    selects.forEach((s2, k) => {
      const want = v.layer_values[k];
      if (want && document.activeElement !== s2 && s2.value !== want) s2.value = want;
    });
    if (hovered) {
      // The session sends the card of the hovered neuron only, a frame after the hover.
      const b = boxes.get(hovered);
      if (b) showCard(b.node);
    }
  }

  return {
    update,
    destroy() {
      ro.disconnect();
      el.replaceChildren();
    },
  };
}
