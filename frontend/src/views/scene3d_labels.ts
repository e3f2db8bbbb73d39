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

type Sign = 1 | -1;

/** The box edges that carry the labels, seen from a camera at ``c`` (box coordinates, y
 * up, looking at the centre): all on the box's outline, so no label is drawn over the data
 * inside, whatever the rotation (as matplotlib's 3-D axes choose theirs).
 * - ``floor``: the face turned away from the camera (the floor, seen from above);
 * - ``sx``, ``sz``: the floor's two front edges carry the horizontal axes' ticks (x along
 *   the edge at z = sz, the other along the edge at x = sx);
 * - ``vx``, ``vz``: the upright edge on the left of the picture carries the vertical ticks. */
export interface LabelEdges { floor: Sign; sx: Sign; sz: Sign; vx: Sign; vz: Sign }

export function labelEdges(c: THREE.Vector3): LabelEdges {
  const sign = (v: number): Sign => (v < 0 ? -1 : 1);
  const sx = sign(c.x);
  const sz = sign(c.z);
  // Screen right = forward × up, forward = -c: the left upright edge has the least x·right.
  const right = new THREE.Vector3(c.z, 0, -c.x);
  // Of the four upright edges, the two on the outline have one neighbouring face turned to
  // the camera and the other away: (sx, -sz) and (-sx, sz).
  const [a, b]: [Sign, Sign][] = [[sx, -sz as Sign], [-sx as Sign, sz]];
  const [vx, vz] = a[0] * right.x + a[1] * right.z <= b[0] * right.x + b[1] * right.z ? a : b;
  return { floor: c.y >= 0 ? -1 : 1, sx, sz, vx, vz };
}

/** Where a label belongs: a point on a box edge and the edge's direction; ``end``: beyond
 * the edge's end (the vertical axis' name on top), else out from the edge, away from the
 * box; ``gap`` in pixels; ``axis`` groups an axis' ticks and name. */
interface Anchor { at: THREE.Vector3; along: THREE.Vector3; end: boolean; gap: number; axis: string; w?: number; h?: number }

/** Tick labels and axis names for the view's ranges, on the edges ``e`` chose (placeLabels
 * then sets them out from their edges in pixels). While the ranges move (scrubbing t) or the
 * camera turns, the same label elements are moved and their text changed, not rebuilt. */
export function syncLabels(labelGroup: THREE.Group, v: Scene3DView, e: LabelEdges): void {
  const at = mapper(v);
  const [x0, x1] = v.x_range;
  const [y0, y1] = v.y_range;
  const [z0, z1] = v.z_range;
  const tick = (r: Range) => scaleLinear().domain(r).ticks(4);
  const fmt = (r: Range) => scaleLinear().domain(r).tickFormat(4);
  const { floor, sx, sz, vx, vz } = e;
  const X = new THREE.Vector3(1, 0, 0);
  const Y = new THREE.Vector3(0, 1, 0);
  const Z = new THREE.Vector3(0, 0, 1);
  // Three's x is data x, three's z is data -y, three's y is data z (mapper).
  const onX = (t: number) => new THREE.Vector3(at(t, y0, z0).x, floor, sz);
  const onY = (t: number) => new THREE.Vector3(sx, floor, at(x0, t, z0).z);
  const onZ = (t: number) => new THREE.Vector3(vx, at(x0, y0, t).y, vz);
  const want: Array<[string, string, Anchor]> = [];
  for (const t of tick(v.x_range)) want.push([fmt(v.x_range)(t), "tick", { at: onX(t), along: X, end: false, gap: 6, axis: "x" }]);
  // The other floor edge and the upright one meet the x edge at a corner: leave out their
  // ticks too near it, so no two labels collide there.
  const clear = (r: Range, end: number) => (t: number) => Math.abs(t - end) > 0.12 * Math.abs(r[1] - r[0]);
  for (const t of tick(v.y_range).filter(clear(v.y_range, sz > 0 ? y0 : y1))) {
    want.push([fmt(v.y_range)(t), "tick", { at: onY(t), along: Z, end: false, gap: 6, axis: "y" }]);
  }
  for (const t of tick(v.z_range).filter(clear(v.z_range, floor < 0 ? z0 : z1))) {
    want.push([fmt(v.z_range)(t), "tick", { at: onZ(t), along: Y, end: false, gap: 6, axis: "z" }]);
  }
  want.push([v.x_label, "axis", { at: onX((x0 + x1) / 2), along: X, end: false, gap: 6, axis: "x" }]);
  want.push([v.y_label, "axis", { at: onY((y0 + y1) / 2), along: Z, end: false, gap: 6, axis: "y" }]);
  want.push([v.z_label, "axis", { at: new THREE.Vector3(vx, -floor, vz), along: new THREE.Vector3(0, -floor, 0), end: true, gap: 10, axis: "z" }]);
  const have = labelGroup.children as CSS2DObject[];
  if (!(have.length === want.length && want.every(([, cls], k) => have[k].element.className === cls))) {
    disposeGroup(labelGroup);
    for (const [text, cls, anchor] of want) labelGroup.add(label(text, anchor.at, cls));
  }
  want.forEach(([text, , anchor], k) => {
    const o = labelGroup.children[k] as CSS2DObject;
    const old = o.userData.anchor as Anchor | undefined;
    if (o.element.textContent !== text) o.element.textContent = text;
    else if (old) Object.assign(anchor, { w: old.w, h: old.h }); // same text, same size
    o.userData.anchor = anchor;
  });
}

