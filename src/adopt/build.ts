import { TrafficportError } from '../errors.js';
import { COUNTRIES } from '../geo/countries.js';
import {
  type Answer,
  type ExistingEndpoint,
  endpointId,
  hostHint,
  type ImportedEndpoint,
  matchExisting,
  targetsOf,
} from './endpoints.js';
import { type PublishedLayout, percentsByGeo } from './route53-import.js';
import { type Percents, pinnedEntries } from './split.js';

/** A service as `import` writes it: its endpoints, the providers that publish it, today's split pinned. */
export interface ImportedService {
  readonly name: string;
  readonly ttl: number;
  readonly endpoints: readonly ImportedEndpoint[];
  readonly publish: readonly string[];
  readonly pinned: Readonly<Record<string, Percents>>;
  /** Plan geography → endpoint → percent: what users get today (the pins reproduce it). */
  readonly today: ReadonlyMap<string, Percents>;
  readonly notes: readonly string[];
}

export interface ProviderLayout {
  readonly provider: string;
  readonly layout: PublishedLayout;
}

/**
 * The imported service from what each provider publishes (pure). The first provider's answers
 * give the endpoints and the pinned split; where another provider answers differently, a note
 * says so (the pin then moves that provider's users to the first one's split on adopt).
 */
export function buildImportedService(
  service: string,
  layouts: readonly ProviderLayout[],
  existing: readonly ExistingEndpoint[],
): ImportedService {
  const primary = layouts[0];
  if (primary === undefined) {
    throw new TrafficportError('IMPORT.NOT_FOUND', `no provider of the policy publishes anything at ${service}`);
  }
  const { layout } = primary;
  const keys = [...new Set([...layout.answers.values()].flatMap((shares) => [...shares.keys()]))].sort();
  const answers = new Map(keys.map((key) => [key, layout.sources.get(key)?.answer ?? parse(key)]));
  checkTargets(service, [...answers.values()]);
  const taken = new Set(existing.map((e) => e.id));
  const ids = new Map<string, string>();
  const endpoints: ImportedEndpoint[] = [];
  const pending: { key: string; answer: Answer }[] = [];
  for (const [key, answer] of answers) {
    const match = matchExisting(answer, existing);
    if (match !== undefined) {
      ids.set(key, match.id);
      continue;
    }
    const id = endpointId(answer, layout.sources.get(key)?.label, taken);
    taken.add(id);
    ids.set(key, id);
    pending.push({ key, answer });
  }
  const today = percentsByGeo(layout, (key) => ids.get(key) ?? key);
  for (const { key, answer } of pending) {
    const endpoint = newEndpoint(ids.get(key)!, answer, layout, key, today);
    const healthCheck = layout.sources.get(key)?.healthCheck;
    endpoints.push(healthCheck === undefined ? endpoint : { ...endpoint, healthCheck });
  }
  for (const [key, id] of ids) {
    if (!pending.some((p) => p.key === key))
      endpoints.push({
        id,
        existing: true,
        cloud: '',
        comment: `already in the policy; answers ${describe(answers.get(key)!)}`,
      });
  }
  const notes = [...layout.notes];
  for (const other of layouts.slice(1)) {
    const same = [...other.layout.answers.keys()].every(
      (geo) =>
        JSON.stringify([...(other.layout.answers.get(geo) ?? [])]) ===
        JSON.stringify([...(layout.answers.get(geo) ?? [])]),
    );
    if (!same)
      notes.push(
        `${other.provider} answers differently from ${primary.provider}: the pin is ${primary.provider}'s split, which adopting gives ${other.provider}'s users too`,
      );
  }
  return {
    name: service,
    ttl: layout.ttl,
    endpoints: endpoints.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    publish: layouts.map((l) => l.provider),
    pinned: pinnedEntries(today),
    today,
    notes,
  };
}

function parse(key: string): Answer {
  const [type = '', values = ''] = key.split('|');
  return { type, values: values.split(',') };
}

function describe(answer: Answer): string {
  return `${answer.type === 'ALIAS' ? 'alias' : answer.type} ${answer.values.join(', ')}`;
}

function checkTargets(service: string, answers: readonly Answer[]): void {
  const names = answers.filter((a) => a.type === 'CNAME' || a.type === 'ALIAS');
  if (names.length > 0 && names.length < answers.length) {
    throw new TrafficportError(
      'IMPORT.MIXED_TARGETS',
      `${service} answers both addresses and names (${names.map(describe).join('; ')}): one trafficport service holds one kind`,
      { hint: 'import the addresses behind the names by hand, or split the service' },
    );
  }
}

function newEndpoint(
  id: string,
  answer: Answer,
  layout: PublishedLayout,
  key: string,
  today: ReadonlyMap<string, Percents>,
): ImportedEndpoint {
  const targets = targetsOf(answer);
  const region = layout.sources.get(key)?.region;
  if (region !== undefined)
    return {
      id,
      existing: false,
      cloud: 'aws',
      region,
      ...targets,
      comment: `aws ${region}: the Region of its latency record`,
    };
  const hint = answer.type === 'CNAME' || answer.type === 'ALIAS' ? hostHint(answer.values[0] ?? '') : undefined;
  if (hint !== undefined)
    return {
      id,
      existing: false,
      cloud: hint.cloud,
      region: hint.region,
      ...targets,
      comment: `inferred: ${hint.why}`,
    };
  const country = servedMost(id, today);
  return {
    id,
    existing: false,
    cloud: 'onprem',
    country,
    ...targets,
    comment: `CHECK: where ${describe(answer)} runs is not told by the records; set cloud and region (written as onprem in ${country}, the country it serves most)`,
  };
}

/**
 * The country that sends the endpoint the most users (its share there × the country's urban
 * population, the builtin demand model); US when it serves no country.
 */
function servedMost(id: string, today: ReadonlyMap<string, Percents>): string {
  let best: { country: string; users: number } | undefined;
  for (const [geo, shares] of today) {
    const users = ((shares[id] ?? 0) * (COUNTRIES.get(geo)?.population ?? 0)) / 100;
    if (users > 0 && (best === undefined || users > best.users || (users === best.users && geo < best.country)))
      best = { country: geo, users };
  }
  return best?.country ?? 'US';
}
