import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { TrafficportError } from '../errors.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import type { CommandResult } from '../io/result.js';
import { writeFileAtomic } from '../io/write-file.js';
import { policyJsonSchema } from '../policy/json-schema.js';
import { STARTER_POLICY } from './starter-policy.js';

export const STARTER_FILE_NAME = 'trafficport.yaml';
/** Written beside the policy so editors validate it offline (see the first line of the policy). */
export const SCHEMA_FILE_NAME = 'trafficport.schema.json';

export async function runInit(dir: string | undefined, options: { force: boolean }, io: CliIo): Promise<CommandResult> {
  const target = resolve(io.cwd, dir ?? '.');
  const file = join(target, STARTER_FILE_NAME);
  await mkdir(target, { recursive: true });
  const written = await writeFileAtomic(file, STARTER_POLICY, { overwrite: options.force, mode: 0o644 });
  if (!written) {
    throw new TrafficportError('INIT.EXISTS', `${file} already exists`, {
      location: { file },
      hint: 'pass --force to overwrite it, or give another directory',
    });
  }
  await writeFileAtomic(join(target, SCHEMA_FILE_NAME), `${JSON.stringify(policyJsonSchema(), null, 2)}\n`, {
    overwrite: true,
    mode: 0o644,
  });
  const shown = dir === undefined ? STARTER_FILE_NAME : join(dir, STARTER_FILE_NAME);
  return {
    exitCode: ExitCode.OK,
    json: () => ({ version: 1, file: shown, schema: SCHEMA_FILE_NAME }),
    human: () =>
      `wrote ${shown} (and ${SCHEMA_FILE_NAME} for editor completion)\nnext: trafficport validate ${shown}\n`,
  };
}
