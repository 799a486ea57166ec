import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'trafficport';

/**
 * trafficport's own package directory, found by walking up from this module's file. The same code
 * runs from dist/cli/ (what tsc emits) and from a chunk of dist/cli-bundle/ (what bin runs), at
 * different depths, so a fixed `../../` would be right in one layout only. The name check skips
 * any other package.json on the way (a `{"type": "module"}` marker, say).
 */
export function packageRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readManifest(manifest).name === PACKAGE_NAME) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package.json above ${fileURLToPath(from)}`);
    dir = parent;
  }
}

/** The version in trafficport's package.json. */
export function packageVersion(): string {
  const version = readManifest(join(packageRoot(), 'package.json')).version;
  if (typeof version !== 'string') throw new Error(`${PACKAGE_NAME} package.json has no version`);
  return version;
}

function readManifest(file: string): { name?: unknown; version?: unknown } {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
  } catch {
    return {};
  }
}
