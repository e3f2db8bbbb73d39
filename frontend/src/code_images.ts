// Heatmap images for a renderer: one small canvas per colour-code array, one pixel per cell,
// painted once and then drawn scaled. While training, the codes change every frame; making a
// canvas (and its ImageData) per frame cost about 1 ms in the playground, so the canvases of
// arrays no longer drawn are repainted for the new ones instead.
import { paintCodes } from "./colors";
import type { NDArray } from "./types";

interface Slot {
  canvas: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D;
  img: ImageData;
}

export class CodeImages {
  private byCodes = new Map<NDArray, Slot>();
  private used = new Set<NDArray>();
  private spare: Slot[] = [];

  constructor(private luts: Record<string, Uint8ClampedArray>) {}

  /** The image of ``codes`` through the colour map ``colormap``. The same array object
   *  (a frame's "same" array) gives the same canvas without painting again. */
  get(codes: NDArray, colormap: string): HTMLCanvasElement {
    this.used.add(codes);
    let slot = this.byCodes.get(codes);
    if (slot) return slot.canvas;
    const [ny, nx] = codes.shape;
    const k = this.spare.findIndex((s) => s.img.width === nx && s.img.height === ny);
    slot = k >= 0 ? this.spare.splice(k, 1)[0] : this.make(nx, ny);
    paintCodes(codes, this.luts[colormap] ?? this.luts.diverging, slot.img, 0, 0);
    slot.ctx.putImageData(slot.img, 0, 0);
    this.byCodes.set(codes, slot);
    return slot.canvas;
  }

  /** After a drawing: images not asked for since the last sweep become spare. */
  sweep(): void {
    for (const [codes, slot] of this.byCodes) {
      if (!this.used.has(codes)) {
        this.byCodes.delete(codes);
        this.spare.push(slot);
      }
    }
    this.used.clear();
    this.spare.length = Math.min(this.spare.length, 4);
  }

  private make(nx: number, ny: number): Slot {
    const canvas = document.createElement("canvas");
    canvas.width = nx;
    canvas.height = ny;
    return { canvas, ctx: canvas.getContext("2d")!, img: new ImageData(nx, ny) };
  }
}
