// The Bars view on canvas: one bar per label from zero to its value, value labels on the
// bars. If `draggable` names a VectorParam, dragging bar k sets element k of it. A horizontal
// view lays one bar per row, its label at the left (as long as it needs), and is as tall as
// its rows need.
import { scaleLinear, type ScaleLinear } from "d3-scale";
import { fmt } from "../format";
import type { BarsView, ViewContext, ViewRenderer } from "../types";

const M = { left: 46, right: 12, top: 18, bottom: 30 };
/** A horizontal view's row height and margins, in CSS pixels. */
const ROW = 22;
const HM = { right: 44, top: 6, bottom: 34 };

export function mountBars(el: HTMLElement, ctx: ViewContext): ViewRenderer<BarsView> {
  const canvas = document.createElement("canvas");
  canvas.className = "bars-canvas";
  canvas.setAttribute("role", "img");
  el.append(canvas);
  const g = canvas.getContext("2d")!;
  let view: BarsView | null = null;
  let sy: ScaleLinear<number, number> = scaleLinear();
  let band = 0;
  let dragging = -1;
  let cssW = canvas.clientWidth;
  let cssH = canvas.clientHeight;

  /** Size the backing store to the CSS size at the device's pixel ratio and clear it;
   *  returns the CSS width and height to draw in. */
  function clear(): [number, number] {
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(cssW * dpr) || canvas.height !== Math.round(cssH * dpr)) {
      canvas.width = Math.round(cssW * dpr);
      canvas.height = Math.round(cssH * dpr);
    }
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, cssW, cssH);
    return [cssW, cssH];
  }

  function draw(): void {
    if (!view) return;
    if (view.horizontal) return drawHorizontal(view);
    if (canvas.style.height) {  // was horizontal: back to the stylesheet's aspect ratio
      canvas.style.aspectRatio = "";
      canvas.style.height = "";
      return;  // the resize observer draws again at the new size
    }
    const [W, H] = clear();
    sy = scaleLinear().domain(view.y_range).range([H - M.bottom, M.top]);
    const n = view.labels.length;
    band = (W - M.left - M.right) / Math.max(n, 1);
    g.font = "11px system-ui, sans-serif";
    g.strokeStyle = "#eceff3";
    g.fillStyle = "#4a5561";
    g.textAlign = "right";
    g.textBaseline = "middle";
    for (const t of sy.ticks(5)) {
      g.beginPath();
      g.moveTo(M.left, Math.round(sy(t)) + 0.5);
      g.lineTo(W - M.right, Math.round(sy(t)) + 0.5);
      g.stroke();
      g.fillText(sy.tickFormat(5)(t), M.left - 6, sy(t));
    }
    const zero = sy(Math.min(Math.max(0, view.y_range[0]), view.y_range[1]));
    g.textAlign = "center";
    for (let k = 0; k < n; k++) {
      const v = view.values.data[k];
      const x = M.left + k * band + band * 0.18;
      const w = band * 0.64;
      const top = sy(Math.min(Math.max(v, view.y_range[0]), view.y_range[1]));
      g.fillStyle = view.colors[k] ?? "#0877bd";
      g.fillRect(x, Math.min(top, zero), w, Math.abs(zero - top));
      g.fillStyle = "#1f2933";
      g.font = "12px system-ui, sans-serif";
      const label = view.value_labels[k] ?? "";
      g.textBaseline = v >= 0 ? "bottom" : "top";
      g.fillText(label, x + w / 2, v >= 0 ? top - 3 : top + 3);
      g.textBaseline = "top";
      g.fillStyle = "#4a5561";
      g.fillText(view.labels[k], x + w / 2, H - M.bottom + 8);
    }
    g.strokeStyle = "#9aa3ad";
    g.beginPath();
    g.moveTo(M.left, Math.round(zero) + 0.5);
    g.lineTo(W - M.right, Math.round(zero) + 0.5);
    g.stroke();
  }

  function drawHorizontal(v: BarsView): void {
    const n = v.labels.length;
    const want = HM.top + HM.bottom + n * ROW;
    if (Math.abs(cssH - want) > 0.5) {
      canvas.style.aspectRatio = "auto";
      canvas.style.height = `${want}px`;
      cssH = want;
    }
    const [W, H] = clear();
    g.font = "12px system-ui, sans-serif";
    const left = Math.min(W * 0.45, Math.max(40, ...v.labels.map((l) => g.measureText(l).width)) + 12);
    const sx = scaleLinear().domain(v.y_range).range([left, W - HM.right]);
    g.font = "11px system-ui, sans-serif";
    g.strokeStyle = "#eceff3";
    g.fillStyle = "#4a5561";
    g.textAlign = "center";
    g.textBaseline = "top";
    for (const t of sx.ticks(5)) {
      g.beginPath();
      g.moveTo(Math.round(sx(t)) + 0.5, HM.top);
      g.lineTo(Math.round(sx(t)) + 0.5, H - HM.bottom);
      g.stroke();
      g.fillText(sx.tickFormat(5)(t), sx(t), H - HM.bottom + 4);
    }
    if (v.y_label) g.fillText(v.y_label, (left + W - HM.right) / 2, H - 14);
    const zero = sx(Math.min(Math.max(0, v.y_range[0]), v.y_range[1]));
    g.font = "12px system-ui, sans-serif";
    g.textBaseline = "middle";
    for (let k = 0; k < n; k++) {
      const value = v.values.data[k];
      const y = HM.top + k * ROW;
      const end = sx(Math.min(Math.max(value, v.y_range[0]), v.y_range[1]));
      g.fillStyle = v.colors[k] ?? "#0877bd";
      g.fillRect(Math.min(end, zero), y + ROW * 0.18, Math.abs(end - zero), ROW * 0.64);
      g.fillStyle = "#4a5561";
      g.textAlign = "right";
      g.fillText(v.labels[k], left - 8, y + ROW / 2);
      const text = v.value_labels[k] ?? "";
      g.fillStyle = "#1f2933";
      g.textAlign = value >= 0 ? "left" : "right";
      g.fillText(text, value >= 0 ? end + 4 : end - 4, y + ROW / 2);
    }
    g.strokeStyle = "#9aa3ad";
    g.beginPath();
    g.moveTo(Math.round(zero) + 0.5, HM.top);
    g.lineTo(Math.round(zero) + 0.5, H - HM.bottom);
    g.stroke();
  }

  function barAt(ev: PointerEvent): number {
    if (!view) return -1;
    const b = canvas.getBoundingClientRect();
    const k = Math.floor((ev.clientX - b.left - M.left) / band);
    return k >= 0 && k < view.labels.length ? k : -1;
  }

  function dragTo(ev: PointerEvent): void {
    if (!view?.draggable || dragging < 0) return;
    const b = canvas.getBoundingClientRect();
    const [lo, hi] = view.y_range;
    const v = Math.round(Math.min(hi, Math.max(lo, sy.invert(ev.clientY - b.top))) * 10) / 10;
    const current = ctx.params()[view.draggable] as number[];
    if (current[dragging] === v) return;
    ctx.setParam(view.draggable, current.map((x, i) => (i === dragging ? v : x)));
  }

  canvas.addEventListener("pointerdown", (ev) => {
    if (!view?.draggable || view.horizontal) return;
    dragging = barAt(ev);
    if (dragging < 0) return;
    canvas.setPointerCapture(ev.pointerId);
    dragTo(ev);
  });
  canvas.addEventListener("pointermove", (ev) => {
    if (view?.draggable) canvas.style.cursor = dragging >= 0 ? "grabbing" : barAt(ev) >= 0 ? "ns-resize" : "default";
    dragTo(ev);
  });
  const end = () => { dragging = -1; };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);

  const ro = new ResizeObserver((entries) => {
    const r = entries[entries.length - 1].contentRect;
    cssW = r.width;
    cssH = r.height;
    draw();
  });
  ro.observe(canvas);

  return {
    update(v: BarsView) {
      view = v;
      // The numbers it shows, for a screen reader (the DOM only when they change).
      const alt = `${v.title}: ${v.labels.map((l, i) => `${l} = ${v.value_labels[i] ?? fmt(v.values.data[i])}`).join(", ")}`;
      if (canvas.getAttribute("aria-label") !== alt) canvas.setAttribute("aria-label", alt);
      draw();
    },
    destroy() {
      ro.disconnect();
      el.replaceChildren();
    },
  };
}
