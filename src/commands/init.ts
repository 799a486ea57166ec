import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { TrafficportError } from '../errors.js';
import type { ExampleName } from '../io/example-names.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import { packageRoot } from '../io/package-root.js';
import type { CommandResult } from '../io/result.js';
import { writeFileAtomic } from '../io/write-file.js';
import { policyJsonSchema } from '../policy/json-schema.js';
import { STARTER_POLICY } from './starter-policy.js';

export const STARTER_FILE_NAME = 'trafficport.yaml';
/** Written beside the policy so editors validate it offline (see the first line of the policy). */
export const SCHEMA_FILE_NAME = 'trafficport.schema.json';

export interface InitOptions {
  readonly force: boolean;
  /** Write this example (as NAME.yaml) instead of the starter policy. */
  readonly example?: ExampleName;
}

export async function runInit(dir: string | undefined, options: InitOptions, io: CliIo): Promise<CommandResult> {
  const target = resolve(io.cwd, dir ?? '.');
  const name = options.example === undefined ? STARTER_FILE_NAME : `${options.example}.yaml`;
  const file = join(target, name);
  const text = options.example === undefined ? STARTER_POLICY : await exampleText(options.example);
  await mkdir(target, { recursive: true });
  const written = await writeFileAtomic(file, text, { overwrite: options.force, mode: 0o644 });
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
  const shown = dir === undefined ? name : join(dir, name);
  return {
    exitCode: ExitCode.OK,
    json: () => ({ version: 1, file: shown, schema: SCHEMA_FILE_NAME }),
    human: () =>
      `wrote ${shown} (and ${SCHEMA_FILE_NAME} for editor completion)\nnext: trafficport validate ${shown}\n`,
  };
}

/**
 * An example as shipped in the package's examples/, pointed at the schema file written beside it
 * (in the repository it points at ../schema/, which an installed copy does not have next to it).
 */
async function exampleText(example: ExampleName): Promise<string> {
  const text = await readFile(join(packageRoot(), 'examples', `${example}.yaml`), 'utf8');
  return text.replace(
    /^# yaml-language-server: \$schema=.*$/m,
    `# yaml-language-server: $schema=./${SCHEMA_FILE_NAME}`,
  );
}
