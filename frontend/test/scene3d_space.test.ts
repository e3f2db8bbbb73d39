// The 3-D scene's space without a canvas: data to box coordinates (data z is three's y),
// a surface's grid, and the camera for matplotlib's (elevation, azimuth).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Scene3DView, Surface3DLayer } from "../src/types";
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
