import { createRequire } from 'node:module';
import type { LegacyHighs } from 'highs';

// `highs` ships CommonJS with an ESM-style default export in its typings; load it through
// require so both TypeScript and Node agree on what the default is.
const require = createRequire(import.meta.url);
const highsLoader = require('highs') as () => Promise<LegacyHighs>;

let instance: Promise<LegacyHighs> | undefined;

/** The HiGHS LP solver (WebAssembly), loaded once per test file: the exact reference. */
export function loadHighs(): Promise<LegacyHighs> {
  instance ??= highsLoader();
  return instance;
}
