// Colour maps come from the page spec (mlscope/core/colors.py), so a heatmap code is the same
// colour here and in matplotlib exports.
import type { NDArray, PageSpec } from "./types";

/** name -> 256 RGBA entries packed for ImageData: lut[4*code .. 4*code+3]. */
export function buildLuts(spec: PageSpec): Record<string, Uint8ClampedArray> {
  const out: Record<string, Uint8ClampedArray> = {};
  for (const [name, rgb] of Object.entries(spec.colormaps)) {
    const lut = new Uint8ClampedArray(256 * 4);
    for (let k = 0; k < 256; k++) {
      lut[4 * k] = rgb[3 * k];
      lut[4 * k + 1] = rgb[3 * k + 1];
      lut[4 * k + 2] = rgb[3 * k + 2];
      lut[4 * k + 3] = 255;
    }
    out[name] = lut;
  }
  return out;
}

export function labelColor(spec: PageSpec, label: number): string {
  return spec.label_colors[label % spec.label_colors.length];
}

/** Colour codes (ny, nx), row 0 at the bottom, as nx × ny pixels of ``img`` with the
 *  top-left corner at (x0, y0) (rows flipped, so the bottom row is drawn last), through a
 *  LUT from buildLuts.
 *  With ``gutter`` 1, also a one-pixel frame around it that repeats the edge pixels, so a
 *  smoothed drawImage of just this part of an atlas does not bleed in its neighbours. */
export function paintCodes(codes: NDArray, lut: Uint8ClampedArray, img: ImageData, x0: number, y0: number,
  gutter: 0 | 1 = 0): void {
  const [ny, nx] = codes.shape;
  const src = codes.data;
  const px = new Uint32Array(img.data.buffer, img.data.byteOffset, img.width * img.height);
  const colours = packed(lut);
  const W = img.width;
  for (let i = -gutter; i < ny + gutter; i++) {
    const si = (i < 0 ? 0 : i >= ny ? ny - 1 : i) * nx;
    let p = (y0 + gutter + (ny - 1 - i)) * W + x0; // row flipped: data row 0 at the bottom
    if (gutter) px[p++] = colours[src[si]];
    for (let j = 0; j < nx; j++) px[p++] = colours[src[si + j]];
    if (gutter) px[p] = colours[src[si + nx - 1]];
  }
}

const packedLuts = new WeakMap<Uint8ClampedArray, Uint32Array>();

/** A LUT as one 32-bit RGBA word per code, in the machine's byte order, for writing a
 *  pixel at a time into ImageData's buffer. */
function packed(lut: Uint8ClampedArray): Uint32Array {
  let out = packedLuts.get(lut);
  if (!out) {
    out = new Uint32Array(256);
    new Uint8ClampedArray(out.buffer).set(lut.subarray(0, 1024));
    packedLuts.set(lut, out);
  }
  return out;
}
