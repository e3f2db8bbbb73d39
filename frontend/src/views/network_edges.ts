// A Network view's edges in one order for both layouts: its own edges, then every dense
// layer's (core.views.Network.all_edges on the Python side).
import type { NetworkEdge, NetworkView } from "../types";

/** The view's edges, then its dense layers' (core.views.Network.all_edges). */
export function allEdges(v: NetworkView): NetworkEdge[] {
  const out = [...v.edges];
  for (const d of v.dense ?? []) {
    const w = d.weights.data;
    d.sources.forEach((source, i) => d.targets.forEach((target, j) => out.push({
      source, target, weight: w[i * d.targets.length + j], label: "", label_at: 0.5,
      structural: false, id: `${d.name}:${i}:${j}`,
    })));
  }
  return out;
}

/** Every edge's weight, in allEdges order, into ``out`` (no objects made: called per frame). */
export function edgeWeights(v: NetworkView, out: Float64Array): void {
  let k = 0;
  for (const e of v.edges) out[k++] = e.weight;
  for (const d of v.dense ?? []) {
    const w = d.weights.data;
    for (let i = 0; i < w.length; i++) out[k++] = w[i];
  }
}
