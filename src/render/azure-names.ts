import { createHash } from 'node:crypto';
import type { AzureProvider } from '../policy/types.js';

/**
 * Names of what trafficport creates in Azure. Everything is derived from the policy, never
 * stored, so a later run finds the same names again. Profile names and Traffic Manager relative
 * DNS names are DNS labels (at most 63 characters); when a name would be longer, the readable
 * stem is cut and a hash of the full stem keeps it unique.
 */

const MAX_LABEL = 63;

/** Record types an Azure service answers; each gets its own Traffic Manager tree. */
export type AzureRecordType = 'A' | 'AAAA' | 'CNAME';

/** Tag and metadata marking what trafficport owns (Traffic Manager tags, DNS record set metadata). */
export const OWNER_KEY = 'trafficport';
export const OWNER_VALUE = 'owned';
/** Tag naming the service a profile belongs to, so a read for some services never sees another's. */
export const SERVICE_TAG = 'trafficport-service';
/**
 * Tag of a Weighted profile shared by every service whose split it holds (named by a hash of its
 * content, never by a service); value `weighted`. See docs/azure-rendering.md, "Shared profiles".
 */
export const SHARED_TAG = 'trafficport-shared';
export const SHARED_VALUE = 'weighted';

export function shortHash(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** `api.example.eu` → `api-example-eu`. Not injective: `serviceSlugs` resolves collisions. */
export function serviceSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Slugs for every service name given, made unique: services whose slugs collide (`a.b` and
 * `a-b`) each get a hash of their full name appended, so their profiles can never overwrite
 * each other's.
 */
export function serviceSlugs(names: readonly string[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(serviceSlug(name), (counts.get(serviceSlug(name)) ?? 0) + 1);
  return new Map(
    names.map((name) => {
      const slug = serviceSlug(name);
      return [name, (counts.get(slug) ?? 0) > 1 ? `${slug}-${shortHash(name, 4)}` : slug];
    }),
  );
}

/** `stem-suffix-…` within 63 characters; a cut stem keeps a hash of itself so labels stay distinct. */
export function fitLabel(stem: string, suffixes: readonly string[]): string {
  const tail = suffixes.filter((s) => s !== '');
  const full = [stem, ...tail].join('-');
  if (full.length <= MAX_LABEL) return full;
  const hash = shortHash(stem, 6);
  const room = MAX_LABEL - tail.reduce((sum, s) => sum + s.length + 1, 0) - hash.length - 1;
  const cut = stem.slice(0, Math.max(1, room)).replace(/-+$/, '');
  return [cut, hash, ...tail].join('-');
}

/** AAAA trees live beside A trees, so their names differ by a suffix. */
function typeSuffix(type: AzureRecordType): string {
  return type === 'AAAA' ? 'v6' : '';
}

export interface ServiceNames {
  /** The root profile of one record type: what the record set at the service name points to. */
  root(type: AzureRecordType): string;
  /** The root profile's `dnsConfig.relativeName`, unique across trafficmanager.net. */
  rootRelativeName(type: AzureRecordType): string;
}

/** A hash of the subscription and resource group: two deployments never claim the same DNS name. */
function deploymentHash(provider: AzureProvider): string {
  return shortHash(`${provider.subscription}/${provider.trafficManager.resourceGroup}`.toLowerCase(), 6);
}

export function serviceNames(provider: AzureProvider, slug: string): ServiceNames {
  const stem = `${provider.trafficManager.profilePrefix}-${slug}`;
  const deployment = deploymentHash(provider);
  return {
    root: (type) => fitLabel(stem, [typeSuffix(type)]),
    rootRelativeName: (type) => fitLabel(stem, [typeSuffix(type), deployment]),
  };
}

export interface SharedNames {
  /** The shared Weighted profile holding one weight vector (identified by its content hash). */
  profile(hash: string): string;
  relativeName(hash: string): string;
}

/** Shared profiles belong to the provider, not to a service: `<prefix>-w-<12 hex>`. */
export function sharedNames(provider: AzureProvider): SharedNames {
  const stem = `${provider.trafficManager.profilePrefix}-w`;
  const deployment = deploymentHash(provider);
  return {
    profile: (hash) => fitLabel(stem, [hash]),
    relativeName: (hash) => fitLabel(stem, [hash, deployment]),
  };
}

/**
 * ARM id of a profile, lower-cased: ARM ids are case-insensitive and Azure does not promise to
 * echo the caller's casing, so both the renderer and the adapter's reader lower-case them.
 */
export function profileArmId(provider: AzureProvider, name: string): string {
  const { subscription, trafficManager } = provider;
  return `/subscriptions/${subscription}/resourceGroups/${trafficManager.resourceGroup}/providers/Microsoft.Network/trafficManagerProfiles/${name}`.toLowerCase();
}

/** The record set name of `service` inside `zone`: `api` for `api.example.eu`, `@` at the apex. */
export function relativeRecordName(service: string, zone: string): string {
  const name = service.toLowerCase().replace(/\.$/, '');
  const apex = zone.toLowerCase().replace(/\.$/, '');
  return name === apex ? '@' : name.slice(0, name.length - apex.length - 1);
}

export function profileKey(name: string): string {
  return `azure.tm-profile|${name}`;
}

export function recordSetKey(relativeName: string, type: string): string {
  return `azure.recordset|${relativeName}|${type}`;
}
