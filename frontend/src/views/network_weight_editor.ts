// Weights in the playground's diagram, by pointer: hovering an edge shows its weight in a
// tip, clicking one (when the view has an edit_action) opens a small form to type a new
// value; Enter sends it, Escape or leaving the box closes it. Used by network_live.ts.
import { el as h } from "../dom";
import { fmt } from "../format";
import type { NetworkEdge, NetworkView, ViewContext } from "../types";

/** The diagram's edges as last built, and this frame's weights in the same order. */
export interface EdgeSource {
  view(): NetworkView | null;
  edges(): NetworkEdge[];
  weights(): Float64Array;
}

/** Add the tip and the editor to ``root``; ``svg`` holds the edges' hit areas (each with
 *  ``data-edge`` = its index). */
export function wireWeightEditing(root: HTMLElement, svg: SVGSVGElement, ctx: ViewContext,
  src: EdgeSource): void {
  const tip = h("div", "netlive-tip");
  const editor = h("form", "netlive-editor");
  const editInput = h("input");
  editInput.type = "text";
  editInput.name = "weight";
  editInput.setAttribute("aria-label", "new weight");
  editor.append(h("span", "", "weight"), editInput);
  editor.hidden = true;
  root.append(tip, editor);
  let editing: NetworkEdge | null = null;
  const close = () => {
    editing = null;
    editor.hidden = true;
  };

  svg.addEventListener("mousemove", (ev) => {
    const k = (ev.target as SVGElement).dataset?.edge;
    const view = src.view();
    if (k === undefined || !view) {
      tip.classList.remove("visible");
      return;
    }
    const r = root.getBoundingClientRect();
    tip.textContent = `weight ${fmt(src.weights()[Number(k)], 4)}${view.edit_action ? " · click to edit" : ""}`;
    tip.style.left = `${ev.clientX - r.left + 12}px`;
    tip.style.top = `${ev.clientY - r.top + 12}px`;
    tip.classList.add("visible");
  });
  svg.addEventListener("mouseleave", () => tip.classList.remove("visible"));
  svg.addEventListener("click", (ev) => {
    const k = (ev.target as SVGElement).dataset?.edge;
    if (k === undefined || !src.view()?.edit_action) return;
    editing = { ...src.edges()[Number(k)], weight: src.weights()[Number(k)] };
    const r = root.getBoundingClientRect();
    editor.style.left = `${ev.clientX - r.left}px`;
    editor.style.top = `${ev.clientY - r.top}px`;
    editor.hidden = false;
    editInput.value = fmt(editing.weight, 4).replace(/,/g, "").replace("−", "-");
    editInput.focus();
    editInput.select();
  });
  editor.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const action = src.view()?.edit_action;
    if (editing && action) {
      const text = editInput.value.trim().replace("−", "-");
      ctx.action(action, { id: editing.id, value: text === "" ? text : Number.isNaN(Number(text)) ? text : Number(text) });
    }
    close();
  });
  editInput.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") close();
  });
  editInput.addEventListener("blur", close);
}
