// The Scene3D view with three.js: a unit box over x_range × y_range × z_range that the mouse
// rotates (drag) and zooms (wheel). Data z is up. Layers: points (spheres), line segments,
// surfaces z = f(x, y) with their grid lines. Everything is clipped to the box, and the scene
// is drawn only when a frame arrives or the camera moves.
import { scaleLinear } from "d3-scale";
import * as THREE from "three";
import { OrbitControls } from "three/examples/jsm/controls/OrbitControls.js";
import { CSS2DObject, CSS2DRenderer } from "three/examples/jsm/renderers/CSS2DRenderer.js";
import { buildLuts, labelColor } from "../colors";
import { makeMarkers, markerMaterial, setMarkers, setMarkerScale } from "./scene3d_points";
import { layerSignature } from "./signature";
import type { Layer3D, NDArray, Points3DLayer, Range, Scene3DView, ViewContext, ViewRenderer } from "../types";

/** Data -> box coordinates in [-1, 1]; three's y is up, so data z goes to three's y. */
function mapper(v: Scene3DView) {
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
function webglSupport(): { ok: boolean; software: boolean } {
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
function cameraPosition(elev: number, azim: number, distance: number): THREE.Vector3 {
  const e = (elev * Math.PI) / 180;
  const a = (azim * Math.PI) / 180;
  return new THREE.Vector3(Math.cos(e) * Math.cos(a), Math.sin(e), -Math.cos(e) * Math.sin(a))
    .multiplyScalar(distance);
}

/** Where the camera starts: close enough that the box ([-1, 1]³) and its labels fill the card. */
const HOME = new THREE.Vector3(4.1, 2.7, 4.7).setLength(6.8);

export function mountScene3D(el: HTMLElement, ctx: ViewContext): ViewRenderer<Scene3DView> {
  const gl = webglSupport();
  if (!gl.ok) {
    const p = document.createElement("p");
    p.className = "message tone-warning";
    p.textContent = "This 3-D view needs WebGL, which this browser has turned off.";
    el.append(p);
    return { update() {}, destroy() { el.replaceChildren(); } };
  }
  const box = document.createElement("div");
  box.className = "scene3d";
  box.dataset.spin = "0";
  el.append(box);
  const renderer = new THREE.WebGLRenderer({ antialias: !gl.software, alpha: true, preserveDrawingBuffer: true });
  renderer.setPixelRatio(window.devicePixelRatio || 1);
  renderer.localClippingEnabled = true;
  box.append(renderer.domElement);
  const labels = new CSS2DRenderer();
  labels.domElement.className = "scene3d-labels";
  box.append(labels.domElement);
  // Back to where the view started (the server's camera, if it set one), after a drag.
  let home = HOME.clone();
  const reset = document.createElement("button");
  reset.type = "button";
  reset.className = "scene3d-reset";
  reset.textContent = "↺ Reset view";
  reset.title = "Turn the view back to where it started";
  box.append(reset);

  const scene = new THREE.Scene();
  const camera = new THREE.PerspectiveCamera(32, 4 / 3, 0.1, 50);
  camera.position.copy(HOME);
  const controls = new OrbitControls(camera, renderer.domElement);
  controls.enablePan = false;
  controls.minDistance = 3;
  controls.maxDistance = 12;
  scene.add(new THREE.AmbientLight(0xffffff, 1.6));
  const sun = new THREE.DirectionalLight(0xffffff, 1.8);
  sun.position.set(2, 4, 3);
  scene.add(sun);
  const clip = [
    new THREE.Plane(new THREE.Vector3(1, 0, 0), 1.001), new THREE.Plane(new THREE.Vector3(-1, 0, 0), 1.001),
    new THREE.Plane(new THREE.Vector3(0, 1, 0), 1.001), new THREE.Plane(new THREE.Vector3(0, -1, 0), 1.001),
    new THREE.Plane(new THREE.Vector3(0, 0, 1), 1.001), new THREE.Plane(new THREE.Vector3(0, 0, -1), 1.001),
  ];
  const frameGroup = new THREE.Group(); // the box and its floor: built once
  const labelGroup = new THREE.Group(); // ticks and axis names: rebuilt when ranges change
  const layerGroup = new THREE.Group(); // data layers: rebuilt when their arrays change
  scene.add(frameGroup, labelGroup, layerGroup);
  let frameSig = "";
  const layerSigs: string[] = [];
  const layerObjects: THREE.Object3D[] = [];
  const layerData: Layer3D[] = [];
  let width = 0;
  let cameraSig = "";
  let spinning = false;
  let spinFrame = 0;
  const luts = buildLuts(ctx.spec);

  function render(): void {
    renderer.render(scene, camera);
    labels.render(scene, camera);
  }
  controls.addEventListener("change", render);
  reset.addEventListener("click", () => {
    camera.position.copy(home);
    controls.update();
    render();
  });

  // Turning by itself: OrbitControls' auto-rotation, one animation frame at a time, only
  // while the view is on the page.
  function spinLoop(): void {
    if (!spinning || !box.isConnected) {
      spinFrame = 0;
      return;
    }
    controls.update();
    spinFrame = requestAnimationFrame(spinLoop);
  }
  function setSpin(on: boolean): void {
    spinning = on;
    controls.autoRotate = on;
    controls.autoRotateSpeed = 1.5;
    box.dataset.spin = on ? "1" : "0";
    if (on && !spinFrame) spinFrame = requestAnimationFrame(spinLoop);
  }

  /** Free a group's geometries and labels; materials are shared and freed with the view. */
  function disposeGroup(g: THREE.Group): void {
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

  // Materials live as long as the view: three.js releases a shader program when the last
  // material using it is disposed, and compiling it again costs more than a whole draw.
  const materials = new Map<string, THREE.Material>();
  function material<M extends THREE.Material>(key: string, make: () => M): M {
    let m = materials.get(key);
    if (!m) {
      m = make();
      materials.set(key, m);
    }
    return m as M;
  }

  // The box and its floor never move in box coordinates; only the tick labels follow the ranges.
  frameGroup.add(new THREE.LineSegments(new THREE.EdgesGeometry(new THREE.BoxGeometry(2, 2, 2)),
    material("box", () => new THREE.LineBasicMaterial({ color: 0x9aa3ad }))));
  const floor = new THREE.GridHelper(2, 8, 0xd5dbe1, 0xe6eaee);
  floor.position.y = -1;
  frameGroup.add(floor);

  /** Tick labels and axis names for the view's ranges. While the ranges move (scrubbing t),
   * the same label elements are moved and their text changed, not rebuilt. */
  function buildLabels(v: Scene3DView): void {
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

  /** Data positions -> box positions, packed (n * 3). */
  function positions(v: Scene3DView, x: NDArray, y: NDArray, z: NDArray, out?: Float32Array): Float32Array {
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

  /** Move the markers built by layerObject to a new frame's points, in their colours. */
  function fillPoints(v: Scene3DView, points: THREE.Points, layer: Points3DLayer): void {
    const n = layer.x.data.length;
    const colors = new Float32Array(3 * n);
    const c = new THREE.Color();
    const lut = luts[layer.colormap] ?? luts.diverging;
    for (let k = 0; k < n; k++) {
      if (layer.labels) c.set(labelColor(ctx.spec, layer.labels.data[k]));
      else if (layer.codes) {
        const q = 4 * layer.codes.data[k];
        c.setRGB(lut[q] / 255, lut[q + 1] / 255, lut[q + 2] / 255, THREE.SRGBColorSpace);
      } else c.set(layer.color);
      colors.set([c.r, c.g, c.b], 3 * k);
    }
    setMarkers(points, positions(v, layer.x, layer.y, layer.z), colors);
  }

  /** The markers' material for this size, shared, scaled to the canvas. */
  function markers(size: number): THREE.ShaderMaterial {
    const m = material(`markers ${size}`, () => markerMaterial(0.055 * size));
    setMarkerScale(m, camera, renderer.domElement.height);
    return m;
  }

  /** Update a layer's object in place when only its numbers moved (scrubbing t moves every
   * point and grid line each frame): true if done, false if it must be rebuilt. */
  function refill(v: Scene3DView, obj: THREE.Object3D, layer: Layer3D, before: Layer3D): boolean {
    if (layer.kind !== before.kind) return false;
    if (layer.kind === "points3d" && before.kind === "points3d" && obj instanceof THREE.Points &&
        obj.geometry.getAttribute("position").count === layer.x.data.length && layer.size === before.size) {
      fillPoints(v, obj, layer);
      return true;
    }
    if (layer.kind === "lines3d" && before.kind === "lines3d" && obj instanceof THREE.LineSegments &&
        layer.color === before.color) {
      const attr = obj.geometry.getAttribute("position") as THREE.BufferAttribute;
      if (attr.count !== layer.x.data.length) return false;
      positions(v, layer.x, layer.y, layer.z, attr.array as Float32Array);
      attr.needsUpdate = true;
      obj.geometry.computeBoundingSphere();
      return true;
    }
    return false;
  }

  function layerObject(v: Scene3DView, layer: Layer3D): THREE.Object3D {
    const at = mapper(v);
    if (layer.kind === "points3d") {
      const points = makeMarkers(layer.x.data.length, markers(layer.size));
      fillPoints(v, points, layer);
      return points;
    }
    if (layer.kind === "lines3d") {
      const g = new THREE.BufferGeometry();
      g.setAttribute("position", new THREE.BufferAttribute(positions(v, layer.x, layer.y, layer.z), 3));
      return new THREE.LineSegments(g, material(`lines ${layer.color}`,
        () => new THREE.LineBasicMaterial({ color: layer.color, clippingPlanes: clip })));
    }
    // surface3d: a grid of (ny, nx) vertices over the two free axes' ranges (x/y unless
    // `up` says the values lie along x or y), two triangles per cell.
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
    const g = new THREE.BufferGeometry();
    g.setAttribute("position", new THREE.BufferAttribute(pos, 3));
    g.setIndex(index);
    g.computeVertexNormals();
    const group = new THREE.Group();
    group.add(new THREE.Mesh(g, material(`surface ${layer.color} ${layer.opacity}`, () => new THREE.MeshLambertMaterial({
      color: layer.color, transparent: true, opacity: layer.opacity, side: THREE.DoubleSide,
      depthWrite: false, clippingPlanes: clip,
    }))));
    const wg = new THREE.BufferGeometry();
    wg.setAttribute("position", new THREE.BufferAttribute(pos.slice(), 3));
    wg.setIndex(wire);
    group.add(new THREE.LineSegments(wg, material(`wire ${layer.color} ${layer.opacity}`, () => new THREE.LineBasicMaterial({
      color: layer.color, transparent: true, opacity: Math.min(1, layer.opacity + 0.3), clippingPlanes: clip,
    }))));
    return group;
  }

  const ro = new ResizeObserver((entries) => {
    const w = entries[entries.length - 1].contentRect.width;
    if (w > 0 && Math.abs(w - width) > 1) {
      width = w;
      const h = Math.round(w * 0.8);
      renderer.setSize(w, h);
      labels.setSize(w, h);
      camera.aspect = w / h;
      camera.updateProjectionMatrix();
      materials.forEach((m, key) => {
        if (key.startsWith("markers")) setMarkerScale(m as THREE.ShaderMaterial, camera, renderer.domElement.height);
      });
      render();
    }
  });
  ro.observe(box);

  return {
    update(v: Scene3DView) {
      const fs = JSON.stringify([v.x_range, v.y_range, v.z_range, v.x_label, v.y_label, v.z_label]);
      const frameChanged = fs !== frameSig;
      if (frameChanged) {
        frameSig = fs;
        buildLabels(v);
      }
      // The server's camera applies when it changes (a slider, a recording); in between
      // the user's drag holds.
      const cs = JSON.stringify(v.camera ?? null);
      const cameraChanged = cs !== cameraSig;
      if (cameraChanged) {
        cameraSig = cs;
        if (v.camera) {
          camera.position.copy(cameraPosition(v.camera[0], v.camera[1], camera.position.length()));
          home = cameraPosition(v.camera[0], v.camera[1], HOME.length());
          controls.update();
        }
      }
      if (Boolean(v.spin) !== spinning) setSpin(Boolean(v.spin));
      // Rebuild only the layers whose data changed (scenes here are small); points and lines
      // that only moved are updated in place. Draw only if something changed.
      let changed = frameChanged || cameraChanged;
      v.layers.forEach((layer, k) => {
        const sig = layerSignature(layer);
        if (sig === layerSigs[k]) return;
        changed = true;
        layerSigs[k] = sig;
        const old = layerObjects[k];
        const before = layerData[k];
        layerData[k] = layer;
        if (old && before && refill(v, old, layer, before)) return;
        if (old) {
          layerGroup.remove(old);
          const holder = new THREE.Group();
          holder.add(old);
          disposeGroup(holder);
        }
        layerObjects[k] = layerObject(v, layer);
        layerGroup.add(layerObjects[k]);
      });
      if (changed) render();
    },
    destroy() {
      spinning = false;
      if (spinFrame) cancelAnimationFrame(spinFrame);
      ro.disconnect();
      controls.dispose();
      floor.dispose();
      disposeGroup(frameGroup);
      disposeGroup(labelGroup);
      disposeGroup(layerGroup);
      materials.forEach((m) => m.dispose());
      renderer.dispose();
      el.replaceChildren();
    },
  };
}
