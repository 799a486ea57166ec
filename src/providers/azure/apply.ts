import type { RecordType } from '@azure/arm-dns';
import type { Profile } from '@azure/arm-trafficmanager';
import { TrafficportError } from '../../errors.js';
import type { Change } from '../../plan/diff.js';
import type { LiveState } from '../../plan/types.js';
import type { AzureProvider } from '../../policy/types.js';
import { jsonEqual } from '../../util/json.js';
import type { ApplyEvents, ApplyReport } from '../types.js';
import { orderChanges, recordSetTarget } from './apply-order.js';
import { profileFromSdk, profileToSdk, recordSetToSdk } from './canonical.js';
import type { AzureClients } from './client.js';
import { azureError, isNotFound } from './errors.js';
import { preflightAzure } from './preflight.js';
import { listedProfileNames, profileName } from './profile-listing.js';

/**
 * Applies a change set phase by phase (see apply-order.ts), with up to WRITE_CONCURRENCY writes
 * in flight inside a phase. Record sets use Azure DNS's ETags: updates and deletes send
 * If-Match with the ETag read, creates If-None-Match: *, so a change made by someone else after
 * the read fails with 412 → PROVIDER.CONFLICT instead of being overwritten.
 *
 * Traffic Manager has no ETags and no conditional requests (api-version 2022-04-01 documents
 * neither an `etag` on profiles nor If-Match/If-None-Match on Profiles_CreateOrUpdate), so:
 * - updates and deletes GET the profile first and compare it with what was read: the window for
 *   a lost update of someone else's change shrinks to the time between that GET and the PUT;
 * - creates PUT at once when the read's listing of the resource group (profile-listing.ts) shows
 *   the name free. Accepted race: someone creates a profile of that same trafficport name
 *   (`<prefix>-…`) between our read and our PUT, and the PUT overwrites it. The read is the
 *   apply's own re-read, made just before its writes (apply/run.ts), and the names are
 *   trafficport's, so the window is one apply long and needs a second writer using our names.
 *   A GET would only narrow that window, not close it, at one extra call per profile.
 */

const WRITE_CONCURRENCY = 4;

export interface ApplyContext {
  readonly provider: AzureProvider;
  readonly clients: AzureClients;
}

export async function applyAzureChanges(
  context: ApplyContext,
  changes: readonly Change[],
  live: LiveState,
  events: ApplyEvents = {},
): Promise<ApplyReport> {
  const { provider, clients } = context;
  preflightAzure(provider, changes, live);
  const listed = listedProfileNames(live);
  const phases = orderChanges(changes);
  const start = clients.meter.count();
  const previous = clients.meter.onWait;
  clients.meter.onWait = (ms, reason) => events.onWait?.({ provider: provider.id, ms, reason });
  try {
    for (const [index, phase] of phases.entries()) {
      await runPool(phase.changes, WRITE_CONCURRENCY, (change) => applyChange(context, change, live, listed));
      events.onBatch?.({ provider: provider.id, done: index + 1, total: phases.length, changes: phase.changes.length });
    }
  } finally {
    clients.meter.onWait = previous;
  }
  return {
    provider: provider.id,
    calls: clients.meter.count() - start,
    batches: phases.length,
    changes: changes.length,
  };
}

function applyChange(
  context: ApplyContext,
  change: Change,
  live: LiveState,
  listed: ReadonlySet<string> | undefined,
): Promise<void> {
  const resource = change.action === 'delete' ? change.before : change.after;
  if (resource.kind === 'azure.recordset') return applyRecordSet(context, change, live.versions[change.key]);
  // A listed name was refused by checkProfileNames; an unlisted one was free at the read.
  const provenFree = change.action === 'create' && listed !== undefined;
  return applyProfile(context, change, provenFree);
}

async function applyRecordSet(context: ApplyContext, change: Change, etag: string | undefined): Promise<void> {
  const { provider, clients } = context;
  const { name, type } = recordSetTarget(change.key);
  const what = `record set ${type} ${name} in ${provider.zone}`;
  // Without a version from the read, '*' still refuses to resurrect a set someone deleted.
  const ifMatch = etag ?? '*';
  try {
    if (change.action === 'delete') {
      await clients.dns.recordSets.delete(provider.resourceGroup, provider.zone, name, type as RecordType, { ifMatch });
      return;
    }
    const body = recordSetToSdk(change.after.body);
    const condition = change.action === 'create' ? { ifNoneMatch: '*' } : { ifMatch };
    await clients.dns.recordSets.createOrUpdate(
      provider.resourceGroup,
      provider.zone,
      name,
      type as RecordType,
      body,
      condition,
    );
  } catch (error) {
    throw azureError(error, what);
  }
}

async function applyProfile(context: ApplyContext, change: Change, provenFree: boolean): Promise<void> {
  const { provider, clients } = context;
  const group = provider.trafficManager.resourceGroup;
  const name = profileName(change);
  const what = `Traffic Manager profile ${name}`;
  try {
    if (!provenFree) {
      const current = await getProfile(context, name);
      if (change.action === 'delete' && current === undefined) return;
      const why = changedSinceRead(change, current);
      if (why !== undefined) throw conflict(what, why);
    }
    if (change.action === 'delete') await clients.tm.profiles.delete(group, name);
    else await clients.tm.profiles.createOrUpdate(group, name, profileToSdk(change.after.body));
  } catch (error) {
    throw azureError(error, what);
  }
}

/** Why the profile found now is not the one the change was planned against, or undefined. */
function changedSinceRead(change: Change, current: Profile | undefined): string | undefined {
  if (change.action === 'create') return current === undefined ? undefined : 'it exists now';
  if (current === undefined) return 'it no longer exists';
  return jsonEqual(profileFromSdk(current), change.before.body) ? undefined : 'it exists with other content';
}

/** The profile of that name, or undefined when there is none (shared with hand-over.ts). */
export async function getProfile(context: ApplyContext, name: string): Promise<Profile | undefined> {
  try {
    return await context.clients.tm.profiles.get(context.provider.trafficManager.resourceGroup, name);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function conflict(what: string, why: string): TrafficportError {
  return new TrafficportError('PROVIDER.CONFLICT', `${what} changed since read; run plan again (${why})`, {
    hint: 'someone else changed it between plan and apply; review the new plan before applying',
  });
}

/**
 * Runs `task` over `items` with at most `limit` in flight. On the first failure no new task
 * starts; the ones in flight finish (a half-sent write is never abandoned), then it rethrows.
 */
export async function runPool<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next++]!;
      try {
        await task(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure.error;
}
