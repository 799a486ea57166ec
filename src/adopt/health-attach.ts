import type { RawHealthCheck } from '../policy/health-schema.js';
import type { Resource } from '../render/types.js';
import {
  fromMonitorConfig,
  fromRoute53Check,
  type ImportedCheck,
  type MonitorConfig,
  type Route53CheckConfig,
  sameCheck,
} from './health.js';
import { fromCalculatedCheck } from './health-calculated.js';
import type { AnswerSource, PublishedLayout } from './route53-import.js';

/**
 * Other tools' health checks carried into the layout's answers (pure): each answer's endpoint gets
 * the settings of the check on its records (Route 53) or the probe of the profile it is in
 * (Traffic Manager). A check that watches more than one answer (shared by other records) is not
 * carried: trafficport checks each endpoint on its own, and the note says so. `configs` also holds
 * the children of CALCULATED checks (health-calculated.ts).
 */
export function attachRoute53Checks(
  layout: PublishedLayout,
  configs: ReadonlyMap<string, Route53CheckConfig>,
): PublishedLayout {
  const users = new Map<string, string[]>();
  for (const [key, source] of layout.sources)
    for (const id of source.healthCheckIds ?? []) users.set(id, [...(users.get(id) ?? []), key]);
  const notes = [...layout.notes];
  const sources = new Map(layout.sources);
  for (const [id, keys] of users) {
    const config = configs.get(id);
    if (config === undefined) {
      notes.push(`health check ${id} could not be read: its settings are not carried over`);
      continue;
    }
    if (keys.length > 1) {
      notes.push(
        `health check ${id} is shared by the records of ${keys.length} answers (${keys.map(describe).join('; ')}): not carried over; trafficport would publish one check per endpoint, probing its own address, with the service's healthCheck settings`,
      );
      continue;
    }
    const key = keys[0]!;
    const targets = sources.get(key)!.answer.values;
    const imported =
      config.Type === 'CALCULATED'
        ? fromCalculatedCheck(id, config, configs, targets)
        : fromRoute53Check(id, config, targets);
    sources.set(key, merged(sources.get(key)!, imported, notes, key));
  }
  return { ...layout, sources, notes };
}

/**
 * Traffic Manager: the monitorConfig of the profile each external endpoint is in, for the
 * profiles the service's record set reaches (`tree`: as azure-tree.ts finds them).
 */
export function attachMonitorConfigs(layout: PublishedLayout, tree: readonly Resource[]): PublishedLayout {
  const notes = [...layout.notes];
  const sources = new Map(layout.sources);
  for (const profile of tree) {
    const body = profile.body as unknown as {
      properties: {
        monitorConfig: MonitorConfig;
        endpoints: { name: string; type: string; properties: { target?: string } }[];
      };
    };
    const name = profile.key.split('|')[1] ?? '';
    for (const endpoint of body.properties.endpoints) {
      const target = endpoint.properties.target;
      if (target === undefined) continue;
      const key = [...sources.keys()].find((k) => sources.get(k)?.answer.values.includes(target));
      if (key === undefined) continue;
      sources.set(key, merged(sources.get(key)!, fromMonitorConfig(name, body.properties.monitorConfig), notes, key));
    }
  }
  return { ...layout, sources, notes };
}

function merged(source: AnswerSource, imported: ImportedCheck, notes: string[], key: string): AnswerSource {
  for (const note of imported.notes) if (!notes.includes(note)) notes.push(note);
  if (imported.check === undefined) return source;
  if (source.healthCheck !== undefined) {
    if (!sameCheck(source.healthCheck, imported.check))
      notes.push(`${describe(key)} is checked with different settings in different places: the first is written`);
    return source;
  }
  return { ...source, healthCheck: imported.check as RawHealthCheck };
}

function describe(key: string): string {
  const [type = '', values = ''] = key.split('|');
  return `${type} ${values}`;
}

/**
 * A Route 53 provider without `healthChecks: true` publishes no checks, so settings written as an
 * endpoint's healthCheck would be accepted and ignored (POLICY.HEALTH_CHECK_UNUSED): they become
 * notes instead, saying how to have trafficport publish its own checks with them.
 */
export function checksAsNotes(layout: PublishedLayout, provider: string): PublishedLayout {
  const notes = [...layout.notes];
  const sources = new Map(layout.sources);
  for (const [key, source] of layout.sources) {
    if (source.healthCheck === undefined) continue;
    const { healthCheck, ...rest } = source;
    sources.set(key, rest);
    notes.push(
      `${describe(key)} is health-checked today (${JSON.stringify(healthCheck)}): to have trafficport publish its own check with these settings, set healthChecks: true on ${provider} and write them as the endpoint's healthCheck`,
    );
  }
  return { ...layout, sources, notes };
}
