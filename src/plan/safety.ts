import type { ProviderPlan, SafetyCheck, SafetyLimits, TrafficSteps } from './types.js';

/**
 * Surprising plans stop here unless forced: too large a share of owned records removed, or too
 * much traffic moved at once. A first publish (nothing owned yet) moves no traffic and removes
 * nothing: there is nothing to surprise. With a ramp the traffic limit applies to each step (the
 * largest one), since that is what moves at once; removals are not ramped, so their limit stays.
 */
export function checkSafety(
  providers: readonly ProviderPlan[],
  limits: SafetyLimits,
  traffic: TrafficSteps = { unrampablePercent: 0 },
): SafetyCheck {
  const live = providers.reduce((sum, p) => sum + p.liveResources, 0);
  const removed = providers.reduce((sum, p) => sum + p.counts.delete, 0);
  const recordDeletePercent = live === 0 ? 0 : round((100 * removed) / live);
  const whole = round(Math.max(0, ...providers.map((p) => p.trafficMovedPercent)));
  const ramped = traffic.stepMovePercent !== undefined;
  const trafficMovePercent = ramped ? round(Math.min(whole, traffic.stepMovePercent ?? whole)) : whole;
  const exceeded: string[] = [];
  const hints: string[] = [];
  if (recordDeletePercent > limits.maxRecordDeletePercent) {
    exceeded.push(
      `the plan removes ${recordDeletePercent}% of owned records (limit ${limits.maxRecordDeletePercent}%)`,
    );
    hints.push('removals are not ramped: raise --max-record-delete or pass --force');
  }
  if (trafficMovePercent > limits.maxTrafficMovePercent) {
    exceeded.push(
      ramped
        ? `the largest ramp step moves ${trafficMovePercent}% of traffic (limit ${limits.maxTrafficMovePercent}%)`
        : `the plan moves ${trafficMovePercent}% of traffic (limit ${limits.maxTrafficMovePercent}%)`,
    );
    hints.push(trafficHint(limits.maxTrafficMovePercent, traffic, ramped));
  }
  return {
    limits,
    recordDeletePercent,
    trafficMovePercent,
    ...(ramped ? { ramped } : {}),
    exceeded,
    ...(hints.length === 0 ? {} : { hint: `review it, then: ${hints.join('; ')}` }),
  };
}

/**
 * A ramp moves endpoints a rule excludes (down, drained, forbidden) at once, so it brings each
 * step under the limit only when some shift does (computed, not assumed: `suggested`).
 */
function trafficHint(limit: number, traffic: TrafficSteps, ramped: boolean): string {
  const suggested = traffic.suggestedMaxShift;
  if (suggested !== undefined) {
    return `ramp it with --max-shift ${suggested.percent} (its largest step moves ${suggested.stepMovePercent}% of traffic), raise --max-traffic-move, or pass --force`;
  }
  const unrampable = round(traffic.unrampablePercent);
  const why =
    unrampable > 0
      ? `${unrampable}% of traffic leaves down, drained or forbidden endpoints at once, and that is never ramped`
      : `no step of a ramp stays within ${limit}%`;
  return `${ramped ? 'a smaller --max-shift' : '--max-shift'} cannot help (${why}): raise --max-traffic-move or pass --force`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
