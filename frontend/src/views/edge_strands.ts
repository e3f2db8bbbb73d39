// A diagram's curved edges drawn as strands of hairlines, for speed.
//
// Chrome's software canvas (Skia, which also serves headless and GPU-less machines)
// rasterises a stroke no wider than 1 px as a hairline, several times cheaper than a wider
// anti-aliased stroke. So an edge w px wide is drawn as hairlines spanning w, at most half
// a pixel apart along the curve's normals: anti-aliased hairlines that close fill the band
// evenly (a pixel apart, stripes show), and it looks like one stroke of width w. Measured
// in headless Chromium on 384 edges of width 1-2.3 px: 3.3 ms of raster per frame instead
// of 6.3 ms.

/** An edge's curve: the cubic from (x1, y1) to (x2, y2) that leaves and arrives
 *  horizontally (control points at the middle x), sampled as a polyline with the unit
 *  normal at every point. */
export interface EdgeCurve {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** x, y of each sample point */
  points: Float64Array;
  /** the unit normal at each sample point */
  normals: Float64Array;
}

const SEGMENTS = 12;
/** The widest gap between neighbouring strands, px: at 1 px, stripes show in wide edges. */
const STRAND_GAP = 0.5;

export function edgeCurve(x1: number, y1: number, x2: number, y2: number): EdgeCurve {
  const mx = (x1 + x2) / 2;
  const points = new Float64Array(2 * (SEGMENTS + 1));
  const normals = new Float64Array(2 * (SEGMENTS + 1));
  for (let k = 0; k <= SEGMENTS; k++) {
    const t = k / SEGMENTS;
    const u = 1 - t;
    // B(t) with control points (x1, y1), (mx, y1), (mx, y2), (x2, y2), and B'(t).
    points[2 * k] = u * u * u * x1 + 3 * u * t * mx + t * t * t * x2;
    points[2 * k + 1] = (u * u * u + 3 * u * u * t) * y1 + (3 * u * t * t + t * t * t) * y2;
    const dx = 3 * u * u * (mx - x1) + 3 * t * t * (x2 - mx);
    const dy = 6 * u * t * (y2 - y1);
    const len = Math.hypot(dx, dy) || 1;
    normals[2 * k] = -dy / len;
    normals[2 * k + 1] = dx / len;
  }
  return { x1, y1, x2, y2, points, normals };
}

/** Stroke ``c`` with the context's strokeStyle as if with lineWidth ``width`` (≥ 0). */
export function strokeEdge(g: CanvasRenderingContext2D, c: EdgeCurve, width: number): void {
  const n = width <= 1 ? 1 : 1 + Math.ceil((width - 1) / STRAND_GAP);
  const { points: p, normals: nv } = c;
  g.lineWidth = Math.min(width, 1);
  g.beginPath();
  for (let s = 0; s < n; s++) {
    const o = n === 1 ? 0 : -(width - 1) / 2 + (s * (width - 1)) / (n - 1);
    g.moveTo(p[0] + o * nv[0], p[1] + o * nv[1]);
    for (let k = 2; k < p.length; k += 2) g.lineTo(p[k] + o * nv[k], p[k + 1] + o * nv[k + 1]);
  }
  g.stroke();
}

/** The curve as an SVG path (the same cubic), e.g. for an invisible hit area. */
export function edgePath(c: EdgeCurve): string {
  const mx = (c.x1 + c.x2) / 2;
  return `M${c.x1},${c.y1} C${mx},${c.y1} ${mx},${c.y2} ${c.x2},${c.y2}`;
}
