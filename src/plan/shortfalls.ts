import type { Degradation } from '../render/types.js';
import type { ServiceSplit, Shortfall, Splits } from '../solve/types.js';

/**
 * Everything the plan could not give as asked, in one list: each split shortfall (capacity,
 * balance, minEndpoints, maxLatencyMs) with its service, then what each provider cannot express.
 * Every output (plain text, terminal views, JSON, Markdown) shows this list.
 */
export type PlanShortfall = ServiceShortfall | DegradationShortfall;

export type ServiceShortfall = Shortfall & { readonly service: string };

export interface DegradationShortfall {
  readonly kind: 'degradation';
  readonly provider: string;
  readonly code: string;
  readonly message: string;
  readonly service?: string;
  readonly geo?: string;
}

export function listShortfalls(
  splits: Splits,
  providers: readonly { readonly provider: string; readonly degradations: readonly Degradation[] }[] = [],
): PlanShortfall[] {
  const list: PlanShortfall[] = splits.services.flatMap(serviceShortfalls);
  for (const p of providers) {
    for (const d of p.degradations) {
      list.push({
        kind: 'degradation',
        provider: p.provider,
        code: d.code,
        message: d.message,
        ...(d.service === undefined ? {} : { service: d.service }),
        ...(d.geo === undefined ? {} : { geo: d.geo }),
      });
    }
  }
  return list;
}

export function serviceShortfalls(service: ServiceSplit): ServiceShortfall[] {
  return service.shortfalls.map((shortfall) => withService(shortfall, service.service));
}

/**
 * `{ ...shortfall, service }`, built with Object.assign: V8 (Node 20.20) gave each object the
 * spread made here a hidden class of its own, 72 bytes more per shortfall, and a plan of 10,000
 * services holds over a million of them (measured with %HaveSameMap on the solver's output:
 * 301 classes for the first 301 of 12,400 shortfalls spread, one class with Object.assign).
 */
export function withService(shortfall: Shortfall, service: string): ServiceShortfall {
  return Object.assign({}, shortfall, { service });
}
