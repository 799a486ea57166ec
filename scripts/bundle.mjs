// Bundles the CLI that tsc emitted (dist/cli/main.js) into dist/cli-bundle/, the code that
// bin/trafficport.js runs. Start-up time is dominated by how many modules node resolves, reads and
// compiles (docs/performance.md, "Start-up"), so the dependencies are bundled too: measured, that
// is most of the gain (plan --json: −160 ms against a bundle of dist alone with node_modules left
// external). Code splitting keeps every lazy `import()` lazy, so `--version` and `--json` runs
// never load the chunks of commands, SDKs or the terminal UI they do not use.
//
// Besides the chunks it writes chunks.json: which source modules each chunk holds, so tests and
// benchmarks can tell what a run loaded (a chunk's file name says little).
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE_DIR = join(root, 'dist', 'cli-bundle');

/**
 * ink turns on React DevTools when DEV=true: it imports react-devtools-core (not a dependency) and
 * reads its own package.json next to its build files, which a bundle does not have, so the
 * terminal UI failed. DEV is a common variable name and trafficport's users are not debugging ink:
 * the shipped CLI keeps ink's dev mode off. Fails the build if ink's code no longer matches.
 */
const inkDevModeOff = {
  name: 'trafficport:ink-dev-mode-off',
  transform: {
    filter: { id: /[\\/]node_modules[\\/]ink[\\/]build[\\/]utils\.js$/ },
    handler(code) {
      const check = "process.env['DEV'] === 'true'";
      if (!code.includes(check)) throw new Error(`ink/build/utils.js no longer contains ${check}: review the plugin`);
      // Same lines, so the source map may stay as it is (`map: null`).
      return { code: code.replace(check, 'false'), map: null };
    },
  },
};

const started = performance.now();
rmSync(BUNDLE_DIR, { recursive: true, force: true });
const unresolved = [];
const result = await build({
  input: { main: join(root, 'dist', 'cli', 'main.js') },
  platform: 'node',
  // Packages without an `exports` map name their CommonJS build in `main` and their ES build in
  // `module` (the AWS SDK does). The ES build keeps the SDK's credential providers behind dynamic
  // imports, so they become lazy chunks; the CommonJS build requires them up front.
  resolve: { mainFields: ['module', 'main'] },
  // Only reachable with ink's dev mode, which the plugin turns off.
  external: ['react-devtools-core'],
  plugins: [inkDevModeOff],
  // React (under ink) and other packages pick their production builds, as any shipped bundle does:
  // development builds add checks and warnings meant for people developing those packages.
  transform: { target: 'node20', define: { 'process.env.NODE_ENV': '"production"' } },
  onLog(level, log, handler) {
    if (log.code === 'UNRESOLVED_IMPORT') unresolved.push(log.message);
    handler(level, log);
  },
  output: {
    dir: BUNDLE_DIR,
    format: 'esm',
    // Readable stack traces matter more than bytes: no minification. The maps point into dist/
    // (shipped alongside), for `node --enable-source-maps`; they cost nothing otherwise.
    minify: false,
    sourcemap: true,
    sourcemapExcludeSources: true,
  },
});
// A module that cannot be resolved now is a crash later, when a user reaches it.
if (unresolved.length > 0) {
  rmSync(BUNDLE_DIR, { recursive: true, force: true });
  throw new Error(`bundle: unresolved imports:\n${unresolved.join('\n')}`);
}

/** A module's path from the package root (`node_modules/ink/build/ink.js`); virtual ids as they are. */
function moduleName(id) {
  return id.startsWith('\0') ? id : relative(root, id).replaceAll('\\', '/');
}

const chunks = result.output.filter((item) => item.type === 'chunk');
const manifest = Object.fromEntries(chunks.map((chunk) => [chunk.fileName, chunk.moduleIds.map(moduleName)]));
writeFileSync(join(BUNDLE_DIR, 'chunks.json'), `${JSON.stringify(manifest, null, 1)}\n`);
const kb = chunks.reduce((sum, chunk) => sum + Buffer.byteLength(chunk.code), 0) / 1024;
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`bundle: ${chunks.length} chunks, ${Math.round(kb)} KiB in ${relative(root, BUNDLE_DIR)}/ (${seconds} s)`);
