// The chart's y scale and its labels (pure: tested in node without uPlot).

/** A log axis from the decade below the data to the decade above, at most 8 decades
 *  deep: a value that is zero up to rounding (a curve through every point) sits below the
 *  axis, instead of asking for hundreds of decades (or log 0). */
export function logRange(_u: unknown, min: number | null, max: number | null): [number, number] {
  const hi = max != null && max > 0 ? max : 1;
  const lo = Math.max(min != null && min > 0 ? min : 0, hi / 1e8);
  return [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi) - 1e-12)];
}

/** A log axis' labels: plain numbers from 0.001 to 10⁵, powers of ten beyond ("1e-6"),
 *  never a small decade rounded to "0". */
export function logLabels(_u: unknown, splits: number[]): string[] {
  return splits.map((v) => {
    if (v == null || !(v > 0)) return "";
    const e = Math.round(Math.log10(v));
    return e >= -3 && e <= 5 ? String(Number(v.toPrecision(6))) : `1e${e}`;
  });
}

/** A linear axis' labels with as many decimals as the step between ticks needs, so that
 *  ticks 0.0005 apart never read "0.52, 0.52" (uPlot's default keeps 3 decimals). From a
 *  million up, powers of ten ("2.5e9"), which fit beside the axis (a diverging loss). */
export function linearLabels(_u: unknown, splits: number[], _axis?: number, _space?: number,
  incr?: number): string[] {
  if (Math.max(0, ...splits.filter((v) => v != null).map(Math.abs)) >= 1e6) {
    return splits.map((v) => (v == null ? "" : v === 0 ? "0"
      : Number(v.toPrecision(3)).toExponential().replace("e+", "e")));
  }
  const gaps = splits.slice(1).map((v, k) => Math.abs(v - splits[k])).filter((g) => g > 0);
  const step = incr && incr > 0 ? incr : Math.min(...gaps);
  let decimals = 0;
  if (Number.isFinite(step) && step > 0) {
    while (decimals < 12 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals)
      > 1e-6 * step * 10 ** decimals) decimals++;
  }
  return splits.map((v) => (v == null ? "" : v.toLocaleString("en-US", {
    minimumFractionDigits: decimals, maximumFractionDigits: decimals })));
}
