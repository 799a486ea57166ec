import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { modulesInChunks } from './binary.js';

/**
 * Writes, into `dir`, a loader hook that records every module Node resolves to the file named by
 * TP_MODULE_LOG, and returns the node flags that install it: to prove what a run did not load.
 */
export function moduleLogFlags(dir: string): string[] {
  const hooks = [
    "import { appendFileSync } from 'node:fs';",
    'export async function resolve(specifier, context, next) {',
    '  const result = await next(specifier, context);',
    "  appendFileSync(process.env.TP_MODULE_LOG, result.url + '\\n');",
    '  return result;',
    '}',
  ];
  writeFileSync(join(dir, 'hooks.mjs'), `${hooks.join('\n')}\n`);
  const register = join(dir, 'register.mjs');
  writeFileSync(register, "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n");
  return ['--import', pathToFileURL(register).href];
}

/**
 * The source modules a run loaded, from its TP_MODULE_LOG file. The binary runs the bundle, so
 * the hook sees chunk files; chunks.json says which source modules each chunk holds. Fails if
 * anything came from node_modules/ or the unbundled dist/ instead of the bundle.
 */
export function loadedSourceModules(log: string): string[] {
  const urls = readFileSync(log, 'utf8').split('\n');
  const outside = urls.filter((url) => /\/(node_modules|dist\/(?!cli-bundle\/))/.test(url));
  if (outside.length > 0) throw new Error(`loaded from outside the bundle: ${outside.join(', ')}`);
  return modulesInChunks(urls);
}
