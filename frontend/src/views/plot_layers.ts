// One painter per kind of Plot layer (mirror of mlscope/render/plot_layers.py), each
// drawing one layer into a canvas through the plot's scales. plot.ts decides which canvas
// and when; these only draw.
import type { ScaleLinear } from "d3-scale";
import type { CodeImages } from "../code_images";
import { labelColor } from "../colors";
import { addStrands, opaque, strands, strandsOn } from "../strands";
import type {
  AreaLayer, ArrowsLayer, HeatmapLayer, ImageLayer, LabelsLayer, Layer, LinesLayer, NDArray,
  PageSpec, PointsLayer, ShapesLayer,
} from "../types";

/** The margins around a plot's box, in CSS pixels (ticks and axis labels sit in them). */
export const M = { left: 54, right: 24, top: 10, bottom: 42 };

/** What a painter draws with: the canvas context and the plot's data -> pixel scales. */
export interface Paint {
  g: CanvasRenderingContext2D;
  sx: ScaleLinear<number, number>;
  sy: ScaleLinear<number, number>;
  spec: PageSpec;
  luts: Record<string, Uint8ClampedArray>;
  heatImages: CodeImages;
}

type Painter<L> = (p: Paint, layer: L) => void;

function heatmap({ g, sx, sy, heatImages }: Paint, layer: HeatmapLayer): void {
  const [ny, nx] = layer.codes.shape;
  const hx = (layer.x_range[1] - layer.x_range[0]) / Math.max(nx - 1, 1) / 2;
  const hy = (layer.y_range[1] - layer.y_range[0]) / Math.max(ny - 1, 1) / 2;
  const x0 = sx(layer.x_range[0] - hx);
  const x1 = sx(layer.x_range[1] + hx);
  const y0 = sy(layer.y_range[1] + hy);
  const y1 = sy(layer.y_range[0] - hy);
  g.globalAlpha = layer.opacity;
  g.imageSmoothingEnabled = true;
  g.drawImage(heatImages.get(layer.codes, layer.colormap), x0, y0, x1 - x0, y1 - y0);
  g.globalAlpha = 1;
}

/** An image layer's picture, painted once per array (a frame's unchanged array is the same
 *  object), rows flipped so that row 0 is at the bottom. */
const pictures = new WeakMap<NDArray, HTMLCanvasElement>();
function picture(rgba: NDArray): HTMLCanvasElement {
  let canvas = pictures.get(rgba);
  if (canvas) return canvas;
  const [ny, nx] = rgba.shape;
  canvas = document.createElement("canvas");
  canvas.width = nx;
  canvas.height = ny;
  const img = new ImageData(nx, ny);
  const src = rgba.data as Uint8Array;
  for (let r = 0; r < ny; r++) img.data.set(src.subarray((ny - 1 - r) * nx * 4, (ny - r) * nx * 4), r * nx * 4);
  canvas.getContext("2d")!.putImageData(img, 0, 0);
  pictures.set(rgba, canvas);
  return canvas;
}

function image({ g, sx, sy }: Paint, layer: ImageLayer): void {
  const x0 = sx(layer.x_range[0]);
  const x1 = sx(layer.x_range[1]);
  const y0 = sy(layer.y_range[1]);
  const y1 = sy(layer.y_range[0]);
  g.imageSmoothingEnabled = false;
  g.drawImage(picture(layer.rgba), x0, y0, x1 - x0, y1 - y0);
  g.imageSmoothingEnabled = true;
}

/** A lines layer with a fill: each NaN-separated segment a closed polygon, filled in one path. */
function fillPolygons(g: CanvasRenderingContext2D, sx: Paint["sx"], sy: Paint["sy"], layer: LinesLayer): void {
  const xs = layer.x.data;
  const ys = layer.y.data;
  g.save();
  g.globalAlpha *= layer.fill_opacity;
  g.fillStyle = layer.fill;
  g.beginPath();
  let open = false;
  for (let k = 0; k < xs.length; k++) {
    if (Number.isNaN(xs[k]) || Number.isNaN(ys[k])) {
      if (open) g.closePath();
      open = false;
    } else if (!open) {
      g.moveTo(sx(xs[k]), sy(ys[k]));
      open = true;
    } else g.lineTo(sx(xs[k]), sy(ys[k]));
  }
  if (open) g.closePath();
  g.fill("evenodd");
  g.restore();
}

