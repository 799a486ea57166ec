import { describe, expect, it } from 'vitest';
import { importCycles, layerOf, type ModuleNode, readImportGraph } from '../support/import-graph.js';

/*
 * The architecture as the imports must draw it. Each top-level folder of src/ is a layer and may
 * import only the layers listed for it; the list itself is a DAG (checked below), so no folder
 * cycle can form. The core (policy → solve → render → plan, with geo, the resolver model and
 * util) imports nothing of the outer layers: no providers, commands, cli, ui, and no I/O.
 */
const CORE = ['util', 'error-codes', 'errors', 'geo', 'policy', 'solve', 'render', 'plan', 'resolver'] as const;

const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  util: [],
  /** The catalogue of codes, and the error type that carries them. */
  'error-codes': [],
  errors: ['error-codes'],
  geo: ['util', 'error-codes', 'errors'],
  policy: ['geo', 'util', 'error-codes', 'errors'],
  solve: ['policy', 'geo', 'util', 'error-codes', 'errors'],
  render: ['solve', 'policy', 'geo', 'util', 'error-codes', 'errors'],
  plan: ['render', 'solve', 'policy', 'geo', 'util', 'error-codes', 'errors'],
  resolver: ['plan', 'render', 'solve', 'policy', 'geo', 'util', 'error-codes', 'errors'],
  /** The process edge a command sees: streams, clock, files, exit codes. */
  io: ['util', 'error-codes', 'errors'],
  providers: ['io', ...CORE],
  inputs: ['io', ...CORE],
  apply: ['providers', 'io', ...CORE],
  publish: ['apply', 'providers', 'inputs', 'io', ...CORE],
  /** Taking over what other tools published: import and adopt. */
  adopt: ['publish', 'apply', 'providers', 'inputs', 'io', ...CORE],
  report: [...CORE],
  ui: ['apply', 'report', 'io', ...CORE],
  commands: ['adopt', 'publish', 'apply', 'providers', 'inputs', 'report', 'ui', 'io', ...CORE],
  cli: ['commands', 'adopt', 'publish', 'ui', 'io', ...CORE],
};

