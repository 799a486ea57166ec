export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `fn` `warmup` times, then `runs` times, returning each run's milliseconds. */
export function timeRuns(fn, { runs, warmup = 2 }) {
  for (let i = 0; i < warmup; i++) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return times;
}

export function table(rows, columns) {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells) => cells.map((cell, i) => String(cell).padStart(widths[i])).join('  ');
  return [
    line(columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(columns.map((c) => r[c]))),
  ].join('\n');
}

export function round(value, digits = 2) {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}

/** Exponent k of the least-squares fit y = c * x^k to [x, y] points (a straight line in log-log). */
export function fitPower(points) {
  const logs = points.map(([x, y]) => [Math.log(x), Math.log(y)]);
  const mx = logs.reduce((sum, [x]) => sum + x, 0) / logs.length;
  const my = logs.reduce((sum, [, y]) => sum + y, 0) / logs.length;
  const sxy = logs.reduce((sum, [x, y]) => sum + (x - mx) * (y - my), 0);
  const sxx = logs.reduce((sum, [x]) => sum + (x - mx) ** 2, 0);
  return sxx === 0 ? Number.NaN : sxy / sxx;
}