function lines({ g, sx, sy }: Paint, layer: LinesLayer): void {
  const xs = layer.x.data;
  const ys = layer.y.data;
  if (layer.fill) fillPolygons(g, sx, sy, layer);
  if (!(layer.width > 0)) return;
  // Opaque lines wider than a pixel go as strands of hairlines (strands.ts: a few times
  // cheaper to rasterise); translucent ones as one stroke with round joins.
  const asStrands = layer.width > 1 && opaque(layer.color) && g.globalAlpha === 1 && strandsOn();
  g.strokeStyle = layer.color;
  g.lineWidth = asStrands ? 1 : layer.width;
  g.lineJoin = "round";
  g.lineCap = asStrands ? "butt" : "round";
  g.setLineDash(layer.dash);
  g.beginPath();
  let run: number[] = [];
  const endRun = () => {
    if (run.length >= 4) {
      if (asStrands) addStrands(g, strands(Float64Array.from(run)), layer.width);
      else {
        g.moveTo(run[0], run[1]);
        for (let k = 2; k < run.length; k += 2) g.lineTo(run[k], run[k + 1]);
      }
    }
    run = [];
  };
  for (let k = 0; k < xs.length; k++) {
    if (Number.isNaN(xs[k]) || Number.isNaN(ys[k])) endRun();
    else run.push(sx(xs[k]), sy(ys[k]));
  }
  endRun();
  g.stroke();
  g.setLineDash([]);
}

function starPath(g: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  for (let k = 0; k < 10; k++) {
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    const rr = k % 2 ? r * 0.45 : r;
    if (k) g.lineTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
    else g.moveTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
  }
  g.closePath();
}

function cross(g: CanvasRenderingContext2D, x: number, y: number, r: number, color: string): void {
  // An X: a white halo under a coloured stroke, so it reads on any background.
  g.lineCap = "round";
  for (const [width, stroke] of [[r * 0.9, "#ffffff"], [r * 0.5, color]] as const) {
    g.lineWidth = width;
    g.strokeStyle = stroke;
    g.beginPath();
    g.moveTo(x - r * 0.75, y - r * 0.75);
    g.lineTo(x + r * 0.75, y + r * 0.75);
    g.moveTo(x + r * 0.75, y - r * 0.75);
    g.lineTo(x - r * 0.75, y + r * 0.75);
    g.stroke();
  }
}

/** From this many circles a layer stamps each from a sprite: a small canvas of the marker,
 *  drawn once per colour, size and outline. Thousands of anti-aliased arcs, each filled and
 *  stroked, cost a software rasteriser tens of milliseconds a frame; as many small image
 *  copies cost a few, and GPU raster batches them too (benchmarks/unsupervised.py, t-SNE).
 *  From 200 rather than 500: a run's two views of a 400-point probe set, scrubbed, took
 *  143 ms (p95) a move on the GPU path as arcs and 69-92 ms as sprites, the same in software
 *  raster (benchmarks/timeline.py --gpu-raster); sprites sit at whole device pixels. */
const SPRITES_FROM = 200;
const sprites = new Map<string, HTMLCanvasElement>();

function sprite(color: string, r: number, stroke: string, dpr: number): HTMLCanvasElement {
  const key = `${color}|${r}|${stroke}|${dpr}`;
  let c = sprites.get(key);
  if (c) return c;
  if (sprites.size > 512) sprites.clear();
  const side = Math.ceil((2 * r + 3) * dpr);
  c = document.createElement("canvas");
  c.width = c.height = side;
  const s = c.getContext("2d")!;
  s.setTransform(dpr, 0, 0, dpr, 0, 0);
  s.beginPath();
  s.arc(side / dpr / 2, side / dpr / 2, r, 0, 2 * Math.PI);
  s.fillStyle = color;
  s.fill();
  if (stroke) {  // "" draws no outline
    s.lineWidth = 1.5;
    s.strokeStyle = stroke;
    s.stroke();
  }
  sprites.set(key, c);
  return c;
}

