/**
 * The README's "Adopting existing records" example, with the built binary: seed another tool's
 * records in the mock, import, validate, adopt (dry run: no traffic moves), adopt, verify,
 * rollback — and the mock's state file holds the seeded records exactly as before the adoption.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readMockStateFile } from '../../src/providers/mock/state-read.js';
import { assertBuilt, ROOT, runBinary, withoutNodeNote } from '../support/binary.js';

beforeAll(assertBuilt);

describe('README: adopting existing records (built binary, mock backend)', () => {
  it('runs as documented and leaves the foreign records as they were', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-adopt-cli-'));
    cpSync(join(ROOT, 'examples', 'adopt'), join(dir, 'examples', 'adopt'), { recursive: true });
    const run = async (...args: string[]) => {
      const result = await runBinary(args, { cwd: dir });
      expect(result.code, `${args.join(' ')}\n${result.stdout}${result.stderr}`).toBe(0);
      expect(withoutNodeNote(result.stderr)).toBe('');
      return result.stdout;
    };
    const state = () => {
      const zones = readMockStateFile<{ zones: Record<string, { recordSets: unknown[] }> }>(
        join(dir, '.trafficport', 'mock', 'route53.json'),
      )!;
      return Object.values(zones.zones).map((zone) => zone.recordSets);
    };
    await run('mock', 'seed', 'examples/adopt/providers.yaml', 'examples/adopt/route53-records.json');
    const seeded = state();
    await run('import', 'examples/adopt/providers.yaml', '--service', 'www.example.com', '--out', 'adopted.yaml');
    await run('validate', 'adopted.yaml');
    expect(await run('verify', 'adopted.yaml')).toContain('answered by records trafficport does not own yet');
    expect(await run('adopt', 'adopted.yaml', '--service', 'www.example.com', '--dry-run')).toContain(
      'traffic moved: none',
    );
    await run('adopt', 'adopted.yaml', '--service', 'www.example.com', '--auto-approve');
    expect(state()).not.toEqual(seeded);
    expect(await run('verify', 'adopted.yaml')).toMatch(/✓ r53: \d+ geographies answer as planned/);
    await run('rollback', 'adopted.yaml', '--auto-approve');
    expect(state()).toEqual(seeded);
  });
});
