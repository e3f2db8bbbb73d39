// The playground diagram's furniture, built with its structure: column titles with the +/−
// neuron buttons and the per-layer activation selects, the +/− hidden-layer bar, and the
// colour key. Used by network_live.ts.
import { el as h } from "../dom";
import type { ListSpec, NetworkNode, NetworkView, ViewContext } from "../types";

export const MARGIN_X = 64;

/** What the headers need from the diagram: the page, its width, the view shown now. */
export interface HeaderContext {
  ctx: ViewContext;
  width: number;
  view: () => NetworkView | null;
}

function paramList(ctx: ViewContext, name: string | null): (number | string)[] {
  return name ? [...((ctx.params()[name] as (number | string)[] | undefined) ?? [])] : [];
}

/** What blue and orange mean here, as TensorFlow Playground's −1…1 key: a neuron's
 * output over the plane, a weight's and a bias's sign and size share one diverging scale. */
export function colourKey(ctx: ViewContext, below: boolean): HTMLElement {
  const key = h("div", below ? "netlive-key below" : "netlive-key");
  const rgb = ctx.spec.colormaps.diverging;
  const stops = [0, 64, 128, 191, 255].map((i) => `rgb(${rgb[3 * i]},${rgb[3 * i + 1]},${rgb[3 * i + 2]})`);
  const bar = h("span", "netlive-key-bar");
  bar.style.background = `linear-gradient(90deg, ${stops.join(", ")})`;
  key.append(h("span", "", "outputs, weights, biases"), h("span", "netlive-key-end", "−1"), bar,
    h("span", "netlive-key-end", "+1"));
  return key;
}

/** Column titles (with +/− and an activation select for hidden layers) and the layer bar. */
export function headers(hc: HeaderContext, v: NetworkView, cols: NetworkNode[][],
  colX: (l: number) => number): HTMLElement[] {
  const { ctx } = hc;
  const out: HTMLElement[] = [];
  const last = cols.length - 1;
  const hidden = paramList(ctx, v.shape_param) as number[];
  const spec = ctx.spec.params.find((p) => p.name === v.shape_param) as ListSpec | undefined;
  const maxNeurons = spec?.item.kind === "int" ? spec.item.hi : 8;
  // Where columns are close, titles shrink to their number ("8 neurons" -> "8").
  const spacing = cols.length > 1 ? colX(1) - colX(0) : 200;
  const narrow = spacing < 78;
  const shape = (change: (s: number[]) => void) => () => {
    const s = paramList(ctx, v.shape_param) as number[];
    change(s);
    ctx.setParam(v.shape_param!, s);
  };
  v.columns.forEach((title, l) => {
    const head = h("div", "netlive-col");
    head.style.left = `${colX(l)}px`;
    head.dataset.column = String(l);
    if (v.shape_param && l > 0 && l < last) {
      const k = l - 1;
      const buttons = h("div", "netlive-buttons");
      buttons.append(
        button("+", `add a neuron to layer ${l}`, `add-neuron-${l}`, hidden[k] < maxNeurons,
          shape((s) => { s[k] += 1; })),
        button("−", `remove a neuron from layer ${l}`, `remove-neuron-${l}`, hidden[k] > 1,
          shape((s) => { s[k] -= 1; })));
      head.append(buttons);
    }
    const shown = narrow && l > 0 && l < last ? title.split(" ")[0] : title;
    const t = h("div", "netlive-col-title", shown);
    t.title = title;
    head.append(t);
    if (v.layer_param && l > 0 && l < last) head.append(activationSelect(hc, v, l - 1, v.layer_values[l - 1] ?? ""));
    out.push(head);
  });
  if (v.shape_param) {
    const maxLayers = spec?.max_len ?? 6;
    const bar = h("div", "netlive-layers");
    bar.append(
      button("+", "add a hidden layer", "add-layer", hidden.length < maxLayers,
        () => ctx.setParam(v.shape_param!, [...paramList(ctx, v.shape_param), hidden[hidden.length - 1] ?? 2])),
      button("−", "remove the last hidden layer", "remove-layer", hidden.length > 0,
        () => ctx.setParam(v.shape_param!, paramList(ctx, v.shape_param).slice(0, -1))),
      h("span", "netlive-layers-title", "hidden layers"));
    out.push(bar);
  }
  return out;
}

function activationSelect(hc: HeaderContext, v: NetworkView, k: number, current: string): HTMLElement {
  const spec = hc.ctx.spec.params.find((p) => p.name === v.layer_param) as ListSpec | undefined;
  const sel = h("select", "netlive-act");
  const spacing = (hc.width - 2 * MARGIN_X) / Math.max(1, v.columns.length - 1);
  sel.style.maxWidth = `${Math.max(40, Math.min(84, spacing - 6))}px`;
  sel.name = `${v.layer_param}:${k}`;
  sel.setAttribute("aria-label", `activation of layer ${k + 1}`);
  const options = spec?.item.kind === "choice" ? spec.item.options : [];
  for (const o of options) {
    const opt = h("option", "", o);
    opt.value = o;
    sel.append(opt);
  }
  sel.value = current;
  sel.addEventListener("change", () => {
    // Send a value for every hidden layer: the others keep what they show now.
    const shown = [...(hc.view()?.layer_values ?? [])];
    shown[k] = sel.value;
    hc.ctx.setParam(v.layer_param!, shown);
  });
  return sel;
}

function button(text: string, title: string, name: string, enabled: boolean, onClick: () => void): HTMLButtonElement {
  const b = h("button", "netlive-btn", text);
  b.type = "button";
  b.title = title;
  b.name = name;
  b.disabled = !enabled;
  b.addEventListener("click", onClick);
  return b;
}
