import { type WeightedGroups, weightedGroupsOf } from '../render/route53-groups.js';
import type { DesiredState, Resource } from '../render/types.js';
import { splitOfService } from '../solve/split-index.js';
import type { Splits } from '../solve/types.js';
import { compareText } from '../util/compare.js';
import { type Change, diffResources } from './diff.js';
import { fingerprintLive } from './fingerprint.js';
import { type Distribution, type ServiceDistributions, trafficMoved } from './traffic.js';
import type { GeographyMove, LiveState, ProviderPlan } from './types.js';

export interface ProviderPlanInput {
  readonly desired: DesiredState;
  readonly live: LiveState;
  /** Answers resolvers get now, and would get after the changes. */
  readonly before: ServiceDistributions;
  readonly after: ServiceDistributions;
  readonly splits: Splits;
  /** What the last apply wrote to this provider, when known: changes since are drift. */
  readonly lastApplied?: readonly Resource[];
}

/** Below this (percent of a geography) a difference is rounding, not a move worth listing. */
const MOVE_EPSILON = 0.01;

/** The changes for one provider and what they do to traffic. Pure. */
export function buildProviderPlan(input: ProviderPlanInput): ProviderPlan {
  const { desired, live } = input;
  const changes = diffResources(desired.resources, live.resources, live.retained);
  const moves: GeographyMove[] = [];
  let worstService = 0;
  let worstGeo = 0;
  for (const [service, after] of input.after) {
    const before = input.before.get(service) ?? new Map<string, Distribution>();
    const demand = demandLookup(input.splits, service);
    worstService = Math.max(worstService, 100 * trafficMoved(before, after, demand));
    for (const [geo, next] of after) {
      const previous = before.get(geo);
      if (previous === undefined) continue;
      const moved = 100 * trafficMoved(new Map([[geo, previous]]), new Map([[geo, next]]), () => 1);
      if (moved < MOVE_EPSILON) continue;
      worstGeo = Math.max(worstGeo, moved);
      moves.push({ service, geo, before: percentages(previous), after: percentages(next), moved: round(moved) });
    }
  }
  moves.sort((a, b) => b.moved - a.moved || compareText(a.service, b.service) || compareText(a.geo, b.geo));
  return {
    provider: desired.provider,
    type: desired.providerType,
    zone: desired.zone,
    fingerprint: fingerprintLive(live),
    changes,
    counts: {
      create: changes.filter((c) => c.action === 'create').length,
      update: changes.filter((c) => c.action === 'update').length,
      delete: changes.filter((c) => c.action === 'delete').length,
    },
    liveResources: live.resources.length,
    desiredResources: desired.resources.length,
    trafficMovedPercent: round(worstService),
    maxGeoMovePercent: round(worstGeo),
    degradations: desired.degradations,
    stats: desired.stats,
    geography: desired.geography,
    fallbacks: desired.fallbacks,
    moves,
    ...groupsOf(desired, live, changes),
    ...(input.lastApplied === undefined ? {} : { drift: diffResources(live.resources, input.lastApplied) }),
  };
}

/** The desired state a plan's changes lead to from the live state they were made against. */
export function applyChanges(live: readonly Resource[], changes: readonly Change[]): Resource[] {
  const byKey = new Map(live.map((r) => [r.key, r]));
  for (const change of changes) {
    if (change.action === 'delete') byKey.delete(change.key);
    else byKey.set(change.key, change.after);
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function demandLookup(splits: Splits, service: string): (geo: string) => number {
  const geos = splitOfService(splits.services, service)?.geographies ?? [];
  const demand = new Map(geos.map((g) => [g.geo, g.demand / 100]));
  return (geo) => demand.get(geo) ?? 0;
}

function percentages(distribution: Distribution): Record<string, number> {
  return Object.fromEntries(
    [...distribution]
      .filter(([, f]) => f > 0)
      .sort(([a], [b]) => compareText(a, b))
      .map(([id, f]) => [id, round(100 * f)]),
  );
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Route 53 plans say what each weighted group a changed geography record names stands for. */
function groupsOf(desired: DesiredState, live: LiveState, changes: readonly Change[]): { groups?: WeightedGroups } {
  if (desired.providerType !== 'route53' || changes.length === 0) return {};
  const aliases = changes.flatMap((c) =>
    c.action === 'create' ? [c.after] : c.action === 'delete' ? [c.before] : [c.before, c.after],
  );
  const groups = weightedGroupsOf(aliases, [desired.resources, live.resources]);
  return Object.keys(groups).length === 0 ? {} : { groups };
}
