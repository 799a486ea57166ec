import { lstat, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { TrafficportError } from '../errors.js';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import { ensurePrivateDir } from '../io/private-dir.js';
import type { CommandResult } from '../io/result.js';
import { mockStateDir } from '../io/state-dir.js';
import { writeFileAtomic } from '../io/write-file.js';
import { serveMocks } from '../providers/mock-kit.js';
import type { Presenter } from './present.js';

export interface MockServeFlags {
  readonly stateDir?: string;
  readonly route53Port?: string;
  readonly azurePort?: string;
  /** Turn on the providers' documented rate limits. */
  readonly rateLimits?: boolean;
}

/**
 * Serves the file-backed mock backends on loopback until SIGINT or SIGTERM (then exits 130 or
 * 143, saying so on stderr), so real SDK clients (and
 * trafficport in other processes, via TRAFFICPORT_ROUTE53_ENDPOINT / TRAFFICPORT_AZURE_ENDPOINT)
 * can reach them over the network like the real services.
 */
export async function runMockServe(
  flags: MockServeFlags,
  io: CliIo,
  present: Presenter,
  until: Promise<'SIGINT' | 'SIGTERM'>,
): Promise<CommandResult> {
  const dir = mockStateDir(io, flags.stateDir);
  await ensurePrivateDir(dir);
  const mocks = await serveMocks({
    dir,
    route53Port: Number(flags.route53Port ?? 0),
    azurePort: Number(flags.azurePort ?? 0),
    rateLimits: flags.rateLimits === true,
  });
  // Only the certificate is written, for other processes to trust; its key stays in memory, and the
  // file goes when the server does (a later `mock serve` makes a new certificate).
  const caFile = join(dir, 'azure-mock-cert.pem');
  await writeCertificate(caFile, mocks.azureCa).catch(async (error: unknown) => {
    await mocks.close();
    throw error;
  });
  const info = {
    version: 1,
    stateDir: dir,
    route53: { url: mocks.route53Url, env: { TRAFFICPORT_ROUTE53_ENDPOINT: mocks.route53Url } },
    azure: { url: mocks.azureUrl, env: { TRAFFICPORT_AZURE_ENDPOINT: mocks.azureUrl, TRAFFICPORT_AZURE_CA: caFile } },
  };
  const text =
    `Route 53 mock  ${mocks.route53Url}\nAzure mock     ${mocks.azureUrl}\nstate          ${dir}\n\n` +
    `export TRAFFICPORT_ROUTE53_ENDPOINT=${mocks.route53Url}\nexport TRAFFICPORT_AZURE_ENDPOINT=${mocks.azureUrl}\nexport TRAFFICPORT_AZURE_CA=${caFile}\n\n` +
    'serving until interrupted (Ctrl-C)\n';
  await present.show({ exitCode: ExitCode.OK, json: () => info, human: () => text });
  const signal = await until;
  await mocks.close();
  await rm(caFile, { force: true });
  // Stopping is what a signal asks for, yet the shell should see the process was interrupted.
  return {
    exitCode: signal === 'SIGINT' ? ExitCode.INTERRUPTED : ExitCode.TERMINATED,
    json: () => info,
    humanStream: 'stderr',
    human: () =>
      `stopped on ${signal}: the mock backends' state is saved in ${dir} (a change under way was finished; requests still queued were dropped unanswered)\n`,
  };
}

/**
 * Writes the certificate other processes trust. A symbolic link in its place is refused rather
 * than written through (it could point at any file the user can write); the write itself replaces
 * the name (temp file + rename), so a link made meanwhile is replaced, not followed.
 */
async function writeCertificate(file: string, pem: string): Promise<void> {
  const existing = await lstat(file).catch(() => undefined);
  if (existing?.isSymbolicLink()) {
    throw new TrafficportError(
      'IO.SYMLINK_REFUSED',
      `${file} is a symbolic link; mock serve will not write its certificate through it`,
      { hint: `remove ${file}, then run mock serve again` },
    );
  }
  await writeFileAtomic(file, pem, { overwrite: true, mode: 0o600, what: "the Azure mock's certificate" });
}
