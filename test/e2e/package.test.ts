import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_NAMES } from '../../src/io/example-names.js';
import { createLoopbackCertificate } from '../../src/providers/azure/mock/tls/loopback-certificate.js';
import { ROOT } from '../support/binary.js';
import { cleanEnv, type Packed, packWorkingTree } from '../support/pack.js';

/*
 * The package as a user gets it: `npm pack` of the working tree (its prepack builds), the tarball
 * installed globally into a throwaway prefix (npm's registry is the only network it may use, and
 * with no dependencies it needs none), and the CLI run from a directory that is not the clone.
 */

let packed: Packed;
let unpacked: string;
let prefix: string;
let work: string;
const bin = () => join(prefix, 'bin', 'trafficport');

beforeAll(async () => {
  packed = await packWorkingTree();
  unpacked = mkdtempSync(join(tmpdir(), 'tp-unpacked-'));
  execFileSync('tar', ['-xzf', packed.tarball, '-C', unpacked]);
  prefix = mkdtempSync(join(tmpdir(), 'tp-prefix-'));
  execFileSync('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', packed.tarball], {
    env: cleanEnv(),
    cwd: prefix,
    stdio: 'pipe',
    timeout: 180_000,
  });
  work = mkdtempSync(join(tmpdir(), 'tp-user-'));
}, 600_000);

afterAll(() => {
  for (const dir of [packed?.source, unpacked, prefix, work, packed && join(packed.tarball, '..')]) {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
});

/** Every file under `dir`, as paths relative to it. */
function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

/** The figures table of docs/packaging.md: figure name → its first number. */
function documentedFigures(): Record<string, number> {
  const text = readFileSync(join(ROOT, 'docs', 'packaging.md'), 'utf8');
  const section = text.slice(text.indexOf('## Figures'));
  return Object.fromEntries(
    [...section.matchAll(/^\| ([a-z ]+) \| ([\d,.]+)/gm)].map((m) => [m[1]!, Number(m[2]!.replaceAll(',', ''))]),
  );
}

/** Package directories under a node_modules tree (scoped ones counted once). */
function packagesIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name): string[] => {
    if (name.startsWith('.')) return [];
    if (name.startsWith('@')) return packagesIn(join(dir, name)).map((inner) => `${name}/${inner}`);
    return [name, ...packagesIn(join(dir, name, 'node_modules'))];
  });
}

/** PEM private keys of any kind (PKCS#8, EC, RSA, OpenSSH, encrypted). */
const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;

