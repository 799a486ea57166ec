import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { TrafficportError } from '../errors.js';
import { MAX_POLICY_BYTES } from '../policy/source.js';

/** Reads a user-named input file, turning file-system failures into errors with a fix. */
export async function readInputFile(path: string, cwd: string, what = 'policy'): Promise<string> {
  const full = resolve(cwd, path);
  try {
    const buffer = await readFile(full);
    if (buffer.byteLength > MAX_POLICY_BYTES) {
      throw new TrafficportError(
        'INPUT.TOO_LARGE',
        `the ${what} '${path}' is ${buffer.byteLength} bytes; the limit is ${MAX_POLICY_BYTES}`,
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
