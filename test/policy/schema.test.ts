import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runSchema } from '../../src/commands/schema.js';
import { STARTER_POLICY } from '../../src/commands/starter-policy.js';
import { policyJsonSchema, SCHEMA_ID } from '../../src/policy/json-schema.js';

const root = join(import.meta.dirname, '..', '..');
const checkedInPath = join(root, 'schema', 'policy.schema.json');
const REGENERATE = 'node bin/trafficport.js schema > schema/policy.schema.json';

describe('published JSON Schema', () => {
  it('schema/policy.schema.json is exactly what `trafficport schema` prints (it cannot drift)', () => {
    const printed = runSchema().human({ json: false, color: false });
    expect(printed).toBe(`${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
    const checkedIn = readFileSync(checkedInPath, 'utf8');
    expect(
      checkedIn === printed,
      `schema/policy.schema.json is out of date: run \`npm run build && ${REGENERATE}\``,
    ).toBe(true);
  });

  it('describes the policy language: draft 2020-12, its id, closed objects and the top-level fields', () => {
    const schema = policyJsonSchema() as {
      $schema: string;
      $id: string;
      type: string;
      required: string[];
      properties: Record<string, unknown>;
      additionalProperties: unknown;
    };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(SCHEMA_ID);
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual([
      '$schema',
      'version',
      'providers',
      'endpoints',
      'services',
      'demand',
      'health',
      'rules',
    ]);
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'providers', 'endpoints', 'services']));
  });
});

/** The published schema as an editor would apply it (ajv, draft 2020-12). */
const validateSchema = new Ajv2020({ strict: false, allErrors: true }).compile(policyJsonSchema());

describe('examples against the JSON Schema', () => {
  const examplesDir = join(root, 'examples');
  const documents = [
    ...readdirSync(examplesDir)
      .filter((name) => /\.(ya?ml|json)$/.test(name))
      .map((name) => [`examples/${name}`, readFileSync(join(examplesDir, name), 'utf8')] as const),
    ['init starter policy', STARTER_POLICY] as const,
  ];

  it.each(documents)('%s validates against the JSON Schema', (_name, text) => {
    const valid = validateSchema(parse(text));
    expect(validateSchema.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('refuses what the loader refuses: an unknown field, a wrong type, a missing version', () => {
    const starter = parse(STARTER_POLICY) as Record<string, unknown>;
    for (const broken of [
      { ...starter, extra: true },
      { ...starter, version: 'one' },
      Object.fromEntries(Object.entries(starter).filter(([key]) => key !== 'version')),
    ]) {
      expect(validateSchema(broken)).toBe(false);
    }
  });
});
