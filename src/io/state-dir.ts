import { join, resolve } from 'node:path';
import type { CliIo } from './io.js';

/**
 * Where trafficport keeps its own files: the mock backends' state and apply journals.
 * `--state-dir`, else TRAFFICPORT_STATE_DIR, else `.trafficport` in the working directory.
 */
export function stateDir(io: CliIo, flag: string | undefined): string {
  return resolve(io.cwd, flag ?? io.env.TRAFFICPORT_STATE_DIR ?? '.trafficport');
}

export function mockStateDir(io: CliIo, flag: string | undefined): string {
  return join(stateDir(io, flag), 'mock');
}

export function journalDir(io: CliIo, flag: string | undefined): string {
  return join(stateDir(io, flag), 'journal');
}
