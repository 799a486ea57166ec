import type { JsonValue } from '../util/json.js';
import { canonicalJson } from '../util/json.js';
import type { Change } from './diff.js';
import type { PlanDocument, ProviderPlan } from './types.js';

/** Differences listed per change before the rest is summed up. */
const SHOWN_PATHS = 4;

/**
 * What a saved plan says that the plan made now (same policy, moment, overrides and live
 * records) does not: every provider, every change (action, before, after) and the safety figures.
 * Empty when the file is the plan it claims to be. Pure; the file is untrusted input, so every
 * field is read defensively.
 */
export function savedPlanDifferences(saved: PlanDocument, now: PlanDocument): string[] {
  const differences: string[] = [];
  const savedProviders = Array.isArray(saved.providers) ? saved.providers : [];
  for (const provider of savedProviders) {
    const current = now.providers.find((p) => p.provider === provider.provider);
    if (current === undefined)
      differences.push(`${provider.provider}: in the file only (no such provider publishes now)`);
    else differences.push(...changeDifferences(provider, current));
  }
  for (const provider of now.providers) {
    if (!savedProviders.some((p) => p.provider === provider.provider)) {
      differences.push(`${provider.provider}: missing from the file`);
    }
  }
  differences.push(...safetyDifferences(saved, now));
  return differences;
}

function changeDifferences(saved: ProviderPlan, now: ProviderPlan): string[] {
  const where = saved.provider;
  const changes: readonly Change[] = Array.isArray(saved.changes) ? saved.changes : [];
  const expected = new Map(now.changes.map((c) => [c.key, c]));
  const seen = new Set<string>();
  const differences: string[] = [];
  for (const change of changes) {
    const key = String((change as { key?: unknown }).key);
    if (seen.has(key)) {
      differences.push(`${where}: ${key} appears twice in the file`);
      continue;
    }
    seen.add(key);
    const wanted = expected.get(key);
    if (wanted === undefined) {
      differences.push(`${where}: ${change.action} ${key} is in the file only (the policy does not ask for it)`);
    } else if (wanted.action !== change.action) {
      differences.push(`${where}: ${key} is a ${change.action} in the file, a ${wanted.action} from the policy`);
    } else {
      const paths = valueDifferences(change as unknown as JsonValue, wanted as unknown as JsonValue, '');
      if (paths.length > 0) differences.push(`${where}: ${change.action} ${key} differs: ${summarize(paths)}`);
    }
  }
  for (const change of now.changes) {
    if (!seen.has(change.key)) differences.push(`${where}: ${change.action} ${change.key} is missing from the file`);
  }
  return differences;
}

/** The safety figures are recomputed, never read from a file; a file that changed them was edited. */
function safetyDifferences(saved: PlanDocument, now: PlanDocument): string[] {
  const safety = (saved as { safety?: Partial<PlanDocument['safety']> }).safety;
  if (safety === undefined || safety === null || typeof safety !== 'object') return ['the safety section was removed'];
  const differences: string[] = [];
  for (const figure of ['recordDeletePercent', 'trafficMovePercent'] as const) {
    if (safety[figure] !== now.safety[figure]) {
      differences.push(`safety.${figure} is ${String(safety[figure])} in the file, ${now.safety[figure]} recomputed`);
    }
  }
  return differences;
}

/** `path: file value → policy value` for each leaf that differs, in document order. */
function valueDifferences(saved: JsonValue | undefined, now: JsonValue | undefined, path: string): string[] {
  if (isObject(saved) && isObject(now)) {
    const keys = [...new Set([...Object.keys(now), ...Object.keys(saved)])];
    return keys.flatMap((key) => valueDifferences(saved[key], now[key], path === '' ? key : `${path}.${key}`));
  }
  if (Array.isArray(saved) && Array.isArray(now)) {
    const length = Math.max(saved.length, now.length);
    return Array.from({ length }, (_, i) => valueDifferences(saved[i], now[i], `${path}[${i}]`)).flat();
  }
  if (saved === undefined && now === undefined) return [];
  if (saved !== undefined && now !== undefined && canonicalJson(saved) === canonicalJson(now)) return [];
  return [`${path} ${shown(saved)} in the file, ${shown(now)} from the policy`];
}

function isObject(value: JsonValue | undefined): value is { readonly [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shown(value: JsonValue | undefined): string {
  return value === undefined ? 'absent' : canonicalJson(value);
}

function summarize(paths: readonly string[]): string {
  const more = paths.length - SHOWN_PATHS;
  return [...paths.slice(0, SHOWN_PATHS), ...(more > 0 ? [`and ${more} more`] : [])].join('; ');
}