/** Set every label out from its edge by pixels on screen, for this camera and a canvas
 * ``heightPx`` tall: ticks just clear of their edge, names beyond their axis' ticks, each
 * by its own size along the way out, so no label lies on the box or on another label.
 * Returns false if a label was not yet measured (not in the page): place again after the
 * label renderer has added it. */
export function placeLabels(labelGroup: THREE.Group, camera: THREE.PerspectiveCamera, heightPx: number): boolean {
  camera.updateMatrixWorld();
  const right = new THREE.Vector3().setFromMatrixColumn(camera.matrixWorld, 0);
  const up = new THREE.Vector3().setFromMatrixColumn(camera.matrixWorld, 1);
  const centre = new THREE.Vector3().project(camera);
  const tan = Math.tan(THREE.MathUtils.degToRad(camera.fov / 2));
  const reach: Record<string, number> = {};
  let measured = true;
  const all = labelGroup.children as CSS2DObject[];
  for (const pass of ["tick", "axis"]) {
    for (const o of all) {
      const a = o.userData.anchor as Anchor | undefined;
      if (!a || o.element.className !== pass) continue;
      if (a.w === undefined) {
        const w = o.element.offsetWidth;
        if (w || !o.element.textContent) {
          a.w = w;
          a.h = o.element.offsetHeight;
        } else {
          measured = false; // not in the page yet
        }
      }
      // Screen directions in pixels (y down): along the edge, and out from it.
      const p = a.at.clone().project(camera);
      const q = a.at.clone().add(a.along).project(camera);
      let ex = (q.x - p.x) * camera.aspect;
      let ey = p.y - q.y;
      const len = Math.hypot(ex, ey) || 1;
      ex /= len;
      ey /= len;
      let [nx, ny] = a.end ? [ex, ey] : [-ey, ex];
      if (!a.end && nx * (p.x - centre.x) * camera.aspect + ny * (centre.y - p.y) < 0) [nx, ny] = [-nx, -ny];
      const own = (Math.abs(nx) * (a.w ?? 0)) / 2 + (Math.abs(ny) * (a.h ?? 0)) / 2;
      let dist = a.gap + own;
      if (pass === "tick") reach[a.axis] = Math.max(reach[a.axis] ?? 0, a.gap + 2 * own);
      else if (!a.end) dist += reach[a.axis] ?? 0;
      const perPx = (2 * a.at.distanceTo(camera.position) * tan) / Math.max(1, heightPx);
      o.position.copy(a.at).addScaledVector(right, nx * dist * perPx).addScaledVector(up, -ny * dist * perPx);
    }
  }
  return measured;
}
