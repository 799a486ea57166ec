import { checkBalance } from './balance.js';
import type { PolicyCheck } from './context.js';
import { checkDemand } from './demand.js';
import { checkEndpoints, checkIds } from './endpoints.js';
import { checkGeography } from './geography.js';
import { checkHealthChecks } from './health.js';
import { checkMaintenance } from './maintenance.js';
import { checkPinned } from './pinned.js';
import { checkServices } from './services.js';
import { checkSharedAddresses } from './shared-addresses.js';
import { checkSovereignty } from './sovereignty.js';

export { runChecks } from './context.js';

/** Every cross-reference check, in the order their findings are reported. */
export const POLICY_CHECKS: readonly PolicyCheck[] = [
  checkIds,
  checkEndpoints,
  checkServices,
  checkSharedAddresses,
  checkHealthChecks,
  checkPinned,
  checkDemand,
  checkGeography,
  checkSovereignty,
  checkBalance,
  checkMaintenance,
];

/** A part of the policy a check reads: a top-level section, or one kind of rule. */
export type PolicySection =
  | 'providers'
  | 'endpoints'
  | 'services'
  | 'demand'
  | 'rules.geography'
  | 'rules.sovereignty'
  | 'rules.balance'
  | 'rules.maintenance';

/**
 * What each check reads. When the schema refuses part of a file, the checks whose sections all
 * passed still run, so one round shows both kinds of error; the others would misread a section
 * the schema did not accept (an unknown endpoint because the endpoints failed).
 */
export const CHECK_SECTIONS: ReadonlyMap<PolicyCheck, readonly PolicySection[]> = new Map<
  PolicyCheck,
  readonly PolicySection[]
>([
  [checkIds, ['providers', 'endpoints']],
  [checkEndpoints, ['providers', 'endpoints']],
  [checkServices, ['providers', 'endpoints', 'services']],
  [checkSharedAddresses, ['providers', 'endpoints', 'services']],
  [checkHealthChecks, ['providers', 'endpoints', 'services']],
  [checkPinned, ['endpoints', 'services']],
  [checkDemand, ['demand', 'endpoints']],
  [checkGeography, ['rules.geography', 'services']],
  [checkSovereignty, ['endpoints', 'rules.sovereignty']],
  [checkBalance, ['endpoints', 'rules.balance', 'services']],
  [checkMaintenance, ['endpoints', 'rules.maintenance']],
]);
