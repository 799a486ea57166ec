import type { Cloud, Endpoint, Policy } from '../policy/types.js';
import { ruleBounds } from './services.js';
import type { GeographySplit, Reason } from './types.js';

/** What the sentences need: the policy, the geography's split and its endpoints' latencies. */
export interface WordsContext {
  readonly policy: Policy;
  readonly service: string;
  readonly geography: GeographySplit;
  readonly rows: readonly { readonly endpoint: Endpoint; readonly share: number; readonly latencyMs?: number }[];
}

type Row = WordsContext['rows'][number];

const percent = (fraction: number) => `${Math.round(fraction * 1000) / 10}%`;

/** The bound a balance rule sets for a cloud, in words, and why when the rule leaves it out. */
function balanceBound(context: WordsContext, rule: string, cloud: Cloud, bound: 'min' | 'max'): string {
  const definition = context.policy.rules.balance.find((r) => r.name === rule);
  if (definition === undefined) return `its ${bound}imum`;
  const value = ruleBounds(definition, cloud)[bound];
  const omitted =
    definition.targets !== undefined && definition.targets[cloud] === undefined
      ? ` (the rule's targets do not name ${cloud}, so its target is 0% ± ${definition.tolerance})`
      : '';
  return `its ${bound === 'max' ? 'maximum' : 'minimum'} of ${percent(value)}${omitted}`;
}

/**
 * Notes for one endpoint's row, from the geography's reasons and the split: every row gets at
 * least one (excluded, held by a named bound, serving, or farther than those that serve).
 */
export function endpointNotes(context: WordsContext, row: Row): string[] {
  const id = row.endpoint.id;
  const notes = context.geography.reasons.flatMap((reason) => noteFor(context, reason, id));
  if (unavailable(context.geography.reasons).has(id)) return notes;
  const allowed = context.rows.filter((r) => !unavailable(context.geography.reasons).has(r.endpoint.id));
  const latency = (r: Row) => r.latencyMs ?? 0;
  if (row.share > 0) {
    const rank = [...allowed].sort((a, b) => latency(a) - latency(b)).indexOf(row) + 1;
    notes.push(`serves here: #${rank} nearest allowed endpoint`);
    return notes;
  }
  if (notes.length > 0) return notes;
  const serving = allowed.filter((r) => r.share > 0);
  const nearestServing = Math.min(...serving.map(latency));
  notes.push(
    latency(row) > Math.max(...serving.map(latency))
      ? 'farther than every endpoint that serves here'
      : latency(row) <= nearestServing
        ? 'as near as an endpoint that serves here: either would do, and the split keeps what it has'
        : 'farther than the endpoints that serve here and have room',
  );
  return notes;
}

function noteFor(context: WordsContext, reason: Reason, id: string): string[] {
  switch (reason.kind) {
    case 'sovereignty':
      return reason.excluded.includes(id) ? [`excluded by sovereignty rule '${reason.rule}'`] : [];
    case 'sovereignty-override':
      return reason.restored.includes(id)
        ? [`kept serving despite maintenance: rule '${reason.rule}' says ignore-maintenance`]
        : [];
    case 'maintenance':
      return reason.endpoint === id
        ? [`${reason.phase} by window '${reason.window}' (${Math.round(reason.drained * 100)}% drained)`]
        : [];
    case 'down':
      return reason.endpoint === id ? [`down (${reason.source})`] : [];
    case 'capacity':
      return reason.endpoint === id
        ? [
            reason.detail === 'full'
              ? 'full: with more capacity it would take more of this geography'
              : 'over capacity (no split fits every capacity): it would take more of this geography otherwise',
          ]
        : [];
    case 'balance':
      if (!reason.endpoints.includes(id)) return [];
      return [
        reason.bound === 'max'
          ? `balance rule '${reason.rule}' holds ${reason.cloud} at ${balanceBound(context, reason.rule, reason.cloud, 'max')}: it would take more of this geography otherwise`
          : `balance rule '${reason.rule}' keeps ${reason.cloud} at ${balanceBound(context, reason.rule, reason.cloud, 'min')}: this geography's traffic stays on ${reason.cloud} instead`,
      ];
    case 'spread-cap':
      return reason.endpoints.includes(id)
        ? [
            `at ${percent(1 / reason.minEndpoints)}, the most minEndpoints ${reason.minEndpoints} lets one endpoint take`,
          ]
        : [];
    case 'ramp':
      return reason.endpoint === id ? ['draining: kept to its ramp step, it would keep more otherwise'] : [];
    case 'latency-bound':
      return reason.exceeded.includes(id)
        ? [`beyond maxLatencyMs ${reason.maxLatencyMs}: every nearer endpoint is excluded, full or held by a bound`]
        : [];
    default:
      return [];
  }
}

