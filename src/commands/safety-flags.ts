import { TrafficportError } from '../errors.js';
import { DEFAULT_SAFETY, type SafetyLimits } from '../plan/types.js';

export interface SafetyFlags {
  readonly maxRecordDelete?: string;
  readonly maxTrafficMove?: string;
}

export function safetyLimits(flags: SafetyFlags): SafetyLimits {
  return {
    maxRecordDeletePercent: percent(
      flags.maxRecordDelete,
      DEFAULT_SAFETY.maxRecordDeletePercent,
      '--max-record-delete',
    ),
    maxTrafficMovePercent: percent(flags.maxTrafficMove, DEFAULT_SAFETY.maxTrafficMovePercent, '--max-traffic-move'),
  };
}

function percent(text: string | undefined, fallback: number, flag: string): number {
  if (text === undefined) return fallback;
  const value = Number(text.replace(/%$/, ''));
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    throw new TrafficportError('USAGE.BAD_PERCENT', `${flag} '${text}' is not a percentage`, {
      hint: 'give a number from 0 to 100, e.g. 25',
    });
  }
  return value;
}