function points({ g, sx, sy, spec, luts }: Paint, layer: PointsLayer): void {
  const xs = layer.x.data;
  const ys = layer.y.data;
  const labels = layer.labels?.data;
  const r = layer.size;
  const codes = labels ? null : layer.codes?.data;
  const lut = luts[layer.colormap ?? "diverging"];
  if (layer.marker === "circle" && xs.length >= SPRITES_FROM) {
    // Device pixels, whole ones: each stamp is a plain copy, not a resampling.
    const m = g.getTransform();
    const dpr = m.a || 1;
    const half = Math.ceil((2 * r + 3) * dpr) / 2;
    const stroke = layer.stroke ?? "#ffffff";
    // One sprite per label or colour code (at most 256), looked up once per draw.
    const byKey: (HTMLCanvasElement | undefined)[] = [];
    const stamp = (key: number): HTMLCanvasElement => {
      let c = byKey[key];
      if (!c) {
        const at = key * 4;
        const color = labels ? labelColor(spec, key)
          : codes ? `rgb(${lut[at]},${lut[at + 1]},${lut[at + 2]})` : layer.color;
        c = byKey[key] = sprite(color, r, stroke, dpr);
      }
      return c;
    };
    g.setTransform(1, 0, 0, 1, 0, 0);
    for (let k = 0; k < xs.length; k++) {
      const img = stamp(labels ? labels[k] : codes ? codes[k] : 0);
      g.drawImage(img, Math.round(sx(xs[k]) * dpr + m.e - half), Math.round(sy(ys[k]) * dpr + m.f - half));
    }
    g.setTransform(m);
    return;
  }
  for (let k = 0; k < xs.length; k++) {
    const c = codes ? codes[k] * 4 : 0;
    const color = labels ? labelColor(spec, labels[k])
      : codes ? `rgb(${lut[c]},${lut[c + 1]},${lut[c + 2]})` : layer.color;
    const px = sx(xs[k]);
    const py = sy(ys[k]);
    if (layer.marker === "cross") {
      cross(g, px, py, r, color);
      continue;
    }
    const stroke = layer.stroke ?? "#ffffff";  // "" draws no outline
    g.lineWidth = 1.5;
    g.fillStyle = color;
    g.beginPath();
    if (layer.marker === "star") starPath(g, px, py, r * 1.5);
    else g.arc(px, py, r, 0, 2 * Math.PI);
    g.fill();
    if (stroke) {
      g.strokeStyle = stroke;
      g.stroke();
    }
  }
}

/** The outline of an area: x, y pairs in pixels along the top, then back along the bottom. */
export function areaOutline(layer: AreaLayer): { top: number[][]; bottom: number[][] } {
  const x = layer.x.data;
  const hi = layer.y_high.data;
  const lo = layer.y_low?.data;
  const top: number[][] = [];
  const bottom: number[][] = [];
  const n = hi.length;
  for (let k = 0; k < n; k++) {
    const low = lo ? lo[k] : 0;
    if (layer.steps) {
      top.push([x[k], hi[k]], [x[k + 1], hi[k]]);
      bottom.push([x[k], low], [x[k + 1], low]);
    } else {
      top.push([x[k], hi[k]]);
      bottom.push([x[k], low]);
    }
  }
  return { top, bottom: bottom.reverse() };
}

function area({ g, sx, sy }: Paint, layer: AreaLayer): void {
  const { top, bottom } = areaOutline(layer);
  if (!top.length) return;
  g.beginPath();
  for (const [k, [x, y]] of [...top, ...bottom].entries()) {
    if (k) g.lineTo(sx(x), sy(y));
    else g.moveTo(sx(x), sy(y));
  }
  g.closePath();
  g.globalAlpha = layer.opacity;
  g.fillStyle = layer.color;
  g.fill();
  g.globalAlpha = 1;
  if (!layer.outline) return;
  g.beginPath();
  for (const [k, [x, y]] of top.entries()) {
    if (k) g.lineTo(sx(x), sy(y));
    else g.moveTo(sx(x), sy(y));
  }
  g.strokeStyle = layer.color;
  g.lineWidth = 1.5;
  g.lineJoin = "round";
  g.stroke();
}

function arrows({ g, sx, sy }: Paint, layer: ArrowsLayer): void {
  g.strokeStyle = g.fillStyle = layer.color;
  g.lineWidth = layer.width;
  g.lineCap = "round";
  for (let k = 0; k < layer.x.data.length; k++) {
    const x0 = sx(layer.x.data[k]);
    const y0 = sy(layer.y.data[k]);
    const x1 = sx(layer.x.data[k] + layer.dx.data[k]);
    const y1 = sy(layer.y.data[k] + layer.dy.data[k]);
    const len = Math.hypot(x1 - x0, y1 - y0);
    if (len < 0.5) continue;
    const head = Math.min(layer.head, len * 0.6);
    const ux = (x1 - x0) / len;
    const uy = (y1 - y0) / len;
    g.beginPath();
    g.moveTo(x0, y0);
    g.lineTo(x1 - ux * head * 0.8, y1 - uy * head * 0.8);
    g.stroke();
    g.beginPath(); // the head: a filled triangle
    g.moveTo(x1, y1);
    g.lineTo(x1 - ux * head - uy * head * 0.45, y1 - uy * head + ux * head * 0.45);
    g.lineTo(x1 - ux * head + uy * head * 0.45, y1 - uy * head - ux * head * 0.45);
    g.closePath();
    g.fill();
  }
}