/** What the core may not use: the file system, the process, the network, SDKs and the terminal. */
const CORE_FORBIDDEN_PACKAGES = [
  /^node:(fs|child_process|net|http|https|os|process|readline|tty)/,
  /^@aws-sdk\//,
  /^@azure\//,
  /^ink/,
  /^react/,
];
/** The clock and the process, read in code (comments are stripped first). */
const CORE_FORBIDDEN_CODE = [/\bprocess\./, /\bDate\.now\(/, /\bnew Date\(\)/];

/** A mock's modules are for its own folder, the provider's wiring (kit, client) and tests only. */
function mayImportMock(importer: string, mock: string): boolean {
  const [, provider] = mock.split('/');
  if (importer.startsWith(`providers/${provider}/mock/`)) return true;
  return (
    importer === 'providers/mock-kit.ts' ||
    ['kit.ts', 'client.ts', 'sdk-client.ts'].some((file) => importer === `providers/${provider}/${file}`)
  );
}

const isMock = (path: string) => /^providers\/[^/]+\/mock\//.test(path);
/** Command modules export a `runX` entry point; the others in commands/ are shared helpers. */
const isCommand = (node: ModuleNode) =>
  node.path.startsWith('commands/') && /export async function run[A-Z]|export function run[A-Z]/.test(node.text);

function layerViolations(graph: ReadonlyMap<string, ModuleNode>): string[] {
  const problems: string[] = [];
  for (const node of graph.values()) {
    const from = layerOf(node.path);
    const allowed = ALLOWED[from];
    if (allowed === undefined) problems.push(`${node.path}: folder '${from}' has no place in the layer list`);
    for (const target of node.imports) {
      const to = layerOf(target);
      if (to !== from && allowed !== undefined && !allowed.includes(to)) {
        problems.push(`${node.path} imports ${target}: '${from}' may not import '${to}'`);
      }
      if (isMock(target) && !mayImportMock(node.path, target)) {
        problems.push(`${node.path} imports the mock module ${target}`);
      }
      const imported = graph.get(target);
      if (imported !== undefined && isCommand(imported) && node.path.startsWith('commands/') && node.path !== target) {
        problems.push(`${node.path} imports the command ${target}: shared code belongs outside the commands`);
      }
    }
    if ((CORE as readonly string[]).includes(from)) {
      for (const pkg of node.packages) {
        if (CORE_FORBIDDEN_PACKAGES.some((p) => p.test(pkg))) problems.push(`${node.path}: the core imports '${pkg}'`);
      }
      const code = node.text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      for (const pattern of CORE_FORBIDDEN_CODE) {
        if (pattern.test(code)) problems.push(`${node.path}: the core uses ${pattern.source}`);
      }
    }
  }
  return problems.sort();
}

describe('layers', () => {
  const graph = readImportGraph('src');

  it('reads the whole source tree', () => {
    expect(graph.size).toBeGreaterThan(200);
    expect(graph.get('cli/main.ts')?.imports).toContain('cli/program.ts');
  });

  it('every import goes down the layer list; no mock outside its wiring; no command imports another', () => {
    expect(layerViolations(graph)).toEqual([]);
  });

  it('has no import cycles: between modules at run time, between folders at all', () => {
    // Type-only imports are erased when compiled, so they cannot make a load-order cycle; between
    // folders they still count, since a folder that needs another's types depends on it.
    const runtime = new Map([...graph].map(([path, node]) => [path, { imports: node.runtimeImports }]));
    expect(importCycles(runtime)).toEqual([]);
    const folders = new Map<string, { imports: string[] }>();
    for (const node of graph.values()) {
      const entry = folders.get(layerOf(node.path)) ?? { imports: [] };
      entry.imports.push(...node.imports.map(layerOf).filter((l) => l !== layerOf(node.path)));
      folders.set(layerOf(node.path), entry);
    }
    expect(importCycles(folders)).toEqual([]);
  });

  it('the allowed layers themselves form no cycle', () => {
    const allowed = new Map(Object.entries(ALLOWED).map(([layer, deps]) => [layer, { imports: [...deps] }]));
    expect(importCycles(allowed)).toEqual([]);
  });

  it('the checks catch what they are for (a synthetic tree with one of each fault)', () => {
    const node = (path: string, imports: string[], text = '', packages: string[] = []): [string, ModuleNode] => [
      path,
      { path, imports, runtimeImports: imports, packages, text },
    ];
    const bad = new Map([
      node('plan/diff.ts', ['providers/types.ts'], 'const t = Date.now();', ['node:fs']),
      node('providers/types.ts', ['plan/diff.ts']),
      node('render/geo.ts', ['providers/azure/mock/geo.ts']),
      node('providers/azure/mock/geo.ts', []),
      node('commands/watch.ts', ['commands/apply.ts'], 'export async function runWatch() {}'),
      node('commands/apply.ts', [], 'export async function runApply() {}'),
    ]);
    const found = layerViolations(bad);
    expect(found).toEqual(
      expect.arrayContaining([
        "plan/diff.ts imports providers/types.ts: 'plan' may not import 'providers'",
        "plan/diff.ts: the core imports 'node:fs'",
        'plan/diff.ts: the core uses \\bDate\\.now\\(',
        "render/geo.ts imports providers/azure/mock/geo.ts: 'render' may not import 'providers'",
        'render/geo.ts imports the mock module providers/azure/mock/geo.ts',
        'commands/watch.ts imports the command commands/apply.ts: shared code belongs outside the commands',
      ]),
    );
    expect(importCycles(bad)).toEqual([['plan/diff.ts', 'providers/types.ts']]);
  });
});
