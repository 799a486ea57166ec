import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** One module of src/ and the src/ modules it imports. */
export interface ModuleNode {
  /** Path under src/, e.g. `plan/diff.ts`. */
  readonly path: string;
  /** Every src/ module it imports: static, re-exported, dynamic and type-only. */
  readonly imports: readonly string[];
  /** The imports that exist at run time (type-only imports are erased by the compiler). */
  readonly runtimeImports: readonly string[];
  /** Bare specifiers (`node:fs`, `ink`, `@aws-sdk/client-route-53`). */
  readonly packages: readonly string[];
  readonly text: string;
}

/** An import or re-export statement (group 1: `type ` when type-only; 2: the specifier), or a dynamic import (3). */
const SPECIFIER = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\bfrom\s+)?'([^']+)'|\bimport\(\s*'([^']+)'/gm;

/** Reads every .ts/.tsx file under `srcDir` and resolves its relative imports to files. */
export function readImportGraph(srcDir: string): Map<string, ModuleNode> {
  const root = resolve(srcDir);
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name)) files.push(path);
    }
  };
  walk(root);
  const known = new Set(files);
  const graph = new Map<string, ModuleNode>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const imports = new Set<string>();
    const runtimeImports = new Set<string>();
    const packages = new Set<string>();
    for (const [, typeOnly, staticSpecifier, dynamicSpecifier] of text.matchAll(SPECIFIER)) {
      const specifier = staticSpecifier ?? dynamicSpecifier;
      if (specifier === undefined) continue;
      if (!specifier.startsWith('.')) {
        packages.add(specifier);
        continue;
      }
      const base = resolve(dirname(file), specifier.replace(/\.js$/, ''));
      const hit = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((c) => known.has(c));
      if (hit === undefined) throw new Error(`${relative(root, file)}: cannot resolve '${specifier}'`);
      imports.add(relative(root, hit));
      if (typeOnly === undefined) runtimeImports.add(relative(root, hit));
    }
    const path = relative(root, file);
    graph.set(path, {
      path,
      imports: [...imports].sort(),
      runtimeImports: [...runtimeImports].sort(),
      packages: [...packages].sort(),
      text,
    });
  }
  return graph;
}

/** The top-level folder (layer) of a module: `plan/diff.ts` → `plan`, `errors.ts` → `errors`. */
export function layerOf(path: string): string {
  return path.split('/')[0]!.replace(/\.tsx?$/, '');
}

/** Strongly connected components of more than one module: import cycles. */
export function importCycles(graph: ReadonlyMap<string, { readonly imports: readonly string[] }>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.imports ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}
