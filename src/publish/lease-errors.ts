import { TrafficportError } from '../errors.js';
import { describeHolder, type LeaseHolder } from './lease-holder.js';

/** The errors of zone leases (docs/locking.md): a zone someone else holds, a lease lost. */

export function lockedError(
  scope: string,
  providers: readonly string[],
  holder: LeaseHolder | undefined,
  text: string,
): TrafficportError {
  const who =
    holder === undefined ? `a lease record trafficport cannot read ('${text.slice(0, 80)}')` : describeHolder(holder);
  const zone = (scope.split(' ').pop() ?? scope).replace(/\.$/, '');
  return new TrafficportError('APPLY.LOCKED', `${providers.join(', ')}: zone ${zone} is locked by ${who}`, {
    hint: `nothing was changed; wait and run it again (--lock-timeout 10m waits for the lease), or, if that run is dead, break its lease with \`trafficport unlock POLICY --zone ${zone}\``,
  });
}

export function lockLost(scope: string, holder: LeaseHolder | undefined): TrafficportError {
  return new TrafficportError(
    'APPLY.LOCK_LOST',
    `the lease of ${scope} was lost${holder === undefined ? '' : ` to ${describeHolder(holder)}`}; stopped writing`,
    { hint: 'someone broke or took over the lease; check who, then `trafficport apply --resume POLICY`' },
  );
}
