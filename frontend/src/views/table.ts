// The Table view: cells arrive formatted; rebuild on a change of shape, else patch text.
import type { TableView, ViewContext, ViewRenderer } from "../types";

export function mountTable(el: HTMLElement, _ctx: ViewContext): ViewRenderer<TableView> {
  const table = document.createElement("table");
  table.className = "data-table";
  el.append(table);
  let shape = "";

  function section(tag: "thead" | "tbody" | "tfoot", rows: string[][], cell: "th" | "td") {
    const s = document.createElement(tag);
    for (const r of rows) {
      const tr = document.createElement("tr");
      for (const c of r) {
        const td = document.createElement(cell);
        td.textContent = c;
        tr.append(td);
      }
      s.append(tr);
    }
    return s;
  }

  return {
    update(v: TableView) {
      const sig = `${v.columns.join("\u0000")}|${v.rows.length}|${v.footer.length}`;
      if (sig !== shape) {
        shape = sig;
        table.replaceChildren(section("thead", [v.columns], "th"), section("tbody", v.rows, "td"),
          section("tfoot", v.footer, "td"));
        return;
      }
      const cells = [...v.rows, ...v.footer].flat();
      table.querySelectorAll("tbody td, tfoot td").forEach((td, k) => {
        if (td.textContent !== cells[k]) td.textContent = cells[k];
      });
    },
    destroy() {
      el.replaceChildren();
    },
  };
}
