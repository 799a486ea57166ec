import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, ROOT, runBinary } from '../support/binary.js';

/* `validate` should take one round: every error it can find, and none that follow from another. */
let cwd: string;
const quickstart = readFileSync(join(ROOT, 'examples', 'quickstart.yaml'), 'utf8');

beforeAll(() => {
  assertBuilt();
  cwd = mkdtempSync(join(tmpdir(), 'trafficport-validate-'));
});
afterAll(() => {
  if (cwd !== undefined) rmSync(cwd, { recursive: true, force: true });
});

async function validate(name: string, text: string) {
  writeFileSync(join(cwd, name), text);
  const run = await runBinary(['validate', name, '--json'], { cwd });
  const json = JSON.parse(run.stdout) as { errors: { code: string; path: string; location: { line: number } }[] };
  return { code: run.code, errors: json.errors };
}

function edit(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

describe('validate in one round (built binary)', () => {
  it('reports a schema error and a cross-reference error in other sections together', async () => {
    let text = edit(
      quickstart,
      'endpoints: [aws-use1, aws-fra, az-eus2, az-weu]',
      'endpoints: [aws-use1, aws-fr, az-eus2, az-weu]',
    );
    text = edit(text, 'min: { aws: 10, azure: 10 }', 'min: { aws: ten, azure: 10 }');
    const { code, errors } = await validate('two-kinds.yaml', text);
    expect(code).toBe(1);
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ['POLICY.UNKNOWN_ENDPOINT', 'services[0].endpoints[1]'],
      ['POLICY.INVALID', 'rules.balance[0].min.aws'],
    ]);
  });

  it('skips the checks that read a section the schema refused, so nothing follows from it', async () => {
    // aws-fra's region is not a string: the endpoints fail the schema, so "unknown endpoint" for
    // the services that name it (or any other) would be wrong and is not said.
    const text = edit(
      quickstart,
      'aws-fra: { cloud: aws, region: eu-central-1,',
      'aws-fra: { cloud: aws, region: [eu],',
    );
    const { errors } = await validate('endpoints-refused.yaml', text);
    expect(errors.map((e) => e.code)).toEqual(['POLICY.INVALID']);
    expect(errors[0]!.path).toBe('endpoints.aws-fra.region');
  });

  it('a tab-indented file is one error that names the lines, not a cascade', async () => {
    const tabbed = quickstart.replace(/^ {2}/gm, '\t');
    const expected = tabbed.split('\n').flatMap((line, i) => (line.startsWith('\t') ? [i + 1] : []));
    expect(expected.length).toBeGreaterThan(8);
    writeFileSync(join(cwd, 'tabs.yaml'), tabbed);
    const run = await runBinary(['validate', 'tabs.yaml'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr.match(/^error /gm)?.length).toBe(1);
    expect(run.stderr).toContain(
      `${expected.length} lines are indented with tabs (lines ${expected.slice(0, 8).join(', ')}, …); YAML indents with spaces only`,
    );
    expect(run.stderr).toContain(`tabs.yaml:${expected[0]}:1`);
    expect(run.stderr).toContain('✗ tabs.yaml: 1 error');
    const one = edit(quickstart, '  r53: {', '\tr53: {');
    const single = await validate('one-tab.yaml', one);
    expect(single.errors.length).toBe(1);
    expect(single.errors[0]!.location.line).toBe(one.split('\n').findIndex((line) => line.startsWith('\t')) + 1);
  });
});
