import { createHash } from 'node:crypto';
import type { JsonValue } from '../render/types.js';
import { canonicalJson } from '../util/json.js';
import type { LiveState } from './types.js';

/**
 * A short hash of what trafficport owns at a provider (resources and their server versions).
 * A plan records it; apply re-reads the provider and refuses if it changed meanwhile.
 *
 * It is the hash of `canonicalJson({ resources: [{ key, body }…], versions })`, fed to the hash
 * one resource at a time: the same text, so the same fingerprint as ever, without building it
 * whole (a few MB per provider at 5,000 records, which went straight to the old generation).
 */
export function fingerprintLive(live: LiveState): string {
  const hash = createHash('sha256');
  hash.update('{"resources":[');
  live.resources.forEach((r, i) => {
    hash.update(`${i === 0 ? '' : ','}${canonicalJson({ key: r.key, body: r.body })}`);
  });
  hash.update(']');
  // canonicalJson leaves out undefined members; an adapter always sets versions, but be exact.
  if (live.versions !== undefined) {
    hash.update(`,"versions":${canonicalJson(live.versions as { readonly [key: string]: JsonValue })}`);
  }
  hash.update('}');
  return hash.digest('hex').slice(0, 32);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
