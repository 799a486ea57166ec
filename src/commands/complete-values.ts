import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { ExitCode } from '../io/exit-codes.js';
import type { CliIo } from '../io/io.js';
import type { CommandResult } from '../io/result.js';

/**
 * `trafficport __complete endpoints|services|regions POLICY`, run by the completion scripts: the
 * names the policy defines, one a line. Read leniently (a policy being written is often invalid
 * somewhere else) and silently: a shell completing a word must never print an error.
 */
export async function runCompleteValues(kind: string, file: string, io: CliIo): Promise<CommandResult> {
  const names = namesOf(kind, await readPolicy(resolve(io.cwd, file)));
  const text = names.length === 0 ? '' : `${names.join('\n')}\n`;
  return { exitCode: ExitCode.OK, human: () => text, json: () => names };
}

async function readPolicy(path: string): Promise<Record<string, unknown>> {
  try {
    const value: unknown = parse(await readFile(path, 'utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function namesOf(kind: string, policy: Record<string, unknown>): string[] {
  const endpoints = record(policy.endpoints);
  if (kind === 'endpoints') return Object.keys(endpoints);
  if (kind === 'regions') {
    const regions = Object.values(endpoints).map((endpoint) => record(endpoint).region);
    return [...new Set(regions.filter((region): region is string => typeof region === 'string'))].sort();
  }
  if (kind === 'services') {
    const services = Array.isArray(policy.services) ? policy.services : [];
    return services.map((service) => record(service).name).filter((name): name is string => typeof name === 'string');
  }
  return [];
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
