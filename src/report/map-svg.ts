import type { ProjectedCountry, ProjectedWorld } from './atlas.js';
import { escapeHtml, percent } from './escape.js';
import { type CountryFill, countryFills, keyColors, mixId, tiesOf } from './fills.js';
import { endpointMarkers } from './map-markers.js';
import type { ReportModel, ServiceReport } from './model.js';
import type { CountryServing } from './serving.js';

/** Fill of a country no endpoint serves (a shape without an ISO code). */
export const UNSERVED_FILL = '#d6d6d6';
/** Outline color per sovereignty rule, in policy order. */
export const ZONE_COLORS: readonly string[] = ['#5b2a86', '#b5179e', '#006d77', '#3d405b'];
const HATCH_ANGLES: readonly number[] = [45, -45, 0, 90];

/**
 * One service's world map as inline SVG: countries filled by the cloud (or endpoint) serving most
 * of their traffic (paler where the traffic is split, striped where two tie); sovereignty zones
 * hatched on top; endpoint locations as markers. `id` prefixes element ids so several maps can
 * share one page.
 */
export function renderMapSvg(world: ProjectedWorld, model: ReportModel, service: ServiceReport, id: string): string {
  const fills = countryFills(service, model.colorBy);
  const colorOf = keyColors(service, model.colorBy);
  const paint = (fill: CountryFill) =>
    fill.keys.length > 1 ? `url(#${mixId(id, fill.keys)})` : colorOf(fill.keys[0]!);
  const countries = world.countries.map((country, i) => {
    const serving = service.countries.get(country.code ?? '');
    const fill = fills.get(country.code ?? '');
    return countryPath(country, `${id}-c${i}`, serving, fill === undefined ? undefined : { fill, paint: paint(fill) });
  });
  const patterns = [
    ...model.zones.map((_, k) => hatch(`${id}-z${k}`, k)),
    ...tiesOf(fills).map((keys) => stripes(mixId(id, keys), keys.map(colorOf))),
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 ${world.width} ${world.height}" role="img" aria-label="${escapeHtml(`Which ${model.colorBy} serves each country: ${service.split.service}`)}">`,
    `<defs>${patterns.join('')}</defs>`,
    `<path class="sphere" d="${world.sphere}"/>`,
    `<path class="graticule" d="${world.graticule}"/>`,
    `<g class="countries">${countries.join('')}</g>`,
    zoneOverlay(world, model, id),
    endpointMarkers(world, model, service),
    '</svg>',
  ].join('\n');
}

function countryPath(
  country: ProjectedCountry,
  elementId: string,
  serving: CountryServing | undefined,
  painted: { fill: CountryFill; paint: string } | undefined,
): string {
  const label = `${country.name}${country.code === undefined ? '' : ` (${country.code})`}`;
  if (serving === undefined || painted === undefined) {
    return `<path id="${elementId}" class="country unserved" fill="${UNSERVED_FILL}" d="${country.d}"><title>${escapeHtml(label)}: no DNS geography</title></path>`;
  }
  // Full color when one choice takes everything, fading where the traffic is split.
  const opacity = Math.round((0.35 + 0.65 * (painted.fill.top / 100)) * 100) / 100;
  const split = Object.entries(serving.shares)
    .sort(([, a], [, b]) => b - a)
    .map(([endpoint, share]) => `${endpoint} ${percent(share)}`)
    .join(', ');
  const via = serving.geo === '*' ? ' via the default record' : '';
  const data = `data-code="${serving.code}" data-geo="${escapeHtml(serving.geo)}" data-cloud="${serving.topCloud}" data-endpoint="${escapeHtml(serving.topEndpoint)}" data-fill="${escapeHtml(painted.fill.keys.join('+'))}"`;
  return `<path id="${elementId}" class="country" ${data} fill="${painted.paint}" fill-opacity="${painted.fill.keys.length > 1 ? 0.8 : opacity}" d="${country.d}"><title>${escapeHtml(`${label}${via}: ${split}`)}</title></path>`;
}

function hatch(patternId: string, k: number): string {
  const color = ZONE_COLORS[k % ZONE_COLORS.length]!;
  const angle = HATCH_ANGLES[k % HATCH_ANGLES.length]!;
  return `<pattern id="${patternId}" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(${angle})"><line x1="0" y1="0" x2="0" y2="5" stroke="${color}" stroke-width="1.4" stroke-opacity="0.7"/></pattern>`;
}

/** Equal stripes of two colors: a country whose traffic two clouds (or endpoints) share evenly. */
function stripes(patternId: string, colors: readonly string[]): string {
  const [a, b] = colors;
  return `<pattern id="${patternId}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="3" height="6" fill="${a}"/><rect x="3" width="3" height="6" fill="${b}"/></pattern>`;
}

/**
 * Zones repeat the shapes they cover rather than <use> them: a <use> copy keeps the country's own
 * fill attribute, which would hide the hatch.
 */
function zoneOverlay(world: ProjectedWorld, model: ReportModel, id: string): string {
  const groups = model.zones.map((zone, k) => {
    const members = new Set(zone.countries);
    const shapes = world.countries
      .map((country) => (country.code !== undefined && members.has(country.code) ? `<path d="${country.d}"/>` : ''))
      .join('');
    const color = ZONE_COLORS[k % ZONE_COLORS.length]!;
    return `<g class="zone" data-rule="${escapeHtml(zone.name)}" fill="url(#${id}-z${k})" stroke="${color}" stroke-width="0.9">${shapes}</g>`;
  });
  return `<g class="zones">${groups.join('')}</g>`;
}
