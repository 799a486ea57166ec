import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import type { CliIo } from '../../src/io/io.js';
import { assertBuilt, BIN, ROOT } from '../support/binary.js';
import { runCli } from '../support/run-cli.js';
import { missing } from '../support/skip.js';

/** Help, typo suggestions and shell completion: what a person meets before the first real run. */
const has = (shell: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${shell}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

function commandPaths(): string[][] {
  const io = { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: '.', now: () => 0 };
  const walk = (command: Command, path: string[]): string[][] =>
    command.commands.flatMap((sub) => [[...path, sub.name()], ...walk(sub, [...path, sub.name()])]);
  return walk(
    buildProgram(
      io as CliIo,
      '0.0.0',
      () => {},
      () => ({ show: async () => {}, progress: async () => ({ events: {}, close: async () => {} }) }),
    ),
    [],
  );
}

let dir: string;
const scripts: Record<string, string> = {};
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trafficport-completion-'));
  for (const shell of ['bash', 'zsh', 'fish']) {
    const run = await runCli(['completion', shell]);
    expect(run.code).toBe(0);
    scripts[shell] = join(dir, `trafficport.${shell}`);
    writeFileSync(scripts[shell], run.stdout);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--help', () => {
  it.each(commandPaths().map((path) => [path.join(' ')]))(
    '`%s --help` has a description and examples',
    async (path) => {
      const run = await runCli([...path.split(' '), '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: trafficport ${path}`);
      expect(run.stdout).toMatch(/\nExamples:\n {2}trafficport /);
    },
  );

  it('the top-level help shows examples and how output modes are chosen', async () => {
    const run = await runCli(['--help']);
    expect(run.stdout).toContain('report [options] <policy>');
    expect(run.stdout).toContain('completion <shell>');
    expect(run.stdout).toContain('plain text when\npiped, JSON with --json');
  });
});

describe('typo suggestions', () => {
  it.each([
    [['splts', 'p.yaml'], '(Did you mean splits?)'],
    [['mock', 'serv'], '(Did you mean serve?)'],
    [['splits', 'p.yaml', '--jsn'], '(Did you mean --json?)'],
    [['apply', 'p.yaml', '--max-shif', '10'], '(Did you mean --max-shift?)'],
    [['report', 'p.yaml', '--html', 'r.html', '--colr-by', 'cloud'], '(Did you mean --color-by?)'],
  ])('%j suggests the closest name', async (argv, suggestion) => {
    const run = await runCli(argv);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain(suggestion);
  });
});

describe('completion', () => {
  function bashComplete(words: readonly string[]): string[] {
    const script = `source '${scripts.bash}'; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _trafficport; printf '%s\\n' "\${COMPREPLY[@]}"`;
    return execFileSync('bash', ['-c', script], { encoding: 'utf8' }).split('\n').filter(Boolean);
  }

  it('bash completes commands, nested commands, flags and flag choices from the command tree', () => {
    expect(bashComplete(['trafficport', ''])).toEqual(
      expect.arrayContaining(['validate', 'splits', 'plan', 'apply', 'report', 'completion', 'mock']),
    );
    expect(bashComplete(['trafficport', 're'])).toEqual(['regions', 'report']);
    expect(bashComplete(['trafficport', 'mock', ''])).toEqual(['serve', 'seed']);
    expect(bashComplete(['trafficport', 'mock', 'serve', '--r'])).toEqual(['--route53-port', '--rate-limits']);
    expect(bashComplete(['trafficport', 'apply', 'p.yaml', '--max-'])).toEqual([
      '--max-record-delete',
      '--max-traffic-move',
      '--max-shift',
    ]);
    expect(bashComplete(['trafficport', 'report', 'p.yaml', '--color-by', ''])).toEqual(['cloud', 'endpoint']);
    expect(bashComplete(['trafficport', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
  });

  it('bash completes clouds, regions, and the endpoints, services and regions of the policy on the line', () => {
    assertBuilt();
    // `trafficport` on PATH is the built binary; the policy is the quickstart, in the working directory.
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'trafficport'), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`, { mode: 0o755 });
    copyFileSync(join(ROOT, 'examples', 'quickstart.yaml'), join(dir, 'quickstart.yaml'));
    const complete = (words: readonly string[]) => {
      const script = `source '${scripts.bash}'; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _trafficport; printf '%s\\n' "\${COMPREPLY[@]}"`;
      return execFileSync('bash', ['-c', script], {
        encoding: 'utf8',
        cwd: dir,
        env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
      })
        .split('\n')
        .filter(Boolean);
    };
    const policy = readFileSync(join(ROOT, 'examples', 'quickstart.yaml'), 'utf8');
    const endpoints = [...policy.matchAll(/^ {2}([a-z0-9-]+): \{ cloud:/gm)].map((m) => m[1]);
    expect(endpoints.length).toBeGreaterThan(2);
    expect(complete(['trafficport', 'splits', 'quickstart.yaml', '--down', ''])).toEqual(endpoints);
    expect(complete(['trafficport', 'plan', 'quickstart.yaml', '--down', 'aws-'])).toEqual(
      endpoints.filter((e) => e?.startsWith('aws-')),
    );
    expect(complete(['trafficport', 'splits', 'quickstart.yaml', '--service', ''])).toEqual(['shop.example.com']);
    expect(complete(['trafficport', 'splits', 'quickstart.yaml', '--down-region', ''])).toEqual(
      [...new Set([...policy.matchAll(/region: ([a-z0-9-]+)/g)].map((m) => m[1]))].sort(),
    );
    expect(complete(['trafficport', 'splits', 'quickstart.yaml', '--down-cloud', ''])).toEqual([
      'aws',
      'azure',
      'gcp',
      'onprem',
    ]);
    expect(complete(['trafficport', 'regions', ''])).toEqual(['aws', 'azure', 'gcp']);
    // No policy on the line yet: nothing to offer, and no error printed into the command line.
    expect(complete(['trafficport', 'splits', '--down', ''])).toEqual([]);
  });

  it.skipIf(missing(has('zsh'), 'zsh completion', 'apt-get install zsh'))(
    'zsh loads the script and defines a function per command',
    () => {
      const out = execFileSync(
        'zsh',
        [
          '-c',
          `autoload -Uz compinit && compinit -u -D && source '${scripts.zsh}' && print -l \${(k)functions[(I)_trafficport*]}`,
        ],
        { encoding: 'utf8' },
      );
      expect(out.split('\n')).toEqual(
        expect.arrayContaining(['_trafficport', '_trafficport_report', '_trafficport_mock_serve']),
      );
    },
  );

  it.skipIf(missing(has('fish'), 'fish completion', 'apt-get install fish'))(
    'fish completes commands and flag values',
    () => {
      const complete = (line: string) =>
        execFileSync('fish', ['-c', `source '${scripts.fish}'; complete -C '${line}'`], { encoding: 'utf8' });
      expect(complete('trafficport rep')).toMatch(/^report\twrite a self-contained HTML report/m);
      expect(complete('trafficport report p.yaml --color-by ')).toBe(
        'cloud\tcolor countries by the cloud or the endpoint that serves most of their traffic\nendpoint\tcolor countries by the cloud or the endpoint that serves most of their traffic\n',
      );
      expect(complete('trafficport mock serve --r')).toMatch(/--route53-port/);
    },
  );
});
