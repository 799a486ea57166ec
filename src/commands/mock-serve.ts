import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ExitCode } from '../cli/exit-codes.js';
import type { CliIo } from '../cli/io.js';
import type { CommandResult } from '../cli/result.js';
import { mockStateDir } from '../cli/state-dir.js';

export interface MockServeFlags {
  readonly stateDir?: string;
  readonly route53Port?: string;
  readonly azurePort?: string;
  /** Turn on the providers' documented rate limits. */
  readonly rateLimits?: boolean;
}

/**
 * Serves the file-backed mock backends on loopback until interrupted, so real SDK clients (and
 * trafficport in other processes, via TRAFFICPORT_ROUTE53_ENDPOINT / TRAFFICPORT_AZURE_ENDPOINT)
 * can reach them over the network like the real services.
 */
export async function runMockServe(flags: MockServeFlags, io: CliIo, until: Promise<void>): Promise<CommandResult> {
  const dir = mockStateDir(io, flags.stateDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const route53 = await import('../providers/route53/mock/index.js');
  const azure = await import('../providers/azure/mock/index.js');
  const r53 = await route53.startRoute53Mock({
    port: Number(flags.route53Port ?? 0),
    store: route53.route53StateFile(join(dir, 'route53.json')),
    ...(flags.rateLimits ? { rateLimit: route53.DOCUMENTED_RATE_LIMIT } : {}),
  });
  const az = await azure.startAzureMock({
    port: Number(flags.azurePort ?? 0),
    store: azure.createAzureMockStore(join(dir, 'azure.json')),
    ...(flags.rateLimits ? { rateLimits: 'documented' as const } : {}),
  });
  const caFile = join(dir, 'azure-mock-ca.pem');
  await writeFile(caFile, az.ca, { mode: 0o600 });
  const info = {
    version: 1,
    stateDir: dir,
    route53: { url: r53.url, env: { TRAFFICPORT_ROUTE53_ENDPOINT: r53.url } },
    azure: { url: az.url, env: { TRAFFICPORT_AZURE_ENDPOINT: az.url, TRAFFICPORT_AZURE_CA: caFile } },
  };
  io.stdout.write(
    `Route 53 mock  ${r53.url}\nAzure mock     ${az.url}\nstate          ${dir}\n\n` +
      `export TRAFFICPORT_ROUTE53_ENDPOINT=${r53.url}\nexport TRAFFICPORT_AZURE_ENDPOINT=${az.url}\nexport TRAFFICPORT_AZURE_CA=${caFile}\n\n` +
      'serving until interrupted (Ctrl-C)\n',
  );
  await until;
  await Promise.all([r53.close(), az.close()]);
  return { exitCode: ExitCode.OK, json: () => info, human: () => 'mock backends stopped\n' };
}
