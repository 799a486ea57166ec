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
