import type { RecordSet, RecordType } from '@azure/arm-dns';
import { TrafficportError } from '../../errors.js';
import { diffResources } from '../../plan/diff.js';
import type { LiveState } from '../../plan/types.js';
import type { AzureProvider } from '../../policy/types.js';
import { OWNER_KEY, OWNER_VALUE } from '../../render/azure-names.js';
import type { JsonValue, Resource } from '../../render/types.js';
import { jsonEqual } from '../../util/json.js';
import type { ApplyEvents, ApplyReport, HandOver } from '../types.js';
import { applyAzureChanges, getProfile } from './apply.js';
import { recordSetTarget } from './apply-order.js';
import { profileFromSdk, profileToSdk, recordSetFromSdk, recordSetToSdk } from './canonical.js';
import type { AzureClients } from './client.js';
import { azureError, isNotFound } from './errors.js';

/**
 * `adopt` and its rollback on Azure (see HandOver in providers/types.ts), step by step, each step
 * reading what is there now and doing only what is left, so a call after an interruption at any
 * point finishes the job. What is found neither as journaled (the foreign resources) nor as
 * trafficport's is someone else's change: PROVIDER.CONFLICT, nothing overwritten.
 *
 * Every intermediate state answers every geography as before or as after: trafficport's profiles
 * exist before the record set points at them; the record set switches in one PUT conditional on
 * the ETag of the set found (If-Match), after its content was checked against the journal; the
 * foreign profiles go only once nothing points at them, parents before the profiles they nest
 * (a nested profile is not deleted while its parent nests it: docs/mock-azure.md).
 */

export interface HandOverContext {
  readonly provider: AzureProvider;
  readonly clients: AzureClients;
  /** The adapter's read of the service's owned resources. */
  readonly read: (services: readonly string[]) => Promise<LiveState>;
}

export async function runHandOver(
  context: HandOverContext,
  handOver: HandOver,
  direction: 'take' | 'give-back',
  events: ApplyEvents = {},
): Promise<ApplyReport> {
  const { provider, clients } = context;
  const start = clients.meter.count();
  const steps =
    direction === 'take'
      ? [
          () => writeOwnedProfiles(context, handOver),
          () => switchRecordSet(context, handOver.switch.before, handOver.switch.after, 'take'),
          () => removeProfiles(context, handOver.remove),
        ]
      : [
          () => restoreProfiles(context, [...handOver.remove].reverse()),
          () => switchRecordSet(context, handOver.switch.after, handOver.switch.before, 'give-back'),
          () => deleteOwnedProfiles(context, handOver.service),
        ];
  let changes = 0;
  for (const [index, step] of steps.entries()) {
    const done = await step();
    changes += done;
    events.onBatch?.({ provider: provider.id, done: index + 1, total: steps.length, changes: done });
  }
  return { provider: provider.id, calls: clients.meter.count() - start, batches: steps.length, changes };
}

async function writeOwnedProfiles(context: HandOverContext, handOver: HandOver): Promise<number> {
  const live = await context.read([handOver.service]);
  const changes = diffResources(
    handOver.create,
    live.resources.filter((r) => r.kind === 'azure.tm-profile'),
  ).filter((c) => c.action !== 'delete');
  if (changes.length > 0) await applyAzureChanges(context, changes, live);
  return changes.length;
}

async function deleteOwnedProfiles(context: HandOverContext, service: string): Promise<number> {
  const live = await context.read([service]);
  const changes = diffResources(
    [],
    live.resources.filter((r) => r.kind === 'azure.tm-profile'),
    live.retained,
  );
  if (changes.length > 0) await applyAzureChanges(context, changes, live);
  return changes.length;
}

/** The record set from `from` to `to` in one PUT, If-Match the ETag of the set found as `from`. */
async function switchRecordSet(
  context: HandOverContext,
  from: Resource,
  to: Resource,
  direction: 'take' | 'give-back',
): Promise<number> {
  const { provider, clients } = context;
  const { name, type } = recordSetTarget(from.key);
  const what = `record set ${type} ${name} in ${provider.zone}`;
  try {
    const found = await getRecordSet(context, name, type);
    const body = found === undefined ? undefined : recordSetFromSdk(found);
    if (body !== undefined && jsonEqual(body, to.body)) return 0;
    // Giving back replaces whatever trafficport owns there now; taking, only the set as read.
    const expected =
      body !== undefined && (jsonEqual(body, from.body) || (direction === 'give-back' && ownedSet(body)));
    if (found?.etag === undefined || !expected) {
      throw conflict(what, found === undefined ? 'it no longer exists' : 'it is neither as read nor as written');
    }
    const condition = { ifMatch: found.etag };
    await clients.dns.recordSets.createOrUpdate(
      provider.resourceGroup,
      provider.zone,
      name,
      type as RecordType,
      recordSetToSdk(to.body),
      condition,
    );
    return 1;
  } catch (error) {
    throw azureError(error, what);
  }
}

async function removeProfiles(context: HandOverContext, profiles: readonly Resource[]): Promise<number> {
  let done = 0;
  for (const profile of profiles) {
    const name = profile.key.split('|')[1] ?? '';
    const what = `Traffic Manager profile ${name}`;
    try {
      const found = await getProfile(context, name);
      if (found === undefined) continue;
      if (!jsonEqual(profileFromSdk(found), profile.body)) throw conflict(what, 'it changed since it was read');
      await context.clients.tm.profiles.delete(context.provider.trafficManager.resourceGroup, name);
      done += 1;
    } catch (error) {
      throw azureError(error, what);
    }
  }
  return done;
}

async function restoreProfiles(context: HandOverContext, profiles: readonly Resource[]): Promise<number> {
  let done = 0;
  for (const profile of profiles) {
    const name = profile.key.split('|')[1] ?? '';
    const what = `Traffic Manager profile ${name}`;
    try {
      const found = await getProfile(context, name);
      if (found !== undefined) {
        if (jsonEqual(profileFromSdk(found), profile.body)) continue;
        throw conflict(what, 'a profile of that name exists with other content');
      }
      const group = context.provider.trafficManager.resourceGroup;
      await context.clients.tm.profiles.createOrUpdate(group, name, profileToSdk(profile.body));
      done += 1;
    } catch (error) {
      throw azureError(error, what);
    }
  }
  return done;
}

function ownedSet(body: JsonValue): boolean {
  return (body as { metadata?: Record<string, string> }).metadata?.[OWNER_KEY] === OWNER_VALUE;
}

async function getRecordSet(context: HandOverContext, name: string, type: string): Promise<RecordSet | undefined> {
  const { provider, clients } = context;
  try {
    return await clients.dns.recordSets.get(provider.resourceGroup, provider.zone, name, type as RecordType);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function conflict(what: string, why: string): TrafficportError {
  return new TrafficportError('PROVIDER.CONFLICT', `${what} changed since the adoption read it (${why})`, {
    hint: 'someone else changed it; look at it, then run `trafficport rollback` or adopt again',
  });
}
