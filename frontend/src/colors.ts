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
  const src = codes.data;
  for (let i = 0; i < ny; i++) {
    const row = (ny - 1 - i) * nx;
    for (let j = 0; j < nx; j++) {
      const c = src[i * nx + j] * 4;
      const p = (row + j) * 4;
      img.data[p] = lut[c];
      img.data[p + 1] = lut[c + 1];
      img.data[p + 2] = lut[c + 2];
      img.data[p + 3] = 255;
    }
  }
  return img;
}
