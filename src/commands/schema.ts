import { ExitCode } from '../io/exit-codes.js';
import type { CommandResult } from '../io/result.js';
import { policyJsonSchema } from '../policy/json-schema.js';

export function runSchema(): CommandResult {
  const schema = policyJsonSchema();
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  return { exitCode: ExitCode.OK, json: () => schema, human: () => text };
}
