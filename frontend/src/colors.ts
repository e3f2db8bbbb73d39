// Colour maps come from the page spec (mlscope/core/colors.py), so a heatmap code is the same
// colour here and in matplotlib exports.
import type { PageSpec } from "./types";

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
