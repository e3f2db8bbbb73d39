// The Matrix view as an HTML table: a cell per value, coloured through the page's colour
// map from the codes the server computed (the same as matplotlib's), its number in dark or
// white text by the cell's lightness. Row 0 on top. With `edit_action`, a click on a cell
// (or Enter on a focused one) opens it for typing; Enter sends {row, col, value}, Escape
// puts it back. Mirror of mlscope/render/matrix.py.
import { buildLuts } from "../colors";
import { fmt } from "../format";
import { colorBarHtml } from "./plot_legend";
import type { MatrixView, ViewContext, ViewRenderer } from "../types";

/** Dark text on a light cell, white on a dark one (as render/matrix.py text_color). */
export function textColor(r: number, g: number, b: number): string {
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 140 ? "#1b232b" : "#ffffff";
}

/** What cell (i, j) says: its own text, else its value with the view's decimals. */
export function cellText(v: MatrixView, i: number, j: number): string {
  if (v.cell_text.length) return v.cell_text[i][j];
  const x = v.values.data[i * v.values.shape[1] + j];
  return Number.isNaN(x) ? "" : x.toFixed(v.decimals);
}

const MAX_TEXT = 24; // bigger matrices show colour only (the numbers would not fit)

export function mountMatrix(el: HTMLElement, ctx: ViewContext): ViewRenderer<MatrixView> {
  const luts = buildLuts(ctx.spec);
  const wrap = document.createElement("div");
  wrap.className = "matrix";
  const bar = document.createElement("div");
  bar.className = "plot-legend matrix-legend";
  const table = document.createElement("table");
  table.className = "matrix-table";
  const xLabel = document.createElement("div");
  xLabel.className = "matrix-x-label";
  const yLabel = document.createElement("div");
  yLabel.className = "matrix-y-label";
  const body = document.createElement("div");
  body.className = "matrix-body";
  body.append(yLabel, table);
  wrap.append(bar, xLabel, body);
  el.append(wrap);
  let view: MatrixView | null = null;
  let shape = "";
  let cells: HTMLTableCellElement[][] = [];
  let editing: HTMLInputElement | null = null;

  function build(v: MatrixView): void {
    const [m, n] = v.values.shape;
    table.replaceChildren();
    const head = table.createTHead().insertRow();
    head.append(document.createElement("th"));
    for (const c of v.col_labels) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = c;
      head.append(th);
    }
    const tbody = table.createTBody();
    cells = [];
    for (let i = 0; i < m; i++) {
      const tr = tbody.insertRow();
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = v.row_labels[i];
      tr.append(th);
      const row: HTMLTableCellElement[] = [];
      for (let j = 0; j < n; j++) {
        const td = tr.insertCell();
        td.dataset.row = String(i);
        td.dataset.col = String(j);
        row.push(td);
      }
      cells.push(row);
    }
    table.classList.toggle("small", Math.max(m, n) > MAX_TEXT);
    shape = `${m}x${n}:${v.row_labels.join("|")}:${v.col_labels.join("|")}`;
  }

  function edit(td: HTMLTableCellElement): void {
    if (!view?.edit_action || editing) return;
    const i = Number(td.dataset.row);
    const j = Number(td.dataset.col);
    const input = document.createElement("input");
    input.type = "text";
    input.inputMode = "decimal";
    input.value = String(view.values.data[i * view.values.shape[1] + j]);
    input.setAttribute("aria-label", `${view.row_labels[i]}, ${view.col_labels[j]}`);
    const old = td.textContent ?? "";
    td.textContent = "";
    td.append(input);
    editing = input;
    input.focus();
    input.select();
    const done = (send: boolean) => {
      if (editing !== input) return;
      editing = null;
      const value = Number(input.value);
      td.textContent = old;
      if (send && input.value.trim() !== "" && Number.isFinite(value) && view?.edit_action) {
        ctx.action(view.edit_action, { row: i, col: j, value });
      }
      td.focus();
    };
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter") done(true);
      else if (ev.key === "Escape") done(false);
      ev.stopPropagation();
    });
    input.addEventListener("blur", () => done(true));
  }

  table.addEventListener("click", (ev) => {
    const td = (ev.target as HTMLElement).closest("td");
    if (td) edit(td as HTMLTableCellElement);
  });
  table.addEventListener("keydown", (ev) => {
    const td = (ev.target as HTMLElement).closest("td");
    if (td && ev.key === "Enter") edit(td as HTMLTableCellElement);
  });

  return {
    update(v: MatrixView) {
      view = v;
      const key = `${v.values.shape[0]}x${v.values.shape[1]}:${v.row_labels.join("|")}:${v.col_labels.join("|")}`;
      if (key !== shape) build(v);
      const [m, n] = v.values.shape;
      const lut = luts[v.colormap];
      const showText = Math.max(m, n) <= MAX_TEXT;
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          const td = cells[i][j];
          if (td.contains(editing)) continue;
          const c = v.codes.data[i * n + j] * 4;
          const bg = `rgb(${lut[c]},${lut[c + 1]},${lut[c + 2]})`;
          if (td.style.backgroundColor !== bg) {
            td.style.backgroundColor = bg;
            td.style.color = textColor(lut[c], lut[c + 1], lut[c + 2]);
          }
          const text = showText ? cellText(v, i, j) : "";
          if (td.textContent !== text) td.textContent = text;
          td.title = `${v.row_labels[i]}, ${v.col_labels[j]}: ${fmt(v.values.data[i * n + j], 4)}`;
          td.tabIndex = v.edit_action ? 0 : -1;
        }
      }
      table.classList.toggle("editable", !!v.edit_action);
      table.setAttribute("aria-label", `${v.title}: ${v.y_label || "rows"} by ${v.x_label || "columns"}`);
      xLabel.textContent = v.x_label;
      yLabel.textContent = v.y_label;
      const html = v.name ? colorBarHtml(ctx.spec, v.colormap, v.vmin, v.vmax, v.name) : "";
      if (bar.dataset.html !== html) {
        bar.dataset.html = html;
        bar.innerHTML = html; // the name escaped in colorBarHtml
      }
      bar.hidden = !v.name;
    },
    destroy() {
      el.replaceChildren();
    },
  };
}
