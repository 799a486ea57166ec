import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../support/binary.js';
import { runCli } from '../support/run-cli.js';

/** Every `trafficport …` command line in a CI example, in order, with its shell tolerance. */
function commandsOf(file: string): { args: string[]; tolerated: number[] }[] {
  const text = readFileSync(join(ROOT, 'examples', 'ci', file), 'utf8');
  parse(text); // the example must at least be valid YAML
  return text
    .split('\n')
    .map((line) => line.replace(/^\s*(-\s+)?(run:\s+)?/, '').trim())
    .filter((line) => line.startsWith('trafficport ') && !line.includes('-g trafficport'))
    .map((line) => {
      const tolerated = line.includes('|| true')
        ? [0, 1, 2]
        : line.includes('[ $? -eq 2 ]') || line.includes('--detailed-exitcode')
          ? [0, 2]
          : [0];
      const command = line.split(/\s*(\|\||>)\s*/)[0]!;
      const args = command
        .split(/\s+/)
        .slice(1)
        .map((arg) => arg.replace(/^"\$POLICY"$/, 'policy.yaml').replace(/^"|"$/g, ''));
      return { args, tolerated };
    });
}

describe.each(['github-actions.yml', 'gitlab-ci.yml'])('examples/ci/%s', (file) => {
  it('runs its trafficport steps against the mock backend: plan shows changes, apply lands them, verify agrees', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-ci-'));
    copyFileSync(join(ROOT, 'examples', 'quickstart.yaml'), join(dir, 'policy.yaml'));
    const steps = commandsOf(file);
    expect(steps.map((s) => s.args[0])).toEqual(expect.arrayContaining(['validate', 'plan', 'apply', 'verify']));
    for (const { args, tolerated } of steps) {
      const run = await runCli(args, { cwd: dir, now: Date.parse('2026-12-01T00:00:00Z') });
      expect(tolerated, `trafficport ${args.join(' ')}\n${run.stderr}`).toContain(run.code);
    }
    const after = await runCli(['plan', 'policy.yaml', '--detailed-exitcode'], {
      cwd: dir,
      now: Date.parse('2026-12-01T00:00:00Z'),
    });
    expect(after.code).toBe(0);
  });
});
