// Views that move along one parameter (a Tween, see mlscope/core/views/__init__.py): the browser
// blends their numbers at the slider's value itself, so scrubbing that slider redraws them at
// once, without waiting for the server. The server's frame follows and replaces the blend
// (its title and text included).
import type { NDArray, Range, Tween, ViewPayload } from "./types";

type Tweened = ViewPayload & { tween?: Tween | null; layers: object[] };

/** The parameter a view moves along, or null. */
export function tweenParam(view: ViewPayload): string | null {
  const t = (view as { tween?: Tween | null }).tween;
  return t ? t.param : null;
}

// The last blend of each stop's array: the same blend again (the server's frame at the value
// the browser already drew) hands back the same object, so the view is not redrawn.
const lastBlend = new WeakMap<NDArray, { b: NDArray; u: number; out: NDArray }>();

function blendArray(a: NDArray, b: NDArray, u: number): NDArray {
  const last = lastBlend.get(a);
  if (last && last.b === b && last.u === u) return last.out;
  const data = new Float32Array(a.data.length);
  for (let k = 0; k < data.length; k++) data[k] = (1 - u) * a.data[k] + u * b.data[k];
  const out = { data, shape: a.shape };
  lastBlend.set(a, { b, u, out });
  return out;
}

function isRange(x: unknown): x is Range {
  return Array.isArray(x) && x.length === 2 && typeof x[0] === "number";
}

/** ``view`` with its tweened numbers at ``value`` (linear between the two stops around it)
 * and the layers that ``shown`` limits to other values left out. The payload is not changed. */
export function tweenAt<V extends ViewPayload>(view: V, value: number): V {
  const t = (view as Tweened).tween;
  if (!t || t.stops.length < 2) return view;
  const s = t.stops;
  const v = Math.min(Math.max(value, s[0]), s[s.length - 1]);
  let k = 0;
  while (k < s.length - 2 && v >= s[k + 1]) k++;
  // held: the last stop at or before v, its numbers as they are
  if (t.hold && v >= s[k + 1]) k++;
  const u = t.hold ? 0 : s[k + 1] > s[k] ? (v - s[k]) / (s[k + 1] - s[k]) : 0;
  const [a, b] = [t.frames[k], t.frames[Math.min(k + 1, s.length - 1)]];
  const out: Record<string, unknown> = { ...view };
  const layers: Array<Record<string, unknown> | null> = (view as Tweened).layers.map((l) => ({ ...l }));
  for (const [path, x] of Object.entries(a)) {
    const y = b[path];
    const blended = t.hold ? x  // the stop's own numbers, not a copy
      : typeof x === "string" ? (u < 0.5 ? x : y)  // a label: the nearer stop's
      : isRange(x) && isRange(y) ? [(1 - u) * x[0] + u * y[0], (1 - u) * x[1] + u * y[1]]
        : blendArray(x as NDArray, y as NDArray, u);
    const parts = path.split(".");
    if (parts[0] === "layers" && parts.length === 3) {
      const layer = layers[Number(parts[1])];
      if (layer) layer[parts[2]] = blended;
    } else out[path] = blended;
  }
  for (const [path, [lo, hi]] of Object.entries(t.shown ?? {})) {
    const i = Number(path.split(".")[1]);
    if (v < lo || v > hi) layers[i] = null;
  }
  out.layers = layers.filter((l) => l !== null);
  return out as V;
}