function labels({ g, sx, sy }: Paint, layer: LabelsLayer): void {
  g.font = `${layer.size}px system-ui, sans-serif`;
  g.textAlign = layer.align;
  g.textBaseline = "middle";
  g.lineJoin = "round";
  g.lineWidth = 3;
  g.strokeStyle = "rgba(255,255,255,0.9)";
  g.fillStyle = layer.color;
  for (let k = 0; k < layer.texts.length; k++) {
    const x = sx(layer.x.data[k]) + layer.offset[0];
    const y = sy(layer.y.data[k]) - layer.offset[1];
    g.strokeText(layer.texts[k], x, y);
    g.fillText(layer.texts[k], x, y);
  }
}

/** Add shape k of ``layer`` to the current path, in pixels: an ellipse, or a rectangle's
 *  four corners (turned about its centre when it has an angle). */
function shapePath(g: CanvasRenderingContext2D, p: Paint, layer: ShapesLayer, k: number): void {
  const kx = Math.abs(p.sx(1) - p.sx(0));
  const ky = Math.abs(p.sy(1) - p.sy(0));
  const cx = p.sx(layer.x.data[k]);
  const cy = p.sy(layer.y.data[k]);
  const w = (layer.width.data[k] * kx) / 2;
  const h = (layer.height.data[k] * ky) / 2;
  const a = -((layer.angle?.data[k] ?? 0) * Math.PI) / 180;
  if (layer.shape === "ellipse") {
    g.moveTo(cx + w * Math.cos(a), cy + w * Math.sin(a));
    g.ellipse(cx, cy, w, h, a, 0, 2 * Math.PI);
    return;
  }
  if (a === 0) {
    g.rect(cx - w, cy - h, 2 * w, 2 * h);
    return;
  }
  const c = Math.cos(a);
  const s = Math.sin(a);
  const corners = [[-w, -h], [w, -h], [w, h], [-w, h]];
  corners.forEach(([u, v], i) => {
    const x = cx + u * c - v * s;
    const y = cy + u * s + v * c;
    if (i) g.lineTo(x, y);
    else g.moveTo(x, y);
  });
  g.closePath();
}

function shapes(p: Paint, layer: ShapesLayer): void {
  // In data units: a shape's width and height scale with the axes (a circle in data units
  // is an ellipse on a plot whose axes differ). Shapes of one fill go in one path, filled
  // and stroked once: a thousand squares of residuals cost two draws, not a thousand.
  const { g, spec } = p;
  const n = layer.x.data.length;
  const groups = new Map<string, number[]>();
  for (let k = 0; k < n; k++) {
    const fill = layer.labels ? labelColor(spec, layer.labels.data[k]) : layer.fill;
    const list = groups.get(fill);
    if (list) list.push(k);
    else groups.set(fill, [k]);
  }
  g.setLineDash(layer.dash);
  g.lineWidth = layer.stroke_width;
  for (const [fill, ks] of groups) {
    g.beginPath();
    for (const k of ks) shapePath(g, p, layer, k);
    if (fill && layer.opacity > 0) {
      g.globalAlpha = layer.opacity;
      g.fillStyle = fill;
      g.fill();
      g.globalAlpha = 1;
    }
    if (layer.stroke) {
      g.strokeStyle = layer.stroke;
      g.stroke();
    }
  }
  g.setLineDash([]);
}

/** Layer kind -> painter. */
export const LAYER_PAINTERS: { [K in Layer["kind"]]: Painter<Extract<Layer, { kind: K }>> } = {
  heatmap,
  lines,
  points,
  area,
  arrows,
  labels,
  shapes,
  image,
};

export function paintLayer(p: Paint, layer: Layer): void {
  (LAYER_PAINTERS[layer.kind] as Painter<Layer>)(p, layer);
}
