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
  return service.shortfalls.map((shortfall) => ({ ...shortfall, service: service.service }));
}
