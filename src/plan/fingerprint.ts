import { createHash } from 'node:crypto';
import type { LiveState } from '../providers/types.js';
import type { JsonValue } from '../render/types.js';
import { canonicalJson } from './diff.js';

/**
 * A short hash of what trafficport owns at a provider (resources and their server versions).
 * A plan records it; apply re-reads the provider and refuses if it changed meanwhile.
 */
export function fingerprintLive(live: LiveState): string {
  const content: JsonValue = {
    resources: live.resources.map((r) => ({ key: r.key, body: r.body })),
    versions: live.versions as { readonly [key: string]: JsonValue },
  };
  return sha256(canonicalJson(content)).slice(0, 32);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
