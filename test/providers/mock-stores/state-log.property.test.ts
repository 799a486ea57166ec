import { readFileSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMockStateFile } from '../../../src/providers/mock/state-read.js';
import { fileStore, fileWrites, type StoreWrites } from '../../../src/providers/mock/state-store.js';

/**
 * The file store keeps a base and a log of changes (state-log.ts). Whatever the updates, wherever
 * a crash stops a write (a log line cut anywhere, a compaction stopped before or after either of
 * its renames), and however often the log is compacted, the files read back, by a process that
 * never saw the writes, as a plain in-memory model that applied the same updates: all of those
 * acknowledged, and the one a crash interrupted exactly when its write had landed.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface RecordSet {
  name: string;
  type: string;
  values: string[];
}
interface State {
  version: 1;
  sequence: number;
  zones: Record<string, { name: string; recordSets: RecordSet[] }>;
  changes: Record<string, { id: string; at: number }>;
  loose: Record<string, Json>;
}

const initial = (): State => ({
  version: 1,
  sequence: 0,
  zones: {
    Z1: {
      name: 'z1.example.',
      recordSets: ['a', 'api', 'c', 'www'].map((name) => ({ name, type: 'A', values: ['192.0.2.1'] })),
    },
  },
  changes: {},
  loose: {},
});

/** One update, written as code that mutates the state: run on a store draft and on the model alike. */
type Edit = (state: State) => void;

const name = fc.constantFrom('a', 'b', 'c', 'www', 'api', 'x.y');
const zoneId = fc.constantFrom('Z1', 'Z2', 'Z3');
const set = fc.record({
  name,
  type: fc.constantFrom('A', 'CNAME', 'TXT'),
  values: fc.array(fc.string(), { maxLength: 3 }),
});

const edit: fc.Arbitrary<Edit> = fc.oneof(
  zoneId.map(
    (id): Edit =>
      (state) => {
        state.zones[id] ??= { name: `${id.toLowerCase()}.example.`, recordSets: [] };
      },
  ),
  zoneId.map(
    (id): Edit =>
      (state) => {
        delete state.zones[id];
      },
  ),
  fc.tuple(zoneId, set).map(
    ([id, added]): Edit =>
      (state) => {
        const zone = state.zones[id];
        if (zone === undefined) return;
        // As the Route 53 mock does: a new sorted array of the old sets and the new one.
        zone.recordSets = [...zone.recordSets, added].sort((l, r) => l.name.localeCompare(r.name));
      },
  ),
  fc.tuple(zoneId, fc.nat()).map(
    ([id, index]): Edit =>
      (state) => {
        const zone = state.zones[id];
        if (zone !== undefined && zone.recordSets.length > 0) zone.recordSets.splice(index % zone.recordSets.length, 1);
      },
  ),
  fc.tuple(zoneId, fc.nat(), fc.string()).map(
    ([id, index, value]): Edit =>
      (state) => {
        const sets = state.zones[id]?.recordSets ?? [];
        sets[index % Math.max(1, sets.length)]?.values.push(value);
      },
  ),
  fc.constant<Edit>((state) => {
    // Route 53's change history: a new change, the oldest dropped past three.
    state.sequence += 1;
    const id = `C${state.sequence}`;
    state.changes[id] = { id, at: state.sequence };
    const ids = Object.keys(state.changes);
    for (const stale of ids.slice(0, Math.max(0, ids.length - 3))) delete state.changes[stale];
  }),
  fc.tuple(fc.constantFrom('k1', 'k2', 'k3'), fc.jsonValue({ maxDepth: 3 })).map(
    ([key, value]): Edit =>
      (state) => {
        state.loose[key] = value as Json;
      },
  ),
  fc.constantFrom('k1', 'k2', 'k3').map(
    (key): Edit =>
      (state) => {
        // Delete and add back: the key moves to the end, which per-key replay alone would not do.
        const value = state.loose[key];
        if (value === undefined) return;
        delete state.loose[key];
        state.loose[key] = value;
      },
  ),
  fc.constant<Edit>(() => undefined),
);

