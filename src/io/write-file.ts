import { randomBytes } from 'node:crypto';
import { link, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that readers see the old content or the new, never a torn mix: the text goes
 * to a temporary file beside the target, then takes its name. With overwrite false, the final
 * step is a hard link, which fails if the target appeared meanwhile; returns false in that case.
 */
export async function writeFileAtomic(
  path: string,
  text: string,
  options: { overwrite: boolean; mode?: number },
): Promise<boolean> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  await writeFile(temporary, text, { mode: options.mode ?? 0o600, flag: 'wx' });
  try {
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
  } finally {
    await rm(temporary, { force: true });
  }
}
