// The Text view: a short message coloured by tone.
import type { TextView, ViewContext, ViewRenderer } from "../types";

export function mountText(el: HTMLElement, _ctx: ViewContext): ViewRenderer<TextView> {
  const p = document.createElement("p");
  el.append(p);
  return {
    update(v: TextView) {
      p.className = `message tone-${v.tone}`;
      if (p.textContent !== v.text) p.textContent = v.text;
    },
    destroy() {
      el.replaceChildren();
    },
  };
}
