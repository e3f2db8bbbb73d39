// Decodes a binary frame (format: mlscope/core/encoding.py). Arrays are viewed in place on
// the received buffer; an array marked "same" is the one received before under that key, so
// renderers can compare arrays by identity and skip work when nothing changed.
import type { Frame, NDArray, TypedArray } from "./types";

const CTORS: Record<string, new (b: ArrayBuffer, o: number, n: number) => TypedArray> = {
  float32: Float32Array,
  int32: Int32Array,
  uint8: Uint8Array,
};

interface ArrayEntry {
  key: string;
  same?: boolean;
  dtype?: string;
  shape?: number[];
  offset?: number;
  nbytes?: number;
}

export class FrameDecoder {
  private known = new Map<string, NDArray>();

  decode(buf: ArrayBuffer): Frame {
    const n = new DataView(buf).getUint32(0, true);
    const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 4, n)));
    const base = 4 + n + ((8 - ((4 + n) % 8)) % 8);
    const arrays: NDArray[] = (header.arrays as ArrayEntry[]).map((e) => {
      if (e.same) {
        const prev = this.known.get(e.key);
        if (!prev) throw new Error(`frame reuses unknown array ${e.key}`);
        return prev;
      }
      const Ctor = CTORS[e.dtype!];
      const count = e.shape!.reduce((a, b) => a * b, 1);
      const arr: NDArray = { data: new Ctor(buf, base + e.offset!, count), shape: e.shape! };
      this.known.set(e.key, arr);
      return arr;
    });
    delete header.arrays;
    return resolve(header, arrays) as Frame;
  }
}

function resolve(v: unknown, arrays: NDArray[]): unknown {
  if (Array.isArray(v)) return v.map((x) => resolve(x, arrays));
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("$a" in o && Object.keys(o).length === 1) return arrays[o.$a as number];
    const out: Record<string, unknown> = {};
    for (const k in o) out[k] = resolve(o[k], arrays);
    return out;
  }
  return v;
}
