import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE_NAMES } from '../../src/io/example-names.js';
import { ROOT } from '../support/binary.js';
import { runCli } from '../support/run-cli.js';

const cwd = mkdtempSync(join(tmpdir(), 'tp-init-example-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('init --example', () => {
  it('offers exactly the policies in examples/', () => {
    const files = readdirSync(join(ROOT, 'examples')).filter((name) => name.endsWith('.yaml'));
    expect([...EXAMPLE_NAMES].sort()).toEqual(files.map((name) => name.replace(/\.yaml$/, '')).sort());
  });

  it.each(EXAMPLE_NAMES)('writes %s.yaml with the schema beside it, and it validates', async (name) => {
    const init = await runCli(['init', 'examples', '--example', name], { cwd });
    expect(init.code, init.stderr).toBe(0);
    const written = readFileSync(join(cwd, 'examples', `${name}.yaml`), 'utf8');
    const original = readFileSync(join(ROOT, 'examples', `${name}.yaml`), 'utf8');
    // The same policy; only the editor's schema line points at the file written beside it.
    expect(written.split('\n').slice(1)).toEqual(original.split('\n').slice(1));
    expect(written.split('\n')[0]).toBe('# yaml-language-server: $schema=./trafficport.schema.json');
    expect(JSON.parse(readFileSync(join(cwd, 'examples', 'trafficport.schema.json'), 'utf8')).$schema).toBeDefined();
    const valid = await runCli(['validate', `examples/${name}.yaml`], { cwd });
    expect(valid.code, valid.stderr).toBe(0);
  });

  it('refuses to overwrite without --force', async () => {
    const again = await runCli(['init', 'examples', '--example', 'quickstart'], { cwd });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('INIT.EXISTS');
    expect((await runCli(['init', 'examples', '--example', 'quickstart', '--force'], { cwd })).code).toBe(0);
  });
});
