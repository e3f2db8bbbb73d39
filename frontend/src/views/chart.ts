// The Chart view: a line chart drawn by uPlot, with its hover legend as the readout.
// Rebuilt only when the series list changes; otherwise setData on the bounded arrays.
import uPlot from "uplot";
import { fmt } from "../format";
import { linearLabels, logLabels, logRange } from "./chart_scale";
import type { ChartView, ViewContext, ViewRenderer } from "../types";

/** Of a log axis' splits, the powers of ten (the rest null: no line, no label). */
function decades(_u: uPlot, splits: number[]): (number | null)[] {
  return splits.map((t) => (Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9 ? t : null));
}

/** Tick steps for an axis of whole numbers: 1, 2, 5, 10, 20, 50, ... */
const WHOLE = Array.from({ length: 24 }, (_, k) => [1, 2, 5][k % 3] * 10 ** Math.floor(k / 3));

export function mountChart(el: HTMLElement, _ctx: ViewContext): ViewRenderer<ChartView> {
  el.setAttribute("role", "figure"); // its aria-label says the last values (update)
  let plot: uPlot | null = null;
  let signature = "";
  let rows = 0;
  // Away from the pointer, the legend shows the last values rather than "--" (after each
  // draw and when the cursor leaves: uPlot resets the legend to the cursor then).
  const showLast = (u: uPlot) => {
    if (u.cursor.idx == null && rows > 0) u.setLegend({ idx: rows - 1 }, false);
  };
  const height = () => Math.max(180, Math.min(300, Math.round(el.clientWidth * 0.6)));

  function build(v: ChartView): void {
    plot?.destroy();
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: height(),
      scales: { x: { time: false }, y: v.log_y ? { distr: 3, range: logRange } : {} },
      series: [
        { label: v.x_label },
        ...v.series.map((s) => ({ label: s.name, stroke: s.color, width: 2 })),
      ],
      axes: [
        // Whole-number steps (epochs, half-steps) get whole-number ticks, never 1.5.
        { label: v.x_label, stroke: "#4a5561", grid: { stroke: "#eceff3" },
          ...(Array.from(v.x.data).every(Number.isInteger) ? { incrs: WHOLE } : {}) },
        // On a log scale, grid lines and labels at the powers of ten only: the lines at 2..9
        // between them would crowd into grey bands.
        { label: v.y_label, stroke: "#4a5561", size: 60,
          grid: { stroke: "#eceff3", ...(v.log_y ? { filter: decades } : {}) },
          ...(v.log_y ? { filter: decades, ticks: { filter: decades }, values: logLabels }
            : { values: linearLabels }) },
      ],
      cursor: { drag: { x: false, y: false } },
      hooks: { draw: [showLast], setCursor: [showLast] },
    };
    plot = new uPlot(opts, data(v), el);
  }

  function data(v: ChartView): uPlot.AlignedData {
    return [Array.from(v.x.data), ...v.series.map((s) => Array.from(s.y.data))];
  }

  const ro = new ResizeObserver(() => plot?.setSize({ width: Math.max(200, el.clientWidth), height: height() }));
  ro.observe(el);

  return {
    update(v: ChartView) {
      const last = v.series.map((s) => {
        const y = s.y.data;
        return `${s.name} ${y.length ? fmt(y[y.length - 1]) : "none yet"}`;
      });
      const alt = `${v.title}: ${v.y_label} against ${v.x_label}; last values ${last.join(", ")}`;
      if (el.getAttribute("aria-label") !== alt) el.setAttribute("aria-label", alt);
      const sig = JSON.stringify([v.log_y, v.x_label, v.y_label, v.series.map((s) => [s.name, s.color])]);
      rows = v.x.data.length;
      if (sig !== signature || !plot) {
        signature = sig;
        build(v);
      } else {
        plot.setData(data(v));
      }

    },
    destroy() {
      ro.disconnect();
      plot?.destroy();
    },
  };
}
