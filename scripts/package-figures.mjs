// Measures what a user downloads and installs: packs the package (prepack builds it), installs the
// tarball globally into a throwaway prefix three times, and prints the figures docs/packaging.md
// quotes. test/e2e/package.test.ts checks the same figures, except the install time, which a test
// must not depend on: that one is measured here only.
//
//   node scripts/package-figures.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = mkdtempSync(join(tmpdir(), 'tp-figures-'));
const [pack] = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: root, encoding: 'utf8' }),
);
const tarball = join(out, pack.filename);

/** Every package directory under a node_modules tree (scoped ones counted once). */
function packagesIn(dir) {
  let names = [];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    if (name.startsWith('.')) return [];
    if (name.startsWith('@')) return packagesIn(join(dir, name)).map((inner) => `${name}/${inner}`);
    return [name, ...packagesIn(join(dir, name, 'node_modules'))];
  });
}

function du(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + du(join(path, name)), 0);
}

const seconds = [];
let installed = [];
let bytes = 0;
for (let round = 0; round < 3; round++) {
  const prefix = mkdtempSync(join(tmpdir(), 'tp-prefix-'));
  const started = performance.now();
  execFileSync('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', tarball], {
    stdio: 'ignore',
  });
  seconds.push((performance.now() - started) / 1000);
  installed = packagesIn(join(prefix, 'lib', 'node_modules'));
  bytes = du(join(prefix, 'lib', 'node_modules'));
  rmSync(prefix, { recursive: true, force: true });
}
rmSync(out, { recursive: true, force: true });
seconds.sort((a, b) => a - b);
console.log(
  JSON.stringify(
    {
      node: process.version,
      npm: execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim(),
      files: pack.entryCount,
      packedBytes: pack.size,
      unpackedBytes: pack.unpackedSize,
      installedPackages: installed.length,
      installedBytes: bytes,
      installSecondsMedian: Number(seconds[1].toFixed(2)),
    },
    null,
    2,
  ),
);
