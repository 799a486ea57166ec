import type { Policy } from '../policy/types.js';
import { compareText } from '../util/compare.js';
import {
  type DrainEvent,
  occurrenceEvents,
  occurrenceMoments,
  occurrencesBetween,
  windowTargets,
} from './maintenance.js';
import { serviceEndpoints } from './services.js';

/** How far ahead `nextChangeAt` looks for a drain or restore. */
const LOOKAHEAD_MS = 400 * 24 * 3600 * 1000;

/**
 * Every moment in [from, to] at which some published weight must change because of maintenance
 * (drain start, ramp steps, restore steps), across all services (their TTLs differ), sorted.
 */
export function changeMoments(policy: Policy, from: number, to: number): number[] {
  const moments = new Set<number>();
  const ttls = [...new Set(policy.services.map((service) => service.ttl))];
  for (const window of policy.rules.maintenance) {
    for (const ttl of ttls) {
      for (const occurrence of occurrencesBetween(window, ttl, from, to)) {
        for (const moment of occurrenceMoments(occurrence, ttl))
          if (moment >= from && moment <= to) moments.add(moment);
      }
    }
  }
  return [...moments].sort((a, b) => a - b);
}

export function nextChangeAfter(policy: Policy, at: number): number | undefined {
  const ttls = [...new Set(policy.services.map((service) => service.ttl))];
  let best: number | undefined;
  for (const window of policy.rules.maintenance) {
    for (const ttl of ttls) {
      // Recurring windows: the first occurrence ahead decides; looking further is wasted work.
      for (const occurrence of occurrencesBetween(window, ttl, at + 1, at + LOOKAHEAD_MS).slice(0, 2)) {
        for (const moment of occurrenceMoments(occurrence, ttl)) {
          if (moment > at && (best === undefined || moment < best)) best = moment;
        }
      }
    }
  }
  return best;
}

export interface ServiceDrainEvent extends DrainEvent {
  readonly endpoints: readonly string[];
}

/** The maintenance events of one service in [from, to], in time order. */
export function serviceEvents(policy: Policy, serviceName: string, from: number, to: number): ServiceDrainEvent[] {
  const service = policy.services.find((s) => s.name === serviceName);
  if (service === undefined) return [];
  const endpoints = serviceEndpoints(policy, service);
  const events: ServiceDrainEvent[] = [];
  for (const window of policy.rules.maintenance) {
    const targets = windowTargets(window.target, endpoints).filter((id) => service.endpoints.includes(id));
    if (targets.length === 0) continue;
    for (const occurrence of occurrencesBetween(window, service.ttl, from, to)) {
      for (const event of occurrenceEvents(occurrence, service.ttl)) {
        if (event.at >= from && event.at <= to) events.push({ ...event, endpoints: targets });
      }
    }
  }
  return events.sort((a, b) => a.at - b.at || compareText(a.window, b.window));
}
