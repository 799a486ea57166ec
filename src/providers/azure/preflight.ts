import { isIP } from 'node:net';
import { TrafficportError } from '../../errors.js';
import { applyChanges } from '../../plan/build.js';
import type { Change } from '../../plan/diff.js';
import type { LiveState } from '../../plan/types.js';
import type { AzureProvider } from '../../policy/types.js';
import { EXTERNAL_TYPE } from '../../render/azure-bodies.js';
import type { Resource } from '../../render/types.js';
import { checkForeignConflicts, recordSetTarget } from './apply-order.js';
import { checkProfileNames, listedProfileNames } from './profile-listing.js';

/**
 * Everything an Azure apply would be refused for that can be known before writing, checked by
 * `plan` (plan is the preflight) and again by apply itself: a foreign record set where one is to
 * be written, a profile create over a name someone else holds, and an A/AAAA alias record set to
 * a profile Azure DNS refuses as its target.
 */
export function preflightAzure(provider: AzureProvider, changes: readonly Change[], live: LiveState): void {
  checkForeignConflicts(changes, live, provider.zone);
  checkProfileNames(changes, listedProfileNames(live));
  checkAliasTargets(changes, applyChanges(live.resources, changes), provider.zone);
}

interface EndpointBody {
  readonly name: string;
  readonly type: string;
  readonly properties: { readonly target?: string };
}

/**
 * Azure DNS refuses to write an A/AAAA alias record set whose target Traffic Manager profile has
 * any endpoint that is not an external endpoint with an IPv4 (IPv6) target (Microsoft's "Azure DNS
 * alias records overview"; the service's words: "RecordSets of type A or AAAA must reference a
 * traffic manager profile with endpoints containing valid IP addresses"). The check is made when
 * the record set is written, so only record sets this change set writes are checked, against the
 * profiles as they will be by then. trafficport never renders such a pair; a rollback to a state
 * some other tool (or an older trafficport, on a lenient mock) wrote can ask for one.
 */
export function checkAliasTargets(changes: readonly Change[], after: readonly Resource[], zone: string): void {
  const profiles = new Map(
    after.filter((r) => r.kind === 'azure.tm-profile').map((r) => [r.key.slice(r.key.indexOf('|') + 1), r]),
  );
  for (const change of changes) {
    if (change.action === 'delete' || change.after.kind !== 'azure.recordset') continue;
    const { name, type } = recordSetTarget(change.key);
    if (type !== 'A' && type !== 'AAAA') continue;
    const id = (change.after.body as { targetResource?: { id?: string } }).targetResource?.id;
    const profileName = id?.toLowerCase().split('/trafficmanagerprofiles/')[1];
    const profile = profileName === undefined ? undefined : profiles.get(profileName);
    if (profile === undefined) continue;
    const endpoints = (profile.body as unknown as { properties: { endpoints: readonly EndpointBody[] } }).properties
      .endpoints;
    const family = type === 'A' ? 4 : 6;
    const wrong = endpoints.find((e) => e.type !== EXTERNAL_TYPE || isIP(e.properties.target ?? '') !== family);
    if (wrong === undefined) continue;
    throw new TrafficportError(
      'PROVIDER.ALIAS_TARGET',
      `Azure DNS would refuse the ${type} alias record set ${name} in ${zone}: its target profile ${profileName} has endpoint '${wrong.name}', which is not an external endpoint with an IPv${family} address`,
      {
        hint: 'below the zone apex trafficport publishes a CNAME alias instead; run plan again with the current policy rather than restoring this state',
      },
    );
  }
}
