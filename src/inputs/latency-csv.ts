import type { Diagnostic } from '../errors.js';
import { parseGeoRef } from '../geo/geography.js';
import { didYouMean } from '../policy/suggest.js';
import type { MeasuredLatency } from '../solve/latency.js';

/**
 * Parses measured latency: CSV rows `geography,endpoint,ms` (a header row is allowed, `#` starts
 * a comment). Geographies are countries, US states or `*`. Pure; every bad row is reported with
 * its line.
 */
export function parseLatencyCsv(
  text: string,
  file: string,
  endpointIds: readonly string[],
): { ok: true; latency: MeasuredLatency } | { ok: false; diagnostics: Diagnostic[] } {
  const latency = new Map<string, Map<string, number>>();
  const diagnostics: Diagnostic[] = [];
  const report = (line: number, message: string, hint?: string): void => {
    diagnostics.push({
      severity: 'error',
      code: 'LATENCY.INVALID',
      message,
      path: '',
      location: { file, line, column: 1 },
      ...(hint === undefined ? {} : { hint }),
    });
  };
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = index + 1;
    const content = raw.replace(/#.*/, '').trim();
    const cells = content.split(',').map((cell) => cell.trim());
    if (content === '' || (index === 0 && cells[0]?.toLowerCase() === 'geography')) continue;
    const problem = checkRow(cells, endpointIds);
    if (problem !== undefined) {
      report(line, problem.message, problem.hint);
      continue;
    }
    const [geo, endpoint, value] = cells as [string, string, string];
    const row = latency.get(geo) ?? new Map<string, number>();
    row.set(endpoint, Number(value));
    latency.set(geo, row);
  }
  return diagnostics.length > 0 ? { ok: false, diagnostics } : { ok: true, latency };
}

function checkRow(
  cells: readonly string[],
  endpointIds: readonly string[],
): { message: string; hint?: string } | undefined {
  if (cells.length !== 3) return { message: `expected 3 columns (geography,endpoint,ms), got ${cells.length}` };
  const [geo, endpoint, value] = cells as [string, string, string];
  const ref = parseGeoRef(geo);
  if (ref === undefined || ref.kind === 'group' || ref.kind === 'continent') {
    return {
      message: `'${geo}' is not a country, US state or *`,
      hint: 'latency is measured per country (DE), state (US-CA) or * for the default',
    };
  }
  if (!endpointIds.includes(endpoint)) {
    const hint = didYouMean(endpoint, endpointIds);
    return { message: `unknown endpoint '${endpoint}'`, ...(hint === undefined ? {} : { hint }) };
  }
  const ms = Number(value);
  if (value === '' || !Number.isFinite(ms) || ms < 0) return { message: `'${value}' is not a latency in milliseconds` };
  return undefined;
}
