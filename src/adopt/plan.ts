import { TrafficportError } from '../errors.js';
import type { GeoList } from '../geo/provider-lists/geo-list.js';
import { type Change, diffResources } from '../plan/diff.js';
import type { ForeignRecord, LiveState } from '../plan/types.js';
import type { Policy, Provider } from '../policy/types.js';
import type { HandOver, ProviderKit } from '../providers/types.js';
import { geoOfLocation, type Route53RecordSet } from '../render/route53-body.js';
import { route53Name } from '../render/route53-names.js';
import type { JsonValue, Resource } from '../render/types.js';
import { endpointOf } from '../resolver/route53.js';
import { Route53SetIndex } from '../resolver/route53-index.js';
import { resolveRoute53 } from '../resolver/route53-resolve.js';
import { listGeographies } from '../solve/geographies.js';
import type { Splits } from '../solve/types.js';
import { readRoute53Layout } from './route53-import.js';

/** One provider's part of an adoption: what goes, what comes, and what users notice. */
export interface AdoptProviderPlan {
  readonly provider: string;
  /** The foreign sets replaced, in the order they are deleted (aliases before their targets). */
  readonly replaced: readonly RecordLine[];
  /** trafficport's sets that take their place. */
  readonly created: readonly RecordLine[];
  /** Per plan geography answered today: endpoint shares before → after, percent moved. */
  readonly moves: readonly GeoMove[];
  /** Largest move in any geography, percent of its traffic. */
  readonly maxMovedPercent: number;
  /** For the request: foreign bodies exactly as read, in deletion order, and the owned changes. */
  readonly remove: readonly JsonValue[];
  readonly changes: readonly Change[];
  /** The owned resources of the service once adopted (the journal keeps them). */
  readonly desired: readonly Resource[];
  /** Foreign resources left in place because something else uses them (Azure profiles), in words. */
  readonly kept?: readonly string[];
  /** Where no atomic write spans the records (Azure): the ordered hand-over (providers/types.ts). */
  readonly handOver?: HandOver;
}

export interface RecordLine {
  readonly name: string;
  readonly type: string;
  readonly setIdentifier?: string;
  /** Routing and answer in a few words: `geo DE → alias pool.www…`, `weight 3 → 192.0.2.1`. */
  readonly summary: string;
}

export interface GeoMove {
  readonly geo: string;
  readonly before: Readonly<Record<string, number>>;
  readonly after: Readonly<Record<string, number>>;
  readonly moved: number;
}

export interface AdoptInput {
  readonly policy: Policy;
  readonly splits: Splits;
  readonly provider: Provider;
  readonly kit: ProviderKit;
  readonly geoList: GeoList;
  readonly live: LiveState;
  readonly service: string;
}

/**
 * The adoption of one service at one Route 53 provider (pure, from what was read): the foreign
 * layout at the name (readRoute53Layout) is replaced by the records trafficport renders for the
 * service, and each geography's answer before (the general resolver on the foreign records) and
 * after (trafficport's evaluator on the rendered ones) says what moves: nothing when the policy
 * pins today's split, up to the rounding of integer weights.
 */
export function planAdoption(input: AdoptInput): AdoptProviderPlan {
  const { policy, service, live, provider } = input;
  const layout = readRoute53Layout(service, live.foreign);
  const name = route53Name(service);
  const atName = (record: ForeignRecord) => record.name === name;
  const ordered = [...layout.records.filter(atName), ...layout.records.filter((r) => !atName(r))];
  const desired = input.kit
    .render({ policy, splits: input.splits, provider, geoList: input.geoList })
    .resources.filter((r) => underService(r, name));
  const changes = diffResources(
    desired,
    live.resources.filter((r) => underService(r, name)),
  );
  const endpoints = policy.endpoints.filter((e) =>
    policy.services.find((s) => s.name === service)?.endpoints.includes(e.id),
  );
  const index = new Route53SetIndex(live.foreign.flatMap((r) => (r.resource === undefined ? [] : [r.resource])));
  const after = input.kit.evaluate(desired, policy, provider, input.geoList).get(service);
  const moves: GeoMove[] = [];
  for (const geo of listGeographies(policy).map((g) => g.id)) {
    const before = resolveRoute53(index, name, layout.type, geo, {
      identify: (values, type) => (type === 'ALIAS' ? `?alias:${values[0]}` : endpointOf(values, type, endpoints)),
    });
    if (before.size === 0) continue;
    const next = after?.get(geo) ?? new Map<string, number>();
    const ids = new Set([...before.keys(), ...next.keys()]);
    const moved = 50 * [...ids].reduce((sum, id) => sum + Math.abs((before.get(id) ?? 0) - (next.get(id) ?? 0)), 0);
    moves.push({ geo, before: percents(before), after: percents(next), moved: round(moved) });
  }
  return {
    provider: provider.id,
    replaced: ordered.map((r) => lineOf(r.resource?.body)),
    created: desired.map((r) => lineOf(r.body)),
    moves,
    maxMovedPercent: Math.max(0, ...moves.map((m) => m.moved)),
    remove: ordered.map((r) => {
      if (r.body === undefined)
        throw new TrafficportError('ADOPT.UNSUPPORTED', `${r.name} ${r.type} was read without its body`);
      return r.body;
    }),
    changes,
    desired,
  };
}

function underService(resource: Resource, name: string): boolean {
  const set = resource.body as unknown as Route53RecordSet;
  return resource.kind === 'route53.rrset' && (set.Name === name || set.Name.endsWith(`.${name}`));
}

function lineOf(body: JsonValue | undefined): RecordLine {
  const set = body as unknown as Route53RecordSet & { Region?: string; Failover?: string };
  const routing = [
    set.GeoLocation === undefined ? '' : `geo ${geoOfLocation(set.GeoLocation)}`,
    set.Weight === undefined ? '' : `weight ${set.Weight}`,
    set.Region === undefined ? '' : `latency ${set.Region}`,
    set.Failover === undefined ? '' : `failover ${set.Failover}`,
    set.HealthCheckId === undefined ? '' : `health check ${set.HealthCheckId}`,
  ].filter((part) => part !== '');
  const answer =
    set.AliasTarget !== undefined
      ? `alias ${set.AliasTarget.DNSName}`
      : (set.ResourceRecords ?? []).map((r) => r.Value).join(', ');
  return {
    name: set.Name,
    type: set.Type,
    ...(set.SetIdentifier === undefined ? {} : { setIdentifier: set.SetIdentifier }),
    summary: `${routing.length === 0 ? 'simple' : routing.join(', ')} → ${answer}`,
  };
}

function percents(shares: ReadonlyMap<string, number>): Record<string, number> {
  return Object.fromEntries([...shares].filter(([, f]) => f > 0).map(([id, f]) => [id, round(100 * f)]));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
