// The space of a 3-D scene, without a canvas: data to box coordinates, a surface's grid,
// where the camera sits, and whether WebGL works here. Used by scene3d.ts; pure enough to
// test in node.
import * as THREE from "three";
import type { NDArray, Range, Scene3DView, Surface3DLayer } from "../types";

/** Data -> box coordinates in [-1, 1]; three's y is up, so data z goes to three's y. */
export function mapper(v: Scene3DView) {
  const n = (r: Range) => (t: number) => (2 * (t - r[0])) / (r[1] - r[0]) - 1;
  const nx = n(v.x_range);
  const ny = n(v.y_range);
  const nz = n(v.z_range);
  return (x: number, y: number, z: number) => new THREE.Vector3(nx(x), nz(z), -ny(y));
}

/** Whether WebGL works here, and whether it is drawn in software (SwiftShader, llvmpipe: no
 * GPU). In software, 4x antialiasing doubles the cost of every draw, which the browser then
 * waits for: we draw without it there. */
let support: { ok: boolean; software: boolean } | null = null;
export function webglSupport(): { ok: boolean; software: boolean } {
  support ??= probeWebgl();
  return support;
}
function probeWebgl(): { ok: boolean; software: boolean } {
  try {
    const c = document.createElement("canvas");
    const gl = (c.getContext("webgl2") || c.getContext("webgl")) as WebGLRenderingContext | null;
    if (!gl) return { ok: false, software: false };
    const info = gl.getExtension("WEBGL_debug_renderer_info");
    const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension("WEBGL_lose_context")?.loseContext();
    return { ok: true, software: /swiftshader|llvmpipe|software/i.test(name) };
  } catch {
    return { ok: false, software: false };
  }
}

/** Where the camera sits for matplotlib's (elevation, azimuth): azimuth 0 looks from +x,
 * and data (x, y, z) is three's (x, z, -y). */
export function cameraPosition(elev: number, azim: number, distance: number): THREE.Vector3 {
  const e = (elev * Math.PI) / 180;
  const a = (azim * Math.PI) / 180;
  return new THREE.Vector3(Math.cos(e) * Math.cos(a), Math.sin(e), -Math.cos(e) * Math.sin(a))
    .multiplyScalar(distance);
}

/** Where the camera starts: close enough that the box ([-1, 1]³) and its labels fill the card. */
export const HOME = new THREE.Vector3(4.1, 2.7, 4.7).setLength(6.8);

/** Data positions -> box positions, packed (n * 3). */
export function positions(v: Scene3DView, x: NDArray, y: NDArray, z: NDArray, out?: Float32Array): Float32Array {
  const at = mapper(v);
  const pos = out ?? new Float32Array(x.data.length * 3);
  for (let k = 0; k < x.data.length; k++) {
    const p = at(x.data[k], y.data[k], z.data[k]);
    pos[3 * k] = p.x;
    pos[3 * k + 1] = p.y;
    pos[3 * k + 2] = p.z;
  }
  return pos;
}

/** A surface layer as geometry: a grid of (ny, nx) vertices over the two free axes' ranges
 * (x/y unless `up` says the values lie along x or y) in box coordinates, the grid lines as
 * vertex pairs, and two triangles per cell. */
export function surfaceGrid(v: Scene3DView, layer: Surface3DLayer): { pos: Float32Array; wire: number[]; index: number[] } {
  const at = mapper(v);
  const [ny, nx] = layer.z.shape;
  const pos = new Float32Array(nx * ny * 3);
  const wire: number[] = [];
  const up = layer.up ?? "z";
  const free = (["x", "y", "z"] as const).filter((a) => a !== up);
  const ranges = { x: v.x_range, y: v.y_range, z: v.z_range };
  const [ru, rv] = [ranges[free[0]], ranges[free[1]]];
  for (let i = 0; i < ny; i++) {
    for (let j = 0; j < nx; j++) {
      const q = { x: 0, y: 0, z: 0 };
      q[free[0]] = ru[0] + ((ru[1] - ru[0]) * j) / (nx - 1);
      q[free[1]] = rv[0] + ((rv[1] - rv[0]) * i) / (ny - 1);
      q[up] = layer.z.data[i * nx + j];
      const p = at(q.x, q.y, q.z);
      pos.set([p.x, p.y, p.z], 3 * (i * nx + j));
      if (j + 1 < nx) wire.push(i * nx + j, i * nx + j + 1);
      if (i + 1 < ny) wire.push(i * nx + j, (i + 1) * nx + j);
    }
  }
  const index: number[] = [];
  for (let i = 0; i + 1 < ny; i++) {
    for (let j = 0; j + 1 < nx; j++) {
      const a = i * nx + j;
      index.push(a, a + 1, a + nx, a + 1, a + nx + 1, a + nx);
    }
  }
  return { pos, wire, index };
}
