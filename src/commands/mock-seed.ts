import { seedMock } from '../adopt/seed.js';
import { POLICY_FILE } from '../inputs/policy-file.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import { readInputFile } from '../io/read-input.js';
import type { CommandResult } from '../io/result.js';
import { adapterOptions } from '../publish/prepare.js';

export interface MockSeedFlags {
  readonly provider?: string;
  readonly stateDir?: string;
}

/** `trafficport mock seed POLICY BATCH`: see src/adopt/seed.ts. */
export async function runMockSeed(
  file: string,
  batch: string,
  flags: MockSeedFlags,
  io: CliIo,
): Promise<CommandResult> {
  const policy = await readInputFile(file, io.cwd, POLICY_FILE);
  const changes = await readInputFile(batch, io.cwd, { what: 'change batch', maxBytes: POLICY_FILE.maxBytes });
  const seeded = await seedMock(policy, file, changes, flags.provider, adapterOptions(io, flags));
  return {
    exitCode: ExitCode.OK,
    json: () => ({ version: 1, ...seeded }),
    human: () =>
      `created ${seeded.created} record set(s) in the mock zone of ${seeded.provider} (not owned by trafficport)\n`,
  };
}
