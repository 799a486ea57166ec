import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/io/io.js';
import type { PlanDocument } from '../../src/plan/types.js';
import { readMockStateFile } from '../../src/providers/mock/state-read.js';

const ROOT = join(import.meta.dirname, '..', '..');
const AT = '2026-12-01T00:00:00Z';
const dir = mkdtempSync(join(tmpdir(), 'trafficport-plan-all-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: readonly string[], tty = false) {
  let stdout = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: tty, columns: 200 } as CliIo['stdout'],
    stderr: { write: () => true, isTTY: tty },
    env: {},
    cwd: dir,
    now: () => Date.parse(AT),
  };
  const code = await main([...argv, '--state-dir', join(dir, 'state'), '--at', AT], io);
  return { code, stdout };
}

interface MockSet {
  name: string;
  setIdentifier?: string;
  weight?: number;
}

/** Someone edits a weighted record in the Route 53 console: its weight goes up by 7. */
function driftOneWeight(): MockSet {
  const file = join(dir, 'state', 'mock', 'route53.json');
  const state = readMockStateFile<{ zones: Record<string, { recordSets: MockSet[] }> }>(file)!;
  const set = Object.values(state.zones)
    .flatMap((zone) => zone.recordSets)
    .find((s) => s.setIdentifier?.startsWith('tp:') && typeof s.weight === 'number' && s.weight > 0)!;
  set.weight! += 7;
  // A plain state written over the base replaces it (and its log) whole.
  writeFileSync(file, JSON.stringify(state));
  return set;
}

describe('plan --all', () => {
  beforeAll(() => {
    copyFileSync(join(ROOT, 'examples', 'eu-sovereignty.yaml'), join(dir, 'policy.yaml'));
  });

  it('lists every change with its values: weights, TTLs, the split each group stands for, Traffic Manager endpoints as rows', async () => {
    const { code, stdout } = await run(['plan', 'policy.yaml', '--all']);
    expect(code).toBe(0);
    const plan = JSON.parse((await run(['plan', 'policy.yaml', '--json'])).stdout) as PlanDocument;
    const changes = plan.providers.reduce((n, p) => n + p.changes.length, 0);
    expect(stdout).not.toContain('more changes');
    // One title line per change, each followed by its values.
    expect(stdout.match(/^ {2}[+~-] /gm)).toHaveLength(changes);
    expect(stdout).toMatch(
      /\+ tp-[0-9a-f]{10}\.api\.example\.eu\. A tp:aws-fra\n +\+ weight \d+ · TTL 60 · 203\.0\.113\.20, 203\.0\.113\.21/,
    );
    expect(stdout).toMatch(
      /\+ geo DE · → (tp-[0-9a-f]{10}\.api\.example\.eu\.) = aws-fra [\d.]+% \(\d+\), az-gwc [\d.]+% \(\d+\)/,
    );
    expect(stdout).toMatch(/\+ Azure DNS api CNAME\n +\+ TTL 60 · alias → Traffic Manager profile tp-api-example-eu/);
    expect(stdout).toMatch(/\+ Geographic · TTL 60 · tp-api-example-eu-[0-9a-f]+\.trafficmanager\.net/);
    expect(stdout).toMatch(/\+ endpoint aws-fra\.1 · external 203\.0\.113\.20 · weight \d+ · (Enabled|Disabled)/);
    // The root maps geographies to the Priority profiles of the default failover backups (p-…),
    // which nest the split's Weighted profile (w-…, no geography of its own).
    expect(stdout).toMatch(
      /\+ endpoint p-[0-9a-f]+ · nested profile tp-w-[0-9a-f]+ \(min 1 healthy\) · Enabled · geo [A-Z]/,
    );
    expect(stdout).toMatch(/\+ endpoint w-[0-9a-f]+ · nested profile tp-w-[0-9a-f]+ \(min 1 healthy\) · Enabled\n/);
    // The group a geography record names is the group whose weighted records the plan creates.
    const group = /geo DE · → (tp-[0-9a-f]{10}\.api\.example\.eu\.)/.exec(stdout)![1]!;
    expect(stdout).toContain(`+ ${group} A tp:aws-fra`);
    expect(plan.providers[0]!.groups?.[group]).toBeDefined();
    expect(stdout).toContain('drift since the last apply: no apply on record');
  });

  it('after an apply shows no drift; a weight changed outside trafficport is shown apart, then put back', async () => {
    expect((await run(['apply', 'policy.yaml', '--auto-approve'])).code).toBe(0);
    const clean = await run(['plan', 'policy.yaml', '--all']);
    expect(clean.stdout).toContain('No changes.');
    expect(clean.stdout).toMatch(/drift since the last apply[^\n]*\n {2}r53: none\n {2}azdns: none/);

    const edited = driftOneWeight();
    const text = (await run(['plan', 'policy.yaml', '--all'])).stdout;
    const drift = text.slice(text.indexOf('drift since the last apply'));
    const title = `${edited.name} A ${edited.setIdentifier}`;
    expect(drift).toContain(`r53: 1 record changed`);
    expect(drift).toContain(`! ${title} (changed)`);
    expect(drift).toMatch(new RegExp(`- weight ${edited.weight! - 7} ·[^\\n]*\\n +\\+ weight ${edited.weight} ·`));
    // The plan itself puts it back.
    expect(text).toMatch(
      new RegExp(
        `~ ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n +- weight ${edited.weight} ·[^\\n]*\\n +\\+ weight ${edited.weight! - 7} ·`,
      ),
    );

    const json = JSON.parse((await run(['plan', 'policy.yaml', '--all', '--json'])).stdout) as PlanDocument;
    expect(json.providers.find((p) => p.provider === 'r53')!.drift).toEqual([
      expect.objectContaining({ action: 'update', key: `route53.rrset|${edited.name}|A|${edited.setIdentifier}` }),
    ]);
    expect(json.providers.find((p) => p.provider === 'azdns')!.drift).toEqual([]);
    // Without --all, the journal is not read and no drift is claimed.
    expect(
      (JSON.parse((await run(['plan', 'policy.yaml', '--json'])).stdout) as PlanDocument).providers[0]!.drift,
    ).toBeUndefined();

    const markdown = (await run(['plan', 'policy.yaml', '--all', '--markdown'])).stdout;
    expect(markdown).toContain('**Drift since the last apply** (changed outside trafficport; the plan puts it back):');
    expect(markdown).toMatch(new RegExp(`\\+ {5}weight ${edited.weight} ·`));

    const terminal = (await run(['plan', 'policy.yaml', '--all'], true)).stdout;
    expect(terminal).toContain('drift since the last apply');
    expect(terminal).toContain('r53: 1 record changed outside trafficport');
    expect(terminal).toMatch(new RegExp(`\\+ weight ${edited.weight} ·`));
  }, 600_000);
});
