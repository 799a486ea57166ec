import { renameSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  fileStore,
  fileWrites,
  memoryStore,
  type StateStore,
  type StoreWrites,
} from '../../../src/providers/mock/state-store.js';

/**
 * The stores share one deep-frozen state between readers instead of copying it per request, and
 * the file store caches the parsed file. Neither may cost a guarantee: no reader can change the
 * stored state through what `read` returned, and no read serves a file version that is gone.
 */

interface State {
  version: 1;
  counter: number;
  zones: Record<string, { name: string; sets: { name: string; values: string[] }[] }>;
}

const initial = (): State => ({
  version: 1,
  counter: 0,
  zones: { z1: { name: 'example.com.', sets: [{ name: 'www', values: ['192.0.2.1'] }] } },
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tp-stores-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const stores: [string, () => StateStore<State>][] = [
  ['memoryStore', () => memoryStore(initial())],
  ['fileStore', () => fileStore(join(dir, 'state.json'), initial)],
];

describe.each(stores)('%s: what read returns cannot change the stored state', (_, makeStore) => {
  it('refuses writes at every depth (strict mode: TypeError), and the state stays as it was', async () => {
    const store = makeStore();
    await store.update((state) => {
      state.counter = 1;
    });
    const read = await store.read();
    const zone = read.zones.z1!;
    expect(() => {
      read.counter = 99;
    }).toThrow(TypeError);
    expect(() => {
      read.zones.z2 = { name: 'x.', sets: [] };
    }).toThrow(TypeError);
    expect(() => {
      zone.name = 'evil.';
    }).toThrow(TypeError);
    expect(() => zone.sets.push({ name: 'evil', values: [] })).toThrow(TypeError);
    expect(() => {
      zone.sets[0]!.values[0] = '203.0.113.66';
    }).toThrow(TypeError);
    expect(() => {
      delete read.zones.z1;
    }).toThrow(TypeError);
    expect(await store.read()).toEqual({ ...initial(), counter: 1 });
  });

  it('a snapshot read before an update still shows the state it was read from', async () => {
    const store = makeStore();
    const before = await store.read();
    await store.update((state) => {
      state.zones.z1!.sets[0]!.values.push('192.0.2.2');
      state.zones.z1!.name = 'renamed.';
    });
    expect(before).toEqual(initial());
    expect((await store.read()).zones.z1).toEqual({
      name: 'renamed.',
      sets: [{ name: 'www', values: ['192.0.2.1', '192.0.2.2'] }],
    });
  });

  it('an update that throws half-way changes nothing', async () => {
    const store = makeStore();
    const failed = store.update((state) => {
      state.counter = 5;
      state.zones.z1!.sets.pop();
      throw new Error('refused');
    });
    await expect(failed).rejects.toThrow('refused');
    expect(await store.read()).toEqual(initial());
  });

  it('a draft kept past its update cannot write into the stored state', async () => {
    const store = makeStore();
    let kept: State | undefined;
    await store.update((state) => {
      kept = state;
      state.counter = 1;
    });
    expect(() => {
      kept!.counter = 2;
    }).toThrow(TypeError);
    expect(() => {
      kept!.zones.z1!.name = 'late.';
    }).toThrow(TypeError);
    expect((await store.read()).counter).toBe(1);
    expect((await store.read()).zones.z1!.name).toBe('example.com.');
  });
});

describe('fileStore: the cached state never outlives the file it was parsed from', () => {
  const path = () => join(dir, 'state.json');

  it('reads what another store instance (another process) wrote, even same-sized writes in quick succession', async () => {
    const reader = fileStore(path(), initial);
    const writer = fileStore(path(), initial);
    await writer.update(() => undefined);
    for (let round = 0; round < 40; round++) {
      await reader.read();
      // Two same-length writes in a row: the second can reuse the first version's inode and
      // land in the same timestamp tick, so metadata alone could match the version cached.
      for (const value of [`${round}`.padStart(3, 'a'), `${round}`.padStart(3, 'b')]) {
        await writer.update((state) => {
          state.zones.z1!.sets[0]!.name = value;
        });
      }
      expect((await reader.read()).zones.z1!.sets[0]!.name).toBe(`${round}`.padStart(3, 'b'));
    }
  });

  it('sees versions another process renamed into place, even when inode, size and mtime all repeat', async () => {
    const store = fileStore(path(), initial);
    const old = new Date('2020-01-01T00:00:00Z');
    const write = (counter: number) => {
      // As another trafficport process writes: a temp file renamed over the state file. The
      // third version reuses the inode the first one freed (ext4 hands it straight back), has
      // the same size, and here also the same mtime: only ctime and the content tell them apart.
      writeFileSync(join(dir, 'next.tmp'), JSON.stringify({ ...initial(), counter }));
      renameSync(join(dir, 'next.tmp'), path());
      utimesSync(path(), old, old);
    };
    for (let round = 0; round < 20; round++) {
      const base = 100 + (round % 2) * 300;
      write(base);
      expect((await store.read()).counter).toBe(base);
      write(base + 1);
      write(base + 2);
      expect((await store.read()).counter).toBe(base + 2);
    }
  });

  it('sees a file rewritten in place with the same size and its modification time set back', async () => {
    const store = fileStore(path(), initial);
    await store.update((state) => {
      state.counter = 1;
    });
    const text = await readFile(path(), 'utf8');
    const old = new Date('2020-01-01T00:00:00Z');
    await utimes(path(), old, old);
    expect((await store.read()).counter).toBe(1);
    await writeFile(path(), text.replace('"counter":1', '"counter":3'));
    await utimes(path(), old, old);
    expect((await store.read()).counter).toBe(3);
  });

  it('hands out one shared state while the file is unchanged (no copy, no re-parse)', async () => {
    const store = fileStore(path(), initial);
    await store.update((state) => {
      state.counter = 7;
    });
    const first = await store.read();
    expect(await store.read()).toBe(first);
    expect(await fileStore(path(), initial).read()).toEqual(first);
  });

  it('still reports an unreadable file instead of serving a cached state', async () => {
    const store = fileStore(path(), initial);
    await store.update(() => undefined);
    await store.read();
    await writeFile(path(), '{ not json');
    await expect(store.read()).rejects.toThrow(/is damaged: it is not valid JSON/);
  });

  it('ignores a last log line cut short, and names the log and the line when a whole line is damaged', async () => {
    const store = fileStore(path(), initial, { compactMinBytes: 1e9 });
    for (let counter = 1; counter <= 3; counter++) {
      await store.update((state) => {
        state.counter = counter;
      });
    }
    const log = `${path()}.log`;
    // The header, then changes 1 and 2 (counter 2 and 3; the first update wrote the base).
    const lines = (await readFile(log, 'utf8')).split('\n');
    expect(lines).toHaveLength(4);
    const another = () => fileStore(path(), initial, { privateCache: true });
    await writeFile(log, `${lines[0]}\n${lines[1]}\n${lines[2]!.slice(0, 12)}`);
    expect((await another().read()).counter).toBe(2);
    // The next writer cuts the torn line off before it appends.
    await another().update((state) => {
      state.counter = 9;
    });
    expect((await another().read()).counter).toBe(9);
    await writeFile(log, `${lines[0]}\n{"seq":1,"ops":[{"set":\n${lines[2]}\n`);
    await expect(another().read()).rejects.toMatchObject({
      code: 'MOCK.STATE_CORRUPT',
      message: `the mock state file ${log} is damaged: line 2 is not a change entry`,
    });
  });

  it('a read that lands between an append and its bookkeeping does not make later reads skip or repeat a change', async () => {
    const reader = fileStore(path(), initial);
    // The line is on disk; this process's reader looks before the writer records it.
    const writes: StoreWrites = {
      ...fileWrites,
      async append(file, offset, text) {
        await fileWrites.append(file, offset, text);
        await reader.read();
      },
    };
    const writer = fileStore(path(), initial, { compactMinBytes: 1e9, writes });
    const other = fileStore(path(), initial, { compactMinBytes: 1e9, privateCache: true });
    for (let round = 1; round <= 4; round++) {
      await writer.update((state) => {
        state.counter = round;
      });
      // Another process appends more than a line after it.
      for (const name of ['a', 'bb']) {
        await other.update((state) => {
          state.zones[`${name}${round}`] = { name, sets: [] };
        });
      }
      const read = await reader.read();
      expect(read.counter).toBe(round);
      expect(Object.keys(read.zones)).toHaveLength(1 + 2 * round);
    }
  });
});
