// View kind -> renderer. Each view type has exactly one renderer here.
import type { MountView } from "../types";
import { mountBars } from "./bars";
import { mountChart } from "./chart";
import { mountFormula } from "./formula";
import { mountGraph } from "./graph";
import { mountImages } from "./images";
import { mountMatrix } from "./matrix";
import { mountNetwork } from "./network";
import { mountPlot } from "./plot";
import { mountScene3D } from "./scene3d";
import { mountTable } from "./table";
import { mountText } from "./text";

export const RENDERERS: Record<string, MountView> = {
  plot: mountPlot as MountView,
  chart: mountChart as MountView,
  table: mountTable as MountView,
  formula: mountFormula as MountView,
  text: mountText as MountView,
  network: mountNetwork as MountView,
  bars: mountBars as MountView,
  scene3d: mountScene3D as MountView,
  matrix: mountMatrix as MountView,
  images: mountImages as MountView,
  graph: mountGraph as MountView,
};
