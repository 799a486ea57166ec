/**
 * One precision for the percentages of one column or list: whole numbers when every value is
 * whole (to a tenth), else one decimal for all of them, so `42.8%` never sits beside `50%`, nor
 * `42.822%` beside `9.13%`.
 */
export function percentFormat(values: readonly number[]): (value: number) => string {
  const decimals = values.every((value) => Math.round(value * 10) % 10 === 0) ? 0 : 1;
  return (value) => `${value.toFixed(decimals)}%`;
}