/** Where a crash stops the next write, and how much of it lands. */
interface Crash {
  /** Writes (appends and replaces) that complete before the crash. */
  readonly after: number;
  /** For an append: the fraction of the line that lands; for a replace: whether the rename happened. */
  readonly landed: number;
}

class Crashed extends Error {}

/** File writes that stop at the crash, and note whether the update's write had landed by then. */
function crashingWrites(crash: Crash | undefined, basePath: string, note: { committed: boolean }): StoreWrites {
  let left = crash?.after ?? Number.POSITIVE_INFINITY;
  return {
    async append(path, offset, text) {
      if (left-- > 0) {
        await fileWrites.append(path, offset, text);
        note.committed = true;
        return;
      }
      // A line cut short: some of its bytes, never all of them (all of them is a write that landed).
      const bytes = Buffer.from(text);
      await cutAndWrite(path, offset, bytes.subarray(0, Math.floor(crash!.landed * bytes.length)));
      throw new Crashed();
    },
    async replace(path, text) {
      const crashesHere = left-- <= 0;
      // A crash stops a replace before its rename, or right after it.
      if (!crashesHere || crash!.landed >= 0.5) {
        await fileWrites.replace(path, text);
        if (path === basePath) note.committed = true;
      }
      if (crashesHere) throw new Crashed();
    },
  };
}

async function cutAndWrite(path: string, offset: number, bytes: Buffer): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.truncate(offset);
    await handle.write(bytes, 0, bytes.length, offset);
  } finally {
    await handle.close();
  }
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tp-state-log-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('file store: base + log against an in-memory model', () => {
  it('reads back as the model after any updates, crashes and compactions (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            edits: fc.array(edit, { minLength: 1, maxLength: 3 }),
            crash: fc.option(fc.record({ after: fc.nat(2), landed: fc.double({ min: 0, max: 0.999, noNaN: true }) }), {
              freq: 4,
            }),
          }),
          { minLength: 1, maxLength: 25, size: 'medium' },
        ),
        fc.integer({ min: 0, max: 3_000 }),
        fc.double({ min: 0, max: 1.5, noNaN: true }),
        async (steps, compactMinBytes, compactRatio) => {
          const path = join(dir, `state-${Math.random().toString(36).slice(2)}.json`);
          let model = initial();
          for (const step of steps) {
            const note = { committed: false };
            const writes = crashingWrites(step.crash ?? undefined, path, note);
            // A store of its own per step: after a crash, the next step is another process.
            const store = fileStore(path, initial, { privateCache: true, compactMinBytes, compactRatio, writes });
            const next = structuredClone(model);
            for (const change of step.edits) change(next);
            const outcome = await store
              .update((draft) => {
                for (const change of step.edits) change(draft);
              })
              .then(
                () => 'done' as const,
                (error: unknown) => {
                  if (!(error instanceof Crashed)) throw error;
                  return 'crashed' as const;
                },
              );
            // An update that changed nothing writes nothing, so it cannot crash.
            if (outcome === 'done' || note.committed) model = next;
            const read = readMockStateFile<State>(path);
            expect(JSON.stringify(read ?? initial())).toBe(JSON.stringify(model));
            if (outcome === 'done') expect(JSON.stringify(await store.read())).toBe(JSON.stringify(model));
          }
          // A clean close: the base alone is the state, and the log is empty.
          const last = fileStore(path, initial, { privateCache: true, compactMinBytes: 0, compactRatio: 0 });
          await last.update((state) => {
            state.sequence += 1;
          });
          model.sequence += 1;
          const base = JSON.parse(readFileSync(path, 'utf8')) as { state: State };
          expect(JSON.stringify(base.state)).toBe(JSON.stringify(model));
          expect(readFileSync(`${path}.log`, 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
        },
      ),
      { numRuns: 60 },
    );
  });
});
