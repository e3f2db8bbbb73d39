// The labels of a 3-D scene: tick numbers and axis names as HTML (CSS2DObject) at box
// positions, moved in place while the ranges move, rebuilt when their number changes.
import { scaleLinear } from "d3-scale";
import * as THREE from "three";
import { CSS2DObject } from "three/examples/jsm/renderers/CSS2DRenderer.js";
import type { Range, Scene3DView } from "../types";
import { mapper } from "./scene3d_space";

/** Free a group's geometries and labels; materials are shared and freed with the view. */
export function disposeGroup(g: THREE.Group): void {
  g.traverse((o) => {
    (o as THREE.Mesh).geometry?.dispose();
    if (o instanceof CSS2DObject) o.element.remove();
  });
  g.clear();
}

function label(text: string, at: THREE.Vector3, cls: string): CSS2DObject {
  const d = document.createElement("div");
  d.className = cls;
  d.textContent = text;
  const o = new CSS2DObject(d);
  o.position.copy(at);
  return o;
}

/** Tick labels and axis names for the view's ranges. While the ranges move (scrubbing t),
 * the same label elements are moved and their text changed, not rebuilt. */
export function syncLabels(labelGroup: THREE.Group, v: Scene3DView): void {
  const at = mapper(v);
  const [x0, x1] = v.x_range;
  const [y0, y1] = v.y_range;
  const [z0, z1] = v.z_range;
  const tick = (r: Range) => scaleLinear().domain(r).ticks(4);
  const fmt = (r: Range) => scaleLinear().domain(r).tickFormat(4);
  const want: Array<[string, THREE.Vector3, string]> = [];
  for (const t of tick(v.x_range)) want.push([fmt(v.x_range)(t), at(t, y0, z0).add(new THREE.Vector3(0, -0.08, 0.12)), "tick"]);
  // The y and z ticks start from a corner where an x tick already stands: leave out the
  // ones too near it, so no two labels collide there.
  const clear = (r: Range) => (t: number) => Math.abs(t - r[0]) > 0.12 * Math.abs(r[1] - r[0]);
  for (const t of tick(v.y_range).filter(clear(v.y_range))) want.push([fmt(v.y_range)(t), at(x1, t, z0).add(new THREE.Vector3(0.14, -0.08, 0)), "tick"]);
  for (const t of tick(v.z_range).filter(clear(v.z_range))) want.push([fmt(v.z_range)(t), at(x0, y0, t).add(new THREE.Vector3(-0.12, 0, 0.08)), "tick"]);
  want.push([v.x_label, at((x0 + x1) / 2, y0, z0).add(new THREE.Vector3(0, -0.28, 0.3)), "axis"]);
  want.push([v.y_label, at(x1, (y0 + y1) / 2, z0).add(new THREE.Vector3(0.42, -0.25, 0)), "axis"]);
  want.push([v.z_label, at(x0, y0, z1).add(new THREE.Vector3(-0.1, 0.2, 0.1)), "axis"]);
  const have = labelGroup.children as CSS2DObject[];
  if (have.length === want.length && want.every(([, , cls], k) => have[k].element.className === cls)) {
    want.forEach(([text, p], k) => {
      if (have[k].element.textContent !== text) have[k].element.textContent = text;
      have[k].position.copy(p);
    });
    return;
  }
  disposeGroup(labelGroup);
  for (const [text, p, cls] of want) labelGroup.add(label(text, p, cls));
}

