// The Formula view: TeX typeset by KaTeX, only when the TeX changes.
import katex from "katex";
import type { FormulaView, ViewContext, ViewRenderer } from "../types";

export function mountFormula(el: HTMLElement, _ctx: ViewContext): ViewRenderer<FormulaView> {
  const box = document.createElement("div");
  box.className = "formula";
  el.append(box);
  let tex = "";
  return {
    update(v: FormulaView) {
      if (v.tex === tex) return;
      tex = v.tex;
      katex.render(tex, box, { displayMode: true, throwOnError: false });
    },
    destroy() {
      el.replaceChildren();
    },
  };
}
