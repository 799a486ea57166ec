import { badRequest, isObject } from './wire.js';

/**
 * `monitorConfig` as Traffic Manager accepts it (REST spec 2022-04-01 `MonitorConfig`; Microsoft
 * Learn "Traffic Manager endpoint monitoring"): protocol HTTP, HTTPS or TCP; interval 30 or 10 s;
 * timeout 5–10 s with a 30 s interval and 5–9 s with a 10 s one; 0–9 tolerated failures; a path
 * for HTTP(S) only ("providing this setting for the TCP monitoring protocol results in an error");
 * up to eight custom headers and eight expected status code ranges, codes 100–999. The error
 * codes and wording are UNCONFIRMED (400 `BadRequest` here).
 */
const PROTOCOLS = ['HTTP', 'HTTPS', 'TCP'];
const MAX_ITEMS = 8;

export function checkMonitorConfig(config: Record<string, unknown>): void {
  const protocol = String(config.protocol).toUpperCase();
  if (!PROTOCOLS.includes(protocol)) throw badRequest(`The monitor protocol '${String(config.protocol)}' is invalid.`);
  const interval = config.intervalInSeconds;
  if (interval !== 10 && interval !== 30) throw badRequest('The monitor interval must be 10 or 30 seconds.');
  const timeout = Number(config.timeoutInSeconds);
  const maxTimeout = interval === 10 ? 9 : 10;
  if (!Number.isInteger(timeout) || timeout < 5 || timeout > maxTimeout) {
    throw badRequest(
      `The monitor timeout must be between 5 and ${maxTimeout} seconds for a ${interval}-second interval.`,
    );
  }
  const tolerated = Number(config.toleratedNumberOfFailures);
  if (!Number.isInteger(tolerated) || tolerated < 0 || tolerated > 9) {
    throw badRequest('The tolerated number of failures must be between 0 and 9.');
  }
  if (protocol === 'TCP' && config.path !== undefined && config.path !== null) {
    throw badRequest('A monitor path cannot be specified for the TCP protocol.');
  }
  const port = Number(config.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw badRequest('The monitor port must be 1 to 65535.');
  checkList(
    config.customHeaders,
    'custom headers',
    (item) => typeof item.name === 'string' && typeof item.value === 'string',
  );
  checkList(config.expectedStatusCodeRanges, 'expected status code ranges', (item) => {
    const { min, max } = item as { min?: unknown; max?: unknown };
    return typeof min === 'number' && typeof max === 'number' && min >= 100 && max <= 999 && min <= max;
  });
}

function checkList(value: unknown, what: string, valid: (item: Record<string, unknown>) => boolean): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value) || value.length > MAX_ITEMS) throw badRequest(`At most ${MAX_ITEMS} ${what} are allowed.`);
  if (!value.every((item) => isObject(item) && valid(item))) throw badRequest(`The ${what} are invalid.`);
}
