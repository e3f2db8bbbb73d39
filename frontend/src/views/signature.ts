// A view layer's identity, for renderers that keep drawn layers: its style, and its arrays
// by object identity (the decoder hands back the same object for an array a frame did not
// resend), so comparing signatures costs nothing per array element.
import type { NDArray } from "../types";

const arrayIds = new WeakMap<NDArray, number>();
let nextArrayId = 1;

export function layerSignature(layer: object): string {
  return JSON.stringify(layer, (_k, v) => {
    if (v && typeof v === "object" && "data" in v && "shape" in v) {
      let id = arrayIds.get(v as NDArray);
      if (!id) arrayIds.set(v as NDArray, (id = nextArrayId++));
      return `#${id}`;
    }
    return v;
  });
}
