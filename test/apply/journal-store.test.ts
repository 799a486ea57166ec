import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Journal, JournalStore } from '../../src/apply/journal.js';

function journalOf(id: string, providers: readonly string[]): Journal {
  const records = (n: number) => [{ kind: 'route53.rrset' as const, key: `k${n}`, body: { n } }];
  return {
    version: 1,
    kind: 'trafficport-journal',
    id,
    startedAt: '2026-12-06T00:00:00Z',
    policySha256: 'abc',
    planAt: '2026-12-06T00:00:00Z',
    stepWaitSeconds: 0,
    status: 'in-progress',
    providers: Object.fromEntries(
      providers.map((p, i) => [
        p,
        {
          before: records(i),
          expectFingerprint: `f${i}`,
          steps: [records(i + 1), records(i + 2)],
          stepsDone: 0,
          status: 'pending' as const,
        },
      ]),
    ),
  };
}

/** One save's worth of progress: a provider moves on, fails, or the journal ends. */
type Move = { readonly provider: number; readonly kind: 'step' | 'fail' | 'check' };
const moveArb: fc.Arbitrary<Move> = fc.record({
  provider: fc.nat({ max: 2 }),
  kind: fc.constantFrom('step' as const, 'fail' as const, 'check' as const),
});

function applyMove(journal: Journal, move: Move): void {
  const entry = Object.values(journal.providers)[move.provider % Object.keys(journal.providers).length]!;
  if (move.kind === 'check') delete entry.expectFingerprint;
  else if (move.kind === 'fail') {
    entry.status = 'failed';
    entry.error = { code: 'PROVIDER.UNAVAILABLE', message: 'down' };
  } else {
    entry.stepsDone = Math.min(entry.stepsDone + 1, entry.steps.length);
    entry.status = entry.stepsDone === entry.steps.length ? 'done' : 'applying';
    delete entry.error;
  }
}

const plain = (journal: Journal) => JSON.parse(JSON.stringify(journal)) as Journal;

/** A store in a new directory that saved journal j1 (one provider), then saved it again after one move. */
async function savedAfter(kind: Move['kind']): Promise<{ dir: string; store: JournalStore; journal: Journal }> {
  const dir = mkdtempSync(join(tmpdir(), 'trafficport-journal-'));
  const store = new JournalStore(dir);
  const journal = journalOf('j1', ['r53']);
  await store.save(journal);
  applyMove(journal, { provider: 0, kind });
  await store.save(journal);
  return { dir, store, journal };
}

describe('JournalStore', () => {
  it('loads exactly the journal of its last save, whatever progress came between (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(moveArb, { maxLength: 12 }), fc.boolean(), async (moves, end) => {
        const dir = mkdtempSync(join(tmpdir(), 'trafficport-journal-'));
        const store = new JournalStore(dir);
        const journal = journalOf('j1', ['r53', 'az', 'r53b']);
        await store.save(journal);
        for (const move of moves) {
          applyMove(journal, move);
          await store.save(journal);
          expect(plain((await new JournalStore(dir).load())!)).toEqual(plain(journal));
        }
        if (end) {
          journal.status = 'failed';
          await store.save(journal);
          // Compacted: the base file alone is the journal.
          expect(JSON.parse(readFileSync(store.path, 'utf8')).status).toBe('failed');
        }
        expect(plain((await new JournalStore(dir).load())!)).toEqual(plain(journal));
      }),
      { numRuns: 60 },
    );
  });

  it('writes the record states once while the journal runs, and appends progress', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trafficport-journal-'));
    const store = new JournalStore(dir);
    const journal = journalOf('j1', ['r53', 'az']);
    await store.save(journal);
    const base = statSync(store.path);
    for (let i = 0; i < 5; i++) {
      applyMove(journal, { provider: i, kind: 'step' });
      await store.save(journal);
    }
    const after = statSync(store.path);
    expect([after.ino, after.mtimeMs, after.size]).toEqual([base.ino, base.mtimeMs, base.size]);
    const log = readFileSync(join(dir, 'current.log'), 'utf8');
    expect(log.trimEnd().split('\n')).toHaveLength(5);
    expect(statSync(join(dir, 'current.log')).mode & 0o777).toBe(0o600);
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
  });

  it('ignores a last line cut short by a crash, and starts the next save from a new base', async () => {
    const { dir, journal } = await savedAfter('check');
    const acknowledged = plain(journal);
    // The process died while appending the next line.
    appendFileSync(join(dir, 'current.log'), '{"id":"j1","seq":9,"status":"in-pro');
    const resumed = new JournalStore(dir);
    const loaded = (await resumed.load())!;
    expect(plain(loaded)).toEqual(acknowledged);
    applyMove(loaded, { provider: 0, kind: 'step' });
    await resumed.save(loaded);
    expect(plain((await new JournalStore(dir).load())!)).toEqual(plain(loaded));
  });

  it('skips log lines the base already holds and lines of another journal', async () => {
    const { dir, store, journal } = await savedAfter('step');
    const staleLog = readFileSync(join(dir, 'current.log'), 'utf8');
    journal.status = 'failed';
    await store.save(journal); // compaction: base written, log removed
    // A crash between the two steps would have left the old log beside the new base.
    writeFileSync(join(dir, 'current.log'), `${staleLog}{"id":"other","seq":99,"status":"done","providers":{}}\n`);
    expect(plain((await new JournalStore(dir).load())!)).toEqual(plain(journal));
  });

  it('archives the whole journal as one file and leaves no log', async () => {
    const { dir, store, journal } = await savedAfter('step');
    const archived = await store.archive(journal);
    const saved = JSON.parse(readFileSync(archived, 'utf8'));
    delete saved.logSeq;
    expect(saved).toEqual(plain(journal));
    expect(await store.load()).toBeUndefined();
    expect(() => statSync(join(dir, 'current.log'))).toThrow();
  });
});
