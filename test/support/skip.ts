/**
 * For tests that need a program the machine may lack (a browser, a shell): true when the test must
 * be skipped, after saying so and why, so that a skip is never silent. `.ci/run` installs them all.
 */
export function missing(available: boolean, what: string, install: string): boolean {
  if (!available) console.warn(`[skipped] ${what}: not installed on this machine (${install})`);
  return !available;
}
