// Front-end unit tests with node's own test runner: each test/*.test.ts is bundled by esbuild
// (types stripped, imports resolved) into .test-build/ and run with `node --test`.
import { spawnSync } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import * as esbuild from "esbuild";

const out = ".test-build";
rmSync(out, { recursive: true, force: true });
const tests = readdirSync("test").filter((f) => f.endsWith(".test.ts"));
await esbuild.build({
  entryPoints: tests.map((f) => `test/${f}`), outdir: out, bundle: true, platform: "node",
  format: "esm", target: "node20", outExtension: { ".js": ".mjs" }, logLevel: "warning",
});
const files = tests.map((f) => `${out}/${f.replace(/\.ts$/, ".mjs")}`);
const run = spawnSync(process.execPath, ["--test", ...files], { stdio: "inherit" });
process.exit(run.status ?? 1);
