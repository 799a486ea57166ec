import { Cron } from 'croner';
import { TrafficportError } from '../errors.js';
import type { Endpoint, MaintenanceTarget, MaintenanceWindow } from '../policy/types.js';
import type { EndpointStatus } from './types.js';

/** One concrete window: a one-off window, or one occurrence of a recurring one. */
export interface Occurrence {
  readonly window: MaintenanceWindow;
  readonly start: number;
  readonly end: number;
}

/** How far an endpoint is drained at a moment, and by which windows. */
export interface DrainState {
  /** 0 = serving normally, 1 = fully drained. */
  readonly fraction: number;
  readonly phase: EndpointStatus;
  readonly windows: readonly string[];
}

/** Recurring schedules are expanded at most this many times per query, against runaway crons. */
const MAX_OCCURRENCES = 10_000;

export function windowTargets(target: MaintenanceTarget, endpoints: readonly Endpoint[]): string[] {
  switch (target.kind) {
    case 'endpoint':
      return [target.endpoint];
    case 'cloud':
      return endpoints.filter((e) => e.cloud === target.cloud).map((e) => e.id);
    case 'region':
      return endpoints
        .filter((e) => e.region === target.region && (target.cloud === undefined || e.cloud === target.cloud))
        .map((e) => e.id);
  }
}

/** How long before a window its drain begins: one TTL for caches to expire, plus the ramp. */
export function drainLeadMs(window: MaintenanceWindow, ttlSeconds: number): number {
  return (ttlSeconds + window.rampSeconds) * 1000;
}

/** Occurrences whose drain-to-restore span [start - lead, end + ramp) overlaps [from, to]. */
export function occurrencesBetween(
  window: MaintenanceWindow,
  ttlSeconds: number,
  from: number,
  to: number,
): Occurrence[] {
  const lead = drainLeadMs(window, ttlSeconds);
  const ramp = window.rampSeconds * 1000;
  const timing = window.timing;
  if (timing.kind === 'once') {
    return timing.start - lead <= to && timing.end + ramp > from
      ? [{ window, start: timing.start, end: timing.end }]
      : [];
  }
  const duration = timing.durationSeconds * 1000;
  const cron = new Cron(timing.schedule, { timezone: timing.timezone, paused: true });
  const found: Occurrence[] = [];
  let cursor = new Date(from - duration - ramp - 1);
  for (;;) {
    const next = cron.nextRun(cursor);
    if (next === null || next.getTime() - lead > to) return found;
    const start = next.getTime();
    if (start + duration + ramp > from) found.push({ window, start, end: start + duration });
    if (found.length > MAX_OCCURRENCES) {
      throw new TrafficportError(
        'SOLVE.TOO_MANY_WINDOWS',
        `window '${window.name}' recurs more than ${MAX_OCCURRENCES} times in the interval`,
        {
          hint: 'ask for a shorter interval, or check the schedule (a cron of "* * * * *" recurs every minute)',
        },
      );
    }
    cursor = next;
  }
}

/** The drain fraction one occurrence imposes at `at` (see the step schedule in docs). */
export function occurrenceDrain(
  occurrence: Occurrence,
  ttlSeconds: number,
  at: number,
): { fraction: number; phase: EndpointStatus } {
  const { window, start, end } = occurrence;
  const ramp = window.rampSeconds * 1000;
  const steps = ramp === 0 ? 1 : window.steps;
  const stepMs = ramp / steps;
  const drainStart = start - drainLeadMs(window, ttlSeconds);
  if (at < drainStart || at >= end + ramp) return { fraction: 0, phase: 'active' };
  if (at < end) {
    const done = ramp === 0 ? steps : Math.min(steps, Math.floor((at - drainStart) / stepMs) + 1);
    return done >= steps ? { fraction: 1, phase: 'drained' } : { fraction: done / steps, phase: 'draining' };
  }
  const restored = Math.min(steps, Math.floor((at - end) / stepMs) + 1);
  return restored >= steps ? { fraction: 0, phase: 'active' } : { fraction: 1 - restored / steps, phase: 'restoring' };
}

export interface DrainEvent {
  readonly at: number;
  readonly window: string;
  /** Drain fraction from this moment on. */
  readonly fraction: number;
  readonly phase: 'drain-start' | 'draining' | 'drained' | 'restoring' | 'restored';
}

/** Every moment at which an occurrence changes a drain fraction, with what it becomes. */
export function occurrenceEvents(occurrence: Occurrence, ttlSeconds: number): DrainEvent[] {
  const { window, start, end } = occurrence;
  const ramp = window.rampSeconds * 1000;
  const steps = ramp === 0 ? 1 : window.steps;
  const stepMs = ramp / steps;
  const drainStart = start - drainLeadMs(window, ttlSeconds);
  const events: DrainEvent[] = [];
  for (let k = 0; k < steps; k++) {
    const fraction = (k + 1) / steps;
    const phase = fraction === 1 ? 'drained' : k === 0 ? 'drain-start' : 'draining';
    events.push({ at: drainStart + k * stepMs, window: window.name, fraction, phase });
  }
  for (let k = 0; k < steps; k++) {
    const fraction = 1 - (k + 1) / steps;
    events.push({
      at: end + k * stepMs,
      window: window.name,
      fraction,
      phase: fraction === 0 ? 'restored' : 'restoring',
    });
  }
  return events;
}

export function occurrenceMoments(occurrence: Occurrence, ttlSeconds: number): number[] {
  return occurrenceEvents(occurrence, ttlSeconds).map((event) => event.at);
}

/** Drain state of every endpoint of a service at `at`. */
export function drainStates(
  windows: readonly MaintenanceWindow[],
  endpoints: readonly Endpoint[],
  ttlSeconds: number,
  at: number,
): Map<string, DrainState> {
  const states = new Map<string, DrainState>();
  for (const window of windows) {
    const targets = windowTargets(window.target, endpoints);
    for (const occurrence of occurrencesBetween(window, ttlSeconds, at, at)) {
      const { fraction, phase } = occurrenceDrain(occurrence, ttlSeconds, at);
      if (fraction === 0) continue;
      for (const id of targets) {
        const current = states.get(id);
        if (current === undefined || fraction > current.fraction) {
          states.set(id, { fraction, phase, windows: [...(current?.windows ?? []), window.name] });
        } else {
          states.set(id, { ...current, windows: [...current.windows, window.name] });
        }
      }
    }
  }
  return states;
}
