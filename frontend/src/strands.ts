// Lines wider than a pixel, drawn as strands of hairlines: a trick measured and switched off.
//
// Chrome's software canvas (Skia, which also serves headless and GPU-less machines)
// rasterises a stroke no wider than 1 px as a hairline, several times cheaper than a wider
// anti-aliased stroke. So a line w px wide can be drawn as hairlines spanning w, at most half
// a pixel apart along the line's normals: anti-aliased hairlines that close fill the band
// evenly, and it looks like one stroke of width w with butt caps and mitred joins. In
// software raster it saved raster time (384 diagram edges: 3.3 ms a frame instead of 6.3;
// the playground's `big`: 59 fps against 57 without). On Skia's GPU raster path, which most
// users' browsers take, it loses badly: `benchmarks/playground.py --gpu-raster --tricks`
// (SwiftShader) measured 3.5 fps with strands against 9.6 without at `big`, 16.3 against
// 24.5 at `default`. So it is off: wide lines are plain strokes. The benchmark switches it
// on (``window.__mlscopeStrands = true`` before the page loads) to measure it again.
//
// Overlapping hairlines blend twice where they overlap, so only opaque colours may be drawn
// this way (``opaque``); a translucent line is stroked as usual.

/** Whether wide lines go as strands: only when a benchmark asks (see above). */
export function strandsOn(): boolean {
  return Boolean((globalThis as { __mlscopeStrands?: boolean }).__mlscopeStrands);
}

/** A polyline: x, y of each point, and each point's offset direction (unit normal, scaled
 *  at a corner so that offset segments stay parallel to the original ones: a mitre). */
export interface Strands {
  points: Float64Array;
  normals: Float64Array;
}

/** The widest gap between neighbouring strands, px. */
const STRAND_GAP = 0.5;
/** The longest mitre, in widths: sharper corners are cut (as canvas's miterLimit). */
const MITRE_LIMIT = 2;

export function strands(points: Float64Array): Strands {
  const n = points.length / 2;
  const normals = new Float64Array(points.length);
  let px = 0;
  let py = 0; // the previous segment's unit normal
  for (let k = 0; k < n; k++) {
    // The unit normal of the segment leaving point k (or arriving, at the last point).
    let nx = px;
    let ny = py;
    if (k < n - 1) {
      const dx = points[2 * k + 2] - points[2 * k];
      const dy = points[2 * k + 3] - points[2 * k + 1];
      const len = Math.hypot(dx, dy);
      if (len > 0) {
        nx = -dy / len;
        ny = dx / len;
      }
    }
    if (k === 0) {
      px = nx;
      py = ny;
    }
    // Mitre: the bisector of the two normals, scaled by 1 / cos(half the turn).
    let mx = px + nx;
    let my = py + ny;
    const m = Math.hypot(mx, my);
    if (m < 1e-9) {
      mx = nx; // a full turn back: no mitre
      my = ny;
    } else {
      // |bisector| = 2 cos(half the turn), so the mitre is 2 / |bisector| long.
      const scale = Math.min(MITRE_LIMIT, 2 / m) / m;
      mx *= scale;
      my *= scale;
    }
    normals[2 * k] = mx;
    normals[2 * k + 1] = my;
    px = nx;
    py = ny;
  }
  return { points, normals };
}

/** The strands of ``s`` as subpaths of a path (stroke it with lineWidth 1, in an opaque colour). */
export function addStrands(g: CanvasRenderingContext2D | Path2D, s: Strands, width: number): void {
  const n = width <= 1 ? 1 : 1 + Math.ceil((width - 1) / STRAND_GAP);
  const { points: p, normals: nv } = s;
  for (let j = 0; j < n; j++) {
    const o = n === 1 ? 0 : -(width - 1) / 2 + (j * (width - 1)) / (n - 1);
    g.moveTo(p[0] + o * nv[0], p[1] + o * nv[1]);
    for (let k = 2; k < p.length; k += 2) g.lineTo(p[k] + o * nv[k], p[k + 1] + o * nv[k + 1]);
  }
}

/** True for a CSS colour with no transparency: #rgb, #rrggbb, rgb(...) or a name. */
export function opaque(color: string): boolean {
  return /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(color) || /^rgb\(/i.test(color) || /^[a-z]+$/i.test(color)
    && color.toLowerCase() !== "transparent";
}

// --- a diagram's edges ---------------------------------------------------------------------

/** An edge's curve: the cubic from (x1, y1) to (x2, y2) that leaves and arrives
 *  horizontally (control points at the middle x), sampled as strands. */
export interface EdgeCurve extends Strands {
  /** its strands by width, made as needed (strokeEdge) */
  paths?: Map<number, Path2D>;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const SEGMENTS = 12;

export function edgeCurve(x1: number, y1: number, x2: number, y2: number): EdgeCurve {
  const mx = (x1 + x2) / 2;
  const points = new Float64Array(2 * (SEGMENTS + 1));
  for (let k = 0; k <= SEGMENTS; k++) {
    const t = k / SEGMENTS;
    const u = 1 - t;
    // B(t) with control points (x1, y1), (mx, y1), (mx, y2), (x2, y2).
    points[2 * k] = u * u * u * x1 + 3 * u * t * mx + t * t * t * x2;
    points[2 * k + 1] = (u * u * u + 3 * u * u * t) * y1 + (3 * u * t * t + t * t * t) * y2;
  }
  return { x1, y1, x2, y2, ...strands(points) };
}

/** Stroke an edge's strands, keeping the path of each width it was drawn at: widths are
 *  rounded to a quarter pixel (a difference no one sees), so while a network trains an
 *  edge's path is mostly reused, and the frame records one path per edge instead of
 *  thousands of line segments. */
export function strokeEdge(g: CanvasRenderingContext2D, c: EdgeCurve, width: number): void {
  const w = Math.max(1, Math.round(width * 4) / 4);
  const asStrands = strandsOn();
  c.paths ??= new Map();
  let path = c.paths.get(w);
  if (!path) {
    path = asStrands ? new Path2D() : new Path2D(edgePath(c));
    if (asStrands) addStrands(path, c, w);
    if (c.paths.size > 64) c.paths.clear();
    c.paths.set(w, path);
  }
  g.lineWidth = asStrands ? 1 : w;
  g.stroke(path);
}

/** The curve as an SVG path (the same cubic), e.g. for an invisible hit area. */
export function edgePath(c: EdgeCurve): string {
  const mx = (c.x1 + c.x2) / 2;
  return `M${c.x1},${c.y1} C${mx},${c.y1} ${mx},${c.y2} ${c.x2},${c.y2}`;
}
