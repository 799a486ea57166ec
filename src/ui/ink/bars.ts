/**
 * Bar glyphs per endpoint position. With color each endpoint is told apart by its color and all
 * use the full block; without color (NO_COLOR, --no-color) the glyph itself differs.
 */
export const GLYPHS: readonly string[] = ['█', '▓', '▒', '░'];

export interface BarSegment {
  readonly id: string;
  readonly cells: number;
}

/**
 * Splits `width` cells among shares (percent) by largest remainder, so the cells always add up
 * to the width and every segment is within one cell of its exact size. Zero shares get no segment.
 */
export function barSegments(shares: readonly (readonly [string, number])[], width: number): BarSegment[] {
  const positive = shares.filter(([, share]) => share > 0);
  const total = positive.reduce((sum, [, share]) => sum + share, 0);
  if (total <= 0 || width <= 0) return [];
  const exact = positive.map(([id, share]) => ({ id, exact: (share / total) * width }));
  const cells = exact.map((e) => Math.floor(e.exact));
  let left = width - cells.reduce((sum, n) => sum + n, 0);
  const order = exact
    .map((e, i) => ({ i, remainder: e.exact - Math.floor(e.exact) }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    cells[i] = (cells[i] ?? 0) + 1;
    left -= 1;
  }
  return exact.map((e, i) => ({ id: e.id, cells: cells[i] ?? 0 })).filter((s) => s.cells > 0);
}

/** Percent as the views print it: one decimal from 10 up, two below, none for whole numbers. */
export function formatPercent(value: number): string {
  return `${Number(value.toFixed(value >= 10 || value === 0 ? 1 : 2))}%`;
}

/** A countdown as m:ss (or s for under a minute), never negative. */
export function formatCountdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
