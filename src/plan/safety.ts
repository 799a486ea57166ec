import type { ProviderPlan, SafetyCheck, SafetyLimits } from './types.js';

/**
 * Surprising plans stop here unless forced: too large a share of owned records removed, or too
 * much traffic moved at once. A first publish (nothing owned yet) moves no traffic and removes
 * nothing: there is nothing to surprise.
 */
export function checkSafety(providers: readonly ProviderPlan[], limits: SafetyLimits): SafetyCheck {
  const live = providers.reduce((sum, p) => sum + p.liveResources, 0);
  const removed = providers.reduce((sum, p) => sum + p.counts.delete, 0);
  const recordDeletePercent = live === 0 ? 0 : round((100 * removed) / live);
  const trafficMovePercent = round(Math.max(0, ...providers.map((p) => p.trafficMovedPercent)));
  const exceeded: string[] = [];
  if (recordDeletePercent > limits.maxRecordDeletePercent) {
    exceeded.push(
      `the plan removes ${recordDeletePercent}% of owned records (limit ${limits.maxRecordDeletePercent}%)`,
    );
  }
  if (trafficMovePercent > limits.maxTrafficMovePercent) {
    exceeded.push(`the plan moves ${trafficMovePercent}% of traffic (limit ${limits.maxTrafficMovePercent}%)`);
  }
  return { limits, recordDeletePercent, trafficMovePercent, exceeded };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