/** One sentence per reason, for the geography as a whole. */
export function sentence(context: WordsContext, reason: Reason): string[] {
  switch (reason.kind) {
    case 'sovereignty':
      return [`sovereignty rule '${reason.rule}' excludes ${reason.excluded.join(', ')}`];
    case 'sovereignty-override':
      return [
        `every allowed endpoint is drained; rule '${reason.rule}' keeps ${reason.restored.join(', ')} serving (ignore-maintenance)`,
      ];
    case 'maintenance':
      return [
        `maintenance window '${reason.window}': ${reason.endpoint} ${reason.phase} (${Math.round(reason.drained * 100)}% drained)`,
      ];
    case 'down':
      return [`${reason.endpoint} is down (${reason.source})`];
    case 'capacity':
      return [
        `${reason.endpoint} is ${reason.detail === 'full' ? 'full' : 'over capacity'}: it is nearer than an endpoint that serves here and would take more of it with more capacity`,
      ];
    case 'balance':
      return [
        reason.bound === 'max'
          ? `balance rule '${reason.rule}' holds ${reason.cloud} at ${balanceBound(context, reason.rule, reason.cloud, 'max')}, so nearer ${reason.endpoints.join(', ')} cannot take more of this geography`
          : `balance rule '${reason.rule}' keeps ${reason.cloud} at ${balanceBound(context, reason.rule, reason.cloud, 'min')}, so this geography stays on ${reason.cloud} rather than nearer ${reason.endpoints.join(', ')}`,
      ];
    case 'spread-cap':
      return [
        `minEndpoints ${reason.minEndpoints}: no endpoint takes more than ${percent(1 / reason.minEndpoints)} of a geography (${reason.endpoints.join(', ')} at that cap)`,
      ];
    case 'ramp':
      return [`${reason.endpoint} is draining and kept to its ramp step`];
    case 'spread':
      return [`minEndpoints is ${reason.minEndpoints} but only ${reason.available} endpoint(s) are available here`];
    case 'latency-bound':
      return [
        `${reason.exceeded.join(', ')} ${reason.exceeded.length === 1 ? 'is' : 'are'} beyond maxLatencyMs ${reason.maxLatencyMs}: no nearer endpoint could take this traffic`,
      ];
    case 'nearest':
      return [`nearest allowed: ${reason.ranking.map((r) => `${r.endpoint} (${r.latencyMs} ms)`).join(', ')}`];
    case 'default-audience':
      return ['this is the DNS default record: it answers resolvers whose location the DNS service cannot place'];
    case 'pinned':
      return [
        `the split is pinned by '${reason.record}' (services[].pinned): kept as published, moved only where sovereignty, health or maintenance force it`,
      ];
  }
}

/** Endpoints a geography may not use at all: excluded, down, or fully drained (and not restored). */
export function unavailable(reasons: readonly Reason[]): Set<string> {
  const restored = new Set(reasons.flatMap((r) => (r.kind === 'sovereignty-override' ? r.restored : [])));
  const out = new Set<string>();
  for (const r of reasons) {
    if (r.kind === 'sovereignty') for (const id of r.excluded) out.add(id);
    if (r.kind === 'down') out.add(r.endpoint);
    if (r.kind === 'maintenance' && r.drained >= 1 && !restored.has(r.endpoint)) out.add(r.endpoint);
  }
  return out;
}
