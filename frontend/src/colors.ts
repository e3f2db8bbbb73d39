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

/** Colour codes (ny, nx), row 0 at the bottom, as an image of nx × ny pixels (rows flipped
 * so the bottom row is drawn last), through a LUT from buildLuts. */
export function codesToImage(codes: NDArray, lut: Uint8ClampedArray): ImageData {
  const [ny, nx] = codes.shape;
  const img = new ImageData(nx, ny);
  paintCodes(codes, lut, img, 0, 0);
  return img;
}

/** Paint codes as codesToImage does, into ``img`` with the top-left corner at (x0, y0).
 *  With ``gutter`` 1, also a one-pixel frame around it that repeats the edge pixels, so a
 *  smoothed drawImage of just this part of an atlas does not bleed in its neighbours. */
export function paintCodes(codes: NDArray, lut: Uint8ClampedArray, img: ImageData, x0: number, y0: number,
  gutter: 0 | 1 = 0): void {
  const [ny, nx] = codes.shape;
  const src = codes.data;
  const out = img.data;
  const W = img.width;
  const put = (x: number, y: number, code: number) => {
    const p = (y * W + x) * 4;
    const c = code * 4;
    out[p] = lut[c];
    out[p + 1] = lut[c + 1];
    out[p + 2] = lut[c + 2];
    out[p + 3] = 255;
  };
  for (let i = -gutter; i < ny + gutter; i++) {
    const si = Math.min(ny - 1, Math.max(0, i)) * nx;
    const y = y0 + gutter + (ny - 1 - i);
    for (let j = -gutter; j < nx + gutter; j++) {
      put(x0 + gutter + j, y, src[si + Math.min(nx - 1, Math.max(0, j))]);
    }
  }
}
