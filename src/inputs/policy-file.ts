import type { Diagnostic } from '../errors.js';
import { TrafficportError } from '../errors.js';
import type { CliIo } from '../io/io.js';
import { type InputFile, readInputFile } from '../io/read-input.js';
import { loadPolicy } from '../policy/load.js';
import { MAX_POLICY_BYTES } from '../policy/source.js';
import type { Policy } from '../policy/types.js';

/** How a policy file is read: what it is called in messages, and the most bytes read. */
export const POLICY_FILE: InputFile = { what: 'policy', maxBytes: MAX_POLICY_BYTES };

/** Loads a policy for commands that need a valid one, or throws with every diagnostic. */
export async function loadPolicyFile(
  file: string,
  io: CliIo,
): Promise<{ policy: Policy; text: string; warnings: readonly Diagnostic[] }> {
  const text = await readInputFile(file, io.cwd, POLICY_FILE);
  const result = loadPolicy(text, file);
  if (!result.ok) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    throw new TrafficportError('POLICY.INVALID', `${file} has ${errors.length} error(s)`, {
      diagnostics: result.diagnostics,
      hint: `run \`trafficport validate ${file}\` for details`,
      location: { file },
    });
  }
  return { policy: result.policy, text, warnings: result.warnings };
}
