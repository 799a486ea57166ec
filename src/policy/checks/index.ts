import { checkBalance } from './balance.js';
import type { PolicyCheck } from './context.js';
import { checkDemand } from './demand.js';
import { checkEndpoints, checkIds } from './endpoints.js';
import { checkGeography } from './geography.js';
import { checkHealthChecks } from './health.js';
import { checkMaintenance } from './maintenance.js';
import { checkPinned } from './pinned.js';
import { checkServices } from './services.js';
import { checkSovereignty } from './sovereignty.js';

export { runChecks } from './context.js';

/** Every cross-reference check, in the order their findings are reported. */
export const POLICY_CHECKS: readonly PolicyCheck[] = [
  checkIds,
  checkEndpoints,
  checkServices,
  checkHealthChecks,
  checkPinned,
  checkDemand,
  checkGeography,
  checkSovereignty,
  checkBalance,
  checkMaintenance,
];
