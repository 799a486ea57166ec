import { COUNTRIES } from '../geo/countries.js';
import { formatGeoRef, geoRefContains } from '../geo/geography.js';
import { SUBDIVISIONS } from '../geo/subdivisions.js';
import { formatInstant } from '../policy/time.js';
import type { EndpointSelector, Policy } from '../policy/types.js';
import { rulesFor } from '../solve/availability.js';
import { listGeographies } from '../solve/geographies.js';
import { drainLeadMs, occurrencesBetween, windowTargets } from '../solve/maintenance.js';
import type { ServiceSplit, Splits } from '../solve/types.js';
import { type CountryServing, countryServing } from './serving.js';

/** Everything a report shows, as plain data: the HTML is a pure function of it. */
export interface ReportModel {
  readonly policyFile: string;
  readonly at: string;
  readonly nextChangeAt?: string;
  /** Endpoints, regions and clouds treated as down (what-if or health file). */
  readonly down: readonly string[];
  readonly colorBy: 'cloud' | 'endpoint';
  readonly endpoints: readonly ReportEndpoint[];
  readonly services: readonly ServiceReport[];
  readonly zones: readonly Zone[];
  readonly windows: readonly WindowRow[];
  /** How far ahead windows are listed, in days. */
  readonly windowDays: number;
}

export interface ReportEndpoint {
  readonly id: string;
  readonly cloud: Policy['endpoints'][number]['cloud'];
  readonly region?: string;
  readonly lat: number;
  readonly lon: number;
}

export interface ServiceReport {
  readonly split: ServiceSplit;
  readonly countries: ReadonlyMap<string, CountryServing>;
}

/** A sovereignty rule and the countries whose users it binds. */
export interface Zone {
  readonly name: string;
  readonly users: readonly string[];
  readonly allow?: string;
  readonly deny?: string;
  /** The map's countries the rule binds (what the map hatches; small territories have no shape). */
  readonly countries: readonly string[];
  /** Every geography of the plan the rule binds, from the catalog: countries, states and `*`. */
  readonly geographies: readonly string[];
}

export interface WindowRow {
  readonly name: string;
  readonly endpoints: readonly string[];
  /** When traffic starts moving away (one TTL plus the ramp before the window). */
  readonly drainStart: string;
  readonly start: string;
  readonly end: string;
  /** When the last restore step is published. */
  readonly restored: string;
  readonly state: 'active' | 'upcoming';
}

export interface ReportInput {
  readonly policy: Policy;
  readonly policyFile: string;
  readonly splits: Splits;
  readonly at: number;
  /** Alpha-2 codes drawn on the map (the report colors exactly these). */
  readonly mapCodes: readonly string[];
  readonly colorBy?: 'cloud' | 'endpoint';
  readonly windowDays?: number;
}

const DAY_MS = 24 * 3600 * 1000;
/** Recurring windows list at most this many occurrences each, so a daily cron stays readable. */
const MAX_OCCURRENCES = 8;

export function buildReportModel(input: ReportInput): ReportModel {
  const { policy, splits } = input;
  const countryOf = (geo: string) => (COUNTRIES.has(geo) ? geo : SUBDIVISIONS.get(geo)?.country);
  const windowDays = input.windowDays ?? 7;
  const geographies = listGeographies(policy);
  return {
    policyFile: input.policyFile,
    at: splits.at,
    ...(splits.nextChangeAt === undefined ? {} : { nextChangeAt: splits.nextChangeAt }),
    down: [...splits.overrides.downEndpoints, ...splits.overrides.downRegions, ...splits.overrides.downClouds],
    colorBy: input.colorBy ?? 'cloud',
    endpoints: policy.endpoints.map((e) => ({
      id: e.id,
      cloud: e.cloud,
      ...(e.region === undefined ? {} : { region: e.region }),
      lat: e.location.lat,
      lon: e.location.lon,
    })),
    services: splits.services.map((split) => ({
      split,
      countries: countryServing(split, countryOf, input.mapCodes),
    })),
    zones: policy.rules.sovereignty.map((rule) => ({
      name: rule.name,
      users: rule.users.map(formatGeoRef),
      ...(rule.allow === undefined ? {} : { allow: describeSelector(rule.allow) }),
      ...(rule.deny === undefined ? {} : { deny: describeSelector(rule.deny) }),
      countries: [...new Set(input.mapCodes)].filter((code) => rule.users.some((ref) => geoRefContains(ref, code))),
      geographies: geographies.filter((geo) => rulesFor(geo, [rule]).length > 0).map((geo) => geo.id),
    })),
    windows: maintenanceRows(policy, input.at, input.at + windowDays * DAY_MS),
    windowDays,
  };
}

export function describeSelector(selector: EndpointSelector): string {
  const parts = [
    selector.jurisdictions && `jurisdiction ${selector.jurisdictions.join(', ')}`,
    selector.clouds && `cloud ${selector.clouds.join(', ')}`,
    selector.regions && `region ${selector.regions.join(', ')}`,
    selector.endpoints && `endpoint ${selector.endpoints.join(', ')}`,
  ];
  return parts.filter((part): part is string => typeof part === 'string').join('; ');
}

/**
 * Windows whose drain-to-restore span overlaps [from, to]. The lead time uses the largest TTL of
 * the services the window touches, as the drain of the slowest-expiring cache starts first.
 */
export function maintenanceRows(policy: Policy, from: number, to: number): WindowRow[] {
  const rows: WindowRow[] = [];
  for (const window of policy.rules.maintenance) {
    const endpoints = windowTargets(window.target, policy.endpoints);
    const touched = policy.services.filter((s) => s.endpoints.some((id) => endpoints.includes(id)));
    const ttl = Math.max(0, ...(touched.length > 0 ? touched : policy.services).map((s) => s.ttl));
    for (const occurrence of occurrencesBetween(window, ttl, from, to).slice(0, MAX_OCCURRENCES)) {
      const drainStart = occurrence.start - drainLeadMs(window, ttl);
      rows.push({
        name: window.name,
        endpoints,
        drainStart: formatInstant(drainStart),
        start: formatInstant(occurrence.start),
        end: formatInstant(occurrence.end),
        restored: formatInstant(occurrence.end + window.rampSeconds * 1000),
        state: from >= drainStart ? 'active' : 'upcoming',
      });
    }
  }
  return rows.sort((a, b) => (a.drainStart < b.drainStart ? -1 : a.drainStart > b.drainStart ? 1 : 0));
}
