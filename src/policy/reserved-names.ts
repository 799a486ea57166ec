/**
 * The reserved label of the zone lease (docs/locking.md): one TXT record at
 * `_trafficport-lock.<zone>` names the run writing the zone. It lives here, in the policy layer,
 * so `validate` can refuse a service of that name; render's lock-name re-exports it.
 */
export const LOCK_LABEL = '_trafficport-lock';
