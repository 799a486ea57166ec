// Bundles the CLI that tsc emitted (dist/cli/main.js) into dist/cli-bundle/, the code that
// bin/trafficport.js runs. Start-up time is dominated by how many modules node resolves, reads and
// compiles (docs/performance.md, "Start-up"), so the dependencies are bundled too: measured, that
// is most of the gain (plan --json: −160 ms against a bundle of dist alone with node_modules left
// external). Code splitting keeps every lazy `import()` lazy, so `--version` and `--json` runs
// never load the chunks of commands, SDKs or the terminal UI they do not use.
//
// Besides the chunks it writes chunks.json: which source modules each chunk holds, so tests and
// benchmarks can tell what a run loaded (a chunk's file name says little); and
// THIRD-PARTY-NOTICES.txt, the licence of every package the bundle carries, which the npm package
// ships with it (their licences ask for that).
//
// Source maps only when asked (TRAFFICPORT_SOURCEMAP=1): they double the package and point into
// dist/, which the package does not ship. Progress goes to stderr, so `npm pack --json` (whose
// prepack runs this) prints nothing but its JSON on stdout.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE_DIR = join(root, 'dist', 'cli-bundle');
const SOURCEMAP = process.env.TRAFFICPORT_SOURCEMAP === '1';

/** Replaces each `from` once in a package's module; fails the build if one is missing (the package changed). */
function edit(code, id, edits) {
  let out = code;
  for (const [from, to] of edits) {
    if (!out.includes(from)) throw new Error(`${id} no longer contains ${from}: review scripts/bundle.mjs`);
    out = out.replace(from, to);
  }
  // Same line count where it matters little: the source map may stay as it is (`map: null`).
  return { code: out, map: null };
}

/**
 * ink turns on React DevTools when DEV=true: it imports react-devtools-core (not a dependency) and
 * reads its own package.json next to its build files, which a bundle does not have, so the
 * terminal UI failed. DEV is a common variable name and trafficport's users are not debugging ink:
 * the shipped CLI keeps ink's dev mode off. That also makes the two top-level awaits of ink's
 * reconciler (the devtools import and the package.json read, both under dev mode) dead code,
 * and a CommonJS bundle can hold no top-level await: they go too.
 */
const inkDevModeOff = {
  name: 'trafficport:ink-dev-mode-off',
  transform: {
    filter: { id: /[\\/]node_modules[\\/]ink[\\/]build[\\/](utils|reconciler)\.js$/ },
    handler(code, id) {
      return edit(
        code,
        id,
        id.endsWith('utils.js')
          ? [["process.env['DEV'] === 'true'", 'false']]
          : [
              ["await import('./devtools.js');", 'void 0;'],
              ['? await loadPackageJson()', '? undefined'],
            ],
      );
    },
  },
};

/**
 * yoga-layout (ink's layout engine) awaits its WebAssembly at the top level of its entry. The
 * bundle is CommonJS (so that Node 20 can cache its compiled code: bin/bundle-loader.cjs), which
 * has no top-level await; Emscripten's `instantiateWasm` hook lets the same embedded bytes be
 * compiled synchronously instead, after which the module object is ready as the await's result
 * would have been.
 */
const yogaSync = {
  name: 'trafficport:yoga-sync',
  transform: {
    filter: { id: /[\\/]node_modules[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/ },
    handler(code, id) {
      const binary = readFileSync(join(id, '..', '..', 'binaries', 'yoga-wasm-base64-esm.js'), 'utf8');
      const base64 = /"data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/.exec(binary)?.[1];
      if (base64 === undefined) throw new Error(`${id}: no embedded WebAssembly found: review scripts/bundle.mjs`);
      const sync = [
        'const yogaModule = { instantiateWasm(imports, receive) {',
        `  const bytes = Buffer.from(${JSON.stringify(base64)}, 'base64');`,
        '  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports);',
        '  receive(instance);',
        '  return instance.exports;',
        '} };',
        'loadYoga(yogaModule);',
        'const Yoga = wrapAssembly(yogaModule);',
      ].join('\n');
      return edit(code, id, [['const Yoga = wrapAssembly(await loadYoga());', sync]]);
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
  plugins: [inkDevModeOff, yogaSync],
  // React (under ink) and other packages pick their production builds, as any shipped bundle does:
  // development builds add checks and warnings meant for people developing those packages.
  transform: { target: 'node20', define: { 'process.env.NODE_ENV': '"production"' } },
  onLog(level, log, handler) {
    if (log.code === 'UNRESOLVED_IMPORT') unresolved.push(log.message);
    handler(level, log);
  },
  output: {
    dir: BUNDLE_DIR,
    // CommonJS: Node 20 can cache the compiled code of scripts (vm.Script) but not of ES modules,
    // and `require` loads the chunks without the ES module loader's per-file work (about a third
    // of plan's start-up together; docs/performance.md). The chunks keep their .js names; the
    // package.json written beside them says they are CommonJS.
    format: 'cjs',
    // Node's built-ins that the SDK imports lazily (`node:http`) as `require`: a dynamic import()
    // from a chunk compiled by bin/bundle-loader.cjs would go through an experimental vm hook.
    dynamicImportInCjs: false,
    // Readable stack traces matter more than bytes: no minification.
    minify: false,
    sourcemap: SOURCEMAP,
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

writeFileSync(join(BUNDLE_DIR, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
const chunks = result.output.filter((item) => item.type === 'chunk');
const manifest = Object.fromEntries(chunks.map((chunk) => [chunk.fileName, chunk.moduleIds.map(moduleName)]));
writeFileSync(join(BUNDLE_DIR, 'chunks.json'), `${JSON.stringify(manifest, null, 1)}\n`);
const notices = thirdPartyNotices(Object.values(manifest).flat());
writeFileSync(join(BUNDLE_DIR, 'THIRD-PARTY-NOTICES.txt'), notices.text);
const kb = chunks.reduce((sum, chunk) => sum + Buffer.byteLength(chunk.code), 0) / 1024;
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.error(
  `bundle: ${chunks.length} chunks, ${Math.round(kb)} KiB, ${notices.count} third-party packages in ${relative(root, BUNDLE_DIR)}/ (${seconds} s)`,
);

/**
 * Every package a bundled module comes from (`node_modules/@scope/name/...`, nested ones too), with
 * its version, licence and licence text. A package without a licence file is named with its
 * licence identifier, and the build fails for one that names no licence at all.
 */
function thirdPartyNotices(modules) {
  const packages = new Map();
  for (const id of modules) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(id);
    if (match) packages.set(match[1], join(root, match[1]));
  }
  const sections = [...packages.values()]
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      const license = typeof manifest.license === 'string' ? manifest.license : manifest.license?.type;
      if (!license) throw new Error(`bundle: ${manifest.name} names no licence`);
      const file = existsSync(dir)
        ? readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name))
        : undefined;
      const text = file === undefined ? '' : `\n${readFileSync(join(dir, file), 'utf8').trim()}\n`;
      return {
        key: `${manifest.name}@${manifest.version}`,
        body: `${manifest.name}@${manifest.version} (${license})\n${text}`,
      };
    })
    .sort((a, b) => a.key.localeCompare(b.key))
    .filter((section, index, all) => index === 0 || all[index - 1].key !== section.key);
  const header =
    'trafficport bundles the following packages into dist/cli-bundle/. Their licences follow.\n' +
    'The world map data (world-atlas, countries-110m.json) is derived from Natural Earth, which is in the public domain.\n';
  return { count: sections.length, text: `${header}\n${sections.map((s) => s.body).join(`\n${'-'.repeat(72)}\n\n`)}` };
}
