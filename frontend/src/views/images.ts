// The ImageGrid view: small multiples, one canvas per image at its own pixel size, scaled
// up by CSS with square pixels (no smoothing), framed in its class colour when labelled,
// its caption underneath. A click on an image sends select_action with its index.
// Mirror of mlscope/render/images.py.
import { labelColor } from "../colors";
import type { ImageGridView, NDArray, ViewContext, ViewRenderer } from "../types";

/** Image ``k`` of a (k, h, w) grey or (k, h, w, 3) colour uint8 array as RGBA pixels. */
export function rgbaOf(images: NDArray, k: number): Uint8ClampedArray<ArrayBuffer> {
  const [, h, w] = images.shape;
  const colour = images.shape.length === 4;
  const src = images.data;
  const out = new Uint8ClampedArray(w * h * 4);
  const base = k * w * h * (colour ? 3 : 1);
  for (let p = 0; p < w * h; p++) {
    const o = p * 4;
    if (colour) {
      out[o] = src[base + p * 3];
      out[o + 1] = src[base + p * 3 + 1];
      out[o + 2] = src[base + p * 3 + 2];
    } else {
      out[o] = out[o + 1] = out[o + 2] = src[base + p];
    }
    out[o + 3] = 255;
  }
  return out;
}

export function mountImages(el: HTMLElement, ctx: ViewContext): ViewRenderer<ImageGridView> {
  const grid = document.createElement("div");
  grid.className = "image-grid";
  grid.setAttribute("role", "list");
  el.append(grid);
  let view: ImageGridView | null = null;
  let figures: { fig: HTMLElement; canvas: HTMLCanvasElement; caption: HTMLElement }[] = [];
  let shape = "";

  grid.addEventListener("click", (ev) => {
    const fig = (ev.target as HTMLElement).closest("figure");
    if (fig && view?.select_action) ctx.action(view.select_action, Number(fig.dataset.index));
  });

  function build(v: ImageGridView): void {
    const [k, h, w] = v.images.shape;
    grid.replaceChildren();
    figures = [];
    for (let i = 0; i < k; i++) {
      const fig = document.createElement("figure");
      fig.dataset.index = String(i);
      fig.setAttribute("role", "listitem");
      const canvas = document.createElement("canvas");
      canvas.width = w;
      canvas.height = h;
      const caption = document.createElement("figcaption");
      fig.append(canvas, caption);
      grid.append(fig);
      figures.push({ fig, canvas, caption });
    }
    shape = v.images.shape.join("x");
  }

  return {
    update(v: ImageGridView) {
      view = v;
      if (v.images.shape.join("x") !== shape) build(v);
      const [k, h, w] = v.images.shape;
      const cols = v.columns || Math.min(k, 8);
      grid.style.gridTemplateColumns = `repeat(${cols}, minmax(0, 1fr))`;
      grid.classList.toggle("selectable", !!v.select_action);
      for (let i = 0; i < k; i++) {
        const { fig, canvas, caption } = figures[i];
        canvas.getContext("2d")!.putImageData(new ImageData(rgbaOf(v.images, i), w, h), 0, 0);
        const text = v.captions[i] ?? "";
        if (caption.textContent !== text) caption.textContent = text;
        canvas.style.outlineColor = v.labels ? labelColor(ctx.spec, v.labels.data[i]) : "transparent";
        fig.classList.toggle("labelled", !!v.labels);
        canvas.setAttribute("aria-label", text || `image ${i + 1}`);
      }
      grid.setAttribute("aria-label", `${v.title}: ${k} images`);
    },
    destroy() {
      el.replaceChildren();
    },
  };
}
