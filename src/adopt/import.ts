import { TrafficportError } from '../errors.js';
import { normalizeName } from '../policy/checks/services.js';
import { loadPolicy } from '../policy/load.js';
import { normalizeProvider } from '../policy/normalize.js';
import { policySchema } from '../policy/schema.js';
import { parsePolicySource } from '../policy/source.js';
import type { Provider } from '../policy/types.js';
import { loadProviderKit } from '../providers/registry.js';
import type { AdapterOptions, ProviderAdapter } from '../providers/types.js';
import { azureTreeOf, readAzureLayout } from './azure-import.js';
import { buildImportedService, type ImportedService, type ProviderLayout } from './build.js';
import type { ExistingEndpoint } from './endpoints.js';
import type { Route53CheckConfig } from './health.js';
import { attachMonitorConfigs, attachRoute53Checks, checksAsNotes } from './health-attach.js';
import { readRoute53Layout } from './route53-import.js';
import { addImported } from './write.js';

export interface ImportResult {
  /** The policy text with the imported services (it validates). */
  readonly text: string;
  readonly services: readonly ImportedService[];
}

/**
 * `trafficport import`: reads what each provider of the policy publishes at each named service
 * and writes the services into the policy, today's split pinned. The policy may have no
 * services yet; its providers and endpoints are read as written (endpoints whose targets match
 * an answer are reused). Refuses a service already in the policy (IMPORT.EXISTS) and one nothing
 * publishes (IMPORT.NOT_FOUND); the result must validate (IMPORT.INVALID otherwise).
 */
export async function importServices(
  text: string,
  file: string,
  names: readonly string[],
  options: AdapterOptions,
): Promise<ImportResult> {
  const raw = rawDocument(text, file);
  const known = new Set((raw.services ?? []).map((s) => normalizeName(s.name)));
  for (const name of names) {
    if (known.has(normalizeName(name)))
      throw new TrafficportError('IMPORT.EXISTS', `service ${normalizeName(name)} is already in ${file}`, {
        hint: 'remove it from the policy to import it again, or adopt it as it is (`trafficport adopt`)',
      });
  }
  const existing: ExistingEndpoint[] = Object.entries(raw.endpoints ?? {}).map(([id, e]) => ({
    id,
    a: e.a,
    aaaa: e.aaaa,
    cname: e.cname,
  }));
  const services: ImportedService[] = [];
  for (const name of names.map(normalizeName)) {
    const layouts = await readLayouts(name, raw.providers, options);
    if (layouts.length === 0) {
      throw new TrafficportError('IMPORT.NOT_FOUND', `no provider of ${file} publishes anything at ${name}`, {
        hint: `providers read: ${raw.providers.map((p) => `${p.id} (${p.type}, zone ${p.zone})`).join(', ')}`,
      });
    }
    const service = buildImportedService(name, layouts, existing);
    existing.push(
      ...service.endpoints.filter((e) => !e.existing).map((e) => ({ id: e.id, a: e.a, aaaa: e.aaaa, cname: e.cname })),
    );
    services.push(service);
  }
  const out = addImported(text, services);
  const check = loadPolicy(out, file);
  if (!check.ok) {
    const errors = check.diagnostics.filter((d) => d.severity === 'error');
    throw new TrafficportError(
      'IMPORT.INVALID',
      `the imported policy would not validate: ${errors.map((d) => `${d.code} at ${d.path ?? '?'}: ${d.message}`).join('; ')}`,
      { hint: 'fix the policy (or the endpoints it names) and import again' },
    );
  }
  return { text: out, services };
}

interface RawDocument {
  readonly providers: Provider[];
  readonly endpoints?: Record<string, { a?: string[]; aaaa?: string[]; cname?: string }>;
  readonly services?: { name: string }[];
}

export function rawDocument(text: string, file: string): RawDocument {
  const parsed = parsePolicySource(text, file);
  const value = parsed.ok ? (parsed.value as Record<string, unknown> | null) : null;
  const providers = policySchema.shape.providers.safeParse(value?.providers);
  if (value === null || !providers.success) {
    throw new TrafficportError('POLICY.INVALID', `${file} has no valid providers section to import through`, {
      hint: `run trafficport validate ${file}`,
    });
  }
  return {
    providers: Object.entries(providers.data).map(([id, p]) => normalizeProvider(id, p)),
    ...(typeof value.endpoints === 'object' && value.endpoints !== null
      ? { endpoints: value.endpoints as RawDocument['endpoints'] & object }
      : {}),
    ...(Array.isArray(value.services) ? { services: value.services as { name: string }[] } : {}),
  };
}

async function readLayouts(
  name: string,
  providers: readonly Provider[],
  options: AdapterOptions,
): Promise<ProviderLayout[]> {
  const layouts: ProviderLayout[] = [];
  for (const provider of providers) {
    if (name !== provider.zone && !name.endsWith(`.${provider.zone}`)) continue;
    const kit = await loadProviderKit(provider.type);
    const adapter = await kit.createAdapter(provider, options);
    try {
      if (provider.type === 'route53') {
        const live = await adapter.read([name]);
        const layout = readRoute53Layout(name, live.foreign);
        const ids = [...new Set([...layout.sources.values()].flatMap((s) => s.healthCheckIds ?? []))].sort();
        const checks = await readChecks(adapter, ids);
        const checked = attachRoute53Checks(layout, checks);
        layouts.push({
          provider: provider.id,
          layout: provider.healthChecks ? checked : checksAsNotes(checked, provider.id),
        });
      } else if (adapter.readPublished !== undefined && provider.type === 'azure') {
        const published = await adapter.readPublished([name]);
        const layout = readAzureLayout(name, provider.zone, published);
        const tree = azureTreeOf(name, provider.zone, provider.trafficManager.resourceGroup, published);
        layouts.push({ provider: provider.id, layout: attachMonitorConfigs(layout, tree) });
      }
    } catch (error) {
      if (error instanceof TrafficportError && error.code === 'IMPORT.NOT_FOUND') continue;
      throw error;
    }
  }
  return layouts;
}

/** The checks named by records, and the children of the CALCULATED ones among them (one level). */
async function readChecks(
  adapter: ProviderAdapter,
  ids: readonly string[],
): Promise<ReadonlyMap<string, Route53CheckConfig>> {
  if (ids.length === 0 || adapter.readHealthChecks === undefined) return new Map();
  const checks = new Map((await adapter.readHealthChecks(ids)) as ReadonlyMap<string, unknown>) as Map<
    string,
    Route53CheckConfig
  >;
  const children = [...checks.values()]
    .flatMap((config) => (config.Type === 'CALCULATED' ? (config.ChildHealthChecks ?? []) : []))
    .filter((child) => !checks.has(child));
  if (children.length === 0) return checks;
  const read = (await adapter.readHealthChecks([...new Set(children)].sort())) as ReadonlyMap<string, unknown>;
  for (const [child, config] of read) checks.set(child, config as Route53CheckConfig);
  return checks;
}
