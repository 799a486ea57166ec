import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/error-codes.js';
import { errorCodesMarkdown } from '../../src/ui/markdown/error-codes.js';

const CODE = /\b(?:[A-Z][A-Z0-9]+)\.(?:[A-Z][A-Z0-9]*_?)+\b/g;
const AREAS = new Set(Object.keys(ERROR_CODES).map((code) => code.split('.')[0]));

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => pattern.test(name))
    .map((name) => join(dir, name));
}

/** Codes named in a text: `AREA.NAME` tokens whose area is one of ours (not `Route53.X` or file names). */
function codesIn(text: string): string[] {
  return [...text.matchAll(CODE)].map(([code]) => code).filter((code) => AREAS.has(code.split('.')[0]));
}

describe('error catalogue', () => {
  it('every code the README and docs name is in the catalogue', () => {
    const named = new Map<string, string[]>();
    for (const file of ['README.md', ...files('docs', /\.md$/)]) {
      for (const code of codesIn(readFileSync(file, 'utf8'))) named.set(code, [...(named.get(code) ?? []), file]);
    }
    const unknown = [...named].filter(([code]) => !Object.hasOwn(ERROR_CODES, code));
    expect(unknown).toEqual([]);
    expect(named.size).toBeGreaterThan(20);
  });

  it('every catalogued code is reported somewhere in src/, and every code in src/ is catalogued', () => {
    const source = files('src', /\.tsx?$/)
      .filter((file) => !file.endsWith('error-codes.ts') && !file.includes('/mock/'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const used = new Set(
      [...source.matchAll(/'([A-Z][A-Z0-9]+\.[A-Z][A-Z0-9_]+)'/g)]
        .map(([, code]) => code!)
        .filter((c) => AREAS.has(c.split('.')[0])),
    );
    expect(Object.keys(ERROR_CODES).filter((code) => !used.has(code))).toEqual([]);
    expect([...used].filter((code) => !Object.hasOwn(ERROR_CODES, code))).toEqual([]);
  });

  it('usage errors, and only they, exit 64; an interruption exits 130', () => {
    for (const [code, entry] of Object.entries(ERROR_CODES)) {
      const exit = code.startsWith('USAGE.') ? 'usage' : code.includes('INTERRUPTED_') ? 'interrupted' : 'error';
      expect({ code, exit: entry.exit }).toEqual({ code, exit });
    }
  });

  it('docs/errors.md is generated from the catalogue (run `npm run docs:errors` after changing it)', () => {
    expect(readFileSync('docs/errors.md', 'utf8')).toBe(errorCodesMarkdown());
  });
});
