import { TrafficportError } from '../errors.js';

/** The environment variable that bounds the waits of one Azure call (seconds), and its default. */
export const AZURE_RETRY_WAIT_ENV = 'TRAFFICPORT_AZURE_MAX_RETRY_WAIT';
export const DEFAULT_RETRY_WAIT_SECONDS = 120;

/** The bound in milliseconds from the environment, or the default; a bad value is a usage error. */
/** Checked when a command starts (a usage error, before any work), and read by the Azure clients. */
export function retryWaitBound(env: Readonly<Record<string, string | undefined>>): number {
  const text = env[AZURE_RETRY_WAIT_ENV];
  if (text === undefined || text === '') return DEFAULT_RETRY_WAIT_SECONDS * 1000;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new TrafficportError('USAGE.BAD_ENV', `${AZURE_RETRY_WAIT_ENV}='${text}' is not a number of seconds`, {
      hint: `set it to the longest an Azure call may wait to retry, e.g. ${DEFAULT_RETRY_WAIT_SECONDS}`,
    });
  }
  return seconds * 1000;
}
