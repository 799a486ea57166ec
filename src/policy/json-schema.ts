import { z } from 'zod';
import { policySchema } from './schema.js';

export const SCHEMA_ID = 'https://trafficport.dev/schema/policy-v1.json';

/** The JSON Schema of the policy language, generated from the same zod schema that validates. */
export function policyJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(policySchema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
    override: ({ jsonSchema }) => {
      // zod's IPv6 pattern refuses forms its own check accepts (`::ffff:192.0.2.1`, embedded IPv4),
      // so an editor would flag an address that validates; `format: ipv6` (RFC 4291) says it right.
      if (jsonSchema.format === 'ipv6') delete jsonSchema.pattern;
    },
  });
  return {
    ...generated,
    $id: SCHEMA_ID,
    title: 'trafficport policy',
    description: 'Traffic splitting policy for trafficport (version 1).',
  };
}
