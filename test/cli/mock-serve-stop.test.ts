import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChangeResourceRecordSetsCommand, CreateHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMockStateFile } from '../../src/providers/mock/state-read.js';
import type { Route53State } from '../../src/providers/route53/mock/types.js';
import { assertBuilt, BIN } from '../support/binary.js';

/*
 * `mock serve` stopped by a signal while it is busy: many change batches sent at once, the signal
 * sent when the first is answered (the others are then in flight or queued behind it, since the
 * store runs one update at a time). It must stop without running the queue out, exit 128 + the
 * signal, say so on stderr, and leave whole state files: the log compacted into the base, and
 * every batch applied whole or not at all, every answered one applied.
 */
const BATCHES = 20;
const PER_BATCH = 300;
let dir: string;

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tp-serve-stop-'));
});
afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

interface Served {
  readonly child: ChildProcess;
  readonly route53Url: string;
  readonly exit: Promise<{ code: number | null; signal: string | null; stderr: string }>;
}

async function serve(stateDir: string): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'mock', 'serve', '--state-dir', stateDir], {
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exit = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('serving until interrupted')) resolve();
    });
    void exit.then(() => reject(new Error(`mock serve ended: ${stdout}${stderr}`)));
  });
  const route53Url = /TRAFFICPORT_ROUTE53_ENDPOINT=(\S+)/.exec(stdout)?.[1];
  if (route53Url === undefined) throw new Error(`no Route 53 URL in ${stdout}`);
  return { child, route53Url, exit };
}

const names = (batch: number) => Array.from({ length: PER_BATCH }, (_, i) => `b${batch}-r${i}.example.com.`);

describe('mock serve stopped by a signal', () => {
  it('SIGINT while change batches are in flight and queued: exits 130, says so, state files whole', async () => {
    const stateDir = join(dir, 'busy');
    const served = await serve(stateDir);
    const client = new Route53Client({
      endpoint: served.route53Url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'mock', secretAccessKey: 'mock' },
      maxAttempts: 1,
    });
    try {
      const zone = await client.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'stop' }));
      const zoneId = zone.HostedZone?.Id ?? '';
      const answered = new Set<number>();
      let settled = 0;
      const sends = Array.from({ length: BATCHES }, (_, batch) =>
        client
          .send(
            new ChangeResourceRecordSetsCommand({
              HostedZoneId: zoneId,
              ChangeBatch: {
                Changes: names(batch).map((Name, i) => ({
                  Action: 'CREATE' as const,
                  ResourceRecordSet: {
                    Name,
                    Type: 'A' as const,
                    TTL: 60,
                    ResourceRecords: [{ Value: `10.0.${batch}.${i % 250}` }],
                  },
                })),
              },
            }),
          )
          .then(
            () => answered.add(batch),
            () => undefined,
          )
          .finally(() => {
            settled++;
            if (settled === 1) served.child.kill('SIGINT');
          }),
      );
      const { code, signal, stderr } = await served.exit;
      await Promise.all(sends);
      expect(signal).toBeNull();
      expect(code).toBe(130);
      expect(stderr).toContain('stopped on SIGINT');
      expect(stderr).toContain(stateDir);

      // Compacted at the clean close: the base alone is the state, and its log has no entries.
      const base = join(stateDir, 'mock', 'route53.json');
      const log = readFileSync(`${base}.log`, 'utf8').trim().split('\n');
      expect(log).toHaveLength(1);
      const state = readMockStateFile<Route53State>(base);
      const held = new Set(Object.values(state?.zones ?? {}).flatMap((z) => z.recordSets.map((set) => set.name)));
      const applied = Array.from({ length: BATCHES }, (_, batch) => batch).filter((batch) =>
        names(batch).some((name) => held.has(name)),
      );
      for (const batch of applied) expect(names(batch).every((name) => held.has(name))).toBe(true);
      for (const batch of answered) expect(applied).toContain(batch);
      // Stopped without running the queue out: some batches were never applied.
      expect(applied.length).toBeLessThan(BATCHES);
    } finally {
      client.destroy();
      served.child.kill('SIGKILL');
    }
  });

  it('SIGTERM when idle: exits 143 and says so on stderr', async () => {
    const stateDir = join(dir, 'idle');
    const served = await serve(stateDir);
    served.child.kill('SIGTERM');
    const { code, stderr } = await served.exit;
    expect(code).toBe(143);
    expect(stderr).toContain('stopped on SIGTERM');
    expect(existsSync(join(stateDir, 'mock', 'azure-mock-cert.pem'))).toBe(false);
  });
});
