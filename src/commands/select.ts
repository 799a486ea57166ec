import { TrafficportError } from '../errors.js';
import { didYouMean } from '../policy/suggest.js';
import type { SplitPlan } from '../solve/types.js';

/** Narrows a plan to one service when `--service` is given. */
export function selectServices(plan: SplitPlan, service: string | undefined): SplitPlan {
  if (service === undefined) return plan;
  const names = plan.services.map((s) => s.service);
  const wanted = service.toLowerCase().replace(/\.$/, '');
  if (!names.includes(wanted)) {
    throw new TrafficportError('USAGE.UNKNOWN_SERVICE', `the policy has no service '${service}'`, {
      hint: didYouMean(wanted, names) ?? `services: ${names.join(', ')}`,
    });
  }
  return { ...plan, services: plan.services.filter((s) => s.service === wanted) };
}
