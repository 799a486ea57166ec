import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { modulesInChunks } from './binary.js';

/**
 * Writes, into `dir`, hooks that record every module Node resolves to the file named by
 * TP_MODULE_LOG, and returns the node flags that install them: to prove what a run did not load.
 * Two hooks, since the binary is an ES module and the bundle it loads is CommonJS: a loader hook
 * for `import`, and a preload that wraps the CommonJS resolver for `require` (which the loader
 * hooks of Node 20 do not see).
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
  const requireLog = [
    "'use strict';",
    "const { appendFileSync } = require('node:fs');",
    "const Module = require('node:module');",
    "const { isAbsolute } = require('node:path');",
    "const { pathToFileURL } = require('node:url');",
    'const resolve = Module._resolveFilename;',
    'Module._resolveFilename = function (...args) {',
    '  const file = resolve.apply(this, args);',
    "  if (isAbsolute(file)) appendFileSync(process.env.TP_MODULE_LOG, pathToFileURL(file).href + '\\n');",
    '  return file;',
    '};',
  ];
  const preload = join(dir, 'require-log.cjs');
  writeFileSync(preload, `${requireLog.join('\n')}\n`);
  return ['--import', pathToFileURL(register).href, '--require', preload];
}

/**
 * The source modules a run loaded, from its TP_MODULE_LOG file. The binary runs the bundle, so
 * the hooks see chunk files; chunks.json says which source modules each chunk holds. Fails if
 * anything came from node_modules/ or the unbundled dist/ instead of the bundle.
 */
export function loadedSourceModules(log: string): string[] {
  const urls = readFileSync(log, 'utf8').split('\n');
  const outside = urls.filter((url) => /\/(node_modules|dist\/(?!cli-bundle\/))/.test(url));
  if (outside.length > 0) throw new Error(`loaded from outside the bundle: ${outside.join(', ')}`);
  return modulesInChunks(urls);
}
