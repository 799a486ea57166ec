import { LOCK_LABEL } from '../policy/reserved-names.js';

/**
 * The reserved label of the zone lease (docs/locking.md): one TXT record at
 * `_trafficport-lock.<zone>` names the run writing the zone. trafficport owns it; readers skip it,
 * so plans, diffs, foreign-record checks and verify never see it.
 */
export { LOCK_LABEL };

/** The lease record's fully qualified name in `zone` (no trailing dot). */
export function lockName(zone: string): string {
  return `${LOCK_LABEL}.${zone.toLowerCase().replace(/\.$/, '')}`;
}

/** Whether a DNS name (any case, with or without the trailing dot) is the lease record of `zone`. */
export function isLockName(name: string, zone: string): boolean {
  return name.toLowerCase().replace(/\.$/, '') === lockName(zone);
}
