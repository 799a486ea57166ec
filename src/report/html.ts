import type { ProjectedWorld } from './atlas.js';
import { escapeHtml, percent } from './escape.js';
import { countryFills, keyColors, tiesOf } from './fills.js';
import { renderMapSvg, UNSERVED_FILL, ZONE_COLORS } from './map-svg.js';
import type { ReportModel, ServiceReport } from './model.js';
import { CLOUD_ORDER, endpointColors } from './palette.js';
import { REPORT_CSS } from './style.js';
import { endpointTable, geographyTable, swatch, windowTable, zoneTable } from './tables.js';

/**
 * The whole report as one HTML document: styles inline, maps as inline SVG drawn now, no script
 * and no external reference, so it opens offline, attaches to a ticket and prints.
 */
export function renderReportHtml(model: ReportModel, world: ProjectedWorld): string {
  const services = model.services.map((service, i) => serviceSection(model, world, service, `m${i}`));
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`trafficport report: ${model.policyFile} at ${model.at}`)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    header(model),
    ...services,
    '<section class="zones-section"><h2>Sovereignty zones</h2>',
    zoneTable(model.zones, ZONE_COLORS),
    '</section>',
    `<section class="windows-section"><h2>Maintenance: active and next ${model.windowDays} days</h2>`,
    windowTable(model.windows, model.windowDays),
    '</section>',
    '<footer>Map: Natural Earth 1:110m (world-atlas), Natural Earth I projection (d3-geo). DNS steers by the location of the resolver: users behind a foreign resolver are answered as that resolver’s country.</footer>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function header(model: ReportModel): string {
  const facts = [
    `policy <code>${escapeHtml(model.policyFile)}</code>`,
    `splits at <time>${model.at}</time>`,
    model.nextChangeAt === undefined ? '' : `next change <time>${model.nextChangeAt}</time>`,
    model.down.length === 0 ? '' : `<strong>what-if:</strong> ${escapeHtml(model.down.join(', '))} down`,
  ].filter((fact) => fact !== '');
  return `<header><h1>trafficport report</h1><p class="facts">${facts.join(' · ')}</p></header>`;
}

function serviceSection(model: ReportModel, world: ProjectedWorld, service: ServiceReport, id: string): string {
  const split = service.split;
  const colors = endpointColors(split.endpoints);
  const clouds = CLOUD_ORDER.filter((cloud) => split.clouds[cloud] !== undefined)
    .map((cloud) => `${cloud} ${percent(split.clouds[cloud] ?? 0)}`)
    .join(' · ');
  const demand = split.demandTotal === undefined ? '' : ` · ${split.demandTotal} rps`;
  return [
    `<section class="service" data-service="${escapeHtml(split.service)}">`,
    `<h2>${escapeHtml(split.service)}</h2>`,
    `<p class="facts">ttl ${split.ttl}s${demand} · mean latency ${split.meanLatencyMs} ms · ${clouds}</p>`,
    '<figure>',
    renderMapSvg(world, model, service, id),
    `<figcaption>${legend(model, service)}</figcaption>`,
    '</figure>',
    '<div class="tables">',
    `<div><h3>Endpoints</h3>${endpointTable(split, colors)}</div>`,
    `<div><h3>Top geographies by demand</h3>${geographyTable(split, colors)}</div>`,
    '</div>',
    '</section>',
  ].join('\n');
}

function legend(model: ReportModel, service: ServiceReport): string {
  const fills = countryFills(service, model.colorBy);
  const colorOf = keyColors(service, model.colorBy);
  const used = new Set([...fills.values()].flatMap((fill) => fill.keys));
  const order = model.colorBy === 'endpoint' ? service.split.endpoints.map((e) => e.id) : CLOUD_ORDER;
  const keys = order.filter((key) => used.has(key)).map((key) => item(swatch(colorOf(key)), key));
  const ties = tiesOf(fills).map((pair) => {
    const [a, b] = pair.map(colorOf);
    const stripes = `<span class="swatch" style="background:repeating-linear-gradient(45deg, ${a} 0 3px, ${b} 3px 6px)"></span>`;
    return item(stripes, `${pair.join(' and ')} evenly`);
  });
  const zones = model.zones.map((zone, k) =>
    item(`<span class="swatch hatch" style="color:${ZONE_COLORS[k % ZONE_COLORS.length]}"></span>`, zone.name),
  );
  return [
    `<span class="legend-title">Country color: the ${model.colorBy} serving most of its traffic (paler: split)</span>`,
    ...keys,
    ...ties,
    item(swatch(UNSERVED_FILL), 'no DNS geography'),
    ...(zones.length > 0 ? ['<span class="legend-title">Sovereignty zones</span>', ...zones] : []),
    item('<span class="marker"></span>', 'endpoint'),
    item('<span class="marker ringed"></span>', 'draining, drained or down'),
  ].join(' ');
}

function item(key: string, label: string): string {
  return `<span class="legend-item">${key}${escapeHtml(label)}</span>`;
}
