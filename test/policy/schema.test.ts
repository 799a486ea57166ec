import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
      'rules',
    ]);
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'providers', 'endpoints', 'services']));
  });
});

// A JSON Schema validator is not a dependency of trafficport; the check below runs only when one
// (ajv) happens to be installed, so that the schema and the loader can be seen to agree.
const ajvInstalled = existsSync(join(root, 'node_modules', 'ajv', 'dist', '2020.js'));

describe.skipIf(!ajvInstalled)('examples against the JSON Schema (needs ajv)', () => {
  const examplesDir = join(root, 'examples');
  const documents = [
    ...readdirSync(examplesDir)
      .filter((name) => /\.(ya?ml|json)$/.test(name))
      .map((name) => [`examples/${name}`, readFileSync(join(examplesDir, name), 'utf8')] as const),
    ['init starter policy', STARTER_POLICY] as const,
  ];

  it.each(documents)('%s validates against the JSON Schema', async (_name, text) => {
    const specifier = 'ajv/dist/2020.js';
    const { default: Ajv2020 } = (await import(specifier)) as {
      default: new (
        options: object,
      ) => {
        compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown };
      };
    };
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(policyJsonSchema());
    const valid = validate(parse(text));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });
});
