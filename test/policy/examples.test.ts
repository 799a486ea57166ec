import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STARTER_POLICY } from '../../src/commands/starter-policy.js';
import { loadPolicy } from '../../src/policy/load.js';

const examplesDir = join(import.meta.dirname, '..', '..', 'examples');
const examples = readdirSync(examplesDir).filter((name) => /\.(ya?ml|json)$/.test(name));

describe('shipped policies', () => {
  it('ships at least three examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples)('examples/%s validates without errors or warnings', (name) => {
    const result = loadPolicy(readFileSync(join(examplesDir, name), 'utf8'), `examples/${name}`);
    expect(result.ok ? [] : result.diagnostics).toEqual([]);
    expect(result.ok && result.warnings).toEqual([]);
  });

  it('the init starter policy validates', () => {
    const result = loadPolicy(STARTER_POLICY, 'trafficport.yaml');
    expect(result.ok ? [] : result.diagnostics).toEqual([]);
  });
});
