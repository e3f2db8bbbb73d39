// The pointer on a plot: the readout of where it is (in data units, above the plot, or the
// hover text of the point under it), dragging
// the points of a layer whose `draggable` names a PointsParam (each move sets it), and a
// click (press and release within a few pixels, not on such a point) sent as the plot's
// click_action with where it landed and whether Shift was held. Used by plot.ts.
import type { ScaleLinear } from "d3-scale";
import { fmt } from "../format";
import type { Point, PlotView, PointsLayer, PointsSpec, ViewContext } from "../types";
import { M } from "./plot_layers";

const HIT_PX = 12;

interface Drag {
  layer: PointsLayer;
  index: number;
  spec: PointsSpec;
}

/** What the pointer needs from the plot, read when it moves: the view shown, its scales and
 *  its size in CSS pixels. */
export interface PlotGeometry {
  view(): PlotView | null;
  sx(): ScaleLinear<number, number>;
  sy(): ScaleLinear<number, number>;
  size(): [number, number];
}

/** v on the nearest multiple of step (0: v itself), without float noise (0.30000000000000004). */
export function snapTo(v: number, step: number): number {
  if (!(step > 0)) return v;
  return Number((Math.round(v / step) * step).toPrecision(12));
}

export function wirePlotPointer(canvas: HTMLCanvasElement, readout: HTMLElement, ctx: ViewContext,
  g: PlotGeometry): void {
  let drag: Drag | null = null;

  function local(ev: PointerEvent): [number, number] {
    const b = canvas.getBoundingClientRect();
    return [ev.clientX - b.left, ev.clientY - b.top];
  }

  function hit(px: number, py: number): Drag | null {
    const view = g.view();
    if (!view) return null;
    let best: Drag | null = null;
    let bestD = HIT_PX;
    for (const layer of view.layers) {
      if (layer.kind !== "points" || !layer.draggable) continue;
      const spec = ctx.spec.params.find((p) => p.name === layer.draggable);
      if (!spec || spec.kind !== "points") continue;
      for (let k = 0; k < layer.x.data.length; k++) {
        const d = Math.hypot(g.sx()(layer.x.data[k]) - px, g.sy()(layer.y.data[k]) - py);
        if (d < bestD) {
          bestD = d;
          best = { layer, index: k, spec };
        }
      }
    }
    return best;
  }

  /** The text of the point under the pointer, in a layer with hover texts (the nearest
   *  within HIT_PX; the last layer drawn wins a tie), or null. */
  function hoverText(px: number, py: number): string | null {
    const view = g.view();
    if (!view) return null;
    let best: string | null = null;
    let bestD = HIT_PX;
    for (const layer of view.layers) {
      if (layer.kind !== "points" || !layer.hover?.length) continue;
      for (let k = 0; k < layer.x.data.length; k++) {
        const d = Math.hypot(g.sx()(layer.x.data[k]) - px, g.sy()(layer.y.data[k]) - py);
        if (d <= bestD) {
          bestD = d;
          best = layer.hover[k];
        }
      }
    }
    return best;
  }

  // A click (press and release within a few pixels, not on a draggable point) is sent as
  // the plot's click_action with where it landed, in data units.
  let press: [number, number] | null = null;
  canvas.addEventListener("pointerdown", (ev) => {
    const [px, py] = local(ev);
    drag = hit(px, py);
    press = drag ? null : [px, py];
    if (drag) {
      canvas.setPointerCapture(ev.pointerId);
      ev.preventDefault();
    }
  });
  canvas.addEventListener("pointerup", (ev) => {
    const [px, py] = local(ev);
    const [cssW, cssH] = g.size();
    const view = g.view();
    const inside = px >= M.left && px <= cssW - M.right && py >= M.top && py <= cssH - M.bottom;
    if (press && view?.click_action && inside && Math.hypot(px - press[0], py - press[1]) < 5) {
      ctx.action(view.click_action, { x: g.sx().invert(px), y: g.sy().invert(py), shift: ev.shiftKey });
    }
    press = null;
  });
  canvas.addEventListener("pointermove", (ev) => {
    const [px, py] = local(ev);
    const view = g.view();
    if (view && px >= M.left && py <= g.size()[1] - M.bottom) {
      const text = hoverText(px, py);
      readout.classList.toggle("hover", text !== null);
      readout.textContent = text ??
        `${view.x_label} ${fmt(g.sx().invert(px))} · ${view.y_label} ${fmt(g.sy().invert(py))}`;
    }
    canvas.style.cursor = drag ? "grabbing" : hit(px, py) ? "grab" : view?.click_action ? "copy" : "crosshair";
    if (!drag) return;
    const { spec, index } = drag;
    const clamp = (v: number, r: [number, number]) => Math.min(r[1], Math.max(r[0], v));
    const pts = (ctx.params()[spec.name] as Point[]).map((p) => [...p] as Point);
    const at = (v: number, r: [number, number]) => clamp(snapTo(v, spec.snap ?? 0), r);
    pts[index] = [at(g.sx().invert(px), spec.x_range), at(g.sy().invert(py), spec.y_range), pts[index][2]];
    ctx.setParam(spec.name, pts);
  });
  const endDrag = () => {
    drag = null;
  };
  canvas.addEventListener("pointerup", endDrag);
  canvas.addEventListener("pointercancel", endDrag);
  canvas.addEventListener("pointerleave", () => {
    readout.textContent = "";
  });
}
