// The Table view: cells arrive formatted; rebuild on a change of shape, else patch text.
import type { TableView, ViewContext, ViewRenderer } from "../types";

export function mountTable(el: HTMLElement, ctx: ViewContext): ViewRenderer<TableView> {
  const table = document.createElement("table");
  table.className = "data-table";
  el.append(table);
  let shape = "";
  let action: string | null = null;
  // A table whose rows do something (load an example): a click or Enter on a row sends it.
  const pick = (e: Event) => {
    const tr = (e.target as HTMLElement).closest("tbody tr") as HTMLTableRowElement | null;
    if (!action || !tr) return;
    if (e instanceof KeyboardEvent && e.key !== "Enter" && e.key !== " ") return;
    e.preventDefault();
    ctx.action(action, { row: tr.sectionRowIndex });
  };
  table.addEventListener("click", pick);
  table.addEventListener("keydown", pick);

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
      const sig = `${v.columns.join("\u0000")}|${v.rows.length}|${v.footer.length}|${v.row_action}`;
      if (sig !== shape) {
        shape = sig;
        action = v.row_action ?? null;
        table.classList.toggle("pickable", Boolean(action));
        const body = section("tbody", v.rows, "td");
        if (action) {
          for (const tr of body.rows) {
            tr.tabIndex = 0;
            tr.setAttribute("role", "button");
            tr.title = "Load this row";
          }
        }
        table.replaceChildren(section("thead", [v.columns], "th"), body, section("tfoot", v.footer, "td"));
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
