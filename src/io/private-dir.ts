import { chmod, mkdir, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { TrafficportError } from '../errors.js';

/** The directories of a state directory that hold its files (journals, mock state). */
const STATE_PARTS = new Set(['journal', 'mock']);

/**
 * Makes `dir` (a state directory's `journal/` or `mock/`) exist, owner-only. One that exists with
 * looser modes (0777 from an old umask, a copied tree) is tightened to 0700, as the docs promise;
 * one another user owns is refused, never written into. The state directory above it is
 * tightened too when it is ours; mkdir's mode applies only to directories it creates.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await tighten(dir, true);
  if (STATE_PARTS.has(basename(dir))) await tighten(dirname(dir), false);
}

async function tighten(dir: string, required: boolean): Promise<void> {
  const info = await stat(dir);
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  if (uid !== undefined && info.uid !== uid) {
    if (!required) return;
    throw new TrafficportError(
      'IO.STATE_DIR_NOT_OURS',
      `the state directory ${dir} belongs to another user (uid ${info.uid}); trafficport will not keep journals or mock state in it`,
      { hint: 'use a directory of your own: --state-dir DIR or TRAFFICPORT_STATE_DIR' },
    );
  }
  if ((info.mode & 0o077) !== 0) await chmod(dir, 0o700);
}
