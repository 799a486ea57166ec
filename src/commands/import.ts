import { importServices } from '../adopt/import.js';
import { POLICY_FILE } from '../inputs/policy-file.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import { readInputFile } from '../io/read-input.js';
import type { CommandResult } from '../io/result.js';
import { writeFileAtomic } from '../io/write-file.js';
import { adapterOptions } from '../publish/prepare.js';

export interface ImportFlags {
  readonly service: readonly string[];
  readonly out?: string;
  readonly stateDir?: string;
  readonly sendCredentialsToEndpoint?: boolean;
}

/** `trafficport import POLICY --service NAME… [--out FILE]`: see src/adopt/import.ts. */
export async function runImport(file: string, flags: ImportFlags, io: CliIo): Promise<CommandResult> {
  const text = await readInputFile(file, io.cwd, POLICY_FILE);
  const result = await importServices(text, file, flags.service, adapterOptions(io, flags));
  if (flags.out !== undefined) {
    const { resolve } = await import('node:path');
    await writeFileAtomic(resolve(io.cwd, flags.out), result.text, {
      overwrite: true,
      mode: 0o644,
      what: 'the imported policy',
    });
  }
  const services = result.services.map((s) => ({
    name: s.name,
    publish: s.publish,
    endpoints: s.endpoints.map((e) => ({ id: e.id, existing: e.existing, comment: e.comment })),
    pinned: s.pinned,
    notes: s.notes,
  }));
  return {
    exitCode: ExitCode.OK,
    json: () => ({
      version: 1,
      file,
      ...(flags.out === undefined ? { policy: result.text } : { out: flags.out }),
      services,
    }),
    human: () => {
      if (flags.out === undefined) return result.text;
      const lines = result.services.map(
        (s) =>
          `imported ${s.name} from ${s.publish.join(', ')}: ${s.endpoints.length} endpoint(s), ${Object.keys(s.pinned).length} pinned geograph${Object.keys(s.pinned).length === 1 ? 'y' : 'ies'}${s.notes.length > 0 ? `, ${s.notes.length} note(s) in the file` : ''}`,
      );
      return `${lines.join('\n')}\nwrote ${flags.out}\n`;
    },
  };
}
