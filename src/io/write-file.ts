import { randomBytes } from 'node:crypto';
import { appendFile, link, open, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TrafficportError } from '../errors.js';

export interface WriteOptions {
  readonly overwrite: boolean;
  readonly mode?: number;
  /** What the file is, for messages: 'the plan', 'the apply journal'. */
  readonly what?: string;
  /** Flush the text to the disk before it takes the name (a log that depends on it is flushed too). */
  readonly sync?: boolean;
}

/**
 * Writes a file so that readers see the old content or the new, never a torn mix: the text goes
 * to a temporary file beside the target, then takes its name. With overwrite false, the final
 * step is a hard link, which fails if the target appeared meanwhile; returns false in that case.
 * Whatever fails, the temporary file is removed (a full disk must not stay full because of it),
 * and a file-system failure becomes an error that names the file and the cause.
 */
export async function writeFileAtomic(
  path: string,
  text: string | Iterable<string>,
  options: WriteOptions,
): Promise<boolean> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    if (typeof text === 'string' && options.sync !== true) {
      await writeFile(temporary, text, { mode: options.mode ?? 0o600, flag: 'wx' });
    } else await writePieces(temporary, typeof text === 'string' ? [text] : text, options.mode ?? 0o600, options.sync);
    if (options.overwrite) {
      await rename(temporary, path);
      return true;
    }
    try {
      await link(temporary, path);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  } catch (error) {
    throw writeFailure(error, path, options.what ?? 'the file');
  } finally {
    await rm(temporary, { force: true });
  }
}

/**
 * Appends text to a file (created owner-only), for append-only logs whose reader ignores a last
 * line cut short. A file-system failure becomes an error that names the file, as for writes.
 */
export async function appendFileText(
  path: string,
  text: string,
  options: Omit<WriteOptions, 'overwrite'>,
): Promise<void> {
  try {
    await appendFile(path, text, { mode: options.mode ?? 0o600 });
  } catch (error) {
    throw writeFailure(error, path, options.what ?? 'the file');
  }
}

/** Writes text given in pieces (a large plan), gathered into writes of about 1 MB. */
async function writePieces(path: string, pieces: Iterable<string>, mode: number, sync = false): Promise<void> {
  const handle = await open(path, 'wx', mode);
  try {
    let buffer = '';
    for (const piece of pieces) {
      buffer += piece;
      if (buffer.length >= 1 << 20) {
        await handle.write(buffer);
        buffer = '';
      }
    }
    if (buffer.length > 0) await handle.write(buffer);
    if (sync) await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `text` at byte `offset` of an existing file, cutting off whatever followed (the torn
 * end of a log line a crash left), and flushes it to the disk: the text is acknowledged only
 * once it would survive a power cut. A file-system failure becomes an error naming the file.
 */
export async function writeAtEnd(
  path: string,
  offset: number,
  text: string,
  options: Omit<WriteOptions, 'overwrite' | 'mode' | 'sync'>,
): Promise<void> {
  try {
    const handle = await open(path, 'r+');
    try {
      if ((await handle.stat()).size !== offset) await handle.truncate(offset);
      const data = Buffer.from(text);
      let written = 0;
      while (written < data.length) {
        written += (await handle.write(data, written, data.length - written, offset + written)).bytesWritten;
      }
      await handle.datasync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw writeFailure(error, path, options.what ?? 'the file');
  }
}

/** A file-system failure while writing, as an error a person can act on; others pass through. */
export function writeFailure(error: unknown, path: string, what: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new TrafficportError('IO.DISK_FULL', `cannot write ${what} ${path}: no space left on the device`, {
      hint: 'free some space (nothing was half-written: the previous version, if any, is intact), then run the command again',
      cause: error,
    });
  }
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'the file system is read-only',
    ENOENT: 'its directory does not exist',
    ENOTDIR: 'a part of its path is not a directory',
    EISDIR: 'it is a directory',
    EIO: 'an input/output error',
  };
  if (code !== undefined && reasons[code] !== undefined) {
    return new TrafficportError('IO.WRITE_FAILED', `cannot write ${what} ${path}: ${reasons[code]}`, { cause: error });
  }
  return error;
}
