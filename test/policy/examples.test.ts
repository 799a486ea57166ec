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

  // multicloud-balance.yaml is the first try its comment describes: its one warning is its point.
  const EXPECTED_WARNINGS: Readonly<Record<string, readonly string[]>> = {
    'multicloud-balance.yaml': ['POLICY.BALANCE_OMITS_CLOUD'],
  };

  it.each(examples)('examples/%s validates without errors, and warns only as its comment says', (name) => {
    const result = loadPolicy(readFileSync(join(examplesDir, name), 'utf8'), `examples/${name}`);
    expect(result.ok ? [] : result.diagnostics).toEqual([]);
    expect(result.ok && result.warnings.map((w) => w.code)).toEqual(EXPECTED_WARNINGS[name] ?? []);
  });

  it('the init starter policy validates', () => {
    const result = loadPolicy(STARTER_POLICY, 'trafficport.yaml');
    expect(result.ok ? [] : result.diagnostics).toEqual([]);
  });
});
