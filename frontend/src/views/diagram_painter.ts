// What the playground's diagram draws each frame, on a canvas of its own: every edge as a
// curve whose width and colour follow its weight, then every neuron's thumbnail.
// network_live.ts lays the diagram out and gives it a layout once per structure, then the
// weights and the changed thumbnails every frame.
//
// (Drawing it in a worker on an OffscreenCanvas was tried: on the 2-core machine the
// benchmarks run on, the playground's `big` network played at 45 fps that way against 53
// on the page, as the worker's thread and its separate compositor frames competed for the
// same cores.)
import { paintCodes } from "../colors";
import { type EdgeCurve, strokeEdge } from "../strands";

export interface DiagramLayout {
  /** CSS pixels, and device pixels per CSS pixel */
  W: number;
  H: number;
  dpr: number;
  /** thumbnails are S × S CSS pixels */
  S: number;
  /** each edge's curve, in the order of the weights */
  curves: EdgeCurve[];
  /** each thumbnail's centre and its heatmap's size in cells */
  /** faded: a switched-off input's preview (TensorFlow Playground shows what it would add) */
  thumbs: { x: number; y: number; nx: number; ny: number; faded?: boolean }[];
}

export interface DiagramFrame {
  weights: Float64Array;
  /** each thumbnail's bias in layout order, NaN for none (inputs): a small square on the
   * tile's lower-left corner in the weights' colours, as TensorFlow Playground marks it */
  biases: Float64Array;
  /** the thumbnails that changed: their index in the layout, colour codes (ny, nx), map */
  thumbs: { k: number; codes: Uint8Array; colormap: string }[];
}

export class DiagramPainter {
  private g: CanvasRenderingContext2D;
  private layout: DiagramLayout | null = null;
  // Every thumbnail in one atlas, one pixel per cell with a 1-pixel gutter (paintCodes), so a
  // frame puts one ImageData, not one per neuron.
  private atlas: HTMLCanvasElement;
  private atlasCtx: CanvasRenderingContext2D;
  private atlasImg: ImageData = new ImageData(1, 1);
  private slots: { x: number; y: number }[] = [];
  // The diverging map's 256 colours as CSS strings, made once: edges pick theirs by code.
  private colors: string[];

  constructor(private canvas: HTMLCanvasElement, private luts: Record<string, Uint8ClampedArray>) {
    this.g = canvas.getContext("2d")!;
    this.atlas = document.createElement("canvas");
    this.atlasCtx = this.atlas.getContext("2d")!;
    const d = luts.diverging;
    this.colors = Array.from({ length: 256 }, (_, c) => `rgb(${d[4 * c]},${d[4 * c + 1]},${d[4 * c + 2]})`);
  }

  setLayout(l: DiagramLayout): void {
    this.layout = l;
    this.canvas.width = Math.round(l.W * l.dpr);
    this.canvas.height = Math.round(l.H * l.dpr);
    const cw = Math.max(1, ...l.thumbs.map((t) => t.nx)) + 2;
    const ch = Math.max(1, ...l.thumbs.map((t) => t.ny)) + 2;
    const cols = Math.max(1, Math.ceil(Math.sqrt(l.thumbs.length)));
    this.atlas.width = cols * cw;
    this.atlas.height = Math.max(1, Math.ceil(l.thumbs.length / cols)) * ch;
    this.atlasImg = new ImageData(this.atlas.width, this.atlas.height);
    this.slots = l.thumbs.map((_, k) => ({ x: (k % cols) * cw, y: Math.floor(k / cols) * ch }));
  }

  paint(f: DiagramFrame): void {
    const l = this.layout;
    if (!l) return;
    for (const t of f.thumbs) {
      const { nx, ny } = l.thumbs[t.k];
      const s = this.slots[t.k];
      paintCodes({ data: t.codes, shape: [ny, nx] }, this.luts[t.colormap] ?? this.luts.diverging,
        this.atlasImg, s.x, s.y, 1);
    }
    if (f.thumbs.length) this.atlasCtx.putImageData(this.atlasImg, 0, 0);
    const g = this.g;
    g.setTransform(l.dpr, 0, 0, l.dpr, 0, 0);
    g.clearRect(0, 0, l.W, l.H);
    g.lineCap = "butt";
    f.weights.forEach((w, k) => {
      // TensorFlow Playground: colour on [-1, 1], width 1 + 9·|w|/5 (clamped).
      g.strokeStyle = this.colors[Math.round(Math.min(1, Math.max(0, (w + 1) / 2)) * 255)];
      strokeEdge(g, l.curves[k], 1 + 9 * Math.min(1, Math.abs(w) / 5));
    });
    g.imageSmoothingEnabled = true;
    const S = l.S;
    l.thumbs.forEach((t, k) => {
      const s = this.slots[k];
      g.globalAlpha = t.faded ? 0.35 : 1;
      g.drawImage(this.atlas, s.x + 1, s.y + 1, t.nx, t.ny, t.x - S / 2, t.y - S / 2, S, S);
    });
    g.globalAlpha = 1;
    const b = Math.max(4, Math.round(S * 0.22));
    g.lineWidth = 1;
    g.strokeStyle = "#4a5561";
    l.thumbs.forEach((t, k) => {
      const bias = f.biases[k];
      if (!Number.isFinite(bias)) return;
      const x = t.x - S / 2 - b + 1;
      const y = t.y + S / 2 - b + 2;
      g.fillStyle = this.colors[Math.round(Math.min(1, Math.max(0, (bias + 1) / 2)) * 255)];
      g.fillRect(x, y, b, b);
      g.strokeRect(x + 0.5, y + 0.5, b - 1, b - 1);
    });
  }
}
