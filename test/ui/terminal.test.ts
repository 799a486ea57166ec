import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/io/io.js';
import { ROOT } from './fixtures.js';

const stateDir = mkdtempSync(join(tmpdir(), 'trafficport-terminal-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

/** Runs the command tree in-process with stdout posing as a terminal (or not). */
async function run(argv: readonly string[], tty: boolean, env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: tty, columns: 100 } as CliIo['stdout'],
    stderr: { write: (text: string) => (stderr += text), isTTY: tty },
    env,
    cwd: ROOT,
    now: () => Date.parse('2026-12-01T00:00:00Z'),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const SPLITS = ['splits', 'examples/quickstart.yaml', '--top', '3'];

describe('output mode', () => {
  it('a terminal gets the split bars', async () => {
    const { code, stdout } = await run(SPLITS, true);
    expect(code).toBe(0);
    expect(stdout).toMatch(/CN China\s+[\d.]+%\s+\d+ ms █+ aws-fra 50% · az-weu 50%/);
    expect(stdout).not.toContain('clouds: aws');
  });

  it('a pipe gets the plain table', async () => {
    const { stdout } = await run(SPLITS, false);
    expect(stdout).toMatch(/endpoint\s+cloud\s+region\s+status\s+share\s+load/);
    expect(stdout).toContain('clouds: aws 50% · azure 50%');
    expect(stdout).not.toContain('█');
  });

  it('--json is JSON, terminal or not', async () => {
    const { stdout } = await run([...SPLITS, '--json'], true);
    expect(JSON.parse(stdout)).toMatchObject({ version: 1 });
  });

  it('NO_COLOR and --no-color keep the bars but draw them with glyphs instead of colors', async () => {
    for (const [argv, env] of [
      [SPLITS, { NO_COLOR: '1' }],
      [[...SPLITS, '--no-color'], {}],
    ] as const) {
      const { stdout } = await run(argv, true, env);
      expect(stdout).toMatch(/CN China\s+[\d.]+%\s+\d+ ms ▓+░+ ▓ aws-fra 50% · ░ az-weu 50%/);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: no escape code at all is the point
      expect(stdout).not.toMatch(/\u001b\[/);
    }
  });

  it('plan --markdown stays Markdown on a terminal', async () => {
    const { stdout } = await run(
      ['plan', 'examples/quickstart.yaml', '--markdown', '--state-dir', stateDir, '--at', '2026-12-01T00:00Z'],
      true,
    );
    expect(stdout).toContain('### trafficport plan: changes');
    expect(stdout).not.toContain('█');
  });

  it('plan on a terminal shows bars and the grouped diff', async () => {
    const { stdout } = await run(['plan', 'examples/quickstart.yaml', '--state-dir', stateDir], true);
    expect(stdout).toMatch(/shop\.example\.com \+34 ~0 -0/);
    expect(stdout).toMatch(/█+/);
  });
});
