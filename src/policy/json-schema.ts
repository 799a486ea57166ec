import { z } from 'zod';
import { policySchema } from './schema.js';

export const SCHEMA_ID = 'https://trafficport.dev/schema/policy-v1.json';

/** The JSON Schema of the policy language, generated from the same zod schema that validates. */
export function policyJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(policySchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' });
  return {
    ...generated,
    $id: SCHEMA_ID,
    title: 'trafficport policy',
    description: 'Traffic splitting policy for trafficport (version 1).',
  };
}
