import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BIN, ROOT } from '../support/binary.js';

/*
 * `trafficport apply | tee apply.log` on a terminal: stdout is a pipe, stdin and stderr are the
 * terminal. The person at it can still answer, so apply asks there (on stderr) instead of refusing
 * for want of a terminal. util-linux `script` provides the pseudo-terminal.
 */
const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasScript) console.warn('skipping the piped-apply terminal test: `script` (util-linux) is not installed');

let cwd: string;
beforeAll(() => {
  assertBuilt();
  cwd = mkdtempSync(join(tmpdir(), 'tp-tty-pipe-'));
  copyFileSync(join(ROOT, 'examples', 'quickstart.yaml'), join(cwd, 'quickstart.yaml'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** Runs `node BIN args | tee log` on a pseudo-terminal, typing `answer` once `prompt` shows. */
function pipedInTerminal(args: readonly string[], prompt: string, answer: string) {
  const env: Record<string, string | undefined> = { ...process.env, TERM: 'xterm-256color', NO_COLOR: '1' };
  delete env.CI;
  const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
  const command = `stty cols 110 rows 40; ${[process.execPath, BIN, ...args].map(quote).join(' ')} | tee apply.log; exit "\${PIPESTATUS[0]}"`;
  const child = spawn('script', ['-qec', `bash -c ${quote(command)}`, '/dev/null'], { cwd, env });
  let output = '';
  let answered = false;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (!answered && output.includes(prompt)) {
      answered = true;
      child.stdin.write(answer);
    }
  });
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, output })),
  );
}

describe.skipIf(!hasScript)('apply | tee (stdout piped, stdin a terminal)', () => {
  it('asks on the terminal, applies on "yes", and the log holds the plain plan and the result', async () => {
    const run = await pipedInTerminal(
      ['apply', 'quickstart.yaml', '--at', '2026-12-01T00:00Z', '--state-dir', join(cwd, 'state')],
      'Enter a value',
      'yes\r',
    );
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('✓ approved (answered "yes")');
    const log = readFileSync(join(cwd, 'apply.log'), 'utf8');
    expect(log).toMatch(/r53: \d+ changes applied/);
    // The question went to the terminal (stderr), not into the log.
    expect(log).not.toContain('Enter a value');
  });

  it('any other answer cancels: nothing is written, exit 1', async () => {
    const run = await pipedInTerminal(
      ['apply', 'quickstart.yaml', '--at', '2026-12-01T00:00Z', '--state-dir', join(cwd, 'state-no')],
      'Enter a value',
      'no\r',
    );
    expect(run.code).toBe(1);
    expect(run.output).toContain('APPLY.CANCELLED');
  });
});
