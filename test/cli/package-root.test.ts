import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot, packageVersion } from '../../src/io/package-root.js';

const ROOT = join(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'trafficport-root-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('packageRoot', () => {
  it('finds the package from the tsc output and from a bundle chunk alike', () => {
    for (const file of ['dist/cli/main.js', 'dist/cli-bundle/main.js', 'dist/cli-bundle/chunks/deeper.js']) {
      expect(packageRoot(pathToFileURL(join(ROOT, file)).href)).toBe(ROOT);
    }
  });

  it("skips another package's package.json on the way up", () => {
    const pkg = join(scratch, 'pkg');
    mkdirSync(join(pkg, 'dist', 'bundle'), { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'trafficport', version: '9.9.9' }));
    writeFileSync(join(pkg, 'dist', 'package.json'), JSON.stringify({ type: 'module' }));
    expect(packageRoot(pathToFileURL(join(pkg, 'dist', 'bundle', 'main.js')).href)).toBe(pkg);
  });

  it('reads the version of this checkout', () => {
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
