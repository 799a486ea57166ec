import type { GeographyMove, PlanDocument, ProviderPlan } from '../../plan/types.js';
import { formatDuration } from '../../policy/duration.js';
import type { GeoFallback, RenderStats } from '../../render/types.js';
import { counted } from '../../util/words.js';
import { describeChange } from './changes.js';
import type { Styles } from './colors.js';
import { changeTitle, changeValues } from './resource-values.js';
import { describeShortfalls } from './shortfalls.js';

const MAX_CHANGE_LINES = 40;
const MAX_MOVE_LINES = 10;

/**
 * The plan as plain text: per provider its changes and traffic moves, then safety and totals.
 * With `all`, every change and every moved geography, each change with its values (weights,
 * TTLs, targets, the split a group stands for, Traffic Manager endpoints as rows), and the drift
 * since the last apply, apart.
 */
export function formatPlan(plan: PlanDocument, s: Styles, options: { readonly all?: boolean } = {}): string {
  const lines = [
    `${s.bold('plan')} for ${plan.policy.file} at ${plan.at}${plan.nextChangeAt ? s.dim(`   next change ${plan.nextChangeAt}`) : ''}`,
  ];
  for (const provider of plan.providers) lines.push('', ...formatProvider(provider, s, options.all === true));
  if (options.all) lines.push(...formatDrift(plan, s));
  const shortfalls = describeShortfalls(plan.shortfalls);
  if (shortfalls.length > 0)
    lines.push('', s.bold('shortfalls'), ...shortfalls.map((line) => `  ${s.yellow('!')} ${line}`));
  lines.push('', formatSafety(plan, s), '', totals(plan, s));
  return `${lines.join('\n')}\n`;
}

function formatProvider(p: ProviderPlan, s: Styles, all: boolean): string[] {
  const { create, update, delete: remove } = p.counts;
  const lines = [
    `${s.bold(p.provider)} ${s.dim(`(${p.type}, zone ${p.zone})`)}: ${s.green(`${create} to create`)}, ${s.yellow(`${update} to update`)}, ${s.red(`${remove} to delete`)}; moves ${p.trafficMovedPercent}% of traffic`,
  ];
  const changes = all ? p.changes : p.changes.slice(0, MAX_CHANGE_LINES);
  for (const change of changes) {
    const { symbol, text } = describeChange(change);
    const color = symbol === '+' ? s.green : symbol === '-' ? s.red : s.yellow;
    lines.push(`  ${color(symbol)} ${all ? changeTitle(change) : text}`);
    if (all) lines.push(...changeValues(change, p.groups).map((line) => `      ${valueColor(line, s)}`));
  }
  if (p.changes.length > changes.length)
    lines.push(s.dim(`  … ${p.changes.length - changes.length} more changes (--all lists every one with its values)`));
  const moves = all ? p.moves : p.moves.slice(0, MAX_MOVE_LINES);
  for (const move of moves) lines.push(`  ${s.cyan('↝')} ${formatMove(move)}`);
  if (p.moves.length > moves.length) lines.push(s.dim(`  … ${p.moves.length - moves.length} more geographies move`));
  for (const stat of p.stats) lines.push(s.dim(`  ${statsLine(p.type, stat)}`));
  const quota = quotaLine(p);
  if (quota !== undefined) lines.push(s.dim(`  ${quota}`));
  lines.push(...fallbackLines(p).map((line) => `  ${s.cyan('↳')} ${line}`));
  lines.push(s.dim(`  ${geographyLine(p)}`));
  return lines;
}

const MAX_FALLBACK_LINES = 10;

/** Where the provider's geography list came from, for the plan's footer. */
export function geographyLine(p: ProviderPlan): string {
  const list = p.geography;
  return `geography list: ${list.source}, ${list.codes} codes, fingerprint ${list.fingerprint}`;
}

/**
 * One line per geography the provider cannot target and the record answering it (services and
 * record types with the same answer share a line), at most MAX_FALLBACK_LINES.
 */
export function fallbackLines(p: ProviderPlan): string[] {
  const byAnswer = new Map<string, { fallback: GeoFallback; services: Set<string> }>();
  for (const fallback of p.fallbacks) {
    const key = `${fallback.geo} ${fallback.answeredBy ?? ''} ${JSON.stringify(fallback.weights)}`;
    const entry = byAnswer.get(key) ?? { fallback, services: new Set<string>() };
    entry.services.add(fallback.service);
    byAnswer.set(key, entry);
  }
  const lines = [...byAnswer.values()].map(({ fallback, services }) => formatFallback(fallback, [...services]));
  if (lines.length <= MAX_FALLBACK_LINES) return lines;
  return [...lines.slice(0, MAX_FALLBACK_LINES), `… ${lines.length - MAX_FALLBACK_LINES} more (--json lists all)`];
}

function formatFallback(fallback: GeoFallback, services: readonly string[]): string {
  const who = services.length === 1 ? services[0] : `${services.length} services`;
  if (fallback.answeredBy === undefined) {
    return `${fallback.geo} is not in the provider's list: ${who} gives its users no answer`;
  }
  const total = Object.values(fallback.weights).reduce((sum, w) => sum + w, 0);
  const split = Object.entries(fallback.weights)
    .map(([id, w]) => `${id} ${Math.round((1000 * w) / total) / 10}%`)
    .join(' · ');
  const same = fallback.exact ? ', its own split' : '';
  return `${fallback.geo} is not in the provider's list: ${who} answers its users with the '${fallback.answeredBy}' record (${split}${same})`;
}

