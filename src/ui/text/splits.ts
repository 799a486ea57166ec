import { serviceShortfalls } from '../../plan/shortfalls.js';
import type { GeographySplit, ServiceSplit, Splits } from '../../solve/types.js';
import { compareText } from '../../util/compare.js';
import type { Styles } from './colors.js';
import { percentFormat } from './percent.js';
import { describeShortfalls } from './shortfalls.js';

export interface SplitsView {
  /** Geographies to show; empty means the top ones by demand. */
  readonly geos: readonly string[];
  readonly limit: number;
}

/** The split table as plain text: endpoints, clouds, shortfalls, then geographies by demand. */
export function formatSplits(splits: Splits, view: SplitsView, s: Styles): string {
  return [...splitsText(splits, view, s)].join('');
}

/** The same text, a service at a time: 10,000 services need not be one string. */
export function* splitsText(splits: Splits, view: SplitsView, s: Styles): Generator<string> {
  const head = [
    `${s.bold('splits at')} ${splits.at}${splits.nextChangeAt ? s.dim(`   next change ${splits.nextChangeAt}`) : ''}`,
  ];
  const down = [...splits.overrides.downEndpoints, ...splits.overrides.downRegions, ...splits.overrides.downClouds];
  if (down.length > 0) head.push(s.yellow(`what-if: treating ${down.join(', ')} as down`));
  yield `${head.join('\n')}\n`;
  for (const service of splits.services) yield `\n${formatService(service, view, s).join('\n')}\n`;
}

function formatService(service: ServiceSplit, view: SplitsView, s: Styles): string[] {
  const demand = service.demandTotal === undefined ? 'demand total not set' : `${service.demandTotal} rps`;
  const lines = [
    `${s.bold(service.service)}  ${s.dim(`ttl ${service.ttl}s · ${demand} · mean latency ${service.meanLatencyMs} ms`)}`,
  ];
  const idWidth = Math.max(8, ...service.endpoints.map((e) => e.id.length));
  const regionWidth = Math.max(6, ...service.endpoints.map((e) => (e.region ?? '').length));
  lines.push(
    s.dim(`  ${'endpoint'.padEnd(idWidth)}  cloud   ${'region'.padEnd(regionWidth)}  status     share    load`),
  );
  const share = percentFormat(service.endpoints.map((e) => e.share));
  for (const e of service.endpoints) {
    const status = e.status === 'active' ? e.status : e.status === 'down' ? s.red(e.status) : s.yellow(e.status);
    const load =
      e.load === undefined
        ? ''
        : `${round(e.load)} rps${e.capacity === undefined ? '' : ` of ${e.capacity} (${e.utilization}%)`}`;
    const windows = e.windows.length > 0 ? s.dim(` [${e.windows.join(', ')}]`) : '';
    lines.push(
      `  ${e.id.padEnd(idWidth)}  ${e.cloud.padEnd(6)}  ${(e.region ?? '-').padEnd(regionWidth)}  ${pad(status, e.status, 9)}  ${share(e.share).padStart(7)}  ${load}${windows}`,
    );
  }
  const cloudShares = Object.entries(service.clouds).map(([cloud, value]) => [cloud, value ?? 0] as const);
  const cloudPercent = percentFormat(cloudShares.map(([, value]) => value));
  lines.push(`  clouds: ${cloudShares.map(([cloud, value]) => `${cloud} ${cloudPercent(value)}`).join(' · ')}`);
  for (const line of describeShortfalls(serviceShortfalls(service))) lines.push(`  ${s.yellow('!')} ${line}`);
  const geos = pickGeographies(service.geographies, view);
  const nameWidth = Math.max(...geos.map((g) => `${g.geo} ${g.name}`.length), 10);
  lines.push(s.dim(`  ${'geography'.padEnd(nameWidth)}  demand  latency  split`));
  // One precision per column of the table: the demands, and every share the splits list.
  const demandPercent = percentFormat(geos.map((g) => g.demand));
  const percent = percentFormat(geos.flatMap((g) => Object.values(g.shares).filter((v) => v > 0)));
  for (const geo of geos) {
    const split = Object.entries(geo.shares)
      .filter(([, share]) => share > 0)
      .sort(([a, x], [b, y]) => y - x || compareText(a, b))
      .map(([id, share]) => `${id} ${percent(share)}`)
      .join(' · ');
    lines.push(
      `  ${`${geo.geo} ${geo.name}`.padEnd(nameWidth)}  ${demandPercent(geo.demand).padStart(6)}  ${`${round(geo.latencyMs)} ms`.padStart(7)}  ${split}`,
    );
  }
  const hidden = service.geographies.length - geos.length;
  if (hidden > 0) lines.push(s.dim(`  … ${hidden} more geographies (--all shows every one, --geo picks some)`));
  return lines;
}

function pickGeographies(geos: readonly GeographySplit[], view: SplitsView): GeographySplit[] {
  if (view.geos.length > 0) return geos.filter((g) => view.geos.includes(g.geo));
  const ranked = [...geos]
    .filter((g) => g.geo !== '*')
    .sort((a, b) => b.demand - a.demand || compareText(a.geo, b.geo));
  const fallback = geos.find((g) => g.geo === '*');
  return [...ranked.slice(0, view.limit), ...(fallback ? [fallback] : [])];
}

function round(value: number): string {
  return String(Math.round(value));
}

function pad(styled: string, raw: string, width: number): string {
  return styled + ' '.repeat(Math.max(0, width - raw.length));
}
