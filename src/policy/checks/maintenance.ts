import { Cron } from 'croner';
import { parseDuration } from '../duration.js';
import type { RawMaintenanceWindow } from '../schema.js';
import { didYouMean } from '../suggest.js';
import { parseInstant } from '../time.js';
import type { CheckContext, Path } from './context.js';
import { reportDuplicates } from './services.js';

export function checkMaintenance(context: CheckContext): void {
  const { policy, report } = context;
  reportDuplicates(
    policy.rules.maintenance.map((window) => window.name),
    (name, index) =>
      report({
        code: 'POLICY.DUPLICATE_RULE',
        message: `maintenance window '${name}' is defined twice`,
        path: ['rules', 'maintenance', index, 'name'],
        hint: 'give each window its own name',
      }),
  );
  policy.rules.maintenance.forEach((window, index) => {
    const path = ['rules', 'maintenance', index] as const;
    checkTarget(context, window, path);
    checkTiming(context, window, path);
  });
}

function checkTarget({ policy, report }: CheckContext, window: RawMaintenanceWindow, path: Path): void {
  const target = typeof window.target === 'string' ? { endpoint: window.target } : window.target;
  const endpoints = Object.entries(policy.endpoints);
  if ('endpoint' in target) {
    if (!Object.hasOwn(policy.endpoints, target.endpoint)) {
      const ids = endpoints.map(([id]) => id);
      report({
        code: 'POLICY.UNKNOWN_ENDPOINT',
        message: `unknown endpoint '${target.endpoint}'`,
        path: typeof window.target === 'string' ? [...path, 'target'] : [...path, 'target', 'endpoint'],
        hint: didYouMean(target.endpoint, ids) ?? `defined endpoints: ${ids.join(', ')}`,
      });
    }
  } else if ('region' in target) {
    const matching = endpoints.filter(
      ([, e]) => e.region === target.region && (target.cloud === undefined || e.cloud === target.cloud),
    );
    if (matching.length === 0) {
      const used = [...new Set(endpoints.flatMap(([, e]) => (e.region === undefined ? [] : [e.region])))];
      report({
        code: 'POLICY.UNUSED_REGION',
        message: `no endpoint runs in region '${target.region}'`,
        path: [...path, 'target', 'region'],
        hint: didYouMean(target.region, used) ?? `endpoints run in ${used.join(', ')}`,
      });
    }
  } else if (!endpoints.some(([, e]) => e.cloud === target.cloud)) {
    report({
      code: 'POLICY.UNUSED_CLOUD',
      message: `no endpoint runs in cloud '${target.cloud}'`,
      path: [...path, 'target', 'cloud'],
    });
  }
}

function checkTiming({ report }: CheckContext, window: RawMaintenanceWindow, path: Path): void {
  const once = window.start !== undefined || window.end !== undefined;
  const recurring = window.schedule !== undefined || window.duration !== undefined || window.timezone !== undefined;
  if (once && recurring) {
    report({
      code: 'POLICY.WINDOW_KIND',
      message: `window '${window.name}' mixes start/end with schedule/duration`,
      path,
      hint: 'use start and end for one window, or schedule, duration and timezone for a recurring one',
      at: 'key',
    });
    return;
  }
  if (!recurring) {
    for (const field of ['start', 'end'] as const) {
      if (window[field] === undefined) {
        report({
          code: 'POLICY.INVALID',
          message: `missing required field '${field}'`,
          path,
          at: 'key',
          hint: 'a window needs start and end (or schedule and duration)',
        });
      } else if (parseInstant(window[field]) === undefined) {
        report({
          code: 'POLICY.INVALID_TIME',
          message: `'${window[field]}' is not a real date and time`,
          path: [...path, field],
        });
      }
    }
    const start = window.start === undefined ? undefined : parseInstant(window.start);
    const end = window.end === undefined ? undefined : parseInstant(window.end);
    if (start !== undefined && end !== undefined && end <= start) {
      report({
        code: 'POLICY.WINDOW_ORDER',
        message: `window '${window.name}' ends (${window.end}) before it starts (${window.start})`,
        path: [...path, 'end'],
        hint: 'end must be later than start',
      });
    }
    return;
  }
  if (window.schedule === undefined || window.duration === undefined) {
    report({
      code: 'POLICY.INVALID',
      message: `missing required field '${window.schedule === undefined ? 'schedule' : 'duration'}'`,
      path,
      at: 'key',
      hint: 'a recurring window needs schedule (cron) and duration',
    });
  }
  if (window.schedule !== undefined) {
    try {
      new Cron(window.schedule, { paused: true });
    } catch (error) {
      report({
        code: 'POLICY.INVALID_SCHEDULE',
        message: `invalid schedule '${window.schedule}': ${(error as Error).message.replace(/^CronPattern: /, '')}`,
        path: [...path, 'schedule'],
        hint: 'use five cron fields: minute hour day-of-month month day-of-week, e.g. "0 2 * * SUN"',
      });
    }
  }
  if (window.duration !== undefined && parseDuration(window.duration) === 0) {
    report({ code: 'POLICY.INVALID', message: 'duration must be longer than 0s', path: [...path, 'duration'] });
  }
  if (window.timezone !== undefined && !isTimeZone(window.timezone)) {
    report({
      code: 'POLICY.UNKNOWN_TIMEZONE',
      message: `unknown time zone '${window.timezone}'`,
      path: [...path, 'timezone'],
      hint:
        didYouMean(window.timezone, Intl.supportedValuesOf('timeZone')) ??
        'use an IANA name such as Europe/Berlin or UTC',
    });
  }
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
