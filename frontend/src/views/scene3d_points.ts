// The data markers of a 3-D scene: one point sprite per datum, shaded as a ball with a light
// rim, like the 2-D plots' markers. A sprite is one vertex where a sphere mesh is ~160
// triangles: in software WebGL (SwiftShader, no GPU) 300 sphere meshes cost ~60 ms a draw,
// the sprites a few.
import * as THREE from "three";

const VERTEX = /* glsl */ `
uniform float radius;  // in box units
uniform float scale;   // pixels per box unit at distance 1
attribute vec3 color;
varying vec3 vColor;
varying float vPixels;
void main() {
  vec4 mv = modelViewMatrix * vec4(position, 1.0);
  gl_Position = projectionMatrix * mv;
  vPixels = max(2.0, 2.0 * radius * scale / -mv.z);
  gl_PointSize = vPixels;
  vColor = color;
}`;

const FRAGMENT = /* glsl */ `
varying vec3 vColor;
varying float vPixels;
void main() {
  vec2 p = 2.0 * gl_PointCoord - 1.0;
  float r = length(p);
  float edge = 2.0 / vPixels;
  float alpha = 1.0 - smoothstep(1.0 - edge, 1.0, r);
  if (alpha <= 0.0) discard;
  vec3 n = vec3(p.x, -p.y, sqrt(max(0.0, 1.0 - r * r)));
  float light = 0.62 + 0.38 * max(dot(n, normalize(vec3(-0.4, 0.6, 0.7))), 0.0);
  vec3 c = mix(vColor * light, vec3(1.0), smoothstep(0.72 - edge, 0.78, r) * 0.85);
  gl_FragColor = vec4(c, alpha);
  #include <colorspace_fragment>
}`;

/** The markers' material for balls of ``radius`` box units (the box is 2 wide); set its
 * scale with setMarkerScale. */
export function markerMaterial(radius: number): THREE.ShaderMaterial {
  return new THREE.ShaderMaterial({
    uniforms: { radius: { value: radius }, scale: { value: 400 } },
    vertexShader: VERTEX,
    fragmentShader: FRAGMENT,
    transparent: true,
  });
}

/** Sprites for n points; fill them with setMarkers. */
export function makeMarkers(n: number, material: THREE.ShaderMaterial): THREE.Points {
  const g = new THREE.BufferGeometry();
  g.setAttribute("position", new THREE.BufferAttribute(new Float32Array(3 * n), 3));
  g.setAttribute("color", new THREE.BufferAttribute(new Float32Array(3 * n), 3));
  return new THREE.Points(g, material);
}

/** Move the markers to ``positions`` (packed x, y, z) with ``colors`` (linear RGB, packed). */
export function setMarkers(points: THREE.Points, positions: Float32Array, colors: Float32Array): void {
  const pos = points.geometry.getAttribute("position") as THREE.BufferAttribute;
  const col = points.geometry.getAttribute("color") as THREE.BufferAttribute;
  (pos.array as Float32Array).set(positions);
  (col.array as Float32Array).set(colors);
  pos.needsUpdate = true;
  col.needsUpdate = true;
  points.geometry.computeBoundingSphere();
}

/** Pixels per box unit at distance 1, for a canvas ``height`` device pixels tall. */
export function setMarkerScale(material: THREE.ShaderMaterial, camera: THREE.PerspectiveCamera,
  height: number): void {
  material.uniforms.scale.value = height / (2 * Math.tan((camera.fov * Math.PI) / 360));
}
