import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { TrafficportError } from '../errors.js';

export interface InputFile {
  /** What the file is, for messages: 'policy', 'health file'. */
  readonly what: string;
  /** The most bytes read: a larger file is refused before it is all in memory. */
  readonly maxBytes: number;
}

/** Reads a user-named input file, turning file-system failures into errors with a fix. */
export async function readInputFile(path: string, cwd: string, { what, maxBytes }: InputFile): Promise<string> {
  const full = resolve(cwd, path);
  try {
    const buffer = await readAtMost(full, maxBytes);
    if (buffer === undefined) {
      throw new TrafficportError(
        'INPUT.TOO_LARGE',
        `the ${what} '${path}' is larger than ${maxBytes} bytes, the limit`,
        {
          location: { file: path },
          hint: 'check that the right file was given',
        },
      );
    }
    return buffer.toString('utf8');
  } catch (error) {
    if (error instanceof TrafficportError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : String(code);
    throw new TrafficportError('INPUT.UNREADABLE', `cannot read ${what} '${path}': ${reason}`, {
      location: { file: path },
      hint:
        code === 'ENOENT' && what === 'policy'
          ? 'check the path, or run `trafficport init` to write a starter policy'
          : 'check the path and its permissions',
    });
  }
}

/**
 * The file's bytes, or undefined when it has more than `limit`. Reads no further than the limit:
 * a huge file, or a device that never ends (`/dev/zero`), costs at most `limit` bytes and no hang.
 */
async function readAtMost(path: string, limit: number): Promise<Buffer | undefined> {
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) return Buffer.concat(chunks, total);
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit) return undefined;
    }
  } finally {
    await handle.close();
  }
}
