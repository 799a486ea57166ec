import { TrafficportError } from '../errors.js';
import { compareText } from '../util/compare.js';

/**
 * Quotas several providers of one plan draw from together (Azure: Traffic Manager profiles per
 * subscription). Each provider reports what it will hold, what it holds and may remove, and what
 * its read saw; the count for a scope is everything the providers will hold plus everything they
 * saw that none of them manages. Pure.
 */
export interface QuotaUsage {
  readonly provider: string;
  /** What is counted, and over what: the grouping key, e.g. `Traffic Manager profiles in Azure subscription 0000…`. */
  readonly scope: string;
  readonly limit: number;
  /** Ids the provider will hold once the plan is applied. */
  readonly desired: readonly string[];
  /** Ids it holds now and may remove (what it owns, less what it must keep for others). */
  readonly owned: readonly string[];
  /** Every id its read saw, owned or not. */
  readonly listed: readonly string[];
  /** How to get out of an overflow, when it is not the Traffic Manager one. */
  readonly hint?: string;
}

export interface QuotaCount {
  readonly scope: string;
  /** The smallest limit the providers of the scope declare. */
  readonly limit: number;
  /** What the scope will hold once the plan is applied. */
  readonly total: number;
  /** Provider → what it will hold. */
  readonly byProvider: Readonly<Record<string, number>>;
  /** Seen but managed by none of the providers (other tools, other policies): they count too. */
  readonly others: number;
  readonly hint?: string;
}

export function countQuotas(usages: readonly QuotaUsage[]): QuotaCount[] {
  const scopes = [...new Set(usages.map((u) => u.scope))].sort(compareText);
  return scopes.map((scope) => {
    const members = usages.filter((u) => u.scope === scope);
    const desired = new Set(members.flatMap((u) => u.desired));
    const managed = new Set([...desired, ...members.flatMap((u) => u.owned)]);
    const others = new Set(members.flatMap((u) => u.listed).filter((id) => !managed.has(id))).size;
    return {
      scope,
      limit: Math.min(...members.map((u) => u.limit)),
      total: desired.size + others,
      byProvider: Object.fromEntries(members.map((u) => [u.provider, new Set(u.desired).size])),
      others,
      ...(members[0]?.hint === undefined ? {} : { hint: members[0].hint }),
    };
  });
}

/** Refuses a plan that needs more than a quota allows, naming the scope, the overflow and who needs what. */
export function checkQuotas(counts: readonly QuotaCount[]): void {
  const over = counts.filter((c) => c.total > c.limit);
  if (over.length === 0) return;
  const describe = (c: QuotaCount) => {
    const parts = Object.entries(c.byProvider).map(([id, n]) => `${id}: ${n}`);
    if (c.others > 0) parts.push(`others already there: ${c.others}`);
    return `${c.scope}: the plan needs ${c.total} (${parts.join(', ')}), ${c.total - c.limit} over the quota of ${c.limit}`;
  };
  throw new TrafficportError('PROVIDER.QUOTA', over.map(describe).join('; '), {
    hint:
      over.find((c) => c.hint !== undefined)?.hint ??
      'raise the limit (Azure Support) and set trafficManager.profileQuota to it, publish fewer services there, give services the same endpoints, TTL and health check so they share profiles, or set trafficManager.failoverBackups: false (one Priority profile fewer per split with backups; no failover between runs then)',
  });
}