describe('npm pack', () => {
  it('prints valid JSON on stdout, its prepack build included', () => {
    expect(() => JSON.parse(packed.stdout)).not.toThrow();
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(packed.result).toMatchObject({ name: 'trafficport', version: manifest.version });
  });

  it('holds the bundle, schema, examples, README and licence, and nothing else', () => {
    const paths = packed.result.files.map((f) => f.path).sort();
    const allowed = [
      /^bin\/(trafficport\.js|bundle-loader\.cjs)$/,
      /^dist\/cli-bundle\/([^/]+\.js|package\.json)$/,
      /^dist\/cli-bundle\/THIRD-PARTY-NOTICES\.txt$/,
      /^schema\/policy\.schema\.json$/,
      /^examples\/[^/]+\.yaml$/,
      /^examples\/ci\/[^/]+\.yml$/,
      /^examples\/adopt\/[^/]+\.(yaml|json)$/,
      /^(README\.md|LICENSE|package\.json)$/,
    ];
    expect(paths.filter((path) => !allowed.some((pattern) => pattern.test(path)))).toEqual([]);
    const needed = ['bin/trafficport.js', 'bin/bundle-loader.cjs', 'dist/cli-bundle/main.js'];
    // The chunks are CommonJS: without the package.json beside them, Node would read them as ES modules.
    for (const file of [...needed, 'dist/cli-bundle/package.json', 'LICENSE', 'README.md']) {
      expect(paths).toContain(file);
    }
    expect(paths).toEqual(expect.arrayContaining(EXAMPLE_NAMES.map((name) => `examples/${name}.yaml`)));
    // Every chunk the build wrote is shipped (a missing lazy chunk would fail only when reached).
    const built = Object.keys(
      JSON.parse(readFileSync(join(packed.source, 'dist', 'cli-bundle', 'chunks.json'), 'utf8')) as object,
    );
    expect(built.length).toBeGreaterThan(10);
    for (const chunk of built) expect(paths).toContain(`dist/cli-bundle/${chunk}`);
    expect(paths.filter((path) => path.endsWith('.map'))).toEqual([]);
  });

  it('has no private key in any file (and the scan finds one where there is one)', () => {
    // The control: a key made the way the Azure mock makes its own is what the scan looks for.
    expect(PRIVATE_KEY.test(createLoopbackCertificate().key)).toBe(true);
    const files = filesIn(unpacked);
    expect(files.length).toBe(packed.result.entryCount);
    const withKeys = files.filter((file) => PRIVATE_KEY.test(readFileSync(join(unpacked, file), 'latin1')));
    expect(withKeys).toEqual([]);
  });

  it('publishes a manifest without dependencies or install scripts', () => {
    const manifest = JSON.parse(readFileSync(join(unpacked, 'package', 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
      bundleDependencies?: unknown;
      scripts?: Record<string, string>;
      bin?: Record<string, string>;
    };
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.optionalDependencies ?? {}).toEqual({});
    expect(manifest.peerDependencies ?? {}).toEqual({});
    expect(manifest.bundleDependencies).toBeUndefined();
    const lifecycle = ['preinstall', 'install', 'postinstall', 'prepare', 'preprepare', 'postprepare'];
    expect(Object.keys(manifest.scripts ?? {}).filter((name) => lifecycle.includes(name))).toEqual([]);
    expect(manifest.bin).toEqual({ trafficport: 'bin/trafficport.js' });
  });

  it('matches the figures in docs/packaging.md', () => {
    const docs = documentedFigures();
    const near = (actual: number, documented: number | undefined) => {
      expect(documented, 'figure missing from docs/packaging.md').toBeDefined();
      expect(Math.abs(actual - documented!) / documented!).toBeLessThanOrEqual(0.15);
    };
    near(packed.result.entryCount, docs.files);
    near(packed.result.size, docs['packed size']);
    near(packed.result.unpackedSize, docs['unpacked size']);
    const installed = packagesIn(join(prefix, 'lib', 'node_modules'));
    expect(installed).toEqual(['trafficport']);
    expect(docs['installed packages']).toBe(installed.length);
  });
});

describe('installed from the tarball into a throwaway prefix', () => {
  function run(args: readonly string[], options: { path?: boolean } = {}) {
    return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const command = options.path ? 'trafficport' : bin();
      const env = cleanEnv({ PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}` });
      execFile(command, args, { cwd: work, env, timeout: 120_000 }, (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
      );
    });
  }

  it('installs nothing but itself: no dependencies fetched or run', () => {
    const installed = join(prefix, 'lib', 'node_modules', 'trafficport');
    expect(statSync(installed).isDirectory()).toBe(true);
    expect(readdirSync(installed).sort()).toEqual([
      'LICENSE',
      'README.md',
      'bin',
      'dist',
      'examples',
      'package.json',
      'schema',
    ]);
  });

  it('runs --version, init, validate, plan and report from a directory that is not the clone', async () => {
    expect(relative(ROOT, work).startsWith('..')).toBe(true);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const version = await run(['--version'], { path: true });
    expect(version).toMatchObject({ code: 0, stdout: `${manifest.version}\n` });

    const starter = await run(['init']);
    expect(starter.code, starter.stderr).toBe(0);
    const example = await run(['init', 'examples', '--example', 'quickstart']);
    expect(example.code, example.stderr).toBe(0);
    expect(example.stdout).toContain('wrote examples/quickstart.yaml');
    expect(readFileSync(join(work, 'examples', 'quickstart.yaml'), 'utf8')).toMatch(
      /^# yaml-language-server: \$schema=\.\/trafficport\.schema\.json\n/,
    );

    for (const policy of ['trafficport.yaml', 'examples/quickstart.yaml']) {
      const valid = await run(['validate', policy]);
      expect(valid.code, valid.stderr).toBe(0);
      expect(valid.stdout).toContain(`✓ ${policy} is valid`);
    }

    const plan = await run(['plan', 'examples/quickstart.yaml', '--at', '2026-12-01T00:00Z', '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    const document = JSON.parse(plan.stdout) as { kind: string; providers: { changes: unknown[] }[] };
    expect(document.kind).toBe('trafficport-plan');
    expect(document.providers[0]!.changes.length).toBeGreaterThan(0);

    mkdirSync(join(work, 'out'), { recursive: true });
    const report = await run(['report', 'examples/quickstart.yaml', '--html', 'out/report.html']);
    expect(report.code, report.stderr).toBe(0);
    const html = readFileSync(join(work, 'out', 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html.match(/<path /g)?.length ?? 0).toBeGreaterThan(100); // the countries of the bundled world map
  });
});
