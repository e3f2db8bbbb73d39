// The Plot view on canvas: axes over x_range × y_range, layers drawn in order, each by its
// painter in plot_layers.ts. Mirror of mlscope/render/plot.py.
// The pointer (readout, dragging points, clicks) is plot_pointer.ts's.
//
// Three stacked canvases: the back one holds the grid, the axes and the leading layers that
// are the same as in the last frame (same decoded arrays, same style), e.g. an error
// landscape and its contours; the top one the trailing layers that are the same (the
// training points over a heatmap that learns) and the legend; the middle one the rest. A
// canvas is redrawn only when what it holds changed, so a frame costs what changed, not
// what is shown (with software rendering, the browser rasterises each redrawn canvas).
import { scaleLinear, type ScaleLinear } from "d3-scale";
import { CodeImages } from "../code_images";
import { buildLuts } from "../colors";
import { legendHtml } from "./plot_legend";
import { M, type Paint, paintLayer } from "./plot_layers";
import { wirePlotPointer } from "./plot_pointer";
import { layerSignature } from "./signature";
import type { Layer, PlotView, ViewContext, ViewRenderer } from "../types";

export function mountPlot(el: HTMLElement, ctx: ViewContext): ViewRenderer<PlotView> {
  const luts = buildLuts(ctx.spec);
  const specOf = ctx.spec;
  const stack = document.createElement("div");
  stack.className = "plot-stack";
  stack.setAttribute("role", "img");
  const backCanvas = document.createElement("canvas");
  backCanvas.className = "plot-canvas";
  const midCanvas = document.createElement("canvas");
  midCanvas.className = "plot-canvas plot-over";
  const canvas = document.createElement("canvas"); // top: also takes the pointer
  canvas.className = "plot-canvas plot-over plot-front";
  const readout = document.createElement("div");
  readout.className = "plot-readout";
  stack.append(backCanvas, midCanvas, canvas);
  // Above the plotting box, never on the data: the pointer's readout, then the legend.
  const legend = document.createElement("div");
  legend.className = "plot-legend";
  let legendShown = "";
  const top = document.createElement("div");
  top.className = "plot-top";
  top.append(readout, legend);
  el.append(top, stack);
  const back = backCanvas.getContext("2d")!;
  const mid = midCanvas.getContext("2d")!;
  const front = canvas.getContext("2d")!;
  let g = front; // the context the draw* helpers draw into
  const heatImages = new CodeImages(luts);
  let view: PlotView | null = null;
  let sx: ScaleLinear<number, number> = scaleLinear();
  let sy: ScaleLinear<number, number> = scaleLinear();
  let lastSigs: string[] = [];
  let backSig = "";
  let midSig = "";
  let topSig = "";

  // The CSS size comes from the ResizeObserver: reading clientWidth while drawing would
  // force a layout of the whole page in the middle of every frame.
  let cssW = 0;
  let cssH = 0;

  function resize(): boolean {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(cssW * dpr);
    const h = Math.round(cssH * dpr);
    if (w === canvas.width && h === canvas.height) return false;
    for (const c of [backCanvas, midCanvas, canvas]) {
      c.width = w;
      c.height = h;
    }
    backSig = midSig = topSig = "";
    return true;
  }

  function drawLayers(ctx: CanvasRenderingContext2D, layers: Layer[], W: number, H: number): void {
    g = ctx;
    g.save();
    g.beginPath();
    g.rect(M.left, M.top, W - M.left - M.right, H - M.top - M.bottom);
    g.clip();
    const p: Paint = { g: ctx, sx, sy, spec: specOf, luts, heatImages };
    for (const layer of layers) paintLayer(p, layer);
    g.restore();
  }

  function draw(): void {
    if (!view) return;
    resize();
    const dpr = window.devicePixelRatio || 1;
    const W = canvas.width / dpr;
    const H = canvas.height / dpr;
    sx = scaleLinear().domain(view.x_range).range([M.left, W - M.right]);
    sy = scaleLinear().domain(view.y_range).range([H - M.bottom, M.top]);
    // Layers unchanged since the last frame: the leading ones go to the back canvas, the
    // trailing ones (compared from the end) to the top one.
    const sigs = view.layers.map(layerSignature);
    const n = sigs.length;
    let keep = 0;
    while (keep < n && sigs[keep] === lastSigs[keep]) keep++;
    let tail = 0;
    while (tail < n - keep && sigs[n - 1 - tail] === lastSigs[lastSigs.length - 1 - tail]) tail++;
    lastSigs = sigs;
    const frame = [W, H, view.x_range, view.y_range];
    const bSig = JSON.stringify([frame, view.x_label, view.y_label, view.y_ticks ?? null, view.x_ticks ?? null, sigs.slice(0, keep)]);
    if (bSig !== backSig) {
      backSig = bSig;
      paint(back, W, H);
      g = back;
      drawGrid(W, H);
      drawLayers(back, view.layers.slice(0, keep), W, H);
      g = back;
      drawAxes(W, H);
    }
    const mSig = JSON.stringify([frame, sigs.slice(keep, n - tail)]);
    if (mSig !== midSig) {
      midSig = mSig;
      paint(mid, W, H);
      drawLayers(mid, view.layers.slice(keep, n - tail), W, H);
    }
    const tSig = JSON.stringify([frame, sigs.slice(n - tail)]);
    if (tSig !== topSig) {
      topSig = tSig;
      paint(front, W, H);
      drawLayers(front, view.layers.slice(n - tail), W, H);
    }
    heatImages.sweep();
  }

  /** Clear ``c`` for a new drawing in CSS pixels. */
  function paint(c: CanvasRenderingContext2D, W: number, H: number): void {
    const dpr = window.devicePixelRatio || 1;
    c.setTransform(dpr, 0, 0, dpr, 0, 0);
    c.clearRect(0, 0, W, H);
  }

  /** The x ticks: the view's own, none ([]), or round numbers. */
  function xTicks(format: (v: number) => string = String): [number, string][] {
    if (view?.x_ticks) return view.x_ticks;
    return sx.ticks(6).map((t) => [t, format(t)]);
  }

  /** The y ticks: the view's own (one per layer, say), none ([]), or round numbers. */
  function yTicks(format: (v: number) => string = String): [number, string][] {
    if (view?.y_ticks) return view.y_ticks;
    return sy.ticks(5).map((t) => [t, format(t)]);
  }

  function drawGrid(W: number, H: number): void {
    g.strokeStyle = "#eceff3";
    g.lineWidth = 1;
    g.beginPath();
    for (const [t] of xTicks()) {
      g.moveTo(Math.round(sx(t)) + 0.5, M.top);
      g.lineTo(Math.round(sx(t)) + 0.5, H - M.bottom);
    }
    for (const t of yTicks().map(([v]) => v)) {
      g.moveTo(M.left, Math.round(sy(t)) + 0.5);
      g.lineTo(W - M.right, Math.round(sy(t)) + 0.5);
    }
    g.stroke();
  }

  function drawAxes(W: number, H: number): void {
    if (!view) return;
    g.strokeStyle = "#9aa3ad";
    g.lineWidth = 1;
    g.beginPath();
    g.moveTo(M.left - 0.5, M.top);
    g.lineTo(M.left - 0.5, H - M.bottom + 0.5);
    g.lineTo(W - M.right, H - M.bottom + 0.5);
    g.stroke();
    g.fillStyle = "#4a5561";
    g.font = "11px system-ui, sans-serif";
    g.textAlign = "center";
    g.textBaseline = "top";
    for (const [t, label] of xTicks(sx.tickFormat(6))) g.fillText(label, sx(t), H - M.bottom + 5);
    g.textAlign = "right";
    g.textBaseline = "middle";
    const fy = sy.tickFormat(5);
    for (const [t, label] of yTicks(fy)) g.fillText(label, M.left - 6, sy(t));
    g.font = "12px system-ui, sans-serif";
    g.fillStyle = "#2b3540";
    g.textAlign = "center";
    g.textBaseline = "bottom";
    g.fillText(view.x_label, (M.left + W - M.right) / 2, H - 4);
    g.save();
    g.translate(13, (M.top + H - M.bottom) / 2);
    g.rotate(-Math.PI / 2);
    g.textBaseline = "middle";
    g.fillText(view.y_label, 0, 0);
    g.restore();
  }

  wirePlotPointer(canvas, readout, ctx, { view: () => view, sx: () => sx, sy: () => sy,
    size: () => [cssW, cssH] });

  // ``aspect`` is the data area's width over height (a square map stays square: a circle of
  // radius r is round), so the canvas's own aspect, margins included, follows its width.
  let plotAspect = 1.6;
  function fitAspect(): void {
    if (cssW <= M.left + M.right) return;
    const want = cssW / ((cssW - M.left - M.right) / plotAspect + M.top + M.bottom);
    const now = Number(backCanvas.style.aspectRatio) || 0;
    if (Math.abs(want - now) > 0.002) backCanvas.style.aspectRatio = want.toFixed(4);
  }

  const ro = new ResizeObserver((entries) => {
    const box = entries[entries.length - 1].contentRect;
    cssW = box.width;
    cssH = box.height;
    fitAspect();
    if (resize()) draw();
  });
  ro.observe(backCanvas);
  cssW = backCanvas.clientWidth; // once, before the first frame
  cssH = backCanvas.clientHeight;

  return {
    update(v: PlotView) {
      const aspect = v.aspect ?? 1.6;
      if (aspect !== plotAspect || !backCanvas.style.aspectRatio) {
        plotAspect = aspect;
        fitAspect();
        // Never taller than most of the screen: a square map in a wide card stays in view.
        stack.style.maxWidth = `calc(64vh * ${aspect})`;
      }
      // A text alternative: what is plotted against what, and the named layers with their
      // sizes (the DOM only when it changes).
      const named = v.layers.filter((l) => "name" in l && l.name)
        .map((l) => (l.kind === "points" ? `${l.name} (${l.x.data.length} points)` : l.name));
      const alt = `${v.title}: ${v.y_label} against ${v.x_label}` + (named.length ? `; ${named.join(", ")}` : "");
      if (stack.getAttribute("aria-label") !== alt) stack.setAttribute("aria-label", alt);
      const html = legendHtml(v, ctx.spec); // a string per frame; the DOM only when it changes
      if (html !== legendShown) {
        legendShown = html;
        legend.innerHTML = html; // names escaped in plot_legend.ts
      }
      view = v;
      draw();
    },
    destroy() {
      ro.disconnect();
      el.replaceChildren();
    },
  };
}
