import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicyFile } from '../../src/inputs/policy-file.js';
import type { CliIo } from '../../src/io/io.js';
import { loadProviderKit } from '../../src/providers/registry.js';
import { formatHolder, parseHolder } from '../../src/publish/lease-holder.js';
import { adapterOptions } from '../../src/publish/prepare.js';
import { assertBuilt, BIN, ROOT, runBinary } from '../support/binary.js';
import { loadedSourceModules, moduleLogFlags } from '../support/module-log.js';
import { missing } from '../support/skip.js';

/**
 * The built binary under a pseudo-terminal (util-linux `script`) and without one: the mode is
 * chosen from what stdout really is, so only a real terminal can test the terminal path.
 */
const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasScript) console.warn('skipping pseudo-terminal tests: `script` (util-linux) is not installed');

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI color codes is the point
const COLOR = /\u001b\[(3\d|38;)/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing escape codes is the point
const ESCAPES = /\u001b\[[0-9;?]*[A-Za-z]/g;
const AT = ['--at', '2026-12-01T00:00Z'];
let cwd: string;
let moduleLog: string[];

beforeAll(() => {
  assertBuilt();
  cwd = mkdtempSync(join(tmpdir(), 'trafficport-tty-'));
  copyFileSync(join(ROOT, 'examples', 'quickstart.yaml'), join(cwd, 'quickstart.yaml'));
  moduleLog = moduleLogFlags(cwd);
});

afterAll(() => {
  if (cwd !== undefined) rmSync(cwd, { recursive: true, force: true });
});

interface TerminalRun {
  readonly code: number | null;
  readonly output: string;
}

/** Runs the binary on a 110×40 pseudo-terminal; `answer` is typed once `prompt` appears. */
function inTerminal(
  args: readonly string[],
  options: {
    env?: Record<string, string>;
    node?: readonly string[];
    prompt?: string;
    answer?: string;
    cols?: number;
  } = {},
): Promise<TerminalRun> {
  const env: Record<string, string | undefined> = { ...process.env, TERM: 'xterm-256color', ...options.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'CI', 'TRAFFICPORT_DEBUG']) {
    if (options.env?.[name] === undefined) delete env[name];
  }
  const argv = [process.execPath, ...(options.node ?? []), BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`);
  const child = spawn(
    'script',
    ['-qec', `stty cols ${options.cols ?? 110} rows 40; exec ${argv.join(' ')}`, '/dev/null'],
    { cwd, env },
  );
  let output = '';
  let answered = false;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (options.prompt !== undefined && !answered && output.includes(options.prompt)) {
      answered = true;
      child.stdin.write(options.answer ?? '');
    }
  });
  if (options.prompt === undefined) child.stdin.end();
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

describe.skipIf(missing(hasScript, 'terminal tests through script(1)', 'apt-get install bsdutils'))(
  'terminal or pipe (built binary)',
  () => {
    it('on a terminal, splits draws the split bars in the clouds’ colors', async () => {
      const run = await inTerminal(['splits', 'quickstart.yaml', ...AT, '--top', '4']);
      expect(run.code).toBe(0);
      expect(run.output).toMatch(/CN China.*█+.*aws-fra 50% · az-weu 50%/);
      expect(run.output).toMatch(COLOR);
      expect(run.output).not.toContain('clouds: aws');
    });

    it('piped, splits prints the plain table and no escape codes', async () => {
      const run = await runBinary(['splits', 'quickstart.yaml', ...AT, '--top', '4'], { cwd, env: { NO_COLOR: '' } });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('clouds: aws 50% · azure 50%');
      expect(run.stdout).toMatch(/CN China\s+12\.8%\s+\d+ ms\s+aws-fra 50% · az-weu 50%/);
      expect(run.stdout).not.toContain('█');
      expect(run.stdout).not.toMatch(COLOR);
    });

    it('NO_COLOR on a terminal keeps the view and drops every color', async () => {
      const run = await inTerminal(['splits', 'quickstart.yaml', ...AT, '--top', '4'], { env: { NO_COLOR: '1' } });
      expect(run.output).toMatch(/CN China.*▓+░+ ▓ aws-fra 50% · ░ az-weu 50%/);
      expect(run.output).not.toMatch(COLOR);
    });

    it('at 80 columns every split keeps all its values (labels wrap), at one precision per table', async () => {
      copyFileSync(join(ROOT, 'examples', 'eu-sovereignty.yaml'), join(cwd, 'eu.yaml'));
      const geos = ['FR', 'DE'];
      const json = await runBinary(['splits', 'eu.yaml', ...AT, '--geo', ...geos, '--json'], { cwd });
      const plan = JSON.parse(json.stdout);
      const shares = plan.services[0].geographies.flatMap((g: { shares: Record<string, number> }) =>
        Object.entries(g.shares).filter(([, v]) => v > 0),
      ) as [string, number][];
      expect(shares.length).toBeGreaterThan(5);
      const decimals = shares.every(([, v]) => Math.round(v * 10) % 10 === 0) ? 0 : 1;
      const run = await inTerminal(['splits', 'eu.yaml', ...AT, '--geo', ...geos], { cols: 80 });
      expect(run.code).toBe(0);
      const text = run.output.replace(ESCAPES, '').replace(/\s+/g, ' ');
      for (const [id, value] of shares) expect(text).toContain(`${id} ${value.toFixed(decimals)}%`);
      for (const line of run.output.replace(ESCAPES, '').split(/\r?\n/)) expect(line.length).toBeLessThanOrEqual(80);
    });

    it('--json never loads ink or React, even on a terminal', async () => {
      const loaded = async (args: readonly string[]) => {
        const log = join(cwd, `modules-${args.join('-').replace(/[^a-z]/g, '')}.log`);
        const run = await inTerminal(args, { node: moduleLog, env: { TP_MODULE_LOG: log } });
        expect(run.code).toBe(0);
        return loadedSourceModules(log);
      };
      const ink = /^node_modules\/(ink|react)\//;
      const [view, splitsJson, planJson] = await Promise.all([
        loaded(['splits', 'quickstart.yaml', ...AT]),
        loaded(['splits', 'quickstart.yaml', ...AT, '--json']),
        loaded(['plan', 'quickstart.yaml', ...AT, '--json', '--state-dir', join(cwd, 'state')]),
      ]);
      // The control: the same lookup does see ink and React when the terminal view is used.
      expect(view.filter((module) => ink.test(module)).length).toBeGreaterThan(0);
      for (const [modules, command] of [
        [splitsJson, 'splits'],
        [planJson, 'plan'],
      ] as const) {
        expect(modules).toContain(`dist/commands/${command}.js`);
        expect(modules.filter((module) => ink.test(module))).toEqual([]);
      }
    });

    it('apply asks on the terminal, publishes on "yes" and shows progress live', async () => {
      const run = await inTerminal(['apply', 'quickstart.yaml', ...AT, '--state-dir', join(cwd, 'apply-state')], {
        prompt: 'Enter a value:',
        answer: 'yes\r',
      });
      expect(run.code).toBe(0);
      const text = run.output.replace(ESCAPES, '');
      expect(text).toMatch(/│ shop\.example\.com \+34 ~0 -0/);
      expect(text).toContain("Only 'yes' will be accepted to approve");
      expect(text).toContain('✓ approved (answered "yes")');
      expect(text).toContain('✓ r53: batch 1/1 published (34 changes)');
      expect(text).toContain('✓ r53: 34 changes applied in 2 API calls');
    });

    it('Ctrl-C at the confirmation replaces the prompt with one line and exits 130, changing nothing', async () => {
      const state = join(cwd, 'ctrl-c-state');
      const run = await inTerminal(['apply', 'quickstart.yaml', ...AT, '--state-dir', state], {
        prompt: 'Enter a value:',
        answer: 'ye\u0003',
      });
      expect(run.code).toBe(130);
      const text = run.output.replace(ESCAPES, '');
      expect(text).toContain('✗ interrupted (Ctrl-C): nothing was changed');
      expect(text).toContain('APPLY.INTERRUPTED_AT_PROMPT');
      // Between the prompt and the last line, the prompt's three lines (and the line the terminal
      // echoed ^C on) are erased: cleared, cursor up, three times, then the line itself.
      const tail = run.output.slice(run.output.lastIndexOf('Enter a value:'));
      const erase = tail.slice(0, tail.indexOf('✗ interrupted'));
      // biome-ignore lint/suspicious/noControlCharactersInRegex: matching terminal escapes is the point
      expect(erase).toMatch(/(\u001b\[2K\u001b\[1A){3}\u001b\[2K/);
      const after = await runBinary(['plan', 'quickstart.yaml', ...AT, '--state-dir', state, '--detailed-exitcode'], {
        cwd,
      });
      expect(after.code).toBe(2);
    });

    it('apply: an Azure retry wait while the live view is up shows in the view, never as a line tearing it', async () => {
      const policy = readFileSync(join(cwd, 'quickstart.yaml'), 'utf8')
        .replace(
          '  r53: { type: route53, zone: example.com, backend: mock }',
          '  az: { type: azure, zone: example.com, subscription: 11111111-2222-3333-4444-555555555555, resourceGroup: dns, backend: mock, trafficManager: { resourceGroup: tm } }',
        )
        .replace('publish: [r53]', 'publish: [az]');
      expect(policy).toContain('publish: [az]');
      writeFileSync(join(cwd, 'azure.yaml'), policy);
      // Plan's read lists record sets and profiles once each; the third list call is the journal's
      // read before it writes, under the live view: throttled once, the client waits 1 s to retry.
      const faults = {
        azure: {
          rules: [
            {
              kind: 'throttle',
              retryAfterSeconds: 1,
              operations: ['RecordSets_List*', 'Profiles_List*'],
              after: 2,
              times: 1,
            },
          ],
        },
      };
      const run = await inTerminal(
        ['apply', 'azure.yaml', ...AT, '--state-dir', join(cwd, 'azure-wait-state'), '--auto-approve'],
        { env: { TRAFFICPORT_MOCK_FAULTS: JSON.stringify(faults) } },
      );
      const text = run.output.replace(ESCAPES, '');
      expect(run.code, text).toBe(0);
      // The view counted the wait; no plain progress line was written into its frame. Every change
      // of the plan is applied: the CNAME alias, the root, 4 shared Weighted profiles and the 6
      // shared Priority profiles of the default failover backups over them.
      const created = Number(/Plan: (\d+) to create, 0 to update, 0 to delete/.exec(text)?.[1]);
      expect(created).toBe(12);
      expect(text).toContain(`az: done, ${created} changes, waited 1.0s for rate limits`);
      expect(text).not.toMatch(/az: waiting \d+ ms/);
    });

    it('apply --max-shift shows the ramp in the view and in the question before asking', async () => {
      const state = join(cwd, 'ramp-state');
      expect(
        (await runBinary(['apply', 'quickstart.yaml', ...AT, '--state-dir', state, '--auto-approve'], { cwd })).code,
      ).toBe(0);
      const args = [
        'apply',
        'quickstart.yaml',
        ...AT,
        '--state-dir',
        state,
        '--down',
        'aws-fra',
        '--max-shift',
        '50',
        '--force',
      ];
      const run = await inTerminal(args, { prompt: 'Enter a value:', answer: 'no\r' });
      expect(run.code).toBe(1);
      // The view wraps long lines at the terminal's width.
      const text = run.output.replace(ESCAPES, '').replace(/\s+/g, ' ');
      expect(text).toMatch(
        /ramp: 2 steps of at most 50% per geography, one every 1m: 1m from the first to the last, due \S+ if approved now/,
      );
      expect(text).toMatch(/\? Plan: .* Ramp: 2 steps of at most 50% per geography, .* Apply it\?/);
      expect(text).toContain('APPLY.CANCELLED');
    });
  },
);

/** A lease on the quickstart's zone held by another run (docs/locking.md), in `state`'s mock. */
async function leaseIn(state: string) {
  const io: CliIo = { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd, now: Date.now };
  const { policy } = await loadPolicyFile('quickstart.yaml', io);
  const provider = policy.providers[0]!;
  const adapter = await (await loadProviderKit(provider.type)).createAdapter(
    provider,
    adapterOptions(io, { stateDir: state }),
  );
  return adapter.lease!;
}

const HOLDER = {
  run: '20261130T235900Z-c0ffee',
  command: 'apply',
  host: 'ci-runner-7',
  pid: 4242,
  user: 'deploy-bot',
  since: Date.parse('2026-11-30T23:59:00Z'),
  expires: Date.parse('2099-01-01T00:00:00Z'),
};

describe.skipIf(missing(hasScript, 'terminal tests through script(1)', 'apt-get install bsdutils'))(
  'unlock asks on a terminal (built binary)',
  () => {
    const QUESTION = 'Break this lease?';
    for (const [answer, what] of [
      ['yes\r', 'yes'],
      ['no\r', 'no'],
      ['ye\u0003', 'Ctrl-C'],
    ] as const) {
      it(`answered ${what}: ${what === 'yes' ? 'the lease is broken' : 'the lease is kept'}`, async () => {
        const state = join(cwd, `unlock-${what}`);
        await (await leaseIn(state)).create(formatHolder(HOLDER));
        const run = await inTerminal(['unlock', 'quickstart.yaml', '--state-dir', state], {
          prompt: 'Enter a value:',
          answer,
        });
        const text = run.output.replace(ESCAPES, '').replace(/\s+/g, ' ');
        // The question names the zone and who holds it, before anything is broken.
        expect(text).toContain('r53: zone example.com is locked by apply run 20261130T235900Z-c0ffee by deploy-bot');
        expect(text).toContain(QUESTION);
        const lease = await (await leaseIn(state)).read();
        if (what === 'yes') {
          expect(run.code, text).toBe(0);
          expect(text).toContain('r53: broke the lease of zone example.com');
          expect(lease).toBeUndefined();
          return;
        }
        expect(run.code, text).toBe(what === 'no' ? 1 : 130);
        expect(text).toContain(what === 'no' ? 'APPLY.CANCELLED' : 'APPLY.INTERRUPTED_AT_PROMPT');
        expect(text).not.toContain('broke the lease');
        expect(parseHolder(lease!.text)?.run).toBe(HOLDER.run);
      });
    }
  },
);
