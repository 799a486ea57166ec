import type { GeographySplit, ServiceSplit } from '../solve/types.js';
import { compareText } from '../util/compare.js';
import { escapeHtml, percent } from './escape.js';
import type { WindowRow, Zone } from './model.js';
import { cloudColor } from './palette.js';

/** Rows of the top-geographies table; the rest is summarized in one line. */
export const TOP_GEOGRAPHIES = 20;

export function endpointTable(split: ServiceSplit, colors: ReadonlyMap<string, string>): string {
  const rows = split.endpoints.map((e) => {
    const load =
      e.load === undefined
        ? ''
        : `${Math.round(e.load)} rps${e.capacity === undefined ? '' : ` of ${e.capacity} (${e.utilization}%)`}`;
    return `<tr data-endpoint="${escapeHtml(e.id)}"><td>${swatch(colors.get(e.id) ?? cloudColor(e.cloud))}${escapeHtml(e.id)}</td><td>${e.cloud}</td><td>${escapeHtml(e.region ?? '-')}</td><td class="status-${e.status}">${e.status}${e.windows.length > 0 ? ` <small>(${escapeHtml(e.windows.join(', '))})</small>` : ''}</td><td class="num">${percent(e.share)}</td><td class="num">${load}</td></tr>`;
  });
  return table('endpoints', ['endpoint', 'cloud', 'region', 'status', 'share', 'load'], rows);
}

/** The geographies with the most demand, then the default record, each with its split as a bar. */
export function geographyTable(split: ServiceSplit, colors: ReadonlyMap<string, string>): string {
  const ranked = split.geographies
    .filter((g) => g.geo !== '*')
    .sort((a, b) => b.demand - a.demand || compareText(a.geo, b.geo));
  const shown = [...ranked.slice(0, TOP_GEOGRAPHIES), ...split.geographies.filter((g) => g.geo === '*')];
  const rows = shown.map(
    (g) =>
      `<tr data-geo="${escapeHtml(g.geo)}"><td>${escapeHtml(g.geo)}</td><td>${escapeHtml(g.name)}</td><td class="num">${percent(g.demand)}</td><td class="num">${Math.round(g.latencyMs)} ms</td><td>${splitBar(g, colors)}</td></tr>`,
  );
  const hidden = ranked.length - Math.min(ranked.length, TOP_GEOGRAPHIES);
  const more =
    hidden > 0
      ? `<p class="more">… and ${hidden} more geographies (see <code>trafficport splits --all</code>).</p>`
      : '';
  return table('geographies', ['geography', 'name', 'demand', 'latency', 'split'], rows) + more;
}

function splitBar(geo: GeographySplit, colors: ReadonlyMap<string, string>): string {
  const parts = Object.entries(geo.shares).filter(([, share]) => share > 0);
  const segments = parts
    .map(
      ([id, share]) =>
        `<span style="width:${share}%;background:${colors.get(id) ?? '#999'}" title="${escapeHtml(`${id} ${percent(share)}`)}"></span>`,
    )
    .join('');
  const text = [...parts]
    .sort(([a, x], [b, y]) => y - x || compareText(a, b))
    .map(([id, share]) => `${escapeHtml(id)} ${percent(share)}`)
    .join(' · ');
  return `<div class="bar">${segments}</div><span class="split-text">${text}</span>`;
}

export function zoneTable(zones: readonly Zone[], colors: readonly string[]): string {
  if (zones.length === 0) return '<p class="empty">The policy has no sovereignty rules.</p>';
  const rows = zones.map((zone, k) => {
    const rule = [zone.allow && `only ${zone.allow}`, zone.deny && `never ${zone.deny}`].filter(Boolean).join('; ');
    return `<tr data-rule="${escapeHtml(zone.name)}"><td>${hatchSwatch(colors[k % colors.length]!)}${escapeHtml(zone.name)}</td><td>${escapeHtml(zone.users.join(', '))}</td><td>${escapeHtml(rule)}</td><td class="num">${zone.geographies.length}</td></tr>`;
  });
  return table('zones', ['rule', 'users', 'endpoints allowed', 'geographies'], rows);
}

export function windowTable(windows: readonly WindowRow[], days: number): string {
  if (windows.length === 0)
    return `<p class="empty">No maintenance window is active or due in the next ${days} days.</p>`;
  const rows = windows.map(
    (w) =>
      `<tr class="window-${w.state}" data-window="${escapeHtml(w.name)}"><td>${escapeHtml(w.name)}</td><td>${escapeHtml(w.endpoints.join(', '))}</td><td><span class="badge ${w.state}">${w.state}</span></td><td>${w.drainStart}</td><td>${w.start} → ${w.end}</td><td>${w.restored}</td></tr>`,
  );
  return table('windows', ['window', 'endpoints', 'state', 'drain starts', 'window', 'restored by'], rows);
}

function table(kind: string, headers: readonly string[], rows: readonly string[]): string {
  return `<table class="${kind}"><thead><tr>${headers.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function swatch(color: string): string {
  return `<span class="swatch" style="background:${color}"></span>`;
}

function hatchSwatch(color: string): string {
  return `<span class="swatch hatch" style="color:${color}"></span>`;
}
