// The Scene3D view with three.js: a unit box over x_range × y_range × z_range that the mouse
// rotates (drag) and zooms (wheel). Data z is up. Layers: points (spheres), line segments,
// surfaces z = f(x, y) with their grid lines. Everything is clipped to the box, and the scene
// is drawn only when a frame arrives or the camera moves.
import * as THREE from "three";
import { OrbitControls } from "three/examples/jsm/controls/OrbitControls.js";
import { CSS2DRenderer } from "three/examples/jsm/renderers/CSS2DRenderer.js";
import { buildLuts, labelColor } from "../colors";
import { disposeGroup, labelEdges, placeLabels, syncLabels } from "./scene3d_labels";
import { makeMarkers, markerMaterial, setMarkers, setMarkerScale } from "./scene3d_points";
import { cameraPosition, HOME, positions, surfaceGrid, webglSupport } from "./scene3d_space";
import { layerSignature } from "./signature";
import type { Layer3D, Points3DLayer, Scene3DView, ViewContext, ViewRenderer } from "../types";

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

  // The labels follow the camera to the box's outline (labelEdges: rebuilt when a turn
  // brings other edges to the outline, or when the ranges change), and stand out from their
  // edges by pixels (placeLabels, every draw).
  let labelled: Scene3DView | null = null;
  let edgesSig = "";
  function render(): void {
    if (labelled) {
      const e = labelEdges(camera.position);
      const sig = JSON.stringify(e);
      if (sig !== edgesSig) {
        edgesSig = sig;
        syncLabels(labelGroup, labelled, e);
      }
    }
    const measured = placeLabels(labelGroup, camera, renderer.domElement.clientHeight);
    renderer.render(scene, camera);
    labels.render(scene, camera);
    if (!measured) { // new labels are in the page now: their sizes are known
      placeLabels(labelGroup, camera, renderer.domElement.clientHeight);
      labels.render(scene, camera);
    }
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
    // surface3d: a grid of vertices, two triangles per cell, and its grid lines.
    const { pos, wire, index } = surfaceGrid(v, layer);
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
        labelled = v;
        edgesSig = ""; // placed at the next render, which a changed frame always calls
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
