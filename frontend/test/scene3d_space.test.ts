// The 3-D scene's space without a canvas: data to box coordinates (data z is three's y),
// a surface's grid, and the camera for matplotlib's (elevation, azimuth).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Scene3DView, Surface3DLayer } from "../src/types";
import * as THREE from "three";
import { labelEdges } from "../src/views/scene3d_labels";
import { cameraPosition, mapper, surfaceGrid } from "../src/views/scene3d_space";

const view = { x_range: [0, 10], y_range: [-1, 1], z_range: [0, 4] } as unknown as Scene3DView;

test("data corners go to the box's corners, data z up", () => {
  const at = mapper(view);
  assert.deepEqual(at(0, -1, 0).toArray(), [-1, -1, 1]);
  assert.deepEqual(at(10, 1, 4).toArray(), [1, 1, -1]);
  assert.deepEqual(at(5, 0, 2).toArray().map((v) => Math.abs(v)), [0, 0, 0]);
});

test("a surface of 2 × 3 values: 6 vertices, 7 grid lines, 2 cells of 2 triangles", () => {
  const layer = { z: { data: new Float32Array([0, 1, 2, 3, 4, 4]), shape: [2, 3] }, up: "z" } as unknown as Surface3DLayer;
  const { pos, wire, index } = surfaceGrid(view, layer);
  assert.equal(pos.length, 18);
  assert.equal(wire.length / 2, 7);
  assert.equal(index.length, 12);
  // vertex (row 1, column 2) is at x = 10, y = 1, value 4: the box's far top corner
  assert.deepEqual(Array.from(pos.slice(15, 18)), [1, 1, -1]);
});

test("the camera for azimuth 0 looks from +x, for elevation 90 from above", () => {
  const side = cameraPosition(0, 0, 5).toArray();
  assert.ok(Math.abs(side[0] - 5) < 1e-9 && Math.abs(side[1]) < 1e-9);
  const top = cameraPosition(90, 0, 5).toArray();
  assert.ok(Math.abs(top[1] - 5) < 1e-9);
});

/** The box's 8 corners seen from c (orthographic), as 2-D points, and their convex hull. */
function outline(c: THREE.Vector3) {
  const f = c.clone().negate().normalize();
  const r = new THREE.Vector3().crossVectors(f, new THREE.Vector3(0, 1, 0)).normalize();
  const u = new THREE.Vector3().crossVectors(r, f);
  const key = (x: number, y: number, z: number) => `${x},${y},${z}`;
  const pts = new Map<string, [number, number]>();
  for (const x of [-1, 1]) for (const y of [-1, 1]) for (const z of [-1, 1]) {
    const p = new THREE.Vector3(x, y, z);
    pts.set(key(x, y, z), [p.dot(r), p.dot(u)]);
  }
  const sorted = [...pts.entries()].sort((a, b) => a[1][0] - b[1][0] || a[1][1] - b[1][1]);
  const cross = (o: number[], a: number[], b: number[]) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: typeof sorted) => {
    const h: typeof sorted = [];
    for (const e of list) {
      while (h.length >= 2 && cross(h[h.length - 2][1], h[h.length - 1][1], e[1]) <= 1e-9) h.pop();
      h.push(e);
    }
    return h.slice(0, -1);
  };
  const hull = [...half(sorted), ...half([...sorted].reverse())].map((e) => e[0]);
  const onOutline = (a: string, b: string) => hull.some((k, i) => {
    const n = hull[(i + 1) % hull.length];
    return (k === a && n === b) || (k === b && n === a);
  });
  return { key, onOutline, at: (k: string) => pts.get(k)! };
}

test("3-D labels sit on the box's outline from every side, the upright ones on the left", () => {
  for (const elev of [15, 35, 60, -25]) {
    for (let azim = 5; azim < 360; azim += 30) {
      const c = cameraPosition(elev, azim, 6.8);
      const e = labelEdges(c);
      const { key, onOutline, at } = outline(c);
      const where = `elevation ${elev}, azimuth ${azim}`;
      assert.ok(onOutline(key(-1, e.floor, e.sz), key(1, e.floor, e.sz)), `x ticks inside at ${where}`);
      assert.ok(onOutline(key(e.sx, e.floor, -1), key(e.sx, e.floor, 1)), `y ticks inside at ${where}`);
      assert.ok(onOutline(key(e.vx, -1, e.vz), key(e.vx, 1, e.vz)), `upright ticks inside at ${where}`);
      const other = at(key(-e.vx, 1, -e.vz))[0];
      assert.ok(at(key(e.vx, 1, e.vz))[0] < other, `upright ticks on the right at ${where}`);
    }
  }
});
