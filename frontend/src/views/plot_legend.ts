// The key of a Plot: one entry per named layer (a line with its dash, a marker, a colour bar
// for a heatmap with its range), as HTML above the plotting box, so a legend never sits on
// the data and costs no canvas raster. Mirror of legend() in mlscope/render/plot.py.
import { fmt } from "../format";
import type { Layer, PageSpec, PlotView } from "../types";

const SVG = "http://www.w3.org/2000/svg";

function svg(w: number, h: number, children: string): string {
  return `<svg xmlns="${SVG}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" aria-hidden="true">${children}</svg>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A light colour (a white contour) is keyed on a dark chip, or it would vanish. */
function light(color: string): boolean {
  const c = color.replace("#", "");
  if (c.length < 6) return false;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(c.slice(i, i + 2), 16));
  return 0.299 * r + 0.587 * g + 0.114 * b > 200;
}

function marker(kind: string, color: string, stroke: string): string {
  if (kind === "star") {
    const pts = Array.from({ length: 10 }, (_, k) => {
      const a = -Math.PI / 2 + (k * Math.PI) / 5;
      const r = k % 2 ? 2.6 : 6;
      return `${(7 + r * Math.cos(a)).toFixed(2)},${(7 + r * Math.sin(a)).toFixed(2)}`;
    }).join(" ");
    return `<polygon points="${pts}" fill="${color}" stroke="${stroke}" stroke-width="1"/>`;
  }
  if (kind === "cross") {
    return `<path d="M3,3L11,11M11,3L3,11" stroke="${color}" stroke-width="2.6" stroke-linecap="round"/>`;
  }
  return `<circle cx="7" cy="7" r="4.5" fill="${color}" stroke="${stroke}" stroke-width="1.2"/>`;
}

function entry(layer: Layer, spec: PageSpec): string | null {
  if (!("name" in layer) || !layer.name) return null;
  const name = `<span>${escapeHtml(layer.name)}</span>`;
  if (layer.kind === "lines" && layer.fill) {
    const edge = layer.width > 0 ? layer.color : "none";
    return `<span class="key">${svg(16, 12, `<rect x="1" y="1" width="14" height="10" rx="1" fill="${layer.fill}" fill-opacity="${layer.fill_opacity}" stroke="${edge}" stroke-width="1.2"/>`)}${name}</span>`;
  }
  if (layer.kind === "lines") {
    const dash = layer.dash.length ? ` stroke-dasharray="${layer.dash.join(",")}"` : "";
    const chip = light(layer.color) ? `<rect width="22" height="10" rx="2" fill="#3b4650"/>` : "";
    return `<span class="key">${svg(22, 10, `${chip}<line x1="2" y1="5" x2="20" y2="5" stroke="${layer.color}" stroke-width="${Math.min(3, Math.max(1.5, layer.width))}"${dash}/>`)}${name}</span>`;
  }
  if (layer.kind === "points") {
    const stroke = layer.stroke === "#ffffff" ? "#ffffff" : layer.stroke;
    if (layer.labels && layer.classes?.length) {
      // One key per class: its colour and its name.
      return layer.classes.map((c, k) => {
        const color = spec.label_colors[k % spec.label_colors.length];
        const chip = light(color) ? `<rect width="14" height="14" rx="2" fill="#3b4650"/>` : "";
        return `<span class="key">${svg(14, 14, chip + marker(layer.marker, color, stroke))}<span>${escapeHtml(c)}</span></span>`;
      }).join("");
    }
    // Points coloured by class without names show the first two class colours; the class
    // names are then the view's to say (its title, caption or a table).
    // Coloured through a colour map: its start, middle and end (the name says what runs
    // from one to the other).
    const lut = spec.colormaps[layer.colormap];
    const ramp = (i: number) => `rgb(${lut[i * 3]},${lut[i * 3 + 1]},${lut[i * 3 + 2]})`;
    const colors = layer.labels ? spec.label_colors.slice(0, 2)
      : layer.codes && lut ? [ramp(0), ramp(128), ramp(255)] : [layer.color];
    const chip = colors.some(light) ? `<rect width="14" height="14" rx="2" fill="#3b4650"/>` : "";
    const marks = colors.map((c) => svg(14, 14, chip + marker(layer.marker, c, layer.stroke === "#ffffff" ? "#ffffff" : layer.stroke))).join("");
    return `<span class="key">${marks}${name}</span>`;
  }
  if (layer.kind === "labels") return null; // labels say what they are where they are
  if (layer.kind === "image") {
    const [fill, opacity] = imageKeyColor(layer.rgba.data);
    return `<span class="key">${svg(14, 14, `<rect x="1" y="1" width="12" height="12" rx="2" fill="${fill}" fill-opacity="${opacity}"/>`)}${name}</span>`;
  }
  if (layer.kind === "area" || layer.kind === "shapes") {
    const fill = layer.kind === "area" ? layer.color
      : layer.labels ? spec.label_colors[0] : layer.fill;
    const edge = layer.kind === "area" ? (layer.outline ? layer.color : "none") : layer.stroke || "none";
    const body = layer.kind === "shapes" && layer.shape === "ellipse"
      ? `<ellipse cx="8" cy="6" rx="7" ry="5"` : `<rect x="1" y="1" width="14" height="10" rx="1"`;
    return `<span class="key">${svg(16, 12, `${body} fill="${fill || "none"}" fill-opacity="${layer.opacity}" stroke="${edge}" stroke-width="1.2"/>`)}${name}</span>`;
  }
  if (layer.kind === "arrows") {
    return `<span class="key">${svg(22, 10, `<line x1="2" y1="5" x2="15" y2="5" stroke="${layer.color}" stroke-width="${Math.min(3, layer.width)}"/><path d="M21,5L14,1.5L14,8.5Z" fill="${layer.color}"/>`)}${name}</span>`;
  }
  // A heatmap: its colour map as a bar, from vmin to vmax.
  return colorBarHtml(spec, layer.colormap, layer.vmin, layer.vmax,
    layer.name + (layer.scale === "log" ? " (log)" : ""));
}

/** An image layer's key: the mean colour and opacity of its visible pixels (a shaded
 *  region's tint), grey when none shows; as render/plot_layers.py image_key_color. */
export function imageKeyColor(rgba: ArrayLike<number>): [string, number] {
  let r = 0, g = 0, b = 0, a = 0, n = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3] === 0) continue;
    r += rgba[i]; g += rgba[i + 1]; b += rgba[i + 2]; a += rgba[i + 3]; n++;
  }
  if (!n) return ["#9aa5b1", 1];
  return [`rgb(${Math.round(r / n)},${Math.round(g / n)},${Math.round(b / n)})`, Number((a / n / 255).toFixed(3))];
}

/** A colour map as a key: "name  vmin ▬▬▬ vmax" (the name escaped). */
export function colorBarHtml(spec: PageSpec, colormap: string, vmin: number, vmax: number,
  label: string): string {
  const rgb = spec.colormaps[colormap];
  const stops = Array.from({ length: 9 }, (_, k) => {
    const i = Math.round((k / 8) * 255) * 3;
    return `rgb(${rgb[i]},${rgb[i + 1]},${rgb[i + 2]}) ${(k / 8) * 100}%`;
  }).join(",");
  return `<span class="key key-bar"><span>${escapeHtml(label)}</span><span class="bar-end">${fmt(vmin, 3)}</span>`
    + `<span class="bar" style="background:linear-gradient(90deg,${stops})"></span>`
    + `<span class="bar-end">${fmt(vmax, 3)}</span></span>`;
}

/** The legend's HTML for ``view`` ("" for a plot with no named layer). */
export function legendHtml(view: PlotView, spec: PageSpec): string {
  return view.layers.map((l) => entry(l, spec)).filter(Boolean).join("");
}
