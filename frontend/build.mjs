// Bundles the front end into the Python package (src/mlscope/_static), nothing from a CDN:
//   page.js      the web app's explorable page (IIFE)
//   widget.js    the notebook widget (ES module, anywidget's contract)
//   replay.js    the HTML replay export's player (IIFE, inlined into each replay file)
//   mlscope.css  styles, KaTeX's and uPlot's included, fonts inlined as data URLs
import * as esbuild from "esbuild";

const outdir = "../src/mlscope/_static";
const common = {
  bundle: true,
  minify: !process.env.NOMINIFY,
  sourcemap: false,
  target: ["es2022"],
  logLevel: "warning",
  legalComments: "none",
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: { page: "src/page.ts" }, format: "iife", outdir }),
  esbuild.build({ ...common, entryPoints: { widget: "src/widget.ts" }, format: "esm", outdir }),
  esbuild.build({ ...common, entryPoints: { replay: "src/replay.ts" }, format: "iife", outdir }),
  esbuild.build({
    ...common,
    entryPoints: { mlscope: "src/style.css" },
    outdir,
    // KaTeX lists woff2, woff and ttf; every browser we target takes woff2, so inline that
    // and drop the others to keep the bundle (and each HTML export) small.
    loader: { ".woff2": "dataurl", ".woff": "empty", ".ttf": "empty" },
  }),
]);
console.log(`built into ${outdir}`);
