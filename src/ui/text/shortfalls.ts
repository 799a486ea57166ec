import type { PlanShortfall } from '../../plan/shortfalls.js';

const LISTED_GEOGRAPHIES = 5;

interface GeoGroup {
  readonly service: string;
  readonly kind: 'spread' | 'latency';
  readonly bound: number;
  readonly geos: string[];
}

/**
 * One line per shortfall, in the list's order; the per-geography kinds (minEndpoints,
 * maxLatencyMs) become one line per service and kind, naming the first geographies. Lines say
 * which service they are about when the list is about several.
 */
export function describeShortfalls(list: readonly PlanShortfall[]): string[] {
  const withService = new Set(list.flatMap((s) => (s.service === undefined ? [] : [s.service]))).size > 1;
  const about = (service: string | undefined) => (withService && service !== undefined ? `${service}: ` : '');
  const entries: (string | GeoGroup)[] = [];
  const groups = new Map<string, GeoGroup>();
  for (const s of list) {
    if (s.kind === 'capacity') {
      entries.push(
        `capacity: ${about(s.service)}${s.endpoint} carries ${s.load} rps, ${s.over} over its ${s.capacity}`,
      );
    } else if (s.kind === 'balance') {
      const side = s.share > s.bound ? 'above its maximum' : 'below its minimum';
      entries.push(
        `balance '${s.rule}': ${about(s.service)}${s.cloud} at ${s.share}%, ${s.by} points ${side} of ${s.bound}%`,
      );
    } else if (s.kind === 'degradation') {
      entries.push(`${s.provider} cannot express: ${s.message}`);
    } else {
      const key = `${s.service}|${s.kind}`;
      let group = groups.get(key);
      if (group === undefined) {
        group = {
          service: s.service,
          kind: s.kind,
          bound: s.kind === 'spread' ? s.minEndpoints : s.maxLatencyMs,
          geos: [],
        };
        groups.set(key, group);
        entries.push(group);
      }
      group.geos.push(s.geo);
    }
  }
  return entries.map((entry) => {
    if (typeof entry === 'string') return entry;
    const n = entry.geos.length;
    const named = `${entry.geos.slice(0, LISTED_GEOGRAPHIES).join(', ')}${n > LISTED_GEOGRAPHIES ? ', …' : ''}`;
    const subject = `${n} ${n === 1 ? 'geography' : 'geographies'}`;
    return entry.kind === 'spread'
      ? `minEndpoints ${entry.bound}: ${about(entry.service)}${subject} with fewer endpoints available (${named})`
      : `maxLatencyMs ${entry.bound}: ${about(entry.service)}${subject} with users served beyond it (${named})`;
  });
}
