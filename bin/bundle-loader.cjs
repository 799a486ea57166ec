'use strict';
// Loads the bundle (dist/cli-bundle/, CommonJS: scripts/bundle.mjs) with V8's compiled code kept
// between runs, which saves about a third of `plan`'s start-up (docs/performance.md, "Code caching
// on Node 20"). Node >= 22.1 keeps it itself (module.enableCompileCache, in the OS temp dir or
// NODE_COMPILE_CACHE). Node 20 has no such cache, so each chunk is compiled here as a vm.Script
// with the cached data of an earlier run (the technique of v8-compile-cache); the data of chunks
// that had none is written when the process exits, after the run, so it holds the functions the
// run compiled.
//
// The cache is an optimization and never a failure: data that V8 rejects (another V8, other
// flags) is replaced; a directory that cannot be made, is not a private directory of this user, or
// cannot be written means no cache. It is private because V8 runs cached data as bytecode: the OS
// temp dir is shared, and another user's file must never be read. TRAFFICPORT_NO_CODE_CACHE=1
// turns it off (benchmarks measure without it).
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

/** The bundle's entry module (`main(args)` returns the exit code), with the code cache on. */
function loadBundle(bundleDir, version) {
  enableCodeCache(bundleDir, version);
  return require(path.join(bundleDir, 'main.js'));
}

/** Keeps the compiled code of the chunks under `bundleDir` (benchmarks load chunks one by one). */
function enableCodeCache(bundleDir, version) {
  if (process.env.TRAFFICPORT_NO_CODE_CACHE === '1') return;
  if (typeof Module.enableCompileCache === 'function') {
    try {
      Module.enableCompileCache();
    } catch {
      // Starting without a cache is always correct.
    }
    return;
  }
  // Source maps (`node --enable-source-maps`, for a build with TRAFFICPORT_SOURCEMAP=1) are read by
  // Node's own compile step, which the cache replaces: whoever asks for them gets them instead.
  if (process.sourceMapsEnabled === true) return;
  const cacheDir = privateCacheDir(version);
  if (cacheDir !== undefined) cacheCompiledCode(bundleDir + path.sep, cacheDir);
}

/** `<tmp>/trafficport-code-cache-<uid>/<version>-<node>-<arch>`, or undefined when unsafe or absent. */
function privateCacheDir(version) {
  if (typeof process.getuid !== 'function') return undefined;
  const uid = process.getuid();
  const base = path.join(os.tmpdir(), `trafficport-code-cache-${uid}`);
  try {
    try {
      fs.mkdirSync(base, { mode: 0o700 });
    } catch (error) {
      if (error.code !== 'EEXIST') return undefined;
    }
    // Not a symbolic link, owned by this user, and nobody else may write or read it.
    const info = fs.lstatSync(base);
    if (!info.isDirectory() || info.uid !== uid || (info.mode & 0o077) !== 0) return undefined;
    const dir = path.join(base, `${version}-${process.version}-${process.arch}`);
    fs.mkdirSync(dir, { mode: 0o700, recursive: true });
    return dir;
  } catch {
    return undefined;
  }
}

/**
 * Compiles the bundle's chunks (files under `bundlePrefix`) with cached data from `cacheDir`.
 * A chunk's data is named by its file name, size and modification time: V8 matches data to a
 * source by the source's length, not its text, so a rebuilt chunk (a clone's `npm run build`)
 * must not find the data of its predecessor.
 */
function cacheCompiledCode(bundlePrefix, cacheDir) {
  const fresh = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileWithCache(content, filename) {
    if (!filename.startsWith(bundlePrefix)) return compile.call(this, content, filename);
    let file;
    let cachedData;
    try {
      const info = fs.statSync(filename);
      file = path.join(cacheDir, `${path.basename(filename)}-${info.size}-${Math.trunc(info.mtimeMs)}`);
      cachedData = fs.readFileSync(file);
    } catch {
      // No data yet (or no name for it): compiled from source, and saved at exit if named.
    }
    const script = new vm.Script(Module.wrap(content), {
      filename,
      cachedData,
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    if (file !== undefined && (cachedData === undefined || script.cachedDataRejected)) fresh.push({ script, file });
    const requireHere = (id) => this.require(id);
    requireHere.resolve = (request, options) => Module._resolveFilename(request, this, false, options);
    requireHere.main = require.main;
    requireHere.cache = Module._cache;
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(this.exports, this.exports, requireHere, this, filename, path.dirname(filename));
  };
  process.once('exit', () => {
    for (const { script, file } of fresh) {
      try {
        // Whole files only: another run may read the name at any moment.
        const temporary = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(temporary, file);
      } catch {
        return;
      }
    }
  });
}

module.exports = { enableCodeCache, loadBundle };
