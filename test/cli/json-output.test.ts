import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Splits } from '../../src/solve/types.js';
import { runCli } from '../support/run-cli.js';

const EU = 'examples/eu-sovereignty.yaml';

/** Every name the documentation uses, in its JSON examples or in its lists of fields. */
function documentedKeys(doc: string): Set<string> {
  return new Set([...readFileSync(doc, 'utf8').matchAll(/[A-Za-z0-9]+/g)].map((m) => m[0]));
}

function keysOf(value: unknown, into = new Set<string>(), skipUnder = new Set(['shares', 'clouds'])): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysOf(item, into, skipUnder);
  else if (value !== null && typeof value === 'object') {
    for (const [key, member] of Object.entries(value)) {
      // Member names are camelCase; ids used as keys (endpoints, geographies) are data.
      if (/^[a-z][A-Za-z0-9]*$/.test(key)) into.add(key);
      if (!skipUnder.has(key)) keysOf(member, into, skipUnder);
    }
  }
  return into;
}

describe('JSON output', () => {
  it('is compact when piped and indented with --pretty, the same document either way', async () => {
    const compact = await runCli(['splits', EU, '--json']);
    const pretty = await runCli(['splits', EU, '--json', '--pretty']);
    expect(compact.code).toBe(0);
    expect(compact.stdout.trimEnd()).not.toContain('\n');
    expect(pretty.stdout).toContain('\n  "services": [\n');
    expect(JSON.parse(pretty.stdout)).toEqual(JSON.parse(compact.stdout));
    expect(pretty.stdout).toBe(`${JSON.stringify(JSON.parse(compact.stdout), null, 2)}\n`);
  });

  it('splits --json uses only the members docs/splits-json.md documents; rankings only with --rankings', async () => {
    const plain = JSON.parse((await runCli(['splits', EU, '--json'])).stdout) as Splits;
    const ranked = JSON.parse((await runCli(['splits', EU, '--json', '--rankings'])).stdout) as Splits;
    const documented = documentedKeys('docs/splits-json.md');
    for (const key of keysOf(ranked)) expect(documented, key).toContain(key);
    const kinds = (splits: Splits) =>
      new Set(splits.services.flatMap((s) => s.geographies.flatMap((g) => g.reasons.map((r) => r.kind))));
    expect(kinds(ranked)).toContain('nearest');
    expect(kinds(plain)).not.toContain('nearest');
    // The rest is the same split: dropping the rankings changes nothing else.
    const withoutNearest = ranked.services.map((s) => ({
      ...s,
      geographies: s.geographies.map((g) => ({ ...g, reasons: g.reasons.filter((r) => r.kind !== 'nearest') })),
    }));
    expect(plain.services).toEqual(withoutNearest);
  });

  it('plan --out saves compact JSON, indented with --pretty, and --json prints the same plan', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trafficport-json-'));
    const out = join(dir, 'plan.json');
    const env = { TRAFFICPORT_STATE_DIR: join(dir, 'state') };
    const printed = await runCli(['plan', 'examples/quickstart.yaml', '--json', '--out', out], { env });
    expect(printed.code).toBe(0);
    const saved = readFileSync(out, 'utf8');
    expect(saved.trimEnd()).not.toContain('\n');
    expect(JSON.parse(saved)).toEqual(JSON.parse(printed.stdout));
    await runCli(['plan', 'examples/quickstart.yaml', '--out', out, '--pretty'], { env });
    expect(readFileSync(out, 'utf8')).toBe(`${JSON.stringify(JSON.parse(saved), null, 2)}\n`);
    const documented = documentedKeys('docs/plan-json.md');
    for (const key of keysOf(
      JSON.parse(saved),
      new Set(),
      new Set(['before', 'after', 'groups', 'shares', 'clouds']),
    )) {
      expect(documented, key).toContain(key);
    }
  });

  it('refuses --pretty without --json, and --rankings without --json, before any work (exit 64)', async () => {
    const pretty = await runCli(['splits', 'no-such-policy.yaml', '--pretty']);
    expect(pretty.code).toBe(64);
    expect(pretty.stderr).toContain('--pretty');
    const rankings = await runCli(['splits', 'no-such-policy.yaml', '--rankings']);
    expect(rankings.code).toBe(64);
    expect(rankings.stderr).toContain('--rankings');
  });
});