/** `Traffic Manager profiles in Azure subscription …: 17 of 200 after this plan (azdns holds 17)`. */
export function quotaLine(p: ProviderPlan): string | undefined {
  if (p.quota === undefined) return undefined;
  const { scope, total, limit, provider } = p.quota;
  return `${scope}: ${total} of ${limit} after this plan (${p.provider} holds ${provider})`;
}

export function formatMove(move: GeographyMove): string {
  const ids = [...new Set([...Object.keys(move.before), ...Object.keys(move.after)])].sort();
  const parts = ids
    .filter((id) => (move.before[id] ?? 0) !== (move.after[id] ?? 0))
    .map((id) => `${id} ${move.before[id] ?? 0}→${move.after[id] ?? 0}%`);
  return `${move.service} ${move.geo}: ${parts.join(' · ')} (${move.moved}% of ${move.geo} moves)`;
}

function formatSafety(plan: PlanDocument, s: Styles): string {
  const { safety } = plan;
  const line = safetyLine(plan);
  const ramp = rampLine(plan);
  const head = ramp === undefined ? [] : [ramp];
  if (safety.exceeded.length === 0) return [...head, s.dim(line)].join('\n');
  return [
    ...head,
    s.yellow(line),
    ...safety.exceeded.map((e) => `${s.yellow('!')} ${e}: apply refuses without --force`),
  ].join('\n');
}

/** The safety figures beside their limits (traffic per step when the apply ramps). */
export function safetyLine({ safety }: PlanDocument): string {
  const moves = safety.ramped === true ? 'of traffic moves in the largest step' : 'of traffic moves';
  return `safety: ${safety.recordDeletePercent}% of owned records removed (limit ${safety.limits.maxRecordDeletePercent}%), ${safety.trafficMovePercent}% ${moves} (limit ${safety.limits.maxTrafficMovePercent}%)`;
}

/**
 * `ramp: 20 steps, one every 1m: 19m from the first to the last, due 2026-12-01T00:19:00Z`: what
 * `--max-shift` makes of the plan, so the length of an apply is known before it is approved.
 */
export function rampLine({ ramp }: PlanDocument): string | undefined {
  if (ramp === undefined) return undefined;
  if (ramp.steps === 1)
    return `ramp: 1 step (no geography moves more than ${ramp.maxShiftPercent}%), nothing to wait for`;
  return `ramp: ${ramp.steps} steps of at most ${ramp.maxShiftPercent}% per geography, one every ${formatDuration(ramp.stepWaitSeconds)}: ${formatDuration(ramp.durationSeconds)} from the first to the last, due ${ramp.lastStepDueAt} if approved now`;
}

export function totals(plan: PlanDocument, s: Styles): string {
  const sum = (key: 'create' | 'update' | 'delete') => plan.providers.reduce((n, p) => n + p.counts[key], 0);
  if (sum('create') + sum('update') + sum('delete') === 0)
    return s.green('No changes. The published records match the plan.');
  return s.bold(`Plan: ${sum('create')} to create, ${sum('update')} to update, ${sum('delete')} to delete.`);
}

function valueColor(line: string, s: Styles): string {
  return line.startsWith('+ ') ? s.green(line) : line.startsWith('- ') ? s.red(line) : s.dim(line);
}

/** Changes made at each provider since the last apply wrote it, outside trafficport. */
function formatDrift(plan: PlanDocument, s: Styles): string[] {
  const lines: string[] = [];
  for (const p of plan.providers) {
    if (p.drift === undefined) continue;
    if (lines.length === 0)
      lines.push('', s.bold('drift since the last apply (changed outside trafficport; the plan puts it back)'));
    if (p.drift.length === 0) {
      lines.push(s.dim(`  ${p.provider}: none`));
      continue;
    }
    lines.push(`  ${s.bold(p.provider)}: ${counted(p.drift.length, 'record')} changed`);
    for (const change of p.drift) {
      const what = change.action === 'create' ? 'added' : change.action === 'delete' ? 'removed' : 'changed';
      lines.push(`  ${s.yellow('!')} ${changeTitle(change)} ${s.dim(`(${what})`)}`);
      lines.push(...changeValues(change, p.groups).map((line) => `      ${valueColor(line, s)}`));
    }
  }
  if (lines.length === 0 && plan.providers.length > 0)
    lines.push('', s.dim('drift since the last apply: no apply on record'));
  return lines;
}

/**
 * What a service's records come to, in the provider's own terms: Route 53 geolocation records and
 * weighted groups; Azure record sets and Traffic Manager endpoints, and the geography codes its
 * geographic profile maps (not records: "71 records — 97 geography records" read as parts larger
 * than the whole).
 */
export function statsLine(type: ProviderPlan['type'], stat: RenderStats): string {
  const geographies = counted(stat.geographies, 'geography', 'geographies');
  if (type === 'azure') {
    const profiles =
      stat.profiles === undefined
        ? ''
        : `; ${counted(stat.profiles, 'Traffic Manager profile')} (${stat.ownProfiles ?? 0} its own)`;
    return `${stat.service}: ${counted(stat.records, 'record set or Traffic Manager endpoint', 'record sets and Traffic Manager endpoints')} — ${counted(stat.geographyRecords, 'geography code')} mapped for ${geographies}, ${counted(stat.weightedGroups, 'weighted profile')}${profiles}`;
  }
  return `${stat.service}: ${counted(stat.records, 'record')} — ${counted(stat.geographyRecords, 'geolocation record')} for ${geographies}, ${counted(stat.weightedGroups, 'weighted group')}`;
}
